/* fuzz-xlsx_read.c - libFuzzer target: any bytes as an xlsx workbook, read
 * with small limits by xlsx_read_memory.
 *
 * An input that starts as a zip archive does ("PK") is read as it is.
 * Mutations of a zip mostly break its checksums, so any other input is
 * taken as the text of the parts themselves, split at the byte 0x01: a
 * worksheet, the shared strings, the styles and the workbook, in that
 * order (a missing one takes a plain default), stored uncompressed in a
 * zip built here, so the fuzzer reaches the XML handlers. A workbook read
 * must hold to what xlsx_read.h promises (cells by row then column within
 * the grid and the limits, text where there is text, each found again by
 * xlsx_read_cell_at); a refusal must say why. */
#include "fuzz-setup.h"

#include "xlsx_read.h"

#include <zip.h>

#include <stdlib.h>
#include <string.h>

static const xlsx_limits small = {
    .max_file_bytes = 1u << 20,
    .max_part_bytes = 4u << 20,
    .max_total_bytes = 16u << 20,
    .max_ratio = 100,
    .max_rows = 10000,
    .max_cells = 100000,
    .max_strings = 10000,
    .max_text = 4096,
    .max_sheets = 16,
};

#define MAIN_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define REL_NS \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

static const char *const names[] = {
    "xl/worksheets/sheet1.xml",
    "xl/sharedStrings.xml",
    "xl/styles.xml",
    "xl/workbook.xml",
};

static const char *const defaults[] = {
    "<worksheet xmlns=\"" MAIN_NS "\"><sheetData/></worksheet>",
    "<sst xmlns=\"" MAIN_NS "\"/>",
    "<styleSheet xmlns=\"" MAIN_NS "\"/>",
    "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\"><sheets><sheet "
    "name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
};

static const char package_rels[] =
    "<Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" REL_NS
    "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
static const char workbook_rels[] =
    "<Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" REL_NS
    "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" REL_NS
    "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" REL_NS
    "/styles\" Target=\"/xl/styles.xml\"/></Relationships>";

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
    add(z, "xl/_rels/workbook.xml.rels", workbook_rels, strlen(workbook_rels));
    const uint8_t *p = data, *end = data + size;
    for (size_t i = 0; i < 4; i++) {
        const uint8_t *cut = p < end ? memchr(p, 1, (size_t)(end - p)) : NULL;
        if (p < end)
            add(z, names[i], p, (size_t)((cut ? cut : end) - p));
        else
            add(z, names[i], defaults[i], strlen(defaults[i]));
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

static void check(const xlsx_read_book *b)
{
    size_t total = 0;
    if (b->nsheets == 0 || b->nsheets > small.max_sheets)
        abort();
    for (size_t i = 0; i < b->nsheets; i++) {
        const xlsx_read_sheet *s = &b->sheets[i];
        uint32_t max_row = 0, max_col = 0;
        if (!s->name || !s->part)
            abort();
        for (size_t k = 0; k < s->ncells; k++) {
            const xlsx_cell *c = &s->cells[k];
            if (c->row < 1 || c->row > small.max_rows || c->col < 1 ||
                c->col > XLSX_MAX_COLS)
                abort();
            if (k > 0 && (c[-1].row > c->row ||
                          (c[-1].row == c->row && c[-1].col >= c->col)))
                abort();
            bool has_text = c->kind == XLSX_TEXT || c->kind == XLSX_ERROR;
            if (has_text != (c->text != NULL))
                abort();
            if (c->kind == XLSX_TEXT && strlen(c->text) > small.max_text)
                abort();
            if (c->kind == XLSX_NO_VALUE && !c->formula)
                abort();
            if ((c->is_date || c->is_percent) && c->kind != XLSX_NUMBER)
                abort();
            if (xlsx_read_cell_at(s, c->row, c->col) != c)
                abort();
            max_row = c->row > max_row ? c->row : max_row;
            max_col = c->col > max_col ? c->col : max_col;
            if (c->is_date) {
                date d;
                if (xlsx_read_serial_date(b, c->number, &d) && !date_valid(d))
                    abort();
            }
        }
        if (max_row != s->max_row || max_col != s->max_col)
            abort();
        total += s->ncells;
    }
    if (total > small.max_cells)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t len = size;
    void *zipped = NULL;
    const void *bytes = data;
    if (size < 2 || data[0] != 'P' || data[1] != 'K')
        bytes = zipped = archive(data, size, &len);
    xlsx_error err;
    xlsx_read_error_init(&err);
    xlsx_read_book *b = xlsx_read_memory(bytes, len, &small, &err);
    if (b)
        check(b);
    else if (!err.message.len)
        abort();
    xlsx_read_free(b);
    xlsx_read_error_release(&err);
    free(zipped);
    return 0;
}
