/* newyear.c - next year's plan drafted from this year's (see newyear.h).
 *
 * The draft is not a plan written anew but the old plan's text with
 * edits, so every comment, every quoting style and every line the officer
 * laid out stays as it was, and a diff against the old plan shows only the
 * years moved, the fields left blank and the "# REVIEW" comments. Each
 * value is given a role by where it stands (a time phrase, a date, the
 * plan's words, the legal basis), and its role says which of its years
 * move (newyear_move). A review comment goes on a line of its own before
 * the line where the entry holding the value starts - the key of a block
 * mapping, the item of a block sequence - never inside a scalar or a flow
 * collection, so the draft stays YAML.
 *
 * The one idea to know: a moved year replaces four digits with four
 * digits, so the runs of digits of a value and of its text in the file
 * are the same runs in the same order, whatever the quoting style (a
 * double-quoted escape such as "\x32" breaks that, and is seen: the value
 * is then written again, quoted). An edit is made to the file's own bytes
 * at the run's place; then the draft is read back and every value is
 * compared with what was meant, and a time phrase moved is read again by
 * the time grammar (when.h), which must find the old windows a year on. */
#include "newyear.h"

#include "i18n.h"
#include "import.h"
#include "source.h"
#include "strmap.h"
#include "utf8.h"
#include "when.h"
#include "xalloc.h"
#include "yaml_write.h"
#include "yamlload.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum {
    NEWYEAR_FIRST = 2000, /* the years a plan can have (the schema's) */
    NEWYEAR_LAST = 2100,
    NEWYEAR_QUOTE = 60, /* a value shown in a comment at most this long */
};

/* ---- years in a text ---- */

typedef struct newyear_run {
    size_t begin, end;
} newyear_run;

static bool newyear_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool newyear_alnum(char c)
{
    return newyear_digit(c) || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z') || c == '_';
}

