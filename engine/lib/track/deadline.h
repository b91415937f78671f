/* deadline.h - what is due, and what is late, as of a date.
 *
 * Every occurrence of every scheduled activity and every report to send
 * becomes one item, with its due date, the days left (negative when late)
 * and its state as of the date asked about. Activity occurrences and
 * reports that the plan's status (status.h) finds done, done late or
 * cancelled are left out unless the query keeps them (a calendar must see
 * them change); the others take their state from it. Items are copied out
 * of the plans (into the list's arena), so plans can be freed as they are
 * read.
 * A list can be kept to the items a unit leads or coordinates, and to
 * those due within some time. Sorted: overdue first, most overdue first,
 * then by due date. The date is always given: nothing here reads the
 * clock.
 *
 * The items of many plans are gathered plan by plan in a deadline_spool,
 * which holds in memory only what the sort needs (a key per item) and the
 * items themselves, as records, in a temporary file once they pass
 * DEADLINE_SPOOL_HELD bytes: memory does not grow with the number of
 * plans. */
#ifndef KEHOACH_DEADLINE_H
#define KEHOACH_DEADLINE_H

#include "arena.h"
#include "date.h"
#include "plan.h"
#include "status.h"
#include "orgunits.h"

#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum deadline_kind {
    DEADLINE_ACTIVITY,
    DEADLINE_REPORT,
} deadline_kind;

typedef enum deadline_state {
    DEADLINE_PLANNED,     /* its window has not opened yet */
    DEADLINE_OPEN,        /* its window is open, it is not late */
    DEADLINE_OVERDUE,     /* due before the date, not done */
    DEADLINE_IN_PROGRESS, /* reported in progress, not late */
} deadline_state;

typedef enum deadline_role {
    DEADLINE_LEAD,    /* the unit asked about leads it (or reports) */
    DEADLINE_PARTNER, /* the unit asked about coordinates */
} deadline_role;

/* Units as a list: their names as orgunits_distinct() gives them, and the
 * ids of those registered (so ids may be fewer). */
typedef struct deadline_units {
    const char **names, **ids;
    size_t nnames, nids;
} deadline_units;

typedef struct deadline_item {
    deadline_kind kind;
    const char *plan_id, *plan_file;
    const char *activity_id; /* a report's: "BC1", "BC2"... */
    size_t duty;             /* a report's 1-based number among the
                                    plan's reporting duties; 0 otherwise */
    const char *duty_key;    /* a report's identity, not its place: 16
                                hex digits of a SHA-256 of who reports, to
                                whom and when as written (what, too, for
                                duties alike in those; "-2", "-3" after
                                copies of a duty); NULL for an activity */
    const char *title;       /* the activity's, or what the report is on */
    const char *lead;        /* lead units, or who reports, "; "-joined,
                                    as orgunits_join() names them */
    const char *partners;    /* partner units, or to whom it reports */
    const char *lead_ids, *partner_ids; /* their ids; NULL: none */
    const char *time;                   /* the time as the plan prints it */
    const char *key, *label, *note;     /* of the occurrence */
    size_t occurrence, occurrences;     /* 1-based, and how many in all */
    date from, to, due;
    long days_left;       /* due - as_of; negative when late */
    deadline_state state; /* DEADLINE_OPEN for a finished item */
    status_state status;  /* the occurrence's, finished states included */
    size_t records;       /* progress records about the occurrence */
    date changed;         /* the latest record's date, when records */
    deadline_role role;
    /* lead and partners as lists, for JSON */
    deadline_units lead_list, partner_list;
    size_t order; /* reading order, to break ties */
} deadline_item;

typedef enum deadline_role_filter {
    DEADLINE_ANY_ROLE,
    DEADLINE_LEAD_ONLY,
    DEADLINE_PARTNER_ONLY,
} deadline_role_filter;

typedef struct deadline_query {
    date as_of;
    bool has_until; /* keep upcoming items due by `until` */
    date until;
    const char *unit; /* NULL: every unit */
    deadline_role_filter role;
    bool finished; /* keep done, done late and cancelled items too */
} deadline_query;

