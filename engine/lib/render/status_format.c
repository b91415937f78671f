/* status_format.c - status as text, JSON and CSV (see status_format.h).
 *
 * JSON is written as a stream: the opening, one object per plan as it
 * comes, then the totals; the separators are decided by the count of
 * plans written so far. */
#include "status_format.h"

#include "csv.h"
#include "utf8.h"
#include "visible.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define ID_WIDTH 7       /* columns for an activity's id in text */

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
        STATUS_OPEN, STATUS_PLANNED, STATUS_CANCELLED,
    };
    size_t col = indent;
    bool first = true;
    sb_repeat(out, ' ', indent);
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        size_t n = c->n[order[i]];
        if (!n)
            continue;
        char part[64];
        snprintf(part, sizeof part, "%zu %s", n, status_state_words(order[i]));
        size_t w = utf8_advance(part, strlen(part), 0);
        if (!first && col + 2 + w > width) {
            sb_puts(out, ",\n");
            sb_repeat(out, ' ', indent);
            col = indent;
        } else if (!first) {
            sb_puts(out, ", ");
            col += 2;
        }
        sb_puts(out, part);
        col += w;
        first = false;
    }
    sb_putc(out, '\n');
}

static void text_activity(status_report *r, const status_activity *a)
{
    const plan_activity *act = a->activity;
    size_t width = r->width, room = width > ID_WIDTH + 20 ? width - ID_WIDTH - 2 : 40;
    sb_puts(r->out, "  ");
    size_t idw = act->id.s ? utf8_advance(act->id.s, strlen(act->id.s), 0) : 0;
    visible_fit(r->out, act->id.s ? act->id.s : "?", ID_WIDTH - 1);
    sb_repeat(r->out, ' ', idw < ID_WIDTH ? ID_WIDTH - idw : 1);
    visible_fit(r->out, act->title.s ? act->title.s : "", room);
    sb_putc(r->out, '\n');

    /* the second line: state, percent, due date, occurrences, lead */
    strbuf line = STRBUF_INIT;
    char due[11];
    if (a->state != STATUS_CANCELLED)
        sb_printf(&line, " %d%%", a->percent);
    if (a->noccurrences) {
        date_format_vn(a->due, due);
        sb_printf(&line, " · hạn %s", due);
    }
    if (a->noccurrences > 1) {
        size_t done = 0;
        for (size_t i = 0; i < a->noccurrences; i++)
            done += status_is_finished(a->occurrences[i].state);
        sb_printf(&line, " · xong %zu/%zu lần", done, a->noccurrences);
    }
    const char *label = status_state_label(a->state);
    size_t used = ID_WIDTH + 2 + utf8_advance(label, strlen(label), 0) +
                  utf8_advance(line.buf ? line.buf : "", line.len, 0);
    const char *on = r->color ? state_color(a->state) : "";
    sb_repeat(r->out, ' ', ID_WIDTH + 2);
    sb_printf(r->out, "%s%s%s", on, label, *on ? "\033[0m" : "");
    sb_add(r->out, sb_str(&line), line.len);
    if (act->lead.count && width > used + 3 + 10) {
        sb_reset(&line);
        sb_printf(&line, "%s%s", a->as_partner ? "phối hợp; chủ trì: " : "",
                  act->lead.items[0].s);
        sb_puts(r->out, " · ");
        visible_fit(r->out, sb_str(&line), width - used - 3);
    }
    sb_putc(r->out, '\n');
    sb_release(&line);
    if (a->last_note) {
        char day[11];
        date_format_vn(a->last_note->date, day);
        strbuf note = STRBUF_INIT;
        sb_printf(&note, "%s: %s", day, a->last_note->note.s);
        sb_repeat(r->out, ' ', ID_WIDTH + 2);
        visible_fit(r->out, sb_str(&note), room);
        sb_putc(r->out, '\n');
        sb_release(&note);
    }
}

static void text_plan(status_report *r, const status_plan *s, const char *file)
{
    const plan *p = s->plan;
    sb_printf(r->out, "\n%s%s%s · ", r->color ? "\033[1m" : "",
              p->id.s ? p->id.s : "?", r->color ? "\033[0m" : "");
    visible_append(r->out, file, strlen(file));
    sb_putc(r->out, '\n');
    sb_printf(r->out, "  %zu hoạt động, hoàn thành %d%%:\n", s->counts.total,
              status_counts_percent(&s->counts));
    put_counts_text(r->out, &s->counts, 4, r->width);
    for (size_t i = 0; i < s->nactivities; i++)
        if (listed(r, &s->activities[i]))
            text_activity(r, &s->activities[i]);
}

