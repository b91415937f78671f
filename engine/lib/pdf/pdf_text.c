/* pdf_text.c - a PDF's characters, placed on the page, into lines of text.
 *
 * Poppler gives each character of a page with its box (points, from the
 * top left corner). Characters are sorted by the middle of their height
 * and gathered into rows: a row takes the characters whose middle is at
 * most half its first character's height below that character's middle.
 * A row's characters, sorted from left to right, are cut into pieces
 * where the gap between two of them is wider than GAP_CUT word spaces of
 * the page (space characters aside: poppler writes one across the gap
 * between two cells): a word space, even stretched in a justified line,
 * is narrower; a gap between a table's cells or the header's columns is
 * wider.
 *
 * Rows of two pieces or more open a region of columns: the pieces'
 * extents, merged while they overlap, are its columns. The rows after it
 * belong to it while each piece falls within one column (a row of one
 * piece only when it sits close under the row before: the wrapped line of
 * a cell). A region of two columns is the header: each column's lines in
 * turn. A region of three columns or more is a table: a row of it begins
 * where its first column has text, and the lines of a cell are joined.
 * A region has at most MAX_COLUMNS columns, and a row of more pieces is
 * read as one line: the cost of placing pieces stays linear. Every other
 * row is a line of the body, joined to the line before when that one was
 * wrapped by the page (see pdf_text.h). */
#include "pdf_text.h"

#include "utf8.h"
#include "xalloc.h"

#include <poppler.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GAP_CUT 2.5     /* a gap this many word spaces wide cuts a row */
#define SPACE_GAP 0.2   /* a gap this wide without a space is one */
#define CLOSE_BELOW 0.5 /* a cell's next line: at most this far below */
#define MAX_COLUMNS 32  /* a row of more pieces is read as one line */
#define WRAP_BELOW 1.0  /* a paragraph's next line: at most this far below */

typedef struct glyph {
    int32_t cp;
    double x1, y1, x2, y2;
} glyph;

typedef struct piece {
    char *text;
    double x1, x2;
    size_t column; /* in a region */
} piece;

typedef struct row {
    unsigned page;
    double top, bottom;
    piece *pieces;
    size_t npieces;
    bool dropped; /* a page number or a running header or footer */
} row;

typedef struct rows {
    row *items;
    size_t count, cap;
} rows;

typedef struct span {
    double x1, x2;
} span;

/* A line written out, with what joining it to the next needs. */
typedef struct out_line {
    char *text;
    bool body;     /* a line of the body, not of a region */
    size_t ncells; /* a table's row: its cells; else 0 */
    unsigned page;
    double x1, x2, top, bottom;
} out_line;

typedef struct lines {
    out_line *items;
    size_t count, cap;
} lines;

bool pdf_text_is_pdf(const void *data, size_t len)
{
    return len >= 5 && memcmp(data, "%PDF-", 5) == 0;
}

static double height(const glyph *g)
{
    return g->y2 - g->y1;
}

static int by_middle(const void *x, const void *y)
{
    const glyph *a = x, *b = y;
    double ma = a->y1 + a->y2, mb = b->y1 + b->y2;
    if (ma != mb)
        return ma < mb ? -1 : 1;
    return (a->x1 > b->x1) - (a->x1 < b->x1);
}

static int by_left(const void *x, const void *y)
{
    const glyph *a = x, *b = y;
    return (a->x1 > b->x1) - (a->x1 < b->x1);
}

static int by_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static bool is_space(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == '\n' || cp == '\r';
}

