/* fuzz-progress.c - libFuzzer target: any bytes as the progress log of a
 * fixed plan (a recurring activity, two windows, targets), through the
 * log's pipeline: load, schema, model, checks against the plan, status as
 * of two dates in every output form; then the same bytes as the log of
 * that plan on disk, and a record added to it by update_record, as
 * `kehoach update` adds one: of an activity, or (inputs of odd length) of
 * the plan's report sent. The promise update relies on: a record
 * recorded leaves the old bytes followed by exactly one more record; any
 * refusal leaves the log byte for byte as it was; nothing is an internal
 * error. Built with -Dfuzz=true and clang; see
 * docs/development.md. */
#include "fuzz-setup.h"
#include "xalloc.h"

#include "arena.h"
#include "diag.h"
#include "fileio.h"
#include "status.h"
#include "status_format.h"
#include "update.h"
#include "yamlload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
        status_report r = {.kind = (status_format_kind)kind,
                           .as_of = day,
                           .width = 80,
                           .out = &out};
        status_format_begin(&r);
        status_format_plan(&r, &s, "p.yaml");
        status_format_end(&r);
    }
    strbuf_release(&out);
}

/* The plan's folder, made on the first call and removed at exit. */
static char folder[] = "/tmp/kehoach-fuzz-progress-XXXXXX";
static char *plan_path, *log_path;

static char *in_folder(const char *name)
{
    strbuf path = STRBUF_INIT;
    strbuf_printf(&path, "%s/%s", folder, name);
    return path.buf;
}

static void write_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
        abort();
}

static void remove_folder(void)
{
    char *lock = in_folder("p.progress.yaml.lock");
    unlink(lock);
    unlink(log_path);
    unlink(plan_path);
    rmdir(folder);
    free(lock);
}

static void make_folder(void)
{
    if (!mkdtemp(folder))
        abort();
    plan_path = in_folder("p.yaml");
    log_path = in_folder("p.progress.yaml");
    write_file(plan_path, plan_yaml, strlen(plan_yaml));
    atexit(remove_folder);
}

static size_t records_in(const char *text, size_t len)
{
    source *src = source_new("again", xstrndup(text, len), len);
    arena *a = arena_new();
    diag_sink *d = diag_sink_new(1);
    yamlload_limits limits = progress_log_limits();
    node *root = yamlload_parse(a, src, d, &limits);
    const node *list = root ? node_get(root, "records") : NULL;
    size_t n = list && list->kind == NODE_ARRAY ? list->u.array.count : 0;
    diag_sink_free(d);
    arena_free(a);
    source_free(src);
    return n;
}

static bool says_internal_error(diag_sink *d)
{
    for (size_t i = 0; i < diag_count(d); i++)
        if (strncmp(diag_get(d, i)->message, "internal error", 14) == 0)
            return true;
    return false;
}

/* The input as the plan's log on disk, and a record added to it. */
static void update_on_disk(const uint8_t *data, size_t size)
{
    if (!plan_path)
        make_folder();
    write_file(log_path, data, size);
    static const progress_write_value values[] = {{"Số buổi", 2}};
    progress_write_entry entry = {.activity = "1.b",
                                  .occurrence = "2026-03-01..2026-04-30",
                                  .state = PROGRESS_DONE,
                                  .percent = -1,
                                  .values = values,
                                  .nvalues = 1,
                                  .note = "n\"o\\te"};
    if (size % 2) /* the report sent, with its number */
        entry = (progress_write_entry){.report = "BC1",
                                       .state = PROGRESS_DONE,
                                       .percent = -1,
                                       .document = "Số 1/BC-STP"};
    date_parse("2026-04-20", false, &entry.date);
    update_request req = {
        .plan = plan_path,
        .entries = &entry,
        .nentries = 1,
        .lock_timeout_ms = 1000,
        .max_problems = 50,
    };
    date_parse("2026-07-01", false, &req.today);
    update_result r;
    update_record(&req, &r);
    char *text;
    size_t len;
    if (fileio_read(log_path, (size_t)1 << 30, &text, &len, NULL) != FILEIO_OK)
        abort();
    if (r.status == UPDATE_INTERNAL || says_internal_error(r.checks) ||
        says_internal_error(r.problems))
        abort();
    if (r.status == UPDATE_RECORDED) {
        if (len <= size || memcmp(text, data, size) != 0 ||
            records_in(text, len) != records_in((const char *)data, size) + 1)
            abort();
    } else if (len != size || memcmp(text, data, size) != 0) {
        abort();
    }
    free(text);
    update_result_release(&r);
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
        schema_validate(fuzz_schema("progress.schema.json"), root, d);
        progress_log *log = progress_build(a, src, root);
        progress_check(log, the_plan, d);
        show_status(a, log, "2026-07-01");
        show_status(a, log, "2027-01-01");
    }
    strbuf out = STRBUF_INIT;
    diag_format_text(d, &out, false);
    strbuf_release(&out);
    diag_sink_free(d);
    arena_free(a);
    source_free(src);
    update_on_disk(data, size);
    return 0;
}
