/* test-csv.c - RFC 4180 writing and formula-inert cells (csv.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "csv.h"

static void quoting_and_rows(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    csv_text(&sb, "Sở Tư pháp", true);
    csv_text(&sb, "a,b", false);
    csv_text(&sb, "say \"hi\"", false);
    csv_text(&sb, "two\nlines", false);
    csv_text(&sb, NULL, false);
    csv_number(&sb, -12, false);
    /* LibreOffice's text import splits on ';' and tabs by default */
    csv_text(&sb, "Báo cáo 1; Báo cáo 2", false);
    csv_text(&sb, "a\tb", false);
    csv_end_row(&sb);
    assert_string_equal(
        strbuf_str(&sb),
        "Sở Tư pháp,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,-12,"
        "\"Báo cáo 1; Báo cáo 2\",\"a\tb\"\r\n");
    strbuf_release(&sb);
}

static void formulas_are_inert(void **state)
{
    (void)state;
    const char *cells[] = {"=1+1", "+84 123", "-3", "@SUM(A1)", "\tx", "\rx"};
    const char *want[] = {"\"'=1+1\"",     "\"'+84 123\"", "\"'-3\"",
                          "\"'@SUM(A1)\"", "\"'\tx\"",     "\"'\rx\""};
    for (size_t i = 0; i < 6; i++) {
        strbuf sb = STRBUF_INIT;
        csv_text(&sb, cells[i], true);
        assert_string_equal(strbuf_str(&sb), want[i]);
        strbuf_release(&sb);
    }
    strbuf sb = STRBUF_INIT;
    csv_text(&sb, "", true);     /* empty text: nothing at all */
    csv_text(&sb, "a=b", false); /* '=' inside is harmless */
    assert_string_equal(strbuf_str(&sb), ",a=b");
    strbuf_release(&sb);
}

/* Control characters are left out (a spreadsheet cannot show them, a
 * terminal would act on them), before the formula check: an ESC before '='
 * must not hide the formula. Tabs and line breaks stay. */
static void controls_left_out(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    csv_text(&sb, "Tập\x1b[31m huấn\a\x7f", true);
    csv_text(&sb, "\x1b=1+1", false);
    csv_text(&sb,
             "a\xc2\x85"
             "b\xe2\x80\xae"
             "c",
             false);
    csv_text(&sb, "x\ty\nz", false);
    assert_string_equal(strbuf_str(&sb),
                        "Tập[31m huấn,\"'=1+1\",abc,\"x\ty\nz\"");
    strbuf_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quoting_and_rows),
        cmocka_unit_test(formulas_are_inert),
        cmocka_unit_test(controls_left_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
