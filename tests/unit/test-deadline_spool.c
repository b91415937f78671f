/* test-deadline_spool.c - the items of many plans kept in a temporary
 * file and read back in order (deadline.h: deadline_spool), their keys
 * sorted in one run or in runs of 1, 7 and 500 merged, and written one at
 * a time as a whole list is (deadline_format.h: deadline_writer). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "deadline.h"
#include "deadline_format.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#define PLANS 40
#define ITEMS_A_PLAN 50 /* 2,000 items of about 1 KiB: past the threshold */

/* not const: deadline_units points at them as it points into an arena */
static const char *units[] = {"Sở Tư pháp", "Sở Y tế", "UBND huyện"};
static const char *unit_ids[] = {"stp", "syt"};

/* Item n of the plans, in reading order: every field set from n (some
 * NULL, lists of 0 to 3 names), due dates that repeat, to test ties. */
static deadline_item item_of(arena *a, size_t n)
{
    date as_of = date_make(2026, 7, 1);
    date due = date_add_days(as_of, (long)((n * 37) % 90) - 45);
    long left = date_span_days((date_span){.from = as_of, .to = due});
    size_t nunits = n % 4;
    deadline_units lead = {units, unit_ids, nunits, nunits < 2 ? nunits : 2};
    char title[1001];
    memset(title, 'a' + (int)(n % 26), sizeof title - 1);
    title[sizeof title - 1] = '\0';
    return (deadline_item){
        .kind = n % 3 ? DEADLINE_ACTIVITY : DEADLINE_REPORT,
        .plan_id = arena_printf(a, "ke-hoach-%zu", n / ITEMS_A_PLAN),
        .plan_file = arena_printf(a, "plans/%zu.yaml", n / ITEMS_A_PLAN),
        .activity_id = arena_printf(a, "%zu", n % ITEMS_A_PLAN),
        .duty = n % 3 ? 0 : n % 5 + 1,
        .duty_key = n % 3 ? NULL : arena_printf(a, "%016zx", n),
        .title = arena_strdup(a, title),
        .lead = nunits ? "Sở Tư pháp; Sở Y tế" : NULL,
        .partners = n % 2 ? "UBND huyện" : NULL,
        .lead_ids = nunits ? "stp" : NULL,
        .partner_ids = NULL,
        .time = "Quý III",
        .key = arena_printf(a, "2026-q%zu", n % 4 + 1),
        .label = "Quý III",
        .note = n % 7 ? NULL : "",
        .occurrence = n % 4 + 1,
        .occurrences = 4,
        .from = date_add_days(due, -30),
        .to = due,
        .due = due,
        .days_left = left,
        .state = left < 0 ? DEADLINE_OVERDUE
                 : n % 2  ? DEADLINE_OPEN
                          : DEADLINE_IN_PROGRESS,
        .status = (status_state)(n % STATUS_NSTATES),
        .records = n % 3,
        .changed = date_make(2026, 1, (int)(n % 28) + 1),
        .role = n % 2 ? DEADLINE_LEAD : DEADLINE_PARTNER,
        .lead_list = lead,
        .partner_list = {units + 2, NULL, n % 2, 0},
    };
}

static void assert_same_string(const char *got, const char *want)
{
    if (!want)
        assert_null(got);
    else
        assert_string_equal(got, want);
}

static void assert_same_units(const deadline_units *got,
                              const deadline_units *want)
{
    assert_int_equal(got->nnames, want->nnames);
    assert_int_equal(got->nids, want->nids);
    for (size_t i = 0; i < want->nnames; i++)
        assert_string_equal(got->names[i], want->names[i]);
    for (size_t i = 0; i < want->nids; i++)
        assert_string_equal(got->ids[i], want->ids[i]);
}

