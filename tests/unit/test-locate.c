/* test-locate.c - finding a plan by its id below a folder (locate.h), in a
 * temporary folder: files read only as far as their id, logs, registries
 * and templates left out by name, the ids offered for one not found, and
 * the limits that stop a search, said as such; every plan's id listed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "locate.h"
#include "tempdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char root[64];

static void write_file(const char *rel, const char *text)
{
    assert_int_equal(tempdir_write(root, rel, text), 0);
}

static int setup(void **state)
{
    (void)state;
    if (tempdir_make(root, "locate") != 0)
        return -1;
    char path[256];
    snprintf(path, sizeof path, "%s/a", root);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/b", root);
    mkdir(path, 0755);
    /* the id after a comment and a nested "id", which is not the plan's */
    write_file(
        "a/plan.yaml",
        "# kế hoạch\nunits:\n  - id: ke-hoach-e-2026\nid: ke-hoach-a-2026\n");
    write_file("b/plan.yml",
               "{\"title\": \"x\", \"id\": \"ke-hoach-b-2026\"}\n");
    /* broken after its id: found, so that update shows what is wrong */
    write_file("b/broken.yaml", "id: ke-hoach-c-2026\ntitle: [\n");
    /* other files that may hold an id: not plans */
    write_file("b/plan.progress.yaml",
               "id: ke-hoach-f-2026\nplan: ke-hoach-b-2026\n");
    write_file("units.yaml", "id: ke-hoach-g-2026\nunits: []\n");
    write_file("bao-cao.template.yaml", "id: ke-hoach-h-2026\n");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return tempdir_remove(root);
}

static void finds_by_the_top_level_id(void **state)
{
    (void)state;
    const char *want[][2] = {{"ke-hoach-a-2026", "a/plan.yaml"},
                             {"ke-hoach-b-2026", "b/plan.yml"},
                             {"ke-hoach-c-2026", "b/broken.yaml"}};
    for (size_t i = 0; i < 3; i++) {
        locate_result r;
        locate_plan(root, want[i][0], &locate_default_limits, &r);
        char path[256];
        snprintf(path, sizeof path, "%s/%s", root, want[i][1]);
        assert_non_null(r.path);
        assert_string_equal(r.path, path);
        assert_string_equal(r.stopped, "");
        locate_result_release(&r);
    }
}

static void offers_the_ids_that_are_close(void **state)
{
    (void)state;
    static const char *const not_plans[] = {"ke-hoach-e-2026",
                                            "ke-hoach-f-2026",
                                            "ke-hoach-g-2026",
                                            "ke-hoach-h-2026"};
    for (size_t i = 0; i < 4; i++) {
        locate_result r;
        locate_plan(root, not_plans[i], &locate_default_limits, &r);
        assert_null(r.path);
        assert_int_equal(r.files, 3);
        assert_int_equal(r.nnear, 3);
        assert_string_equal(r.near[0], "ke-hoach-a-2026");
        assert_string_equal(r.near[1], "ke-hoach-b-2026");
        assert_string_equal(r.near[2], "ke-hoach-c-2026");
        locate_result_release(&r);
    }
    locate_result r;
    locate_plan(root, "hai-phong-2026", &locate_default_limits, &r);
    assert_null(r.path);
    assert_int_equal(r.nnear, 0);
    locate_result_release(&r);
}

static void says_which_limit_stopped_it(void **state)
{
    (void)state;
    locate_result r;
    locate_limits few = {4, 1 << 20}; /* a, b, units.yaml, the template */
    locate_plan(root, "ke-hoach-b-2026", &few, &r);
    assert_null(r.path);
    assert_string_equal(r.stopped, "it stopped after 4 files and folders");
    locate_result_release(&r);
    locate_limits short_read = {1000, 40}; /* a/plan.yaml is 70 bytes */
    locate_plan(root, "ke-hoach-b-2026", &short_read, &r);
    assert_null(r.path);
    assert_int_equal(r.files, 1);
    assert_string_equal(r.stopped, "it stopped after reading 40 bytes");
    locate_result_release(&r);
}

/* Every plan's id once, in walk order; no log's, registry's or
 * template's; and within the limits. */
static void lists_the_ids_of_the_plans(void **state)
{
    (void)state;
    write_file("b/again.yaml", "id: ke-hoach-a-2026\n");
    size_t n;
    char **ids = locate_ids(root, &locate_default_limits, &n);
    const char *want[] = {"ke-hoach-a-2026", "ke-hoach-c-2026",
                          "ke-hoach-b-2026"};
    assert_int_equal(n, 3);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(ids[i], want[i]);
        free(ids[i]);
    }
    free(ids);
    locate_limits few = {5, 1 << 20}; /* the 4 at the top, a/plan.yaml */
    ids = locate_ids(root, &few, &n);
    assert_int_equal(n, 1);
    assert_string_equal(ids[0], "ke-hoach-a-2026");
    free(ids[0]);
    free(ids);
    char path[256];
    snprintf(path, sizeof path, "%s/b/again.yaml", root);
    assert_int_equal(remove(path), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finds_by_the_top_level_id),
        cmocka_unit_test(offers_the_ids_that_are_close),
        cmocka_unit_test(says_which_limit_stopped_it),
        cmocka_unit_test(lists_the_ids_of_the_plans),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
