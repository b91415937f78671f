/* test-deflate_edit.c - texts replaced in a raw deflate stream
 * (deflate_edit.h): zlib inflates what it wrote, which must be the text
 * with each wanted change made at its first place, for streams zlib made
 * at every level and strategy, with blocks ended at chosen places (also
 * in the middle of a text to replace), read back a few bytes or many at
 * a time; the CRCs and sizes it gives are those of the texts; a change
 * near the end leaves most of the compressed bytes as they were; a
 * stream with nothing to replace comes out byte for byte; a stream that
 * is corrupt or cut short, or that cannot be read or written, is said
 * to be. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "deflate_edit.h"

#include <zlib.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SELECTED "<sheetView tabSelected=\"1\""
#define HEADER_FOOTER "<headerFooter>"

/* --- bytes in memory --------------------------------------------------- */

typedef struct bytes {
    unsigned char *buf;
    size_t len, cap;
} bytes;

static void add(bytes *b, const void *data, size_t len)
{
    if (b->len + len + 1 > b->cap) {
        b->cap = (b->len + len + 1) * 2;
        b->buf = realloc(b->buf, b->cap);
        assert_non_null(b->buf);
    }
    memcpy(b->buf + b->len, data, len);
    b->len += len;
    b->buf[b->len] = '\0';
}

static void add_text(bytes *b, const char *s)
{
    add(b, s, strlen(s));
}

/* A small generator of its own, so the cases are the same everywhere. */
static uint64_t next_random(uint64_t *state)
{
    *state = *state * 6364136223846793005u + 1442695040888963407u;
    return *state >> 33;
}

static size_t below(uint64_t *state, size_t n)
{
    return n ? (size_t)(next_random(state) % n) : 0;
}

/* --- zlib, which the stream is made and read back with ----------------- */

/* text deflated raw at a level and strategy; where a block is to end
 * (flushes[i], in text offsets, increasing), with which flush. */
static bytes deflated(const bytes *text, int level, int strategy, int mem_level,
                      const size_t *flushes, size_t nflushes, int flush_kind)
{
    z_stream z = {0};
    assert_int_equal(deflateInit2(&z, level, Z_DEFLATED, -MAX_WBITS, mem_level,
                                  strategy),
                     Z_OK);
    bytes out = {0};
    unsigned char buf[4096];
    size_t at = 0;
    for (size_t f = 0; f <= nflushes; f++) {
        size_t to = f < nflushes ? flushes[f] : text->len;
        int flush = f < nflushes ? flush_kind : Z_FINISH;
        z.next_in = text->buf + at;
        z.avail_in = (uInt)(to - at);
        int r;
        do {
            z.next_out = buf;
            z.avail_out = sizeof buf;
            r = deflate(&z, flush);
            assert_true(r == Z_OK || r == Z_STREAM_END || r == Z_BUF_ERROR);
            add(&out, buf, sizeof buf - z.avail_out);
        } while (z.avail_out == 0 || (flush == Z_FINISH && r != Z_STREAM_END));
        at = to;
    }
    deflateEnd(&z);
    return out;
}

static bytes inflated(const bytes *packed)
{
    z_stream z = {0};
    assert_int_equal(inflateInit2(&z, -MAX_WBITS), Z_OK);
    bytes out = {0};
    unsigned char buf[4096];
    z.next_in = packed->buf;
    z.avail_in = (uInt)packed->len;
    int r;
    do {
        z.next_out = buf;
        z.avail_out = sizeof buf;
        r = inflate(&z, Z_NO_FLUSH);
        assert_true(r == Z_OK || r == Z_STREAM_END);
        add(&out, buf, sizeof buf - z.avail_out);
    } while (r != Z_STREAM_END);
    assert_int_equal(z.avail_in, 0); /* nothing after the stream's end */
    inflateEnd(&z);
    return out;
}

/* --- deflate_edit's ends ------------------------------------------------ */

typedef struct ends {
    const bytes *in;
    size_t at, most; /* read at most `most` bytes at a time */
    bytes out;
    bool fail_read, fail_write;
} ends;

