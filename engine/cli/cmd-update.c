/* cmd-update.c - "kehoach update": record progress in a plan's log.
 *
 * Under the log's lock (lockfile.h): the plan and its log are checked as
 * "validate" checks them; the new record is written after the log's last
 * byte (progress_write.h); the resulting text is read back, must hold exactly one
 * more record, and that record is checked in full - schema, activity,
 * occurrence, targets, date. Only then does it replace the log, all at once. Any problem
 * leaves the log untouched and exits 1; a log changed meanwhile by a program
 * that does not take the lock (an editor) is left as that program wrote it
 * (lockfile_commit refuses), exit 3. */
#include "cli.h"


#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PROBLEMS_PER_FILE 50
#define LOCK_TIMEOUT_MS 120000   /* waiting writers queue in no set order */

typedef struct options {
    const char *plan, *activity;
    size_t npositional;
    progress_write_entry entry;
    bool has_state, has_date;
    progress_write_value *values;
    char **value_names;        /* as given, owned; values[i].name may point
                                  at the plan's name of the target instead */
    const char **evidence;
} options;

enum {
    OPT_STATE, OPT_DATE, OPT_OCCURRENCE, OPT_PERCENT, OPT_VALUE, OPT_NOTE,
    OPT_EVIDENCE, OPT_BY,
};

static const cli_option option_table[] = {
    [OPT_STATE] = {"state", 's', true},
    [OPT_DATE] = {"date", 'd', true},
    [OPT_OCCURRENCE] = {"occurrence", 0, true},
    [OPT_PERCENT] = {"percent", 'p', true},
    [OPT_VALUE] = {"value", 0, true},
    [OPT_NOTE] = {"note", 'n', true},
    [OPT_EVIDENCE] = {"evidence", 'e', true},
    [OPT_BY] = {"by", 0, true},
    {NULL, 0, false},
};

static bool parse_value(const char *arg, progress_write_value *out, char **owned)
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
            cli_usage_error("update", "unexpected argument '%s'; give the plan, then "
                            "the activity", arg->value);
            return false;
        }
        o->npositional++;
        return true;
    case OPT_STATE:
        if (!progress_state_parse(arg->value, &e->state)) {
            cli_usage_error("update", "unknown state '%s'; use in-progress, done or "
                            "cancelled", arg->value);
            return false;
        }
        o->has_state = true;
        return true;
    case OPT_DATE:
        if (!cli_date("update", arg->value, &e->date))
            return false;
        o->has_date = true;
        return true;
    case OPT_OCCURRENCE:
        e->occurrence = arg->value;
        return true;
    case OPT_PERCENT: {
        long v = strtol(arg->value, &end, 10);
        if (!*arg->value || *end || v < 0 || v > 100) {
            cli_usage_error("update", "'%s' is not a percent; give a whole number "
                            "from 0 to 100", arg->value);
            return false;
        }
        e->percent = (int)v;
        return true;
    }
    case OPT_VALUE:
        if (!parse_value(arg->value, &o->values[e->nvalues], &o->value_names[e->nvalues])) {
            cli_usage_error("update", "'%s' is not NAME=NUMBER (a target's name or "
                            "number, and a number of at least 0)", arg->value);
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
    default:
        e->by = *arg->value ? arg->value : NULL;
        return true;
    }
}

/* What the check of the plan hands back. */
typedef struct update {
    options *o;                /* its entry's values get the targets' names */
    const char *log_path;
    catalog *cat;
    diag_sink *checks;         /* the plan's and the log's */
    diag_sink *problems;       /* the new record's */
    bool plan_seen;
    const char *why;           /* the log's layout refuses an append */
    strbuf text;               /* the log's new text */
    size_t record_number;
} update;

/* "--value 1=85": the first target of the activity, by its name. */
static void name_targets(const plan *p, progress_write_entry *e, progress_write_value *values)
{
    const plan_activity *act = progress_find_activity(p, e->activity, NULL);
    for (size_t i = 0; act && i < e->nvalues; i++) {
        char *end;
        unsigned long k = strtoul(values[i].name, &end, 10);
        if (!*end && k >= 1 && k <= act->ntargets && act->targets[k - 1].name.s)
            values[i].name = act->targets[k - 1].name.s;
        for (size_t t = 0; t < act->ntargets; t++)
            if (act->targets[t].name.s && vntext_same(values[i].name, act->targets[t].name.s))
                values[i].name = act->targets[t].name.s;
    }
}

/* A record dated after today is kept, with a warning: it is most often a
 * mistake in --date, and until that day status and deadlines leave it out.
 * (Only here: validate reads no clock.) */
static void warn_if_future(const progress_record *rec, diag_sink *d)
{
    if (!rec->date_text.at || date_cmp(rec->date, cli_today()) <= 0)
        return;
    diag_at_node(d, DIAG_WARNING, rec->date_text.at,
                 "the date %s is after today; the record is kept, and counts in "
                 "status and deadlines only from that day; check that the date is right",
                 rec->date_text.s);
}

