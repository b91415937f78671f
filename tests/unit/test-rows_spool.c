/* test-rows_spool.c - a sheet's rows deflated as written (rows_spool.h):
 * what comes out inflates to what went in, its CRC and size as zlib
 * computes them, in blocks that are not final and end on a byte; put
 * between two other deflate streams (one flushed, one finished) it makes
 * one stream of the three texts, as xlsx_join.c puts it; it is held in
 * memory up to 64 KiB compressed, in a file past that. The stream
 * reads as empty; a spool never written holds nothing; a write that
 * cannot be made is told at the end, and nothing is taken after it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "rows_spool.h"

#include <zlib.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Rows of a sheet, n of them: repeating, as a sheet's are, with some
 * numbers that change. */
static char *rows_text(size_t n, size_t *len)
{
    strbuf sb = STRBUF_INIT;
    unsigned seed = 7;
    for (size_t r = 1; r <= n; r++) {
        seed = seed * 1103515245u + 12345u;
        strbuf_printf(&sb,
                      "<row r=\"%zu\"><c r=\"A%zu\" t=\"inlineStr\"><is><t>"
                      "Hoạt động %u</t></is></c><c r=\"B%zu\"><v>%u</v></c>"
                      "</row>",
                      r, r, seed % 997, r, seed >> 8);
    }
    *len = sb.len;
    return sb.buf;
}

/* The spool's compressed bytes: in memory up to 64 KiB, in its file past
 * that. */
static unsigned char *held_bytes(const rows_spool *s, rows_spool_bytes *held)
{
    *held = rows_spool_held(s);
    unsigned char *buf = malloc(held->len + 1);
    if (held->len < 65536) {
        assert_non_null(held->data);
        assert_int_equal(held->fd, -1);
        memcpy(buf, held->data, held->len);
    } else {
        assert_null(held->data);
        assert_int_equal(pread(held->fd, buf, held->len, 0),
                         (ssize_t)held->len);
    }
    return buf;
}

/* Raw deflate of text: its blocks flushed to a byte when not last. */
static size_t deflate_piece(const char *text, size_t len, bool last,
                            unsigned char *out, size_t cap)
{
    z_stream z = {0};
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, -MAX_WBITS, 8,
                                  Z_DEFAULT_STRATEGY),
                     Z_OK);
    z.next_in = (Bytef *)text;
    z.avail_in = (uInt)len;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, last ? Z_FINISH : Z_SYNC_FLUSH),
                     last ? Z_STREAM_END : Z_OK);
    size_t got = cap - z.avail_out;
    deflateEnd(&z);
    return got;
}

/* Inflates in[0, len): must use all of it and end the stream exactly when
 * `ends`; the text goes to out. */
static size_t inflate_all(const unsigned char *in, size_t len, bool ends,
                          char *out, size_t cap)
{
    z_stream z = {0};
    assert_int_equal(inflateInit2(&z, -MAX_WBITS), Z_OK);
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)len;
    z.next_out = (Bytef *)out;
    z.avail_out = (uInt)cap;
    int r = inflate(&z, Z_FINISH);
    assert_int_equal(r, ends ? Z_STREAM_END : Z_BUF_ERROR);
    assert_int_equal(z.avail_in, 0);
    size_t got = cap - z.avail_out;
    inflateEnd(&z);
    return got;
}

/* The text written through the stream in pieces of 1 to `most` bytes,
 * by fwrite and fputs by turns. */
static rows_spool *spooled(const char *text, size_t len, size_t most)
{
    FILE *f;
    strbuf err = STRBUF_INIT;
    rows_spool *s = rows_spool_new(&f, &err);
    assert_non_null(s);
    unsigned seed = (unsigned)len;
    for (size_t at = 0, k = 0; at < len; k++) {
        seed = seed * 1103515245u + 12345u;
        size_t n = 1 + (seed >> 4) % most;
        if (n > len - at)
            n = len - at;
        if (k % 2) {
            assert_int_equal(fwrite(text + at, 1, n, f), n);
        } else {
            char piece[64];
            n = n < sizeof piece - 1 ? n : sizeof piece - 1;
            memcpy(piece, text + at, n);
            piece[n] = '\0';
            assert_true(fputs(piece, f) >= 0);
        }
        at += n;
    }
    assert_int_equal(fflush(f), 0);
    assert_false(ferror(f));
    assert_true(rows_spool_end(s, &err));
    assert_int_equal(err.len, 0);
    /* read back as libxlsxwriter does: nothing, and the stream closes */
    rewind(f);
    char buf[16];
    assert_int_equal(fread(buf, 1, sizeof buf, f), 0);
    assert_int_equal(fclose(f), 0);
    return s;
}

