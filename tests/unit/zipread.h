/* zipread.h - a zip archive written by the code under test, read back with
 * libzip checking that its records agree (ZIP_CHECKCONS), for the unit
 * tests of what writes workbooks (test-xlsx_join.c, test-zip_write.c).
 * Include after cmocka.h. */
#ifndef KEHOACH_TEST_ZIPREAD_H
#define KEHOACH_TEST_ZIPREAD_H

#include <stdio.h>
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

#endif
