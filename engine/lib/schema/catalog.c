/* catalog.c - the built-in schemas (see catalog.h). */
#include "catalog.h"

#include "arena.h"
#include "embedded.h"
#include "json.h"
#include "source.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#define CATALOG_BASE "kehoach:/schemas/"

struct catalog {
    schema_set *set;
    arena *a;
    source **sources;
    size_t nsources;
};

void catalog_free(catalog *c)
{
    if (!c)
        return;
    schema_set_free(c->set);
    for (size_t i = 0; i < c->nsources; i++)
        source_free(c->sources[i]);
    free(c->sources);
    arena_free(c->a);
    free(c);
}

static bool is_schema_file(const char *name)
{
    size_t n = strlen(name), k = strlen(".schema.json");
    return n > k && strcmp(name + n - k, ".schema.json") == 0 &&
           strcmp(name, "draft-07.schema.json") != 0;
}

catalog *catalog_load(diag_sink *d)
{
    catalog *c = xcalloc(1, sizeof *c);
    c->set = schema_set_new();
    c->a = arena_new();
    c->sources = xcalloc(embedded_files_count + 1, sizeof *c->sources);
    bool ok = true;
    for (size_t i = 0; i < embedded_files_count; i++) {
        const embedded_file *f = &embedded_files[i];
        if (!is_schema_file(f->name))
            continue;
        char *path = arena_printf(c->a, "schemas/%s", f->name);
        source *src = source_new(path, xstrndup(f->data, f->len), f->len);
        c->sources[c->nsources++] = src;
        node *doc = json_parse(c->a, src, d);
        char *uri = arena_printf(c->a, CATALOG_BASE "%s", f->name);
        if (!doc || !schema_set_add(c->set, uri, doc, d))
            ok = false;
    }
    if (ok && !schema_set_check_refs(c->set, d))
        ok = false;
    if (!ok) {
        catalog_free(c);
        return NULL;
    }
    return c;
}

const schema *catalog_schema(const catalog *c, const char *file)
{
    char uri[256];
    size_t n = strlen(CATALOG_BASE) + strlen(file);
    if (n >= sizeof uri)
        return NULL;
    strcpy(uri, CATALOG_BASE);
    strcat(uri, file);
    return schema_set_lookup(c->set, uri);
}
