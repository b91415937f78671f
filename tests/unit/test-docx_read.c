/* test-docx_read.c - the Word reader (docx_read.h) on documents built here
 * in memory, with libzip, from parts written by hand as Word writes them:
 * list numbers counted and shown as Word shows them, headings, tables
 * with merged cells, the two-column header, tracked changes, footnotes,
 * comments, text boxes, breaks; and each broken or hostile file refused
 * with its part and place. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "docx_read.h"

#include <zip.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define REL_NS \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

static const char package_rels[] =
    HEAD "<Relationships "
         "xmlns=\"http://schemas.openxmlformats.org/package/2006/"
         "relationships\"><Relationship Id=\"rId1\" Type=\"" REL_NS
         "/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
static const char document_rels[] =
    HEAD "<Relationships "
         "xmlns=\"http://schemas.openxmlformats.org/package/2006/"
         "relationships\"><Relationship Id=\"rId1\" Type=\"" REL_NS
         "/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId2\" "
         "Type=\"" REL_NS
         "/numbering\" Target=\"/word/numbering.xml\"/></Relationships>";

#define DOC(body)                                                       \
    HEAD "<w:document xmlns:w=\"" W_NS "\" xmlns:mc=\"http://schemas."  \
         "openxmlformats.org/markup-compatibility/2006\"><w:body>" body \
         "</w:body></w:document>"
#define NUMBERING(defs) \
    HEAD "<w:numbering xmlns:w=\"" W_NS "\">" defs "</w:numbering>"
#define STYLES(defs) HEAD "<w:styles xmlns:w=\"" W_NS "\">" defs "</w:styles>"
#define P(text) "<w:p><w:r><w:t>" text "</w:t></w:r></w:p>"
#define NP(num, lvl, text)                                       \
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" #lvl "\"/><w:numId " \
    "w:val=\"" #num "\"/></w:numPr></w:pPr><w:r><w:t>" text      \
    "</w:t></w:r></w:p>"
#define LVL(i, fmt, text)                                                   \
    "<w:lvl w:ilvl=\"" #i "\"><w:start w:val=\"1\"/><w:numFmt w:val=\"" fmt \
    "\"/><w:lvlText w:val=\"" text "\"/></w:lvl>"
#define TC(text) "<w:tc>" P(text) "</w:tc>"

typedef struct part {
    const char *name, *text;
    size_t len; /* 0: strlen */
} part;

static void add(zip_t *z, const char *name, const char *data, size_t len)
{
    zip_source_t *src = zip_source_buffer(z, data, len, 0);
    assert_non_null(src);
    zip_int64_t at = zip_file_add(z, name, src, ZIP_FL_OVERWRITE);
    assert_true(at >= 0);
}

/* A .docx in memory of the parts given (a NULL text leaves a part out),
 * after the package's and document's relationships; caller frees. */
static void *build(const part *parts, size_t n, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *out = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_source_keep(out);
    zip_t *z = zip_open_from_source(out, ZIP_TRUNCATE, &ze);
    assert_non_null(z);
    add(z, "_rels/.rels", package_rels, strlen(package_rels));
    add(z, "word/_rels/document.xml.rels", document_rels,
        strlen(document_rels));
    for (size_t i = 0; i < n; i++)
        if (parts[i].text)
            add(z, parts[i].name, parts[i].text,
                parts[i].len ? parts[i].len : strlen(parts[i].text));
    assert_int_equal(zip_close(z), 0);
    assert_int_equal(zip_source_open(out), 0);
    zip_stat_t st;
    assert_int_equal(zip_source_stat(out, &st), 0);
    void *bytes = malloc(st.size ? st.size : 1);
    assert_int_equal(zip_source_read(out, bytes, st.size),
                     (zip_int64_t)st.size);
    zip_source_close(out);
    zip_source_free(out);
    zip_error_fini(&ze);
    *len = st.size;
    return bytes;
}

