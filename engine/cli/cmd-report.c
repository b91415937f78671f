/* cmd-report.c - "kehoach report": Excel reports from the plans and their
 * progress.
 *
 * Loads the template, checks the plans and logs as "validate" does and
 * renders each plan into the workbook while it is in memory (report.h).
 * The workbook is written to a temporary file beside the output and
 * renamed over it only when everything succeeded (outfile.h): errors in
 * the plans, a full disk or a crash never leave a partial report under its
 * name, and a signal or the next run removes the temporary. */
#include "cli.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#define PROBLEMS_PER_FILE 50
#define DEFAULT_TEMPLATE "ministry"

typedef struct options {
    cli_plans plans;
    const char *template_name;
    bool has_period;
    report_period period;
    const char *number; /* --number */
    bool has_date;      /* --date */
    date date;
} options;

enum { OPT_TEMPLATE, OPT_PERIOD, OPT_AS_OF, OPT_DATE, OPT_NUMBER, OPT_OUTPUT };

static const cli_option option_table[] = {
    [OPT_TEMPLATE] = {"template", 't', true},
    [OPT_PERIOD] = {"period", 'p', true},
    [OPT_AS_OF] = {"as-of", 0, true},
    [OPT_DATE] = {"date", 0, true},
    [OPT_NUMBER] = {"number", 0, true},
    [OPT_OUTPUT] = {"output", 'o', true},
    {NULL, 0, false},
};

static bool on_arg(const cli_args *arg, void *ctx)
{
    options *o = ctx;
    switch (arg->option) {
    case OPT_TEMPLATE:
        o->template_name = arg->value;
        return true;
    case OPT_PERIOD: {
        strbuf why = STRBUF_INIT;
        bool read = report_period_parse(arg->value, &o->period, &why);
        if (!read)
            cli_usage_error("report", "%s", strbuf_str(&why));
        strbuf_release(&why);
        o->has_period = read;
        return read;
    }
    case OPT_DATE:
        return o->has_date = cli_date("report", arg->value, &o->date);
    case OPT_NUMBER:
        if (!report_field_number_valid(arg->value)) {
            cli_usage_error("report",
                            "'%s' is not a report's number: give the number "
                            "alone, as in --number 123 (at most %d characters, "
                            "no '/'); the template writes the rest (Số: "
                            "123/BC-...)",
                            arg->value, REPORT_FIELD_NUMBER_MAX);
            return false;
        }
        o->number = arg->value;
        return true;
    default:
        return cli_plans_arg(&o->plans, arg);
    }
}

/* The reporting year a day's data belong to (period.h), as a report's
 * period. */
static report_period year_of(date d)
{
    period year = period_year_of(d);
    report_period p;
    char key[16];
    period_key(&year, key);
    report_period_parse(key, &p, NULL);
    return p;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Each sheet of a workbook being written holds a temporary file open:
 * a report with thousands of plans needs more than the usual 1024. */
static void raise_open_files_limit(void)
{
    struct rlimit lim;
    if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
        lim.rlim_cur = lim.rlim_max;
        setrlimit(RLIMIT_NOFILE, &lim);
    }
}

/* The report being written, and the warnings its plans gave, said once
 * it is written. A country's plans can give one each (a notes file
 * written for another period): past WARNINGS_HELD bytes they move to an
 * anonymous temporary file, so that they do not add to the memory each
 * sheet of the workbook takes (or, when no such file can be made, they
 * stay in memory). */
#define WARNINGS_HELD ((size_t)64 << 10)

typedef struct rendering {
    report *r;
    strbuf warnings; /* the latest, after the moved ones */
    int moved;       /* the temporary file, or -1 */
    uint64_t moved_len;
    bool keep_all; /* a move failed: the rest stay in memory */
} rendering;

static void move_warnings(rendering *out)
{
    if (out->keep_all || out->warnings.len <= WARNINGS_HELD)
        return;
    strbuf err = STRBUF_INIT;
    if (out->moved < 0)
        out->moved = tempfile_anonymous(&err);
    strbuf_release(&err);
    /* what a failed write left in the file is past moved_len: not said */
    if (out->moved < 0 ||
        !fileio_write_all(out->moved, out->warnings.buf, out->warnings.len)) {
        out->keep_all = true;
        return;
    }
    out->moved_len += out->warnings.len;
    strbuf_reset(&out->warnings);
}

