/* period.h - reporting periods of Decree 09/2019/NĐ-CP, art. 12.
 *
 * A report covers a period whose data are cut off on the 14th: the year Y
 * runs from 15/12 of Y-1 to 14/12 of Y, its first half from 15/12 of Y-1 to
 * 14/6, its second half from 15/6 to 14/12, a quarter from the 15th of the
 * month before it to the 14th of its last month, a month from the 15th of
 * the month before to its 14th. Unless the plan says otherwise, the report
 * is due on the 25th of the period's last month (art. 13). */
#ifndef KEHOACH_PERIOD_H
#define KEHOACH_PERIOD_H

#include "date.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum period_kind {
    PERIOD_MONTH,
    PERIOD_QUARTER,
    PERIOD_HALF,
    PERIOD_YEAR,
} period_kind;

#define PERIOD_DEFAULT_DUE_DAY 25

typedef struct period {
    period_kind kind;
    int year;
    int index;     /* month 1-12, quarter 1-4, half 1-2; 0 for a year */
    date from, to; /* the data cut-off: from the 15th to the 14th */
} period;

/* The period of that kind, year and index. */
period period_make(period_kind kind, int year, int index);

/* The year whose data a day belongs to: from 15/12 on, the next one's. */
period period_year_of(date day);

/* Its report's due date: day `day` of the period's last month, or that
 * month's last day when it is shorter. */
date period_due(const period *p, int day);

/* "2026-H1", "2026-Q3", "2026-03", "2026": stable names. buf: 16 bytes. */
void period_key(const period *p, char *buf);

/* "6 tháng đầu năm 2026", "Quý III/2026", "Tháng 3/2026", "Năm 2026".
 * buf: 48 bytes. */
void period_label(const period *p, char *buf);

/* Parses a key as period_key writes it ("2026", "2026-H1", "2026-Q3",
 * "2026-03"). */
bool period_parse(const char *s, period *out);

/* Reads a period as officials write it, as period_label() prints it or
 * near: "Quý III/2026" (or "Quý 3/2026", "quý III năm 2026"), "6 tháng
 * đầu năm 2026", "Tháng 3/2026", "Năm 2026"; case, spaces and
 * diacritics forgiven. */
bool period_parse_words(const char *s, period *out);

#endif
