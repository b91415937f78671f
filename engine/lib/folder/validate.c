/* validate.c - the validation pipeline (see validate.h).
 *
 * A plan's document (its source, nodes and model, in one arena) is freed
 * as soon as the plan is checked: the checks across plans keep only ids
 * and links (meaning_index), so memory does not grow with the number of
 * plans. A folder's unit registry stays loaded for the folder's plans.
 * A progress log is read with its plan, record by record (logread.h): the
 * visitor gets each record as it is checked, and only the log's header
 * stays, freed with the plan. A plan's notes files
 * (notes.h) are found by listing its folder once (the names are kept for
 * the folder's other plans) and are checked with it, against it. */
#include "validate.h"

#include "arena.h"
#include "catalog.h"
#include "docload.h"
#include "meaning.h"
#include "notes.h"
#include "fileio.h"
#include "logread.h"
#include "plan.h"
#include "progress.h"
#include "schedule.h"
#include "strmap.h"
#include "template.h"
#include "orgunits.h"
#include "xalloc.h"
#include "yamlload.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A folder's unit registry: its document and the lookup built from it. */
typedef struct registry {
    const char *dir;
    docload_doc *doc; /* NULL when the folder has none, or it is broken */
    orgunits *units;  /* NULL likewise */
} registry;

typedef struct run {
    diag_sink *d;
    const validate_visitor *visit; /* never NULL */
    catalog *cat;
    meaning_index *index;
    validate_result *out;
    size_t files_cap;      /* room in out->files */
    arena *a;              /* the maps' storage */
    strmap folders;        /* folder -> registry, for every folder seen */
    registry **registries; /* documents kept to the end of the run */
    size_t nregistries, registries_cap;
    strmap notes_folders; /* folder -> fileio_list of its notes files */
    fileio_list **notes_lists;
    size_t nnotes_lists, notes_lists_cap;
} run;

const char *const validate_suffixes[] = {".yaml", ".yml", NULL};
static const char *const registry_names[] = {"units.yaml", "units.yml", NULL};

bool validate_is_registry_path(const char *path)
{
    const char *base = fileio_basename(path);
    for (size_t i = 0; registry_names[i]; i++)
        if (strcmp(base, registry_names[i]) == 0)
            return true;
    return false;
}

static validate_file *add_file(run *r, const char *path, validate_kind kind)
{
    validate_result *out = r->out;
    validate_file *f;
    if (out->list_files) {
        ARRAY_ROOM(out->files, out->nfiles, r->files_cap, 16);
        f = &out->files[out->nfiles];
    } else {
        if (!out->files)
            out->files = xcalloc(1, sizeof *out->files);
        f = out->files;
        free(f->id);
    }
    out->nfiles++;
    memset(f, 0, sizeof *f);
    f->path = fileio_path_kept(path);
    f->kind = kind;
    diag_register_file(r->d, path);
    return f;
}

/* Reads, loads and schema-checks one file. Returns the document, or NULL
 * when the file could not be read; doc->root is NULL when it could not be
 * loaded as YAML. */
static docload_doc *load(run *r, const char *path, const char *schema_file,
                         const yamlload_limits *limits, validate_file *f)
{
    docload_spec spec = {"file", limits, r->cat, schema_file};
    docload_doc *doc;
    docload_status st = docload_file(path, &spec, r->d, &doc);
    if (st == DOCLOAD_UNREADABLE)
        r->out->unreadable++;
    else if (st == DOCLOAD_BROKEN)
        r->out->internal_error = true;
    f->loaded = st == DOCLOAD_OK;
    return doc;
}

static char *join_path(const char *dir, const char *name)
{
    char *path = xmalloc(strlen(dir) + strlen(name) + 2);
    strcpy(path, dir);
    strcat(path, "/");
    strcat(path, name);
    return path;
}

/* Loads and checks a folder's units.yaml into reg. */
static void load_registry(run *r, const char *path, registry *reg)
{
    validate_file *f = add_file(r, path, VALIDATE_UNITS);
    docload_doc *doc =
        load(r, path, "units.schema.json", &yamlload_default_limits, f);
    if (!doc || !doc->root) {
        docload_free(doc);
        return;
    }
    size_t n;
    plan_unit *list = plan_read_units(doc->a, node_get(doc->root, "units"), &n);
    const plan_unit **each = xmalloc((n + 1) * sizeof *each);
    for (size_t i = 0; i < n; i++)
        each[i] = &list[i];
    meaning_check_units(each, n, r->d);
    free(each);
    f->units = n;
    r->out->registries++;
    reg->doc = doc;
    reg->units = orgunits_new(NULL);
    orgunits_add(reg->units, list, n);
}

