/* form_write.h - the progress form of one unit, made from the plans (see
 * form.h for its layout).
 *
 * The plans are added one at a time while they are in memory (as
 * validate_run hands them over): each gives the rows of what the unit
 * leads or coordinates (by the request's role) that is open, in progress
 * or overdue as of the date (deadline.h decides, status.h gives the state
 * now and the latest record), kept to what is due by the end of a period
 * when one is asked; and the digests of the plan's and its log's text as
 * read, for the identity. Rows come grouped by plan, then section, then
 * the plan's reports, each in reading order. */
#ifndef KEHOACH_FORM_WRITE_H
#define KEHOACH_FORM_WRITE_H

#include "arena.h"
#include "date.h"
#include "deadline.h"
#include "orgunits.h"
#include "plan.h"
#include "progress.h"
#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct form_request {
    const char *unit; /* the unit, as --unit names it */
    deadline_role_filter role;
    date as_of;           /* the state shown is as of this day */
    date made;            /* today: the document's date */
    date reply_by;        /* by when the form is to come back */
    const char *reply_to; /* to whom; NULL: the plans' issuers */
    bool has_until;       /* keep what is due by `until` */
    date until;
    const char *period_label; /* "Quý IV/2026", with has_until; or NULL */
} form_request;

typedef struct form_write form_write;

form_write *form_write_new(const form_request *req);
void form_write_free(form_write *f); /* NULL-safe */

/* Adds a plan's rows from its status as of req->as_of (with no scope:
 * status_fold); log (its header) may be NULL. */
void form_write_add_plan(form_write *f, const plan *p, const char *path,
                         const orgunits *registry, const progress_log *log,
                         const status_plan *status);

/* The units a plan asks something of in a role (leads and the senders of
 * its reports, partners, or both): each registered unit by its name, with
 * the bodies above it (whose forms hold its rows too, as --unit finds
 * them); a name the registry lacks as written, unless it is a generic
 * phrase ("các cơ quan liên quan"). Those not among names[0..*n) are
 * added there (their text in a). registry may be NULL. */
void form_write_units(const plan *p, const orgunits *registry,
                      deadline_role_filter role, arena *a, const char ***names,
                      size_t *n, size_t *cap);

/* Rows to fill so far. */
size_t form_write_rows(const form_write *f);

/* The form's id (form.h), once every plan is added. */
const char *form_write_id(form_write *f);

/* Writes the workbook into the file open as fd (from its start, through
 * the descriptor). False with the reason in err. */
bool form_write_file(form_write *f, int fd, strbuf *err);

#endif
