/* date.c - calendar dates (see date.h). Proleptic Gregorian calendar. */
#include "date.h"

#include "ascii.h"
#include "i18n.h"

#include <string.h>

/* TRANSLATORS: the months, put in "%s %d has %d days" ("February 2026
 * has 28 days") */
static const char *const month_names[] = {
    N_("January"),   N_("February"), N_("March"),    N_("April"),
    N_("May"),       N_("June"),     N_("July"),     N_("August"),
    N_("September"), N_("October"),  N_("November"), N_("December"),
};

bool date_is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return month == 2 && date_is_leap(year) ? 29 : days[month - 1];
}

date_status date_parse(const char *s, bool allow_partial, date *out)
{
    date d = {0, 0, 0};
    size_t n = strlen(s);
    bool form = false;
    if (n == 10 && s[4] == '-' && s[7] == '-')
        form = ascii_digits(s, 4, &d.year) &&
               ascii_digits(s + 5, 2, &d.month) &&
               ascii_digits(s + 8, 2, &d.day);
    else if (allow_partial && n == 7 && s[4] == '-')
        form = ascii_digits(s, 4, &d.year) && ascii_digits(s + 5, 2, &d.month);
    else if (allow_partial && n == 4)
        form = ascii_digits(s, 4, &d.year);
    if (out)
        *out = d;
    if (!form)
        return DATE_BAD_FORM;
    if (n >= 7 && (d.month < 1 || d.month > 12))
        return DATE_BAD_MONTH;
    if (n == 10 && (d.day < 1 || d.day > date_days_in_month(d.year, d.month)))
        return DATE_BAD_DAY;
    return DATE_OK;
}

/* The digits at *s, 1 to max of them, and their value. */
static bool digit_run(const char **s, size_t max, int *value)
{
    size_t n = strspn(*s, "0123456789");
    if (n == 0 || n > max || !ascii_digits(*s, n, value))
        return false;
    *s += n;
    return true;
}

date_status date_parse_typed(const char *s, date *out)
{
    int first, middle, last;
    const char *t = s;
    bool form = digit_run(&t, 4, &first) && *t && strchr("/-.", *t);
    size_t first_len = (size_t)(t - s);
    char sep = form ? *t++ : 0;
    const char *year_at = NULL;
    form = form && digit_run(&t, 2, &middle) && *t++ == sep &&
           (year_at = t, digit_run(&t, 4, &last)) && !*t;
    date d = {0, 0, 0};
    if (form && first_len == 4) /* 2026-10-15 */
        d = date_make(first, middle, last);
    else if (form && first_len <= 2 && t - year_at == 4) /* 15/10/2026 */
        d = date_make(last, middle, first);
    else
        form = false;
    if (out)
        *out = d;
    if (!form)
        return DATE_BAD_FORM;
    if (d.month < 1 || d.month > 12)
        return DATE_BAD_MONTH;
    if (d.day < 1 || d.day > date_days_in_month(d.year, d.month))
        return DATE_BAD_DAY;
    return DATE_OK;
}

void date_explain(date_status status, const date *d, strbuf *err)
{
    switch (status) {
    case DATE_OK:
        strbuf_error(err, "%s", _("the date is valid"));
        break;
    case DATE_BAD_FORM:
        strbuf_error(err, "%s", _("a date is written YYYY-MM-DD"));
        break;
    case DATE_BAD_MONTH:
        strbuf_error(err, _("there is no month %d"), d->month);
        break;
    case DATE_BAD_DAY:
        if (d->day < 1)
            strbuf_error(err, _("there is no day %d"), d->day);
        else
            /* TRANSLATORS: a month's name, its year, its number of days:
             * "February 2026 has 28 days" */
            strbuf_error(err, _("%s %d has %d days"),
                         _(month_names[d->month - 1]), d->year,
                         date_days_in_month(d->year, d->month));
        break;
    }
}

date date_make(int year, int month, int day)
{
    return (date){year, month, day};
}

bool date_valid(date d)
{
    return d.month >= 1 && d.month <= 12 && d.day >= 1 &&
           d.day <= date_days_in_month(d.year, d.month);
}

/* Days from civil, after the well-known era-based method: years are
 * shifted to start in March so the leap day ends a year. */
long date_to_days(date d)
{
    long y = d.year - (d.month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long mp = (d.month + 9) % 12;
    long doy = (153 * mp + 2) / 5 + d.day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

date date_from_days(long days)
{
    days += 719468;
    long era = (days >= 0 ? days : days - 146096) / 146097;
    long doe = days - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int)(doy - (153 * mp + 2) / 5 + 1);
    int month = (int)(mp < 10 ? mp + 3 : mp - 9);
    int year = (int)(yoe + era * 400 + (month <= 2));
    return (date){year, month, day};
}

date date_add_days(date d, long days)
{
    return date_from_days(date_to_days(d) + days);
}

int date_cmp(date a, date b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return 0;
}

long date_span_days(date_span span)
{
    return date_to_days(span.to) - date_to_days(span.from);
}

date date_first_of_month(int year, int month)
{
    return (date){year, month, 1};
}

date date_last_of_month(int year, int month)
{
    return (date){year, month, date_days_in_month(year, month)};
}

date date_add_months(int year, int month, int months)
{
    long index = (long)year * 12 + (month - 1) + months;
    long y = index >= 0 ? index / 12 : (index - 11) / 12;
    return (date){(int)y, (int)(index - y * 12) + 1, 1};
}

/* The n last decimal digits of v at `at`, with leading zeros: what
 * "%0nu" prints of a value below 10^n, without printf's cost (dates are
 * written by the hundred thousand in a national report). */
static void put_digits(char *at, unsigned v, int n)
{
    while (n--) {
        at[n] = (char)('0' + v % 10u);
        v /= 10u;
    }
}

void date_format_iso(date d, char *buf)
{
    put_digits(buf, (unsigned)d.year % 10000u, 4);
    buf[4] = '-';
    put_digits(buf + 5, (unsigned)d.month % 100u, 2);
    buf[7] = '-';
    put_digits(buf + 8, (unsigned)d.day % 100u, 2);
    buf[10] = '\0';
}

void date_format_vn(date d, char *buf)
{
    put_digits(buf, (unsigned)d.day % 100u, 2);
    buf[2] = '/';
    put_digits(buf + 3, (unsigned)d.month % 100u, 2);
    buf[5] = '/';
    put_digits(buf + 6, (unsigned)d.year % 10000u, 4);
    buf[10] = '\0';
}
