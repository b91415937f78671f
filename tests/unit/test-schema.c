/* test-schema.c - the draft-07 validator: compile-time refusals, "$ref"
 * resolution across files and "$id" scopes, the recursion guard, and the
 * exact wording and position of every kind of validation message. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "arena.h"
#include "diag.h"
#include "json.h"
#include "schema.h"
#include "source.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

typedef struct fixture {
    arena *a;
    diag_sink *d;
    schema_set *set;
    source **sources;
    size_t source_count;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->a = arena_new();
    f->d = diag_sink_new(0);
    f->set = schema_set_new();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    schema_set_free(f->set);
    diag_sink_free(f->d);
    for (size_t i = 0; i < f->source_count; i++)
        source_free(f->sources[i]);
    free(f->sources);
    arena_free(f->a);
    free(f);
    return 0;
}

static node *parse(fixture *f, const char *path, const char *text)
{
    source *src = source_new(path, xstrdup(text), strlen(text));
    f->sources =
        xrealloc(f->sources, (f->source_count + 1) * sizeof *f->sources);
    f->sources[f->source_count++] = src;
    diag_sink *d = diag_sink_new(0);
    node *n = json_parse(f->a, src, d);
    assert_int_equal(diag_count(d), 0);
    assert_non_null(n);
    diag_sink_free(d);
    return n;
}

/* Adds a schema that must compile; returns it. */
static const schema *add(fixture *f, const char *uri, const char *text)
{
    diag_clear(f->d);
    const node *doc = parse(f, "schema.json", text);
    bool ok = schema_set_add(f->set, uri, doc, f->d);
    if (!ok || diag_count(f->d)) {
        strbuf out = STRBUF_INIT;
        diag_format_text(f->d, &out, false);
        print_error("%s", strbuf_str(&out));
        strbuf_release(&out);
    }
    assert_true(ok);
    assert_int_equal(diag_count(f->d), 0);
    const schema *s = schema_set_lookup(f->set, uri);
    assert_non_null(s);
    return s;
}

#define URI "http://kehoach.invalid/test.schema.json"

/* Validates text against s: the verdict must be `valid` both with and
 * without a sink, and the sink must hold `errors` errors. */
static void check(fixture *f, const schema *s, const char *text, bool valid,
                  size_t errors)
{
    diag_clear(f->d);
    const node *doc = parse(f, "plan.json", text);
    assert_int_equal(schema_validate(s, doc, NULL), valid);
    assert_int_equal(schema_validate(s, doc, f->d), valid);
    if (diag_errors(f->d) != errors) {
        strbuf out = STRBUF_INIT;
        diag_format_text(f->d, &out, false);
        print_error("%s", strbuf_str(&out));
        strbuf_release(&out);
    }
    assert_int_equal(diag_errors(f->d), errors);
}

/* The i-th diagnostic (in print order) says this, at this line and column. */
static void expect(fixture *f, size_t i, const char *message, unsigned line,
                   size_t column)
{
    const diag *d = diag_get(f->d, i);
    assert_non_null(d);
    assert_string_equal(d->message, message);
    assert_int_equal(d->line, line);
    assert_int_equal(d->column, column);
}

/* One error with this message, at this line and column. */
static void check_one(fixture *f, const schema *s, const char *text,
                      const char *message, unsigned line, size_t column)
{
    check(f, s, text, false, 1);
    expect(f, 0, message, line, column);
}

/* ---- compile-time refusals ------------------------------------------- */

/* The schema must be refused with one error, this one. Each refused schema
 * goes to a set of its own: a refused schema may leave half its URIs. */
static void refuse(fixture *f, const char *text, const char *message,
                   unsigned line, size_t column)
{
    diag_clear(f->d);
    schema_set_free(f->set);
    f->set = schema_set_new();
    const node *doc = parse(f, "schema.json", text);
    assert_false(schema_set_add(f->set, URI, doc, f->d));
    if (diag_errors(f->d) != 1) {
        strbuf out = STRBUF_INIT;
        diag_format_text(f->d, &out, false);
        print_error("%s", strbuf_str(&out));
        strbuf_release(&out);
    }
    assert_int_equal(diag_errors(f->d), 1);
    expect(f, 0, message, line, column);
}

static void test_unknown_keywords(void **state)
{
    fixture *f = *state;
    refuse(f, "{\"type\": \"object\",\n \"requried\": [\"a\"]}",
           "unknown schema keyword 'requried'; did you mean 'required'?", 2, 2);
    refuse(f, "{\"properties\": {\"a\": {\"maxLenght\": 3}}}",
           "unknown schema keyword 'maxLenght'; did you mean 'maxLength'?", 1,
           23);
    refuse(f, "{\"$defs\": {}}",
           "'$defs' is not a draft-07 keyword; draft-07 uses 'definitions'", 1,
           2);
    refuse(f, "{\"unevaluatedProperties\": false}",
           "'unevaluatedProperties' is not a draft-07 keyword (it belongs to "
           "a later draft)",
           1, 2);
    refuse(f, "{\"minContains\": 1}",
           "'minContains' is not a draft-07 keyword (it belongs to a later "
           "draft)",
           1, 2);
    refuse(f, "{\"id\": \"x.json\"}",
           "'id' is not a draft-07 keyword; draft-07 uses '$id'", 1, 2);
    refuse(f, "{\"colour\": \"red\"}", "unknown schema keyword 'colour'", 1, 2);
    /* beside "$ref" keywords are ignored, but must still be keywords */
    refuse(f,
           "{\"$ref\": \"#/definitions/a\", \"definitions\": {\"a\": {}},"
           " \"titel\": \"x\"}",
           "unknown schema keyword 'titel'; did you mean 'title'?", 1, 55);
}

