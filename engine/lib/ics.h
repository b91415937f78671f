/* ics.h - writing RFC 5545 iCalendar content lines.
 *
 * Every line ends in CRLF and is folded before 75 octets, never inside a
 * UTF-8 character (RFC 5545 §3.1); text values are escaped (backslash,
 * semicolon, comma, line break; §3.3.11). */
#ifndef KEHOACH_ICS_H
#define KEHOACH_ICS_H

#include "date.h"
#include "strbuf.h"

/* NAME:value, value written as it is (already in iCalendar form). */
void ics_line(strbuf *out, const char *name, const char *value);
/* NAME:text, the text escaped. */
void ics_text(strbuf *out, const char *name, const char *text);
/* NAME;VALUE=DATE:YYYYMMDD */
void ics_date(strbuf *out, const char *name, date d);

#endif
