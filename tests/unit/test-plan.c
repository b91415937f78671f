/* test-plan.c - the plan model (plan.h) and the meaning checks on it
 * (check.h). Documents are written as JSON here: the model does not care
 * which reader made the nodes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "arena.h"
#include "meaning.h"
#include "json.h"
#include "plan.h"
#include "orgunits.h"
#include "xalloc.h"

#include <string.h>

typedef struct fixture {
    arena *a;
    source *src;
    diag_sink *d;
    plan *p;
} fixture;

static fixture load(const char *path, const char *json)
{
    fixture f;
    f.a = arena_new();
    f.src = source_new(path, xstrdup(json), strlen(json));
    f.d = diag_sink_new(0);
    node *root = json_parse(f.a, f.src, f.d);
    assert_non_null(root);
    f.p = plan_build(f.a, f.src, root);
    return f;
}

static void release(fixture *f)
{
    diag_sink_free(f->d);
    source_free(f->src);
    arena_free(f->a);
}

/* The message of the i-th diagnostic, and its line. */
static void assert_diag(diag_sink *d, size_t i, diag_level level, unsigned line,
                        const char *message)
{
    const diag *x = diag_get(d, i);
    assert_non_null(x);
    assert_int_equal(x->level, level);
    assert_string_equal(x->message, message);
    assert_int_equal(x->line, line);
}

static void defaults_come_from_the_nearest_holder(void **state)
{
    (void)state;
    fixture f = load(
        "p.json",
        "{\"id\": \"p\", \"year\": 2026,\n"
        " \"defaults\": {\"lead\": \"Sở A\", \"time\": \"Cả năm\"},\n"
        " \"sections\": [\n"
        "  {\"id\": \"1\", \"title\": \"T\", \"defaults\": {\"time\": \"Quý I\", \"partners\": [\"Sở B\"]},\n"
        "   \"activities\": [\n"
        "     {\"id\": \"1.1\", \"title\": \"x\"},\n"
        "     {\"id\": \"1.2\", \"title\": \"y\", \"lead\": [\"Sở C\", \"Sở D\"], \"time\": \"Quý II\"}],\n"
        "   \"sections\": [{\"id\": \"1.9\", \"title\": \"U\", \"activities\": [{\"id\": \"1.9.1\", \"title\": \"z\"}]}]},\n"
        "  {\"id\": \"2\", \"title\": \"V\", \"activities\": [{\"id\": \"2.1\", \"title\": \"w\"}]}]}");
    plan *p = f.p;
    assert_int_equal(p->nactivities, 4);
    assert_int_equal(p->nsections, 2);
    assert_int_equal(p->nall_sections, 3);
    assert_int_equal(p->year_from, 2026);

    const plan_activity *a = p->activities[0];
    assert_string_equal(a->id.s, "1.1");
    assert_string_equal(a->lead.items[0].s, "Sở A");
    assert_true(a->lead_inherited);
    assert_string_equal(a->time.s, "Quý I");
    assert_true(a->time_inherited);
    assert_string_equal(a->partners.items[0].s, "Sở B");

    a = p->activities[1];
    assert_int_equal(a->lead.count, 2);
    assert_string_equal(a->lead.items[1].s, "Sở D");
    assert_false(a->lead_inherited);
    assert_string_equal(a->time.s, "Quý II");

    a = p->activities[2]; /* nested section inherits twice */
    assert_string_equal(a->id.s, "1.9.1");
    assert_string_equal(a->time.s, "Quý I");
    assert_string_equal(a->section->id.s, "1.9");
    assert_string_equal(a->section->parent->id.s, "1");

    a = p->activities[3];
    assert_string_equal(a->time.s, "Cả năm");
    assert_int_equal(a->partners.count, 0);

    meaning_check_plan(p, NULL, f.d);
    assert_int_equal(diag_errors(f.d), 0);
    release(&f);
}

static void misshapen_values_are_left_out(void **state)
{
    (void)state;
    fixture f = load(
        "p.json",
        "{\"id\": 7, \"year\": \"2026\", \"sections\": [3, {\"id\": \"1\", \"activities\": [\"x\", {\"lead\": 5}]}]}");
    assert_null(f.p->id.s);
    assert_int_equal(f.p->year_from, 0);
    assert_int_equal(f.p->nsections, 1);
    assert_int_equal(f.p->nactivities, 1);
    assert_int_equal(f.p->activities[0]->lead.count, 0);
    release(&f);
}

static void ids_dates_and_needs(void **state)
{
    (void)state;
    fixture f = load(
        "p.json",
        "{\"id\": \"p\", \"span\": {\"from\": 2030, \"to\": 2026}, \"issued\": \"2026-13\",\n"
        " \"basis\": [{\"document\": \"QĐ\", \"date\": \"2025-02-29\"}],\n"
        " \"reports\": [{\"what\": \"x\", \"due\": \"2026-04-31\"}],\n"
        " \"sections\": [{\"id\": \"1\", \"title\": \"T\", \"activities\": [\n"
        "   {\"id\": \"1.1\", \"title\": \"a\", \"lead\": \"L\", \"time\": \"t\"},\n"
        "   {\"id\": \"1.1\", \"title\": \"b\"}]},\n"
        "  {\"id\": \"1\", \"title\": \"again\"}]}");
    meaning_check_plan(f.p, NULL, f.d);
    assert_int_equal(diag_errors(f.d), 8);
    assert_int_equal(diag_warnings(f.d), 1);
    assert_diag(f.d, 0, DIAG_ERROR, 1,
                "the span ends in 2026, before it starts in 2030");
    assert_diag(f.d, 1, DIAG_ERROR, 1,
                "'2026-13' is not a real date: there is no month 13");
    assert_diag(f.d, 2, DIAG_ERROR, 2,
                "'2025-02-29' is not a real date: February 2025 has 28 days");
    assert_diag(f.d, 3, DIAG_ERROR, 3,
                "'2026-04-31' is not a real date: April 2026 has 30 days");
    assert_diag(f.d, 4, DIAG_ERROR, 6,
                "activity id '1.1' is used twice in this plan");
    assert_diag(
        f.d, 5, DIAG_ERROR, 6,
        "activity '1.1' has no lead unit: give 'lead' here, or in 'defaults' of its section or of the plan");
    assert_diag(
        f.d, 6, DIAG_ERROR, 6,
        "activity '1.1' has no time: give 'time' here, or in 'defaults' of its section or of the plan");
    assert_diag(f.d, 7, DIAG_ERROR, 7,
                "section id '1' is used twice in this plan");
    assert_diag(f.d, 8, DIAG_WARNING, 7, "section '1' has no activities");
    /* the repeated id points back at the first one */
    const diag *dup = diag_get(f.d, 4);
    assert_non_null(dup->notes);
    assert_string_equal(dup->notes->message, "first used here");
    assert_int_equal(dup->notes->line, 5);
    release(&f);
}

