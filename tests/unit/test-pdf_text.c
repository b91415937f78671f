/* test-pdf_text.c - the PDF reader (pdf_text.h) on PDFs written here by
 * hand, so that the place of every word is known: Courier at 10 points,
 * 6 points a character, on pages 400 points wide and 300 high. What is
 * read must be what a person reads: the header's columns one after the
 * other, a table's rows with their cells apart (by its rules where it
 * has them), a list's number with its text, a paragraph wrapped by the
 * page joined again and a title kept apart, page numbers and running
 * footers gone; a page
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

/* A table of four columns without rules whose cells wrap: one line a
 * row, written as the Word reader writes one ("| a | b |"), a cell's
 * lines joined; a row begins at its number. */
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
    assert_string_equal(text, "| No | Task | Lead | Time |\n"
                              "| 1 | Train the clerks | Centre of aid | Q2 |\n"
                              "| 2 | Visit towns | Office | Q3 |\n"
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
    assert_string_equal(text, "| No | Task | Lead | Time |\n"
                              "| 1 | Train the clerks | Centre of aid | Q2 |\n"
                              "| 2 | Visit | Office | Q3 |\n");
    free(text);
}

/* 50 characters: a full line from 50 to 350. */
#define FULL "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjjj"

/* A paragraph wrapped by the page is one line again, across a page break
 * too; a line that ends a sentence (the next starting in capitals), a
 * short line and an indented line each end their paragraph. Page numbers
 * and a running footer go. */
static void wrapped_paragraphs(void **state)
{
    (void)state;
    static const text_at one[] = {
        {190, 10, "1"},
        {74, 30, "kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss t"},
        {50, 42, FULL},
        {50, 54, "end of the first."},
        {74, 66, "uuuu vvvv wwww xxxx yyyy zzzz aaaa bbbb cccc."},
        {50, 78, "Short line"},
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
                        "Short line\nnext line.\n"
                        "eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm n " FULL
                        " goes on here.\n");
    free(text);
}

/* The rules of a grid: lines from (x1, top1) to (x2, top2), from the
 * page's top left, 0.5 points wide; a list ended by a negative x1. */
static void draw_rules(const double (*r)[4], strbuf *out)
{
    strbuf_puts(out, "0 0 0 RG 0.5 w\n");
    for (; r[0][0] >= 0; r++)
        strbuf_printf(out, "%.2f %.2f m %.2f %.2f l S\n", r[0][0],
                      PAGE_H - r[0][1], r[0][2], PAGE_H - r[0][3]);
}

/* A table drawn with rules is read by its grid, not by the gaps between
 * words: a section's row merged across three columns, a cell wrapped
 * over two lines, a lead's cell merged down two rows (said in each, as
 * the Word reader says it). The gap between "Train the" and "Centre" is
 * narrower than the gap that cuts a row without rules. */
static void ruled_table(void **state)
{
    (void)state;
    static const double rules[][4] = {
        {15, 15, 385, 15},  {15, 28, 385, 28},  {15, 41, 385, 41},
        {15, 66, 110, 66},  {170, 66, 385, 66}, {15, 79, 385, 79},
        {15, 15, 15, 79},   {45, 15, 45, 79},   {110, 15, 110, 28},
        {110, 41, 110, 79}, {170, 15, 170, 28}, {170, 41, 170, 79},
        {385, 15, 385, 79}, {-1, 0, 0, 0},
    };
    static const text_at lines[] = {
        {18, 17, "No"},    {48, 17, "Task"},      {113, 17, "Lead"},
        {173, 17, "Time"}, {18, 30, "I"},         {48, 30, "Training"},
        {18, 43, "1"},     {48, 43, "Train the"}, {113, 43, "Centre"},
        {173, 43, "Q2"},   {48, 54, "clerks"},    {18, 68, "2"},
        {48, 68, "Visit"}, {173, 68, "Q3"},       {50, 100, "After."},
        {0, 0, NULL},
    };
    strbuf draw = STRBUF_INIT;
    draw_rules(rules, &draw);
    page_spec page = {lines, draw.buf};
    char *text = read_pages(&page, 1);
    assert_string_equal(text, "| No | Task | Lead | Time |\n"
                              "| I | Training | | |\n"
                              "| 1 | Train the clerks | Centre | Q2 |\n"
                              "| 2 | Visit | Centre | Q3 |\n"
                              "After.\n");
    free(text);
    strbuf_release(&draw);
}

/* A ruled table across a page break: its header repeated on the next
 * page is read once, and the row the page broke (its number on the first
 * page only) is one row. */
