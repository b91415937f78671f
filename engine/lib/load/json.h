/* json.h - a strict JSON reader (RFC 8259) producing positioned nodes.
 *
 * Schemas are JSON files; this reader gives them the same node tree and
 * the same positioned diagnostics as YAML plans get. It refuses what RFC
 * 8259 refuses (trailing commas, comments, single quotes, leading zeros,
 * lone surrogates, control characters in strings, invalid UTF-8), and
 * duplicate keys in an object, with a message at the exact position.
 * Escaped surrogate pairs become the UTF-8 of their code point. */
#ifndef KEHOACH_JSON_H
#define KEHOACH_JSON_H

#include "diag.h"
#include "node.h"

#define JSON_MAX_DEPTH 512

/* Parses the whole text of src into a node tree allocated in a. Returns
 * NULL after adding at least one error to d. */
node *json_parse(arena *a, const source *src, diag_sink *d);

#endif
