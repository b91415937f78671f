/* report_field.c - the fields of report templates (see report_field.h).
 *
 * One table names every field with its scope and type; one switch computes
 * each value from the context of the row. Composed texts (the result of an
 * activity, a record's values) are built in the context's arena. */
#include "report_field.h"

#include "strbuf.h"
#include "utf8.h"
#include "version.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    F_PERIOD_KEY,
    F_PERIOD_LABEL,
    F_PERIOD_FROM,
    F_PERIOD_TO,
    F_AS_OF,
    F_TEMPLATE,
    F_VERSION,
    F_NUMBER,
    F_PLAN_ID,
    F_PLAN_NUMBER,
    F_PLAN_SYMBOL,
    F_PLAN_TITLE,
    F_PLAN_ISSUER,
    F_PLAN_ISSUER_PARENT,
    F_PLAN_PLACE,
    F_PLAN_ISSUED,
    F_PLAN_YEAR,
    F_PLAN_REFERENCE,
    F_PLAN_FILE,
    F_PLAN_ACTIVITIES,
    F_PLAN_PLANNED,
    F_PLAN_OPEN,
    F_PLAN_IN_PROGRESS,
    F_PLAN_DONE,
    F_PLAN_DONE_LATE,
    F_PLAN_OVERDUE,
    F_PLAN_CANCELLED,
    F_PLAN_FINISHED,
    F_PLAN_PERCENT,
    F_PLAN_TARGETS,
    F_PLAN_TARGETS_MEASURED,
    F_PLAN_TARGETS_ON_TRACK,
    F_SECTION_ID,
    F_SECTION_TITLE,
    F_ACT_ID,
    F_ACT_TITLE,
    F_ACT_LEAD,
    F_ACT_PARTNERS,
    F_ACT_LEAD_IDS,
    F_ACT_PARTNER_IDS,
    F_ACT_TIME,
    F_ACT_OUTPUT,
    F_ACT_FROM,
    F_ACT_DUE,
    F_ACT_STATE,
    F_ACT_STATE_CODE,
    F_ACT_PERCENT,
    F_ACT_RESULT,
    F_ACT_REMARK,
    F_ACT_TARGETS,
    F_ACT_OCCURRENCES,
    F_ACT_OCCURRENCES_DONE,
    F_ACT_LAST_UPDATE,
    F_ACT_EVIDENCE,
    F_REC_DATE,
    F_REC_ACTIVITY,
    F_REC_OCCURRENCE,
    F_REC_STATE,
    F_REC_STATE_CODE,
    F_REC_PERCENT,
    F_REC_VALUES,
    F_REC_NOTE,
    F_REC_EVIDENCE,
    F_REC_DOCUMENT,
    F_REC_BY,
    F_REC_LINE,
    F_DL_KIND,
    F_DL_KIND_CODE,
    F_DL_ACTIVITY,
    F_DL_OCCURRENCE,
    F_DL_TITLE,
    F_DL_LEAD,
    F_DL_PARTNERS,
    F_DL_LEAD_IDS,
    F_DL_PARTNER_IDS,
    F_DL_FROM,
    F_DL_DUE,
    F_DL_DAYS_LEFT,
    F_DL_STATE,
    F_DL_STATE_CODE,
    F_DL_DONE_ON,
    F_DL_DOCUMENT,
    F_LEAD_NAME,
    F_LEAD_ID,
};

#define T FIELD_TEXT
#define I FIELD_INTEGER
#define D FIELD_DATE

