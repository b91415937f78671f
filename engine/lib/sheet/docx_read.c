/* docx_read.c - the text of a Word document, as import reads text (see
 * docx_read.h).
 *
 * Three parts are streamed through opc.h, in this order: the styles
 * (each paragraph style's name, the style it is based on, the list
 * numbering and outline level it carries, the fonts it and each
 * character style set, the document's default fonts), the numbering
 * (each list definition's levels: start, format, the text with its "%1"
 * places; each list's definition and overrides) and the document. The
 * document's handlers keep, for each element open, what it is (a tag by
 * depth), and skip whole the elements whose content Word does not show
 * as the text (deletions, field codes, the old properties of a tracked
 * change, the fallback copy of a text box).
 *
 * A paragraph's text grows in a context of its own, so that a text box
 * met in the middle of a paragraph is read as paragraphs of their own and
 * the paragraph goes on after it. A run's text is held until the run
 * ends, then converted whole when its font is a legacy Vietnamese one
 * (VNI puts a letter's marks in a code after it). A finished paragraph
 * becomes a line, or part of the cell of the table being read. The
 * outermost table is held whole until it ends, then written as Markdown
 * rows, or, when it is a layout table of two columns (the header or the
 * signature block), column by column. The one idea to know: the numbers
 * are counted here, in document order, as Word counts them, because they
 * are not in the text. */
#include "docx_read.h"

#include "arena.h"
#include "i18n.h"
#include "strmap.h"
#include "vnlegacy.h"
#include "vntext.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const docx_limits docx_default_limits = {
    .package =
        {
            .max_file_bytes = 32u << 20,
            .max_part_bytes = 64u << 20,
            .max_total_bytes = 256u << 20,
            .max_ratio = 100,
        },
    .max_paragraphs = 100000,
    .max_cells = 1000000,
    .max_text = 8u << 20,
    .max_depth = 256,
};

#define LEVELS 9          /* list levels, 0 to 8 */
#define MAX_DEFS 100000   /* styles, list definitions, lists */
#define MAX_START 1000000 /* a list's start, and a counter's reach */

/* ---- list numbering ---- */

enum {
    NF_DECIMAL,
    NF_DECIMAL_ZERO,
    NF_UPPER_ROMAN,
    NF_LOWER_ROMAN,
    NF_UPPER_LETTER,
    NF_LOWER_LETTER,
    NF_BULLET,
    NF_NONE,
};

typedef struct level {
    int start;
    unsigned char format;
    bool legal;       /* isLgl: the numbers of the levels above in decimal */
    const char *text; /* lvlText: "%1.", "%1.%2.", "%1)"; NULL: none */
} level;

typedef struct abstract_num {
    level lv[LEVELS];
    int count[LEVELS];
    bool counted[LEVELS]; /* count[] holds a number shown at this level */
} abstract_num;

typedef struct num {
    const char *abstract_id;
    int start[LEVELS]; /* startOverride */
    bool overridden[LEVELS];
    bool used;
} num;

/* The fonts a run's properties name (w:rFonts): for ASCII text (ascii)
 * and for the other letters of Western scripts (hAnsi), each the legacy
 * encoding its name implies (vnlegacy_font), or -1 when not given (a
 * theme's font is an ordinary one). */
typedef struct fonts {
    signed char ascii, hansi;
} fonts;

#define NO_FONTS ((fonts){-1, -1})

typedef struct style {
    const char *based_on;
    fonts fonts;
    const char *num_id; /* NULL: none given; "0": numbering removed */
    int ilvl;           /* -1: not given */
    int heading;        /* 1..9; 0: not a heading */
} style;

/* ---- the document ---- */

enum {
    T_OTHER,
    T_DOC,
    T_P,
    T_PPR,
    T_NUMPR,
    T_R,
    T_RPR,
    T_T,
    T_TBL,
    T_TR,
    T_TRPR,
    T_TC,
    T_TCPR,
    /* styles.xml */
    T_STYLE,
    T_SPPR,
    T_SNUMPR,
    T_SRPR,
    T_DEFAULTS,
    T_RPRDEFAULT,
    /* numbering.xml */
    T_ABSTRACT,
    T_LVL,
    T_NUM,
    T_OVERRIDE,
};

typedef struct para {
    strbuf text;
    const char *style;
    char num_id[24];
    int ilvl;
    bool has_num;
    int outline; /* outlineLvl + 1; 0: none */
    /* the run open, its text held until it ends (a legacy font's text is
       converted whole) */
    strbuf run;
    bool run_caps, run_hidden;
    fonts run_fonts;
    const char *run_style; /* rStyle */
} para;

typedef struct cell {
    unsigned col, span;
    bool continued;   /* vMerge without "restart" */
    const char *text; /* its paragraphs, one a line */
} cell;

typedef struct row {
    cell *cells;
    size_t ncells, cap;
    bool header; /* repeated at the top of each page (w:tblHeader) */
} row;

typedef struct reader {
    const docx_limits *lim;
    opc *pkg;
    arena *a;
    unsigned depth;
    unsigned char *tag; /* by depth, max_depth + 1 of them */
    unsigned skip;      /* the depth of the element skipped whole; 0: none */
    /* styles and numbering */
    strmap styles, abstracts, nums;
    size_t ndefs;
    style *cur_style;
    fonts *cur_fonts;          /* those a w:rPr of styles.xml sets */
    fonts defaults;            /* docDefaults */
    const char *default_style; /* the paragraph style of w:default="1" */
    abstract_num *cur_abstract;
    num *cur_num;
    int cur_ilvl;
    /* the document */
    strbuf out;
    size_t text_bytes, paragraphs, cells;
    para *paras; /* open paragraphs, innermost last */
    size_t nparas, paras_cap;
    strbuf t;        /* the text of the w:t open */
    unsigned tables; /* open, the outermost 1 */
    row *rows;       /* of the outermost table */
    size_t nrows, rows_cap;
    bool in_cell;
    cell cell; /* the cell open */
    strbuf cell_text;
    unsigned col;
} reader;

