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
 * A piece that is a list's marker ("1.", "II.", "a)", "-") is joined to
 * the piece after it: a tab, not a column, keeps them apart.
 *
 * Tables are read by their rules first. The page is drawn (cairo, at
 * RENDER_SCALE pixels a point) and its dark runs of pixels followed into
 * thin straight rules, a letter's strokes aside; a vertical rule whose
 * ends lie on horizontal rules ties them into one table. The distinct
 * heights of its horizontal rules are its rows, the distinct places of
 * its vertical rules its columns; in each row, the vertical rules that
 * cross it part its cells (a cell over several columns holds its text in
 * the first), and a cell without a rule over it goes on the cell above
 * (its text said in each row, as the Word reader says a merged cell). The
 * glyphs inside a cell are its text, its lines joined. A table is written
 * as the Word reader writes one, "| a | b |" a row; a header of two to
 * four rows (its first cell merged down) is one row, and a table going on
 * at the top of the next page leaves out its repeated header and joins
 * the row the page broke.
 *
 * Rows of two pieces or more outside ruled tables open a region of
 * columns: the pieces' extents, merged while they overlap, are its
 * columns. The rows after it belong to it while each piece falls within
 * one column (a row of one piece only when it sits close under the row
 * before, when it is a header column's next line or when it is aligned
 * with a line of its column: the signature under its title). A region of
 * two columns is the header or the signature block: each column's lines
 * in turn. A region of three columns or more is a table without rules: a
 * row of it begins where its first column has text. A region has at most
 * MAX_COLUMNS columns, and a row of more pieces is read as one line: the
 * cost of placing pieces stays linear. Every other row is a line of the
 * body, joined to the line before when that one was wrapped by the page:
 * the line is close under it (no further than the document's lines
 * usually are: a paragraph's spacing ends it), the first word of the
 * line would not have fitted at the end of the one before, and the line
 * does not start further right (a centred title's lines: both centred).
 * See pdf_text.h. */
#include "pdf_text.h"

#include "utf8.h"
#include "vntext.h"
#include "xalloc.h"

#include <poppler.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GAP_CUT 2.5       /* a gap this many word spaces wide cuts a row */
#define SPACE_GAP 0.2     /* a gap this wide without a space is one */
#define CLOSE_BELOW 0.5   /* a cell's next line: at most this far below */
#define HEADER_BELOW 1.5  /* a header column's next line, at most */
#define ALIGNED_BELOW 8.0 /* a column's line aligned with one above, at most */
#define ALIGN_BACK 16     /* the rows above looked at for an alignment */
#define MAX_COLUMNS 32    /* a row of more pieces is read as one line */
#define WRAP_BELOW 1.0    /* a paragraph's next line: at most this far below */

/* The page drawn to find its rules (lengths in points). */
#define RENDER_SCALE 2.0      /* pixels a point */
#define MAX_PIXELS (4u << 20) /* a larger page is drawn smaller */
#define INK_DARK 128          /* a pixel darker than this (of 255) is ink */
#define RULE_THICK 3.0        /* a rule is at most this thick */
#define RULE_MIN 8.0          /* and at least this long */
#define RULE_TOL 2.0          /* rules meet within this */
#define MAX_RULES 2048        /* a page's rules one way; more: no table */
#define MAX_OPEN 256          /* rules being followed at once */
#define MAX_GRID 64           /* a table's columns, at most */
#define MAX_BANDS 2048        /* a table's rows, at most */

typedef struct glyph {
    int32_t cp;
    double x1, y1, x2, y2;
} glyph;

typedef struct piece {
    char *text;
    double x1, x2;
    double first_word; /* the width of its first word */
    double text_x;     /* where its text starts after a list's marker */
    size_t column;     /* in a region */
} piece;

/* A ruled table: its cells by row and column of the grid its rules
 * draw; a cell spanning columns holds its text in the first. */
typedef struct table {
    size_t nrows, ncols;
    char **text;     /* nrows * ncols, "" in a spanned column */
    bool *continued; /* nrows * ncols: merged with the cell above */
} table;

typedef struct row {
    unsigned page;
    double top, bottom;
    piece *pieces;
    size_t npieces;
    table *table; /* a ruled table, in place of pieces */
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
    char *text;    /* NULL for a table's row */
    char **cells;  /* a table's row: its cells */
    size_t ncells; /* a table's row: its cells; else 0 */
    bool body;     /* a line of the body, not of a region */
    unsigned page;
    double x1, x2, top, bottom;
    double first_word; /* the width of its first word */
    double text_x;     /* where its text starts after a list marker */
} out_line;

typedef struct lines {
    out_line *items;
    size_t count, cap;
    char *header; /* the first row of the last ruled table, as written */
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

/* A list's marker as a piece of its own: "1.", "1.1.", "II.", "a)", a
 * dash or a bullet, which a tab keeps apart from the text after it. */
static bool is_marker(const char *s)
{
    static const char *const bullets[] = {"-",
                                          "+",
                                          "*",
                                          "\xE2\x80\x93",
                                          "\xE2\x80\x94",
                                          "\xE2\x80\xA2",
                                          "\xEF\x82\xB7",
                                          "\xC2\xB7",
                                          "\xEF\x82\xA7",
                                          "\xE2\x97\x8F"};
    for (size_t i = 0; i < sizeof bullets / sizeof bullets[0]; i++)
        if (strcmp(s, bullets[i]) == 0)
            return true;
    size_t n = strlen(s);
    if (n < 2 || n > 12 || (s[n - 1] != '.' && s[n - 1] != ')'))
        return false;
    n--;
    if (n == 1 && s[0] >= 'a' && s[0] <= 'z')
        return true;
    if (n == 2 && memcmp(s, "\xC4\x91", 2) == 0) /* đ */
        return true;
    bool digits = s[0] >= '0' && s[0] <= '9', roman = true;
    for (size_t i = 0; i < n; i++) {
        digits = digits && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.');
        roman = roman && strchr("IVXLC", s[i]) != NULL;
    }
    return digits || roman;
}

/* The pieces of one row: g[0..n) sorted from left to right. */
static void cut_row(const glyph *g, size_t n, double h, double cut_at, row *r)
{
    strbuf sb = STRBUF_INIT;
    size_t cap = 0;
    bool space = false, open = false, worded = false;
    double last_x2 = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && is_space(g[i].cp)) {
            space = true;
            continue;
        }
        bool cut = i == n || (open && g[i].x1 - last_x2 > cut_at);
        if (open && cut) {
            piece *p = &r->pieces[r->npieces - 1];
            p->text = xstrdup(strbuf_str(&sb));
            p->x2 = last_x2;
            if (!worded)
                p->first_word = last_x2 - p->x1;
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
            p->x1 = p->text_x = g[i].x1;
            open = true;
            worded = false;
        } else if (space || g[i].x1 - last_x2 > SPACE_GAP * h) {
            piece *p = &r->pieces[r->npieces - 1];
            if (!worded) {
                p->first_word = last_x2 - p->x1;
                if (is_marker(strbuf_str(&sb)))
                    p->text_x = g[i].x1;
            }
            worded = true;
            strbuf_putc(&sb, ' ');
        }
        char enc[4];
        strbuf_add(&sb, enc, utf8_encode(g[i].cp, enc));
        last_x2 = fresh ? g[i].x2 : fmax(last_x2, g[i].x2);
        space = false;
    }
    strbuf_release(&sb);
}

/* A row whose first piece is a list's marker: the marker and the text
 * after it are one piece, however wide the tab between them. */
static void join_marker(row *r)
{
    if (r->npieces < 2 || !is_marker(r->pieces[0].text))
        return;
    piece *a = &r->pieces[0], *b = &r->pieces[1];
    strbuf sb = STRBUF_INIT;
    strbuf_printf(&sb, "%s %s", a->text, b->text);
    free(a->text);
    free(b->text);
    a->text = xstrdup(strbuf_str(&sb));
    strbuf_release(&sb);
    a->x2 = b->x2;
    a->text_x = b->x1;
    memmove(r->pieces + 1, r->pieces + 2, (r->npieces - 2) * sizeof *r->pieces);
    r->npieces--;
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

/* The rows of one page's glyphs g[0..n) (reordered), added to out,
 * cut where a gap is wider than cut_at. */
static void page_rows(glyph *g, size_t n, unsigned page, double cut_at,
                      rows *out)
{
    if (n == 0)
        return;
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
        double bottom = g[i].y2, hmax = h;
        for (size_t k = i; k < j; k++) {
            if (is_space(g[k].cp))
                continue;
            bottom = fmax(bottom, g[k].y2);
            hmax = fmax(hmax, height(&g[k]));
        }
        /* a footnote's number, raised and small, is no text: the Word
         * reader leaves footnotes out */
        double top = INFINITY;
        for (size_t k = i; k < j; k++) {
            if (g[k].cp >= '0' && g[k].cp <= '9' &&
                height(&g[k]) < 0.75 * hmax && g[k].y2 < bottom - hmax / 4)
                g[k].cp = ' ';
            if (!is_space(g[k].cp))
                top = fmin(top, g[k].y1);
        }
        if (top == INFINITY)
            top = g[i].y1;
        qsort(g + i, j - i, sizeof *g, by_left);
        ARRAY_ROOM(out->items, out->count, out->cap, 64);
        row *r = &out->items[out->count++];
        memset(r, 0, sizeof *r);
        r->page = page;
        r->top = top;
        r->bottom = bottom;
        cut_row(g + i, j - i, hmax, cut_at, r);
        join_marker(r);
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

/* ---- ruled tables ---- */

/* A rule: a line the page draws, thin and straight. */
typedef struct rule {
    double at;       /* the y of a horizontal rule, the x of a vertical one */
    double from, to; /* its extent along */
} rule;

typedef struct rule_set {
    rule *items;
    size_t count, cap;
    bool full; /* more than MAX_RULES, or MAX_OPEN at once */
} rule_set;

/* A run of ink being followed from one line of pixels to the next. */
typedef struct ink_run {
    int first, last; /* lines of pixels across it */
    int from, to;    /* pixels along it, to excluded */
} ink_run;

/* The ink of a page: one byte a pixel, 1 where it is dark; NULL when it
 * cannot be drawn. *scale: pixels a point. Caller frees. */
static unsigned char *page_ink(PopplerPage *page, int *w, int *h, double *scale)
{
    double pw, ph;
    poppler_page_get_size(page, &pw, &ph);
    if (!(pw >= 1 && ph >= 1 && pw <= 20000 && ph <= 20000))
        return NULL;
    double s = RENDER_SCALE;
    if (pw * ph * s * s > MAX_PIXELS)
        s = sqrt(MAX_PIXELS / (pw * ph));
    *w = (int)ceil(pw * s);
    *h = (int)ceil(ph * s);
    *scale = s;
    cairo_surface_t *surface =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, *w, *h);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        return NULL;
    }
    cairo_t *cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, s, s);
    poppler_page_render(page, cr);
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    const unsigned char *data = cairo_image_surface_get_data(surface);
    int stride = cairo_image_surface_get_stride(surface);
    unsigned char *ink = xmalloc((size_t)*w * (size_t)*h);
    for (int y = 0; y < *h; y++) {
        const uint32_t *px = (const uint32_t *)(data + (size_t)y * stride);
        for (int x = 0; x < *w; x++) {
            uint32_t c = px[x];
            unsigned lum = (((c >> 16) & 255) * 299 + ((c >> 8) & 255) * 587 +
                            (c & 255) * 114) /
                           1000;
            ink[(size_t)y * *w + x] = lum < INK_DARK;
        }
    }
    cairo_surface_destroy(surface);
    return ink;
}