static const report_field fields[] = {
    {"period.key", FIELD_RUN, T, F_PERIOD_KEY},
    {"period.label", FIELD_RUN, T, F_PERIOD_LABEL},
    {"period.from", FIELD_RUN, D, F_PERIOD_FROM},
    {"period.to", FIELD_RUN, D, F_PERIOD_TO},
    {"report.as_of", FIELD_RUN, D, F_AS_OF},
    {"report.template", FIELD_RUN, T, F_TEMPLATE},
    {"report.version", FIELD_RUN, T, F_VERSION},
    {"report.number", FIELD_RUN, T, F_NUMBER},
    {"plan.id", FIELD_PLAN, T, F_PLAN_ID},
    {"plan.number", FIELD_PLAN, T, F_PLAN_NUMBER},
    {"plan.symbol", FIELD_PLAN, T, F_PLAN_SYMBOL},
    {"plan.title", FIELD_PLAN, T, F_PLAN_TITLE},
    {"plan.issuer", FIELD_PLAN, T, F_PLAN_ISSUER},
    {"plan.issuer_parent", FIELD_PLAN, T, F_PLAN_ISSUER_PARENT},
    {"plan.place", FIELD_PLAN, T, F_PLAN_PLACE},
    {"plan.issued", FIELD_PLAN, D, F_PLAN_ISSUED},
    {"plan.year", FIELD_PLAN, T, F_PLAN_YEAR},
    {"plan.reference", FIELD_PLAN, T, F_PLAN_REFERENCE},
    {"plan.file", FIELD_PLAN, T, F_PLAN_FILE},
    {"plan.activities", FIELD_PLAN, I, F_PLAN_ACTIVITIES},
    {"plan.planned", FIELD_PLAN, I, F_PLAN_PLANNED},
    {"plan.open", FIELD_PLAN, I, F_PLAN_OPEN},
    {"plan.in_progress", FIELD_PLAN, I, F_PLAN_IN_PROGRESS},
    {"plan.done", FIELD_PLAN, I, F_PLAN_DONE},
    {"plan.done_late", FIELD_PLAN, I, F_PLAN_DONE_LATE},
    {"plan.overdue", FIELD_PLAN, I, F_PLAN_OVERDUE},
    {"plan.cancelled", FIELD_PLAN, I, F_PLAN_CANCELLED},
    {"plan.finished", FIELD_PLAN, I, F_PLAN_FINISHED},
    {"plan.percent", FIELD_PLAN, I, F_PLAN_PERCENT},
    {"plan.targets", FIELD_PLAN, I, F_PLAN_TARGETS},
    {"plan.targets_measured", FIELD_PLAN, I, F_PLAN_TARGETS_MEASURED},
    {"plan.targets_on_track", FIELD_PLAN, I, F_PLAN_TARGETS_ON_TRACK},
    {"section.id", FIELD_ACTIVITY, T, F_SECTION_ID},
    {"section.title", FIELD_ACTIVITY, T, F_SECTION_TITLE},
    {"activity.id", FIELD_ACTIVITY, T, F_ACT_ID},
    {"activity.title", FIELD_ACTIVITY, T, F_ACT_TITLE},
    {"activity.lead", FIELD_ACTIVITY, T, F_ACT_LEAD},
    {"activity.partners", FIELD_ACTIVITY, T, F_ACT_PARTNERS},
    {"activity.lead_ids", FIELD_ACTIVITY, T, F_ACT_LEAD_IDS},
    {"activity.partner_ids", FIELD_ACTIVITY, T, F_ACT_PARTNER_IDS},
    {"activity.time", FIELD_ACTIVITY, T, F_ACT_TIME},
    {"activity.output", FIELD_ACTIVITY, T, F_ACT_OUTPUT},
    {"activity.from", FIELD_ACTIVITY, D, F_ACT_FROM},
    {"activity.due", FIELD_ACTIVITY, D, F_ACT_DUE},
    {"activity.state", FIELD_ACTIVITY, T, F_ACT_STATE},
    {"activity.state_code", FIELD_ACTIVITY, T, F_ACT_STATE_CODE},
    {"activity.percent", FIELD_ACTIVITY, I, F_ACT_PERCENT},
    {"activity.result", FIELD_ACTIVITY, T, F_ACT_RESULT},
    {"activity.remark", FIELD_ACTIVITY, T, F_ACT_REMARK},
    {"activity.targets", FIELD_ACTIVITY, T, F_ACT_TARGETS},
    {"activity.occurrences", FIELD_ACTIVITY, I, F_ACT_OCCURRENCES},
    {"activity.occurrences_done", FIELD_ACTIVITY, I, F_ACT_OCCURRENCES_DONE},
    {"activity.last_update", FIELD_ACTIVITY, D, F_ACT_LAST_UPDATE},
    {"activity.evidence", FIELD_ACTIVITY, T, F_ACT_EVIDENCE},
    {"record.date", FIELD_RECORD, D, F_REC_DATE},
    {"record.activity", FIELD_RECORD, T, F_REC_ACTIVITY},
    {"record.occurrence", FIELD_RECORD, T, F_REC_OCCURRENCE},
    {"record.state", FIELD_RECORD, T, F_REC_STATE},
    {"record.state_code", FIELD_RECORD, T, F_REC_STATE_CODE},
    {"record.percent", FIELD_RECORD, I, F_REC_PERCENT},
    {"record.values", FIELD_RECORD, T, F_REC_VALUES},
    {"record.note", FIELD_RECORD, T, F_REC_NOTE},
    {"record.evidence", FIELD_RECORD, T, F_REC_EVIDENCE},
    {"record.document", FIELD_RECORD, T, F_REC_DOCUMENT},
    {"record.by", FIELD_RECORD, T, F_REC_BY},
    {"record.line", FIELD_RECORD, I, F_REC_LINE},
    {"deadline.kind", FIELD_DEADLINE, T, F_DL_KIND},
    {"deadline.kind_code", FIELD_DEADLINE, T, F_DL_KIND_CODE},
    {"deadline.activity", FIELD_DEADLINE, T, F_DL_ACTIVITY},
    {"deadline.occurrence", FIELD_DEADLINE, T, F_DL_OCCURRENCE},
    {"deadline.title", FIELD_DEADLINE, T, F_DL_TITLE},
    {"deadline.lead", FIELD_DEADLINE, T, F_DL_LEAD},
    {"deadline.partners", FIELD_DEADLINE, T, F_DL_PARTNERS},
    {"deadline.lead_ids", FIELD_DEADLINE, T, F_DL_LEAD_IDS},
    {"deadline.partner_ids", FIELD_DEADLINE, T, F_DL_PARTNER_IDS},
    {"deadline.from", FIELD_DEADLINE, D, F_DL_FROM},
    {"deadline.due", FIELD_DEADLINE, D, F_DL_DUE},
    {"deadline.days_left", FIELD_DEADLINE, I, F_DL_DAYS_LEFT},
    {"deadline.state", FIELD_DEADLINE, T, F_DL_STATE},
    {"deadline.state_code", FIELD_DEADLINE, T, F_DL_STATE_CODE},
    {"deadline.done_on", FIELD_DEADLINE, D, F_DL_DONE_ON},
    {"deadline.document", FIELD_DEADLINE, T, F_DL_DOCUMENT},
    {"lead.name", FIELD_LEAD, T, F_LEAD_NAME},
    {"lead.id", FIELD_LEAD, T, F_LEAD_ID},
};

