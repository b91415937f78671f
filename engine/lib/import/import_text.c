/* import_text.c - lines of any text into the paragraphs of a document.
 *
 * Each physical line is repaired and cleaned on its own (so that line
 * numbers stay those of the file), then lines are joined into paragraphs.
 * A line continues the paragraph before it when that paragraph does not
 * end a sentence and the line opens no block of its own (no marker, no
 * field label, no heading) and either starts in lower case or follows a
 * line that a PDF extraction broke: a long line, in a document where most
 * long lines end in the middle of a sentence. A document symbol broken
 * after its hyphen ("179/KH-" / "UBND") is joined without a space. Before
 * that, a table saved a cell a line (LibreOffice's text of a Word
 * document) is put back as rows of cells, where its lines fit its columns
 * in exactly one way (see "tables written a cell a line" below). */
#include "import_text.h"

#include "import_phrase.h"
#include "source.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

typedef struct raw_line {
    char *text; /* cleaned; "" for a blank line */
    unsigned line;
    size_t length; /* in code points */
    bool heading, table, caps;
    bool page; /* only a page's number: left out unless a table's cell */
    /* as a table's cell (cell_traits): may be one; is a row's number; ends
     * a table's last row; may go on with the cell on the line before */
    bool cell, number, ends;
    enum { GOES_ON_NOT, GOES_ON_WEAK, GOES_ON_STRONG } goes_on;
    const char **cells;
    size_t ncells;
} raw_line;

static bool is_space_cp(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0xA0 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000;
}

/* Valid UTF-8 in NFC, without control or zero-width characters or the
 * two that YAML forbids (U+FFFE, U+FFFF), every kind of space as ' '
 * (tabs kept: they separate table cells). */
static char *repair(const char *s, size_t n, bool *changed)
{
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (k == 0) {
            strbuf_puts(&sb, "\xEF\xBF\xBD");
            *changed = true;
            i++;
            continue;
        }
        i += k;
        if (cp == '\t')
            strbuf_putc(&sb, '\t');
        else if (is_space_cp(cp))
            strbuf_putc(&sb, ' ');
        else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
                 cp == 0xFFFE || cp == 0xFFFF) {
            strbuf_putc(&sb, ' ');
            *changed = true;
        } else if (cp == 0x200B || cp == 0x200C || cp == 0x200D ||
                   cp == 0x2060 || cp == 0xFEFF || cp == 0xAD) {
            /* zero-width characters and soft hyphens carry no text */
        } else {
            strbuf_add(&sb, s + i - k, k);
        }
    }
    char *nfc =
        sb.len ? (char *)utf8proc_NFC((const utf8proc_uint8_t *)sb.buf) : NULL;
    if (nfc) {
        strbuf_release(&sb);
        return nfc;
    }
    if (!sb.buf)
        return xstrdup("");
    return sb.buf;
}

/* Removes emphasis markers ('*', "__"), Markdown escapes and collapses
 * spaces; a leading "* " bullet becomes "- ". */
static char *strip_markup(arena *a, const char *s)
{
    strbuf sb = STRBUF_INIT;
    while (*s == ' ' || *s == '\t')
        s++;
    if (s[0] == '*' && s[1] == ' ') {
        strbuf_puts(&sb, "- ");
        s += 2;
    }
    for (; *s; s++) {
        if (*s == '*')
            continue;
        if (s[0] == '_' && s[1] == '_') {
            s++;
            continue;
        }
        if (*s == '\\' && s[1] && strchr("\\`*_{}[]()#+-.!|", s[1])) {
            strbuf_putc(&sb, s[1]);
            s++;
            continue;
        }
        if (*s == ' ' || *s == '\t') {
            if (sb.len && sb.buf[sb.len - 1] != ' ')
                strbuf_putc(&sb, ' ');
            continue;
        }
        strbuf_putc(&sb, *s);
    }
    while (sb.len && sb.buf[sb.len - 1] == ' ')
        sb.buf[--sb.len] = '\0';
    char *out = arena_strdup(a, strbuf_str(&sb));
    strbuf_release(&sb);
    return out;
}

/* True when s has letters and none of them is lower case. */
static bool is_caps(const char *s)
{
    size_t n = strlen(s), letters = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (k == 0) {
            i++;
            continue;
        }
        i += k;
        utf8proc_category_t c = utf8proc_category(cp);
        if (c == UTF8PROC_CATEGORY_LL)
            return false;
        if (c == UTF8PROC_CATEGORY_LU)
            letters++;
    }
    return letters >= 2;
}

