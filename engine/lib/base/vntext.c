/* vntext.c - comparison keys and suggestions for Vietnamese text.
 * Normalisation and case folding are utf8proc's: its tables follow the
 * Unicode standard, which is what makes "the same name typed with two
 * input methods" compare equal; writing our own tables would be worse.
 * On top of NFC, the tone mark of each word is moved to its end, so the
 * old and new placements of Vietnamese tones compare equal too.
 *
 * A key is a pure function of its text, and a run over a country's plans
 * folds the same few hundred unit names hundreds of thousands of times:
 * the keys made are remembered (memo.h), so a name is normalised once per
 * run. */
#include "vntext.h"

#include "memo.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static bool is_space_cp(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
           cp == 0x202F || cp == 0x2007 || cp == 0x3000 ||
           (cp >= 0x2000 && cp <= 0x200A);
}

/* The five Vietnamese tone marks, as combining characters. */
static bool is_tone_mark(int32_t cp)
{
    return cp == 0x0300 || cp == 0x0301 || cp == 0x0303 || cp == 0x0309 ||
           cp == 0x0323;
}

static bool is_word_cp(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME);
}

/* Old and new Vietnamese spelling put the tone on different vowels
 * ("hoà"/"hòa", "thuỷ"/"thủy"), and input methods differ in which they
 * produce. In decomposed text, moving each word's tone mark to the end of
 * the word gives both spellings one key. */
static size_t move_tones(int32_t *cp, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (!is_word_cp(cp[i])) {
            i++;
            continue;
        }
        size_t end = i;
        while (end < n && is_word_cp(cp[end]))
            end++;
        int32_t tone = 0;
        size_t w = i;
        for (size_t r = i; r < end; r++) {
            if (is_tone_mark(cp[r]) && !tone)
                tone = cp[r];
            else
                cp[w++] = cp[r];
        }
        if (tone)
            cp[w++] = tone;
        i = end;
    }
    return n;
}

/* utf8proc's part of the fold: case folded, decomposed, and without marks
 * when they are stripped. */
static utf8proc_option_t fold_options(bool strip_marks)
{
    return UTF8PROC_STABLE | UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE |
           (strip_marks ? UTF8PROC_STRIPMARK : 0);
}

/* What is left of a folded code point once marks are stripped: đ, which
 * Unicode does not see as d with a mark, is d all the same. */
static int32_t fold_stripped(int32_t cp)
{
    return cp == 0x0111 ? 'd' : cp;
}

/* Drops the trailing punctuation (. ; , :) of a key, and the spaces before
 * it; returns the new length. */
static size_t fold_trim(char *s, size_t n)
{
    while (n && strchr(".;,:", s[n - 1])) {
        n--;
        while (n && s[n - 1] == ' ')
            n--;
    }
    return n;
}

/* Folds one valid UTF-8 run into out; see fold(). */
static void fold_run(const char *s, size_t n, bool strip_marks, strbuf *out,
                     bool *pending_space)
{
    utf8proc_option_t opts = fold_options(strip_marks);
    /* one pass in the common case: room for every byte to become two code
     * points; utf8proc says when it needs more */
    size_t room = 2 * n + 8;
    int32_t *cps = xmalloc(room * sizeof *cps);
    utf8proc_ssize_t need =
        utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                           cps, (utf8proc_ssize_t)room, opts);
    if (need > (utf8proc_ssize_t)room) {
        room = (size_t)need;
        cps = xrealloc(cps, room * sizeof *cps);
        need =
            utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                               cps, (utf8proc_ssize_t)room, opts);
    }
    if (need < 0) {
        free(cps);
        return;
    }
    size_t count = strip_marks ? (size_t)need : move_tones(cps, (size_t)need);
    /* white space collapsed, in place */
    size_t w = 0;
    for (size_t r = 0; r < count; r++) {
        if (is_space_cp(cps[r])) {
            *pending_space = out->len > 0 || w > 0;
            continue;
        }
        if (*pending_space)
            cps[w++] = ' ';
        *pending_space = false;
        cps[w++] = strip_marks ? fold_stripped(cps[r]) : cps[r];
    }
    utf8proc_ssize_t len =
        utf8proc_reencode(cps, (utf8proc_ssize_t)w,
                          UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (len > 0)
        strbuf_add(out, (const char *)cps, (size_t)len);
    free(cps);
}

