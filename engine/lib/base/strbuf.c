/* strbuf.c - growable byte strings (see strbuf.h). */
#include "strbuf.h"

#include "arena.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void sb_reserve(strbuf *sb, size_t extra)
{
    if (sb->len + extra + 1 <= sb->cap)
        return;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < sb->len + extra + 1)
        cap *= 2;
    sb->buf = xrealloc(sb->buf, cap);
    sb->cap = cap;
}

void sb_release(strbuf *sb)
{
    free(sb->buf);
    sb->buf = NULL;
    sb->len = sb->cap = 0;
}

void sb_reset(strbuf *sb)
{
    sb->len = 0;
    if (sb->buf)
        sb->buf[0] = '\0';
}

void sb_add(strbuf *sb, const char *s, size_t n)
{
    sb_reserve(sb, n);
    if (n)
        memcpy(sb->buf + sb->len, s, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void sb_puts(strbuf *sb, const char *s)
{
    sb_add(sb, s, strlen(s));
}

void sb_putc(strbuf *sb, char c)
{
    sb_add(sb, &c, 1);
}

void sb_repeat(strbuf *sb, char c, size_t n)
{
    sb_reserve(sb, n);
    memset(sb->buf + sb->len, c, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void sb_vprintf(strbuf *sb, const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    sb_reserve(sb, 128);
    size_t room = sb->cap - sb->len;
    int n = vsnprintf(sb->buf + sb->len, room, fmt, aq);
    va_end(aq);
    if (n < 0) {
        sb->buf[sb->len] = '\0';
        return;
    }
    if ((size_t)n >= room) {
        sb_reserve(sb, (size_t)n);
        vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    }
    sb->len += (size_t)n;
}

void sb_printf(strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(sb, fmt, ap);
    va_end(ap);
}

const char *sb_str(const strbuf *sb)
{
    return sb->buf ? sb->buf : "";
}

/* The escape of cp in a JSON string, or NULL when it stands as it is.
 * RFC 8259 asks it for '"', '\' and C0; DEL, C1 and the bidi controls
 * (utf8_is_control) are escaped too, so that JSON shown on a terminal
 * cannot act on it. */
static const char *json_escape(int32_t cp, char tmp[8])
{
    switch (cp) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    case '\b': return "\\b";
    case '\f': return "\\f";
    default:
        if (!utf8_is_control(cp))
            return NULL;
        snprintf(tmp, 8, "\\u%04x", (unsigned)cp);
        return tmp;
    }
}

void sb_json_string(strbuf *sb, const char *s, size_t n)
{
    sb_putc(sb, '"');
    size_t start = 0, k;
    for (size_t i = 0; i < n; i += k) {
        int32_t cp = (unsigned char)s[i];
        k = cp < 0x80 ? 1 : utf8_decode(s + i, n - i, &cp);
        if (!k) {
            k = 1;          /* not UTF-8: left as it is */
            continue;
        }
        char tmp[8];
        const char *esc = json_escape(cp, tmp);
        if (esc) {
            sb_add(sb, s + start, i - start);
            sb_puts(sb, esc);
            start = i + k;
        }
    }
    sb_add(sb, s + start, n - start);
    sb_putc(sb, '"');
}
