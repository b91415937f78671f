/* when.c - time phrases into dated windows (see when.h).
 *
 * Each line is folded one character at a time with vntext_fold_ascii(), so
 * the parser reads lowercase ASCII words ("tu thang 03/2026 den ...")
 * while every byte of that key remembers the bytes of the original it came
 * from: notes and the words quoted in a refusal are the plan's own text.
 * A line is read as a list of points in time (a year, a half, a quarter, a
 * month, a day), each alone, as a range or as a deadline. Their years are
 * settled last, because a plan writes the year once, after the list ("Quý
 * II và Quý IV trong năm 2024"): a year applies to the points before it.
 *
 * The one idea to know: a window is named by its shape alone, never by the
 * words that made it, so "Quý I-IV", "Hàng quý" and "2026-Q1..2026-Q4"
 * give the same four windows with the same keys. */
#include "when.h"

#include "i18n.h"
#include "vntext.h"
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum {
    WHEN_FIRST_YEAR = 2000, /* the years a plan can name */
    WHEN_LAST_YEAR = 2100,
    WHEN_NUMBER_CAP = 1000000000, /* larger numbers read as this */
};

static const char *const when_roman[] = {"I", "II", "III", "IV"};

/* ---- names of windows ---- */

static void when_name(arena *a, when_window *w)
{
    date f = w->from, t = w->to;
    if (f.year == t.year && f.day == 1 &&
        t.day == date_days_in_month(t.year, t.month)) {
        int months = t.month - f.month + 1;
        if (months == 12) {
            w->key = arena_printf(a, "%04d", f.year);
            w->label = arena_printf(a, "Năm %d", f.year);
            return;
        }
        if (months == 6 && (f.month == 1 || f.month == 7)) {
            bool first_half = f.month == 1;
            w->key = arena_printf(a, "%04d-H%d", f.year, first_half ? 1 : 2);
            w->label = arena_printf(a, "6 tháng %s năm %d",
                                    first_half ? "đầu" : "cuối", f.year);
            return;
        }
        if (months == 3 && (f.month - 1) % 3 == 0) {
            int quarter = (f.month - 1) / 3 + 1;
            w->key = arena_printf(a, "%04d-Q%d", f.year, quarter);
            w->label =
                arena_printf(a, "Quý %s/%d", when_roman[quarter - 1], f.year);
            return;
        }
        if (months == 1) {
            w->key = arena_printf(a, "%04d-%02d", f.year, f.month);
            w->label = arena_printf(a, "Tháng %d/%d", f.month, f.year);
            return;
        }
    }
    char iso_from[11], iso_to[11], vn_from[11], vn_to[11];
    date_format_iso(f, iso_from);
    date_format_vn(f, vn_from);
    if (date_cmp(f, t) == 0) {
        w->key = arena_strdup(a, iso_from);
        w->label = arena_strdup(a, vn_from);
        return;
    }
    date_format_iso(t, iso_to);
    date_format_vn(t, vn_to);
    w->key = arena_printf(a, "%s..%s", iso_from, iso_to);
    w->label = arena_printf(a, "%s - %s", vn_from, vn_to);
}

/* Windows gathered in the arena, in the order they are found. */
typedef struct when_list {
    when_window *windows;
    size_t count, cap;
} when_list;

static void when_add(arena *a, when_list *list, date from, date to,
                     const char *note)
{
    ARENA_ROOM(a, list->windows, list->count, list->cap, 8);
    when_window *w = &list->windows[list->count++];
    *w = (when_window){from, to, to, NULL, NULL, note};
    when_name(a, w);
}

static int when_months_of(when_repeat repeat)
{
    switch (repeat) {
    case WHEN_MONTHLY:
        return 1;
    case WHEN_QUARTERLY:
        return 3;
    case WHEN_HALF_YEARLY:
        return 6;
    case WHEN_YEARLY:
        return 12;
    case WHEN_ONCE:
        break;
    }
    return 0;
}

/* Cuts [from, to] at the boundaries of `repeat` into list. */
static void when_cut(arena *a, date from, date to, when_repeat repeat,
                     const char *note, when_list *list)
{
    if (!date_valid(from) || !date_valid(to) || date_cmp(from, to) > 0)
        return;
    int step = when_months_of(repeat);
    if (!step) {
        when_add(a, list, from, to, note);
        return;
    }
    int first_month = (from.month - 1) / step * step + 1;
    long months = ((long)to.year - from.year) * 12 + (to.month - first_month);
    long periods = months / step + 1;
    for (long k = 0; k < periods; k++) {
        date start = date_add_months(from.year, first_month, (int)(k * step));
        date next = date_add_months(start.year, start.month, step);
        date end = date_add_days(next, -1);
        when_add(a, list, date_cmp(start, from) < 0 ? from : start,
                 date_cmp(end, to) > 0 ? to : end, note);
    }
}

void when_split(arena *a, date from, date to, when_repeat repeat, when *out)
{
    when_list list = {0};
    when_cut(a, from, to, repeat, NULL, &list);
    *out = (when){list.windows, list.count, repeat, false};
}

/* ---- the folded key of a line ---- */

typedef struct when_key {
    char *text; /* not NUL-terminated */
    size_t len, cap;
    size_t *from, *to; /* the original bytes behind each byte of text */
} when_key;

static void when_key_put(arena *a, when_key *k, const char *bytes, size_t n,
                         size_t from, size_t to)
{
    for (size_t i = 0; i < n; i++, k->len++) {
        size_t had = k->cap;
        ARENA_ROOM(a, k->text, k->len, k->cap, 64);
        if (k->cap != had) { /* from and to follow text's slots */
            k->from = arena_grow(a, k->from, k->len, k->cap, sizeof *k->from);
            k->to = arena_grow(a, k->to, k->len, k->cap, sizeof *k->to);
        }
        k->text[k->len] = bytes[i];
        k->from[k->len] = from;
        k->to[k->len] = to;
    }
}

