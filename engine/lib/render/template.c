/* template.c - building, checking and loading report templates (see
 * template.h).
 *
 * The schema has already said what shape every value has; the builder
 * reads what is there with the defaults the schema documents, and the
 * checks here are those a schema cannot express: which fields the rows of
 * a sheet have, which options need a sheet made per plan. */
#include "template.h"

#include "catalog.h"
#include "docload.h"
#include "embedded.h"
#include "i18n.h"
#include "notes.h"
#include "vntext.h"
#include "xalloc.h"
#include "yamlload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_FONT "Times New Roman"
#define DEFAULT_FONT_SIZE 12
#define DEFAULT_WIDTH 15
#define DEFAULT_NUMBER "Số: {report.number}/BC-{plan.symbol}"

const char *const template_builtin_names[] = {"ministry", "audit", NULL};

static const char *const kind_names[] = {
    "summary",    "activities", "records", "deadlines",
    "provenance", "leads",      NULL,
};

bool template_is_path(const char *path)
{
    static const char *const suffixes[] = {".template.yaml", ".template.yml",
                                           NULL};
    size_t n = strlen(path);
    for (size_t i = 0; suffixes[i]; i++) {
        size_t m = strlen(suffixes[i]);
        if (n >= m && strcmp(path + n - m, suffixes[i]) == 0)
            return true;
    }
    return false;
}

