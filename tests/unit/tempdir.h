/* tempdir.h - a temporary folder for the unit tests that need files:
 * made with mkdtemp, filled and read by the test, removed with everything
 * in it; for a test file whose tests share one folder, the folder itself
 * (TEMPDIR_GROUP), names in it and a check of a file's text. */
#ifndef KEHOACH_TEST_TEMPDIR_H
#define KEHOACH_TEST_TEMPDIR_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Makes /tmp/kehoach-<name>-XXXXXX in root (at least 64 bytes); 0 on
 * success, as cmocka's setup functions return. */
static inline int tempdir_make(char *root, const char *name)
{
    snprintf(root, 64, "/tmp/kehoach-%s-XXXXXX", name);
    return mkdtemp(root) ? 0 : -1;
}

/* Writes text to root/rel; 0 on success. */
static inline int tempdir_write(const char *root, const char *rel,
                                const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs(text, f);
    return fclose(f);
}

/* The whole of the file at path (malloc'ed, caller frees), or NULL when
 * it cannot be read. */
static inline char *tempdir_read(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t len = 0, cap = 256;
    char *data = malloc(cap);
    size_t got;
    while (data && (got = fread(data + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (cap - len == 1) {
            char *bigger = realloc(data, cap *= 2);
            if (!bigger)
                free(data);
            data = bigger;
        }
    }
    fclose(f);
    if (data)
        data[len] = '\0';
    return data;
}

static inline int tempdir_remove(const char *root)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd);
}

/* root/name, in one of four static buffers used in turn: good until the
 * fourth call after. */
static inline const char *tempdir_path(const char *root, const char *name)
{
    static char paths[4][160];
    static unsigned next;
    char *p = paths[next++ % 4];
    snprintf(p, sizeof paths[0], "%s/%s", root, name);
    return p;
}

/* One folder for all the tests of a file: defines `root`, the cmocka group
 * setup and teardown that make and remove it (make_root, remove_root, for
 * cmocka_run_group_tests) and in_root(name), its name in root. */
#define TEMPDIR_GROUP(name)                             \
    static char root[64];                               \
    static int make_root(void **state)                  \
    {                                                   \
        (void)state;                                    \
        return tempdir_make(root, name);                \
    }                                                   \
    static int remove_root(void **state)                \
    {                                                   \
        (void)state;                                    \
        return tempdir_remove(root);                    \
    }                                                   \
    static inline const char *in_root(const char *file) \
    {                                                   \
        return tempdir_path(root, file);                \
    }

/* The file at path can be read and holds exactly want; a failure is
 * reported at the line of the caller (a macro, for cmocka). Needs
 * cmocka.h. */
#define assert_file_text(path, want)      \
    do {                                  \
        char *text_ = tempdir_read(path); \
        assert_non_null(text_);           \
        assert_string_equal(text_, want); \
        free(text_);                      \
    } while (0)

#endif
