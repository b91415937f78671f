/* diag.c - diagnostics sink and its text and JSON forms (see diag.h).
 *
 * A diag copies what it needs from its source when it is made (the line,
 * the display column, the underline width), so sources can be freed
 * before the diagnostics are printed. Printing sorts a copy of the list:
 * by file order, then line, column and insertion order. Text is for a
 * terminal: paths and messages are made visible (visible.h), so a value
 * quoted from a file cannot act on the terminal.
 *
 * A sink knows every file registered with it, thousands in a run: each is
 * its path (kept once for the process, fileio_path_kept, as the path of a
 * captured place is) and its counts, in one array in rank order, found by
 * path through a strmap_index (strmap.h). */
#include "diag.h"

#include "fileio.h"
#include "i18n.h"
#include "node.h"
#include "strmap.h"
#include "utf8.h"
#include "visible.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_WINDOW 100 /* widest source line shown before it is cut */
#define LINE_KEEP 2048  /* bytes of a line kept either side of the spot */

struct file_count {
    const char *path; /* "" for diagnostics that concern no file */
    size_t kept, dropped;
};

struct diag_sink {
    size_t cap;
    diag **items;
    size_t n, alloc;
    size_t errors, warnings;
    struct file_count *files; /* in rank order */
    size_t nfiles, files_cap;
    strmap_index by_path; /* the files' ranks */
    size_t seq;
    const char *stage;
    bool sorted;
};

diag_sink *diag_sink_new(size_t cap_per_file)
{
    diag_sink *s = xcalloc(1, sizeof *s);
    s->cap = cap_per_file;
    return s;
}

static void diag_free(diag *d)
{
    while (d) {
        diag *next = d->next;
        diag_free(d->notes);
        free(d->path);
        free(d->message);
        free(d->line_text);
        free(d);
        d = next;
    }
}

void diag_clear(diag_sink *s)
{
    for (size_t i = 0; i < s->n; i++)
        diag_free(s->items[i]);
    free(s->items);
    free(s->files);
    strmap_index_release(&s->by_path);
    s->items = NULL;
    s->files = NULL;
    s->n = s->alloc = s->nfiles = s->files_cap = 0;
    s->errors = s->warnings = 0;
}

void diag_sink_free(diag_sink *s)
{
    if (!s)
        return;
    diag_clear(s);
    free(s);
}

static const char *path_of(const void *files, size_t rank)
{
    return ((const struct file_count *)files)[rank].path;
}

/* The file named path, or NULL when it was never registered or seen. */
static struct file_count *file_find(const diag_sink *s, const char *path)
{
    size_t rank = strmap_index_find(&s->by_path, path, path_of, s->files);
    return rank == SIZE_MAX ? NULL : &s->files[rank];
}

/* The file named path (NULL: no file), registered now when it is new;
 * valid until the next file is registered. */
static struct file_count *file_of(diag_sink *s, const char *path)
{
    const char *key = path ? path : "";
    struct file_count *f = file_find(s, key);
    if (f)
        return f;
    ARRAY_ROOM(s->files, s->nfiles, s->files_cap, 16);
    f = &s->files[s->nfiles];
    *f = (struct file_count){fileio_path_kept(key), 0, 0};
    strmap_index_add(&s->by_path, key, s->nfiles++, path_of, s->files);
    return f;
}

void diag_set_stage(diag_sink *s, const char *stage)
{
    s->stage = stage;
}

void diag_register_file(diag_sink *s, const char *path)
{
    file_of(s, path);
}

static void count(diag_sink *s, diag_level level)
{
    if (level == DIAG_ERROR)
        s->errors++;
    else if (level == DIAG_WARNING)
        s->warnings++;
}

void diag_loc_capture(diag_loc *loc, const source *src, srcpos pos, size_t span)
{
    memset(loc, 0, sizeof *loc);
    loc->path = fileio_path_kept(src->path);
    loc->width = 1;
    if (!pos.line)
        return;
    size_t len;
    const char *line = source_line_at(src, pos, &len);
    size_t start = (size_t)(line - src->text), end = start + len;
    size_t off = pos.offset < start ? start : pos.offset;
    if (off > end)
        off = end;
    /* keep a window of the line around the spot, on character bounds */
    size_t from = off - start > LINE_KEEP ? off - LINE_KEEP : start;
    while (from < off && ((unsigned char)src->text[from] & 0xC0) == 0x80)
        from++;
    size_t to = end - off > LINE_KEEP ? off + LINE_KEEP : end;
    while (to > off && to < end &&
           ((unsigned char)src->text[to] & 0xC0) == 0x80)
        to--;
    loc->line = pos.line;
    loc->line_col0 = source_column(src, (srcpos){pos.line, from}) - 1;
    loc->column =
        utf8_advance(src->text + from, off - from, loc->line_col0) + 1;
    loc->line_text = xstrndup(src->text + from, to - from);
    loc->line_len = to - from;
    loc->line_cut = to < end;
    size_t stop = off + span < to ? off + span : to;
    if (stop > off) {
        size_t w = utf8_advance(src->text + off, stop - off, loc->column - 1) -
                   (loc->column - 1);
        loc->width = w ? w : 1;
    }
}

