/* zipread.h - a zip archive written by the code under test, read back with
 * libzip checking that its records agree (ZIP_CHECKCONS), for the unit
 * tests of what writes workbooks (test-xlsx_join.c, test-zip_write.c).
 * Include after cmocka.h. */
#ifndef KEHOACH_TEST_ZIPREAD_H
#define KEHOACH_TEST_ZIPREAD_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <zip.h>

/* The archive in fd (read through a copy of it, left open). */
static inline zip_t *zipread_archive(int fd)
{
    zip_error_t ze;
    zip_error_init(&ze);
    int copy = dup(fd);
    assert_true(copy >= 0);
    zip_source_t *src = zip_source_filep_create(fdopen(copy, "rb"), 0, -1, &ze);
    assert_non_null(src);
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (!z)
        fail_msg("libzip: %s", zip_error_strerror(&ze));
    zip_error_fini(&ze);
    return z;
}

/* Entry `name` of z, read to its end, where libzip checks its CRC (a
 * read that stops at its size does not): malloc'ed, NUL-terminated, its
 * length in *len. */
static inline char *zipread_entry(zip_t *z, const char *name, size_t *len)
{
    zip_stat_t st;
    assert_int_equal(zip_stat(z, name, 0, &st), 0);
    char *text = malloc((size_t)st.size + 2);
    assert_non_null(text);
    zip_file_t *f = zip_fopen(z, name, 0);
    assert_non_null(f);
    assert_int_equal(zip_fread(f, text, st.size + 1), (zip_int64_t)st.size);
    assert_int_equal(zip_fread(f, text + st.size, 1), 0); /* the CRC */
    assert_int_equal(zip_fclose(f), 0);
    text[st.size] = '\0';
    *len = (size_t)st.size;
    return text;
}

#endif
