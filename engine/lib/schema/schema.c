/* schema.c - JSON Schema draft-07: compile once, validate many (see
 * schema.h).
 *
 * Compiling turns a schema document into a tree of `schema` structs: every
 * keyword's value is checked for its shape and turned into a ready form
 * (numbers, type bits, hash tables of property names, compiled regular
 * expressions), and every subschema is registered in its set by its node
 * and by its canonical URIs, so that a "$ref" becomes a plain pointer as
 * soon as its target is in the set. Everything compiled lives in the set's
 * arena; only regular expressions are owned separately.
 *
 * The one idea to know about validation: it runs in one of two modes. With
 * a diagnostic sink it reports every problem in the words of the person
 * filling in the document; without one ("quiet") it builds no message and
 * stops at the first problem, because only the verdict is wanted (inside
 * "not", "if", "contains", "propertyNames"). Branches of "anyOf" and
 * "oneOf" report into temporary sinks so that only the most useful
 * explanation reaches the user. A "$ref" that comes back to itself at the
 * same place of the instance is caught by a trail of the "$ref"s followed
 * there, so recursive schemas never loop. */
#include "schema.h"

#include "embedded.h"
#include "json.h"
#include "regex.h"
#include "strbuf.h"
#include "strmap.h"
#include "vntext.h"
#include "uri.h"
#include "utf8.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VALIDATE_MAX_DEPTH 2048   /* nested checks of one validation */
#define TITLE_MAX_HOPS 32         /* "$ref"s followed to find a title */
#define TITLE_SEARCH_DEPTH 4      /* combinator levels searched for titles */
#define ENUM_LISTED_MAX 8         /* allowed values named in a message */
#define MEMBER_INDEX_MIN 16       /* objects this large get a key index */

/* ---- hash tables ------------------------------------------------------ */

typedef struct ptrmap_slot {
    const void *key;
    void *value;
} ptrmap_slot;

/* Pointer keys to values; storage in an arena. */
typedef struct ptrmap {
    ptrmap_slot *slots;
    size_t cap, count;
} ptrmap;

static size_t hash_pointer(const void *p)
{
    uint64_t h = (uint64_t)(uintptr_t)p;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 33;
    return (size_t)h;
}

static void *ptrmap_get(const ptrmap *m, const void *key)
{
    if (!m->count)
        return NULL;
    size_t mask = m->cap - 1;
    for (size_t i = hash_pointer(key) & mask;; i = (i + 1) & mask) {
        if (!m->slots[i].key)
            return NULL;
        if (m->slots[i].key == key)
            return m->slots[i].value;
    }
}

static void ptrmap_place(ptrmap_slot *slots, size_t cap, ptrmap_slot entry)
{
    size_t i = hash_pointer(entry.key) & (cap - 1);
    while (slots[i].key)
        i = (i + 1) & (cap - 1);
    slots[i] = entry;
}

/* Adds key unless present (the first value stays). */
static void ptrmap_put(arena *a, ptrmap *m, const void *key, void *value)
{
    if (ptrmap_get(m, key))
        return;
    if ((m->count + 1) * 4 > m->cap * 3) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        ptrmap_slot *slots = arena_alloc(a, cap * sizeof *slots);
        for (size_t i = 0; i < m->cap; i++)
            if (m->slots[i].key)
                ptrmap_place(slots, cap, m->slots[i]);
        m->slots = slots;
        m->cap = cap;
    }
    ptrmap_place(m->slots, m->cap, (ptrmap_slot){key, value});
    m->count++;
}

/* ---- types -------------------------------------------------------------- */

typedef enum json_type {
    JT_NULL,
    JT_BOOLEAN,
    JT_INTEGER,
    JT_NUMBER,
    JT_STRING,
    JT_ARRAY,
    JT_OBJECT,
    JT_COUNT
} json_type;

static const char *const type_keyword_names[JT_COUNT] = {
    "null", "boolean", "integer", "number", "string", "array", "object",
};

/* How a type reads in a message. */
static const char *const type_phrases[JT_COUNT] = {
    "empty", "true or false", "a whole number", "a number", "text", "a list",
    "a mapping",
};

static json_type actual_type(const node *n)
{
    switch (n->kind) {
    case NODE_NULL: return JT_NULL;
    case NODE_BOOL: return JT_BOOLEAN;
    case NODE_NUMBER: return node_is_integer(n) ? JT_INTEGER : JT_NUMBER;
    case NODE_STRING: return JT_STRING;
    case NODE_ARRAY: return JT_ARRAY;
    case NODE_OBJECT: return JT_OBJECT;
    }
    return JT_NULL;
}

/* The type bits an instance satisfies (a whole number is also a number). */
static unsigned type_bits(const node *n)
{
    json_type t = actual_type(n);
    if (t == JT_INTEGER)
        return 1u << JT_INTEGER | 1u << JT_NUMBER;
    return 1u << t;
}

/* Type names in the order a schema wrote them. */
typedef struct type_list {
    unsigned char types[JT_COUNT];
    size_t count;
} type_list;

static void type_list_add(type_list *l, json_type t)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->types[i] == t)
            return;
    l->types[l->count++] = (unsigned char)t;
}

static void put_type_list(strbuf *out, const type_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        if (i)
            sb_puts(out, " or ");
        sb_puts(out, type_phrases[l->types[i]]);
    }
}

/* ---- compiled schemas --------------------------------------------------- */

typedef struct schema_list {
    schema **items;
    size_t count;
} schema_list;

typedef struct named_schema {
    const char *name;
    size_t len;
    schema *s;
} named_schema;

typedef struct pattern_schema {
    const char *pattern;   /* the expression, as the key writes it */
    regex *re;
    schema *s;
} pattern_schema;

typedef struct dependency {
    const char *name;
    size_t len;
    schema *s;             /* schema form, or NULL */
    const node *keys;      /* list form: string nodes */
} dependency;

struct schema {
    const node *source_node;
    bool is_boolean;           /* true or false schema */
    bool accepts;              /* its value */
    bool required_only;        /* only "required" and annotations */
    const char *title;
    const node *examples;

    const node *ref_node;      /* the "$ref" value */
    const char *ref_uri;       /* its absolute target */
    const schema *ref_target;  /* NULL until it resolves */

    const node *multiple_of, *maximum, *exclusive_maximum, *minimum,
        *exclusive_minimum;

    size_t max_length, min_length;   /* SIZE_MAX / 0: no limit */
    const node *pattern;
    regex *pattern_re;

    bool items_is_list;
    schema *items;
    schema_list item_list;
    schema *additional_items;
    size_t max_items, min_items;
    bool unique_items;
    schema *contains;

    size_t max_properties, min_properties;
    const node *required;
    named_schema *properties;
    size_t property_count;
    strmap property_index;     /* name -> named_schema */
    const char **property_names;
    pattern_schema *pattern_properties;
    size_t pattern_count;
    schema *additional_properties;
    dependency *dependencies;
    size_t dependency_count;
    schema *property_names_schema;

    const node *const_value;
    const node *enum_values;
    const char **enum_strings;  /* the string values, for suggestions */
    size_t enum_string_count;
    unsigned type_mask;         /* 0: no "type" */
    type_list types;

    schema_list all_of, any_of, one_of;
    bool any_of_required_only, one_of_required_only;
    schema *not_schema;
    schema *if_schema, *then_schema, *else_schema;
};

struct schema_set {
    arena *a;
    strmap by_uri;        /* resource URIs and "uri#name" anchors */
    ptrmap by_node;       /* schema node -> schema */
    schema **refs;        /* every schema with a "$ref" */
    size_t ref_count, ref_cap;
    regex **regexes;      /* owned */
    size_t regex_count, regex_cap;
    source *meta_source;  /* the embedded meta-schema's text */
};

