/* schema_compile.c - a JSON Schema document compiled into `schema`
 * structs (see schema_internal.h).
 *
 * Every keyword's value is checked for its shape and turned into a ready
 * form (numbers, type bits, hash tables of property names, compiled regular
 * expressions), and every subschema is registered in its set by its node
 * and by its canonical URIs ("$id"), so that a "$ref" becomes a plain
 * pointer as soon as its target is in the set. The one idea to know: a
 * problem is reported where it is and compiling goes on, so one pass names
 * every problem of a schema; a schema with problems is still a tree, but
 * the caller refuses it. */
#include "schema_internal.h"

#include "uri.h"
#include "vntext.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The names "type" takes, by json_type. */
static const char *const type_keyword_names[JT_COUNT] = {
    "null", "boolean", "integer", "number", "string", "array", "object",
};

/* ---- keywords ----------------------------------------------------------- */

typedef enum keyword {
    KW_SCHEMA,
    KW_ID,
    KW_REF,
    KW_COMMENT,
    KW_TITLE,
    KW_DESCRIPTION,
    KW_DEFAULT,
    KW_READ_ONLY,
    KW_WRITE_ONLY,
    KW_EXAMPLES,
    KW_MULTIPLE_OF,
    KW_MAXIMUM,
    KW_EXCLUSIVE_MAXIMUM,
    KW_MINIMUM,
    KW_EXCLUSIVE_MINIMUM,
    KW_MAX_LENGTH,
    KW_MIN_LENGTH,
    KW_PATTERN,
    KW_ADDITIONAL_ITEMS,
    KW_ITEMS,
    KW_MAX_ITEMS,
    KW_MIN_ITEMS,
    KW_UNIQUE_ITEMS,
    KW_CONTAINS,
    KW_MAX_PROPERTIES,
    KW_MIN_PROPERTIES,
    KW_REQUIRED,
    KW_ADDITIONAL_PROPERTIES,
    KW_DEFINITIONS,
    KW_PROPERTIES,
    KW_PATTERN_PROPERTIES,
    KW_DEPENDENCIES,
    KW_PROPERTY_NAMES,
    KW_CONST,
    KW_ENUM,
    KW_TYPE,
    KW_FORMAT,
    KW_CONTENT_MEDIA_TYPE,
    KW_CONTENT_ENCODING,
    KW_IF,
    KW_THEN,
    KW_ELSE,
    KW_ALL_OF,
    KW_ANY_OF,
    KW_ONE_OF,
    KW_NOT,
    KW_COUNT,
    KW_UNKNOWN = KW_COUNT
} keyword;

static const char *const keyword_names[KW_COUNT] = {
    "$schema",
    "$id",
    "$ref",
    "$comment",
    "title",
    "description",
    "default",
    "readOnly",
    "writeOnly",
    "examples",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "additionalItems",
    "items",
    "maxItems",
    "minItems",
    "uniqueItems",
    "contains",
    "maxProperties",
    "minProperties",
    "required",
    "additionalProperties",
    "definitions",
    "properties",
    "patternProperties",
    "dependencies",
    "propertyNames",
    "const",
    "enum",
    "type",
    "format",
    "contentMediaType",
    "contentEncoding",
    "if",
    "then",
    "else",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
};

/* Keywords of later drafts, named as such when a schema uses them. */
static const char *const later_draft_keywords[] = {
    "$anchor",           "$dynamicAnchor",        "$dynamicRef",
    "$recursiveAnchor",  "$recursiveRef",         "$vocabulary",
    "dependentRequired", "dependentSchemas",      "prefixItems",
    "unevaluatedItems",  "unevaluatedProperties", "minContains",
    "maxContains",       "contentSchema",         "deprecated",
};

static keyword keyword_of(const char *key, size_t len)
{
    for (size_t i = 0; i < KW_COUNT; i++)
        if (strlen(keyword_names[i]) == len &&
            memcmp(keyword_names[i], key, len) == 0)
            return (keyword)i;
    return KW_UNKNOWN;
}

