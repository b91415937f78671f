/* collect.c - a filled progress form read back and recorded (see
 * collect.h).
 *
 * Three steps: the identity sheet is read into the form's facts; the
 * sheet to fill is found by its header row and each row with something
 * filled becomes a record, its cells checked one by one; the records are
 * handed to update_records, one request per plan, with a review that runs
 * under the log's lock and sees the log as it is. A problem's "path" is
 * the place a person finds it: "f.xlsx: sheet 'X' cell H12". */
#include "collect.h"

#include "arena.h"
#include "fileio.h"
#include "form.h"
#include "i18n.h"
#include "sha256.h"
#include "strmap.h"
#include "vntext.h"
#include "xalloc.h"
#include "xlsx_read.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct id_plan {
    const char *id, *path, *plan_sha, *log_sha;
    size_t log_count;
} id_plan;

typedef struct id_row {
    const char *key, *id, *occurrence;
    bool report;
    size_t plan; /* into plans */
} id_row;

typedef struct id_target {
    const char *header, *name;
    uint32_t col; /* in the sheet to fill; 0: not found */
} id_target;

/* A filled row: the record it makes, and where it is. */
typedef struct filled {
    size_t id_row;
    uint32_t row;
    progress_write_entry entry;
    collect_fate fate; /* set by the review */
    const char *log;   /* the log it goes to */
} filled;

/* What a plan's review needs: its rows, in the order of its entries,
 * and what its log says of each (noted as the log is read). */
typedef struct review {
    struct collect_state *st;
    size_t plan;
    size_t *rows; /* into filled */
    size_t n;
    bool *before;                  /* a record of this form is about it */
    const progress_record **newer; /* the first record about it made
                                       since the form, not from it */
} review;

typedef struct collect_state {
    arena *a;
    const collect_request *req;
    collect_result *out;
    const char *path;
    xlsx_read_book *book;
    const xlsx_read_sheet *sheet; /* the one to fill */
    const char *id, *unit, *version;
    id_plan *plans;
    size_t nplans, plans_cap;
    id_row *rows;
    size_t nrows, rows_cap;
    strmap row_index; /* key -> index + 1 into rows */
    id_target *targets;
    size_t ntargets, targets_cap;
    uint32_t header_row, col[FORM_NCOLUMNS];
    filled *filled;
    size_t nfilled, filled_cap;
    review *reviews;
} collect_state;

/* --- problems at cells --------------------------------------------------- */

static const char *where(collect_state *st, uint32_t row, uint32_t col)
{
    char cell[16];
    xlsx_read_cell_name(row, col, cell);
    return arena_printf(st->a, _("%s: sheet '%s' cell %s"), st->path,
                        st->sheet->name, cell);
}

/* A problem at a cell; the format is translated by diag_file. */
#define COLLECT_AT_CELL(st, level, row, col, ...) \
    diag_file((st)->out->problems, level, where(st, row, col), __VA_ARGS__)

/* --- the identity ---------------------------------------------------------- */

static const char *text_at(const xlsx_read_sheet *s, uint32_t row, uint32_t col)
{
    const xlsx_cell *c = xlsx_read_cell_at(s, row, col);
    return c && c->kind == XLSX_TEXT ? c->text : NULL;
}

static const xlsx_read_sheet *identity_sheet(const xlsx_read_book *b)
{
    for (size_t i = 0; i < b->nsheets; i++) {
        const char *kind = text_at(&b->sheets[i], 1, 1);
        const char *magic = text_at(&b->sheets[i], 1, 2);
        if (kind && magic && strcmp(kind, "form") == 0 &&
            strcmp(magic, FORM_MAGIC) == 0)
            return &b->sheets[i];
    }
    return NULL;
}

static const char *field(collect_state *st, const xlsx_read_sheet *s,
                         uint32_t row, uint32_t col)
{
    const char *t = text_at(s, row, col);
    return arena_strdup(st->a, t ? t : "");
}

static size_t plan_named(const collect_state *st, const char *id)
{
    for (size_t i = 0; i < st->nplans; i++)
        if (strcmp(st->plans[i].id, id) == 0)
            return i;
    return (size_t)-1;
}

/* Reads the identity's rows; false (with the problem) when it is not one
 * this version of kehoach wrote. */