/* Hyphens, en and em dashes, the minus sign: all read as "-". */
static bool when_is_dash(int32_t cp)
{
    return (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

/* Spaces of every width, line and paragraph separators, and invisible
 * format characters (a byte order mark, a zero-width space). */
static bool when_is_gap(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
           c == UTF8PROC_CATEGORY_ZP || c == UTF8PROC_CATEGORY_CF;
}

/* Folds s[0..n) into k, character by character: ASCII is lowered here,
 * the rest goes through vntext_fold_ascii() ("Ý" -> "y", "Đ" -> "d"). */
static void when_fold(arena *a, const char *s, size_t n, when_key *k)
{
    *k = (when_key){0};
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        int32_t cp = 0;
        size_t len = c < 0x80 ? 1 : utf8_decode(s + i, n - i, &cp);
        if (c < 0x80) {
            char folded = c == ' ' || (c >= '\t' && c <= '\r') ? ' '
                          : c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a')
                                                 : (char)c;
            when_key_put(a, k, &folded, 1, i, i + 1);
        } else if (!len) {
            len = 1; /* an invalid byte stays as it is */
            when_key_put(a, k, s + i, 1, i, i + 1);
        } else if (when_is_dash(cp)) {
            when_key_put(a, k, "-", 1, i, i + len);
        } else if (when_is_gap(cp)) {
            when_key_put(a, k, " ", 1, i, i + len);
        } else {
            char *folded = vntext_fold_ascii(s + i, len);
            size_t m = strlen(folded);
            if (m)
                when_key_put(a, k, folded, m, i, i + len);
            else if (k->len && k->text[k->len - 1] != ' ')
                k->to[k->len - 1] = i + len; /* a mark belongs to its letter */
            free(folded);
        }
        i += len;
    }
}

/* ---- tokens ---- */

typedef enum when_token_kind {
    TOKEN_WORD, /* letters, and any byte beyond ASCII */
    TOKEN_NUMBER,
    TOKEN_PERIOD, /* an ISO period with a dash: 2026-03, 2026-Q2 ... */
    TOKEN_PUNCT,
} when_token_kind;

typedef struct when_token {
    when_token_kind kind;
    size_t begin, end; /* in the key */
    long value;        /* a number's value, at most WHEN_NUMBER_CAP */
} when_token;

static bool when_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool when_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (unsigned char)c >= 0x80;
}

/* The end of an ISO period whose dash is at key[dash], or 0: "2026-03",
 * "2026-03-15", "2026-q2", "2026-h1", and near misses such as "2026-3"
 * (refused later, with the reason). "2026-2027" is no period. */
static size_t when_period_end(const char *key, size_t len, size_t dash)
{
    size_t i = dash + 1;
    if (i < len && when_digit(key[i])) {
        size_t j = i;
        while (j < len && when_digit(key[j]))
            j++;
        if (j - i >= 3)
            return 0;
    } else if (!(i + 1 < len && (key[i] == 'q' || key[i] == 'h') &&
                 when_digit(key[i + 1]))) {
        return 0;
    }
    while (i < len && (when_digit(key[i]) || when_letter(key[i])))
        i++;
    if (i + 1 < len && key[i] == '-' && when_digit(key[i + 1])) {
        i++;
        while (i < len && (when_digit(key[i]) || when_letter(key[i])))
            i++;
    }
    return i;
}

static when_token *when_tokenise(arena *a, const when_key *k, size_t *count)
{
    when_token *tokens = arena_alloc(a, (k->len + 1) * sizeof *tokens);
    size_t n = 0, i = 0;
    while (i < k->len) {
        char c = k->text[i];
        when_token *t = &tokens[n];
        t->begin = i;
        if (c == ' ') {
            i++;
            continue;
        }
        if (when_digit(c)) {
            long value = 0;
            while (i < k->len && when_digit(k->text[i])) {
                value = value < WHEN_NUMBER_CAP / 10
                            ? value * 10 + (k->text[i] - '0')
                            : WHEN_NUMBER_CAP;
                i++;
            }
            size_t end = i - t->begin == 4 && i < k->len && k->text[i] == '-'
                             ? when_period_end(k->text, k->len, i)
                             : 0;
            t->kind = end ? TOKEN_PERIOD : TOKEN_NUMBER;
            t->value = value;
            i = end ? end : i;
        } else if (when_letter(c)) {
            while (i < k->len && when_letter(k->text[i]))
                i++;
            t->kind = TOKEN_WORD;
        } else {
            i++;
            t->kind = TOKEN_PUNCT;
        }
        t->end = i;
        n++;
    }
    *count = n;
    return tokens;
}

/* ---- the parser's state and its small helpers ---- */

typedef struct when_parser {
    arena *out;     /* results and reasons */
    arena *scratch; /* what is needed only while parsing */
    const when_context *ctx;
    const char *line; /* the original text */
    const when_key *key;
    const when_token *tokens;
    size_t count; /* the tokens before the note */
    size_t pos;
    const char *why;
} when_parser;

typedef enum when_found { FOUND, ABSENT, REFUSED } when_found;

static bool word_at(const when_parser *p, size_t i, const char *w)
{
    if (i >= p->count || p->tokens[i].kind != TOKEN_WORD)
        return false;
    size_t n = strlen(w);
    return p->tokens[i].end - p->tokens[i].begin == n &&
           memcmp(p->key->text + p->tokens[i].begin, w, n) == 0;
}

static bool punct_at(const when_parser *p, size_t i, char c)
{
    return i < p->count && p->tokens[i].kind == TOKEN_PUNCT &&
           p->key->text[p->tokens[i].begin] == c;
}

static bool number_at(const when_parser *p, size_t i)
{
    return i < p->count && p->tokens[i].kind == TOKEN_NUMBER;
}

static size_t digits_at(const when_parser *p, size_t i)
{
    return p->tokens[i].end - p->tokens[i].begin;
}

