/* test-regex.c - unit tests of the ECMA-262 regular expressions (regex.h),
 * the adapter over PCRE2.
 *
 * Each construct is checked with subjects it must match and subjects it
 * must not, each refusal with its message and byte offset, where ECMA-262
 * and PCRE2 differ with the ECMA meaning (and PCRE2's own syntax refused),
 * and the limits with patterns that take exponential time or deep
 * backtracking in PCRE2. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "regex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* At most 60 bytes of s, for messages */
static int shown(size_t len)
{
    return (int)(len > 60 ? 60 : len);
}

static const char *result_name(regex_result r)
{
    switch (r) {
    case REGEX_MATCH:
        return "match";
    case REGEX_NOMATCH:
        return "no match";
    case REGEX_TOO_COMPLEX:
        return "too complex";
    }
    return "?";
}

static void check_search(const char *pattern, size_t pattern_len,
                         const char *subject, size_t subject_len,
                         regex_result expected, int line)
{
    strbuf err = STRBUF_INIT;
    size_t offset = 0;
    regex *re = regex_compile(pattern, pattern_len, &offset, &err);
    if (!re) {
        print_error("line %d: /%.*s/ refused: %s (offset %zu)\n", line,
                    shown(pattern_len), pattern, strbuf_str(&err), offset);
        strbuf_release(&err);
        fail();
    }
    assert_int_equal(err.len, 0);
    regex_result got = regex_search(re, subject, subject_len);
    regex_free(re);
    if (got != expected) {
        print_error("line %d: /%.*s/ on \"%.*s\": %s, expected %s\n", line,
                    shown(pattern_len), pattern, shown(subject_len), subject,
                    result_name(got), result_name(expected));
        fail();
    }
}

#define MATCH(p, s) \
    check_search(p, strlen(p), s, strlen(s), REGEX_MATCH, __LINE__)
#define NO_MATCH(p, s) \
    check_search(p, strlen(p), s, strlen(s), REGEX_NOMATCH, __LINE__)
/* explicit subject length, for subjects holding NUL bytes */
#define MATCH_N(p, s, n) check_search(p, strlen(p), s, n, REGEX_MATCH, __LINE__)
#define NO_MATCH_N(p, s, n) \
    check_search(p, strlen(p), s, n, REGEX_NOMATCH, __LINE__)

static void check_refused(const char *pattern, size_t pattern_len,
                          size_t expected_offset, const char *fragment,
                          int line)
{
    strbuf reason = STRBUF_INIT;
    size_t offset = 999999;
    regex *re = regex_compile(pattern, pattern_len, &offset, &reason);
    if (re) {
        regex_free(re);
        print_error("line %d: /%.*s/ compiled, expected a refusal\n", line,
                    shown(pattern_len), pattern);
        fail();
    }
    const char *err = strbuf_str(&reason);
    if (!reason.len) {
        print_error("line %d: /%.*s/ refused without a message\n", line,
                    shown(pattern_len), pattern);
        fail();
    }
    size_t n = strlen(err);
    bool ok = strstr(err, fragment) != NULL && offset == expected_offset &&
              n > 0 && !(err[0] >= 'A' && err[0] <= 'Z') && err[n - 1] != '.';
    if (!ok)
        print_error(
            "line %d: /%.*s/ refused with \"%s\" at %zu, expected \"%s\" at %zu\n",
            line, shown(pattern_len), pattern, err, offset, fragment,
            expected_offset);
    strbuf_release(&reason);
    if (!ok)
        fail();
}

#define REFUSED(p, offset, fragment) \
    check_refused(p, strlen(p), offset, fragment, __LINE__)

/* ---- plain matching -------------------------------------------------------- */

static void test_literals(void **state)
{
    MATCH("abc", "abc");
    MATCH("abc", "xxabcxx");
    NO_MATCH("abc", "abx");
    NO_MATCH("abc", "ab");
    NO_MATCH("abc", "");
    NO_MATCH("abc", "ABC");
    MATCH("hồ sơ", "nộp hồ sơ vụ việc");
    NO_MATCH("hồ sơ", "ho so");
    MATCH("-/!@#%&=<>,;:'\"~`", "x-/!@#%&=<>,;:'\"~`y");
}

static void test_empty_pattern(void **state)
{
    MATCH("", "");
    MATCH("", "anything");
    MATCH("()", "x");
    MATCH("(?:)", "");
}

static void test_nul_in_pattern_and_subject(void **state)
{
    check_search("a\0b", 3, "xa\0b", 4, REGEX_MATCH, __LINE__);
    check_search("a\0b", 3, "ab", 2, REGEX_NOMATCH, __LINE__);
    MATCH_N("^a.b$", "a\0b", 3);
    MATCH_N("b$", "a\0b", 3);
}

static void test_null_subject(void **state)
{
    regex *re = regex_compile("^$", 2, NULL, NULL);
    assert_non_null(re);
    assert_int_equal(regex_search(re, NULL, 0), REGEX_MATCH);
    regex_free(re);
    regex_free(NULL);
}

static void test_compiled_regex_is_reusable(void **state)
{
    regex *re = regex_compile("^(?:a|b)+c$", 11, NULL, NULL);
    assert_non_null(re);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(regex_search(re, "ababc", 5), REGEX_MATCH);
        assert_int_equal(regex_search(re, "abab", 4), REGEX_NOMATCH);
        assert_int_equal(regex_search(re, "c", 1), REGEX_NOMATCH);
    }
    regex_free(re);
}

static void test_anchors(void **state)
{
    MATCH("^abc", "abcdef");
    NO_MATCH("^abc", "xabc");
    NO_MATCH("^abc", "x\nabc"); /* not multiline */
    MATCH("abc$", "xxabc");
    NO_MATCH("abc$", "abcx");
    MATCH("^abc$", "abc");
    NO_MATCH("^abc$", "abc\n"); /* '$' is the very end, not before a newline */
    NO_MATCH("^abc$", "abc\r\n");
    NO_MATCH("^abc$", "\nabc");
    MATCH("^$", "");
    NO_MATCH("^$", "\n");
    MATCH("$", "abc");
    NO_MATCH("a^b", "a^b");
    NO_MATCH("a$b", "a$b");
    MATCH("^a|b$", "axx");
    MATCH("^a|b$", "xxb");
    NO_MATCH("^a|b$", "xax");
    MATCH("(?:^|,)x(?:,|$)", "a,x,b");
    MATCH("(?:^|,)x(?:,|$)", "x");
    NO_MATCH("(?:^|,)x(?:,|$)", "a,xy");
}

