/* docload.c - a document read, loaded and checked (see docload.h).
 *
 * The loader promises a reason for every text it refuses; one refused
 * without a reason is reported here, so that a bug never passes for a
 * document with no problems. */
#include "docload.h"

#include "fileio.h"
#include "xalloc.h"

#include <stdlib.h>

docload_status docload_file(const char *path, const docload_spec *spec,
                            diag_sink *d, docload_doc **out)
{
    char *data;
    size_t len;
    strbuf err = STRBUF_INIT;
    *out = NULL;
    diag_set_stage(d, "file");
    switch (fileio_read(path, spec->limits->max_bytes, &data, &len, &err)) {
    case FILEIO_ERROR:
        diag_file(d, DIAG_ERROR, path, "cannot read the %s: %s", spec->what,
                  strbuf_str(&err));
        strbuf_release(&err);
        return DOCLOAD_UNREADABLE;
    case FILEIO_TOO_LARGE:
        diag_file(d, DIAG_ERROR, path,
                  "the %s is larger than the limit of "
                  "%zu bytes",
                  spec->what, spec->limits->max_bytes);
        return DOCLOAD_TOO_LARGE;
    case FILEIO_OK:
        break;
    }
    return docload_source(source_new(path, data, len), spec, d, out);
}

docload_status docload_source(source *src, const docload_spec *spec,
                              diag_sink *d, docload_doc **out)
{
    docload_doc *doc = xcalloc(1, sizeof *doc);
    *out = doc;
    doc->src = src;
    doc->a = arena_new();
    diag_set_stage(d, "yaml");
    size_t errors = diag_errors(d);
    doc->root = yamlload_parse(doc->a, src, d, spec->limits);
    if (!doc->root) {
        if (diag_errors(d) > errors)
            return DOCLOAD_NOT_YAML;
        diag_file(d, DIAG_ERROR, src->path,
                  "internal error: the %s was "
                  "refused without a reason",
                  spec->what);
        return DOCLOAD_BROKEN;
    }
    if (spec->schema) {
        diag_set_stage(d, "schema");
        schema_validate(catalog_schema(spec->cat, spec->schema), doc->root, d);
    }
    diag_set_stage(d, "meaning");
    return DOCLOAD_OK;
}

void docload_free(docload_doc *doc)
{
    if (!doc)
        return;
    arena_free(doc->a);
    source_free(doc->src);
    free(doc);
}
