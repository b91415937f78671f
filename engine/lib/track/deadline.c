/* deadline.c - what is due, and what is late (see deadline.h).
 *
 * Every item takes its state from the plan's status (status.h), progress
 * records included: a finished activity's occurrence, or a report sent,
 * is no longer due. A reporting duty has no id of its own ("BC1" is its
 * place), so the key a calendar knows it by is made of what it is.
 *
 * A spooled item is a record: its numbers and dates as one struct
 * (record_head), then each of its strings as a 32-bit length (NO_STRING
 * for NULL), its bytes and a NUL, so that a record read back points into
 * itself. */
#include "deadline.h"

#include "fileio.h"
#include "sha256.h"
#include "strbuf.h"
#include "tempfile.h"
#include "xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void deadline_list_init(deadline_list *l)
{
    memset(l, 0, sizeof *l);
    l->a = arena_new();
}

void deadline_list_release(deadline_list *l)
{
    free(l->items);
    arena_free(l->a);
    memset(l, 0, sizeof *l);
}

void deadline_list_clear(deadline_list *l)
{
    arena_free(l->a);
    l->a = arena_new();
    l->count = 0;
}

static const char *copy(deadline_list *l, const char *s)
{
    return s ? arena_strdup(l->a, s) : NULL;
}

/* "A; B; C" from a list of unit names, by their registered names (ids:
 * their ids); NULL when there is none. */
static const char *joined(deadline_list *l, const orgunits *r,
                          const plan_units *u, bool ids)
{
    strbuf sb = STRBUF_INIT;
    orgunits_join(r, u, ids, &sb);
    const char *s = sb.len ? arena_strdup(l->a, strbuf_str(&sb)) : NULL;
    strbuf_release(&sb);
    return s;
}

/* The same as a list, copied into l. */
static deadline_units listed(deadline_list *l, const orgunits *r,
                             const plan_units *u)
{
    orgunits_named *named = xmalloc((u->count + 1) * sizeof *named);
    deadline_units out = {0};
    out.nnames = orgunits_distinct(r, u, named);
    out.names = arena_alloc(l->a, (out.nnames + 1) * sizeof *out.names);
    out.ids = arena_alloc(l->a, (out.nnames + 1) * sizeof *out.ids);
    for (size_t i = 0; i < out.nnames; i++) {
        out.names[i] = copy(l, named[i].name);
        if (named[i].id)
            out.ids[out.nids++] = copy(l, named[i].id);
    }
    free(named);
    return out;
}

static bool any_names(const orgunits *r, const plan_units *u, const char *query)
{
    for (size_t i = 0; i < u->count; i++)
        if (orgunits_names(r, u->items[i].s, query))
            return true;
    return false;
}

/* Whether the query keeps an item with these units, and in which role. */
static bool keep_unit(const deadline_query *q, const orgunits *r,
                      const plan_units *lead, const plan_units *partners,
                      deadline_role *role)
{
    *role = DEADLINE_LEAD;
    if (!q->unit)
        return true;
    if (q->role != DEADLINE_PARTNER_ONLY && any_names(r, lead, q->unit))
        return true;
    if (q->role != DEADLINE_LEAD_ONLY && partners &&
        any_names(r, partners, q->unit)) {
        *role = DEADLINE_PARTNER;
        return true;
    }
    return false;
}

static deadline_state from_status(status_state s)
{
    switch (s) {
    case STATUS_PLANNED:
        return DEADLINE_PLANNED;
    case STATUS_IN_PROGRESS:
        return DEADLINE_IN_PROGRESS;
    case STATUS_OVERDUE:
        return DEADLINE_OVERDUE;
    default:
        return DEADLINE_OPEN;
    }
}

static void add(deadline_list *l, deadline_item item, const when_window *w,
                const deadline_query *q, const status_occurrence *status)
{
    if (status_is_finished(status->state) && !q->finished)
        return;
    item.key = copy(l, w->key);
    item.label = copy(l, w->label);
    item.note = copy(l, w->note);
    item.from = w->from;
    item.to = w->to;
    item.due = w->due;
    item.days_left =
        date_span_days((date_span){.from = q->as_of, .to = w->due});
    item.state = from_status(status->state);
    item.status = status->state;
    item.records = status->nrecords;
    if (status->last)
        item.changed = status->last->date;
    if (item.state != DEADLINE_OVERDUE && q->has_until &&
        date_cmp(w->due, q->until) > 0)
        return;
    ARRAY_ROOM(l->items, l->count, l->cap, 64);
    item.order = l->count;
    l->items[l->count++] = item;
}

