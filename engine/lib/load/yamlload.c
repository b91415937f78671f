/* yamlload.c - YAML plan files into positioned nodes (see yamlload.h).
 *
 * Two stages. The bytes are checked first, so that libyaml only ever sees
 * valid UTF-8 text and every encoding problem is named in words a planning
 * officer can act on. libyaml's event parser then drives a builder with an
 * explicit stack (no recursion) that makes nodes, resolves plain scalars
 * with the YAML 1.2 core schema (refusing the numbers no output can show:
 * .inf, .nan, 1e400) and checks keys, tags, anchors and limits.
 * libyaml's own syntax errors are reworded for people who are not
 * programmers.
 *
 * The one idea to know: nothing is ever expanded. An alias shares its
 * anchored node, and every anchor remembers its weight (the number of
 * nodes in its subtree with aliases expanded), so each alias adds its cost
 * to a running total in O(1) and a "billion laughs" file is refused at the
 * first alias that crosses the limit. Positions come from libyaml's marks,
 * which count characters, through a cursor that walks forward only, so
 * placing every node costs linear time even on one huge line; the line
 * index of the source is never built for a file without a problem.
 *
 * A streamed list (yamlload_parse_stream) is built like any other, but
 * its items are made in an arena of their own, emptied once each item is
 * handed over, and the text behind the cursor is let go (source_let_go):
 * nothing of a long log stays but the root. */
#include "yamlload.h"

#include "i18n.h"
#include "strmap.h"
#include "utf8.h"
#include "xalloc.h"

#include <yaml.h>

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const yamlload_limits yamlload_default_limits = {
    .max_bytes = 16u << 20,
    .max_depth = 64,
    .max_string = 1u << 20,
    .max_nodes = 1000000,
    .max_aliases = 1000,
};

/* Errors reported for one file before giving up. Each diagnostic also
 * reads its source line up to the spot, to count the column, so the lines
 * read are held to a few times the size of the file: on a file that is
 * one huge line only the first few problems are reported, and reporting
 * stays linear. */
#define YAMLLOAD_MAX_REPORTS 100
#define YAMLLOAD_REPORT_BUDGET(len) (4 * (len) + ((size_t)1 << 20))
/* Bytes examined for the NUL pattern of UTF-16 text. */
#define YAMLLOAD_SNIFF_BYTES 4096
/* Keys of an object searched one by one for a duplicate, before a map is
 * worth its cost. */
#define YAMLLOAD_SCAN_KEYS 16
/* Characters of a key or value quoted in a message. */
#define YAMLLOAD_QUOTE_CHARS 40
/* Bytes of text looked through before a mapped text is let go. */
#define YAMLLOAD_PIECE ((size_t)1 << 20)

/* ---- reporting ---------------------------------------------------------- */

typedef struct yamlload_ctx {
    arena *a;
    const source *src;
    diag_sink *d;
    const yamlload_limits *limits;
    size_t errors;
    size_t scanned; /* bytes of source lines that diagnostics read */
    bool stop;      /* a limit was hit, or too many errors: read no further */
    bool quiet;     /* the first try of a file (see yamlload_parse): an
                       error is counted, not reported, and ends the try */
} yamlload_ctx;

/* Bytes of the line at pos (with its break), as a diagnostic reads it. */
static size_t yamlload_line_bytes(const source *src, srcpos pos)
{
    if (pos.line == 0 || pos.line > source_line_count(src))
        return 0;
    return source_line_start(src, pos.line + 1) -
           source_line_start(src, pos.line);
}

