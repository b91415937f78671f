/* test-diag.c - diagnostics: positions, caret lines, order, caps, JSON
 * (diag.h), and the source line index they rest on (source.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "diag.h"
#include "source.h"
#include "utf8.h"
#include "xalloc.h"

#include <string.h>

static source *make_source(const char *path, const char *text)
{
    return source_new(path, xstrdup(text), strlen(text));
}

static void lines_break_like_libyaml(void **state)
{
    (void)state;
    source *s = make_source("x.yaml", "\xEF\xBB\xBF"
                                      "a: 1\r\nb: 2\rc: 3\nd\xe2\x80\xa8"
                                      "e");
    assert_int_equal(source_line_count(s), 5);
    size_t len;
    const char *line = source_line(s, 1, &len);
    assert_int_equal(len, 4);
    assert_memory_equal(line, "a: 1", 4);
    line = source_line(s, 3, &len);
    assert_memory_equal(line, "c: 3", 4);
    srcpos p = source_pos_at(s, 1, 3); /* line 2, fourth character */
    assert_int_equal(p.line, 2);
    assert_int_equal(s->text[p.offset], '2');
    assert_int_equal(source_pos_of(s, p.offset).line, 2);
    source_free(s);
}

static void columns_count_what_people_see(void **state)
{
    (void)state;
    /* "Tư" decomposed: three code points, two columns */
    source *s = make_source("x.yaml", "lead: Tu\xcc\x9b X\n");
    srcpos p = source_pos_at(s, 0, 10); /* libyaml counts code points */
    assert_int_equal(s->text[p.offset], 'X');
    assert_int_equal(source_column(s, p), 10);
    source_free(s);
}

/* Columns deep in long lines, counted from marks the source keeps, are
 * those counted from the line's start: with marks (combining, wide,
 * zero-width), tabs, invalid bytes, and every kind of line break. */
static void columns_deep_in_long_lines(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "Tu\xcc\x9b ", "\xe4\xb8\xad", "\t", "\xe2\x41",
        "\x80",        "\xe2\x80\x8b", "x",
    };
    static const char *const breaks[] = {"\r\n", "\r", "\xc2\x85",
                                         "\xe2\x80\xa9", "\n"};
    strbuf text = STRBUF_INIT;
    for (size_t line = 0; line < 5; line++) {
        for (size_t i = 0; i < 9000 * (line % 2 ? 1 : 3); i++)
            strbuf_puts(
                &text,
                pieces[(i * 7 + line) % 7 == 0 ? 0 : (i * 5 + i / 3) % 7]);
        strbuf_puts(&text, breaks[line]);
    }
    source *s = source_new("x.yaml", xstrdup(strbuf_str(&text)), text.len);
    assert_int_equal(source_line_count(s), 6);
    for (unsigned line = 1; line <= 5; line++) {
        size_t len;
        const char *start = source_line(s, line, &len);
        assert_false(source_break_len(s->text, s->len,
                                      (size_t)(start - s->text) + len - 1));
        assert_true(
            source_break_len(s->text, s->len, (size_t)(start - s->text) + len));
        /* every byte around each multiple of 4 KiB of the text (where the
         * marks are), and a byte every KiB or so */
        size_t from = (size_t)(start - s->text);
        for (size_t at = 0; at <= len; at++) {
            size_t near = (from + at + 8) % 4096;
            if (near > 16 && at % 997 != 0)
                continue;
            srcpos pos = {line, from + at};
            assert_int_equal(source_column(s, pos),
                             utf8_advance(start, at, 0) + 1);
        }
    }
    strbuf_release(&text);
    source_free(s);
}

