/* test-json_writer.c - JSON through the builder (json_writer.h): nesting
 * and commas, layouts, escapes, numbers, dates, and the mistakes that
 * abort. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "json_writer.h"

#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void compact_nests_and_puts_the_commas(void **state)
{
    (void)state;
    strbuf out = STRBUF_INIT;
    json_writer w;
    json_writer_init(&w, &out);
    json_writer_object_begin(&w, NULL, JSON_WRITER_COMPACT);
    json_writer_string(&w, "s", "x");
    json_writer_string(&w, "none", NULL);
    json_writer_array_begin(&w, "a", JSON_WRITER_COMPACT);
    json_writer_object_begin(&w, NULL, JSON_WRITER_COMPACT);
    json_writer_int(&w, "k", 1);
    json_writer_array_begin(&w, "deep", JSON_WRITER_COMPACT);
    json_writer_array_begin(&w, NULL, JSON_WRITER_COMPACT);
    json_writer_end(&w);
    json_writer_bool(&w, NULL, true);
    json_writer_end(&w);
    json_writer_end(&w);
    json_writer_object_begin(&w, NULL, JSON_WRITER_COMPACT);
    json_writer_end(&w);
    json_writer_end(&w);
    json_writer_bool(&w, "f", false);
    json_writer_null(&w, "n");
    json_writer_end(&w);
    assert_string_equal(
        strbuf_str(&out),
        "{\"s\":\"x\",\"none\":null,\"a\":[{\"k\":1,\"deep\":[[],true]},{}],"
        "\"f\":false,\"n\":null}");
    assert_int_equal(w.depth, 0);
    strbuf_release(&out);
}

static void a_lone_value_is_the_whole(void **state)
{
    (void)state;
    strbuf out = STRBUF_INIT;
    json_writer w;
    json_writer_init(&w, &out);
    json_writer_string(&w, NULL, "một");
    assert_string_equal(strbuf_str(&out), "\"một\"");
    strbuf_release(&out);
}

/* The layouts of the engine's outputs: a top object one member a line,
 * arrays one element a line under it, a member put on a line of its own
 * in a compact object, a spaced object, and empty containers closed on
 * their line. */
static void lines_and_spaces_as_the_layout_says(void **state)
{
    (void)state;
    strbuf out = STRBUF_INIT;
    json_writer w;
    json_writer_init(&w, &out);
    json_writer_object_begin(&w, NULL, JSON_WRITER_LINES(0, 0));
    json_writer_string(&w, "as_of", "x");
    json_writer_array_begin(&w, "items", JSON_WRITER_LINES(1, 0));
    json_writer_object_begin(&w, NULL, JSON_WRITER_COMPACT);
    json_writer_int(&w, "a", 1);
    json_writer_break(&w, 2);
    json_writer_array_begin(&w, "inner", JSON_WRITER_LINES(4, 2));
    json_writer_int(&w, NULL, 2);
    json_writer_int(&w, NULL, 3);
    json_writer_end(&w);
    json_writer_break(&w, 2);
    json_writer_array_begin(&w, "empty", JSON_WRITER_LINES(4, 2));
    json_writer_end(&w);
    json_writer_end(&w);
    json_writer_end(&w);
    json_writer_array_begin(&w, "none", JSON_WRITER_LINES(2, 0));
    json_writer_end(&w);
    json_writer_object_begin(&w, "counts", JSON_WRITER_SPACED);
    json_writer_uint(&w, "overdue", 1);
    json_writer_uint(&w, "open", 2);
    json_writer_end(&w);
    json_writer_end(&w);
    assert_string_equal(strbuf_str(&out),
                        "{\n"
                        "\"as_of\": \"x\",\n"
                        "\"items\": [\n"
                        " {\"a\":1,\n"
                        "  \"inner\":[\n"
                        "    2,\n"
                        "    3\n"
                        "  ],\n"
                        "  \"empty\":[]}\n"
                        "],\n"
                        "\"none\": [],\n"
                        "\"counts\": {\"overdue\": 1, \"open\": 2}\n"
                        "}");
    strbuf_release(&out);
}

/* The same content, compact and one member a line. */
static void pretty_and_compact_differ_in_white_space_alone(void **state)
{
    (void)state;
    json_writer_layout layouts[2] = {JSON_WRITER_COMPACT,
                                     JSON_WRITER_LINES(2, 0)};
    const char *want[2] = {
        "{\"id\":\"p\",\"list\":[1,2]}",
        "{\n  \"id\": \"p\",\n  \"list\": [1,2]\n}",
    };
    for (int i = 0; i < 2; i++) {
        strbuf out = STRBUF_INIT;
        json_writer w;
        json_writer_init(&w, &out);
        json_writer_object_begin(&w, NULL, layouts[i]);
        json_writer_string(&w, "id", "p");
        json_writer_array_begin(&w, "list", JSON_WRITER_COMPACT);
        json_writer_uint(&w, NULL, 1);
        json_writer_uint(&w, NULL, 2);
        json_writer_end(&w);
        json_writer_end(&w);
        assert_string_equal(strbuf_str(&out), want[i]);
        strbuf_release(&out);
    }
}