static diag *yamlload_verror(yamlload_ctx *cx, srcpos pos, size_t span,
                             const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

static diag *yamlload_verror(yamlload_ctx *cx, srcpos pos, size_t span,
                             const char *fmt, va_list ap)
{
    if (cx->stop)
        return NULL;
    if (cx->quiet) {
        cx->errors++;
        cx->stop = true;
        return NULL;
    }
    size_t line = yamlload_line_bytes(cx->src, pos);
    if (cx->errors == YAMLLOAD_MAX_REPORTS ||
        (cx->errors &&
         cx->scanned + line > YAMLLOAD_REPORT_BUDGET(cx->src->len))) {
        cx->stop = true;
        return diag_at(cx->d, DIAG_ERROR, cx->src, pos, span,
                       "too many problems; stopped after the first %zu",
                       cx->errors++);
    }
    cx->errors++;
    cx->scanned += line;
    return diag_vat(cx->d, DIAG_ERROR, cx->src, pos, span, fmt, ap);
}

static diag *yamlload_error(yamlload_ctx *cx, srcpos pos, size_t span,
                            const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static diag *yamlload_error(yamlload_ctx *cx, srcpos pos, size_t span,
                            const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag *dg = yamlload_verror(cx, pos, span, fmt, ap);
    va_end(ap);
    return dg;
}

/* Reports a limit the file crosses, and reads no further. */
static void yamlload_refuse(yamlload_ctx *cx, srcpos pos, size_t span,
                            const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void yamlload_refuse(yamlload_ctx *cx, srcpos pos, size_t span,
                            const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    yamlload_verror(cx, pos, span, fmt, ap);
    va_end(ap);
    cx->stop = true;
}

/* A note at pos attached to parent (a report that was kept); text is
 * the English message, translated here. */
static void yamlload_note(yamlload_ctx *cx, diag *parent, srcpos pos,
                          size_t span, const char *text)
{
    if (!parent)
        return;
    cx->scanned += yamlload_line_bytes(cx->src, pos);
    diag_note(cx->d, parent, cx->src, pos, span, "%s", _(text));
}

/* Line 1, column 1 (after a byte order mark). */
static srcpos yamlload_file_start(const source *src)
{
    return (srcpos){1, src->start};
}

/* Control characters YAML does not allow in a file (and messages escape). */
static bool yamlload_control(int32_t cp)
{
    if (cp < 0x20)
        return cp != '\t' && cp != '\n' && cp != '\r';
    return cp == 0x7F || (cp >= 0x80 && cp <= 0x9F && cp != 0x85);
}

/* Appends s[0..len) for quoting in a message: at most YAMLLOAD_QUOTE_CHARS
 * characters, control characters written as escapes. */
static void yamlload_quote(strbuf *out, const char *s, size_t len)
{
    size_t i = 0;
    for (size_t chars = 0; i < len && chars < YAMLLOAD_QUOTE_CHARS; chars++) {
        int32_t cp;
        size_t k = utf8_decode(s + i, len - i, &cp);
        if (k && cp == '\n')
            strbuf_puts(out, "\\n");
        else if (k && cp == '\t')
            strbuf_puts(out, "\\t");
        else if (!k || yamlload_control(cp))
            strbuf_printf(out, "\\x%02X", (unsigned char)s[i]);
        else
            strbuf_add(out, s + i, k);
        i += k ? k : 1;
    }
    if (i < len)
        strbuf_puts(out, "...");
}

/* ---- checks on the bytes ------------------------------------------------ */

/* "UTF-16" or "UTF-32" when the file starts with that byte order mark, or
 * "UTF-16" when its NUL bytes fall on every other byte as in UTF-16 text;
 * NULL otherwise. */
static const char *yamlload_wide_encoding(const source *src)
{
    const unsigned char *u = (const unsigned char *)src->text;
    size_t n = src->len;
    if (n >= 4 && ((u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF) ||
                   (u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0)))
        return "UTF-32";
    if (n >= 2 &&
        ((u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE)))
        return "UTF-16";
    size_t sample =
        (n < YAMLLOAD_SNIFF_BYTES ? n : YAMLLOAD_SNIFF_BYTES) & ~(size_t)1;
    if (!memchr(u, 0, sample))
        return NULL; /* the common case: no NUL at all */
    size_t nul[2] = {0, 0};
    for (size_t i = 0; i < sample; i++)
        if (!u[i])
            nul[i & 1]++;
    size_t most = nul[0] > nul[1] ? nul[0] : nul[1];
    size_t least = nul[0] > nul[1] ? nul[1] : nul[0];
    if (most && most * 2 >= sample / 2 && least * 8 <= most)
        return "UTF-16";
    return NULL;
}

/* Reports the invalid UTF-8 sequence at byte `at` (on line `line`);
 * returns how many bytes it takes (the lead byte and the continuation
 * bytes that follow it). */
static size_t yamlload_invalid_utf8(yamlload_ctx *cx, unsigned line, size_t at,
                                    bool first)
{
    const source *src = cx->src;
    const unsigned char *u = (const unsigned char *)src->text + at;
    size_t left = src->len - at;
    size_t want = u[0] >= 0xF0 && u[0] <= 0xF7   ? 4
                  : u[0] >= 0xE0 && u[0] <= 0xEF ? 3
                  : u[0] >= 0xC0 && u[0] <= 0xDF ? 2
                                                 : 1;
    if (want > left)
        want = left;
    size_t taken = 1;
    while (taken < want && (u[taken] & 0xC0) == 0x80)
        taken++;
    strbuf bytes = STRBUF_INIT;
    for (size_t i = 0; i < want; i++)
        strbuf_printf(&bytes, "%s0x%02X", i ? " " : "", u[i]);
    srcpos pos = {line, at};
    diag *dg = want > 1 ? yamlload_error(cx, pos, taken,
                                         "invalid UTF-8 at byte offset %zu "
                                         "(bytes %s)",
                                         at, strbuf_str(&bytes))
                        : yamlload_error(cx, pos, taken,
                                         "invalid UTF-8 at byte offset %zu "
                                         "(byte %s)",
                                         at, strbuf_str(&bytes));
    strbuf_release(&bytes);
    srcpos nowhere = {0, 0}; /* a compound literal's comma would hide the
                                message from xgettext */
    if (first)
        diag_note(cx->d, dg, NULL, nowhere, 0,
                  "the file may be saved in another encoding (such as "
                  "Windows-1258, TCVN3 or VNI); save it as UTF-8");
    return taken;
}

/* What one pass over the bytes found besides the errors it reported. */
typedef struct yamlload_scan {
    bool binary;  /* a NUL byte: the pass stopped there */
    bool blank;   /* nothing but spaces, tabs and line breaks */
    srcpos *tabs; /* lines indented with a tab: where the first is */
    size_t ntabs, tabs_cap;
} yamlload_scan;

/* Notes where a line's indentation holds a tab, when text follows it. */
static size_t yamlload_indent(const source *src, size_t i, unsigned line,
                              yamlload_scan *sc)
{
    const char *t = src->text;
    size_t tab = SIZE_MAX;
    for (; i < src->len && (t[i] == ' ' || t[i] == '\t'); i++)
        if (t[i] == '\t' && tab == SIZE_MAX)
            tab = i;
    if (tab != SIZE_MAX && i < src->len && !source_break_len(t, src->len, i) &&
        sc->ntabs <= YAMLLOAD_MAX_REPORTS) {
        ARRAY_ROOM(sc->tabs, sc->ntabs, sc->tabs_cap, 8);
        sc->tabs[sc->ntabs++] = (srcpos){line, tab};
    }
    return i;
}

/* One pass over the text: every character is valid UTF-8 and allowed
 * (errors reported as found), the lines indented with tabs are noted,
 * and whether the text is blank. Stops at a NUL byte. Lines are counted
 * as it goes, so no line index is built for a text without a problem. */
static void yamlload_scan_text(yamlload_ctx *cx, yamlload_scan *sc)
{
    const source *src = cx->src;
    const unsigned char *u = (const unsigned char *)src->text;
    size_t len = src->len;
    unsigned line = 1;
    bool seen_invalid = false;
    size_t i = src->start;
    while (i < len &&
           (u[i] == ' ' || u[i] == '\t' || u[i] == '\r' || u[i] == '\n'))
        i++;
    sc->blank = i == len;
    i = yamlload_indent(src, src->start, line, sc);
    while (i < len && !cx->stop) {
        unsigned char c = u[i];
        if ((c >= 0x20 && c < 0x7F) || c == '\t') {
            i++; /* printable ASCII: the common case */
            continue;
        }
        /* then the letters of Vietnamese: two bytes (C3-DF: ư, đ, ă...)
         * or three (E1, E3-EC, EE: the Latin Extended Additional letters
         * with tone marks). C2 (NEL, C1 controls), E0, E2 (LS, PS), ED
         * (surrogates) and EF (U+FFFE, U+FFFF) take the long way. */
        if (c >= 0xC3 && c <= 0xDF && i + 1 < len &&
            (u[i + 1] & 0xC0) == 0x80) {
            i += 2;
            continue;
        }
        if ((c == 0xE1 || (c >= 0xE3 && c <= 0xEC) || c == 0xEE) &&
            i + 2 < len && (u[i + 1] & 0xC0) == 0x80 &&
            (u[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        size_t brk = c == '\n' || c == '\r' || c == 0xC2 || c == 0xE2
                         ? source_break_len(src->text, len, i)
                         : 0;
        if (brk) {
            i = yamlload_indent(src, i + brk, ++line, sc);
            source_let_go(src, i);
            continue;
        }
        srcpos at = {line, i};
        if (c == '\0') {
            yamlload_error(cx, at, 1,
                           "binary data: NUL byte at byte offset %zu; a plan "
                           "must be UTF-8 text",
                           i);
            sc->binary = true;
            return;
        }
        int32_t cp = c;
        size_t k = c < 0x80 ? 1 : utf8_decode(src->text + i, len - i, &cp);
        if (!k) {
            i += yamlload_invalid_utf8(cx, line, i, !seen_invalid);
            seen_invalid = true;
            continue;
        }
        if (yamlload_control(cp))
            yamlload_error(cx, at, k, "control character U+%04X is not allowed",
                           (unsigned)cp);
        else if (cp == 0xFFFE || cp == 0xFFFF)
            yamlload_error(cx, at, k, "character U+%04X is not allowed",
                           (unsigned)cp);
        i += k;
    }
}

/* True when libyaml may see the text. */
static bool yamlload_check_bytes(yamlload_ctx *cx)
{
    const source *src = cx->src;
    srcpos start = yamlload_file_start(src);
    if (src->len > cx->limits->max_bytes) {
        yamlload_error(cx, start, 1,
                       "the file is %zu bytes; the limit is %zu bytes",
                       src->len, cx->limits->max_bytes);
        return false;
    }
    const char *wide = yamlload_wide_encoding(src);
    if (wide) {
        yamlload_error(cx, start, 1, "the file is %s encoded; save it as UTF-8",
                       wide);
        return false;
    }
    yamlload_scan sc = {0};
    size_t reported = cx->errors;
    yamlload_scan_text(cx, &sc);
    if (sc.blank && cx->errors == reported)
        yamlload_error(cx, start, 1, "the file is empty");
    for (size_t k = 0; k < sc.ntabs && !sc.binary && !cx->stop; k++)
        yamlload_error(cx, sc.tabs[k], 1,
                       "tab used for indentation; indent with spaces");
    free(sc.tabs);
    return cx->errors == 0;
}

/* ---- the builder's tables ----------------------------------------------- */

static size_t yamlload_add(size_t x, size_t y)
{
    return x > SIZE_MAX - y ? SIZE_MAX : x + y;
}

/* ---- the builder -------------------------------------------------------- */

typedef struct yamlload_anchor {
    node *target;
    size_t weight; /* nodes in its subtree, aliases expanded */
    bool open;     /* its collection is still being read */
} yamlload_anchor;

/* A finished node on its way to its parent. */
typedef struct yamlload_item {
    node *n;
    size_t weight;
    srcpos pos;
    size_t span;
    const char *text; /* a scalar's text; NULL for collections, aliases */
    size_t len;
    bool alias;
    bool empty_plain; /* an untagged plain scalar with no text */
    bool refused;     /* an error was reported about it already */
} yamlload_item;

/* A key read, waiting for its value. */
typedef struct yamlload_key {
    const char *s;
    size_t len;
    srcpos pos;
    size_t span;
    bool refused;
} yamlload_key;

typedef struct yamlload_frame {
    node *n;      /* the array or object being read */
    size_t first; /* its first child in items or members */
    size_t weight;
    size_t anchor; /* 1 + its index in anchors; 0 without an anchor */
    size_t scope;  /* an object's number: the scope of its keys */
    bool have_key;
    yamlload_key key;
} yamlload_frame;

/* Where the position cursor stands: a character index as libyaml counts
 * it (from the start of the text, after a byte order mark), and the byte
 * offset it corresponds to. */
typedef struct yamlload_cursor {
    size_t index, offset;
} yamlload_cursor;

typedef struct yamlload_builder {
    yamlload_ctx *cx;
    yamlload_cursor cursor;
    yamlload_frame *frames;
    size_t nframes, frames_cap;
    node **items;
    size_t nitems, items_cap;
    node_member *members;
    size_t nmembers, members_cap;
    yamlload_anchor *anchors;
    size_t nanchors, anchors_cap;
    arena *scratch;      /* the maps, freed when the file is read */
    strmap anchor_names; /* name -> size_t: 1 + the index of its anchor */
    strmap keys;         /* a key in its object's scope -> its text */
    size_t objects;      /* objects opened so far */
    size_t total;        /* nodes made, aliases counted expanded */
    size_t aliases;
    size_t documents;
    node *root;
    /* the list handed over item by item (yamlload_parse_stream): its
     * frame (1 + its index; 0 while none is read), the arena of the
     * document while the items are read in their own, the items handed
     * over and to skip, and the anchors defined before the current item */
    const yamlload_stream *stream;
    size_t stream_frame;
    arena *doc_arena, *item_arena;
    size_t streamed, skip;
    size_t item_anchors;
    /* the last quoted scalar, for "is a closing quote missing?": where it
     * starts, as libyaml marks it (placed only if that question is asked,
     * so that a line of many quoted scalars is not walked for each) */
    yaml_mark_t quoted_start;
    size_t quoted_end_line; /* 1-based; 0 before any */
} yamlload_builder;

/* The position of a libyaml mark: its line, and the byte offset of its
 * character index, counted from the previous mark. Marks arrive in
 * document order, so the cursor walks forward only and placing every node
 * costs one pass over the text; a mark behind it (libyaml 0.2.5 was never
 * seen to give one) restarts the walk at the start. The text is valid
 * UTF-8 (checked before libyaml sees it), so counting characters is
 * counting the bytes that do not continue one (10xxxxxx), eight at a time
 * where they hold no more characters than are left to walk. */
static srcpos yamlload_locate(yamlload_builder *b, yaml_mark_t mark)
{
    const source *src = b->cx->src;
    const unsigned char *u = (const unsigned char *)src->text;
    yamlload_cursor *c = &b->cursor;
    if (mark.index < c->index)
        *c = (yamlload_cursor){0, src->start};
    size_t offset = c->offset, left = mark.index - c->index;
    /* eight bytes at a time while they hold no more characters than are
     * left: the high bit of each continuation byte (10xxxxxx) in `tail` */
    const uint64_t high = UINT64_C(0x8080808080808080);
    while (left >= 8 && offset + 8 <= src->len) {
        uint64_t word;
        memcpy(&word, u + offset, sizeof word);
        uint64_t tail = (word & ~(word << 1) & high) >> 7;
        size_t chars =
            8 - (size_t)((tail * UINT64_C(0x0101010101010101)) >> 56);
        if (chars > left)
            break;
        offset += 8;
        left -= chars;
    }
    /* then byte by byte, up to the first byte of the next character */
    for (; offset < src->len; offset++)
        if ((u[offset] & 0xC0) != 0x80 && !left--)
            break;
    *c = (yamlload_cursor){mark.index, offset};
    return (srcpos){(unsigned)mark.line + 1, offset};
}

static size_t yamlload_span(srcpos start, srcpos end)
{
    return end.offset > start.offset ? end.offset - start.offset : 0;
}

/* Counts one more node; false (and stop) beyond the limit. */
static bool yamlload_count_node(yamlload_builder *b, srcpos pos, size_t span)
{
    b->total = yamlload_add(b->total, 1);
    if (b->total <= b->cx->limits->max_nodes)
        return true;
    yamlload_refuse(b->cx, pos, span,
                    "the file holds more than %zu values; refusing it",
                    b->cx->limits->max_nodes);
    return false;
}

static size_t yamlload_define_anchor(yamlload_builder *b,
                                     const yaml_char_t *name, node *target,
                                     bool open)
{
    ARRAY_ROOM(b->anchors, b->nanchors, b->anchors_cap, 16);
    b->anchors[b->nanchors++] = (yamlload_anchor){target, 1, open};
    size_t len = strlen((const char *)name);
    size_t *current = strmap_get(&b->anchor_names, (const char *)name, len);
    if (!current) { /* a name given again names the newer anchor */
        current = arena_alloc(b->scratch, sizeof *current);
        strmap_put(b->scratch, &b->anchor_names,
                   arena_strndup(b->scratch, (const char *)name, len), len,
                   current);
    }
    *current = b->nanchors;
    return b->nanchors;
}

static yamlload_key yamlload_make_key(yamlload_builder *b,
                                      const yamlload_item *it)
{
    yamlload_key key = {NULL, 0, it->pos, it->span, true};
    if (it->refused)
        return key;
    if (it->alias)
        yamlload_error(b->cx, it->pos, it->span,
                       "a key must be plain text, not an alias");
    else if (!it->text)
        yamlload_error(b->cx, it->pos, it->span, "a key must be plain text");
    else if (it->empty_plain)
        yamlload_error(b->cx, it->pos, 1, "a key is missing before ':'");
    else if (memchr(it->text, '\0', it->len))
        yamlload_error(b->cx, it->pos, it->span,
                       "a key cannot contain a NUL character");
    else {
        key.s = it->n->kind == NODE_STRING
                    ? it->n->u.string.s
                    : arena_strndup(b->cx->a, it->text, it->len);
        key.len = it->len;
        key.refused = false;
    }
    return key;
}

/* True when the object being read in f already has key. An object of a
 * few keys is searched in place; from YAMLLOAD_SCAN_KEYS keys on, its keys
 * go into the scoped map too, so a huge object costs linear time. */
static bool yamlload_key_seen(yamlload_builder *b, yamlload_frame *f,
                              const yamlload_key *key)
{
    size_t count = b->nmembers - f->first;
    if (count < YAMLLOAD_SCAN_KEYS) {
        for (size_t i = f->first; i < b->nmembers; i++)
            if (b->members[i].key_len == key->len &&
                memcmp(b->members[i].key, key->s, key->len) == 0)
                return true;
        return false;
    }
    if (count == YAMLLOAD_SCAN_KEYS) /* the first time: the keys so far */
        for (size_t i = f->first; i < b->nmembers; i++)
            strmap_scoped_put(b->scratch, &b->keys, f->scope, b->members[i].key,
                              b->members[i].key_len, (void *)b->members[i].key);
    return strmap_scoped_put(b->scratch, &b->keys, f->scope, key->s, key->len,
                             (void *)key->s) != key->s;
}

static void yamlload_add_member(yamlload_builder *b, yamlload_frame *f,
                                node *value)
{
    yamlload_key *key = &f->key;
    if (yamlload_key_seen(b, f, key)) {
        /* reported at most YAMLLOAD_MAX_REPORTS times: the walk is bounded */
        const node_member *m = &b->members[f->first];
        while (m->key_len != key->len || memcmp(m->key, key->s, key->len) != 0)
            m++;
        strbuf shown = STRBUF_INIT;
        yamlload_quote(&shown, key->s, key->len);
        diag *dg = yamlload_error(b->cx, key->pos, key->span,
                                  "duplicate key '%s'", strbuf_str(&shown));
        strbuf_release(&shown);
        yamlload_note(b->cx, dg, m->key_pos, m->key_span, "first given here");
        return;
    }
    ARRAY_ROOM(b->members, b->nmembers, b->members_cap, 16);
    b->members[b->nmembers++] =
        (node_member){key->s, key->len, key->pos, key->span, value};
}

/* An item of the streamed list, read whole: handed to the caller when
 * the file has had no problem so far, then its memory is reused. Its
 * anchors go with it: a later alias to one of them is refused. */
static void yamlload_hand_over(yamlload_builder *b, node *item)
{
    yamlload_ctx *cx = b->cx;
    size_t index = b->streamed++;
    if (!cx->errors && index >= b->skip)
        b->stream->fn(item, index, b->stream->ctx);
    arena_reset(b->item_arena);
    for (size_t i = b->item_anchors; i < b->nanchors; i++)
        b->anchors[i].target = NULL;
    b->item_anchors = b->nanchors;
    source_let_go(cx->src, b->cursor.offset);
}

/* True when the list about to open is the one to stream: the value of
 * the key the caller named, in the top-level mapping. */
static bool yamlload_streams(const yamlload_builder *b)
{
    if (!b->stream || b->nframes != 1)
        return false;
    const yamlload_frame *f = &b->frames[0];
    return f->n->kind == NODE_OBJECT && f->have_key && !f->key.refused &&
           f->key.len == strlen(b->stream->key) &&
           memcmp(f->key.s, b->stream->key, f->key.len) == 0;
}

/* Hands a finished node to the collection being read, or makes it the
 * root. */
static void yamlload_deliver(yamlload_builder *b, const yamlload_item *it)
{
    if (!b->nframes) {
        b->root = it->n;
        return;
    }
    yamlload_frame *f = &b->frames[b->nframes - 1];
    f->weight = yamlload_add(f->weight, it->weight);
    if (b->stream_frame == b->nframes) {
        yamlload_hand_over(b, it->n);
    } else if (f->n->kind == NODE_ARRAY) {
        ARRAY_ROOM(b->items, b->nitems, b->items_cap, 16);
        b->items[b->nitems++] = it->n;
    } else if (!f->have_key) {
        f->key = yamlload_make_key(b, it);
        f->have_key = true;
    } else {
        f->have_key = false;
        if (!f->key.refused)
            yamlload_add_member(b, f, it->n);
    }
}

/* ---- tags and the core schema ------------------------------------------- */

typedef enum yamlload_tag {
    YAMLLOAD_TAG_NONE,
    YAMLLOAD_TAG_NONSPECIFIC, /* "!" */
    YAMLLOAD_TAG_STR,
    YAMLLOAD_TAG_INT,
    YAMLLOAD_TAG_FLOAT,
    YAMLLOAD_TAG_BOOL,
    YAMLLOAD_TAG_NULL,
    YAMLLOAD_TAG_SEQ,
    YAMLLOAD_TAG_MAP,
    YAMLLOAD_TAG_OTHER,
} yamlload_tag;

#define YAMLLOAD_CORE_PREFIX "tag:yaml.org,2002:"

static yamlload_tag yamlload_tag_of(const yaml_char_t *tag)
{
    static const struct {
        const char *name;
        yamlload_tag tag;
    } core[] = {
        {"str", YAMLLOAD_TAG_STR},     {"int", YAMLLOAD_TAG_INT},
        {"float", YAMLLOAD_TAG_FLOAT}, {"bool", YAMLLOAD_TAG_BOOL},
        {"null", YAMLLOAD_TAG_NULL},   {"seq", YAMLLOAD_TAG_SEQ},
        {"map", YAMLLOAD_TAG_MAP},
    };
    if (!tag)
        return YAMLLOAD_TAG_NONE;
    const char *t = (const char *)tag;
    if (strcmp(t, "!") == 0)
        return YAMLLOAD_TAG_NONSPECIFIC;
    size_t plen = strlen(YAMLLOAD_CORE_PREFIX);
    if (strncmp(t, YAMLLOAD_CORE_PREFIX, plen) != 0)
        return YAMLLOAD_TAG_OTHER;
    for (size_t i = 0; i < sizeof core / sizeof core[0]; i++)
        if (strcmp(t + plen, core[i].name) == 0)
            return core[i].tag;
    return YAMLLOAD_TAG_OTHER;
}

/* The tag as people write it: "!!int" rather than its full name. */
static void yamlload_tag_text(strbuf *out, const yaml_char_t *tag)
{
    const char *t = (const char *)tag;
    size_t plen = strlen(YAMLLOAD_CORE_PREFIX);
    if (strncmp(t, YAMLLOAD_CORE_PREFIX, plen) == 0) {
        strbuf_puts(out, "!!");
        t += plen;
    }
    yamlload_quote(out, t, strlen(t));
}

/* Reports a tag that is not one of the core tags or does not fit the kind
 * of node it is on (on: NODE_ARRAY, NODE_OBJECT, or any other kind for a
 * single value). */
static void yamlload_bad_tag(yamlload_builder *b, const yaml_char_t *tag,
                             yamlload_tag kind, node_kind on, srcpos pos,
                             size_t span)
{
    strbuf shown = STRBUF_INIT;
    yamlload_tag_text(&shown, tag);
    const char *t = strbuf_str(&shown);
    if (kind == YAMLLOAD_TAG_OTHER)
        yamlload_error(b->cx, pos, span, "unsupported tag '%s'", t);
    else if (on == NODE_ARRAY)
        yamlload_error(b->cx, pos, span, "tag '%s' cannot be used on a list",
                       t);
    else if (on == NODE_OBJECT)
        yamlload_error(
            b->cx, pos, span,
            "tag '%s' cannot be used on a group of 'key: value' lines", t);
    else
        yamlload_error(b->cx, pos, span,
                       "tag '%s' cannot be used on a single value", t);
    strbuf_release(&shown);
}

/* How a plain scalar reads under the YAML 1.2 core schema. */
typedef enum yamlload_form {
    YAMLLOAD_FORM_STRING,
    YAMLLOAD_FORM_NULL,
    YAMLLOAD_FORM_BOOL,
    YAMLLOAD_FORM_DECIMAL, /* [-+]?[0-9]+ */
    YAMLLOAD_FORM_RADIX,   /* 0o17, 0x1F */
    YAMLLOAD_FORM_FLOAT,
} yamlload_form;

static bool yamlload_is(const char *s, size_t len, const char *word)
{
    return strlen(word) == len && memcmp(s, word, len) == 0;
}

static bool yamlload_one_of(const char *s, size_t len, const char *const *words)
{
    for (; *words; words++)
        if (yamlload_is(s, len, *words))
            return true;
    return false;
}

static size_t yamlload_digits(const char *s, size_t len, size_t i)
{
    size_t start = i;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
    return i - start;
}

static int yamlload_digit_value(char c, int base)
{
    int v = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : 99;
    return v < base ? v : -1;
}

/* Value of the digits s[0..len) in base 8 or 16, or -1 when one is not a
 * digit (or there are none). */
static double yamlload_radix(const char *s, size_t len, int base)
{
    double v = 0;
    for (size_t i = 0; i < len; i++) {
        int d = yamlload_digit_value(s[i], base);
        if (d < 0)
            return -1;
        v = v * base + d;
    }
    return len ? v : -1;
}

static bool yamlload_float_syntax(const char *s, size_t len)
{
    size_t i = (len && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    size_t whole = yamlload_digits(s, len, i);
    i += whole;
    if (i < len && s[i] == '.') {
        size_t frac = yamlload_digits(s, len, i + 1);
        if (!whole && !frac)
            return false;
        i += 1 + frac;
    } else if (!whole) {
        return false;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '-' || s[i] == '+'))
            i++;
        size_t exp = yamlload_digits(s, len, i);
        if (!exp)
            return false;
        i += exp;
    }
    return i == len;
}

/* strtod() reads the locale's decimal point; YAML's is always '.'. */
static double yamlload_decimal(const char *s, size_t len)
{
    const char *point = localeconv()->decimal_point;
    strbuf text = STRBUF_INIT;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '.')
            strbuf_puts(&text, point);
        else
            strbuf_putc(&text, s[i]);
    }
    double v = strtod(strbuf_str(&text), NULL);
    strbuf_release(&text);
    return v;
}

/* The value of [-+]?[0-9]+ (sign: 1 when it has one): summed exactly
 * while a double holds every integer it reaches (15 digits), else read as
 * a decimal. */
static double yamlload_integer(const char *s, size_t len, size_t sign)
{
    if (len - sign > 15)
        return yamlload_decimal(s, len);
    double v = 0;
    for (size_t i = sign; i < len; i++)
        v = v * 10 + (s[i] - '0');
    return s[0] == '-' ? -v : v;
}

static yamlload_form yamlload_resolve(const char *s, size_t len, bool *boolean,
                                      double *number)
{
    static const char *const nulls[] = {"~", "null", "Null", "NULL", NULL};
    static const char *const trues[] = {"true", "True", "TRUE", NULL};
    static const char *const falses[] = {"false", "False", "FALSE", NULL};
    static const char *const infs[] = {".inf", ".Inf", ".INF", NULL};
    static const char *const nans[] = {".nan", ".NaN", ".NAN", NULL};
    if (!len)
        return YAMLLOAD_FORM_NULL;
    /* the first byte tells which words the text may be; most text is none */
    switch (s[0]) {
    case '~':
    case 'n':
    case 'N':
        return yamlload_one_of(s, len, nulls) ? YAMLLOAD_FORM_NULL
                                              : YAMLLOAD_FORM_STRING;
    case 't':
    case 'T':
    case 'f':
    case 'F':
        if (!yamlload_one_of(s, len, trues) && !yamlload_one_of(s, len, falses))
            return YAMLLOAD_FORM_STRING;
        *boolean = s[0] == 't' || s[0] == 'T';
        return YAMLLOAD_FORM_BOOL;
    default:
        if (!strchr(".-+0123456789", s[0]))
            return YAMLLOAD_FORM_STRING;
    }
    size_t sign = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    if (yamlload_digits(s, len, sign) == len - sign && len > sign) {
        *number = yamlload_integer(s, len, sign);
        return YAMLLOAD_FORM_DECIMAL;
    }
    if (len > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
        double v = yamlload_radix(s + 2, len - 2, s[1] == 'o' ? 8 : 16);
        if (v >= 0) {
            *number = v;
            return YAMLLOAD_FORM_RADIX;
        }
    }
    if (len > sign && s[sign] == '.' &&
        yamlload_one_of(s + sign, len - sign, infs)) {
        *number = s[0] == '-' ? -INFINITY : INFINITY;
        return YAMLLOAD_FORM_FLOAT;
    }
    if (s[0] == '.' && yamlload_one_of(s, len, nans)) {
        *number = NAN;
        return YAMLLOAD_FORM_FLOAT;
    }
    if (yamlload_float_syntax(s, len)) {
        *number = yamlload_decimal(s, len);
        return YAMLLOAD_FORM_FLOAT;
    }
    return YAMLLOAD_FORM_STRING;
}

/* Infinity and "not a number" (.inf, .nan) and numbers beyond the largest
 * a double holds (1e400, which strtod reads as infinity) would reach the
 * figures and every output as "inf" or "nan": they are refused here, for
 * plans, logs and templates alike. */
static void yamlload_not_finite(yamlload_ctx *cx, const char *s, size_t len,
                                yamlload_item *it)
{
    static const char *const words[] = {".inf", ".Inf", ".INF", ".nan",
                                        ".NaN", ".NAN", NULL};
    size_t sign = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    strbuf value = STRBUF_INIT;
    yamlload_quote(&value, s, len);
    if (yamlload_one_of(s + sign, len - sign, words))
        yamlload_error(
            cx, it->pos, it->span,
            "'%s' is not a number kehoach can use; write a number such "
            "as 12 or 2.5",
            strbuf_str(&value));
    else
        yamlload_error(cx, it->pos, it->span,
                       "'%s' is too large to be a number", strbuf_str(&value));
    strbuf_release(&value);
    it->refused = true;
}

/* Reports a value its core tag (int, float, bool or null) does not fit. */
static void yamlload_tag_misfit(yamlload_ctx *cx, yamlload_tag tag,
                                const yaml_char_t *tag_name, const char *s,
                                size_t len, yamlload_item *it)
{
    strbuf shown = STRBUF_INIT, value = STRBUF_INIT;
    yamlload_tag_text(&shown, tag_name);
    yamlload_quote(&value, s, len);
    const char *t = strbuf_str(&shown), *v = strbuf_str(&value);
    if (tag == YAMLLOAD_TAG_INT)
        yamlload_error(cx, it->pos, it->span,
                       "tag '%s' needs an integer; '%s' is not", t, v);
    else if (tag == YAMLLOAD_TAG_FLOAT)
        yamlload_error(cx, it->pos, it->span,
                       "tag '%s' needs a number; '%s' is not", t, v);
    else if (tag == YAMLLOAD_TAG_BOOL)
        yamlload_error(cx, it->pos, it->span,
                       "tag '%s' needs true or false; '%s' is not", t, v);
    else
        yamlload_error(cx, it->pos, it->span,
                       "tag '%s' needs an empty value, '~' or null; '%s' is "
                       "not",
                       t, v);
    strbuf_release(&shown);
    strbuf_release(&value);
    it->refused = true;
}

/* The node of a scalar event; sets it->refused after reporting a problem. */
static node *yamlload_scalar_node(yamlload_builder *b, const yaml_event_t *ev,
                                  yamlload_item *it)
{
    arena *a = b->cx->a;
    const source *src = b->cx->src;
    const char *s = (const char *)ev->data.scalar.value;
    size_t len = ev->data.scalar.length;
    const yaml_char_t *tag_name = ev->data.scalar.tag;
    yamlload_tag tag = yamlload_tag_of(tag_name);
    if (len > b->cx->limits->max_string) {
        yamlload_error(
            b->cx, it->pos, it->span,
            "text of %zu bytes is longer than the limit of %zu bytes", len,
            b->cx->limits->max_string);
        it->refused = true;
        return node_new(a, NODE_NULL, src, it->pos, it->span);
    }
    if (tag == YAMLLOAD_TAG_OTHER || tag == YAMLLOAD_TAG_SEQ ||
        tag == YAMLLOAD_TAG_MAP) {
        yamlload_bad_tag(b, tag_name, tag, NODE_STRING, it->pos, it->span);
        it->refused = true;
        return node_new(a, NODE_NULL, src, it->pos, it->span);
    }
    bool as_string = tag == YAMLLOAD_TAG_STR ||
                     tag == YAMLLOAD_TAG_NONSPECIFIC ||
                     (tag == YAMLLOAD_TAG_NONE &&
                      ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE);
    bool boolean = false;
    double number = 0;
    yamlload_form form = as_string
                             ? YAMLLOAD_FORM_STRING
                             : yamlload_resolve(s, len, &boolean, &number);
    bool misfit = (tag == YAMLLOAD_TAG_INT && form != YAMLLOAD_FORM_DECIMAL &&
                   form != YAMLLOAD_FORM_RADIX) ||
                  (tag == YAMLLOAD_TAG_FLOAT && form != YAMLLOAD_FORM_DECIMAL &&
                   form != YAMLLOAD_FORM_FLOAT) ||
                  (tag == YAMLLOAD_TAG_BOOL && form != YAMLLOAD_FORM_BOOL) ||
                  (tag == YAMLLOAD_TAG_NULL && form != YAMLLOAD_FORM_NULL);
    if (!misfit && !isfinite(number)) { /* 0 unless the value is a number */
        yamlload_not_finite(b->cx, s, len, it);
        return node_new(a, NODE_NULL, src, it->pos, it->span);
    }
    if (misfit) {
        yamlload_tag_misfit(b->cx, tag, tag_name, s, len, it);
        return node_new(a, NODE_NULL, src, it->pos, it->span);
    }
    switch (form) {
    case YAMLLOAD_FORM_NULL:
        return node_new(a, NODE_NULL, src, it->pos, it->span);
    case YAMLLOAD_FORM_BOOL: {
        node *n = node_new(a, NODE_BOOL, src, it->pos, it->span);
        n->u.boolean = boolean;
        return n;
    }
    case YAMLLOAD_FORM_DECIMAL:
    case YAMLLOAD_FORM_RADIX:
    case YAMLLOAD_FORM_FLOAT: {
        node *n = node_new(a, NODE_NUMBER, src, it->pos, it->span);
        n->u.number.value = number;
        n->u.number.text = arena_strndup(a, s, len);
        return n;
    }
    case YAMLLOAD_FORM_STRING:
        break;
    }
    node *n = node_new(a, NODE_STRING, src, it->pos, it->span);
    n->u.string.s = arena_strndup(a, s, len);
    n->u.string.len = len;
    return n;
}

/* ---- events ------------------------------------------------------------- */

/* True when a scalar is a key of the object being read that is text as
 * it stands: no tag, no anchor, within the string limit, no NUL, quoted or
 * plain and starting with a letter no other form starts with (see
 * yamlload_resolve). Such a key needs no node: only its text is kept. */
static bool yamlload_text_key(const yamlload_builder *b, const yaml_event_t *ev)
{
    const yamlload_frame *f = b->nframes ? &b->frames[b->nframes - 1] : NULL;
    const char *s = (const char *)ev->data.scalar.value;
    size_t len = ev->data.scalar.length;
    return f && f->n->kind == NODE_OBJECT && !f->have_key &&
           !ev->data.scalar.tag && !ev->data.scalar.anchor && len &&
           len <= b->cx->limits->max_string &&
           (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
            !strchr("~nNtTfF.-+0123456789", s[0])) &&
           !memchr(s, '\0', len);
}

/* Where a scalar that starts at `start` ends. A plain scalar on one line,
 * without anchor or tag, is its own text: it ends its length further on,
 * and the walk of yamlload_locate skips it. */
static srcpos yamlload_scalar_end(yamlload_builder *b, const yaml_event_t *ev,
                                  srcpos start)
{
    if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
        ev->data.scalar.anchor || ev->data.scalar.tag ||
        ev->start_mark.line != ev->end_mark.line)
        return yamlload_locate(b, ev->end_mark);
    size_t end = start.offset + ev->data.scalar.length;
    b->cursor = (yamlload_cursor){ev->end_mark.index, end};
    return (srcpos){start.line, end};
}

static void yamlload_scalar(yamlload_builder *b, const yaml_event_t *ev)
{
    yamlload_item it = {0};
    it.pos = yamlload_locate(b, ev->start_mark);
    it.span = yamlload_span(it.pos, yamlload_scalar_end(b, ev, it.pos));
    if (!yamlload_count_node(b, it.pos, it.span))
        return;
    if (yamlload_text_key(b, ev)) {
        yamlload_frame *f = &b->frames[b->nframes - 1];
        size_t len = ev->data.scalar.length;
        f->key =
            (yamlload_key){arena_strndup(b->cx->a,
                                         (const char *)ev->data.scalar.value,
                                         len),
                           len, it.pos, it.span, false};
        f->have_key = true;
        f->weight = yamlload_add(f->weight, 1);
        return;
    }
    it.weight = 1;
    it.text = (const char *)ev->data.scalar.value;
    it.len = ev->data.scalar.length;
    it.empty_plain = !it.len && !ev->data.scalar.tag &&
                     ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    it.n = yamlload_scalar_node(b, ev, &it);
    if (ev->data.scalar.anchor)
        yamlload_define_anchor(b, ev->data.scalar.anchor, it.n, false);
    yamlload_deliver(b, &it);
}

static void yamlload_alias(yamlload_builder *b, const yaml_event_t *ev)
{
    yamlload_ctx *cx = b->cx;
    yamlload_item it = {0};
    it.pos = yamlload_locate(b, ev->start_mark);
    it.span = yamlload_span(it.pos, yamlload_locate(b, ev->end_mark));
    it.alias = true;
    it.weight = 1;
    const char *name = (const char *)ev->data.alias.anchor;
    if (++b->aliases > cx->limits->max_aliases) {
        yamlload_refuse(cx, it.pos, it.span,
                        "more than %zu aliases; refusing the file",
                        cx->limits->max_aliases);
        return;
    }
    const size_t *found = strmap_get(&b->anchor_names, name, strlen(name));
    const yamlload_anchor *anchor = found ? &b->anchors[*found - 1] : NULL;
    if (!anchor || anchor->open || !anchor->target) {
        if (!anchor)
            yamlload_error(cx, it.pos, it.span, "unknown anchor '*%s'", name);
        else if (!anchor->target)
            yamlload_error(cx, it.pos, it.span,
                           "alias '*%s' refers to an earlier item of '%s'; "
                           "an alias here may only refer to an anchor in its "
                           "own item",
                           name, b->stream->key);
        else
            yamlload_error(cx, it.pos, it.span,
                           "alias '*%s' is inside the node "
                           "it refers to; a cycle is not allowed",
                           name);
        it.refused = true;
        it.n = node_new(cx->a, NODE_NULL, cx->src, it.pos, it.span);
        yamlload_deliver(b, &it);
        return;
    }
    b->total = yamlload_add(b->total, anchor->weight);
    if (b->total > cx->limits->max_nodes) {
        yamlload_refuse(cx, it.pos, it.span,
                        "aliases expand to more than %zu nodes; refusing "
                        "the file",
                        cx->limits->max_nodes);
        return;
    }
    it.n = anchor->target;
    it.weight = anchor->weight;
    yamlload_deliver(b, &it);
}

static void yamlload_open(yamlload_builder *b, const yaml_event_t *ev,
                          node_kind kind)
{
    yamlload_ctx *cx = b->cx;
    srcpos pos = yamlload_locate(b, ev->start_mark);
    if (b->nframes >= cx->limits->max_depth) {
        yamlload_refuse(cx, pos, 1, "nesting deeper than %zu levels",
                        cx->limits->max_depth);
        return;
    }
    if (!yamlload_count_node(b, pos, 1))
        return;
    bool list = kind == NODE_ARRAY;
    const yaml_char_t *tag_name =
        list ? ev->data.sequence_start.tag : ev->data.mapping_start.tag;
    const yaml_char_t *anchor =
        list ? ev->data.sequence_start.anchor : ev->data.mapping_start.anchor;
    yamlload_tag tag = yamlload_tag_of(tag_name);
    if (tag != YAMLLOAD_TAG_NONE && tag != YAMLLOAD_TAG_NONSPECIFIC &&
        tag != (list ? YAMLLOAD_TAG_SEQ : YAMLLOAD_TAG_MAP))
        yamlload_bad_tag(b, tag_name, tag, kind, pos, 1);
    node *n = node_new(cx->a, kind, cx->src, pos, 1);
    if (list && yamlload_streams(b)) {
        b->stream_frame = b->nframes + 1;
        b->item_anchors = b->nanchors; /* those before the list stay */
        cx->a = b->item_arena;
    }
    ARRAY_ROOM(b->frames, b->nframes, b->frames_cap, 16);
    yamlload_frame *f = &b->frames[b->nframes++];
    *f = (yamlload_frame){n,  list ? b->nitems : b->nmembers, 1,
                          0,  list ? 0 : ++b->objects,        false,
                          {0}};
    if (anchor)
        f->anchor = yamlload_define_anchor(b, anchor, n, true);
}

static void yamlload_close(yamlload_builder *b)
{
    if (b->stream_frame == b->nframes) {
        b->stream_frame = 0;
        b->cx->a = b->doc_arena;
    }
    yamlload_frame f = b->frames[--b->nframes];
    arena *a = b->cx->a;
    node *n = f.n;
    if (n->kind == NODE_ARRAY) {
        size_t count = b->nitems - f.first;
        if (count) {
            n->u.array.items = arena_alloc(a, count * sizeof *n->u.array.items);
            memcpy(n->u.array.items, b->items + f.first,
                   count * sizeof *n->u.array.items);
        }
        n->u.array.count = count;
        b->nitems = f.first;
    } else {
        size_t count = b->nmembers - f.first;
        if (count) {
            n->u.object.members =
                arena_alloc(a, count * sizeof *n->u.object.members);
            memcpy(n->u.object.members, b->members + f.first,
                   count * sizeof *n->u.object.members);
        }
        n->u.object.count = count;
        b->nmembers = f.first;
    }
    if (f.anchor) {
        b->anchors[f.anchor - 1].weight = f.weight;
        b->anchors[f.anchor - 1].open = false;
    }
    yamlload_item it = {.n = n, .weight = f.weight, .pos = n->pos, .span = 1};
    yamlload_deliver(b, &it);
}

/* Builds one event; false when reading should end. */
static bool yamlload_event(yamlload_builder *b, const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (b->documents++) {
            srcpos pos = yamlload_locate(b, ev->start_mark);
            yamlload_error(b->cx, pos,
                           yamlload_span(pos, yamlload_locate(b, ev->end_mark)),
                           "a plan file holds one document; a second document "
                           "starts here");
            return false;
        }
        return true;
    case YAML_STREAM_END_EVENT:
        if (!b->documents)
            yamlload_error(b->cx, yamlload_file_start(b->cx->src), 1,
                           "the file holds no YAML content, only comments or "
                           "blank lines");
        return false;
    case YAML_SCALAR_EVENT:
        if (ev->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
            ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
            b->quoted_start = ev->start_mark;
            b->quoted_end_line = ev->end_mark.line + 1;
        }
        yamlload_scalar(b, ev);
        return true;
    case YAML_ALIAS_EVENT:
        yamlload_alias(b, ev);
        return true;
    case YAML_SEQUENCE_START_EVENT:
        yamlload_open(b, ev, NODE_ARRAY);
        return true;
    case YAML_MAPPING_START_EVENT:
        yamlload_open(b, ev, NODE_OBJECT);
        return true;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        yamlload_close(b);
        return true;
    default: /* stream start, document end */
        return true;
    }
}

/* ---- libyaml's syntax errors, reworded ---------------------------------- */

/* The character at offset as UTF-8 text; "" at a line break or the end. */
static void yamlload_char_at(const source *src, size_t offset, char out[5])
{
    int32_t cp;
    size_t k =
        offset < src->len && !source_break_len(src->text, src->len, offset)
            ? utf8_decode(src->text + offset, src->len - offset, &cp)
            : 0;
    memcpy(out, src->text + offset, k);
    out[k] = '\0';
}

/* True when only spaces come before pos on its line. */
static bool yamlload_first_on_line(const source *src, srcpos pos)
{
    for (size_t i = source_line_start(src, pos.line); i < pos.offset; i++)
        if (src->text[i] != ' ')
            return false;
    return true;
}

/* Appends the tag written at offset (up to white space or a flow
 * indicator). */
static void yamlload_tag_at(strbuf *out, const source *src, size_t offset)
{
    size_t end = offset;
    while (end < src->len && !strchr(" \t\r\n,[]{}", src->text[end]))
        end++;
    yamlload_quote(out, src->text + offset, end - offset);
}

/* Reports an error libyaml's parser found, in words (one literal message
 * a case, so that each is translated whole). */
static void yamlload_syntax_error(yamlload_builder *b, const yaml_parser_t *p)
{
    yamlload_ctx *cx = b->cx;
    const source *src = cx->src;
    if (p->error == YAML_MEMORY_ERROR || !p->problem) {
        yamlload_error(cx, yamlload_file_start(src), 1,
                       "out of memory while reading the file");
        return;
    }
    if (p->error == YAML_READER_ERROR) {
        yamlload_error(cx, source_pos_of(src, p->problem_offset), 1,
                       "cannot read the text: %s", p->problem);
        return;
    }
    srcpos at =
        source_pos_at(src, p->problem_mark.line, p->problem_mark.column);
    srcpos opened =
        source_pos_at(src, p->context_mark.line, p->context_mark.column);
    const char *problem = p->problem, *context = p->context ? p->context : "";
    char ch[5];
    yamlload_char_at(src, at.offset, ch);
    diag *dg = NULL;
    const char *note = NULL; /* said at opened, if any */
    bool unaligned = false;

    if (strcmp(problem, "could not find expected ':'") == 0) {
        dg = yamlload_error(cx, at, 1,
                            "expected ':' after a key; is a line wrongly "
                            "indented or missing ': '?");
        note = N_("this text has no ': ' after it");
    } else if (strcmp(problem, "mapping values are not allowed in this "
                               "context") == 0) {
        dg = yamlload_error(cx, at, 1,
                            "unexpected ':'; quote text that contains ': '");
    } else if (strcmp(problem, "did not find expected key") == 0 ||
               strcmp(problem, "did not find expected '-' indicator") == 0) {
        unaligned = true;
        bool first = yamlload_first_on_line(src, at);
        bool key = strcmp(problem, "did not find expected key") == 0;
        if (strcmp(ch, ":") == 0 && first)
            dg = yamlload_error(cx, at, 1, "a key is missing before ':'");
        else if (first && key)
            dg = yamlload_error(cx, at, 1,
                                "wrong indentation: a key is not aligned "
                                "with the keys above it");
        else if (first)
            dg = yamlload_error(cx, at, 1,
                                "wrong indentation: a list item is not "
                                "aligned with the items above it");
        else
            dg = yamlload_error(cx, at, 1,
                                "unexpected text after a value; a quoted "
                                "text ends at its closing quote");
    } else if (strcmp(problem, "found character that cannot start any "
                               "token") == 0) {
        if (strcmp(ch, "\t") == 0)
            dg = yamlload_error(cx, at, 1,
                                "a tab cannot be used here; use spaces");
        else
            dg = yamlload_error(cx, at, 1,
                                "'%s' cannot start a value; put the text in "
                                "quotes",
                                ch);
    } else if (strcmp(problem, "found a tab character that violates "
                               "indentation") == 0 ||
               strcmp(problem, "found a tab character where an indentation "
                               "space is expected") == 0) {
        dg = yamlload_error(cx, at, 1,
                            "tab used for indentation; indent with spaces");
    } else if (strcmp(problem, "found unexpected end of stream") == 0 &&
               strcmp(context, "while scanning a quoted scalar") == 0) {
        char quote[5];
        yamlload_char_at(src, opened.offset, quote);
        dg = yamlload_error(cx, opened, 1,
                            "this quoted text is never closed; add the "
                            "closing quote (%s)",
                            quote);
    } else if (strcmp(problem, "found unexpected document indicator") == 0) {
        dg = yamlload_error(cx, at, 1,
                            "a line starting with '---' or '...' ends the "
                            "document inside a quoted text; close the quote "
                            "before it");
        note = N_("the quoted text starts here");
    } else if (strcmp(problem, "found undefined tag handle") == 0) {
        strbuf tag = STRBUF_INIT;
        yamlload_tag_at(&tag, src, at.offset);
        dg = yamlload_error(cx, at, 1, "unsupported tag '%s'; remove it",
                            strbuf_str(&tag));
        strbuf_release(&tag);
    } else if (strcmp(problem, "block sequence entries are not allowed in "
                               "this context") == 0) {
        dg = yamlload_error(cx, at, 1,
                            "a list item ('- ') cannot start here; put the "
                            "list on its own lines, indented under its key");
    } else if (strcmp(problem, "did not find expected ',' or ']'") == 0) {
        dg = yamlload_error(cx, at, 1,
                            "expected ',' or ']': the list opened with '[' "
                            "is not closed");
        note = N_("the list starts here");
    } else if (strcmp(problem, "did not find expected ',' or '}'") == 0) {
        dg = yamlload_error(cx, at, 1,
                            "expected ',' or '}': the group of keys opened "
                            "with '{' is not closed");
        note = N_("the group of keys starts here");
    } else if (strcmp(problem, "did not find expected node content") == 0) {
        if (strcmp(ch, ":") == 0)
            dg = yamlload_error(cx, at, 1, "a key is missing before ':'");
        else if (ch[0] && ch[0] != ' ')
            dg = yamlload_error(cx, at, 1,
                                "a value cannot start with '%s'; put the "
                                "text in quotes",
                                ch);
        else
            dg = yamlload_error(cx, at, 1, "expected a value here");
    } else if (strcmp(context, "while parsing a quoted scalar") == 0) {
        dg = yamlload_error(cx, at, 1,
                            "a backslash (\\) in double quotes starts an "
                            "escape sequence and this one is invalid; write "
                            "\\\\ for a backslash, or use single quotes");
    } else if (strcmp(problem, "did not find expected comment or line "
                               "break") == 0) {
        dg = yamlload_error(cx, at, 1,
                            "after '|' or '>' the text must start on the "
                            "next line");
    } else if (strcmp(problem, "did not find expected alphabetic or numeric "
                               "character") == 0 &&
               strcmp(context, "while scanning an anchor") == 0) {
        dg = yamlload_error(cx, at, 1,
                            "'&' must be followed by a name; put text that "
                            "starts with '&' in quotes");
    } else if (strcmp(problem, "did not find expected alphabetic or numeric "
                               "character") == 0 &&
               strcmp(context, "while scanning an alias") == 0) {
        dg = yamlload_error(cx, at, 1,
                            "'*' must be followed by a name; put text that "
                            "starts with '*' in quotes");
    } else if (strcmp(problem, "did not find expected <document start>") == 0) {
        if (b->documents)
            dg = yamlload_error(cx, at, 1,
                                "a plan file holds one document; a second "
                                "document starts here");
        else
            dg = yamlload_error(cx, at, 1,
                                "expected '---' to start the document after "
                                "the '%%' lines");
    } else if (strcmp(problem, "found an indentation indicator equal to "
                               "0") == 0) {
        dg = yamlload_error(cx, at, 1,
                            "a number after '|' or '>' says how many spaces "
                            "the text is indented, and it cannot be 0; "
                            "remove it");
    } else if (strcmp(problem, "found unknown directive name") == 0) {
        dg = yamlload_error(cx, at, 1,
                            "only '%%YAML' and '%%TAG' lines may start with "
                            "'%%'; put text that starts with '%%' in quotes");
    } else if (strcmp(problem, "found incompatible YAML document") == 0) {
        dg = yamlload_error(cx, at, 1,
                            "unsupported YAML version; write '%%YAML 1.2' or "
                            "remove the line");
    } else if (*context) {
        /* TRANSLATORS: the first %s is libyaml's own English message, the
         * second what it was reading ("while scanning a block scalar"). */
        dg = yamlload_error(cx, at, 1, "the text does not follow YAML: %s (%s)",
                            problem, context);
    } else {
        /* TRANSLATORS: %s is libyaml's own English message. */
        dg = yamlload_error(cx, at, 1, "the text does not follow YAML: %s",
                            problem);
    }
    if (note)
        yamlload_note(cx, dg, opened, 1, note);
    /* a quoted text that ran over lines up to here lost its closing quote */
    if (unaligned && b->quoted_end_line == at.line &&
        b->quoted_start.line + 1 < at.line)
        yamlload_note(cx, dg,
                      source_pos_at(src, b->quoted_start.line,
                                    b->quoted_start.column),
                      1,
                      "the quoted text that ends on that line starts here; "
                      "is its closing quote missing?");
}

/* ---- entry -------------------------------------------------------------- */

static node *yamlload_build(yamlload_ctx *cx, const yamlload_stream *stream,
                            size_t *streamed)
{
    const source *src = cx->src;
    yamlload_builder b = {.cx = cx,
                          .cursor = {0, src->start},
                          .scratch = arena_new(),
                          .stream = stream,
                          .doc_arena = cx->a,
                          .skip = *streamed};
    if (stream)
        b.item_arena = arena_new();
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        yamlload_error(cx, yamlload_file_start(src), 1,
                       "out of memory while reading the file");
        return NULL;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)src->text,
                                 src->len);
    while (!cx->stop) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            if (cx->quiet)
                cx->errors++;
            else
                yamlload_syntax_error(&b, &parser);
            break;
        }
        bool more = yamlload_event(&b, &ev);
        yaml_event_delete(&ev);
        if (!more)
            break;
    }
    yaml_parser_delete(&parser);
    free(b.frames);
    free(b.items);
    free(b.members);
    free(b.anchors);
    arena_free(b.scratch);
    cx->a = b.doc_arena; /* when reading ended inside the streamed list */
    arena_free(b.item_arena);
    if (b.streamed > *streamed)
        *streamed = b.streamed;
    return cx->errors ? NULL : b.root;
}

