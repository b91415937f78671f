/* cli.h - the kehoach command line: commands, options, output.
 *
 * Each subcommand lives in its own cmd-<verb>.c as cmd_<verb>(), listed in
 * the table of main.c with its one-line summary and help text. Only the
 * CLI prints and chooses exit codes; the library returns results and
 * diagnostics. */
#ifndef KEHOACH_CLI_H
#define KEHOACH_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>
#include "kehoach.h"

/* Exit codes, documented in docs/commands.md. */
enum {
    EXIT_VALID = 0,    /* no problems */
    EXIT_PROBLEMS = 1, /* the input has problems */
    EXIT_USAGE = 2,    /* the command line is wrong */
    EXIT_IO = 3,       /* a file could not be read or written */
    EXIT_INTERNAL = 4, /* a bug, or a broken installation */
};

typedef struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv); /* argv[0] is the command name */
    const char *summary;
    const char *help;
} cli_command;

extern const cli_command cmd_collect_info;
extern const cli_command cmd_deadlines_info;
extern const cli_command cmd_form_info;
extern const cli_command cmd_import_info;
extern const cli_command cmd_new_info;
extern const cli_command cmd_report_info;
extern const cli_command cmd_status_info;
extern const cli_command cmd_update_info;
extern const cli_command cmd_validate_info;

/* Help on what is not a command ("kehoach help plan"; topics.c): its
 * name, its one line for the list of commands and its text in parts
 * (NULL-terminated; a C string literal has a bounded length), marked for
 * translation (N_) and translated where printed. */
typedef struct cli_topic {
    const char *name;
    const char *summary;
    const char *const *parts;
} cli_topic;

extern const cli_topic cli_topics[];
extern const size_t cli_ntopics;

/* --- options ---------------------------------------------------------- */

typedef struct cli_option {
    const char *name; /* long name without "--" */
    char short_name;  /* 0 when none */
    bool takes_value;
} cli_option;

typedef struct cli_args {
    int option;        /* index into the table, -1 for a positional argument */
    const char *name;  /* its long name, NULL for a positional argument */
    const char *value; /* the option's value, or the positional argument */
} cli_args;

/* Parses argv[1..argc) against options (ended by a NULL name). Calls
 * on_arg for each option and positional argument in order. Returns false
 * after printing a usage error ("unknown option '--fromat'; did you mean
 * '--format'?") to stderr. */
bool cli_parse(const char *command, int argc, char **argv,
               const cli_option *options,
               bool (*on_arg)(const cli_args *arg, void *ctx), void *ctx);

/* Prints "kehoach <command>: <message>" (with cli_line) and a hint to
 * stderr; returns EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* What a --unit (unit, the query made of it) came to once the plans are
 * read: a usage error when no plan read names it ("unknown unit 'X': no
 * plan read names it; did you mean 'Y'?", up to UNITS_HINTS names;
 * returns EXIT_USAGE), a note on stderr when it was found only without
 * diacritics ("unit 'So Y te' taken as 'Sở Y tế'"), else EXIT_VALID. */
int cli_unit_found(const char *command, const char *unit,
                   const orgunits_query *q);

/* --- the commands that read the plans (plans.c) ----------------------- */

/* The options such a command shares and its run over the plans. */
typedef struct cli_plans {
    const char *command;
    const char *const *formats; /* --format names, as the command's enum */
    size_t nformats;
    const char **paths; /* PATH...; none given: plans/ */
    size_t npaths;
    date as_of; /* --as-of; its default is the command's */
    bool has_as_of;
    const char *unit;           /* --unit, NULL without */
    int format;                 /* --format, an index into formats */
    bool has_format;            /* given, not taken from -o's name */
    const char *output;         /* -o, NULL for the standard output */
    orgunits_query *unit_query; /* what the plans read say of --unit */
    diag_sink *d;               /* the problems, once checked */
    validate_result result;
} cli_plans;

/* An empty set of options for command, with room for the paths of argc
 * arguments; formats (nformats of them, may be NULL) are its --format
 * names. */
void cli_plans_init(cli_plans *p, const char *command, int argc,
                    const char *const *formats, size_t nformats);

/* cli_parse for such a command (on_arg gets ctx, which holds p), then the
 * defaults: the path plans/; and, for a command with formats, "-o -" is
 * the standard output, and without --format the format is the one -o's
 * extension names (".ics", ".CSV", ".json", ".xlsx"; ".txt" is text). A
 * workbook (a command without formats, or the format "xlsx") is not
 * written to the standard output, and needs -o: a usage error. */
