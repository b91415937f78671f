/* test-zip_write.c - a zip archive written front to back (zip_write.h),
 * read back with libzip checking its consistency and every entry's CRC:
 * entries deflated here and compressed already, empty and larger than
 * the buffers (so their headers are completed in the file, not in
 * memory); 70,000 entries, which need the ZIP64 end records; a
 * descriptor that cannot be written is told; misuse is refused. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "zip_write.h"
#include "zipread.h"

#include <zip.h>
#include <zlib.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DOS_TIME ((uint32_t)((46u << 9 | 12u << 5 | 4u) << 16 | (10u << 11)))

/* Entry `name` of z, which must hold exactly len bytes equal to want. */
static void entry_is(zip_t *z, const char *name, const void *want, size_t len)
{
    zip_stat_t st;
    assert_int_equal(zip_stat(z, name, 0, &st), 0);
    assert_int_equal(st.size, len);
    assert_int_equal(st.comp_method, ZIP_CM_DEFLATE);
    size_t got_len;
    char *got = zipread_entry(z, name, &got_len);
    assert_int_equal(got_len, len);
    assert_memory_equal(got, want, len);
    free(got);
}

/* text deflated raw, as another writer would have. */
static unsigned char *deflated(const char *text, size_t len, size_t *out_len)
{
    z_stream z = {0};
    assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 8,
                                  Z_DEFAULT_STRATEGY),
                     Z_OK);
    size_t cap = deflateBound(&z, len);
    unsigned char *out = malloc(cap);
    z.next_in = (unsigned char *)text;
    z.avail_in = (uInt)len;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    *out_len = cap - z.avail_out;
    deflateEnd(&z);
    return out;
}

static char *big_text(size_t len, unsigned seed)
{
    char *t = malloc(len);
    for (size_t i = 0; i < len; i++) {
        seed = seed * 1103515245u + 12345u;
        t[i] = (char)('a' + (seed >> 16) % 7);
    }
    return t;
}

static void entries_come_back(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    strbuf err = STRBUF_INIT;
    zip_write *w = zip_write_start(fileno(f), &err);
    assert_non_null(w);

    const char *small = "<?xml version=\"1.0\"?><a>thử</a>";
    assert_true(zip_write_begin(w, "xl/small.xml", DOS_TIME));
    assert_true(zip_write_deflate(w, small, 10));
    assert_true(zip_write_deflate(w, small + 10, strlen(small) - 10));
    assert_true(zip_write_end(w));

    assert_true(zip_write_begin(w, "empty.xml", DOS_TIME));
    assert_true(zip_write_end(w));

    size_t big_len = 300000, packed_len;
    char *big = big_text(big_len, 7);
    unsigned char *packed = deflated(big, big_len, &packed_len);
    assert_true(packed_len > 65536); /* past the buffer */
    assert_true(zip_write_begin(w, "xl/worksheets/sheet1.xml", DOS_TIME));
    assert_true(zip_write_raw(w, packed, 1000));
    assert_true(zip_write_raw(w, packed + 1000, packed_len - 1000));
    assert_true(zip_write_end_raw(w,
                                  (uint32_t)crc32(0, (unsigned char *)big,
                                                  (uInt)big_len),
                                  big_len));

    char *big2 = big_text(big_len, 8);
    assert_true(zip_write_begin(w, "xl/worksheets/sheet2.xml", DOS_TIME));
    assert_true(zip_write_deflate(w, big2, big_len));
    assert_true(zip_write_end(w));
    assert_true(zip_write_finish(w));
    zip_write_free(w);

    zip_t *z = zipread_archive(fileno(f));
    assert_int_equal(zip_get_num_entries(z, 0), 4);
    assert_string_equal(zip_get_name(z, 0, 0), "xl/small.xml");
    assert_string_equal(zip_get_name(z, 3, 0), "xl/worksheets/sheet2.xml");
    entry_is(z, "xl/small.xml", small, strlen(small));
    entry_is(z, "empty.xml", "", 0);
    entry_is(z, "xl/worksheets/sheet1.xml", big, big_len);
    entry_is(z, "xl/worksheets/sheet2.xml", big2, big_len);
    zip_stat_t st;
    assert_int_equal(zip_stat(z, "empty.xml", 0, &st), 0);
    struct tm tm;
    localtime_r(&st.mtime, &tm);
    assert_int_equal(tm.tm_year + 1900, 2026);
    assert_int_equal(tm.tm_mon + 1, 12);
    assert_int_equal(tm.tm_mday, 4);
    assert_int_equal(tm.tm_hour, 10);
    zip_discard(z);
    free(big);
    free(big2);
    free(packed);
    strbuf_release(&err);
    fclose(f);
}

