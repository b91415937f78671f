/* visible.c - untrusted text made safe to show in a terminal (see
 * visible.h). */
#include "visible.h"

#include "utf8.h"

#include <string.h>

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

/* Appends s[0..n): a control character as its escape, or as one space when
 * `flat` and it is a line break or a tab. */
static void put_visible(strbuf *out, const char *s, size_t n, bool flat)
{
    size_t i = 0;
    while (i < n) {
        int32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (!k)
            strbuf_puts(out, REPLACEMENT);
        else if (flat && (cp == '\n' || cp == '\r' || cp == '\t'))
            strbuf_putc(out, ' ');
        else if (utf8_is_control(cp))
            strbuf_printf(out, cp < 0x80 ? "\\x%02X" : "\\u%04X", (unsigned)cp);
        else
            strbuf_add(out, s + i, k);
        i += k ? k : 1;
    }
}

void visible_append(strbuf *out, const char *s, size_t n)
{
    put_visible(out, s, n, false);
}

void visible_fit(strbuf *out, const char *s, size_t columns)
{
    strbuf text = STRBUF_INIT;
    put_visible(&text, s, strlen(s), true);
    const char *t = strbuf_str(&text);
    size_t n = text.len;
    if (utf8_advance(t, n, 0) <= columns) {
        strbuf_add(out, t, n);
        strbuf_release(&text);
        return;
    }
    size_t col = 0, i = 0;
    while (i < n) {
        int32_t cp;
        size_t k = utf8_decode(t + i, n - i, &cp); /* valid: made so above */
        size_t w = (size_t)utf8_cp_width(cp);
        if (col + w + 1 > columns)
            break;
        col += w;
        i += k;
    }
    strbuf_add(out, t, i);
    strbuf_puts(out, "…");
    strbuf_release(&text);
}
