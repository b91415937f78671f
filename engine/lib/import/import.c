/* import.c - the parts, sections and activities of a plan's text.
 *
 * The document is read in one pass over its paragraphs: the header until
 * the first Roman part number, then each part by the words of its heading
 * (MỤC ĐÍCH / YÊU CẦU, NỘI DUNG or HOẠT ĐỘNG, KINH PHÍ, TỔ CHỨC THỰC HIỆN),
 * the closing ("Trên đây là ..."), "Nơi nhận" and the signer. The content
 * part becomes a tree by its markers - "1." above "1.1." above "a)" and
 * "Hoạt động 1:" - with bullets and plain paragraphs hanging from the
 * deepest marker above them. A leaf of the tree is an activity; a node
 * with children is a section; a leaf section whose lines are plain bullets
 * (no field labels) holds one activity per bullet. A table of activities
 * (STT | Nội dung | Đơn vị chủ trì | ...) is read by its header row. */
#include "import.h"

#include "i18n.h"
#include "import_sentence.h"
#include "utf8.h"
#include "vntext.h"
#include "when.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

typedef struct reader {
    arena *a;
    import_plan *plan;
    diag_sink *warnings;
    const source *src;
    import_strs known_units; /* comma names seen whole in "; " lists */
} reader;

/* A note on what the draft lacks, at a line of the text (0: none): kept
 * for the draft's "# REVIEW" comment and added to the warnings. text: in
 * the reader's language already. */
static void add_note(reader *r, import_notes *notes, unsigned line,
                     const char *text)
{
    ARENA_ROOM(r->a, notes->items, notes->count, notes->cap, 4);
    notes->items[notes->count].line = line;
    notes->items[notes->count].text = arena_strdup(r->a, text);
    notes->count++;
    r->plan->review++;
    if (r->warnings && r->src && line) {
        size_t len = 0;
        source_line(r->src, line, &len);
        diag_at(r->warnings, DIAG_WARNING, r->src,
                source_pos_at(r->src, line - 1, 0), len ? len : 1, "%s", text);
    } else if (r->warnings && r->src) {
        diag_file(r->warnings, DIAG_WARNING, r->src->path, "%s", text);
    }
}

static void import_read_note(reader *r, import_notes *notes, unsigned line,
                             const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* A note made from fmt, which is translated here. */
static void import_read_note(reader *r, import_notes *notes, unsigned line,
                             const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    strbuf sb = STRBUF_INIT;
    strbuf_vprintf(&sb, _(fmt), ap);
    va_end(ap);
    add_note(r, notes, line, strbuf_str(&sb));
    strbuf_release(&sb);
}

/* A paragraph's text, a table row's cells joined, to quote in the note
 * on a paragraph not placed, so that nothing is lost. */
static const char *para_text(reader *r, const import_para *p)
{
    if (!p->cells)
        return p->text;
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < p->ncells; i++)
        strbuf_printf(&sb, "%s%s", i ? " | " : "", p->cells[i]);
    const char *text = arena_strdup(r->a, strbuf_str(&sb));
    strbuf_release(&sb);
    return text;
}

static bool starts(const char *s, const char *ascii)
{
    size_t after;
    return import_phrase_starts(s, ascii, &after);
}

static bool has(const char *s, const char *ascii)
{
    size_t end;
    return import_phrase_find(s, ascii, &end) != NULL;
}

/* --- header -------------------------------------------------------------- */

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);
    return n >= k && strcmp(s + n - k, tail) == 0;
}

static bool opens_closing(const import_para *p)
{
    return !p->cells && starts(p->text, "tren day");
}

static bool opens_recipients(const import_para *p)
{
    return !p->cells && starts(p->text, "noi nhan");
}

/* "PHỤ LỤC" (I, II, ...) opening an appendix. */
static bool opens_appendix(const import_para *p)
{
    return !p->cells && p->caps && starts(p->text, "phu luc");
}

/* "(Ban hành kèm theo Quyết định số ...)" under an attached plan's title,
 * or "(Kèm theo Kế hoạch số ...)" under an appendix's: where the text
 * belongs, not a document the plan implements. */
static bool attached_line(const import_para *p)
{
    const char *t = p->text;
    if (*t != '(' || !ends_with(t, ")"))
        return false;
    t++;
    size_t after;
    return import_phrase_starts(t, "ban hanh kem theo", &after) ||
           import_phrase_starts(t, "kem theo", &after);
}

/* "Bạc Liêu, ngày 23 tháng 02 năm 2024", with blanks where not filled in. */
static bool read_date_line(reader *r, const char *s)
{
    const char *comma = strstr(s, ", ");
    if (!comma || comma == s)
        return false;
    const char *q = comma + 2;
    size_t after;
    if (!import_phrase_starts(q, "ngay", &after))
        return false;
    q += after;
    int v[3] = {0, 0, 0};
    static const char *const words[] = {"thang", "nam"};
    for (int k = 0; k < 3; k++) {
        while (*q == ' ' || *q == '.' || *q == '_')
            q++;
        int x = 0, digits = 0;
        while (*q >= '0' && *q <= '9' && digits < 4) {
            x = x * 10 + (*q++ - '0');
            digits++;
        }
        v[k] = x;
        while (*q == ' ' || *q == '.' || *q == '_')
            q++;
        if (k < 2) {
            if (!import_phrase_starts(q, words[k], &after))
                return false;
            q += after;
        }
    }
    int d = v[0], m = v[1], y = v[2];
    if (y < 2000 || y > 2100)
        return false;
    r->plan->place = import_phrase_trim(r->a, s, (size_t)(comma - s));
    r->plan->year = y;
    if (m >= 1 && m <= 12 && d >= 1 && d <= 31)
        r->plan->issued = arena_printf(r->a, "%04d-%02d-%02d", y, m, d);
    else if (m >= 1 && m <= 12)
        r->plan->issued = arena_printf(r->a, "%04d-%02d", y, m);
    else
        r->plan->issued = arena_printf(r->a, "%04d", y);
    return true;
}

static bool read_number(reader *r, const import_para *p)
{
    size_t after;
    if (!import_phrase_starts(p->text, "so", &after))
        return false;
    const char *s = p->text + after;
    while (*s == ' ')
        s++;
    if (*s != ':')
        return false;
    /* the number is one word, spaces left after the "/" aside ("09/ KH");
     * a place and date line printed beside it in a text file follows */
    strbuf sb = STRBUF_INIT;
    for (s++; *s == ' '; s++)
        ;
    for (; *s && (*s != ' ' || (sb.len && (sb.buf[sb.len - 1] == '/' ||
                                           sb.buf[sb.len - 1] == '-')));
         s++)
        if (*s != ' ')
            strbuf_putc(&sb, *s);
    if (sb.len)
        r->plan->number = arena_strdup(r->a, sb.buf);
    strbuf_release(&sb);
    while (*s == ' ')
        s++;
    if (*s && !(r->plan->place || read_date_line(r, s)))
        import_read_note(r, &r->plan->notes[IMPORT_SLOT_HEADER], p->line,
                         "text not placed in the header: %s", s);
    return true;
}

/* The issuer named in the preamble: "..., Sở Y tế ban hành Kế hoạch ...". */
static const char *issuer_in(reader *r, const char *s)
{
    static const char *const verbs[] = {"ban hanh ke hoach",
                                        "xay dung ke hoach"};
    /* the last mention: earlier ones belong to the documents cited */
    const char *at = NULL;
    for (size_t k = 0; k < 2; k++) {
        size_t end;
        for (const char *q = s, *hit;
             (hit = import_phrase_find(q, verbs[k], &end)); q = hit + end)
            if (!at || hit > at)
                at = hit;
    }
    if (!at)
        return NULL;
    const char *start = at;
    while (start > s && !(start[-1] == ' ' && start >= s + 2 &&
                          (start[-2] == ',' || start[-2] == '.')))
        start--;
    char *who = import_phrase_trim(r->a, start, (size_t)(at - start));
    /* a clause that is itself a citation names no issuer */
    if (!*who || strlen(who) >= 160 || starts(who, "thuc hien") ||
        starts(who, "can cu") || strpbrk(who, "0123456789/"))
        return NULL;
    return who;
}

