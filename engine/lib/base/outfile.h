/* outfile.h - an output file, replaced all at once and never through a
 * name it did not make.
 *
 * To write PATH, the new content goes into a temporary file beside it,
 * PATH.tmp-XXXXXX, created new (O_CREAT | O_EXCL: never through a link,
 * never over another file), mode 0600 while it is written, locked with
 * flock(2) for its whole life, and written only through its descriptor;
 * it is never reopened by name. The commit gives it the mode of the file
 * it replaces without the set-id and sticky bits (a new file: 0666 less
 * the umask) and, where the process may, that file's owner and group,
 * flushes it to disk, renames it over PATH (or, for a PATH that must
 * not exist, links it in: link(2) never replaces) and flushes the folder.
 *
 * PATH must name a regular file or nothing. A folder, a device, a FIFO, a
 * socket or a symbolic link is refused (a link would be replaced, not
 * written through), and so is any file this process has read as input
 * (fileio_was_read): checked when the output is opened and again just
 * before the rename, so nothing is ever written over them.
 *
 * Temporaries do not outlive their writer: outfile_remove_all(), which a
 * signal handler may call, removes those being written; and opening PATH
 * removes the PATH.tmp-XXXXXX files a killed writer left - files of this
 * user whose lock nobody holds, so never one a live writer is filling. */
#ifndef KEHOACH_OUTFILE_H
#define KEHOACH_OUTFILE_H

#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct outfile outfile;

typedef enum outfile_mode {
    OUTFILE_REPLACE, /* an existing file is replaced */
    OUTFILE_NEW,     /* path must name nothing, up to the last instant:
                            the commit links the file in (link(2)), which
                            fails rather than replace one made meanwhile */
} outfile_mode;

/* Checks that path may be written, removes its stale temporaries and
 * creates a new one. Returns NULL with err (the reason, strbuf.h) when
 * path may not be written ("it is a folder", or with OUTFILE_NEW "it
 * exists") or the temporary cannot be made. */
outfile *outfile_open(const char *path, outfile_mode mode, strbuf *err);

/* The descriptor of the temporary file, open for reading and writing. */
int outfile_fd(const outfile *f);

/* Puts the written temporary in place of the path (see above) and frees
 * f. On failure the temporary is removed, the path is as it was, and
 * err says why. */
bool outfile_commit(outfile *f, strbuf *err);

/* Removes the temporary and frees f; the path is as it was. NULL-safe. */
void outfile_discard(outfile *f);

/* Writes data to path all at once: outfile_open, write, outfile_commit. */
bool outfile_write(const char *path, outfile_mode mode, const void *data,
                   size_t len, strbuf *err);

/* Removes every temporary file being written. Async-signal-safe: for a
 * handler of SIGINT, SIGTERM or SIGHUP that then ends the process. */
void outfile_remove_all(void);

#endif
