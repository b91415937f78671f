/* json_writer.c - JSON written through a builder (see json_writer.h).
 *
 * Every value goes through element(), which writes what comes before it
 * in its container: the comma, the line break and indent or the space its
 * layout asks for, and the key with its colon. */
#include "json_writer.h"

#include "ascii.h"
#include "i18n.h"
#include "utf8.h"

#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* what: translated; a defect of the caller, said before stopping. */
static void misuse(const char *what)
{
    fprintf(stderr, "kehoach: json_writer: %s\n", what);
    abort();
}

void json_writer_init(json_writer *w, strbuf *out)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->pending_break = -1;
}

static void new_line(strbuf *out, int indent)
{
    strbuf_putc(out, '\n');
    strbuf_repeat(out, ' ', (size_t)indent);
}

static void element(json_writer *w, const char *key)
{
    if (!w->depth) {
        if (key)
            misuse(_("a key outside an object"));
        return;
    }
    bool in_object = w->open[w->depth - 1].close == '}';
    if (in_object != (key != NULL))
        misuse(in_object ? _("a member without a key")
                         : _("a key in an array"));
    json_writer_layout layout = w->open[w->depth - 1].layout;
    bool filled = w->open[w->depth - 1].filled;
    if (filled)
        strbuf_putc(w->out, ',');
    if (w->pending_break >= 0)
        new_line(w->out, w->pending_break);
    else if (layout.indent >= 0)
        new_line(w->out, layout.indent);
    else if (filled && layout.spaced)
        strbuf_putc(w->out, ' ');
    w->pending_break = -1;
    w->open[w->depth - 1].filled = true;
    if (key) {
        json_writer_quote(w->out, key, strlen(key));
        strbuf_puts(w->out, layout.spaced ? ": " : ":");
    }
}

static void begin(json_writer *w, const char *key, json_writer_layout layout,
                  char open, char close)
{
    if (w->depth == JSON_WRITER_MAX_DEPTH)
        misuse(_("nested too deep"));
    element(w, key);
    strbuf_putc(w->out, open);
    w->open[w->depth].close = close;
    w->open[w->depth].filled = false;
    w->open[w->depth].layout = layout;
    w->depth++;
}

void json_writer_object_begin(json_writer *w, const char *key,
                              json_writer_layout layout)
{
    begin(w, key, layout, '{', '}');
}

void json_writer_array_begin(json_writer *w, const char *key,
                             json_writer_layout layout)
{
    begin(w, key, layout, '[', ']');
}

void json_writer_end(json_writer *w)
{
    if (!w->depth)
        misuse(_("an end with nothing open"));
    w->depth--;
    if (w->open[w->depth].filled && w->open[w->depth].layout.indent >= 0)
        new_line(w->out, w->open[w->depth].layout.close);
    strbuf_putc(w->out, w->open[w->depth].close);
    w->pending_break = -1;
}

void json_writer_break(json_writer *w, int indent)
{
    w->pending_break = indent < 0 ? 0 : indent;
}

void json_writer_string(json_writer *w, const char *key, const char *s)
{
    element(w, key);
    if (s)
        json_writer_quote(w->out, s, strlen(s));
    else
        strbuf_puts(w->out, "null");
}

void json_writer_int(json_writer *w, const char *key, intmax_t v)
{
    element(w, key);
    char digits[21];
    size_t len = 0;
    if (v < 0)
        digits[len++] = '-';
    len += ascii_decimal(v < 0 ? -(uintmax_t)v : (uintmax_t)v, digits + len);
    strbuf_add(w->out, digits, len);
}

void json_writer_uint(json_writer *w, const char *key, uintmax_t v)
{
    element(w, key);
    char digits[20];
    strbuf_add(w->out, digits, ascii_decimal(v, digits));
}

void json_writer_double(json_writer *w, const char *key, double v)
{
    element(w, key);
    if (isfinite(v))
        strbuf_printf(w->out, "%.15g", v);
    else
        strbuf_puts(w->out, "null");
}

void json_writer_bool(json_writer *w, const char *key, bool v)
{
    element(w, key);
    strbuf_puts(w->out, v ? "true" : "false");
}

void json_writer_null(json_writer *w, const char *key)
{
    element(w, key);
    strbuf_puts(w->out, "null");
}

void json_writer_date(json_writer *w, const char *key, const date *d)
{
    element(w, key);
    if (!d) {
        strbuf_puts(w->out, "null");
        return;
    }
    char iso[13] = "\"";
    date_format_iso(*d, iso + 1);
    strcat(iso, "\"");
    strbuf_add(w->out, iso, 12);
}

/* The escape of cp in a JSON string, or NULL when it stands as it is.
 * RFC 8259 asks it for '"', '\' and C0; DEL, C1 and the bidi controls
 * (utf8_is_control) are escaped too, so that JSON shown on a terminal
 * cannot act on it. */
static const char *escape(int32_t cp, char tmp[8])
{
    switch (cp) {
    case '"':
        return "\\\"";
    case '\\':
        return "\\\\";
    case '\n':
        return "\\n";
    case '\r':
        return "\\r";
    case '\t':
        return "\\t";
    case '\b':
        return "\\b";
    case '\f':
        return "\\f";
    default:
        if (!utf8_is_control(cp))
            return NULL;
        snprintf(tmp, 8, "\\u%04x", (unsigned)cp);
        return tmp;
    }
}

/* The bytes that need no look in a JSON string: printable ASCII but '"'
 * and '\\', and every byte of UTF-8 but the leads of C1 (C2) and of the
 * bidi controls (E2). */
static bool plain_byte[256];

static void mark_plain_bytes(void)
{
    for (int c = 0x20; c < 0x100; c++)
        plain_byte[c] =
            c != '"' && c != '\\' && c != 0x7F && c != 0xC2 && c != 0xE2;
}

void json_writer_quote(strbuf *sb, const char *s, size_t n)
{
    if (!plain_byte['a'])
        mark_plain_bytes();
    strbuf_putc(sb, '"');
    size_t start = 0, k;
    for (size_t i = 0; i < n; i += k) {
        int32_t cp = (unsigned char)s[i];
        if (plain_byte[cp]) {
            k = 1;
            continue;
        }
        k = cp < 0x80 ? 1 : utf8_decode(s + i, n - i, &cp);
        if (!k) {
            k = 1; /* not UTF-8: left as it is */
            continue;
        }
        char tmp[8];
        const char *esc = escape(cp, tmp);
        if (esc) {
            strbuf_add(sb, s + start, i - start);
            strbuf_puts(sb, esc);
            start = i + k;
        }
    }
    strbuf_add(sb, s + start, n - start);
    strbuf_putc(sb, '"');
}
