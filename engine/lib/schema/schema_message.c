/* schema_message.c - how validation speaks (see schema_internal.h).
 *
 * A problem is said in the words of the person filling in the document:
 * the instance is named by its key and the title the schema gives it
 * ("'lead' (Đơn vị chủ trì)"), or as an item of a list, and a value as it
 * was written. Every message is a whole sentence for its translator, the
 * subject one of its placeholders ("%s must be at least %s"), so the
 * caller passes the subject (schema_message_subject) as an argument. The
 * one idea to know: a sink hears each problem once. Two checks that find
 * the same problem at the same spot (a property constrained by a schema
 * and by its "allOf") say it once, because every report goes through one
 * table of what was said where. */
#include "schema_internal.h"

#include "i18n.h"
#include "json_writer.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define TITLE_MAX_HOPS 32    /* "$ref"s followed to find a title */
#define TITLE_SEARCH_DEPTH 4 /* combinator levels searched for titles */

/* How a type reads in a message. */
static const char *const type_phrases[JT_COUNT] = {
    /* TRANSLATORS: the kinds of value a file holds, as they are put in
     * messages such as "%s must be text or a list, not %s" */
    N_("empty"),
    N_("true or false"),
    N_("a whole number"),
    N_("a number"),
    N_("text"),
    N_("a list"),
    N_("a group of 'key: value' lines"),
};

const char *schema_message_type_phrase(const node *n)
{
    return _(type_phrases[schema_type_of(n)]);
}

/* Appends "a, b or c": the items joined by ", ", the last by "or". */
static void put_choices(strbuf *out, const char *const *items, size_t count)
{
    strbuf head = STRBUF_INIT;
    for (size_t i = 0; i + 1 < count; i++) {
        if (i)
            strbuf_puts(&head, ", ");
        strbuf_puts(&head, items[i]);
    }
    if (count > 1)
        /* TRANSLATORS: the last two of a list of choices: "a, b or c" */
        strbuf_printf(out, _("%s or %s"), strbuf_str(&head), items[count - 1]);
    else if (count)
        strbuf_puts(out, items[0]);
    strbuf_release(&head);
}

/* "<subject> must be <type>, not <its type>": a sentence for each type
 * expected alone, a list of types for several. */
static void put_type_message(strbuf *out, const char *subj,
                             const type_list *expected, const node *n)
{
    const char *actual = schema_message_type_phrase(n);
    if (expected->count != 1) {
        const char *names[JT_COUNT];
        for (size_t i = 0; i < expected->count; i++)
            names[i] = _(type_phrases[expected->types[i]]);
        strbuf list = STRBUF_INIT;
        put_choices(&list, names, expected->count);
        /* TRANSLATORS: "'lead' (Đơn vị chủ trì) must be text or a list, not
         * a whole number": the name of the value, the kinds it may be, the
         * kind it is */
        strbuf_printf(out, _("%s must be %s, not %s"), subj, strbuf_str(&list),
                      actual);
        strbuf_release(&list);
        return;
    }
    switch ((json_type)expected->types[0]) {
    case JT_NULL:
        strbuf_printf(out, _("%s must be empty, not %s"), subj, actual);
        break;
    case JT_BOOLEAN:
        strbuf_printf(out, _("%s must be true or false, not %s"), subj, actual);
        break;
    case JT_INTEGER:
        /* TRANSLATORS: "'year' (Năm kế hoạch) must be a whole number, not
         * text": the name of the value, then the kind it is */
        strbuf_printf(out, _("%s must be a whole number, not %s"), subj,
                      actual);
        break;
    case JT_NUMBER:
        strbuf_printf(out, _("%s must be a number, not %s"), subj, actual);
        break;
    case JT_STRING:
        strbuf_printf(out, _("%s must be text, not %s"), subj, actual);
        break;
    case JT_ARRAY:
        strbuf_printf(out, _("%s must be a list, not %s"), subj, actual);
        break;
    case JT_OBJECT:
    case JT_COUNT:
        strbuf_printf(out,
                      _("%s must be a group of 'key: value' lines, not %s"),
                      subj, actual);
        break;
    }
}

/* The commonest YAML traps, said after a type message when text was
 * expected: an unquoted text with ": " in it ("- Lưu: VT.") reads as a
 * mapping of one key, and an unquoted id ("id: 2.1") as a number. */
