/* deflate_edit.c - texts replaced in a raw deflate stream (see
 * deflate_edit.h).
 *
 * The stream is inflated a few kilobytes at a time. Each time inflate
 * stops it says (inflateMark) where in the compressed bits the code it
 * is working on begins and how much of that code's text it has written:
 * a place the stream can be cut, the text from there on deflated again.
 * A cut inside a block ends that block there with its own end-of-block
 * code, which is read from the block's header (zlib does not say it), and
 * clears the block's "last" bit if it had it. A cut point is kept (the
 * compressed bytes before its block written as they are) once no text to
 * replace can begin before it, which is known when the search of the
 * text has passed it by the longest text. So what is held is the
 * compressed bytes since the kept point's block began and the text since
 * 32 KiB before the kept point.
 *
 * zlib reads the stream; the one thing read here by hand is a block's
 * header, for the code that ends it (RFC 1951, 3.2.5-3.2.7). */
#define _GNU_SOURCE /* memmem(3) */
#include "deflate_edit.h"

#include "xalloc.h"

#include <zlib.h>

#include <stdlib.h>
#include <string.h>

#define CHUNK (1 << 16)
#define WINDOW 32768 /* how far back deflate may refer */
#define STEP 4096    /* text inflated between two looks for a cut point */

/* A stream's bytes from offset `at` on. */
typedef struct span {
    unsigned char *buf;
    size_t len, cap;
    uint64_t at;
} span;

/* A place the stream can be cut: where its code begins in the compressed
 * stream (in bits) and where the code's text begins; when it is inside a
 * block, where that block's header begins. */
typedef struct cut {
    uint64_t bit, text, block;
    bool inside;
} cut;

struct deflate_editor {
    z_stream in, out;
    span packed; /* compressed bytes read and not yet written */
    span text;   /* inflated text, from WINDOW before the cut point kept */
    unsigned char *window;   /* text on its way to deflate */
    unsigned char *deflated; /* deflate's output, CHUNK */
};

deflate_editor *deflate_edit_new(void)
{
    deflate_editor *ed = xcalloc(1, sizeof *ed);
    if (inflateInit2(&ed->in, -MAX_WBITS) != Z_OK ||
        deflateInit2(&ed->out, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK)
        xout_of_memory(sizeof(z_stream));
    ed->window = xmalloc(CHUNK + DEFLATE_CHANGE_MAX);
    ed->deflated = xmalloc(CHUNK);
    return ed;
}

void deflate_edit_free(deflate_editor *ed)
{
    if (!ed)
        return;
    inflateEnd(&ed->in);
    deflateEnd(&ed->out);
    free(ed->packed.buf);
    free(ed->text.buf);
    free(ed->window);
    free(ed->deflated);
    free(ed);
}

/* Room for need more bytes at the span's end. */
static void span_room(span *s, size_t need)
{
    if (s->cap - s->len >= need)
        return;
    s->cap = xarray_grown(s->cap, s->len + need, 1);
    s->buf = xrealloc(s->buf, s->cap);
}

/* Drops the span's bytes before stream offset `from`. */
static void span_drop(span *s, uint64_t from)
{
    size_t n = (size_t)(from - s->at);
    memmove(s->buf, s->buf + n, s->len - n);
    s->len -= n;
    s->at = from;
}

/* The earliest of the wanted changes not yet done in s[0, len), or NULL;
 * where it begins in *at. */
static deflate_change *first_change(deflate_change *c, size_t n,
                                    const unsigned char *s, size_t len,
                                    const unsigned char **at)
{
    deflate_change *best = NULL;
    *at = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!c[i].wanted || c[i].done)
            continue;
        const unsigned char *hit = memmem(s, len, c[i].from, strlen(c[i].from));
        if (hit && (!*at || hit < *at)) {
            *at = hit;
            best = &c[i];
        }
    }
    return best;
}

/* --- a block's end-of-block code ----------------------------------------- */

/* Bits of a byte run, least significant first, from bit `at`. */
typedef struct bit_reader {
    const unsigned char *buf;
    uint64_t at, end;
} bit_reader;

/* The next n bits as a number, or -1 past the end. */
static int take(bit_reader *b, int n)
{
    if (b->at + (uint64_t)n > b->end)
        return -1;
    int v = 0;
    for (int i = 0; i < n; i++, b->at++)
        v |= ((b->buf[b->at / 8] >> (b->at % 8)) & 1) << i;
    return v;
}

/* The symbol of a canonical Huffman code of at most 7 bits given by its
 * lengths' counts and its symbols in code order; -1 if there is none. */
