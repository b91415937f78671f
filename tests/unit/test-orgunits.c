/* test-units.c - unit registry lookups, generic phrases and suggestions
 * (units.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "orgunits.h"

#include <string.h>

static plan_text t(const char *s)
{
    return (plan_text){s, NULL};
}

static plan_text stp_aliases[] = {{"Sở Tư pháp", NULL}};
static plan_text tt_aliases[] = {{"Trung tâm Trợ giúp pháp lý Nhà nước", NULL}};

static orgunits *sample(plan_unit *list)
{
    list[0] = (plan_unit){t("stp"), t("Sở Tư pháp thành phố Hải Phòng"),
                          {0},      stp_aliases,
                          1,        NULL};
    list[1] = (plan_unit){
        t("tt-tgpl"),
        t("Trung tâm Trợ giúp pháp lý Nhà nước thành phố Hải Phòng"),
        t("stp"),
        tt_aliases,
        1,
        NULL};
    list[2] = (plan_unit){t("syt"), t("Sở Y tế"), {0}, NULL, 0, NULL};
    list[3] =
        (plan_unit){t("ubnd-xa"), t("Ủy ban nhân dân cấp xã"), {0}, NULL, 0,
                    NULL};
    orgunits *r = orgunits_new(NULL);
    orgunits_add(r, list, 4);
    return r;
}

static void finds_by_id_name_and_alias(void **state)
{
    (void)state;
    plan_unit list[4];
    orgunits *r = sample(list);
    assert_int_equal(orgunits_count(r), 4);
    assert_ptr_equal(orgunits_lookup(r, "syt").unit, &list[2]);
    assert_ptr_equal(orgunits_lookup(r, "Sở Y tế").unit, &list[2]);
    assert_ptr_equal(orgunits_lookup(r, "SỞ Y TẾ.").unit, &list[2]);
    assert_ptr_equal(orgunits_lookup(r, "Sở Tư pháp").unit, &list[0]);
    /* decomposed input, other case */
    assert_ptr_equal(
        orgunits_lookup(
            r,
            "U\xcc\x89y ban nha\xcc\x82n da\xcc\x82n ca\xcc\x82\xcc\x81p xa\xcc\x83")
            .unit,
        &list[3]);
    /* old tone placement */
    assert_ptr_equal(orgunits_lookup(r, "Uỷ ban nhân dân cấp xã").unit,
                     &list[3]);
    assert_ptr_equal(orgunits_lookup(r, "tt-tgpl").unit, &list[1]);
    assert_int_equal(orgunits_lookup(r, "khong-co").verdict,
                     UNITS_GENERIC); /* lower case */
    orgunits_free(r);
}

static void a_unit_within_a_unit(void **state)
{
    (void)state;
    plan_unit list[4];
    orgunits *r = sample(list);
    orgunits_match m =
        orgunits_lookup(r, "Sở Tư pháp (Trung tâm Trợ giúp pháp lý Nhà nước)");
    assert_int_equal(m.verdict, UNITS_FOUND);
    assert_ptr_equal(m.unit, &list[1]);
    m = orgunits_lookup(r, "Sở Tư pháp (Phòng Không Có)");
    assert_int_equal(m.verdict, UNITS_UNKNOWN);
    orgunits_free(r);
}

/* A name written without its diacritics, or with one wrong, is the one
 * unit whose name has the same letters; a dash is a dash. */