/* The runs of ASCII digits of s[0..n). */
static newyear_run *newyear_runs(arena *a, const char *s, size_t n,
                                 size_t *count)
{
    newyear_run *runs = NULL;
    size_t nruns = 0, cap = 0;
    for (size_t i = 0; i < n;) {
        if (!newyear_digit(s[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && newyear_digit(s[j]))
            j++;
        ARENA_ROOM(a, runs, nruns, cap, 16);
        runs[nruns++] = (newyear_run){i, j};
        i = j;
    }
    *count = nruns;
    return runs;
}

static int newyear_value(const char *s, newyear_run r)
{
    int v = 0;
    for (size_t i = r.begin; i < r.end && i < r.begin + 9; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static size_t newyear_len(newyear_run r)
{
    return r.end - r.begin;
}

/* True when the character that ends at s[end] (exclusive) is a letter,
 * of any script ("QĐ2026"). */
static bool newyear_letter_before(const char *s, size_t end)
{
    size_t start = end - 1;
    while (start > 0 && end - start < 4 &&
           ((unsigned char)s[start] & 0xC0) == 0x80)
        start--;
    int32_t cp;
    if (!utf8_decode(s + start, end - start, &cp))
        return false;
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* Run i stands alone as a year: four digits, not inside a word, not a
 * document's number ("3674/QĐ-BTP") nor the whole part of a decimal. */
static bool newyear_is_year(const char *s, size_t n, const newyear_run *runs,
                            size_t i)
{
    newyear_run r = runs[i];
    if (newyear_len(r) != 4)
        return false;
    if (r.begin > 0 &&
        (newyear_alnum(s[r.begin - 1]) || newyear_letter_before(s, r.begin)))
        return false;
    if (r.end < n) {
        char c = s[r.end];
        if (newyear_alnum(c) || c == '/')
            return false;
        if ((c == '.' || c == ',') && r.end + 1 < n &&
            newyear_digit(s[r.end + 1]))
            return false;
    }
    return true;
}

/* s[from..to) is only spaces and the one character or word sep, as
 * ASCII or the words given (the Vietnamese word, then its letters). */
static bool newyear_between(const char *s, size_t from, size_t to,
                            const char *const *words)
{
    while (from < to && s[from] == ' ')
        from++;
    while (to > from && s[to - 1] == ' ')
        to--;
    for (; *words; words++) {
        size_t n = strlen(*words);
        if (to - from == n && strncmp(s + from, *words, n) == 0)
            return true;
    }
    return false;
}

static const char *const newyear_seps[] = {"/", ".", "-", NULL};
static const char *const newyear_month_words[] = {"tháng", "thang", "Tháng",
                                                  "THÁNG", NULL};
static const char *const newyear_year_words[] = {"năm", "nam", "Năm",
                                                 "NĂM", "/",   NULL};
/* a hyphen, an en dash, an em dash */
static const char *const newyear_dashes[] = {"-", "\xE2\x80\x93",
                                             "\xE2\x80\x94", NULL};
static const char *const newyear_day_words[] = {"ngày", "ngay", "Ngày", "NGÀY",
                                                NULL};

/* The date whose year is run i, as runs: 30/10/2026 (or with "." or
 * "-"), "29 tháng 2 năm 2028", 2028-02-29. Sets *day, *month (indexes
 * into runs) and *begin (where the date starts); false when run i is the
 * year of no date. */
static bool newyear_date_of(const char *s, const newyear_run *runs,
                            size_t nruns, size_t i, size_t *day, size_t *month,
                            size_t *begin)
{
    if (i >= 2) {
        newyear_run d = runs[i - 2], m = runs[i - 1];
        bool short_form = newyear_len(d) <= 2 && newyear_len(m) <= 2;
        bool sep = newyear_between(s, d.end, m.begin, newyear_seps) &&
                   newyear_between(s, m.end, runs[i].begin, newyear_seps) &&
                   d.end + 1 == m.begin && m.end + 1 == runs[i].begin;
        bool words =
            newyear_between(s, d.end, m.begin, newyear_month_words) &&
            newyear_between(s, m.end, runs[i].begin, newyear_year_words);
        if (short_form && (sep || words)) {
            *day = i - 2;
            *month = i - 1;
            *begin = d.begin;
            goto check;
        }
    }
    if (i + 2 < nruns) {
        newyear_run m = runs[i + 1], d = runs[i + 2];
        if (newyear_len(m) == 2 && newyear_len(d) == 2 &&
            s[runs[i].end] == '-' && runs[i].end + 1 == m.begin &&
            s[m.end] == '-' && m.end + 1 == d.begin) {
            *day = i + 2;
            *month = i + 1;
            *begin = runs[i].begin;
            goto check;
        }
    }
    return false;
check:;
    int dv = newyear_value(s, runs[*day]), mv = newyear_value(s, runs[*month]);
    return dv >= 1 && dv <= 31 && mv >= 1 && mv <= 12;
}

/* A date at s[begin..] dates a document cited: "ngày" comes before it,
 * and before that a document's number and symbol ("04/KH-UBND",
 * "144/2017/NĐ-CP"): a '/' followed by a capital or a letter beyond
 * ASCII. */
static bool newyear_cites(const char *s, size_t begin)
{
    size_t i = begin;
    while (i > 0 && s[i - 1] == ' ')
        i--;
    size_t word_end = i;
    while (i > 0 && s[i - 1] != ' ')
        i--;
    if (!newyear_between(s, i, word_end, newyear_day_words))
        return false;
    while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == ','))
        i--;
    size_t symbol_end = i;
    while (i > 0 && s[i - 1] != ' ')
        i--;
    for (size_t k = i; k + 1 < symbol_end; k++) {
        unsigned char next = (unsigned char)s[k + 1];
        if (s[k] == '/' && ((next >= 'A' && next <= 'Z') || next >= 0x80))
            return true;
    }
    return false;
}

/* The run that forms a period of years with run i ("2016 - 2020",
 * "2026-2027"), or SIZE_MAX. */
static size_t newyear_range_partner(const char *s, size_t n,
                                    const newyear_run *runs, size_t nruns,
                                    size_t i)
{
    if (i + 1 < nruns && newyear_is_year(s, n, runs, i + 1) &&
        newyear_between(s, runs[i].end, runs[i + 1].begin, newyear_dashes))
        return i + 1;
    if (i > 0 && newyear_is_year(s, n, runs, i - 1) &&
        newyear_between(s, runs[i - 1].end, runs[i].begin, newyear_dashes))
        return i - 1;
    return SIZE_MAX;
}

static void newyear_keep(arena *a, newyear_moved *m, const char *why)
{
    if (!m->kept++)
        m->kept_why = why;
}

const char *newyear_move(arena *a, const char *s, newyear_role role,
                         const newyear_shift *shift, newyear_moved *m)
{
    *m = (newyear_moved){0};
    size_t n = strlen(s), nruns;
    newyear_run *runs = newyear_runs(a, s, n, &nruns);
    char *t = NULL;
    for (size_t i = 0; i < nruns; i++) {
        if (!newyear_is_year(s, n, runs, i))
            continue;
        int year = newyear_value(s, runs[i]);
        bool of_plan = shift->from <= year && year <= shift->to;
        size_t day = 0, month = 0, begin = 0;
        bool dated = newyear_date_of(s, runs, nruns, i, &day, &month, &begin);
        if (role == NEWYEAR_TIME) {
            if (year < shift->from - 1 || year > shift->to + 1) {
                if (!m->foreign++)
                    m->foreign_year = year;
                continue;
            }
        } else {
            if (!of_plan)
                continue;
            size_t other = newyear_range_partner(s, n, runs, nruns, i);
            if (other != SIZE_MAX) {
                size_t lo = other < i ? other : i, hi = other < i ? i : other;
                bool span = shift->from != shift->to &&
                            newyear_value(s, runs[lo]) == shift->from &&
                            newyear_value(s, runs[hi]) == shift->to;
                if (!span) {
                    if (i == lo || !newyear_is_year(s, n, runs, lo) ||
                        newyear_value(s, runs[lo]) < shift->from ||
                        newyear_value(s, runs[lo]) > shift->to)
                        newyear_keep(
                            a, m,
                            arena_printf(a,
                                         _("'%.*s' is a period other than "
                                           "the plan's"),
                                         (int)(runs[hi].end - runs[lo].begin),
                                         s + runs[lo].begin));
                    continue;
                }
            }
            if (dated && newyear_cites(s, begin)) {
                newyear_keep(a, m,
                             arena_printf(a,
                                          _("'%.*s' dates a document the "
                                            "plan cites"),
                                          (int)(runs[i].end - begin),
                                          s + begin));
                continue;
            }
        }
        int moved = year + shift->by;
        if (moved < 1000 || moved > 9999)
            continue; /* four digits stay four */
        if (!t)
            t = arena_strndup(a, s, n);
        char digits[16];
        snprintf(digits, sizeof digits, "%04d", moved);
        memcpy(t + runs[i].begin, digits, 4);
        if (!m->years++) {
            m->old_year = year;
            m->new_year = moved;
        }
        if (dated && newyear_value(s, runs[day]) == 29 &&
            newyear_len(runs[day]) == 2 && newyear_value(s, runs[month]) == 2 &&
            !date_is_leap(moved)) {
            memcpy(t + runs[day].begin, "28", 2);
            m->leap_days++;
        }
    }
    return t ? t : s;
}

bool newyear_year_of(const char *s, int *year, strbuf *err)
{
    size_t n = strlen(s);
    bool digits = n == 4;
    for (size_t i = 0; i < n && digits; i++)
        digits = newyear_digit(s[i]);
    if (!digits) {
        strbuf_error(err,
                     _("'%s' is not a year: write it with four digits, as in "
                       "2027"),
                     s);
        return false;
    }
    int y = newyear_value(s, (newyear_run){0, 4});
    if (y < NEWYEAR_FIRST || y > NEWYEAR_LAST) {
        strbuf_error(err, _("%d is not a year a plan can have (%d to %d)"), y,
                     NEWYEAR_FIRST, NEWYEAR_LAST);
        return false;
    }
    *year = y;
    return true;
}

/* ---- the draft ---- */

typedef enum newyear_place {
    PLACE_TEXT,   /* the plan's words */
    PLACE_TIME,   /* a date or a phrase of a structured time, a duty's
                     `when` or `due` */
    PLACE_FORM,   /* a `time`: a phrase, or a structured form */
    PLACE_DUTIES, /* the list of reporting duties */
    PLACE_DUTY,   /* one duty */
    PLACE_KEPT,   /* left as it was: the legal basis */
} newyear_place;

typedef struct newyear_mark {
    unsigned anchor; /* the line it goes before */
    unsigned line;   /* the line it is about, in the old plan */
    size_t seq;
    const char *text;
} newyear_mark;

typedef struct newyear_edit {
    size_t offset, len;
    const char *with;
} newyear_edit;

/* What a value of the old plan should read as in the draft. */
typedef struct newyear_expect {
    const char *s; /* a string's, or NULL for a number */
    double number;
} newyear_expect;

typedef struct newyear_ctx {
    arena *a;
    const plan *p;
    const source *src;
    newyear_shift shift;
    diag_sink *notes;
    newyear_mark *marks;
    size_t nmarks, marks_cap;
    newyear_edit *edits;
    size_t nedits, edits_cap;
    unsigned *anchors; /* the lines where an entry starts */
    size_t nanchors, anchors_cap;
    strmap expect; /* node address -> newyear_expect */
} newyear_ctx;

/* The spaces that indent a line. */
static int newyear_indent(const source *src, unsigned line)
{
    size_t len;
    const char *text = source_line(src, line, &len);
    int n = 0;
    while ((size_t)n < len && text[n] == ' ')
        n++;
    return n;
}

/* A review comment before the line anchor, about the value at (and a
 * warning there); text: in the reader's language already. */
static void newyear_mark_text(newyear_ctx *c, unsigned anchor, const node *at,
                              const char *text)
{
    /* a scalar is pointed at; a list or a mapping at its entry's line */
    bool scalar = at->kind != NODE_ARRAY && at->kind != NODE_OBJECT;
    srcpos pos = at->pos;
    size_t span = at->span;
    if (!scalar) {
        pos = (srcpos){anchor, source_line_start(c->src, anchor) +
                                   (size_t)newyear_indent(c->src, anchor)};
        span = 0;
    }
    ARENA_ROOM(c->a, c->marks, c->nmarks, c->marks_cap, 32);
    c->marks[c->nmarks] =
        (newyear_mark){anchor, pos.line, c->nmarks, arena_strdup(c->a, text)};
    c->nmarks++;
    if (c->notes)
        diag_at(c->notes, DIAG_WARNING, c->src, pos, span, "%s", text);
}

static void newyear_mark_at(newyear_ctx *c, unsigned anchor, const node *at,
                            const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* newyear_mark_text with the text made from fmt, translated here. */
static void newyear_mark_at(newyear_ctx *c, unsigned anchor, const node *at,
                            const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    strbuf text = STRBUF_INIT;
    strbuf_vprintf(&text, _(fmt), ap);
    va_end(ap);
    newyear_mark_text(c, anchor, at, strbuf_str(&text));
    strbuf_release(&text);
}

static void newyear_edit_at(newyear_ctx *c, size_t offset, size_t len,
                            const char *with)
{
    ARENA_ROOM(c->a, c->edits, c->nedits, c->edits_cap, 64);
    c->edits[c->nedits++] = (newyear_edit){offset, len, with};
}

static const newyear_expect *newyear_expected(const newyear_ctx *c,
                                              const node *n)
{
    return strmap_get(&c->expect, (const char *)&n, sizeof n);
}

static void newyear_expect_value(newyear_ctx *c, const node *n, const char *s,
                                 double number)
{
    const node **key = arena_alloc(c->a, sizeof *key);
    *key = n;
    newyear_expect *e = arena_alloc(c->a, sizeof *e);
    *e = (newyear_expect){s, number};
    strmap_put(c->a, &c->expect, (const char *)key, sizeof *key, e);
}

/* The value's text in the file, as it is written. */
static const char *newyear_written(const newyear_ctx *c, const node *n)
{
    return c->src->text + n->pos.offset;
}

static bool newyear_quoted(const newyear_ctx *c, const node *n)
{
    char first = *newyear_written(c, n);
    return n->span && (first == '"' || first == '\'');
}

/* The value n written again whole, in its quoting style where it has one;
 * false for a block scalar, whose text runs to the next entry's line. */
static bool newyear_rewrite(newyear_ctx *c, const node *n, const char *now)
{
    char first = *newyear_written(c, n);
    if (n->span && (first == '|' || first == '>'))
        return false;
    strbuf sb = STRBUF_INIT;
    if (newyear_quoted(c, n))
        yaml_write_quoted(&sb, now);
    else
        yaml_write_scalar(&sb, now);
    newyear_edit_at(c, n->pos.offset, n->span,
                    arena_strdup(c->a, strbuf_str(&sb)));
    strbuf_release(&sb);
    return true;
}

/* The string n set to now, or a review comment that says it could not
 * be: true when it was. */
static bool newyear_set(newyear_ctx *c, const node *n, const char *now,
                        unsigned anchor)
{
    if (!newyear_rewrite(c, n, now)) {
        newyear_mark_at(c, anchor, n,
                        "written as a block, so left as it was: write '%s' "
                        "by hand",
                        now);
        return false;
    }
    newyear_expect_value(c, n, now, 0);
    return true;
}

/* The string n, whose value was becomes now (digits replaced by as many
 * digits): the runs of digits that changed, edited where they are in the
 * file. False when its text's runs are not the value's (an escape wrote
 * a digit) and it cannot be written again whole. */
static bool newyear_edit_string(newyear_ctx *c, const node *n, const char *was,
                                const char *now)
{
    const char *text = newyear_written(c, n);
    size_t start = 0, len = n->span;
    if (len && (text[0] == '|' || text[0] == '>')) {
        while (start < len && !source_break_len(text, len, start))
            start++; /* the header may hold an indentation digit */
    }
    size_t nsrc, nwas, nnow;
    newyear_run *src = newyear_runs(c->a, text + start, len - start, &nsrc);
    newyear_run *old = newyear_runs(c->a, was, strlen(was), &nwas);
    newyear_run *new = newyear_runs(c->a, now, strlen(now), &nnow);
    bool same = nsrc == nwas && nwas == nnow;
    for (size_t i = 0; same && i < nsrc; i++)
        same = newyear_len(src[i]) == newyear_len(old[i]) &&
               newyear_len(old[i]) == newyear_len(new[i]) &&
               memcmp(text + start + src[i].begin, was + old[i].begin,
                      newyear_len(old[i])) == 0;
    if (!same) {
        if (!newyear_quoted(c, n))
            return false;
        return newyear_rewrite(c, n, now);
    }
    for (size_t i = 0; i < nsrc; i++)
        if (memcmp(was + old[i].begin, now + new[i].begin,
                   newyear_len(old[i])) != 0)
            newyear_edit_at(c, n->pos.offset + start + src[i].begin,
                            newyear_len(src[i]),
                            arena_strndup(c->a, now + new[i].begin,
                                          newyear_len(new[i])));
    return true;
}

/* A date a number of years on; 29 February becomes the 28th in a year
 * that has none. */
static date newyear_date_moved(date d, int by)
{
    int year = d.year + by;
    int last = date_days_in_month(year, d.month);
    return date_make(year, d.month, d.day > last ? last : d.day);
}

static bool newyear_same_date(date moved_old, date now)
{
    return date_cmp(moved_old, now) == 0;
}

/* The phrase was read in the old plan and now in the new: the same
 * windows, a year (or shift.by years) on. */
static bool newyear_time_holds(newyear_ctx *c, const char *was, const char *now)
{
    when_context old_ctx = {c->shift.from, c->shift.to};
    when_context new_ctx = {c->shift.from + c->shift.by,
                            c->shift.to + c->shift.by};
    when before, after;
    if (!when_parse(c->a, was, &old_ctx, &before, NULL))
        return true; /* not a phrase the grammar reads: nothing to compare */
    if (!when_parse(c->a, now, &new_ctx, &after, NULL))
        return false;
    if (before.count != after.count || before.repeat != after.repeat ||
        before.ongoing != after.ongoing)
        return false;
    for (size_t i = 0; i < before.count; i++) {
        const when_window *o = &before.windows[i], *w = &after.windows[i];
        if (!newyear_same_date(newyear_date_moved(o->from, c->shift.by),
                               w->from) ||
            !newyear_same_date(newyear_date_moved(o->to, c->shift.by), w->to) ||
            !newyear_same_date(newyear_date_moved(o->due, c->shift.by), w->due))
            return false;
    }
    return true;
}

static bool newyear_duty_holds(newyear_ctx *c, const char *was, const char *now)
{
    when_duty before, after;
    if (!when_parse_duty(c->a, was, &before, NULL))
        return true;
    if (!when_parse_duty(c->a, now, &after, NULL))
        return false;
    if (before.has_due != after.has_due || before.monthly != after.monthly ||
        before.quarterly != after.quarterly ||
        before.half_yearly != after.half_yearly ||
        before.first_half != after.first_half ||
        before.yearly != after.yearly || before.on_request != after.on_request)
        return false;
    return !before.has_due ||
           newyear_same_date(newyear_date_moved(before.due, c->shift.by),
                             after.due);
}

/* True when the value was is short and on one line: shown whole in a
 * comment rather than by its years. */
static bool newyear_shown(const char *was)
{
    return strlen(was) <= NEWYEAR_QUOTE && !strchr(was, '\n');
}

typedef enum newyear_phrase {
    PHRASE_NONE,
    PHRASE_TIME, /* an activity's or a default's time phrase */
    PHRASE_DUTY, /* a duty's `when` */
} newyear_phrase;

static void newyear_string(newyear_ctx *c, const node *n, newyear_role role,
                           newyear_phrase phrase, unsigned anchor)
{
    const char *was = n->u.string.s;
    if (strlen(was) != n->u.string.len)
        return; /* holds a NUL: no year of it is moved */
    if (newyear_expected(c, n))
        return; /* an alias of a value already moved, where it is written */
    newyear_moved m;
    const char *now = newyear_move(c->a, was, role, &c->shift, &m);
    if (now != was) {
        if (!newyear_edit_string(c, n, was, now)) {
            newyear_mark_at(c, anchor, n,
                            "its years could not be moved here: move them "
                            "by hand");
            return;
        }
        newyear_expect_value(c, n, now, 0);
        if (role == NEWYEAR_TIME && newyear_shown(was))
            newyear_mark_at(c, anchor, n,
                            "moved to the new plan's years (was '%s')", was);
        else if (role == NEWYEAR_TIME)
            newyear_mark_at(c, anchor, n,
                            "moved to the new plan's years (%d -> %d)",
                            m.old_year, m.new_year);
        else
            newyear_mark_at(c, anchor, n,
                            "the plan's year in the wording moved (%d -> "
                            "%d): check the text still holds",
                            m.old_year, m.new_year);
        if (m.leap_days)
            newyear_mark_at(c, anchor, n,
                            "29 February moved to the 28th: %d is not a leap "
                            "year; check the day",
                            m.new_year);
        bool holds = phrase == PHRASE_TIME   ? newyear_time_holds(c, was, now)
                     : phrase == PHRASE_DUTY ? newyear_duty_holds(c, was, now)
                                             : true;
        if (!holds) {
            strbuf text = STRBUF_INIT;
            strbuf_printf(&text,
                          P_("kehoach does not read the moved time as the old "
                             "one moved by %d year: check it",
                             "kehoach does not read the moved time as the old "
                             "one moved by %d years: check it",
                             (unsigned long)c->shift.by),
                          c->shift.by);
            newyear_mark_text(c, anchor, n, strbuf_str(&text));
            strbuf_release(&text);
        }
    }
    if (m.kept)
        newyear_mark_at(c, anchor, n, "%s: left as it was; check it",
                        m.kept_why);
    if (m.foreign)
        newyear_mark_at(c, anchor, n,
                        "the year %d is not the plan's: left as it was; "
                        "check it",
                        m.foreign_year);
}

/* True when the collection n is written in flow style ([...], {...}). */
static bool newyear_flow(const newyear_ctx *c, const node *n)
{
    char first = *newyear_written(c, n);
    return n->span && (first == '[' || first == '{');
}

static void newyear_anchor(newyear_ctx *c, unsigned line)
{
    ARENA_ROOM(c->a, c->anchors, c->nanchors, c->anchors_cap, 64);
    c->anchors[c->nanchors++] = line;
}

static newyear_place newyear_place_of(newyear_place parent, const char *key)
{
    switch (parent) {
    case PLACE_FORM:
        if (strcmp(key, "note") == 0)
            return PLACE_TEXT;
        return strcmp(key, "windows") == 0 ? PLACE_FORM : PLACE_TIME;
    case PLACE_DUTY:
        if (strcmp(key, "when") == 0 || strcmp(key, "due") == 0)
            return PLACE_TIME;
        return PLACE_TEXT;
    case PLACE_TIME:
    case PLACE_KEPT:
        return parent;
    case PLACE_TEXT:
    case PLACE_DUTIES:
        break;
    }
    return strcmp(key, "time") == 0 ? PLACE_FORM : PLACE_TEXT;
}

static void newyear_walk(newyear_ctx *c, const node *n, newyear_place place,
                         const char *key, unsigned anchor)
{
    switch (n->kind) {
    case NODE_STRING: {
        if (place == PLACE_KEPT)
            return;
        newyear_phrase phrase = PHRASE_NONE;
        if (place == PLACE_FORM)
            phrase = PHRASE_TIME;
        else if (place == PLACE_TIME && key && strcmp(key, "when") == 0)
            phrase = PHRASE_DUTY;
        newyear_string(c, n, place == PLACE_TEXT ? NEWYEAR_TEXT : NEWYEAR_TIME,
                       phrase, anchor);
        return;
    }
    case NODE_ARRAY: {
        bool flow = newyear_flow(c, n);
        newyear_place items = place == PLACE_DUTIES ? PLACE_DUTY : place;
        for (size_t i = 0; i < n->u.array.count; i++) {
            const node *item = n->u.array.items[i];
            unsigned at = flow ? anchor : item->pos.line;
            if (!flow)
                newyear_anchor(c, at);
            newyear_walk(c, item, items, key, at);
        }
        return;
    }
    case NODE_OBJECT: {
        bool flow = newyear_flow(c, n);
        for (size_t i = 0; i < n->u.object.count; i++) {
            const node_member *m = &n->u.object.members[i];
            unsigned at = flow ? anchor : m->key_pos.line;
            if (!flow)
                newyear_anchor(c, at);
            newyear_walk(c, m->value, newyear_place_of(place, m->key), m->key,
                         at);
        }
        return;
    }
    case NODE_NULL:
    case NODE_BOOL:
    case NODE_NUMBER:
        return;
    }
}

/* The id: its parts that are years of the plan moved. */
static void newyear_id(newyear_ctx *c, const node *n, const char *given,
                       unsigned anchor, newyear_summary *sum)
{
    const char *was = n->u.string.s;
    if (given) {
        sum->id = xstrdup(given);
        if (strcmp(given, was) != 0 && !newyear_set(c, n, given, anchor))
            return;
        newyear_mark_at(c, anchor, n,
                        "the id given for the new plan (was '%s')", was);
        return;
    }
    char *now = arena_strdup(c->a, was);
    size_t moved = 0;
    for (char *part = now; *part;) {
        size_t len = strcspn(part, "-");
        int year = 0;
        bool digits = len == 4;
        for (size_t i = 0; i < len && digits; i++)
            digits = newyear_digit(part[i]);
        if (digits)
            year = newyear_value(part, (newyear_run){0, 4});
        if (digits && c->shift.from <= year && year <= c->shift.to) {
            char four[16];
            snprintf(four, sizeof four, "%04d", year + c->shift.by);
            memcpy(part, four, 4);
            moved++;
        }
        part += len + (part[len] == '-');
    }
    sum->id = xstrdup(now);
    if (!moved) {
        newyear_mark_at(c, anchor, n,
                        "the id '%s' names no year of the plan: it is the old "
                        "plan's; give the new plan an id of its own",
                        was);
        return;
    }
    if (newyear_edit_string(c, n, was, now))
        newyear_expect_value(c, n, now, 0);
    else if (!newyear_set(c, n, now, anchor))
        return;
    newyear_mark_at(c, anchor, n, "the id moved (was '%s')", was);
}

/* The number: the old plan's number left out, its symbol kept
 * ("08/KH-TTBTXH" -> "/KH-TTBTXH"). */
static void newyear_number(newyear_ctx *c, const node *n, unsigned anchor)
{
    const char *was = n->u.string.s;
    size_t digits = 0;
    while (newyear_digit(was[digits]))
        digits++;
    if (digits && was[digits] == '/') {
        if (!newyear_set(c, n, was + digits, anchor))
            return;
        newyear_mark_at(c, anchor, n,
                        "the old plan's number is left out (was '%s'): fill "
                        "in the new plan's",
                        was);
    } else {
        newyear_mark_at(c, anchor, n,
                        "the number is the new plan's: fill it in when it is "
                        "issued");
    }
}

/* The date of issue: the year moved, day and month left blank. */
static void newyear_issued(newyear_ctx *c, const node *n, unsigned anchor)
{
    const char *was = n->u.string.s;
    bool year = strlen(was) >= 4;
    for (size_t i = 0; i < 4 && year; i++)
        year = newyear_digit(was[i]);
    if (!year) {
        newyear_mark_at(c, anchor, n, "the date of issue is the new plan's");
        return;
    }
    const char *now =
        arena_printf(c->a, "%04d",
                     newyear_value(was, (newyear_run){0, 4}) + c->shift.by);
    if (!newyear_set(c, n, now, anchor))
        return;
    newyear_mark_at(c, anchor, n,
                    "the date of issue is the new plan's: its year moved, day "
                    "and month left blank (was '%s')",
                    was);
}

static void newyear_number_moved(newyear_ctx *c, const node *n)
{
    double now = n->u.number.value + c->shift.by;
    newyear_edit_at(c, n->pos.offset, n->span,
                    arena_printf(c->a, "%d", (int)now));
    newyear_expect_value(c, n, NULL, now);
}

static void newyear_root(newyear_ctx *c, const node *root, const char *id,
                         newyear_summary *sum)
{
    bool flow = newyear_flow(c, root);
    for (size_t i = 0; i < root->u.object.count; i++) {
        const node_member *m = &root->u.object.members[i];
        const node *v = m->value;
        unsigned at = flow ? root->pos.line : m->key_pos.line;
        if (!flow)
            newyear_anchor(c, at);
        const char *key = m->key;
        if (strcmp(key, "id") == 0 && v->kind == NODE_STRING) {
            newyear_id(c, v, id, at, sum);
        } else if (strcmp(key, "number") == 0 && v->kind == NODE_STRING) {
            newyear_number(c, v, at);
        } else if (strcmp(key, "issued") == 0 && v->kind == NODE_STRING) {
            newyear_issued(c, v, at);
        } else if (strcmp(key, "year") == 0 && v->kind == NODE_NUMBER) {
            newyear_number_moved(c, v);
            newyear_mark_at(c, at, v, "the plan's year moved (was %d)",
                            c->shift.from);
        } else if (strcmp(key, "span") == 0 && v->kind == NODE_OBJECT) {
            for (size_t k = 0; k < v->u.object.count; k++) {
                const node_member *end = &v->u.object.members[k];
                if (end->value->kind == NODE_NUMBER)
                    newyear_number_moved(c, end->value);
                if (!newyear_flow(c, v))
                    newyear_anchor(c, end->key_pos.line);
            }
            newyear_mark_at(c, at, v, "the span moved (was %d-%d)",
                            c->shift.from, c->shift.to);
        } else if (strcmp(key, "basis") == 0) {
            newyear_mark_at(c, at, v,
                            "the documents the old plan implements, left as "
                            "they were: check which the new plan implements");
            newyear_walk(c, v, PLACE_KEPT, key, at); /* its entries' lines */
        } else if (strcmp(key, "signer") == 0) {
            newyear_mark_at(c, at, v,
                            "the old plan's signer: check who signs the new "
                            "plan");
            newyear_walk(c, v, PLACE_TEXT, key, at);
        } else {
            newyear_walk(c, v,
                         strcmp(key, "reports") == 0
                             ? PLACE_DUTIES
                             : newyear_place_of(PLACE_TEXT, key),
                         key, at);
        }
    }
}

/* The warnings the old plan had, each before the entry whose lines hold
 * it. */
static void newyear_carry(newyear_ctx *c, diag_sink *checked)
{
    size_t n = checked ? diag_count(checked) : 0;
    for (size_t i = 0; i < n; i++) {
        const diag *dg = diag_get(checked, i);
        if (dg->level != DIAG_WARNING || !dg->line || !dg->path ||
            strcmp(dg->path, c->src->path) != 0)
            continue;
        unsigned anchor = 0;
        for (size_t k = 0; k < c->nanchors; k++)
            if (c->anchors[k] <= dg->line && c->anchors[k] > anchor)
                anchor = c->anchors[k];
        if (!anchor)
            anchor = 1;
        ARENA_ROOM(c->a, c->marks, c->nmarks, c->marks_cap, 32);
        c->marks[c->nmarks] = (newyear_mark){
            anchor, dg->line, c->nmarks,
            arena_printf(c->a,
                         _("kehoach validate warned here in the old plan: %s"),
                         dg->message)};
        c->nmarks++;
        if (c->notes) {
            srcpos pos = {dg->line, source_line_start(c->src, dg->line)};
            diag_at(c->notes, DIAG_WARNING, c->src, pos, 0,
                    "kehoach validate warned here in the old plan: %s",
                    dg->message);
        }
    }
}

static int newyear_mark_order(const void *x, const void *y)
{
    const newyear_mark *a = x, *b = y;
    if (a->anchor != b->anchor)
        return a->anchor < b->anchor ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int newyear_edit_order(const void *x, const void *y)
{
    const newyear_edit *a = x, *b = y;
    return a->offset < b->offset ? -1 : a->offset > b->offset;
}

/* The draft's first comment: where it comes from and what to do next. */
static void newyear_header(newyear_ctx *c, int year, strbuf *out,
                           const char *eol)
{
    const char *text =
        c->p->id.s
            ? arena_printf(c->a,
                           _("Drafted by `kehoach new` from %s for %d: check "
                             "every \"# REVIEW\" comment, then run\n`kehoach "
                             "validate` on this file."),
                           c->p->id.s, year)
            : arena_printf(c->a,
                           _("Drafted by `kehoach new` from the old plan for "
                             "%d: check every \"# REVIEW\" comment, then "
                             "run\n`kehoach validate` on this file."),
                           year);
    import_comment(out, text, eol);
}

/* The old text with the edits made and the comments put in. */
static bool newyear_assemble(newyear_ctx *c, int year, strbuf *out, strbuf *err)
{
    const source *src = c->src;
    qsort(c->marks, c->nmarks, sizeof *c->marks, newyear_mark_order);
    qsort(c->edits, c->nedits, sizeof *c->edits, newyear_edit_order);
    for (size_t i = 1; i < c->nedits; i++)
        if (c->edits[i].offset < c->edits[i - 1].offset + c->edits[i - 1].len) {
            strbuf_error(err, _("two edits overlap at line %u"),
                         source_pos_of(src, c->edits[i].offset).line);
            return false;
        }
    /* comments end as the file's lines do */
    const char *eol = "\n";
    for (size_t k = src->start; k < src->len; k++) {
        size_t blen = source_break_len(src->text, src->len, k);
        if (blen) {
            eol = arena_strndup(c->a, src->text + k, blen);
            break;
        }
    }
    size_t first_len;
    const char *first = source_line(src, 1, &first_len);
    static const char modeline[] = "# yaml-language-server:";
    unsigned header =
        first_len >= sizeof modeline - 1 &&
                memcmp(first, modeline, sizeof modeline - 1) == 0 &&
                source_line_count(src) > 1
            ? 2
            : 1;

    size_t at = 0, edit = 0, mark = 0;
    unsigned nlines = source_line_count(src);
    for (unsigned line = 1; line <= nlines; line++) {
        size_t start = source_line_start(src, line);
        size_t next = source_line_start(src, line + 1);
        if (start >= at) { /* not inside an edit that ran over lines */
            strbuf_add(out, src->text + at, start - at);
            at = start;
            if (line == header)
                newyear_header(c, year, out, eol);
            while (mark < c->nmarks && c->marks[mark].anchor <= line) {
                const newyear_mark *m = &c->marks[mark++];
                import_review(out, newyear_indent(src, line), m->line, m->text,
                              eol);
            }
        }
        while (edit < c->nedits && c->edits[edit].offset < next) {
            const newyear_edit *e = &c->edits[edit++];
            strbuf_add(out, src->text + at, e->offset - at);
            strbuf_puts(out, e->with);
            at = e->offset + e->len;
        }
        if (at < next) {
            strbuf_add(out, src->text + at, next - at);
            at = next;
        }
    }
    strbuf_add(out, src->text + at, src->len - at);
    return true;
}

/* The draft's value n against the old plan's was: what was meant. */
static bool newyear_same(const newyear_ctx *c, const node *was, const node *n,
                         unsigned *line)
{
    *line = n->pos.line;
    const newyear_expect *e = newyear_expected(c, was);
    if (e) {
        if (e->s)
            return n->kind == NODE_STRING && n->u.string.len == strlen(e->s) &&
                   memcmp(n->u.string.s, e->s, n->u.string.len) == 0;
        return n->kind == NODE_NUMBER && n->u.number.value == e->number;
    }
    if (was->kind != n->kind)
        return false;
    switch (was->kind) {
    case NODE_ARRAY:
        if (was->u.array.count != n->u.array.count)
            return false;
        for (size_t i = 0; i < was->u.array.count; i++)
            if (!newyear_same(c, was->u.array.items[i], n->u.array.items[i],
                              line))
                return false;
        return true;
    case NODE_OBJECT:
        if (was->u.object.count != n->u.object.count)
            return false;
        for (size_t i = 0; i < was->u.object.count; i++) {
            const node_member *a = &was->u.object.members[i];
            const node_member *b = &n->u.object.members[i];
            if (a->key_len != b->key_len ||
                memcmp(a->key, b->key, a->key_len) != 0 ||
                !newyear_same(c, a->value, b->value, line))
                return false;
        }
        return true;
    case NODE_NULL:
    case NODE_BOOL:
    case NODE_NUMBER:
    case NODE_STRING:
        break;
    }
    return node_equal(was, n);
}

/* Reads the draft back: YAML, and every value the one meant. */
static bool newyear_read_back(newyear_ctx *c, const strbuf *draft, strbuf *err)
{
    char *text = xstrndup(strbuf_str(draft), draft->len);
    source *src = source_new(c->src->path, text, draft->len);
    arena *a = arena_new();
    diag_sink *d = diag_sink_new(1);
    yamlload_limits limits = yamlload_default_limits;
    limits.max_bytes = SIZE_MAX; /* the old plan was within the limit */
    node *root = yamlload_parse(a, src, d, &limits);
    bool ok = root != NULL;
    unsigned line = 0;
    if (!ok)
        strbuf_error(err, _("the draft is not YAML: %s"),
                     diag_count(d) ? diag_get(d, 0)->message : "?");
    else if (!(ok = newyear_same(c, c->p->root, root, &line)))
        strbuf_error(err, _("the draft does not read as meant at its line %u"),
                     line);
    diag_sink_free(d);
    arena_free(a);
    source_free(src);
    return ok;
}

newyear_status newyear_draft(const plan *p, int year, const char *id,
                             diag_sink *checked, strbuf *out, diag_sink *notes,
                             newyear_summary *sum, strbuf *err)
{
    *sum = (newyear_summary){0};
    if (!p->year_from || !p->root || p->root->kind != NODE_OBJECT) {
        strbuf_error(err, _("the plan says neither its year nor its span"));
        return NEWYEAR_BAD_YEAR;
    }
    int by = year - p->year_from;
    if (by == 0) {
        strbuf_error(err, _("the plan is for %d already"), year);
        return NEWYEAR_BAD_YEAR;
    }
    if (p->year_to + by > NEWYEAR_LAST) {
        strbuf_error(
            err,
            _("its span %d-%d would end in %d, after %d, the last year "
              "a plan can have"),
            p->year_from, p->year_to, p->year_to + by, NEWYEAR_LAST);
        return NEWYEAR_BAD_YEAR;
    }
    newyear_ctx c = {.a = arena_new(),
                     .p = p,
                     .src = p->src,
                     .shift = {p->year_from, p->year_to, by},
                     .notes = notes};
    newyear_root(&c, p->root, id, sum);
    newyear_carry(&c, checked);
    newyear_status status = NEWYEAR_OK;
    strbuf draft = STRBUF_INIT;
    if (!newyear_assemble(&c, year, &draft, err) ||
        !newyear_read_back(&c, &draft, err))
        status = NEWYEAR_FAILED;
    else
        strbuf_add(out, strbuf_str(&draft), draft.len);
    strbuf_release(&draft);
    if (!sum->id)
        sum->id = xstrdup(p->id.s ? p->id.s : "");
    sum->review = c.nmarks;
    arena_free(c.a);
    return status;
}