static void rule_close(const ink_run *run, int thick, double scale,
                       rule_set *out)
{
    if (run->last - run->first + 1 > thick)
        return; /* a filled area, not a line */
    if (out->count >= MAX_RULES) {
        out->full = true;
        return;
    }
    ARRAY_ROOM(out->items, out->count, out->cap, 32);
    out->items[out->count++] =
        (rule){(run->first + run->last + 1) / 2.0 / scale, run->from / scale,
               run->to / scale};
}

/* The rules of ink[w * h] one way: runs of ink at least RULE_MIN long,
 * followed across the lines of pixels while they touch, kept when at
 * most RULE_THICK thick. */
static void find_rules(const unsigned char *ink, int w, int h, bool vertical,
                       double scale, rule_set *out)
{
    int nlines = vertical ? w : h, len = vertical ? h : w;
    int min_px = (int)ceil(RULE_MIN * scale);
    int thick = (int)ceil(RULE_THICK * scale);
    ink_run open[MAX_OPEN];
    size_t nopen = 0;
    for (int i = 0; i <= nlines && !out->full; i++) {
        size_t kept = 0;
        for (size_t k = 0; k < nopen; k++) {
            if (open[k].last < i - 1)
                rule_close(&open[k], thick, scale, out);
            else
                open[kept++] = open[k];
        }
        nopen = kept;
        if (i == nlines)
            break;
        for (int j = 0; j < len;) {
            size_t at = vertical ? (size_t)j * w + i : (size_t)i * w + j;
            if (!ink[at]) {
                j++;
                continue;
            }
            int from = j;
            while (j < len &&
                   ink[vertical ? (size_t)j * w + i : (size_t)i * w + j])
                j++;
            if (j - from < min_px)
                continue;
            bool went_on = false;
            for (size_t k = 0; k < nopen && !went_on; k++) {
                ink_run *o = &open[k];
                if (o->last == i - 1 && o->from < j && from < o->to) {
                    o->last = i;
                    o->from = o->from < from ? o->from : from;
                    o->to = o->to > j ? o->to : j;
                    went_on = true;
                }
            }
            if (went_on)
                continue;
            if (nopen == MAX_OPEN) {
                out->full = true;
                break;
            }
            open[nopen++] = (ink_run){i, i, from, j};
        }
    }
    for (size_t k = 0; k < nopen; k++)
        rule_close(&open[k], thick, scale, out);
}

