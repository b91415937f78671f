/* cmd-import.c - "kehoach import": draft a plan file from a document's text.
 *
 * The file is read once, and its first bytes choose its reader
 * (read_input), whatever its name: a zip archive is a Word document
 * (docx_read.h), an OLE2 compound file an old .doc, refused with what to
 * do, "%PDF" a PDF, anything else text. Each reader gives the text import reads (import_text.h), one
 * paragraph a line; the import finds the plan in it (import.h) and
 * writes the draft to stdout or, whole or not at all, to -o FILE. An
 * existing file is not overwritten without --force: the draft would
 * replace an officer's edits. Every place that needs a person's eyes is a
 * "# REVIEW" comment in the draft and a warning on stderr. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#define MAX_INPUT (8u << 20) /* a plan's text is tens of KiB */
#define MAX_PDF_PAGES 500u   /* a plan is a few pages, its appendices tens */

typedef struct options {
    const char *input, *output, *id;
    bool force;
    size_t extra;
    import_encoding encoding;
} options;

enum { OPT_OUTPUT, OPT_ID, OPT_FORCE, OPT_ENCODING };

static const cli_option option_table[] = {
    [OPT_OUTPUT] = {"output", 'o', true},
    [OPT_ID] = {"id", 0, true},
    [OPT_FORCE] = {"force", 0, false},
    [OPT_ENCODING] = {"encoding", 0, true},
    {NULL, 0, false},
};

/* What --encoding takes (import_encoding_parse also knows a few aliases) */
static const char *const encoding_names[] = {"utf-8", "utf-16", "cp1258",
                                             "tcvn3", "vni"};
#define NENCODINGS (sizeof encoding_names / sizeof *encoding_names)

static bool on_arg(const cli_args *arg, void *ctx)
{
    options *o = ctx;
    switch (arg->option) {
    case -1:
        if (o->input)
            o->extra++;
        else
            o->input = arg->value;
        return true;
    case OPT_OUTPUT: /* "-o -": the standard output, as without -o */
        o->output = strcmp(arg->value, "-") == 0 ? NULL : arg->value;
        return true;
    case OPT_ID:
        o->id = arg->value;
        return true;
    case OPT_FORCE:
        o->force = true;
        return true;
    case OPT_ENCODING:
        if (import_encoding_parse(arg->value, &o->encoding))
            return true;
        strbuf names = STRBUF_INIT;
        cli_put_list(&names, encoding_names, NENCODINGS, "");
        cli_usage_error("import", "unknown %s '%s'; use %s", _("encoding"),
                        arg->value, strbuf_str(&names));
        strbuf_release(&names);
        return false;
    }
    return false;
}

/* FILE's bytes as UTF-8, in *enc; false (said on stderr) when its
 * encoding cannot be told. Any other encoding than UTF-8 is said. */
static bool read_encoding(const char *input, const char *text, size_t len,
                          import_encoding forced, import_encoding_result *enc)
{
    strbuf list = STRBUF_INIT, names = STRBUF_INIT;
    if (import_encoding_read(text, len, forced, enc)) {
        if (enc->encoding != IMPORT_ENCODING_UTF8)
            cli_line(stderr, "kehoach import: %s read as %s", input,
                     import_encoding_label(enc->encoding, enc->big_endian));
        return true;
    }
    if (!enc->weighed) {
        cli_line(stderr,
                 "kehoach import: cannot read '%s' as %s: this system cannot "
                 "convert from it (iconv)",
                 input, import_encoding_label(enc->encoding, enc->big_endian));
        return false;
    }
    const char *labels[IMPORT_ENCODING_COUNT];
    size_t n = 0;
    for (int e = IMPORT_ENCODING_UTF8; e < IMPORT_ENCODING_COUNT; e++)
        if (import_encoding_contender(enc, (import_encoding)e))
            labels[n++] = import_encoding_label((import_encoding)e, false);
    cli_put_list(&names, encoding_names, NENCODINGS, "'");
    if (n)
        cli_put_list(&list, labels, n, "");
    else {
        const import_encoding legacy[] = {IMPORT_ENCODING_CP1258,
                                          IMPORT_ENCODING_TCVN3,
                                          IMPORT_ENCODING_VNI};
        for (size_t i = 0; i < 3; i++)
            labels[i] = import_encoding_label(legacy[i], false);
        cli_put_list(&list, labels, 3, "");
    }
    if (n)
        cli_line(stderr,
                 "kehoach import: cannot tell the encoding of '%s': it is not "
                 "UTF-8, and it could be %s: its Vietnamese words are too "
                 "few, or read alike, to be sure; name its encoding with "
                 "--encoding (%s)",
                 input, strbuf_str(&list), strbuf_str(&names));
    else
        cli_line(stderr,
                 "kehoach import: cannot tell the encoding of '%s': it is not "
                 "UTF-8, and read as %s it shows no Vietnamese word; if it is "
                 "the text of a plan, name its encoding with --encoding (%s)",
                 input, strbuf_str(&list), strbuf_str(&names));
    strbuf_release(&list);
    strbuf_release(&names);
    return false;
}

