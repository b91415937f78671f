/* test-progress_write.c - writing a record at the end of a log
 * (progress_write.h). An appended log is read back with the YAML loader:
 * the new record must come back with every value it was given, whatever
 * characters its text holds, and the same from the resume offset on:
 * the last old record, then the new one. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "arena.h"
#include "progress_write.h"
#include "xalloc.h"
#include "yamlload.h"

#include <stdlib.h>
#include <string.h>

static const progress_write_value values[] = {{"Tỷ lệ \"đạt\"", 85.5}};
static const char *const evidence[] = {"Báo cáo số 12/BC-TTTGPL",
                                       "a\\b\tc\nd: - [x] #e"};

static progress_write_entry entry(void)
{
    progress_write_entry e = {0};
    date_parse("2026-05-04", false, &e.date);
    e.activity = "1.a";
    e.occurrence = "2026-Q2";
    e.state = PROGRESS_DONE;
    e.percent = 100;
    e.values = values;
    e.nvalues = 1;
    e.evidence = evidence;
    e.nevidence = 2;
    e.note = "ghi chú: \"trích\" \x01 \xc2\x85 \xe2\x80\xae kết thúc";
    e.by = "- Phòng 1";
    return e;
}

typedef struct parsed {
    arena *a;
    source *src;
    diag_sink *d;
    node *root;
} parsed;

static parsed parse(const char *text, size_t len)
{
    parsed p = {arena_new(), NULL, diag_sink_new(0), NULL};
    p.src = source_new("log.yaml", xstrndup(text, len), len);
    p.root = yamlload_parse(p.a, p.src, p.d, &yamlload_default_limits);
    return p;
}

static void release(parsed *p)
{
    diag_sink_free(p->d);
    source_free(p->src);
    arena_free(p->a);
}

/* The entry as it reads back. */
static void assert_is_entry(const node *r)
{
    progress_write_entry e = entry();
    assert_string_equal(node_str(node_get(r, "date")), "2026-05-04");
    assert_string_equal(node_str(node_get(r, "activity")), "1.a");
    assert_string_equal(node_str(node_get(r, "occurrence")), "2026-Q2");
    assert_string_equal(node_str(node_get(r, "state")), "done");
    assert_true(node_get(r, "percent")->u.number.value == 100);
    assert_true(
        node_get(node_get(r, "values"), values[0].name)->u.number.value ==
        85.5);
    const node *ev = node_get(r, "evidence");
    assert_int_equal(ev->u.array.count, 2);
    assert_string_equal(node_str(ev->u.array.items[1]), evidence[1]);
    assert_string_equal(node_str(node_get(r, "note")), e.note);
    assert_string_equal(node_str(node_get(r, "by")), e.by);
}

/* The log's header as logread.h leaves it: the list of records read
 * item by item, so only their number and where the first and last start
 * are known. */
static progress_log header_of(const parsed *p)
{
    progress_log log = {.src = p->src, .root = p->root};
    const node *list = node_get(p->root, "records");
    if (list && list->kind == NODE_ARRAY && list->u.array.count) {
        log.items = list->u.array.count;
        log.first_at = list->u.array.items[0]->pos;
        log.last_at = list->u.array.items[log.items - 1]->pos;
    }
    return log;
}

/* The records of a text that old + added reads as: the whole new text,
 * or (from_resume) the text from the resume offset on. */
static const node *records_in(parsed *p, bool from_resume)
{
    if (!p->root)
        fail_msg("the text does not load:\n%s", p->src->text);
    if (from_resume && p->root->kind == NODE_ARRAY)
        return p->root;
    assert_true(!from_resume || p->root->u.object.count == 1);
    return node_get(p->root, "records");
}

/* Appends the entry to old and reads the record back, from the whole new
 * text and from the resume offset on; returns the number of records. */
static size_t append_and_read_back(const char *old)
{
    parsed before = parse(old, strlen(old));
    assert_non_null(before.root);
    progress_write_entry e = entry();
    strbuf out = STRBUF_INIT;
    progress_write_resume resume;
    progress_log log = header_of(&before);
    assert_true(
        progress_write_append(&log, "p", NULL, &e, 1, &out, &resume, NULL));
    assert_true(resume.offset < strlen(old));
    unsigned line = 1;
    for (size_t i = before.src->start; i < resume.offset; i++)
        line += old[i] == '\n';
    assert_int_equal(resume.line, line);
    strbuf whole = STRBUF_INIT, part = STRBUF_INIT;
    strbuf_printf(&whole, "%s%s", old, strbuf_str(&out));
    strbuf_printf(&part, "%s%s", old + resume.offset, strbuf_str(&out));
    parsed after = parse(strbuf_str(&whole), whole.len);
    parsed from = parse(strbuf_str(&part), part.len);
    const node *list = records_in(&after, false),
               *tail = records_in(&from, true);
    size_t n = list->u.array.count;
    assert_int_equal(tail->u.array.count, n > 1 ? 2 : 1);
    assert_is_entry(list->u.array.items[n - 1]);
    assert_is_entry(tail->u.array.items[tail->u.array.count - 1]);
    strbuf_release(&whole);
    strbuf_release(&part);
    strbuf_release(&out);
    release(&from);
    release(&after);
    release(&before);
    return n;
}