static void docx_read_fail(reader *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Stops reading, at the place the parser is in the part. fmt is the
 * English message, translated by opc. */
static void docx_read_fail(reader *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    opc_vfail(r->pkg, opc_line(r->pkg), opc_column(r->pkg), fmt, ap);
    va_end(ap);
}

static bool is_off(const char *v)
{
    return v && (strcmp(v, "0") == 0 || strcmp(v, "false") == 0 ||
                 strcmp(v, "off") == 0);
}

static const char *val(const char **atts)
{
    return opc_attr_local(atts, "val");
}

/* A whole number of at most 7 digits, or def. */
static int small_int(const char *s, int def)
{
    if (!s || !*s)
        return def;
    bool neg = *s == '-';
    s += neg;
    long v = 0;
    for (size_t k = 0; s[k]; k++) {
        if (s[k] < '0' || s[k] > '9' || k >= 7)
            return def;
        v = v * 10 + (s[k] - '0');
    }
    return (int)(neg ? -v : v);
}

/* Opens an element: counts its depth (refusing one past the limit) and
 * says whether its content is read: false inside an element skipped. */
static bool open_element(reader *r, const char *name)
{
    r->depth++;
    if (r->depth > r->lim->max_depth) {
        docx_read_fail(r, "the part nests elements more than %u deep",
                       r->lim->max_depth);
        return false;
    }
    if (r->skip)
        return false;
    r->tag[r->depth] = T_OTHER;
    (void)name;
    return true;
}

static void set_tag(reader *r, unsigned char tag)
{
    r->tag[r->depth] = tag;
}

static unsigned char parent_tag(const reader *r)
{
    return r->tag[r->depth - 1];
}

/* Closes an element; false when it was skipped or is inside one. */
static bool close_element(reader *r)
{
    bool read = !r->skip;
    if (r->skip == r->depth)
        r->skip = 0;
    r->depth--;
    return read;
}

static bool count_def(reader *r)
{
    if (++r->ndefs > MAX_DEFS) {
        docx_read_fail(r, "more than %d styles and lists", MAX_DEFS);
        return false;
    }
    return true;
}

/* ---- fonts ---- */

/* The fonts a w:rFonts names, over those in f; a theme's font (the
 * "...Theme" attribute, which wins over the name) is an ordinary one. */
static void read_fonts(const char **atts, fonts *f)
{
    static const char *const names[2][2] = {{"ascii", "asciiTheme"},
                                            {"hAnsi", "hAnsiTheme"}};
    signed char *into[2] = {&f->ascii, &f->hansi};
    for (int k = 0; k < 2; k++) {
        const char *name = opc_attr_local(atts, names[k][0]);
        if (opc_attr_local(atts, names[k][1]))
            *into[k] = VNLEGACY_NONE;
        else if (name)
            *into[k] = (signed char)vnlegacy_font_of(name);
    }
}

/* The fonts of style id and the styles it is based on (ten steps at
 * most) filling those f does not give. */
static void style_fonts(reader *r, const char *id, fonts *f)
{
    for (int steps = 0; id && steps < 10; steps++) {
        const style *s = strmap_get(&r->styles, id, strlen(id));
        if (!s)
            return;
        if (f->ascii < 0)
            f->ascii = s->fonts.ascii;
        if (f->hansi < 0)
            f->hansi = s->fonts.hansi;
        id = s->based_on;
    }
}

/* ---- styles.xml ---- */

static void styles_start(void *data, const char *name, const char **atts)
{
    reader *r = data;
    if (!open_element(r, name))
        return;
    unsigned char parent = parent_tag(r);
    const char *local = opc_local(name);
    if (r->depth == 2 && strcmp(local, "style") == 0) {
        const char *id = opc_attr_local(atts, "styleId"),
                   *type = opc_attr_local(atts, "type");
        r->cur_style = NULL;
        bool paragraph = !type || strcmp(type, "paragraph") == 0;
        if (!id || (!paragraph && strcmp(type, "character") != 0) ||
            !count_def(r))
            return;
        style *s = arena_alloc(r->a, sizeof *s);
        memset(s, 0, sizeof *s);
        s->ilvl = -1;
        s->fonts = NO_FONTS;
        const char *key = arena_strdup(r->a, id);
        if (strmap_put(r->a, &r->styles, key, strlen(key), s) == s)
            r->cur_style = s; /* the first of an id counts */
        const char *def = opc_attr_local(atts, "default");
        if (paragraph && def && !is_off(def) && !r->default_style)
            r->default_style = key;
        set_tag(r, T_STYLE);
        return;
    }
    if (r->depth == 2 && strcmp(local, "docDefaults") == 0) {
        r->cur_style = NULL;
        set_tag(r, T_DEFAULTS);
        return;
    }
    if (parent == T_DEFAULTS && strcmp(local, "rPrDefault") == 0) {
        set_tag(r, T_RPRDEFAULT);
        return;
    }
    if ((parent == T_RPRDEFAULT || (parent == T_STYLE && r->cur_style)) &&
        strcmp(local, "rPr") == 0) {
        r->cur_fonts = parent == T_STYLE ? &r->cur_style->fonts : &r->defaults;
        set_tag(r, T_SRPR);
        return;
    }
    if (parent == T_SRPR && strcmp(local, "rFonts") == 0) {
        read_fonts(atts, r->cur_fonts);
        return;
    }
    style *s = r->cur_style;
    if (!s)
        return;
    if (parent == T_STYLE && strcmp(local, "name") == 0) {
        /* "heading 1" .. "heading 9", as Word names its own in every
           language */
        const char *v = val(atts);
        if (v && strncasecmp(v, "heading ", 8) == 0 && v[8] >= '1' &&
            v[8] <= '9' && !v[9])
            s->heading = v[8] - '0';
    } else if (parent == T_STYLE && strcmp(local, "basedOn") == 0) {
        const char *v = val(atts);
        s->based_on = v ? arena_strdup(r->a, v) : NULL;
    } else if (parent == T_STYLE && strcmp(local, "pPr") == 0) {
        set_tag(r, T_SPPR);
    } else if (parent == T_SPPR && strcmp(local, "numPr") == 0) {
        set_tag(r, T_SNUMPR);
    } else if (parent == T_SPPR && strcmp(local, "outlineLvl") == 0) {
        int lvl = small_int(val(atts), -1);
        if (!s->heading && lvl >= 0 && lvl < 9)
            s->heading = lvl + 1;
    } else if (parent == T_SNUMPR && strcmp(local, "numId") == 0) {
        const char *v = val(atts);
        s->num_id = v ? arena_strdup(r->a, v) : NULL;
    } else if (parent == T_SNUMPR && strcmp(local, "ilvl") == 0) {
        s->ilvl = small_int(val(atts), -1);
    }
}

static void any_end(void *data, const char *name)
{
    reader *r = data;
    (void)name;
    close_element(r);
}

/* ---- numbering.xml ---- */

static unsigned char format_of(const char *v)
{
    static const struct {
        const char *name;
        unsigned char format;
    } formats[] = {
        {"decimal", NF_DECIMAL},
        {"decimalZero", NF_DECIMAL_ZERO},
        {"upperRoman", NF_UPPER_ROMAN},
        {"lowerRoman", NF_LOWER_ROMAN},
        {"upperLetter", NF_UPPER_LETTER},
        {"lowerLetter", NF_LOWER_LETTER},
        {"bullet", NF_BULLET},
        {"none", NF_NONE},
    };
    for (size_t i = 0; v && i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(v, formats[i].name) == 0)
            return formats[i].format;
    return NF_DECIMAL; /* the others (ordinal, Chinese...) as numbers */
}

static void numbering_start(void *data, const char *name, const char **atts)
{
    reader *r = data;
    if (!open_element(r, name))
        return;
    unsigned char parent = parent_tag(r);
    const char *local = opc_local(name);
    if (r->depth == 2) {
        r->cur_abstract = NULL;
        r->cur_num = NULL;
        if (strcmp(local, "abstractNum") == 0) {
            const char *id = opc_attr_local(atts, "abstractNumId");
            if (!id || !count_def(r))
                return;
            abstract_num *an = arena_alloc(r->a, sizeof *an);
            memset(an, 0, sizeof *an);
            for (int k = 0; k < LEVELS; k++)
                an->lv[k] = (level){.start = 1};
            const char *key = arena_strdup(r->a, id);
            if (strmap_put(r->a, &r->abstracts, key, strlen(key), an) == an)
                r->cur_abstract = an;
            set_tag(r, T_ABSTRACT);
        } else if (strcmp(local, "num") == 0) {
            const char *id = opc_attr_local(atts, "numId");
            if (!id || !count_def(r))
                return;
            num *n = arena_alloc(r->a, sizeof *n);
            memset(n, 0, sizeof *n);
            const char *key = arena_strdup(r->a, id);
            if (strmap_put(r->a, &r->nums, key, strlen(key), n) == n)
                r->cur_num = n;
            set_tag(r, T_NUM);
        }
        return;
    }
    if (parent == T_ABSTRACT && r->cur_abstract && strcmp(local, "lvl") == 0) {
        r->cur_ilvl = small_int(opc_attr_local(atts, "ilvl"), -1);
        if (r->cur_ilvl >= 0 && r->cur_ilvl < LEVELS)
            set_tag(r, T_LVL);
    } else if (parent == T_LVL) {
        level *lv = &r->cur_abstract->lv[r->cur_ilvl];
        const char *v = val(atts);
        if (strcmp(local, "start") == 0) {
            int start = small_int(v, 1);
            lv->start = start < 0 ? 0 : start > MAX_START ? MAX_START : start;
        } else if (strcmp(local, "numFmt") == 0) {
            lv->format = format_of(v);
        } else if (strcmp(local, "lvlText") == 0) {
            /* Word's are a few characters: "%1.%2.%3." */
            size_t n = v ? strnlen(v, 64) : 0;
            while (n && v[n] && ((unsigned char)v[n] & 0xC0) == 0x80)
                n--; /* cut between two characters */
            lv->text = v ? arena_strndup(r->a, v, n) : NULL;
        } else if (strcmp(local, "isLgl") == 0) {
            lv->legal = !is_off(v);
        }
    } else if (parent == T_NUM && r->cur_num) {
        if (strcmp(local, "abstractNumId") == 0) {
            const char *v = val(atts);
            r->cur_num->abstract_id = v ? arena_strdup(r->a, v) : NULL;
        } else if (strcmp(local, "lvlOverride") == 0) {
            r->cur_ilvl = small_int(opc_attr_local(atts, "ilvl"), -1);
            if (r->cur_ilvl >= 0 && r->cur_ilvl < LEVELS)
                set_tag(r, T_OVERRIDE);
        }
    } else if (parent == T_OVERRIDE && strcmp(local, "startOverride") == 0) {
        int start = small_int(val(atts), 1);
        r->cur_num->start[r->cur_ilvl] = start < 0           ? 0
                                         : start > MAX_START ? MAX_START
                                                             : start;
        r->cur_num->overridden[r->cur_ilvl] = true;
    }
}

/* n as a list level shows it. */
static void put_number(strbuf *sb, int n, unsigned char format)
{
    static const char *const tens[] = {"",  "X",  "XX",  "XXX",  "XL",
                                       "L", "LX", "LXX", "LXXX", "XC"};
    static const char *const ones[] = {"",  "I",  "II",  "III",  "IV",
                                       "V", "VI", "VII", "VIII", "IX"};
    static const char *const hundreds[] = {"",  "C",  "CC",  "CCC",  "CD",
                                           "D", "DC", "DCC", "DCCC", "CM"};
    switch (format) {
    case NF_UPPER_ROMAN:
    case NF_LOWER_ROMAN:
        if (n >= 1 && n < 4000) {
            strbuf roman = STRBUF_INIT;
            for (int k = 0; k < n / 1000; k++)
                strbuf_putc(&roman, 'M');
            strbuf_puts(&roman, hundreds[n / 100 % 10]);
            strbuf_puts(&roman, tens[n / 10 % 10]);
            strbuf_puts(&roman, ones[n % 10]);
            for (size_t k = 0; format == NF_LOWER_ROMAN && k < roman.len; k++)
                roman.buf[k] = (char)(roman.buf[k] - 'A' + 'a');
            strbuf_puts(sb, strbuf_str(&roman));
            strbuf_release(&roman);
            return;
        }
        break;
    case NF_UPPER_LETTER:
    case NF_LOWER_LETTER:
        /* a..z, then aa..zz, as Word goes on */
        if (n >= 1 && n <= 26 * 4) {
            char c =
                (char)((format == NF_UPPER_LETTER ? 'A' : 'a') + (n - 1) % 26);
            strbuf_repeat(sb, c, (size_t)((n - 1) / 26 + 1));
            return;
        }
        break;
    case NF_DECIMAL_ZERO:
        strbuf_printf(sb, "%02d", n);
        return;
    case NF_NONE:
        return;
    }
    strbuf_printf(sb, "%d", n);
}

/* A bullet as import reads one: Word's symbols (from the Symbol or
 * Wingdings fonts, "o", "•") are "-"; a dash or a plus stays itself. */
static void put_bullet(strbuf *sb, const char *text)
{
    static const char *const kept[] = {"-", "+", "\xE2\x80\x93",
                                       "\xE2\x80\x94"};
    for (size_t i = 0; text && i < sizeof kept / sizeof kept[0]; i++)
        if (strcmp(text, kept[i]) == 0) {
            strbuf_puts(sb, text);
            return;
        }
    strbuf_putc(sb, '-');
}

/* The marker of a paragraph of list num_id at level ilvl, counted now;
 * "" when it shows none. */
static void number_paragraph(reader *r, const char *num_id, int ilvl,
                             strbuf *marker)
{
    num *n = strmap_get(&r->nums, num_id, strlen(num_id));
    if (!n || !n->abstract_id || ilvl < 0 || ilvl >= LEVELS)
        return;
    abstract_num *an =
        strmap_get(&r->abstracts, n->abstract_id, strlen(n->abstract_id));
    if (!an)
        return;
    if (!n->used) {
        /* a list that restarts: its overridden levels count anew */
        n->used = true;
        for (int k = 0; k < LEVELS; k++)
            if (n->overridden[k]) {
                an->count[k] = n->start[k] - 1;
                an->counted[k] = true;
            }
    }
    if (an->counted[ilvl] && an->count[ilvl] < MAX_START)
        an->count[ilvl]++;
    else if (!an->counted[ilvl])
        an->count[ilvl] = an->lv[ilvl].start;
    an->counted[ilvl] = true;
    for (int k = ilvl + 1; k < LEVELS; k++)
        an->counted[k] = false;
    const level *lv = &an->lv[ilvl];
    if (!lv->text)
        return;
    if (lv->format == NF_BULLET) {
        put_bullet(marker, lv->text);
        return;
    }
    for (const char *p = lv->text; *p; p++) {
        if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
            int k = p[1] - '1';
            int value = an->counted[k] ? an->count[k] : an->lv[k].start;
            put_number(marker, value,
                       lv->legal && k < ilvl ? NF_DECIMAL : an->lv[k].format);
            p++;
        } else {
            strbuf_putc(marker, *p);
        }
    }
}