/* True when the text may go to libyaml before its bytes are checked:
 * within the size limit, not UTF-16 or UTF-32, not blank, and without a
 * tab (libyaml takes tabs where YAML refuses them for indentation). */
static bool yamlload_plain_text(const yamlload_ctx *cx)
{
    const source *src = cx->src;
    if (src->len > cx->limits->max_bytes || yamlload_wide_encoding(src))
        return false;
    /* a mapped text is looked through a piece at a time and let go */
    for (size_t at = 0; at < src->len; at += YAMLLOAD_PIECE) {
        size_t n =
            src->len - at < YAMLLOAD_PIECE ? src->len - at : YAMLLOAD_PIECE;
        if (memchr(src->text + at, '\t', n))
            return false;
        source_let_go(src, at + n);
    }
    for (size_t i = src->start; i < src->len; i++)
        if (src->text[i] != ' ' && src->text[i] != '\r' && src->text[i] != '\n')
            return true;
    return false;
}

/* Checking every byte before libyaml reads them costs as much as a tenth
 * of loading a plan, and libyaml's reader refuses exactly the bytes the
 * check refuses (invalid UTF-8, control characters, U+FFFE, U+FFFF). So a
 * file is first read without the check, quietly: when that reads it whole
 * without a problem, it is loaded. At the first problem of any kind the
 * try ends and the file is read again the careful way, which names every
 * problem (its nodes stay in the arena until it is freed). */