/* "tỉnh X" or "thành phố X" as the text writes the place. */
static const char *place_kind(reader *r, const import_doc *doc)
{
    const char *place = r->plan->place;
    if (!place)
        return NULL;
    char *city = arena_printf(r->a, "thành phố %s", place);
    char *province = arena_printf(r->a, "tỉnh %s", place);
    for (size_t i = 0; i < doc->count; i++) {
        if (strstr(doc->paras[i].text, city))
            return city;
        if (strstr(doc->paras[i].text, province))
            return province;
    }
    return province;
}

/* caps as the document writes it elsewhere in ordinary case ("ỦY BAN NHÂN
 * DÂN TỈNH KON TUM" -> "Ủy ban nhân dân tỉnh Kon Tum" of a later sentence),
 * or NULL: the letters compared without case, marks and all. */
static const char *written_as(reader *r, const import_doc *doc,
                              const char *caps)
{
    size_t n = strlen(caps);
    for (size_t i = 0; i < doc->count; i++) {
        const char *t = doc->paras[i].text;
        if (doc->paras[i].caps || doc->paras[i].cells)
            continue;
        for (size_t at = 0; t[at]; at++) {
            size_t a = at, b = 0;
            while (b < n && t[a]) {
                int32_t x, y;
                size_t lx = utf8_decode(t + a, strnlen(t + a, 4), &x);
                size_t ly = utf8_decode(caps + b, n - b, &y);
                if (!lx || !ly || utf8proc_tolower(x) != utf8proc_tolower(y))
                    break;
                a += lx;
                b += ly;
            }
            if (b == n && (at == 0 || t[at - 1] == ' '))
                return arena_strndup(r->a, t + at, a - at);
        }
    }
    return NULL;
}

/* Completes a body named without its province ("Sở Tư pháp") with the
 * place, unless the header's issuer block names no place at all: a
 * ministry or a central body ("BỘ TƯ PHÁP") is not one of a province. */
static void complete_issuer(reader *r, const import_doc *doc, const char *who,
                            const import_strs *block)
{
    const char *place = r->plan->place;
    bool local = !block->count;
    static const char *const place_words[] = {"tinh", "thanh pho", "huyen",
                                              "quan", "thi xa",    "ubnd"};
    for (size_t i = 0; i < block->count && !local; i++)
        local = import_phrase_find_any(block->items[i], strlen(block->items[i]),
                                       place_words,
                                       sizeof place_words / sizeof *place_words,
                                       NULL, &(size_t){0}) != NULL;
    if (!place && local) {
        /* no date line (a text box left out of a text export): the
         * province the block names, as the text writes it */
        const char *province = NULL;
        for (size_t i = 0; i < block->count && !province; i++) {
            size_t m;
            const char *at = import_phrase_find(block->items[i], "tinh", &m);
            if (at && at[m] == ' ')
                province = written_as(r, doc, at);
        }
        r->plan->issuer = province && !strstr(who, province)
                              ? arena_printf(r->a, "%s %s", who, province)
                              : who;
        return;
    }
    if (!place || !local) {
        r->plan->issuer = who;
        return;
    }
    if (ends_with(who, " tỉnh") || ends_with(who, " thành phố") ||
        ends_with(who, " huyện") || ends_with(who, " quận") ||
        ends_with(who, " thị xã")) {
        r->plan->issuer = arena_printf(r->a, "%s %s", who, place);
        return;
    }
    if (strstr(who, place)) {
        r->plan->issuer = who;
        return;
    }
    r->plan->issuer = arena_printf(r->a, "%s %s", who, place_kind(r, doc));
}

/* The issuer from the symbol of the number ("/KH-STP"): the bodies that
 * issue legal-aid plans. */
static const char *issuer_of_symbol(const char *number)
{
    static const struct {
        const char *symbol, *body;
    } symbols[] = {
        {"-UBND", "Ủy ban nhân dân"},
        {"-STP", "Sở Tư pháp"},
        {"-SYT", "Sở Y tế"},
        {"-SLĐTBXH", "Sở Lao động - Thương binh và Xã hội"},
        {"-BTP", "Bộ Tư pháp"},
        {"-TGPL", "Trung tâm Trợ giúp pháp lý nhà nước"},
    };
    if (!number)
        return NULL;
    for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++) {
        size_t n = strlen(number), k = strlen(symbols[i].symbol);
        if (n >= k && strcmp(number + n - k, symbols[i].symbol) == 0)
            return symbols[i].body;
    }
    return NULL;
}

/* --- the content part ---------------------------------------------------- */

typedef struct node {
    const import_para *head; /* NULL for the part itself */
    int level;
    struct node **children;
    size_t nchildren, children_cap;
    const import_para **lines; /* bullets, plain paragraphs, table rows */
    size_t nlines, lines_cap;
} node;

static int level_of(const import_para *p)
{
    switch (p->mark) {
    case IMPORT_MARK_NUMBER: {
        int depth = 1;
        for (const char *k = p->key; *k; k++)
            depth += *k == '.';
        return depth;
    }
    case IMPORT_MARK_LETTER:
        return 10;
    case IMPORT_MARK_ACTIVITY:
        return 11;
    default:
        return 0;
    }
}

static node *node_new(arena *a, const import_para *head, int level)
{
    node *n = arena_alloc(a, sizeof *n);
    n->head = head;
    n->level = level;
    return n;
}

static node *build_tree(arena *a, const import_para *paras, size_t from,
                        size_t to)
{
    node *root = node_new(a, NULL, 0);
    node *stack[64];
    size_t depth = 1;
    stack[0] = root;
    for (size_t i = from; i < to; i++) {
        const import_para *p = &paras[i];
        int level = p->cells ? 0 : level_of(p);
        if (level == 0) {
            node *cur = stack[depth - 1];
            ARENA_ROOM(a, cur->lines, cur->nlines, cur->lines_cap, 4);
            cur->lines[cur->nlines++] = p;
            continue;
        }
        while (depth > 1 && stack[depth - 1]->level >= level)
            depth--;
        node *n = node_new(a, p, level);
        node *parent = stack[depth - 1];
        ARENA_ROOM(a, parent->children, parent->nchildren, parent->children_cap,
                   4);
        parent->children[parent->nchildren++] = n;
        if (depth < sizeof stack / sizeof stack[0])
            stack[depth++] = n;
    }
    return root;
}

static void set_field(reader *r, import_activity *act, import_field f,
                      const char *value, const import_para *p);

/* A sentence of the activity's description that assigns it ("... sơ kết.
 * Giao Phòng Tư pháp huyện chủ trì thực hiện trong tháng 11/2025."): what
 * it says, in *said, when the title said no lead. */
static void assignment_in_description(reader *r, const import_activity *act,
                                      import_sentence *said)
{
    for (size_t i = 0; i < act->description.count; i++) {
        const char *d = act->description.items[i];
        /* each sentence: the paragraph's start, and after each ". " */
        for (const char *at = d; at;) {
            const char *sentence = at;
            at = strstr(at, ". ");
            if (at)
                at += 2;
            size_t after;
            if (!import_phrase_starts(sentence, "giao", &after))
                continue;
            import_sentence found;
            import_sentence_read(r->a, sentence, &found);
            if (found.lead) {
                *said = found;
                return;
            }
        }
    }
}

/* The fields the activity's title states: a closing bracket of labelled
 * fields (taken out of the title), else the units and time its sentence
 * names, for the fields its own lines left empty. A lead read as the
 * subject of the sentence is marked for review. */
static void title_fields(reader *r, import_activity *act, const import_para *p)
{
    const char *title = act->title;
    size_t cut = import_sentence_bracket(title);
    if (title[cut]) {
        const char *inner = title + cut + 1;
        while (*inner == ' ')
            inner++;
        const char *close = strrchr(inner, ')');
        char *fields = arena_strndup(r->a, inner, (size_t)(close - inner));
        import_labelled chain[8];
        size_t n = import_sentence_labels(fields, chain, 8);
        for (size_t k = 0; k < n; k++)
            set_field(r, act, chain[k].field,
                      arena_strndup(r->a, fields + chain[k].from,
                                    chain[k].to - chain[k].from),
                      p);
        act->title = import_phrase_trim(r->a, title, cut);
        return;
    }
    if (act->lead.count && act->partners.count && act->time)
        return;
    import_sentence said;
    import_sentence_read(r->a, title, &said);
    if (!said.lead && !act->lead.count)
        assignment_in_description(r, act, &said);
    if (!act->lead.count && said.lead) {
        import_phrase_units_split(r->a, said.lead, &act->lead, &r->known_units);
        if (said.subject)
            import_read_note(r, &act->notes, act->line,
                             "activity %s: the lead \"%s\" is the subject of "
                             "its sentence; check it",
                             act->id, said.lead);
    }
    /* partners only from a sentence that names its lead too: "phối hợp
     * với" in any other sentence may be how the work is done */
    if (!act->partners.count && said.partners && said.lead)
        import_phrase_units_split(r->a, said.partners, &act->partners,
                                  &r->known_units);
    if (!act->time && said.time)
        act->time = said.time;
}

