/* orgunits.c - the unit registry (see orgunits.h).
 *
 * Every id, name and alias becomes an entry with two keys, exact and
 * loose, held in two arrays of the same entries, one sorted by each key
 * and searched by bisection: a country's registry of thousands of units
 * costs a few comparisons per name, and a lookup folds the name once per
 * key. A registry may sit on an outer one (a plan's on its folder's),
 * searched after it. Keys are remembered for the run (memo.h): a name
 * is normalised once however many plans write it. */
#include "orgunits.h"

#include "memo.h"
#include "vntext.h"
#include "utf8.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

typedef struct entry {
    char *key;        /* unit_key() of the name */
    char *loose;      /* unit_key() without diacritics */
    const char *name; /* as written */
    const plan_unit *unit;
    bool is_id;
} entry;

struct orgunits {
    entry *exact; /* sorted by key; owns the keys */
    entry *loose; /* the same entries, sorted by loose key */
    size_t n, cap;
    size_t nunits;
    const orgunits *outer;
};

/* vntext_fold() of text[0..len), or vntext_fold_ascii() when loose, with
 * every dash (Unicode Pd: "‐", "–", "—", ...) written '-'. */
static char *make_unit_key(const char *text, size_t len, bool loose)
{
    char *key = loose ? vntext_fold_ascii(text, len) : vntext_fold(text, len);
    size_t n = strlen(key), w = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = utf8_decode(key + i, n - i, &cp);
        if (k && utf8proc_category(cp) == UTF8PROC_CATEGORY_PD) {
            key[w++] = '-';
        } else {
            k = k ? k : 1;
            memmove(key + w, key + i, k);
            w += k;
        }
        i += k ? k : 1;
    }
    key[w] = '\0';
    return key;
}

/* The keys made so far: scope 0 exact, 1 loose. */
static memo unit_keys = {.max = (size_t)4 << 20};

static char *unit_key(const char *text, size_t len, bool loose)
{
    return memo_call(&unit_keys, text, len, loose, make_unit_key);
}

char *orgunits_key(const char *text)
{
    return unit_key(text, strlen(text), false);
}

char *orgunits_loose_key(const char *text)
{
    return unit_key(text, strlen(text), true);
}

orgunits *orgunits_new(const orgunits *outer)
{
    orgunits *r = xcalloc(1, sizeof *r);
    r->outer = outer;
    return r;
}

void orgunits_free(orgunits *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++) {
        free(r->exact[i].key);
        free(r->exact[i].loose);
    }
    free(r->exact);
    free(r->loose);
    free(r);
}

static void add_key(orgunits *r, const char *name, const plan_unit *u,
                    bool is_id)
{
    if (!name)
        return;
    ARRAY_ROOM(r->exact, r->n, r->cap, 32);
    size_t len = strlen(name);
    r->exact[r->n++] = (entry){unit_key(name, len, false),
                               unit_key(name, len, true), name, u, is_id};
}

static int cmp_exact(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->key, ((const entry *)b)->key);
}

static int cmp_loose(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->loose, ((const entry *)b)->loose);
}

void orgunits_add(orgunits *r, const plan_unit *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const plan_unit *u = &list[i];
        add_key(r, u->id.s, u, true);
        add_key(r, u->name.s, u, false);
        for (size_t j = 0; j < u->naliases; j++)
            add_key(r, u->aliases[j].s, u, false);
        r->nunits++;
    }
    if (!r->n)
        return;
    qsort(r->exact, r->n, sizeof *r->exact, cmp_exact);
    r->loose = xrealloc(r->loose, (r->cap + 1) * sizeof *r->loose);
    memcpy(r->loose, r->exact, r->n * sizeof *r->loose);
    qsort(r->loose, r->n, sizeof *r->loose, cmp_loose);
}

size_t orgunits_count(const orgunits *r)
{
    return r ? r->nunits + orgunits_count(r->outer) : 0;
}

const orgunits *orgunits_outer(const orgunits *r)
{
    return r ? r->outer : NULL;
}

static const entry *find_key(const orgunits *r, const char *key)
{
    entry probe = {(char *)key, NULL, NULL, NULL, false};
    for (; r; r = r->outer) {
        const entry *e =
            r->n ? bsearch(&probe, r->exact, r->n, sizeof *r->exact, cmp_exact)
                 : NULL;
        if (e)
            return e;
    }
    return NULL;
}