typedef struct deadline_list {
    arena *a;
    deadline_item *items;
    size_t count, cap;
} deadline_list;

void deadline_list_init(deadline_list *l);
void deadline_list_release(deadline_list *l);
/* Empties l (its items and the strings they point to). */
void deadline_list_clear(deadline_list *l);

/* Adds the items of a scheduled plan that the query keeps. registry: the
 * plan's unit registry (may be empty), used to match the query's unit.
 * status: the plan's status as of q->as_of (status_compute, with or
 * without a log). */
void deadline_add_plan(deadline_list *l, const plan *p, const char *file,
                       const orgunits *registry, const status_plan *status,
                       const deadline_query *q);

/* Overdue first, most overdue first; then by due date; ties in reading
 * order. */
void deadline_sort(deadline_list *l);

/* The records of more than this many bytes go to the temporary file. */
#define DEADLINE_SPOOL_HELD ((size_t)1 << 20)

/* What the sort of a spooled item needs, and where its record is: 16
 * bytes an item. */
typedef struct deadline_key {
    uint64_t offset;      /* of the record; grows in reading order */
    int32_t due;          /* year, month and day in one number, in date
                             order (the years of a plan's dates have four
                             digits) */
    uint32_t length : 31; /* of the record, from a file of at most 16 MiB */
    uint32_t overdue : 1;
} deadline_key;

/* Keys sorted in memory at a time (256 KiB): each run of them is sorted
 * and goes to a temporary file, and the runs are merged as the items are
 * read, so memory does not grow with the items. */
#define DEADLINE_RUN_KEYS ((size_t)16384)

typedef struct deadline_merge deadline_merge;

typedef struct deadline_spool {
    strbuf held;      /* the records not in the file, from `spilled` on */
    int fd;           /* the temporary file (tempfile.h); -1: none yet */
    uint64_t spilled; /* bytes in it */
    size_t count;     /* items in all */
    size_t states[4]; /* items by deadline_state */
    /* the keys: the run being gathered, the sorted runs before it in a
     * file of their own */
    size_t run_keys; /* keys a run holds: DEADLINE_RUN_KEYS */
    deadline_key *keys;
    size_t nkeys, keys_cap;
    int keys_fd;  /* -1: no run there yet */
    size_t *runs; /* keys in each run there */
    size_t nruns, runs_cap;
    deadline_merge *merge; /* the runs being read (deadline_spool_sort) */
    /* the item last read, and what it points into */
    deadline_item item;
    char *record;
    size_t record_cap;
    const char **units;
    size_t units_cap;
} deadline_spool;

void deadline_spool_init(deadline_spool *s);
void deadline_spool_release(deadline_spool *s);

/* Moves the items of l (one plan's, as deadline_add_plan left them) to
 * the end of s, and empties l. False with err (the reason, strbuf.h) when
 * a temporary file cannot be made or written: s is then of no more use
 * than to be released. */
bool deadline_spool_add(deadline_spool *s, deadline_list *l, strbuf *err);

/* Starts reading the items as deadline_sort orders them; overdue_first:
 * every overdue item before the others, each group in that order (the
 * text's two parts). May be called again to read them again. */
void deadline_spool_sort(deadline_spool *s, bool overdue_first);

/* The next item in that order (called s->count times); it stays valid
 * until the next call. NULL with err when a temporary file cannot be
 * read. */
const deadline_item *deadline_spool_next(deadline_spool *s, strbuf *err);

/* "overdue", "open", "planned", "in-progress" (for data), and the
 * Vietnamese words for people: "Quá hạn", "Đang trong thời hạn", "Chưa
 * đến hạn", "Đang thực hiện". */
const char *deadline_state_name(deadline_state s);
const char *deadline_state_label(deadline_state s);

/* Reads a duration as --within writes it: "30d", "6w", "3m", "1y" (days,
 * weeks, months, years); the last day it reaches from `from`. */
bool deadline_parse_within(const char *s, date from, date *until);

#endif
