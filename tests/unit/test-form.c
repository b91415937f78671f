/* test-form.c - the vocabulary a progress form's writer and reader share
 * (form.h): the state names read back as people type them, row keys,
 * target headers, and every column with a header of its own. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "form.h"

#include <stdlib.h>
#include <string.h>

static void states_read_as_people_type_them(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        progress_state want;
    } cases[] = {
        {"Hoàn thành", PROGRESS_DONE},
        {"hoàn thành", PROGRESS_DONE},
        {"  Hoan thanh ", PROGRESS_DONE},
        {"Đã hoàn thành", PROGRESS_DONE},
        {"done", PROGRESS_DONE},
        {"Đang thực hiện", PROGRESS_IN_PROGRESS},
        {"DANG THUC HIEN", PROGRESS_IN_PROGRESS},
        {"in-progress", PROGRESS_IN_PROGRESS},
        {"Hủy bỏ", PROGRESS_CANCELLED},
        {"Huỷ bỏ", PROGRESS_CANCELLED}, /* the old tone placement */
        {"Không thực hiện", PROGRESS_CANCELLED},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        progress_state s = PROGRESS_NSTATES;
        assert_true(form_state_parse(cases[i].text, &s));
        assert_int_equal(s, cases[i].want);
    }
    progress_state s;
    assert_false(form_state_parse("Sắp xong", &s));
    assert_false(form_state_parse("", &s));
    assert_false(form_state_parse("Hoàn", &s));
}

static void the_dropdown_names_every_state(void **state)
{
    (void)state;
    for (int i = 0; i < PROGRESS_NSTATES; i++) {
        progress_state s;
        assert_true(form_state_parse(form_state_labels[i], &s));
        assert_int_equal(s, i);
    }
}

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
        cmocka_unit_test(states_read_as_people_type_them),
        cmocka_unit_test(the_dropdown_names_every_state),
        cmocka_unit_test(keys_and_headers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
