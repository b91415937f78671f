/* test-update.c - a record added to a plan's log (update.h), in a
 * temporary folder: a record appended after the log's last byte, its
 * target named by number, checked and counted; a record refused, a log
 * whose layout refuses an append and a plan with errors, each leaving the
 * log byte for byte as it was; the new record's problems at the new
 * text's lines, whether it is read back from the last old record on or,
 * after a log that ends in an odd way, whole; a date after today recorded
 * with a warning; a plan found by its id; the two points a test may stop at;
 * several records and several logs at once, all or none; a review under
 * the lock that keeps some records, none, or refuses; a check only. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tempdir.h"
#include "update.h"
#include "xalloc.h"

#include <unistd.h>

TEMPDIR_GROUP("update")

static const char plan_yaml[] =
    "id: p\nissuer: X\nplace: Y\ntitle: T\nyear: 2026\n"
    "sections:\n- id: \"1\"\n  title: S\n  activities:\n"
    "  - id: \"1.a\"\n    title: A\n    lead: Sở Tư pháp\n    time: Quý I-IV\n"
    "  - id: \"1.b\"\n    title: B\n    lead: Sở Y tế\n    time: Tháng 3/2026\n"
    "    targets:\n    - {name: Số buổi, value: 6}\n"
    "reports:\n- {by: Sở Tư pháp, to: Bộ Tư pháp, what: kết quả, due: \"2026-10-30\"}\n"
    "recipients: [Bộ Tư pháp]\nsigner: {title: GIÁM ĐỐC, name: N}\n";

static const char old_log[] =
    "plan: p  # kept\nrecords:\n  - date: 2026-02-01\n    activity: \"1.a\"\n"
    "    occurrence: 2026-Q1\n    state: in-progress\n";

static const progress_write_value by_number[] = {{"1", 4}};

static const char *points[4];
static size_t npoints;

static void remember_point(const char *point)
{
    if (npoints < 4)
        points[npoints++] = point;
}

/* The record a request adds; request() sets it anew. */
static progress_write_entry entry;

/* A request for activity 1.b on 2026-03-20, today 2026-06-01. */
static update_request request(const char *plan_file)
{
    entry = (progress_write_entry){.activity = "1.b",
                                   .state = PROGRESS_DONE,
                                   .percent = -1,
                                   .values = by_number,
                                   .nvalues = 1,
                                   .note = "xong"};
    update_request req = {
        .plan = plan_file,
        .entries = &entry,
        .nentries = 1,
        .lock_timeout_ms = 1000,
        .max_problems = 50,
        .pause = remember_point,
    };
    date_parse("2026-03-20", false, &entry.date);
    date_parse("2026-06-01", false, &req.today);
    return req;
}

static int fresh_plan(void **state)
{
    (void)state;
    npoints = 0;
    if (tempdir_write(root, "p.yaml", plan_yaml) != 0)
        return -1;
    return tempdir_write(root, "p.progress.yaml", old_log);
}

static void a_record_is_appended_and_checked(void **state)
{
    (void)state;
    update_request req = request(in_root("p.yaml"));
    update_result r;
    assert_int_equal(update_record(&req, &r), UPDATE_RECORDED);
    assert_int_equal(r.record_number, 2);
    assert_string_equal(r.log_path, in_root("p.progress.yaml"));
    assert_int_equal(diag_count(r.checks), 0);
    assert_int_equal(diag_count(r.problems), 0);
    assert_file_text(
        in_root("p.progress.yaml"),
        "plan: p  # kept\nrecords:\n  - date: 2026-02-01\n"
        "    activity: \"1.a\"\n    occurrence: 2026-Q1\n"
        "    state: in-progress\n"
        "  - date: 2026-03-20\n    activity: \"1.b\"\n    state: done\n"
        "    values:\n      \"Số buổi\": 4\n    note: \"xong\"\n");
    assert_int_equal(npoints, 2);
    assert_string_equal(points[0], "update-locked");
    assert_string_equal(points[1], "update-commit");
    update_result_release(&r);
}

