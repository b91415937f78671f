/* regex.c - ECMA-262 regular expressions for JSON Schema (see regex.h),
 * matched by PCRE2.
 *
 * The pattern is read once, checked against ECMA-262's grammar (with the u
 * flag) and rewritten into a PCRE2 pattern that means the same; PCRE2
 * compiles and matches the rewrite. The one idea to know: nothing of the
 * ECMA pattern reaches PCRE2 as written. Every literal becomes \x{...};
 * '.' becomes "anything but \n, \r, U+2028, U+2029"; '$' is compiled with
 * PCRE2_DOLLAR_ENDONLY (the very end, never before a final newline; \z
 * would also hold before an invalid sequence); \s and \S become ECMA's white
 * space and line terminators, listed; \d and \w stay PCRE2's, which are
 * ASCII without PCRE2_UCP, as ECMA's are; \p{...} is a General_Category
 * under its PCRE2 name; every group becomes (?:...) as nothing is
 * captured. So PCRE2's own dialect (\A, \Z, possessive quantifiers, (?i),
 * POSIX classes, \Q...\E, ...) cannot be reached, and what ECMA-262 lacks,
 * or this module does not support (lookbehind, named groups,
 * backreferences, counts above 65535), is refused here with a message and
 * a byte offset in the pattern as written.
 *
 * Subjects need not be valid UTF-8: patterns are compiled with
 * PCRE2_MATCH_INVALID_UTF, so an invalid sequence is a position that no
 * item matches (not '.', not [^a]) and a match never spans one. Matching
 * is bounded by PCRE2's match limit (backtracking steps, more for longer
 * subjects), depth limit (nested backtracking points) and heap limit;
 * reaching any of them is REGEX_TOO_COMPLEX, never a quiet "no match". */
#include "regex.h"

#include "ascii.h"
#include "i18n.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#define REGEX_MAX_NESTING 256        /* deepest group nesting accepted */
#define REGEX_MAX_PATTERN (1u << 24) /* longest pattern accepted, bytes */
#define REGEX_MAX_COUNT 65535u       /* largest count PCRE2 takes in {n,m} */
#define REGEX_MATCH_LIMIT 10000000u  /* backtracking steps per search ... */
#define REGEX_MATCH_PER_BYTE 8u      /* ... plus this many per subject byte */
#define REGEX_DEPTH_LIMIT 500000u    /* backtracking points alive at once */
#define REGEX_HEAP_LIMIT 65536u      /* KiB for them, should frames grow */
#define MAX_CODE_POINT 0x10FFFF

/* Classes that match nothing and everything (with PCRE2_MATCH_INVALID_UTF
 * an invalid byte is in neither). */
#define CLASS_NOTHING "[^\\x{0}-\\x{10ffff}]"
#define CLASS_ANYTHING "[\\x{0}-\\x{10ffff}]"

struct cp_range {
    int32_t lo, hi;
};

/* ECMA-262 WhiteSpace and LineTerminator, sorted */
static const struct cp_range space_ranges[] = {
    {0x09, 0x0D},     {0x20, 0x20},     {0xA0, 0xA0},     {0x1680, 0x1680},
    {0x2000, 0x200A}, {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F},
    {0x3000, 0x3000}, {0xFEFF, 0xFEFF},
};

/* General_Category values and their aliases as ECMA-262 accepts them, with
 * the name PCRE2 knows each by. */
