/* report_field.h - the fields a report template may show.
 *
 * A template's columns and title lines name fields ("activity.state",
 * "plan.number", "period.label"). Each field belongs to a scope: the run
 * (the period and as-of date), a plan, an activity, a progress record or
 * a deadline; a sheet may use the fields of the scopes its rows have (see
 * report_field_allowed). A field has one type, so a column of dates holds
 * real dates and a column of counts real numbers. The values are computed
 * from the plan model and its status (status.h) and never stored. */
#ifndef KEHOACH_REPORT_FIELD_H
#define KEHOACH_REPORT_FIELD_H

#include "arena.h"
#include "date.h"
#include "orgunits.h"
#include "plan.h"
#include "progress.h"
#include "report_period.h"
#include "status.h"
#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum field_scope {
    FIELD_RUN, /* the report: period, as-of date, template */
    FIELD_PLAN,
    FIELD_ACTIVITY, /* an activity and its section */
    FIELD_RECORD,
    FIELD_DEADLINE,
    FIELD_LEAD, /* a lead unit of an activity (leads sheets) */
} field_scope;

typedef enum field_type {
    FIELD_TEXT,
    FIELD_INTEGER,
    FIELD_DATE,
} field_type;

typedef struct report_field {
    const char *name;
    field_scope scope;
    field_type type;
    int id;
} report_field;

/* All fields, in the order docs/reports.md lists them. */
const report_field *report_field_all(size_t *count);
const report_field *report_field_find(const char *name);

/* A report's own number as --number gives it (report.number): the part
 * before "/BC-...", which the template writes; at most
 * REPORT_FIELD_NUMBER_MAX characters of valid UTF-8, without '/' or a
 * control character. */
#define REPORT_FIELD_NUMBER_MAX 20
bool report_field_number_valid(const char *s);

/* report.number when no number is given: room to write one in by hand. */
#define REPORT_FIELD_NUMBER_BLANK "       "

typedef struct report_run {
    date as_of;
    report_period period;
    const char *template_name;
    /* The report's own number (report.number), as the office registers
     * it ("123"); NULL: left blank to be written in when it is signed. */
    const char *number;
    /* The day of the place-and-date line: with dated, the signing day;
     * without, only its year is printed and the day and month are left
     * blank to be written in. */
    bool dated;
    date signed_on;
} report_run;

/* A deadline row: one occurrence of an activity, or one report due. */
typedef struct report_deadline {
    const plan_activity *activity; /* NULL for a report */
    const status_activity *status; /* likewise */
    const plan_report *duty;       /* NULL for an activity */
    status_occurrence occurrence;
} report_deadline;

/* What a plan's rows compute once and show again: its lists of units
 * joined by name and by id. Made per plan (the names depend on its
 * registry), in an arena that lives as long as the plan's rows. */
typedef struct report_field_memo report_field_memo;
report_field_memo *report_field_memo_new(arena *a);

/* Where a value is taken from: what the row is about. */
typedef struct report_context {
    const report_run *run;
    const plan *plan; /* NULL outside a plan */
    const char *file;
    const status_plan *status;
    const status_activity *activity; /* NULL outside an activity */
    const progress_record *record;   /* records sheet */
    const report_deadline *deadline; /* deadlines sheet */
    const status_group *lead;        /* leads sheet: the row's lead unit */
    const orgunits *registry;        /* the plan's units (may be NULL) */
    arena *a;                        /* for composed text */
    report_field_memo *memo;         /* the plan's, in a; NULL: nothing kept */
} report_context;

typedef struct report_value {
    field_type type;
    bool empty;
    const char *text;
    double number;
    date day;
} report_value;

report_value report_field_value(const report_field *f, const report_context *c);

/* The state a state field shows (activity.state, deadline.state_code,
 * record.state...), for its fill; false for the other fields. */
bool report_field_state(const report_field *f, const report_context *c,
                        status_state *out);

/* The targets of the counted activities of a plan: all, those with a
 * measured value, those on track. */
typedef struct report_targets {
    size_t all, measured, on_track;
} report_targets;
void report_field_count_targets(const status_plan *s, report_targets *out);

/* A lead group as the chart and a leads sheet name it: its registered
 * name, or "Chưa đăng ký: NAME" for a name the plan's registry lacks. */
#define REPORT_FIELD_UNREGISTERED "Chưa đăng ký: "
const char *report_field_lead_label(arena *a, const status_group *g);

/* The value as text, as a title line shows it: dates "05/03/2026". */
const char *report_field_value_text(const report_value *v, arena *a);

/* Expands "{field}" in text ("{{" and "}}" are braces). From an unknown
 * field on (template checks exclude them), the text is left as written. */
const char *report_field_expand(const char *text, const report_context *c);

#endif
