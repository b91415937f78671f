/* regex.c - ECMA-262 regular expressions for JSON Schema (see regex.h).
 *
 * The pattern is parsed into a small tree, which is compiled into a program
 * for a backtracking machine that walks the subject code point by code
 * point. The one idea to know: the machine never recurses. Every choice it
 * makes and every loop register it overwrites is pushed on one explicit
 * stack, so failing means "pop until a choice turns up", and a lookahead is
 * a marker on that stack which its body cuts back to when it succeeds. The C
 * stack therefore never depends on the subject; the parser's depth is
 * bounded by refusing groups nested deeper than REGEX_MAX_NESTING.
 *
 * Every instruction, every pop and every code point a repetition consumes
 * costs one step of a budget; running out, or letting the stack grow past
 * REGEX_STACK_LIMIT entries, is REGEX_TOO_COMPLEX.
 *
 * Invalid UTF-8 in the subject: each invalid byte is a position that no atom
 * matches (not '.', not a negated class such as [^a]), so a match never
 * spans one; anchors and \b still apply around it, and a search may start
 * after it. Capturing groups only group: nothing is captured, which is why
 * backreferences are refused. */
#include "regex.h"

#include "arena.h"
#include "ascii.h"
#include "strbuf.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define REGEX_MAX_NESTING 256            /* deepest group nesting accepted */
#define REGEX_MAX_PATTERN (1u << 24)     /* longest pattern accepted, bytes */
#define REGEX_STEP_BUDGET 10000000u      /* steps per search ... */
#define REGEX_STEPS_PER_BYTE 8u          /* ... plus this many per subject byte */
#define REGEX_STACK_LIMIT (1u << 21)     /* backtracking entries per search */
#define REPEAT_INFINITE UINT32_MAX
#define MAX_CODE_POINT 0x10FFFF

/* ---- character classes ------------------------------------------------ */

struct cp_range {
    int32_t lo, hi;
};

#define CATEGORY(name) (1u << UTF8PROC_CATEGORY_##name)
#define ALL_CATEGORIES ((1u << (UTF8PROC_CATEGORY_CO + 1)) - 1u)

/* A class is a set of code point ranges plus a set of General_Category
 * values; a code point belongs when it is in either, unless negated. */
struct char_class {
    size_t first, count;   /* regex.ranges[first..first+count): sorted, disjoint */
    uint32_t categories;   /* bit (1 << utf8proc category) per included category */
    bool negated;
};

static const struct cp_range digit_ranges[] = {{'0', '9'}};
static const struct cp_range word_ranges[] = {
    {'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'},
};
/* ECMA-262 WhiteSpace and LineTerminator */
static const struct cp_range space_ranges[] = {
    {0x09, 0x0D}, {0x20, 0x20}, {0xA0, 0xA0}, {0x1680, 0x1680},
    {0x2000, 0x200A}, {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F},
    {0x3000, 0x3000}, {0xFEFF, 0xFEFF},
};

#define LETTER_CATEGORIES (CATEGORY(LU) | CATEGORY(LL) | CATEGORY(LT) | \
                           CATEGORY(LM) | CATEGORY(LO))
#define CASED_CATEGORIES (CATEGORY(LU) | CATEGORY(LL) | CATEGORY(LT))
#define MARK_CATEGORIES (CATEGORY(MN) | CATEGORY(MC) | CATEGORY(ME))
#define NUMBER_CATEGORIES (CATEGORY(ND) | CATEGORY(NL) | CATEGORY(NO))
#define PUNCTUATION_CATEGORIES (CATEGORY(PC) | CATEGORY(PD) | CATEGORY(PS) | \
                                CATEGORY(PE) | CATEGORY(PI) | CATEGORY(PF) | \
                                CATEGORY(PO))
#define SYMBOL_CATEGORIES (CATEGORY(SM) | CATEGORY(SC) | CATEGORY(SK) | \
                           CATEGORY(SO))
#define SEPARATOR_CATEGORIES (CATEGORY(ZS) | CATEGORY(ZL) | CATEGORY(ZP))
#define OTHER_CATEGORIES (CATEGORY(CC) | CATEGORY(CF) | CATEGORY(CS) | \
                          CATEGORY(CO) | CATEGORY(CN))