static bool read_identity(collect_state *st, const xlsx_read_sheet *s)
{
    for (uint32_t r = 1; r <= s->max_row; r++) {
        const char *kind = text_at(s, r, 1);
        if (!kind)
            continue;
        if (strcmp(kind, "form") == 0) {
            st->version = field(st, s, r, 3);
        } else if (strcmp(kind, "id") == 0) {
            st->id = field(st, s, r, 2);
        } else if (strcmp(kind, "unit") == 0) {
            st->unit = field(st, s, r, 2);
        } else if (strcmp(kind, "plan") == 0) {
            ARENA_ROOM(st->a, st->plans, st->nplans, st->plans_cap, 4);
            id_plan *p = &st->plans[st->nplans++];
            p->id = field(st, s, r, 2);
            p->path = field(st, s, r, 3);
            p->plan_sha = field(st, s, r, 4);
            p->log_sha = field(st, s, r, 5);
            p->log_count = strtoul(field(st, s, r, 6), NULL, 10);
        } else if (strcmp(kind, "target") == 0) {
            ARENA_ROOM(st->a, st->targets, st->ntargets, st->targets_cap, 4);
            id_target *t = &st->targets[st->ntargets++];
            t->header = field(st, s, r, 2);
            t->name = field(st, s, r, 3);
            t->col = 0;
        } else if (strcmp(kind, "row") == 0) {
            ARENA_ROOM(st->a, st->rows, st->nrows, st->rows_cap, 16);
            id_row *row = &st->rows[st->nrows];
            row->key = field(st, s, r, 2);
            row->plan = plan_named(st, field(st, s, r, 3));
            row->report = strcmp(field(st, s, r, 4), "report") == 0;
            row->id = field(st, s, r, 5);
            const char *occ = field(st, s, r, 6);
            row->occurrence = *occ ? occ : NULL;
            size_t *index = arena_alloc(st->a, sizeof *index);
            *index = ++st->nrows;
            if (row->plan != (size_t)-1)
                strmap_put(st->a, &st->row_index, row->key, strlen(row->key),
                           index);
        }
    }
    if (!st->version || strcmp(st->version, FORM_VERSION) != 0 || !st->id ||
        strlen(st->id) != FORM_ID_LEN ||
        strspn(st->id, "0123456789abcdef") != FORM_ID_LEN || !st->unit) {
        diag_file(st->out->problems, DIAG_ERROR, st->path,
                  "the form's identity (sheet '%s') is not one this version "
                  "of kehoach made (version '%s'); make a new form with "
                  "'kehoach form'",
                  s->name, st->version ? st->version : "");
        return false;
    }
    memcpy(st->out->form_id, st->id, FORM_ID_LEN + 1);
    st->out->unit = st->unit;
    return true;
}

/* --- the sheet to fill ------------------------------------------------------ */

static bool same_header(const char *cell, const char *want)
{
    return cell && vntext_same(cell, want);
}

/* The row holding the key's header, and each column by its header. */
static bool find_columns(collect_state *st, const xlsx_read_sheet *s)
{
    const char *key = form_column_header(FORM_COL_KEY);
    for (size_t i = 0; i < s->ncells; i++) {
        const xlsx_cell *c = &s->cells[i];
        if (c->kind != XLSX_TEXT || !same_header(c->text, key))
            continue;
        memset(st->col, 0, sizeof st->col);
        st->header_row = c->row;
        for (size_t k = i; k < s->ncells && s->cells[k].row == c->row; k++) {
            const xlsx_cell *h = &s->cells[k];
            if (h->kind != XLSX_TEXT)
                continue;
            for (int f = 0; f < FORM_NCOLUMNS; f++)
                if (form_column_header(f) &&
                    same_header(h->text, form_column_header(f)))
                    st->col[f] = h->col;
            for (size_t t = 0; t < st->ntargets; t++)
                if (same_header(h->text, st->targets[t].header))
                    st->targets[t].col = h->col;
        }
        return true;
    }
    return false;
}

