/* period.c - Decree 09/2019 reporting periods (see period.h). */
#include "period.h"

#include "ascii.h"
#include "vntext.h"

#include <stdio.h>
#include <string.h>

static const char *const roman[] = {"", "I", "II", "III", "IV"};

/* The cut-off period that ends in `last_month` of `year` and spans
 * `months` months: from the 15th of the month before its first month to
 * the 14th of its last. */
static void cut_off(period *p, int year, int last_month, int months)
{
    p->from = date_add_months(year, last_month, -months);
    p->from.day = 15;
    p->to = date_make(year, last_month, 14);
}

period period_make(period_kind kind, int year, int index)
{
    period p = {kind, year, index, {0, 0, 0}, {0, 0, 0}};
    switch (kind) {
    case PERIOD_MONTH:
        cut_off(&p, year, index, 1);
        break;
    case PERIOD_QUARTER:
        cut_off(&p, year, index * 3, 3);
        break;
    case PERIOD_HALF:
        cut_off(&p, year, index * 6, 6);
        break;
    case PERIOD_YEAR:
        p.index = 0;
        cut_off(&p, year, 12, 12);
        break;
    }
    return p;
}

period period_year_of(date day)
{
    int year = day.month == 12 && day.day >= 15 ? day.year + 1 : day.year;
    return period_make(PERIOD_YEAR, year, 0);
}

date period_due(const period *p, int day)
{
    int last = date_days_in_month(p->to.year, p->to.month);
    return date_make(p->to.year, p->to.month, day < last ? day : last);
}

void period_key(const period *p, char *buf)
{
    switch (p->kind) {
    case PERIOD_MONTH:
        snprintf(buf, 16, "%04d-%02d", p->year, p->index);
        break;
    case PERIOD_QUARTER:
        snprintf(buf, 16, "%04d-Q%d", p->year, p->index);
        break;
    case PERIOD_HALF:
        snprintf(buf, 16, "%04d-H%d", p->year, p->index);
        break;
    case PERIOD_YEAR:
        snprintf(buf, 16, "%04d", p->year);
        break;
    }
}

void period_label(const period *p, char *buf)
{
    switch (p->kind) {
    case PERIOD_MONTH:
        snprintf(buf, 48, "Tháng %d/%d", p->index, p->year);
        break;
    case PERIOD_QUARTER:
        snprintf(buf, 48, "Quý %s/%d", roman[p->index], p->year);
        break;
    case PERIOD_HALF:
        snprintf(buf, 48, "6 tháng %s năm %d", p->index == 1 ? "đầu" : "cuối",
                 p->year);
        break;
    case PERIOD_YEAR:
        snprintf(buf, 48, "Năm %d", p->year);
        break;
    }
}

bool period_parse(const char *s, period *out)
{
    size_t n = strlen(s);
    int year, index;
    if (n < 4 || !ascii_digits(s, 4, &year))
        return false;
    if (n == 4) {
        *out = period_make(PERIOD_YEAR, year, 0);
        return true;
    }
    if (s[4] != '-')
        return false;
    if (n == 7 && (s[5] == 'H' || s[5] == 'h') &&
        ascii_digits(s + 6, 1, &index) && index >= 1 && index <= 2) {
        *out = period_make(PERIOD_HALF, year, index);
        return true;
    }
    if (n == 7 && (s[5] == 'Q' || s[5] == 'q') &&
        ascii_digits(s + 6, 1, &index) && index >= 1 && index <= 4) {
        *out = period_make(PERIOD_QUARTER, year, index);
        return true;
    }
    if (n == 7 && ascii_digits(s + 5, 2, &index) && index >= 1 && index <= 12) {
        *out = period_make(PERIOD_MONTH, year, index);
        return true;
    }
    return false;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The last number of four digits in s: the year a period's words name. */
static bool year_in(const char *s, int *year)
{
    for (size_t end = strlen(s); end >= 4; end--) {
        size_t at = end - 4;
        if (!is_digit(s[end]) && (at == 0 || !is_digit(s[at - 1])) &&
            ascii_digits(s + at, 4, year))
            return true;
    }
    return false;
}

/* The ways a period is written in words: as period_label() writes it,
 * and the other ways officials write it ("Quý 3/2026", "Quý III năm
 * 2026", "Tháng 03/2026", "tháng 3 năm 2026"). */
static size_t spellings(const period *p, char out[4][48])
{
    size_t n = 1;
    period_label(p, out[0]);
    switch (p->kind) {
    case PERIOD_QUARTER:
        snprintf(out[n++], 48, "Quý %d/%d", p->index, p->year);
        snprintf(out[n++], 48, "Quý %s năm %d", roman[p->index], p->year);
        snprintf(out[n++], 48, "Quý %d năm %d", p->index, p->year);
        break;
    case PERIOD_MONTH:
        snprintf(out[n++], 48, "Tháng %02d/%d", p->index, p->year);
        snprintf(out[n++], 48, "Tháng %d năm %d", p->index, p->year);
        break;
    case PERIOD_HALF:
    case PERIOD_YEAR:
        break;
    }
    return n;
}

bool period_parse_words(const char *s, period *out)
{
    int year;
    if (!year_in(s, &year))
        return false;
    static const struct {
        period_kind kind;
        int count;
    } kinds[] = {{PERIOD_YEAR, 1},
                 {PERIOD_HALF, 2},
                 {PERIOD_QUARTER, 4},
                 {PERIOD_MONTH, 12}};
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
        for (int i = 1; i <= kinds[k].count; i++) {
            period p = period_make(kinds[k].kind, year,
                                   kinds[k].kind == PERIOD_YEAR ? 0 : i);
            char words[4][48];
            size_t n = spellings(&p, words);
            for (size_t w = 0; w < n; w++)
                if (vntext_same_ascii(s, words[w])) {
                    *out = p;
                    return true;
                }
        }
    return false;
}