#undef T
#undef I
#undef D

#define NFIELDS (sizeof fields / sizeof fields[0])

const report_field *report_field_all(size_t *count)
{
    *count = NFIELDS;
    return fields;
}

const report_field *report_field_find(const char *name)
{
    for (size_t i = 0; i < NFIELDS; i++)
        if (strcmp(fields[i].name, name) == 0)
            return &fields[i];
    return NULL;
}

/* --- values ----------------------------------------------------------- */

static report_value text(const char *s)
{
    return (report_value){.type = FIELD_TEXT, .empty = !s || !*s, .text = s};
}

static report_value integer(double n)
{
    return (report_value){.type = FIELD_INTEGER, .number = n};
}

static report_value integer_or_empty(double n, bool empty)
{
    return (report_value){.type = FIELD_INTEGER, .number = n, .empty = empty};
}

static report_value day(date d)
{
    return (report_value){.type = FIELD_DATE, .day = d, .empty = d.year == 0};
}

static const report_value empty_text = {.type = FIELD_TEXT, .empty = true};

/* A record's state in the words of the status. */
static const status_state state_of_record[] = {
    [PROGRESS_IN_PROGRESS] = STATUS_IN_PROGRESS,
    [PROGRESS_DONE] = STATUS_DONE,
    [PROGRESS_CANCELLED] = STATUS_CANCELLED,
};

/* The text built in sb, copied into the arena; sb is released. */
static const char *keep(arena *a, strbuf *sb)
{
    const char *s = arena_strdup(a, strbuf_str(sb));
    strbuf_release(sb);
    return s;
}

/* The joined names and ids of a plan's lists of units, by the units'
 * texts (activities often share their lead or partners): open addressing
 * on a hash of the texts, grown at half full. */
typedef struct memo_slot {
    const char *key; /* the texts, each ended by a NUL */
    size_t len;
    uint64_t hash;
    const char *joined[2]; /* [ids] */
} memo_slot;

struct report_field_memo {
    arena *a;
    memo_slot *slots;
    size_t cap, used; /* cap: a power of two */
};

report_field_memo *report_field_memo_new(arena *a)
{
    report_field_memo *m = arena_alloc(a, sizeof *m);
    m->a = a;
    m->cap = 64;
    m->slots = arena_alloc(a, m->cap * sizeof *m->slots);
    return m;
}

