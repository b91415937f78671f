/* xlsx.c - Excel workbooks through libxlsxwriter (see xlsx.h).
 *
 * Styles are kept in a small table: each distinct xlsx_style becomes one
 * libxlsxwriter format, created on first use with the book's font. The
 * first error of any call is kept and returned by xlsx_close(), so callers
 * write a whole workbook without checking every cell. A sheet's rows go
 * to a spool that deflates them (rows_spool.h), in place of the
 * temporary file libxlsxwriter would copy them from. A row written whole
 * (xlsx_row) is put into the sheet's stream here, in the bytes
 * libxlsxwriter 1.1.4 writes for the same cells (tests/unit/
 * test-xlsx_row.c holds them equal), its dimensions kept as it keeps them. */
#include "xlsx.h"

#include "arena.h"
#include "ascii.h"
#include "i18n.h"
#include "memfile.h"
#include "rows_spool.h"
#include "xlsx_join.h"
#include "strmap.h"
#include "tempfile.h"
#include "vntext.h"
#include "utf8.h"
#include "xalloc.h"

#include <utf8proc.h>
#include <xlsxwriter.h>

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MM_PER_INCH 25.4
#define CHART_WIDTH_PX 480.0 /* libxlsxwriter's default chart size */
#define CHART_HEIGHT_PX 288.0

typedef struct style_entry {
    xlsx_style key; /* number_format owned */
} style_entry;

/* A part book: a whole libxlsxwriter workbook holding some of the book's
 * sheets, joined into the book's file when they are done (xlsx_join.h). */
typedef struct part {
    lxw_workbook *wb;
    int fd;               /* its unnamed temporary file */
    lxw_format **formats; /* the book's styles in this workbook, in order */
    size_t nformats, formats_cap;
    xlsx_sheet **sheets; /* in its order */
    size_t nsheets, sheets_cap;
    size_t open; /* its sheets not yet ended */
    struct part *next;
} part;

/* The sheets' names, folded, as hashes (strmap_hash): a name is taken
 * when its hash is here. Two names with one hash (one chance in 2^64 for
 * a pair) would only make the second take a number. 8-byte slots, at
 * most three quarters full (11 to 21 bytes a sheet), where a strmap and
 * the names themselves took about 150. Open addressing, the table
 * doubled when full; 0 marks an empty slot. */
typedef struct name_hashes {
    uint64_t *slots;
    size_t cap, count;
} name_hashes;

static uint64_t name_hash(const char *folded)
{
    uint64_t h = strmap_hash(folded, strlen(folded));
    return h ? h : 1;
}

static uint64_t *name_slot(const name_hashes *n, uint64_t h)
{
    size_t i = (size_t)h & (n->cap - 1);
    while (n->slots[i] && n->slots[i] != h)
        i = (i + 1) & (n->cap - 1);
    return &n->slots[i];
}

static bool name_known(const name_hashes *n, uint64_t h)
{
    return n->cap && *name_slot(n, h) == h;
}

static void name_add(name_hashes *n, uint64_t h)
{
    if ((n->count + 1) * 4 > n->cap * 3) {
        name_hashes bigger = {NULL, n->cap ? n->cap * 2 : 64, n->count};
        bigger.slots = xcalloc(bigger.cap, sizeof *bigger.slots);
        for (size_t i = 0; i < n->cap; i++)
            if (n->slots[i])
                *name_slot(&bigger, n->slots[i]) = n->slots[i];
        free(n->slots);
        *n = bigger;
    }
    uint64_t *slot = name_slot(n, h);
    if (!*slot) {
        *slot = h;
        n->count++;
    }
}

struct xlsx_sheet {
    xlsx_book *book;
    part *part;            /* NULL once joined */
    lxw_worksheet *ws;     /* NULL once ended, or when it could not be made */
    size_t number;         /* 1-based, in the order added */
    bool first_unnumbered; /* its first page is to be left unnumbered */
    bool hidden;
    uint32_t *charts; /* the book's numbers of its charts */
    size_t ncharts;
    rows_spool *rows; /* its rows, deflated as written (rows_spool.h) */
};

struct xlsx_book {
    xlsx_join *join; /* the file being written */
    char *font;
    double size;
    date created;
    char *title;
    style_entry *styles; /* every part has a format for each, in order */
    size_t nstyles, styles_cap;
    part *parts;   /* the parts open, oldest first */
    part *current; /* the newest, which new sheets go into */
    size_t part_sheets;
    xlsx_sheet **sheets;
    size_t nsheets, sheets_cap;
    uint32_t ncharts;
    name_hashes names; /* the sheets' names */
    arena *a;          /* the numbers below */
    strmap numbers;    /* folded name asked for, once taken -> next number */
    strbuf error;      /* the first error */
    size_t truncated;
};

/* what: the step that failed, marked with N_() and translated here; the
 * message is "what: the library's reason" (in English). */
static void fail(xlsx_book *b, const char *what, lxw_error e)
{
    if (e == LXW_NO_ERROR || b->error.len)
        return;
    strbuf_error(&b->error, "%s: %s", _(what), lxw_strerror(e));
}

/* Keeps why as the book's error, unless it has one. */
static void kept(xlsx_book *b, const strbuf *why)
{
    if (!b->error.len)
        strbuf_error(&b->error, "%s", strbuf_str(why));
}

/* libxlsxwriter makes the temporary files it writes a package's files to
 * with lxw_tmpfile, there "so it can be over-ridden with a user defined
 * version": kehoach's makes them in memory (memfile.h). libxlsxwriter
 * calls it through its procedure linkage table, so kehoach's definition
 * is the one called; a library bound to its own would make the same
 * workbook, more slowly. */
FILE *lxw_tmpfile(char *tmpdir)
{
    (void)tmpdir;
    return memfile_open();
}

