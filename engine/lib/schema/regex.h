/* regex.h - ECMA-262 regular expressions, as JSON Schema's "pattern" and
 * "patternProperties" use them.
 *
 * ECMA-262 syntax and meaning (with the u flag: \d and \w are ASCII, \s
 * is ECMA's white space, \p{...} a General_Category, '$' the very end),
 * matched by PCRE2. Matching is a search (not anchored). Constructs it does
 * not support are refused at compile time with a message, never silently
 * mismatched. PCRE2's match, depth and heap limits bound a search on
 * hostile input. */
#ifndef KEHOACH_REGEX_H
#define KEHOACH_REGEX_H

#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct regex regex;

/* Compiles pattern[0..len). On failure returns NULL, puts the reason in
 * err (strbuf.h) and, when err_offset is not NULL, the byte offset of the
 * problem in *err_offset. */
regex *regex_compile(const char *pattern, size_t len, size_t *err_offset,
                     strbuf *err);
void regex_free(regex *re); /* NULL-safe */

typedef enum regex_result {
    REGEX_NOMATCH = 0,
    REGEX_MATCH = 1,
    REGEX_TOO_COMPLEX = -1, /* a match, depth or heap limit reached */
} regex_result;

/* Searches s[0..len) (UTF-8; invalid bytes never match) for a match. The
 * regex keeps its match data between searches: one thread at a time. */
regex_result regex_search(const regex *re, const char *s, size_t len);

#endif
