/* status_format.c - status as text, JSON, CSV and a sheet (see
 * status_format.h).
 *
 * JSON is written as a stream: the opening, one object per plan as it
 * comes, then the totals; the report's json_writer stays open from
 * status_format_begin() to status_format_end(). */
#include "status_format.h"

#include "csv.h"
#include "utf8.h"
#include "visible.h"
#include "xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ID_WIDTH 7 /* columns for an activity's id in text */

static bool listed(const status_report *r, const status_activity *a)
{
    return a->in_scope && (!r->has_state || a->state == r->state);
}

/* --- text -------------------------------------------------------------- */

static const char *state_color(status_state s)
{
    switch (s) {
    case STATUS_OVERDUE:
        return "\033[1;31m";
    case STATUS_DONE:
        return "\033[32m";
    case STATUS_DONE_LATE:
        return "\033[33m";
    case STATUS_IN_PROGRESS:
        return "\033[36m";
    default:
        return "";
    }
}

/* "3 hoàn thành, 2 quá hạn, ..." in a fixed order of states, wrapped at
 * width with lines indented by `indent`. */
static void put_counts_text(strbuf *out, const status_counts *c, size_t indent,
                            size_t width)
{
    static const status_state order[] = {
        STATUS_DONE, STATUS_DONE_LATE, STATUS_IN_PROGRESS, STATUS_OVERDUE,
        STATUS_OPEN, STATUS_PLANNED,   STATUS_CANCELLED,
    };
    size_t col = indent;
    bool first = true;
    strbuf_repeat(out, ' ', indent);
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        size_t n = c->n[order[i]];
        if (!n)
            continue;
        char part[64];
        snprintf(part, sizeof part, "%zu %s", n, status_state_words(order[i]));
        size_t w = utf8_advance(part, strlen(part), 0);
        if (!first && col + 2 + w > width) {
            strbuf_puts(out, ",\n");
            strbuf_repeat(out, ' ', indent);
            col = indent;
        } else if (!first) {
            strbuf_puts(out, ", ");
            col += 2;
        }
        strbuf_puts(out, part);
        col += w;
        first = false;
    }
    strbuf_putc(out, '\n');
}

static void text_activity(status_report *r, const status_activity *a,
                          const orgunits *registry)
{
    const plan_activity *act = a->activity;
    size_t width = r->width,
           room = width > ID_WIDTH + 20 ? width - ID_WIDTH - 2 : 40;
    strbuf_puts(r->out, "  ");
    size_t idw = act->id.s ? utf8_advance(act->id.s, strlen(act->id.s), 0) : 0;
    visible_fit(r->out, act->id.s ? act->id.s : "?", ID_WIDTH - 1);
    strbuf_repeat(r->out, ' ', idw < ID_WIDTH ? ID_WIDTH - idw : 1);
    visible_fit(r->out, act->title.s ? act->title.s : "", room);
    strbuf_putc(r->out, '\n');

    /* the second line: state, percent, due date, occurrences, lead */
    strbuf line = STRBUF_INIT;
    char due[11];
    if (a->state != STATUS_CANCELLED)
        strbuf_printf(&line, " %d%%", a->percent);
    if (a->noccurrences) {
        date_format_vn(a->due, due);
        strbuf_printf(&line, " · hạn %s", due);
    }
    if (a->noccurrences > 1) {
        size_t done = 0;
        for (size_t i = 0; i < a->noccurrences; i++)
            done += status_is_finished(a->occurrences[i].state);
        strbuf_printf(&line, " · xong %zu/%zu lần", done, a->noccurrences);
    }
    const char *label = status_state_label(a->state);
    size_t used = ID_WIDTH + 2 + utf8_advance(label, strlen(label), 0) +
                  utf8_advance(line.buf ? line.buf : "", line.len, 0);
    const char *on = r->color ? state_color(a->state) : "";
    strbuf_repeat(r->out, ' ', ID_WIDTH + 2);
    strbuf_printf(r->out, "%s%s%s", on, label, *on ? "\033[0m" : "");
    strbuf_add(r->out, strbuf_str(&line), line.len);
    if (act->lead.count && width > used + 3 + 10) {
        strbuf_reset(&line);
        strbuf_printf(&line, "%s%s", a->as_partner ? "phối hợp; chủ trì: " : "",
                      orgunits_name(registry, act->lead.items[0].s).name);
        strbuf_puts(r->out, " · ");
        visible_fit(r->out, strbuf_str(&line), width - used - 3);
    }
    strbuf_putc(r->out, '\n');
    strbuf_release(&line);
    if (a->last_note) {
        char day[11];
        date_format_vn(a->last_note->date, day);
        strbuf note = STRBUF_INIT;
        strbuf_printf(&note, "%s: %s", day, a->last_note->note.s);
        strbuf_repeat(r->out, ' ', ID_WIDTH + 2);
        visible_fit(r->out, strbuf_str(&note), room);
        strbuf_putc(r->out, '\n');
        strbuf_release(&note);
    }
}

