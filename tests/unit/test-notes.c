/* test-notes.c - a report's notes (notes.h): the names of notes files,
 * the model read from a document, the checks against the plan and the
 * file's name, and a notes file loaded from disk. The wording of the
 * diagnostics is pinned by the golden CLI tests; here: what is found,
 * read and counted. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "arena.h"
#include "catalog.h"
#include "notes.h"
#include "plan.h"
#include "tempdir.h"
#include "xalloc.h"
#include "yamlload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char plan_yaml[] =
    "id: thu-nghiem-2026\n"
    "issuer: Sở Tư pháp\n"
    "place: Hà Tĩnh\n"
    "year: 2026\n"
    "title: Kế hoạch\n"
    "sections:\n"
    "  - id: \"1\"\n"
    "    title: Mục\n"
    "    activities:\n"
    "      - {id: \"1.1\", title: Việc, lead: Sở Tư pháp, time: Quý I}\n"
    "reports:\n"
    "  - {what: Kết quả, when: định kỳ 6 tháng}\n"
    "recipients: [Lưu VT.]\n"
    "signer: {title: GIÁM ĐỐC, name: Nguyễn Văn A}\n";

static const char notes_text[] = "plan: thu-nghiem-2026\n"
                                 "period: \"2026-H1\"\n"
                                 "assessment:\n"
                                 "  achievements: [Một, Hai]\n"
                                 "  causes: [Ba]\n"
                                 "proposals:\n"
                                 "  - Không gửi ai\n"
                                 "  - {to: Bộ Tư pháp, text: Gửi Bộ}\n"
                                 "next_tasks: [Bốn, Năm, Sáu]\n";

/* A document read from text, with its arena and sink. */
typedef struct doc {
    arena *a;
    source *src;
    diag_sink *d;
    node *root;
} doc;

static doc read_text(const char *path, const char *text)
{
    doc b = {arena_new(), NULL, diag_sink_new(0), NULL};
    b.src = source_new(path, xstrdup(text), strlen(text));
    b.root = yamlload_parse(b.a, b.src, b.d, &yamlload_default_limits);
    assert_non_null(b.root);
    return b;
}

static void doc_free(doc *b)
{
    diag_sink_free(b->d);
    arena_free(b->a);
    source_free(b->src);
}

static void names_of_notes_files(void **state)
{
    (void)state;
    assert_true(notes_is_path("plans/x.notes-2026.yaml"));
    assert_true(notes_is_path("x.notes-2026-H1.yml"));
    assert_true(notes_is_path("x.notes-2026-H3.yaml")); /* a bad period is
                                                           still a notes file */
    assert_false(notes_is_path("x.yaml"));
    assert_false(notes_is_path("x.progress.yaml"));
    assert_false(notes_is_path("x.notes-.yaml"));
    assert_false(notes_is_path(".notes-2026.yaml"));
    assert_false(notes_is_path("x.notes-2026.v2.yaml"));
    assert_false(notes_is_path("a.notes-2026/x.yaml"));
    assert_false(notes_is_path("x.notes-2026.json"));

    char *p = notes_path("plans/x.yaml", "2026-H1");
    assert_string_equal(p, "plans/x.notes-2026-H1.yaml");
    free(p);
    p = notes_path("x.yml", "2026");
    assert_string_equal(p, "x.notes-2026.yaml");
    free(p);
    assert_null(notes_path("plans/x.yaml", "2026-01-01..2026-06-30"));
    assert_null(notes_path("plans/x.yaml", "2026-H3"));

    p = notes_plan_path("/nowhere/plans/x.notes-2026-Q3.yaml");
    assert_string_equal(p, "/nowhere/plans/x.yaml");
    free(p);

    assert_true(notes_of_plan("plans/x.notes-2026.yaml", "plans/x.yaml"));
    assert_true(notes_of_plan("./x.notes-2026.yaml", "x.yml"));
    assert_false(notes_of_plan("plans/xy.notes-2026.yaml", "plans/x.yaml"));
    assert_false(notes_of_plan("plans/x.notes-2026.yaml", "plans/xy.yaml"));
    assert_false(notes_of_plan("plans/x.yaml", "plans/x.yaml"));

    assert_int_equal(notes_part_find("assessment.causes"), NOTES_CAUSES);
    assert_int_equal(notes_part_find("next_tasks"), NOTES_NEXT_TASKS);
    assert_int_equal(notes_part_find("causes"), -1);
}

