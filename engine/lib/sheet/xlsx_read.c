/* xlsx_read.c - the cells of an xlsx workbook, read at a bounded cost (see
 * xlsx_read.h).
 *
 * The package is read by opc.h: the file into memory (at most
 * max_file_bytes), each part streamed through expat with its bytes
 * counted against the limits, a document type declaration refused. The
 * parts are found as the package says: _rels/.rels names the workbook
 * (xl/workbook.xml when it does not), the workbook's relationships name
 * its sheets, shared strings and styles. An element is matched by its
 * local name, r:id by its namespace, and each handler knows where it is
 * by the depth of the elements it cares about,
 * so an unknown element (an extension list, a future one) is skipped
 * with all it holds.
 *
 * A sheet's cells grow in a heap array, then move into the book's arena
 * at its size: memory follows the cells written, never rows x columns.
 * Cells come by row then column in every file a real application writes;
 * others are sorted, and a cell written twice is refused. */
#include "xlsx_read.h"

#include "ascii.h"
#include "i18n.h"
#include "utf8.h"
#include "xalloc.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const xlsx_limits xlsx_default_limits = {
    .max_file_bytes = 32u << 20,
    .max_part_bytes = 64u << 20,
    .max_total_bytes = 256u << 20,
    .max_ratio = 100,
    .max_rows = 100000,
    .max_cells = 1000000,
    .max_strings = 1000000,
    .max_text = 131068,
    .max_sheets = 256,
};

/* The elements the parts are read by, as tag[] knows them; the others
 * are T_OTHER, and what they hold is skipped. */
enum {
    T_OTHER,
    T_CELLXFS, /* styles.xml */
    T_XF,
    T_SI,        /* sharedStrings.xml */
    T_SHEETDATA, /* worksheets */
    T_ROW,
    T_C,
    T_V,
    T_F,
    T_IS,
    T_R, /* a run of rich text, in <si> or <is> */
    T_T, /* text, in <si>, <is> or a run */
};
#define TAGS 8 /* elements deeper than this are all T_OTHER */

/* Number formats: what a cell's style shows. */
enum { FMT_DATE = 1, FMT_PERCENT = 2 };

typedef struct sheet_entry {
    const char *name, *rid;
    bool hidden;
    unsigned line;
} sheet_entry;

typedef struct numfmt {
    uint32_t id;
    unsigned char flags;
} numfmt;

typedef struct reader {
    const xlsx_limits *lim;
    opc *pkg;
    arena *a;
    xlsx_read_book *book;
    size_t kept;             /* cells kept, all sheets before this one */
    unsigned depth;          /* of the element open in it */
    unsigned char tag[TAGS]; /* what the elements open are, by depth */
    strbuf text;             /* the text being gathered */
    bool gathering;          /* character data goes to text */
    bool gathering_string;   /* a shared string's (else the cell's) */
    /* workbook.xml */
    sheet_entry *sheets;
    size_t nsheets, sheets_cap;
    /* styles.xml */
    numfmt *fmts;
    size_t nfmts, fmts_cap;
    uint32_t *xf_fmt; /* numFmtId of each cellXfs entry */
    size_t nxf, xf_cap;
    unsigned char *xf; /* FMT_ flags of each, once the formats are known */
    /* sharedStrings.xml */
    const char **strings;
    size_t nstrings, strings_cap;
    /* the worksheet being read */
    xlsx_cell *cells;
    size_t ncells, cells_cap;
    bool unordered;     /* a cell came before one already read */
    uint32_t row, col;  /* of the last row, and of its last cell */
    xlsx_cell cell;     /* the one being read */
    char type[12];      /* its t=, "n" when absent, cut short */
    char ref[24];       /* its name ("A1"), for messages */
    bool has_v, has_is; /* it has a <v>, an <is> */
} reader;

/* Says why the workbook is refused (the first reason only), and stops
 * the part's parser. fmt is the English message, translated here. */