static void add_activity(reader *r, import_section *sec,
                         const import_activity *act)
{
    ARENA_ROOM(r->a, sec->activities, sec->nactivities, sec->activities_cap, 4);
    import_activity *added = &sec->activities[sec->nactivities++];
    *added = *act;
    if (added->title)
        title_fields(r, added,
                     &(import_para){.text = added->title, .line = added->line});
    r->plan->activities++;
}

/* "Không" (none) in a partners' cell: no partner. */
static bool says_none(const char *value)
{
    size_t after;
    while (*value == ' ')
        value++;
    if (!import_phrase_starts(value, "khong", &after))
        return false;
    return strspn(value + after, " .;-") == strlen(value + after);
}

static void set_field(reader *r, import_activity *act, import_field f,
                      const char *value, const import_para *p)
{
    const char **slot = NULL;
    switch (f) {
    case IMPORT_FIELD_LEAD:
        if (act->lead.count) {
            import_read_note(r, &act->notes, p->line,
                             "text not placed (a second lead): %s",
                             para_text(r, p));
            return;
        }
        if (strchr(value, ';'))
            import_phrase_units_split(r->a, value, &act->lead, &r->known_units);
        else if (*value)
            import_phrase_strs_add(r->a, &act->lead,
                                   import_phrase_trim(r->a, value,
                                                      strlen(value)));
        return;
    case IMPORT_FIELD_PARTNERS:
        if (act->partners.count) {
            import_read_note(r, &act->notes, p->line,
                             "text not placed (a second list of partners): %s",
                             para_text(r, p));
            return;
        }
        if (!says_none(value))
            import_phrase_units_split(r->a, value, &act->partners,
                                      &r->known_units);
        return;
    case IMPORT_FIELD_TIME:
        slot = &act->time;
        break;
    case IMPORT_FIELD_OUTPUT:
        slot = &act->output;
        break;
    default:
        import_read_note(r, &act->notes, p->line,
                         "text not placed in the activity: %s",
                         para_text(r, p));
        return;
    }
    if (*slot) {
        import_read_note(r, &act->notes, p->line,
                         "text not placed (the field is given twice): %s",
                         para_text(r, p));
        return;
    }
    while (*value == ' ')
        value++;
    *slot = *value ? arena_strdup(r->a, value) : "";
}

/* Fills act from the lines under its heading: labelled fields, "+" lines
 * that go on with the time, the sentence naming lead and partners, and
 * before the first field a description. */
static void read_fields(reader *r, import_activity *act,
                        const import_para **lines, size_t n)
{
    bool fields = false;
    import_field last = IMPORT_FIELD_NONE;
    strbuf time = STRBUF_INIT; /* a time given over several lines */
    for (size_t i = 0; i < n; i++) {
        const import_para *p = lines[i];
        if (p->cells) {
            import_read_note(r, &act->notes, p->line,
                             "text not placed in the activity: %s",
                             para_text(r, p));
            continue;
        }
        if (p->mark == IMPORT_MARK_PLUS && last == IMPORT_FIELD_TIME &&
            act->time) {
            if (!time.len)
                strbuf_puts(&time, act->time);
            if (time.len)
                strbuf_putc(&time, '\n');
            strbuf_puts(&time, p->body);
            continue;
        }
        const char *text =
            (p->mark == IMPORT_MARK_BULLET || p->mark == IMPORT_MARK_PLUS)
                ? p->body
                : p->text;
        import_labelled chain[8];
        size_t nchain = import_sentence_labels(text, chain, 8);
        if (nchain) {
            for (size_t k = 0; k < nchain; k++)
                set_field(r, act, chain[k].field,
                          arena_strndup(r->a, text + chain[k].from,
                                        chain[k].to - chain[k].from),
                          p);
            last = chain[nchain - 1].field;
            fields = true;
        } else if (!act->lead.count && !act->assignment &&
                   import_phrase_assignment(r->a, text, &act->lead,
                                            &act->partners)) {
            act->assignment = text;
            last = IMPORT_FIELD_LEAD;
            fields = true;
        } else if (!fields) {
            import_phrase_strs_add(r->a, &act->description, text);
        } else {
            import_read_note(r, &act->notes, p->line,
                             "text not placed after the activity's fields: %s",
                             para_text(r, p));
        }
    }
    if (time.len)
        act->time = arena_strdup(r->a, time.buf);
    strbuf_release(&time);
}

static bool has_fields(const node *n)
{
    for (size_t i = 0; i < n->nlines; i++) {
        const import_para *p = n->lines[i];
        if (p->cells)
            continue;
        const char *text = p->mark == IMPORT_MARK_BULLET ? p->body : p->text;
        size_t value;
        if (import_phrase_label(text, &value) != IMPORT_FIELD_NONE)
            return true;
    }
    return false;
}

static char *child_id(reader *r, const char *parent, const import_para *head,
                      size_t nth, size_t siblings_unnumbered)
{
    switch (head->mark) {
    case IMPORT_MARK_NUMBER:
        if (parent && !strchr(head->key, '.'))
            return arena_printf(r->a, "%s.%s", parent, head->key);
        return arena_strdup(r->a, head->key);
    case IMPORT_MARK_LETTER:
        return parent ? arena_printf(r->a, "%s.%s", parent, head->key)
                      : arena_strdup(r->a, head->key);
    case IMPORT_MARK_ACTIVITY:
        if (*head->key)
            return parent ? arena_printf(r->a, "%s.HĐ%s", parent, head->key)
                          : arena_printf(r->a, "HĐ%s", head->key);
        if (siblings_unnumbered == 1 && parent)
            return arena_strdup(r->a, parent);
        return parent ? arena_printf(r->a, "%s.HĐ%zu", parent, nth)
                      : arena_printf(r->a, "HĐ%zu", nth);
    default:
        return arena_printf(r->a, "%zu", nth);
    }
}

static void read_table(reader *r, import_section *sec, const import_para **rows,
                       size_t n, import_section **sections, size_t *nsections,
                       size_t *sections_cap);

/* The table rows among a node's lines, in their order (*count of them). */
static const import_para **table_rows(arena *a, const node *n, size_t *count)
{
    const import_para **rows = NULL;
    size_t cap = 0;
    *count = 0;
    for (size_t i = 0; i < n->nlines; i++)
        if (n->lines[i]->cells) {
            ARENA_ROOM(a, rows, *count, cap, 4);
            rows[(*count)++] = n->lines[i];
        }
    return rows;
}

/* An activity from a leaf node. */
static void leaf_activity(reader *r, import_section *sec, const node *n,
                          const char *id)
{
    import_activity act = {0};
    act.id = id;
    act.title = n->head->body;
    act.line = n->head->line;
    read_fields(r, &act, n->lines, n->nlines);
    add_activity(r, sec, &act);
}

static void read_section(reader *r, import_section *sec, const node *n,
                         const char *parent_id);