/* General_Category values and their aliases, as ECMA-262 accepts them. */
static const struct category_name {
    const char *name;
    uint32_t categories;
} category_names[] = {
    {"C", OTHER_CATEGORIES}, {"Other", OTHER_CATEGORIES},
    {"Cc", CATEGORY(CC)}, {"Control", CATEGORY(CC)}, {"cntrl", CATEGORY(CC)},
    {"Cf", CATEGORY(CF)}, {"Format", CATEGORY(CF)},
    {"Cn", CATEGORY(CN)}, {"Unassigned", CATEGORY(CN)},
    {"Co", CATEGORY(CO)}, {"Private_Use", CATEGORY(CO)},
    {"Cs", CATEGORY(CS)}, {"Surrogate", CATEGORY(CS)},
    {"L", LETTER_CATEGORIES}, {"Letter", LETTER_CATEGORIES},
    {"LC", CASED_CATEGORIES}, {"Cased_Letter", CASED_CATEGORIES},
    {"Ll", CATEGORY(LL)}, {"Lowercase_Letter", CATEGORY(LL)},
    {"Lm", CATEGORY(LM)}, {"Modifier_Letter", CATEGORY(LM)},
    {"Lo", CATEGORY(LO)}, {"Other_Letter", CATEGORY(LO)},
    {"Lt", CATEGORY(LT)}, {"Titlecase_Letter", CATEGORY(LT)},
    {"Lu", CATEGORY(LU)}, {"Uppercase_Letter", CATEGORY(LU)},
    {"M", MARK_CATEGORIES}, {"Mark", MARK_CATEGORIES},
    {"Combining_Mark", MARK_CATEGORIES},
    {"Mc", CATEGORY(MC)}, {"Spacing_Mark", CATEGORY(MC)},
    {"Me", CATEGORY(ME)}, {"Enclosing_Mark", CATEGORY(ME)},
    {"Mn", CATEGORY(MN)}, {"Nonspacing_Mark", CATEGORY(MN)},
    {"N", NUMBER_CATEGORIES}, {"Number", NUMBER_CATEGORIES},
    {"Nd", CATEGORY(ND)}, {"Decimal_Number", CATEGORY(ND)},
    {"digit", CATEGORY(ND)},
    {"Nl", CATEGORY(NL)}, {"Letter_Number", CATEGORY(NL)},
    {"No", CATEGORY(NO)}, {"Other_Number", CATEGORY(NO)},
    {"P", PUNCTUATION_CATEGORIES}, {"Punctuation", PUNCTUATION_CATEGORIES},
    {"punct", PUNCTUATION_CATEGORIES},
    {"Pc", CATEGORY(PC)}, {"Connector_Punctuation", CATEGORY(PC)},
    {"Pd", CATEGORY(PD)}, {"Dash_Punctuation", CATEGORY(PD)},
    {"Pe", CATEGORY(PE)}, {"Close_Punctuation", CATEGORY(PE)},
    {"Pf", CATEGORY(PF)}, {"Final_Punctuation", CATEGORY(PF)},
    {"Pi", CATEGORY(PI)}, {"Initial_Punctuation", CATEGORY(PI)},
    {"Po", CATEGORY(PO)}, {"Other_Punctuation", CATEGORY(PO)},
    {"Ps", CATEGORY(PS)}, {"Open_Punctuation", CATEGORY(PS)},
    {"S", SYMBOL_CATEGORIES}, {"Symbol", SYMBOL_CATEGORIES},
    {"Sc", CATEGORY(SC)}, {"Currency_Symbol", CATEGORY(SC)},
    {"Sk", CATEGORY(SK)}, {"Modifier_Symbol", CATEGORY(SK)},
    {"Sm", CATEGORY(SM)}, {"Math_Symbol", CATEGORY(SM)},
    {"So", CATEGORY(SO)}, {"Other_Symbol", CATEGORY(SO)},
    {"Z", SEPARATOR_CATEGORIES}, {"Separator", SEPARATOR_CATEGORIES},
    {"Zl", CATEGORY(ZL)}, {"Line_Separator", CATEGORY(ZL)},
    {"Zp", CATEGORY(ZP)}, {"Paragraph_Separator", CATEGORY(ZP)},
    {"Zs", CATEGORY(ZS)}, {"Space_Separator", CATEGORY(ZS)},
};

/* ---- the program -------------------------------------------------------- */

enum opcode {
    OP_CHAR,                /* one code point equal to arg */
    OP_ANY,                 /* '.': any code point but a line terminator */
    OP_CLASS,               /* one code point in classes[arg] */
    OP_TEXT_START,          /* '^' */
    OP_TEXT_END,            /* '$' */
    OP_WORD_BOUNDARY,       /* \b */
    OP_NOT_WORD_BOUNDARY,   /* \B */
    OP_JUMP,                /* go to arg */
    OP_SPLIT,               /* try arg, then target */
    OP_ATOM_REPEAT,         /* atom_op/arg repeated min..max times, no loop registers */
    OP_LOOP_INIT,           /* loop arg: iteration count = 0 */
    OP_LOOP_CHECK,          /* loop arg: iterate again, or leave to target */
    OP_LOOP_ENTER,          /* loop arg: remember where this iteration starts */
    OP_LOOP_END,            /* loop arg: refuse an empty iteration, count, back to target */
    OP_LOOK_BEGIN,          /* lookahead (negated when flag) whose body ends before target */
    OP_LOOK_END,
    OP_MATCH,
};

struct inst {
    uint8_t op;
    uint8_t atom_op;    /* OP_ATOM_REPEAT: OP_CHAR, OP_ANY or OP_CLASS */
    bool flag;          /* greedy (repetitions), negated (OP_LOOK_BEGIN) */
    uint32_t arg;       /* code point, class index, loop number or jump target */
    uint32_t target;    /* second target: alternative, loop exit, lookahead end */
    uint32_t min, max;  /* repetition bounds; max may be REPEAT_INFINITE */
};

struct regex {
    struct inst *prog;
    size_t nprog, prog_cap;
    struct char_class *classes;
    size_t nclasses, classes_cap;
    struct cp_range *ranges;
    size_t nranges, ranges_cap;
    uint32_t nloops;        /* each loop owns two registers: count and start */
    bool anchored;          /* the program starts with '^' */
};

void regex_free(regex *re)
{
    if (!re)
        return;
    free(re->prog);
    free(re->classes);
    free(re->ranges);
    free(re);
}

/* ---- parsing into a tree ------------------------------------------------- */

enum node_kind {
    NODE_EMPTY,
    NODE_LEAF,        /* one instruction: an atom or an assertion */
    NODE_CONCAT,      /* children in order */
    NODE_ALT,         /* children as alternatives */
    NODE_REPEAT,      /* child repeated min..max times */
    NODE_LOOKAHEAD,   /* child as a lookahead, negated when flag */
};

struct node {
    enum node_kind kind;
    struct node *next;    /* following sibling in a CONCAT or ALT */
    struct node *child;   /* first child, or the body of REPEAT and LOOKAHEAD */
    enum opcode op;       /* LEAF */
    uint32_t value;       /* LEAF: code point or class index */
    uint32_t min, max;    /* REPEAT */
    bool flag;            /* greedy (REPEAT), negated (LOOKAHEAD) */
};

struct parser {
    const char *src;
    size_t len, pos;
    unsigned depth;       /* groups open around pos */
    arena *nodes;
    regex *re;
    char *error;          /* the first error, malloc'ed */
    size_t error_offset;
};

static void fail_at(struct parser *p, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fail_at(struct parser *p, size_t offset, const char *fmt, ...)
{
    if (p->error)
        return;
    strbuf sb = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&sb, fmt, ap);
    va_end(ap);
    p->error = sb.buf ? sb.buf : xstrdup("");
    p->error_offset = offset;
}

/* The byte at pos + ahead, or -1 past the end. */
static int peek_at(const struct parser *p, size_t ahead)
{
    return p->pos + ahead < p->len ? (unsigned char)p->src[p->pos + ahead] : -1;
}

static int peek(const struct parser *p)
{
    return peek_at(p, 0);
}

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static bool is_syntax_character(int c)
{
    return c > 0 && strchr("^$\\.*+?()[]{}|/", c) != NULL;
}

