/* xlsx_read.h - the cells of an xlsx workbook, read at a bounded cost.
 *
 * An xlsx file is a zip archive of XML parts (ECMA-376, SpreadsheetML).
 * The archive is read with libzip and each part streamed through expat
 * (opc.h, shared with docx_read.h),
 * never held whole as a tree: xl/workbook.xml (the sheets' names, order
 * and visibility, the 1900 or 1904 date system), its relationships (which
 * part is which sheet), xl/sharedStrings.xml, xl/styles.xml (which number
 * formats show a date or a percent) and each worksheet.
 *
 * What real applications write is understood: shared and inline strings,
 * rich text runs (joined), numbers, booleans, errors ("#N/A"), cells with
 * a formula (their cached value; a formula saved without one is kept as
 * XLSX_NO_VALUE for the caller to refuse at its cell), empty and sparse
 * rows, cells without a reference (placed after the previous one).
 *
 * A hostile file is refused, with the part and line where it was seen,
 * before it costs more than the limits: the file's size, each part's
 * uncompressed size and ratio (counted while inflating, never taken from
 * the archive's own claims), the sum of all parts, rows, cells and text
 * lengths, cells beyond Excel's grid (1,048,576 rows, 16,384 columns).
 * A document type declaration is refused outright, so no entity is ever
 * expanded and no external entity is ever fetched.
 *
 * The workbook read is an xlsx_read_book, its sheets xlsx_read_sheet:
 * xlsx_book and xlsx_sheet are the writer's (render/xlsx.h), and a
 * workbook read is not one that can be written to. */
#ifndef KEHOACH_XLSX_READ_H
#define KEHOACH_XLSX_READ_H

#include "arena.h"
#include "date.h"
#include "opc.h"
#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define XLSX_MAX_ROWS 1048576u /* Excel's grid */
#define XLSX_MAX_COLS 16384u

typedef enum xlsx_cell_kind {
    XLSX_NUMBER,   /* number; a date when is_date */
    XLSX_TEXT,     /* text: a shared, inline or formula string */
    XLSX_BOOL,     /* number is 0 or 1 */
    XLSX_ERROR,    /* text is the error, "#N/A", "#DIV/0!" */
    XLSX_NO_VALUE, /* a formula saved without its value */
} xlsx_cell_kind;

typedef struct xlsx_cell {
    uint32_t row, col; /* from 1; column 1 is A */
    xlsx_cell_kind kind;
    double number;
    const char *text; /* UTF-8, NUL-terminated; NULL for numbers */
    bool is_date;     /* its number format shows a date or a time */
    bool is_percent;  /* its number format shows a percent */
    bool formula;     /* its value was computed by a formula */
    unsigned line;    /* where it is written in its part */
} xlsx_cell;

typedef struct xlsx_read_sheet {
    const char *name; /* as the tab shows it */
    const char *part; /* "xl/worksheets/sheet1.xml" */
    bool hidden;      /* state="hidden" or "veryHidden" */
    xlsx_cell *cells; /* non-empty cells, by row then column */
    size_t ncells;
    uint32_t max_row, max_col; /* of those cells; 0 when none */
} xlsx_read_sheet;

typedef struct xlsx_read_book {
    arena *a; /* everything lives here */
    bool date1904;
    xlsx_read_sheet *sheets; /* in the workbook's order */
    size_t nsheets;
} xlsx_read_book;

typedef struct xlsx_limits {
    uint64_t max_file_bytes;  /* the .xlsx file itself */
    uint64_t max_part_bytes;  /* one part, uncompressed */
    uint64_t max_total_bytes; /* all parts read, uncompressed */
    uint32_t max_ratio;       /* uncompressed / compressed, for a part larger
                            than 1 MiB uncompressed */
    uint32_t max_rows;        /* the highest row a sheet may use */
    size_t max_cells;         /* non-empty cells, all sheets together */
    size_t max_strings;       /* shared strings */
    size_t max_text;          /* bytes of one cell's text (Excel: 32,767
                            characters) */
    size_t max_sheets;
} xlsx_limits;

/* For forms: 32 MiB file, 64 MiB per part, 256 MiB in all, ratio 100,
 * 100,000 rows, 1,000,000 cells, 1,000,000 strings, 131,068 bytes of
 * text, 256 sheets. */
extern const xlsx_limits xlsx_default_limits;

/* Why a workbook could not be read: where (a part, and a line in it when
 * known; both may be empty) and what, in the language of the messages
 * (i18n.h); see opc.h. */
typedef opc_error xlsx_error;

void xlsx_read_error_init(xlsx_error *e);
void xlsx_read_error_release(xlsx_error *e);

/* Reads the workbook at path: a regular file, opened without following a
 * link. Returns NULL with *err filled when it cannot be read, is not an
 * xlsx workbook, or passes a limit (lim NULL: xlsx_default_limits). */
xlsx_read_book *xlsx_read_file(const char *path, const xlsx_limits *lim,
                               xlsx_error *err);

/* The same from bytes in memory (the fuzz target's way in). */
xlsx_read_book *xlsx_read_memory(const void *data, size_t len,
                                 const xlsx_limits *lim, xlsx_error *err);

void xlsx_read_free(xlsx_read_book *b); /* NULL-safe */

/* The sheet with this name (exactly), or NULL. */
const xlsx_read_sheet *xlsx_read_find_sheet(const xlsx_read_book *b,
                                            const char *name);

/* The cell at row, col, or NULL when it is empty. */
const xlsx_cell *xlsx_read_cell_at(const xlsx_read_sheet *s, uint32_t row,
                                   uint32_t col);

/* "F12"; out holds at least 12 bytes. */
void xlsx_read_cell_name(uint32_t row, uint32_t col, char *out);

/* The day a date serial names in the book's date system (the time of day,
 * its fraction, dropped); false when it names no day between 1900 and
 * 9999. Serial 60 of the 1900 system (the 29 February 1900 Excel
 * invented) is refused. */
bool xlsx_read_serial_date(const xlsx_read_book *b, double serial, date *out);

#endif