static void test_bad_keyword_values(void **state)
{
    fixture *f = *state;
    refuse(f, "{\"minLength\": -1}",
           "'minLength' must be a non-negative whole number", 1, 15);
    refuse(f, "{\"maxItems\": 1.5}",
           "'maxItems' must be a non-negative whole number", 1, 14);
    refuse(f, "{\"minProperties\": \"2\"}",
           "'minProperties' must be a non-negative whole number", 1, 19);
    refuse(f, "{\"required\": \"a\"}",
           "'required' must be a list of unique strings", 1, 14);
    refuse(f, "{\"required\": [\"a\", \"a\"]}",
           "'required' must be a list of unique strings; 'a' is given twice", 1,
           20);
    refuse(f, "{\"required\": [\"a\", 1]}",
           "'required' must be a list of unique strings; item 2 is a whole "
           "number",
           1, 20);
    refuse(f, "{\"type\": \"strng\"}",
           "unknown type 'strng'; did you mean 'string'?", 1, 10);
    refuse(f, "{\"type\": [\"string\", \"string\"]}",
           "'type' names 'string' twice", 1, 21);
    refuse(f, "{\"multipleOf\": 0}",
           "'multipleOf' must be a number greater than 0", 1, 16);
    refuse(f, "{\"maximum\": \"10\"}", "'maximum' must be a number", 1, 13);
    refuse(f, "{\"items\": 3}", "'items' must be a schema or a list of schemas",
           1, 11);
    refuse(f, "{\"not\": \"x\"}",
           "'not' must be a schema (a mapping, or true or false), not text", 1,
           9);
    refuse(f, "{\"anyOf\": []}", "'anyOf' must be a non-empty list of schemas",
           1, 11);
    refuse(f, "{\"properties\": {\"a\": 1}}",
           "'properties' must map each name to a schema (a mapping, or true "
           "or false); 'a' is a whole number",
           1, 22);
    refuse(f, "{\"enum\": \"a\"}", "'enum' must be a list", 1, 10);
    refuse(f, "{\"uniqueItems\": 1}", "'uniqueItems' must be true or false", 1,
           17);
    refuse(f, "{\"title\": 1}", "'title' must be text", 1, 11);
    refuse(f, "{\"examples\": \"x\"}", "'examples' must be a list", 1, 14);
    refuse(f, "{\"dependencies\": {\"a\": 1}}",
           "'dependencies' must map each key to a schema or a list of unique "
           "strings",
           1, 24);
    refuse(f, "{\"$schema\": \"http://json-schema.org/draft-04/schema#\"}",
           "'$schema' names 'http://json-schema.org/draft-04/schema#'; "
           "kehoach reads draft-07 schemas only "
           "(http://json-schema.org/draft-07/schema#)",
           1, 13);
    refuse(f, "[]", "a schema must be a mapping, or true or false, not a list",
           1, 1);
}

static void test_values_not_compiled(void **state)
{
    fixture *f = *state;
    /* enum, const, default and examples hold data, not schemas */
    const schema *s = add(f, URI,
                          "{\"enum\": [{\"typo\": 1}], "
                          "\"const\": {\"typo\": 1}, "
                          "\"default\": {\"requried\": 1}, "
                          "\"examples\": [{\"$defs\": 1}]}");
    check(f, s, "{\"typo\": 1}", true, 0);
}

static void test_invalid_regex(void **state)
{
    fixture *f = *state;
    diag_clear(f->d);
    const node *doc = parse(f, "schema.json", "{\"pattern\": \"(\"}");
    assert_false(schema_set_add(f->set, URI, doc, f->d));
    assert_int_equal(diag_errors(f->d), 1);
    const diag *d = diag_get(f->d, 0);
    const char *prefix = "invalid regular expression in 'pattern': ";
    assert_memory_equal(d->message, prefix, strlen(prefix));
    assert_int_equal(d->column, 13);
    diag_clear(f->d);
    doc = parse(f, "schema.json", "{\"patternProperties\": {\"[\": {}}}");
    assert_false(
        schema_set_add(f->set, "http://kehoach.invalid/other.json", doc, f->d));
    d = diag_get(f->d, 0);
    prefix = "invalid regular expression in 'patternProperties': ";
    assert_memory_equal(d->message, prefix, strlen(prefix));
    assert_int_equal(d->column, 24);
}

/* ---- references ------------------------------------------------------ */

