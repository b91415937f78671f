/* cmd-update.c - "kehoach update": record progress in a plan's log, or a
 * report the plan asks for as sent (an id of the form BC1).
 *
 * Reads the options into a request and prints what update_record (update.h)
 * did: the problems of the plan, its log and the new record, and the
 * line that says what was recorded; or why nothing was, with its exit
 * code - 1 when the record or the plan is wrong, 3 when a file could not
 * be read or written or the log was changed meanwhile. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PROBLEMS_PER_FILE 50
#define LOCK_TIMEOUT_MS 120000 /* waiting writers queue in no set order */

typedef struct options {
    const char *plan, *activity;
    size_t npositional;
    progress_write_entry entry;
    bool has_state, has_date;
    progress_write_value *values;
    char **value_names; /* the values' names as given, owned */
    const char **evidence;
    char occurrence_key[16]; /* --occurrence "Quý II/2026" as "2026-Q2" */
} options;

enum {
    OPT_STATE,
    OPT_DATE,
    OPT_OCCURRENCE,
    OPT_PERCENT,
    OPT_VALUE,
    OPT_NOTE,
    OPT_EVIDENCE,
    OPT_DOCUMENT,
    OPT_BY,
};

static const cli_option option_table[] = {
    [OPT_STATE] = {"state", 's', true},
    [OPT_DATE] = {"date", 'd', true},
    [OPT_OCCURRENCE] = {"occurrence", 0, true},
    [OPT_PERCENT] = {"percent", 0, true},
    [OPT_VALUE] = {"value", 0, true},
    [OPT_NOTE] = {"note", 0, true},
    [OPT_EVIDENCE] = {"evidence", 'e', true},
    [OPT_DOCUMENT] = {"document", 0, true},
    [OPT_BY] = {"by", 0, true},
    {NULL, 0, false},
};

static bool parse_value(const char *arg, progress_write_value *out,
                        char **owned)
{
    const char *eq = strrchr(arg, '=');
    if (!eq || eq == arg || !eq[1])
        return false;
    char *end;
    errno = 0;
    double v = strtod(eq + 1, &end);
    if (*end || errno || !isfinite(v) || v < 0)
        return false;
    *owned = xstrndup(arg, (size_t)(eq - arg));
    out->name = *owned;
    out->value = v;
    return true;
}

static bool on_arg(const cli_args *arg, void *ctx)
{
    options *o = ctx;
    progress_write_entry *e = &o->entry;
    char *end;
    switch (arg->option) {
    case -1:
        if (o->npositional == 0)
            o->plan = arg->value;
        else if (o->npositional == 1)
            o->activity = arg->value;
        else {
            cli_usage_error("update",
                            "unexpected argument '%s'; give the plan, then "
                            "the activity",
                            arg->value);
            return false;
        }
        o->npositional++;
        return true;
    case OPT_STATE:
        if (!progress_state_read(arg->value, &e->state)) {
            cli_usage_error("update",
                            "unknown state '%s'; use \"Đang thực hiện\", "
                            "\"Hoàn thành\" or \"Hủy bỏ\" (in-progress, "
                            "done or cancelled)",
                            arg->value);
            return false;
        }
        o->has_state = true;
        return true;
    case OPT_DATE:
        if (!cli_date("update", arg->value, &e->date))
            return false;
        o->has_date = true;
        return true;
    case OPT_OCCURRENCE: {
        /* a period as the outputs name it: the key the log keeps */
        period named;
        if (period_parse_words(arg->value, &named)) {
            period_key(&named, o->occurrence_key);
            e->occurrence = o->occurrence_key;
        } else {
            e->occurrence = arg->value;
        }
        return true;
    }
    case OPT_PERCENT: {
        long v = strtol(arg->value, &end, 10);
        if (!*arg->value || *end || v < 0 || v > 100) {
            cli_usage_error("update",
                            "'%s' is not a percent; give a whole number "
                            "from 0 to 100",
                            arg->value);
            return false;
        }
        e->percent = (int)v;
        return true;
    }
    case OPT_VALUE:
        if (!parse_value(arg->value, &o->values[e->nvalues],
                         &o->value_names[e->nvalues])) {
            cli_usage_error("update",
                            "'%s' is not NAME=NUMBER (a target's name or "
                            "number, and a number of at least 0)",
                            arg->value);
            return false;
        }
        e->nvalues++;
        return true;
    case OPT_NOTE:
        e->note = *arg->value ? arg->value : NULL;
        return true;
    case OPT_EVIDENCE:
        if (*arg->value)
            o->evidence[e->nevidence++] = arg->value;
        return true;
    case OPT_DOCUMENT:
        e->document = *arg->value ? arg->value : NULL;
        return true;
    default:
        e->by = *arg->value ? arg->value : NULL;
        return true;
    }
}