static void test_dot(void **state)
{
    MATCH("^.$", "a");
    MATCH("^.$", "đ");
    MATCH("^.$", "🐲"); /* one code point, four bytes */
    MATCH("^.$", "\t");
    MATCH("^.$", "\xc2\x85"); /* U+0085 is not a line terminator */
    NO_MATCH("^.$", "\n");
    NO_MATCH("^.$", "\r");
    NO_MATCH("^.$", "\xe2\x80\xa8"); /* U+2028 */
    NO_MATCH("^.$", "\xe2\x80\xa9"); /* U+2029 */
    NO_MATCH("^.$", "");
    NO_MATCH("^.$", "ab");
    MATCH("^...$", "Hòa");
    NO_MATCH("a.c", "a\nc");
}

static void test_alternation(void **state)
{
    MATCH("^(?:cat|dog|bird)$", "cat");
    MATCH("^(?:cat|dog|bird)$", "dog");
    MATCH("^(?:cat|dog|bird)$", "bird");
    NO_MATCH("^(?:cat|dog|bird)$", "cow");
    NO_MATCH("^(?:cat|dog|bird)$", "catdog");
    MATCH("^(?:a|)$", "");
    MATCH("^(?:a|)$", "a");
    NO_MATCH("^(?:a|)$", "b");
    MATCH("a|", "zzz");
    MATCH("|", "");
    MATCH("^(?:ab|a)c$", "ac"); /* the first alternative fails later */
    MATCH("^(?:a|ab)c$", "abc");
}

static void test_long_alternation(void **state)
{
    size_t count = 5000;
    char *pattern = malloc(count * 8 + 8);
    assert_non_null(pattern);
    size_t len = (size_t)sprintf(pattern, "^(?:");
    for (size_t i = 0; i < count; i++)
        len += (size_t)sprintf(pattern + len, "%sw%zu", i ? "|" : "", i);
    len += (size_t)sprintf(pattern + len, ")$");
    check_search(pattern, len, "w4999", 5, REGEX_MATCH, __LINE__);
    check_search(pattern, len, "w0", 2, REGEX_MATCH, __LINE__);
    check_search(pattern, len, "w5000", 5, REGEX_NOMATCH, __LINE__);
    free(pattern);
}

static void test_groups(void **state)
{
    MATCH("^(ab)+$", "ababab");
    NO_MATCH("^(ab)+$", "ababa");
    MATCH("^((a)(b(c)))$", "abc");
    MATCH("^(?:x(?:y(?:z)))$", "xyz");
    NO_MATCH("^(?:x(?:y(?:z)))$", "xy");
    MATCH("^a(b|c)d$", "acd");
    NO_MATCH("^a(b|c)d$", "ad");
}

/* ---- quantifiers ---------------------------------------------------------- */

static void test_star_plus_question(void **state)
{
    MATCH("^a*$", "");
    MATCH("^a*$", "aaaa");
    NO_MATCH("^a*$", "aab");
    MATCH("^a+$", "a");
    NO_MATCH("^a+$", "");
    MATCH("^ba?c$", "bc");
    MATCH("^ba?c$", "bac");
    NO_MATCH("^ba?c$", "baac");
    MATCH("^a*ab$", "aaab"); /* the star gives back */
    MATCH("^.*x$", "abcx");
    MATCH("^(?:ab)*c$", "ababc");
    MATCH("^(?:ab)*c$", "c");
    NO_MATCH("^(?:ab)*c$", "abac");
    MATCH("^(?:ab)+$", "ab");
    NO_MATCH("^(?:ab)+$", "");
    MATCH("^x(?:ab)?y$", "xaby");
    MATCH("^x(?:ab)?y$", "xy");
    NO_MATCH("^x(?:ab)?y$", "xay");
    MATCH("^🐲+$", "🐲🐲🐲");
    /* a greedy atom gives back one code point at a time, down to its minimum */
    MATCH("^a*aaab$", "aaab");
    MATCH("^x*xx$", "xx");
    MATCH("^.*abc$", "abc");
    MATCH("^🐲*🐲🐲$", "🐲🐲");
    MATCH("^\\d{1,5}123$", "0123");
    NO_MATCH("^\\d{1,5}123$", "123");
    NO_MATCH("^a*aaab$", "aab");
}

static void test_braces(void **state)
{
    MATCH("^a{3}$", "aaa");
    NO_MATCH("^a{3}$", "aa");
    NO_MATCH("^a{3}$", "aaaa");
    MATCH("^a{2,}$", "aa");
    MATCH("^a{2,}$", "aaaaaaa");
    NO_MATCH("^a{2,}$", "a");
    MATCH("^a{2,3}$", "aa");
    MATCH("^a{2,3}$", "aaa");
    NO_MATCH("^a{2,3}$", "a");
    NO_MATCH("^a{2,3}$", "aaaa");
    MATCH("^a{0,1}$", "");
    MATCH("^a{1}$", "a");
    MATCH("^(?:ab){2}$", "abab");
    NO_MATCH("^(?:ab){2}$", "ab");
    NO_MATCH("^(?:ab){2}$", "ababab");
    MATCH("^(?:ab|c){2,3}$", "abc");
    MATCH("^(?:ab|c){2,3}$", "cabc");
    NO_MATCH("^(?:ab|c){2,3}$", "c");
    NO_MATCH("^(?:ab|c){2,3}$", "ccabc");
    MATCH("^(?:(?:a|b){2}-)+$", "ab-ba-aa-");
    NO_MATCH("^(?:(?:a|b){2}-)+$", "ab-b-");
    MATCH("^\\d{4}-\\d{2}-\\d{2}$", "2024-05-17");
    NO_MATCH("^\\d{4}-\\d{2}-\\d{2}$", "2024-5-17");
    MATCH("^a{65535}$|b", "b"); /* PCRE2's largest count */
    MATCH("^a{0,65535}$", "aaa");
}

static void test_zero_repetitions(void **state)
{
    MATCH("^ab{0}c$", "ac");
    NO_MATCH("^ab{0}c$", "abc");
    MATCH("^a(?:bc){0}d$", "ad");
    MATCH("^a(?:b|c){0,0}$", "a");
}

static void test_lazy_quantifiers(void **state)
{
    MATCH("^a*?$", "aaa"); /* lazy still extends when it must */
    MATCH("^a+?$", "aaa");
    MATCH("^a??b$", "ab");
    MATCH("^a??b$", "b");
    MATCH("^a{2,3}?$", "aaa");
    NO_MATCH("^a{2,3}?$", "aaaa");
    NO_MATCH("^a{2,3}?$", "a");
    MATCH("^a{2,}?b$", "aaaab");
    MATCH("^a{0,3}?b$", "aaab"); /* a lazy atom takes one more at a time */
    NO_MATCH("^a{0,3}?b$", "aaaab");
    MATCH("^🐲*?🐉$", "🐲🐲🐲🐉");
    MATCH("^.*?x$", "abxcx");
    MATCH("^(?:ab)*?c$", "ababc");
    MATCH("^(?:ab)+?$", "abab");
    NO_MATCH("^(?:ab)+?$", "");
    MATCH("^(?:ab)??c$", "abc");
    MATCH("^(?:ab){1,3}?c$", "abababc");
    NO_MATCH("^(?:ab){1,3}?c$", "ababababc");
    MATCH("^(?:a|bc)*?d$", "abcad");
    NO_MATCH("^(?:a|bc)*?d$", "abd");
}

