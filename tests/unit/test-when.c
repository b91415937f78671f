/* test-when.c - time phrases into dated windows (when.h).
 *
 * One table row per phrase: the plan's years, then either the reason it
 * is refused or the windows it gives (from, to, due, key, label, note),
 * how they repeat and whether the work is ongoing. Every row is checked
 * and every difference printed before the test fails. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "when.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct expected_window {
    const char *from, *to, *due, *key, *label, *note;
} expected_window;

enum { MAX_WINDOWS = 12 };

typedef struct phrase_row {
    const char *text;
    int year_from, year_to;
    const char *refusal; /* the reason, for a refused phrase */
    size_t count;
    when_repeat repeat;
    bool ongoing;
    expected_window windows[MAX_WINDOWS];
} phrase_row;

#define ACCEPT(text, from, to, count, repeat, ongoing, ...) \
    {                                                       \
        text, from, to, NULL, count, repeat, ongoing,       \
        {                                                   \
            __VA_ARGS__                                     \
        }                                                   \
    }
#define REFUSE(text, from, to, why)               \
    {                                             \
        text, from, to, why, 0, WHEN_ONCE, false, \
        {                                         \
            {                                     \
                0                                 \
            }                                     \
        }                                         \
    }

/* A window due on its last day, without a note, and the usual shapes. */
#define W(from, to, key, label)        \
    {                                  \
        from, to, to, key, label, NULL \
    }
#define WN(from, to, key, label, note) \
    {                                  \
        from, to, to, key, label, note \
    }
