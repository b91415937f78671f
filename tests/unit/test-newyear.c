/* test-newyear.c - next year's plan from this year's (newyear.h).
 *
 * The years of a text moved, one table row per text: its role, the old
 * plan's years, the move, and the text expected with what newyear_move()
 * says it did (years moved, 29 February made the 28th, years of the plan
 * kept, foreign years). Then whole drafts of small plans, compared byte
 * for byte: where the review comments go (before a block entry, never
 * inside a flow collection or a block scalar), the quoting kept, a value
 * whose escapes hide its digits written again, the file's line breaks and
 * byte order mark kept. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "newyear.h"
#include "yamlload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct move_row {
    newyear_role role;
    int from, to, by;
    const char *text, *want;
    size_t years, leap_days, kept, foreign;
} move_row;

#define T NEWYEAR_TIME
#define X NEWYEAR_TEXT

static const move_row rows[] = {
    /* the forms of the time grammar (when.h), each year moved */
    {T, 2026, 2026, 1, "Trước 30/6/2026", "Trước 30/6/2027", 1, 0, 0, 0},
    {T, 2026, 2026, 1, "Quý I/2026", "Quý I/2027", 1, 0, 0, 0},
    {T, 2026, 2026, 1, "Cả năm 2026.", "Cả năm 2027.", 1, 0, 0, 0},
    {T, 2026, 2026, 1, "tháng 3/2026", "tháng 3/2027", 1, 0, 0, 0},
    {T, 2026, 2026, 1, "Từ tháng 01/2026 đến tháng 12/2026.",
     "Từ tháng 01/2027 đến tháng 12/2027.", 2, 0, 0, 0},
    {T, 2024, 2024, 1, "Quý II và Quý IV trong năm 2024.",
     "Quý II và Quý IV trong năm 2025.", 1, 0, 0, 0},
    {T, 2021, 2021, 1, "Hoàn thành trước Quý III năm 2021",
     "Hoàn thành trước Quý III năm 2022", 1, 0, 0, 0},
    {T, 2026, 2026, 1, "2026-03..2026-04", "2027-03..2027-04", 2, 0, 0, 0},
    {T, 2026, 2026, 1, "2026-Q2", "2027-Q2", 1, 0, 0, 0},
    {T, 2026, 2026, 1, "2026-H1", "2027-H1", 1, 0, 0, 0},
    {T, 2026, 2026, 1, "2026-10-30", "2027-10-30", 1, 0, 0, 0},
    {T, 2026, 2026, 1, "trước ngày 30/10/2026", "trước ngày 30/10/2027", 1, 0,
     0, 0},
    {T, 2026, 2026, 1, "chậm nhất ngày 15 tháng 3 năm 2026",
     "chậm nhất ngày 15 tháng 3 năm 2027", 1, 0, 0, 0},
    {T, 2026, 2026, 1, "Quý I-IV", "Quý I-IV", 0, 0, 0, 0},
    {T, 2026, 2026, 1, "Hàng tháng", "Hàng tháng", 0, 0, 0, 0},
    /* December to January: both years move, no month is invented */
    {T, 2026, 2026, 1, "Từ tháng 12/2026 đến tháng 01/2027",
     "Từ tháng 12/2027 đến tháng 01/2028", 2, 0, 0, 0},
    {T, 2026, 2026, 1, "trước ngày 15/01/2027", "trước ngày 15/01/2028", 1, 0,
     0, 0},
    {T, 2026, 2026, 1, "2025-12-15..2026-01-14", "2026-12-15..2027-01-14", 2, 0,
     0, 0},
    /* 29 February into a year without one: the 28th */
    {T, 2028, 2028, 1, "trước ngày 29/02/2028", "trước ngày 28/02/2029", 1, 1,
     0, 0},
    {T, 2028, 2028, 1, "2028-02-29", "2029-02-28", 1, 1, 0, 0},
    {T, 2028, 2028, 1, "ngày 29 tháng 02 năm 2028", "ngày 28 tháng 02 năm 2029",
     1, 1, 0, 0},
    {T, 2028, 2028, 4, "29/2/2028", "29/2/2032", 1, 0, 0, 0},
    {T, 2028, 2028, 1, "29/03/2028", "29/03/2029", 1, 0, 0, 0},
    {T, 2027, 2027, 1, "28/02/2027", "28/02/2028", 1, 0, 0, 0},
    /* two years in one phrase */
    {T, 2026, 2027, 1, "2026-2027", "2027-2028", 2, 0, 0, 0},
    {T, 2026, 2026, 1, "Năm 2026 - 2027", "Năm 2027 - 2028", 2, 0, 0, 0},
    {X, 2026, 2027, 1, "giai đoạn 2026-2027", "giai đoạn 2027-2028", 2, 0, 0,
     0},
    {X, 2026, 2027, 1, "giai đoạn 2026 – 2027", "giai đoạn 2027 – 2028", 2, 0,
     0, 0},
    /* a period that is not the plan's span is kept, at either end */
    {X, 2020, 2020, 1, "giai đoạn 2016 - 2020", "giai đoạn 2016 - 2020", 0, 0,
     1, 0},
    {X, 2021, 2021, 1, "giai đoạn 2021 - 2030", "giai đoạn 2021 - 2030", 0, 0,
     1, 0},
    {X, 2026, 2026, 1, "năm 2026-2027", "năm 2026-2027", 0, 0, 1, 0},
    /* years in a time phrase that are not the plan's: foreign, left */
    {T, 2026, 2026, 1, "Quý I/2017", "Quý I/2017", 0, 0, 0, 1},
    {T, 2026, 2026, 1, "Năm 2026 (theo Luật năm 2017)",
     "Năm 2027 (theo Luật năm 2017)", 1, 0, 0, 1},
    /* the plan's words: its year moves, other years are left */
    {X, 2026, 2026, 1, "Kế hoạch năm 2026", "Kế hoạch năm 2027", 1, 0, 0, 0},
    {X, 2026, 2026, 1, "Luật Trợ giúp pháp lý năm 2017",
     "Luật Trợ giúp pháp lý năm 2017", 0, 0, 0, 0},
    {X, 2026, 2026, 1, "trước ngày 30/10/2026", "trước ngày 30/10/2027", 1, 0,
     0, 0},
    {X, 2026, 2026, 1, "ngày 25/12/2025 của Bộ Tư pháp",
     "ngày 25/12/2025 của Bộ Tư pháp", 0, 0, 0, 0},
    /* a date that dates a document cited stays */
    {X, 2026, 2026, 1, "Kế hoạch số 04/KH-UBND ngày 08/01/2026 của UBND tỉnh",
     "Kế hoạch số 04/KH-UBND ngày 08/01/2026 của UBND tỉnh", 0, 0, 1, 0},
    {X, 2024, 2024, 1, "Quyết định số 190/QĐ-UBND ngày 16 tháng 02 năm 2024",
     "Quyết định số 190/QĐ-UBND ngày 16 tháng 02 năm 2024", 0, 0, 1, 0},
    {X, 2017, 2017, 1, "Nghị định số 144/2017/NĐ-CP, ngày 15/12/2017",
     "Nghị định số 144/2017/NĐ-CP, ngày 15/12/2017", 0, 0, 1, 0},
    /* four digits that are no year */
    {X, 2026, 2026, 1, "Quyết định số 2026/QĐ-UBND",
     "Quyết định số 2026/QĐ-UBND", 0, 0, 0, 0},
    {X, 2026, 2026, 1, "QĐ2026, 20260 người, 2026,5 tỷ, 2026.5",
     "QĐ2026, 20260 người, 2026,5 tỷ, 2026.5", 0, 0, 0, 0},
    {X, 2026, 2026, 1, "hai-phong-nkt-2026", "hai-phong-nkt-2027", 1, 0, 0, 0},
    /* back a year, or several */
    {T, 2026, 2026, -1, "Quý I/2026", "Quý I/2025", 1, 0, 0, 0},
    {T, 2024, 2024, -3, "29/02/2024", "28/02/2021", 1, 1, 0, 0},
    {T, 2026, 2030, 5, "Từ năm 2026 đến năm 2030", "Từ năm 2031 đến năm 2035",
     2, 0, 0, 0},
};

