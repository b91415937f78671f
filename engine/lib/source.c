/* source.c - a file's text and line index (see source.h). */
#include "source.h"

#include "arena.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

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
    size_t cap = 64, start = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        start = 3;
    src->line_starts = xmalloc(cap * sizeof(size_t));
    src->line_starts[src->nlines++] = start;
    for (size_t i = start; i < len;) {
        unsigned char c = (unsigned char)text[i];
        size_t k = c == '\n' || c == '\r' || c == 0xC2 || c == 0xE2
                       ? source_break_len(text, len, i) : 0;
        if (!k) {
            i++;
            continue;
        }
        i += k;
        if (src->nlines == cap) {
            cap *= 2;
            src->line_starts = xrealloc(src->line_starts, cap * sizeof(size_t));
        }
        src->line_starts[src->nlines++] = i;
    }
    return src;
}

void source_free(source *src)
{
    if (!src)
        return;
    free(src->path);
    free(src->text);
    free(src->line_starts);
    free(src);
}

static size_t line_end(const source *src, unsigned line0)
{
    size_t end = line0 + 1 < src->nlines ? src->line_starts[line0 + 1] : src->len;
    size_t start = src->line_starts[line0];
    /* step back over the break that ends this line */
    for (size_t i = start; i < end; i++)
        if (source_break_len(src->text, src->len, i))
            return i;
    return end;
}

srcpos source_pos_at(const source *src, size_t line0, size_t col0)
{
    if (line0 >= src->nlines)
        return source_pos_of(src, src->len);
    size_t i = src->line_starts[line0];
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
    if (offset > src->len)
        offset = src->len;
    size_t lo = 0, hi = src->nlines;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (src->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    if (offset < src->line_starts[0])
        offset = src->line_starts[0];
    return (srcpos){(unsigned)lo + 1, offset};
}

const char *source_line(const source *src, unsigned line, size_t *len)
{
    if (line == 0 || line > src->nlines) {
        *len = 0;
        return "";
    }
    size_t start = src->line_starts[line - 1];
    *len = line_end(src, line - 1) - start;
    return src->text + start;
}

size_t source_column(const source *src, srcpos pos)
{
    if (pos.line == 0 || pos.line > src->nlines)
        return 1;
    size_t start = src->line_starts[pos.line - 1];
    size_t off = pos.offset < start ? start : pos.offset;
    size_t end = line_end(src, pos.line - 1);
    if (off > end)
        off = end;
    return utf8_advance(src->text + start, off - start, 0) + 1;
}