static int choice(const node *n, const char *const *names, int fallback)
{
    const char *s = node_str(n);
    for (int i = 0; s && names[i]; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return fallback;
}

/* Which rows have the fields of a scope. */
static bool scope_allowed(field_scope scope, sheet_kind kind)
{
    switch (scope) {
    case FIELD_RUN:
        return true;
    case FIELD_PLAN:
        return kind != SHEET_PROVENANCE;
    case FIELD_ACTIVITY:
        return kind == SHEET_ACTIVITIES || kind == SHEET_RECORDS ||
               kind == SHEET_DEADLINES || kind == SHEET_LEADS;
    case FIELD_RECORD:
        return kind == SHEET_RECORDS;
    case FIELD_LEAD:
        return kind == SHEET_LEADS;
    default:
        return kind == SHEET_DEADLINES;
    }
}

static const char *scope_rule(field_scope scope)
{
    switch (scope) {
    case FIELD_PLAN:
        return _("plan fields are shown on sheets with plans (not "
                 "provenance)");
    case FIELD_ACTIVITY:
        return _("activity and section fields are shown on activities, "
                 "records, deadlines and leads sheets");
    case FIELD_RECORD:
        return _("record fields are shown on records sheets");
    case FIELD_LEAD:
        return _("lead fields are shown on leads sheets");
    default:
        return _("deadline fields are shown on deadlines sheets");
    }
}

/* Points at the placeholder inside a string node when it is written
 * there as is (searching on from *from, past earlier placeholders, and not
 * inside a "{{" escape), else at the whole node. message: in the reader's
 * language already. */
static diag *at_placeholder(diag_sink *d, const node *n,
                            const char *placeholder, size_t *from,
                            const char *message)
{
    const source *src = n->src;
    if (src && n->span) {
        const char *start = src->text + n->pos.offset;
        size_t plen = strlen(placeholder);
        for (size_t i = *from; i + plen <= n->span; i++)
            if (memcmp(start + i, placeholder, plen) == 0 &&
                (i == 0 || start[i - 1] != '{')) {
                *from = i + plen;
                srcpos pos = source_pos_of(src, n->pos.offset + i);
                return diag_at(d, DIAG_ERROR, src, pos, plen, "%s", message);
            }
    }
    return diag_at_node(d, DIAG_ERROR, n, "%s", message);
}

static void field_names(const char ***names, size_t *n)
{
    const report_field *all = report_field_all(n);
    *names = xmalloc(*n * sizeof **names);
    for (size_t i = 0; i < *n; i++)
        (*names)[i] = all[i].name;
}

/* Checks the "{field}" placeholders of a text at node n. plan_fields: the
 * sheet has a plan (made per plan). */
static size_t check_placeholders(const node *n, bool plan_fields, diag_sink *d,
                                 arena *a)
{
    const char *s = node_str(n);
    size_t errors = 0, from = 0;
    while (s && *s) {
        if ((s[0] == '{' && s[1] == '{') || (s[0] == '}' && s[1] == '}')) {
            s += 2;
            continue;
        }
        if (*s != '{') {
            s++;
            continue;
        }
        const char *end = strchr(s, '}');
        const char *next = strchr(s + 1, '{');
        if (!end || (next && next < end)) {
            const char *stop =
                next && (!end || next < end) ? next : s + strlen(s);
            at_placeholder(
                d, n, arena_strndup(a, s, (size_t)(stop - s)), &from,
                _("'{' opens a field that is never closed; write '{{' for a "
                  "brace"));
            errors++;
            s = stop;
            continue;
        }
        char *name = arena_strndup(a, s + 1, (size_t)(end - s - 1));
        char *written = arena_strndup(a, s, (size_t)(end - s + 1));
        const report_field *f = report_field_find(name);
        if (!f) {
            const char **names;
            size_t count;
            field_names(&names, &count);
            long hint = vntext_suggest(name, names, count);
            if (hint >= 0)
                at_placeholder(d, n, written, &from,
                               arena_printf(a,
                                            _("unknown field '%s'; did you "
                                              "mean '%s'?"),
                                            name, names[hint]));
            else
                at_placeholder(d, n, written, &from,
                               arena_printf(a,
                                            _("unknown field '%s'; the fields "
                                              "are listed in docs/reports.md "
                                              "(Fields)"),
                                            name));
            free(names);
            errors++;
        } else if (f->scope != FIELD_RUN &&
                   !(f->scope == FIELD_PLAN && plan_fields)) {
            const char *message =
                plan_fields
                    ? arena_printf(a,
                                   _("field '%s' has no value here: titles "
                                     "and names show period, report and plan "
                                     "fields"),
                                   name)
                    : arena_printf(a,
                                   _("field '%s' has no value here: titles "
                                     "and names of a sheet made once show "
                                     "only period and report fields (plan "
                                     "fields need \"per: plan\")"),
                                   name);
            at_placeholder(d, n, written, &from, message);
            errors++;
        }
        s = end + 1;
    }
    return errors;
}

static const char *str_or(const node *obj, const char *key,
                          const char *fallback)
{
    const char *s = node_str(node_get(obj, key));
    return s ? s : fallback;
}

static size_t build_columns(arena *a, template_sheet *sh, const node *list,
                            diag_sink *d)
{
    size_t errors = 0;
    sh->ncolumns = list->u.array.count;
    sh->columns = arena_alloc(a, sh->ncolumns * sizeof *sh->columns + 1);
    static const char *const aligns[] = {"general", "left", "center", "right",
                                         NULL};
    for (size_t i = 0; i < sh->ncolumns; i++) {
        const node *c = list->u.array.items[i];
        template_column *col = &sh->columns[i];
        col->header = str_or(c, "header", "");
        const node *field = node_get(c, "field");
        col->field = report_field_find(node_str(field) ? node_str(field) : "");
        col->width = node_number_of(c, "width", DEFAULT_WIDTH);
        col->wrap = node_bool_of(c, "wrap", false);
        col->format = node_str(node_get(c, "format"));
        col->align = (xlsx_align)choice(node_get(c, "align"), aligns,
                                        XLSX_ALIGN_GENERAL);
        if (col->field && !scope_allowed(col->field->scope, sh->kind)) {
            diag *dg;
            if (sh->kind == SHEET_ACTIVITIES)
                dg = diag_at_node(d, DIAG_ERROR, field,
                                  /* TRANSLATORS: the second %s is the
                                     sheet's kind as the template writes it
                                     ("activities", "summary", ...). */
                                  "field '%s' has no value on an %s sheet",
                                  col->field->name, kind_names[sh->kind]);
            else
                dg = diag_at_node(d, DIAG_ERROR, field,
                                  "field '%s' has no value on a %s sheet",
                                  col->field->name, kind_names[sh->kind]);
            diag_note(d, dg, NULL, (srcpos){0, 0}, 0, "%s",
                      scope_rule(col->field->scope));
            errors++;
        }
    }
    return errors;
}

/* The parts after the table, and the words they need. */
static size_t build_closing(arena *a, template_sheet *sh, const node *n,
                            diag_sink *d)
{
    template_closing *c = &sh->closing;
    const node *parts = node_get(n, "parts");
    if (!parts || parts->kind != NODE_ARRAY)
        return 0;
    size_t errors = 0;
    c->parts = arena_alloc(a, (parts->u.array.count + 1) * sizeof *c->parts);
    c->blank = node_str(node_get(n, "blank"));
    c->proposal_to = node_str(node_get(n, "proposal_to"));
    c->no_targets = node_str(node_get(n, "no_targets"));
    const node *header = node_get(n, "targets_header");
    if (header && header->kind == NODE_ARRAY &&
        header->u.array.count == TEMPLATE_TARGET_COLUMNS) {
        c->targets_header =
            arena_alloc(a, TEMPLATE_TARGET_COLUMNS * sizeof *c->targets_header);
        for (size_t i = 0; i < TEMPLATE_TARGET_COLUMNS; i++)
            c->targets_header[i] = node_str(header->u.array.items[i]);
    }
    for (size_t i = 0; i < parts->u.array.count; i++) {
        const node *p = parts->u.array.items[i];
        if (p->kind != NODE_OBJECT)
            continue;
        template_part *part = &c->parts[c->nparts++];
        part->heading = str_or(p, "heading", "");
        part->level = (int)node_number_of(p, "level", 1);
        const node *show = node_get(p, "show");
        const char *what = node_str(show);
        part->targets = what && strcmp(what, "targets") == 0;
        part->notes_part = what ? notes_part_find(what) : -1;
        const char *needs = NULL;
        if (part->targets && !c->targets_header)
            needs = "targets_header";
        else if (part->targets && !c->no_targets)
            needs = "no_targets";
        else if (part->notes_part >= 0 && !c->blank)
            needs = "blank";
        else if (part->notes_part == NOTES_PROPOSALS && !c->proposal_to)
            needs = "proposal_to";
        if (needs) {
            diag_at_node(d, DIAG_ERROR, show,
                         "'show: %s' needs \"%s\" in \"closing\"", what, needs);
            errors++;
        }
        if (part->targets && sh->ncolumns < TEMPLATE_TARGET_COLUMNS) {
            diag_at_node(d, DIAG_ERROR, show,
                         "the targets table needs a sheet of at least %d "
                         "columns",
                         TEMPLATE_TARGET_COLUMNS);
            errors++;
        }
        c->notes = c->notes || part->notes_part >= 0;
    }
    return errors;
}

/* The options that only a per-plan activities sheet has. */
static size_t check_options(const template_sheet *sh, const node *n,
                            diag_sink *d)
{
    size_t errors = 0;
    struct {
        const char *key;
        bool set, needs_activities;
    } options[] = {
        {"summary", sh->summary, true},
        {"chart", sh->chart, true},
        {"group", sh->group_sections, true},
        {"header", sh->header == HEADER_OFFICIAL, false},
        {"footer", sh->signature, false},
        {"closing", sh->closing.nparts > 0, true},
        {"results_heading", sh->results_heading != NULL, true},
    };
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
        if (!options[i].set)
            continue;
        const node_member *m = node_member_get(n, options[i].key);
        if (options[i].needs_activities && sh->kind != SHEET_ACTIVITIES) {
            diag_at_node(d, DIAG_ERROR, m->value,
                         "'%s' is only for activities sheets", options[i].key);
            errors++;
        } else if (!sh->per_plan && m->value->kind == NODE_OBJECT) {
            /* a mapping ("closing") is named, and shown, by its key */
            diag_at(d, DIAG_ERROR, n->src, m->key_pos, m->key_span,
                    "'%s' needs a sheet made per plan: add \"per: plan\"",
                    options[i].key);
            errors++;
        } else if (!sh->per_plan) {
            diag_at_node(d, DIAG_ERROR, m->value,
                         "'%s: %s' needs a sheet made per plan: add "
                         "\"per: plan\"",
                         options[i].key,
                         node_str(m->value) ? node_str(m->value) : "true");
            errors++;
        }
    }
    if (sh->chart && !sh->summary) {
        diag_at_node(
            d, DIAG_ERROR, node_get(n, "chart"),
            "'chart' is drawn beside the summary: add \"summary: true\"");
        errors++;
    }
    return errors;
}