static struct node *new_node(struct parser *p, enum node_kind kind)
{
    struct node *n = arena_alloc(p->nodes, sizeof *n);
    n->kind = kind;
    return n;
}

static struct node *new_leaf(struct parser *p, enum opcode op, uint32_t value)
{
    struct node *n = new_node(p, NODE_LEAF);
    n->op = op;
    n->value = value;
    return n;
}

/* Decodes the literal code point at pos and steps over it. */
static bool take_literal(struct parser *p, int32_t *cp)
{
    size_t k = utf8_decode(p->src + p->pos, p->len - p->pos, cp);
    if (!k) {
        fail_at(p, p->pos, "invalid utf-8 in pattern");
        return false;
    }
    p->pos += k;
    return true;
}

static void add_range(regex *re, int32_t lo, int32_t hi)
{
    if (re->nranges == re->ranges_cap) {
        re->ranges_cap = re->ranges_cap ? 2 * re->ranges_cap : 16;
        re->ranges = xrealloc(re->ranges, re->ranges_cap * sizeof *re->ranges);
    }
    re->ranges[re->nranges++] = (struct cp_range){lo, hi};
}

/* Adds a sorted table of ranges to the class being built, or its
 * complement over all code points. */
static void add_ranges(regex *re, const struct cp_range *table, size_t n,
                       bool complement)
{
    if (!complement) {
        for (size_t i = 0; i < n; i++)
            add_range(re, table[i].lo, table[i].hi);
        return;
    }
    int32_t next = 0;
    for (size_t i = 0; i < n; i++) {
        if (table[i].lo > next)
            add_range(re, next, table[i].lo - 1);
        next = table[i].hi + 1;
    }
    if (next <= MAX_CODE_POINT)
        add_range(re, next, MAX_CODE_POINT);
}

static uint32_t class_begin(regex *re)
{
    if (re->nclasses == re->classes_cap) {
        re->classes_cap = re->classes_cap ? 2 * re->classes_cap : 8;
        re->classes = xrealloc(re->classes, re->classes_cap * sizeof *re->classes);
    }
    re->classes[re->nclasses] = (struct char_class){.first = re->nranges};
    return (uint32_t)re->nclasses++;
}

static int compare_ranges(const void *a, const void *b)
{
    const struct cp_range *x = a, *y = b;
    return (x->lo > y->lo) - (x->lo < y->lo);
}

/* Sorts and merges the ranges added since class_begin. */
static void class_finish(regex *re, uint32_t index)
{
    struct char_class *cls = &re->classes[index];
    size_t n = re->nranges - cls->first, kept = 0;
    if (n == 0)
        return;
    struct cp_range *r = re->ranges + cls->first;
    qsort(r, n, sizeof *r, compare_ranges);
    for (size_t i = 0; i < n; i++) {
        if (kept && r[i].lo <= r[kept - 1].hi + 1) {
            if (r[i].hi > r[kept - 1].hi)
                r[kept - 1].hi = r[i].hi;
        } else {
            r[kept++] = r[i];
        }
    }
    cls->count = kept;
    re->nranges = cls->first + kept;
}

static bool span_is(const char *s, size_t n, const char *word)
{
    return strlen(word) == n && memcmp(s, word, n) == 0;
}

static const struct category_name *find_category(const char *name, size_t n)
{
    for (size_t i = 0; i < sizeof category_names / sizeof category_names[0]; i++)
        if (span_is(name, n, category_names[i].name))
            return &category_names[i];
    return NULL;
}

/* Parses \p{...} or \P{...} at pos into a set of General_Category values. */
static bool parse_property(struct parser *p, uint32_t *categories)
{
    size_t start = p->pos;
    bool complement = p->src[p->pos + 1] == 'P';
    p->pos += 2;
    if (peek(p) != '{') {
        fail_at(p, start, "invalid property escape (expected '\\%c{...}')",
                complement ? 'P' : 'p');
        return false;
    }
    size_t name_start = p->pos + 1, close = name_start;
    for (; close < p->len && p->src[close] != '}'; close++) {
        char c = p->src[close];
        if (!is_digit(c) && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') &&
            c != '_' && c != '=') {
            fail_at(p, close, "invalid character in unicode property name");
            return false;
        }
    }
    if (close == p->len) {
        fail_at(p, start, "unterminated property escape");
        return false;
    }
    const char *name = p->src + name_start;
    size_t n = close - name_start;
    const char *equals = memchr(name, '=', n);
    const struct category_name *found;
    if (equals) {
        size_t key_len = (size_t)(equals - name);
        if (!span_is(name, key_len, "General_Category") && !span_is(name, key_len, "gc")) {
            fail_at(p, start, "unsupported unicode property '%.*s' "
                    "(only General_Category is supported)", (int)n, name);
            return false;
        }
        found = find_category(equals + 1, n - key_len - 1);
    } else {
        found = find_category(name, n);
    }
    if (!found) {
        fail_at(p, start, "unknown or unsupported unicode property '%.*s'", (int)n, name);
        return false;
    }
    *categories = complement ? ALL_CATEGORIES & ~found->categories : found->categories;
    p->pos = close + 1;
    return true;
}

static bool is_class_escape(int c)
{
    return c > 0 && strchr("dDsSwWpP", c) != NULL;
}

/* Adds the class escape at pos (\d \D \s \S \w \W \p{..} \P{..}) to class
 * `index`, which is being built. */
static bool add_class_escape(struct parser *p, uint32_t index)
{
    int letter = peek_at(p, 1);
    bool complement = letter >= 'A' && letter <= 'Z';
    switch (letter) {
    case 'd': case 'D':
        add_ranges(p->re, digit_ranges, sizeof digit_ranges / sizeof digit_ranges[0],
                   complement);
        break;
    case 'w': case 'W':
        add_ranges(p->re, word_ranges, sizeof word_ranges / sizeof word_ranges[0],
                   complement);
        break;
    case 's': case 'S':
        add_ranges(p->re, space_ranges, sizeof space_ranges / sizeof space_ranges[0],
                   complement);
        break;
    default: {
        uint32_t categories;
        if (!parse_property(p, &categories))
            return false;
        p->re->classes[index].categories |= categories;
        return true;
    }
    }
    p->pos += 2;
    return true;
}