static memo_slot *memo_find(memo_slot *slots, size_t cap, const char *key,
                            size_t len, uint64_t hash)
{
    for (size_t i = (size_t)hash;; i++) {
        memo_slot *s = &slots[i & (cap - 1)];
        if (!s->key ||
            (s->hash == hash && s->len == len && memcmp(s->key, key, len) == 0))
            return s;
    }
}

static memo_slot *memo_slot_of(report_field_memo *m, const strbuf *key)
{
    uint64_t hash = 0xcbf29ce484222325u; /* FNV-1a */
    for (size_t i = 0; i < key->len; i++)
        hash = (hash ^ (unsigned char)key->buf[i]) * 0x100000001b3u;
    if (2 * (m->used + 1) > m->cap) { /* the old table stays in the arena */
        size_t cap = 2 * m->cap;
        memo_slot *slots = arena_alloc(m->a, cap * sizeof *slots);
        for (size_t i = 0; i < m->cap; i++) {
            const memo_slot *old = &m->slots[i];
            if (old->key)
                *memo_find(slots, cap, old->key, old->len, old->hash) = *old;
        }
        m->slots = slots;
        m->cap = cap;
    }
    memo_slot *s = memo_find(m->slots, m->cap, key->buf, key->len, hash);
    if (!s->key) {
        char *stored = arena_alloc(m->a, key->len);
        memcpy(stored, key->buf, key->len);
        *s = (memo_slot){stored, key->len, hash, {NULL, NULL}};
        m->used++;
    }
    return s;
}

/* The units of u by their registered names, or their ids, joined with
 * "; " (orgunits_join); once per list of texts in a plan with a memo:
 * each lookup folds the names, and the activities, leads and deadlines
 * sheets ask for the same lists again (a deadline row per occurrence). */
static const char *join_units(const report_context *c, const plan_units *u,
                              bool ids)
{
    memo_slot *slot = NULL;
    if (c->memo && u->count) {
        strbuf key = STRBUF_INIT;
        for (size_t i = 0; i < u->count; i++) {
            const char *t = u->items[i].s ? u->items[i].s : "";
            strbuf_add(&key, t, strlen(t) + 1);
        }
        slot = memo_slot_of(c->memo, &key);
        strbuf_release(&key);
        if (slot->joined[ids])
            return slot->joined[ids];
    }
    strbuf sb = STRBUF_INIT;
    orgunits_join(c->registry, u, ids, &sb);
    const char *joined = keep(c->a, &sb);
    if (slot)
        slot->joined[ids] = joined;
    return joined;
}

const char *report_field_lead_label(arena *a, const status_group *g)
{
    return g->unregistered
               ? arena_printf(a, "%s%s", REPORT_FIELD_UNREGISTERED, g->name)
               : g->name;
}

/* The governing body of the plan's issuer: the parent of the unit the
 * issuer's name resolves to, by its official name. */
static const char *issuer_parent(const report_context *c)
{
    const char *issuer = c->plan->issuer.s;
    orgunits_named n = orgunits_name(c->registry, issuer ? issuer : "");
    const plan_unit *parent = orgunits_parent(c->registry, n.unit);
    return !parent ? NULL : parent->name.s ? parent->name.s : parent->id.s;
}

static const char *join_texts(arena *a, const plan_text *t, size_t n,
                              const char *sep)
{
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_puts(&sb, sep);
        strbuf_puts(&sb, t[i].s ? t[i].s : "");
    }
    return keep(a, &sb);
}

/* "12,5" or "12": numbers as Vietnamese readers expect them, without
 * trailing zeros (a decimal comma), all their digits however large. Never
 * "inf" or "nan": loading refuses them, and nothing is written if one came. */
static void put_number(strbuf *sb, double v)
{
    if (!isfinite(v))
        return;
    strbuf text = STRBUF_INIT;
    strbuf_printf(&text, "%.2f", v); /* always holds a '.' */
    const char *s = strbuf_str(&text);
    size_t n = text.len;
    while (s[n - 1] == '0')
        n--;
    if (s[n - 1] == '.')
        n--;
    for (size_t i = 0; i < n; i++)
        strbuf_putc(sb, s[i] == '.' ? ',' : s[i]);
    strbuf_release(&text);
}

