/* ascii.h - the few ASCII character tests the readers share (JSON, URIs,
 * regular expressions, dates and periods), locale-independent, as inline
 * functions. */
#ifndef KEHOACH_ASCII_H
#define KEHOACH_ASCII_H

#include <stdbool.h>
#include <stddef.h>

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

#endif