/* "đã gửi 22/06/2020, Số 45/BC-TTTGPL": when and as what a report was
 * sent, after its state. */
static void put_sent(strbuf *out, const status_occurrence *o)
{
    const progress_record *sent = status_done_record(o);
    if (!sent)
        return;
    char day[11];
    date_format_vn(sent->date, day);
    strbuf_printf(out, " · đã gửi %s", day);
    if (sent->document.s)
        strbuf_printf(out, ", %s", sent->document.s);
}

/* A report the plan asks for: its id and subject, then each time it is
 * due (those in the state asked for), with its state. */
static void text_duty(status_report *r, const status_duty *d)
{
    const plan_report *rep = d->report;
    size_t room = r->width > ID_WIDTH + 20 ? r->width - ID_WIDTH - 2 : 40;
    strbuf_puts(r->out, "  ");
    strbuf_puts(r->out, rep->id);
    strbuf_repeat(r->out, ' ',
                  ID_WIDTH > strlen(rep->id) ? ID_WIDTH - strlen(rep->id) : 1);
    const char *what = rep->what.s ? rep->what.s : rep->text.s;
    visible_fit(r->out, what ? what : "", room);
    strbuf_putc(r->out, '\n');
    for (size_t k = 0; k < d->noccurrences; k++) {
        const status_occurrence *o = &d->occurrences[k];
        if (r->has_state && o->state != r->state)
            continue;
        char due[11];
        date_format_vn(o->window->due, due);
        const char *label = status_state_label(o->state);
        const char *on = r->color ? state_color(o->state) : "";
        strbuf line = STRBUF_INIT;
        strbuf_printf(&line, "%s: ", o->window->label);
        size_t used = utf8_advance(line.buf, line.len, 0) +
                      utf8_advance(label, strlen(label), 0);
        strbuf_repeat(r->out, ' ', ID_WIDTH + 2);
        visible_append(r->out, strbuf_str(&line), line.len);
        strbuf_printf(r->out, "%s%s%s", on, label, *on ? "\033[0m" : "");
        strbuf_reset(&line);
        strbuf_printf(&line, " · hạn %s", due);
        put_sent(&line, o);
        visible_fit(r->out, strbuf_str(&line), room > used ? room - used : 1);
        strbuf_putc(r->out, '\n');
        strbuf_release(&line);
    }
}

static bool duty_listed(const status_report *r, const status_duty *d)
{
    if (!d->in_scope)
        return false;
    for (size_t k = 0; k < d->noccurrences; k++)
        if (!r->has_state || d->occurrences[k].state == r->state)
            return true;
    return false;
}

static void text_duties(status_report *r, const status_plan *s)
{
    bool heading = false;
    for (size_t i = 0; i < s->nduties; i++) {
        if (!duty_listed(r, &s->duties[i]))
            continue;
        if (!heading)
            strbuf_puts(r->out, "  Báo cáo phải gửi:\n");
        heading = true;
        text_duty(r, &s->duties[i]);
    }
}

static void text_plan(status_report *r, const status_plan *s, const char *file)
{
    const plan *p = s->plan;
    strbuf_printf(r->out, "\n%s%s%s · ", r->color ? "\033[1m" : "",
                  p->id.s ? p->id.s : "?", r->color ? "\033[0m" : "");
    visible_append(r->out, file, strlen(file));
    strbuf_putc(r->out, '\n');
    strbuf_printf(r->out, "  %zu hoạt động, hoàn thành %d%%:\n",
                  s->counts.total, status_counts_percent(&s->counts));
    put_counts_text(r->out, &s->counts, 4, r->width);
    for (size_t i = 0; i < s->nactivities; i++)
        if (listed(r, &s->activities[i]))
            text_activity(r, &s->activities[i], s->registry);
    text_duties(r, s);
}

