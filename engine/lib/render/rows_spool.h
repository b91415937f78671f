/* rows_spool.h - a sheet's rows deflated as they are written, for the
 * join to put into the sheet's entry without another copy.
 *
 * In constant-memory mode libxlsxwriter writes a sheet's rows to a
 * temporary file, copies that file into a second one when the workbook
 * is closed (the sheet's XML around them), and deflates the second into
 * the part book: every byte of the rows passes through the page cache
 * twice uncompressed, 1.2 GiB for the audit export of 2,040 plans. A
 * spool stands in for the first file: a stdio stream (fopencookie(3),
 * glibc) whose bytes are deflated as they come, kept in memory up to
 * 64 KiB compressed and past that in an anonymous temporary file, and
 * read back as nothing, so the sheet's XML holds
 * "<sheetData></sheetData>" with no rows between. Ended, the spool is a
 * run of whole deflate blocks, the last one not final and flushed to a
 * byte boundary (Z_SYNC_FLUSH): xlsx_join.h writes the sheet's XML up to
 * its rows, these blocks as they are, then the rest, as one entry.
 *
 * A spool's deflate state (about 270 KiB) and its 64 KiB output buffer
 * live from its first byte to its end; afterwards it holds its sizes and
 * its compressed bytes in memory (up to 64 KiB) or a descriptor. */
#ifndef KEHOACH_ROWS_SPOOL_H
#define KEHOACH_ROWS_SPOOL_H

#include "strbuf.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct rows_spool rows_spool;

/* A new spool and its stream (*stream), or NULL with err (strbuf.h). The
 * stream is opened for reading and writing; it reads as empty, does not
 * seek, and closing it neither ends nor frees the spool. */
rows_spool *rows_spool_new(FILE **stream, strbuf *err);

/* Ends the spool, after its stream was flushed: what was written is
 * deflated to its end. False with err when a write failed, then or
 * before (the stream's error flag says only that one did). */
bool rows_spool_end(rows_spool *s, strbuf *err);

/* What an ended spool holds: len compressed bytes, at data when it is
 * not NULL, otherwise at the start of fd (the spool's), inflating to size
 * bytes whose CRC-32 is crc. */
typedef struct rows_spool_bytes {
    const unsigned char *data;
    int fd;
    uint64_t len, size;
    uint32_t crc;
} rows_spool_bytes;

rows_spool_bytes rows_spool_held(const rows_spool *s);

/* Frees the spool and closes its file (not its stream). NULL-safe. */
void rows_spool_free(rows_spool *s);

#endif
