/* rows_spool.c - a sheet's rows deflated as they are written (see
 * rows_spool.h).
 *
 * The deflate state is made at the first byte, so a sheet with no rows
 * costs a stream and nothing more. What it gives stays in its output
 * buffer (64 KiB) while it fits, and is kept there, cut to its size,
 * when the spool ends: the rows of a plan's sheet in a report (about
 * 10 KB compressed) make no file. Only a spool that outgrows the buffer
 * makes its temporary file and empties the buffer into it each time it
 * fills. The level and the window are libxlsxwriter's (minizip's
 * defaults), so the rows take the room they took before. The first
 * failure is kept, with its reason, and every later write refused. */
#define _GNU_SOURCE /* fopencookie(3), glibc */

#include "rows_spool.h"

#include "fileio.h"
#include "i18n.h"
#include "tempfile.h"
#include "xalloc.h"

#include <zlib.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OUT_BUF (1 << 16)

struct rows_spool {
    int fd;     /* -1 until the output outgrows `out` */
    z_stream z; /* live between the first byte and the end */
    bool deflating;
    bool ended;
    unsigned char *out; /* deflate's output, OUT_BUF bytes; when fd < 0,
                           all of it (and, ended, cut to len) */
    uint64_t len, size;
    uint32_t crc;
    strbuf error; /* the first failure, with its reason */
};

/* Keeps the first failure: the temporary file in its folder could not
 * be made or written, for the reason `why`. */
static bool fail(rows_spool *s, const char *why)
{
    if (!s->error.len)
        strbuf_error(&s->error, _("cannot write '%s': %s"), tempfile_folder(),
                     why);
    return false;
}

static bool start(rows_spool *s)
{
    memset(&s->z, 0, sizeof s->z);
    if (deflateInit2(&s->z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK)
        return fail(s, strerror(ENOMEM));
    s->out = xmalloc(OUT_BUF);
    s->deflating = true;
    return true;
}

/* The output buffer is full: into the temporary file (made the first
 * time) with it. */
static bool empty_out(rows_spool *s)
{
    strbuf why = STRBUF_INIT;
    if (s->fd < 0 && (s->fd = tempfile_anonymous(&why)) < 0) {
        fail(s, strbuf_str(&why));
        strbuf_release(&why);
        return false;
    }
    return fileio_write_all(s->fd, s->out, OUT_BUF) || fail(s, strerror(errno));
}

/* Deflates what is in s->z's input with `flush`, keeping all it gives:
 * the output buffer filled from where it stands (len % OUT_BUF), and
 * emptied into the file each time it is full. */
static bool pump(rows_spool *s, int flush)
{
    do {
        size_t at = (size_t)(s->len % OUT_BUF);
        s->z.next_out = s->out + at;
        s->z.avail_out = OUT_BUF - (uInt)at;
        if (deflate(&s->z, flush) == Z_STREAM_ERROR)
            return fail(s, strerror(EINVAL));
        s->len += OUT_BUF - at - s->z.avail_out;
        if (s->z.avail_out == 0 && !empty_out(s))
            return false;
    } while (s->z.avail_out == 0 || s->z.avail_in);
    return true;
}

static ssize_t spool_write(void *cookie, const char *buf, size_t size)
{
    rows_spool *s = cookie;
    if (s->error.len || s->ended || (!s->deflating && !start(s)))
        return 0;            /* stdio marks the stream's error */
    if (size > UINT32_MAX) { /* stdio hands over its buffer: never so big */
        fail(s, strerror(EFBIG));
        return 0;
    }
    s->crc = (uint32_t)crc32_z(s->crc, (const Bytef *)buf, size);
    s->size += size;
    s->z.next_in = (Bytef *)buf;
    s->z.avail_in = (uInt)size;
    return pump(s, Z_NO_FLUSH) ? (ssize_t)size : 0;
}

static ssize_t spool_read(void *cookie, char *buf, size_t size)
{
    (void)cookie;
    (void)buf;
    (void)size;
    return 0;
}

static int spool_close(void *cookie)
{
    (void)cookie;
    return 0;
}

rows_spool *rows_spool_new(FILE **stream, strbuf *err)
{
    rows_spool *s = xcalloc(1, sizeof *s);
    s->fd = -1;
    cookie_io_functions_t io = {.read = spool_read,
                                .write = spool_write,
                                .close = spool_close};
    *stream = fopencookie(s, "w+", io);
    if (!*stream) {
        strbuf_error(err, _("cannot start a sheet's rows: %s"),
                     strerror(errno));
        free(s);
        return NULL;
    }
    return s;
}

bool rows_spool_end(rows_spool *s, strbuf *err)
{
    bool ok = !s->error.len;
    if (ok && s->deflating)
        ok = pump(s, Z_SYNC_FLUSH);
    size_t rest = (size_t)(s->len % OUT_BUF); /* in the buffer */
    if (ok && s->fd >= 0 && rest && !fileio_write_all(s->fd, s->out, rest))
        ok = fail(s, strerror(errno));
    if (s->deflating) {
        deflateEnd(&s->z);
        s->deflating = false;
    }
    if (ok && s->fd < 0 && s->len) {
        s->out = xrealloc(s->out, (size_t)s->len); /* all of it, kept */
    } else {
        free(s->out);
        s->out = NULL;
    }
    s->ended = true;
    if (!ok)
        strbuf_error(err, "%s", strbuf_str(&s->error));
    return ok;
}

rows_spool_bytes rows_spool_held(const rows_spool *s)
{
    return (rows_spool_bytes){s->out, s->fd, s->len, s->size, s->crc};
}

void rows_spool_free(rows_spool *s)
{
    if (!s)
        return;
    if (s->deflating)
        deflateEnd(&s->z);
    free(s->out);
    if (s->fd >= 0)
        close(s->fd);
    strbuf_release(&s->error);
    free(s);
}
