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
#include "i18n.h"
#include "lockfile.h"
#include "progress.h"
#include "validate.h"
#include "vntext.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* One request of a run: what the plan's check hands back. */
typedef struct job {
    const update_request *req;
    update_result *out;
    catalog *cat;
    lockfile *lock;
    bool plan_seen;
    bool cannot_append; /* the log's layout refuses a new record */
    bool refused;       /* by the review */
    size_t nkept;       /* records the review kept */
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

/* Reads the new text back: it must load and hold exactly as many more
 * records as were added, and each is checked in full (its schema and its
 * meaning against the plan). */
static void check_new_text(job *j, const plan *p, size_t old_count)
{
    update_result *out = j->out;
    size_t len = j->text.len, added = j->nkept;
    char *copy = xmalloc(len + 1);
    memcpy(copy, strbuf_str(&j->text), len + 1);
    strbuf label = STRBUF_INIT;
    /* TRANSLATORS: the name of the log's new text in messages, where a
       file's name goes: "plans/x.progress.yaml (new record):12:5: ..." */
    strbuf_printf(&label, P_("%s (new record)", "%s (new records)", added),
                  out->log_path);
    source *src = source_new(strbuf_str(&label), copy, len);
    strbuf_release(&label);
    yamlload_limits limits = progress_log_limits();
    docload_spec spec = {"log", &limits, NULL, NULL};
    docload_doc *doc;
    diag_sink *d = out->problems;
    docload_source(src, &spec, d, &doc);
    const node *list = doc->root ? node_get(doc->root, "records") : NULL;
    if (doc->root && (!list || list->kind != NODE_ARRAY ||
                      list->u.array.count != old_count + added)) {
        diag_file(d, DIAG_ERROR, src->path,
                  "internal error: the new text does not hold exactly the "
                  "records added");
    } else if (doc->root) {
        diag_set_stage(d, "schema");
        const char *record = "progress.schema.json#/definitions/record";
        for (size_t i = old_count; i < old_count + added; i++)
            schema_validate(catalog_schema(j->cat, record),
                            list->u.array.items[i], d);
        diag_set_stage(d, "meaning");
        progress_log *log = progress_build(doc->a, src, doc->root);
        progress_log fresh = {src,
                              doc->root,
                              {NULL, NULL},
                              log->records + old_count,
                              log->count - old_count};
        progress_check(&fresh, p, d);
        for (size_t i = old_count; i < log->count && !diag_errors(d); i++)
            warn_if_future(&log->records[i], j->req->today, d);
        out->record_number = log->count;
    }
    docload_free(doc);
}

/* The new text: the log (none: a new one) and the records kept. */
static void append(job *j, const plan *p, const progress_log *log,
                   const progress_write_entry *entries)
{
    char *schema_line = log ? NULL : progress_write_schema_comment(p->src);
    if (progress_write_append(log ? log->src : NULL, log ? log->root : NULL,
                              p->id.s ? p->id.s : "", schema_line, entries,
                              j->nkept, &j->text, &j->out->err))
        check_new_text(j, p, log ? log->count : 0);
    else
        j->cannot_append = true;
    free(schema_line);
}

static void on_plan(const plan *p, const char *path, const orgunits *registry,
                    const progress_log *log, void *ctx)
{
    job *j = ctx;
    j->plan_seen = true;
    if (diag_errors(j->out->checks))
        return; /* refused: the plan or the log is wrong */
    size_t n = j->req->nentries;
    progress_write_entry *entries = xmalloc((n + 1) * sizeof *entries);
    progress_write_value **values = xmalloc((n + 1) * sizeof *values);
    for (size_t i = 0; i < n; i++) {
        const progress_write_entry *e = &j->req->entries[i];
        entries[i] = *e;
        values[i] = xmalloc((e->nvalues + 1) * sizeof *values[i]);
        if (e->nvalues)
            memcpy(values[i], e->values, e->nvalues * sizeof *values[i]);
        name_targets(p, e, values[i]);
        entries[i].values = values[i];
    }
    size_t kept = j->req->review
                      ? j->req->review(p, log, entries, n, j->req->review_ctx)
                      : n;
    j->refused = kept == UPDATE_REVIEW_REFUSE;
    j->nkept = j->refused ? 0 : kept;
    if (j->nkept)
        append(j, p, log, entries);
    for (size_t i = 0; i < n; i++)
        free(values[i]);
    free(values);
    free(entries);
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
    else if (j->refused)
        st = UPDATE_REFUSED;
    else if (j->nkept == 0)
        st = UPDATE_NOTHING_NEW;
    else if (j->cannot_append)
        st = UPDATE_CANNOT_APPEND;
    else if (diag_errors(out->problems))
        st = UPDATE_REFUSED;
    validate_result_release(&r);
    return st;
}

/* Finds the plan and its log; false (the status set) when there is none,
 * or when an earlier request of the run has the same log. */
static bool find_log(job *jobs, size_t i)
{
    update_result *out = jobs[i].out;
    out->plan_path = find_plan(jobs[i].req->plan, &out->located);
    if (!out->plan_path) {
        out->status = UPDATE_NO_PLAN;
        return false;
    }
    out->log_path = progress_log_path(out->plan_path);
    for (size_t k = 0; k < i; k++)
        if (jobs[k].out->log_path &&
            strcmp(jobs[k].out->log_path, out->log_path) == 0) {
            strbuf_error(&out->err, _("%s is named twice in one update"),
                         out->log_path);
            out->status = UPDATE_INTERNAL;
            return false;
        }
    return true;
}

static int by_log_path(const void *a, const void *b)
{
    const job *const *x = a, *const *y = b;
    return strcmp((*x)->out->log_path, (*y)->out->log_path);
}

/* Replaces each log in turn (a commit releases its lock, whatever it
 * says); after a failure, the others are held back. */
static void commit_all(job **order, size_t n)
{
    bool failed = false;
    for (size_t i = 0; i < n; i++) {
        job *j = order[i];
        if (failed || j->out->status == UPDATE_NOTHING_NEW)
            continue;
        j->out->recorded = j->nkept;
        if (j->req->check_only) {
            j->out->status = UPDATE_CHECKED;
            continue;
        }
        pause_at(j->req, "update-commit");
        lockfile_status st = lockfile_commit(j->lock, strbuf_str(&j->text),
                                             j->text.len, &j->out->err);
        j->lock = NULL;
        if (st == LOCKFILE_OK)
            j->out->status = UPDATE_RECORDED;
        else {
            j->out->status = st == LOCKFILE_CHANGED ? UPDATE_LOG_CHANGED
                                                    : UPDATE_NOT_WRITTEN;
            failed = true;
        }
    }
}

/* Takes the locks in the order of the logs' paths, checks every plan and
 * makes every new text, up to the first that fails; true when all pass.
 * A request that passed keeps UPDATE_HELD_BACK until it is committed. */
static bool lock_and_check(job **order, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        job *j = order[i];
        if (lockfile_acquire(j->out->log_path, j->req->lock_timeout_ms,
                             &j->lock, &j->out->err) != LOCKFILE_OK) {
            j->lock = NULL;
            j->out->status = UPDATE_NOT_LOCKED;
            return false;
        }
        pause_at(j->req, "update-locked");
        j->cat = catalog_load(j->out->checks);
        update_status st = check_and_append(j->out, j);
        if (st == UPDATE_NOTHING_NEW)
            j->out->status = st;
        else if (st != UPDATE_RECORDED) {
            j->out->status = st;
            return false;
        }
    }
    return true;
}