#define YEAR(y) W(#y "-01-01", #y "-12-31", #y, "Năm " #y)
#define H1(y) W(#y "-01-01", #y "-06-30", #y "-H1", "6 tháng đầu năm " #y)
#define H2(y) W(#y "-07-01", #y "-12-31", #y "-H2", "6 tháng cuối năm " #y)
#define Q1(y) W(#y "-01-01", #y "-03-31", #y "-Q1", "Quý I/" #y)
#define Q2(y) W(#y "-04-01", #y "-06-30", #y "-Q2", "Quý II/" #y)
#define Q3(y) W(#y "-07-01", #y "-09-30", #y "-Q3", "Quý III/" #y)
#define Q4(y) W(#y "-10-01", #y "-12-31", #y "-Q4", "Quý IV/" #y)
#define M(y, mm, last, m) \
    W(#y "-" mm "-01", #y "-" mm "-" last, #y "-" mm, "Tháng " m "/" #y)
#define MONTHS(y, february)                                                  \
    M(y, "01", "31", "1"), M(y, "02", february, "2"), M(y, "03", "31", "3"), \
        M(y, "04", "30", "4"), M(y, "05", "31", "5"), M(y, "06", "30", "6"), \
        M(y, "07", "31", "7"), M(y, "08", "31", "8"), M(y, "09", "30", "9"), \
        M(y, "10", "31", "10"), M(y, "11", "30", "11"), M(y, "12", "31", "12")

#define MARCH_APRIL_2026                                    \
    W("2026-03-01", "2026-04-30", "2026-03-01..2026-04-30", \
      "01/03/2026 - 30/04/2026")
#define BY_30_OCTOBER_2026                                  \
    W("2026-01-01", "2026-10-30", "2026-01-01..2026-10-30", \
      "01/01/2026 - 30/10/2026")
#define DAY_15_MARCH_2026 \
    W("2026-03-15", "2026-03-15", "2026-03-15", "15/03/2026")

static const char disability_day[] =
    "đối với hoạt động về trợ giúp pháp lý nhằm hưởng ứng “Ngày Người khuyết tật Việt Nam”.";
static const char world_disability_day[] =
    "đối với hoạt động về TGPL nhằm hưởng ứng “Ngày Quốc tế người khuyết tật”.";

static const phrase_row phrases[] = {
    /* the plans as printed */
    ACCEPT("Từ tháng 01/2026 đến tháng 12/2026.", 2026, 2026, 1, WHEN_ONCE,
           false, YEAR(2026)),
    ACCEPT("từ tháng 01/2026 đến tháng 12/2026.", 2026, 2026, 1, WHEN_ONCE,
           false, YEAR(2026)),
    ACCEPT("Tu thang 1/2026 den thang 12/2026", 2026, 2026, 1, WHEN_ONCE, false,
           YEAR(2026)),
    ACCEPT("Từ tháng 02/2026 đến tháng 12/2026", 2026, 2026, 1, WHEN_ONCE,
           false,
           W("2026-02-01", "2026-12-31", "2026-02-01..2026-12-31",
             "01/02/2026 - 31/12/2026")),
    ACCEPT("Từ tháng 03/2026 đến tháng 12/2026.", 2026, 2026, 1, WHEN_ONCE,
           false,
           W("2026-03-01", "2026-12-31", "2026-03-01..2026-12-31",
             "01/03/2026 - 31/12/2026")),
    ACCEPT(
        "Từ tháng 03/2026 đến tháng 04/2026 đối với hoạt động về trợ giúp pháp lý nhằm "
        "hưởng ứng “Ngày Người khuyết tật Việt Nam”.\n"
        "Từ tháng 11/2026 đến tháng 12/2026 đối với hoạt động về TGPL nhằm hưởng ứng "
        "“Ngày Quốc tế người khuyết tật”.",
        2026, 2026, 2, WHEN_ONCE, false,
        WN("2026-03-01", "2026-04-30", "2026-03-01..2026-04-30",
           "01/03/2026 - 30/04/2026", disability_day),
        WN("2026-11-01", "2026-12-31", "2026-11-01..2026-12-31",
           "01/11/2026 - 31/12/2026", world_disability_day)),
    ACCEPT("Trong năm 2024.", 2024, 2024, 1, WHEN_ONCE, false, YEAR(2024)),
    ACCEPT("Quý II và Quý IV trong năm 2024.", 2024, 2024, 2, WHEN_ONCE, false,
           Q2(2024), Q4(2024)),
    ACCEPT("Cả năm 2021.", 2021, 2021, 1, WHEN_ONCE, false, YEAR(2021)),
    ACCEPT("Hoàn thành trong Quý III năm 2021", 2021, 2021, 1, WHEN_ONCE, false,
           Q3(2021)),
    ACCEPT("Hoàn thành trước Quý III năm 2021.", 2021, 2021, 1, WHEN_ONCE,
           false, H1(2021)),
    ACCEPT("Quý IV năm 2021.", 2021, 2021, 1, WHEN_ONCE, false, Q4(2021)),
    ACCEPT("Quý I.", 2020, 2020, 1, WHEN_ONCE, false, Q1(2020)),
    ACCEPT("Cả năm.", 2020, 2020, 1, WHEN_ONCE, false, YEAR(2020)),
    ACCEPT("Hàng tháng", 2020, 2020, 12, WHEN_MONTHLY, false,
           MONTHS(2020, "29")),
    ACCEPT("Quý II, IV.", 2020, 2020, 2, WHEN_ONCE, false, Q2(2020), Q4(2020)),
    ACCEPT("Quý I-IV.", 2020, 2020, 4, WHEN_QUARTERLY, false, Q1(2020),
           Q2(2020), Q3(2020), Q4(2020)),
    ACCEPT("Trong năm 2026", 2026, 2026, 1, WHEN_ONCE, false, YEAR(2026)),

    /* whole years */
    ACCEPT("Cả năm", 2026, 2026, 1, WHEN_ONCE, false, YEAR(2026)),
    ACCEPT("Quanh năm", 2026, 2026, 1, WHEN_ONCE, false, YEAR(2026)),
    ACCEPT("năm 2027", 2026, 2027, 1, WHEN_ONCE, false, YEAR(2027)),
    ACCEPT("Trong năm.", 2026, 2026, 1, WHEN_ONCE, false, YEAR(2026)),

    /* quarters */
    ACCEPT("Quý 2", 2026, 2026, 1, WHEN_ONCE, false, Q2(2026)),
    ACCEPT("quý II", 2026, 2026, 1, WHEN_ONCE, false, Q2(2026)),
    ACCEPT("QUÝ II", 2026, 2026, 1, WHEN_ONCE, false, Q2(2026)),
    ACCEPT("Q2", 2026, 2026, 1, WHEN_ONCE, false, Q2(2026)),
    ACCEPT("q2", 2026, 2026, 1, WHEN_ONCE, false, Q2(2026)),
    ACCEPT("Quy II", 2026, 2026, 1, WHEN_ONCE, false, Q2(2026)),
    ACCEPT("Quý II năm 2026", 2026, 2026, 1, WHEN_ONCE, false, Q2(2026)),
    ACCEPT("Quý II/2026", 2026, 2026, 1, WHEN_ONCE, false, Q2(2026)),
    ACCEPT("Quý II 2026", 2026, 2026, 1, WHEN_ONCE, false, Q2(2026)),
    ACCEPT("Quý hai", 2026, 2026, 1, WHEN_ONCE, false, Q2(2026)),
    ACCEPT("Quý tư", 2026, 2026, 1, WHEN_ONCE, false, Q4(2026)),
    ACCEPT("Quy\xcc\x81 II", 2026, 2026, 1, WHEN_ONCE, false,
           Q2(2026)), /* decomposed */
    ACCEPT("Quý\xc2\xa0II\r", 2026, 2026, 1, WHEN_ONCE, false,
           Q2(2026)), /* NBSP, CR */
    ACCEPT("  QUÝ   ii ,  iv ", 2026, 2026, 2, WHEN_ONCE, false, Q2(2026),
           Q4(2026)),
    ACCEPT("Quý I và Quý III", 2026, 2026, 2, WHEN_ONCE, false, Q1(2026),
           Q3(2026)),
    ACCEPT("Quý I; Quý III", 2026, 2026, 2, WHEN_ONCE, false, Q1(2026),
           Q3(2026)),
    ACCEPT("Quý I - III", 2026, 2026, 3, WHEN_QUARTERLY, false, Q1(2026),
           Q2(2026), Q3(2026)),
    ACCEPT("Quý I–IV", 2026, 2026, 4, WHEN_QUARTERLY, false, Q1(2026), Q2(2026),
           Q3(2026), Q4(2026)),
    ACCEPT("từ Quý II đến Quý III", 2026, 2026, 2, WHEN_QUARTERLY, false,
           Q2(2026), Q3(2026)),
    ACCEPT("Quý III—IV, Quý I", 2026, 2026, 3, WHEN_ONCE, false, Q1(2026),
           Q3(2026), Q4(2026)),
    ACCEPT("Quý IV/2026 - Quý I/2027", 2026, 2027, 2, WHEN_QUARTERLY, false,
           Q4(2026), Q1(2027)),
    ACCEPT("Quý II năm 2026 và Quý I năm 2027", 2026, 2027, 2, WHEN_ONCE, false,
           Q2(2026), Q1(2027)),
    ACCEPT("Quý II (tổ chức hội nghị sơ kết).", 2026, 2026, 1, WHEN_ONCE, false,
           WN("2026-04-01", "2026-06-30", "2026-Q2", "Quý II/2026",
              "(tổ chức hội nghị sơ kết).")),

    /* months */
    ACCEPT("tháng 3/2026", 2026, 2026, 1, WHEN_ONCE, false,
           M(2026, "03", "31", "3")),
    ACCEPT("Tháng 3", 2026, 2026, 1, WHEN_ONCE, false,
           M(2026, "03", "31", "3")),
    ACCEPT("tháng 03", 2026, 2026, 1, WHEN_ONCE, false,
           M(2026, "03", "31", "3")),
    ACCEPT("tháng 03 đến tháng 04/2026", 2026, 2026, 1, WHEN_ONCE, false,
           MARCH_APRIL_2026),
    ACCEPT("tháng 3 - 4/2026", 2026, 2026, 1, WHEN_ONCE, false,
           MARCH_APRIL_2026),
    ACCEPT("từ tháng 3 đến tháng 4 năm 2026", 2026, 2026, 1, WHEN_ONCE, false,
           MARCH_APRIL_2026),
    ACCEPT("tháng 3, 6, 9", 2026, 2026, 3, WHEN_ONCE, false,
           M(2026, "03", "31", "3"), M(2026, "06", "30", "6"),
           M(2026, "09", "30", "9")),
    ACCEPT("tháng 2/2024", 2024, 2024, 1, WHEN_ONCE, false,
           M(2024, "02", "29", "2")),

    /* deadlines and days */
    ACCEPT("trước ngày 30/10/2026", 2026, 2026, 1, WHEN_ONCE, false,
           BY_30_OCTOBER_2026),
    ACCEPT("trước 30/10/2026", 2026, 2026, 1, WHEN_ONCE, false,
           BY_30_OCTOBER_2026),
    ACCEPT("chậm nhất ngày 30/10/2026", 2026, 2026, 1, WHEN_ONCE, false,
           BY_30_OCTOBER_2026),
    ACCEPT("Hoàn thành trước ngày 30/10/2026", 2026, 2026, 1, WHEN_ONCE, false,
           BY_30_OCTOBER_2026),
    ACCEPT("hạn chót 30/10/2026", 2026, 2026, 1, WHEN_ONCE, false,
           BY_30_OCTOBER_2026),
    ACCEPT("trước ngày 30/10", 2026, 2026, 1, WHEN_ONCE, false,
           BY_30_OCTOBER_2026),
    ACCEPT("trước ngày 30/10/2023", 2021, 2025, 1, WHEN_ONCE, false,
           W("2023-01-01", "2023-10-30", "2023-01-01..2023-10-30",
             "01/01/2023 - 30/10/2023")),
    ACCEPT("chậm nhất Quý III", 2026, 2026, 1, WHEN_ONCE, false,
           W("2026-01-01", "2026-09-30", "2026-01-01..2026-09-30",
             "01/01/2026 - 30/09/2026")),
    ACCEPT("ngày 15/3/2026", 2026, 2026, 1, WHEN_ONCE, false,
           DAY_15_MARCH_2026),
    ACCEPT("15/3/2026", 2026, 2026, 1, WHEN_ONCE, false, DAY_15_MARCH_2026),
    ACCEPT("ngày 15 tháng 3 năm 2026", 2026, 2026, 1, WHEN_ONCE, false,
           DAY_15_MARCH_2026),
    ACCEPT("từ ngày 15/3/2026 đến ngày 10/5/2026", 2026, 2026, 1, WHEN_ONCE,
           false,
           W("2026-03-15", "2026-05-10", "2026-03-15..2026-05-10",
             "15/03/2026 - 10/05/2026")),

    /* halves */
    ACCEPT("6 tháng đầu năm", 2026, 2026, 1, WHEN_ONCE, false, H1(2026)),
    ACCEPT("sáu tháng đầu năm 2026", 2026, 2026, 1, WHEN_ONCE, false, H1(2026)),
    ACCEPT("6 tháng cuối năm", 2026, 2026, 1, WHEN_ONCE, false, H2(2026)),
    ACCEPT("nửa cuối năm 2026", 2026, 2026, 1, WHEN_ONCE, false, H2(2026)),

    /* ongoing and recurring */
    ACCEPT("Thường xuyên", 2026, 2026, 1, WHEN_ONCE, true, YEAR(2026)),
    ACCEPT("Thuong xuyen", 2026, 2026, 1, WHEN_ONCE, true, YEAR(2026)),
    ACCEPT("Thường xuyên, liên tục.", 2026, 2026, 1, WHEN_ONCE, true,
           YEAR(2026)),
    ACCEPT("Thường xuyên trong năm 2027", 2026, 2027, 1, WHEN_ONCE, true,
           YEAR(2027)),
    ACCEPT("Thường xuyên", 2021, 2025, 1, WHEN_ONCE, true,
           W("2021-01-01", "2025-12-31", "2021-01-01..2025-12-31",
             "01/01/2021 - 31/12/2025")),
    ACCEPT("Định kỳ hàng quý", 2026, 2026, 4, WHEN_QUARTERLY, false, Q1(2026),
           Q2(2026), Q3(2026), Q4(2026)),
    ACCEPT("Hàng quý", 2026, 2026, 4, WHEN_QUARTERLY, false, Q1(2026), Q2(2026),
           Q3(2026), Q4(2026)),
    ACCEPT("hằng quý", 2026, 2026, 4, WHEN_QUARTERLY, false, Q1(2026), Q2(2026),
           Q3(2026), Q4(2026)),
    ACCEPT("Hàng quý năm 2023", 2021, 2025, 4, WHEN_QUARTERLY, false, Q1(2023),
           Q2(2023), Q3(2023), Q4(2023)),
    ACCEPT("Hằng tháng", 2026, 2026, 12, WHEN_MONTHLY, false,
           MONTHS(2026, "28")),
    ACCEPT("hàng tháng", 2026, 2026, 12, WHEN_MONTHLY, false,
           MONTHS(2026, "28")),
    ACCEPT("Định kỳ hằng tháng", 2026, 2026, 12, WHEN_MONTHLY, false,
           MONTHS(2026, "28")),
    ACCEPT("Hàng năm", 2021, 2025, 5, WHEN_YEARLY, false, YEAR(2021),
           YEAR(2022), YEAR(2023), YEAR(2024), YEAR(2025)),
    ACCEPT("hằng năm", 2021, 2025, 5, WHEN_YEARLY, false, YEAR(2021),
           YEAR(2022), YEAR(2023), YEAR(2024), YEAR(2025)),
    ACCEPT("Định kỳ 6 tháng", 2026, 2026, 2, WHEN_HALF_YEARLY, false, H1(2026),
           H2(2026)),
    ACCEPT("06 tháng một lần", 2026, 2026, 2, WHEN_HALF_YEARLY, false, H1(2026),
           H2(2026)),

    /* ISO forms */
    ACCEPT("2026-03", 2026, 2026, 1, WHEN_ONCE, false,
           M(2026, "03", "31", "3")),
    ACCEPT("2026-03-15", 2026, 2026, 1, WHEN_ONCE, false, DAY_15_MARCH_2026),
    ACCEPT("2026-03..2026-04", 2026, 2026, 1, WHEN_ONCE, false,
           MARCH_APRIL_2026),
    ACCEPT("2026-Q2", 2026, 2026, 1, WHEN_ONCE, false, Q2(2026)),
    ACCEPT("2026-q2", 2026, 2026, 1, WHEN_ONCE, false, Q2(2026)),
    ACCEPT("2026-H1", 2026, 2026, 1, WHEN_ONCE, false, H1(2026)),
    ACCEPT("2026-03-01..2026-06-15", 2026, 2026, 1, WHEN_ONCE, false,
           W("2026-03-01", "2026-06-15", "2026-03-01..2026-06-15",
             "01/03/2026 - 15/06/2026")),
    ACCEPT("2026", 2026, 2026, 1, WHEN_ONCE, false, YEAR(2026)),
    /* outside the plan: saying so is the caller's job */
    ACCEPT("2027-Q1", 2026, 2026, 1, WHEN_ONCE, false, Q1(2027)),

    /* refused */
    REFUSE(
        "Quý II", 2021, 2025,
        "the plan runs from 2021 to 2025: say which year, as in 'Quý II năm 2023'"),
    REFUSE("Cả năm", 2021, 2025,
           "the plan runs from 2021 to 2025: say which year, as in 'năm 2023'"),
    REFUSE("Quý II", 0, 0, "the plan's year is not known: say which year"),
    REFUSE("Hàng quý", 2026, 2020,
           "the plan's years are not known: say which year"),
    REFUSE("Quý V", 2026, 2026, "'Quý V' is not a quarter"),
    REFUSE("Quý 5/2026", 2026, 2026, "'Quý 5' is not a quarter"),
    REFUSE("Quý", 2026, 2026, "'Quý' does not say which quarter"),
    REFUSE("tháng 13/2026", 2026, 2026,
           "'tháng 13/2026': there is no month 13"),
    REFUSE("tháng 3, 13", 2026, 2026, "'13': there is no month 13"),
    REFUSE("ngày 31/02/2026", 2026, 2026,
           "'ngày 31/02/2026' is not a real date: February 2026 has 28 days"),
    REFUSE("Từ tháng 12/2026 đến tháng 3/2026", 2026, 2026,
           "'Từ tháng 12/2026 đến tháng 3/2026' ends before it starts"),
    REFUSE("Quý IV - II", 2026, 2026, "'Quý IV - II' ends before it starts"),
    REFUSE("từ tháng 3", 2026, 2026, "'từ tháng 3' does not say when it ends"),
    REFUSE("tháng 3 đến", 2026, 2026,
           "'tháng 3 đến' does not say when it ends"),
    REFUSE("", 2026, 2026, "no time is named"),
    REFUSE("   ", 2026, 2026, "no time is named"),
    REFUSE(" .\n\n", 2026, 2026, "no time is named"),
    REFUSE("(theo tiến độ)", 2026, 2026, "'(theo tiến độ)' names no time"),
    REFUSE("theo kế hoạch", 2026, 2026, "'theo kế hoạch' is not understood"),
    REFUSE("Đầu quý hai", 2026, 2026, "'Đầu quý hai' is not understood"),
    REFUSE("sau khi có văn bản hướng dẫn", 2026, 2026,
           "'sau khi có văn bản hướng dẫn' is not understood"),
    REFUSE("Quý II, theo kế hoạch", 2026, 2026,
           "'theo kế hoạch' is not understood"),
    REFUSE("Hoàn thành trước", 2026, 2026,
           "'Hoàn thành trước' is not understood"),
    REFUSE("Hàng tuần", 2026, 2026, "'Hàng tuần' is not understood"),
    REFUSE("Quý II 1850", 2026, 2026, "'1850' is not a plan year (2000-2100)"),
    REFUSE("tháng 3/26", 2026, 2026, "'26' is not a plan year (2000-2100)"),
    REFUSE("1850-03", 2026, 2026,
           "'1850-03' is not in a plan year (2000-2100)"),
    REFUSE("2026-13", 2026, 2026, "'2026-13': there is no month 13"),
    REFUSE(
        "2026-3", 2026, 2026,
        "'2026-3': a period is written 2026, 2026-03, 2026-03-15, 2026-Q2 or 2026-H1"),
    REFUSE("2026-Q5", 2026, 2026, "'2026-Q5': there is no quarter 5"),
    REFUSE("Quý II Quý III", 2026, 2026,
           "',' or 'và' is missing before 'Quý III'"),
    REFUSE("Quý I, Quý I-II", 2026, 2026, "'Quý I/2026' is named twice"),
    REFUSE("Định kỳ", 2026, 2026, "the period of 'Định kỳ' is not said"),
    REFUSE("Định kỳ 5 tháng", 2026, 2026,
           "'Định kỳ 5 tháng' is not a period: say 1, 3, 6 or 12 months"),
    REFUSE("Quý II\nsau khi có hướng dẫn", 2026, 2026,
           "'sau khi có hướng dẫn' is not understood"),
};

static const char *iso(date d, char *buf)
{
    date_format_iso(d, buf);
    return buf;
}

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Prints what differs; returns the number of differences. */
static int check_window(const char *text, size_t k, const when_window *got,
                        const expected_window *want)
{
    char from[11], to[11], due[11];
    const char *got_fields[] = {iso(got->from, from), iso(got->to, to),
                                iso(got->due, due),   got->key,
                                got->label,           got->note};
    const char *want_fields[] = {want->from, want->to,    want->due,
                                 want->key,  want->label, want->note};
    static const char *const names[] = {"from", "to",    "due",
                                        "key",  "label", "note"};
    int differences = 0;
    for (size_t f = 0; f < 6; f++) {
        if (same_text(got_fields[f], want_fields[f]))
            continue;
        print_error("\"%s\": window %zu: %s is \"%s\", expected \"%s\"\n", text,
                    k, names[f], got_fields[f] ? got_fields[f] : "(null)",
                    want_fields[f] ? want_fields[f] : "(null)");
        differences++;
    }
    return differences;
}

static int check_phrase(const phrase_row *row)
{
    arena *a = arena_new();
    when_context ctx = {row->year_from, row->year_to};
    when w;
    strbuf reason = STRBUF_INIT;
    bool accepted = when_parse(a, row->text, &ctx, &w, &reason);
    const char *why = strbuf_str(&reason);
    int differences = 0;
    if (row->refusal && accepted) {
        print_error("\"%s\": accepted, expected the refusal \"%s\"\n",
                    row->text, row->refusal);
        differences++;
    } else if (row->refusal && strcmp(why, row->refusal) != 0) {
        print_error("\"%s\": refused with \"%s\", expected \"%s\"\n", row->text,
                    why, row->refusal);
        differences++;
    } else if (!row->refusal && !accepted) {
        print_error("\"%s\": refused: %s\n", row->text, why);
        differences++;
    } else if (!row->refusal) {
        if (w.count != row->count || w.repeat != row->repeat ||
            w.ongoing != row->ongoing) {
            print_error(
                "\"%s\": %zu windows, repeat %d, ongoing %d; expected %zu, %d, %d\n",
                row->text, w.count, (int)w.repeat, (int)w.ongoing, row->count,
                (int)row->repeat, (int)row->ongoing);
            differences++;
        }
        for (size_t k = 0; k < w.count && k < row->count && k < MAX_WINDOWS;
             k++)
            differences +=
                check_window(row->text, k, &w.windows[k], &row->windows[k]);
    }
    arena_free(a);
    strbuf_release(&reason);
    return differences;
}

static void phrases_give_their_windows(void **state)
{
    (void)state;
    int differences = 0;
    for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
        differences += check_phrase(&phrases[i]);
    print_message("%zu phrases checked\n", sizeof phrases / sizeof phrases[0]);
    assert_int_equal(differences, 0);
}

/* ---- when_parse_period ---- */

static void periods_written_the_iso_way(void **state)
{
    (void)state;
    static const struct {
        const char *text, *first, *last; /* first NULL: refused */
    } rows[] = {
        {"2026", "2026-01-01", "2026-12-31"},
        {"2026-03", "2026-03-01", "2026-03-31"},
        {"2024-02", "2024-02-01", "2024-02-29"},
        {"2026-03-15", "2026-03-15", "2026-03-15"},
        {"2026-Q2", "2026-04-01", "2026-06-30"},
        {"2026-q4", "2026-10-01", "2026-12-31"},
        {"2026-H1", "2026-01-01", "2026-06-30"},
        {"2026-h2", "2026-07-01", "2026-12-31"},
        {"2026-13", NULL, NULL},
        {"2026-02-30", NULL, NULL},
        {"2026-Q5", NULL, NULL},
        {"2026-Q0", NULL, NULL},
        {"2026-H3", NULL, NULL},
        {"26-03", NULL, NULL},
        {"2026-3", NULL, NULL},
        {"2026-03-1", NULL, NULL},
        {"2026 ", NULL, NULL},
        {"", NULL, NULL},
        {"Quý II", NULL, NULL},
    };
    int differences = 0;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        date first = {0, 0, 0}, last = {0, 0, 0};
        char a[11] = "", b[11] = "";
        if (when_parse_period(rows[i].text, &first, &last)) {
            iso(first, a);
            iso(last, b);
        }
        if (strcmp(a, rows[i].first ? rows[i].first : "") != 0 ||
            strcmp(b, rows[i].last ? rows[i].last : "") != 0) {
            print_error("period \"%s\": \"%s\"..\"%s\", expected %s..%s\n",
                        rows[i].text, a, b,
                        rows[i].first ? rows[i].first : "a refusal",
                        rows[i].last ? rows[i].last : "");
            differences++;
        }
    }
    assert_int_equal(differences, 0);
}

