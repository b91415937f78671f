/* fuzz-template.c - libFuzzer target: any bytes as a report template,
 * through its pipeline: load, schema, model and checks; a template that
 * passes renders a report of a fixed plan with its log (two plans named,
 * so sheets made for several plans appear), which must be written without
 * an error. Built with -Dfuzz=true and clang; see docs/development.md. */
#include "fuzz-setup.h"

#include "arena.h"
#include "diag.h"
#include "report.h"
#include "template.h"
#include "yamlload.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const char plan_yaml[] =
    "id: p\nnumber: \"/KH-STP\"\nissuer: Sở Tư pháp\nplace: Y\ntitle: \"=T\"\n"
    "issued: \"2026-01-15\"\nyear: 2026\n"
    "sections:\n- id: \"1\"\n  title: S\n  sections:\n  - id: \"1.1\"\n    title: S1\n"
    "    activities:\n"
    "    - id: \"1.a\"\n      title: A\n      lead: Sở Tư pháp\n      time: Quý I-IV\n"
    "    - id: \"1.b\"\n      title: B\n      lead: Sở Y tế\n      partners: [Sở Tư pháp]\n"
    "      time: \"Từ tháng 03/2026 đến tháng 04/2026\"\n"
    "      targets:\n      - {name: Số buổi, value: 6}\n"
    "reports:\n- {by: Sở Tư pháp, to: Bộ Tư pháp, what: kết quả, due: \"2026-10-30\"}\n"
    "recipients: [Bộ Tư pháp]\nsigner: {authority: [KT. GIÁM ĐỐC], title: PHÓ GIÁM ĐỐC, name: N}\n";
static const char log_yaml[] =
    "plan: p\nrecords:\n"
    "- {date: \"2026-02-01\", activity: \"1.a\", occurrence: 2026-Q1, state: done}\n"
    "- {date: \"2026-03-20\", activity: \"1.b\", state: in-progress, percent: 40,"
    " values: {Số buổi: 2}, note: \"=cmd\"}\n";

static plan *the_plan;
static progress_log *the_log;
static int out_fd; /* an unlinked file, rewritten each time */

static void setup(void)
{
    the_plan = fuzz_fixed_plan("p.yaml", plan_yaml);
    the_log = fuzz_fixed_log(the_plan, "p.progress.yaml", log_yaml);
    char out_path[] = "/tmp/fuzz-template-XXXXXX";
    out_fd = mkstemp(out_path);
    if (out_fd < 0)
        abort();
    unlink(out_path);
}

/* The plan with its log, handed over as validate_run hands it. */
static void add_plan(report *r, const progress_log *log)
{
    report_begin_plan(r, the_plan);
    for (size_t i = 0; log && i < log->count; i++)
        report_record(r, &log->records[i]);
    report_plan(r, the_plan, "p.yaml", NULL, log);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!the_plan)
        setup();
    source *src = fuzz_input("t.template.yaml", data, size);
    arena *a = arena_new();
    diag_sink *d = diag_sink_new(20);
    node *root = yamlload_parse(a, src, d, &yamlload_default_limits);
    if (root && schema_validate(fuzz_schema("template.schema.json"), root, d)) {
        template *t = template_build(a, src, root, d);
        if (t) {
            report_options o = {.tpl = t, .plan_files = 2, .fd = out_fd};
            o.run.as_of = date_make(2026, 12, 14);
            strbuf err = STRBUF_INIT;
            report_period_parse("2026", &o.run.period, NULL);
            o.run.template_name = t->name;
            report *r = report_begin(&o, &err);
            if (!r)
                abort();
            add_plan(r, the_log);
            add_plan(r, NULL);
            report_summary sum;
            if (!report_end(r, &sum, &err)) {
                fprintf(stderr, "a checked template failed to render: %s\n",
                        strbuf_str(&err));
                abort();
            }
        }
    }
    diag_sink_free(d);
    arena_free(a);
    source_free(src);
    return 0;
}
