/* kehoach.h - the library as the command line sees it.
 *
 * The one header engine/cli/ includes: the stage headers that make up the
 * library's public face, from the bottom stage up (docs/architecture.md).
 * A header not named here is private to the library; the command line
 * must not reach for it, and tests/layout.py holds it to that. */
#ifndef KEHOACH_H
#define KEHOACH_H

#include "version.h"

/* base: memory, strings, text, dates and files */
#include "arena.h"
#include "date.h"
#include "fileio.h"
#include "lockfile.h"
#include "outfile.h"
#include "strbuf.h"
#include "visible.h"
#include "vntext.h"

/* load: documents with positions and their diagnostics */
#include "diag.h"
#include "yamlload.h"

/* schema: the built-in schemas */
#include "catalog.h"
#include "schema.h"

/* plan: which units a command's --unit names */
#include "orgunits_query.h"

/* track: progress logs, states and deadlines, a new record */
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

/* import: a draft plan from a document's text */
#include "import.h"

/* folder: files checked together, a plan found by its id, a record added
 * to its log */
#include "locate.h"
#include "update.h"
#include "validate.h"

#endif