static int by_rule(const void *x, const void *y)
{
    const rule *a = x, *b = y;
    return (a->at > b->at) - (a->at < b->at);
}

static size_t uf_find(size_t *parent, size_t i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

/* The values of r[0..n) (sorted by at) that differ by more than
 * RULE_TOL, into *out (caller frees); their count. */
static size_t distinct_at(const rule *r, size_t n, double **out)
{
    double *v = xmalloc((n + 1) * sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || r[i].at - v[k - 1] > RULE_TOL)
            v[k++] = r[i].at;
    *out = v;
    return k;
}

/* The index of the value of v[0..n) nearest x. */
static size_t nearest(const double *v, size_t n, double x)
{
    size_t best = 0;
    for (size_t i = 1; i < n; i++)
        if (fabs(v[i] - x) < fabs(v[best] - x))
            best = i;
    return best;
}

/* The index i of the band v[i] <= x < v[i + 1] of v[0..n), clamped. */
static size_t band_of(const double *v, size_t n, double x)
{
    size_t lo = 0, hi = n - 1; /* v[lo] <= x < v[hi], as far as known */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (v[mid] <= x)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* The text of the glyphs g[0..n) (reordered) of a cell from x1 to x2 as
 * one line: its rows in order, joined by a space, or by nothing after a
 * word broken at its hyphen ("TANDTC-" / "VKSNDTC") and inside a word
 * too long for the cell, which the line broke ("ST" / "T"): a line of one
 * word that reaches the cell's right margin, within half a line's height
 * (the margins: as wide as the left one, from the cell's edge to its
 * leftmost line). Caller frees. */
static char *glyphs_text(glyph *g, size_t n, double x1, double x2)
{
    rows rs = {0};
    page_rows(g, n, 0, INFINITY, &rs);
    double margin = INFINITY;
    for (size_t k = 0; k < rs.count; k++)
        if (rs.items[k].npieces)
            margin = fmin(margin, rs.items[k].pieces[0].x1 - x1);
    double right = x2 - fmax(0, margin);
    strbuf sb = STRBUF_INIT;
    for (size_t k = 0; k < rs.count; k++) {
        const row *r = &rs.items[k];
        for (size_t i = 0; i < r->npieces; i++) {
            const piece *before =
                i   ? &r->pieces[i - 1]
                : k ? &rs.items[k - 1].pieces[rs.items[k - 1].npieces - 1]
                    : NULL;
            bool glued = sb.len >= 2 && sb.buf[sb.len - 1] == '-' &&
                         sb.buf[sb.len - 2] != ' ';
            if (before && !i && !strchr(before->text, ' ')) {
                const row *up = &rs.items[k - 1];
                glued =
                    glued || before->x2 >= right - (up->bottom - up->top) / 2;
            }
            if (sb.len && !glued)
                strbuf_putc(&sb, ' ');
            strbuf_puts(&sb, r->pieces[i].text);
        }
    }
    for (size_t k = 0; k < rs.count; k++) {
        for (size_t i = 0; i < rs.items[k].npieces; i++)
            free(rs.items[k].pieces[i].text);
        free(rs.items[k].pieces);
    }
    free(rs.items);
    char *s = xstrdup(strbuf_str(&sb));
    strbuf_release(&sb);
    return s;
}

typedef struct grid_cell {
    size_t band, first, end; /* its columns: first to end excluded */
    size_t root;             /* the cell it goes on from, or itself */
    char *text;              /* a root's text */
    glyph *g;
    size_t n, cap;
} grid_cell;

/* A table's first rows when its first column's cell is merged down over
 * them (two to four): its header, one row again, each column's texts
 * joined by a space, as the Word reader joins a header of several rows. */
static void join_header(table *t)
{
    size_t k = 1;
    while (k < t->nrows && k < 4 && t->continued[k * t->ncols])
        k++;
    if (k < 2)
        return;
    for (size_t c = 0; c < t->ncols; c++) {
        strbuf sb = STRBUF_INIT;
        for (size_t b = 0; b < k; b++) {
            size_t at = b * t->ncols + c;
            if ((b > 0 && t->continued[at]) || !*t->text[at])
                continue;
            if (sb.len)
                strbuf_putc(&sb, ' ');
            strbuf_puts(&sb, t->text[at]);
        }
        free(t->text[c]);
        t->text[c] = xstrdup(strbuf_str(&sb));
        strbuf_release(&sb);
        for (size_t b = 1; b < k; b++)
            free(t->text[b * t->ncols + c]);
    }
    size_t rest = (t->nrows - k) * t->ncols;
    memmove(t->text + t->ncols, t->text + k * t->ncols, rest * sizeof *t->text);
    memmove(t->continued + t->ncols, t->continued + k * t->ncols,
            rest * sizeof *t->continued);
    t->nrows -= k - 1;
}

static void table_free(table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->text[i]);
    free(t->text);
    free(t->continued);
    free(t);
}

/* The table that the rules h[hs[0..nh)] and v[vs[0..nv)] draw, its cells
 * filled with the glyphs of g[0..*n) inside it (taken out of g); NULL
 * when they draw no grid. *top: where it starts. */
static table *grid_table(const rule *h, const size_t *hs, size_t nh,
                         const rule *v, const size_t *vs, size_t nv, glyph *g,
                         size_t *n, double *top)
{
    rule *hr = xmalloc(nh * sizeof *hr), *vr = xmalloc(nv * sizeof *vr);
    for (size_t i = 0; i < nh; i++)
        hr[i] = h[hs[i]];
    for (size_t i = 0; i < nv; i++)
        vr[i] = v[vs[i]];
    qsort(hr, nh, sizeof *hr, by_rule);
    qsort(vr, nv, sizeof *vr, by_rule);
    double *ys, *xs;
    size_t nys = distinct_at(hr, nh, &ys), nxs = distinct_at(vr, nv, &xs);
    table *t = NULL;
    if (nys < 2 || nxs < 2 || nxs - 1 > MAX_GRID || nys - 1 > MAX_BANDS)
        goto done;
    size_t nb = nys - 1, nc = nxs - 1;
    /* sep[b * nxs + j]: column edge j is drawn across band b */
    bool *sep = xcalloc(nb * nxs, sizeof *sep);
    /* over[b * nc + j]: band b's top is drawn over column j */
    bool *over = xcalloc(nb * nc, sizeof *over);
    for (size_t i = 0; i < nv; i++) {
        size_t j = nearest(xs, nxs, vr[i].at);
        for (size_t b = 0; b < nb; b++)
            if (vr[i].from <= ys[b] + RULE_TOL &&
                vr[i].to >= ys[b + 1] - RULE_TOL)
                sep[b * nxs + j] = true;
    }
    for (size_t i = 0; i < nh; i++) {
        size_t b = nearest(ys, nys, hr[i].at);
        for (size_t j = 0; b < nb && j < nc; j++) {
            double mid = (xs[j] + xs[j + 1]) / 2;
            if (hr[i].from <= mid && mid <= hr[i].to)
                over[b * nc + j] = true;
        }
    }
    grid_cell *cells = NULL;
    size_t ncells = 0, cap = 0;
    size_t *cell_at = xmalloc(nb * nc * sizeof *cell_at);
    for (size_t b = 0; b < nb; b++) {
        sep[b * nxs] = sep[b * nxs + nc] = true;
        for (size_t j = 0; j < nc;) {
            size_t end = j + 1;
            while (!sep[b * nxs + end])
                end++;
            size_t id = ncells, root = id;
            if (b > 0 && !over[b * nc + j]) {
                const grid_cell *up = &cells[cell_at[(b - 1) * nc + j]];
                if (up->first == j && up->end == end)
                    root = up->root;
            }
            ARRAY_ROOM(cells, ncells, cap, 16);
            cells[ncells++] = (grid_cell){b, j, end, root, NULL, NULL, 0, 0};
            for (size_t c = j; c < end; c++)
                cell_at[b * nc + c] = id;
            j = end;
        }
    }
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        double cx = (g[i].x1 + g[i].x2) / 2, cy = (g[i].y1 + g[i].y2) / 2;
        if (cx < xs[0] || cx > xs[nc] || cy < ys[0] || cy > ys[nb]) {
            g[kept++] = g[i];
            continue;
        }
        grid_cell *c = &cells[cells[cell_at[band_of(ys, nys, cy) * nc +
                                            band_of(xs, nxs, cx)]]
                                  .root];
        ARRAY_ROOM(c->g, c->n, c->cap, 16);
        c->g[c->n++] = g[i];
    }
    *n = kept;
    t = xcalloc(1, sizeof *t);
    t->nrows = nb;
    t->ncols = nc;
    t->text = xcalloc(nb * nc, sizeof *t->text);
    t->continued = xcalloc(nb * nc, sizeof *t->continued);
    for (size_t i = 0; i < ncells; i++) {
        grid_cell *c = &cells[i];
        if (c->root == i)
            c->text = glyphs_text(c->g, c->n, xs[c->first], xs[c->end]);
    }
    for (size_t i = 0; i < ncells; i++) {
        const grid_cell *c = &cells[i];
        for (size_t j = c->first; j < c->end; j++)
            t->text[c->band * nc + j] =
                xstrdup(j == c->first ? cells[c->root].text : "");
        t->continued[c->band * nc + c->first] = c->root != i;
    }
    for (size_t i = 0; i < ncells; i++) {
        free(cells[i].g);
        free(cells[i].text);
    }
    free(cells);
    free(cell_at);
    free(sep);
    free(over);
    join_header(t);
    *top = ys[0];
done:
    free(ys);
    free(xs);
    free(hr);
    free(vr);
    return t;
}

