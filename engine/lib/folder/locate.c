/* locate.c - finding a plan file by its id below a folder (see locate.h). */
#include "locate.h"

#include "fileio.h"
#include "i18n.h"
#include "notes.h"
#include "progress.h"
#include "template.h"
#include "vntext.h"
#include "utf8.h"
#include "validate.h"
#include "xalloc.h"
#include "yamlload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const locate_limits locate_default_limits = {
    .max_entries = 100000,
    .max_read = (size_t)1 << 30,
};

typedef struct search {
    const char *id;
    const locate_limits *limits;
    locate_result *out;
    size_t read; /* bytes read so far */
    char **seen; /* ids of the files looked at */
    size_t nseen, seen_cap;
} search;

static bool is_plan_name(const char *path)
{
    return !progress_is_log_path(path) && !template_is_path(path) &&
           !validate_is_registry_path(path) && !notes_is_path(path);
}

/* The id of the plan at path, or NULL; counts what was read. */
static char *id_of(search *s, const char *path)
{
    int fd;
    size_t size;
    fileio_status st =
        fileio_open(path, yamlload_default_limits.max_bytes, &fd, &size, NULL);
    if (st != FILEIO_OK)
        return NULL;
    size_t left = s->limits->max_read - s->read;
    char *id = yamlload_peek_key(fd, left, "id");
    off_t at = lseek(fd, 0, SEEK_CUR); /* how far libyaml read */
    close(fd);
    size_t used = at > 0 ? (size_t)at : 0;
    s->read += used < left ? used : left;
    s->out->files++;
    return id;
}

static void remember(search *s, char *id)
{
    ARRAY_ROOM(s->seen, s->nseen, s->seen_cap, 64);
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
 * vntext_suggest), closest first, each once. */
static void offer_near(search *s)
{
    size_t chars = utf8_length(s->id, strlen(s->id));
    size_t limit = chars / 3 ? chars / 3 : 1;
    candidate *near = xmalloc((s->nseen + 1) * sizeof *near);
    size_t n = 0;
    for (size_t i = 0; i < s->nseen; i++) {
        size_t d = vntext_distance(s->id, s->seen[i], limit);
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

void locate_plan(const char *dir, const char *id, const locate_limits *limits,
                 locate_result *out)
{
    memset(out, 0, sizeof *out);
    search s = {id, limits, out, 0, NULL, 0, 0};
    fileio_list files = {0};
    fileio_walk_cut cut = fileio_walk_limited(dir, validate_suffixes,
                                              limits->max_entries, &files);
    if (cut.too_many)
        snprintf(out->stopped, sizeof out->stopped,
                 _("it stopped after %zu files and folders"),
                 limits->max_entries);
    else if (cut.too_deep)
        snprintf(out->stopped, sizeof out->stopped,
                 _("folders nested more than 32 deep were not searched"));
    for (size_t i = 0; i < files.count && !out->path; i++) {
        if (s.read == limits->max_read) {
            if (limits->max_read >= 1 << 20)
                snprintf(out->stopped, sizeof out->stopped,
                         _("it stopped after reading %zu MiB"),
                         limits->max_read >> 20);
            else
                snprintf(out->stopped, sizeof out->stopped,
                         P_("it stopped after reading %zu byte",
                            "it stopped after reading %zu bytes",
                            limits->max_read),
                         limits->max_read);
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

char **locate_ids(const char *dir, const locate_limits *limits, size_t *count)
{
    locate_result ignored = {0};
    search s = {NULL, limits, &ignored, 0, NULL, 0, 0};
    fileio_list files = {0};
    fileio_walk_limited(dir, validate_suffixes, limits->max_entries, &files);
    for (size_t i = 0; i < files.count && s.read < limits->max_read; i++) {
        if (!is_plan_name(files.paths[i]))
            continue;
        char *found = id_of(&s, files.paths[i]);
        bool again = false;
        for (size_t k = 0; found && k < s.nseen && !again; k++)
            again = strcmp(s.seen[k], found) == 0;
        if (found && !again)
            remember(&s, found);
        else
            free(found);
    }
    fileio_list_release(&files);
    *count = s.nseen;
    return s.seen;
}

void locate_result_release(locate_result *r)
{
    free(r->path);
    for (size_t i = 0; i < r->nnear; i++)
        free(r->near[i]);
    free(r->near);
    memset(r, 0, sizeof *r);
}