/* The comparison key: valid runs folded, invalid bytes copied as they are,
 * trailing punctuation dropped. */
static char *fold(const char *s, size_t n, bool strip_marks)
{
    strbuf out = STRBUF_INIT;
    bool pending_space = false;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n) {
            int32_t cp;
            size_t k = utf8_decode(s + j, n - j, &cp);
            if (!k)
                break;
            j += k;
        }
        if (j > i)
            fold_run(s + i, j - i, strip_marks, &out, &pending_space);
        if (j < n) {
            if (pending_space)
                strbuf_putc(&out, ' ');
            pending_space = false;
            strbuf_add(&out, s + j, 1);
            j++;
        }
        i = j;
    }
    if (!out.buf)
        return xstrdup("");
    out.len = fold_trim(out.buf, out.len);
    out.buf[out.len] = '\0';
    return out.buf;
}

/* The keys folded so far: scope 0 vntext_fold, 1 vntext_fold_ascii. */
static memo fold_keys = {.max = (size_t)4 << 20};

char *vntext_fold(const char *s, size_t n)
{
    return memo_call(&fold_keys, s, n, false, fold);
}

char *vntext_fold_once(const char *s, size_t n)
{
    return fold(s, n, false);
}

char *vntext_fold_ascii(const char *s, size_t n)
{
    return memo_call(&fold_keys, s, n, true, fold);
}

size_t vntext_fold_ascii_cp(int32_t cp, char *out)
{
    if (cp >= 0 && cp < 0x80) {
        out[0] = cp >= 'A' && cp <= 'Z' ? (char)(cp - 'A' + 'a') : (char)cp;
        return 1;
    }
    /* fold_run() on the one character, without a heap: a code point
     * decomposes into a few, and one written alone leaves no space */
    int32_t cps[VNTEXT_CP_FOLD_MAX / 4 + 1]; /* + 1: reencode's NUL */
    int last = 0;
    utf8proc_ssize_t n =
        utf8proc_decompose_char(cp, cps, VNTEXT_CP_FOLD_MAX / 4,
                                fold_options(true), &last);
    if (n < 0 || n > VNTEXT_CP_FOLD_MAX / 4)
        return 0;
    size_t w = 0;
    for (utf8proc_ssize_t r = 0; r < n; r++)
        if (!is_space_cp(cps[r]))
            cps[w++] = fold_stripped(cps[r]);
    utf8proc_ssize_t len =
        utf8proc_reencode(cps, (utf8proc_ssize_t)w,
                          UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (len <= 0)
        return 0;
    memcpy(out, cps, (size_t)len);
    return (size_t)len;
}

static bool same_under(char *(*folding)(const char *, size_t), const char *a,
                       const char *b)
{
    char *fa = folding(a, strlen(a));
    char *fb = folding(b, strlen(b));
    bool same = strcmp(fa, fb) == 0;
    free(fa);
    free(fb);
    return same;
}

bool vntext_same(const char *a, const char *b)
{
    return same_under(vntext_fold, a, b);
}

bool vntext_same_ascii(const char *a, const char *b)
{
    return same_under(vntext_fold_ascii, a, b);
}

/* Code points held on the stack: longer texts are decoded into the heap. */
#define SHORT_TEXT 128

/* The code points of s[0..n), in buf when they fit (room for
 * SHORT_TEXT), else in a new array; *out points to them, *heap is what to
 * free. */
static size_t to_codepoints(const char *s, size_t n, int32_t *buf,
                            int32_t **out, int32_t **heap)
{
    size_t count = 0, i = 0;
    *heap = n > SHORT_TEXT ? xmalloc((n + 1) * sizeof **heap) : NULL;
    int32_t *cps = *heap ? *heap : buf;
    while (i < n) {
        int32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (!k)
            k = 1, cp = (unsigned char)s[i] | 0x40000000;
        cps[count++] = cp;
        i += k;
    }
    *out = cps;
    return count;
}

static bool continues(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

/* The bytes a and b share at their start and, after that, at their end,
 * each ending on a character boundary: they cost no edit. */
static void common_ends(const char *a, size_t na, const char *b, size_t nb,
                        size_t *start, size_t *end)
{
    size_t i = 0, k = 0, room = na < nb ? na : nb;
    while (i < room && a[i] == b[i])
        i++;
    while (i > 0 && (continues(a[i]) || continues(b[i])))
        i--;
    while (k < room - i && a[na - 1 - k] == b[nb - 1 - k])
        k++;
    while (k > 0 && continues(a[na - k]))
        k--;
    *start = i;
    *end = k;
}

/* Optimal string alignment distance of x[0..n) and y[0..m), three rolling
 * rows; limit + 1 once every cell of a row is over limit. */
static size_t osa(const int32_t *x, size_t n, const int32_t *y, size_t m,
                  size_t limit)
{
    size_t stack[3][SHORT_TEXT + 1];
    size_t *heap = m > SHORT_TEXT ? xmalloc(3 * (m + 1) * sizeof *heap) : NULL;
    size_t *prev2 = heap ? heap : stack[0],
           *prev = heap ? heap + m + 1 : stack[1],
           *cur = heap ? heap + 2 * (m + 1) : stack[2];
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    size_t result = n == 0 ? m : limit + 1;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = i;
        size_t row_min = cur[0];
        for (size_t j = 1; j <= m; j++) {
            size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
            size_t best = prev[j - 1] + cost;
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] &&
                x[i - 2] == y[j - 1] && prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1;
            cur[j] = best;
            if (best < row_min)
                row_min = best;
        }
        if (row_min > limit) {
            result = limit + 1;
            break;
        }
        size_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
        if (i == n)
            result = prev[m] > limit ? limit + 1 : prev[m];
    }
    free(heap);
    return result;
}

