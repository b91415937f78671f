/* units_query.c - a command's --unit against the plans it reads (see
 * units_query.h). */
#include "units_query.h"

#include "arena.h"

#include <stdlib.h>

struct units_query {
    char *text;
    bool found;
    units_hints hints;
    const units **offered;   /* registries below a plan's own, offered */
    size_t noffered;
};

units_query *units_query_new(const char *text)
{
    units_query *q = xcalloc(1, sizeof *q);
    q->text = xstrdup(text);
    units_hints_init(&q->hints, text);
    return q;
}

void units_query_free(units_query *q)
{
    if (!q)
        return;
    units_hints_release(&q->hints);
    free(q->offered);
    free(q->text);
    free(q);
}

/* Matches or offers every name of a list; true when one matches. */
static bool names_match(units_query *q, const plan_units *u, const units *registry)
{
    for (size_t i = 0; i < u->count; i++) {
        if (units_names(registry, u->items[i].s, q->text))
            return true;
        units_hints_offer(&q->hints, u->items[i].s, false);
    }
    return false;
}

static bool plan_names(units_query *q, const plan *p, const units *registry)
{
    for (size_t i = 0; i < p->nactivities; i++) {
        const plan_activity *a = p->activities[i];
        if (names_match(q, &a->lead, registry) || names_match(q, &a->partners, registry))
            return true;
    }
    for (size_t i = 0; i < p->nreports; i++)
        if (names_match(q, &p->reports[i].by, registry) ||
            names_match(q, &p->reports[i].to, registry))
            return true;
    return false;
}

static void offer_registries(units_query *q, const units *registry)
{
    units_hints_offer_registry(&q->hints, registry);
    for (const units *r = units_outer(registry); r; r = units_outer(r)) {
        size_t i = 0;
        while (i < q->noffered && q->offered[i] != r)
            i++;
        if (i < q->noffered)
            continue;
        q->offered = xrealloc(q->offered, (q->noffered + 1) * sizeof *q->offered);
        q->offered[q->noffered++] = r;
        units_hints_offer_registry(&q->hints, r);
    }
}

void units_query_add_plan(units_query *q, const plan *p, const units *registry)
{
    if (q->found)
        return;
    q->found = units_lookup(registry, q->text).verdict == UNITS_FOUND ||
               plan_names(q, p, registry);
    if (!q->found)
        offer_registries(q, registry);
}

bool units_query_found(const units_query *q)
{
    return q->found;
}

const units_hints *units_query_hints(const units_query *q)
{
    return &q->hints;
}
