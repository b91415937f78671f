/* test-orgunits_query.c - a --unit against the plans read (orgunits_query.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "arena.h"
#include "diag.h"
#include "json.h"
#include "plan.h"
#include "orgunits_query.h"
#include "xalloc.h"

#include <string.h>

/* Two plans: one with a registry, one that writes its units' names. */
static const char with_registry[] =
    "{\"id\": \"a\", \"year\": 2026,\n"
    " \"units\": [{\"id\": \"syt\", \"name\": \"Sở Y tế thành phố\", \"aliases\": [\"Sở Y tế\"]},\n"
    "            {\"id\": \"tt\", \"name\": \"Trung tâm Trợ giúp pháp lý Nhà nước\"}],\n"
    " \"sections\": [{\"id\": \"1\", \"title\": \"Một\", \"activities\": [\n"
    "  {\"id\": \"1.1\", \"title\": \"A\", \"lead\": \"Trung tâm Trợ giúp pháp lý Nhà nước\",\n"
    "   \"time\": \"Quý II\"}]}]}\n";

static const char without_registry[] =
    "{\"id\": \"b\", \"year\": 2026,\n"
    " \"sections\": [{\"id\": \"1\", \"title\": \"Một\", \"activities\": [\n"
    "  {\"id\": \"1.1\", \"title\": \"A\", \"lead\": \"Phòng Tư pháp huyện Hải Lăng\",\n"
    "   \"partners\": [\"Trung tâm Trợ giúp pháp lý tỉnh Quảng Trị\"], \"time\": \"Quý II\"}]}],\n"
    " \"reports\": [{\"what\": \"Báo cáo\", \"by\": \"Phòng Tư pháp huyện Hải Lăng\",\n"
    "              \"to\": \"Bộ Tư pháp\", \"due\": \"2026-11-30\"}]}\n";

typedef struct plans {
    arena *a;
    diag_sink *d;
    source *src[2];
    plan *p[2];
    orgunits *reg;
} plans;

static plans load(void)
{
    plans s;
    s.a = arena_new();
    s.d = diag_sink_new(0);
    const char *texts[2] = {with_registry, without_registry};
    for (int i = 0; i < 2; i++) {
        s.src[i] = source_new("p.json", xstrdup(texts[i]), strlen(texts[i]));
        node *root = json_parse(s.a, s.src[i], s.d);
        assert_non_null(root);
        s.p[i] = plan_build(s.a, s.src[i], root);
    }
    s.reg = orgunits_new(NULL);
    orgunits_add(s.reg, s.p[0]->units, s.p[0]->nunits);
    return s;
}

static void release(plans *s)
{
    orgunits_free(s->reg);
    for (int i = 0; i < 2; i++)
        source_free(s->src[i]);
    diag_sink_free(s->d);
    arena_free(s->a);
}

/* Whether the query is found once both plans are read. */
static bool found(plans *s, const char *text)
{
    orgunits_query *q = orgunits_query_new(text);
    orgunits_query_add_plan(q, s->p[0], s->reg);
    orgunits_query_add_plan(q, s->p[1], NULL);
    bool yes = orgunits_query_found(q);
    orgunits_query_free(q);
    return yes;
}

static void found_in_a_registry_or_in_the_names_written(void **state)
{
    (void)state;
    plans s = load();
    assert_true(found(&s, "syt"));
    assert_true(found(&s, "So Y te")); /* an alias, no marks */
    assert_true(found(&s, "Sở Y tế thành phố"));
    assert_true(
        found(&s, "Phong Tu phap huyen Hai Lang")); /* a lead as written */
    assert_true(
        found(&s, "Trung tâm trợ giúp pháp lý tỉnh Quảng Tri")); /* a partner */
    assert_true(found(&s, "BỘ TƯ PHÁP")); /* whom a report goes to */
    assert_false(found(&s, "Sở Giáo dục và Đào tạo"));
    assert_false(found(&s, "Bộ Y tế"));
    assert_false(
        found(&s, "các cơ quan có liên quan")); /* generic, written nowhere */
    release(&s);
}

static void not_found_suggests_from_every_plan(void **state)
{
    (void)state;
    plans s = load();
    orgunits_query *q = orgunits_query_new("Trung tâm TGPL");
    orgunits_query_add_plan(q, s.p[0], s.reg);
    orgunits_query_add_plan(q, s.p[1], NULL);
    assert_false(orgunits_query_found(q));
    const orgunits_hints *h = orgunits_query_hints(q);
    assert_int_equal(h->count, 2);
    assert_string_equal(
        h->names[0], "Trung tâm Trợ giúp pháp lý Nhà nước"); /* 2 words more */
    assert_string_equal(h->names[1],
                        "Trung tâm Trợ giúp pháp lý tỉnh Quảng Trị");
    orgunits_query_free(q);

    /* found in the second plan: the first one's suggestions do not matter */
    q = orgunits_query_new("Phòng Tư pháp huyện Hải Lăng");
    orgunits_query_add_plan(q, s.p[0], s.reg);
    assert_false(orgunits_query_found(q));
    orgunits_query_add_plan(q, s.p[1], NULL);
    assert_true(orgunits_query_found(q));
    orgunits_query_free(q);
    release(&s);
}

/* What the query was taken as when found only without diacritics ("" for
 * NULL), and the unit's name when that is an alias. */
static void expect_taken_as(plans *s, const char *text, const char *as,
                            const char *unit)
{
    orgunits_query *q = orgunits_query_new(text);
    orgunits_query_add_plan(q, s->p[0], s->reg);
    orgunits_query_add_plan(q, s->p[1], NULL);
    assert_true(orgunits_query_found(q));
    const char *unit_name, *taken = orgunits_query_taken_as(q, &unit_name);
    assert_string_equal(taken ? taken : "", as);
    assert_string_equal(unit_name ? unit_name : "", unit);
    orgunits_query_free(q);
}

static void said_when_found_only_without_diacritics(void **state)
{
    (void)state;
    plans s = load();
    expect_taken_as(&s, "Sở Y tế", "", ""); /* as registered */
    expect_taken_as(&s, "syt", "", "");
    expect_taken_as(&s, "So Y te", "Sở Y tế",
                    "Sở Y tế thành phố"); /* an alias */
    expect_taken_as(&s, "so y te thanh pho", "Sở Y tế thành phố", "");
    expect_taken_as(&s, "Phòng Tư pháp huyện Hải Lăng", "",
                    ""); /* as written */
    expect_taken_as(&s, "Phong Tu phap huyen Hai Lang",
                    "Phòng Tư pháp huyện Hải Lăng", "");
    release(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(found_in_a_registry_or_in_the_names_written),
        cmocka_unit_test(not_found_suggests_from_every_plan),
        cmocka_unit_test(said_when_found_only_without_diacritics),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