/* True when the first letter of s is lower case. */
static bool starts_lower(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (k == 0)
            return false;
        i += k;
        utf8proc_category_t c = utf8proc_category(cp);
        if (c == UTF8PROC_CATEGORY_LL)
            return true;
        if (c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_ND)
            return false;
    }
    return false;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static size_t roman_len(const char *s)
{
    static const char *const romans[] = {
        "XVIII", "XVII", "XIII", "VIII", "XIV", "XVI", "XII",
        "XIX",   "III",  "VII",  "XV",   "XI",  "IX",  "IV",
        "VI",    "II",   "XX",   "X",    "V",   "I",
    };
    for (size_t i = 0; i < sizeof romans / sizeof romans[0]; i++) {
        size_t n = strlen(romans[i]);
        if (strncmp(s, romans[i], n) == 0)
            return n;
    }
    return 0;
}

/* After a marker: a space or the end of the text. */
static bool marker_end(const char *s)
{
    return *s == ' ' || *s == '\0';
}

import_mark import_text_mark(const char *s, import_marker *m)
{
    memset(m, 0, sizeof *m);
    const char *p = s;
    /* bullets */
    static const char *const bullets[] = {"- ",
                                          "\xE2\x80\x93 ",
                                          "\xE2\x80\x94 ",
                                          "\xE2\x80\xA2 ",
                                          "\xEF\x82\xB7 ",
                                          "\xC2\xB7 "};
    for (size_t i = 0; i < sizeof bullets / sizeof bullets[0]; i++) {
        size_t n = strlen(bullets[i]);
        if (strncmp(p, bullets[i], n) == 0) {
            p += n;
            while (*p == ' ')
                p++;
            if (p[0] == '+' && p[1] == ' ') {
                m->body = (size_t)(p + 2 - s);
                return m->mark = IMPORT_MARK_PLUS;
            }
            m->body = (size_t)(p - s);
            return m->mark = IMPORT_MARK_BULLET;
        }
    }
    if (p[0] == '+' && p[1] == ' ') {
        m->body = 2;
        return m->mark = IMPORT_MARK_PLUS;
    }
    /* Roman part numbers: "II." */
    size_t r = roman_len(p);
    if (r && p[r] == '.' && marker_end(p + r + 1)) {
        m->key_len = r;
        m->body = r + 1 + (p[r + 1] == ' ');
        return m->mark = IMPORT_MARK_ROMAN;
    }
    /* "1.", "2.1.", "2.1", "3)" */
    if (is_digit(*p)) {
        const char *q = p;
        size_t parts = 0;
        bool bad = false;
        for (;;) {
            size_t d = 0;
            while (is_digit(q[d]))
                d++;
            if (d == 0 || d > 3) {
                bad = true;
                break;
            }
            q += d;
            parts++;
            if (q[0] == '.' && is_digit(q[1]))
                q++;
            else
                break;
        }
        if (!bad) {
            size_t keylen = (size_t)(q - p);
            if ((q[0] == '.' || q[0] == ')') && marker_end(q + 1)) {
                m->key_len = keylen;
                m->body = (size_t)(q + 1 - s) + (q[1] == ' ');
                return m->mark = IMPORT_MARK_NUMBER;
            }
            if (parts > 1 && q[0] == ' ') {
                m->key_len = keylen;
                m->body = (size_t)(q + 1 - s);
                return m->mark = IMPORT_MARK_NUMBER;
            }
        }
    }
    /* "a)", "đ)" */
    if (((*p >= 'a' && *p <= 'z') && p[1] == ')' && marker_end(p + 2))) {
        m->key_len = 1;
        m->body = 2 + (p[2] == ' ');
        return m->mark = IMPORT_MARK_LETTER;
    }
    if (strncmp(p, "\xC4\x91)", 3) == 0 && marker_end(p + 3)) {
        m->key_len = 2;
        m->body = 3 + (p[3] == ' ');
        return m->mark = IMPORT_MARK_LETTER;
    }
    /* "Hoạt động 1:", "Hoạt động:" */
    size_t after;
    if (import_phrase_starts(p, "hoat dong", &after)) {
        const char *q = p + after;
        while (*q == ' ')
            q++;
        const char *num = q;
        while (is_digit(*q))
            q++;
        size_t numlen = (size_t)(q - num);
        while (*q == ' ')
            q++;
        if (*q == ':' && numlen <= 3) {
            m->key_off = (size_t)(num - s);
            m->key_len = numlen;
            q++;
            while (*q == ' ')
                q++;
            m->body = (size_t)(q - s);
            return m->mark = IMPORT_MARK_ACTIVITY;
        }
    }
    return IMPORT_MARK_NONE;
}

/* p after the one to four digits of a page's number, or NULL. */
static const char *after_page_digits(const char *p)
{
    size_t d = 0;
    while (is_digit(p[d]))
        d++;
    return d == 0 || d > 4 ? NULL : p + d;
}

