/* units_query.h - a command's --unit against the plans it reads.
 *
 * A --unit that names no unit of the plans read is a mistake, never an
 * empty answer: "nothing is due" for a misspelt unit is the worst answer
 * an office can get. Plans are read one at a time (validate_run), so each
 * is offered to the query while it is in memory, with its registry. The
 * query is found when a registry resolves it (units_lookup: id, name or
 * alias, with or without diacritics) or a unit name the plan writes
 * (lead, partners, who reports and to whom) matches it (units_names).
 * Until then, the names of each plan and registry are offered as
 * suggestions (units_hints); a registry below a plan's own (its folder's)
 * is offered once, however many plans sit on it. A query found only
 * without diacritics is said to be so, never taken silently. */
#ifndef KEHOACH_UNITS_QUERY_H
#define KEHOACH_UNITS_QUERY_H

#include "plan.h"
#include "units.h"

#include <stdbool.h>

typedef struct units_query units_query;

units_query *units_query_new(const char *text);
void units_query_free(units_query *q);   /* NULL-safe */

/* Offers a plan and its registry (which may be NULL). */
void units_query_add_plan(units_query *q, const plan *p, const units *registry);

bool units_query_found(const units_query *q);

/* When the query was found only without diacritics ("So Y te"), the name
 * it was taken as ("Sở Y tế"), for the command to say so; else NULL.
 * *unit_name: the unit's registered name when that name is one of its
 * aliases or its id, else NULL. */
const char *units_query_taken_as(const units_query *q, const char **unit_name);

/* The names nearest to the query among those offered while it was not
 * found. */
const units_hints *units_query_hints(const units_query *q);

#endif