/* --- JSON -------------------------------------------------------------- */

/* The shape schemas/output/status.schema.json describes (docs/json.md): a
 * plan's counts under `totals`, as all plans' are. */

static void json_counts(json_writer *w, const char *key, const status_counts *c)
{
    json_writer_object_begin(w, key, JSON_WRITER_COMPACT);
    for (int i = 0; i < STATUS_NSTATES; i++)
        json_writer_uint(w, status_state_name((status_state)i), c->n[i]);
    json_writer_end(w);
}

/* Units by their registered names (orgunits_join), and their ids. */
static void json_units(json_writer *w, const char *key, const char *ids_key,
                       const orgunits *r, const plan_units *u)
{
    orgunits_named *list = xmalloc((u->count + 1) * sizeof *list);
    size_t n = orgunits_distinct(r, u, list);
    for (int ids = 0; ids < 2; ids++) {
        json_writer_array_begin(w, ids ? ids_key : key, JSON_WRITER_COMPACT);
        for (size_t i = 0; i < n; i++)
            if (!ids || list[i].id)
                json_writer_string(w, NULL, ids ? list[i].id : list[i].name);
        json_writer_end(w);
    }
    free(list);
}

static void json_record(json_writer *w, const progress_record *rec)
{
    if (!rec) {
        json_writer_null(w, "last_update");
        return;
    }
    json_writer_object_begin(w, "last_update", JSON_WRITER_COMPACT);
    json_writer_date(w, "date", &rec->date);
    json_writer_string(w, "state", progress_state_name(rec->state));
    json_writer_string(w, "occurrence", rec->occurrence.s);
    if (rec->percent >= 0)
        json_writer_int(w, "percent", rec->percent);
    else
        json_writer_null(w, "percent");
    json_writer_string(w, "note", rec->note.s);
    json_writer_array_begin(w, "evidence", JSON_WRITER_COMPACT);
    for (size_t i = 0; i < rec->nevidence; i++)
        json_writer_string(w, NULL, rec->evidence[i].s);
    json_writer_end(w);
    json_writer_string(w, "by", rec->by.s);
    if (rec->of_report)
        json_writer_string(w, "document", rec->document.s);
    json_writer_end(w);
}

static void json_target(json_writer *w, const status_target *t)
{
    json_writer_object_begin(w, NULL, JSON_WRITER_COMPACT);
    json_writer_string(w, "name", t->target->name.s);
    json_writer_double(w, "value", t->target->value);
    json_writer_string(w, "unit", t->target->unit.s);
    json_writer_bool(w, "accumulates", t->accumulates);
    json_writer_double(w, "expected",
                       fabs(t->expected) < 1e15 ? round(t->expected * 100) / 100
                                                : t->expected);
    if (t->measured) {
        json_writer_double(w, "actual", t->actual);
        json_writer_date(w, "measured_on", &t->measured_on);
    } else {
        json_writer_null(w, "actual");
        json_writer_null(w, "measured_on");
    }
    if (t->track == STATUS_TRACK_UNKNOWN)
        json_writer_null(w, "on_track");
    else
        json_writer_bool(w, "on_track", t->track == STATUS_TRACK_ON);
    json_writer_end(w);
}

