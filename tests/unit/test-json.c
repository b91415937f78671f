/* test-json.c - the strict JSON reader: values, positions, and every
 * refusal with its exact message, line and column. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "arena.h"
#include "diag.h"
#include "json.h"
#include "source.h"
#include "strbuf.h"
#include "xalloc.h"

#include <string.h>

typedef struct parsed {
    arena *a;
    source *src;
    diag_sink *d;
    node *root;
} parsed;

static parsed parse_bytes(const char *text, size_t len)
{
    parsed p;
    p.a = arena_new();
    p.src = source_new("t.json", xstrndup(text, len), len);
    p.d = diag_sink_new(0);
    p.root = json_parse(p.a, p.src, p.d);
    return p;
}

static parsed parse(const char *text)
{
    return parse_bytes(text, strlen(text));
}

static void release(parsed *p)
{
    diag_sink_free(p->d);
    source_free(p->src);
    arena_free(p->a);
}

/* The text must be refused with exactly one error, this one. */
static void assert_refused(const char *text, const char *message, unsigned line,
                           size_t column)
{
    parsed p = parse(text);
    assert_null(p.root);
    assert_int_equal(diag_errors(p.d), 1);
    const diag *d = diag_get(p.d, 0);
    assert_string_equal(d->message, message);
    assert_int_equal(d->line, line);
    assert_int_equal(d->column, column);
    release(&p);
}

static void test_values(void **state)
{
    (void)state;
    parsed p = parse(" {\"a\": [true, false, null, -1.5e2, 0, \"x\"], "
                     "\"b\": {}, \"c\": []}\n");
    assert_non_null(p.root);
    assert_int_equal(diag_count(p.d), 0);
    assert_int_equal(p.root->kind, NODE_OBJECT);
    assert_int_equal(p.root->u.object.count, 3);
    const node *a = node_get(p.root, "a");
    assert_int_equal(a->kind, NODE_ARRAY);
    assert_int_equal(a->u.array.count, 6);
    assert_true(a->u.array.items[0]->u.boolean);
    assert_false(a->u.array.items[1]->u.boolean);
    assert_int_equal(a->u.array.items[2]->kind, NODE_NULL);
    const node *num = a->u.array.items[3];
    assert_int_equal(num->kind, NODE_NUMBER);
    assert_true(num->u.number.value == -150.0);
    assert_string_equal(num->u.number.text, "-1.5e2");
    assert_int_equal(num->span, 6);
    assert_string_equal(node_str(a->u.array.items[5]), "x");
    assert_int_equal(node_get(p.root, "b")->u.object.count, 0);
    assert_int_equal(node_get(p.root, "c")->u.array.count, 0);
    release(&p);
}

static void test_positions(void **state)
{
    (void)state;
    parsed p = parse("{\n  \"năm\": 2026,\n  \"list\": [1,\n    \"two\"]\n}");
    assert_non_null(p.root);
    assert_int_equal(p.root->pos.line, 1);
    assert_int_equal(p.root->pos.offset, 0);
    const node_member *m = node_member_get(p.root, "năm");
    assert_non_null(m);
    assert_int_equal(m->key_pos.line, 2);
    assert_int_equal(source_column(p.src, m->key_pos), 3);
    assert_int_equal(m->key_span, strlen("\"năm\""));
    assert_int_equal(source_column(p.src, m->value->pos), 10);
    assert_int_equal(m->value->span, 4);
    const node *list = node_get(p.root, "list");
    assert_int_equal(list->pos.line, 3);
    assert_int_equal(source_column(p.src, list->pos), 11);
    const node *two = list->u.array.items[1];
    assert_int_equal(two->pos.line, 4);
    assert_int_equal(source_column(p.src, two->pos), 5);
    assert_int_equal(two->span, 5);
    /* a container's span runs from its bracket to the closing one */
    assert_int_equal(list->span, strlen("[1,\n    \"two\"]"));
    release(&p);
}

static void test_escapes(void **state)
{
    (void)state;
    parsed p = parse("[\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\", \"\\u00e9\\u1EA1\", "
                     "\"\\ud83d\\ude00\", \"x\\u0000y\"]");
    assert_non_null(p.root);
    const node *const *items = (const node *const *)p.root->u.array.items;
    assert_string_equal(node_str(items[0]), "a\"b\\c/d\b\f\n\r\t");
    assert_string_equal(node_str(items[1]), "é\xE1\xBA\xA1");
    assert_string_equal(node_str(items[2]), "\xF0\x9F\x98\x80");
    assert_int_equal(items[3]->u.string.len, 3);
    assert_memory_equal(items[3]->u.string.s, "x\0y", 3);
    /* the span is the string as written, escapes included */
    assert_int_equal(items[2]->span, strlen("\"\\ud83d\\ude00\""));
    release(&p);
}