/* ---- the document ---- */

/* Elements whose content is not the text Word shows. */
static bool skipped(const char *local)
{
    static const char *const names[] = {
        "del",
        "moveFrom",
        "delText",
        "instrText",
        "delInstrText",
        "pPrChange",
        "rPrChange",
        "tblPrChange",
        "trPrChange",
        "tcPrChange",
        "sectPrChange",
        "numberingChange",
        "Fallback",
        "sdtPr",
        "sectPr",
        "fldData",
        "tblGrid",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(local, names[i]) == 0)
            return true;
    return false;
}

static bool add_text(reader *r, const char *s, size_t n)
{
    r->text_bytes += n;
    if (r->text_bytes > r->lim->max_text) {
        docx_read_fail(r, "the document's text is longer than %zu bytes",
                       r->lim->max_text);
        return false;
    }
    if (r->nparas)
        strbuf_add(&r->paras[r->nparas - 1].text, s, n);
    return true;
}

/* Text of the run open in paragraph pa, held until the run ends; the
 * run's text counts against the limit as it grows. */
static void run_add(reader *r, para *pa, const char *s, size_t n)
{
    if (r->text_bytes + pa->run.len + n > r->lim->max_text) {
        docx_read_fail(r, "the document's text is longer than %zu bytes",
                       r->lim->max_text);
        return;
    }
    strbuf_add(&pa->run, s, n);
}