static void strings_are_escaped(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    const char *s = "Kế \"hoạch\"\n\t\\\x01\r\b\f/";
    json_writer_quote(&sb, s, strlen(s));
    assert_string_equal(strbuf_str(&sb),
                        "\"Kế \\\"hoạch\\\"\\n\\t\\\\\\u0001\\r\\b\\f/\"");
    /* DEL, C1 and the bidi controls are escaped too: JSON is often read
     * on a terminal */
    strbuf_reset(&sb);
    const char *controls = "\x1b[31mđỏ\x7f\xc2\x9b\xe2\x80\xae";
    json_writer_quote(&sb, controls, strlen(controls));
    assert_string_equal(strbuf_str(&sb),
                        "\"\\u001b[31mđỏ\\u007f\\u009b\\u202e\"");
    /* n bytes, a NUL among them; bytes that are not UTF-8 stay as they are */
    strbuf_reset(&sb);
    json_writer_quote(&sb, "a\0b\xff\xc3", 5);
    assert_memory_equal(strbuf_str(&sb), "\"a\\u0000b\xff\xc3\"", 12);
    assert_int_equal(sb.len, 12);
    /* keys go through the same quoting */
    strbuf_reset(&sb);
    json_writer w;
    json_writer_init(&w, &sb);
    json_writer_object_begin(&w, NULL, JSON_WRITER_COMPACT);
    json_writer_string(&w, "k\"\xe2\x81\xa7", "tab\there");
    json_writer_end(&w);
    assert_string_equal(strbuf_str(&sb), "{\"k\\\"\\u2067\":\"tab\\there\"}");
    strbuf_release(&sb);
}

static void numbers_as_json_writes_them(void **state)
{
    (void)state;
    strbuf out = STRBUF_INIT;
    json_writer w;
    json_writer_init(&w, &out);
    json_writer_array_begin(&w, NULL, JSON_WRITER_COMPACT);
    json_writer_int(&w, NULL, INTMAX_MIN);
    json_writer_int(&w, NULL, -7);
    json_writer_uint(&w, NULL, UINTMAX_MAX);
    json_writer_uint(&w, NULL, (size_t)0);
    json_writer_double(&w, NULL, 100);
    json_writer_double(&w, NULL, 0.5);
    json_writer_double(&w, NULL, 1.0 / 3);
    json_writer_double(&w, NULL, 1e15);
    json_writer_double(&w, NULL, -2.25e-7);
    json_writer_double(&w, NULL, INFINITY);
    json_writer_double(&w, NULL, -INFINITY);
    json_writer_double(&w, NULL, NAN);
    json_writer_end(&w);
    assert_string_equal(
        strbuf_str(&out),
        "[-9223372036854775808,-7,18446744073709551615,0,100,0.5,"
        "0.333333333333333,1e+15,-2.25e-07,null,null,null]");
    strbuf_release(&out);
}

static void dates_are_iso_strings(void **state)
{
    (void)state;
    strbuf out = STRBUF_INIT;
    json_writer w;
    json_writer_init(&w, &out);
    date d = {2026, 3, 5}, far = {987, 12, 31};
    json_writer_object_begin(&w, NULL, JSON_WRITER_SPACED);
    json_writer_date(&w, "due", &d);
    json_writer_date(&w, "old", &far);
    json_writer_date(&w, "until", NULL);
    json_writer_end(&w);
    assert_string_equal(
        strbuf_str(&out),
        "{\"due\": \"2026-03-05\", \"old\": \"0987-12-31\", \"until\": null}");
    strbuf_release(&out);
}

/* Runs misuse in a child with stderr closed: it must die of SIGABRT. */
static void assert_aborts(void (*misuse)(json_writer *w))
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, 2);
        strbuf out = STRBUF_INIT;
        json_writer w;
        json_writer_init(&w, &out);
        misuse(&w);
        _exit(0);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGABRT);
}

static void key_in_an_array(json_writer *w)
{
    json_writer_array_begin(w, NULL, JSON_WRITER_COMPACT);
    json_writer_int(w, "k", 1);
}

static void member_without_a_key(json_writer *w)
{
    json_writer_object_begin(w, NULL, JSON_WRITER_COMPACT);
    json_writer_int(w, NULL, 1);
}

static void key_at_the_top(json_writer *w)
{
    json_writer_null(w, "k");
}

static void end_with_nothing_open(json_writer *w)
{
    json_writer_array_begin(w, NULL, JSON_WRITER_COMPACT);
    json_writer_end(w);
    json_writer_end(w);
}

static void nested_too_deep(json_writer *w)
{
    for (int i = 0; i <= JSON_WRITER_MAX_DEPTH; i++)
        json_writer_array_begin(w, NULL, JSON_WRITER_COMPACT);
}

static void mistakes_abort(void **state)
{
    (void)state;
    assert_aborts(key_in_an_array);
    assert_aborts(member_without_a_key);
    assert_aborts(key_at_the_top);
    assert_aborts(end_with_nothing_open);
    assert_aborts(nested_too_deep);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(compact_nests_and_puts_the_commas),
        cmocka_unit_test(a_lone_value_is_the_whole),
        cmocka_unit_test(lines_and_spaces_as_the_layout_says),
        cmocka_unit_test(pretty_and_compact_differ_in_white_space_alone),
        cmocka_unit_test(strings_are_escaped),
        cmocka_unit_test(numbers_as_json_writes_them),
        cmocka_unit_test(dates_are_iso_strings),
        cmocka_unit_test(mistakes_abort),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