static void test_byte_order_mark(void **state)
{
    (void)state;
    parsed p = parse("\xEF\xBB\xBF{\"a\": 1}");
    assert_non_null(p.root);
    assert_int_equal(p.root->pos.offset, 3);
    assert_int_equal(source_column(p.src, p.root->pos), 1);
    release(&p);
}

static void test_separators(void **state)
{
    (void)state;
    assert_refused("[1, 2,]", "trailing comma before ']'", 1, 6);
    assert_refused("{\"a\": 1,\n}", "trailing comma before '}'", 1, 8);
    assert_refused("{\"a\": 1 \"b\": 2}",
                   "expected ',' or '}' after a member, found '\"'", 1, 9);
    assert_refused("[1 2]", "expected ',' or ']' after an item, found '2'", 1,
                   4);
    assert_refused("{\"a\" 1}", "expected ':' after the key, found '1'", 1, 6);
    assert_refused("{\"a\": 1",
                   "expected ',' or '}' after a member, found the "
                   "end of the file",
                   1, 8);
    assert_refused("{1: 2}", "expected a key in double quotes, found '1'", 1,
                   2);
    assert_refused("{'a': 2}", "keys must be in double quotes", 1, 2);
    assert_refused("[1,\n  ]", "trailing comma before ']'", 1, 3);
}

static void test_values_refused(void **state)
{
    (void)state;
    assert_refused("", "expected a value, found the end of the file", 1, 1);
    assert_refused("  \n ", "expected a value, found the end of the file", 2,
                   2);
    assert_refused("[True]", "'True' must be written in lowercase in JSON", 1,
                   2);
    assert_refused("[NaN]", "'NaN' is not a JSON number", 1, 2);
    assert_refused("{\"a\": yes}",
                   "unexpected word 'yes'; text must be in double quotes", 1,
                   7);
    assert_refused("['x']", "text must be in double quotes, not single", 1, 2);
    assert_refused("[1] // note", "unexpected '/' after the JSON value", 1, 5);
    assert_refused("// note\n[1]", "comments are not allowed in JSON", 1, 1);
    assert_refused("1 2", "unexpected '2' after the JSON value", 1, 3);
    assert_refused("[,]", "expected a value, found ','", 1, 2);
    assert_refused("[ă]", "expected a value, found 'ă'", 1, 2);
}

static void test_numbers(void **state)
{
    (void)state;
    assert_refused("[01]", "numbers must not start with a leading zero", 1, 2);
    assert_refused("[-]", "expected a digit after '-', found ']'", 1, 3);
    assert_refused("[1.]",
                   "expected a digit after the decimal point, found ']'", 1, 4);
    assert_refused("[1e+]", "expected a digit in the exponent, found ']'", 1,
                   5);
    assert_refused("[+1]", "expected a value, found '+'", 1, 2);
    assert_refused("[.5]", "expected a value, found '.'", 1, 2);
    assert_refused("[1e400]", "the number 1e400 is too large to be represented",
                   1, 2);
    parsed p = parse("[0, -0, 1E3, 12345678901234567890, 1e-400]");
    assert_non_null(p.root);
    assert_true(p.root->u.array.items[2]->u.number.value == 1000.0);
    assert_string_equal(p.root->u.array.items[3]->u.number.text,
                        "12345678901234567890");
    assert_true(p.root->u.array.items[4]->u.number.value == 0.0);
    release(&p);
}