/* A line that is only a page number: "12", "- 12 -", "Trang 3", "3/12". */
static bool is_page_number(const char *s)
{
    const char *p = s;
    size_t after;
    if (import_phrase_starts(p, "trang", &after))
        p += after;
    while (*p == '-' || *p == ' ')
        p++;
    p = after_page_digits(p);
    if (p && *p == '/')
        p = after_page_digits(p + 1);
    if (!p)
        return false;
    while (*p == '-' || *p == ' ')
        p++;
    return *p == '\0';
}

static bool is_rule_cell(const char *c)
{
    if (!*c)
        return true;
    for (; *c; c++)
        if (*c != '-' && *c != ':' && *c != ' ')
            return false;
    return true;
}

/* Splits a table row at '|' (Markdown) or tabs (Word). Returns false for
 * a Markdown rule row ("|---|:--|"), which carries no text. */
static bool split_cells(arena *a, const char *s, char sep, raw_line *out)
{
    if (sep == '|' && *s == '|')
        s++;
    size_t n = 1;
    for (const char *p = s; *p; p++)
        n += *p == sep;
    out->cells = arena_alloc(a, n * sizeof *out->cells);
    out->ncells = 0;
    bool rule = true;
    const char *start = s;
    for (const char *p = s;; p++) {
        if (*p == sep || *p == '\0') {
            char *cell = arena_strndup(a, start, (size_t)(p - start));
            char *clean = strip_markup(a, cell);
            bool last_empty = *p == '\0' && !*clean && sep == '|';
            if (!last_empty) {
                rule = rule && is_rule_cell(clean);
                out->cells[out->ncells++] = clean;
            }
            if (*p == '\0')
                break;
            start = p + 1;
        }
    }
    return !(sep == '|' && rule);
}

static bool ends_sentence(const char *s)
{
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        n--;
    if (!n)
        return true;
    char c = s[n - 1];
    if (c == '.' || c == ';' || c == ':' || c == '!' || c == '?')
        return true;
    /* a closing quotation mark after a full stop */
    if (n >= 4 && (strncmp(s + n - 3, "\xE2\x80\x9D", 3) == 0) &&
        s[n - 4] == '.')
        return true;
    return false;
}

/* Text that opens a block of its own by its first words: a marker (a
 * bullet too, when bullets), a field's label, "Nơi nhận", a signature's
 * authority. */
static bool opens_block_by_words(const char *s, bool bullets)
{
    import_marker m;
    import_mark mark = import_text_mark(s, &m);
    if (mark != IMPORT_MARK_NONE &&
        (bullets || (mark != IMPORT_MARK_BULLET && mark != IMPORT_MARK_PLUS)))
        return true;
    size_t value;
    if (import_phrase_label(s, &value) != IMPORT_FIELD_NONE)
        return true;
    static const char *const openers[] = {"noi nhan", "so:", "tren day", "kt.",
                                          "tm.",      "tl.", "tuq.",     "q."};
    size_t after;
    for (size_t i = 0; i < sizeof openers / sizeof openers[0]; i++)
        if (import_phrase_starts(s, openers[i], &after))
            return true;
    return false;
}

/* A line that opens a block of its own, whatever came before. */
static bool opens_block(const raw_line *l)
{
    return l->heading || l->table || l->caps ||
           opens_block_by_words(l->text, true);
}

static int compare_sizes(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return (a > b) - (a < b);
}

/* Words that open a paragraph of their own, even after a broken line. */
static bool opens_paragraph(const char *s)
{
    static const char *const openers[] = {"thuc hien", "can cu", "de ",
                                          "tren co so", "theo de nghi"};
    size_t after;
    for (size_t i = 0; i < sizeof openers / sizeof openers[0]; i++)
        if (import_phrase_starts(s, openers[i], &after))
            return true;
    return false;
}

static bool broken_symbol(const char *prev)
{
    size_t n = strlen(prev);
    return n >= 2 && prev[n - 1] == '-' && prev[n - 2] != ' ';
}

/* One physical line, repaired and cleaned: a table row, or text without
 * markup (a page number marked, to be left out once tables are read).
 * Lines with repaired bytes are recorded in out. */