static void test_cross_file_ref(void **state)
{
    fixture *f = *state;
    /* the plan refers to units before the units schema is in the set */
    const schema *plan = add(f, "http://kehoach.invalid/schemas/plan.json",
                             "{\"properties\": {\"lead\": "
                             "{\"$ref\": \"units.json#/definitions/unit\"}}}");
    diag_clear(f->d);
    assert_false(schema_set_check_refs(f->set, f->d));
    expect(f, 0,
           "cannot resolve '$ref' to "
           "'http://kehoach.invalid/schemas/units.json#/definitions/unit'",
           1, 34);
    /* validating before it resolves is an error at the instance */
    check_one(f, plan, "{\"lead\": \"x\"}",
              "cannot check 'lead': '$ref' to 'http://kehoach.invalid/schemas/"
              "units.json#/definitions/unit' does not resolve",
              1, 10);
    diag_clear(f->d);
    add(f, "http://kehoach.invalid/schemas/units.json",
        "{\"definitions\": {\"unit\": {\"title\": \"Đơn vị\", \"type\": "
        "\"string\"}}}");
    assert_true(schema_set_check_refs(f->set, f->d));
    check(f, plan, "{\"lead\": \"Sở Tư pháp\"}", true, 0);
    check_one(f, plan, "{\"lead\": 5}",
              "'lead' (Đơn vị) must be text, not a whole number; to write it "
              "as text, put it in quotes: \"5\"",
              1, 10);
    assert_string_equal(schema_property_title(plan, "lead"), "Đơn vị");
    assert_null(schema_property_title(plan, "other"));
}

static void test_id_scoping(void **state)
{
    fixture *f = *state;
    const schema *s = add(
        f, URI,
        "{\"$id\": \"http://example.com/root.json\",\n"
        " \"definitions\": {\n"
        "  \"A\": {\"$id\": \"nested/other.json\",\n"
        "        \"definitions\": {\"B\": {\"$id\": \"#bee\", \"type\": \"integer\"},\n"
        "                        \"C\": {\"$ref\": \"#bee\"}}},\n"
        "  \"slash/key\": {\"type\": \"boolean\"},\n"
        "  \"tilde~key\": {\"type\": \"null\"},\n"
        "  \"quote\\\"key\": {\"type\": \"string\"}},\n"
        " \"properties\": {\n"
        "  \"a\": {\"$ref\": \"nested/other.json#bee\"},\n"
        "  \"b\": {\"$ref\": \"http://example.com/nested/other.json#/definitions/C\"},\n"
        "  \"c\": {\"$ref\": \"#/definitions/slash~1key\"},\n"
        "  \"d\": {\"$ref\": \"#/definitions/tilde~0key\"},\n"
        "  \"e\": {\"$ref\": \"#/definitions/quote%22key\"}}}");
    assert_true(schema_set_check_refs(f->set, f->d));
    assert_ptr_equal(schema_set_lookup(f->set, "http://example.com/root.json"),
                     s);
    assert_non_null(
        schema_set_lookup(f->set, "http://example.com/nested/other.json#bee"));
    assert_ptr_equal(schema_set_lookup(f->set,
                                       "http://example.com/nested/other.json"),
                     schema_set_lookup(f->set, "http://example.com/root.json#/"
                                               "definitions/A"));
    assert_null(schema_set_lookup(f->set, "http://example.com/root.json#bee"));
    assert_null(
        schema_set_lookup(f->set, "http://example.com/root.json#/nope"));
    check(f, s, "{\"a\": 1, \"b\": 2, \"c\": true, \"d\": null, \"e\": \"x\"}",
          true, 0);
    check(f, s, "{\"a\": \"1\", \"b\": \"2\", \"c\": 1, \"d\": 1, \"e\": 1}",
          false, 5);
}

static void test_ref_ignores_siblings(void **state)
{
    fixture *f = *state;
    const schema *s = add(
        f, "http://example.com/base/",
        "{\"definitions\": {\"foo\": {\"$id\": \"foo.json\", \"type\": \"number\"}},"
        " \"allOf\": [{\"$id\": \"http://example.com/\", \"$ref\": \"foo.json\","
        " \"maxLength\": 1}]}");
    check(f, s, "5", true, 0);
    check(f, s, "\"long\"", false, 1);
}

static void test_meta_schema(void **state)
{
    fixture *f = *state;
    const schema *meta = schema_set_lookup(f->set, DRAFT07_URI);
    assert_non_null(meta);
    assert_ptr_equal(schema_set_lookup(f->set, DRAFT07_URI "#"), meta);
    const schema *s = add(f, URI, "{\"$ref\": \"" DRAFT07_URI "#\"}");
    check(f, s, "{\"type\": \"string\", \"minLength\": 2}", true, 0);
    check(f, s, "{\"minLength\": -1}", false, 1);
    check(f, s, "{\"definitions\": {\"a\": {\"type\": 1}}}", false, 1);
    check(f, s, "{\"type\": [\"string\", \"string\"]}", false, 1);
    check(f, s, "true", true, 0);
    check(f, s, "3", false, 1);
    expect(f, 0,
           "the document must be a group of 'key: value' lines or true or "
           "false, not a "
           "whole number",
           1, 1);
}