static bool find_sheet(collect_state *st, const xlsx_read_sheet *identity)
{
    for (size_t i = 0; i < st->book->nsheets; i++) {
        const xlsx_read_sheet *s = &st->book->sheets[i];
        if (s != identity && find_columns(st, s)) {
            st->sheet = s;
            break;
        }
    }
    if (!st->sheet) {
        diag_file(st->out->problems, DIAG_ERROR, st->path,
                  "no sheet has the form's header row (a cell '%s'); was "
                  "the sheet to fill deleted?",
                  form_column_header(FORM_COL_KEY));
        return false;
    }
    bool ok = true;
    for (int f = FORM_COL_STATE; f < FORM_NCOLUMNS; f++)
        if (f != FORM_COL_TARGET && !st->col[f]) {
            diag_file(st->out->problems, DIAG_ERROR,
                      arena_printf(st->a, _("%s: sheet '%s' row %u"), st->path,
                                   st->sheet->name, st->header_row),
                      "the column '%s' is missing from the header row",
                      form_column_header(f));
            ok = false;
        }
    for (size_t t = 0; t < st->ntargets; t++)
        if (!st->targets[t].col) {
            diag_file(st->out->problems, DIAG_ERROR,
                      arena_printf(st->a, _("%s: sheet '%s' row %u"), st->path,
                                   st->sheet->name, st->header_row),
                      "the column '%s' is missing from the header row",
                      st->targets[t].header);
            ok = false;
        }
    return ok;
}

/* --- a cell's value ---------------------------------------------------------- */

/* A cell a person filled: not empty, not only spaces. */
static const xlsx_cell *filled_cell(const collect_state *st, uint32_t row,
                                    uint32_t col)
{
    const xlsx_cell *c = col ? xlsx_read_cell_at(st->sheet, row, col) : NULL;
    if (c && c->kind == XLSX_TEXT && c->text[strspn(c->text, " \t\r\n")] == 0)
        return NULL;
    return c;
}

/* A cell that holds no value a person typed: an error, a formula saved
 * without its value. Reported; true when the cell is usable. */
static bool usable(collect_state *st, const xlsx_cell *c)
{
    if (c->kind == XLSX_NO_VALUE) {
        COLLECT_AT_CELL(
            st, DIAG_ERROR, c->row, c->col,
            "the formula has no saved value; type the value, or open "
            "and save the file in Excel or LibreOffice");
        return false;
    }
    if (c->kind == XLSX_ERROR) {
        COLLECT_AT_CELL(st, DIAG_ERROR, c->row, c->col,
                        "the cell holds the error %s", c->text);
        return false;
    }
    return true;
}

/* The cell's text with spaces trimmed (a number as it prints). */
static const char *trimmed(collect_state *st, const xlsx_cell *c)
{
    if (c->kind != XLSX_TEXT)
        return arena_printf(st->a, "%.15g", c->number);
    const char *s = c->text;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
                 s[n - 1] == '\r'))
        n--;
    return arena_strndup(st->a, s, n);
}

/* "1 234,5", "70", "0.7": a number typed as text; false when it is not. */
static bool number_of_text(const char *text, double *out)
{
    char buf[64];
    size_t n = 0;
    for (const char *s = text; *s; s++) {
        if (*s == ' ')
            continue;
        if (n + 1 >= sizeof buf || !strchr("0123456789.,+-eE", *s))
            return false; /* not "0x1A", "inf", "nan" */
        buf[n++] = *s == ',' ? '.' : *s;
    }
    buf[n] = '\0';
    char *end;
    *out = strtod(buf, &end);
    return n > 0 && *end == '\0' && isfinite(*out);
}

static bool read_number(collect_state *st, const xlsx_cell *c, double *out,
                        bool *percent_sign)
{
    *percent_sign = c->is_percent;
    if (c->kind == XLSX_NUMBER) {
        *out = c->number;
        return true;
    }
    if (c->kind != XLSX_TEXT)
        return false;
    const char *t = trimmed(st, c);
    size_t n = strlen(t);
    if (n && t[n - 1] == '%') {
        *percent_sign = true;
        t = arena_strndup(st->a, t, n - 1);
    }
    if (!number_of_text(t, out))
        return false;
    if (*percent_sign && c->kind == XLSX_TEXT)
        *out /= 100; /* "70%" is 0.7, as a percent cell holds it */
    return true;
}

/* The day a date cell holds; false, with the problem said, when it holds
 * none. */
static bool read_date(collect_state *st, const xlsx_cell *c, date *out)
{
    date_status ds = DATE_BAD_FORM;
    if (c->kind == XLSX_NUMBER &&
        xlsx_read_serial_date(st->book, c->number, out))
        return true;
    if (c->kind == XLSX_TEXT &&
        (ds = date_parse_typed(trimmed(st, c), out)) == DATE_OK)
        return true;
    if (ds == DATE_BAD_FORM) {
        COLLECT_AT_CELL(st, DIAG_ERROR, c->row, c->col,
                        "'%s' is not a date: write it as day/month/year, "
                        "like 15/10/2026",
                        trimmed(st, c));
        return false;
    }
    strbuf why = STRBUF_INIT;
    date_explain(ds, out, &why);
    COLLECT_AT_CELL(st, DIAG_ERROR, c->row, c->col, "'%s' is not a date: %s",
                    trimmed(st, c), strbuf_str(&why));
    strbuf_release(&why);
    return false;
}

