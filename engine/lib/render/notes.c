/* notes.c - a report's notes: names, model and checks (see notes.h).
 *
 * The schema has said what shape every value has; the checks here are
 * those it cannot say: that the notes are for the plan beside them and
 * for the period their file's name says, a period the plan runs in. */
#include "notes.h"

#include "fileio.h"
#include "period.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NOTES_MARK ".notes-"

const char *const notes_part_names[] = {
    "assessment.achievements",
    "assessment.shortcomings",
    "assessment.causes",
    "difficulties",
    "proposals",
    "next_tasks",
    NULL,
};

int notes_part_find(const char *name)
{
    for (int i = 0; notes_part_names[i]; i++)
        if (strcmp(notes_part_names[i], name) == 0)
            return i;
    return -1;
}

/* The length of ".yaml" or ".yml" ending s, or 0. */
static size_t yaml_suffix(const char *s)
{
    size_t n = strlen(s);
    if (n >= 5 && strcmp(s + n - 5, ".yaml") == 0)
        return 5;
    if (n >= 4 && strcmp(s + n - 4, ".yml") == 0)
        return 4;
    return 0;
}

/* Where ".notes-" starts in a notes file's name, or NULL. */
static const char *notes_mark(const char *path)
{
    const char *base = fileio_basename(path);
    size_t cut = yaml_suffix(base);
    if (!cut)
        return NULL;
    const char *mark = NULL;
    for (const char *s = strstr(base, NOTES_MARK); s;
         s = strstr(s + 1, NOTES_MARK))
        mark = s;
    if (!mark || mark == base)
        return NULL;
    const char *id = mark + strlen(NOTES_MARK);
    size_t idlen = strlen(id) - cut;
    return idlen > 0 && !memchr(id, '.', idlen) ? mark : NULL;
}

bool notes_is_path(const char *path)
{
    return notes_mark(path) != NULL;
}

