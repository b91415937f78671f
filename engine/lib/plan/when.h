/* when.h - time as the plans write it: phrases into dated windows.
 *
 * A plan gives an activity's time as the phrase it prints ("Quý II, IV",
 * "Hoàn thành trước Quý III năm 2021", "Hàng tháng", "Từ tháng 01/2026 đến
 * tháng 12/2026") and a reporting duty's as a sentence ("Định kỳ 06 tháng,
 * cuối năm", "trước ngày 30/10/2026"). This module understands those
 * phrases - with or without diacritics, in any case, with Roman or Arabic
 * quarter numbers, with or without the year (the plan's year applies) -
 * and the ISO forms ("2026-03", "2026-Q2", "2026-03..2026-04"). The result
 * of an activity's phrase is one or more windows, each with its due date,
 * and the way they repeat. A phrase it does not understand is refused with
 * a reason, never guessed at. Everything allocated goes in the arena. */
#ifndef KEHOACH_WHEN_H
#define KEHOACH_WHEN_H

#include "arena.h"
#include "date.h"
#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>

/* The plan's period, which a phrase without a year refers to. */
typedef struct when_context {
    int year_from, year_to; /* equal for a one-year plan */
} when_context;

/* One window of time: one occurrence of the activity. */
typedef struct when_window {
    date from, to;     /* inclusive */
    date due;          /* the day it must be done by: `to` unless said */
    const char *key;   /* stable name of the occurrence: "2026-Q2",
                                 "2026-03", "2026-H1", "2026", or for other
                                 windows "2026-03-01..2026-04-30" */
    const char *label; /* how people name it: "Quý II/2026",
                                 "Tháng 3/2026", "6 tháng đầu năm 2026",
                                 "Năm 2026", "01/03/2026 - 30/04/2026" */
    const char *note;  /* the clause that followed the time in the
                                 phrase ("đối với hoạt động ..."), or NULL */
} when_window;

typedef enum when_repeat {
    WHEN_ONCE, /* one window, or a list the phrase named */
    WHEN_MONTHLY,
    WHEN_QUARTERLY,
    WHEN_HALF_YEARLY,
    WHEN_YEARLY,
} when_repeat;

typedef struct when {
    when_window *windows; /* in order of their due dates */
    size_t count;
    when_repeat repeat;
    bool ongoing; /* "Thường xuyên": continuous work */
} when;

/* Parses an activity's time phrase (one or more lines: each line is a
 * window or a list of windows, as in "Từ tháng 03/2026 đến tháng 04/2026
 * đối với ..." on one line and "Từ tháng 11/2026 ..." on the next).
 * Returns true and fills *out; or returns false with the reason in err
 * (strbuf.h), such as "'Quý V' is not a quarter" or "no time is named".
 * Windows may fall outside ctx: checking that is the caller's job, so it
 * can say where. */
bool when_parse(arena *a, const char *text, const when_context *ctx, when *out,
                strbuf *err);

/* A period written the ISO way, as the structured forms of the schema
 * write "from" and "to": "2026", "2026-03", "2026-03-15", "2026-Q2",
 * "2026-H1". Sets its first and last day; false when s is none of these or
 * names no real date. */
bool when_parse_period(const char *s, date *first, date *last);

/* The windows of [from, to] cut at month, quarter, half-year or year
 * boundaries, each due on its last day, with keys and labels as above.
 * Windows that the range only partly covers are clipped to it. With
 * WHEN_ONCE: the one window [from, to], named by its shape. */
void when_split(arena *a, date from, date to, when_repeat repeat, when *out);

/* What a reporting duty's sentence says about when it is due. */
typedef struct when_duty {
    bool has_due; /* a fixed date: "trước ngày 30/10/2026" */
    date due;
    bool monthly, quarterly, half_yearly, first_half, yearly;
    bool on_request; /* "đột xuất", "theo yêu cầu", "khi có yêu cầu" */
} when_duty;

/* Parses the words of a reporting duty ("Định kỳ 06 tháng, cuối năm" ->
 * first_half and yearly; "định kỳ 6 tháng" -> half_yearly; "hằng quý" ->
 * quarterly; "trước ngày 30/10/2026" -> a fixed date; "đột xuất" ->
 * on_request). Returns false with err when it names no schedule it
 * understands ("theo quy định" names none: the caller must ask for the
 * structured form). */
bool when_parse_duty(arena *a, const char *text, when_duty *out, strbuf *err);

#endif