static char text[1 << 16];
static opc_error err;

/* Reads a document of these parts with the limits; the text (or "") in
 * text, the reason in err. */
static bool read_with(const char *document, const char *numbering,
                      const char *styles, const docx_limits *lim)
{
    part parts[] = {
        {"word/document.xml", document, 0},
        {"word/numbering.xml", numbering, 0},
        {"word/styles.xml", styles, 0},
    };
    size_t len;
    void *data = build(parts, 3, &len);
    strbuf out = STRBUF_INIT;
    opc_error_init(&err);
    bool ok = docx_read_memory(data, len, lim, &out, &err);
    snprintf(text, sizeof text, "%s", strbuf_str(&out));
    strbuf_release(&out);
    free(data);
    return ok;
}

static const char *read_doc(const char *document, const char *numbering,
                            const char *styles)
{
    if (!read_with(document, numbering, styles, NULL))
        fail_msg("refused: %s", strbuf_str(&err.message));
    opc_error_release(&err);
    return text;
}

/* The reason a document is refused, and where. */
static const char *refused(const char *document, const docx_limits *lim)
{
    assert_false(read_with(document, NULL, NULL, lim));
    snprintf(text, sizeof text, "%s:%u:%u: %s", strbuf_str(&err.part), err.line,
             err.column, strbuf_str(&err.message));
    opc_error_release(&err);
    return text;
}

/* ---- numbering ---- */

static const char parts_list[] = NUMBERING(
    "<w:abstractNum w:abstractNumId=\"0\">" LVL(0, "upperRoman", "%1.")
        LVL(1, "decimal", "%2.") LVL(2, "lowerLetter", "%3)") LVL(
            3, "decimal",
            "%2.%4.") "</w:abstractNum>"
                      "<w:abstractNum w:abstractNumId=\"1\">" LVL(
                          0, "bullet", "\xEF\x82\xB7") LVL(1, "bullet", "-")
                          LVL(2, "bullet",
                              "+") "</w:abstractNum>"
                                   "<w:abstractNum w:abstractNumId=\"2\">" LVL(
                                       0, "decimal",
                                       "%1)") "</w:abstractNum>"
                                              "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
                                              "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
                                              "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"2\"/></w:num>"
                                              /* the same list again, continuing */
                                              "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"2\"/></w:num>"
                                              /* the same list, restarted at 1 */
                                              "<w:num w:numId=\"5\"><w:abstractNumId w:val=\"2\"/><w:lvlOverride "
                                              "w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
                                              /* and once more, from 4 */
                                              "<w:num w:numId=\"6\"><w:abstractNumId w:val=\"2\"/><w:lvlOverride "
                                              "w:ilvl=\"0\"><w:startOverride w:val=\"4\"/></w:lvlOverride></w:num>");

static void numbers_as_word_shows_them(void **state)
{
    (void)state;
    assert_string_equal(
        read_doc(DOC(NP(1, 0, "MỤC ĐÍCH") NP(1, 1, "Mục đích")
                         NP(2, 0, "Nâng cao") NP(2, 1, "gạch") NP(2, 2, "cộng")
                             NP(1, 0, "NỘI DUNG") NP(1, 1, "Truyền thông")
                                 NP(1, 2, "Tổ chức") NP(1, 2, "Biên soạn")
                                     NP(1, 3, "Chi tiết") NP(1, 1, "Vụ việc")
                                         NP(1, 2, "Thực hiện")
                                             NP(1, 0, "KINH PHÍ")
                                                 NP(1, 0, "TỔ CHỨC")),
                 parts_list, NULL),
        "I. MỤC ĐÍCH\n1. Mục đích\n- Nâng cao\n- gạch\n+ cộng\n"
        "II. NỘI DUNG\n1. Truyền thông\na) Tổ chức\nb) Biên soạn\n"
        "1.1. Chi tiết\n2. Vụ việc\na) Thực hiện\nIII. KINH PHÍ\n"
        "IV. TỔ CHỨC\n");
}

