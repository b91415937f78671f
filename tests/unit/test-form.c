/* test-form.c - the vocabulary a progress form's writer and reader share
 * (form.h): row keys, target headers, and every column with a header of
 * its own. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "form.h"

#include <stdlib.h>
#include <string.h>

static void keys_and_headers(void **state)
{
    (void)state;
    char *k = form_row_key("p-2026", "1.a", NULL);
    assert_string_equal(k, "p-2026|1.a|");
    free(k);
    k = form_row_key("p-2026", "BC1", "2026-H1");
    assert_string_equal(k, "p-2026|BC1|2026-H1");
    free(k);
    char *h = form_target_header("Số buổi", "buổi");
    assert_string_equal(h, "Số buổi (buổi)");
    free(h);
    h = form_target_header("Số buổi", NULL);
    assert_string_equal(h, "Số buổi");
    free(h);
    for (int c = 0; c < FORM_NCOLUMNS; c++) {
        if (c == FORM_COL_TARGET) {
            assert_null(form_column_header(c));
            continue;
        }
        assert_non_null(form_column_header(c));
        for (int d = 0; d < c; d++)
            if (d != FORM_COL_TARGET)
                assert_string_not_equal(form_column_header(c),
                                        form_column_header(d));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keys_and_headers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
