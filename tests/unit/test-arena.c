/* test-arena.c - region allocation (arena.h) and growable strings
 * (strbuf.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "arena.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static void allocations_are_zeroed_and_aligned(void **state)
{
    (void)state;
    arena *a = arena_new();
    for (size_t size = 1; size < 5000; size += 37) {
        unsigned char *p = arena_alloc(a, size);
        assert_int_equal((uintptr_t)p % 16, 0);
        for (size_t i = 0; i < size; i++)
            assert_int_equal(p[i], 0);
        memset(p, 0xAB, size); /* ASan: the whole block is ours */
    }
    char *big = arena_alloc(a, 1 << 20); /* larger than any block */
    big[(1 << 20) - 1] = 'x';
    assert_true(arena_used(a) >= (1 << 20));
    arena_free(a);
    arena_free(NULL);
}

static void strings_and_growth(void **state)
{
    (void)state;
    arena *a = arena_new();
    assert_string_equal(arena_strndup(a, "Sở Tư pháp", 6), "Sở T"); /* bytes */
    assert_string_equal(arena_printf(a, "%s %d", "năm", 2026), "năm 2026");
    char long_text[600];
    memset(long_text, 'a', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    assert_string_equal(arena_printf(a, "%s", long_text), long_text);
    int *v = NULL;
    for (size_t n = 0; n < 100; n++) {
        v = arena_grow(a, v, n, n + 1, sizeof *v);
        v[n] = (int)n;
    }
    for (int i = 0; i < 100; i++)
        assert_int_equal(v[i], i);
    arena_free(a);
}

/* One element at a time, on the heap and in the arena: the slots double
 * (from `least`), so 100,000 elements take 14 growths, and every element
 * written stays. */
static void arrays_make_room_by_doubling(void **state)
{
    (void)state;
    size_t *heap = NULL, heap_n = 0, heap_cap = 0, growths = 0;
    arena *a = arena_new();
    size_t *kept = NULL, kept_n = 0, kept_cap = 0;
    for (size_t i = 0; i < 100000; i++) {
        size_t before = heap_cap;
        ARRAY_ROOM(heap, heap_n, heap_cap, 16);
        growths += heap_cap != before;
        assert_true(heap_cap > heap_n);
        assert_true(heap_cap == 16 || heap_cap <= 2 * (heap_n + 1));
        heap[heap_n++] = i;
        ARENA_ROOM(a, kept, kept_n, kept_cap, 16);
        kept[kept_n++] = i * 3;
    }
    assert_int_equal(growths, 14); /* 16 * 2^13 = 131,072 */
    assert_int_equal(heap_cap, 131072);
    for (size_t i = 0; i < 100000; i++) {
        assert_int_equal(heap[i], i);
        assert_int_equal(kept[i], i * 3);
    }
    free(heap);
    arena_free(a);
}

static void strbuf_builds_text(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    assert_string_equal(strbuf_str(&sb), "");
    strbuf_puts(&sb, "a");
    strbuf_putc(&sb, 'b');
    strbuf_repeat(&sb, '-', 3);
    strbuf_printf(&sb, "%05d", 42);
    assert_string_equal(strbuf_str(&sb), "ab---00042");
    for (int i = 0; i < 1000; i++)
        strbuf_printf(&sb, "%s", "xyz");
    assert_int_equal(sb.len, 10 + 3000);
    strbuf_release(&sb);
    assert_null(sb.buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(allocations_are_zeroed_and_aligned),
        cmocka_unit_test(strings_and_growth),
        cmocka_unit_test(arrays_make_room_by_doubling),
        cmocka_unit_test(strbuf_builds_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
