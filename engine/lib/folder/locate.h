/* locate.h - finding a plan file by its id below a folder.
 *
 * `kehoach update PLAN-ID` names a plan by its id. Every file below the
 * folder that validate would read (*.yaml, *.yml; progress logs, unit
 * registries and report templates left out by their names) is read only
 * as far as its top-level "id" key (yamlload_peek_key): nothing is built,
 * and a plan whose id comes first costs its first few KiB however large
 * it is. The search has limits - folders 32 deep (as every walk), files
 * and folders looked at, bytes read - and says which one stopped it, so
 * an id that was not found is never taken for one that is not there. The
 * ids seen are kept for "did you mean", and all of them can be listed
 * (locate_ids, for completion). */
#ifndef KEHOACH_LOCATE_H
#define KEHOACH_LOCATE_H

#include <stddef.h>

#define LOCATE_MAX_NEAR 5 /* ids offered instead */

typedef struct locate_limits {
    size_t max_entries; /* files and folders looked at */
    size_t max_read;    /* bytes read from all files */
} locate_limits;

/* 100,000 files and folders, 1 GiB. */
extern const locate_limits locate_default_limits;

typedef struct locate_result {
    char *path;  /* the first plan file, in walk order, with the id;
                            NULL when there is none */
    char **near; /* ids seen that are close to it, closest first */
    size_t nnear;
    size_t files;     /* files whose id was looked for */
    char stopped[96]; /* "" or why some files were not looked at, as a
                            clause ("it stopped after reading 1024 MiB") */
} locate_result;

/* Looks for the plan whose id is id below dir. Release *out with
 * locate_result_release(). */
void locate_plan(const char *dir, const char *id, const locate_limits *limits,
                 locate_result *out);
void locate_result_release(locate_result *r);

/* The ids of the plans below dir, in walk order, each once, as
 * locate_plan reads them (within limits; what they leave out is left out
 * silently): what a shell offers for a plan id. Stores the count in
 * *count; caller frees each id and the array. */
char **locate_ids(const char *dir, const locate_limits *limits, size_t *count);

#endif