static void seventy_thousand_entries_take_zip64(void **state)
{
    (void)state;
    enum { N = 70000 };
    static const unsigned char empty_stream[] = {0x03, 0x00};
    FILE *f = tmpfile();
    strbuf err = STRBUF_INIT;
    zip_write *w = zip_write_start(fileno(f), &err);
    for (unsigned i = 0; i < N; i++) {
        char name[32];
        snprintf(name, sizeof name, "e%u", i);
        assert_true(zip_write_begin(w, name, DOS_TIME));
        assert_true(zip_write_raw(w, empty_stream, sizeof empty_stream));
        assert_true(zip_write_end_raw(w, 0, 0));
    }
    assert_true(zip_write_finish(w));
    zip_write_free(w);
    /* the end records, as APPNOTE 4.3.14-4.3.16 lay them out: the count
     * too large for 16 bits is in the ZIP64 record the locator points to */
    unsigned char tail[22 + 20];
    long size = (fseek(f, 0, SEEK_END), ftell(f));
    assert_int_equal(pread(fileno(f), tail, sizeof tail, size - 42), 42);
    assert_memory_equal(tail + 20, "PK\x05\x06", 4);
    assert_int_equal(tail[20 + 8] | tail[20 + 9] << 8, 0xFFFF);
    assert_memory_equal(tail, "PK\x06\x07", 4);
    uint64_t record_at = 0;
    for (int i = 7; i >= 0; i--)
        record_at = record_at << 8 | tail[8 + i];
    unsigned char record[56];
    assert_int_equal(pread(fileno(f), record, sizeof record, (off_t)record_at),
                     56);
    assert_memory_equal(record, "PK\x06\x06", 4);
    uint64_t count = 0;
    for (int i = 7; i >= 0; i--)
        count = count << 8 | record[32 + i];
    assert_int_equal(count, N);
    zip_t *z = zipread_archive(fileno(f));
    assert_int_equal(zip_get_num_entries(z, 0), N);
    assert_string_equal(zip_get_name(z, N - 1, 0), "e69999");
    entry_is(z, "e65536", "", 0);
    zip_discard(z);
    strbuf_release(&err);
    fclose(f);
}

static void failures_are_told(void **state)
{
    (void)state;
    strbuf err = STRBUF_INIT;
    int fd = open("/dev/null", O_RDONLY);
    assert_true(fd >= 0);
    zip_write *w = zip_write_start(fd, &err);
    assert_true(zip_write_begin(w, "a", DOS_TIME));
    zip_write_deflate(w, "abc", 3);
    zip_write_end(w);
    assert_false(zip_write_finish(w));
    assert_int_equal(zip_write_error(w), EBADF);
    zip_write_free(w);
    close(fd);

    FILE *f = tmpfile();
    w = zip_write_start(fileno(f), &err);
    assert_true(zip_write_begin(w, "a", DOS_TIME));
    assert_false(zip_write_begin(w, "b", DOS_TIME)); /* one at a time */
    assert_int_equal(zip_write_error(w), EINVAL);
    zip_write_free(w);
    fclose(f);
    strbuf_release(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(entries_come_back),
        cmocka_unit_test(seventy_thousand_entries_take_zip64),
        cmocka_unit_test(failures_are_told),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