/* ---- when_split ---- */

static date day(const char *s)
{
    date d;
    assert_int_equal(date_parse(s, false, &d), DATE_OK);
    return d;
}

static void expect_keys(const when *w, const char *const *keys, size_t n)
{
    assert_int_equal(w->count, n);
    for (size_t k = 0; k < n; k++) {
        char to[11], due[11];
        assert_string_equal(w->windows[k].key, keys[k]);
        assert_string_equal(iso(w->windows[k].due, due),
                            iso(w->windows[k].to, to));
    }
}

static void split_at_boundaries(void **state)
{
    (void)state;
    arena *a = arena_new();
    when w;
    when_split(a, day("2026-02-15"), day("2026-05-10"), WHEN_MONTHLY, &w);
    static const char *const months[] = {"2026-02-15..2026-02-28", "2026-03",
                                         "2026-04", "2026-05-01..2026-05-10"};
    expect_keys(&w, months, 4);
    assert_int_equal(w.repeat, WHEN_MONTHLY);
    assert_string_equal(w.windows[0].label, "15/02/2026 - 28/02/2026");
    assert_string_equal(w.windows[1].label, "Tháng 3/2026");
    assert_null(w.windows[1].note);

    when_split(a, day("2026-01-01"), day("2026-12-31"), WHEN_QUARTERLY, &w);
    static const char *const quarters[] = {"2026-Q1", "2026-Q2", "2026-Q3",
                                           "2026-Q4"};
    expect_keys(&w, quarters, 4);
    assert_string_equal(w.windows[3].label, "Quý IV/2026");

    when_split(a, day("2026-01-01"), day("2026-12-31"), WHEN_HALF_YEARLY, &w);
    static const char *const halves[] = {"2026-H1", "2026-H2"};
    expect_keys(&w, halves, 2);
    assert_string_equal(w.windows[1].label, "6 tháng cuối năm 2026");

    when_split(a, day("2021-01-01"), day("2025-12-31"), WHEN_YEARLY, &w);
    static const char *const years[] = {"2021", "2022", "2023", "2024", "2025"};
    expect_keys(&w, years, 5);
    assert_string_equal(w.windows[4].label, "Năm 2025");

    when_split(a, day("2026-05-20"), day("2026-08-10"), WHEN_QUARTERLY, &w);
    static const char *const clipped[] = {"2026-05-20..2026-06-30",
                                          "2026-07-01..2026-08-10"};
    expect_keys(&w, clipped, 2);

    when_split(a, day("2026-03-01"), day("2026-04-30"), WHEN_ONCE, &w);
    static const char *const once[] = {"2026-03-01..2026-04-30"};
    expect_keys(&w, once, 1);

    when_split(a, day("2026-03-15"), day("2026-03-15"), WHEN_MONTHLY, &w);
    static const char *const one_day[] = {"2026-03-15"};
    expect_keys(&w, one_day, 1);
    assert_string_equal(w.windows[0].label, "15/03/2026");

    when_split(a, day("2026-05-01"), day("2026-04-30"), WHEN_MONTHLY, &w);
    assert_int_equal(w.count, 0);
    arena_free(a);
}