/* Greedy or lazy never changes whether a pattern matches, only the order in
 * which the ways of matching are tried; the step budget makes the order
 * visible. */
static void test_lazy_tries_fewer_first(void **state)
{
    const char *thirty = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    MATCH("^(?:a|a)*?(?=a{30})", thirty);
    check_search("^(?:a|a)*(?=a{30})", 18, thirty, 30, REGEX_TOO_COMPLEX,
                 __LINE__);
    MATCH("^(?:a|a){0,30}?(?=a{30})", thirty);
    check_search("^(?:a|a){0,30}(?=a{30})", 23, thirty, 30, REGEX_TOO_COMPLEX,
                 __LINE__);
}

static void test_empty_iterations(void **state)
{
    MATCH("^(?:a*)*$", "aaa");
    NO_MATCH("^(?:a*)*$", "aab");
    MATCH("^(?:a*)+b$", "b");
    MATCH("^(?:a?)+b$", "aab");
    MATCH("^(?:)*$", "");
    MATCH("^(?:)+x$", "x");
    MATCH("^(?:a|){3}$", "a");
    MATCH("^(?:a|){3}$", "");
    NO_MATCH("^(?:a|){3}$", "aaaa");
    MATCH("^(?:){5}x", "x");
    MATCH("^(?:^)*a", "a");
    MATCH("^(?:a*?)*?b$", "aab");
    MATCH("^(?:\\b)*x$", "x");
}

/* ---- character classes ---------------------------------------------------- */

static void test_classes(void **state)
{
    MATCH("^[abc]$", "b");
    NO_MATCH("^[abc]$", "d");
    MATCH("^[^abc]$", "d");
    NO_MATCH("^[^abc]$", "a");
    MATCH("^[a-c]+$", "abcba");
    NO_MATCH("^[a-c]+$", "abd");
    MATCH("^[a-cx-z0-2]+$", "ay1");
    NO_MATCH("^[a-cx-z0-2]+$", "w");
    MATCH("^[-a]$", "-");
    MATCH("^[a-]$", "-");
    MATCH("^[a\\-z]$", "-");
    NO_MATCH("^[a\\-z]$", "b"); /* an escaped dash is no range */
    MATCH("^[a-b-c]+$", "a-c"); /* a range, then '-', then 'c' */
    MATCH("^[--/]$", ".");      /* a range from '-' to '/' */
    MATCH("^[\\]]$", "]");
    MATCH("^[\\[\\]]+$", "[]");
    MATCH("^[[]$", "[");
    MATCH("^[.]$", ".");
    NO_MATCH("^[.]$", "a");
    MATCH("^[*+?{}()|^$/]+$", "*+?{}()|^$/");
    MATCH("^[\\^]$", "^");
    MATCH("^[\\b]$", "\b"); /* backspace inside a class */
    NO_MATCH("^[]$", "a");  /* the empty class */
    NO_MATCH("[]", "");
    MATCH("^[^]$", "\n"); /* anything, newlines included */
    MATCH("^[^]$", "🐉");
    MATCH("^[àáảãạ]$", "ả");
    NO_MATCH("^[àáảãạ]$", "a");
    MATCH("^[\\u00e0-\\u00ff]$", "é");
    NO_MATCH("^[\\u00e0-\\u00ff]$", "Đ");
    MATCH("^[\\x41-\\x43]+$", "ABC");
    NO_MATCH("^[\\x41-\\x43]+$", "D");
    MATCH("^[🐉-🐲]$", "🐍");    /* U+1F40D in U+1F409..U+1F432 */
    NO_MATCH("^[🐉-🐲]$", "🐸"); /* U+1F438 */
    MATCH("^[\\t\\n]+$", "\t\n");
    MATCH("^[z-za-a]+$", "za");
    MATCH("^[a-zA-Z0-9_]+$", "Plan_2024");
    MATCH("^[^\\n]*$", "no newline here");
    NO_MATCH("^[^\\n]*$", "one\nnewline");
}

static void test_class_escapes(void **state)
{
    MATCH("^\\d+$", "0123456789");
    NO_MATCH("^\\d$", "a");
    MATCH("^\\D$", "a");
    NO_MATCH("^\\D$", "5");
    MATCH("^\\w+$", "aZ_09");
    NO_MATCH("^\\w$", "-");
    MATCH("^\\W$", "-");
    NO_MATCH("^\\W$", "_");
    MATCH("^\\s+$", " \t\n\r\v\f");
    NO_MATCH("^\\s$", "x");
    MATCH("^\\S$", "x");
    NO_MATCH("^\\S$", " ");
    MATCH("^[\\d]$", "7");
    MATCH("^[\\D]$", "x");
    NO_MATCH("^[\\D]$", "7");
    MATCH("^[\\w-]+$", "a-b_c");
    NO_MATCH("^[^\\w]$", "a");
    MATCH("^[^\\W]$", "a"); /* not a non-word character */
    NO_MATCH("^[^\\W]$", "é");
    MATCH("^[\\s\\d]+$", "1 2\t3");
    MATCH("^[\\S]$", "a");
    NO_MATCH("^[\\S]$", "\xc2\xa0"); /* U+00A0 is white space */
    MATCH("^[\\d\\D]$", "\n");       /* everything */
    MATCH("^[^\\d\\s]+$", "ab");
    /* the edges of the complements */
    MATCH("^\\D$", "/");
    MATCH("^\\D$", ":");
    MATCH("^\\W$", "@");
    MATCH("^\\W$", "[");
    MATCH("^\\W$", "^");
    MATCH("^\\W$", "`");
    MATCH("^\\W$", "{");
    MATCH("^[\\W]$", "`");
    MATCH("^\\S$", "\x08");
    MATCH("^\\S$", "\x0e");
    MATCH("^\\S$", "\x1f");
    MATCH("^\\S$", "!");
    MATCH("^\\S$", "\xe2\x80\x8b");
    MATCH("^\\S$", "\xe2\x80\xa7"); /* U+2027, just below U+2028 */
    MATCH("^\\S$", "\xe2\x80\xaa"); /* U+202A, just above U+2029 */
    NO_MATCH("^\\S$", "\xe2\x80\xa8");
    MATCH("^\\S$", "\xf4\x8f\xbf\xbf"); /* U+10FFFF */
    NO_MATCH("^[^\\d\\s]+$", "a b");
}