/* What an item says, copied into l: its title and time as written, its
 * lead and partners joined and listed. */
static void item_says(deadline_list *l, deadline_item *item, const orgunits *r,
                      const plan_text *title, const plan_units *lead,
                      const plan_units *partners, const plan_text *time)
{
    item->title = copy(l, title->s);
    item->lead = joined(l, r, lead, false);
    item->partners = joined(l, r, partners, false);
    item->lead_ids = joined(l, r, lead, true);
    item->partner_ids = joined(l, r, partners, true);
    item->lead_list = listed(l, r, lead);
    item->partner_list = listed(l, r, partners);
    item->time = copy(l, time->s);
}

/* The item once for each window of its schedule, with the status of each
 * in statuses. */
static void add_occurrences(deadline_list *l, deadline_item item,
                            const when *schedule, const deadline_query *q,
                            const status_occurrence *statuses)
{
    item.occurrences = schedule->count;
    for (size_t k = 0; k < schedule->count; k++) {
        item.occurrence = k + 1;
        add(l, item, &schedule->windows[k], q, &statuses[k]);
    }
}

/* What a reporting duty is, for its key: who reports and to whom (each
 * unit by its registered id, else as written), and its schedule as
 * written; with_what adds what it reports on. Fields end in US (0x1F),
 * the units of a field in RS (0x1E), so no two contents read alike. */
static void duty_content(strbuf *sb, const orgunits *r, const plan_report *d,
                         bool with_what)
{
    const plan_units *units[2] = {&d->by, &d->to};
    for (size_t k = 0; k < 2; k++) {
        orgunits_named *named = xmalloc((units[k]->count + 1) * sizeof *named);
        size_t n = orgunits_distinct(r, units[k], named);
        for (size_t i = 0; i < n; i++)
            strbuf_printf(sb, "%s\x1e",
                          named[i].id ? named[i].id : named[i].name);
        free(named);
        strbuf_putc(sb, 0x1f);
    }
    const node *every = d->every;
    size_t nevery = every && every->kind == NODE_ARRAY ? every->u.array.count
                    : every                            ? 1
                                                       : 0;
    for (size_t i = 0; i < nevery; i++) {
        const char *s = node_str(
            every->kind == NODE_ARRAY ? every->u.array.items[i] : every);
        strbuf_printf(sb, "%s\x1e", s ? s : "");
    }
    strbuf_printf(sb, "\x1f%s\x1f%s\x1f%d\x1f", d->due.s ? d->due.s : "",
                  d->when.s ? d->when.s : "", d->day);
    if (with_what)
        strbuf_printf(sb, "%s\x1f", d->what.s ? d->what.s : "");
}

/* The first 16 hex digits of the SHA-256 of a duty's content. */
static void duty_hash(const orgunits *r, const plan_report *d, bool with_what,
                      char out[17])
{
    strbuf sb = STRBUF_INIT;
    duty_content(&sb, r, d, with_what);
    sha256 h;
    char hex[65];
    sha256_init(&h);
    sha256_update(&h, sb.buf ? sb.buf : "", sb.len);
    sha256_hex(&h, hex);
    memcpy(out, hex, 16);
    out[16] = '\0';
    strbuf_release(&sb);
}

/* The key of each of the plan's duties (see deadline_item.duty_key): by
 * who, to whom and when; by what too where two duties share those; and a
 * count after a duty's copies, which are alike in everything, so which is
 * which does not matter. */
