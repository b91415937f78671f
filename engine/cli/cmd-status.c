/* cmd-status.c - "kehoach status": where the plans stand on a date.
 *
 * Checks the plans and their progress logs as "validate" does (a status
 * computed from a plan or log with errors could be wrong, so errors stop
 * the command), computes each plan's status as of --as-of while the plan
 * is in memory, and formats it at once (status_format.h). A --unit that
 * no plan read names is a usage error, not an empty status
 * (orgunits_query.h). */
#include "cli.h"


#include <stdlib.h>

#define PROBLEMS_PER_FILE 50
#define TEXT_WIDTH 80

typedef struct options {
    const char **paths;
    size_t npaths;
    status_report report;
    bool has_as_of;
    const char *output;
} options;

enum { OPT_AS_OF, OPT_UNIT, OPT_STATE, OPT_FORMAT, OPT_OUTPUT };

static const cli_option option_table[] = {
    [OPT_AS_OF] = {"as-of", 0, true},
    [OPT_UNIT] = {"unit", 'u', true},
    [OPT_STATE] = {"state", 's', true},
    [OPT_FORMAT] = {"format", 'f', true},
    [OPT_OUTPUT] = {"output", 'o', true},
    {NULL, 0, false},
};

static bool on_arg(const cli_args *arg, void *ctx)
{
    options *o = ctx;
    static const char *const formats[] = {"text", "json", "csv"};   /* as the enum */
    int choice;
    switch (arg->option) {
    case -1:
        o->paths[o->npaths++] = arg->value;
        return true;
    case OPT_AS_OF:
        if (!cli_date("status", arg->value, &o->report.as_of))
            return false;
        o->has_as_of = true;
        return true;
    case OPT_UNIT:
        o->report.unit = arg->value;
        return true;
    case OPT_STATE:
        if (!cli_choice("status", "state", arg->value, status_state_names,
                        STATUS_NSTATES, &choice))
            return false;
        o->report.state = (status_state)choice;
        o->report.has_state = true;
        return true;
    case OPT_FORMAT:
        if (!cli_choice("status", "format", arg->value, formats, 3, &choice))
            return false;
        o->report.kind = (status_format_kind)choice;
        return true;
    default:
        o->output = arg->value;
        return true;
    }
}

typedef struct run {
    status_report *report;
    orgunits_query *unit;          /* NULL without --unit */
} run;

static void on_plan(const plan *p, const char *path, const orgunits *registry,
                    const progress_log *log, void *ctx)
{
    run *c = ctx;
    status_report *r = c->report;
    if (c->unit)
        orgunits_query_add_plan(c->unit, p, registry);
    arena *a = arena_new();
    status_scope scope = {r->unit, registry};
    status_plan s;
    status_compute(a, p, log, r->as_of, &scope, &s);
    status_format_plan(r, &s, path);
    arena_free(a);
}

static int cmd_status(int argc, char **argv)
{
    const char **paths = xmalloc(((size_t)argc + 1) * sizeof *paths);
    options o = {.paths = paths};
    strbuf out = STRBUF_INIT;
    o.report.out = &out;
    o.report.width = TEXT_WIDTH;
    if (!cli_parse("status", argc, argv, option_table, on_arg, &o)) {
        free(paths);
        return EXIT_USAGE;
    }
    if (!o.has_as_of)
        o.report.as_of = cli_today();
    if (o.npaths == 0)
        paths[o.npaths++] = "plans";
    o.report.color = !o.output && o.report.kind == STATUS_FORMAT_TEXT && cli_color();

    diag_sink *d = diag_sink_new(PROBLEMS_PER_FILE);
    validate_result r;
    run c = {&o.report, o.report.unit ? orgunits_query_new(o.report.unit) : NULL};
    status_format_begin(&o.report);
    validate_run(o.paths, o.npaths, d, &r, on_plan, &c);
    status_format_end(&o.report);

    int code = cli_report_problems("status", "no status shown", d, &r);
    if (code == EXIT_VALID && c.unit)
        code = cli_unit_found("status", o.report.unit, c.unit);
    if (code == EXIT_VALID)
        code = cli_emit("status", o.output, OUTFILE_REPLACE, &out);
    orgunits_query_free(c.unit);
    sb_release(&out);
    validate_result_release(&r);
    diag_sink_free(d);
    free(paths);
    return code;
}

const cli_command cmd_status_info = {
    "status",
    cmd_status,
    "show where the plans stand on a date, from their progress logs",
    "usage: kehoach status [PATH...] [--as-of DATE] [--unit UNIT]\n"
    "                      [--state STATE] [--format text|json|csv] [-o FILE]\n"
    "\n"
    "Shows, for each plan, how many activities are planned, open, in\n"
    "progress, done, done late, overdue or cancelled and the percent done,\n"
    "then each activity with its lead unit, due date, state and latest note.\n"
    "The status is computed from the plan's dates and the records of its\n"
    "progress log dated on or before --as-of, so any past day can be\n"
    "replayed. The plans and logs are checked as 'kehoach validate' checks\n"
    "them; errors stop the command.\n"
    "\n"
    "States: planned (the window has not opened), open (open, nothing\n"
    "reported), in-progress, done, done-late (done after the due date),\n"
    "overdue (due before --as-of and not done), cancelled. A recurring\n"
    "activity shows its most pressing occurrence: an overdue one first,\n"
    "then the first one not finished.\n"
    "\n"
    "PATH is a plan file, a progress log or a folder (default: plans/).\n"
    "\n"
    "options:\n"
    "  --as-of DATE          the day to look from, YYYY-MM-DD (default: today)\n"
    "  -u, --unit UNIT       only the activities a unit leads or coordinates:\n"
    "                        its id or its name, with or without diacritics (a\n"
    "                        UNIT that no plan read names is a usage error);\n"
    "                        the counts are then the unit's\n"
    "  -s, --state STATE     list only the activities in this state (the counts\n"
    "                        still count them all)\n"
    "  -f, --format FORMAT   text (the default), json or csv\n"
    "  -o, --output FILE     write to FILE (replaced all at once) instead of the\n"
    "                        standard output\n"
    "  -h, --help            show this help\n"
    "\n"
    "Colours are used on a terminal unless NO_COLOR is set.\n"
    "\n"
    "exit codes: 0 done, 1 the plans or logs have errors, 2 usage error, 3 a\n"
    "file could not be read or written, 4 internal error.\n",
};
