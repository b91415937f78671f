/* report.h - rendering Excel reports from plans and their progress.
 *
 * A report follows its template (template.h): the sheets made once are
 * started when the report begins, each plan then adds its rows to them
 * and gets its own sheets, and the end closes the tables (totals, filters,
 * page setup) and writes the workbook. Plans are rendered one at a time,
 * while each is in memory (see validate_run), into libxlsxwriter's
 * constant-memory workbook (xlsx.h): memory does not grow with the number
 * of plans or records. Plans whose year or span does not meet the period
 * are left out and counted. The status of every plan is computed as of the
 * run's date (status.h), so a report agrees with `kehoach status` for that
 * date. */
#ifndef KEHOACH_REPORT_H
#define KEHOACH_REPORT_H

#include "plan.h"
#include "progress.h"
#include "report_field.h"
#include "template.h"
#include "orgunits.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct report report;

typedef struct report_options {
    const template *tpl;
    report_run run;
    size_t plan_files; /* plan files named, for the sheets' min_plans */
    int fd;            /* the file to write, open (xlsx_open) */
} report_options;

/* Starts a report. Returns NULL with the reason in err (strbuf.h). */
report *report_begin(const report_options *o, strbuf *err);

/* A plan is added in three steps, as validate_run hands it over
 * (validate_visitor): report_begin_plan once it is checked and scheduled,
 * report_record with each record of its log as it is read (what the
 * report needs of it is kept: its part of the status, and a copy when a
 * sheet lists records), then report_plan. */
void report_begin_plan(report *r, const plan *p);
void report_record(report *r, const progress_record *rec);

/* Adds a checked, scheduled plan with its log's header (NULL when none),
 * after its records (see above). Returns
 * a warning when the template shows the plan's notes for the period
 * (notes.h) and it has none to show (its parts are then left blank to
 * fill in): which file was looked for, in a sentence (it lives until
 * the next plan is added); NULL otherwise. */
const char *report_plan(report *r, const plan *p, const char *file,
                        const orgunits *registry, const progress_log *log);

typedef struct report_summary {
    size_t plans;    /* rendered */
    size_t left_out; /* outside the period */
    size_t sheets;
    size_t truncated; /* cells cut to Excel's limit */
} report_summary;

/* Writes the workbook and frees the report. Returns false with the reason
 * in err when it could not be written (the file is then incomplete and
 * must be removed). */
bool report_end(report *r, report_summary *out, strbuf *err);

#endif
