/* xlsx_join.c - one workbook package made of several part books (see
 * xlsx_join.h).
 *
 * minizip reads each part; zip_write.h writes the package, an entry's
 * compressed bytes copied as they are (with its CRC and sizes), its
 * central directory spooled to a temporary file. (minizip's writer keeps
 * the central directory in memory, and libzip, which reads the workbooks
 * users bring, holds every entry's source until the archive is closed:
 * either would make the package's memory grow with its sheets.)
 *
 * A part is read twice: first its indexes and relationships (a few
 * kilobytes), which say which drawing is whose and which chart is which;
 * then every entry, copied under its new name. A sheet whose rows were
 * spooled (rows_spool.h) is a few kilobytes of text around an empty
 * <sheetData>: that text is inflated, changed, and deflated again in two
 * pieces, the first flushed to a byte boundary, with the spool's blocks
 * copied between them as they are; each piece is a deflate stream of its
 * own, so none refers back into another, and the three make one stream.
 * (A sheet not spooled that is to change is inflated whole.)
 * The package's indexes are built from the first part joined (what does
 * not depend on the sheets is the same in every part), the sheets' names
 * and the defined names of every part; they are written last. Only text
 * libxlsxwriter writes is read here, so the markup is found by its exact
 * form. */
#define _GNU_SOURCE /* qsort_r(3) */
#include "xlsx_join.h"

#include "arena.h"
#include "ascii.h"
#include "i18n.h"
#include "tempfile.h"
#include "xalloc.h"
#include "zip_write.h"

#include <minizip/unzip.h>
#include <zlib.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK (1 << 16)
#define SELECTED "<sheetView tabSelected=\"1\""
#define UNSELECTED "<sheetView"
#define HEADER_FOOTER "<headerFooter>"
#define FIRST_UNNUMBERED "<headerFooter differentFirst=\"1\">"
#define SHEET_DATA "<sheetData></sheetData>" /* the rows, when spooled */
#define WORKSHEET_TYPE                                              \
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/" \
    "relationships/worksheet\""
#define CT_SHEET \
    "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
#define CT_CHART \
    "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
#define CT_DRAWING "application/vnd.openxmlformats-officedocument.drawing+xml"

/* --- a descriptor as minizip's file ------------------------------------ */

/* minizip reads a zip's headers a field at a time: through a buffer of
 * CHUNK bytes, one system call serves a run of them. The buffer holds
 * the bytes at buf_at. The parts are only read. */
typedef struct fd_file {
    int fd;
    ZPOS64_T at, size;
    int error; /* errno of the first failure */
    char *buf;
    ZPOS64_T buf_at;
    size_t buf_len;
} fd_file;

static voidpf ZCALLBACK fd_open(voidpf opaque, const void *name, int mode)
{
    (void)name;
    (void)mode;
    return opaque;
}