static void xlsx_read_fail(reader *r, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void xlsx_read_fail(reader *r, unsigned line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    opc_vfail(r->pkg, line, 0, fmt, ap);
    va_end(ap);
}

void xlsx_read_error_init(xlsx_error *e)
{
    opc_error_init(e);
}

void xlsx_read_error_release(xlsx_error *e)
{
    opc_error_release(e);
}

/* ---- text ---- */

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

static void on_text(void *data, const char *s, int len)
{
    reader *r = data;
    if (!r->gathering || opc_failed(r->pkg))
        return;
    if (r->text.len + (size_t)len > r->lim->max_text) {
        if (r->gathering_string)
            xlsx_read_fail(r, opc_line(r->pkg),
                           "the shared string is longer than %zu bytes",
                           r->lim->max_text);
        else
            xlsx_read_fail(r, opc_line(r->pkg),
                           "the text of cell %s is longer than %zu bytes",
                           r->ref, r->lim->max_text);
        return;
    }
    strbuf_add(&r->text, s, (size_t)len);
}

/* Character data goes to text from now: a shared string's, or the
 * text of the cell being read. */
static void gather(reader *r, bool shared_string)
{
    r->gathering = true;
    r->gathering_string = shared_string;
}

/* The text gathered, in the arena, with SpreadsheetML's escapes of
 * characters XML cannot hold ("_x000D_") turned back into them, as Excel
 * does ("_x005F_" is the escaped underscore that keeps "_x0041_" typed
 * by a user as it was). NUL and surrogates are left as written. */
static const char *text_done(reader *r)
{
    const char *s = r->text.buf ? r->text.buf : "";
    size_t n = r->text.len;
    if (!memchr(s, '_', n))
        return arena_strndup(r->a, s, n);
    char *out = arena_alloc(r->a, n + 1), *o = out;
    for (size_t i = 0; i < n;) {
        int32_t cp = 0;
        bool esc =
            i + 7 <= n && s[i] == '_' && s[i + 1] == 'x' && s[i + 6] == '_';
        for (size_t k = 2; esc && k < 6; k++) {
            int d = ascii_hex_value(s[i + k]);
            esc = d >= 0;
            cp = cp * 16 + d;
        }
        if (esc && cp != 0 && (cp < 0xD800 || cp > 0xDFFF)) {
            char u[4];
            size_t len = utf8_encode(cp, u);
            memcpy(o, u, len); /* never longer than the 7 bytes read */
            o += len;
            i += 7;
        } else {
            *o++ = s[i++];
        }
    }
    *o = '\0';
    return out;
}

/* ---- parts ---- */

/* Reads the part `name` with the handlers given (their data is r), the
 * state of the part before reset. Returns false when the archive has no
 * such part (nothing is reported) or it failed. */
static bool read_part(reader *r, const char *name,
                      void (*start)(void *, const char *, const char **),
                      void (*end)(void *, const char *), bool *found)
{
    r->depth = 0;
    memset(r->tag, T_OTHER, sizeof r->tag);
    r->gathering = false;
    strbuf_reset(&r->text);
    const opc_handlers h = {start, end, on_text};
    return opc_read_part(r->pkg, name, &h, r, found);
}

static void any_end(void *data, const char *name)
{
    reader *r = data;
    r->depth--;
}

/* ---- the workbook ---- */

static bool is_true(const char *v)
{
    return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
}

static void workbook_start(void *data, const char *name, const char **atts)
{
    reader *r = data;
    r->depth++;
    if (opc_failed(r->pkg))
        return;
    if (r->depth == 2 && opc_is(name, "workbookPr")) {
        r->book->date1904 = is_true(opc_attr(atts, "date1904"));
        return;
    }
    if (r->depth != 3 || !opc_is(name, "sheet"))
        return;
    unsigned line = opc_line(r->pkg);
    const char *sheet = opc_attr(atts, "name"), *rid = opc_attr_rid(atts),
               *state = opc_attr(atts, "state");
    if (!sheet || !rid) {
        if (sheet)
            xlsx_read_fail(r, line, "a sheet without its r:id");
        else
            xlsx_read_fail(r, line, "a sheet without a name");
        return;
    }
    if (r->nsheets == r->lim->max_sheets) {
        xlsx_read_fail(r, line, "the workbook has more than %zu sheets",
                       r->lim->max_sheets);
        return;
    }
    ARRAY_ROOM(r->sheets, r->nsheets, r->sheets_cap, 8);
    r->sheets[r->nsheets++] = (sheet_entry){
        .name = arena_strdup(r->a, sheet),
        .rid = arena_strdup(r->a, rid),
        .hidden = state && (strcmp(state, "hidden") == 0 ||
                            strcmp(state, "veryHidden") == 0),
        .line = line,
    };
}

/* ---- styles: which cell formats show a date or a percent ---- */

/* Excel's built-in formats that show a date or a time (ECMA-376
 * 18.8.30, with the East Asian ones), and a percent. */
static unsigned char builtin_flags(uint32_t id)
{
    if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) ||
        (id >= 45 && id <= 47) || (id >= 50 && id <= 58))
        return FMT_DATE;
    if (id == 9 || id == 10)
        return FMT_PERCENT;
    return 0;
}