static void unit_names_against_the_registry(void **state)
{
    (void)state;
    fixture f = load(
        "p.json",
        "{\"id\": \"p\", \"year\": 2026,\n"
        " \"units\": [{\"id\": \"syt\", \"name\": \"Sở Y tế\"},\n"
        "           {\"id\": \"stp\", \"name\": \"Sở Tư pháp\", \"parent\": \"ubnd\"},\n"
        "           {\"id\": \"syt\", \"name\": \"Bệnh viện\", \"aliases\": [\"SỞ Y TẾ\"]}],\n"
        " \"defaults\": {\"lead\": \"Sở Y tê\"},\n"
        " \"reports\": [{\"what\": \"x\", \"when\": \"y\", \"to\": [\"Bộ Tư pháp\"]}],\n"
        " \"sections\": [{\"id\": \"1\", \"title\": \"T\", \"activities\": [\n"
        "   {\"id\": \"1.1\", \"title\": \"a\", \"time\": \"t\",\n"
        "    \"partners\": [\"Sở Tư pháp (Sở Y tế)\", \"các cơ quan có liên quan\", \"cơ sở giam giữ\"]}]}]}");
    orgunits *reg = orgunits_new(NULL);
    orgunits_add(reg, f.p->units, f.p->nunits);
    const plan_unit *list[3] = {&f.p->units[0], &f.p->units[1], &f.p->units[2]};
    meaning_check_units(list, 3, f.d);
    meaning_check_plan(f.p, reg, f.d);
    assert_int_equal(diag_errors(f.d), 2);
    assert_int_equal(diag_warnings(f.d), 3);
    assert_diag(f.d, 0, DIAG_ERROR, 3,
                "parent unit 'ubnd' is not in the unit registry");
    assert_diag(f.d, 1, DIAG_ERROR, 4,
                "unit id 'syt' is used twice in the unit registry");
    assert_diag(
        f.d, 2, DIAG_WARNING, 4,
        "the name 'SỞ Y TẾ' is also given to unit 'syt'; lookups by it will find only one of them");
    assert_diag(
        f.d, 3, DIAG_WARNING, 5,
        "unit 'Sở Y tê' is not in the unit registry; did you mean 'Sở Y tế'?");
    assert_diag(f.d, 4, DIAG_WARNING, 6,
                "unit 'Bộ Tư pháp' is not in the unit registry");
    orgunits_free(reg);
    release(&f);
}

static void across_plans(void **state)
{
    (void)state;
    fixture a = load(
        "a.json",
        "{\"id\": \"tinh-2026\", \"basis\": [{\"document\": \"KH\", \"plan\": \"tinh-2025\"}]}");
    fixture b = load(
        "b.json",
        "{\"id\": \"tinh-2026\",\n \"basis\": [{\"document\": \"KH\", \"plan\": \"tinh-2026\"},\n"
        "  {\"document\": \"KH\", \"plan\": \"khac\"}]}");
    diag_sink *d = diag_sink_new(0);
    diag_register_file(d, "a.json");
    diag_register_file(d, "b.json");
    meaning_index *ix = meaning_index_new();
    meaning_index_add(ix, a.p, d);
    release(&a); /* the index keeps what it needs */
    meaning_index_add(ix, b.p, d);
    release(&b);
    meaning_index_finish(ix, d);
    meaning_index_free(ix);
    assert_int_equal(diag_errors(d), 1);
    assert_int_equal(diag_warnings(d), 2);
    assert_diag(
        d, 0, DIAG_WARNING, 1,
        "basis links to plan 'tinh-2025', which is not among the plans checked; did you mean 'tinh-2026'?");
    assert_diag(d, 1, DIAG_ERROR, 1,
                "plan id 'tinh-2026' is already used in a.json");
    assert_string_equal(diag_get(d, 1)->path, "b.json");
    const diag *first = diag_get(d, 1)->notes;
    assert_non_null(first);
    assert_string_equal(first->path, "a.json");
    assert_string_equal(first->message, "first used here");
    assert_int_equal(first->column, 8);
    assert_diag(
        d, 2, DIAG_WARNING, 3,
        "basis links to plan 'khac', which is not among the plans checked");
    diag_sink_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_come_from_the_nearest_holder),
        cmocka_unit_test(misshapen_values_are_left_out),
        cmocka_unit_test(ids_dates_and_needs),
        cmocka_unit_test(unit_names_against_the_registry),
        cmocka_unit_test(across_plans),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
