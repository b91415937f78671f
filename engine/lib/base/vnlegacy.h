/* vnlegacy.h - the legacy Vietnamese font encodings, byte by byte.
 *
 * Before Unicode, Vietnamese was typed in fonts that drew their own
 * letters on the codes of Windows-1252: the ABC fonts of TCVN 5712:1993
 * VN3 (".VnTime", ".VnArial"; ".VnTimeH", their capitals, drawing
 * capitals on every letter code) and the VNI fonts ("VNI-Times"), which
 * write a letter with marks as its base letter and one code for the
 * marks after it. This module holds their tables, for the text files
 * that import_encoding decodes and for the runs that a Word document
 * sets in one of those fonts (docx_read). */
#ifndef KEHOACH_VNLEGACY_H
#define KEHOACH_VNLEGACY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum vnlegacy_font {
    VNLEGACY_NONE,       /* an ordinary font: the text is Unicode */
    VNLEGACY_TCVN3,      /* ".VnTime", ".VnArial", ... */
    VNLEGACY_TCVN3_CAPS, /* ".VnTimeH", ".VnArialH", ...: all capitals */
    VNLEGACY_VNI,        /* "VNI-Times", "VNI-Helve", ... */
} vnlegacy_font;

/* The encoding a font's name implies: a name starting ".Vn" (any case)
 * is TCVN3, its capitals font when it ends in "H"; a name starting
 * "VNI-" (any case) is VNI; NULL or any other name is none. */
vnlegacy_font vnlegacy_font_of(const char *name);

/* The code point of a TCVN3 byte: 0x80-0x9F as Windows-1252 (U+FFFD
 * where it has none), the letters and the five combining tone marks at
 * 0xA0-0xFF, Latin-1 at the other bytes. */
int32_t vnlegacy_tcvn3(unsigned char b);

/* Whether a TCVN3 byte is a letter: an ASCII one, or one of the
 * Vietnamese letters at 0xA0-0xFF (the tone marks alone are not). */
bool vnlegacy_tcvn3_letter(unsigned char b);

/* The code points a VNI byte writes into cp: the byte itself as
 * Windows-1252 (Latin-1 above 0x9F), a letter of VNI's own, or the marks
 * it puts on the vowel written before it (a circumflex or breve and a
 * tone), as combining marks in the order NFC composes them. Returns how
 * many, 1 to 3. */
size_t vnlegacy_vni(unsigned char b, int32_t cp[3]);

/* Text typed in font f as a Word document keeps it, s[0..n) in UTF-8:
 * each code point up to U+00FF is the legacy byte the font drew (and
 * U+F020-U+F0FF, how Word keeps the bytes of a symbol font, the byte
 * 0x20-0xFF), decoded as f says, in capitals for a capitals font; other
 * code points and invalid bytes are kept. Returned in NFC, so VNI's
 * marks are composed with their letters; caller frees. With
 * VNLEGACY_NONE, a copy. */
char *vnlegacy_font_text(vnlegacy_font f, const char *s, size_t n);

#endif
