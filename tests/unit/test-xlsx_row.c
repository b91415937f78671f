/* test-xlsx_row.c - a row written whole (xlsx_row) gives the workbook
 * libxlsxwriter gives for the same cells written one by one: the two
 * files are compared byte for byte, over the texts its escaping treats
 * apart (control characters, & < >, spaces at either end), blank cells,
 * numbers (negative zero, whole, past 10^15, fractions), dates, styles, columns past Z, a text too long for a cell, a
 * row made taller first, and a filter and print area ending at the last
 * row written whole. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NCOLS 30

static const xlsx_style plain = {.fill = XLSX_NO_FILL};
static const xlsx_style bold_filled = {.bold = true, .fill = 0xC6EFCE};
static const xlsx_style day = {.fill = XLSX_NO_FILL,
                               .number_format = "dd/mm/yyyy"};
static const xlsx_style whole = {.fill = XLSX_NO_FILL,
                                 .number_format = "0",
                                 .border = true};

static const char *const texts[] = {
    "plain",
    " leading space",
    "trailing space ",
    "\ttab first",
    "newline last\n",
    "a & b < c > d \"quoted\" 'single'",
    "&lt; already an entity",
    "control \x01\x08\x0b\x0c\x0d\x1b\x1f characters",
    "\x0d carriage return first",
    "last is a control \x0b",
    "ends with &",
    "_x0041_ looks escaped",
    "Tập huấn cán bộ, ngày 05/03/2026",
    "=1+1",
    "",
};
#define NTEXTS (sizeof texts / sizeof texts[0])

/* The cells of row r: every kind, in every column past Z. */
static void cells_of(uint32_t r, xlsx_row_cell *cells, char *long_text)
{
    for (uint32_t i = 0; i < NCOLS; i++) {
        xlsx_row_cell *c = &cells[i];
        *c = (xlsx_row_cell){.style = (i + r) % 3 ? &plain : &bold_filled};
        switch ((i + r) % 6) {
        case 0:
            c->kind = XLSX_CELL_BLANK;
            break;
        case 1:
        case 2:
            c->kind = XLSX_CELL_TEXT;
            c->text = texts[(i * 7 + r) % NTEXTS];
            break;
        case 3:
            c->kind = XLSX_CELL_NUMBER;
            c->number = (double)r * 1000.25 - (double)i / 3.0;
            c->style = &whole;
            break;
        case 4:
            c->kind = XLSX_CELL_DATE;
            c->day =
                (date){1900 + (int)(r * 13 + i) % 200, 1 + i % 12, 1 + r % 28};
            c->style = &day;
            break;
        default:
            c->kind = XLSX_CELL_TEXT;
            c->text = r % 2 ? NULL : "x";
            break;
        }
    }
    if (r == 9) { /* numbers printf writes apart: signs, sizes, fractions */
        static const double numbers[] = {-0.0,
                                         0,
                                         -3,
                                         46028,
                                         1e15 - 1,
                                         1e15,
                                         -1e15 + 1,
                                         1e20,
                                         0.1,
                                         -2.5e-7,
                                         123456789012345678.0,
                                         1.0 / 3};
        for (uint32_t i = 0; i < NCOLS; i++) {
            cells[i].kind = XLSX_CELL_NUMBER;
            cells[i].number = numbers[i % (sizeof numbers / sizeof *numbers)];
        }
    }
    if (r == 5) { /* longer than a cell holds: cut, with an ellipsis */
        cells[1].kind = XLSX_CELL_TEXT;
        cells[1].text = long_text;
    }
}

/* The workbook of the test, written with xlsx_row or cell by cell; its
 * bytes, in a malloc'd buffer. */
static char *workbook(bool whole_rows, size_t *len)
{
    char path[] = "/tmp/test-xlsx_row-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    unlink(path);
    strbuf err = STRBUF_INIT;
    xlsx_book *b = xlsx_open(fd, "Calibri", 11, (date){2026, 1, 2}, "t", &err);
    assert_non_null(b);
    xlsx_sheet *s = xlsx_add_sheet(b, "rows");
    char *long_text = malloc(XLSX_MAX_TEXT + 101);
    memset(long_text, 'a', XLSX_MAX_TEXT + 100);
    long_text[XLSX_MAX_TEXT + 100] = '\0';
    xlsx_merge(s, 0, 0, 3, "a merged heading", &bold_filled);
    xlsx_text(s, 1, 0, "a header", &bold_filled);
    uint32_t last = 12;
    for (uint32_t r = 2; r <= last; r++) {
        xlsx_row_cell cells[NCOLS];
        cells_of(r, cells, long_text);
        if (r == 7) /* a taller row: its cells go one by one */
            xlsx_row_height(s, r, 40);
        if (whole_rows) {
            xlsx_row(s, r, cells, NCOLS);
            continue;
        }
        for (uint32_t i = 0; i < NCOLS; i++) {
            const xlsx_row_cell *c = &cells[i];
            switch (c->kind) {
            case XLSX_CELL_BLANK:
                xlsx_blank(s, r, i, c->style);
                break;
            case XLSX_CELL_TEXT:
                xlsx_text(s, r, i, c->text, c->style);
                break;
            case XLSX_CELL_NUMBER:
                xlsx_number(s, r, i, c->number, c->style);
                break;
            case XLSX_CELL_DATE:
                xlsx_date(s, r, i, c->day, c->style);
                break;
            }
        }
    }
    xlsx_filter(s, 1, 0, last, NCOLS - 1);
    xlsx_page page = {.paper = 9, .print_columns = NCOLS};
    xlsx_set_page(s, &page, last);
    xlsx_end_sheet(s);
    assert_true(xlsx_close(b, &err));
    assert_int_equal(err.len, 0);
    free(long_text);
    FILE *f = fdopen(fd, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    rewind(f);
    char *bytes = malloc((size_t)size);
    assert_int_equal(fread(bytes, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    *len = (size_t)size;
    return bytes;
}

static void same_bytes_as_cell_by_cell(void **state)
{
    (void)state;
    size_t whole_len, cells_len;
    char *whole_bytes = workbook(true, &whole_len);
    char *cell_bytes = workbook(false, &cells_len);
    assert_int_equal(whole_len, cells_len);
    assert_memory_equal(whole_bytes, cell_bytes, whole_len);
    free(whole_bytes);
    free(cell_bytes);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_bytes_as_cell_by_cell),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