/* ---- when_parse_duty ---- */

typedef struct duty_row {
    const char *text;
    const char *refusal;
    const char *due;
    bool monthly, quarterly, half_yearly, first_half, yearly, on_request;
} duty_row;

static const duty_row duties[] = {
    {.text = "trước ngày 30/10/2026", .due = "2026-10-30"},
    {.text = "Báo cáo trước 2026-06-15", .due = "2026-06-15"},
    {.text = "Định kỳ 06 tháng, cuối năm", .first_half = true, .yearly = true},
    {.text = "định kỳ 6 tháng", .half_yearly = true},
    {.text = "06 tháng một lần", .half_yearly = true},
    {.text = "6 tháng đầu năm", .first_half = true},
    {.text = "hằng năm", .yearly = true},
    {.text = "cuối năm", .yearly = true},
    {.text = "báo cáo năm", .yearly = true},
    {.text = "hằng quý", .quarterly = true},
    {.text = "hàng quý", .quarterly = true},
    {.text = "hằng tháng", .monthly = true},
    {.text = "đột xuất theo yêu cầu của cơ quan nhà nước có thẩm quyền",
     .on_request = true},
    {.text = "khi có yêu cầu", .on_request = true},
    {.text = "Định kỳ 6 tháng, hằng năm và đột xuất",
     .half_yearly = true,
     .yearly = true,
     .on_request = true},
    {.text = "theo quy định", .refusal = "'theo quy định' names no schedule"},
    {.text = "định kỳ và đột xuất",
     .refusal = "the period of 'định kỳ' is not said"},
    {.text = "Định kỳ", .refusal = "the period of 'Định kỳ' is not said"},
    {.text = "", .refusal = "nothing is said about when it is due"},
    {.text = " ; ", .refusal = "nothing is said about when it is due"},
    {.text = "trước ngày 30/10",
     .refusal = "'ngày 30/10' does not say the year"},
    {.text = "trước ngày 31/02/2026",
     .refusal =
         "'ngày 31/02/2026' is not a real date: February 2026 has 28 days"},
};