static void json_activity(json_writer *w, const status_activity *a,
                          const orgunits *registry)
{
    const plan_activity *act = a->activity;
    json_writer_object_begin(w, NULL, JSON_WRITER_COMPACT);
    json_writer_string(w, "id", act->id.s);
    json_writer_string(w, "title", act->title.s);
    json_writer_string(w, "section", act->section ? act->section->id.s : NULL);
    json_units(w, "lead", "lead_ids", registry, &act->lead);
    json_units(w, "partners", "partner_ids", registry, &act->partners);
    json_writer_string(w, "role", a->as_partner ? "partner" : "lead");
    json_writer_string(w, "time", act->time.s);
    json_writer_date(w, "due", a->noccurrences ? &a->due : NULL);
    json_writer_string(w, "state", status_state_name(a->state));
    json_writer_string(w, "state_label", status_state_label(a->state));
    json_writer_int(w, "percent", a->percent);
    json_writer_array_begin(w, "occurrences", JSON_WRITER_COMPACT);
    for (size_t i = 0; i < a->noccurrences; i++) {
        const status_occurrence *o = &a->occurrences[i];
        json_writer_object_begin(w, NULL, JSON_WRITER_COMPACT);
        json_writer_string(w, "key", o->window->key);
        json_writer_string(w, "label", o->window->label);
        json_writer_date(w, "from", &o->window->from);
        json_writer_date(w, "due", &o->window->due);
        json_writer_string(w, "state", status_state_name(o->state));
        json_writer_int(w, "percent", o->percent);
        json_writer_end(w);
    }
    json_writer_end(w);
    json_writer_array_begin(w, "targets", JSON_WRITER_COMPACT);
    for (size_t i = 0; i < a->ntargets; i++)
        json_target(w, &a->targets[i]);
    json_writer_end(w);
    json_record(w, a->last);
    json_writer_end(w);
}

static void json_duty(json_writer *w, const status_duty *d,
                      const orgunits *registry)
{
    const plan_report *rep = d->report;
    json_writer_object_begin(w, NULL, JSON_WRITER_COMPACT);
    json_writer_string(w, "id", rep->id);
    json_writer_string(w, "title", rep->what.s ? rep->what.s : rep->text.s);
    json_units(w, "by", "by_ids", registry, &rep->by);
    json_units(w, "to", "to_ids", registry, &rep->to);
    json_writer_string(w, "time", rep->when.s);
    json_writer_date(w, "due", d->noccurrences ? &d->due : NULL);
    json_writer_string(w, "state", status_state_name(d->state));
    json_writer_string(w, "state_label", status_state_label(d->state));
    json_writer_array_begin(w, "occurrences", JSON_WRITER_COMPACT);
    for (size_t i = 0; i < d->noccurrences; i++) {
        const status_occurrence *o = &d->occurrences[i];
        const progress_record *sent = status_done_record(o);
        json_writer_object_begin(w, NULL, JSON_WRITER_COMPACT);
        json_writer_string(w, "key", o->window->key);
        json_writer_string(w, "label", o->window->label);
        json_writer_date(w, "due", &o->window->due);
        json_writer_string(w, "state", status_state_name(o->state));
        json_writer_date(w, "sent_on", sent ? &sent->date : NULL);
        json_writer_string(w, "document", sent ? sent->document.s : NULL);
        json_writer_end(w);
    }
    json_writer_end(w);
    json_record(w, d->last);
    json_writer_end(w);
}

/* The sections (or the leads) with activities, one a line. */
static void json_groups(json_writer *w, const char *key, const status_group *g,
                        size_t n, bool sections)
{
    json_writer_break(w, 2);
    json_writer_array_begin(w, key, JSON_WRITER_LINES(4, 2));
    for (size_t i = 0; i < n; i++) {
        if (!g[i].counts.total)
            continue;
        json_writer_object_begin(w, NULL, JSON_WRITER_COMPACT);
        if (sections) {
            json_writer_string(w, "id", g[i].section->id.s);
            json_writer_string(w, "title", g[i].section->title.s);
        } else {
            json_writer_string(w, "name", g[i].name);
            json_writer_string(w, "id", g[i].unit ? g[i].unit->id.s : NULL);
            json_writer_bool(w, "unregistered", g[i].unregistered);
        }
        json_writer_uint(w, "activities", g[i].counts.total);
        json_writer_int(w, "percent", status_counts_percent(&g[i].counts));
        json_counts(w, "counts", &g[i].counts);
        json_writer_end(w);
    }
    json_writer_end(w);
}

