/* fuzz-plan.c - libFuzzer target: any bytes as a plan file, through the
 * whole check pipeline (load, schema, model, meaning checks, schedule,
 * status, deadlines, diagnostics formatted as text and JSON), and a plan
 * that checks clean drafted for its next year (newyear.h), whose draft
 * must read back as meant. Built with -Dfuzz=true and clang; see
 * docs/development.md. */
#include "fuzz-setup.h"

#include "arena.h"
#include "meaning.h"
#include "newyear.h"
#include "deadline.h"
#include "deadline_format.h"
#include "diag.h"
#include "schedule.h"
#include "status.h"
#include "status_format.h"
#include "orgunits.h"
#include "yamlload.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    source *src = fuzz_input("fuzz.yaml", data, size);
    arena *a = arena_new();
    diag_sink *d = diag_sink_new(50);
    size_t errors = diag_errors(d);
    node *root = yamlload_parse(a, src, d, &yamlload_default_limits);
    if (!root && diag_errors(d) == errors)
        abort(); /* refused without a reason */
    if (root) {
        schema_validate(fuzz_schema("plan.schema.json"), root, d);
        plan *p = plan_build(a, src, root);
        orgunits *reg = orgunits_new(NULL);
        orgunits_add(reg, p->units, p->nunits);
        meaning_check_plan(p, reg, d);
        schedule_plan(a, p, d);
        deadline_list list;
        deadline_list_init(&list);
        deadline_query q = {date_make(2026, 7, 1),   true,
                            date_make(2026, 12, 31), "stp",
                            DEADLINE_ANY_ROLE,       false};
        status_scope scope = {"stp", reg};
        status_plan status;
        status_compute(a, p, NULL, q.as_of, &scope, &status);
        deadline_add_plan(&list, p, "fuzz.yaml", reg, &status, &q);
        deadline_sort(&list);
        strbuf shown = STRBUF_INIT;
        status_report report = {.kind = STATUS_FORMAT_TEXT,
                                .as_of = q.as_of,
                                .width = 80,
                                .out = &shown};
        status_format_begin(&report);
        status_format_plan(&report, &status, "fuzz.yaml");
        status_format_end(&report);
        report.kind = STATUS_FORMAT_JSON;
        status_format_plan(&report, &status, "fuzz.yaml");
        deadline_format_text(&list, &q, &shown, true, 80);
        deadline_format_ics(&list, 0, "0", &shown);
        strbuf_release(&shown);
        deadline_list_release(&list);
        meaning_index *ix = meaning_index_new();
        meaning_index_add(ix, p, d);
        meaning_index_finish(ix, d);
        meaning_index_free(ix);
        orgunits_free(reg);
        if (!diag_errors(d) && p->year_from) {
            strbuf draft = STRBUF_INIT, err = STRBUF_INIT;
            diag_sink *notes = diag_sink_new(0);
            newyear_summary sum;
            int year = p->year_to < 2100 ? p->year_from + 1 : p->year_from - 1;
            if (newyear_draft(p, year, NULL, d, &draft, notes, &sum, &err) ==
                NEWYEAR_FAILED)
                abort(); /* the draft does not read back as meant */
            free(sum.id);
            diag_sink_free(notes);
            strbuf_release(&err);
            strbuf_release(&draft);
        }
    }
    strbuf out = STRBUF_INIT;
    diag_format_text(d, &out, false);
    json_writer w;
    json_writer_init(&w, &out);
    diag_format_json(d, &w, NULL);
    strbuf_release(&out);
    diag_sink_free(d);
    arena_free(a);
    source_free(src);
    return 0;
}
