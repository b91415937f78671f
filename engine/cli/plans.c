/* plans.c - what the commands that read the plans share: their common
 * options (PATH..., --as-of, --unit, --format, -o) and the run that checks
 * the plans as "validate" does, prints the problems and, with --unit,
 * says what the unit came to.
 *
 * A command keeps its own option table (its order is the order of the
 * "did you mean" suggestions) and handles its own options first; the
 * others come here by name. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PROBLEMS_PER_FILE 50

void cli_plans_init(cli_plans *p, const char *command, int argc,
                    const char *const *formats, size_t nformats)
{
    *p = (cli_plans){.command = command,
                     .formats = formats,
                     .nformats = nformats};
    p->paths = xmalloc((size_t)argc * sizeof *p->paths);
}

bool cli_plans_parse(cli_plans *p, int argc, char **argv,
                     const cli_option *options,
                     bool (*on_arg)(const cli_args *arg, void *ctx), void *ctx)
{
    if (!cli_parse(p->command, argc, argv, options, on_arg, ctx))
        return false;
    if (p->npaths == 0)
        p->paths[p->npaths++] = "plans";
    bool dash = p->output && strcmp(p->output, "-") == 0;
    const char *dot = p->output ? strrchr(p->output, '.') : NULL;
    if (dot && !strchr(dot, '/') && !p->has_format) {
        const char *ext = strcasecmp(dot + 1, "txt") ? dot + 1 : "text";
        for (size_t i = 0; i < p->nformats; i++)
            if (!strcasecmp(ext, p->formats[i]))
                p->format = (int)i;
    }
    if (dash || (!p->output && cli_plans_workbook(p))) {
        if (!p->nformats || cli_plans_workbook(p)) {
            cli_usage_error(p->command,
                            dash ? "a workbook cannot be written to the "
                                   "standard output; name its file: -o "
                                   "FILE.xlsx"
                                 : "say where to write the workbook: -o "
                                   "FILE.xlsx");
            return false;
        }
        p->output = NULL;
    }
    return true;
}

bool cli_plans_workbook(const cli_plans *p)
{
    return p->nformats && strcmp(p->formats[p->format], "xlsx") == 0;
}

bool cli_plans_arg(cli_plans *p, const cli_args *arg)
{
    if (!arg->name) {
        p->paths[p->npaths++] = arg->value;
        return true;
    }
    if (strcmp(arg->name, "as-of") == 0) {
        if (!cli_date(p->command, arg->value, &p->as_of))
            return false;
        p->has_as_of = true;
        return true;
    }
    if (strcmp(arg->name, "unit") == 0) {
        p->unit = arg->value;
        return true;
    }
    if (strcmp(arg->name, "format") == 0)
        /* TRANSLATORS: "unknown format 'x'; use text or json" */
        return p->has_format = cli_choice(p->command, "format", arg->value,
                                          p->formats, p->nformats, &p->format);
    if (strcmp(arg->name, "output") == 0) {
        p->output = arg->value;
        return true;
    }
    /* an option of the command's table that neither it nor this handles */
    cli_line(stderr, "kehoach %s: internal error: --%s is not handled",
             p->command, arg->name);
    return false;
}

/* The command's visitor, behind the one that also notes the plans'
 * units for --unit. */
typedef struct visit {
    cli_plans *p;
    const validate_visitor *command;
} visit;

static void on_begin(const plan *pl, const char *path, const orgunits *registry,
                     const progress_log *log, void *ctx)
{
    const visit *v = ctx;
    if (v->command->begin_plan)
        v->command->begin_plan(pl, path, registry, log, v->command->ctx);
}

static void on_record(const plan *pl, const progress_record *rec, void *ctx)
{
    const visit *v = ctx;
    if (v->command->record)
        v->command->record(pl, rec, v->command->ctx);
}

static void on_end(const plan *pl, const char *path, const orgunits *registry,
                   const progress_log *log, void *ctx)
{
    const visit *v = ctx;
    if (v->p->unit_query)
        orgunits_query_add_plan(v->p->unit_query, pl, registry);
    if (v->command->end_plan)
        v->command->end_plan(pl, path, registry, log, v->command->ctx);
}

void cli_plans_check(cli_plans *p, const validate_visitor *command)
{
    static const validate_visitor none = {0};
    p->d = diag_sink_new(PROBLEMS_PER_FILE);
    if (p->unit)
        p->unit_query = orgunits_query_new(p->unit);
    visit v = {p, command ? command : &none};
    validate_visitor mine = {on_begin, on_record, on_end, &v};
    validate_run(p->paths, p->npaths, p->d, &p->result, &mine);
}

/* The status being folded for a command (cli_plans_check_status). */
typedef struct status_visit {
    date as_of;
    const char *unit;
    cli_status_fn *fn;
    void *ctx;
    status_fold *fold; /* the plan being read */
} status_visit;

static void fold_begin(const plan *pl, const char *path,
                       const orgunits *registry, const progress_log *log,
                       void *ctx)
{
    status_visit *v = ctx;
    v->fold = status_fold_new(pl, v->as_of);
}

static void fold_record(const plan *pl, const progress_record *rec, void *ctx)
{
    status_visit *v = ctx;
    status_fold_add(v->fold, rec);
}

static void fold_end(const plan *pl, const char *path, const orgunits *registry,
                     const progress_log *log, void *ctx)
{
    status_visit *v = ctx;
    arena *a = arena_new();
    status_scope scope = {v->unit, registry};
    status_plan s;
    status_fold_finish(v->fold, a, &scope, &s);
    v->fold = NULL;
    v->fn(pl, path, registry, log, &s, v->ctx);
    arena_free(a);
}

void cli_plans_check_status(cli_plans *p, date as_of, const char *unit,
                            cli_status_fn *fn, void *ctx)
{
    status_visit v = {as_of, unit, fn, ctx, NULL};
    validate_visitor hooks = {fold_begin, fold_record, fold_end, &v};
    cli_plans_check(p, &hooks);
}

int cli_plans_problems(cli_plans *p, const char *stopped)
{
    int code = cli_report_problems(p->command, stopped, p->d, &p->result);
    if (code == EXIT_VALID && p->unit_query)
        code = cli_unit_found(p->command, p->unit, p->unit_query);
    return code;
}

void cli_plans_release(cli_plans *p)
{
    if (p->d) {
        validate_result_release(&p->result);
        diag_sink_free(p->d);
    }
    orgunits_query_free(p->unit_query);
    free(p->paths);
}
