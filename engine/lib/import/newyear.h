/* newyear.h - next year's plan drafted from this year's.
 *
 * `kehoach new --from PLAN --year 2027`: most of a new plan is the old
 * one with its years moved. The draft is the old plan's own text, edited
 * in place: the year in its id, `year` or `span`, every date and dated
 * time phrase (activities' times, defaults, structured times), the
 * reporting duties' `when` and `due`, and the plan's year where its words
 * name it ("... năm 2026") move by the same number of years; the number
 * and the date of issue are left for the new plan's; the legal basis
 * stays as it was. Every place edited, and every place where a person
 * must decide (a document cited with a date in the plan's year, a period
 * of years that is not the plan's, the basis, the signer, a warning the
 * old plan had), gets a "# REVIEW" comment as `kehoach import` writes
 * them, and a warning at its place in the old plan. Nothing of the
 * progress is carried. */
#ifndef KEHOACH_NEWYEAR_H
#define KEHOACH_NEWYEAR_H

#include "arena.h"
#include "diag.h"
#include "plan.h"
#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>

/* Which years of a text move. */
typedef enum newyear_role {
    /* a time phrase or a date: every year of the plan, of the year before
     * or of the year after it moves (a report on the year is often due in
     * January of the next); other years are counted as foreign */
    NEWYEAR_TIME,
    /* the plan's words: the plan's years move, except in a date that
     * dates a document cited ("số 04/KH-UBND ngày 08/01/2026") and in a
     * period of years other than the plan's span ("giai đoạn 2016 -
     * 2020"), which are kept; other years ("Luật ... năm 2017") are left */
    NEWYEAR_TEXT,
} newyear_role;

/* The move: the old plan's years, and how many years to move by. */
typedef struct newyear_shift {
    int from, to; /* equal for a one-year plan */
    int by;       /* not 0 */
} newyear_shift;

/* What newyear_move() did to a text. */
typedef struct newyear_moved {
    size_t years; /* years moved */
    int old_year; /* the first moved, before and after */
    int new_year;
    size_t leap_days;     /* 29 February that became the 28th, its new year
                             not being a leap year */
    size_t kept;          /* years of the plan kept (NEWYEAR_TEXT) */
    const char *kept_why; /* the first, quoted: "'08/01/2026' dates a
                             document the plan cites", "'2016 - 2020' is a
                             period other than the plan's" */
    size_t foreign;       /* years not the plan's (NEWYEAR_TIME) */
    int foreign_year;     /* the first */
} newyear_moved;

/* s (NUL-terminated) with its years moved as role says: a year is a run
 * of four digits standing alone (not within a longer number, a word or a
 * document's number such as 3674/QĐ-BTP). Returns s itself when nothing
 * changed, else a new string in a of the same length: digits are only
 * ever replaced by as many digits. m says what was done. */
const char *newyear_move(arena *a, const char *s, newyear_role role,
                         const newyear_shift *shift, newyear_moved *m);

/* Reads a year as --year gives it: four digits, 2000 to 2100 (the years
 * a plan can have). False with the reason in err ("'20x7' is not a year:
 * write it with four digits, as in 2027"). */
bool newyear_year_of(const char *s, int *year, strbuf *err);

typedef enum newyear_status {
    NEWYEAR_OK,
    NEWYEAR_BAD_YEAR, /* the plan cannot move to that year (err says why) */
    NEWYEAR_FAILED,   /* the draft did not read back as meant: a bug */
} newyear_status;

typedef struct newyear_summary {
    char *id;      /* the new plan's id (malloc'ed: the caller frees) */
    size_t review; /* "# REVIEW" comments written */
} newyear_summary;

/* Drafts the plan p (loaded and checked, its document in memory: p->src,
 * p->root) for year, the new plan's year or the first of its span, and
 * appends the draft to out: every byte of p's text that is not edited is
 * copied, comments and layout included. id: the new plan's id, or NULL
 * to move the year in the old one's. checked: the problems found when p
 * was checked (may be NULL); the warnings at p's file become review
 * comments too. Each review comment is also a warning in notes, at its
 * place in p's file. The draft is read back, and every value compared
 * with what was meant, before this returns NEWYEAR_OK. */
newyear_status newyear_draft(const plan *p, int year, const char *id,
                             diag_sink *checked, strbuf *out, diag_sink *notes,
                             newyear_summary *sum, strbuf *err);

#endif