/* --- a row ------------------------------------------------------------------- */

static void read_state(collect_state *st, const xlsx_cell *c, bool *ok,
                       progress_state *state)
{
    const char *t = trimmed(st, c);
    if (c->kind != XLSX_TEXT || !progress_state_read(t, state)) {
        COLLECT_AT_CELL(
            st, DIAG_ERROR, c->row, c->col,
            "'%s' is not a state; choose Đang thực hiện, Hoàn thành or "
            "Hủy bỏ",
            t);
        *ok = false;
    }
}

static void read_percent(collect_state *st, const xlsx_cell *c, bool *ok,
                         int *percent)
{
    double v;
    bool sign;
    if (!read_number(st, c, &v, &sign)) {
        COLLECT_AT_CELL(
            st, DIAG_ERROR, c->row, c->col,
            "'%s' is not a percent; write a whole number from 0 to 100",
            trimmed(st, c));
        *ok = false;
        return;
    }
    /* 0.7 is 70%: a percent cell, "70%", or a fraction typed alone */
    if (sign || (v > 0 && v < 1))
        v *= 100;
    double whole = round(v);
    if (fabs(v - whole) > 1e-6 || whole < 0 || whole > 100) {
        COLLECT_AT_CELL(
            st, DIAG_ERROR, c->row, c->col,
            "%.15g is not a percent; write a whole number from 0 to 100", v);
        *ok = false;
        return;
    }
    *percent = (int)whole;
}

/* Evidence: items separated by ";" or line breaks. */
static void read_evidence(collect_state *st, const char *text,
                          progress_write_entry *e)
{
    size_t cap = 0;
    const char **items = NULL;
    const char *s = text;
    while (*s) {
        size_t n = strcspn(s, ";\n");
        const char *item = arena_strndup(st->a, s, n);
        xlsx_cell fake = {.kind = XLSX_TEXT, .text = item};
        item = trimmed(st, &fake);
        if (*item) {
            items =
                arena_room(st->a, items, e->nevidence, &cap, 4, sizeof *items);
            items[e->nevidence++] = item;
        }
        s += n + (s[n] != '\0');
    }
    e->evidence = items;
}

static const char *text_of(collect_state *st, const xlsx_cell *c)
{
    return c ? trimmed(st, c) : NULL;
}

/* The target values of a row. */
static void read_targets(collect_state *st, const id_row *ir, uint32_t row,
                         bool *ok, progress_write_entry *e)
{
    progress_write_value *values =
        arena_alloc(st->a, (st->ntargets + 1) * sizeof *values);
    for (size_t t = 0; t < st->ntargets; t++) {
        const xlsx_cell *c = filled_cell(st, row, st->targets[t].col);
        if (!c)
            continue;
        if (!usable(st, c)) {
            *ok = false;
            continue;
        }
        double v;
        bool sign;
        if (ir->report) {
            COLLECT_AT_CELL(st, DIAG_ERROR, c->row, c->col,
                            "a report has no targets; leave the cell empty");
            *ok = false;
        } else if (!read_number(st, c, &v, &sign) || v < 0) {
            COLLECT_AT_CELL(
                st, DIAG_ERROR, c->row, c->col,
                "'%s' is not a measured value; write a number, 0 or "
                "more",
                trimmed(st, c));
            *ok = false;
        } else {
            values[e->nvalues++] =
                (progress_write_value){st->targets[t].name, sign ? v * 100 : v};
        }
    }
    e->values = values;
}

