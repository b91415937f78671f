/* fuzz-setup.c - what the fuzz targets share (see fuzz-setup.h). A
 * fixture that does not load aborts: a broken fixture is a broken
 * target, not a finding. */
#include "fuzz-setup.h"

#include "arena.h"
#include "catalog.h"
#include "diag.h"
#include "schedule.h"
#include "xalloc.h"
#include "yamlload.h"

#include <stdlib.h>
#include <string.h>

char *fuzz_text(const uint8_t *data, size_t size)
{
    char *text = xmalloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    return text;
}

source *fuzz_input(const char *path, const uint8_t *data, size_t size)
{
    return source_new(path, fuzz_text(data, size), size);
}

const schema *fuzz_schema(const char *file)
{
    static catalog *schemas;
    if (!schemas) {
        diag_sink *d = diag_sink_new(0);
        schemas = catalog_load(d);
        diag_sink_free(d);
    }
    const schema *s = schemas ? catalog_schema(schemas, file) : NULL;
    if (!s)
        abort();
    return s;
}

/* Where the fixtures live: for the whole run. */
static arena *fixtures(void)
{
    static arena *a;
    if (!a)
        a = arena_new();
    return a;
}

/* Fixed text as YAML; the source stays with what is built from it. */
static node *fixed_yaml(const char *path, const char *yaml, const source **src)
{
    *src = source_new(path, xstrdup(yaml), strlen(yaml));
    diag_sink *d = diag_sink_new(0);
    node *root = yamlload_parse(fixtures(), *src, d, &yamlload_default_limits);
    if (!root || diag_errors(d))
        abort();
    diag_sink_free(d);
    return root;
}

plan *fuzz_fixed_plan(const char *path, const char *yaml)
{
    const source *src;
    node *root = fixed_yaml(path, yaml, &src);
    plan *p = plan_build(fixtures(), src, root);
    diag_sink *d = diag_sink_new(0);
    if (!schedule_plan(fixtures(), p, d) || diag_errors(d))
        abort();
    diag_sink_free(d);
    return p;
}

progress_log *fuzz_fixed_log(const plan *p, const char *path, const char *yaml)
{
    const source *src;
    node *root = fixed_yaml(path, yaml, &src);
    progress_log *log = progress_build(fixtures(), src, root);
    diag_sink *d = diag_sink_new(0);
    if (progress_check(log, p, d) || diag_errors(d))
        abort();
    diag_sink_free(d);
    return log;
}