static void duties_say_when_reports_are_due(void **state)
{
    (void)state;
    int differences = 0;
    for (size_t i = 0; i < sizeof duties / sizeof duties[0]; i++) {
        const duty_row *row = &duties[i];
        arena *a = arena_new();
        when_duty d;
        strbuf reason = STRBUF_INIT;
        bool ok = when_parse_duty(a, row->text, &d, &reason);
        const char *why = strbuf_str(&reason);
        char due[11] = "";
        if (ok && d.has_due)
            iso(d.due, due);
        bool right = row->refusal
                         ? !ok && strcmp(why, row->refusal) == 0
                         : ok && strcmp(due, row->due ? row->due : "") == 0 &&
                               d.has_due == (row->due != NULL) &&
                               d.monthly == row->monthly &&
                               d.quarterly == row->quarterly &&
                               d.half_yearly == row->half_yearly &&
                               d.first_half == row->first_half &&
                               d.yearly == row->yearly &&
                               d.on_request == row->on_request;
        if (!right) {
            print_error(
                "duty \"%s\": %s%s due \"%s\" monthly %d quarterly %d half_yearly %d "
                "first_half %d yearly %d on_request %d\n",
                row->text, ok ? "accepted" : "refused: ", ok ? "" : why, due,
                d.monthly, d.quarterly, d.half_yearly, d.first_half, d.yearly,
                d.on_request);
            differences++;
        }
        strbuf_release(&reason);
        arena_free(a);
    }
    assert_int_equal(differences, 0);
}

