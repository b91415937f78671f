/* xlsx_join.h - one workbook package made of several part books: the one
 * module that includes minizip.
 *
 * libxlsxwriter keeps every sheet's state (its struct, merged ranges,
 * chart series: about 18 KiB a sheet) until the workbook is closed, so a
 * report of thousands of sheets would hold all of them at once. xlsx.c
 * writes such a workbook as a run of part books instead, each a whole
 * libxlsxwriter workbook of a few sheets in an unnamed temporary file,
 * closed as soon as its sheets are done. Each part is joined into the
 * package as it closes: its sheets, drawings and charts are copied as
 * they were compressed, renamed to their place in the whole (sheet N is
 * the whole's Nth sheet, drawing N is sheet N's, charts are numbered as
 * inserted), and the part's workbook index is read for its sheets' names
 * and defined names (print areas, print titles, filters). The package's
 * indexes (content types, workbook, its relationships, app properties)
 * are written when the last part is in, in the form libxlsxwriter gives
 * them. So the same sheets give the same package however they were
 * split into parts (tests/unit/test-xlsx_join.c).
 *
 * A sheet's rows come from its spool (rows_spool.h), put into its text
 * as they were compressed. Two things are changed on the way, in a
 * sheet's text: libxlsxwriter selects the first sheet of every part, and
 * the whole selects its first only; and a document's first page is left
 * unnumbered (Decree 30/2020/NĐ-CP numbers an administrative document's
 * pages from the second): libxlsxwriter writes one header for every page
 * and has no "different first page", so <headerFooter> gains
 * differentFirst="1" and, with no first-page header given, the first page
 * prints none.
 *
 * The package is written to a descriptor, never reopened by name
 * (zip_write.h, its central directory spooled to a temporary file), and
 * the memory it keeps is the sheets' names and defined names: about
 * 0.2 KiB a sheet. */
#ifndef KEHOACH_XLSX_JOIN_H
#define KEHOACH_XLSX_JOIN_H

#include "rows_spool.h"
#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct xlsx_join xlsx_join;

/* A sheet of a part book, given in the part's order. */
typedef struct xlsx_join_sheet {
    size_t number;          /* its place in the whole workbook, from 1 */
    bool hidden;            /* hidden in the whole */
    bool first_unnumbered;  /* has a header or footer, not on page one */
    const uint32_t *charts; /* the whole's numbers of its charts (from 1),
                               in the order they were inserted */
    size_t ncharts;
    const rows_spool *rows; /* its rows, ended, when they were spooled
                               (then its text has none), or NULL */
} xlsx_join_sheet;

/* Starts the package in fd, a regular file written from its start. NULL
 * with the reason in err (strbuf.h). */
xlsx_join *xlsx_join_start(int fd, strbuf *err);

/* Joins the part book libxlsxwriter wrote into the file open as `part`
 * (read through the descriptor, left open): its sheets are `sheets`, in
 * its order. `styles`: the part holds every style of the whole, whose
 * styles are taken from it (the last part joined must). False with the
 * reason in err; the package is then to be abandoned. */
bool xlsx_join_part(xlsx_join *j, int part, const xlsx_join_sheet *sheets,
                    size_t nsheets, bool styles, strbuf *err);

/* Writes the package's indexes and ends it; every sheet numbered 1..N
 * must have been joined. Frees j. False with the reason in err: the
 * file's content is then unspecified, and the caller discards it. */
bool xlsx_join_finish(xlsx_join *j, strbuf *err);

/* Ends the package unfinished (after an error elsewhere). Frees j. */
void xlsx_join_abandon(xlsx_join *j);

#endif
