/* cmd-deadlines.c - "kehoach deadlines": what is due and what is late.
 *
 * Checks the plans exactly as "validate" does (a deadline computed from a
 * plan with errors could be wrong, so errors stop the command), collects
 * every due date as of --as-of that the plan's progress log does not show
 * finished (status.h), and prints them in the format asked for,
 * to standard output or, with -o, to a file replaced all at once. The
 * items are gathered plan by plan in a deadline_spool (deadline.h), which
 * holds in memory only their sort keys, and written in order once every
 * plan has been checked, a piece at a time (cli_spool): memory does not
 * grow with the number of plans. A --unit that no plan read names is a
 * usage error, not an empty list (orgunits_query.h). The clock is read
 * only for the default of --as-of (cli_today) and a calendar's DTSTAMP
 * (cli_export_time). */
#include "cli.h"

#define TEXT_WIDTH 80

const cli_command cmd_deadlines_info;

/* As formats below. */
typedef enum format {
    FORMAT_TEXT,
    FORMAT_JSON,
    FORMAT_CSV,
    FORMAT_ICS,
    FORMAT_XLSX
} format;

static const deadline_format_kind format_kinds[] = {
    DEADLINE_FORMAT_TEXT, DEADLINE_FORMAT_JSON,  DEADLINE_FORMAT_CSV,
    DEADLINE_FORMAT_ICS,  DEADLINE_FORMAT_SHEET,
};

typedef struct options {
    cli_plans plans;
    deadline_role_filter role;
    const char *within;
} options;

enum { OPT_AS_OF, OPT_WITHIN, OPT_UNIT, OPT_ROLE, OPT_FORMAT, OPT_OUTPUT };

static const cli_option option_table[] = {
    [OPT_AS_OF] = {"as-of", 0, true},
    [OPT_WITHIN] = {"within", 'w', true},
    [OPT_UNIT] = {"unit", 'u', true},
    [OPT_ROLE] = {"role", 0, true},
    [OPT_FORMAT] = {"format", 'f', true},
    [OPT_OUTPUT] = {"output", 'o', true},
    {NULL, 0, false},
};

static const char *const formats[] = {"text", "json", "csv", "ics", "xlsx"};

static bool on_arg(const cli_args *arg, void *ctx)
{
    options *o = ctx;
    static const char *const roles[] = {"any", "lead",
                                        "partner"}; /* as the enum */
    int choice;
    switch (arg->option) {
    case OPT_WITHIN:
        o->within = arg->value;
        return true;
    case OPT_ROLE:
        /* TRANSLATORS: "unknown role 'x'; use any, lead or partner" */
        if (!cli_choice("deadlines", "role", arg->value, roles, 3, &choice))
            return false;
        o->role = (deadline_role_filter)choice;
        return true;
    default:
        return cli_plans_arg(&o->plans, arg);
    }
}

typedef struct collector {
    deadline_list list; /* the plan's items */
    deadline_spool spool;
    const deadline_query *query;
    bool failed; /* the spool could not be written; err says why */
    strbuf err;
} collector;

static void collect(const plan *p, const char *path, const orgunits *registry,
                    const progress_log *log, const status_plan *status,
                    void *ctx)
{
    collector *c = ctx;
    if (c->failed)
        return;
    deadline_add_plan(&c->list, p, path, registry, status, c->query);
    c->failed = !deadline_spool_add(&c->spool, &c->list, &c->err);
}

/* Writes the spooled items with w, in order: false (c->err says why) when
 * the spool cannot be read. After each item, w->out goes to spool (NULL
 * for a sheet, which streams its rows itself). */
static bool write_items(collector *c, deadline_writer *w, cli_spool *spool)
{
    deadline_format_begin(w);
    for (size_t i = 0; i < c->spool.count; i++) {
        const deadline_item *it = deadline_spool_next(&c->spool, &c->err);
        if (!it)
            return false;
        deadline_format_item(w, it);
        if (spool)
            cli_spool_spill(spool, w->out);
    }
    deadline_format_end(w);
    return true;
}

/* Says that the items' temporary file failed (c->err), naming the folder
 * it is made in; EXIT_IO. */
static int spool_failed(collector *c)
{
    cli_line(stderr, "kehoach %s: cannot write '%s': %s", "deadlines",
             tempfile_folder(), strbuf_str(&c->err));
    return EXIT_IO;
}

/* The items of c sorted and written as w says, to path (NULL: the
 * standard output) or, for a sheet, to a workbook dated as_of. */
static int write_deadlines(collector *c, deadline_writer *w, const char *path,
                           date as_of)
{
    deadline_spool_sort(&c->spool, w->kind == DEADLINE_FORMAT_TEXT);
    w->total = c->spool.count;
    w->overdue = c->spool.states[DEADLINE_OVERDUE];
    if (w->kind == DEADLINE_FORMAT_SHEET) {
        cli_book b;
        if (!cli_book_open("deadlines", path, "Hạn", as_of, &b))
            return EXIT_IO;
        w->sheet = b.sheet;
        bool read = write_items(c, w, NULL);
        int code = cli_book_close("deadlines", path, &b, read);
        return read ? code : spool_failed(c);
    }
    strbuf out = STRBUF_INIT;
    cli_spool spool;
    /* everything is checked: the standard output is written as it comes */
    cli_spool_init(&spool, "deadlines", path, OUTFILE_REPLACE, true);
    w->out = &out;
    bool read = write_items(c, w, &spool);
    int code = cli_spool_finish(&spool, &out, read);
    strbuf_release(&out);
    return read ? code : spool_failed(c);
}