/* What a format code shows, read from its first section (the one for
 * positive numbers, as openpyxl reads it) outside quoted text, [..]
 * brackets (colours, conditions, locales, elapsed time markers) and the
 * characters escaped by '\', '_' (a space as wide) and '*' (repeated):
 * a date when it has d, m, y, h or s, a percent when it has '%'. */
static unsigned char format_flags(const char *code)
{
    unsigned char flags = 0;
    bool elapsed = false;
    for (const char *c = code; *c && *c != ';'; c++) {
        switch (*c) {
        case '"':
            while (c[1] && c[1] != '"')
                c++;
            if (c[1])
                c++;
            break;
        case '[':
            if (c[1] == 'h' || c[1] == 'H' || c[1] == 'm' || c[1] == 'M' ||
                c[1] == 's' || c[1] == 'S')
                elapsed = true;
            while (c[1] && c[1] != ']')
                c++;
            if (c[1])
                c++;
            break;
        case '\\':
        case '_':
        case '*':
            if (c[1])
                c++;
            break;
        case '%':
            flags |= FMT_PERCENT;
            break;
        default:
            if (strchr("dmyhsDMYHS", *c))
                flags |= FMT_DATE;
        }
    }
    return elapsed ? (flags | FMT_DATE) : flags;
}

static bool parse_u32(const char *s, uint32_t *out)
{
    if (!s || !*s)
        return false;
    uint64_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > UINT32_MAX / 10)
            return false;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    if (v > UINT32_MAX)
        return false;
    *out = (uint32_t)v;
    return true;
}

/* Marks the element opened at r->depth (just counted) as tag. */
static void open_tag(reader *r, unsigned char tag)
{
    if (r->depth < TAGS)
        r->tag[r->depth] = tag;
}

/* What the element open at depth d is (T_OTHER deeper than TAGS). */
static unsigned char tag_at(const reader *r, unsigned d)
{
    return d < TAGS ? r->tag[d] : T_OTHER;
}

static void styles_start(void *data, const char *name, const char **atts)
{
    reader *r = data;
    r->depth++;
    unsigned char parent = tag_at(r, r->depth - 1);
    open_tag(r, T_OTHER);
    if (opc_failed(r->pkg))
        return;
    uint32_t id;
    if (r->depth == 3 && opc_is(name, "numFmt")) {
        const char *code = opc_attr(atts, "formatCode");
        if (!parse_u32(opc_attr(atts, "numFmtId"), &id) || !code)
            return;
        ARRAY_ROOM(r->fmts, r->nfmts, r->fmts_cap, 16);
        r->fmts[r->nfmts++] = (numfmt){id, format_flags(code)};
    } else if (r->depth == 2 && opc_is(name, "cellXfs")) {
        open_tag(r, T_CELLXFS);
    } else if (parent == T_CELLXFS && opc_is(name, "xf")) {
        if (!parse_u32(opc_attr(atts, "numFmtId"), &id))
            id = 0;
        ARRAY_ROOM(r->xf_fmt, r->nxf, r->xf_cap, 16);
        r->xf_fmt[r->nxf++] = id;
    }
}

static int numfmt_cmp(const void *x, const void *y)
{
    const numfmt *a = x, *b = y;
    return (a->id > b->id) - (a->id < b->id);
}

/* The flags of each cell format, once styles.xml is read: a format of
 * the file's own (a custom one, or one that redefines a built-in id)
 * before a built-in one. */
static void styles_done(reader *r)
{
    if (r->nfmts) /* qsort and bsearch take no NULL, even for nothing */
        qsort(r->fmts, r->nfmts, sizeof *r->fmts, numfmt_cmp);
    r->xf = xmalloc(r->nxf ? r->nxf : 1);
    for (size_t i = 0; i < r->nxf; i++) {
        numfmt key = {.id = r->xf_fmt[i]};
        const numfmt *own =
            r->nfmts ? bsearch(&key, r->fmts, r->nfmts, sizeof key, numfmt_cmp)
                     : NULL;
        r->xf[i] = own ? own->flags : builtin_flags(key.id);
    }
}