static const char **duty_keys(deadline_list *l, const plan *p,
                              const orgunits *r)
{
    size_t n = p->nreports;
    const char **keys = arena_alloc(l->a, (n + 1) * sizeof *keys);
    char(*base)[17] = xmalloc((n + 1) * sizeof *base);
    char(*full)[17] = xmalloc((n + 1) * sizeof *full);
    for (size_t i = 0; i < n; i++) {
        duty_hash(r, &p->reports[i], false, base[i]);
        duty_hash(r, &p->reports[i], true, full[i]);
    }
    for (size_t i = 0; i < n; i++) {
        bool shared = false;
        size_t copies = 0;
        for (size_t j = 0; j < n; j++) {
            if (j == i || strcmp(base[j], base[i]) != 0)
                continue;
            shared = true;
            copies += j < i && strcmp(full[j], full[i]) == 0;
        }
        if (!shared)
            keys[i] = arena_strdup(l->a, base[i]);
        else if (!copies)
            keys[i] = arena_strdup(l->a, full[i]);
        else
            keys[i] = arena_printf(l->a, "%s-%zu", full[i], copies + 1);
    }
    free(base);
    free(full);
    return keys;
}

void deadline_add_plan(deadline_list *l, const plan *p, const char *file,
                       const orgunits *registry, const status_plan *status,
                       const deadline_query *q)
{
    const char *plan_id = copy(l, p->id.s);
    const char *plan_file = copy(l, file);
    for (size_t i = 0; i < p->nactivities; i++) {
        const plan_activity *a = p->activities[i];
        deadline_role role;
        if (!a->schedule.count ||
            !keep_unit(q, registry, &a->lead, &a->partners, &role))
            continue;
        deadline_item item = {.kind = DEADLINE_ACTIVITY,
                              .activity_id = copy(l, a->id.s),
                              .plan_id = plan_id,
                              .plan_file = plan_file,
                              .role = role};
        item_says(l, &item, registry, &a->title, &a->lead, &a->partners,
                  &a->time);
        add_occurrences(l, item, &a->schedule, q,
                        status->activities[i].occurrences);
    }
    const char **duty_key = duty_keys(l, p, registry);
    for (size_t i = 0; i < p->nreports; i++) {
        const plan_report *r = &p->reports[i];
        deadline_role role;
        if (!r->schedule.count || !keep_unit(q, registry, &r->by, NULL, &role))
            continue;
        deadline_item item = {.kind = DEADLINE_REPORT,
                              .activity_id = copy(l, r->id),
                              .duty = i + 1,
                              .duty_key = duty_key[i],
                              .plan_id = plan_id,
                              .plan_file = plan_file,
                              .role = role};
        item_says(l, &item, registry, &r->what, &r->by, &r->to, &r->when);
        add_occurrences(l, item, &r->schedule, q,
                        status->duties[i].occurrences);
    }
}

static int cmp_item(const void *pa, const void *pb)
{
    const deadline_item *a = pa, *b = pb;
    int c = date_cmp(a->due, b->due);
    if (c)
        return c;
    return a->order < b->order ? -1 : a->order > b->order;
}

void deadline_sort(deadline_list *l)
{
    /* overdue items are due earliest, so by due date they come first, and
     * the most overdue first */
    if (l->count > 1)
        qsort(l->items, l->count, sizeof *l->items, cmp_item);
}

/* --- the spool --------------------------------------------------------- */

#define NO_STRING UINT32_MAX

typedef struct record_head {
    int kind, state, status, role;
    size_t duty, occurrence, occurrences, records, order;
    long days_left;
    date from, to, due, changed;
    size_t nlead_names, nlead_ids, npartner_names, npartner_ids;
} record_head;

void deadline_spool_init(deadline_spool *s)
{
    memset(s, 0, sizeof *s);
    s->fd = -1;
    s->keys_fd = -1;
    s->run_keys = DEADLINE_RUN_KEYS;
}

static void merge_free(deadline_merge *m);

void deadline_spool_release(deadline_spool *s)
{
    strbuf_release(&s->held);
    if (s->fd >= 0)
        close(s->fd);
    if (s->keys_fd >= 0)
        close(s->keys_fd);
    free(s->keys);
    free(s->runs);
    merge_free(s->merge);
    free(s->record);
    free(s->units);
    deadline_spool_init(s);
}

static void put_string(strbuf *sb, const char *str)
{
    size_t n = str ? strlen(str) : 0;
    uint32_t len = str && n < NO_STRING ? (uint32_t)n : NO_STRING;
    strbuf_add(sb, (const char *)&len, sizeof len);
    if (len != NO_STRING) {
        strbuf_add(sb, str, len);
        strbuf_putc(sb, '\0');
    }
}

