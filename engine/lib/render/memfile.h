/* memfile.h - a stdio stream on memory, for the files libxlsxwriter
 * writes and reads back.
 *
 * libxlsxwriter writes each file of a package (a sheet's XML, its
 * relationships, styles, a chart) to a temporary file, then reads it
 * back to compress it. With a sheet's rows spooled apart (rows_spool.h)
 * those files are a few kilobytes, and a report of thousands of sheets
 * makes tens of thousands of them: on ext4 each new inode costs more
 * than the last while the ones freed in the last seconds are passed
 * over (5-7% of the Ministry report's time). A memfile holds its bytes
 * in memory instead (fopencookie(3), glibc), read, written and
 * positioned as a file is, and frees them when closed. */
#ifndef KEHOACH_MEMFILE_H
#define KEHOACH_MEMFILE_H

#include <stdio.h>

/* A new empty memfile open for reading and writing ("w+"), or NULL with
 * errno set. */
FILE *memfile_open(void);

#endif