static void a_name_without_diacritics_is_its_unit(void **state)
{
    (void)state;
    plan_unit list[4];
    orgunits *r = sample(list);
    orgunits_match m = orgunits_lookup(r, "So Y te");
    assert_int_equal(m.verdict, UNITS_FOUND);
    assert_ptr_equal(m.unit, &list[2]);
    assert_true(m.loose);
    assert_string_equal(m.name, "Sở Y tế");
    m = orgunits_lookup(r, "Sở Y tê"); /* a wrong mark */
    assert_ptr_equal(m.unit, &list[2]);
    assert_true(m.loose);
    m = orgunits_lookup(r, "Sở Y tế");
    assert_false(m.loose);
    m = orgunits_lookup(
        r, "Trung tâm trợ giúp pháp lý nhà nước thành phố Hai Phong");
    assert_ptr_equal(m.unit, &list[1]);
    m = orgunits_lookup(r, "Sở Tư pháp (Trung tam Tro giup phap ly Nha nuoc)");
    assert_ptr_equal(m.unit, &list[1]);
    assert_true(m.loose);
    /* the first word carries the kind of unit: other letters, no unit */
    assert_int_equal(orgunits_lookup(r, "Bộ Tư pháp").verdict, UNITS_UNKNOWN);
    assert_int_equal(orgunits_lookup(r, "Sở Y tế xã").verdict, UNITS_UNKNOWN);
    orgunits_free(r);

    /* two units with the same letters: neither is taken */
    plan_unit two[2] = {{t("a"), t("Hội Người mù"), {0}, NULL, 0, NULL},
                        {t("b"), t("Hội Người mủ"), {0}, NULL, 0, NULL}};
    r = orgunits_new(NULL);
    orgunits_add(r, two, 2);
    assert_ptr_equal(orgunits_lookup(r, "Hội Người mù").unit, &two[0]);
    assert_ptr_equal(orgunits_lookup(r, "Hội Người mủ").unit, &two[1]);
    assert_int_equal(orgunits_lookup(r, "Hoi Nguoi mu").verdict, UNITS_UNKNOWN);
    orgunits_free(r);

    /* the dashes of word processors are '-' */
    plan_unit bp[1] = {
        {t("hc"), t("Bộ phận Hành chính - Tổng hợp"), {0}, NULL, 0, NULL}};
    r = orgunits_new(NULL);
    orgunits_add(r, bp, 1);
    m = orgunits_lookup(r, "Bộ phận Hành chính \u2013 Tổng hợp");
    assert_ptr_equal(m.unit, &bp[0]);
    assert_false(m.loose);
    orgunits_free(r);
}

/* Filters match through the same resolution: a query or a lead written
 * without diacritics, and names in a plan without a registry. */
static void names_match_without_diacritics(void **state)
{
    (void)state;
    plan_unit list[4];
    orgunits *r = sample(list);
    assert_true(orgunits_names(r, "Sở Y tế", "So Y te"));
    assert_true(orgunits_names(r, "So Y te", "syt"));
    assert_true(
        orgunits_names(r, "Sở Tư pháp (Trung tâm Trợ giúp pháp lý Nhà nước)",
                       "Trung tam Tro giup phap ly Nha nuoc"));
    assert_true(orgunits_names(
        r, "Trung tâm trợ giúp pháp lý nhà nước thành phố Hai Phong",
        "stp")); /* within the department */
    assert_false(orgunits_names(r, "Sở Y tế", "stp"));
    orgunits_free(r);
    assert_true(orgunits_names(NULL,
                               "Trung tâm Trợ giúp pháp lý tỉnh Quảng Trị",
                               "Trung tâm trợ giúp pháp lý tỉnh Quảng Tri"));
    assert_true(orgunits_names(NULL, "Sở Tư pháp (Trung tâm Trợ giúp pháp lý)",
                               "Trung tam tro giup phap ly"));
    assert_false(orgunits_names(NULL, "Bộ Tư pháp", "Sở Tư pháp"));
}

static void hints_of(orgunits_hints *h, const orgunits *r, const char *text)
{
    orgunits_hints_init(h, text);
    for (; r; r = orgunits_outer(r))
        orgunits_hints_offer_registry(h, r);
}