static bool take_word(when_parser *p, const char *w)
{
    if (!word_at(p, p->pos, w))
        return false;
    p->pos++;
    return true;
}

static bool take_words(when_parser *p, const char *w1, const char *w2)
{
    if (!word_at(p, p->pos, w1) || !word_at(p, p->pos + 1, w2))
        return false;
    p->pos += 2;
    return true;
}

static bool take_punct(when_parser *p, char c)
{
    if (!punct_at(p, p->pos, c))
        return false;
    p->pos++;
    return true;
}

/* The original text of tokens [first, end), first < end. */
static const char *quote(const when_parser *p, size_t first, size_t end)
{
    size_t from = p->key->from[p->tokens[first].begin];
    size_t to = p->key->to[p->tokens[end - 1].end - 1];
    return arena_strndup(p->out, p->line + from, to - from);
}

static bool refuse(when_parser *p, const char *why)
{
    p->why = why;
    return false;
}

static bool separator_at(const when_parser *p, size_t i)
{
    return punct_at(p, i, ',') || punct_at(p, i, ';') || punct_at(p, i, '.') ||
           punct_at(p, i, '&') || punct_at(p, i, '+') || word_at(p, i, "va");
}

/* Refuses the words from `at` (which is before the end) to the next
 * separator. */
static bool not_understood(when_parser *p, size_t at)
{
    size_t end = at + 1;
    while (end < p->count && !separator_at(p, end))
        end++;
    return refuse(p, arena_printf(p->out, _("'%s' is not understood"),
                                  quote(p, at, end)));
}

static bool plan_known(const when_context *ctx)
{
    return ctx && WHEN_FIRST_YEAR <= ctx->year_from &&
           ctx->year_from <= ctx->year_to && ctx->year_to <= WHEN_LAST_YEAR;
}

/* ---- points in time ---- */

typedef enum when_unit {
    UNIT_NONE,
    UNIT_YEAR,
    UNIT_HALF,
    UNIT_QUARTER,
    UNIT_MONTH,
    UNIT_DAY,
} when_unit;

typedef struct when_point {
    when_unit unit;
    int number; /* the half, quarter or month; a day's month */
    int day;
    int year;          /* 0 until known */
    size_t first, end; /* its tokens */
} when_point;

/* The months of its year a point spans, as many as a unit holds. */
static int point_months(const when_point *pt)
{
    switch (pt->unit) {
    case UNIT_HALF:
        return 6;
    case UNIT_QUARTER:
        return 3;
    case UNIT_MONTH:
    case UNIT_DAY:
        return 1;
    case UNIT_NONE:
    case UNIT_YEAR:
        break;
    }
    return 12;
}

/* The last of the months a point spans (1-based; a year's is 12). */
static int point_last_month(const when_point *pt)
{
    int months = point_months(pt);
    return months == 12 ? 12 : pt->number * months;
}

static date point_first(const when_point *pt)
{
    if (pt->unit == UNIT_DAY)
        return date_make(pt->year, pt->number, pt->day);
    return date_first_of_month(pt->year,
                               point_last_month(pt) - point_months(pt) + 1);
}

static date point_last(const when_point *pt)
{
    if (pt->unit == UNIT_DAY)
        return date_make(pt->year, pt->number, pt->day);
    return date_last_of_month(pt->year, point_last_month(pt));
}

/* The same point written with a year, to show how. */
static const char *point_example(arena *a, const when_point *pt, int year)
{
    switch (pt->unit) {
    case UNIT_HALF:
        return arena_printf(a, "6 tháng %s năm %d",
                            pt->number == 1 ? "đầu" : "cuối", year);
    case UNIT_QUARTER:
        return arena_printf(a, "Quý %s năm %d", when_roman[pt->number - 1],
                            year);
    case UNIT_MONTH:
        return arena_printf(a, "tháng %d/%d", pt->number, year);
    case UNIT_DAY:
        return arena_printf(a, "ngày %d/%d/%d", pt->day, pt->number, year);
    case UNIT_NONE:
    case UNIT_YEAR:
        break;
    }
    return arena_printf(a, "năm %d", year);
}

/* An ISO period: 2026, 2026-03, 2026-03-15, 2026-Q2, 2026-H1. Otherwise
 * false, with what is wrong in err. */
static bool read_period(const char *s, size_t n, when_point *pt, strbuf *err)
{
    static const char form[] =
        N_("a period is written 2026, 2026-03, 2026-03-15, 2026-Q2 or 2026-H1");
    bool year_digits = n >= 4;
    for (size_t i = 0; i < 4 && year_digits; i++)
        year_digits = when_digit(s[i]);
    if (!year_digits || (n > 4 && s[4] != '-')) {
        strbuf_error(err, "%s", _(form));
        return false;
    }
    *pt = (when_point){.unit = UNIT_YEAR};
    pt->year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
               (s[3] - '0');
    if (n == 4)
        return true;
    char part = n == 7 ? (char)(s[5] | 0x20) : '\0';
    if ((part == 'q' || part == 'h') && when_digit(s[6])) {
        bool quarter = part == 'q';
        int number = s[6] - '0';
        if (number < 1 || number > (quarter ? 4 : 2)) {
            if (quarter)
                strbuf_error(err, _("there is no quarter %d"), number);
            else
                strbuf_error(err, _("there is no half %d"), number);
            return false;
        }
        pt->unit = quarter ? UNIT_QUARTER : UNIT_HALF;
        pt->number = number;
        return true;
    }
    char copy[11];
    date d;
    date_status status = DATE_BAD_FORM;
    if (n == 7 || n == 10) {
        memcpy(copy, s, n);
        copy[n] = '\0';
        status = date_parse(copy, true, &d);
    }
    if (status == DATE_BAD_FORM) {
        strbuf_error(err, "%s", _(form));
        return false;
    }
    if (status != DATE_OK) {
        date_explain(status, &d, err);
        return false;
    }
    pt->unit = n == 7 ? UNIT_MONTH : UNIT_DAY;
    pt->number = d.month;
    pt->day = d.day;
    return true;
}