static void test_unicode_properties(void **state)
{
    MATCH("^\\p{L}$", "a");
    MATCH("^\\p{L}$", "中");
    NO_MATCH("^\\p{L}$", "1");
    MATCH("^\\p{Letter}+$", "Việt");
    MATCH("^\\p{Lu}$", "Đ");
    NO_MATCH("^\\p{Lu}$", "đ");
    MATCH("^\\p{Uppercase_Letter}$", "Ư");
    MATCH("^\\p{Ll}$", "đ");
    MATCH("^\\p{Lowercase_Letter}$", "ư");
    MATCH("^\\p{Lt}$", "\xc7\x85"); /* U+01C5 Dž */
    MATCH("^\\p{Titlecase_Letter}$", "\xc7\x85");
    MATCH("^\\p{Lm}$", "\xca\xb0"); /* U+02B0 */
    MATCH("^\\p{Lo}$", "中");
    MATCH("^\\p{LC}$", "A");
    NO_MATCH("^\\p{LC}$", "中");
    MATCH("^\\p{M}$", "\xcc\x80"); /* U+0300 combining grave */
    MATCH("^\\p{Mark}$", "\xcc\x80");
    MATCH("^\\p{Mn}$", "\xcc\x80");
    MATCH("^\\p{Nonspacing_Mark}$", "\xcc\x83");
    MATCH("^\\p{Mc}$", "\xe0\xa4\x83"); /* U+0903 */
    MATCH("^\\p{Me}$", "\xe2\x83\x9d"); /* U+20DD */
    MATCH("^\\p{N}$", "½");
    MATCH("^\\p{Number}$", "7");
    MATCH("^\\p{Nd}$", "\xd9\xa3"); /* U+0663 Arabic-Indic three */
    MATCH("^\\p{Decimal_Number}$", "9");
    MATCH("^\\p{Nl}$", "\xe2\x85\xab"); /* U+216B Roman numeral twelve */
    MATCH("^\\p{No}$", "½");
    NO_MATCH("^\\p{Nd}$", "½");
    MATCH("^\\p{P}$", "!");
    MATCH("^\\p{Punctuation}$", "«");
    NO_MATCH("^\\p{P}$", "+");
    MATCH("^\\p{Pc}$", "_");
    MATCH("^\\p{Pd}$", "-");
    MATCH("^\\p{Ps}$", "(");
    MATCH("^\\p{Pe}$", ")");
    MATCH("^\\p{Pi}$", "«");
    MATCH("^\\p{Pf}$", "»");
    MATCH("^\\p{Po}$", "!");
    MATCH("^\\p{S}$", "+");
    MATCH("^\\p{Symbol}$", "₫");
    MATCH("^\\p{Sm}$", "+");
    MATCH("^\\p{Sc}$", "₫");
    MATCH("^\\p{Currency_Symbol}$", "$");
    MATCH("^\\p{Sk}$", "^");
    MATCH("^\\p{So}$", "©");
    MATCH("^\\p{Z}$", " ");
    MATCH("^\\p{Separator}$", "\xe3\x80\x80"); /* U+3000 */
    MATCH("^\\p{Zs}$", " ");
    NO_MATCH("^\\p{Zs}$", "\t");
    MATCH("^\\p{Zl}$", "\xe2\x80\xa8");
    MATCH("^\\p{Zp}$", "\xe2\x80\xa9");
    MATCH("^\\p{C}$", "\x01");
    MATCH("^\\p{Other}$", "\xe2\x80\x8b");
    MATCH("^\\p{Cc}$", "\x01");
    MATCH("^\\p{Control}$", "\x7f");
    MATCH("^\\p{Cf}$", "\xe2\x80\x8b"); /* U+200B */
    MATCH("^\\p{Format}$", "\xef\xbb\xbf");
    MATCH("^\\p{Co}$", "\xee\x80\x80"); /* U+E000 */
    MATCH("^\\p{Private_Use}$", "\xee\x80\x80");
    MATCH("^\\p{Cn}$", "\xcd\xb8"); /* U+0378, unassigned */
    MATCH("^\\p{Unassigned}$", "\xcd\xb8");
    NO_MATCH("^\\p{Cn}$", "a");
    MATCH("^\\p{digit}$", "\xd9\xa3");
    MATCH("^\\p{punct}$", "!");
    MATCH("^\\p{cntrl}$", "\x02");
    MATCH("^\\p{Combining_Mark}$", "\xcc\x80");
    MATCH("^\\p{General_Category=Lu}$", "A");
    MATCH("^\\p{General_Category=Uppercase_Letter}$", "A");
    MATCH("^\\p{gc=Nd}$", "4");
    NO_MATCH("^\\p{gc=Nd}$", "x");
    MATCH("^\\P{L}$", "1");
    NO_MATCH("^\\P{L}$", "a");
    MATCH("^\\P{gc=Ll}$", "A");
    MATCH("^[\\p{Lu}\\p{Nd}]+$", "AB12");
    NO_MATCH("^[\\p{Lu}\\p{Nd}]+$", "Ab12");
    MATCH("^[\\P{L}]$", "1");
    NO_MATCH("^[\\P{L}]$", "a");
    MATCH("^[^\\p{L}]$", "1");
    NO_MATCH("^[^\\p{L}]$", "é");
    MATCH("^[^\\P{L}]$", "é");
    MATCH("^[\\p{L}0-9]+$", "é9");
}

/* ---- escapes ---------------------------------------------------------------- */

static void test_escapes(void **state)
{
    MATCH("^\\t\\n\\v\\f\\r$", "\t\n\v\f\r");
    MATCH_N("^a\\0b$", "a\0b", 3);
    NO_MATCH("^a\\0b$", "a0b");
    MATCH("^\\cC$", "\x03");
    MATCH("^\\cc$", "\x03");
    MATCH("^\\cJ$", "\n");
    NO_MATCH("^\\cC$", "C");
    MATCH("^\\x41$", "A");
    MATCH("^\\xff$", "ÿ"); /* U+00FF, not the byte 0xFF */
    NO_MATCH("^\\xff$", "\xff");
    MATCH("^\\u0041\\u0111$", "Ađ");
    MATCH("^\\uD83D\\uDC32$", "🐲"); /* a surrogate pair is one code point */
    NO_MATCH("^\\uD83D\\uDC32$", "🐉");
    MATCH("^\\uD83D\\uDC32{2}$", "🐲🐲");
    MATCH("^[\\uD83D\\uDC32]$", "🐲");
    NO_MATCH("^\\uD83D$", "🐲"); /* a lone surrogate matches nothing */
    MATCH("^\\u{41}$", "A");
    MATCH("^\\u{1F432}$", "🐲");
    MATCH("^\\u{0000000041}$", "A");
    MATCH("^\\u{10FFFF}$", "\xf4\x8f\xbf\xbf");
    MATCH("^\\^\\$\\\\\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\/$",
          "^$\\.*+?()[]{}|/");
    MATCH("^a\\-b$", "a-b");
    MATCH("^\\.$", ".");
    NO_MATCH("^\\.$", "x");
    MATCH("^\\*+$", "***");
}

