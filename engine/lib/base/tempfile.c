/* tempfile.c - anonymous temporary files (see tempfile.h). */
#define _GNU_SOURCE /* O_TMPFILE */
#include "tempfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *tempfile_folder(void)
{
    const char *dir = getenv("TMPDIR");
    return dir && dir[0] == '/' ? dir : "/tmp";
}

int tempfile_anonymous(strbuf *err)
{
    const char *dir = tempfile_folder();
    int fd = -1;
#ifdef O_TMPFILE
    fd = open(dir, O_TMPFILE | O_RDWR | O_EXCL | O_CLOEXEC, 0600);
    /* EISDIR, EOPNOTSUPP: a kernel or a file system without O_TMPFILE */
    if (fd < 0 && errno != EISDIR && errno != EOPNOTSUPP && errno != EINVAL) {
        strbuf_error(err, "%s", strerror(errno));
        return -1;
    }
#endif
    if (fd < 0) {
        strbuf path = STRBUF_INIT;
        strbuf_printf(&path, "%s/kehoach-XXXXXX", dir);
        fd = mkostemp(path.buf, O_CLOEXEC);
        int saved = errno;
        if (fd >= 0)
            unlink(path.buf);
        strbuf_release(&path);
        if (fd < 0) {
            strbuf_error(err, "%s", strerror(saved));
            return -1;
        }
    }
    struct stat st;
    int bad = fstat(fd, &st) != 0 ? errno : S_ISREG(st.st_mode) ? 0 : EINVAL;
    if (bad) {
        strbuf_error(err, "%s", strerror(bad));
        close(fd);
        return -1;
    }
    return fd;
}

bool tempfile_read_at(int fd, void *buf, size_t len, uint64_t offset)
{
    char *p = buf;
    while (len) {
        ssize_t n = pread(fd, p, len, (off_t)offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EIO;
            return false;
        }
        p += n;
        len -= (size_t)n;
        offset += (uint64_t)n;
    }
    return true;
}