/* ---- recursion --------------------------------------------------------- */

static void test_recursion_guard(void **state)
{
    fixture *f = *state;
    const schema *loop = add(f, URI, "{\"$ref\": \"#\"}");
    check_one(f, loop, "{}",
              "cannot check the document: '$ref' to '" URI
              "#' leads back to itself",
              1, 1);
    const schema *pair =
        add(f, "http://kehoach.invalid/pair.json",
            "{\"definitions\": {\"a\": {\"$ref\": \"#/definitions/b\"},"
            " \"b\": {\"allOf\": [{\"$ref\": \"#/definitions/a\"},"
            " {\"$ref\": \"#/definitions/a\"}]}},"
            " \"properties\": {\"x\": {\"$ref\": \"#/definitions/a\"}}}");
    check(f, pair, "{\"y\": 1}", true, 0);
    check_one(f, pair, "{\"x\": 1}",
              "cannot check 'x': '$ref' to 'http://kehoach.invalid/pair.json#/"
              "definitions/b' leads back to itself",
              1, 7);
}

static void test_deep_recursive_data(void **state)
{
    fixture *f = *state;
    const schema *s = add(f, URI,
                          "{\"type\": [\"array\", \"integer\"],"
                          " \"items\": {\"$ref\": \"#\"}}");
    strbuf text = STRBUF_INIT;
    strbuf_repeat(&text, '[', JSON_MAX_DEPTH - 1);
    strbuf_puts(&text, "1");
    strbuf_repeat(&text, ']', JSON_MAX_DEPTH - 1);
    check(f, s, strbuf_str(&text), true, 0);
    strbuf_reset(&text);
    strbuf_repeat(&text, '[', JSON_MAX_DEPTH - 1);
    strbuf_puts(&text, "\"x\"");
    strbuf_repeat(&text, ']', JSON_MAX_DEPTH - 1);
    check(f, s, strbuf_str(&text), false, 1);
    strbuf_release(&text);
}

/* ---- messages ---------------------------------------------------------- */

#define PLAN_SCHEMA                                                               \
    "{\"type\": \"object\",\n"                                                    \
    " \"required\": [\"year\", \"lead\"],\n"                                      \
    " \"additionalProperties\": false,\n"                                         \
    " \"properties\": {\n"                                                        \
    "  \"year\": {\"title\": \"Năm kế hoạch\", \"type\": \"integer\"},\n"    \
    "  \"lead\": {\"$ref\": \"#/definitions/lead\"},\n"                           \
    "  \"partners\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}},\n" \
    "  \"note\": {\"type\": [\"string\", \"null\"]}},\n"                          \
    " \"definitions\": {\"lead\": {\"title\": \"Đơn vị chủ trì\","         \
    " \"type\": \"string\", \"minLength\": 1}}}"

static void test_type_messages(void **state)
{
    fixture *f = *state;
    const schema *s = add(f, URI, PLAN_SCHEMA);
    check_one(f, s, "{\"year\": \"2026\", \"lead\": \"Sở\"}",
              "'year' (Năm kế hoạch) must be a whole number, not text", 1, 10);
    check_one(f, s, "{\"year\": 2026.5, \"lead\": \"Sở\"}",
              "'year' (Năm kế hoạch) must be a whole number, not a number", 1,
              10);
    check(f, s, "{\"year\": 2026.0, \"lead\": \"Sở\"}", true, 0);
    check_one(f, s, "{\"year\": 2026, \"lead\": \"Sở\", \"note\": 1}",
              "'note' must be text or empty, not a whole number; to write it "
              "as text, put it in quotes: \"1\"",
              1, 38);
    check_one(f, s, "[]",
              "the document must be a group of 'key: value' lines, not a "
              "list",
              1, 1);
    check_one(f, s,
              "{\"year\": 2026, \"lead\": \"Sở\", \"partners\": [\"a\", {}]}",
              "item 2 of 'partners' must be text, not a group of 'key: "
              "value' lines",
              1, 48);
    check_one(f, s, "{\"year\": 2026, \"lead\": true}",
              "'lead' (Đơn vị chủ trì) must be text, not true or false", 1, 24);
    /* "- Lưu: VT." in YAML: text with ": " read as a mapping of one key */
    check_one(
        f, s,
        "{\"year\": 2026, \"lead\": \"Sở\", \"partners\": [{\"Lưu\": \"VT.\"}]}",
        "item 1 of 'partners' must be text, not a group of 'key: value' "
        "lines; a text that "
        "contains ': ' must be put in quotes",
        1, 43);
    const schema *nested =
        add(f, "http://kehoach.invalid/nested.json",
            "{\"items\": {\"items\": {\"type\": \"null\"}}}");
    check_one(f, nested, "[[null], [null, false]]",
              "item 2 of item 2 of the document must be empty, not true or "
              "false",
              1, 17);
    /* three kinds or more: "a, b or c" */
    const schema *three = add(f, "http://kehoach.invalid/three.json",
                              "{\"type\": [\"array\", \"null\", \"boolean\"]}");
    check_one(f, three, "3",
              "the document must be a list, empty or true or false, not a "
              "whole number",
              1, 1);
}