static void years_moved(void **state)
{
    (void)state;
    arena *a = arena_new();
    int failures = 0;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const move_row *r = &rows[i];
        newyear_shift shift = {r->from, r->to, r->by};
        newyear_moved m;
        const char *got = newyear_move(a, r->text, r->role, &shift, &m);
        bool ok = strcmp(got, r->want) == 0 && m.years == r->years &&
                  m.leap_days == r->leap_days && m.kept == r->kept &&
                  m.foreign == r->foreign && (got == r->text) == !m.years;
        if (!ok) {
            print_error("'%s' -> '%s' (years %zu, leap %zu, kept %zu, "
                        "foreign %zu); want '%s' (%zu, %zu, %zu, %zu)\n",
                        r->text, got, m.years, m.leap_days, m.kept, m.foreign,
                        r->want, r->years, r->leap_days, r->kept, r->foreign);
            failures++;
        }
    }
    arena_free(a);
    assert_int_equal(failures, 0);
}

/* Any bytes: the result is as long, and differs only in digits. */
static void any_text_keeps_its_length(void **state)
{
    (void)state;
    arena *a = arena_new();
    static const char alphabet[] = "0123456789/-. –năm tháng ngày Quý2029";
    unsigned seed = 12345;
    char text[64];
    for (int round = 0; round < 20000; round++) {
        size_t n = 0, len = (size_t)(seed % 60);
        for (; n < len; n++) {
            seed = seed * 1103515245u + 12345u;
            text[n] = (seed >> 16) % 5 == 0
                          ? (char)((seed >> 8) & 0xFF)
                          : alphabet[(seed >> 8) % (sizeof alphabet - 1)];
            if (!text[n])
                text[n] = ' ';
        }
        text[n] = '\0';
        seed = seed * 1103515245u + 12345u;
        newyear_shift shift = {2028, 2028 + (int)(seed % 3), seed % 2 ? 1 : -3};
        newyear_moved m;
        for (int role = 0; role < 2; role++) {
            const char *got =
                newyear_move(a, text, (newyear_role)role, &shift, &m);
            assert_int_equal(strlen(got), n);
            for (size_t i = 0; i < n; i++)
                if (got[i] != text[i])
                    assert_true(got[i] >= '0' && got[i] <= '9' &&
                                text[i] >= '0' && text[i] <= '9');
        }
    }
    arena_free(a);
}

