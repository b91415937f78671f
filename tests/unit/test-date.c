/* test-date.c - calendar dates (date.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "date.h"

static void real_dates(void **state)
{
    (void)state;
    date d;
    assert_int_equal(date_parse("2026-10-30", false, &d), DATE_OK);
    assert_int_equal(d.year, 2026);
    assert_int_equal(d.month, 10);
    assert_int_equal(d.day, 30);
    assert_int_equal(date_parse("2024-02-29", false, &d), DATE_OK);
    assert_int_equal(date_parse("2000-02-29", false, &d), DATE_OK);
    assert_int_equal(date_parse("1900-02-29", false, &d), DATE_BAD_DAY);
    assert_int_equal(date_parse("2026-02-31", false, &d), DATE_BAD_DAY);
    assert_int_equal(date_parse("2026-04-31", false, &d), DATE_BAD_DAY);
    assert_int_equal(date_parse("2026-01-00", false, &d), DATE_BAD_DAY);
    assert_int_equal(date_parse("2026-13-01", false, &d), DATE_BAD_MONTH);
    assert_int_equal(date_parse("2026-00-01", false, &d), DATE_BAD_MONTH);
}

static void forms(void **state)
{
    (void)state;
    date d;
    assert_int_equal(date_parse("2026-03", false, &d), DATE_BAD_FORM);
    assert_int_equal(date_parse("2026-03", true, &d), DATE_OK);
    assert_int_equal(d.day, 0);
    assert_int_equal(date_parse("2026", true, &d), DATE_OK);
    assert_int_equal(date_parse("15/01/2021", true, &d), DATE_BAD_FORM);
    assert_int_equal(date_parse("2026-1-15", false, &d), DATE_BAD_FORM);
    assert_int_equal(date_parse("", true, &d), DATE_BAD_FORM);
    assert_int_equal(date_parse("2026-13", true, &d), DATE_BAD_MONTH);
}

static void explanations(void **state)
{
    (void)state;
    date d;
    strbuf buf = STRBUF_INIT;
    date_explain(date_parse("2026-02-31", false, &d), &d, &buf);
    assert_string_equal(strbuf_str(&buf), "February 2026 has 28 days");
    date_explain(date_parse("2024-02-30", false, &d), &d, &buf);
    assert_string_equal(strbuf_str(&buf), "February 2024 has 29 days");
    date_explain(date_parse("2026-13", true, &d), &d, &buf);
    assert_string_equal(strbuf_str(&buf), "there is no month 13");
    date_explain(date_parse("2026-01-00", false, &d), &d, &buf);
    assert_string_equal(strbuf_str(&buf), "there is no day 0");
    strbuf_release(&buf);
}

static void arithmetic_across_months_years_and_leap_days(void **state)
{
    (void)state;
    assert_int_equal(date_to_days(date_make(1970, 1, 1)), 0);
    assert_int_equal(date_to_days(date_make(2000, 3, 1)), 11017);
    assert_int_equal(date_to_days(date_make(1969, 12, 31)), -1);
    /* every day from 1900 to 2100 goes there and back */
    for (long n = date_to_days(date_make(1900, 1, 1));
         n <= date_to_days(date_make(2100, 12, 31)); n++) {
        date d = date_from_days(n);
        assert_true(date_valid(d));
        assert_int_equal(date_to_days(d), n);
    }
    date leap = date_make(2024, 2, 28);
    assert_int_equal(date_cmp(date_add_days(leap, 1), date_make(2024, 2, 29)),
                     0);
    assert_int_equal(date_cmp(date_add_days(leap, 2), date_make(2024, 3, 1)),
                     0);
    assert_int_equal(date_cmp(date_add_days(date_make(2026, 12, 31), 1),
                              date_make(2027, 1, 1)),
                     0);
    assert_int_equal(date_cmp(date_last_of_month(2024, 2),
                              date_make(2024, 2, 29)),
                     0);
    assert_int_equal(date_cmp(date_add_months(2026, 11, 3),
                              date_make(2027, 2, 1)),
                     0);
    assert_int_equal(date_cmp(date_add_months(2026, 1, -1),
                              date_make(2025, 12, 1)),
                     0);
    assert_int_equal(date_cmp(date_add_months(2026, 3, -27),
                              date_make(2023, 12, 1)),
                     0);
    assert_false(date_valid(date_make(2026, 2, 29)));
    char buf[11];
    date_format_iso(date_make(2026, 3, 5), buf);
    assert_string_equal(buf, "2026-03-05");
    date_format_vn(date_make(2026, 3, 5), buf);
    assert_string_equal(buf, "05/03/2026");
    /* every digit place, and years of fewer than four digits, as "%04u" */
    date_format_iso(date_make(987, 12, 31), buf);
    assert_string_equal(buf, "0987-12-31");
    date_format_vn(date_make(987, 12, 31), buf);
    assert_string_equal(buf, "31/12/0987");
    date_format_iso(date_make(9999, 10, 19), buf);
    assert_string_equal(buf, "9999-10-19");
}