static int show_deadlines(options *o, int argc, char **argv)
{
    cli_plans *p = &o->plans;
    if (!cli_plans_parse(p, argc, argv, option_table, on_arg, o))
        return EXIT_USAGE;
    if (o->role != DEADLINE_ANY_ROLE && !p->unit)
        return cli_usage_error("deadlines",
                               "--role %s needs --unit: the unit whose role it "
                               "is",
                               o->role == DEADLINE_LEAD_ONLY ? "lead"
                                                             : "partner");
    /* a calendar keeps finished items, to see them change */
    bool ics = (format)p->format == FORMAT_ICS;
    time_t stamp = 0;
    if (ics && !cli_export_time("deadlines", &stamp))
        return EXIT_USAGE;
    deadline_query q = {.as_of = p->has_as_of ? p->as_of : cli_today(),
                        .unit = p->unit,
                        .role = o->role,
                        .finished = ics};
    if (o->within) {
        if (!deadline_parse_within(o->within, q.as_of, &q.until))
            return cli_usage_error(
                "deadlines",
                "'%s' is not a duration; write it like 30d, 6w, 3m or 1y",
                o->within);
        q.has_until = true;
    }

    collector c = {.query = &q, .err = STRBUF_INIT};
    deadline_list_init(&c.list);
    deadline_spool_init(&c.spool);
    cli_plans_check_status(p, q.as_of, NULL, collect, &c);
    int code = cli_plans_problems(p, "no deadlines shown");
    if (code == EXIT_VALID && c.failed) {
        code = spool_failed(&c);
    } else if (code == EXIT_VALID) {
        deadline_writer w = {.kind = format_kinds[p->format],
                             .q = &q,
                             .color = !p->output && cli_color(),
                             .width = TEXT_WIDTH,
                             .bom = p->output != NULL,
                             .stamp = stamp,
                             .version = KEHOACH_VERSION};
        code = write_deadlines(&c, &w, p->output, q.as_of);
    }
    deadline_list_release(&c.list);
    deadline_spool_release(&c.spool);
    strbuf_release(&c.err);
    return code;
}

static int cmd_deadlines(int argc, char **argv)
{
    options o = {.role = DEADLINE_ANY_ROLE};
    cli_plans_init(&o.plans, "deadlines", argc, formats, 5);
    int code = show_deadlines(&o, argc, argv);
    cli_plans_release(&o.plans);
    return code;
}

const cli_command cmd_deadlines_info = {
    "deadlines",
    cmd_deadlines,
    N_("show what is due and what is late, or export it to a calendar"),
    N_("usage: kehoach deadlines [PATH...] [--as-of DATE] [--within DURATION]\n"
       "                         [--unit UNIT] [--role lead|partner|any]\n"
       "                         [--format text|json|csv|ics|xlsx] [-o FILE]\n"
       "\n"
       "Lists every due date of the plans: each occurrence of every activity\n"
       "(\"Quý II, IV\" is two, \"Hàng tháng\" twelve) and every report to send,\n"
       "overdue items first (the most overdue first), then the coming ones by\n"
       "date, with the days left or late, the lead unit and the plan. What the\n"
       "plan's progress log shows done or cancelled by --as-of is left out (see\n"
       "'kehoach status'), except from a calendar, which keeps it marked done or\n"
       "cancelled so that a calendar program updates its events. The plans and\n"
       "logs are checked as 'kehoach validate' checks them; errors stop the\n"
       "command.\n"
       "\n"
       "PATH is a plan file or a folder (default: plans/).\n"
       "\n"
       "options:\n"
       "  --as-of DATE          the day to count from, 15/10/2026 or 2026-10-15\n"
       "                        (default: today)\n"
       "  -w, --within DURATION only what is due within 30d, 6w, 3m or 1y (days,\n"
       "                        weeks, months, years); overdue items always show\n"
       "  -u, --unit UNIT       only what a unit leads or coordinates: its id or its\n"
       "                        name as the unit registry or the plan writes it,\n"
       "                        with or without diacritics; a UNIT that no plan\n"
       "                        read names is a usage error, with suggestions\n"
       "  --role ROLE           with --unit: lead, partner or any (the default);\n"
       "                        coordinated items are marked (phối hợp)\n"
       "  -f, --format FORMAT   text (the default), json, csv, ics (a calendar\n"
       "                        file: one all-day event per due date) or xlsx (an\n"
       "                        Excel sheet of the csv columns; needs -o)\n"
       "  -o, --output FILE     write to FILE (replaced all at once) instead of the\n"
       "                        standard output (\"-o -\"); without --format, the\n"
       "                        format FILE's extension names (.ics, .csv, .json,\n"
       "                        .xlsx); a csv file starts with a byte order mark,\n"
       "                        for Excel (the standard output has none)\n"
       "  -h, --help            show this help\n"
       "\n"
       "Colours are used on a terminal unless NO_COLOR is set. A calendar says it\n"
       "was made now, or at SOURCE_DATE_EPOCH (seconds since 1970) when it is set.\n"
       "\n"
       "exit codes: 0 done, 1 the plans have errors, 2 usage error, 3 a file could\n"
       "not be read or written, 4 internal error.\n"),
};