/* --- JSON -------------------------------------------------------------- */

static void json_str(strbuf *out, const char *s)
{
    if (s)
        sb_json_string(out, s, strlen(s));
    else
        sb_puts(out, "null");
}

static void json_date(strbuf *out, date d)
{
    char iso[11];
    date_format_iso(d, iso);
    sb_printf(out, "\"%s\"", iso);
}

/* JSON has no infinity or NaN: whatever reaches here, null. */
static void json_number(strbuf *out, double v)
{
    if (!isfinite(v))
        sb_puts(out, "null");
    else
        sb_printf(out, "%.15g", v);
}

static void json_counts(strbuf *out, const status_counts *c)
{
    sb_puts(out, "{");
    for (int i = 0; i < STATUS_NSTATES; i++)
        sb_printf(out, "%s\"%s\":%zu", i ? "," : "", status_state_name((status_state)i),
                  c->n[i]);
    sb_puts(out, "}");
}

static void json_units(strbuf *out, const plan_units *u)
{
    sb_puts(out, "[");
    for (size_t i = 0; i < u->count; i++) {
        if (i)
            sb_putc(out, ',');
        json_str(out, u->items[i].s);
    }
    sb_puts(out, "]");
}

static void json_record(strbuf *out, const progress_record *rec)
{
    if (!rec) {
        sb_puts(out, "null");
        return;
    }
    sb_puts(out, "{\"date\":");
    json_date(out, rec->date);
    sb_puts(out, ",\"state\":");
    json_str(out, progress_state_name(rec->state));
    sb_puts(out, ",\"occurrence\":");
    json_str(out, rec->occurrence.s);
    sb_puts(out, ",\"percent\":");
    if (rec->percent >= 0)
        sb_printf(out, "%d", rec->percent);
    else
        sb_puts(out, "null");
    sb_puts(out, ",\"note\":");
    json_str(out, rec->note.s);
    sb_puts(out, ",\"evidence\":[");
    for (size_t i = 0; i < rec->nevidence; i++) {
        if (i)
            sb_putc(out, ',');
        json_str(out, rec->evidence[i].s);
    }
    sb_puts(out, "],\"by\":");
    json_str(out, rec->by.s);
    sb_puts(out, "}");
}

static void json_targets(strbuf *out, const status_activity *a)
{
    static const char *const track[] = {"null", "true", "false"};
    sb_puts(out, "[");
    for (size_t i = 0; i < a->ntargets; i++) {
        const status_target *t = &a->targets[i];
        sb_puts(out, i ? ",{\"name\":" : "{\"name\":");
        json_str(out, t->target->name.s);
        sb_puts(out, ",\"value\":");
        json_number(out, t->target->value);
        sb_puts(out, ",\"unit\":");
        json_str(out, t->target->unit.s);
        sb_printf(out, ",\"accumulates\":%s,\"expected\":", t->accumulates ? "true" : "false");
        json_number(out, fabs(t->expected) < 1e15 ? round(t->expected * 100) / 100
                                                  : t->expected);
        sb_puts(out, ",\"actual\":");
        if (t->measured)
            json_number(out, t->actual);
        else
            sb_puts(out, "null");
        sb_puts(out, ",\"measured_on\":");
        if (t->measured)
            json_date(out, t->measured_on);
        else
            sb_puts(out, "null");
        sb_printf(out, ",\"on_track\":%s}", track[t->track]);
    }
    sb_puts(out, "]");
}