static void lists_continue_unless_restarted(void **state)
{
    (void)state;
    assert_string_equal(
        read_doc(
            DOC(NP(3, 0, "một") NP(3, 0, "hai") P(
                "giữa") NP(4, 0, "ba") NP(5, 0, "lại một")
                    NP(5, 0,
                       "lại hai") "<w:p><w:pPr><w:numPr><w:numId w:val=\"0\"/>"
                                  "</w:numPr></w:pPr><w:r><w:t>không số</w:t>"
                                  "</w:r></w:p>" NP(6, 0, "bốn")
                                      NP(6, 0, "năm")),
            parts_list, NULL),
        "1) một\n2) hai\ngiữa\n3) ba\n1) lại một\n2) lại hai\nkhông số\n"
        "4) bốn\n5) năm\n");
}

static void an_empty_numbered_paragraph_counts(void **state)
{
    (void)state;
    assert_string_equal(read_doc(DOC(NP(3, 0, "một") NP(3, 0, "")
                                         NP(3, 0, "ba")),
                                 parts_list, NULL),
                        "1) một\n3) ba\n");
}

static void numbers_from_the_style_and_headings(void **state)
{
    (void)state;
    static const char styles[] =
        STYLES("<w:style w:type=\"paragraph\" w:styleId=\"u1\"><w:name "
               "w:val=\"heading 1\"/><w:pPr><w:numPr><w:numId w:val=\"1\"/>"
               "</w:numPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>"
               "<w:style w:type=\"paragraph\" w:styleId=\"Muc\"><w:name "
               "w:val=\"Mục\"/><w:basedOn w:val=\"u1\"/></w:style>"
               "<w:style w:type=\"paragraph\" w:styleId=\"Loop\"><w:name "
               "w:val=\"Loop\"/><w:basedOn w:val=\"Loop\"/></w:style>");
    assert_string_equal(
        read_doc(DOC("<w:p><w:pPr><w:pStyle w:val=\"u1\"/></w:pPr><w:r><w:t>"
                     "MỤC ĐÍCH</w:t></w:r></w:p>"
                     "<w:p><w:pPr><w:pStyle w:val=\"Muc\"/></w:pPr><w:r><w:t>"
                     "NỘI DUNG</w:t></w:r></w:p>"
                     "<w:p><w:pPr><w:pStyle w:val=\"Loop\"/></w:pPr><w:r>"
                     "<w:t>thường</w:t></w:r></w:p>"
                     "<w:p><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr><w:r>"
                     "<w:t>Cấp hai</w:t></w:r></w:p>"),
                 parts_list, styles),
        "# I. MỤC ĐÍCH\n# II. NỘI DUNG\nthường\n## Cấp hai\n");
}

/* ---- tables ---- */

static void tables_as_markdown_rows_with_merges(void **state)
{
    (void)state;
    assert_string_equal(
        read_doc(
            DOC("<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid>"
                "<w:tr><w:trPr><w:tblHeader/></w:trPr>" TC("STT") TC("Nội dung") TC("Chủ trì") TC(
                    "Thời gian") "</w:tr>"
                                 "<w:tr>" TC(
                                     "I") "<w:tc><w:tcPr><w:gridSpan w:val=\"3\"/>"
                                          "</w:tcPr>" P(
                                              "Truyền thông") "</w:tc></w:tr>"
                                                              "<w:tr>" TC("1") TC(
                                                                  "Tổ chức") "<w:tc><w:tcPr><w:vMerge "
                                                                             "w:val=\"restart\"/></w:tcPr>" P(
                                                                                 "Trung tâm")
                                                                                 P("TGPL") "</w:tc>" TC(
                                                                                     "Quý I") "</w:tr>"
                                                                                              "<w:tr>" TC("2") TC(
                                                                                                  "Biên | soạn") "<w:tc><w:tcPr><w:vMerge/>"
                                                                                                                 "</w:tcPr>" P("") "</w:tc>" TC(
                                                                                                                     "Quý II") "</w:tr>"
                                                                                                                               "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>" TC(
                                                                                                                                   "Khác") "</w:tr>"
                                                                                                                                           "<w:tr>" TC(
                                                                                                                                               "")
                                                                                                                                               TC("") "</w:tr>"
                                                                                                                                                      "</w:tbl>" P(
                                                                                                                                                          "Sau bảng")),
            NULL, NULL),
        "| STT | Nội dung | Chủ trì | Thời gian |\n"
        "| I | Truyền thông | | |\n"
        "| 1 | Tổ chức | Trung tâm TGPL | Quý I |\n"
        "| 2 | Biên / soạn | Trung tâm TGPL | Quý II |\n"
        "| | Khác |\n"
        "Sau bảng\n");
}