bool when_parse_period(const char *s, date *first, date *last)
{
    when_point pt;
    if (!s || !read_period(s, strlen(s), &pt, NULL))
        return false;
    *first = point_first(&pt);
    *last = point_last(&pt);
    return true;
}

/* The year at token i, which must be a plan year. */
static bool set_year(when_parser *p, size_t i, when_point *pt)
{
    long year = p->tokens[i].value;
    if (year < WHEN_FIRST_YEAR || year > WHEN_LAST_YEAR)
        return refuse(p,
                      arena_printf(p->out, _("'%s' is not a plan year (%d-%d)"),
                                   quote(p, i, i + 1), WHEN_FIRST_YEAR,
                                   WHEN_LAST_YEAR));
    pt->year = (int)year;
    return true;
}

/* A year written after a point: "/2026", "năm 2026", "trong năm 2024", or
 * a bare 2026. None is fine too. */
static bool parse_year_after(when_parser *p, when_point *pt)
{
    if (punct_at(p, p->pos, '/') && number_at(p, p->pos + 1)) {
        p->pos += 2;
        return set_year(p, p->pos - 1, pt);
    }
    size_t start = p->pos;
    if (!take_word(p, "trong"))
        take_word(p, "cua");
    if (take_word(p, "nam")) {
        if (!number_at(p, p->pos))
            return true;
        p->pos++;
        return set_year(p, p->pos - 1, pt);
    }
    p->pos = start;
    if (number_at(p, p->pos) && digits_at(p, p->pos) >= 4) {
        p->pos++;
        return set_year(p, p->pos - 1, pt);
    }
    return true;
}

static when_found found_if(bool ok)
{
    return ok ? FOUND : REFUSED;
}

static bool roman_letters(const when_parser *p, size_t i)
{
    for (size_t k = p->tokens[i].begin; k < p->tokens[i].end; k++)
        if (!strchr("ivxlcdm", p->key->text[k]))
            return false;
    return true;
}

/* The quarter a numeral names (II, 2, hai): 1-4; 0 when token i is no
 * numeral; -1 when it is one that names no quarter (V, 5). "tư" is read
 * only right after "Quý", since elsewhere it is "từ". */
static int quarter_numeral(const when_parser *p, size_t i, bool after_quy)
{
    static const char *const romans[] = {"i", "ii", "iii", "iv"};
    static const char *const words[] = {"mot", "hai", "ba", "bon"};
    if (number_at(p, i))
        return p->tokens[i].value >= 1 && p->tokens[i].value <= 4
                   ? (int)p->tokens[i].value
                   : -1;
    if (i >= p->count || p->tokens[i].kind != TOKEN_WORD)
        return 0;
    for (int k = 0; k < 4; k++)
        if (word_at(p, i, romans[k]) || word_at(p, i, words[k]))
            return k + 1;
    if (after_quy && word_at(p, i, "tu"))
        return 4;
    return roman_letters(p, i) ? -1 : 0;
}

/* The numeral of a quarter at pos; pt->first is where the point began. */
static when_found read_quarter(when_parser *p, when_point *pt, bool after_quy)
{
    size_t numeral = p->pos;
    int quarter = quarter_numeral(p, numeral, after_quy);
    if (quarter == 0) {
        refuse(p, arena_printf(p->out, _("'%s' does not say which quarter"),
                               quote(p, pt->first, numeral)));
        return REFUSED;
    }
    if (quarter < 0) {
        refuse(p, arena_printf(p->out, _("'%s' is not a quarter"),
                               quote(p, pt->first, numeral + 1)));
        return REFUSED;
    }
    p->pos++;
    pt->unit = UNIT_QUARTER;
    pt->number = quarter;
    return found_if(parse_year_after(p, pt));
}

static when_found read_month(when_parser *p, when_point *pt)
{
    pt->unit = UNIT_MONTH;
    pt->number = (int)p->tokens[p->pos++].value;
    return found_if(parse_year_after(p, pt));
}

/* "6 tháng đầu năm", "sáu tháng cuối năm", "nửa đầu năm" at i: the
 * number of tokens, or 0. */
static size_t half_at(const when_parser *p, size_t i)
{
    size_t words = 0;
    if (((number_at(p, i) && p->tokens[i].value == 6) ||
         word_at(p, i, "sau")) &&
        word_at(p, i + 1, "thang"))
        words = 2;
    else if (word_at(p, i, "nua"))
        words = 1;
    if (words &&
        (word_at(p, i + words, "dau") || word_at(p, i + words, "cuoi")) &&
        word_at(p, i + words + 1, "nam"))
        return words + 2;
    return 0;
}

/* A day at pos: 15/3/2026, 15/3 (year later), or after "ngày" also
 * "15 tháng 3 năm 2026". */
static when_found read_day(when_parser *p, when_point *pt, bool after_ngay)
{
    size_t i = p->pos;
    if (!number_at(p, i))
        return ABSENT;
    pt->unit = UNIT_DAY;
    pt->day = (int)p->tokens[i].value;
    if ((punct_at(p, i + 1, '/') ||
         (after_ngay && word_at(p, i + 1, "thang"))) &&
        number_at(p, i + 2)) {
        pt->number = (int)p->tokens[i + 2].value;
        p->pos = i + 3;
        if (punct_at(p, i + 1, '/') && punct_at(p, p->pos, '/') &&
            number_at(p, p->pos + 1)) {
            p->pos += 2;
            return found_if(set_year(p, p->pos - 1, pt));
        }
        return found_if(parse_year_after(p, pt));
    }
    return ABSENT;
}

/* A point that starts with a bare number: a day (15/3/2026), a month or
 * quarter with its year (3/2026), a year (2026), or the numeral of the
 * unit of a list ("tháng 3, 6, 9"; "Quý 1-4"). */