static void test_required_and_unknown_keys(void **state)
{
    fixture *f = *state;
    const schema *s = add(f, URI, PLAN_SCHEMA);
    check(f, s, "{\n \"partner\": [],\n \"parters\": [],\n \"xyz\": 1}", false,
          5);
    expect(f, 0, "missing required key 'year' (Năm kế hoạch)", 1, 1);
    expect(f, 1, "missing required key 'lead' (Đơn vị chủ trì)", 1, 1);
    expect(f, 2, "unknown key 'partner'; did you mean 'partners'?", 2, 2);
    expect(f, 3, "unknown key 'parters'; did you mean 'partners'?", 3, 2);
    expect(f, 4, "unknown key 'xyz'", 4, 2);
    const schema *plain =
        add(f, "http://kehoach.invalid/plain.json", "{\"required\": [\"id\"]}");
    check_one(f, plain, "{}", "missing required key 'id'", 1, 1);
}

static void test_empty_member_value_at_key(void **state)
{
    fixture *f = *state;
    const schema *s = add(f, URI, PLAN_SCHEMA);
    diag_clear(f->d);
    node *doc = parse(f, "plan.json", "{\"year\": 2026,\n \"lead\": null}");
    /* a YAML "lead:" gives an empty scalar: a null with nothing to point at */
    node_member *m = &doc->u.object.members[1];
    m->value->span = 0;
    assert_false(schema_validate(s, doc, f->d));
    assert_int_equal(diag_errors(f->d), 1);
    expect(f, 0, "'lead' (Đơn vị chủ trì) must be text, not empty", 2, 2);
    assert_int_equal(diag_get(f->d, 0)->width, 6);
}

static void test_enum_and_const(void **state)
{
    fixture *f = *state;
    const schema *s = add(
        f, URI,
        "{\"properties\": {\n"
        " \"state\": {\"enum\": [\"planned\", \"open\", \"done\"]},\n"
        " \"one\": {\"enum\": [\"only\"]},\n"
        " \"mixed\": {\"enum\": [1, \"a\", null, [1, 2], {\"k\": true}]},\n"
        " \"many\": {\"enum\": [\"a1\", \"a2\", \"a3\", \"a4\", \"a5\", \"a6\","
        " \"a7\", \"a8\", \"quarterly\"]},\n"
        " \"kind\": {\"const\": \"plan\"},\n"
        " \"version\": {\"const\": 2}}}");
    check_one(
        f, s, "{\"state\": \"don\"}",
        "'state' must be one of 'planned', 'open' or 'done'; did you mean "
        "'done'?",
        1, 11);
    check_one(f, s, "{\"state\": \"zzzzzz\"}",
              "'state' must be one of 'planned', 'open' or 'done'", 1, 11);
    check_one(f, s, "{\"one\": \"x\"}", "'one' must be 'only'", 1, 9);
    check_one(f, s, "{\"mixed\": 2}",
              "'mixed' must be one of 1, 'a', null, [1, 2] or {\"k\": true}", 1,
              11);
    check(f, s, "{\"mixed\": [1, 2.0]}", true, 0);
    check_one(f, s, "{\"many\": \"quartely\"}",
              "'many' is not one of the allowed values; did you mean "
              "'quarterly'?",
              1, 10);
    check_one(f, s, "{\"many\": 5}", "'many' is not one of the allowed values",
              1, 10);
    check_one(f, s, "{\"kind\": \"plans\"}", "'kind' must be 'plan'", 1, 10);
    check_one(f, s, "{\"version\": 3}", "'version' must be 2", 1, 13);
}

static void test_string_messages(void **state)
{
    fixture *f = *state;
    const schema *s = add(f, URI,
                          "{\"properties\": {\n"
                          " \"name\": {\"minLength\": 1},\n"
                          " \"code\": {\"minLength\": 3, \"maxLength\": 5},\n"
                          " \"unit\": {\"maxLength\": 1}}}");
    check_one(f, s, "{\"name\": \"\"}", "'name' must not be empty", 1, 10);
    check_one(f, s, "{\"code\": \"ab\"}",
              "'code' must be at least 3 characters long", 1, 10);
    /* lengths count code points, not bytes */
    check(f, s, "{\"code\": \"Đơn vị\"}", false, 1);
    expect(f, 0, "'code' must be at most 5 characters long, not 6", 1, 10);
    check(f, s, "{\"code\": \"Sở Tư\"}", true, 0);
    check_one(f, s, "{\"unit\": \"ab\"}",
              "'unit' must be at most 1 character long, not 2", 1, 10);
}

