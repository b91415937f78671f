/* test-period.c - Decree 09/2019 reporting periods (period.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "period.h"

static void assert_date(date d, int y, int m, int day)
{
    assert_int_equal(d.year, y);
    assert_int_equal(d.month, m);
    assert_int_equal(d.day, day);
}

static void cut_offs_of_article_12(void **state)
{
    (void)state;
    period y = period_make(PERIOD_YEAR, 2026, 0);
    assert_date(y.from, 2025, 12, 15);
    assert_date(y.to, 2026, 12, 14);
    assert_date(period_due(&y, PERIOD_DEFAULT_DUE_DAY), 2026, 12, 25);
    period h1 = period_make(PERIOD_HALF, 2026, 1),
           h2 = period_make(PERIOD_HALF, 2026, 2);
    assert_date(h1.from, 2025, 12, 15);
    assert_date(h1.to, 2026, 6, 14);
    assert_date(h2.from, 2026, 6, 15);
    assert_date(h2.to, 2026, 12, 14);
    assert_date(period_due(&h1, PERIOD_DEFAULT_DUE_DAY), 2026, 6, 25);
    period q1 = period_make(PERIOD_QUARTER, 2026, 1),
           q3 = period_make(PERIOD_QUARTER, 2026, 3);
    assert_date(q1.from, 2025, 12, 15);
    assert_date(q1.to, 2026, 3, 14);
    assert_date(q3.from, 2026, 6, 15);
    assert_date(q3.to, 2026, 9, 14);
    period jan = period_make(PERIOD_MONTH, 2026, 1),
           mar = period_make(PERIOD_MONTH, 2024, 3);
    assert_date(jan.from, 2025, 12, 15);
    assert_date(jan.to, 2026, 1, 14);
    assert_date(mar.from, 2024, 2, 15);
    /* a due day the month does not have falls on its last day */
    period feb = period_make(PERIOD_MONTH, 2024, 2);
    assert_date(period_due(&feb, 31), 2024, 2, 29);
    assert_date(period_due(&q1, 10), 2026, 3, 10);
}

static void keys_labels_and_parsing(void **state)
{
    (void)state;
    char key[16], label[48];
    period p;
    const char *keys[] = {"2026", "2026-H1", "2026-H2", "2026-Q3", "2026-03"};
    const char *labels[] = {"Năm 2026", "6 tháng đầu năm 2026",
                            "6 tháng cuối năm 2026", "Quý III/2026",
                            "Tháng 3/2026"};
    for (int i = 0; i < 5; i++) {
        assert_true(period_parse(keys[i], &p));
        period_key(&p, key);
        period_label(&p, label);
        assert_string_equal(key, keys[i]);
        assert_string_equal(label, labels[i]);
    }
    assert_true(period_parse("2026-q2", &p));
    assert_int_equal(p.kind, PERIOD_QUARTER);
    const char *bad[] = {"",        "26",     "2026-",   "2026-H3", "2026-Q0",
                         "2026-13", "2026-3", "2026/03", "abcd"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_false(period_parse(bad[i], &p));
}

/* A day belongs to the year whose cut-off holds it: 14/12 to this one,
 * 15/12 to the next. */
static void the_year_of_a_day(void **state)
{
    (void)state;
    static const int days[][4] = {
        {2026, 1, 1, 2026},   {2026, 12, 14, 2026}, {2026, 12, 15, 2027},
        {2026, 12, 31, 2027}, {2025, 12, 15, 2026},
    };
    for (size_t i = 0; i < sizeof days / sizeof *days; i++) {
        period y =
            period_year_of(date_make(days[i][0], days[i][1], days[i][2]));
        assert_int_equal(y.kind, PERIOD_YEAR);
        assert_int_equal(y.year, days[i][3]);
        assert_date(y.from, days[i][3] - 1, 12, 15);
        assert_date(y.to, days[i][3], 12, 14);
    }
}

/* Periods as officials write them, as the outputs print them or near. */
static void periods_in_words(void **state)
{
    (void)state;
    static const struct {
        const char *text, *key; /* key NULL: refused */
    } cases[] = {
        {"Quý III/2026", "2026-Q3"},
        {"quý 3/2026", "2026-Q3"},
        {"Quy III nam 2026", "2026-Q3"},
        {"  QUÝ  IV / 2026", NULL}, /* spaces inside "IV/2026" differ */
        {"6 tháng đầu năm 2026", "2026-H1"},
        {"6 thang cuoi nam 2025", "2025-H2"},
        {"Năm 2026", "2026"},
        {"năm 2026", "2026"},
        {"Tháng 3/2026", "2026-03"},
        {"tháng 03/2026", "2026-03"},
        {"Tháng 12 năm 2026", "2026-12"},
        {"Quý V/2026", NULL},
        {"Tháng 13/2026", NULL},
        {"Quý III", NULL},
        {"Quý III/20266", NULL},
        {"", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        period p;
        bool read = period_parse_words(cases[i].text, &p);
        if (!cases[i].key) {
            if (read)
                fail_msg("'%s' read as a period", cases[i].text);
            continue;
        }
        if (!read)
            fail_msg("'%s' not read", cases[i].text);
        char key[16];
        period_key(&p, key);
        assert_string_equal(key, cases[i].key);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cut_offs_of_article_12),
        cmocka_unit_test(keys_labels_and_parsing),
        cmocka_unit_test(periods_in_words),
        cmocka_unit_test(the_year_of_a_day),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
