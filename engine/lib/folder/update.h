/* update.h - progress records added to plans' logs, safely.
 *
 * The plan is named by its file or by its id (searched for below the
 * current folder, locate.h). Under the log's lock (lockfile.h): the plan
 * and its log are checked as validate checks them, the one time the log
 * is read; the new records are written after the log's last byte
 * (progress_write.h); the new text is read back from the log's last
 * record on (or whole, when the log ends in a way that part cannot
 * vouch for), must hold exactly the records added after it, and each is
 * checked in full - schema, activity or report, occurrence, targets, date
 * (a report's record says it was sent) - at the new text's line numbers.
 * Only then does it replace the log, all at once. So an update costs the
 * same whatever the log's length, but for reading it once and copying its
 * bytes. Any problem leaves the log untouched; a log changed meanwhile by
 * a program that does not take the lock (an editor) is left as that
 * program wrote it (lockfile_commit refuses). Nothing is printed: the
 * result says what happened.
 *
 * Several plans' logs are updated together the same way (a form
 * collected): every log is locked, in the order of their paths so two
 * such runs never wait for each other, and checked; only when all pass
 * are they replaced, one after the other. A failure while replacing (a
 * disk error, an editor saving meanwhile) leaves the logs replaced before
 * it, and the results say which. */
#ifndef KEHOACH_UPDATE_H
#define KEHOACH_UPDATE_H

#include "date.h"
#include "diag.h"
#include "locate.h"
#include "logread.h"
#include "plan.h"
#include "progress.h"
#include "progress_write.h"

#include <stddef.h>

typedef struct update_request {
    const char *plan;                    /* a plan file, or a plan's id */
    const progress_write_entry *entries; /* the records, in order; their
                                             values name a target by its
                                             name or its number (1, 2...) */
    size_t nentries;
    date today;           /* a record dated after it is kept, with a
                                    warning */
    long lock_timeout_ms; /* how long to wait for other writers */
    size_t max_problems;  /* per file, as diag_sink_new takes it */
    /* Called at two points, for the tests that stop an update there:
     * "update-locked" (the lock taken, nothing read yet) and
     * "update-commit" (the new text checked, the log about to be
     * replaced). NULL: none. */
    void (*pause)(const char *point);
    /* Called under the lock once the plan and its log passed their checks
     * (NULL: none), with the records about to be added (n of them, their
     * targets named): it keeps those to add at the front of entries and
     * returns how many, or UPDATE_REVIEW_REFUSE to add none and refuse the
     * run (its reasons are the reviewer's to keep). A log left with no
     * record to add is not rewritten (UPDATE_NOTHING_NEW). */
    size_t (*review)(const plan *p, const progress_log *log,
                     progress_write_entry *entries, size_t n, void *ctx);
    /* Each record of the log as the check reads it, before the review
     * (NULL: none), with review_ctx: what the review needs of the old
     * records it notes here, for log is then only its header
     * (logread.h). */
    logread_record_fn *record;
    void *review_ctx;
    bool check_only; /* everything but replacing the logs */
} update_request;

#define UPDATE_REVIEW_REFUSE ((size_t)-1)

typedef enum update_status {
    UPDATE_RECORDED,
    UPDATE_NO_PLAN,       /* no such file nor id: see located */
    UPDATE_NOT_LOCKED,    /* err */
    UPDATE_INTERNAL,      /* a broken built-in schema or a bug (checks) */
    UPDATE_UNREADABLE,    /* the plan or its log could not be read (checks) */
    UPDATE_PLAN_ERRORS,   /* the plan or its log has errors (checks) */
    UPDATE_CANNOT_APPEND, /* the log's layout refuses it: err */
    UPDATE_REFUSED,       /* the new record has errors (problems) */
    UPDATE_LOG_CHANGED,   /* changed while the update ran: err */
    UPDATE_NOT_WRITTEN,   /* the log could not be replaced: err */
    UPDATE_HELD_BACK,     /* fine, but another log of the run was not */
    UPDATE_NOTHING_NEW,   /* the review left nothing to add: unchanged */
    UPDATE_CHECKED,       /* check_only: it would have been recorded */
} update_status;

typedef struct update_result {
    update_status status;
    char *plan_path;       /* the plan file, once found ("./" left off) */
    char *log_path;        /* its log, once the plan is found */
    locate_result located; /* the search for an id */
    diag_sink *checks;     /* the problems of the plan and its log */
    diag_sink *problems;   /* the new record's: its warnings when recorded */
    strbuf err;            /* the reason, for the statuses that say err */
    size_t record_number;  /* the last new record's, from 1 */
    size_t recorded;       /* records added (or, check_only, to add) */
} update_result;

/* Adds the records of req to its plan's log; fills *out (release it with
 * update_result_release) and returns its status (out->status). */
update_status update_record(const update_request *req, update_result *out);

/* Adds the records of n requests, each to its own plan's log (no two may
 * name the same log: UPDATE_INTERNAL), all or none; fills outs[0..n) and
 * returns UPDATE_RECORDED when every log was replaced (or had nothing
 * new), else the status of the first request that failed (those it held
 * back: UPDATE_HELD_BACK). With check_only, UPDATE_CHECKED where
 * UPDATE_RECORDED would be. */
update_status update_records(const update_request *reqs, size_t n,
                             update_result *outs);
void update_result_release(update_result *r);

#endif