/* Makes the record of a filled row; false when a cell is wrong. */
static bool read_row(collect_state *st, const id_row *ir, uint32_t row,
                     progress_write_entry *e)
{
    bool ok = true;
    const uint32_t *col = st->col;
    const xlsx_cell *state = filled_cell(st, row, col[FORM_COL_STATE]);
    const xlsx_cell *day = filled_cell(st, row, col[FORM_COL_DATE]);
    const xlsx_cell *percent = filled_cell(st, row, col[FORM_COL_PERCENT]);
    const xlsx_cell *doc = filled_cell(st, row, col[FORM_COL_DOCUMENT]);
    const xlsx_cell *note = filled_cell(st, row, col[FORM_COL_NOTE]);
    const xlsx_cell *evidence = filled_cell(st, row, col[FORM_COL_EVIDENCE]);
    const xlsx_cell *cells[] = {state, day, percent, doc, note, evidence};
    bool readable = true; /* every unreadable cell is reported */
    for (size_t i = 0; i < sizeof cells / sizeof *cells; i++)
        if (cells[i] && !usable(st, cells[i]))
            readable = false;
    if (!readable)
        return false;
    *e = (progress_write_entry){.percent = -1};
    if (ir->report)
        e->report = ir->id;
    else
        e->activity = ir->id;
    e->occurrence = ir->occurrence;
    e->form = st->id;
    e->by = st->req->by ? st->req->by : st->unit;
    if (!state) {
        COLLECT_AT_CELL(
            st, DIAG_ERROR, row, col[FORM_COL_STATE],
            "the row is filled but its new state is empty; choose Đang thực "
            "hiện, Hoàn thành or Hủy bỏ");
        ok = false;
    } else {
        read_state(st, state, &ok, &e->state);
    }
    if (day && !read_date(st, day, &e->date)) {
        ok = false;
    } else if (!day && ok && e->state != PROGRESS_IN_PROGRESS) {
        const char *label = progress_state_labels[e->state];
        uint32_t at = col[FORM_COL_DATE];
        if (e->state != PROGRESS_DONE)
            COLLECT_AT_CELL(st, DIAG_ERROR, row, at,
                            "the date is empty; a row marked %s needs the "
                            "day it was cancelled",
                            label);
        else if (ir->report)
            COLLECT_AT_CELL(st, DIAG_ERROR, row, at,
                            "the date is empty; a row marked %s needs the "
                            "day it was sent",
                            label);
        else
            COLLECT_AT_CELL(st, DIAG_ERROR, row, at,
                            "the date is empty; a row marked %s needs the "
                            "day it was done",
                            label);
        ok = false;
    } else if (!day) {
        e->date = st->req->today;
    }
    if (percent && ir->report) {
        COLLECT_AT_CELL(st, DIAG_ERROR, percent->row, percent->col,
                        "a report has no percent; leave the cell empty");
        ok = false;
    } else if (percent) {
        read_percent(st, percent, &ok, &e->percent);
    }
    if (doc && !ir->report) {
        COLLECT_AT_CELL(
            st, DIAG_ERROR, doc->row, doc->col,
            "only a report has a document number; leave the cell empty");
        ok = false;
    }
    e->document = text_of(st, doc);
    e->note = text_of(st, note);
    if (evidence)
        read_evidence(st, trimmed(st, evidence), e);
    read_targets(st, ir, row, &ok, e);
    return ok;
}

/* Every row below the header: its key, then what is filled. */
static void read_rows(collect_state *st)
{
    strmap seen = {0};
    const xlsx_read_sheet *s = st->sheet;
    uint32_t key_col = st->col[FORM_COL_KEY];
    for (uint32_t row = st->header_row + 1; row <= s->max_row; row++) {
        bool any = false;
        for (int f = FORM_FIRST_TO_FILL; f < FORM_NCOLUMNS && !any; f++)
            any = f != FORM_COL_TARGET && filled_cell(st, row, st->col[f]);
        for (size_t t = 0; t < st->ntargets && !any; t++)
            any = filled_cell(st, row, st->targets[t].col) != NULL;
        const char *key = text_at(s, row, key_col);
        if (!any)
            continue;
        size_t *index =
            key ? strmap_get(&st->row_index, key, strlen(key)) : NULL;
        if (!index && key) {
            COLLECT_AT_CELL(st, DIAG_ERROR, row, key_col,
                            "the row's key '%s' is not one of this form's "
                            "rows; was it changed?",
                            key);
            continue;
        }
        if (!index) {
            COLLECT_AT_CELL(st, DIAG_ERROR, row, key_col,
                            "the row is filled but is not one of the form's "
                            "rows (a row added by hand?); fill the form's own "
                            "rows");
            continue;
        }
        if (strmap_get(&seen, key, strlen(key))) {
            COLLECT_AT_CELL(
                st, DIAG_ERROR, row, key_col,
                "the row '%s' is filled twice (a copied row?); keep one", key);
            continue;
        }
        strmap_put(st->a, &seen, key, strlen(key), index);
        filled fr = {.id_row = *index - 1, .row = row};
        if (read_row(st, &st->rows[*index - 1], row, &fr.entry)) {
            ARENA_ROOM(st->a, st->filled, st->nfilled, st->filled_cap, 16);
            st->filled[st->nfilled++] = fr;
        }
        st->out->filled++;
    }
}

