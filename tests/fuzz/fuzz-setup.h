/* fuzz-setup.h - what the fuzz targets share: the input as a source, the
 * built-in schemas, and the fixed plan and log a target runs its input
 * against. Whatever is built here lives for the whole run. */
#ifndef KEHOACH_FUZZ_SETUP_H
#define KEHOACH_FUZZ_SETUP_H

#include "plan.h"
#include "progress.h"
#include "schema.h"
#include "source.h"

#include <stdint.h>

/* libFuzzer's entry point, defined by each target. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as text: a NUL-terminated copy (caller frees). */
char *fuzz_text(const uint8_t *data, size_t size);

/* The input as a source named path (caller frees with source_free). */
source *fuzz_input(const char *path, const uint8_t *data, size_t size);

/* The compiled built-in schema of a file of schemas/, loaded on the first
 * call. */
const schema *fuzz_schema(const char *file);

/* A fixed plan: loaded and scheduled without an error. */
plan *fuzz_fixed_plan(const char *path, const char *yaml);

/* A fixed progress log of p: loaded and checked without an error. */
progress_log *fuzz_fixed_log(const plan *p, const char *path, const char *yaml);

#endif
