/* cmd-new.c - "kehoach new": next year's plan drafted from this year's.
 *
 * Checks the plan named by --from as "validate" does (a plan with errors
 * drafts nothing), drafts it for --year (newyear.h) while its document is
 * in memory, and writes the draft to stdout or, whole or not at all, to
 * -o FILE, which is kept when it exists unless --force is given, as
 * "import" does. Every place that needs a person's eyes is a "# REVIEW"
 * comment in the draft and a warning on stderr. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct options {
    const char *from, *year_text, *output, *id;
    bool force;
    const char *extra; /* the first positional argument */
} options;

enum { OPT_FROM, OPT_YEAR, OPT_OUTPUT, OPT_ID, OPT_FORCE };

static const cli_option option_table[] = {
    [OPT_FROM] = {"from", 0, true},       [OPT_YEAR] = {"year", 0, true},
    [OPT_OUTPUT] = {"output", 'o', true}, [OPT_ID] = {"id", 0, true},
    [OPT_FORCE] = {"force", 0, false},    {NULL, 0, false},
};

static bool on_arg(const cli_args *arg, void *ctx)
{
    options *o = ctx;
    switch (arg->option) {
    case -1:
        if (!o->extra)
            o->extra = arg->value;
        return true;
    case OPT_FROM:
        o->from = arg->value;
        return true;
    case OPT_YEAR:
        o->year_text = arg->value;
        return true;
    case OPT_OUTPUT: /* "-o -": the standard output, as without -o */
        o->output = strcmp(arg->value, "-") == 0 ? NULL : arg->value;
        return true;
    case OPT_ID:
        o->id = arg->value;
        return true;
    case OPT_FORCE:
        o->force = true;
        return true;
    }
    return false;
}

/* What the run over the plan came to. */
typedef struct drafting {
    const char *from;
    int year;
    const char *id;
    diag_sink *checked; /* the plan's problems, all of them */
    diag_sink *notes;   /* the places to review */
    bool drafted;
    newyear_status status;
    strbuf err;
    strbuf out;
    newyear_summary sum;
    size_t activities;
} drafting;

static void on_plan(const plan *p, const char *path, const orgunits *registry,
                    const progress_log *log, void *ctx)
{
    (void)registry;
    (void)log;
    drafting *dr = ctx;
    if (strcmp(path, dr->from) != 0)
        return;
    dr->drafted = true;
    dr->activities = p->nactivities;
    dr->status = newyear_draft(p, dr->year, dr->id, dr->checked, &dr->out,
                               dr->notes, &dr->sum, &dr->err);
}

/* The draft keeps the old plan's schema line, which may not lead to the
 * schema from where the draft is written: it is made again from there
 * (cli_draft_schema_ref), or left out when no schema is found. */
static void repoint_schema_line(strbuf *draft, const char *output)
{
    static const char modeline[] = "# yaml-language-server:";
    const char *text = strbuf_str(draft);
    if (strncmp(text, modeline, sizeof modeline - 1) != 0)
        return;
    size_t end = strcspn(text, "\r\n");
    size_t eol = text[end] == '\r' && text[end + 1] == '\n' ? 2 : 1;
    char *ref = cli_draft_schema_ref(output);
    strbuf again = STRBUF_INIT;
    if (ref)
        strbuf_printf(&again, "# yaml-language-server: $schema=%s%.*s", ref,
                      (int)eol, text + end);
    strbuf_puts(&again, text + end + (text[end] ? eol : 0));
    free(ref);
    strbuf_release(draft);
    *draft = again;
}

/* --from must name one plan file, not what validate reads beside plans. */
static int not_a_plan(const char *from)
{
    struct stat st;
    if (stat(from, &st) == 0 && S_ISDIR(st.st_mode))
        return cli_usage_error(
            "new", "'%s' is a folder: name one plan file with --from", from);
    if (progress_is_log_path(from))
        return cli_usage_error(
            "new", "'%s' is a progress log: name one plan file with --from",
            from);
    if (template_is_path(from))
        return cli_usage_error(
            "new", "'%s' is a report template: name one plan file with --from",
            from);
    if (validate_is_registry_path(from))
        return cli_usage_error(
            "new", "'%s' is a unit registry: name one plan file with --from",
            from);
    return EXIT_VALID;
}

/* The line that says what the draft holds, on stderr. */
static void say_drafted(const char *output, const drafting *dr)
{
    strbuf activities = STRBUF_INIT, review = STRBUF_INIT;
    strbuf_printf(&activities,
                  P_("%zu activity", "%zu activities", dr->activities),
                  dr->activities);
    strbuf_printf(&review,
                  P_("%zu place marked for review",
                     "%zu places marked for review", dr->sum.review),
                  dr->sum.review);
    if (output)
        cli_line(stderr,
                 /* TRANSLATORS: %d is the new plan's year; the last two %s
                    are counts: "13 activities", "27 places marked for
                    review". */
                 "kehoach new: wrote %s: plan '%s' for %d, %s; %s", output,
                 dr->sum.id, dr->year, strbuf_str(&activities),
                 strbuf_str(&review));
    else
        cli_line(stderr, "kehoach new: plan '%s' for %d, %s; %s", dr->sum.id,
                 dr->year, strbuf_str(&activities), strbuf_str(&review));
    strbuf_release(&activities);
    strbuf_release(&review);
}

