/* test-lockfile.c - appending to a file under its lock (lockfile.h), in a
 * temporary folder: the commit and the release, what is added in place
 * (within a page after its filler) and what is copied (across a page, to
 * a file with another name), a write in place that fails taken back, a
 * file of several MiB copied whole before what is added, writers queued
 * on the lock (its holder a child process that cannot outlive the test),
 * a lock file that is not what it should be (a link, another name of
 * another file, a FIFO) refused before anything is written through it, a
 * log that is a link refused, the mode (without set-id bits) and, as
 * root, the owner kept (skipped otherwise), and a file changed by a
 * writer without the lock (an editor), or not as the caller read it,
 * never replaced. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "lockfile.h"

#include "tempdir.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

TEMPDIR_GROUP("lockfile")

/* The file as the caller read it: text, or none when NULL. Its bytes are
 * handed over only when the lock asks for them. */
static lockfile_read as_read(const lockfile *lk, const char *text)
{
    return (lockfile_read){text != NULL, text ? strlen(text) : 0,
                           text && lockfile_racy(lk) ? text : NULL};
}

/* Commits tail after the file read as old (NULL: none). */
static lockfile_status commit(lockfile *lk, const char *old, const char *tail,
                              strbuf *err)
{
    lockfile_read read = as_read(lk, old);
    lockfile_tail t = {tail, strlen(tail), 0};
    return lockfile_commit(lk, &read, &t, err);
}

/* The inode number of path. */
static ino_t inode_of(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return st.st_ino;
}

/* A text of len bytes: lines of letters. */
static char *lines_of(size_t len)
{
    char *text = malloc(len + 1);
    assert_non_null(text);
    for (size_t i = 0; i < len; i++)
        text[i] = i % 64 == 63 || i + 1 == len ? '\n' : (char)('a' + i % 26);
    text[len] = '\0';
    return text;
}

/* Writes old to name, commits tail (its first filler bytes the filler)
 * and checks the file: old then tail, the lock file gone. Returns
 * whether it was written in place (the same inode). */
static bool in_place(const char *name, const char *old, const char *tail,
                     size_t filler)
{
    const char *path = in_root(name);
    assert_int_equal(tempdir_write(root, name, old), 0);
    ino_t before = inode_of(path);
    lockfile *lk;
    strbuf err = STRBUF_INIT;
    assert_int_equal(lockfile_acquire(path, 1000, &lk, &err), LOCKFILE_OK);
    lockfile_read read = as_read(lk, old);
    lockfile_tail t = {tail, strlen(tail), filler};
    assert_int_equal(lockfile_commit(lk, &read, &t, &err), LOCKFILE_OK);
    char *expected = malloc(strlen(old) + strlen(tail) + 1);
    assert_non_null(expected);
    strcat(strcpy(expected, old), tail);
    assert_file_text(path, expected);
    free(expected);
    strbuf lock = STRBUF_INIT;
    strbuf_printf(&lock, "%s.lock", path);
    assert_int_not_equal(access(strbuf_str(&lock), F_OK), 0);
    strbuf_release(&lock);
    return inode_of(path) == before;
}

static void commit_replaces_release_keeps(void **state)
{
    (void)state;
    const char *path = in_root("log.yaml"),
               *lock_path = in_root("log.yaml.lock");
    lockfile *lk;
    strbuf err = STRBUF_INIT;
    assert_int_equal(lockfile_acquire(path, 1000, &lk, &err), LOCKFILE_OK);
    assert_string_equal(lockfile_path(lk), lock_path);
    assert_int_equal(commit(lk, NULL, "one\n", &err), LOCKFILE_OK);
    assert_file_text(path, "one\n");
    assert_int_not_equal(access(lock_path, F_OK), 0); /* renamed away */

    assert_int_equal(lockfile_acquire(path, 1000, &lk, &err), LOCKFILE_OK);
    lockfile_release(lk);
    assert_file_text(path, "one\n");
    assert_int_not_equal(access(lock_path, F_OK), 0); /* removed */

    /* a killed writer's half-written lock file is taken over and emptied */
    assert_int_equal(tempdir_write(root, "log.yaml.lock", "half a rec"), 0);
    assert_int_equal(lockfile_acquire(path, 1000, &lk, &err), LOCKFILE_OK);
    assert_int_equal(commit(lk, "one\n", "two\n", &err), LOCKFILE_OK);
    assert_file_text(path, "one\ntwo\n");
}