/* Says the warnings, in the order given. */
static void say_warnings(rendering *out)
{
    char chunk[1 << 16];
    for (uint64_t at = 0; at < out->moved_len;) {
        size_t want = out->moved_len - at < sizeof chunk
                          ? (size_t)(out->moved_len - at)
                          : sizeof chunk;
        if (!tempfile_read_at(out->moved, chunk, want, at) ||
            fwrite(chunk, 1, want, stderr) != want)
            break;
        at += want;
    }
    cli_write(stderr, &out->warnings);
}

static void begin_plan(const plan *p, const char *path,
                       const orgunits *registry, const progress_log *log,
                       void *ctx)
{
    rendering *out = ctx;
    report_begin_plan(out->r, p);
}

static void on_record(const plan *p, const progress_record *rec, void *ctx)
{
    rendering *out = ctx;
    report_record(out->r, rec);
}

static void on_plan(const plan *p, const char *path, const orgunits *registry,
                    const progress_log *log, void *ctx)
{
    rendering *out = ctx;
    const char *warning = report_plan(out->r, p, path, registry, log);
    if (warning) {
        strbuf_printf(&out->warnings, _("kehoach report: warning: %s\n"),
                      warning);
        move_warnings(out);
    }
}

/* A name that is no built-in template is a usage error; a template file
 * that cannot be read, an I/O error. */
static int check_template_name(const char *name)
{
    if (template_names_file(name)) {
        strbuf err = STRBUF_INIT;
        fileio_kind kind = fileio_kind_of(name, &err);
        int code = EXIT_VALID;
        if (kind == FILEIO_MISSING)
            cli_line(stderr,
                     "kehoach report: cannot read the template '%s': %s", name,
                     strbuf_str(&err));
        else if (kind != FILEIO_FILE)
            cli_line(stderr,
                     "kehoach report: cannot read the template '%s': it is a "
                     "folder",
                     name);
        if (kind != FILEIO_FILE)
            code = EXIT_IO;
        strbuf_release(&err);
        return code;
    }
    const char *near = NULL;
    if (template_builtin(name, &near))
        return EXIT_VALID;
    if (near)
        return cli_usage_error("report",
                               "no built-in template '%s'; did you mean '%s'?",
                               name, near);
    return cli_usage_error(
        "report",
        "no built-in template '%s': use ministry, audit or a "
        "template file (NAME.template.yaml)",
        name);
}

static int print_template_problems(diag_sink *d)
{
    strbuf problems = STRBUF_INIT;
    diag_format_text(d, &problems, false);
    size_t errors = diag_errors(d);
    strbuf_printf(&problems,
                  P_("kehoach report: the template has %zu error; no report "
                     "written\n",
                     "kehoach report: the template has %zu errors; no report "
                     "written\n",
                     errors),
                  errors);
    cli_write(stderr, &problems);
    strbuf_release(&problems);
    return EXIT_PROBLEMS;
}

/* What the as-of date was taken from: --as-of, or, without it, the
 * period's cut-off or today, which the summary says. */
typedef enum as_of_source {
    AS_OF_GIVEN,
    AS_OF_CUT_OFF,
    AS_OF_TODAY
} as_of_source;

/* The line that says what was written. */
static void say_written(const char *path, const report_summary *sum,
                        const char *template_name, const report_run *run,
                        as_of_source from)
{
    char as_of[11];
    date_format_vn(run->as_of, as_of);
    strbuf plans = STRBUF_INIT, sheets = STRBUF_INIT;
    strbuf_printf(&plans, P_("%zu plan", "%zu plans", sum->plans), sum->plans);
    strbuf_printf(&sheets, P_("%zu sheet", "%zu sheets", sum->sheets),
                  sum->sheets);
    const char *key = run->period.key;
    if (from == AS_OF_CUT_OFF)
        cli_line(stdout,
                 /* TRANSLATORS: the second and third %s count the plans
                    and the sheets ("2 plans", "3 sheets"); the others are
                    the file, the template's name, the period's key and
                    the as-of date. */
                 "wrote %s: %s, %s (template %s, period %s, as of %s, the "
                 "period's cut-off)",
                 path, strbuf_str(&plans), strbuf_str(&sheets), template_name,
                 key, as_of);
    else if (from == AS_OF_TODAY)
        cli_line(stdout,
                 "wrote %s: %s, %s (template %s, period %s, as of %s, today)",
                 path, strbuf_str(&plans), strbuf_str(&sheets), template_name,
                 key, as_of);
    else
        cli_line(stdout, "wrote %s: %s, %s (template %s, period %s, as of %s)",
                 path, strbuf_str(&plans), strbuf_str(&sheets), template_name,
                 key, as_of);
    strbuf_release(&plans);
    strbuf_release(&sheets);
    if (sum->left_out)
        printf(P_("left out %zu plan outside the period %s\n",
                  "left out %zu plans outside the period %s\n", sum->left_out),
               sum->left_out, key);
    if (sum->truncated)
        printf(P_("note: %zu cell longer than Excel's %u characters was cut "
                  "and ends with '…'\n",
                  "note: %zu cells longer than Excel's %u characters were "
                  "cut and end with '…'\n",
                  sum->truncated),
               sum->truncated, XLSX_MAX_TEXT);
}