/* ---- shared strings ---- */

/* Rich text, in <si> and <is>: the text of <t> directly in it and of <t>
 * in its runs <r>, joined; the phonetic runs <rPh> are left out. Returns
 * the tag of the element opened (T_OTHER when it is none of these). */
static unsigned char rich_tag(unsigned char parent, const char *name)
{
    if ((parent == T_SI || parent == T_IS) && opc_is(name, "r"))
        return T_R;
    if ((parent == T_SI || parent == T_IS || parent == T_R) &&
        opc_is(name, "t"))
        return T_T;
    return T_OTHER;
}

static void strings_start(void *data, const char *name, const char **atts)
{
    reader *r = data;
    r->depth++;
    unsigned char parent = tag_at(r, r->depth - 1);
    unsigned char tag = T_OTHER;
    if (r->depth == 2 && opc_is(name, "si")) {
        tag = T_SI;
        if (r->nstrings == r->lim->max_strings)
            xlsx_read_fail(r, opc_line(r->pkg), "more than %zu shared strings",
                           r->lim->max_strings);
        strbuf_reset(&r->text);
    } else {
        tag = rich_tag(parent, name);
    }
    open_tag(r, tag);
    if (tag == T_T)
        gather(r, true);
}

static void strings_end(void *data, const char *name)
{
    reader *r = data;
    unsigned char tag = tag_at(r, r->depth);
    r->depth--;
    if (opc_failed(r->pkg))
        return;
    if (tag == T_T) {
        r->gathering = false;
    } else if (tag == T_SI) {
        ARRAY_ROOM(r->strings, r->nstrings, r->strings_cap, 64);
        r->strings[r->nstrings++] = text_done(r);
    }
}

/* ---- worksheets ---- */

/* "A1" into its row and column, each allowed past Excel's grid so the
 * message can say so; false when it is no cell reference. */
static bool parse_ref(const char *s, uint64_t *row, uint64_t *col)
{
    uint64_t c = 0, rw = 0;
    size_t letters = 0, digits = 0;
    for (; *s >= 'A' && *s <= 'Z' && letters < 8; s++, letters++)
        c = c * 26 + (uint64_t)(*s - 'A' + 1);
    if (letters == 0 || *s == '0')
        return false;
    for (; *s >= '0' && *s <= '9' && digits < 12; s++, digits++)
        rw = rw * 10 + (uint64_t)(*s - '0');
    if (digits == 0 || *s)
        return false;
    *row = rw;
    *col = c;
    return true;
}

void xlsx_read_cell_name(uint32_t row, uint32_t col, char *out)
{
    char letters[8];
    size_t n = 0;
    for (uint32_t c = col; c > 0 && n < sizeof letters; c = (c - 1) / 26)
        letters[n++] = (char)('A' + (c - 1) % 26);
    for (size_t i = 0; i < n; i++)
        out[i] = letters[n - 1 - i];
    snprintf(out + n, 12 - n, "%" PRIu32, row);
}

/* Digits into a number, which stops growing past 10^12 (beyond any
 * limit, still beyond it); false when it is not all digits. */
static bool parse_digits(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    if (!*s)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        if (v < 1000000000000u)
            v = v * 10 + (uint64_t)(*s - '0');
    }
    *out = v;
    return true;
}

/* A row within Excel's grid and the limit; false when reported. cell:
 * the name of the cell being read ("A5"), or NULL for a row's element,
 * whose number is said as written (row_text). */
static bool row_allowed(reader *r, uint64_t row, const char *cell,
                        const char *row_text)
{
    if (row > XLSX_MAX_ROWS) {
        if (cell)
            xlsx_read_fail(r, opc_line(r->pkg),
                           "cell %s is beyond Excel's last row, %u", cell,
                           XLSX_MAX_ROWS);
        else
            xlsx_read_fail(r, opc_line(r->pkg),
                           "row %s is beyond Excel's last row, %u", row_text,
                           XLSX_MAX_ROWS);
        return false;
    }
    if (row > r->lim->max_rows) {
        if (cell)
            xlsx_read_fail(r, opc_line(r->pkg),
                           "cell %s is beyond the %u rows allowed", cell,
                           (unsigned)r->lim->max_rows);
        else
            xlsx_read_fail(r, opc_line(r->pkg),
                           "row %s is beyond the %u rows allowed", row_text,
                           (unsigned)r->lim->max_rows);
        return false;
    }
    return true;
}