/* ---- keywords ----------------------------------------------------------- */

typedef enum keyword {
    KW_SCHEMA, KW_ID, KW_REF, KW_COMMENT, KW_TITLE, KW_DESCRIPTION,
    KW_DEFAULT, KW_READ_ONLY, KW_WRITE_ONLY, KW_EXAMPLES, KW_MULTIPLE_OF,
    KW_MAXIMUM, KW_EXCLUSIVE_MAXIMUM, KW_MINIMUM, KW_EXCLUSIVE_MINIMUM,
    KW_MAX_LENGTH, KW_MIN_LENGTH, KW_PATTERN, KW_ADDITIONAL_ITEMS, KW_ITEMS,
    KW_MAX_ITEMS, KW_MIN_ITEMS, KW_UNIQUE_ITEMS, KW_CONTAINS,
    KW_MAX_PROPERTIES, KW_MIN_PROPERTIES, KW_REQUIRED,
    KW_ADDITIONAL_PROPERTIES, KW_DEFINITIONS, KW_PROPERTIES,
    KW_PATTERN_PROPERTIES, KW_DEPENDENCIES, KW_PROPERTY_NAMES, KW_CONST,
    KW_ENUM, KW_TYPE, KW_FORMAT, KW_CONTENT_MEDIA_TYPE, KW_CONTENT_ENCODING,
    KW_IF, KW_THEN, KW_ELSE, KW_ALL_OF, KW_ANY_OF, KW_ONE_OF, KW_NOT,
    KW_COUNT,
    KW_UNKNOWN = KW_COUNT
} keyword;

static const char *const keyword_names[KW_COUNT] = {
    "$schema", "$id", "$ref", "$comment", "title", "description",
    "default", "readOnly", "writeOnly", "examples", "multipleOf",
    "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
    "maxLength", "minLength", "pattern", "additionalItems", "items",
    "maxItems", "minItems", "uniqueItems", "contains",
    "maxProperties", "minProperties", "required",
    "additionalProperties", "definitions", "properties",
    "patternProperties", "dependencies", "propertyNames", "const",
    "enum", "type", "format", "contentMediaType", "contentEncoding",
    "if", "then", "else", "allOf", "anyOf", "oneOf", "not",
};