/* Why no plan was found for an id: what was looked at, the ids that are
 * close, and what stopped the search early. */
static void explain_not_found(const char *name, const locate_result *r)
{
    strbuf msg = STRBUF_INIT, near = STRBUF_INIT;
    if (*r->stopped)
        strbuf_printf(&msg,
                      P_("no plan file '%s', and no plan with that id among "
                         "the %zu file below the current folder, but the "
                         "search was not complete: %s; give the plan's file "
                         "instead",
                         "no plan file '%s', and no plan with that id among "
                         "the %zu files below the current folder, but the "
                         "search was not complete: %s; give the plan's file "
                         "instead",
                         r->files),
                      name, r->files, r->stopped);
    else
        strbuf_printf(&msg,
                      P_("no plan file '%s', and no plan with that id among "
                         "the %zu file below the current folder",
                         "no plan file '%s', and no plan with that id among "
                         "the %zu files below the current folder",
                         r->files),
                      name, r->files);
    if (r->nnear) {
        cli_put_list(&near, (const char *const *)r->near, r->nnear, "'");
        /* TRANSLATORS: the first %s says that no plan was found, the
           second is a list of plan ids: "...; did you mean 'a' or 'b'?" */
        cli_line(stderr, "kehoach update: %s; did you mean %s?",
                 strbuf_str(&msg), strbuf_str(&near));
    } else {
        cli_line(stderr, "kehoach %s: %s", "update", strbuf_str(&msg));
    }
    strbuf_release(&msg);
    strbuf_release(&near);
}

static void print_problems(diag_sink *d)
{
    strbuf text = STRBUF_INIT;
    diag_format_text(d, &text, false);
    cli_write(stderr, &text);
    strbuf_release(&text);
}

/* The state as the line that says what was recorded names it, in the
 * order of the enum; translated when printed. */
static const char *const state_words[PROGRESS_NSTATES] = {
    /* TRANSLATORS: a state of an activity or report, as in "activity 1.a
       is in-progress as of 15/10/2026". */
    N_("in-progress"),
    N_("done"),
    N_("cancelled"),
};

/* "recorded in x.progress.yaml (record 3): activity 1.a (2026-Q2) is done
 * as of 15/10/2026", the date written as the outputs and --date write
 * it. */
static void print_recorded(const progress_write_entry *e,
                           const update_result *r)
{
    char day[11];
    date_format_vn(e->date, day);
    const char *state = _(state_words[e->state]);
    if (e->report && e->occurrence)
        cli_line(stdout,
                 "recorded in %s (record %zu): report %s (%s) is %s as of %s",
                 r->log_path, r->record_number, e->report, e->occurrence, state,
                 day);
    else if (e->report)
        cli_line(stdout,
                 "recorded in %s (record %zu): report %s is %s as of %s",
                 r->log_path, r->record_number, e->report, state, day);
    else if (e->occurrence)
        cli_line(stdout,
                 "recorded in %s (record %zu): activity %s (%s) is %s as of "
                 "%s",
                 r->log_path, r->record_number, e->activity, e->occurrence,
                 state, day);
    else
        cli_line(stdout,
                 "recorded in %s (record %zu): activity %s is %s as of %s",
                 r->log_path, r->record_number, e->activity, state, day);
}