/* Leaves out of rs the rules that lie within the box of one glyph: the
 * strokes of a letter ("Đ" in bold draws a box), not rules. A space has
 * no strokes: poppler writes one across the gap between two cells, over
 * the rule between them, as tall as the row when it holds one line. */
static void drop_strokes(rule_set *rs, bool vertical, const glyph *g, size_t n)
{
    size_t kept = 0;
    for (size_t k = 0; k < rs->count; k++) {
        const rule *r = &rs->items[k];
        double x1 = vertical ? r->at : r->from, x2 = vertical ? r->at : r->to;
        double y1 = vertical ? r->from : r->at, y2 = vertical ? r->to : r->at;
        bool stroke = false;
        for (size_t i = 0; i < n && !stroke; i++)
            stroke = !is_space(g[i].cp) && g[i].x1 - 1 <= x1 &&
                     x2 <= g[i].x2 + 1 && g[i].y1 - 1 <= y1 &&
                     y2 <= g[i].y2 + 1;
        if (!stroke)
            rs->items[kept++] = *r;
    }
    rs->count = kept;
}

/* Takes out of g[0..*n) the footnotes, which the Word reader leaves out
 * too: the glyphs under a footnote's separator, a short rule (less than
 * half the text's width) at the text's left edge in the lower half of
 * the page of height page_h, that no vertical rule meets. */