static void assert_same_item(const deadline_item *got,
                             const deadline_item *want)
{
    const char *const g[] = {got->plan_id,  got->plan_file, got->activity_id,
                             got->duty_key, got->title,     got->lead,
                             got->partners, got->lead_ids,  got->partner_ids,
                             got->time,     got->key,       got->label,
                             got->note};
    const char *const w[] = {want->plan_id,  want->plan_file, want->activity_id,
                             want->duty_key, want->title,     want->lead,
                             want->partners, want->lead_ids,  want->partner_ids,
                             want->time,     want->key,       want->label,
                             want->note};
    for (size_t i = 0; i < sizeof g / sizeof *g; i++)
        assert_same_string(g[i], w[i]);
    assert_int_equal(got->kind, want->kind);
    assert_int_equal(got->duty, want->duty);
    assert_int_equal(got->occurrence, want->occurrence);
    assert_int_equal(got->occurrences, want->occurrences);
    assert_int_equal(date_cmp(got->from, want->from), 0);
    assert_int_equal(date_cmp(got->to, want->to), 0);
    assert_int_equal(date_cmp(got->due, want->due), 0);
    assert_int_equal(date_cmp(got->changed, want->changed), 0);
    assert_int_equal(got->days_left, want->days_left);
    assert_int_equal(got->state, want->state);
    assert_int_equal(got->status, want->status);
    assert_int_equal(got->records, want->records);
    assert_int_equal(got->role, want->role);
    assert_same_units(&got->lead_list, &want->lead_list);
    assert_same_units(&got->partner_list, &want->partner_list);
}

/* The plans' items, plan by plan, into s; and all of them into whole, in
 * reading order (order set as deadline_add_plan sets it). */
static void fill(deadline_spool *s, deadline_list *whole)
{
    deadline_list one;
    deadline_list_init(&one);
    for (size_t p = 0; p < PLANS; p++) {
        for (size_t i = 0; i < ITEMS_A_PLAN; i++) {
            size_t n = p * ITEMS_A_PLAN + i;
            ARRAY_ROOM(one.items, one.count, one.cap, 64);
            one.items[one.count++] = item_of(one.a, n);
            ARRAY_ROOM(whole->items, whole->count, whole->cap, 64);
            whole->items[whole->count] = item_of(whole->a, n);
            whole->items[whole->count].order = whole->count;
            whole->count++;
        }
        strbuf err = STRBUF_INIT;
        assert_true(deadline_spool_add(s, &one, &err));
        assert_int_equal(one.count, 0);
        strbuf_release(&err);
    }
    deadline_list_release(&one);
}

/* The sizes of a run of keys the tests sort in: every key in one, and
 * runs of 1, 7 (the last run shorter) and 500 merged. */
static const size_t run_sizes[] = {DEADLINE_RUN_KEYS, 1, 7, 500};

/* Read back sorted, the items are the list's sorted by deadline_sort, and
 * the records past the threshold went to the file; read again, the same;
 * overdue first, every overdue item, then the others, each in that order. */
static void reads_back_in_sorted_order(void **state)
{
    (void)state;
    for (size_t r = 0; r < sizeof run_sizes / sizeof *run_sizes; r++) {
        deadline_spool s;
        deadline_list whole;
        deadline_spool_init(&s);
        s.run_keys = run_sizes[r];
        deadline_list_init(&whole);
        fill(&s, &whole);
        assert_true(s.fd >= 0);
        assert_true(s.spilled > DEADLINE_SPOOL_HELD);
        assert_int_equal(s.count, PLANS * ITEMS_A_PLAN);
        assert_int_equal(s.nruns, (PLANS * ITEMS_A_PLAN - 1) / run_sizes[r]);
        deadline_sort(&whole);
        strbuf err = STRBUF_INIT;
        for (int again = 0; again < 2; again++) {
            deadline_spool_sort(&s, false);
            for (size_t i = 0; i < whole.count; i++) {
                const deadline_item *it = deadline_spool_next(&s, &err);
                assert_non_null(it);
                assert_int_equal(it->order, whole.items[i].order);
                assert_same_item(it, &whole.items[i]);
            }
        }
        deadline_spool_sort(&s, true);
        size_t overdue = s.states[DEADLINE_OVERDUE];
        assert_true(overdue > 0 && overdue < whole.count);
        for (int pass = 0; pass < 2; pass++)
            for (size_t i = 0; i < whole.count; i++) {
                bool late = whole.items[i].state == DEADLINE_OVERDUE;
                if (late != (pass == 0))
                    continue;
                const deadline_item *it = deadline_spool_next(&s, &err);
                assert_non_null(it);
                assert_int_equal(it->order, whole.items[i].order);
            }
        strbuf_release(&err);
        deadline_list_release(&whole);
        deadline_spool_release(&s);
    }
}