/* The log is left byte for byte as it was, and no lock file stays. */
static void assert_log_untouched(const char *log)
{
    assert_file_text(in_root("p.progress.yaml"), log);
    assert_int_not_equal(access(in_root("p.progress.yaml.lock"), F_OK), 0);
}

static void a_refused_record_leaves_the_log_as_it_was(void **state)
{
    (void)state;
    update_request req = request(in_root("p.yaml"));
    entry.activity = "9.z";
    update_result r;
    assert_int_equal(update_record(&req, &r), UPDATE_REFUSED);
    assert_true(diag_errors(r.problems) > 0);
    assert_int_equal(diag_errors(r.checks), 0);
    assert_log_untouched(old_log);
    assert_int_equal(npoints, 1); /* never about to commit */
    update_result_release(&r);

    req = request(in_root("p.yaml"));
    progress_write_value unknown = {"Số người", 3};
    entry.values = &unknown;
    assert_int_equal(update_record(&req, &r), UPDATE_REFUSED);
    assert_log_untouched(old_log);
    update_result_release(&r);
}

static void a_log_or_plan_in_the_way_is_left_as_it_was(void **state)
{
    (void)state;
    static const char flow[] = "plan: p\nrecords: []\n";
    assert_int_equal(tempdir_write(root, "p.progress.yaml", flow), 0);
    update_request req = request(in_root("p.yaml"));
    update_result r;
    assert_int_equal(update_record(&req, &r), UPDATE_CANNOT_APPEND);
    assert_non_null(strstr(strbuf_str(&r.err), "block list"));
    assert_log_untouched(flow);
    update_result_release(&r);

    static const char wrong[] = "plan: p\nrecords:\n- date: 2026-02-30\n";
    assert_int_equal(tempdir_write(root, "p.progress.yaml", wrong), 0);
    assert_int_equal(update_record(&req, &r), UPDATE_PLAN_ERRORS);
    assert_true(diag_errors(r.checks) > 0);
    assert_log_untouched(wrong);
    update_result_release(&r);
}

/* The first problem of an update of activity 9.z after the log `log`:
 * refused at line `line`, the log left as it was. */
static void refused_at(const char *log, unsigned line, const char *words)
{
    assert_int_equal(tempdir_write(root, "p.progress.yaml", log), 0);
    update_request req = request(in_root("p.yaml"));
    entry.activity = "9.z";
    update_result r;
    assert_int_equal(update_record(&req, &r), UPDATE_REFUSED);
    assert_int_equal(diag_errors(r.checks), 0);
    const diag *first = diag_get(r.problems, 0);
    assert_non_null(first);
    if (first->line != line || !strstr(first->message, words))
        fail_msg("%u: %s", first->line, first->message);
    assert_non_null(strstr(first->path, "p.progress.yaml (new record)"));
    assert_log_untouched(log);
    update_result_release(&r);
}

static void problems_are_at_the_new_texts_lines(void **state)
{
    (void)state;
    /* read back from the last record on: the new one's "activity" is
       line 13 */
    refused_at("# a log\nplan: p\nrecords:\n  - date: 2026-02-01\n"
               "    activity: \"1.a\"\n    occurrence: 2026-Q1\n"
               "    state: in-progress\n  - date: 2026-02-02\n"
               "    activity: \"1.a\"\n    occurrence: 2026-Q1\n"
               "    state: done\n",
               13, "9.z");
    /* no record yet, a comment after "records:", no final line break */
    refused_at("plan: p\r\nrecords:\r\n# none yet", 5, "9.z");
    /* a last record that leaves no place to resume: read back whole */
    refused_at("plan: p\nrecords:\n- date: 2026-02-01\n  activity: \"1.a\"\n"
               "  occurrence: 2026-Q1\n  state: done\n-\n  date: 2026-02-02\n"
               "  activity: \"1.a\"\n  occurrence: 2026-Q1\n  state: done\n",
               13, "9.z");
    /* a log that ends its document: the new record would start another */
    refused_at("plan: p\nrecords:\n- date: 2026-02-01\n  activity: \"1.a\"\n"
               "  occurrence: 2026-Q1\n  state: done\n...\n# end\n",
               9, "second document");
}

