/* units.c - the unit registry (see units.h).
 *
 * Every id, name and alias becomes a folded key in one array, kept sorted
 * and searched by bisection: a country's registry of thousands of units
 * costs a few comparisons per name. A registry may sit on an outer one
 * (a plan's on its folder's), searched after it. */
#include "units.h"

#include "arena.h"
#include "text.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

typedef struct entry {
    char *key;               /* text_fold() of the name */
    const char *name;        /* as written */
    const plan_unit *unit;
} entry;

/* The words that make a phrase generic, as text_fold() keys. */
typedef struct generic_words {
    char *prefixes[2];   /* "các", "những" */
    char *suffix;        /* "có liên quan" */
} generic_words;

struct units {
    entry *entries;
    size_t n, cap;
    size_t nunits;
    const units *outer;
    generic_words generic;
};

static void generic_words_init(generic_words *g)
{
    g->prefixes[0] = text_fold("các", strlen("các"));
    g->prefixes[1] = text_fold("những", strlen("những"));
    g->suffix = text_fold("có liên quan", strlen("có liên quan"));
}

static void generic_words_release(generic_words *g)
{
    free(g->prefixes[0]);
    free(g->prefixes[1]);
    free(g->suffix);
}

units *units_new(const units *outer)
{
    units *r = xcalloc(1, sizeof(units));
    r->outer = outer;
    generic_words_init(&r->generic);
    return r;
}

void units_free(units *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        free(r->entries[i].key);
    free(r->entries);
    generic_words_release(&r->generic);
    free(r);
}

static void add_key(units *r, const char *name, const plan_unit *u)
{
    if (!name)
        return;
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 32;
        r->entries = xrealloc(r->entries, r->cap * sizeof *r->entries);
    }
    r->entries[r->n++] = (entry){text_fold(name, strlen(name)), name, u};
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->key, ((const entry *)b)->key);
}

void units_add(units *r, const plan_unit *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const plan_unit *u = &list[i];
        add_key(r, u->id.s, u);
        add_key(r, u->name.s, u);
        for (size_t j = 0; j < u->naliases; j++)
            add_key(r, u->aliases[j].s, u);
        r->nunits++;
    }
    if (r->n > 1)
        qsort(r->entries, r->n, sizeof *r->entries, cmp_entry);
}

size_t units_count(const units *r)
{
    return r ? r->nunits + units_count(r->outer) : 0;
}

static const entry *find_key(const units *r, const char *key)
{
    entry probe = {(char *)key, NULL, NULL};
    for (; r; r = r->outer) {
        const entry *e = r->n ? bsearch(&probe, r->entries, r->n, sizeof *r->entries,
                                        cmp_entry)
                              : NULL;
        if (e)
            return e;
    }
    return NULL;
}

static bool starts_with_word(const char *key, const char *word)
{
    size_t n = strlen(word);
    return strncmp(key, word, n) == 0 && (key[n] == ' ' || key[n] == '\0');
}

static bool ends_with(const char *key, const char *suffix)
{
    size_t n = strlen(key), k = strlen(suffix);
    return n >= k && strcmp(key + n - k, suffix) == 0;
}

/* text, whose text_fold() key is key, is a generic phrase. */
static bool generic(const generic_words *g, const char *text, const char *key)
{
    int32_t cp;
    size_t k = utf8_decode(text, strlen(text), &cp);
    if (k && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL)
        return true;
    return starts_with_word(key, g->prefixes[0]) ||
           starts_with_word(key, g->prefixes[1]) || ends_with(key, g->suffix);
}

bool units_is_generic(const char *text)
{
    generic_words g;
    generic_words_init(&g);
    char *key = text_fold(text, strlen(text));
    bool yes = generic(&g, text, key);
    free(key);
    generic_words_release(&g);
    return yes;
}

/* Splits "A (B)" into A (text[0..*outer_len)) and B (*inner, *inner_len);
 * false when text does not have that form. */
static bool split_within(const char *text, size_t *outer_len, const char **inner,
                         size_t *inner_len)
{
    size_t len = strlen(text);
    const char *open = strchr(text, '(');
    const char *close = len ? text + len - 1 : text;
    while (close > text && (*close == ' ' || *close == '.'))
        close--;
    if (!open || open == text || *close != ')' || close <= open)
        return false;
    *outer_len = (size_t)(open - text);
    *inner = open + 1;
    *inner_len = (size_t)(close - open - 1);
    return true;
}

