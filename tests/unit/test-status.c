/* test-status.c - the status rules (status.h), as a table: one occurrence
 * with a window and a due date, the records about it, the date asked
 * about, and the state and percent expected. Then whole plans: recurring
 * occurrences, roll-ups, targets, scope; and the progress log checks
 * (progress.h) that decide which records count. Then the fold of a log
 * record by record: the same answers as a scan of the whole log, on
 * random logs, and a long log held in a few copies. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "arena.h"
#include "json.h"
#include "plan.h"
#include "progress.h"
#include "schedule.h"
#include "status.h"
#include "status_format.h"
#include "orgunits.h"
#include "xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static date D(const char *s)
{
    date d;
    assert_int_equal(date_parse(s, false, &d), DATE_OK);
    return d;
}

/* --- one occurrence -------------------------------------------------- */

typedef struct rec {
    const char *date;
    progress_state state;
    int percent;
} rec;

typedef struct row {
    const char *what;
    const char *from, *due; /* the window; due is its last day */
    rec records[4];         /* ended by a NULL date */
    const char *as_of;
    status_state state;
    int percent;
} row;

#define IP PROGRESS_IN_PROGRESS
#define DONE PROGRESS_DONE
#define CANC PROGRESS_CANCELLED

static const row rows[] = {
    {"before the window opens",
     "2026-04-01",
     "2026-06-30",
     {{0}},
     "2026-03-31",
     STATUS_PLANNED,
     0},
    {"the day the window opens",
     "2026-04-01",
     "2026-06-30",
     {{0}},
     "2026-04-01",
     STATUS_OPEN,
     0},
    {"open on the due date itself",
     "2026-04-01",
     "2026-06-30",
     {{0}},
     "2026-06-30",
     STATUS_OPEN,
     0},
    {"overdue the day after the due date",
     "2026-04-01",
     "2026-06-30",
     {{0}},
     "2026-07-01",
     STATUS_OVERDUE,
     0},
    {"in progress",
     "2026-04-01",
     "2026-06-30",
     {{"2026-05-02", IP, 40}},
     "2026-05-10",
     STATUS_IN_PROGRESS,
     40},
    {"in progress on the due date",
     "2026-04-01",
     "2026-06-30",
     {{"2026-05-02", IP, 40}},
     "2026-06-30",
     STATUS_IN_PROGRESS,
     40},
    {"in progress but past due is overdue",
     "2026-04-01",
     "2026-06-30",
     {{"2026-05-02", IP, 40}},
     "2026-07-01",
     STATUS_OVERDUE,
     40},
    {"started before the window opens",
     "2026-04-01",
     "2026-06-30",
     {{"2026-03-20", IP, 10}},
     "2026-03-25",
     STATUS_IN_PROGRESS,
     10},
    {"done on the due date",
     "2026-04-01",
     "2026-06-30",
     {{"2026-06-30", DONE, -1}},
     "2026-07-15",
     STATUS_DONE,
     100},
    {"done the day after the due date is late",
     "2026-04-01",
     "2026-06-30",
     {{"2026-07-01", DONE, -1}},
     "2026-07-15",
     STATUS_DONE_LATE,
     100},
    {"done early, seen before the window opens",
     "2026-04-01",
     "2026-06-30",
     {{"2026-03-01", DONE, -1}},
     "2026-03-02",
     STATUS_DONE,
     100},
    {"a record after the date is ignored",
     "2026-04-01",
     "2026-06-30",
     {{"2026-06-01", DONE, -1}},
     "2026-05-31",
     STATUS_OPEN,
     0},
    {"a later done record is ignored: overdue",
     "2026-04-01",
     "2026-06-30",
     {{"2026-05-01", IP, 50}, {"2026-07-10", DONE, -1}},
     "2026-07-05",
     STATUS_OVERDUE,
     50},
    {"replayed after the late done",
     "2026-04-01",
     "2026-06-30",
     {{"2026-05-01", IP, 50}, {"2026-07-10", DONE, -1}},
     "2026-07-10",
     STATUS_DONE_LATE,
     100},
    {"cancelled",
     "2026-04-01",
     "2026-06-30",
     {{"2026-05-01", CANC, -1}},
     "2026-08-01",
     STATUS_CANCELLED,
     0},
    {"cancelled keeps the last percent",
     "2026-04-01",
     "2026-06-30",
     {{"2026-04-10", IP, 30}, {"2026-05-01", CANC, -1}},
     "2026-05-02",
     STATUS_CANCELLED,
     30},
    {"reopened after done",
     "2026-04-01",
     "2026-06-30",
     {{"2026-05-01", DONE, -1}, {"2026-05-20", IP, 80}},
     "2026-05-21",
     STATUS_IN_PROGRESS,
     80},
    {"latest by date, not by order in the log",
     "2026-04-01",
     "2026-06-30",
     {{"2026-06-20", DONE, -1}, {"2026-05-01", IP, 20}},
     "2026-06-25",
     STATUS_DONE,
     100},
    {"same date: the later in the log wins",
     "2026-04-01",
     "2026-06-30",
     {{"2026-05-01", DONE, -1}, {"2026-05-01", IP, 70}},
     "2026-05-01",
     STATUS_IN_PROGRESS,
     70},
    {"percent from the latest record that has one",
     "2026-04-01",
     "2026-06-30",
     {{"2026-04-10", IP, 30}, {"2026-04-20", IP, -1}},
     "2026-04-25",
     STATUS_IN_PROGRESS,
     30},
    {"a one-day window, done that day",
     "2026-10-30",
     "2026-10-30",
     {{"2026-10-30", DONE, -1}},
     "2026-10-31",
     STATUS_DONE,
     100},
    {"done with a percent below 100 counts 100",
     "2026-04-01",
     "2026-06-30",
     {{"2026-06-01", DONE, 90}},
     "2026-06-02",
     STATUS_DONE,
     100},
};

