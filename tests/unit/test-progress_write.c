/* test-progress_write.c - writing a record at the end of a log
 * (progress_write.h). An appended log is read back with the YAML loader:
 * the new record must come back with every value it was given, whatever
 * characters its text holds, and the same from the resume offset on:
 * the last old record, then the new one. Where the records are moved to
 * the start of a page, the log cut at any page boundary on the way still
 * reads as the old log. */
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

/* A log of exactly len bytes: one record whose note fills it up, in one
 * of four endings - LF, CR LF, no final line break, and a note kept with
 * its final blank line ("|+": a line break more after it would be part
 * of it). */
static char *log_of_length(size_t len, int ending)
{
    static const char *const heads[] = {
        "plan: p\nrecords:\n- date: 2026-01-02\n  note: \"",
        "plan: p\r\nrecords:\r\n- date: 2026-01-02\r\n  note: \"",
        "plan: p\nrecords:\n- date: 2026-01-02\n  note: \"",
        "plan: p\nrecords:\n- date: 2026-01-02\n  note: |+\n    ",
    };
    static const char *const tails[] = {"\"\n", "\"\r\n", "\"", "\n\n"};
    size_t head = strlen(heads[ending]), tail = strlen(tails[ending]);
    assert_true(len > head + tail);
    char *text = xmalloc(len + 1);
    memcpy(text, heads[ending], head);
    memset(text + head, 'x', len - head - tail);
    memcpy(text + len - tail, tails[ending], tail + 1);
    return text;
}

/* The note of the first record of text, which must load with n records. */
static char *first_note(const char *text, size_t len, size_t n)
{
    parsed p = parse(text, len);
    const node *list = records_in(&p, false);
    assert_int_equal(list->u.array.count, n);
    char *note = xstrdup(node_str(node_get(list->u.array.items[0], "note")));
    if (n > 1)
        assert_is_entry(list->u.array.items[n - 1]);
    release(&p);
    return note;
}

/* For logs of every length over more than a page and every ending: the
 * records added start a page when they would cross one (and fit), and
 * the log cut at any page boundary inside what is added reads as the old
 * log, its record unchanged; whole, as the old record and the new one. */
static void the_records_start_a_page_when_they_would_cross_one(void **state)
{
    (void)state;
    const size_t page = 512;
    size_t filled = 0, too_short = 0;
    for (int ending = 0; ending < 4; ending++) {
        for (size_t len = 100; len < 100 + 2 * page; len++) {
            char *old = log_of_length(len, ending);
            parsed before = parse(old, len);
            progress_log log = header_of(&before);
            progress_write_entry e = entry();
            strbuf out = STRBUF_INIT;
            assert_true(progress_write_append(&log, "p", NULL, &e, 1, &out,
                                              NULL, NULL));
            size_t lead = ending == 2, plain = out.len - lead;
            size_t filler = progress_write_fill_page(&log, page, &out);
            size_t to_page = page - len % page;
            if (filler) {
                filled++;
                assert_int_equal(filler, to_page);
                assert_int_equal(out.len - filler, plain);
                assert_true(plain <= page);
            } else if (lead + plain > to_page) {
                too_short++; /* no room for "#" and a line break */
                assert_true(to_page < lead + 1 + (ending == 1 ? 2 : 1));
            }
            char *note = first_note(old, len, 1);
            strbuf text = STRBUF_INIT;
            strbuf_add(&text, old, len);
            strbuf_add(&text, strbuf_str(&out), out.len);
            bool in_place = filler || lead + plain <= to_page;
            for (size_t cut = to_page; in_place && cut < out.len; cut += page) {
                char *at_cut = first_note(strbuf_str(&text), len + cut, 1);
                assert_string_equal(at_cut, note);
                free(at_cut);
            }
            char *whole = first_note(strbuf_str(&text), text.len, 2);
            assert_string_equal(whole, note);
            free(whole);
            free(note);
            strbuf_release(&text);
            strbuf_release(&out);
            release(&before);
            free(old);
        }
    }
    assert_true(filled > 0 && too_short > 0); /* both cases were met */
}

/* Records longer than a page are left where they are: the update then
 * copies the log (lockfile.h). */
static void records_longer_than_a_page_get_no_filler(void **state)
{
    (void)state;
    char *old = log_of_length(500, 0);
    parsed before = parse(old, 500);
    progress_log log = header_of(&before);
    progress_write_entry e = entry();
    strbuf out = STRBUF_INIT;
    assert_true(
        progress_write_append(&log, "p", NULL, &e, 1, &out, NULL, NULL));
    size_t len = out.len;
    assert_int_equal(progress_write_fill_page(&log, 64, &out), 0);
    assert_int_equal(out.len, len);
    strbuf_release(&out);
    release(&before);
    free(old);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(appends_in_the_logs_own_layout),
        cmocka_unit_test(no_resume_after_an_odd_last_record),
        cmocka_unit_test(refuses_what_it_cannot_append_to),
        cmocka_unit_test(a_new_log_gets_a_header_and_the_schema_line),
        cmocka_unit_test(the_records_start_a_page_when_they_would_cross_one),
        cmocka_unit_test(records_longer_than_a_page_get_no_filler),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