static void put_strings(strbuf *sb, const char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put_string(sb, list[i]);
}

static void put_record(strbuf *sb, const deadline_item *it, size_t order)
{
    record_head h;
    memset(&h, 0, sizeof h); /* padding included: the bytes are written */
    h.kind = (int)it->kind;
    h.state = (int)it->state;
    h.status = (int)it->status;
    h.role = (int)it->role;
    h.duty = it->duty;
    h.occurrence = it->occurrence;
    h.occurrences = it->occurrences;
    h.records = it->records;
    h.order = order;
    h.days_left = it->days_left;
    h.from = it->from;
    h.to = it->to;
    h.due = it->due;
    h.changed = it->changed;
    h.nlead_names = it->lead_list.nnames;
    h.nlead_ids = it->lead_list.nids;
    h.npartner_names = it->partner_list.nnames;
    h.npartner_ids = it->partner_list.nids;
    strbuf_add(sb, (const char *)&h, sizeof h);
    const char *const strings[] = {
        it->plan_id, it->plan_file, it->activity_id, it->duty_key,    it->title,
        it->lead,    it->partners,  it->lead_ids,    it->partner_ids, it->time,
        it->key,     it->label,     it->note,
    };
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
        put_string(sb, strings[i]);
    put_strings(sb, it->lead_list.names, it->lead_list.nnames);
    put_strings(sb, it->lead_list.ids, it->lead_list.nids);
    put_strings(sb, it->partner_list.names, it->partner_list.nnames);
    put_strings(sb, it->partner_list.ids, it->partner_list.nids);
}

static int cmp_key(const void *pa, const void *pb)
{
    const deadline_key *a = pa, *b = pb;
    if (a->due != b->due)
        return a->due < b->due ? -1 : 1;
    /* the offsets grow in reading order */
    return a->offset < b->offset ? -1 : a->offset > b->offset;
}

/* The run gathered, sorted, to the keys' file. */
static bool spill_run(deadline_spool *s, strbuf *err)
{
    qsort(s->keys, s->nkeys, sizeof *s->keys, cmp_key);
    if (s->keys_fd < 0)
        s->keys_fd = tempfile_anonymous(err);
    if (s->keys_fd < 0)
        return false;
    if (!fileio_write_all(s->keys_fd, s->keys, s->nkeys * sizeof *s->keys)) {
        strbuf_error(err, "%s", strerror(errno));
        return false;
    }
    ARRAY_ROOM(s->runs, s->nruns, s->runs_cap, 8);
    s->runs[s->nruns++] = s->nkeys;
    s->nkeys = 0;
    return true;
}

bool deadline_spool_add(deadline_spool *s, deadline_list *l, strbuf *err)
{
    bool ok = true;
    for (size_t i = 0; ok && i < l->count; i++) {
        const deadline_item *it = &l->items[i];
        size_t at = s->held.len;
        put_record(&s->held, it, s->count++);
        s->states[it->state]++;
        if (s->nkeys == s->run_keys)
            ok = spill_run(s, err);
        ARRAY_ROOM(s->keys, s->nkeys, s->keys_cap, 256);
        s->keys[s->nkeys++] = (deadline_key){
            .offset = s->spilled + at,
            .due = (int32_t)(it->due.year * 512 + it->due.month * 32 +
                             it->due.day),
            .length = (uint32_t)(s->held.len - at),
            .overdue = it->state == DEADLINE_OVERDUE,
        };
    }
    if (ok && s->held.len > DEADLINE_SPOOL_HELD) {
        if (s->fd < 0)
            s->fd = tempfile_anonymous(err);
        if (s->fd < 0 || !fileio_write_all(s->fd, s->held.buf, s->held.len)) {
            if (s->fd >= 0)
                strbuf_error(err, "%s", strerror(errno));
            ok = false;
        } else {
            s->spilled += s->held.len;
            strbuf_reset(&s->held);
        }
    }
    deadline_list_clear(l);
    return ok;
}

/* --- the runs merged --------------------------------------------------- */

#define MERGE_KEYS 256 /* keys of a run read at a time: 4 KiB */

typedef struct merge_run {
    uint64_t first;             /* in the keys' file, of its first key */
    size_t size;                /* its keys */
    size_t read;                /* of them, read into buf */
    const deadline_key *memory; /* the run gathered last: read in place */
    deadline_key *buf;
    size_t pos, len; /* buf[pos, len): read, not taken */
} merge_run;

