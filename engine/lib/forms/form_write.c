/* form_write.c - a unit's progress form (see form_write.h and form.h).
 *
 * Everything a row shows is copied out of the plan into the form's arena
 * when the plan is added; the workbook is written once all are in, its
 * sheets top to bottom (xlsx.h writes in constant memory). */
#include "form_write.h"

#include "arena.h"
#include "form.h"
#include "sha256.h"
#include "status.h"
#include "strmap.h"
#include "xalloc.h"
#include "xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct form_plan {
    const char *id, *title, *path, *issuer;
    char plan_sha[65], log_sha[65]; /* log_sha empty: no log */
    size_t log_records;
    int year_from, year_to;
} form_plan;

typedef struct form_target {
    const char *header, *name;
} form_target;

typedef struct form_row {
    size_t plan; /* into plans */
    const char *key, *id, *occurrence, *what, *section, *last;
    bool report, lead;
    date due;
    deadline_state state;
    long days_left;
    int percent;
    size_t *targets; /* indexes into the form's targets */
    size_t ntargets;
    size_t order;
} form_row;

struct form_write {
    arena *a;
    form_request req;
    const char *unit_name; /* as the plans name it (name_unit) */
    bool named;
    form_plan *plans;
    size_t nplans, plans_cap;
    form_target *targets;
    size_t ntargets, targets_cap;
    strmap target_index; /* header -> its index in targets */
    form_row *rows;
    size_t nrows, rows_cap;
    char id[FORM_ID_LEN + 1];
    strbuf identity; /* its text, hashed into the id */
};

form_write *form_write_new(const form_request *req)
{
    arena *a = arena_new();
    form_write *f = arena_alloc(a, sizeof *f);
    f->a = a;
    f->req = *req;
    f->req.unit = arena_strdup(a, req->unit);
    f->unit_name = f->req.unit;
    f->identity = (strbuf)STRBUF_INIT;
    return f;
}

void form_write_free(form_write *f)
{
    if (!f)
        return;
    strbuf_release(&f->identity);
    arena_free(f->a);
}

size_t form_write_rows(const form_write *f)
{
    return f->nrows;
}

static void hex_digest(const source *src, char out[65])
{
    sha256 s;
    sha256_init(&s);
    sha256_update(&s, src->text, src->len);
    sha256_hex(&s, out);
}

/* --- the rows of a plan ------------------------------------------------ */

static size_t target_column(form_write *f, const plan_target *t)
{
    char *header = form_target_header(t->name.s, t->unit.s);
    size_t *found = strmap_get(&f->target_index, header, strlen(header));
    if (found) {
        free(header);
        return *found;
    }
    ARENA_ROOM(f->a, f->targets, f->ntargets, f->targets_cap, 4);
    size_t k = f->ntargets++;
    f->targets[k] = (form_target){arena_strdup(f->a, header),
                                  arena_strdup(f->a, t->name.s)};
    size_t *value = arena_alloc(f->a, sizeof *value);
    *value = k;
    strmap_put(f->a, &f->target_index, f->targets[k].header, strlen(header),
               value);
    free(header);
    return k;
}

/* "12/10/2026: Hoàn thành 60% - ghi chú": what the latest record said. */
static const char *last_said(arena *a, const progress_record *r)
{
    if (!r)
        return NULL;
    char day[11];
    date_format_vn(r->date, day);
    strbuf sb = STRBUF_INIT;
    strbuf_printf(&sb, "%s: %s", day, progress_state_labels[r->state]);
    if (r->percent >= 0 && r->state == PROGRESS_IN_PROGRESS)
        strbuf_printf(&sb, " %d%%", r->percent);
    if (r->document.s)
        strbuf_printf(&sb, ", %s", r->document.s);
    if (r->note.s)
        strbuf_printf(&sb, " - %s", r->note.s);
    const char *s = arena_strdup(a, strbuf_str(&sb));
    strbuf_release(&sb);
    return s;
}

static const char *section_of(arena *a, const plan_activity *act)
{
    const plan_section *s = act ? act->section : NULL;
    if (!s)
        return NULL;
    if (s->id.s && s->title.s)
        return arena_printf(a, "%s. %s", s->id.s, s->title.s);
    return s->title.s ? arena_strdup(a, s->title.s) : NULL;
}