/* libxlsxwriter opens the file it writes by name. It is given the name of
 * the descriptor, /proc/self/fd/N, which opens the very file made for it
 * whatever happens meanwhile to the names in its folder. */
static bool descriptor_name(int fd, char name[32], strbuf *err)
{
    snprintf(name, 32, "/proc/self/fd/%d", fd);
    struct stat held, named;
    if (fstat(fd, &held) == 0 && stat(name, &named) == 0 &&
        held.st_dev == named.st_dev && held.st_ino == named.st_ino)
        return true;
    strbuf_error(
        err,
        _("cannot write the workbook through its descriptor: /proc/self/fd "
          "is not there (is /proc mounted?)"));
    return false;
}

xlsx_book *xlsx_open(int fd, const char *font, double size, date created,
                     const char *title, strbuf *err)
{
    xlsx_join *join = xlsx_join_start(fd, err);
    if (!join)
        return NULL;
    xlsx_book *b = xcalloc(1, sizeof *b);
    b->join = join;
    b->a = arena_new();
    b->font = xstrdup(font);
    b->size = size;
    b->created = created;
    b->title = title ? xstrdup(title) : NULL;
    b->part_sheets = XLSX_PART_SHEETS;
    return b;
}

void xlsx_set_part_sheets(xlsx_book *b, size_t n)
{
    b->part_sheets = n ? n : 1;
}

static lxw_format *make_format(lxw_workbook *wb, const xlsx_book *b,
                               const xlsx_style *st)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_font_name(f, b->font);
    format_set_font_size(f, st->size > 0 ? st->size : b->size);
    if (st->bold)
        format_set_bold(f);
    if (st->italic)
        format_set_italic(f);
    if (st->underline)
        format_set_underline(f, LXW_UNDERLINE_SINGLE);
    if (st->wrap)
        format_set_text_wrap(f);
    if (st->border)
        format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, st->middle ? LXW_ALIGN_VERTICAL_CENTER
                                   : LXW_ALIGN_VERTICAL_TOP);
    static const uint8_t aligns[] = {LXW_ALIGN_NONE, LXW_ALIGN_LEFT,
                                     LXW_ALIGN_CENTER, LXW_ALIGN_RIGHT};
    if (st->align != XLSX_ALIGN_GENERAL)
        format_set_align(f, aligns[st->align]);
    if (st->fill != XLSX_NO_FILL) {
        format_set_pattern(f, LXW_PATTERN_SOLID);
        format_set_bg_color(f, st->fill);
    }
    if (st->number_format)
        format_set_num_format(f, st->number_format);
    if (st->unlocked)
        format_set_unlocked(f);
    return f;
}

/* Style i in part p. Its index in the part's list of cell formats is
 * given now, as it is in every part open: so each style has the same
 * index in every part, and the styles of the part joined last are the
 * whole's. */
static void part_add_format(part *p, const xlsx_book *b, size_t i)
{
    ARRAY_ROOM(p->formats, p->nformats, p->formats_cap, 16);
    p->formats[p->nformats++] = make_format(p->wb, b, &b->styles[i].key);
    lxw_format_get_xf_index(p->formats[i]);
}

