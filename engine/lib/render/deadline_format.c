/* deadline_format.c - deadlines as text, JSON, CSV, a sheet and iCalendar
 * (see deadline_format.h). */
#include "deadline_format.h"

#include "csv.h"
#include "ics.h"
#include "json_writer.h"
#include "tabular.h"
#include "utf8.h"
#include "visible.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define INDENT 13 /* columns before an item's second and third lines */

/* --- text -------------------------------------------------------------- */

static void put_days(strbuf *out, const deadline_item *it)
{
    char days[40];
    if (it->days_left < 0)
        snprintf(days, sizeof days, "trễ %ld ngày", -it->days_left);
    else if (it->days_left == 0)
        snprintf(days, sizeof days, "hôm nay");
    else
        snprintf(days, sizeof days, "còn %ld ngày", it->days_left);
    strbuf_puts(out, days);
    size_t w = utf8_advance(days, strlen(days), 0);
    strbuf_repeat(out, ' ', w < 15 ? 15 - w : 1);
}

static void put_item(strbuf *out, const deadline_item *it, bool color,
                     size_t width)
{
    char due[11];
    date_format_vn(it->due, due);
    const char *on = "", *off = "";
    if (color && it->state == DEADLINE_OVERDUE)
        on = "\033[1;31m", off = "\033[0m";
    else if (color && it->days_left == 0)
        on = "\033[1;33m", off = "\033[0m";
    strbuf_printf(out, " %s%s%s  ", on, due, off);
    put_days(out, it);
    strbuf head = STRBUF_INIT;
    strbuf_printf(&head, "%s · %s%s", it->plan_id ? it->plan_id : "?",
                  it->kind == DEADLINE_REPORT ? "báo cáo " : "",
                  it->activity_id);
    if (it->role == DEADLINE_PARTNER)
        strbuf_puts(&head, " (phối hợp)");
    if (it->state == DEADLINE_IN_PROGRESS)
        strbuf_puts(&head, " · đang thực hiện");
    visible_fit(out, strbuf_str(&head),
                width > INDENT + 16 ? width - INDENT - 16 : 20);
    strbuf_release(&head);
    strbuf_putc(out, '\n');

    size_t room = width > INDENT + 10 ? width - INDENT : 40;
    strbuf_repeat(out, ' ', INDENT);
    visible_fit(out, it->title ? it->title : "", room);
    strbuf_putc(out, '\n');

    strbuf who = STRBUF_INIT;
    if (it->occurrences > 1 || it->kind == DEADLINE_REPORT)
        strbuf_printf(&who, "%s · ", it->label);
    if (it->kind == DEADLINE_REPORT) {
        strbuf_printf(&who, "Báo cáo: %s", it->lead ? it->lead : "(không ghi)");
        if (it->partners)
            strbuf_printf(&who, " → %s", it->partners);
    } else {
        strbuf_printf(&who, "Chủ trì: %s", it->lead ? it->lead : "(không ghi)");
    }
    strbuf_repeat(out, ' ', INDENT);
    visible_fit(out, strbuf_str(&who), room);
    strbuf_release(&who);
    strbuf_putc(out, '\n');
}

static void text_begin(deadline_writer *w)
{
    const deadline_query *q = w->q;
    strbuf *out = w->out;
    char as_of[11];
    date_format_vn(q->as_of, as_of);
    strbuf_printf(out, "Tính đến ngày %s: %zu quá hạn, %zu sắp tới", as_of,
                  w->overdue, w->total - w->overdue);
    if (q->has_until) {
        char until[11];
        date_format_vn(q->until, until);
        strbuf_printf(out, " (đến %s)", until);
    }
    if (q->unit) {
        strbuf_puts(out, "; đơn vị: ");
        visible_append(out, q->unit, strlen(q->unit));
    }
    strbuf_putc(out, '\n');
}

