/* logread.c - a progress log read record by record (see logread.h).
 *
 * The records are read in an arena of their own, emptied after each: the
 * nodes are the loader's, already reused, and the record's values and
 * evidence are a few small arrays. */
#include "logread.h"

#include "arena.h"

#include <string.h>

typedef struct reading {
    const plan *p;
    diag_sink *d;
    progress_checker *checker;
    progress_log *log;
    arena *a; /* the record's values and evidence */
    logread_record_fn *fn;
    void *ctx;
} reading;

static void on_item(const node *item, size_t index, void *ctx)
{
    reading *r = ctx;
    progress_log *log = r->log;
    if (!log->items)
        log->first_at = item->pos;
    log->last_at = item->pos;
    progress_record rec;
    if (progress_record_read(r->a, item, index, &rec)) {
        log->count++;
        progress_check_record(r->checker, &rec, r->d);
        if (r->fn)
            r->fn(r->p, &rec, r->ctx);
    }
    log->items++;
    arena_reset(r->a);
}

void logread_file(const char *path, const plan *p, const catalog *cat,
                  diag_sink *d, logread_record_fn *fn, void *ctx, logread *out)
{
    memset(out, 0, sizeof *out);
    yamlload_limits limits = progress_log_limits();
    docload_spec spec = {"file", &limits, cat, "progress.schema.json"};
    progress_log header = {0};
    reading r = {p, d, progress_checker_new(p), &header, arena_new(), fn, ctx};
    yamlload_stream items = {"records", on_item, &r};
    out->status = docload_file_items(path, &spec, &items, d, &out->doc);
    progress_checker_free(r.checker);
    arena_free(r.a);
    if (out->status != DOCLOAD_OK)
        return;
    docload_doc *doc = out->doc;
    diag_set_stage(d, "file");
    progress_check_size(doc->src, d);
    diag_set_stage(d, "meaning");
    progress_log *log = arena_alloc(doc->a, sizeof *log);
    *log = header;
    log->src = doc->src;
    log->root = doc->root;
    log->plan = plan_text_of(doc->root, "plan");
    progress_check_plan_id(log, p, d);
    out->log = log;
}

void logread_release(logread *r)
{
    docload_free(r->doc);
    memset(r, 0, sizeof *r);
}