static void drop_footnotes(const rule_set *hs, const rule_set *vs,
                           double page_h, glyph *g, size_t *n)
{
    double left = INFINITY, right = -INFINITY;
    for (size_t i = 0; i < *n; i++)
        if (!is_space(g[i].cp)) {
            left = fmin(left, g[i].x1);
            right = fmax(right, g[i].x2);
        }
    double at = INFINITY;
    for (size_t k = 0; k < hs->count; k++) {
        const rule *r = &hs->items[k];
        if (fabs(r->from - left) > 2 * RULE_TOL ||
            r->to - r->from > (right - left) / 2 || r->at < page_h / 2 ||
            r->at > at)
            continue;
        bool met = false;
        for (size_t j = 0; j < vs->count && !met; j++) {
            const rule *v = &vs->items[j];
            met = v->at >= r->from - RULE_TOL && v->at <= r->to + RULE_TOL &&
                  v->from <= r->at + RULE_TOL && v->to >= r->at - RULE_TOL;
        }
        if (!met)
            at = r->at;
    }
    if (at == INFINITY)
        return;
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++)
        if ((g[i].y1 + g[i].y2) / 2 < at)
            g[kept++] = g[i];
    *n = kept;
}

/* The ruled tables of a page, its glyphs g[0..*n) inside them taken out,
 * each added to out as a row of its own at its top. Rules are drawn
 * across a table: a vertical rule whose ends are on horizontal ones, and
 * the rules it meets, are one table. */