/* Reads n hex digits at pos; false (pos unchanged) when they are not there. */
static bool take_hex(struct parser *p, int n, int32_t *value)
{
    int32_t v = 0;
    for (int i = 0; i < n; i++) {
        int d = ascii_hex_value(peek_at(p, (size_t)i));
        if (d < 0)
            return false;
        v = v * 16 + d;
    }
    p->pos += (size_t)n;
    *value = v;
    return true;
}

/* After "\u" (start is the backslash): HHHH, a surrogate pair written as
 * \uHHHH\uHHHH, or {H...}. */
static bool parse_unicode_escape(struct parser *p, size_t start, int32_t *cp)
{
    if (peek(p) == '{') {
        size_t i = p->pos + 1;
        int32_t v = 0;
        while (i < p->len && ascii_hex_value((unsigned char)p->src[i]) >= 0) {
            v = v * 16 + ascii_hex_value((unsigned char)p->src[i]);
            if (v > MAX_CODE_POINT) {
                fail_at(p, start, "unicode escape out of range (above \\u{10FFFF})");
                return false;
            }
            i++;
        }
        if (i == p->pos + 1 || i == p->len || p->src[i] != '}') {
            fail_at(p, start, "invalid unicode escape (expected '\\u{H...}')");
            return false;
        }
        p->pos = i + 1;
        *cp = v;
        return true;
    }
    int32_t v;
    if (!take_hex(p, 4, &v)) {
        fail_at(p, start, "invalid unicode escape (expected '\\uHHHH')");
        return false;
    }
    if (v >= 0xD800 && v <= 0xDBFF && peek(p) == '\\' && peek_at(p, 1) == 'u') {
        size_t lead_end = p->pos;
        int32_t trail;
        p->pos += 2;
        if (take_hex(p, 4, &trail) && trail >= 0xDC00 && trail <= 0xDFFF)
            v = 0x10000 + ((v - 0xD800) << 10) + (trail - 0xDC00);
        else
            p->pos = lead_end;
    }
    *cp = v;
    return true;
}

/* A CharacterEscape at pos (the backslash): one code point. Inside a class
 * \b is the backspace. */
static bool parse_character_escape(struct parser *p, bool in_class, int32_t *cp)
{
    size_t start = p->pos;
    int c = peek_at(p, 1);
    if (c < 0) {
        fail_at(p, start, "'\\' at end of pattern");
        return false;
    }
    p->pos += 2;
    switch (c) {
    case 't': *cp = '\t'; return true;
    case 'n': *cp = '\n'; return true;
    case 'v': *cp = '\v'; return true;
    case 'f': *cp = '\f'; return true;
    case 'r': *cp = '\r'; return true;
    case '-': *cp = '-'; return true;
    case '0':
        if (is_digit(peek(p))) {
            fail_at(p, start, "invalid escape '\\0' followed by a digit");
            return false;
        }
        *cp = 0;
        return true;
    case 'c': {
        int letter = peek(p);
        if (!((letter >= 'a' && letter <= 'z') || (letter >= 'A' && letter <= 'Z'))) {
            fail_at(p, start, "invalid control escape (expected '\\c' and an ascii letter)");
            return false;
        }
        p->pos++;
        *cp = letter % 32;
        return true;
    }
    case 'x':
        if (!take_hex(p, 2, cp)) {
            fail_at(p, start, "invalid hex escape (expected '\\xHH')");
            return false;
        }
        return true;
    case 'u':
        return parse_unicode_escape(p, start, cp);
    case 'b':
        if (in_class) {
            *cp = '\b';
            return true;
        }
        break;
    default:
        if (is_syntax_character(c)) {
            *cp = c;
            return true;
        }
        break;
    }
    p->pos = start + 1;
    int32_t escaped;
    size_t k = utf8_decode(p->src + p->pos, p->len - p->pos, &escaped);
    if (!k) {
        fail_at(p, p->pos, "invalid utf-8 in pattern");
        return false;
    }
    fail_at(p, start, "unknown escape '\\%.*s'%s", (int)k, p->src + p->pos,
            in_class ? " in character class" : "");
    return false;
}

/* One ClassAtom at pos: either a code point, or (*is_set) a class escape
 * already added to class `index`. */
static bool parse_class_atom(struct parser *p, uint32_t index, int32_t *cp,
                             bool *is_set)
{
    *is_set = false;
    if (peek(p) != '\\')
        return take_literal(p, cp);
    if (is_class_escape(peek_at(p, 1))) {
        *is_set = true;
        return add_class_escape(p, index);
    }
    return parse_character_escape(p, true, cp);
}

static struct node *parse_class(struct parser *p)
{
    size_t open = p->pos;
    p->pos++;
    uint32_t index = class_begin(p->re);
    if (peek(p) == '^') {
        p->re->classes[index].negated = true;
        p->pos++;
    }
    for (;;) {
        if (p->pos >= p->len) {
            fail_at(p, open, "unterminated character class");
            return NULL;
        }
        if (peek(p) == ']') {
            p->pos++;
            break;
        }
        size_t atom_start = p->pos;
        int32_t lo, hi;
        bool lo_is_set, hi_is_set;
        if (!parse_class_atom(p, index, &lo, &lo_is_set))
            return NULL;
        if (peek(p) != '-' || peek_at(p, 1) == ']' || peek_at(p, 1) < 0) {
            if (!lo_is_set)
                add_range(p->re, lo, lo);
            continue;
        }
        p->pos++;
        if (!parse_class_atom(p, index, &hi, &hi_is_set))
            return NULL;
        if (lo_is_set || hi_is_set) {
            fail_at(p, atom_start, "invalid range in character class "
                    "(a class escape cannot be an end point)");
            return NULL;
        }
        if (lo > hi) {
            fail_at(p, atom_start, "range out of order in character class");
            return NULL;
        }
        add_range(p->re, lo, hi);
    }
    class_finish(p->re, index);
    return new_leaf(p, OP_CLASS, index);
}

static struct node *parse_disjunction(struct parser *p);

