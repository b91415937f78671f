/* utf8.c - UTF-8 decoding, validation and display width (see utf8.h).
 * Widths come from utf8proc's tables, so they follow the Unicode version
 * utf8proc was built with, as terminals on the same system do. */
#include "utf8.h"

#include <utf8proc.h>

size_t utf8_decode(const char *s, size_t n, int32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0)
        return 0;
    unsigned char c = u[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    int32_t min, v;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        min = 0x80;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        min = 0x800;
        v = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        min = 0x10000;
        v = c & 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (u[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

size_t utf8_encode(int32_t cp, char out[4])
{
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

bool utf8_valid(const char *s, size_t n, size_t *bad)
{
    size_t i = 0;
    while (i < n) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (!k) {
            if (bad)
                *bad = i;
            return false;
        }
        i += k;
    }
    return true;
}

size_t utf8_length(const char *s, size_t n)
{
    size_t count = 0, i = 0;
    while (i < n) {
        int32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        i += k ? k : 1;
        count++;
    }
    return count;
}

bool utf8_is_control(int32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

int utf8_cp_width(int32_t cp)
{
    if (utf8_is_control(cp))
        return 1;
    if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF)
        return 0;
    int w = utf8proc_charwidth(cp);
    return w < 0 ? 1 : w;
}

size_t utf8_advance(const char *s, size_t n, size_t col)
{
    size_t i = 0;
    while (i < n) {
        if (s[i] == '\t') {
            col = (col / 8 + 1) * 8;
            i++;
            continue;
        }
        int32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (!k) {
            col++;
            i++;
            continue;
        }
        col += (size_t)utf8_cp_width(cp);
        i += k;
    }
    return col;
}

void utf8_put(strbuf *sb, int32_t cp)
{
    char enc[4];
    size_t k = utf8_encode(cp, enc);
    if (k == 0)
        k = utf8_encode(0xFFFD, enc);
    strbuf_add(sb, enc, k);
}