node *yamlload_parse_stream(arena *a, const source *src, diag_sink *d,
                            const yamlload_limits *limits,
                            const yamlload_stream *stream)
{
    size_t streamed = 0;
    yamlload_ctx cx = {a, src, d, limits, 0, 0, false, true};
    if (yamlload_plain_text(&cx)) {
        node *root = yamlload_build(&cx, stream, &streamed);
        if (!cx.errors)
            return root;
    }
    /* the items the quiet try handed over read the same the careful way,
     * without a problem (the try ended at its first): they are skipped */
    cx = (yamlload_ctx){a, src, d, limits, 0, 0, false, false};
    if (!yamlload_check_bytes(&cx))
        return NULL;
    return yamlload_build(&cx, stream, &streamed);
}

node *yamlload_parse(arena *a, const source *src, diag_sink *d,
                     const yamlload_limits *limits)
{
    return yamlload_parse_stream(a, src, d, limits, NULL);
}

/* ---- one key, read from a file ------------------------------------------ */

typedef struct yamlload_fd_input {
    int fd;
    size_t left; /* bytes it may still read */
} yamlload_fd_input;

static int yamlload_read_fd(void *data, unsigned char *buffer, size_t size,
                            size_t *size_read)
{
    yamlload_fd_input *in = data;
    ssize_t n;
    do
        n = read(in->fd, buffer, size < in->left ? size : in->left);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return 0;
    *size_read = (size_t)n;
    in->left -= (size_t)n;
    return 1;
}

