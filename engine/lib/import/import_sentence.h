/* import_sentence.h - the lead, partners and time an activity's own text
 * states.
 *
 * Plans do not always give an activity's units and time on lines of their
 * own under labels. They put the labels on one line ("Chủ trì: A; phối
 * hợp: B; thời hạn: tháng 7/2025"), in brackets closing the activity
 * ("... (chủ trì: A; phối hợp: B; thời gian: Quý II/2025)"), or say them
 * in the activity's sentence: the lead as its subject ("A chủ trì, phối
 * hợp với B, C tổ chức ..."; "A biên soạn ..., phối hợp với B") and the
 * time in its last clause ("...; hoàn thành trong Quý II/2024", "... vào
 * tháng 7/2024", ", thực hiện hằng quý"). This module finds them; values
 * are cut from the text, never rewritten. */
#ifndef KEHOACH_IMPORT_SENTENCE_H
#define KEHOACH_IMPORT_SENTENCE_H
#include "arena.h"
#include "import_phrase.h"

#include <stdbool.h>
#include <stddef.h>

/* One "label: value" of a chain: the field and its value, s[from..to). */
typedef struct import_labelled {
    import_field field;
    size_t from, to;
} import_labelled;

/* The labelled fields of s when it opens with a label and goes on with
 * others after "; " ("Chủ trì: A; phối hợp: B; thời hạn: C"), up to max
 * of them; 0 when s opens with no label. A "; " not followed by a label
 * stays in the value ("Phối hợp: A; B"). */
size_t import_sentence_labels(const char *s, import_labelled *out, size_t max);

/* Where a bracket of labelled fields that closes s opens ("... (chủ trì:
 * A; thời gian: B)."), or strlen(s) when s closes with none. */
size_t import_sentence_bracket(const char *s);

/* True when s opens with a verb an activity opens with ("Tổ chức",
 * "Xây dựng", ...). */
bool import_sentence_starts_with_verb(const char *s);

typedef struct import_sentence {
    const char *lead;     /* the units that lead, as written; or NULL */
    const char *partners; /* the units "phối hợp với" names; or NULL */
    const char *time;     /* the time clause, from its first time word */
    bool subject;         /* the lead is the sentence's subject, followed
                             by its verb, not named by "chủ trì" */
} import_sentence;

/* What the sentence s says of its lead, partners and time (copied into
 * a); fields it does not state are NULL. A sentence that assigns the work
 * ("Giao A chủ trì, phối hợp với B thực hiện ...") names them after
 * "Giao". */
void import_sentence_read(arena *a, const char *s, import_sentence *out);

#endif
