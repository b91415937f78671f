/* test-xlsx_read.c - the xlsx reader (xlsx_read.h) on workbooks built
 * here with libzip from parts written by hand, so that no writer of ours
 * decides what is read: every kind of cell real applications write, the
 * parts found through the relationships, the 1900 and 1904 date systems,
 * and each hostile file refused at its part and line with its reason. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "xlsx_read.h"

#include "tempdir.h"
#include "xlsxbuild.h"

#include <zip.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

TEMPDIR_GROUP("xlsx_read")

#define MAIN_NS XLSXBUILD_MAIN_NS
#define REL_NS XLSXBUILD_REL_NS
#define XML_HEAD XLSXBUILD_HEAD

static const char content_types[] =
    XML_HEAD "<Types "
             "xmlns=\"http://schemas.openxmlformats.org/package/2006/"
             "content-types\"><Default Extension=\"xml\" "
             "ContentType=\"application/xml\"/></Types>";
static const char package_rels[] =
    XML_HEAD "<Relationships "
             "xmlns=\"http://schemas.openxmlformats.org/package/2006/"
             "relationships\"><Relationship Id=\"rId1\" Type=\"" REL_NS
             "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
/* a relative target, an absolute one, and one through ".." */
static const char workbook_rels[] = XML_HEAD
    "<Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" REL_NS
    "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" REL_NS
    "/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" REL_NS
    "/styles\" Target=\"../xl/./styles.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"" REL_NS
    "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId5\" Type=\"" REL_NS
    "/hyperlink\" Target=\"http://example.invalid/\" "
    "TargetMode=\"External\"/></Relationships>";
static const char one_sheet[] =
    XML_HEAD "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\">"
             "<sheets><sheet name=\"Một\" sheetId=\"1\" r:id=\"rId1\"/>"
             "</sheets></workbook>";

#define SHEET(rows)                                               \
    XML_HEAD "<worksheet xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS \
             "\"><sheetData>" rows "</sheetData></worksheet>"

typedef xlsxbuild_part part;

/* An xlsx file in root, of the parts given after the four a workbook
 * needs (content types, package and workbook relationships, the workbook
 * of one sheet), each replaced by a part of the same name; returns its
 * path. Parts are deflated. */
static const char *build(const char *file, const part *parts, size_t n)
{
    part all[16] = {
        {"[Content_Types].xml", content_types, 0},
        {"_rels/.rels", package_rels, 0},
        {"xl/_rels/workbook.xml.rels", workbook_rels, 0},
        {"xl/workbook.xml", one_sheet, 0},
    };
    size_t count = 4;
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        while (k < count && strcmp(all[k].name, parts[i].name) != 0)
            k++;
        assert_true(k < 16);
        all[k] = parts[i];
        count += k == count;
    }
    const char *path = in_root(file);
    xlsxbuild_write(path, all, count);
    return path;
}

/* A workbook of one sheet with these rows, shared strings and styles
 * (NULL: without that part). */
static const char *book(const char *file, const char *sheet,
                        const char *strings, const char *styles)
{
    part parts[] = {
        {"xl/worksheets/sheet1.xml", sheet, 0},
        {"xl/sharedStrings.xml", strings, 0},
        {"xl/styles.xml", styles, 0},
    };
    return build(file, parts, 3);
}

static xlsx_read_book *read_ok(const char *path)
{
    xlsx_error err;
    xlsx_read_error_init(&err);
    xlsx_read_book *b = xlsx_read_file(path, NULL, &err);
    if (!b)
        fail_msg("%s: %s:%u: %s", path, strbuf_str(&err.part), err.line,
                 strbuf_str(&err.message));
    xlsx_read_error_release(&err);
    return b;
}

/* The workbook at path is refused at part and line with a message that
 * holds `says`. */
static void refused(const char *path, const xlsx_limits *lim,
                    const char *part_name, unsigned line, const char *says)
{
    xlsx_error err;
    xlsx_read_error_init(&err);
    xlsx_read_book *b = xlsx_read_file(path, lim, &err);
    if (b || strcmp(strbuf_str(&err.part), part_name) != 0 ||
        err.line != line || !strstr(strbuf_str(&err.message), says))
        fail_msg("%s: wanted %s:%u: ...%s..., got %s %s:%u: %s", path,
                 part_name, line, says, b ? "a book" : "refused",
                 strbuf_str(&err.part), err.line, strbuf_str(&err.message));
    xlsx_read_error_release(&err);
}

