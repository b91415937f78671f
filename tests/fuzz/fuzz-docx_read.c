/* fuzz-docx_read.c - libFuzzer target: any bytes as a Word document, read
 * with small limits by docx_read_memory, and the text it gives read by
 * import as a plan's text.
 *
 * An input that starts as a zip archive does ("PK") is read as it is.
 * Mutations of a zip mostly break its checksums, so any other input is
 * taken as the text of the parts themselves, split at the byte 0x01: the
 * document, the numbering and the styles, in that order (a missing one
 * is left out), stored uncompressed in a zip built here, so the fuzzer
 * reaches the XML handlers. A document read must hold to what
 * docx_read.h promises (valid UTF-8 within the limit of text, one
 * non-empty line a paragraph or row, nothing written when refused); a
 * refusal must say why. */
#include "fuzz-setup.h"

#include "docx_read.h"
#include "import_text.h"
#include "utf8.h"

#include <zip.h>

#include <stdlib.h>
#include <string.h>

static const docx_limits small = {
    .package =
        {
            .max_file_bytes = 1u << 20,
            .max_part_bytes = 4u << 20,
            .max_total_bytes = 16u << 20,
            .max_ratio = 100,
        },
    .max_paragraphs = 10000,
    .max_cells = 10000,
    .max_text = 1u << 20,
    .max_depth = 64,
};

#define REL_NS \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

static const char *const names[] = {
    "word/document.xml",
    "word/numbering.xml",
    "word/styles.xml",
};

static const char package_rels[] =
    "<Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" REL_NS
    "/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
static const char document_rels[] =
    "<Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" REL_NS
    "/numbering\" Target=\"numbering.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" REL_NS
    "/styles\" Target=\"/word/styles.xml\"/></Relationships>";

static void add(zip_t *z, const char *name, const void *data, size_t len)
{
    zip_source_t *src = zip_source_buffer(z, data, len, 0);
    zip_int64_t at = src ? zip_file_add(z, name, src, 0) : -1;
    if (at < 0) {
        zip_source_free(src);
        abort();
    }
    zip_set_file_compression(z, (zip_uint64_t)at, ZIP_CM_STORE, 0);
}

/* The parts in the input, in a zip archive (caller frees). */
static void *archive(const uint8_t *data, size_t size, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *out = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_source_keep(out);
    zip_t *z = zip_open_from_source(out, ZIP_TRUNCATE, &ze);
    if (!z)
        abort();
    add(z, "_rels/.rels", package_rels, strlen(package_rels));
    add(z, "word/_rels/document.xml.rels", document_rels,
        strlen(document_rels));
    const uint8_t *p = data, *end = data + size;
    for (size_t i = 0; i < 3 && p < end; i++) {
        const uint8_t *cut = memchr(p, 1, (size_t)(end - p));
        add(z, names[i], p, (size_t)((cut ? cut : end) - p));
        p = cut ? cut + 1 : end;
    }
    if (zip_close(z) != 0 || zip_source_open(out) != 0)
        abort();
    zip_stat_t st;
    if (zip_source_stat(out, &st) != 0)
        abort();
    void *bytes = malloc(st.size ? st.size : 1);
    if (!bytes || zip_source_read(out, bytes, st.size) != (zip_int64_t)st.size)
        abort();
    zip_source_close(out);
    zip_source_free(out);
    zip_error_fini(&ze);
    *len = st.size;
    return bytes;
}

static void check(const strbuf *out)
{
    const char *s = strbuf_str(out);
    size_t bad;
    if (out->len > small.max_text || strlen(s) != out->len ||
        !utf8_valid(s, out->len, &bad))
        abort();
    /* every line ends, and none is empty */
    if (out->len && s[out->len - 1] != '\n')
        abort();
    for (size_t i = 0; i < out->len; i++)
        if (s[i] == '\n' && (i == 0 || s[i - 1] == '\n'))
            abort();
    arena *a = arena_new();
    import_doc doc;
    import_text_read(a, s, out->len, &doc);
    arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t len = size;
    void *zipped = NULL;
    const void *bytes = data;
    if (size < 2 || data[0] != 'P' || data[1] != 'K')
        bytes = zipped = archive(data, size, &len);
    opc_error err;
    opc_error_init(&err);
    strbuf out = STRBUF_INIT;
    if (docx_read_memory(bytes, len, &small, &out, &err))
        check(&out);
    else if (!err.message.len || out.len)
        abort();
    strbuf_release(&out);
    opc_error_release(&err);
    free(zipped);
    return 0;
}
