/* update.c - a progress record added to a plan's log (see update.h).
 *
 * The plan and its log are checked by validate_run, which hands the plan
 * over while it is in memory; the new text is made and read back there.
 * The old records were checked with the plan: only the new one's problems
 * go to the result's second sink. */
#include "update.h"

#include "catalog.h"
#include "docload.h"
#include "fileio.h"
#include "lockfile.h"
#include "progress.h"
#include "validate.h"
#include "vntext.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* What the plan's check hands back. */
typedef struct job {
    const update_request *req;
    update_result *out;
    catalog *cat;
    bool plan_seen;
    bool cannot_append; /* the log's layout refuses a new record */
    strbuf text;        /* the log's new text */
} job;

/* "--value 1=85": the first target of the activity, by its name. */
static void name_targets(const plan *p, const progress_write_entry *e,
                         progress_write_value *values)
{
    const plan_activity *act =
        e->activity ? progress_find_activity(p, e->activity, NULL) : NULL;
    for (size_t i = 0; act && i < e->nvalues; i++) {
        char *end;
        unsigned long k = strtoul(values[i].name, &end, 10);
        if (!*end && k >= 1 && k <= act->ntargets && act->targets[k - 1].name.s)
            values[i].name = act->targets[k - 1].name.s;
        for (size_t t = 0; t < act->ntargets; t++)
            if (act->targets[t].name.s &&
                vntext_same(values[i].name, act->targets[t].name.s))
                values[i].name = act->targets[t].name.s;
    }
}

/* A record dated after today is kept, with a warning: it is most often a
 * mistake in the date, and until that day status and deadlines leave it
 * out. (Only here: validate reads no clock.) */
static void warn_if_future(const progress_record *rec, date today, diag_sink *d)
{
    if (!rec->date_text.at || date_cmp(rec->date, today) <= 0)
        return;
    diag_at_node(d, DIAG_WARNING, rec->date_text.at,
                 "the date %s is after today; the record is kept, and counts "
                 "in status and deadlines only from that day; check that the "
                 "date is right",
                 rec->date_text.s);
}

/* Reads the new text back: it must load and hold exactly one more record,
 * and that record is checked in full (its schema and its meaning against
 * the plan). */
static void check_new_text(job *j, const plan *p, size_t old_count)
{
    update_result *out = j->out;
    size_t len = j->text.len;
    char *copy = xmalloc(len + 1);
    memcpy(copy, strbuf_str(&j->text), len + 1);
    strbuf label = STRBUF_INIT;
    strbuf_printf(&label, "%s (new record)", out->log_path);
    source *src = source_new(strbuf_str(&label), copy, len);
    strbuf_release(&label);
    yamlload_limits limits = progress_log_limits();
    docload_spec spec = {"log", &limits, NULL, NULL};
    docload_doc *doc;
    diag_sink *d = out->problems;
    docload_source(src, &spec, d, &doc);
    const node *list = doc->root ? node_get(doc->root, "records") : NULL;
    if (doc->root && (!list || list->kind != NODE_ARRAY ||
                      list->u.array.count != old_count + 1)) {
        diag_file(d, DIAG_ERROR, src->path,
                  "internal error: the new text "
                  "does not hold exactly one more record");
    } else if (doc->root) {
        diag_set_stage(d, "schema");
        const char *record = "progress.schema.json#/definitions/record";
        schema_validate(catalog_schema(j->cat, record),
                        list->u.array.items[old_count], d);
        diag_set_stage(d, "meaning");
        progress_log *log = progress_build(doc->a, src, doc->root);
        progress_log added = {src,
                              doc->root,
                              {NULL, NULL},
                              log->records + old_count,
                              1};
        progress_check(&added, p, d);
        if (!diag_errors(d))
            warn_if_future(&log->records[old_count], j->req->today, d);
        out->record_number = log->count;
    }
    docload_free(doc);
}

