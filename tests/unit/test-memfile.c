/* test-memfile.c - a stdio stream on memory (memfile.h), used as
 * libxlsxwriter uses its temporary files: written in pieces, flushed,
 * rewound and read back whole; positioned anywhere, past the end too
 * (the gap reads as zeros, as in a file), but not before the start;
 * written over in the middle without losing what follows. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "memfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void written_then_read_back(void **state)
{
    (void)state;
    FILE *f = memfile_open();
    assert_non_null(f);
    enum { LEN = 300000 };
    char *text = malloc(LEN), *back = malloc(LEN + 1);
    assert_true(text && back);
    for (size_t i = 0; i < LEN; i++)
        text[i] = (char)('a' + i * 7 % 26);
    for (size_t at = 0, n = 1; at < LEN; at += n, n = n * 3 % 70001 + 1) {
        if (n > LEN - at)
            n = LEN - at;
        assert_int_equal(fwrite(text + at, 1, n, f), n);
    }
    assert_int_equal(fflush(f), 0);
    rewind(f);
    assert_int_equal(fread(back, 1, LEN + 1, f), LEN);
    assert_true(feof(f));
    assert_memory_equal(back, text, LEN);
    assert_int_equal(fclose(f), 0);
    free(text);
    free(back);
}

static void positioned_as_a_file(void **state)
{
    (void)state;
    FILE *f = memfile_open();
    assert_non_null(f);
    fputs("abcdef", f);
    assert_int_equal(fseek(f, 2, SEEK_SET), 0);
    fputs("XY", f); /* over the middle */
    assert_int_equal(fseek(f, 3, SEEK_END), 0);
    assert_int_equal(ftell(f), 9);
    fputs("z", f); /* past the end: a gap of zeros */
    assert_int_equal(fseek(f, -1, SEEK_CUR), 0);
    assert_int_equal(ftell(f), 9);
    assert_int_equal(fseek(f, -10, SEEK_END), 0);
    assert_int_equal(ftell(f), 0);
    char back[16];
    assert_int_equal(fread(back, 1, sizeof back, f), 10);
    assert_memory_equal(back, "abXYef\0\0\0z", 10);
    errno = 0;
    assert_int_not_equal(fseek(f, -11, SEEK_END), 0); /* before the start */
    assert_int_equal(errno, EINVAL);
    assert_int_equal(fclose(f), 0);
}

static void empty_reads_nothing(void **state)
{
    (void)state;
    FILE *f = memfile_open();
    assert_non_null(f);
    char c;
    rewind(f);
    assert_int_equal(fread(&c, 1, 1, f), 0);
    assert_true(feof(f));
    assert_int_equal(fclose(f), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(written_then_read_back),
        cmocka_unit_test(positioned_as_a_file),
        cmocka_unit_test(empty_reads_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
