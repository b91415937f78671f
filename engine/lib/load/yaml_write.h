/* yaml_write.h - writing YAML text by hand: a string as a scalar.
 *
 * The engine writes YAML in three places, a progress record appended to a
 * log (progress_write.h), a plan drafted from a document (import.h) and
 * next year's plan drafted from this year's (newyear.h); all write a
 * string through here, so no text can change the structure of what they
 * write and all read back as the same string. */
#ifndef KEHOACH_YAML_WRITE_H
#define KEHOACH_YAML_WRITE_H

#include "strbuf.h"

/* Appends s as a YAML double-quoted scalar: '"', '\' and control
 * characters (utf8_is_control, C1 and bidirectional controls included)
 * escaped, the rest of UTF-8 as it is; bytes that are not UTF-8 are copied
 * (a reader then refuses them). */
void yaml_write_quoted(strbuf *out, const char *s);

/* Appends s plain where YAML reads it back as the same string (no
 * indicator first, no ": " or " #", no line break or control character,
 * nothing that reads as a number, a date, a boolean or null), else as
 * yaml_write_quoted does. */
void yaml_write_scalar(strbuf *out, const char *s);

#endif