static void clean_line(arena *a, import_doc *out, const char *s, size_t n,
                       unsigned lineno, raw_line *l)
{
    memset(l, 0, sizeof *l);
    l->line = lineno;
    l->text = (char *)"";
    bool changed = false;
    char *fixed = repair(s, n, &changed);
    if (changed) {
        ARENA_ROOM(a, out->repaired, out->nrepaired, out->repaired_cap, 4);
        out->repaired[out->nrepaired++] = lineno;
    }
    const char *t = fixed;
    while (*t == ' ')
        t++;
    size_t tabs = 0;
    for (const char *p = t; *p; p++)
        tabs += *p == '\t';
    if (*t == '|' || tabs >= 2) {
        l->table =
            split_cells(a, t, *t == '|' ? '|' : '\t', l) && l->ncells > 0;
    } else {
        const char *h = t;
        while (*h == '#')
            h++;
        if (h > t && *h == ' ' && h - t <= 6) {
            l->heading = true;
            t = h + 1;
        }
        l->text = strip_markup(a, t);
        l->page = *l->text && is_page_number(l->text);
        l->heading = l->heading && *l->text && !l->page;
    }
    free(fixed);
    l->length = utf8_length(l->text, strlen(l->text));
    l->caps = !l->table && is_caps(l->text);
}

/* In hard-wrapped text (over a third of the long lines end in the middle
 * of a sentence), the length from which a line counts as broken: three
 * quarters of a full line (the upper quartile of long lines). Otherwise
 * no line is broken for its length. */
static size_t broken_length(const raw_line *lines, size_t nlines)
{
    size_t nlong = 0, nopen = 0;
    size_t *lengths = xmalloc((nlines + 1) * sizeof *lengths);
    for (size_t k = 0; k < nlines; k++) {
        if (lines[k].table || lines[k].heading || lines[k].length < 40)
            continue;
        lengths[nlong++] = lines[k].length;
        nopen += !ends_sentence(lines[k].text);
    }
    size_t broken_at = (size_t)-1;
    if (nlong >= 4 && 3 * nopen > nlong) {
        qsort(lengths, nlong, sizeof *lengths, compare_sizes);
        broken_at = lengths[nlong * 3 / 4] * 3 / 4;
    }
    free(lengths);
    return broken_at;
}

/* --- tables written a cell a line ---------------------------------------
 *
 * LibreOffice saves a Word table as text one cell a paragraph: the header
 * cells, then each row's cells, an empty cell as a blank line, a cell of
 * several paragraphs (or line breaks) as several lines, a row merged
 * across ("I" and a section's title) as its two cells, a row merged across
 * that has no number (a group's heading, "Nhóm nhiệm vụ truyền thông") as
 * its one cell. A table is known by its header (a number column
 * "STT"/"TT" first, then cells that name the columns as
 * import_phrase_column() does, as read_table in import.c wants them), and
 * its rows by the number that opens each (Word's numbering written
 * "1."). The lines are split into cells only where they split in exactly
 * one way: a line joins the cell before it only when it cannot open one of
 * its own for the text it holds (it starts in lower case or with a bullet,
 * or the line before ends with ',', ';' or ':'), and the count of columns
 * settles the rest. A group's heading is one cell of text that opens no
 * row (no number), read only where the lines fit no table without it:
 * right after the header, when the lines up to the first number make no
 * table's header and its rows but exactly one split of them into a header
 * and a heading that names no column does; after a row, when the lines
 * before the next number fit no row alone but a full row and a heading in
 * exactly one way. It is written as a row whose title cell holds its text,
 * the others empty, which read_table makes a section. A run that fits no
 * way, or more than one, stays lines of text. */

enum {
    CELL_TABLE_COLUMNS = 32, /* as many as read_table reads */
    CELL_TABLE_EXTRA = 24,   /* lines a row may hold beyond a line a cell */
    CELL_TABLE_HEADER = 64,  /* lines a header may hold */
};

static bool is_blank(const raw_line *l)
{
    return !l->table && !*l->text;
}

/* A line that may be a table's cell: not a row of another table, not a
 * heading, not a part's heading ("III. TỔ CHỨC THỰC HIỆN"). */
static bool may_be_cell(const raw_line *l)
{
    if (l->table || l->heading)
        return false;
    import_marker m;
    return import_text_mark(l->text, &m) != IMPORT_MARK_ROMAN ||
           !l->text[m.body];
}

/* A line after which a table's last row cannot go on: one that cannot be
 * a cell, or that opens a block of text other than a bullet. */
static bool ends_table(const raw_line *l)
{
    return !l->cell || opens_block_by_words(l->text, false);
}

/* A row's number cell: "1", "12.", "1.2", "3)", "II", "IV.", "A", "a)". */
static bool is_row_number(const raw_line *l)
{
    const char *s = l->text, *p = s;
    if (l->table || !*s)
        return false;
    if (is_digit(*p)) {
        for (;;) {
            size_t d = 0;
            while (is_digit(p[d]))
                d++;
            if (d == 0 || d > 3)
                return false;
            p += d;
            if (p[0] == '.' && is_digit(p[1]))
                p++;
            else
                break;
        }
    } else if (strspn(p, "IVX") > 1 && roman_len(p) == strspn(p, "IVX")) {
        p += roman_len(p);
    } else if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
        p++;
    } else if (strncmp(p, "\xC4\x91", 2) == 0) {
        p += 2;
    } else {
        return false;
    }
    if (*p == '.' || *p == ')')
        p++;
    return *p == '\0';
}