static void put_quote_hint(strbuf *out, const type_list *expected,
                           const node *n)
{
    bool text_expected = false;
    for (size_t i = 0; i < expected->count; i++)
        text_expected |= expected->types[i] == JT_STRING;
    if (!text_expected)
        return;
    /* TRANSLATORS: the two hints below follow "... must be text, not a
     * group of 'key: value' lines" (or "not a whole number") in the same
     * message */
    if (n->kind == NODE_OBJECT && n->u.object.count == 1)
        strbuf_puts(out, _("; a text that contains ': ' must be put in "
                           "quotes"));
    else if (n->kind == NODE_NUMBER && n->u.number.text)
        strbuf_printf(out, _("; to write it as text, put it in quotes: \"%s\""),
                      n->u.number.text);
}

void schema_message_put_type_mismatch(strbuf *out, const char *subj,
                                      const type_list *expected, const node *n)
{
    put_type_message(out, subj, expected, n);
    put_quote_hint(out, expected, n);
}

/* ---- titles and subjects ------------------------------------------------ */

static const char *title_of(const schema *s)
{
    for (size_t hop = 0; s && hop < TITLE_MAX_HOPS; hop++) {
        if (s->title)
            return s->title;
        s = s->ref_target;
    }
    return NULL;
}

static const schema *follow_refs(const schema *s)
{
    for (size_t hop = 0; s && s->ref_uri && hop < TITLE_MAX_HOPS; hop++)
        s = s->ref_target;
    return s && s->ref_uri ? NULL : s;
}

static const char *property_title(const schema *s, const char *key, size_t len,
                                  unsigned depth)
{
    s = follow_refs(s);
    if (!s || s->is_boolean)
        return NULL;
    const named_schema *p = strmap_get(&s->property_index, key, len);
    const char *title = p ? title_of(p->s) : NULL;
    if (title || !depth)
        return title;
    const schema_list *lists[] = {&s->all_of, &s->any_of, &s->one_of};
    for (size_t l = 0; l < 3 && !title; l++)
        for (size_t i = 0; i < lists[l]->count && !title; i++)
            title = property_title(lists[l]->items[i], key, len, depth - 1);
    if (!title && s->then_schema)
        title = property_title(s->then_schema, key, len, depth - 1);
    if (!title && s->else_schema)
        title = property_title(s->else_schema, key, len, depth - 1);
    return title;
}

const char *schema_property_title(const schema *s, const char *key)
{
    return s ? property_title(s, key, strlen(key), TITLE_SEARCH_DEPTH) : NULL;
}

const char *schema_message_lookup_title(const scope *sc, const char *key,
                                        size_t len)
{
    for (; sc; sc = sc->outer) {
        const char *t = property_title(sc->s, key, len, TITLE_SEARCH_DEPTH);
        if (t)
            return t;
    }
    return NULL;
}

void schema_message_put_key_with_title(strbuf *out, const char *key,
                                       const char *title)
{
    strbuf_printf(out, "'%s'", key);
    if (title)
        strbuf_printf(out, " (%s)", title);
}

static void put_subject(strbuf *out, const subject *subj)
{
    if (subj->member) {
        const node_member *m = subj->member;
        const char *title = title_of(subj->via);
        if (!title)
            title =
                schema_message_lookup_title(subj->owner, m->key, m->key_len);
        schema_message_put_key_with_title(out, m->key, title);
    } else if (subj->item) {
        strbuf list = STRBUF_INIT;
        put_subject(&list, subj->array);
        /* TRANSLATORS: a value named in a message: the item of a list, by
         * its number ("item 2 of 'partners' (Đơn vị phối hợp)") */
        strbuf_printf(out, _("item %zu of %s"), subj->item, strbuf_str(&list));
        strbuf_release(&list);
    } else {
        /* TRANSLATORS: the value named in a message when it is the whole
         * file ("the document must be a mapping, not text") */
        strbuf_puts(out, _("the document"));
    }
}

const char *schema_message_subject(validator *v, const subject *subj)
{
    if (!v->d)
        return "";
    reported *once = v->once;
    if (!once->a)
        once->a = arena_new();
    strbuf out = STRBUF_INIT;
    put_subject(&out, subj);
    char *kept = arena_strndup(once->a, strbuf_str(&out), out.len);
    strbuf_release(&out);
    return kept;
}

/* ---- reports ------------------------------------------------------------ */