static void the_rules_of_one_occurrence(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        const row *r = &rows[i];
        when_window w = {D(r->from), D(r->due), D(r->due), "k", "k", NULL};
        progress_record records[4];
        const progress_record *list[4];
        size_t n = 0;
        for (; n < 4 && r->records[n].date; n++) {
            memset(&records[n], 0, sizeof records[n]);
            records[n].date = D(r->records[n].date);
            records[n].state = r->records[n].state;
            records[n].percent = r->records[n].percent;
            records[n].order = n;
            list[n] = &records[n];
        }
        status_occurrence o = status_of_occurrence(&w, list, n, D(r->as_of));
        if (o.state != r->state || o.percent != r->percent)
            fail_msg("%s: got %s %d%%, expected %s %d%%", r->what,
                     status_state_name(o.state), o.percent,
                     status_state_name(r->state), r->percent);
    }
}

/* --- whole plans --------------------------------------------------------- */

static const char plan_json[] =
    "{\"id\": \"p\", \"year\": 2026,\n"
    " \"sections\": [\n"
    "  {\"id\": \"1\", \"title\": \"Một\", \"activities\": [\n"
    "   {\"id\": \"1.a\", \"title\": \"Hàng quý\", \"lead\": \"Sở Tư pháp\",\n"
    "    \"time\": \"Quý I-IV\"},\n"
    "   {\"id\": \"1.b\", \"title\": \"Cả năm\", \"lead\": \"Sở Y tế\",\n"
    "    \"partners\": [\"Sở Tư pháp\"], \"time\": \"Cả năm 2026\",\n"
    "    \"targets\": [{\"name\": \"Số buổi tập huấn\", \"value\": 12},\n"
    "                {\"name\": \"Tỷ lệ\", \"value\": 100, \"unit\": \"%\"}]}]},\n"
    "  {\"id\": \"2\", \"title\": \"Hai\", \"activities\": [\n"
    "   {\"id\": \"2.a\", \"title\": \"Quý II\", \"lead\": \"Sở Y tế\", \"time\": \"Quý II\"}]}]}\n";

typedef struct fixture {
    arena *a;
    source *plan_src, *log_src;
    diag_sink *d;
    plan *p;
    progress_log *log;
} fixture;

static fixture load_plan(const char *plan_src_text, const char *log_json)
{
    fixture f;
    f.a = arena_new();
    f.d = diag_sink_new(0);
    f.plan_src =
        source_new("p.json", xstrdup(plan_src_text), strlen(plan_src_text));
    node *root = json_parse(f.a, f.plan_src, f.d);
    assert_non_null(root);
    f.p = plan_build(f.a, f.plan_src, root);
    assert_true(schedule_plan(f.a, f.p, f.d));
    f.log_src =
        source_new("p.progress.json", xstrdup(log_json), strlen(log_json));
    node *log_root = json_parse(f.a, f.log_src, f.d);
    assert_non_null(log_root);
    f.log = progress_build(f.a, f.log_src, log_root);
    progress_check(f.log, f.p, f.d);
    return f;
}

static fixture load(const char *log_json)
{
    return load_plan(plan_json, log_json);
}

static void release(fixture *f)
{
    diag_sink_free(f->d);
    source_free(f->plan_src);
    source_free(f->log_src);
    arena_free(f->a);
}

static const char log_json[] =
    "{\"plan\": \"p\", \"records\": [\n"
    " {\"date\": \"2026-03-20\", \"activity\": \"1.a\", \"occurrence\": \"2026-Q1\", \"state\": \"done\"},\n"
    " {\"date\": \"2026-07-05\", \"activity\": \"1.a\", \"occurrence\": \"2026-Q2\", \"state\": \"done\"},\n"
    " {\"date\": \"2026-03-01\", \"activity\": \"1.b\", \"state\": \"in-progress\", \"percent\": 20,\n"
    "  \"values\": {\"Số buổi tập huấn\": 2, \"tỷ lệ\": 100}},\n"
    " {\"date\": \"2026-06-01\", \"activity\": \"1.b\", \"state\": \"in-progress\", \"percent\": 50,\n"
    "  \"values\": {\"Số buổi tập huấn\": 4}},\n"
    " {\"date\": \"2026-04-02\", \"activity\": \"2.a\", \"state\": \"cancelled\"}]}\n";

static void a_plan_as_of_a_date(void **state)
{
    (void)state;
    fixture f = load(log_json);
    assert_int_equal(diag_errors(f.d), 0);
    arena *a = arena_new();
    status_plan s;
    status_compute(a, f.p, f.log, D("2026-07-10"), NULL, &s);

    /* 1.a: Q1 done, Q2 done late, Q3 open, Q4 planned: the first unfinished */
    const status_activity *q = &s.activities[0];
    assert_int_equal(q->noccurrences, 4);
    assert_int_equal(q->occurrences[0].state, STATUS_DONE);
    assert_int_equal(q->occurrences[1].state, STATUS_DONE_LATE);
    assert_int_equal(q->occurrences[2].state, STATUS_OPEN);
    assert_int_equal(q->occurrences[3].state, STATUS_PLANNED);
    assert_int_equal(q->state, STATUS_OPEN);
    assert_int_equal(date_cmp(q->due, D("2026-09-30")), 0);
    assert_int_equal(q->percent, 50);

    /* 1.b: in progress; the count target grows with time, the rate holds */
    const status_activity *b = &s.activities[1];
    assert_int_equal(b->state, STATUS_IN_PROGRESS);
    assert_int_equal(b->percent, 50);
    assert_int_equal(b->ntargets, 2);
    assert_true(b->targets[0].measured);
    assert_true(b->targets[0].accumulates);
    assert_true(b->targets[0].actual == 4);
    /* 191 of 365 days elapsed by 10/07: 12 * 191 / 365 = 6.28 expected */
    assert_true(b->targets[0].expected > 6.2 && b->targets[0].expected < 6.3);
    assert_int_equal(b->targets[0].track, STATUS_TRACK_BEHIND);
    assert_false(b->targets[1].accumulates);
    assert_true(b->targets[1].actual == 100); /* the earlier record's value */
    assert_int_equal(b->targets[1].track, STATUS_TRACK_ON);

    /* 2.a cancelled: counted, but not in the percent */
    assert_int_equal(s.activities[2].state, STATUS_CANCELLED);
    assert_int_equal(s.counts.total, 3);
    assert_int_equal(s.counts.n[STATUS_OPEN], 1);
    assert_int_equal(s.counts.n[STATUS_IN_PROGRESS], 1);
    assert_int_equal(s.counts.n[STATUS_CANCELLED], 1);
    assert_int_equal(status_counts_percent(&s.counts), 50);

    /* roll-ups: sections, then lead orgunits */
    assert_int_equal(s.nsections, 2);
    assert_int_equal(s.sections[0].counts.total, 2);
    assert_int_equal(s.sections[1].counts.n[STATUS_CANCELLED], 1);
    assert_int_equal(s.nleads, 2);
    assert_string_equal(s.leads[0].name, "Sở Tư pháp");
    assert_int_equal(s.leads[0].counts.total, 1);
    assert_int_equal(s.leads[1].counts.total, 2);
    arena_free(a);
    release(&f);
}

