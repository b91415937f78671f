/* lockfile.c - all-or-nothing replacement under a lock (see lockfile.h).
 *
 * The one idea to know: the lock is held on the inode of FILE.lock, and a
 * successful commit renames that very inode to FILE. A writer that was
 * waiting on it then holds a lock on what is now FILE, so after every
 * acquisition it checks that FILE.lock still names the inode it locked,
 * and starts over when it does not. */
#include "lockfile.h"

#include "arena.h"
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct lockfile {
    char *path, *lock_path;
    int fd;
};

static char *message(const char *what, const char *path)
{
    const char *why = strerror(errno);
    size_t n = strlen(what) + strlen(path) + strlen(why) + 8;
    char *m = xmalloc(n);
    snprintf(m, n, "%s '%s': %s", what, path, why);
    return m;
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

/* Tries once. 1: locked; 0: busy or lost the race (try again); -1: error. */
static int try_lock(lockfile *lk, char **err)
{
    int fd = open(lk->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) {
        *err = message("cannot create the lock file", lk->lock_path);
        return -1;
    }
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    if (fcntl(fd, F_SETLK, &fl) != 0) {
        int e = errno;
        close(fd);
        if (e == EACCES || e == EAGAIN || e == EINTR)
            return 0;
        errno = e;
        *err = message("cannot lock", lk->lock_path);
        return -1;
    }
    struct stat held, named;
    if (fstat(fd, &held) != 0 || stat(lk->lock_path, &named) != 0 ||
        held.st_dev != named.st_dev || held.st_ino != named.st_ino) {
        close(fd);                  /* renamed or removed meanwhile */
        return 0;
    }
    if (ftruncate(fd, 0) != 0) {    /* a killed writer's leftovers */
        *err = message("cannot empty the lock file", lk->lock_path);
        close(fd);
        return -1;
    }
    lk->fd = fd;
    return 1;
}

lockfile_status lockfile_acquire(const char *path, long timeout_ms, lockfile **out,
                                 char **err)
{
    lockfile *lk = xcalloc(1, sizeof *lk);
    lk->path = xstrdup(path);
    lk->lock_path = xmalloc(strlen(path) + 6);
    strcpy(lk->lock_path, path);
    strcat(lk->lock_path, ".lock");
    lk->fd = -1;
    long start = now_ms(), wait = 1;
    *out = NULL;
    *err = NULL;
    for (;;) {
        int got = try_lock(lk, err);
        if (got == 1) {
            *out = lk;
            return LOCKFILE_OK;
        }
        if (got < 0)
            break;
        if (now_ms() - start > timeout_ms) {
            size_t n = strlen(lk->lock_path) + 160;
            *err = xmalloc(n);
            snprintf(*err, n, "could not take the lock '%s' within %ld s: other "
                     "updates kept it busy, or one of them is stopped; try again",
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

static bool write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t k = write(fd, data, len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return false;
        data += k;
        len -= (size_t)k;
    }
    return true;
}

/* Flushes the folder that holds path, so that the rename is on disk. Best
 * effort: the file is already replaced, and some file systems refuse to
 * flush a folder. */
static void sync_folder(const char *path)
{
    char *dir = fileio_dirname(path);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(dir);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

bool lockfile_commit(lockfile *lk, const char *data, size_t len, char **err)
{
    struct stat old;
    *err = NULL;
    if (stat(lk->path, &old) == 0 && fchmod(lk->fd, old.st_mode & 07777) != 0)
        *err = message("cannot set the permissions of", lk->lock_path);
    else if (!write_all(lk->fd, data, len))
        *err = message("cannot write", lk->lock_path);
    else if (fsync(lk->fd) != 0)
        *err = message("cannot flush to disk", lk->lock_path);
    else if (rename(lk->lock_path, lk->path) != 0)
        *err = message("cannot replace", lk->path);
    if (*err) {
        lockfile_release(lk);       /* not renamed: the file is unchanged */
        return false;
    }
    sync_folder(lk->path);
    close(lk->fd);                  /* this releases the lock */
    free(lk->path);
    free(lk->lock_path);
    free(lk);
    return true;
}

void lockfile_release(lockfile *lk)
{
    if (!lk)
        return;
    if (lk->fd >= 0) {
        unlink(lk->lock_path);      /* while held: waiters will start over */
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