static part *part_new(xlsx_book *b)
{
    strbuf err = STRBUF_INIT;
    char path[32];
    int fd = tempfile_anonymous(&err);
    lxw_workbook_options options = {.constant_memory = LXW_TRUE};
    lxw_workbook *wb = fd >= 0 && descriptor_name(fd, path, &err)
                           ? workbook_new_opt(path, &options)
                           : NULL;
    if (!wb) {
        if (!err.len)
            strbuf_error(&err, _("cannot start the workbook (out of memory "
                                 "or no room for temporary files)"));
        if (!b->error.len)
            strbuf_error(&b->error, "%s", strbuf_str(&err));
        strbuf_release(&err);
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    strbuf_release(&err);
    part *p = xcalloc(1, sizeof *p);
    p->wb = wb;
    p->fd = fd;
    lxw_doc_properties props = {
        .title = b->title,
        .created = (time_t)date_to_days(b->created) * 86400,
    };
    /* TRANSLATORS: this and the other steps of writing a workbook begin
       the message "STEP: REASON" when the step fails. */
    fail(b, N_("document properties"), workbook_set_properties(wb, &props));
    for (size_t i = 0; i < b->nstyles; i++)
        part_add_format(p, b, i);
    part **tail = &b->parts;
    while (*tail)
        tail = &(*tail)->next;
    *tail = p;
    b->current = p;
    return p;
}

static void let_go(xlsx_sheet *s);

/* Closes part p and joins it into the book's file; `styles`: it is the
 * last. Its sheets take nothing more. */
static void part_finish(xlsx_book *b, part *p, bool styles)
{
    for (part **at = &b->parts; *at; at = &(*at)->next)
        if (*at == p) {
            *at = p->next;
            break;
        }
    if (b->current == p)
        b->current = NULL;
    for (size_t i = 0; i < p->nsheets; i++)
        if (p->sheets[i]->ws)
            let_go(p->sheets[i]);
    lxw_error e = workbook_close(p->wb); /* and frees it */
    fail(b, N_("writing the workbook"), e);
    xlsx_join_sheet *joined = xcalloc(p->nsheets, sizeof *joined);
    for (size_t i = 0; i < p->nsheets; i++) {
        xlsx_sheet *s = p->sheets[i];
        joined[i] = (xlsx_join_sheet){
            .number = s->number,
            .hidden = s->hidden,
            .first_unnumbered = s->first_unnumbered,
            .charts = s->charts,
            .ncharts = s->ncharts,
            .rows = s->rows,
        };
        s->part = NULL;
        s->ws = NULL;
    }
    if (!b->error.len)
        xlsx_join_part(b->join, p->fd, joined, p->nsheets, styles, &b->error);
    free(joined);
    for (size_t i = 0; i < p->nsheets; i++) {
        free(p->sheets[i]->charts);
        p->sheets[i]->charts = NULL;
        rows_spool_free(p->sheets[i]->rows);
        p->sheets[i]->rows = NULL;
    }
    close(p->fd);
    free(p->formats);
    free(p->sheets);
    free(p);
}

static void release(xlsx_book *b)
{
    for (size_t i = 0; i < b->nstyles; i++)
        free((char *)b->styles[i].key.number_format);
    free(b->styles);
    for (size_t i = 0; i < b->nsheets; i++)
        free(b->sheets[i]); /* each joined, its charts freed */
    free(b->sheets);
    free(b->names.slots);
    arena_free(b->a);
    free(b->font);
    free(b->title);
    strbuf_release(&b->error);
    free(b);
}

bool xlsx_close(xlsx_book *b, strbuf *err)
{
    if (!b->nsheets)
        xlsx_add_sheet(b, "Sheet1"); /* a workbook has a sheet, as
                                        libxlsxwriter's has */
    while (b->parts)
        part_finish(b, b->parts, !b->parts->next);
    bool ok = !b->error.len;
    if (ok)
        ok = xlsx_join_finish(b->join, &b->error);
    else
        xlsx_join_abandon(b->join);
    if (!ok)
        strbuf_error(err, "%s", strbuf_str(&b->error));
    release(b);
    return ok;
}

size_t xlsx_truncated(const xlsx_book *b)
{
    return b->truncated;
}

static bool same_style(const xlsx_style *a, const xlsx_style *b)
{
    const char *fa = a->number_format ? a->number_format : "";
    const char *fb = b->number_format ? b->number_format : "";
    return a->size == b->size && a->bold == b->bold && a->italic == b->italic &&
           a->underline == b->underline && a->wrap == b->wrap &&
           a->border == b->border && a->middle == b->middle &&
           a->align == b->align && a->fill == b->fill &&
           a->unlocked == b->unlocked && strcmp(fa, fb) == 0;
}

/* The format of style st in sheet s's part, the style made in every part
 * open on its first use. */
static lxw_format *format_of(xlsx_sheet *s, const xlsx_style *st)
{
    static const xlsx_style plain = {.fill = XLSX_NO_FILL};
    if (!st)
        st = &plain;
    xlsx_book *b = s->book;
    for (size_t i = 0; i < b->nstyles; i++)
        if (same_style(&b->styles[i].key, st))
            return s->part->formats[i];
    ARRAY_ROOM(b->styles, b->nstyles, b->styles_cap, 8);
    style_entry *e = &b->styles[b->nstyles++];
    e->key = *st;
    e->key.number_format =
        st->number_format ? xstrdup(st->number_format) : NULL;
    for (part *p = b->parts; p; p = p->next)
        part_add_format(p, b, b->nstyles - 1);
    return s->part->formats[b->nstyles - 1];
}

/* --- the height of wrapped text ----------------------------------------- */

#define CAPITAL_WIDTH 1.35 /* capitals are about a third wider */
#define CELL_PADDING \
    0.5 /* characters of a column's width a cell keeps
                              clear of text */

/* The width of n bytes of text in letters of average width: capitals
 * (the issuing body, the governing body) are about a third wider. */
double xlsx_letters_wide(const char *s, size_t n)
{
    double wide = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { /* ASCII: its capitals are A to Z */
            wide += c >= 'A' && c <= 'Z' ? CAPITAL_WIDTH : 1;
            i++;
            continue;
        }
        int32_t cp;
        i += utf8_decode(s + i, n - i, &cp);
        wide +=
            utf8proc_category(cp) == UTF8PROC_CATEGORY_LU ? CAPITAL_WIDTH : 1;
    }
    return wide;
}

/* Lines a paragraph of n bytes takes when wrapped at spaces into lines
 * of `room` characters of width, each letter `per_letter` of them; a word
 * longer than a line is broken across lines, as Excel and LibreOffice do. */
static double paragraph_lines(const char *text, size_t n, double room,
                              double per_letter)
{
    double lines = 1, used = 0;
    const char *end = text + n;
    while (text < end) {
        const char *space = memchr(text, ' ', (size_t)(end - text));
        size_t len = space ? (size_t)(space - text) : (size_t)(end - text);
        double word = xlsx_letters_wide(text, len) * per_letter;
        if (used > 0 && used + per_letter + word > room) {
            lines++;
            used = 0;
        }
        used += (used > 0 ? per_letter : 0) + word;
        while (used > room) { /* a word wider than the column */
            lines++;
            used -= room;
        }
        text += len + (space ? 1 : 0);
    }
    return lines;
}

/* Lines a text takes in a column `width` characters wide at `size`
 * points: Excel measures widths in characters of its 11-point default
 * font, and wraps each paragraph on its own. */
double xlsx_wrapped_lines(const char *text, double width, double size)
{
    /* about 1.2 letters of Vietnamese text in Times New Roman per
     * character of width at 11 points, measured on LibreOffice's
     * rendering; a cell's padding takes some of its width */
    double per_letter = size / 11.0 / 1.2, room = width - CELL_PADDING;
    double lines = 0;
    while (text) {
        const char *end = strchr(text, '\n');
        size_t n = end ? (size_t)(end - text) : strlen(text);
        lines += paragraph_lines(text, n, room > 1 ? room : 1, per_letter);
        text = end ? end + 1 : NULL;
    }
    return lines;
}

/* --- sheet names ------------------------------------------------------ */

/* Whether a name is taken: by the list of xlsx_sheet_name's caller, or
 * by the sheets of a book (through its index of folded names). */
typedef bool taken_fn(const char *name, const void *ctx);

