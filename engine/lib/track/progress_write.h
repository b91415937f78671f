/* progress_write.h - the text of a new progress record, appended as YAML
 * at the end of a log.
 *
 * The engine never rewrites a log: the text of a new record is added
 * after the last byte of the old text, in the log's own layout (the
 * indentation of its list of records, its line breaks), so comments and
 * hand-made layout survive. That is possible when "records" is the log's
 * last key and is written as a block list (or left empty); otherwise the
 * append is refused with the reason. Strings are written double-quoted
 * (escaped as YAML requires), so no text can change the record's
 * structure. A new log starts with a header that says what the file is. */
#ifndef KEHOACH_PROGRESS_WRITE_H
#define KEHOACH_PROGRESS_WRITE_H

#include "date.h"
#include "node.h"
#include "progress.h"
#include "source.h"
#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct progress_write_value {
    const char *name; /* the target's name as the plan writes it */
    double value;
} progress_write_value;

typedef struct progress_write_entry {
    date date;
    const char *activity;   /* or NULL, and report names a report */
    const char *report;     /* "BC1": the record says the report was sent */
    const char *occurrence; /* NULL: not said */
    progress_state state;
    int percent; /* -1: not said */
    const progress_write_value *values;
    size_t nvalues;
    const char *const *evidence;
    size_t nevidence;
    const char *note, *by; /* NULL: not said */
    const char *document;  /* a report's number; NULL: not said */
    const char *form;      /* the form it was collected from; NULL: none */
} progress_write_entry;

/* Writes to out the text to add after the last byte of an old log (log,
 * as read record by record: its header says where its records start): a
 * line break when the old text does not end with one,
 * then the n entries, in order; or, when log is NULL, the whole text of a
 * new log for plan_id, with schema_comment (a "# yaml-language-server:
 * ..." line, or NULL) at the top. Returns false with the reason in err
 * (strbuf.h) when the old log's layout does not allow appending.
 *
 * With an old log, *resume (unless NULL) is where its list of records
 * goes on: the line of its last record's "- ", or the line of "records:"
 * when the list is empty. The old text from there
 * followed by out is then a document of its own - a list of that last
 * record and the new ones, or a mapping of "records" to the new ones -
 * which reads as the same records as the whole new text does when, and
 * only when, the old text ends as the append expects (nothing but
 * comments after its records). Its offset is PROGRESS_WRITE_NO_RESUME
 * when the last record is not written so (it does not start its line
 * with "- "): only the whole new text tells. */
typedef struct progress_write_resume {
    size_t offset; /* of the line's first byte, or PROGRESS_WRITE_NO_RESUME */
    unsigned line; /* its number, from 1 */
} progress_write_resume;

#define PROGRESS_WRITE_NO_RESUME ((size_t)-1)

bool progress_write_append(const progress_log *log, const char *plan_id,
                           const char *schema_comment,
                           const progress_write_entry *entries, size_t n,
                           strbuf *out, progress_write_resume *resume,
                           strbuf *err);

/* Moves the records of out - the text progress_write_append made to add
 * after log - to the start of a page of the new file (a multiple of page
 * bytes, lockfile_page) when they would cross one and fit in one: a
 * comment line ("#", spaces, the log's line break) fills the page up,
 * after the line break out may start with. An update can then add the
 * text in place, since a write cut short at the page's start leaves the
 * log with its old records and a part of that comment (lockfile.h).
 * Returns the bytes of out before the records, comment included, or 0
 * when there is no comment (the records fit where they are, are longer
 * than a page, or the page's rest is too short for a comment line). */
size_t progress_write_fill_page(const progress_log *log, size_t page,
                                strbuf *out);

/* The editor's schema line for a plan's log, made from the plan's own
 * ("# yaml-language-server: $schema=../schemas/plan.schema.json" gives
 * ".../progress.schema.json"); NULL when the plan has none. Caller frees. */
char *progress_write_schema_comment(const source *plan_src);

#endif