/* Reads the new text back: it must load and hold exactly one more record,
 * and that record is checked in full (its schema and its meaning against
 * the plan). The old records were checked with the plan; only the new
 * one's problems are reported here. */
static void check_new_text(update *u, const plan *p, size_t old_count)
{
    size_t len = u->text.len;
    char *copy = xmalloc(len + 1);
    memcpy(copy, sb_str(&u->text), len + 1);
    size_t plen = strlen(u->log_path);
    char *label = xmalloc(plen + 20);
    memcpy(label, u->log_path, plen);
    strcpy(label + plen, " (new record)");
    source *src = source_new(label, copy, len);
    free(label);
    arena *a = arena_new();
    diag_sink *d = u->problems;
    diag_set_stage(d, "yaml");
    yamlload_limits limits = progress_log_limits();
    node *root = yamlload_parse(a, src, d, &limits);
    const node *list = root ? node_get(root, "records") : NULL;
    if (root && (!list || list->kind != NODE_ARRAY || list->u.array.count != old_count + 1)) {
        diag_file(d, DIAG_ERROR, src->path, "internal error: the new text does not hold "
                  "exactly one more record");
    } else if (root) {
        diag_set_stage(d, "schema");
        schema_validate(catalog_schema(u->cat, "progress.schema.json#/definitions/record"),
                        list->u.array.items[old_count], d);
        diag_set_stage(d, "meaning");
        progress_log *log = progress_build(a, src, root);
        progress_log added = {src, root, {NULL, NULL}, log->records + old_count, 1};
        progress_check(&added, p, d);
        if (!diag_errors(d))
            warn_if_future(&log->records[old_count], d);
        u->record_number = log->count;
    }
    arena_free(a);
    source_free(src);
}

static void on_plan(const plan *p, const char *path, const orgunits *registry,
                    const progress_log *log, void *ctx)
{
    update *u = ctx;
    u->plan_seen = true;
    if (diag_errors(u->checks))
        return;                 /* refused below: the plan or the log is wrong */
    options *o = u->o;
    o->entry.values = o->values;
    name_targets(p, &o->entry, o->values);
    char *schema_line = log ? NULL : progress_write_schema_comment(p->src);
    if (progress_write_append(log ? log->src : NULL, log ? log->root : NULL,
                      p->id.s ? p->id.s : "", schema_line, &o->entry, &u->text, &u->why))
        check_new_text(u, p, log ? log->count : 0);
    free(schema_line);
}

/* Why no plan was found for an id: what was looked at, the ids that are
 * close, and what stopped the search early. */
static void explain_not_found(const char *name, const locate_result *r)
{
    strbuf msg = STRBUF_INIT;
    sb_printf(&msg, "kehoach update: no plan file '%s', and no plan with that id "
              "among the %zu file%s below the current folder", name, r->files,
              r->files == 1 ? "" : "s");
    if (*r->stopped)
        sb_printf(&msg, ", but the search was not complete: %s; give the plan's file "
                  "instead", r->stopped);
    for (size_t i = 0; i < r->nnear; i++)
        sb_printf(&msg, "%s'%s'", i == 0 ? "; did you mean " : i + 1 < r->nnear ? ", "
                  : " or ", r->near[i]);
    if (r->nnear)
        sb_putc(&msg, '?');
    cli_line(stderr, "%s", sb_str(&msg));
    sb_release(&msg);
}

/* The plan file: PLAN itself, or the plan with that id below "."; NULL
 * after saying why there is none. */
static char *find_plan(const char *name)
{
    char *err = NULL;
    fileio_kind kind = fileio_kind_of(name, &err);
    free(err);
    if (kind == FILEIO_FILE)
        return xstrdup(name);
    locate_result r;
    locate_plan(".", name, &locate_default_limits, &r);
    char *found = r.path;
    r.path = NULL;
    if (!found)
        explain_not_found(name, &r);
    else if (strncmp(found, "./", 2) == 0)
        memmove(found, found + 2, strlen(found + 2) + 1);
    locate_result_release(&r);
    return found;
}

static void print_problems(diag_sink *d)
{
    strbuf text = STRBUF_INIT;
    diag_format_text(d, &text, false);
    cli_write(stderr, &text);
    sb_release(&text);
}

/* Replaces the log with the new text, or says why it was not. */
static int commit(lockfile *lock, const update *u)
{
    char *err;
    const progress_write_entry *e = &u->o->entry;
    switch (lockfile_commit(lock, sb_str(&u->text), u->text.len, &err)) {
    case LOCKFILE_OK: {
        char day[11];
        date_format_iso(e->date, day);
        cli_line(stdout, "recorded in %s (record %zu): activity %s%s%s%s is %s as of %s",
                 u->log_path, u->record_number, e->activity, e->occurrence ? " (" : "",
                 e->occurrence ? e->occurrence : "", e->occurrence ? ")" : "",
                 progress_state_name(e->state), day);
        return EXIT_VALID;
    }
    case LOCKFILE_CHANGED:
        cli_line(stderr, "kehoach update: %s; nothing was recorded; check it with "
                 "'kehoach validate', then run the update again", err);
        break;
    default:
        cli_line(stderr, "kehoach update: %s; '%s' is unchanged", err, u->log_path);
        break;
    }
    free(err);
    return EXIT_IO;
}

