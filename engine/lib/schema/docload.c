/* docload.c - a document read, loaded and checked (see docload.h).
 *
 * The loader promises a reason for every text it refuses; one refused
 * without a reason is reported here, so that a bug never passes for a
 * document with no problems. A list handed over item by item is checked
 * an item at a time against its items' schema (schema_validate_item),
 * which names each item as the whole document's check would. */
#include "docload.h"

#include "fileio.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A list read item by item is mapped from this size on (docload_file_items). */
#define DOCLOAD_MAP_BYTES ((size_t)1 << 20)

/* What spec->what names, for the messages that name it. */
typedef enum docload_kind {
    DOCLOAD_KIND_FILE,
    DOCLOAD_KIND_TEMPLATE,
    DOCLOAD_KIND_LOG,
} docload_kind;

static docload_kind docload_kind_of(const docload_spec *spec)
{
    if (strcmp(spec->what, "template") == 0)
        return DOCLOAD_KIND_TEMPLATE;
    if (strcmp(spec->what, "log") == 0)
        return DOCLOAD_KIND_LOG;
    return DOCLOAD_KIND_FILE;
}

/* "cannot read the file: why", one whole sentence a kind. */
static void docload_cannot_read(diag_sink *d, const char *path,
                                docload_kind kind, const char *why)
{
    switch (kind) {
    case DOCLOAD_KIND_TEMPLATE:
        diag_file(d, DIAG_ERROR, path, "cannot read the template: %s", why);
        break;
    case DOCLOAD_KIND_LOG:
        diag_file(d, DIAG_ERROR, path, "cannot read the log: %s", why);
        break;
    case DOCLOAD_KIND_FILE:
        diag_file(d, DIAG_ERROR, path, "cannot read the file: %s", why);
        break;
    }
}

static void docload_too_large(diag_sink *d, const char *path, docload_kind kind,
                              size_t limit)
{
    switch (kind) {
    case DOCLOAD_KIND_TEMPLATE:
        diag_file(d, DIAG_ERROR, path,
                  "the template is larger than the limit of %zu bytes", limit);
        break;
    case DOCLOAD_KIND_LOG:
        diag_file(d, DIAG_ERROR, path,
                  "the log is larger than the limit of %zu bytes", limit);
        break;
    case DOCLOAD_KIND_FILE:
        diag_file(d, DIAG_ERROR, path,
                  "the file is larger than the limit of %zu bytes", limit);
        break;
    }
}

/* Says why a file could not be read (st: what fileio said, err its
 * reason, released here); the status that goes with it. */
static docload_status docload_refused(diag_sink *d, const char *path,
                                      const docload_spec *spec,
                                      fileio_status st, strbuf *err)
{
    if (st == FILEIO_TOO_LARGE) {
        docload_too_large(d, path, docload_kind_of(spec),
                          spec->limits->max_bytes);
        strbuf_release(err);
        return DOCLOAD_TOO_LARGE;
    }
    docload_cannot_read(d, path, docload_kind_of(spec), strbuf_str(err));
    strbuf_release(err);
    return DOCLOAD_UNREADABLE;
}

docload_status docload_file(const char *path, const docload_spec *spec,
                            diag_sink *d, docload_doc **out)
{
    char *data;
    size_t len;
    strbuf err = STRBUF_INIT;
    *out = NULL;
    diag_set_stage(d, "file");
    fileio_status st =
        fileio_read(path, spec->limits->max_bytes, &data, &len, &err);
    if (st != FILEIO_OK)
        return docload_refused(d, path, spec, st, &err);
    return docload_source(source_new(path, data, len), spec, d, out);
}

/* What docload_file_items passes each item through. */
typedef struct docload_item_check {
    const yamlload_stream *items;
    const schema *s; /* the root's; NULL: none */
    diag_sink *d;
} docload_item_check;

static void docload_item(const node *item, size_t index, void *ctx)
{
    docload_item_check *c = ctx;
    if (c->s) {
        diag_set_stage(c->d, "schema");
        schema_validate_item(c->s, c->items->key, index, item, c->d);
    }
    diag_set_stage(c->d, "meaning");
    c->items->fn(item, index, c->items->ctx);
    diag_set_stage(c->d, "yaml");
}

/* Loads src into *out (never NULL), handing the list items->key names
 * over item by item when items is not NULL. */
static docload_status docload_load(source *src, const docload_spec *spec,
                                   const yamlload_stream *items, diag_sink *d,
                                   docload_doc **out)
{
    docload_doc *doc = xcalloc(1, sizeof *doc);
    *out = doc;
    doc->src = src;
    doc->a = arena_new();
    diag_set_stage(d, "yaml");
    size_t errors = diag_errors(d);
    docload_item_check check = {items,
                                spec->schema
                                    ? catalog_schema(spec->cat, spec->schema)
                                    : NULL,
                                d};
    yamlload_stream stream = {items ? items->key : NULL, docload_item, &check};
    doc->root = yamlload_parse_stream(doc->a, src, d, spec->limits,
                                      items ? &stream : NULL);
    if (!doc->root) {
        if (diag_errors(d) > errors)
            return DOCLOAD_NOT_YAML;
        diag_file(d, DIAG_ERROR, src->path,
                  "internal error: the document was refused without a "
                  "reason");
        return DOCLOAD_BROKEN;
    }
    if (spec->schema) {
        diag_set_stage(d, "schema");
        schema_validate(catalog_schema(spec->cat, spec->schema), doc->root, d);
    }
    diag_set_stage(d, "meaning");
    return DOCLOAD_OK;
}

docload_status docload_source(source *src, const docload_spec *spec,
                              diag_sink *d, docload_doc **out)
{
    return docload_load(src, spec, NULL, d, out);
}

docload_status docload_file_items(const char *path, const docload_spec *spec,
                                  const yamlload_stream *items, diag_sink *d,
                                  docload_doc **out)
{
    int fd;
    size_t len;
    strbuf err = STRBUF_INIT;
    *out = NULL;
    diag_set_stage(d, "file");
    fileio_status st =
        fileio_open(path, spec->limits->max_bytes, &fd, &len, &err);
    if (st != FILEIO_OK)
        return docload_refused(d, path, spec, st, &err);
    /* a small text is read: mapping it costs more page faults than the
     * copy it saves */
    source *src = NULL;
    if (len < DOCLOAD_MAP_BYTES) {
        char *data;
        st =
            fileio_read_fd(fd, len, spec->limits->max_bytes, &data, &len, &err);
        if (st == FILEIO_OK)
            src = source_new(path, data, len);
    } else {
        int why = 0;
        src = source_map(path, fd, len, &why);
        if (!src)
            strbuf_error(&err, "%s", strerror(why));
    }
    close(fd);
    if (!src) /* FILEIO_TOO_LARGE: it grew meanwhile */
        return docload_refused(d, path, spec, st, &err);
    return docload_load(src, spec, items, d, out);
}

void docload_free(docload_doc *doc)
{
    if (!doc)
        return;
    arena_free(doc->a);
    source_free(doc->src);
    free(doc);
}
