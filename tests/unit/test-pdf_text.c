/* test-pdf_text.c - the PDF reader (pdf_text.h) on PDFs written here by
 * hand, so that the place of every word is known: Courier at 10 points,
 * 6 points a character, on pages 400 points wide and 300 high. What is
 * read must be what a person reads: the header's columns one after the
 * other, a table's rows with their cells apart, a paragraph wrapped by
 * the page joined again, page numbers and running footers gone; a page
 * with no text, a damaged file and one beyond the limits refused. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "pdf_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_H 300

/* A line of text: its left edge and its top, from the page's top left. */
typedef struct text_at {
    double x, top;
    const char *s;
} text_at;

/* A page: lines up to one whose s is NULL; draw: a content stream of
 * graphics only, for a page with no text. */
typedef struct page_spec {
    const text_at *lines;
    const char *draw;
} page_spec;

/* The PDF of pages[0..n) (caller releases); locked: encrypted with a
 * password that is not empty (its keys made up: no password opens it). */
static void make_locked_pdf(const page_spec *pages, size_t n, bool locked,
                            strbuf *pdf)
{
    size_t *offsets = calloc(5 + 2 * n, sizeof *offsets);
    size_t obj = 1;
    strbuf_puts(pdf, "%PDF-1.4\n");
    offsets[obj] = pdf->len;
    strbuf_printf(pdf, "%zu 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
                  obj++);
    offsets[obj] = pdf->len;
    strbuf_printf(pdf, "%zu 0 obj\n<< /Type /Pages /Count %zu /Kids [", obj++,
                  n);
    for (size_t p = 0; p < n; p++)
        strbuf_printf(pdf, " %zu 0 R", 4 + 2 * p);
    strbuf_puts(pdf, " ] >>\nendobj\n");
    offsets[obj] = pdf->len;
    strbuf_printf(pdf,
                  "%zu 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont "
                  "/Courier /Encoding /WinAnsiEncoding >>\nendobj\n",
                  obj++);
    for (size_t p = 0; p < n; p++) {
        strbuf content = STRBUF_INIT;
        if (pages[p].draw)
            strbuf_puts(&content, pages[p].draw);
        for (const text_at *t = pages[p].lines; t && t->s; t++)
            strbuf_printf(&content, "BT /F1 10 Tf %.2f %.2f Td (%s) Tj ET\n",
                          t->x, PAGE_H - t->top - 8, t->s);
        offsets[obj] = pdf->len;
        strbuf_printf(pdf,
                      "%zu 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 "
                      "400 %d] /Resources << /Font << /F1 3 0 R >> >> "
                      "/Contents %zu 0 R >>\nendobj\n",
                      obj, PAGE_H, obj + 1);
        obj++;
        offsets[obj] = pdf->len;
        strbuf_printf(
            pdf,
            "%zu 0 obj\n<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n",
            obj, content.len + 1, strbuf_str(&content));
        obj++;
        strbuf_release(&content);
    }
    if (locked) {
        offsets[obj] = pdf->len;
        strbuf_printf(pdf, "%zu 0 obj\n<< /Filter /Standard /V 1 /R 2 /O <",
                      obj);
        strbuf_repeat(pdf, '1', 64);
        strbuf_puts(pdf, "> /U <");
        strbuf_repeat(pdf, '2', 64);
        strbuf_puts(pdf, "> /P -4 >>\nendobj\n");
        obj++;
    }
    size_t xref = pdf->len;
    strbuf_printf(pdf, "xref\n0 %zu\n0000000000 65535 f \n", obj);
    for (size_t k = 1; k < obj; k++)
        strbuf_printf(pdf, "%010zu 00000 n \n", offsets[k]);
    strbuf_printf(pdf, "trailer\n<< /Size %zu /Root 1 0 R", obj);
    if (locked)
        strbuf_printf(pdf,
                      " /Encrypt %zu 0 R /ID [<00112233445566778899aabbcc"
                      "ddeeff> <00112233445566778899aabbccddeeff>]",
                      obj - 1);
    strbuf_printf(pdf, " >>\nstartxref\n%zu\n%%%%EOF\n", xref);
    free(offsets);
}