static void put_target(strbuf *sb, const plan_target *t, const double *actual)
{
    strbuf_puts(sb, t->name.s ? t->name.s : "");
    strbuf_puts(sb, ": ");
    if (actual) {
        put_number(sb, *actual);
        strbuf_puts(sb, "/");
    }
    put_number(sb, t->value);
    if (t->unit.s) {
        strbuf_putc(sb, ' ');
        strbuf_puts(sb, t->unit.s);
    }
}

static const char *activity_result(arena *a, const status_activity *s)
{
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < s->ntargets; i++) {
        if (!s->targets[i].measured)
            continue;
        if (sb.len)
            strbuf_putc(&sb, '\n');
        put_target(&sb, s->targets[i].target, &s->targets[i].actual);
    }
    if (s->last_note && s->last_note->note.s) {
        if (sb.len)
            strbuf_putc(&sb, '\n');
        strbuf_puts(&sb, s->last_note->note.s);
    }
    return keep(a, &sb);
}

/* Occurrences done, on time or late (a cancelled one is not done). */
static size_t occurrences_done(const status_activity *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->noccurrences; i++) {
        status_state st = s->occurrences[i].state;
        n += st == STATUS_DONE || st == STATUS_DONE_LATE;
    }
    return n;
}

/* Ghi chú: what the state means in dates. */
static const char *activity_remark(arena *a, const status_activity *s,
                                   date as_of)
{
    strbuf sb = STRBUF_INIT;
    char due[11], on[11];
    date_format_vn(s->due, due);
    if (s->last)
        date_format_vn(s->last->date, on);
    switch (s->state) {
    case STATUS_DONE:
        if (s->last)
            strbuf_printf(&sb, "Hoàn thành ngày %s", on);
        break;
    case STATUS_DONE_LATE:
        if (s->last)
            strbuf_printf(&sb, "Hoàn thành ngày %s (hạn %s)", on, due);
        break;
    case STATUS_OVERDUE: {
        long late = date_span_days((date_span){.from = s->due, .to = as_of});
        strbuf_printf(&sb, "Quá hạn %ld ngày (hạn %s)", late, due);
        break;
    }
    case STATUS_CANCELLED:
        if (s->last)
            strbuf_printf(&sb, "Hủy bỏ ngày %s", on);
        break;
    case STATUS_PLANNED:
    case STATUS_OPEN:
    case STATUS_IN_PROGRESS:
        if (s->due.year)
            strbuf_printf(&sb, "Hạn %s", due);
        break;
    }
    if (s->noccurrences > 1)
        strbuf_printf(&sb, "%sĐã hoàn thành %zu/%zu kỳ", sb.len ? "; " : "",
                      occurrences_done(s), s->noccurrences);
    return keep(a, &sb);
}

static const char *activity_targets(arena *a, const plan_activity *act)
{
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < act->ntargets; i++) {
        if (i)
            strbuf_putc(&sb, '\n');
        put_target(&sb, &act->targets[i], NULL);
    }
    return keep(a, &sb);
}

static const char *record_values(arena *a, const progress_record *r)
{
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < r->nvalues; i++) {
        if (i)
            strbuf_puts(&sb, "; ");
        strbuf_puts(&sb, r->values[i].name.s ? r->values[i].name.s : "");
        strbuf_puts(&sb, ": ");
        put_number(&sb, r->values[i].value);
    }
    return keep(a, &sb);
}

static const char *plan_year(arena *a, const plan *p)
{
    if (!p->year_from)
        return NULL;
    if (p->year_from == p->year_to)
        return arena_printf(a, "%d", p->year_from);
    return arena_printf(a, "%d-%d", p->year_from, p->year_to);
}

/* "08/KH-TTBTXH" -> "TTBTXH": the issuer's part of a document symbol. */
static const char *plan_symbol(arena *a, const plan *p)
{
    const char *n = p->number.s;
    const char *dash = n ? strchr(n, '-') : NULL;
    return dash ? arena_strdup(a, dash + 1) : NULL;
}

void report_field_count_targets(const status_plan *s, report_targets *out)
{
    *out = (report_targets){0, 0, 0};
    for (size_t i = 0; i < s->nactivities; i++) {
        const status_activity *act = &s->activities[i];
        if (!act->in_scope)
            continue;
        for (size_t j = 0; j < act->ntargets; j++) {
            out->all++;
            out->measured += act->targets[j].measured;
            out->on_track += act->targets[j].track == STATUS_TRACK_ON;
        }
    }
}

