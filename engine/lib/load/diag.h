/* diag.h - diagnostics, collected like a compiler's and printed at the end.
 *
 * The library never prints: every problem found in an input becomes a diag
 * in a sink, with the file, the 1-based line, the display column (see
 * utf8.h), a copy of the source line (at most a few KiB around the spot,
 * however long the line) and the width to underline. The CLI
 * formats a sink as text (GCC style: "file:line:col: error: message", the
 * line, a caret) or as JSON. A sink may cap what it keeps per file; the
 * counts always include everything. */
#ifndef KEHOACH_DIAG_H
#define KEHOACH_DIAG_H

#include "json_writer.h"
#include "source.h"
#include "strbuf.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum diag_level { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } diag_level;

typedef struct diag {
    diag_level level;
    char *path;    /* NULL for a problem that concerns no file */
    unsigned line; /* 0: no position */
    size_t column; /* 1-based display column; 0: no position */
    size_t width;  /* display columns to underline, >= 1 */
    char *message;
    char *line_text; /* copy of the source line around the position,
                            NULL without position */
    size_t line_len;
    size_t line_col0;   /* display column where line_text starts (0: at
                            the start of the line) */
    bool line_cut;      /* the line goes on after line_text */
    struct diag *notes; /* notes attached to this diagnostic, in order */
    struct diag *next;  /* next note of the same parent */
    const char *stage;  /* what found it: "file", "yaml", "schema", "meaning" */
    size_t file_rank;   /* order of the file in the sink */
    size_t seq;         /* insertion order */
} diag;

typedef struct diag_sink diag_sink;
struct node; /* node.h */

/* A place in a file, captured while its source is at hand, to report at
 * later (after the source is freed): everything a diag takes from it. */
typedef struct diag_loc {
    const char *path; /* not owned; a captured one is kept for the
                         process (fileio_path_kept) */
    unsigned line;    /* 0: the whole file */
    size_t column, width;
    char *line_text;
    size_t line_len, line_col0;
    bool line_cut;
} diag_loc;

void diag_loc_capture(diag_loc *loc, const source *src, srcpos pos,
                      size_t span);
void diag_loc_release(diag_loc *loc);

/* cap_per_file: how many diagnostics (of any level) to keep per file; 0
 * keeps all. */
diag_sink *diag_sink_new(size_t cap_per_file);
void diag_sink_free(diag_sink *sink); /* NULL-safe */

/* Sets the stage recorded in the diagnostics added from now on (a static
 * string, see struct diag); diagnostics moved in from another sink take it
 * when they have none. */
void diag_set_stage(diag_sink *sink, const char *stage);

/* Diagnostics are printed grouped by file, files in the order they were
 * first registered here or first seen, and by line and column within a
 * file. */
void diag_register_file(diag_sink *sink, const char *path);

/* A diagnostic at pos in src, underlining span bytes (at least one
 * column). Returns the diag, or NULL when the file's cap was reached (it
 * is still counted). */
diag *diag_at(diag_sink *sink, diag_level level, const source *src, srcpos pos,
              size_t span, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* diag_at with its arguments as a va_list, for a module's own variadic
 * error helper. */
diag *diag_vat(diag_sink *sink, diag_level level, const source *src, srcpos pos,
               size_t span, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));

/* A diagnostic at a document node (see node.h): its position and span. */
diag *diag_at_node(diag_sink *sink, diag_level level, const struct node *at,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* A diagnostic about a whole file (path may be NULL), without position. */
diag *diag_file(diag_sink *sink, diag_level level, const char *path,
                const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* A diagnostic at a captured place. */
diag *diag_at_loc(diag_sink *sink, diag_level level, const diag_loc *loc,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* A note attached to parent (ignored when parent is NULL). src may be NULL
 * for a note without position. */
void diag_note(diag_sink *sink, diag *parent, const source *src, srcpos pos,
               size_t span, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* A note at a captured place. */
void diag_note_at_loc(diag_sink *sink, diag *parent, const diag_loc *loc,
                      const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* True when a diagnostic at a document node would be kept, false when
 * its file's cap is reached and it would only be counted: a caller may
 * then skip work only a kept one shows, such as a "did you mean" that
 * compares a name with every name of the plan. */
bool diag_keeps(const diag_sink *sink, const struct node *at);

size_t diag_errors(const diag_sink *sink);
size_t diag_warnings(const diag_sink *sink);

/* Moves every diagnostic of from into to (caps of to apply); from is left
 * empty with zero counts. */
void diag_move(diag_sink *to, diag_sink *from);

/* Drops everything in the sink and zeroes its counts. */
void diag_clear(diag_sink *sink);

/* The n-th kept diagnostic in print order (for tests and tools). */
size_t diag_count(const diag_sink *sink);
const diag *diag_get(diag_sink *sink, size_t i);

/* Formats every diagnostic. color: ANSI colours for a terminal. */
void diag_format_text(diag_sink *sink, strbuf *out, bool color);
/* A JSON array of objects: file, line, column, severity, stage, message,
 * notes; written as the member `key` of the object w is writing, or as an
 * element or the whole (key NULL). */
void diag_format_json(diag_sink *sink, json_writer *w, const char *key);

#endif
