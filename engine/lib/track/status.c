/* status.c - status as of a date (see status.h).
 *
 * The log's usable records are folded in one at a time (status_fold):
 * each goes to its activity's (or report's) slot and its occurrence's
 * tally, which keep only what the status needs: the latest record (a
 * copy, shared by the places that hold it and freed when none does), a
 * count, the latest percent, the latest value of each target. Memory is
 * the plan's size, however long the log; status_compute() is the fold of
 * a whole log. An activity's state is its most pressing occurrence's: any
 * overdue one first; else, when every occurrence is finished, cancelled /
 * done late / done; else the first unfinished occurrence by due date.
 * Targets compare the latest measured value with what the due date asks:
 * a rate ("%") should hold at once; a count should grow with the time
 * elapsed from the start of the activity's first window to the due date
 * of its last. */
#include "status.h"

#include "strmap.h"
#include "xalloc.h"

#include <math.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

const char *const status_state_names[STATUS_NSTATES] = {
    "planned",   "open",    "in-progress", "done",
    "done-late", "overdue", "cancelled",
};

static const char *const labels[STATUS_NSTATES] = {
    "Chưa đến kỳ",     "Đang mở", "Đang thực hiện", "Hoàn thành",
    "Hoàn thành muộn", "Quá hạn", "Hủy bỏ",
};

/* the same, within a sentence */
static const char *const words[STATUS_NSTATES] = {
    "chưa đến kỳ",     "đang mở", "đang thực hiện", "hoàn thành",
    "hoàn thành muộn", "quá hạn", "hủy bỏ",
};

const char *status_state_name(status_state s)
{
    return status_state_names[s];
}

const char *status_state_label(status_state s)
{
    return labels[s];
}

const char *status_state_words(status_state s)
{
    return words[s];
}

bool status_is_finished(status_state s)
{
    return s == STATUS_DONE || s == STATUS_DONE_LATE || s == STATUS_CANCELLED;
}

const progress_record *status_done_record(const status_occurrence *o)
{
    bool done = o->state == STATUS_DONE || o->state == STATUS_DONE_LATE;
    return done ? o->last : NULL;
}

/* Later than a record of that date and place in the log: by date, then
 * by place. */
static bool later_than(const progress_record *r, date on, size_t order)
{
    int c = date_cmp(r->date, on);
    return c > 0 || (c == 0 && r->order > order);
}

static bool later(const progress_record *a, const progress_record *b)
{
    return later_than(a, b->date, b->order);
}

/* What an occurrence's state is made of, taken in from its records one by
 * one (each dated on or before the date asked about). */
typedef struct tally {
    const progress_record *last; /* latest record */
    size_t nrecords;
    bool has_percent; /* the latest record that gives a percent: */
    date percent_on;
    size_t percent_order;
    int percent;
} tally;

/* Counts r in; returns whether r is now the latest record, which the
 * caller then stores in t->last (as it is, or a copy). */
static bool tally_add(tally *t, const progress_record *r)
{
    t->nrecords++;
    if (r->percent >= 0 &&
        (!t->has_percent || later_than(r, t->percent_on, t->percent_order))) {
        t->has_percent = true;
        t->percent_on = r->date;
        t->percent_order = r->order;
        t->percent = r->percent;
    }
    return !t->last || later(r, t->last);
}

static status_occurrence occurrence_state(const when_window *w, const tally *t,
                                          date as_of)
{
    status_occurrence o = {w, STATUS_OPEN, 0, t->last, t->nrecords};
    if (t->has_percent)
        o.percent = t->percent;
    if (o.last && o.last->state == PROGRESS_CANCELLED) {
        o.state = STATUS_CANCELLED;
    } else if (o.last && o.last->state == PROGRESS_DONE) {
        o.state = date_cmp(o.last->date, w->due) <= 0 ? STATUS_DONE
                                                      : STATUS_DONE_LATE;
        o.percent = 100;
    } else if (date_cmp(w->due, as_of) < 0) {
        o.state = STATUS_OVERDUE;
    } else if (o.last) {
        o.state = STATUS_IN_PROGRESS;
    } else if (date_cmp(w->from, as_of) > 0) {
        o.state = STATUS_PLANNED;
    }
    return o;
}

