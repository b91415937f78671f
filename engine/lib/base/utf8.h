/* utf8.h - UTF-8 decoding, encoding, validation and display width.
 *
 * Columns in diagnostics are counted the way a person sees them: a
 * Vietnamese letter is one column whether it is typed precomposed (NFC) or
 * as a base letter plus combining marks (NFD); a CJK character is two; a tab
 * advances to the next multiple of 8. */
#ifndef KEHOACH_UTF8_H
#define KEHOACH_UTF8_H

#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s (n bytes available). Returns the sequence
 * length (1-4) and stores the code point, or returns 0 for an invalid or
 * truncated sequence (overlong forms and surrogates are invalid). */
size_t utf8_decode(const char *s, size_t n, int32_t *cp);

/* Encodes cp (<= 0x10FFFF, not a surrogate) into out; returns 1-4, or 0. */
size_t utf8_encode(int32_t cp, char out[4]);

/* Appends cp to sb as UTF-8; U+FFFD for a value that is no character. */
void utf8_put(strbuf *sb, int32_t cp);

/* True when s[0..n) is valid UTF-8; otherwise stores the offset of the first
 * byte of the first invalid sequence in *bad (when bad is non-NULL). */
bool utf8_valid(const char *s, size_t n, size_t *bad);

/* Number of code points in s[0..n); an invalid byte counts as one. */
size_t utf8_length(const char *s, size_t n);

/* True for a character a terminal acts on instead of showing: Unicode's
 * control characters (C0 U+0000-U+001F, DEL, C1 U+0080-U+009F) and the
 * bidirectional embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069), which reorder the rest of a line. */
bool utf8_is_control(int32_t cp);

/* Display width of one code point: 0 for combining marks and zero-width
 * characters, 2 for wide East Asian characters, 1 otherwise (a control
 * character too: it is shown as one replacement character). */
int utf8_cp_width(int32_t cp);

/* Display width of s[0..n) starting at display column `start` (0-based),
 * with tabs advancing to the next multiple of 8 and invalid bytes counted
 * as one column each. Returns the column after the text. */
size_t utf8_advance(const char *s, size_t n, size_t start);

#endif