static const xlsx_cell *cell(const xlsx_read_sheet *s, uint32_t row,
                             uint32_t col, xlsx_cell_kind kind)
{
    const xlsx_cell *c = xlsx_read_cell_at(s, row, col);
    if (!c)
        fail_msg("no cell at row %u column %u", row, col);
    assert_int_equal(c->kind, kind);
    return c;
}

/* ---- what real applications write ---- */

static const char strings_xml[] =
    XML_HEAD "<sst xmlns=\"" MAIN_NS "\" count=\"4\" uniqueCount=\"4\">"
             "<si><t>Sở Y tế</t></si>"
             /* rich text: runs joined, the phonetic run left out */
             "<si><r><rPr><b/></rPr><t>Đã </t></r><r><t xml:space=\"preserve\">"
             "hoàn thành</t></r><rPh sb=\"0\" eb=\"1\"><t>ダ</t></rPh>"
             "<phoneticPr fontId=\"1\"/></si>"
             "<si><t>a_x000D_\nb _x005F_x0041_</t></si>"
             "<si><t/></si></sst>";

/* cellXfs: 0 General, 1 built-in date 14, 2 built-in percent 9, 3 custom
 * dd/mm/yyyy, 4 custom 0.0%, 5 a quoted "d" (not a date), 6 [Red] and
 * escaped letters (not a date), 7 elapsed [h]:mm, 8 built-in 22 (date
 * and time), 9 custom General. cellStyleXfs's xf are not cell formats. */
static const char styles_xml[] = XML_HEAD
    "<styleSheet xmlns=\"" MAIN_NS "\"><numFmts count=\"6\">"
    "<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"0.0%\"/>"
    "<numFmt numFmtId=\"166\" formatCode=\"0.00&quot; days&quot;\"/>"
    "<numFmt numFmtId=\"167\" formatCode=\"[Red]#,##0\\d_s;[Blue]-0\"/>"
    "<numFmt numFmtId=\"168\" formatCode=\"[h]:mm\"/>"
    "<numFmt numFmtId=\"169\" formatCode=\"General\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"10\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
    "<xf numFmtId=\"9\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
    "<xf numFmtId=\"166\"/><xf numFmtId=\"167\"/><xf numFmtId=\"168\"/>"
    "<xf numFmtId=\"22\"/><xf numFmtId=\"169\"/></cellXfs>"
    "<dxfs count=\"1\"><dxf><numFmt numFmtId=\"170\" formatCode=\"d\"/></dxf>"
    "</dxfs></styleSheet>";

static const char cells_xml[] = SHEET(
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
    "<c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c>"
    "<c r=\"D1\" t=\"inlineStr\"><is><t>nội tuyến</t></is></c>"
    "<c r=\"E1\" t=\"inlineStr\"><is><r><t>in</t></r><r><rPr><i/></rPr>"
    "<t>line</t></r><rPh><t>x</t></rPh></is></c>"
    "<c r=\"F1\" t=\"s\"><v>3</v></c></row>"
    "<row r=\"2\"><c r=\"A2\"><v>42</v></c><c r=\"B2\" t=\"n\"><v>-1.5E-3</v>"
    "</c><c r=\"C2\" t=\"b\"><v>1</v></c><c r=\"D2\" t=\"b\"><v>0</v></c>"
    "<c r=\"E2\" t=\"e\"><v>#N/A</v></c><c r=\"F2\" s=\"1\"/></row>"
    /* formulas: cached values of each type, and one without */
    "<row r=\"3\"><c r=\"A3\"><f>A2*2</f><v>84</v></c>"
    "<c r=\"B3\" t=\"str\"><f>\"a\"&amp;\"b\"</f><v>ab</v></c>"
    "<c r=\"C3\" t=\"b\"><f>TRUE()</f><v>1</v></c>"
    "<c r=\"D3\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
    "<c r=\"E3\" s=\"1\"><f>TODAY()</f></c>"
    "<c r=\"F3\" t=\"str\"><f>\"\"</f><v></v></c>"
    "<c r=\"G3\"><f t=\"shared\" si=\"0\"/><v>7</v></c></row>"
    /* an empty row, then a sparse one far below and to the right */
    "<row r=\"4\"/>"
    "<row r=\"900\" spans=\"1:703\"><c r=\"AAA900\"><v>3</v></c></row>"
    /* a row and cells without r=: the next row, the next columns */
    "<row><c><v>1</v></c><c t=\"inlineStr\"><is><t>b</t></is></c>"
    "<c r=\"E901\"><v>5</v></c><c><v>6</v></c></row>"
    /* the formats */
    "<row r=\"1000\"><c r=\"A1000\" s=\"1\"><v>45000</v></c>"
    "<c r=\"B1000\" s=\"2\"><v>0.7</v></c><c r=\"C1000\" s=\"3\"><v>46310</v>"
    "</c><c r=\"D1000\" s=\"4\"><v>0.25</v></c><c r=\"E1000\" s=\"5\">"
    "<v>3</v></c><c r=\"F1000\" s=\"6\"><v>4</v></c><c r=\"G1000\" s=\"7\">"
    "<v>1.5</v></c><c r=\"H1000\" s=\"8\"><v>45000.75</v></c>"
    "<c r=\"I1000\" s=\"9\"><v>9</v></c><c r=\"J1000\" s=\"99\"><v>1</v></c>"
    "<c r=\"K1000\" s=\"2\" t=\"s\"><v>0</v></c></row>");