static when_found read_number_point(when_parser *p, when_unit usual,
                                    when_point *pt)
{
    size_t i = p->pos;
    if (punct_at(p, i + 1, '/') && number_at(p, i + 2) &&
        digits_at(p, i + 2) < 4)
        return read_day(p, pt, false);
    if (usual == UNIT_QUARTER)
        return read_quarter(p, pt, false);
    if (usual == UNIT_MONTH || punct_at(p, i + 1, '/'))
        return read_month(p, pt);
    if (digits_at(p, i) >= 4) {
        p->pos++;
        pt->unit = UNIT_YEAR;
        return found_if(set_year(p, i, pt));
    }
    return ABSENT;
}

static when_found read_period_token(when_parser *p, when_point *pt)
{
    const when_token *t = &p->tokens[p->pos];
    strbuf problem = STRBUF_INIT;
    bool read =
        read_period(p->key->text + t->begin, t->end - t->begin, pt, &problem);
    if (!read)
        refuse(p, arena_printf(p->out,
                               /* TRANSLATORS: the words of the time as
                                  written, then what is wrong with them. */
                               _("'%s': %s"), quote(p, p->pos, p->pos + 1),
                               strbuf_str(&problem)));
    strbuf_release(&problem);
    if (!read)
        return REFUSED;
    if (pt->year < WHEN_FIRST_YEAR || pt->year > WHEN_LAST_YEAR) {
        refuse(p, arena_printf(p->out, _("'%s' is not in a plan year (%d-%d)"),
                               quote(p, p->pos, p->pos + 1), WHEN_FIRST_YEAR,
                               WHEN_LAST_YEAR));
        return REFUSED;
    }
    p->pos++;
    return FOUND;
}

static when_found read_point(when_parser *p, when_unit usual, when_point *pt)
{
    size_t i = p->pos;
    if (i >= p->count)
        return ABSENT;
    if (p->tokens[i].kind == TOKEN_PERIOD)
        return read_period_token(p, pt);
    if (word_at(p, i, "quy") ||
        (word_at(p, i, "q") && quarter_numeral(p, i + 1, false))) {
        p->pos++;
        return read_quarter(p, pt, true);
    }
    if (word_at(p, i, "thang") && number_at(p, i + 1)) {
        p->pos++;
        return read_month(p, pt);
    }
    size_t half = half_at(p, i);
    if (half) {
        pt->unit = UNIT_HALF;
        pt->number = word_at(p, i + half - 2, "dau") ? 1 : 2;
        p->pos += half;
        return found_if(parse_year_after(p, pt));
    }
    if (word_at(p, i, "ngay")) {
        p->pos++;
        return read_day(p, pt, true);
    }
    if (take_words(p, "ca", "nam") || take_words(p, "quanh", "nam") ||
        take_word(p, "nam")) {
        pt->unit = UNIT_YEAR;
        if (!number_at(p, p->pos))
            return FOUND;
        p->pos++;
        return found_if(set_year(p, p->pos - 1, pt));
    }
    if (number_at(p, i))
        return read_number_point(p, usual, pt);
    if (usual == UNIT_QUARTER && quarter_numeral(p, i, false))
        return read_quarter(p, pt, false);
    return ABSENT;
}

/* A point at pos; `usual` is the unit a bare numeral is in (the unit of
 * the list so far). Nothing is consumed when none is there. */
static when_found parse_point(when_parser *p, when_unit usual, when_point *pt)
{
    size_t start = p->pos;
    *pt = (when_point){.first = start};
    when_found found = read_point(p, usual, pt);
    pt->end = p->pos;
    if (found == ABSENT)
        p->pos = start;
    return found;
}

/* A year applies to the points before it; the rest take the plan's year. */
static bool settle_years(when_parser *p, when_point **points, size_t n)
{
    int later = 0;
    for (size_t k = n; k-- > 0;) {
        if (points[k]->year)
            later = points[k]->year;
        else
            points[k]->year = later;
    }
    for (size_t k = 0; k < n; k++) {
        if (points[k]->year)
            continue;
        if (!plan_known(p->ctx))
            return refuse(p, _("the plan's year is not known: say which year"));
        if (p->ctx->year_from != p->ctx->year_to) {
            int middle = (p->ctx->year_from + p->ctx->year_to) / 2;
            return refuse(
                p, arena_printf(
                       p->out,
                       _("the plan runs from %d to %d: say which year, as in "
                         "'%s'"),
                       p->ctx->year_from, p->ctx->year_to,
                       point_example(p->out, points[k], middle)));
        }
        points[k]->year = p->ctx->year_from;
    }
    return true;
}

/* Months and days exist (quarters and halves were checked as read). */
static bool check_point(when_parser *p, const when_point *pt)
{
    date d =
        date_make(pt->year, pt->number, pt->unit == UNIT_DAY ? pt->day : 1);
    if ((pt->unit != UNIT_MONTH && pt->unit != UNIT_DAY) || date_valid(d))
        return true;
    date_status status =
        d.month < 1 || d.month > 12 ? DATE_BAD_MONTH : DATE_BAD_DAY;
    strbuf problem = STRBUF_INIT;
    date_explain(status, &d, &problem);
    const char *what = quote(p, pt->first, pt->end);
    if (pt->unit == UNIT_DAY)
        refuse(p, arena_printf(p->out, _("'%s' is not a real date: %s"), what,
                               strbuf_str(&problem)));
    else
        refuse(p,
               arena_printf(p->out, _("'%s': %s"), what, strbuf_str(&problem)));
    strbuf_release(&problem);
    return false;
}

/* ---- items: a point, a range, a deadline ---- */

typedef enum when_item_kind {
    ITEM_AT,     /* Quý II */
    ITEM_RANGE,  /* từ tháng 3 đến tháng 4 */
    ITEM_BEFORE, /* trước Quý III, trước ngày 30/10 */
    ITEM_BY,     /* chậm nhất ngày 30/10, hạn chót Quý III */
} when_item_kind;