/* The legacy encoding of the run's font, as Word finds the font: the
 * run's own properties, else its character style's, else its
 * paragraph's style's (or the default paragraph style's), each with the
 * styles it is based on, else the document's defaults. The font of the
 * letters beyond ASCII (hAnsi) says it; the ASCII one when that is not
 * given. */
static vnlegacy_font run_font(reader *r, const para *pa)
{
    fonts f = pa->run_fonts;
    style_fonts(r, pa->run_style, &f);
    style_fonts(r, pa->style ? pa->style : r->default_style, &f);
    if (f.ascii < 0)
        f.ascii = r->defaults.ascii;
    if (f.hansi < 0)
        f.hansi = r->defaults.hansi;
    int font = f.hansi >= 0 ? f.hansi : f.ascii;
    return font > 0 ? (vnlegacy_font)font : VNLEGACY_NONE;
}

/* The run ends: its text into the paragraph, in Unicode when its font is
 * a legacy one, in capitals when formatted so. */
static void run_end(reader *r, para *pa)
{
    if (!pa->run.len)
        return;
    vnlegacy_font font = run_font(r, pa);
    char *text = font == VNLEGACY_NONE
                     ? NULL
                     : vnlegacy_font_text(font, pa->run.buf, pa->run.len);
    if (pa->run_caps) {
        char *up = vntext_upper(text ? text : strbuf_str(&pa->run));
        free(text);
        text = up;
    }
    if (text)
        add_text(r, text, strlen(text));
    else
        add_text(r, pa->run.buf, pa->run.len);
    free(text);
    strbuf_reset(&pa->run);
}

