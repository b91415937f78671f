/* fileio.c - reading input files, walking folders, and the pieces of
 * writing that outfile.c and lockfile.c share (see fileio.h). */
#include "fileio.h"

#include "arena.h"
#include "i18n.h"
#include "strmap.h"
#include "xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define WALK_MAX_DEPTH 32

struct fileio_file_slot {
    dev_t dev;
    ino_t ino;
    const char *name; /* NULL: an empty slot */
};

static size_t file_hash(dev_t dev, ino_t ino)
{
    uint64_t h = ((uint64_t)ino ^ ((uint64_t)dev << 32 | (uint64_t)dev >> 32)) *
                 0x9E3779B97F4A7C15u;
    return (size_t)(h ^ (h >> 32));
}

/* The slot of (dev, ino) in a set with room, or the empty slot where it
 * would go. */
static struct fileio_file_slot *file_slot(const fileio_file_set *set, dev_t dev,
                                          ino_t ino)
{
    size_t mask = set->cap - 1;
    for (size_t i = file_hash(dev, ino) & mask;; i = (i + 1) & mask) {
        struct fileio_file_slot *s = &set->slots[i];
        if (!s->name || (s->dev == dev && s->ino == ino))
            return s;
    }
}

const char *fileio_file_set_name(const fileio_file_set *set,
                                 const struct stat *st)
{
    if (!set->count)
        return NULL;
    return file_slot(set, st->st_dev, st->st_ino)->name;
}

bool fileio_file_set_add(fileio_file_set *set, const struct stat *st,
                         const char *name)
{
    if (fileio_file_set_name(set, st))
        return false;
    if ((set->count + 1) * 4 > set->cap * 3) {
        fileio_file_set bigger = {NULL, set->cap ? set->cap * 2 : 16,
                                  set->count};
        bigger.slots = xcalloc(bigger.cap, sizeof *bigger.slots);
        for (size_t i = 0; i < set->cap; i++) {
            const struct fileio_file_slot *old = &set->slots[i];
            if (old->name)
                *file_slot(&bigger, old->dev, old->ino) = *old;
        }
        free(set->slots);
        *set = bigger;
    }
    *file_slot(set, st->st_dev, st->st_ino) =
        (struct fileio_file_slot){st->st_dev, st->st_ino, name};
    set->count++;
    return true;
}

void fileio_file_set_release(fileio_file_set *set)
{
    free(set->slots);
    *set = (fileio_file_set){NULL, 0, 0};
}

/* The paths kept (fileio_path_kept), in an arena of their own, found by
 * their text; they live as long as the process. */
static arena *kept_arena;
static const char **kept;
static size_t nkept, kept_cap;
static strmap_index kept_index;

static const char *kept_at(const void *paths, size_t rank)
{
    return ((const char *const *)paths)[rank];
}

const char *fileio_path_kept(const char *path)
{
    size_t rank = strmap_index_find(&kept_index, path, kept_at, kept);
    if (rank != SIZE_MAX)
        return kept[rank];
    if (!kept_arena)
        kept_arena = arena_new();
    ARRAY_ROOM(kept, nkept, kept_cap, 64);
    kept[nkept] = arena_strdup(kept_arena, path);
    strmap_index_add(&kept_index, path, nkept, kept_at, kept);
    return kept[nkept++];
}

/* Every file opened as input (fileio_was_read), named by the path it was
 * opened by; it lives as long as the process. */
static fileio_file_set files_read;

static void remember_read(const struct stat *st, const char *path)
{
    if (!fileio_was_read(st))
        fileio_file_set_add(&files_read, st, fileio_path_kept(path));
}

const char *fileio_was_read(const struct stat *st)
{
    return fileio_file_set_name(&files_read, st);
}

fileio_status fileio_open(const char *path, size_t max, int *fd, size_t *size,
                          strbuf *err)
{
    *fd = -1;
    *size = 0;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer */
    int f = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (f < 0) {
        strbuf_error(err, "%s", strerror(errno));
        return FILEIO_ERROR;
    }
    struct stat st;
    if (fstat(f, &st) != 0) {
        strbuf_error(err, "%s", strerror(errno));
        close(f);
        return FILEIO_ERROR;
    }
    if (!S_ISREG(st.st_mode)) {
        strbuf_error(err, "%s",
                     S_ISDIR(st.st_mode) ? strerror(EISDIR)
                                         : _("not a regular file"));
        close(f);
        return FILEIO_ERROR;
    }
    remember_read(&st, path);
    int flags = fcntl(f, F_GETFL);
    if (flags >= 0)
        fcntl(f, F_SETFL, flags & ~O_NONBLOCK);
    *size = (size_t)st.st_size;
    if ((uintmax_t)st.st_size > max) {
        close(f);
        return FILEIO_TOO_LARGE;
    }
    *fd = f;
    return FILEIO_OK;
}

fileio_status fileio_read_fd(int fd, size_t size, size_t max, char **data,
                             size_t *len, strbuf *err)
{
    /* the size it has now, and one byte to see the end; it may still grow */
    size_t cap = size + 1, n = 0;
    char *buf = xmalloc(cap + 1);
    for (;;) {
        if (n == cap) {
            if (cap > max) {
                break;
            }
            cap *= 2;
            buf = xrealloc(buf, cap + 1);
        }
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            strbuf_error(err, "%s", strerror(errno));
            free(buf);
            return FILEIO_ERROR;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        if (n > max)
            break;
    }
    buf[n] = '\0';
    *len = n;
    if (n > max) {
        free(buf);
        return FILEIO_TOO_LARGE;
    }
    *data = buf;
    return FILEIO_OK;
}