static const struct category_name {
    const char *ecma, *pcre2;
} category_names[] = {
    {"C", "C"},
    {"Other", "C"},
    {"Cc", "Cc"},
    {"Control", "Cc"},
    {"cntrl", "Cc"},
    {"Cf", "Cf"},
    {"Format", "Cf"},
    {"Cn", "Cn"},
    {"Unassigned", "Cn"},
    {"Co", "Co"},
    {"Private_Use", "Co"},
    {"Cs", "Cs"},
    {"Surrogate", "Cs"},
    {"L", "L"},
    {"Letter", "L"},
    {"LC", "L&"},
    {"Cased_Letter", "L&"},
    {"Ll", "Ll"},
    {"Lowercase_Letter", "Ll"},
    {"Lm", "Lm"},
    {"Modifier_Letter", "Lm"},
    {"Lo", "Lo"},
    {"Other_Letter", "Lo"},
    {"Lt", "Lt"},
    {"Titlecase_Letter", "Lt"},
    {"Lu", "Lu"},
    {"Uppercase_Letter", "Lu"},
    {"M", "M"},
    {"Mark", "M"},
    {"Combining_Mark", "M"},
    {"Mc", "Mc"},
    {"Spacing_Mark", "Mc"},
    {"Me", "Me"},
    {"Enclosing_Mark", "Me"},
    {"Mn", "Mn"},
    {"Nonspacing_Mark", "Mn"},
    {"N", "N"},
    {"Number", "N"},
    {"Nd", "Nd"},
    {"Decimal_Number", "Nd"},
    {"digit", "Nd"},
    {"Nl", "Nl"},
    {"Letter_Number", "Nl"},
    {"No", "No"},
    {"Other_Number", "No"},
    {"P", "P"},
    {"Punctuation", "P"},
    {"punct", "P"},
    {"Pc", "Pc"},
    {"Connector_Punctuation", "Pc"},
    {"Pd", "Pd"},
    {"Dash_Punctuation", "Pd"},
    {"Pe", "Pe"},
    {"Close_Punctuation", "Pe"},
    {"Pf", "Pf"},
    {"Final_Punctuation", "Pf"},
    {"Pi", "Pi"},
    {"Initial_Punctuation", "Pi"},
    {"Po", "Po"},
    {"Other_Punctuation", "Po"},
    {"Ps", "Ps"},
    {"Open_Punctuation", "Ps"},
    {"S", "S"},
    {"Symbol", "S"},
    {"Sc", "Sc"},
    {"Currency_Symbol", "Sc"},
    {"Sk", "Sk"},
    {"Modifier_Symbol", "Sk"},
    {"Sm", "Sm"},
    {"Math_Symbol", "Sm"},
    {"So", "So"},
    {"Other_Symbol", "So"},
    {"Z", "Z"},
    {"Separator", "Z"},
    {"Zl", "Zl"},
    {"Line_Separator", "Zl"},
    {"Zp", "Zp"},
    {"Paragraph_Separator", "Zp"},
    {"Zs", "Zs"},
    {"Space_Separator", "Zs"},
};

struct regex {
    pcre2_general_context *gc;
    pcre2_code *code;
    /* made once and used by every search (the engine is single-threaded):
     * match data keeps PCRE2's backtracking frames from one search to the
     * next instead of allocating them again */
    pcre2_match_context *mc;
    pcre2_match_data *md;
};

/* ---- writing PCRE2 ------------------------------------------------------ */

/* One code point as a PCRE2 literal, in a class or out of one. */
static void put_code_point(strbuf *out, int32_t cp)
{
    if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
        (cp >= 'a' && cp <= 'z'))
        strbuf_putc(out, (char)cp);
    else
        strbuf_printf(out, "\\x{%x}", (unsigned)cp);
}

/* Class items for lo..hi without the surrogates, which UTF-8 cannot hold
 * and PCRE2 refuses; false when nothing is left. */
static bool put_range(strbuf *out, int32_t lo, int32_t hi)
{
    bool any = false;
    if (lo < 0xD800) {
        int32_t end = hi < 0xD7FF ? hi : 0xD7FF;
        put_code_point(out, lo);
        if (end > lo) {
            strbuf_putc(out, '-');
            put_code_point(out, end);
        }
        any = true;
    }
    if (hi > 0xDFFF) {
        int32_t start = lo > 0xE000 ? lo : 0xE000;
        put_code_point(out, start);
        if (hi > start) {
            strbuf_putc(out, '-');
            put_code_point(out, hi);
        }
        any = true;
    }
    return any;
}

/* Class items for ECMA's white space, or for its complement. */
static void put_spaces(strbuf *out, bool complement)
{
    size_t n = sizeof space_ranges / sizeof space_ranges[0];
    int32_t next = 0;
    for (size_t i = 0; i < n; i++) {
        if (!complement)
            put_range(out, space_ranges[i].lo, space_ranges[i].hi);
        else if (space_ranges[i].lo > next)
            put_range(out, next, space_ranges[i].lo - 1);
        next = space_ranges[i].hi + 1;
    }
    if (complement)
        put_range(out, next, MAX_CODE_POINT);
}

/* ---- reading ECMA-262 ---------------------------------------------------- */

struct xlat {
    const char *src;
    size_t len, pos;
    unsigned depth; /* groups open around pos */
    strbuf out;     /* the PCRE2 pattern */
    char *error;    /* the first error, malloc'ed */
    size_t error_offset;
};

