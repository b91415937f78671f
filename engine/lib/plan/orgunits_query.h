/* orgunits_query.h - a command's --unit against the plans it reads.
 *
 * A --unit that names no unit of the plans read is a mistake, never an
 * empty answer: "nothing is due" for a misspelt unit is the worst answer
 * an office can get. Plans are read one at a time (validate_run), so each
 * is offered to the query while it is in memory, with its registry. The
 * query is found when a registry resolves it (orgunits_lookup: id, name or
 * alias, with or without diacritics) or a unit name the plan writes
 * (lead, partners, who reports and to whom) matches it (orgunits_names).
 * Until then, the names of each plan and registry are offered as
 * suggestions (orgunits_hints); a registry below a plan's own (its folder's)
 * is offered once, however many plans sit on it. A query found only
 * without diacritics is said to be so, never taken silently. */
#ifndef KEHOACH_UNITS_QUERY_H
#define KEHOACH_UNITS_QUERY_H

#include "plan.h"
#include "orgunits.h"

#include <stdbool.h>

typedef struct orgunits_query orgunits_query;

orgunits_query *orgunits_query_new(const char *text);
void orgunits_query_free(orgunits_query *q); /* NULL-safe */

/* Offers a plan and its registry (which may be NULL). */
void orgunits_query_add_plan(orgunits_query *q, const plan *p,
                             const orgunits *registry);

bool orgunits_query_found(const orgunits_query *q);

/* When the query was found only without diacritics ("So Y te"), the name
 * it was taken as ("Sở Y tế"), for the command to say so; else NULL.
 * *unit_name: the unit's registered name when that name is one of its
 * aliases or its id, else NULL. */
const char *orgunits_query_taken_as(const orgunits_query *q,
                                    const char **unit_name);

/* The names nearest to the query among those offered while it was not
 * found. */
const orgunits_hints *orgunits_query_hints(const orgunits_query *q);

#endif