static void make_pdf(const page_spec *pages, size_t n, strbuf *pdf)
{
    make_locked_pdf(pages, n, false, pdf);
}

static const pdf_text_limits limits = {10, 1u << 20};

/* The text read from pages[0..n), asserting it was read. */
static char *read_pages(const page_spec *pages, size_t n)
{
    strbuf pdf = STRBUF_INIT, out = STRBUF_INIT;
    make_pdf(pages, n, &pdf);
    assert_true(pdf_text_is_pdf(pdf.buf, pdf.len));
    assert_int_equal(pdf_text_read(pdf.buf, pdf.len, &limits, &out),
                     PDF_TEXT_OK);
    strbuf_release(&pdf);
    return out.buf;
}

/* Two columns side by side: the left one read first, then the right one,
 * whatever order the file writes them in. */
static void header_columns(void **state)
{
    (void)state;
    static const text_at lines[] = {
        {230, 20, "REPUBLIC OF X"}, {40, 20, "PROVINCE Y"},
        {40, 34, "JUSTICE DEPT"},   {230, 34, "Independence"},
        {40, 52, "No: 12/KH-STP"},  {230, 52, "Town, 5 March 2025"},
        {150, 80, "PLAN"},          {0, 0, NULL},
    };
    page_spec page = {lines, NULL};
    char *text = read_pages(&page, 1);
    assert_string_equal(text, "PROVINCE Y\nJUSTICE DEPT\nNo: 12/KH-STP\n"
                              "REPUBLIC OF X\nIndependence\n"
                              "Town, 5 March 2025\nPLAN\n");
    free(text);
}

/* A table of four columns whose cells wrap: one line a row, cells apart
 * by tabs, a cell's lines joined; a row begins at its number. */
static void table_rows(void **state)
{
    (void)state;
    static const text_at lines[] = {
        {20, 20, "No"},      {50, 20, "Task"}, {200, 20, "Lead"},
        {300, 20, "Time"},   {20, 40, "1"},    {50, 40, "Train the"},
        {200, 40, "Centre"}, {300, 40, "Q2"},  {50, 52, "clerks"},
        {200, 52, "of aid"}, {20, 70, "2"},    {50, 70, "Visit towns"},
        {200, 70, "Office"}, {300, 70, "Q3"},  {20, 100, "All units report."},
        {0, 0, NULL},
    };
    page_spec page = {lines, NULL};
    char *text = read_pages(&page, 1);
    assert_string_equal(text, "No\tTask\tLead\tTime\n"
                              "1\tTrain the clerks\tCentre of aid\tQ2\n"
                              "2\tVisit towns\tOffice\tQ3\n"
                              "All units report.\n");
    free(text);
}

/* A table's row broken by the page ends on the next page, whose first
 * line has no number: it goes on the row before. */
static void table_across_pages(void **state)
{
    (void)state;
    static const text_at one[] = {
        {20, 20, "No"},      {50, 20, "Task"}, {200, 20, "Lead"},
        {300, 20, "Time"},   {20, 40, "1"},    {50, 40, "Train the"},
        {200, 40, "Centre"}, {300, 40, "Q2"},  {0, 0, NULL},
    };
    static const text_at two[] = {
        {50, 20, "clerks"}, {200, 20, "of aid"}, {20, 40, "2"},
        {50, 40, "Visit"},  {200, 40, "Office"}, {300, 40, "Q3"},
        {0, 0, NULL},
    };
    page_spec pages[] = {{one, NULL}, {two, NULL}};
    char *text = read_pages(pages, 2);
    assert_string_equal(text, "No\tTask\tLead\tTime\n"
                              "1\tTrain the clerks\tCentre of aid\tQ2\n"
                              "2\tVisit\tOffice\tQ3\n");
    free(text);
}

/* 50 characters: a full line from 50 to 350. */
#define FULL "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjjj"

/* A paragraph wrapped by the page is one line again, across a page break
 * too; a line that ends a sentence, a short line and an indented line
 * each end their paragraph. Page numbers and a running footer go. */
