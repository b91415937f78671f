/* pdf-text-dump.c - the text pdf_text.h reads from a PDF file, as
 * `kehoach import` imports it, for tests/import/pdf_words.py to compare
 * with another reader. A PDF refused prints "refused<TAB>STATUS" (the
 * pdf_text_status number) and exits 1.
 *
 * usage: pdf-text-dump FILE.pdf */
#include "fileio.h"
#include "pdf_text.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: pdf-text-dump FILE.pdf\n", stderr);
        return 2;
    }
    char *data;
    size_t len;
    strbuf err = STRBUF_INIT, out = STRBUF_INIT;
    if (fileio_read(argv[1], 64u << 20, &data, &len, &err) != FILEIO_OK) {
        fprintf(stderr, "pdf-text-dump: %s: %s\n", argv[1], strbuf_str(&err));
        return 3;
    }
    static const pdf_text_limits limits = {500, 8u << 20};
    pdf_text_status st = pdf_text_read(data, len, &limits, &out);
    free(data);
    if (st != PDF_TEXT_OK) {
        printf("refused\t%d\n", (int)st);
        return 1;
    }
    fputs(strbuf_str(&out), stdout);
    strbuf_release(&out);
    return 0;
}
