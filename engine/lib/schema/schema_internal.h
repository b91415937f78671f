/* schema_internal.h - what the files of the schema module share (the
 * module's face is schema.h).
 *
 * A schema document is compiled (schema_compile.c) into a tree of `schema`
 * structs held by a set (schema_set.c), which also finds schemas by URI and
 * by node and resolves "$ref"s; validation (schema_validate.c) walks that
 * tree over an instance and says what it finds through the messages of
 * schema_message.c, which name instances by their keys and titles. The one
 * idea to know: schemas are written only while their set grows (compiling,
 * then "$ref" resolution); validation and messages only read them.
 * Everything compiled lives in the set's arena but the regular
 * expressions, which the set owns. */
#ifndef KEHOACH_SCHEMA_INTERNAL_H
#define KEHOACH_SCHEMA_INTERNAL_H

#include "schema.h"

#include "arena.h"
#include "regex.h"
#include "source.h"
#include "strbuf.h"
#include "strmap.h"

#include <stdbool.h>
#include <stddef.h>

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

/* Type names in the order a schema wrote them. */
typedef struct type_list {
    unsigned char types[JT_COUNT];
    size_t count;
} type_list;

/* The type of n as a schema names it (a whole number is JT_INTEGER). */
static inline json_type schema_type_of(const node *n)
{
    switch (n->kind) {
    case NODE_NULL:
        return JT_NULL;
    case NODE_BOOL:
        return JT_BOOLEAN;
    case NODE_NUMBER:
        return node_is_integer(n) ? JT_INTEGER : JT_NUMBER;
    case NODE_STRING:
        return JT_STRING;
    case NODE_ARRAY:
        return JT_ARRAY;
    case NODE_OBJECT:
        return JT_OBJECT;
    }
    return JT_NULL;
}

/* Adds t to l unless it is there. */
static inline void schema_types_add(type_list *l, json_type t)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->types[i] == t)
            return;
    l->types[l->count++] = (unsigned char)t;
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
    const char *pattern; /* the expression, as the key writes it */
    regex *re;
    schema *s;
} pattern_schema;

typedef struct dependency {
    const char *name;
    size_t len;
    schema *s;        /* schema form, or NULL */
    const node *keys; /* list form: string nodes */
} dependency;

struct schema {
    const node *source_node;
    bool is_boolean;    /* true or false schema */
    bool accepts;       /* its value */
    bool required_only; /* only "required" and annotations */
    const char *title;
    const node *examples;

    const node *ref_node;     /* the "$ref" value */
    const char *ref_uri;      /* its absolute target */
    const schema *ref_target; /* NULL until it resolves */

    const node *multiple_of, *maximum, *exclusive_maximum, *minimum,
        *exclusive_minimum;

    size_t max_length, min_length; /* SIZE_MAX / 0: no limit */
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
    strmap property_index; /* name -> named_schema */
    const char **property_names;
    pattern_schema *pattern_properties;
    size_t pattern_count;
    schema *additional_properties;
    dependency *dependencies;
    size_t dependency_count;
    schema *property_names_schema;

    const node *const_value;
    const node *enum_values;
    const char **enum_strings; /* the string values, for suggestions */
    size_t enum_string_count;
    unsigned type_mask; /* 0: no "type" */
    type_list types;

    schema_list all_of, any_of, one_of;
    bool any_of_required_only, one_of_required_only;
    schema *not_schema;
    schema *if_schema, *then_schema, *else_schema;
};

struct schema_set {
    arena *a;
    strmap by_uri;  /* resource URIs and "uri#name" anchors */
    strmap by_node; /* schema node (its pointer's bytes) -> schema */
    schema **refs;  /* every schema with a "$ref" */
    size_t ref_count, ref_cap;
    regex **regexes; /* owned */
    size_t regex_count, regex_cap;
    source *meta_source; /* the embedded meta-schema's text */
};

/* ---- compiling (schema_compile.c) --------------------------------------- */

/* Compiles doc with base URI base into set, registering its root there;
 * its "$ref"s are left to schema_set.c. False when d was given errors. */
bool schema_compile_document(schema_set *set, const node *doc, const char *base,
                             diag_sink *d);

/* ---- the set (schema_set.c) --------------------------------------------- */

/* Keeps s as the schema compiled from n (the first one stays). */
void schema_set_remember_node(schema_set *set, const node *n, schema *s);
/* Keeps s to resolve its "$ref" once its target is in the set. */
void schema_set_remember_ref(schema_set *set, schema *s);
/* Takes re, to be freed with the set. */
void schema_set_remember_regex(schema_set *set, regex *re);

/* ---- validation state (schema_validate.c) ------------------------------- */

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
    const struct subject *array; /* an item: the subject of its list */
    size_t item;                 /* 1-based item number, or 0 */
    const node_member *member;   /* a member value: its member */
    const schema *via;           /* the schema checking the member */
    const scope *owner;          /* schemas applied to its object */
} subject;

typedef struct instance {
    const node *n;
    const subject *subj;
    const node_member *member; /* n is the value of this member */
    const scope *applied;
    const ref_trail *trail;
} instance;

/* The problems reported into one sink, so that two checks finding the
 * same problem (a property constrained by a schema and by its "allOf")
 * say it once. */
typedef struct reported {
    arena *a;    /* NULL until the first report */
    strmap seen; /* "source offset message" */
} reported;

typedef struct validator {
    diag_sink *d; /* NULL: quiet, only the verdict is wanted */
    unsigned depth;
    reported *once; /* what d has been told (loud mode) */
} validator;

/* ---- messages (schema_message.c) ---------------------------------------- */

/* How n's type reads in a message ("a whole number", "text"), translated;
 * a noun phrase put into a sentence. */
const char *schema_message_type_phrase(const node *n);
/* "<subj> must be <the types expected>, not <n's type>", and after it the
 * YAML trap that likely made n (see there). */
void schema_message_put_type_mismatch(strbuf *out, const char *subj,
                                      const type_list *expected, const node *n);
/* The title of property key in the schemas applied (innermost first). */
const char *schema_message_lookup_title(const scope *sc, const char *key,
                                        size_t len);
/* "'key'" or "'key' (title)". */
void schema_message_put_key_with_title(strbuf *out, const char *key,
                                       const char *title);
/* How a message names the instance: "'lead' (Đơn vị chủ trì)",
 * "item 2 of 'tasks'", "the document", translated, to pass as an argument
 * of a complaint; kept until the validation ends ("" when v is quiet). */
const char *schema_message_subject(validator *v, const subject *subj);
/* A value as a message shows it: text in single quotes, the rest as JSON;
 * a list of them joined with ", " and " or " (translated). */
void schema_message_put_value(strbuf *out, const node *n);
void schema_message_put_value_list(strbuf *out, const node *values);

/* Errors of a loud validator (nothing when v is quiet), each given once at
 * its spot: fmt, a whole sentence in English that names its subject with
 * a placeholder, translated here, at the instance or at a member's key;
 * or a text already made and translated, at the instance. */
void schema_message_complain(validator *v, const instance *in, const char *fmt,
                             ...) __attribute__((format(printf, 3, 4)));
void schema_message_complain_at_key(validator *v, const node *obj,
                                    const node_member *m, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void schema_message_complain_text(validator *v, const instance *in,
                                  const strbuf *text);

#endif
