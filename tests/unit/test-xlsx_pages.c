/* test-xlsx_pages.c - the first page left unnumbered (xlsx_pages.h): a
 * workbook written through xlsx.h with a document (numbered from its
 * second page), a sheet numbered on every page and one without numbers
 * comes out with differentFirst on the first only, every other entry as
 * it was, wherever the chunks the text is read in cut the tag; what is
 * not a workbook, or not a regular file, or a sheet without a header, is
 * refused with the reason. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "xlsx.h"
#include "xlsx_pages.h"

#include <zip.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The text of the entry `name` of the zip archive in fd. */
static char *entry(int fd, const char *name)
{
    zip_error_t ze;
    zip_error_init(&ze);
    int copy = dup(fd);
    assert_true(copy >= 0);
    zip_source_t *src = zip_source_filep_create(fdopen(copy, "rb"), 0, -1, &ze);
    assert_non_null(src);
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
    assert_non_null(z);
    zip_stat_t st;
    assert_int_equal(zip_stat(z, name, 0, &st), 0);
    char *text = calloc(1, (size_t)st.size + 1);
    zip_file_t *f = zip_fopen(z, name, 0);
    assert_non_null(f);
    assert_int_equal(zip_fread(f, text, st.size), (zip_int64_t)st.size);
    zip_fclose(f);
    zip_discard(z);
    zip_error_fini(&ze);
    return text;
}

/* A workbook of three sheets: a document, a numbered sheet of data, and a
 * sheet without page numbers. */
static FILE *three_sheets(bool *ok)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    strbuf err = STRBUF_INIT;
    xlsx_book *b = xlsx_open(fileno(f), "Times New Roman", 12,
                             (date){2026, 12, 3}, "thử", &err);
    assert_non_null(b);
    xlsx_style st = {0};
    st.fill = XLSX_NO_FILL;
    xlsx_page document = {.paper = 9,
                          .page_numbers = 1,
                          .first_unnumbered = true};
    xlsx_page numbered = {.paper = 9, .page_numbers = 2};
    xlsx_page plain = {.paper = 9};
    xlsx_sheet *one = xlsx_add_sheet(b, "một");
    xlsx_text(one, 0, 0, "<headerFooter>", &st); /* cell text: not a tag */
    xlsx_set_page(one, &document, 0);
    xlsx_sheet *two = xlsx_add_sheet(b, "hai");
    xlsx_text(two, 0, 0, "hai", &st);
    xlsx_set_page(two, &plain, 0);
    xlsx_sheet *three = xlsx_add_sheet(b, "ba");
    xlsx_text(three, 0, 0, "ba", &st);
    xlsx_set_page(three, &numbered, 0);
    *ok = xlsx_close(b, &err);
    strbuf_release(&err);
    return f;
}

static void only_documents_change(void **state)
{
    (void)state;
    bool ok;
    FILE *f = three_sheets(&ok);
    assert_true(ok);
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

static void nothing_to_do_leaves_the_file(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    fputs("not a workbook", f);
    fflush(f);
    strbuf err = STRBUF_INIT;
    assert_true(xlsx_pages_unnumber_first(fileno(f), NULL, 0, &err));
    assert_int_equal(err.len, 0);
    char buf[32] = {0};
    assert_int_equal(pread(fileno(f), buf, sizeof buf - 1, 0), 14);
    assert_string_equal(buf, "not a workbook");
    fclose(f);
}

static void what_is_not_a_workbook_is_refused(void **state)
{
    (void)state;
    size_t first = 1;
    strbuf err = STRBUF_INIT;
    FILE *f = tmpfile();
    assert_non_null(f);
    fputs("not a workbook", f);
    fflush(f);
    assert_false(xlsx_pages_unnumber_first(fileno(f), &first, 1, &err));
    assert_non_null(strstr(strbuf_str(&err), "cannot open the workbook"));
    fclose(f);

    int pipe_fds[2];
    assert_int_equal(pipe(pipe_fds), 0);
    strbuf_reset(&err);
    assert_false(xlsx_pages_unnumber_first(pipe_fds[0], &first, 1, &err));
    assert_non_null(strstr(strbuf_str(&err), "not a regular file"));
    close(pipe_fds[0]);
    close(pipe_fds[1]);

    /* a sheet the workbook does not have */
    bool ok;
    f = three_sheets(&ok);
    size_t fourth = 4;
    strbuf_reset(&err);
    assert_false(xlsx_pages_unnumber_first(fileno(f), &fourth, 1, &err));
    assert_non_null(strstr(strbuf_str(&err), "sheet4.xml"));
    fclose(f);
    strbuf_release(&err);
}

/* The tag is found wherever the 64 KiB chunks the text is read in cut
 * it: sheets whose text before it grows a byte at a time across the
 * first chunk's end. */
static void a_tag_across_chunks_is_found(void **state)
{
    (void)state;
    enum { FIRST = 65536 - 700, LAST = 65536 - 620 }; /* tag at 65488..65568 */
    FILE *f = tmpfile();
    assert_non_null(f);
    strbuf err = STRBUF_INIT;
    xlsx_book *b = xlsx_open(fileno(f), "Times New Roman", 12,
                             (date){2026, 12, 3}, "thử", &err);
    assert_non_null(b);
    xlsx_style st = {0};
    st.fill = XLSX_NO_FILL;
    xlsx_page document = {.paper = 9,
                          .page_numbers = 1,
                          .first_unnumbered = true};
    char *text = malloc(LAST + 1);
    assert_non_null(text);
    for (size_t n = FIRST; n <= LAST; n++) {
        char name[32];
        snprintf(name, sizeof name, "s%zu", n);
        xlsx_sheet *s = xlsx_add_sheet(b, name);
        memset(text, 'x', n / 2);
        text[n / 2] = '\0';
        xlsx_text(s, 0, 0, text, &st);
        memset(text, 'y', n - n / 2);
        text[n - n / 2] = '\0';
        xlsx_text(s, 1, 0, text, &st);
        xlsx_set_page(s, &document, 1);
        xlsx_end_sheet(s);
    }
    free(text);
    assert_true(xlsx_close(b, &err));
    for (size_t i = 1; i <= LAST - FIRST + 1; i++) {
        char name[64];
        snprintf(name, sizeof name, "xl/worksheets/sheet%zu.xml", i);
        char *sheet = entry(fileno(f), name);
        assert_non_null(
            strstr(sheet, "<headerFooter differentFirst=\"1\"><oddHeader>"));
        assert_null(strstr(sheet, "<headerFooter>"));
        free(sheet);
    }
    strbuf_release(&err);
    fclose(f);
}

/* A sheet named without a header or footer is refused: its size was
 * promised with the attribute. */
static void a_sheet_without_header_is_refused(void **state)
{
    (void)state;
    bool ok;
    FILE *f = three_sheets(&ok);
    assert_true(ok);
    size_t second = 2;
    strbuf err = STRBUF_INIT;
    assert_false(xlsx_pages_unnumber_first(fileno(f), &second, 1, &err));
    assert_non_null(strstr(strbuf_str(&err), "cannot rewrite the workbook"));
    strbuf_release(&err);
    fclose(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(only_documents_change),
        cmocka_unit_test(nothing_to_do_leaves_the_file),
        cmocka_unit_test(what_is_not_a_workbook_is_refused),
        cmocka_unit_test(a_tag_across_chunks_is_found),
        cmocka_unit_test(a_sheet_without_header_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