/* A plan with an activity and three reports: quarterly, by a date, on
 * request. */
static const char reports_plan_json[] =
    "{\"id\": \"p\", \"year\": 2026,\n"
    " \"sections\": [{\"id\": \"1\", \"title\": \"Một\", \"activities\": [\n"
    "   {\"id\": \"1.a\", \"title\": \"Quý II\", \"lead\": \"Sở Y tế\", \"time\": \"Quý II\"}]}],\n"
    " \"reports\": [\n"
    "  {\"what\": \"Hằng quý\", \"by\": \"Trung tâm\", \"to\": \"Sở Tư pháp\",\n"
    "   \"every\": \"quarter\"},\n"
    "  {\"what\": \"Năm\", \"by\": \"Sở Tư pháp\", \"to\": \"Bộ Tư pháp\",\n"
    "   \"due\": \"2026-10-30\"},\n"
    "  {\"what\": \"Đột xuất\", \"by\": \"Sở Tư pháp\", \"on_request\": true}]}\n";

static void reports_sent_are_done(void **state)
{
    (void)state;
    fixture f = load_plan(
        reports_plan_json,
        "{\"plan\": \"p\", \"records\": [\n"
        " {\"date\": \"2026-03-25\", \"report\": \"BC1\", \"occurrence\": "
        "\"2026-Q1\", \"state\": \"done\", \"document\": \"Số 1/BC\"},\n"
        " {\"date\": \"2026-06-26\", \"report\": \"BC1\", \"occurrence\": "
        "\"2026-Q2\", \"state\": \"done\"},\n"
        " {\"date\": \"2027-01-04\", \"report\": \"BC2\", \"state\": \"done\"},\n"
        " {\"date\": \"2026-05-02\", \"report\": \"BC3\", \"state\": \"done\"},\n"
        " {\"date\": \"2026-05-02\", \"report\": \"BC4\", \"state\": \"done\"}]}\n");
    /* BC3 is sent on request (no due date), BC4 does not exist */
    assert_int_equal(diag_errors(f.d), 2);
    assert_true(f.log->records[0].usable && f.log->records[0].of_report);
    assert_int_equal(f.log->records[0].report_index, 0);
    assert_int_equal(f.log->records[1].occurrence_index, 1);
    assert_true(f.log->records[2].usable); /* the year after the plan's */
    assert_int_equal(f.log->records[2].report_index, 1);
    assert_false(f.log->records[3].usable);
    assert_false(f.log->records[4].usable);

    arena *a = arena_new();
    status_plan s;
    status_compute(a, f.p, f.log, D("2026-07-10"), NULL, &s);
    assert_int_equal(s.nduties, 3);
    const status_duty *q = &s.duties[0];
    assert_int_equal(q->noccurrences, 4);
    assert_int_equal(q->occurrences[0].state, STATUS_DONE); /* on the 25th */
    assert_string_equal(q->occurrences[0].last->document.s, "Số 1/BC");
    assert_int_equal(q->occurrences[1].state, STATUS_DONE_LATE);
    assert_int_equal(q->occurrences[2].state, STATUS_OPEN);
    assert_int_equal(q->state, STATUS_OPEN);
    assert_int_equal(date_cmp(q->due, D("2026-09-25")), 0);
    assert_int_equal(s.duties[1].state, STATUS_OPEN);
    assert_int_equal(s.duties[2].noccurrences, 0);
    /* reports are not activities: the counts hold the one activity */
    assert_int_equal(s.counts.total, 1);
    /* on 2027-01-05 the report due 30/10 was sent late, not overdue */
    status_compute(a, f.p, f.log, D("2027-01-05"), NULL, &s);
    assert_int_equal(s.duties[1].occurrences[0].state, STATUS_DONE_LATE);
    /* the day before it was sent, it was overdue */
    status_compute(a, f.p, f.log, D("2027-01-03"), NULL, &s);
    assert_int_equal(s.duties[1].occurrences[0].state, STATUS_OVERDUE);
    arena_free(a);
    release(&f);
}

static void report_ids(void **state)
{
    (void)state;
    assert_true(plan_is_report_id("BC1"));
    assert_true(plan_is_report_id("BC10"));
    assert_false(plan_is_report_id("BC0"));
    assert_false(plan_is_report_id("BC01"));
    assert_false(plan_is_report_id("BC"));
    assert_false(plan_is_report_id("bc1"));
    assert_false(plan_is_report_id("BC1a"));
    assert_false(plan_is_report_id("1.a"));
}

