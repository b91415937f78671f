/* fuzz-pdf_text.c - libFuzzer target: any bytes as a PDF, read by
 * pdf_text_read with small limits (poppler parses the file; our layout
 * places its characters). A read must hold to what pdf_text.h promises:
 * text only with PDF_TEXT_OK, within the limit, valid UTF-8, one line
 * ending each paragraph; any other status leaves the text empty. */
#include "fuzz-setup.h"

#include "pdf_text.h"
#include "utf8.h"

#include <stdlib.h>

static const pdf_text_limits small = {20, 1u << 20};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    strbuf out = STRBUF_INIT;
    pdf_text_status st = pdf_text_read(data, size, &small, &out);
    if (st != PDF_TEXT_OK && out.len)
        abort();
    if (st == PDF_TEXT_OK) {
        if (out.len == 0 || out.len > small.max_text ||
            out.buf[out.len - 1] != '\n' || !utf8_valid(out.buf, out.len, NULL))
            abort();
    }
    strbuf_release(&out);
    return 0;
}