static void what_was_done_is_said(void **state)
{
    (void)state;
    arena *a = arena_new();
    newyear_shift shift = {2026, 2026, 1};
    newyear_moved m;
    newyear_move(a, "Quý I/2017, Quý II/2026", NEWYEAR_TIME, &shift, &m);
    assert_int_equal(m.foreign_year, 2017);
    assert_int_equal(m.old_year, 2026);
    assert_int_equal(m.new_year, 2027);
    newyear_move(a, "số 04/KH-UBND ngày 08/01/2026", NEWYEAR_TEXT, &shift, &m);
    assert_string_equal(m.kept_why,
                        "'08/01/2026' dates a document the plan cites");
    shift = (newyear_shift){2020, 2020, 1};
    newyear_move(a, "giai đoạn 2016 - 2020", NEWYEAR_TEXT, &shift, &m);
    assert_string_equal(m.kept_why,
                        "'2016 - 2020' is a period other than the plan's");
    arena_free(a);
}

static void the_year_given(void **state)
{
    (void)state;
    int year = 0;
    strbuf err = STRBUF_INIT;
    assert_true(newyear_year_of("2027", &year, &err));
    assert_int_equal(year, 2027);
    static const char *const bad[] = {"20x7",  "99999", "207",     "",
                                      "+2027", " 2027", "２０２７"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        strbuf_reset(&err);
        assert_false(newyear_year_of(bad[i], &year, &err));
        assert_non_null(strstr(strbuf_str(&err), "is not a year"));
    }
    strbuf_reset(&err);
    assert_false(newyear_year_of("1999", &year, &err));
    assert_string_equal(strbuf_str(&err),
                        "1999 is not a year a plan can have (2000 to 2100)");
    assert_false(newyear_year_of("2101", &year, &err));
    strbuf_release(&err);
}