static void text_form_has_caret_under_the_spot(void **state)
{
    (void)state;
    source *s = make_source("plans/x.yaml", "id: a\n  partner: Sở Y tế\n");
    diag_sink *d = diag_sink_new(0);
    srcpos p = source_pos_at(s, 1, 2);
    diag *r =
        diag_at(d, DIAG_ERROR, s, p, strlen("partner"),
                "unknown key '%s'; did you mean '%s'?", "partner", "partners");
    diag_note(d, r, s, source_pos_at(s, 0, 0), 2, "first given here");
    strbuf out = STRBUF_INIT;
    diag_format_text(d, &out, false);
    assert_string_equal(
        strbuf_str(&out),
        "plans/x.yaml:2:3: error: unknown key 'partner'; did you mean 'partners'?\n"
        "    2 |   partner: Sở Y tế\n"
        "      |   ^~~~~~~\n"
        "plans/x.yaml:1:1: note: first given here\n"
        "    1 | id: a\n"
        "      | ^~\n");
    assert_int_equal(diag_errors(d), 1);
    assert_int_equal(diag_warnings(d), 0);
    strbuf_release(&out);
    diag_sink_free(d);
    source_free(s);
}

static void sorted_by_file_then_position(void **state)
{
    (void)state;
    source *a = make_source("a.yaml", "x\ny\n"),
           *b = make_source("b.yaml", "x\n");
    diag_sink *d = diag_sink_new(0);
    diag_register_file(d, "a.yaml");
    diag_register_file(d, "b.yaml");
    diag_at(d, DIAG_WARNING, b, source_pos_at(b, 0, 0), 1, "third");
    diag_at(d, DIAG_ERROR, a, source_pos_at(a, 1, 0), 1, "second");
    diag_at(d, DIAG_ERROR, a, source_pos_at(a, 0, 0), 1, "first");
    assert_string_equal(diag_get(d, 0)->message, "first");
    assert_string_equal(diag_get(d, 1)->message, "second");
    assert_string_equal(diag_get(d, 2)->message, "third");
    diag_sink_free(d);
    source_free(a);
    source_free(b);
}

static void cap_keeps_counting(void **state)
{
    (void)state;
    source *s = make_source("x.yaml", "a\n");
    diag_sink *d = diag_sink_new(2);
    for (int i = 0; i < 5; i++)
        assert_true((diag_at(d, DIAG_ERROR, s, source_pos_at(s, 0, 0), 1, "e%d",
                             i) != NULL) == (i < 2));
    assert_int_equal(diag_count(d), 2);
    assert_int_equal(diag_errors(d), 5);
    strbuf out = STRBUF_INIT;
    diag_format_text(d, &out, false);
    assert_non_null(
        strstr(strbuf_str(&out),
               "x.yaml: note: 3 more problems in this file not shown\n"));
    strbuf_release(&out);
    diag_sink_free(d);
    source_free(s);
}

static void move_keeps_counts_and_stage(void **state)
{
    (void)state;
    source *s = make_source("x.yaml", "a\n");
    diag_sink *to = diag_sink_new(0), *from = diag_sink_new(0);
    diag_set_stage(to, "schema");
    diag_at(from, DIAG_ERROR, s, source_pos_at(s, 0, 0), 1, "e");
    diag_at(from, DIAG_WARNING, s, source_pos_at(s, 0, 0), 1, "w");
    diag_move(to, from);
    assert_int_equal(diag_errors(to), 1);
    assert_int_equal(diag_warnings(to), 1);
    assert_int_equal(diag_errors(from), 0);
    assert_int_equal(diag_count(from), 0);
    assert_string_equal(diag_get(to, 0)->stage, "schema");
    diag_sink_free(to);
    diag_sink_free(from);
    source_free(s);
}

/* Moved into a sink whose cap is reached, a diagnostic is dropped (and
 * freed) but still counted, once. */
static void move_into_a_full_sink_counts_once(void **state)
{
    (void)state;
    source *s = make_source("x.yaml", "a\n");
    diag_sink *to = diag_sink_new(1), *from = diag_sink_new(0);
    diag_at(to, DIAG_ERROR, s, source_pos_at(s, 0, 0), 1, "first");
    diag_at(from, DIAG_ERROR, s, source_pos_at(s, 0, 0), 1, "e");
    diag_at(from, DIAG_WARNING, s, source_pos_at(s, 0, 0), 1, "w");
    diag_move(to, from);
    assert_int_equal(diag_errors(to), 2);
    assert_int_equal(diag_warnings(to), 1);
    assert_int_equal(diag_count(to), 1);
    diag_sink_free(to);
    diag_sink_free(from);
    source_free(s);
}