static void on_plan(const plan *p, const char *path, const orgunits *registry,
                    const progress_log *log, void *ctx)
{
    job *j = ctx;
    j->plan_seen = true;
    if (diag_errors(j->out->checks))
        return; /* refused: the plan or the log is wrong */
    progress_write_entry e = j->req->entry;
    progress_write_value *values = xmalloc((e.nvalues + 1) * sizeof *values);
    if (e.nvalues)
        memcpy(values, e.values, e.nvalues * sizeof *values);
    name_targets(p, &e, values);
    e.values = values;
    char *schema_line = log ? NULL : progress_write_schema_comment(p->src);
    if (progress_write_append(log ? log->src : NULL, log ? log->root : NULL,
                              p->id.s ? p->id.s : "", schema_line, &e, &j->text,
                              &j->out->err))
        check_new_text(j, p, log ? log->count : 0);
    else
        j->cannot_append = true;
    free(schema_line);
    free(values);
}

/* The plan file: the name itself, or the plan with that id below ".". */
static char *find_plan(const char *name, locate_result *located)
{
    if (fileio_kind_of(name, NULL) == FILEIO_FILE)
        return xstrdup(name);
    locate_plan(".", name, &locate_default_limits, located);
    char *found = located->path;
    located->path = NULL;
    if (found && strncmp(found, "./", 2) == 0)
        memmove(found, found + 2, strlen(found + 2) + 1);
    return found;
}

static void pause_at(const update_request *req, const char *point)
{
    if (req->pause)
        req->pause(point);
}

/* Checks the plan and makes the new text, under the lock. */
static update_status check_and_append(update_result *out, job *j)
{
    validate_result r;
    const char *paths[] = {out->plan_path};
    if (!j->cat)
        return UPDATE_INTERNAL;
    validate_run(paths, 1, out->checks, &r, on_plan, j);
    update_status st = UPDATE_RECORDED;
    if (r.internal_error)
        st = UPDATE_INTERNAL;
    else if (r.unreadable)
        st = UPDATE_UNREADABLE;
    else if (diag_errors(out->checks) || !j->plan_seen)
        st = UPDATE_PLAN_ERRORS;
    else if (j->cannot_append)
        st = UPDATE_CANNOT_APPEND;
    else if (diag_errors(out->problems))
        st = UPDATE_REFUSED;
    validate_result_release(&r);
    return st;
}

update_status update_record(const update_request *req, update_result *out)
{
    memset(out, 0, sizeof *out);
    out->checks = diag_sink_new(req->max_problems);
    out->problems = diag_sink_new(req->max_problems);
    out->plan_path = find_plan(req->plan, &out->located);
    if (!out->plan_path)
        return out->status = UPDATE_NO_PLAN;
    out->log_path = progress_log_path(out->plan_path);
    lockfile *lock;
    if (lockfile_acquire(out->log_path, req->lock_timeout_ms, &lock,
                         &out->err) != LOCKFILE_OK)
        return out->status = UPDATE_NOT_LOCKED;
    pause_at(req, "update-locked");
    job j = {.req = req, .out = out, .cat = catalog_load(out->checks)};
    out->status = check_and_append(out, &j);
    if (out->status == UPDATE_RECORDED) {
        pause_at(req, "update-commit");
        switch (
            lockfile_commit(lock, strbuf_str(&j.text), j.text.len, &out->err)) {
        case LOCKFILE_OK:
            break;
        case LOCKFILE_CHANGED:
            out->status = UPDATE_LOG_CHANGED;
            break;
        default:
            out->status = UPDATE_NOT_WRITTEN;
            break;
        }
    } else {
        lockfile_release(lock);
    }
    strbuf_release(&j.text);
    catalog_free(j.cat);
    return out->status;
}

void update_result_release(update_result *r)
{
    free(r->plan_path);
    free(r->log_path);
    locate_result_release(&r->located);
    diag_sink_free(r->checks);
    diag_sink_free(r->problems);
    strbuf_release(&r->err);
    memset(r, 0, sizeof *r);
}