/* The direction of a span: from its `from` to its `to`, whatever the
 * order the fields are written in; days left are positive before the due
 * date, days late positive after it. */
static void span_days_go_from_the_named_start_to_the_named_end(void **state)
{
    (void)state;
    date due = date_make(2026, 6, 30);
    assert_int_equal(date_span_days((date_span){.from = date_make(2026, 6, 13),
                                                .to = due}),
                     17);
    assert_int_equal(date_span_days((
                         date_span){.to = due, .from = date_make(2026, 6, 13)}),
                     17);
    assert_int_equal(date_span_days(
                         (date_span){.from = date_make(2026, 7, 1), .to = due}),
                     -1);
    assert_int_equal(date_span_days((date_span){.from = due, .to = due}), 0);
    /* days late: from the due date to the as-of date */
    date as_of = date_make(2026, 8, 14);
    assert_int_equal(date_span_days((date_span){.from = due, .to = as_of}), 45);
    assert_int_equal(date_span_days((date_span){.from = as_of, .to = due}),
                     -45);
    /* across a leap day, a year and a century that is not leap */
    assert_int_equal(date_span_days((date_span){.from = date_make(2024, 2, 28),
                                                .to = date_make(2024, 3, 1)}),
                     2);
    assert_int_equal(date_span_days((date_span){.from = date_make(2024, 1, 1),
                                                .to = date_make(2025, 1, 1)}),
                     366);
    assert_int_equal(date_span_days((date_span){.from = date_make(2100, 2, 28),
                                                .to = date_make(2100, 3, 1)}),
                     1);
    assert_int_equal(date_span_days((date_span){.from = date_make(2026, 12, 31),
                                                .to = date_make(2027, 1, 1)}),
                     1);
}

/* Dates as people type them, day first as the outputs print them. */
static void typed_dates(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        date_status want;
        int y, m, d;
    } cases[] = {
        {"15/10/2026", DATE_OK, 2026, 10, 15},
        {"5/3/2026", DATE_OK, 2026, 3, 5},
        {"05-03-2026", DATE_OK, 2026, 3, 5},
        {"5.3.2026", DATE_OK, 2026, 3, 5},
        {"2026-10-15", DATE_OK, 2026, 10, 15},
        {"2026/10/15", DATE_OK, 2026, 10, 15},
        {"31/11/2026", DATE_BAD_DAY, 2026, 11, 31},
        {"29/02/2024", DATE_OK, 2024, 2, 29},
        {"15/13/2026", DATE_BAD_MONTH, 2026, 13, 15},
        {"15/10/26", DATE_BAD_FORM, 0, 0, 0},
        {"15/10-2026", DATE_BAD_FORM, 0, 0, 0},
        {"15/10/2026x", DATE_BAD_FORM, 0, 0, 0},
        {"123/10/2026", DATE_BAD_FORM, 0, 0, 0},
        {"99999999999/1/2026", DATE_BAD_FORM, 0, 0, 0},
        {"", DATE_BAD_FORM, 0, 0, 0},
        {"hôm nay", DATE_BAD_FORM, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        date d;
        assert_int_equal(date_parse_typed(cases[i].text, &d), cases[i].want);
        if (cases[i].want != DATE_BAD_FORM) {
            assert_int_equal(d.year, cases[i].y);
            assert_int_equal(d.month, cases[i].m);
            assert_int_equal(d.day, cases[i].d);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(real_dates),
        cmocka_unit_test(typed_dates),
        cmocka_unit_test(forms),
        cmocka_unit_test(explanations),
        cmocka_unit_test(arithmetic_across_months_years_and_leap_days),
        cmocka_unit_test(span_days_go_from_the_named_start_to_the_named_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