static void the_model_holds_every_paragraph(void **state)
{
    (void)state;
    doc b = read_text("x.notes-2026-H1.yaml", notes_text);
    notes *n = notes_build(b.a, b.src, b.root);
    assert_string_equal(n->plan.s, "thu-nghiem-2026");
    assert_string_equal(n->period.s, "2026-H1");
    assert_int_equal(n->parts[NOTES_ACHIEVEMENTS].count, 2);
    assert_string_equal(n->parts[NOTES_ACHIEVEMENTS].items[1].text, "Hai");
    assert_int_equal(n->parts[NOTES_SHORTCOMINGS].count, 0);
    assert_int_equal(n->parts[NOTES_CAUSES].count, 1);
    assert_int_equal(n->parts[NOTES_DIFFICULTIES].count, 0);
    const notes_list *pr = &n->parts[NOTES_PROPOSALS];
    assert_int_equal(pr->count, 2);
    assert_null(pr->items[0].to);
    assert_string_equal(pr->items[0].text, "Không gửi ai");
    assert_string_equal(pr->items[1].to, "Bộ Tư pháp");
    assert_string_equal(pr->items[1].text, "Gửi Bộ");
    assert_int_equal(pr->items[1].at->pos.line, 8);
    assert_int_equal(n->parts[NOTES_NEXT_TASKS].count, 3);
    doc_free(&b);
}

/* The errors notes_check finds in text named path, against the plan. */
static size_t check_errors(const char *path, const char *text)
{
    doc pd = read_text("x.yaml", plan_yaml);
    plan *p = plan_build(pd.a, pd.src, pd.root);
    doc b = read_text(path, text);
    notes *n = notes_build(b.a, b.src, b.root);
    size_t errors = notes_check(n, p, path, b.d);
    assert_int_equal(errors, diag_errors(b.d));
    doc_free(&b);
    doc_free(&pd);
    return errors;
}

static void checked_against_plan_and_name(void **state)
{
    (void)state;
    assert_int_equal(check_errors("x.notes-2026-H1.yaml", notes_text), 0);
    /* the period of the file's name */
    assert_int_equal(check_errors("x.notes-2026.yaml", notes_text), 1);
    assert_int_equal(check_errors("x.notes-2026-H3.yaml", notes_text), 1);
    /* another plan, and a period outside the plan's year */
    assert_int_equal(check_errors("x.notes-2025.yaml",
                                  "plan: khac\nperiod: \"2025\"\n"),
                     2);
    /* a period of another type is the schema's to say; the year still
     * counts */
    assert_int_equal(check_errors("x.notes-2026.yaml",
                                  "plan: thu-nghiem-2026\nperiod: 2026\n"),
                     0);
}

static void loaded_from_a_file(void **state)
{
    (void)state;
    char root[64];
    assert_int_equal(tempdir_make(root, "notes"), 0);
    assert_int_equal(tempdir_write(root, "x.notes-2026-H1.yaml", notes_text),
                     0);
    assert_int_equal(
        tempdir_write(root, "x.notes-2026.yaml",
                      "plan: thu-nghiem-2026\nperiod: \"2026\"\nextra: 1\n"),
        0);
    doc pd = read_text("x.yaml", plan_yaml);
    plan *p = plan_build(pd.a, pd.src, pd.root);
    diag_sink *d = diag_sink_new(0);
    catalog *cat = catalog_load(d);
    assert_non_null(cat);

    char path[256];
    snprintf(path, sizeof path, "%s/x.notes-2026-H1.yaml", root);
    notes *n = notes_load(path, cat, p, d);
    assert_non_null(n);
    assert_int_equal(diag_count(d), 0);
    assert_int_equal(n->parts[NOTES_NEXT_TASKS].count, 3);
    notes_free(n);

    snprintf(path, sizeof path, "%s/x.notes-2026.yaml", root); /* extra */
    assert_null(notes_load(path, cat, p, d));
    assert_int_equal(diag_errors(d), 1);
    snprintf(path, sizeof path, "%s/x.notes-2026-Q1.yaml", root); /* none */
    assert_null(notes_load(path, cat, p, d));
    assert_int_equal(diag_errors(d), 2);
    notes_free(NULL);

    catalog_free(cat);
    diag_sink_free(d);
    doc_free(&pd);
    assert_int_equal(tempdir_remove(root), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names_of_notes_files),
        cmocka_unit_test(the_model_holds_every_paragraph),
        cmocka_unit_test(checked_against_plan_and_name),
        cmocka_unit_test(loaded_from_a_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
