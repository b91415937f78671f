/* source.c - a file's text and line index (see source.h).
 *
 * The line index (where each line starts) is built in one pass the first
 * time a line is asked for. Columns: every SOURCE_MARK_STEP bytes of the
 * text, the first position a walk along its line reaches there, and the
 * display column the walk has counted. They are measured in one pass over
 * the text, the first time a column is asked for further than a step from
 * its line's start; any column then costs at most a step. Counting from a
 * mark gives exactly what counting from the line's start gives, because a
 * mark is a place the walk from the line's start passes through.
 *
 * A text too large to hold is mapped instead (source_map): its pages come
 * from the file as a reader reaches them and are given back behind it
 * (MADV_DONTNEED), so reading it costs the memory of the reader, and a
 * page looked at again, by a diagnostic, is read again from the file. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, madvise(2) */
#include "source.h"

#include "utf8.h"
#include "xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define SOURCE_MARK_STEP 4096
/* Pages of a mapped text are given back in runs of at least this many
 * bytes, so that a reader letting go after every item makes few calls. */
#define SOURCE_LET_GO_STEP ((size_t)1 << 20)

struct source_lines {
    size_t *starts; /* NULL until indexed */
    unsigned count;
    bool measured;
    size_t *offset, *column; /* mark k: the first position at or after
                                  k * SOURCE_MARK_STEP */
    size_t nmarks;
    size_t let_go; /* a mapped text before it was given back */
};

size_t source_break_len(const char *s, size_t n, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c == '\n')
        return 1;
    if (c == '\r')
        return (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
    if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0x85)
        return 2;
    if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9))
        return 3;
    return 0;
}

source *source_new(const char *path, char *text, size_t len)
{
    source *src = xcalloc(1, sizeof *src);
    src->path = xstrdup(path);
    src->text = text;
    src->len = len;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        src->start = 3;
    src->lines = xcalloc(1, sizeof *src->lines);
    return src;
}

/* The mapping holds the file's pages and, after them, at least one byte
 * of a zeroed page: the NUL a source's text ends with. A file of a whole
 * number of pages gets an anonymous page laid after it. */
source *source_map(const char *path, int fd, size_t len, int *err)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t size = (len / page + 1) * page;
    char *at = mmap(NULL, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (at == MAP_FAILED) {
        *err = errno;
        return NULL;
    }
    if (len && mmap(at, len, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) ==
                   MAP_FAILED) {
        *err = errno;
        munmap(at, size);
        return NULL;
    }
    source *src = source_new(path, at, len);
    src->mapped = size;
    return src;
}

void source_let_go(const source *src, size_t offset)
{
    if (!src->mapped || offset > src->len)
        return;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t end = offset / page * page;
    size_t *done = &src->lines->let_go;
    if (end < *done) /* a reader going through the text again */
        *done = 0;
    if (end >= *done + SOURCE_LET_GO_STEP) {
        /* the step before again: reading on past it, the kernel maps the
         * pages around each page read (fault-around), some of them
         * behind, already let go (64 KiB a step, measured) */
        size_t from =
            *done >= SOURCE_LET_GO_STEP ? *done - SOURCE_LET_GO_STEP : 0;
        madvise(src->text + from, end - from, MADV_DONTNEED);
        *done = end;
    }
}

/* The line index, built on first need. */
static const struct source_lines *indexed(const source *src)
{
    struct source_lines *l = src->lines;
    if (l->starts)
        return l;
    const char *text = src->text;
    size_t len = src->len, cap = 0;
    ARRAY_ROOM(l->starts, l->count, cap, 64);
    l->starts[l->count++] = src->start;
    for (size_t i = src->start; i < len;) {
        unsigned char c = (unsigned char)text[i];
        size_t k = c == '\n' || c == '\r' || c == 0xC2 || c == 0xE2
                       ? source_break_len(text, len, i)
                       : 0;
        if (!k) {
            i++;
            continue;
        }
        i += k;
        ARRAY_ROOM(l->starts, l->count, cap, 64);
        l->starts[l->count++] = i;
    }
    return l;
}

unsigned source_line_count(const source *src)
{
    return indexed(src)->count;
}

size_t source_line_start(const source *src, unsigned line)
{
    const struct source_lines *l = indexed(src);
    if (line == 0)
        return src->start;
    return line <= l->count ? l->starts[line - 1] : src->len;
}

void source_free(source *src)
{
    if (!src)
        return;
    free(src->path);
    if (src->mapped)
        munmap(src->text, src->mapped);
    else
        free(src->text);
    free(src->lines->starts);
    free(src->lines->offset);
    free(src->lines->column);
    free(src->lines);
    free(src);
}

/* Where the text of a line ends: before the break that starts the next
 * line (the last line has none). A line holds no other break, and a break
 * is at most 3 bytes, so only those are looked at. */
static size_t line_end(const source *src, unsigned line0)
{
    const struct source_lines *l = indexed(src);
    if (line0 + 1 >= l->count)
        return src->len;
    size_t end = l->starts[line0 + 1];
    size_t start = l->starts[line0];
    for (size_t i = end - start > 3 ? end - 3 : start; i < end; i++)
        if (source_break_len(src->text, src->len, i))
            return i;
    return end;
}

