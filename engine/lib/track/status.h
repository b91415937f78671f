/* status.h - where a plan stands on a given date, derived from its log.
 *
 * Nothing here is stored: the status as of a date D is computed from the
 * plan's schedule and the log's records dated on or before D, so any past
 * day can be replayed. Each occurrence of an activity is in one state:
 *
 *   cancelled    its latest record (on or before D) says cancelled
 *   done         its latest record says done, dated on or before the due date
 *   done late    its latest record says done, dated after the due date
 *   overdue      not done, and due before D
 *   in progress  its latest record says in progress (and it is not overdue)
 *   planned      nothing of the above, and its window opens after D
 *   open         nothing of the above: its window is open
 *
 * "Latest" is by date, then by order in the log. An activity takes the
 * state of its most pressing occurrence (see status_compute). The reports
 * a plan asks for follow the same rules, a record of one saying it was
 * sent; they are not counted with the activities. Counts by
 * state roll up to sections, lead units, plans and runs of plans. Nothing
 * reads the clock: the date is always given. */
#ifndef KEHOACH_STATUS_H
#define KEHOACH_STATUS_H

#include "arena.h"
#include "date.h"
#include "plan.h"
#include "progress.h"
#include "orgunits.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum status_state {
    STATUS_PLANNED,
    STATUS_OPEN,
    STATUS_IN_PROGRESS,
    STATUS_DONE,
    STATUS_DONE_LATE,
    STATUS_OVERDUE,
    STATUS_CANCELLED,
} status_state;

#define STATUS_NSTATES 7

/* Data names ("planned", "open", "in-progress", "done", "done-late",
 * "overdue", "cancelled"), in the order of the enum: what --state takes. */
extern const char *const status_state_names[STATUS_NSTATES];

/* The data name, the Vietnamese words for people ("Quá hạn"), and the same
 * words within a sentence ("quá hạn"). */
const char *status_state_name(status_state s);
const char *status_state_label(status_state s);
const char *status_state_words(status_state s);

/* Finished: done, done late or cancelled. */
bool status_is_finished(status_state s);

typedef struct status_occurrence {
    const when_window *window;
    status_state state;
    int percent;                 /* 0-100 */
    const progress_record *last; /* latest record on or before D */
    size_t nrecords;             /* records about it on or before D */
} status_occurrence;

/* The record that says an occurrence was done (a report: sent), on time
 * or late; NULL when it is not done. */
const progress_record *status_done_record(const status_occurrence *o);

/* The state of one occurrence from the records about it (in any order;
 * those dated after as_of are ignored). */
status_occurrence status_of_occurrence(const when_window *w,
                                       const progress_record *const *records,
                                       size_t n, date as_of);

typedef enum status_track {
    STATUS_TRACK_UNKNOWN, /* nothing measured yet */
    STATUS_TRACK_ON,
    STATUS_TRACK_BEHIND,
} status_track;

typedef struct status_target {
    const plan_target *target;
    bool measured;
    double actual; /* latest measured value */
    date measured_on;
    bool accumulates; /* a count (not a "%" rate) */
    double expected;  /* what should be reached by D */
    status_track track;
} status_target;

typedef struct status_activity {
    const plan_activity *activity;
    status_occurrence *occurrences;
    size_t noccurrences;
    status_state state;
    date due; /* of the occurrence that sets state */
    int percent;
    status_target *targets;
    size_t ntargets;
    const progress_record *last;      /* latest record, any occurrence */
    const progress_record *last_note; /* latest record with a note */
    bool in_scope;                    /* counted: see status_scope */
    bool as_partner;                  /* in scope as a coordinating unit */
    size_t *leads; /* its lead groups (indexes into status_plan.leads),
                       each once, in the order its leads are written */
    size_t nleads;
} status_activity;

typedef struct status_counts {
    size_t n[STATUS_NSTATES];
    size_t total;     /* activities */
    long percent_sum; /* of activities not cancelled */
    size_t percent_count;
} status_counts;

/* Average percent complete of the counted activities not cancelled. */
int status_counts_percent(const status_counts *c);
void status_counts_add(status_counts *to, const status_counts *from);

typedef struct status_group {
    const char *name;            /* section "id title", or a lead unit:
                                          its registered name, or as first
                                          written */
    const plan_section *section; /* NULL for a unit */
    const plan_unit *unit;       /* the registered lead unit, or NULL */
    bool unregistered;           /* a lead the plan's registry lacks */
    status_counts counts;
} status_group;

/* A report the plan asks for: each time it is due, sent (done, done
 * late) or not, by the same rules as an activity's occurrences; the
 * record that says it was sent is the occurrence's `last`. */
typedef struct status_duty {
    const plan_report *report;
    status_occurrence *occurrences; /* as report->schedule */
    size_t noccurrences;
    status_state state;          /* rolled up as an activity's */
    date due;                    /* of the occurrence that sets state */
    const progress_record *last; /* latest record, any occurrence */
    bool in_scope;               /* the scope's unit sends it (or no unit) */
} status_duty;

typedef struct status_plan {
    const plan *plan;
    date as_of;
    status_activity *activities; /* as plan->activities */
    size_t nactivities;
    status_counts counts;
    status_group *sections; /* as plan->all_sections; a section
                                          counts its subsections too */
    size_t nsections;
    status_group *leads; /* by lead unit as orgunits_lookup()
                                          finds it (names it does not find:
                                          by loose key), in order of
                                          appearance */
    size_t nleads;
    status_duty *duties; /* as plan->reports; not in the counts */
    size_t nduties;
    const orgunits *registry; /* the leads were grouped by; may be NULL */
} status_plan;

/* Which activities the counts take: those a unit leads or coordinates
 * (matched through the registry as orgunits_names() does), or all; and the
 * registry the lead units are grouped by. */
typedef struct status_scope {
    const char *unit;         /* NULL: every activity */
    const orgunits *registry; /* may be NULL */
} status_scope;

/* The status of a scheduled plan as of a date. log may be NULL (no
 * progress recorded); only its usable records count. scope may be NULL
 * (every activity). Every activity gets its status; only those in scope
 * are counted. Allocates in a; the records it refers to are copies, in a.
 * The same as a fold of the log's records (below). */
void status_compute(arena *a, const plan *p, const progress_log *log,
                    date as_of, const status_scope *scope, status_plan *out);

/* The status folded from a log read record by record, which need never
 * be whole in memory. What the fold holds is bounded by the plan, not by
 * the log: per occurrence its latest record, how many records it has and
 * its latest percent; per activity its latest record, its latest with a
 * note and the latest value of each target; per report its latest record.
 * A record it holds is a copy (progress_record_copy_size()), freed as
 * soon as a later one takes its place. */
typedef struct status_fold status_fold;

/* Starts the status of a scheduled plan as of a date. */
status_fold *status_fold_new(const plan *p, date as_of);

/* Adds one record of the plan's log (in any order); only usable ones
 * count. rec and what it points to may be freed after the call: what the
 * status keeps of it is copied. */
void status_fold_add(status_fold *f, const progress_record *rec);

/* How many copies of records f holds now (for tests: never more than the
 * plan has places for, however long the log). */
size_t status_fold_copies(const status_fold *f);

/* The status, as status_compute() gives it (allocated in a; the records
 * it refers to are copied into a), and frees f. scope may be NULL. */
void status_fold_finish(status_fold *f, arena *a, const status_scope *scope,
                        status_plan *out);

#endif