static void every_kind_of_cell(void **state)
{
    (void)state;
    xlsx_read_book *b =
        read_ok(book("cells.xlsx", cells_xml, strings_xml, styles_xml));
    assert_false(b->date1904);
    assert_int_equal(b->nsheets, 1);
    const xlsx_read_sheet *s = &b->sheets[0];
    assert_string_equal(s->name, "Một");
    assert_string_equal(s->part, "xl/worksheets/sheet1.xml");
    assert_false(s->hidden);
    assert_ptr_equal(xlsx_read_find_sheet(b, "Một"), s);
    assert_null(xlsx_read_find_sheet(b, "một"));
    assert_int_equal(s->max_row, 1000);
    assert_int_equal(s->max_col, 703); /* AAA */

    assert_string_equal(cell(s, 1, 1, XLSX_TEXT)->text, "Sở Y tế");
    assert_string_equal(cell(s, 1, 2, XLSX_TEXT)->text, "Đã hoàn thành");
    assert_string_equal(cell(s, 1, 3, XLSX_TEXT)->text, "a\r\nb _x0041_");
    assert_string_equal(cell(s, 1, 4, XLSX_TEXT)->text, "nội tuyến");
    assert_string_equal(cell(s, 1, 5, XLSX_TEXT)->text, "inline");
    assert_string_equal(cell(s, 1, 6, XLSX_TEXT)->text, "");
    assert_int_equal(cell(s, 1, 1, XLSX_TEXT)->line, 2);

    assert_true(cell(s, 2, 1, XLSX_NUMBER)->number == 42);
    assert_null(cell(s, 2, 1, XLSX_NUMBER)->text);
    assert_true(cell(s, 2, 2, XLSX_NUMBER)->number == -1.5E-3);
    assert_true(cell(s, 2, 3, XLSX_BOOL)->number == 1);
    assert_true(cell(s, 2, 4, XLSX_BOOL)->number == 0);
    assert_string_equal(cell(s, 2, 5, XLSX_ERROR)->text, "#N/A");
    assert_null(xlsx_read_cell_at(s, 2, 6)); /* a style, no value */
    assert_false(cell(s, 2, 1, XLSX_NUMBER)->formula);

    const xlsx_cell *c = cell(s, 3, 1, XLSX_NUMBER);
    assert_true(c->formula && c->number == 84);
    c = cell(s, 3, 2, XLSX_TEXT);
    assert_true(c->formula);
    assert_string_equal(c->text, "ab");
    assert_true(cell(s, 3, 3, XLSX_BOOL)->formula);
    assert_string_equal(cell(s, 3, 4, XLSX_ERROR)->text, "#DIV/0!");
    c = cell(s, 3, 5, XLSX_NO_VALUE);
    assert_true(c->formula);
    assert_false(c->is_date);
    assert_string_equal(cell(s, 3, 6, XLSX_TEXT)->text, "");
    assert_true(cell(s, 3, 7, XLSX_NUMBER)->formula);

    assert_null(xlsx_read_cell_at(s, 4, 1));
    assert_true(cell(s, 900, 703, XLSX_NUMBER)->number == 3);
    assert_true(cell(s, 901, 1, XLSX_NUMBER)->number == 1);
    assert_string_equal(cell(s, 901, 2, XLSX_TEXT)->text, "b");
    assert_null(xlsx_read_cell_at(s, 901, 3));
    assert_true(cell(s, 901, 5, XLSX_NUMBER)->number == 5);
    assert_true(cell(s, 901, 6, XLSX_NUMBER)->number == 6);

    struct {
        uint32_t col;
        bool date, percent;
    } formats[] = {{1, true, false},  {2, false, true},  {3, true, false},
                   {4, false, true},  {5, false, false}, {6, false, false},
                   {7, true, false},  {8, true, false},  {9, false, false},
                   {10, false, false}};
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
        c = cell(s, 1000, formats[i].col, XLSX_NUMBER);
        if (c->is_date != formats[i].date ||
            c->is_percent != formats[i].percent)
            fail_msg("column %u: date %d percent %d", formats[i].col,
                     c->is_date, c->is_percent);
    }
    /* a text keeps no number format */
    assert_false(cell(s, 1000, 11, XLSX_TEXT)->is_percent);

    /* the cells are in order, and only those written */
    size_t n = 0;
    for (size_t i = 1; i < s->ncells; i++) {
        const xlsx_cell *p = &s->cells[i - 1], *q = &s->cells[i];
        assert_true(p->row < q->row || (p->row == q->row && p->col < q->col));
        n++;
    }
    assert_int_equal(s->ncells, 6 + 5 + 7 + 1 + 4 + 11);
    xlsx_read_free(b);
}