/* The unit registry of a folder, loaded and checked on first use; NULL
 * when the folder has none. */
static const orgunits *folder_registry(run *r, const char *dir)
{
    registry *reg = strmap_get(&r->folders, dir, strlen(dir));
    if (reg)
        return reg->units;
    reg = arena_alloc(r->a, sizeof *reg);
    reg->dir = arena_strdup(r->a, dir);
    strmap_put(r->a, &r->folders, reg->dir, strlen(reg->dir), reg);
    for (size_t i = 0; registry_names[i] && !reg->units; i++) {
        char *path = join_path(dir, registry_names[i]);
        if (fileio_kind_of(path, NULL) == FILEIO_FILE)
            load_registry(r, path, reg);
        free(path);
    }
    if (reg->units) {
        ARRAY_ROOM(r->registries, r->nregistries, r->registries_cap, 8);
        r->registries[r->nregistries++] = reg;
    }
    return reg->units;
}

/* Reads and checks the progress log beside a plan, when there is one,
 * handing its records to the visitor as they are read; lr->log is its
 * header (NULL when there is none or it cannot be loaded). */
static void read_log(run *r, const char *plan_path, const plan *p, logread *lr)
{
    memset(lr, 0, sizeof *lr);
    char *path = progress_log_path(plan_path);
    if (fileio_kind_of(path, NULL) == FILEIO_FILE) {
        validate_file *f = add_file(r, path, VALIDATE_LOG);
        logread_file(path, p, r->cat, r->d, r->visit->record, r->visit->ctx,
                     lr);
        if (lr->status == DOCLOAD_UNREADABLE)
            r->out->unreadable++;
        else if (lr->status == DOCLOAD_BROKEN)
            r->out->internal_error = true;
        f->loaded = lr->status == DOCLOAD_OK;
        if (lr->log) {
            f->records = lr->log->count;
            r->out->logs++;
            r->out->records += lr->log->count;
        }
    }
    free(path);
}

/* The notes files in a plan's folder, listed on first use. */
static const fileio_list *folder_notes(run *r, const char *dir)
{
    fileio_list *list = strmap_get(&r->notes_folders, dir, strlen(dir));
    if (list)
        return list;
    list = xcalloc(1, sizeof *list);
    fileio_list all = {0};
    fileio_list_folder(dir, validate_suffixes, &all);
    for (size_t i = 0; i < all.count; i++)
        if (notes_is_path(all.paths[i]))
            fileio_list_add(list, all.paths[i]);
    fileio_list_release(&all);
    const char *key = arena_strdup(r->a, dir);
    strmap_put(r->a, &r->notes_folders, key, strlen(key), list);
    ARRAY_ROOM(r->notes_lists, r->nnotes_lists, r->notes_lists_cap, 8);
    r->notes_lists[r->nnotes_lists++] = list;
    return list;
}

/* Loads and checks every notes file beside a plan against it. A notes
 * file is named as its plan's path is written ("plans/x.notes-2026.yaml"
 * beside "plans/x.yaml"). */
static void check_notes(run *r, const char *plan_path, const plan *p)
{
    char *dir = fileio_dirname(plan_path);
    const fileio_list *list = folder_notes(r, dir);
    free(dir);
    const char *base = fileio_basename(plan_path);
    size_t prefix = (size_t)(base - plan_path);
    for (size_t i = 0; i < list->count; i++) {
        if (!notes_of_plan(list->paths[i], plan_path))
            continue;
        const char *name = fileio_basename(list->paths[i]);
        char *path = xmalloc(prefix + strlen(name) + 1);
        memcpy(path, plan_path, prefix);
        strcpy(path + prefix, name);
        validate_file *f = add_file(r, path, VALIDATE_NOTES);
        docload_doc *doc =
            load(r, path, "notes.schema.json", &yamlload_default_limits, f);
        if (doc && doc->root) {
            diag_set_stage(r->d, "meaning");
            notes_check(notes_build(doc->a, doc->src, doc->root), p, path,
                        r->d);
            r->out->notes++;
        }
        docload_free(doc);
        free(path);
    }
}