static void ruled_table_across_pages(void **state)
{
    (void)state;
    static const double one_rules[][4] = {
        {15, 15, 385, 15},  {15, 28, 385, 28},  {15, 41, 385, 41},
        {15, 15, 15, 41},   {45, 15, 45, 41},   {190, 15, 190, 41},
        {290, 15, 290, 41}, {385, 15, 385, 41}, {-1, 0, 0, 0},
    };
    static const double two_rules[][4] = {
        {15, 15, 385, 15},  {15, 28, 385, 28},  {15, 41, 385, 41},
        {15, 54, 385, 54},  {15, 15, 15, 54},   {45, 15, 45, 54},
        {190, 15, 190, 54}, {290, 15, 290, 54}, {385, 15, 385, 54},
        {-1, 0, 0, 0},
    };
    static const text_at one[] = {
        {18, 17, "No"},      {48, 17, "Task"}, {193, 17, "Lead"},
        {293, 17, "Time"},   {18, 30, "1"},    {48, 30, "Train the"},
        {193, 30, "Centre"}, {293, 30, "Q2"},  {0, 0, NULL},
    };
    static const text_at two[] = {
        {18, 17, "No"},    {48, 17, "Task"},   {193, 17, "Lead"},
        {293, 17, "Time"}, {48, 30, "clerks"}, {193, 30, "of aid"},
        {18, 43, "2"},     {48, 43, "Visit"},  {193, 43, "Office"},
        {293, 43, "Q3"},   {0, 0, NULL},
    };
    strbuf d1 = STRBUF_INIT, d2 = STRBUF_INIT;
    draw_rules(one_rules, &d1);
    draw_rules(two_rules, &d2);
    page_spec pages[] = {{one, d1.buf}, {two, d2.buf}};
    char *text = read_pages(pages, 2);
    assert_string_equal(text, "| No | Task | Lead | Time |\n"
                              "| 1 | Train the clerks | Centre of aid | Q2 |\n"
                              "| 2 | Visit | Office | Q3 |\n");
    free(text);
    strbuf_release(&d1);
    strbuf_release(&d2);
}

/* A list's number kept apart from its text by a tab is one line with it,
 * not a column of numbers beside a column of texts; its text wrapped
 * under it (indented less than its text) goes on. A full line ending in
 * ";" goes on the next line, unless that one opens a list item. */
static void list_markers(void **state)
{
    (void)state;
    static const text_at lines[] = {
        {50, 30, "1."},
        {80, 30, "First task"},
        {50, 50, "2."},
        {80, 50, "Second task"},
        {50, 70, "3."},
        {80, 70, "tttt uuuu vvvv wwww xxxx yyyy zzzz aaaa bbbb c"},
        {65, 82, "goes on."},
        {50, 94, "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj;"},
        {50, 106, "100% done;"},
        {50, 118, "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj;"},
        {50, 130, "- an item."},
        {0, 0, NULL},
    };
    page_spec page = {lines, NULL};
    char *text = read_pages(&page, 1);
    assert_string_equal(
        text, "1. First task\n2. Second task\n"
              "3. tttt uuuu vvvv wwww xxxx yyyy zzzz aaaa bbbb c goes on.\n"
              "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj; 100% done;\n"
              "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj;\n"
              "- an item.\n");
    free(text);
}

/* A word too long for its cell, broken by the line where it reaches the
 * cell's edge ("ST" / "T"), is one word again; a word that wrapped whole
 * is apart. */
static void ruled_cell_word(void **state)
{
    (void)state;
    static const double rules[][4] = {
        {15, 15, 385, 15}, {15, 40, 385, 40},  {15, 15, 15, 40},
        {35, 15, 35, 40},  {385, 15, 385, 40}, {-1, 0, 0, 0},
    };
    static const text_at lines[] = {
        {18, 17, "ST"},   {38, 17, "Task"}, {18, 28, "T"},
        {38, 28, "more"}, {0, 0, NULL},
    };
    strbuf draw = STRBUF_INIT;
    draw_rules(rules, &draw);
    page_spec page = {lines, draw.buf};
    char *text = read_pages(&page, 1);
    assert_string_equal(text, "| STT | Task more |\n");
    free(text);
    strbuf_release(&draw);
}

/* A table's row one line tall, the gap between two cells' words
 * ("Train the" / "Centre") narrow: poppler writes a space across it, as
 * tall as the row, over the rule between the cells, which is a rule
 * still, not a stroke of that space: the cells stay apart. */
