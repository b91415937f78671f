/* xlsx-dump.c - every cell of a workbook, as xlsx_read.h reads it, one a
 * line, for tests/sheet/real_apps.py to compare with another reader:
 *
 *   SHEET<TAB>A1<TAB>KIND<TAB>VALUE<TAB>FLAGS
 *
 * KIND is number, text, bool, error or novalue; VALUE a number as "%.17g"
 * (bool 0 or 1), a text with '\', tab, newline and carriage return
 * escaped as \\, \t, \n, \r, and empty for novalue; FLAGS, comma
 * separated or "-": date=YYYY-MM-DD (the day xlsx_read_serial_date names;
 * "date=none" when it names none), percent, formula. A first line says
 * "workbook<TAB>1900" or 1904, and one line a sheet "sheet<TAB>NAME<TAB>
 * PART<TAB>visible|hidden<TAB>MAX_ROW<TAB>MAX_COL" before its cells.
 * A workbook refused prints "error<TAB>PART<TAB>LINE<TAB>MESSAGE" and
 * exits 1.
 *
 * usage: xlsx-dump [--limit NAME=VALUE]... FILE.xlsx
 * reads with xlsx_default_limits but those named: file, part, total,
 * ratio, rows, cells, strings, text, sheets (tests/bench/bench-xlsx.py
 * raises some, to show the next one at work). */
#include "xlsx_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_text(const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '\\':
            fputs("\\\\", stdout);
            break;
        case '\t':
            fputs("\\t", stdout);
            break;
        case '\n':
            fputs("\\n", stdout);
            break;
        case '\r':
            fputs("\\r", stdout);
            break;
        default:
            putchar(*s);
        }
    }
}

static const char *const kinds[] = {
    [XLSX_NUMBER] = "number", [XLSX_TEXT] = "text",        [XLSX_BOOL] = "bool",
    [XLSX_ERROR] = "error",   [XLSX_NO_VALUE] = "novalue",
};

static void put_cell(const xlsx_read_book *b, const xlsx_read_sheet *s,
                     const xlsx_cell *c)
{
    char name[12];
    xlsx_read_cell_name(c->row, c->col, name);
    put_text(s->name);
    printf("\t%s\t%s\t", name, kinds[c->kind]);
    if (c->kind == XLSX_NUMBER || c->kind == XLSX_BOOL)
        printf("%.17g", c->number);
    else if (c->text)
        put_text(c->text);
    const char *sep = "\t";
    if (c->is_date) {
        date d;
        char iso[11] = "none";
        if (xlsx_read_serial_date(b, c->number, &d))
            date_format_iso(d, iso);
        printf("%sdate=%s", sep, iso);
        sep = ",";
    }
    if (c->is_percent) {
        printf("%spercent", sep);
        sep = ",";
    }
    if (c->formula) {
        printf("%sformula", sep);
        sep = ",";
    }
    if (strcmp(sep, "\t") == 0)
        fputs("\t-", stdout);
    putchar('\n');
}

/* NAME=VALUE into the limit it names; false when it names none. */
static bool set_limit(xlsx_limits *lim, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (!eq)
        return false;
    unsigned long long v = strtoull(eq + 1, NULL, 10);
    size_t n = (size_t)(eq - arg);
#define LIMIT(name, field)                                 \
    if (n == strlen(name) && strncmp(arg, name, n) == 0) { \
        lim->field = v;                                    \
        return true;                                       \
    }
    LIMIT("file", max_file_bytes)
    LIMIT("part", max_part_bytes)
    LIMIT("total", max_total_bytes)
    LIMIT("ratio", max_ratio)
    LIMIT("rows", max_rows)
    LIMIT("cells", max_cells)
    LIMIT("strings", max_strings)
    LIMIT("text", max_text)
    LIMIT("sheets", max_sheets)
#undef LIMIT
    return false;
}

int main(int argc, char **argv)
{
    xlsx_limits lim = xlsx_default_limits;
    int i = 1;
    for (; i + 1 < argc && strcmp(argv[i], "--limit") == 0; i += 2)
        if (!set_limit(&lim, argv[i + 1]))
            break;
    if (i != argc - 1) {
        fprintf(stderr, "usage: xlsx-dump [--limit NAME=VALUE]... FILE.xlsx\n");
        return 2;
    }
    xlsx_error err;
    xlsx_read_error_init(&err);
    xlsx_read_book *b = xlsx_read_file(argv[i], &lim, &err);
    if (!b) {
        printf("error\t%s\t%u\t%s\n", strbuf_str(&err.part), err.line,
               strbuf_str(&err.message));
        xlsx_read_error_release(&err);
        return 1;
    }
    printf("workbook\t%s\n", b->date1904 ? "1904" : "1900");
    for (size_t n = 0; n < b->nsheets; n++) {
        const xlsx_read_sheet *s = &b->sheets[n];
        fputs("sheet\t", stdout);
        put_text(s->name);
        printf("\t%s\t%s\t%u\t%u\n", s->part, s->hidden ? "hidden" : "visible",
               s->max_row, s->max_col);
        for (size_t k = 0; k < s->ncells; k++)
            put_cell(b, s, &s->cells[k]);
    }
    xlsx_read_free(b);
    xlsx_read_error_release(&err);
    return 0;
}
