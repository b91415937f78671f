/* tabular.h - one table written as CSV or as an Excel sheet, cell by cell.
 *
 * The CSV and the workbook of "deadlines" and "status" are the same table:
 * a formatter says each cell once, with its type, and the table writes it
 * as CSV (csv.h: a date in ISO form, a number as digits) or as a typed
 * cell of a sheet (xlsx.h: a date cell shown dd/mm/yyyy - one before
 * 1900, which Excel cannot hold, as ISO text -, a number cell,
 * text - ids such as "2.1" included - as text, never a formula). A text
 * cell leaves out the control characters CSV leaves out, so both hold
 * the same words. The sheet's header row is bold, frozen and filtered,
 * and each column is as wide as its longest cell, within bounds.
 * Rows are written top to bottom (the sheet streams them, xlsx.h). */
#ifndef KEHOACH_TABULAR_H
#define KEHOACH_TABULAR_H

#include "date.h"
#include "strbuf.h"
#include "xlsx.h"

#include <stddef.h>
#include <stdint.h>

typedef struct tabular {
    strbuf *csv;       /* CSV: the text written to; NULL for a sheet */
    xlsx_sheet *sheet; /* else the sheet */
    uint32_t row, col, ncols;
    double *width; /* the sheet's columns, in letters */
} tabular;

/* A table written as CSV into out, or into the sheet s. */
void tabular_init_csv(tabular *t, strbuf *out);
void tabular_init_sheet(tabular *t, xlsx_sheet *s);

/* The header row: n column names. */
void tabular_header(tabular *t, const char *const *names, size_t n);

void tabular_text(tabular *t, const char *s); /* NULL: an empty cell */
void tabular_number(tabular *t, long n);
void tabular_date(tabular *t, const date *d); /* NULL: an empty cell */
void tabular_end_row(tabular *t);

/* After the last row: the sheet's widths, frozen header and filter. Frees
 * what the table holds. */
void tabular_finish(tabular *t);

#endif
