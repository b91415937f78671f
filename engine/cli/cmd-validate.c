/* cmd-validate.c - "kehoach validate": check plan files.
 *
 * Runs the library's validation over the paths given (plans/ by default)
 * and prints its diagnostics, then one closing line of counts; or, with
 * --format json, one JSON object with the same content. */
#include "cli.h"

const cli_command cmd_validate_info;

static const cli_option option_table[] = {
    {"format", 'f', true},
    {NULL, 0, false},
};

static bool on_arg(const cli_args *arg, void *ctx)
{
    return cli_plans_arg(ctx, arg);
}

/* The closing line: "checked 12 files: 5 plans, 42 activities, 5
 * progress logs (108 records); no problems found". */
static void summary_text(const validate_result *r, const diag_sink *d,
                         strbuf *out)
{
    size_t errors = diag_errors(d), warnings = diag_warnings(d);
    strbuf counts = STRBUF_INIT, records = STRBUF_INIT;
    strbuf_printf(&counts, P_("%zu plan", "%zu plans", r->plans), r->plans);
    strbuf_puts(&counts, ", ");
    strbuf_printf(&counts, P_("%zu activity", "%zu activities", r->activities),
                  r->activities);
    if (r->registries) {
        strbuf_puts(&counts, ", ");
        strbuf_printf(&counts,
                      P_("%zu unit registry", "%zu unit registries",
                         r->registries),
                      r->registries);
    }
    if (r->logs) {
        strbuf_printf(&records, P_("%zu record", "%zu records", r->records),
                      r->records);
        strbuf_puts(&counts, ", ");
        strbuf_printf(&counts,
                      /* TRANSLATORS: "5 progress logs (108 records)" */
                      P_("%zu progress log (%s)", "%zu progress logs (%s)",
                         r->logs),
                      r->logs, strbuf_str(&records));
    }
    if (r->templates) {
        strbuf_puts(&counts, ", ");
        strbuf_printf(&counts,
                      P_("%zu report template", "%zu report templates",
                         r->templates),
                      r->templates);
    }
    if (r->notes) {
        strbuf_puts(&counts, ", ");
        strbuf_printf(&counts,
                      P_("%zu notes file", "%zu notes files", r->notes),
                      r->notes);
    }
    if (!errors && !warnings) {
        strbuf_printf(out,
                      /* TRANSLATORS: %s counts what the files are:
                         "checked 12 files: 5 plans, 42 activities, 5
                         progress logs (108 records), 2 notes files; no
                         problems found". */
                      P_("checked %zu file: %s; no problems found",
                         "checked %zu files: %s; no problems found", r->nfiles),
                      r->nfiles, strbuf_str(&counts));
    } else {
        strbuf problems = STRBUF_INIT;
        strbuf_printf(&problems, P_("%zu error", "%zu errors", errors), errors);
        strbuf_puts(&problems, ", ");
        strbuf_printf(&problems, P_("%zu warning", "%zu warnings", warnings),
                      warnings);
        strbuf_printf(
            out,
            /* TRANSLATORS: the first %s counts what the files are, the
               second the problems: "checked 1 file: 1 plan, 2
               activities; 3 errors, 0 warnings". */
            P_("checked %zu file: %s; %s", "checked %zu files: %s; %s",
               r->nfiles),
            r->nfiles, strbuf_str(&counts), strbuf_str(&problems));
        strbuf_release(&problems);
    }
    strbuf_putc(out, '\n');
    strbuf_release(&counts);
    strbuf_release(&records);
}

/* The shape schemas/output/validate.schema.json describes (docs/json.md):
 * the closing line's counts, every file checked, every diagnostic. */