static void regex_fail_at(struct xlat *x, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void regex_fail_at(struct xlat *x, size_t offset, const char *fmt, ...)
{
    if (x->error)
        return;
    strbuf sb = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&sb, _(fmt), ap);
    va_end(ap);
    x->error = sb.buf ? sb.buf : xstrdup("");
    x->error_offset = offset;
}

/* The byte at pos + ahead, or -1 past the end. */
static int peek_at(const struct xlat *x, size_t ahead)
{
    return x->pos + ahead < x->len ? (unsigned char)x->src[x->pos + ahead] : -1;
}

static int peek(const struct xlat *x)
{
    return peek_at(x, 0);
}

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static bool is_syntax_character(int c)
{
    return c > 0 && strchr("^$\\.*+?()[]{}|/", c) != NULL;
}

static bool is_class_escape(int c)
{
    return c > 0 && strchr("dDsSwWpP", c) != NULL;
}

/* Decodes the literal code point at pos and steps over it. */
static bool take_literal(struct xlat *x, int32_t *cp)
{
    size_t k = utf8_decode(x->src + x->pos, x->len - x->pos, cp);
    if (!k) {
        regex_fail_at(x, x->pos, "invalid utf-8 in pattern");
        return false;
    }
    x->pos += k;
    return true;
}

static bool span_is(const char *s, size_t n, const char *word)
{
    return strlen(word) == n && memcmp(s, word, n) == 0;
}

static const char *pcre2_category(const char *name, size_t n)
{
    for (size_t i = 0; i < sizeof category_names / sizeof category_names[0];
         i++)
        if (span_is(name, n, category_names[i].ecma))
            return category_names[i].pcre2;
    return NULL;
}

/* \p{...} or \P{...} at pos, written to out as a PCRE2 class item. */
static bool take_property(struct xlat *x, strbuf *out)
{
    size_t start = x->pos;
    char letter = x->src[x->pos + 1];
    x->pos += 2;
    if (peek(x) != '{') {
        regex_fail_at(x, start,
                      "invalid property escape (expected '\\%c{...}')", letter);
        return false;
    }
    size_t name_start = x->pos + 1, close = name_start;
    for (; close < x->len && x->src[close] != '}'; close++) {
        char c = x->src[close];
        if (!is_digit(c) && !(c >= 'a' && c <= 'z') &&
            !(c >= 'A' && c <= 'Z') && c != '_' && c != '=') {
            regex_fail_at(x, close,
                          "invalid character in unicode property name");
            return false;
        }
    }
    if (close == x->len) {
        regex_fail_at(x, start, "unterminated property escape");
        return false;
    }
    const char *name = x->src + name_start;
    size_t n = close - name_start;
    const char *equals = memchr(name, '=', n);
    const char *found;
    if (equals) {
        size_t key_len = (size_t)(equals - name);
        if (!span_is(name, key_len, "General_Category") &&
            !span_is(name, key_len, "gc")) {
            regex_fail_at(x, start,
                          "unsupported unicode property '%.*s' "
                          "(only General_Category is supported)",
                          (int)n, name);
            return false;
        }
        found = pcre2_category(equals + 1, n - key_len - 1);
    } else {
        found = pcre2_category(name, n);
    }
    if (!found) {
        regex_fail_at(x, start,
                      "unknown or unsupported unicode property '%.*s'", (int)n,
                      name);
        return false;
    }
    strbuf_printf(out, "\\%c{%s}", letter, found);
    x->pos = close + 1;
    return true;
}

/* A class escape at pos (\d \D \s \S \w \W \p{..} \P{..}) as items of a
 * PCRE2 class. */
static bool take_class_escape(struct xlat *x, strbuf *items)
{
    int letter = peek_at(x, 1);
    switch (letter) {
    case 'd':
    case 'D':
    case 'w':
    case 'W':
        strbuf_printf(items, "\\%c", letter);
        break;
    case 's':
    case 'S':
        put_spaces(items, letter == 'S');
        break;
    default:
        return take_property(x, items);
    }
    x->pos += 2;
    return true;
}

/* Reads n hex digits at pos; false (pos unchanged) when they are not
 * there. */
static bool take_hex(struct xlat *x, int n, int32_t *value)
{
    int32_t v = 0;
    for (int i = 0; i < n; i++) {
        int d = ascii_hex_value(peek_at(x, (size_t)i));
        if (d < 0)
            return false;
        v = v * 16 + d;
    }
    x->pos += (size_t)n;
    *value = v;
    return true;
}

