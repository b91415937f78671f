/* output.c - what every command does at its end: the problems found in
 * the plans on standard error and the exit code they mean, then the
 * result on standard output or, with -o, in a file replaced all at once
 * (outfile.h: never a folder, a device, a link or one of the inputs),
 * held in memory or, when large, spooled to a temporary file until then
 * (cli_spool); and the one way a message line is printed (cli_line). */
#include "cli.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

cli_color_when cli_color_mode = CLI_COLOR_AUTO;

const char *const cli_color_names[3] = {"auto", "always", "never"};

bool cli_color(void)
{
    if (cli_color_mode != CLI_COLOR_AUTO)
        return cli_color_mode == CLI_COLOR_ALWAYS;
    const char *no = getenv("NO_COLOR");
    if (no && *no)
        return false;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0)
        return false;
    return isatty(STDOUT_FILENO) == 1;
}

void cli_line(FILE *out, const char *fmt, ...)
{
    strbuf text = STRBUF_INIT, shown = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&text, _(fmt), ap);
    va_end(ap);
    visible_append(&shown, strbuf_str(&text), text.len);
    strbuf_putc(&shown, '\n');
    cli_write(out, &shown);
    strbuf_release(&text);
    strbuf_release(&shown);
}

bool cli_write(FILE *out, const strbuf *sb)
{
    if (sb->len && fwrite(sb->buf, 1, sb->len, out) != sb->len)
        return false;
    return fflush(out) == 0;
}

int cli_exit_code(const validate_result *r, const diag_sink *d)
{
    if (r->internal_error)
        return EXIT_INTERNAL;
    if (r->unreadable)
        return EXIT_IO;
    return diag_errors(d) ? EXIT_PROBLEMS : EXIT_VALID;
}

int cli_report_problems(const char *command, const char *stopped, diag_sink *d,
                        const validate_result *r)
{
    if (diag_count(d)) {
        strbuf problems = STRBUF_INIT;
        diag_format_text(d, &problems, false);
        size_t errors = diag_errors(d);
        if (errors) {
            strbuf_printf(
                &problems,
                /* TRANSLATORS: the last %s says what the command did not
                   do: "nothing written", "no report written". */
                P_("kehoach %s: %zu error in the plans or the files "
                   "beside them; %s until they are fixed",
                   "kehoach %s: %zu errors in the plans or the files "
                   "beside them; %s until they are fixed",
                   errors),
                command, errors, _(stopped));
            strbuf_putc(&problems, '\n');
        }
        cli_write(stderr, &problems);
        strbuf_release(&problems);
    }
    return cli_exit_code(r, d);
}

int cli_emit(const char *command, const char *path, outfile_mode mode,
             const strbuf *out)
{
    if (path) {
        strbuf err = STRBUF_INIT;
        bool written =
            outfile_write(path, mode, strbuf_str(out), out->len, &err);
        if (!written)
            cli_line(stderr, "kehoach %s: cannot write '%s': %s", command, path,
                     strbuf_str(&err));
        strbuf_release(&err);
        if (!written)
            return EXIT_IO;
    } else if (!cli_write(stdout, out)) {
        cli_line(stderr, "kehoach %s: cannot write the output", command);
        return EXIT_IO;
    }
    return EXIT_VALID;
}

void cli_spool_init(cli_spool *s, const char *command, const char *path,
                    outfile_mode mode, bool direct)
{
    *s = (cli_spool){.command = command,
                     .path = path,
                     .mode = mode,
                     .direct = direct,
                     .fd = -1,
                     .err = STRBUF_INIT};
}

/* Appends data to the spool; false (s->err says why, except for the
 * standard output) on failure. */
static bool spool_write(cli_spool *s, const strbuf *data)
{
    int fd;
    if (s->path) {
        if (!s->file && !(s->file = outfile_open(s->path, s->mode, &s->err)))
            return false;
        fd = outfile_fd(s->file);
    } else if (s->direct) {
        return cli_write(stdout, data);
    } else {
        if (s->fd < 0 && (s->fd = tempfile_anonymous(&s->err)) < 0)
            return false;
        fd = s->fd;
    }
    if (fileio_write_all(fd, data->buf, data->len))
        return true;
    strbuf_error(&s->err, "%s", strerror(errno));
    return false;
}

void cli_spool_spill(cli_spool *s, strbuf *out)
{
    if (out->len <= CLI_SPOOL_THRESHOLD)
        return;
    if (!s->failed)
        s->failed = !spool_write(s, out);
    strbuf_reset(out);
    if (!s->spilled) {
        s->spilled = true;
        cli_test_stop("output-spilled");
    }
}

/* Copies the standard output's temporary file to the standard output:
 * false on failure, with s->err set when reading it failed. */