/* Drafts text (a plan) for year; returns the status, the draft in out. */
static newyear_status draft_of(const char *text, int year, const char *id,
                               strbuf *out, size_t *review)
{
    source *src = source_new("p.yaml", strdup(text), strlen(text));
    arena *a = arena_new();
    diag_sink *d = diag_sink_new(0);
    node *root = yamlload_parse(a, src, d, &yamlload_default_limits);
    assert_non_null(root);
    plan *p = plan_build(a, src, root);
    newyear_summary sum;
    strbuf err = STRBUF_INIT;
    diag_sink *notes = diag_sink_new(0);
    newyear_status st =
        newyear_draft(p, year, id, NULL, out, notes, &sum, &err);
    if (st != NEWYEAR_OK)
        print_error("%s\n", strbuf_str(&err));
    else
        assert_int_equal(diag_warnings(notes), sum.review);
    if (review)
        *review = sum.review;
    free(sum.id);
    strbuf_release(&err);
    diag_sink_free(notes);
    diag_sink_free(d);
    arena_free(a);
    source_free(src);
    return st;
}

static void assert_draft(const char *text, int year, const char *want)
{
    strbuf out = STRBUF_INIT;
    assert_int_equal(draft_of(text, year, NULL, &out, NULL), NEWYEAR_OK);
    if (strcmp(strbuf_str(&out), want) != 0)
        print_error("draft:\n%s\nwant:\n%s\n", strbuf_str(&out), want);
    assert_string_equal(strbuf_str(&out), want);
    strbuf_release(&out);
}

static void comments_go_before_block_entries(void **state)
{
    (void)state;
    assert_draft(
        "id: thu-nghiem-2026\n"
        "number: 12/KH-STP\n"
        "issued: \"2026-01-15\"\n"
        "year: 2026\n"
        "sections:\n"
        "  - id: \"1\"\n"
        "    title: A\n"
        "    activities:\n"
        "      - {id: \"1\", title: B, time: Quý I/2026}\n"
        "      - id: \"2\"\n"
        "        title: C\n"
        "        # the two campaigns\n"
        "        time: |-\n"
        "          Tháng 3/2026\n"
        "          Tháng 9/2026\n"
        "        output: D\n"
        "reports:\n"
        "  - {what: E, due: '2026-10-30'}\n",
        2027,
        "# Drafted by `kehoach new` from thu-nghiem-2026 for 2027: check every "
        "\"# REVIEW\" comment, then run\n"
        "# `kehoach validate` on this file.\n"
        "# REVIEW (line 1): the id moved (was 'thu-nghiem-2026')\n"
        "id: thu-nghiem-2027\n"
        "# REVIEW (line 2): the old plan's number is left out (was "
        "'12/KH-STP'): fill in the new plan's\n"
        "number: /KH-STP\n"
        "# REVIEW (line 3): the date of issue is the new plan's: its year "
        "moved, day and month left blank (was '2026-01-15')\n"
        "issued: \"2027\"\n"
        "# REVIEW (line 4): the plan's year moved (was 2026)\n"
        "year: 2027\n"
        "sections:\n"
        "  - id: \"1\"\n"
        "    title: A\n"
        "    activities:\n"
        "      # REVIEW (line 9): moved to the new plan's years (was 'Quý "
        "I/2026')\n"
        "      - {id: \"1\", title: B, time: Quý I/2027}\n"
        "      - id: \"2\"\n"
        "        title: C\n"
        "        # the two campaigns\n"
        "        # REVIEW (line 13): moved to the new plan's years (2026 -> "
        "2027)\n"
        "        time: |-\n"
        "          Tháng 3/2027\n"
        "          Tháng 9/2027\n"
        "        output: D\n"
        "reports:\n"
        "  # REVIEW (line 18): moved to the new plan's years (was "
        "'2026-10-30')\n"
        "  - {what: E, due: '2027-10-30'}\n");
}

static void a_modeline_stays_first(void **state)
{
    (void)state;
    /* CR LF kept, the byte order mark kept, a span moved, a number of no
     * form ("số" only) left and marked */
    assert_draft("\xEF\xBB\xBF# yaml-language-server: $schema=x.json\r\n"
                 "id: ke-hoach\r\n"
                 "number: chưa có\r\n"
                 "span: {from: 2026, to: 2030}\r\n"
                 "title: Giai đoạn 2026 - 2030\r\n",
                 2031,
                 "\xEF\xBB\xBF# yaml-language-server: $schema=x.json\r\n"
                 "# Drafted by `kehoach new` from ke-hoach for 2031: check "
                 "every \"# REVIEW\" comment, then run\r\n"
                 "# `kehoach validate` on this file.\r\n"
                 "# REVIEW (line 2): the id 'ke-hoach' names no year of the "
                 "plan: it is the old plan's; give the new plan an id of its "
                 "own\r\n"
                 "id: ke-hoach\r\n"
                 "# REVIEW (line 3): the number is the new plan's: fill it in "
                 "when it is issued\r\n"
                 "number: chưa có\r\n"
                 "# REVIEW (line 4): the span moved (was 2026-2030)\r\n"
                 "span: {from: 2031, to: 2035}\r\n"
                 "# REVIEW (line 5): the plan's year in the wording moved "
                 "(2026 -> 2031): check the text still holds\r\n"
                 "title: Giai đoạn 2031 - 2035\r\n");
}