static void page_tables(PopplerPage *page, glyph *g, size_t *n, unsigned pno,
                        rows *out)
{
    int w, h;
    double scale;
    unsigned char *ink = page_ink(page, &w, &h, &scale);
    if (!ink)
        return;
    rule_set hs = {0}, vs = {0};
    find_rules(ink, w, h, false, scale, &hs);
    if (!hs.full)
        find_rules(ink, w, h, true, scale, &vs);
    free(ink);
    drop_strokes(&hs, false, g, *n);
    drop_strokes(&vs, true, g, *n);
    drop_footnotes(&hs, &vs, h / scale, g, n);
    size_t *parent = NULL, *of_v = NULL;
    if (hs.full || vs.full || hs.count < 2 || vs.count < 2)
        goto done;
    parent = xmalloc(hs.count * sizeof *parent);
    for (size_t i = 0; i < hs.count; i++)
        parent[i] = i;
    of_v = xmalloc(vs.count * sizeof *of_v); /* its first rule; or none */
    for (size_t k = 0; k < vs.count; k++) {
        const rule *v = &vs.items[k];
        size_t top = SIZE_MAX, bottom = SIZE_MAX;
        for (size_t i = 0; i < hs.count; i++) {
            const rule *r = &hs.items[i];
            if (v->at < r->from - RULE_TOL || v->at > r->to + RULE_TOL)
                continue;
            if (fabs(r->at - v->from) <= RULE_TOL)
                top = i;
            else if (fabs(r->at - v->to) <= RULE_TOL)
                bottom = i;
        }
        of_v[k] = top;
        if (top == SIZE_MAX || bottom == SIZE_MAX) {
            of_v[k] = SIZE_MAX;
            continue;
        }
        for (size_t i = 0; i < hs.count; i++) {
            const rule *r = &hs.items[i];
            if (v->at >= r->from - RULE_TOL && v->at <= r->to + RULE_TOL &&
                r->at >= v->from - RULE_TOL && r->at <= v->to + RULE_TOL)
                parent[uf_find(parent, i)] = uf_find(parent, top);
        }
    }
    size_t *hi = xmalloc(hs.count * sizeof *hi);
    size_t *vi = xmalloc(vs.count * sizeof *vi);
    for (size_t root = 0; root < hs.count; root++) {
        if (uf_find(parent, root) != root)
            continue;
        size_t nh = 0, nv = 0;
        for (size_t i = 0; i < hs.count; i++)
            if (uf_find(parent, i) == root)
                hi[nh++] = i;
        for (size_t k = 0; k < vs.count; k++)
            if (of_v[k] != SIZE_MAX && uf_find(parent, of_v[k]) == root)
                vi[nv++] = k;
        if (nh < 2 || nv < 2)
            continue;
        double top;
        table *t = grid_table(hs.items, hi, nh, vs.items, vi, nv, g, n, &top);
        if (!t)
            continue;
        ARRAY_ROOM(out->items, out->count, out->cap, 64);
        row *r = &out->items[out->count++];
        memset(r, 0, sizeof *r);
        r->page = pno;
        r->top = r->bottom = top;
        r->table = t;
    }
    free(hi);
    free(vi);
done:
    free(parent);
    free(of_v);
    free(hs.items);
    free(vs.items);
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
 * last row of each page, a line of one piece, that is a number or that
 * recurs, digits aside, at the same end of two pages or more (a header of
 * two columns recurs where a decision and the plan it issues each open
 * with one). */
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
        if (!has[e] || rs->items[ends[e]].npieces != 1)
            continue; /* a table, or columns: a header's, not a running one */
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

/* Whether the first piece of rs->items[k], further below the row before
 * than a cell's next line, is the next line of a column of the two
 * columns c[0..n) of the region from first: the line of a header's
 * column (close under it, and not centred on the page as a title is), or
 * a line aligned with one of the column (its left edge or its middle:
 * the signature under its title, the last of the recipients), or
 * aligned first on the next page (gap: INFINITY). */
static bool column_line(const rows *rs, size_t first, size_t k, const span *c,
                        size_t n, double centre, double h, double gap)
{
    const piece *p = &rs->items[k].pieces[0];
    size_t col = column_of(c, n, p->x1, p->x2);
    if (col >= n)
        return false;
    double mid = (p->x1 + p->x2) / 2;
    if (gap <= HEADER_BELOW * h && fabs(mid - centre) > h)
        return true;
    if (gap > ALIGNED_BELOW * h && gap != INFINITY)
        return false;
    for (size_t j = k; j-- > first && k - j <= ALIGN_BACK;) {
        const row *r = &rs->items[j];
        for (size_t i = 0; i < r->npieces; i++) {
            const piece *q = &r->pieces[i];
            if (column_of(c, n, q->x1, q->x2) == col &&
                (fabs(q->x1 - p->x1) <= RULE_TOL ||
                 fabs((q->x1 + q->x2) / 2 - mid) <= RULE_TOL))
                return true;
        }
    }
    return false;
}

/* The rows from first that make a region of columns; its columns in
 * *cols (sorted, n in *ncols) and each piece's column set. Returns the
 * row after the region. centre: the middle of the page's text. */
static size_t region_end(rows *rs, size_t first, double centre, span **cols,
                         size_t *ncols)
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
            if (r->table || r->npieces > MAX_COLUMNS ||
                n + r->npieces > MAX_COLUMNS)
                break;
            double h = prev->bottom - prev->top, gap = r->top - prev->bottom;
            if (r->page != prev->page &&
                (r->page != prev->page + 1 || n != 2 ||
                 !column_line(rs, first, k, c, n, centre, h, INFINITY)))
                break;
            if (r->page == prev->page && r->npieces == 1 &&
                gap > CLOSE_BELOW * h &&
                !(n == 2 && column_line(rs, first, k, c, n, centre, h, gap)))
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

/* A line of text; first: its first piece (its left, its first word). */
static void add_line(lines *out, char *text, bool body, const row *r,
                     const piece *first, double x2)
{
    ARRAY_ROOM(out->items, out->count, out->cap, 64);
    out->items[out->count++] = (out_line){
        .text = text,
        .body = body,
        .page = r->page,
        .x1 = first->x1,
        .x2 = x2,
        .top = r->top,
        .bottom = r->bottom,
        .first_word = first->first_word,
        .text_x = first->text_x,
    };
}

/* A table's row of cells[0..n) (taken). */
static void add_cells(lines *out, char **cells, size_t n, const row *r)
{
    ARRAY_ROOM(out->items, out->count, out->cap, 64);
    out->items[out->count++] = (out_line){
        .cells = cells,
        .ncells = n,
        .page = r->page,
        .top = r->top,
        .bottom = r->bottom,
    };
}

/* The national motto, which a narrow column breaks in two lines. */
static const char motto[] = "C\xE1\xBB\x98NG H\xC3\x92"
                            "A X\xC3\x83 H\xE1\xBB\x98I CH\xE1\xBB\xA6 "
                            "NGH\xC4\xA8"
                            "A VI\xE1\xBB\x86T NAM";

/* Appends to cell its continuation more, after a space. */
static char *cell_goes_on(char *cell, const char *more)
{
    if (!*more)
        return cell;
    strbuf sb = STRBUF_INIT;
    strbuf_puts(&sb, cell);
    if (*cell)
        strbuf_putc(&sb, ' ');
    strbuf_puts(&sb, more);
    free(cell);
    char *s = xstrdup(strbuf_str(&sb));
    strbuf_release(&sb);
    return s;
}

/* True when the first character of s is a small letter. */
static bool starts_lower(const char *s)
{
    int32_t cp;
    size_t k = utf8_decode(s, strlen(s), &cp);
    if (k == 0)
        return false;
    char one[5] = {0};
    memcpy(one, s, k);
    char *upper = vntext_upper(one);
    bool lower = strcmp(upper, one) != 0;
    free(upper);
    return lower;
}

/* A region of two columns: the header, each column's lines in turn. A
 * line that opens the motto waits for the line that ends it; a line that
 * starts in lower case goes on the column's line before it, which the
 * column's width broke ("- Thứ trưởng ... (để" / "b/c);"). */
static void header_lines(const rows *rs, size_t first, size_t end, size_t ncols,
                         lines *out)
{
    for (size_t c = 0; c < ncols; c++) {
        const row *held = NULL;
        const piece *part = NULL;
        size_t from = out->count; /* the column's first line */
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
                        add_line(out, xstrdup(sb.buf), false, held, part,
                                 part->x2);
                    else
                        add_line(out, xstrdup(part->text), false, held, part,
                                 part->x2);
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
                out_line *before =
                    out->count > from ? &out->items[out->count - 1] : NULL;
                if (before && before->text && starts_lower(p->text)) {
                    char *joined = cell_goes_on(before->text, p->text);
                    before->text = joined;
                    continue;
                }
                add_line(out, xstrdup(p->text), false, r, p, p->x2);
            }
        }
        if (part)
            add_line(out, xstrdup(part->text), false, held, part, part->x2);
    }
}

