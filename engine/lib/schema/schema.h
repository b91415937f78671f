/* schema.h - JSON Schema draft-07: compile schemas, validate documents.
 *
 * Every draft-07 keyword is implemented except "format", which draft-07
 * makes an annotation by default and which is kept as one here. A schema
 * that uses a keyword outside draft-07 is refused with a positioned error
 * (never silently half-checked). Schemas are registered in a set under
 * absolute URIs, so that "$ref" reaches across files ("units.schema.json"
 * referring to "plan.schema.json#/definitions/unit") and into "$id"-scoped
 * subschemas; the draft-07 meta-schema is always present in a set.
 *
 * Validation reports every problem it finds as a diagnostic at the
 * instance's position, in the words of a person filling in the document:
 * "missing required key 'lead' (Đơn vị chủ trì)", "unknown key 'partner';
 * did you mean 'partners'?", "'year' (Năm kế hoạch) must be a whole number,
 * not text". Property titles come from the schema's "title" keywords. */
#ifndef KEHOACH_SCHEMA_H
#define KEHOACH_SCHEMA_H

#include "diag.h"
#include "node.h"

#include <stdbool.h>

typedef struct schema_set schema_set;
typedef struct schema schema;

#define DRAFT07_URI "http://json-schema.org/draft-07/schema"

schema_set *schema_set_new(void);
void schema_set_free(schema_set *set); /* NULL-safe */

/* Compiles the schema document doc and registers it under the absolute URI
 * uri (and under its "$id", and every "$id" inside it). The node tree must
 * outlive the set. Problems go to d as positioned errors; returns false if
 * there were any. "$ref"s are resolved lazily, see schema_set_check_refs. */
bool schema_set_add(schema_set *set, const char *uri, const node *doc,
                    diag_sink *d);

/* Reports every "$ref" in the set that does not resolve. Returns false if
 * any does not. */
bool schema_set_check_refs(schema_set *set, diag_sink *d);

/* The schema at an absolute URI, with optional fragment (a JSON pointer,
 * or a plain-name "$id" fragment); NULL when there is none. */
const schema *schema_set_lookup(schema_set *set, const char *uri);

/* Validates instance against s. Every problem becomes an error in d at the
 * instance node's position. Returns true when the instance is valid. */
bool schema_validate(const schema *s, const node *instance, diag_sink *d);

/* Validates one item of a list read item by item (yamlload_parse_stream):
 * item is the index-th (0-based) item of the list under `key` in a
 * mapping validated by s, whose property `key` gives its items' schema
 * under "items". The messages name it as schema_validate names it within
 * the whole document ("item 3 of 'records' (...)"). True when valid. */
bool schema_validate_item(const schema *s, const char *key, size_t index,
                          const node *item, diag_sink *d);

/* The "title" of the subschema that describes property `key` of objects
 * validated by s (following "$ref"), or NULL. */
const char *schema_property_title(const schema *s, const char *key);

#endif