/* A file larger than any buffer on the way is copied whole, then what is
 * added (a page and more: never in place); given the bytes read, the
 * commit compares and writes those. */
static void a_large_file_is_copied_whole(void **state)
{
    (void)state;
    const char *path = in_root("large.yaml");
    size_t len = (size_t)3 << 20, more = lockfile_page() + 1;
    char *text = lines_of(len), *tail = lines_of(more);
    assert_int_equal(tempdir_write(root, "large.yaml", text), 0);
    lockfile *lk;
    strbuf err = STRBUF_INIT;
    for (int given = 0; given < 2; given++) {
        assert_int_equal(lockfile_acquire(path, 1000, &lk, &err), LOCKFILE_OK);
        lockfile_read read = {true, len,
                              given || lockfile_racy(lk) ? text : NULL};
        lockfile_tail t = {tail, more, 0};
        assert_int_equal(lockfile_commit(lk, &read, &t, &err), LOCKFILE_OK);
        text = realloc(text, len + more + 1);
        assert_non_null(text);
        memcpy(text + len, tail, more + 1);
        len += more;
        assert_file_text(path, text);
    }
    free(tail);
    free(text);
}

/* What lies within one page of the file after its filler is written in
 * place; what would cross a page, or goes to a file with another name,
 * is copied. */
static void a_tail_within_a_page_is_written_in_place(void **state)
{
    (void)state;
    size_t page = lockfile_page();
    char *almost = lines_of(page - 2);
    assert_true(in_place("a.yaml", "one\n", "two\n", 0));
    assert_false(in_place("b.yaml", almost, "two\n", 0));   /* crosses */
    assert_true(in_place("c.yaml", almost, "#\ntwo\n", 2)); /* at a page */
    assert_false(in_place("d.yaml", almost, "#\ntwo\n", 1));
    assert_true(in_place("e.yaml", almost, "\n", 0));
    free(almost);

    /* a hard link keeps the old text: the file is copied */
    assert_int_equal(tempdir_write(root, "other.yaml", "one\n"), 0);
    unlink(in_root("f.yaml"));
    assert_int_equal(link(in_root("other.yaml"), in_root("f.yaml")), 0);
    lockfile *lk;
    strbuf err = STRBUF_INIT;
    assert_int_equal(lockfile_acquire(in_root("f.yaml"), 1000, &lk, &err),
                     LOCKFILE_OK);
    assert_int_equal(commit(lk, "one\n", "two\n", &err), LOCKFILE_OK);
    assert_file_text(in_root("f.yaml"), "one\ntwo\n");
    assert_file_text(in_root("other.yaml"), "one\n");
}

/* A write in place that does not go through whole (here over the file
 * size limit) is taken back: the file is as it was. */
static void a_failed_write_in_place_leaves_the_file_as_it_was(void **state)
{
    (void)state;
    const char *path = in_root("limit.yaml");
    assert_int_equal(tempdir_write(root, "limit.yaml", "one\n"), 0);
    struct rlimit was, low;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &was), 0);
    low = was;
    low.rlim_cur = 6;
    void (*handler)(int) = signal(SIGXFSZ, SIG_IGN);
    lockfile *lk;
    strbuf err = STRBUF_INIT;
    assert_int_equal(lockfile_acquire(path, 1000, &lk, &err), LOCKFILE_OK);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &low), 0);
    lockfile_status st = commit(lk, "one\n", "two\n", &err);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &was), 0);
    signal(SIGXFSZ, handler);
    assert_int_equal(st, LOCKFILE_ERROR);
    if (!strstr(strbuf_str(&err), "cannot write") ||
        !strstr(strbuf_str(&err), strerror(EFBIG)))
        fail_msg("unexpected reason: %s", strbuf_str(&err));
    strbuf_release(&err);
    assert_file_text(path, "one\n");
    assert_int_not_equal(access(in_root("limit.yaml.lock"), F_OK), 0);
}