/* The style's heading level, list and level, following basedOn (ten
 * steps at most: a loop of styles ends). */
static void style_props(reader *r, const char *id, int *heading,
                        const char **num_id, int *ilvl)
{
    for (int steps = 0; id && steps < 10; steps++) {
        const style *s = strmap_get(&r->styles, id, strlen(id));
        if (!s)
            return;
        if (!*heading)
            *heading = s->heading;
        if (!*num_id && s->num_id)
            *num_id = s->num_id;
        if (*ilvl < 0 && s->ilvl >= 0)
            *ilvl = s->ilvl;
        id = s->based_on;
    }
}

/* A line that only draws a rule ("-----", "_____"): no text. */
static bool only_rule(const char *s)
{
    bool any = false;
    for (; *s; s++) {
        if (*s == '-' || *s == '_' || *s == '=' || *s == '.' || *s == '*')
            any = true;
        else if (*s != ' ')
            return false;
    }
    return any;
}

/* Text with its spaces collapsed and trimmed, each line on its own
 * (tabs and odd spaces are spaces). */
static void put_clean(strbuf *sb, const char *s)
{
    bool space = false, start = true;
    for (; *s; s++) {
        if (*s == '\n') {
            strbuf_putc(sb, '\n');
            space = false;
            start = true;
        } else if (*s == ' ' || *s == '\t' || *s == '\r') {
            space = !start;
        } else {
            if (space)
                strbuf_putc(sb, ' ');
            strbuf_putc(sb, *s);
            space = start = false;
        }
    }
}

/* Whether n more bytes of text may be written: the numbers, and the
 * text a merged cell repeats, count as much as the document's own. */
static bool room(reader *r, size_t n)
{
    if (r->out.len + n > r->lim->max_text) {
        docx_read_fail(r, "the document's text is longer than %zu bytes",
                       r->lim->max_text);
        return false;
    }
    return true;
}

/* Writes a paragraph's lines to out, empty lines and rules left out. */
static void put_lines(reader *r, const char *text)
{
    if (!room(r, strlen(text) + 1))
        return;
    strbuf *out = &r->out;
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = xmalloc(n + 1);
        memcpy(line, p, n);
        line[n] = '\0';
        if (*line && !only_rule(line)) {
            strbuf_puts(out, line);
            strbuf_putc(out, '\n');
        }
        free(line);
        p += n + (nl != NULL);
    }
}

static void paragraph_end(reader *r)
{
    para *pa = &r->paras[r->nparas - 1];
    run_end(r, pa);
    if (++r->paragraphs > r->lim->max_paragraphs) {
        docx_read_fail(r, "the document has more than %zu paragraphs",
                       r->lim->max_paragraphs);
        return;
    }
    int heading = 0, ilvl = pa->ilvl;
    const char *num_id = pa->has_num ? pa->num_id : NULL;
    style_props(r, pa->style, &heading, &num_id, &ilvl);
    if (!heading)
        heading = pa->outline;
    strbuf line = STRBUF_INIT, marker = STRBUF_INIT;
    if (num_id && strcmp(num_id, "0") != 0)
        number_paragraph(r, num_id, ilvl < 0 ? 0 : ilvl, &marker);
    put_clean(&line, strbuf_str(&pa->text));
    if (line.len) {
        strbuf text = STRBUF_INIT;
        if (heading >= 1 && heading <= 6 && !r->tables) {
            strbuf_repeat(&text, '#', (size_t)heading);
            strbuf_putc(&text, ' ');
        }
        if (marker.len) {
            strbuf_puts(&text, strbuf_str(&marker));
            strbuf_putc(&text, ' ');
        }
        strbuf_puts(&text, strbuf_str(&line));
        if (r->tables && r->in_cell) {
            if (r->cell_text.len)
                strbuf_putc(&r->cell_text, '\n');
            strbuf_puts(&r->cell_text, strbuf_str(&text));
        } else {
            put_lines(r, strbuf_str(&text));
        }
        strbuf_release(&text);
    }
    strbuf_release(&line);
    strbuf_release(&marker);
    strbuf_release(&pa->text);
    strbuf_release(&pa->run);
    r->nparas--;
}

