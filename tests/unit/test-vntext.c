/* test-text.c - comparison keys, edit distance and suggestions (text.h),
 * and display widths (utf8.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "vntext.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/* The key of `in` is the key of `want`, a plain lower-case spelling. */
static void assert_fold(const char *in, const char *want)
{
    char *got = vntext_fold(in, strlen(in));
    char *expected = vntext_fold(want, strlen(want));
    assert_string_equal(got, expected);
    free(got);
    free(expected);
}

static void fold_normalises_case_space_and_form(void **state)
{
    (void)state;
    /* precomposed (Telex) and decomposed (combining marks) spellings */
    const char *nfc = "S\xe1\xbb\x9f T\xc6\xb0 ph\xc3\xa1p"; /* Sở Tư pháp */
    const char *nfd =
        "So\xcc\x9b\xcc\x89 Tu\xcc\x9b pha\xcc\x81p"; /* same, NFD */
    char *a = vntext_fold(nfc, strlen(nfc)), *b = vntext_fold(nfd, strlen(nfd));
    assert_string_equal(a, b);
    free(a);
    free(b);
    assert_true(vntext_same("SỞ TƯ PHÁP", "sở tư pháp"));
    assert_true(
        vntext_same("Ủy ban nhân dân cấp xã", "ỦY BAN NHÂN DÂN CẤP XÃ"));
    assert_fold("  Sở   Y\ttế. ", "sở y tế");
    assert_fold("Bộ Tư pháp;", "bộ tư pháp");
    assert_fold("", "");
    assert_false(vntext_same("Sở Y tế", "Sở Y tê"));
}

static void fold_unifies_tone_placement(void **state)
{
    (void)state;
    assert_true(vntext_same("Uỷ ban nhân dân", "Ủy ban nhân dân"));
    assert_true(vntext_same("hoà giải", "hòa giải"));
    assert_true(vntext_same("Thuỷ lợi", "THỦY LỢI"));
    assert_true(vntext_same("khoẻ", "khỏe"));
    /* tones still matter */
    assert_false(vntext_same("hòa", "hóa"));
    assert_false(vntext_same("Bộ", "Bồ"));
}

static void fold_ascii_drops_marks(void **state)
{
    (void)state;
    char *got = vntext_fold_ascii("Đơn vị Phối hợp", strlen("Đơn vị Phối hợp"));
    assert_string_equal(got, "don vi phoi hop");
    free(got);
}

/* A code point folds alone as it folds within a text: every letter of
 * Vietnamese, and every code point below U+30000 that does not fold to
 * trailing punctuation (the text's fold drops that at its end); ASCII
 * is lowered and kept. */
static void fold_ascii_cp_agrees_with_the_text_fold(void **state)
{
    (void)state;
    char out[VNTEXT_CP_FOLD_MAX];
    static const char *const letters[] = {"Đ", "đ", "Ế", "ự", "Ỹ", "ơ", "Ă"};
    static const char *const folded[] = {"d", "d", "e", "u", "y", "o", "a"};
    for (size_t i = 0; i < sizeof letters / sizeof *letters; i++) {
        int32_t cp;
        utf8_decode(letters[i], strlen(letters[i]), &cp);
        assert_int_equal(vntext_fold_ascii_cp(cp, out), 1);
        assert_memory_equal(out, folded[i], 1);
    }
    assert_int_equal(vntext_fold_ascii_cp('Q', out), 1);
    assert_int_equal(out[0], 'q');
    assert_int_equal(vntext_fold_ascii_cp(' ', out), 1);
    assert_int_equal(out[0], ' ');
    assert_int_equal(vntext_fold_ascii_cp(0x0301, out), 0); /* a mark */
    size_t compared = 0;
    for (int32_t cp = 0x80; cp < 0x30000; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char text[4];
        size_t k = utf8_encode(cp, text);
        size_t n = vntext_fold_ascii_cp(cp, out);
        assert_true(n <= VNTEXT_CP_FOLD_MAX);
        if (n && strchr(".;,:", out[n - 1]))
            continue;
        char *whole = vntext_fold_ascii(text, k);
        assert_int_equal(n, strlen(whole));
        assert_memory_equal(out, whole, n);
        free(whole);
        compared++;
    }
    assert_true(compared > 190000);
}

static void fold_keeps_invalid_bytes(void **state)
{
    (void)state;
    char *a = vntext_fold("a\xff"
                          "b",
                          3),
         *b = vntext_fold("a\xfe"
                          "b",
                          3);
    assert_int_equal(strlen(a), 3);
    assert_string_not_equal(a, b);
    free(a);
    free(b);
}

static void distance_counts_code_points(void **state)
{
    (void)state;
    assert_int_equal(vntext_distance("partner", "partners", 5), 1);
    assert_int_equal(vntext_distance("tế", "tê", 5), 1); /* one letter */
    assert_int_equal(vntext_distance("ab", "ba", 5), 1); /* transposition */
    assert_int_equal(vntext_distance("", "abc", 5), 3);
    assert_int_equal(vntext_distance("kitten", "sitting", 5), 3);
    assert_int_equal(vntext_distance("abcdef", "uvwxyz", 2), 3); /* limit + 1 */
}

