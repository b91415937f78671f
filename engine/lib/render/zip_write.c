/* zip_write.c - a zip archive written front to back (see zip_write.h).
 *
 * The records are those of PKWARE's APPNOTE: a local header before each
 * entry's bytes, a central directory record for each entry after the
 * last, and the end of central directory record (with the ZIP64 end
 * record and its locator before it when the counts or offsets need
 * them). Written by hand because the zip writers Debian has (minizip,
 * libzip) hold the central directory in memory; reading zips stays
 * with them. */
#include "zip_write.h"

#include "tempfile.h"
#include "xalloc.h"

#include <zlib.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OUT_BUF (1 << 16)
#define DIR_BUF (1 << 14)
#define LOCAL_HEADER 30
#define DIR_RECORD 46
#define ZIP64_EXTRA 12 /* tag, size, the header's offset */
#define MAX_NAME 1024
#define U16_MAX 0xFFFFu
#define U32_MAX 0xFFFFFFFFu

/* Bytes on their way to a descriptor, at offset `at` of it. */
typedef struct sink {
    int fd;
    unsigned char *buf;
    size_t len, cap;
    uint64_t at;
} sink;

struct zip_write {
    sink out; /* the archive */
    sink dir; /* the central directory's records, spooled */
    int error;
    uint64_t entries;
    /* the entry being written */
    bool open, deflating;
    char name[MAX_NAME];
    size_t name_len;
    uint32_t dos_time;
    uint64_t header_at, packed, size;
    uint32_t crc;
    z_stream z;
    bool z_ready;
    unsigned char *deflated;
};

static void put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, uint32_t v)
{
    put16(p, v & 0xFFFF);
    put16(p + 2, v >> 16);
}

static void put64(unsigned char *p, uint64_t v)
{
    put32(p, (uint32_t)v);
    put32(p + 4, (uint32_t)(v >> 32));
}

/* Writes len bytes at offset at of fd, as pwrite(2) allows. */
static int write_all(int fd, const unsigned char *buf, size_t len, uint64_t at)
{
    while (len) {
        ssize_t w = pwrite(fd, buf, len, (off_t)at);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return w < 0 ? errno : ENOSPC;
        buf += w;
        len -= (size_t)w;
        at += (uint64_t)w;
    }
    return 0;
}

static void sink_flush(zip_write *z, sink *s)
{
    if (s->len && !z->error)
        z->error = write_all(s->fd, s->buf, s->len, s->at);
    s->at += s->len;
    s->len = 0;
}

static void sink_add(zip_write *z, sink *s, const void *data, size_t len)
{
    if (s->len + len > s->cap) {
        sink_flush(z, s);
        if (len >= s->cap) {
            if (!z->error)
                z->error = write_all(s->fd, data, len, s->at);
            s->at += len;
            return;
        }
    }
    memcpy(s->buf + s->len, data, len);
    s->len += len;
}

/* Puts len bytes at offset at of what was added to s already, in one
 * sink_add: so they are all in the buffer or all written. */
static void sink_patch(zip_write *z, sink *s, uint64_t at,
                       const unsigned char *data, size_t len)
{
    if (at >= s->at)
        memcpy(s->buf + (at - s->at), data, len);
    else if (!z->error)
        z->error = write_all(s->fd, data, len, at);
}

static uint64_t sink_end(const sink *s)
{
    return s->at + s->len;
}

zip_write *zip_write_start(int fd, strbuf *err)
{
    int dir = tempfile_anonymous(err);
    if (dir < 0)
        return NULL;
    zip_write *z = xcalloc(1, sizeof *z);
    z->out = (sink){fd, xmalloc(OUT_BUF), 0, OUT_BUF, 0};
    z->dir = (sink){dir, xmalloc(DIR_BUF), 0, DIR_BUF, 0};
    return z;
}

bool zip_write_begin(zip_write *z, const char *name, uint32_t dos_time)
{
    size_t n = strlen(name);
    if (z->open || n >= MAX_NAME) {
        z->error = z->error ? z->error : EINVAL;
        return false;
    }
    memcpy(z->name, name, n + 1);
    z->name_len = n;
    z->dos_time = dos_time;
    z->header_at = sink_end(&z->out);
    z->packed = z->size = 0;
    z->crc = (uint32_t)crc32(0, NULL, 0);
    z->open = true;
    z->deflating = false;
    unsigned char h[LOCAL_HEADER] = {0};
    put32(h, 0x04034b50);
    put16(h + 4, 20); /* version needed: deflate */
    put16(h + 8, 8);  /* deflated */
    put32(h + 10, dos_time);
    put16(h + 26, (unsigned)n); /* CRC and sizes when it ends */
    sink_add(z, &z->out, h, sizeof h);
    sink_add(z, &z->out, name, n);
    return !z->error;
}

bool zip_write_raw(zip_write *z, const void *data, size_t len)
{
    sink_add(z, &z->out, data, len);
    z->packed += len;
    return !z->error;
}

/* Ends the entry: its CRC and sizes into its local header, its record
 * into the central directory. */
