/* xlsx_pages.c - the first page of a printed sheet left unnumbered (see
 * xlsx_pages.h).
 *
 * libzip does the archive, in constant memory whatever the workbook's
 * size: the archive is opened on a source of our own that reads the
 * workbook from its descriptor and writes the new archive into an
 * unnamed temporary file, copied back over the descriptor once libzip is
 * done. Each named sheet's entry is replaced by a source that reads the
 * original entry (inflated by libzip) and inserts the attribute as the
 * text goes by, keeping the entry's time, so the same input still gives
 * the same bytes; the other entries are copied as they were compressed.
 * (Holding the workbook and every rewritten sheet in memory, as this did
 * before, cost about 50 KiB per sheet: 250 MiB for 5,000 plans.)
 * libxlsxwriter writes at most one <headerFooter> per sheet, near its
 * end, and its own text never holds that string (cell text is in the
 * shared strings or escaped), so the first one found is it. */
#define _GNU_SOURCE /* memmem(3) */
#include "xlsx_pages.h"

#include "i18n.h"
#include "xalloc.h"

#include <zip.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEADER_FOOTER "<headerFooter>"
#define FIRST_UNNUMBERED "<headerFooter differentFirst=\"1\">"
#define REWRITE_LEVEL 6 /* Z_DEFAULT_COMPRESSION's level */

/* --- the archive: read from one descriptor, written to another ------- */

typedef struct archive_io {
    int in;                /* the workbook libxlsxwriter wrote */
    zip_uint64_t in_size;  /* its size */
    zip_uint64_t in_at;    /* where reading is */
    int out;               /* the new archive, a temporary file */
    zip_uint64_t out_size; /* what was written so far */
    zip_uint64_t out_at;   /* where writing is */
    zip_error_t error;
} archive_io;

static zip_int64_t io_failed(archive_io *io, int ze)
{
    zip_error_set(&io->error, ze, errno);
    return -1;
}

static zip_int64_t archive_read(archive_io *io, void *data, zip_uint64_t len)
{
    if (len > io->in_size - io->in_at)
        len = io->in_size - io->in_at;
    zip_uint64_t got = 0;
    while (got < len) {
        ssize_t r = pread(io->in, (char *)data + got, (size_t)(len - got),
                          (off_t)(io->in_at + got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            if (r == 0)
                errno = 0;
            return io_failed(io, ZIP_ER_READ);
        }
        got += (zip_uint64_t)r;
    }
    io->in_at += got;
    return (zip_int64_t)got;
}

static zip_int64_t archive_write(archive_io *io, const void *data,
                                 zip_uint64_t len)
{
    zip_uint64_t done = 0;
    while (done < len) {
        ssize_t w = pwrite(io->out, (const char *)data + done,
                           (size_t)(len - done), (off_t)(io->out_at + done));
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return io_failed(io, ZIP_ER_WRITE);
        done += (zip_uint64_t)w;
    }
    io->out_at += done;
    if (io->out_at > io->out_size)
        io->out_size = io->out_at;
    return (zip_int64_t)done;
}

static zip_int64_t archive_source(void *ud, void *data, zip_uint64_t len,
                                  zip_source_cmd_t cmd)
{
    archive_io *io = ud;
    zip_int64_t at;
    switch (cmd) {
    case ZIP_SOURCE_OPEN:
        io->in_at = 0;
        return 0;
    case ZIP_SOURCE_READ:
        return archive_read(io, data, len);
    case ZIP_SOURCE_SEEK:
        at = zip_source_seek_compute_offset(io->in_at, io->in_size, data, len,
                                            &io->error);
        if (at < 0)
            return -1;
        io->in_at = (zip_uint64_t)at;
        return 0;
    case ZIP_SOURCE_TELL:
        return (zip_int64_t)io->in_at;
    case ZIP_SOURCE_STAT: {
        zip_stat_t *st = ZIP_SOURCE_GET_ARGS(zip_stat_t, data, len, &io->error);
        if (!st)
            return -1;
        zip_stat_init(st);
        st->size = io->in_size;
        st->valid |= ZIP_STAT_SIZE;
        return sizeof *st;
    }
    case ZIP_SOURCE_BEGIN_WRITE:
        if (ftruncate(io->out, 0) != 0)
            return io_failed(io, ZIP_ER_WRITE);
        io->out_size = io->out_at = 0;
        return 0;
    case ZIP_SOURCE_WRITE:
        return archive_write(io, data, len);
    case ZIP_SOURCE_SEEK_WRITE:
        at = zip_source_seek_compute_offset(io->out_at, io->out_size, data, len,
                                            &io->error);
        if (at < 0)
            return -1;
        io->out_at = (zip_uint64_t)at;
        return 0;
    case ZIP_SOURCE_TELL_WRITE:
        return (zip_int64_t)io->out_at;
    case ZIP_SOURCE_CLOSE:
    case ZIP_SOURCE_COMMIT_WRITE:
    case ZIP_SOURCE_ROLLBACK_WRITE:
    case ZIP_SOURCE_REMOVE:
    case ZIP_SOURCE_FREE:
        return 0; /* the caller owns both descriptors */
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&io->error, data, len);
    case ZIP_SOURCE_SUPPORTS:
        return ZIP_SOURCE_SUPPORTS_WRITABLE;
    default:
        zip_error_set(&io->error, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
}

/* Copies the new archive over the workbook. */
static bool copy_back(const archive_io *io, strbuf *err)
{
    if (ftruncate(io->in, 0) != 0) {
        strbuf_error(err, _("cannot write the workbook: %s"), strerror(errno));
        return false;
    }
    char chunk[1 << 16];
    for (zip_uint64_t at = 0; at < io->out_size;) {
        size_t want = io->out_size - at < sizeof chunk
                          ? (size_t)(io->out_size - at)
                          : sizeof chunk;
        ssize_t r = pread(io->out, chunk, want, (off_t)at);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            strbuf_error(err, _("cannot read the rewritten workbook: %s"),
                         r < 0 ? strerror(errno)
                               : _("it is shorter than it was"));
            return false;
        }
        for (ssize_t done = 0; done < r;) {
            ssize_t w = pwrite(io->in, chunk + done, (size_t)(r - done),
                               (off_t)at + done);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                strbuf_error(err, _("cannot write the workbook: %s"),
                             strerror(w < 0 ? errno : ENOSPC));
                return false;
            }
            done += w;
        }
        at += (zip_uint64_t)r;
    }
    return true;
}

