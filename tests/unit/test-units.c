/* test-units.c - unit registry lookups and generic phrases (units.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "units.h"

static plan_text t(const char *s)
{
    return (plan_text){s, NULL};
}

static plan_text stp_aliases[] = {{"Sở Tư pháp", NULL}};
static plan_text tt_aliases[] = {{"Trung tâm Trợ giúp pháp lý Nhà nước", NULL}};

static units *sample(plan_unit *list)
{
    list[0] = (plan_unit){t("stp"), t("Sở Tư pháp thành phố Hải Phòng"), {0}, stp_aliases, 1, NULL};
    list[1] = (plan_unit){t("tt-tgpl"), t("Trung tâm Trợ giúp pháp lý Nhà nước thành phố Hải Phòng"),
                          t("stp"), tt_aliases, 1, NULL};
    list[2] = (plan_unit){t("syt"), t("Sở Y tế"), {0}, NULL, 0, NULL};
    list[3] = (plan_unit){t("ubnd-xa"), t("Ủy ban nhân dân cấp xã"), {0}, NULL, 0, NULL};
    units *r = units_new(NULL);
    units_add(r, list, 4);
    return r;
}

static void finds_by_id_name_and_alias(void **state)
{
    (void)state;
    plan_unit list[4];
    units *r = sample(list);
    assert_int_equal(units_count(r), 4);
    assert_ptr_equal(units_lookup(r, "syt").unit, &list[2]);
    assert_ptr_equal(units_lookup(r, "Sở Y tế").unit, &list[2]);
    assert_ptr_equal(units_lookup(r, "SỞ Y TẾ.").unit, &list[2]);
    assert_ptr_equal(units_lookup(r, "Sở Tư pháp").unit, &list[0]);
    /* decomposed input, other case */
    assert_ptr_equal(units_lookup(r, "U\xcc\x89y ban nha\xcc\x82n da\xcc\x82n ca\xcc\x82\xcc\x81p xa\xcc\x83").unit,
                     &list[3]);
    /* old tone placement */
    assert_ptr_equal(units_lookup(r, "Uỷ ban nhân dân cấp xã").unit, &list[3]);
    assert_ptr_equal(units_lookup(r, "tt-tgpl").unit, &list[1]);
    assert_int_equal(units_lookup(r, "khong-co").verdict, UNITS_GENERIC);   /* lower case */
    units_free(r);
}

static void a_unit_within_a_unit(void **state)
{
    (void)state;
    plan_unit list[4];
    units *r = sample(list);
    units_match m = units_lookup(r, "Sở Tư pháp (Trung tâm Trợ giúp pháp lý Nhà nước)");
    assert_int_equal(m.verdict, UNITS_FOUND);
    assert_ptr_equal(m.unit, &list[1]);
    m = units_lookup(r, "Sở Tư pháp (Phòng Không Có)");
    assert_int_equal(m.verdict, UNITS_UNKNOWN);
    units_free(r);
}

static void unknown_names_get_a_suggestion(void **state)
{
    (void)state;
    plan_unit list[4];
    units *r = sample(list);
    units_match m = units_lookup(r, "Sở Y tê");
    assert_int_equal(m.verdict, UNITS_UNKNOWN);
    assert_string_equal(m.suggestion, "Sở Y tế");
    assert_ptr_equal(m.unit, &list[2]);
    m = units_lookup(r, "Hội Người mù");
    assert_int_equal(m.verdict, UNITS_UNKNOWN);
    assert_null(m.suggestion);
    /* another kind of unit is no suggestion, however close the letters */
    m = units_lookup(r, "Bộ Tư pháp");
    assert_int_equal(m.verdict, UNITS_UNKNOWN);
    assert_null(m.suggestion);
    m = units_lookup(r, "So Y te");          /* marks lost */
    assert_string_equal(m.suggestion, "Sở Y tế");
    units_free(r);
}

static void generic_phrases_are_not_units(void **state)
{
    (void)state;
    assert_true(units_is_generic("các cơ quan, tổ chức có liên quan"));
    assert_true(units_is_generic("Các cơ quan, tổ chức và cá nhân có liên quan"));
    assert_true(units_is_generic("cơ sở giam giữ"));
    assert_true(units_is_generic("Những đơn vị khác"));
    assert_true(units_is_generic("Cơ quan tổ chức có liên quan."));
    assert_false(units_is_generic("Cơ quan có thẩm quyền tiến hành tố tụng"));
    assert_false(units_is_generic("Sở Y tế"));
    plan_unit list[4];
    units *r = sample(list);
    assert_int_equal(units_lookup(r, "các cơ sở trợ giúp xã hội").verdict, UNITS_GENERIC);
    units_free(r);
}

static void a_registry_on_top_of_another(void **state)
{
    (void)state;
    plan_unit folder[4];
    units *outer = sample(folder);
    plan_unit own[1] = {{t("hoi-nm"), t("Hội Người mù"), t("stp"), NULL, 0, NULL}};
    units *r = units_new(outer);
    units_add(r, own, 1);
    assert_int_equal(units_count(r), 5);
    assert_ptr_equal(units_lookup(r, "Hội Người mù").unit, &own[0]);
    assert_ptr_equal(units_lookup(r, "Sở Y tế").unit, &folder[2]);
    assert_string_equal(units_lookup(r, "Sở Y tê").suggestion, "Sở Y tế");
    assert_int_equal(units_lookup(outer, "Hội Người mù").verdict, UNITS_UNKNOWN);
    units_free(r);
    units_free(outer);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finds_by_id_name_and_alias),
        cmocka_unit_test(a_unit_within_a_unit),
        cmocka_unit_test(unknown_names_get_a_suggestion),
        cmocka_unit_test(generic_phrases_are_not_units),
        cmocka_unit_test(a_registry_on_top_of_another),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
