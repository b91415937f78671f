/* json_writer.h - JSON written through a builder, never by hand.
 *
 * Every JSON output of the engine (diagnostics, validate's summary,
 * status, deadlines) is written with a json_writer: the caller opens and
 * closes objects and arrays and adds members or elements; the writer puts
 * the brackets, the commas, the colons and the quotes, and escapes every
 * string with json_writer_quote(). In the manner of git's json-writer.h.
 *
 * Each object or array is begun with a layout, which is all the caller
 * says about white space:
 *   JSON_WRITER_COMPACT      {"a":1,"b":[2,3]}
 *   JSON_WRITER_SPACED       {"a": 1, "b": [2,3]}
 *   JSON_WRITER_LINES(i, c)  one element a line, indented by i columns,
 *                            ": " after keys, and the closing bracket on
 *                            a line of its own indented by c columns
 *                            (when there are elements: empty is {} or []).
 * A layout is the container's own; what is nested in it has its layout.
 * json_writer_break() starts one element of a container on a new line.
 *
 * A member of an object is added with its key; an element of an array,
 * or the one value at the top, with the key NULL. Using the writer
 * otherwise (a key missing or extra, json_writer_end() with nothing open,
 * nesting deeper than JSON_WRITER_MAX_DEPTH) is a mistake in the program:
 * it aborts with a message. A json_writer holds no memory of its own: it
 * needs no release, and it writes into a strbuf its caller owns. */
#ifndef KEHOACH_JSON_WRITER_H
#define KEHOACH_JSON_WRITER_H

#include "date.h"
#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JSON_WRITER_MAX_DEPTH 16

typedef struct json_writer_layout {
    int indent;  /* < 0: elements follow on the line */
    int close;   /* columns before the closing bracket's line */
    bool spaced; /* ": " after keys; ", " between elements on a line */
} json_writer_layout;

#define JSON_WRITER_COMPACT ((json_writer_layout){-1, 0, false})
#define JSON_WRITER_SPACED ((json_writer_layout){-1, 0, true})
#define JSON_WRITER_LINES(indent, close) \
    ((json_writer_layout){(indent), (close), true})

typedef struct json_writer {
    strbuf *out;
    struct {
        char close;  /* '}' or ']' */
        bool filled; /* an element was written */
        json_writer_layout layout;
    } open[JSON_WRITER_MAX_DEPTH];
    size_t depth;
    int pending_break; /* < 0: none */
} json_writer;

void json_writer_init(json_writer *w, strbuf *out);

void json_writer_object_begin(json_writer *w, const char *key,
                              json_writer_layout layout);
void json_writer_array_begin(json_writer *w, const char *key,
                             json_writer_layout layout);
/* Closes the innermost object or array. */
void json_writer_end(json_writer *w);

/* The next element of the innermost container starts on a new line
 * indented by `indent` columns, whatever its layout. */
void json_writer_break(json_writer *w, int indent);

/* s NULL: null. */
void json_writer_string(json_writer *w, const char *key, const char *s);
void json_writer_int(json_writer *w, const char *key, intmax_t v);
void json_writer_uint(json_writer *w, const char *key, uintmax_t v);
/* Up to 15 significant digits (%.15g); JSON has no infinity or NaN, so
 * those are null. */
void json_writer_double(json_writer *w, const char *key, double v);
void json_writer_bool(json_writer *w, const char *key, bool v);
void json_writer_null(json_writer *w, const char *key);
/* The ISO date "2026-03-05" as a string; d NULL: null. */
void json_writer_date(json_writer *w, const char *key, const date *d);

/* Appends s (n bytes) to sb as a JSON string literal, with its quotes:
 * '"', '\\' and the C0 controls escaped as RFC 8259 asks, and the other
 * control characters of utf8_is_control() (DEL, C1, bidi controls) too,
 * so that JSON shown on a terminal cannot act on it. Bytes that are not
 * UTF-8 are left as they are. For a string outside a json_writer (a value
 * quoted in a message). */
void json_writer_quote(strbuf *sb, const char *s, size_t n);

#endif
