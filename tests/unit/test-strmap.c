/* test-strmap.c - string-keyed hash maps and indexes (strmap.h) and
 * document tree helpers (node.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "arena.h"
#include "json.h"
#include "node.h"
#include "strmap.h"
#include "xalloc.h"

#include <stdio.h>
#include <string.h>

static void many_keys_and_first_value_stays(void **state)
{
    (void)state;
    arena *a = arena_new();
    strmap m = {NULL, 0, 0};
    char keys[3000][16];
    int values[3000];
    for (int i = 0; i < 3000; i++) {
        snprintf(keys[i], sizeof keys[i], "k%d", i);
        values[i] = i;
        assert_ptr_equal(strmap_put(a, &m, keys[i], strlen(keys[i]),
                                    &values[i]),
                         &values[i]);
    }
    assert_int_equal(m.count, 3000);
    for (int i = 0; i < 3000; i++)
        assert_ptr_equal(strmap_get(&m, keys[i], strlen(keys[i])), &values[i]);
    int other = -1;
    assert_ptr_equal(strmap_put(a, &m, "k7", 2, &other), &values[7]);
    assert_null(strmap_get(&m, "k3000", 5));
    /* keys are bytes: a NUL inside counts */
    assert_null(strmap_get(&m, "k1\0", 3));
    arena_free(a);
}

/* A scope is part of a key: one map holds the keys of many objects, "id"
 * of one apart from "id" of another, and scope 0 is the unscoped map. */
static void scoped_keys_are_apart(void **state)
{
    (void)state;
    arena *a = arena_new();
    strmap m = {NULL, 0, 0};
    int first = 1, second = 2, plain = 3, again = 4;
    assert_ptr_equal(strmap_scoped_put(a, &m, 1, "id", 2, &first), &first);
    assert_ptr_equal(strmap_scoped_put(a, &m, 2, "id", 2, &second), &second);
    assert_ptr_equal(strmap_put(a, &m, "id", 2, &plain), &plain);
    assert_int_equal(m.count, 3);
    assert_ptr_equal(strmap_scoped_get(&m, 1, "id", 2), &first);
    assert_ptr_equal(strmap_scoped_get(&m, 2, "id", 2), &second);
    assert_ptr_equal(strmap_scoped_get(&m, 0, "id", 2), &plain);
    assert_ptr_equal(strmap_get(&m, "id", 2), &plain);
    assert_null(strmap_scoped_get(&m, 3, "id", 2));
    assert_null(strmap_scoped_get(&m, 1, "i", 1));
    /* the first value stays in its scope */
    assert_ptr_equal(strmap_scoped_put(a, &m, 2, "id", 2, &again), &second);
    assert_int_equal(m.count, 3);
    arena_free(a);
}

/* The same few keys in thousands of scopes, as the keys of the objects of
 * a long plan: all found in their own scope after the map grew, none in
 * the scope after the last. */
static void many_scopes_survive_growth(void **state)
{
    (void)state;
    arena *a = arena_new();
    strmap m = {0};
    static const char *const keys[] = {"id", "title", "lead", "due"};
    static size_t values[4000][4];
    for (size_t scope = 1; scope <= 4000; scope++)
        for (size_t k = 0; k < 4; k++) {
            values[scope - 1][k] = scope * 10 + k;
            void *v = &values[scope - 1][k];
            size_t len = strlen(keys[k]);
            assert_ptr_equal(strmap_scoped_put(a, &m, scope, keys[k], len, v),
                             v);
        }
    assert_int_equal(m.count, 16000);
    assert_true(m.count * 4 <= m.cap * 3);
    for (size_t scope = 1; scope <= 4000; scope++)
        for (size_t k = 0; k < 4; k++) {
            const size_t *v =
                strmap_scoped_get(&m, scope, keys[k], strlen(keys[k]));
            assert_non_null(v);
            assert_int_equal(*v, scope * 10 + k);
        }
    assert_null(strmap_scoped_get(&m, 4001, "id", 2));
    assert_null(strmap_get(&m, "id", 2));
    arena_free(a);
}

static void node_lookup_and_equality(void **state)
{
    (void)state;
    arena *a = arena_new();
    const char *text =
        "[{\"a\": 1, \"b\": [true, null, \"x\"]}, {\"b\": [true, null, \"x\"], \"a\": 1.0}, 2.5]";
    source *src = source_new("t.json", xstrdup(text), strlen(text));
    diag_sink *d = diag_sink_new(0);
    node *root = json_parse(a, src, d);
    assert_non_null(root);
    const node *x = root->u.array.items[0], *y = root->u.array.items[1];
    assert_true(node_equal(x, y)); /* order and 1 == 1.0 */
    assert_true(node_is_integer(node_get(y, "a")));
    assert_false(node_is_integer(root->u.array.items[2]));
    assert_null(node_get(x, "c"));
    assert_null(node_get(root, "a")); /* not an object */
    assert_string_equal(node_str(node_get(x, "b")->u.array.items[2]), "x");
    assert_null(node_str(node_get(x, "a")));
    assert_string_equal(node_kind_name(node_get(x, "b")->kind), "array");
    assert_false(node_equal(x, root->u.array.items[2]));
    diag_sink_free(d);
    source_free(src);
    arena_free(a);
}

static const char *key_of(const void *keys, size_t rank)
{
    return ((const char(*)[16])keys)[rank];
}

/* A strmap_index finds the rank of every key of the caller's list across
 * every growth, and nothing for a key it does not have. */
static void strmap_index_finds_ranks(void **state)
{
    (void)state;
    strmap_index ix = {NULL, 0, 0};
    static char keys[3000][16];
    assert_int_equal(strmap_index_find(&ix, "k0", key_of, keys), SIZE_MAX);
    for (size_t i = 0; i < 3000; i++) {
        snprintf(keys[i], sizeof keys[i], "k%zu", i);
        assert_int_equal(strmap_index_find(&ix, keys[i], key_of, keys),
                         SIZE_MAX);
        strmap_index_add(&ix, keys[i], i, key_of, keys);
    }
    assert_int_equal(ix.count, 3000);
    for (size_t i = 0; i < 3000; i++)
        assert_int_equal(strmap_index_find(&ix, keys[i], key_of, keys), i);
    assert_int_equal(strmap_index_find(&ix, "k3000", key_of, keys), SIZE_MAX);
    assert_int_equal(strmap_index_find(&ix, "", key_of, keys), SIZE_MAX);
    strmap_index_release(&ix);
    assert_int_equal(strmap_index_find(&ix, "k1", key_of, keys), SIZE_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(many_keys_and_first_value_stays),
        cmocka_unit_test(scoped_keys_are_apart),
        cmocka_unit_test(many_scopes_survive_growth),
        cmocka_unit_test(node_lookup_and_equality),
        cmocka_unit_test(strmap_index_finds_ranks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
