/* plan.c - building the plan model from a document tree (see plan.h).
 *
 * One pass over the tree, top-down, carrying the defaults in force; each
 * reader takes what has the expected shape and ignores the rest, because
 * the schema validator has already reported every shape problem. */
#include "plan.h"

#include "i18n.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

plan_text plan_text_of(const node *obj, const char *key)
{
    const node *n = node_get(obj, key);
    plan_text t = {NULL, n};
    if (n && n->kind == NODE_STRING)
        t.s = n->u.string.s;
    return t;
}

/* A time: the phrase itself, or a structured form whose words as printed
 * are its "phrase". */
static plan_text time_of(const node *obj, const char *key)
{
    plan_text t = plan_text_of(obj, key);
    if (t.at && t.at->kind == NODE_OBJECT)
        t.s = node_str(node_get(t.at, "phrase"));
    return t;
}

plan_text *plan_texts_of(arena *a, const node *list, size_t *count)
{
    *count = 0;
    if (!list || list->kind != NODE_ARRAY)
        return NULL;
    plan_text *items =
        arena_alloc(a, (list->u.array.count + 1) * sizeof *items);
    for (size_t i = 0; i < list->u.array.count; i++) {
        const node *item = list->u.array.items[i];
        if (item->kind == NODE_STRING)
            items[(*count)++] = (plan_text){item->u.string.s, item};
    }
    return items;
}

static plan_units units_of(arena *a, const node *obj, const char *key)
{
    plan_units u = {NULL, 0, node_get(obj, key)};
    const node *n = u.at;
    if (n && n->kind == NODE_STRING) {
        u.items = arena_alloc(a, sizeof *u.items);
        u.items[0] = (plan_text){n->u.string.s, n};
        u.count = 1;
    } else {
        u.items = plan_texts_of(a, n, &u.count);
    }
    return u;
}

static size_t array_len(const node *n)
{
    return n && n->kind == NODE_ARRAY ? n->u.array.count : 0;
}

static const node *array_at(const node *n, size_t i)
{
    return n->u.array.items[i];
}

static plan_defaults defaults_of(arena *a, const node *obj)
{
    plan_defaults d = {0};
    const node *n = node_get(obj, "defaults");
    if (!n || n->kind != NODE_OBJECT)
        return d;
    d.at = n;
    d.lead = units_of(a, n, "lead");
    d.partners = units_of(a, n, "partners");
    d.time = time_of(n, "time");
    return d;
}

/* The defaults in force while reading a section: the nearest given value
 * of each field. */
typedef struct inherited {
    plan_units lead, partners;
    plan_text time;
} inherited;

static inherited inherit(inherited outer, const plan_defaults *d)
{
    if (d->lead.count)
        outer.lead = d->lead;
    if (d->partners.count)
        outer.partners = d->partners;
    if (d->time.at)
        outer.time = d->time;
    return outer;
}

typedef struct builder {
    arena *a;
    plan *p;
    size_t cap_activities, cap_sections;
} builder;

static void add_activity(builder *b, plan_activity *act)
{
    ARENA_ROOM(b->a, b->p->activities, b->p->nactivities, b->cap_activities,
               32);
    b->p->activities[b->p->nactivities++] = act;
}

static void add_section(builder *b, plan_section *sec)
{
    ARENA_ROOM(b->a, b->p->all_sections, b->p->nall_sections, b->cap_sections,
               16);
    sec->index = b->p->nall_sections;
    b->p->all_sections[b->p->nall_sections++] = sec;
}

static plan_target *targets_of(arena *a, const node *obj, size_t *count)
{
    const node *list = node_get(obj, "targets");
    size_t n = array_len(list);
    *count = 0;
    if (!n)
        return NULL;
    plan_target *t = arena_alloc(a, n * sizeof *t);
    for (size_t i = 0; i < n; i++) {
        const node *item = array_at(list, i);
        if (item->kind != NODE_OBJECT)
            continue;
        plan_target *x = &t[(*count)++];
        x->name = plan_text_of(item, "name");
        x->unit = plan_text_of(item, "unit");
        x->value = node_number_of(item, "value", NAN);
        x->at = item;
    }
    return t;
}

