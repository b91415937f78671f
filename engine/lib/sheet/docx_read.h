/* docx_read.h - the text of a Word document (.docx), as `kehoach import`
 * reads text, at a bounded cost.
 *
 * A .docx file is a package of XML parts (ECMA-376, WordprocessingML),
 * read through opc.h as xlsx_read reads a workbook: word/document.xml in
 * document order, with word/styles.xml (heading styles, the numbering a
 * style carries) and word/numbering.xml (automatic list numbering).
 *
 * The text is what import_text reads: one paragraph a line, and
 *   - the automatic number of a list paragraph written before it as Word
 *     shows it ("II.", "1.", "1.2.", "a)", bullets as "-"), counted as
 *     Word counts: per list definition, restarted by a list's
 *     startOverride, deeper levels restarted under a shallower one;
 *   - a heading (a "heading N" style, or an outline level) opened by N
 *     '#' and a space, as Markdown writes it;
 *   - a table row as "| cell | cell |": the paragraphs of a cell joined by
 *     a space, a cell spanning columns (gridSpan) followed by empty cells
 *     for the columns it covers, a cell continuing a vertical merge
 *     (vMerge) repeating the text of the cell that starts it, so each row
 *     of a table of activities carries its lead unit; a header of
 *     several rows (w:tblHeader) one row; a table inside a cell joined
 *     into that cell;
 *   - a layout table of two columns, or three with a spacer between (the
 *     header of an administrative document: issuer and number left,
 *     national motto and place and date right; or the signature block),
 *     read column by column, each of its paragraphs a line;
 *   - tracked changes as if accepted (insertions and moves kept, deletions
 *     dropped); footnotes, endnotes, comments, field codes and hidden text
 *     left out; text boxes read where they are anchored (once, though
 *     Word writes them twice); a line break a new line, a tab a space,
 *     text formatted in capitals (w:caps) in capitals;
 *   - a run typed in a legacy Vietnamese font (TCVN3: ".VnTime",
 *     ".VnTimeH"; VNI: "VNI-Times"), whose text holds the font's bytes,
 *     in the Unicode letters the font draws (vnlegacy.h); the font found
 *     as Word finds it: the run's, its character style's, its paragraph
 *     style's (each through basedOn), the document's defaults.
 *
 * A hostile file is refused with the part, line and column where it was
 * seen, before it costs more than the limits. */
#ifndef KEHOACH_DOCX_READ_H
#define KEHOACH_DOCX_READ_H

#include "opc.h"
#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct docx_limits {
    opc_limits package;
    size_t max_paragraphs; /* paragraphs, table cells' included */
    size_t max_cells;      /* table cells */
    size_t max_text;       /* bytes of text written, all paragraphs */
    unsigned max_depth;    /* elements open at once in a part */
} docx_limits;

/* For import: 32 MiB file, 64 MiB per part, 256 MiB in all, ratio 100,
 * 100,000 paragraphs, 1,000,000 cells, 8 MiB of text, depth 256. */
extern const docx_limits docx_default_limits;

/* Appends the text of the document in data[0..len) to out. Returns false
 * with *err filled (and out as it was) when it is not a Word document, is
 * broken, or passes a limit (lim NULL: docx_default_limits). */
bool docx_read_memory(const void *data, size_t len, const docx_limits *lim,
                      strbuf *out, opc_error *err);

/* The same from the regular file at path, opened without following a
 * link. */
bool docx_read_file(const char *path, const docx_limits *lim, strbuf *out,
                    opc_error *err);

#endif
