/* catalog.h - the built-in schemas, ready to validate with.
 *
 * The files of schemas/ are compiled into the engine (embedded.h) and
 * registered here under kehoach:/schemas/<file name>, so "$ref"s between
 * them resolve as they do for an editor reading the folder. A broken
 * built-in schema is an internal error, reported at its position in
 * schemas/<file>. */
#ifndef KEHOACH_CATALOG_H
#define KEHOACH_CATALOG_H

#include "diag.h"
#include "schema.h"

typedef struct catalog catalog;

/* Loads every built-in schema. Returns NULL after reporting to d when one
 * of them cannot be read or compiled. */
catalog *catalog_load(diag_sink *d);
void catalog_free(catalog *c); /* NULL-safe */

/* The compiled schema of a file in schemas/ ("plan.schema.json"), or NULL. */
const schema *catalog_schema(const catalog *c, const char *file);

#endif