status_occurrence status_of_occurrence(const when_window *w,
                                       const progress_record *const *records,
                                       size_t n, date as_of)
{
    tally t = {0};
    for (size_t i = 0; i < n; i++)
        if (date_cmp(records[i]->date, as_of) <= 0 && tally_add(&t, records[i]))
            t.last = records[i];
    return occurrence_state(w, &t, as_of);
}

/* --- activities ------------------------------------------------------- */

/* What a list of occurrences adds up to (see status.h). */
typedef struct rolled {
    status_state state;
    date due; /* of the occurrence that sets state */
    int percent;
} rolled;

static rolled rollup(const status_occurrence *occ, size_t n)
{
    size_t finished = 0, cancelled = 0, late = 0;
    const status_occurrence *first_open = NULL, *first_overdue = NULL;
    long percent = 0;
    size_t counted = 0;
    for (size_t i = 0; i < n; i++) {
        const status_occurrence *o = &occ[i];
        if (o->state == STATUS_OVERDUE && !first_overdue)
            first_overdue = o;
        if (status_is_finished(o->state)) {
            finished++;
            cancelled += o->state == STATUS_CANCELLED;
            late += o->state == STATUS_DONE_LATE;
        } else if (!first_open) {
            first_open = o;
        }
        if (o->state != STATUS_CANCELLED) {
            percent += o->percent;
            counted++;
        }
    }
    rolled r = {STATUS_PLANNED, {0, 0, 0}, 0};
    r.percent =
        counted ? (int)((percent + (long)counted / 2) / (long)counted) : 0;
    if (n == 0) {
        r.state = STATUS_PLANNED; /* unscheduled: validation said why */
    } else if (first_overdue) {
        r.state = STATUS_OVERDUE;
        r.due = first_overdue->window->due;
    } else if (finished == n) {
        r.state = cancelled == finished ? STATUS_CANCELLED
                  : late                ? STATUS_DONE_LATE
                                        : STATUS_DONE;
        r.due = occ[n - 1].window->due;
    } else {
        r.state = first_open->state;
        r.due = first_open->window->due;
    }
    return r;
}

/* The latest value measured of one target. */
typedef struct measure {
    bool measured;
    date on;
    size_t order;
    double value;
} measure;

/* Takes in r's value of target, when r is the latest record that gives
 * one (dated on or before the date asked about); of two values of it in
 * one record, the later. */
static void measure_add(measure *m, const plan_target *target,
                        const progress_record *r)
{
    if (m->measured && !later_than(r, m->on, m->order))
        return;
    for (size_t v = 0; v < r->nvalues; v++)
        if (r->values[v].target == target) {
            m->measured = true;
            m->on = r->date;
            m->order = r->order;
            m->value = r->values[v].value;
        }
}

static void measure_targets(arena *a, status_activity *s,
                            const measure *measures, date as_of)
{
    const plan_activity *act = s->activity;
    s->ntargets = act->ntargets;
    s->targets = arena_alloc(a, (act->ntargets + 1) * sizeof *s->targets);
    date from = {0}, due = {0};
    if (act->schedule.count) {
        from = act->schedule.windows[0].from;
        due = act->schedule.windows[act->schedule.count - 1].due;
        for (size_t i = 0; i < act->schedule.count; i++)
            if (date_cmp(act->schedule.windows[i].from, from) < 0)
                from = act->schedule.windows[i].from;
    }
    for (size_t t = 0; t < act->ntargets; t++) {
        status_target *st = &s->targets[t];
        st->target = &act->targets[t];
        st->accumulates =
            !(st->target->unit.s && strcmp(st->target->unit.s, "%") == 0);
        double goal = isnan(st->target->value) ? 0 : st->target->value;
        st->expected = goal;
        if (st->accumulates && act->schedule.count) {
            double total =
                (double)date_span_days((date_span){.from = from, .to = due}) +
                1;
            double elapsed =
                (double)date_span_days((date_span){.from = from, .to = as_of}) +
                1;
            double share = elapsed <= 0       ? 0
                           : elapsed >= total ? 1
                                              : elapsed / total;
            st->expected = goal * share;
        }
        if (measures[t].measured) {
            st->measured = true;
            st->actual = measures[t].value;
            st->measured_on = measures[t].on;
            st->track = st->actual >= st->expected ? STATUS_TRACK_ON
                                                   : STATUS_TRACK_BEHIND;
        }
    }
}