static bool ends_with_any(const char *s, const char *chars)
{
    size_t n = strlen(s);
    return n && strchr(chars, s[n - 1]);
}

/* What lines[i] is as a table's cell. It may go on with the cell of
 * lines[i - 1] rather than open a cell: strongly when it starts in lower
 * case or the line before ends with ',', ';' or ':'; weakly when it is a
 * bullet. */
static void cell_traits(raw_line *lines, size_t i)
{
    raw_line *l = &lines[i];
    l->cell = may_be_cell(l);
    l->number = is_row_number(l);
    l->ends = ends_table(l);
    l->goes_on = GOES_ON_NOT;
    if (i == 0 || is_blank(l) || is_blank(&lines[i - 1]))
        return;
    import_marker m;
    import_mark mark = import_text_mark(l->text, &m);
    if (starts_lower(l->text) || ends_with_any(lines[i - 1].text, ",;:"))
        l->goes_on = GOES_ON_STRONG;
    else if (mark == IMPORT_MARK_BULLET || mark == IMPORT_MARK_PLUS)
        l->goes_on = GOES_ON_WEAK;
}

/* How many ways lines[from..to) split into g cells (0, 1, or 2 for two or
 * more), a line going on with the cell before only where it may; with one
 * way and cells not NULL, the cells, each cell's lines joined with a
 * space. */
static unsigned cell_splits(arena *a, const raw_line *lines, size_t from,
                            size_t to, size_t g, const char **cells)
{
    size_t n = to - from;
    if (g == 0 || n < g)
        return 0;
    /* ways[i][k]: lines[from..from + i) as k whole cells, capped at 2; the
     * last of them lines[from + j..from + i) for any j from the first
     * line of the run that goes on to i - 1, so sum[k] keeps the sum of
     * ways[j][k - 1] over that run */
    unsigned char *ways = xcalloc((n + 1) * (g + 1), 1);
    unsigned char *sum = xcalloc(g + 1, 1);
#define WAYS(i, k) ways[(i) * (g + 1) + (k)]
    WAYS(0, 0) = 1;
    for (size_t i = 1; i <= n; i++) {
        bool run = i > 1 && lines[from + i - 1].goes_on != GOES_ON_NOT;
        for (size_t k = 1; k <= g; k++) {
            unsigned w = (run ? sum[k] : 0) + WAYS(i - 1, k - 1);
            sum[k] = w > 2 ? 2 : (unsigned char)w;
            WAYS(i, k) = sum[k];
        }
    }
    unsigned result = WAYS(n, g);
    if (result == 1 && cells) {
        size_t i = n;
        for (size_t k = g; k > 0; k--) {
            size_t j = i - 1;
            while (!WAYS(j, k - 1))
                j--;
            strbuf sb = STRBUF_INIT;
            for (size_t q = j; q < i; q++) {
                if (q > j)
                    strbuf_putc(&sb, ' ');
                strbuf_puts(&sb, lines[from + q].text);
            }
            cells[k - 1] = arena_strdup(a, strbuf_str(&sb));
            strbuf_release(&sb);
            i = j;
        }
    }
#undef WAYS
    free(sum);
    free(ways);
    return result;
}

/* A group's heading, lines[from..to): one cell of text that opens no row,
 * as a row of ncols cells with the text in the title column. NULL when the
 * lines are not one such cell. */
static const char **group_row(arena *a, const raw_line *lines, size_t from,
                              size_t to, size_t ncols, size_t title)
{
    if (from >= to || !*lines[from].text || lines[from].number ||
        lines[from].goes_on != GOES_ON_NOT)
        return NULL;
    const char *text;
    if (cell_splits(a, lines, from, to, 1, &text) != 1)
        return NULL;
    const char **cells = arena_alloc(a, ncols * sizeof *cells);
    for (size_t c = 0; c < ncols; c++)
        cells[c] = c == title ? text : "";
    return cells;
}

/* The row whose number is lines[s]: its ncols cells (a row merged across,
 * a number and a title, padded with empty cells), and *end, the line after
 * it; with a group's heading after it, that row's first line in *group and
 * cells in *group_cells (else *group_cells is NULL). A row ends where the
 * next row's number opens a row that fits, or, when none fits alone, a
 * full row and a group's heading. The
 * table's last row ends at the first line that opens a block of text, when
 * its lines fit before it; or else, a full row, as soon as it has its
 * cells, when none of its lines nor the line after it could go on with
 * the cell before (which would leave its end unknown) and none is a row's
 * number (of a row that did not fit). False when the lines fit no row or
 * more than one. */
