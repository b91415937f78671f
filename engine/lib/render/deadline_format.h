/* deadline_format.h - a list of deadlines as text, JSON, CSV, a sheet or
 * iCalendar.
 *
 * Text is for people in a terminal: Vietnamese words, overdue items first,
 * each item on three lines that fit the width given, colours only when
 * asked, control characters shown as escapes (visible.h). JSON and CSV
 * are for tools (fields named in English, states as codes); the sheet
 * holds the CSV's columns as typed cells (tabular.h), for people who work
 * in Excel. iCalendar (RFC 5545) is for calendar programs: one all-day
 * event per due date, with a UID made of the plan, the item and the
 * occurrence, so that importing again updates events instead of adding
 * copies, and a reminder a week before; an event on 9999-12-31 lasts a
 * day (no DTEND in year 10000). Everything that depends on a date takes
 * it from the query: the same input gives the same bytes. */
#ifndef KEHOACH_DEADLINE_FORMAT_H
#define KEHOACH_DEADLINE_FORMAT_H

#include "deadline.h"
#include "strbuf.h"
#include "xlsx.h"

#include <stdbool.h>
#include <stddef.h>

void deadline_format_text(const deadline_list *l, const deadline_query *q,
                          strbuf *out, bool color, size_t width);
void deadline_format_json(const deadline_list *l, const deadline_query *q,
                          strbuf *out);
/* bom: start with CSV_BOM (csv.h), for a file a spreadsheet opens. */
void deadline_format_csv(const deadline_list *l, strbuf *out, bool bom);
void deadline_format_sheet(const deadline_list *l, xlsx_sheet *s);
/* version: the engine's, for PRODID. */
void deadline_format_ics(const deadline_list *l, const deadline_query *q,
                         const char *version, strbuf *out);

#endif
