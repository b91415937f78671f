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
 * mapping its own scope). strmap_get and strmap_put use scope 0.
 *
 * A strmap_index finds the strings of a list the caller keeps by their
 * rank in it: an 8-byte slot a key (the rank and a hash), where a strmap
 * takes 40 and a pointer to the value, in one malloc'ed table that is
 * freed when it grows. It is for lists of thousands of keys kept for a
 * whole run (the paths kept, a diagnostics sink's files, the plans' ids). */
#ifndef KEHOACH_STRMAP_H
#define KEHOACH_STRMAP_H

#include "arena.h"

#include <stddef.h>
#include <stdint.h>

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

/* An index of the keys of the caller's list (at most UINT32_MAX - 1 of
 * them); open addressing, grown at three quarters full. A zeroed
 * strmap_index is empty and valid. */
typedef struct strmap_index {
    struct strmap_index_slot *slots;
    size_t cap, count;
} strmap_index;

/* The NUL-terminated key of the rank-th item of the list ctx. */
typedef const char *strmap_index_key_fn(const void *ctx, size_t rank);

/* The rank of key, or SIZE_MAX when no item has it. */
size_t strmap_index_find(const strmap_index *ix, const char *key,
                         strmap_index_key_fn *key_of, const void *ctx);

/* Indexes the item of rank rank, whose key (not in the index yet) is key. */
void strmap_index_add(strmap_index *ix, const char *key, size_t rank,
                      strmap_index_key_fn *key_of, const void *ctx);

void strmap_index_release(strmap_index *ix);

#endif