static void test_word_boundaries(void **state)
{
    MATCH("\\bcat\\b", "a cat.");
    MATCH("\\bcat\\b", "cat");
    NO_MATCH("\\bcat\\b", "concat");
    NO_MATCH("\\bcat\\b", "cats");
    MATCH("\\Bcat", "concat");
    NO_MATCH("\\Bcat", "cat");
    MATCH("^\\b", "a");
    NO_MATCH("^\\b", " ");
    NO_MATCH("\\b", "");
    MATCH("\\B", "");
    MATCH("\\bcat", "écat"); /* é is not an ASCII word character */
    MATCH("a\\b", "aé");
    MATCH("^\\w+\\b-\\b\\w+$", "ab-cd");
}

static void test_lookahead(void **state)
{
    MATCH("^(?=.*\\d)(?=.*[a-z]).{6,}$", "abc123");
    NO_MATCH("^(?=.*\\d)(?=.*[a-z]).{6,}$", "abcdef");
    NO_MATCH("^(?=.*\\d)(?=.*[a-z]).{6,}$", "ab12");
    MATCH("^(?!abc)", "abd");
    NO_MATCH("^(?!abc)", "abcd");
    MATCH("foo(?=bar)", "foobar");
    NO_MATCH("foo(?=bar)", "foobaz");
    MATCH("foo(?!bar)", "foobaz");
    NO_MATCH("foo(?!bar)", "foobar");
    MATCH("^(?=a)a$", "a"); /* a lookahead consumes nothing */
    NO_MATCH("^(?=ab)b", "ab");
    MATCH("^(?:(?!ab).)*$", "aaa");
    NO_MATCH("^(?:(?!ab).)*$", "aab");
    MATCH("^(?=(?!b)a)a$", "a");
    NO_MATCH("^(?!(?=a))a$", "a");
    MATCH("^(?!(?!a))a$", "a");
    MATCH("^(?=a*b)a+b$", "aaab");
    MATCH("(?=(?:a|b)+c)b", "aabc");
    NO_MATCH("^(?![\\s\\S])x", "x");
    MATCH("^x(?![\\s\\S])", "x");
    MATCH("^(?:a(?=b)|ac)+$", "ac");
    MATCH("^(?=.*$)", "");
}

/* ---- what ECMA-262 means, as opposed to other dialects ------------------- */

static void test_ecma_specifics(void **state)
{
    NO_MATCH("^abc$", "abc\n");
    NO_MATCH("^\\d$", "\xdf\x80"); /* U+07C0 NKo digit zero */
    NO_MATCH("^\\d$", "০");        /* U+09E6 Bengali digit zero */
    NO_MATCH("^\\d$", "٣");
    MATCH("^\\p{digit}$", "\xdf\x80");
    MATCH("^\\p{Nd}$", "০");
    NO_MATCH("^\\w$", "é");
    NO_MATCH("^\\w+$", "đường");
    MATCH("^\\s$", "\xc2\xa0");        /* U+00A0 */
    MATCH("^\\s$", "\xef\xbb\xbf");    /* U+FEFF */
    MATCH("^\\s$", "\xe1\x9a\x80");    /* U+1680 */
    MATCH("^\\s$", "\xe2\x80\x80");    /* U+2000 */
    MATCH("^\\s$", "\xe2\x80\x8a");    /* U+200A */
    MATCH("^\\s$", "\xe2\x80\xa8");    /* U+2028 */
    MATCH("^\\s$", "\xe2\x80\xa9");    /* U+2029 */
    MATCH("^\\s$", "\xe2\x80\xaf");    /* U+202F */
    MATCH("^\\s$", "\xe2\x81\x9f");    /* U+205F */
    MATCH("^\\s$", "\xe3\x80\x80");    /* U+3000 */
    NO_MATCH("^\\s$", "\xe2\x80\x8b"); /* U+200B is a format character */
    NO_MATCH("^\\s$", "\xc2\x85");     /* U+0085 is not white space */
    NO_MATCH("^\\s$", "\xe1\xa0\x8e"); /* U+180E no longer is */
    MATCH("^🐲*$", "🐲🐲");
    MATCH("^🐲*$", "");
    NO_MATCH("^🐲*$", "🐉");
    NO_MATCH("^🐲*$", "🐲🐉");
    MATCH("\\p{Letter}cole", "école");
    NO_MATCH("\\p{Letter}cole", " cole");
    MATCH("^\\cC$", "\x03");
    NO_MATCH("^\\cC$", "\x02");
    MATCH("[a-z]cole", "ecole");
    NO_MATCH("[a-z]cole", "école");
    NO_MATCH("[a-z]cole", "Ecole");
}

/* Where PCRE2's own reading of the same text differs, the ECMA meaning
 * holds. */
static void test_ecma_not_pcre2(void **state)
{
    MATCH("^\\v$", "\v");
    NO_MATCH("^\\v$", "\n"); /* PCRE2: vertical space */
    NO_MATCH("^\\v$", "\xe2\x80\xa8");
    NO_MATCH("^\\s$", "\xc2\x85"); /* PCRE2 with UCP: space */
    NO_MATCH("^\\S$", "\xc2\xa0"); /* PCRE2 without UCP: not */
    MATCH("^[\\S]$", "\xc2\x85");
    NO_MATCH("^[^\\s]$", "\xe3\x80\x80");
    NO_MATCH("^.$", "\r"); /* PCRE2: only \n stops '.' */
    NO_MATCH("^.$", "\xe2\x80\xa9");
    NO_MATCH("a$", "a\n");    /* PCRE2: $ before a final \n */
    NO_MATCH("^a$", "a\xff"); /* nor before an invalid byte */
    NO_MATCH("^a$", "a\xe1\xbb");
    MATCH("^[^]a$", "xa");   /* [^] then a */
    MATCH("^a #b$", "a #b"); /* no extended mode */
    MATCH("^\\w$", "_");
    NO_MATCH("^\\w$", "\xc3\xa9"); /* é, below 256 yet not a word */
    NO_MATCH("^\\d$", "\xc2\xb2"); /* ² */
    MATCH("^\\W$", "\xc3\xa9");
    MATCH("a\\b\\xe9", "a\xc3\xa9"); /* \xe9 is U+00E9, no word */
    NO_MATCH("\\b\\xe9", "a \xc3\xa9");
    MATCH("^\\p{LC}$", "a"); /* PCRE2 spells it L& */
    MATCH("^\\p{Letter}$", "a");
    MATCH("^[[a]+$", "[a["); /* '[' is a literal in a class */
    MATCH("^[$^.|*]+$", "$^.|*");
}