static const char *copy(arena *a, const char *s)
{
    return s ? arena_strdup(a, s) : NULL;
}

static bool wanted(const form_write *f, const deadline_item *it)
{
    if (it->state == DEADLINE_PLANNED)
        return false;
    return !f->req.has_until || date_cmp(it->due, f->req.until) <= 0;
}

static void add_row(form_write *f, size_t plan_index, const plan *p,
                    const status_plan *st, const deadline_item *it)
{
    arena *a = f->a;
    const status_occurrence *occ = NULL;
    const plan_activity *act = NULL;
    if (it->kind == DEADLINE_REPORT) {
        occ = &st->duties[it->duty - 1].occurrences[it->occurrence - 1];
    } else {
        size_t index;
        act = progress_find_activity(p, it->activity_id, &index);
        if (act)
            occ = &st->activities[index].occurrences[it->occurrence - 1];
    }
    ARENA_ROOM(a, f->rows, f->nrows, f->rows_cap, 16);
    form_row *r = &f->rows[f->nrows++];
    memset(r, 0, sizeof *r);
    r->plan = plan_index;
    r->report = it->kind == DEADLINE_REPORT;
    r->lead = it->role == DEADLINE_LEAD;
    r->id = copy(a, it->activity_id);
    r->occurrence = it->occurrences > 1 ? copy(a, it->key) : NULL;
    char *key = form_row_key(p->id.s, r->id, r->occurrence);
    r->key = arena_strdup(a, key);
    free(key);
    if (it->occurrences > 1 && it->label)
        r->what =
            arena_printf(a, "%s (%s)", it->title ? it->title : "", it->label);
    else
        r->what = copy(a, it->title ? it->title : "");
    r->section = section_of(a, act);
    r->last = last_said(a, occ ? occ->last : NULL);
    r->due = it->due;
    r->state = it->state;
    r->days_left = it->days_left;
    r->percent = occ ? occ->percent : 0;
    r->order = it->order;
    if (act && act->ntargets) {
        r->targets = arena_alloc(a, act->ntargets * sizeof *r->targets);
        for (size_t t = 0; t < act->ntargets; t++)
            if (act->targets[t].name.s)
                r->targets[r->ntargets++] = target_column(f, &act->targets[t]);
    }
}

/* Reading order within a plan: activities, then reports; by due date. */
static int by_place(const void *x, const void *y)
{
    const form_row *a = x, *b = y;
    if (a->plan != b->plan)
        return a->plan < b->plan ? -1 : 1;
    if (a->report != b->report)
        return a->report ? 1 : -1;
    if (a->order != b->order)
        return a->order < b->order ? -1 : 1;
    return date_cmp(a->due, b->due);
}

/* The unit's name: as its plans' registries name it when they agree,
 * else as the request gives it. */
static void name_unit(form_write *f, const orgunits *registry)
{
    orgunits_named named = {NULL, NULL, NULL, false};
    if (registry)
        named = orgunits_name(registry, f->req.unit);
    const char *name = named.unit ? named.name : f->req.unit;
    if (!f->named)
        f->unit_name = arena_strdup(f->a, name);
    else if (strcmp(f->unit_name, name) != 0)
        f->unit_name = f->req.unit;
    f->named = true;
}

void form_write_add_plan(form_write *f, const plan *p, const char *path,
                         const orgunits *registry, const progress_log *log,
                         const status_plan *status)
{
    deadline_query q = {.as_of = f->req.as_of,
                        .unit = f->req.unit,
                        .role = f->req.role};
    deadline_list list;
    deadline_list_init(&list);
    deadline_add_plan(&list, p, path, registry, status, &q);
    size_t first = f->nrows, plan_index = f->nplans;
    for (size_t i = 0; i < list.count; i++)
        if (wanted(f, &list.items[i]))
            add_row(f, plan_index, p, status, &list.items[i]);
    if (f->nrows > first)
        qsort(f->rows + first, f->nrows - first, sizeof *f->rows, by_place);
    deadline_list_release(&list);
    if (f->nrows == first)
        return; /* nothing to ask of the unit in this plan */

    name_unit(f, registry);
    arena *a = f->a;
    ARENA_ROOM(a, f->plans, f->nplans, f->plans_cap, 4);
    form_plan *fp = &f->plans[f->nplans++];
    memset(fp, 0, sizeof *fp);
    fp->id = copy(a, p->id.s ? p->id.s : "");
    fp->title = copy(a, p->title.s ? p->title.s : fp->id);
    fp->path = arena_strdup(a, path);
    fp->issuer = copy(a, p->issuer.s);
    fp->year_from = p->year_from;
    fp->year_to = p->year_to ? p->year_to : p->year_from;
    hex_digest(p->src, fp->plan_sha);
    if (log) {
        hex_digest(log->src, fp->log_sha);
        fp->log_records = log->count;
    }
}

