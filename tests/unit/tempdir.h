/* tempdir.h - a temporary folder for the unit tests that need files:
 * made with mkdtemp, filled by the test, removed with everything in it. */
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
static inline int tempdir_write(const char *root, const char *rel, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs(text, f);
    return fclose(f);
}

static inline int tempdir_remove(const char *root)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd);
}

#endif