static int render_report(cli_plans *o, report_run *run, as_of_source from,
                         const template *t)
{
    strbuf err = STRBUF_INIT;
    outfile *out = outfile_open(o->output, OUTFILE_REPLACE, &err);
    if (!out) {
        cli_line(stderr, "kehoach report: cannot write '%s': %s", o->output,
                 strbuf_str(&err));
        strbuf_release(&err);
        return EXIT_IO;
    }
    cli_test_stop("report-writing");
    raise_open_files_limit();
    run->template_name = t->name;
    report_options ro = {
        .tpl = t,
        .run = *run,
        .plan_files = validate_count_plans(o->paths, o->npaths),
        .fd = outfile_fd(out),
    };
    report *r = report_begin(&ro, &err);
    if (!r) {
        cli_line(stderr, "kehoach report: %s", strbuf_str(&err));
        strbuf_release(&err);
        outfile_discard(out);
        return EXIT_IO;
    }
    rendering ren = {.r = r, .warnings = STRBUF_INIT, .moved = -1};
    validate_visitor visit = {begin_plan, on_record, on_plan, &ren};
    cli_plans_check(o, &visit);
    int code = cli_plans_problems(o, N_("no report written"));
    report_summary sum;
    bool written = report_end(r, &sum, &err);
    if (code == EXIT_VALID && sum.plans == 0) {
        cli_line(stderr,
                 "kehoach report: no plan meets the period %s (%s); no report "
                 "written",
                 run->period.key, run->period.label);
        code = EXIT_PROBLEMS;
    }
    if (code == EXIT_VALID && !written) {
        cli_line(stderr, "kehoach report: cannot write '%s': %s", o->output,
                 strbuf_str(&err));
        code = EXIT_IO;
    }
    if (code == EXIT_VALID && !outfile_commit(out, &err)) {
        cli_line(stderr, "kehoach report: cannot write '%s': %s", o->output,
                 strbuf_str(&err));
        code = EXIT_IO;
    } else if (code != EXIT_VALID) {
        outfile_discard(out);
    }
    if (code == EXIT_VALID)
        say_warnings(&ren);
    strbuf_release(&ren.warnings);
    if (ren.moved >= 0)
        close(ren.moved);
    if (code == EXIT_VALID)
        say_written(o->output, &sum, t->name, run, from);
    strbuf_release(&err);
    return code;
}

/* An as-of date after today shows the plans as they would stand then,
 * with every open activity past its due date counted late: allowed, since
 * it was asked for, but said. */
static void warn_future(date as_of)
{
    char a[11];
    date_format_vn(as_of, a);
    cli_line(stderr,
             "kehoach report: warning: --as-of %s is after today: the report "
             "shows the plans as they would stand then, with nothing recorded "
             "since today",
             a);
}

