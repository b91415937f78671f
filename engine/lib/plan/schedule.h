/* schedule.h - when everything in a plan is due.
 *
 * Turns the time of every activity (the phrase as printed, or the
 * structured form of the schema) and the schedule of every reporting duty
 * (a date, the periods of Decree 09/2019, or the words of the plan) into
 * dated windows, each with its due date, stored in the plan model. What
 * cannot be understood, and windows outside the plan's year or span, are
 * errors at the exact spot, with a note that shows the structured form to
 * write instead: never a silent guess. */
#ifndef KEHOACH_SCHEDULE_H
#define KEHOACH_SCHEDULE_H

#include "diag.h"
#include "plan.h"

#include <stdbool.h>

/* Fills the schedule of every activity and report of p (allocating in a,
 * the plan's arena). Returns false when it reported an error. A plan
 * without a valid year or span is left unscheduled (the schema has said
 * why). */
bool schedule_plan(arena *a, plan *p, diag_sink *d);

#endif
