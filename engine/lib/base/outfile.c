/* outfile.c - replacing an output file (see outfile.h).
 *
 * The one idea to know: a temporary is stale exactly when no process holds
 * its flock(2) lock. Its writer takes the lock right after creating it and
 * keeps it until the rename; a cleaner removes only a file it could lock
 * itself, and a writer that finds its new file gone (a cleaner took it for
 * stale before the lock was on) makes another. flock, not fcntl: an fcntl
 * lock would drop when libxlsxwriter closes its own descriptor of the
 * file. */
#define _DEFAULT_SOURCE /* flock(2) */
#include "outfile.h"

#include "fileio.h"
#include "i18n.h"
#include "strbuf.h"
#include "xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define TEMP_MARK ".tmp-"
#define TEMP_RANDOM "XXXXXX" /* as mkstemp(3) fills it */
#define TEMP_LETTERS \
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
#define CREATE_ATTEMPTS 100

struct outfile {
    char *path, *tmp;
    int fd;
    outfile_mode mode;
    outfile *next; /* in the list of live temporaries */
};

/* The temporaries being written, for outfile_remove_all(); changed only
 * with every signal blocked, so a handler always sees a whole list. */
static outfile *live;

static void block_signals(sigset_t *old)
{
    sigset_t all;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, old);
}

static void restore_signals(const sigset_t *old)
{
    sigprocmask(SIG_SETMASK, old, NULL);
}

void outfile_remove_all(void)
{
    for (const outfile *f = live; f; f = f->next)
        unlink(f->tmp);
}

static bool same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Why what mode describes cannot be written over, translated. */
static const char *not_a_file(mode_t mode)
{
    if (S_ISDIR(mode))
        return _("it is a folder");
    if (S_ISLNK(mode))
        return _("it is a symbolic link; name the file itself, or remove the "
                 "link");
    if (S_ISFIFO(mode))
        return _("it is a FIFO (named pipe), not a file");
    if (S_ISSOCK(mode))
        return _("it is a socket, not a file");
    return _("it is a device, not a file");
}

/* What path names: 1 a regular file that may be replaced (*st), 0
 * nothing, -1 something that may not be replaced (err says what). */
static int check_target(const char *path, struct stat *st, strbuf *err)
{
    if (lstat(path, st) != 0) {
        if (errno == ENOENT && *fileio_basename(path))
            return 0;
        strbuf_error(err, "%s",
                     errno == ENOENT ? _("it names no file") : strerror(errno));
        return -1;
    }
    if (!S_ISREG(st->st_mode)) {
        strbuf_error(err, "%s", not_a_file(st->st_mode));
        return -1;
    }
    const char *input = fileio_was_read(st);
    if (input) {
        strbuf_error(err,
                     _("it is one of the files this command reads ('%s'); "
                       "write the output elsewhere"),
                     input);
        return -1;
    }
    return 1;
}

/* Removes path when it is a regular file of this user whose lock nobody
 * holds, and still the file that was locked. */
static void remove_if_stale(const char *path)
{
    struct stat named, held;
    if (lstat(path, &named) != 0 || !S_ISREG(named.st_mode) ||
        named.st_uid != geteuid())
        return;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return;
    if (fstat(fd, &held) == 0 && same_file(&held, &named) &&
        flock(fd, LOCK_EX | LOCK_NB) == 0 && lstat(path, &named) == 0 &&
        same_file(&held, &named))
        unlink(path);
    close(fd);
}

/* Removes the temporaries of path that killed writers left behind. */
static void remove_stale(const char *path)
{
    char *dir = fileio_dirname(path);
    const char *base = fileio_basename(path);
    size_t nbase = strlen(base), nmark = strlen(TEMP_MARK),
           nrandom = strlen(TEMP_RANDOM);
    DIR *d = opendir(dir);
    free(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        if (strncmp(name, base, nbase) != 0 ||
            strncmp(name + nbase, TEMP_MARK, nmark) != 0 ||
            strlen(name + nbase + nmark) != nrandom ||
            strspn(name + nbase + nmark, TEMP_LETTERS) != nrandom)
            continue;
        size_t n = strlen(path) + nmark + nrandom + 1;
        char *stale = xmalloc(n);
        snprintf(stale, n, "%s%s", path, name + nbase);
        remove_if_stale(stale);
        free(stale);
    }
    closedir(d);
}

