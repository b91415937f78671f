/* yaml_write.h - writing YAML text by hand: a string as a double-quoted
 * scalar.
 *
 * The engine writes YAML in two places, a progress record appended to a
 * log (progress_write.h) and a plan drafted from a document (import.h);
 * both quote a string through here, so no text can change the structure
 * of what they write and both read back as the same string. */
#ifndef KEHOACH_YAML_WRITE_H
#define KEHOACH_YAML_WRITE_H

#include "strbuf.h"

/* Appends s as a YAML double-quoted scalar: '"', '\' and control
 * characters (utf8_is_control, C1 and bidirectional controls included)
 * escaped, the rest of UTF-8 as it is; bytes that are not UTF-8 are copied
 * (a reader then refuses them). */
void yaml_write_quoted(strbuf *out, const char *s);

#endif
