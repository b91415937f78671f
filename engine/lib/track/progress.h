/* progress.h - the progress log of a plan: what was done, when, by whom.
 *
 * A plan's log lives beside it (hai-phong-nkt-2026.yaml has
 * hai-phong-nkt-2026.progress.yaml): a YAML mapping with the plan's id and
 * a block list of records, appended to and never rewritten. A record says
 * on which date an activity (or one occurrence of a recurring activity)
 * was in progress, done or cancelled, with a percent, measured values of
 * the activity's targets, a note, evidence and who reported it; or that a
 * report the plan asks for (a reporting duty, "BC1") was sent, with the
 * sent document's number. This module builds the model of a loaded log
 * and checks it against its plan: the activity or report and the
 * occurrence exist (with "did you mean"), the date is real and within the
 * plan's span (a report: or the year after), every value names a target
 * of the activity. Checked records are resolved to their activity and
 * occurrence, ready for status.h. A log is built whole from its nodes
 * (progress_build: a small text, such as the records `update` reads
 * back), or one record at a time as it is read (progress_record_read and
 * a checker: logread.h), never held whole. */
#ifndef KEHOACH_PROGRESS_H
#define KEHOACH_PROGRESS_H

#include "arena.h"
#include "date.h"
#include "diag.h"
#include "node.h"
#include "plan.h"
#include "strbuf.h"
#include "yamlload.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum progress_state {
    PROGRESS_IN_PROGRESS,
    PROGRESS_DONE,
    PROGRESS_CANCELLED,
} progress_state;

#define PROGRESS_NSTATES 3

typedef struct progress_value {
    plan_text name;            /* the target's name, as the log writes it;
                                      .at is the value's node */
    const node_member *member; /* where the name is written */
    double value;
    const plan_target *target; /* resolved by progress_check() */
} progress_value;

typedef struct progress_record {
    plan_text date_text, activity, occurrence, state_text, note, by;
    plan_text report;   /* a reporting duty's id ("BC1") instead of an
                           activity's: the record says the report was sent */
    plan_text document; /* a report's number, "Số 123/BC-STP" */
    plan_text form;     /* the form it was collected from (form.h) */
    date date;
    progress_state state;
    int percent; /* -1 when not given */
    progress_value *values;
    size_t nvalues;
    plan_text *evidence;
    size_t nevidence;
    const node *at;
    srcpos pos;   /* where it starts in the log (kept by a copy) */
    size_t order; /* 0-based place in the log */
    /* Resolved by progress_check(); `usable` records feed the status. */
    bool usable;
    bool of_report;          /* names a report, not an activity */
    size_t activity_index;   /* into plan->activities */
    size_t report_index;     /* into plan->reports, when of_report */
    size_t occurrence_index; /* into the schedule windows of either */
} progress_record;

typedef struct progress_log {
    const source *src;
    const node *root;
    plan_text plan;           /* the plan id the log names */
    progress_record *records; /* NULL when read record by record
                                 (logread.h): the records were handed
                                 over one at a time */
    size_t count;             /* its records (items that are mappings) */
    /* Read record by record: the items of its list, and where the first
     * and the last start (line 0: none), for writing after them
     * (progress_write.h). */
    size_t items;
    srcpos first_at, last_at;
} progress_log;

/* The limits a log is loaded with: a plan's, except its size and the
 * number of values. A log is a flat list of small records that grows by
 * one with every update, read record by record (logread.h) in the memory
 * of one: what bounds it is its size, 512 MiB (1,700,000 records of 300
 * bytes, with a note, evidence and who reported them), never a count of
 * records. Values are held to
 * one per 4 bytes, which no log written by `update` comes near (it
 * writes more than 10 bytes per value), so the size limit is the one a
 * log meets, and progress_check_size() warns well before. */
yamlload_limits progress_log_limits(void);

/* A warning when the log's text has passed 80% of the size a log may
 * have: at the limit it can no longer be read, nor a record added. */
void progress_check_size(const source *src, diag_sink *d);

/* Builds the model of a loaded log. Tolerant like plan_build(): values of
 * the wrong shape (reported by the schema) are left out. */
progress_log *progress_build(arena *a, const source *src, const node *root);

/* Checks the log against its (scheduled) plan and resolves its records.
 * Returns the number of errors it reported. */
size_t progress_check(progress_log *log, const plan *p, diag_sink *d);

/* The same one record at a time, for a log read item by item
 * (docload_file_items): a record read from its node (false when the item
 * is not a mapping: the schema says so), checked and resolved against
 * the plan by a checker made once per log; and the plan the log names,
 * checked once its header is read. */
bool progress_record_read(arena *a, const node *obj, size_t order,
                          progress_record *r);
typedef struct progress_checker progress_checker;
progress_checker *progress_checker_new(const plan *p);
void progress_check_record(progress_checker *c, progress_record *r,
                           diag_sink *d);
void progress_checker_free(progress_checker *c); /* NULL-safe */
void progress_check_plan_id(const progress_log *log, const plan *p,
                            diag_sink *d);

/* Whether a record of that day fits the plan's span (a report's: or the
 * year after, when the last period's report is sent); when not, appends
 * why to `why` ("outside the plan's year 2026"). */
bool progress_date_fits(const plan *p, date day, bool of_report, strbuf *why);

/* "in-progress", "done", "cancelled", in the order of the enum: what a
 * record's state and `update --state` take; and parsing them back. */
extern const char *const progress_state_names[PROGRESS_NSTATES];
const char *progress_state_name(progress_state s);
bool progress_state_parse(const char *s, progress_state *out);

/* The words people use, in the order of the enum: "Đang thực hiện",
 * "Hoàn thành", "Hủy bỏ" (a form's dropdown); and a state as a person
 * types it: these words (case, spaces and missing diacritics forgiven),
 * a few others ("Đã hoàn thành", "Xong", "Đã hủy"...) or the names
 * above. */
extern const char *const progress_state_labels[PROGRESS_NSTATES];
bool progress_state_read(const char *text, progress_state *out);

/* File names: a log's name ends in ".progress.yaml" (or ".progress.yml"). */
bool progress_is_log_path(const char *path);
/* The log beside a plan file: its name without ".yaml"/".yml", then
 * ".progress.yml" when such a file exists, else ".progress.yaml". Caller
 * frees. */
char *progress_log_path(const char *plan_path);
/* The plan file beside a log: ".yaml" or ".yml" when it exists (".yaml"
 * when neither does). Caller frees. */
char *progress_plan_path(const char *log_path);

/* The activity with this id in p, or NULL. */
const plan_activity *progress_find_activity(const plan *p, const char *id,
                                            size_t *index);
/* The reporting duty with this id ("BC1") in p, or NULL. */
const plan_report *progress_find_report(const plan *p, const char *id,
                                        size_t *index);

/* --- copies ----------------------------------------------------------- */

/* A record that outlives its log (status.h folds a log streamed record by
 * record): strings, values and evidence copied, the resolved fields kept
 * (a value's target still points into the plan), and every pointer into
 * the log's nodes (`at`, a text's `.at`, a value's `member`) NULL. The
 * copy is one block: progress_record_copy_size() bytes, laid out by
 * progress_record_copy_to() at `block` (aligned for any type), which
 * returns the record at its start. */
size_t progress_record_copy_size(const progress_record *r);
progress_record *progress_record_copy_to(void *block, const progress_record *r);
/* The same block, allocated in a. */
progress_record *progress_record_copy(arena *a, const progress_record *r);

#endif