/* The first `needle` in the `len` bytes at s, or NULL. */
static const char *find(const char *s, size_t len, const char *needle)
{
    return memmem(s, len, needle, strlen(needle));
}

/* --- a sheet's text, with differentFirst inserted as it is read ----- */

#define CHUNK (1 << 16)

typedef struct sheet_patch {
    zip_t *z;
    zip_uint64_t index;
    zip_uint64_t size; /* of the text rewritten */
    zip_file_t *f;
    bool found; /* the tag was found and rewritten */
    bool eof;
    /* buf[start, ready) may be given; buf[ready, end) is held back, as
     * it may be the start of a tag the next chunk ends */
    size_t start, ready, end;
    char *buf; /* CHUNK and room for the attribute, while open: libzip
                  holds every source until the archive is written */
    zip_error_t error;
} sheet_patch;

static bool patch_fill(sheet_patch *p)
{
    size_t tag = strlen(HEADER_FOOTER), now = strlen(FIRST_UNNUMBERED);
    size_t kept = p->end - p->start;
    memmove(p->buf, p->buf + p->start, kept);
    p->start = 0;
    p->end = kept;
    zip_int64_t got = zip_fread(p->f, p->buf + kept, CHUNK - kept);
    if (got < 0) {
        zip_error_set(&p->error, ZIP_ER_READ, 0);
        return false;
    }
    p->end += (size_t)got;
    p->eof = got == 0;
    p->ready = p->end;
    if (p->eof && !p->found) {
        /* its size was given as the size with the attribute */
        zip_error_set(&p->error, ZIP_ER_INCONS, 0);
        return false;
    }
    if (p->found || p->eof)
        return true;
    const char *at = find(p->buf, p->end, HEADER_FOOTER);
    if (at) {
        size_t before = (size_t)(at - p->buf);
        memmove(p->buf + before + now, p->buf + before + tag,
                p->end - before - tag);
        memcpy(p->buf + before, FIRST_UNNUMBERED, now);
        p->end += now - tag;
        p->ready = p->end;
        p->found = true;
    } else {
        p->ready = p->end > tag - 1 ? p->end - (tag - 1) : 0;
    }
    return true;
}

static zip_int64_t patch_read(sheet_patch *p, char *data, zip_uint64_t len)
{
    zip_uint64_t given = 0;
    while (given < len) {
        if (p->start == p->ready) {
            if (p->eof)
                break;
            if (!patch_fill(p))
                return -1;
            continue;
        }
        size_t n = p->ready - p->start;
        if (n > len - given)
            n = (size_t)(len - given);
        memcpy(data + given, p->buf + p->start, n);
        p->start += n;
        given += n;
    }
    return (zip_int64_t)given;
}