static void check_one_plan(run *r, const char *path)
{
    validate_file *f = add_file(r, path, VALIDATE_PLAN);
    docload_doc *doc =
        load(r, path, "plan.schema.json", &yamlload_default_limits, f);
    if (!doc || !doc->root) {
        docload_free(doc);
        return;
    }
    plan *p = plan_build(doc->a, doc->src, doc->root);
    r->out->plans++;
    r->out->activities += p->nactivities;
    f->activities = p->nactivities;
    f->units = p->nunits;
    if (p->id.s)
        f->id = xstrdup(p->id.s);

    char *dir = fileio_dirname(path);
    orgunits *reg = orgunits_new(folder_registry(r, dir));
    free(dir);
    orgunits_add(reg, p->units, p->nunits);
    if (p->nunits) {
        const plan_unit **list = xmalloc(p->nunits * sizeof *list);
        for (size_t i = 0; i < p->nunits; i++)
            list[i] = &p->units[i];
        meaning_check_units(list, p->nunits, r->d);
        free(list);
    }
    meaning_check_plan(p, reg, r->d);
    schedule_plan(doc->a, p, r->d);
    meaning_index_add(r->index, p, r->d);
    if (r->visit->begin_plan)
        r->visit->begin_plan(p, path, reg, NULL, r->visit->ctx);
    logread lr;
    read_log(r, path, p, &lr);
    check_notes(r, path, p);
    if (r->visit->end_plan)
        r->visit->end_plan(p, path, reg, lr.log, r->visit->ctx);
    orgunits_free(reg);
    logread_release(&lr);
    docload_free(doc);
}

static void check_template(run *r, const char *path)
{
    validate_file *f = add_file(r, path, VALIDATE_TEMPLATE);
    size_t errors = diag_errors(r->d);
    docload_doc *doc =
        load(r, path, "template.schema.json", &yamlload_default_limits, f);
    if (doc && doc->root) {
        /* as `report --template` does: the meaning of a template whose
         * shape is wrong would only repeat the schema's errors */
        if (diag_errors(r->d) == errors)
            template_build(doc->a, doc->src, doc->root, r->d);
        r->out->templates++;
    }
    docload_free(doc);
}

static void on_walk_error(const char *path, const char *msg, void *ctx)
{
    run *r = ctx;
    diag_set_stage(r->d, "file");
    diag_file(r->d, DIAG_ERROR, path, "cannot read the folder: %s", msg);
    r->out->unreadable++;
}

/* Expands paths into the plan files to check, in order, without repeats. */
static void collect(run *r, const char *const *paths, size_t npaths,
                    fileio_list *files)
{
    for (size_t i = 0; i < npaths; i++) {
        strbuf err = STRBUF_INIT;
        fileio_kind kind = strcmp(paths[i], FILEIO_STDIN) == 0
                               ? FILEIO_FILE /* a plan on the standard input */
                               : fileio_kind_of(paths[i], &err);
        if (kind == FILEIO_MISSING) {
            diag_file(r->d, DIAG_ERROR, paths[i], "cannot read: %s",
                      strbuf_str(&err));
            r->out->unreadable++;
        } else if (kind == FILEIO_FILE) {
            fileio_list_add(files, paths[i]);
        } else {
            size_t before = files->count;
            fileio_walk(paths[i], validate_suffixes, files, on_walk_error, r);
            if (files->count == before)
                diag_file(r->d, DIAG_ERROR, paths[i],
                          "no plan files (*.yaml, *.yml) in this folder");
        }
        strbuf_release(&err);
    }
}

/* The same file named twice ("plans/a.yaml", "./plans/a.yaml", or through
 * a link) is checked once: files are told apart by device and inode (one
 * stat, where resolving the real path cost a readlink per component), or
 * by the name as given when it cannot be looked at. */
typedef struct seen_files {
    fileio_file_set ids;
    strmap names;
} seen_files;