fileio_status fileio_read(const char *path, size_t max, char **data,
                          size_t *len, strbuf *err)
{
    *data = NULL;
    *len = 0;
    if (strcmp(path, FILEIO_STDIN) == 0)
        return fileio_read_fd(STDIN_FILENO, 4095, max, data, len, err);
    int fd;
    size_t size;
    fileio_status st = fileio_open(path, max, &fd, &size, err);
    *len = st == FILEIO_TOO_LARGE ? size : 0;
    if (st != FILEIO_OK)
        return st;
    st = fileio_read_fd(fd, size, max, data, len, err);
    close(fd);
    return st;
}

fileio_kind fileio_kind_of(const char *path, strbuf *err)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        strbuf_error(err, "%s", strerror(errno));
        return FILEIO_MISSING;
    }
    return S_ISDIR(st.st_mode) ? FILEIO_DIR : FILEIO_FILE;
}

void fileio_list_add(fileio_list *list, const char *path)
{
    ARRAY_ROOM(list->paths, list->count, list->cap, 8);
    list->paths[list->count++] = fileio_path_kept(path);
}

void fileio_list_release(fileio_list *list)
{
    free(list->paths);
    list->paths = NULL;
    list->count = list->cap = 0;
}

static bool has_suffix(const char *name, const char *const *suffixes)
{
    size_t n = strlen(name);
    for (size_t i = 0; suffixes[i]; i++) {
        size_t k = strlen(suffixes[i]);
        if (n > k && strcmp(name + n - k, suffixes[i]) == 0)
            return true;
    }
    return false;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    bool slash = n > 0 && dir[n - 1] == '/';
    size_t total = n + (slash ? 0 : 1) + strlen(name) + 1;
    char *p = xmalloc(total);
    memcpy(p, dir, n);
    if (!slash)
        p[n++] = '/';
    strcpy(p + n, name);
    return p;
}

/* How many more files and folders a walk may look at, and what it left
 * out. */
typedef struct walk_budget {
    size_t left;
    fileio_walk_cut cut;
    bool flat; /* the folder's own files only */
} walk_budget;

static void walk(const char *dir, const char *const *suffixes,
                 fileio_list *list,
                 void (*on_error)(const char *, const char *, void *),
                 void *ctx, int depth, walk_budget *budget)
{
    DIR *d = opendir(dir);
    if (!d) {
        if (on_error)
            on_error(dir, strerror(errno), ctx);
        return;
    }
    char **names = NULL; /* the folder's entries, sorted */
    size_t nnames = 0, names_cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (!budget->left) {
            budget->cut.too_many = true;
            break;
        }
        ARRAY_ROOM(names, nnames, names_cap, 8);
        names[nnames++] = xstrdup(e->d_name);
        budget->left--;
    }
    closedir(d);
    if (nnames > 1)
        qsort(names, nnames, sizeof *names, cmp_str);
    for (size_t i = 0; i < nnames; i++) {
        char *path = join(dir, names[i]);
        struct stat st;
        if (lstat(path, &st) != 0) {
            if (on_error)
                on_error(path, strerror(errno), ctx);
        } else if (S_ISDIR(st.st_mode)) {
            /* a flat walk lists the folder's own files only */
            if (!budget->flat && depth < WALK_MAX_DEPTH) {
                walk(path, suffixes, list, on_error, ctx, depth + 1, budget);
            } else if (!budget->flat) {
                budget->cut.too_deep = true;
                if (on_error)
                    on_error(path, _("folders nested too deeply"), ctx);
            }
        } else if (has_suffix(names[i], suffixes)) {
            bool regular = S_ISREG(st.st_mode);
            if (S_ISLNK(st.st_mode)) {
                struct stat target;
                regular = stat(path, &target) == 0 && S_ISREG(target.st_mode);
            }
            if (regular)
                fileio_list_add(list, path);
        }
        free(path);
    }
    for (size_t i = 0; i < nnames; i++)
        free(names[i]);
    free(names);
}

void fileio_walk(const char *dir, const char *const *suffixes,
                 fileio_list *list,
                 void (*on_error)(const char *path, const char *msg, void *ctx),
                 void *ctx)
{
    walk_budget unlimited = {SIZE_MAX, {false, false}, false};
    walk(dir, suffixes, list, on_error, ctx, 0, &unlimited);
}

void fileio_list_folder(const char *dir, const char *const *suffixes,
                        fileio_list *list)
{
    walk_budget flat = {SIZE_MAX, {false, false}, true};
    walk(dir, suffixes, list, NULL, NULL, 0, &flat);
}

fileio_walk_cut fileio_walk_limited(const char *dir,
                                    const char *const *suffixes,
                                    size_t max_entries, fileio_list *list)
{
    walk_budget budget = {max_entries, {false, false}, false};
    walk(dir, suffixes, list, NULL, NULL, 0, &budget);
    return budget.cut;
}

bool fileio_write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len) {
        ssize_t k = write(fd, p, len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            return false;
        if (k == 0) {
            errno = EIO;
            return false;
        }
        p += k;
        len -= (size_t)k;
    }
    return true;
}

void fileio_sync_folder(const char *path)
{
    char *dir = fileio_dirname(path);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(dir);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

mode_t fileio_new_file_mode(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

bool fileio_take_over(int fd, const struct stat *old)
{
    if (fchown(fd, old->st_uid, old->st_gid) != 0 &&
        fchown(fd, (uid_t)-1, old->st_gid) != 0 && errno != EPERM &&
        errno != EINVAL)
        return false; /* EPERM, EINVAL: not ours to give; keep ours */
    return fchmod(fd, old->st_mode & 0777) == 0;
}

char *fileio_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

const char *fileio_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}
