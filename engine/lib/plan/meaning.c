/* meaning.c - meaning checks on plan models (see meaning.h).
 *
 * Each check reads the model and reports at the node a value came from.
 * Unique-id checks within a plan sort (id, position) pairs instead of
 * comparing every pair, so a plan of any size costs n log n; across plans,
 * an index of the ids seen (a strmap_index, strmap.h: 8 bytes a plan) makes
 * each plan cost the same, however many came before it. The unit names of a plan without a registry are sorted by
 * their loose key likewise, to find one unit written two ways. A "did you
 * mean" compares a name with every name it could be, so it is made only
 * for a problem that will be shown (diag_keeps), and once for a missing
 * plan however many plans link to it. */
#include "meaning.h"

#include "arena.h"
#include "date.h"
#include "i18n.h"
#include "strmap.h"
#include "vntext.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void note_at(diag_sink *d, diag *parent, const node *at, const char *msg)
{
    diag_note(d, parent, at->src, at->pos, at->span, "%s", msg);
}

/* --- ids unique ------------------------------------------------------- */

typedef struct keyed {
    const char *key;
    const node *at;
    size_t order;
} keyed;

static int cmp_keyed(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    if (c)
        return c;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* What a repeated key is: the message says it whole. */
typedef enum repeat_kind {
    REPEAT_ACTIVITY, /* an activity id in a plan */
    REPEAT_SECTION,  /* a section id in a plan */
    REPEAT_UNIT,     /* a unit id in the unit registry */
} repeat_kind;

static diag *report_repeat(diag_sink *d, repeat_kind kind, const keyed *item)
{
    switch (kind) {
    case REPEAT_ACTIVITY:
        return diag_at_node(d, DIAG_ERROR, item->at,
                            "activity id '%s' is used twice in this plan",
                            item->key);
    case REPEAT_SECTION:
        return diag_at_node(d, DIAG_ERROR, item->at,
                            "section id '%s' is used twice in this plan",
                            item->key);
    default:
        return diag_at_node(d, DIAG_ERROR, item->at,
                            "unit id '%s' is used twice in the unit registry",
                            item->key);
    }
}

/* Reports every repeated key after its first use. */
static void report_repeats(keyed *items, size_t n, repeat_kind kind,
                           diag_sink *d)
{
    qsort(items, n, sizeof *items, cmp_keyed);
    size_t first = 0; /* where the run of the current key starts */
    for (size_t i = 1; i < n; i++) {
        if (strcmp(items[first].key, items[i].key) != 0) {
            first = i;
            continue;
        }
        diag *r = report_repeat(d, kind, &items[i]);
        note_at(d, r, items[first].at, _("first used here"));
    }
}

/* True when key is among items, which report_repeats() has sorted. */
static bool sorted_has(const keyed *items, size_t n, const char *key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(items[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && strcmp(items[lo].key, key) == 0;
}

/* Appends (id, place, order) to items when the id is there. */
static void add_keyed(keyed *items, size_t *n, const plan_text *id)
{
    if (!id->s)
        return;
    items[*n] = (keyed){id->s, id->at, *n};
    (*n)++;
}

static void check_ids(const plan *p, diag_sink *d)
{
    size_t n = 0;
    keyed *items = xmalloc((p->nactivities + 1) * sizeof *items);
    for (size_t i = 0; i < p->nactivities; i++) {
        const plan_text *id = &p->activities[i]->id;
        add_keyed(items, &n, id);
        if (id->s && plan_is_report_id(id->s))
            diag_at_node(d, DIAG_ERROR, id->at,
                         "activity id '%s' has the form of a reporting duty's "
                         "id (BC1, BC2, ...), which update and the outputs "
                         "use for the plan's reports; give the activity "
                         "another id",
                         id->s);
    }
    report_repeats(items, n, REPEAT_ACTIVITY, d);

    n = 0;
    items = xrealloc(items, (p->nall_sections + 1) * sizeof *items);
    for (size_t i = 0; i < p->nall_sections; i++)
        add_keyed(items, &n, &p->all_sections[i]->id);
    report_repeats(items, n, REPEAT_SECTION, d);
    free(items);
}

/* --- dates and years -------------------------------------------------- */

static void check_date(const plan_text *t, bool partial, diag_sink *d)
{
    if (!t->s)
        return;
    date v;
    date_status st = date_parse(t->s, partial, &v);
    if (st == DATE_OK || st == DATE_BAD_FORM) /* form: the schema's job */
        return;
    strbuf why = STRBUF_INIT;
    date_explain(st, &v, &why);
    diag_at_node(d, DIAG_ERROR, t->at, "'%s' is not a real date: %s", t->s,
                 strbuf_str(&why));
    strbuf_release(&why);
}

/* A plan is issued in its year or span, or in the year before it; a year
 * further either way is a warning, beyond that an error (a year typed
 * wrong, which the report's header would print). */
static void check_issued(const plan *p, diag_sink *d)
{
    date v;
    if (!p->issued.s || !p->year_from || p->year_from > p->year_to ||
        date_parse(p->issued.s, true, &v) != DATE_OK)
        return;
    int before = p->year_from - 1 - v.year, after = v.year - p->year_to;
    char years[96];
    plan_years_phrase(p->year_from, p->year_to, years, sizeof years);
    if (before > 1)
        diag_at_node(d, DIAG_ERROR, p->issued.at,
                     "the date of issue %s is more than two years before %s",
                     p->issued.s, years);
    else if (after > 1)
        diag_at_node(d, DIAG_ERROR, p->issued.at,
                     "the date of issue %s is more than a year after %s",
                     p->issued.s, years);
    else if (before > 0)
        diag_at_node(d, DIAG_WARNING, p->issued.at,
                     "the date of issue %s is two years before %s; check that "
                     "it is meant",
                     p->issued.s, years);
    else if (after > 0)
        diag_at_node(d, DIAG_WARNING, p->issued.at,
                     "the date of issue %s is after %s; check that it is meant",
                     p->issued.s, years);
}

static void check_dates(const plan *p, diag_sink *d)
{
    check_date(&p->issued, true, d);
    check_issued(p, d);
    for (size_t i = 0; i < p->nbasis; i++)
        check_date(&p->basis[i].date, false, d);
    for (size_t i = 0; i < p->nreports; i++)
        check_date(&p->reports[i].due, false, d);
    if (p->year_at && p->year_from > p->year_to)
        diag_at_node(d, DIAG_ERROR, p->year_at,
                     "the span ends in %d, before it starts in %d", p->year_to,
                     p->year_from);
}

/* --- what every activity needs ---------------------------------------- */

static void check_activities(const plan *p, diag_sink *d)
{
    for (size_t i = 0; i < p->nactivities; i++) {
        const plan_activity *a = p->activities[i];
        const node *at = a->id.at ? a->id.at : a->at;
        const char *id = a->id.s ? a->id.s : "?";
        if (!a->lead.at)
            diag_at_node(
                d, DIAG_ERROR, at,
                "activity '%s' has no lead unit: give 'lead' here, or in "
                "'defaults' of its section or of the plan",
                id);
        if (!a->time.at)
            diag_at_node(d, DIAG_ERROR, at,
                         "activity '%s' has no time: give 'time' here, or in "
                         "'defaults' of its section or of the plan",
                         id);
    }
    for (size_t i = 0; i < p->nall_sections; i++) {
        const plan_section *s = p->all_sections[i];
        if (!s->nactivities && !s->nsections && s->id.at)
            diag_at_node(d, DIAG_WARNING, s->id.at,
                         "section '%s' has no activities",
                         s->id.s ? s->id.s : "?");
    }
}

/* --- unit names ------------------------------------------------------- */

static void warn_unknown(const plan_text *t, const orgunits *registry,
                         diag_sink *d)
{
    orgunits_hints h;
    orgunits_hints_init(&h, t->s);
    if (diag_keeps(d, t->at)) /* a suggestion only where it is shown */
        for (const orgunits *r = registry; r; r = orgunits_outer(r))
            orgunits_hints_offer_registry(&h, r);
    if (h.count)
        diag_at_node(
            d, DIAG_WARNING, t->at,
            "unit '%s' is not in the unit registry; did you mean '%s'?", t->s,
            h.names[0]);
    else
        diag_at_node(d, DIAG_WARNING, t->at,
                     "unit '%s' is not in the unit registry", t->s);
    orgunits_hints_release(&h);
}

typedef struct name_check {
    const orgunits *registry;
    diag_sink *d;
} name_check;

static void check_names(const plan_units *u, void *ctx)
{
    const name_check *c = ctx;
    for (size_t i = 0; i < u->count; i++) {
        const plan_text *t = &u->items[i];
        orgunits_match m = orgunits_lookup(c->registry, t->s);
        if (m.verdict == UNITS_UNKNOWN)
            warn_unknown(t, c->registry, c->d);
        else if (m.loose)
            diag_at_node(
                c->d, DIAG_WARNING, t->at,
                "unit '%s' is not in the unit registry as written; taken as "
                "'%s' (%s), the same name but for diacritics",
                t->s, m.name, m.unit->id.s ? m.unit->id.s : "?");
    }
}

/* Calls fn with every list of unit names the plan writes: the defaults,
 * the activities' own lead and partners, who reports and to whom. */
static void each_name_list(const plan *p,
                           void (*fn)(const plan_units *, void *), void *ctx)
{
    fn(&p->defaults.lead, ctx);
    fn(&p->defaults.partners, ctx);
    for (size_t i = 0; i < p->nall_sections; i++) {
        fn(&p->all_sections[i]->defaults.lead, ctx);
        fn(&p->all_sections[i]->defaults.partners, ctx);
    }
    for (size_t i = 0; i < p->nactivities; i++) {
        const plan_activity *a = p->activities[i];
        if (!a->lead_inherited)
            fn(&a->lead, ctx);
        if (!a->partners_inherited)
            fn(&a->partners, ctx);
    }
    for (size_t i = 0; i < p->nreports; i++) {
        fn(&p->reports[i].by, ctx);
        fn(&p->reports[i].to, ctx);
    }
}

/* A unit name as written, with its keys (units.h), in a plan without a
 * registry; key is made only for names that share a loose key. */
typedef struct spelling {
    char *loose, *key;
    const plan_text *t;
} spelling;

typedef struct spellings {
    spelling *items;
    size_t n, cap;
} spellings;

static void collect_spellings(const plan_units *u, void *ctx)
{
    spellings *s = ctx;
    for (size_t i = 0; i < u->count; i++) {
        const plan_text *t = &u->items[i];
        if (!t->s || !t->at)
            continue;
        ARRAY_ROOM(s->items, s->n, s->cap, 16);
        s->items[s->n++] = (spelling){orgunits_loose_key(t->s), NULL, t};
    }
}

/* By loose key, then in the order written. */
static int cmp_spelling(const void *pa, const void *pb)
{
    const spelling *a = pa, *b = pb;
    int c = strcmp(a->loose, b->loose);
    if (c)
        return c;
    size_t x = a->t->at->pos.offset, y = b->t->at->pos.offset;
    return x < y ? -1 : x > y;
}

/* Without a registry, names with one loose key are one unit (units.h),
 * generic phrases too: every spelling but the first is pointed out. */
static void check_spellings(const plan *p, diag_sink *d)
{
    spellings s = {NULL, 0, 0};
    each_name_list(p, collect_spellings, &s);
    if (s.n > 1)
        qsort(s.items, s.n, sizeof *s.items, cmp_spelling);
    size_t first = 0;
    for (size_t i = 1; i < s.n; i++) {
        spelling *a = &s.items[first], *b = &s.items[i];
        if (strcmp(a->loose, b->loose) != 0) {
            first = i;
            continue;
        }
        if (!a->key)
            a->key = orgunits_key(a->t->s);
        b->key = orgunits_key(b->t->s);
        if (strcmp(a->key, b->key) != 0) {
            diag *r =
                diag_at_node(d, DIAG_WARNING, b->t->at,
                             "unit '%s' is written '%s' on line %u; one unit, "
                             "written two ways",
                             b->t->s, a->t->s, a->t->at->pos.line);
            note_at(d, r, a->t->at, _("first written here"));
        }
    }
    for (size_t i = 0; i < s.n; i++) {
        free(s.items[i].loose);
        free(s.items[i].key);
    }
    free(s.items);
}

void meaning_check_plan(const plan *p, const orgunits *registry, diag_sink *d)
{
    check_ids(p, d);
    check_dates(p, d);
    check_activities(p, d);
    name_check c = {registry, d};
    if (orgunits_count(registry))
        each_name_list(p, check_names, &c);
    else
        check_spellings(p, d);
}

/* --- registry consistency --------------------------------------------- */

/* A name or alias that two units share makes lookups ambiguous. */
static void check_shared_names(const plan_unit *const *list, size_t n,
                               diag_sink *d)
{
    size_t cap = 0, nnames = 0;
    for (size_t i = 0; i < n; i++)
        cap += 1 + list[i]->naliases;
    keyed *names = xmalloc((cap + 1) * sizeof *names);
    const plan_unit **owner = xmalloc((cap + 1) * sizeof *owner);
    char **folded = xmalloc((cap + 1) * sizeof *folded);
    for (size_t i = 0; i < n; i++) {
        const plan_unit *u = list[i];
        for (size_t j = 0; j <= u->naliases; j++) {
            const plan_text *t = j == 0 ? &u->name : &u->aliases[j - 1];
            if (!t->s)
                continue;
            folded[nnames] = orgunits_key(t->s);
            names[nnames] = (keyed){folded[nnames], t->at, nnames};
            owner[nnames] = u;
            nnames++;
        }
    }
    qsort(names, nnames, sizeof *names, cmp_keyed);
    for (size_t i = 1; i < nnames; i++) {
        if (strcmp(names[i].key, names[i - 1].key) != 0)
            continue;
        const plan_unit *a = owner[names[i - 1].order],
                        *b = owner[names[i].order];
        if (a == b)
            continue;
        diag *r = diag_at_node(
            d, DIAG_WARNING, names[i].at,
            "the name '%s' is also given to unit '%s'; lookups by it "
            "will find only one of them",
            names[i].at->u.string.s, a->id.s ? a->id.s : "?");
        note_at(d, r, names[i - 1].at, _("also given here"));
    }
    for (size_t i = 0; i < nnames; i++)
        free(folded[i]);
    free(folded);
    free(owner);
    free(names);
}

void meaning_check_units(const plan_unit *const *list, size_t n, diag_sink *d)
{
    keyed *ids = xmalloc((n + 1) * sizeof *ids);
    size_t nids = 0;
    for (size_t i = 0; i < n; i++)
        add_keyed(ids, &nids, &list[i]->id);
    report_repeats(ids, nids, REPEAT_UNIT, d);

    const char **names = xmalloc((nids + 1) * sizeof *names);
    for (size_t j = 0; j < nids; j++)
        names[j] = ids[j].key;
    for (size_t i = 0; i < n; i++) {
        const plan_text *parent = &list[i]->parent;
        if (!parent->s || sorted_has(ids, nids, parent->s))
            continue;
        long best = diag_keeps(d, parent->at)
                        ? vntext_suggest(parent->s, names, nids)
                        : -1;
        if (best >= 0)
            diag_at_node(
                d, DIAG_ERROR, parent->at,
                "parent unit '%s' is not in the unit registry; did you mean '%s'?",
                parent->s, names[best]);
        else
            diag_at_node(d, DIAG_ERROR, parent->at,
                         "parent unit '%s' is not in the unit registry",
                         parent->s);
    }
    free(names);
    free(ids);
    check_shared_names(list, n, d);
}

/* --- across plans ----------------------------------------------------- */

typedef struct plan_ref {
    char *id;
    diag_loc at;
} plan_ref;

struct meaning_index {
    arena *a;         /* the nearest map's storage */
    strmap_index ids; /* plan id -> rank in plans of its first plan */
    strmap nearest;   /* missing plan id -> nearest plan id, or "" */
    plan_ref **plans; /* every first plan, for freeing and suggestions */
    size_t nplans, plans_cap;
    plan_ref *links; /* basis links, checked at the end */
    size_t nlinks, links_cap;
};

meaning_index *meaning_index_new(void)
{
    meaning_index *ix = xcalloc(1, sizeof *ix);
    ix->a = arena_new();
    return ix;
}

void meaning_index_free(meaning_index *ix)
{
    if (!ix)
        return;
    for (size_t i = 0; i < ix->nplans; i++) {
        free(ix->plans[i]->id);
        diag_loc_release(&ix->plans[i]->at);
        free(ix->plans[i]);
    }
    for (size_t i = 0; i < ix->nlinks; i++) {
        free(ix->links[i].id);
        diag_loc_release(&ix->links[i].at);
    }
    free(ix->plans);
    free(ix->links);
    strmap_index_release(&ix->ids);
    arena_free(ix->a);
    free(ix);
}

static const char *id_of(const void *plans, size_t rank)
{
    return ((plan_ref *const *)plans)[rank]->id;
}

/* The first plan whose id is id, or NULL. */
static const plan_ref *plan_with(const meaning_index *ix, const char *id)
{
    size_t rank = strmap_index_find(&ix->ids, id, id_of, ix->plans);
    return rank == SIZE_MAX ? NULL : ix->plans[rank];
}

static void capture(diag_loc *loc, const node *at)
{
    diag_loc_capture(loc, at->src, at->pos, at->span);
}

void meaning_index_add(meaning_index *ix, const plan *p, diag_sink *d)
{
    for (size_t i = 0; i < p->nbasis; i++) {
        const plan_text *link = &p->basis[i].plan;
        if (!link->s)
            continue;
        ARRAY_ROOM(ix->links, ix->nlinks, ix->links_cap, 16);
        plan_ref *r = &ix->links[ix->nlinks++];
        r->id = xstrdup(link->s);
        capture(&r->at, link->at);
    }
    if (!p->id.s)
        return;
    const plan_ref *first = plan_with(ix, p->id.s);
    if (first) {
        diag *r = diag_at_node(d, DIAG_ERROR, p->id.at,
                               "plan id '%s' is already used in %s", p->id.s,
                               first->at.path);
        diag_note_at_loc(d, r, &first->at, "first used here");
        return;
    }
    plan_ref *mine = xcalloc(1, sizeof *mine);
    mine->id = xstrdup(p->id.s);
    capture(&mine->at, p->id.at);
    ARRAY_ROOM(ix->plans, ix->nplans, ix->plans_cap, 16);
    ix->plans[ix->nplans] = mine;
    strmap_index_add(&ix->ids, mine->id, ix->nplans++, id_of, ix->plans);
}

/* The plan id nearest to a missing one, "" for none; each missing id is
 * compared with every plan once, however many plans link to it. */
static const char *nearest_plan(meaning_index *ix, const char *const *names,
                                const char *id)
{
    static const char none[] = "";
    const char *near = strmap_get(&ix->nearest, id, strlen(id));
    if (!near) {
        long best = vntext_suggest(id, names, ix->nplans);
        near = best >= 0 ? names[best] : none;
        strmap_put(ix->a, &ix->nearest, id, strlen(id), (void *)near);
    }
    return near;
}

void meaning_index_finish(meaning_index *ix, diag_sink *d)
{
    const char **names = xmalloc((ix->nplans + 1) * sizeof *names);
    for (size_t i = 0; i < ix->nplans; i++)
        names[i] = ix->plans[i]->id;
    for (size_t i = 0; i < ix->nlinks; i++) {
        const plan_ref *link = &ix->links[i];
        if (plan_with(ix, link->id))
            continue;
        const char *near = nearest_plan(ix, names, link->id);
        if (*near)
            diag_at_loc(
                d, DIAG_WARNING, &link->at,
                "basis links to plan '%s', which is not among the plans "
                "checked; did you mean '%s'?",
                link->id, near);
        else
            diag_at_loc(
                d, DIAG_WARNING, &link->at,
                "basis links to plan '%s', which is not among the plans checked",
                link->id);
    }
    free(names);
}