static struct node *parse_group(struct parser *p, bool *quantifiable)
{
    size_t open = p->pos;
    if (p->depth == REGEX_MAX_NESTING) {
        fail_at(p, open, "groups nested deeper than %d", REGEX_MAX_NESTING);
        return NULL;
    }
    bool lookahead = false, negated = false;
    p->pos++;
    if (peek(p) == '?') {
        int kind = peek_at(p, 1);
        if (kind == ':') {
            p->pos += 2;
        } else if (kind == '=' || kind == '!') {
            lookahead = true;
            negated = kind == '!';
            p->pos += 2;
        } else if (kind == '<' && peek_at(p, 2) == '=') {
            fail_at(p, open, "unsupported construct '(?<=' (lookbehind)");
            return NULL;
        } else if (kind == '<' && peek_at(p, 2) == '!') {
            fail_at(p, open, "unsupported construct '(?<!' (negative lookbehind)");
            return NULL;
        } else if (kind == '<') {
            fail_at(p, open, "unsupported construct '(?<' (named group)");
            return NULL;
        } else {
            fail_at(p, open, "invalid group (expected '(?:', '(?=' or '(?!')");
            return NULL;
        }
    }
    p->depth++;
    struct node *body = parse_disjunction(p);
    p->depth--;
    if (!body)
        return NULL;
    if (peek(p) != ')') {
        fail_at(p, open, "unbalanced parenthesis");
        return NULL;
    }
    p->pos++;
    if (!lookahead)
        return body;
    *quantifiable = false;
    struct node *look = new_node(p, NODE_LOOKAHEAD);
    look->child = body;
    look->flag = negated;
    return look;
}

static struct node *parse_atom_escape(struct parser *p, bool *quantifiable)
{
    size_t start = p->pos;
    int c = peek_at(p, 1);
    if (c == 'b' || c == 'B') {
        p->pos += 2;
        *quantifiable = false;
        return new_leaf(p, c == 'b' ? OP_WORD_BOUNDARY : OP_NOT_WORD_BOUNDARY, 0);
    }
    if (c >= '1' && c <= '9') {
        fail_at(p, start, "unsupported construct '\\%c' (backreference)", c);
        return NULL;
    }
    if (c == 'k') {
        fail_at(p, start, "unsupported construct '\\k' (named backreference)");
        return NULL;
    }
    if (is_class_escape(c)) {
        uint32_t index = class_begin(p->re);
        if (!add_class_escape(p, index))
            return NULL;
        class_finish(p->re, index);
        return new_leaf(p, OP_CLASS, index);
    }
    int32_t cp;
    if (!parse_character_escape(p, false, &cp))
        return NULL;
    return new_leaf(p, OP_CHAR, (uint32_t)cp);
}

/* Reads decimal digits at *i, saturating below REPEAT_INFINITE. */
static bool read_count(const struct parser *p, size_t *i, uint32_t *value)
{
    if (*i >= p->len || !is_digit((unsigned char)p->src[*i]))
        return false;
    uint32_t v = 0;
    while (*i < p->len && is_digit((unsigned char)p->src[*i])) {
        uint32_t d = (uint32_t)(p->src[*i] - '0');
        v = v > (REPEAT_INFINITE - 1 - d) / 10 ? REPEAT_INFINITE - 1 : v * 10 + d;
        (*i)++;
    }
    *value = v;
    return true;
}

/* True when a brace quantifier {n}, {n,} or {n,m} starts at pos. */
static bool scan_braces(const struct parser *p, uint32_t *min, uint32_t *max,
                        size_t *end)
{
    size_t i = p->pos + 1;
    if (!read_count(p, &i, min))
        return false;
    *max = *min;
    if (i < p->len && p->src[i] == ',') {
        i++;
        if (!read_count(p, &i, max))
            *max = REPEAT_INFINITE;
    }
    if (i >= p->len || p->src[i] != '}')
        return false;
    *end = i + 1;
    return true;
}

static bool at_quantifier(const struct parser *p)
{
    int c = peek(p);
    uint32_t min, max;
    size_t end;
    return c == '*' || c == '+' || c == '?' || (c == '{' && scan_braces(p, &min, &max, &end));
}

static struct node *parse_quantifier(struct parser *p, struct node *atom)
{
    size_t start = p->pos;
    uint32_t min = 0, max = REPEAT_INFINITE;
    switch (peek(p)) {
    case '*':
        p->pos++;
        break;
    case '+':
        min = 1;
        p->pos++;
        break;
    case '?':
        max = 1;
        p->pos++;
        break;
    default: {
        size_t end;
        scan_braces(p, &min, &max, &end);
        if (max < min) {
            fail_at(p, start, "numbers out of order in quantifier");
            return NULL;
        }
        p->pos = end;
        break;
    }
    }
    struct node *repeat = new_node(p, NODE_REPEAT);
    repeat->child = atom;
    repeat->min = min;
    repeat->max = max;
    repeat->flag = true;
    if (peek(p) == '?') {
        repeat->flag = false;
        p->pos++;
    }
    return repeat;
}

static struct node *parse_atom(struct parser *p, bool *quantifiable)
{
    size_t start = p->pos;
    switch (peek(p)) {
    case '^':
        p->pos++;
        *quantifiable = false;
        return new_leaf(p, OP_TEXT_START, 0);
    case '$':
        p->pos++;
        *quantifiable = false;
        return new_leaf(p, OP_TEXT_END, 0);
    case '.':
        p->pos++;
        return new_leaf(p, OP_ANY, 0);
    case '(':
        return parse_group(p, quantifiable);
    case '[':
        return parse_class(p);
    case '\\':
        return parse_atom_escape(p, quantifiable);
    case '*': case '+': case '?':
        fail_at(p, start, "nothing to repeat");
        return NULL;
    case '{':
        if (at_quantifier(p))
            fail_at(p, start, "nothing to repeat");
        else
            fail_at(p, start, "lone '{' (write '\\{' for a literal brace)");
        return NULL;
    case '}':
        fail_at(p, start, "lone '}' (write '\\}' for a literal brace)");
        return NULL;
    case ']':
        fail_at(p, start, "lone ']' (write '\\]' for a literal bracket)");
        return NULL;
    default: {
        int32_t cp;
        if (!take_literal(p, &cp))
            return NULL;
        return new_leaf(p, OP_CHAR, (uint32_t)cp);
    }
    }
}

