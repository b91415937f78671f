/* yamlload.h - reading a YAML document into positioned nodes, refusing
 * hostile or broken input.
 *
 * The only module that includes <yaml.h>. Before libyaml sees a byte the
 * text is checked: not empty, not binary, UTF-8 (a BOM is accepted; UTF-16
 * is named as such), no tabs used for indentation, within the size limit.
 * libyaml's events are then built into nodes under limits on depth, string
 * length, node count and alias expansion (so "billion laughs" fails at
 * once). Duplicate keys, a second document, custom tags and complex keys
 * are errors. Plain scalars are resolved with the YAML 1.2 core schema (as
 * editors using yaml-language-server do): null, true/false, integers,
 * floats; everything else, including dates, is a string. Every problem is
 * reported at its line and column. A document's top-level list can be
 * handed over item by item instead of built (yamlload_parse_stream), in
 * the memory of one item. */
#ifndef KEHOACH_YAMLLOAD_H
#define KEHOACH_YAMLLOAD_H

#include "diag.h"
#include "node.h"

typedef struct yamlload_limits {
    size_t max_bytes;   /* whole file */
    size_t max_depth;   /* nesting of sequences and mappings */
    size_t max_string;  /* bytes in one scalar */
    size_t max_nodes;   /* nodes built, aliases counted expanded */
    size_t max_aliases; /* alias uses */
} yamlload_limits;

/* 16 MiB, depth 64, 1 MiB strings, 1,000,000 nodes, 1,000 aliases. */
extern const yamlload_limits yamlload_default_limits;

/* Parses src (one document) into nodes in a. Returns the root, or NULL
 * after adding at least one positioned error to d. */
node *yamlload_parse(arena *a, const source *src, diag_sink *d,
                     const yamlload_limits *limits);

/* How yamlload_parse_stream hands over a list: the block or flow list
 * that is the value of `key` in the top-level mapping is not kept; each
 * of its items, once read whole, goes to fn with its 0-based index, in
 * order, and its memory is reused for the next. The item and every node
 * under it live only during the call. Items are handed over while the
 * file has had no problem: after the first, the document is refused and
 * no more items come (none comes twice). An alias in an item may not
 * refer to an anchor in an earlier item. */
typedef void yamlload_item_fn(const node *item, size_t index, void *ctx);

typedef struct yamlload_stream {
    const char *key;
    yamlload_item_fn *fn;
    void *ctx;
} yamlload_stream;

/* yamlload_parse, with the list under stream->key handed over item by
 * item (see above): the root holds it as an empty list. Memory stays
 * that of one item whatever the length of the list, and a mapped source
 * (source_map) is let go behind the reader. */
node *yamlload_parse_stream(arena *a, const source *src, diag_sink *d,
                            const yamlload_limits *limits,
                            const yamlload_stream *stream);

/* Reads the YAML text from fd (at most max_bytes of it) only as far as
 * the key `key` of its top-level mapping, and returns that key's value
 * when it is a scalar (malloc'ed, caller frees). NULL when the text is
 * not a mapping, has no such key, or holds a syntax error before it, or
 * the value is not a scalar. Builds nothing and checks nothing else: for
 * finding files by a key, never for reading them. */
char *yamlload_peek_key(int fd, size_t max_bytes, const char *key);

#endif
