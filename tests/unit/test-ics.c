/* test-ics.c - iCalendar content lines: escaping and folding (ics.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "deadline_format.h"
#include "ics.h"
#include "utf8.h"

#include <string.h>

static void escapes_text_values(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    ics_text(&sb, "SUMMARY", "a;b,c\\d\ne\r");
    assert_string_equal(strbuf_str(&sb), "SUMMARY:a\\;b\\,c\\\\d\\ne\r\n");
    strbuf_reset(&sb);
    ics_date(&sb, "DTSTART", date_make(2024, 2, 29));
    assert_string_equal(strbuf_str(&sb), "DTSTART;VALUE=DATE:20240229\r\n");
    strbuf_release(&sb);
}

/* An all-day event ends the next day, in any year a date can be written:
 * the day after 9999-12-31 cannot, so that event lasts one day instead (it
 * once ended on "00000101"). */
static void all_day_events_in_any_year(void **state)
{
    (void)state;
    static const date days[] = {{1, 1, 1},
                                {2024, 12, 31},
                                {9999, 12, 30},
                                {9999, 12, 31}};
    deadline_item items[4];
    for (size_t i = 0; i < 4; i++)
        items[i] = (deadline_item){.kind = DEADLINE_REPORT,
                                   .plan_id = "p",
                                   .duty = 1,
                                   .title = "Báo cáo",
                                   .key = "k",
                                   .label = "Năm",
                                   .due = days[i]};
    deadline_list l = {.items = items, .count = 4};
    strbuf sb = STRBUF_INIT;
    deadline_format_ics(&l, 1709251200, "1", &sb);
    const char *s = strbuf_str(&sb);
    static const char *const want[] = {
        "DTSTART;VALUE=DATE:00010101\r\nDTEND;VALUE=DATE:00010102\r\n",
        "DTSTART;VALUE=DATE:20241231\r\nDTEND;VALUE=DATE:20250101\r\n",
        "DTSTART;VALUE=DATE:99991230\r\nDTEND;VALUE=DATE:99991231\r\n",
        "DTSTART;VALUE=DATE:99991231\r\nDURATION:P1D\r\n",
    };
    for (size_t i = 0; i < 4; i++) {
        s = strstr(s, want[i]);
        assert_non_null(s);
    }
    assert_null(strstr(strbuf_str(&sb), "00000101"));
    strbuf_release(&sb);
}

/* TEXT holds no control character but the tab (RFC 5545 §3.3.11): ESC,
 * BEL, U+0001, DEL, C1 and the bidi controls are left out; a line break is
 * escaped. */
static void controls_left_out_of_text(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    ics_text(&sb, "SUMMARY",
             "Tập\x1b[31m huấn\a\x01\x7f\xc2\x85\xe2\x80\xae\ta\nb");
    assert_string_equal(strbuf_str(&sb), "SUMMARY:Tập[31m huấn\ta\\nb\r\n");
    strbuf_release(&sb);
}

static void folds_long_vietnamese_lines(void **state)
{
    (void)state;
    const char *text =
        "Tăng cường triển khai các việc, vụ việc trợ giúp pháp lý cho người "
        "khuyết tật thuộc diện được trợ giúp pháp lý, trong đó ưu tiên xử lý "
        "những việc, vụ việc liên quan đến người khuyết tật";
    strbuf sb = STRBUF_INIT;
    ics_text(&sb, "DESCRIPTION", text);
    /* every physical line is at most 75 octets and valid UTF-8 on its own */
    const char *s = strbuf_str(&sb);
    size_t lines = 0;
    strbuf unfolded = STRBUF_INIT;
    while (*s) {
        const char *end = strstr(s, "\r\n");
        assert_non_null(end);
        size_t n = (size_t)(end - s);
        assert_true(n <= 75);
        assert_true(utf8_valid(s, n, NULL));
        if (lines++) {
            assert_int_equal(s[0], ' ');
            strbuf_add(&unfolded, s + 1, n - 1);
        } else {
            strbuf_add(&unfolded, s, n);
        }
        s = end + 2;
    }
    assert_true(lines > 2);
    /* unfolding gives back the line, commas escaped */
    assert_true(strncmp(strbuf_str(&unfolded), "DESCRIPTION:Tăng cường", 20) ==
                0);
    assert_non_null(strstr(strbuf_str(&unfolded), "các việc\\, vụ việc"));
    size_t commas = 0;
    for (const char *p = text; *p; p++)
        commas += *p == ',';
    assert_int_equal(commas, 3);
    assert_int_equal(unfolded.len,
                     strlen("DESCRIPTION:") + strlen(text) + commas);
    strbuf_release(&unfolded);
    strbuf_release(&sb);
}