typedef struct when_item {
    when_item_kind kind;
    when_point at, until; /* until: the end of a range */
    size_t first, end;    /* its tokens */
} when_item;

static bool take_range_word(when_parser *p)
{
    if (take_word(p, "den")) {
        take_word(p, "het");
        return true;
    }
    if (punct_at(p, p->pos, '.') && punct_at(p, p->pos + 1, '.') &&
        p->tokens[p->pos].end == p->tokens[p->pos + 1].begin) {
        p->pos += 2;
        return true;
    }
    return take_punct(p, '-') || take_word(p, "toi");
}

/* The unit a bare numeral after this point is in ("Quý I-IV", "tháng 3, 6"). */
static when_unit usual_after(when_unit unit)
{
    return unit == UNIT_QUARTER || unit == UNIT_MONTH || unit == UNIT_YEAR
               ? unit
               : UNIT_NONE;
}

static when_found parse_item(when_parser *p, when_unit usual, when_item *item)
{
    size_t start = p->pos;
    *item = (when_item){.kind = ITEM_AT, .first = start};
    while (take_words(p, "hoan", "thanh") || take_word(p, "trong") ||
           take_word(p, "vao"))
        continue; /* "hoàn thành trong", "vào": words that change nothing */
    bool says_from = false;
    if (take_word(p, "truoc")) {
        item->kind = ITEM_BEFORE;
    } else if (take_words(p, "cham", "nhat") || take_words(p, "muon", "nhat") ||
               take_words(p, "han", "chot")) {
        item->kind = ITEM_BY;
        if (!take_word(p, "la") && !take_word(p, "vao"))
            take_punct(p, ':');
    } else {
        says_from = take_word(p, "tu");
    }
    bool led = p->pos > start;
    when_found found =
        parse_point(p, item->kind == ITEM_AT ? usual : UNIT_NONE, &item->at);
    if (found == ABSENT && led)
        return found_if(not_understood(p, start));
    if (found != FOUND)
        return found;
    bool open_ended = says_from;
    if (item->kind == ITEM_AT && take_range_word(p)) {
        item->kind = ITEM_RANGE;
        found = parse_point(p, usual_after(item->at.unit), &item->until);
        if (found == REFUSED)
            return REFUSED;
        if (found == ABSENT && p->pos < p->count)
            return found_if(not_understood(p, p->pos));
        open_ended = found == ABSENT;
    }
    if (open_ended) {
        refuse(p, arena_printf(p->out, _("'%s' does not say when it ends"),
                               quote(p, start, p->pos)));
        return REFUSED;
    }
    item->end = p->pos;
    return FOUND;
}

typedef struct when_items {
    when_item *items;
    size_t count, cap;
} when_items;

static void push_item(arena *a, when_items *list, const when_item *item)
{
    ARENA_ROOM(a, list->items, list->count, list->cap, 8);
    list->items[list->count++] = *item;
}

/* Items separated by ",", ";" or "và", up to the end of the line. */
static bool parse_items(when_parser *p, when_items *list)
{
    when_unit usual = UNIT_NONE;
    for (;;) {
        when_item item;
        when_found found = parse_item(p, usual, &item);
        if (found == REFUSED)
            return false;
        if (found == ABSENT)
            return not_understood(p, p->pos);
        push_item(p->scratch, list, &item);
        usual = item.kind == ITEM_RANGE ? usual_after(item.until.unit)
                : item.kind == ITEM_AT  ? usual_after(item.at.unit)
                                        : UNIT_NONE;
        if (p->pos == p->count)
            return true;
        size_t at = p->pos;
        bool separated = false;
        while (separator_at(p, p->pos)) {
            p->pos++;
            separated = true;
        }
        if (!separated) {
            if (parse_item(p, UNIT_NONE, &item) == FOUND)
                return refuse(
                    p, arena_printf(p->out,
                                    _("',' or 'và' is missing before '%s'"),
                                    quote(p, at, p->pos)));
            return not_understood(p, at);
        }
        if (p->pos == p->count)
            return true;
    }
}

static bool quarter_range(const when_item *item)
{
    return item->kind == ITEM_RANGE && item->at.unit == UNIT_QUARTER &&
           item->until.unit == UNIT_QUARTER;
}

/* The windows of the items of one line. A deadline's window starts on 1
 * January of its year: plans run in whole years, so that is the plan's
 * first day or later. */
static bool item_windows(when_parser *p, when_items *items, const char *note,
                         when_list *out)
{
    when_point **points =
        arena_alloc(p->scratch, 2 * items->count * sizeof *points);
    size_t n = 0;
    for (size_t k = 0; k < items->count; k++) {
        points[n++] = &items->items[k].at;
        if (items->items[k].kind == ITEM_RANGE)
            points[n++] = &items->items[k].until;
    }
    if (!settle_years(p, points, n))
        return false;
    for (size_t k = 0; k < n; k++)
        if (!check_point(p, points[k]))
            return false;
    for (size_t k = 0; k < items->count; k++) {
        const when_item *item = &items->items[k];
        date first = point_first(&item->at), last = point_last(&item->at);
        switch (item->kind) {
        case ITEM_AT:
            when_add(p->out, out, first, last, note);
            break;
        case ITEM_RANGE:
            if (date_cmp(point_first(&item->until), first) < 0)
                return refuse(p,
                              arena_printf(p->out,
                                           _("'%s' ends before it starts"),
                                           quote(p, item->first, item->end)));
            when_cut(p->out, first, point_last(&item->until),
                     quarter_range(item) ? WHEN_QUARTERLY : WHEN_ONCE, note,
                     out);
            break;
        case ITEM_BEFORE:
            last = item->at.unit == UNIT_DAY ? first : date_add_days(first, -1);
            when_add(p->out, out, date_first_of_month(last.year, 1), last,
                     note);
            break;
        case ITEM_BY:
            when_add(p->out, out, date_first_of_month(last.year, 1), last,
                     note);
            break;
        }
    }
    return true;
}