/* Adds an error unless the same one was already given at that spot. */
static void report_at(validator *v, const source *src, srcpos pos, size_t span,
                      const strbuf *msg)
{
    reported *once = v->once;
    strbuf key = STRBUF_INIT;
    strbuf_printf(&key, "%p %zu %s", (const void *)src, pos.offset,
                  strbuf_str(msg));
    if (!once->a)
        once->a = arena_new();
    char *stored = arena_strndup(once->a, key.buf, key.len);
    bool fresh =
        strmap_put(once->a, &once->seen, stored, key.len, stored) == stored;
    strbuf_release(&key);
    if (fresh)
        diag_at(v->d, DIAG_ERROR, src, pos, span, "%s", strbuf_str(msg));
}

/* Where an error about the instance goes: its member's key when the
 * instance itself has no extent, else the instance. */
typedef struct spot {
    const source *src;
    srcpos pos;
    size_t span;
} spot;

static spot spot_of(const instance *in)
{
    const node *n = in->n;
    if (in->member && n->span == 0)
        return (spot){n->src, in->member->key_pos, in->member->key_span};
    return (spot){n->src, n->pos, n->span};
}

/* The one way a complaint is made: fmt, translated, at the spot, when the
 * validator collects diagnostics. */
static void schema_message_vcomplain(validator *v, spot at, const char *fmt,
                                     va_list ap)
    __attribute__((format(printf, 3, 0)));

static void schema_message_vcomplain(validator *v, spot at, const char *fmt,
                                     va_list ap)
{
    if (!v->d)
        return;
    strbuf msg = STRBUF_INIT;
    strbuf_vprintf(&msg, _(fmt), ap);
    report_at(v, at.src, at.pos, at.span, &msg);
    strbuf_release(&msg);
}

void schema_message_complain(validator *v, const instance *in, const char *fmt,
                             ...)
{
    va_list ap;
    va_start(ap, fmt);
    schema_message_vcomplain(v, spot_of(in), fmt, ap);
    va_end(ap);
}

void schema_message_complain_at_key(validator *v, const node *obj,
                                    const node_member *m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    schema_message_vcomplain(v, (spot){obj->src, m->key_pos, m->key_span}, fmt,
                             ap);
    va_end(ap);
}

void schema_message_complain_text(validator *v, const instance *in,
                                  const strbuf *text)
{
    if (!v->d)
        return;
    spot at = spot_of(in);
    report_at(v, at.src, at.pos, at.span, text);
}

/* ---- values ------------------------------------------------------------- */

/* A value as JSON. */
static void put_json(strbuf *out, const node *n)
{
    switch (n->kind) {
    case NODE_NULL:
        strbuf_puts(out, "null");
        break;
    case NODE_BOOL:
        strbuf_puts(out, n->u.boolean ? "true" : "false");
        break;
    case NODE_NUMBER:
        if (n->u.number.text)
            strbuf_puts(out, n->u.number.text);
        else
            strbuf_printf(out, "%.17g", n->u.number.value);
        break;
    case NODE_STRING:
        json_writer_quote(out, n->u.string.s, n->u.string.len);
        break;
    case NODE_ARRAY:
        strbuf_putc(out, '[');
        for (size_t i = 0; i < n->u.array.count; i++) {
            if (i)
                strbuf_puts(out, ", ");
            put_json(out, n->u.array.items[i]);
        }
        strbuf_putc(out, ']');
        break;
    case NODE_OBJECT:
        strbuf_putc(out, '{');
        for (size_t i = 0; i < n->u.object.count; i++) {
            const node_member *m = &n->u.object.members[i];
            if (i)
                strbuf_puts(out, ", ");
            json_writer_quote(out, m->key, m->key_len);
            strbuf_puts(out, ": ");
            put_json(out, m->value);
        }
        strbuf_putc(out, '}');
        break;
    }
}

void schema_message_put_value(strbuf *out, const node *n)
{
    if (n->kind == NODE_STRING)
        strbuf_printf(out, "'%s'", n->u.string.s);
    else
        put_json(out, n);
}

void schema_message_put_value_list(strbuf *out, const node *values)
{
    size_t count = values->u.array.count;
    strbuf *shown = xcalloc(count ? count : 1, sizeof *shown);
    const char **items = xcalloc(count ? count : 1, sizeof *items);
    for (size_t i = 0; i < count; i++) {
        schema_message_put_value(&shown[i], values->u.array.items[i]);
        items[i] = strbuf_str(&shown[i]);
    }
    put_choices(out, items, count);
    for (size_t i = 0; i < count; i++)
        strbuf_release(&shown[i]);
    free(shown);
    free(items);
}
