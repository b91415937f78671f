/* validate.h - checking plan files: the whole read -> check pipeline.
 *
 * For every file named or found below a folder (*.yaml, *.yml): read it
 * within the size limit, load it (yamlload), validate it against its
 * schema (plan.schema.json, or units.schema.json for a folder's
 * units.yaml), build the plan model and run the meaning checks, then the
 * checks across all plans. Every problem goes to the diagnostics sink; the
 * result says what was checked. A folder's units.yaml is the unit registry
 * of the plans in that folder, and is checked whenever one of them is.
 * A plan's progress log (progress.h) is checked with its plan, against it;
 * a log named or found on its own brings its plan in. So are its notes
 * files (notes.h), every one beside it, and a notes file named brings its
 * plan in. A report template
 * (NAME.template.yaml, template.h) is checked on its own. */
#ifndef KEHOACH_VALIDATE_H
#define KEHOACH_VALIDATE_H

#include "diag.h"
#include "logread.h"
#include "plan.h"
#include "progress.h"
#include "orgunits.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum validate_kind {
    VALIDATE_PLAN,
    VALIDATE_UNITS,    /* a folder's unit registry (units.yaml) */
    VALIDATE_LOG,      /* a plan's progress log */
    VALIDATE_TEMPLATE, /* a report template (NAME.template.yaml) */
    VALIDATE_NOTES,    /* a plan's notes for a period (notes.h) */
} validate_kind;

/* "plan", "units", "log", "template", "notes". */
const char *validate_kind_name(validate_kind kind);

typedef struct validate_file {
    const char *path; /* kept for the process (fileio_path_kept) */
    validate_kind kind;
    bool loaded;       /* read and parsed as YAML */
    char *id;          /* plan id, when it has one */
    size_t activities; /* plans: activities in the model */
    size_t units;      /* registries, and plans with their own orgunits */
    size_t records;    /* logs: records */
} validate_file;

typedef struct validate_result {
    /* set before validate_run: files lists every file checked (validate
     * --format json); otherwise it holds the last one only, and a run of
     * thousands of files keeps nothing of each but its count */
    bool list_files;
    validate_file *files;
    size_t nfiles;
    size_t plans, activities, registries, logs, records, templates, notes;
    size_t unreadable;   /* files or folders that could not be read */
    bool internal_error; /* a built-in schema is broken, or a bug showed */
} validate_result;

/* Called for every plan that loaded, once it is checked and scheduled,
 * while its document is still in memory (it is freed right after), with
 * its progress log's header when it has one that loaded (NULL
 * otherwise): the records were handed over as the log was read. */
typedef void validate_plan_fn(const plan *p, const char *path,
                              const orgunits *registry, const progress_log *log,
                              void *ctx);

/* What a run hands over, each hook may be NULL: a plan that loaded, once
 * checked and scheduled, before its log is read (begin_plan, whose log
 * argument is always NULL); each record of its log as it is read
 * (logread.h); the plan again once its log and notes are read (end_plan). */
typedef struct validate_visitor {
    validate_plan_fn *begin_plan;
    logread_record_fn *record;
    validate_plan_fn *end_plan;
    void *ctx;
} validate_visitor;

/* Checks the files and folders in paths; fills *out (release it with
 * validate_result_release), whose list_files the caller sets first (or
 * zeroes). visit may be NULL. */
void validate_run(const char *const *paths, size_t npaths, diag_sink *d,
                  validate_result *out, const validate_visitor *visit);
void validate_result_release(validate_result *r);

/* How many plan files paths name or hold (a log counts for its plan),
 * without reading them: what validate_run would check. Unreadable paths
 * count nothing. */
size_t validate_count_plans(const char *const *paths, size_t npaths);

/* The names validate_run reads below a folder (*.yaml, *.yml), as
 * fileio_walk takes them. */
extern const char *const validate_suffixes[];

/* True when path names a folder's unit registry (units.yaml, units.yml). */
bool validate_is_registry_path(const char *path);

#endif
