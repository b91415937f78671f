/* source.h - a file's text and the positions in it.
 *
 * A source owns the bytes of one input file and knows where each line
 * starts, with line breaks counted as libyaml counts them (LF, CR, CR LF,
 * NEL, LS, PS), so that a (line, character column) pair from the YAML
 * parser maps back to a byte offset exactly. Positions handed around the
 * engine are srcpos values: a 1-based line and a byte offset into the text.
 * A UTF-8 byte order mark is skipped: line 1 starts after it. The line
 * index is built the first time a line is asked for (a diagnostic, a
 * position by offset), not when the text is read: a file that loads
 * without a problem never pays for it. Finding a
 * line's end or a column never reads a line from its start more than once:
 * a column deep in a long line is counted from the nearest of the marks
 * the source keeps (see source.c), so any number of diagnostics on a
 * one-line file cost what the line costs. */
#ifndef KEHOACH_SOURCE_H
#define KEHOACH_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct srcpos {
    unsigned line; /* 1-based; 0 means "no position" */
    size_t offset; /* byte offset into the source text */
} srcpos;

struct source_lines;

typedef struct source {
    char *path; /* as the user named it */
    char *text; /* NUL-terminated; may contain NUL bytes before len */
    size_t len;
    size_t start;               /* where line 1 starts: 3 after a BOM */
    struct source_lines *lines; /* the line index and display columns,
                                   built on first need */
    size_t mapped; /* bytes mapped from the file (source_map); 0 when the
                      text is on the heap */
} source;

/* Length of the line break at s[i] (LF, CR, CR LF, NEL, LS or PS), or 0. */
size_t source_break_len(const char *s, size_t n, size_t i);

/* Takes ownership of text (malloc'ed, len bytes plus a NUL). */
source *source_new(const char *path, char *text, size_t len);
void source_free(source *src); /* NULL-safe */

/* The text of the regular file open on fd (len bytes, as fstat gave
 * them), mapped read-only instead of read: a text far larger than the
 * memory it may take, such as a long progress log, is read through once
 * and its pages given back behind the reader (source_let_go). NULL when
 * it cannot be mapped, with the reason in *err (errno). The descriptor
 * can be closed after. The file must not shrink while the source lives:
 * kehoach's own writers replace files, never cut them. */
source *source_map(const char *path, int fd, size_t len, int *err);

/* Gives back the memory of the text before offset, which stays readable:
 * a mapped source reads it again from the file if it is looked at (a
 * diagnostic). Called as a reader goes through the text; an offset
 * before the last one starts a new pass. Nothing for a text on the
 * heap. */
void source_let_go(const source *src, size_t offset);

/* Number of lines (at least 1), and where a 1-based line starts (its
 * first byte; the text's length past the last line). */
unsigned source_line_count(const source *src);
size_t source_line_start(const source *src, unsigned line);

/* Byte offset of the character at 0-based (line, column) as libyaml counts
 * them; clamps to the end of the line or text. */
srcpos source_pos_at(const source *src, size_t line0, size_t col0);

/* The position of a byte offset. */
srcpos source_pos_of(const source *src, size_t offset);

/* Text of a 1-based line without its line break. */
const char *source_line(const source *src, unsigned line, size_t *len);

/* Text of the line that holds pos (without its break): the same as
 * source_line(src, pos.line), found without the line index when the line
 * is short. */
const char *source_line_at(const source *src, srcpos pos, size_t *len);

/* 1-based display column of pos (see utf8.h for how columns count). */
size_t source_column(const source *src, srcpos pos);

#endif