static void cell_start(reader *r, const char **atts)
{
    const char *ref = opc_attr(atts, "r"), *type = opc_attr(atts, "t");
    uint64_t row = r->row, col = (uint64_t)r->col + 1;
    snprintf(r->ref, sizeof r->ref, "%s", ref ? ref : "");
    if (ref) {
        if (!parse_ref(ref, &row, &col) || row == 0 || col == 0) {
            xlsx_read_fail(r, opc_line(r->pkg), "'%s' is not a cell reference",
                           r->ref);
            return;
        }
    } else if (col > XLSX_MAX_COLS) {
        xlsx_read_fail(r, opc_line(r->pkg),
                       "a cell after XFD%u is beyond Excel's last column, XFD",
                       (unsigned)r->row);
        return;
    } else {
        xlsx_read_cell_name(r->row, (uint32_t)col, r->ref);
    }
    if (col > XLSX_MAX_COLS) {
        xlsx_read_fail(r, opc_line(r->pkg),
                       "cell %s is beyond Excel's last column, XFD", r->ref);
        return;
    }
    if (!row_allowed(r, row, r->ref, NULL))
        return;
    r->col = (uint32_t)col;
    uint32_t style = 0;
    const char *s = opc_attr(atts, "s");
    if (s && !parse_u32(s, &style))
        style = 0;
    r->cell = (xlsx_cell){
        .row = (uint32_t)row,
        .col = (uint32_t)col,
        .line = opc_line(r->pkg),
    };
    unsigned char flags = style < r->nxf ? r->xf[style] : 0;
    r->cell.is_date = flags & FMT_DATE;
    r->cell.is_percent = flags & FMT_PERCENT;
    snprintf(r->type, sizeof r->type, "%s", type ? type : "n");
    r->has_v = r->has_is = false;
    strbuf_reset(&r->text);
}

/* A number as SpreadsheetML writes it (xsd:double without INF and NaN). */
static bool parse_number(const char *s, double *out)
{
    const char *p = s;
    size_t digits = 0;
    if (*p == '-' || *p == '+')
        p++;
    for (; *p >= '0' && *p <= '9'; p++)
        digits++;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++)
            digits++;
    if (digits == 0)
        return false;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '-' || *p == '+')
            p++;
        if (*p < '0' || *p > '9')
            return false;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (*p)
        return false;
    *out = strtod(s, NULL);
    return isfinite(*out);
}

/* The serial of an ISO 8601 date and time (t="d"), in the book's system;
 * false when it is none or before the system's first day. */
static bool iso_serial(const xlsx_read_book *b, const char *s, double *out)
{
    char day[11];
    date d;
    if (strlen(s) < 10)
        return false;
    memcpy(day, s, 10);
    day[10] = '\0';
    if (date_parse(day, false, &d) != DATE_OK)
        return false;
    long n;
    if (b->date1904) {
        n = date_to_days(d) - date_to_days(date_make(1904, 1, 1));
    } else {
        n = date_to_days(d) - date_to_days(date_make(1899, 12, 30));
        if (n < 61) /* before Excel's 29 February 1900 */
            n--;
    }
    if (n < (b->date1904 ? 0 : 1))
        return false;
    unsigned h = 0, m = 0;
    double sec = 0;
    const char *t = s + 10;
    if (*t == 'T') {
        int used = 0;
        if (sscanf(t, "T%2u:%2u:%lf%n", &h, &m, &sec, &used) != 3 || h > 23 ||
            m > 59 || !(sec >= 0 && sec < 60))
            return false;
        t += used;
    }
    if (*t == 'Z')
        t++;
    if (*t)
        return false;
    *out = (double)n + (h * 3600.0 + m * 60.0 + sec) / 86400.0;
    return true;
}