static void a_header_over_two_rows_is_one_row(void **state)
{
    (void)state;
    assert_string_equal(
        read_doc(
            DOC("<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>"
                "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>" P(
                    "STT") "</w:tc>"
                           "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>" P(
                               "Nội dung") "</w:tc>"
                                           "<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>" P(
                                               "Thời gian") "</w:tc></w:tr>"
                                                            "<w:tr><w:trPr><w:tblHeader/></w:trPr>"
                                                            "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
                                                            "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>" TC(
                                                                "Bắt đầu")
                                                                TC("Kết thúc") "</w:tr>"
                                                                               "<w:tr>" TC(
                                                                                   "1") TC("Tập huấn")
                                                                                   TC("Quý I")
                                                                                       TC("Quý II") "</w:tr></w:tbl>"),
            NULL, NULL),
        "| STT | Nội dung | Thời gian Bắt đầu | Kết thúc |\n"
        "| 1 | Tập huấn | Quý I | Quý II |\n");
}

static void a_table_in_a_cell_joins_the_cell(void **state)
{
    (void)state;
    assert_string_equal(
        read_doc(DOC("<w:tbl><w:tr>" TC("a") "<w:tc><w:tbl><w:tr>" TC("b")
                         TC("c") "</w:tr></w:tbl>" P("d") "</w:tc></w:tr>"
                                                          "</w:tbl>"),
                 NULL, NULL),
        "| a | b c d |\n");
}

static void the_header_table_is_read_column_by_column(void **state)
{
    (void)state;
    assert_string_equal(
        read_doc(
            DOC("<w:tbl><w:tr><w:tc>" P("UBND TỈNH BẠC LIÊU") P("SỞ TƯ PHÁP") P(
                "-------") "</w:tc><w:tc>" P("CỘNG HÒA XÃ "
                                             "HỘI CHỦ "
                                             "NGHĨA VIỆT "
                                             "NAM")
                    P("Độc lập - Tự do - Hạnh phúc") "</w:tc></w:tr>"
                                                     "<w:tr>" TC("Số: 45/KH-STP") TC(
                                                         "Bạc Liêu, ngày 10 tháng 01 năm 2025") "</w:tr>"
                                                                                                "</w:tbl>" P(
                                                                                                    "KẾ HOẠCH")),
            NULL, NULL),
        "UBND TỈNH BẠC LIÊU\nSỞ TƯ PHÁP\nSố: 45/KH-STP\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Bạc Liêu, ngày 10 tháng 01 năm 2025\nKẾ HOẠCH\n");
    /* three columns, the middle one a spacer */
    assert_string_equal(
        read_doc(
            DOC("<w:tbl><w:tr>" TC("SỞ TƯ PHÁP") TC("")
                    TC("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") "</w:tr><w:tr>" TC(
                        "Số: 45/KH-STP") TC("")
                        TC("Hà Nội, ngày 10 tháng 01 năm "
                           "2025") "</w:tr></w:tbl>"),
            NULL, NULL),
        "SỞ TƯ PHÁP\nSố: 45/KH-STP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Hà Nội, ngày 10 tháng 01 năm 2025\n");
}

