/* arena.c - region allocator.
 *
 * Blocks are chained and double in size, so a small document costs a few
 * KiB and a large one few blocks; a request larger than a block gets a
 * block of its own.
 * Memory is zeroed on allocation so that structs built from a document start
 * in a known state. Running out of memory aborts (xalloc.h).
 *
 * A run reads thousands of documents one after another, each into an
 * arena freed when it is done. The blocks of regular sizes are kept for
 * the next arena (up to ARENA_SPARE_MAX bytes) rather than handed back to
 * malloc: given back, glibc returns the top of its heap to the system and
 * the next document faults every page in again (kept, 2,000 plans cost
 * about 2,400 page faults in all).
 * Kept blocks are poisoned under AddressSanitizer, so a use after
 * arena_free is still caught. The engine is single-threaded. */
#include "arena.h"

#include "xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#define ARENA_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define ARENA_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define ARENA_POISON(p, n) ((void)(p), (void)(n))
#define ARENA_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define ARENA_FIRST_BLOCK 4096 /* blocks double from here ... */
#define ARENA_MAX_BLOCK 262144 /* ... up to here */
#define ARENA_SIZES 7          /* 4096 << 0 ... 4096 << 6 */
#define ARENA_SPARE_MAX ((size_t)8 << 20)
#define ARENA_ALIGN 16

struct block {
    struct block *next;
    size_t size, used;
    _Alignas(ARENA_ALIGN) unsigned char data[];
};

struct arena {
    struct block *head;
    size_t total;
    size_t next_block; /* size of the next regular block */
};

/* Blocks of regular sizes kept for reuse, by size, and their bytes. */
static struct block *spare[ARENA_SIZES];
static size_t spare_bytes;

/* The index of a regular block size in spare, or ARENA_SIZES. */
static size_t size_class(size_t size)
{
    for (size_t k = 0; k < ARENA_SIZES; k++)
        if (size == (size_t)ARENA_FIRST_BLOCK << k)
            return k;
    return ARENA_SIZES;
}

static void keep_or_free(struct block *b)
{
    size_t k = size_class(b->size);
    if (k == ARENA_SIZES || spare_bytes + b->size > ARENA_SPARE_MAX) {
        free(b);
        return;
    }
    b->next = spare[k];
    spare[k] = b;
    spare_bytes += b->size;
    ARENA_POISON(b->data, b->size);
}

/* A block of cap bytes: a kept one when there is one. */
static struct block *block_new(size_t cap)
{
    size_t k = size_class(cap);
    struct block *b = k < ARENA_SIZES ? spare[k] : NULL;
    if (b) {
        spare[k] = b->next;
        spare_bytes -= b->size;
        ARENA_UNPOISON(b->data, b->size);
    } else {
        b = xmalloc(sizeof(struct block) + cap);
        b->size = cap;
    }
    b->used = 0;
    return b;
}

arena *arena_new(void)
{
    arena *a = xcalloc(1, sizeof(arena));
    a->next_block = ARENA_FIRST_BLOCK;
    return a;
}

void arena_reset(arena *a)
{
    struct block *b = a->head;
    while (b) {
        struct block *next = b->next;
        keep_or_free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
    a->next_block = ARENA_FIRST_BLOCK;
}

void arena_free(arena *a)
{
    if (!a)
        return;
    arena_reset(a);
    free(a);
}

/* size bytes at an address aligned to align (1 or ARENA_ALIGN), as they
 * are: the callers zero or fill them. */
static void *take(arena *a, size_t size, size_t align)
{
    if (size == 0)
        size = 1;
    if (size > SIZE_MAX - sizeof(struct block) - ARENA_ALIGN)
        xout_of_memory(size);
    struct block *b = a->head;
    size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
    if (!b || at > b->size || b->size - at < size) {
        size_t cap = size > a->next_block / 4 ? size : a->next_block;
        if (cap == a->next_block && a->next_block < ARENA_MAX_BLOCK)
            a->next_block *= 2;
        struct block *nb = block_new(cap);
        if (cap == size && b) {
            /* an oversized request: keep the current block at the head */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
        at = 0;
    }
    void *p = b->data + at;
    a->total += at + size - b->used;
    b->used = at + size;
    return p;
}

void *arena_alloc(arena *a, size_t size)
{
    void *p = take(a, size, ARENA_ALIGN);
    memset(p, 0, size ? size : 1);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = take(a, n + 1, 1); /* text needs no alignment */
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    char small[256];
    va_list ap, aq;
    va_start(ap, fmt);
    va_copy(aq, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    char *p = arena_alloc(a, (size_t)n + 1);
    if ((size_t)n < sizeof small)
        memcpy(p, small, (size_t)n + 1);
    else
        vsnprintf(p, (size_t)n + 1, fmt, aq);
    va_end(aq);
    return p;
}

void *arena_grow(arena *a, void *old, size_t old_count, size_t new_count,
                 size_t elem_size)
{
    if (new_count <= old_count)
        return old;
    if (elem_size && new_count > SIZE_MAX / elem_size)
        xout_of_memory(SIZE_MAX);
    void *p = arena_alloc(a, new_count * elem_size);
    if (old && old_count)
        memcpy(p, old, old_count * elem_size);
    return p;
}

void *arena_room(arena *a, void *items, size_t n, size_t *cap, size_t least,
                 size_t elem_size)
{
    if (n < *cap)
        return items;
    size_t want = xarray_grown(*cap, least, elem_size);
    items = arena_grow(a, items, n, want, elem_size);
    *cap = want;
    return items;
}

size_t arena_used(const arena *a)
{
    return a->total;
}
