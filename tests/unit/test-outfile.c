/* test-outfile.c - replacing an output file (outfile.h), in a temporary
 * folder: what may not be replaced is refused (a folder, a FIFO, a device,
 * a link, an input read before), the temporary is written through its
 * descriptor whatever happens to its name, the mode is kept without set-id
 * bits and a new file gets 0666 less the umask, as root the owner is kept
 * (skipped otherwise), stale temporaries go and live ones stay, and
 * outfile_remove_all() leaves no temporary. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fileio.h"
#include "outfile.h"

#include "tempdir.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

TEMPDIR_GROUP("outfile")

/* Reads path as a command reads its inputs (fileio_read remembers it). */
static void read_as_input(const char *path)
{
    char *data;
    strbuf err = STRBUF_INIT;
    size_t len;
    assert_int_equal(fileio_read(path, 1 << 20, &data, &len, &err), FILEIO_OK);
    free(data);
}

/* The names in root that begin with prefix. */
static size_t count_names(const char *prefix)
{
    DIR *d = opendir(root);
    assert_non_null(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    closedir(d);
    return n;
}

static void refused(const char *path, const char *words)
{
    strbuf err = STRBUF_INIT;
    assert_null(outfile_open(path, OUTFILE_REPLACE, &err));
    if (!strstr(strbuf_str(&err), words))
        fail_msg("'%s' lacks '%s'", strbuf_str(&err), words);
    strbuf_release(&err);
}

static void what_is_not_a_plain_file_is_refused(void **state)
{
    (void)state;
    assert_int_equal(mkdir(in_root("folder"), 0755), 0);
    refused(in_root("folder"), "it is a folder");
    assert_int_equal(mkfifo(in_root("fifo"), 0600), 0);
    refused(in_root("fifo"), "FIFO");
    refused("/dev/null", "device");
    assert_int_equal(tempdir_write(root, "target", "keep\n"), 0);
    assert_int_equal(symlink(in_root("target"), in_root("link")), 0);
    refused(in_root("link"), "symbolic link");
    refused("", "names no file");
    assert_int_equal(count_names("folder.tmp-") + count_names("fifo.tmp-") +
                         count_names("link.tmp-"),
                     0);
}

static void an_input_is_never_replaced(void **state)
{
    (void)state;
    assert_int_equal(tempdir_write(root, "input.yaml", "x: 1\n"), 0);
    assert_int_equal(link(in_root("input.yaml"), in_root("other-name.yaml")),
                     0);
    read_as_input(in_root("input.yaml"));
    refused(in_root("input.yaml"), "one of the files this command reads");
    refused(in_root("other-name.yaml"), "input.yaml");
    /* read after the output was opened: refused at the commit */
    assert_int_equal(tempdir_write(root, "late.yaml", "x: 1\n"), 0);
    strbuf err = STRBUF_INIT;
    outfile *f = outfile_open(in_root("late.yaml"), OUTFILE_REPLACE, &err);
    assert_non_null(f);
    read_as_input(in_root("late.yaml"));
    assert_false(outfile_commit(f, &err));
    assert_non_null(strstr(strbuf_str(&err), "reads"));
    strbuf_release(&err);
    assert_file_text(in_root("late.yaml"), "x: 1\n");
    assert_int_equal(count_names("late.yaml.tmp-"), 0);
}

/* OUTFILE_NEW: an existing file is refused when opened, and one made
 * while the output is written is kept, not replaced. */
static void a_new_file_never_replaces_one(void **state)
{
    (void)state;
    strbuf err = STRBUF_INIT;
    assert_int_equal(tempdir_write(root, "there.yaml", "keep\n"), 0);
    assert_null(outfile_open(in_root("there.yaml"), OUTFILE_NEW, &err));
    assert_non_null(strstr(strbuf_str(&err), "it exists"));
    strbuf_release(&err);
    outfile *f = outfile_open(in_root("late-new.yaml"), OUTFILE_NEW, &err);
    assert_non_null(f);
    assert_int_equal(write(outfile_fd(f), "new\n", 4), 4);
    assert_int_equal(tempdir_write(root, "late-new.yaml", "made meanwhile\n"),
                     0);
    assert_false(outfile_commit(f, &err));
    assert_non_null(strstr(strbuf_str(&err), "would be replaced"));
    strbuf_release(&err);
    assert_file_text(in_root("late-new.yaml"), "made meanwhile\n");
    assert_true(
        outfile_write(in_root("fresh.yaml"), OUTFILE_NEW, "new\n", 4, &err));
    assert_file_text(in_root("fresh.yaml"), "new\n");
    assert_int_equal(count_names("late-new.yaml.tmp-") +
                         count_names("fresh.yaml.tmp-"),
                     0);
}

static void the_temporary_is_written_through_its_descriptor(void **state)
{
    (void)state;
    assert_int_equal(tempdir_write(root, "victim", "keep\n"), 0);
    strbuf err = STRBUF_INIT;
    outfile *f = outfile_open(in_root("swap.txt"), OUTFILE_REPLACE, &err);
    assert_non_null(f);
    /* its name is taken away and a link to another file put in its place */
    DIR *d = opendir(root);
    struct dirent *e;
    char tmp[400] = "";
    while ((e = readdir(d)) != NULL)
        if (strncmp(e->d_name, "swap.txt.tmp-", 13) == 0)
            snprintf(tmp, sizeof tmp, "%s/%s", root, e->d_name);
    closedir(d);
    assert_int_equal(rename(tmp, in_root("moved")), 0);
    assert_int_equal(symlink(in_root("victim"), tmp), 0);
    assert_int_equal(write(outfile_fd(f), "new\n", 4), 4);
    assert_false(outfile_commit(f, &err));
    assert_non_null(strstr(strbuf_str(&err), "was removed or replaced"));
    strbuf_release(&err);
    assert_file_text(in_root("victim"), "keep\n");
    assert_file_text(in_root("moved"), "new\n");
    assert_int_not_equal(access(in_root("swap.txt"), F_OK), 0);
}

static mode_t mode_after_write(const char *name)
{
    strbuf err = STRBUF_INIT;
    assert_true(
        outfile_write(in_root(name), OUTFILE_REPLACE, "new\n", 4, &err));
    struct stat st;
    assert_int_equal(lstat(in_root(name), &st), 0);
    assert_true(S_ISREG(st.st_mode));
    return st.st_mode & 07777;
}

static void modes_are_kept_without_set_id_bits(void **state)
{
    (void)state;
    assert_int_equal(tempdir_write(root, "private", "old\n"), 0);
    assert_int_equal(chmod(in_root("private"), 0600), 0);
    assert_int_equal(mode_after_write("private"), 0600);
    assert_int_equal(chmod(in_root("private"), 06755), 0);
    assert_int_equal(mode_after_write("private"), 0755);
    assert_int_equal(chmod(in_root("private"), 01640), 0);
    assert_int_equal(mode_after_write("private"), 0640);
    mode_t mask = umask(027);
    assert_int_equal(mode_after_write("new"), 0640);
    umask(mask);
}

static void the_owner_is_kept_as_root(void **state)
{
    (void)state;
    if (geteuid() != 0)
        skip(); /* giving a file away needs root */
    assert_int_equal(tempdir_write(root, "owned", "old\n"), 0);
    assert_int_equal(chown(in_root("owned"), 1, 1), 0);
    mode_after_write("owned");
    struct stat st;
    assert_int_equal(stat(in_root("owned"), &st), 0);
    assert_true(st.st_uid == 1 && st.st_gid == 1);
}

static void stale_temporaries_go_and_live_ones_stay(void **state)
{
    (void)state;
    assert_int_equal(tempdir_write(root, "out.xlsx.tmp-AbC123", "stale\n"), 0);
    assert_int_equal(tempdir_write(root, "out.xlsx.tmp-toolong7", "other\n"),
                     0);
    strbuf err = STRBUF_INIT;
    outfile *first = outfile_open(in_root("out.xlsx"), OUTFILE_REPLACE, &err);
    assert_non_null(first);
    assert_int_not_equal(access(in_root("out.xlsx.tmp-AbC123"), F_OK), 0);
    assert_int_equal(access(in_root("out.xlsx.tmp-toolong7"), F_OK), 0);
    outfile *second = outfile_open(in_root("out.xlsx"), OUTFILE_REPLACE,
                                   &err); /* first's stays */
    assert_non_null(second);
    assert_int_equal(count_names("out.xlsx.tmp-"), 3);
    assert_int_equal(write(outfile_fd(first), "1\n", 2), 2);
    assert_int_equal(write(outfile_fd(second), "2\n", 2), 2);
    assert_true(outfile_commit(first, &err));
    assert_true(outfile_commit(second, &err));
    assert_file_text(in_root("out.xlsx"), "2\n");
    assert_int_equal(count_names("out.xlsx.tmp-"), 1); /* toolong7 */
}

static void remove_all_leaves_no_temporary(void **state)
{
    (void)state;
    strbuf err = STRBUF_INIT;
    outfile *a = outfile_open(in_root("a.ics"), OUTFILE_REPLACE, &err);
    outfile *b = outfile_open(in_root("b.ics"), OUTFILE_REPLACE, &err);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(count_names("a.ics.tmp-") + count_names("b.ics.tmp-"), 2);
    outfile_remove_all();
    assert_int_equal(count_names("a.ics.tmp-") + count_names("b.ics.tmp-"), 0);
    outfile_discard(a);
    outfile_discard(b);
    outfile_discard(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(what_is_not_a_plain_file_is_refused),
        cmocka_unit_test(an_input_is_never_replaced),
        cmocka_unit_test(a_new_file_never_replaces_one),
        cmocka_unit_test(the_temporary_is_written_through_its_descriptor),
        cmocka_unit_test(modes_are_kept_without_set_id_bits),
        cmocka_unit_test(the_owner_is_kept_as_root),
        cmocka_unit_test(stale_temporaries_go_and_live_ones_stay),
        cmocka_unit_test(remove_all_leaves_no_temporary),
    };
    return cmocka_run_group_tests(tests, make_root, remove_root);
}