/* ---- hostile input ---- */

/* What every answer must be: refused with a reason, or windows that are
 * real, sorted by due date, each due on its last day and named by a key
 * that when_parse_period reads back (both halves for a range). */
static void assert_sane(const char *text, const when_context *ctx, arena *a)
{
    when w;
    strbuf why = STRBUF_INIT;
    bool accepted = when_parse(a, text, ctx, &w, &why);
    size_t why_len = why.len;
    strbuf_release(&why);
    if (!accepted) {
        assert_true(why_len > 0);
        assert_int_equal(w.count, 0);
        return;
    }
    assert_int_equal(why_len, 0);
    assert_true(w.count > 0);
    assert_true(w.repeat <= WHEN_YEARLY);
    for (size_t k = 0; k < w.count; k++) {
        const when_window *x = &w.windows[k];
        assert_true(date_valid(x->from) && date_valid(x->to));
        assert_true(date_cmp(x->from, x->to) <= 0);
        assert_int_equal(date_cmp(x->due, x->to), 0);
        assert_non_null(x->label);
        if (k)
            assert_true(date_cmp(w.windows[k - 1].due, x->due) <= 0);
        char first_key[16] = "", last_key[16] = "";
        const char *dots = strstr(x->key, "..");
        date first, last, ignored;
        if (dots) {
            assert_true((size_t)(dots - x->key) < sizeof first_key);
            memcpy(first_key, x->key, (size_t)(dots - x->key));
            snprintf(last_key, sizeof last_key, "%s", dots + 2);
            assert_true(when_parse_period(first_key, &first, &ignored));
            assert_true(when_parse_period(last_key, &ignored, &last));
        } else {
            assert_true(when_parse_period(x->key, &first, &last));
        }
        assert_int_equal(date_cmp(first, x->from), 0);
        assert_int_equal(date_cmp(last, x->to), 0);
    }
}

