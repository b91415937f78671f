/* xalloc.h - memory from the C library that never comes back empty.
 *
 * Named as git names its own: x and the C function they stand for
 * (xmalloc, xstrdup), and xarray_room for an array that grows one element
 * at a time. Running out of memory is the one failure no caller could do
 * anything better about: these print one line and abort, and are the only
 * place that handles it. */
#ifndef KEHOACH_XALLOC_H
#define KEHOACH_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Says that size bytes could not be had and aborts. */
_Noreturn void xout_of_memory(size_t size);

/* Room for one more element in a growing array: every array that grows
 * one element at a time goes through this (or arena_room, arena.h), so
 * none grows by a constant step (quadratic) or overflows its size. When
 * n == *cap, the array is given twice the slots (at least `least`, see
 * xarray_grown) and *cap says how many; the array returned holds the n
 * elements of the old one. */
void *xarray_room(void *items, size_t n, size_t *cap, size_t least,
                  size_t elem_size);

/* The slots a full array of cap grows to: twice cap, at least least;
 * aborts when that many elements of elem_size would not fit in memory. */
size_t xarray_grown(size_t cap, size_t least, size_t elem_size);

/* ARRAY_ROOM(items, n, cap, least): room for items[n] on the heap, as
 * xarray_room(). */
#define ARRAY_ROOM(items, n, cap, least) \
    ((items) = xarray_room((items), (n), &(cap), (least), sizeof *(items)))

#endif
