/* test-xlsx_join.c - a workbook written in parts (xlsx_join.h): the same
 * sheets give the same package however they are split into parts, entry
 * for entry, over sheets with charts (two in one), print areas, repeated
 * rows and filters, a hidden sheet first in its part, names Excel quotes
 * and escapes, a sheet written to while others come and go, one never
 * ended, and styles first used in a later part; only the whole's first
 * sheet is selected; documents lose the number of their first page and
 * nothing else does; rows spooled apart come back in their place;
 * the same input gives the same bytes; a file that is not a regular one
 * is refused with the reason. The package is read back with libzip. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "xlsx.h"
#include "zipread.h"

#include <zip.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The text of the entry `name` of the zip archive in fd. */
static char *entry(int fd, const char *name)
{
    zip_t *z = zipread_archive(fd);
    size_t len;
    char *text = zipread_entry(z, name, &len);
    zip_discard(z);
    return text;
}

static const xlsx_style plain = {.fill = XLSX_NO_FILL};
static const xlsx_style bold = {.bold = true, .fill = XLSX_NO_FILL};
static const xlsx_style filled = {.fill = 0xC6EFCE, .border = true};
static const xlsx_style late = {.italic = true, .fill = XLSX_NO_FILL};

/* A document's page: numbered at the top, from its second page. */
static const xlsx_page document_page = {.paper = 9,
                                        .page_numbers = 1,
                                        .first_unnumbered = true};

/* A new workbook written into a temporary file, in *f. */
static xlsx_book *new_book(FILE **f, const char *title)
{
    *f = tmpfile();
    assert_non_null(*f);
    strbuf err = STRBUF_INIT;
    xlsx_book *b = xlsx_open(fileno(*f), "Times New Roman", 12,
                             (date){2026, 12, 3}, title, &err);
    assert_non_null(b);
    strbuf_release(&err);
    return b;
}

/* Closes b, which must succeed. */
static void close_book(xlsx_book *b)
{
    strbuf err = STRBUF_INIT;
    bool ok = xlsx_close(b, &err);
    if (!ok)
        fail_msg("%s", strbuf_str(&err));
    strbuf_release(&err);
}

/* A workbook of three sheets: a document, a numbered sheet of data, and a
 * sheet without page numbers. */
static FILE *three_sheets(void)
{
    FILE *f;
    xlsx_book *b = new_book(&f, "thử");
    xlsx_page numbered = {.paper = 9, .page_numbers = 2};
    xlsx_page unnumbered = {.paper = 9};
    xlsx_sheet *one = xlsx_add_sheet(b, "một");
    xlsx_text(one, 0, 0, "<headerFooter>", &plain); /* cell text: not a tag */
    xlsx_set_page(one, &document_page, 0);
    xlsx_sheet *two = xlsx_add_sheet(b, "hai");
    xlsx_text(two, 0, 0, "hai", &plain);
    xlsx_set_page(two, &unnumbered, 0);
    xlsx_sheet *three = xlsx_add_sheet(b, "ba");
    xlsx_text(three, 0, 0, "ba", &plain);
    xlsx_set_page(three, &numbered, 0);
    close_book(b);
    return f;
}

static void only_documents_change(void **state)
{
    (void)state;
    FILE *f = three_sheets();
    char *one = entry(fileno(f), "xl/worksheets/sheet1.xml");
    char *two = entry(fileno(f), "xl/worksheets/sheet2.xml");
    assert_non_null(
        strstr(one, "<headerFooter differentFirst=\"1\"><oddHeader>"));
    assert_non_null(strstr(one, "useFirstPageNumber=\"1\""));
    assert_null(strstr(two, "headerFooter"));
    char *three = entry(fileno(f), "xl/worksheets/sheet3.xml");
    assert_non_null(strstr(three, "<headerFooter><oddFooter>"));
    free(three);
    /* the cell's text (inline: constant-memory mode) is left as it was */
    assert_non_null(strstr(one, "&lt;headerFooter&gt;"));
    free(one);
    free(two);
    fclose(f);
}

