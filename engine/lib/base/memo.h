/* memo.h - results of a pure function of a text, remembered for a run.
 *
 * Normalising a unit's name (utf8proc's decomposition, case folding,
 * composition) is the costliest step of checking a plan's names, and a
 * run over a country's plans normalises the same few hundred names
 * hundreds of thousands of times. A memo keeps each result by its input
 * text (and a scope: one memo may hold several functions' results), up to
 * a number of bytes, after which it only answers what it already holds:
 * its memory is bounded whatever the input. A zeroed memo with `max` set
 * is empty and valid; it lives to the end of the process. */
#ifndef KEHOACH_MEMO_H
#define KEHOACH_MEMO_H

#include "arena.h"
#include "strmap.h"

#include <stddef.h>

typedef struct memo {
    size_t max; /* bytes of inputs and results it may hold */
    size_t bytes;
    arena *a;
    strmap results;
} memo;

/* The result remembered for text[0..len) in scope, or NULL. */
const char *memo_get(const memo *m, size_t scope, const char *text, size_t len);

/* Remembers result (NUL-terminated; copied) for text[0..len) in scope,
 * unless the memo is full. */
void memo_put(memo *m, size_t scope, const char *text, size_t len,
              const char *result);

#endif