/* A leaf section: the heading is also its activity, or its bullets are. */
static void leaf_section(reader *r, import_section *sec, const node *n)
{
    if (has_fields(n)) {
        /* one activity: the heading, or the one action paragraph under it */
        size_t plain = 0;
        const import_para *first_plain = NULL;
        for (size_t i = 0; i < n->nlines; i++)
            if (n->lines[i]->mark == IMPORT_MARK_NONE && !n->lines[i]->cells) {
                if (!plain)
                    first_plain = n->lines[i];
                plain++;
            } else {
                break;
            }
        import_activity act = {0};
        act.id = sec->id;
        act.line = n->head->line;
        if (plain == 1 && import_sentence_starts_with_verb(first_plain->text) &&
            import_phrase_label(first_plain->text, &(size_t){0}) ==
                IMPORT_FIELD_NONE) {
            act.title = first_plain->text;
            read_fields(r, &act, n->lines + 1, n->nlines - 1);
        } else {
            act.title = sec->title;
            read_fields(r, &act, n->lines, n->nlines);
        }
        add_activity(r, sec, &act);
        return;
    }
    size_t k = 0, nrows;
    const import_para **rows = table_rows(r->a, n, &nrows);
    for (size_t i = 0; i < n->nlines; i++) {
        const import_para *p = n->lines[i];
        if (p->cells) {
            continue;
        } else if (p->mark == IMPORT_MARK_BULLET ||
                   (p->mark == IMPORT_MARK_NONE && k > 0)) {
            import_activity act = {0};
            act.id = arena_printf(r->a, "%s.%zu", sec->id, ++k);
            act.title = p->mark == IMPORT_MARK_BULLET ? p->body : p->text;
            act.line = p->line;
            add_activity(r, sec, &act);
        } else if (p->mark == IMPORT_MARK_NONE) {
            import_phrase_strs_add(r->a, &sec->description, p->text);
        } else {
            import_read_note(r, &sec->notes, p->line,
                             "text not placed in the section: %s",
                             para_text(r, p));
        }
    }
    if (nrows)
        read_table(r, sec, rows, nrows, &sec->sections, &sec->nsections,
                   &sec->sections_cap);
    if (!sec->nactivities && !sec->nsections) {
        /* a heading alone is one activity */
        import_activity act = {0};
        act.id = sec->id;
        act.title = sec->title;
        act.line = n->head->line;
        sec->description = (import_strs){0};
        for (size_t i = 0; i < n->nlines; i++)
            if (!n->lines[i]->cells)
                import_phrase_strs_add(r->a, &act.description,
                                       n->lines[i]->text);
        add_activity(r, sec, &act);
    }
}

/* The sentence that closes a section and assigns all its items ("a)
 * ... b) ... Giao Phòng Tư pháp chủ trì, phối hợp với ... thực hiện;
 * hoàn thành trong Quý II/2025"), which the tree hangs under the last
 * item: taken from it, its units and time become the section's defaults
 * where the section's own lines gave none. */
static void closing_assignment(reader *r, import_section *sec, node *last)
{
    if (last->nchildren || !last->nlines)
        return;
    const import_para *p = last->lines[last->nlines - 1];
    size_t after;
    if (p->cells || p->mark != IMPORT_MARK_NONE ||
        !import_phrase_starts(p->text, "giao", &after))
        return;
    import_sentence said;
    import_sentence_read(r->a, p->text, &said);
    if (!said.lead)
        return;
    last->nlines--;
    if (!sec->lead.count)
        import_phrase_units_split(r->a, said.lead, &sec->lead, &r->known_units);
    if (!sec->partners.count && said.partners)
        import_phrase_units_split(r->a, said.partners, &sec->partners,
                                  &r->known_units);
    if (!sec->time && said.time)
        sec->time = said.time;
}

static void read_section(reader *r, import_section *sec, const node *n,
                         const char *parent_id)
{
    sec->id = child_id(r, parent_id, n->head, 1, 0);
    sec->title = n->head->body;
    sec->line = n->head->line;
    if (!n->nchildren) {
        leaf_section(r, sec, n);
        return;
    }
    /* lines before the first child: a description, or defaults */
    import_activity defaults = {0};
    read_fields(r, &defaults, n->lines, n->nlines);
    sec->description = defaults.description;
    sec->lead = defaults.lead;
    sec->partners = defaults.partners;
    sec->time = defaults.time;
    sec->notes = defaults.notes;
    closing_assignment(r, sec, n->children[n->nchildren - 1]);
    if (defaults.output)
        import_read_note(r, &sec->notes, n->head->line,
                         "the section names an output of its own: %s",
                         defaults.output);
    size_t unnumbered = 0;
    for (size_t i = 0; i < n->nchildren; i++)
        unnumbered += n->children[i]->head->mark == IMPORT_MARK_ACTIVITY &&
                      !*n->children[i]->head->key;
    size_t nth_unnumbered = 0;
    for (size_t i = 0; i < n->nchildren; i++) {
        const node *c = n->children[i];
        size_t nth = i + 1;
        if (c->head->mark == IMPORT_MARK_ACTIVITY && !*c->head->key)
            nth = ++nth_unnumbered;
        if (!c->nchildren && (c->head->mark != IMPORT_MARK_NUMBER ||
                              has_fields(c) || c->level > 1)) {
            leaf_activity(r, sec, c,
                          child_id(r, sec->id, c->head, nth, unnumbered));
            continue;
        }
        ARENA_ROOM(r->a, sec->sections, sec->nsections, sec->sections_cap, 4);
        import_section *sub = &sec->sections[sec->nsections++];
        memset(sub, 0, sizeof *sub);
        read_section(r, sub, c, sec->id);
    }
}

/* Rows of a table of activities: a header row names the columns; a row
 * with a Roman number, or with nothing but a number and a title, is a
 * section; any other row is an activity. */
static void read_table(reader *r, import_section *sec, const import_para **rows,
                       size_t n, import_section **sections, size_t *nsections,
                       size_t *sections_cap)
{
    import_field columns[32];
    size_t ncolumns = 0;
    import_section *current = sec;
    import_strs above = {0}; /* the lead of the row above, in its section */
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const import_para *p = rows[i];
        size_t titles = 0, known = 0;
        for (size_t c = 0; c < p->ncells && c < 32; c++) {
            import_field f = import_phrase_column(p->cells[c]);
            titles += f == IMPORT_FIELD_TITLE;
            known += f != IMPORT_FIELD_NONE;
        }
        if (titles == 1 && known >= 2) {
            ncolumns = p->ncells < 32 ? p->ncells : 32;
            for (size_t c = 0; c < ncolumns; c++)
                columns[c] = import_phrase_column(p->cells[c]);
            continue;
        }
        if (!ncolumns) {
            import_read_note(
                r, &current->notes, p->line,
                "text not placed (a table row before the table's header): %s",
                para_text(r, p));
            continue;
        }
        import_activity act = {0};
        const char *number = NULL;
        bool any_field = false;
        for (size_t c = 0; c < ncolumns && c < p->ncells; c++) {
            const char *cell = p->cells[c];
            switch (columns[c]) {
            case IMPORT_FIELD_NUMBER:
                number = *cell ? cell : NULL;
                break;
            case IMPORT_FIELD_TITLE:
                act.title = *cell ? cell : NULL;
                break;
            case IMPORT_FIELD_NONE:
                if (*cell)
                    import_read_note(r, &act.notes, p->line,
                                     "a column the import does not know: %s",
                                     cell);
                break;
            default:
                if (*cell) {
                    set_field(r, &act, columns[c], cell, p);
                    any_field = true;
                }
            }
        }
        /* a group row merged across, its text in the number column ("Nhóm
         * nhiệm vụ ... | | | |"): a section */
        if (!act.title && number && !any_field &&
            !strpbrk(number, "0123456789") && strlen(number) > 4) {
            act.title = number;
            number = NULL;
        }
        if (!act.title) {
            import_read_note(
                r, &current->notes, p->line,
                "text not placed (a table row without content): %s",
                para_text(r, p));
            continue;
        }
        /* the STT cell: "I", "1", "1.2", "a", with or without a closing
         * '.' or ')' */
        const char *key = NULL;
        bool roman = false;
        if (number) {
            size_t kl = strlen(number);
            while (kl && (number[kl - 1] == '.' || number[kl - 1] == ')'))
                kl--;
            key = kl ? arena_strndup(r->a, number, kl) : NULL;
            roman = key && strspn(key, "IVX") == kl;
        }
        if ((roman || !any_field) && sections) {
            *sections = arena_room(r->a, *sections, *nsections, sections_cap, 4,
                                   sizeof **sections);
            current = &(*sections)[(*nsections)++];
            memset(current, 0, sizeof *current);
            current->id =
                key && !roman ? key : arena_printf(r->a, "%zu", *nsections);
            current->title = act.title;
            current->line = p->line;
            k = 0;
            above = (import_strs){0};
            continue;
        }
        k++;
        if (key && strchr(key, '.'))
            act.id = key;
        else if (key)
            act.id = current->id ? arena_printf(r->a, "%s.%s", current->id, key)
                                 : key;
        else
            act.id = current->id ? arena_printf(r->a, "%s.%zu", current->id, k)
                                 : arena_printf(r->a, "%zu", k);
        act.line = p->line;
        bool lead_column = false;
        for (size_t c = 0; c < ncolumns; c++)
            lead_column |= columns[c] == IMPORT_FIELD_LEAD;
        if (lead_column && !act.lead.count && above.count) {
            /* a lead cell merged down reads empty in a text export */
            act.lead = above;
            import_read_note(r, &act.notes, p->line,
                             "activity %s: the lead unit's cell is empty; the "
                             "unit of the row above is taken (a cell merged "
                             "down reads empty in text); check it",
                             act.id);
        }
        add_activity(r, current, &act);
        above = current->activities[current->nactivities - 1].lead;
    }
}

