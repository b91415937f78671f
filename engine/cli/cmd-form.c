/* cmd-form.c - "kehoach form": a unit's progress form, to fill in Excel or
 * LibreOffice and bring back with "kehoach collect".
 *
 * Checks the plans as "validate" does (a form made from a plan with
 * errors could ask about the wrong things, so errors stop the command),
 * hands each plan to the form (form_write.h) while it is in memory, and
 * writes the workbook to -o all at once (outfile.h); with --each-unit, a
 * form for every unit the plans name, into a folder. A --unit that no
 * plan read names is a usage error; a unit with nothing open is told so,
 * and no form is written. The clock is read for the default of --as-of
 * and for the day the form is made. */
#include "cli.h"

#include <stdlib.h>
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
    const char *each_unit; /* --each-unit DIR */
} options;

enum {
    OPT_AS_OF,
    OPT_UNIT,
    OPT_ROLE,
    OPT_PERIOD,
    OPT_REPLY_BY,
    OPT_REPLY_TO,
    OPT_EACH_UNIT,
    OPT_OUTPUT
};

static const cli_option option_table[] = {
    [OPT_AS_OF] = {"as-of", 0, true},
    [OPT_UNIT] = {"unit", 'u', true},
    [OPT_ROLE] = {"role", 0, true},
    [OPT_PERIOD] = {"period", 'p', true},
    [OPT_REPLY_BY] = {"reply-by", 0, true},
    [OPT_REPLY_TO] = {"reply-to", 0, true},
    [OPT_EACH_UNIT] = {"each-unit", 0, true},
    [OPT_OUTPUT] = {"output", 'o', true},
    {NULL, 0, false},
};

/* The last day of a period: of its last month for a named one ("2026-Q4":
 * 31/12/2026), its last day for a span. */
static bool read_period(options *o, const char *text)
{
    period p;
    if (period_parse(text, &p) || period_parse_words(text, &p)) {
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
        if (!cli_choice("form", N_("role"), arg->value, roles, 3, &choice))
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
    case OPT_EACH_UNIT:
        o->each_unit = arg->value;
        return true;
    default:
        return cli_plans_arg(&o->plans, arg);
    }
}

/* The forms of a run: one for --unit, or one per unit the plans name. */
typedef struct forms {
    form_request req;
    bool each; /* --each-unit: a form for every unit met */
    arena *a;
    const char **units;
    size_t nunits, cap;
    form_write **forms; /* as units */
} forms;

static void add_plan(const plan *p, const char *path, const orgunits *registry,
                     const progress_log *log, const status_plan *status,
                     void *ctx)
{
    forms *fs = ctx;
    size_t known = fs->nunits;
    if (fs->each)
        form_write_units(p, registry, fs->req.role, fs->a, &fs->units,
                         &fs->nunits, &fs->cap);
    if (fs->nunits > known) {
        fs->forms = xrealloc(fs->forms, fs->nunits * sizeof *fs->forms);
        for (size_t i = known; i < fs->nunits; i++) {
            form_request req = fs->req;
            req.unit = fs->units[i];
            fs->forms[i] = form_write_new(&req);
        }
    }
    for (size_t i = 0; i < fs->nunits; i++)
        form_write_add_plan(fs->forms[i], p, path, registry, log, status);
}

/* Writes a form to path; the exit code. */
static int write_form(form_write *f, const char *path, const char *unit)
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
    } else {
        size_t n = form_write_rows(f);
        strbuf said = STRBUF_INIT;
        strbuf_printf(&said,
                      P_("wrote %s: form %s for %s, %zu row to fill",
                         "wrote %s: form %s for %s, %zu rows to fill", n),
                      path, form_write_id(f), unit, n);
        cli_line(stdout, "%s", strbuf_str(&said));
        strbuf_release(&said);
    }
    strbuf_release(&err);
    return code;
}

/* DIR/so-y-te-tinh-ninh-binh.xlsx, "-2" added to a name taken. */
static char *form_path(const char *dir, const char *unit, strbuf *taken)
{
    char *slug = vntext_slug(unit, strlen(unit));
    strbuf sb = STRBUF_INIT;
    for (int k = 1;; k++) {
        strbuf_reset(&sb);
        strbuf_printf(&sb, "%s/%s", dir, *slug ? slug : "don-vi");
        if (k > 1)
            strbuf_printf(&sb, "-%d", k);
        strbuf_puts(&sb, ".xlsx\n");
        if (!strstr(strbuf_str(taken), strbuf_str(&sb)))
            break;
    }
    strbuf_puts(taken, strbuf_str(&sb));
    sb.buf[--sb.len] = '\0';
    free(slug);
    char *path = xstrdup(strbuf_str(&sb));
    strbuf_release(&sb);
    return path;
}

static int write_each(const options *o, forms *fs)
{
    int code = EXIT_VALID;
    size_t written = 0, empty = 0;
    strbuf taken = STRBUF_INIT;
    strbuf_putc(&taken, '\n');
    for (size_t i = 0; i < fs->nunits && code == EXIT_VALID; i++) {
        if (!form_write_rows(fs->forms[i])) {
            empty++;
            continue;
        }
        char *path = form_path(o->each_unit, fs->units[i], &taken);
        code = write_form(fs->forms[i], path, fs->units[i]);
        written += code == EXIT_VALID;
        free(path);
    }
    strbuf_release(&taken);
    if (code == EXIT_VALID) {
        strbuf made = STRBUF_INIT, units = STRBUF_INIT;
        strbuf_printf(&made, P_("%zu form", "%zu forms", written), written);
        strbuf_printf(&units, P_("%zu unit", "%zu units", empty), empty);
        cli_line(stdout,
                 /* TRANSLATORS: the first %s counts the forms ("34 forms"),
                    the second is the folder, the third counts the units
                    ("2 units"). */
                 "%s written into %s; %s with nothing open, in progress or "
                 "overdue left out",
                 strbuf_str(&made), o->each_unit, strbuf_str(&units));
        strbuf_release(&made);
        strbuf_release(&units);
    }
    return code;
}