static void json_plan(status_report *r, const status_plan *s, const char *file)
{
    json_writer *w = &r->json;
    json_writer_object_begin(w, NULL, JSON_WRITER_COMPACT);
    json_writer_string(w, "id", s->plan->id.s);
    json_writer_string(w, "file", file);
    json_writer_string(w, "title", s->plan->title.s);
    json_writer_object_begin(w, "totals", JSON_WRITER_COMPACT);
    json_writer_uint(w, "activities", s->counts.total);
    json_writer_int(w, "percent", status_counts_percent(&s->counts));
    json_counts(w, "counts", &s->counts);
    json_writer_end(w);
    json_groups(w, "sections", s->sections, s->nsections, true);
    json_groups(w, "leads", s->leads, s->nleads, false);
    json_writer_break(w, 2);
    json_writer_array_begin(w, "activities", JSON_WRITER_LINES(4, 2));
    for (size_t i = 0; i < s->nactivities; i++)
        if (listed(r, &s->activities[i]))
            json_activity(w, &s->activities[i], s->registry);
    json_writer_end(w);
    json_writer_break(w, 2);
    json_writer_array_begin(w, "reports", JSON_WRITER_LINES(4, 2));
    for (size_t i = 0; i < s->nduties; i++)
        if (duty_listed(r, &s->duties[i]))
            json_duty(w, &s->duties[i], s->registry);
    json_writer_end(w);
    json_writer_end(w);
}

/* --- CSV and the sheet ------------------------------------------------ */

static const char *const table_header[] = {
    "plan",        "file",
    "activity",    "section",
    "title",       "lead",
    "lead_ids",    "role",
    "due",         "state",
    "state_label", "percent",
    "occurrences", "occurrences_finished",
    "last_update", "last_state",
    "note",        "evidence",
    "by",          "document",
};

static void table_units(tabular *t, const orgunits *r, const plan_units *u,
                        bool ids)
{
    strbuf sb = STRBUF_INIT;
    orgunits_join(r, u, ids, &sb);
    tabular_text(t, sb.len ? strbuf_str(&sb) : NULL);
    strbuf_release(&sb);
}

/* The columns from last_update on, and the end of the row. */
static void table_last_record(tabular *t, const progress_record *last)
{
    tabular_date(t, last ? &last->date : NULL);
    tabular_text(t, last ? progress_state_name(last->state) : NULL);
    tabular_text(t, last ? last->note.s : NULL);
    strbuf ev = STRBUF_INIT;
    for (size_t k = 0; last && k < last->nevidence; k++)
        strbuf_printf(&ev, "%s%s", k ? "; " : "", last->evidence[k].s);
    tabular_text(t, ev.len ? strbuf_str(&ev) : NULL);
    strbuf_release(&ev);
    tabular_text(t, last ? last->by.s : NULL);
    tabular_text(t, last ? last->document.s : NULL);
    tabular_end_row(t);
}

/* A report's row: its id where an activity's goes, no section, no
 * percent. */
static void table_duty(tabular *t, const status_plan *s, const char *file,
                       const status_duty *d)
{
    const plan_report *rep = d->report;
    size_t finished = 0;
    for (size_t k = 0; k < d->noccurrences; k++)
        finished += status_is_finished(d->occurrences[k].state);
    tabular_text(t, s->plan->id.s);
    tabular_text(t, file);
    tabular_text(t, rep->id);
    tabular_text(t, NULL);
    tabular_text(t, rep->what.s ? rep->what.s : rep->text.s);
    table_units(t, s->registry, &rep->by, false);
    table_units(t, s->registry, &rep->by, true);
    tabular_text(t, "lead");
    tabular_date(t, d->noccurrences ? &d->due : NULL);
    tabular_text(t, status_state_name(d->state));
    tabular_text(t, status_state_label(d->state));
    tabular_text(t, NULL);
    tabular_number(t, (long)d->noccurrences);
    tabular_number(t, (long)finished);
    table_last_record(t, d->last);
}

static void table_plan(status_report *r, const status_plan *s, const char *file)
{
    tabular *t = &r->table;
    for (size_t i = 0; i < s->nactivities; i++) {
        const status_activity *a = &s->activities[i];
        if (!listed(r, a))
            continue;
        const plan_activity *act = a->activity;
        size_t finished = 0;
        for (size_t k = 0; k < a->noccurrences; k++)
            finished += status_is_finished(a->occurrences[k].state);
        tabular_text(t, s->plan->id.s);
        tabular_text(t, file);
        tabular_text(t, act->id.s);
        tabular_text(t, act->section ? act->section->id.s : NULL);
        tabular_text(t, act->title.s);
        table_units(t, s->registry, &act->lead, false);
        table_units(t, s->registry, &act->lead, true);
        tabular_text(t, a->as_partner ? "partner" : "lead");
        tabular_date(t, a->noccurrences ? &a->due : NULL);
        tabular_text(t, status_state_name(a->state));
        tabular_text(t, status_state_label(a->state));
        tabular_number(t, a->percent);
        tabular_number(t, (long)a->noccurrences);
        tabular_number(t, (long)finished);
        table_last_record(t, a->last);
    }
    for (size_t i = 0; i < s->nduties; i++)
        if (duty_listed(r, &s->duties[i]))
            table_duty(t, s, file, &s->duties[i]);
}