/* Where the rows begin and end in a sheet's text, which must hold one
 * <sheetData> and one </sheetData>, and end the worksheet. */
static void rows_between(const char *sheet, const char **from, const char **to)
{
    *from = strstr(sheet, "<sheetData>");
    *to = strstr(sheet, "</sheetData>");
    assert_non_null(*from);
    assert_non_null(*to);
    assert_null(strstr(*from + 1, "<sheetData>"));
    assert_null(strstr(*to + 1, "</sheetData>"));
    size_t len = strlen(sheet);
    assert_string_equal(sheet + len - strlen("</worksheet>"), "</worksheet>");
}

/* The rows, spooled apart from the sheet's text (rows_spool.h), are put
 * back between <sheetData> and </sheetData>, in the order written, cell
 * by cell and whole rows by turns, across many of the spool's buffers;
 * a sheet without cells keeps an empty <sheetData/>; a sheet never ended
 * has its rows all the same; and the changes of the text around them
 * (the first page unnumbered) are made. libzip checks each CRC. */
static void spooled_rows_are_put_back(void **state)
{
    (void)state;
    enum { ROWS = 20000 };
    FILE *f;
    xlsx_book *b = new_book(&f, "thử");
    xlsx_sheet *empty = xlsx_add_sheet(b, "trống");
    xlsx_set_page(empty, &document_page, 0);
    xlsx_end_sheet(empty);
    xlsx_sheet *rows = xlsx_add_sheet(b, "dòng");
    xlsx_sheet *open = xlsx_add_sheet(b, "mở");
    for (uint32_t r = 0; r < ROWS; r++) {
        char text[48];
        snprintf(text, sizeof text, "<sheetData></sheetData> %u", r);
        if (r % 3) {
            xlsx_row_cell cells[] = {
                {.kind = XLSX_CELL_TEXT, .text = text, .style = &plain},
                {.kind = XLSX_CELL_NUMBER, .number = r, .style = &bold},
            };
            xlsx_row(rows, r, cells, 2);
        } else {
            xlsx_text(rows, r, 0, text, &plain);
            xlsx_number(rows, r, 1, r, &bold);
        }
        xlsx_number(open, r, 0, r, &plain);
    }
    xlsx_set_page(rows, &document_page, ROWS - 1);
    xlsx_end_sheet(rows);
    close_book(b); /* "mở" is ended here */

    char *sheet = entry(fileno(f), "xl/worksheets/sheet1.xml");
    assert_non_null(strstr(sheet, "<sheetData/>"));
    assert_non_null(strstr(sheet, "<headerFooter differentFirst=\"1\">"));
    free(sheet);
    sheet = entry(fileno(f), "xl/worksheets/sheet2.xml");
    const char *from, *to;
    rows_between(sheet, &from, &to);
    assert_non_null(strstr(to, "<headerFooter differentFirst=\"1\">"));
    const char *at = from;
    for (uint32_t r = 0; r < ROWS; r++) {
        char want[160];
        snprintf(want, sizeof want,
                 "<row r=\"%u\"><c r=\"A%u\" s=\"1\" t=\"inlineStr\"><is><t>"
                 "&lt;sheetData&gt;&lt;/sheetData&gt; %u</t>",
                 r + 1, r + 1, r);
        const char *was = at;
        at = strstr(at, want);
        if (!at)
            fail_msg("row %u: %s\nafter: %.300s", r, want, was);
        assert_true(at < to);
    }
    free(sheet);
    sheet = entry(fileno(f), "xl/worksheets/sheet3.xml");
    rows_between(sheet, &from, &to);
    char last[48];
    snprintf(last, sizeof last, "<row r=\"%u\">", ROWS);
    at = strstr(from, last);
    assert_true(at && at < to);
    free(sheet);
    fclose(f);
}