/* After "\u" (start is the backslash): HHHH, a surrogate pair written as
 * \uHHHH\uHHHH, or {H...}. */
static bool take_unicode_escape(struct xlat *x, size_t start, int32_t *cp)
{
    if (peek(x) == '{') {
        size_t i = x->pos + 1;
        int32_t v = 0;
        while (i < x->len && ascii_hex_value((unsigned char)x->src[i]) >= 0) {
            v = v * 16 + ascii_hex_value((unsigned char)x->src[i]);
            if (v > MAX_CODE_POINT) {
                regex_fail_at(x, start,
                              "unicode escape out of range "
                              "(above \\u{10FFFF})");
                return false;
            }
            i++;
        }
        if (i == x->pos + 1 || i == x->len || x->src[i] != '}') {
            regex_fail_at(x, start,
                          "invalid unicode escape (expected '\\u{H...}')");
            return false;
        }
        x->pos = i + 1;
        *cp = v;
        return true;
    }
    int32_t v;
    if (!take_hex(x, 4, &v)) {
        regex_fail_at(x, start, "invalid unicode escape (expected '\\uHHHH')");
        return false;
    }
    if (v >= 0xD800 && v <= 0xDBFF && peek(x) == '\\' && peek_at(x, 1) == 'u') {
        size_t lead_end = x->pos;
        int32_t trail;
        x->pos += 2;
        if (take_hex(x, 4, &trail) && trail >= 0xDC00 && trail <= 0xDFFF)
            v = 0x10000 + ((v - 0xD800) << 10) + (trail - 0xDC00);
        else
            x->pos = lead_end;
    }
    *cp = v;
    return true;
}

/* A CharacterEscape at pos (the backslash): one code point. Inside a class
 * \b is the backspace. */
