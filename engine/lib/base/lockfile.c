/* lockfile.c - all-or-nothing appending under a lock (see lockfile.h).
 *
 * The one idea to know: the lock is held on the inode of FILE.lock, and a
 * commit by copy renames that very inode to FILE. A writer that was
 * waiting on it then holds a lock on what is now FILE, so after every
 * acquisition it checks that FILE.lock still names the inode it locked,
 * and starts over when it does not. Every other check is made on the
 * descriptor, never on a name that could be swapped meanwhile.
 *
 * What it costs: a commit in place writes the new text and flushes it,
 * whatever FILE's length (unless the lock was racy: then FILE's bytes are
 * compared). A commit by copy never reads FILE in this process either:
 * its bytes go to FILE.lock by copy_file_range, inside the kernel,
 * falling back to read and write where that is refused. */
#define _GNU_SOURCE /* copy_file_range(2), Linux */

#include "lockfile.h"

#include "fileio.h"
#include "i18n.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* What a file is at one moment: enough to see a change (lockfile.h). */
typedef struct file_state {
    bool exists;
    struct stat st; /* device, inode, size, mtime, ctime */
} file_state;

struct lockfile {
    char *path, *lock_path;
    int fd;
    file_state seen; /* the file when the lock was taken */
    bool racy;       /* seen's ctime is not before the lock's stamp */
};

/* why: translated, a clause such as "it is a symbolic link". */
static void refuse(strbuf *err, const char *path, const char *why)
{
    /* TRANSLATORS: the second %s is why, such as "it is a symbolic link" */
    strbuf_error(err,
                 _("refusing the lock file '%s': %s; if no update is "
                   "running, remove it"),
                 path, why);
}