/* The exit code of what update_record did, after saying it. */
static int print_result(const options *o, const update_result *r)
{
    const progress_write_entry *e = &o->entry;
    print_problems(r->checks); /* empty when nothing was checked */
    if (r->status == UPDATE_REFUSED || r->status == UPDATE_RECORDED ||
        r->status == UPDATE_LOG_CHANGED || r->status == UPDATE_NOT_WRITTEN)
        print_problems(r->problems); /* the new record's */
    switch (r->status) {
    case UPDATE_RECORDED:
        print_recorded(e, r);
        return EXIT_VALID;
    case UPDATE_NO_PLAN:
        explain_not_found(o->plan, &r->located);
        return EXIT_PROBLEMS;
    case UPDATE_NOT_LOCKED:
        cli_line(stderr, "kehoach update: %s; nothing was recorded",
                 strbuf_str(&r->err));
        return EXIT_IO;
    case UPDATE_INTERNAL:
    case UPDATE_HELD_BACK:   /* one log, no review, not check_only: */
    case UPDATE_NOTHING_NEW: /* none of these */
    case UPDATE_CHECKED:
        return EXIT_INTERNAL;
    case UPDATE_UNREADABLE:
        return EXIT_IO;
    case UPDATE_PLAN_ERRORS:
        fputs(_("kehoach update: the plan or its progress log has errors; fix "
                "them first; nothing was recorded\n"),
              stderr);
        return EXIT_PROBLEMS;
    case UPDATE_CANNOT_APPEND:
        cli_line(stderr,
                 "kehoach update: cannot add a record to '%s': %s; "
                 "nothing was recorded",
                 r->log_path, strbuf_str(&r->err));
        return EXIT_PROBLEMS;
    case UPDATE_REFUSED:
        cli_line(stderr,
                 "kehoach update: the record was refused; '%s' is "
                 "unchanged",
                 r->log_path);
        return EXIT_PROBLEMS;
    case UPDATE_LOG_CHANGED:
        cli_line(stderr,
                 "kehoach update: %s; nothing was recorded; check it "
                 "with 'kehoach validate', then run the update again",
                 strbuf_str(&r->err));
        return EXIT_IO;
    case UPDATE_NOT_WRITTEN:
        break;
    }
    cli_line(stderr, "kehoach update: %s; '%s' is unchanged",
             strbuf_str(&r->err), r->log_path);
    return EXIT_IO;
}

static int cmd_update(int argc, char **argv)
{
    options o = {.entry.percent = -1};
    o.values = xcalloc((size_t)argc + 1, sizeof *o.values);
    o.value_names = xcalloc((size_t)argc + 1, sizeof *o.value_names);
    o.evidence = xcalloc((size_t)argc + 1, sizeof *o.evidence);
    o.entry.evidence = o.evidence;
    int code = EXIT_USAGE;
    if (!cli_parse("update", argc, argv, option_table, on_arg, &o))
        goto done;
    if (o.npositional == 1) {
        cli_usage_error("update", "which activity? give its id after the plan");
        goto done;
    }
    if (o.npositional == 0) {
        cli_usage_error("update",
                        "give the plan (its file or id) and the activity");
        goto done;
    }
    if (!o.has_state) {
        cli_usage_error("update",
                        "say what the state is: --state in-progress, done "
                        "or cancelled");
        goto done;
    }
    date today = cli_today();
    if (!o.has_date)
        o.entry.date = today;
    /* "BC1": a report the plan asks for, which no activity's id may be */
    if (plan_is_report_id(o.activity))
        o.entry.report = o.activity;
    else
        o.entry.activity = o.activity;
    o.entry.values = o.values;
    update_request req = {.plan = o.plan,
                          .entries = &o.entry,
                          .nentries = 1,
                          .today = today,
                          .lock_timeout_ms = LOCK_TIMEOUT_MS,
                          .max_problems = PROBLEMS_PER_FILE,
                          .pause = cli_test_stop};
    update_result r;
    update_record(&req, &r);
    code = print_result(&o, &r);
    update_result_release(&r);
done:
    for (size_t i = 0; i < o.entry.nvalues; i++)
        free(o.value_names[i]);
    free(o.value_names);
    free(o.values);
    free(o.evidence);
    return code;
}