/* Keywords of later drafts, named as such when a schema uses them. */
static const char *const later_draft_keywords[] = {
    "$anchor", "$dynamicAnchor", "$dynamicRef", "$recursiveAnchor",
    "$recursiveRef", "$vocabulary", "dependentRequired", "dependentSchemas",
    "prefixItems", "unevaluatedItems", "unevaluatedProperties", "minContains",
    "maxContains", "contentSchema", "deprecated",
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

static void compile_error_at(compiler *cc, const source *src, srcpos pos,
                             size_t span, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void compile_error_at(compiler *cc, const source *src, srcpos pos,
                             size_t span, const char *fmt, ...)
{
    cc->ok = false;
    strbuf msg = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&msg, fmt, ap);
    va_end(ap);
    diag_at(cc->d, DIAG_ERROR, src, pos, span, "%s", sb_str(&msg));
    sb_release(&msg);
}

#define compile_error(cc, n, ...) \
    compile_error_at((cc), (n)->src, (n)->pos, (n)->span, __VA_ARGS__)

#define compile_error_at_key(cc, obj, m, ...) \
    compile_error_at((cc), (obj)->src, (m)->key_pos, (m)->key_span, __VA_ARGS__)

static bool is_schema_node(const node *n)
{
    return n->kind == NODE_OBJECT || n->kind == NODE_BOOL;
}

static const char *phrase_of(const node *n)
{
    return type_phrases[actual_type(n)];
}

/* The commonest YAML traps, said after a type message when text was
 * expected: an unquoted text with ": " in it ("- Lưu: VT.") reads as a
 * mapping of one key, and an unquoted id ("id: 2.1") as a number. */
static void put_quote_hint(strbuf *out, const type_list *expected, const node *n)
{
    bool text_expected = false;
    for (size_t i = 0; i < expected->count; i++)
        text_expected |= expected->types[i] == JT_STRING;
    if (!text_expected)
        return;
    if (n->kind == NODE_OBJECT && n->u.object.count == 1)
        sb_puts(out, "; a text that contains ': ' must be put in quotes");
    else if (n->kind == NODE_NUMBER && n->u.number.text)
        sb_printf(out, "; to write it as text, put it in quotes: \"%s\"",
                  n->u.number.text);
}

static void remember_regex(schema_set *set, regex *re)
{
    if (set->regex_count == set->regex_cap) {
        set->regex_cap = set->regex_cap ? set->regex_cap * 2 : 16;
        set->regexes = xrealloc(set->regexes,
                                set->regex_cap * sizeof *set->regexes);
    }
    set->regexes[set->regex_count++] = re;
}

static void remember_ref(schema_set *set, schema *s)
{
    if (set->ref_count == set->ref_cap) {
        set->ref_cap = set->ref_cap ? set->ref_cap * 2 : 32;
        set->refs = xrealloc(set->refs, set->ref_cap * sizeof *set->refs);
    }
    set->refs[set->ref_count++] = s;
}

/* Registers s under an absolute URI (a resource, or "uri#name"). */
static void register_uri(compiler *cc, const char *uri, schema *s,
                         const node *where)
{
    char *key = arena_strdup(cc->set->a, uri);
    if (strmap_put(cc->set->a, &cc->set->by_uri, key, strlen(key), s) != s)
        compile_error(cc, where, "the URI '%s' is already used by another "
                                 "schema", uri);
}

static regex *compile_regex(compiler *cc, const char *pattern, size_t len,
                            const char *keyword_name, const source *src,
                            srcpos pos, size_t span)
{
    char *err = NULL;
    size_t err_offset = 0;
    regex *re = regex_compile(pattern, len, &err, &err_offset);
    if (re) {
        remember_regex(cc->set, re);
        return re;
    }
    compile_error_at(cc, src, pos, span,
                     "invalid regular expression in '%s': %s", keyword_name,
                     err ? err : "the expression is not supported");
    free(err);
    return NULL;
}

static schema *compile_schema(compiler *cc, const node *n, const char *base);

/* A keyword whose value is one schema. */
static schema *compile_subschema(compiler *cc, const char *kw, const node *n,
                                 const char *base)
{
    if (!is_schema_node(n)) {
        compile_error(cc, n, "'%s' must be a schema (a mapping, or true or "
                             "false), not %s", kw, phrase_of(n));
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
        compile_error(cc, n, "'%s' must be a %slist of schemas", kw,
                      allow_empty ? "" : "non-empty ");
        return l;
    }
    l.items = arena_alloc(cc->set->a,
                          (n->u.array.count + 1) * sizeof(schema *));
    for (size_t i = 0; i < n->u.array.count; i++) {
        const node *item = n->u.array.items[i];
        if (!is_schema_node(item)) {
            compile_error(cc, item, "'%s' must be a list of schemas; item %zu "
                                    "is %s", kw, i + 1, phrase_of(item));
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
        compile_error(cc, n, "'%s' must be a mapping of names to schemas", kw);
        return NULL;
    }
    named_schema *out = arena_alloc(cc->set->a,
                                    (n->u.object.count + 1) * sizeof *out);
    for (size_t i = 0; i < n->u.object.count; i++) {
        const node_member *m = &n->u.object.members[i];
        if (!is_schema_node(m->value)) {
            compile_error(cc, m->value, "'%s' must map each name to a schema "
                                        "(a mapping, or true or false); '%s' "
                                        "is %s", kw, m->key,
                          phrase_of(m->value));
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
        compile_error(cc, n, "'%s' must be a non-negative whole number", kw);
        return;
    }
    *out = count_value(n);
}

static const node *compile_number(compiler *cc, const char *kw, const node *n)
{
    if (n->kind != NODE_NUMBER) {
        compile_error(cc, n, "'%s' must be a number", kw);
        return NULL;
    }
    return n;
}

static bool compile_string_value(compiler *cc, const char *kw, const node *n)
{
    if (n->kind != NODE_STRING) {
        compile_error(cc, n, "'%s' must be text", kw);
        return false;
    }
    return true;
}

/* True when n is a list of unique strings (reporting it when not). */
static bool check_string_list(compiler *cc, const char *kw, const node *n)
{
    if (n->kind != NODE_ARRAY) {
        compile_error(cc, n, "'%s' must be a list of unique strings", kw);
        return false;
    }
    strmap seen = {0};
    arena *scratch = arena_new();
    bool ok = true;
    for (size_t i = 0; i < n->u.array.count; i++) {
        const node *item = n->u.array.items[i];
        if (item->kind != NODE_STRING) {
            compile_error(cc, item, "'%s' must be a list of unique strings; "
                                    "item %zu is %s", kw, i + 1,
                          phrase_of(item));
            ok = false;
        } else if (strmap_put(scratch, &seen, item->u.string.s,
                              item->u.string.len, (void *)item) != item) {
            compile_error(cc, item, "'%s' must be a list of unique strings; "
                                    "'%s' is given twice", kw,
                          item->u.string.s);
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
            compile_error(cc, n, "'type' must not be an empty list");
            return;
        }
    }
    for (size_t i = 0; i < count; i++) {
        const node *t = n->kind == NODE_ARRAY ? n->u.array.items[i] : single;
        if (t->kind != NODE_STRING) {
            compile_error(cc, t, "'type' must be a type name or a list of "
                                 "type names, not %s", phrase_of(t));
            continue;
        }
        size_t k = 0;
        while (k < JT_COUNT &&
               strcmp(type_keyword_names[k], t->u.string.s) != 0)
            k++;
        if (k == JT_COUNT) {
            long hint = vntext_suggest(t->u.string.s, type_keyword_names,
                                     JT_COUNT);
            if (hint >= 0)
                compile_error(cc, t, "unknown type '%s'; did you mean '%s'?",
                              t->u.string.s, type_keyword_names[hint]);
            else
                compile_error(cc, t, "unknown type '%s'; the types are "
                                     "'array', 'boolean', 'integer', 'null', "
                                     "'number', 'object' and 'string'",
                              t->u.string.s);
            continue;
        }
        if (s->type_mask & 1u << k) {
            compile_error(cc, t, "'type' names '%s' twice", t->u.string.s);
            continue;
        }
        s->type_mask |= 1u << k;
        type_list_add(&s->types, (json_type)k);
    }
}

static void compile_enum(compiler *cc, schema *s, const node *n)
{
    if (n->kind != NODE_ARRAY) {
        compile_error(cc, n, "'enum' must be a list");
        return;
    }
    s->enum_values = n;
    s->enum_strings = arena_alloc(cc->set->a,
                                  (n->u.array.count + 1) * sizeof(char *));
    for (size_t i = 0; i < n->u.array.count; i++)
        if (n->u.array.items[i]->kind == NODE_STRING)
            s->enum_strings[s->enum_string_count++] =
                n->u.array.items[i]->u.string.s;
}

static void compile_properties(compiler *cc, schema *s, const node *n,
                               const char *base)
{
    s->properties = compile_schema_map(cc, "properties", n, base,
                                       &s->property_count);
    s->property_names = arena_alloc(cc->set->a,
                                    (s->property_count + 1) * sizeof(char *));
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
    named_schema *map = compile_schema_map(cc, "patternProperties", n, base,
                                           &count);
    if (!map)
        return;
    s->pattern_properties = arena_alloc(cc->set->a,
                                        (count + 1) * sizeof(pattern_schema));
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
        compile_error(cc, n, "'dependencies' must be a mapping");
        return;
    }
    s->dependencies = arena_alloc(cc->set->a,
                                  (n->u.object.count + 1) * sizeof(dependency));
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
            compile_error(cc, m->value, "'dependencies' must map each key to "
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
        compile_error(cc, n, "'items' must be a schema or a list of schemas");
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
        compile_error_at_key(cc, obj, m, "'$defs' is not a draft-07 keyword; "
                                         "draft-07 uses 'definitions'");
        return;
    }
    if (strcmp(m->key, "id") == 0) {
        compile_error_at_key(cc, obj, m, "'id' is not a draft-07 keyword; "
                                         "draft-07 uses '$id'");
        return;
    }
    for (size_t i = 0; i < sizeof later_draft_keywords /
                               sizeof *later_draft_keywords; i++) {
        if (strcmp(m->key, later_draft_keywords[i]) == 0) {
            compile_error_at_key(cc, obj, m, "'%s' is not a draft-07 keyword "
                                             "(it belongs to a later draft)",
                                 m->key);
            return;
        }
    }
    long hint = vntext_suggest(m->key, keyword_names, KW_COUNT);
    if (hint >= 0)
        compile_error_at_key(cc, obj, m, "unknown schema keyword '%s'; did "
                                         "you mean '%s'?", m->key,
                             keyword_names[hint]);
    else
        compile_error_at_key(cc, obj, m, "unknown schema keyword '%s'", m->key);
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
        compile_error(cc, id, "'$id' must not hold a JSON pointer fragment");
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
    remember_ref(cc->set, s);
}

static void compile_keyword(compiler *cc, schema *s, keyword kw,
                            const node *v, const char *base)
{
    const char *name = keyword_names[kw];
    switch (kw) {
    case KW_SCHEMA:
        if (compile_string_value(cc, name, v) && !names_draft07(v->u.string.s))
            compile_error(cc, v, "'$schema' names '%s'; kehoach reads "
                                 "draft-07 schemas only (" DRAFT07_URI "#)",
                          v->u.string.s);
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
            compile_error(cc, v, "'%s' must be true or false", name);
        else if (kw == KW_UNIQUE_ITEMS)
            s->unique_items = v->u.boolean;
        break;
    case KW_EXAMPLES:
        if (v->kind != NODE_ARRAY)
            compile_error(cc, v, "'examples' must be a list");
        else
            s->examples = v;
        break;
    case KW_MULTIPLE_OF:
        if (v->kind != NODE_NUMBER || !(v->u.number.value > 0))
            compile_error(cc, v, "'multipleOf' must be a number greater "
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
    ptrmap_put(cc->set->a, &cc->set->by_node, n, s);
    if (n->kind == NODE_BOOL) {
        s->is_boolean = true;
        s->accepts = n->u.boolean;
        return s;
    }
    if (n->kind != NODE_OBJECT) {
        compile_error(cc, n, "a schema must be a mapping, or true or false, "
                             "not %s", phrase_of(n));
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

/* ---- the set and "$ref" resolution --------------------------------------- */

static const node *walk_pointer(const node *n, const char *ptr, size_t len)
{
    size_t i = 0;
    strbuf token = STRBUF_INIT;
    while (n && i < len) {
        if (ptr[i] != '/') {
            n = NULL;
            break;
        }
        i++;
        sb_reset(&token);
        sb_add(&token, "", 0);
        while (i < len && ptr[i] != '/') {
            if (ptr[i] == '~' && i + 1 < len &&
                (ptr[i + 1] == '0' || ptr[i + 1] == '1')) {
                sb_putc(&token, ptr[i + 1] == '0' ? '~' : '/');
                i += 2;
            } else {
                sb_putc(&token, ptr[i++]);
            }
        }
        if (n->kind == NODE_OBJECT) {
            const node_member *found = NULL;
            for (size_t k = 0; k < n->u.object.count && !found; k++) {
                const node_member *m = &n->u.object.members[k];
                if (m->key_len == token.len &&
                    memcmp(m->key, token.buf, token.len) == 0)
                    found = m;
            }
            n = found ? found->value : NULL;
        } else if (n->kind == NODE_ARRAY) {
            const char *t = sb_str(&token);
            char *end;
            unsigned long long index = strtoull(t, &end, 10);
            bool canonical = token.len && *end == '\0' && t[0] >= '0' &&
                             t[0] <= '9' && (t[0] != '0' || token.len == 1);
            n = canonical && index < n->u.array.count ? n->u.array.items[index]
                                                      : NULL;
        } else {
            n = NULL;
        }
    }
    sb_release(&token);
    return n;
}

static const schema *lookup_resolved(schema_set *set, const char *uri)
{
    size_t hash = uri_fragment_start(uri);
    const schema *resource = strmap_get(&set->by_uri, uri, hash);
    if (!resource || !uri[hash] || !uri[hash + 1])
        return resource;
    const char *fragment = uri + hash + 1;
    if (fragment[0] != '/')
        return strmap_get(&set->by_uri, uri, strlen(uri));
    size_t len;
    char *pointer = uri_percent_decode(fragment, strlen(fragment), &len);
    if (!pointer)
        return NULL;
    const node *target = walk_pointer(resource->source_node, pointer, len);
    free(pointer);
    return target ? ptrmap_get(&set->by_node, target) : NULL;
}

const schema *schema_set_lookup(schema_set *set, const char *uri)
{
    if (!set || !uri_has_scheme(uri))
        return NULL;
    char *normal = uri_resolve(uri, uri);
    const schema *s = lookup_resolved(set, normal);
    free(normal);
    return s;
}

static void resolve_pending_refs(schema_set *set)
{
    for (size_t i = 0; i < set->ref_count; i++) {
        schema *s = set->refs[i];
        if (!s->ref_target)
            s->ref_target = lookup_resolved(set, s->ref_uri);
    }
}

bool schema_set_add(schema_set *set, const char *uri, const node *doc,
                    diag_sink *d)
{
    compiler cc = {set, d, true};
    if (!uri_has_scheme(uri)) {
        diag_file(d, DIAG_ERROR, doc->src ? doc->src->path : NULL,
                  "a schema must be registered under an absolute URI, not "
                  "'%s'", uri);
        return false;
    }
    char *resolved = uri_resolve(uri, "");
    const char *base = arena_strdup(set->a, resolved);
    free(resolved);
    schema *root = compile_schema(&cc, doc, base);
    register_uri(&cc, base, root, doc);
    resolve_pending_refs(set);
    return cc.ok;
}

bool schema_set_check_refs(schema_set *set, diag_sink *d)
{
    bool ok = true;
    for (size_t i = 0; i < set->ref_count; i++) {
        const schema *s = set->refs[i];
        if (s->ref_target)
            continue;
        const node *r = s->ref_node;
        diag_at(d, DIAG_ERROR, r->src, r->pos, r->span,
                "cannot resolve '$ref' to '%s'", s->ref_uri);
        ok = false;
    }
    return ok;
}

schema_set *schema_set_new(void)
{
    schema_set *set = xcalloc(1, sizeof *set);
    set->a = arena_new();
    const embedded_file *meta = embedded_find("draft-07.schema.json");
    diag_sink *d = diag_sink_new(0);
    if (meta) {
        set->meta_source = source_new("draft-07.schema.json",
                                      xstrndup(meta->data, meta->len),
                                      meta->len);
        const node *doc = json_parse(set->a, set->meta_source, d);
        if (doc)
            schema_set_add(set, DRAFT07_URI, doc, d);
    }
    if (!meta || diag_errors(d) || !schema_set_check_refs(set, d)) {
        fprintf(stderr, "kehoach: the embedded draft-07 meta-schema is "
                        "broken (a build defect)\n");
        abort();
    }
    diag_sink_free(d);
    return set;
}

void schema_set_free(schema_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->regex_count; i++)
        regex_free(set->regexes[i]);
    free(set->regexes);
    free(set->refs);
    source_free(set->meta_source);
    arena_free(set->a);
    free(set);
}

/* ---- titles ------------------------------------------------------------- */

static const char *title_of(const schema *s)
{
    for (size_t hop = 0; s && hop < TITLE_MAX_HOPS; hop++) {
        if (s->title)
            return s->title;
        s = s->ref_target;
    }
    return NULL;
}

static const schema *follow_refs(const schema *s)
{
    for (size_t hop = 0; s && s->ref_uri && hop < TITLE_MAX_HOPS; hop++)
        s = s->ref_target;
    return s && s->ref_uri ? NULL : s;
}

static const char *property_title(const schema *s, const char *key, size_t len,
                                  unsigned depth)
{
    s = follow_refs(s);
    if (!s || s->is_boolean)
        return NULL;
    const named_schema *p = strmap_get(&s->property_index, key, len);
    const char *title = p ? title_of(p->s) : NULL;
    if (title || !depth)
        return title;
    const schema_list *lists[] = {&s->all_of, &s->any_of, &s->one_of};
    for (size_t l = 0; l < 3 && !title; l++)
        for (size_t i = 0; i < lists[l]->count && !title; i++)
            title = property_title(lists[l]->items[i], key, len, depth - 1);
    if (!title && s->then_schema)
        title = property_title(s->then_schema, key, len, depth - 1);
    if (!title && s->else_schema)
        title = property_title(s->else_schema, key, len, depth - 1);
    return title;
}

const char *schema_property_title(const schema *s, const char *key)
{
    return s ? property_title(s, key, strlen(key), TITLE_SEARCH_DEPTH) : NULL;
}

/* ---- validation state --------------------------------------------------- */

/* The checks are kept out of validate(), so that a level of a deep
 * recursion costs the frames on its path, not the sum of every check. */
#define NOINLINE __attribute__((noinline))

/* The schemas applied to one instance, innermost first. */
typedef struct scope {
    const struct scope *outer;
    const schema *s;
} scope;

/* The "$ref"s followed at one instance, innermost first. */
typedef struct ref_trail {
    const struct ref_trail *outer;
    const schema *ref;
} ref_trail;

/* How a message names an instance. */
typedef struct subject {
    const struct subject *array;   /* an item: the subject of its list */
    size_t item;                   /* 1-based item number, or 0 */
    const node_member *member;     /* a member value: its member */
    const schema *via;             /* the schema checking the member */
    const scope *owner;            /* schemas applied to its object */
} subject;

typedef struct instance {
    const node *n;
    const subject *subj;
    const node_member *member;     /* n is the value of this member */
    const scope *applied;
    const ref_trail *trail;
} instance;

/* What a failed check says about the instance's type. */
typedef struct outcome {
    bool type_failed;     /* a "type" failed on this very instance */
    type_list expected;   /* the types it asked for */
} outcome;

/* The problems reported into one sink, so that two checks finding the
 * same problem (a property constrained by a schema and by its "allOf")
 * say it once. */
typedef struct reported {
    arena *a;             /* NULL until the first report */
    strmap seen;          /* "source offset message" */
} reported;

typedef struct validator {
    diag_sink *d;         /* NULL: quiet, only the verdict is wanted */
    unsigned depth;
    reported *once;       /* what d has been told (loud mode) */
} validator;

static const char *lookup_title(const scope *sc, const char *key, size_t len)
{
    for (; sc; sc = sc->outer) {
        const char *t = property_title(sc->s, key, len, TITLE_SEARCH_DEPTH);
        if (t)
            return t;
    }
    return NULL;
}

static void put_key_with_title(strbuf *out, const char *key, const char *title)
{
    sb_printf(out, "'%s'", key);
    if (title)
        sb_printf(out, " (%s)", title);
}

static void put_subject(strbuf *out, const subject *subj)
{
    if (subj->member) {
        const node_member *m = subj->member;
        const char *title = title_of(subj->via);
        if (!title)
            title = lookup_title(subj->owner, m->key, m->key_len);
        put_key_with_title(out, m->key, title);
    } else if (subj->item) {
        sb_printf(out, "item %zu of ", subj->item);
        put_subject(out, subj->array);
    } else {
        sb_puts(out, "the document");
    }
}

/* Adds an error unless the same one was already given at that spot. */
static void report_at(validator *v, const source *src, srcpos pos,
                      size_t span, const strbuf *msg)
{
    reported *once = v->once;
    strbuf key = STRBUF_INIT;
    sb_printf(&key, "%p %zu %s", (const void *)src, pos.offset, sb_str(msg));
    if (!once->a)
        once->a = arena_new();
    char *stored = arena_strndup(once->a, key.buf, key.len);
    bool fresh = strmap_put(once->a, &once->seen, stored, key.len, stored) ==
                 stored;
    sb_release(&key);
    if (fresh)
        diag_at(v->d, DIAG_ERROR, src, pos, span, "%s", sb_str(msg));
}

/* Adds the message in msg as an error about the instance. */
static void emit(validator *v, const instance *in, const strbuf *msg)
{
    const node *n = in->n;
    if (in->member && n->span == 0)
        report_at(v, n->src, in->member->key_pos, in->member->key_span, msg);
    else
        report_at(v, n->src, n->pos, n->span, msg);
}

static void complain_v(validator *v, const instance *in, bool with_subject,
                       const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

static void complain_v(validator *v, const instance *in, bool with_subject,
                       const char *fmt, va_list ap)
{
    strbuf msg = STRBUF_INIT;
    if (with_subject) {
        put_subject(&msg, in->subj);
        sb_putc(&msg, ' ');
    }
    sb_vprintf(&msg, fmt, ap);
    emit(v, in, &msg);
    sb_release(&msg);
}

/* "<subject> <message>" at the instance. */
static void complain(validator *v, const instance *in, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void complain(validator *v, const instance *in, const char *fmt, ...)
{
    if (!v->d)
        return;
    va_list ap;
    va_start(ap, fmt);
    complain_v(v, in, true, fmt, ap);
    va_end(ap);
}

/* "<message>" at the instance. */
static void complain_plain(validator *v, const instance *in,
                           const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void complain_plain(validator *v, const instance *in,
                           const char *fmt, ...)
{
    if (!v->d)
        return;
    va_list ap;
    va_start(ap, fmt);
    complain_v(v, in, false, fmt, ap);
    va_end(ap);
}

/* "<message>" at a member's key. */
static void complain_at_key(validator *v, const node *obj,
                            const node_member *m, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void complain_at_key(validator *v, const node *obj,
                            const node_member *m, const char *fmt, ...)
{
    if (!v->d)
        return;
    strbuf msg = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&msg, fmt, ap);
    va_end(ap);
    report_at(v, obj->src, m->key_pos, m->key_span, &msg);
    sb_release(&msg);
}

/* A value as a message shows it: text in single quotes, the rest as JSON. */
static void put_json(strbuf *out, const node *n)
{
    switch (n->kind) {
    case NODE_NULL:
        sb_puts(out, "null");
        break;
    case NODE_BOOL:
        sb_puts(out, n->u.boolean ? "true" : "false");
        break;
    case NODE_NUMBER:
        if (n->u.number.text)
            sb_puts(out, n->u.number.text);
        else
            sb_printf(out, "%.17g", n->u.number.value);
        break;
    case NODE_STRING:
        sb_json_string(out, n->u.string.s, n->u.string.len);
        break;
    case NODE_ARRAY:
        sb_putc(out, '[');
        for (size_t i = 0; i < n->u.array.count; i++) {
            if (i)
                sb_puts(out, ", ");
            put_json(out, n->u.array.items[i]);
        }
        sb_putc(out, ']');
        break;
    case NODE_OBJECT:
        sb_putc(out, '{');
        for (size_t i = 0; i < n->u.object.count; i++) {
            const node_member *m = &n->u.object.members[i];
            if (i)
                sb_puts(out, ", ");
            sb_json_string(out, m->key, m->key_len);
            sb_puts(out, ": ");
            put_json(out, m->value);
        }
        sb_putc(out, '}');
        break;
    }
}

static void put_value(strbuf *out, const node *n)
{
    if (n->kind == NODE_STRING)
        sb_printf(out, "'%s'", n->u.string.s);
    else
        put_json(out, n);
}

/* ---- finding members ---------------------------------------------------- */

/* Key lookups in one instance object; large objects get a hash index. */
typedef struct member_finder {
    const node *obj;
    size_t *slots;        /* member index + 1; 0: empty */
    size_t cap;
} member_finder;

static const node_member *finder_get(member_finder *f, const char *key,
                                     size_t len)
{
    const node *obj = f->obj;
    size_t count = obj->u.object.count;
    if (count < MEMBER_INDEX_MIN) {
        for (size_t i = 0; i < count; i++) {
            const node_member *m = &obj->u.object.members[i];
            if (m->key_len == len && memcmp(m->key, key, len) == 0)
                return m;
        }
        return NULL;
    }
    if (!f->slots) {
        f->cap = 16;
        while (f->cap < count * 2)
            f->cap *= 2;
        f->slots = xcalloc(f->cap, sizeof *f->slots);
        for (size_t i = 0; i < count; i++) {
            const node_member *m = &obj->u.object.members[i];
            size_t k = strmap_hash(m->key, m->key_len) & (f->cap - 1);
            while (f->slots[k])
                k = (k + 1) & (f->cap - 1);
            f->slots[k] = i + 1;
        }
    }
    for (size_t k = strmap_hash(key, len) & (f->cap - 1); f->slots[k];
         k = (k + 1) & (f->cap - 1)) {
        const node_member *m = &obj->u.object.members[f->slots[k] - 1];
        if (m->key_len == len && memcmp(m->key, key, len) == 0)
            return m;
    }
    return NULL;
}

/* ---- validation --------------------------------------------------------- */

static bool validate(validator *v, const schema *s, const instance *in,
                     outcome *out);

/* A child instance: an item or a member value. */
static instance child_of(const node *n, const subject *subj,
                         const node_member *member)
{
    return (instance){n, subj, member, NULL, NULL};
}

NOINLINE
static bool check_type(validator *v, const schema *s, const instance *in,
                       outcome *out)
{
    if (!s->type_mask || (s->type_mask & type_bits(in->n)))
        return true;
    out->type_failed = true;
    for (size_t i = 0; i < s->types.count; i++)
        type_list_add(&out->expected, (json_type)s->types.types[i]);
    if (v->d) {
        strbuf expected = STRBUF_INIT;
        put_type_list(&expected, &s->types);
        sb_printf(&expected, ", not %s", phrase_of(in->n));
        put_quote_hint(&expected, &s->types, in->n);
        complain(v, in, "must be %s", sb_str(&expected));
        sb_release(&expected);
    }
    return false;
}

static void put_value_list(strbuf *out, const node *values)
{
    size_t count = values->u.array.count;
    for (size_t i = 0; i < count; i++) {
        if (i)
            sb_puts(out, i + 1 == count ? " or " : ", ");
        put_value(out, values->u.array.items[i]);
    }
}

NOINLINE
static bool check_enum(validator *v, const schema *s, const instance *in)
{
    const node *values = s->enum_values;
    for (size_t i = 0; i < values->u.array.count; i++)
        if (node_equal(in->n, values->u.array.items[i]))
            return true;
    if (!v->d)
        return false;
    strbuf msg = STRBUF_INIT;
    size_t count = values->u.array.count;
    if (count == 1) {
        sb_puts(&msg, "must be ");
        put_value(&msg, values->u.array.items[0]);
    } else if (count && count <= ENUM_LISTED_MAX) {
        sb_puts(&msg, "must be one of ");
        put_value_list(&msg, values);
    } else {
        sb_puts(&msg, "is not one of the allowed values");
    }
    if (in->n->kind == NODE_STRING && s->enum_string_count) {
        long hint = vntext_suggest(in->n->u.string.s, s->enum_strings,
                                 s->enum_string_count);
        if (hint >= 0)
            sb_printf(&msg, "; did you mean '%s'?", s->enum_strings[hint]);
    }
    complain(v, in, "%s", sb_str(&msg));
    sb_release(&msg);
    return false;
}

NOINLINE
static bool check_const(validator *v, const schema *s, const instance *in)
{
    if (node_equal(in->n, s->const_value))
        return true;
    if (v->d) {
        strbuf value = STRBUF_INIT;
        put_value(&value, s->const_value);
        complain(v, in, "must be %s", sb_str(&value));
        sb_release(&value);
    }
    return false;
}

static const char *first_example_string(const schema *s)
{
    if (!s->examples)
        return NULL;
    for (size_t i = 0; i < s->examples->u.array.count; i++)
        if (s->examples->u.array.items[i]->kind == NODE_STRING)
            return s->examples->u.array.items[i]->u.string.s;
    return NULL;
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

NOINLINE
static bool check_string(validator *v, const schema *s, const instance *in)
{
    const node *n = in->n;
    bool ok = true;
    if (s->min_length || s->max_length != SIZE_MAX) {
        size_t length = utf8_length(n->u.string.s, n->u.string.len);
        if (length < s->min_length) {
            ok = false;
            if (s->min_length == 1)
                complain(v, in, "must not be empty");
            else
                complain(v, in, "must be at least %zu characters long",
                         s->min_length);
        }
        if (length > s->max_length) {
            ok = false;
            complain(v, in, "must be at most %zu %s long, not %zu",
                     s->max_length,
                     plural(s->max_length, "character", "characters"), length);
        }
        if (!ok && !v->d)
            return false;
    }
    if (s->pattern_re) {
        regex_result r = regex_search(s->pattern_re, n->u.string.s,
                                      n->u.string.len);
        if (r == REGEX_TOO_COMPLEX) {
            ok = false;
            complain(v, in, "could not be checked against the pattern '%s' "
                            "(the check took too long)",
                     s->pattern->u.string.s);
        } else if (r == REGEX_NOMATCH) {
            ok = false;
            const char *example = first_example_string(s);
            if (example)
                complain(v, in, "does not have the expected form; write it "
                                "like '%s'", example);
            else
                complain(v, in, "does not match the pattern '%s'",
                         s->pattern->u.string.s);
        }
    }
    return ok;
}

static bool is_multiple(double value, double divisor)
{
    if (fmod(value, divisor) == 0)
        return true;
    double q = value / divisor;
    if (!isfinite(q))
        return false;
    double nearest = round(q);
    return fabs(q - nearest) <= 1e-9 * fmax(1.0, fabs(nearest));
}

NOINLINE
static bool check_number(validator *v, const schema *s, const instance *in)
{
    double x = in->n->u.number.value;
    bool ok = true;
    if (s->minimum && !(x >= s->minimum->u.number.value)) {
        ok = false;
        complain(v, in, "must be at least %s", s->minimum->u.number.text);
    }
    if (s->exclusive_minimum && !(x > s->exclusive_minimum->u.number.value)) {
        ok = false;
        complain(v, in, "must be greater than %s",
                 s->exclusive_minimum->u.number.text);
    }
    if (s->maximum && !(x <= s->maximum->u.number.value)) {
        ok = false;
        complain(v, in, "must be at most %s", s->maximum->u.number.text);
    }
    if (s->exclusive_maximum && !(x < s->exclusive_maximum->u.number.value)) {
        ok = false;
        complain(v, in, "must be less than %s",
                 s->exclusive_maximum->u.number.text);
    }
    if (s->multiple_of && !is_multiple(x, s->multiple_of->u.number.value)) {
        ok = false;
        complain(v, in, "must be a multiple of %s",
                 s->multiple_of->u.number.text);
    }
    return ok;
}

NOINLINE
static bool check_item(validator *v, const schema *s, const instance *list,
                       size_t i)
{
    subject subj = {list->subj, i + 1, NULL, NULL, NULL};
    instance item = child_of(list->n->u.array.items[i], &subj, NULL);
    outcome ignored = {0};
    return validate(v, s, &item, &ignored);
}

NOINLINE
static bool check_array(validator *v, const schema *s, const instance *in)
{
    const node *n = in->n;
    size_t count = n->u.array.count;
    bool ok = true;
    if (count < s->min_items) {
        ok = false;
        if (s->min_items == 1)
            complain(v, in, "must not be empty");
        else
            complain(v, in, "must have at least %zu items", s->min_items);
    }
    if (count > s->max_items) {
        ok = false;
        complain(v, in, "must have at most %zu %s, not %zu", s->max_items,
                 plural(s->max_items, "item", "items"), count);
    }
    if (!ok && !v->d)
        return false;
    for (size_t i = 0; i < count; i++) {
        const schema *item_schema = s->items;
        if (s->items_is_list)
            item_schema = i < s->item_list.count ? s->item_list.items[i]
                                                  : s->additional_items;
        if (item_schema && !check_item(v, item_schema, in, i)) {
            ok = false;
            if (!v->d)
                return false;
        }
    }
    if (s->unique_items) {
        for (size_t i = 1; i < count; i++) {
            for (size_t j = 0; j < i; j++) {
                if (!node_equal(n->u.array.items[i], n->u.array.items[j]))
                    continue;
                ok = false;
                if (!v->d)
                    return false;
                subject subj = {in->subj, i + 1, NULL, NULL, NULL};
                instance item = child_of(n->u.array.items[i], &subj, NULL);
                complain(v, &item, "repeats item %zu", j + 1);
                break;
            }
        }
    }
    if (s->contains) {
        validator quiet = {NULL, v->depth, NULL};
        bool found = false;
        for (size_t i = 0; i < count && !found; i++)
            found = check_item(&quiet, s->contains, in, i);
        if (!found) {
            ok = false;
            complain(v, in, "has no item of the required kind");
        }
    }
    return ok;
}

/* Checks a member's value against one subschema. */
NOINLINE
static bool check_member(validator *v, const schema *sub, const instance *obj,
                         const node_member *m)
{
    subject subj = {NULL, 0, m, sub, obj->applied};
    instance value = child_of(m->value, &subj, m);
    outcome ignored = {0};
    return validate(v, sub, &value, &ignored);
}

static void report_unknown_key(validator *v, const schema *s, const node *obj,
                               const node_member *m)
{
    long hint = s->property_count
                    ? vntext_suggest(m->key, s->property_names, s->property_count)
                    : -1;
    if (hint >= 0)
        complain_at_key(v, obj, m, "unknown key '%s'; did you mean '%s'?",
                        m->key, s->property_names[hint]);
    else
        complain_at_key(v, obj, m, "unknown key '%s'", m->key);
}

/* "properties", "patternProperties" and "additionalProperties", in one
 * pass over the members. */
NOINLINE
static bool check_members(validator *v, const schema *s, const instance *in)
{
    const node *n = in->n;
    bool ok = true;
    for (size_t i = 0; i < n->u.object.count; i++) {
        const node_member *m = &n->u.object.members[i];
        bool described = false;
        const named_schema *p = s->property_count
                                    ? strmap_get(&s->property_index, m->key,
                                                 m->key_len)
                                    : NULL;
        if (p) {
            described = true;
            if (!check_member(v, p->s, in, m)) {
                ok = false;
                if (!v->d)
                    return false;
            }
        }
        for (size_t k = 0; k < s->pattern_count; k++) {
            const pattern_schema *ps = &s->pattern_properties[k];
            regex_result r = regex_search(ps->re, m->key, m->key_len);
            if (r == REGEX_NOMATCH)
                continue;
            described = true;
            if (r == REGEX_TOO_COMPLEX) {
                ok = false;
                complain_at_key(v, n, m, "key '%s' could not be checked "
                                         "against the pattern '%s' (the check "
                                         "took too long)", m->key, ps->pattern);
            } else if (!check_member(v, ps->s, in, m)) {
                ok = false;
            }
            if (!ok && !v->d)
                return false;
        }
        if (described || !s->additional_properties)
            continue;
        const schema *extra = s->additional_properties;
        if (extra->is_boolean && !extra->accepts) {
            ok = false;
            report_unknown_key(v, s, n, m);
        } else if (!check_member(v, extra, in, m)) {
            ok = false;
        }
        if (!ok && !v->d)
            return false;
    }
    return ok;
}

NOINLINE
static bool check_required(validator *v, const schema *s, const instance *in,
                           member_finder *f)
{
    bool ok = true;
    const node *req = s->required;
    for (size_t i = 0; i < req->u.array.count; i++) {
        const node *key = req->u.array.items[i];
        if (finder_get(f, key->u.string.s, key->u.string.len))
            continue;
        ok = false;
        if (!v->d)
            return false;
        strbuf name = STRBUF_INIT;
        put_key_with_title(&name, key->u.string.s,
                           lookup_title(in->applied, key->u.string.s,
                                        key->u.string.len));
        complain_plain(v, in, "missing required key %s", sb_str(&name));
        sb_release(&name);
    }
    return ok;
}

NOINLINE
static bool check_dependencies(validator *v, const schema *s,
                               const instance *in, member_finder *f,
                               outcome *out)
{
    bool ok = true;
    for (size_t i = 0; i < s->dependency_count; i++) {
        const dependency *dep = &s->dependencies[i];
        if (!finder_get(f, dep->name, dep->len))
            continue;
        if (dep->s) {
            if (!validate(v, dep->s, in, out))
                ok = false;
        } else {
            for (size_t k = 0; k < dep->keys->u.array.count; k++) {
                const node *key = dep->keys->u.array.items[k];
                if (finder_get(f, key->u.string.s, key->u.string.len))
                    continue;
                ok = false;
                complain_plain(v, in, "key '%s' requires key '%s'", dep->name,
                               key->u.string.s);
            }
        }
        if (!ok && !v->d)
            return false;
    }
    return ok;
}

NOINLINE
static bool check_property_names(validator *v, const schema *s,
                                 const instance *in)
{
    const node *n = in->n;
    bool ok = true;
    validator quiet = {NULL, v->depth, NULL};
    for (size_t i = 0; i < n->u.object.count; i++) {
        const node_member *m = &n->u.object.members[i];
        node key = {0};
        key.kind = NODE_STRING;
        key.src = n->src;
        key.pos = m->key_pos;
        key.span = m->key_span;
        key.u.string.s = m->key;
        key.u.string.len = m->key_len;
        subject subj = {0};
        instance name = child_of(&key, &subj, NULL);
        outcome ignored = {0};
        if (validate(&quiet, s->property_names_schema, &name, &ignored))
            continue;
        ok = false;
        if (!v->d)
            return false;
        complain_at_key(v, n, m, "key '%s' is not an allowed name", m->key);
    }
    return ok;
}

NOINLINE
static bool check_object(validator *v, const schema *s, const instance *in,
                         outcome *out)
{
    const node *n = in->n;
    size_t count = n->u.object.count;
    bool ok = true;
    if (count < s->min_properties) {
        ok = false;
        complain(v, in, "must have at least %zu %s", s->min_properties,
                 plural(s->min_properties, "key", "keys"));
    }
    if (count > s->max_properties) {
        ok = false;
        complain(v, in, "must have at most %zu %s", s->max_properties,
                 plural(s->max_properties, "key", "keys"));
    }
    if (!ok && !v->d)
        return false;
    member_finder finder = {n, NULL, 0};
    if (s->required && !check_required(v, s, in, &finder))
        ok = false;
    if ((ok || v->d) && s->dependency_count &&
        !check_dependencies(v, s, in, &finder, out))
        ok = false;
    free(finder.slots);
    if (!ok && !v->d)
        return false;
    if ((s->property_count || s->pattern_count || s->additional_properties) &&
        !check_members(v, s, in))
        ok = false;
    if ((ok || v->d) && s->property_names_schema &&
        !check_property_names(v, s, in))
        ok = false;
    return ok;
}

/* The keys of required-only branches that the object lacks (or, with
 * present set, has), in order, without repeats. */
static void put_branch_keys(strbuf *out, const schema_list *branches,
                            const bool *chosen, const instance *in,
                            bool with_titles, bool present)
{
    member_finder finder = {in->n, NULL, 0};
    strmap listed = {0};
    arena *scratch = arena_new();
    size_t listed_count = 0;
    for (size_t b = 0; b < branches->count; b++) {
        if (chosen && !chosen[b])
            continue;
        const node *req = branches->items[b]->required;
        for (size_t i = 0; i < req->u.array.count; i++) {
            const node *key = req->u.array.items[i];
            const char *k = key->u.string.s;
            size_t len = key->u.string.len;
            bool has = in->n->kind == NODE_OBJECT &&
                       finder_get(&finder, k, len) != NULL;
            if (has != present ||
                strmap_put(scratch, &listed, k, len, (void *)key) != key)
                continue;
            if (listed_count++)
                sb_puts(out, ", ");
            put_key_with_title(out, k, with_titles ? lookup_title(in->applied,
                                                                  k, len)
                                                   : NULL);
        }
    }
    arena_free(scratch);
    free(finder.slots);
}

/* Reports why no branch of "anyOf" or "oneOf" matched (loud mode only). */
NOINLINE
static void explain_no_match(validator *v, const schema_list *branches,
                             bool required_only, const instance *in,
                             outcome *out)
{
    if (required_only) {
        strbuf keys = STRBUF_INIT;
        put_branch_keys(&keys, branches, NULL, in, true, false);
        complain_plain(v, in, "missing required key: one of %s", sb_str(&keys));
        sb_release(&keys);
        return;
    }
    diag_sink *best = NULL;
    size_t best_errors = SIZE_MAX;
    type_list expected = {0};
    for (size_t b = 0; b < branches->count; b++) {
        diag_sink *tmp = diag_sink_new(0);
        reported once = {0};
        validator sub = {tmp, v->depth, &once};
        outcome o = {0};
        validate(&sub, branches->items[b], in, &o);
        arena_free(once.a);
        if (o.type_failed) {
            for (size_t i = 0; i < o.expected.count; i++)
                type_list_add(&expected, (json_type)o.expected.types[i]);
            diag_sink_free(tmp);
            continue;
        }
        if (diag_errors(tmp) < best_errors) {
            best_errors = diag_errors(tmp);
            diag_sink_free(best);
            best = tmp;
        } else {
            diag_sink_free(tmp);
        }
    }
    if (best) {
        diag_move(v->d, best);
        diag_sink_free(best);
        return;
    }
    out->type_failed = true;
    for (size_t i = 0; i < expected.count; i++)
        type_list_add(&out->expected, (json_type)expected.types[i]);
    strbuf names = STRBUF_INIT;
    put_type_list(&names, &expected);
    sb_printf(&names, ", not %s", phrase_of(in->n));
    put_quote_hint(&names, &expected, in->n);
    complain(v, in, "must be %s", sb_str(&names));
    sb_release(&names);
}

NOINLINE
static bool check_any_of(validator *v, const schema *s, const instance *in,
                         outcome *out)
{
    validator quiet = {NULL, v->depth, NULL};
    for (size_t b = 0; b < s->any_of.count; b++) {
        outcome ignored = {0};
        if (validate(&quiet, s->any_of.items[b], in, &ignored))
            return true;
    }
    if (v->d)
        explain_no_match(v, &s->any_of, s->any_of_required_only, in, out);
    return false;
}

NOINLINE
static bool check_one_of(validator *v, const schema *s, const instance *in,
                         outcome *out)
{
    validator quiet = {NULL, v->depth, NULL};
    size_t count = s->one_of.count, matches = 0;
    bool *matched = xcalloc(count, sizeof *matched);
    bool matched_required_only = true;
    for (size_t b = 0; b < count && (matches < 2 || v->d); b++) {
        outcome ignored = {0};
        if (!validate(&quiet, s->one_of.items[b], in, &ignored))
            continue;
        matched[b] = true;
        matches++;
        if (!s->one_of.items[b]->required_only)
            matched_required_only = false;
    }
    if (matches == 0 && v->d) {
        explain_no_match(v, &s->one_of, s->one_of_required_only, in, out);
    } else if (matches > 1 && v->d) {
        if (matched_required_only && in->n->kind != NODE_OBJECT) {
            /* "required" says nothing of what is not a mapping: every
             * branch matches; the type message, if any, says what is wrong */
            if (!out->type_failed)
                complain(v, in, "matches more than one of the allowed forms");
        } else if (matched_required_only) {
            strbuf keys = STRBUF_INIT;
            put_branch_keys(&keys, &s->one_of, matched, in, false, true);
            complain_plain(v, in, "only one of %s may be given", sb_str(&keys));
            sb_release(&keys);
        } else {
            complain(v, in, "matches more than one of the allowed forms");
        }
    }
    free(matched);
    return matches == 1;
}

NOINLINE
static bool check_combinators(validator *v, const schema *s,
                              const instance *in, outcome *out)
{
    bool ok = true;
    for (size_t b = 0; b < s->all_of.count; b++) {
        if (!validate(v, s->all_of.items[b], in, out)) {
            ok = false;
            if (!v->d)
                return false;
        }
    }
    if (s->any_of.count && !check_any_of(v, s, in, out))
        ok = false;
    if ((ok || v->d) && s->one_of.count && !check_one_of(v, s, in, out))
        ok = false;
    if (!ok && !v->d)
        return false;
    if (s->not_schema) {
        validator quiet = {NULL, v->depth, NULL};
        outcome ignored = {0};
        if (validate(&quiet, s->not_schema, in, &ignored)) {
            ok = false;
            complain(v, in, "has a form that is not allowed here");
        }
    }
    if (s->if_schema && (ok || v->d)) {
        validator quiet = {NULL, v->depth, NULL};
        outcome ignored = {0};
        const schema *branch = validate(&quiet, s->if_schema, in, &ignored)
                                   ? s->then_schema
                                   : s->else_schema;
        if (branch && !validate(v, branch, in, out))
            ok = false;
    }
    return ok;
}

NOINLINE
static bool check_ref(validator *v, const schema *s, const instance *in,
                      outcome *out)
{
    if (!s->ref_target) {
        if (v->d) {
            strbuf subj = STRBUF_INIT;
            put_subject(&subj, in->subj);
            complain_plain(v, in, "cannot check %s: '$ref' to '%s' does not "
                                  "resolve", sb_str(&subj), s->ref_uri);
            sb_release(&subj);
        }
        return false;
    }
    for (const ref_trail *t = in->trail; t; t = t->outer) {
        if (t->ref != s)
            continue;
        if (v->d) {
            strbuf subj = STRBUF_INIT;
            put_subject(&subj, in->subj);
            complain_plain(v, in, "cannot check %s: '$ref' to '%s' leads "
                                  "back to itself", sb_str(&subj), s->ref_uri);
            sb_release(&subj);
        }
        return false;
    }
    ref_trail trail = {in->trail, s};
    instance next = *in;
    next.trail = &trail;
    return validate(v, s->ref_target, &next, out);
}

static bool validate(validator *v, const schema *s, const instance *in,
                     outcome *out)
{
    if (s->is_boolean) {
        if (!s->accepts)
            complain(v, in, "is not allowed here");
        return s->accepts;
    }
    if (v->depth >= VALIDATE_MAX_DEPTH) {
        if (v->d) {
            strbuf subj = STRBUF_INIT;
            put_subject(&subj, in->subj);
            complain_plain(v, in, "cannot check %s: the schema nests too "
                                  "deeply here", sb_str(&subj));
            sb_release(&subj);
        }
        return false;
    }
    v->depth++;
    scope applied = {in->applied, s};
    instance here = *in;
    here.applied = &applied;
    bool ok = true;
    if (s->ref_uri) {
        ok = check_ref(v, s, &here, out);
        goto done;
    }
    const node *n = in->n;
    /* after a wrong type, "enum" and "const" would only say it again */
    bool type_ok = check_type(v, s, &here, out);
    if (!type_ok)
        ok = false;
    if (s->enum_values && type_ok && !check_enum(v, s, &here))
        ok = false;
    if (s->const_value && type_ok && (ok || v->d) && !check_const(v, s, &here))
        ok = false;
    if (!ok && !v->d)
        goto done;
    switch (n->kind) {
    case NODE_STRING:
        ok = check_string(v, s, &here) && ok;
        break;
    case NODE_NUMBER:
        ok = check_number(v, s, &here) && ok;
        break;
    case NODE_ARRAY:
        ok = check_array(v, s, &here) && ok;
        break;
    case NODE_OBJECT:
        ok = check_object(v, s, &here, out) && ok;
        break;
    case NODE_NULL:
    case NODE_BOOL:
        break;
    }
    if (!ok && !v->d)
        goto done;
    ok = check_combinators(v, s, &here, out) && ok;
done:
    v->depth--;
    return ok;
}

bool schema_validate(const schema *s, const node *instance_node, diag_sink *d)
{
    reported once = {0};
    validator v = {d, 0, &once};
    subject root = {0};
    instance in = {instance_node, &root, NULL, NULL, NULL};
    outcome ignored = {0};
    bool valid = validate(&v, s, &in, &ignored);
    arena_free(once.a);
    return valid;
}
