/* xalloc.c - memory that never comes back empty (see xalloc.h). */
#include "xalloc.h"

#include "i18n.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Noreturn void xout_of_memory(size_t size)
{
    fprintf(stderr, _("kehoach: out of memory (requested %zu bytes)"), size);
    fputc('\n', stderr);
    abort();
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        xout_of_memory(size);
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        xout_of_memory(count * size);
    return p;
}

void *xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q)
        xout_of_memory(size);
    return q;
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

size_t xarray_grown(size_t cap, size_t least, size_t elem_size)
{
    if (cap > SIZE_MAX / 2)
        xout_of_memory(SIZE_MAX);
    size_t want = cap * 2 > least ? cap * 2 : least;
    if (elem_size && want > SIZE_MAX / elem_size)
        xout_of_memory(SIZE_MAX);
    return want;
}

void *xarray_room(void *items, size_t n, size_t *cap, size_t least,
                  size_t elem_size)
{
    if (n < *cap)
        return items;
    size_t want = xarray_grown(*cap, least, elem_size);
    items = xrealloc(items, want * elem_size);
    *cap = want;
    return items;
}
