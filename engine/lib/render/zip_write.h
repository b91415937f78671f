/* zip_write.h - a zip archive written front to back to a descriptor, its
 * central directory spooled to a temporary file.
 *
 * minizip and libzip keep an archive's central directory (46 bytes and
 * the name, an entry) in memory until the archive is closed, so a
 * workbook of thousands of sheets (five entries a sheet with its drawing
 * and chart) holds memory that grows with its sheets to the end. Here
 * each entry's record goes to an anonymous temporary file as the entry
 * ends, and is copied after the last entry: what is held is two buffers.
 *
 * Every entry is deflated (method 8): its bytes come compressed already
 * (zip_write_raw, ended with their CRC and size) or are deflated here
 * (zip_write_deflate). An entry's local header is written before its
 * bytes and its CRC and sizes put in it when it ends (the descriptor is
 * seekable), so every reader finds them where the format first put them.
 * The ZIP64 end records are written when the archive has more than
 * 65,535 entries or its central directory begins past 4 GiB; an entry
 * itself is at most 4 GiB. */
#ifndef KEHOACH_ZIP_WRITE_H
#define KEHOACH_ZIP_WRITE_H

#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct zip_write zip_write;

/* An archive written into fd from its offset 0; NULL with err when the
 * temporary file cannot be made. */
zip_write *zip_write_start(int fd, strbuf *err);

/* A new entry named `name` (ASCII), modified at dos_time (MS-DOS date in
 * the high 16 bits, time in the low). */
bool zip_write_begin(zip_write *z, const char *name, uint32_t dos_time);

/* Compressed bytes of the entry, which ends with zip_write_end_raw. */
bool zip_write_raw(zip_write *z, const void *data, size_t len);
bool zip_write_end_raw(zip_write *z, uint32_t crc, uint64_t size);

/* Bytes of the entry deflated here; it ends with zip_write_end. */
bool zip_write_deflate(zip_write *z, const void *data, size_t len);
bool zip_write_end(zip_write *z);

/* The errno of the first failure (EFBIG: an entry past 4 GiB), or 0. */
int zip_write_error(const zip_write *z);

/* Writes the central directory and the end records; false on any
 * failure (zip_write_error says which). z is then done with: free it
 * with zip_write_free. */
bool zip_write_finish(zip_write *z);

void zip_write_free(zip_write *z);

#endif
