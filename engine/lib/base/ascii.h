/* ascii.h - the few ASCII character tests the readers share (JSON, URIs,
 * regular expressions, dates and periods), and the decimal digits the
 * writers put by the hundred thousand (JSON, sheets), locale-independent,
 * as inline functions. */
#ifndef KEHOACH_ASCII_H
#define KEHOACH_ASCII_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The value of a hexadecimal digit, or -1. */
static inline int ascii_hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* True when s[0..n) is n decimal digits, n > 0 (no sign, no space); *value
 * is their value. n stays below 10, so it fits an int. */
static inline bool ascii_digits(const char *s, size_t n, int *value)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *value = v;
    return n > 0;
}

/* The decimal digits of v into out (room for 20); returns how many. By
 * hand, as printf costs more than the rest of a JSON member or a cell. */
static inline size_t ascii_decimal(uintmax_t v, char *out)
{
    char reversed[20];
    size_t len = 0;
    do {
        reversed[len++] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v);
    for (size_t i = 0; i < len; i++)
        out[i] = reversed[len - 1 - i];
    return len;
}

#endif