static void unknown_names_get_suggestions(void **state)
{
    (void)state;
    plan_unit list[4];
    orgunits *r = sample(list);
    orgunits_hints h;
    hints_of(&h, r, "Trung tâm Trợ giúp pháp lí Nhà nước"); /* one edit */
    assert_int_equal(h.count, 1);
    assert_string_equal(h.names[0], "Trung tâm Trợ giúp pháp lý Nhà nước");
    orgunits_hints_release(&h);
    hints_of(&h, r, "Hội Người mù");
    assert_int_equal(h.count, 0);
    orgunits_hints_release(&h);
    /* another kind of unit is no suggestion, however close the letters */
    hints_of(&h, r, "Bộ Tư pháp");
    assert_int_equal(h.count, 0);
    orgunits_hints_release(&h);
    /* a word in capitals may be the initials of words; nearest first */
    hints_of(&h, r, "Trung tâm TGPL");
    assert_int_equal(h.count, 2);
    assert_string_equal(h.names[0], "Trung tâm Trợ giúp pháp lý Nhà nước");
    assert_string_equal(
        h.names[1], "Trung tâm Trợ giúp pháp lý Nhà nước thành phố Hải Phòng");
    orgunits_hints_release(&h);
    hints_of(&h, r, "UBND cấp xa");
    assert_int_equal(h.count, 1);
    assert_string_equal(h.names[0], "Ủy ban nhân dân cấp xã");
    orgunits_hints_release(&h);
    /* ids by their letters */
    hints_of(&h, r, "tt-tgp");
    assert_int_equal(h.count, 1);
    assert_string_equal(h.names[0], "tt-tgpl");
    orgunits_hints_release(&h);
    orgunits_free(r);
}

/* At most UNITS_HINTS, nearest first, each name once whoever offers it. */
static void suggestions_are_few_and_ordered(void **state)
{
    (void)state;
    orgunits_hints h;
    orgunits_hints_init(&h, "Sở Tư phap");
    orgunits_hints_offer(&h, "Sở Tư pháp tỉnh Lạng Sơn", false);
    orgunits_hints_offer(&h, "Sở Tư pháp", false);
    orgunits_hints_offer(&h, "SỞ TƯ PHÁP", false); /* the same name */
    orgunits_hints_offer(&h, "Sở Tư pháp thành phố Hải Phòng", false);
    orgunits_hints_offer(&h, "Sở Tư pháo", false);
    orgunits_hints_offer(&h, "Sở Tài chính", false);
    assert_int_equal(h.count, UNITS_HINTS);
    assert_string_equal(h.names[0], "Sở Tư pháp"); /* marks only */
    assert_string_equal(h.names[1], "Sở Tư pháo"); /* an edit */
    assert_string_equal(h.names[2],
                        "Sở Tư pháp tỉnh Lạng Sơn"); /* begun, shorter */
    orgunits_hints_release(&h);
    orgunits_hints_init(&h, "");
    orgunits_hints_offer(&h, "Sở Tư pháp", false);
    assert_int_equal(h.count, 0);
    orgunits_hints_release(&h);
}

static void generic_phrases_are_not_units(void **state)
{
    (void)state;
    assert_true(orgunits_is_generic("các cơ quan, tổ chức có liên quan"));
    assert_true(
        orgunits_is_generic("Các cơ quan, tổ chức và cá nhân có liên quan"));
    assert_true(orgunits_is_generic("cơ sở giam giữ"));
    assert_true(orgunits_is_generic("Những đơn vị khác"));
    assert_true(orgunits_is_generic("Cơ quan tổ chức có liên quan."));
    assert_false(
        orgunits_is_generic("Cơ quan có thẩm quyền tiến hành tố tụng"));
    assert_false(orgunits_is_generic("Sở Y tế"));
    plan_unit list[4];
    orgunits *r = sample(list);
    assert_int_equal(orgunits_lookup(r, "các cơ sở trợ giúp xã hội").verdict,
                     UNITS_GENERIC);
    orgunits_free(r);
}