void diag_loc_release(diag_loc *loc)
{
    free(loc->line_text);
    memset(loc, 0, sizeof *loc);
}

/* A diag at a copy of loc (NULL: no file). */
static diag *make(diag_level level, const diag_loc *loc, const char *fmt,
                  va_list ap) __attribute__((format(printf, 3, 0)));

static diag *make(diag_level level, const diag_loc *loc, const char *fmt,
                  va_list ap)
{
    diag *d = xcalloc(1, sizeof *d);
    d->level = level;
    strbuf msg = STRBUF_INIT;
    strbuf_vprintf(&msg, _(fmt), ap);
    d->message = msg.buf ? msg.buf : xstrdup("");
    d->width = 1;
    if (!loc)
        return d;
    d->path = loc->path ? xstrdup(loc->path) : NULL;
    if (loc->line) {
        d->line = loc->line;
        d->column = loc->column;
        d->width = loc->width;
        d->line_text = xstrndup(loc->line_text, loc->line_len);
        d->line_len = loc->line_len;
        d->line_col0 = loc->line_col0;
        d->line_cut = loc->line_cut;
    }
    return d;
}

/* A diag at pos in src (src may be NULL: no position, path only). */
static diag *make_at(diag_level level, const char *path, const source *src,
                     srcpos pos, size_t span, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));

static diag *make_at(diag_level level, const char *path, const source *src,
                     srcpos pos, size_t span, const char *fmt, va_list ap)
{
    if (!src) {
        diag_loc loc = {.path = path, .width = 1};
        return make(level, path ? &loc : NULL, fmt, ap);
    }
    diag_loc loc;
    diag_loc_capture(&loc, src, pos, span);
    diag *d = make(level, &loc, fmt, ap);
    diag_loc_release(&loc);
    return d;
}

static diag *add(diag_sink *s, diag *d)
{
    count(s, d->level);
    if (!d->stage)
        d->stage = s->stage;
    struct file_count *f = file_of(s, d->path);
    d->file_rank = (size_t)(f - s->files);
    if (s->cap && f->kept >= s->cap) {
        f->dropped++;
        diag_free(d);
        return NULL;
    }
    f->kept++;
    ARRAY_ROOM(s->items, s->n, s->alloc, 16);
    d->seq = s->seq++;
    s->items[s->n++] = d;
    s->sorted = false;
    return d;
}

diag *diag_vat(diag_sink *s, diag_level level, const source *src, srcpos pos,
               size_t span, const char *fmt, va_list ap)
{
    return add(s,
               make_at(level, src ? src->path : NULL, src, pos, span, fmt, ap));
}

/* What every variadic entry point below does with its arguments: stmt,
 * with ap holding those after fmt. */
#define WITH_ARGS(fmt, stmt) \
    do {                     \
        va_list ap;          \
        va_start(ap, fmt);   \
        stmt;                \
        va_end(ap);          \
    } while (0)

diag *diag_at(diag_sink *s, diag_level level, const source *src, srcpos pos,
              size_t span, const char *fmt, ...)
{
    diag *d;
    WITH_ARGS(fmt, d = diag_vat(s, level, src, pos, span, fmt, ap));
    return d;
}

diag *diag_at_loc(diag_sink *s, diag_level level, const diag_loc *loc,
                  const char *fmt, ...)
{
    diag *d;
    WITH_ARGS(fmt, d = add(s, make(level, loc, fmt, ap)));
    return d;
}

diag *diag_at_node(diag_sink *s, diag_level level, const node *at,
                   const char *fmt, ...)
{
    diag *d;
    WITH_ARGS(fmt, d = diag_vat(s, level, at->src, at->pos, at->span, fmt, ap));
    return d;
}

diag *diag_file(diag_sink *s, diag_level level, const char *path,
                const char *fmt, ...)
{
    diag *d;
    WITH_ARGS(fmt, d = add(s, make_at(level, path, NULL, (srcpos){0, 0}, 0, fmt,
                                      ap)));
    return d;
}