static plan_activity *read_activity(builder *b, const node *obj,
                                    const plan_section *sec, inherited in)
{
    plan_activity *act = arena_alloc(b->a, sizeof *act);
    act->at = obj;
    act->section = sec;
    act->id = plan_text_of(obj, "id");
    act->title = plan_text_of(obj, "title");
    act->output = plan_text_of(obj, "output");
    act->assignment = plan_text_of(obj, "assignment");
    act->lead = units_of(b->a, obj, "lead");
    act->partners = units_of(b->a, obj, "partners");
    act->time = time_of(obj, "time");
    if (!act->lead.at) {
        act->lead = in.lead;
        act->lead_inherited = in.lead.count > 0;
    }
    if (!act->partners.at) {
        act->partners = in.partners;
        act->partners_inherited = in.partners.count > 0;
    }
    if (!act->time.at) {
        act->time = in.time;
        act->time_inherited = in.time.at != NULL;
    }
    act->targets = targets_of(b->a, obj, &act->ntargets);
    return act;
}

static plan_section *read_section(builder *b, const node *obj,
                                  const plan_section *parent, inherited in)
{
    plan_section *sec = arena_alloc(b->a, sizeof *sec);
    sec->at = obj;
    sec->parent = parent;
    sec->id = plan_text_of(obj, "id");
    sec->title = plan_text_of(obj, "title");
    sec->defaults = defaults_of(b->a, obj);
    add_section(b, sec);
    in = inherit(in, &sec->defaults);

    const node *acts = node_get(obj, "activities");
    size_t n = array_len(acts);
    sec->activities = arena_alloc(b->a, (n + 1) * sizeof *sec->activities);
    for (size_t i = 0; i < n; i++) {
        const node *item = array_at(acts, i);
        if (item->kind != NODE_OBJECT)
            continue;
        plan_activity *act = read_activity(b, item, sec, in);
        sec->activities[sec->nactivities++] = act;
        add_activity(b, act);
    }

    const node *subs = node_get(obj, "sections");
    n = array_len(subs);
    sec->sections = arena_alloc(b->a, (n + 1) * sizeof *sec->sections);
    for (size_t i = 0; i < n; i++) {
        const node *item = array_at(subs, i);
        if (item->kind == NODE_OBJECT)
            sec->sections[sec->nsections++] = read_section(b, item, sec, in);
    }
    return sec;
}

plan_unit *plan_read_units(arena *a, const node *list, size_t *count)
{
    size_t n = array_len(list);
    *count = 0;
    if (!n)
        return NULL;
    plan_unit *units = arena_alloc(a, n * sizeof *units);
    for (size_t i = 0; i < n; i++) {
        const node *item = array_at(list, i);
        if (item->kind != NODE_OBJECT)
            continue;
        plan_unit *u = &units[(*count)++];
        u->at = item;
        u->id = plan_text_of(item, "id");
        u->name = plan_text_of(item, "name");
        u->parent = plan_text_of(item, "parent");
        u->aliases = plan_texts_of(a, node_get(item, "aliases"), &u->naliases);
    }
    return units;
}

/* The years the schema allows. A year beyond them (the schema says so) is
 * left out: nothing is scheduled over a million years. */
#define PLAN_YEAR_MIN 2000
#define PLAN_YEAR_MAX 2100

static bool is_plan_year(const node *n)
{
    return node_is_integer(n) && n->u.number.value >= PLAN_YEAR_MIN &&
           n->u.number.value <= PLAN_YEAR_MAX;
}

static void read_years(plan *p, const node *root)
{
    const node *year = node_get(root, "year");
    const node *span = node_get(root, "span");
    if (is_plan_year(year)) {
        p->year_from = p->year_to = (int)year->u.number.value;
        p->year_at = year;
    } else if (span && span->kind == NODE_OBJECT) {
        const node *from = node_get(span, "from"), *to = node_get(span, "to");
        if (is_plan_year(from) && is_plan_year(to)) {
            p->year_from = (int)from->u.number.value;
            p->year_to = (int)to->u.number.value;
            p->year_at = span;
        }
    }
}