static void a_held_lock_makes_others_wait(void **state)
{
    (void)state;
    const char *path = in_root("busy.yaml");
    int ready[2];
    assert_int_equal(pipe(ready), 0);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        /* never outlives the test, even when an assertion below fails
         * before the kill */
        alarm(30);
        lockfile *held;
        strbuf err = STRBUF_INIT;
        if (lockfile_acquire(path, 1000, &held, &err) != LOCKFILE_OK)
            _exit(1);
        if (write(ready[1], "x", 1) != 1)
            _exit(1);
        pause(); /* until killed: the kernel drops the lock */
        _exit(0);
    }
    char c;
    assert_int_equal(read(ready[0], &c, 1), 1);
    lockfile *lk;
    strbuf err = STRBUF_INIT;
    assert_int_equal(lockfile_acquire(path, 200, &lk, &err), LOCKFILE_BUSY);
    assert_non_null(strstr(strbuf_str(&err), "busy.yaml.lock"));
    strbuf_release(&err);
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    assert_int_equal(lockfile_acquire(path, 1000, &lk, &err), LOCKFILE_OK);
    assert_int_equal(commit(lk, NULL, "after\n", &err), LOCKFILE_OK);
    close(ready[0]);
    close(ready[1]);
}

/* Acquiring the lock of path is refused with a message holding words. */
static void refused(const char *path, const char *words)
{
    lockfile *lk;
    strbuf err = STRBUF_INIT;
    assert_int_equal(lockfile_acquire(path, 1000, &lk, &err), LOCKFILE_ERROR);
    assert_null(lk);
    if (!strstr(strbuf_str(&err), words))
        fail_msg("'%s' lacks '%s'", strbuf_str(&err), words);
    strbuf_release(&err);
}

static void a_lock_file_that_is_no_plain_file_is_refused(void **state)
{
    (void)state;
    assert_int_equal(tempdir_write(root, "victim", "keep\n"), 0);
    assert_int_equal(symlink(in_root("victim"), in_root("l1.yaml.lock")), 0);
    refused(in_root("l1.yaml"), "it is a symbolic link");
    assert_int_equal(symlink(in_root("nowhere"), in_root("l2.yaml.lock")), 0);
    refused(in_root("l2.yaml"), "it is a symbolic link");
    assert_int_not_equal(access(in_root("nowhere"), F_OK), 0); /* not created */
    assert_int_equal(link(in_root("victim"), in_root("l3.yaml.lock")), 0);
    refused(in_root("l3.yaml"), "other names");
    assert_int_equal(mkfifo(in_root("l4.yaml.lock"), 0600), 0);
    refused(in_root("l4.yaml"), "not a regular file");
    assert_file_text(in_root("victim"), "keep\n");
    assert_int_not_equal(access(in_root("l1.yaml"), F_OK), 0);
}

static void a_log_that_is_a_link_is_refused(void **state)
{
    (void)state;
    assert_int_equal(tempdir_write(root, "real.yaml", "one\n"), 0);
    assert_int_equal(symlink(in_root("real.yaml"), in_root("linked.yaml")), 0);
    refused(in_root("linked.yaml"), "symbolic link");
    struct stat st;
    assert_int_equal(lstat(in_root("linked.yaml"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_not_equal(access(in_root("linked.yaml.lock"), F_OK), 0);
}

static void the_mode_is_kept_without_set_id_bits(void **state)
{
    (void)state;
    const char *path = in_root("mode.yaml");
    assert_int_equal(tempdir_write(root, "mode.yaml", "one\n"), 0);
    assert_int_equal(chmod(path, 06640), 0);
    lockfile *lk;
    strbuf err = STRBUF_INIT;
    assert_int_equal(lockfile_acquire(path, 1000, &lk, &err), LOCKFILE_OK);
    assert_int_equal(commit(lk, "one\n", "two\n", &err), LOCKFILE_OK);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);
}

static void the_owner_is_kept_as_root(void **state)
{
    (void)state;
    if (geteuid() != 0)
        skip(); /* giving a file away needs root */
    const char *path = in_root("owned.yaml");
    assert_int_equal(tempdir_write(root, "owned.yaml", "one\n"), 0);
    assert_int_equal(chown(path, 1, 1), 0);
    lockfile *lk;
    strbuf err = STRBUF_INIT;
    assert_int_equal(lockfile_acquire(path, 1000, &lk, &err), LOCKFILE_OK);
    assert_int_equal(commit(lk, "one\n", "two\n", &err), LOCKFILE_OK);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_uid == 1 && st.st_gid == 1);
}

/* Commits "two\n" after a log "one\n" that change() alters after the
 * lock was taken: refused, and the log is what change() left (NULL: no
 * log). */
static void commit_after(void (*change)(const char *path), const char *expected)
{
    const char *path = in_root("race.yaml");
    unlink(path);
    assert_int_equal(tempdir_write(root, "race.yaml", "one\n"), 0);
    lockfile *lk;
    strbuf err = STRBUF_INIT;
    assert_int_equal(lockfile_acquire(path, 1000, &lk, &err), LOCKFILE_OK);
    change(path);
    assert_int_equal(commit(lk, "one\n", "two\n", &err), LOCKFILE_CHANGED);
    assert_non_null(
        strstr(strbuf_str(&err), "was changed while the update ran"));
    strbuf_release(&err);
    if (expected)
        assert_file_text(path, expected);
    else
        assert_int_not_equal(access(path, F_OK), 0);
    assert_int_not_equal(access(in_root("race.yaml.lock"), F_OK), 0);
}

static void edit_in_place(const char *path)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("one\nhand\n", f);
    assert_int_equal(fclose(f), 0);
}