typedef struct name_list {
    const char *const *names;
    size_t count;
} name_list;

static bool taken_in_list(const char *name, const void *ctx)
{
    const name_list *l = ctx;
    for (size_t i = 0; i < l->count; i++)
        if (vntext_same(name, l->names[i]))
            return true;
    return false;
}

static bool taken_in_book(const char *name, const void *ctx)
{
    const xlsx_book *b = ctx;
    char *key = vntext_fold_once(name, strlen(name));
    bool taken = name_known(&b->names, name_hash(key));
    free(key);
    return taken;
}

/* Copies at most max characters of s into out, without the characters
 * Excel refuses; returns the bytes written. */
static size_t copy_clean(const char *s, size_t max, char *out)
{
    size_t len = strlen(s), o = 0, chars = 0;
    while (len > 0 && s[0] == '\'') {
        s++;
        len--;
    }
    while (len > 0 && s[len - 1] == '\'')
        len--;
    for (size_t i = 0; i < len && chars < max;) {
        int32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (n == 0) { /* not UTF-8: the loader refuses such text */
            i++;
            continue;
        }
        if (cp < 0x20 || (cp < 0x80 && strchr("[]:*?/\\", (int)cp)))
            out[o++] = '_';
        else {
            memcpy(out + o, s + i, n);
            o += n;
        }
        i += n;
        chars++;
    }
    while (o > 0 && out[o - 1] == '\'') /* cut just after an apostrophe */
        o--;
    out[o] = '\0';
    return o;
}

/* Whether Excel keeps the name for its own sheet ("History", in any
 * case). Folded without the memo: every sheet's name comes here once. */
static bool reserved(const char *name)
{
    char *key = vntext_fold_once(name, strlen(name));
    bool is = strcmp(key, "history") == 0;
    free(key);
    return is;
}

/* *next: the first number to try after the name itself (2 unless the
 * numbers below it are known to be taken); left after the one given. */
static void unique_name(const char *name, taken_fn *taken, const void *ctx,
                        unsigned *next, char out[128])
{
    char base[128];
    if (copy_clean(name, XLSX_SHEET_NAME_MAX, base) == 0)
        strcpy(base, "Sheet");
    strcpy(out, base);
    for (unsigned n = *next; reserved(out) || taken(out, ctx); *next = ++n) {
        char suffix[16];
        int slen = snprintf(suffix, sizeof suffix, " (%u)", n);
        size_t len = copy_clean(base, XLSX_SHEET_NAME_MAX - (size_t)slen, out);
        while (len > 0 && out[len - 1] == ' ') /* no space doubled before it */
            out[--len] = '\0';
        strcat(out, suffix);
    }
}

void xlsx_sheet_name(const char *name, const char *const *taken, size_t ntaken,
                     char out[128])
{
    name_list list = {taken, ntaken};
    unsigned next = 2;
    unique_name(name, taken_in_list, &list, &next, out);
}

/* The first number worth trying after a sheet name: the numbers below it
 * were taken by the sheets named the same before (so that a thousand
 * plans whose names agree in Excel's 31 characters cost a thousand
 * tries, not half a million). Kept only for the names asked for more
 * than once: a workbook of thousands of sheets, each named after its
 * plan, keeps none. */
static void unique_sheet_name(xlsx_book *b, const char *name, char out[128])
{
    char clean[128];
    copy_clean(name, XLSX_SHEET_NAME_MAX, clean);
    char *key = vntext_fold_once(clean, strlen(clean));
    unsigned *kept = strmap_get(&b->numbers, key, strlen(key));
    unsigned next = kept ? *kept : 2;
    unique_name(name, taken_in_book, b, &next, out);
    if (kept) {
        *kept = next;
    } else if (next != 2) {
        kept = arena_alloc(b->a, sizeof *kept);
        *kept = next;
        const char *stored = arena_strdup(b->a, key);
        strmap_put(b->a, &b->numbers, stored, strlen(stored), kept);
    }
    free(key);
}

xlsx_sheet *xlsx_add_sheet(xlsx_book *b, const char *name)
{
    xlsx_sheet *s = xcalloc(1, sizeof *s);
    char unique[128];
    unique_sheet_name(b, name, unique);
    char *key = vntext_fold_once(unique, strlen(unique));
    name_add(&b->names, name_hash(key));
    free(key);
    s->book = b;
    ARRAY_ROOM(b->sheets, b->nsheets, b->sheets_cap, 8);
    b->sheets[b->nsheets++] = s;
    s->number = b->nsheets;
    part *was = b->current;
    if (!was || was->nsheets >= b->part_sheets) {
        if (b->error.len || !part_new(b))
            return s; /* a sheet that takes nothing: the error is kept */
        if (was && !was->open)
            part_finish(b, was, false);
    }
    part *p = b->current;
    s->ws = workbook_add_worksheet(p->wb, unique);
    if (!s->ws) {
        if (!b->error.len)
            strbuf_error(&b->error, _("cannot add the sheet '%s'"), unique);
        return s;
    }
    /* the sheet's rows go to a spool instead of libxlsxwriter's file */
    FILE *rows;
    strbuf why = STRBUF_INIT;
    s->rows = rows_spool_new(&rows, &why);
    if (!s->rows) {
        kept(b, &why);
        strbuf_release(&why);
        s->ws = NULL;
        return s;
    }
    fclose(s->ws->optimize_tmpfile);
    s->ws->optimize_tmpfile = s->ws->file = rows;
    s->part = p;
    ARRAY_ROOM(p->sheets, p->nsheets, p->sheets_cap, 8);
    p->sheets[p->nsheets++] = s;
    p->open++;
    return s;
}

/* --- cells ------------------------------------------------------------ */

