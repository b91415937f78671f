/* cmd-form.c - "kehoach form": a unit's progress form, to fill in Excel or
 * LibreOffice and bring back with "kehoach collect".
 *
 * Checks the plans as "validate" does (a form made from a plan with
 * errors could ask about the wrong things, so errors stop the command),
 * hands each plan to the form (form_write.h) while it is in memory, and
 * writes the workbook to -o all at once (outfile.h). A --unit that no
 * plan read names is a usage error; a unit with nothing open is told so,
 * and no form is written. The clock is read for the default of --as-of
 * and for the day the form is made. */
#include "cli.h"

#include <string.h>

#define REPLY_DAYS 7 /* the default time to send the form back */

const cli_command cmd_form_info;

typedef struct options {
    cli_plans plans;
    deadline_role_filter role;
    bool has_period, has_reply_by;
    date until, reply_by;
    char period_label[64];
    const char *reply_to;
} options;

enum {
    OPT_AS_OF,
    OPT_UNIT,
    OPT_ROLE,
    OPT_PERIOD,
    OPT_REPLY_BY,
    OPT_REPLY_TO,
    OPT_OUTPUT
};

static const cli_option option_table[] = {
    [OPT_AS_OF] = {"as-of", 0, true},
    [OPT_UNIT] = {"unit", 'u', true},
    [OPT_ROLE] = {"role", 0, true},
    [OPT_PERIOD] = {"period", 'p', true},
    [OPT_REPLY_BY] = {"reply-by", 0, true},
    [OPT_REPLY_TO] = {"reply-to", 0, true},
    [OPT_OUTPUT] = {"output", 'o', true},
    {NULL, 0, false},
};

/* The last day of a period: of its last month for a named one ("2026-Q4":
 * 31/12/2026), its last day for a span. */
static bool read_period(options *o, const char *text)
{
    period p;
    if (period_parse(text, &p)) {
        static const int months[] = {[PERIOD_MONTH] = 1,
                                     [PERIOD_QUARTER] = 3,
                                     [PERIOD_HALF] = 6,
                                     [PERIOD_YEAR] = 12};
        int last = p.index ? p.index * months[p.kind] : 12;
        o->until = date_last_of_month(p.year, last);
        period_label(&p, o->period_label);
        return o->has_period = true;
    }
    report_period span;
    strbuf why = STRBUF_INIT;
    bool read = report_period_parse(text, &span, &why);
    if (!read)
        cli_usage_error("form", "%s", strbuf_str(&why));
    strbuf_release(&why);
    o->until = span.to;
    memcpy(o->period_label, span.label, sizeof o->period_label);
    return o->has_period = read;
}

static bool on_arg(const cli_args *arg, void *ctx)
{
    options *o = ctx;
    static const char *const roles[] = {"any", "lead",
                                        "partner"}; /* as the enum */
    int choice;
    switch (arg->option) {
    case OPT_ROLE:
        if (!cli_choice("form", "role", arg->value, roles, 3, &choice))
            return false;
        o->role = (deadline_role_filter)choice;
        return true;
    case OPT_PERIOD:
        return read_period(o, arg->value);
    case OPT_REPLY_BY:
        return o->has_reply_by = cli_date("form", arg->value, &o->reply_by);
    case OPT_REPLY_TO:
        o->reply_to = arg->value;
        return true;
    default:
        return cli_plans_arg(&o->plans, arg);
    }
}

static void add_plan(const plan *p, const char *path, const orgunits *registry,
                     const progress_log *log, void *ctx)
{
    form_write_add_plan(ctx, p, path, registry, log);
}

/* Writes the form to path; the exit code. */
static int write_form(form_write *f, const char *path)
{
    strbuf err = STRBUF_INIT;
    outfile *out = outfile_open(path, OUTFILE_REPLACE, &err);
    int code = EXIT_VALID;
    if (!out || !form_write_file(f, outfile_fd(out), &err) ||
        !outfile_commit(out, &err)) {
        cli_line(stderr, "kehoach form: cannot write '%s': %s", path,
                 strbuf_str(&err));
        if (out)
            outfile_discard(out);
        code = EXIT_IO;
    }
    strbuf_release(&err);
    return code;
}