/* Neither shared strings nor styles; sheets found by relative and
 * absolute targets, in the workbook's order, one hidden; cells out of
 * order are sorted. */
static void optional_parts_and_sheets(void **state)
{
    (void)state;
    static const char two_sheets[] =
        XML_HEAD "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\">"
                 "<workbookPr date1904=\"false\"/><sheets>"
                 "<sheet name=\"Hai\" sheetId=\"2\" r:id=\"rId2\" "
                 "state=\"hidden\"/>"
                 "<sheet name=\"Một\" sheetId=\"1\" r:id=\"rId1\"/>"
                 "</sheets></workbook>";
    part parts[] = {
        {"xl/workbook.xml", two_sheets, 0},
        {"xl/worksheets/sheet1.xml",
         SHEET("<row r=\"2\"><c r=\"B2\"><v>2</v></c></row>"
               "<row r=\"1\"><c r=\"C1\"><v>3</v></c><c r=\"A1\"><v>1</v>"
               "</c></row>"),
         0},
        {"xl/worksheets/sheet2.xml",
         SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>ẩn</t>"
               "</is></c></row>"),
         0},
    };
    xlsx_read_book *b = read_ok(build("plain.xlsx", parts, 3));
    assert_int_equal(b->nsheets, 2);
    assert_string_equal(b->sheets[0].name, "Hai");
    assert_string_equal(b->sheets[0].part, "xl/worksheets/sheet2.xml");
    assert_true(b->sheets[0].hidden);
    assert_string_equal(b->sheets[0].cells[0].text, "ẩn");
    const xlsx_read_sheet *s = &b->sheets[1];
    assert_false(s->hidden);
    assert_int_equal(s->ncells, 3);
    assert_true(s->cells[0].row == 1 && s->cells[0].col == 1);
    assert_true(s->cells[1].row == 1 && s->cells[1].col == 3);
    assert_true(s->cells[2].row == 2 && s->cells[2].col == 2);
    assert_true(xlsx_read_cell_at(s, 1, 3)->number == 3);
    assert_null(xlsx_read_cell_at(s, 2, 1));
    xlsx_read_free(b);
}

static void cell_names(void **state)
{
    (void)state;
    char name[12];
    struct {
        uint32_t row, col;
        const char *want;
    } names[] = {{1, 1, "A1"},
                 {12, 6, "F12"},
                 {1, 26, "Z1"},
                 {1, 27, "AA1"},
                 {1, 52, "AZ1"},
                 {1, 53, "BA1"},
                 {1, 702, "ZZ1"},
                 {1, 703, "AAA1"},
                 {XLSX_MAX_ROWS, XLSX_MAX_COLS, "XFD1048576"}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        xlsx_read_cell_name(names[i].row, names[i].col, name);
        assert_string_equal(name, names[i].want);
    }
}

/* ---- dates ---- */

