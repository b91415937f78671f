/* strmap.h - hash maps from strings to pointers, stored in an arena.
 *
 * Open addressing with linear probing, grown at three quarters full. Keys
 * are borrowed (they must outlive the map) and may hold any bytes; values
 * are never NULL. The map lives in the arena given to strmap_put (or
 * strmap_scoped_put), and is freed with it; the slots it outgrew stay
 * there too, so a large map that is soon done belongs in an arena of its
 * own. A zeroed strmap is empty and valid.
 *
 * A key may carry a scope, a number that is part of its identity: "id" in
 * scope 3 and "id" in scope 4 are two keys. One map then holds many small
 * sets at the cost of one (the keys of every mapping of a document, each
 * mapping its own scope). strmap_get and strmap_put use scope 0. */
#ifndef KEHOACH_STRMAP_H
#define KEHOACH_STRMAP_H

#include "arena.h"

#include <stddef.h>

typedef struct strmap_slot {
    const char *key; /* NULL: empty slot */
    size_t len;
    size_t scope;
    size_t hash;
    void *value;
} strmap_slot;

typedef struct strmap {
    strmap_slot *slots;
    size_t cap, count;
} strmap;

/* FNV-1a over the bytes. */
size_t strmap_hash(const char *s, size_t n);

/* The value stored under key, or NULL. */
void *strmap_get(const strmap *m, const char *key, size_t len);

/* Adds key unless present; returns the value now stored under key (the
 * old one when it was there already). */
void *strmap_put(arena *a, strmap *m, const char *key, size_t len, void *value);

/* strmap_get and strmap_put for key in scope. */
void *strmap_scoped_get(const strmap *m, size_t scope, const char *key,
                        size_t len);
void *strmap_scoped_put(arena *a, strmap *m, size_t scope, const char *key,
                        size_t len, void *value);

#endif
