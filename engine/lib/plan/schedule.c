/* schedule.c - when everything in a plan is due (see schedule.h).
 *
 * Activities: a phrase goes to when_parse(); a structured form ("from",
 * "to", "by", "due", "every", "windows") is read here. A time inherited
 * from "defaults" is one node shared by many activities: it is read once
 * and its result shared, so a problem in it is reported once, where it is
 * written (the times read are found by their node's address in a hash
 * map, so each activity costs the same however many came before).
 * Reports: "due" is one window; "every" one window per period of Decree
 * 09/2019 in each year of the plan (period.h); the words in "when" are
 * read only when neither is given. A due date is checked against the
 * plan's year or span (a warning just outside, an error further away), and
 * a window that ends before the plan starts still exists, so that what
 * passes is always scheduled and never silently dropped. */
#include "schedule.h"

#include "i18n.h"
#include "period.h"
#include "strmap.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct context {
    arena *a;
    const plan *p;
    diag_sink *d;
    when_context years;
    date start, end; /* the plan's first and last day */
    bool ok;
    strmap seen; /* times already read: the node's address -> its when */
} context;

/* What to write instead, in the plan's own year. */
static void time_hint(const context *c, strbuf *out)
{
    int y = c->years.year_from;
    strbuf_printf(
        out,
        _("keep the words as printed and say what they mean in the structured "
          "form, for example: time: {phrase: \"...\", from: %d-04, to: "
          "%d-05}; or by: %d-10-30, every: month, windows: [...]"),
        y, y, y);
}

static void duty_hint(const context *c, strbuf *out)
{
    strbuf_printf(
        out,
        _("say when it is due in words kehoach reads ('hằng quý', 'định kỳ 6 "
          "tháng, cuối năm', 'trước ngày 30/10/%d', 'đột xuất'), or add due: "
          "%d-10-30, every: half-year (month, quarter, first-half, year, or a "
          "list such as [first-half, year]) or on_request: true"),
        c->years.year_from, c->years.year_from);
}