static void check_day(const xlsx_read_book *b, double serial, const char *want)
{
    date d;
    char iso[11];
    if (!want) {
        if (xlsx_read_serial_date(b, serial, &d))
            fail_msg("serial %g names a day", serial);
        return;
    }
    if (!xlsx_read_serial_date(b, serial, &d))
        fail_msg("serial %g names no day", serial);
    date_format_iso(d, iso);
    assert_string_equal(iso, want);
}

static void date_systems(void **state)
{
    (void)state;
    xlsx_read_book *b = read_ok(
        book("d1900.xlsx", SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"),
             NULL, NULL));
    assert_false(b->date1904);
    check_day(b, 1, "1900-01-01");
    check_day(b, 59, "1900-02-28");
    check_day(b, 60, NULL); /* the 29 February 1900 Excel invented */
    check_day(b, 61, "1900-03-01");
    check_day(b, 45000, "2023-03-15");
    check_day(b, 45000.99, "2023-03-15");
    check_day(b, 2958465, "9999-12-31");
    check_day(b, 2958466, NULL);
    check_day(b, 0, NULL);
    check_day(b, 0.5, NULL);
    check_day(b, -1, NULL);
    xlsx_read_free(b);

    static const char wb1904[] =
        XML_HEAD "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\">"
                 "<workbookPr date1904=\"1\"/><sheets><sheet name=\"S\" "
                 "sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    part parts[] = {
        {"xl/workbook.xml", wb1904, 0},
        {"xl/worksheets/sheet1.xml",
         SHEET("<row r=\"1\"><c r=\"A1\" t=\"d\"><v>2023-03-15T12:00:00</v>"
               "</c></row>"),
         0},
    };
    b = read_ok(build("d1904.xlsx", parts, 2));
    assert_true(b->date1904);
    check_day(b, 0, "1904-01-01");
    check_day(b, 60, "1904-03-01");
    check_day(b, 45000, "2027-03-16");
    check_day(b, -0.5, NULL);
    /* an ISO date cell, as a serial of this system */
    const xlsx_cell *c = cell(&b->sheets[0], 1, 1, XLSX_NUMBER);
    assert_true(c->is_date);
    assert_true(c->number == 43538.5); /* 2023-03-15 less 1,462 days */
    xlsx_read_free(b);
}

/* ---- hostile and broken files ---- */

static void doctype_refused(void **state)
{
    (void)state;
    static const char laughs[] =
        XML_HEAD "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                 "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                 "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
                 "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>\n"
                 "<sst xmlns=\"" MAIN_NS "\"><si><t>&lol3;</t></si></sst>";
    const char *path = book("laughs.xlsx", SHEET(""), laughs, NULL);
    refused(path, NULL, "xl/sharedStrings.xml", 2,
            "a document type declaration is not allowed in an xlsx part");
    static const char external[] =
        XML_HEAD "<!DOCTYPE workbook SYSTEM \"file:///etc/passwd\">"
                 "<workbook xmlns=\"" MAIN_NS "\"/>";
    part parts[] = {{"xl/workbook.xml", external, 0}};
    refused(build("external.xlsx", parts, 1), NULL, "xl/workbook.xml", 2,
            "a document type declaration is not allowed in an xlsx part");
    static const char entity_ref[] =
        SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&xxe;</t>"
              "</is></c></row>");
    refused(book("undeclared.xlsx", entity_ref, NULL, NULL), NULL,
            "xl/worksheets/sheet1.xml", 2, "undefined entity");
}

/* A sheet of `rows` rows then `spaces` blanks (whitespace that XML
 * allows, and that deflate squeezes a thousandfold). */
static char *padded_sheet(const char *rows, size_t spaces)
{
    const char *head = XML_HEAD "<worksheet xmlns=\"" MAIN_NS "\"><sheetData>";
    const char *tail = "</sheetData></worksheet>";
    size_t h = strlen(head), r = strlen(rows), t = strlen(tail);
    char *s = malloc(h + r + spaces + t + 1);
    assert_non_null(s);
    memcpy(s, head, h);
    memcpy(s + h, rows, r);
    memset(s + h + r, ' ', spaces);
    memcpy(s + h + r + spaces, tail, t + 1);
    return s;
}

