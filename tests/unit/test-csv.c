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
    csv_end_row(&sb);
    assert_string_equal(sb_str(&sb),
                        "Sở Tư pháp,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,-12\r\n");
    sb_release(&sb);
}

static void formulas_are_inert(void **state)
{
    (void)state;
    const char *cells[] = {"=1+1", "+84 123", "-3", "@SUM(A1)", "\tx", "\rx"};
    const char *want[] = {"\"'=1+1\"", "\"'+84 123\"", "\"'-3\"", "\"'@SUM(A1)\"",
                          "\"'\tx\"", "\"'\rx\""};
    for (size_t i = 0; i < 6; i++) {
        strbuf sb = STRBUF_INIT;
        csv_text(&sb, cells[i], true);
        assert_string_equal(sb_str(&sb), want[i]);
        sb_release(&sb);
    }
    strbuf sb = STRBUF_INIT;
    csv_text(&sb, "", true);            /* empty text: nothing at all */
    csv_text(&sb, "a=b", false);        /* '=' inside is harmless */
    assert_string_equal(sb_str(&sb), ",a=b");
    sb_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quoting_and_rows),
        cmocka_unit_test(formulas_are_inert),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