/* The period id a notes file's name holds; caller frees. */
static char *period_in_name(const char *path)
{
    const char *mark = notes_mark(path);
    if (!mark) /* not a notes file's name: no period in it */
        return xstrdup("");
    const char *id = mark + strlen(NOTES_MARK);
    return xstrndup(id, strlen(id) - yaml_suffix(id));
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* stem (its first n bytes), then the rest; malloc'ed. */
static char *join(const char *stem, size_t n, const char *a, const char *b)
{
    char *out = xmalloc(n + strlen(a) + strlen(b) + 1);
    memcpy(out, stem, n);
    strcpy(out + n, a);
    strcat(out, b);
    return out;
}

char *notes_path(const char *plan_path, const char *period_key)
{
    period named;
    if (!period_parse(period_key, &named))
        return NULL;
    size_t n = strlen(plan_path) - yaml_suffix(plan_path);
    char *key = join(NOTES_MARK, strlen(NOTES_MARK), period_key, "");
    char *yml = join(plan_path, n, key, ".yml");
    if (!exists(yml)) {
        free(yml);
        yml = join(plan_path, n, key, ".yaml");
    }
    free(key);
    return yml;
}

char *notes_plan_path(const char *path)
{
    size_t n = (size_t)(notes_mark(path) - path);
    char *yml = join(path, n, ".yml", "");
    if (exists(yml))
        return yml;
    free(yml);
    return join(path, n, ".yaml", "");
}

bool notes_of_plan(const char *path, const char *plan_path)
{
    const char *mark = notes_mark(path);
    if (!mark)
        return false;
    const char *base = fileio_basename(path);
    const char *plan_base = fileio_basename(plan_path);
    size_t n = (size_t)(mark - base);
    return n == strlen(plan_base) - yaml_suffix(plan_base) &&
           memcmp(base, plan_base, n) == 0;
}

/* --- the model -------------------------------------------------------- */

static void read_list(arena *a, const node *list, notes_list *out)
{
    out->count = 0;
    if (!list || list->kind != NODE_ARRAY)
        return;
    out->items = arena_alloc(a, (list->u.array.count + 1) * sizeof *out->items);
    for (size_t i = 0; i < list->u.array.count; i++) {
        const node *item = list->u.array.items[i];
        notes_paragraph *p = &out->items[out->count];
        p->at = item;
        p->to = NULL;
        p->text = node_str(item);
        if (!p->text && item->kind == NODE_OBJECT) {
            p->text = node_str(node_get(item, "text"));
            p->to = node_str(node_get(item, "to"));
        }
        if (p->text)
            out->count++;
    }
}

notes *notes_build(arena *a, const source *src, const node *root)
{
    notes *n = arena_alloc(a, sizeof *n);
    memset(n, 0, sizeof *n);
    n->src = src;
    n->plan = plan_text_of(root, "plan");
    n->period = plan_text_of(root, "period");
    for (int i = 0; i < NOTES_NPARTS; i++) {
        const char *key = notes_part_names[i];
        const char *dot = strchr(key, '.');
        const node *at = root;
        if (dot) {
            char *outer = arena_strndup(a, key, (size_t)(dot - key));
            at = node_get(root, outer);
            key = dot + 1;
        }
        read_list(a, node_get(at, key), &n->parts[i]);
    }
    return n;
}

/* --- the checks ------------------------------------------------------- */

static size_t check_period(const notes *n, const plan *p, const char *path,
                           diag_sink *d)
{
    char *named = period_in_name(path);
    period in_name;
    size_t errors = 0;
    if (!period_parse(named, &in_name)) {
        diag_file(d, DIAG_ERROR, path,
                  "'%s' in the file's name is not a period; name a notes "
                  "file PLAN.notes-PERIOD.yaml with PERIOD as --period names "
                  "it: 2026, 2026-H1, 2026-Q3 or 2026-03",
                  named);
        errors++;
    } else if (n->period.s && strcmp(n->period.s, named) != 0) {
        diag_at_node(d, DIAG_ERROR, n->period.at,
                     "these notes say period '%s', but the file's name says "
                     "'%s': write period: \"%s\", or rename the file",
                     n->period.s, named, named);
        errors++;
    } else if (p->year_from &&
               (in_name.year < p->year_from || in_name.year > p->year_to)) {
        const node *at = n->period.at;
        char years[32];
        if (p->year_from == p->year_to)
            snprintf(years, sizeof years, "%d", p->year_from);
        else
            snprintf(years, sizeof years, "%d-%d", p->year_from, p->year_to);
        if (at)
            diag_at_node(d, DIAG_ERROR, at,
                         "period '%s' is outside the plan's years (%s)", named,
                         years);
        else
            diag_file(d, DIAG_ERROR, path,
                      "period '%s' is outside the plan's years (%s)", named,
                      years);
        errors++;
    }
    free(named);
    return errors;
}

size_t notes_check(const notes *n, const plan *p, const char *path,
                   diag_sink *d)
{
    size_t errors = 0;
    if (n->plan.s && p->id.s && strcmp(n->plan.s, p->id.s) != 0) {
        diag_at_node(d, DIAG_ERROR, n->plan.at,
                     "these notes name plan '%s', but the plan beside them is "
                     "'%s'",
                     n->plan.s, p->id.s);
        errors++;
    }
    return errors + check_period(n, p, path, d);
}

notes *notes_load(const char *path, const catalog *cat, const plan *p,
                  diag_sink *d)
{
    size_t before = diag_errors(d);
    docload_spec spec = {"file", &yamlload_default_limits, cat,
                         "notes.schema.json"};
    docload_doc *doc;
    docload_file(path, &spec, d, &doc);
    if (!doc || !doc->root || diag_errors(d) != before) {
        docload_free(doc);
        return NULL;
    }
    notes *n = notes_build(doc->a, doc->src, doc->root);
    n->doc = doc;
    if (notes_check(n, p, path, d)) {
        docload_free(doc);
        return NULL;
    }
    return n;
}

void notes_free(notes *n)
{
    if (n)
        docload_free(n->doc); /* n lives in its arena */
}