/* --- the review, under each log's lock ------------------------------------------ */

static bool resolves(const plan *p, const progress_write_entry *e)
{
    const when *w = NULL;
    if (e->report) {
        const plan_report *r = progress_find_report(p, e->report, NULL);
        w = r ? &r->schedule : NULL;
    } else {
        const plan_activity *a = progress_find_activity(p, e->activity, NULL);
        w = a ? &a->schedule : NULL;
    }
    if (!w)
        return false;
    if (!e->occurrence)
        return w->count == 1;
    for (size_t i = 0; i < w->count; i++)
        if (w->windows[i].key && strcmp(w->windows[i].key, e->occurrence) == 0)
            return true;
    return false;
}

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool about(const progress_record *r, const progress_write_entry *e)
{
    return same_text(r->activity.s, e->activity) &&
           same_text(r->report.s, e->report) &&
           same_text(r->occurrence.s, e->occurrence);
}

static bool digest_is(const source *src, const char *want)
{
    sha256 s;
    char hex[65];
    sha256_init(&s);
    sha256_update(&s, src->text, src->len);
    sha256_hex(&s, hex);
    return strcmp(hex, want) == 0;
}

/* For each row of the plan: whether the record, read from its log, was
 * collected from this form about it; or, made since the form (past the
 * records the form saw) by another hand, is the first such about it. */
static void note_record(const plan *p, const progress_record *rec, void *ctx)
{
    review *rv = ctx;
    collect_state *st = rv->st;
    const id_plan *ip = &st->plans[rv->plan];
    for (size_t i = 0; i < rv->n; i++) {
        if (!about(rec, &st->filled[rv->rows[i]].entry))
            continue;
        if (same_text(rec->form.s, st->id))
            rv->before[i] = true;
        else if (rec->order >= ip->log_count && !rv->newer[i])
            rv->newer[i] = progress_record_copy(st->a, rec);
    }
}

/* "activity 1.2", "report BC1 (2026-Q3)": what a record is about, put
 * into a message. */
static void put_what(strbuf *out, const progress_write_entry *e)
{
    if (e->report && e->occurrence)
        strbuf_printf(out, _("report %s (%s)"), e->report, e->occurrence);
    else if (e->report)
        strbuf_printf(out, _("report %s"), e->report);
    else if (e->occurrence)
        strbuf_printf(out, _("activity %s (%s)"), e->activity, e->occurrence);
    else
        strbuf_printf(out, _("activity %s"), e->activity);
}

static const char *what(const progress_write_entry *e, arena *a)
{
    strbuf sb = STRBUF_INIT;
    put_what(&sb, e);
    const char *s = arena_strdup(a, strbuf_str(&sb));
    strbuf_release(&sb);
    return s;
}

static void say_conflict(collect_state *st, const filled *fr,
                         const progress_record *r, diag_level level)
{
    char day[11], mine[11];
    date_format_vn(r->date, day);
    date_format_vn(fr->entry.date, mine);
    const char *about = what(&fr->entry, st->a);
    const char *was = progress_state_labels[r->state];
    const char *says = progress_state_labels[fr->entry.state];
    uint32_t col = st->col[FORM_COL_STATE];
    if (level == DIAG_ERROR && r->by.s)
        COLLECT_AT_CELL(st, level, fr->row, col,
                        "%s has a record made since the form: %s on %s, by "
                        "%s; the form says %s on %s; check which is right, "
                        "and collect with --accept-conflicts to record the "
                        "form's",
                        about, was, day, r->by.s, says, mine);
    else if (level == DIAG_ERROR)
        COLLECT_AT_CELL(st, level, fr->row, col,
                        "%s has a record made since the form: %s on %s; the "
                        "form says %s on %s; check which is right, and "
                        "collect with --accept-conflicts to record the form's",
                        about, was, day, says, mine);
    else if (r->by.s)
        COLLECT_AT_CELL(st, level, fr->row, col,
                        "%s has a record made since the form: %s on %s, by "
                        "%s; the form says %s on %s; recorded as "
                        "--accept-conflicts asks",
                        about, was, day, r->by.s, says, mine);
    else
        COLLECT_AT_CELL(st, level, fr->row, col,
                        "%s has a record made since the form: %s on %s; the "
                        "form says %s on %s; recorded as --accept-conflicts "
                        "asks",
                        about, was, day, says, mine);
}