static long read_in(void *ctx, void *buf, size_t cap)
{
    ends *e = ctx;
    if (e->fail_read && e->at > e->in->len / 2)
        return -1;
    size_t n = e->in->len - e->at;
    if (n > cap)
        n = cap;
    if (n > e->most)
        n = e->most;
    memcpy(buf, e->in->buf + e->at, n);
    e->at += n;
    return (long)n;
}

static bool write_out(void *ctx, const void *buf, size_t len)
{
    ends *e = ctx;
    if (e->fail_write && e->out.len + len > 16)
        return false;
    add(&e->out, buf, len);
    return true;
}

static deflate_edit_status edit(deflate_editor *ed, const bytes *in,
                                size_t most, deflate_change *c, size_t nc,
                                ends *e, deflate_edit_sizes *sizes)
{
    *e = (ends){.in = in, .most = most};
    deflate_edit_io io = {read_in, write_out, e};
    return deflate_edit_run(ed, &io, c, nc, sizes);
}

/* The text with each wanted change made at its first place, as the
 * header says: from the start, the earliest of the changes not yet made
 * is made and the search goes on after it. */
static bytes changed(const bytes *text, const deflate_change *c, size_t nc)
{
    bool done[8] = {false};
    bytes out = {0};
    size_t at = 0;
    for (;;) {
        size_t best = nc, best_at = text->len;
        for (size_t i = 0; i < nc; i++) {
            if (!c[i].wanted || done[i])
                continue;
            const char *hit = strstr((const char *)text->buf + at, c[i].from);
            size_t pos = hit ? (size_t)(hit - (const char *)text->buf) : 0;
            if (hit && pos < best_at) {
                best = i;
                best_at = pos;
            }
        }
        if (best == nc)
            break;
        add(&out, text->buf + at, best_at - at);
        add_text(&out, c[best].to);
        at = best_at + strlen(c[best].from);
        done[best] = true;
    }
    add(&out, text->buf + at, text->len - at);
    return out;
}

/* What the edit wrote inflates to text with the changes made. */
static void comes_back_changed(const ends *e, const bytes *text,
                               const deflate_change *c, size_t nc)
{
    bytes back = inflated(&e->out);
    bytes expected = changed(text, c, nc);
    assert_int_equal(back.len, expected.len);
    assert_memory_equal(back.buf, expected.buf, back.len);
    free(back.buf);
    free(expected.buf);
}

/* A sheet's text of about n bytes, as libxlsxwriter would repeat its
 * markup, with the texts to replace where wanted (at text offsets) and
 * look-alikes that must be left as they are. */
static bytes sheet_text(uint64_t *rnd, size_t n, size_t selected_at,
                        size_t header_at)
{
    static const char *const words[] = {"<row r=\"",
                                        "\"><c r=\"A",
                                        "\" s=\"3\" t=\"inlineStr\"><is><t>",
                                        "</t></is></c>",
                                        "</row>",
                                        "Kế hoạch",
                                        "trợ giúp pháp lý ",
                                        "2026",
                                        "<sheetView workbookViewId=\"0\"",
                                        "<headerFooter ",
                                        "<headerFooter",
                                        "<sheetView tabSelected=\"0\"",
                                        " ",
                                        "Sở Tư pháp"};
    bytes t = {0};
    while (t.len < n) {
        if (selected_at != SIZE_MAX && t.len >= selected_at) {
            add_text(&t, SELECTED);
            selected_at = SIZE_MAX;
        }
        if (header_at != SIZE_MAX && t.len >= header_at) {
            add_text(&t, HEADER_FOOTER);
            header_at = SIZE_MAX;
        }
        if (below(rnd, 4) == 0) {
            char digits[24];
            snprintf(digits, sizeof digits, "%zu",
                     (size_t)next_random(rnd) % 100000);
            add_text(&t, digits);
        } else
            add_text(&t, words[below(rnd, sizeof words / sizeof *words)]);
    }
    if (selected_at != SIZE_MAX)
        add_text(&t, SELECTED);
    if (header_at != SIZE_MAX)
        add_text(&t, HEADER_FOOTER);
    if (!t.buf)
        add(&t, "", 0);
    return t;
}

/* --- the cases -------------------------------------------------------- */