static void any_past_day_replays(void **state)
{
    (void)state;
    fixture f = load(log_json);
    arena *a = arena_new();
    status_plan s;
    status_compute(a, f.p, f.log, D("2026-04-01"), NULL, &s);
    assert_int_equal(s.activities[0].state, STATUS_OPEN); /* Q2 open */
    assert_int_equal(s.activities[0].occurrences[0].state, STATUS_DONE);
    assert_int_equal(s.activities[1].percent, 20);
    assert_true(s.activities[1].targets[0].actual == 2);
    assert_int_equal(s.activities[2].state, STATUS_OPEN); /* cancelled 02/04 */
    status_compute(a, f.p, f.log, D("2026-07-01"), NULL, &s);
    assert_int_equal(s.activities[0].state,
                     STATUS_OVERDUE); /* Q2 not done yet */
    assert_int_equal(date_cmp(s.activities[0].due, D("2026-06-30")), 0);
    assert_int_equal(s.counts.n[STATUS_OVERDUE], 1);
    status_compute(a, f.p, NULL, D("2027-01-01"), NULL, &s); /* no log at all */
    assert_int_equal(s.counts.n[STATUS_OVERDUE], 3);
    arena_free(a);
    release(&f);
}

static void scope_counts_a_units_activities(void **state)
{
    (void)state;
    fixture f = load(log_json);
    arena *a = arena_new();
    orgunits *reg = orgunits_new(NULL);
    status_scope scope = {"sở tư pháp", reg};
    status_plan s;
    status_compute(a, f.p, f.log, D("2026-07-10"), &scope, &s);
    assert_true(s.activities[0].in_scope);
    assert_false(s.activities[0].as_partner);
    assert_true(s.activities[1].in_scope);
    assert_true(s.activities[1].as_partner);
    assert_false(s.activities[2].in_scope);
    assert_int_equal(s.counts.total, 2);
    orgunits_free(reg);
    arena_free(a);
    release(&f);
}

/* Lead units are grouped by the unit the registry finds, however the plan
 * writes it; a name it lacks is a group of its own, marked; an activity
 * counts once in a group. */
static const char units_plan_json[] =
    "{\"id\": \"q\", \"year\": 2026,\n"
    " \"units\": [{\"id\": \"tt\", \"name\": \"Trung tâm Trợ giúp pháp lý tỉnh Quảng Trị\",\n"
    "             \"aliases\": [\"Trung tâm\"]}],\n"
    " \"sections\": [{\"id\": \"1\", \"title\": \"Một\", \"activities\": [\n"
    "  {\"id\": \"1.1\", \"title\": \"A\", \"lead\": \"Trung tâm Trợ giúp pháp lý tỉnh Quảng Trị\",\n"
    "   \"time\": \"Quý II\"},\n"
    "  {\"id\": \"1.2\", \"title\": \"B\", \"lead\": \"Trung tâm trợ giúp pháp lý tỉnh Quảng Tri\",\n"
    "   \"time\": \"Quý II\"},\n"
    "  {\"id\": \"1.3\", \"title\": \"C\", \"time\": \"Quý II\",\n"
    "   \"lead\": [\"Trung tâm\", \"TRUNG TÂM TRỢ GIÚP PHÁP LÝ TỈNH QUẢNG TRỊ\"]},\n"
    "  {\"id\": \"1.4\", \"title\": \"D\", \"lead\": \"Phòng Tư pháp huyện\", \"time\": \"Quý II\"},\n"
    "  {\"id\": \"1.5\", \"title\": \"E\", \"lead\": \"Phong Tu phap huyen\", \"time\": \"Quý II\"},\n"
    "  {\"id\": \"1.6\", \"title\": \"F\", \"lead\": \"các xã\", \"time\": \"Quý II\"}]}]}\n";

static void leads_group_by_unit(void **state)
{
    (void)state;
    fixture f =
        load_plan(units_plan_json, "{\"plan\": \"q\", \"records\": []}");
    assert_int_equal(diag_errors(f.d), 0);
    orgunits *reg = orgunits_new(NULL);
    orgunits_add(reg, f.p->units, f.p->nunits);
    arena *a = arena_new();
    status_scope scope = {NULL, reg};
    status_plan s;
    status_compute(a, f.p, f.log, D("2026-05-01"), &scope, &s);
    assert_int_equal(s.nleads, 3);
    assert_ptr_equal(s.leads[0].unit, &f.p->units[0]);
    assert_string_equal(s.leads[0].name,
                        "Trung tâm Trợ giúp pháp lý tỉnh Quảng Trị");
    assert_int_equal(s.leads[0].counts.total, 3); /* 1.3 once */
    assert_false(s.leads[0].unregistered);
    assert_null(s.leads[1].unit);
    assert_string_equal(s.leads[1].name, "Phòng Tư pháp huyện");
    assert_int_equal(s.leads[1].counts.total, 2);
    assert_true(s.leads[1].unregistered);
    assert_string_equal(s.leads[2].name, "các xã"); /* generic */
    assert_false(s.leads[2].unregistered);

    /* without a registry: by the names, one group per loose key */
    status_compute(a, f.p, f.log, D("2026-05-01"), NULL, &s);
    assert_int_equal(s.nleads, 4);
    assert_string_equal(s.leads[0].name,
                        "Trung tâm Trợ giúp pháp lý tỉnh Quảng Trị");
    assert_int_equal(s.leads[0].counts.total, 3);
    assert_string_equal(s.leads[1].name, "Trung tâm");
    assert_int_equal(s.leads[2].counts.total, 2);
    for (size_t i = 0; i < s.nleads; i++)
        assert_false(s.leads[i].unregistered);
    arena_free(a);
    orgunits_free(reg);
    release(&f);
}

/* --- the log checks ------------------------------------------------------ */

