/* period.c - Decree 09/2019 reporting periods (see period.h). */
#include "period.h"

#include "ascii.h"

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