static void add_name(const char *name, arena *a, const char ***names, size_t *n,
                     size_t *cap)
{
    for (size_t k = 0; k < *n; k++)
        if (strcmp((*names)[k], name) == 0)
            return;
    *names = arena_room(a, *names, *n, cap, 8, sizeof **names);
    (*names)[(*n)++] = arena_strdup(a, name);
}

/* A registered unit and the bodies above it (whose forms hold its rows
 * too, as --unit finds them); a name the registry lacks, unless generic. */
static void add_units(const orgunits *registry, const plan_units *u, arena *a,
                      const char ***names, size_t *n, size_t *cap)
{
    orgunits_named *found = xcalloc(u->count + 1, sizeof *found);
    size_t count = orgunits_distinct(registry, u, found);
    for (size_t i = 0; i < count; i++) {
        const char *name = found[i].name;
        if (!found[i].unit) {
            if (name && *name && !orgunits_is_generic(name))
                add_name(name, a, names, n, cap);
            continue;
        }
        size_t depth = 0; /* a registry's parents could loop */
        for (const plan_unit *unit = found[i].unit; unit && depth < 16;
             unit = orgunits_parent(registry, unit), depth++)
            add_name(unit->name.s ? unit->name.s : unit->id.s, a, names, n,
                     cap);
    }
    free(found);
}

void form_write_units(const plan *p, const orgunits *registry,
                      deadline_role_filter role, arena *a, const char ***names,
                      size_t *n, size_t *cap)
{
    bool leads = role != DEADLINE_PARTNER_ONLY;
    bool partners = role != DEADLINE_LEAD_ONLY;
    for (size_t i = 0; i < p->nactivities; i++) {
        const plan_activity *act = p->activities[i];
        if (leads)
            add_units(registry, &act->lead, a, names, n, cap);
        if (partners)
            add_units(registry, &act->partners, a, names, n, cap);
    }
    for (size_t i = 0; leads && i < p->nreports; i++)
        add_units(registry, &p->reports[i].by, a, names, n, cap);
}

/* --- the identity ------------------------------------------------------- */

static const char *const role_names[] = {"any", "lead", "partner"};

/* A line of the identity: its fields tab-separated, a tab or a line
 * break within one (a name written on two lines) made a space. */
static void put_line(strbuf *s, const char *const *fields, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_putc(s, '\t');
        for (const char *c = fields[i]; *c; c++)
            strbuf_putc(s, *c == '\t' || *c == '\n' || *c == '\r' ? ' ' : *c);
    }
    strbuf_putc(s, '\n');
}

#define PUT_LINE(s, ...)                                  \
    put_line(s, (const char *const[]){__VA_ARGS__},       \
             sizeof((const char *const[]){__VA_ARGS__}) / \
                 sizeof(const char *))

/* The identity's lines, and the id made of them. */
static void make_identity(form_write *f)
{
    strbuf *s = &f->identity;
    char day[11], count[24];
    strbuf_reset(s);
    PUT_LINE(s, "form", FORM_MAGIC, FORM_VERSION);
    PUT_LINE(s, "unit", f->unit_name);
    PUT_LINE(s, "role", role_names[f->req.role]);
    date_format_iso(f->req.as_of, day);
    PUT_LINE(s, "as-of", day);
    for (size_t i = 0; i < f->nplans; i++) {
        const form_plan *p = &f->plans[i];
        snprintf(count, sizeof count, "%zu", p->log_records);
        PUT_LINE(s, "plan", p->id, p->path, p->plan_sha, p->log_sha, count);
    }
    for (size_t i = 0; i < f->ntargets; i++)
        PUT_LINE(s, "target", f->targets[i].header, f->targets[i].name);
    for (size_t i = 0; i < f->nrows; i++) {
        const form_row *r = &f->rows[i];
        date_format_iso(r->due, day);
        PUT_LINE(s, "row", r->key, f->plans[r->plan].id,
                 r->report ? "report" : "activity", r->id,
                 r->occurrence ? r->occurrence : "", day);
    }
    sha256 h;
    char hex[65];
    sha256_init(&h);
    sha256_update(&h, s->buf, s->len);
    sha256_hex(&h, hex);
    memcpy(f->id, hex, FORM_ID_LEN);
    f->id[FORM_ID_LEN] = '\0';
}