static int check_options(const options *o)
{
    const cli_plans *p = &o->plans;
    if (o->each_unit && p->unit)
        return cli_usage_error("form",
                               "--unit and --each-unit do not go together");
    if (o->each_unit && p->output)
        return cli_usage_error("form", "--each-unit writes into its folder; "
                                       "leave out -o");
    if (!o->each_unit && !p->unit)
        return cli_usage_error("form", "say whose form it is: --unit UNIT, "
                                       "or --each-unit DIR for every unit");
    if (!o->each_unit && !p->output)
        return cli_usage_error("form",
                               "say where to write the form: -o FORM.xlsx");
    if (o->each_unit && fileio_kind_of(o->each_unit, NULL) != FILEIO_DIR)
        return cli_usage_error("form", "'%s' is not a folder; make it first",
                               o->each_unit);
    return EXIT_VALID;
}

static int make_forms(options *o, int argc, char **argv)
{
    cli_plans *p = &o->plans;
    if (!cli_plans_parse(p, argc, argv, option_table, on_arg, o))
        return EXIT_USAGE;
    int code = check_options(o);
    if (code != EXIT_VALID)
        return code;
    date today = cli_today();
    forms fs = {
        .req = {.role = o->role,
                .as_of = p->has_as_of ? p->as_of : today,
                .made = today,
                .reply_to = o->reply_to,
                .has_until = o->has_period,
                .until = o->until,
                .period_label = o->has_period ? o->period_label : NULL},
        .each = o->each_unit != NULL,
        .a = arena_new(),
    };
    fs.req.reply_by =
        o->has_reply_by ? o->reply_by : date_add_days(fs.req.as_of, REPLY_DAYS);
    if (!fs.each) {
        fs.units = arena_alloc(fs.a, sizeof *fs.units);
        fs.units[fs.nunits++] = p->unit;
        fs.req.unit = p->unit;
        fs.forms = xcalloc(1, sizeof *fs.forms);
        fs.forms[0] = form_write_new(&fs.req);
    }
    cli_plans_check_status(p, fs.req.as_of, NULL, add_plan, &fs);
    code = cli_plans_problems(p, N_("no form written"));
    if (code == EXIT_VALID && fs.each) {
        code = write_each(o, &fs);
    } else if (code == EXIT_VALID && form_write_rows(fs.forms[0]) == 0) {
        char day[11];
        date_format_vn(fs.req.as_of, day);
        if (o->has_period)
            cli_line(stderr,
                     "kehoach form: '%s' has nothing open, in progress or "
                     "overdue as of %s and due by the end of %s in the plans "
                     "read; no form written",
                     p->unit, day, o->period_label);
        else
            cli_line(stderr,
                     "kehoach form: '%s' has nothing open, in progress or "
                     "overdue as of %s in the plans read; no form written",
                     p->unit, day);
        code = EXIT_PROBLEMS;
    } else if (code == EXIT_VALID) {
        code = write_form(fs.forms[0], p->output, p->unit);
    }
    for (size_t i = 0; i < fs.nunits; i++)
        form_write_free(fs.forms[i]);
    free(fs.forms);
    arena_free(fs.a);
    return code;
}

static int cmd_form(int argc, char **argv)
{
    options o = {.role = DEADLINE_ANY_ROLE};
    cli_plans_init(&o.plans, "form", argc, NULL, 0);
    int code = make_forms(&o, argc, argv);
    cli_plans_release(&o.plans);
    return code;
}

const cli_command cmd_form_info = {
    "form",
    cmd_form,
    N_("make a unit's progress form to fill in Excel or LibreOffice"),
    N_("usage: kehoach form [PATH...] --unit UNIT -o FORM.xlsx\n"
       "       kehoach form [PATH...] --each-unit DIR\n"
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
       "PATH is a plan file or a folder (default: plans/).\n"
       "\n"
       "options:\n"
       "  -u, --unit UNIT       the unit: its id or its name as the unit registry\n"
       "                        or the plan writes it\n"
       "  --role ROLE           lead, partner or any (the default)\n"
       "  --as-of DATE          the day the state is shown as of, 15/10/2026 or\n"
       "                        2026-10-15 (default: today)\n"
       "  -p, --period PERIOD   only what is due by the end of a period:\n"
       "                        \"Quý IV/2026\", \"6 tháng cuối năm 2026\", \"Năm\n"
       "                        2026\", \"Tháng 11/2026\", 2026-Q4 or FROM..TO\n"
       "  --reply-by DATE       by when to send it back, as 22/10/2026 (default:\n"
       "                        7 days after the as-of date)\n"
       "  --reply-to TEXT       to whom (default: the plans' issuers)\n"
       "  -o, --output FILE     the form to write (.xlsx), replaced if it exists\n"
       "  --each-unit DIR       a form for every unit the plans name (by --role)\n"
       "                        that has something to fill, each into DIR as\n"
       "                        the unit's name without diacritics (.xlsx)\n"
       "\n"
       "Exit status: 0 written; 1 errors in the plans, or nothing to fill;\n"
       "2 usage; 3 a file could not be read or written; 4 internal error.\n"),
};
