/* progress_write.c - a progress record written at the end of a log (see
 * progress_write.h).
 *
 * The layout is read off the old log as it was read record by record
 * (logread.h): the column of the "-" of its first record (or of the
 * "records" key when the list is still empty), and its line break (LF or
 * CR LF). The new text is only ever appended; the
 * caller reads it back, from the last old record on (the resume offset),
 * before it adds it to the file. */
#include "progress_write.h"

#include "i18n.h"
#include "xalloc.h"
#include "yaml_write.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCHEMA_PREFIX "# yaml-language-server: $schema="

static void put_line_start(strbuf *out, const char *nl, size_t indent,
                           const char *text)
{
    strbuf_puts(out, nl);
    strbuf_repeat(out, ' ', indent);
    strbuf_puts(out, text);
}

static void put_entry(strbuf *out, const progress_write_entry *e, size_t indent,
                      const char *nl)
{
    char day[11];
    date_format_iso(e->date, day);
    strbuf_repeat(out, ' ', indent);
    strbuf_printf(out, "- date: %s", day);
    put_line_start(out, nl, indent, e->report ? "  report: " : "  activity: ");
    yaml_write_quoted(out, e->report ? e->report : e->activity);
    if (e->occurrence) {
        put_line_start(out, nl, indent, "  occurrence: ");
        yaml_write_quoted(out, e->occurrence);
    }
    put_line_start(out, nl, indent, "  state: ");
    strbuf_puts(out, progress_state_name(e->state));
    if (e->percent >= 0) {
        put_line_start(out, nl, indent, "  percent: ");
        strbuf_printf(out, "%d", e->percent);
    }
    if (e->nvalues) {
        put_line_start(out, nl, indent, "  values:");
        for (size_t i = 0; i < e->nvalues; i++) {
            put_line_start(out, nl, indent, "    ");
            yaml_write_quoted(out, e->values[i].name);
            strbuf_printf(out, ": %.15g", e->values[i].value);
        }
    }
    if (e->note) {
        put_line_start(out, nl, indent, "  note: ");
        yaml_write_quoted(out, e->note);
    }
    if (e->nevidence) {
        put_line_start(out, nl, indent, "  evidence:");
        for (size_t i = 0; i < e->nevidence; i++) {
            put_line_start(out, nl, indent, "    - ");
            yaml_write_quoted(out, e->evidence[i]);
        }
    }
    if (e->document) {
        put_line_start(out, nl, indent, "  document: ");
        yaml_write_quoted(out, e->document);
    }
    if (e->by) {
        put_line_start(out, nl, indent, "  by: ");
        yaml_write_quoted(out, e->by);
    }
    if (e->form) {
        put_line_start(out, nl, indent, "  form: ");
        yaml_write_quoted(out, e->form);
    }
    strbuf_puts(out, nl);
}

/* The log's line break: that of its first line. */
static const char *line_break_of(const source *old)
{
    const char *lf = memchr(old->text, '\n', old->len);
    return lf && lf > old->text && lf[-1] == '\r' ? "\r\n" : "\n";
}

/* The bytes of the line break that goes before the new records: none
 * when the old text ends with one. */
static size_t lead_of(const source *old)
{
    return old->len && old->text[old->len - 1] != '\n'
               ? strlen(line_break_of(old))
               : 0;
}

/* Where the line that holds pos starts (found without the source's line
 * index, which a log read without a problem never builds). */
static size_t line_start(const source *src, srcpos pos)
{
    size_t len;
    return (size_t)(source_line_at(src, pos, &len) - src->text);
}

/* The column of the "-" before an item of a block list: the item (at)
 * starts after "- " (and maybe more spaces) on the same line. */
static bool dash_column(const source *src, srcpos at, size_t *col)
{
    const char *line = src->text + line_start(src, at);
    size_t i = at.offset;
    while (i > 0 && src->text[i - 1] == ' ')
        i--;
    if (i == 0 || src->text[i - 1] != '-')
        return false;
    *col = (size_t)(src->text + i - 1 - line);
    for (size_t k = 0; k < *col; k++)
        if (line[k] != ' ')
            return false; /* "- - x" and the like: not ours */
    return true;
}

/* The line where the list of records goes on (see progress_write.h). */
static progress_write_resume resume_at(const progress_log *log,
                                       const node_member *records,
                                       size_t indent)
{
    const source *old = log->src;
    if (records->value->kind != NODE_ARRAY)
        return (progress_write_resume){line_start(old, records->key_pos),
                                       records->key_pos.line};
    size_t col;
    if (!dash_column(old, log->last_at, &col) || col != indent)
        return (progress_write_resume){PROGRESS_WRITE_NO_RESUME, 0};
    return (progress_write_resume){line_start(old, log->last_at),
                                   log->last_at.line};
}

