/* fileio.h - reading input files, finding them in folders, and the pieces
 * of writing that outfile.h and lockfile.h share.
 *
 * Reading never takes more than the caller's limit into memory, whatever
 * size the file claims, so a huge or endless input (a device, a FIFO) is
 * refused instead of exhausting memory. Folder walks are sorted, skip
 * hidden entries and do not follow symbolic links to folders, so the same
 * tree always yields the same list and a link loop cannot trap them.
 * Every file read is remembered (device and inode, in a fileio_file_set),
 * so that no output is written over an input. The names of the files a
 * run meets are kept once for the process (fileio_path_kept), however
 * many lists hold them. */
#ifndef KEHOACH_FILEIO_H
#define KEHOACH_FILEIO_H

#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

typedef enum fileio_status {
    FILEIO_OK,
    FILEIO_ERROR,     /* could not open or read; see the message */
    FILEIO_TOO_LARGE, /* more than max bytes */
} fileio_status;

/* The name that stands for the standard input where a file is read. */
#define FILEIO_STDIN "-"

/* Reads the whole file (path FILEIO_STDIN: the standard input, to its
 * end) into a malloc'ed buffer with a NUL after the last byte (caller
 * frees). On FILEIO_ERROR, err gets the reason (strbuf.h), such as "No
 * such file or directory". On FILEIO_TOO_LARGE, *len is the size seen so
 * far (more than max). */
fileio_status fileio_read(const char *path, size_t max, char **data,
                          size_t *len, strbuf *err);

/* Opens a regular file of at most max bytes for reading (caller closes
 * *fd), and stores its size in *size. FILEIO_ERROR and FILEIO_TOO_LARGE
 * as for fileio_read (no descriptor is left open). */
fileio_status fileio_open(const char *path, size_t max, int *fd, size_t *size,
                          strbuf *err);

/* Reads fd to its end as fileio_read reads a file (size: what it holds
 * now, a hint; the caller closes fd). */
fileio_status fileio_read_fd(int fd, size_t size, size_t max, char **data,
                             size_t *len, strbuf *err);

/* A list of paths, each kept for the process (fileio_path_kept). */
typedef struct fileio_list {
    const char **paths;
    size_t count, cap;
} fileio_list;

/* What a path names. */
typedef enum fileio_kind {
    FILEIO_MISSING,
    FILEIO_FILE,
    FILEIO_DIR
} fileio_kind;
fileio_kind fileio_kind_of(const char *path, strbuf *err);

/* Appends to list every regular file below dir whose name ends in one of
 * the suffixes (NULL-terminated), sorted by path. Unreadable folders are
 * reported through on_error(path, message, ctx) and skipped. */
void fileio_walk(const char *dir, const char *const *suffixes,
                 fileio_list *list,
                 void (*on_error)(const char *path, const char *msg, void *ctx),
                 void *ctx);

/* As fileio_walk, for the files of dir itself and not of its subfolders,
 * an unreadable folder passed over without a word. */
void fileio_list_folder(const char *dir, const char *const *suffixes,
                        fileio_list *list);

/* What a limited walk left out: files and folders past its limit, and
 * folders nested deeper than a walk goes (32). */
typedef struct fileio_walk_cut {
    bool too_many, too_deep;
} fileio_walk_cut;

/* As fileio_walk (unreadable folders passed over without a word), looking
 * at no more than max_entries files and folders, counted as their names
 * are read; says what it left out. */
fileio_walk_cut fileio_walk_limited(const char *dir,
                                    const char *const *suffixes,
                                    size_t max_entries, fileio_list *list);

void fileio_list_add(fileio_list *list, const char *path);
void fileio_list_release(fileio_list *list);

/* The path by which fileio_open or fileio_read has opened the file st
 * describes (same device and inode) in this process, or NULL: an output
 * must never replace an input (outfile.h). */
const char *fileio_was_read(const struct stat *st);

/* A set of files told apart by device and inode, each with a name the
 * caller keeps (a run seeing thousands of files holds them here, not in a
 * string map): open addressing with linear probing in one malloc'ed table
 * of 24-byte slots, grown at three quarters full, the old table freed. A
 * zeroed set is empty and valid. */
typedef struct fileio_file_set {
    struct fileio_file_slot *slots;
    size_t cap, count;
} fileio_file_set;

/* Adds the file st describes, with name (borrowed), unless it is there:
 * true when it was added. */
bool fileio_file_set_add(fileio_file_set *set, const struct stat *st,
                         const char *name);
/* The name the file st describes was added with, or NULL. */
const char *fileio_file_set_name(const fileio_file_set *set,
                                 const struct stat *st);
void fileio_file_set_release(fileio_file_set *set);

/* A copy of path that lives as long as the process, the same copy for
 * the same text: a name held by many lists (the files read, a run's
 * results, a diagnostics sink's files and places) costs its bytes once. */
const char *fileio_path_kept(const char *path);

/* Writes all of data to fd, going on after signals. False with errno set. */
bool fileio_write_all(int fd, const void *data, size_t len);

/* Flushes the folder that holds path, so that a rename in it is on disk.
 * Best effort: some file systems refuse to flush a folder. */
void fileio_sync_folder(const char *path);

/* The mode a new file gets: 0666 less the umask. */
mode_t fileio_new_file_mode(void);

/* Gives the file open as fd what the file it replaces had (old): its
 * permission bits without set-user-id, set-group-id and sticky, and, where
 * the process may, its owner and group - root keeps both, a plain user the
 * group when it belongs to it, else what it has. False with errno when the
 * permissions could not be set. */
bool fileio_take_over(int fd, const struct stat *old);

/* The folder part of a path ("." when there is none); caller frees. */
char *fileio_dirname(const char *path);
/* The last component of a path (points into path). */
const char *fileio_basename(const char *path);

#endif
