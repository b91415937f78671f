/* fuzz-progress.c - libFuzzer target: any bytes as the progress log of a
 * fixed plan (a recurring activity, two windows, targets), through the
 * log's pipeline: load, schema, model, checks against the plan, status as
 * of two dates in every output form, and a record appended to it. When
 * the append is allowed, the new text must load and hold one more record:
 * the promise `kehoach update` relies on. Built with -Dfuzz=true and
 * clang; see the README. */
#include "fuzz-setup.h"

#include "arena.h"
#include "diag.h"
#include "progress_write.h"
#include "status.h"
#include "status_format.h"
#include "yamlload.h"

#include <stdlib.h>

static const char plan_yaml[] =
    "id: p\nissuer: X\nplace: Y\ntitle: T\nyear: 2026\n"
    "sections:\n- id: \"1\"\n  title: S\n  activities:\n"
    "  - id: \"1.a\"\n    title: A\n    lead: Sở Tư pháp\n    time: Quý I-IV\n"
    "  - id: \"1.b\"\n    title: B\n    lead: Sở Y tế\n"
    "    time: \"Từ tháng 03/2026 đến tháng 04/2026\\nTừ tháng 11/2026 đến tháng 12/2026\"\n"
    "    targets:\n    - {name: Số buổi, value: 6}\n    - {name: Tỷ lệ, value: 100, unit: \"%\"}\n"
    "reports:\n- {by: Sở Tư pháp, to: Bộ Tư pháp, what: kết quả, due: \"2026-10-30\"}\n"
    "recipients: [Bộ Tư pháp]\nsigner: {title: GIÁM ĐỐC, name: N}\n";

static plan *the_plan;

static void show_status(arena *a, const progress_log *log, const char *as_of)
{
    date day;
    date_parse(as_of, false, &day);
    status_plan s;
    status_compute(a, the_plan, log, day, NULL, &s);
    strbuf out = STRBUF_INIT;
    for (int kind = STATUS_FORMAT_TEXT; kind <= STATUS_FORMAT_CSV; kind++) {
        status_report r = {.kind = (status_format_kind)kind, .as_of = day, .width = 80,
                           .out = &out};
        status_format_begin(&r);
        status_format_plan(&r, &s, "p.yaml");
        status_format_end(&r);
    }
    sb_release(&out);
}

/* Appends a record; the new text must load with exactly one more record. */
static void append_one(const source *src, const node *root, size_t count)
{
    static const progress_write_value values[] = {{"Số buổi", 2}};
    progress_write_entry e = {.activity = "1.b", .occurrence = "2026-03-01..2026-04-30",
                      .state = PROGRESS_DONE, .percent = -1, .values = values,
                      .nvalues = 1, .note = "n\"o\\te"};
    date_parse("2026-04-20", false, &e.date);
    strbuf text = STRBUF_INIT;
    const char *why;
    if (progress_write_append(src, root, "p", NULL, &e, &text, &why)) {
        source *again = source_new("again", xstrndup(sb_str(&text), text.len), text.len);
        arena *a = arena_new();
        diag_sink *d = diag_sink_new(1);
        node *back = yamlload_parse(a, again, d, &yamlload_default_limits);
        const node *list = back ? node_get(back, "records") : NULL;
        if (!list || list->kind != NODE_ARRAY || list->u.array.count != count + 1)
            abort();
        diag_sink_free(d);
        arena_free(a);
        source_free(again);
    }
    sb_release(&text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!the_plan)
        the_plan = fuzz_fixed_plan("p.yaml", plan_yaml);
    source *src = fuzz_input("p.progress.yaml", data, size);
    arena *a = arena_new();
    diag_sink *d = diag_sink_new(50);
    node *root = yamlload_parse(a, src, d, &yamlload_default_limits);
    if (root) {
        bool valid = schema_validate(fuzz_schema("progress.schema.json"), root, d);
        progress_log *log = progress_build(a, src, root);
        progress_check(log, the_plan, d);
        show_status(a, log, "2026-07-01");
        show_status(a, log, "2027-01-01");
        const node *list = node_get(root, "records");
        if (valid && !diag_errors(d))
            append_one(src, root, list && list->kind == NODE_ARRAY ? list->u.array.count : 0);
    }
    strbuf out = STRBUF_INIT;
    diag_format_text(d, &out, false);
    sb_release(&out);
    diag_sink_free(d);
    arena_free(a);
    source_free(src);
    return 0;
}