/* --- roll-ups ----------------------------------------------------------- */

static void count(status_counts *c, const status_activity *s)
{
    if (!s->in_scope)
        return;
    c->n[s->state]++;
    c->total++;
    if (s->state != STATUS_CANCELLED) {
        c->percent_sum += s->percent;
        c->percent_count++;
    }
}

int status_counts_percent(const status_counts *c)
{
    if (!c->percent_count)
        return 0;
    return (int)((c->percent_sum + (long)c->percent_count / 2) /
                 (long)c->percent_count);
}

void status_counts_add(status_counts *to, const status_counts *from)
{
    for (int i = 0; i < STATUS_NSTATES; i++)
        to->n[i] += from->n[i];
    to->total += from->total;
    to->percent_sum += from->percent_sum;
    to->percent_count += from->percent_count;
}

static void count_sections(arena *a, status_plan *out)
{
    const plan *p = out->plan;
    out->nsections = p->nall_sections;
    out->sections =
        arena_alloc(a, (p->nall_sections + 1) * sizeof *out->sections);
    for (size_t i = 0; i < p->nall_sections; i++) {
        const plan_section *sec = p->all_sections[i];
        out->sections[i].section = sec;
        out->sections[i].name =
            arena_printf(a, "%s %s", sec->id.s ? sec->id.s : "",
                         sec->title.s ? sec->title.s : "");
    }
    for (size_t k = 0; k < out->nactivities; k++)
        for (const plan_section *sec = p->activities[k]->section; sec;
             sec = sec->parent)
            count(&out->sections[sec->index].counts, &out->activities[k]);
}

/* A lead unit's group while they are counted. */
typedef struct lead_slot {
    size_t index; /* in out->leads */
    size_t last;  /* 1 + the last activity counted in it */
} lead_slot;

/* The slot of the group of a lead as written: its registered unit's (in
 * slots[0], by the unit's address), or that of the names with its loose
 * key (in slots[1]); made when new. registry: NULL when the plan has
 * none. */
static lead_slot *lead_group(arena *a, status_plan *out, strmap *slots,
                             size_t *cap, const orgunits *registry,
                             const char *name)
{
    orgunits_match m = {UNITS_UNKNOWN, NULL, NULL, false};
    if (registry)
        m = orgunits_lookup(registry, name);
    const plan_unit *u = m.verdict == UNITS_FOUND ? m.unit : NULL;
    char *key = u ? NULL : orgunits_loose_key(name);
    size_t len = u ? sizeof u : strlen(key);
    const char *bytes = u ? (const char *)&u : key;
    strmap *map = &slots[u ? 0 : 1];
    lead_slot *slot = strmap_get(map, bytes, len);
    if (!slot) {
        ARENA_ROOM(a, out->leads, out->nleads, *cap, 8);
        status_group *g = &out->leads[out->nleads];
        g->unit = u;
        g->name = !u ? name : u->name.s ? u->name.s : u->id.s ? u->id.s : name;
        g->unregistered = m.verdict == UNITS_UNKNOWN && registry;
        slot = arena_alloc(a, sizeof *slot);
        slot->index = out->nleads++;
        strmap_put(a, map, arena_strndup(a, bytes, len), len, slot);
    }
    free(key);
    return slot;
}