const char *form_write_id(form_write *f)
{
    make_identity(f);
    return f->id;
}

/* The identity sheet: each line of the identity a row, its fields the
 * cells; the id after the first line, the day made after the id. */
static void write_identity(form_write *f, xlsx_sheet *s)
{
    static const xlsx_style plain = {.fill = XLSX_NO_FILL};
    uint32_t row = 0;
    const char *line = f->identity.buf;
    const char *end = line + f->identity.len;
    while (line < end) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        uint32_t col = 0;
        for (const char *field = line; field <= nl;) {
            const char *tab = memchr(field, '\t', (size_t)(nl - field));
            const char *stop = tab ? tab : nl;
            char *text = arena_strndup(f->a, field, (size_t)(stop - field));
            if (*text)
                xlsx_text(s, row, col, text, &plain);
            col++;
            field = stop + 1;
        }
        row++;
        if (row == 1) {
            char day[11];
            xlsx_text(s, row, 0, "id", &plain);
            xlsx_text(s, row, 1, f->id, &plain);
            row++;
            date_format_iso(f->req.made, day);
            xlsx_text(s, row, 0, "made", &plain);
            xlsx_text(s, row, 1, day, &plain);
            row++;
        }
        line = nl + 1;
    }
    xlsx_column_width(s, 0, 10);
    xlsx_column_width(s, 1, 40);
    xlsx_protect(s);
    xlsx_hide(s);
}

/* --- the sheet to fill -------------------------------------------------- */

#define FILL_COLOR 0xFFF2CC  /* the cells to fill */
#define HEAD_COLOR 0xD9E2F3  /* the header row */
#define GROUP_COLOR 0xEDEDED /* a plan's or a section's row */
#define NONE_COLOR 0xF2F2F2  /* a cell to fill that does not apply */
#define HEADER_ROW 3u        /* 0-based: the fourth row */

typedef struct layout {
    uint32_t col[FORM_NCOLUMNS]; /* 0-based; FORM_COL_TARGET: the first */
    uint32_t ncols;
} layout;

static layout layout_of(const form_write *f)
{
    layout l;
    uint32_t c = 0;
    for (int k = 0; k < FORM_NCOLUMNS; k++) {
        l.col[k] = c;
        c += k == FORM_COL_TARGET ? (uint32_t)f->ntargets : 1;
    }
    l.ncols = c;
    return l;
}

static const double widths[FORM_NCOLUMNS] =
    {[FORM_COL_KEY] = 30,     [FORM_COL_ID] = 7,       [FORM_COL_WHAT] = 48,
     [FORM_COL_ROLE] = 10,    [FORM_COL_DUE] = 11,     [FORM_COL_NOW] = 19,
     [FORM_COL_LAST] = 30,    [FORM_COL_STATE] = 16,   [FORM_COL_DATE] = 14,
     [FORM_COL_PERCENT] = 11, [FORM_COL_TARGET] = 20,  [FORM_COL_DOCUMENT] = 18,
     [FORM_COL_NOTE] = 32,    [FORM_COL_EVIDENCE] = 26};

#define FONT_SIZE 12

/* The height of a row whose tallest cell holds text wrapped in a column
 * `width` characters wide; rows of one line keep the default. */
static void fit(xlsx_sheet *s, uint32_t row, const char *text, double width,
                bool bold, double *tallest)
{
    double size = FONT_SIZE * (bold ? XLSX_BOLD_WIDTH : 1);
    double lines = xlsx_wrapped_lines(text, width, size);
    if (lines > 1 && lines * FONT_SIZE * XLSX_LINE_SPACING > *tallest) {
        *tallest = lines * FONT_SIZE * XLSX_LINE_SPACING;
        xlsx_row_height(s, row, *tallest);
    }
}