static bool read_cell_row(arena *a, const raw_line *lines, size_t n, size_t s,
                          size_t ncols, size_t title, const char ***cells,
                          size_t *end, size_t *group, const char ***group_cells)
{
    *group_cells = NULL;
    size_t limit = s + 1;
    while (limit < n && limit - s <= ncols + CELL_TABLE_EXTRA &&
           lines[limit].cell)
        limit++;
    const char **out = arena_alloc(a, ncols * sizeof *out);
    out[0] = lines[s].text;
    for (size_t c = 1; c < ncols; c++)
        out[c] = "";
    *cells = out;
    /* up to the next row */
    for (size_t t = s + 2; t < limit; t++) {
        if (!lines[t].number)
            continue;
        unsigned full = cell_splits(a, lines, s + 1, t, ncols - 1, NULL);
        unsigned merged =
            ncols > 2 ? cell_splits(a, lines, s + 1, t, 1, NULL) : 0;
        if (full + merged > 1)
            return false;
        if (full + merged == 1) {
            *end = t;
            return cell_splits(a, lines, s + 1, t, full ? ncols - 1 : 1,
                               out + 1);
        }
        /* a full row, then a group's heading from lines[g] */
        unsigned ways = 0;
        size_t at = 0;
        const char **heading = NULL;
        for (size_t g = s + ncols; g < t && ways < 2; g++) {
            const char **h = group_row(a, lines, g, t, ncols, title);
            unsigned w =
                h ? cell_splits(a, lines, s + 1, g, ncols - 1, NULL) : 0;
            if (w) {
                ways += w;
                at = g;
                heading = h;
            }
        }
        if (ways == 0)
            continue;
        if (ways > 1)
            return false;
        *end = t;
        *group = at;
        *group_cells = heading;
        return cell_splits(a, lines, s + 1, at, ncols - 1, out + 1);
    }
    /* the last row: up to the first line that opens a block of text, when
     * the row fits before it, else as soon as it has its cells */
    size_t stop = s + 1;
    while (stop < limit && !lines[stop].ends)
        stop++;
    if (stop < n) {
        unsigned full = cell_splits(a, lines, s + 1, stop, ncols - 1, NULL);
        unsigned merged =
            ncols > 2 ? cell_splits(a, lines, s + 1, stop, 1, NULL) : 0;
        if (full + merged > 1)
            return false;
        if (full + merged == 1) {
            *end = stop;
            return cell_splits(a, lines, s + 1, stop, full ? ncols - 1 : 1,
                               out + 1);
        }
    }
    size_t t = s + ncols;
    if (t > stop)
        return false;
    for (size_t i = s + 2; i <= t && i < n; i++)
        if (lines[i].goes_on != GOES_ON_NOT || (i < t && lines[i].number))
            return false;
    *end = t;
    return cell_splits(a, lines, s + 1, t, ncols - 1, out + 1);
}

/* A header of one row, lines[h..r): each line a cell, or going on with the
 * cell before it. NULL when a line is blank. */
static const char **header_one_row(arena *a, const raw_line *lines, size_t h,
                                   size_t r, size_t *ncols)
{
    const char **cells = arena_alloc(a, (r - h) * sizeof *cells);
    *ncols = 0;
    for (size_t i = h; i < r; i++) {
        if (is_blank(&lines[i]))
            return NULL;
        if (i > h && lines[i].goes_on != GOES_ON_NOT)
            cells[*ncols - 1] =
                arena_printf(a, "%s %s", cells[*ncols - 1], lines[i].text);
        else
            cells[(*ncols)++] = lines[i].text;
    }
    return cells;
}

/* A header of two rows: lines[h..h + k) the first, lines[h + k..r) the
 * second, where a blank cell continues the cell above (merged down) and
 * each run of cells with text sits under one cell of the first row
 * (merged across, as "Đơn vị thực hiện" over "Chủ trì" and "Phối hợp").
 * Read as Word's reader writes it: one row, a cell of the first row
 * followed by the cell under it. NULL when the rows do not fit so. */