static void test_vietnamese(void **state)
{
    MATCH("^[^\\s]+$", "4.HĐ2");
    MATCH("^[^\\s]+$", "HĐ-hòa-giải");
    NO_MATCH("^[^\\s]+$", "4. HĐ2");
    NO_MATCH("^[^\\s]+$", "4.HĐ2\xc2\xa0"); /* a trailing no-break space */
    NO_MATCH("^[^\\s]+$", "");
    MATCH("^\\S+$", "4.HĐ2");
    MATCH("^\\d+\\.\\p{Lu}+\\d+$", "4.HĐ2");
    NO_MATCH("^\\d+\\.[A-Z]+\\d+$", "4.HĐ2"); /* Đ is not in A-Z */
    MATCH("^\\d+\\.[A-ZĐ]+\\d+$", "4.HĐ2");
    MATCH("^\\d+(?:\\.\\d+)*$", "1.2.10");
    NO_MATCH("^\\d+(?:\\.\\d+)*$", "1..2");
    /* "Hòa" precomposed (NFC) and as o + U+0300 (NFD) */
    MATCH("^\\p{L}+$", "H\xc3\xb2"
                       "a");
    NO_MATCH("^\\p{L}+$", "Ho\xcc\x80"
                          "a");
    MATCH("^[\\p{L}\\p{M}]+$", "Ho\xcc\x80"
                               "a");
    MATCH("^[\\p{L}\\p{M}\\s]+$", "Hòa giải viên pháp lý");
    MATCH("^[\\p{L}\\p{M}\\s]+$", "Ho\xcc\x80"
                                  "a gia\xcc\x89i");
    NO_MATCH("^[a-z]+$", "đường");
    MATCH(
        "^[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+$",
        "đườnglốihòagiải");
    MATCH("(?:^|\\s)vụ\\s+việc(?:\\s|$)", "thụ lý vụ  việc mới");
    NO_MATCH("(?:^|\\s)vụ\\s+việc(?:\\s|$)", "vụviệc");
}

static void test_invalid_utf8_subject(void **state)
{
    NO_MATCH("^.$", "\xff");
    NO_MATCH("^[^a]$", "\xff");
    NO_MATCH("^\\D$", "\xff");
    NO_MATCH("^[^]$", "\xff");
    NO_MATCH("^\\P{L}$", "\xff");
    NO_MATCH("^a.b$", "a\xff"
                      "b");
    NO_MATCH("^.+$", "ab\xe1\xbb");  /* a truncated sequence */
    NO_MATCH("^.$", "\xc0\xaf");     /* an overlong form */
    NO_MATCH("^.$", "\xed\xa0\x80"); /* an encoded surrogate */
    MATCH("a", "\xff"
               "a"); /* a search starts after the byte */
    MATCH("^a", "a\xff");
    MATCH("b$", "\xff"
                "b");
    MATCH("^\\xff*", "\xff"); /* matches empty at the start */
    MATCH("a\\b", "a\xff");
    NO_MATCH("a\\B", "a\xff");
}

/* ---- refusals ------------------------------------------------------------- */

static void test_refused_groups(void **state)
{
    REFUSED("(?<=a)b", 0, "unsupported construct '(?<=' (lookbehind)");
    REFUSED("x(?<!a)b", 1,
            "unsupported construct '(?<!' (negative lookbehind)");
    REFUSED("(?<name>a)", 0, "unsupported construct '(?<' (named group)");
    REFUSED("a(?i)b", 1, "invalid group");
    REFUSED("(?", 0, "invalid group");
    REFUSED("(ab", 0, "unbalanced parenthesis");
    REFUSED("((a)", 0, "unbalanced parenthesis");
    REFUSED("(a(b)", 0, "unbalanced parenthesis");
    REFUSED("ab)", 2, "unbalanced parenthesis");
    REFUSED("(a))", 3, "unbalanced parenthesis");
    REFUSED(")", 0, "unbalanced parenthesis");
    REFUSED("(?:a|b", 0, "unbalanced parenthesis");
    REFUSED("(?=a", 0, "unbalanced parenthesis");
}

static void test_refused_quantifiers(void **state)
{
    REFUSED("*a", 0, "nothing to repeat");
    REFUSED("+", 0, "nothing to repeat");
    REFUSED("?", 0, "nothing to repeat");
    REFUSED("a**", 2, "nothing to repeat");
    REFUSED("a*??", 3, "nothing to repeat");
    REFUSED("a{2}{3}", 4, "nothing to repeat");
    REFUSED("a|*", 2, "nothing to repeat");
    REFUSED("(*)", 1, "nothing to repeat");
    REFUSED("(?:+)", 3, "nothing to repeat");
    REFUSED("^*", 1, "nothing to repeat");
    REFUSED("x$+", 2, "nothing to repeat");
    REFUSED("\\b*", 2, "nothing to repeat");
    REFUSED("\\B{2}", 2, "nothing to repeat");
    REFUSED("(?=a)+", 5, "nothing to repeat");
    REFUSED("(?!a)?", 5, "nothing to repeat");
    REFUSED("{2}", 0, "nothing to repeat");
    REFUSED("a{3,2}", 1, "numbers out of order in quantifier");
    REFUSED("(?:ab){10,9}", 6, "numbers out of order in quantifier");
    REFUSED("{", 0, "lone '{'");
    REFUSED("a{", 1, "lone '{'");
    REFUSED("a{2", 1, "lone '{'");
    REFUSED("a{,2}", 1, "lone '{'");
    REFUSED("a{2,x}", 1, "lone '{'");
    REFUSED("a{x}", 1, "lone '{'");
    REFUSED("a{ 2}", 1, "lone '{'");
    REFUSED("}", 0, "lone '}'");
    REFUSED("a}", 1, "lone '}'");
    REFUSED("]", 0, "lone ']'");
    REFUSED("a]", 1, "lone ']'");
}

static void test_refused_classes(void **state)
{
    REFUSED("[z-a]", 1, "range out of order in character class");
    REFUSED("x[a-cZ-A]", 5, "range out of order in character class");
    REFUSED("[\\u0200-\\u0100]", 1, "range out of order");
    REFUSED("[\\d-z]", 1, "invalid range in character class");
    REFUSED("[a-\\d]", 1, "invalid range in character class");
    REFUSED("[\\p{L}-z]", 1, "invalid range in character class");
    REFUSED("[abc", 0, "unterminated character class");
    REFUSED("x[", 1, "unterminated character class");
    REFUSED("[^", 0, "unterminated character class");
    REFUSED("[a-", 0, "unterminated character class");
    REFUSED("[\\]", 0, "unterminated character class");
    REFUSED("[\\B]", 1, "unknown escape '\\B' in character class");
    REFUSED("[\\1]", 1, "unknown escape '\\1' in character class");
    REFUSED("[\\q]", 1, "unknown escape '\\q' in character class");
    REFUSED("[\\", 1, "'\\' at end of pattern");
}

