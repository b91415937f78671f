/* deflate_edit.h - texts replaced in a raw deflate stream, compressing
 * again only what follows the first replacement.
 *
 * xlsx_join changes a few bytes near the end of a sheet libxlsxwriter has
 * already compressed (a document's <headerFooter>). Inflating the whole
 * sheet and deflating it again costs as much as writing it did. Instead
 * the stream is inflated to find the texts, and its compressed bytes are
 * copied as they are up to the last deflate block that ends before the
 * first text to replace; from that boundary on the text is deflated again
 * by a new stream that takes up the old one's last bits (deflatePrime)
 * and its 32 KiB window (deflateSetDictionary), as zlib's gzappend
 * example joins streams. Only the blocks from there to the end are
 * compressed twice. */
#ifndef KEHOACH_DEFLATE_EDIT_H
#define KEHOACH_DEFLATE_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A text replaced at its first occurrence, when wanted; done once it
 * has been. */
typedef struct deflate_change {
    const char *from, *to;
    bool wanted, done;
} deflate_change;

/* The longest `from` of a wanted change may be this long. */
#define DEFLATE_CHANGE_MAX 64

typedef struct deflate_edit_io {
    /* Up to cap bytes of the stream read into buf: how many, 0 at its
     * end, below 0 on a failure. */
    long (*read)(void *ctx, void *buf, size_t cap);
    /* The edited stream's next len bytes; false on a failure. */
    bool (*write)(void *ctx, const void *buf, size_t len);
    void *ctx;
} deflate_edit_io;

/* What the stream held and what it holds now, uncompressed. */
typedef struct deflate_edit_sizes {
    uint64_t in_size, out_size;
    uint32_t in_crc, out_crc;
    uint64_t copied; /* compressed bytes copied as they were */
} deflate_edit_sizes;

typedef enum deflate_edit_status {
    DEFLATE_EDIT_OK,
    DEFLATE_EDIT_READ_FAILED,
    DEFLATE_EDIT_NOT_DEFLATE, /* corrupt or cut short */
    DEFLATE_EDIT_WRITE_FAILED,
} deflate_edit_status;

/* Keeps the buffers and zlib states from one stream to the next. */
typedef struct deflate_editor deflate_editor;

deflate_editor *deflate_edit_new(void);
void deflate_edit_free(deflate_editor *ed);

/* Reads a raw deflate stream through io and writes it back with the
 * first occurrence of each wanted change's text replaced, compressed at
 * zlib's default level; a change whose text never occurs is left not
 * done (the stream is then written unchanged from there). Every wanted
 * change's `from` is at most DEFLATE_CHANGE_MAX bytes. */
deflate_edit_status deflate_edit_run(deflate_editor *ed,
                                     const deflate_edit_io *io,
                                     deflate_change *c, size_t nc,
                                     deflate_edit_sizes *sizes);

#endif