static const char **header_two_rows(arena *a, const raw_line *lines, size_t h,
                                    size_t k, size_t r, size_t *ncols)
{
    size_t n2 = r - h - k;
    if (n2 <= k)
        return NULL;
    for (size_t i = h; i < h + k; i++)
        if (is_blank(&lines[i]))
            return NULL;
    const raw_line *second = lines + h + k;
    const char **cells = arena_alloc(a, n2 * sizeof *cells);
    size_t above = 0, blanks = 0;
    for (size_t c = 0; c < n2; c++) {
        if (is_blank(&second[c])) {
            blanks++;
            if (above == k)
                return NULL;
            cells[c] = lines[h + above++].text;
        } else if (c == 0 || is_blank(&second[c - 1])) {
            if (above == k)
                return NULL;
            cells[c] = arena_printf(a, "%s %s", lines[h + above++].text,
                                    second[c].text);
        } else {
            cells[c] = second[c].text;
        }
    }
    if (above != k || blanks == 0)
        return NULL;
    *ncols = n2;
    return cells;
}

/* A header read_table takes: the number column first, one title column
 * and another it knows. */
static bool is_header(const char **cells, size_t ncols)
{
    if (ncols < 2 || ncols > CELL_TABLE_COLUMNS ||
        import_phrase_column(cells[0]) != IMPORT_FIELD_NUMBER)
        return false;
    size_t titles = 0, known = 0;
    for (size_t c = 0; c < ncols; c++) {
        import_field f = import_phrase_column(cells[c]);
        titles += f == IMPORT_FIELD_TITLE;
        known += f != IMPORT_FIELD_NONE;
    }
    return titles == 1 && known >= 2;
}

/* The rows of a table read so far: each row's first line and cells. */
typedef struct cell_rows {
    struct cell_row {
        size_t start;
        const char **cells;
    } * items;
    size_t count, cap;
} cell_rows;

static void cell_rows_add(cell_rows *rows, size_t start, const char **cells)
{
    ARRAY_ROOM(rows->items, rows->count, rows->cap, 16);
    rows->items[rows->count].start = start;
    rows->items[rows->count++].cells = cells;
}

/* The rows of a table of ncols columns, its title in column title, from
 * lines[r] into *rows (after a group's heading at lines[g..r), when g < r),
 * and *end the line after the table. False when a row does not fit. */
static bool read_cell_rows(arena *a, const raw_line *lines, size_t n, size_t g,
                           size_t r, size_t ncols, size_t title,
                           cell_rows *rows, size_t *end)
{
    rows->count = 0;
    if (g < r) {
        const char **heading = group_row(a, lines, g, r, ncols, title);
        if (!heading)
            return false;
        cell_rows_add(rows, g, heading);
    }
    size_t s = r;
    do {
        const char **cells, **heading;
        size_t start = s, at = 0;
        if (!read_cell_row(a, lines, n, s, ncols, title, &cells, &s, &at,
                           &heading))
            return false;
        cell_rows_add(rows, start, cells);
        if (heading)
            cell_rows_add(rows, at, heading);
    } while (s < n && lines[s].number);
    *end = s;
    return true;
}

/* The column of a header that holds the title (is_header holds). */
static size_t title_column(const char **cells, size_t ncols)
{
    size_t c = 0;
    while (c < ncols - 1 &&
           import_phrase_column(cells[c]) != IMPORT_FIELD_TITLE)
        c++;
    return c;
}

/* A header of one row, lines[h..g), read with its rows from lines[r]
 * (after a group's heading at lines[g..r), when g < r): its cells, or
 * NULL when they make no header or the rows do not fit. */
static const char **header_with_rows(arena *a, const raw_line *lines, size_t n,
                                     size_t h, size_t g, size_t r,
                                     size_t *ncols, cell_rows *rows,
                                     size_t *end)
{
    const char **header = header_one_row(a, lines, h, g, ncols);
    if (!header || !is_header(header, *ncols) ||
        !read_cell_rows(a, lines, n, g, r, *ncols, title_column(header, *ncols),
                        rows, end))
        return NULL;
    return header;
}

/* The table written a cell a line whose header starts at lines[h], put
 * back as rows of cells: the header's line and each row's first line
 * become table rows, the others blank. Returns the line after the table,
 * or h when there is none there. */