/* The line that says what the draft holds, on stderr. */
static void say_drafted(arena *a, const char *output, const import_plan *draft)
{
    size_t n = draft->nsections;
    const char *sections =
        arena_printf(a, P_("%zu section", "%zu sections", n), n);
    n = draft->activities;
    const char *activities =
        arena_printf(a, P_("%zu activity", "%zu activities", n), n);
    n = draft->nbasis;
    const char *cited =
        arena_printf(a, P_("%zu document cited", "%zu documents cited", n), n);
    n = draft->nreports;
    const char *duties =
        arena_printf(a, P_("%zu reporting duty", "%zu reporting duties", n), n);
    n = draft->review;
    const char *review = arena_printf(a,
                                      P_("%zu place marked for review",
                                         "%zu places marked for review", n),
                                      n);
    if (output)
        cli_line(stderr,
                 /* TRANSLATORS: after the file, each %s is a count: "3
                    sections", "12 activities", "2 documents cited", "1
                    reporting duty", "5 places marked for review". */
                 "kehoach import: wrote %s: %s, %s, %s, %s; %s", output,
                 sections, activities, cited, duties, review);
    else
        cli_line(stderr, "kehoach import: %s, %s, %s, %s; %s", sections,
                 activities, cited, duties, review);
}

/* Replaces *text, a PDF file, by the text read from it; on failure says
 * why and returns the exit code. */
static int pdf_to_text(const char *input, char **text, size_t *len)
{
    static const pdf_text_limits limits = {MAX_PDF_PAGES, MAX_INPUT};
    strbuf out = STRBUF_INIT;
    pdf_text_status st = pdf_text_read(*text, *len, &limits, &out);
    free(*text);
    *text = NULL;
    switch (st) {
    case PDF_TEXT_OK:
        break;
    case PDF_TEXT_BROKEN:
        cli_line(stderr,
                 "kehoach import: '%s' is a damaged PDF file: its pages "
                 "cannot be read; save or print it to PDF again; nothing "
                 "written",
                 input);
        break;
    case PDF_TEXT_LOCKED:
        cli_line(stderr,
                 "kehoach import: '%s' is a PDF file protected by a password; "
                 "save a copy without the password; nothing written",
                 input);
        break;
    case PDF_TEXT_NO_TEXT:
        cli_line(stderr,
                 "kehoach import: '%s' is a scanned PDF: its pages are images "
                 "with no text to read; import the Word file it was made "
                 "from, or the text of a character recognition (OCR) tool; "
                 "nothing written",
                 input);
        break;
    case PDF_TEXT_TOO_LARGE:
        cli_line(stderr,
                 "kehoach import: '%s' has more than %u pages or %u MiB of "
                 "text; a plan is far smaller: is it the right file? nothing "
                 "written",
                 input, MAX_PDF_PAGES, MAX_INPUT >> 20);
        break;
    }
    if (st != PDF_TEXT_OK) {
        strbuf_release(&out);
        return EXIT_PROBLEMS;
    }
    *len = out.len;
    *text = out.buf ? out.buf : xstrdup("");
    return EXIT_VALID;
}

/* The kinds of file import tells apart by their first bytes. */
typedef enum input_kind {
    INPUT_TEXT,
    INPUT_DOCX, /* a zip archive: "PK" */
    INPUT_DOC,  /* an OLE2 compound file: Word 97-2003 */
    INPUT_PDF,
} input_kind;