static void same_size_in_place(const char *path)
{
    FILE *f = fopen(path, "r+");
    assert_non_null(f);
    fputs("onE\n", f);
    assert_int_equal(fclose(f), 0);
}

static void same_bytes_new_inode(const char *path)
{
    assert_int_equal(tempdir_write(root, "race.new", "one\n"), 0);
    assert_int_equal(rename(in_root("race.new"), path), 0);
}

static void removed(const char *path)
{
    assert_int_equal(unlink(path), 0);
}

static void a_file_changed_without_the_lock_is_never_replaced(void **state)
{
    (void)state;
    commit_after(edit_in_place, "one\nhand\n");
    commit_after(same_size_in_place, "onE\n");
    commit_after(same_bytes_new_inode, "one\n");
    commit_after(removed, NULL);
    /* the file must be as the caller read it: its length, its bytes
       when given, and there or not */
    const char *path = in_root("prefix.yaml");
    assert_int_equal(tempdir_write(root, "prefix.yaml", "one\n"), 0);
    lockfile *lk;
    strbuf err = STRBUF_INIT;
    static const char *const misread[] = {"on\n", "onf\n", NULL};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(lockfile_acquire(path, 1000, &lk, &err), LOCKFILE_OK);
        lockfile_read read = {misread[i] != NULL,
                              misread[i] ? strlen(misread[i]) : 0, misread[i]};
        lockfile_tail t = {"two\n", 4, 0};
        assert_int_equal(lockfile_commit(lk, &read, &t, &err),
                         LOCKFILE_CHANGED);
        strbuf_release(&err);
        assert_file_text(path, "one\n");
    }
    /* a file that appeared after the lock was taken */
    path = in_root("new.yaml");
    assert_int_equal(lockfile_acquire(path, 1000, &lk, &err), LOCKFILE_OK);
    assert_int_equal(tempdir_write(root, "new.yaml", "hand\n"), 0);
    assert_int_equal(commit(lk, NULL, "one\n", &err), LOCKFILE_CHANGED);
    strbuf_release(&err);
    assert_file_text(path, "hand\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(commit_replaces_release_keeps),
        cmocka_unit_test(a_large_file_is_copied_whole),
        cmocka_unit_test(a_tail_within_a_page_is_written_in_place),
        cmocka_unit_test(a_failed_write_in_place_leaves_the_file_as_it_was),
        cmocka_unit_test(a_held_lock_makes_others_wait),
        cmocka_unit_test(a_lock_file_that_is_no_plain_file_is_refused),
        cmocka_unit_test(a_log_that_is_a_link_is_refused),
        cmocka_unit_test(the_mode_is_kept_without_set_id_bits),
        cmocka_unit_test(the_owner_is_kept_as_root),
        cmocka_unit_test(a_file_changed_without_the_lock_is_never_replaced),
    };
    return cmocka_run_group_tests(tests, make_root, remove_root);
}
