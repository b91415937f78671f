/* pdf_text.h - the text of a PDF, in reading order, as import reads text.
 *
 * A plan reaches an office as the signed PDF more often than as text.
 * Its words are read with poppler (poppler-glib) with the place of every
 * character, and laid out again from those places rather than from the
 * order the file stores them in: characters into lines by their height on
 * the page, lines cut into pieces where a wide gap leaves a column apart.
 * What comes out is the text import_text.h reads, one paragraph a line:
 *
 *  - the two columns of an administrative document's header (issuer and
 *    number on the left, national motto, place and date on the right) one
 *    after the other, the left column first; the motto broken by a narrow
 *    column is joined again;
 *  - a table as one line a row, "| a | b |" as the Word reader
 *    (docx_read.h) writes it: a ruled table by its rules (merged cells,
 *    a header of several rows, a row broken by the page whole, the header
 *    repeated on the next page once), a table of three columns or more
 *    without rules by the columns of its words (a row starts where its
 *    first column has text); the lines of a wrapped cell joined;
 *  - a list's number or bullet with its text, however wide the tab;
 *  - a paragraph's lines wrapped by the page joined into one line (the
 *    next line's first word would not have fitted, the line is no further
 *    below than lines usually are and starts no further right, on this
 *    page or the next), a centred title's lines too; a word broken at its
 *    hyphen joined without a space;
 *  - footnotes left out, as the Word reader leaves them out: numbers
 *    raised and small, and the notes under the short rule at the foot of
 *    a page;
 *  - page numbers and running headers or footers (the first or last line
 *    of a page, a line of one piece, that is a number, or that is the
 *    same on several pages) left out.
 *
 * A PDF whose pages hold no text (a scan: images only; page numbers at
 * most) is refused, as are
 * a broken file and one locked by a password. The cost is bounded: the
 * number of pages read and the length of the text made; each page with
 * text is drawn once, in at most 4 million pixels, to find its rules. */
#ifndef KEHOACH_PDF_TEXT_H
#define KEHOACH_PDF_TEXT_H

#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum pdf_text_status {
    PDF_TEXT_OK,
    PDF_TEXT_BROKEN,    /* not a PDF poppler can open */
    PDF_TEXT_LOCKED,    /* encrypted, and no empty password opens it */
    PDF_TEXT_NO_TEXT,   /* no page holds text but page numbers: a scan */
    PDF_TEXT_TOO_LARGE, /* more pages or text than the limits allow */
} pdf_text_status;

typedef struct pdf_text_limits {
    unsigned max_pages;
    size_t max_text; /* bytes of text made */
} pdf_text_limits;

/* True when data[0..len) starts as a PDF file does ("%PDF-"). */
bool pdf_text_is_pdf(const void *data, size_t len);

/* Reads the PDF in data[0..len) into *out as text (UTF-8, one paragraph
 * a line). On a status other than PDF_TEXT_OK, out is left empty. */
pdf_text_status pdf_text_read(const void *data, size_t len,
                              const pdf_text_limits *limits, strbuf *out);

#endif
