/* tabular.c - a table as CSV or as a sheet (see tabular.h). */
#include "tabular.h"

#include "csv.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_WIDTH 8.0         /* letters: a column narrower is hard to click */
#define MAX_WIDTH 60.0        /* a longer text runs on under its neighbours */
#define EXCEL_FIRST_YEAR 1900 /* a date cell before it is no date to Excel */
#define PADDING \
    2.0 /* letters beside the longest cell (and the filter's
                          button beside a header) */

static const xlsx_style plain = {.fill = XLSX_NO_FILL};
static const xlsx_style header = {.bold = true, .fill = XLSX_NO_FILL};
static const xlsx_style day = {.fill = XLSX_NO_FILL,
                               .number_format = "dd/mm/yyyy"};

void tabular_init_csv(tabular *t, strbuf *out)
{
    *t = (tabular){.csv = out};
}

void tabular_init_sheet(tabular *t, xlsx_sheet *s)
{
    *t = (tabular){.sheet = s};
}

/* The cell at the next column of the sheet is `letters` wide. */
static void widen(tabular *t, double letters)
{
    if (t->col >= t->ncols)
        return;
    if (letters > t->width[t->col])
        t->width[t->col] = letters;
}

void tabular_header(tabular *t, const char *const *names, size_t n)
{
    if (t->sheet) {
        t->ncols = (uint32_t)n;
        t->width = xcalloc(n ? n : 1, sizeof *t->width);
        for (size_t i = 0; i < n; i++) {
            xlsx_text(t->sheet, t->row, (uint32_t)i, names[i], &header);
            t->col = (uint32_t)i;
            widen(t, xlsx_letters_wide(names[i], strlen(names[i])) *
                         XLSX_BOLD_WIDTH);
        }
        t->col = 0;
        t->row++;
        return;
    }
    for (size_t i = 0; i < n; i++)
        csv_text(t->csv, names[i], i == 0);
    csv_end_row(t->csv);
}

void tabular_text(tabular *t, const char *s)
{
    if (t->csv) {
        csv_text(t->csv, s, t->col++ == 0);
        return;
    }
    strbuf clean = STRBUF_INIT;
    if (s)
        csv_clean(&clean, s);
    xlsx_text(t->sheet, t->row, t->col, strbuf_str(&clean), &plain);
    widen(t, xlsx_letters_wide(clean.buf ? clean.buf : "", clean.len));
    strbuf_release(&clean);
    t->col++;
}

void tabular_number(tabular *t, long n)
{
    if (t->csv) {
        csv_number(t->csv, n, t->col++ == 0);
        return;
    }
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%ld", n);
    xlsx_number(t->sheet, t->row, t->col, (double)n, &plain);
    widen(t, (double)len);
    t->col++;
}

void tabular_date(tabular *t, const date *d)
{
    if (t->csv) {
        char iso[11] = "";
        if (d)
            date_format_iso(*d, iso);
        csv_text(t->csv, iso, t->col++ == 0);
        return;
    }
    if (d && d->year >= EXCEL_FIRST_YEAR) {
        xlsx_date(t->sheet, t->row, t->col, *d, &day);
    } else if (d) {
        char iso[11];
        date_format_iso(*d, iso);
        xlsx_text(t->sheet, t->row, t->col, iso, &plain);
    }
    widen(t, 10);
    t->col++;
}

void tabular_end_row(tabular *t)
{
    if (t->csv)
        csv_end_row(t->csv);
    else
        t->row++;
    t->col = 0;
}

void tabular_finish(tabular *t)
{
    if (t->sheet && t->ncols) {
        for (uint32_t i = 0; i < t->ncols; i++) {
            double w = t->width[i] + PADDING;
            xlsx_column_width(t->sheet, i,
                              w < MIN_WIDTH   ? MIN_WIDTH
                              : w > MAX_WIDTH ? MAX_WIDTH
                                              : w);
        }
        xlsx_freeze(t->sheet, 1, 0);
        xlsx_filter(t->sheet, 0, 0, t->row - 1, t->ncols - 1);
    }
    free(t->width);
    t->width = NULL;
}
