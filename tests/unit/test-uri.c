/* test-uri.c - URI reference resolution against the examples of RFC 3986
 * section 5.4, and the URIs JSON Schema files use ($id, $ref, URNs). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "uri.h"

#include <stdlib.h>
#include <string.h>

static void assert_resolves(const char *base, const char *ref,
                            const char *expected)
{
    char *got = uri_resolve(base, ref);
    if (strcmp(got, expected) != 0)
        print_error("resolving '%s' against '%s'\n", ref, base);
    assert_string_equal(got, expected);
    free(got);
}

#define RFC_BASE "http://a/b/c/d;p?q"

static void test_rfc3986_normal_examples(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"g:h", "g:h"},
        {"g", "http://a/b/c/g"},
        {"./g", "http://a/b/c/g"},
        {"g/", "http://a/b/c/g/"},
        {"/g", "http://a/g"},
        {"//g", "http://g"},
        {"?y", "http://a/b/c/d;p?y"},
        {"g?y", "http://a/b/c/g?y"},
        {"#s", "http://a/b/c/d;p?q#s"},
        {"g#s", "http://a/b/c/g#s"},
        {"g?y#s", "http://a/b/c/g?y#s"},
        {";x", "http://a/b/c/;x"},
        {"g;x", "http://a/b/c/g;x"},
        {"g;x?y#s", "http://a/b/c/g;x?y#s"},
        {"", "http://a/b/c/d;p?q"},
        {".", "http://a/b/c/"},
        {"./", "http://a/b/c/"},
        {"..", "http://a/b/"},
        {"../", "http://a/b/"},
        {"../g", "http://a/b/g"},
        {"../..", "http://a/"},
        {"../../", "http://a/"},
        {"../../g", "http://a/g"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_resolves(RFC_BASE, cases[i][0], cases[i][1]);
}

static void test_rfc3986_abnormal_examples(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"../../../g", "http://a/g"},
        {"../../../../g", "http://a/g"},
        {"/./g", "http://a/g"},
        {"/../g", "http://a/g"},
        {"g.", "http://a/b/c/g."},
        {".g", "http://a/b/c/.g"},
        {"g..", "http://a/b/c/g.."},
        {"..g", "http://a/b/c/..g"},
        {"./../g", "http://a/b/g"},
        {"./g/.", "http://a/b/c/g/"},
        {"g/./h", "http://a/b/c/g/h"},
        {"g/../h", "http://a/b/c/h"},
        {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
        {"g;x=1/../y", "http://a/b/c/y"},
        {"g?y/./x", "http://a/b/c/g?y/./x"},
        {"g?y/../x", "http://a/b/c/g?y/../x"},
        {"g#s/./x", "http://a/b/c/g#s/./x"},
        {"g#s/../x", "http://a/b/c/g#s/../x"},
        {"http:g", "http:g"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_resolves(RFC_BASE, cases[i][0], cases[i][1]);
}

static void test_schema_uris(void **state)
{
    (void)state;
    assert_resolves("http://example.com/root.json", "#/definitions/a",
                    "http://example.com/root.json#/definitions/a");
    assert_resolves("http://example.com/root.json#", "other.json#foo",
                    "http://example.com/other.json#foo");
    assert_resolves("http://example.com", "x.json",
                    "http://example.com/x.json");
    assert_resolves("urn:uuid:deadbeef-1234", "#/definitions/b",
                    "urn:uuid:deadbeef-1234#/definitions/b");
    assert_resolves("urn:example:a?+r=1", "#foo", "urn:example:a?+r=1#foo");
    assert_resolves("file:///c:/folder/file.json", "#/x",
                    "file:///c:/folder/file.json#/x");
    assert_resolves("HTTP://Example.com/a", "", "http://Example.com/a");
    assert_resolves("http://example.com/a/b.json", "/c/d.json",
                    "http://example.com/c/d.json");
}

static void test_scheme_and_fragment(void **state)
{
    (void)state;
    assert_true(uri_has_scheme("http://x"));
    assert_true(uri_has_scheme("urn:x"));
    assert_true(uri_has_scheme("a+b-c.d:x"));
    assert_false(uri_has_scheme("x.json"));
    assert_false(uri_has_scheme("#/a:b"));
    assert_false(uri_has_scheme("1a:x"));
    assert_false(uri_has_scheme(""));
    assert_int_equal(uri_fragment_start("http://x/y#z"), 10);
    assert_int_equal(uri_fragment_start("http://x/y"), 10);
}

static void test_percent_decode(void **state)
{
    (void)state;
    size_t len;
    char *s = uri_percent_decode("a%22b%25c%2fd", 13, &len);
    assert_string_equal(s, "a\"b%c/d");
    assert_int_equal(len, 7);
    free(s);
    s = uri_percent_decode("x%00y", 5, &len);
    assert_int_equal(len, 3);
    assert_memory_equal(s, "x\0y", 3);
    free(s);
    assert_null(uri_percent_decode("a%2", 3, &len));
    assert_null(uri_percent_decode("a%zz", 4, &len));
    s = uri_percent_decode("", 0, &len);
    assert_string_equal(s, "");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc3986_normal_examples),
        cmocka_unit_test(test_rfc3986_abnormal_examples),
        cmocka_unit_test(test_schema_uris),
        cmocka_unit_test(test_scheme_and_fragment),
        cmocka_unit_test(test_percent_decode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
