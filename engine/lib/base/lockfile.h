/* lockfile.h - appending to a file under a lock, all or nothing.
 *
 * In the spirit of git's lock files: to change FILE, a writer takes an
 * exclusive lock on FILE.lock, reads FILE, writes the whole new content -
 * FILE's bytes followed by what it adds - into FILE.lock, flushes it to
 * disk and renames it over FILE, then flushes the folder. Readers never
 * take the lock: they see the old FILE or the new one, never a mix; a
 * write cut short stays in FILE.lock. Writers queue on the lock one at a
 * time, so none loses another's change.
 *
 * The lock is a POSIX record lock (fcntl) on FILE.lock, which the kernel
 * drops when its holder dies: a writer killed at any instant leaves FILE
 * as it was (at most a stale FILE.lock, which the next writer takes over
 * and empties) and never blocks the next one. A writer that wins the lock
 * on a FILE.lock that was meanwhile renamed or removed starts over.
 *
 * FILE.lock is opened without following a link, and used only when the
 * descriptor shows a regular file with no other name, owned by this user
 * or by FILE's owner: anything else (a link planted there, a hard link to
 * another file) is refused before a byte of it is touched. FILE itself
 * must be a regular file, not a link. The new FILE gets the old one's
 * permissions (without set-id bits) and, where the process may, its owner.
 *
 * Only programs that take the lock are queued. One that does not - an
 * editor saving FILE - is caught instead: the lock notes what FILE is when
 * taken (device, inode, size, modification and change times), and just
 * before the rename the commit looks at FILE again and refuses
 * (LOCKFILE_CHANGED) unless it is still so and is as long as the caller
 * found it. That is enough without reading FILE again: the lock stamps
 * FILE.lock with the file system's clock when it is taken, after which
 * any change to FILE (a write, a rename, a new link, new times) gives FILE
 * a later change time. Only when FILE had changed within the clock's
 * resolution of that stamp (a change time not before it: lockfile_racy)
 * could a change leave the change time as it was; then the caller hands
 * over the bytes it read and the commit compares them with FILE's. The
 * old bytes are copied from FILE to FILE.lock by the kernel (or written
 * from the caller's copy when it gave one), never built in memory. */
#ifndef KEHOACH_LOCKFILE_H
#define KEHOACH_LOCKFILE_H

#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct lockfile lockfile;

typedef enum lockfile_status {
    LOCKFILE_OK,
    LOCKFILE_BUSY,    /* the lock stayed taken past the timeout */
    LOCKFILE_CHANGED, /* the file was changed by a writer without the lock */
    LOCKFILE_ERROR,   /* see the message */
} lockfile_status;

/* Takes the lock of path, waiting up to timeout_ms for other writers, and
 * notes what path is now. On LOCKFILE_OK, *out is the held lock;
 * otherwise err gets the reason (strbuf.h). */
lockfile_status lockfile_acquire(const char *path, long timeout_ms,
                                 lockfile **out, strbuf *err);

/* True when the file changed so shortly before the lock was taken that
 * its change time cannot tell a later change: the caller must then give
 * lockfile_commit the bytes it read. */
bool lockfile_racy(const lockfile *lk);

/* What the caller read of the file under the lock. */
typedef struct lockfile_read {
    bool exists;       /* false: there was no file; it will be made */
    size_t len;        /* its length */
    const char *bytes; /* its bytes; NULL unless lockfile_racy (when
                          given, they are compared with the file's) */
} lockfile_read;

/* Replaces the file with its bytes (as read) followed by tail[0, len),
 * and releases the lock. The file must be just before the rename as it
 * was when the lock was taken and as read said; otherwise
 * LOCKFILE_CHANGED. On any status but LOCKFILE_OK, err gets the reason,
 * the file is as the other writer left it or as it was, and the lock is
 * released. */
lockfile_status lockfile_commit(lockfile *lk, const lockfile_read *read,
                                const char *tail, size_t len, strbuf *err);

/* Releases the lock without changing the file. NULL-safe. */
void lockfile_release(lockfile *lk);

/* The path of the lock ("FILE.lock"). */
const char *lockfile_path(const lockfile *lk);

#endif