/* A cell's text as one Markdown cell: its lines joined by a space, '|'
 * (the cell separator) written '/'. */
static void put_cell(strbuf *out, const char *text)
{
    strbuf_puts(out, "| ");
    for (const char *p = text; *p; p++)
        strbuf_putc(out, *p == '\n' ? ' ' : *p == '|' ? '/' : *p);
    if (*text)
        strbuf_putc(out, ' ');
}

/* A layout table: three cells a row at most (two, or two apart), holding
 * the national motto or the recipients ("Nơi nhận"). */
static bool is_layout(const reader *r)
{
    bool words = false;
    for (size_t i = 0; i < r->nrows; i++) {
        const row *rw = &r->rows[i];
        if (rw->ncells > 3)
            return false;
        for (size_t k = 0; k < rw->ncells && !words; k++) {
            const char *t = rw->cells[k].text;
            char *folded = vntext_fold_ascii(t, strlen(t));
            words = strstr(folded, "cong hoa xa hoi chu nghia") ||
                    strstr(folded, "noi nhan");
            free(folded);
        }
    }
    return words;
}

/* A table's header over several rows (w:tblHeader on each: "Thời gian"
 * above "Bắt đầu" and "Kết thúc") becomes one row, each column's texts
 * joined by a space, so the import finds each column's name in one
 * cell; a header cell merged down is said once. Four rows at most:
 * each joined copies the texts before it. */
static void join_header(reader *r)
{
    size_t h = 0;
    while (h < r->nrows && r->rows[h].header)
        h++;
    if (h < 2 || h > 4) /* a header is a few rows: more are rows */
        return;
    row *first = &r->rows[0];
    for (size_t i = 1; i < h; i++) {
        const row *rw = &r->rows[i];
        for (size_t k = 0; k < rw->ncells; k++) {
            const cell *c = &rw->cells[k];
            if (c->continued || !*c->text)
                continue;
            cell *into = NULL;
            for (size_t j = 0; j < first->ncells && !into; j++)
                if (first->cells[j].col <= c->col &&
                    c->col < first->cells[j].col + first->cells[j].span)
                    into = &first->cells[j];
            if (!into) {
                ARRAY_ROOM(first->cells, first->ncells, first->cap, 8);
                into = &first->cells[first->ncells++];
                *into = (cell){.col = c->col, .span = 1, .text = ""};
            } else if (into->col != c->col) {
                /* a column under a spanning name: a cell of its own */
                unsigned end = into->col + into->span;
                into->span = c->col - into->col;
                size_t at = (size_t)(into - first->cells) + 1;
                ARRAY_ROOM(first->cells, first->ncells, first->cap, 8);
                memmove(first->cells + at + 1, first->cells + at,
                        (first->ncells - at) * sizeof *first->cells);
                first->ncells++;
                into = &first->cells[at];
                *into = (cell){.col = c->col, .span = end - c->col, .text = ""};
            }
            into->text = *into->text
                             ? arena_printf(r->a, "%s %s", into->text, c->text)
                             : c->text;
        }
    }
    for (size_t i = 1; i < h; i++)
        free(r->rows[i].cells);
    memmove(r->rows + 1, r->rows + h, (r->nrows - h) * sizeof *r->rows);
    r->nrows -= h - 1;
}

static void table_end(reader *r)
{
    join_header(r);
    if (is_layout(r)) {
        for (size_t k = 0; k < 3; k++)
            for (size_t i = 0; i < r->nrows; i++)
                if (k < r->rows[i].ncells && !r->rows[i].cells[k].continued)
                    put_lines(r, r->rows[i].cells[k].text);
    } else {
        /* the text of the cell starting a vertical merge, by column */
        const char **above = NULL;
        size_t nabove = 0;
        for (size_t i = 0; i < r->nrows; i++) {
            const row *rw = &r->rows[i];
            strbuf line = STRBUF_INIT;
            bool any = false;
            unsigned col = 0;
            for (size_t k = 0; k < rw->ncells; k++) {
                const cell *c = &rw->cells[k];
                for (; col < c->col; col++)
                    strbuf_puts(&line, "| ");
                const char *text = c->text;
                if (c->continued)
                    text =
                        c->col < nabove && above[c->col] ? above[c->col] : "";
                else {
                    if (c->col >= nabove) {
                        size_t more = c->col + 1;
                        above = xrealloc(above, more * sizeof *above);
                        for (; nabove < more; nabove++)
                            above[nabove] = NULL;
                    }
                    above[c->col] = c->text;
                }
                put_cell(&line, text);
                any = any || *text;
                for (col = c->col + 1; col < c->col + c->span; col++)
                    strbuf_puts(&line, "| ");
            }
            if (any && room(r, line.len + 2)) {
                strbuf_puts(&r->out, strbuf_str(&line));
                strbuf_puts(&r->out, "|\n");
            }
            strbuf_release(&line);
        }
        free(above);
    }
    for (size_t i = 0; i < r->nrows; i++)
        free(r->rows[i].cells);
    r->nrows = 0;
}

