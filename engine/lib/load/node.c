/* node.c - document tree helpers (see node.h). */
#include "node.h"

#include <math.h>
#include <string.h>

node *node_new(arena *a, node_kind kind, const source *src, srcpos pos,
               size_t span)
{
    node *n = arena_alloc(a, sizeof *n);
    n->kind = kind;
    n->src = src;
    n->pos = pos;
    n->span = span;
    return n;
}

const node_member *node_member_get(const node *obj, const char *key)
{
    if (!obj || obj->kind != NODE_OBJECT)
        return NULL;
    size_t len = strlen(key);
    for (size_t i = 0; i < obj->u.object.count; i++) {
        const node_member *m = &obj->u.object.members[i];
        if (m->key_len == len && memcmp(m->key, key, len) == 0)
            return m;
    }
    return NULL;
}

const node *node_get(const node *obj, const char *key)
{
    const node_member *m = node_member_get(obj, key);
    return m ? m->value : NULL;
}

const char *node_str(const node *n)
{
    return n && n->kind == NODE_STRING ? n->u.string.s : NULL;
}

double node_number_of(const node *obj, const char *key, double fallback)
{
    const node *n = node_get(obj, key);
    return n && n->kind == NODE_NUMBER ? n->u.number.value : fallback;
}

bool node_bool_of(const node *obj, const char *key, bool fallback)
{
    const node *n = node_get(obj, key);
    return n && n->kind == NODE_BOOL ? n->u.boolean : fallback;
}

bool node_is_integer(const node *n)
{
    if (!n || n->kind != NODE_NUMBER)
        return false;
    double v = n->u.number.value;
    return isfinite(v) && floor(v) == v;
}

bool node_equal(const node *a, const node *b)
{
    if (a == b)
        return true;
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case NODE_NULL:
        return true;
    case NODE_BOOL:
        return a->u.boolean == b->u.boolean;
    case NODE_NUMBER:
        return a->u.number.value == b->u.number.value;
    case NODE_STRING:
        return a->u.string.len == b->u.string.len &&
               memcmp(a->u.string.s, b->u.string.s, a->u.string.len) == 0;
    case NODE_ARRAY:
        if (a->u.array.count != b->u.array.count)
            return false;
        for (size_t i = 0; i < a->u.array.count; i++)
            if (!node_equal(a->u.array.items[i], b->u.array.items[i]))
                return false;
        return true;
    case NODE_OBJECT:
        if (a->u.object.count != b->u.object.count)
            return false;
        for (size_t i = 0; i < a->u.object.count; i++) {
            const node_member *m = &a->u.object.members[i];
            const node_member *o = node_member_get(b, m->key);
            if (!o || !node_equal(m->value, o->value))
                return false;
        }
        return true;
    }
    return false;
}

const char *node_kind_name(node_kind kind)
{
    static const char *const names[] = {
        "null", "boolean", "number", "string", "array", "object",
    };
    return names[kind];
}
