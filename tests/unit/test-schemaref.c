/* test-schemaref.c - the schema line of a written file (schemaref.h), in a
 * temporary folder: a schemas/ folder in the file's folder or above it,
 * reached by "../" as many times as needed; the installed schemas when
 * there is none; nothing when neither holds the schema; a folder named
 * schemas/ that lacks the file is passed over. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "schemaref.h"
#include "tempdir.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char root[64];

static void make_dir(const char *rel)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    assert_int_equal(mkdir(path, 0755), 0);
}

static int setup(void **state)
{
    (void)state;
    if (tempdir_make(root, "schemaref") != 0)
        return -1;
    make_dir("repo");
    make_dir("repo/schemas");
    make_dir("repo/plans");
    make_dir("repo/plans/2026");
    make_dir("repo/plans/2026/schemas"); /* without the schema */
    make_dir("installed");
    make_dir("elsewhere");
    if (tempdir_write(root, "repo/schemas/plan.schema.json", "{}\n") ||
        tempdir_write(root, "installed/plan.schema.json", "{}\n"))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return tempdir_remove(root);
}

/* schemaref_find for folder rel of root, with or without the installed
 * schemas. */
static char *find(const char *rel, bool installed)
{
    char dir[256], inst[256];
    snprintf(dir, sizeof dir, "%s/%s", root, rel);
    snprintf(inst, sizeof inst, "%s/installed", root);
    return schemaref_find(dir, "plan.schema.json", installed ? inst : NULL);
}

static void test_relative_path_up_to_schemas(void **state)
{
    (void)state;
    char *ref = find("repo", true);
    assert_string_equal(ref, "schemas/plan.schema.json");
    free(ref);
    ref = find("repo/plans", true);
    assert_string_equal(ref, "../schemas/plan.schema.json");
    free(ref);
    /* plans/2026/schemas/ has no plan schema: it is passed over */
    ref = find("repo/plans/2026", true);
    assert_string_equal(ref, "../../schemas/plan.schema.json");
    free(ref);
}

static void test_installed_schemas_else(void **state)
{
    (void)state;
    char *ref = find("elsewhere", true), want[256];
    snprintf(want, sizeof want, "%s/installed/plan.schema.json", root);
    assert_string_equal(ref, want);
    free(ref);
}

static void test_nothing_when_neither(void **state)
{
    (void)state;
    assert_null(find("elsewhere", false));
    char dir[256];
    snprintf(dir, sizeof dir, "%s/installed", root);
    assert_null(schemaref_find(dir, "progress.schema.json", dir));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_relative_path_up_to_schemas),
        cmocka_unit_test(test_installed_schemas_else),
        cmocka_unit_test(test_nothing_when_neither),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