/* The pieces of one row: g[0..n) sorted from left to right. */
static void cut_row(const glyph *g, size_t n, double h, double cut_at, row *r)
{
    strbuf sb = STRBUF_INIT;
    size_t cap = 0;
    bool space = false, open = false;
    double last_x2 = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && is_space(g[i].cp)) {
            space = true;
            continue;
        }
        bool cut = i == n || (open && g[i].x1 - last_x2 > cut_at);
        if (open && cut) {
            r->pieces[r->npieces - 1].text = xstrdup(strbuf_str(&sb));
            r->pieces[r->npieces - 1].x2 = last_x2;
            strbuf_reset(&sb);
            open = false;
        }
        if (i == n)
            break;
        bool fresh = !open;
        if (fresh) {
            ARRAY_ROOM(r->pieces, r->npieces, cap, 4);
            piece *p = &r->pieces[r->npieces++];
            memset(p, 0, sizeof *p);
            p->x1 = g[i].x1;
            open = true;
        } else if (space || g[i].x1 - last_x2 > SPACE_GAP * h) {
            strbuf_putc(&sb, ' ');
        }
        char enc[4];
        strbuf_add(&sb, enc, utf8_encode(g[i].cp, enc));
        last_x2 = fresh ? g[i].x2 : fmax(last_x2, g[i].x2);
        space = false;
    }
    strbuf_release(&sb);
}

/* The width of a word space on a page: the median width of its space
 * characters no wider than their height (poppler also writes a space
 * across the gap between two cells, as wide as the gap); without any, a
 * quarter of the median height of its characters. */
static double word_space(const glyph *g, size_t n)
{
    double *w = xmalloc((n + 1) * sizeof *w);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (g[i].cp == ' ' && g[i].x2 > g[i].x1 &&
            g[i].x2 - g[i].x1 <= height(&g[i]))
            w[k++] = g[i].x2 - g[i].x1;
    double space = 0;
    if (k == 0) {
        for (size_t i = 0; i < n; i++)
            if (!is_space(g[i].cp))
                w[k++] = height(&g[i]) / 4;
    }
    if (k) {
        qsort(w, k, sizeof *w, by_double);
        space = w[k / 2];
    }
    free(w);
    return space;
}

/* The rows of one page's glyphs g[0..n) (reordered), added to out. */
static void page_rows(glyph *g, size_t n, unsigned page, rows *out)
{
    if (n == 0)
        return;
    double cut_at = GAP_CUT * word_space(g, n);
    qsort(g, n, sizeof *g, by_middle);
    for (size_t i = 0; i < n;) {
        if (is_space(g[i].cp)) {
            i++;
            continue;
        }
        double mid = (g[i].y1 + g[i].y2) / 2, h = height(&g[i]);
        size_t j = i + 1;
        while (j < n && (g[j].y1 + g[j].y2) / 2 <= mid + h / 2)
            j++;
        double top = g[i].y1, bottom = g[i].y2, hmax = h;
        for (size_t k = i; k < j; k++) {
            if (is_space(g[k].cp))
                continue;
            top = fmin(top, g[k].y1);
            bottom = fmax(bottom, g[k].y2);
            hmax = fmax(hmax, height(&g[k]));
        }
        qsort(g + i, j - i, sizeof *g, by_left);
        ARRAY_ROOM(out->items, out->count, out->cap, 64);
        row *r = &out->items[out->count++];
        memset(r, 0, sizeof *r);
        r->page = page;
        r->top = top;
        r->bottom = bottom;
        cut_row(g + i, j - i, hmax, cut_at, r);
        if (r->npieces == 0)
            out->count--;
        i = j;
    }
}

/* The text of a row whose pieces are read as one line. */
static char *row_text(const row *r)
{
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < r->npieces; i++) {
        if (i)
            strbuf_putc(&sb, ' ');
        strbuf_puts(&sb, r->pieces[i].text);
    }
    char *s = xstrdup(strbuf_str(&sb));
    strbuf_release(&sb);
    return s;
}

/* A page number as printed: "2", "- 2 -", "Trang 2", "2/5". */
static bool is_page_number(const char *s)
{
    if (strncmp(s, "Trang ", 6) == 0)
        s += 6;
    while (*s == '-' || *s == ' ')
        s++;
    size_t d = 0;
    while (s[d] >= '0' && s[d] <= '9')
        d++;
    if (d == 0 || d > 4)
        return false;
    s += d;
    if (*s == '/') {
        s++;
        d = 0;
        while (s[d] >= '0' && s[d] <= '9')
            d++;
        if (d == 0)
            return false;
        s += d;
    }
    while (*s == '-' || *s == ' ')
        s++;
    return *s == '\0';
}