/* What the log's check would refuse in a record, said at its cell: a
 * date outside the plan's span, a value of a target the activity does
 * not have (typed in a grey cell of an unprotected sheet). */
static bool fits(collect_state *st, const plan *p, const filled *fr,
                 const progress_write_entry *e)
{
    bool ok = true;
    strbuf why = STRBUF_INIT;
    if (!progress_date_fits(p, e->date, e->report != NULL, &why)) {
        char day[11];
        date_format_vn(e->date, day);
        COLLECT_AT_CELL(st, DIAG_ERROR, fr->row, st->col[FORM_COL_DATE],
                        /* TRANSLATORS: the second %s says why, as the
                           plan's check of a record's date does: "outside
                           the plan's year 2026". */
                        "the date %s is %s", day, strbuf_str(&why));
        ok = false;
    }
    strbuf_release(&why);
    const plan_activity *act =
        e->activity ? progress_find_activity(p, e->activity, NULL) : NULL;
    for (size_t v = 0; act && v < e->nvalues; v++) {
        bool known = false;
        for (size_t t = 0; t < act->ntargets && !known; t++)
            known = act->targets[t].name.s &&
                    vntext_same(act->targets[t].name.s, e->values[v].name);
        for (size_t t = 0; t < st->ntargets && !known; t++)
            if (strcmp(st->targets[t].name, e->values[v].name) == 0) {
                COLLECT_AT_CELL(
                    st, DIAG_ERROR, fr->row, st->targets[t].col,
                    "activity %s has no target '%s'; leave the cell "
                    "empty",
                    e->activity, e->values[v].name);
                ok = false;
                break;
            }
    }
    return ok;
}

static size_t review_plan(const plan *p, const progress_log *log,
                          progress_write_entry *entries, size_t n, void *ctx)
{
    review *rv = ctx;
    collect_state *st = rv->st;
    const id_plan *ip = &st->plans[rv->plan];
    bool changed = !digest_is(p->src, ip->plan_sha), refuse = false;
    if (changed)
        diag_file(st->out->problems, DIAG_WARNING, st->path,
                  "the plan '%s' changed since the form was made; its rows "
                  "are read where they still name an activity or report",
                  ip->id);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        filled *fr = &st->filled[rv->rows[i]];
        progress_write_entry e = entries[i];
        fr->fate = COLLECT_LEFT_OUT;
        if (changed && !resolves(p, &e)) {
            COLLECT_AT_CELL(
                st, DIAG_WARNING, fr->row, st->col[FORM_COL_KEY],
                "%s is no longer in the plan '%s'; the row is left out",
                what(&e, st->a), ip->id);
            st->out->dropped++;
            continue;
        }
        if (!fits(st, p, fr, &e)) {
            refuse = true;
            continue;
        }
        if (rv->before[i]) {
            fr->fate = COLLECT_BEFORE;
            st->out->already++;
            continue;
        }
        const progress_record *r =
            log && !digest_is(log->src, ip->log_sha) ? rv->newer[i] : NULL;
        if (r) {
            say_conflict(st, fr, r,
                         st->req->accept_conflicts ? DIAG_WARNING : DIAG_ERROR);
            refuse = refuse || !st->req->accept_conflicts;
        }
        fr->fate = COLLECT_ADDED;
        entries[kept++] = e;
    }
    return refuse ? UPDATE_REVIEW_REFUSE : kept;
}

/* --- recording ------------------------------------------------------------------- */

static const char *plan_to_update(const id_plan *ip)
{
    return fileio_kind_of(ip->path, NULL) == FILEIO_FILE ? ip->path : ip->id;
}