static void read_content(reader *r, const import_doc *doc, size_t from,
                         size_t to)
{
    node *root = build_tree(r->a, doc->paras, from, to);
    import_plan *p = r->plan;
    size_t nrows;
    const import_para **rows = table_rows(r->a, root, &nrows);
    for (size_t i = 0; i < root->nlines; i++)
        if (!root->lines[i]->cells)
            import_read_note(r, &p->notes[IMPORT_SLOT_SECTIONS],
                             root->lines[i]->line,
                             "text not placed before the first section: %s",
                             para_text(r, root->lines[i]));
    if (nrows) {
        import_section holder = {0};
        read_table(r, &holder, rows, nrows, &p->sections, &p->nsections,
                   &p->sections_cap);
        if (holder.nactivities) {
            /* activities before any section row: a section of their own */
            holder.id = "1";
            holder.title = p->content_title ? p->content_title : "Nội dung";
            import_read_note(
                r, &holder.notes, holder.activities[0].line,
                "the table has no section rows; its activities are put in one section");
            ARENA_ROOM(r->a, p->sections, p->nsections, p->sections_cap, 4);
            memmove(p->sections + 1, p->sections,
                    p->nsections * sizeof *p->sections);
            p->sections[0] = holder;
            p->nsections++;
        }
        for (size_t i = 0; i < holder.notes.count && !holder.nactivities; i++)
            add_note(r, &p->notes[IMPORT_SLOT_SECTIONS],
                     holder.notes.items[i].line, holder.notes.items[i].text);
    }
    for (size_t i = 0; i < root->nchildren; i++) {
        ARENA_ROOM(r->a, p->sections, p->nsections, p->sections_cap, 4);
        import_section *sec = &p->sections[p->nsections++];
        memset(sec, 0, sizeof *sec);
        read_section(r, sec, root->children[i], NULL);
    }
}

/* --- organisation: reporting duties and default units -------------------- */

static void add_duties(reader *r, const char *text, const import_strs *by)
{
    import_phrase_duties(r->a, text, by, &r->plan->reports, &r->plan->nreports,
                         &r->plan->reports_cap);
}

typedef struct org_point {
    import_strs subject;
    bool reports;
} org_point;

typedef struct org_points {
    org_point *items;
    size_t count, cap;
} org_points;

static import_activity *activity_by_id(import_section *secs, size_t n,
                                       const char *id)
{
    for (size_t s = 0; s < n; s++) {
        for (size_t i = 0; i < secs[s].nactivities; i++)
            if (!strcmp(secs[s].activities[i].id, id))
                return &secs[s].activities[i];
        import_activity *found =
            activity_by_id(secs[s].sections, secs[s].nsections, id);
        if (found)
            return found;
    }
    return NULL;
}

/* A point of Tổ chức thực hiện that assigns activities by their numbers:
 * "Phòng Tư pháp huyện chủ trì thực hiện các nội dung 1, 2 và 4 Mục II,
 * phối hợp với ...". The activities that name no lead or partners of their
 * own take the point's. */
static void assign_by_point(reader *r, const char *text)
{
    size_t match;
    const char *at = import_phrase_find(text, "noi dung", &match);
    if (!at)
        return;
    const char *q = at + match;
    const char *ids[32];
    size_t nids = 0;
    for (;;) {
        while (*q == ' ')
            q++;
        size_t len = strspn(q, "0123456789.");
        if (!len || !(*q >= '0' && *q <= '9') || nids == 32)
            break;
        while (len && q[len - 1] == '.')
            len--;
        ids[nids++] = arena_strndup(r->a, q, len);
        q += len;
        size_t after;
        if (*q == ',')
            q++;
        else if (*q == ' ' && import_phrase_starts(q + 1, "va", &after))
            q += 1 + after;
        else
            break;
    }
    if (!nids)
        return;
    import_sentence said;
    import_sentence_read(r->a, text, &said);
    if (!said.lead)
        return;
    for (size_t k = 0; k < nids; k++) {
        import_activity *act =
            activity_by_id(r->plan->sections, r->plan->nsections, ids[k]);
        if (!act)
            continue;
        if (!act->lead.count)
            import_phrase_units_split(r->a, said.lead, &act->lead,
                                      &r->known_units);
        if (!act->partners.count && said.partners)
            import_phrase_units_split(r->a, said.partners, &act->partners,
                                      &r->known_units);
    }
}

static void read_organisation(reader *r, const import_doc *doc, size_t from,
                              size_t to, org_points *points)
{
    import_plan *p = r->plan;
    import_strs point_subject = {0};
    for (size_t i = from; i < to; i++) {
        const import_para *para = &doc->paras[i];
        if (para->cells) {
            import_read_note(r, &p->notes[IMPORT_SLOT_ORGANISATION], para->line,
                             "text not placed in Tổ chức thực hiện: %s",
                             para_text(r, para));
            continue;
        }
        bool bullet =
            para->mark == IMPORT_MARK_BULLET || para->mark == IMPORT_MARK_PLUS;
        import_phrase_strs_add(r->a, &p->organisation,
                               bullet ? para->body : para->text);
        if (para->mark == IMPORT_MARK_NUMBER ||
            para->mark == IMPORT_MARK_LETTER) {
            point_subject = (import_strs){0};
            import_phrase_subject(r->a, para->body, &point_subject);
            ARENA_ROOM(r->a, points->items, points->count, points->cap, 4);
            points->items[points->count++] = (org_point){point_subject, false};
        }
        import_strs own = {0};
        const char *text =
            para->mark == IMPORT_MARK_NONE ? para->text : para->body;
        assign_by_point(r, text);
        if (para->mark == IMPORT_MARK_NONE || bullet)
            import_phrase_subject(r->a, text, &own);
        if (!has(text, "bao cao"))
            continue;
        size_t before = p->nreports;
        add_duties(r, text, own.count && !bullet ? &own : &point_subject);
        if (p->nreports > before && points->count)
            points->items[points->count - 1].reports = true;
    }
}

/* Activities that name no lead or time take them from "Tổ chức thực hiện":
 * the first unit it charges leads, the others (but the one that reports)
 * take part. Marked for review: the plan does not say so in so many words. */
/* Whether any section or activity below names a lead, and a time. */
static void named_anywhere(const import_section *secs, size_t n, bool *lead,
                           bool *time)
{
    for (size_t s = 0; s < n; s++) {
        const import_section *sec = &secs[s];
        *lead |= sec->lead.count > 0;
        *time |= sec->time != NULL;
        for (size_t i = 0; i < sec->nactivities; i++) {
            *lead |= sec->activities[i].lead.count > 0;
            *time |= sec->activities[i].time != NULL;
        }
        named_anywhere(sec->sections, sec->nsections, lead, time);
    }
}

static void infer_defaults(reader *r, const org_point *points, size_t npoints)
{
    import_plan *p = r->plan;
    bool any_lead = false, any_time = false;
    named_anywhere(p->sections, p->nsections, &any_lead, &any_time);
    if (!p->activities)
        return;
    if (!any_lead) {
        for (size_t i = 0; i < npoints; i++) {
            if (!points[i].subject.count)
                continue;
            if (!p->default_lead.count)
                p->default_lead = points[i].subject;
            else if (!points[i].reports)
                for (size_t k = 0; k < points[i].subject.count; k++)
                    import_phrase_strs_add(r->a, &p->default_partners,
                                           points[i].subject.items[k]);
        }
        if (p->default_lead.count)
            import_read_note(
                r, &p->notes[IMPORT_SLOT_DEFAULTS], 0,
                "no activity names its units: the lead is the first unit charged in "
                "Tổ chức thực hiện, the partners the others; check them");
        else
            import_read_note(
                r, &p->notes[IMPORT_SLOT_DEFAULTS], 0,
                "no activity names its lead unit and Tổ chức thực hiện names none; "
                "add defaults.lead");
    }
    if (!any_time) {
        if (p->year) {
            p->default_time = arena_printf(r->a, "Trong năm %d", p->year);
            import_read_note(
                r, &p->notes[IMPORT_SLOT_DEFAULTS], 0,
                "no activity names its time: the plan year is assumed; check it");
        } else {
            import_read_note(
                r, &p->notes[IMPORT_SLOT_DEFAULTS], 0,
                "no activity names its time and the plan's year is not known; add "
                "defaults.time");
        }
    }
}

