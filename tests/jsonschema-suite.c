/* jsonschema-suite.c - runs the official JSON Schema test suite (draft-07)
 * against the engine's validator.
 *
 * Usage: jsonschema-suite DRAFT7-FOLDER. Every file of the folder, of
 * optional/ and of optional/format/ is read with the engine's own JSON
 * reader; each group's schema is compiled into a fresh set and each case's
 * data validated twice, once with a diagnostic sink and once quietly: both
 * verdicts must match the suite's, and a sink must hold errors exactly when
 * the verdict is "invalid". The one idea to know: a case is skipped only
 * for a reason this file can name (a remote schema, format and content
 * being annotations, a keyword outside draft-07), and every skipped case
 * is printed with that reason, so nothing is hidden. */
#include "diag.h"
#include "json.h"
#include "node.h"
#include "schema.h"
#include "source.h"
#include "strbuf.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define UNRESOLVED "cannot resolve '$ref' to '"
#define SUITE_BASE_URI "http://kehoach.invalid/suite/"
#define REMOTE_PREFIX_HTTP "http://localhost:1234/"
#define REMOTE_PREFIX_HTTPS "https://localhost:1234/"

typedef struct reason_count {
    char *reason;
    size_t count;
} reason_count;

typedef struct tally {
    size_t passed, failed, skipped;
    reason_count *reasons;
    size_t reason_count;
} tally;

static void count_reason(tally *t, const char *reason)
{
    for (size_t i = 0; i < t->reason_count; i++) {
        if (strcmp(t->reasons[i].reason, reason) == 0) {
            t->reasons[i].count++;
            return;
        }
    }
    t->reasons =
        realloc(t->reasons, (t->reason_count + 1) * sizeof *t->reasons);
    if (!t->reasons) {
        perror("jsonschema-suite");
        exit(2);
    }
    t->reasons[t->reason_count].reason = strdup(reason);
    t->reasons[t->reason_count].count = 1;
    t->reason_count++;
}

static const char *description_of(const node *n)
{
    const char *s = node_str(node_get(n, "description"));
    return s ? s : "(no description)";
}

/* reason: the kind of skip, counted in the summary; detail: what in this
 * case makes it that kind (or NULL). */
static void skip_case(tally *t, const char *file, const node *group,
                      const node *test, const char *reason, const char *detail)
{
    printf("SKIP %s | %s | %s: %s%s%s\n", file, description_of(group),
           description_of(test), reason, detail ? ": " : "",
           detail ? detail : "");
    t->skipped++;
    count_reason(t, reason);
}

static void fail_case(tally *t, const char *file, const node *group,
                      const node *test, const char *why, diag_sink *d)
{
    printf("FAILED %s | %s | %s: %s\n", file, description_of(group),
           test ? description_of(test) : "(every case)", why);
    if (d && diag_count(d)) {
        strbuf out = STRBUF_INIT;
        diag_format_text(d, &out, false);
        fputs(strbuf_str(&out), stdout);
        strbuf_release(&out);
    }
    t->failed++;
}

#define SKIP_REMOTE "remote schema not shipped"
#define SKIP_KEYWORD "schema refused for a keyword outside draft-07"
#define SKIP_FORMAT "format is an annotation in this engine"
#define SKIP_CONTENT                                        \
    "contentMediaType and contentEncoding are annotations " \
    "in this engine"

/* Why a whole group is skipped, judged from the diagnostics of adding its
 * schema and checking its refs: stores the reason and returns the first
 * message as the detail (caller frees), or returns NULL when the group is
 * not to be skipped. */
static char *group_skip_reason(diag_sink *d, const char **reason)
{
    size_t n = diag_count(d);
    if (!n)
        return NULL;
    strbuf detail = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        const char *msg = diag_get(d, i)->message;
        bool keyword = strstr(msg, "unknown schema keyword") ||
                       strstr(msg, "is not a draft-07 keyword");
        const char *ref = strstr(msg, UNRESOLVED);
        const char *uri = ref ? ref + strlen(UNRESOLVED) : NULL;
        bool remote = uri && (strncmp(uri, REMOTE_PREFIX_HTTP,
                                      strlen(REMOTE_PREFIX_HTTP)) == 0 ||
                              strncmp(uri, REMOTE_PREFIX_HTTPS,
                                      strlen(REMOTE_PREFIX_HTTPS)) == 0);
        if (!keyword && !remote) {
            strbuf_release(&detail);
            return NULL;
        }
        if (!detail.len) {
            strbuf_puts(&detail, msg);
            *reason = keyword ? SKIP_KEYWORD : SKIP_REMOTE;
        }
    }
    return detail.buf;
}

static bool check_case(tally *t, const char *file, const node *group,
                       const node *test, const schema *root)
{
    const node *data = node_get(test, "data");
    const node *valid = node_get(test, "valid");
    if (!data || !valid || valid->kind != NODE_BOOL) {
        fail_case(t, file, group, test, "malformed test case", NULL);
        return false;
    }
    diag_sink *d = diag_sink_new(0);
    bool loud = schema_validate(root, data, d);
    bool quiet = schema_validate(root, data, NULL);
    bool ok = false;
    if (loud != quiet)
        fail_case(t, file, group, test,
                  "the quiet and the reporting "
                  "validation disagree",
                  d);
    else if (loud != (diag_errors(d) == 0))
        fail_case(t, file, group, test,
                  "the verdict and the diagnostics "
                  "disagree",
                  d);
    else if (loud != valid->u.boolean)
        fail_case(t, file, group, test,
                  valid->u.boolean ? "expected valid, got invalid"
                                   : "expected invalid, got valid",
                  d);
    else
        ok = true;
    if (ok)
        t->passed++;
    diag_sink_free(d);
    return ok;
}