static void escapes_hide_digits(void **state)
{
    (void)state;
    /* "\x32" is a 2: the value's runs of digits are not the text's, so the
     * value is written again, quoted; a single-quoted one keeps its
     * quotes */
    assert_draft("id: a\n"
                 "year: 2026\n"
                 "title: \"năm \\x32026\"\n"
                 "closing: 'năm 2026'\n",
                 2027,
                 "# Drafted by `kehoach new` from a for 2027: check every "
                 "\"# REVIEW\" comment, then run\n"
                 "# `kehoach validate` on this file.\n"
                 "# REVIEW (line 1): the id 'a' names no year of the plan: it "
                 "is the old plan's; give the new plan an id of its own\n"
                 "id: a\n"
                 "# REVIEW (line 2): the plan's year moved (was 2026)\n"
                 "year: 2027\n"
                 "# REVIEW (line 3): the plan's year in the wording moved "
                 "(2026 -> 2027): check the text still holds\n"
                 "title: \"năm 2027\"\n"
                 "# REVIEW (line 4): the plan's year in the wording moved "
                 "(2026 -> 2027): check the text still holds\n"
                 "closing: 'năm 2027'\n");
}

/* A value written once and used twice (an anchor and its alias) moves
 * once, where it is written. */
static void an_alias_moves_once(void **state)
{
    (void)state;
    assert_draft("id: a-2026\n"
                 "year: 2026\n"
                 "title: &t Kế hoạch năm 2026\n"
                 "closing: *t\n",
                 2027,
                 "# Drafted by `kehoach new` from a-2026 for 2027: check every "
                 "\"# REVIEW\" comment, then run\n"
                 "# `kehoach validate` on this file.\n"
                 "# REVIEW (line 1): the id moved (was 'a-2026')\n"
                 "id: a-2027\n"
                 "# REVIEW (line 2): the plan's year moved (was 2026)\n"
                 "year: 2027\n"
                 "# REVIEW (line 3): the plan's year in the wording moved "
                 "(2026 -> 2027): check the text still holds\n"
                 "title: &t Kế hoạch năm 2027\n"
                 "closing: *t\n");
}

static void years_it_cannot_move_to(void **state)
{
    (void)state;
    strbuf out = STRBUF_INIT;
    const char *text = "id: a-2026\nyear: 2026\n";
    assert_int_equal(draft_of(text, 2026, NULL, &out, NULL), NEWYEAR_BAD_YEAR);
    assert_int_equal(draft_of("id: a\nspan: {from: 2096, to: 2100}\n", 2097,
                              NULL, &out, NULL),
                     NEWYEAR_BAD_YEAR);
    assert_int_equal(out.len, 0);
    /* the id given, and the time phrase read again a year on */
    size_t review;
    assert_int_equal(
        draft_of("id: a-2026\nyear: 2026\ndefaults:\n  time: Quý II/2026\n",
                 2027, "ke-hoach-moi", &out, &review),
        NEWYEAR_OK);
    assert_non_null(strstr(strbuf_str(&out), "\nid: ke-hoach-moi\n"));
    assert_non_null(strstr(strbuf_str(&out), "\n  time: Quý II/2027\n"));
    assert_int_equal(review, 3);
    strbuf_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(years_moved),
        cmocka_unit_test(any_text_keeps_its_length),
        cmocka_unit_test(what_was_done_is_said),
        cmocka_unit_test(the_year_given),
        cmocka_unit_test(comments_go_before_block_entries),
        cmocka_unit_test(a_modeline_stays_first),
        cmocka_unit_test(escapes_hide_digits),
        cmocka_unit_test(an_alias_moves_once),
        cmocka_unit_test(years_it_cannot_move_to),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