static void json_form_escapes(void **state)
{
    (void)state;
    source *s = make_source("x \"q\".yaml", "a\n");
    diag_sink *d = diag_sink_new(0);
    diag_set_stage(d, "yaml");
    diag_at(d, DIAG_ERROR, s, source_pos_at(s, 0, 0), 1, "bad \"%s\"\n", "x");
    diag_file(d, DIAG_WARNING, NULL, "no file");
    strbuf out = STRBUF_INIT;
    json_writer w;
    json_writer_init(&w, &out);
    diag_format_json(d, &w, NULL);
    assert_string_equal(
        strbuf_str(&out),
        "[\n  {\"file\":\"x \\\"q\\\".yaml\",\"line\":1,\"column\":1,\"severity\":\"error\","
        "\"stage\":\"yaml\",\"message\":\"bad \\\"x\\\"\\n\",\"notes\":[]},\n"
        "  {\"file\":null,\"line\":null,\"column\":null,\"severity\":\"warning\","
        "\"stage\":\"yaml\",\"message\":\"no file\",\"notes\":[]}\n]");
    strbuf_release(&out);
    diag_sink_free(d);
    source_free(s);
}

static void long_lines_are_cut_around_the_caret(void **state)
{
    (void)state;
    char text[1002];
    memset(text, 'x', 1000);
    text[700] = 'Y';
    text[1000] = '\n';
    text[1001] = '\0';
    source *s = make_source("x.yaml", text);
    diag_sink *d = diag_sink_new(0);
    diag_at(d, DIAG_ERROR, s, (srcpos){1, 700}, 1, "here");
    strbuf out = STRBUF_INIT;
    diag_format_text(d, &out, false);
    const char *body = strchr(strbuf_str(&out), '\n') + 1;
    const char *caret_line = strchr(body, '\n') + 1;
    /* the printed line and the caret line are both short, and line up */
    assert_true(strlen(body) < 400);
    size_t y = (size_t)(strchr(body, 'Y') - body);
    size_t caret = (size_t)(strchr(caret_line, '^') - caret_line);
    assert_int_equal(y, caret);
    assert_non_null(strstr(strbuf_str(&out), "x.yaml:1:701: error: here"));
    strbuf_release(&out);
    diag_sink_free(d);
    source_free(s);
}

static void huge_lines_are_not_copied_whole(void **state)
{
    (void)state;
    size_t n = 100000;
    char *text = xmalloc(n + 2);
    for (size_t i = 0; i < n; i++)
        text[i] =
            i % 3 == 0 ? '\t' : 'x'; /* tabs make columns differ from bytes */
    text[70000] = 'Y';
    text[n] = '\n';
    text[n + 1] = '\0';
    source *s = source_new("x.yaml", text, n + 1);
    diag_sink *d = diag_sink_new(0);
    diag_at(d, DIAG_ERROR, s, (srcpos){1, 70000}, 1, "here");
    const diag *x = diag_get(d, 0);
    assert_true(x->line_len <= 2 * 2048);
    assert_true(x->line_cut);
    assert_int_equal(x->column, source_column(s, (srcpos){1, 70000}));
    strbuf out = STRBUF_INIT;
    diag_format_text(d, &out, false);
    const char *body = strchr(strbuf_str(&out), '\n') + 1;
    const char *caret_line = strchr(body, '\n') + 1;
    size_t y = (size_t)(strchr(body, 'Y') - body);
    size_t caret = (size_t)(strchr(caret_line, '^') - caret_line);
    assert_int_equal(y, caret);
    assert_true(strlen(body) < 400);
    strbuf_release(&out);
    diag_sink_free(d);
    source_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lines_break_like_libyaml),
        cmocka_unit_test(columns_count_what_people_see),
        cmocka_unit_test(columns_deep_in_long_lines),
        cmocka_unit_test(text_form_has_caret_under_the_spot),
        cmocka_unit_test(sorted_by_file_then_position),
        cmocka_unit_test(cap_keeps_counting),
        cmocka_unit_test(move_keeps_counts_and_stage),
        cmocka_unit_test(move_into_a_full_sink_counts_once),
        cmocka_unit_test(json_form_escapes),
        cmocka_unit_test(long_lines_are_cut_around_the_caret),
        cmocka_unit_test(huge_lines_are_not_copied_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