/* The item, under its part's heading (written before the part's first). */
static void text_item(deadline_writer *w, const deadline_item *it)
{
    bool late = it->state == DEADLINE_OVERDUE;
    bool *begun = late ? &w->late_begun : &w->coming_begun;
    if (!*begun)
        strbuf_printf(w->out, "\n%s%s (%zu)%s\n", w->color ? "\033[1m" : "",
                      late ? "QUÁ HẠN" : "SẮP TỚI",
                      late ? w->overdue : w->total - w->overdue,
                      w->color ? "\033[0m" : "");
    *begun = true;
    put_item(w->out, it, w->color, w->width);
}

void deadline_format_text(const deadline_list *l, const deadline_query *q,
                          strbuf *out, bool color, size_t width)
{
    deadline_writer w = {.kind = DEADLINE_FORMAT_TEXT,
                         .q = q,
                         .out = out,
                         .color = color,
                         .width = width,
                         .total = l->count};
    for (size_t i = 0; i < l->count; i++)
        w.overdue += l->items[i].state == DEADLINE_OVERDUE;
    deadline_format_begin(&w);
    for (int part = 0; part < 2; part++)
        for (size_t i = 0; i < l->count; i++)
            if ((l->items[i].state == DEADLINE_OVERDUE) == (part == 0))
                deadline_format_item(&w, &l->items[i]);
    deadline_format_end(&w);
}

/* --- JSON -------------------------------------------------------------- */

/* The shape schemas/output/deadlines.schema.json describes (docs/json.md):
 * the keys and units' lists as in status's JSON, an item's own id as `id`. */

/* Names or ids of units: always an array, empty when there are none. */
static void json_unit_list(json_writer *w, const char *key, const char **list,
                           size_t n)
{
    json_writer_array_begin(w, key, JSON_WRITER_COMPACT);
    for (size_t i = 0; i < n; i++)
        json_writer_string(w, NULL, list[i]);
    json_writer_end(w);
}

static void json_item(json_writer *w, const deadline_item *it)
{
    json_writer_object_begin(w, NULL, JSON_WRITER_COMPACT);
    json_writer_string(w, "plan", it->plan_id);
    json_writer_string(w, "file", it->plan_file);
    json_writer_string(w, "id", it->activity_id);
    json_writer_string(w, "kind",
                       it->kind == DEADLINE_REPORT ? "report" : "activity");
    json_writer_string(w, "title", it->title);
    json_unit_list(w, "lead", it->lead_list.names, it->lead_list.nnames);
    json_unit_list(w, "partners", it->partner_list.names,
                   it->partner_list.nnames);
    json_unit_list(w, "lead_ids", it->lead_list.ids, it->lead_list.nids);
    json_unit_list(w, "partner_ids", it->partner_list.ids,
                   it->partner_list.nids);
    json_writer_string(w, "role",
                       it->role == DEADLINE_PARTNER ? "partner" : "lead");
    json_writer_string(w, "time", it->time);
    json_writer_string(w, "occurrence", it->key);
    json_writer_string(w, "occurrence_label", it->label);
    json_writer_string(w, "note", it->note);
    json_writer_date(w, "from", &it->from);
    json_writer_date(w, "to", &it->to);
    json_writer_date(w, "due", &it->due);
    json_writer_int(w, "days_left", it->days_left);
    json_writer_string(w, "state", deadline_state_name(it->state));
    json_writer_end(w);
}

static void json_begin(deadline_writer *w)
{
    const deadline_query *q = w->q;
    json_writer_init(&w->json, w->out);
    json_writer_object_begin(&w->json, NULL, JSON_WRITER_LINES(0, 0));
    json_writer_date(&w->json, "as_of", &q->as_of);
    json_writer_date(&w->json, "until", q->has_until ? &q->until : NULL);
    json_writer_string(&w->json, "unit", q->unit);
    json_writer_array_begin(&w->json, "items", JSON_WRITER_LINES(2, 0));
}

