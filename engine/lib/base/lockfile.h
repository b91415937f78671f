/* lockfile.h - appending to a file under a lock, all or nothing.
 *
 * In the spirit of git's lock files: to change FILE, a writer takes an
 * exclusive lock on FILE.lock, reads FILE, and adds its text after FILE's
 * last byte. Readers never take the lock: they see FILE before the text
 * or after it, never a part of it. Writers queue on the lock one at a
 * time, so none loses another's change.
 *
 * The text is added in one of two ways, whichever the file allows:
 *
 *  - In place, with one write at FILE's end, flushed to disk. The kernel
 *    copies a write into a file page by page (lockfile_page) and a writer
 *    killed during it stops only between two pages; so a write that
 *    crosses no page boundary is there whole or not at all, and one that
 *    crosses boundaries only inside its filler (lockfile_tail) can leave
 *    nothing but a part of that filler. Only a file that this user may
 *    write, with one name and no set-id bits, is written so, and only
 *    when the text after its filler lies within one page of the file.
 *  - By a copy: FILE's bytes followed by the text go into FILE.lock, which
 *    is flushed to disk and renamed over FILE, then the folder is flushed.
 *    A write cut short stays in FILE.lock. The new FILE gets the old
 *    one's permissions (without set-id bits) and, where the process may,
 *    its owner. This costs a copy of FILE (by the kernel; a clone on file
 *    systems that share blocks), so in place is preferred.
 *
 * The lock is a POSIX record lock (fcntl) on FILE.lock, which the kernel
 * drops when its holder dies: a writer killed at any instant leaves FILE
 * as it was, or with its text whole, or (in place) with a part of its
 * filler, and never blocks the next one (a stale FILE.lock is taken over
 * and emptied). A writer that wins the lock on a FILE.lock that was
 * meanwhile renamed or removed starts over.
 *
 * FILE.lock is opened without following a link, and used only when the
 * descriptor shows a regular file with no other name, owned by this user
 * or by FILE's owner: anything else (a link planted there, a hard link to
 * another file) is refused before a byte of it is touched. FILE itself
 * must be a regular file, not a link.
 *
 * Only programs that take the lock are queued. One that does not - an
 * editor saving FILE - is caught instead: the lock notes what FILE is when
 * taken (device, inode, size, modification and change times), and just
 * before the write the commit looks at FILE again and refuses
 * (LOCKFILE_CHANGED) unless it is still so and is as long as the caller
 * found it. That is enough without reading FILE again: the lock stamps
 * FILE.lock with the file system's clock when it is taken, after which
 * any change to FILE (a write, a rename, a new link, new times) gives FILE
 * a later change time. Only when FILE had changed within the clock's
 * resolution of that stamp (a change time not before it: lockfile_racy)
 * could a change leave the change time as it was; then the caller hands
 * over the bytes it read and the commit compares them with FILE's. */
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

/* What a commit adds after the file's last byte: bytes[0, len), whose
 * first `filler` bytes may be cut anywhere - the file may end in them and
 * still be whole (for a YAML log: comment lines) - and are there only to
 * bring the rest to the start of a page (lockfile_page). 0 when there is
 * none. */
typedef struct lockfile_tail {
    const char *bytes;
    size_t len;
    size_t filler;
} lockfile_tail;

/* The size of the pages a write is copied into a file by (the system's
 * page size): a writer killed during one write leaves its bytes cut at a
 * multiple of it, as an offset in the file, or not at all. */
size_t lockfile_page(void);

/* Adds tail after the file's bytes (as read), in place or by a copy (see
 * above), and releases the lock. The file must be just before the write
 * as it was when the lock was taken and as read said; otherwise
 * LOCKFILE_CHANGED. On any status but LOCKFILE_OK, err gets the reason,
 * the file is as the other writer left it or as it was, and the lock is
 * released. */
lockfile_status lockfile_commit(lockfile *lk, const lockfile_read *read,
                                const lockfile_tail *tail, strbuf *err);

/* Releases the lock without changing the file. NULL-safe. */
void lockfile_release(lockfile *lk);

/* The path of the lock ("FILE.lock"). */
const char *lockfile_path(const lockfile *lk);

#endif
