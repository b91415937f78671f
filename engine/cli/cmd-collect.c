/* cmd-collect.c - "kehoach collect": filled progress forms recorded in the
 * plans' logs.
 *
 * Each form is read and recorded on its own, all or nothing (collect.h):
 * its problems are printed, positioned at their cells, and a line says
 * what became of it - how many records went to which log, or that it was
 * collected before, or why nothing was recorded. The exit status is the
 * worst of the forms'. The clock is read for the date of a row marked in
 * progress without one, and for the warning on dates after today. */
#include "cli.h"

#include <stdlib.h>

#define LOCK_TIMEOUT_MS 10000
#define PROBLEMS_PER_FORM 200

const cli_command cmd_collect_info;

typedef struct options {
    const char **forms;
    size_t nforms;
    collect_request req;
} options;

enum { OPT_DRY_RUN, OPT_BY, OPT_ACCEPT_CONFLICTS };

static const cli_option option_table[] = {
    [OPT_DRY_RUN] = {"dry-run", 'n', false},
    [OPT_BY] = {"by", 0, true},
    [OPT_ACCEPT_CONFLICTS] = {"accept-conflicts", 0, false},
    {NULL, 0, false},
};

static bool on_arg(const cli_args *arg, void *ctx)
{
    options *o = ctx;
    switch (arg->option) {
    case OPT_DRY_RUN:
        o->req.check_only = true;
        return true;
    case OPT_BY:
        o->req.by = arg->value;
        return true;
    case OPT_ACCEPT_CONFLICTS:
        o->req.accept_conflicts = true;
        return true;
    default:
        o->forms[o->nforms++] = arg->value;
        return true;
    }
}

static void print_problems(diag_sink *d)
{
    strbuf text = STRBUF_INIT;
    diag_format_text(d, &text, false);
    cli_write(stderr, &text);
    strbuf_release(&text);
}

/* "2 to plans/a.progress.yaml, 1 to plans/b.progress.yaml" */
static void put_logs(strbuf *sb, const collect_result *r)
{
    bool first = true;
    for (size_t i = 0; i < r->nupdates; i++) {
        if (!r->updates[i].recorded)
            continue;
        if (!first)
            strbuf_puts(sb, ", ");
        /* TRANSLATORS: how many records went to a log, in a list: "2 to
           plans/a.progress.yaml, 1 to plans/b.progress.yaml". */
        strbuf_printf(sb, _("%zu to %s"), r->updates[i].recorded,
                      r->updates[i].log_path);
        first = false;
    }
}

/* Why the logs were not written: each failed update's problems and
 * reason, and which logs were replaced before the failure. */
static int explain_not_written(const char *path, const collect_result *r)
{
    int code = EXIT_PROBLEMS;
    for (size_t i = 0; i < r->nupdates; i++) {
        const update_result *u = &r->updates[i];
        print_problems(u->checks);
        print_problems(u->problems);
        switch (u->status) {
        case UPDATE_RECORDED:
            cli_line(stderr,
                     "kehoach collect: %s: %zu records were added to %s "
                     "before the failure below",
                     path, u->recorded, u->log_path);
            break;
        case UPDATE_NOTHING_NEW:
        case UPDATE_HELD_BACK:
        case UPDATE_CHECKED:
            break;
        case UPDATE_NO_PLAN:
            cli_line(stderr,
                     "kehoach collect: %s: the plan '%s' is not found (run "
                     "collect in the folder the form was made in)",
                     path, r->requests[i].plan);
            break;
        case UPDATE_PLAN_ERRORS:
            cli_line(stderr,
                     "kehoach collect: %s: the plan '%s' or its log has "
                     "errors; fix them first",
                     path, u->plan_path);
            break;
        case UPDATE_REFUSED:
            cli_line(stderr,
                     "kehoach collect: %s: the records for '%s' were refused",
                     path, u->log_path);
            break;
        case UPDATE_INTERNAL:
            code = EXIT_INTERNAL;
            cli_line(stderr, "kehoach collect: %s: internal error %s", path,
                     strbuf_str(&u->err));
            break;
        case UPDATE_UNREADABLE:
            if (code != EXIT_INTERNAL)
                code = EXIT_IO;
            cli_line(stderr,
                     "kehoach collect: %s: the plan '%s' or its log could not "
                     "be read",
                     path, u->plan_path);
            break;
        case UPDATE_NOT_LOCKED:
        case UPDATE_CANNOT_APPEND:
        case UPDATE_LOG_CHANGED:
        case UPDATE_NOT_WRITTEN:
            if (code != EXIT_INTERNAL && u->status != UPDATE_CANNOT_APPEND)
                code = EXIT_IO;
            cli_line(stderr, "kehoach collect: %s: %s: %s", path,
                     u->log_path ? u->log_path : r->requests[i].plan,
                     strbuf_str(&u->err));
            break;
        }
    }
    return code;
}