static void json_activity(strbuf *out, const status_activity *a, bool first)
{
    const plan_activity *act = a->activity;
    sb_puts(out, first ? "\n    {\"id\":" : ",\n    {\"id\":");
    json_str(out, act->id.s);
    sb_puts(out, ",\"title\":");
    json_str(out, act->title.s);
    sb_puts(out, ",\"section\":");
    json_str(out, act->section ? act->section->id.s : NULL);
    sb_puts(out, ",\"lead\":");
    json_units(out, &act->lead);
    sb_puts(out, ",\"partners\":");
    json_units(out, &act->partners);
    sb_printf(out, ",\"role\":\"%s\"", a->as_partner ? "partner" : "lead");
    sb_puts(out, ",\"time\":");
    json_str(out, act->time.s);
    sb_puts(out, ",\"due\":");
    if (a->noccurrences)
        json_date(out, a->due);
    else
        sb_puts(out, "null");
    sb_printf(out, ",\"state\":\"%s\",\"state_label\":", status_state_name(a->state));
    json_str(out, status_state_label(a->state));
    sb_printf(out, ",\"percent\":%d,\"occurrences\":[", a->percent);
    for (size_t i = 0; i < a->noccurrences; i++) {
        const status_occurrence *o = &a->occurrences[i];
        sb_puts(out, i ? ",{\"key\":" : "{\"key\":");
        json_str(out, o->window->key);
        sb_puts(out, ",\"label\":");
        json_str(out, o->window->label);
        sb_puts(out, ",\"from\":");
        json_date(out, o->window->from);
        sb_puts(out, ",\"due\":");
        json_date(out, o->window->due);
        sb_printf(out, ",\"state\":\"%s\",\"percent\":%d}", status_state_name(o->state),
                  o->percent);
    }
    sb_puts(out, "],\"targets\":");
    json_targets(out, a);
    sb_puts(out, ",\"last_update\":");
    json_record(out, a->last);
    sb_puts(out, "}");
}

static void json_groups(strbuf *out, const status_group *g, size_t n, bool sections)
{
    sb_puts(out, "[");
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (!g[i].counts.total)
            continue;
        sb_puts(out, shown++ ? ",\n    {" : "\n    {");
        if (sections) {
            sb_puts(out, "\"id\":");
            json_str(out, g[i].section->id.s);
            sb_puts(out, ",\"title\":");
            json_str(out, g[i].section->title.s);
        } else {
            sb_puts(out, "\"unit\":");
            json_str(out, g[i].name);
            sb_puts(out, ",\"id\":");
            json_str(out, g[i].unit ? g[i].unit->id.s : NULL);
            sb_printf(out, ",\"unregistered\":%s", g[i].unregistered ? "true" : "false");
        }
        sb_printf(out, ",\"activities\":%zu,\"percent\":%d,\"counts\":", g[i].counts.total,
                  status_counts_percent(&g[i].counts));
        json_counts(out, &g[i].counts);
        sb_puts(out, "}");
    }
    sb_puts(out, shown ? "\n  ]" : "]");
}

static void json_plan(status_report *r, const status_plan *s, const char *file)
{
    strbuf *out = r->out;
    sb_puts(out, r->plans ? ",\n {\"id\":" : "\n {\"id\":");
    json_str(out, s->plan->id.s);
    sb_puts(out, ",\"file\":");
    json_str(out, file);
    sb_puts(out, ",\"title\":");
    json_str(out, s->plan->title.s);
    sb_printf(out, ",\"activity_count\":%zu,\"percent\":%d,\"counts\":", s->counts.total,
              status_counts_percent(&s->counts));
    json_counts(out, &s->counts);
    sb_puts(out, ",\n  \"sections\":");
    json_groups(out, s->sections, s->nsections, true);
    sb_puts(out, ",\n  \"leads\":");
    json_groups(out, s->leads, s->nleads, false);
    sb_puts(out, ",\n  \"activities\":[");
    bool first = true;
    for (size_t i = 0; i < s->nactivities; i++)
        if (listed(r, &s->activities[i])) {
            json_activity(out, &s->activities[i], first);
            first = false;
        }
    sb_puts(out, first ? "]}" : "\n  ]}");
}

/* --- CSV --------------------------------------------------------------- */

static const char *const csv_header[] = {
    "plan", "file", "activity", "section", "title", "lead", "role", "due", "state",
    "state_label", "percent", "occurrences", "occurrences_finished", "last_update",
    "last_state", "note", "evidence", "by",
};

static void csv_joined_units(strbuf *out, const plan_units *u)
{
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < u->count; i++)
        sb_printf(&sb, "%s%s", i ? "; " : "", u->items[i].s);
    csv_text(out, u->count ? sb_str(&sb) : NULL, false);
    sb_release(&sb);
}

