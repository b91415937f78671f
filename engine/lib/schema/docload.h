/* docload.h - one YAML document loaded and checked against its schema.
 *
 * Every document the engine reads goes the same way: the file read within
 * its size limit (fileio.h), its text as a source, an arena for its
 * nodes, the YAML loaded (yamlload.h), then the schema of its kind checked
 * at its root (catalog.h). Each step's problems go to the diagnostics sink
 * under the step's stage ("file", "yaml", "schema"); the stage is left at
 * "meaning", for the checks the caller makes next. A text already in
 * memory (a built-in template, the new text of a log) starts at its
 * source. */
#ifndef KEHOACH_DOCLOAD_H
#define KEHOACH_DOCLOAD_H

#include "arena.h"
#include "catalog.h"
#include "diag.h"
#include "node.h"
#include "source.h"
#include "yamlload.h"

typedef struct docload_doc {
    source *src;
    arena *a;   /* its nodes, and what the caller builds */
    node *root; /* NULL: the text is not YAML (the sink says why) */
} docload_doc;

typedef struct docload_spec {
    const char *what; /* "file", "template" or "log": in the messages */
    const yamlload_limits *limits;
    const catalog *cat; /* with schema: the catalog it is in */
    const char *schema; /* the root's schema ("plan.schema.json"),
                                       NULL: none checked */
} docload_spec;

typedef enum docload_status {
    DOCLOAD_OK,         /* loaded; the schema's problems are in the sink */
    DOCLOAD_UNREADABLE, /* "cannot read the file: ...": no document */
    DOCLOAD_TOO_LARGE,  /* over limits->max_bytes: no document */
    DOCLOAD_NOT_YAML,   /* a document without a root */
    DOCLOAD_BROKEN,     /* refused without a reason: a bug, reported as
                               an internal error; a document without a root */
} docload_status;

/* Reads and loads the file at path. *out is the document (free it with
 * docload_free), or NULL when the file could not be read. */
docload_status docload_file(const char *path, const docload_spec *spec,
                            diag_sink *d, docload_doc **out);

/* The same from a source already read, which the document takes over
 * (*out is never NULL). */
docload_status docload_source(source *src, const docload_spec *spec,
                              diag_sink *d, docload_doc **out);

/* docload_file for a document that may be far larger than memory (a
 * progress log): the file is mapped (source_map, from 1 MiB on) rather
 * than read, and the list under items->key is handed over item by item
 * (yamlload_parse_stream): each item, checked against its schema (the
 * list's "items" in the spec's schema), goes to items->fn for the
 * caller's checks, under the stage "meaning", and lives only during the
 * call. doc->root holds the rest, with that list empty, and the root's
 * schema is checked after the items. Memory stays that of one item,
 * whatever the list's length. */
docload_status docload_file_items(const char *path, const docload_spec *spec,
                                  const yamlload_stream *items, diag_sink *d,
                                  docload_doc **out);

void docload_free(docload_doc *doc); /* NULL-safe */

#endif