static int decode(bit_reader *b, const int count[8], const int *symbol)
{
    int code = 0, first = 0, index = 0;
    for (int len = 1; len < 8; len++) {
        int bit = take(b, 1);
        if (bit < 0)
            return -1;
        code |= bit;
        if (code - count[len] < first)
            return symbol[index + (code - first)];
        index += count[len];
        first = (first + count[len]) << 1;
        code <<= 1;
    }
    return -1;
}

/* The lengths of a dynamic block's literal and length codes, read from
 * its header after the block type; how many in *n, 0 if the header is
 * not one. */
static void literal_lengths(bit_reader *b, int lengths[286 + 138], int *n)
{
    static const int order[19] = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                  11, 4,  12, 3, 13, 2, 14, 1, 15};
    int nlen = take(b, 5) + 257, ndist = take(b, 5) + 1, ncode = take(b, 4) + 4;
    *n = 0;
    if (nlen < 257 || ndist < 1 || ncode < 4 || nlen > 286)
        return;
    int len[19] = {0}, count[8] = {0}, symbol[19], offset[8] = {0};
    for (int i = 0; i < ncode; i++)
        if ((len[order[i]] = take(b, 3)) < 0)
            return;
    for (int s = 0; s < 19; s++)
        count[len[s]]++;
    count[0] = 0;
    for (int l = 1; l < 7; l++)
        offset[l + 1] = offset[l] + count[l];
    for (int s = 0; s < 19; s++)
        if (len[s])
            symbol[offset[len[s]]++] = s;
    int got = 0;
    while (got < nlen) { /* the distance codes' lengths follow: not needed */
        int sym = decode(b, count, symbol), repeat, value = 0;
        if (sym < 0)
            return;
        if (sym < 16) {
            lengths[got++] = sym;
            continue;
        }
        if (sym == 16) {
            if (got == 0)
                return;
            value = lengths[got - 1];
            repeat = 3 + take(b, 2);
        } else
            repeat = sym == 17 ? 3 + take(b, 3) : 11 + take(b, 7);
        if (repeat < 3)
            return;
        while (repeat-- && got < 286 + 138)
            lengths[got++] = value;
    }
    *n = nlen;
}

/* The end-of-block code of the block whose header begins at bit `at` of
 * buf (end bits long), as it goes into the stream (first bit lowest), its
 * length, and whether the block is the last; false for a stored block or
 * a header that is not deflate's. */
static bool block_end_code(const unsigned char *buf, uint64_t end, uint64_t at,
                           unsigned *code, int *bits, bool *last)
{
    bit_reader b = {buf, at, end};
    int final = take(&b, 1), type = take(&b, 2);
    *last = final == 1;
    if (type == 1) { /* fixed codes: end of block is seven zeros */
        *code = 0;
        *bits = 7;
        return true;
    }
    int lengths[286 + 138], n;
    if (type != 2 || (literal_lengths(&b, lengths, &n), n == 0) ||
        lengths[256] == 0)
        return false;
    /* canonical codes: by length, then by symbol */
    int count[16] = {0};
    for (int s = 0; s < n; s++)
        count[lengths[s]]++;
    count[0] = 0;
    unsigned next = 0;
    for (int l = 1; l < lengths[256]; l++)
        next = (next + (unsigned)count[l]) << 1;
    for (int s = 0; s < 256; s++)
        next += lengths[s] == lengths[256];
    *bits = lengths[256];
    *code = 0;
    for (int i = 0; i < *bits; i++) /* sent from its highest bit */
        *code |= ((next >> i) & 1) << (*bits - 1 - i);
    return true;
}

/* --- the stream read ------------------------------------------------------ */

typedef struct edit {
    deflate_editor *ed;
    const deflate_edit_io *io;
    deflate_change *c;
    size_t nc;
    size_t hold;  /* the longest wanted text, less one */
    size_t in_at; /* the next byte of ed->packed for inflate */
    bool read_all, ended;
    uint64_t crc_upto; /* the text's CRC is in in_crc up to here */
    deflate_edit_sizes *sizes;
} edit;

/* Inflates the next stretch of the stream into ed->text: at most `most`
 * bytes of text, stopping at the end of a block when `blocks`. */
static deflate_edit_status inflate_more(edit *e, bool blocks, size_t most)
{
    deflate_editor *ed = e->ed;
    if (e->in_at == ed->packed.len && !e->read_all) {
        span_room(&ed->packed, CHUNK);
        long got =
            e->io->read(e->io->ctx, ed->packed.buf + ed->packed.len, CHUNK);
        if (got < 0)
            return DEFLATE_EDIT_READ_FAILED;
        ed->packed.len += (size_t)got;
        e->read_all = got == 0;
    }
    span_room(&ed->text, most);
    z_stream *z = &ed->in;
    z->next_in = ed->packed.buf + e->in_at;
    z->avail_in = (uInt)(ed->packed.len - e->in_at);
    z->next_out = ed->text.buf + ed->text.len;
    z->avail_out = (uInt)most;
    int r = inflate(z, blocks ? Z_BLOCK : Z_NO_FLUSH);
    e->in_at = ed->packed.len - z->avail_in;
    ed->text.len += most - z->avail_out;
    if (r == Z_STREAM_END)
        e->ended = true;
    else if (r != Z_OK && !(r == Z_BUF_ERROR && !e->read_all))
        return DEFLATE_EDIT_NOT_DEFLATE;
    return DEFLATE_EDIT_OK;
}

