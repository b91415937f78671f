/* notes.h - a report's notes: the text an office writes for a period.
 *
 * A progress report ends with what figures cannot say: an overall
 * assessment (what was achieved, what fell short and why), the
 * difficulties met, proposals (each may name the body it is addressed
 * to) and the tasks of the next period. The office writes them for one
 * plan and one reporting period in a notes file beside the plan
 * (schemas/notes.schema.json), named from the plan's file and the
 * period's id as `--period` names it:
 *
 *     hai-phong-nkt-2026.yaml               the plan
 *     hai-phong-nkt-2026.progress.yaml      its progress log
 *     hai-phong-nkt-2026.notes-2026.yaml    its notes for the year 2026
 *     hai-phong-nkt-2026.notes-2026-H1.yaml ... for the first half
 *
 * ".notes-" followed by a period id cannot end a plan's name that a
 * progress log or template has, and a file so named is never read as a
 * plan. Each part is a list of paragraphs, printed as "- ..." lines. The
 * file is checked against its plan: the plan id it names, its period (a
 * real one, the one in its file name, within the plan's years). */
#ifndef KEHOACH_NOTES_H
#define KEHOACH_NOTES_H

#include "arena.h"
#include "catalog.h"
#include "diag.h"
#include "docload.h"
#include "node.h"
#include "plan.h"

#include <stdbool.h>
#include <stddef.h>

/* The parts of a report the notes fill, in the order a report has them. */
typedef enum notes_part {
    NOTES_ACHIEVEMENTS, /* assessment.achievements */
    NOTES_SHORTCOMINGS, /* assessment.shortcomings */
    NOTES_CAUSES,       /* assessment.causes */
    NOTES_DIFFICULTIES,
    NOTES_PROPOSALS,
    NOTES_NEXT_TASKS,
    NOTES_NPARTS,
} notes_part;

/* "assessment.achievements", ..., "next_tasks": a part's key in the file,
 * as a template names it; NULL-terminated. */
extern const char *const notes_part_names[];

/* The part a template names, or -1. */
int notes_part_find(const char *name);

typedef struct notes_paragraph {
    const char *text;
    const char *to; /* proposals: the body addressed, or NULL */
    const node *at;
} notes_paragraph;

typedef struct notes_list {
    notes_paragraph *items;
    size_t count; /* 0: the part is not written */
} notes_list;

typedef struct notes {
    plan_text plan, period;
    notes_list parts[NOTES_NPARTS];
    const source *src;
    docload_doc *doc; /* notes_load's: owned, freed by notes_free */
} notes;

/* Whether a file's name is a notes file's: NAME.notes-ID.yaml (or .yml),
 * ID without a dot. */
bool notes_is_path(const char *path);

/* The notes file of a plan for a period (its key: "2026", "2026-H1"):
 * ".yml" when such a file exists, else ".yaml". Caller frees. NULL when
 * the key names no period of Decree 09/2019 (a span of days has no
 * notes file). */
char *notes_path(const char *plan_path, const char *period_key);

/* The plan file beside a notes file: ".yaml" or ".yml" when it exists
 * (".yaml" when neither does). Caller frees. */
char *notes_plan_path(const char *notes_path);

/* Whether a notes file, by its name, is the plan file's (same folder
 * assumed): their names share the part before ".notes-" and ".yaml". */
bool notes_of_plan(const char *notes_path, const char *plan_path);

/* The model of a loaded, schema-checked notes document, in a. */
notes *notes_build(arena *a, const source *src, const node *root);

/* Checks the notes against their plan and their file's name, each problem
 * at its place. Returns the number of errors. */
size_t notes_check(const notes *n, const plan *p, const char *path,
                   diag_sink *d);

/* Reads, loads, schema-checks, builds and checks the notes file at path
 * against p. Returns NULL (the sink says why) when the file cannot be
 * read or has errors; else notes to free with notes_free. */
notes *notes_load(const char *path, const catalog *cat, const plan *p,
                  diag_sink *d);
void notes_free(notes *n); /* NULL-safe */

#endif