static void test_pattern_messages(void **state)
{
    fixture *f = *state;
    const schema *s = add(f, URI,
                          "{\"properties\": {\n"
                          " \"number\": {\"pattern\": \"^[0-9]+/KH-[A-Z]+$\","
                          " \"examples\": [12, \"11/KH-UBND\"]},\n"
                          " \"id\": {\"pattern\": \"^[a-z-]+$\"}}}");
    check_one(f, s, "{\"number\": \"11/KH\"}",
              "'number' does not have the expected form; write it like "
              "'11/KH-UBND'",
              1, 12);
    check_one(f, s, "{\"id\": \"Hai Phong\"}",
              "'id' does not match the pattern '^[a-z-]+$'", 1, 8);
    check(f, s, "{\"number\": \"3/KH-STP\", \"id\": \"hai-phong\"}", true, 0);
    const schema *keys =
        add(f, "http://kehoach.invalid/keys.json",
            "{\"patternProperties\": {\"^x-\": {\"type\": \"string\"}},"
            " \"additionalProperties\": false}");
    check(f, keys, "{\"x-a\": \"1\"}", true, 0);
    check(f, keys, "{\"x-a\": 1, \"y\": 1}", false, 2);
    expect(f, 0,
           "'x-a' must be text, not a whole number; to write it as text, "
           "put it in quotes: \"1\"",
           1, 9);
    expect(f, 1, "unknown key 'y'", 1, 12);
    /* a search that reaches the match limit is a problem, never a pass */
    const schema *slow =
        add(f, "http://kehoach.invalid/slow.json",
            "{\"properties\": {\"a\": {\"pattern\": \"^(a|a)*$\"}},"
            " \"patternProperties\": {\"^(b|b)*$\": {}}}");
    check_one(f, slow, "{\"a\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\"}",
              "'a' could not be checked against the pattern '^(a|a)*$' "
              "(the check took too long)",
              1, 7);
    check_one(f, slow, "{\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb!\": 1}",
              "key 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb!' could not be checked "
              "against the pattern '^(b|b)*$' (the check took too long)",
              1, 2);
}

static void test_number_messages(void **state)
{
    fixture *f = *state;
    const schema *s = add(
        f, URI,
        "{\"properties\": {\n"
        " \"year\": {\"minimum\": 2000, \"maximum\": 1e4},\n"
        " \"pct\": {\"exclusiveMinimum\": 0, \"exclusiveMaximum\": 100.0},\n"
        " \"step\": {\"multipleOf\": 0.25}}}");
    check_one(f, s, "{\"year\": 1999}", "'year' must be at least 2000", 1, 10);
    check_one(f, s, "{\"year\": 10001}", "'year' must be at most 1e4", 1, 10);
    check_one(f, s, "{\"pct\": 0}", "'pct' must be greater than 0", 1, 9);
    check_one(f, s, "{\"pct\": 100}", "'pct' must be less than 100.0", 1, 9);
    check_one(f, s, "{\"step\": 0.3}", "'step' must be a multiple of 0.25", 1,
              10);
    check(f, s, "{\"step\": 0.75, \"pct\": 99.5, \"year\": 10000}", true, 0);
    const schema *fine =
        add(f, "http://kehoach.invalid/fine.json", "{\"multipleOf\": 0.01}");
    check(f, fine, "19.99", true, 0);
    check(f, fine, "19.991", false, 1);
}

static void test_array_messages(void **state)
{
    fixture *f = *state;
    const schema *s = add(
        f, URI,
        "{\"properties\": {\n"
        " \"a\": {\"minItems\": 1},\n"
        " \"b\": {\"minItems\": 2, \"maxItems\": 3},\n"
        " \"c\": {\"maxItems\": 1},\n"
        " \"d\": {\"uniqueItems\": true},\n"
        " \"e\": {\"contains\": {\"type\": \"string\"}},\n"
        " \"f\": {\"items\": [{\"type\": \"string\"}], \"additionalItems\": false}}}");
    check_one(f, s, "{\"a\": []}", "'a' must not be empty", 1, 7);
    check_one(f, s, "{\"b\": [1]}", "'b' must have at least 2 items", 1, 7);
    check_one(f, s, "{\"b\": [1, 2, 3, 4]}",
              "'b' must have at most 3 items, not 4", 1, 7);
    check_one(f, s, "{\"c\": [1, 2]}", "'c' must have at most 1 item, not 2", 1,
              7);
    check(f, s, "{\"d\": [1, \"x\", 1.0, {\"a\": [1]}, \"x\", {\"a\": [1]}]}",
          false, 3);
    expect(f, 0, "item 3 of 'd' repeats item 1", 1, 16);
    expect(f, 1, "item 5 of 'd' repeats item 2", 1, 33);
    expect(f, 2, "item 6 of 'd' repeats item 4", 1, 38);
    check_one(f, s, "{\"e\": [1, 2]}", "'e' has no item of the required kind",
              1, 7);
    check_one(f, s, "{\"f\": [\"x\", 2]}", "item 2 of 'f' is not allowed here",
              1, 13);
}

