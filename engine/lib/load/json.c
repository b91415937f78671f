/* json.c - a strict JSON reader (RFC 8259) producing positioned nodes.
 *
 * A recursive-descent parser over the bytes of one source. The one idea to
 * know: the whole text is checked to be UTF-8 before parsing starts, so the
 * parser works on bytes and only escapes need decoding. Items and members
 * of the containers being read are collected on one shared stack and
 * copied into the arena, at their exact size, when a container closes;
 * duplicate keys are then found by sorting the new object's keys, so large
 * objects cost n log n, not n squared. The first syntax error stops the
 * parse; duplicate keys are all reported, then the parse fails. */
#include "json.h"

#include "ascii.h"
#include "i18n.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct json_parser {
    arena *a;
    const source *src;
    diag_sink *d;
    const char *text;
    size_t len;
    size_t at; /* byte offset of the next unread byte */
    unsigned depth;
    bool failed;     /* a syntax error was reported */
    bool duplicates; /* a duplicate key was reported */
    strbuf scratch;  /* decoded string being built */
    node **items;    /* pending items of the open arrays */
    size_t items_len, items_cap;
    node_member *members; /* pending members of the open objects */
    size_t members_len, members_cap;
} json_parser;

static void json_error(json_parser *p, size_t offset, size_t span,
                       const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void json_error(json_parser *p, size_t offset, size_t span,
                       const char *fmt, ...)
{
    if (p->failed)
        return;
    p->failed = true;
    va_list ap;
    va_start(ap, fmt);
    diag_vat(p->d, DIAG_ERROR, p->src, source_pos_of(p->src, offset), span, fmt,
             ap);
    va_end(ap);
}

static bool at_end(const json_parser *p)
{
    return p->at >= p->len;
}

static char peek(const json_parser *p)
{
    return at_end(p) ? '\0' : p->text[p->at];
}

static void skip_space(json_parser *p)
{
    while (!at_end(p)) {
        char c = p->text[p->at];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return;
        p->at++;
    }
}

/* Describes what stands at the current offset, for "found ..." messages,
 * and returns the bytes it covers in *span. */
static void describe_found(const json_parser *p, strbuf *out, size_t *span)
{
    *span = 1;
    if (at_end(p)) {
        /* TRANSLATORS: what was found, put in "expected ..., found %s" */
        strbuf_puts(out, _("the end of the file"));
        return;
    }
    unsigned char c = (unsigned char)p->text[p->at];
    if (c >= 0x20 && c < 0x7F) {
        strbuf_printf(out, "'%c'", c);
        return;
    }
    int32_t cp;
    size_t k = utf8_decode(p->text + p->at, p->len - p->at, &cp);
    if (k && cp >= 0xA0) {
        strbuf_puts(out, "'");
        strbuf_add(out, p->text + p->at, k);
        strbuf_puts(out, "'");
        *span = k;
        return;
    }
    /* TRANSLATORS: what was found, put in "expected ..., found %s" */
    strbuf_printf(out, _("the character U+%04X"), k ? (unsigned)cp : c);
}

/* An error at the current offset: fmt (a literal, "expected ..., found
 * %s") with what stands there. A macro, so that fmt stays a literal the
 * compiler checks; json_error translates it. */
#define json_expected(p, fmt)                                      \
    do {                                                           \
        strbuf found_ = STRBUF_INIT;                               \
        size_t span_;                                              \
        describe_found((p), &found_, &span_);                      \
        json_error((p), (p)->at, span_, fmt, strbuf_str(&found_)); \
        strbuf_release(&found_);                                   \
    } while (0)

static bool is_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_';
}

static node *parse_value(json_parser *p);

static node *make_node(json_parser *p, node_kind kind, size_t start, size_t end)
{
    return node_new(p->a, kind, p->src, source_pos_of(p->src, start),
                    end - start);
}