/* Where inflate has stopped, as a cut point; false where the stream
 * cannot be cut (in a block's header, or a stored block). */
static bool cut_here(edit *e, uint64_t *block, cut *c)
{
    z_stream *z = &e->ed->in;
    uint64_t bit =
        8 * (e->ed->packed.at + e->in_at) - (uint64_t)(z->data_type & 63);
    uint64_t text = e->ed->text.at + e->ed->text.len;
    if (z->data_type & 128) { /* between two blocks */
        *block = bit;
        *c = (cut){bit, text, bit, false};
        return true;
    }
    long mark = inflateMark(z);
    if (mark < 0)
        return false;
    *c = (cut){bit - (uint64_t)(mark >> 16), text - (uint64_t)(mark & 0xffff),
               *block, true};
    return true;
}

/* Adds the text up to `upto` to the CRC of what was read. */
static void crc_to(edit *e, uint64_t upto)
{
    span *t = &e->ed->text;
    e->sizes->in_crc =
        (uint32_t)crc32(e->sizes->in_crc, t->buf + (e->crc_upto - t->at),
                        (uInt)(upto - e->crc_upto));
    e->crc_upto = upto;
}

/* Writes the compressed bytes before `upto`'s byte. */
static bool write_packed(edit *e, uint64_t upto)
{
    deflate_editor *ed = e->ed;
    size_t n = (size_t)(upto / 8 - ed->packed.at);
    if (n && !e->io->write(e->io->ctx, ed->packed.buf, n))
        return false;
    e->sizes->copied += n;
    span_drop(&ed->packed, upto / 8);
    e->in_at -= n;
    return true;
}

/* Keeps cut point c: nothing to replace begins before it. */
static bool keep(edit *e, cut c)
{
    if (!write_packed(e, c.block))
        return false;
    crc_to(e, c.text);
    span *t = &e->ed->text;
    if (c.text > t->at + WINDOW)
        span_drop(t, c.text - WINDOW);
    return true;
}

/* --- the stream written --------------------------------------------------- */

/* Deflates len bytes (flushing all at the end, `finish`). */
static bool deflate_out(edit *e, const void *data, size_t len, bool finish)
{
    deflate_editor *ed = e->ed;
    z_stream *z = &ed->out;
    z->next_in = (unsigned char *)data;
    z->avail_in = (uInt)len;
    e->sizes->out_crc = (uint32_t)crc32(e->sizes->out_crc,
                                        (const unsigned char *)data, (uInt)len);
    e->sizes->out_size += len;
    int r;
    do {
        z->next_out = ed->deflated;
        z->avail_out = CHUNK;
        r = deflate(z, finish ? Z_FINISH : Z_NO_FLUSH);
        size_t have = CHUNK - z->avail_out;
        if (have && !e->io->write(e->io->ctx, ed->deflated, have))
            return false;
    } while (z->avail_out == 0 || (finish && r != Z_STREAM_END));
    return true;
}

/* Passes the text on to deflate with the changes made, through
 * ed->window: what a text to replace may begin with waits there for what
 * follows it. At the end (`finish`) everything goes. */
static bool change_out(edit *e, size_t *kept, const unsigned char *data,
                       size_t len, bool finish)
{
    unsigned char *buf = e->ed->window;
    do {
        size_t n = len > CHUNK ? CHUNK : len;
        memcpy(buf + *kept, data, n);
        data += n;
        len -= n;
        size_t end = *kept + n, at = 0;
        const unsigned char *hit;
        deflate_change *ch;
        while ((ch = first_change(e->c, e->nc, buf + at, end - at, &hit))) {
            size_t before = (size_t)(hit - (buf + at));
            if (!deflate_out(e, buf + at, before, false) ||
                !deflate_out(e, ch->to, strlen(ch->to), false))
                return false;
            at += before + strlen(ch->from);
            ch->done = true;
        }
        bool last = finish && !len;
        *kept = last ? 0 : end - at < e->hold ? end - at : e->hold;
        if (!deflate_out(e, buf + at, end - at - *kept, last))
            return false;
        memmove(buf, buf + end - *kept, *kept);
    } while (len);
    return true;
}

/* Cuts the stream at c and deflates the text from there on again, with
 * the changes made. */