/* ---- recurring and ongoing forms ---- */

static bool repeat_of_months(long months, when_repeat *every)
{
    switch (months) {
    case 1:
        *every = WHEN_MONTHLY;
        return true;
    case 3:
        *every = WHEN_QUARTERLY;
        return true;
    case 6:
        *every = WHEN_HALF_YEARLY;
        return true;
    case 12:
        *every = WHEN_YEARLY;
        return true;
    default:
        return false;
    }
}

/* "Hàng tháng", "hằng quý", "mỗi năm", "Định kỳ 6 tháng", "06 tháng một
 * lần": once in every month, quarter, half or year. */
static when_found parse_every(when_parser *p, when_repeat *every)
{
    size_t start = p->pos;
    bool periodic = take_words(p, "dinh", "ky");
    size_t after = p->pos;
    if (take_word(p, "hang") || take_word(p, "moi")) {
        if (take_word(p, "thang") || take_word(p, "quy") ||
            take_word(p, "nam")) {
            *every = word_at(p, p->pos - 1, "thang") ? WHEN_MONTHLY
                     : word_at(p, p->pos - 1, "quy") ? WHEN_QUARTERLY
                                                     : WHEN_YEARLY;
            return FOUND;
        }
        p->pos = after;
    }
    size_t n = p->pos;
    if ((number_at(p, n) || word_at(p, n, "sau")) &&
        word_at(p, n + 1, "thang") && !half_at(p, n)) {
        bool once = (word_at(p, n + 2, "mot") ||
                     (number_at(p, n + 2) && p->tokens[n + 2].value == 1)) &&
                    word_at(p, n + 3, "lan");
        if (periodic || once) {
            p->pos = n + (once ? 4 : 2);
            if (!repeat_of_months(word_at(p, n, "sau") ? 6 : p->tokens[n].value,
                                  every)) {
                refuse(p,
                       arena_printf(
                           p->out,
                           _("'%s' is not a period: say 1, 3, 6 or 12 months"),
                           quote(p, start, p->pos)));
                return REFUSED;
            }
            return FOUND;
        }
    }
    if (periodic) {
        const char *words = quote(p, start, after);
        refuse(p, arena_printf(p->out, _("the period of '%s' is not said"),
                               words));
        return REFUSED;
    }
    p->pos = start;
    return ABSENT;
}

/* The years a recurring or ongoing form covers: the year written after
 * it, or the plan's. */
static bool parse_cover(when_parser *p, date *first, date *last)
{
    when_point year = {.unit = UNIT_YEAR};
    if (!parse_year_after(p, &year))
        return false;
    if (p->pos < p->count)
        return not_understood(p, p->pos);
    if (year.year) {
        *first = date_first_of_month(year.year, 1);
        *last = date_last_of_month(year.year, 12);
        return true;
    }
    if (!plan_known(p->ctx))
        return refuse(p, _("the plan's years are not known: say which year"));
    *first = date_first_of_month(p->ctx->year_from, 1);
    *last = date_last_of_month(p->ctx->year_to, 12);
    return true;
}

/* ---- lines ---- */

typedef struct when_line {
    bool named; /* the line names a time (it is not blank) */
    when_repeat repeat;
    bool ongoing;
} when_line;

/* Where the note starts: "đối với ..." or "(...)"; count if none. */
static size_t note_start(const when_parser *p)
{
    for (size_t i = 0; i < p->count; i++)
        if ((word_at(p, i, "doi") && word_at(p, i + 1, "voi")) ||
            punct_at(p, i, '('))
            return i;
    return p->count;
}

static bool parse_line(when_parser *p, when_list *out, when_line *line)
{
    size_t note_at = note_start(p);
    const char *note = NULL;
    if (note_at < p->count) {
        size_t from = p->key->from[p->tokens[note_at].begin];
        size_t to = p->key->to[p->tokens[p->count - 1].end - 1];
        note = arena_strndup(p->out, p->line + from, to - from);
    }
    size_t end = note_at;
    while (end > 0 && (punct_at(p, end - 1, '.') || punct_at(p, end - 1, ',') ||
                       punct_at(p, end - 1, ';') || punct_at(p, end - 1, ':')))
        end--;
    if (end == 0) {
        if (note)
            return refuse(p,
                          arena_printf(p->out, _("'%s' names no time"), note));
        return true;
    }
    p->count = end;
    line->named = true;
    date first, last;
    while (take_words(p, "thuong", "xuyen") || take_words(p, "lien", "tuc")) {
        line->ongoing = true;
        while (separator_at(p, p->pos))
            p->pos++;
    }
    if (line->ongoing) {
        if (!parse_cover(p, &first, &last))
            return false;
        when_add(p->out, out, first, last, note);
        return true;
    }
    when_found found = parse_every(p, &line->repeat);
    if (found == REFUSED)
        return false;
    if (found == FOUND) {
        if (!parse_cover(p, &first, &last))
            return false;
        when_cut(p->out, first, last, line->repeat, note, out);
        return true;
    }
    when_items items = {0};
    size_t before = out->count;
    if (!parse_items(p, &items) || !item_windows(p, &items, note, out))
        return false;
    bool quarter_by_quarter = items.count == 1 &&
                              quarter_range(&items.items[0]) &&
                              out->count - before > 1;
    line->repeat = quarter_by_quarter ? WHEN_QUARTERLY : WHEN_ONCE;
    return true;
}

/* Windows by due date, then first day; equal ones keep the text's order. */
static int window_order(const when_window *x, const when_window *y)
{
    int c = date_cmp(x->due, y->due);
    return c ? c : date_cmp(x->from, y->from);
}

