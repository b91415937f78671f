/* test-collect.c - a filled progress form read back and recorded
 * (collect.h), on forms built by hand from their XML parts so each cell is
 * just so: text typed the way people type it (a date as 20/3/2026, a
 * percent as "0,5", a number as text, evidence on several lines), a
 * percent cell and a date serial; a form collected twice records once;
 * cells that cannot be read (a formula without its value, an error value,
 * a number in hex, a percent on a report's row, a filled row without a
 * state) each reported at its cell, and nothing recorded. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "collect.h"
#include "sha256.h"

#include "tempdir.h"
#include "xlsxbuild.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TEMPDIR_GROUP("collect")

static const char plan_yaml[] =
    "id: p\nissuer: X\nplace: Y\ntitle: T\nyear: 2026\n"
    "sections:\n- id: \"1\"\n  title: S\n  activities:\n"
    "  - id: \"1.b\"\n    title: B\n    lead: Sở Y tế\n    time: Tháng 3/2026\n"
    "    targets:\n    - {name: Số buổi, value: 6}\n"
    "reports:\n- {by: Sở Y tế, to: Sở Tư pháp, what: kết quả, due: "
    "\"2026-10-30\"}\n"
    "recipients: [Sở Tư pháp]\nsigner: {title: GIÁM ĐỐC, name: N}\n";

static const char old_log[] = "plan: p\nrecords:\n";

#define ID "0123456789abcdef"
#define IS(ref, text) \
    "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" text "</t></is></c>"
#define NUM(ref, v, style) "<c r=\"" ref "\" s=\"" style "\"><v>" v "</v></c>"
#define ROW(n, cells) "<row r=\"" n "\">" cells "</row>"
#define SHEET(rows)                                        \
    XLSXBUILD_HEAD "<worksheet xmlns=\"" XLSXBUILD_MAIN_NS \
                   "\"><sheetData>" rows "</sheetData></worksheet>"

/* The header row, at row 4, and the rows of the sheet to fill. */
#define FILL_SHEET(rows)                                                       \
    SHEET(ROW("1", IS("B1", "TIẾN ĐỘ"))                                        \
              ROW("4",                                                         \
                  IS("A4", "Khóa (không sửa)") IS("H4", "Tình trạng mới")      \
                      IS("I4", "Ngày hoàn thành / cập nhật")                   \
                          IS("J4", "Tỷ lệ hoàn thành (%)") IS("K4", "Số buổi") \
                              IS("L4", "Số văn bản báo cáo")                   \
                                  IS("M4", "Ghi chú") IS("N4", "Minh chứng"))  \
                  rows)

static const char content_types[] =
    XLSXBUILD_HEAD "<Types xmlns=\"http://schemas.openxmlformats.org/"
                   "package/2006/content-types\"><Default Extension=\"xml\" "
                   "ContentType=\"application/xml\"/></Types>";
static const char package_rels[] = XLSXBUILD_HEAD
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\"><Relationship Id=\"rId1\" Type=\"" XLSXBUILD_REL_NS
    "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
static const char workbook_rels[] = XLSXBUILD_HEAD
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\"><Relationship Id=\"rId1\" Type=\"" XLSXBUILD_REL_NS
    "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship "
    "Id=\"rId2\" Type=\"" XLSXBUILD_REL_NS
    "/worksheet\" Target=\"worksheets/sheet2.xml\"/><Relationship "
    "Id=\"rId3\" Type=\"" XLSXBUILD_REL_NS
    "/styles\" Target=\"styles.xml\"/></Relationships>";
static const char workbook[] =
    XLSXBUILD_HEAD "<workbook xmlns=\"" XLSXBUILD_MAIN_NS
                   "\" xmlns:r=\"" XLSXBUILD_REL_NS "\"><sheets>"
                   "<sheet name=\"Sở Y tế\" sheetId=\"1\" r:id=\"rId1\"/>"
                   "<sheet name=\"kehoach\" sheetId=\"2\" r:id=\"rId2\" "
                   "state=\"hidden\"/></sheets></workbook>";
/* styles: 0 General, 1 a percent, 2 a date */
static const char styles[] =
    XLSXBUILD_HEAD "<styleSheet xmlns=\"" XLSXBUILD_MAIN_NS "\"><cellXfs "
                   "count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"9\"/>"
                   "<xf numFmtId=\"14\"/></cellXfs></styleSheet>";

static char plan_path[512];

static void hex_of(const char *text, char out[65])
{
    sha256 s;
    sha256_init(&s);
    sha256_update(&s, text, strlen(text));
    sha256_hex(&s, out);
}