/* Looks up text[0..len) without the "A (B)" rule. */
static units_match lookup_plain(const units *r, const char *text, size_t len)
{
    units_match m = {UNITS_UNKNOWN, NULL, NULL};
    char *key = text_fold(text, len);
    const entry *e = find_key(r, key);
    if (e) {
        m.verdict = UNITS_FOUND;
        m.unit = e->unit;
    } else {
        char *copy = xstrndup(text, len);
        if (generic(&r->generic, copy, key))
            m.verdict = UNITS_GENERIC;
        free(copy);
    }
    free(key);
    return m;
}

units_match units_find(const units *r, const char *text)
{
    size_t len = strlen(text);
    units_match m = lookup_plain(r, text, len);
    if (m.verdict != UNITS_UNKNOWN)
        return m;

    /* "A (B)": B within A */
    size_t outer_len, inner_len;
    const char *inner_text;
    if (split_within(text, &outer_len, &inner_text, &inner_len)) {
        units_match outer = lookup_plain(r, text, outer_len);
        units_match inner = lookup_plain(r, inner_text, inner_len);
        if (outer.verdict != UNITS_UNKNOWN && inner.verdict != UNITS_UNKNOWN) {
            m.verdict = UNITS_FOUND;
            m.unit = inner.unit ? inner.unit : outer.unit;
            if (!m.unit)
                m.verdict = UNITS_GENERIC;
            return m;
        }
    }
    return m;
}

units_match units_lookup(const units *r, const char *text)
{
    units_match m = units_find(r, text);
    if (m.verdict != UNITS_UNKNOWN)
        return m;
    /* Suggest only names of the same kind of unit: the first word ("Sở",
     * "Bộ", "Phòng", "Hội") carries the meaning, so "Bộ Tư pháp" must not
     * suggest "Sở Tư pháp". A name that differs only in its marks passes. */
    size_t len = strlen(text);
    char *key = text_fold(text, len), *ascii = text_fold_ascii(text, len);
    size_t first = strcspn(key, " "), total = 0;
    for (const units *x = r; x; x = x->outer)
        total += x->n;
    const char **names = xmalloc((total + 1) * sizeof *names);
    const entry **owners = xmalloc((total + 1) * sizeof *owners);
    size_t n = 0;
    for (const units *x = r; x; x = x->outer) {
        for (size_t i = 0; i < x->n; i++) {
            const entry *e = &x->entries[i];
            bool same_kind = strncmp(e->key, key, first) == 0 &&
                             (e->key[first] == ' ' || e->key[first] == '\0');
            char *other = same_kind ? NULL : text_fold_ascii(e->name, strlen(e->name));
            if (same_kind || strcmp(other, ascii) == 0) {
                names[n] = e->name;
                owners[n++] = e;
            }
            free(other);
        }
    }
    long best = text_suggest(text, names, n);
    if (best >= 0) {
        m.suggestion = owners[best]->name;
        m.unit = owners[best]->unit;
    }
    free(owners);
    free(names);
    free(key);
    free(ascii);
    return m;
}

/* True when unit u is q, or q is among its parents. */
static bool within(const units *r, const plan_unit *u, const plan_unit *q)
{
    for (int depth = 0; u && depth < 32; depth++) {
        if (u == q)
            return true;
        if (!u->parent.s)
            return false;
        char *key = text_fold(u->parent.s, strlen(u->parent.s));
        const entry *e = find_key(r, key);
        free(key);
        u = e ? e->unit : NULL;
    }
    return false;
}

/* One part of a name against the query: by the registry, or by the words. */
static bool part_names(const units *r, const char *text, size_t len,
                       const plan_unit *q, const char *query_key)
{
    units_match m = lookup_plain(r, text, len);
    if (q && m.verdict == UNITS_FOUND)
        return within(r, m.unit, q);
    char *key = text_fold(text, len);
    bool same = strcmp(key, query_key) == 0;
    free(key);
    return same;
}

bool units_names(const units *r, const char *text, const char *query)
{
    units_match qm = lookup_plain(r, query, strlen(query));
    const plan_unit *q = qm.verdict == UNITS_FOUND ? qm.unit : NULL;
    char *query_key = text_fold(query, strlen(query));
    bool yes = part_names(r, text, strlen(text), q, query_key);
    size_t outer_len, inner_len;
    const char *inner;
    if (!yes && split_within(text, &outer_len, &inner, &inner_len))
        yes = part_names(r, text, outer_len, q, query_key) ||
              part_names(r, inner, inner_len, q, query_key);
    free(query_key);
    return yes;
}