static void json_end(deadline_writer *w)
{
    json_writer_end(&w->json);
    json_writer_object_begin(&w->json, "counts", JSON_WRITER_SPACED);
    json_writer_uint(&w->json, "overdue", w->counts[DEADLINE_OVERDUE]);
    json_writer_uint(&w->json, "in-progress", w->counts[DEADLINE_IN_PROGRESS]);
    json_writer_uint(&w->json, "open", w->counts[DEADLINE_OPEN]);
    json_writer_uint(&w->json, "planned", w->counts[DEADLINE_PLANNED]);
    json_writer_end(&w->json);
    json_writer_end(&w->json);
    strbuf_putc(w->out, '\n');
}

/* A whole list, in the list's order. */
static void format_list(deadline_writer *w, const deadline_list *l)
{
    deadline_format_begin(w);
    for (size_t i = 0; i < l->count; i++)
        deadline_format_item(w, &l->items[i]);
    deadline_format_end(w);
}

void deadline_format_json(const deadline_list *l, const deadline_query *q,
                          strbuf *out)
{
    deadline_writer w = {.kind = DEADLINE_FORMAT_JSON, .q = q, .out = out};
    format_list(&w, l);
}

/* --- CSV and the sheet ------------------------------------------------ */

static void table_begin(deadline_writer *w)
{
    static const char *const header[] = {
        "plan",     "file",        "activity",
        "kind",     "occurrence",  "occurrence_label",
        "title",    "lead",        "partners",
        "lead_ids", "partner_ids", "role",
        "time",     "note",        "from",
        "to",       "due",         "days_left",
        "state",
    };
    if (w->kind == DEADLINE_FORMAT_SHEET) {
        tabular_init_sheet(&w->table, w->sheet);
    } else {
        if (w->bom)
            strbuf_puts(w->out, CSV_BOM);
        tabular_init_csv(&w->table, w->out);
    }
    tabular_header(&w->table, header, sizeof header / sizeof *header);
}

static void table_row(tabular *t, const deadline_item *it)
{
    tabular_text(t, it->plan_id);
    tabular_text(t, it->plan_file);
    tabular_text(t, it->activity_id);
    tabular_text(t, it->kind == DEADLINE_REPORT ? "report" : "activity");
    tabular_text(t, it->key);
    tabular_text(t, it->label);
    tabular_text(t, it->title);
    tabular_text(t, it->lead);
    tabular_text(t, it->partners);
    tabular_text(t, it->lead_ids);
    tabular_text(t, it->partner_ids);
    tabular_text(t, it->role == DEADLINE_PARTNER ? "partner" : "lead");
    tabular_text(t, it->time);
    tabular_text(t, it->note);
    tabular_date(t, &it->from);
    tabular_date(t, &it->to);
    tabular_date(t, &it->due);
    tabular_number(t, it->days_left);
    tabular_text(t, deadline_state_name(it->state));
    tabular_end_row(t);
}

void deadline_format_csv(const deadline_list *l, strbuf *out, bool bom)
{
    deadline_writer w = {.kind = DEADLINE_FORMAT_CSV, .out = out, .bom = bom};
    format_list(&w, l);
}

void deadline_format_sheet(const deadline_list *l, xlsx_sheet *s)
{
    deadline_writer w = {.kind = DEADLINE_FORMAT_SHEET, .sheet = s};
    format_list(&w, l);
}

/* --- iCalendar --------------------------------------------------------- */

/* What an item is, never where it stands in a list: the plan, the activity
 * or the duty's key (deadline_item.duty_key), the occurrence. */
static void ics_uid(strbuf *uid, const deadline_item *it)
{
    strbuf_printf(uid, "%s/", it->plan_id ? it->plan_id : "plan");
    if (it->kind == DEADLINE_REPORT)
        strbuf_printf(uid, "report-%s", it->duty_key ? it->duty_key : "");
    else
        strbuf_printf(uid, "activity-%s",
                      it->activity_id ? it->activity_id : "");
    strbuf_printf(uid, "/%s@kehoach", it->key ? it->key : "");
}

