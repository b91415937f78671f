/* test-import_sentence.c - the lead, partners and time an activity's own
 * text states (import_sentence.h): label chains, a closing bracket of
 * fields, the subject and "phối hợp với" of a sentence, its time clause. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "import_sentence.h"

#include <string.h>

static arena *A;

static int setup(void **state)
{
    (void)state;
    A = arena_new();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    arena_free(A);
    return 0;
}

static void assert_span(const char *s, const import_labelled *l,
                        import_field field, const char *want)
{
    assert_int_equal(l->field, field);
    assert_int_equal(l->to - l->from, strlen(want));
    assert_memory_equal(s + l->from, want, strlen(want));
}

static void labels_on_one_line(void **state)
{
    (void)state;
    const char *s = "Chủ trì: Văn phòng Sở; phối hợp: Trung tâm A; Hội B; "
                    "thời hạn: tháng 12/2025.";
    import_labelled l[8];
    assert_int_equal(import_sentence_labels(s, l, 8), 3);
    assert_span(s, &l[0], IMPORT_FIELD_LEAD, "Văn phòng Sở");
    /* a "; " not followed by a label stays in the value */
    assert_span(s, &l[1], IMPORT_FIELD_PARTNERS, "Trung tâm A; Hội B");
    assert_span(s, &l[2], IMPORT_FIELD_TIME, "tháng 12/2025.");
    assert_int_equal(import_sentence_labels("Tổ chức hội nghị.", l, 8), 0);
    /* max bounds what is written */
    assert_int_equal(import_sentence_labels(s, l, 2), 2);
}

static void a_closing_bracket_of_fields(void **state)
{
    (void)state;
    const char *s = "Xây dựng 06 phóng sự (chủ trì: Phòng A; thời gian: "
                    "Quý II/2025).";
    size_t at = import_sentence_bracket(s);
    assert_int_equal(at, strlen("Xây dựng 06 phóng sự "));
    /* a bracket that is part of the title, and none */
    const char *t = "Tập huấn cho cộng tác viên (02 lớp).";
    assert_int_equal(import_sentence_bracket(t), strlen(t));
    const char *u = "Tập huấn cho cộng tác viên";
    assert_int_equal(import_sentence_bracket(u), strlen(u));
    const char *v = "Đo (a (b)";
    assert_int_equal(import_sentence_bracket(v), strlen(v));
}

static void read(const char *s, const char *lead, const char *partners,
                 const char *time, bool subject)
{
    import_sentence got;
    import_sentence_read(A, s, &got);
    if (lead)
        assert_string_equal(got.lead, lead);
    else
        assert_null(got.lead);
    if (partners)
        assert_string_equal(got.partners, partners);
    else
        assert_null(got.partners);
    if (time)
        assert_string_equal(got.time, time);
    else
        assert_null(got.time);
    assert_int_equal(got.subject, subject);
}

static void units_and_time_in_a_sentence(void **state)
{
    (void)state;
    read("Trung tâm Trợ giúp pháp lý nhà nước tỉnh chủ trì, phối hợp với "
         "Công an tỉnh, Viện kiểm sát nhân dân tỉnh cử người tham gia tố "
         "tụng; thực hiện thường xuyên trong năm 2024.",
         "Trung tâm Trợ giúp pháp lý nhà nước tỉnh",
         "Công an tỉnh, Viện kiểm sát nhân dân tỉnh",
         "thường xuyên trong năm 2024", false);
    read("Sở Tư pháp chủ trì, phối hợp với Sở Tài chính kiểm tra việc thực "
         "hiện tại các huyện trong Quý IV/2024.",
         "Sở Tư pháp", "Sở Tài chính", "Quý IV/2024", false);
    /* the subject before its verb, in capitals or not */
    read("Phòng Phổ biến, giáo dục pháp luật biên soạn sổ tay, phối hợp "
         "với Trung tâm A; hoàn thành trong năm 2026.",
         "Phòng Phổ biến, giáo dục pháp luật", "Trung tâm A", "năm 2026", true);
    read("Trung tâm A tập huấn cho cộng tác viên, phối hợp với Sở Y tế; "
         "thực hiện trong Quý III hằng năm.",
         "Trung tâm A", "Sở Y tế", "Quý III hằng năm", true);
    /* a time after a comma, "vào", "trước ngày"; a clause after it */
    read("Tuyên truyền trên loa truyền thanh cơ sở, thực hiện hằng quý.", NULL,
         NULL, "hằng quý", false);
    read("Tổ chức hội nghị sơ kết vào tháng 7/2024, báo cáo Sở.", NULL, NULL,
         "tháng 7/2024", false);
    read("Lắp đặt bảng thông tin trước ngày 30/6/2025.", NULL, NULL,
         "trước ngày 30/6/2025", false);
    read("Rà soát danh sách, hoàn thành trong Quý II, Quý III/2025.", NULL,
         NULL, "Quý II, Quý III/2025", false);
    /* month names and years that are no time of the activity */
    read("Lồng ghép nội dung trong Tháng hành động vì trẻ em.", NULL, NULL,
         NULL, false);
    read("Tổng kết 5 năm thi hành Luật Trợ giúp pháp lý năm 2017.", NULL, NULL,
         NULL, false);
    /* a sentence that assigns the work names the units after "Giao" */
    read("Giao Phòng Tư pháp huyện chủ trì, phối hợp với Ủy ban nhân dân "
         "các xã, thị trấn thực hiện; hoàn thành trong Quý II/2025.",
         "Phòng Tư pháp huyện", "Ủy ban nhân dân các xã, thị trấn",
         "Quý II/2025", false);
    /* a name with no verb after it is no subject */
    read("Sở Tư pháp.", NULL, NULL, NULL, false);
}

static void verbs_an_activity_opens_with(void **state)
{
    (void)state;
    assert_true(import_sentence_starts_with_verb("Tổ chức hội nghị"));
    assert_true(import_sentence_starts_with_verb("XÂY DỰNG tài liệu"));
    assert_false(import_sentence_starts_with_verb("Sở Tư pháp"));
    /* a word that only starts like a verb */
    assert_false(import_sentence_starts_with_verb("Inh ỏi"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(labels_on_one_line),
        cmocka_unit_test(a_closing_bracket_of_fields),
        cmocka_unit_test(units_and_time_in_a_sentence),
        cmocka_unit_test(verbs_an_activity_opens_with),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
