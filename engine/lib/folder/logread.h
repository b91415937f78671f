/* logread.h - a plan's progress log, read record by record.
 *
 * A log grows by a record with every update and is read whole by every
 * command, so it is never held whole: the file is mapped, not read
 * (source_map), and its list of records handed over one at a time
 * (docload_file_items). Each record is checked against the schema of a
 * record, read (progress_record_read), checked and resolved against the
 * plan (progress_check_record) and given to the caller, who keeps what it
 * needs of it (a status folds it, an export writes it); then its memory
 * is reused. What stays is the log's header: its plan id, its source,
 * its number of records and where its list is written (progress_log with
 * no records). A log of a million records is read in the memory of one. */
#ifndef KEHOACH_LOGREAD_H
#define KEHOACH_LOGREAD_H

#include "catalog.h"
#include "diag.h"
#include "docload.h"
#include "plan.h"
#include "progress.h"

/* Each record of a log, checked (rec->usable says whether it counts);
 * rec and everything it points to live only during the call. */
typedef void logread_record_fn(const plan *p, const progress_record *rec,
                               void *ctx);

typedef struct logread {
    docload_status status;
    docload_doc *doc;  /* the log's document (NULL when it could not be
                          read): its source, and its root with the list
                          of records empty */
    progress_log *log; /* the header, when the log loaded; else NULL */
} logread;

/* Reads the log at path against p (checked and scheduled), handing each
 * record to fn (may be NULL) with ctx; problems go to d. Release out
 * with logread_release. */
void logread_file(const char *path, const plan *p, const catalog *cat,
                  diag_sink *d, logread_record_fn *fn, void *ctx, logread *out);
void logread_release(logread *r);

#endif