static void sort_windows(arena *scratch, when_window *w, size_t n)
{
    if (n < 2)
        return;
    when_window *merged = arena_alloc(scratch, n * sizeof *merged);
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                merged[k++] = window_order(&w[j], &w[i]) < 0 ? w[j++] : w[i++];
            while (i < mid)
                merged[k++] = w[i++];
            while (j < hi)
                merged[k++] = w[j++];
        }
        memcpy(w, merged, n * sizeof *w);
    }
}

bool when_parse(arena *a, const char *text, const when_context *ctx, when *out,
                strbuf *err)
{
    *out = (when){NULL, 0, WHEN_ONCE, false};
    if (!text)
        text = "";
    arena *scratch = arena_new();
    when_list windows = {0};
    size_t named = 0;
    const char *reason = NULL;
    for (const char *line = text; line && !reason;) {
        const char *newline = strchr(line, '\n');
        size_t len = newline ? (size_t)(newline - line) : strlen(line);
        when_key key;
        when_fold(scratch, line, len, &key);
        when_parser p = {.out = a,
                         .scratch = scratch,
                         .ctx = ctx,
                         .line = line,
                         .key = &key};
        p.tokens = when_tokenise(scratch, &key, &p.count);
        when_line result = {false, WHEN_ONCE, false};
        if (!parse_line(&p, &windows, &result))
            reason = p.why;
        if (result.named) {
            named++;
            out->repeat = result.repeat;
            out->ongoing = out->ongoing || result.ongoing;
        }
        line = newline ? newline + 1 : NULL;
    }
    if (!reason && windows.count == 0)
        reason = _("no time is named");
    if (!reason) {
        sort_windows(scratch, windows.windows, windows.count);
        for (size_t k = 1; k < windows.count && !reason; k++)
            if (window_order(&windows.windows[k - 1], &windows.windows[k]) == 0)
                reason = arena_printf(a, _("'%s' is named twice"),
                                      windows.windows[k].label);
    }
    arena_free(scratch);
    if (reason) {
        *out = (when){NULL, 0, WHEN_ONCE, false};
        strbuf_error(err, "%s", reason);
        return false;
    }
    out->windows = windows.windows;
    out->count = windows.count;
    if (named > 1)
        out->repeat = WHEN_ONCE;
    return true;
}

/* ---- reporting duties ---- */

/* A due date at pos: 30/10/2026, ngày 30/10/2026, 2026-10-30. */
static when_found read_due(when_parser *p, date *due)
{
    size_t start = p->pos;
    when_point pt = {.first = start};
    when_found found = ABSENT;
    if (start < p->count && p->tokens[start].kind == TOKEN_PERIOD) {
        found = read_period_token(p, &pt);
    } else if (word_at(p, start, "ngay")) {
        p->pos++;
        found = read_day(p, &pt, true);
    } else if (number_at(p, start) && punct_at(p, start + 1, '/')) {
        found = read_day(p, &pt, false);
    }
    if (found == ABSENT)
        p->pos = start;
    if (found != FOUND)
        return found;
    pt.end = p->pos;
    if (!pt.year) {
        refuse(p, arena_printf(p->out, _("'%s' does not say the year"),
                               quote(p, pt.first, pt.end)));
        return REFUSED;
    }
    if (!check_point(p, &pt))
        return REFUSED;
    *due = point_last(&pt);
    return FOUND;
}

static bool read_duty(when_parser *p, when_duty *out)
{
    bool year_end = false;
    for (p->pos = 0; p->pos < p->count;) {
        size_t i = p->pos;
        when_repeat every;
        when_found found = parse_every(p, &every);
        if (found == REFUSED)
            return false;
        if (found == FOUND) {
            out->monthly |= every == WHEN_MONTHLY;
            out->quarterly |= every == WHEN_QUARTERLY;
            out->half_yearly |= every == WHEN_HALF_YEARLY;
            out->yearly |= every == WHEN_YEARLY;
            continue;
        }
        size_t half = half_at(p, i);
        if (half) {
            bool first_half = word_at(p, i + half - 2, "dau");
            out->first_half |= first_half;
            out->yearly |= !first_half;
            p->pos += half;
        } else if (take_words(p, "cuoi", "nam")) {
            out->yearly = year_end = true;
        } else if (word_at(p, i, "bao") && word_at(p, i + 1, "cao") &&
                   word_at(p, i + 2, "nam")) {
            out->yearly = true;
            p->pos += 3;
        } else if (take_words(p, "dot", "xuat") ||
                   take_words(p, "yeu", "cau")) {
            out->on_request = true;
        } else {
            found = read_due(p, &out->due);
            if (found == REFUSED)
                return false;
            out->has_due |= found == FOUND;
            if (found == ABSENT)
                p->pos++;
        }
    }
    if (out->half_yearly && year_end) {
        out->half_yearly = false;
        out->first_half = true;
    }
    if (out->has_due || out->monthly || out->quarterly || out->half_yearly ||
        out->first_half || out->yearly || out->on_request)
        return true;
    return refuse(p, arena_printf(p->out, _("'%s' names no schedule"),
                                  quote(p, 0, p->count)));
}

bool when_parse_duty(arena *a, const char *text, when_duty *out, strbuf *err)
{
    *out = (when_duty){0};
    if (!text)
        text = "";
    arena *scratch = arena_new();
    when_key key;
    when_fold(scratch, text, strlen(text), &key);
    when_parser p = {.out = a, .scratch = scratch, .line = text, .key = &key};
    p.tokens = when_tokenise(scratch, &key, &p.count);
    bool said = false;
    for (size_t i = 0; i < p.count && !said; i++)
        said = p.tokens[i].kind != TOKEN_PUNCT;
    bool ok = said ? read_duty(&p, out)
                   : refuse(&p, _("nothing is said about when it is due"));
    arena_free(scratch);
    if (!ok) {
        *out = (when_duty){0};
        strbuf_error(err, "%s", p.why);
    }
    return ok;
}