update_status update_records(const update_request *reqs, size_t n,
                             update_result *outs)
{
    job *jobs = xcalloc(n + 1, sizeof *jobs);
    job **order = xcalloc(n + 1, sizeof *order);
    bool all_found = true;
    for (size_t i = 0; i < n; i++) {
        memset(&outs[i], 0, sizeof outs[i]);
        outs[i].status = UPDATE_HELD_BACK;
        outs[i].checks = diag_sink_new(reqs[i].max_problems);
        outs[i].problems = diag_sink_new(reqs[i].max_problems);
        jobs[i] = (job){.req = &reqs[i], .out = &outs[i]};
        order[i] = &jobs[i];
        all_found = find_log(jobs, i) && all_found;
    }
    if (all_found) {
        qsort(order, n, sizeof *order, by_log_path);
        if (lock_and_check(order, n))
            commit_all(order, n);
    }
    update_status st = UPDATE_RECORDED;
    for (size_t i = 0; i < n; i++) {
        lockfile_release(jobs[i].lock);
        strbuf_release(&jobs[i].text);
        catalog_free(jobs[i].cat);
        update_status mine = outs[i].status;
        if (mine == UPDATE_NOTHING_NEW)
            mine = UPDATE_RECORDED;
        if (st == UPDATE_RECORDED || st == UPDATE_HELD_BACK)
            st = mine == UPDATE_RECORDED ? st : mine;
    }
    free(order);
    free(jobs);
    return st;
}

update_status update_record(const update_request *req, update_result *out)
{
    update_records(req, 1, out);
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
