/* update.c - a progress record added to a plan's log (see update.h).
 *
 * The plan and its log are checked by validate_run, which hands the plan
 * over while it is in memory: that is the one reading of the log. The
 * text the new records add is made and read back there, not with the
 * whole log but from the log's last record on: that part of the new text
 * is a document of its own (progress_write.h), labelled as the new text
 * and its problems moved to the new text's line numbers, so an update
 * costs the same whatever the log's length. Only when that part does not
 * read as the last record and the new ones (a log that ends in an odd
 * way, a log at its size limit) is the whole new text read back, and
 * then it says why. The new text starts its records on a page of the
 * file when they would cross one (progress_write_fill_page), so that the
 * commit can add it in place, with one write; otherwise it copies the
 * old bytes into the lock file (lockfile.h). The old records were checked
 * with the plan: only the new ones' problems go to the result's second
 * sink. */
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
    lockfile_read old;  /* the log as the check read it */
    char *old_bytes;    /* its bytes, kept only when the lock is racy */
    strbuf added;       /* the text added after the log's last byte (a
                           new log: its whole text) */
    size_t filler;      /* its bytes before the records (lockfile.h) */
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

/* A text read back: the log's new text, or a part of it (see
 * progress_write.h). Its lines are the new text's from first_line on;
 * its list of records holds `before` old records, then the new ones. */
typedef struct readback {
    char *text; /* malloc'ed, NUL-terminated */
    size_t len;
    unsigned first_line;
    size_t before;
    bool part;
} readback;

/* The list of records of a text read back, when it holds what it should:
 * the whole text, a mapping whose "records" holds its old records then
 * exactly the new ones; a part, that list itself (its first item the
 * last old record) or, when the log had none, a mapping of "records"
 * alone. NULL otherwise. */
static const node *records_of(const node *root, const readback *rb,
                              size_t added)
{
    const node *list = NULL;
    if (!root)
        return NULL;
    if (rb->part && rb->before)
        list = root;
    else if (root->kind == NODE_OBJECT &&
             (!rb->part || root->u.object.count == 1))
        list = node_get(root, "records");
    if (!list || list->kind != NODE_ARRAY ||
        list->u.array.count != rb->before + added)
        return NULL;
    return list;
}

/* A mapping of "records" to the n items of list from first on: the new
 * records, as progress_build reads a log. */
static node *new_records(arena *a, const node *list, size_t first, size_t n)
{
    node *items = node_new(a, NODE_ARRAY, list->src, list->pos, list->span);
    items->u.array.items = list->u.array.items + first;
    items->u.array.count = n;
    node_member *m = arena_alloc(a, sizeof *m);
    *m = (node_member){.key = "records", .key_len = 7, .value = items};
    node *root = node_new(a, NODE_OBJECT, list->src, list->pos, 0);
    root->u.object.members = m;
    root->u.object.count = 1;
    return root;
}

/* A diagnostic's place, its line moved by shift when it is in path. */
static diag_loc moved(const diag *dg, const char *path, unsigned shift)
{
    bool ours = dg->path && dg->line && strcmp(dg->path, path) == 0;
    return (diag_loc){dg->path,      ours ? dg->line + shift : dg->line,
                      dg->column,    dg->width,
                      dg->line_text, dg->line_len,
                      dg->line_col0, dg->line_cut};
}

/* Moves every diagnostic of from into to, those in path (and their
 * notes) shift lines further down. */
static void move_down(diag_sink *to, diag_sink *from, const char *path,
                      unsigned shift)
{
    for (size_t i = 0; i < diag_count(from); i++) {
        const diag *dg = diag_get(from, i);
        diag_set_stage(to, dg->stage);
        diag_loc at = moved(dg, path, shift);
        diag *copy = diag_at_loc(to, dg->level, &at, "%s", dg->message);
        for (const diag *note = dg->notes; note; note = note->next) {
            diag_loc nat = moved(note, path, shift);
            diag_note_at_loc(to, copy, &nat, "%s", note->message);
        }
    }
    diag_set_stage(to, "meaning");
}

/* Reads rb back and checks the new records in full: their schema and
 * their meaning against the plan. Their problems go to the result, at
 * the new text's lines, and true is returned; a part that does not read
 * as the records it should hold gives false and reports nothing: only
 * the whole new text can say why. */