/* s without its digits: running headers differ by the page's number. */
static char *without_digits(const char *s)
{
    char *out = xstrdup(s), *w = out;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            *w++ = *s;
    *w = '\0';
    return out;
}

/* Marks the page numbers and running headers and footers: the first and
 * last row of each page that is a number or that recurs, digits aside,
 * at the same end of two pages or more. */
static void drop_running(rows *rs, unsigned npages)
{
    size_t *ends = xcalloc(2 * (size_t)npages + 2, sizeof *ends);
    bool *has = xcalloc(2 * (size_t)npages + 2, sizeof *has);
    for (size_t i = 0; i < rs->count; i++) {
        unsigned p = rs->items[i].page;
        if (!has[2 * p]) {
            has[2 * p] = true;
            ends[2 * p] = i;
        }
        has[2 * p + 1] = true;
        ends[2 * p + 1] = i;
    }
    char **keys = xcalloc(2 * (size_t)npages + 2, sizeof *keys);
    for (size_t e = 0; e < 2 * (size_t)npages; e++)
        if (has[e]) {
            char *text = row_text(&rs->items[ends[e]]);
            keys[e] = without_digits(text);
            free(text);
        }
    for (size_t e = 0; e < 2 * (size_t)npages; e++) {
        if (!has[e])
            continue;
        row *r = &rs->items[ends[e]];
        char *text = row_text(r);
        bool drop = is_page_number(text);
        for (size_t f = e % 2; !drop && npages > 1 && f < 2 * (size_t)npages;
             f += 2)
            drop = f != e && has[f] && ends[f] != ends[e] && *keys[e] &&
                   strcmp(keys[e], keys[f]) == 0;
        r->dropped = drop;
        free(text);
    }
    for (size_t e = 0; e < 2 * (size_t)npages; e++)
        free(keys[e]);
    free(keys);
    free(has);
    free(ends);
}

/* The column of cols[0..n) that [x1, x2] overlaps; n when none; n + 1
 * when more than one. */
static size_t column_of(const span *cols, size_t n, double x1, double x2)
{
    size_t found = n;
    for (size_t c = 0; c < n; c++) {
        if (x2 < cols[c].x1 || x1 > cols[c].x2)
            continue;
        if (found != n)
            return n + 1;
        found = c;
    }
    return found;
}

static int by_span(const void *x, const void *y)
{
    const span *a = x, *b = y;
    return (a->x1 > b->x1) - (a->x1 < b->x1);
}

/* The rows from first that make a region of columns; its columns in
 * *cols (sorted, n in *ncols) and each piece's column set. Returns the
 * row after the region. */
static size_t region_end(rows *rs, size_t first, span **cols, size_t *ncols)
{
    size_t cap = 0, n = 0;
    span *c = NULL;
    size_t k = first, last = first;
    for (; k < rs->count; k++) {
        row *r = &rs->items[k];
        if (r->dropped)
            continue;
        if (k > first) {
            const row *prev = &rs->items[last];
            if (r->page != prev->page || r->npieces > MAX_COLUMNS ||
                n + r->npieces > MAX_COLUMNS)
                break;
            double h = prev->bottom - prev->top;
            if (r->npieces == 1 && r->top - prev->bottom > CLOSE_BELOW * h)
                break;
            bool fits = true;
            for (size_t i = 0; i < r->npieces && fits; i++)
                fits = column_of(c, n, r->pieces[i].x1, r->pieces[i].x2) <=
                       (r->npieces > 1 ? n : n - 1);
            if (!fits)
                break;
        }
        for (size_t i = 0; i < r->npieces; i++) {
            size_t at = column_of(c, n, r->pieces[i].x1, r->pieces[i].x2);
            if (at == n) {
                ARRAY_ROOM(c, n, cap, 4);
                c[n++] = (span){r->pieces[i].x1, r->pieces[i].x2};
            } else {
                c[at].x1 = fmin(c[at].x1, r->pieces[i].x1);
                c[at].x2 = fmax(c[at].x2, r->pieces[i].x2);
            }
        }
        qsort(c, n, sizeof *c, by_span);
        last = k;
    }
    for (size_t j = first; j < k; j++)
        for (size_t i = 0; i < rs->items[j].npieces; i++) {
            piece *p = &rs->items[j].pieces[i];
            p->column = column_of(c, n, p->x1, p->x2);
        }
    *cols = c;
    *ncols = n;
    return k;
}