static input_kind kind_of(const char *bytes, size_t n)
{
    if (n >= 4 && (memcmp(bytes, "PK\x03\x04", 4) == 0 ||
                   memcmp(bytes, "PK\x05\x06", 4) == 0)) /* or empty */
        return INPUT_DOCX;
    if (n >= 8 && memcmp(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return INPUT_DOC;
    if (n >= 5 && memcmp(bytes, "%PDF-", 5) == 0)
        return INPUT_PDF;
    return INPUT_TEXT;
}

/* A Word document's bytes into its text (*text, *len); EXIT_VALID, or
 * EXIT_PROBLEMS after saying why not. */
static int docx_to_text(const char *path, const char *bytes, size_t n,
                        char **text, size_t *len)
{
    strbuf out = STRBUF_INIT;
    opc_error e;
    opc_error_init(&e);
    bool ok = docx_read_memory(bytes, n, NULL, &out, &e);
    if (!ok) {
        if (e.part.len && e.line)
            cli_line(stderr,
                     "kehoach import: cannot read '%s': %s line %u, "
                     "column %u: %s",
                     path, strbuf_str(&e.part), e.line, e.column,
                     strbuf_str(&e.message));
        else if (e.part.len)
            cli_line(stderr, "kehoach import: cannot read '%s': %s: %s", path,
                     strbuf_str(&e.part), strbuf_str(&e.message));
        else
            cli_line(stderr, "kehoach import: cannot read '%s': %s", path,
                     strbuf_str(&e.message));
    }
    opc_error_release(&e);
    if (!ok) {
        strbuf_release(&out);
        return EXIT_PROBLEMS;
    }
    *len = out.len;
    *text = out.buf ? out.buf : xstrdup("");
    return EXIT_VALID;
}

/* The text of the document at path into *text (caller frees): the file
 * is read once, as large as a Word document may be, and its first bytes
 * choose the reader, so what is read is what was looked at; EXIT_VALID,
 * or the exit code after saying why not. */
static int read_input(const char *path, char **text, size_t *len)
{
    strbuf err = STRBUF_INIT;
    size_t most = docx_default_limits.package.max_file_bytes;
    char *bytes;
    size_t n;
    fileio_status st_read = fileio_read(path, most, &bytes, &n, &err);
    if (st_read == FILEIO_ERROR) {
        cli_line(stderr, "kehoach import: cannot read '%s': %s", path,
                 strbuf_str(&err));
        strbuf_release(&err);
        return EXIT_IO;
    }
    input_kind kind =
        st_read == FILEIO_TOO_LARGE ? INPUT_TEXT : kind_of(bytes, n);
    if (st_read == FILEIO_TOO_LARGE || (kind != INPUT_DOCX && n > MAX_INPUT)) {
        if (st_read != FILEIO_TOO_LARGE)
            free(bytes);
        cli_line(stderr,
                 "kehoach import: '%s' is larger than %u MiB; a plan's text is "
                 "far smaller: is it the right file?",
                 path, MAX_INPUT >> 20);
        return EXIT_PROBLEMS;
    }
    switch (kind) {
    case INPUT_DOCX: {
        int code = docx_to_text(path, bytes, n, text, len);
        free(bytes);
        return code;
    }
    case INPUT_DOC:
        free(bytes);
        cli_line(stderr,
                 "kehoach import: '%s' is an old Word document (.doc), which "
                 "kehoach cannot read; open it in Word, save it as a Word "
                 "Document (.docx) and import that file",
                 path);
        return EXIT_PROBLEMS;
    case INPUT_PDF: /* its bytes, read into text by cmd_import */
    case INPUT_TEXT:
        break;
    }
    *text = bytes;
    *len = n;
    return EXIT_VALID;
}

static int cmd_import(int argc, char **argv)
{
    options o = {0};
    if (!cli_parse("import", argc, argv, option_table, on_arg, &o))
        return EXIT_USAGE;
    if (!o.input)
        return cli_usage_error("import", "name the text file to import");
    if (o.extra)
        return cli_usage_error("import",
                               "import one file at a time (%zu more given)",
                               o.extra);
    int target = cli_draft_target("import", o.id, o.output, o.force);
    if (target != EXIT_VALID)
        return target;

    char *text;
    size_t len;
    int read = read_input(o.input, &text, &len);
    if (read != EXIT_VALID)
        return read;

    if (pdf_text_is_pdf(text, len)) {
        int code = pdf_to_text(o.input, &text, &len);
        if (code != EXIT_VALID)
            return code;
    }
    import_encoding_result enc;
    bool told = read_encoding(o.input, text, len, o.encoding, &enc);
    free(text);
    if (!told)
        return EXIT_PROBLEMS;

    arena *a = arena_new();
    source *src = source_new(o.input, enc.text, enc.len);
    const char *id =
        o.id ? o.id : import_plan_id(a, o.output ? o.output : o.input);
    import_doc doc;
    import_text_read(a, src->text, src->len, &doc);
    diag_sink *warnings = diag_sink_new(0);
    import_plan draft;
    import_plan_read(a, &doc, id, &draft, warnings, src);

    strbuf msgs = STRBUF_INIT;
    diag_format_text(warnings, &msgs, false);
    fputs(strbuf_str(&msgs), stderr);
    strbuf_release(&msgs);

    int code = EXIT_VALID;
    if (draft.activities == 0) {
        cli_line(
            stderr,
            "kehoach import: no activity found in '%s': is it the text of a "
            "plan (kế hoạch)? nothing written",
            o.input);
        code = EXIT_PROBLEMS;
    } else {
        strbuf out = STRBUF_INIT;
        char *ref = cli_draft_schema_ref(o.output);
        draft.schema_ref = ref;
        import_plan_yaml(&draft, &out);
        free(ref);
        code = cli_emit("import", o.output,
                        o.force ? OUTFILE_REPLACE : OUTFILE_NEW, &out);
        strbuf_release(&out);
        if (code == EXIT_VALID)
            say_drafted(a, o.output, &draft);
    }
    diag_sink_free(warnings);
    source_free(src);
    arena_free(a);
    return code;
}

const cli_command cmd_import_info = {
    "import",
    cmd_import,
    N_("draft a plan file from the text of an existing plan document"),
    N_("usage: kehoach import FILE [-o OUT.yaml] [--id ID]\n"
       "                      [--encoding utf-8|utf-16|cp1258|tcvn3|vni] [--force]\n"
       "\n"
       "Reads a plan (kế hoạch) - the Word document (.docx) as it was drafted,\n"
       "the PDF file as it was printed or signed, or its text exported from\n"
       "Word, extracted from a PDF, or Markdown - and writes a draft plan file\n"
       "that keeps every word of the official text: the header (number, place\n"
       "and date, title), the documents it implements, purposes and\n"
       "requirements, the sections and activities with their lead and partner\n"
       "units, time and expected output (as labelled lines, one sentence, or a\n"
       "table), budget, organisation, the duties to report, recipients and\n"
       "signer. A .docx is read with its automatic numbers as Word shows them,\n"
       "its tables, and its changes as if accepted; a PDF in the order a person\n"
       "reads it, the two columns of its header apart. The kind of FILE is told\n"
       "by its content, not its name. An old Word document (.doc) is refused:\n"
       "save it as .docx in Word first; so is a scanned PDF, whose pages are\n"
       "images with no text.\n"
       "\n"
       "FILE may be UTF-8 (with or without a byte order mark), UTF-16 (Word's\n"
       "\"Unicode text\"), Windows-1258, or in the encodings of the old\n"
       "Vietnamese fonts: TCVN3 (ABC, .VnTime) and VNI (VNI-Times). The encoding\n"
       "is told from the bytes and the Vietnamese words they make, and said when\n"
       "it is not UTF-8; a file whose encoding cannot be told is refused: name\n"
       "it with --encoding.\n"
       "\n"
       "Whatever the import could not place, or had to infer, is a \"# REVIEW\"\n"
       "comment at its place in the draft and a warning here, with its line in\n"
       "FILE's text (in a .docx, each paragraph and table row is a line). Check\n"
       "those, then run 'kehoach validate' on the draft.\n"
       "\n"
       "options:\n"
       "  -o, --output OUT.yaml  write the draft there (default: standard output);\n"
       "                         an existing file is kept unless --force is given\n"
       "  --id ID                the plan's id (default: from OUT's or FILE's name)\n"
       "  --encoding NAME        read FILE as utf-8, utf-16, cp1258, tcvn3 or vni\n"
       "                         (in any case), whatever it looks like\n"
       "  --force                overwrite OUT.yaml\n"
       "\n"
       "Exit codes: 0 draft written (warnings say what to review), 1 no activity\n"
       "found, FILE not a document kehoach reads, its encoding not told, or its\n"
       "text larger than 8 MiB, 2 usage or OUT exists, 3 FILE unreadable or OUT\n"
       "unwritable.\n"),
};