static bool entry_end(zip_write *z)
{
    if (z->packed > U32_MAX - 1 || z->size > U32_MAX - 1)
        z->error = z->error ? z->error : EFBIG;
    z->open = false;
    if (z->error)
        return false;
    unsigned char sizes[12];
    put32(sizes, z->crc);
    put32(sizes + 4, (uint32_t)z->packed);
    put32(sizes + 8, (uint32_t)z->size);
    sink_patch(z, &z->out, z->header_at + 14, sizes, sizeof sizes);
    bool far = z->header_at >= U32_MAX;
    unsigned char r[DIR_RECORD + ZIP64_EXTRA] = {0};
    put32(r, 0x02014b50);
    put16(r + 4, far ? 45 : 20); /* made by: MS-DOS, the version needed */
    put16(r + 6, far ? 45 : 20);
    put16(r + 10, 8);
    put32(r + 12, z->dos_time);
    memcpy(r + 16, sizes, sizeof sizes);
    put16(r + 28, (unsigned)z->name_len);
    put16(r + 30, far ? ZIP64_EXTRA : 0);
    put32(r + 42, far ? U32_MAX : (uint32_t)z->header_at);
    sink_add(z, &z->dir, r, DIR_RECORD);
    sink_add(z, &z->dir, z->name, z->name_len);
    if (far) {
        unsigned char *x = r + DIR_RECORD;
        put16(x, 0x0001);
        put16(x + 2, 8);
        put64(x + 4, z->header_at);
        sink_add(z, &z->dir, x, ZIP64_EXTRA);
    }
    z->entries++;
    return !z->error;
}

bool zip_write_end_raw(zip_write *z, uint32_t crc, uint64_t size)
{
    z->crc = crc;
    z->size = size;
    return entry_end(z);
}

/* Runs deflate over what it holds, with flush, into the entry. */
static bool deflate_run(zip_write *z, int flush)
{
    int r;
    do {
        z->z.next_out = z->deflated;
        z->z.avail_out = OUT_BUF;
        r = deflate(&z->z, flush);
        zip_write_raw(z, z->deflated, OUT_BUF - z->z.avail_out);
    } while (!z->error &&
             (z->z.avail_out == 0 || (flush == Z_FINISH && r != Z_STREAM_END)));
    return !z->error;
}

bool zip_write_deflate(zip_write *z, const void *data, size_t len)
{
    if (!z->deflating) {
        if (!z->z_ready) {
            if (deflateInit2(&z->z, Z_DEFAULT_COMPRESSION, Z_DEFLATED,
                             -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
                xout_of_memory(sizeof z->z);
            z->deflated = xmalloc(OUT_BUF);
            z->z_ready = true;
        } else
            deflateReset(&z->z);
        z->deflating = true;
    }
    if (len > U32_MAX) { /* avail_in is 32 bits; an entry is less */
        z->error = z->error ? z->error : EFBIG;
        return false;
    }
    z->crc = (uint32_t)crc32_z(z->crc, data, len);
    z->size += len;
    z->z.next_in = (unsigned char *)data;
    z->z.avail_in = (uInt)len;
    return deflate_run(z, Z_NO_FLUSH);
}

bool zip_write_end(zip_write *z)
{
    if (!z->deflating && !zip_write_deflate(z, "", 0))
        return false;
    if (!deflate_run(z, Z_FINISH)) {
        z->open = false;
        return false;
    }
    return entry_end(z);
}

int zip_write_error(const zip_write *z)
{
    return z->error;
}

bool zip_write_finish(zip_write *z)
{
    if (z->open)
        z->error = z->error ? z->error : EINVAL;
    sink_flush(z, &z->dir);
    uint64_t dir_at = sink_end(&z->out), dir_size = z->dir.at;
    /* the spooled records, copied after the entries */
    for (uint64_t at = 0; !z->error && at < dir_size;) {
        size_t n = dir_size - at < DIR_BUF ? (size_t)(dir_size - at) : DIR_BUF;
        if (!tempfile_read_at(z->dir.fd, z->dir.buf, n, at))
            z->error = errno;
        else
            sink_add(z, &z->out, z->dir.buf, n);
        at += n;
    }
    bool zip64 =
        z->entries > U16_MAX - 1 || dir_at >= U32_MAX || dir_size >= U32_MAX;
    if (zip64) {
        uint64_t record_at = sink_end(&z->out);
        unsigned char e[56 + 20] = {0};
        put32(e, 0x06064b50);
        put64(e + 4, 56 - 12); /* the record's size after this field */
        put16(e + 12, 45);
        put16(e + 14, 45);
        put64(e + 24, z->entries);
        put64(e + 32, z->entries);
        put64(e + 40, dir_size);
        put64(e + 48, dir_at);
        unsigned char *locator = e + 56;
        put32(locator, 0x07064b50);
        put64(locator + 8, record_at);
        put32(locator + 16, 1); /* disks */
        sink_add(z, &z->out, e, sizeof e);
    }
    unsigned char end[22] = {0};
    put32(end, 0x06054b50);
    unsigned count = zip64 ? U16_MAX : (unsigned)z->entries;
    put16(end + 8, count);
    put16(end + 10, count);
    put32(end + 12, zip64 ? U32_MAX : (uint32_t)dir_size);
    put32(end + 16, zip64 ? U32_MAX : (uint32_t)dir_at);
    sink_add(z, &z->out, end, sizeof end);
    sink_flush(z, &z->out);
    return !z->error;
}

void zip_write_free(zip_write *z)
{
    if (!z)
        return;
    close(z->dir.fd);
    free(z->out.buf);
    free(z->dir.buf);
    if (z->z_ready)
        deflateEnd(&z->z);
    free(z->deflated);
    free(z);
}