/* The identity's rows; the plan's (PLAN_ROW, row 4) is written with its
 * path and digests. */
#define PLAN_ROW                                                          \
    ROW("4", IS("A4", "plan") IS("B4", "p") IS("C4", "%s") IS("D4", "%s") \
                 IS("E4", "%s") IS("F4", "0"))
static const char *const identity_rows[] = {
    ROW("1", IS("A1", "form") IS("B1", "kehoach-form") IS("C1", "1")),
    ROW("2", IS("A2", "id") IS("B2", ID)),
    ROW("3", IS("A3", "unit") IS("B3", "Sở Y tế")),
    PLAN_ROW,
    ROW("5", IS("A5", "target") IS("B5", "Số buổi") IS("C5", "Số buổi")),
    ROW("6", IS("A6", "row") IS("B6", "p|1.b|") IS("C6", "p")
                 IS("D6", "activity") IS("E6", "1.b")),
    ROW("7", IS("A7", "row") IS("B7", "p|BC1|") IS("C7", "p") IS("D7", "report")
                 IS("E7", "BC1")),
};

/* A form for the unit with the rows of the sheet to fill given; its
 * identity names the plan and log as they are on disk. */
static const char *form(const char *file, const char *fill_sheet)
{
    char plan_sha[65], log_sha[65];
    hex_of(plan_yaml, plan_sha);
    hex_of(old_log, log_sha);
    strbuf sb = STRBUF_INIT;
    strbuf_puts(&sb, XLSXBUILD_HEAD "<worksheet xmlns=\"" XLSXBUILD_MAIN_NS
                                    "\"><sheetData>");
    for (size_t i = 0; i < sizeof identity_rows / sizeof *identity_rows; i++)
        if (i == 3)
            strbuf_printf(&sb, PLAN_ROW, plan_path, plan_sha, log_sha);
        else
            strbuf_puts(&sb, identity_rows[i]);
    strbuf_puts(&sb, "</sheetData></worksheet>");
    const char *identity = strbuf_str(&sb);
    xlsxbuild_part parts[] = {
        {"[Content_Types].xml", content_types, 0},
        {"_rels/.rels", package_rels, 0},
        {"xl/_rels/workbook.xml.rels", workbook_rels, 0},
        {"xl/workbook.xml", workbook, 0},
        {"xl/styles.xml", styles, 0},
        {"xl/worksheets/sheet1.xml", fill_sheet, 0},
        {"xl/worksheets/sheet2.xml", identity, 0},
    };
    const char *path = in_root(file);
    xlsxbuild_write(path, parts, sizeof parts / sizeof *parts);
    strbuf_release(&sb);
    return path;
}

static int fresh_plan(void **state)
{
    (void)state;
    snprintf(plan_path, sizeof plan_path, "%s", in_root("p.yaml"));
    if (tempdir_write(root, "p.yaml", plan_yaml) != 0)
        return -1;
    return tempdir_write(root, "p.progress.yaml", old_log);
}

static collect_request request(void)
{
    collect_request req = {.lock_timeout_ms = 1000, .max_problems = 50};
    date_parse("2026-06-01", false, &req.today);
    return req;
}

static const char typed_as_text[] = FILL_SHEET(
    ROW("5", IS("A5", "p|1.b|") IS("H5", "hoàn thành") IS("I5", "20/3/2026")
                 IS("J5", "0,5") IS("K5", " 4 ") IS("M5", "xong")
                     IS("N5", "Biên bản 1; ảnh\nBáo cáo 2")));

static void cells_typed_as_text_are_recorded_once(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s", form("typed.xlsx", typed_as_text));
    collect_request req = request();
    collect_result r;
    assert_int_equal(collect_form(&req, path, &r), COLLECT_RECORDED);
    assert_int_equal(diag_count(r.problems), 0);
    assert_string_equal(r.form_id, ID);
    assert_string_equal(r.unit, "Sở Y tế");
    assert_int_equal(r.filled, 1);
    assert_int_equal(r.recorded, 1);
    collect_result_release(&r);
    static const char want[] =
        "plan: p\nrecords:\n- date: 2026-03-20\n  activity: \"1.b\"\n"
        "  state: done\n  percent: 50\n  values:\n    \"Số buổi\": 4\n"
        "  note: \"xong\"\n  evidence:\n    - \"Biên bản 1\"\n    - \"ảnh\"\n"
        "    - \"Báo cáo 2\"\n  by: \"Sở Y tế\"\n  form: \"" ID "\"\n";
    assert_file_text(in_root("p.progress.yaml"), want);

    assert_int_equal(collect_form(&req, path, &r), COLLECT_NOTHING);
    assert_int_equal(r.already, 1);
    assert_int_equal(r.recorded, 0);
    collect_result_release(&r);
    assert_file_text(in_root("p.progress.yaml"), want);
}