static double table_width(const form_write *f)
{
    double w = 0;
    for (int k = FORM_COL_ID; k < FORM_NCOLUMNS; k++)
        w += widths[k] * (k == FORM_COL_TARGET ? (double)f->ntargets : 1);
    return w;
}

static const char *now_text(arena *a, const form_row *r)
{
    const char *label = deadline_state_label(r->state);
    if (r->state == DEADLINE_OVERDUE)
        return arena_printf(a, "%s %ld ngày", label, -r->days_left);
    if (r->state == DEADLINE_IN_PROGRESS && r->percent > 0)
        return arena_printf(a, "%s (%d%%)", label, r->percent);
    return label;
}

typedef struct styles {
    xlsx_style title, note, head, group, locked, locked_center, due, fill,
        fill_date, fill_number, none;
} styles;

static styles styles_of(void)
{
    styles s;
    xlsx_style base = {.fill = XLSX_NO_FILL, .wrap = true, .border = true};
    s.title = (xlsx_style){.fill = XLSX_NO_FILL, .bold = true, .size = 14};
    s.note = (xlsx_style){.fill = XLSX_NO_FILL, .italic = true};
    s.head = base;
    s.head.bold = true;
    s.head.middle = true;
    s.head.align = XLSX_ALIGN_CENTER;
    s.head.fill = HEAD_COLOR;
    s.group = base;
    s.group.bold = true;
    s.group.fill = GROUP_COLOR;
    s.locked = base;
    s.locked_center = base;
    s.locked_center.align = XLSX_ALIGN_CENTER;
    s.due = s.locked_center;
    s.due.number_format = "dd/mm/yyyy";
    s.fill = base;
    s.fill.fill = FILL_COLOR;
    s.fill.unlocked = true;
    s.fill_date = s.fill;
    s.fill_date.number_format = "dd/mm/yyyy";
    s.fill_date.align = XLSX_ALIGN_CENTER;
    s.fill_number = s.fill;
    s.fill_number.align = XLSX_ALIGN_RIGHT;
    s.none = base;
    s.none.fill = NONE_COLOR;
    return s;
}

static void write_header(const form_write *f, xlsx_sheet *s, const layout *l,
                         const styles *st)
{
    double tallest = 0;
    for (int k = 0; k < FORM_NCOLUMNS; k++) {
        if (k == FORM_COL_TARGET) {
            for (size_t t = 0; t < f->ntargets; t++) {
                xlsx_text(s, HEADER_ROW, l->col[k] + (uint32_t)t,
                          f->targets[t].header, &st->head);
                xlsx_column_width(s, l->col[k] + (uint32_t)t, widths[k]);
                fit(s, HEADER_ROW, f->targets[t].header, widths[k], true,
                    &tallest);
            }
            continue;
        }
        xlsx_text(s, HEADER_ROW, l->col[k], form_column_header(k), &st->head);
        if (k != FORM_COL_KEY)
            fit(s, HEADER_ROW, form_column_header(k), widths[k], true,
                &tallest);
        if (k == FORM_COL_KEY)
            xlsx_column_hidden(s, l->col[k], widths[k]);
        else
            xlsx_column_width(s, l->col[k], widths[k]);
    }
}

static bool has_target(const form_row *r, size_t t)
{
    for (size_t i = 0; i < r->ntargets; i++)
        if (r->targets[i] == t)
            return true;
    return false;
}

