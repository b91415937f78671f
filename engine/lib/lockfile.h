/* lockfile.h - changing a file under a lock, all or nothing.
 *
 * In the spirit of git's lock files: to change FILE, a writer takes an
 * exclusive lock on FILE.lock, reads FILE, writes the whole new content
 * into FILE.lock, flushes it to disk and renames it over FILE, then
 * flushes the folder. Readers never take the lock: they see the old FILE
 * or the new one, never a mix. Writers queue on the lock one at a time,
 * so none loses another's change.
 *
 * The lock is a POSIX record lock (fcntl) on FILE.lock, which the kernel
 * drops when its holder dies: a writer killed at any instant leaves FILE
 * as it was (at most a stale FILE.lock, which the next writer takes over
 * and empties) and never blocks the next one. A writer that wins the lock
 * on a FILE.lock that was meanwhile renamed or removed starts over. */
#ifndef KEHOACH_LOCKFILE_H
#define KEHOACH_LOCKFILE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct lockfile lockfile;

typedef enum lockfile_status {
    LOCKFILE_OK,
    LOCKFILE_BUSY,     /* the lock stayed taken past the timeout */
    LOCKFILE_ERROR,    /* see the message */
} lockfile_status;

/* Takes the lock of path, waiting up to timeout_ms for other writers. On
 * LOCKFILE_OK, *out is the held lock; otherwise *err is a malloc'ed
 * message (caller frees). */
lockfile_status lockfile_acquire(const char *path, long timeout_ms, lockfile **out,
                                 char **err);

/* Replaces the file with data (keeping the old file's permissions) and
 * releases the lock. Returns false with *err (malloc'ed) when the file
 * could not be replaced; it is then unchanged, and the lock released. */
bool lockfile_commit(lockfile *lk, const char *data, size_t len, char **err);

/* Releases the lock without changing the file. NULL-safe. */
void lockfile_release(lockfile *lk);

/* The path of the lock ("FILE.lock"). */
const char *lockfile_path(const lockfile *lk);

#endif
