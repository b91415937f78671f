/* deadline_format.h - a list of deadlines as text, JSON, CSV, a sheet or
 * iCalendar.
 *
 * Text is for people in a terminal: Vietnamese words, overdue items first,
 * each item on three lines that fit the width given, colours only when
 * asked, control characters shown as escapes (visible.h). JSON and CSV
 * are for tools (fields named in English, states as codes); the sheet
 * holds the CSV's columns as typed cells (tabular.h), for people who work
 * in Excel. iCalendar (RFC 5545) is for calendar programs: one all-day
 * event per due date, with a UID made of what the item is (the plan, the
 * activity's id or the duty's key, the occurrence; never a place in a
 * list), so that importing again updates events instead of adding copies,
 * and a reminder a week before; an event on 9999-12-31 lasts a day (no
 * DTEND in year 10000). Finished items stay, for the calendar to update
 * them: cancelled ones STATUS:CANCELLED, done ones marked in the summary
 * and without reminder; SEQUENCE counts the progress records about the
 * occurrence and LAST-MODIFIED is the latest one's day, so the same data
 * give the same event. Everything that depends on a date takes it from
 * the query, and DTSTAMP from the time given: the same input gives the
 * same bytes.
 *
 * A list is written whole (deadline_format_text...), or items are written
 * one at a time by a deadline_writer, so that they need not all be in
 * memory (a deadline_spool's) and what is written can be taken from the
 * strbuf between items. */
#ifndef KEHOACH_DEADLINE_FORMAT_H
#define KEHOACH_DEADLINE_FORMAT_H

#include "deadline.h"
#include "json_writer.h"
#include "strbuf.h"
#include "tabular.h"
#include "xlsx.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

typedef enum deadline_format_kind {
    DEADLINE_FORMAT_TEXT,
    DEADLINE_FORMAT_JSON,
    DEADLINE_FORMAT_CSV,
    DEADLINE_FORMAT_ICS,
    DEADLINE_FORMAT_SHEET,
} deadline_format_kind;

typedef struct deadline_writer {
    deadline_format_kind kind;
    const deadline_query *q; /* text, JSON */
    strbuf *out;             /* all but the sheet */
    bool color;              /* text */
    size_t width;            /* text */
    size_t total, overdue;   /* text: the items to come, and how many of
                                them are overdue (they come first) */
    bool bom;                /* CSV: as deadline_format_csv */
    xlsx_sheet *sheet;       /* the sheet */
    time_t stamp;            /* iCalendar: as deadline_format_ics */
    const char *version;
    /* ---- filled as items are written */
    size_t counts[4];              /* by deadline_state */
    bool late_begun, coming_begun; /* text: the parts' headings written */
    char dtstamp[20];
    json_writer json;
    tabular table;
} deadline_writer;

/* Set the fields above the line, then begin, each item in the order of
 * deadline_sort (for text, the overdue ones first: deadline_spool_sort's
 * overdue_first), and end. JSON's counts are those of the items given. */
void deadline_format_begin(deadline_writer *w);
void deadline_format_item(deadline_writer *w, const deadline_item *it);
void deadline_format_end(deadline_writer *w);

void deadline_format_text(const deadline_list *l, const deadline_query *q,
                          strbuf *out, bool color, size_t width);
void deadline_format_json(const deadline_list *l, const deadline_query *q,
                          strbuf *out);
/* bom: start with CSV_BOM (csv.h), for a file a spreadsheet opens. */
void deadline_format_csv(const deadline_list *l, strbuf *out, bool bom);
void deadline_format_sheet(const deadline_list *l, xlsx_sheet *s);
/* stamp: when the export is made (DTSTAMP), in years 1970 to 9999;
 * version: the engine's, for PRODID. The list should keep finished items
 * (deadline_query.finished). */
void deadline_format_ics(const deadline_list *l, time_t stamp,
                         const char *version, strbuf *out);

#endif