static void write_row(const form_write *f, xlsx_sheet *s, uint32_t row,
                      const form_row *r, const layout *l, const styles *st)
{
    xlsx_text(s, row, l->col[FORM_COL_KEY], r->key, &st->locked);
    xlsx_text(s, row, l->col[FORM_COL_ID], r->id, &st->locked_center);
    xlsx_text(s, row, l->col[FORM_COL_WHAT], r->what, &st->locked);
    xlsx_text(s, row, l->col[FORM_COL_ROLE], r->lead ? "Chủ trì" : "Phối hợp",
              &st->locked_center);
    xlsx_date(s, row, l->col[FORM_COL_DUE], r->due, &st->due);
    xlsx_text(s, row, l->col[FORM_COL_NOW], now_text(f->a, r), &st->locked);
    if (r->last)
        xlsx_text(s, row, l->col[FORM_COL_LAST], r->last, &st->locked);
    else
        xlsx_blank(s, row, l->col[FORM_COL_LAST], &st->locked);
    xlsx_blank(s, row, l->col[FORM_COL_STATE], &st->fill);
    xlsx_blank(s, row, l->col[FORM_COL_DATE], &st->fill_date);
    xlsx_blank(s, row, l->col[FORM_COL_PERCENT],
               r->report ? &st->none : &st->fill_number);
    for (size_t t = 0; t < f->ntargets; t++)
        xlsx_blank(s, row, l->col[FORM_COL_TARGET] + (uint32_t)t,
                   has_target(r, t) ? &st->fill_number : &st->none);
    xlsx_blank(s, row, l->col[FORM_COL_DOCUMENT],
               r->report ? &st->fill : &st->none);
    xlsx_blank(s, row, l->col[FORM_COL_NOTE], &st->fill);
    xlsx_blank(s, row, l->col[FORM_COL_EVIDENCE], &st->fill);
    double tallest = 0;
    fit(s, row, r->what, widths[FORM_COL_WHAT], false, &tallest);
    fit(s, row, now_text(f->a, r), widths[FORM_COL_NOW], false, &tallest);
    if (r->last)
        fit(s, row, r->last, widths[FORM_COL_LAST], false, &tallest);
}

static void group_row(const form_write *f, xlsx_sheet *s, uint32_t row,
                      const layout *l, const char *text, const styles *st)
{
    double tallest = 0;
    xlsx_blank(s, row, l->col[FORM_COL_KEY], &st->group);
    xlsx_merge(s, row, l->col[FORM_COL_ID], l->ncols - 1, text, &st->group);
    fit(s, row, text, table_width(f), true, &tallest);
}

/* The validations of the columns to fill, over rows first..last. */
static void write_rules(const form_write *f, xlsx_sheet *s, uint32_t first,
                        uint32_t last, const layout *l)
{
    int from = 9999, to = 0;
    for (size_t i = 0; i < f->nplans; i++) {
        if (f->plans[i].year_from && f->plans[i].year_from < from)
            from = f->plans[i].year_from;
        if (f->plans[i].year_to > to)
            to = f->plans[i].year_to;
    }
    if (to == 0)
        from = to = f->req.as_of.year;
    xlsx_validation v =
        {.rule = XLSX_RULE_LIST,
         .items = progress_state_labels,
         .nitems = PROGRESS_NSTATES,
         .title = "Tình trạng mới",
         .message = "Chọn Đang thực hiện, Hoàn thành hoặc Hủy bỏ. Để trống "
                    "nếu chưa có gì mới."};
    xlsx_validate(s, first, last, l->col[FORM_COL_STATE], &v);
    v = (xlsx_validation){
        .rule = XLSX_RULE_DATE,
        .from = date_make(from, 1, 1),
        .to = date_make(to + 1, 12, 31),
        .title = "Ngày",
        .message = arena_printf(f->a,
                                "Ngày hoàn thành (bắt buộc khi Hoàn thành "
                                "hoặc Hủy bỏ) hoặc ngày cập nhật, dạng "
                                "ngày/tháng/năm, trong các năm %d-%d.",
                                from, to + 1)};
    xlsx_validate(s, first, last, l->col[FORM_COL_DATE], &v);
    v = (xlsx_validation){.rule = XLSX_RULE_WHOLE,
                          .min = 0,
                          .max = 100,
                          .title = "Tỷ lệ hoàn thành",
                          .message = "Một số nguyên từ 0 đến 100."};
    xlsx_validate(s, first, last, l->col[FORM_COL_PERCENT], &v);
    for (size_t t = 0; t < f->ntargets; t++) {
        v = (xlsx_validation){.rule = XLSX_RULE_NUMBER,
                              .min = 0,
                              .max = 1e12,
                              .title = "Chỉ tiêu",
                              .message = "Số liệu đo được đến nay: một số "
                                         "không âm."};
        xlsx_validate(s, first, last, l->col[FORM_COL_TARGET] + (uint32_t)t,
                      &v);
    }
}