static void every_stream_comes_back_with_its_changes(void **state)
{
    (void)state;
    static const int strategies[] = {Z_DEFAULT_STRATEGY, Z_FILTERED,
                                     Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED};
    static const int flush_kinds[] = {Z_SYNC_FLUSH, Z_FULL_FLUSH,
                                      Z_PARTIAL_FLUSH, Z_BLOCK};
    static const size_t sizes[] = {0, 1, 100, 4096, 5000, 40000, 70000, 150000};
    deflate_editor *ed = deflate_edit_new();
    uint64_t rnd = 17;
    for (int round = 0; round < 600; round++) {
        size_t n =
            sizes[below(&rnd, sizeof sizes / sizeof *sizes)] + below(&rnd, 300);
        bool want_selected = below(&rnd, 3) == 0, want_header = below(&rnd, 4);
        size_t selected_at = want_selected ? below(&rnd, 300) : SIZE_MAX;
        size_t header_at = !want_header ? SIZE_MAX
                           : below(&rnd, 2)
                               ? n - below(&rnd, 600 < n ? 600 : n + 1)
                               : below(&rnd, n + 1);
        bytes text = sheet_text(&rnd, n, selected_at, header_at);
        /* where blocks end: none, or a few, some in a text to replace */
        size_t flushes[6], nflushes = below(&rnd, 3) ? 0 : 1 + below(&rnd, 5);
        for (size_t i = 0; i < nflushes; i++)
            flushes[i] = below(&rnd, text.len + 1);
        for (size_t i = 1; i < nflushes; i++) /* in order */
            for (size_t k = i; k > 0 && flushes[k - 1] > flushes[k]; k--) {
                size_t x = flushes[k];
                flushes[k] = flushes[k - 1];
                flushes[k - 1] = x;
            }
        const char *hf = strstr((const char *)text.buf, HEADER_FOOTER);
        if (hf && nflushes)
            flushes[nflushes - 1] = (size_t)(hf - (const char *)text.buf) +
                                    below(&rnd, strlen(HEADER_FOOTER));
        for (size_t i = 1; i < nflushes; i++)
            if (flushes[i] < flushes[i - 1])
                flushes[i] = flushes[i - 1];
        int level = (int)below(&rnd, 10);
        int strategy = strategies[below(&rnd, 5)];
        int mem_level = 1 + (int)below(&rnd, 9);
        int flush_kind = flush_kinds[below(&rnd, 4)];
        bytes packed = deflated(&text, level, strategy, mem_level, flushes,
                                nflushes, flush_kind);
        deflate_change c[] = {
            {SELECTED, "<sheetView", want_selected, false},
            {HEADER_FOOTER, "<headerFooter differentFirst=\"1\">", want_header,
             false},
        };
        size_t most = below(&rnd, 2) ? 1 + below(&rnd, 40) : 65536;
        ends e;
        deflate_edit_sizes got;
        assert_int_equal(edit(ed, &packed, most, c, 2, &e, &got),
                         DEFLATE_EDIT_OK);
        bytes expected = changed(&text, c, 2);
        bytes back = inflated(&e.out);
        if (back.len != expected.len ||
            memcmp(back.buf, expected.buf, back.len) != 0)
            fail_msg("round %d: %zu bytes back, %zu expected (level %d, "
                     "strategy %d, memLevel %d, %zu flushes)",
                     round, back.len, expected.len, level, strategy, mem_level,
                     nflushes);
        assert_true(c[0].done == want_selected);
        assert_true(c[1].done == want_header);
        assert_int_equal(got.in_size, text.len);
        assert_int_equal(got.out_size, expected.len);
        assert_int_equal(got.in_crc, crc32(0, text.buf, (uInt)text.len));
        assert_int_equal(got.out_crc,
                         crc32(0, expected.buf, (uInt)expected.len));
        assert_true(got.copied <= packed.len);
        free(text.buf);
        free(packed.buf);
        free(expected.buf);
        free(back.buf);
        free(e.out.buf);
    }
    deflate_edit_free(ed);
}