static bool read_back(job *j, const plan *p, const readback *rb)
{
    update_result *out = j->out;
    size_t added = j->nkept;
    strbuf label = STRBUF_INIT;
    /* TRANSLATORS: the name of the log's new text in messages, where a
       file's name goes: "plans/x.progress.yaml (new record):12:5: ..." */
    strbuf_printf(&label, P_("%s (new record)", "%s (new records)", added),
                  out->log_path);
    source *src = source_new(strbuf_str(&label), rb->text, rb->len);
    yamlload_limits limits = progress_log_limits();
    docload_spec spec = {"log", &limits, NULL, NULL};
    docload_doc *doc;
    diag_sink *d = diag_sink_new(0);
    docload_source(src, &spec, d, &doc);
    const node *list = records_of(doc->root, rb, added);
    bool read = list && !(rb->part && diag_errors(d));
    if (!read && !rb->part && doc->root)
        diag_file(d, DIAG_ERROR, src->path,
                  "internal error: the new text does not hold exactly the "
                  "records added");
    if (read) {
        diag_set_stage(d, "schema");
        const char *record = "progress.schema.json#/definitions/record";
        for (size_t i = rb->before; i < rb->before + added; i++)
            schema_validate(catalog_schema(j->cat, record),
                            list->u.array.items[i], d);
        diag_set_stage(d, "meaning");
        progress_log *log =
            progress_build(doc->a, src,
                           new_records(doc->a, list, rb->before, added));
        progress_check(log, p, d);
        for (size_t i = 0; i < log->count && !diag_errors(d); i++)
            warn_if_future(&log->records[i], j->req->today, d);
    }
    if (read || !rb->part)
        move_down(out->problems, d, strbuf_str(&label), rb->first_line - 1);
    diag_sink_free(d);
    docload_free(doc);
    strbuf_release(&label);
    return read;
}

/* The text from the log's last record on, followed by what is added, as
 * a part to read back; false when the log does not allow it (the last
 * record not written as progress_write.h says, or the new text over the
 * size a log may have: the whole text says so). */
static bool last_part(const job *j, const progress_log *log,
                      progress_write_resume resume, readback *rb)
{
    const source *old = log->src;
    size_t added = j->added.len;
    if (resume.offset == PROGRESS_WRITE_NO_RESUME ||
        old->len + added > progress_log_limits().max_bytes)
        return false;
    size_t kept = old->len - resume.offset;
    rb->len = kept + added;
    rb->text = xmalloc(rb->len + 1);
    memcpy(rb->text, old->text + resume.offset, kept);
    memcpy(rb->text + kept, strbuf_str(&j->added), added + 1);
    rb->first_line = resume.line;
    rb->before = log->items ? 1 : 0;
    rb->part = true;
    return true;
}

/* The whole new text (the log, or none, and what is added), to read
 * back. */
static readback whole_text(const job *j, const progress_log *log)
{
    size_t old = log ? log->src->len : 0, added = j->added.len;
    readback rb = {xmalloc(old + added + 1), old + added, 1,
                   log ? log->items : 0, false};
    if (old)
        memcpy(rb.text, log->src->text, old);
    memcpy(rb.text + old, strbuf_str(&j->added), added + 1);
    return rb;
}

/* What the records kept add to the log (none: a new one), read back;
 * and what the commit needs of the log as read. */
static void append(job *j, const plan *p, const progress_log *log,
                   const progress_write_entry *entries)
{
    char *schema_line = log ? NULL : progress_write_schema_comment(p->src);
    progress_write_resume resume = {PROGRESS_WRITE_NO_RESUME, 0};
    bool made =
        progress_write_append(log, p->id.s ? p->id.s : "", schema_line, entries,
                              j->nkept, &j->added, &resume, &j->out->err);
    free(schema_line);
    if (!made) {
        j->cannot_append = true;
        return;
    }
    if (log)
        j->filler = progress_write_fill_page(log, lockfile_page(), &j->added);
    j->old = (lockfile_read){log != NULL, log ? log->src->len : 0, NULL};
    if (log && lockfile_racy(j->lock)) {
        j->old_bytes = xmalloc(log->src->len + 1);
        memcpy(j->old_bytes, log->src->text, log->src->len);
        j->old.bytes = j->old_bytes;
    }
    readback rb;
    if (!log || !last_part(j, log, resume, &rb) || !read_back(j, p, &rb)) {
        rb = whole_text(j, log);
        read_back(j, p, &rb);
    }
    j->out->record_number = (log ? log->count : 0) + j->nkept;
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

static void on_record(const plan *p, const progress_record *rec, void *ctx)
{
    const job *j = ctx;
    j->req->record(p, rec, j->req->review_ctx);
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
    validate_result r = {0};
    const char *paths[] = {out->plan_path};
    if (!j->cat)
        return UPDATE_INTERNAL;
    validate_visitor visit = {.record = j->req->record ? on_record : NULL,
                              .end_plan = on_plan,
                              .ctx = j};
    validate_run(paths, 1, out->checks, &r, &visit);
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
        lockfile_tail tail = {strbuf_str(&j->added), j->added.len, j->filler};
        lockfile_status st =
            lockfile_commit(j->lock, &j->old, &tail, &j->out->err);
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
        strbuf_release(&jobs[i].added);
        free(jobs[i].old_bytes);
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