static zip_int64_t patch_source(void *ud, void *data, zip_uint64_t len,
                                zip_source_cmd_t cmd)
{
    sheet_patch *p = ud;
    switch (cmd) {
    case ZIP_SOURCE_OPEN:
        p->f = zip_fopen_index(p->z, p->index, ZIP_FL_UNCHANGED);
        if (!p->f) {
            zip_error_set(&p->error, ZIP_ER_READ, 0);
            return -1;
        }
        p->buf = xmalloc(CHUNK + sizeof FIRST_UNNUMBERED);
        p->found = p->eof = false;
        p->start = p->ready = p->end = 0;
        return 0;
    case ZIP_SOURCE_READ:
        return patch_read(p, data, len);
    case ZIP_SOURCE_CLOSE:
        zip_fclose(p->f);
        p->f = NULL;
        free(p->buf);
        p->buf = NULL;
        return 0;
    case ZIP_SOURCE_STAT: {
        zip_stat_t *st = ZIP_SOURCE_GET_ARGS(zip_stat_t, data, len, &p->error);
        if (!st)
            return -1;
        zip_stat_init(st);
        /* known in advance: without it, libzip would make room in the
         * entry's header for a size over 4 GiB (Zip64) */
        st->size = p->size;
        st->valid |= ZIP_STAT_SIZE;
        return sizeof *st;
    }
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&p->error, data, len);
    case ZIP_SOURCE_FREE:
        if (p->f)
            zip_fclose(p->f);
        free(p->buf);
        zip_error_fini(&p->error);
        free(p);
        return 0;
    case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ,
                                              ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                              ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                              -1);
    default:
        zip_error_set(&p->error, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
}

/* Replaces the entry `name` by its text with differentFirst set. */
static bool unnumber_sheet(zip_t *z, const char *name, strbuf *err)
{
    zip_int64_t index = zip_name_locate(z, name, 0);
    zip_stat_t st;
    if (index < 0 || zip_stat_index(z, (zip_uint64_t)index, 0, &st) != 0) {
        strbuf_error(err, _("cannot read %s in the workbook: %s"), name,
                     zip_strerror(z));
        return false;
    }
    if (!(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_MTIME)) {
        strbuf_error(err, _("cannot read %s in the workbook"), name);
        return false;
    }
    sheet_patch *p = xcalloc(1, sizeof *p);
    p->z = z;
    p->index = (zip_uint64_t)index;
    p->size = st.size + strlen(FIRST_UNNUMBERED) - strlen(HEADER_FOOTER);
    zip_error_init(&p->error);
    zip_source_t *s = zip_source_function(z, patch_source, p);
    if (!s || zip_file_replace(z, (zip_uint64_t)index, s, 0) != 0) {
        if (s)
            zip_source_free(s); /* frees p */
        else
            free(p);
        strbuf_error(err, _("cannot rewrite %s in the workbook: %s"), name,
                     zip_strerror(z));
        return false;
    }
    /* Deflated at zlib's default level, as libxlsxwriter deflates: libzip's
     * own default is the best compression, which cost a fifth of the
     * Ministry report's time for 0.05% fewer bytes. ZIP_CM_DEFAULT (which
     * deflates), since libzip 1.7 forgets the level given with the method
     * the entry already has (zip_set_file_compression.c). */
    if (zip_set_file_compression(z, (zip_uint64_t)index, ZIP_CM_DEFAULT,
                                 REWRITE_LEVEL) != 0) {
        strbuf_error(err, _("cannot rewrite %s in the workbook: %s"), name,
                     zip_strerror(z));
        return false;
    }
    /* the entry keeps its time, so the same input gives the same bytes */
    if (zip_file_set_mtime(z, (zip_uint64_t)index, st.mtime, 0) != 0) {
        strbuf_error(err, _("cannot keep the time of %s in the workbook: %s"),
                     name, zip_strerror(z));
        return false;
    }
    return true;
}

bool xlsx_pages_unnumber_first(int fd, const size_t *sheets, size_t count,
                               strbuf *err)
{
    if (!count)
        return true;
    struct stat held;
    if (fstat(fd, &held) != 0) {
        strbuf_error(err, _("cannot read the workbook back: %s"),
                     strerror(errno));
        return false;
    }
    if (!S_ISREG(held.st_mode)) {
        strbuf_error(err, _("the workbook written is not a regular file"));
        return false;
    }
    FILE *scratch = tmpfile();
    if (!scratch) {
        strbuf_error(err, _("cannot rewrite the workbook: %s"),
                     strerror(errno));
        return false;
    }
    archive_io io = {.in = fd,
                     .in_size = (zip_uint64_t)held.st_size,
                     .out = fileno(scratch)};
    zip_error_init(&io.error);
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_function_create(archive_source, &io, &ze);
    zip_t *z = src ? zip_open_from_source(src, 0, &ze) : NULL;
    bool ok = z != NULL;
    if (!ok) {
        strbuf_error(err, _("cannot open the workbook written: %s"),
                     zip_error_strerror(&ze));
        if (src)
            zip_source_free(src);
    }
    for (size_t i = 0; ok && i < count; i++) {
        char name[64];
        snprintf(name, sizeof name, "xl/worksheets/sheet%zu.xml", sheets[i]);
        ok = unnumber_sheet(z, name, err);
    }
    if (ok && zip_close(z) != 0) {
        strbuf_error(err, _("cannot rewrite the workbook: %s"),
                     zip_strerror(z));
        ok = false;
    }
    if (z && !ok)
        zip_discard(z);
    ok = ok && copy_back(&io, err);
    fclose(scratch);
    zip_error_fini(&ze);
    zip_error_fini(&io.error);
    return ok;
}
