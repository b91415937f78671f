/* fileio.h - reading input files, finding them in folders, writing outputs.
 *
 * Reading never takes more than the caller's limit into memory, whatever
 * size the file claims, so a huge or endless input (a device, a FIFO) is
 * refused instead of exhausting memory. Folder walks are sorted, skip
 * hidden entries and do not follow symbolic links to folders, so the same
 * tree always yields the same list and a link loop cannot trap them.
 * Writing is all or nothing: a temporary file, flushed, then renamed. */
#ifndef KEHOACH_FILEIO_H
#define KEHOACH_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

typedef enum fileio_status {
    FILEIO_OK,
    FILEIO_ERROR,      /* could not open or read; see the message */
    FILEIO_TOO_LARGE,  /* more than max bytes */
} fileio_status;

/* Reads the whole file into a malloc'ed buffer with a NUL after the last
 * byte (caller frees). On FILEIO_ERROR, *err is a malloc'ed message such
 * as "No such file or directory" (caller frees). On FILEIO_TOO_LARGE,
 * *len is the size seen so far (more than max). */
fileio_status fileio_read(const char *path, size_t max, char **data,
                          size_t *len, char **err);

/* Opens a regular file of at most max bytes for reading (caller closes
 * *fd), and stores its size in *size. FILEIO_ERROR and FILEIO_TOO_LARGE
 * as for fileio_read (no descriptor is left open). */
fileio_status fileio_open(const char *path, size_t max, int *fd, size_t *size,
                          char **err);

typedef struct fileio_list {
    char **paths;
    size_t count;
} fileio_list;

/* What a path names. */
typedef enum fileio_kind { FILEIO_MISSING, FILEIO_FILE, FILEIO_DIR } fileio_kind;
fileio_kind fileio_kind_of(const char *path, char **err);

/* Appends to list every regular file below dir whose name ends in one of
 * the suffixes (NULL-terminated), sorted by path. Unreadable folders are
 * reported through on_error(path, message, ctx) and skipped. */
void fileio_walk(const char *dir, const char *const *suffixes, fileio_list *list,
                 void (*on_error)(const char *path, const char *msg, void *ctx),
                 void *ctx);

/* As fileio_walk, looking at no more than max_entries files and folders
 * (counted as their names are read); false when there were more. */
bool fileio_walk_limited(const char *dir, const char *const *suffixes, size_t max_entries,
                         fileio_list *list,
                         void (*on_error)(const char *path, const char *msg, void *ctx),
                         void *ctx);

void fileio_list_add(fileio_list *list, const char *path);
void fileio_list_release(fileio_list *list);

/* An empty file beside path (path + ".tmp-XXXXXX") with the mode a new
 * file would have, for writing a file that appears whole or not at all.
 * Returns its name (caller frees), or NULL with a message in *err. */
char *fileio_temp_beside(const char *path, char **err);
/* Puts the written temporary file in place of path: flushed to the disk,
 * renamed, the folder flushed. On failure the temporary file is removed
 * and *err says why (caller frees). */
bool fileio_commit(const char *tmp, const char *path, char **err);

/* Writes data to path so that the file is either as it was or complete:
 * written to a temporary file beside it, flushed to disk, renamed over it.
 * Returns false with *err (malloc'ed, caller frees) on failure, leaving no
 * temporary file behind. */
bool fileio_write_atomic(const char *path, const char *data, size_t len, char **err);

/* The folder part of a path ("." when there is none); caller frees. */
char *fileio_dirname(const char *path);
/* The last component of a path (points into path). */
const char *fileio_basename(const char *path);

#endif