/* --- the report --------------------------------------------------------- */

void status_format_begin(status_report *r)
{
    char day[11];
    r->plans = 0;
    memset(&r->totals, 0, sizeof r->totals);
    json_writer_init(&r->json, r->out);
    switch (r->kind) {
    case STATUS_FORMAT_TEXT:
        date_format_vn(r->as_of, day);
        strbuf_printf(r->out, "Tình hình thực hiện tính đến ngày %s", day);
        if (r->unit) {
            strbuf_puts(r->out, "; đơn vị: ");
            visible_append(r->out, r->unit, strlen(r->unit));
        }
        if (r->has_state)
            strbuf_printf(r->out, "; chỉ hiện: %s",
                          status_state_label(r->state));
        strbuf_putc(r->out, '\n');
        break;
    case STATUS_FORMAT_JSON:
        json_writer_object_begin(&r->json, NULL, JSON_WRITER_LINES(0, 0));
        json_writer_date(&r->json, "as_of", &r->as_of);
        json_writer_string(&r->json, "unit", r->unit);
        json_writer_string(&r->json, "state",
                           r->has_state ? status_state_name(r->state) : NULL);
        json_writer_array_begin(&r->json, "plans", JSON_WRITER_LINES(1, 0));
        break;
    case STATUS_FORMAT_CSV:
        if (r->bom)
            strbuf_puts(r->out, CSV_BOM);
        tabular_init_csv(&r->table, r->out);
        tabular_header(&r->table, table_header,
                       sizeof table_header / sizeof *table_header);
        break;
    case STATUS_FORMAT_SHEET:
        tabular_init_sheet(&r->table, r->sheet);
        tabular_header(&r->table, table_header,
                       sizeof table_header / sizeof *table_header);
        break;
    }
}

void status_format_plan(status_report *r, const status_plan *s,
                        const char *file)
{
    if (!s->counts.total)
        return; /* nothing of the unit's in this plan */
    switch (r->kind) {
    case STATUS_FORMAT_TEXT:
        text_plan(r, s, file);
        break;
    case STATUS_FORMAT_JSON:
        json_plan(r, s, file);
        break;
    case STATUS_FORMAT_CSV:
    case STATUS_FORMAT_SHEET:
        table_plan(r, s, file);
        break;
    }
    r->plans++;
    status_counts_add(&r->totals, &s->counts);
}

void status_format_end(status_report *r)
{
    switch (r->kind) {
    case STATUS_FORMAT_TEXT:
        if (!r->plans) {
            strbuf_puts(r->out, "\nKhông có hoạt động nào.\n");
        } else if (r->plans > 1) {
            strbuf_printf(
                r->out,
                "\nTổng cộng %zu kế hoạch, %zu hoạt động, hoàn thành %d%%:\n",
                r->plans, r->totals.total, status_counts_percent(&r->totals));
            put_counts_text(r->out, &r->totals, 2, r->width);
        }
        break;
    case STATUS_FORMAT_JSON:
        json_writer_end(&r->json); /* the plans */
        json_writer_object_begin(&r->json, "totals", JSON_WRITER_COMPACT);
        json_writer_uint(&r->json, "plans", r->plans);
        json_writer_uint(&r->json, "activities", r->totals.total);
        json_writer_int(&r->json, "percent", status_counts_percent(&r->totals));
        json_counts(&r->json, "counts", &r->totals);
        json_writer_end(&r->json);
        json_writer_end(&r->json);
        strbuf_putc(r->out, '\n');
        break;
    case STATUS_FORMAT_CSV:
    case STATUS_FORMAT_SHEET:
        tabular_finish(&r->table);
        break;
    }
}