static void document_start(void *data, const char *name, const char **atts)
{
    reader *r = data;
    if (!open_element(r, name))
        return;
    const char *local = opc_local(name);
    unsigned char parent = parent_tag(r);
    if (r->depth == 1) {
        if (strcmp(local, "document") != 0)
            docx_read_fail(r,
                           "not a Word document: its main part holds '%s', "
                           "not a document",
                           local);
        set_tag(r, T_DOC);
        return;
    }
    if (skipped(local)) {
        r->skip = r->depth;
        return;
    }
    if (strcmp(local, "p") == 0) {
        ARRAY_ROOM(r->paras, r->nparas, r->paras_cap, 4);
        para *pa = &r->paras[r->nparas++];
        memset(pa, 0, sizeof *pa);
        pa->ilvl = -1;
        set_tag(r, T_P);
    } else if (parent == T_P && strcmp(local, "pPr") == 0) {
        set_tag(r, T_PPR);
    } else if (parent == T_PPR) {
        para *pa = &r->paras[r->nparas - 1];
        const char *v = val(atts);
        if (strcmp(local, "pStyle") == 0 && v)
            pa->style = arena_strdup(r->a, v);
        else if (strcmp(local, "numPr") == 0)
            set_tag(r, T_NUMPR);
        else if (strcmp(local, "outlineLvl") == 0) {
            int lvl = small_int(v, -1);
            pa->outline = lvl >= 0 && lvl < 9 ? lvl + 1 : 0;
        }
    } else if (parent == T_NUMPR) {
        para *pa = &r->paras[r->nparas - 1];
        const char *v = val(atts);
        if (strcmp(local, "numId") == 0 && v) {
            snprintf(pa->num_id, sizeof pa->num_id, "%s", v);
            pa->has_num = true;
        } else if (strcmp(local, "ilvl") == 0) {
            pa->ilvl = small_int(v, -1);
        }
    } else if (strcmp(local, "r") == 0 && r->nparas) {
        para *pa = &r->paras[r->nparas - 1];
        run_end(r, pa); /* a run inside a run (not Word's): one ends */
        pa->run_caps = pa->run_hidden = false;
        pa->run_fonts = NO_FONTS;
        pa->run_style = NULL;
        set_tag(r, T_R);
    } else if (parent == T_R && strcmp(local, "rPr") == 0) {
        set_tag(r, T_RPR);
    } else if (parent == T_RPR) {
        para *pa = &r->paras[r->nparas - 1];
        const char *v = val(atts);
        if (strcmp(local, "caps") == 0)
            pa->run_caps = !is_off(v);
        else if (strcmp(local, "vanish") == 0)
            pa->run_hidden = !is_off(v);
        else if (strcmp(local, "rFonts") == 0)
            read_fonts(atts, &pa->run_fonts);
        else if (strcmp(local, "rStyle") == 0 && v)
            pa->run_style = arena_strdup(r->a, v);
    } else if (strcmp(local, "t") == 0) {
        strbuf_reset(&r->t);
        set_tag(r, T_T);
    } else if (parent == T_R) {
        para *pa = &r->paras[r->nparas - 1];
        const char *type = opc_attr_local(atts, "type");
        if (pa->run_hidden)
            return;
        if (strcmp(local, "tab") == 0 || strcmp(local, "ptab") == 0)
            run_add(r, pa, " ", 1);
        else if (strcmp(local, "br") == 0 || strcmp(local, "cr") == 0)
            run_add(r, pa,
                    type && strcmp(type, "textWrapping") != 0 ? " " : "\n", 1);
        else if (strcmp(local, "noBreakHyphen") == 0)
            run_add(r, pa, "-", 1);
    } else if (strcmp(local, "tbl") == 0) {
        r->tables++;
        set_tag(r, T_TBL);
    } else if (r->tables == 1 && parent == T_TBL && strcmp(local, "tr") == 0) {
        ARRAY_ROOM(r->rows, r->nrows, r->rows_cap, 8);
        r->rows[r->nrows++] = (row){0};
        r->col = 0;
        set_tag(r, T_TR);
    } else if (parent == T_TR && strcmp(local, "trPr") == 0) {
        set_tag(r, T_TRPR);
    } else if (parent == T_TRPR && strcmp(local, "tblHeader") == 0) {
        r->rows[r->nrows - 1].header = !is_off(val(atts));
    } else if (parent == T_TRPR && strcmp(local, "gridBefore") == 0) {
        int n = small_int(val(atts), 0);
        if (n > 0 && n < 64)
            r->col += (unsigned)n;
    } else if (parent == T_TR && strcmp(local, "tc") == 0) {
        if (++r->cells > r->lim->max_cells) {
            docx_read_fail(r, "the document has more than %zu table cells",
                           r->lim->max_cells);
            return;
        }
        r->in_cell = true;
        r->cell = (cell){.col = r->col, .span = 1};
        strbuf_reset(&r->cell_text);
        set_tag(r, T_TC);
    } else if (parent == T_TC && strcmp(local, "tcPr") == 0) {
        set_tag(r, T_TCPR);
    } else if (parent == T_TCPR && strcmp(local, "gridSpan") == 0) {
        int n = small_int(val(atts), 1);
        r->cell.span = n > 1 && n < 64 ? (unsigned)n : 1;
    } else if (parent == T_TCPR && strcmp(local, "vMerge") == 0) {
        const char *v = val(atts);
        r->cell.continued = !v || strcmp(v, "restart") != 0;
    }
}