static size_t build_sheet(arena *a, template_sheet *sh, const node *n,
                          diag_sink *d)
{
    size_t errors = 0;
    static const char *const pers[] = {"all", "plan", NULL};
    static const char *const headers[] = {"none", "title", "official", NULL};
    static const char *const groups[] = {"none", "section", NULL};
    static const char *const footers[] = {"none", "signature", NULL};
    sh->kind =
        (sheet_kind)choice(node_get(n, "kind"), kind_names, SHEET_ACTIVITIES);
    sh->name = str_or(n, "name", kind_names[sh->kind]);
    sh->per_plan = choice(node_get(n, "per"), pers, 0) == 1;
    sh->min_plans = (size_t)node_number_of(n, "min_plans", 1);
    sh->header =
        (sheet_header)choice(node_get(n, "header"), headers, HEADER_NONE);
    sh->number = str_or(n, "number", DEFAULT_NUMBER);
    sh->summary = node_bool_of(n, "summary", false);
    sh->chart = node_bool_of(n, "chart", false);
    sh->group_sections = choice(node_get(n, "group"), groups, 0) == 1;
    sh->signature = choice(node_get(n, "footer"), footers, 0) == 1;
    sh->freeze = node_bool_of(n, "freeze", sh->header == HEADER_NONE);
    sh->filter = node_bool_of(n, "filter", sh->header == HEADER_NONE);
    sh->results_heading = node_str(node_get(n, "results_heading"));

    const node *per = node_get(n, "per");
    if (sh->per_plan &&
        (sh->kind == SHEET_SUMMARY || sh->kind == SHEET_PROVENANCE)) {
        diag_at_node(d, DIAG_ERROR, per,
                     "a %s sheet covers every plan; it cannot be made "
                     "per plan",
                     kind_names[sh->kind]);
        errors++;
    }

    const node *name = node_get(n, "name");
    if (name)
        errors += check_placeholders(name, sh->per_plan, d, a);
    const node *number_node = node_get(n, "number");
    if (number_node)
        errors += check_placeholders(number_node, sh->per_plan, d, a);
    const node *title = node_get(n, "title");
    if (title && title->kind == NODE_ARRAY) {
        sh->title =
            arena_alloc(a, title->u.array.count * sizeof *sh->title + 1);
        for (size_t i = 0; i < title->u.array.count; i++) {
            const char *line = node_str(title->u.array.items[i]);
            if (!line)
                continue;
            sh->title[sh->ntitle++] = line;
            errors +=
                check_placeholders(title->u.array.items[i], sh->per_plan, d, a);
        }
    }
    if (sh->header != HEADER_NONE && sh->ntitle == 0) {
        diag_at_node(d, DIAG_ERROR, node_get(n, "header"),
                     "a header needs its title lines: "
                     "add \"title:\" with at least one line");
        errors++;
    }

    const node *columns = node_get(n, "columns");
    if (sh->kind == SHEET_PROVENANCE) {
        if (columns) {
            const node_member *m = node_member_get(n, "columns");
            diag_at(d, DIAG_ERROR, n->src, m->key_pos, m->key_span,
                    "a provenance sheet has "
                    "fixed columns; remove \"columns\"");
            errors++;
        }
    } else if (!columns || columns->kind != NODE_ARRAY) {
        if (!columns) {
            if (sh->kind == SHEET_ACTIVITIES)
                /* TRANSLATORS: %s is the sheet's kind as the template
                   writes it ("activities", "records", ...). */
                diag_at_node(d, DIAG_ERROR, n, "an %s sheet needs \"columns\"",
                             kind_names[sh->kind]);
            else
                diag_at_node(d, DIAG_ERROR, n, "a %s sheet needs \"columns\"",
                             kind_names[sh->kind]);
            errors++;
        }
    } else {
        errors += build_columns(a, sh, columns, d);
        errors += build_closing(a, sh, node_get(n, "closing"), d);
        if (sh->summary && sh->ncolumns < 3) {
            diag_at_node(
                d, DIAG_ERROR, node_get(n, "summary"),
                "the summary needs a table "
                "of at least 3 columns (a label over two, its count in the third)");
            errors++;
        }
        if ((sh->header == HEADER_OFFICIAL || sh->signature) &&
            sh->ncolumns < 2) {
            diag_at_node(
                d, DIAG_ERROR, columns,
                "an official header or a signature block "
                "needs a table of at least 2 columns (its left and right parts)");
            errors++;
        }
    }
    errors += check_options(sh, n, d);
    return errors;
}