static void a_date_after_today_is_recorded_with_a_warning(void **state)
{
    (void)state;
    update_request req = request(in_root("p.yaml"));
    date_parse("2026-03-01", false, &req.today);
    update_result r;
    assert_int_equal(update_record(&req, &r), UPDATE_RECORDED);
    assert_int_equal(diag_errors(r.problems), 0);
    assert_int_equal(diag_warnings(r.problems), 1);
    assert_non_null(strstr(diag_get(r.problems, 0)->message, "is after today"));
    update_result_release(&r);
}

static void a_plan_is_found_by_its_id(void **state)
{
    (void)state;
    char *here = getcwd(NULL, 0);
    assert_int_equal(chdir(root), 0);
    update_request req = request("p");
    update_result r;
    assert_int_equal(update_record(&req, &r), UPDATE_RECORDED);
    assert_string_equal(r.plan_path, "p.yaml");
    update_result_release(&r);
    req.plan = "q";
    assert_int_equal(update_record(&req, &r), UPDATE_NO_PLAN);
    assert_null(r.log_path);
    assert_int_equal(r.located.nnear, 1);
    assert_string_equal(r.located.near[0], "p");
    update_result_release(&r);
    assert_int_equal(chdir(here), 0);
    free(here);
}

/* Two records for p, one for a second plan q: all written at once; then
 * a run where q's record is wrong writes neither log. */
static void several_logs_are_updated_all_or_none(void **state)
{
    (void)state;
    assert_int_equal(tempdir_write(root, "q.yaml", plan_yaml), 0);
    char *q_yaml = xstrdup(in_root("q.yaml"));
    char *p_yaml = xstrdup(in_root("p.yaml")); /* in_root's buffer is reused */
    static const char q_log[] = "plan: p\nrecords:\n";
    assert_int_equal(tempdir_write(root, "q.progress.yaml", q_log), 0);
    update_request req = request(p_yaml);
    progress_write_entry two[2] = {entry, entry};
    two[1].activity = "1.a";
    two[1].occurrence = "2026-Q2";
    two[1].state = PROGRESS_IN_PROGRESS;
    two[1].nvalues = 0;
    two[1].form = "0123456789abcdef";
    update_request reqs[2] = {req, req};
    reqs[0].entries = two;
    reqs[0].nentries = 2;
    reqs[1].plan = q_yaml;
    progress_write_entry wrong = entry;
    wrong.activity = "9.z";
    reqs[1].entries = &wrong;
    update_result r[2];
    assert_int_equal(update_records(reqs, 2, r), UPDATE_REFUSED);
    assert_int_equal(r[0].status, UPDATE_HELD_BACK);
    assert_int_equal(r[1].status, UPDATE_REFUSED);
    assert_log_untouched(old_log);
    assert_file_text(q_yaml, plan_yaml);
    assert_file_text(in_root("q.progress.yaml"), q_log);
    update_result_release(&r[0]);
    update_result_release(&r[1]);

    reqs[1].entries = &entry;
    assert_int_equal(update_records(reqs, 2, r), UPDATE_RECORDED);
    assert_int_equal(r[0].record_number, 3);
    assert_int_equal(r[1].record_number, 1);
    assert_file_text(
        in_root("p.progress.yaml"),
        "plan: p  # kept\nrecords:\n  - date: 2026-02-01\n"
        "    activity: \"1.a\"\n    occurrence: 2026-Q1\n"
        "    state: in-progress\n"
        "  - date: 2026-03-20\n    activity: \"1.b\"\n    state: done\n"
        "    values:\n      \"Số buổi\": 4\n    note: \"xong\"\n"
        "  - date: 2026-03-20\n    activity: \"1.a\"\n"
        "    occurrence: \"2026-Q2\"\n    state: in-progress\n"
        "    note: \"xong\"\n    form: \"0123456789abcdef\"\n");
    assert_file_text(in_root("q.progress.yaml"),
                     "plan: p\nrecords:\n- date: 2026-03-20\n"
                     "  activity: \"1.b\"\n  state: done\n  values:\n"
                     "    \"Số buổi\": 4\n  note: \"xong\"\n");
    update_result_release(&r[0]);
    update_result_release(&r[1]);

    reqs[1].plan = p_yaml; /* the same log twice */
    assert_int_equal(update_records(reqs, 2, r), UPDATE_INTERNAL);
    assert_non_null(strstr(strbuf_str(&r[1].err), "named twice"));
    update_result_release(&r[0]);
    update_result_release(&r[1]);
    free(q_yaml);
    free(p_yaml);
}