/* Each activity counts once in the group of every unit that leads it. */
static void count_leads(arena *a, status_plan *out, const orgunits *registry)
{
    size_t cap = 0;
    strmap slots[2] = {{NULL, 0, 0}, {NULL, 0, 0}};
    if (!orgunits_count(registry))
        registry = NULL;
    for (size_t k = 0; k < out->nactivities; k++) {
        status_activity *act = &out->activities[k];
        const plan_units *lead = &act->activity->lead;
        act->leads = arena_alloc(a, (lead->count + 1) * sizeof *act->leads);
        for (size_t u = 0; u < lead->count; u++) {
            lead_slot *slot =
                lead_group(a, out, slots, &cap, registry, lead->items[u].s);
            if (slot->last == k + 1)
                continue;
            slot->last = k + 1;
            act->leads[act->nleads++] = slot->index;
            count(&out->leads[slot->index].counts, act);
        }
    }
}

static bool any_names(const status_scope *scope, const plan_units *u)
{
    for (size_t i = 0; i < u->count; i++)
        if (orgunits_names(scope->registry, u->items[i].s, scope->unit))
            return true;
    return false;
}

static void place_in_scope(status_activity *s, const status_scope *scope)
{
    s->in_scope = true;
    if (!scope || !scope->unit || any_names(scope, &s->activity->lead))
        return;
    s->as_partner = any_names(scope, &s->activity->partners);
    s->in_scope = s->as_partner;
}

/* --- the fold ------------------------------------------------------------ */

/* A record the fold keeps: one malloc'd block, the copy at its end, shared
 * by every place that holds it and freed when the last one lets go. */
typedef struct kept {
    size_t holders;
    progress_record *settled; /* its copy in the arena of the status, once
                                 made (status_fold_finish) */
    alignas(max_align_t) progress_record rec;
} kept;

static kept *kept_of(const progress_record *r)
{
    return (kept *)((char *)r - offsetof(kept, rec));
}

/* What the status keeps of an activity's records, or a report's. */
typedef struct fold_slot {
    tally *occurrences;               /* as its schedule's windows */
    const progress_record *last;      /* kept copies, or NULL */
    const progress_record *last_note; /* an activity's only */
    measure *measures;                /* as its targets; an activity's only */
} fold_slot;

struct status_fold {
    const plan *plan;
    date as_of;
    arena *own;       /* the slots: as big as the plan */
    fold_slot *slots; /* as plan->activities, then plan->reports */
    size_t live;      /* kept records not yet freed */
};

/* A record's slot: its activity's, or after them its report's. */
static size_t slot_of(const plan *p, const progress_record *r)
{
    return r->of_report ? p->nactivities + r->report_index : r->activity_index;
}

status_fold *status_fold_new(const plan *p, date as_of)
{
    status_fold *f = xcalloc(1, sizeof *f);
    f->plan = p;
    f->as_of = as_of;
    f->own = arena_new();
    size_t nslots = p->nactivities + p->nreports;
    f->slots = arena_alloc(f->own, (nslots + 1) * sizeof *f->slots);
    for (size_t k = 0; k < nslots; k++) {
        const when *w = k < p->nactivities
                            ? &p->activities[k]->schedule
                            : &p->reports[k - p->nactivities].schedule;
        f->slots[k].occurrences =
            arena_alloc(f->own, (w->count + 1) * sizeof(tally));
        if (k < p->nactivities)
            f->slots[k].measures =
                arena_alloc(f->own,
                            (p->activities[k]->ntargets + 1) * sizeof(measure));
    }
    return f;
}

static void let_go(status_fold *f, const progress_record *r)
{
    if (!r)
        return;
    kept *k = kept_of(r);
    if (--k->holders == 0) {
        free(k);
        f->live--;
    }
}

/* Makes *held the kept copy of rec (made for its first holder, in *copy),
 * letting go of the record it held. */
static void hold(status_fold *f, const progress_record **held,
                 const progress_record *rec, kept **copy)
{
    if (!*copy) {
        *copy = xmalloc(offsetof(kept, rec) + progress_record_copy_size(rec));
        (*copy)->holders = 0;
        (*copy)->settled = NULL;
        progress_record_copy_to(&(*copy)->rec, rec);
        f->live++;
    }
    (*copy)->holders++;
    const progress_record *was = *held;
    *held = &(*copy)->rec;
    let_go(f, was);
}