/* A bare word: true, false, null, or a helpful refusal. */
static node *parse_word(json_parser *p)
{
    size_t start = p->at, end = start;
    while (end < p->len && is_word_char(p->text[end]))
        end++;
    size_t n = end - start;
    const char *w = p->text + start;
    node *result = NULL;
    if (n == 4 && memcmp(w, "true", 4) == 0) {
        result = make_node(p, NODE_BOOL, start, end);
        result->u.boolean = true;
    } else if (n == 5 && memcmp(w, "false", 5) == 0) {
        result = make_node(p, NODE_BOOL, start, end);
    } else if (n == 4 && memcmp(w, "null", 4) == 0) {
        result = make_node(p, NODE_NULL, start, end);
    } else if ((n == 4 && (strncasecmp(w, "true", 4) == 0 ||
                           strncasecmp(w, "null", 4) == 0)) ||
               (n == 5 && strncasecmp(w, "false", 5) == 0)) {
        json_error(p, start, n, "'%.*s' must be written in lowercase in JSON",
                   (int)n, w);
    } else if ((n == 3 && memcmp(w, "NaN", 3) == 0) ||
               (n == 8 && memcmp(w, "Infinity", 8) == 0)) {
        json_error(p, start, n, "'%.*s' is not a JSON number", (int)n, w);
    } else {
        json_error(p, start, n,
                   "unexpected word '%.*s'; text must be in double quotes",
                   (int)n, w);
    }
    p->at = end;
    return result;
}

static size_t digits_at(const json_parser *p, size_t i)
{
    size_t start = i;
    while (i < p->len && p->text[i] >= '0' && p->text[i] <= '9')
        i++;
    return i - start;
}

static node *parse_number(json_parser *p)
{
    size_t start = p->at, i = start;
    if (p->text[i] == '-') {
        i++;
        if (!digits_at(p, i)) {
            p->at = i;
            json_expected(p, "expected a digit after '-', found %s");
            return NULL;
        }
    }
    size_t int_digits = digits_at(p, i);
    if (p->text[i] == '0' && int_digits > 1) {
        json_error(p, i, int_digits,
                   "numbers must not start with a leading zero");
        return NULL;
    }
    i += int_digits;
    if (i < p->len && p->text[i] == '.') {
        size_t frac = digits_at(p, i + 1);
        if (!frac) {
            p->at = i + 1;
            json_expected(p,
                          "expected a digit after the decimal point, found %s");
            return NULL;
        }
        i += 1 + frac;
    }
    if (i < p->len && (p->text[i] == 'e' || p->text[i] == 'E')) {
        i++;
        if (i < p->len && (p->text[i] == '+' || p->text[i] == '-'))
            i++;
        size_t exp = digits_at(p, i);
        if (!exp) {
            p->at = i;
            json_expected(p, "expected a digit in the exponent, found %s");
            return NULL;
        }
        i += exp;
    }
    char *text = arena_strndup(p->a, p->text + start, i - start);
    double value = strtod(text, NULL);
    if (isinf(value)) {
        json_error(p, start, i - start,
                   "the number %s is too large to be represented", text);
        return NULL;
    }
    node *n = make_node(p, NODE_NUMBER, start, i);
    n->u.number.value = value;
    n->u.number.text = text;
    p->at = i;
    return n;
}

/* Reads the four hex digits of a \u escape starting at the backslash at
 * offset i; returns the code unit, or -1 after reporting an error. */
static long read_unicode_escape(json_parser *p, size_t i)
{
    long unit = 0;
    for (size_t k = 0; k < 4; k++) {
        int h = i + 2 + k < p->len ? ascii_hex_value(p->text[i + 2 + k]) : -1;
        if (h < 0) {
            json_error(p, i, 2 + k + (i + 2 + k < p->len),
                       "'\\u' must be followed by four hexadecimal digits");
            return -1;
        }
        unit = unit * 16 + h;
    }
    return unit;
}

/* Decodes the escape at offset i (a backslash) into p->scratch; returns the
 * bytes it took, or 0 after reporting an error. */