/* The review's verdict, and what it saw. */
static size_t review_keeps;
static size_t review_saw_records, review_saw_entries;

static size_t keep_last(const plan *p, const progress_log *log,
                        progress_write_entry *entries, size_t n, void *ctx)
{
    (void)p;
    (void)ctx;
    review_saw_records = log ? log->count : 0;
    review_saw_entries = n;
    if (review_keeps == UPDATE_REVIEW_REFUSE || review_keeps == 0)
        return review_keeps;
    entries[0] = entries[n - 1];
    return 1;
}

static void a_review_under_the_lock_decides(void **state)
{
    (void)state;
    char *p_yaml = xstrdup(in_root("p.yaml")); /* in_root's buffer is reused */
    update_request req = request(p_yaml);
    progress_write_entry two[2] = {entry, entry};
    two[1].activity = "1.a";
    two[1].occurrence = "2026-Q3";
    two[1].nvalues = 0;
    req.entries = two;
    req.nentries = 2;
    req.review = keep_last;
    update_result r;

    review_keeps = UPDATE_REVIEW_REFUSE;
    assert_int_equal(update_record(&req, &r), UPDATE_REFUSED);
    assert_int_equal(review_saw_records, 1);
    assert_int_equal(review_saw_entries, 2);
    assert_log_untouched(old_log);
    update_result_release(&r);

    review_keeps = 0;
    assert_int_equal(update_record(&req, &r), UPDATE_NOTHING_NEW);
    assert_log_untouched(old_log);
    update_result_release(&r);

    review_keeps = 1;
    req.check_only = true;
    assert_int_equal(update_record(&req, &r), UPDATE_CHECKED);
    assert_int_equal(r.recorded, 1);
    assert_log_untouched(old_log);
    update_result_release(&r);

    req.check_only = false;
    assert_int_equal(update_record(&req, &r), UPDATE_RECORDED);
    assert_int_equal(r.recorded, 1);
    assert_int_equal(r.record_number, 2);
    assert_file_text(in_root("p.progress.yaml"),
                     "plan: p  # kept\nrecords:\n  - date: 2026-02-01\n"
                     "    activity: \"1.a\"\n    occurrence: 2026-Q1\n"
                     "    state: in-progress\n"
                     "  - date: 2026-03-20\n    activity: \"1.a\"\n"
                     "    occurrence: \"2026-Q3\"\n    state: done\n"
                     "    note: \"xong\"\n");
    update_result_release(&r);
    free(p_yaml);
}

int main(void)
{
#define WITH_PLAN(test) cmocka_unit_test_setup(test, fresh_plan)
    const struct CMUnitTest tests[] = {
        WITH_PLAN(a_record_is_appended_and_checked),
        WITH_PLAN(a_refused_record_leaves_the_log_as_it_was),
        WITH_PLAN(a_log_or_plan_in_the_way_is_left_as_it_was),
        WITH_PLAN(problems_are_at_the_new_texts_lines),
        WITH_PLAN(a_date_after_today_is_recorded_with_a_warning),
        WITH_PLAN(a_plan_is_found_by_its_id),
        WITH_PLAN(several_logs_are_updated_all_or_none),
        WITH_PLAN(a_review_under_the_lock_decides),
    };
    return cmocka_run_group_tests(tests, make_root, remove_root);
}