/* A date at midnight UTC, as DATE-TIME: progress records carry days. */
static void ics_day_stamp(strbuf *out, const char *name, date d)
{
    char value[20];
    snprintf(value, sizeof value, "%04u%02u%02uT000000Z",
             (unsigned)d.year % 10000u, (unsigned)d.month % 100u,
             (unsigned)d.day % 100u);
    ics_line(out, name, value);
}

static void ics_event(strbuf *out, const deadline_item *it, const char *stamp)
{
    bool finished = status_is_finished(it->status);
    strbuf uid = STRBUF_INIT, text = STRBUF_INIT;
    strbuf_puts(out, "BEGIN:VEVENT\r\n");
    ics_uid(&uid, it);
    ics_text(out, "UID", strbuf_str(&uid));
    ics_line(out, "DTSTAMP", stamp);
    if (it->records)
        ics_day_stamp(out, "LAST-MODIFIED", it->changed);
    strbuf_printf(&text, "%zu", it->records);
    ics_line(out, "SEQUENCE", strbuf_str(&text));
    strbuf_reset(&text);
    ics_line(out, "STATUS",
             it->status == STATUS_CANCELLED ? "CANCELLED" : "CONFIRMED");
    ics_all_day(out, it->due);
    if (finished)
        strbuf_printf(&text, "[%s] ", status_state_label(it->status));
    if (it->kind == DEADLINE_REPORT)
        strbuf_printf(&text, "Hạn báo cáo: %s (%s)", it->title ? it->title : "",
                      it->label);
    else
        strbuf_printf(&text, "Hạn %s: %s",
                      it->activity_id ? it->activity_id : "",
                      it->title ? it->title : "");
    ics_text(out, "SUMMARY", strbuf_str(&text));
    strbuf_reset(&text);
    strbuf_printf(&text, "Kế hoạch: %s\n", it->plan_id ? it->plan_id : "");
    if (it->kind == DEADLINE_REPORT) {
        strbuf_printf(&text, "Báo cáo %s: %s\n", it->activity_id,
                      it->title ? it->title : "");
        if (it->lead)
            strbuf_printf(&text, "Đơn vị báo cáo: %s\n", it->lead);
        if (it->partners)
            strbuf_printf(&text, "Gửi: %s\n", it->partners);
        strbuf_printf(&text, "Kỳ báo cáo: %s\n", it->label);
    } else {
        strbuf_printf(&text, "Hoạt động %s: %s\n",
                      it->activity_id ? it->activity_id : "",
                      it->title ? it->title : "");
        if (it->lead)
            strbuf_printf(&text, "Chủ trì: %s\n", it->lead);
        if (it->partners)
            strbuf_printf(&text, "Phối hợp: %s\n", it->partners);
        if (it->occurrences > 1)
            strbuf_printf(&text, "Đợt: %s (%zu/%zu)\n", it->label,
                          it->occurrence, it->occurrences);
    }
    if (it->time)
        strbuf_printf(&text, "Thời gian: %s\n", it->time);
    if (it->note)
        strbuf_printf(&text, "Ghi chú: %s\n", it->note);
    if (finished) {
        char on[11];
        date_format_vn(it->changed, on);
        strbuf_printf(&text, "Tình trạng: %s (ghi ngày %s)\n",
                      status_state_label(it->status), on);
    }
    ics_text(out, "DESCRIPTION", strbuf_str(&text));
    ics_line(out, "TRANSP", "TRANSPARENT");
    if (!finished) { /* no reminder of what is over */
        strbuf_puts(out, "BEGIN:VALARM\r\n");
        ics_line(out, "ACTION", "DISPLAY");
        ics_line(out, "TRIGGER", "-P7D");
        strbuf_reset(&text);
        strbuf_printf(&text, "Còn 7 ngày: %s", it->title ? it->title : "");
        ics_text(out, "DESCRIPTION", strbuf_str(&text));
        strbuf_puts(out, "END:VALARM\r\n");
    }
    strbuf_puts(out, "END:VEVENT\r\n");
    strbuf_release(&uid);
    strbuf_release(&text);
}