/* ---- runs ---- */

static void tracked_changes_accepted(void **state)
{
    (void)state;
    assert_string_equal(
        read_doc(
            DOC("<w:p><w:r><w:t xml:space=\"preserve\">Quý </w:t></w:r>"
                "<w:del><w:r><w:br/><w:delText>II</w:delText></w:r></w:del>"
                "<w:ins><w:r><w:t>III</w:t></w:r></w:ins>"
                "<w:moveFrom><w:r><w:t> cũ</w:t></w:r></w:moveFrom>"
                "<w:moveTo><w:r><w:t> mới</w:t></w:r></w:moveTo></w:p>"
                "<w:p><w:pPr><w:pPrChange><w:pPr><w:numPr><w:numId "
                "w:val=\"3\"/></w:numPr></w:pPr></w:pPrChange></w:pPr>"
                "<w:r><w:t>đã bỏ số</w:t></w:r></w:p>"),
            parts_list, NULL),
        "Quý III mới\nđã bỏ số\n");
}

static void notes_comments_fields_and_hidden_text_left_out(void **state)
{
    (void)state;
    assert_string_equal(
        read_doc(DOC("<w:p><w:commentRangeStart w:id=\"1\"/><w:r><w:t>Kế "
                     "hoạch</w:t></w:r><w:r><w:footnoteReference "
                     "w:id=\"2\"/></w:r><w:commentRangeEnd w:id=\"1\"/><w:r>"
                     "<w:commentReference w:id=\"1\"/></w:r>"
                     "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>"
                     "<w:instrText> DATE </w:instrText></w:r><w:r><w:fldChar "
                     "w:fldCharType=\"separate\"/></w:r><w:r><w:t> 2025"
                     "</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/>"
                     "</w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t>"
                     "</w:r></w:p>"),
                 NULL, NULL),
        "Kế hoạch 2025\n");
}

static void text_boxes_once_where_they_are(void **state)
{
    (void)state;
    assert_string_equal(
        read_doc(
            DOC("<w:p><w:r><w:t>Trước</w:t></w:r><w:r><mc:AlternateContent>"
                "<mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>" P(
                    "Trong hộp") "</w:txbxContent></w:drawing></mc:Choice>"
                                 "<mc:Fallback><w:pict><w:txbxContent>" P(
                                     "Trong hộp") "</w:txbxContent></w:pict>"
                                                  "</mc:Fallback>"
                                                  "</mc:AlternateContent></"
                                                  "w:r><w:r><w:t> sau</w:t>"
                                                  "</w:r></w:p>"),
            NULL, NULL),
        "Trong hộp\nTrước sau\n");
}

static void breaks_tabs_and_capitals(void **state)
{
    (void)state;
    assert_string_equal(
        read_doc(DOC("<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" "
                     "w:pos=\"720\"/></w:tabs></w:pPr><w:r><w:t>UBND TỈNH"
                     "</w:t><w:br/><w:t>SỞ TƯ PHÁP</w:t><w:tab/><w:t>Số"
                     "</w:t><w:noBreakHyphen/><w:t>1</w:t><w:br "
                     "w:type=\"page\"/><w:t>x</w:t></w:r></w:p>"
                     "<w:p><w:r><w:rPr><w:caps/></w:rPr><w:t>sở tư pháp</w:t>"
                     "</w:r><w:r><w:rPr><w:caps w:val=\"0\"/></w:rPr><w:t> "
                     "và</w:t></w:r></w:p>"
                     "<w:sdt><w:sdtPr><w:placeholder/><w:text/></w:sdtPr>"
                     "<w:sdtContent>" P("trong ô nhập") "</w:sdtContent>"
                                                        "</w:sdt>"),
                 NULL, NULL),
        "UBND TỈNH\nSỞ TƯ PHÁP Số-1 x\nSỞ TƯ PHÁP và\ntrong ô nhập\n");
}

