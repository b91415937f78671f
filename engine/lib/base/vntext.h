/* vntext.h - comparing Vietnamese text the way people mean it.
 *
 * The same unit name typed with two input methods (Telex producing
 * precomposed letters, another producing combining marks) must compare
 * equal, and so must "Sở Tư Pháp" and "sở tư pháp", and "Uỷ ban" (old
 * tone placement) and "Ủy ban" (new). vntext_fold() gives the comparison
 * key: case folded, each word's tone mark moved to its end, Unicode NFC,
 * runs of white space collapsed to one space, trimmed, trailing
 * punctuation (. ; , :) dropped.
 * vntext_suggest() finds the nearest candidate for a "did you mean" hint. */
#ifndef KEHOACH_VNTEXT_H
#define KEHOACH_VNTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Comparison key for s[0..n); caller frees. Invalid UTF-8 bytes are kept
 * as they are, so distinct invalid inputs stay distinct. */
char *vntext_fold(const char *s, size_t n);
/* Like vntext_fold(), for a text met once in a run (a sheet's name): not
 * remembered, so that a run of thousands of them keeps none. */
char *vntext_fold_once(const char *s, size_t n);

/* Like vntext_fold(), then without diacritics (ư -> u, đ -> d): for matching
 * text that lost its marks. Caller frees. */
char *vntext_fold_ascii(const char *s, size_t n);

/* Bytes vntext_fold_ascii_cp() may write. */
#define VNTEXT_CP_FOLD_MAX 32

/* One code point folded as vntext_fold_ascii() folds it within a word
 * ('Ế' -> "e", 'Đ' -> "d", 'ß' -> "ss", a combining mark -> "", and no
 * trailing punctuation dropped), except that ASCII is only lowered
 * ("A" -> "a", " " -> " "): for matching text a character at a time.
 * Writes out[0..return) (not NUL-terminated), at most VNTEXT_CP_FOLD_MAX
 * bytes. */
size_t vntext_fold_ascii_cp(int32_t cp, char *out);

/* True when a and b are equal under vntext_fold(). */
bool vntext_same(const char *a, const char *b);
/* ... under vntext_fold_ascii(): diacritics set aside too. */
bool vntext_same_ascii(const char *a, const char *b);

/* Edit distance (insertions, deletions, substitutions, transpositions of
 * neighbours) between two NUL-terminated strings, counted in code points.
 * Stops early and returns limit + 1 once the distance exceeds limit. */
size_t vntext_distance(const char *a, const char *b, size_t limit);

/* The candidate nearest to `word`, if it is close enough to be what the
 * user meant: within about a third of the word's length (GCC's rule), or
 * equal once case and diacritics are ignored. Returns an index into
 * candidates, or -1. */
long vntext_suggest(const char *word, const char *const *candidates, size_t n);

/* A name fit for a file or an id: s[0..n) without diacritics, in lower
 * case, each run of other characters than a-z and 0-9 one "-", none at
 * either end ("Sở Y tế tỉnh Ninh Bình" -> "so-y-te-tinh-ninh-binh"); ""
 * when nothing is left. Caller frees. */
char *vntext_slug(const char *s, size_t n);

/* s in capitals ("Sở Tư pháp" -> "SỞ TƯ PHÁP"), as the issuing body is
 * printed in a document's header. Caller frees. */
char *vntext_upper(const char *s);

#endif