/* Collects one form; its exit code. */
static int collect_one(const options *o, const char *path)
{
    collect_result r;
    collect_form(&o->req, path, &r);
    print_problems(r.problems);
    int code = EXIT_VALID;
    strbuf sb = STRBUF_INIT, logs = STRBUF_INIT;
    switch (r.status) {
    case COLLECT_RECORDED:
        for (size_t i = 0; i < r.nupdates; i++)
            print_problems(r.updates[i].problems); /* warnings: a date
                                                      after today */
        put_logs(&logs, &r);
        if (o->req.check_only)
            strbuf_printf(
                &sb,
                /* TRANSLATORS: the last %s lists how many records went
                   to which log: "2 to plans/a.progress.yaml". */
                P_("%s: form %s (%s): would record %zu record: %s",
                   "%s: form %s (%s): would record %zu records: %s",
                   r.recorded),
                path, r.form_id, r.unit, r.recorded, strbuf_str(&logs));
        else
            strbuf_printf(&sb,
                          P_("%s: form %s (%s): recorded %zu record: %s",
                             "%s: form %s (%s): recorded %zu records: %s",
                             r.recorded),
                          path, r.form_id, r.unit, r.recorded,
                          strbuf_str(&logs));
        if (r.already) {
            strbuf_puts(&sb, "; ");
            strbuf_printf(&sb,
                          P_("%zu row was recorded before from this form",
                             "%zu rows were recorded before from this form",
                             r.already),
                          r.already);
        }
        cli_line(stdout, "%s", strbuf_str(&sb));
        strbuf_reset(&sb);
        if (o->req.check_only) {
            collect_format_records(&r, &sb);
            cli_write(stdout, &sb);
        }
        break;
    case COLLECT_NOTHING:
        if (r.already) {
            strbuf_printf(&sb,
                          P_("%s: form %s (%s) was collected before: its %zu "
                             "filled row is already in the logs; nothing new "
                             "recorded",
                             "%s: form %s (%s) was collected before: its %zu "
                             "filled rows are already in the logs; nothing "
                             "new recorded",
                             r.already),
                          path, r.form_id, r.unit, r.already);
            cli_line(stdout, "%s", strbuf_str(&sb));
        } else
            cli_line(stdout,
                     "%s: form %s (%s): no row is filled; nothing "
                     "recorded",
                     path, r.form_id, r.unit);
        break;
    case COLLECT_UNREADABLE:
        code = EXIT_PROBLEMS;
        cli_line(stderr,
                 "kehoach collect: %s cannot be read as a form; "
                 "nothing recorded from it",
                 path);
        break;
    case COLLECT_NOT_A_FORM:
        code = EXIT_PROBLEMS;
        cli_line(stderr,
                 "kehoach collect: %s is a workbook, but not a form made by "
                 "'kehoach form' (it has no identity sheet); nothing "
                 "recorded from it",
                 path);
        break;
    case COLLECT_REFUSED: {
        size_t n = diag_errors(r.problems);
        code = EXIT_PROBLEMS;
        strbuf_printf(&sb,
                      P_("kehoach collect: %s has %zu error; nothing recorded "
                         "from it",
                         "kehoach collect: %s has %zu errors; nothing recorded "
                         "from it",
                         n),
                      path, n);
        cli_line(stderr, "%s", strbuf_str(&sb));
        break;
    }
    case COLLECT_NOT_WRITTEN: {
        code = explain_not_written(path, &r);
        bool some = false;
        for (size_t i = 0; i < r.nupdates; i++)
            some = some || r.updates[i].status == UPDATE_RECORDED;
        if (some)
            cli_line(stderr,
                     "kehoach collect: %s: recorded only in part, as said "
                     "above",
                     path);
        else
            cli_line(stderr, "kehoach collect: %s: nothing recorded from it",
                     path);
        break;
    }
    }
    strbuf_release(&sb);
    strbuf_release(&logs);
    collect_result_release(&r);
    return code;
}

static int cmd_collect(int argc, char **argv)
{
    options o = {.forms = xcalloc((size_t)argc + 1, sizeof *o.forms)};
    int code = EXIT_USAGE;
    if (!cli_parse("collect", argc, argv, option_table, on_arg, &o))
        goto done;
    if (!o.nforms) {
        cli_usage_error("collect", "give the filled forms to collect");
        goto done;
    }
    o.req.today = cli_today();
    o.req.lock_timeout_ms = LOCK_TIMEOUT_MS;
    o.req.max_problems = PROBLEMS_PER_FORM;
    code = EXIT_VALID;
    for (size_t i = 0; i < o.nforms; i++) {
        int one = collect_one(&o, o.forms[i]);
        if (one > code)
            code = one;
    }
done:
    free(o.forms);
    return code;
}

const cli_command cmd_collect_info = {
    "collect",
    cmd_collect,
    N_("record the progress filled in forms made by 'kehoach form'"),
    N_("usage: kehoach collect FORM.xlsx... [--dry-run] [--by NAME]\n"
       "                       [--accept-conflicts]\n"
       "\n"
       "Reads each filled form and adds a record for each filled row to the\n"
       "log of its plan, through the same checks and lock as 'kehoach update'.\n"
       "Every cell is checked; a form with any error records nothing, and each\n"
       "error names its sheet and cell. A form collected again records nothing\n"
       "new. A row about something recorded since the form was made is a\n"
       "conflict: it stops the form unless --accept-conflicts is given. Run it\n"
       "in the folder the form was made in (the plans are found by the paths\n"
       "and ids the form keeps).\n"
       "\n"
       "options:\n"
       "  -n, --dry-run         check and show what would be recorded; record\n"
       "                        nothing\n"
       "  --by NAME             who reported (default: the form's unit)\n"
       "  --accept-conflicts    record rows that conflict, with a warning\n"
       "  -h, --help            show this help\n"
       "\n"
       "exit codes: 0 recorded, or nothing new; 1 errors in a form or a plan;\n"
       "2 usage error; 3 a file could not be read or written; 4 internal\n"
       "error.\n"),
};