/* The first entry of r->loose whose loose key is not below key. */
static size_t loose_lower_bound(const orgunits *r, const char *key)
{
    size_t lo = 0, hi = r->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(r->loose[mid].loose, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The entry of the one unit whose loose key is key, in the first registry
 * that has the key; NULL when none has it, or two units there share it. */
static const entry *find_loose(const orgunits *r, const char *key)
{
    for (; r; r = r->outer) {
        size_t i = loose_lower_bound(r, key);
        if (i == r->n || strcmp(r->loose[i].loose, key) != 0)
            continue;
        for (size_t j = i + 1; j < r->n && strcmp(r->loose[j].loose, key) == 0;
             j++)
            if (r->loose[j].unit != r->loose[i].unit)
                return NULL;
        return &r->loose[i];
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

/* text[0..len), whose loose key is loose, is a generic phrase: it starts
 * with a lower-case letter, with "Các" or "Những", or ends with "có liên
 * quan". */
static bool generic(const char *text, size_t len, const char *loose)
{
    int32_t cp;
    size_t k = utf8_decode(text, len, &cp);
    if (k && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL)
        return true;
    return starts_with_word(loose, "cac") || starts_with_word(loose, "nhung") ||
           ends_with(loose, "co lien quan");
}

bool orgunits_is_generic(const char *text)
{
    char *loose = orgunits_loose_key(text);
    bool yes = generic(text, strlen(text), loose);
    free(loose);
    return yes;
}

/* Splits "A (B)" into A (text[0..*outer_len)) and B (*inner, *inner_len);
 * false when text does not have that form. */
static bool split_within(const char *text, size_t *outer_len,
                         const char **inner, size_t *inner_len)
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

/* Looks up text[0..len) without the "A (B)" rule: by its key, then by its
 * loose key. r may be NULL. */
static orgunits_match lookup_plain(const orgunits *r, const char *text,
                                   size_t len)
{
    orgunits_match m = {UNITS_UNKNOWN, NULL, NULL, false};
    char *key = unit_key(text, len, false);
    const entry *e = find_key(r, key);
    free(key);
    char *loose = e ? NULL : unit_key(text, len, true);
    if (!e) {
        e = find_loose(r, loose);
        m.loose = e != NULL;
    }
    if (e) {
        m.verdict = UNITS_FOUND;
        m.unit = e->unit;
        m.name = e->name;
    } else if (generic(text, len, loose)) {
        m.verdict = UNITS_GENERIC;
    }
    free(loose);
    return m;
}

orgunits_match orgunits_lookup(const orgunits *r, const char *text)
{
    size_t len = strlen(text);
    orgunits_match m = lookup_plain(r, text, len);
    if (m.verdict != UNITS_UNKNOWN)
        return m;

    /* "A (B)": B within A */
    size_t outer_len, inner_len;
    const char *inner_text;
    if (split_within(text, &outer_len, &inner_text, &inner_len)) {
        orgunits_match outer = lookup_plain(r, text, outer_len);
        orgunits_match inner = lookup_plain(r, inner_text, inner_len);
        if (outer.verdict != UNITS_UNKNOWN && inner.verdict != UNITS_UNKNOWN) {
            m = inner.unit ? inner : outer;
            m.loose = outer.loose || inner.loose;
            if (!m.unit)
                m.verdict = UNITS_GENERIC;
        }
    }
    return m;
}

const plan_unit *orgunits_parent(const orgunits *r, const plan_unit *u)
{
    if (!u || !u->parent.s)
        return NULL;
    char *key = unit_key(u->parent.s, strlen(u->parent.s), false);
    const entry *e = find_key(r, key);
    free(key);
    return e && e->unit != u ? e->unit : NULL;
}

orgunits_named orgunits_name(const orgunits *r, const char *text)
{
    orgunits_match m = orgunits_lookup(r, text);
    if (m.verdict == UNITS_FOUND)
        return (orgunits_named){m.unit->name.s ? m.unit->name.s : m.unit->id.s,
                                m.unit->id.s, m.unit, false};
    return (orgunits_named){text, NULL, NULL,
                            m.verdict == UNITS_UNKNOWN && orgunits_count(r)};
}

size_t orgunits_distinct(const orgunits *r, const plan_units *u,
                         orgunits_named *out)
{
    size_t n = 0;
    for (size_t i = 0; i < u->count; i++) {
        orgunits_named m = orgunits_name(r, u->items[i].s ? u->items[i].s : "");
        bool again = false;
        for (size_t j = 0; j < n && m.unit && !again; j++)
            again = out[j].unit == m.unit;
        if (!again)
            out[n++] = m;
    }
    return n;
}

void orgunits_join(const orgunits *r, const plan_units *u, bool ids,
                   strbuf *out)
{
    orgunits_named *list = xmalloc((u->count + 1) * sizeof *list);
    size_t n = orgunits_distinct(r, u, list);
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        if (ids && !list[i].id)
            continue;
        if (any)
            strbuf_puts(out, "; ");
        strbuf_puts(out, ids ? list[i].id : list[i].name);
        any = true;
    }
    free(list);
}

/* True when unit u is q, or q is among its parents. */
static bool within(const orgunits *r, const plan_unit *u, const plan_unit *q)
{
    for (int depth = 0; u && depth < 32; depth++) {
        if (u == q)
            return true;
        u = orgunits_parent(r, u);
    }
    return false;
}

/* One part of a name against the query: by the registry, or by the words. */
static bool part_names(const orgunits *r, const char *text, size_t len,
                       const plan_unit *q, const char *query_key)
{
    orgunits_match m = lookup_plain(r, text, len);
    if (q && m.verdict == UNITS_FOUND)
        return within(r, m.unit, q);
    char *key = unit_key(text, len, true);
    bool same = strcmp(key, query_key) == 0;
    free(key);
    return same;
}

bool orgunits_names(const orgunits *r, const char *text, const char *query)
{
    orgunits_match qm = orgunits_lookup(r, query);
    const plan_unit *q = qm.verdict == UNITS_FOUND ? qm.unit : NULL;
    char *query_key = unit_key(query, strlen(query), true);
    bool yes = part_names(r, text, strlen(text), q, query_key);
    size_t outer_len, inner_len;
    const char *inner;
    if (!yes && split_within(text, &outer_len, &inner, &inner_len))
        yes = part_names(r, text, outer_len, q, query_key) ||
              part_names(r, inner, inner_len, q, query_key);
    free(query_key);
    return yes;
}

/* --- suggestions -------------------------------------------------------- */

#define BEGUN 1000 /* names the text begins rank after the near ones */

/* A word of the text suggestions are for. */
typedef struct hint_word {
    char *loose;   /* without diacritics */
    size_t len;    /* without trailing ",;.:" */
    bool capitals; /* may stand for the initials of words */
} hint_word;

struct orgunits_hints_query {
    char *key, *loose;
    size_t limit; /* edits allowed */
    hint_word *words;
    size_t nwords;
};

/* The length of the word at the start of a loose key, without trailing
 * ",;.:"; *next: where the next word starts. */
static size_t word_len(const char *s, size_t *next)
{
    size_t n = strcspn(s, " ");
    *next = s[n] ? n + 1 : n;
    while (n && strchr(",;.:", s[n - 1]))
        n--;
    return n;
}

static size_t count_words(const char *loose)
{
    size_t n = *loose != '\0';
    for (; *loose; loose++)
        n += *loose == ' ';
    return n;
}

/* Two or more letters, all capitals ("TGPL", "HĐND", "TP."). */
static bool in_capitals(const char *w, size_t n)
{
    size_t letters = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = utf8_decode(w + i, n - i, &cp);
        if (!k)
            return false;
        utf8proc_category_t c = utf8proc_category(cp);
        if (c == UTF8PROC_CATEGORY_LU)
            letters++;
        else if (c >= UTF8PROC_CATEGORY_LL && c <= UTF8PROC_CATEGORY_LO)
            return false;
        i += k;
    }
    return letters >= 2;
}

/* How many words of a candidate (its loose key) the text's words begin,
 * a word in capitals standing for itself or for the initials of as many
 * words; 0 when the text does not begin the candidate. */
static size_t begun_words(const struct orgunits_hints_query *q,
                          const char *cand)
{
    size_t used = 0, next;
    for (size_t t = 0; t < q->nwords; t++) {
        const hint_word *w = &q->words[t];
        size_t n = word_len(cand, &next);
        if (!*cand)
            return 0;
        if (n == w->len && strncmp(cand, w->loose, n) == 0) {
            cand += next;
            used++;
            continue;
        }
        if (!w->capitals)
            return 0;
        for (size_t i = 0; i < w->len; i++, used++) {
            if (*cand != w->loose[i])
                return 0;
            word_len(cand, &next);
            cand += next;
        }
    }
    return used;
}

static bool same_first_word(const char *a, const char *b)
{
    size_t n = strcspn(a, " ");
    return strncmp(a, b, n) == 0 && (b[n] == ' ' || b[n] == '\0');
}

/* How far a candidate is from what the text meant (0 nearest), or -1
 * when it is no suggestion. Edits are counted up to limit. */
static long score(const struct orgunits_hints_query *q, const char *key,
                  const char *loose, bool is_id, size_t limit)
{
    if (strcmp(loose, q->loose) == 0)
        return 0;
    if (is_id || same_first_word(loose, q->loose)) {
        size_t d = vntext_distance(q->key, key, limit);
        if (d <= limit)
            return (long)d;
    }
    size_t used = is_id ? 0 : begun_words(q, loose);
    return used ? BEGUN + (long)(count_words(loose) - used) : -1;
}

void orgunits_hints_init(orgunits_hints *h, const char *text)
{
    memset(h, 0, sizeof *h);
    struct orgunits_hints_query *q = xcalloc(1, sizeof *q);
    size_t len = strlen(text);
    q->key = unit_key(text, len, false);
    q->loose = unit_key(text, len, true);
    size_t chars = utf8_length(q->key, strlen(q->key));
    q->limit = chars / 3 ? chars / 3 : 1;
    q->words = xmalloc((len / 2 + 1) * sizeof *q->words);
    for (size_t i = 0; i < len;) {
        size_t n = strcspn(text + i, " \t");
        if (n) {
            hint_word *w = &q->words[q->nwords++];
            w->loose = unit_key(text + i, n, true);
            w->len = strlen(w->loose);
            w->capitals = in_capitals(text + i, n);
        }
        i += n ? n : 1;
    }
    h->query = q;
}

void orgunits_hints_release(orgunits_hints *h)
{
    for (size_t i = 0; i < h->count; i++) {
        free(h->names[i]);
        free(h->keys[i]);
    }
    struct orgunits_hints_query *q = h->query;
    for (size_t i = 0; q && i < q->nwords; i++)
        free(q->words[i].loose);
    if (q) {
        free(q->words);
        free(q->key);
        free(q->loose);
        free(q);
    }
    memset(h, 0, sizeof *h);
}

/* Nearer first; then the shorter name; then in byte order. */
static bool before(long score, const char *name, long other_score,
                   const char *other)
{
    if (score != other_score)
        return score < other_score;
    size_t a = strlen(name), b = strlen(other);
    return a != b ? a < b : strcmp(name, other) < 0;
}

static void offer_keyed(orgunits_hints *h, const char *name, const char *key,
                        const char *loose, bool is_id)
{
    /* once the list is full, only as many edits as its last one can win */
    size_t limit = h->query->limit;
    if (h->count == UNITS_HINTS && h->scores[h->count - 1] < (long)limit)
        limit = (size_t)h->scores[h->count - 1];
    long s = score(h->query, key, loose, is_id, limit);
    if (s < 0)
        return;
    size_t at = h->count;
    while (at > 0 && before(s, name, h->scores[at - 1], h->names[at - 1]))
        at--;
    if (at == UNITS_HINTS)
        return;
    for (size_t i = 0; i < h->count; i++)
        if (strcmp(h->keys[i], key) == 0)
            return; /* offered already, under this name */
    if (h->count == UNITS_HINTS) {
        h->count--;
        free(h->names[h->count]);
        free(h->keys[h->count]);
    }
    for (size_t i = h->count; i > at; i--) {
        h->names[i] = h->names[i - 1];
        h->keys[i] = h->keys[i - 1];
        h->scores[i] = h->scores[i - 1];
    }
    h->names[at] = xstrdup(name);
    h->keys[at] = xstrdup(key);
    h->scores[at] = s;
    h->count++;
}

void orgunits_hints_offer(orgunits_hints *h, const char *name, bool is_id)
{
    size_t len = strlen(name);
    char *key = unit_key(name, len, false), *loose = unit_key(name, len, true);
    offer_keyed(h, name, key, loose, is_id);
    free(key);
    free(loose);
}

void orgunits_each_name(const orgunits *r,
                        void (*fn)(const char *name, void *ctx), void *ctx)
{
    for (; r; r = r->outer)
        for (size_t i = 0; i < r->n; i++)
            fn(r->exact[i].name, ctx);
}

void orgunits_hints_offer_registry(orgunits_hints *h, const orgunits *r)
{
    for (size_t i = 0; r && i < r->n; i++)
        offer_keyed(h, r->exact[i].name, r->exact[i].key, r->exact[i].loose,
                    r->exact[i].is_id);
}
