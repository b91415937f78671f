/* test-report.c - what a report is made of, short of writing a workbook:
 * Excel sheet names (xlsx_sheet_name), reporting periods
 * (report_period_parse), the field table against the template schema
 * (report_field.h), templates with their defaults and meaning checks
 * (template.h), "{field}" placeholders (report_field_expand) and the sign of
 * days late and days left. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "arena.h"
#include "catalog.h"
#include "diag.h"
#include "embedded.h"
#include "json.h"
#include "report_field.h"
#include "schema.h"
#include "source.h"
#include "strbuf.h"
#include "template.h"
#include "version.h"
#include "xalloc.h"
#include "xlsx.h"
#include "yamlload.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Characters (code points) of UTF-8 text. */
static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* --- sheet names -------------------------------------------------------- */

static void sheet_name_alone(const char *name, const char *want)
{
    char out[128];
    xlsx_sheet_name(name, NULL, 0, out);
    assert_string_equal(out, want);
    assert_true(chars(out) <= XLSX_SHEET_NAME_MAX);
}

static void sheet_names_made_valid(void **state)
{
    (void)state;
    static const struct {
        const char *name, *want;
    } cases[] = {
        {"Hoạt động", "Hoạt động"},
        {"a[b]c:d*e?f/g\\h", "a_b_c_d_e_f_g_h"},
        {"Q1/2026: [dự thảo]?", "Q1_2026_ _dự thảo__"},
        {"tab\there", "tab_here"}, /* control characters too */
        {"'Kế hoạch'", "Kế hoạch"},
        {"''x''", "x"},
        {"it's", "it's"}, /* inside: kept */
        {"", "Sheet"},
        {"'''", "Sheet"},
        /* 31 characters, not 31 bytes (this one is 40 bytes) */
        {"Kế hoạch trợ giúp pháp lý cho người khuyết tật",
         "Kế hoạch trợ giúp pháp lý cho n"},
        {"abcdefghijklmnopqrstuvwxyz01234567",
         "abcdefghijklmnopqrstuvwxyz01234"},
        /* the cut leaves an apostrophe at the end: dropped too */
        {"abcdefghijklmnopqrstuvwxyz0123'4567",
         "abcdefghijklmnopqrstuvwxyz0123"},
        /* History is Excel's own */
        {"History", "History (2)"},
        {"history", "history (2)"},
        {"HISTORY", "HISTORY (2)"},
        {"History (2)", "History (2)"},
        {"Histories", "Histories"},
        /* letters whose low byte is that of a refused character are kept:
         * combining grave (U+0300), ś (U+015B: '['), 一 (U+4E00), Ā (U+0100) */
        {"Hoa\xcc\x80n tha\xcc\x80nh", "Hoa\xcc\x80n tha\xcc\x80nh"},
        {"\xc5\x9bl\xc4\x85sk", "\xc5\x9bl\xc4\x85sk"},
        {"\xe4\xb8\x80\xe4\xba\x8c", "\xe4\xb8\x80\xe4\xba\x8c"},
        {"\xc4\x80", "\xc4\x80"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        sheet_name_alone(cases[i].name, cases[i].want);

    /* 4-byte characters (U+1F60A): 31 of them fill 124 of the 128 bytes */
    char emoji[41 * 4 + 1] = "", want[31 * 4 + 1] = "";
    for (int i = 0; i < 41; i++)
        strcat(emoji, "\xF0\x9F\x98\x8A");
    for (int i = 0; i < 31; i++)
        strcat(want, "\xF0\x9F\x98\x8A");
    sheet_name_alone(emoji, want);
    const char *taken[] = {want};
    char out[128];
    xlsx_sheet_name(emoji, taken, 1, out);
    assert_int_equal(chars(out), 31);
    assert_int_equal(strlen(out), 27 * 4 + 4);
    assert_string_equal(out + 27 * 4, " (2)");
}

static void sheet_names_unique_ignoring_case(void **state)
{
    (void)state;
    char out[128];
    const char *one[] = {"Tổng hợp"};
    xlsx_sheet_name("TỔNG HỢP", one, 1, out);
    assert_string_equal(out, "TỔNG HỢP (2)");
    xlsx_sheet_name("Tổng hợp", one, 1, out);
    assert_string_equal(out, "Tổng hợp (2)");
    xlsx_sheet_name("Tông hợp", one, 1, out); /* another word: free */
    assert_string_equal(out, "Tông hợp");

    const char *two[] = {"Tổng hợp", "tổng hợp (2)"};
    xlsx_sheet_name("TỔNG HỢP", two, 2, out);
    assert_string_equal(out, "TỔNG HỢP (3)");

    /* a cleaned name collides like any other */
    const char *cleaned[] = {"Q1_2026"};
    xlsx_sheet_name("Q1/2026", cleaned, 1, out);
    assert_string_equal(out, "Q1_2026 (2)");

    /* " (10)" takes one character more than " (9)" */
    const char *many[] = {"Sheet",     "Sheet (2)", "Sheet (3)",
                          "Sheet (4)", "Sheet (5)", "Sheet (6)",
                          "Sheet (7)", "Sheet (8)", "Sheet (9)"};
    xlsx_sheet_name("", many, 9, out);
    assert_string_equal(out, "Sheet (10)");

    /* the suffix fits within 31 characters: the name is cut shorter */
    const char *name = "Kế hoạch trợ giúp pháp lý cho người khuyết tật";
    const char *cut[] = {"Kế hoạch trợ giúp pháp lý cho n"};
    xlsx_sheet_name(name, cut, 1, out);
    assert_string_equal(out, "Kế hoạch trợ giúp pháp lý c (2)");
    assert_int_equal(chars(out), 31);
    const char *both[] = {"Kế hoạch trợ giúp pháp lý cho n",
                          "Kế hoạch trợ giúp pháp lý c (2)"};
    xlsx_sheet_name(name, both, 2, out);
    assert_string_equal(out, "Kế hoạch trợ giúp pháp lý c (3)");
    const char *upper[] = {"KẾ HOẠCH TRỢ GIÚP PHÁP LÝ CHO N"};
    xlsx_sheet_name(name, upper, 1, out);
    assert_string_equal(out, "Kế hoạch trợ giúp pháp lý c (2)");

    /* and a long name is cut one character more for it */
    char longer[9][64];
    const char *nine[9];
    strcpy(longer[0], "Kế hoạch trợ giúp pháp lý cho n");
    for (int i = 1; i < 9; i++)
        snprintf(longer[i], sizeof longer[i],
                 "Kế hoạch trợ giúp pháp lý c (%d)", i + 1);
    for (int i = 0; i < 9; i++)
        nine[i] = longer[i];
    xlsx_sheet_name(name, nine, 9, out);
    /* cut before a space: the space goes, so the suffix is not doubled */
    assert_string_equal(out, "Kế hoạch trợ giúp pháp lý (10)");
    assert_int_equal(chars(out), 30);

    /* a sheet of the report named like History after a taken one */
    const char *history[] = {"History (2)"};
    xlsx_sheet_name("history", history, 1, out);
    assert_string_equal(out, "history (3)");
}

/* --- periods ------------------------------------------------------------ */

static void assert_day(date d, int y, int m, int day)
{
    assert_int_equal(d.year, y);
    assert_int_equal(d.month, m);
    assert_int_equal(d.day, day);
}

static void periods_named_and_spans(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int from[3], to[3];
        const char *key, *label;
    } cases[] = {
        {"2026", {2025, 12, 15}, {2026, 12, 14}, "2026", "Năm 2026"},
        {"2026-H1",
         {2025, 12, 15},
         {2026, 6, 14},
         "2026-H1",
         "6 tháng đầu năm 2026"},
        {"2026-H2",
         {2026, 6, 15},
         {2026, 12, 14},
         "2026-H2",
         "6 tháng cuối năm 2026"},
        {"2026-Q1", {2025, 12, 15}, {2026, 3, 14}, "2026-Q1", "Quý I/2026"},
        {"2026-Q3", {2026, 6, 15}, {2026, 9, 14}, "2026-Q3", "Quý III/2026"},
        {"2026-q4", {2026, 9, 15}, {2026, 12, 14}, "2026-Q4", "Quý IV/2026"},
        {"2026-03", {2026, 2, 15}, {2026, 3, 14}, "2026-03", "Tháng 3/2026"},
        {"2026-01", {2025, 12, 15}, {2026, 1, 14}, "2026-01", "Tháng 1/2026"},
        {"2026-01-01..2026-06-30",
         {2026, 1, 1},
         {2026, 6, 30},
         "2026-01-01..2026-06-30",
         "Từ 01/01/2026 đến 30/06/2026"},
        {"2024-02-29..2024-02-29",
         {2024, 2, 29},
         {2024, 2, 29},
         "2024-02-29..2024-02-29",
         "Từ 29/02/2024 đến 29/02/2024"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        report_period p;
        strbuf why = STRBUF_INIT;
        assert_true(report_period_parse(cases[i].text, &p, &why));
        assert_day(p.from, cases[i].from[0], cases[i].from[1],
                   cases[i].from[2]);
        assert_day(p.to, cases[i].to[0], cases[i].to[1], cases[i].to[2]);
        assert_string_equal(p.key, cases[i].key);
        assert_string_equal(p.label, cases[i].label);
        assert_int_equal(why.len, 0);
    }
}

static void report_numbers(void **state)
{
    (void)state;
    static const char *const good[] = {"123",
                                       "45a",
                                       "12-STP",
                                       "Số 7",
                                       "12345678901234567890",
                                       "ĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐ"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        assert_true(report_field_number_valid(good[i]));
    static const char *const bad[] = {"",
                                      "123/BC-STP",
                                      "/",
                                      "123456789012345678901",
                                      "1\x01",
                                      "1\x7f",
                                      "1\xc2\x85" /* C1 NEL */,
                                      "1\xe2\x80\xae" /* RLO */,
                                      "1\xff" /* not UTF-8 */,
                                      "ĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐ"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (report_field_number_valid(bad[i]))
            fail_msg("'%s' taken as a report's number", bad[i]);
}

/* What a period may be written as, in the reason it is refused. */
#define WORDS                                                                    \
    "\"Năm 2026\", \"6 tháng đầu năm 2026\", \"Quý III/2026\", \"Tháng " \
    "3/2026\", or 2026, 2026-H1, 2026-Q3, 2026-03, or FROM..TO "                 \
    "(YYYY-MM-DD..YYYY-MM-DD)"

static void periods_refused_with_reason(void **state)
{
    (void)state;
    static const struct {
        const char *text, *why;
    } cases[] = {
        {"2026-Q5", "'2026-Q5' is not a period; write it as " WORDS},
        {"", "'' is not a period; write it as " WORDS},
        {"abc", "'abc' is not a period; write it as " WORDS},
        {"2026-02-30..2026-03-01",
         "'2026-02-30..2026-03-01' is not a span of real dates; "
         "write FROM..TO as YYYY-MM-DD..YYYY-MM-DD"},
        {"2026-05-01..2026-04-01",
         "the period '2026-05-01..2026-04-01' ends before it starts"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        report_period p;
        strbuf why = STRBUF_INIT;
        assert_false(report_period_parse(cases[i].text, &p, &why));
        assert_string_equal(strbuf_str(&why), cases[i].why);
        strbuf_release(&why);
    }
    /* other shapes that are no period: a reason each */
    const char *bad[] = {"2026-H3",
                         "2026-13",
                         "2026-3",
                         "26",
                         "2026-01-01..",
                         "..2026-06-30",
                         "2026-1-1..2026-6-30",
                         "2026-01-01...2026-06-30",
                         "2026-01-01..2026-06-30x",
                         "2026-01-01..2026-06-30..2026-12-31",
                         "2026-01-01 .. 2026-06-30"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        report_period p;
        strbuf why = STRBUF_INIT;
        assert_false(report_period_parse(bad[i], &p, &why));
        assert_non_null(strstr(strbuf_str(&why), bad[i]));
        strbuf_release(&why);
    }
}

/* --- the field table ---------------------------------------------------- */

static const char *scope_prefix(field_scope scope, const char *name)
{
    static const char *const run[] = {"period.", "report."};
    static const char *const activity[] = {"section.", "activity."};
    switch (scope) {
    case FIELD_RUN:
        return strncmp(name, run[0], strlen(run[0])) == 0 ? run[0] : run[1];
    case FIELD_PLAN:
        return "plan.";
    case FIELD_ACTIVITY:
        return strncmp(name, activity[0], strlen(activity[0])) == 0
                   ? activity[0]
                   : activity[1];
    case FIELD_RECORD:
        return "record.";
    case FIELD_DEADLINE:
        return "deadline.";
    case FIELD_LEAD:
        return "lead.";
    }
    return "?";
}

static void fields_agree_with_the_schema(void **state)
{
    (void)state;
    const embedded_file *f = embedded_find("template.schema.json");
    assert_non_null(f);
    arena *a = arena_new();
    diag_sink *d = diag_sink_new(0);
    source *src =
        source_new("template.schema.json", xstrndup(f->data, f->len), f->len);
    node *root = json_parse(a, src, d);
    assert_non_null(root);
    const node *list =
        node_get(node_get(node_get(root, "definitions"), "field"), "enum");
    assert_non_null(list);
    assert_int_equal(list->kind, NODE_ARRAY);

    size_t count;
    const report_field *fields = report_field_all(&count);
    assert_int_equal(count, list->u.array.count);
    for (size_t i = 0; i < count; i++) {
        const char *name = node_str(list->u.array.items[i]);
        assert_non_null(name);
        assert_string_equal(fields[i].name, name);
        assert_ptr_equal(report_field_find(name), &fields[i]);
        /* scope.name, lower case */
        const char *prefix = scope_prefix(fields[i].scope, name);
        assert_int_equal(strncmp(name, prefix, strlen(prefix)), 0);
        const char *rest = name + strlen(prefix);
        assert_true(*rest != '\0');
        for (const char *c = rest; *c; c++)
            assert_true((*c >= 'a' && *c <= 'z') || *c == '_');
        for (size_t j = 0; j < i; j++)
            assert_int_not_equal(fields[j].id, fields[i].id);
    }
    /* a few types, as a column of them is written */
    static const struct {
        const char *name;
        field_type type;
    } typed[] = {
        {"period.from", FIELD_DATE},
        {"report.as_of", FIELD_DATE},
        {"plan.issued", FIELD_DATE},
        {"plan.year", FIELD_TEXT},
        {"plan.activities", FIELD_INTEGER},
        {"activity.percent", FIELD_INTEGER},
        {"activity.due", FIELD_DATE},
        {"record.line", FIELD_INTEGER},
        {"deadline.days_left", FIELD_INTEGER},
        {"deadline.done_on", FIELD_DATE},
        {"deadline.state", FIELD_TEXT},
    };
    for (size_t i = 0; i < sizeof typed / sizeof *typed; i++) {
        const report_field *rf = report_field_find(typed[i].name);
        assert_non_null(rf);
        assert_int_equal(rf->type, typed[i].type);
    }
    assert_null(report_field_find("Plan.id"));
    assert_null(report_field_find("plan"));
    assert_null(report_field_find(""));
    assert_null(report_field_find("plan.id "));
    source_free(src);
    diag_sink_free(d);
    arena_free(a);
}

/* --- templates ---------------------------------------------------------- */

static catalog *schemas;

static int load_schemas(void **state)
{
    (void)state;
    diag_sink *d = diag_sink_new(0);
    schemas = catalog_load(d);
    diag_sink_free(d);
    return schemas ? 0 : -1;
}

static int free_schemas(void **state)
{
    (void)state;
    catalog_free(schemas);
    return 0;
}

typedef struct built {
    arena *a;
    source *src;
    diag_sink *d;
    template *t;
} built;

/* Prints what the sink holds, to explain a failing assertion. */
static void show(diag_sink *d)
{
    strbuf out = STRBUF_INIT;
    diag_format_text(d, &out, false);
    fprintf(stderr, "%s", strbuf_str(&out));
    strbuf_release(&out);
}

/* Loads YAML text that the template schema accepts (as template_load
 * checks it first) and builds it. */
static built build(const char *yaml)
{
    built b;
    b.a = arena_new();
    b.src = source_new("t.template.yaml", xstrdup(yaml), strlen(yaml));
    b.d = diag_sink_new(0);
    node *root = yamlload_parse(b.a, b.src, b.d, &yamlload_default_limits);
    assert_non_null(root);
    bool valid =
        schema_validate(catalog_schema(schemas, "template.schema.json"), root,
                        b.d);
    if (!valid || diag_count(b.d))
        show(b.d);
    assert_true(valid);
    assert_int_equal(diag_count(b.d), 0);
    b.t = template_build(b.a, b.src, root, b.d);
    return b;
}

static void unbuild(built *b)
{
    diag_sink_free(b->d);
    source_free(b->src);
    arena_free(b->a);
}

static void template_defaults(void **state)
{
    (void)state;
    built b = build(
        "template: nho\n"
        "sheets:\n"
        "  - kind: activities\n"
        "    name: Hoạt động\n"
        "    columns:\n"
        "      - {header: Mã, field: activity.id}\n"
        "  - kind: records\n"
        "    name: Nhật ký\n"
        "    header: title\n"
        "    title: [NHẬT KÝ]\n"
        "    columns:\n"
        "      - {header: Ngày, field: record.date, width: 12, wrap: true, format: dd/mm/yyyy, align: center}\n"
        "  - kind: deadlines\n"
        "    name: Thời hạn\n"
        "    header: title\n"
        "    title: [THỜI HẠN]\n"
        "    freeze: true\n"
        "    columns:\n"
        "      - {header: Hạn, field: deadline.due}\n"
        "  - kind: provenance\n"
        "    name: Nguồn\n");
    if (!b.t)
        show(b.d);
    assert_non_null(b.t);
    assert_int_equal(diag_count(b.d), 0);
    const template *t = b.t;
    assert_string_equal(t->name, "nho");
    assert_null(t->title);
    assert_string_equal(t->path, "t.template.yaml");
    assert_string_equal(t->font, "Times New Roman");
    assert_true(t->font_size == 12);
    assert_int_equal(t->page.paper, 9); /* A4 */
    assert_true(t->page.landscape);
    assert_true(t->page.fit_width);
    assert_int_equal(t->page.page_numbers, 1); /* top */
    assert_true(t->page.margin_mm[0] == 20 && t->page.margin_mm[1] == 20);
    assert_true(t->page.margin_mm[2] == 30 && t->page.margin_mm[3] == 15);
    assert_int_equal(t->nsheets, 4);

    const template_sheet *s = &t->sheets[0];
    assert_int_equal(s->kind, SHEET_ACTIVITIES);
    assert_string_equal(s->name, "Hoạt động");
    assert_false(s->per_plan);
    assert_int_equal(s->min_plans, 1);
    assert_int_equal(s->header, HEADER_NONE);
    assert_string_equal(s->number, "Số: {report.number}/BC-{plan.symbol}");
    assert_int_equal(s->ntitle, 0);
    assert_false(s->summary || s->chart || s->group_sections || s->signature);
    assert_true(s->freeze); /* no header: a plain table */
    assert_true(s->filter);
    assert_int_equal(s->ncolumns, 1);
    assert_string_equal(s->columns[0].header, "Mã");
    assert_ptr_equal(s->columns[0].field, report_field_find("activity.id"));
    assert_true(s->columns[0].width == 15);
    assert_false(s->columns[0].wrap);
    assert_null(s->columns[0].format);
    assert_int_equal(s->columns[0].align, XLSX_ALIGN_GENERAL);

    s = &t->sheets[1]; /* a header: no freeze, no filter */
    assert_int_equal(s->kind, SHEET_RECORDS);
    assert_int_equal(s->header, HEADER_TITLE);
    assert_int_equal(s->ntitle, 1);
    assert_string_equal(s->title[0], "NHẬT KÝ");
    assert_false(s->freeze);
    assert_false(s->filter);
    assert_true(s->columns[0].width == 12);
    assert_true(s->columns[0].wrap);
    assert_string_equal(s->columns[0].format, "dd/mm/yyyy");
    assert_int_equal(s->columns[0].align, XLSX_ALIGN_CENTER);

    s = &t->sheets[2]; /* unless said */
    assert_int_equal(s->kind, SHEET_DEADLINES);
    assert_true(s->freeze);
    assert_false(s->filter);

    s = &t->sheets[3];
    assert_int_equal(s->kind, SHEET_PROVENANCE);
    assert_int_equal(s->ncolumns, 0);
    unbuild(&b);
}

static void template_settings(void **state)
{
    (void)state;
    built b = build("template: rieng\n"
                    "title: Báo cáo riêng\n"
                    "font: {name: Calibri, size: 11}\n"
                    "page:\n"
                    "  paper: A3\n"
                    "  orientation: portrait\n"
                    "  margins: {top: 25, left: 35}\n"
                    "  fit_width: false\n"
                    "  page_numbers: bottom\n"
                    "sheets:\n"
                    "  - kind: summary\n"
                    "    name: Tổng hợp\n"
                    "    min_plans: 2\n"
                    "    columns:\n"
                    "      - {header: Số, field: plan.number}\n"
                    "  - kind: activities\n"
                    "    name: \"{plan.id}\"\n"
                    "    per: plan\n"
                    "    header: official\n"
                    "    number: \"Số: {{01}}/BC-{plan.symbol}\"\n"
                    "    title: [BÁO CÁO, \"{plan.title} - {period.label}\"]\n"
                    "    summary: true\n"
                    "    chart: true\n"
                    "    group: section\n"
                    "    footer: signature\n"
                    "    columns:\n"
                    "      - {header: TT, field: activity.id, align: right}\n"
                    "      - {header: Nội dung, field: activity.title}\n"
                    "      - {header: Tình trạng, field: activity.state}\n");
    if (!b.t)
        show(b.d);
    assert_non_null(b.t);
    const template *t = b.t;
    assert_string_equal(t->title, "Báo cáo riêng");
    assert_string_equal(t->font, "Calibri");
    assert_true(t->font_size == 11);
    assert_int_equal(t->page.paper, 8);
    assert_false(t->page.landscape);
    assert_false(t->page.fit_width);
    assert_int_equal(t->page.page_numbers, 2);
    assert_true(t->page.margin_mm[0] == 25 && t->page.margin_mm[1] == 20);
    assert_true(t->page.margin_mm[2] == 35 && t->page.margin_mm[3] == 15);
    assert_int_equal(t->sheets[0].kind, SHEET_SUMMARY);
    assert_int_equal(t->sheets[0].min_plans, 2);
    const template_sheet *s = &t->sheets[1];
    assert_true(s->per_plan);
    assert_int_equal(s->header, HEADER_OFFICIAL);
    assert_string_equal(s->number, "Số: {{01}}/BC-{plan.symbol}");
    assert_int_equal(s->ntitle, 2);
    assert_string_equal(s->title[1], "{plan.title} - {period.label}");
    assert_true(s->summary && s->chart && s->group_sections && s->signature);
    assert_false(s->freeze || s->filter);
    assert_int_equal(s->columns[0].align, XLSX_ALIGN_RIGHT);
    unbuild(&b);
}

/* A template with one meaning error: exactly one error, at that line,
 * saying so. */
static void assert_one_error(const char *yaml, unsigned line,
                             const char *phrase)
{
    built b = build(yaml);
    if (diag_errors(b.d) != 1 || b.t)
        show(b.d);
    assert_null(b.t);
    assert_int_equal(diag_errors(b.d), 1);
    assert_int_equal(diag_count(b.d), 1);
    const diag *x = diag_get(b.d, 0);
    assert_int_equal(x->level, DIAG_ERROR);
    if (!strstr(x->message, phrase) || x->line != line)
        fprintf(stderr, "got line %u: %s\nwanted line %u: %s\n", x->line,
                x->message, line, phrase);
    assert_non_null(strstr(x->message, phrase));
    assert_int_equal(x->line, line);
    unbuild(&b);
}

static void template_meaning_errors(void **state)
{
    (void)state;
    /* a field the sheet's rows do not have */
    assert_one_error("template: t\n"
                     "sheets:\n"
                     "  - kind: activities\n"
                     "    name: Hoạt động\n"
                     "    columns:\n"
                     "      - {header: Mã, field: activity.id}\n"
                     "      - {header: Ngày, field: record.date}\n",
                     7, "field 'record.date' has no value on a");
    assert_one_error("template: t\n"
                     "sheets:\n"
                     "  - kind: summary\n"
                     "    name: Tổng hợp\n"
                     "    columns:\n"
                     "      - {header: Hạn, field: deadline.due}\n",
                     6, "field 'deadline.due' has no value on a summary sheet");
    assert_one_error("template: t\n"
                     "sheets:\n"
                     "  - kind: provenance\n"
                     "    name: Nguồn\n"
                     "  - kind: deadlines\n"
                     "    name: Hạn\n"
                     "    columns:\n"
                     "      - {header: Ngày, field: record.date}\n",
                     8,
                     "field 'record.date' has no value on a deadlines sheet");
    /* per: plan on a summary */
    assert_one_error(
        "template: t\n"
        "sheets:\n"
        "  - kind: summary\n"
        "    name: Tổng hợp\n"
        "    per: plan\n"
        "    columns:\n"
        "      - {header: Số, field: plan.number}\n",
        5, "a summary sheet covers every plan; it cannot be made per plan");
    /* a chart without its summary */
    assert_one_error(
        "template: t\n"
        "sheets:\n"
        "  - kind: activities\n"
        "    name: \"{plan.id}\"\n"
        "    per: plan\n"
        "    chart: true\n"
        "    columns:\n"
        "      - {header: Mã, field: activity.id}\n"
        "      - {header: Nội dung, field: activity.title}\n"
        "      - {header: Tình trạng, field: activity.state}\n",
        6, "'chart' is drawn beside the summary: add \"summary: true\"");
    /* a summary on a records sheet */
    assert_one_error("template: t\n"
                     "sheets:\n"
                     "  - kind: records\n"
                     "    name: \"{plan.id}\"\n"
                     "    per: plan\n"
                     "    summary: true\n"
                     "    columns:\n"
                     "      - {header: Ngày, field: record.date}\n"
                     "      - {header: Mã, field: record.activity}\n"
                     "      - {header: Ghi chú, field: record.note}\n",
                     6, "'summary' is only for activities sheets");
    assert_one_error("template: t\n"
                     "sheets:\n"
                     "  - kind: deadlines\n"
                     "    name: \"{plan.id}\"\n"
                     "    per: plan\n"
                     "    group: section\n"
                     "    columns:\n"
                     "      - {header: Hạn, field: deadline.due}\n",
                     6, "'group' is only for activities sheets");
    /* the official header on a sheet made once */
    assert_one_error(
        "template: t\n"
        "sheets:\n"
        "  - kind: activities\n"
        "    name: Hoạt động\n"
        "    header: official\n"
        "    title: [BÁO CÁO]\n"
        "    columns:\n"
        "      - {header: Mã, field: activity.id}\n"
        "      - {header: Nội dung, field: activity.title}\n",
        5, "'header: official' needs a sheet made per plan: add \"per: plan\"");
    /* a sheet made once after one made per plan */
    assert_one_error(
        "template: t\n"
        "sheets:\n"
        "  - kind: activities\n"
        "    name: \"{plan.id}\"\n"
        "    per: plan\n"
        "    columns:\n"
        "      - {header: Mã, field: activity.id}\n"
        "  - kind: deadlines\n"
        "    name: Thời hạn\n"
        "    columns:\n"
        "      - {header: Hạn, field: deadline.due}\n",
        8, "a sheet made once must come before the sheets made per plan");
    /* an unknown placeholder, with the field meant */
    assert_one_error("template: t\n"
                     "sheets:\n"
                     "  - kind: activities\n"
                     "    name: \"{plan.id}\"\n"
                     "    per: plan\n"
                     "    header: title\n"
                     "    title:\n"
                     "      - \"Kế hoạch số {plan.numbr} của {plan.issuer}\"\n"
                     "    columns:\n"
                     "      - {header: Mã, field: activity.id}\n",
                     8,
                     "unknown field 'plan.numbr'; did you mean 'plan.number'?");
    /* a plan field in the title of a sheet made once */
    assert_one_error(
        "template: t\n"
        "sheets:\n"
        "  - kind: summary\n"
        "    name: Tổng hợp\n"
        "    header: title\n"
        "    title:\n"
        "      - \"TỔNG HỢP {period.label}\"\n"
        "      - \"Cơ quan: {plan.issuer}\"\n"
        "    columns:\n"
        "      - {header: Số, field: plan.number}\n",
        8,
        "field 'plan.issuer' has no value here: titles and names of a sheet made once");
    /* provenance has its own columns (pointed at the key) */
    assert_one_error(
        "template: t\n"
        "sheets:\n"
        "  - kind: provenance\n"
        "    name: Nguồn\n"
        "    columns:\n"
        "      - {header: Tệp, field: report.template}\n",
        5, "a provenance sheet has fixed columns; remove \"columns\"");
    /* a header without title lines */
    assert_one_error("template: t\n"
                     "sheets:\n"
                     "  - kind: records\n"
                     "    name: Nhật ký\n"
                     "    header: title\n"
                     "    columns:\n"
                     "      - {header: Ngày, field: record.date}\n",
                     5, "a header needs its title lines");
    /* a brace never closed */
    assert_one_error("template: t\n"
                     "sheets:\n"
                     "  - kind: records\n"
                     "    name: \"Nhật ký {period.key\"\n"
                     "    columns:\n"
                     "      - {header: Ngày, field: record.date}\n",
                     4, "'{' opens a field that is never closed");
}

static void template_error_details(void **state)
{
    (void)state;
    /* the unknown field is underlined where it is written */
    built b = build("template: t\n"
                    "sheets:\n"
                    "  - kind: activities\n"
                    "    name: \"Kỳ {period.lable}\"\n"
                    "    columns:\n"
                    "      - {header: Mã, field: activity.id}\n");
    assert_null(b.t);
    assert_int_equal(diag_errors(b.d), 1);
    const diag *x = diag_get(b.d, 0);
    assert_string_equal(
        x->message,
        "unknown field 'period.lable'; did you mean 'period.label'?");
    assert_int_equal(x->line, 4);
    assert_int_equal(x->column, 15);
    assert_int_equal(x->width, strlen("{period.lable}"));
    unbuild(&b);

    /* the first field of the table is suggested too */
    b = build("template: t\n"
              "sheets:\n"
              "  - kind: activities\n"
              "    name: \"{period.kye}\"\n"
              "    columns:\n"
              "      - {header: Mã, field: activity.id}\n");
    assert_null(b.t);
    assert_int_equal(diag_errors(b.d), 1);
    assert_string_equal(
        diag_get(b.d, 0)->message,
        "unknown field 'period.kye'; did you mean 'period.key'?");
    unbuild(&b);

    /* no suggestion for what is like no field */
    b = build("template: t\n"
              "sheets:\n"
              "  - kind: activities\n"
              "    name: \"{zzzzzzzz}\"\n"
              "    columns:\n"
              "      - {header: Mã, field: activity.id}\n");
    assert_null(b.t);
    assert_int_equal(diag_errors(b.d), 1);
    x = diag_get(b.d, 0);
    assert_string_equal(x->message,
                        "unknown field 'zzzzzzzz'; the fields are listed in "
                        "docs/reports.md (Fields)");
    unbuild(&b);

    /* the order error points back at the first per-plan sheet */
    b = build("template: t\n"
              "sheets:\n"
              "  - kind: activities\n"
              "    name: \"{plan.id}\"\n"
              "    per: plan\n"
              "    columns:\n"
              "      - {header: Mã, field: activity.id}\n"
              "  - kind: provenance\n"
              "    name: Nguồn\n");
    assert_null(b.t);
    x = diag_get(b.d, 0);
    assert_non_null(x->notes);
    assert_int_equal(x->notes->level, DIAG_NOTE);
    assert_int_equal(x->notes->line, 3);
    unbuild(&b);

    /* braces doubled are text, and plan fields are fine per plan */
    b = build("template: t\n"
              "sheets:\n"
              "  - kind: summary\n"
              "    name: \"{{Tổng}} {period.key}\"\n"
              "    columns:\n"
              "      - {header: Số, field: plan.number}\n"
              "  - kind: activities\n"
              "    name: \"{plan.id}\"\n"
              "    per: plan\n"
              "    header: title\n"
              "    title: [\"{plan.title}\", \"{report.as_of} }} {{\"]\n"
              "    columns:\n"
              "      - {header: Mã, field: activity.id}\n");
    if (!b.t)
        show(b.d);
    assert_non_null(b.t);
    assert_int_equal(diag_count(b.d), 0);
    unbuild(&b);
}

static void built_in_templates_load(void **state)
{
    (void)state;
    for (size_t i = 0; template_builtin_names[i]; i++) {
        diag_sink *d = diag_sink_new(0);
        template *t = template_load(template_builtin_names[i], d);
        if (!t)
            show(d);
        assert_non_null(t);
        assert_string_equal(t->name, template_builtin_names[i]);
        assert_true(t->builtin);
        assert_true(t->nsheets >= 2);
        assert_int_equal(diag_count(d), 0);
        template_free(t);
        diag_sink_free(d);
    }
    diag_sink *d = diag_sink_new(0);
    assert_null(template_load("ministri", d));
    assert_int_equal(diag_errors(d), 1);
    assert_string_equal(
        diag_get(d, 0)->message,
        "no built-in template 'ministri'; did you mean 'ministry'?");
    diag_sink_free(d);
}

/* --- placeholders ------------------------------------------------------- */

static void expand_run_fields(void **state)
{
    (void)state;
    arena *a = arena_new();
    report_run run = {.as_of = {2026, 12, 14}, .template_name = "ministry"};
    assert_true(report_period_parse("2026", &run.period, NULL));
    report_context c = {.run = &run, .a = a};
    static const struct {
        const char *text, *want;
    } cases[] = {
        {"{period.label}", "Năm 2026"},
        {"{{x}}", "{x}"},
        {"{report.as_of}", "14/12/2026"},
        {"Kỳ báo cáo: {period.label} (từ {period.from} đến {period.to})",
         "Kỳ báo cáo: Năm 2026 (từ 15/12/2025 đến 14/12/2026)"},
        {"{period.key}/{report.template}", "2026/ministry"},
        {"v{report.version}", "v" KEHOACH_VERSION},
        {"{{{period.key}}}", "{2026}"},
        {"a } b", "a } b"},
        {"", ""},
        {"no fields", "no fields"},
        /* no plan here: its fields are empty */
        {"[{plan.title}]", "[]"},
        {"[{activity.percent}]", "[]"},
        /* from an unknown field on, the text is left as written */
        {"{period.key} {nothing} {period.key}", "2026 {nothing} {period.key}"},
        {"{period.key} {period.label", "2026 {period.label"},
        {"{}", "{}"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_string_equal(report_field_expand(cases[i].text, &c),
                            cases[i].want);

    assert_true(
        report_period_parse("2026-01-01..2026-06-30", &run.period, NULL));
    assert_string_equal(
        report_field_expand("{period.label} ({period.key})", &c),
        "Từ 01/01/2026 đến 30/06/2026 (2026-01-01..2026-06-30)");
    arena_free(a);
}

/* --- days late and days left ----------------------------------------- */

static report_value field(const char *name, const report_context *c)
{
    return report_field_value(report_field_find(name), c);
}

/* As of 14/08/2026, an activity due 30/06/2026 is 45 days late, and a
 * deadline on 31/08/2026 has 17 days left (one on 30/06/2026, -45). */
static void days_late_and_left_have_their_sign(void **state)
{
    (void)state;
    arena *a = arena_new();
    report_run run = {.as_of = {2026, 8, 14}, .template_name = "audit"};
    plan_activity act = {0};
    status_activity overdue = {.activity = &act,
                               .state = STATUS_OVERDUE,
                               .due = {2026, 6, 30}};
    report_context c = {.run = &run, .activity = &overdue, .a = a};
    report_value remark = field("activity.remark", &c);
    assert_string_equal(remark.text, "Quá hạn 45 ngày (hạn 30/06/2026)");

    when_window later = {.from = {2026, 8, 1},
                         .to = {2026, 8, 31},
                         .due = {2026, 8, 31}};
    when_window past = {.from = {2026, 6, 1},
                        .to = {2026, 6, 30},
                        .due = {2026, 6, 30}};
    report_deadline d = {.activity = &act,
                         .status = &overdue,
                         .occurrence = {.window = &later,
                                        .state = STATUS_OPEN}};
    c.deadline = &d;
    assert_int_equal((long)field("deadline.days_left", &c).number, 17);
    d.occurrence =
        (status_occurrence){.window = &past, .state = STATUS_OVERDUE};
    assert_int_equal((long)field("deadline.days_left", &c).number, -45);
    arena_free(a);
}

/* Targets as text: a decimal comma, no trailing zeros, every digit of a
 * large number (a fixed buffer once cut 1e60 to a wrong 47-digit number),
 * and never "inf" or "nan". */
static void targets_as_text(void **state)
{
    (void)state;
    arena *a = arena_new();
    plan_target targets[] = {
        {.name = {"Số buổi", NULL}, .value = 12},
        {.name = {"Tỷ lệ", NULL}, .unit = {"%", NULL}, .value = 12.5},
        {.name = {"Lượt", NULL}, .value = 0.25},
        {.name = {"Lớn", NULL}, .value = 1e60},
        {.name = {"Vô cực", NULL}, .value = INFINITY},
        {.name = {"Không phải số", NULL}, .value = NAN},
    };
    plan_activity act = {.targets = targets, .ntargets = 6};
    status_activity s = {.activity = &act};
    report_run run = {.as_of = {2026, 12, 14}};
    report_context c = {.run = &run, .activity = &s, .a = a};
    report_value v =
        report_field_value(report_field_find("activity.targets"), &c);
    assert_string_equal(
        v.text,
        "Số buổi: 12\nTỷ lệ: 12,5 %\nLượt: 0,25\n"
        "Lớn: 999999999999999949387135297074018866963645011013410073083904\n"
        "Vô cực: \nKhông phải số: ");
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(targets_as_text),
        cmocka_unit_test(sheet_names_made_valid),
        cmocka_unit_test(sheet_names_unique_ignoring_case),
        cmocka_unit_test(periods_named_and_spans),
        cmocka_unit_test(periods_refused_with_reason),
        cmocka_unit_test(report_numbers),
        cmocka_unit_test(fields_agree_with_the_schema),
        cmocka_unit_test(template_defaults),
        cmocka_unit_test(template_settings),
        cmocka_unit_test(template_meaning_errors),
        cmocka_unit_test(template_error_details),
        cmocka_unit_test(built_in_templates_load),
        cmocka_unit_test(expand_run_fields),
        cmocka_unit_test(days_late_and_left_have_their_sign),
    };
    return cmocka_run_group_tests(tests, load_schemas, free_schemas);
}