static void cell_end(reader *r)
{
    xlsx_cell *c = &r->cell;
    const char *t = r->type;
    bool text_type = strcmp(t, "str") == 0 || strcmp(t, "inlineStr") == 0;
    bool present = r->has_is || (r->has_v && (r->text.len > 0 || text_type));
    if (!present) {
        if (!c->formula)
            return; /* a cell with a style only */
        c->kind = XLSX_NO_VALUE;
        c->is_date = c->is_percent = false;
    } else if (text_type || strcmp(t, "e") == 0) {
        c->kind = t[0] == 'e' ? XLSX_ERROR : XLSX_TEXT;
        c->text = text_done(r);
    } else {
        const char *v = strbuf_str(&r->text);
        uint32_t index;
        if (strcmp(t, "s") == 0) {
            if (!parse_u32(v, &index) || index >= r->nstrings) {
                xlsx_read_fail(
                    r, c->line,
                    "cell %s names shared string '%.20s', and there are %zu",
                    r->ref, v, r->nstrings);
                return;
            }
            c->kind = XLSX_TEXT;
            c->text = r->strings[index];
        } else if (strcmp(t, "b") == 0) {
            c->kind = XLSX_BOOL;
            if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0)
                c->number = 1;
            else if (strcmp(v, "0") != 0 && strcmp(v, "false") != 0) {
                xlsx_read_fail(r, c->line, "cell %s: '%.20s' is not a boolean",
                               r->ref, v);
                return;
            }
        } else if (strcmp(t, "n") == 0) {
            c->kind = XLSX_NUMBER;
            if (!parse_number(v, &c->number)) {
                xlsx_read_fail(r, c->line, "cell %s: '%.40s' is not a number",
                               r->ref, v);
                return;
            }
        } else if (strcmp(t, "d") == 0) {
            c->kind = XLSX_NUMBER;
            c->is_date = true;
            c->is_percent = false;
            if (!iso_serial(r->book, v, &c->number)) {
                xlsx_read_fail(r, c->line, "cell %s: '%.40s' is not a date",
                               r->ref, v);
                return;
            }
        } else {
            xlsx_read_fail(r, c->line, "cell %s has an unknown type '%s'",
                           r->ref, t);
            return;
        }
    }
    if (c->kind != XLSX_NUMBER)
        c->is_date = c->is_percent = false;
    if (r->kept + r->ncells >= r->lim->max_cells) {
        xlsx_read_fail(r, c->line, "the workbook has more than %zu cells",
                       r->lim->max_cells);
        return;
    }
    if (r->ncells > 0) {
        const xlsx_cell *last = &r->cells[r->ncells - 1];
        if (last->row > c->row || (last->row == c->row && last->col >= c->col))
            r->unordered = true;
    }
    ARRAY_ROOM(r->cells, r->ncells, r->cells_cap, 64);
    r->cells[r->ncells++] = *c;
}

static void sheet_start(void *data, const char *name, const char **atts)
{
    reader *r = data;
    r->depth++;
    unsigned char parent = tag_at(r, r->depth - 1), tag = T_OTHER;
    if (r->depth == 2 && opc_is(name, "sheetData"))
        tag = T_SHEETDATA;
    else if (parent == T_SHEETDATA && opc_is(name, "row"))
        tag = T_ROW;
    else if (parent == T_ROW && opc_is(name, "c"))
        tag = T_C;
    else if (parent == T_C && opc_is(name, "v"))
        tag = T_V;
    else if (parent == T_C && opc_is(name, "f"))
        tag = T_F;
    else if (parent == T_C && opc_is(name, "is"))
        tag = T_IS;
    else
        tag = rich_tag(parent, name);
    open_tag(r, tag);
    if (opc_failed(r->pkg))
        return;
    switch (tag) {
    case T_ROW: {
        const char *ref = opc_attr(atts, "r");
        uint64_t row = (uint64_t)r->row + 1;
        char number[24];
        if (ref && (!parse_digits(ref, &row) || row == 0)) {
            xlsx_read_fail(r, opc_line(r->pkg), "'%.20s' is not a row number",
                           ref);
            return;
        }
        if (ref)
            snprintf(number, sizeof number, "%.20s", ref);
        else
            snprintf(number, sizeof number, "%llu", (unsigned long long)row);
        if (!row_allowed(r, row, NULL, number))
            return;
        r->row = (uint32_t)row;
        r->col = 0;
        break;
    }
    case T_C:
        cell_start(r, atts);
        break;
    case T_V:
        strbuf_reset(&r->text);
        gather(r, false);
        break;
    case T_F:
        r->cell.formula = true;
        break;
    case T_IS:
        strbuf_reset(&r->text);
        r->has_is = true;
        break;
    case T_T:
        gather(r, false);
        break;
    default:
        break;
    }
}

static void sheet_end(void *data, const char *name)
{
    reader *r = data;
    unsigned char tag = tag_at(r, r->depth);
    r->depth--;
    r->gathering = false;
    if (opc_failed(r->pkg))
        return;
    if (tag == T_V)
        r->has_v = true;
    else if (tag == T_C)
        cell_end(r);
}

