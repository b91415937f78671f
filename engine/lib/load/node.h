/* node.h - the document tree shared by the YAML and JSON readers.
 *
 * A loaded document is a tree of nodes with the JSON data model (null,
 * boolean, number, string, array, object), every node carrying its source
 * and position, so that the schema validator and the meaning checks can
 * point at the exact spot. Nodes live in the document's arena. A YAML
 * alias makes two parents share one node; the tree is then a DAG. */
#ifndef KEHOACH_NODE_H
#define KEHOACH_NODE_H

#include "arena.h"
#include "source.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum node_kind {
    NODE_NULL,
    NODE_BOOL,
    NODE_NUMBER,
    NODE_STRING,
    NODE_ARRAY,
    NODE_OBJECT,
} node_kind;

typedef struct node node;

typedef struct node_member {
    const char *key; /* NUL-terminated (keys never contain NUL) */
    size_t key_len;
    srcpos key_pos;
    size_t key_span; /* bytes of the key as written */
    node *value;
} node_member;

struct node {
    node_kind kind;
    const source *src; /* NULL for nodes made by code */
    srcpos pos;        /* where the node starts */
    size_t span;       /* bytes to underline; 0 for an empty scalar */
    union {
        bool boolean;
        struct {
            double value;
            const char *text; /* as written, NUL-terminated */
        } number;
        struct {
            const char *s; /* NUL-terminated; may hold NUL if len says so */
            size_t len;
        } string;
        struct {
            node **items;
            size_t count;
        } array;
        struct {
            node_member *members; /* in document order */
            size_t count;
        } object;
    } u;
};

node *node_new(arena *a, node_kind kind, const source *src, srcpos pos,
               size_t span);

/* The member of an object with this key, or NULL (also when obj is not an
 * object). */
const node_member *node_member_get(const node *obj, const char *key);
/* Its value, or NULL. */
const node *node_get(const node *obj, const char *key);

/* String value of a string node, or NULL for any other node. */
const char *node_str(const node *n);

/* The value of the member key of obj when it is a number (a boolean),
 * else fallback: for a reader the schema has already checked, which
 * takes what has the expected shape. */
double node_number_of(const node *obj, const char *key, double fallback);
bool node_bool_of(const node *obj, const char *key, bool fallback);

/* True when a number node holds a mathematical integer (1 and 1.0 both). */
bool node_is_integer(const node *n);

/* JSON equality: numbers by value, objects regardless of member order. */
bool node_equal(const node *a, const node *b);

/* "null", "boolean", "number", "string", "array", "object". */
const char *node_kind_name(node_kind kind);

#endif