static bool take_character_escape(struct xlat *x, bool in_class, int32_t *cp)
{
    size_t start = x->pos;
    int c = peek_at(x, 1);
    if (c < 0) {
        regex_fail_at(x, start, "'\\' at end of pattern");
        return false;
    }
    x->pos += 2;
    switch (c) {
    case 't':
        *cp = '\t';
        return true;
    case 'n':
        *cp = '\n';
        return true;
    case 'v':
        *cp = '\v';
        return true;
    case 'f':
        *cp = '\f';
        return true;
    case 'r':
        *cp = '\r';
        return true;
    case '-':
        *cp = '-';
        return true;
    case '0':
        if (is_digit(peek(x))) {
            regex_fail_at(x, start, "invalid escape '\\0' followed by a digit");
            return false;
        }
        *cp = 0;
        return true;
    case 'c': {
        int letter = peek(x);
        if (!((letter >= 'a' && letter <= 'z') ||
              (letter >= 'A' && letter <= 'Z'))) {
            regex_fail_at(x, start,
                          "invalid control escape "
                          "(expected '\\c' and an ascii letter)");
            return false;
        }
        x->pos++;
        *cp = letter % 32;
        return true;
    }
    case 'x':
        if (!take_hex(x, 2, cp)) {
            regex_fail_at(x, start, "invalid hex escape (expected '\\xHH')");
            return false;
        }
        return true;
    case 'u':
        return take_unicode_escape(x, start, cp);
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
    x->pos = start + 1;
    int32_t escaped;
    size_t k = utf8_decode(x->src + x->pos, x->len - x->pos, &escaped);
    if (!k) {
        regex_fail_at(x, x->pos, "invalid utf-8 in pattern");
        return false;
    }
    if (in_class)
        regex_fail_at(x, start, "unknown escape '\\%.*s' in character class",
                      (int)k, x->src + x->pos);
    else
        regex_fail_at(x, start, "unknown escape '\\%.*s'", (int)k,
                      x->src + x->pos);
    return false;
}

/* One ClassAtom at pos: a code point, or (*is_set) a class escape already
 * written to items. */
static bool take_class_atom(struct xlat *x, strbuf *items, int32_t *cp,
                            bool *is_set)
{
    *is_set = false;
    if (peek(x) != '\\')
        return take_literal(x, cp);
    if (is_class_escape(peek_at(x, 1))) {
        *is_set = true;
        return take_class_escape(x, items);
    }
    return take_character_escape(x, true, cp);
}

/* [...] at pos. ECMA's [] matches nothing and [^] anything, where PCRE2
 * would read a ']' as the first member; a class left without members (its
 * members all surrogates) is the same. */
static bool take_class(struct xlat *x)
{
    size_t open = x->pos;
    x->pos++;
    bool negated = peek(x) == '^';
    if (negated)
        x->pos++;
    strbuf items = STRBUF_INIT;
    bool any = false, ok = false;
    for (;;) {
        if (x->pos >= x->len) {
            regex_fail_at(x, open, "unterminated character class");
            break;
        }
        if (peek(x) == ']') {
            x->pos++;
            ok = true;
            break;
        }
        size_t atom_start = x->pos;
        int32_t lo, hi;
        bool lo_is_set, hi_is_set;
        if (!take_class_atom(x, &items, &lo, &lo_is_set))
            break;
        any |= lo_is_set;
        if (peek(x) != '-' || peek_at(x, 1) == ']' || peek_at(x, 1) < 0) {
            if (!lo_is_set)
                any |= put_range(&items, lo, lo);
            continue;
        }
        x->pos++;
        if (!take_class_atom(x, &items, &hi, &hi_is_set))
            break;
        if (lo_is_set || hi_is_set) {
            regex_fail_at(x, atom_start,
                          "invalid range in character class "
                          "(a class escape cannot be an end point)");
            break;
        }
        if (lo > hi) {
            regex_fail_at(x, atom_start,
                          "range out of order in character class");
            break;
        }
        any |= put_range(&items, lo, hi);
    }
    if (ok && any)
        strbuf_printf(&x->out, "[%s%s]", negated ? "^" : "",
                      strbuf_str(&items));
    else if (ok)
        strbuf_puts(&x->out, negated ? CLASS_ANYTHING : CLASS_NOTHING);
    strbuf_release(&items);
    return ok;
}

static bool take_disjunction(struct xlat *x);

static bool take_group(struct xlat *x, bool *quantifiable)
{
    size_t open = x->pos;
    if (x->depth == REGEX_MAX_NESTING) {
        regex_fail_at(x, open, "groups nested deeper than %d",
                      REGEX_MAX_NESTING);
        return false;
    }
    const char *opening = "(?:";
    x->pos++;
    if (peek(x) == '?') {
        int kind = peek_at(x, 1);
        if (kind == ':') {
            x->pos += 2;
        } else if (kind == '=' || kind == '!') {
            opening = kind == '=' ? "(?=" : "(?!";
            *quantifiable = false;
            x->pos += 2;
        } else if (kind == '<' && peek_at(x, 2) == '=') {
            regex_fail_at(x, open, "unsupported construct '(?<=' (lookbehind)");
            return false;
        } else if (kind == '<' && peek_at(x, 2) == '!') {
            regex_fail_at(x, open,
                          "unsupported construct '(?<!' "
                          "(negative lookbehind)");
            return false;
        } else if (kind == '<') {
            regex_fail_at(x, open, "unsupported construct '(?<' (named group)");
            return false;
        } else {
            regex_fail_at(x, open,
                          "invalid group (expected '(?:', '(?=' or '(?!')");
            return false;
        }
    }
    strbuf_puts(&x->out, opening);
    x->depth++;
    bool ok = take_disjunction(x);
    x->depth--;
    if (!ok)
        return false;
    if (peek(x) != ')') {
        regex_fail_at(x, open, "unbalanced parenthesis");
        return false;
    }
    x->pos++;
    strbuf_putc(&x->out, ')');
    return true;
}

static bool take_atom_escape(struct xlat *x, bool *quantifiable)
{
    size_t start = x->pos;
    int c = peek_at(x, 1);
    if (c == 'b' || c == 'B') {
        x->pos += 2;
        *quantifiable = false;
        strbuf_printf(&x->out, "\\%c", c);
        return true;
    }
    if (c >= '1' && c <= '9') {
        regex_fail_at(x, start, "unsupported construct '\\%c' (backreference)",
                      c);
        return false;
    }
    if (c == 'k') {
        regex_fail_at(x, start,
                      "unsupported construct '\\k' (named backreference)");
        return false;
    }
    if (is_class_escape(c)) {
        strbuf items = STRBUF_INIT;
        bool ok = take_class_escape(x, &items);
        if (ok)
            strbuf_printf(&x->out, "[%s]", strbuf_str(&items));
        strbuf_release(&items);
        return ok;
    }
    int32_t cp;
    if (!take_character_escape(x, false, &cp))
        return false;
    if (cp >= 0xD800 && cp <= 0xDFFF)
        strbuf_puts(&x->out, CLASS_NOTHING); /* a lone surrogate */
    else
        put_code_point(&x->out, cp);
    return true;
}

/* Reads decimal digits at *i, saturating at UINT32_MAX. */
static bool read_count(const struct xlat *x, size_t *i, uint32_t *value)
{
    if (*i >= x->len || !is_digit((unsigned char)x->src[*i]))
        return false;
    uint32_t v = 0;
    while (*i < x->len && is_digit((unsigned char)x->src[*i])) {
        uint32_t d = (uint32_t)(x->src[*i] - '0');
        v = v > (UINT32_MAX - d) / 10 ? UINT32_MAX : v * 10 + d;
        (*i)++;
    }
    *value = v;
    return true;
}

/* True when a brace quantifier {n}, {n,} or {n,m} starts at pos; *bounded
 * is false for {n,}. */
static bool scan_braces(const struct xlat *x, uint32_t *min, uint32_t *max,
                        bool *bounded, size_t *end)
{
    size_t i = x->pos + 1;
    if (!read_count(x, &i, min))
        return false;
    *max = *min;
    *bounded = true;
    if (i < x->len && x->src[i] == ',') {
        i++;
        *bounded = read_count(x, &i, max);
    }
    if (i >= x->len || x->src[i] != '}')
        return false;
    *end = i + 1;
    return true;
}

static bool at_quantifier(const struct xlat *x)
{
    int c = peek(x);
    uint32_t min, max;
    bool bounded;
    size_t end;
    return c == '*' || c == '+' || c == '?' ||
           (c == '{' && scan_braces(x, &min, &max, &bounded, &end));
}

/* The quantifier at pos (at_quantifier), and a '?' that makes it lazy. */
static bool take_quantifier(struct xlat *x)
{
    size_t start = x->pos;
    if (peek(x) == '{') {
        uint32_t min, max;
        bool bounded;
        size_t end;
        scan_braces(x, &min, &max, &bounded, &end);
        if (bounded && max < min) {
            regex_fail_at(x, start, "numbers out of order in quantifier");
            return false;
        }
        if (min > REGEX_MAX_COUNT || (bounded && max > REGEX_MAX_COUNT)) {
            regex_fail_at(x, start,
                          "unsupported count in quantifier "
                          "(at most %u)",
                          REGEX_MAX_COUNT);
            return false;
        }
        strbuf_add(&x->out, x->src + start, end - start);
        x->pos = end;
    } else {
        strbuf_putc(&x->out, x->src[x->pos++]);
    }
    if (peek(x) == '?')
        strbuf_putc(&x->out, x->src[x->pos++]);
    return true;
}

static bool take_atom(struct xlat *x, bool *quantifiable)
{
    size_t start = x->pos;
    int32_t cp;
    switch (peek(x)) {
    case '^':
        x->pos++;
        *quantifiable = false;
        strbuf_putc(&x->out, '^');
        return true;
    case '$':
        x->pos++;
        *quantifiable = false;
        strbuf_putc(&x->out, '$');
        return true;
    case '.':
        x->pos++;
        strbuf_puts(&x->out, "[^\\n\\r\\x{2028}\\x{2029}]");
        return true;
    case '(':
        return take_group(x, quantifiable);
    case '[':
        return take_class(x);
    case '\\':
        return take_atom_escape(x, quantifiable);
    case '*':
    case '+':
    case '?':
        regex_fail_at(x, start, "nothing to repeat");
        return false;
    case '{':
        if (at_quantifier(x))
            regex_fail_at(x, start, "nothing to repeat");
        else
            regex_fail_at(x, start,
                          "lone '{' (write '\\{' for a literal brace)");
        return false;
    case '}':
        regex_fail_at(x, start, "lone '}' (write '\\}' for a literal brace)");
        return false;
    case ']':
        regex_fail_at(x, start, "lone ']' (write '\\]' for a literal bracket)");
        return false;
    default:
        if (!take_literal(x, &cp))
            return false;
        put_code_point(&x->out, cp);
        return true;
    }
}

static bool take_term(struct xlat *x)
{
    bool quantifiable = true;
    if (!take_atom(x, &quantifiable))
        return false;
    if (!at_quantifier(x))
        return true;
    if (!quantifiable) {
        regex_fail_at(x, x->pos, "nothing to repeat");
        return false;
    }
    return take_quantifier(x);
}

static bool take_disjunction(struct xlat *x)
{
    for (;;) {
        while (x->pos < x->len && peek(x) != '|' && peek(x) != ')')
            if (!take_term(x))
                return false;
        if (peek(x) != '|')
            return true;
        x->pos++;
        strbuf_putc(&x->out, '|');
    }
}

/* ---- compiling and matching ---------------------------------------------- */

static void *pcre2_xmalloc(PCRE2_SIZE size, void *data)
{
    (void)data;
    return xmalloc(size);
}

static void pcre2_xfree(void *p, void *data)
{
    (void)data;
    free(p);
}

void regex_free(regex *re)
{
    if (!re)
        return;
    pcre2_match_data_free(re->md);
    pcre2_match_context_free(re->mc);
    pcre2_code_free(re->code);
    pcre2_general_context_free(re->gc);
    free(re);
}

regex *regex_compile(const char *pattern, size_t len, size_t *err_offset,
                     strbuf *err)
{
    if (err_offset)
        *err_offset = 0;
    struct xlat x = {
        .src = pattern ? pattern : "",
        .len = pattern ? len : 0,
    };
    regex *re = NULL;
    if (x.len > REGEX_MAX_PATTERN) {
        regex_fail_at(&x, REGEX_MAX_PATTERN, "pattern longer than %u bytes",
                      REGEX_MAX_PATTERN);
    } else if (take_disjunction(&x) && x.pos < x.len) {
        regex_fail_at(&x, x.pos, "unbalanced parenthesis");
    }
    if (!x.error) {
        re = xcalloc(1, sizeof *re);
        re->gc = pcre2_general_context_create(pcre2_xmalloc, pcre2_xfree, NULL);
        pcre2_compile_context *cc = pcre2_compile_context_create(re->gc);
        pcre2_set_parens_nest_limit(cc, REGEX_MAX_NESTING);
        int code;
        PCRE2_SIZE offset;
        re->code = pcre2_compile((PCRE2_SPTR)strbuf_str(&x.out), x.out.len,
                                 PCRE2_UTF | PCRE2_MATCH_INVALID_UTF |
                                     PCRE2_DOLLAR_ENDONLY,
                                 &code, &offset, cc);
        pcre2_compile_context_free(cc);
        if (!re->code) {
            /* the rewrite is valid PCRE2: only a size limit is left */
            PCRE2_UCHAR message[256];
            pcre2_get_error_message(code, message, sizeof message);
            regex_fail_at(&x, 0, "pattern too large to compile (%s)",
                          (const char *)message);
            regex_free(re);
            re = NULL;
        } else {
            re->mc = pcre2_match_context_create(re->gc);
            pcre2_set_depth_limit(re->mc, REGEX_DEPTH_LIMIT);
            pcre2_set_heap_limit(re->mc, REGEX_HEAP_LIMIT);
            re->md = pcre2_match_data_create(1, re->gc);
        }
    }
    strbuf_release(&x.out);
    if (x.error) {
        if (err_offset)
            *err_offset = x.error_offset;
        strbuf_error(err, "%s", x.error);
        free(x.error);
    }
    return re;
}

regex_result regex_search(const regex *re, const char *s, size_t len)
{
    if (!s) {
        s = "";
        len = 0;
    }
    uint32_t per_byte =
        len < (UINT32_MAX - REGEX_MATCH_LIMIT) / REGEX_MATCH_PER_BYTE
            ? (uint32_t)len * REGEX_MATCH_PER_BYTE
            : UINT32_MAX - REGEX_MATCH_LIMIT;
    pcre2_set_match_limit(re->mc, REGEX_MATCH_LIMIT + per_byte);
    int rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, 0, 0, re->md, re->mc);
    if (rc >= 0)
        return REGEX_MATCH;
    switch (rc) {
    case PCRE2_ERROR_NOMATCH:
        return REGEX_NOMATCH;
    case PCRE2_ERROR_MATCHLIMIT:
    case PCRE2_ERROR_DEPTHLIMIT:
    case PCRE2_ERROR_HEAPLIMIT:
        return REGEX_TOO_COMPLEX;
    default:
        fprintf(stderr, _("kehoach: PCRE2 match error %d (a defect)"), rc);
        fputc('\n', stderr);
        abort();
    }
}
