/* collect.h - a filled progress form read back and recorded (form.h).
 *
 * The workbook is read with bounded cost (xlsx_read.h); its identity sheet
 * says which plans, logs and rows it was made from. Every filled row of
 * the sheet to fill becomes one record; every cell is checked, and every
 * problem is reported at the cell a person sees ("f.xlsx: sheet 'Sở Y tế'
 * cell H12"). A form with any error records nothing. The records go to
 * their plans' logs through update_records (update.h), all or none, and
 * under each log's lock a review drops what must not be recorded again:
 *
 *   - a row recorded before from this same form (the records carry the
 *     form's id), counted as already collected;
 *   - a row no longer in a plan that changed since the form was made
 *     (its digest differs), with a warning;
 *   - a row about an occurrence that received records since the form
 *     was made is a conflict, an error that names both, unless conflicts
 *     are accepted (then a warning, and it is recorded). */
#ifndef KEHOACH_COLLECT_H
#define KEHOACH_COLLECT_H

#include "date.h"
#include "diag.h"
#include "strbuf.h"
#include "update.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct collect_request {
    const char *by;        /* who reported; NULL: the form's unit */
    bool check_only;       /* --dry-run: read and check, record nothing */
    bool accept_conflicts; /* record rows that conflict, with a warning */
    date today;
    long lock_timeout_ms;
    size_t max_problems;
} collect_request;

/* What became of a filled row. */
typedef enum collect_fate {
    COLLECT_LEFT_OUT, /* not reviewed, or no longer in its changed plan */
    COLLECT_BEFORE,   /* recorded before from this form */
    COLLECT_ADDED,    /* recorded (or to be, check_only) */
} collect_fate;

typedef enum collect_status {
    COLLECT_RECORDED,   /* (or would be, check_only) */
    COLLECT_NOTHING,    /* no filled row, or all recorded before */
    COLLECT_UNREADABLE, /* not an xlsx workbook a form can be: problems */
    COLLECT_NOT_A_FORM, /* a workbook without a form's identity */
    COLLECT_REFUSED,    /* errors in the form: problems */
    COLLECT_NOT_WRITTEN /* an update failed: updates[] says why */
} collect_status;

typedef struct collect_result {
    collect_status status;
    diag_sink *problems; /* the form's, positioned at its cells */
    char form_id[17];
    const char *unit;         /* the form's (in the result's arena) */
    size_t filled;            /* rows with something filled */
    size_t recorded;          /* records added (or to add) */
    size_t already;           /* rows recorded before from this form */
    size_t dropped;           /* rows no longer in their changed plans */
    update_request *requests; /* one per plan with filled rows */
    update_result *updates;
    size_t nupdates;
    struct collect_state *state; /* what the above point into */
} collect_result;

/* Reads, checks and records the form at path; fills *out (release it with
 * collect_result_release) and returns its status. */
collect_status collect_form(const collect_request *req, const char *path,
                            collect_result *out);
/* One line per record added (or to add): "  row 12: activity 1.2: done,
 * 2026-11-20, 100%, 'Số buổi' 4 -> plans/x.progress.yaml". */
void collect_format_records(const collect_result *r, strbuf *out);

void collect_result_release(collect_result *r);

#endif