/* Emits a table's row from its cells (emptied); a row without a number
 * first on a page (may_continue) goes on the last row of a table with as
 * many columns on the page before. */
static void emit_row(strbuf *cells, size_t ncols, const row *start,
                     bool may_continue, lines *out)
{
    out_line *last = out->count ? &out->items[out->count - 1] : NULL;
    bool goes_on = may_continue && !cells[0].len && last &&
                   last->ncells == ncols && last->page + 1 == start->page;
    char **row_cells = goes_on ? NULL : xmalloc(ncols * sizeof *row_cells);
    for (size_t c = 0; c < ncols; c++) {
        if (goes_on)
            last->cells[c] =
                cell_goes_on(last->cells[c], strbuf_str(&cells[c]));
        else
            row_cells[c] = xstrdup(strbuf_str(&cells[c]));
        strbuf_reset(&cells[c]);
    }
    if (goes_on)
        last->page = start->page;
    else
        add_cells(out, row_cells, ncols, start);
}

/* A region of three columns or more without rules: a table, one line a
 * row. A row begins where the first column has text; the first, when it
 * has none, may end the last row of the page before. */
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

/* A table's row as the Word reader writes one: "| a | b |", a cell's
 * '|' written '/'. */
static void put_row(strbuf *out, char *const *cells, size_t n)
{
    for (size_t c = 0; c < n; c++) {
        strbuf_puts(out, "| ");
        for (const char *p = cells[c]; *p; p++)
            strbuf_putc(out, *p == '|' ? '/' : *p);
        if (*cells[c])
            strbuf_putc(out, ' ');
    }
    strbuf_putc(out, '|');
}

/* A ruled table's rows, an empty row left out. At the top of a page,
 * after a table with as many columns that ended the page before, it goes
 * on that table: its first row left out when it repeats that table's
 * first (the header, repeated on each page), and its next row, when its
 * first cell is empty, joined to that table's last (a row the page
 * broke). */
static void ruled_lines(const table *t, const row *r, bool page_top, lines *out)
{
    out_line *last = out->count ? &out->items[out->count - 1] : NULL;
    bool goes_on = page_top && last && out->header &&
                   last->ncells == t->ncols && last->page + 1 == r->page;
    strbuf header = STRBUF_INIT;
    put_row(&header, t->text, t->ncols);
    size_t b = 0;
    if (goes_on && strcmp(strbuf_str(&header), out->header) == 0)
        b = 1;
    if (!goes_on) {
        free(out->header);
        out->header = xstrdup(strbuf_str(&header));
    }
    strbuf_release(&header);
    for (; b < t->nrows; b++) {
        char *const *cells = t->text + b * t->ncols;
        bool any = false;
        for (size_t c = 0; c < t->ncols; c++)
            any = any || *cells[c];
        if (!any)
            continue;
        if (goes_on && !*cells[0]) {
            for (size_t c = 0; c < t->ncols; c++)
                last->cells[c] = cell_goes_on(last->cells[c], cells[c]);
            last->page = r->page;
        } else {
            char **copy = xmalloc(t->ncols * sizeof *copy);
            for (size_t c = 0; c < t->ncols; c++)
                copy[c] = xstrdup(cells[c]);
            add_cells(out, copy, t->ncols, r);
        }
        goes_on = false;
    }
}

/* A sentence's end: a full stop, "!" or "?" ("như sau:" and "…;" go on
 * when the next line opens no list item). */
static bool ends_sentence(const char *s)
{
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        n--;
    return n == 0 || strchr(".!?", s[n - 1]) != NULL;
}

/* The margins of the body's lines: left, the leftmost edge that two
 * lines share (or the leftmost), right, the furthest right edge. False
 * when there is no line of the body. */
static bool body_margins(const lines *ls, double *left, double *right)
{
    double *lefts = xmalloc((ls->count + 1) * sizeof *lefts);
    size_t n = 0;
    *right = 0;
    for (size_t i = 0; i < ls->count; i++)
        if (ls->items[i].body) {
            lefts[n++] = ls->items[i].x1;
            *right = fmax(*right, ls->items[i].x2);
        }
    if (n)
        qsort(lefts, n, sizeof *lefts, by_double);
    *left = n ? lefts[0] : 0;
    for (size_t i = 0; i + 1 < n; i++)
        if (lefts[i + 1] - lefts[i] <= 1.0) {
            *left = lefts[i];
            break;
        }
    free(lefts);
    return n > 0;
}

/* Whether l is the line after last in one paragraph: it is close under
 * last (no further than the paragraph's lines so far are apart, inner,
 * when known) or first on the next page; it does not follow the end of
 * a sentence unless it starts in lower case; and last was full: the
 * first word of l would not have fitted at its end. A line of the body
 * is full at the right margin, and l starts no further right than last
 * (or where last's text starts after its list marker); a centred line is
 * full at the width of the body, and l is centred too. */
static bool wraps(const out_line *last, const out_line *l, const char *para,
                  double left, double right, double usual, double inner)
{
    double h = last->bottom - last->top, gap = l->top - last->bottom;
    if (l->page == last->page) {
        if (gap > WRAP_BELOW * h || gap < -h / 2 || gap > usual + h / 4 ||
            (inner >= 0 && gap > inner + h / 4))
            return false;
    } else if (l->page != last->page + 1) {
        return false;
    }
    if ((ends_sentence(para) && !starts_lower(l->text)) || l->text_x != l->x1)
        return false;
    double space = h / 4, centre = (left + right) / 2;
    if (fabs((last->x1 + last->x2) / 2 - centre) <= h / 2 && l->x1 > left + 2 &&
        fabs((l->x1 + l->x2) / 2 - centre) <= h / 2 &&
        last->x2 - last->x1 + space + l->first_word > right - left)
        return true; /* a centred paragraph */
    if (l->x1 > fmax(last->x1, last->text_x) + h / 2)
        return false;
    return last->x2 + space + l->first_word > right;
}

/* The usual gap between two lines of the body on a page, in a paragraph
 * or not: the lower quartile, where most lines are in paragraphs. */