static deflate_edit_status edit_from(edit *e, cut c)
{
    deflate_editor *ed = e->ed;
    unsigned eob = 0;
    int eob_bits = 0;
    bool last = false;
    if (c.inside) {
        if (!block_end_code(ed->packed.buf, 8 * ed->packed.len,
                            c.block - 8 * ed->packed.at, &eob, &eob_bits,
                            &last))
            return DEFLATE_EDIT_NOT_DEFLATE;
        if (last) /* the stream goes on after it now */
            ed->packed.buf[c.block / 8 - ed->packed.at] &=
                (unsigned char)~(1u << (c.block % 8));
    }
    if (!write_packed(e, c.bit))
        return DEFLATE_EDIT_WRITE_FAILED;
    crc_to(e, c.text);
    z_stream *z = &ed->out;
    deflateReset(z);
    uint64_t dict = c.text - ed->text.at;
    if (dict > WINDOW)
        dict = WINDOW;
    if (dict)
        deflateSetDictionary(z, ed->text.buf + (c.text - ed->text.at - dict),
                             (uInt)dict);
    int bits = (int)(c.bit % 8);
    if (bits)
        deflatePrime(z, bits, ed->packed.buf[0] & ((1 << bits) - 1));
    if (eob_bits)
        deflatePrime(z, eob_bits, (int)eob);
    e->sizes->out_crc = e->sizes->in_crc;
    e->sizes->out_size = c.text;
    size_t kept = 0;
    uint64_t from = c.text;
    for (;;) {
        span *t = &ed->text;
        uint64_t end = t->at + t->len;
        if (!change_out(e, &kept, t->buf + (from - t->at), (size_t)(end - from),
                        e->ended))
            return DEFLATE_EDIT_WRITE_FAILED;
        crc_to(e, end);
        if (e->ended)
            return DEFLATE_EDIT_OK;
        span_drop(t, end);
        span_drop(&ed->packed, ed->packed.at + e->in_at);
        e->in_at = 0;
        from = end;
        deflate_edit_status s = inflate_more(e, false, CHUNK);
        if (s != DEFLATE_EDIT_OK)
            return s;
    }
}

deflate_edit_status deflate_edit_run(deflate_editor *ed,
                                     const deflate_edit_io *io,
                                     deflate_change *c, size_t nc,
                                     deflate_edit_sizes *sizes)
{
    edit e = {.ed = ed, .io = io, .c = c, .nc = nc, .sizes = sizes};
    for (size_t i = 0; i < nc; i++)
        if (c[i].wanted && strlen(c[i].from) > e.hold)
            e.hold = strlen(c[i].from);
    if (e.hold > DEFLATE_CHANGE_MAX)
        abort(); /* the window has no room for it */
    if (e.hold)
        e.hold--;
    *sizes = (deflate_edit_sizes){.in_crc = (uint32_t)crc32(0, NULL, 0)};
    inflateReset(&ed->in);
    ed->packed.len = ed->text.len = 0;
    ed->packed.at = ed->text.at = 0;
    uint64_t block = 0;         /* where the block inflated begins */
    cut kept = {0}, next = {0}; /* next: the last cut point not yet kept */
    uint64_t searched = 0;      /* no text to replace begins before */
    for (;;) {
        deflate_edit_status s = inflate_more(&e, true, STEP);
        if (s != DEFLATE_EDIT_OK)
            return s;
        cut here;
        bool can_cut = !e.ended && cut_here(&e, &block, &here);
        span *t = &ed->text;
        uint64_t end = t->at + t->len;
        const unsigned char *hit;
        if (first_change(c, nc, t->buf + (searched - t->at),
                         (size_t)(end - searched), &hit)) {
            /* the last cut point before the change */
            uint64_t at = (uint64_t)(hit - t->buf) + t->at;
            cut best = next.text <= at ? next : kept;
            if (can_cut && here.text <= at)
                best = here;
            s = edit_from(&e, best);
            sizes->in_size = e.crc_upto;
            return s;
        }
        if (e.ended)
            break;
        if (end > searched + e.hold)
            searched = end - e.hold;
        if (next.text > kept.text && next.text <= searched) {
            if (!keep(&e, next))
                return DEFLATE_EDIT_WRITE_FAILED;
            kept = next;
        }
        if (can_cut && here.text > next.text)
            next = here;
    }
    /* nothing to replace: the rest as it was */
    uint64_t end = ed->text.at + ed->text.len;
    if (!write_packed(&e, 8 * (ed->packed.at + e.in_at)))
        return DEFLATE_EDIT_WRITE_FAILED;
    crc_to(&e, end);
    sizes->in_size = sizes->out_size = end;
    sizes->out_crc = sizes->in_crc;
    return DEFLATE_EDIT_OK;
}