static void bad_records_are_reported_and_left_out(void **state)
{
    (void)state;
    fixture f = load(
        "{\"plan\": \"q\", \"records\": [\n"
        " {\"date\": \"2026-03-20\", \"activity\": \"1.c\", \"state\": \"done\"},\n"
        " {\"date\": \"2026-03-20\", \"activity\": \"1.a\", \"state\": \"done\"},\n"
        " {\"date\": \"2026-03-20\", \"activity\": \"1.a\", \"occurrence\": \"2026-Q5\", \"state\": \"done\"},\n"
        " {\"date\": \"2025-12-31\", \"activity\": \"2.a\", \"state\": \"done\"},\n"
        " {\"date\": \"2026-02-30\", \"activity\": \"2.a\", \"state\": \"done\"},\n"
        " {\"date\": \"2026-05-01\", \"activity\": \"1.b\", \"state\": \"done\", \"values\": {\"Số buổi\": 3}},\n"
        " {\"date\": \"2026-05-01\", \"activity\": \"2.a\", \"state\": \"done\", \"values\": {\"x\": 3}},\n"
        " {\"date\": \"2026-05-01\", \"activity\": \"2.a\", \"state\": \"done\"}]}\n");
    static const char *const expected[] = {
        "this log names plan 'q', but the plan beside it is 'p'",
        "plan p has no activity '1.c'; did you mean '1.a'?",
        ("activity '1.a' has 4 occurrences; say which one with "
         "'occurrence:' (2026-Q1, 2026-Q2, 2026-Q3, 2026-Q4)"),
        "activity '1.a' has no occurrence '2026-Q5'; did you mean '2026-Q1'?",
        "the record's date 2025-12-31 is outside the plan's year 2026",
        "'2026-02-30' is not a real date: February 2026 has 28 days",
        "activity '1.b' has no target 'Số buổi'; its targets: 'Số buổi tập huấn', 'Tỷ lệ'",
        "activity '2.a' has no targets, so no value can be measured for 'x'",
    };
    assert_int_equal(diag_errors(f.d), sizeof expected / sizeof *expected);
    for (size_t i = 0; i < sizeof expected / sizeof *expected; i++)
        assert_string_equal(diag_get(f.d, i)->message, expected[i]);
    for (size_t i = 0; i + 1 < f.log->count; i++)
        assert_false(f.log->records[i].usable);
    assert_true(f.log->records[f.log->count - 1].usable);
    release(&f);
}

static void log_names_follow_the_plan(void **state)
{
    (void)state;
    char *p = progress_log_path("plans/x-2026.yaml");
    assert_string_equal(p, "plans/x-2026.progress.yaml");
    free(p);
    p = progress_plan_path("plans/x-2026.progress.yaml");
    assert_string_equal(p, "plans/x-2026.yaml");
    free(p);
    assert_true(progress_is_log_path("a/b.progress.yml"));
    assert_false(progress_is_log_path("a/progress.yaml.bak"));
    progress_state s;
    assert_true(progress_state_parse("cancelled", &s));
    assert_int_equal(s, PROGRESS_CANCELLED);
    assert_false(progress_state_parse("finished", &s));
}

static void states_read_as_people_type_them(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        progress_state want;
    } cases[] = {
        {"Hoàn thành", PROGRESS_DONE},
        {"hoàn thành", PROGRESS_DONE},
        {"  Hoan thanh ", PROGRESS_DONE},
        {"Đã hoàn thành", PROGRESS_DONE},
        {"done", PROGRESS_DONE},
        {"Đang thực hiện", PROGRESS_IN_PROGRESS},
        {"DANG THUC HIEN", PROGRESS_IN_PROGRESS},
        {"in-progress", PROGRESS_IN_PROGRESS},
        {"Hủy bỏ", PROGRESS_CANCELLED},
        {"Huỷ bỏ", PROGRESS_CANCELLED}, /* the old tone placement */
        {"Không thực hiện", PROGRESS_CANCELLED},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        progress_state s = PROGRESS_NSTATES;
        assert_true(progress_state_read(cases[i].text, &s));
        assert_int_equal(s, cases[i].want);
    }
    progress_state s;
    assert_false(progress_state_read("Sắp xong", &s));
    assert_false(progress_state_read("", &s));
    assert_false(progress_state_read("Hoàn", &s));
}

static void the_dropdown_names_every_state(void **state)
{
    (void)state;
    for (int i = 0; i < PROGRESS_NSTATES; i++) {
        progress_state s;
        assert_true(progress_state_read(progress_state_labels[i], &s));
        assert_int_equal(s, i);
    }
}

/* JSON has no infinity or NaN: whatever numbers reach the writer, what it
 * writes parses. A plan's 1.5e308 once came out as "expected":inf. */
static void json_output_always_parses(void **state)
{
    (void)state;
    fixture f = load(log_json);
    plan_target *t = f.p->activities[1]->targets;
    t[0].value = 1.5e308;
    t[1].value = INFINITY;
    arena *a = arena_new();
    status_plan s;
    status_compute(a, f.p, f.log, D("2026-12-31"), NULL, &s);
    s.activities[1].targets[0].actual = NAN;
    strbuf out = STRBUF_INIT;
    status_report r = {.kind = STATUS_FORMAT_JSON,
                       .as_of = D("2026-12-31"),
                       .out = &out};
    status_format_begin(&r);
    status_format_plan(&r, &s, "p.json");
    status_format_end(&r);
    assert_non_null(strstr(strbuf_str(&out),
                           "\"value\":1.5e+308,\"unit\":null,"
                           "\"accumulates\":true,\"expected\":1.5e+308,"
                           "\"actual\":null"));
    assert_non_null(strstr(strbuf_str(&out), "\"value\":null,\"unit\":\"%\""));
    source *src = source_new("out.json", xstrdup(strbuf_str(&out)), out.len);
    arena *ja = arena_new();
    diag_sink *d = diag_sink_new(0);
    assert_non_null(json_parse(ja, src, d));
    assert_int_equal(diag_count(d), 0);
    diag_sink_free(d);
    arena_free(ja);
    source_free(src);
    strbuf_release(&out);
    arena_free(a);
    release(&f);
}

/* --- the fold: the same status from records one at a time --------------- */

/* Activities 1.a (each quarter), 1.b (the year, two targets) and 2.a
 * (Q2); reports BC1 (each quarter), BC2 (by a date) and BC3 (on
 * request). */