static void a_registry_on_top_of_another(void **state)
{
    (void)state;
    plan_unit folder[4];
    orgunits *outer = sample(folder);
    plan_unit own[1] = {
        {t("hoi-nm"), t("Hội Người mù"), t("stp"), NULL, 0, NULL}};
    orgunits *r = orgunits_new(outer);
    orgunits_add(r, own, 1);
    assert_int_equal(orgunits_count(r), 5);
    assert_ptr_equal(orgunits_lookup(r, "Hội Người mù").unit, &own[0]);
    assert_ptr_equal(orgunits_lookup(r, "Sở Y tế").unit, &folder[2]);
    assert_ptr_equal(orgunits_lookup(r, "Sở Y tê").unit, &folder[2]);
    assert_int_equal(orgunits_lookup(outer, "Hội Người mù").verdict,
                     UNITS_UNKNOWN);
    orgunits_free(r);
    orgunits_free(outer);
}

static void collect_name(const char *name, void *ctx)
{
    char *seen = ctx;
    strcat(seen, name);
    strcat(seen, "|");
}

/* Every id, name and alias, of the registry and of the one below it. */
static void every_name_is_listed(void **state)
{
    (void)state;
    plan_unit folder[4];
    orgunits *outer = sample(folder);
    plan_unit own[1] = {
        {t("hoi-nm"), t("Hội Người mù"), t("stp"), NULL, 0, NULL}};
    orgunits *r = orgunits_new(outer);
    orgunits_add(r, own, 1);
    char seen[1024] = "";
    orgunits_each_name(r, collect_name, seen);
    assert_string_equal(
        seen, "hoi-nm|Hội Người mù|stp|syt|Sở Tư pháp|Sở Tư pháp thành phố "
              "Hải Phòng|Sở Y tế|Trung tâm Trợ giúp pháp lý Nhà nước|Trung "
              "tâm Trợ giúp pháp lý Nhà nước thành phố Hải Phòng|tt-tgpl|"
              "ubnd-xa|Ủy ban nhân dân cấp xã|");
    seen[0] = '\0';
    orgunits_each_name(NULL, collect_name, seen);
    assert_string_equal(seen, "");
    orgunits_free(r);
    orgunits_free(outer);
}

/* Outputs name a mention by its registered unit, however it was typed;
 * a name no unit has stays as written, marked when a registry exists. */
static void a_mention_is_named_by_its_unit(void **state)
{
    (void)state;
    plan_unit list[4];
    orgunits *r = sample(list);
    const char *ways[] = {
        "Sở Tư pháp thành phố Hải Phòng",
        "SỞ TƯ PHÁP THÀNH PHỐ HẢI PHÒNG",
        "So\xcc\x9b\xcc\x89 Tu\xcc\x9b pha\xcc\x81p", /* NFD, an alias */
        "stp",
        "So Tu phap thanh pho Hai Phong",
    };
    for (size_t i = 0; i < sizeof ways / sizeof *ways; i++) {
        orgunits_named n = orgunits_name(r, ways[i]);
        assert_string_equal(n.name, "Sở Tư pháp thành phố Hải Phòng");
        assert_string_equal(n.id, "stp");
        assert_ptr_equal(n.unit, &list[0]);
        assert_false(n.unregistered);
    }
    orgunits_named n =
        orgunits_name(r, "Sở Tư pháp (Trung tâm Trợ giúp pháp lý Nhà nước)");
    assert_string_equal(n.id, "tt-tgpl");
    n = orgunits_name(r, "Phòng Tư pháp huyện Hải Lăng");
    assert_string_equal(n.name, "Phòng Tư pháp huyện Hải Lăng");
    assert_null(n.id);
    assert_true(n.unregistered);
    n = orgunits_name(r, "các cơ quan có liên quan"); /* generic */
    assert_string_equal(n.name, "các cơ quan có liên quan");
    assert_null(n.id);
    assert_false(n.unregistered);
    orgunits *none = orgunits_new(NULL); /* nothing registered: no marks */
    n = orgunits_name(none, "Phòng Tư pháp huyện Hải Lăng");
    assert_false(n.unregistered);
    n = orgunits_name(NULL, "Phòng Tư pháp huyện Hải Lăng");
    assert_false(n.unregistered);
    assert_null(n.id);
    orgunits_free(none);
    orgunits_free(r);
}