static void ics_begin(deadline_writer *w)
{
    char prodid[64];
    struct tm utc;
    gmtime_r(&w->stamp, &utc);
    snprintf(w->dtstamp, sizeof w->dtstamp, "%04u%02u%02uT%02u%02u%02uZ",
             (unsigned)(utc.tm_year + 1900) % 10000u,
             (unsigned)(utc.tm_mon + 1) % 100u, (unsigned)utc.tm_mday % 100u,
             (unsigned)utc.tm_hour % 100u, (unsigned)utc.tm_min % 100u,
             (unsigned)utc.tm_sec % 100u);
    snprintf(prodid, sizeof prodid, "-//kehoach//kehoach %s//VI", w->version);
    strbuf_puts(w->out, "BEGIN:VCALENDAR\r\n");
    ics_line(w->out, "VERSION", "2.0");
    ics_text(w->out, "PRODID", prodid);
    ics_line(w->out, "CALSCALE", "GREGORIAN");
    ics_line(w->out, "METHOD", "PUBLISH");
    ics_text(w->out, "X-WR-CALNAME", "Hạn chót kế hoạch trợ giúp pháp lý");
    ics_line(w->out, "X-WR-TIMEZONE", "Asia/Ho_Chi_Minh");
}

void deadline_format_ics(const deadline_list *l, time_t stamp_time,
                         const char *version, strbuf *out)
{
    deadline_writer w = {.kind = DEADLINE_FORMAT_ICS,
                         .out = out,
                         .stamp = stamp_time,
                         .version = version};
    format_list(&w, l);
}

/* --- one item at a time ------------------------------------------------- */

void deadline_format_begin(deadline_writer *w)
{
    memset(w->counts, 0, sizeof w->counts);
    w->late_begun = w->coming_begun = false;
    switch (w->kind) {
    case DEADLINE_FORMAT_TEXT:
        text_begin(w);
        break;
    case DEADLINE_FORMAT_JSON:
        json_begin(w);
        break;
    case DEADLINE_FORMAT_CSV:
    case DEADLINE_FORMAT_SHEET:
        table_begin(w);
        break;
    case DEADLINE_FORMAT_ICS:
        ics_begin(w);
        break;
    }
}

void deadline_format_item(deadline_writer *w, const deadline_item *it)
{
    w->counts[it->state]++;
    switch (w->kind) {
    case DEADLINE_FORMAT_TEXT:
        text_item(w, it);
        break;
    case DEADLINE_FORMAT_JSON:
        json_item(&w->json, it);
        break;
    case DEADLINE_FORMAT_CSV:
    case DEADLINE_FORMAT_SHEET:
        table_row(&w->table, it);
        break;
    case DEADLINE_FORMAT_ICS:
        ics_event(w->out, it, w->dtstamp);
        break;
    }
}

void deadline_format_end(deadline_writer *w)
{
    switch (w->kind) {
    case DEADLINE_FORMAT_TEXT:
        if (!w->total)
            strbuf_puts(w->out, "\nKhông có hạn nào.\n");
        break;
    case DEADLINE_FORMAT_JSON:
        json_end(w);
        break;
    case DEADLINE_FORMAT_CSV:
    case DEADLINE_FORMAT_SHEET:
        tabular_finish(&w->table);
        break;
    case DEADLINE_FORMAT_ICS:
        strbuf_puts(w->out, "END:VCALENDAR\r\n");
        break;
    }
}
