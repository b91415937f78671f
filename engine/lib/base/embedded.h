/* embedded.h - files compiled into the engine: the JSON files of schemas/,
 * the draft-07 meta-schema and the built-in report templates of
 * templates/, turned into a table at build time by engine/embed.c. */
#ifndef KEHOACH_EMBEDDED_H
#define KEHOACH_EMBEDDED_H

#include <stddef.h>

typedef struct embedded_file {
    const char *name; /* base name, e.g. "plan.schema.json" */
    const char *data; /* the bytes, followed by a NUL */
    size_t len;
} embedded_file;

extern const embedded_file embedded_files[];
extern const size_t embedded_files_count;

/* The embedded file with this base name, or NULL. */
const embedded_file *embedded_find(const char *name);

#endif