/* ---- the legacy Vietnamese fonts ---- */

#define FP(font, text)                                                \
    "<w:p><w:r><w:rPr><w:rFonts w:ascii=\"" font "\" w:hAnsi=\"" font \
    "\"/></w:rPr><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"
#define LEGACY_STYLES                                                    \
    STYLES("<w:style w:type=\"paragraph\" w:styleId=\"VnBase\"><w:name " \
           "w:val=\"Vn base\"/><w:rPr><w:rFonts w:ascii=\".VnTime\" "    \
           "w:hAnsi=\".VnTime\"/></w:rPr></w:style>"                     \
           "<w:style w:type=\"paragraph\" w:styleId=\"VnBody\"><w:name " \
           "w:val=\"Vn body\"/><w:basedOn w:val=\"VnBase\"/></w:style>"  \
           "<w:style w:type=\"character\" w:styleId=\"Vni\"><w:name "    \
           "w:val=\"Vni\"/><w:rPr><w:rFonts w:ascii=\"VNI-Helve\" "      \
           "w:hAnsi=\"VNI-Helve\"/></w:rPr></w:style>")
/* VNI: the marks after the letter, the run's text split between them */
#define VNI_SPLIT                                                        \
    "<w:p><w:r><w:rPr><w:rFonts w:ascii=\"VNI-Times\" "                  \
    "w:hAnsi=\"VNI-Times\"/></w:rPr><w:t>Coäng hoøa xaõ hoäi chuû " \
    "nghóa Vie</w:t><w:t>ät Nam</w:t></w:r></w:p>"
/* the font from the paragraph's style, through the style it is based
   on; a run in Times New Roman there, Unicode already; a character
   style's font, in capitals (w:caps) */
#define STYLED                                                              \
    "<w:p><w:pPr><w:pStyle w:val=\"VnBody\"/></w:pPr><w:r><w:t "            \
    "xml:space=\"preserve\">§éc lËp - Tù do - H¹nh phóc </w:t></w:r>" \
    "<w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\" "                    \
    "w:hAnsi=\"Times New Roman\"/></w:rPr><w:t xml:space=\"preserve\">"     \
    "Kế hoạch số 45/KH-STP </w:t></w:r><w:r><w:rPr><w:rStyle "        \
    "w:val=\"Vni\"/><w:caps/></w:rPr><w:t>Sôû Tö phaùp</w:t></w:r></w:p>"

/* Text typed in the TCVN3 (.VnTime) and VNI fonts, as a .doc converted
 * to .docx keeps it: the legacy bytes as code points. The legacy texts
 * are the well-known ways these encodings write the national motto. */
static void legacy_font_runs_read_in_unicode(void **state)
{
    (void)state;
    static const char document[] = DOC(
        FP(".VnTime", "KÕ ho¹ch triÓn khai c«ng t¸c trî gióp ph¸p lý")
            FP(".VnTimeH", "KÕ HO¹CH n¨m 2025") FP(".VNTIMEH",
                                                   "UBND TØNH B¹C LI£U")
                VNI_SPLIT STYLED FP("Times New Roman", "Kế hoạch năm 2025 © ¹")
                    P("Hòa bình µ"));
    assert_string_equal(
        read_doc(document, NULL, LEGACY_STYLES),
        "Kế hoạch triển khai công tác trợ giúp pháp lý\n"
        "KẾ HOẠCH NĂM 2025\n"
        "UBND TỈNH BẠC LIÊU\n"
        "Cộng hòa xã hội chủ nghĩa Việt Nam\n"
        "Độc lập - Tự do - Hạnh phúc Kế hoạch số 45/KH-STP SỞ TƯ PHÁP\n"
        "Kế hoạch năm 2025 © ¹\n"
        "Hòa bình µ\n");
}

#define DEFAULTS(font)                                              \
    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"" font \
    "\" w:hAnsi=\"" font "\"/></w:rPr></w:rPrDefault></w:docDefaults>"
