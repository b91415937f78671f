/* docx-dump.c - the text docx_read gives for a .docx file, on stdout, or
 * "error<TAB>part<TAB>line<TAB>column<TAB>message" and exit 1 (for the
 * tests that compare it with what LibreOffice reads, and the
 * benchmarks). */
#include "docx_read.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: docx-dump FILE.docx\n", stderr);
        return 2;
    }
    strbuf out = STRBUF_INIT;
    opc_error e;
    opc_error_init(&e);
    if (!docx_read_file(argv[1], NULL, &out, &e)) {
        printf("error\t%s\t%u\t%u\t%s\n", strbuf_str(&e.part), e.line, e.column,
               strbuf_str(&e.message));
        opc_error_release(&e);
        return 1;
    }
    fputs(strbuf_str(&out), stdout);
    strbuf_release(&out);
    opc_error_release(&e);
    return 0;
}
