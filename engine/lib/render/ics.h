/* ics.h - writing RFC 5545 iCalendar content lines.
 *
 * Every line ends in CRLF and is folded before 75 octets, never inside a
 * UTF-8 character (RFC 5545 §3.1); text values are escaped (backslash,
 * semicolon, comma, line break; §3.3.11), and the control characters TEXT
 * may not hold (every one but the tab; utf8_is_control()) and bytes that
 * are not UTF-8 are left out. */
#ifndef KEHOACH_ICS_H
#define KEHOACH_ICS_H

#include "date.h"
#include "strbuf.h"

/* NAME:value, value written as it is (already in iCalendar form). */
void ics_line(strbuf *out, const char *name, const char *value);
/* NAME:text, the text escaped. */
void ics_text(strbuf *out, const char *name, const char *text);
/* NAME;VALUE=DATE:YYYYMMDD (years 0 to 9999) */
void ics_date(strbuf *out, const char *name, date d);
/* The dates of an all-day event on `day`: DTSTART, and DTEND the next day,
 * or, when that is past 9999-12-31, which a DATE cannot hold, DURATION:P1D
 * (§3.6.1). */
void ics_all_day(strbuf *out, date day);

#endif
