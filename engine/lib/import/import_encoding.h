/* import_encoding.h - the bytes of a plan's text turned into UTF-8.
 *
 * The step before import_text: Vietnamese documents reach us as UTF-8
 * (with or without a byte order mark), as UTF-16 (Word's "Unicode text"),
 * as Windows-1258, and in the legacy font encodings of older documents,
 * TCVN3 (ABC, the .VnTime fonts) and VNI (VNI-Times). A byte order mark
 * or UTF-16's pattern of zero bytes says which; text that is valid UTF-8
 * is UTF-8; any other text is decoded every way, and the encoding whose
 * text holds clearly more common Vietnamese syllables than every other is
 * taken. When none does, nothing is guessed: the caller is told the
 * candidates, and a person names the encoding. */
#ifndef KEHOACH_IMPORT_ENCODING_H
#define KEHOACH_IMPORT_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

typedef enum import_encoding {
    IMPORT_ENCODING_AUTO, /* detect (as an argument); none (as a result) */
    IMPORT_ENCODING_UTF8,
    IMPORT_ENCODING_UTF16,
    IMPORT_ENCODING_CP1258,
    IMPORT_ENCODING_TCVN3,
    IMPORT_ENCODING_VNI,
    IMPORT_ENCODING_COUNT
} import_encoding;

typedef struct import_encoding_result {
    import_encoding encoding; /* the one used; AUTO when none was told */
    bool bom;                 /* the text opened with a byte order mark */
    bool big_endian;          /* UTF-16 only */
    char *text;               /* UTF-8, NUL-terminated; malloc'd, caller
                                 frees; NULL when none could be told */
    size_t len;
    /* Common Vietnamese syllables found in the text read each way, when
     * the encoding had to be told from the words (else all 0). */
    size_t words[IMPORT_ENCODING_COUNT];
    bool weighed; /* words[] was filled */
} import_encoding_result;

/* The encoding an --encoding value names (utf-8, utf8, utf-16, utf16,
 * cp1258, windows-1258, tcvn3, abc, vni; any case); false if none. */
bool import_encoding_parse(const char *name, import_encoding *out);

/* How messages name an encoding: "UTF-8", "UTF-16LE", "Windows-1258",
 * "TCVN3 (ABC)", "VNI". */
const char *import_encoding_label(import_encoding e, bool big_endian);

/* Turns bytes[0..len) into UTF-8 in out->text: as `forced` says, or,
 * with IMPORT_ENCODING_AUTO, as detected. UTF-8 is passed on as it is
 * (byte order mark removed; import_text repairs invalid bytes and says
 * where); a byte or pair no encoding defines becomes U+FFFD. Returns
 * false, with out->text NULL, when the encoding cannot be told
 * (out->weighed, out->words filled) or when this system's iconv cannot
 * convert from the one chosen (out->encoding names it). */
bool import_encoding_read(const char *bytes, size_t len, import_encoding forced,
                          import_encoding_result *out);

/* True when e is one the words could not tell from the best of them, as
 * out->words says after a refusal: the candidates to name. */
bool import_encoding_contender(const import_encoding_result *r,
                               import_encoding e);

#endif