#define THEMED                                                         \
    "<w:p><w:r><w:rPr><w:rFonts w:asciiTheme=\"minorHAnsi\" "          \
    "w:hAnsiTheme=\"minorHAnsi\"/></w:rPr><w:t>Việt Nam</w:t></w:r>" \
    "</w:p>"
#define NORMAL_VNI                                                        \
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">" \
    "<w:name w:val=\"Normal\"/><w:rPr><w:rFonts w:ascii=\"VNI-Times\" "   \
    "w:hAnsi=\"VNI-Times\"/></w:rPr></w:style><w:style "                  \
    "w:type=\"paragraph\" w:styleId=\"Other\"><w:name w:val=\"Other\"/>"  \
    "</w:style>"
#define OTHER_P                                                        \
    "<w:p><w:pPr><w:pStyle w:val=\"Other\"/></w:pPr><w:r><w:t>Việt " \
    "Nam</w:t></w:r></w:p>"

/* The document's default font, and the default paragraph style's, are
 * the font of every run that names none; a theme's font is not a legacy
 * one. */
static void legacy_font_of_the_defaults(void **state)
{
    (void)state;
    static const char themed[] =
        DOC(P("ViÖt Nam") THEMED FP("Arial", "Việt Nam"));
    assert_string_equal(read_doc(themed, NULL, STYLES(DEFAULTS(".VnTime"))),
                        "Việt Nam\nViệt Nam\nViệt Nam\n");
    static const char normal[] = STYLES(DEFAULTS("Times New Roman") NORMAL_VNI);
    assert_string_equal(read_doc(DOC(P("Vieät Nam") OTHER_P), NULL, normal),
                        "Việt Nam\nViệt Nam\n");
}

/* ---- refusals ---- */

static void broken_parts_refused_where_they_break(void **state)
{
    (void)state;
    assert_string_equal(
        refused(HEAD "<w:document xmlns:w=\"" W_NS "\">\n<w:body><w:p><w:r>"
                     "<w:t>x</w:r></w:p></w:body></w:document>",
                NULL),
        "word/document.xml:3:27: the part is not well-formed XML "
        "(mismatched tag)");
    assert_string_equal(
        refused(HEAD "<!DOCTYPE d [<!ENTITY a \"aaaa\">]><w:document "
                     "xmlns:w=\"" W_NS "\"/>",
                NULL),
        "word/document.xml:2:13: a document type declaration is not allowed "
        "in a part of a Word document");
    assert_string_equal(
        refused(HEAD "<w:workbook xmlns:w=\"" W_NS "\"/>", NULL),
        "word/document.xml:2:1: not a Word document: its main part holds "
        "'workbook', not a document");
    assert_string_equal(refused(NULL, NULL),
                        ":0:0: not a Word document: it has no document part "
                        "(word/document.xml)");
}

static void limits_refused(void **state)
{
    (void)state;
    docx_limits lim = docx_default_limits;
    lim.max_depth = 6;
    assert_string_equal(
        refused(DOC("<w:p><w:r><w:t>a</w:t></w:r></w:p><w:p><w:r><w:rPr><w:b>"
                    "<w:x/></w:b></w:rPr></w:r></w:p>"),
                &lim),
        "word/document.xml:2:219: the part nests elements more than 6 deep");
    lim = docx_default_limits;
    lim.max_paragraphs = 2;
    assert_string_equal(refused(DOC(P("a") P("b") P("c")), &lim),
                        "word/document.xml:2:259: the document has more than "
                        "2 paragraphs");
    lim = docx_default_limits;
    lim.max_cells = 1;
    assert_string_equal(refused(DOC("<w:tbl><w:tr>" TC("a")
                                        TC("b") "</w:tr></w:tbl>"),
                                &lim),
                        "word/document.xml:2:223: the document has more "
                        "than 1 table cells");
    lim = docx_default_limits;
    lim.max_text = 5;
    assert_string_equal(refused(DOC(P("abc") P("def")), &lim),
                        "word/document.xml:2:217: the document's text is "
                        "longer than 5 bytes");
}