bool cli_plans_parse(cli_plans *p, int argc, char **argv,
                     const cli_option *options,
                     bool (*on_arg)(const cli_args *arg, void *ctx), void *ctx);

/* Whether the format chosen is a workbook ("xlsx"). */
bool cli_plans_workbook(const cli_plans *p);

/* Takes a positional argument (a path) or one of the options --as-of,
 * --unit, --format (among p->formats) and, for any other, -o; for a
 * command's on_arg to call after its own options. False after a usage
 * error. */
bool cli_plans_arg(cli_plans *p, const cli_args *arg);

/* Checks the plans as "validate" does (validate_run), handing each plan
 * and its log's records to the command's visitor (may be NULL) while the
 * plan is in memory. */
void cli_plans_check(cli_plans *p, const validate_visitor *command);

/* A plan's status (s, which lives during the call), with its log's header
 * (NULL when it has none). */
typedef void cli_status_fn(const plan *pl, const char *path,
                           const orgunits *registry, const progress_log *log,
                           const status_plan *s, void *ctx);

/* cli_plans_check for a command that needs each plan's status as of
 * as_of, its activities counted for unit (NULL: all of them): the log's
 * records are folded as they are read (status_fold). */
void cli_plans_check_status(cli_plans *p, date as_of, const char *unit,
                            cli_status_fn *fn, void *ctx);

/* After cli_plans_check: prints the problems (cli_report_problems, with
 * stopped, a message: see there), then what --unit came to
 * (cli_unit_found); the exit code. */
int cli_plans_problems(cli_plans *p, const char *stopped);

void cli_plans_release(cli_plans *p);

/* --- the process (main.c) -------------------------------------------- */

/* For the tests that must catch a command at one exact point (a report
 * half written, an update between reading the log and replacing it):
 * when the environment variable KEHOACH_TEST_STOP names this point (it
 * holds names separated by commas), the process stops itself with SIGSTOP
 * there, to go on when sent SIGCONT. */
void cli_test_stop(const char *point);

/* "kehoach __complete WORD...": prints what a shell may offer for the
 * last of the words after "kehoach" (complete.c), one a line; commands
 * is main.c's table. */
int cli_complete(const cli_command *const *commands, size_t ncommands, int argc,
                 char **argv);

/* --- output (output.c) ------------------------------------------------ */

/* --color=WHEN, taken out of any command's arguments by main.c. */
typedef enum cli_color_when {
    CLI_COLOR_AUTO,
    CLI_COLOR_ALWAYS,
    CLI_COLOR_NEVER
} cli_color_when;
extern cli_color_when cli_color_mode;

/* "auto", "always", "never": --color's values, as the enum. */
extern const char *const cli_color_names[3];

/* True when stdout should get ANSI colours: --color=always; or, with
 * --color=auto (the default), a terminal, NO_COLOR unset or empty and
 * TERM not "dumb". */
bool cli_color(void);

/* Appends names[0..n) to out as a list a person reads: "a, b or c", each
 * name between two quotes (quote: "'" or ""). */
void cli_put_list(strbuf *out, const char *const *names, size_t n,
                  const char *quote);

/* Finds value among names (n of them) and stores its index in *out; on
 * failure prints a usage error "unknown <what> 'x'; use a, b or c" and
 * returns false. what ("format") is a message, translated here
 * (po/keywords). */
bool cli_choice(const char *command, const char *what, const char *value,
                const char *const *names, size_t n, int *out);

/* Reads an option's date (YYYY-MM-DD); on failure prints a usage error
 * that says what is wrong ("February 2026 has 28 days") and returns false. */
bool cli_date(const char *command, const char *value, date *out);

/* Today's date on the local clock: the default of --as-of and --date.
 * With cli_export_time, the only places the engine reads the clock. */
date cli_today(void);

/* When an export is made (a calendar's DTSTAMP): SOURCE_DATE_EPOCH when
 * set (seconds since 1970-01-01 00:00 UTC, as `date +%s` prints them: the
 * reproducible-builds convention, for byte-equal outputs), else now. A
 * SOURCE_DATE_EPOCH that is no such number, or past year 9999, is an error
 * (printed; returns false). */
bool cli_export_time(const char *command, time_t *out);

/* Prints one line (the newline is added) to out, made visible (visible.h):
 * every message that quotes a file name, an argument, an error text or a
 * plan's words goes through here, so none can act on the terminal. */