/* A time phrase `kehoach validate` will not understand gets a note now. */
static void check_time(reader *r, import_activity *act)
{
    when_context ctx = {r->plan->year, r->plan->year};
    if (r->plan->span_from)
        ctx = (when_context){r->plan->span_from, r->plan->span_to};
    when parsed;
    strbuf why = STRBUF_INIT;
    if (!when_parse(r->a, act->time, &ctx, &parsed, &why))
        import_read_note(
            r, &act->time_notes, act->line,
            "activity %s: the time \"%s\" is not understood (%s); keep the words as "
            "time.phrase and add from/to or by",
            act->id, act->time, strbuf_str(&why));
    strbuf_release(&why);
}

/* Each activity that still lacks a lead or a time gets a note. */
static void check_activities(reader *r, import_section *secs, size_t n,
                             bool lead_default, bool time_default)
{
    for (size_t s = 0; s < n; s++) {
        import_section *sec = &secs[s];
        bool lead_here = lead_default || sec->lead.count;
        bool time_here = time_default || sec->time;
        for (size_t i = 0; i < sec->nactivities; i++) {
            import_activity *act = &sec->activities[i];
            if (!act->lead.count && !lead_here)
                import_read_note(r, &act->notes, act->line,
                                 "activity %s: no lead unit found", act->id);
            if (!act->time && !time_here)
                import_read_note(r, &act->notes, act->line,
                                 "activity %s: no time found", act->id);
            else if (act->time && !*act->time)
                import_read_note(r, &act->notes, act->line,
                                 "activity %s: the time label has no text",
                                 act->id);
            else if (act->time && (r->plan->year || r->plan->span_from))
                check_time(r, act);
        }
        check_activities(r, sec->sections, sec->nsections, lead_here,
                         time_here);
    }
}

/* "Định kỳ báo cáo ..." in an activity's output is a duty of its own. */
static void duties_in_outputs(reader *r, const import_section *secs, size_t n)
{
    for (size_t s = 0; s < n; s++) {
        for (size_t i = 0; i < secs[s].nactivities; i++) {
            const char *out = secs[s].activities[i].output;
            if (!out)
                continue;
            size_t end;
            const char *dk = import_phrase_find(out, "dinh ky bao cao", &end);
            if (dk)
                add_duties(r, dk, NULL);
        }
        duties_in_outputs(r, secs[s].sections, secs[s].nsections);
    }
}

/* --- the document -------------------------------------------------------- */

typedef enum part {
    PART_NONE,
    PART_PURPOSES,
    PART_REQUIREMENTS,
    PART_PURPOSES_REQUIREMENTS,
    PART_CONTENT,
    PART_BUDGET,
    PART_ORGANISATION,
} part;

static part part_of(const char *heading)
{
    bool purposes = has(heading, "muc dich") || has(heading, "muc tieu");
    bool requirements = has(heading, "yeu cau");
    if (purposes && requirements)
        return PART_PURPOSES_REQUIREMENTS;
    if (purposes)
        return PART_PURPOSES;
    if (requirements && !has(heading, "noi dung"))
        return PART_REQUIREMENTS;
    if (has(heading, "kinh phi"))
        return PART_BUDGET;
    if (has(heading, "to chuc thuc hien") ||
        has(heading, "trach nhiem thuc hien"))
        return PART_ORGANISATION;
    if (has(heading, "noi dung") || has(heading, "hoat dong") ||
        has(heading, "nhiem vu") || has(heading, "giai phap"))
        return PART_CONTENT;
    return PART_NONE;
}

static bool is_part_heading(const import_para *p)
{
    return p->mark == IMPORT_MARK_ROMAN;
}

/* "Nơi nhận" at paragraph i, its list and the signer block after it (the
 * authority in capitals, then the name): returns the index of the last
 * paragraph read. */
static size_t read_recipients(reader *r, const import_doc *doc, size_t i)
{
    import_plan *out = r->plan;
    const import_para *head = &doc->paras[i];
    size_t after;
    import_phrase_starts(head->text, "noi nhan", &after);
    const char *rest = head->text + after;
    while (*rest == ' ' || *rest == ':')
        rest++;
    if (*rest)
        import_read_note(r, &out->notes[IMPORT_SLOT_END], head->line,
                         "text after \"Nơi nhận:\" not placed: %s", rest);
    bool signer = false;
    size_t last = i;
    for (i++; i < doc->count; i++) {
        const import_para *p = &doc->paras[i];
        if (!signer &&
            (p->mark == IMPORT_MARK_BULLET || p->mark == IMPORT_MARK_PLUS)) {
            import_phrase_strs_add(r->a, &out->recipients, p->body);
        } else if (p->caps && !out->signer_name && !p->cells) {
            signer = true;
            import_phrase_strs_add(r->a, &out->signer_authority, p->text);
        } else if (!out->signer_name && !p->cells &&
                   (signer || p->mark == IMPORT_MARK_NONE)) {
            out->signer_name = p->text;
            return i;
        } else {
            return last;
        }
        last = i;
    }
    return last;
}

static void read_content(reader *r, const import_doc *doc, size_t from,
                         size_t to);

/* The appendix opening at paragraph i ("PHỤ LỤC", its title in
 * capitals, "(Kèm theo Kế hoạch số ...)"), up to "Nơi nhận" or the end:
 * it holds the activities when the content part had none ("Các nhiệm vụ
 * cụ thể tại Phụ lục kèm theo"). Returns the paragraph after it. */
static size_t read_appendix(reader *r, const import_doc *doc, size_t i)
{
    size_t end = i + 1;
    while (end < doc->count && !opens_recipients(&doc->paras[end]))
        end++;
    if (r->plan->nsections) {
        for (; i < end; i++)
            import_read_note(r, &r->plan->notes[IMPORT_SLOT_END],
                             doc->paras[i].line,
                             "text not placed in the appendix (the plan's "
                             "activities are read already): %s",
                             para_text(r, &doc->paras[i]));
        return end;
    }
    for (i++; i < end && !doc->paras[i].cells &&
              (doc->paras[i].caps || attached_line(&doc->paras[i]));
         i++)
        ;
    read_content(r, doc, i, end);
    return end;
}

/* The end of the document from paragraph i ("Nơi nhận") on: the list, the
 * signer, and an appendix after them. */
static void read_end(reader *r, const import_doc *doc, size_t i)
{
    for (i = read_recipients(r, doc, i) + 1; i < doc->count; i++) {
        const import_para *p = &doc->paras[i];
        if (opens_appendix(p)) {
            i = read_appendix(r, doc, i) - 1;
            continue;
        }
        import_read_note(r, &r->plan->notes[IMPORT_SLOT_END], p->line,
                         "text not placed after the signer: %s",
                         para_text(r, p));
    }
}

/* A title that runs on into the "(Ban hành kèm theo ...)" line under it
 * (a PDF's lines joined) ends before the bracket. */
static void cut_attachment(reader *r, import_plan *out)
{
    const char *open = strrchr(out->title, '(');
    if (open && open > out->title &&
        attached_line(&(import_para){.text = open}))
        out->title =
            import_phrase_trim(r->a, out->title, (size_t)(open - out->title));
}

/* The years of a multi-year plan's title: "giai đoạn 2024 – 2030",
 * "2026 - 2028". */
static bool span_in(const char *title, int *from, int *to)
{
    for (const char *q = title; *q; q++) {
        if (!(q[0] >= '0' && q[0] <= '9') ||
            (q > title && q[-1] >= '0' && q[-1] <= '9'))
            continue;
        int a = 0, b = 0, k = 0;
        while (k < 4 && q[k] >= '0' && q[k] <= '9')
            a = a * 10 + (q[k++] - '0');
        if (k != 4 || (q[k] >= '0' && q[k] <= '9'))
            continue;
        const char *t = q + 4;
        while (*t == ' ')
            t++;
        if (*t == '-')
            t++;
        else if (strncmp(t, "–", strlen("–")) == 0)
            t += strlen("–");
        else
            continue;
        while (*t == ' ')
            t++;
        k = 0;
        while (k < 4 && t[k] >= '0' && t[k] <= '9')
            b = b * 10 + (t[k++] - '0');
        if (k != 4 || (t[k] >= '0' && t[k] <= '9'))
            continue;
        if (a >= 2000 && b > a && b <= a + 20) {
            *from = a;
            *to = b;
            return true;
        }
    }
    return false;
}

