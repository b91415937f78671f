/* csv.h - writing RFC 4180 CSV: UTF-8, CRLF line ends, a cell quoted when
 * it holds a comma, a quote or a line break, and also a semicolon or a
 * tab, which LibreOffice's text import splits cells on by default. A
 * file written for a person may start with CSV_BOM, the byte order mark
 * by which Excel and LibreOffice's import dialog know it is UTF-8 (they
 * take a file without one for the computer's legacy code page). A text
 * cell that starts with
 * '=', '+', '-', '@', a tab or a carriage return gets a leading apostrophe,
 * so that a spreadsheet shows it instead of running it as a formula;
 * numbers are written as numbers. Control characters other than the tab
 * and line breaks (utf8_is_control(): ESC, BEL, DEL, U+0085, U+202E...),
 * which RFC 4180 text cannot hold and which would act on a terminal the
 * CSV is printed to, are left out, before the formula check. */
#ifndef KEHOACH_CSV_H
#define KEHOACH_CSV_H

#include "strbuf.h"

#include <stdbool.h>

/* U+FEFF in UTF-8: a CSV file's first bytes, before its header. */
#define CSV_BOM "\xEF\xBB\xBF"

/* Appends s without the control characters a cell leaves out (above). */
void csv_clean(strbuf *out, const char *s);

/* A text cell (NULL: empty). first: the first cell of its row. */
void csv_text(strbuf *out, const char *s, bool first);
void csv_number(strbuf *out, long n, bool first);
void csv_end_row(strbuf *out);

#endif