static int cell_cmp(const void *x, const void *y)
{
    const xlsx_cell *a = x, *b = y;
    if (a->row != b->row)
        return a->row < b->row ? -1 : 1;
    return (a->col > b->col) - (a->col < b->col);
}

/* The cells read into the sheet, by row then column, in the arena. */
static void sheet_done(reader *r, xlsx_read_sheet *s)
{
    if (r->unordered) { /* so at least two cells */
        qsort(r->cells, r->ncells, sizeof *r->cells, cell_cmp);
        for (size_t i = 1; i < r->ncells; i++) {
            const xlsx_cell *a = &r->cells[i - 1], *b = &r->cells[i];
            if (a->row == b->row && a->col == b->col) {
                char name[12];
                xlsx_read_cell_name(b->row, b->col, name);
                xlsx_read_fail(r, a->line > b->line ? a->line : b->line,
                               "cell %s is written twice (lines %u and %u)",
                               name, a->line < b->line ? a->line : b->line,
                               a->line > b->line ? a->line : b->line);
                return;
            }
        }
    }
    s->ncells = r->ncells;
    s->cells =
        arena_alloc(r->a, (r->ncells ? r->ncells : 1) * sizeof *s->cells);
    if (r->ncells)
        memcpy(s->cells, r->cells, r->ncells * sizeof *s->cells);
    for (size_t i = 0; i < r->ncells; i++) {
        if (s->cells[i].row > s->max_row)
            s->max_row = s->cells[i].row;
        if (s->cells[i].col > s->max_col)
            s->max_col = s->cells[i].col;
    }
    r->kept += r->ncells;
    r->ncells = 0;
    r->unordered = false;
    r->row = r->col = 0;
}

/* ---- the book ---- */

static void reader_release(reader *r)
{
    free(r->sheets);
    free(r->fmts);
    free(r->xf_fmt);
    free(r->xf);
    free(r->strings);
    free(r->cells);
    strbuf_release(&r->text);
    opc_close(r->pkg);
}

static void read_sheets(reader *r, const char *workbook)
{
    xlsx_read_book *b = r->book;
    b->nsheets = r->nsheets;
    b->sheets =
        arena_alloc(r->a, (r->nsheets ? r->nsheets : 1) * sizeof *b->sheets);
    for (size_t i = 0; i < r->nsheets && !opc_failed(r->pkg); i++) {
        const sheet_entry *e = &r->sheets[i];
        xlsx_read_sheet *s = &b->sheets[i];
        const opc_rel *rel = opc_rel_of_id(r->pkg, e->rid);
        if (!rel) {
            opc_set_part(r->pkg, workbook);
            xlsx_read_fail(r, e->line,
                           "the sheet '%s' names the relationship '%s', "
                           "which the workbook does not have",
                           e->name, e->rid);
            return;
        }
        s->name = e->name;
        s->part = rel->target;
        s->hidden = e->hidden;
        if (!ends_with(rel->type, "/worksheet")) {
            s->cells = arena_alloc(r->a, sizeof *s->cells);
            continue; /* a chart sheet, a dialog sheet: no cells */
        }
        bool found;
        read_part(r, s->part, sheet_start, sheet_end, &found);
        if (!found) {
            opc_set_part(r->pkg, s->part);
            xlsx_read_fail(r, 0,
                           "the sheet '%s' is in this part, which the archive "
                           "does not have",
                           e->name);
        }
        if (!opc_failed(r->pkg))
            sheet_done(r, s);
    }
}

static xlsx_read_book *read_archive(reader *r)
{
    bool found;
    if (!opc_read_rels(r->pkg, ""))
        return NULL;
    const char *wb = opc_rel_of_type(r->pkg, "/officeDocument");
    if (!wb)
        wb = "xl/workbook.xml";
    read_part(r, wb, workbook_start, any_end, &found);
    if (!found) {
        opc_set_part(r->pkg, NULL);
        xlsx_read_fail(r, 0,
                       "not an xlsx workbook: it has no workbook part (%s)",
                       wb);
    }
    if (opc_failed(r->pkg))
        return NULL;
    if (r->nsheets == 0) {
        opc_set_part(r->pkg, wb);
        xlsx_read_fail(r, 0, "the workbook lists no sheet");
        return NULL;
    }
    if (!opc_read_rels(r->pkg, wb))
        return NULL;
    const char *styles = opc_rel_of_type(r->pkg, "/styles"),
               *strings = opc_rel_of_type(r->pkg, "/sharedStrings");
    if (styles && !read_part(r, styles, styles_start, any_end, &found) &&
        opc_failed(r->pkg))
        return NULL;
    styles_done(r);
    if (strings && !read_part(r, strings, strings_start, strings_end, &found) &&
        opc_failed(r->pkg))
        return NULL;
    read_sheets(r, wb);
    return opc_failed(r->pkg) ? NULL : r->book;
}