/* Each format written item by item from the spool is the whole list's
 * (text: overdue first, which the spool's sort gives it). */
static void writes_what_the_list_writes(void **state)
{
    (void)state;
    deadline_spool s;
    deadline_list whole;
    deadline_spool_init(&s);
    s.run_keys = 7;
    deadline_list_init(&whole);
    fill(&s, &whole);
    deadline_sort(&whole);
    deadline_query q = {.as_of = date_make(2026, 7, 1)};
    for (int kind = DEADLINE_FORMAT_TEXT; kind <= DEADLINE_FORMAT_ICS; kind++) {
        strbuf want = STRBUF_INIT, got = STRBUF_INIT, err = STRBUF_INIT;
        switch ((deadline_format_kind)kind) {
        case DEADLINE_FORMAT_TEXT:
            deadline_format_text(&whole, &q, &want, false, 80);
            break;
        case DEADLINE_FORMAT_JSON:
            deadline_format_json(&whole, &q, &want);
            break;
        case DEADLINE_FORMAT_CSV:
            deadline_format_csv(&whole, &want, true);
            break;
        default:
            deadline_format_ics(&whole, 0, "1", &want);
            break;
        }
        deadline_spool_sort(&s, kind == DEADLINE_FORMAT_TEXT);
        deadline_writer w = {.kind = (deadline_format_kind)kind,
                             .q = &q,
                             .out = &got,
                             .width = 80,
                             .total = s.count,
                             .overdue = s.states[DEADLINE_OVERDUE],
                             .bom = true,
                             .version = "1"};
        deadline_format_begin(&w);
        for (size_t i = 0; i < s.count; i++)
            deadline_format_item(&w, deadline_spool_next(&s, &err));
        deadline_format_end(&w);
        assert_int_equal(got.len, want.len);
        assert_memory_equal(got.buf, want.buf, want.len);
        strbuf_release(&want);
        strbuf_release(&got);
        strbuf_release(&err);
    }
    deadline_list_release(&whole);
    deadline_spool_release(&s);
}

/* No temporary file can be made: the spill fails with a reason. */
static void says_why_a_spill_fails(void **state)
{
    (void)state;
    const char *saved = getenv("TMPDIR");
    char *old = saved ? xstrdup(saved) : NULL;
    setenv("TMPDIR", "/nonexistent-kehoach-folder", 1);
    deadline_spool s;
    deadline_list one;
    deadline_spool_init(&s);
    deadline_list_init(&one);
    strbuf err = STRBUF_INIT;
    bool ok = true;
    for (size_t n = 0; ok && n < 4 * ITEMS_A_PLAN * PLANS; n++) {
        ARRAY_ROOM(one.items, one.count, one.cap, 64);
        one.items[one.count++] = item_of(one.a, n);
        ok = deadline_spool_add(&s, &one, &err);
    }
    assert_false(ok);
    assert_true(err.len > 0);
    strbuf_release(&err);
    deadline_list_release(&one);
    deadline_spool_release(&s);
    if (old)
        setenv("TMPDIR", old, 1);
    else
        unsetenv("TMPDIR");
    free(old);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_back_in_sorted_order),
        cmocka_unit_test(writes_what_the_list_writes),
        cmocka_unit_test(says_why_a_spill_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