static size_t read_cell_table(arena *a, raw_line *lines, size_t n, size_t h)
{
    if (!lines[h].cell || lines[h].length > 12 ||
        import_phrase_column(lines[h].text) != IMPORT_FIELD_NUMBER)
        return h;
    size_t r = h + 1;
    while (r < n && r - h <= CELL_TABLE_HEADER && lines[r].cell &&
           !lines[r].number)
        r++;
    if (r >= n || !lines[r].number)
        return h;
    cell_rows rows = {0};
    size_t end = h, ncols = 0;
    /* a header of one row up to the first number; or else, when exactly
     * one of these fits, up to a group's heading before it that names no
     * column */
    const char **header =
        header_with_rows(a, lines, n, h, r, r, &ncols, &rows, &end);
    size_t fits = 0, g = r;
    for (size_t k = h + 2; !header && k < r && fits < 2; k++)
        if (import_phrase_column(lines[k].text) == IMPORT_FIELD_NONE &&
            header_with_rows(a, lines, n, h, k, r, &ncols, &rows, &end)) {
            fits++;
            g = k;
        }
    if (fits == 1)
        header = header_with_rows(a, lines, n, h, g, r, &ncols, &rows, &end);
    bool found = header != NULL;
    /* a header of two rows, when exactly one split of its lines fits */
    for (size_t k = 1; !found && fits == 0 && k < r - h; k++) {
        const char **two = header_two_rows(a, lines, h, k, r, &ncols);
        if (!two || !is_header(two, ncols) ||
            !read_cell_rows(a, lines, n, r, r, ncols, title_column(two, ncols),
                            &rows, &end))
            continue;
        header = two;
        found = true;
        for (size_t other = k + 1; other < r - h; other++) {
            size_t m;
            const char **again = header_two_rows(a, lines, h, other, r, &m);
            if (again && is_header(again, m))
                found = false;
        }
    }
    if (found) {
        for (size_t i = h; i < end; i++) {
            lines[i].text = (char *)"";
            lines[i].length = 0;
            lines[i].caps = lines[i].page = false;
        }
        lines[h].table = true;
        lines[h].cells = header;
        lines[h].ncells = ncols;
        for (size_t i = 0; i < rows.count; i++) {
            raw_line *l = &lines[rows.items[i].start];
            l->table = true;
            l->cells = rows.items[i].cells;
            l->ncells = ncols;
        }
    }
    free(rows.items);
    return found ? end : h;
}

void import_text_read(arena *a, const char *text, size_t len, import_doc *out)
{
    memset(out, 0, sizeof *out);
    size_t cap = 0, nlines = 0;
    raw_line *lines = NULL;
    unsigned lineno = 1;
    size_t i = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    for (;;) {
        size_t start = i, brk = 0;
        while (i < len && (brk = source_break_len(text, len, i)) == 0)
            i++;
        ARRAY_ROOM(lines, nlines, cap, 16);
        clean_line(a, out, text + start, i - start, lineno, &lines[nlines++]);
        if (i >= len)
            break;
        i += brk;
        lineno++;
    }
    for (size_t k = 0; k < nlines; k++)
        cell_traits(lines, k);
    for (size_t k = 0; k < nlines;) {
        size_t end = read_cell_table(a, lines, nlines, k);
        k = end > k ? end : k + 1;
    }
    for (size_t k = 0; k < nlines; k++)
        if (lines[k].page) {
            ARENA_ROOM(a, out->dropped, out->ndropped, out->dropped_cap, 4);
            out->dropped[out->ndropped++] = lines[k].line;
            lines[k].text = (char *)"";
            lines[k].length = 0;
            lines[k].caps = false;
        }
    size_t broken_at = broken_length(lines, nlines);

    /* paragraphs */
    strbuf para = STRBUF_INIT;
    const raw_line *first = NULL, *last = NULL;
    for (size_t k = 0; k <= nlines; k++) {
        const raw_line *l = k < nlines ? &lines[k] : NULL;
        if (l && !l->table && !*l->text)
            continue;
        bool join = false;
        if (l && first && !first->table && !l->table && !first->heading &&
            !l->heading && !ends_sentence(last->text) && !opens_block(l)) {
            if (last->caps)
                join = l->caps && last->length >= broken_at;
            else
                join = starts_lower(l->text) || broken_symbol(last->text) ||
                       (last->length >= broken_at && !opens_paragraph(l->text));
        }
        if (join) {
            if (!broken_symbol(last->text))
                strbuf_putc(&para, ' ');
            strbuf_puts(&para, l->text);
            last = l;
            continue;
        }
        if (first) {
            ARENA_ROOM(a, out->paras, out->count, out->cap, 4);
            import_para *p = &out->paras[out->count++];
            memset(p, 0, sizeof *p);
            p->line = first->line;
            if (first->table) {
                p->cells = first->cells;
                p->ncells = first->ncells;
                p->text = "";
                p->body = "";
            } else {
                p->text = arena_strdup(a, strbuf_str(&para));
                import_marker m;
                p->mark = import_text_mark(p->text, &m);
                bool numbered = p->mark != IMPORT_MARK_NONE &&
                                p->mark != IMPORT_MARK_BULLET &&
                                p->mark != IMPORT_MARK_PLUS;
                p->key = numbered
                             ? arena_strndup(a, p->text + m.key_off, m.key_len)
                             : NULL;
                p->body = p->text + m.body;
                p->caps = is_caps(p->text);
            }
        }
        strbuf_reset(&para);
        first = last = l;
        if (l && !l->table)
            strbuf_puts(&para, l->text);
    }
    strbuf_release(&para);
    free(lines);
}
