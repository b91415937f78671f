/* memfile.c - a stdio stream on memory (see memfile.h).
 *
 * The bytes are one buffer that doubles as it fills; writing past the
 * end fills the gap with zeros, as a file does. glibc's fmemopen has a
 * fixed size and open_memstream cannot be read: neither does. */
#define _GNU_SOURCE /* fopencookie(3), glibc */

#include "memfile.h"

#include "xalloc.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

typedef struct memfile {
    char *buf;
    size_t len, cap, at;
} memfile;

static ssize_t memfile_read(void *cookie, char *buf, size_t size)
{
    memfile *m = cookie;
    size_t n = m->at < m->len ? m->len - m->at : 0;
    if (n > size)
        n = size;
    if (n) /* an empty memfile has no buffer */
        memcpy(buf, m->buf + m->at, n);
    m->at += n;
    return (ssize_t)n;
}

static ssize_t memfile_write(void *cookie, const char *buf, size_t size)
{
    memfile *m = cookie;
    if (!size)
        return 0;
    if (m->at > SIZE_MAX / 2 || size > SIZE_MAX / 2 - m->at) {
        errno = EFBIG;
        return 0;
    }
    size_t end = m->at + size;
    if (end > m->cap) {
        size_t cap = m->cap ? m->cap : 4096;
        while (cap < end)
            cap *= 2;
        m->buf = xrealloc(m->buf, cap);
        m->cap = cap;
    }
    if (m->at > m->len)
        memset(m->buf + m->len, 0, m->at - m->len);
    memcpy(m->buf + m->at, buf, size);
    m->at = end;
    if (end > m->len)
        m->len = end;
    return (ssize_t)size;
}

static int memfile_seek(void *cookie, off64_t *offset, int whence)
{
    memfile *m = cookie;
    off64_t from = whence == SEEK_SET   ? 0
                   : whence == SEEK_CUR ? (off64_t)m->at
                   : whence == SEEK_END ? (off64_t)m->len
                                        : -1;
    if (from < 0 || *offset < -from ||
        (*offset > 0 && *offset > INT64_MAX - from)) {
        errno = EINVAL;
        return -1;
    }
    m->at = (size_t)(from + *offset);
    *offset = (off64_t)m->at;
    return 0;
}

static int memfile_close(void *cookie)
{
    memfile *m = cookie;
    free(m->buf);
    free(m);
    return 0;
}

FILE *memfile_open(void)
{
    memfile *m = xcalloc(1, sizeof *m);
    cookie_io_functions_t io = {.read = memfile_read,
                                .write = memfile_write,
                                .seek = memfile_seek,
                                .close = memfile_close};
    FILE *f = fopencookie(m, "w+", io);
    if (!f)
        free(m);
    return f;
}
