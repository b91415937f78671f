/* import_yaml.c - an imported plan written as a plan file.
 *
 * The keys come in the order of the plans in plans/, values in plain style
 * when YAML reads them back as the same string, double-quoted otherwise,
 * and a multi-line time as a literal block. Notes become "# REVIEW:"
 * comments just before the key or item they concern, so that an officer
 * (and `kehoach validate`, for the fields left out) lands right on them. */
#include "import.h"

#include "i18n.h"
#include "utf8.h"
#include "yaml_write.h"

#include <string.h>

static void indent(strbuf *out, int n)
{
    strbuf_repeat(out, ' ', (size_t)n);
}

static void key_value(strbuf *out, int ind, const char *key, const char *value)
{
    if (!value)
        return;
    indent(out, ind);
    strbuf_printf(out, "%s: ", key);
    yaml_write_scalar(out, value);
    strbuf_putc(out, '\n');
}

/* A text whose lines each read back as themselves in a literal block. */
static bool block_safe(const char *s)
{
    if (!strchr(s, '\n'))
        return false;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c < 0x20 && c != '\n') || c == 0x7F)
            return false;
        if (*p == '\n' &&
            (p == s || p[-1] == ' ' || p[1] == ' ' || p[1] == '\n' || !p[1]))
            return false;
    }
    return s[0] != ' ';
}

static void key_text(strbuf *out, int ind, const char *key, const char *value)
{
    if (!value)
        return;
    if (!block_safe(value)) {
        key_value(out, ind, key, value);
        return;
    }
    indent(out, ind);
    strbuf_printf(out, "%s: |-\n", key);
    for (const char *p = value; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        indent(out, ind + 2);
        strbuf_add(out, p, len);
        strbuf_putc(out, '\n');
        p += len + (nl != NULL);
    }
}

static void list(strbuf *out, int ind, const char *key,
                 const import_strs *items)
{
    if (!items->count)
        return;
    indent(out, ind);
    strbuf_printf(out, "%s:\n", key);
    for (size_t i = 0; i < items->count; i++) {
        indent(out, ind + 2);
        strbuf_puts(out, "- ");
        yaml_write_scalar(out, items->items[i]);
        strbuf_putc(out, '\n');
    }
}

/* One unit as a string, several as a list. */
static void units(strbuf *out, int ind, const char *key,
                  const import_strs *items)
{
    if (items->count == 1)
        key_value(out, ind, key, items->items[0]);
    else
        list(out, ind, key, items);
}

/* A comment holds one line: every line break (NEL, LS and PS too) and
 * control character but the tab in the n bytes of s becomes a space. */
static void comment_text(strbuf *out, const char *s, size_t n)
{
    size_t k;
    for (size_t i = 0; i < n; i += k) {
        int32_t cp;
        k = utf8_decode(s + i, n - i, &cp);
        if (!k) {
            k = 1;
            strbuf_putc(out, ' '); /* not UTF-8: the draft must be */
        } else if (source_break_len(s, n, i) ||
                   (utf8_is_control(cp) && cp != '\t'))
            strbuf_putc(out, ' ');
        else
            strbuf_add(out, s + i, k);
    }
}

void import_review(strbuf *out, int ind, unsigned line, const char *text,
                   const char *eol)
{
    indent(out, ind);
    if (line)
        /* TRANSLATORS: keep "# REVIEW" as it is: people and tools search
           the draft for it. */
        strbuf_printf(out, _("# REVIEW (line %u): "), line);
    else
        strbuf_puts(out, "# REVIEW: ");
    comment_text(out, text, strlen(text));
    strbuf_puts(out, eol);
}

void import_comment(strbuf *out, const char *text, const char *eol)
{
    while (*text) {
        size_t n = strcspn(text, "\n");
        strbuf_puts(out, "# ");
        comment_text(out, text, n);
        strbuf_puts(out, eol);
        text += n + (text[n] == '\n');
    }
}

static void notes(strbuf *out, int ind, const import_notes *n)
{
    for (size_t i = 0; i < n->count; i++)
        import_review(out, ind, n->items[i].line, n->items[i].text, "\n");
}

/* The start of a section or an activity: its notes, id, title and
 * description. */
static void item_head(strbuf *out, int ind, const import_notes *n,
                      const char *id, const char *title,
                      const import_strs *description)
{
    notes(out, ind, n);
    indent(out, ind);
    strbuf_puts(out, "- id: ");
    yaml_write_scalar(out, id);
    strbuf_putc(out, '\n');
    key_value(out, ind + 2, "title", title);
    list(out, ind + 2, "description", description);
}

static void defaults(strbuf *out, int ind, const import_strs *lead,
                     const import_strs *partners, const char *time)
{
    if (!lead->count && !partners->count && !time)
        return;
    indent(out, ind);
    strbuf_puts(out, "defaults:\n");
    units(out, ind + 2, "lead", lead);
    units(out, ind + 2, "partners", partners);
    key_text(out, ind + 2, "time", time);
}