void cli_line(FILE *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Writes the buffer to the stream; false on a write error. */
bool cli_write(FILE *out, const strbuf *sb);

/* --- the end of a command (output.c) ---------------------------------- */

/* The exit code a checking run means: 4 internal error, 3 unreadable
 * input, 1 errors in the plans, else 0. */
int cli_exit_code(const validate_result *r, const diag_sink *d);

/* Prints the diagnostics of a run to stderr, and when there are errors a
 * last line "kehoach <command>: N errors in the plans or the files beside
 * them; <stopped> until they are fixed" (progress logs, notes, unit
 * registries). stopped ("no report written") is a message, translated
 * here (po/keywords). Returns cli_exit_code(). */
int cli_report_problems(const char *command, const char *stopped, diag_sink *d,
                        const validate_result *r);

/* For the commands that draft a plan (import, new): a usage error (its
 * exit code) when --id is no plan id, or when -o names a file that exists
 * and --force is not given; else EXIT_VALID. The draft's own commit
 * (OUTFILE_NEW) still refuses a file made meanwhile. */
int cli_draft_target(const char *command, const char *id, const char *output,
                     bool force);

/* Where a draft written to output (NULL or "-": the standard output, read
 * from the current folder) finds the plan schema, for its first line
 * "# yaml-language-server: $schema=REF" (schemaref.h); NULL when no
 * schema is found from there. The caller frees it. */
char *cli_draft_schema_ref(const char *output);

/* A workbook of one sheet, written to path through outfile (replaced all
 * at once, never half written): cli_book_open makes the temporary file
 * and the sheet (created: the document's date; title: the document's
 * title, and the sheet's name); cli_book_close writes the workbook and
 * puts it in place when keep is true, else discards it, and says how
 * many cells were cut to Excel's length (xlsx_truncated). Both say why on
 * failure: open returns false, close EXIT_IO (else EXIT_VALID). */
typedef struct cli_book {
    outfile *file;
    xlsx_book *book;
    xlsx_sheet *sheet;
} cli_book;
bool cli_book_open(const char *command, const char *path, const char *title,
                   date created, cli_book *b);
int cli_book_close(const char *command, const char *path, cli_book *b,
                   bool keep);

/* Writes out to the file at path all at once (path NULL: to stdout),
 * replacing it or (OUTFILE_NEW) only where there is none (outfile.h).
 * Returns EXIT_VALID, or EXIT_IO after saying why. */
int cli_emit(const char *command, const char *path, outfile_mode mode,
             const strbuf *out);

/* An output too large to hold in memory until the command knows it may
 * write it (status with a thousand plans): the command formats into a
 * strbuf and, after each piece, cli_spool_spill() moves the strbuf's
 * contents out once it holds more than CLI_SPOOL_THRESHOLD bytes. With -o
 * they go to the file's own temporary (outfile.h), opened at the first
 * spill; for the standard output, to an anonymous temporary file
 * (tempfile.h), copied to the standard output at the end - or, for a
 * command that has already checked everything (direct), straight to it.
 * cli_spool_finish() then writes the rest and puts the file in place, or
 * with keep false discards everything: nothing is printed and the file
 * is untouched. An output that never passed the threshold is written as
 * cli_emit() writes it, with no temporary file. A failure to spill is
 * said only at the finish, and only when the output is kept (else the
 * command's own errors are what matters), as cli_emit says it, naming
 * the file, or the folder of the anonymous temporary: EXIT_IO. */
#define CLI_SPOOL_THRESHOLD ((size_t)1 << 20)

typedef struct cli_spool {
    const char *command;
    const char *path; /* -o; NULL: the standard output */
    outfile_mode mode;
    bool direct;   /* the standard output is written at each spill */
    bool spilled;  /* some of the output has left memory */
    bool failed;   /* a spill failed: nothing more is written */
    outfile *file; /* path's temporary, once spilled */
    int fd;        /* the standard output's temporary, once spilled */
    strbuf err;    /* why a spill failed; empty when none did */
} cli_spool;

void cli_spool_init(cli_spool *s, const char *command, const char *path,
                    outfile_mode mode, bool direct);
/* Moves out's contents to the spool when it holds more than the
 * threshold (and empties out either way then). */
void cli_spool_spill(cli_spool *s, strbuf *out);
/* Writes out after what was spilled and puts the whole in place (keep),
 * or discards it all; releases s. Returns EXIT_VALID, or EXIT_IO after
 * saying why (only when keep). */
int cli_spool_finish(cli_spool *s, strbuf *out, bool keep);

#endif