static collect_status record(collect_state *st)
{
    collect_result *out = st->out;
    size_t n = 0;
    st->reviews = arena_alloc(st->a, (st->nplans + 1) * sizeof *st->reviews);
    out->requests =
        arena_alloc(st->a, (st->nplans + 1) * sizeof *out->requests);
    for (size_t p = 0; p < st->nplans; p++) {
        review *rv = &st->reviews[n];
        *rv =
            (review){st,
                     p,
                     arena_alloc(st->a, (st->nfilled + 1) * sizeof *rv->rows),
                     0,
                     arena_alloc(st->a, (st->nfilled + 1) * sizeof *rv->before),
                     arena_alloc(st->a, (st->nfilled + 1) * sizeof *rv->newer)};
        progress_write_entry *entries =
            arena_alloc(st->a, (st->nfilled + 1) * sizeof *entries);
        for (size_t i = 0; i < st->nfilled; i++)
            if (st->rows[st->filled[i].id_row].plan == p) {
                entries[rv->n] = st->filled[i].entry;
                rv->rows[rv->n++] = i;
            }
        if (!rv->n)
            continue;
        out->requests[n++] = (update_request){
            .plan = plan_to_update(&st->plans[p]),
            .entries = entries,
            .nentries = rv->n,
            .today = st->req->today,
            .lock_timeout_ms = st->req->lock_timeout_ms,
            .max_problems = st->req->max_problems,
            .review = review_plan,
            .record = note_record,
            .review_ctx = rv,
            .check_only = st->req->check_only,
        };
    }
    if (!n)
        return COLLECT_NOTHING;
    out->nupdates = n;
    out->updates = xcalloc(n, sizeof *out->updates);
    update_status us = update_records(out->requests, n, out->updates);
    for (size_t i = 0; i < n; i++) {
        out->recorded += out->updates[i].recorded;
        for (size_t k = 0; k < st->reviews[i].n; k++)
            st->filled[st->reviews[i].rows[k]].log = out->updates[i].log_path;
    }
    if (diag_errors(out->problems))
        return COLLECT_REFUSED;
    if (us != UPDATE_RECORDED && us != UPDATE_CHECKED)
        return COLLECT_NOT_WRITTEN;
    return out->recorded ? COLLECT_RECORDED : COLLECT_NOTHING;
}

collect_status collect_form(const collect_request *req, const char *path,
                            collect_result *out)
{
    memset(out, 0, sizeof *out);
    out->problems = diag_sink_new(req->max_problems);
    collect_state *st = xcalloc(1, sizeof *st);
    out->state = st;
    st->a = arena_new();
    st->req = req;
    st->out = out;
    st->path = arena_strdup(st->a, path);
    xlsx_error err;
    xlsx_read_error_init(&err);
    st->book = xlsx_read_file(path, NULL, &err);
    if (!st->book) {
        const char *place = err.part.len ? arena_printf(st->a, "%s: %s", path,
                                                        strbuf_str(&err.part))
                                         : path;
        if (err.line)
            place = arena_printf(st->a, _("%s line %u"), place, err.line);
        diag_file(out->problems, DIAG_ERROR, place, "%s",
                  strbuf_str(&err.message));
        xlsx_read_error_release(&err);
        return out->status = COLLECT_UNREADABLE;
    }
    xlsx_read_error_release(&err);
    const xlsx_read_sheet *identity = identity_sheet(st->book);
    if (!identity)
        return out->status = COLLECT_NOT_A_FORM;
    if (!read_identity(st, identity) || !find_sheet(st, identity))
        return out->status = COLLECT_REFUSED;
    read_rows(st);
    if (diag_errors(out->problems))
        return out->status = COLLECT_REFUSED;
    return out->status = record(st);
}

void collect_format_records(const collect_result *r, strbuf *out)
{
    const collect_state *st = r->state;
    for (size_t i = 0; st && i < st->nfilled; i++) {
        const filled *fr = &st->filled[i];
        const progress_write_entry *e = &fr->entry;
        if (fr->fate != COLLECT_ADDED)
            continue;
        char day[11];
        date_format_iso(e->date, day);
        strbuf about = STRBUF_INIT;
        put_what(&about, e);
        strbuf_printf(out, _("  row %u: %s: %s, %s"), fr->row,
                      strbuf_str(&about), progress_state_name(e->state), day);
        strbuf_release(&about);
        if (e->percent >= 0)
            strbuf_printf(out, ", %d%%", e->percent);
        for (size_t v = 0; v < e->nvalues; v++)
            strbuf_printf(out, ", '%s' %.15g", e->values[v].name,
                          e->values[v].value);
        if (e->document)
            strbuf_printf(out, ", %s", e->document);
        strbuf_printf(out, " -> %s\n", fr->log ? fr->log : "?");
    }
}

void collect_result_release(collect_result *r)
{
    for (size_t i = 0; i < r->nupdates; i++)
        update_result_release(&r->updates[i]);
    free(r->updates);
    diag_sink_free(r->problems);
    if (r->state) {
        xlsx_read_free(r->state->book);
        arena_free(r->state->a);
        free(r->state);
    }
    memset(r, 0, sizeof *r);
}
