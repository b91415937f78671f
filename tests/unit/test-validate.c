/* test-validate.c - the built-in schemas (catalog.h) and the validation
 * pipeline over files and folders (validate.h), in a temporary folder.
 * The exact wording of its diagnostics is pinned by the golden CLI tests;
 * here: what is counted, loaded and looked up. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "arena.h"
#include "catalog.h"
#include "embedded.h"
#include "json.h"
#include "schema.h"
#include "tempdir.h"
#include "validate.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char root[64];

static const char plan_template[] =
    "id: %s\n"
    "issuer: Sở Tư pháp\n"
    "place: Hà Tĩnh\n"
    "year: 2026\n"
    "title: Kế hoạch\n"
    "sections:\n"
    "  - id: \"1\"\n"
    "    title: Mục\n"
    "    activities:\n"
    "      - {id: \"1.1\", title: Việc, lead: %s, time: Quý I}\n"
    "reports:\n"
    "  - {what: Kết quả, when: định kỳ 6 tháng}\n"
    "recipients: [Lưu VT.]\n"
    "signer: {title: GIÁM ĐỐC, name: Nguyễn Văn A}\n";

static void write_plan(const char *rel, const char *id, const char *lead)
{
    char text[sizeof plan_template + 128];
    snprintf(text, sizeof text, plan_template, id, lead);
    assert_int_equal(tempdir_write(root, rel, text), 0);
}

static int setup(void **state)
{
    (void)state;
    if (tempdir_make(root, "validate") != 0)
        return -1;
    char path[256];
    snprintf(path, sizeof path, "%s/tinh", root);
    mkdir(path, 0755);
    write_plan("a.yaml", "a", "Sở Tư pháp");
    write_plan("tinh/b.yaml", "b", "Sở Tư pháp");
    write_plan("tinh/c.yaml", "c", "Sở Y tê");
    return tempdir_write(root, "tinh/units.yaml",
                         "units:\n  - {id: stp, name: Sở Tư pháp}\n"
                         "  - {id: syt, name: Sở Y tế}\n");
}

static int teardown(void **state)
{
    (void)state;
    return tempdir_remove(root);
}

static void built_in_schemas_load_and_are_draft07(void **state)
{
    (void)state;
    diag_sink *d = diag_sink_new(0);
    catalog *c = catalog_load(d);
    assert_non_null(c);
    assert_int_equal(diag_count(d), 0);
    assert_non_null(catalog_schema(c, "plan.schema.json"));
    assert_non_null(catalog_schema(c, "units.schema.json"));
    assert_null(catalog_schema(c, "nothing.schema.json"));
    catalog_free(c);

    /* every built-in schema is valid against the draft-07 meta-schema,
     * by our own validator */
    schema_set *set = schema_set_new();
    const schema *meta = schema_set_lookup(set, DRAFT07_URI "#");
    assert_non_null(meta);
    arena *a = arena_new();
    size_t checked = 0;
    for (size_t i = 0; i < embedded_files_count; i++) {
        const embedded_file *f = &embedded_files[i];
        size_t len = strlen(f->name);
        if (len < 5 || strcmp(f->name + len - 5, ".json") != 0)
            continue; /* the built-in report templates */
        source *src = source_new(f->name, xstrndup(f->data, f->len), f->len);
        node *doc = json_parse(a, src, d);
        assert_non_null(doc);
        assert_true(schema_validate(meta, doc, d));
        source_free(src);
        checked++;
    }
    assert_true(checked >= 5);
    arena_free(a);
    schema_set_free(set);
    diag_sink_free(d);
}

static void counts_registries_and_repeats(void **state)
{
    (void)state;
    char a[256], tinh[256], again[256];
    snprintf(a, sizeof a, "%s/a.yaml", root);
    snprintf(tinh, sizeof tinh, "%s/tinh", root);
    snprintf(again, sizeof again, "%s/./tinh/b.yaml", root);
    const char *paths[] = {a, tinh, again, "/nonexistent-kehoach"};
    diag_sink *d = diag_sink_new(0);
    validate_result r = {0};
    /* counted, not listed: the last file only is kept */
    validate_run(paths, 4, d, &r, NULL);
    assert_int_equal(r.nfiles, 4);
    assert_non_null(r.files);
    validate_result_release(&r);
    diag_sink_free(d);
    d = diag_sink_new(0);
    r.list_files = true;
    validate_run(paths, 4, d, &r, NULL);
    assert_true(r.list_files);
    size_t plans = 0;
    for (size_t i = 0; i < r.nfiles; i++)
        plans += r.files[i].kind == VALIDATE_PLAN;
    assert_int_equal(plans, 3);
    assert_int_equal(r.plans, 3); /* b.yaml once */
    assert_int_equal(r.activities, 3);
    assert_int_equal(r.registries, 1);
    assert_int_equal(r.unreadable, 1);
    assert_false(r.internal_error);
    assert_int_equal(r.nfiles, 4);         /* 3 plans and units.yaml */
    assert_int_equal(diag_errors(d), 1);   /* the missing path */
    assert_int_equal(diag_warnings(d), 1); /* "Sở Y tê" in c.yaml only:
                                                    a.yaml has no registry */
    int warned = 0;
    for (size_t i = 0; i < diag_count(d); i++) {
        const diag *x = diag_get(d, i);
        if (x->level == DIAG_WARNING) {
            warned = 1;
            assert_non_null(strstr(x->path, "tinh/c.yaml"));
            assert_string_equal(
                x->message, "unit 'Sở Y tê' is not in the unit registry "
                            "as written; taken as 'Sở Y tế' (syt), the same "
                            "name but for diacritics");
            assert_string_equal(x->stage, "meaning");
        }
    }
    assert_true(warned);
    validate_result_release(&r);
    diag_sink_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(built_in_schemas_load_and_are_draft07),
        cmocka_unit_test(counts_registries_and_repeats),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
