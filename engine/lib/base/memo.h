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

#include <stdbool.h>
#include <stddef.h>

typedef struct memo {
    size_t max; /* bytes of inputs and results it may hold */
    size_t bytes;
    arena *a;
    strmap results;
} memo;

/* The result of make(text, len, flag) (malloc'ed, NUL-terminated) as a
 * malloc'ed copy the caller frees: remembered in scope `flag`, or made and
 * remembered. */
char *memo_call(memo *m, const char *text, size_t len, bool flag,
                char *(*make)(const char *text, size_t len, bool flag));

#endif
