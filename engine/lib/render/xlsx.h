/* xlsx.h - writing Excel workbooks: the one module that includes
 * <xlsxwriter.h>.
 *
 * A thin layer over libxlsxwriter in its constant-memory mode: each sheet's
 * rows go to a temporary file as they are written, so a workbook of any
 * size needs memory for one row per sheet, not for the workbook. Rows of a
 * sheet must therefore be written top to bottom (a row, once left, is
 * final); sheets are independent of each other. The sheets are written in
 * parts, each a libxlsxwriter workbook of its own joined into the file
 * when its sheets end (xlsx_join.h), so that what libxlsxwriter keeps of
 * a sheet until its workbook is closed is kept for one part's sheets. Cell styles are described
 * by value (xlsx_style) and turned into libxlsxwriter formats once each.
 * The document's creation date is given, never read from the clock, so the
 * same input gives the same bytes. A sheet whose pages are numbered is
 * numbered from 1; a document's has no number on its first page
 * (xlsx_join.h). Sheet names are made valid for Excel.
 * Errors are collected in the book and reported by xlsx_close(). */
#ifndef KEHOACH_XLSX_H
#define KEHOACH_XLSX_H

#include "date.h"
#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define XLSX_MAX_ROWS 1048576u
#define XLSX_MAX_TEXT 32767u    /* characters in a cell */
#define XLSX_SHEET_NAME_MAX 31u /* characters in a sheet name */

typedef struct xlsx_book xlsx_book;
typedef struct xlsx_sheet xlsx_sheet;

typedef enum xlsx_align {
    XLSX_ALIGN_GENERAL, /* text left, numbers right */
    XLSX_ALIGN_LEFT,
    XLSX_ALIGN_CENTER,
    XLSX_ALIGN_RIGHT,
} xlsx_align;

typedef struct xlsx_style {
    double size; /* points; 0: the book's */
    bool bold, italic, underline;
    bool wrap, border;
    bool middle; /* vertically centred (else top) */
    xlsx_align align;
    uint32_t fill;             /* 0xRRGGBB, or XLSX_NO_FILL */
    const char *number_format; /* NULL: General */
    bool unlocked; /* may be changed on a protected sheet (xlsx_protect) */
} xlsx_style;

#define XLSX_NO_FILL 0xFFFFFFFFu

typedef struct xlsx_page {
    bool landscape;
    int paper;           /* Excel's code: 9 A4, 8 A3, 1 Letter */
    double margin_mm[4]; /* top, bottom, left, right */
    bool fit_width;      /* one page wide, as many long */
    bool repeat_rows;    /* repeat rows first..last on each page */
    uint32_t repeat_first, repeat_last;
    int page_numbers;       /* 0 none, 1 top centre, 2 bottom centre */
    bool first_unnumbered;  /* a document's: no number on its first page
                               (xlsx_join.h) */
    uint32_t print_columns; /* print area: columns 0..n-1; 0: all */
} xlsx_page;

/* Starts a workbook to be written, when closed, into the file open as fd
 * (which it writes from its start, through the descriptor, never by the
 * file's name). font and size are the default of every cell; created is
 * the document's creation date; title may be NULL. Returns NULL with the
 * reason in err (strbuf.h). */
xlsx_book *xlsx_open(int fd, const char *font, double size, date created,
                     const char *title, strbuf *err);

/* Sheets a part holds (xlsx_join.h): a part's sheets are in memory
 * until all of them have ended; more parts cost more time. */
#define XLSX_PART_SHEETS 64

/* Sets the sheets a part of b holds, from its next part on (tests set a
 * few to have many parts). */
void xlsx_set_part_sheets(xlsx_book *b, size_t n);

/* Closes the workbook, writing the file. Returns false with the reason in
 * err when anything failed, now or in an earlier call. Frees the book. */
bool xlsx_close(xlsx_book *b, strbuf *err);

/* Cells of text longer than Excel allows, cut to fit so far. */
size_t xlsx_truncated(const xlsx_book *b);

/* Adds a sheet named as near to name as Excel allows (see
 * xlsx_sheet_name). */
xlsx_sheet *xlsx_add_sheet(xlsx_book *b, const char *name);

/* Makes name a valid, unused sheet name: the characters []:*?/\ become
 * "_", apostrophes are dropped from its ends, it is cut to 31 characters,
 * an empty name becomes "Sheet", and a name equal (ignoring case) to one
 * in taken, or "History", gets " (2)", " (3)"... Writes at most 4 bytes
 * per character plus a NUL into out (128 bytes suffice). */
void xlsx_sheet_name(const char *name, const char *const *taken, size_t ntaken,
                     char out[128]);

void xlsx_text(xlsx_sheet *s, uint32_t row, uint32_t col, const char *text,
               const xlsx_style *st);
void xlsx_number(xlsx_sheet *s, uint32_t row, uint32_t col, double value,
                 const xlsx_style *st);
void xlsx_date(xlsx_sheet *s, uint32_t row, uint32_t col, date d,
               const xlsx_style *st);
void xlsx_blank(xlsx_sheet *s, uint32_t row, uint32_t col,
                const xlsx_style *st);
