/* locate.c - finding a plan file by its id below a folder (see locate.h). */
#include "locate.h"

#include "arena.h"
#include "fileio.h"
#include "progress.h"
#include "template.h"
#include "text.h"
#include "utf8.h"
#include "validate.h"
#include "yamlload.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct search {
    const char *id;
    locate_result *out;
    size_t read;           /* bytes read so far */
    char **seen;           /* ids of the files looked at */
    size_t nseen, seen_cap;
} search;

static void on_walk_error(const char *path, const char *msg, void *ctx)
{
    (void)path;
    search *s = ctx;
    if (strcmp(msg, "folders nested too deeply") == 0 && !s->out->stopped)
        s->out->stopped = "folders nested more than 32 deep were not searched";
}

static bool is_plan_name(const char *path)
{
    return !progress_is_log_path(path) && !template_is_path(path) &&
           !validate_is_registry_path(path);
}

/* The id of the plan at path, or NULL; counts what was read. */
static char *id_of(search *s, const char *path)
{
    int fd;
    size_t size;
    char *err;
    fileio_status st = fileio_open(path, yamlload_default_limits.max_bytes, &fd, &size, &err);
    free(err);
    if (st != FILEIO_OK)
        return NULL;
    size_t left = LOCATE_MAX_READ - s->read;
    char *id = yamlload_peek_key(fd, left, "id");
    off_t at = lseek(fd, 0, SEEK_CUR);
    close(fd);
    s->read += at > 0 && (size_t)at < left ? (size_t)at : left;
    s->out->files++;
    return id;
}

static void remember(search *s, char *id)
{
    if (s->nseen == s->seen_cap) {
        s->seen_cap = s->seen_cap ? 2 * s->seen_cap : 64;
        s->seen = xrealloc(s->seen, s->seen_cap * sizeof *s->seen);
    }
    s->seen[s->nseen++] = id;
}

typedef struct candidate {
    size_t distance;
    const char *id;
} candidate;

static int cmp_candidate(const void *pa, const void *pb)
{
    const candidate *a = pa, *b = pb;
    if (a->distance != b->distance)
        return a->distance < b->distance ? -1 : 1;
    return strcmp(a->id, b->id);
}

/* The ids seen within a third of the id's length of it (GCC's rule, as
 * text_suggest), closest first, each once. */
static void offer_near(search *s)
{
    size_t chars = utf8_length(s->id, strlen(s->id));
    size_t limit = chars / 3 ? chars / 3 : 1;
    candidate *near = xmalloc((s->nseen + 1) * sizeof *near);
    size_t n = 0;
    for (size_t i = 0; i < s->nseen; i++) {
        size_t d = text_distance(s->id, s->seen[i], limit);
        if (d <= limit)
            near[n++] = (candidate){d, s->seen[i]};
    }
    qsort(near, n, sizeof *near, cmp_candidate);
    locate_result *out = s->out;
    out->near = xmalloc((LOCATE_MAX_NEAR + 1) * sizeof *out->near);
    for (size_t i = 0; i < n && out->nnear < LOCATE_MAX_NEAR; i++)
        if (!out->nnear || strcmp(out->near[out->nnear - 1], near[i].id) != 0)
            out->near[out->nnear++] = xstrdup(near[i].id);
    free(near);
}

void locate_plan(const char *dir, const char *id, locate_result *out)
{
    memset(out, 0, sizeof *out);
    search s = {id, out, 0, NULL, 0, 0};
    fileio_list files = {NULL, 0};
    if (!fileio_walk_limited(dir, validate_suffixes, LOCATE_MAX_ENTRIES, &files,
                             on_walk_error, &s))
        out->stopped = "it stopped after 100,000 files and folders";
    for (size_t i = 0; i < files.count && !out->path; i++) {
        if (s.read == LOCATE_MAX_READ) {
            out->stopped = "it stopped after reading 1 GiB";
            break;
        }
        if (!is_plan_name(files.paths[i]))
            continue;
        char *found = id_of(&s, files.paths[i]);
        if (found && strcmp(found, id) == 0)
            out->path = xstrdup(files.paths[i]);
        if (found)
            remember(&s, found);
    }
    if (!out->path)
        offer_near(&s);
    for (size_t i = 0; i < s.nseen; i++)
        free(s.seen[i]);
    free(s.seen);
    fileio_list_release(&files);
}

void locate_result_release(locate_result *r)
{
    free(r->path);
    for (size_t i = 0; i < r->nnear; i++)
        free(r->near[i]);
    free(r->near);
    memset(r, 0, sizeof *r);
}