/* Where an event leaves the search in the top-level mapping. */
typedef struct yamlload_peek {
    const char *key;
    size_t depth;  /* collections open */
    bool key_next; /* the next node at depth 1 is a key */
    bool wanted;   /* the key just read is the one looked for */
    char *value;
    bool done;
} yamlload_peek;

/* A node that starts at depth 1: a key or a value of the top mapping. */
static void yamlload_peek_node(yamlload_peek *pk, const yaml_event_t *ev)
{
    bool scalar = ev->type == YAML_SCALAR_EVENT;
    if (pk->key_next) {
        pk->wanted =
            scalar && strlen(pk->key) == ev->data.scalar.length &&
            memcmp(pk->key, ev->data.scalar.value, ev->data.scalar.length) == 0;
    } else if (pk->wanted) {
        if (scalar)
            pk->value = xstrndup((const char *)ev->data.scalar.value,
                                 ev->data.scalar.length);
        pk->done = true;
    }
    pk->key_next = !pk->key_next;
}

static void yamlload_peek_event(yamlload_peek *pk, const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
    case YAML_ALIAS_EVENT:
        if (pk->depth == 1)
            yamlload_peek_node(pk, ev);
        pk->done = pk->done || pk->depth == 0;
        return;
    case YAML_MAPPING_START_EVENT:
    case YAML_SEQUENCE_START_EVENT:
        if (pk->depth == 1)
            yamlload_peek_node(pk, ev);
        pk->done = pk->done ||
                   (pk->depth == 0 && ev->type != YAML_MAPPING_START_EVENT);
        pk->depth++;
        pk->key_next = pk->key_next || pk->depth == 1;
        return;
    case YAML_MAPPING_END_EVENT:
    case YAML_SEQUENCE_END_EVENT:
        pk->done = --pk->depth == 0;
        return;
    case YAML_DOCUMENT_END_EVENT:
    case YAML_STREAM_END_EVENT:
        pk->done = true;
        return;
    default:
        return;
    }
}

char *yamlload_peek_key(int fd, size_t max_bytes, const char *key)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return NULL;
    yamlload_fd_input in = {fd, max_bytes};
    yaml_parser_set_input(&parser, yamlload_read_fd, &in);
    yamlload_peek pk = {.key = key};
    while (!pk.done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev))
            break;
        yamlload_peek_event(&pk, &ev);
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    return pk.value;
}
