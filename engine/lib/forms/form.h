/* form.h - a progress form: the workbook a unit fills in Excel or
 * LibreOffice and sends back (form_write.h makes it, collect.h reads it).
 *
 * What both sides must agree on lives here: the columns of the sheet to
 * fill and their Vietnamese headers, and the hidden identity sheet (the
 * dropdown's state words are the log's, progress_state_labels). A form has three sheets:
 *
 *   "Hướng dẫn"  what to fill, by when, for whom;
 *   the unit's   a row per activity occurrence or report that is open, in
 *                progress or overdue: the locked columns (key, id, what,
 *                role, due date, state now, latest note) and the columns
 *                to fill (new state, date, percent, each target's value,
 *                report number, note, evidence); group rows (a plan, a
 *                section) carry no key;
 *   "kehoach"    hidden and locked: the form's identity, one fact a row -
 *                kind in column A, values from B: "form" (magic, version),
 *                "id", "made", "unit", "role", "as-of", then a "plan" row
 *                per plan with rows (id, file, plan SHA-256, log SHA-256
 *                or empty, the log's record count), a "target" row per
 *                target column (header, target name) and a "row" row per
 *                row to fill (key, plan id, "activity" or "report", id,
 *                occurrence key or empty, due date).
 *
 * Rows and columns are found by what they hold, not where they are: the
 * header row is the one whose cells are the headers, a row by its key (a
 * hidden column: "plan-id|id|occurrence"), so rows sorted, inserted or
 * deleted, columns moved and sheets renamed or reordered still read. The
 * form's id is the first 16 hex digits of the SHA-256 of its identity
 * (all but "id" and "made"), so the same plans, logs, unit and date make
 * the same form. */
#ifndef KEHOACH_FORM_H
#define KEHOACH_FORM_H

#include "progress.h"

#include <stdbool.h>
#include <stddef.h>

#define FORM_MAGIC "kehoach-form"
#define FORM_VERSION "1"
#define FORM_IDENTITY_SHEET "kehoach"
#define FORM_GUIDE_SHEET "Hướng dẫn"
#define FORM_ID_LEN 16

/* The columns of the sheet to fill, in their order. FORM_COL_TARGET
 * stands for any number of target columns. */
typedef enum form_column {
    FORM_COL_KEY,      /* hidden */
    FORM_COL_ID,       /* "Mã" */
    FORM_COL_WHAT,     /* the activity (and occurrence) or report */
    FORM_COL_ROLE,     /* "Chủ trì" / "Phối hợp" */
    FORM_COL_DUE,      /* the due date */
    FORM_COL_NOW,      /* the state as of the form's date */
    FORM_COL_LAST,     /* the latest note */
    FORM_COL_STATE,    /* to fill from here */
    FORM_COL_DATE,     /* the day it was done (or of the news) */
    FORM_COL_PERCENT,  /* 0-100 */
    FORM_COL_TARGET,   /* one per target */
    FORM_COL_DOCUMENT, /* a report's number */
    FORM_COL_NOTE,
    FORM_COL_EVIDENCE,
} form_column;

#define FORM_NCOLUMNS 14
#define FORM_FIRST_TO_FILL FORM_COL_STATE

/* The column's header as the form writes it (FORM_COL_TARGET: NULL, each
 * has its own, form_target_header). */
const char *form_column_header(form_column c);

/* "Số buổi (buổi)": a target column's header; unit may be NULL. Caller
 * frees. */
char *form_target_header(const char *name, const char *unit);

/* The key of a row: "plan|id|occurrence" (occurrence empty when the
 * activity has one). Caller frees. */
char *form_row_key(const char *plan_id, const char *id, const char *occurrence);

#endif
