/* xlsx_pages.h - the first page of a printed sheet left unnumbered: the
 * one module that includes <zip.h>.
 *
 * Decree 30/2020/NĐ-CP numbers the pages of an administrative document
 * from the second, never the first. libxlsxwriter writes one header for
 * every page and has no "different first page" (Excel's differentFirst),
 * so the finished workbook is rewritten: in the sheets named, the
 * <headerFooter> element gains differentFirst="1", and with no first-page
 * header given, the first page prints none. Everything else is copied as
 * it is. The workbook is read from and written back to the same open
 * descriptor, never reopened by name, through an unnamed temporary file;
 * the memory it takes does not grow with the workbook. */
#ifndef KEHOACH_XLSX_PAGES_H
#define KEHOACH_XLSX_PAGES_H

#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>

/* Rewrites the workbook in fd (a regular file, read and written from its
 * start) so that the sheets numbered in `sheets` (1-based, in the order
 * the sheets were added, each with a header or a footer) print no header
 * or footer on their first page; a named sheet without either is an
 * error.
 * Returns false with the reason in err (strbuf.h); fd's content is then
 * unspecified, and the caller discards the file. */
bool xlsx_pages_unnumber_first(int fd, const size_t *sheets, size_t count,
                               strbuf *err);

#endif