xlsx_read_book *xlsx_read_memory(const void *data, size_t len,
                                 const xlsx_limits *lim, xlsx_error *err)
{
    reader r = {.lim = lim ? lim : &xlsx_default_limits};
    strbuf_reset(&err->part);
    strbuf_reset(&err->message);
    err->line = err->column = 0;
    const opc_limits plim = {
        .max_file_bytes = r.lim->max_file_bytes,
        .max_part_bytes = r.lim->max_part_bytes,
        .max_total_bytes = r.lim->max_total_bytes,
        .max_ratio = r.lim->max_ratio,
    };
    opc_refusal why;
    strbuf reason = STRBUF_INIT;
    r.a = arena_new();
    r.pkg = opc_open(data, len, &plim, r.a,
                     N_("a document type declaration is not allowed in an "
                        "xlsx part"),
                     err, &why, &reason);
    switch (why) {
    case OPC_OPENED:
        break;
    case OPC_TOO_LARGE:
        opc_error_set(err, "the file is larger than %llu bytes",
                      (unsigned long long)r.lim->max_file_bytes);
        break;
    case OPC_TOO_MANY_PARTS:
        opc_error_set(err,
                      "not an xlsx workbook: its archive has more than %d "
                      "parts",
                      OPC_MAX_ENTRIES);
        break;
    case OPC_NOT_ZIP:
        opc_error_set(err, "not an xlsx workbook: it is not a zip archive");
        break;
    case OPC_BROKEN:
        opc_error_set(err, "not an xlsx workbook: %s", strbuf_str(&reason));
        break;
    }
    strbuf_release(&reason);
    if (!r.pkg) {
        arena_free(r.a);
        return NULL;
    }
    r.book = arena_alloc(r.a, sizeof *r.book);
    r.book->a = r.a;
    xlsx_read_book *b = read_archive(&r);
    reader_release(&r);
    if (!b)
        arena_free(r.a);
    return b;
}

xlsx_read_book *xlsx_read_file(const char *path, const xlsx_limits *lim,
                               xlsx_error *err)
{
    const xlsx_limits *l = lim ? lim : &xlsx_default_limits;
    strbuf_reset(&err->part);
    strbuf_reset(&err->message);
    err->line = err->column = 0;
    size_t n;
    char *data = opc_file_read(path, l->max_file_bytes, &n, err);
    if (!data)
        return NULL;
    xlsx_read_book *b = xlsx_read_memory(data, n, lim, err);
    free(data);
    return b;
}

void xlsx_read_free(xlsx_read_book *b)
{
    if (b)
        arena_free(b->a);
}

const xlsx_read_sheet *xlsx_read_find_sheet(const xlsx_read_book *b,
                                            const char *name)
{
    for (size_t i = 0; i < b->nsheets; i++)
        if (strcmp(b->sheets[i].name, name) == 0)
            return &b->sheets[i];
    return NULL;
}

const xlsx_cell *xlsx_read_cell_at(const xlsx_read_sheet *s, uint32_t row,
                                   uint32_t col)
{
    xlsx_cell key = {.row = row, .col = col};
    return bsearch(&key, s->cells, s->ncells, sizeof key, cell_cmp);
}

bool xlsx_read_serial_date(const xlsx_read_book *b, double serial, date *out)
{
    if (!isfinite(serial) || serial < 0 || serial > 3e6)
        return false;
    long n = (long)floor(serial);
    date d;
    if (b->date1904) {
        d = date_add_days(date_make(1904, 1, 1), n);
    } else {
        if (n == 0 || n == 60) /* 0 January, and 29 February 1900 */
            return false;
        d = date_add_days(date_make(1899, 12, n < 60 ? 31 : 30), n);
    }
    if (d.year < 1900 || d.year > 9999)
        return false;
    *out = d;
    return true;
}
