/* visible.h - untrusted text made safe to show in a terminal.
 *
 * Plan files, logs, file names and the command line may hold characters a
 * terminal acts on instead of showing (utf8_is_control(): ESC starts a
 * sequence that recolours, moves the cursor or retitles the window, BEL
 * rings, U+202E turns the rest of the line around). Every text printed for
 * a person goes through here: each such character becomes a visible escape
 * (\x1B, \u202E) and a byte that is not UTF-8 becomes U+FFFD, so what is
 * shown is what the file holds, and nothing else happens. The source line
 * under a diagnostic shows U+FFFD instead (diag.c: one column, so the caret
 * stays right); files in other formats are safe by their writers (JSON
 * escapes, CSV and iCalendar drop controls). */
#ifndef KEHOACH_VISIBLE_H
#define KEHOACH_VISIBLE_H

#include "strbuf.h"

#include <stddef.h>

/* Appends s[0..n) with every control character as its escape: for a
 * message, where a line break inside a quoted value must show too. */
void visible_append(strbuf *out, const char *s, size_t n);

/* Appends s made visible, line breaks and tabs as spaces (a title written
 * on several lines reads as one), cut to `columns` display columns with
 * "…" where it is cut: for text laid out in columns. */
void visible_fit(strbuf *out, const char *s, size_t columns);

#endif