static uint32_t next_random(uint32_t *seed)
{
    *seed ^= *seed << 13;
    *seed ^= *seed >> 17;
    *seed ^= *seed << 5;
    return *seed;
}

static void random_phrases_never_crash(void **state)
{
    (void)state;
    static const char *const fragments[] = {
        "Quý",
        "quý",
        "Q",
        "q",
        "II",
        "iv",
        "V",
        "hai",
        "tư",
        "1",
        "4",
        "13",
        "0",
        "2026",
        "2027",
        "1850",
        "99999999999999",
        "tháng",
        "Tháng",
        "ngày",
        "năm",
        "Cả",
        "Quanh",
        "trong",
        "từ",
        "đến",
        "hết",
        "trước",
        "chậm nhất",
        "hạn chót",
        "hoàn thành",
        "sáu",
        "6",
        "06",
        "nửa",
        "đầu",
        "cuối",
        "Hàng",
        "hằng",
        "mỗi",
        "Định kỳ",
        "một lần",
        "Thường xuyên",
        "đối với",
        "và",
        "(",
        ")",
        "/",
        "-",
        "–",
        "—",
        "..",
        ".",
        ",",
        ";",
        ":",
        "\n",
        "\r\n",
        " ",
        "   ",
        "2026-03",
        "2026-q2",
        "2026-H1",
        "2026-13-45",
        "2026-",
        "15/3",
        "31/02/2026",
        "30/10/2026",
        "“",
        "\xcc\x81",
        "\xc2\xa0",
        "\xe2\x80\x8b",
        "đột xuất",
        "yêu cầu",
        "theo",
        "báo cáo",
    };
    const size_t nfragments = sizeof fragments / sizeof fragments[0];
    static const when_context contexts[] = {
        {2026, 2026}, {2021, 2025}, {2020, 2020},
        {0, 0},       {2100, 2000}, {-5, 1 << 30},
    };
    uint32_t seed = 20260101;
    char text[512];
    for (int round = 0; round < 20000; round++) {
        size_t len = 0, pieces = next_random(&seed) % 14;
        for (size_t k = 0; k < pieces; k++) {
            uint32_t r = next_random(&seed);
            if (r % 8 == 0) {
                text[len++] = (char)(1 + r / 8 % 255); /* any byte but NUL */
                continue;
            }
            const char *f = fragments[r / 8 % nfragments];
            size_t n = strlen(f);
            memcpy(text + len, f, n);
            len += n;
            if (r % 3)
                text[len++] = ' ';
        }
        text[len] = '\0';
        arena *a = arena_new();
        assert_sane(text, &contexts[round % 6], a);
        when_duty d;
        strbuf why = STRBUF_INIT;
        if (!when_parse_duty(a, text, &d, &why))
            assert_true(why.len > 0);
        strbuf_release(&why);
        arena_free(a);
    }
}

