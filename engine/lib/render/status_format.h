/* status_format.h - the status of plans as text, JSON, CSV or a sheet.
 *
 * Plans are formatted one at a time, while each is in memory (see
 * validate_run), and the totals at the end, so memory does not grow with
 * the number of plans. Text is for people in a terminal: per plan the
 * counts by state and the percent done, per activity its id, short title,
 * lead, due date, state and latest note, within the width given, colours
 * only when asked, control characters shown as escapes (visible.h). JSON
 * and CSV are for tools: fields in English, states as codes; CSV cells are
 * made inert for spreadsheets (csv.h). The sheet holds the CSV's columns
 * as typed cells (tabular.h), for people who work in Excel.
 *
 * Only the activities in the status's scope (a unit's, see status_scope)
 * are counted and listed, and a plan with none is not shown; a state
 * filter keeps the list to one state, while the counts keep them all. */
#ifndef KEHOACH_STATUS_FORMAT_H
#define KEHOACH_STATUS_FORMAT_H

#include "json_writer.h"
#include "status.h"
#include "strbuf.h"
#include "tabular.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum status_format_kind {
    STATUS_FORMAT_TEXT,
    STATUS_FORMAT_JSON,
    STATUS_FORMAT_CSV,
    STATUS_FORMAT_SHEET,
} status_format_kind;

typedef struct status_report {
    status_format_kind kind;
    date as_of;
    const char *unit; /* NULL: every unit */
    bool has_state;
    status_state state;
    bool color;
    size_t width;      /* text */
    strbuf *out;       /* text, JSON, CSV */
    bool bom;          /* CSV: start with CSV_BOM (csv.h), for a file */
    xlsx_sheet *sheet; /* STATUS_FORMAT_SHEET: the sheet written to */
    /* filled as plans are added */
    size_t plans;
    status_counts totals;
    json_writer json; /* JSON: the object being written */
    tabular table;    /* CSV, sheet: the rows being written */
} status_report;

void status_format_begin(status_report *r);
/* s was computed with the unit of r as its scope (status_scope). */
void status_format_plan(status_report *r, const status_plan *s,
                        const char *file);
void status_format_end(status_report *r);

#endif
