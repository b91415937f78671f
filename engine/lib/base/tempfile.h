/* tempfile.h - an anonymous temporary file, for data too large to hold in
 * memory until a command knows it may write it.
 *
 * The file is made in $TMPDIR (when it names an absolute folder) or /tmp,
 * with O_TMPFILE where the file system has it: it never has a name, so
 * nothing else can open it and it vanishes when closed, even when the
 * process is killed. Elsewhere it is made with mkstemp(3) and unlinked at
 * once. Either way it is mode 0600, written and read only through its
 * descriptor, never reopened by name. */
#ifndef KEHOACH_TEMPFILE_H
#define KEHOACH_TEMPFILE_H

#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The folder temporary files are made in: $TMPDIR or /tmp. */
const char *tempfile_folder(void);

/* A new anonymous temporary file open for reading and writing, or -1
 * with err (the reason, strbuf.h). */
int tempfile_anonymous(strbuf *err);

/* Reads exactly len bytes at offset; false with errno set (EIO when the
 * file is shorter). */
bool tempfile_read_at(int fd, void *buf, size_t len, uint64_t offset);

#endif