struct deadline_merge {
    merge_run *runs;
    size_t nruns;
    bool overdue_first;
    bool overdue_pass; /* reading the overdue items (overdue_first) */
};

static void merge_free(deadline_merge *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->nruns; i++)
        if (!m->runs[i].memory)
            free(m->runs[i].buf);
    free(m->runs);
    free(m);
}

static void merge_rewind(deadline_merge *m)
{
    for (size_t i = 0; i < m->nruns; i++)
        m->runs[i].read = m->runs[i].pos = m->runs[i].len = 0;
}

void deadline_spool_sort(deadline_spool *s, bool overdue_first)
{
    if (!s->merge) {
        if (s->nkeys > 1)
            qsort(s->keys, s->nkeys, sizeof *s->keys, cmp_key);
        deadline_merge *m = xcalloc(1, sizeof *m);
        m->nruns = s->nruns + 1;
        m->runs = xcalloc(m->nruns, sizeof *m->runs);
        uint64_t at = 0;
        for (size_t i = 0; i < s->nruns; i++) {
            m->runs[i].first = at;
            m->runs[i].size = s->runs[i];
            m->runs[i].buf = xmalloc(MERGE_KEYS * sizeof *m->runs[i].buf);
            at += s->runs[i] * sizeof(deadline_key);
        }
        m->runs[s->nruns].size = s->nkeys;
        m->runs[s->nruns].memory = s->keys;
        s->merge = m;
    }
    s->merge->overdue_first = overdue_first;
    s->merge->overdue_pass = overdue_first;
    merge_rewind(s->merge);
}

/* The run's next key this pass reads (all of them, or the overdue ones,
 * or the others), or NULL when it has none left; false with err when its
 * file cannot be read. */
static bool run_head(int fd, const deadline_merge *m, merge_run *r,
                     const deadline_key **head, strbuf *err)
{
    for (;;) {
        if (r->pos == r->len) {
            size_t n = r->size - r->read;
            if (!n) {
                *head = NULL;
                return true;
            }
            if (r->memory) {
                r->buf = (deadline_key *)r->memory; /* read in place */
            } else {
                n = n > MERGE_KEYS ? MERGE_KEYS : n;
                if (!tempfile_read_at(fd, r->buf, n * sizeof *r->buf,
                                      r->first + r->read * sizeof *r->buf)) {
                    strbuf_error(err, "%s", strerror(errno));
                    return false;
                }
            }
            r->pos = r->memory ? r->read : 0;
            r->len = r->pos + n;
            r->read += n;
        }
        const deadline_key *k = &r->buf[r->pos];
        if (!m->overdue_first || (bool)k->overdue == m->overdue_pass) {
            *head = k;
            return true;
        }
        r->pos++;
    }
}

/* The next key in order, or NULL (with err when a run cannot be read). */
static const deadline_key *merge_next(deadline_spool *s, strbuf *err)
{
    deadline_merge *m = s->merge;
    for (;;) {
        merge_run *best = NULL;
        const deadline_key *key = NULL;
        for (size_t i = 0; i < m->nruns; i++) {
            const deadline_key *head;
            if (!run_head(s->keys_fd, m, &m->runs[i], &head, err))
                return NULL;
            if (head && (!key || cmp_key(head, key) < 0)) {
                key = head;
                best = &m->runs[i];
            }
        }
        if (best) {
            best->pos++;
            return key;
        }
        if (!m->overdue_pass)
            return NULL;
        m->overdue_pass = false; /* then the others */
        merge_rewind(m);
    }
}

/* The next string of a record at *p, which it passes. */
static const char *take_string(const char **p)
{
    uint32_t len;
    memcpy(&len, *p, sizeof len);
    *p += sizeof len;
    if (len == NO_STRING)
        return NULL;
    const char *str = *p;
    *p += (size_t)len + 1;
    return str;
}

static const char **take_strings(const char **p, const char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        list[i] = take_string(p);
    return list;
}

