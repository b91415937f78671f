/* xlsx-floor.c - benchmark yardstick: how long libxlsxwriter alone takes to
 * write the cells of a workbook, in constant-memory mode (rows streamed to
 * disk as they are written, strings inline). An export cannot write the
 * same cells faster; with yaml-floor reading the same files, it is the
 * floor of `kehoach report`.
 *
 * The cells come from the workbook kehoach wrote, as xlsx-dump prints it
 * (tests/sheet/xlsx-dump.c: "SHEET<TAB>A1<TAB>KIND<TAB>VALUE<TAB>FLAGS",
 * a "sheet" line before each sheet's cells, in row order): each sheet,
 * each text, number and date cell is written again, dates with a date
 * format and the first row in bold. Merges, widths and charts are not, so
 * the floor is a little under what the same report could cost.
 *
 * So that the timed run costs libxlsxwriter and not the reading of a text
 * dump (690 MB for the audit export of 2,040 plans), the dump is first
 * compiled, untimed, into a compact file the timed run maps and walks:
 * per sheet 's' NAME NUL, per cell a kind ('t' text, 'n' number, 'd'
 * date), the row (uint32) and column (uint16), then the text NUL or the
 * number (double), native byte order.
 *
 * usage: xlsx-floor --compile DUMP.tsv|- CELLS.bin   (untimed)
 *        xlsx-floor CELLS.bin OUT.xlsx                 prints the number of cells */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* Splits line at tabs into at most max fields; returns how many. */
static int split_tabs(char *line, char **fields, int max)
{
    int n = 0;
    fields[n++] = line;
    for (char *p = line; *p && n < max; p++) {
        if (*p == '\t') {
            *p = '\0';
            fields[n++] = p + 1;
        }
    }
    return n;
}

/* Undoes xlsx-dump's escapes (\\, \t, \n, \r) in place. */
static void unescape(char *s)
{
    char *out = s;
    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            *out++ = *s == 't'   ? '\t'
                     : *s == 'n' ? '\n'
                     : *s == 'r' ? '\r'
                                 : *s;
        } else {
            *out++ = *s;
        }
    }
    *out = '\0';
}

/* "AB12" as a zero-based row and column. */
static int cell_ref(const char *ref, lxw_row_t *row, lxw_col_t *col)
{
    unsigned c = 0;
    for (; *ref >= 'A' && *ref <= 'Z'; ref++)
        c = c * 26 + (unsigned)(*ref - 'A' + 1);
    long r = strtol(ref, NULL, 10);
    if (c == 0 || r <= 0)
        return -1;
    *row = (lxw_row_t)(r - 1);
    *col = (lxw_col_t)(c - 1);
    return 0;
}

/* Writes the cells of an xlsx-dump text (in) into the compact file out. */
static int compile(FILE *in, FILE *out)
{
    char *line = NULL;
    size_t size = 0;
    ssize_t len;
    int have_sheet = 0;
    while ((len = getline(&line, &size, in)) > 0) {
        if (line[len - 1] == '\n')
            line[len - 1] = '\0';
        char *f[6];
        int n = split_tabs(line, f, 6);
        if (strcmp(f[0], "sheet") == 0 && n >= 2) {
            fputc('s', out);
            fwrite(f[1], 1, strlen(f[1]) + 1, out);
            have_sheet = 1;
            continue;
        }
        lxw_row_t row;
        lxw_col_t col;
        if (!have_sheet || n < 5 || cell_ref(f[1], &row, &col) != 0)
            continue; /* the "workbook" line */
        char kind;
        if (strcmp(f[2], "text") == 0)
            kind = 't';
        else if (strcmp(f[2], "number") == 0)
            kind = strncmp(f[4], "date=", 5) == 0 ? 'd' : 'n';
        else
            continue;
        uint32_t r = row;
        uint16_t c = col;
        fputc(kind, out);
        fwrite(&r, sizeof r, 1, out);
        fwrite(&c, sizeof c, 1, out);
        if (kind == 't') {
            unescape(f[3]);
            fwrite(f[3], 1, strlen(f[3]) + 1, out);
        } else {
            double v = strtod(f[3], NULL);
            fwrite(&v, sizeof v, 1, out);
        }
    }
    free(line);
    return ferror(in) || fflush(out) != 0 || ferror(out) ? 1 : 0;
}

/* Writes the cells of the compact file [p, end) into the workbook path;
 * returns the number of cells, or -1 when the workbook fails. */
static long write_cells(const char *p, const char *end, const char *path)
{
    lxw_workbook_options options = {.constant_memory = LXW_TRUE};
    lxw_workbook *book = workbook_new_opt(path, &options);
    if (!book)
        return -1;
    lxw_format *date = workbook_add_format(book);
    format_set_num_format(date, "dd/mm/yyyy");
    lxw_format *bold = workbook_add_format(book);
    format_set_bold(bold);
    lxw_worksheet *sheet = NULL;
    long cells = 0;
    while (p < end) {
        char kind = *p++;
        if (kind == 's') {
            sheet = workbook_add_worksheet(book, p);
            p += strlen(p) + 1;
            continue;
        }
        uint32_t row;
        uint16_t col;
        memcpy(&row, p, sizeof row);
        memcpy(&col, p + sizeof row, sizeof col);
        p += sizeof row + sizeof col;
        lxw_format *format = row == 0 ? bold : NULL;
        if (kind == 't') {
            worksheet_write_string(sheet, row, col, p, format);
            p += strlen(p) + 1;
        } else {
            double v;
            memcpy(&v, p, sizeof v);
            p += sizeof v;
            worksheet_write_number(sheet, row, col, v,
                                   kind == 'd' ? date : format);
        }
        cells++;
    }
    return workbook_close(book) == LXW_NO_ERROR ? cells : -1;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--compile") == 0) {
        FILE *in = strcmp(argv[2], "-") == 0 ? stdin : fopen(argv[2], "r");
        FILE *out = fopen(argv[3], "wb");
        if (!in || !out) {
            perror(!in ? argv[2] : argv[3]);
            return 1;
        }
        int failed = compile(in, out);
        return fclose(out) != 0 || failed;
    }
    if (argc != 3) {
        fprintf(stderr, "usage: xlsx-floor --compile DUMP.tsv|- CELLS.bin\n"
                        "       xlsx-floor CELLS.bin OUT.xlsx\n");
        return 2;
    }
    int fd = open(argv[1], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        perror(argv[1]);
        return 1;
    }
    const char *map = "";
    if (st.st_size > 0) {
        map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (map == MAP_FAILED) {
            perror(argv[1]);
            return 1;
        }
    }
    long cells = write_cells(map, map + st.st_size, argv[2]);
    if (cells < 0) {
        fprintf(stderr, "%s: cannot write\n", argv[2]);
        return 1;
    }
    printf("%ld cells\n", cells);
    return 0;
}