static void a_megabyte_of_text(void **state)
{
    (void)state;
    enum { SIZE = 1 << 20 };
    char *text = malloc(SIZE + 64);
    assert_non_null(text);
    when_context ctx = {2026, 2026};
    uint32_t seed = 7;

    /* random bytes, many of them invalid UTF-8 */
    for (size_t i = 0; i < SIZE; i++)
        text[i] = (char)(1 + next_random(&seed) % 255);
    text[SIZE] = '\0';
    arena *a = arena_new();
    assert_sane(text, &ctx, a);
    arena_free(a);

    /* one list of 130,000 items: refused, as one is named twice */
    static const char item[] = "Quý I, ";
    for (size_t i = 0; i + sizeof item - 1 <= SIZE; i += sizeof item - 1)
        memcpy(text + i, item, sizeof item - 1);
    text[SIZE / (sizeof item - 1) * (sizeof item - 1)] = '\0';
    a = arena_new();
    when w;
    strbuf why = STRBUF_INIT;
    assert_false(when_parse(a, text, &ctx, &w, &why));
    assert_string_equal(strbuf_str(&why), "'Quý I/2026' is named twice");
    strbuf_release(&why);
    arena_free(a);

    /* one window with a note of a megabyte, kept whole */
    static const char head[] = "Quý II đối với ";
    memcpy(text, head, sizeof head - 1);
    for (size_t i = sizeof head - 1; i < SIZE; i++)
        text[i] = "ạbc “d” ."[i % 15];
    text[SIZE - 1] = '.';
    text[SIZE] = '\0';
    a = arena_new();
    assert_true(when_parse(a, text, &ctx, &w, &why));
    assert_int_equal(w.count, 1);
    assert_string_equal(w.windows[0].key, "2026-Q2");
    assert_int_equal(strlen(w.windows[0].note),
                     strlen(text) - strlen("Quý II "));
    arena_free(a);

    /* twelve lines, each a month: twelve windows named one by one */
    size_t len = 0;
    for (int month = 1; month <= 12; month++)
        len += (size_t)sprintf(text + len, "tháng %d\n", month);
    a = arena_new();
    assert_true(when_parse(a, text, &ctx, &w, &why));
    assert_int_equal(w.count, 12);
    assert_int_equal(w.repeat, WHEN_ONCE);
    arena_free(a);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(phrases_give_their_windows),
        cmocka_unit_test(periods_written_the_iso_way),
        cmocka_unit_test(split_at_boundaries),
        cmocka_unit_test(duties_say_when_reports_are_due),
        cmocka_unit_test(random_phrases_never_crash),
        cmocka_unit_test(a_megabyte_of_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