static void add_line(lines *out, char *text, bool body, const row *r, double x1,
                     double x2)
{
    ARRAY_ROOM(out->items, out->count, out->cap, 64);
    out->items[out->count++] =
        (out_line){text, body, 0, r->page, x1, x2, r->top, r->bottom};
}

/* The national motto, which a narrow column breaks in two lines. */
static const char motto[] = "C\xE1\xBB\x98NG H\xC3\x92"
                            "A X\xC3\x83 H\xE1\xBB\x98I CH\xE1\xBB\xA6 "
                            "NGH\xC4\xA8"
                            "A VI\xE1\xBB\x86T NAM";

/* A region of two columns: the header, each column's lines in turn. A
 * line that opens the motto waits for the line that ends it. */
static void header_lines(const rows *rs, size_t first, size_t end, size_t ncols,
                         lines *out)
{
    for (size_t c = 0; c < ncols; c++) {
        const row *held = NULL;
        const piece *part = NULL;
        for (size_t k = first; k < end; k++) {
            const row *r = &rs->items[k];
            for (size_t i = 0; i < r->npieces; i++) {
                const piece *p = &r->pieces[i];
                if (r->dropped || p->column != c)
                    continue;
                if (part) {
                    strbuf sb = STRBUF_INIT;
                    strbuf_printf(&sb, "%s %s", part->text, p->text);
                    bool whole = strcmp(strbuf_str(&sb), motto) == 0;
                    if (whole)
                        add_line(out, xstrdup(sb.buf), false, held, part->x1,
                                 part->x2);
                    else
                        add_line(out, xstrdup(part->text), false, held,
                                 part->x1, part->x2);
                    strbuf_release(&sb);
                    part = NULL;
                    if (whole)
                        continue;
                }
                size_t len = strlen(p->text);
                if (len < sizeof motto - 1 &&
                    strncmp(p->text, motto, len) == 0 && motto[len] == ' ') {
                    held = r;
                    part = p;
                    continue;
                }
                add_line(out, xstrdup(p->text), false, r, p->x1, p->x2);
            }
        }
        if (part)
            add_line(out, xstrdup(part->text), false, held, part->x1, part->x2);
    }
}

/* Emits a table's row from its cells (emptied); a row without a number
 * first on a page (may_continue) goes on the last row of a table with as
 * many columns on the page before. */
static void emit_row(strbuf *cells, size_t ncols, const row *start,
                     bool may_continue, lines *out)
{
    out_line *last = out->count ? &out->items[out->count - 1] : NULL;
    if (may_continue && !cells[0].len && last && last->ncells == ncols &&
        last->page + 1 == start->page) {
        strbuf line = STRBUF_INIT;
        const char *p = last->text;
        for (size_t c = 0; c < ncols; c++) {
            const char *tab = strchr(p, '\t');
            size_t n = tab ? (size_t)(tab - p) : strlen(p);
            if (c)
                strbuf_putc(&line, '\t');
            strbuf_add(&line, p, n);
            if (n && cells[c].len)
                strbuf_putc(&line, ' ');
            strbuf_puts(&line, strbuf_str(&cells[c]));
            strbuf_reset(&cells[c]);
            p = tab ? tab + 1 : p + n;
        }
        free(last->text);
        last->text = xstrdup(strbuf_str(&line));
        last->page = start->page;
        strbuf_release(&line);
        return;
    }
    strbuf line = STRBUF_INIT;
    for (size_t c = 0; c < ncols; c++) {
        if (c)
            strbuf_putc(&line, '\t');
        strbuf_puts(&line, strbuf_str(&cells[c]));
        strbuf_reset(&cells[c]);
    }
    add_line(out, xstrdup(strbuf_str(&line)), false, start, 0, 0);
    out->items[out->count - 1].ncells = ncols;
    strbuf_release(&line);
}

/* A region of three columns or more: a table, one line a row, its cells
 * apart by tabs. A row begins where the first column has text; the
 * first, when it has none, may end the last row of the page before. */