/* A cell merged down over many rows, or a long list number on many
 * paragraphs, writes more than the document holds: it counts too. */
static void text_written_within_the_limit(void **state)
{
    (void)state;
    docx_limits lim = docx_default_limits;
    lim.max_text = 40;
    assert_string_equal(
        refused(
            DOC("<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/>"
                "</w:tcPr>" P(
                    "0123456789") "</w:tc></w:tr>"
                                  "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
                                  "</w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/>"
                                  "</w:tc></w:tr></w:tbl>"),
            &lim),
        "word/document.xml:2:403: the document's text is longer than 40 "
        "bytes");
}

static void not_a_zip_and_zip_bombs_refused(void **state)
{
    (void)state;
    strbuf out = STRBUF_INIT;
    opc_error_init(&err);
    assert_false(docx_read_memory("KẾ HOẠCH", 10, NULL, &out, &err));
    assert_string_equal(strbuf_str(&err.message),
                        "not a Word document: it is not a zip archive");
    opc_error_release(&err);
    /* 4 MiB of spaces in one paragraph, deflated to some KiB */
    static const char shell[] = DOC("\x01");
    const char *mark = strchr(shell, '\x01');
    strbuf doc = STRBUF_INIT;
    strbuf_add(&doc, shell, (size_t)(mark - shell));
    strbuf_puts(&doc, "<w:p><w:r><w:t>");
    strbuf_repeat(&doc, ' ', 4u << 20);
    strbuf_puts(&doc, "</w:t></w:r></w:p>");
    strbuf_puts(&doc, mark + 1);
    part parts[] = {{"word/document.xml", doc.buf, doc.len}};
    size_t len;
    void *data = build(parts, 1, &len);
    docx_limits lim = docx_default_limits;
    lim.package.max_part_bytes = 1u << 20;
    assert_false(docx_read_memory(data, len, &lim, &out, &err));
    assert_string_equal(strbuf_str(&err.part), "word/document.xml");
    assert_string_equal(strbuf_str(&err.message),
                        "the part inflates to more than 1048576 bytes");
    opc_error_release(&err);
    lim = docx_default_limits;
    assert_false(docx_read_memory(data, len, &lim, &out, &err));
    /* the ratio judged against the compressed size libzip wrote */
    assert_non_null(strstr(strbuf_str(&err.message),
                           "the part inflates to more than 100 times its "
                           "compressed size ("));
    opc_error_release(&err);
    assert_int_equal(out.len, 0);
    free(data);
    strbuf_release(&doc);
    strbuf_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_as_word_shows_them),
        cmocka_unit_test(lists_continue_unless_restarted),
        cmocka_unit_test(an_empty_numbered_paragraph_counts),
        cmocka_unit_test(numbers_from_the_style_and_headings),
        cmocka_unit_test(tables_as_markdown_rows_with_merges),
        cmocka_unit_test(a_header_over_two_rows_is_one_row),
        cmocka_unit_test(a_table_in_a_cell_joins_the_cell),
        cmocka_unit_test(the_header_table_is_read_column_by_column),
        cmocka_unit_test(tracked_changes_accepted),
        cmocka_unit_test(notes_comments_fields_and_hidden_text_left_out),
        cmocka_unit_test(text_boxes_once_where_they_are),
        cmocka_unit_test(breaks_tabs_and_capitals),
        cmocka_unit_test(legacy_font_runs_read_in_unicode),
        cmocka_unit_test(legacy_font_of_the_defaults),
        cmocka_unit_test(broken_parts_refused_where_they_break),
        cmocka_unit_test(limits_refused),
        cmocka_unit_test(text_written_within_the_limit),
        cmocka_unit_test(not_a_zip_and_zip_bombs_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