size_t vntext_distance(const char *a, const char *b, size_t limit)
{
    size_t na = strlen(a), nb = strlen(b), start, end;
    common_ends(a, na, b, nb, &start, &end);
    int32_t abuf[SHORT_TEXT], bbuf[SHORT_TEXT], *x, *y, *xheap, *yheap;
    size_t n = to_codepoints(a + start, na - start - end, abuf, &x, &xheap);
    size_t m = to_codepoints(b + start, nb - start - end, bbuf, &y, &yheap);
    size_t result =
        (n > m ? n - m : m - n) > limit ? limit + 1 : osa(x, n, y, m, limit);
    free(xheap);
    free(yheap);
    return result;
}

long vntext_suggest(const char *word, const char *const *candidates, size_t n)
{
    char *w = vntext_fold(word, strlen(word));
    char *wa = vntext_fold_ascii(word, strlen(word));
    size_t wlen = utf8_length(w, strlen(w));
    size_t limit = wlen / 3 ? wlen / 3 : 1;
    long best = -1;
    size_t best_d = limit + 1;
    for (size_t i = 0; i < n; i++) {
        char *c = vntext_fold(candidates[i], strlen(candidates[i]));
        size_t d = vntext_distance(w, c, limit);
        if (d > 0 || strcmp(w, c) != 0) {
            char *ca = vntext_fold_ascii(candidates[i], strlen(candidates[i]));
            if (strcmp(wa, ca) == 0 && d > 0)
                d = 0; /* same letters, only marks or case differ */
            free(ca);
        }
        if (d < best_d) {
            best_d = d;
            best = (long)i;
        }
        free(c);
    }
    free(w);
    free(wa);
    return best;
}

char *vntext_upper(const char *s)
{
    size_t n = strlen(s), i = 0;
    char *out = xmalloc(4 * n + 1);
    size_t o = 0;
    while (i < n) {
        int32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (!k) { /* not UTF-8: kept as it is */
            out[o++] = s[i++];
            continue;
        }
        o += utf8_encode(utf8proc_toupper(cp), out + o);
        i += k;
    }
    out[o] = '\0';
    return out;
}

char *vntext_slug(const char *s, size_t n)
{
    char *folded = vntext_fold_ascii(s, n);
    size_t len = 0;
    for (const char *c = folded; *c; c++) {
        if ((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9'))
            folded[len++] = *c;
        else if (len && folded[len - 1] != '-')
            folded[len++] = '-';
    }
    while (len && folded[len - 1] == '-')
        len--;
    folded[len] = '\0';
    return folded;
}