static size_t decode_escape(json_parser *p, size_t i)
{
    if (i + 1 >= p->len) {
        json_error(p, i, 1, "unterminated string");
        return 0;
    }
    char c = p->text[i + 1];
    const char *simple = strchr("\"\\/bfnrt", c);
    if (c && simple) {
        static const char replacement[] = "\"\\/\b\f\n\r\t";
        strbuf_putc(&p->scratch, replacement[simple - "\"\\/bfnrt"]);
        return 2;
    }
    if (c != 'u') {
        int32_t cp;
        size_t k = utf8_decode(p->text + i + 1, p->len - i - 1, &cp);
        json_error(p, i, 1 + (k ? k : 1), "invalid escape '\\%.*s' in a string",
                   (int)(k ? k : 1), p->text + i + 1);
        return 0;
    }
    long unit = read_unicode_escape(p, i);
    if (unit < 0)
        return 0;
    int32_t cp = (int32_t)unit;
    size_t used = 6;
    if (unit >= 0xD800 && unit <= 0xDBFF) {
        long low = -1;
        if (i + 7 < p->len && p->text[i + 6] == '\\' && p->text[i + 7] == 'u') {
            low = read_unicode_escape(p, i + 6);
            if (low < 0)
                return 0;
        }
        if (low < 0xDC00 || low > 0xDFFF) {
            json_error(p, i, 6,
                       "'\\u%.4s' begins a surrogate pair that is "
                       "not completed by a low surrogate",
                       p->text + i + 2);
            return 0;
        }
        cp = (int32_t)(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
        used = 12;
    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
        json_error(p, i, 6, "'\\u%.4s' is a low surrogate without a high one",
                   p->text + i + 2);
        return 0;
    }
    char out[4];
    strbuf_add(&p->scratch, out, utf8_encode(cp, out));
    return used;
}

/* Reads a string starting at its opening quote. Stores its decoded bytes
 * (in the arena) and length; returns false after reporting an error. */
static bool parse_string_text(json_parser *p, const char **s, size_t *len)
{
    size_t start = p->at, i = start + 1;
    strbuf_reset(&p->scratch);
    for (;;) {
        size_t run = i;
        while (i < p->len && p->text[i] != '"' && p->text[i] != '\\' &&
               (unsigned char)p->text[i] >= 0x20)
            i++;
        strbuf_add(&p->scratch, p->text + run, i - run);
        if (i >= p->len) {
            json_error(p, start, 1, "unterminated string");
            return false;
        }
        unsigned char c = (unsigned char)p->text[i];
        if (c == '"')
            break;
        if (c == '\\') {
            size_t used = decode_escape(p, i);
            if (!used)
                return false;
            i += used;
            continue;
        }
        if (c == '\n' || c == '\r')
            json_error(p, i, 1,
                       "line break inside a string; write it as "
                       "'\\n' or close the string first");
        else
            json_error(p, i, 1,
                       "control character U+%04X inside a string; "
                       "write it as an escape",
                       c);
        return false;
    }
    *s = arena_strndup(p->a, strbuf_str(&p->scratch), p->scratch.len);
    *len = p->scratch.len;
    p->at = i + 1;
    return true;
}

static node *parse_string(json_parser *p)
{
    size_t start = p->at;
    const char *s;
    size_t len;
    if (!parse_string_text(p, &s, &len))
        return NULL;
    node *n = make_node(p, NODE_STRING, start, p->at);
    n->u.string.s = s;
    n->u.string.len = len;
    return n;
}

static bool enter(json_parser *p)
{
    if (p->depth >= JSON_MAX_DEPTH) {
        json_error(p, p->at, 1, "nesting deeper than %d levels",
                   JSON_MAX_DEPTH);
        return false;
    }
    p->depth++;
    return true;
}

/* parse_elements once the nesting is entered. */
static bool elements(json_parser *p, char close,
                     bool (*element)(json_parser *p))
{
    p->at++;
    skip_space(p);
    if (peek(p) == close) {
        p->at++;
        return true;
    }
    for (;;) {
        if (!element(p))
            return false;
        skip_space(p);
        char c = peek(p);
        if (c == close) {
            p->at++;
            return true;
        }
        if (c != ',') {
            if (close == ']')
                json_expected(p, "expected ',' or ']' after an item, found %s");
            else
                json_expected(p,
                              "expected ',' or '}' after a member, found %s");
            return false;
        }
        size_t comma = p->at++;
        skip_space(p);
        if (peek(p) == close) {
            json_error(p, comma, 1, "trailing comma before '%c'", close);
            return false;
        }
    }
}

/* Reads the elements of an array (close: ']') or an object ('}'), from
 * its opening bracket to its close, with element, which parses one and
 * pushes it on the parser's pending items or members. False after an
 * error (one is also a nesting deeper than JSON_MAX_DEPTH). */
static bool parse_elements(json_parser *p, char close,
                           bool (*element)(json_parser *p))
{
    if (!enter(p))
        return false;
    bool ok = elements(p, close, element);
    p->depth--;
    return ok;
}

/* The count elements of size bytes at from (the pending ones of a
 * container just read), copied into the arena; NULL for none. */
static void *take_pending(json_parser *p, const void *from, size_t count,
                          size_t size)
{
    if (!count)
        return NULL;
    void *to = arena_alloc(p->a, count * size);
    memcpy(to, from, count * size);
    return to;
}

static void push_item(json_parser *p, node *n)
{
    ARRAY_ROOM(p->items, p->items_len, p->items_cap, 64);
    p->items[p->items_len++] = n;
}

static bool array_item(json_parser *p)
{
    node *item = parse_value(p);
    if (item)
        push_item(p, item);
    return item != NULL;
}

static int compare_member_keys(const void *pa, const void *pb)
{
    const node_member *a = *(const node_member *const *)pa;
    const node_member *b = *(const node_member *const *)pb;
    size_t n = a->key_len < b->key_len ? a->key_len : b->key_len;
    int c = memcmp(a->key, b->key, n);
    if (c)
        return c;
    if (a->key_len != b->key_len)
        return a->key_len < b->key_len ? -1 : 1;
    return a < b ? -1 : a > b; /* document order among equal keys */
}

static void report_duplicate(json_parser *p, const node_member *first,
                             const node_member *again)
{
    diag *d = diag_at(p->d, DIAG_ERROR, p->src, again->key_pos, again->key_span,
                      "duplicate key '%s'", again->key);
    diag_note(p->d, d, p->src, first->key_pos, first->key_span,
              "first given here");
    p->duplicates = true;
}

/* Reports every key given twice in members[0..count). */
static void check_duplicates(json_parser *p, const node_member *members,
                             size_t count)
{
    if (count < 2)
        return;
    const node_member **sorted = xmalloc(count * sizeof *sorted);
    for (size_t i = 0; i < count; i++)
        sorted[i] = &members[i];
    qsort(sorted, count, sizeof *sorted, compare_member_keys);
    size_t first = 0;
    for (size_t i = 1; i < count; i++) {
        const node_member *a = sorted[first], *b = sorted[i];
        if (a->key_len == b->key_len && memcmp(a->key, b->key, a->key_len) == 0)
            report_duplicate(p, a, b);
        else
            first = i;
    }
    free(sorted);
}

static void push_member(json_parser *p, const node_member *m)
{
    ARRAY_ROOM(p->members, p->members_len, p->members_cap, 64);
    p->members[p->members_len++] = *m;
}

/* Reads one "key": value member into *m; false after an error. */
static bool parse_member(json_parser *p, node_member *m)
{
    char c = peek(p);
    if (c != '"') {
        if (c == '\'')
            json_error(p, p->at, 1, "keys must be in double quotes");
        else
            json_expected(p, "expected a key in double quotes, found %s");
        return false;
    }
    size_t key_start = p->at;
    const char *key;
    size_t key_len;
    if (!parse_string_text(p, &key, &key_len))
        return false;
    m->key = key;
    m->key_len = key_len;
    m->key_pos = source_pos_of(p->src, key_start);
    m->key_span = p->at - key_start;
    if (memchr(key, '\0', key_len)) {
        json_error(p, key_start, m->key_span,
                   "keys must not contain the character U+0000");
        return false;
    }
    skip_space(p);
    if (peek(p) != ':') {
        json_expected(p, "expected ':' after the key, found %s");
        return false;
    }
    p->at++;
    m->value = parse_value(p);
    return m->value != NULL;
}

static bool object_member(json_parser *p)
{
    node_member m;
    if (!parse_member(p, &m))
        return false;
    push_member(p, &m);
    return true;
}

/* An array or an object: its elements read by parse_elements, then moved
 * from the pending stack into the node. */
static node *parse_container(json_parser *p, node_kind kind)
{
    bool array = kind == NODE_ARRAY;
    size_t start = p->at, items = p->items_len, members = p->members_len;
    bool read = array ? parse_elements(p, ']', array_item)
                      : parse_elements(p, '}', object_member);
    node *n = read ? make_node(p, kind, start, p->at) : NULL;
    if (n && array) {
        n->u.array.count = p->items_len - items;
        n->u.array.items =
            take_pending(p, p->items + items, n->u.array.count, sizeof(node *));
    } else if (n) {
        n->u.object.count = p->members_len - members;
        n->u.object.members =
            take_pending(p, p->members + members, n->u.object.count,
                         sizeof(node_member));
        check_duplicates(p, n->u.object.members, n->u.object.count);
    }
    p->items_len = items;
    p->members_len = members;
    return n;
}

static node *parse_value(json_parser *p)
{
    skip_space(p);
    char c = peek(p);
    if (at_end(p)) {
        json_expected(p, "expected a value, found %s");
        return NULL;
    }
    switch (c) {
    case '{':
        return parse_container(p, NODE_OBJECT);
    case '[':
        return parse_container(p, NODE_ARRAY);
    case '"':
        return parse_string(p);
    case '-':
        return parse_number(p);
    case '\'':
        json_error(p, p->at, 1, "text must be in double quotes, not single");
        return NULL;
    case '/':
        json_error(p, p->at, 1, "comments are not allowed in JSON");
        return NULL;
    default:
        break;
    }
    if (c >= '0' && c <= '9')
        return parse_number(p);
    if (is_word_char(c))
        return parse_word(p);
    json_expected(p, "expected a value, found %s");
    return NULL;
}

node *json_parse(arena *a, const source *src, diag_sink *d)
{
    json_parser p = {0};
    p.a = a;
    p.src = src;
    p.d = d;
    p.text = src->text;
    p.len = src->len;
    p.at = src->start; /* after a BOM */
    size_t bad;
    if (!utf8_valid(p.text + p.at, p.len - p.at, &bad)) {
        size_t offset = p.at + bad;
        diag_at(d, DIAG_ERROR, src, source_pos_of(src, offset), 1,
                "invalid UTF-8 at byte %zu", offset);
        return NULL;
    }
    /* numbers are read with '.' as the decimal point whatever the locale */
    locale_t c_numeric = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    locale_t previous = c_numeric ? uselocale(c_numeric) : (locale_t)0;
    node *root = parse_value(&p);
    if (root) {
        skip_space(&p);
        if (!at_end(&p)) {
            strbuf found = STRBUF_INIT;
            size_t span;
            describe_found(&p, &found, &span);
            /* TRANSLATORS: %s is what was found: a character in quotes,
             * "the end of the file" or "the character U+0001" */
            json_error(&p, p.at, span, "unexpected %s after the JSON value",
                       strbuf_str(&found));
            strbuf_release(&found);
        }
    }
    if (c_numeric) {
        uselocale(previous);
        freelocale(c_numeric);
    }
    strbuf_release(&p.scratch);
    free(p.items);
    free(p.members);
    if (p.failed || p.duplicates)
        return NULL;
    return root;
}
