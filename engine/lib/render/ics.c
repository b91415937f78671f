/* ics.c - RFC 5545 content lines (see ics.h). */
#include "ics.h"

#include "utf8.h"

#include <stdio.h>
#include <string.h>

#define ICS_LINE_OCTETS 75

/* Appends "name:value" folded: a CRLF and a space before the octet that
 * would make a line longer than 75, moved back to the start of a UTF-8
 * character. */
static void folded(strbuf *out, const char *name, const char *sep,
                   const char *value)
{
    strbuf line = STRBUF_INIT;
    strbuf_puts(&line, name);
    strbuf_puts(&line, sep);
    strbuf_puts(&line, value);
    const char *s = strbuf_str(&line);
    size_t n = line.len, start = 0, limit = ICS_LINE_OCTETS;
    while (n - start > limit) {
        size_t cut = start + limit;
        while (cut > start && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--;
        strbuf_add(out, s + start, cut - start);
        strbuf_puts(out, "\r\n ");
        start = cut;
        limit = ICS_LINE_OCTETS - 1; /* the space of the fold counts */
    }
    strbuf_add(out, s + start, n - start);
    strbuf_puts(out, "\r\n");
    strbuf_release(&line);
}

void ics_line(strbuf *out, const char *name, const char *value)
{
    folded(out, name, ":", value);
}

void ics_text(strbuf *out, const char *name, const char *text)
{
    strbuf esc = STRBUF_INIT;
    size_t n = strlen(text), k;
    for (size_t i = 0; i < n; i += k ? k : 1) {
        int32_t cp;
        k = utf8_decode(text + i, n - i, &cp);
        switch (k ? cp : -1) {
        case '\\':
            strbuf_puts(&esc, "\\\\");
            break;
        case ';':
            strbuf_puts(&esc, "\\;");
            break;
        case ',':
            strbuf_puts(&esc, "\\,");
            break;
        case '\n':
            strbuf_puts(&esc, "\\n");
            break;
        case '\t':
            strbuf_putc(&esc, '\t');
            break;
        default:
            if (k && !utf8_is_control(cp)) /* §3.3.11: no CONTROL in TEXT */
                strbuf_add(&esc, text + i, k);
        }
    }
    folded(out, name, ":", strbuf_str(&esc));
    strbuf_release(&esc);
}

void ics_date(strbuf *out, const char *name, date d)
{
    char value[16];
    snprintf(value, sizeof value, "%04u%02u%02u", (unsigned)d.year % 10000u,
             (unsigned)d.month % 100u, (unsigned)d.day % 100u);
    folded(out, name, ";VALUE=DATE:", value);
}

void ics_all_day(strbuf *out, date day)
{
    ics_date(out, "DTSTART", day);
    date next = date_add_days(day, 1);
    if (next.year <= 9999)
        ics_date(out, "DTEND", next);
    else
        ics_line(out, "DURATION", "P1D");
}