static void wrapped_paragraphs(void **state)
{
    (void)state;
    static const text_at one[] = {
        {190, 10, "1"},
        {74, 30, "kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss t"},
        {50, 42, FULL},
        {50, 54, "end of the first."},
        {74, 66, "uuuu vvvv wwww xxxx yyyy zzzz aaaa bbbb cccc."},
        {50, 78, "short line"},
        {50, 90, "next line."},
        {74, 102, "eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm n"},
        {50, 114, FULL},
        {120, 280, "Plan 12/KH-STP"},
        {0, 0, NULL},
    };
    static const text_at two[] = {
        {190, 10, "2"},
        {50, 30, "goes on here."},
        {120, 280, "Plan 12/KH-STP"},
        {0, 0, NULL},
    };
    page_spec pages[] = {{one, NULL}, {two, NULL}};
    char *text = read_pages(pages, 2);
    assert_string_equal(text,
                        "kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss t " FULL
                        " end of the first.\n"
                        "uuuu vvvv wwww xxxx yyyy zzzz aaaa bbbb cccc.\n"
                        "short line\nnext line.\n"
                        "eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm n " FULL
                        " goes on here.\n");
    free(text);
}

/* A page of pictures only (a scan) has no text to read, nor has a page
 * holding its number alone. */
static void no_text(void **state)
{
    (void)state;
    page_spec page = {NULL, "0 0 0 rg 20 20 100 50 re f\n"};
    strbuf pdf = STRBUF_INIT, out = STRBUF_INIT;
    make_pdf(&page, 1, &pdf);
    assert_int_equal(pdf_text_read(pdf.buf, pdf.len, &limits, &out),
                     PDF_TEXT_NO_TEXT);
    assert_int_equal(out.len, 0);
    strbuf_release(&pdf);

    /* a page number is no text either (found by fuzz-pdf_text) */
    static const text_at number[] = {{190, 10, "3"}, {0, 0, NULL}};
    page = (page_spec){number, NULL};
    make_pdf(&page, 1, &pdf);
    assert_int_equal(pdf_text_read(pdf.buf, pdf.len, &limits, &out),
                     PDF_TEXT_NO_TEXT);
    assert_int_equal(out.len, 0);
    strbuf_release(&pdf);
    strbuf_release(&out);
}

/* A damaged file, a file that is not a PDF, a locked one, and more pages
 * or text than allowed. */
static void refused(void **state)
{
    (void)state;
    static const char damaged[] = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog";
    strbuf out = STRBUF_INIT;
    assert_int_equal(pdf_text_read(damaged, sizeof damaged - 1, &limits, &out),
                     PDF_TEXT_BROKEN);
    assert_int_equal(out.len, 0);
    assert_false(pdf_text_is_pdf("PK\3\4", 4));
    assert_false(pdf_text_is_pdf("%PD", 3));

    static const text_at lines[] = {{50, 30, "words"}, {0, 0, NULL}};
    page_spec pages[] = {{lines, NULL}, {lines, NULL}};
    strbuf pdf = STRBUF_INIT;
    make_locked_pdf(pages, 1, true, &pdf);
    assert_int_equal(pdf_text_read(pdf.buf, pdf.len, &limits, &out),
                     PDF_TEXT_LOCKED);
    assert_int_equal(out.len, 0);
    strbuf_reset(&pdf);
    make_pdf(pages, 2, &pdf);
    pdf_text_limits one_page = {1, 1u << 20};
    assert_int_equal(pdf_text_read(pdf.buf, pdf.len, &one_page, &out),
                     PDF_TEXT_TOO_LARGE);
    pdf_text_limits little_text = {10, 8};
    assert_int_equal(pdf_text_read(pdf.buf, pdf.len, &little_text, &out),
                     PDF_TEXT_TOO_LARGE);
    assert_int_equal(out.len, 0);
    strbuf_release(&pdf);
    strbuf_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(header_columns),
        cmocka_unit_test(table_rows),
        cmocka_unit_test(table_across_pages),
        cmocka_unit_test(wrapped_paragraphs),
        cmocka_unit_test(no_text),
        cmocka_unit_test(refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