static void chart_rows(xlsx_sheet *s, uint32_t first)
{
    xlsx_text(s, first, 0, "đơn vị", &bold);
    xlsx_text(s, first, 1, "xong", &bold);
    xlsx_text(s, first, 2, "chưa", &bold);
    for (uint32_t r = 1; r <= 3; r++) {
        char name[16];
        snprintf(name, sizeof name, "unit %u", r);
        xlsx_text(s, first + r, 0, name, &plain);
        xlsx_number(s, first + r, 1, r, &filled);
        xlsx_number(s, first + r, 2, 4 - r, &filled);
    }
}

static void chart_of(xlsx_sheet *s, uint32_t first, const char *title)
{
    static const uint32_t colors[] = {0x00B050, 0xC00000};
    xlsx_chart c = {.title = title,
                    .first_row = first + 1,
                    .last_row = first + 3,
                    .cat_col = 0,
                    .first_value_col = 1,
                    .nseries = 2,
                    .colors = colors,
                    .row = first,
                    .col = 4,
                    .width = 480,
                    .height = 288,
                    .font = "Times New Roman",
                    .longest = 4};
    xlsx_insert_chart(s, &c);
}

/* Eleven sheets: a summary written to as the others come and go (each
 * ended once written), documents with charts, sheets of data with
 * filters, a hidden sheet, names with quotes and ampersands, a style
 * first used late, and a last sheet never ended. */
static FILE *eleven_sheets(size_t part_sheets)
{
    FILE *f;
    xlsx_book *b = new_book(&f, "thử & <xem>");
    xlsx_set_part_sheets(b, part_sheets);
    xlsx_page document = {.paper = 9,
                          .page_numbers = 1,
                          .first_unnumbered = true,
                          .repeat_rows = true,
                          .repeat_first = 4,
                          .repeat_last = 4,
                          .print_columns = 6};
    xlsx_page data = {.paper = 9, .page_numbers = 2, .print_columns = 3};
    xlsx_sheet *summary = xlsx_add_sheet(b, "Tổng hợp");
    xlsx_text(summary, 0, 0, "kế hoạch", &bold);
    static const char *const names[] = {"một",     "hai's plan", "ba & bốn",
                                        "\"năm\"", "sáu",        "bảy",
                                        "tám",     "chín",       "mười"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        xlsx_sheet *s = xlsx_add_sheet(b, names[i]);
        xlsx_text(summary, (uint32_t)i + 1, 0, names[i],
                  i == 7 ? &late : &plain);
        if (i % 3 == 0) {
            chart_rows(s, 0);
            chart_of(s, 0, names[i]);
            if (i == 3) { /* two charts in one sheet */
                chart_rows(s, 6);
                chart_of(s, 6, "hai biểu đồ");
            }
            xlsx_set_page(s, &document, 9);
        } else {
            xlsx_text(s, 0, 0, "mã", &bold);
            xlsx_number(s, 1, 0, (double)i, &plain);
            xlsx_filter(s, 0, 0, 1, 2);
            xlsx_set_page(s, &data, 1);
        }
        if (i == 4)
            xlsx_hide(s);
        xlsx_end_sheet(s);
    }
    xlsx_sheet *open = xlsx_add_sheet(b, "còn mở");
    xlsx_text(open, 0, 0, "never ended", &late);
    xlsx_filter(summary, 0, 0, 9, 0);
    xlsx_set_page(summary, &data, 9);
    xlsx_end_sheet(summary);
    close_book(b);
    return f;
}

/* Each entry of the two packages, by name, holds the same bytes. */
static void assert_same_entries(FILE *fa, FILE *fb)
{
    zip_t *a = zipread_archive(fileno(fa)), *b = zipread_archive(fileno(fb));
    zip_int64_t n = zip_get_num_entries(a, 0);
    assert_int_equal(n, zip_get_num_entries(b, 0));
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(a, (zip_uint64_t)i, 0);
        zip_stat_t sa, sb;
        assert_int_equal(zip_stat_index(a, (zip_uint64_t)i, 0, &sa), 0);
        if (zip_stat(b, name, 0, &sb) != 0)
            fail_msg("%s is missing", name);
        if (sa.size != sb.size || sa.crc != sb.crc)
            fail_msg("%s differs", name);
    }
    zip_discard(a);
    zip_discard(b);
}

