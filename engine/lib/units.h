/* units.h - the unit registry: finding the unit a plan's text names.
 *
 * Plans name units in free text ("Sở Tư pháp (Trung tâm Trợ giúp pháp lý
 * Nhà nước)", "Công an cấp xã"). A registry holds units with an id, an
 * official name, aliases and a parent, from a plan's "units" and from a
 * units.yaml beside it. Lookup compares text_fold() keys, so case and the
 * input method do not matter. "A (B)" names B within A: it matches when
 * both parts do. Generic phrases are not units and always pass: text that
 * starts with a lower-case letter ("cơ sở giam giữ"), starts with "Các" or
 * "Những", or ends with "có liên quan". */
#ifndef KEHOACH_UNITS_H
#define KEHOACH_UNITS_H

#include "plan.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct units units;

/* A registry on top of outer (NULL for none): lookups that find nothing
 * here go on in outer, which must outlive this one. A plan's own units sit
 * on top of its folder's, so the folder's registry is built once. */
units *units_new(const units *outer);
void units_free(units *r);   /* NULL-safe */

/* Adds units; the registry keeps pointers to them (they must outlive it). */
void units_add(units *r, const plan_unit *list, size_t n);

/* Units here and in the registries below. */
size_t units_count(const units *r);

typedef enum units_verdict {
    UNITS_FOUND,      /* .unit is the unit named */
    UNITS_GENERIC,    /* a generic phrase, not a unit */
    UNITS_UNKNOWN,    /* .suggestion may name the closest registered name */
} units_verdict;

typedef struct units_match {
    units_verdict verdict;
    const plan_unit *unit;        /* FOUND: the unit; UNKNOWN: the suggested one */
    const char *suggestion;       /* UNKNOWN: closest name or alias, or NULL */
} units_match;

units_match units_lookup(const units *r, const char *text);
/* The same without the suggestion, which compares the text with every
 * name of the registry: for a name whose problem will only be counted. */
units_match units_find(const units *r, const char *text);

bool units_is_generic(const char *text);

/* True when text (a lead or partner as written) names the unit that query
 * names (an id, a name or an alias), or a unit within it: its parent chain
 * in the registry leads to it, or text is "A (B)" and A or B is it. Without
 * the registry's help, the names themselves must fold to the same key. */
bool units_names(const units *r, const char *text, const char *query);

#endif