static void read_basis(arena *a, plan *p, const node *root)
{
    const node *list = node_get(root, "basis");
    size_t n = array_len(list);
    p->basis = arena_alloc(a, (n + 1) * sizeof *p->basis);
    for (size_t i = 0; i < n; i++) {
        const node *item = array_at(list, i);
        if (item->kind != NODE_OBJECT)
            continue;
        plan_basis *bs = &p->basis[p->nbasis++];
        bs->at = item;
        bs->document = plan_text_of(item, "document");
        bs->date = plan_text_of(item, "date");
        bs->issuer = plan_text_of(item, "issuer");
        bs->about = plan_text_of(item, "about");
        bs->plan = plan_text_of(item, "plan");
    }
}

static void read_reports(arena *a, plan *p, const node *root)
{
    const node *list = node_get(root, "reports");
    size_t n = array_len(list);
    p->reports = arena_alloc(a, (n + 1) * sizeof *p->reports);
    for (size_t i = 0; i < n; i++) {
        const node *item = array_at(list, i);
        if (item->kind != NODE_OBJECT)
            continue;
        plan_report *r = &p->reports[p->nreports++];
        r->id = arena_printf(a, "BC%zu", p->nreports);
        r->at = item;
        r->by = units_of(a, item, "by");
        r->to = units_of(a, item, "to");
        r->what = plan_text_of(item, "what");
        r->due = plan_text_of(item, "due");
        r->when = plan_text_of(item, "when");
        r->text = plan_text_of(item, "text");
        r->every = node_get(item, "every");
        const node *day = node_get(item, "day");
        r->day = node_is_integer(day) ? (int)day->u.number.value : 0;
        r->on_request = node_bool_of(item, "on_request", false);
    }
}

bool plan_is_report_id(const char *id)
{
    if (strncmp(id, "BC", 2) != 0 || id[2] < '1' || id[2] > '9')
        return false;
    id += 3;
    while (*id >= '0' && *id <= '9')
        id++;
    return *id == '\0';
}

void plan_years_phrase(int from, int to, char *buf, size_t size)
{
    if (from == to)
        /* TRANSLATORS: the %s of "... outside %s", "... before %s" and
           "... after %s" in the messages about the plan's dates. */
        snprintf(buf, size, _("the plan's year %d"), from);
    else
        /* TRANSLATORS: as "the plan's year %d", for a plan of several
           years. */
        snprintf(buf, size, _("the plan's years %d-%d"), from, to);
}

plan *plan_build(arena *a, const source *src, const node *root)
{
    plan *p = arena_alloc(a, sizeof *p);
    p->src = src;
    p->root = root;
    if (!root || root->kind != NODE_OBJECT)
        return p;
    p->id = plan_text_of(root, "id");
    p->number = plan_text_of(root, "number");
    p->issuer = plan_text_of(root, "issuer");
    p->place = plan_text_of(root, "place");
    p->issued = plan_text_of(root, "issued");
    p->title = plan_text_of(root, "title");
    read_years(p, root);
    p->defaults = defaults_of(a, root);
    read_basis(a, p, root);
    read_reports(a, p, root);
    p->units = plan_read_units(a, node_get(root, "units"), &p->nunits);
    const node *signer = node_get(root, "signer");
    p->signer_name = plan_text_of(signer, "name");
    p->signer_title = plan_text_of(signer, "title");

    builder b = {a, p, 0, 0};
    inherited in = inherit((inherited){{0}, {0}, {0}}, &p->defaults);
    const node *secs = node_get(root, "sections");
    size_t n = array_len(secs);
    p->sections = arena_alloc(a, (n + 1) * sizeof *p->sections);
    for (size_t i = 0; i < n; i++) {
        const node *item = array_at(secs, i);
        if (item->kind == NODE_OBJECT)
            p->sections[p->nsections++] = read_section(&b, item, NULL, in);
    }
    return p;
}
