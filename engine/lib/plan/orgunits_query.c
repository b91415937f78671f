/* orgunits_query.c - a command's --unit against the plans it reads (see
 * orgunits_query.h). */
#include "orgunits_query.h"

#include "arena.h"
#include "strmap.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

struct orgunits_query {
    char *text;
    bool found;
    char *taken_as;  /* found only without diacritics: as what */
    char *unit_name; /* the registered name, when taken_as is not it */
    orgunits_hints hints;
    arena *a;       /* the keys of offered */
    strmap offered; /* registries below a plan's own, offered,
                                by their address */
};

orgunits_query *orgunits_query_new(const char *text)
{
    orgunits_query *q = xcalloc(1, sizeof *q);
    q->text = xstrdup(text);
    q->a = arena_new();
    orgunits_hints_init(&q->hints, text);
    return q;
}

void orgunits_query_free(orgunits_query *q)
{
    if (!q)
        return;
    orgunits_hints_release(&q->hints);
    arena_free(q->a);
    free(q->taken_as);
    free(q->unit_name);
    free(q->text);
    free(q);
}

/* True when a and b are the same name but for diacritics. */
static bool same_but_marks(const char *a, const char *b)
{
    char *ka = orgunits_key(a), *kb = orgunits_key(b);
    bool differ = strcmp(ka, kb) != 0;
    free(ka);
    free(kb);
    if (!differ)
        return false;
    ka = orgunits_loose_key(a);
    kb = orgunits_loose_key(b);
    bool same = strcmp(ka, kb) == 0;
    free(ka);
    free(kb);
    return same;
}

/* Matches or offers every name of a list; true when one matches. */
static bool names_match(orgunits_query *q, const plan_units *u,
                        const orgunits *registry)
{
    for (size_t i = 0; i < u->count; i++) {
        const char *name = u->items[i].s;
        if (orgunits_names(registry, name, q->text)) {
            if (same_but_marks(name, q->text))
                q->taken_as = xstrdup(name);
            return true;
        }
        orgunits_hints_offer(&q->hints, name, false);
    }
    return false;
}

static bool plan_names(orgunits_query *q, const plan *p,
                       const orgunits *registry)
{
    for (size_t i = 0; i < p->nactivities; i++) {
        const plan_activity *a = p->activities[i];
        if (names_match(q, &a->lead, registry) ||
            names_match(q, &a->partners, registry))
            return true;
    }
    for (size_t i = 0; i < p->nreports; i++)
        if (names_match(q, &p->reports[i].by, registry) ||
            names_match(q, &p->reports[i].to, registry))
            return true;
    return false;
}

static void offer_registries(orgunits_query *q, const orgunits *registry)
{
    orgunits_hints_offer_registry(&q->hints, registry);
    for (const orgunits *r = orgunits_outer(registry); r;
         r = orgunits_outer(r)) {
        if (strmap_get(&q->offered, (const char *)&r, sizeof r))
            continue;
        const orgunits **key = arena_alloc(q->a, sizeof *key);
        *key = r;
        strmap_put(q->a, &q->offered, (const char *)key, sizeof *key,
                   (void *)r);
        orgunits_hints_offer_registry(&q->hints, r);
    }
}

void orgunits_query_add_plan(orgunits_query *q, const plan *p,
                             const orgunits *registry)
{
    if (q->found)
        return;
    orgunits_match m = orgunits_lookup(registry, q->text);
    q->found = m.verdict == UNITS_FOUND || plan_names(q, p, registry);
    if (m.verdict == UNITS_FOUND && m.loose) {
        q->taken_as = xstrdup(m.name);
        if (m.unit->name.s && strcmp(m.unit->name.s, m.name) != 0)
            q->unit_name = xstrdup(m.unit->name.s); /* matched an id or alias */
    }
    if (!q->found)
        offer_registries(q, registry);
}

bool orgunits_query_found(const orgunits_query *q)
{
    return q->found;
}

const char *orgunits_query_taken_as(const orgunits_query *q,
                                    const char **unit_name)
{
    *unit_name = q->unit_name;
    return q->taken_as;
}

const orgunits_hints *orgunits_query_hints(const orgunits_query *q)
{
    return &q->hints;
}