static void inflates_to_what_was_written(void **state)
{
    (void)state;
    static const size_t rows[] = {1, 40, 3000, 60000};
    static const size_t most[] = {1, 63, 8192, 70000};
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        size_t len;
        char *text = rows_text(rows[i], &len);
        rows_spool *s = spooled(text, len, most[i]);
        rows_spool_bytes held;
        unsigned char *packed = held_bytes(s, &held);
        assert_int_equal(held.size, len);
        assert_int_equal(held.crc,
                         (uint32_t)crc32_z(0, (const Bytef *)text, len));
        assert_true(held.len < len / 3 || rows[i] < 3000); /* compressed */
        char *back = malloc(len + 1);
        /* not final: inflate wants more */
        assert_int_equal(inflate_all(packed, held.len, false, back, len + 1),
                         len);
        assert_memory_equal(back, text, len);
        /* and it ends on a byte: the empty final block after it ends the
         * stream */
        packed = realloc(packed, held.len + 2);
        packed[held.len] = 0x03;
        packed[held.len + 1] = 0x00;
        assert_int_equal(inflate_all(packed, held.len + 2, true, back, len + 1),
                         len);
        free(back);
        free(packed);
        free(text);
        rows_spool_free(s);
    }
}

static void splices_between_two_streams(void **state)
{
    (void)state;
    static const char head[] = "<worksheet><sheetViews/><sheetData>",
                      tail[] = "</sheetData><headerFooter/></worksheet>";
    size_t len;
    char *text = rows_text(5000, &len);
    rows_spool *s = spooled(text, len, 5000);
    rows_spool_bytes held;
    unsigned char *rows = held_bytes(s, &held);
    size_t cap = held.len + 1024;
    unsigned char *whole = malloc(cap);
    size_t at = deflate_piece(head, strlen(head), false, whole, cap);
    memcpy(whole + at, rows, held.len);
    at += held.len;
    at += deflate_piece(tail, strlen(tail), true, whole + at, cap - at);
    size_t want = strlen(head) + len + strlen(tail);
    char *back = malloc(want + 1);
    assert_int_equal(inflate_all(whole, at, true, back, want + 1), want);
    assert_memory_equal(back, head, strlen(head));
    assert_memory_equal(back + strlen(head), text, len);
    assert_memory_equal(back + strlen(head) + len, tail, strlen(tail));
    free(back);
    free(whole);
    free(rows);
    free(text);
    rows_spool_free(s);
}

static void never_written_holds_nothing(void **state)
{
    (void)state;
    FILE *f;
    strbuf err = STRBUF_INIT;
    rows_spool *s = rows_spool_new(&f, &err);
    assert_int_equal(fflush(f), 0);
    assert_true(rows_spool_end(s, &err));
    rows_spool_bytes held = rows_spool_held(s);
    assert_null(held.data);
    assert_int_equal(held.fd, -1);
    assert_int_equal(held.len, 0);
    assert_int_equal(held.size, 0);
    fclose(f);
    rows_spool_free(s);
}

static void failed_write_is_told(void **state)
{
    (void)state;
    /* no temporary file can be made there */
    setenv("TMPDIR", "/nonexistent-kehoach-test", 1);
    FILE *f;
    strbuf err = STRBUF_INIT;
    rows_spool *s = rows_spool_new(&f, &err);
    assert_non_null(s);
    size_t len;
    char *text = rows_text(60000, &len); /* more than 64 KiB compressed */
    assert_true(fwrite(text, 1, len, f) < len || fflush(f) != 0);
    free(text);
    assert_true(ferror(f));
    assert_false(rows_spool_end(s, &err));
    assert_non_null(strstr(strbuf_str(&err), "nonexistent-kehoach-test"));
    fclose(f);
    rows_spool_free(s);
    strbuf_release(&err);
    unsetenv("TMPDIR");
}

static void nothing_after_the_end(void **state)
{
    (void)state;
    FILE *f;
    strbuf err = STRBUF_INIT;
    rows_spool *s = rows_spool_new(&f, &err);
    setvbuf(f, NULL, _IONBF, 0);
    assert_true(fputs("<row r=\"1\"/>", f) >= 0);
    assert_true(rows_spool_end(s, &err));
    rows_spool_bytes before = rows_spool_held(s);
    assert_true(fputs("<row r=\"2\"/>", f) == EOF || fflush(f) != 0);
    rows_spool_bytes after = rows_spool_held(s);
    assert_int_equal(after.len, before.len);
    assert_int_equal(after.size, before.size);
    fclose(f);
    rows_spool_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(inflates_to_what_was_written),
        cmocka_unit_test(splices_between_two_streams),
        cmocka_unit_test(never_written_holds_nothing),
        cmocka_unit_test(failed_write_is_told),
        cmocka_unit_test(nothing_after_the_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
