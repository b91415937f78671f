/* test-fileio.c - reading files within a limit, remembering what was
 * read, and walking folders (fileio.h), in a temporary folder. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fileio.h"
#include "tempdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[64];

static void write_file(const char *rel, const char *text)
{
    assert_int_equal(tempdir_write(root, rel, text), 0);
}

static void mkdir_rel(const char *rel)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    assert_int_equal(mkdir(path, 0755), 0);
}

static int setup(void **state)
{
    (void)state;
    if (tempdir_make(root, "fileio") != 0)
        return -1;
    mkdir_rel("b");
    mkdir_rel("a");
    mkdir_rel(".hidden");
    write_file("b/2.yaml", "x: 1\n");
    write_file("b/1.yml", "x: 1\n");
    write_file("a/z.yaml", "x: 1\n");
    write_file("a/notes.txt", "x\n");
    write_file(".hidden/h.yaml", "x: 1\n");
    write_file("top.yaml", "kế hoạch\n");
    char target[256], link[256];
    snprintf(target, sizeof target, "%s/a", root);
    snprintf(link, sizeof link, "%s/loop", root);
    assert_int_equal(symlink(target, link),
                     0); /* a folder link: not followed */
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return tempdir_remove(root);
}

static void reads_within_the_limit(void **state)
{
    (void)state;
    char path[256], *data;
    strbuf err = STRBUF_INIT;
    size_t len;
    snprintf(path, sizeof path, "%s/top.yaml", root);
    assert_int_equal(fileio_read(path, 100, &data, &len, &err), FILEIO_OK);
    assert_int_equal(len, strlen("kế hoạch\n"));
    assert_string_equal(data, "kế hoạch\n");
    free(data);
    assert_int_equal(fileio_read(path, 4, &data, &len, &err), FILEIO_TOO_LARGE);
    assert_null(data);
    assert_int_equal(fileio_read("/nonexistent/x.yaml", 100, &data, &len, &err),
                     FILEIO_ERROR);
    assert_string_equal(strbuf_str(&err), "No such file or directory");
    strbuf_release(&err);
    assert_int_equal(fileio_read(root, 100, &data, &len, &err), FILEIO_ERROR);
    assert_string_equal(strbuf_str(&err), "Is a directory");
    strbuf_release(&err);
    assert_int_equal(fileio_read("/dev/zero", 100, &data, &len, &err),
                     FILEIO_ERROR);
    assert_string_equal(strbuf_str(&err), "not a regular file");
    strbuf_release(&err);
}

static void walks_sorted_skipping_hidden_and_links(void **state)
{
    (void)state;
    const char *const suffixes[] = {".yaml", ".yml", NULL};
    fileio_list list = {0};
    fileio_walk(root, suffixes, &list, NULL, NULL);
    assert_int_equal(list.count, 4);
    const char *want[] = {"a/z.yaml", "b/1.yml", "b/2.yaml", "top.yaml"};
    for (size_t i = 0; i < 4; i++) {
        char path[256];
        snprintf(path, sizeof path, "%s/%s", root, want[i]);
        assert_string_equal(list.paths[i], path);
    }
    fileio_list_release(&list);
    strbuf err = STRBUF_INIT;
    assert_int_equal(fileio_kind_of(root, &err), FILEIO_DIR);
    assert_int_equal(fileio_kind_of("/nonexistent", &err), FILEIO_MISSING);
    strbuf_release(&err);
}

static void remembers_what_was_read(void **state)
{
    (void)state;
    char path[256], other[256], *data;
    strbuf err = STRBUF_INIT;
    size_t len;
    snprintf(path, sizeof path, "%s/top.yaml", root);
    snprintf(other, sizeof other, "%s/a/notes.txt", root);
    struct stat st, st_other;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(stat(other, &st_other), 0);
    assert_int_equal(fileio_read(path, 100, &data, &len, &err), FILEIO_OK);
    free(data);
    assert_string_equal(fileio_was_read(&st), path);
    assert_null(fileio_was_read(&st_other));
}