void status_fold_add(status_fold *f, const progress_record *rec)
{
    if (!rec->usable || date_cmp(rec->date, f->as_of) > 0)
        return;
    fold_slot *s = &f->slots[slot_of(f->plan, rec)];
    kept *copy = NULL;
    tally *t = &s->occurrences[rec->occurrence_index];
    if (tally_add(t, rec))
        hold(f, &t->last, rec, &copy);
    if (!s->last || later(rec, s->last))
        hold(f, &s->last, rec, &copy);
    if (rec->of_report)
        return;
    if (rec->note.s && (!s->last_note || later(rec, s->last_note)))
        hold(f, &s->last_note, rec, &copy);
    const plan_activity *act = f->plan->activities[rec->activity_index];
    for (size_t k = 0; k < act->ntargets; k++)
        measure_add(&s->measures[k], &act->targets[k], rec);
}

size_t status_fold_copies(const status_fold *f)
{
    return f->live;
}

/* The copy in a of a kept record (made once, however many hold it); lets
 * go of the kept one. */
static const progress_record *settle(status_fold *f, arena *a,
                                     const progress_record *r)
{
    if (!r)
        return NULL;
    kept *k = kept_of(r);
    if (!k->settled)
        k->settled = progress_record_copy(a, &k->rec);
    const progress_record *copy = k->settled;
    let_go(f, r);
    return copy;
}

/* The occurrences' states from their tallies, their records settled in a. */
static status_occurrence *settle_occurrences(status_fold *f, arena *a,
                                             const when *w, tally *tallies)
{
    status_occurrence *out = arena_alloc(a, (w->count + 1) * sizeof *out);
    for (size_t k = 0; k < w->count; k++) {
        out[k] = occurrence_state(&w->windows[k], &tallies[k], f->as_of);
        out[k].last = settle(f, a, tallies[k].last);
    }
    return out;
}

void status_fold_finish(status_fold *f, arena *a, const status_scope *scope,
                        status_plan *out)
{
    const plan *p = f->plan;
    memset(out, 0, sizeof *out);
    out->plan = p;
    out->as_of = f->as_of;
    out->nactivities = p->nactivities;
    out->activities =
        arena_alloc(a, (p->nactivities + 1) * sizeof *out->activities);
    for (size_t k = 0; k < p->nactivities; k++) {
        status_activity *s = &out->activities[k];
        fold_slot *slot = &f->slots[k];
        s->activity = p->activities[k];
        s->noccurrences = s->activity->schedule.count;
        s->occurrences =
            settle_occurrences(f, a, &s->activity->schedule, slot->occurrences);
        s->last = settle(f, a, slot->last);
        s->last_note = settle(f, a, slot->last_note);
        rolled r = rollup(s->occurrences, s->noccurrences);
        s->state = r.state;
        s->due = r.due;
        s->percent = r.percent;
        measure_targets(a, s, slot->measures, f->as_of);
        place_in_scope(s, scope);
        count(&out->counts, s);
    }
    out->nduties = p->nreports;
    out->duties = arena_alloc(a, (p->nreports + 1) * sizeof *out->duties);
    for (size_t k = 0; k < p->nreports; k++) {
        status_duty *d = &out->duties[k];
        fold_slot *slot = &f->slots[p->nactivities + k];
        d->report = &p->reports[k];
        d->noccurrences = d->report->schedule.count;
        d->occurrences =
            settle_occurrences(f, a, &d->report->schedule, slot->occurrences);
        d->last = settle(f, a, slot->last);
        rolled r = rollup(d->occurrences, d->noccurrences);
        d->state = r.state;
        d->due = r.due;
        d->in_scope =
            !scope || !scope->unit || any_names(scope, &d->report->by);
    }
    arena_free(f->own);
    free(f);
    count_sections(a, out);
    out->registry = scope ? scope->registry : NULL;
    count_leads(a, out, out->registry);
}

void status_compute(arena *a, const plan *p, const progress_log *log,
                    date as_of, const status_scope *scope, status_plan *out)
{
    status_fold *f = status_fold_new(p, as_of);
    for (size_t i = 0; log && i < log->count; i++)
        status_fold_add(f, &log->records[i]);
    status_fold_finish(f, a, scope, out);
}
