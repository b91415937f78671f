/* strmap.c - string-keyed hash maps in an arena (see strmap.h).
 *
 * A scope seeds the hash (FNV-1a from a basis of its own, the high bits
 * folded into the low ones that choose the slot), so the keys of one
 * scope spread over the table like any others. A put probes once: the
 * slot where the key is not found is where it goes, unless the map must
 * grow first.
 *
 * A strmap_index slot holds 32 bits of the key's hash, so a probe compares
 * the key itself only when they match. */
#include "strmap.h"

#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define STRMAP_FNV_BASIS 14695981039346656037u
#define STRMAP_FNV_PRIME 1099511628211u

/* FNV-1a from basis h. */
static size_t strmap_fnv(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= STRMAP_FNV_PRIME;
    }
    return (size_t)h;
}

size_t strmap_hash(const char *s, size_t n)
{
    return strmap_fnv(STRMAP_FNV_BASIS, s, n);
}

static size_t strmap_scoped_hash(size_t scope, const char *s, size_t n)
{
    uint64_t h =
        strmap_fnv(STRMAP_FNV_BASIS ^ ((uint64_t)scope * 0x9E3779B97F4A7C15u),
                   s, n);
    return (size_t)(h ^ (h >> 29));
}

/* The slot of key in scope (hash h), or the empty slot where it would go. */
static strmap_slot *strmap_find(const strmap *m, size_t scope, size_t h,
                                const char *key, size_t len)
{
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        strmap_slot *s = &m->slots[i];
        if (!s->key || (s->hash == h && s->scope == scope && s->len == len &&
                        memcmp(s->key, key, len) == 0))
            return s;
    }
}

void *strmap_scoped_get(const strmap *m, size_t scope, const char *key,
                        size_t len)
{
    if (!m->count)
        return NULL;
    return strmap_find(m, scope, strmap_scoped_hash(scope, key, len), key, len)
        ->value;
}

void *strmap_get(const strmap *m, const char *key, size_t len)
{
    return strmap_scoped_get(m, 0, key, len);
}

void *strmap_scoped_put(arena *a, strmap *m, size_t scope, const char *key,
                        size_t len, void *value)
{
    size_t h = strmap_scoped_hash(scope, key, len);
    strmap_slot *s = m->cap ? strmap_find(m, scope, h, key, len) : NULL;
    if (s && s->key)
        return s->value;
    if ((m->count + 1) * 4 > m->cap * 3) {
        strmap bigger = {NULL, m->cap ? m->cap * 2 : 8, m->count};
        bigger.slots = arena_alloc(a, bigger.cap * sizeof *bigger.slots);
        for (size_t i = 0; i < m->cap; i++) {
            const strmap_slot *old = &m->slots[i];
            if (old->key)
                *strmap_find(&bigger, old->scope, old->hash, old->key,
                             old->len) = *old;
        }
        *m = bigger;
        s = strmap_find(m, scope, h, key, len);
    }
    *s = (strmap_slot){key, len, scope, h, value};
    m->count++;
    return value;
}

void *strmap_put(arena *a, strmap *m, const char *key, size_t len, void *value)
{
    return strmap_scoped_put(a, m, 0, key, len, value);
}

struct strmap_index_slot {
    uint32_t rank1; /* the item's rank + 1; 0: an empty slot */
    uint32_t hash;
};

static uint32_t strmap_index_hash(const char *key)
{
    size_t h = strmap_hash(key, strlen(key));
    return (uint32_t)(h ^ (h >> 32));
}

/* The slot of key (hash h) in a table of cap slots with room, or the empty
 * slot where it would go. */
static struct strmap_index_slot *strmap_index_slot(
    struct strmap_index_slot *slots, size_t cap, uint32_t h, const char *key,
    strmap_index_key_fn *key_of, const void *ctx)
{
    size_t mask = cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        struct strmap_index_slot *s = &slots[i];
        if (!s->rank1 ||
            (s->hash == h && strcmp(key_of(ctx, s->rank1 - 1), key) == 0))
            return s;
    }
}

size_t strmap_index_find(const strmap_index *ix, const char *key,
                         strmap_index_key_fn *key_of, const void *ctx)
{
    if (!ix->count)
        return SIZE_MAX;
    const struct strmap_index_slot *s =
        strmap_index_slot(ix->slots, ix->cap, strmap_index_hash(key), key,
                          key_of, ctx);
    return s->rank1 ? s->rank1 - 1 : SIZE_MAX;
}

void strmap_index_add(strmap_index *ix, const char *key, size_t rank,
                      strmap_index_key_fn *key_of, const void *ctx)
{
    if ((ix->count + 1) * 4 > ix->cap * 3) {
        size_t cap = ix->cap ? ix->cap * 2 : 64;
        struct strmap_index_slot *slots = xcalloc(cap, sizeof *slots);
        for (size_t i = 0; i < ix->cap; i++) {
            const struct strmap_index_slot *old = &ix->slots[i];
            if (old->rank1)
                *strmap_index_slot(slots, cap, old->hash,
                                   key_of(ctx, old->rank1 - 1), key_of, ctx) =
                    *old;
        }
        free(ix->slots);
        ix->slots = slots;
        ix->cap = cap;
    }
    uint32_t h = strmap_index_hash(key);
    *strmap_index_slot(ix->slots, ix->cap, h, key, key_of, ctx) =
        (struct strmap_index_slot){(uint32_t)rank + 1, h};
    ix->count++;
}

void strmap_index_release(strmap_index *ix)
{
    free(ix->slots);
    *ix = (strmap_index){NULL, 0, 0};
}