/* "QUYẾT ĐỊNH" alone on its line: the plan is issued by a decision. */
static bool opens_decision(const import_para *p)
{
    size_t after;
    return p->caps && import_phrase_starts(p->text, "quyet dinh", &after) &&
           p->text[after] == '\0';
}

/* The header, up to the first part: the issuer block (capitals above the
 * number, into block), number, place and date, title (the paragraphs after
 * "KẾ HOẠCH"), preamble. A plan issued by a decision opens with the
 * decision: its number, date and signer are the plan's, its "Căn cứ" lines
 * the basis, its articles notes; the plan attached follows its signer.
 * Other capitals above the title go to caps. Returns the first part's
 * index. */
static size_t read_header(reader *r, const import_doc *doc, import_strs *caps,
                          import_strs *block)
{
    import_plan *out = r->plan;
    bool title_next = false, title_done = false, decision = false;
    bool above_number = true, signed_off = false;
    size_t i = 0;
    for (; i < doc->count && !is_part_heading(&doc->paras[i]); i++) {
        const import_para *p = &doc->paras[i];
        const import_para *next =
            i + 1 < doc->count ? &doc->paras[i + 1] : NULL;
        size_t after;
        bool motto = starts(p->text, "cong hoa xa hoi chu nghia viet nam") ||
                     starts(p->text, "doc lap");
        if (motto)
            continue;
        if (p->caps && above_number && !out->number && !opens_decision(p) &&
            !starts(p->text, "ke hoach")) {
            if (block->count && !import_phrase_opens_unit(p->text))
                block->items[block->count - 1] =
                    arena_printf(r->a, "%s %s", block->items[block->count - 1],
                                 p->text);
            else
                import_phrase_strs_add(r->a, block, p->text);
            continue;
        }
        above_number = false;
        if (p->cells)
            import_read_note(r, &out->notes[IMPORT_SLOT_HEADER], p->line,
                             "text not placed in the header: %s",
                             para_text(r, p));
        else if (!out->number && read_number(r, p))
            continue;
        else if (!out->place && read_date_line(r, p->text))
            continue;
        else if (!out->place && next && !next->cells &&
                 ends_with(p->text, "ngày") &&
                 read_date_line(r, arena_printf(r->a, "%s %s", p->text,
                                                next->text)))
            i++; /* "Hà Nội, ngày" / "05 tháng 3 năm 2025" */
        else if (!title_done && !decision && opens_decision(p))
            decision = true;
        else if (decision && !title_next && !title_done &&
                 starts(p->text, "can cu"))
            import_phrase_citations(r->a, p->text, out->place, &out->basis,
                                    &out->nbasis, &out->basis_cap);
        else if (decision && !signed_off && opens_recipients(p)) {
            i = read_recipients(r, doc, i);
            signed_off = true;
        } else if (!title_done &&
                   import_phrase_starts(p->text, "ke hoach", &after) &&
                   p->text[after] == '\0')
            title_next = true;
        else if (title_next) {
            /* a title printed over several lines */
            strbuf title = STRBUF_INIT;
            strbuf_puts(&title, p->text);
            while (i + 1 < doc->count && !doc->paras[i + 1].cells &&
                   doc->paras[i + 1].mark == IMPORT_MARK_NONE &&
                   import_phrase_starts_lower(doc->paras[i + 1].text) &&
                   !ends_with(strbuf_str(&title), ".")) {
                strbuf_printf(&title, " %s", doc->paras[++i].text);
            }
            out->title = arena_strdup(r->a, strbuf_str(&title));
            strbuf_release(&title);
            cut_attachment(r, out);
            title_next = false;
            title_done = true;
        } else if (title_done && attached_line(p))
            continue;
        else if (title_done)
            import_phrase_strs_add(r->a, &out->preamble, p->text);
        else if (p->caps && !decision)
            import_phrase_strs_add(r->a, caps, p->text);
        else if (decision && !signed_off)
            import_read_note(r, &out->notes[IMPORT_SLOT_HEADER], p->line,
                             "text of the decision that issues the plan, not "
                             "part of the plan: %s",
                             para_text(r, p));
        else if (!(decision && p->caps))
            import_read_note(r, &out->notes[IMPORT_SLOT_HEADER], p->line,
                             "text not placed in the header: %s",
                             para_text(r, p));
    }
    if (!out->title)
        import_read_note(
            r, &out->notes[IMPORT_SLOT_HEADER], 0,
            "no title found (the line after \"KẾ HOẠCH\"); add title");
    if (!out->place)
        import_read_note(
            r, &out->notes[IMPORT_SLOT_HEADER], 0,
            "no place and date line found (\"<nơi>, ngày ... tháng ... năm ...\"); add place");
    return i;
}

/* The last "năm YYYY" of a title, or 0. */
static int year_in(const char *title)
{
    int year = 0;
    size_t end;
    for (const char *at; (at = import_phrase_find(title, "nam", &end));
         title = at + end) {
        const char *y = at + end;
        while (*y == ' ')
            y++;
        int v = 0, digits = 0;
        while (*y >= '0' && *y <= '9' && digits < 5) {
            v = v * 10 + (*y++ - '0');
            digits++;
        }
        if (digits == 4 && v >= 2000 && v <= 2100)
            year = v;
    }
    return year;
}

/* The issuer: from the preamble, the header's capitals, or the symbol. */
static void find_issuer(reader *r, const import_doc *doc,
                        const import_strs *caps, const import_strs *block)
{
    import_plan *out = r->plan;
    const char *who = NULL;
    for (size_t k = out->preamble.count; k-- > 0 && !who;)
        who = issuer_in(r, out->preamble.items[k]);
    if (!who && block->count)
        who = written_as(r, doc, block->items[block->count - 1]);
    if (who) {
        complete_issuer(r, doc, who, block);
    } else if (caps->count || block->count) {
        out->issuer = block->count ? block->items[block->count - 1]
                                   : caps->items[caps->count - 1];
        import_read_note(
            r, &out->notes[IMPORT_SLOT_HEADER], 0,
            "the issuer is printed in capitals (\"%s\"); write its name as the body "
            "writes it",
            out->issuer);
    } else if ((who = issuer_of_symbol(out->number))) {
        complete_issuer(r, doc, who, block);
        import_read_note(
            r, &out->notes[IMPORT_SLOT_HEADER], 0,
            "the issuer is not printed; \"%s\" follows from the symbol %s; check it",
            out->issuer, out->number);
    } else {
        import_read_note(r, &out->notes[IMPORT_SLOT_HEADER], 0,
                         "the issuer is not printed; add issuer");
    }
}

/* Whether the content part, paragraphs [from, to), sends the reader to an
 * appendix ("... tại Phụ lục kèm theo Kế hoạch này") that the document
 * holds: a "PHỤ LỤC" with a table after the part. */
static bool points_to_appendix(const import_doc *doc, size_t from, size_t to)
{
    bool points = false;
    for (size_t k = from; k < to && !points; k++)
        points = !doc->paras[k].cells && has(doc->paras[k].text, "phu luc");
    if (!points)
        return false;
    /* the first appendix: a table after it is after any later one too
     * (one pass, however many "PHỤ LỤC" lines a hostile text holds) */
    size_t k = to;
    while (k < doc->count && !opens_appendix(&doc->paras[k]))
        k++;
    for (k++; k < doc->count; k++)
        if (doc->paras[k].cells)
            return true;
    return false;
}

/* The parts from paragraph i on, by their headings; the closing and the
 * end of the document. */
