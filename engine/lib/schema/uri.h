/* uri.h - URI references as JSON Schema's "$id" and "$ref" use them.
 *
 * Reference resolution follows RFC 3986 section 5: a reference is split
 * into scheme, authority, path, query and fragment, merged with its base
 * and cleaned of "." and ".." segments. Fragments are handed back raw;
 * uri_percent_decode() turns one into the text it stands for. */
#ifndef KEHOACH_URI_H
#define KEHOACH_URI_H

#include <stdbool.h>
#include <stddef.h>

/* True when s begins with a scheme ("http:", "urn:", "file:"). */
bool uri_has_scheme(const char *s);

/* The target of reference ref against the absolute URI base (RFC 3986
 * 5.2.2). The scheme is lowercased. Caller frees. */
char *uri_resolve(const char *base, const char *ref);

/* Offset of the '#' that starts the fragment of uri, or its length when it
 * has none. */
size_t uri_fragment_start(const char *uri);

/* Decodes %XX escapes of s[0..n) into a malloc'ed, NUL-terminated string
 * (caller frees) and stores its length. Returns NULL when a '%' is not
 * followed by two hexadecimal digits. */
char *uri_percent_decode(const char *s, size_t n, size_t *len);

#endif
