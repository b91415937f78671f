/* kehoach.h - the library as the command line sees it.
 *
 * The one header engine/cli/ includes: the stage headers that make up the
 * library's public face, from the bottom stage up (docs/architecture.md).
 * A header not named here is private to the library; the command line
 * must not reach for it, and tests/layout/layout.py holds it to that. */
#ifndef KEHOACH_H
#define KEHOACH_H

#include "version.h"

/* base: memory, strings, text, dates and files */
#include "arena.h"
#include "date.h"
#include "fileio.h"
#include "i18n.h"
#include "json_writer.h"
#include "outfile.h"
#include "strbuf.h"
#include "strmap.h"
#include "tempfile.h"
#include "visible.h"
#include "vntext.h"
#include "xalloc.h"

/* load: texts with positions and their diagnostics */
#include "diag.h"
#include "source.h"

/* plan: which units a command's --unit names, reporting periods */
#include "orgunits_query.h"
#include "period.h"

/* track: progress logs, states and deadlines, a new record's text */
#include "deadline.h"
#include "progress.h"
#include "progress_write.h"
#include "status.h"

/* render: listings, templates and the report's workbook */
#include "deadline_format.h"
#include "report.h"
#include "status_format.h"
#include "template.h"
#include "xlsx.h"

/* import: a draft plan from a document's text, or from last year's plan */
#include "import.h"
#include "import_encoding.h"
#include "newyear.h"

/* pdf: a PDF's text in reading order */
#include "pdf_text.h"

/* folder: files checked together, a plan found by its id, a record added
 * to its log */
#include "locate.h"
#include "schemaref.h"
#include "update.h"
#include "validate.h"

/* sheet: the text of a Word document, for import */
#include "docx_read.h"

/* forms: a unit's progress form made, and read back filled */
#include "collect.h"
#include "form.h"
#include "form_write.h"

#endif