static bool layout_of(const progress_log *log, size_t *indent, strbuf *err)
{
    const source *old = log->src;
    const node *root = log->root;
    if (!root || root->kind != NODE_OBJECT || root->u.object.count == 0) {
        strbuf_error(err,
                     _("the log is not a mapping with 'plan' and 'records'"));
        return false;
    }
    const node_member *last = &root->u.object.members[root->u.object.count - 1];
    if (strcmp(last->key, "records") != 0) {
        strbuf_error(
            err, _("'records' is not the last key of the log, so a record "
                   "cannot be added at its end; move 'records' to the end of "
                   "the file"));
        return false;
    }
    const node *list = last->value;
    if (list->kind == NODE_NULL && list->span == 0) {
        /* "records:" with nothing after it: items at the key's own column */
        *indent = last->key_pos.offset - line_start(old, last->key_pos);
        return true;
    }
    if (list->kind != NODE_ARRAY || log->items == 0 ||
        old->text[list->pos.offset] == '[') {
        strbuf_error(
            err,
            _("'records' is not written as a block list (one '- ' per "
              "record); write 'records:' with nothing after it when the log "
              "is empty"));
        return false;
    }
    if (!dash_column(old, log->first_at, indent)) {
        strbuf_error(
            err, _("the first record of 'records' does not start a line with "
                   "'- '"));
        return false;
    }
    return true;
}

bool progress_write_append(const progress_log *log, const char *plan_id,
                           const char *schema_comment,
                           const progress_write_entry *entries, size_t n,
                           strbuf *out, progress_write_resume *resume,
                           strbuf *err)
{
    if (!log) {
        strbuf_printf(out,
                      "# Nhật ký tiến độ thực hiện kế hoạch %s.\n"
                      "# Mỗi lần cập nhật là một bản ghi mới ở cuối danh sách "
                      "(kehoach update);\n"
                      "# có thể sửa bằng tay, nhưng không xóa bản ghi cũ.\n",
                      plan_id);
        if (schema_comment)
            strbuf_printf(out, "%s\n", schema_comment);
        strbuf_printf(out, "plan: %s\nrecords:\n", plan_id);
        for (size_t i = 0; i < n; i++)
            put_entry(out, &entries[i], 0, "\n");
        return true;
    }
    size_t indent;
    if (!layout_of(log, &indent, err))
        return false;
    const source *old = log->src;
    const node *root = log->root;
    if (resume)
        *resume =
            resume_at(log, &root->u.object.members[root->u.object.count - 1],
                      indent);
    const char *nl = line_break_of(old);
    strbuf_add(out, nl, lead_of(old));
    for (size_t i = 0; i < n; i++)
        put_entry(out, &entries[i], indent, nl);
    return true;
}

size_t progress_write_fill_page(const progress_log *log, size_t page,
                                strbuf *out)
{
    const source *old = log->src;
    const char *nl = line_break_of(old);
    size_t lead = lead_of(old), to_page = page - old->len % page;
    size_t records = out->len - lead, nl_len = strlen(nl);
    if (records > page || lead + records <= to_page ||
        to_page < lead + 1 + nl_len)
        return 0;
    strbuf filled = STRBUF_INIT;
    strbuf_add(&filled, out->buf, lead);
    strbuf_putc(&filled, '#');
    strbuf_repeat(&filled, ' ', to_page - lead - 1 - nl_len);
    strbuf_puts(&filled, nl);
    strbuf_add(&filled, out->buf + lead, records);
    strbuf_release(out);
    *out = filled;
    return to_page;
}

char *progress_write_schema_comment(const source *plan_src)
{
    static const char plan_schema[] = "plan.schema.json";
    for (unsigned l = 1; l <= source_line_count(plan_src) && l <= 5; l++) {
        size_t len;
        const char *line = source_line(plan_src, l, &len);
        while (len && (line[len - 1] == '\r' || line[len - 1] == ' '))
            len--;
        size_t k = sizeof plan_schema - 1, prefix = sizeof SCHEMA_PREFIX - 1;
        if (len <= prefix + k || strncmp(line, SCHEMA_PREFIX, prefix) != 0 ||
            strncmp(line + len - k, plan_schema, k) != 0)
            continue;
        strbuf sb = STRBUF_INIT;
        strbuf_add(&sb, line, len - k);
        strbuf_puts(&sb, "progress.schema.json");
        char *s = xstrdup(strbuf_str(&sb));
        strbuf_release(&sb);
        return s;
    }
    return NULL;
}