static void test_object_messages(void **state)
{
    fixture *f = *state;
    const schema *s =
        add(f, URI,
            "{\"properties\": {\n"
            " \"a\": {\"minProperties\": 2},\n"
            " \"b\": {\"maxProperties\": 1},\n"
            " \"c\": {\"dependencies\": {\"from\": [\"to\", \"unit\"],"
            " \"every\": {\"required\": [\"by\"]}}},\n"
            " \"d\": {\"propertyNames\": {\"maxLength\": 3}},\n"
            " \"e\": {\"properties\": {\"gone\": false}}}}");
    check_one(f, s, "{\"a\": {\"x\": 1}}", "'a' must have at least 2 keys", 1,
              7);
    check_one(f, s, "{\"b\": {\"x\": 1, \"y\": 2}}",
              "'b' must have at most 1 key", 1, 7);
    check(f, s, "{\"c\": {\"from\": 1, \"every\": 2}}", false, 3);
    expect(f, 0, "key 'from' requires key 'to'", 1, 7);
    expect(f, 1, "key 'from' requires key 'unit'", 1, 7);
    expect(f, 2, "missing required key 'by'", 1, 7);
    check(f, s, "{\"d\": {\"abc\": 1, \"long\": 2, \"longer\": 3}}", false, 2);
    expect(f, 0, "key 'long' is not an allowed name", 1, 18);
    expect(f, 1, "key 'longer' is not an allowed name", 1, 29);
    check_one(f, s, "{\"e\": {\"gone\": 1}}", "'gone' is not allowed here", 1,
              16);
}

static void test_large_object_required(void **state)
{
    fixture *f = *state;
    const schema *s = add(f, URI,
                          "{\"required\": [\"k0\", \"k999\", \"k1000\"],"
                          " \"dependencies\": {\"k5\": [\"k6\", \"nope\"]}}");
    strbuf text = STRBUF_INIT;
    strbuf_putc(&text, '{');
    for (int i = 0; i < 1000; i++)
        strbuf_printf(&text, "%s\"k%d\": %d", i ? ", " : "", i, i);
    strbuf_putc(&text, '}');
    check(f, s, strbuf_str(&text), false, 2);
    expect(f, 0, "missing required key 'k1000'", 1, 1);
    expect(f, 1, "key 'k5' requires key 'nope'", 1, 1);
    strbuf_release(&text);
}

static void test_not_and_false(void **state)
{
    fixture *f = *state;
    const schema *s = add(f, URI,
                          "{\"properties\": {\"a\": {\"not\": "
                          "{\"type\": \"string\"}}, \"b\": false}}");
    check_one(f, s, "{\"a\": \"x\"}", "'a' has a form that is not allowed here",
              1, 7);
    check_one(f, s, "{\"b\": null}", "'b' is not allowed here", 1, 7);
    const schema *none = add(f, "http://kehoach.invalid/none.json", "false");
    check_one(f, none, "1", "the document is not allowed here", 1, 1);
}

#define SPAN_SCHEMA(combinator)                                       \
    "{\"properties\": {\"year\": {\"title\": \"Năm kế hoạch\"}," \
    " \"span\": {\"title\": \"Giai đoạn\"}},"                      \
    " \"" combinator                                                  \
    "\": [{\"required\": [\"year\"], \"$comment\": \"one year\"},"    \
    " {\"required\": [\"span\"]}]}"

static void test_required_only_branches(void **state)
{
    fixture *f = *state;
    const schema *any = add(f, URI, SPAN_SCHEMA("anyOf"));
    check_one(f, any, "{\"x\": 1}",
              "missing required key: one of 'year' (Năm kế hoạch), 'span' "
              "(Giai đoạn)",
              1, 1);
    check(f, any, "{\"year\": 1, \"span\": 2}", true, 0);
    const schema *one =
        add(f, "http://kehoach.invalid/one.json", SPAN_SCHEMA("oneOf"));
    check_one(f, one, "{}",
              "missing required key: one of 'year' (Năm kế hoạch), 'span' "
              "(Giai đoạn)",
              1, 1);
    check_one(f, one, "{\"span\": 1, \"year\": 2}",
              "only one of 'year', 'span' may be given", 1, 1);
    check(f, one, "{\"span\": 1}", true, 0);
    /* not a mapping: only the type is wrong, whatever the branches say */
    const schema *typed =
        add(f, "http://kehoach.invalid/typed.json",
            "{\"type\": \"object\", \"oneOf\": [{\"required\": [\"a\"]}, "
            "{\"required\": [\"b\"]}]}");
    check_one(f, typed, "[]",
              "the document must be a group of 'key: value' lines, not a "
              "list",
              1, 1);
    const schema *untyped =
        add(f, "http://kehoach.invalid/untyped.json",
            "{\"oneOf\": [{\"required\": [\"a\"]}, {\"required\": [\"b\"]}]}");
    check_one(f, untyped, "7",
              "the document matches more than one of the "
              "allowed forms",
              1, 1);
}