bool report_field_state(const report_field *f, const report_context *c,
                        status_state *out)
{
    switch (f->id) {
    case F_ACT_STATE:
    case F_ACT_STATE_CODE:
        if (!c->activity)
            return false;
        *out = c->activity->state;
        return true;
    case F_DL_STATE:
    case F_DL_STATE_CODE:
        *out = c->deadline->occurrence.state;
        return true;
    case F_REC_STATE:
    case F_REC_STATE_CODE:
        *out = state_of_record[c->record->state];
        return true;
    default:
        return false;
    }
}

static date parse_date(const plan_text *t)
{
    date d = {0, 0, 0};
    if (t->s && date_parse(t->s, false, &d) != DATE_OK)
        d = (date){0, 0, 0};
    return d;
}

bool report_field_number_valid(const char *s)
{
    size_t n = strlen(s);
    if (!n || !utf8_valid(s, n, NULL) ||
        utf8_length(s, n) > REPORT_FIELD_NUMBER_MAX)
        return false;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += utf8_decode(s + i, n - i, &cp);
        if (cp == '/' || utf8_is_control(cp))
            return false;
    }
    return true;
}

/* Whether a plan's number holds its register number: a digit before the
 * "/" ("08/KH-TTBTXH"), not a blank left to fill in ("/KH-UBND"). */
static bool plan_numbered(const plan *p)
{
    const char *n = p->number.s;
    if (!n)
        return false;
    const char *end = strchr(n, '/');
    for (const char *s = n; end ? s < end : *s; s++)
        if (*s >= '0' && *s <= '9')
            return true;
    return false;
}

/* The plan as a report's subject line names it, without a hole where the
 * plan lacks its register number or a full date: "số 08/KH-TTBTXH ngày
 * 23/02/2024 của Trung tâm ...", "năm 2026 của Ủy ban nhân dân thành phố
 * Hải Phòng" (the year only when neither number nor date is known). */
static const char *plan_reference(arena *a, const plan *p)
{
    strbuf sb = STRBUF_INIT;
    date issued = parse_date(&p->issued);
    bool numbered = plan_numbered(p), dated = issued.year != 0;
    if (numbered)
        strbuf_printf(&sb, "số %s", p->number.s);
    if (dated) {
        char vn[11];
        date_format_vn(issued, vn);
        strbuf_printf(&sb, "%sngày %s", sb.len ? " " : "", vn);
    }
    const char *year = plan_year(a, p);
    if (!numbered && !dated && year)
        strbuf_printf(&sb, "%s %s",
                      p->year_from == p->year_to ? "năm" : "giai đoạn", year);
    if (p->issuer.s)
        strbuf_printf(&sb, "%scủa %s", sb.len ? " " : "", p->issuer.s);
    return keep(a, &sb);
}

static report_value run_value(int id, const report_context *c)
{
    const report_run *r = c->run;
    switch (id) {
    case F_PERIOD_KEY:
        return text(r->period.key);
    case F_PERIOD_LABEL:
        return text(r->period.label);
    case F_PERIOD_FROM:
        return day(r->period.from);
    case F_PERIOD_TO:
        return day(r->period.to);
    case F_AS_OF:
        return day(r->as_of);
    case F_TEMPLATE:
        return text(r->template_name);
    case F_NUMBER:
        return text(r->number ? r->number : REPORT_FIELD_NUMBER_BLANK);
    default:
        return text(KEHOACH_VERSION);
    }
}