static void attach(diag *parent, diag *note)
{
    diag **tail = &parent->notes;
    while (*tail)
        tail = &(*tail)->next;
    *tail = note;
}

void diag_note(diag_sink *s, diag *parent, const source *src, srcpos pos,
               size_t span, const char *fmt, ...)
{
    (void)s;
    if (parent)
        WITH_ARGS(fmt, attach(parent,
                              make_at(DIAG_NOTE, src ? src->path : parent->path,
                                      src, pos, span, fmt, ap)));
}

void diag_note_at_loc(diag_sink *s, diag *parent, const diag_loc *loc,
                      const char *fmt, ...)
{
    (void)s;
    if (parent)
        WITH_ARGS(fmt, attach(parent, make(DIAG_NOTE, loc, fmt, ap)));
}

bool diag_keeps(const diag_sink *s, const node *at)
{
    const char *key = at->src ? at->src->path : "";
    const struct file_count *f = file_find(s, key);
    return !s->cap || !f || f->kept < s->cap;
}

size_t diag_errors(const diag_sink *s)
{
    return s->errors;
}

size_t diag_warnings(const diag_sink *s)
{
    return s->warnings;
}

void diag_move(diag_sink *to, diag_sink *from)
{
    for (size_t i = 0; i < from->nfiles; i++)
        file_of(to, from->files[i].path);
    size_t kept_err = 0, kept_warn = 0;
    for (size_t i = 0; i < from->n; i++) {
        kept_err += from->items[i]->level == DIAG_ERROR;
        kept_warn += from->items[i]->level == DIAG_WARNING;
        add(to, from->items[i]); /* frees the item when to's cap is reached */
    }
    /* counts of what from had already dropped */
    for (size_t i = 0; i < from->nfiles; i++) {
        file_of(to, from->files[i].path)->dropped += from->files[i].dropped;
    }
    to->errors += from->errors - kept_err;
    to->warnings += from->warnings - kept_warn;
    free(from->items);
    from->items = NULL;
    from->n = from->alloc = 0;
    diag_clear(from);
}

static int cmp_diag(const void *pa, const void *pb)
{
    const diag *a = *(diag *const *)pa, *b = *(diag *const *)pb;
    if (a->file_rank != b->file_rank)
        return a->file_rank < b->file_rank ? -1 : 1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->column != b->column)
        return a->column < b->column ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void sort_items(diag_sink *s)
{
    if (s->sorted)
        return;
    if (s->n > 1)
        qsort(s->items, s->n, sizeof *s->items, cmp_diag);
    s->sorted = true;
}

size_t diag_count(const diag_sink *s)
{
    return s->n;
}

const diag *diag_get(diag_sink *s, size_t i)
{
    sort_items(s);
    return i < s->n ? s->items[i] : NULL;
}

/* The level as JSON names it; translated, as the text shows it. */
static const char *level_name(diag_level level)
{
    switch (level) {
    case DIAG_ERROR:
        return N_("error");
    case DIAG_WARNING:
        return N_("warning");
    default:
        return N_("note");
    }
}

#define C_BOLD "\033[1m"
#define C_RESET "\033[0m"

static const char *level_color(diag_level level)
{
    switch (level) {
    case DIAG_ERROR:
        return "\033[1;31m";
    case DIAG_WARNING:
        return "\033[1;35m";
    default:
        return "\033[1;36m";
    }
}

/* Appends the source line, made printable: tabs expanded, invalid bytes and
 * control characters (utf8_is_control) shown as U+FFFD, one column each as
 * columns count them, and cut to a window around the caret when it is very
 * wide. *caret is the caret's 0-based display column in the line on entry,
 * and its column in the printed text on return. */
