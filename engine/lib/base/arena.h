/* arena.h - region allocator: one arena per loaded document.
 *
 * Everything read from one file (nodes, strings, the plan model) is carved
 * out of one arena and released by a single arena_free(). Allocation never
 * fails silently: on exhaustion of memory the process aborts with a message
 * (xalloc.h), because no caller could do anything better. */
#ifndef KEHOACH_ARENA_H
#define KEHOACH_ARENA_H

#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a); /* NULL-safe */
/* Empties a for reuse: what it handed out is gone, as after arena_free,
 * but the arena itself stays (a loop that reads one item at a time). */
void arena_reset(arena *a);

void *arena_alloc(arena *a, size_t size); /* zeroed, aligned for any type */
char *arena_strndup(arena *a, const char *s, size_t n); /* NUL-terminated */
char *arena_strdup(arena *a, const char *s);
char *arena_printf(arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Grow-by-doubling array stored in the arena; old storage stays in it. */
void *arena_grow(arena *a, void *old, size_t old_count, size_t new_count,
                 size_t elem_size);

/* Room for one more element in a growing array kept in the arena, as
 * xarray_room() (xalloc.h) keeps one on the heap: old storage stays in the
 * arena. ARENA_ROOM(a, items, n, cap, least): room for items[n]. */
void *arena_room(arena *a, void *items, size_t n, size_t *cap, size_t least,
                 size_t elem_size);
#define ARENA_ROOM(a, items, n, cap, least) \
    ((items) = arena_room((a), (items), (n), &(cap), (least), sizeof *(items)))

/* Bytes handed out so far (for memory figures in benchmarks). */
size_t arena_used(const arena *a);

#endif