static void a_late_change_copies_most_of_the_stream(void **state)
{
    (void)state;
    uint64_t rnd = 5;
    bytes text = sheet_text(&rnd, 60000, SIZE_MAX, 59900);
    bytes packed = deflated(&text, Z_DEFAULT_COMPRESSION, Z_DEFAULT_STRATEGY, 8,
                            NULL, 0, Z_NO_FLUSH);
    deflate_change c[] = {
        {HEADER_FOOTER, "<headerFooter differentFirst=\"1\">", true, false}};
    deflate_editor *ed = deflate_edit_new();
    ends e;
    deflate_edit_sizes got;
    assert_int_equal(edit(ed, &packed, 65536, c, 1, &e, &got), DEFLATE_EDIT_OK);
    assert_true(c[0].done);
    /* one block here: cut inside it, not at its start */
    assert_true(got.copied * 10 >= packed.len * 9);
    comes_back_changed(&e, &text, c, 1);
    deflate_edit_free(ed);
    free(text.buf);
    free(packed.buf);
    free(e.out.buf);
}

static void nothing_to_replace_leaves_the_bytes(void **state)
{
    (void)state;
    uint64_t rnd = 9;
    bytes text = sheet_text(&rnd, 90000, SIZE_MAX, SIZE_MAX);
    bytes packed =
        deflated(&text, 6, Z_DEFAULT_STRATEGY, 8, NULL, 0, Z_NO_FLUSH);
    deflate_change c[] = {{"<pageSetup", "<x", true, false}};
    deflate_editor *ed = deflate_edit_new();
    ends e;
    deflate_edit_sizes got;
    assert_int_equal(edit(ed, &packed, 1000, c, 1, &e, &got), DEFLATE_EDIT_OK);
    assert_false(c[0].done);
    assert_int_equal(e.out.len, packed.len);
    assert_memory_equal(e.out.buf, packed.buf, packed.len);
    assert_int_equal(got.copied, packed.len);
    assert_int_equal(got.out_crc, got.in_crc);
    assert_int_equal(got.in_size, text.len);
    deflate_edit_free(ed);
    free(text.buf);
    free(packed.buf);
    free(e.out.buf);
}

static void failures_are_told(void **state)
{
    (void)state;
    uint64_t rnd = 3;
    bytes text = sheet_text(&rnd, 50000, SIZE_MAX, 49000);
    bytes packed =
        deflated(&text, 6, Z_DEFAULT_STRATEGY, 8, NULL, 0, Z_NO_FLUSH);
    deflate_editor *ed = deflate_edit_new();
    deflate_change c[] = {{HEADER_FOOTER, "<x>", true, false}};
    ends e;
    deflate_edit_sizes got;

    bytes cut_short = {.buf = packed.buf, .len = packed.len - 3};
    assert_int_equal(edit(ed, &cut_short, 65536, c, 1, &e, &got),
                     DEFLATE_EDIT_NOT_DEFLATE);
    free(e.out.buf);

    bytes corrupt = {0};
    add(&corrupt, packed.buf, packed.len);
    corrupt.buf[0] |= 6; /* block type 3: no such type */
    c[0].done = false;
    assert_int_equal(edit(ed, &corrupt, 65536, c, 1, &e, &got),
                     DEFLATE_EDIT_NOT_DEFLATE);
    free(e.out.buf);

    c[0].done = false;
    e = (ends){.in = &packed, .most = 100, .fail_read = true};
    deflate_edit_io io = {read_in, write_out, &e};
    assert_int_equal(deflate_edit_run(ed, &io, c, 1, &got),
                     DEFLATE_EDIT_READ_FAILED);
    free(e.out.buf);

    c[0].done = false;
    e = (ends){.in = &packed, .most = 65536, .fail_write = true};
    assert_int_equal(deflate_edit_run(ed, &io, c, 1, &got),
                     DEFLATE_EDIT_WRITE_FAILED);
    free(e.out.buf);

    /* and the editor is whole after them */
    c[0].done = false;
    assert_int_equal(edit(ed, &packed, 65536, c, 1, &e, &got), DEFLATE_EDIT_OK);
    comes_back_changed(&e, &text, c, 1);
    deflate_edit_free(ed);
    free(text.buf);
    free(packed.buf);
    free(corrupt.buf);
    free(e.out.buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_stream_comes_back_with_its_changes),
        cmocka_unit_test(a_late_change_copies_most_of_the_stream),
        cmocka_unit_test(nothing_to_replace_leaves_the_bytes),
        cmocka_unit_test(failures_are_told),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