const cli_command cmd_update_info = {
    "update",
    cmd_update,
    N_("record progress on an activity in the plan's progress log"),
    N_("usage: kehoach update PLAN ACTIVITY --state STATE [--date DATE]\n"
       "                      [--occurrence OCC] [--percent N]\n"
       "                      [--value NAME=NUMBER]... [--note TEXT]\n"
       "                      [--evidence TEXT]... [--by NAME]\n"
       "       kehoach update PLAN REPORT --state done [--date DATE]\n"
       "                      [--occurrence OCC] [--document NUMBER] [--note TEXT]\n"
       "\n"
       "Adds one record to the plan's progress log (NAME.progress.yaml beside\n"
       "NAME.yaml; created when missing). The record is checked against the plan\n"
       "first: a bad one is refused with the reason and the log is left as it\n"
       "was. The record is added after the log's last line, so comments and\n"
       "layout of a log edited by hand stay. Any number of updates may run at\n"
       "once: each waits for the log's lock (NAME.progress.yaml.lock) and every\n"
       "record lands whole, exactly once; an update stopped at any point leaves\n"
       "the log as it was. A log saved by an editor while the update ran is left\n"
       "as the editor saved it, and nothing is recorded: check it with 'kehoach\n"
       "validate', then run the update again.\n"
       "\n"
       "PLAN is a plan file, or a plan's id (searched for below the current\n"
       "folder, reading each file only as far as its id). ACTIVITY is the\n"
       "activity's id in the plan, such as 1.a. REPORT is one of the reports the\n"
       "plan asks for, by the id that 'kehoach deadlines' shows: BC1 for the\n"
       "first, BC2 for the second...; '--state done' records it as sent on DATE,\n"
       "and deadlines, status and reports show it done, no longer overdue.\n"
       "\n"
       "options:\n"
       "  -s, --state STATE     \"Đang thực hiện\", \"Hoàn thành\" or \"Hủy bỏ\"\n"
       "                        (diacritics optional), or in-progress, done or\n"
       "                        cancelled (required)\n"
       "  -d, --date DATE       the day the state holds, 15/10/2026 or 2026-10-15\n"
       "                        (default: today);\n"
       "                        a day after today is recorded with a warning\n"
       "  --occurrence OCC      for an activity with several occurrences: which\n"
       "                        one, as the outputs name it: \"Quý II/2026\",\n"
       "                        \"Tháng 3/2026\", \"6 tháng đầu năm 2026\" or\n"
       "                        \"Năm 2026\" (diacritics optional), or 2026-Q2,\n"
       "                        2026-03, 2026-H1 or 2026\n"
       "  --percent N           how far it is, 0 to 100\n"
       "  --value NAME=NUMBER   a measured value of one of the activity's targets:\n"
       "                        NAME is the target's name or its number (1, 2, ...)\n"
       "  --note TEXT           a short note\n"
       "  -e, --evidence TEXT   a document or file that shows it (\"Báo cáo số\n"
       "                        12/BC-TTTGPL\"); may be given several times\n"
       "  --document NUMBER     a report's: the number of the report sent\n"
       "                        (\"Số 123/BC-STP\"); its date is DATE\n"
       "  --by NAME             who reports it\n"
       "  -h, --help            show this help\n"
       "\n"
       "exit codes: 0 recorded, 1 the record or the plan has problems (nothing\n"
       "recorded), 2 usage error, 3 a file could not be read or written, or the\n"
       "log was changed while the update ran (nothing recorded), 4 internal\n"
       "error.\n"),
};