/* Makes f->tmp, a new file beside f->path, locked, and still named so. */
static bool create_temp(outfile *f)
{
    size_t n = strlen(f->path);
    const char *suffix = TEMP_MARK TEMP_RANDOM;
    f->tmp = xmalloc(n + strlen(suffix) + 1);
    for (int attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
        memcpy(f->tmp, f->path, n);
        strcpy(f->tmp + n, suffix);
        int fd = mkstemp(f->tmp); /* O_CREAT | O_EXCL, mode 0600 */
        if (fd < 0)
            return false;
        (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
        struct stat held, named;
        bool taken = flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
        if (!taken && fstat(fd, &held) == 0 && lstat(f->tmp, &named) == 0 &&
            same_file(&held, &named)) {
            f->fd = fd;
            return true;
        }
        close(fd); /* a cleaner took it for stale and removes it */
    }
    errno = EEXIST;
    return false;
}

static void release(outfile *f)
{
    close(f->fd); /* this releases the lock */
    free(f->path);
    free(f->tmp);
    free(f);
}

/* Takes f out of the live list; signals are blocked. */
static void delist(outfile *f)
{
    for (outfile **p = &live; *p; p = &(*p)->next) {
        if (*p == f) {
            *p = f->next;
            return;
        }
    }
}

/* check_target, and with OUTFILE_NEW no file there at all. */
static int check_mode(const char *path, outfile_mode mode, struct stat *st,
                      strbuf *err)
{
    int target = check_target(path, st, err);
    if (target > 0 && mode == OUTFILE_NEW) {
        strbuf_error(err, "%s", _("it exists, and would be replaced"));
        return -1;
    }
    return target;
}

outfile *outfile_open(const char *path, outfile_mode mode, strbuf *err)
{
    struct stat st;
    if (check_mode(path, mode, &st, err) < 0)
        return NULL;
    remove_stale(path);
    outfile *f = xcalloc(1, sizeof *f);
    f->path = xstrdup(path);
    f->mode = mode;
    sigset_t mask;
    block_signals(&mask);
    bool made = create_temp(f);
    int saved = errno;
    if (made) {
        f->next = live;
        live = f;
    }
    restore_signals(&mask);
    if (!made) {
        strbuf_error(err, "%s", strerror(saved));
        free(f->tmp);
        free(f->path);
        free(f);
        return NULL;
    }
    return f;
}

int outfile_fd(const outfile *f)
{
    return f->fd;
}

/* Gives the temporary its final owner and mode and flushes it; the path
 * it replaces must still be one that may be replaced. */
static bool prepare(outfile *f, strbuf *err)
{
    struct stat old, held, named;
    int target = check_mode(f->path, f->mode, &old, err);
    if (target < 0)
        return false;
    if (target ? !fileio_take_over(f->fd, &old)
               : fchmod(f->fd, fileio_new_file_mode()) != 0)
        strbuf_error(err, _("cannot set the permissions: %s"), strerror(errno));
    else if (fsync(f->fd) != 0)
        strbuf_error(err, _("cannot flush to disk: %s"), strerror(errno));
    else if (fstat(f->fd, &held) != 0 || lstat(f->tmp, &named) != 0 ||
             !same_file(&held, &named))
        strbuf_error(
            err,
            _("its temporary file '%s' was removed or replaced while it was "
              "written"),
            f->tmp);
    else
        return true;
    return false;
}

bool outfile_commit(outfile *f, strbuf *err)
{
    bool ok = prepare(f, err);
    sigset_t mask;
    block_signals(&mask);
    if (ok && (f->mode == OUTFILE_NEW ? link(f->tmp, f->path)
                                      : rename(f->tmp, f->path)) != 0) {
        strbuf_error(err, "%s",
                     errno == EEXIST
                         ? _("it was made by another program meanwhile, "
                             "and would be replaced")
                         : strerror(errno));
        ok = false;
    }
    if (!ok || f->mode == OUTFILE_NEW)
        unlink(f->tmp);
    delist(f);
    restore_signals(&mask);
    if (ok)
        fileio_sync_folder(f->path);
    release(f);
    return ok;
}

void outfile_discard(outfile *f)
{
    if (!f)
        return;
    sigset_t mask;
    block_signals(&mask);
    unlink(f->tmp);
    delist(f);
    restore_signals(&mask);
    release(f);
}

bool outfile_write(const char *path, outfile_mode mode, const void *data,
                   size_t len, strbuf *err)
{
    outfile *f = outfile_open(path, mode, err);
    if (!f)
        return false;
    if (!fileio_write_all(f->fd, data, len)) {
        strbuf_error(err, "%s", strerror(errno));
        outfile_discard(f);
        return false;
    }
    return outfile_commit(f, err);
}
