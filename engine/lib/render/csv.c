/* csv.c - RFC 4180 CSV writing (see csv.h). */
#include "csv.h"

#include "utf8.h"

#include <string.h>

/* Left out: every control character but the tab and the line breaks,
 * which a quoted cell keeps (and bytes that are not UTF-8, which the
 * output could not hold either). */
void csv_clean(strbuf *out, const char *s)
{
    size_t n = strlen(s), k;
    for (size_t i = 0; i < n; i += k ? k : 1) {
        int32_t cp;
        k = utf8_decode(s + i, n - i, &cp);
        if (k &&
            (!utf8_is_control(cp) || cp == '\t' || cp == '\r' || cp == '\n'))
            strbuf_add(out, s + i, k);
    }
}

void csv_text(strbuf *out, const char *s, bool first)
{
    if (!first)
        strbuf_putc(out, ',');
    if (!s)
        return;
    strbuf cell = STRBUF_INIT;
    csv_clean(&cell, s);
    const char *c = strbuf_str(&cell);
    bool inert = strchr("=+-@\t\r", c[0]) != NULL && c[0] != '\0';
    bool quote = inert || strpbrk(c, ",;\t\"\r\n") != NULL;
    if (quote)
        strbuf_putc(out, '"');
    if (inert)
        strbuf_putc(out, '\'');
    for (const char *p = c; *p; p++) {
        if (*p == '"')
            strbuf_putc(out, '"');
        strbuf_putc(out, *p);
    }
    if (quote)
        strbuf_putc(out, '"');
    strbuf_release(&cell);
}

void csv_number(strbuf *out, long n, bool first)
{
    if (!first)
        strbuf_putc(out, ',');
    strbuf_printf(out, "%ld", n);
}

void csv_end_row(strbuf *out)
{
    strbuf_puts(out, "\r\n");
}