static void csv_plan(status_report *r, const status_plan *s, const char *file)
{
    for (size_t i = 0; i < s->nactivities; i++) {
        const status_activity *a = &s->activities[i];
        if (!listed(r, a))
            continue;
        const plan_activity *act = a->activity;
        char due[11] = "", last[11] = "";
        if (a->noccurrences)
            date_format_iso(a->due, due);
        if (a->last)
            date_format_iso(a->last->date, last);
        size_t finished = 0;
        for (size_t k = 0; k < a->noccurrences; k++)
            finished += status_is_finished(a->occurrences[k].state);
        csv_text(r->out, s->plan->id.s, true);
        csv_text(r->out, file, false);
        csv_text(r->out, act->id.s, false);
        csv_text(r->out, act->section ? act->section->id.s : NULL, false);
        csv_text(r->out, act->title.s, false);
        csv_joined_units(r->out, &act->lead);
        csv_text(r->out, a->as_partner ? "partner" : "lead", false);
        csv_text(r->out, due, false);
        csv_text(r->out, status_state_name(a->state), false);
        csv_text(r->out, status_state_label(a->state), false);
        csv_number(r->out, a->percent, false);
        csv_number(r->out, (long)a->noccurrences, false);
        csv_number(r->out, (long)finished, false);
        csv_text(r->out, last, false);
        csv_text(r->out, a->last ? progress_state_name(a->last->state) : NULL, false);
        csv_text(r->out, a->last ? a->last->note.s : NULL, false);
        strbuf ev = STRBUF_INIT;
        for (size_t k = 0; a->last && k < a->last->nevidence; k++)
            sb_printf(&ev, "%s%s", k ? "; " : "", a->last->evidence[k].s);
        csv_text(r->out, ev.len ? sb_str(&ev) : NULL, false);
        sb_release(&ev);
        csv_text(r->out, a->last ? a->last->by.s : NULL, false);
        csv_end_row(r->out);
    }
}

/* --- the report --------------------------------------------------------- */

void status_format_begin(status_report *r)
{
    char day[11];
    r->plans = 0;
    memset(&r->totals, 0, sizeof r->totals);
    switch (r->kind) {
    case STATUS_FORMAT_TEXT:
        date_format_vn(r->as_of, day);
        sb_printf(r->out, "Tình hình thực hiện tính đến ngày %s", day);
        if (r->unit) {
            sb_puts(r->out, "; đơn vị: ");
            visible_append(r->out, r->unit, strlen(r->unit));
        }
        if (r->has_state)
            sb_printf(r->out, "; chỉ hiện: %s", status_state_label(r->state));
        sb_putc(r->out, '\n');
        break;
    case STATUS_FORMAT_JSON:
        date_format_iso(r->as_of, day);
        sb_printf(r->out, "{\n\"as_of\": \"%s\",\n\"unit\": ", day);
        json_str(r->out, r->unit);
        sb_puts(r->out, ",\n\"state\": ");
        json_str(r->out, r->has_state ? status_state_name(r->state) : NULL);
        sb_puts(r->out, ",\n\"plans\": [");
        break;
    case STATUS_FORMAT_CSV:
        for (size_t i = 0; i < sizeof csv_header / sizeof *csv_header; i++)
            csv_text(r->out, csv_header[i], i == 0);
        csv_end_row(r->out);
        break;
    }
}

void status_format_plan(status_report *r, const status_plan *s, const char *file)
{
    if (!s->counts.total)
        return;                 /* nothing of the unit's in this plan */
    switch (r->kind) {
    case STATUS_FORMAT_TEXT:
        text_plan(r, s, file);
        break;
    case STATUS_FORMAT_JSON:
        json_plan(r, s, file);
        break;
    case STATUS_FORMAT_CSV:
        csv_plan(r, s, file);
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
            sb_puts(r->out, "\nKhông có hoạt động nào.\n");
        } else if (r->plans > 1) {
            sb_printf(r->out, "\nTổng cộng %zu kế hoạch, %zu hoạt động, hoàn thành %d%%:\n",
                      r->plans, r->totals.total, status_counts_percent(&r->totals));
            put_counts_text(r->out, &r->totals, 2, r->width);
        }
        break;
    case STATUS_FORMAT_JSON:
        sb_printf(r->out, "%s\"totals\": {\"plans\":%zu,\"activities\":%zu,\"percent\":%d,"
                          "\"counts\":", r->plans ? "\n],\n" : "],\n", r->plans,
                  r->totals.total, status_counts_percent(&r->totals));
        json_counts(r->out, &r->totals);
        sb_puts(r->out, "}\n}\n");
        break;
    case STATUS_FORMAT_CSV:
        break;
    }
}