static void bombs_refused(void **state)
{
    (void)state;
    xlsx_limits lim = xlsx_default_limits;
    /* a part beyond its limit, whatever its ratio */
    lim.max_part_bytes = 4u << 20;
    lim.max_ratio = 1000000;
    char *big = padded_sheet("", 6u << 20);
    const char *path = book("big.xlsx", big, NULL, NULL);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size < 64 * 1024); /* a few KiB for 6 MiB */
    refused(path, &lim, "xl/worksheets/sheet1.xml", 0,
            "the part inflates to more than 4194304 bytes");
    /* the same part within its limit, refused for its ratio */
    lim = xlsx_default_limits;
    refused(path, &lim, "xl/worksheets/sheet1.xml", 0,
            "the part inflates to more than 100 times its compressed size");
    /* and read when the ratio is allowed */
    lim.max_ratio = 1000000;
    xlsx_error err;
    xlsx_read_error_init(&err);
    xlsx_read_book *b = xlsx_read_file(path, &lim, &err);
    assert_non_null(b);
    xlsx_read_free(b);
    /* parts each within the limit, beyond it together */
    lim.max_part_bytes = 4u << 20;
    lim.max_total_bytes = 8u << 20;
    char *half = padded_sheet("", 3u << 20);
    static const char two[] =
        XML_HEAD "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\">"
                 "<sheets><sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/>"
                 "<sheet name=\"B\" sheetId=\"2\" r:id=\"rId2\"/>"
                 "<sheet name=\"C\" sheetId=\"3\" r:id=\"rId1\"/>"
                 "</sheets></workbook>";
    part parts[] = {{"xl/workbook.xml", two, 0},
                    {"xl/worksheets/sheet1.xml", half, 0},
                    {"xl/worksheets/sheet2.xml", half, 0}};
    refused(build("total.xlsx", parts, 3), &lim, "xl/worksheets/sheet1.xml", 0,
            "the parts read inflate to more than 8388608 bytes in all");
    /* an archive of more entries than a workbook has parts: libzip would
     * hold them all in memory */
    const char *many = in_root("many.xlsx");
    int zerr;
    zip_t *z = zip_open(many, ZIP_CREATE | ZIP_EXCL, &zerr);
    assert_non_null(z);
    for (unsigned i = 0; i < 10001; i++) {
        char name[16];
        snprintf(name, sizeof name, "%u", i);
        zip_source_t *src = zip_source_buffer(z, "", 0, 0);
        assert_true(zip_file_add(z, name, src, 0) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    refused(many, NULL, "", 0,
            "not an xlsx workbook: its archive has more than 10000 parts");
    /* a file beyond its own limit */
    lim = xlsx_default_limits;
    lim.max_file_bytes = 1000;
    refused(path, &lim, "", 0, "the file is larger than 1000 bytes");
    xlsx_read_error_release(&err);
    free(big);
    free(half);
}

static void grid_and_limits(void **state)
{
    (void)state;
    refused(book("row.xlsx",
                 SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>\n"
                       "<row r=\"2000000\"><c r=\"A2000000\"><v>1</v></c>"
                       "</row>"),
                 NULL, NULL),
            NULL, "xl/worksheets/sheet1.xml", 3,
            "row 2000000 is beyond Excel's last row, 1048576");
    refused(book("col.xlsx",
                 SHEET("<row r=\"1\">\n<c r=\"XFD1\"><v>1</v></c>\n"
                       "<c r=\"XFE1\"><v>1</v></c></row>"),
                 NULL, NULL),
            NULL, "xl/worksheets/sheet1.xml", 4,
            "cell XFE1 is beyond Excel's last column, XFD");
    refused(book("nextcol.xlsx",
                 SHEET("<row r=\"7\"><c r=\"XFD7\"><v>1</v></c><c><v>1</v>"
                       "</c></row>"),
                 NULL, NULL),
            NULL, "xl/worksheets/sheet1.xml", 2,
            "a cell after XFD7 is beyond Excel's last column, XFD");
    refused(book("ref.xlsx",
                 SHEET("<row r=\"1\"><c r=\"A0\"><v>1</v></c></row>"), NULL,
                 NULL),
            NULL, "xl/worksheets/sheet1.xml", 2,
            "'A0' is not a cell reference");

    /* 100,001 rows, without r=, where 100,000 are allowed */
    size_t nrows = 100001;
    const char *one = "<row><c><v>1</v></c></row>\n";
    char *rows = malloc(nrows * strlen(one) + 1), *p = rows;
    for (size_t i = 0; i < nrows; i++)
        p = stpcpy(p, one);
    char *sheet = padded_sheet(rows, 0);
    const char *path = book("rows.xlsx", sheet, NULL, NULL);
    xlsx_limits lim = xlsx_default_limits;
    lim.max_ratio = 1000000; /* the same row, 100,001 times: 400 to 1 */
    refused(path, &lim, "xl/worksheets/sheet1.xml", 100002,
            "row 100001 is beyond the 100000 rows allowed");
    lim.max_rows = 100001;
    lim.max_cells = 100000;
    refused(path, &lim, "xl/worksheets/sheet1.xml", 100002,
            "the workbook has more than 100000 cells");
    lim.max_cells = 100001;
    xlsx_error err;
    xlsx_read_error_init(&err);
    xlsx_read_book *b = xlsx_read_file(path, &lim, &err);
    assert_non_null(b);
    assert_int_equal(b->sheets[0].ncells, 100001);
    assert_int_equal(b->sheets[0].max_row, 100001);
    xlsx_read_free(b);
    xlsx_read_error_release(&err);
    free(rows);
    free(sheet);

    /* text beyond max_text, inline and shared */
    lim = xlsx_default_limits;
    lim.max_text = 10;
    refused(book("text.xlsx",
                 SHEET("<row r=\"1\"><c r=\"B1\" t=\"inlineStr\"><is><t>"
                       "0123456789</t><r><t>x</t></r></is></c></row>"),
                 NULL, NULL),
            &lim, "xl/worksheets/sheet1.xml", 2,
            "the text of cell B1 is longer than 10 bytes");
    refused(book("sst.xlsx", SHEET(""),
                 XML_HEAD "<sst xmlns=\"" MAIN_NS "\"><si><t>short</t></si>\n"
                          "<si><t>0123456789A</t></si></sst>",
                 NULL),
            &lim, "xl/sharedStrings.xml", 3,
            "the shared string is longer than 10 bytes");
    lim = xlsx_default_limits;
    lim.max_strings = 1;
    refused(book("strings.xlsx", SHEET(""),
                 XML_HEAD "<sst xmlns=\"" MAIN_NS "\"><si><t>a</t></si>\n"
                          "<si><t>b</t></si></sst>",
                 NULL),
            &lim, "xl/sharedStrings.xml", 3, "more than 1 shared strings");
    lim = xlsx_default_limits;
    lim.max_sheets = 1;
    static const char two[] =
        XML_HEAD "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\">"
                 "<sheets><sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/>\n"
                 "<sheet name=\"B\" sheetId=\"2\" r:id=\"rId1\"/>"
                 "</sheets></workbook>";
    part parts[] = {{"xl/workbook.xml", two, 0},
                    {"xl/worksheets/sheet1.xml", SHEET(""), 0}};
    refused(build("sheets.xlsx", parts, 2), &lim, "xl/workbook.xml", 3,
            "the workbook has more than 1 sheets");
}

