/* schemaref.h - the schema line of a YAML file kehoach writes.
 *
 * A draft plan starts with "# yaml-language-server: $schema=REF", which
 * tells an editor where its schema is. REF must lead to a schema from
 * where the file is, wherever that is: a path relative to the file's
 * folder when a schemas/ folder holding the schema is in that folder or
 * one above it (as in kehoach's own checkout, where plans/ sits beside
 * schemas/); else the schema installed with kehoach, by its absolute
 * path; else nothing, and the file has no line (an editor can still map
 * files to schemas by name, docs/plan-format.md). */
#ifndef KEHOACH_SCHEMAREF_H
#define KEHOACH_SCHEMAREF_H

/* The reference to the schema file `name` ("plan.schema.json") for a file
 * written in folder dir, with installed the folder of the installed
 * schemas; NULL when neither is there. The caller frees it. */
char *schemaref_find(const char *dir, const char *name, const char *installed);

#endif
