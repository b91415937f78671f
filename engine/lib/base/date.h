/* date.h - calendar dates as plans write them in YAML (YYYY-MM-DD).
 *
 * A date is a plain value (year, month, day). Parsing checks the form and
 * that the day exists in that month of that year, and says what is wrong
 * when it does not, so a validator can print "February 2026 has 28 days".
 * Arithmetic goes through a day number (days since 1970-01-01), so adding
 * days and counting the days between two dates cross months, years and
 * leap days correctly.
 *
 * The days between two dates are asked for with both ends named,
 * date_span_days((date_span){.from = as_of, .to = due}), never with two dates
 * in a row: an earlier date_diff(a, b), which meant b - a, was called the
 * wrong way round twice and printed days late as days left. */
#ifndef KEHOACH_DATE_H
#define KEHOACH_DATE_H

#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct date {
    int year, month, day; /* month 1-12, day 1-31; 0 where not given */
} date;

bool date_is_leap(int year);
int date_days_in_month(int year, int month);

typedef enum date_status {
    DATE_OK,
    DATE_BAD_FORM,  /* not YYYY, YYYY-MM or YYYY-MM-DD as allowed */
    DATE_BAD_MONTH, /* month outside 1-12 */
    DATE_BAD_DAY,   /* day outside the month */
} date_status;

/* Parses "YYYY-MM-DD"; with allow_partial also "YYYY-MM" and "YYYY"
 * (missing parts are 0). */
date_status date_parse(const char *s, bool allow_partial, date *out);

/* A date as a person types it: day, month and year as the outputs print
 * them ("15/10/2026", "5/3/2026", also with "-" or "." between), or
 * "2026-10-15"; the year has four digits. */
date_status date_parse_typed(const char *s, date *out);

/* Explains a failed parse in one phrase, e.g. "February 2026 has 28 days"
 * or "there is no month 13", as a reason in err (strbuf.h). */
void date_explain(date_status status, const date *d, strbuf *err);

/* A date from its parts (not checked). */
date date_make(int year, int month, int day);

/* True when d is a real calendar date. */
bool date_valid(date d);

/* Days since 1970-01-01 (negative before), and back. */
long date_to_days(date d);
date date_from_days(long days);

date date_add_days(date d, long days);
/* <0, 0, >0 as a is before, the same as, or after b. */
int date_cmp(date a, date b);

/* GCC refuses positional initialisers of a type marked so (meson.build
 * makes the warning an error): its fields must be named. Compilers
 * without the attribute (Clang 14, which builds the fuzz targets) leave
 * the check to GCC's builds. */
#if defined(__has_attribute)
#if __has_attribute(designated_init)
#define DATE_NAMED_FIELDS __attribute__((designated_init))
#endif
#endif
#ifndef DATE_NAMED_FIELDS
#define DATE_NAMED_FIELDS
#endif

/* A stretch of days from one date to another, written with its ends
 * named: (date_span){.from = as_of, .to = due}. */
typedef struct DATE_NAMED_FIELDS date_span {
    date from, to;
} date_span;

/* The days from span.from to span.to: positive when `to` is later,
 * negative when it is earlier, 0 on the same day. Days left until a due
 * date are {.from = as_of, .to = due}; days late, {.from = due,
 * .to = as_of}. */
long date_span_days(date_span span);

date date_first_of_month(int year, int month);
date date_last_of_month(int year, int month);
/* The month `months` after (or before) year-month, as a first day. */
date date_add_months(int year, int month, int months);

/* "2026-03-05" into buf (at least 11 bytes). */
void date_format_iso(date d, char *buf);
/* "05/03/2026", as Vietnamese documents write dates, into buf (11 bytes). */
void date_format_vn(date d, char *buf);

#endif