static void summary_json(const validate_result *r, diag_sink *d, strbuf *out)
{
    json_writer w;
    json_writer_init(&w, out);
    json_writer_object_begin(&w, NULL, JSON_WRITER_LINES(0, 0));
    json_writer_array_begin(&w, "files", JSON_WRITER_LINES(2, 0));
    for (size_t i = 0; i < r->nfiles; i++) {
        const validate_file *f = &r->files[i];
        json_writer_object_begin(&w, NULL, JSON_WRITER_COMPACT);
        json_writer_string(&w, "file", f->path);
        json_writer_string(&w, "kind", validate_kind_name(f->kind));
        json_writer_bool(&w, "loaded", f->loaded);
        if (f->kind == VALIDATE_PLAN) {
            json_writer_string(&w, "plan", f->id);
            json_writer_uint(&w, "activities", f->activities);
        }
        if (f->kind == VALIDATE_LOG)
            json_writer_uint(&w, "records", f->records);
        json_writer_uint(&w, "units", f->units);
        json_writer_end(&w);
    }
    json_writer_end(&w);
    json_writer_uint(&w, "plans", r->plans);
    json_writer_uint(&w, "activities", r->activities);
    json_writer_uint(&w, "registries", r->registries);
    json_writer_uint(&w, "logs", r->logs);
    json_writer_uint(&w, "records", r->records);
    json_writer_uint(&w, "templates", r->templates);
    json_writer_uint(&w, "notes_files", r->notes);
    json_writer_uint(&w, "errors", diag_errors(d));
    json_writer_uint(&w, "warnings", diag_warnings(d));
    diag_format_json(d, &w, "diagnostics");
    json_writer_end(&w);
    strbuf_putc(out, '\n');
}

static int cmd_validate(int argc, char **argv)
{
    static const char *const formats[] = {"text", "json"};
    cli_plans p;
    cli_plans_init(&p, "validate", argc, formats, 2);
    if (!cli_plans_parse(&p, argc, argv, option_table, on_arg, &p)) {
        cli_plans_release(&p);
        return EXIT_USAGE;
    }
    p.result.list_files = p.format == 1;
    cli_plans_check(&p, NULL);

    strbuf out = STRBUF_INIT;
    if (p.format == 1) {
        summary_json(&p.result, p.d, &out);
    } else {
        diag_format_text(p.d, &out, cli_color());
        summary_text(&p.result, p.d, &out);
    }
    bool written = cli_write(stdout, &out);
    strbuf_release(&out);

    int code = cli_exit_code(&p.result, p.d);
    if (!written) {
        cli_line(stderr, "kehoach %s: cannot write the output", "validate");
        code = EXIT_IO;
    }
    cli_plans_release(&p);
    return code;
}

const cli_command cmd_validate_info = {
    "validate",
    cmd_validate,
    N_("check plan files against the schema and the rules of a plan"),
    N_("usage: kehoach validate [--format text|json] [PATH...]\n"
       "\n"
       "Checks plan files and reports every problem with its line and column:\n"
       "the file's YAML, the plan schema (schemas/plan.schema.json), real dates,\n"
       "activity ids unique within a plan and plan ids unique across the plans\n"
       "checked, a lead unit and a time for every activity (its own, or from the\n"
       "'defaults' of its section or plan), and unit names against the unit\n"
       "registry: the plan's 'units' and a units.yaml in the plan's folder.\n"
       "A plan's progress log (NAME.progress.yaml beside NAME.yaml) is checked\n"
       "with it: its schema (schemas/progress.schema.json), real dates within\n"
       "the plan's year, and activities, occurrences and targets that the plan\n"
       "has.\n"
       "\n"
       "PATH is a plan file, a progress log or a folder; folders are searched\n"
       "for *.yaml and *.yml files, recursively. Without PATH, checks the\n"
       "folder plans/.\n"
       "\n"
       "options:\n"
       "  -f, --format FORMAT   text (the default) or json\n"
       "  -h, --help            show this help\n"
       "\n"
       "At most 50 problems per file are shown; the closing line counts all.\n"
       "Colours are used on a terminal unless NO_COLOR is set.\n"
       "\n"
       "exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage\n"
       "error, 3 a file or folder could not be read, 4 internal error.\n"),
};
