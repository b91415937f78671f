/* test-tabular.c - one table as CSV and as a sheet (tabular.h): the same
 * cells, typed in the sheet, read back with xlsx_read. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tabular.h"
#include "xlsx_read.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const header[] = {"id", "title", "due", "days", "note"};

/* Two rows: an id like a number, a formula-looking title with a control
 * character, a date (one before 1900 in the second row), a number, an
 * empty cell. */
static void rows(tabular *t)
{
    date due = {2026, 10, 15}, old = {1899, 12, 31};
    tabular_header(t, header, 5);
    tabular_text(t, "2.10");
    tabular_text(t, "=1+1\x1b; x");
    tabular_date(t, &due);
    tabular_number(t, -3);
    tabular_text(t, NULL);
    tabular_end_row(t);
    tabular_text(t, "1");
    tabular_text(t, "Tập huấn");
    tabular_date(t, &old);
    tabular_number(t, 0);
    tabular_date(t, NULL);
    tabular_end_row(t);
    tabular_finish(t);
}

static void as_csv(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    tabular t;
    tabular_init_csv(&t, &sb);
    rows(&t);
    assert_string_equal(strbuf_str(&sb), "id,title,due,days,note\r\n"
                                         "2.10,\"'=1+1; x\",2026-10-15,-3,\r\n"
                                         "1,Tập huấn,1899-12-31,0,\r\n");
    strbuf_release(&sb);
}

static const xlsx_cell *cell(const xlsx_read_sheet *s, uint32_t row,
                             uint32_t col)
{
    return xlsx_read_cell_at(s, row, col);
}

static void as_sheet(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    strbuf err = STRBUF_INIT;
    xlsx_book *b = xlsx_open(fileno(f), "Times New Roman", 12,
                             (date){2026, 12, 3}, "Hạn", &err);
    assert_non_null(b);
    tabular t;
    tabular_init_sheet(&t, xlsx_add_sheet(b, "Hạn"));
    rows(&t);
    assert_true(xlsx_close(b, &err));
    strbuf_release(&err);

    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    rewind(f);
    char *data = malloc((size_t)len);
    assert_int_equal(fread(data, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    xlsx_error e;
    xlsx_read_error_init(&e);
    xlsx_read_book *book = xlsx_read_memory(data, (size_t)len, NULL, &e);
    assert_non_null(book);
    const xlsx_read_sheet *s = &book->sheets[0];
    assert_string_equal(s->name, "Hạn");
    assert_int_equal(s->max_row, 3);
    assert_int_equal(s->max_col, 5);
    for (uint32_t c = 1; c <= 5; c++)
        assert_string_equal(cell(s, 1, c)->text, header[c - 1]);

    const xlsx_cell *id = cell(s, 2, 1), *title = cell(s, 2, 2);
    assert_int_equal(id->kind, XLSX_TEXT); /* an id stays text */
    assert_string_equal(id->text, "2.10");
    assert_int_equal(title->kind, XLSX_TEXT); /* no formula, no apostrophe */
    assert_false(title->formula);
    assert_string_equal(title->text, "=1+1; x");

    const xlsx_cell *due = cell(s, 2, 3);
    date d;
    assert_int_equal(due->kind, XLSX_NUMBER);
    assert_true(due->is_date);
    assert_true(xlsx_read_serial_date(book, due->number, &d));
    assert_int_equal(date_cmp(d, (date){2026, 10, 15}), 0);
    const xlsx_cell *old = cell(s, 3, 3); /* before 1900: ISO text */
    assert_int_equal(old->kind, XLSX_TEXT);
    assert_string_equal(old->text, "1899-12-31");

    const xlsx_cell *days = cell(s, 2, 4);
    assert_int_equal(days->kind, XLSX_NUMBER);
    assert_false(days->is_date);
    assert_true(days->number == -3);
    assert_null(cell(s, 2, 5));
    assert_null(cell(s, 3, 5));
    assert_string_equal(cell(s, 3, 1)->text, "1");

    xlsx_read_free(book);
    xlsx_read_error_release(&e);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(as_csv),
        cmocka_unit_test(as_sheet),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