static size_t read_at(fd_file *f, char *buf, size_t size, ZPOS64_T at)
{
    size_t got = 0;
    while (got < size) {
        ssize_t r = pread(f->fd, buf + got, size - got, (off_t)(at + got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0 && !f->error)
            f->error = errno;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    return got;
}

static uLong ZCALLBACK fd_read(voidpf opaque, voidpf stream, void *buf,
                               uLong size)
{
    (void)opaque;
    fd_file *f = stream;
    if (f->at < f->buf_at || f->at + size > f->buf_at + f->buf_len) {
        if (size >= CHUNK) {
            size_t got = read_at(f, buf, size, f->at);
            f->at += got;
            return got;
        }
        f->buf_at = f->at;
        f->buf_len = read_at(f, f->buf, CHUNK, f->at);
    }
    size_t got = f->buf_at + f->buf_len - f->at;
    if (got > size)
        got = size;
    memcpy(buf, f->buf + (f->at - f->buf_at), got);
    f->at += got;
    return got;
}

static uLong ZCALLBACK fd_write(voidpf opaque, voidpf stream, const void *buf,
                                uLong size)
{
    (void)opaque;
    (void)stream;
    (void)buf;
    (void)size;
    return 0; /* never asked: unzip only reads */
}

static ZPOS64_T ZCALLBACK fd_tell(voidpf opaque, voidpf stream)
{
    (void)opaque;
    return ((fd_file *)stream)->at;
}

static long ZCALLBACK fd_seek(voidpf opaque, voidpf stream, ZPOS64_T offset,
                              int origin)
{
    (void)opaque;
    fd_file *f = stream;
    switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET:
        f->at = offset;
        return 0;
    case ZLIB_FILEFUNC_SEEK_CUR:
        f->at += offset;
        return 0;
    case ZLIB_FILEFUNC_SEEK_END:
        f->at = f->size + offset;
        return 0;
    default:
        return -1;
    }
}

static int ZCALLBACK fd_close(voidpf opaque, voidpf stream)
{
    (void)opaque;
    (void)stream;
    return 0; /* the descriptor is the caller's, left open */
}

static int ZCALLBACK fd_error(voidpf opaque, voidpf stream)
{
    (void)opaque;
    return ((fd_file *)stream)->error;
}

static zlib_filefunc64_def fd_functions(fd_file *f)
{
    return (zlib_filefunc64_def){fd_open, fd_read,  fd_write, fd_tell,
                                 fd_seek, fd_close, fd_error, f};
}

/* --- the package --------------------------------------------------------- */

typedef struct whole_sheet {
    const char *name; /* as workbook.xml writes it (attribute-escaped) */
    bool joined, hidden, drawing;
} whole_sheet;

/* A defined name libxlsxwriter gives a sheet (a print area, print
 * titles, a filter's range), as workbook.xml writes it:
 * <definedName name="KIND" localSheetId="SHEET"[ hidden="1"]>FORMULA<... */
typedef struct defined_name {
    uint32_t sheet; /* the whole's, from 0 */
    uint8_t kind;   /* its name, j->kinds[kind] */
    bool hidden;
    const char *formula;
} defined_name;

#define MAX_KINDS 16

struct xlsx_join {
    zip_write *zip;
    bool raw;     /* the entry open takes compressed bytes */
    char *in_buf; /* the parts' read buffer */
    char *chunk;  /* an entry's bytes on their way, CHUNK */
    z_stream z;   /* deflates sheets' text around their rows */
    bool z_ready;
    arena *a;
    whole_sheet *sheets; /* by number - 1 */
    size_t nsheets, sheets_cap;
    uint32_t ncharts; /* the highest chart number joined */
    defined_name *names;
    size_t nnames, names_cap;
    const char *kinds[MAX_KINDS]; /* the names defined names have */
    size_t nkinds;
    /* from the first part joined: the indexes' text around what the
     * sheets make, and the time its entries carry */
    bool have_frame, have_fixed, have_styles;
    uLong dos_date;
    char *workbook_head, *workbook_tail; /* around <sheets>...names */
    char *app_head, *app_tail;           /* around the parts' lists */
    char *types_head, *types_tail;       /* around the sheets' overrides */
    char *rels_head;                     /* before the relationships */
    char **rels_other; /* the relationships other than sheets' */
    size_t nrels_other;
};

/* A failure writing the package (its entry `entry`, or NULL), with the
 * system's reason when there is one. */
static void failed(strbuf *err, const char *entry, int e)
{
    const char *why = strerror(e ? e : EIO);
    if (entry)
        strbuf_error(err, _("cannot write %s in the workbook: %s"), entry, why);
    else
        strbuf_error(err, _("cannot write the workbook: %s"), why);
}

xlsx_join *xlsx_join_start(int fd, strbuf *err)
{
    struct stat held;
    if (fstat(fd, &held) != 0 || !S_ISREG(held.st_mode)) {
        strbuf_error(err, _("the workbook written is not a regular file"));
        return NULL;
    }
    if (ftruncate(fd, 0) != 0) {
        failed(err, NULL, errno);
        return NULL;
    }
    zip_write *zip = zip_write_start(fd, err);
    if (!zip)
        return NULL;
    xlsx_join *j = xcalloc(1, sizeof *j);
    j->zip = zip;
    j->in_buf = xmalloc(CHUNK);
    j->chunk = xmalloc(CHUNK);
    j->a = arena_new();
    return j;
}

static void release(xlsx_join *j)
{
    zip_write_free(j->zip);
    free(j->in_buf);
    free(j->chunk);
    if (j->z_ready)
        deflateEnd(&j->z);
    free(j->sheets);
    free(j->names);
    free(j->workbook_head);
    free(j->workbook_tail);
    free(j->app_head);
    free(j->app_tail);
    free(j->types_head);
    free(j->types_tail);
    free(j->rels_head);
    for (size_t i = 0; i < j->nrels_other; i++)
        free(j->rels_other[i]);
    free(j->rels_other);
    arena_free(j->a);
    free(j);
}

void xlsx_join_abandon(xlsx_join *j)
{
    if (!j)
        return;
    release(j);
}

/* --- writing entries ----------------------------------------------------- */

static bool entry_open(xlsx_join *j, const char *name, uLong dos_date, bool raw,
                       strbuf *err)
{
    j->raw = raw;
    if (zip_write_begin(j->zip, name, (uint32_t)dos_date))
        return true;
    failed(err, name, zip_write_error(j->zip));
    return false;
}

/* The open entry's next len bytes: compressed already when it was opened
 * raw, to be deflated when not. */
static bool entry_put(xlsx_join *j, const void *data, size_t len)
{
    return j->raw ? zip_write_raw(j->zip, data, len)
                  : zip_write_deflate(j->zip, data, len);
}

static bool entry_write(xlsx_join *j, const void *data, size_t len, strbuf *err)
{
    if (entry_put(j, data, len))
        return true;
    failed(err, NULL, zip_write_error(j->zip));
    return false;
}

/* Ends the open entry: one that was not raw is deflated here. */
static bool entry_close(xlsx_join *j, const char *name, uint32_t crc,
                        uint64_t size, strbuf *err)
{
    if (j->raw ? zip_write_end_raw(j->zip, crc, size) : zip_write_end(j->zip))
        return true;
    failed(err, name, zip_write_error(j->zip));
    return false;
}

static bool put_text(xlsx_join *j, const char *name, const char *text,
                     size_t len, strbuf *err)
{
    return entry_open(j, name, j->dos_date, false, err) &&
           entry_write(j, text, len, err) && entry_close(j, name, 0, 0, err);
}

/* --- reading a part ------------------------------------------------------ */

typedef struct part_in {
    fd_file in;
    unzFile zip;
    const char *name; /* the current entry's */
    char name_buf[256];
    unz_file_info64 info;
} part_in;

static bool part_failed(part_in *p, strbuf *err)
{
    strbuf_error(err, _("cannot read %s in the workbook: %s"), p->name,
                 p->in.error ? strerror(p->in.error) : _("not a zip entry"));
    return false;
}

/* The current entry holds what libxlsxwriter does not write. */
static bool not_as_written(part_in *p, strbuf *err)
{
    strbuf_error(err, _("cannot read %s in the workbook: %s"), p->name,
                 _("not as libxlsxwriter writes it"));
    return false;
}

/* The current entry's name and sizes; false at the end or on an error
 * (then with err). */
static bool part_entry(part_in *p, strbuf *err)
{
    if (unzGetCurrentFileInfo64(p->zip, &p->info, p->name_buf,
                                sizeof p->name_buf, NULL, 0, NULL,
                                0) != UNZ_OK) {
        p->name = "?";
        return part_failed(p, err);
    }
    p->name = p->name_buf;
    return true;
}

/* The current entry's text, inflated, into out (replacing it). */
static bool part_text(part_in *p, strbuf *out, strbuf *err)
{
    strbuf_reset(out);
    if (unzOpenCurrentFile(p->zip) != UNZ_OK)
        return part_failed(p, err);
    char buf[8192];
    int got;
    while ((got = unzReadCurrentFile(p->zip, buf, sizeof buf)) > 0)
        strbuf_add(out, buf, (size_t)got);
    /* closing checks the CRC of what was read */
    if (unzCloseCurrentFile(p->zip) != UNZ_OK || got < 0)
        return part_failed(p, err);
    return true;
}

/* Copies the current entry as it was compressed, named `name`. */
static bool copy_raw(xlsx_join *j, part_in *p, const char *name, strbuf *err)
{
    int method, level;
    if (unzOpenCurrentFile2(p->zip, &method, &level, 1) != UNZ_OK ||
        method != Z_DEFLATED)
        return part_failed(p, err);
    if (!entry_open(j, name, p->info.dosDate, true, err)) {
        unzCloseCurrentFile(p->zip);
        return false;
    }
    char *buf = j->chunk;
    int got;
    bool ok = true;
    while (ok && (got = unzReadCurrentFile(p->zip, buf, CHUNK)) > 0)
        ok = entry_write(j, buf, (size_t)got, err);
    if (ok && (got < 0 || unzCloseCurrentFile(p->zip) != UNZ_OK))
        ok = part_failed(p, err);
    if (ok)
        ok = entry_close(j, name, (uint32_t)p->info.crc,
                         p->info.uncompressed_size, err);
    return ok;
}

/* --- a sheet, its rows spliced in ---------------------------------------- */

/* A change made in a sheet's text: from, at its first place, becomes to. */
typedef struct text_change {
    const char *from, *to;
    bool wanted;
} text_change;

/* Makes the wanted changes in text; false with err when one has no
 * place. */
static bool change_text(strbuf *text, const text_change *c, size_t nc,
                        const char *entry, strbuf *err)
{
    for (size_t i = 0; i < nc; i++) {
        if (!c[i].wanted)
            continue;
        const char *at = strstr(strbuf_str(text), c[i].from);
        if (!at) {
            strbuf_error(err, _("cannot rewrite %s in the workbook: %s"), entry,
                         c[i].from);
            return false;
        }
        size_t before = (size_t)(at - text->buf), cut = strlen(c[i].from);
        strbuf changed = STRBUF_INIT;
        strbuf_add(&changed, text->buf, before);
        strbuf_puts(&changed, c[i].to);
        strbuf_add(&changed, text->buf + before + cut,
                   text->len - before - cut);
        strbuf_release(text);
        *text = changed;
    }
    return true;
}

/* Deflates text[0, len) into the open entry from a fresh start: its
 * blocks end flushed to a byte boundary, not final, unless `last`, when
 * they end the entry's stream. */
static bool deflate_text(xlsx_join *j, const char *text, size_t len, bool last,
                         strbuf *err)
{
    z_stream *z = &j->z;
    if (j->z_ready ? deflateReset(z) != Z_OK
                   : deflateInit2(z, Z_DEFAULT_COMPRESSION, Z_DEFLATED,
                                  -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        failed(err, NULL, ENOMEM);
        return false;
    }
    j->z_ready = true;
    z->next_in = (Bytef *)text;
    for (;;) {
        size_t step = len < (1u << 30) ? len : (1u << 30);
        z->avail_in = (uInt)step;
        len -= step;
        int flush = len ? Z_NO_FLUSH : last ? Z_FINISH : Z_SYNC_FLUSH, r;
        do {
            z->next_out = (Bytef *)j->chunk;
            z->avail_out = CHUNK;
            if ((r = deflate(z, flush)) == Z_STREAM_ERROR) {
                failed(err, NULL, EINVAL);
                return false;
            }
            size_t got = CHUNK - z->avail_out;
            if (got && !entry_write(j, j->chunk, got, err))
                return false;
        } while (z->avail_out == 0 || (flush == Z_FINISH && r != Z_STREAM_END));
        if (!len)
            return true;
    }
}

/* Copies the spool's compressed rows into the open entry. */
static bool put_rows(xlsx_join *j, const rows_spool_bytes *rows, strbuf *err)
{
    if (rows->data)
        return entry_write(j, rows->data, (size_t)rows->len, err);
    for (uint64_t at = 0; at < rows->len;) {
        size_t step = rows->len - at < CHUNK ? (size_t)(rows->len - at) : CHUNK;
        if (!tempfile_read_at(rows->fd, j->chunk, step, at)) {
            strbuf_error(err, _("cannot read a sheet's rows back: %s"),
                         strerror(errno));
            return false;
        }
        if (!entry_write(j, j->chunk, step, err))
            return false;
        at += step;
    }
    return true;
}

/* Copies the current entry, a sheet, with the changes made and, when its
 * rows were spooled, its rows put between <sheetData> and </sheetData>:
 * its text (without rows, a few kilobytes) deflated again in two pieces
 * around the spool's blocks, which go as they are. */
static bool copy_sheet(xlsx_join *j, part_in *p, const char *name,
                       const text_change *c, size_t nc, const rows_spool *spool,
                       strbuf *err)
{
    strbuf text = STRBUF_INIT;
    bool ok = part_text(p, &text, err) && change_text(&text, c, nc, name, err);
    rows_spool_bytes rows = {NULL, -1, 0, 0, 0};
    size_t head = text.len;
    if (ok && spool && (rows = rows_spool_held(spool)).size) {
        const char *at = strstr(strbuf_str(&text), SHEET_DATA);
        if (at)
            head = (size_t)(at - text.buf) + strlen("<sheetData>");
        else
            ok = not_as_written(p, err);
    }
    if (ok)
        ok = entry_open(j, name, p->info.dosDate, true, err) &&
             deflate_text(j, text.buf, head, false, err) &&
             put_rows(j, &rows, err) &&
             deflate_text(j, text.buf + head, text.len - head, true, err);
    if (ok) {
        uint32_t crc = (uint32_t)crc32_z(0, (const Bytef *)text.buf, head);
        crc = (uint32_t)crc32_combine64(crc, rows.crc, (z_off64_t)rows.size);
        uint32_t tail = (uint32_t)crc32_z(0, (const Bytef *)text.buf + head,
                                          text.len - head);
        crc =
            (uint32_t)crc32_combine64(crc, tail, (z_off64_t)(text.len - head));
        ok = entry_close(j, name, crc, text.len + rows.size, err);
    }
    strbuf_release(&text);
    return ok;
}

/* --- names of parts -------------------------------------------------- */

/* Whether s is prefix, a number from 1, then suffix; the number in *n. */
static bool numbered(const char *s, const char *prefix, const char *suffix,
                     size_t *n)
{
    size_t lp = strlen(prefix);
    if (strncmp(s, prefix, lp) != 0)
        return false;
    s += lp;
    size_t v = 0, digits = 0;
    for (; *s >= '0' && *s <= '9' && digits < 9; s++, digits++)
        v = v * 10 + (size_t)(*s - '0');
    *n = v;
    return digits && v && strcmp(s, suffix) == 0;
}

/* "prefix" N "suffix" into out (96 bytes). */
static const char *named(char *out, const char *prefix, size_t n,
                         const char *suffix)
{
    char digits[24];
    digits[ascii_decimal(n, digits)] = '\0';
    snprintf(out, 96, "%s%s%s", prefix, digits, suffix);
    return out;
}

/* The numbers after each `target` in text, in order, rewritten by map
 * (the number found -> the new one; 0: unknown) into out. */
static bool retarget(const char *text, const char *target,
                     size_t (*map)(void *, size_t, size_t), void *ctx,
                     strbuf *out)
{
    strbuf_reset(out);
    size_t k = 0, lt = strlen(target);
    const char *at;
    while ((at = strstr(text, target))) {
        strbuf_add(out, text, (size_t)(at - text) + lt);
        text = at + lt;
        size_t n = 0;
        while (*text >= '0' && *text <= '9')
            n = n * 10 + (size_t)(*text++ - '0');
        size_t to = map(ctx, n, k++);
        if (!to)
            return false;
        char digits[24];
        strbuf_add(out, digits, ascii_decimal(to, digits));
    }
    strbuf_puts(out, text);
    return true;
}

/* --- the part's indexes -------------------------------------------------- */

static char *dup_span(const char *from, const char *to)
{
    return xstrndup(from, (size_t)(to - from));
}

/* The end of the empty element at `at` (past its "/>"), or NULL. */
static const char *element_end(const char *at)
{
    const char *end = strstr(at, "/>");
    return end ? end + 2 : NULL;
}

static bool frame_workbook(xlsx_join *j, const char *text)
{
    const char *sheets = strstr(text, "<sheets>");
    const char *sheets_end = sheets ? strstr(sheets, "</sheets>") : NULL;
    if (!sheets_end)
        return false;
    const char *tail = sheets_end + strlen("</sheets>");
    const char *names_end = strstr(tail, "</definedNames>");
    if (strncmp(tail, "<definedNames>", strlen("<definedNames>")) == 0) {
        if (!names_end)
            return false;
        tail = names_end + strlen("</definedNames>");
    }
    j->workbook_head = dup_span(text, sheets);
    j->workbook_tail = xstrdup(tail);
    return true;
}

static bool frame_app(xlsx_join *j, const char *text)
{
    const char *head = strstr(text, "<HeadingPairs>");
    const char *tail = head ? strstr(head, "</TitlesOfParts>") : NULL;
    if (!tail)
        return false;
    j->app_head = dup_span(text, head);
    j->app_tail = xstrdup(tail + strlen("</TitlesOfParts>"));
    return true;
}

static bool frame_types(xlsx_join *j, const char *text)
{
    static const char *const made[] = {
        "<Override PartName=\"/xl/worksheets/",
        "<Override PartName=\"/xl/charts/",
        "<Override PartName=\"/xl/drawings/",
    };
    const char *first = strstr(text, made[0]), *last = NULL;
    if (!first)
        return false;
    for (size_t i = 0; i < sizeof made / sizeof *made; i++)
        for (const char *at = strstr(text, made[i]); at;
             at = strstr(at + 1, made[i]))
            if (!last || at > last)
                last = at;
    const char *tail = element_end(last);
    if (!tail)
        return false;
    j->types_head = dup_span(text, first);
    j->types_tail = xstrdup(tail);
    return true;
}

static bool frame_rels(xlsx_join *j, const char *text)
{
    const char *first = strstr(text, "<Relationship ");
    if (!first || !strstr(text, "</Relationships>"))
        return false;
    j->rels_head = dup_span(text, first);
    for (const char *at = first; (at = strstr(at, "<Relationship "));) {
        const char *end = element_end(at);
        if (!end)
            return false;
        char *rel = dup_span(at, end);
        if (strstr(rel, WORKSHEET_TYPE)) {
            free(rel);
        } else {
            j->rels_other = xrealloc(j->rels_other, (j->nrels_other + 1) *
                                                        sizeof *j->rels_other);
            j->rels_other[j->nrels_other++] = rel;
        }
        at = end;
    }
    return true;
}

/* The value of attribute `attr` (` name="`) in the element at el, up to
 * the element's end; its length in *len. */
static const char *attribute(const char *el, const char *end, const char *attr,
                             size_t *len)
{
    size_t la = strlen(attr);
    for (const char *at = el; at + la <= end; at++)
        if (memcmp(at, attr, la) == 0) {
            const char *v = at + la, *q = memchr(v, '"', (size_t)(end - v));
            if (!q)
                return NULL;
            *len = (size_t)(q - v);
            return v;
        }
    return NULL;
}

/* The end of the sheet's name, quoted as Excel quotes it, that begins a
 * formula: at its '!'. */
static const char *sheet_end(const char *formula)
{
    const char *q = formula;
    if (*q == '\'') {
        for (q++; *q && !(*q == '\'' && q[1] != '\''); q++)
            if (*q == '\'')
                q++;
        if (*q)
            q++;
    }
    while (*q && *q != '!' && *q != '<')
        q++;
    return q;
}

/* A name without the "_xlnm." of Excel's own. */
static const char *short_name(const char *name)
{
    return strncmp(name, "_xlnm.", 6) == 0 ? name + 6 : name;
}

/* Appends s[0, n) to out (cap bytes, NUL-terminated) as libxlsxwriter
 * compares names: ASCII lower case, the markup's entities read back. */
static size_t key_add(char *out, size_t len, size_t cap, const char *s,
                      size_t n)
{
    static const struct {
        const char *entity;
        char c;
    } entities[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}};
    for (size_t i = 0; i < n && len + 1 < cap; i++) {
        char c = s[i];
        for (size_t e = 0; e < sizeof entities / sizeof *entities; e++) {
            size_t le = strlen(entities[e].entity);
            if (n - i >= le && memcmp(s + i, entities[e].entity, le) == 0) {
                c = entities[e].c;
                i += le - 1;
                break;
            }
        }
        out[len++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    out[len] = '\0';
    return len;
}

/* libxlsxwriter keeps defined names sorted by their names (without
 * "_xlnm.") and then by their names in app.xml ('Sheet'!Print_Area). */
static int by_name(const void *pa, const void *pb, void *ctx)
{
    const xlsx_join *j = ctx;
    const defined_name *d[2] = {pa, pb};
    char keys[2][2][512];
    for (int i = 0; i < 2; i++) {
        const char *name = short_name(j->kinds[d[i]->kind]);
        key_add(keys[i][0], 0, sizeof keys[i][0], name, strlen(name));
        const char *f = d[i]->formula;
        size_t len = key_add(keys[i][1], 0, sizeof keys[i][1], f,
                             (size_t)(sheet_end(f) - f));
        len = key_add(keys[i][1], len, sizeof keys[i][1], "!", 1);
        key_add(keys[i][1], len, sizeof keys[i][1], name, strlen(name));
    }
    int r = strcmp(keys[0][0], keys[1][0]);
    return r ? r : strcmp(keys[0][1], keys[1][1]);
}

/* Whether a defined name is listed in app.xml: a sheet's range, not a
 * filter's. */
static bool in_app(const xlsx_join *j, const defined_name *d)
{
    return *sheet_end(d->formula) == '!' &&
           strcmp(short_name(j->kinds[d->kind]), "_FilterDatabase") != 0;
}

/* The element's start as workbook.xml writes it, into out. */
static void name_head(const xlsx_join *j, const defined_name *d, strbuf *out)
{
    char digits[24];
    strbuf_reset(out);
    strbuf_puts(out, "<definedName name=\"");
    strbuf_puts(out, j->kinds[d->kind]);
    strbuf_puts(out, "\" localSheetId=\"");
    strbuf_add(out, digits, ascii_decimal(d->sheet, digits));
    strbuf_puts(out, d->hidden ? "\" hidden=\"1\">" : "\">");
}

/* The sheets' names and the defined names of a part's workbook.xml. */
static bool read_workbook(xlsx_join *j, const char *text,
                          const xlsx_join_sheet *sheets, size_t nsheets)
{
    size_t local = 0;
    for (const char *at = text; (at = strstr(at, "<sheet "));) {
        const char *end = element_end(at);
        size_t len;
        const char *name = end ? attribute(at, end, " name=\"", &len) : NULL;
        if (!name || local == nsheets)
            return false;
        j->sheets[sheets[local++].number - 1].name =
            arena_strndup(j->a, name, len);
        at = end;
    }
    if (local != nsheets)
        return false;
    static const char open[] = "<definedName ", close[] = "</definedName>";
    strbuf head = STRBUF_INIT;
    bool ok = true;
    for (const char *at = text; ok && (at = strstr(at, open));) {
        const char *gt = strchr(at, '>');
        const char *end = gt ? strstr(gt, close) : NULL;
        size_t nlen, idlen;
        const char *name = end ? attribute(at, gt, " name=\"", &nlen) : NULL;
        const char *id =
            name ? attribute(at, gt, " localSheetId=\"", &idlen) : NULL;
        size_t l = 0;
        for (size_t i = 0; id && i < idlen; i++)
            l = l * 10 + (size_t)(id[i] - '0');
        if (!id || l >= nsheets) {
            ok = false;
            break;
        }
        defined_name d = {.sheet = (uint32_t)(sheets[l].number - 1),
                          .hidden = attribute(at, gt, " hidden=\"1", &idlen)};
        while (d.kind < j->nkinds && (strlen(j->kinds[d.kind]) != nlen ||
                                      memcmp(j->kinds[d.kind], name, nlen)))
            d.kind++;
        if (d.kind == MAX_KINDS) {
            ok = false;
            break;
        }
        if (d.kind == j->nkinds)
            j->kinds[j->nkinds++] = arena_strndup(j->a, name, nlen);
        d.formula = arena_strndup(j->a, gt + 1, (size_t)(end - (gt + 1)));
        /* written again as read, but for the sheet's number */
        d.sheet = (uint32_t)l;
        name_head(j, &d, &head);
        ok = head.len == (size_t)(gt + 1 - at) &&
             memcmp(head.buf, at, head.len) == 0;
        d.sheet = (uint32_t)(sheets[l].number - 1);
        ARRAY_ROOM(j->names, j->nnames, j->names_cap, 16);
        j->names[j->nnames++] = d;
        at = end + strlen(close);
    }
    strbuf_release(&head);
    return ok;
}

/* --- a part's relationships ---------------------------------------------- */

typedef struct part_map {
    const xlsx_join_sheet *sheets;
    size_t nsheets;
    size_t *drawing_sheet; /* local drawing -> local sheet + 1 */
    size_t ndrawings;
    uint32_t *chart; /* local chart -> the whole's number */
    size_t ncharts;
    size_t sheet; /* the local sheet whose relationships are read */
} part_map;

/* A sheet's relationship to local drawing n: drawing n is the sheet's. */
static size_t drawing_of_sheet(void *ctx, size_t n, size_t k)
{
    part_map *m = ctx;
    if (k || !n || n > m->nsheets)
        return 0;
    if (n > m->ndrawings) {
        m->drawing_sheet =
            xrealloc(m->drawing_sheet, n * sizeof *m->drawing_sheet);
        memset(m->drawing_sheet + m->ndrawings, 0,
               (n - m->ndrawings) * sizeof *m->drawing_sheet);
        m->ndrawings = n;
    }
    m->drawing_sheet[n - 1] = m->sheet + 1;
    return m->sheets[m->sheet].number;
}

/* A drawing's k-th relationship, to local chart n: the sheet's k-th. */
static size_t chart_of_drawing(void *ctx, size_t n, size_t k)
{
    part_map *m = ctx;
    const xlsx_join_sheet *s = &m->sheets[m->sheet];
    if (!n || k >= s->ncharts || !s->charts[k])
        return 0;
    if (n > m->ncharts) {
        m->chart = xrealloc(m->chart, n * sizeof *m->chart);
        memset(m->chart + m->ncharts, 0, (n - m->ncharts) * sizeof *m->chart);
        m->ncharts = n;
    }
    m->chart[n - 1] = s->charts[k];
    return s->charts[k];
}

/* --- joining a part ------------------------------------------------------ */

/* The first reading: the part's indexes and its sheets' relationships. */
static bool read_indexes(xlsx_join *j, part_in *p, part_map *m, strbuf *err)
{
    strbuf text = STRBUF_INIT, scratch = STRBUF_INIT;
    bool ok = true, seen_workbook = false;
    bool frame = !j->have_frame;
    size_t n;
    for (int r = unzGoToFirstFile(p->zip); ok && r == UNZ_OK;
         r = unzGoToNextFile(p->zip)) {
        if (!part_entry(p, err)) {
            ok = false;
            break;
        }
        const char *name = p->name;
        bool workbook = strcmp(name, "xl/workbook.xml") == 0;
        bool sheet_rels =
            numbered(name, "xl/worksheets/_rels/sheet", ".xml.rels", &n);
        bool indexes =
            frame && (strcmp(name, "docProps/app.xml") == 0 ||
                      strcmp(name, "[Content_Types].xml") == 0 ||
                      strcmp(name, "xl/_rels/workbook.xml.rels") == 0);
        if (!workbook && !sheet_rels && !indexes)
            continue;
        if (!part_text(p, &text, err)) {
            ok = false;
            break;
        }
        const char *t = strbuf_str(&text);
        if (workbook) {
            seen_workbook = true;
            ok = read_workbook(j, t, m->sheets, m->nsheets) &&
                 (!frame || frame_workbook(j, t));
            if (frame)
                j->dos_date = p->info.dosDate;
        } else if (sheet_rels) {
            m->sheet = n - 1;
            ok = n <= m->nsheets && retarget(t, "Target=\"../drawings/drawing",
                                             drawing_of_sheet, m, &scratch);
        } else if (strcmp(name, "docProps/app.xml") == 0) {
            ok = frame_app(j, t);
        } else if (name[0] == '[') {
            ok = frame_types(j, t);
        } else {
            ok = frame_rels(j, t);
        }
        if (!ok && !err->len)
            not_as_written(p, err);
    }
    if (ok && !seen_workbook) {
        strbuf_error(err, _("cannot read %s in the workbook: %s"),
                     "xl/workbook.xml", _("not a zip entry"));
        ok = false;
    }
    /* the drawings' relationships, once it is known whose each is */
    for (int r = unzGoToFirstFile(p->zip); ok && r == UNZ_OK;
         r = unzGoToNextFile(p->zip)) {
        if (!part_entry(p, err)) {
            ok = false;
            break;
        }
        if (!numbered(p->name, "xl/drawings/_rels/drawing", ".xml.rels", &n))
            continue;
        ok = n <= m->ndrawings && m->drawing_sheet[n - 1] &&
             part_text(p, &text, err);
        if (ok) {
            m->sheet = m->drawing_sheet[n - 1] - 1;
            ok = retarget(strbuf_str(&text), "Target=\"../charts/chart",
                          chart_of_drawing, m, &scratch);
        }
        if (!ok && !err->len)
            not_as_written(p, err);
    }
    if (ok && frame)
        j->have_frame = true;
    strbuf_release(&text);
    strbuf_release(&scratch);
    return ok;
}

/* A relationships entry, its targets renumbered, under its new name. */
static bool copy_rels(xlsx_join *j, part_in *p, part_map *m, const char *name,
                      const char *target, size_t (*map)(void *, size_t, size_t),
                      strbuf *err)
{
    strbuf text = STRBUF_INIT, out = STRBUF_INIT;
    bool ok = part_text(p, &text, err) &&
              retarget(strbuf_str(&text), target, map, m, &out) &&
              put_text(j, name, out.buf, out.len, err);
    strbuf_release(&text);
    strbuf_release(&out);
    return ok;
}

/* The second reading: every entry, copied under its new name. */
static bool copy_entries(xlsx_join *j, part_in *p, part_map *m, bool styles,
                         strbuf *err)
{
    bool fixed = !j->have_fixed; /* the same in every part: copied once */
    char to[96];
    size_t n;
    bool ok = true, unknown = false;
    for (int r = unzGoToFirstFile(p->zip); ok && r == UNZ_OK;
         r = unzGoToNextFile(p->zip)) {
        if (!part_entry(p, err))
            return false;
        const char *name = p->name;
        if (numbered(name, "xl/worksheets/sheet", ".xml", &n)) {
            if ((unknown = n > m->nsheets))
                break;
            const xlsx_join_sheet *s = &m->sheets[n - 1];
            text_change c[] = {
                {SELECTED, UNSELECTED, n == 1 && s->number != 1},
                {HEADER_FOOTER, FIRST_UNNUMBERED, s->first_unnumbered},
            };
            named(to, "xl/worksheets/sheet", s->number, ".xml");
            ok = c[0].wanted || c[1].wanted || s->rows
                     ? copy_sheet(j, p, to, c, 2, s->rows, err)
                     : copy_raw(j, p, to, err);
        } else if (numbered(name, "xl/worksheets/_rels/sheet", ".xml.rels",
                            &n)) {
            if ((unknown = n > m->nsheets))
                break;
            m->sheet = n - 1;
            ok = copy_rels(j, p, m,
                           named(to, "xl/worksheets/_rels/sheet",
                                 m->sheets[n - 1].number, ".xml.rels"),
                           "Target=\"../drawings/drawing", drawing_of_sheet,
                           err);
        } else if (numbered(name, "xl/drawings/drawing", ".xml", &n)) {
            if ((unknown = n > m->ndrawings || !m->drawing_sheet[n - 1]))
                break;
            ok = copy_raw(j, p,
                          named(to, "xl/drawings/drawing",
                                m->sheets[m->drawing_sheet[n - 1] - 1].number,
                                ".xml"),
                          err);
        } else if (numbered(name, "xl/drawings/_rels/drawing", ".xml.rels",
                            &n)) {
            if ((unknown = n > m->ndrawings || !m->drawing_sheet[n - 1]))
                break;
            m->sheet = m->drawing_sheet[n - 1] - 1;
            ok = copy_rels(j, p, m,
                           named(to, "xl/drawings/_rels/drawing",
                                 m->sheets[m->sheet].number, ".xml.rels"),
                           "Target=\"../charts/chart", chart_of_drawing, err);
        } else if (numbered(name, "xl/charts/chart", ".xml", &n)) {
            if ((unknown = n > m->ncharts || !m->chart[n - 1]))
                break;
            ok = copy_raw(j, p,
                          named(to, "xl/charts/chart", m->chart[n - 1], ".xml"),
                          err);
        } else if (strcmp(name, "xl/styles.xml") == 0) {
            if (styles)
                ok = copy_raw(j, p, name, err);
        } else if (strcmp(name, "_rels/.rels") == 0 ||
                   strcmp(name, "docProps/core.xml") == 0 ||
                   strcmp(name, "xl/theme/theme1.xml") == 0) {
            if (fixed)
                ok = copy_raw(j, p, name, err);
        } else if (strcmp(name, "xl/workbook.xml") != 0 &&
                   strcmp(name, "docProps/app.xml") != 0 &&
                   strcmp(name, "[Content_Types].xml") != 0 &&
                   strcmp(name, "xl/_rels/workbook.xml.rels") != 0) {
            unknown = true; /* a part this join does not know */
            break;
        }
    }
    if (ok && unknown)
        return not_as_written(p, err);
    j->have_fixed = true;
    if (ok && styles)
        j->have_styles = true;
    return ok;
}

bool xlsx_join_part(xlsx_join *j, int fd, const xlsx_join_sheet *sheets,
                    size_t nsheets, bool styles, strbuf *err)
{
    struct stat held;
    if (fstat(fd, &held) != 0) {
        strbuf_error(err, _("cannot read the workbook back: %s"),
                     strerror(errno));
        return false;
    }
    for (size_t i = 0; i < nsheets; i++) {
        size_t number = sheets[i].number;
        if (number > j->nsheets) {
            if (number > j->sheets_cap) {
                while (j->sheets_cap < number)
                    j->sheets_cap = j->sheets_cap ? 2 * j->sheets_cap : 64;
                j->sheets =
                    xrealloc(j->sheets, j->sheets_cap * sizeof *j->sheets);
            }
            memset(j->sheets + j->nsheets, 0,
                   (number - j->nsheets) * sizeof *j->sheets);
            j->nsheets = number;
        }
        whole_sheet *w = &j->sheets[number - 1];
        w->joined = true;
        w->hidden = sheets[i].hidden;
        w->drawing = sheets[i].ncharts > 0;
        for (size_t c = 0; c < sheets[i].ncharts; c++)
            if (sheets[i].charts[c] > j->ncharts)
                j->ncharts = sheets[i].charts[c];
    }
    part_in p = {.in = {.fd = fd,
                        .size = (ZPOS64_T)held.st_size,
                        .buf = j->in_buf},
                 .name = "?"};
    zlib_filefunc64_def io = fd_functions(&p.in);
    p.zip = unzOpen2_64("", &io);
    if (!p.zip) {
        strbuf_error(err, _("cannot open the workbook written: %s"),
                     p.in.error ? strerror(p.in.error) : _("not a zip file"));
        return false;
    }
    part_map m = {.sheets = sheets, .nsheets = nsheets};
    bool ok =
        read_indexes(j, &p, &m, err) && copy_entries(j, &p, &m, styles, err);
    unzClose(p.zip);
    free(m.drawing_sheet);
    free(m.chart);
    return ok;
}

/* --- the package's indexes ----------------------------------------------- */

/* An index entry's text, handed to the zip a buffer at a time (the
 * indexes grow with the sheets: they are not held whole). */
typedef struct text_out {
    xlsx_join *j;
    strbuf *err;
    bool ok;
    size_t len;
    char buf[16384];
} text_out;

static void out_add(text_out *o, const char *s, size_t n)
{
    if (o->len + n > sizeof o->buf) {
        o->ok = o->ok && entry_write(o->j, o->buf, o->len, o->err);
        o->len = 0;
        if (n > sizeof o->buf) {
            o->ok = o->ok && entry_write(o->j, s, n, o->err);
            return;
        }
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static void out_puts(text_out *o, const char *s)
{
    out_add(o, s, strlen(s));
}

static void out_number(text_out *o, size_t n)
{
    char digits[24];
    out_add(o, digits, ascii_decimal(n, digits));
}

static void write_workbook(text_out *o)
{
    xlsx_join *j = o->j;
    out_puts(o, j->workbook_head);
    out_puts(o, "<sheets>");
    for (size_t i = 0; i < j->nsheets; i++) {
        out_puts(o, "<sheet name=\"");
        out_puts(o, j->sheets[i].name);
        out_puts(o, "\" sheetId=\"");
        out_number(o, i + 1);
        out_puts(o, j->sheets[i].hidden ? "\" state=\"hidden\" r:id=\"rId"
                                        : "\" r:id=\"rId");
        out_number(o, i + 1);
        out_puts(o, "\"/>");
    }
    out_puts(o, "</sheets>");
    if (j->nnames) {
        strbuf head = STRBUF_INIT;
        out_puts(o, "<definedNames>");
        for (size_t i = 0; i < j->nnames; i++) {
            name_head(j, &j->names[i], &head);
            out_add(o, head.buf, head.len);
            out_puts(o, j->names[i].formula);
            out_puts(o, "</definedName>");
        }
        out_puts(o, "</definedNames>");
        strbuf_release(&head);
    }
    out_puts(o, j->workbook_tail);
}

/* app.xml's names are its text: the attribute's &quot; is a quote there */
static void put_app_name(text_out *o, const char *name)
{
    out_puts(o, "<vt:lpstr>");
    for (const char *q; (q = strstr(name, "&quot;")); name = q + 6) {
        out_add(o, name, (size_t)(q - name));
        out_add(o, "\"", 1);
    }
    out_puts(o, name);
    out_puts(o, "</vt:lpstr>");
}

static void write_app(text_out *o)
{
    xlsx_join *j = o->j;
    size_t ranges = 0;
    for (size_t i = 0; i < j->nnames; i++)
        ranges += in_app(j, &j->names[i]);
    out_puts(o, j->app_head);
    out_puts(o, "<HeadingPairs><vt:vector size=\"");
    out_number(o, ranges ? 4 : 2);
    out_puts(o, "\" baseType=\"variant\"><vt:variant><vt:lpstr>"
                "Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>");
    out_number(o, j->nsheets);
    out_puts(o, "</vt:i4></vt:variant>");
    if (ranges) {
        out_puts(o, "<vt:variant><vt:lpstr>Named Ranges</vt:lpstr>"
                    "</vt:variant><vt:variant><vt:i4>");
        out_number(o, ranges);
        out_puts(o, "</vt:i4></vt:variant>");
    }
    out_puts(o, "</vt:vector></HeadingPairs><TitlesOfParts><vt:vector "
                "size=\"");
    out_number(o, j->nsheets + ranges);
    out_puts(o, "\" baseType=\"lpstr\">");
    for (size_t i = 0; i < j->nsheets; i++)
        put_app_name(o, j->sheets[i].name);
    for (size_t i = 0; i < j->nnames; i++) {
        const defined_name *d = &j->names[i];
        if (!in_app(j, d))
            continue;
        out_puts(o, "<vt:lpstr>");
        out_add(o, d->formula, (size_t)(sheet_end(d->formula) - d->formula));
        out_puts(o, "!");
        out_puts(o, short_name(j->kinds[d->kind]));
        out_puts(o, "</vt:lpstr>");
    }
    out_puts(o, "</vt:vector></TitlesOfParts>");
    out_puts(o, j->app_tail);
}

static void put_override(text_out *o, const char *part, size_t n,
                         const char *type)
{
    char name[96];
    out_puts(o, "<Override PartName=\"/xl/");
    out_puts(o, named(name, part, n, ".xml"));
    out_puts(o, "\" ContentType=\"");
    out_puts(o, type);
    out_puts(o, "\"/>");
}

static void write_types(text_out *o)
{
    xlsx_join *j = o->j;
    out_puts(o, j->types_head);
    for (size_t i = 0; i < j->nsheets; i++)
        put_override(o, "worksheets/sheet", i + 1, CT_SHEET);
    for (size_t i = 0; i < j->ncharts; i++)
        put_override(o, "charts/chart", i + 1, CT_CHART);
    for (size_t i = 0; i < j->nsheets; i++)
        if (j->sheets[i].drawing)
            put_override(o, "drawings/drawing", i + 1, CT_DRAWING);
    out_puts(o, j->types_tail);
}

static void write_rels(text_out *o)
{
    xlsx_join *j = o->j;
    out_puts(o, j->rels_head);
    for (size_t i = 0; i < j->nsheets; i++) {
        out_puts(o, "<Relationship Id=\"rId");
        out_number(o, i + 1);
        out_puts(o, "\" " WORKSHEET_TYPE " Target=\"worksheets/sheet");
        out_number(o, i + 1);
        out_puts(o, ".xml\"/>");
    }
    for (size_t i = 0; i < j->nrels_other; i++) {
        /* Id="rIdK" renumbered after the sheets' */
        const char *rel = j->rels_other[i];
        const char *id = strstr(rel, " Id=\"rId");
        const char *after = id ? strchr(id + 8, '"') : NULL;
        if (!after)
            continue;
        out_add(o, rel, (size_t)(id - rel) + 8);
        out_number(o, j->nsheets + i + 1);
        out_puts(o, after);
    }
    out_puts(o, "</Relationships>");
}

bool xlsx_join_finish(xlsx_join *j, strbuf *err)
{
    bool ok = j->have_frame && j->have_styles && j->nsheets;
    for (size_t i = 0; ok && i < j->nsheets; i++)
        ok = j->sheets[i].joined && j->sheets[i].name;
    if (!ok)
        strbuf_error(err, _("cannot write the workbook: %s"),
                     _("a part of it is missing"));
    if (j->nnames > 1)
        qsort_r(j->names, j->nnames, sizeof *j->names, by_name, j);
    static void (*const writers[])(text_out *) = {write_types, write_rels,
                                                  write_workbook, write_app};
    static const char *const names[] = {"[Content_Types].xml",
                                        "xl/_rels/workbook.xml.rels",
                                        "xl/workbook.xml", "docProps/app.xml"};
    text_out *o = xmalloc(sizeof *o);
    for (size_t i = 0; ok && i < sizeof names / sizeof *names; i++) {
        *o = (text_out){.j = j, .err = err, .ok = true};
        ok = entry_open(j, names[i], j->dos_date, false, err);
        if (!ok)
            break;
        writers[i](o);
        ok = o->ok && entry_write(j, o->buf, o->len, err) &&
             entry_close(j, names[i], 0, 0, err);
    }
    free(o);
    if (ok && !zip_write_finish(j->zip)) {
        failed(err, NULL, zip_write_error(j->zip));
        ok = false;
    }
    release(j);
    return ok;
}