static struct node *parse_term(struct parser *p)
{
    bool quantifiable = true;
    struct node *atom = parse_atom(p, &quantifiable);
    if (!atom || !at_quantifier(p))
        return atom;
    if (!quantifiable) {
        fail_at(p, p->pos, "nothing to repeat");
        return NULL;
    }
    return parse_quantifier(p, atom);
}

static struct node *parse_alternative(struct parser *p)
{
    struct node *first = NULL, *last = NULL;
    while (p->pos < p->len && peek(p) != '|' && peek(p) != ')') {
        struct node *term = parse_term(p);
        if (!term)
            return NULL;
        if (last)
            last->next = term;
        else
            first = term;
        last = term;
    }
    if (!first)
        return new_node(p, NODE_EMPTY);
    if (first == last)
        return first;
    struct node *concat = new_node(p, NODE_CONCAT);
    concat->child = first;
    return concat;
}

static struct node *parse_disjunction(struct parser *p)
{
    struct node *first = parse_alternative(p);
    if (!first || peek(p) != '|')
        return first;
    struct node *alt = new_node(p, NODE_ALT);
    alt->child = first;
    for (struct node *last = first; peek(p) == '|'; ) {
        p->pos++;
        struct node *next = parse_alternative(p);
        if (!next)
            return NULL;
        last->next = next;
        last = next;
    }
    return alt;
}

/* ---- compiling the tree into a program ---------------------------------- */

/* Appends an instruction; the caller fills in its other fields by index,
 * since appending may move the program. */
static uint32_t emit(regex *re, enum opcode op, uint32_t arg)
{
    if (re->nprog == re->prog_cap) {
        re->prog_cap = re->prog_cap ? 2 * re->prog_cap : 32;
        re->prog = xrealloc(re->prog, re->prog_cap * sizeof *re->prog);
    }
    re->prog[re->nprog] = (struct inst){.op = (uint8_t)op, .arg = arg};
    return (uint32_t)re->nprog++;
}

static uint32_t here(const regex *re)
{
    return (uint32_t)re->nprog;
}

static void compile_node(regex *re, const struct node *n);

/* a|b|c:  SPLIT L1,N1  L1: a  JUMP end  N1: SPLIT L2,N2  L2: b  JUMP end
 *         N2: c  end: */
static void compile_alternation(regex *re, const struct node *n)
{
    size_t count = 0, njumps = 0;
    for (const struct node *c = n->child; c; c = c->next)
        count++;
    uint32_t *jumps = xmalloc(count * sizeof *jumps);
    for (const struct node *c = n->child; c; c = c->next) {
        if (!c->next) {
            compile_node(re, c);
            break;
        }
        uint32_t split = emit(re, OP_SPLIT, here(re) + 1);
        compile_node(re, c);
        jumps[njumps++] = emit(re, OP_JUMP, 0);
        re->prog[split].target = here(re);
    }
    for (size_t i = 0; i < njumps; i++)
        re->prog[jumps[i]].arg = here(re);
    free(jumps);
}

static void compile_repeat(regex *re, const struct node *n)
{
    const struct node *body = n->child;
    if (n->max == 0)
        return;
    if (body->kind == NODE_LEAF &&
        (body->op == OP_CHAR || body->op == OP_ANY || body->op == OP_CLASS)) {
        uint32_t i = emit(re, OP_ATOM_REPEAT, body->value);
        re->prog[i].atom_op = (uint8_t)body->op;
        re->prog[i].min = n->min;
        re->prog[i].max = n->max;
        re->prog[i].flag = n->flag;
        return;
    }
    if (n->min == 1 && n->max == 1) {
        compile_node(re, body);
        return;
    }
    if (n->min == 0 && n->max == 1) {
        /* Without captures an optional body that matches empty is the same
         * as skipping it, so ECMA's empty check has nothing to add here. */
        uint32_t split = emit(re, OP_SPLIT, 0);
        compile_node(re, body);
        re->prog[split].arg = n->flag ? split + 1 : here(re);
        re->prog[split].target = n->flag ? here(re) : split + 1;
        return;
    }
    uint32_t loop = re->nloops++;
    emit(re, OP_LOOP_INIT, loop);
    uint32_t check = emit(re, OP_LOOP_CHECK, loop);
    re->prog[check].min = n->min;
    re->prog[check].max = n->max;
    re->prog[check].flag = n->flag;
    emit(re, OP_LOOP_ENTER, loop);
    compile_node(re, body);
    uint32_t end = emit(re, OP_LOOP_END, loop);
    re->prog[end].min = n->min;
    re->prog[end].target = check;
    re->prog[check].target = here(re);
}

static void compile_node(regex *re, const struct node *n)
{
    switch (n->kind) {
    case NODE_EMPTY:
        break;
    case NODE_LEAF:
        emit(re, n->op, n->value);
        break;
    case NODE_CONCAT:
        for (const struct node *c = n->child; c; c = c->next)
            compile_node(re, c);
        break;
    case NODE_ALT:
        compile_alternation(re, n);
        break;
    case NODE_REPEAT:
        compile_repeat(re, n);
        break;
    case NODE_LOOKAHEAD: {
        uint32_t begin = emit(re, OP_LOOK_BEGIN, 0);
        re->prog[begin].flag = n->flag;
        compile_node(re, n->child);
        emit(re, OP_LOOK_END, 0);
        re->prog[begin].target = here(re);
        break;
    }
    }
}

regex *regex_compile(const char *pattern, size_t len, char **err,
                     size_t *err_offset)
{
    if (err)
        *err = NULL;
    if (err_offset)
        *err_offset = 0;
    regex *re = xcalloc(1, sizeof *re);
    struct parser p = {
        .src = pattern ? pattern : "",
        .len = pattern ? len : 0,
        .re = re,
        .nodes = arena_new(),
    };
    struct node *root = NULL;
    if (p.len > REGEX_MAX_PATTERN) {
        fail_at(&p, REGEX_MAX_PATTERN, "pattern longer than %u bytes", REGEX_MAX_PATTERN);
    } else {
        root = parse_disjunction(&p);
        if (root && p.pos < p.len)
            fail_at(&p, p.pos, "unbalanced parenthesis");
    }
    if (p.error) {
        arena_free(p.nodes);
        regex_free(re);
        if (err_offset)
            *err_offset = p.error_offset;
        if (err)
            *err = p.error;
        else
            free(p.error);
        return NULL;
    }
    compile_node(re, root);
    emit(re, OP_MATCH, 0);
    re->anchored = re->prog[0].op == OP_TEXT_START;
    arena_free(p.nodes);
    return re;
}