static void read_parts(reader *r, const import_doc *doc, size_t i)
{
    import_plan *out = r->plan;
    size_t n = doc->count;
    part current = PART_NONE;
    import_strs *target = NULL;
    org_points points = {0};
    strbuf closing = STRBUF_INIT;
    for (; i < n && !opens_recipients(&doc->paras[i]); i++) {
        const import_para *p = &doc->paras[i];
        if (opens_appendix(p)) {
            i = read_appendix(r, doc, i) - 1;
            continue;
        }
        if (opens_closing(p)) {
            strbuf_reset(&closing);
            strbuf_puts(&closing, p->text);
        } else if (closing.len) {
            strbuf_putc(&closing, ' ');
            strbuf_puts(&closing, p->text);
        } else if (is_part_heading(p)) {
            /* a heading broken after a comma: "I. MỤC ĐÍCH," / "YÊU CẦU" */
            const char *heading = p->body;
            if (ends_with(heading, ",") && i + 1 < n &&
                doc->paras[i + 1].caps && !doc->paras[i + 1].cells &&
                doc->paras[i + 1].mark == IMPORT_MARK_NONE)
                heading =
                    arena_printf(r->a, "%s %s", heading, doc->paras[++i].text);
            current = part_of(heading);
            /* "MỤC ĐÍCH, YÊU CẦU" with no "1. Mục đích" under it: its
             * paragraphs are purposes */
            target = current == PART_PURPOSES ||
                             current == PART_PURPOSES_REQUIREMENTS
                         ? &out->purposes
                     : current == PART_REQUIREMENTS ? &out->requirements
                     : current == PART_BUDGET       ? &out->budget
                                                    : NULL;
            if (current == PART_NONE)
                import_read_note(r, &out->notes[IMPORT_SLOT_SECTIONS], p->line,
                                 "a part the import does not know: %s",
                                 p->text);
            size_t end = i + 1;
            while (end < n && !is_part_heading(&doc->paras[end]) &&
                   !opens_closing(&doc->paras[end]) &&
                   !opens_recipients(&doc->paras[end]) &&
                   !opens_appendix(&doc->paras[end]))
                end++;
            if (current == PART_CONTENT && !out->nsections &&
                points_to_appendix(doc, i + 1, end)) {
                for (size_t k = i + 1; k < end; k++)
                    import_read_note(r, &out->notes[IMPORT_SLOT_SECTIONS],
                                     doc->paras[k].line,
                                     "the activities are in the appendix; "
                                     "text of the content part not placed: %s",
                                     para_text(r, &doc->paras[k]));
                i = end - 1;
            } else if (current == PART_CONTENT && !out->nsections) {
                if (!starts(p->body, "noi dung"))
                    out->content_title = p->text;
                read_content(r, doc, i + 1, end);
                i = end - 1;
            } else if (current == PART_ORGANISATION) {
                read_organisation(r, doc, i + 1, end, &points);
                i = end - 1;
            }
        } else if (p->cells) {
            import_read_note(r, &out->notes[IMPORT_SLOT_ORGANISATION], p->line,
                             "text not placed outside the content part: %s",
                             para_text(r, p));
        } else if (current == PART_PURPOSES_REQUIREMENTS &&
                   p->mark == IMPORT_MARK_NUMBER &&
                   (starts(p->body, "muc dich") ||
                    starts(p->body, "muc tieu"))) {
            target = &out->purposes;
        } else if (current == PART_PURPOSES_REQUIREMENTS &&
                   p->mark == IMPORT_MARK_NUMBER &&
                   starts(p->body, "yeu cau")) {
            target = &out->requirements;
        } else if (target) {
            bool bullet =
                p->mark == IMPORT_MARK_BULLET || p->mark == IMPORT_MARK_PLUS;
            import_phrase_strs_add(r->a, target, bullet ? p->body : p->text);
        } else {
            import_slot slot = current == PART_PURPOSES_REQUIREMENTS
                                   ? IMPORT_SLOT_PURPOSES
                                   : IMPORT_SLOT_SECTIONS;
            import_read_note(r, &out->notes[slot], p->line,
                             "text not placed in the part: %s",
                             para_text(r, p));
        }
    }
    if (closing.len)
        out->closing = arena_strdup(r->a, closing.buf);
    strbuf_release(&closing);
    if (i < n)
        read_end(r, doc, i);
    infer_defaults(r, points.items, points.count);
}

/* Notes for what the draft still lacks, and for the text repaired. */
static void check_draft(reader *r, const import_doc *doc)
{
    import_plan *out = r->plan;
    if (!out->nsections)
        import_read_note(
            r, &out->notes[IMPORT_SLOT_SECTIONS], 0,
            "no content part (\"NỘI DUNG\") with activities found; add sections");
    check_activities(r, out->sections, out->nsections,
                     out->default_lead.count > 0, out->default_time != NULL);
    for (size_t k = 0; k < out->nreports; k++) {
        const import_duty *d = &out->reports[k];
        if (!d->when && !d->due)
            import_read_note(
                r, &out->notes[IMPORT_SLOT_REPORTS], 0,
                "the duty \"%s\" names no date or period; add when or due",
                d->text);
        else if (d->periodic_default)
            import_read_note(
                r, &out->notes[IMPORT_SLOT_REPORTS], 0,
                "\"%s\" names no period: the 6-monthly and yearly reports of Decree "
                "09/2019 (art. 12) are assumed; check them",
                d->when);
    }
    if (!out->nreports)
        import_read_note(
            r, &out->notes[IMPORT_SLOT_REPORTS], 0,
            "no duty to report (\"báo cáo ...\") found in Tổ chức thực hiện; add reports");
    if (!out->recipients.count)
        import_read_note(r, &out->notes[IMPORT_SLOT_END], 0,
                         "no \"Nơi nhận\" list found; add recipients");
    if (!out->signer_name)
        import_read_note(r, &out->notes[IMPORT_SLOT_END], 0,
                         "no signer found; add signer");
    if (doc->ndropped) {
        strbuf sb = STRBUF_INIT;
        for (size_t k = 0; k < doc->ndropped && k < 20; k++)
            strbuf_printf(&sb, "%s%u", k ? ", " : "", doc->dropped[k]);
        if (doc->ndropped > 20)
            strbuf_puts(&sb, ", ...");
        strbuf text = STRBUF_INIT;
        strbuf_printf(&text,
                      P_("%zu line left out as page numbers (line %s)",
                         "%zu lines left out as page numbers (line %s)",
                         doc->ndropped),
                      doc->ndropped, strbuf_str(&sb));
        add_note(r, &out->notes[IMPORT_SLOT_HEADER], 0, strbuf_str(&text));
        strbuf_release(&text);
        strbuf_release(&sb);
    }
    for (size_t k = 0; k < doc->nrepaired && k < 20; k++)
        import_read_note(
            r, &out->notes[IMPORT_SLOT_HEADER], doc->repaired[k],
            "the line holds bytes that are not text (invalid UTF-8 or control "
            "characters); they were replaced");
    if (doc->nrepaired > 20) {
        size_t more = doc->nrepaired - 20;
        strbuf text = STRBUF_INIT;
        strbuf_printf(&text,
                      P_("%zu more line held bytes that are not text; they "
                         "were replaced",
                         "%zu more lines held bytes that are not text; they "
                         "were replaced",
                         more),
                      more);
        add_note(r, &out->notes[IMPORT_SLOT_HEADER], 0, strbuf_str(&text));
        strbuf_release(&text);
    }
}

void import_plan_read(arena *a, const import_doc *doc, const char *id,
                      import_plan *out, diag_sink *warnings, const source *src)
{
    memset(out, 0, sizeof *out);
    reader r = {a, out, warnings, src, {0}};
    out->id = id;
    import_strs caps = {0}, block = {0};
    size_t first_part = read_header(&r, doc, &caps, &block);
    if (!out->year && out->title)
        out->year = year_in(out->title);
    if (out->title && span_in(out->title, &out->span_from, &out->span_to))
        out->year = 0;
    find_issuer(&r, doc, &caps, &block);
    /* the legal basis: the documents the preamble, or a title that
     * implements one, cites */
    if (out->title &&
        (starts(out->title, "thuc hien") || starts(out->title, "trien khai")))
        import_phrase_citations(a, out->title, out->place, &out->basis,
                                &out->nbasis, &out->basis_cap);
    for (size_t k = 0; k < out->preamble.count; k++) {
        /* a citation broken after "số" by a line break: "Kế hoạch số" /
         * "150/KH-STP ngày ..." */
        const char *text = out->preamble.items[k];
        while (ends_with(text, " số") && k + 1 < out->preamble.count)
            text = arena_printf(a, "%s %s", text, out->preamble.items[++k]);
        import_phrase_citations(a, text, out->place, &out->basis, &out->nbasis,
                                &out->basis_cap);
    }
    read_parts(&r, doc, first_part);
    duties_in_outputs(&r, out->sections, out->nsections);
    check_draft(&r, doc);
}

char *import_plan_id(arena *a, const char *name)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    char *slug = vntext_slug(base, n);
    char *id = arena_strdup(a, *slug ? slug : "ke-hoach");
    free(slug);
    return id;
}

bool import_plan_id_valid(const char *id)
{
    if (!*id || *id == '-' || id[strlen(id) - 1] == '-' || strstr(id, "--"))
        return false;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '-'))
            return false;
    return true;
}