static bool copy_to_stdout(cli_spool *s)
{
    char chunk[1 << 16];
    uint64_t at = 0;
    for (;;) {
        ssize_t n = pread(s->fd, chunk, sizeof chunk, (off_t)at);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            strbuf_error(&s->err, "%s", strerror(errno));
            return false;
        }
        if (n == 0)
            return fflush(stdout) == 0;
        if (fwrite(chunk, 1, (size_t)n, stdout) != (size_t)n)
            return false;
        at += (uint64_t)n;
    }
}

static void spool_release(cli_spool *s)
{
    outfile_discard(s->file);
    if (s->fd >= 0)
        close(s->fd);
    strbuf_release(&s->err);
    *s = (cli_spool){.fd = -1};
}

int cli_spool_finish(cli_spool *s, strbuf *out, bool keep)
{
    if (!keep || !s->spilled) {
        int code =
            keep ? cli_emit(s->command, s->path, s->mode, out) : EXIT_VALID;
        spool_release(s);
        return code;
    }
    bool written = !s->failed && spool_write(s, out);
    if (written && s->path) {
        written = outfile_commit(s->file, &s->err);
        s->file = NULL;
    } else if (written && !s->direct) {
        written = copy_to_stdout(s);
    }
    if (!written && s->path)
        cli_line(stderr, "kehoach %s: cannot write '%s': %s", s->command,
                 s->path, strbuf_str(&s->err));
    else if (!written && s->err.len) /* the temporary's folder */
        cli_line(stderr, "kehoach %s: cannot write '%s': %s", s->command,
                 tempfile_folder(), strbuf_str(&s->err));
    else if (!written)
        cli_line(stderr, "kehoach %s: cannot write the output", s->command);
    spool_release(s);
    return written ? EXIT_VALID : EXIT_IO;
}

int cli_draft_target(const char *command, const char *id, const char *output,
                     bool force)
{
    if (id && !import_plan_id_valid(id))
        return cli_usage_error(command,
                               "'%s' is not a plan id: use lower-case "
                               "letters, digits and single hyphens, as in "
                               "hai-phong-nkt-2026",
                               id);
    struct stat st;
    if (output && !force && lstat(output, &st) == 0) {
        cli_line(stderr,
                 "kehoach %s: '%s' already exists; the draft would replace it "
                 "(use --force to overwrite)",
                 command, output);
        return EXIT_USAGE;
    }
    return EXIT_VALID;
}

char *cli_draft_schema_ref(const char *output)
{
    const char *slash =
        output && strcmp(output, "-") != 0 ? strrchr(output, '/') : NULL;
    char *dir =
        slash ? xstrndup(output, (size_t)(slash - output) + 1) : xstrdup(".");
    char *ref = schemaref_find(dir, "plan.schema.json", KEHOACH_SCHEMADIR);
    free(dir);
    return ref;
}

#define BOOK_FONT "Times New Roman"
#define BOOK_FONT_SIZE 12

bool cli_book_open(const char *command, const char *path, const char *title,
                   date created, cli_book *b)
{
    strbuf err = STRBUF_INIT;
    *b = (cli_book){.file = outfile_open(path, OUTFILE_REPLACE, &err)};
    if (b->file)
        b->book = xlsx_open(outfile_fd(b->file), BOOK_FONT, BOOK_FONT_SIZE,
                            created, title, &err);
    if (!b->book) {
        cli_line(stderr, "kehoach %s: cannot write '%s': %s", command, path,
                 strbuf_str(&err));
        outfile_discard(b->file);
        strbuf_release(&err);
        return false;
    }
    b->sheet = xlsx_add_sheet(b->book, title);
    strbuf_release(&err);
    return true;
}

int cli_book_close(const char *command, const char *path, cli_book *b,
                   bool keep)
{
    strbuf err = STRBUF_INIT;
    size_t cut = xlsx_truncated(b->book);
    bool written = xlsx_close(b->book, &err);
    if (keep && written)
        written = outfile_commit(b->file, &err);
    else
        outfile_discard(b->file);
    if (keep && !written)
        cli_line(stderr, "kehoach %s: cannot write '%s': %s", command, path,
                 strbuf_str(&err));
    if (keep && written && cut) {
        strbuf note = STRBUF_INIT;
        strbuf_printf(&note,
                      P_("kehoach %s: note: %zu cell longer than Excel's %u "
                         "characters was cut and ends with '…'",
                         "kehoach %s: note: %zu cells longer than Excel's %u "
                         "characters were cut and end with '…'",
                         cut),
                      command, cut, XLSX_MAX_TEXT);
        cli_line(stderr, "%s", strbuf_str(&note));
        strbuf_release(&note);
    }
    strbuf_release(&err);
    *b = (cli_book){0};
    return keep && !written ? EXIT_IO : EXIT_VALID;
}