static void broken_files(void **state)
{
    (void)state;
    const char *sheet = "xl/worksheets/sheet1.xml";
    refused(book("xml.xlsx", SHEET("<row r=\"1\">\n<c r=\"A1\"><v>1</c>"), NULL,
                 NULL),
            NULL, sheet, 3, "mismatched tag");
    refused(book("index.xlsx",
                 SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>2</v></c></row>"),
                 XML_HEAD "<sst xmlns=\"" MAIN_NS "\"><si><t>a</t></si></sst>",
                 NULL),
            NULL, sheet, 2, "cell A1 names shared string '2', and there are 1");
    refused(book("twice.xlsx",
                 SHEET("<row r=\"1\"><c r=\"B1\"><v>1</v></c>\n"
                       "<c r=\"A1\"><v>1</v></c>\n<c r=\"B1\"><v>2</v></c>"
                       "</row>"),
                 NULL, NULL),
            NULL, sheet, 4, "cell B1 is written twice (lines 2 and 4)");
    refused(book("number.xlsx",
                 SHEET("<row r=\"1\"><c r=\"C1\"><v>1,5</v></c></row>"), NULL,
                 NULL),
            NULL, sheet, 2, "cell C1: '1,5' is not a number");
    refused(book("inf.xlsx",
                 SHEET("<row r=\"1\"><c r=\"C1\"><v>1e999</v></c></row>"), NULL,
                 NULL),
            NULL, sheet, 2, "cell C1: '1e999' is not a number");
    refused(book("bool.xlsx",
                 SHEET("<row r=\"1\"><c r=\"C1\" t=\"b\"><v>2</v></c></row>"),
                 NULL, NULL),
            NULL, sheet, 2, "cell C1: '2' is not a boolean");
    refused(book("type.xlsx",
                 SHEET("<row r=\"1\"><c r=\"C1\" t=\"x\"><v>2</v></c></row>"),
                 NULL, NULL),
            NULL, sheet, 2, "cell C1 has an unknown type 'x'");
    /* a sheet whose part or relationship is missing */
    part no_part[] = {{"xl/worksheets/sheet1.xml", NULL, 0}};
    refused(build("nopart.xlsx", no_part, 1), NULL, sheet, 0,
            "the sheet 'Một' is in this part, which the archive does not "
            "have");
    static const char bad_rid[] =
        XML_HEAD "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\">"
                 "<sheets>\n<sheet name=\"A\" sheetId=\"1\" r:id=\"rId9\"/>"
                 "</sheets></workbook>";
    part rid[] = {{"xl/workbook.xml", bad_rid, 0},
                  {"xl/worksheets/sheet1.xml", SHEET(""), 0}};
    refused(build("rid.xlsx", rid, 2), NULL, "xl/workbook.xml", 3,
            "the sheet 'A' names the relationship 'rId9', which the workbook "
            "does not have");
    /* no workbook at all, and no sheet */
    part none[] = {{"_rels/.rels", NULL, 0}, {"xl/workbook.xml", NULL, 0}};
    refused(build("noworkbook.xlsx", none, 2), NULL, "", 0,
            "not an xlsx workbook: it has no workbook part (xl/workbook.xml)");
    part empty[] = {
        {"xl/workbook.xml", XML_HEAD "<workbook xmlns=\"" MAIN_NS "\"/>", 0}};
    refused(build("nosheet.xlsx", empty, 1), NULL, "xl/workbook.xml", 0,
            "the workbook lists no sheet");
}

