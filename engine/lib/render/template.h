/* template.h - report templates: what sheets a report has and what each
 * shows.
 *
 * A template is a YAML file (schemas/template.schema.json) naming its
 * sheets in order. Each sheet has a kind (summary: a row per plan;
 * activities; records: the progress records; deadlines; provenance;
 * leads: a row per activity and lead unit), is
 * made once or once per plan, and shows columns of fields (report_field.h)
 * with their header text, width, wrapping, alignment and number format.
 * A sheet may open with the official header of Decree 30/2020/NĐ-CP or
 * with title lines, give a summary with a chart, group activities under
 * the plan's sections, follow the table with closing parts (the targets
 * table, the office's notes for the period: notes.h) under their
 * headings, and end with the plan's signature block. Title
 * lines and names may hold "{field}" placeholders.
 *
 * The built-in templates are the files of templates/, compiled into the
 * engine; any other is read from a file. Loading checks the template as
 * `kehoach validate` does: schema first, then the meaning checks here
 * (fields that a sheet's rows do not have, options that need a per-plan
 * sheet), each at its position. */
#ifndef KEHOACH_TEMPLATE_H
#define KEHOACH_TEMPLATE_H

#include "arena.h"
#include "diag.h"
#include "node.h"
#include "report_field.h"
#include "source.h"
#include "xlsx.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum sheet_kind {
    SHEET_SUMMARY,
    SHEET_ACTIVITIES,
    SHEET_RECORDS,
    SHEET_DEADLINES,
    SHEET_PROVENANCE,
    SHEET_LEADS, /* a row per activity and lead unit */
} sheet_kind;

typedef enum sheet_header {
    HEADER_NONE,
    HEADER_TITLE,
    HEADER_OFFICIAL,
} sheet_header;

typedef struct template_column {
    const char *header;
    const report_field *field;
    double width;
    bool wrap;
    const char *format; /* NULL: the field type's default */
    xlsx_align align;
} template_column;

/* A part printed after the activity table: a heading and what is shown
 * under it, the targets table or a part of the plan's notes (notes.h). */
typedef struct template_part {
    const char *heading;
    int level;      /* 1: bold; 2: bold italic */
    bool targets;   /* the targets table */
    int notes_part; /* a notes_part, or -1 */
} template_part;

/* The parts after the activity table and the words they use. */
typedef struct template_closing {
    template_part *parts;
    size_t nparts;
    const char *blank;           /* a notes part not written */
    const char *proposal_to;     /* "Đối với" before a proposal's body */
    const char **targets_header; /* TEMPLATE_TARGET_COLUMNS headers */
    const char *no_targets;      /* said when a plan sets none */
    bool notes;                  /* some part shows notes */
} template_closing;

#define TEMPLATE_TARGET_COLUMNS 7

typedef struct template_sheet {
    sheet_kind kind;
    const char *name;
    bool per_plan;
    size_t min_plans;
    sheet_header header;
    const char *number; /* the "Số:" line of an official header */
    const char **title;
    size_t ntitle;
    bool summary, chart, group_sections, signature;
    bool freeze, filter;
    template_column *columns;
    size_t ncolumns;
    const char *results_heading; /* before the summary, or NULL */
    template_closing closing;    /* nparts 0: none */
} template_sheet;

typedef struct template_page {
    int paper; /* Excel's paper code */
    bool landscape, fit_width;
    double margin_mm[4]; /* top, bottom, left, right */
    int page_numbers;    /* 0 none, 1 top, 2 bottom */
} template_page;

typedef struct template
{
    const char *name, *title;
    const char *path; /* the file, or "NAME (built in)" */
    const char *font;
    double font_size;
    template_page page;
    template_sheet *sheets;
    size_t nsheets;
    const source *src; /* the bytes it was read from */
    bool builtin;
    /* owned by template_load()'s result */
    arena *owned_arena;
    source *owned_src;
}
template;

/* Builds and checks a template from its loaded, schema-checked document.
 * Returns NULL (after reporting) when it has errors. */
template *template_build(arena *a, const source *src, const node *root,
                         diag_sink *d);

/* Loads a template: a built-in one by name ("ministry", "audit"), or a
 * file when name_or_path names one (it has a "/" or ends in .yaml/.yml).
 * Reports every problem to d and returns NULL when there is any. The
 * template lives until template_free. */
template *template_load(const char *name_or_path, diag_sink *d);
void template_free(template *t); /* NULL-safe */

/* The names of the built-in templates, NULL-terminated. */
extern const char *const template_builtin_names[];

/* Whether name is a built-in template's; when it is not, *near (if not
 * NULL) is the built-in name it may have meant, or NULL. */
bool template_builtin(const char *name, const char **near);

/* Whether --template's value names a file (it has a "/" or ends in .yaml
 * or .yml) rather than a built-in template. */
bool template_names_file(const char *name_or_path);

/* A file name a template has: NAME.template.yaml (or .yml). */
bool template_is_path(const char *path);

#endif
