/* options.c - command-line option parsing shared by the subcommands.
 *
 * GNU-style options (--name=value, --name value, -x value, "--" ends the
 * options) with messages in the style of the rest of the engine and a
 * "did you mean" for a misspelt option, or for a --unit that no plan read
 * names. */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int cli_usage_error(const char *command, const char *fmt, ...)
{
    strbuf text = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&text, _(fmt), ap);
    va_end(ap);
    cli_line(stderr, "kehoach %s: %s", command, strbuf_str(&text));
    strbuf_release(&text);
    fprintf(stderr, _("Try 'kehoach help %s' for the options.\n"), command);
    return EXIT_USAGE;
}

static int unknown_unit(const char *command, const char *unit,
                        const orgunits_hints *hints)
{
    if (!hints->count)
        return cli_usage_error(command,
                               "unknown unit '%s': no plan read names it",
                               unit);
    strbuf names = STRBUF_INIT;
    cli_put_list(&names, (const char *const *)hints->names, hints->count, "'");
    cli_usage_error(
        command, "unknown unit '%s': no plan read names it; did you mean %s?",
        unit, strbuf_str(&names));
    strbuf_release(&names);
    return EXIT_USAGE;
}

int cli_unit_found(const char *command, const char *unit,
                   const orgunits_query *q)
{
    if (!orgunits_query_found(q))
        return unknown_unit(command, unit, orgunits_query_hints(q));
    const char *unit_name, *taken_as = orgunits_query_taken_as(q, &unit_name);
    if (taken_as && unit_name)
        cli_line(stderr,
                 "kehoach %s: note: unit '%s' taken as '%s' (%s), the same "
                 "name but for diacritics",
                 command, unit, taken_as, unit_name);
    else if (taken_as)
        cli_line(stderr,
                 "kehoach %s: note: unit '%s' taken as '%s', the same name "
                 "but for diacritics",
                 command, unit, taken_as);
    return EXIT_VALID;
}

static int find_long(const cli_option *options, const char *name, size_t len)
{
    for (int i = 0; options[i].name; i++)
        if (strlen(options[i].name) == len &&
            strncmp(options[i].name, name, len) == 0)
            return i;
    return -1;
}

static int find_short(const cli_option *options, char c)
{
    for (int i = 0; options[i].name; i++)
        if (options[i].short_name == c)
            return i;
    return -1;
}

static void unknown_option(const char *command, const char *arg,
                           const cli_option *options)
{
    size_t n = 0;
    while (options[n].name)
        n++;
    char **names = xmalloc((n + 1) * sizeof *names);
    for (size_t i = 0; i < n; i++) {
        names[i] = xmalloc(strlen(options[i].name) + 3);
        strcpy(names[i], "--");
        strcat(names[i], options[i].name);
    }
    const char *eq = strchr(arg, '=');
    char *word = eq ? xstrndup(arg, (size_t)(eq - arg)) : xstrdup(arg);
    long best = vntext_suggest(word, (const char *const *)names, n);
    if (best >= 0)
        cli_usage_error(command, "unknown option '%s'; did you mean '%s'?",
                        word, names[best]);
    else
        cli_usage_error(command, "unknown option '%s'", word);
    free(word);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

bool cli_parse(const char *command, int argc, char **argv,
               const cli_option *options,
               bool (*on_arg)(const cli_args *arg, void *ctx), void *ctx)
{
    bool only_positional = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        cli_args arg = {-1, NULL, a};
        if (only_positional || a[0] != '-' || a[1] == '\0') {
            if (!on_arg(&arg, ctx))
                return false;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_positional = true;
            continue;
        }
        const char *inline_value = NULL;
        if (a[1] == '-') {
            const char *name = a + 2;
            const char *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            arg.option = find_long(options, name, len);
            inline_value = eq ? eq + 1 : NULL;
        } else if (a[2] == '\0') {
            arg.option = find_short(options, a[1]);
        }
        if (arg.option < 0) {
            unknown_option(command, a, options);
            return false;
        }
        const cli_option *o = &options[arg.option];
        arg.name = o->name;
        if (o->takes_value) {
            if (inline_value) {
                arg.value = inline_value;
            } else if (i + 1 < argc) {
                arg.value = argv[++i];
            } else {
                cli_usage_error(command, "option '--%s' needs a value",
                                o->name);
                return false;
            }
        } else if (inline_value) {
            cli_usage_error(command, "option '--%s' takes no value", o->name);
            return false;
        } else {
            arg.value = NULL;
        }
        if (!on_arg(&arg, ctx))
            return false;
    }
    return true;
}

void cli_put_list(strbuf *out, const char *const *names, size_t n,
                  const char *quote)
{
    /* TRANSLATORS: what comes between the last two names of a list
       ("a, b or c"), spaces included. */
    const char *last_sep = _(" or ");
    for (size_t i = 0; i < n; i++)
        strbuf_printf(out, "%s%s%s%s",
                      i == 0       ? ""
                      : i + 1 == n ? last_sep
                                   : ", ",
                      quote, names[i], quote);
}

bool cli_choice(const char *command, const char *what, const char *value,
                const char *const *names, size_t n, int *out)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(value, names[i]) == 0) {
            *out = (int)i;
            return true;
        }
    strbuf choices = STRBUF_INIT;
    cli_put_list(&choices, names, n, "");
    /* TRANSLATORS: the first %s is what the value stands for, translated
       on its own: "format", "role", "state", "--color value". */
    cli_usage_error(command, "unknown %s '%s'; use %s", _(what), value,
                    strbuf_str(&choices));
    strbuf_release(&choices);
    return false;
}

date cli_today(void)
{
    time_t now = time(NULL);
    struct tm local;
    localtime_r(&now, &local);
    return date_make(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

/* 9999-12-31 23:59:59 UTC: the last second a DTSTAMP can write */
#define LAST_EXPORT_TIME 253402300799LL

bool cli_export_time(const char *command, time_t *out)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (!epoch) {
        *out = time(NULL);
        return true;
    }
    long long seconds = 0;
    const char *s = epoch;
    for (; *s >= '0' && *s <= '9' && seconds <= LAST_EXPORT_TIME; s++)
        seconds = seconds * 10 + (*s - '0');
    if (s == epoch || *s || seconds > LAST_EXPORT_TIME) {
        cli_line(stderr,
                 "kehoach %s: SOURCE_DATE_EPOCH='%s' is not a time: set it to "
                 "the seconds since 1970-01-01 00:00 UTC, as 'date +%%s' "
                 "prints them, up to the end of year 9999, or unset it",
                 command, epoch);
        return false;
    }
    *out = (time_t)seconds;
    return true;
}

bool cli_date(const char *command, const char *value, date *out)
{
    date_status st = date_parse_typed(value, out);
    if (st == DATE_OK)
        return true;
    if (st == DATE_BAD_FORM) {
        cli_usage_error(command,
                        "'%s' is not a date; write it as DD/MM/YYYY "
                        "(15/10/2026) or YYYY-MM-DD",
                        value);
    } else {
        strbuf why = STRBUF_INIT;
        date_explain(st, out, &why);
        cli_usage_error(command, "'%s' is not a real date: %s", value,
                        strbuf_str(&why));
        strbuf_release(&why);
    }
    return false;
}