/* Keywords a schema may carry and still count as "required" only. */
static bool is_annotation(keyword k)
{
    return k == KW_COMMENT || k == KW_TITLE || k == KW_DESCRIPTION ||
           k == KW_DEFAULT || k == KW_EXAMPLES || k == KW_READ_ONLY ||
           k == KW_WRITE_ONLY;
}

/* ---- compiling ---------------------------------------------------------- */

typedef struct compiler {
    schema_set *set;
    diag_sink *d;
    bool ok;
} compiler;

static void schema_compile_error_at(compiler *cc, const source *src, srcpos pos,
                                    size_t span, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void schema_compile_error_at(compiler *cc, const source *src, srcpos pos,
                                    size_t span, const char *fmt, ...)
{
    cc->ok = false;
    va_list ap;
    va_start(ap, fmt);
    diag_vat(cc->d, DIAG_ERROR, src, pos, span, fmt, ap);
    va_end(ap);
}

#define schema_compile_error(cc, n, ...) \
    schema_compile_error_at((cc), (n)->src, (n)->pos, (n)->span, __VA_ARGS__)

#define schema_compile_error_at_key(cc, obj, m, ...)                       \
    schema_compile_error_at((cc), (obj)->src, (m)->key_pos, (m)->key_span, \
                            __VA_ARGS__)

static bool is_schema_node(const node *n)
{
    return n->kind == NODE_OBJECT || n->kind == NODE_BOOL;
}

/* Registers s under an absolute URI (a resource, or "uri#name"). */
static void register_uri(compiler *cc, const char *uri, schema *s,
                         const node *where)
{
    char *key = arena_strdup(cc->set->a, uri);
    if (strmap_put(cc->set->a, &cc->set->by_uri, key, strlen(key), s) != s)
        schema_compile_error(cc, where,
                             "the URI '%s' is already used by another "
                             "schema",
                             uri);
}

static regex *compile_regex(compiler *cc, const char *pattern, size_t len,
                            const char *keyword_name, const source *src,
                            srcpos pos, size_t span)
{
    strbuf err = STRBUF_INIT;
    regex *re = regex_compile(pattern, len, NULL, &err);
    if (re) {
        schema_set_remember_regex(cc->set, re);
        return re;
    }
    schema_compile_error_at(cc, src, pos, span,
                            "invalid regular expression in '%s': %s",
                            keyword_name, strbuf_str(&err));
    strbuf_release(&err);
    return NULL;
}

static schema *compile_schema(compiler *cc, const node *n, const char *base);

/* A keyword whose value is one schema. */
static schema *compile_subschema(compiler *cc, const char *kw, const node *n,
                                 const char *base)
{
    if (!is_schema_node(n)) {
        /* TRANSLATORS: the last %s is a kind of value ("text", "a list") */
        schema_compile_error(cc, n,
                             "'%s' must be a schema (a mapping, or true or "
                             "false), not %s",
                             kw, schema_message_type_phrase(n));
        return NULL;
    }
    return compile_schema(cc, n, base);
}

/* A keyword whose value is a list of schemas. */
static schema_list compile_schema_list(compiler *cc, const char *kw,
                                       const node *n, const char *base,
                                       bool allow_empty)
{
    schema_list l = {0};
    if (n->kind != NODE_ARRAY || (!allow_empty && n->u.array.count == 0)) {
        if (allow_empty)
            schema_compile_error(cc, n, "'%s' must be a list of schemas", kw);
        else
            schema_compile_error(cc, n,
                                 "'%s' must be a non-empty list of schemas",
                                 kw);
        return l;
    }
    l.items =
        arena_alloc(cc->set->a, (n->u.array.count + 1) * sizeof(schema *));
    for (size_t i = 0; i < n->u.array.count; i++) {
        const node *item = n->u.array.items[i];
        if (!is_schema_node(item)) {
            /* TRANSLATORS: the last %s is a kind of value ("text") */
            schema_compile_error(cc, item,
                                 "'%s' must be a list of schemas; item %zu "
                                 "is %s",
                                 kw, i + 1, schema_message_type_phrase(item));
            continue;
        }
        l.items[l.count++] = compile_schema(cc, item, base);
    }
    return l;
}

/* A keyword whose value maps names to schemas. */
static named_schema *compile_schema_map(compiler *cc, const char *kw,
                                        const node *n, const char *base,
                                        size_t *count)
{
    *count = 0;
    if (n->kind != NODE_OBJECT) {
        schema_compile_error(cc, n,
                             "'%s' must be a mapping of names to schemas", kw);
        return NULL;
    }
    named_schema *out =
        arena_alloc(cc->set->a, (n->u.object.count + 1) * sizeof *out);
    for (size_t i = 0; i < n->u.object.count; i++) {
        const node_member *m = &n->u.object.members[i];
        if (!is_schema_node(m->value)) {
            /* TRANSLATORS: the last %s is a kind of value ("text") */
            schema_compile_error(cc, m->value,
                                 "'%s' must map each name to a schema "
                                 "(a mapping, or true or false); '%s' "
                                 "is %s",
                                 kw, m->key,
                                 schema_message_type_phrase(m->value));
            continue;
        }
        out[*count] = (named_schema){m->key, m->key_len,
                                     compile_schema(cc, m->value, base)};
        (*count)++;
    }
    return out;
}

static bool is_non_negative_integer(const node *n)
{
    return n->kind == NODE_NUMBER && node_is_integer(n) &&
           n->u.number.value >= 0;
}

static size_t count_value(const node *n)
{
    double v = n->u.number.value;
    return v >= 18446744073709551615.0 ? SIZE_MAX : (size_t)v;
}

/* "minLength" and friends. Stores the count or leaves *out alone. */
static void compile_count(compiler *cc, const char *kw, const node *n,
                          size_t *out)
{
    if (!is_non_negative_integer(n)) {
        schema_compile_error(cc, n, "'%s' must be a non-negative whole number",
                             kw);
        return;
    }
    *out = count_value(n);
}

static const node *compile_number(compiler *cc, const char *kw, const node *n)
{
    if (n->kind != NODE_NUMBER) {
        schema_compile_error(cc, n, "'%s' must be a number", kw);
        return NULL;
    }
    return n;
}

static bool compile_string_value(compiler *cc, const char *kw, const node *n)
{
    if (n->kind != NODE_STRING) {
        schema_compile_error(cc, n, "'%s' must be text", kw);
        return false;
    }
    return true;
}

/* True when n is a list of unique strings (reporting it when not). */
static bool check_string_list(compiler *cc, const char *kw, const node *n)
{
    if (n->kind != NODE_ARRAY) {
        schema_compile_error(cc, n, "'%s' must be a list of unique strings",
                             kw);
        return false;
    }
    strmap seen = {0};
    arena *scratch = arena_new();
    bool ok = true;
    for (size_t i = 0; i < n->u.array.count; i++) {
        const node *item = n->u.array.items[i];
        if (item->kind != NODE_STRING) {
            /* TRANSLATORS: the last %s is a kind of value ("a number") */
            schema_compile_error(cc, item,
                                 "'%s' must be a list of unique strings; "
                                 "item %zu is %s",
                                 kw, i + 1, schema_message_type_phrase(item));
            ok = false;
        } else if (strmap_put(scratch, &seen, item->u.string.s,
                              item->u.string.len, (void *)item) != item) {
            schema_compile_error(cc, item,
                                 "'%s' must be a list of unique strings; "
                                 "'%s' is given twice",
                                 kw, item->u.string.s);
            ok = false;
        }
    }
    arena_free(scratch);
    return ok;
}

static void compile_type(compiler *cc, schema *s, const node *n)
{
    const node *single = n;
    size_t count = 1;
    if (n->kind == NODE_ARRAY) {
        count = n->u.array.count;
        if (!count) {
            schema_compile_error(cc, n, "'type' must not be an empty list");
            return;
        }
    }
    for (size_t i = 0; i < count; i++) {
        const node *t = n->kind == NODE_ARRAY ? n->u.array.items[i] : single;
        if (t->kind != NODE_STRING) {
            /* TRANSLATORS: the last %s is a kind of value ("a number") */
            schema_compile_error(cc, t,
                                 "'type' must be a type name or a list of "
                                 "type names, not %s",
                                 schema_message_type_phrase(t));
            continue;
        }
        size_t k = 0;
        while (k < JT_COUNT &&
               strcmp(type_keyword_names[k], t->u.string.s) != 0)
            k++;
        if (k == JT_COUNT) {
            long hint =
                vntext_suggest(t->u.string.s, type_keyword_names, JT_COUNT);
            if (hint >= 0)
                schema_compile_error(cc, t,
                                     "unknown type '%s'; did you mean '%s'?",
                                     t->u.string.s, type_keyword_names[hint]);
            else
                schema_compile_error(cc, t,
                                     "unknown type '%s'; the types are "
                                     "'array', 'boolean', 'integer', 'null', "
                                     "'number', 'object' and 'string'",
                                     t->u.string.s);
            continue;
        }
        if (s->type_mask & 1u << k) {
            schema_compile_error(cc, t, "'type' names '%s' twice",
                                 t->u.string.s);
            continue;
        }
        s->type_mask |= 1u << k;
        schema_types_add(&s->types, (json_type)k);
    }
}

static void compile_enum(compiler *cc, schema *s, const node *n)
{
    if (n->kind != NODE_ARRAY) {
        schema_compile_error(cc, n, "'enum' must be a list");
        return;
    }
    s->enum_values = n;
    s->enum_strings =
        arena_alloc(cc->set->a, (n->u.array.count + 1) * sizeof(char *));
    for (size_t i = 0; i < n->u.array.count; i++)
        if (n->u.array.items[i]->kind == NODE_STRING)
            s->enum_strings[s->enum_string_count++] =
                n->u.array.items[i]->u.string.s;
}

static void compile_properties(compiler *cc, schema *s, const node *n,
                               const char *base)
{
    s->properties =
        compile_schema_map(cc, "properties", n, base, &s->property_count);
    s->property_names =
        arena_alloc(cc->set->a, (s->property_count + 1) * sizeof(char *));
    for (size_t i = 0; i < s->property_count; i++) {
        named_schema *p = &s->properties[i];
        strmap_put(cc->set->a, &s->property_index, p->name, p->len, p);
        s->property_names[i] = p->name;
    }
}

static void compile_pattern_properties(compiler *cc, schema *s, const node *n,
                                       const char *base)
{
    size_t count;
    named_schema *map =
        compile_schema_map(cc, "patternProperties", n, base, &count);
    if (!map)
        return;
    s->pattern_properties =
        arena_alloc(cc->set->a, (count + 1) * sizeof(pattern_schema));
    for (size_t i = 0; i < count; i++) {
        const node_member *m = node_member_get(n, map[i].name);
        regex *re = compile_regex(cc, m->key, m->key_len, "patternProperties",
                                  n->src, m->key_pos, m->key_span);
        if (re)
            s->pattern_properties[s->pattern_count++] =
                (pattern_schema){m->key, re, map[i].s};
    }
}

static void compile_dependencies(compiler *cc, schema *s, const node *n,
                                 const char *base)
{
    if (n->kind != NODE_OBJECT) {
        schema_compile_error(cc, n, "'dependencies' must be a mapping");
        return;
    }
    s->dependencies =
        arena_alloc(cc->set->a, (n->u.object.count + 1) * sizeof(dependency));
    for (size_t i = 0; i < n->u.object.count; i++) {
        const node_member *m = &n->u.object.members[i];
        dependency dep = {m->key, m->key_len, NULL, NULL};
        if (m->value->kind == NODE_ARRAY) {
            if (!check_string_list(cc, "dependencies", m->value))
                continue;
            dep.keys = m->value;
        } else if (is_schema_node(m->value)) {
            dep.s = compile_schema(cc, m->value, base);
        } else {
            schema_compile_error(cc, m->value,
                                 "'dependencies' must map each key to "
                                 "a schema or a list of unique strings");
            continue;
        }
        s->dependencies[s->dependency_count++] = dep;
    }
}

static void compile_items(compiler *cc, schema *s, const node *n,
                          const char *base)
{
    if (n->kind == NODE_ARRAY) {
        s->items_is_list = true;
        s->item_list = compile_schema_list(cc, "items", n, base, true);
    } else if (is_schema_node(n)) {
        s->items = compile_schema(cc, n, base);
    } else {
        schema_compile_error(cc, n,
                             "'items' must be a schema or a list of schemas");
    }
}

static bool names_draft07(const char *uri)
{
    static const char *const accepted[] = {
        "http://json-schema.org/draft-07/schema",
        "http://json-schema.org/draft-07/schema#",
        "https://json-schema.org/draft-07/schema",
        "https://json-schema.org/draft-07/schema#",
    };
    for (size_t i = 0; i < sizeof accepted / sizeof *accepted; i++)
        if (strcmp(uri, accepted[i]) == 0)
            return true;
    return false;
}

static void refuse_unknown_keyword(compiler *cc, const node *obj,
                                   const node_member *m)
{
    if (strcmp(m->key, "$defs") == 0) {
        schema_compile_error_at_key(cc, obj, m,
                                    "'$defs' is not a draft-07 keyword; "
                                    "draft-07 uses 'definitions'");
        return;
    }
    if (strcmp(m->key, "id") == 0) {
        schema_compile_error_at_key(cc, obj, m,
                                    "'id' is not a draft-07 keyword; "
                                    "draft-07 uses '$id'");
        return;
    }
    for (size_t i = 0;
         i < sizeof later_draft_keywords / sizeof *later_draft_keywords; i++) {
        if (strcmp(m->key, later_draft_keywords[i]) == 0) {
            schema_compile_error_at_key(cc, obj, m,
                                        "'%s' is not a draft-07 keyword "
                                        "(it belongs to a later draft)",
                                        m->key);
            return;
        }
    }
    long hint = vntext_suggest(m->key, keyword_names, KW_COUNT);
    if (hint >= 0)
        schema_compile_error_at_key(cc, obj, m,
                                    "unknown schema keyword '%s'; did "
                                    "you mean '%s'?",
                                    m->key, keyword_names[hint]);
    else
        schema_compile_error_at_key(cc, obj, m, "unknown schema keyword '%s'",
                                    m->key);
}

/* Applies "$id" (unless a "$ref" beside it makes it ignored): registers
 * the schema and returns the base URI for its subschemas. */
static const char *apply_id(compiler *cc, schema *s, const node *id,
                            const char *base, bool has_ref)
{
    if (id->kind != NODE_STRING || has_ref)
        return base;
    char *resolved = uri_resolve(base, id->u.string.s);
    size_t hash = uri_fragment_start(resolved);
    const char *fragment = resolved[hash] ? resolved + hash + 1 : "";
    const char *result = base;
    if (fragment[0] == '/') {
        schema_compile_error(cc, id,
                             "'$id' must not hold a JSON pointer fragment");
    } else {
        char *resource = arena_strndup(cc->set->a, resolved, hash);
        if (strcmp(resource, base) != 0 || id->u.string.s[0] != '#')
            register_uri(cc, resource, s, id);
        if (fragment[0])
            register_uri(cc, resolved, s, id);
        result = resource;
    }
    free(resolved);
    return result;
}

static void compile_ref(compiler *cc, schema *s, const node *ref,
                        const char *base)
{
    char *target = uri_resolve(base, ref->u.string.s);
    s->ref_node = ref;
    s->ref_uri = arena_strdup(cc->set->a, target);
    free(target);
    schema_set_remember_ref(cc->set, s);
}

static void compile_keyword(compiler *cc, schema *s, keyword kw, const node *v,
                            const char *base)
{
    const char *name = keyword_names[kw];
    switch (kw) {
    case KW_SCHEMA:
        if (compile_string_value(cc, name, v) && !names_draft07(v->u.string.s))
            schema_compile_error(cc, v,
                                 "'$schema' names '%s'; kehoach reads "
                                 "draft-07 schemas only (%s#)",
                                 v->u.string.s, DRAFT07_URI);
        break;
    case KW_ID:
    case KW_COMMENT:
    case KW_DESCRIPTION:
    case KW_FORMAT:
    case KW_CONTENT_MEDIA_TYPE:
    case KW_CONTENT_ENCODING:
        compile_string_value(cc, name, v);
        break;
    case KW_REF:
        if (compile_string_value(cc, name, v))
            compile_ref(cc, s, v, base);
        break;
    case KW_TITLE:
        if (compile_string_value(cc, name, v))
            s->title = v->u.string.s;
        break;
    case KW_DEFAULT:
        break;
    case KW_CONST:
        s->const_value = v;
        break;
    case KW_READ_ONLY:
    case KW_WRITE_ONLY:
    case KW_UNIQUE_ITEMS:
        if (v->kind != NODE_BOOL)
            schema_compile_error(cc, v, "'%s' must be true or false", name);
        else if (kw == KW_UNIQUE_ITEMS)
            s->unique_items = v->u.boolean;
        break;
    case KW_EXAMPLES:
        if (v->kind != NODE_ARRAY)
            schema_compile_error(cc, v, "'examples' must be a list");
        else
            s->examples = v;
        break;
    case KW_MULTIPLE_OF:
        if (v->kind != NODE_NUMBER || !(v->u.number.value > 0))
            schema_compile_error(cc, v,
                                 "'multipleOf' must be a number greater "
                                 "than 0");
        else
            s->multiple_of = v;
        break;
    case KW_MAXIMUM:
        s->maximum = compile_number(cc, name, v);
        break;
    case KW_EXCLUSIVE_MAXIMUM:
        s->exclusive_maximum = compile_number(cc, name, v);
        break;
    case KW_MINIMUM:
        s->minimum = compile_number(cc, name, v);
        break;
    case KW_EXCLUSIVE_MINIMUM:
        s->exclusive_minimum = compile_number(cc, name, v);
        break;
    case KW_MAX_LENGTH:
        compile_count(cc, name, v, &s->max_length);
        break;
    case KW_MIN_LENGTH:
        compile_count(cc, name, v, &s->min_length);
        break;
    case KW_MAX_ITEMS:
        compile_count(cc, name, v, &s->max_items);
        break;
    case KW_MIN_ITEMS:
        compile_count(cc, name, v, &s->min_items);
        break;
    case KW_MAX_PROPERTIES:
        compile_count(cc, name, v, &s->max_properties);
        break;
    case KW_MIN_PROPERTIES:
        compile_count(cc, name, v, &s->min_properties);
        break;
    case KW_PATTERN:
        if (compile_string_value(cc, name, v)) {
            s->pattern = v;
            s->pattern_re = compile_regex(cc, v->u.string.s, v->u.string.len,
                                          name, v->src, v->pos, v->span);
        }
        break;
    case KW_ADDITIONAL_ITEMS:
        s->additional_items = compile_subschema(cc, name, v, base);
        break;
    case KW_ITEMS:
        compile_items(cc, s, v, base);
        break;
    case KW_CONTAINS:
        s->contains = compile_subschema(cc, name, v, base);
        break;
    case KW_REQUIRED:
        if (check_string_list(cc, name, v))
            s->required = v;
        break;
    case KW_ADDITIONAL_PROPERTIES:
        s->additional_properties = compile_subschema(cc, name, v, base);
        break;
    case KW_DEFINITIONS: {
        size_t count;
        compile_schema_map(cc, name, v, base, &count);
        break;
    }
    case KW_PROPERTIES:
        compile_properties(cc, s, v, base);
        break;
    case KW_PATTERN_PROPERTIES:
        compile_pattern_properties(cc, s, v, base);
        break;
    case KW_DEPENDENCIES:
        compile_dependencies(cc, s, v, base);
        break;
    case KW_PROPERTY_NAMES:
        s->property_names_schema = compile_subschema(cc, name, v, base);
        break;
    case KW_ENUM:
        compile_enum(cc, s, v);
        break;
    case KW_TYPE:
        compile_type(cc, s, v);
        break;
    case KW_IF:
        s->if_schema = compile_subschema(cc, name, v, base);
        break;
    case KW_THEN:
        s->then_schema = compile_subschema(cc, name, v, base);
        break;
    case KW_ELSE:
        s->else_schema = compile_subschema(cc, name, v, base);
        break;
    case KW_ALL_OF:
        s->all_of = compile_schema_list(cc, name, v, base, false);
        break;
    case KW_ANY_OF:
        s->any_of = compile_schema_list(cc, name, v, base, false);
        break;
    case KW_ONE_OF:
        s->one_of = compile_schema_list(cc, name, v, base, false);
        break;
    case KW_NOT:
        s->not_schema = compile_subschema(cc, name, v, base);
        break;
    case KW_COUNT:
        break;
    }
}

static bool all_required_only(const schema_list *l)
{
    if (!l->count)
        return false;
    for (size_t i = 0; i < l->count; i++)
        if (!l->items[i] || !l->items[i]->required_only)
            return false;
    return true;
}

static schema *compile_schema(compiler *cc, const node *n, const char *base)
{
    schema *s = arena_alloc(cc->set->a, sizeof *s);
    s->source_node = n;
    s->max_length = s->max_items = s->max_properties = SIZE_MAX;
    schema_set_remember_node(cc->set, n, s);
    if (n->kind == NODE_BOOL) {
        s->is_boolean = true;
        s->accepts = n->u.boolean;
        return s;
    }
    if (n->kind != NODE_OBJECT) {
        /* TRANSLATORS: the last %s is a kind of value ("text") */
        schema_compile_error(cc, n,
                             "a schema must be a mapping, or true or false, "
                             "not %s",
                             schema_message_type_phrase(n));
        s->is_boolean = s->accepts = true;
        return s;
    }
    const node *id = node_get(n, "$id");
    bool has_ref = node_get(n, "$ref") != NULL;
    const char *inner_base = id ? apply_id(cc, s, id, base, has_ref) : base;
    bool required_only = node_get(n, "required") != NULL;
    for (size_t i = 0; i < n->u.object.count; i++) {
        const node_member *m = &n->u.object.members[i];
        keyword kw = keyword_of(m->key, m->key_len);
        if (kw == KW_UNKNOWN) {
            refuse_unknown_keyword(cc, n, m);
            continue;
        }
        if (kw != KW_REQUIRED && !is_annotation(kw))
            required_only = false;
        /* "$ref" is resolved against the base outside a sibling "$id" */
        compile_keyword(cc, s, kw, m->value, kw == KW_REF ? base : inner_base);
    }
    s->required_only = required_only && s->required;
    s->any_of_required_only = all_required_only(&s->any_of);
    s->one_of_required_only = all_required_only(&s->one_of);
    return s;
}

bool schema_compile_document(schema_set *set, const node *doc, const char *base,
                             diag_sink *d)
{
    compiler cc = {set, d, true};
    schema *root = compile_schema(&cc, doc, base);
    register_uri(&cc, base, root, doc);
    return cc.ok;
}
