/* cmd-status.c - "kehoach status": where the plans stand on a date.
 *
 * Checks the plans and their progress logs as "validate" does (a status
 * computed from a plan or log with errors could be wrong, so errors stop
 * the command), computes each plan's status as of --as-of while the plan
 * is in memory, and formats it at once (status_format.h). What is
 * formatted is spooled to a temporary file once it is large (cli_spool),
 * so memory does not grow with the number of plans, and printed or put in
 * place only when every plan has been checked. A --unit that no plan read
 * names is a usage error, not an empty status (orgunits_query.h). */
#include "cli.h"

#include <string.h>

#define TEXT_WIDTH 80

typedef struct options {
    cli_plans plans;
    status_report report;
    cli_spool spool; /* where report.out goes as it fills */
} options;

enum { OPT_AS_OF, OPT_UNIT, OPT_STATE, OPT_FORMAT, OPT_OUTPUT };

static const cli_option option_table[] = {
    [OPT_AS_OF] = {"as-of", 0, true},     [OPT_UNIT] = {"unit", 'u', true},
    [OPT_STATE] = {"state", 's', true},   [OPT_FORMAT] = {"format", 'f', true},
    [OPT_OUTPUT] = {"output", 'o', true}, {NULL, 0, false},
};

/* As the enum. */
static const char *const formats[] = {"text", "json", "csv", "xlsx"};

/* A --state as the text output writes it ("Quá hạn"; case, spaces and
 * diacritics forgiven) or by its data name ("overdue"). */
static bool read_state(const char *value, status_state *out)
{
    for (int i = 0; i < STATUS_NSTATES; i++)
        if (strcmp(value, status_state_names[i]) == 0 ||
            vntext_same_ascii(value, status_state_label((status_state)i))) {
            *out = (status_state)i;
            return true;
        }
    return false;
}

static bool on_arg(const cli_args *arg, void *ctx)
{
    options *o = ctx;
    if (arg->option != OPT_STATE)
        return cli_plans_arg(&o->plans, arg);
    if (!read_state(arg->value, &o->report.state)) {
        const char *labels[STATUS_NSTATES];
        for (int i = 0; i < STATUS_NSTATES; i++)
            labels[i] = status_state_label((status_state)i);
        strbuf words = STRBUF_INIT, names = STRBUF_INIT;
        cli_put_list(&words, labels, STATUS_NSTATES, "\"");
        cli_put_list(&names, status_state_names, STATUS_NSTATES, "");
        cli_usage_error("status",
                        "unknown state '%s'; use %s (diacritics optional), "
                        "or %s",
                        arg->value, strbuf_str(&words), strbuf_str(&names));
        strbuf_release(&words);
        strbuf_release(&names);
        return false;
    }
    o->report.has_state = true;
    return true;
}

static void on_plan(const plan *p, const char *path, const orgunits *registry,
                    const progress_log *log, const status_plan *s, void *ctx)
{
    options *o = ctx;
    status_report *r = &o->report;
    status_format_plan(r, s, path);
    if (r->kind != STATUS_FORMAT_SHEET)
        cli_spool_spill(&o->spool, r->out);
}

static int show_status(options *o, int argc, char **argv, strbuf *out)
{
    cli_plans *p = &o->plans;
    if (!cli_plans_parse(p, argc, argv, option_table, on_arg, o))
        return EXIT_USAGE;
    status_report *r = &o->report;
    r->as_of = p->has_as_of ? p->as_of : cli_today();
    r->unit = p->unit;
    r->kind = (status_format_kind)p->format;
    r->color = !p->output && r->kind == STATUS_FORMAT_TEXT && cli_color();
    r->bom = p->output && r->kind == STATUS_FORMAT_CSV;

    cli_book b = {0};
    if (r->kind == STATUS_FORMAT_SHEET) {
        if (!cli_book_open("status", p->output, "Tình hình", r->as_of, &b))
            return EXIT_IO;
        r->sheet = b.sheet;
    }
    cli_spool_init(&o->spool, "status", p->output, OUTFILE_REPLACE, false);
    status_format_begin(r);
    cli_plans_check_status(p, r->as_of, r->unit, on_plan, o);
    status_format_end(r);
    int code = cli_plans_problems(p, "no status shown");
    if (r->kind == STATUS_FORMAT_SHEET)
        return cli_book_close("status", p->output, &b, code == EXIT_VALID) ==
                       EXIT_VALID
                   ? code
                   : EXIT_IO;
    int written = cli_spool_finish(&o->spool, out, code == EXIT_VALID);
    return code == EXIT_VALID ? written : code;
}

