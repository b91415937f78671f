/* strbuf.c - growable byte strings (see strbuf.h). */
#include "strbuf.h"

#include "xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void strbuf_reserve(strbuf *sb, size_t extra)
{
    /* no object is larger than half the address space */
    if (extra >= SIZE_MAX / 2 - sb->len)
        xout_of_memory(extra);
    if (sb->len + extra + 1 <= sb->cap)
        return;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < sb->len + extra + 1)
        cap *= 2;
    sb->buf = xrealloc(sb->buf, cap);
    sb->cap = cap;
}

void strbuf_release(strbuf *sb)
{
    free(sb->buf);
    sb->buf = NULL;
    sb->len = sb->cap = 0;
}

void strbuf_reset(strbuf *sb)
{
    sb->len = 0;
    if (sb->buf)
        sb->buf[0] = '\0';
}

void strbuf_add(strbuf *sb, const char *s, size_t n)
{
    strbuf_reserve(sb, n);
    if (n)
        memcpy(sb->buf + sb->len, s, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void strbuf_puts(strbuf *sb, const char *s)
{
    strbuf_add(sb, s, strlen(s));
}

void strbuf_putc(strbuf *sb, char c)
{
    strbuf_add(sb, &c, 1);
}

void strbuf_repeat(strbuf *sb, char c, size_t n)
{
    strbuf_reserve(sb, n);
    memset(sb->buf + sb->len, c, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void strbuf_vprintf(strbuf *sb, const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    strbuf_reserve(sb, 128);
    size_t room = sb->cap - sb->len;
    int n = vsnprintf(sb->buf + sb->len, room, fmt, aq);
    va_end(aq);
    if (n < 0) {
        sb->buf[sb->len] = '\0';
        return;
    }
    if ((size_t)n >= room) {
        strbuf_reserve(sb, (size_t)n);
        vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    }
    sb->len += (size_t)n;
}

void strbuf_printf(strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(sb, fmt, ap);
    va_end(ap);
}

const char *strbuf_str(const strbuf *sb)
{
    return sb->buf ? sb->buf : "";
}

void strbuf_error(strbuf *err, const char *fmt, ...)
{
    if (!err)
        return;
    strbuf_reset(err);
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(err, fmt, ap);
    va_end(ap);
}