/* A list of names as outputs show it: each unit once, by its name or id;
 * names no unit has as written (and without an id). */
static void a_list_is_shown_by_its_units(void **state)
{
    (void)state;
    plan_unit list[4];
    orgunits *r = sample(list);
    plan_text names[] = {t("SỞ TƯ PHÁP"), t("Phòng Không Có"), t("stp"),
                         t("Sở Y tế"), t("Sở Tư pháp thành phố Hải Phòng")};
    plan_units u = {names, 5, NULL};
    orgunits_named shown[5];
    assert_int_equal(orgunits_distinct(r, &u, shown), 3);
    assert_string_equal(shown[0].name, "Sở Tư pháp thành phố Hải Phòng");
    assert_string_equal(shown[1].name, "Phòng Không Có");
    assert_true(shown[1].unregistered);
    assert_string_equal(shown[2].id, "syt");
    strbuf sb = STRBUF_INIT;
    orgunits_join(r, &u, false, &sb);
    assert_string_equal(
        strbuf_str(&sb),
        "Sở Tư pháp thành phố Hải Phòng; Phòng Không Có; Sở Y tế");
    strbuf_reset(&sb);
    orgunits_join(r, &u, true, &sb);
    assert_string_equal(strbuf_str(&sb), "stp; syt");
    strbuf_reset(&sb);
    plan_units none = {NULL, 0, NULL};
    orgunits_join(r, &none, false, &sb);
    assert_int_equal(sb.len, 0);
    strbuf_release(&sb);
    orgunits_free(r);
}

/* A unit's governing body, found through the registries below too. */
static void a_unit_has_its_parent(void **state)
{
    (void)state;
    plan_unit folder[4];
    orgunits *outer = sample(folder);
    plan_unit own[2] = {{t("hoi-nm"), t("Hội Người mù"), t("Sở Tư pháp"), NULL,
                         0, NULL},
                        {t("ubnd"), t("Ủy ban nhân dân"), t("ubnd"), NULL, 0,
                         NULL}};
    orgunits *r = orgunits_new(outer);
    orgunits_add(r, own, 2);
    assert_ptr_equal(orgunits_parent(r, &folder[1]), &folder[0]);
    assert_ptr_equal(orgunits_parent(r, &own[0]), &folder[0]); /* by alias */
    assert_null(orgunits_parent(r, &folder[0]));               /* none */
    assert_null(orgunits_parent(r, &own[1])); /* itself: none */
    plan_unit club = {t("clb"), t("Câu lạc bộ"), t("hoi-nm"), NULL, 0, NULL};
    assert_ptr_equal(orgunits_parent(r, &club), &own[0]);
    assert_null(orgunits_parent(outer, &club)); /* not in outer */
    assert_null(orgunits_parent(r, NULL));
    orgunits_free(r);
    orgunits_free(outer);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finds_by_id_name_and_alias),
        cmocka_unit_test(a_unit_within_a_unit),
        cmocka_unit_test(a_name_without_diacritics_is_its_unit),
        cmocka_unit_test(names_match_without_diacritics),
        cmocka_unit_test(unknown_names_get_suggestions),
        cmocka_unit_test(suggestions_are_few_and_ordered),
        cmocka_unit_test(generic_phrases_are_not_units),
        cmocka_unit_test(a_registry_on_top_of_another),
        cmocka_unit_test(every_name_is_listed),
        cmocka_unit_test(a_mention_is_named_by_its_unit),
        cmocka_unit_test(a_unit_has_its_parent),
        cmocka_unit_test(a_list_is_shown_by_its_units),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