static int cmd_status(int argc, char **argv)
{
    strbuf out = STRBUF_INIT;
    options o = {.report = {.out = &out, .width = TEXT_WIDTH}};
    cli_plans_init(&o.plans, "status", argc, formats, 4);
    int code = show_status(&o, argc, argv, &out);
    cli_plans_release(&o.plans);
    strbuf_release(&out);
    return code;
}

const cli_command cmd_status_info = {
    "status",
    cmd_status,
    N_("show where the plans stand on a date, from their progress logs"),
    N_("usage: kehoach status [PATH...] [--as-of DATE] [--unit UNIT]\n"
       "                      [--state STATE] [--format text|json|csv|xlsx]\n"
       "                      [-o FILE]\n"
       "\n"
       "Shows, for each plan, how many activities are planned, open, in\n"
       "progress, done, done late, overdue or cancelled and the percent done,\n"
       "then each activity with its lead unit, due date, state and latest note.\n"
       "The status is computed from the plan's dates and the records of its\n"
       "progress log dated on or before --as-of, so any past day can be\n"
       "replayed. The plans and logs are checked as 'kehoach validate' checks\n"
       "them; errors stop the command.\n"
       "\n"
       "States, as the text output writes them and --state takes them\n"
       "(diacritics optional), then by their data names: \"Chưa đến kỳ\"\n"
       "(planned: the window has not opened), \"Đang mở\" (open: open, nothing\n"
       "reported), \"Đang thực hiện\" (in-progress), \"Hoàn thành\" (done),\n"
       "\"Hoàn thành muộn\" (done-late: done after the due date), \"Quá hạn\"\n"
       "(overdue: due before --as-of and not done), \"Hủy bỏ\" (cancelled). A\n"
       "recurring activity shows its most pressing occurrence: an overdue one\n"
       "first, then the first one not finished.\n"
       "\n"
       "PATH is a plan file, a progress log or a folder (default: plans/).\n"
       "\n"
       "options:\n"
       "  --as-of DATE          the day to look from, 15/10/2026 or 2026-10-15\n"
       "                        (default: today)\n"
       "  -u, --unit UNIT       only the activities a unit leads or coordinates:\n"
       "                        its id or its name, with or without diacritics (a\n"
       "                        UNIT that no plan read names is a usage error);\n"
       "                        the counts are then the unit's\n"
       "  -s, --state STATE     list only the activities in this state, such as\n"
       "                        \"Quá hạn\" or overdue (the counts still count\n"
       "                        them all)\n"
       "  -f, --format FORMAT   text (the default), json, csv or xlsx (an Excel\n"
       "                        sheet of the csv columns; needs -o)\n"
       "  -o, --output FILE     write to FILE (replaced all at once) instead of the\n"
       "                        standard output (\"-o -\"); without --format, the\n"
       "                        format FILE's extension names (.csv, .json, .xlsx);\n"
       "                        a csv file starts with a byte order mark, for Excel\n"
       "                        (the standard output has none)\n"
       "  -h, --help            show this help\n"
       "\n"
       "Colours are used on a terminal unless NO_COLOR is set.\n"
       "\n"
       "exit codes: 0 done, 1 the plans or logs have errors, 2 usage error, 3 a\n"
       "file could not be read or written, 4 internal error.\n"),
};
