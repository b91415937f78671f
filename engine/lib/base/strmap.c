/* strmap.c - string-keyed hash maps in an arena (see strmap.h). */
#include "strmap.h"

#include <stdint.h>
#include <string.h>

size_t strmap_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    return (size_t)h;
}

void *strmap_get(const strmap *m, const char *key, size_t len)
{
    if (!m->count)
        return NULL;
    size_t h = strmap_hash(key, len);
    for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        const strmap_slot *s = &m->slots[i];
        if (!s->key)
            return NULL;
        if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0)
            return s->value;
    }
}

/* Puts entry in the first free slot from its hash on. */
static void strmap_place(strmap_slot *slots, size_t cap, strmap_slot entry)
{
    size_t i = entry.hash & (cap - 1);
    while (slots[i].key)
        i = (i + 1) & (cap - 1);
    slots[i] = entry;
}

void *strmap_put(arena *a, strmap *m, const char *key, size_t len, void *value)
{
    void *old = strmap_get(m, key, len);
    if (old)
        return old;
    if ((m->count + 1) * 4 > m->cap * 3) {
        size_t cap = m->cap ? m->cap * 2 : 8;
        strmap_slot *slots = arena_alloc(a, cap * sizeof *slots);
        for (size_t i = 0; i < m->cap; i++)
            if (m->slots[i].key)
                strmap_place(slots, cap, m->slots[i]);
        m->slots = slots;
        m->cap = cap;
    }
    strmap_place(m->slots, m->cap,
                 (strmap_slot){key, len, strmap_hash(key, len), value});
    m->count++;
    return value;
}