static void table_lines(const rows *rs, size_t first, size_t end, size_t ncols,
                        lines *out)
{
    strbuf *cells = xcalloc(ncols, sizeof *cells);
    const row *start = NULL;
    bool emitted = false;
    for (size_t k = first; k <= end; k++) {
        const row *r = k < end ? &rs->items[k] : NULL;
        if (r && r->dropped)
            continue;
        bool opens = !r;
        for (size_t i = 0; r && i < r->npieces; i++)
            opens = opens || r->pieces[i].column == 0;
        if (opens && start) {
            emit_row(cells, ncols, start, !emitted, out);
            emitted = true;
        }
        if (!r)
            break;
        if (opens || !start)
            start = r;
        for (size_t i = 0; i < r->npieces; i++) {
            strbuf *cell = &cells[r->pieces[i].column];
            if (cell->len)
                strbuf_putc(cell, ' ');
            strbuf_puts(cell, r->pieces[i].text);
        }
    }
    for (size_t c = 0; c < ncols; c++)
        strbuf_release(&cells[c]);
    free(cells);
}

static bool ends_sentence(const char *s)
{
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        n--;
    return n == 0 || strchr(".;:!?", s[n - 1]) != NULL;
}

/* Joins each line of the body wrapped by the page to the line before:
 * that line reaches the right margin (within two line heights) without
 * ending a sentence, and this one starts at the left margin (the margins:
 * the most common left edge of the body's lines, the furthest right
 * edge), less than a line's height under it on the same page, or first
 * on the next. */
static void join_wrapped(lines *ls)
{
    double *lefts = xmalloc((ls->count + 1) * sizeof *lefts);
    size_t n = 0;
    double right = 0;
    for (size_t i = 0; i < ls->count; i++)
        if (ls->items[i].body) {
            lefts[n++] = round(ls->items[i].x1);
            right = fmax(right, ls->items[i].x2);
        }
    if (n == 0) {
        free(lefts);
        return;
    }
    qsort(lefts, n, sizeof *lefts, by_double);
    double left = lefts[0];
    for (size_t i = 0, best = 0; i < n;) {
        size_t j = i;
        while (j < n && lefts[j] - lefts[i] <= 1.0)
            j++;
        if (j - i > best) {
            best = j - i;
            left = lefts[i];
        }
        i = j;
    }
    free(lefts);
    /* the paragraph being joined, items[w - 1], grows in para: each
     * line is copied once however long the paragraph */
    strbuf para = STRBUF_INIT;
    size_t w = 0;
    for (size_t i = 0; i <= ls->count; i++) {
        out_line *l = i < ls->count ? &ls->items[i] : NULL;
        out_line *prev = w ? &ls->items[w - 1] : NULL;
        double h = prev ? prev->bottom - prev->top : 0;
        bool join =
            l && prev && prev->body && l->body && prev->x2 >= right - 2 * h &&
            fabs(l->x1 - left) <= h / 2 && !ends_sentence(strbuf_str(&para)) &&
            (l->page != prev->page || l->top - prev->bottom <= WRAP_BELOW * h);
        if (join) {
            strbuf_putc(&para, ' ');
            strbuf_puts(&para, l->text);
            free(l->text);
            prev->x2 = l->x2;
            prev->top = l->top;
            prev->bottom = l->bottom;
            prev->page = l->page;
            continue;
        }
        if (prev && strlen(prev->text) != para.len) {
            free(prev->text);
            prev->text = xstrdup(strbuf_str(&para));
        }
        if (!l)
            break;
        ls->items[w++] = *l;
        strbuf_reset(&para);
        strbuf_puts(&para, l->text);
    }
    strbuf_release(&para);
    ls->count = w;
}