/* The tree of setup() holds 8 files and folders that are not hidden. */
static void walks_within_a_limit(void **state)
{
    (void)state;
    const char *const suffixes[] = {".yaml", ".yml", NULL};
    fileio_list list = {0};
    assert_false(fileio_walk_limited(root, suffixes, 8, &list).too_many);
    assert_int_equal(list.count, 4);
    fileio_list_release(&list);
    assert_true(fileio_walk_limited(root, suffixes, 7, &list).too_many);
    assert_true(list.count < 4);
    fileio_list_release(&list);
}

static void opens_within_the_limit(void **state)
{
    (void)state;
    char path[256];
    strbuf err = STRBUF_INIT;
    int fd;
    size_t size;
    snprintf(path, sizeof path, "%s/top.yaml", root);
    assert_int_equal(fileio_open(path, 100, &fd, &size, &err), FILEIO_OK);
    assert_int_equal(size, strlen("kế hoạch\n"));
    char buf[4];
    assert_int_equal(read(fd, buf, 2), 2);
    assert_memory_equal(buf, "k\xe1", 2);
    close(fd);
    assert_int_equal(fileio_open(path, 4, &fd, &size, &err), FILEIO_TOO_LARGE);
    assert_int_equal(fd, -1);
    assert_int_equal(size, strlen("kế hoạch\n"));
    assert_int_equal(fileio_open(root, 100, &fd, &size, &err), FILEIO_ERROR);
    assert_string_equal(strbuf_str(&err), "Is a directory");
    strbuf_release(&err);
}

static void lists_grow_past_every_doubling(void **state)
{
    (void)state;
    fileio_list list = {0};
    char name[16];
    for (int i = 0; i < 300; i++) {
        snprintf(name, sizeof name, "%d.yaml", i);
        fileio_list_add(&list, name);
    }
    assert_int_equal(list.count, 300);
    for (int i = 0; i < 300; i++) {
        snprintf(name, sizeof name, "%d.yaml", i);
        assert_string_equal(list.paths[i], name);
    }
    fileio_list_release(&list);
}

static void path_parts(void **state)
{
    (void)state;
    char *d = fileio_dirname("plans/sub/x.yaml");
    assert_string_equal(d, "plans/sub");
    free(d);
    d = fileio_dirname("x.yaml");
    assert_string_equal(d, ".");
    free(d);
    d = fileio_dirname("/x.yaml");
    assert_string_equal(d, "/");
    free(d);
    assert_string_equal(fileio_basename("plans/sub/x.yaml"), "x.yaml");
    assert_string_equal(fileio_basename("x.yaml"), "x.yaml");
}

/* Files are told apart by device and inode together, across every growth
 * of the table, and the name first given stays. */
static void file_set_by_device_and_inode(void **state)
{
    (void)state;
    fileio_file_set set = {0};
    struct stat st;
    memset(&st, 0, sizeof st);
    char names[2][3000][16];
    for (int dev = 0; dev < 2; dev++)
        for (int i = 0; i < 3000; i++) {
            snprintf(names[dev][i], sizeof names[dev][i], "f%d-%d", dev, i);
            st.st_dev = (dev_t)dev;
            st.st_ino = (ino_t)i;
            assert_true(fileio_file_set_add(&set, &st, names[dev][i]));
        }
    assert_int_equal(set.count, 6000);
    for (int dev = 0; dev < 2; dev++)
        for (int i = 0; i < 3000; i++) {
            st.st_dev = (dev_t)dev;
            st.st_ino = (ino_t)i;
            assert_string_equal(fileio_file_set_name(&set, &st), names[dev][i]);
        }
    st.st_dev = 1;
    st.st_ino = 7;
    assert_false(fileio_file_set_add(&set, &st, "again"));
    assert_string_equal(fileio_file_set_name(&set, &st), "f1-7");
    st.st_dev = 2;
    assert_null(fileio_file_set_name(&set, &st));
    fileio_file_set_release(&set);
    assert_null(fileio_file_set_name(&set, &st));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_within_the_limit),
        cmocka_unit_test(walks_sorted_skipping_hidden_and_links),
        cmocka_unit_test(remembers_what_was_read),
        cmocka_unit_test(walks_within_a_limit),
        cmocka_unit_test(opens_within_the_limit),
        cmocka_unit_test(lists_grow_past_every_doubling),
        cmocka_unit_test(path_parts),
        cmocka_unit_test(file_set_by_device_and_inode),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