template *template_build(arena *a, const source *src, const node *root,
                         diag_sink *d)
{
    size_t before = diag_errors(d);
    template *t = arena_alloc(a, sizeof *t);
    t->src = src;
    t->path = src ? src->path : NULL;
    t->name = str_or(root, "template", "");
    t->title = node_str(node_get(root, "title"));
    const node *font = node_get(root, "font");
    t->font = str_or(font, "name", DEFAULT_FONT);
    t->font_size = node_number_of(font, "size", DEFAULT_FONT_SIZE);

    const node *page = node_get(root, "page");
    static const char *const papers[] = {"A4", "A3", "Letter", NULL};
    static const int paper_codes[] = {9, 8, 1};
    static const char *const orientations[] = {"landscape", "portrait", NULL};
    static const char *const numbers[] = {"none", "top", "bottom", NULL};
    t->page.paper = paper_codes[choice(node_get(page, "paper"), papers, 0)];
    t->page.landscape =
        choice(node_get(page, "orientation"), orientations, 0) == 0;
    t->page.fit_width = node_bool_of(page, "fit_width", true);
    t->page.page_numbers = choice(node_get(page, "page_numbers"), numbers, 1);
    const node *margins = node_get(page, "margins");
    static const char *const sides[] = {"top", "bottom", "left", "right"};
    static const double decree_mm[] = {20, 20, 30, 15}; /* Decree 30/2020 */
    for (int i = 0; i < 4; i++)
        t->page.margin_mm[i] = node_number_of(margins, sides[i], decree_mm[i]);

    const node *sheets = node_get(root, "sheets");
    if (sheets && sheets->kind == NODE_ARRAY) {
        t->sheets =
            arena_alloc(a, sheets->u.array.count * sizeof *t->sheets + 1);
        const node *first_per_plan = NULL;
        for (size_t i = 0; i < sheets->u.array.count; i++) {
            const node *n = sheets->u.array.items[i];
            if (n->kind != NODE_OBJECT)
                continue;
            template_sheet *sh = &t->sheets[t->nsheets++];
            build_sheet(a, sh, n, d);
            /* the report is written as the plans are read: the sheets made
             * once are started first, so they must come first */
            if (sh->per_plan && !first_per_plan)
                first_per_plan = n;
            else if (!sh->per_plan && first_per_plan) {
                const node *kind = node_get(n, "kind");
                diag *dg =
                    diag_at_node(d, DIAG_ERROR, kind ? kind : n,
                                 "a sheet made once "
                                 "must come before the sheets made per plan");
                diag_note(d, dg, first_per_plan->src, first_per_plan->pos, 1,
                          "the first sheet made per plan is here");
            }
        }
    }
    return diag_errors(d) == before ? t : NULL;
}

