/* replay.c - a fuzz target's main without libFuzzer: every file below the
 * paths given (folders recursively, names in byte order) goes once to
 * LLVMFuzzerTestOneInput, and how many ran is printed. Linked with each
 * target in the ordinary build, so every target keeps compiling and its
 * checked-in corpus replays under the build's sanitizers (suite fuzz).
 *
 * usage: replay [--skip-absent] PATH...
 * --skip-absent: a path that does not exist is named and passed over;
 * exit 77 (skipped) when nothing was there to replay. */
#include "fuzz-setup.h"
#include "xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void fail(const char *path, const char *why)
{
    fprintf(stderr, "replay: %s: %s\n", path, why);
    exit(2);
}

/* A regular file's bytes, in a buffer of exactly its size (so that the
 * sanitizers see a read past the end), not followed through a link. */
static void replay_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0)
        fail(path, strerror(errno));
    if (!S_ISREG(st.st_mode))
        fail(path, "not a regular file");
    size_t size = (size_t)st.st_size, got = 0;
    uint8_t *data = xmalloc(size ? size : 1);
    while (got < size) {
        ssize_t n = read(fd, data + got, size - got);
        if (n <= 0)
            fail(path, n < 0 ? strerror(errno) : "shorter than its size");
        got += (size_t)n;
    }
    close(fd);
    LLVMFuzzerTestOneInput(data, size);
    free(data);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* Replays path, a file or a folder; returns how many files ran. */
static size_t replay(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        fail(path, strerror(errno));
    if (!S_ISDIR(st.st_mode)) {
        replay_file(path);
        return 1;
    }
    struct dirent **names;
    int n = scandir(path, &names, NULL, by_name);
    if (n < 0)
        fail(path, strerror(errno));
    size_t count = 0;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0) {
            size_t len = strlen(path) + strlen(name) + 2;
            char *child = xmalloc(len);
            snprintf(child, len, "%s/%s", path, name);
            count += replay(child);
            free(child);
        }
        free(names[i]);
    }
    free(names);
    return count;
}

int main(int argc, char **argv)
{
    bool skip_absent = argc > 1 && strcmp(argv[1], "--skip-absent") == 0;
    int first = skip_absent ? 2 : 1;
    if (first >= argc) {
        fprintf(stderr, "usage: %s [--skip-absent] PATH...\n", argv[0]);
        return 2;
    }
    size_t total = 0, skipped = 0;
    for (int i = first; i < argc; i++) {
        if (skip_absent && access(argv[i], F_OK) != 0 && errno == ENOENT) {
            printf("%s is absent: skipped\n", argv[i]);
            skipped++;
            continue;
        }
        size_t count = replay(argv[i]);
        printf("%s: %zu inputs replayed\n", argv[i], count);
        total += count;
    }
    if (total == 0) {
        fprintf(stderr, "replay: no input to replay\n");
        return skipped ? 77 : 1;
    }
    return 0;
}