static void write_rows(form_write *f, xlsx_sheet *s)
{
    styles st = styles_of();
    layout l = layout_of(f);
    char as_of[11], reply[11];
    date_format_vn(f->req.as_of, as_of);
    date_format_vn(f->req.reply_by, reply);
    xlsx_merge(s, 0, l.col[FORM_COL_ID], l.ncols - 1,
               arena_printf(f->a, "TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH - %s",
                            f->unit_name),
               &st.title);
    const char *note =
        arena_printf(f->a,
                     "Tình hình đến ngày %s%s%s. Chỉ điền các ô nền "
                     "vàng; gửi lại trước ngày %s. Xem trang \"%s\".",
                     as_of,
                     f->req.period_label ? ", các việc đến hạn "
                                           "trong "
                                         : "",
                     f->req.period_label ? f->req.period_label : "", reply,
                     FORM_GUIDE_SHEET);
    xlsx_merge(s, 1, l.col[FORM_COL_ID], l.ncols - 1, note, &st.note);
    double tallest = 0;
    fit(s, 1, note, table_width(f), false, &tallest);
    write_header(f, s, &l, &st);
    uint32_t row = HEADER_ROW + 1;
    const char *section = NULL;
    for (size_t i = 0; i < f->nrows; i++) {
        const form_row *r = &f->rows[i];
        bool new_plan = i == 0 || f->rows[i - 1].plan != r->plan;
        if (new_plan) {
            group_row(f, s, row++, &l, f->plans[r->plan].title, &st);
            section = NULL;
        }
        const char *group = r->report ? "Báo cáo phải gửi" : r->section;
        if (group && (!section || strcmp(section, group) != 0)) {
            group_row(f, s, row++, &l, group, &st);
            section = group;
        }
        write_row(f, s, row++, r, &l, &st);
    }
    if (f->nrows)
        write_rules(f, s, HEADER_ROW + 1, row - 1, &l);
    xlsx_freeze(s, HEADER_ROW + 1, l.col[FORM_COL_WHAT] + 1);
    xlsx_page page = {.landscape = true,
                      .paper = 9,
                      .margin_mm = {15, 15, 10, 10},
                      .fit_width = true,
                      .repeat_rows = true,
                      .repeat_first = HEADER_ROW,
                      .repeat_last = HEADER_ROW,
                      .page_numbers = 2};
    xlsx_set_page(s, &page, row ? row - 1 : 0);
    xlsx_protect(s);
}

/* --- the guide ---------------------------------------------------------- */

/* The plans' issuers, each once. */
static const char *issuers(form_write *f)
{
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < f->nplans; i++) {
        const char *who = f->plans[i].issuer;
        bool seen = !who;
        for (size_t k = 0; k < i && !seen; k++)
            seen = f->plans[k].issuer && strcmp(f->plans[k].issuer, who) == 0;
        if (!seen)
            strbuf_printf(&sb, "%s%s", sb.len ? "; " : "", who);
    }
    const char *s = arena_strdup(f->a, strbuf_str(&sb));
    strbuf_release(&sb);
    return s;
}

#define GUIDE_WIDTH 84 /* the guide's one column: an A4 page wide */