static double usual_gap(const lines *ls)
{
    double *gaps = xmalloc((ls->count + 1) * sizeof *gaps);
    size_t n = 0;
    for (size_t i = 1; i < ls->count; i++) {
        const out_line *a = &ls->items[i - 1], *b = &ls->items[i];
        if (a->body && b->body && a->page == b->page)
            gaps[n++] = b->top - a->bottom;
    }
    double usual = INFINITY;
    if (n) {
        qsort(gaps, n, sizeof *gaps, by_double);
        usual = gaps[n / 4];
    }
    free(gaps);
    return usual;
}

/* Joins each line of the body wrapped by the page to the line before
 * (see wraps); a word broken at its hyphen is joined without a space. */
static void join_wrapped(lines *ls)
{
    double left, right;
    if (!body_margins(ls, &left, &right))
        return;
    double usual = usual_gap(ls);
    /* the paragraph being joined, items[w - 1], grows in para: each
     * line is copied once however long the paragraph */
    strbuf para = STRBUF_INIT;
    out_line last = {0}; /* the paragraph's last line */
    double inner = -1;   /* the gap between its lines */
    size_t w = 0;
    for (size_t i = 0; i <= ls->count; i++) {
        out_line *l = i < ls->count ? &ls->items[i] : NULL;
        out_line *prev = w ? &ls->items[w - 1] : NULL;
        if (l && prev && prev->body && l->body &&
            wraps(&last, l, strbuf_str(&para), left, right, usual, inner)) {
            if (l->page == last.page && inner < 0)
                inner = l->top - last.bottom;
            if (!(para.len >= 2 && para.buf[para.len - 1] == '-' &&
                  para.buf[para.len - 2] != ' '))
                strbuf_putc(&para, ' ');
            strbuf_puts(&para, l->text);
            free(l->text);
            last = *l;
            prev->x2 = l->x2;
            prev->top = l->top;
            prev->bottom = l->bottom;
            prev->page = l->page;
            continue;
        }
        if (prev && prev->text && strlen(prev->text) != para.len) {
            free(prev->text);
            prev->text = xstrdup(strbuf_str(&para));
        }
        if (!l)
            break;
        ls->items[w++] = *l;
        last = *l;
        inner = -1;
        strbuf_reset(&para);
        if (l->text)
            strbuf_puts(&para, l->text);
    }
    strbuf_release(&para);
    ls->count = w;
}

/* The lines of the rows, regions laid out, wrapped lines joined. */
static void lay_out(rows *rs, lines *out)
{
    double left = INFINITY, right = -INFINITY;
    for (size_t k = 0; k < rs->count; k++) {
        const row *r = &rs->items[k];
        if (r->dropped || !r->npieces)
            continue;
        left = fmin(left, r->pieces[0].x1);
        right = fmax(right, r->pieces[r->npieces - 1].x2);
    }
    double centre = (left + right) / 2;
    unsigned page = 0;
    bool any = false; /* a row kept on the page */
    for (size_t k = 0; k < rs->count;) {
        row *r = &rs->items[k];
        if (r->dropped) {
            k++;
            continue;
        }
        bool page_top = !any || r->page != page;
        page = r->page;
        any = true;
        if (r->table) {
            ruled_lines(r->table, r, page_top, out);
            k++;
            continue;
        }
        if (r->npieces == 1 || r->npieces > MAX_COLUMNS) {
            add_line(out, row_text(r), true, r, &r->pieces[0],
                     r->pieces[r->npieces - 1].x2);
            k++;
            continue;
        }
        span *cols;
        size_t ncols;
        size_t end = region_end(rs, k, centre, &cols, &ncols);
        if (ncols >= 3)
            table_lines(rs, k, end, ncols, out);
        else
            header_lines(rs, k, end, ncols, out);
        free(cols);
        for (size_t j = k; j < end; j++)
            if (!rs->items[j].dropped)
                page = rs->items[j].page;
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

static int by_place(const void *x, const void *y)
{
    const row *a = x, *b = y;
    double ka = a->table ? a->top : (a->top + a->bottom) / 2;
    double kb = b->table ? b->top : (b->top + b->bottom) / 2;
    return (ka > kb) - (ka < kb);
}

/* The rows of one page: its ruled tables, then the rows of the glyphs
 * outside them, all in their order down the page. */
static void page_read(PopplerPage *page, glyph *g, size_t n, unsigned pno,
                      rows *rs)
{
    size_t from = rs->count;
    if (n)
        page_tables(page, g, &n, pno, rs);
    size_t tables = rs->count;
    page_rows(g, n, pno, GAP_CUT * word_space(g, n), rs);
    if (tables > from) /* rows in order, each table before the first under
                          its top: sorted, the rows' order kept on ties */
        for (size_t i = from + 1; i < rs->count; i++) {
            row cur = rs->items[i];
            size_t j = i;
            while (j > from && by_place(&rs->items[j - 1], &cur) > 0) {
                rs->items[j] = rs->items[j - 1];
                j--;
            }
            rs->items[j] = cur;
        }
}

static void free_rows(rows *rs)
{
    for (size_t k = 0; k < rs->count; k++) {
        for (size_t i = 0; i < rs->items[k].npieces; i++)
            free(rs->items[k].pieces[i].text);
        free(rs->items[k].pieces);
        table_free(rs->items[k].table);
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
        chars += n;
        if (chars > limits->max_text) {
            g_object_unref(page);
            free(g);
            break;
        }
        page_read(page, g, n, (unsigned)p, &rs);
        g_object_unref(page);
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
            out_line *l = &ls.items[i];
            if (l->ncells) {
                put_row(out, l->cells, l->ncells);
                for (size_t c = 0; c < l->ncells; c++)
                    free(l->cells[c]);
                free(l->cells);
            } else {
                strbuf_puts(out, l->text);
                free(l->text);
            }
            strbuf_putc(out, '\n');
        }
        free(ls.items);
        free(ls.header);
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