/* The units the distance counts: code points, an invalid byte alone. */
static size_t units_of(const char *s, int32_t *out)
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len; n++) {
        size_t k = utf8_decode(s + i, len - i, &out[n]);
        if (!k)
            k = 1, out[n] = 0x40000000 | (unsigned char)s[i];
        i += k;
    }
    return n;
}

/* The distance as defined: every unit aligned, a full table. */
static size_t reference_distance(const char *a, const char *b)
{
    int32_t x[64], y[64];
    size_t n = units_of(a, x), m = units_of(b, y), d[65][65];
    for (size_t i = 0; i <= n; i++)
        for (size_t j = 0; j <= m; j++) {
            if (!i || !j) {
                d[i][j] = i + j;
                continue;
            }
            size_t best = d[i - 1][j - 1] + (x[i - 1] != y[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] &&
                x[i - 2] == y[j - 1] && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[n][m];
}

/* The common start and end are set aside on character boundaries: random
 * texts of a few letters, some of them several bytes long or invalid,
 * against the full table. */
static void distance_agrees_with_the_full_table(void **state)
{
    (void)state;
    static const char *const pieces[] = {"a",    "b",    "ế",    "ê", "e",
                                         "\xe1", "\xba", "\xbf", " "};
    unsigned seed = 12345;
    for (int round = 0; round < 20000; round++) {
        char a[64] = "", b[64] = "";
        for (char *t = a; t; t = t == a ? b : NULL) {
            seed = seed * 1103515245 + 12345;
            for (unsigned k = (seed >> 16) % 7; k > 0; k--) {
                seed = seed * 1103515245 + 12345;
                strcat(t, pieces[(seed >> 16) % 9]);
            }
        }
        size_t want = reference_distance(a, b);
        assert_int_equal(vntext_distance(a, b, 20), want);
        assert_int_equal(vntext_distance(a, b, 1), want > 1 ? 2 : want);
    }
}

static void suggest_within_a_third(void **state)
{
    (void)state;
    const char *keys[] = {"id", "title", "lead", "partners", "time", "output"};
    assert_int_equal(vntext_suggest("partner", keys, 6), 3);
    assert_int_equal(vntext_suggest("tittle", keys, 6), 1);
    assert_int_equal(vntext_suggest("zzzzzz", keys, 6), -1);
    const char *units[] = {"Sở Tư pháp", "Sở Y tế"};
    assert_int_equal(vntext_suggest("So Y te", units, 2), 1); /* marks lost */
    assert_int_equal(vntext_suggest("Sở Y tê", units, 2), 1);
}

static void widths_follow_what_people_see(void **state)
{
    (void)state;
    const char *nfd = "Tu\xcc\x9b"; /* Tư, decomposed */
    assert_int_equal(utf8_advance(nfd, strlen(nfd), 0), 2);
    assert_int_equal(utf8_advance("Tư", strlen("Tư"), 0), 2);
    assert_int_equal(utf8_advance("\t", 1, 3), 8);
    assert_int_equal(utf8_advance("漢", strlen("漢"), 0), 2);
    assert_int_equal(utf8_advance("\xff", 1, 0), 1);
}

static void decode_refuses_bad_sequences(void **state)
{
    (void)state;
    int32_t cp;
    assert_int_equal(utf8_decode("\xc3\xa1", 2, &cp), 2);
    assert_int_equal(cp, 0xe1);
    assert_int_equal(utf8_decode("\xc0\xaf", 2, &cp), 0);     /* overlong */
    assert_int_equal(utf8_decode("\xed\xa0\x80", 3, &cp), 0); /* surrogate */
    assert_int_equal(utf8_decode("\xe1\xbb", 2, &cp), 0);     /* truncated */
    size_t bad = 99;
    assert_false(utf8_valid("ab\xc3(", 4, &bad));
    assert_int_equal(bad, 2);
    char out[4];
    assert_int_equal(utf8_encode(0x1F432, out), 4);
    assert_int_equal(utf8_decode(out, 4, &cp), 4);
    assert_int_equal(cp, 0x1F432);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fold_normalises_case_space_and_form),
        cmocka_unit_test(fold_unifies_tone_placement),
        cmocka_unit_test(fold_ascii_drops_marks),
        cmocka_unit_test(fold_ascii_cp_agrees_with_the_text_fold),
        cmocka_unit_test(fold_keeps_invalid_bytes),
        cmocka_unit_test(distance_counts_code_points),
        cmocka_unit_test(distance_agrees_with_the_full_table),
        cmocka_unit_test(suggest_within_a_third),
        cmocka_unit_test(widths_follow_what_people_see),
        cmocka_unit_test(decode_refuses_bad_sequences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