static void test_branch_explanations(void **state)
{
    fixture *f = *state;
    const schema *s = add(
        f, URI,
        "{\"properties\": {\n"
        " \"time\": {\"anyOf\": [{\"type\": \"string\", \"minLength\": 4},\n"
        "                    {\"type\": \"object\", \"required\": [\"from\", \"to\"]},\n"
        "                    {\"type\": \"object\", \"required\": [\"by\"]}]},\n"
        " \"when\": {\"oneOf\": [{\"type\": \"integer\"}, {\"minimum\": 0}]},\n"
        " \"kind\": {\"oneOf\": [{\"type\": \"string\"}, {\"type\": \"array\"}]}}}");
    /* the branch with the fewest errors speaks */
    check_one(f, s, "{\"time\": {}}", "missing required key 'by'", 1, 10);
    check_one(f, s, "{\"time\": \"Q1\"}",
              "'time' must be at least 4 characters long", 1, 10);
    /* every branch failing on type: one message with the union of types */
    check_one(f, s, "{\"time\": 5}",
              "'time' must be text or a group of 'key: value' lines, not a "
              "whole number; to write "
              "it as text, put it in quotes: \"5\"",
              1, 10);
    check_one(f, s, "{\"kind\": null}",
              "'kind' must be text or a list, not "
              "empty",
              1, 10);
    check_one(f, s, "{\"when\": 3}",
              "'when' matches more than one of the allowed forms", 1, 10);
    check(f, s, "{\"when\": -3, \"time\": {\"by\": 1}, \"kind\": []}", true, 0);
}

static void test_all_problems_reported(void **state)
{
    fixture *f = *state;
    const schema *s = add(
        f, URI,
        "{\"type\": \"object\", \"required\": [\"a\"],"
        " \"allOf\": [{\"required\": [\"b\"]}],"
        " \"if\": {\"required\": [\"c\"]}, \"then\": {\"required\": [\"d\"]},"
        " \"else\": {\"required\": [\"e\"]},"
        " \"properties\": {\"n\": {\"type\": \"integer\", \"minimum\": 5}}}");
    check(f, s, "{\"n\": 1.5}", false, 5);
    check(f, s, "{\"c\": 1, \"n\": 7}", false, 3);
    expect(f, 0, "missing required key 'a'", 1, 1);
    expect(f, 1, "missing required key 'b'", 1, 1);
    expect(f, 2, "missing required key 'd'", 1, 1);
}

static void test_additional_properties_schema(void **state)
{
    fixture *f = *state;
    const schema *s = add(f, URI,
                          "{\"properties\": {\"a\": {}},"
                          " \"additionalProperties\": {\"type\": \"integer\","
                          " \"title\": \"Số liệu\"}}");
    check(f, s, "{\"a\": \"x\", \"b\": 1}", true, 0);
    check_one(f, s, "{\"a\": \"x\", \"b\": \"1\"}",
              "'b' (Số liệu) must be a whole number, not text", 1, 17);
}

static void test_titles(void **state)
{
    fixture *f = *state;
    const schema *s =
        add(f, URI,
            "{\"$ref\": \"#/definitions/plan\",\n"
            " \"definitions\": {\n"
            "  \"plan\": {\"allOf\": [{\"$ref\": \"#/definitions/base\"}],\n"
            "           \"properties\": {\"lead\": {\"title\": \"Chủ trì\","
            " \"$ref\": \"#/definitions/unit\"}}},\n"
            "  \"base\": {\"properties\": {\"year\": {\"title\": \"Năm\"},"
            " \"lead\": {\"type\": \"string\"}}, \"required\": [\"year\"]},\n"
            "  \"unit\": {\"title\": \"Đơn vị\", \"type\": \"string\"}}}");
    assert_string_equal(schema_property_title(s, "year"), "Năm");
    /* a title beside "$ref" names the property before the target's title */
    assert_string_equal(schema_property_title(s, "lead"), "Chủ trì");
    /* the base schema's "lead" has no title: the plan's names it; and the
     * problem found by both is said once */
    check(f, s, "{\"lead\": 1}", false, 2);
    expect(f, 0, "missing required key 'year' (Năm)", 1, 1);
    expect(f, 1,
           "'lead' (Chủ trì) must be text, not a whole number; to write it "
           "as text, put it in quotes: \"1\"",
           1, 10);
}

static void test_relative_uri_refused(void **state)
{
    fixture *f = *state;
    diag_clear(f->d);
    const node *doc = parse(f, "schema.json", "{}");
    assert_false(schema_set_add(f->set, "plan.schema.json", doc, f->d));
    assert_string_equal(diag_get(f->d, 0)->message,
                        "a schema must be registered under an absolute URI, "
                        "not 'plan.schema.json'");
    assert_null(schema_set_lookup(f->set, "plan.schema.json"));
    assert_null(schema_set_lookup(f->set, "http://nowhere.invalid/x.json"));
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_unknown_keywords),
        T(test_bad_keyword_values),
        T(test_values_not_compiled),
        T(test_invalid_regex),
        T(test_cross_file_ref),
        T(test_id_scoping),
        T(test_ref_ignores_siblings),
        T(test_meta_schema),
        T(test_recursion_guard),
        T(test_deep_recursive_data),
        T(test_type_messages),
        T(test_required_and_unknown_keys),
        T(test_empty_member_value_at_key),
        T(test_enum_and_const),
        T(test_string_messages),
        T(test_pattern_messages),
        T(test_number_messages),
        T(test_array_messages),
        T(test_object_messages),
        T(test_large_object_required),
        T(test_not_and_false),
        T(test_required_only_branches),
        T(test_branch_explanations),
        T(test_all_problems_reported),
        T(test_additional_properties_schema),
        T(test_titles),
        T(test_relative_uri_refused),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
