/* update.h - a progress record added to a plan's log, safely.
 *
 * The plan is named by its file or by its id (searched for below the
 * current folder, locate.h). Under the log's lock (lockfile.h): the plan
 * and its log are checked as validate checks them; the new record is
 * written after the log's last byte (progress_write.h); the resulting
 * text is read back, must hold exactly one more record, and that record is
 * checked in full - schema, activity or report, occurrence, targets, date
 * (a report's record says it was sent). Only then
 * does it replace the log, all at once. Any problem leaves the log
 * untouched; a log changed meanwhile by a program that does not take the
 * lock (an editor) is left as that program wrote it (lockfile_commit
 * refuses). Nothing is printed: the result says what happened. */
#ifndef KEHOACH_UPDATE_H
#define KEHOACH_UPDATE_H

#include "date.h"
#include "diag.h"
#include "locate.h"
#include "progress_write.h"

#include <stddef.h>

typedef struct update_request {
    const char *plan;           /* a plan file, or a plan's id */
    progress_write_entry entry; /* the record; its values name a target by
                                    its name or its number (1, 2, ...) */
    date today;                 /* a record dated after it is kept, with a
                                    warning */
    long lock_timeout_ms;       /* how long to wait for other writers */
    size_t max_problems;        /* per file, as diag_sink_new takes it */
    /* Called at two points, for the tests that stop an update there:
     * "update-locked" (the lock taken, nothing read yet) and
     * "update-commit" (the new text checked, the log about to be
     * replaced). NULL: none. */
    void (*pause)(const char *point);
} update_request;

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
} update_status;

typedef struct update_result {
    update_status status;
    char *plan_path;       /* the plan file, once found ("./" left off) */
    char *log_path;        /* its log, once the plan is found */
    locate_result located; /* the search for an id */
    diag_sink *checks;     /* the problems of the plan and its log */
    diag_sink *problems;   /* the new record's: its warnings when recorded */
    strbuf err;            /* the reason, for the statuses that say err */
    size_t record_number;  /* the new record's, from 1 */
} update_result;

/* Adds the record; fills *out (release it with update_result_release) and
 * returns its status. */
update_status update_record(const update_request *req, update_result *out);
void update_result_release(update_result *r);

#endif