static void run_group(tally *t, const char *file, const node *group)
{
    const node *schema_node = node_get(group, "schema");
    const node *tests = node_get(group, "tests");
    if (!schema_node || !tests || tests->kind != NODE_ARRAY) {
        fail_case(t, file, group, NULL, "malformed group", NULL);
        return;
    }
    bool format_file = strncmp(file, "optional/format/", 16) == 0;
    bool content_file = strcmp(file, "optional/content.json") == 0;
    if (format_file) {
        for (size_t i = 0; i < tests->u.array.count; i++)
            skip_case(t, file, group, tests->u.array.items[i], SKIP_FORMAT,
                      NULL);
        return;
    }
    schema_set *set = schema_set_new();
    diag_sink *d = diag_sink_new(0);
    strbuf uri = STRBUF_INIT;
    strbuf_printf(&uri, SUITE_BASE_URI "%s", file);
    bool added = schema_set_add(set, strbuf_str(&uri), schema_node, d);
    bool resolved = added && schema_set_check_refs(set, d);
    const char *reason = NULL;
    char *skip = resolved ? NULL : group_skip_reason(d, &reason);
    const schema *root = schema_set_lookup(set, strbuf_str(&uri));
    for (size_t i = 0; i < tests->u.array.count; i++) {
        const node *test = tests->u.array.items[i];
        const node *valid = node_get(test, "valid");
        if (skip)
            skip_case(t, file, group, test, reason, skip);
        else if (!resolved || !root)
            fail_case(t, file, group, test, "the schema was not accepted", d);
        else if (content_file && valid && valid->kind == NODE_BOOL &&
                 !valid->u.boolean)
            skip_case(t, file, group, test, SKIP_CONTENT, NULL);
        else
            check_case(t, file, group, test, root);
    }
    free(skip);
    strbuf_release(&uri);
    diag_sink_free(d);
    schema_set_free(set);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    strbuf text = STRBUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        strbuf_add(&text, chunk, n);
    fclose(f);
    strbuf_add(&text, "", 0);
    *len = text.len;
    return text.buf;
}

static void run_file(tally *t, const char *folder, const char *file)
{
    strbuf path = STRBUF_INIT;
    strbuf_printf(&path, "%s/%s", folder, file);
    size_t len;
    char *text = read_file(strbuf_str(&path), &len);
    if (!text) {
        printf("FAILED %s: cannot read '%s'\n", file, strbuf_str(&path));
        t->failed++;
        strbuf_release(&path);
        return;
    }
    source *src = source_new(file, text, len);
    arena *a = arena_new();
    diag_sink *d = diag_sink_new(0);
    const node *groups = json_parse(a, src, d);
    if (!groups || groups->kind != NODE_ARRAY) {
        strbuf out = STRBUF_INIT;
        diag_format_text(d, &out, false);
        printf("FAILED %s: not a list of test groups\n%s", file,
               strbuf_str(&out));
        strbuf_release(&out);
        t->failed++;
    } else {
        for (size_t i = 0; i < groups->u.array.count; i++)
            run_group(t, file, groups->u.array.items[i]);
    }
    diag_sink_free(d);
    arena_free(a);
    source_free(src);
    strbuf_release(&path);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every *.json directly in folder/sub ("" for the folder itself). */
static void run_folder(tally *t, const char *folder, const char *sub)
{
    strbuf dir_path = STRBUF_INIT;
    strbuf_printf(&dir_path, "%s%s%s", folder, *sub ? "/" : "", sub);
    DIR *dir = opendir(strbuf_str(&dir_path));
    if (!dir) {
        printf("FAILED %s: cannot open the folder\n", strbuf_str(&dir_path));
        t->failed++;
        strbuf_release(&dir_path);
        return;
    }
    char **names = NULL;
    size_t count = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0)
            continue;
        names = realloc(names, (count + 1) * sizeof *names);
        if (!names) {
            perror("jsonschema-suite");
            exit(2);
        }
        strbuf rel = STRBUF_INIT;
        strbuf_printf(&rel, "%s%s%s", sub, *sub ? "/" : "", e->d_name);
        names[count++] = rel.buf;
    }
    closedir(dir);
    qsort(names, count, sizeof *names, compare_names);
    for (size_t i = 0; i < count; i++) {
        run_file(t, folder, names[i]);
        free(names[i]);
    }
    free(names);
    strbuf_release(&dir_path);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: jsonschema-suite DRAFT7-FOLDER\n");
        return 2;
    }
    const char *folder = argv[1];
    struct stat st;
    if (stat(folder, &st) != 0 || !S_ISDIR(st.st_mode)) {
        printf("json-schema-test-suite not found at %s; skipping\n", folder);
        return 77;
    }
    tally t = {0};
    run_folder(&t, folder, "");
    run_folder(&t, folder, "optional");
    run_folder(&t, folder, "optional/format");
    for (size_t i = 0; i < t.reason_count; i++) {
        printf("skipped %zu: %s\n", t.reasons[i].count, t.reasons[i].reason);
        free(t.reasons[i].reason);
    }
    free(t.reasons);
    printf("draft7: %zu passed, %zu failed, %zu skipped\n", t.passed, t.failed,
           t.skipped);
    return t.failed > 0 ? 1 : 0;
}