static void appends_in_the_logs_own_layout(void **state)
{
    (void)state;
    assert_int_equal(append_and_read_back("plan: p\nrecords:\n"), 1);
    assert_int_equal(append_and_read_back(
                         "plan: p\nrecords:\n- date: 2026-01-02\n"
                         "  activity: x  # comment\n\n# end\n"),
                     2);
    assert_int_equal(append_and_read_back(
                         "plan: p\nrecords:\n  - date: 2026-01-02\n"
                         "    activity: x"),
                     2); /* no final break */
    assert_int_equal(append_and_read_back(
                         "plan: p\r\nrecords:\r\n-   date: 2026-01-02\r\n"
                         "    note: |\r\n      two\r\n      lines\r\n"),
                     2);
    assert_int_equal(append_and_read_back(
                         "\xef\xbb\xbf  plan: p\n  records:  # none yet\n\n"),
                     1); /* a byte order mark, an indented mapping */
    assert_int_equal(append_and_read_back(
                         "plan: p\nrecords:\n- date: 2026-01-02\n"
                         "- date: 2026-01-03\n  note: >\n   folded\n"
                         "# the end\n"),
                     3);
}

/* A last record that does not start its line with "- " leaves no place
 * to resume: only the whole text tells. */
static void no_resume_after_an_odd_last_record(void **state)
{
    (void)state;
    const char *old = "plan: p\nrecords:\n- date: 2026-01-02\n-\n"
                      "  date: 2026-01-03\n";
    parsed p = parse(old, strlen(old));
    assert_non_null(p.root);
    progress_write_entry e = entry();
    strbuf out = STRBUF_INIT;
    progress_write_resume resume = {0, 0};
    progress_log log = header_of(&p);
    assert_true(
        progress_write_append(&log, "p", NULL, &e, 1, &out, &resume, NULL));
    assert_true(resume.offset == PROGRESS_WRITE_NO_RESUME);
    assert_true(strncmp(strbuf_str(&out), "- date: 2026-05-04\n", 19) == 0);
    strbuf_release(&out);
    release(&p);
}

static void refuses_what_it_cannot_append_to(void **state)
{
    (void)state;
    static const char *const logs[] = {
        "records: []\nplan: p\n",
        "plan: p\nrecords: []\n",
        "plan: p\nrecords: [{date: 2026-01-02}]\n",
        "plan: p\nrecords: ~\n",
    };
    for (size_t i = 0; i < sizeof logs / sizeof *logs; i++) {
        parsed p = parse(logs[i], strlen(logs[i]));
        assert_non_null(p.root);
        progress_write_entry e = entry();
        strbuf out = STRBUF_INIT;
        strbuf why = STRBUF_INIT;
        progress_log log = header_of(&p);
        assert_false(
            progress_write_append(&log, "p", NULL, &e, 1, &out, NULL, &why));
        assert_true(why.len > 0);
        assert_int_equal(out.len, 0);
        strbuf_release(&why);
        strbuf_release(&out);
        release(&p);
    }
}

static void a_new_log_gets_a_header_and_the_schema_line(void **state)
{
    (void)state;
    const char *plan_file =
        "# yaml-language-server: $schema=../schemas/plan.schema.json\nid: p\n";
    source *src = source_new("p.yaml", xstrdup(plan_file), strlen(plan_file));
    char *line = progress_write_schema_comment(src);
    assert_string_equal(
        line,
        "# yaml-language-server: $schema=../schemas/progress.schema.json");
    progress_write_entry e = entry();
    strbuf out = STRBUF_INIT;
    assert_true(
        progress_write_append(NULL, "p", line, &e, 1, &out, NULL, NULL));
    assert_non_null(
        strstr(strbuf_str(&out),
               "\n# yaml-language-server: $schema=../schemas/"
               "progress.schema.json\nplan: p\nrecords:\n- date: "));
    parsed back = parse(strbuf_str(&out), out.len);
    assert_non_null(back.root);
    release(&back);
    strbuf_release(&out);
    free(line);
    source_free(src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(appends_in_the_logs_own_layout),
        cmocka_unit_test(no_resume_after_an_odd_last_record),
        cmocka_unit_test(refuses_what_it_cannot_append_to),
        cmocka_unit_test(a_new_log_gets_a_header_and_the_schema_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