/* A whole row at once: cells[i] goes into column i, as xlsx_text,
 * xlsx_number, xlsx_date or xlsx_blank would write it, with the same
 * bytes in the sheet (libxlsxwriter's own cell path allocates and formats
 * each cell several times: a table of half a million rows spent more in
 * it than in compressing the sheet). Nothing else of the row may have been
 * written, and nothing may be written into it after. */
typedef enum xlsx_row_kind {
    XLSX_CELL_BLANK,
    XLSX_CELL_TEXT, /* text NULL or "": blank */
    XLSX_CELL_NUMBER,
    XLSX_CELL_DATE,
} xlsx_row_kind;

typedef struct xlsx_row_cell {
    xlsx_row_kind kind;
    const char *text;
    double number;
    date day;
    const xlsx_style *style;
} xlsx_row_cell;

void xlsx_row(xlsx_sheet *s, uint32_t row, const xlsx_row_cell *cells,
              size_t n);

/* Merges the range and writes text into it (text may be NULL). */
void xlsx_merge(xlsx_sheet *s, uint32_t row, uint32_t first_col,
                uint32_t last_col, const char *text, const xlsx_style *st);

void xlsx_column_width(xlsx_sheet *s, uint32_t col, double width);

/* Excel and LibreOffice do not size a row to the wrapped text of its
 * cells when they open a file: its height is set from an estimate. A
 * line takes XLSX_LINE_SPACING points per point of type; bold letters
 * are XLSX_BOLD_WIDTH times as wide (pass size * XLSX_BOLD_WIDTH). */
#define XLSX_LINE_SPACING 1.2
#define XLSX_BOLD_WIDTH 1.1
/* The width of n bytes of text in letters of average width (capitals
 * count about a third more). */
double xlsx_letters_wide(const char *s, size_t n);
/* The lines a text takes wrapped in a column `width` characters wide at
 * `size` points (each paragraph on its own, long words broken). */
double xlsx_wrapped_lines(const char *text, double width, double size);
/* A column a person does not see (its width kept for when it is shown). */
void xlsx_column_hidden(xlsx_sheet *s, uint32_t col, double width);
void xlsx_row_height(xlsx_sheet *s, uint32_t row, double points);
void xlsx_set_page(xlsx_sheet *s, const xlsx_page *p, uint32_t last_row);

/* Says the sheet is done: nothing more is written to it or set on it
 * (later calls do nothing). Its last row is written out and the memory
 * that held a row's cells is given back; and once every sheet of its part
 * has ended and the part takes no more (XLSX_PART_SHEETS), the part is
 * joined into the file and what libxlsxwriter held of its sheets is freed.
 * A workbook of thousands of sheets, each ended when written, then holds
 * a few parts, not every sheet. */
void xlsx_end_sheet(xlsx_sheet *s);
void xlsx_freeze(xlsx_sheet *s, uint32_t row, uint32_t col);
void xlsx_filter(xlsx_sheet *s, uint32_t first_row, uint32_t first_col,
                 uint32_t last_row, uint32_t last_col);

/* Protects the sheet, without a password: only cells whose style says
 * `unlocked` can be changed; rows and columns can still be resized, but
 * not inserted or deleted. */
void xlsx_protect(xlsx_sheet *s);
/* Hides the sheet's tab. Not the first sheet: it is the one shown. */
void xlsx_hide(xlsx_sheet *s);

/* What the cells of one column, rows first..last, accept: what Excel and
 * LibreOffice check as a person types (a program writing the file is not
 * checked: the reader of the file checks again). title and message are
 * shown when a cell is selected, and with the refusal of a wrong value. */
typedef enum xlsx_rule {
    XLSX_RULE_LIST,   /* one of items[0..nitems), from a dropdown */
    XLSX_RULE_DATE,   /* a date between from and to */
    XLSX_RULE_NUMBER, /* a number between min and max */
    XLSX_RULE_WHOLE,  /* a whole number between min and max */
} xlsx_rule;

typedef struct xlsx_validation {
    xlsx_rule rule;
    const char *const *items;
    size_t nitems;
    date from, to;
    double min, max;
    const char *title, *message;
} xlsx_validation;
void xlsx_validate(xlsx_sheet *s, uint32_t first_row, uint32_t last_row,
                   uint32_t col, const xlsx_validation *v);

/* A stacked bar chart of a block of the sheet's own: categories in column
 * cat_col, rows first..last; one series per value column, named by the
 * cell above its first value, filled with colors[i]. Placed with its top
 * left corner at (row, col), width x height pixels. */
typedef struct xlsx_chart {
    const char *title;
    uint32_t first_row, last_row, cat_col, first_value_col;
    size_t nseries;
    const uint32_t *colors;
    uint32_t row, col, width, height;
    const char *font;
    double longest; /* the longest bar: the values stacked in a category */
} xlsx_chart;
void xlsx_insert_chart(xlsx_sheet *s, const xlsx_chart *c);

/* The step between the value axis's ticks for bars up to longest: the
 * first of 1, 2, 5, 10, 20, 50, ... that makes at most XLSX_CHART_TICKS
 * steps, so every tick is a whole number. */
#define XLSX_CHART_TICKS 10
double xlsx_chart_step(double longest);

#endif