void xlsx_text(xlsx_sheet *s, uint32_t row, uint32_t col, const char *text,
               const xlsx_style *st)
{
    if (!s->ws)
        return;
    if (!text || !*text) {
        xlsx_blank(s, row, col, st);
        return;
    }
    lxw_format *f = format_of(s, st);
    size_t len = strlen(text);
    if (len <= XLSX_MAX_TEXT ||
        utf8_length(text, len) <= XLSX_MAX_TEXT) { /* bytes >= characters */
        fail(s->book, N_("writing a cell"),
             worksheet_write_string(s->ws, row, (lxw_col_t)col, text, f));
        return;
    }
    /* keep what fits, and say it was cut with an ellipsis */
    size_t end = 0;
    for (size_t chars = 0; chars < XLSX_MAX_TEXT - 1 && end < len; chars++) {
        int32_t cp;
        size_t n = utf8_decode(text + end, len - end, &cp);
        end += n ? n : 1;
    }
    char *cut = xmalloc(end + 4);
    memcpy(cut, text, end);
    memcpy(cut + end, "\xe2\x80\xa6", 4);
    fail(s->book, N_("writing a cell"),
         worksheet_write_string(s->ws, row, (lxw_col_t)col, cut, f));
    free(cut);
    s->book->truncated++;
}

void xlsx_number(xlsx_sheet *s, uint32_t row, uint32_t col, double value,
                 const xlsx_style *st)
{
    if (s->ws)
        fail(s->book, N_("writing a cell"),
             worksheet_write_number(s->ws, row, (lxw_col_t)col, value,
                                    format_of(s, st)));
}

void xlsx_date(xlsx_sheet *s, uint32_t row, uint32_t col, date d,
               const xlsx_style *st)
{
    lxw_datetime dt = {d.year, d.month, d.day, 0, 0, 0};
    if (s->ws)
        fail(s->book, N_("writing a cell"),
             worksheet_write_datetime(s->ws, row, (lxw_col_t)col, &dt,
                                      format_of(s, st)));
}

void xlsx_blank(xlsx_sheet *s, uint32_t row, uint32_t col, const xlsx_style *st)
{
    if (s->ws)
        fail(s->book, N_("writing a cell"),
             worksheet_write_blank(s->ws, row, (lxw_col_t)col,
                                   format_of(s, st)));
}

/* --- rows written whole ------------------------------------------------- */

/* The XML of a row, gathered in a buffer on the stack and handed to the
 * sheet's file in large writes. */
typedef struct row_out {
    FILE *file;
    size_t len;
    char buf[8192];
} row_out;

static void row_flush(row_out *o)
{
    if (o->len)
        fwrite(o->buf, 1, o->len, o->file);
    o->len = 0;
}