const deadline_item *deadline_spool_next(deadline_spool *s, strbuf *err)
{
    const deadline_key *k = merge_next(s, err);
    if (!k) {
        if (!err->len)
            strbuf_error(err, "%s", strerror(EIO)); /* read past the end */
        return NULL;
    }
    const char *p;
    if (k->offset >= s->spilled) {
        p = s->held.buf + (k->offset - s->spilled);
    } else {
        if (s->record_cap < k->length) {
            free(s->record);
            s->record = xmalloc(k->length);
            s->record_cap = k->length;
        }
        if (!tempfile_read_at(s->fd, s->record, k->length, k->offset)) {
            strbuf_error(err, "%s", strerror(errno));
            return NULL;
        }
        p = s->record;
    }
    record_head h;
    memcpy(&h, p, sizeof h);
    p += sizeof h;
    deadline_item *it = &s->item;
    *it = (deadline_item){
        .kind = (deadline_kind)h.kind,
        .state = (deadline_state)h.state,
        .status = (status_state)h.status,
        .role = (deadline_role)h.role,
        .duty = h.duty,
        .occurrence = h.occurrence,
        .occurrences = h.occurrences,
        .records = h.records,
        .order = h.order,
        .days_left = h.days_left,
        .from = h.from,
        .to = h.to,
        .due = h.due,
        .changed = h.changed,
    };
    const char **strings[] = {
        &it->plan_id,     &it->plan_file, &it->activity_id, &it->duty_key,
        &it->title,       &it->lead,      &it->partners,    &it->lead_ids,
        &it->partner_ids, &it->time,      &it->key,         &it->label,
        &it->note,
    };
    for (size_t j = 0; j < sizeof strings / sizeof *strings; j++)
        *strings[j] = take_string(&p);
    /* each list ends in a NULL, as listed() leaves room for */
    size_t nunits =
        h.nlead_names + h.nlead_ids + h.npartner_names + h.npartner_ids + 4;
    if (s->units_cap < nunits) {
        free(s->units);
        s->units = xmalloc(nunits * sizeof *s->units);
        s->units_cap = nunits;
    }
    const char **u = s->units;
    it->lead_list = (deadline_units){
        .names = take_strings(&p, u, h.nlead_names),
        .nnames = h.nlead_names,
    };
    u += h.nlead_names + 1;
    it->lead_list.ids = take_strings(&p, u, h.nlead_ids);
    it->lead_list.nids = h.nlead_ids;
    u += h.nlead_ids + 1;
    it->partner_list.names = take_strings(&p, u, h.npartner_names);
    it->partner_list.nnames = h.npartner_names;
    u += h.npartner_names + 1;
    it->partner_list.ids = take_strings(&p, u, h.npartner_ids);
    it->partner_list.nids = h.npartner_ids;
    return it;
}

const char *deadline_state_name(deadline_state s)
{
    switch (s) {
    case DEADLINE_PLANNED:
        return "planned";
    case DEADLINE_OPEN:
        return "open";
    case DEADLINE_IN_PROGRESS:
        return "in-progress";
    default:
        return "overdue";
    }
}

const char *deadline_state_label(deadline_state s)
{
    switch (s) {
    case DEADLINE_PLANNED:
        return "Chưa đến hạn";
    case DEADLINE_OPEN:
        return "Đang trong thời hạn";
    case DEADLINE_IN_PROGRESS:
        return "Đang thực hiện";
    default:
        return "Quá hạn";
    }
}

/* The last day a date can be written (YYYY-MM-DD): --within stops there. */
static date last_writable(date d)
{
    return d.year > 9999 ? date_make(9999, 12, 31) : d;
}

bool deadline_parse_within(const char *s, date from, date *until)
{
    char *end;
    long n = strtol(s, &end, 10);
    if (end == s || n < 0 || n > 36500 || end[0] == '\0' || end[1] != '\0')
        return false;
    switch (*end) {
    case 'd':
        *until = last_writable(date_add_days(from, n));
        return true;
    case 'w':
        *until = last_writable(date_add_days(from, 7 * n));
        return true;
    case 'm':
    case 'y': {
        long months = *end == 'm' ? n : 12 * n;
        date first = date_add_months(from.year, from.month, (int)months);
        int last = date_days_in_month(first.year, first.month);
        *until = last_writable(date_make(first.year, first.month,
                                         from.day < last ? from.day : last));
        return true;
    }
    default:
        return false;
    }
}