static int record_progress(options *o, const char *plan_path)
{
    char *log_path = progress_log_path(plan_path);
    lockfile *lock;
    char *err;
    switch (lockfile_acquire(log_path, LOCK_TIMEOUT_MS, &lock, &err)) {
    case LOCKFILE_OK:
        break;
    default:
        cli_line(stderr, "kehoach update: %s; nothing was recorded", err);
        free(err);
        free(log_path);
        return EXIT_IO;
    }
    cli_test_stop("update-locked");
    diag_sink *d = diag_sink_new(PROBLEMS_PER_FILE);
    update u = {.o = o, .log_path = log_path, .checks = d,
                .problems = diag_sink_new(PROBLEMS_PER_FILE), .cat = catalog_load(d)};
    validate_result r;
    const char *paths[] = {plan_path};
    if (u.cat)
        validate_run(paths, 1, d, &r, on_plan, &u);
    else
        memset(&r, 0, sizeof r);

    int code = EXIT_VALID;
    print_problems(d);
    if (!u.cat || r.internal_error) {
        code = EXIT_INTERNAL;
    } else if (r.unreadable) {
        code = EXIT_IO;
    } else if (diag_errors(d) || !u.plan_seen) {
        fprintf(stderr, "kehoach update: the plan or its progress log has errors; fix "
                "them first; nothing was recorded\n");
        code = EXIT_PROBLEMS;
    } else if (u.why) {
        cli_line(stderr, "kehoach update: cannot add a record to '%s': %s; nothing was "
                 "recorded", log_path, u.why);
        code = EXIT_PROBLEMS;
    } else if (diag_errors(u.problems)) {
        print_problems(u.problems);
        cli_line(stderr, "kehoach update: the record was refused; '%s' is unchanged",
                 log_path);
        code = EXIT_PROBLEMS;
    }
    if (code == EXIT_VALID) {
        print_problems(u.problems);         /* the new record's warnings */
        cli_test_stop("update-commit");
        code = commit(lock, &u);
    } else {
        lockfile_release(lock);
    }
    if (u.cat)
        validate_result_release(&r);
    sb_release(&u.text);
    catalog_free(u.cat);
    diag_sink_free(u.problems);
    diag_sink_free(d);
    free(log_path);
    return code;
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
    if (o.npositional < 2) {
        cli_usage_error("update", o.npositional ? "which activity? give its id after "
                        "the plan" : "give the plan (its file or id) and the activity");
        goto done;
    }
    if (!o.has_state) {
        cli_usage_error("update", "say what the state is: --state in-progress, done "
                        "or cancelled");
        goto done;
    }
    if (!o.has_date)
        o.entry.date = cli_today();
    o.entry.activity = o.activity;
    char *plan_path = find_plan(o.plan);
    if (!plan_path) {
        code = EXIT_PROBLEMS;
        goto done;
    }
    code = record_progress(&o, plan_path);
    free(plan_path);
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
    "record progress on an activity in the plan's progress log",
    "usage: kehoach update PLAN ACTIVITY --state STATE [--date DATE]\n"
    "                      [--occurrence OCC] [--percent N]\n"
    "                      [--value NAME=NUMBER]... [--note TEXT]\n"
    "                      [--evidence TEXT]... [--by NAME]\n"
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
    "activity's id in the plan, such as 1.a.\n"
    "\n"
    "options:\n"
    "  -s, --state STATE     in-progress, done or cancelled (required)\n"
    "  -d, --date DATE       the day the state holds, YYYY-MM-DD (default: today);\n"
    "                        a day after today is recorded with a warning\n"
    "  --occurrence OCC      for an activity with several occurrences: which\n"
    "                        one, as 2026-Q2, 2026-03, 2026-H1 or 2026\n"
    "  -p, --percent N       how far it is, 0 to 100\n"
    "  --value NAME=NUMBER   a measured value of one of the activity's targets:\n"
    "                        NAME is the target's name or its number (1, 2, ...)\n"
    "  -n, --note TEXT       a short note\n"
    "  -e, --evidence TEXT   a document or file that shows it (\"Báo cáo số\n"
    "                        12/BC-TTTGPL\"); may be given several times\n"
    "  --by NAME             who reports it\n"
    "  -h, --help            show this help\n"
    "\n"
    "exit codes: 0 recorded, 1 the record or the plan has problems (nothing\n"
    "recorded), 2 usage error, 3 a file could not be read or written, or the\n"
    "log was changed while the update ran (nothing recorded), 4 internal\n"
    "error.\n",
};