static report_value plan_value(int id, const report_context *c)
{
    const plan *p = c->plan;
    const status_counts *n = &c->status->counts;
    report_targets targets;
    switch (id) {
    case F_PLAN_ID:
        return text(p->id.s);
    case F_PLAN_NUMBER:
        return text(p->number.s);
    case F_PLAN_SYMBOL:
        return text(plan_symbol(c->a, p));
    case F_PLAN_TITLE:
        return text(p->title.s);
    case F_PLAN_ISSUER:
        return text(p->issuer.s);
    case F_PLAN_ISSUER_PARENT:
        return text(issuer_parent(c));
    case F_PLAN_PLACE:
        return text(p->place.s);
    case F_PLAN_ISSUED:
        return day(parse_date(&p->issued));
    case F_PLAN_YEAR:
        return text(plan_year(c->a, p));
    case F_PLAN_REFERENCE:
        return text(plan_reference(c->a, p));
    case F_PLAN_FILE:
        return text(c->file);
    case F_PLAN_ACTIVITIES:
        return integer((double)n->total);
    case F_PLAN_PLANNED:
        return integer((double)n->n[STATUS_PLANNED]);
    case F_PLAN_OPEN:
        return integer((double)n->n[STATUS_OPEN]);
    case F_PLAN_IN_PROGRESS:
        return integer((double)n->n[STATUS_IN_PROGRESS]);
    case F_PLAN_DONE:
        return integer((double)n->n[STATUS_DONE]);
    case F_PLAN_DONE_LATE:
        return integer((double)n->n[STATUS_DONE_LATE]);
    case F_PLAN_OVERDUE:
        return integer((double)n->n[STATUS_OVERDUE]);
    case F_PLAN_CANCELLED:
        return integer((double)n->n[STATUS_CANCELLED]);
    case F_PLAN_FINISHED:
        return integer((double)(n->n[STATUS_DONE] + n->n[STATUS_DONE_LATE]));
    case F_PLAN_PERCENT:
        return integer(status_counts_percent(n));
    default:
        report_field_count_targets(c->status, &targets);
        return integer((double)(id == F_PLAN_TARGETS ? targets.all
                                : id == F_PLAN_TARGETS_MEASURED
                                    ? targets.measured
                                    : targets.on_track));
    }
}

static report_value activity_value(const report_field *f,
                                   const report_context *c)
{
    const status_activity *s = c->activity;
    if (!s)
        return (report_value){.type = f->type, .empty = true};
    int id = f->id;
    const plan_activity *act = s->activity;
    const plan_section *sec = act->section;
    switch (id) {
    case F_SECTION_ID:
        return text(sec ? sec->id.s : NULL);
    case F_SECTION_TITLE:
        return text(sec ? sec->title.s : NULL);
    case F_ACT_ID:
        return text(act->id.s);
    case F_ACT_TITLE:
        return text(act->title.s);
    case F_ACT_LEAD:
    case F_ACT_LEAD_IDS:
        return text(join_units(c, &act->lead, id == F_ACT_LEAD_IDS));
    case F_ACT_PARTNERS:
    case F_ACT_PARTNER_IDS:
        return text(join_units(c, &act->partners, id == F_ACT_PARTNER_IDS));
    case F_ACT_TIME:
        return text(act->time.s);
    case F_ACT_OUTPUT:
        return text(act->output.s);
    case F_ACT_FROM:
        return day(act->schedule.count ? act->schedule.windows[0].from
                                       : (date){0, 0, 0});
    case F_ACT_DUE:
        return day(s->due);
    case F_ACT_STATE:
        return text(status_state_label(s->state));
    case F_ACT_STATE_CODE:
        return text(status_state_name(s->state));
    case F_ACT_PERCENT:
        return integer(s->percent);
    case F_ACT_RESULT:
        return text(activity_result(c->a, s));
    case F_ACT_REMARK:
        return text(activity_remark(c->a, s, c->run->as_of));
    case F_ACT_TARGETS:
        return text(activity_targets(c->a, act));
    case F_ACT_OCCURRENCES:
        return integer((double)s->noccurrences);
    case F_ACT_OCCURRENCES_DONE:
        return integer((double)occurrences_done(s));
    case F_ACT_LAST_UPDATE:
        return day(s->last ? s->last->date : (date){0, 0, 0});
    default:
        return s->last ? text(join_texts(c->a, s->last->evidence,
                                         s->last->nevidence, "; "))
                       : empty_text;
    }
}

static report_value record_value(int id, const report_context *c)
{
    const progress_record *r = c->record;
    switch (id) {
    case F_REC_DATE:
        return day(r->date);
    case F_REC_ACTIVITY:
        return text(r->of_report ? r->report.s : r->activity.s);
    case F_REC_OCCURRENCE:
        return text(r->occurrence.s);
    case F_REC_STATE:
        return text(status_state_label(state_of_record[r->state]));
    case F_REC_STATE_CODE:
        return text(progress_state_name(r->state));
    case F_REC_PERCENT:
        return integer_or_empty(r->percent, r->percent < 0);
    case F_REC_VALUES:
        return text(record_values(c->a, r));
    case F_REC_NOTE:
        return text(r->note.s);
    case F_REC_EVIDENCE:
        return text(join_texts(c->a, r->evidence, r->nevidence, "; "));
    case F_REC_DOCUMENT:
        return text(r->document.s);
    case F_REC_BY:
        return text(r->by.s);
    default:
        return integer(r->pos.line);
    }
}

