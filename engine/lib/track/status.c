/* status.c - status as of a date (see status.h).
 *
 * The log's usable records are bucketed by activity once, and an
 * activity's by occurrence; each occurrence then looks only at its own
 * records. An activity's state is its most pressing occurrence's: any
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

/* Later by date, then by place in the log. */
static bool later(const progress_record *a, const progress_record *b)
{
    int c = date_cmp(a->date, b->date);
    return c > 0 || (c == 0 && a->order > b->order);
}

status_occurrence status_of_occurrence(const when_window *w,
                                       const progress_record *const *records,
                                       size_t n, date as_of)
{
    status_occurrence o = {w, STATUS_OPEN, 0, NULL, 0};
    const progress_record *with_percent = NULL;
    for (size_t i = 0; i < n; i++) {
        const progress_record *r = records[i];
        if (date_cmp(r->date, as_of) > 0)
            continue;
        o.nrecords++;
        if (!o.last || later(r, o.last))
            o.last = r;
        if (r->percent >= 0 && (!with_percent || later(r, with_percent)))
            with_percent = r;
    }
    if (with_percent)
        o.percent = with_percent->percent;
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

static void measure_targets(arena *a, status_activity *s,
                            const progress_record *const *records, size_t n,
                            date as_of)
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
        const progress_record *best = NULL;
        double value = 0;
        for (size_t i = 0; i < n; i++) {
            const progress_record *r = records[i];
            if (date_cmp(r->date, as_of) > 0 || (best && !later(r, best)))
                continue;
            for (size_t v = 0; v < r->nvalues; v++)
                if (r->values[v].target == st->target) {
                    best = r;
                    value = r->values[v].value;
                }
        }
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
        if (best) {
            st->measured = true;
            st->actual = value;
            st->measured_on = best->date;
            st->track =
                value >= st->expected ? STATUS_TRACK_ON : STATUS_TRACK_BEHIND;
        }
    }
}

/* The state of each window of w from the records about them (each knows
 * its window by occurrence_index). */
static status_occurrence *occurrences_of(arena *a, const when *w,
                                         const progress_record *const *records,
                                         size_t n, date as_of)
{
    status_occurrence *out = arena_alloc(a, (w->count + 1) * sizeof *out);
    /* bucket the records by occurrence: counting sort on the index; start
     * and fill (where the next record of each goes) share one block */
    size_t *start = xcalloc(2 * (w->count + 1), sizeof *start),
           *fill = start + w->count + 1;
    for (size_t i = 0; i < n; i++)
        start[records[i]->occurrence_index + 1]++;
    for (size_t k = 0; k < w->count; k++)
        start[k + 1] += start[k];
    memcpy(fill, start, (w->count + 1) * sizeof *fill);
    const progress_record **mine = xmalloc((n + 1) * sizeof *mine);
    for (size_t i = 0; i < n; i++)
        mine[fill[records[i]->occurrence_index]++] = records[i];
    for (size_t k = 0; k < w->count; k++)
        out[k] = status_of_occurrence(&w->windows[k], mine + start[k],
                                      start[k + 1] - start[k], as_of);
    free(mine);
    free(start);
    return out;
}

static void compute_activity(arena *a, status_activity *s,
                             const plan_activity *act,
                             const progress_record *const *records, size_t n,
                             date as_of)
{
    s->activity = act;
    s->noccurrences = act->schedule.count;
    s->occurrences = occurrences_of(a, &act->schedule, records, n, as_of);
    for (size_t i = 0; i < n; i++) {
        const progress_record *r = records[i];
        if (date_cmp(r->date, as_of) > 0)
            continue;
        if (!s->last || later(r, s->last))
            s->last = r;
        if (r->note.s && (!s->last_note || later(r, s->last_note)))
            s->last_note = r;
    }
    rolled r = rollup(s->occurrences, s->noccurrences);
    s->state = r.state;
    s->due = r.due;
    s->percent = r.percent;
    measure_targets(a, s, records, n, as_of);
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

/* A usable record's bucket: its activity's, or after them its report's. */
static size_t slot_of(const plan *p, const progress_record *r)
{
    return r->of_report ? p->nactivities + r->report_index : r->activity_index;
}

void status_compute(arena *a, const plan *p, const progress_log *log,
                    date as_of, const status_scope *scope, status_plan *out)
{
    memset(out, 0, sizeof *out);
    out->plan = p;
    out->as_of = as_of;
    out->nactivities = p->nactivities;
    out->activities =
        arena_alloc(a, (p->nactivities + 1) * sizeof *out->activities);

    /* bucket the usable records by activity, then by report: counting
     * sort on the slot */
    size_t nslots = p->nactivities + p->nreports;
    size_t nrec = log ? log->count : 0;
    size_t *start = xcalloc(nslots + 1, sizeof *start);
    for (size_t i = 0; i < nrec; i++)
        if (log->records[i].usable)
            start[slot_of(p, &log->records[i]) + 1]++;
    for (size_t k = 0; k < nslots; k++)
        start[k + 1] += start[k];
    const progress_record **bucket =
        xmalloc((start[nslots] + 1) * sizeof *bucket);
    size_t *fill = xmalloc((nslots + 1) * sizeof *fill);
    memcpy(fill, start, (nslots + 1) * sizeof *fill);
    for (size_t i = 0; i < nrec; i++)
        if (log->records[i].usable)
            bucket[fill[slot_of(p, &log->records[i])]++] = &log->records[i];

    for (size_t k = 0; k < p->nactivities; k++) {
        compute_activity(a, &out->activities[k], p->activities[k],
                         bucket + start[k], start[k + 1] - start[k], as_of);
        place_in_scope(&out->activities[k], scope);
        count(&out->counts, &out->activities[k]);
    }
    out->nduties = p->nreports;
    out->duties = arena_alloc(a, (p->nreports + 1) * sizeof *out->duties);
    for (size_t k = 0; k < p->nreports; k++) {
        size_t slot = p->nactivities + k;
        status_duty *d = &out->duties[k];
        d->report = &p->reports[k];
        d->noccurrences = p->reports[k].schedule.count;
        d->occurrences =
            occurrences_of(a, &p->reports[k].schedule, bucket + start[slot],
                           start[slot + 1] - start[slot], as_of);
        rolled r = rollup(d->occurrences, d->noccurrences);
        d->state = r.state;
        d->due = r.due;
        for (size_t i = start[slot]; i < start[slot + 1]; i++)
            if (date_cmp(bucket[i]->date, as_of) <= 0 &&
                (!d->last || later(bucket[i], d->last)))
                d->last = bucket[i];
        d->in_scope =
            !scope || !scope->unit || any_names(scope, &d->report->by);
    }
    free(fill);
    free(bucket);
    free(start);
    count_sections(a, out);
    out->registry = scope ? scope->registry : NULL;
    count_leads(a, out, out->registry);
}