static void row_put(row_out *o, const char *s, size_t n)
{
    if (o->len + n > sizeof o->buf) {
        row_flush(o);
        if (n > sizeof o->buf) {
            fwrite(s, 1, n, o->file);
            return;
        }
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static void row_puts(row_out *o, const char *s)
{
    row_put(o, s, strlen(s));
}

static void row_number(row_out *o, unsigned long n)
{
    char digits[20];
    row_put(o, digits, ascii_decimal(n, digits));
}

/* A number as libxlsxwriter writes it ("%.16G"), a whole number below
 * 10^15 without printf. */
static size_t number_text(double v, char out[40])
{
    if (v > -1e15 && v < 1e15 && v == (double)(long long)v &&
        !(v == 0 && signbit(v))) {
        size_t len = 0;
        if (v < 0)
            out[len++] = '-';
        return len + ascii_decimal((uintmax_t)(v < 0 ? -v : v), out + len);
    }
    return (size_t)snprintf(out, 40, "%.16G", v);
}

/* What libxlsxwriter makes of a byte of text in a sheet (its
 * lxw_escape_control_characters, then lxw_escape_data): the control
 * characters but tab and newline as "_xHHHH_", & < > as entities; NULL
 * for a byte kept as it is. */
static const char *escaped(unsigned char c, char hex[8])
{
    if (c < 0x20 && c != '\t' && c != '\n') {
        snprintf(hex, 8, "_x%04X_", c);
        return hex;
    }
    return c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : NULL;
}

static void row_text(row_out *o, const char *s, size_t n)
{
    char hex[8];
    size_t plain = 0; /* bytes kept as they are, not yet put */
    for (size_t i = 0; i < n; i++) {
        const char *e = escaped((unsigned char)s[i], hex);
        if (!e) {
            plain++;
            continue;
        }
        row_put(o, s + i - plain, plain);
        plain = 0;
        row_puts(o, e);
    }
    row_put(o, s + n - plain, plain);
}

/* Whether libxlsxwriter marks the text to keep its spaces: when the first
 * or the last byte it writes is a space. */
static bool text_preserved(const char *s, size_t n)
{
    char hex[8];
    const char *first = escaped((unsigned char)s[0], hex);
    unsigned char head = first ? (unsigned char)first[0] : (unsigned char)s[0];
    const char *last = escaped((unsigned char)s[n - 1], hex);
    unsigned char tail =
        last ? (unsigned char)last[strlen(last) - 1] : (unsigned char)s[n - 1];
    return isspace(head) || isspace(tail);
}

/* Whether the row can be written whole: a sheet streamed row by row,
 * nothing written into this row or a later one, every text short enough
 * to be written as it is, rows of the default height and no row
 * attribute libxlsxwriter would add. */
static bool row_whole(const lxw_worksheet *ws, uint32_t row,
                      const xlsx_row_cell *cells, size_t n)
{
    const lxw_row *pending = ws->optimize_row;
    if (!ws->optimize || !pending || row >= LXW_ROW_MAX || n > LXW_COL_MAX ||
        ws->default_row_height != LXW_DEF_ROW_HEIGHT ||
        ws->excel_version == 2010 || pending->row_num > row ||
        (pending->row_num == row &&
         (pending->row_changed || pending->data_changed)))
        return false;
    for (size_t i = 0; i < n; i++) {
        const char *t = cells[i].text;
        if (cells[i].kind == XLSX_CELL_TEXT && t && strlen(t) > XLSX_MAX_TEXT &&
            utf8_length(t, strlen(t)) > XLSX_MAX_TEXT)
            return false;
    }
    return true;
}

static void cell_by_cell(xlsx_sheet *s, uint32_t row,
                         const xlsx_row_cell *cells, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const xlsx_row_cell *c = &cells[i];
        uint32_t col = (uint32_t)i;
        switch (c->kind) {
        case XLSX_CELL_BLANK:
            xlsx_blank(s, row, col, c->style);
            break;
        case XLSX_CELL_TEXT:
            xlsx_text(s, row, col, c->text, c->style);
            break;
        case XLSX_CELL_NUMBER:
            xlsx_number(s, row, col, c->number, c->style);
            break;
        case XLSX_CELL_DATE:
            xlsx_date(s, row, col, c->day, c->style);
            break;
        }
    }
}

/* `<c r="B7" s="3"`: a cell's reference (its row's number in digits)
 * and style, as libxlsxwriter writes them. */
static void cell_start(row_out *o, const char *digits, size_t ndigits,
                       uint32_t col, int32_t xf)
{
    char name[8];
    size_t len = 0;
    for (uint32_t c = col + 1; c; c = (c - 1) / 26)
        name[len++] = (char)('A' + (c - 1) % 26);
    row_puts(o, "<c r=\"");
    while (len)
        row_put(o, &name[--len], 1);
    row_put(o, digits, ndigits);
    row_put(o, "\"", 1);
    if (xf) {
        row_puts(o, " s=\"");
        row_number(o, (unsigned long)xf);
        row_put(o, "\"", 1);
    }
}

void xlsx_row(xlsx_sheet *s, uint32_t row, const xlsx_row_cell *cells, size_t n)
{
    lxw_worksheet *ws = s->ws;
    if (!ws || !n)
        return;
    if (!row_whole(ws, row, cells, n)) {
        cell_by_cell(s, row, cells, n);
        return;
    }
    /* the row before, when libxlsxwriter holds one, goes first; then this
     * row is written, and libxlsxwriter is left at it with nothing to
     * write (as after it writes a row itself: what needs the last row,
     * filters and print areas, still finds it) */
    lxw_worksheet_write_single_row(ws);
    row_out out, *o = &out; /* its buffer left as it is: no need to clear */
    o->file = ws->file;
    o->len = 0;
    char digits[24];
    size_t ndigits = ascii_decimal((uintmax_t)row + 1, digits);
    row_puts(o, "<row r=\"");
    row_put(o, digits, ndigits);
    row_puts(o, "\">");
    for (size_t i = 0; i < n; i++) {
        const xlsx_row_cell *c = &cells[i];
        int32_t xf = lxw_format_get_xf_index(format_of(s, c->style));
        const char *t = c->text;
        size_t len = t ? strlen(t) : 0;
        if (c->kind == XLSX_CELL_BLANK ||
            (c->kind == XLSX_CELL_TEXT && len == 0)) {
            cell_start(o, digits, ndigits, (uint32_t)i, xf);
            row_puts(o, "/>");
        } else if (c->kind == XLSX_CELL_TEXT) {
            cell_start(o, digits, ndigits, (uint32_t)i, xf);
            row_puts(o, text_preserved(t, len)
                            ? " t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                            : " t=\"inlineStr\"><is><t>");
            row_text(o, t, len);
            row_puts(o, "</t></is></c>");
        } else {
            double v = c->number;
            if (c->kind == XLSX_CELL_DATE) {
                lxw_datetime dt = {c->day.year, c->day.month,
                                   c->day.day,  0,
                                   0,           0};
                v = lxw_datetime_to_excel_date_epoch(&dt, LXW_EPOCH_1900);
            }
            char number[40];
            size_t nlen = number_text(v, number);
            cell_start(o, digits, ndigits, (uint32_t)i, xf);
            row_puts(o, "><v>");
            row_put(o, number, nlen);
            row_puts(o, "</v></c>");
        }
    }
    row_puts(o, "</row>");
    row_flush(o);
    /* the dimensions libxlsxwriter keeps as it writes cells */
    if (row < ws->dim_rowmin)
        ws->dim_rowmin = row;
    if (row > ws->dim_rowmax)
        ws->dim_rowmax = row;
    if (ws->dim_colmin > 0)
        ws->dim_colmin = 0;
    if ((lxw_col_t)(n - 1) > ws->dim_colmax)
        ws->dim_colmax = (lxw_col_t)(n - 1);
    ws->optimize_row->row_num = row;
}

void xlsx_merge(xlsx_sheet *s, uint32_t row, uint32_t first_col,
                uint32_t last_col, const char *text, const xlsx_style *st)
{
    if (!s->ws)
        return;
    if (first_col == last_col) {
        xlsx_text(s, row, first_col, text, st);
        return;
    }
    fail(s->book, N_("merging cells"),
         worksheet_merge_range(s->ws, row, (lxw_col_t)first_col, row,
                               (lxw_col_t)last_col, text ? text : "",
                               format_of(s, st)));
}

/* --- layout ----------------------------------------------------------- */

void xlsx_column_width(xlsx_sheet *s, uint32_t col, double width)
{
    if (s->ws)
        fail(s->book, N_("setting a column"),
             worksheet_set_column(s->ws, (lxw_col_t)col, (lxw_col_t)col, width,
                                  NULL));
}

void xlsx_column_hidden(xlsx_sheet *s, uint32_t col, double width)
{
    lxw_row_col_options hidden = {.hidden = 1};
    if (s->ws)
        fail(s->book, N_("hiding a column"),
             worksheet_set_column_opt(s->ws, (lxw_col_t)col, (lxw_col_t)col,
                                      width, NULL, &hidden));
}

void xlsx_row_height(xlsx_sheet *s, uint32_t row, double points)
{
    if (s->ws)
        fail(s->book, N_("setting a row"),
             worksheet_set_row(s->ws, row, points, NULL));
}

void xlsx_set_page(xlsx_sheet *s, const xlsx_page *p, uint32_t last_row)
{
    if (!s->ws)
        return;
    if (p->landscape)
        worksheet_set_landscape(s->ws);
    else
        worksheet_set_portrait(s->ws);
    worksheet_set_paper(s->ws, (uint8_t)p->paper);
    worksheet_set_margins(s->ws, p->margin_mm[2] / MM_PER_INCH,
                          p->margin_mm[3] / MM_PER_INCH,
                          p->margin_mm[0] / MM_PER_INCH,
                          p->margin_mm[1] / MM_PER_INCH);
    if (p->fit_width)
        worksheet_fit_to_pages(s->ws, 1, 0);
    if (p->repeat_rows)
        fail(s->book, N_("repeating rows"),
             worksheet_repeat_rows(s->ws, p->repeat_first, p->repeat_last));
    if (p->page_numbers) {
        /* each sheet numbered from 1; a document's first page without a
         * number (Decree 30/2020): see xlsx_join.h */
        worksheet_set_start_page(s->ws, 1);
        s->first_unnumbered = p->first_unnumbered;
        /* the font goes into Excel's header codes: one holding '&' or '"'
         * (which templates refuse) would be read as codes, so it is left out */
        char spec[128] = "&C&P";
        if (!strpbrk(s->book->font, "&\"") && strlen(s->book->font) < 64)
            snprintf(spec, sizeof spec, "&C&\"%s,Regular\"&%d&P", s->book->font,
                     (int)(s->book->size + 0.5));
        if (p->page_numbers == 1)
            fail(s->book, N_("page header"), worksheet_set_header(s->ws, spec));
        else
            fail(s->book, N_("page footer"), worksheet_set_footer(s->ws, spec));
    }
    if (p->print_columns)
        fail(s->book, N_("print area"),
             worksheet_print_area(s->ws, 0, 0, last_row,
                                  (lxw_col_t)(p->print_columns - 1)));
}

/* What libxlsxwriter would hold of an ended sheet until its workbook is
 * closed; and its rows, ended. */
static void let_go(xlsx_sheet *s)
{
    lxw_worksheet *ws = s->ws;
    /* In constant_memory mode libxlsxwriter keeps the cells of the row
     * being written in an array of a pointer per column Excel allows
     * (16,384 of them, 128 KiB, calloc'd when the sheet is added) and frees
     * it only when the workbook is freed. Served from glibc's heap (which
     * it is once a free of a larger block has raised glibc's mmap threshold,
     * and whenever a free chunk of the heap is large enough, whatever the
     * threshold), calloc zeroes all of it: about 128 KiB of memory per
     * sheet for the life of the workbook (623 MiB for 5,000 sheets).
     * Here, the last row is written out as workbook_close would (which then
     * finds no row to write: lxw_worksheet_write_single_row resets it), and
     * the array, empty after that, is freed; libxlsxwriter reads it only
     * while cells are added and in lxw_worksheet_free, which skips a NULL
     * array. */
    if (ws->optimize_row)
        lxw_worksheet_write_single_row(ws);
    free(ws->array);
    ws->array = NULL;
    /* The sheet's rows are in its spool, ended here. libxlsxwriter reads
     * the spool's stream (as empty) and closes it when the workbook is
     * closed, unless no cell was written: then it writes an empty
     * <sheetData/>, as the spool is dropped here. The stream's stdio
     * buffer (malloc'd by glibc at the first write, freed by fclose) is
     * let go now: ISO C allows setvbuf only before a stream's first
     * operation; glibc, the one C library kehoach builds on, flushes the
     * stream and frees its old buffer, and the flush before it makes that
     * a no-op here. A failed write of the sheet's rows (a full disk)
     * would otherwise go unnoticed by libxlsxwriter. */
    FILE *rows = ws->optimize_tmpfile;
    bool flushed = fflush(rows) == 0 && !ferror(rows);
    strbuf why = STRBUF_INIT;
    if (!rows_spool_end(s->rows, &why))
        kept(s->book, &why);
    else if (!flushed)
        fail(s->book, N_("writing a cell"), LXW_ERROR_CREATING_TMPFILE);
    strbuf_release(&why);
    if (ws->dim_rowmin == LXW_ROW_MAX) {
        fclose(rows);
        ws->optimize_tmpfile = ws->file = NULL;
        rows_spool_free(s->rows);
        s->rows = NULL;
    } else {
        setvbuf(rows, NULL, _IONBF, 0);
    }
}

void xlsx_end_sheet(xlsx_sheet *s)
{
    if (!s->ws)
        return;
    let_go(s);
    s->ws = NULL;
    part *p = s->part;
    /* a part no longer taking sheets is joined when its last one ends */
    if (!--p->open && p != s->book->current)
        part_finish(s->book, p, false);
}

void xlsx_freeze(xlsx_sheet *s, uint32_t row, uint32_t col)
{
    if (s->ws)
        worksheet_freeze_panes(s->ws, row, (lxw_col_t)col);
}

void xlsx_protect(xlsx_sheet *s)
{
    /* In lxw_protection a set flag allows what it names, except the
     * first two, which forbid selecting cells. */
    lxw_protection allow = {.format_columns = 1, .format_rows = 1};
    if (s->ws)
        worksheet_protect(s->ws, NULL, &allow);
}

void xlsx_hide(xlsx_sheet *s)
{
    if (!s->ws)
        return;
    worksheet_hide(s->ws);
    s->hidden = true;
}

static lxw_datetime datetime_of(date d)
{
    return (lxw_datetime){.year = d.year, .month = d.month, .day = d.day};
}

void xlsx_validate(xlsx_sheet *s, uint32_t first_row, uint32_t last_row,
                   uint32_t col, const xlsx_validation *v)
{
    if (!s->ws || last_row < first_row)
        return;
    lxw_data_validation dv = {
        .criteria = LXW_VALIDATION_CRITERIA_BETWEEN,
        .ignore_blank = LXW_VALIDATION_ON,
        .show_input = LXW_VALIDATION_ON,
        .show_error = LXW_VALIDATION_ON,
        .error_type = LXW_VALIDATION_ERROR_TYPE_STOP,
        .input_title = (char *)v->title,
        .input_message = (char *)v->message,
        .error_title = (char *)v->title,
        .error_message = (char *)v->message,
    };
    const char **items = NULL;
    switch (v->rule) {
    case XLSX_RULE_LIST:
        items = xcalloc(v->nitems + 1, sizeof *items);
        for (size_t i = 0; i < v->nitems; i++)
            items[i] = v->items[i];
        dv.validate = LXW_VALIDATION_TYPE_LIST;
        dv.value_list = (char **)items;
        dv.criteria = LXW_VALIDATION_CRITERIA_NONE;
        break;
    case XLSX_RULE_DATE:
        dv.validate = LXW_VALIDATION_TYPE_DATE;
        dv.minimum_datetime = datetime_of(v->from);
        dv.maximum_datetime = datetime_of(v->to);
        break;
    case XLSX_RULE_NUMBER:
    case XLSX_RULE_WHOLE:
        dv.validate = v->rule == XLSX_RULE_WHOLE ? LXW_VALIDATION_TYPE_INTEGER
                                                 : LXW_VALIDATION_TYPE_DECIMAL;
        dv.minimum_number = v->min;
        dv.maximum_number = v->max;
        break;
    }
    fail(s->book, N_("adding a validation"),
         worksheet_data_validation_range(s->ws, first_row, (lxw_col_t)col,
                                         last_row, (lxw_col_t)col, &dv));
    free(items);
}

void xlsx_filter(xlsx_sheet *s, uint32_t first_row, uint32_t first_col,
                 uint32_t last_row, uint32_t last_col)
{
    if (s->ws)
        fail(s->book, N_("setting a filter"),
             worksheet_autofilter(s->ws, first_row, (lxw_col_t)first_col,
                                  last_row, (lxw_col_t)last_col));
}

double xlsx_chart_step(double longest)
{
    double step = 1;
    for (int k = 0; longest / step > XLSX_CHART_TICKS; k++)
        step *= k % 3 == 1 ? 2.5 : 2; /* 1, 2, 5, 10, 20, 50, ... */
    return step;
}

void xlsx_insert_chart(xlsx_sheet *s, const xlsx_chart *c)
{
    if (!s->ws)
        return;
    xlsx_book *b = s->book;
    lxw_chart *chart = workbook_add_chart(s->part->wb, LXW_CHART_BAR_STACKED);
    const char *sheet = s->ws->name; /* libxlsxwriter's copy */
    lxw_chart_font font = {.name = (char *)c->font, .size = 12};
    /* printed text no smaller than 11 pt (Decree 30/2020) */
    lxw_chart_font title_font = {.name = (char *)c->font,
                                 .size = 13,
                                 .bold = LXW_TRUE};
    for (size_t i = 0; i < c->nseries; i++) {
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
        lxw_col_t col = (lxw_col_t)(c->first_value_col + i);
        chart_series_set_categories(series, sheet, c->first_row,
                                    (lxw_col_t)c->cat_col, c->last_row,
                                    (lxw_col_t)c->cat_col);
        chart_series_set_values(series, sheet, c->first_row, col, c->last_row,
                                col);
        chart_series_set_name_range(series, sheet, c->first_row - 1, col);
        lxw_chart_fill fill = {.color = c->colors[i]};
        chart_series_set_fill(series, &fill);
    }
    chart_title_set_name(chart, c->title);
    chart_title_set_name_font(chart, &title_font);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    chart_legend_set_font(chart, &font);
    chart_axis_set_num_font(chart->x_axis, &font);
    chart_axis_set_num_font(chart->y_axis, &font);
    /* In a bar chart libxlsxwriter's y_axis is the category axis: reversed,
     * the first unit is on top; crossed at its maximum, the value axis
     * stays at the bottom and counts from the left. */
    chart_axis_set_reverse(chart->y_axis);
    chart_axis_set_crossing_max(chart->y_axis);
    /* the values are counts: ticks on whole numbers from 0 */
    chart_axis_set_min(chart->x_axis, 0);
    chart_axis_set_major_unit(chart->x_axis, xlsx_chart_step(c->longest));
    chart_axis_set_num_format(chart->x_axis, "0");
    lxw_chart_options options = {
        .x_scale = c->width / CHART_WIDTH_PX,
        .y_scale = c->height / CHART_HEIGHT_PX,
        .object_position = LXW_OBJECT_MOVE_DONT_SIZE,
    };
    lxw_error e = worksheet_insert_chart_opt(s->ws, c->row, (lxw_col_t)c->col,
                                             chart, &options);
    fail(b, N_("inserting a chart"), e);
    if (e == LXW_NO_ERROR) {
        s->charts = xrealloc(s->charts, (s->ncharts + 1) * sizeof *s->charts);
        s->charts[s->ncharts++] = ++b->ncharts;
    }
}