static void parts_make_the_same_package(void **state)
{
    (void)state;
    FILE *whole = eleven_sheets(64);
    /* one part: what the whole says */
    char *wb = entry(fileno(whole), "xl/workbook.xml");
    assert_non_null(strstr(
        wb, "<sheets><sheet name=\"Tổng hợp\" sheetId=\"1\" r:id=\"rId1\"/>"));
    assert_non_null(strstr(wb, "<sheet name=\"sáu\" sheetId=\"6\" "
                               "state=\"hidden\" r:id=\"rId6\"/>"));
    assert_non_null(strstr(wb, "<sheet name=\"ba &amp; bốn\" sheetId=\"4\""));
    assert_non_null(strstr(wb, "<sheet name=\"&quot;năm&quot;\""));
    assert_non_null(
        strstr(wb,
               "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"4\">"
               "'\"năm\"'!$5:$5</definedName>"));
    free(wb);
    char *app = entry(fileno(whole), "docProps/app.xml");
    assert_non_null(strstr(app, "<vt:i4>11</vt:i4>"));
    assert_non_null(strstr(app, "<vt:lpstr>\"năm\"</vt:lpstr>"));
    free(app);
    for (size_t n = 1; n <= 3; n++) {
        FILE *parts = eleven_sheets(n);
        assert_same_entries(whole, parts);
        fclose(parts);
    }
    /* only the first sheet is selected, and charts are where inserted */
    for (int i = 1; i <= 11; i++) {
        char name[64];
        snprintf(name, sizeof name, "xl/worksheets/sheet%d.xml", i);
        char *sheet = entry(fileno(whole), name);
        assert_int_equal(strstr(sheet, "tabSelected") != NULL, i == 1);
        free(sheet);
    }
    char *rels = entry(fileno(whole), "xl/drawings/_rels/drawing5.xml.rels");
    assert_non_null(strstr(rels, "Target=\"../charts/chart2.xml\""));
    assert_non_null(strstr(rels, "Target=\"../charts/chart3.xml\""));
    free(rels);
    char *chart = entry(fileno(whole), "xl/charts/chart3.xml");
    assert_non_null(strstr(chart, "hai biểu đồ"));
    free(chart);
    fclose(whole);
}

static void the_same_input_gives_the_same_bytes(void **state)
{
    (void)state;
    FILE *a = eleven_sheets(2), *b = eleven_sheets(2);
    fseek(a, 0, SEEK_END);
    fseek(b, 0, SEEK_END);
    long size = ftell(a);
    assert_int_equal(size, ftell(b));
    char *ta = malloc((size_t)size), *tb = malloc((size_t)size);
    assert_int_equal(pread(fileno(a), ta, (size_t)size, 0), size);
    assert_int_equal(pread(fileno(b), tb, (size_t)size, 0), size);
    assert_memory_equal(ta, tb, (size_t)size);
    free(ta);
    free(tb);
    fclose(a);
    fclose(b);
}

static void what_is_not_a_regular_file_is_refused(void **state)
{
    (void)state;
    int pipe_fds[2];
    assert_int_equal(pipe(pipe_fds), 0);
    strbuf err = STRBUF_INIT;
    assert_null(xlsx_open(pipe_fds[1], "Times New Roman", 12,
                          (date){2026, 12, 3}, NULL, &err));
    assert_non_null(strstr(strbuf_str(&err), "not a regular file"));
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    strbuf_release(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(only_documents_change),
        cmocka_unit_test(spooled_rows_are_put_back),
        cmocka_unit_test(parts_make_the_same_package),
        cmocka_unit_test(the_same_input_gives_the_same_bytes),
        cmocka_unit_test(what_is_not_a_regular_file_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