static const char formatted[] = FILL_SHEET(
    ROW("5", IS("A5", "p|1.b|") IS("H5", "Đang thực hiện")
                 NUM("I5", "46101", "2") NUM("J5", "0.7", "1"))
        ROW("9", IS("A9", "p|BC1|") IS("H9", "Hoàn thành")
                     NUM("I9", "46325.5", "2") IS("L9", "Số 9/BC-SYT")));

static void a_percent_cell_and_date_serials(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s", form("formatted.xlsx", formatted));
    collect_request req = request();
    req.by = "Phòng KHTC";
    req.check_only = true;
    collect_result r;
    assert_int_equal(collect_form(&req, path, &r), COLLECT_RECORDED);
    assert_int_equal(r.recorded, 2);
    collect_result_release(&r);
    assert_file_text(in_root("p.progress.yaml"), old_log); /* a dry run */

    req.check_only = false;
    assert_int_equal(collect_form(&req, path, &r), COLLECT_RECORDED);
    collect_result_release(&r);
    assert_file_text(in_root("p.progress.yaml"),
                     "plan: p\nrecords:\n- date: 2026-03-20\n"
                     "  activity: \"1.b\"\n  state: in-progress\n"
                     "  percent: 70\n  by: \"Phòng KHTC\"\n  form: \"" ID
                     "\"\n- date: 2026-10-30\n  report: \"BC1\"\n"
                     "  state: done\n  document: \"Số 9/BC-SYT\"\n"
                     "  by: \"Phòng KHTC\"\n  form: \"" ID "\"\n");
}

static const char wrong[] = FILL_SHEET(
    ROW("5",
        IS("A5", "p|1.b|")
            IS("H5",
               "Hoàn thành") "<c r=\"I5\"><f>TODAY()</f></c>"
                             "<c r=\"J5\" t=\"e\"><v>#N/A</v></c>" IS("K5",
                                                                      "0x10"))
        ROW("7", IS("M7", "thêm một dòng"))
            ROW("9",
                IS("A9", "p|BC1|") IS("M9", "chưa gửi") NUM("J9", "100", "0")));

static void cells_that_cannot_be_read_stop_the_form(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s", form("wrong.xlsx", wrong));
    collect_request req = request();
    collect_result r;
    assert_int_equal(collect_form(&req, path, &r), COLLECT_REFUSED);
    static const char *const want[] = {
        "cell I5: the formula has no saved value",
        "cell J5: the cell holds the error #N/A",
        "cell A7: the row is filled but is not one of the form's rows",
        "cell H9: the row is filled but its new state is empty",
        "cell J9: a report has no percent",
    };
    strbuf all = STRBUF_INIT;
    for (size_t i = 0; i < diag_count(r.problems); i++)
        strbuf_printf(&all, "%s: %s\n", diag_get(r.problems, i)->path,
                      diag_get(r.problems, i)->message);
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strstr(strbuf_str(&all), want[i]))
            fail_msg("no '%s' in:\n%s", want[i], strbuf_str(&all));
    strbuf_release(&all);
    assert_int_equal(r.recorded, 0);
    collect_result_release(&r);
    assert_file_text(in_root("p.progress.yaml"), old_log);

    /* the hex number alone, once the other cells are right */
    static const char hex[] =
        FILL_SHEET(ROW("5", IS("A5", "p|1.b|") IS("H5", "Hoàn thành")
                                IS("I5", "2026-03-20") IS("K5", "0x10")));
    snprintf(path, sizeof path, "%s", form("hex.xlsx", hex));
    assert_int_equal(collect_form(&req, path, &r), COLLECT_REFUSED);
    assert_int_equal(diag_count(r.problems), 1);
    assert_non_null(strstr(diag_get(r.problems, 0)->message,
                           "'0x10' is not a measured value"));
    collect_result_release(&r);
    assert_file_text(in_root("p.progress.yaml"), old_log);
}

int main(void)
{
#define WITH_PLAN(test) cmocka_unit_test_setup(test, fresh_plan)
    const struct CMUnitTest tests[] = {
        WITH_PLAN(cells_typed_as_text_are_recorded_once),
        WITH_PLAN(a_percent_cell_and_date_serials),
        WITH_PLAN(cells_that_cannot_be_read_stop_the_form),
    };
    return cmocka_run_group_tests(tests, make_root, remove_root);
}