static int make_report(options *o, int argc, char **argv)
{
    cli_plans *p = &o->plans;
    if (!cli_plans_parse(p, argc, argv, option_table, on_arg, o))
        return EXIT_USAGE;
    if (!p->output)
        return cli_usage_error("report",
                               "say where to write the workbook: -o FILE.xlsx");
    if (!ends_with(p->output, ".xlsx"))
        return cli_usage_error("report",
                               "the report is an Excel workbook: name it "
                               "FILE.xlsx, not '%s'",
                               p->output);
    date today = cli_today();
    if (!o->has_period)
        o->period = year_of(p->has_as_of ? p->as_of : today);
    report_run run = {.period = o->period,
                      .number = o->number,
                      .dated = o->has_date,
                      .signed_on = o->has_date ? o->date : today};
    as_of_source from = AS_OF_GIVEN;
    if (p->has_as_of) {
        run.as_of = p->as_of;
        if (date_cmp(p->as_of, today) > 0)
            warn_future(p->as_of);
    } else if (date_cmp(o->period.to, today) <= 0) {
        run.as_of = o->period.to;
        from = AS_OF_CUT_OFF;
    } else {
        run.as_of = today;
        from = AS_OF_TODAY;
    }

    int code = check_template_name(o->template_name);
    if (code != EXIT_VALID)
        return code;
    diag_sink *d = diag_sink_new(PROBLEMS_PER_FILE);
    template *t = template_load(o->template_name, d);
    code = t ? render_report(p, &run, from, t) : print_template_problems(d);
    template_free(t);
    diag_sink_free(d);
    return code;
}

static int cmd_report(int argc, char **argv)
{
    options o = {.template_name = DEFAULT_TEMPLATE};
    cli_plans_init(&o.plans, "report", argc, NULL, 0);
    int code = make_report(&o, argc, argv);
    cli_plans_release(&o.plans);
    return code;
}

const cli_command cmd_report_info = {
    "report",
    cmd_report,
    N_("render Excel reports: the Ministry's progress report, audit exports"),
    N_("usage: kehoach report [PATH...] [--template NAME|FILE] [--period PERIOD]\n"
       "                      [--as-of DATE] [--date DATE] [--number N]\n"
       "                      -o FILE.xlsx\n"
       "\n"
       "Renders an Excel workbook from the plans, their progress logs and a\n"
       "report template. The built-in templates are:\n"
       "  ministry   the progress report to the Ministry of Justice (the\n"
       "             default): per plan, an official document as Decree\n"
       "             30/2020/NĐ-CP lays it out, with a summary, a chart by lead\n"
       "             unit, the activity table by section and the signature\n"
       "             block; with several plans, a summary sheet across them\n"
       "  audit      flat sheets to filter and pivot: every activity, every\n"
       "             progress record, every deadline, and the provenance of\n"
       "             the figures (input files with their SHA-256)\n"
       "A template file (NAME.template.yaml, see templates/) may be given\n"
       "instead; copy a built-in one to start.\n"
       "\n"
       "The states are those 'kehoach status --as-of DATE' shows. Plans whose\n"
       "year does not meet the period are left out. The plans and logs are\n"
       "checked as 'kehoach validate' checks them; errors stop the command and\n"
       "no file is written. The workbook is written whole or not at all, and\n"
       "the same input gives the same bytes.\n"
       "\n"
       "PATH is a plan file, a progress log or a folder (default: plans/).\n"
       "\n"
       "options:\n"
       "  -t, --template T      a built-in template's name or a template file\n"
       "                        (default: ministry)\n"
       "  -p, --period PERIOD   \"Năm 2026\", \"6 tháng đầu năm 2026\", \"Quý III/2026\",\n"
       "                        \"Tháng 3/2026\" (diacritics optional), or 2026,\n"
       "                        2026-H1, 2026-Q3, 2026-03, or FROM..TO\n"
       "                        (YYYY-MM-DD..YYYY-MM-DD);\n"
       "                        named periods run from the 15th to the 14th as\n"
       "                        Decree 09/2019/NĐ-CP cuts data off (default: the\n"
       "                        year of --as-of)\n"
       "  --as-of DATE          the day the figures are taken on, 15/10/2026 or\n"
       "                        2026-10-15\n"
       "                        (default: the period's cut-off, or today when\n"
       "                        that is earlier; a day after today is warned of)\n"
       "  --date DATE           the signing day of the place-and-date line,\n"
       "                        15/10/2026 or 2026-10-15 (default: left blank\n"
       "                        to write in: \"ngày  tháng  năm 2026\")\n"
       "  --number N            the report's number, as in 123 for \"Số:\n"
       "                        123/BC-STP\" (default: left blank to write in)\n"
       "  -o, --output FILE     the workbook to write (.xlsx); required\n"
       "\n"
       "exit status: 0 written, 1 problems in the plans, logs or template,\n"
       "2 usage, 3 a file could not be read or written, 4 internal error\n"),
};