static const char fold_plan_json[] =
    "{\"id\": \"p\", \"year\": 2026,\n"
    " \"sections\": [\n"
    "  {\"id\": \"1\", \"title\": \"Một\", \"activities\": [\n"
    "   {\"id\": \"1.a\", \"title\": \"Hàng quý\", \"lead\": \"Sở Tư pháp\",\n"
    "    \"time\": \"Quý I-IV\"},\n"
    "   {\"id\": \"1.b\", \"title\": \"Cả năm\", \"lead\": \"Sở Y tế\",\n"
    "    \"time\": \"Cả năm 2026\",\n"
    "    \"targets\": [{\"name\": \"Số buổi\", \"value\": 12},\n"
    "                {\"name\": \"Tỷ lệ\", \"value\": 90, \"unit\": \"%\"}]}]},\n"
    "  {\"id\": \"2\", \"title\": \"Hai\", \"activities\": [\n"
    "   {\"id\": \"2.a\", \"title\": \"Quý II\", \"lead\": \"Sở Y tế\", "
    "\"time\": \"Quý II\"}]}],\n"
    " \"reports\": [\n"
    "  {\"what\": \"Hằng quý\", \"by\": \"Trung tâm\", \"to\": \"Sở Tư pháp\",\n"
    "   \"every\": \"quarter\"},\n"
    "  {\"what\": \"Năm\", \"by\": \"Sở Tư pháp\", \"to\": \"Bộ Tư pháp\",\n"
    "   \"due\": \"2026-10-30\"},\n"
    "  {\"what\": \"Đột xuất\", \"by\": \"Sở Tư pháp\", \"on_request\": true}]}\n";

static const char empty_log_json[] = "{\"plan\": \"p\", \"records\": []}\n";

/* xorshift64: the same logs on every run */
static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static size_t below(uint64_t *s, size_t n)
{
    return (size_t)(next_random(s) % n);
}

/* A record as progress_check() leaves it, about a random activity or
 * report of the plan, with its texts (numbered by order) in a, and `at`
 * every node it points to. Dates fall on few days (so that records tie on
 * a date) from January 2026 to February 2027. */
static progress_record random_record(arena *a, const plan *p, size_t order,
                                     const node *at, uint64_t *s)
{
    progress_record r;
    memset(&r, 0, sizeof r);
    r.at = at;
    r.date_text = (plan_text){"2026-01-01", at};
    r.activity = (plan_text){"1.a", at};
    r.order = order;
    r.usable = below(s, 8) != 0;
    r.date = date_add_days(D("2026-01-01"), (long)(below(s, 30) * 14));
    r.state = (progress_state)below(s, PROGRESS_NSTATES);
    r.percent = below(s, 3) ? -1 : (int)below(s, 101);
    r.by = (plan_text){arena_printf(a, "đơn vị %zu", order), at};
    if (below(s, 2))
        r.note = (plan_text){arena_printf(a, "ghi chú %zu", order), at};
    r.nevidence = below(s, 3);
    r.evidence = arena_alloc(a, (r.nevidence + 1) * sizeof *r.evidence);
    for (size_t i = 0; i < r.nevidence; i++)
        r.evidence[i] =
            (plan_text){arena_printf(a, "minh chứng %zu.%zu", order, i), at};
    const when *w;
    r.of_report = below(s, 3) == 0;
    if (r.of_report) {
        r.report_index = below(s, 2); /* BC3 has no occurrence */
        w = &p->reports[r.report_index].schedule;
        r.document = (plan_text){arena_printf(a, "Số %zu/BC", order), at};
    } else {
        r.activity_index = below(s, p->nactivities);
        const plan_activity *act = p->activities[r.activity_index];
        w = &act->schedule;
        if (act->ntargets && below(s, 2)) {
            r.nvalues = 1 + below(s, 3); /* the same target twice at times */
            r.values = arena_alloc(a, r.nvalues * sizeof *r.values);
            for (size_t v = 0; v < r.nvalues; v++) {
                size_t t = below(s, act->ntargets);
                r.values[v].target = &act->targets[t];
                r.values[v].name = (plan_text){act->targets[t].name.s, at};
                r.values[v].member = (const node_member *)at;
                r.values[v].value = (double)below(s, 20);
            }
        }
    }
    r.occurrence_index = below(s, w->count);
    return r;
}

/* The reference: each answer found by a scan of the whole log. */
static bool usable_by(const progress_record *r, date as_of)
{
    return r->usable && date_cmp(r->date, as_of) <= 0;
}

static bool latest(const progress_record *r, const progress_record *than)
{
    int c = date_cmp(r->date, than->date);
    return c > 0 || (c == 0 && r->order > than->order);
}

static bool about(const progress_record *r, bool of_report, size_t index)
{
    return r->of_report == of_report &&
           (of_report ? r->report_index : r->activity_index) == index;
}

static const progress_record *scan_last(const progress_record *recs, size_t n,
                                        date as_of, bool of_report,
                                        size_t index, long occurrence,
                                        bool with_note, bool with_percent)
{
    const progress_record *best = NULL;
    for (size_t i = 0; i < n; i++) {
        const progress_record *r = &recs[i];
        if (!usable_by(r, as_of) || !about(r, of_report, index) ||
            (occurrence >= 0 && r->occurrence_index != (size_t)occurrence) ||
            (with_note && !r->note.s) || (with_percent && r->percent < 0))
            continue;
        if (!best || latest(r, best))
            best = r;
    }
    return best;
}