/* The one pass that places the marks. */
static void measure_marks(const source *src)
{
    struct source_lines *m = src->lines;
    indexed(src);
    m->nmarks = src->len / SOURCE_MARK_STEP + 1;
    m->offset = xmalloc(m->nmarks * sizeof *m->offset);
    m->column = xmalloc(m->nmarks * sizeof *m->column);
    size_t next = 0;
    for (unsigned line0 = 0; line0 < m->count && next < m->nmarks; line0++) {
        size_t i = m->starts[line0], end = line_end(src, line0), col = 0;
        for (;;) {
            while (next < m->nmarks && next * SOURCE_MARK_STEP <= i) {
                m->offset[next] = i;
                m->column[next++] = col;
            }
            if (i >= end)
                break;
            size_t k = 1;
            if (src->text[i] == '\t') {
                col = (col / 8 + 1) * 8;
            } else {
                int32_t cp;
                k = utf8_decode(src->text + i, end - i, &cp);
                col += k ? (size_t)utf8_cp_width(cp) : 1;
                k = k ? k : 1;
            }
            i += k;
        }
    }
    for (; next < m->nmarks; next++) { /* past the last line's start */
        m->offset[next] = src->len;
        m->column[next] = 0;
    }
    m->measured = true;
}

/* 0-based display column of off, on the 0-based line that holds it. */
static size_t column_of(const source *src, unsigned line0, size_t off)
{
    size_t from = indexed(src)->starts[line0], col = 0;
    if (off - from > SOURCE_MARK_STEP) {
        const struct source_lines *m = src->lines;
        if (!m->measured)
            measure_marks(src);
        size_t k = off / SOURCE_MARK_STEP;
        if (m->offset[k] > off)
            k--;
        if (m->offset[k] >= from) {
            from = m->offset[k];
            col = m->column[k];
        }
    }
    return utf8_advance(src->text + from, off - from, col);
}

srcpos source_pos_at(const source *src, size_t line0, size_t col0)
{
    if (line0 >= source_line_count(src))
        return source_pos_of(src, src->len);
    size_t i = src->lines->starts[line0];
    size_t end = line_end(src, (unsigned)line0);
    for (size_t c = 0; c < col0 && i < end; c++) {
        int32_t cp;
        size_t k = utf8_decode(src->text + i, end - i, &cp);
        i += k ? k : 1;
    }
    return (srcpos){(unsigned)line0 + 1, i};
}

srcpos source_pos_of(const source *src, size_t offset)
{
    const struct source_lines *l = indexed(src);
    if (offset > src->len)
        offset = src->len;
    size_t lo = 0, hi = l->count;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (l->starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    if (offset < src->start)
        offset = src->start;
    return (srcpos){(unsigned)lo + 1, offset};
}

const char *source_line(const source *src, unsigned line, size_t *len)
{
    if (line == 0 || line > source_line_count(src)) {
        *len = 0;
        return "";
    }
    size_t start = src->lines->starts[line - 1];
    *len = line_end(src, line - 1) - start;
    return src->text + start;
}

/* The bounds of the line that holds off, without its break, found by
 * looking around off when the line index is not built: false when the
 * line reaches further than SOURCE_MARK_STEP bytes from off on either
 * side (then the index is worth building). */
static bool line_near(const source *src, size_t off, size_t *start, size_t *end)
{
    const unsigned char *u = (const unsigned char *)src->text;
    size_t low = off > src->start + SOURCE_MARK_STEP ? off - SOURCE_MARK_STEP
                                                     : src->start;
    size_t i = off;
    for (; i > low; i--) {
        unsigned char c = u[i - 1];
        if (c == '\n' || c == '\r' ||
            (c == 0x85 && i >= 2 && u[i - 2] == 0xC2) ||
            ((c == 0xA8 || c == 0xA9) && i >= 3 && u[i - 2] == 0x80 &&
             u[i - 3] == 0xE2))
            break;
    }
    if (i == low && low != src->start)
        return false;
    *start = i;
    size_t high =
        src->len - off > SOURCE_MARK_STEP ? off + SOURCE_MARK_STEP : src->len;
    for (i = off; i < high && !source_break_len(src->text, src->len, i); i++)
        ;
    if (i == high && high != src->len)
        return false;
    *end = i;
    return true;
}

const char *source_line_at(const source *src, srcpos pos, size_t *len)
{
    size_t start, end;
    if (pos.line == 0 || pos.offset > src->len) {
        *len = 0;
        return "";
    }
    if (!src->lines->starts && line_near(src, pos.offset, &start, &end)) {
        *len = end - start;
        return src->text + start;
    }
    return source_line(src, pos.line, len);
}

size_t source_column(const source *src, srcpos pos)
{
    size_t start, end;
    if (pos.line && pos.offset <= src->len && !src->lines->starts &&
        line_near(src, pos.offset, &start, &end))
        return utf8_advance(src->text + start, pos.offset - start, 0) + 1;
    if (pos.line == 0 || pos.line > source_line_count(src))
        return 1;
    start = src->lines->starts[pos.line - 1];
    size_t off = pos.offset < start ? start : pos.offset;
    end = line_end(src, pos.line - 1);
    if (off > end)
        off = end;
    return column_of(src, pos.line - 1, off) + 1;
}