static report_value deadline_value(int id, const report_context *c)
{
    const report_deadline *d = c->deadline;
    const when_window *w = d->occurrence.window;
    const plan_report *duty = d->duty;
    const plan_activity *act = d->activity;
    switch (id) {
    case F_DL_KIND:
        return text(act ? "Hoạt động" : "Báo cáo");
    case F_DL_KIND_CODE:
        return text(act ? "activity" : "report");
    case F_DL_ACTIVITY:
        return text(act ? act->id.s : duty->id);
    case F_DL_OCCURRENCE:
        return text(w->label);
    case F_DL_TITLE:
        if (act)
            return text(act->title.s);
        return text(duty->what.s ? duty->what.s : duty->text.s);
    case F_DL_LEAD:
    case F_DL_LEAD_IDS:
        return text(
            join_units(c, act ? &act->lead : &duty->by, id == F_DL_LEAD_IDS));
    case F_DL_PARTNERS:
    case F_DL_PARTNER_IDS:
        return text(join_units(c, act ? &act->partners : &duty->to,
                               id == F_DL_PARTNER_IDS));
    case F_DL_FROM:
        return day(w->from);
    case F_DL_DUE:
        return day(w->due);
    case F_DL_DAYS_LEFT:
        return integer((double)date_span_days(
            (date_span){.from = c->run->as_of, .to = w->due}));
    case F_DL_STATE:
        return text(status_state_label(d->occurrence.state));
    case F_DL_STATE_CODE:
        return text(status_state_name(d->occurrence.state));
    case F_DL_DOCUMENT: {
        const progress_record *done = status_done_record(&d->occurrence);
        return text(done ? done->document.s : NULL);
    }
    default: {
        const progress_record *done = status_done_record(&d->occurrence);
        return day(done ? done->date : (date){0, 0, 0});
    }
    }
}

report_value report_field_value(const report_field *f, const report_context *c)
{
    switch (f->scope) {
    case FIELD_RUN:
        return run_value(f->id, c);
    case FIELD_PLAN:
        return c->plan ? plan_value(f->id, c)
                       : (report_value){.type = f->type, .empty = true};
    case FIELD_ACTIVITY:
        return activity_value(f, c);
    case FIELD_RECORD:
        return c->record ? record_value(f->id, c)
                         : (report_value){.type = f->type, .empty = true};
    case FIELD_LEAD:
        if (!c->lead)
            return (report_value){.type = f->type, .empty = true};
        if (f->id == F_LEAD_ID)
            return text(c->lead->unit ? c->lead->unit->id.s : NULL);
        return text(report_field_lead_label(c->a, c->lead));
    default:
        return c->deadline ? deadline_value(f->id, c)
                           : (report_value){.type = f->type, .empty = true};
    }
}

const char *report_field_value_text(const report_value *v, arena *a)
{
    if (v->empty)
        return "";
    char buf[16];
    switch (v->type) {
    case FIELD_TEXT:
        return v->text;
    case FIELD_INTEGER:
        return arena_printf(a, "%.0f", v->number);
    default:
        date_format_vn(v->day, buf);
        return arena_strdup(a, buf);
    }
}

const char *report_field_expand(const char *s, const report_context *c)
{
    strbuf sb = STRBUF_INIT;
    bool ok = true;
    while (*s && ok) {
        if ((s[0] == '{' && s[1] == '{') || (s[0] == '}' && s[1] == '}')) {
            strbuf_putc(&sb, s[0]);
            s += 2;
        } else if (*s == '{') {
            const char *end = strchr(s, '}');
            char *name =
                end ? arena_strndup(c->a, s + 1, (size_t)(end - s - 1)) : NULL;
            const report_field *f = name ? report_field_find(name) : NULL;
            if (f) {
                report_value v = report_field_value(f, c);
                strbuf_puts(&sb, report_field_value_text(&v, c->a));
                s = end + 1;
            } else {
                ok = false;
            }
        } else {
            strbuf_putc(&sb, *s++);
        }
    }
    if (!ok) /* an unknown field: left as written */
        strbuf_puts(&sb, s);
    const char *r = arena_strdup(c->a, strbuf_str(&sb));
    strbuf_release(&sb);
    return r;
}