/* The same record, copied: by its place in the log, its texts, no node. */
static void assert_same_record(const progress_record *got,
                               const progress_record *want)
{
    if (!want) {
        assert_null(got);
        return;
    }
    assert_non_null(got);
    assert_int_equal(got->order, want->order);
    assert_int_equal(date_cmp(got->date, want->date), 0);
    assert_int_equal(got->state, want->state);
    assert_int_equal(got->percent, want->percent);
    assert_true(got->usable && got->of_report == want->of_report);
    assert_int_equal(got->activity_index, want->activity_index);
    assert_int_equal(got->report_index, want->report_index);
    assert_int_equal(got->occurrence_index, want->occurrence_index);
    assert_null(got->at);
    assert_string_equal(got->by.s, want->by.s);
    assert_string_equal(got->date_text.s, want->date_text.s);
    assert_string_equal(got->activity.s, want->activity.s);
    assert_null(got->date_text.at);
    assert_null(got->activity.at);
    assert_null(got->by.at);
    assert_null(got->note.at);
    assert_null(got->document.at);
    if (want->note.s)
        assert_string_equal(got->note.s, want->note.s);
    else
        assert_null(got->note.s);
    if (want->document.s)
        assert_string_equal(got->document.s, want->document.s);
    assert_int_equal(got->nevidence, want->nevidence);
    for (size_t i = 0; i < want->nevidence; i++) {
        assert_string_equal(got->evidence[i].s, want->evidence[i].s);
        assert_null(got->evidence[i].at);
    }
    assert_int_equal(got->nvalues, want->nvalues);
    for (size_t v = 0; v < want->nvalues; v++) {
        assert_ptr_equal(got->values[v].target, want->values[v].target);
        assert_true(got->values[v].value == want->values[v].value);
        assert_string_equal(got->values[v].name.s, want->values[v].name.s);
        assert_null(got->values[v].name.at);
        assert_null(got->values[v].member);
    }
}

static void assert_occurrences(const status_occurrence *got, const when *w,
                               const progress_record *recs, size_t n,
                               date as_of, bool of_report, size_t index)
{
    for (size_t k = 0; k < w->count; k++) {
        const when_window *win = &w->windows[k];
        const progress_record *last =
            scan_last(recs, n, as_of, of_report, index, (long)k, false, false);
        const progress_record *with_percent =
            scan_last(recs, n, as_of, of_report, index, (long)k, false, true);
        size_t count = 0;
        for (size_t i = 0; i < n; i++)
            count += usable_by(&recs[i], as_of) &&
                     about(&recs[i], of_report, index) &&
                     recs[i].occurrence_index == k;
        status_state state =
            last && last->state == PROGRESS_CANCELLED ? STATUS_CANCELLED
            : last && last->state == PROGRESS_DONE
                ? (date_cmp(last->date, win->due) <= 0 ? STATUS_DONE
                                                       : STATUS_DONE_LATE)
            : date_cmp(win->due, as_of) < 0  ? STATUS_OVERDUE
            : last                           ? STATUS_IN_PROGRESS
            : date_cmp(win->from, as_of) > 0 ? STATUS_PLANNED
                                             : STATUS_OPEN;
        int percent = with_percent ? with_percent->percent : 0;
        if (state == STATUS_DONE || state == STATUS_DONE_LATE)
            percent = 100;
        assert_ptr_equal(got[k].window, win);
        assert_int_equal(got[k].state, state);
        assert_int_equal(got[k].percent, percent);
        assert_int_equal(got[k].nrecords, count);
        assert_same_record(got[k].last, last);
    }
}

/* An activity's (or report's) state and percent from its occurrences':
 * any overdue; all finished; else the first unfinished. */
static void assert_rolled_up(status_state state, date due, int percent,
                             const status_occurrence *occ, size_t n)
{
    const status_occurrence *overdue = NULL, *open = NULL;
    size_t cancelled = 0, late = 0, counted = 0;
    long sum = 0;
    for (size_t k = 0; k < n; k++) {
        if (occ[k].state == STATUS_OVERDUE && !overdue)
            overdue = &occ[k];
        if (!status_is_finished(occ[k].state) && !open)
            open = &occ[k];
        cancelled += occ[k].state == STATUS_CANCELLED;
        late += occ[k].state == STATUS_DONE_LATE;
        if (occ[k].state != STATUS_CANCELLED) {
            sum += occ[k].percent;
            counted++;
        }
    }
    const status_occurrence *sets = overdue ? overdue
                                    : open  ? open
                                            : &occ[n - 1];
    status_state want = overdue          ? STATUS_OVERDUE
                        : open           ? open->state
                        : cancelled == n ? STATUS_CANCELLED
                        : late           ? STATUS_DONE_LATE
                                         : STATUS_DONE;
    assert_int_equal(state, want);
    assert_int_equal(date_cmp(due, sets->window->due), 0);
    if (percent >= 0)
        assert_int_equal(percent, counted ? (int)((sum + (long)counted / 2) /
                                                  (long)counted)
                                          : 0);
}

/* Folds recs in log order, or shuffled (the order they come in does not
 * matter), each handed over in a block of its own that is scribbled over
 * and freed right after; checks after each that the fold holds no more
 * copies than the plan has places for. */