/* --- loading ---------------------------------------------------------- */

bool template_builtin(const char *name, const char **near)
{
    size_t n = 0;
    for (; template_builtin_names[n]; n++)
        if (strcmp(template_builtin_names[n], name) == 0)
            return true;
    if (near) {
        long hint = vntext_suggest(name, template_builtin_names, n);
        *near = hint >= 0 ? template_builtin_names[hint] : NULL;
    }
    return false;
}

bool template_names_file(const char *s)
{
    size_t n = strlen(s);
    return strchr(s, '/') || (n > 5 && strcmp(s + n - 5, ".yaml") == 0) ||
           (n > 4 && strcmp(s + n - 4, ".yml") == 0);
}

/* Loads the template: a file, or a built-in one (from memory). NULL when
 * there is none by that name, or it cannot be read. */
static docload_doc *load_template(const char *name_or_path, const catalog *cat,
                                  bool *builtin, diag_sink *d)
{
    docload_spec spec = {"template", &yamlload_default_limits, cat,
                         "template.schema.json"};
    docload_doc *doc;
    if (template_names_file(name_or_path)) {
        *builtin = false;
        docload_file(name_or_path, &spec, d, &doc);
        return doc;
    }
    char file[128];
    snprintf(file, sizeof file, "%s.template.yaml", name_or_path);
    const char *near = NULL;
    const embedded_file *e =
        template_builtin(name_or_path, &near) ? embedded_find(file) : NULL;
    if (!e) {
        diag *dg =
            near ? diag_file(d, DIAG_ERROR, NULL,
                             "no built-in template '%s'; did you mean '%s'?",
                             name_or_path, near)
                 : diag_file(d, DIAG_ERROR, NULL, "no built-in template '%s'",
                             name_or_path);
        /* a named place, not a compound literal: its comma would hide the
         * message from xgettext, which counts arguments by commas */
        const srcpos nowhere = {0, 0};
        diag_note(d, dg, NULL, nowhere, 0,
                  "built-in templates: ministry (the progress report to the "
                  "Ministry), audit (the audit export); or name a template "
                  "file (NAME.template.yaml)");
        return NULL;
    }
    *builtin = true;
    char *path = xmalloc(strlen(file) + 16);
    sprintf(path, "templates/%s", file);
    source *src = source_new(path, xstrndup(e->data, e->len), e->len);
    free(path);
    docload_source(src, &spec, d, &doc);
    return doc;
}

template *template_load(const char *name_or_path, diag_sink *d)
{
    size_t before = diag_errors(d);
    diag_set_stage(d, "schema");
    catalog *cat = catalog_load(d);
    if (!cat)
        return NULL;
    bool builtin = false;
    docload_doc *doc = load_template(name_or_path, cat, &builtin, d);
    catalog_free(cat);
    template *t = NULL;
    if (doc && doc->root && diag_errors(d) == before)
        t = template_build(doc->a, doc->src, doc->root, d);
    if (!t) {
        docload_free(doc);
        return NULL;
    }
    t->builtin = builtin;
    t->owned_arena = doc->a;
    t->owned_src = doc->src;
    free(doc); /* its arena and source are the template's now */
    return t;
}

void template_free(template *t)
{
    if (!t)
        return;
    source *src = t->owned_src;
    arena_free(t->owned_arena); /* t lives in it */
    source_free(src);
}