static void write_guide(form_write *f, xlsx_sheet *s, const char *sheet)
{
    xlsx_style title = {.fill = XLSX_NO_FILL, .bold = true, .size = 14};
    xlsx_style bold = {.fill = XLSX_NO_FILL, .bold = true, .wrap = true};
    xlsx_style text = {.fill = XLSX_NO_FILL, .wrap = true};
    char as_of[11], reply[11];
    date_format_vn(f->req.as_of, as_of);
    date_format_vn(f->req.reply_by, reply);
    const char *to = f->req.reply_to ? f->req.reply_to : issuers(f);
    arena *a = f->a;
    uint32_t row = 0;
    xlsx_text(s, row++, 0, "BIỂU MẪU BÁO CÁO TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH",
              &title);
    row++;
    xlsx_text(s, row++, 0, arena_printf(a, "Đơn vị: %s", f->unit_name), &bold);
    xlsx_text(s, row++, 0,
              arena_printf(a, "Tình hình tính đến ngày: %s", as_of), &text);
    xlsx_text(s, row++, 0, arena_printf(a, "Hạn gửi lại: %s", reply), &bold);
    if (*to) {
        const char *line = arena_printf(a, "Gửi về: %s", to);
        double tallest = 0;
        fit(s, row, line, GUIDE_WIDTH, false, &tallest);
        xlsx_text(s, row++, 0, line, &text);
    }
    xlsx_text(s, row++, 0, arena_printf(a, "Mã biểu mẫu: %s", f->id), &text);
    row++;
    xlsx_text(s, row++, 0, "Các kế hoạch:", &bold);
    for (size_t i = 0; i < f->nplans; i++) {
        const char *line = arena_printf(a, "- %s", f->plans[i].title);
        double tallest = 0;
        fit(s, row, line, GUIDE_WIDTH, false, &tallest);
        xlsx_text(s, row++, 0, line, &text);
    }
    row++;
    xlsx_text(s, row++, 0, "Cách điền:", &bold);
    const char *steps[] = {
        arena_printf(a,
                     "1. Trang \"%s\" có một dòng cho mỗi hoạt động (mỗi "
                     "lần thực hiện của hoạt động định kỳ) và mỗi báo cáo mà "
                     "đơn vị chủ trì hoặc phối hợp, chưa hoàn thành đến ngày "
                     "trên.",
                     sheet),
        "2. Chỉ điền vào các ô nền vàng; các ô khác đã được khóa. Dòng nào "
        "chưa có gì mới thì để trống cả dòng.",
        "3. Tình trạng mới: chọn trong danh sách - Đang thực hiện, Hoàn "
        "thành hoặc Hủy bỏ. Bắt buộc khi điền bất kỳ ô nào khác của dòng.",
        "4. Ngày hoàn thành / cập nhật: ngày hoàn thành (bắt buộc khi chọn "
        "Hoàn thành hoặc Hủy bỏ; với báo cáo là ngày gửi) hoặc ngày của "
        "thông tin, dạng ngày/tháng/năm. Để trống khi Đang thực hiện thì "
        "lấy ngày nhận biểu mẫu.",
        "5. Tỷ lệ hoàn thành: một số từ 0 đến 100.",
        "6. Các cột chỉ tiêu: số liệu đo được đến nay, theo đơn vị ghi ở "
        "tiêu đề cột; ô màu xám là chỉ tiêu không thuộc hoạt động đó.",
        "7. Số văn bản báo cáo: với dòng báo cáo, số và ký hiệu văn bản đã "
        "gửi, ví dụ Số 123/BC-SYT.",
        "8. Minh chứng: tên tài liệu, số văn bản; nhiều minh chứng thì cách "
        "nhau bằng dấu chấm phẩy (;).",
        "9. Không xóa các cột, không sửa cột Mã; có thể sắp xếp, lọc các "
        "dòng. Lưu tệp dạng Excel (.xlsx) và gửi lại.",
    };
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        double tallest = 0;
        fit(s, row, steps[i], GUIDE_WIDTH, false, &tallest);
        xlsx_text(s, row++, 0, steps[i], &text);
    }
    xlsx_column_width(s, 0, GUIDE_WIDTH);
    xlsx_page page = {.paper = 9,
                      .margin_mm = {20, 20, 20, 15},
                      .fit_width = true};
    xlsx_set_page(s, &page, row - 1);
    xlsx_protect(s);
}

bool form_write_file(form_write *f, int fd, strbuf *err)
{
    make_identity(f);
    xlsx_book *b = xlsx_open(fd, "Times New Roman", 12, f->req.made,
                             "Biểu mẫu báo cáo tiến độ", err);
    if (!b)
        return false;
    xlsx_sheet *guide = xlsx_add_sheet(b, FORM_GUIDE_SHEET);
    const char *taken[] = {FORM_GUIDE_SHEET, FORM_IDENTITY_SHEET};
    char name[128];
    xlsx_sheet_name(f->unit_name, taken, 2, name);
    xlsx_sheet *rows = xlsx_add_sheet(b, name);
    xlsx_sheet *identity = xlsx_add_sheet(b, FORM_IDENTITY_SHEET);
    write_guide(f, guide, name);
    write_rows(f, rows);
    write_identity(f, identity);
    return xlsx_close(b, err);
}