static void activity(strbuf *out, int ind, const import_activity *act)
{
    item_head(out, ind, &act->notes, act->id, act->title, &act->description);
    key_value(out, ind + 2, "assignment", act->assignment);
    units(out, ind + 2, "lead", &act->lead);
    units(out, ind + 2, "partners", &act->partners);
    if (act->time && *act->time) {
        notes(out, ind + 2, &act->time_notes);
        key_text(out, ind + 2, "time", act->time);
    }
    key_value(out, ind + 2, "output", act->output);
}

static void section(strbuf *out, int ind, const import_section *sec)
{
    item_head(out, ind, &sec->notes, sec->id, sec->title, &sec->description);
    defaults(out, ind + 2, &sec->lead, &sec->partners, sec->time);
    if (sec->nactivities) {
        indent(out, ind + 2);
        strbuf_puts(out, "activities:\n");
        for (size_t i = 0; i < sec->nactivities; i++)
            activity(out, ind + 4, &sec->activities[i]);
    }
    if (sec->nsections) {
        indent(out, ind + 2);
        strbuf_puts(out, "sections:\n");
        for (size_t i = 0; i < sec->nsections; i++)
            section(out, ind + 4, &sec->sections[i]);
    }
}

static void report(strbuf *out, const import_duty *d)
{
    strbuf_puts(out, "  - text: ");
    yaml_write_scalar(out, d->text);
    strbuf_putc(out, '\n');
    key_value(out, 4, "what", d->what);
    units(out, 4, "by", &d->by);
    units(out, 4, "to", &d->to);
    key_value(out, 4, "when", d->when);
    key_value(out, 4, "due", d->due);
    key_value(out, 4, "every", d->every);
    if (d->day)
        strbuf_printf(out, "    day: %d\n", d->day);
    if (d->periodic_default)
        strbuf_puts(out, "    every: [first-half, year]\n");
    if (d->on_request)
        strbuf_puts(out, "    on_request: true\n");
}

void import_plan_yaml(const import_plan *p, strbuf *out)
{
    if (p->schema_ref)
        strbuf_printf(out, "# yaml-language-server: $schema=%s\n",
                      p->schema_ref);
    import_comment(out,
                   /* TRANSLATORS: each line becomes a comment line at the
                      top of the draft. */
                   _("Drafted by `kehoach import`: check every \"# REVIEW\" "
                     "comment, then run\n`kehoach validate` on this file."),
                   "\n");
    notes(out, 0, &p->notes[IMPORT_SLOT_HEADER]);
    key_value(out, 0, "id", p->id);
    key_value(out, 0, "number", p->number);
    key_value(out, 0, "issuer", p->issuer);
    key_value(out, 0, "place", p->place);
    key_value(out, 0, "issued", p->issued);
    if (p->span_from)
        strbuf_printf(out, "span:\n  from: %d\n  to: %d\n", p->span_from,
                      p->span_to);
    else if (p->year)
        strbuf_printf(out, "year: %d\n", p->year);
    key_value(out, 0, "title", p->title);
    list(out, 0, "preamble", &p->preamble);
    if (p->nbasis) {
        strbuf_puts(out, "basis:\n");
        for (size_t i = 0; i < p->nbasis; i++) {
            strbuf_puts(out, "  - document: ");
            yaml_write_scalar(out, p->basis[i].document);
            strbuf_putc(out, '\n');
            key_value(out, 4, "date", p->basis[i].date);
            key_value(out, 4, "issuer", p->basis[i].issuer);
            key_value(out, 4, "about", p->basis[i].about);
        }
    }
    notes(out, 0, &p->notes[IMPORT_SLOT_PURPOSES]);
    list(out, 0, "purposes", &p->purposes);
    list(out, 0, "requirements", &p->requirements);
    key_value(out, 0, "content_title", p->content_title);
    notes(out, 0, &p->notes[IMPORT_SLOT_DEFAULTS]);
    defaults(out, 0, &p->default_lead, &p->default_partners, p->default_time);
    notes(out, 0, &p->notes[IMPORT_SLOT_SECTIONS]);
    if (p->nsections) {
        strbuf_puts(out, "sections:\n");
        for (size_t i = 0; i < p->nsections; i++)
            section(out, 2, &p->sections[i]);
    }
    list(out, 0, "budget", &p->budget);
    notes(out, 0, &p->notes[IMPORT_SLOT_ORGANISATION]);
    list(out, 0, "organisation", &p->organisation);
    notes(out, 0, &p->notes[IMPORT_SLOT_REPORTS]);
    if (p->nreports) {
        strbuf_puts(out, "reports:\n");
        for (size_t i = 0; i < p->nreports; i++)
            report(out, &p->reports[i]);
    }
    key_value(out, 0, "closing", p->closing);
    notes(out, 0, &p->notes[IMPORT_SLOT_END]);
    list(out, 0, "recipients", &p->recipients);
    if (p->signer_name || p->signer_authority.count) {
        strbuf_puts(out, "signer:\n");
        const import_strs *auth = &p->signer_authority;
        if (auth->count > 1) {
            strbuf_puts(out, "  authority:\n");
            for (size_t i = 0; i + 1 < auth->count; i++) {
                strbuf_puts(out, "    - ");
                yaml_write_scalar(out, auth->items[i]);
                strbuf_putc(out, '\n');
            }
        }
        if (auth->count)
            key_value(out, 2, "title", auth->items[auth->count - 1]);
        key_value(out, 2, "name", p->signer_name);
    }
}