/* ---- matching ------------------------------------------------------------ */

enum entry_kind {
    ENTRY_BRANCH,      /* resume at pc, pos */
    ENTRY_RESTORE,     /* registers[pc] = pos, then keep popping */
    ENTRY_LOOKAHEAD,   /* a lookahead's marker: body failed; resume after it if negated */
    ENTRY_GIVE_BACK,   /* greedy atom repetition: give back one code point, resume at pc */
    ENTRY_TAKE_MORE,   /* lazy atom repetition at pc: take one more code point */
};

struct entry {
    uint32_t kind;
    uint32_t pc;       /* RESTORE: the register */
    size_t pos;        /* RESTORE: the value to put back */
    size_t count;      /* GIVE_BACK, TAKE_MORE: code points still allowed;
                        * LOOKAHEAD: 1 when negated */
};

struct machine {
    const regex *re;
    const char *s;
    size_t len;
    size_t *registers;   /* loop l: count at 2l, iteration start at 2l + 1 */
    struct entry *stack;
    size_t depth, cap;
    size_t steps, budget;
};

enum step {
    STEP_NEXT,
    STEP_FAIL,
    STEP_MATCH,
    STEP_OVER_BUDGET,
};

static bool spend(struct machine *m)
{
    return ++m->steps <= m->budget;
}

static bool push(struct machine *m, enum entry_kind kind, size_t pc, size_t pos,
                 size_t count)
{
    if (m->depth == m->cap) {
        if (m->cap == REGEX_STACK_LIMIT)
            return false;
        m->cap = m->cap ? 2 * m->cap : 64;
        m->stack = xrealloc(m->stack, m->cap * sizeof *m->stack);
    }
    m->stack[m->depth++] = (struct entry){(uint32_t)kind, (uint32_t)pc, pos, count};
    return true;
}

static bool save_register(struct machine *m, size_t reg)
{
    return push(m, ENTRY_RESTORE, reg, m->registers[reg], 0);
}

static bool is_line_terminator(int32_t cp)
{
    return cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029;
}

static bool class_contains(const regex *re, const struct char_class *cls, int32_t cp)
{
    bool found = false;
    size_t lo = cls->first, hi = cls->first + cls->count;
    while (lo < hi && !found) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < re->ranges[mid].lo)
            hi = mid;
        else if (cp > re->ranges[mid].hi)
            lo = mid + 1;
        else
            found = true;
    }
    if (!found && cls->categories)
        found = (cls->categories >> utf8proc_category(cp)) & 1u;
    return found != cls->negated;
}

/* Matches one atom at pos; stores the position after it. */
static bool match_atom(const struct machine *m, uint8_t op, uint32_t arg,
                       size_t pos, size_t *after)
{
    int32_t cp = -1;
    size_t k = pos < m->len ? utf8_decode(m->s + pos, m->len - pos, &cp) : 0;
    if (!k)
        return false;
    bool ok;
    if (op == OP_CHAR)
        ok = cp == (int32_t)arg;
    else if (op == OP_ANY)
        ok = !is_line_terminator(cp);
    else
        ok = class_contains(m->re, &m->re->classes[arg], cp);
    if (ok)
        *after = pos + k;
    return ok;
}

/* Word characters are ASCII, so one byte tells (invalid bytes and the
 * bytes of longer sequences are all >= 0x80). */
static bool is_word_byte(const struct machine *m, size_t pos)
{
    if (pos >= m->len)
        return false;
    unsigned char c = (unsigned char)m->s[pos];
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
           (c >= 'a' && c <= 'z') || c == '_';
}

static bool at_word_boundary(const struct machine *m, size_t pos)
{
    bool before = pos > 0 && is_word_byte(m, pos - 1);
    return before != is_word_byte(m, pos);
}

/* The start of the code point that ends at pos; only used inside a run that
 * an atom matched, which is valid UTF-8. */
static size_t previous_boundary(const struct machine *m, size_t pos)
{
    pos--;
    while (((unsigned char)m->s[pos] & 0xC0) == 0x80)
        pos--;
    return pos;
}

static enum step repeat_atom(struct machine *m, const struct inst *in, size_t *pc,
                             size_t *pos)
{
    size_t count = 0, at = *pos, after;
    for (; count < in->min; count++) {
        if (!spend(m))
            return STEP_OVER_BUDGET;
        if (!match_atom(m, in->atom_op, in->arg, at, &after))
            return STEP_FAIL;
        at = after;
    }
    bool bounded = in->max != REPEAT_INFINITE;
    if (in->flag) {
        size_t extra = 0;
        while ((!bounded || count < in->max) &&
               match_atom(m, in->atom_op, in->arg, at, &after)) {
            if (!spend(m))
                return STEP_OVER_BUDGET;
            at = after;
            count++;
            extra++;
        }
        if (extra && !push(m, ENTRY_GIVE_BACK, *pc + 1, at, extra))
            return STEP_OVER_BUDGET;
    } else if (!bounded || count < in->max) {
        if (!push(m, ENTRY_TAKE_MORE, *pc, at, bounded ? in->max - count : SIZE_MAX))
            return STEP_OVER_BUDGET;
    }
    *pos = at;
    *pc += 1;
    return STEP_NEXT;
}

/* Removes the innermost lookahead's marker and everything above it. */
static struct entry cut_to_lookahead(struct machine *m)
{
    while (m->stack[m->depth - 1].kind != ENTRY_LOOKAHEAD)
        m->depth--;
    return m->stack[--m->depth];
}