static void test_refused_escapes(void **state)
{
    REFUSED("\\q", 0, "unknown escape '\\q'");
    REFUSED("a\\@", 1, "unknown escape '\\@'");
    REFUSED("\\a", 0, "unknown escape '\\a'");
    REFUSED("\\ ", 0, "unknown escape '\\ '");
    REFUSED("\\é", 0, "unknown escape '\\é'");
    REFUSED("abc\\", 3, "'\\' at end of pattern");
    REFUSED("\\1", 0, "unsupported construct '\\1' (backreference)");
    REFUSED("(a)\\1", 3, "unsupported construct '\\1' (backreference)");
    REFUSED("(a)\\9", 3, "unsupported construct '\\9' (backreference)");
    REFUSED("\\k<x>", 0, "unsupported construct '\\k' (named backreference)");
    REFUSED("\\00", 0, "invalid escape '\\0' followed by a digit");
    REFUSED("a\\01", 1, "invalid escape '\\0' followed by a digit");
    REFUSED("\\c", 0, "invalid control escape");
    REFUSED("\\c1", 0, "invalid control escape");
    REFUSED("[\\c_]", 1, "invalid control escape");
    REFUSED("\\x", 0, "invalid hex escape");
    REFUSED("\\x4", 0, "invalid hex escape");
    REFUSED("\\x4g", 0, "invalid hex escape");
    REFUSED("\\u12", 0, "invalid unicode escape");
    REFUSED("\\u12x4", 0, "invalid unicode escape");
    REFUSED("\\u{}", 0, "invalid unicode escape");
    REFUSED("\\u{41", 0, "invalid unicode escape");
    REFUSED("\\u{4x}", 0, "invalid unicode escape");
    REFUSED("ab\\u{110000}", 2, "unicode escape out of range");
}

static void test_refused_properties(void **state)
{
    REFUSED("\\p{Foo}", 0, "unknown or unsupported unicode property 'Foo'");
    REFUSED("a\\P{lu}", 1, "unknown or unsupported unicode property 'lu'");
    REFUSED("\\p{Alphabetic}", 0, "unknown or unsupported unicode property");
    REFUSED("\\p{gc=Foo}", 0, "unknown or unsupported unicode property");
    REFUSED("\\p{Script=Latin}", 0,
            "unsupported unicode property 'Script=Latin'");
    REFUSED("\\p{sc=Latn}", 0, "only General_Category");
    REFUSED("[\\p{}]", 1, "unknown or unsupported unicode property ''");
    REFUSED("\\pL", 0, "invalid property escape");
    REFUSED("\\p", 0, "invalid property escape");
    REFUSED("\\p{L", 0, "unterminated property escape");
    REFUSED("\\p{L)", 4, "invalid character in unicode property name");
    REFUSED("a\\p{gc=\xff}", 7, "invalid character in unicode property name");
    REFUSED("\\p{Letter }", 9, "invalid character in unicode property name");
}

/* PCRE2's syntax beyond ECMA-262 is refused, never quietly obeyed. */
static void test_refused_pcre2_syntax(void **state)
{
    REFUSED("\\Aa", 0, "unknown escape '\\A'");
    REFUSED("a\\Z", 1, "unknown escape '\\Z'");
    REFUSED("a\\z", 1, "unknown escape '\\z'");
    REFUSED("\\G", 0, "unknown escape '\\G'");
    REFUSED("a\\K", 1, "unknown escape '\\K'");
    REFUSED("\\Qa*\\E", 0, "unknown escape '\\Q'");
    REFUSED("\\h", 0, "unknown escape '\\h'");
    REFUSED("\\R", 0, "unknown escape '\\R'");
    REFUSED("\\X", 0, "unknown escape '\\X'");
    REFUSED("\\N", 0, "unknown escape '\\N'");
    REFUSED("\\e", 0, "unknown escape '\\e'");
    REFUSED("\\o{101}", 0, "unknown escape '\\o'");
    REFUSED("\\g1", 0, "unknown escape '\\g'");
    REFUSED("[\\h]", 1, "unknown escape '\\h' in character class");
    REFUSED("\\x{41}", 0, "invalid hex escape");
    REFUSED("\\012", 0, "invalid escape '\\0' followed by a digit");
    REFUSED("a*+", 2, "nothing to repeat"); /* possessive */
    REFUSED("a{2}+", 4, "nothing to repeat");
    REFUSED("a{,2}", 1, "lone '{'");      /* PCRE2 10.43: {0,2} */
    REFUSED("(?>a)", 0, "invalid group"); /* atomic */
    REFUSED("(?|a)", 0, "invalid group");
    REFUSED("(?#note)", 0, "invalid group");
    REFUSED("(?P<n>a)", 0, "invalid group");
    REFUSED("(?R)", 0, "invalid group");
    REFUSED("(?(1)a)", 0, "invalid group");
    REFUSED("(*UTF)a", 1, "nothing to repeat");
    REFUSED("[[:alpha:]]", 10, "lone ']'"); /* [[:alph] then ']' */
    REFUSED("[]a]", 3, "lone ']'");
    REFUSED("\\p{Greek}", 0, "unknown or unsupported unicode property");
    REFUSED("\\p{Any}", 0, "unknown or unsupported unicode property");
    REFUSED("\\p{L&}", 4, "invalid character in unicode property name");
    REFUSED("\\p{Xan}", 0, "unknown or unsupported unicode property");
    REFUSED("a{65536}", 1, "unsupported count in quantifier (at most 65535)");
    REFUSED("a{1,65536}", 1, "unsupported count in quantifier");
    REFUSED("a{4294967295,}", 1, "unsupported count in quantifier");
    REFUSED("a{99999999999}", 1, "unsupported count in quantifier");
}

static void test_refused_misc(void **state)
{
    REFUSED("a\xff", 1, "invalid utf-8 in pattern");
    REFUSED("[\xe1\xbb]", 1, "invalid utf-8 in pattern");
    REFUSED("\\\xff", 1, "invalid utf-8 in pattern");

    size_t huge_len = (1u << 24) + 1;
    char *huge = malloc(huge_len);
    assert_non_null(huge);
    memset(huge, 'a', huge_len);
    check_refused(huge, huge_len, 1u << 24,
                  "pattern longer than 16777216 bytes", __LINE__);
    free(huge);

    /* a refusal without err or err_offset leaks nothing */
    assert_null(regex_compile("(?<=a)", 6, NULL, NULL));
    size_t offset = 99;
    assert_null(regex_compile("a{3,2}", 6, &offset, NULL));
    assert_int_equal(offset, 1);
    strbuf err = STRBUF_INIT;
    strbuf_puts(&err, "an earlier reason");
    assert_null(regex_compile("[", 1, NULL, &err));
    assert_string_equal(strbuf_str(&err), "unterminated character class");

    /* success leaves err as it was and sets the offset to 0 */
    offset = 99;
    regex *re = regex_compile("a", 1, &offset, &err);
    assert_non_null(re);
    assert_string_equal(strbuf_str(&err), "unterminated character class");
    assert_int_equal(offset, 0);
    regex_free(re);
    strbuf_release(&err);
}