static void not_workbooks(void **state)
{
    (void)state;
    assert_int_equal(tempdir_write(root, "text.xlsx", "Tên,Ngày\n"), 0);
    refused(in_root("text.xlsx"), NULL, "", 0,
            "not an xlsx workbook: it is not a zip archive");
    refused(in_root("missing.xlsx"), NULL, "", 0, "No such file or directory");
    assert_int_equal(symlink("cells.xlsx", in_root("link.xlsx")), 0);
    refused(in_root("link.xlsx"), NULL, "", 0, "it is a symbolic link");
    assert_int_equal(mkdir(in_root("folder.xlsx"), 0700), 0);
    refused(in_root("folder.xlsx"), NULL, "", 0, "it is a folder");
    assert_int_equal(mkfifo(in_root("fifo.xlsx"), 0600), 0);
    refused(in_root("fifo.xlsx"), NULL, "", 0, "it is not a regular file");

    /* the same from memory */
    xlsx_error err;
    xlsx_read_error_init(&err);
    assert_null(xlsx_read_memory("PK\3\4", 4, NULL, &err));
    assert_string_equal(strbuf_str(&err.part), "");
    assert_non_null(strstr(strbuf_str(&err.message), "not an xlsx workbook"));
    assert_null(xlsx_read_memory("", 0, NULL, &err));
    xlsx_read_error_release(&err);
    xlsx_read_free(NULL);
}

/* xlsx_read_memory reads what xlsx_read_file reads. */
static void from_memory(void **state)
{
    (void)state;
    char *data = tempdir_read(in_root("cells.xlsx"));
    assert_non_null(data);
    struct stat st;
    assert_int_equal(stat(in_root("cells.xlsx"), &st), 0);
    xlsx_error err;
    xlsx_read_error_init(&err);
    xlsx_read_book *b = xlsx_read_memory(data, (size_t)st.st_size, NULL, &err);
    assert_non_null(b);
    assert_int_equal(b->sheets[0].ncells, 34);
    assert_string_equal(xlsx_read_cell_at(&b->sheets[0], 1, 2)->text,
                        "Đã hoàn thành");
    xlsx_read_free(b);
    xlsx_read_error_release(&err);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_kind_of_cell),
        cmocka_unit_test(optional_parts_and_sheets),
        cmocka_unit_test(cell_names),
        cmocka_unit_test(date_systems),
        cmocka_unit_test(doctype_refused),
        cmocka_unit_test(bombs_refused),
        cmocka_unit_test(grid_and_limits),
        cmocka_unit_test(broken_files),
        cmocka_unit_test(not_workbooks),
        cmocka_unit_test(from_memory),
    };
    return cmocka_run_group_tests(tests, make_root, remove_root);
}