static void put_line(strbuf *out, const diag *d, size_t *caret)
{
    /* the printable copy; columns count from the start of the line */
    strbuf text = STRBUF_INIT;
    const char *s = d->line_text;
    size_t n = d->line_len, i = 0, col = d->line_col0;
    while (i < n) {
        int32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (k && cp == '\t') {
            size_t next = (col / 8 + 1) * 8;
            strbuf_repeat(&text, ' ', next - col);
            col = next;
        } else if (!k || utf8_is_control(cp)) {
            strbuf_puts(&text, "\xEF\xBF\xBD");
            col++;
        } else {
            strbuf_add(&text, s + i, k);
            col += (size_t)utf8_cp_width(cp);
        }
        i += k ? k : 1;
    }
    size_t end = col;
    if (d->line_col0 == 0 && !d->line_cut && end <= LINE_WINDOW) {
        strbuf_add(out, strbuf_str(&text), text.len);
        strbuf_release(&text);
        return;
    }
    size_t from = *caret > LINE_WINDOW / 3 ? *caret - LINE_WINDOW / 3 : 0;
    if (from < d->line_col0)
        from = d->line_col0;
    size_t to = from + LINE_WINDOW < end ? from + LINE_WINDOW : end;
    if (from > 0)
        strbuf_puts(out, "...");
    const char *p = strbuf_str(&text);
    col = d->line_col0;
    for (i = 0; i < text.len && col < to;) {
        int32_t cp;
        size_t k = utf8_decode(p + i, text.len - i, &cp);
        if (!k)
            k = 1, cp = '?';
        if (col >= from)
            strbuf_add(out, p + i, k);
        col += (size_t)utf8_cp_width(cp);
        i += k;
    }
    if (to < end || d->line_cut)
        strbuf_puts(out, "...");
    *caret = *caret - from + (from > 0 ? 3 : 0);
    strbuf_release(&text);
}

static void format_one(strbuf *out, const diag *d, bool color)
{
    if (color)
        strbuf_puts(out, C_BOLD);
    if (d->path) {
        visible_append(out, d->path, strlen(d->path));
        if (d->line)
            strbuf_printf(out, ":%u:%zu", d->line, d->column);
        strbuf_puts(out, ": ");
    } else {
        strbuf_puts(out, "kehoach: ");
    }
    if (color)
        strbuf_printf(out, C_RESET "%s", level_color(d->level));
    strbuf_printf(out, "%s:", _(level_name(d->level)));
    if (color)
        strbuf_puts(out, C_RESET);
    strbuf_putc(out, ' ');
    visible_append(out, d->message, strlen(d->message));
    strbuf_putc(out, '\n');
    if (d->line_text) {
        size_t caret = d->column - 1;
        /* the gutter is 5 wide, more for a line number that needs it */
        int digits = snprintf(NULL, 0, "%u", d->line);
        int gutter = digits > 5 ? digits : 5;
        strbuf_printf(out, "%*u | ", gutter, d->line);
        put_line(out, d, &caret);
        strbuf_printf(out, "\n%*s | ", gutter, "");
        strbuf_repeat(out, ' ', caret);
        if (color)
            strbuf_puts(out, "\033[1;32m");
        strbuf_putc(out, '^');
        size_t width = d->width > LINE_WINDOW ? LINE_WINDOW : d->width;
        if (width > 1)
            strbuf_repeat(out, '~', width - 1);
        if (color)
            strbuf_puts(out, C_RESET);
        strbuf_putc(out, '\n');
    }
    for (const diag *n = d->notes; n; n = n->next)
        format_one(out, n, color);
}

void diag_format_text(diag_sink *s, strbuf *out, bool color)
{
    sort_items(s);
    size_t i = 0;
    for (size_t f = 0; f <= s->nfiles; f++) {
        for (; i < s->n && s->items[i]->file_rank == f; i++)
            format_one(out, s->items[i], color);
        if (f < s->nfiles && s->files[f].dropped) {
            const char *path = *s->files[f].path ? s->files[f].path : "kehoach";
            visible_append(out, path, strlen(path));
            strbuf_puts(out, ": ");
            strbuf_printf(out,
                          P_("note: %zu more problem in this file not shown",
                             "note: %zu more problems in this file not shown",
                             s->files[f].dropped),
                          s->files[f].dropped);
            strbuf_putc(out, '\n');
        }
    }
}

static void json_one(json_writer *w, const diag *d)
{
    json_writer_object_begin(w, NULL, JSON_WRITER_COMPACT);
    json_writer_string(w, "file", d->path);
    if (d->line) {
        json_writer_uint(w, "line", d->line);
        json_writer_uint(w, "column", d->column);
    } else {
        json_writer_null(w, "line");
        json_writer_null(w, "column");
    }
    json_writer_string(w, "severity", level_name(d->level));
    if (d->stage)
        json_writer_string(w, "stage", d->stage);
    json_writer_string(w, "message", d->message);
    if (d->level != DIAG_NOTE) {
        json_writer_array_begin(w, "notes", JSON_WRITER_COMPACT);
        for (const diag *n = d->notes; n; n = n->next)
            json_one(w, n);
        json_writer_end(w);
    }
    json_writer_end(w);
}

void diag_format_json(diag_sink *s, json_writer *w, const char *key)
{
    sort_items(s);
    json_writer_array_begin(w, key, JSON_WRITER_LINES(2, 0));
    for (size_t i = 0; i < s->n; i++)
        json_one(w, s->items[i]);
    json_writer_end(w);
}