/* The lines of the rows, regions laid out, wrapped lines joined. */
static void lay_out(rows *rs, lines *out)
{
    for (size_t k = 0; k < rs->count;) {
        row *r = &rs->items[k];
        if (r->dropped) {
            k++;
            continue;
        }
        if (r->npieces == 1 || r->npieces > MAX_COLUMNS) {
            add_line(out, row_text(r), true, r, r->pieces[0].x1,
                     r->pieces[r->npieces - 1].x2);
            k++;
            continue;
        }
        span *cols;
        size_t ncols;
        size_t end = region_end(rs, k, &cols, &ncols);
        if (ncols >= 3)
            table_lines(rs, k, end, ncols, out);
        else
            header_lines(rs, k, end, ncols, out);
        free(cols);
        k = end;
    }
    join_wrapped(out);
}

/* The glyphs of a page, from its text and the box of each character. */
static glyph *page_glyphs(PopplerPage *page, size_t *n)
{
    *n = 0;
    char *text = poppler_page_get_text(page);
    PopplerRectangle *boxes = NULL;
    guint nboxes = 0;
    glyph *g = NULL;
    if (text && poppler_page_get_text_layout(page, &boxes, &nboxes)) {
        size_t len = strlen(text);
        g = xmalloc((nboxes + 1) * sizeof *g);
        size_t i = 0;
        for (guint k = 0; k < nboxes && i < len; k++) {
            int32_t cp;
            size_t step = utf8_decode(text + i, len - i, &cp);
            if (step == 0) {
                cp = 0xFFFD;
                step = 1;
            }
            i += step;
            g[*n] =
                (glyph){cp, boxes[k].x1, boxes[k].y1, boxes[k].x2, boxes[k].y2};
            if (g[*n].y2 < g[*n].y1) {
                double t = g[*n].y1;
                g[*n].y1 = g[*n].y2;
                g[*n].y2 = t;
            }
            if (isfinite(g[*n].x1) && isfinite(g[*n].x2) &&
                isfinite(g[*n].y1) && isfinite(g[*n].y2) && cp >= 0x20)
                (*n)++;
        }
    }
    g_free(boxes);
    g_free(text);
    return g;
}

static void free_rows(rows *rs)
{
    for (size_t k = 0; k < rs->count; k++) {
        for (size_t i = 0; i < rs->items[k].npieces; i++)
            free(rs->items[k].pieces[i].text);
        free(rs->items[k].pieces);
    }
    free(rs->items);
}

pdf_text_status pdf_text_read(const void *data, size_t len,
                              const pdf_text_limits *limits, strbuf *out)
{
    GError *error = NULL;
    GBytes *bytes = g_bytes_new(data, len);
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &error);
    g_bytes_unref(bytes);
    if (!doc) {
        bool locked =
            g_error_matches(error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED);
        g_clear_error(&error);
        return locked ? PDF_TEXT_LOCKED : PDF_TEXT_BROKEN;
    }
    int npages = poppler_document_get_n_pages(doc);
    if (npages < 0 || (unsigned)npages > limits->max_pages) {
        g_object_unref(doc);
        return PDF_TEXT_TOO_LARGE;
    }
    rows rs = {0};
    size_t chars = 0;
    for (int p = 0; p < npages; p++) {
        PopplerPage *page = poppler_document_get_page(doc, p);
        if (!page)
            continue;
        size_t n;
        glyph *g = page_glyphs(page, &n);
        g_object_unref(page);
        chars += n;
        if (chars > limits->max_text) {
            free(g);
            break;
        }
        page_rows(g, n, (unsigned)p, &rs);
        free(g);
    }
    g_object_unref(doc);
    pdf_text_status st = PDF_TEXT_OK;
    if (chars > limits->max_text) {
        st = PDF_TEXT_TOO_LARGE;
    } else if (rs.count == 0) {
        st = PDF_TEXT_NO_TEXT;
    } else {
        drop_running(&rs, (unsigned)npages);
        lines ls = {0};
        lay_out(&rs, &ls);
        for (size_t i = 0; i < ls.count; i++) {
            strbuf_puts(out, ls.items[i].text);
            strbuf_putc(out, '\n');
            free(ls.items[i].text);
        }
        free(ls.items);
        if (out->len > limits->max_text) {
            strbuf_reset(out);
            st = PDF_TEXT_TOO_LARGE;
        } else if (out->len == 0) {
            st = PDF_TEXT_NO_TEXT; /* page numbers alone */
        }
    }
    free_rows(&rs);
    return st;
}