static int cmd_new(int argc, char **argv)
{
    options o = {0};
    if (!cli_parse("new", argc, argv, option_table, on_arg, &o))
        return EXIT_USAGE;
    if (o.extra)
        return cli_usage_error("new",
                               "unexpected argument '%s': name the plan with "
                               "--from",
                               o.extra);
    if (!o.from)
        return cli_usage_error("new",
                               "name this year's plan with --from PLAN.yaml");
    if (!o.year_text)
        return cli_usage_error("new",
                               "give the new plan's year with --year, as in "
                               "--year 2027");
    int year;
    strbuf err = STRBUF_INIT;
    if (!newyear_year_of(o.year_text, &year, &err)) {
        int code = cli_usage_error("new", "--year: %s", strbuf_str(&err));
        strbuf_release(&err);
        return code;
    }
    int target = cli_draft_target("new", o.id, o.output, o.force);
    if (target != EXIT_VALID)
        return target;
    int code = not_a_plan(o.from);
    if (code != EXIT_VALID)
        return code;

    drafting dr = {.from = o.from,
                   .year = year,
                   .id = o.id,
                   .checked = diag_sink_new(0),
                   .notes = diag_sink_new(0),
                   .err = STRBUF_INIT,
                   .out = STRBUF_INIT};
    /* The plan is checked whole first, the checks across plans too, so
     * that every warning it has is known; then read again and drafted
     * while its document is in memory. */
    validate_result r = {0};
    validate_run(&o.from, 1, dr.checked, &r, NULL);
    diag_sink *again = NULL;
    if (!diag_errors(dr.checked) && !r.internal_error) {
        validate_result_release(&r);
        again = diag_sink_new(0);
        validate_visitor visit = {.end_plan = on_plan, .ctx = &dr};
        validate_run(&o.from, 1, again, &r, &visit);
    }
    diag_sink *problems = again ? again : dr.checked;
    if (diag_errors(problems) || r.internal_error || !dr.drafted) {
        code =
            cli_report_problems("new", N_("nothing is drafted"), problems, &r);
        if (code == EXIT_VALID) /* read, yet not a plan: cannot be */
            code = EXIT_INTERNAL;
    } else if (dr.status == NEWYEAR_BAD_YEAR) {
        code = cli_usage_error("new", "cannot move '%s' to %d: %s", o.from,
                               year, strbuf_str(&dr.err));
    } else if (dr.status == NEWYEAR_FAILED) {
        cli_line(stderr, "kehoach new: internal error: %s; nothing written",
                 strbuf_str(&dr.err));
        code = EXIT_INTERNAL;
    } else {
        repoint_schema_line(&dr.out, o.output);
        code = cli_emit("new", o.output,
                        o.force ? OUTFILE_REPLACE : OUTFILE_NEW, &dr.out);
        if (code == EXIT_VALID) { /* the places to review, of a draft made */
            strbuf msgs = STRBUF_INIT;
            diag_format_text(dr.notes, &msgs, false);
            cli_write(stderr, &msgs);
            strbuf_release(&msgs);
            say_drafted(o.output, &dr);
        }
    }
    free(dr.sum.id);
    strbuf_release(&dr.out);
    strbuf_release(&dr.err);
    strbuf_release(&err);
    validate_result_release(&r);
    diag_sink_free(again);
    diag_sink_free(dr.notes);
    diag_sink_free(dr.checked);
    return code;
}

const cli_command cmd_new_info = {
    "new",
    cmd_new,
    N_("draft next year's plan from this year's"),
    N_("usage: kehoach new --from PLAN.yaml --year YEAR [-o NEW.yaml] [--id ID]\n"
       "                   [--force]\n"
       "\n"
       "Drafts the plan for YEAR from PLAN, which must check clean: the text of\n"
       "PLAN, word for word and line for line, with its years moved - the year\n"
       "in its id, 'year' or 'span', every date and time phrase (\"Trước\n"
       "30/6/2026\", \"Quý I/2026\", \"Từ tháng 01/2026 đến tháng 12/2026\"), the\n"
       "reporting duties' 'when' and 'due', and the plan's year where its words\n"
       "name it (\"... năm 2026\"). The number is left for the new plan's, and the\n"
       "date of issue keeps only its year, moved. The legal basis, a date that\n"
       "dates a document cited, a period of years other than the plan's and\n"
       "other years stay as they were. Progress is not carried: the new plan\n"
       "starts with no progress log.\n"
       "\n"
       "Every place moved or left for a decision is a \"# REVIEW\" comment in the\n"
       "draft and a warning here, with its line in PLAN. Check those, then run\n"
       "'kehoach validate' on the draft.\n"
       "\n"
       "options:\n"
       "  --from PLAN.yaml       this year's plan\n"
       "  --year YEAR            the new plan's year (for a plan over a span of\n"
       "                         years, the year its span starts): every year\n"
       "                         moves by as many years\n"
       "  -o, --output NEW.yaml  write the draft there (default: standard output);\n"
       "                         an existing file is kept unless --force is given\n"
       "  --id ID                the new plan's id (default: PLAN's with its year\n"
       "                         moved)\n"
       "  --force                overwrite NEW.yaml\n"
       "\n"
       "Exit codes: 0 draft written (warnings say what to review), 1 PLAN has\n"
       "errors (nothing written), 2 usage, a YEAR PLAN cannot move to, or\n"
       "NEW.yaml exists, 3 PLAN unreadable or NEW.yaml unwritable, 4 internal\n"
       "error.\n"),
};