/* ---- limits ----------------------------------------------------------------- */

static char *repeat_text(const char *unit, size_t times, const char *middle,
                         const char *unit_after, size_t *len)
{
    size_t a = strlen(unit), m = strlen(middle), b = strlen(unit_after);
    char *s = malloc(times * (a + b) + m + 1);
    assert_non_null(s);
    size_t n = 0;
    for (size_t i = 0; i < times; i++, n += a)
        memcpy(s + n, unit, a);
    memcpy(s + n, middle, m);
    n += m;
    for (size_t i = 0; i < times; i++, n += b)
        memcpy(s + n, unit_after, b);
    s[n] = '\0';
    *len = n;
    return s;
}

static void test_nesting_limit(void **state)
{
    size_t len;
    char *deepest = repeat_text("(", 256, "a", ")", &len);
    check_search(deepest, len, "xay", 3, REGEX_MATCH, __LINE__);
    free(deepest);

    char *too_deep = repeat_text("(", 257, "a", ")", &len);
    check_refused(too_deep, len, 256, "groups nested deeper than 256",
                  __LINE__);
    free(too_deep);

    char *hostile = repeat_text("(?:", 100000, "a", ")", &len);
    check_refused(hostile, len, 256 * 3, "groups nested deeper than 256",
                  __LINE__);
    free(hostile);

    char *lookaheads = repeat_text("(?=", 300, "", ")", &len);
    check_refused(lookaheads, len, 256 * 3, "groups nested deeper than 256",
                  __LINE__);
    free(lookaheads);

    char *unclosed = repeat_text("(", 100000, "", "", &len);
    check_refused(unclosed, len, 256, "groups nested deeper than 256",
                  __LINE__);
    free(unclosed);
}

static double seconds_since(clock_t start)
{
    return (double)(clock() - start) / CLOCKS_PER_SEC;
}

static void check_too_complex(const char *pattern, const char *subject,
                              int line)
{
    clock_t start = clock();
    check_search(pattern, strlen(pattern), subject, strlen(subject),
                 REGEX_TOO_COMPLEX, line);
    double spent = seconds_since(start);
    if (spent > 10.0) {
        print_error("line %d: /%s/ took %.1f s before giving up\n", line,
                    pattern, spent);
        fail();
    }
}

/* The match limit. PCRE2 gives up at once on a subject that lacks a
 * character every match needs, so each subject holds it, out of place. */
static void test_budget(void **state)
{
    const char *thirty_then_b = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!b";
    check_too_complex("(a*)*b", thirty_then_b, __LINE__);
    check_too_complex("^(a+)+$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", __LINE__);
    check_too_complex("(a|a)*b", thirty_then_b, __LINE__);
    check_too_complex(
        "^(?:a|aa)+$",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
        __LINE__);
    check_too_complex("(?:(?:a*)*)*b", thirty_then_b, __LINE__);
    check_too_complex("(a*)*[bc]", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", __LINE__);
    check_too_complex("^(?:.*?,){20}x",
                      "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,"
                      "21,22,23,24,25x",
                      __LINE__);
    /* without the character the answer is quick and right */
    NO_MATCH("(a*)*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    /* the same patterns are quick when a match is found early */
    MATCH("(a*)*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab");
    MATCH("^(a+)+$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
}

static void test_large_subjects(void **state)
{
    size_t len = 1u << 20;
    char *s = malloc(len + 1);
    assert_non_null(s);
    memset(s, 'x', len);
    s[len] = '\0';
    check_search("^[^\\s]+$", 8, s, len, REGEX_MATCH, __LINE__);
    check_search("^.*$", 4, s, len, REGEX_MATCH, __LINE__);
    check_search("^.*?$", 5, s, len, REGEX_MATCH, __LINE__);
    check_search("^(?:x{1024}){1024}$", 19, s, len, REGEX_MATCH, __LINE__);
    check_search("\\d", 2, s, len, REGEX_NOMATCH, __LINE__);
    check_search("xy", 2, s, len, REGEX_NOMATCH, __LINE__);
    check_search("x$", 2, s, len, REGEX_MATCH, __LINE__);
    s[len - 1] = ' ';
    check_search("^[^\\s]+$", 8, s, len, REGEX_NOMATCH, __LINE__);
    free(s);

    size_t pairs_len;
    char *pairs = repeat_text("ab", 100000, "", "", &pairs_len);
    check_search("^(?:ab)*$", 9, pairs, pairs_len, REGEX_MATCH, __LINE__);
    check_search("^(?:a|b)+$", 10, pairs, pairs_len, REGEX_MATCH, __LINE__);
    check_search("^(?:ab)*?$", 10, pairs, pairs_len, REGEX_MATCH, __LINE__);
    free(pairs);

    /* backtracking memory is bounded too (the depth limit): a million
     * iterations of a group, each a point to come back to, are more than a
     * search may keep */
    char *many_pairs = repeat_text("ab", 1000000, "", "", &pairs_len);
    check_search("^(?:ab)*$", 9, many_pairs, pairs_len, REGEX_TOO_COMPLEX,
                 __LINE__);
    free(many_pairs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_literals),
        cmocka_unit_test(test_empty_pattern),
        cmocka_unit_test(test_nul_in_pattern_and_subject),
        cmocka_unit_test(test_null_subject),
        cmocka_unit_test(test_compiled_regex_is_reusable),
        cmocka_unit_test(test_anchors),
        cmocka_unit_test(test_dot),
        cmocka_unit_test(test_alternation),
        cmocka_unit_test(test_long_alternation),
        cmocka_unit_test(test_groups),
        cmocka_unit_test(test_star_plus_question),
        cmocka_unit_test(test_braces),
        cmocka_unit_test(test_zero_repetitions),
        cmocka_unit_test(test_lazy_quantifiers),
        cmocka_unit_test(test_lazy_tries_fewer_first),
        cmocka_unit_test(test_empty_iterations),
        cmocka_unit_test(test_classes),
        cmocka_unit_test(test_class_escapes),
        cmocka_unit_test(test_unicode_properties),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_word_boundaries),
        cmocka_unit_test(test_lookahead),
        cmocka_unit_test(test_ecma_specifics),
        cmocka_unit_test(test_ecma_not_pcre2),
        cmocka_unit_test(test_vietnamese),
        cmocka_unit_test(test_invalid_utf8_subject),
        cmocka_unit_test(test_refused_groups),
        cmocka_unit_test(test_refused_quantifiers),
        cmocka_unit_test(test_refused_classes),
        cmocka_unit_test(test_refused_escapes),
        cmocka_unit_test(test_refused_properties),
        cmocka_unit_test(test_refused_pcre2_syntax),
        cmocka_unit_test(test_refused_misc),
        cmocka_unit_test(test_nesting_limit),
        cmocka_unit_test(test_budget),
        cmocka_unit_test(test_large_subjects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
