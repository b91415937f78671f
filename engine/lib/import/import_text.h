/* import_text.h - the text of an existing plan as paragraphs with markers.
 *
 * The first stage of `kehoach import`. Plans reach us as text exported
 * from Word (one paragraph per line), as Markdown, or extracted from a PDF
 * (lines broken in the middle of sentences, blank lines between them, page
 * numbers in between). This module undoes all of that: it repairs the
 * bytes (invalid UTF-8, control characters, odd spaces, Unicode NFC),
 * removes Markdown markup (headings, bold and italic markers, tables' rule
 * rows), puts a table saved one cell a line (as LibreOffice saves a Word
 * document as text) back as rows of cells, joins the lines of one
 * paragraph again, drops page-number lines (and says which), and reads
 * the marker that opens each paragraph: a Roman part number, "1." /
 * "2.1.", "a)", "Hoạt động 1:", a bullet.
 * Nothing here knows what a plan is; import.c does. */
#ifndef KEHOACH_IMPORT_TEXT_H
#define KEHOACH_IMPORT_TEXT_H

#include "arena.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum import_mark {
    IMPORT_MARK_NONE,
    IMPORT_MARK_ROMAN,    /* "II. NỘI DUNG" */
    IMPORT_MARK_NUMBER,   /* "1.", "2.1.", "2.1", "3)" */
    IMPORT_MARK_LETTER,   /* "a)" */
    IMPORT_MARK_ACTIVITY, /* "Hoạt động 1:", "Hoạt động:" */
    IMPORT_MARK_BULLET,   /* "- ", "– ", "• ", "* " */
    IMPORT_MARK_PLUS,     /* "+ " (also "- + ") */
} import_mark;

typedef struct import_para {
    const char *text; /* the paragraph, markup removed, spaces collapsed */
    const char *body; /* text after the marker (points into text) */
    import_mark mark;
    const char *key;    /* the marker's number: "II", "2.1", "a", "1";
                            "" for an unnumbered "Hoạt động:"; else NULL */
    unsigned line;      /* 1-based line where the paragraph starts */
    bool caps;          /* letters, none of them lower case */
    const char **cells; /* a table row: its cells, trimmed; else NULL */
    size_t ncells;
} import_para;

typedef struct import_doc {
    import_para *paras;
    size_t count, cap;
    unsigned *dropped; /* lines left out as page numbers */
    size_t ndropped, dropped_cap;
    unsigned *repaired; /* lines whose bytes were not valid text */
    size_t nrepaired, repaired_cap;
} import_doc;

/* Reads text[0..len) (any bytes) into paragraphs allocated in a. */
void import_text_read(arena *a, const char *text, size_t len, import_doc *out);

/* The marker that opens a paragraph: its number and where the text after
 * it starts, as offsets into the paragraph. */
typedef struct import_marker {
    import_mark mark;
    size_t key_off, key_len; /* "2.1" in "2.1. ...", "1" in "Hoạt động 1:" */
    size_t body;
} import_marker;

/* Reads the marker at the start of s into *m; returns m->mark
 * (IMPORT_MARK_NONE when s opens with none). */
import_mark import_text_mark(const char *s, import_marker *m);

#endif