static void pause_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&t, &t) != 0 && errno == EINTR)
        ;
}

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static bool same_inode(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Does fd still have path as its name? */
static bool named(int fd, const char *path)
{
    struct stat held, at_name;
    return fstat(fd, &held) == 0 && lstat(path, &at_name) == 0 &&
           same_inode(&held, &at_name);
}

/* Why the locked file must not be used as the lock file, or NULL. */
static const char *unsafe_lock(const lockfile *lk, const struct stat *held,
                               char *buf, size_t size)
{
    if (held->st_nlink != 1)
        return _("it has other names (hard links)");
    struct stat file;
    bool owners = held->st_uid == geteuid() ||
                  (lstat(lk->path, &file) == 0 && held->st_uid == file.st_uid);
    if (owners)
        return NULL;
    snprintf(buf, size, _("it belongs to another user (uid %lu)"),
             (unsigned long)held->st_uid);
    return buf;
}

/* Tries once. 1: locked; 0: busy or lost the race (try again); -1: error. */
static int try_lock(lockfile *lk, strbuf *err)
{
    int fd = open(lk->lock_path,
                  O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0666);
    if (fd < 0) {
        if (errno == ELOOP)
            refuse(err, lk->lock_path, _("it is a symbolic link"));
        else
            strbuf_error(err, _("cannot create the lock file '%s': %s"),
                         lk->lock_path, strerror(errno));
        return -1;
    }
    struct stat held;
    if (fstat(fd, &held) != 0 || !S_ISREG(held.st_mode)) {
        refuse(err, lk->lock_path, _("it is not a regular file"));
        close(fd);
        return -1;
    }
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    if (fcntl(fd, F_SETLK, &fl) != 0) {
        int e = errno;
        close(fd);
        if (e == EACCES || e == EAGAIN || e == EINTR)
            return 0;
        errno = e;
        strbuf_error(err, _("cannot lock '%s': %s"), lk->lock_path,
                     strerror(errno));
        return -1;
    }
    if (!named(fd, lk->lock_path) || fstat(fd, &held) != 0) {
        close(fd); /* renamed or removed meanwhile */
        return 0;
    }
    char buf[80];
    const char *unsafe = unsafe_lock(lk, &held, buf, sizeof buf);
    if (unsafe) {
        refuse(err, lk->lock_path, unsafe);
        close(fd);
        return -1;
    }
    if (ftruncate(fd, 0) != 0) { /* a killed writer's leftovers */
        strbuf_error(err, _("cannot empty the lock file '%s': %s"),
                     lk->lock_path, strerror(errno));
        close(fd);
        return -1;
    }
    lk->fd = fd;
    return 1;
}

/* Opens path for reading without following a link, into *fd (-1 when
 * there is no such file), and notes what it is. False with err when it
 * cannot be opened or is not a regular file. */
static bool open_state(const char *path, int *fd, file_state *state,
                       strbuf *err)
{
    memset(state, 0, sizeof *state);
    *fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (*fd < 0 && errno == ENOENT)
        return true;
    const char *wrong = NULL;
    bool ok = false;
    if (*fd < 0 && errno == ELOOP)
        wrong = _("it is a symbolic link, which the update would replace by "
                  "a file");
    else if (*fd < 0 || fstat(*fd, &state->st) != 0)
        strbuf_error(err, _("cannot read '%s': %s"), path, strerror(errno));
    else if (!S_ISREG(state->st.st_mode))
        wrong = _("it is not a regular file");
    else
        ok = true;
    if (wrong)
        /* TRANSLATORS: the second %s is why ("it is not a regular file") */
        strbuf_error(err, _("cannot update '%s': %s"), path, wrong);
    if (!ok && *fd >= 0) {
        close(*fd);
        *fd = -1;
    }
    state->exists = ok;
    return ok;
}

/* Does the file open as fd hold exactly data[0, size)? 1 yes, 0 no, -1 a
 * read error (errno). */
static int holds(int fd, const char *data, size_t size)
{
    char buf[65536];
    size_t at = 0;
    for (;;) {
        ssize_t got = read(fd, buf, sizeof buf);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return got < 0 ? -1 : at == size;
        if ((size_t)got > size - at || memcmp(buf, data + at, (size_t)got) != 0)
            return 0;
        at += (size_t)got;
    }
}

static bool same_time(const struct timespec *a, const struct timespec *b)
{
    return a->tv_sec == b->tv_sec && a->tv_nsec == b->tv_nsec;
}

static bool before(const struct timespec *a, const struct timespec *b)
{
    return a->tv_sec < b->tv_sec ||
           (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

/* Is the file now as the lock found it, and as the caller read it? */
static bool same_state(const lockfile *lk, const file_state *now,
                       const lockfile_read *read)
{
    const file_state *a = &lk->seen;
    if (a->exists != now->exists || now->exists != read->exists)
        return false;
    return !now->exists ||
           (same_inode(&a->st, &now->st) && a->st.st_size == now->st.st_size &&
            (size_t)now->st.st_size == read->len &&
            same_time(&a->st.st_mtim, &now->st.st_mtim) &&
            same_time(&a->st.st_ctim, &now->st.st_ctim));
}

/* Is the file still as the lock found it and as read says (its bytes
 * compared when the lock is racy or read gives them)? Its state now goes
 * to *now. */
static lockfile_status unchanged(const lockfile *lk, const lockfile_read *read,
                                 file_state *now, strbuf *err)
{
    int fd;
    if (!open_state(lk->path, &fd, now, err))
        return LOCKFILE_ERROR;
    int same = same_state(lk, now, read);
    if (same && now->exists && (lk->racy || read->bytes))
        same = read->bytes ? holds(fd, read->bytes, read->len) : 0;
    if (same < 0)
        strbuf_error(err, _("cannot read '%s': %s"), lk->path, strerror(errno));
    if (fd >= 0)
        close(fd);
    return same < 0 ? LOCKFILE_ERROR : same ? LOCKFILE_OK : LOCKFILE_CHANGED;
}

/* The file system's clock now: the lock file's change time once its
 * times are set to now. */
static bool stamp(int fd, struct timespec *now)
{
    struct stat st;
    if (futimens(fd, NULL) != 0 || fstat(fd, &st) != 0)
        return false;
    *now = st.st_ctim;
    return true;
}

lockfile_status lockfile_acquire(const char *path, long timeout_ms,
                                 lockfile **out, strbuf *err)
{
    lockfile *lk = xcalloc(1, sizeof *lk);
    lk->path = xstrdup(path);
    lk->lock_path = xmalloc(strlen(path) + 6);
    strcpy(lk->lock_path, path);
    strcat(lk->lock_path, ".lock");
    lk->fd = -1;
    long start = now_ms(), wait = 1;
    *out = NULL;
    for (;;) {
        int got = try_lock(lk, err), fd;
        struct timespec locked_at;
        bool stamped = got == 1 && stamp(lk->fd, &locked_at);
        if (got == 1 && open_state(lk->path, &fd, &lk->seen, err)) {
            if (fd >= 0)
                close(fd);
            lk->racy = lk->seen.exists &&
                       (!stamped || !before(&lk->seen.st.st_ctim, &locked_at));
            *out = lk;
            return LOCKFILE_OK;
        }
        if (got != 0)
            break;
        if (now_ms() - start > timeout_ms) {
            strbuf_error(
                err,
                _("could not take the lock '%s' within %ld s: other "
                  "updates kept it busy, or one of them is stopped; try "
                  "again"),
                lk->lock_path, timeout_ms / 1000);
            lockfile_release(lk);
            return LOCKFILE_BUSY;
        }
        pause_ms(wait);
        wait = wait < 32 ? wait * 2 : 32;
    }
    lockfile_release(lk);
    return LOCKFILE_ERROR;
}

/* Copies by copy_file_range while the kernel does it, from where each
 * descriptor stands, counting *len down. 1 done, 0 from ended first, 2
 * refused (not offered by this kernel, file system or OS): the rest is
 * to be copied by hand. */
static int copy_by_kernel(int from, int to, size_t *len)
{
#ifdef __linux__
    while (*len) {
        size_t chunk = *len < ((size_t)1 << 30) ? *len : (size_t)1 << 30;
        ssize_t got = copy_file_range(from, NULL, to, NULL, chunk, 0);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return got == 0 ? 0 : 2;
        *len -= (size_t)got;
    }
    return 1;
#else
    (void)from;
    (void)to;
    (void)len;
    return 2;
#endif
}

/* Copies len bytes from the descriptor from to to, from where each
 * stands. 1 done, 0 from ended first, -1 a write error, -2 a read error
 * (errno). */
static int copy_bytes(int from, int to, size_t len)
{
    int done = copy_by_kernel(from, to, &len);
    if (done != 2)
        return done;
    char buf[65536];
    while (len) {
        ssize_t got = read(from, buf, len < sizeof buf ? len : sizeof buf);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return got < 0 ? -2 : 0;
        if (!fileio_write_all(to, buf, (size_t)got))
            return -1;
        len -= (size_t)got;
    }
    return 1;
}

/* Puts the file's bytes into the lock file: copied from the file when it
 * is still as the lock found it, or the caller's copy. */
static lockfile_status fill_old(lockfile *lk, const lockfile_read *read,
                                strbuf *err)
{
    if (!read->exists)
        return LOCKFILE_OK;
    if (read->bytes) {
        if (fileio_write_all(lk->fd, read->bytes, read->len))
            return LOCKFILE_OK;
        strbuf_error(err, _("cannot write '%s': %s"), lk->lock_path,
                     strerror(errno));
        return LOCKFILE_ERROR;
    }
    file_state now;
    int fd;
    if (!open_state(lk->path, &fd, &now, err))
        return LOCKFILE_ERROR;
    int copied =
        same_state(lk, &now, read) ? copy_bytes(fd, lk->fd, read->len) : 0;
    int e = errno;
    if (fd >= 0)
        close(fd);
    if (copied >= 0)
        return copied ? LOCKFILE_OK : LOCKFILE_CHANGED;
    if (copied == -2)
        strbuf_error(err, _("cannot read '%s': %s"), lk->path, strerror(e));
    else
        strbuf_error(err, _("cannot write '%s': %s"), lk->lock_path,
                     strerror(e));
    return LOCKFILE_ERROR;
}

size_t lockfile_page(void)
{
    long page = sysconf(_SC_PAGESIZE);
    return page > 0 ? (size_t)page : 4096;
}

/* Does the tail, after its filler, lie within one page of the file once
 * added after len bytes? */
static bool fits_one_page(size_t len, const lockfile_tail *t)
{
    size_t page = lockfile_page(), start = len + t->filler;
    return t->filler <= t->len && t->len - t->filler <= page - start % page;
}

/* Writes the tail at the file's end (O_APPEND) with one write: a second
 * one could start its text off a page. False when it was not written
 * whole, errno then the reason (asked of the rest of a short write); *put
 * is what reached the file. */
static bool write_once(int fd, const lockfile_tail *t, size_t *put)
{
    ssize_t got = write(fd, t->bytes, t->len);
    *put = got > 0 ? (size_t)got : 0;
    if (got == (ssize_t)t->len)
        return true;
    if (got >= 0) {
        ssize_t more = write(fd, t->bytes + *put, t->len - *put);
        if (more >= 0) {
            *put += (size_t)more;
            errno = EIO;
        }
    }
    return false;
}

/* Takes back the put bytes a failed write left after the len bytes of
 * the file, unless its length shows another change meanwhile. */
static void take_back(int fd, size_t len, size_t put)
{
    struct stat st;
    if (fstat(fd, &st) == 0 && (size_t)st.st_size == len + put &&
        ftruncate(fd, (off_t)len) == 0)
        fdatasync(fd);
}

/* Adds the tail in place (lockfile.h), when the file allows it. 1 done,
 * 0 not here (the copy is to do it), -1 with *st the failure. The write
 * appends (O_APPEND): an editor's save in place that lands between the
 * last check and the write keeps its text, followed by the tail; one that
 * renames a new file over the log is seen after it (LOCKFILE_CHANGED). */
static int append_in_place(lockfile *lk, const lockfile_read *read,
                           const lockfile_tail *t, lockfile_status *st,
                           strbuf *err)
{
    if (!read->exists || !fits_one_page(read->len, t))
        return 0;
    file_state now = {.exists = true};
    int fd =
        open(lk->path, O_RDWR | O_APPEND | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return 0; /* not writable by this user, or gone: the copy tells */
    bool plain = fstat(fd, &now.st) == 0 && S_ISREG(now.st.st_mode) &&
                 now.st.st_nlink == 1 &&
                 !(now.st.st_mode & (S_ISUID | S_ISGID));
    if (!plain) {
        close(fd);
        return 0;
    }
    int same = same_state(lk, &now, read);
    if (same && (lk->racy || read->bytes))
        same = read->bytes ? holds(fd, read->bytes, read->len) : 0;
    *st = LOCKFILE_ERROR;
    size_t put = 0;
    if (same < 0) {
        strbuf_error(err, _("cannot read '%s': %s"), lk->path, strerror(errno));
    } else if (!same) {
        *st = LOCKFILE_CHANGED;
    } else if (!named(lk->fd, lk->lock_path)) {
        refuse(err, lk->lock_path, _("it was replaced while it was written"));
    } else if (!write_once(fd, t, &put)) {
        int e = errno;
        take_back(fd, read->len, put);
        strbuf_error(err, _("cannot write '%s': %s"), lk->path, strerror(e));
    } else if (fdatasync(fd) != 0) {
        int e = errno;
        take_back(fd, read->len, put);
        strbuf_error(err, _("cannot flush to disk '%s': %s"), lk->path,
                     strerror(e));
    } else {
        *st = named(fd, lk->path) ? LOCKFILE_OK : LOCKFILE_CHANGED;
    }
    close(fd);
    return *st == LOCKFILE_OK ? 1 : -1;
}

/* Writes the new content into the lock file, checks that the file is as
 * the lock found it and gives the lock file the file's owner and
 * permissions. */
static lockfile_status prepare(lockfile *lk, const lockfile_read *read,
                               const char *tail, size_t len, strbuf *err)
{
    file_state now;
    lockfile_status st;
    if ((st = fill_old(lk, read, err)) != LOCKFILE_OK)
        return st;
    if (!fileio_write_all(lk->fd, tail, len))
        strbuf_error(err, _("cannot write '%s': %s"), lk->lock_path,
                     strerror(errno));
    else if (fsync(lk->fd) != 0)
        strbuf_error(err, _("cannot flush to disk '%s': %s"), lk->lock_path,
                     strerror(errno));
    else if ((st = unchanged(lk, read, &now, err)) != LOCKFILE_OK)
        return st;
    else if (now.exists ? !fileio_take_over(lk->fd, &now.st)
                        : fchmod(lk->fd, fileio_new_file_mode()) != 0)
        strbuf_error(err, _("cannot set the permissions of '%s': %s"),
                     lk->lock_path, strerror(errno));
    else if (fsync(lk->fd) != 0)
        strbuf_error(err, _("cannot flush to disk '%s': %s"), lk->lock_path,
                     strerror(errno));
    else
        return LOCKFILE_OK;
    return LOCKFILE_ERROR;
}

bool lockfile_racy(const lockfile *lk)
{
    return lk->racy;
}

/* Fills the lock file and renames it over the file (lockfile.h). */
static lockfile_status commit_by_copy(lockfile *lk, const lockfile_read *read,
                                      const lockfile_tail *t, strbuf *err)
{
    lockfile_status st = prepare(lk, read, t->bytes, t->len, err);
    if (st != LOCKFILE_OK)
        return st;
    if (!named(lk->fd, lk->lock_path)) {
        refuse(err, lk->lock_path, _("it was replaced while it was written"));
        return LOCKFILE_ERROR;
    }
    if (rename(lk->lock_path, lk->path) != 0) {
        strbuf_error(err, _("cannot replace '%s': %s"), lk->path,
                     strerror(errno));
        return LOCKFILE_ERROR;
    }
    return LOCKFILE_OK;
}

lockfile_status lockfile_commit(lockfile *lk, const lockfile_read *read,
                                const lockfile_tail *tail, strbuf *err)
{
    lockfile_status st;
    int in_place = append_in_place(lk, read, tail, &st, err);
    if (in_place == 0)
        st = commit_by_copy(lk, read, tail, err);
    if (st == LOCKFILE_CHANGED)
        strbuf_error(err,
                     _("'%s' was changed while the update ran (by an "
                       "editor?)"),
                     lk->path);
    if (st != LOCKFILE_OK || in_place) {
        lockfile_release(lk); /* the lock file, not renamed, goes */
        return st;
    }
    fileio_sync_folder(lk->path);
    close(lk->fd); /* this releases the lock */
    free(lk->path);
    free(lk->lock_path);
    free(lk);
    return LOCKFILE_OK;
}

void lockfile_release(lockfile *lk)
{
    if (!lk)
        return;
    if (lk->fd >= 0) {
        unlink(lk->lock_path); /* while held: waiters will start over */
        close(lk->fd);
    }
    free(lk->path);
    free(lk->lock_path);
    free(lk);
}

const char *lockfile_path(const lockfile *lk)
{
    return lk->lock_path;
}