static void test_strings_refused(void **state)
{
    (void)state;
    assert_refused("[\"abc", "unterminated string", 1, 2);
    assert_refused("[\"a\\x\"]", "invalid escape '\\x' in a string", 1, 4);
    assert_refused("[\"a\\u12G4\"]",
                   "'\\u' must be followed by four hexadecimal digits", 1, 4);
    assert_refused("[\"a\tb\"]",
                   "control character U+0009 inside a string; write it as an "
                   "escape",
                   1, 4);
    assert_refused("[\"a\nb\"]",
                   "line break inside a string; write it as '\\n' or close the "
                   "string first",
                   1, 4);
    assert_refused("[\"\\udc00\"]",
                   "'\\udc00' is a low surrogate without a high one", 1, 3);
    assert_refused("[\"\\ud800x\"]",
                   "'\\ud800' begins a surrogate pair that is not completed by "
                   "a low surrogate",
                   1, 3);
    assert_refused("[\"\\ud800\\u0041\"]",
                   "'\\ud800' begins a surrogate pair that is not completed by "
                   "a low surrogate",
                   1, 3);
    assert_refused("{\"a\\u0000\": 1}",
                   "keys must not contain the character U+0000", 1, 2);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    assert_refused("{\"a\": \"b\xFF\"}", "invalid UTF-8 at byte 8", 1, 9);
    assert_refused("[\n\"\xC3\x28\"]", "invalid UTF-8 at byte 3", 2, 2);
    /* an encoded surrogate is not UTF-8 either */
    assert_refused("[\"\xED\xA0\x80\"]", "invalid UTF-8 at byte 2", 1, 3);
}

static void test_raw_nul_byte(void **state)
{
    (void)state;
    parsed p = parse_bytes("[1,\0]", 5);
    assert_null(p.root);
    assert_string_equal(diag_get(p.d, 0)->message,
                        "expected a value, found the character U+0000");
    release(&p);
}

static void test_duplicate_keys(void **state)
{
    (void)state;
    parsed p = parse("{\"a\": 1,\n \"b\": {\"x\": 1, \"x\": 2},\n \"a\": 3}");
    assert_null(p.root);
    assert_int_equal(diag_errors(p.d), 2);
    const diag *first = diag_get(p.d, 0);
    assert_string_equal(first->message, "duplicate key 'x'");
    assert_int_equal(first->line, 2);
    assert_int_equal(first->column, 16);
    assert_non_null(first->notes);
    assert_string_equal(first->notes->message, "first given here");
    assert_int_equal(first->notes->line, 2);
    assert_int_equal(first->notes->column, 8);
    const diag *second = diag_get(p.d, 1);
    assert_string_equal(second->message, "duplicate key 'a'");
    assert_int_equal(second->line, 3);
    assert_int_equal(second->column, 2);
    assert_int_equal(second->notes->line, 1);
    assert_int_equal(second->notes->column, 2);
    assert_null(second->notes->next);
    release(&p);
}

static void test_large_object(void **state)
{
    (void)state;
    strbuf text = STRBUF_INIT;
    strbuf_putc(&text, '{');
    for (int i = 0; i < 5000; i++)
        strbuf_printf(&text, "%s\"key%d\": %d", i ? "," : "", i, i);
    strbuf_putc(&text, '}');
    parsed p = parse(strbuf_str(&text));
    assert_non_null(p.root);
    assert_int_equal(p.root->u.object.count, 5000);
    assert_int_equal(node_get(p.root, "key4999")->u.number.value, 4999);
    release(&p);
    text.len--;
    strbuf_puts(&text, ",\"key123\": 0}");
    p = parse(strbuf_str(&text));
    assert_null(p.root);
    assert_int_equal(diag_errors(p.d), 1);
    assert_string_equal(diag_get(p.d, 0)->message, "duplicate key 'key123'");
    release(&p);
    strbuf_release(&text);
}

static void test_depth_limit(void **state)
{
    (void)state;
    strbuf text = STRBUF_INIT;
    strbuf_repeat(&text, '[', JSON_MAX_DEPTH);
    strbuf_repeat(&text, ']', JSON_MAX_DEPTH);
    parsed p = parse(strbuf_str(&text));
    assert_non_null(p.root);
    release(&p);
    strbuf_reset(&text);
    strbuf_repeat(&text, '[', JSON_MAX_DEPTH + 1);
    strbuf_repeat(&text, ']', JSON_MAX_DEPTH + 1);
    p = parse(strbuf_str(&text));
    assert_null(p.root);
    assert_string_equal(diag_get(p.d, 0)->message,
                        "nesting deeper than 512 levels");
    assert_int_equal(diag_get(p.d, 0)->column, JSON_MAX_DEPTH + 1);
    release(&p);
    strbuf_release(&text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_byte_order_mark),
        cmocka_unit_test(test_separators),
        cmocka_unit_test(test_values_refused),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_strings_refused),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_raw_nul_byte),
        cmocka_unit_test(test_duplicate_keys),
        cmocka_unit_test(test_large_object),
        cmocka_unit_test(test_depth_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
