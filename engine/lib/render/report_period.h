/* report_period.h - the period a report covers.
 *
 * One of the reporting periods of Decree 09/2019 (period.h), named as
 * `--period` names it ("2026", "2026-H1", "2026-Q3", "2026-03"), or any
 * span of days ("2026-01-01..2026-06-30"), with the key and the
 * Vietnamese label a report prints. */
#ifndef KEHOACH_REPORT_PERIOD_H
#define KEHOACH_REPORT_PERIOD_H

#include "date.h"
#include "strbuf.h"

#include <stdbool.h>

/* The reporting period: a named one of Decree 09/2019 or any span. */
typedef struct report_period {
    date from, to;
    /* "2026", "2026-H1", "2026-01-01..2026-06-30" */
    char key[32];
    /* "Năm 2026", "6 tháng đầu năm 2026", "Từ 01/01/2026 đến 30/06/2026" */
    char label[64];
} report_period;

/* Reads "2026", "2026-H1", "2026-Q3", "2026-03" or "FROM..TO" (dates
 * YYYY-MM-DD). On failure puts the reason in err (strbuf.h). */
bool report_period_parse(const char *s, report_period *out, strbuf *err);

#endif