static void schedule_error_at(context *c, const node *at, const char *hint,
                              const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* An error at a node, with a note (hint may be NULL, else already in the
 * reader's language); the message is translated here. */
static void schedule_error_at(context *c, const node *at, const char *hint,
                              const char *fmt, ...)
{
    strbuf msg = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&msg, _(fmt), ap);
    va_end(ap);
    diag *r = diag_at(c->d, DIAG_ERROR, at->src, at->pos, at->span, "%s",
                      strbuf_str(&msg));
    strbuf_release(&msg);
    if (hint)
        diag_note(c->d, r, NULL, (srcpos){0, 0}, 0, "%s", hint);
    c->ok = false;
}

/* Every window inside the plan's year or span. */
static void check_inside(context *c, const node *at, const when *w)
{
    for (size_t i = 0; i < w->count; i++) {
        const when_window *x = &w->windows[i];
        if (date_cmp(x->from, c->start) >= 0 && date_cmp(x->to, c->end) <= 0)
            continue;
        char years[96];
        plan_years_phrase(c->years.year_from, c->years.year_to, years,
                          sizeof years);
        schedule_error_at(c, at, NULL, "the time '%s' falls outside %s",
                          x->label, years);
        return;
    }
}

/* A due date against the plan's year or span: inside, nothing; in the
 * year before or after it, a warning (a yearly report is often due in
 * January of the next year, but a year typed wrong looks the same); further
 * away, an error. */
static void check_due(context *c, const node *at, date due)
{
    char years[96], day[11];
    plan_years_phrase(c->years.year_from, c->years.year_to, years,
                      sizeof years);
    date_format_iso(due, day);
    int before = c->years.year_from - due.year,
        after = due.year - c->years.year_to;
    if (before > 1)
        schedule_error_at(c, at, NULL,
                          "the due date %s is more than a year before %s", day,
                          years);
    else if (after > 1)
        schedule_error_at(c, at, NULL,
                          "the due date %s is more than a year after %s", day,
                          years);
    else if (before > 0 || after > 0)
        diag_at(c->d, DIAG_WARNING, at->src, at->pos, at->span,
                "the due date %s is outside %s; check that it is meant", day,
                years);
}

/* The first day of a window that ends on `last` and starts with the plan,
 * or with the year of `last` when that is later (or when `last` comes
 * before the plan: the window is then reported outside it, not lost). */
static date start_for(const context *c, date last)
{
    date year = date_make(last.year, 1, 1);
    return date_cmp(c->start, year) > 0 && date_cmp(c->start, last) <= 0
               ? c->start
               : year;
}

/* A "from"/"to"/"by"/"due" value as a period; reports at the value. */
static bool read_period(context *c, const node *n, date *first, date *last)
{
    const char *s = node_str(n);
    if (!s)
        return false; /* the schema said what is wrong */
    if (when_parse_period(s, first, last))
        return true;
    date d;
    date_status st = date_parse(s, true, &d);
    if (st != DATE_OK && st != DATE_BAD_FORM) {
        strbuf why = STRBUF_INIT;
        date_explain(st, &d, &why);
        schedule_error_at(c, n, NULL, "'%s' is not a real date: %s", s,
                          strbuf_str(&why));
        strbuf_release(&why);
    }
    return false;
}

/* One window {from, to, due, by, note} into *out. */
static bool read_window(context *c, const node *obj, when_window *out)
{
    const node *from = node_get(obj, "from"), *to = node_get(obj, "to");
    const node *by = node_get(obj, "by"), *due = node_get(obj, "due");
    date first, last, unused;
    if (by && (from || to)) {
        schedule_error_at(c, by, NULL,
                          "give either 'by' or 'from' and 'to', not both");
        return false;
    }
    if (by) {
        if (!read_period(c, by, &unused, &last))
            return false;
        first = start_for(c, last);
    } else if (from) {
        if (!read_period(c, from, &first, &last))
            return false;
        if (to && !read_period(c, to, &unused, &last))
            return false;
        if (date_cmp(last, first) < 0) {
            schedule_error_at(c, to, NULL, "'to' (%s) is before 'from' (%s)",
                              node_str(to), node_str(from));
            return false;
        }
    } else {
        return false; /* the schema asks for "from" or "by" */
    }
    when one;
    when_split(c->a, first, last, WHEN_ONCE, &one);
    if (one.count != 1)
        return false;
    when_window x = one.windows[0];
    if (due) {
        date d_first, d_last;
        if (!read_period(c, due, &d_first, &d_last))
            return false;
        x.due = d_last;
        check_due(c, due, x.due);
    }
    x.note = node_str(node_get(obj, "note"));
    *out = x;
    return true;
}

static const struct {
    const char *name;
    when_repeat repeat;
} repeats[] = {
    {"month", WHEN_MONTHLY},
    {"quarter", WHEN_QUARTERLY},
    {"half-year", WHEN_HALF_YEARLY},
    {"year", WHEN_YEARLY},
};

/* The structured form of a time. */
static bool read_structured(context *c, const node *obj, when *w)
{
    memset(w, 0, sizeof *w);
    const node *windows = node_get(obj, "windows"),
               *every = node_get(obj, "every");
    if (windows) {
        static const char *const alone[] = {"from", "to",    "by",
                                            "due",  "every", "note"};
        for (size_t i = 0; i < sizeof alone / sizeof *alone; i++) {
            const node_member *m = node_member_get(obj, alone[i]);
            if (m) {
                diag_at(
                    c->d, DIAG_ERROR, m->value->src, m->key_pos, m->key_span,
                    "'%s' cannot be used with 'windows': give it in each window",
                    alone[i]);
                c->ok = false;
                return false;
            }
        }
        if (windows->kind != NODE_ARRAY)
            return false;
        size_t n = windows->u.array.count;
        w->windows = arena_alloc(c->a, (n + 1) * sizeof *w->windows);
        for (; w->count < n; w->count++)
            if (windows->u.array.items[w->count]->kind != NODE_OBJECT ||
                !read_window(c, windows->u.array.items[w->count],
                             &w->windows[w->count]))
                return false;
        return true;
    }
    if (!every) {
        w->windows = arena_alloc(c->a, sizeof *w->windows);
        if (!read_window(c, obj, w->windows))
            return false;
        w->count = 1;
        return true;
    }
    const char *name = node_str(every);
    when_repeat repeat = WHEN_ONCE;
    for (size_t i = 0; name && i < sizeof repeats / sizeof *repeats; i++)
        if (strcmp(name, repeats[i].name) == 0)
            repeat = repeats[i].repeat;
    if (repeat == WHEN_ONCE)
        return false; /* the schema lists the names */
    const node_member *due = node_member_get(obj, "due");
    if (due) {
        diag_at(
            c->d, DIAG_ERROR, due->value->src, due->key_pos, due->key_span,
            "'due' cannot be used with 'every': each period is due on its last day");
        c->ok = false;
        return false;
    }
    date first = c->start, last = c->end;
    if (node_get(obj, "from") || node_get(obj, "by")) {
        when_window range;
        if (!read_window(c, obj, &range))
            return false;
        first = range.from;
        last = range.to;
    }
    when_split(c->a, first, last, repeat, w);
    for (size_t i = 0; i < w->count; i++)
        w->windows[i].note = node_str(node_get(obj, "note"));
    return true;
}

/* The schedule of a time node (shared ones read once). */
static when read_time(context *c, const node *t)
{
    const when *known = strmap_get(&c->seen, (const char *)&t, sizeof t);
    if (known)
        return *known;
    when w = {0};
    bool ok = c->ok;
    c->ok = true;
    if (t->kind == NODE_STRING) {
        strbuf why = STRBUF_INIT;
        if (when_parse(c->a, t->u.string.s, &c->years, &w, &why)) {
            check_inside(c, t, &w);
        } else {
            strbuf hint = STRBUF_INIT;
            time_hint(c, &hint);
            schedule_error_at(c, t, strbuf_str(&hint),
                              "cannot read the time: %s", strbuf_str(&why));
            strbuf_release(&hint);
        }
        strbuf_release(&why);
    } else if (t->kind == NODE_OBJECT && read_structured(c, t, &w)) {
        check_inside(c, t, &w);
    }
    if (!c->ok)
        memset(&w, 0, sizeof w);
    c->ok = ok && c->ok;
    const node **key = arena_alloc(c->a, sizeof *key);
    when *result = arena_alloc(c->a, sizeof *result);
    *key = t;
    *result = w;
    strmap_put(c->a, &c->seen, (const char *)key, sizeof *key, result);
    return w;
}

/* --- reports ----------------------------------------------------------- */

/* A report's windows as they are added: room for cap. */
typedef struct window_list {
    when *w;
    size_t cap;
} window_list;

static void add_window(context *c, window_list *l, when_window x)
{
    when *w = l->w;
    ARENA_ROOM(c->a, w->windows, w->count, l->cap, 16);
    w->windows[w->count++] = x;
}

/* One window per period of this kind in each year of the plan. */
static void add_periods(context *c, window_list *w, period_kind kind,
                        int first_index, int last_index, int day)
{
    for (int year = c->years.year_from; year <= c->years.year_to; year++) {
        for (int index = first_index; index <= last_index; index++) {
            period p = period_make(kind, year, index);
            char key[16], label[48];
            period_key(&p, key);
            period_label(&p, label);
            when_window x = {p.from,
                             p.to,
                             period_due(&p, day ? day : PERIOD_DEFAULT_DUE_DAY),
                             arena_strdup(c->a, key),
                             arena_strdup(c->a, label),
                             NULL};
            add_window(c, w, x);
        }
    }
}

static void add_duty(context *c, window_list *w, const when_duty *duty, int day)
{
    if (duty->monthly)
        add_periods(c, w, PERIOD_MONTH, 1, 12, day);
    if (duty->quarterly)
        add_periods(c, w, PERIOD_QUARTER, 1, 4, day);
    if (duty->half_yearly || duty->first_half)
        add_periods(c, w, PERIOD_HALF, 1, duty->half_yearly ? 2 : 1, day);
    if (duty->yearly)
        add_periods(c, w, PERIOD_YEAR, 0, 0, day);
    if (duty->has_due) {
        when one;
        when_split(c->a, start_for(c, duty->due), duty->due, WHEN_ONCE, &one);
        if (one.count == 1)
            add_window(c, w, one.windows[0]);
    }
}

static void mark_period(when_duty *duty, const char *name)
{
    if (strcmp(name, "month") == 0)
        duty->monthly = true;
    else if (strcmp(name, "quarter") == 0)
        duty->quarterly = true;
    else if (strcmp(name, "half-year") == 0)
        duty->half_yearly = true;
    else if (strcmp(name, "first-half") == 0)
        duty->first_half = true;
    else if (strcmp(name, "year") == 0)
        duty->yearly = true;
}

static int cmp_window(const void *pa, const void *pb)
{
    const when_window *a = pa, *b = pb;
    int c = date_cmp(a->due, b->due);
    return c ? c : date_cmp(a->from, b->from);
}

static void schedule_report(context *c, plan_report *r)
{
    when_duty duty = {0};
    duty.on_request = r->on_request;
    bool structured = false;
    if (r->due.s && date_parse(r->due.s, false, &duty.due) == DATE_OK) {
        duty.has_due = true;
        structured = true;
    }
    if (r->every) {
        structured = true;
        if (r->every->kind == NODE_STRING)
            mark_period(&duty, r->every->u.string.s);
        for (size_t i = 0;
             r->every->kind == NODE_ARRAY && i < r->every->u.array.count; i++)
            if (node_str(r->every->u.array.items[i]))
                mark_period(&duty, node_str(r->every->u.array.items[i]));
    }
    if (!structured && !r->on_request && r->when.s) {
        strbuf why = STRBUF_INIT;
        bool read = when_parse_duty(c->a, r->when.s, &duty, &why);
        if (!read) {
            strbuf hint = STRBUF_INIT;
            duty_hint(c, &hint);
            schedule_error_at(c, r->when.at, strbuf_str(&hint),
                              "cannot tell when the report is due: %s",
                              strbuf_str(&why));
            strbuf_release(&hint);
        }
        strbuf_release(&why);
        if (!read)
            return;
    }
    if (duty.has_due)
        check_due(c, r->due.at ? r->due.at : r->when.at, duty.due);
    r->on_request = duty.on_request;
    memset(&r->schedule, 0, sizeof r->schedule);
    add_duty(c, &(window_list){&r->schedule, 0}, &duty, r->day);
    if (r->schedule.count > 1)
        qsort(r->schedule.windows, r->schedule.count,
              sizeof *r->schedule.windows, cmp_window);
}

bool schedule_plan(arena *a, plan *p, diag_sink *d)
{
    if (!p->year_from || p->year_from > p->year_to)
        return true;
    context c = {a,
                 p,
                 d,
                 {p->year_from, p->year_to},
                 date_make(p->year_from, 1, 1),
                 date_make(p->year_to, 12, 31),
                 true,
                 {NULL, 0, 0}};
    for (size_t i = 0; i < p->nactivities; i++) {
        plan_activity *act = p->activities[i];
        if (act->time.at)
            act->schedule = read_time(&c, act->time.at);
    }
    for (size_t i = 0; i < p->nreports; i++)
        schedule_report(&c, &p->reports[i]);
    return c.ok;
}
