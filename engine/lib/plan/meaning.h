/* meaning.h - meaning checks: what a schema cannot say about a plan.
 *
 * Run on the plan model after schema validation: ids unique within a plan
 * and plan ids unique across the plans checked, real calendar dates, a
 * lead and a time for every activity once defaults are applied, unit names
 * found in the registry (a warning with a suggestion when not, or saying
 * which unit a name found only without diacritics was taken as), without
 * a registry one unit written one way, a registry's own consistency, and
 * "basis" links to plans that exist. */
#ifndef KEHOACH_MEANING_H
#define KEHOACH_MEANING_H

#include "diag.h"
#include "plan.h"
#include "orgunits.h"

/* Checks one plan. registry may be NULL or empty: unit names are then
 * checked against each other (units.h: one loose key, one unit), a
 * warning at every spelling after the first. */
void meaning_check_plan(const plan *p, const orgunits *registry, diag_sink *d);

/* Checks a registry's units (ids unique, parents known, a name not given
 * to two units). */
void meaning_check_units(const plan_unit *const *list, size_t n, diag_sink *d);

/* Checks across plans, one plan at a time, so that a plan's document can
 * be freed once it has been added: the index keeps the ids and the basis
 * links, with their places captured. */
typedef struct meaning_index meaning_index;

meaning_index *meaning_index_new(void);
void meaning_index_free(meaning_index *ix); /* NULL-safe */

/* Adds a plan: reports its id when an earlier plan has it, and remembers
 * its basis links. */
void meaning_index_add(meaning_index *ix, const plan *p, diag_sink *d);

/* Reports every basis link to a plan that was never added. */
void meaning_index_finish(meaning_index *ix, diag_sink *d);

#endif