/* DTSTAMP is the time given, in UTC, from 1970 to the last second of
 * 9999. */
static void stamp_is_the_time_given(void **state)
{
    (void)state;
    static const struct {
        time_t t;
        const char *line;
    } cases[] = {
        {0, "DTSTAMP:19700101T000000Z\r\n"},
        {1709251199, "DTSTAMP:20240229T235959Z\r\n"},
        {253402300799, "DTSTAMP:99991231T235959Z\r\n"},
    };
    deadline_item item = {.kind = DEADLINE_ACTIVITY,
                          .plan_id = "p",
                          .activity_id = "1.1",
                          .key = "2024",
                          .label = "Năm 2024",
                          .due = {2024, 12, 31}};
    deadline_list l = {.items = &item, .count = 1};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        strbuf sb = STRBUF_INIT;
        deadline_format_ics(&l, cases[i].t, "1", &sb);
        assert_non_null(strstr(strbuf_str(&sb), cases[i].line));
        strbuf_release(&sb);
    }
}

/* The calendar with its lines unfolded. */
static void unfolded_ics(const deadline_item *it, strbuf *out)
{
    deadline_list l = {.items = (deadline_item *)it, .count = 1};
    strbuf sb = STRBUF_INIT;
    deadline_format_ics(&l, 0, "1", &sb);
    const char *s = strbuf_str(&sb);
    for (const char *fold; (fold = strstr(s, "\r\n ")); s = fold + 3)
        strbuf_add(out, s, (size_t)(fold - s));
    strbuf_puts(out, s);
    strbuf_release(&sb);
}

/* An open item: CONFIRMED, SEQUENCE 0, no LAST-MODIFIED, a reminder. A
 * cancelled one: CANCELLED, SEQUENCE its records, LAST-MODIFIED the
 * latest one's day, marked, no reminder. One done: CONFIRMED, marked. */
static void finished_items_say_so(void **state)
{
    (void)state;
    deadline_item items[3];
    for (size_t i = 0; i < 3; i++)
        items[i] = (deadline_item){.kind = DEADLINE_ACTIVITY,
                                   .plan_id = "p",
                                   .activity_id = "1.1",
                                   .title = "Tập huấn",
                                   .key = "2024",
                                   .label = "Năm 2024",
                                   .due = {2024, 12, 31}};
    items[1].status = STATUS_CANCELLED;
    items[1].records = 3;
    items[1].changed = date_make(2024, 11, 2);
    items[2].status = STATUS_DONE_LATE;
    items[2].records = 1;
    items[2].changed = date_make(2025, 1, 6);
    static const char *const want[3][4] = {
        {"SEQUENCE:0\r\nSTATUS:CONFIRMED\r\n", "SUMMARY:Hạn 1.1: Tập huấn\r\n",
         "BEGIN:VALARM", NULL},
        {"LAST-MODIFIED:20241102T000000Z\r\nSEQUENCE:3\r\n"
         "STATUS:CANCELLED\r\n",
         "SUMMARY:[Hủy bỏ] Hạn 1.1: Tập huấn\r\n",
         "Tình trạng: Hủy bỏ (ghi ngày 02/11/2024)", NULL},
        {"LAST-MODIFIED:20250106T000000Z\r\nSEQUENCE:1\r\n"
         "STATUS:CONFIRMED\r\n",
         "SUMMARY:[Hoàn thành muộn] Hạn 1.1: Tập huấn\r\n",
         "Tình trạng: Hoàn thành muộn (ghi ngày 06/01/2025)", NULL},
    };
    for (size_t i = 0; i < 3; i++) {
        strbuf sb = STRBUF_INIT;
        unfolded_ics(&items[i], &sb);
        for (size_t k = 0; want[i][k]; k++)
            assert_non_null(strstr(strbuf_str(&sb), want[i][k]));
        if (i == 0)
            assert_null(strstr(strbuf_str(&sb), "LAST-MODIFIED"));
        else
            assert_null(strstr(strbuf_str(&sb), "VALARM"));
        strbuf_release(&sb);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escapes_text_values),
        cmocka_unit_test(all_day_events_in_any_year),
        cmocka_unit_test(controls_left_out_of_text),
        cmocka_unit_test(folds_long_vietnamese_lines),
        cmocka_unit_test(stamp_is_the_time_given),
        cmocka_unit_test(finished_items_say_so),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