static bool first_time(run *r, seen_files *seen, const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0)
        return fileio_file_set_add(&seen->ids, &st, ""); /* no name needed */
    const char *key = arena_strdup(r->a, path);
    return strmap_put(r->a, &seen->names, key, strlen(key), (void *)key) == key;
}

void validate_run(const char *const *paths, size_t npaths, diag_sink *d,
                  validate_result *out, const validate_visitor *visit)
{
    static const validate_visitor none = {0};
    bool list_files = out->list_files;
    memset(out, 0, sizeof *out);
    out->list_files = list_files;
    run r = {.d = d, .visit = visit ? visit : &none, .out = out};
    diag_set_stage(d, "schema");
    r.cat = catalog_load(d);
    if (!r.cat) {
        out->internal_error = true;
        return;
    }
    r.index = meaning_index_new();
    r.a = arena_new();
    fileio_list files = {0};
    diag_set_stage(d, "file");
    collect(&r, paths, npaths, &files);
    seen_files seen = {{NULL, 0, 0}, {NULL, 0, 0}};
    for (size_t i = 0; i < files.count; i++) {
        const char *path = files.paths[i];
        if (!first_time(&r, &seen, path))
            continue;
        bool is_log = progress_is_log_path(path);
        if (is_log || notes_is_path(path)) {
            /* a log or notes file is checked with its plan */
            char *plan_path =
                is_log ? progress_plan_path(path) : notes_plan_path(path);
            if (fileio_kind_of(plan_path, NULL) != FILEIO_FILE) {
                diag_set_stage(d, "file");
                if (is_log)
                    diag_file(d, DIAG_ERROR, path,
                              "no plan beside this progress log: expected "
                              "'%s'",
                              plan_path);
                else
                    diag_file(d, DIAG_ERROR, path,
                              "no plan beside this notes file: expected '%s'",
                              plan_path);
            } else if (first_time(&r, &seen, plan_path)) {
                check_one_plan(&r, plan_path);
            }
            free(plan_path);
        } else if (template_is_path(path)) {
            check_template(&r, path);
        } else if (validate_is_registry_path(path)) {
            char *dir = fileio_dirname(path);
            folder_registry(&r, dir);
            free(dir);
        } else {
            check_one_plan(&r, path);
        }
    }
    diag_set_stage(d, "meaning");
    meaning_index_finish(r.index, d);

    fileio_list_release(&files);
    fileio_file_set_release(&seen.ids);
    meaning_index_free(r.index);
    for (size_t i = 0; i < r.nregistries; i++) {
        orgunits_free(r.registries[i]->units);
        docload_free(r.registries[i]->doc);
    }
    free(r.registries);
    for (size_t i = 0; i < r.nnotes_lists; i++) {
        fileio_list_release(r.notes_lists[i]);
        free(r.notes_lists[i]);
    }
    free(r.notes_lists);
    arena_free(r.a);
    catalog_free(r.cat);
}

const char *validate_kind_name(validate_kind kind)
{
    static const char *const names[] = {"plan", "units", "log", "template",
                                        "notes"};
    return names[kind];
}

size_t validate_count_plans(const char *const *paths, size_t npaths)
{
    diag_sink *quiet = diag_sink_new(1);
    validate_result out = {0};
    run r = {.d = quiet, .out = &out, .a = arena_new()};
    fileio_list files = {0};
    collect(&r, paths, npaths, &files);
    seen_files seen = {{NULL, 0, 0}, {NULL, 0, 0}};
    size_t plans = 0;
    for (size_t i = 0; i < files.count; i++) {
        const char *path = files.paths[i];
        if (template_is_path(path) || validate_is_registry_path(path))
            continue;
        char *plan_path = progress_is_log_path(path) ? progress_plan_path(path)
                          : notes_is_path(path)      ? notes_plan_path(path)
                                                     : xstrdup(path);
        if (first_time(&r, &seen, plan_path))
            plans++;
        free(plan_path);
    }
    fileio_list_release(&files);
    fileio_file_set_release(&seen.ids);
    arena_free(r.a);
    diag_sink_free(quiet);
    return plans;
}

void validate_result_release(validate_result *r)
{
    size_t listed = r->list_files ? r->nfiles : r->files != NULL;
    for (size_t i = 0; i < listed; i++)
        free(r->files[i].id);
    free(r->files);
    memset(r, 0, sizeof *r);
}