static enum step execute(struct machine *m, size_t *pc, size_t *pos)
{
    const struct inst *in = &m->re->prog[*pc];
    size_t count_reg = 2 * (size_t)in->arg, start_reg = count_reg + 1;  /* loops only */
    if (!spend(m))
        return STEP_OVER_BUDGET;
    switch ((enum opcode)in->op) {
    case OP_CHAR:
    case OP_ANY:
    case OP_CLASS:
        if (!match_atom(m, in->op, in->arg, *pos, pos))
            return STEP_FAIL;
        break;
    case OP_TEXT_START:
        if (*pos != 0)
            return STEP_FAIL;
        break;
    case OP_TEXT_END:
        if (*pos != m->len)
            return STEP_FAIL;
        break;
    case OP_WORD_BOUNDARY:
        if (!at_word_boundary(m, *pos))
            return STEP_FAIL;
        break;
    case OP_NOT_WORD_BOUNDARY:
        if (at_word_boundary(m, *pos))
            return STEP_FAIL;
        break;
    case OP_JUMP:
        *pc = in->arg;
        return STEP_NEXT;
    case OP_SPLIT:
        if (!push(m, ENTRY_BRANCH, in->target, *pos, 0))
            return STEP_OVER_BUDGET;
        *pc = in->arg;
        return STEP_NEXT;
    case OP_ATOM_REPEAT:
        return repeat_atom(m, in, pc, pos);
    case OP_LOOP_INIT:
        if (!save_register(m, count_reg))
            return STEP_OVER_BUDGET;
        m->registers[count_reg] = 0;
        break;
    case OP_LOOP_CHECK: {
        size_t done = m->registers[count_reg];
        if (done < in->min)
            break;
        if (in->max != REPEAT_INFINITE && done >= in->max) {
            *pc = in->target;
            return STEP_NEXT;
        }
        if (in->flag) {
            if (!push(m, ENTRY_BRANCH, in->target, *pos, 0))
                return STEP_OVER_BUDGET;
            break;
        }
        if (!push(m, ENTRY_BRANCH, *pc + 1, *pos, 0))
            return STEP_OVER_BUDGET;
        *pc = in->target;
        return STEP_NEXT;
    }
    case OP_LOOP_ENTER:
        if (!save_register(m, start_reg))
            return STEP_OVER_BUDGET;
        m->registers[start_reg] = *pos;
        break;
    case OP_LOOP_END:
        /* ECMA-262: once the minimum is met, an iteration that matched
         * the empty string fails; this is also what ends (a*)* */
        if (m->registers[count_reg] >= in->min && *pos == m->registers[start_reg])
            return STEP_FAIL;
        if (!save_register(m, count_reg))
            return STEP_OVER_BUDGET;
        m->registers[count_reg]++;
        *pc = in->target;
        return STEP_NEXT;
    case OP_LOOK_BEGIN:
        if (!push(m, ENTRY_LOOKAHEAD, in->target, *pos, in->flag))
            return STEP_OVER_BUDGET;
        break;
    case OP_LOOK_END: {
        struct entry marker = cut_to_lookahead(m);
        if (marker.count)
            return STEP_FAIL;
        *pc = marker.pc;
        *pos = marker.pos;
        return STEP_NEXT;
    }
    case OP_MATCH:
        return STEP_MATCH;
    }
    *pc += 1;
    return STEP_NEXT;
}

/* Pops until a choice is found and resumes there (STEP_NEXT), or reports
 * that none is left (STEP_FAIL). */
static enum step backtrack(struct machine *m, size_t *pc, size_t *pos)
{
    while (m->depth) {
        if (!spend(m))
            return STEP_OVER_BUDGET;
        struct entry e = m->stack[--m->depth];
        switch ((enum entry_kind)e.kind) {
        case ENTRY_BRANCH:
            *pc = e.pc;
            *pos = e.pos;
            return STEP_NEXT;
        case ENTRY_RESTORE:
            m->registers[e.pc] = e.pos;
            break;
        case ENTRY_LOOKAHEAD:
            if (e.count) {
                *pc = e.pc;
                *pos = e.pos;
                return STEP_NEXT;
            }
            break;
        case ENTRY_GIVE_BACK:
            *pc = e.pc;
            *pos = previous_boundary(m, e.pos);
            if (e.count > 1 && !push(m, ENTRY_GIVE_BACK, e.pc, *pos, e.count - 1))
                return STEP_OVER_BUDGET;
            return STEP_NEXT;
        case ENTRY_TAKE_MORE: {
            const struct inst *in = &m->re->prog[e.pc];
            size_t after;
            if (!match_atom(m, in->atom_op, in->arg, e.pos, &after))
                break;
            if (e.count > 1 && !push(m, ENTRY_TAKE_MORE, e.pc, after, e.count - 1))
                return STEP_OVER_BUDGET;
            *pc = e.pc + 1;
            *pos = after;
            return STEP_NEXT;
        }
        }
    }
    return STEP_FAIL;
}

static regex_result run(struct machine *m, size_t start)
{
    size_t pc = 0, pos = start;
    m->depth = 0;
    for (;;) {
        enum step step = execute(m, &pc, &pos);
        if (step == STEP_FAIL)
            step = backtrack(m, &pc, &pos);
        switch (step) {
        case STEP_NEXT:
            break;
        case STEP_MATCH:
            return REGEX_MATCH;
        case STEP_FAIL:
            return REGEX_NOMATCH;
        case STEP_OVER_BUDGET:
            return REGEX_TOO_COMPLEX;
        }
    }
}

regex_result regex_search(const regex *re, const char *s, size_t len)
{
    if (!s) {
        s = "";
        len = 0;
    }
    size_t per_byte = len < (SIZE_MAX - REGEX_STEP_BUDGET) / REGEX_STEPS_PER_BYTE
                          ? len * REGEX_STEPS_PER_BYTE
                          : SIZE_MAX - REGEX_STEP_BUDGET;
    struct machine m = {
        .re = re,
        .s = s,
        .len = len,
        .budget = REGEX_STEP_BUDGET + per_byte,
    };
    if (re->nloops)
        m.registers = xcalloc(2 * (size_t)re->nloops, sizeof *m.registers);
    regex_result result;
    size_t start = 0;
    for (;;) {
        result = run(&m, start);
        if (result != REGEX_NOMATCH || re->anchored || start >= len)
            break;
        int32_t cp;
        size_t k = utf8_decode(s + start, len - start, &cp);
        start += k ? k : 1;
    }
    free(m.stack);
    free(m.registers);
    return result;
}
