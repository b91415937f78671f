/* xlsx_pages.c - the first page of a printed sheet left unnumbered (see
 * xlsx_pages.h).
 *
 * libzip does the archive: the workbook is read from the descriptor into
 * a buffer source, the named sheets' entries are replaced by their
 * rewritten text (keeping their time, so the same input still gives the
 * same bytes), and the archive libzip writes back into that source
 * (unchanged entries copied as they were compressed) goes to the
 * descriptor. libxlsxwriter writes at most one <headerFooter> per sheet,
 * near its end, and its own text never holds that string (cell text is
 * in the shared strings or escaped), so the first one found is it. */
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

static bool read_whole(int fd, char **out, size_t *len, strbuf *err)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        strbuf_error(err, _("the workbook written is not a regular file"));
        return false;
    }
    size_t n = (size_t)st.st_size, got = 0;
    char *buf = xmalloc(n + 1);
    while (got < n) {
        ssize_t r = pread(fd, buf + got, n - got, (off_t)got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            strbuf_error(err, _("cannot read the workbook back: %s"),
                         r < 0 ? strerror(errno)
                               : _("it is shorter than it was"));
            free(buf);
            return false;
        }
        got += (size_t)r;
    }
    *out = buf;
    *len = n;
    return true;
}

static bool write_whole(int fd, zip_source_t *src, strbuf *err)
{
    if (zip_source_open(src) < 0) {
        strbuf_error(err, _("cannot read the rewritten workbook: %s"),
                     zip_error_strerror(zip_source_error(src)));
        return false;
    }
    bool ok = ftruncate(fd, 0) == 0;
    char chunk[1 << 16];
    off_t at = 0;
    while (ok) {
        zip_int64_t n = zip_source_read(src, chunk, sizeof chunk);
        if (n <= 0) {
            ok = n == 0;
            break;
        }
        for (zip_int64_t done = 0; ok && done < n;) {
            ssize_t w = pwrite(fd, chunk + done, (size_t)(n - done), at);
            if (w < 0 && errno == EINTR)
                continue;
            ok = w > 0;
            done += ok ? w : 0;
            at += ok ? w : 0;
        }
    }
    zip_source_close(src);
    if (!ok)
        strbuf_error(err, _("cannot write the workbook: %s"), strerror(errno));
    return ok;
}

/* The first `needle` in the `len` bytes at s, or NULL. */
static const char *find(const char *s, size_t len, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= len; i++) {
        const char *p = memchr(s + i, needle[0], len - k - i + 1);
        if (!p)
            return NULL;
        i = (size_t)(p - s);
        if (memcmp(p, needle, k) == 0)
            return p;
    }
    return NULL;
}

/* The entry's text, or NULL with the reason in err. */
static char *entry_text(zip_t *z, zip_int64_t index, const char *name,
                        size_t *len, strbuf *err)
{
    zip_stat_t st;
    zip_file_t *f = NULL;
    if (index < 0 || zip_stat_index(z, (zip_uint64_t)index, 0, &st) != 0 ||
        !(st.valid & ZIP_STAT_SIZE) ||
        !(f = zip_fopen_index(z, (zip_uint64_t)index, 0))) {
        strbuf_error(err, _("cannot read %s in the workbook: %s"), name,
                     zip_strerror(z));
        return NULL;
    }
    *len = (size_t)st.size;
    char *text = xmalloc(*len + 1);
    zip_int64_t got = zip_fread(f, text, *len);
    zip_fclose(f);
    if (got != (zip_int64_t)*len) {
        strbuf_error(err, _("cannot read %s in the workbook"), name);
        free(text);
        return NULL;
    }
    return text;
}

/* Replaces the entry `name` by its text with differentFirst set; true
 * also when the sheet has no header or footer (nothing to do). */
static bool unnumber_sheet(zip_t *z, const char *name, strbuf *err)
{
    size_t len;
    zip_int64_t index = zip_name_locate(z, name, 0);
    char *text = entry_text(z, index, name, &len, err);
    if (!text)
        return false;
    const char *tag = find(text, len, HEADER_FOOTER);
    if (!tag) {
        free(text);
        return true;
    }
    size_t before = (size_t)(tag - text), old = strlen(HEADER_FOOTER),
           now = strlen(FIRST_UNNUMBERED);
    char *out = xmalloc(len - old + now);
    memcpy(out, text, before);
    memcpy(out + before, FIRST_UNNUMBERED, now);
    memcpy(out + before + now, tag + old, len - before - old);
    free(text);
    zip_source_t *s = zip_source_buffer(z, out, len - old + now, 1);
    if (!s || zip_file_replace(z, (zip_uint64_t)index, s, 0) != 0) {
        if (s)
            zip_source_free(s); /* frees out */
        else
            free(out);
        strbuf_error(err, _("cannot rewrite %s in the workbook: %s"), name,
                     zip_strerror(z));
        return false;
    }
    /* the archive holds s now; the entry keeps its time, so the same input
     * gives the same bytes */
    zip_stat_t st;
    if (zip_stat_index(z, (zip_uint64_t)index, ZIP_FL_UNCHANGED, &st) != 0 ||
        zip_file_set_mtime(z, (zip_uint64_t)index, st.mtime, 0) != 0) {
        strbuf_error(err, _("cannot keep the time of %s in the workbook: %s"),
                     name, zip_strerror(z));
        return false;
    }
    return true;
}

bool xlsx_pages_unnumber_first(int fd, const size_t *sheets, size_t count,
                               strbuf *err)
{
    char *data;
    size_t len;
    if (!count)
        return true;
    if (!read_whole(fd, &data, &len, err))
        return false;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, 0, &ze) : NULL;
    if (!z) {
        strbuf_error(err, _("cannot open the workbook written: %s"),
                     zip_error_strerror(&ze));
        if (src)
            zip_source_free(src);
        zip_error_fini(&ze);
        free(data);
        return false;
    }
    zip_source_keep(src); /* to read what zip_close writes into it */
    bool ok = true;
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
    if (!ok)
        zip_discard(z);
    ok = ok && write_whole(fd, src, err);
    zip_source_free(src);
    zip_error_fini(&ze);
    free(data);
    return ok;
}
