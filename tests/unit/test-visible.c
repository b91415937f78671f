/* test-visible.c - untrusted text made safe for a terminal (visible.h),
 * and which characters count as controls (utf8.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "utf8.h"
#include "visible.h"

#include <string.h>

static void controls_are_named(void **state)
{
    (void)state;
    static const int32_t controls[] = {0x00, 0x07,   0x09,   0x0A,   0x1B,
                                       0x1F, 0x7F,   0x80,   0x85,   0x9B,
                                       0x9F, 0x202A, 0x202E, 0x2066, 0x2069};
    static const int32_t shown[] = {' ',    '~',    0xA0,   0xE0,   0x1EA1,
                                    0x200B, 0x200F, 0x2029, 0x202F, 0x2065,
                                    0x206A, 0xFEFF, 0xFFFD};
    for (size_t i = 0; i < sizeof controls / sizeof *controls; i++) {
        assert_true(utf8_is_control(controls[i]));
        assert_int_equal(utf8_cp_width(controls[i]), 1); /* one U+FFFD */
    }
    for (size_t i = 0; i < sizeof shown / sizeof *shown; i++)
        assert_false(utf8_is_control(shown[i]));
}

static void assert_visible(const char *in, size_t n, const char *want)
{
    strbuf sb = STRBUF_INIT;
    visible_append(&sb, in, n);
    assert_string_equal(strbuf_str(&sb), want);
    strbuf_release(&sb);
}

static void escapes_show_what_is_there(void **state)
{
    (void)state;
    assert_visible("Sở Tư pháp", strlen("Sở Tư pháp"), "Sở Tư pháp");
    assert_visible("\x1b[31mđỏ\x1b[0m", strlen("\x1b[31mđỏ\x1b[0m"),
                   "\\x1B[31mđỏ\\x1B[0m");
    assert_visible("a\ab\x7f"
                   "c\x01",
                   6, "a\\x07b\\x7Fc\\x01");
    assert_visible("hai\ndòng\tx", strlen("hai\ndòng\tx"),
                   "hai\\x0Adòng\\x09x");
    /* C1 (CSI, NEL) and the bidi override and isolate, as code points */
    assert_visible("\xc2\x9b"
                   "31m \xc2\x85 \xe2\x80\xae"
                   "abc \xe2\x81\xa6",
                   strlen("\xc2\x9b"
                          "31m \xc2\x85 \xe2\x80\xae"
                          "abc \xe2\x81\xa6"),
                   "\\u009B31m \\u0085 \\u202Eabc \\u2066");
    /* a NUL inside, and bytes that are not UTF-8 */
    assert_visible("a\0b", 3, "a\\x00b");
    assert_visible("x\xff\xc3(y", 5, "x\xEF\xBF\xBD\xEF\xBF\xBD(y");
}

static void assert_fit(const char *in, size_t columns, const char *want)
{
    strbuf sb = STRBUF_INIT;
    visible_fit(&sb, in, columns);
    assert_string_equal(strbuf_str(&sb), want);
    assert_true(utf8_advance(strbuf_str(&sb), sb.len, 0) <= columns);
    strbuf_release(&sb);
}

static void fitted_to_columns(void **state)
{
    (void)state;
    assert_fit("Tập huấn", 8, "Tập huấn");
    assert_fit("Tập huấn", 7, "Tập hu…");
    assert_fit("hai\r\ndòng\tmột", 20, "hai  dòng một");
    /* an escape takes the columns it is shown in, and may be cut */
    assert_fit("a\x1b[2Jb", 9, "a\\x1B[2Jb");
    assert_fit("a\x1b[2Jb", 6, "a\\x1B…");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(controls_are_named),
        cmocka_unit_test(escapes_show_what_is_there),
        cmocka_unit_test(fitted_to_columns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
