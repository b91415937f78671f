/* csv.c - RFC 4180 CSV writing (see csv.h). */
#include "csv.h"

#include <string.h>

void csv_text(strbuf *out, const char *s, bool first)
{
    if (!first)
        sb_putc(out, ',');
    if (!s)
        return;
    bool inert = strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0';
    bool quote = inert || strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        sb_putc(out, '"');
    if (inert)
        sb_putc(out, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            sb_putc(out, '"');
        sb_putc(out, *p);
    }
    if (quote)
        sb_putc(out, '"');
}

void csv_number(strbuf *out, long n, bool first)
{
    if (!first)
        sb_putc(out, ',');
    sb_printf(out, "%ld", n);
}

void csv_end_row(strbuf *out)
{
    sb_puts(out, "\r\n");
}