static void document_end(void *data, const char *name)
{
    reader *r = data;
    unsigned char tag = r->skip ? T_OTHER : r->tag[r->depth];
    unsigned char parent = r->depth > 1 ? parent_tag(r) : T_OTHER;
    if (!close_element(r))
        return;
    (void)name;
    switch (tag) {
    case T_P:
        paragraph_end(r);
        break;
    case T_T: {
        /* in a run, or text where Word puts none: read as it is */
        para *pa = r->nparas ? &r->paras[r->nparas - 1] : NULL;
        if (pa && parent == T_R && !pa->run_hidden)
            run_add(r, pa, strbuf_str(&r->t), r->t.len);
        else if (pa && parent != T_R)
            add_text(r, strbuf_str(&r->t), r->t.len);
        break;
    }
    case T_R:
        if (r->nparas)
            run_end(r, &r->paras[r->nparas - 1]);
        break;
    case T_TC: {
        row *rw = &r->rows[r->nrows - 1];
        r->cell.text = arena_strdup(r->a, strbuf_str(&r->cell_text));
        ARRAY_ROOM(rw->cells, rw->ncells, rw->cap, 8);
        rw->cells[rw->ncells++] = r->cell;
        r->col = r->cell.col + r->cell.span;
        r->in_cell = false;
        break;
    }
    case T_TBL:
        if (--r->tables == 0)
            table_end(r);
        break;
    }
}

static void document_text(void *data, const char *s, int len)
{
    reader *r = data;
    if (r->skip || r->tag[r->depth] != T_T)
        return;
    if (r->t.len + (size_t)len > r->lim->max_text) {
        docx_read_fail(r, "the document's text is longer than %zu bytes",
                       r->lim->max_text);
        return;
    }
    strbuf_add(&r->t, s, (size_t)len);
}

/* ---- the package ---- */

static bool read_part(reader *r, const char *name, const opc_handlers *h,
                      bool *found)
{
    r->depth = 0;
    r->skip = 0;
    return opc_read_part(r->pkg, name, h, r, found);
}

static bool read_document(reader *r)
{
    bool found;
    if (!opc_read_rels(r->pkg, ""))
        return false;
    const char *doc = opc_rel_of_type(r->pkg, "/officeDocument");
    if (!doc)
        doc = "word/document.xml";
    if (!opc_read_rels(r->pkg, doc))
        return false;
    const char *styles = opc_rel_of_type(r->pkg, "/styles"),
               *numbering = opc_rel_of_type(r->pkg, "/numbering");
    static const opc_handlers style_h = {styles_start, any_end, NULL},
                              numbering_h = {numbering_start, any_end, NULL},
                              document_h = {document_start, document_end,
                                            document_text};
    if (styles && !read_part(r, styles, &style_h, &found) && opc_failed(r->pkg))
        return false;
    if (numbering && !read_part(r, numbering, &numbering_h, &found) &&
        opc_failed(r->pkg))
        return false;
    read_part(r, doc, &document_h, &found);
    if (!found) {
        opc_set_part(r->pkg, NULL);
        opc_fail(r->pkg, 0, "not a Word document: it has no document part (%s)",
                 doc);
    }
    return !opc_failed(r->pkg);
}

bool docx_read_memory(const void *data, size_t len, const docx_limits *lim,
                      strbuf *out, opc_error *err)
{
    reader r = {.lim = lim ? lim : &docx_default_limits, .defaults = NO_FONTS};
    strbuf_reset(&err->part);
    strbuf_reset(&err->message);
    err->line = err->column = 0;
    opc_refusal why;
    strbuf reason = STRBUF_INIT;
    r.a = arena_new();
    r.pkg = opc_open(data, len, &r.lim->package, r.a,
                     N_("a document type declaration is not allowed in a "
                        "part of a Word document"),
                     err, &why, &reason);
    switch (why) {
    case OPC_OPENED:
        break;
    case OPC_TOO_LARGE:
        opc_error_set(err, "the file is larger than %llu bytes",
                      (unsigned long long)r.lim->package.max_file_bytes);
        break;
    case OPC_TOO_MANY_PARTS:
        opc_error_set(err,
                      "not a Word document: its archive has more than %d "
                      "parts",
                      OPC_MAX_ENTRIES);
        break;
    case OPC_NOT_ZIP:
        opc_error_set(err, "not a Word document: it is not a zip archive");
        break;
    case OPC_BROKEN:
        opc_error_set(err, "not a Word document: %s", strbuf_str(&reason));
        break;
    }
    strbuf_release(&reason);
    bool ok = false;
    if (r.pkg) {
        r.tag = xcalloc(r.lim->max_depth + 1, 1);
        ok = read_document(&r);
        if (ok)
            strbuf_puts(out, strbuf_str(&r.out));
        for (size_t i = 0; i < r.nparas; i++) {
            strbuf_release(&r.paras[i].text);
            strbuf_release(&r.paras[i].run);
        }
        for (size_t i = 0; i < r.nrows; i++)
            free(r.rows[i].cells);
        free(r.paras);
        free(r.rows);
        free(r.tag);
        strbuf_release(&r.out);
        strbuf_release(&r.t);
        strbuf_release(&r.cell_text);
        opc_close(r.pkg);
    }
    arena_free(r.a);
    return ok;
}

bool docx_read_file(const char *path, const docx_limits *lim, strbuf *out,
                    opc_error *err)
{
    const docx_limits *l = lim ? lim : &docx_default_limits;
    strbuf_reset(&err->part);
    strbuf_reset(&err->message);
    err->line = err->column = 0;
    size_t n;
    char *data = opc_file_read(path, l->package.max_file_bytes, &n, err);
    if (!data)
        return false;
    bool ok = docx_read_memory(data, n, lim, out, err);
    free(data);
    return ok;
}