static void ruled_row_one_line(void **state)
{
    (void)state;
    static const double rules[][4] = {
        {15, 16.5, 385, 16.5}, {15, 25, 385, 25},    {15, 16.5, 15, 25},
        {45, 16.5, 45, 25},    {105, 16.5, 105, 25}, {170, 16.5, 170, 25},
        {385, 16.5, 385, 25},  {-1, 0, 0, 0},
    };
    static const text_at lines[] = {
        {18, 15, "1"},   {48, 15, "Train the"}, {108, 15, "Centre"},
        {173, 15, "Q2"}, {0, 0, NULL},
    };
    strbuf draw = STRBUF_INIT;
    draw_rules(rules, &draw);
    page_spec page = {lines, draw.buf};
    char *text = read_pages(&page, 1);
    assert_string_equal(text, "| 1 | Train the | Centre | Q2 |\n");
    free(text);
    strbuf_release(&draw);
}

/* 48 characters, centred between 50 and 350. */
#define TITLE "llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuu"

/* A centred title over two lines is one line; the paragraph after it,
 * further below it than the lines of a paragraph are apart, is not
 * joined to it, though the title's line is nearly full. */
static void title_and_paragraph(void **state)
{
    (void)state;
    static const text_at lines[] = {
        {56, 30, TITLE}, {170, 42, "more of it"},
        {50, 60, FULL},  {50, 72, "closing words."},
        {0, 0, NULL},
    };
    page_spec page = {lines, NULL};
    char *text = read_pages(&page, 1);
    assert_string_equal(text, TITLE " more of it\n" FULL " closing words.\n");
    free(text);
}

/* A header of two columns at the top of two pages (a decision, then the
 * plan it issues) is no running header: it is read on both. */
static void header_twice(void **state)
{
    (void)state;
    static const text_at one[] = {
        {40, 20, "DEPT X"},
        {230, 20, "REPUBLIC"},
        {50, 60, "Decision."},
        {0, 0, NULL},
    };
    static const text_at two[] = {
        {40, 20, "DEPT X"},
        {230, 20, "REPUBLIC"},
        {50, 60, "Plan."},
        {0, 0, NULL},
    };
    page_spec pages[] = {{one, NULL}, {two, NULL}};
    char *text = read_pages(pages, 2);
    assert_string_equal(text, "DEPT X\nREPUBLIC\nDecision.\n"
                              "DEPT X\nREPUBLIC\nPlan.\n");
    free(text);
}

/* The recipients and the signature side by side, broken by the page:
 * the recipients, then the signature, as the Word reader reads the
 * table that holds them; a recipient wrapped by the column's width is one
 * line; the signer's name, far under the title, is aligned with it. */
static void signature_across_pages(void **state)
{
    (void)state;
    static const text_at one[] = {
        {50, 250, "Recipients:"},
        {230, 250, "FOR THE DIRECTOR"},
        {50, 262, "- Office, for"},
        {50, 274, "information;"},
        {0, 0, NULL},
    };
    static const text_at two[] = {
        {50, 20, "- Archive."},
        {230, 20, "DEPUTY"},
        {221, 60, "Name Here"},
        {0, 0, NULL},
    };
    page_spec pages[] = {{one, NULL}, {two, NULL}};
    char *text = read_pages(pages, 2);
    assert_string_equal(text, "Recipients:\n- Office, for information;\n"
                              "- Archive.\n"
                              "FOR THE DIRECTOR\nDEPUTY\nName Here\n");
    free(text);
}

/* Footnotes are left out, as the Word reader leaves them out: the
 * number raised in the text, and the notes under the short rule at the
 * foot of the page. */
static void footnotes(void **state)
{
    (void)state;
    static const text_at lines[] = {
        {50, 30, "Plan as follows:"},
        {50, 42, "Next line."},
        {50, 60, FULL},
        {56, 255, "The plan was amended."},
        {0, 0, NULL},
    };
    page_spec page = {lines, "BT /F1 6 Tf 146 266 Td (1) Tj ET\n"
                             "BT /F1 6 Tf 50 41 Td (1) Tj ET\n"
                             "0 0 0 RG 0.5 w 50 50 m 100 50 l S\n"};
    char *text = read_pages(&page, 1);
    assert_string_equal(text, "Plan as follows:\nNext line.\n" FULL "\n");
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
        cmocka_unit_test(ruled_table),
        cmocka_unit_test(ruled_table_across_pages),
        cmocka_unit_test(list_markers),
        cmocka_unit_test(ruled_cell_word),
        cmocka_unit_test(ruled_row_one_line),
        cmocka_unit_test(title_and_paragraph),
        cmocka_unit_test(header_twice),
        cmocka_unit_test(signature_across_pages),
        cmocka_unit_test(footnotes),
        cmocka_unit_test(no_text),
        cmocka_unit_test(refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