static void fold_log(arena *a, const plan *p, const progress_record *recs,
                     size_t n, date as_of, uint64_t *shuffle, status_plan *out)
{
    size_t *order = arena_alloc(a, (n + 1) * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    for (size_t i = n; shuffle && i > 1; i--) {
        size_t j = below(shuffle, i), t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
    size_t places = 0;
    for (size_t k = 0; k < p->nactivities; k++)
        places += p->activities[k]->schedule.count + 2;
    for (size_t k = 0; k < p->nreports; k++)
        places += p->reports[k].schedule.count + 1;
    status_fold *f = status_fold_new(p, as_of);
    for (size_t i = 0; i < n; i++) {
        size_t size = progress_record_copy_size(&recs[order[i]]);
        void *block = xmalloc(size);
        status_fold_add(f, progress_record_copy_to(block, &recs[order[i]]));
        memset(block, 0xA5, size);
        free(block);
        assert_true(status_fold_copies(f) <= places);
    }
    status_fold_finish(f, a, NULL, out);
}

static void the_fold_agrees_with_a_scan_of_the_log(void **state)
{
    (void)state;
    fixture fx = load_plan(fold_plan_json, empty_log_json);
    assert_int_equal(diag_errors(fx.d), 0);
    const plan *p = fx.p;
    uint64_t seed = 0x9E3779B97F4A7C15u;
    for (int run = 0; run < 400; run++) {
        arena *a = arena_new();
        size_t n = below(&seed, 60);
        progress_record *recs = arena_alloc(a, (n + 1) * sizeof *recs);
        for (size_t i = 0; i < n; i++)
            recs[i] = random_record(a, p, i, fx.log->root, &seed);
        date as_of = date_add_days(D("2026-01-01"), (long)below(&seed, 420));
        status_plan s;
        fold_log(a, p, recs, n, as_of, run % 2 ? &seed : NULL, &s);

        assert_int_equal(s.nactivities, p->nactivities);
        for (size_t k = 0; k < p->nactivities; k++) {
            const status_activity *act = &s.activities[k];
            assert_occurrences(act->occurrences, &p->activities[k]->schedule,
                               recs, n, as_of, false, k);
            assert_same_record(act->last, scan_last(recs, n, as_of, false, k,
                                                    -1, false, false));
            assert_same_record(act->last_note, scan_last(recs, n, as_of, false,
                                                         k, -1, true, false));
            /* the activity rolls its occurrences up as before */
            assert_rolled_up(act->state, act->due, act->percent,
                             act->occurrences, act->noccurrences);
            for (size_t t = 0; t < act->ntargets; t++) {
                const plan_target *target = &p->activities[k]->targets[t];
                const progress_record *best = NULL;
                double value = 0;
                for (size_t i = 0; i < n; i++)
                    for (size_t v = 0; v < recs[i].nvalues; v++)
                        if (usable_by(&recs[i], as_of) &&
                            about(&recs[i], false, k) &&
                            recs[i].values[v].target == target &&
                            (!best || best == &recs[i] ||
                             latest(&recs[i], best))) {
                            best = &recs[i];
                            value = recs[i].values[v].value;
                        }
                const status_target *st = &act->targets[t];
                assert_ptr_equal(st->target, target);
                assert_int_equal(st->measured, best != NULL);
                if (!best) {
                    assert_int_equal(st->track, STATUS_TRACK_UNKNOWN);
                    continue;
                }
                assert_true(st->actual == value);
                assert_int_equal(date_cmp(st->measured_on, best->date), 0);
                assert_int_equal(st->track, value >= st->expected
                                                ? STATUS_TRACK_ON
                                                : STATUS_TRACK_BEHIND);
            }
        }
        assert_int_equal(s.nduties, p->nreports);
        for (size_t k = 0; k < p->nreports; k++) {
            assert_occurrences(s.duties[k].occurrences, &p->reports[k].schedule,
                               recs, n, as_of, true, k);
            if (s.duties[k].noccurrences)
                assert_rolled_up(s.duties[k].state, s.duties[k].due, -1,
                                 s.duties[k].occurrences,
                                 s.duties[k].noccurrences);
            assert_same_record(s.duties[k].last,
                               scan_last(recs, n, as_of, true, k, -1, false,
                                         false));
        }
        arena_free(a);
    }
    release(&fx);
}

/* A long log in date order, every record superseding the one before: the
 * fold holds one copy at a time (two when the latest with a note is an
 * older record), whatever the length. Then the same log backwards: the
 * first record stays the latest. */
static void a_long_log_folds_in_flat_memory(void **state)
{
    (void)state;
    fixture fx = load_plan(fold_plan_json, empty_log_json);
    const plan *p = fx.p;
    enum { N = 200000 };
    progress_value value = {{"Số buổi", NULL},
                            NULL,
                            0,
                            &p->activities[1]->targets[0]};
    char note[32];
    progress_record r;
    memset(&r, 0, sizeof r);
    r.usable = true;
    r.activity_index = 1; /* 1.b: one occurrence, the year */
    r.state = PROGRESS_IN_PROGRESS;
    r.values = &value;
    r.nvalues = 1;
    for (int backwards = 0; backwards < 2; backwards++) {
        status_fold *f = status_fold_new(p, D("2026-12-31"));
        size_t most = 0;
        for (size_t i = 0; i < N; i++) {
            r.order = i;
            r.date =
                date_add_days(D("2026-01-01"),
                              (long)((backwards ? N - 1 - i : i) * 365 / N));
            r.percent = (int)(i % 101);
            value.value = (double)i;
            snprintf(note, sizeof note, "ghi chú %zu", i);
            r.note.s = i % 3 == 0 ? note : NULL;
            status_fold_add(f, &r);
            if (status_fold_copies(f) > most)
                most = status_fold_copies(f);
        }
        assert_true(most <= 2);
        arena *a = arena_new();
        status_plan s;
        status_fold_finish(f, a, NULL, &s);
        const status_activity *act = &s.activities[1];
        /* backwards: the last in the log of the records of the last day */
        size_t want = N - 1;
        if (backwards)
            for (want = 0; (N - 2 - want) * 365 / N == 364;)
                want++;
        assert_int_equal(act->occurrences[0].nrecords, N);
        assert_int_equal(act->occurrences[0].last->order, want);
        assert_int_equal(act->last->order, want);
        assert_true(act->targets[0].actual == (double)want);
        assert_int_equal(act->percent, (int)(want % 101));
        arena_free(a);
    }
    release(&fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_rules_of_one_occurrence),
        cmocka_unit_test(a_plan_as_of_a_date),
        cmocka_unit_test(reports_sent_are_done),
        cmocka_unit_test(report_ids),
        cmocka_unit_test(any_past_day_replays),
        cmocka_unit_test(scope_counts_a_units_activities),
        cmocka_unit_test(leads_group_by_unit),
        cmocka_unit_test(bad_records_are_reported_and_left_out),
        cmocka_unit_test(log_names_follow_the_plan),
        cmocka_unit_test(states_read_as_people_type_them),
        cmocka_unit_test(the_dropdown_names_every_state),
        cmocka_unit_test(json_output_always_parses),
        cmocka_unit_test(the_fold_agrees_with_a_scan_of_the_log),
        cmocka_unit_test(a_long_log_folds_in_flat_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