static int make_form(options *o, int argc, char **argv)
{
    cli_plans *p = &o->plans;
    if (!cli_plans_parse(p, argc, argv, option_table, on_arg, o))
        return EXIT_USAGE;
    if (!p->unit)
        return cli_usage_error("form", "say whose form it is: --unit UNIT");
    if (!p->output)
        return cli_usage_error("form",
                               "say where to write the form: -o FORM.xlsx");
    date today = cli_today();
    form_request req = {
        .unit = p->unit,
        .role = o->role,
        .as_of = p->has_as_of ? p->as_of : today,
        .made = today,
        .reply_to = o->reply_to,
        .has_until = o->has_period,
        .until = o->until,
        .period_label = o->has_period ? o->period_label : NULL,
    };
    req.reply_by =
        o->has_reply_by ? o->reply_by : date_add_days(req.as_of, REPLY_DAYS);
    form_write *f = form_write_new(&req);
    cli_plans_check(p, add_plan, f);
    int code = cli_plans_problems(p, "no form written");
    if (code == EXIT_VALID && form_write_rows(f) == 0) {
        char day[11];
        date_format_vn(req.as_of, day);
        cli_line(stderr,
                 "kehoach form: '%s' has nothing open, in progress or overdue "
                 "as of %s%s%s in the plans read; no form written",
                 p->unit, day, o->has_period ? " and due by the end of " : "",
                 o->has_period ? o->period_label : "");
        code = EXIT_PROBLEMS;
    }
    if (code == EXIT_VALID)
        code = write_form(f, p->output);
    if (code == EXIT_VALID) {
        size_t n = form_write_rows(f);
        cli_line(stdout, "wrote %s: form %s for %s, %zu %s to fill", p->output,
                 form_write_id(f), p->unit, n, n == 1 ? "row" : "rows");
    }
    form_write_free(f);
    return code;
}

static int cmd_form(int argc, char **argv)
{
    options o = {.role = DEADLINE_ANY_ROLE};
    cli_plans_init(&o.plans, "form", argc, NULL, 0);
    int code = make_form(&o, argc, argv);
    cli_plans_release(&o.plans);
    return code;
}

const cli_command cmd_form_info = {
    "form",
    cmd_form,
    "make a unit's progress form to fill in Excel or LibreOffice",
    "usage: kehoach form [PATH...] --unit UNIT -o FORM.xlsx\n"
    "                    [--role lead|partner|any] [--as-of DATE]\n"
    "                    [--period PERIOD] [--reply-by DATE] [--reply-to TEXT]\n"
    "\n"
    "Makes the workbook a unit fills to report its progress: one row for each\n"
    "activity (each occurrence of a recurring one) and each report the unit\n"
    "leads or coordinates that is open, in progress or overdue as of the\n"
    "date, grouped by plan and section, with the state now and the latest\n"
    "record; the cells to fill (new state, date, percent, each target's\n"
    "value, report number, note, evidence) are unlocked, the rest locked.\n"
    "A guide sheet says what to fill and by when. Bring the filled form back\n"
    "with 'kehoach collect'. Plans with errors stop the command.\n"
    "\n"
    "  PATH                  plan files or folders (default: plans/)\n"
    "  -u, --unit UNIT       the unit: its id or its name as the unit registry\n"
    "                        or the plan writes it\n"
    "  --role ROLE           lead, partner or any (the default)\n"
    "  --as-of DATE          the day the state is shown as of (default: today)\n"
    "  -p, --period PERIOD   only what is due by the end of a period: 2026,\n"
    "                        2026-H1, 2026-Q4, 2026-11 or FROM..TO\n"
    "  --reply-by DATE       by when to send it back (default: 7 days after\n"
    "                        the as-of date)\n"
    "  --reply-to TEXT       to whom (default: the plans' issuers)\n"
    "  -o, --output FILE     the form to write (.xlsx), replaced if it exists\n"
    "\n"
    "Exit status: 0 written; 1 errors in the plans, or nothing to fill;\n"
    "2 usage; 3 a file could not be read or written; 4 internal error.\n",
};
