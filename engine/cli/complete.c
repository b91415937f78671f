/* complete.c - "kehoach __complete WORD...": what a shell offers next.
 *
 * The completion scripts of completions/ (bash and zsh) pass the words of
 * the command line after "kehoach", the last being the word under the
 * cursor (empty for a new one), and offer what this prints, one candidate
 * a line; nothing printed means a file name. It is a hidden entry point,
 * listed in no help (docs/commands.md describes it).
 *
 * Nothing here is a second list: the commands are main.c's table; a
 * command's options are the option lines of its help text ("  -f,
 * --format FORMAT  ..."), which the man pages are made from too, and the
 * values of an option are those its usage line spells out
 * ("--format text|json|csv"); --state, --template and --color take the
 * library's own names; plan ids, activity and report ids and unit names
 * come from the plans, read as the commands read them, without a word on
 * stderr about a broken one. The help text read is the English source, so
 * the options are the same in every language. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

typedef struct candidates {
    const char *word;   /* the word being completed */
    char *folded;       /* its comparison key, without diacritics */
    const char *prefix; /* put before each text offered: "--unit=" */
    char **items;       /* in the order offered, each once */
    size_t count, cap;
    strmap seen; /* the items, in arena a */
    arena *a;
} candidates;

/* Offers text when the word begins it, compared without case or
 * diacritics ("hoan" offers "Hoàn thành"); each text once. A text with a
 * character a terminal acts on (visible.h), or a line break, is not
 * offered: no one types it, and the shell would print it as it is. */
static void offer(candidates *c, const char *value)
{
    strbuf full = STRBUF_INIT;
    strbuf_printf(&full, "%s%s", c->prefix, value);
    const char *text = strbuf_str(&full);
    strbuf shown = STRBUF_INIT;
    visible_append(&shown, text, strlen(text));
    bool plain = strcmp(strbuf_str(&shown), text) == 0;
    strbuf_release(&shown);
    char *key = vntext_fold_ascii(text, strlen(text));
    bool fits = plain && (strncmp(text, c->word, strlen(c->word)) == 0 ||
                          strncmp(key, c->folded, strlen(c->folded)) == 0);
    free(key);
    if (fits && !strmap_get(&c->seen, text, full.len)) {
        char *item = xstrdup(text);
        strmap_put(c->a, &c->seen, item, full.len, item);
        ARRAY_ROOM(c->items, c->count, c->cap, 16);
        c->items[c->count++] = item;
    }
    strbuf_release(&full);
}

/* Offers prefix + each of names[0..n). */
static void offer_all(candidates *c, const char *prefix,
                      const char *const *names, size_t n)
{
    const char *was = c->prefix;
    c->prefix = prefix;
    for (size_t i = 0; i < n; i++)
        offer(c, names[i]);
    c->prefix = was;
}

/* --- what the help text says ------------------------------------------- */

typedef struct help_option {
    char name[32];    /* the long name without "--" */
    char metavar[32]; /* "FORMAT", "" when it takes no value */
} help_option;

/* The options of a help text: its lines "  -x, --name METAVAR  ..." and
 * "  --name ...". Returns how many (at most max). */
static size_t help_options(const char *help, help_option *out, size_t max)
{
    size_t n = 0;
    for (const char *line = help; *line && n < max;) {
        size_t len = strcspn(line, "\n");
        const char *p = line;
        if (strncmp(p, "  -", 3) == 0) {
            p += 2;
            if (p[1] != '-' && p[2] == ',' && p[3] == ' ')
                p += 4; /* "-x, " */
            if (strncmp(p, "--", 2) == 0) {
                p += 2;
                size_t k = strspn(p, "abcdefghijklmnopqrstuvwxyz-");
                help_option *o = &out[n];
                memset(o, 0, sizeof *o);
                if (k && k < sizeof o->name) {
                    memcpy(o->name, p, k);
                    p += k;
                    if (p[0] == ' ' && p[1] >= 'A' && p[1] <= 'Z') {
                        size_t m = strcspn(p + 1, " \n");
                        if (m < sizeof o->metavar)
                            memcpy(o->metavar, p + 1, m);
                    }
                    n++;
                }
            }
        }
        line += len + (line[len] == '\n');
    }
    return n;
}

/* The values the usage lines of help spell out for --name: "--name
 * a|b|c" (words in lower case and digits, "utf-8|cp1258"; "NAME|FILE" is
 * no list of values). Offers them with prefix; false when there are none. */
static bool usage_values(candidates *c, const char *help, const char *name,
                         const char *prefix)
{
    strbuf pattern = STRBUF_INIT;
    strbuf_printf(&pattern, "--%s", name);
    const char *p = help;
    bool found = false;
    while ((p = strstr(p, strbuf_str(&pattern)))) {
        p += pattern.len;
        if (*p != ' ' && *p != '=')
            continue;
        const char *v = p + 1;
        size_t k = strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789-|");
        if (!memchr(v, '|', k) || v[0] == '|')
            continue;
        while (k) {
            size_t w = strcspn(v, "|");
            w = w < k ? w : k;
            char *value = xstrndup(v, w);
            offer_all(c, prefix, (const char *const[]){value}, 1);
            free(value);
            found = true;
            k -= w + (w < k);
            v += w + 1;
        }
        break;
    }
    strbuf_release(&pattern);
    return found;
}

/* --- what the plans hold ----------------------------------------------- */

typedef struct plan_words {
    candidates *c;
    bool units; /* offer unit names, else activity and report ids */
} plan_words;

static void offer_name(const char *name, void *ctx)
{
    offer(ctx, name);
}

static void offer_units(candidates *c, const plan_units *u)
{
    for (size_t i = 0; i < u->count; i++)
        if (u->items[i].s)
            offer(c, u->items[i].s);
}

static void on_plan(const plan *p, const char *path, const orgunits *registry,
                    const progress_log *log, void *ctx)
{
    plan_words *w = ctx;
    if (!w->units) {
        for (size_t i = 0; i < p->nactivities; i++)
            if (p->activities[i]->id.s)
                offer(w->c, p->activities[i]->id.s);
        for (size_t i = 0; i < p->nreports; i++)
            offer(w->c, p->reports[i].id);
        return;
    }
    orgunits_each_name(registry, offer_name, w->c);
    for (size_t i = 0; i < p->nactivities; i++) {
        offer_units(w->c, &p->activities[i]->lead);
        offer_units(w->c, &p->activities[i]->partners);
    }
    for (size_t i = 0; i < p->nreports; i++) {
        offer_units(w->c, &p->reports[i].by);
        offer_units(w->c, &p->reports[i].to);
    }
}

/* Reads the plans at paths as the commands do; their problems are not
 * shown. */
static void read_plans(const char *const *paths, size_t n, plan_words *w)
{
    diag_sink *d = diag_sink_new(1);
    validate_result r = {0};
    validate_visitor visit = {.end_plan = on_plan, .ctx = w};
    validate_run(paths, n, d, &r, &visit);
    validate_result_release(&r);
    diag_sink_free(d);
}

static void offer_plan_ids(candidates *c)
{
    size_t n;
    char **ids = locate_ids(".", &locate_default_limits, &n);
    for (size_t i = 0; i < n; i++) {
        offer(c, ids[i]);
        free(ids[i]);
    }
    free(ids);
}

/* The activities and reports of the plan typed as PLAN (a file, or an id
 * found below the current folder). */
static void offer_activity_ids(candidates *c, const char *plan_arg)
{
    plan_words w = {c, false};
    locate_result found = {0};
    const char *path = plan_arg;
    if (fileio_kind_of(plan_arg, NULL) != FILEIO_FILE) {
        locate_plan(".", plan_arg, &locate_default_limits, &found);
        path = found.path;
    }
    if (path)
        read_plans(&path, 1, &w);
    locate_result_release(&found);
}

/* The unit names of the plans the command will read: the paths typed, or
 * plans/ as the commands take by default. */
static void offer_unit_names(candidates *c, const char *const *paths, size_t n)
{
    static const char *const fallback[] = {"plans"};
    plan_words w = {c, true};
    if (!n && fileio_kind_of("plans", NULL) == FILEIO_DIR)
        read_plans(fallback, 1, &w);
    else if (n)
        read_plans(paths, n, &w);
}

/* --- the words ---------------------------------------------------------- */

typedef struct line {
    const cli_command *cmd;
    const char *help;
    help_option options[64];
    size_t noptions;
    const char **positional; /* the positional arguments typed */
    size_t npositional;
} line;

static const help_option *find_option(const line *l, const char *word)
{
    if (word[0] != '-' || word[1] == '\0')
        return NULL;
    if (word[1] != '-') {
        /* -x: the option whose help line begins "  -x, --name" */
        strbuf head = STRBUF_INIT;
        strbuf_printf(&head, "\n  -%c, --", word[1]);
        const char *at = strstr(l->help, strbuf_str(&head));
        size_t skip = head.len;
        strbuf_release(&head);
        if (!at || word[2])
            return NULL;
        at += skip;
        for (size_t i = 0; i < l->noptions; i++)
            if (strncmp(at, l->options[i].name, strlen(l->options[i].name)) ==
                    0 &&
                !strchr("abcdefghijklmnopqrstuvwxyz-",
                        at[strlen(l->options[i].name)]))
                return &l->options[i];
        return NULL;
    }
    size_t len = strcspn(word + 2, "=");
    for (size_t i = 0; i < l->noptions; i++)
        if (strlen(l->options[i].name) == len &&
            strncmp(l->options[i].name, word + 2, len) == 0)
            return &l->options[i];
    return NULL;
}

/* The values of an option (prefix: "--name=" when typed in one word). */
static void offer_values(candidates *c, const line *l, const help_option *o,
                         const char *prefix)
{
    if (usage_values(c, l->help, o->name, prefix))
        return;
    if (strcmp(o->name, "state") == 0 && strcmp(l->cmd->name, "update") == 0) {
        offer_all(c, prefix, progress_state_labels, PROGRESS_NSTATES);
        offer_all(c, prefix, progress_state_names, PROGRESS_NSTATES);
    } else if (strcmp(o->name, "state") == 0) {
        const char *labels[STATUS_NSTATES]; /* as the text output writes */
        for (int i = 0; i < STATUS_NSTATES; i++)
            labels[i] = status_state_label((status_state)i);
        offer_all(c, prefix, labels, STATUS_NSTATES);
        offer_all(c, prefix, status_state_names, STATUS_NSTATES);
    } else if (strcmp(o->name, "template") == 0) {
        size_t n = 0;
        while (template_builtin_names[n])
            n++;
        offer_all(c, prefix, template_builtin_names, n);
    } else if (strcmp(o->metavar, "UNIT") == 0) {
        c->prefix = prefix;
        offer_unit_names(c, l->positional, l->npositional);
        c->prefix = "";
    }
}

static void complete_command_line(candidates *c, line *l, int argc, char **argv)
{
    const char *word = argv[argc - 1];
    bool options = true;
    const help_option *pending = NULL; /* the option the word is a value of */
    l->positional = xmalloc((size_t)argc * sizeof *l->positional);
    for (int i = 1; i + 1 < argc; i++) {
        const char *a = argv[i];
        if (pending) {
            pending = NULL;
        } else if (options && strcmp(a, "--") == 0) {
            options = false;
        } else if (options && a[0] == '-' && a[1]) {
            const help_option *o = find_option(l, a);
            if (o && o->metavar[0] && !strchr(a, '='))
                pending = o;
        } else {
            l->positional[l->npositional++] = a;
        }
    }
    if (pending) {
        offer_values(c, l, pending, "");
        return;
    }
    const char *eq = strchr(word, '=');
    if (options && strncmp(word, "--", 2) == 0 && eq) {
        const help_option *o = find_option(l, word);
        if (o && o->metavar[0]) {
            char *prefix = xstrndup(word, (size_t)(eq - word) + 1);
            offer_values(c, l, o, prefix);
            free(prefix);
        } else if (strncmp(word, "--color=", 8) == 0) {
            offer_all(c, "--color=", cli_color_names, 3);
        }
        return;
    }
    if (options && word[0] == '-') {
        for (size_t i = 0; i < l->noptions; i++)
            offer_all(c, "--", (const char *const[]){l->options[i].name}, 1);
        offer_all(c, "--color=", cli_color_names, 3);
        offer(c, "--help");
        return;
    }
    if (strcmp(l->cmd->name, "update") == 0 && l->npositional == 0)
        offer_plan_ids(c);
    else if (strcmp(l->cmd->name, "update") == 0 && l->npositional == 1)
        offer_activity_ids(c, l->positional[0]);
}

int cli_complete(const cli_command *const *commands, size_t ncommands, int argc,
                 char **argv)
{
    if (argc < 1)
        return EXIT_USAGE;
    const char *word = argv[argc - 1];
    candidates c = {.word = word,
                    .folded = vntext_fold_ascii(word, strlen(word)),
                    .prefix = "",
                    .a = arena_new()};
    const cli_command *cmd = NULL;
    for (size_t i = 0; argc > 1 && i < ncommands; i++)
        if (strcmp(commands[i]->name, argv[0]) == 0)
            cmd = commands[i];
    if (argc == 1 && word[0] == '-') {
        static const char *const top[] = {"--help", "--version"};
        offer_all(&c, "", top, 2);
    } else if (argc == 1 || (argc == 2 && strcmp(argv[0], "help") == 0)) {
        for (size_t i = 0; i < ncommands; i++)
            offer(&c, commands[i]->name);
        if (argc == 1)
            offer(&c, "help");
        for (size_t i = 0; argc == 2 && i < cli_ntopics; i++)
            offer(&c, cli_topics[i].name);
    } else if (cmd) {
        line l = {.cmd = cmd, .help = cmd->help};
        l.noptions = help_options(cmd->help, l.options, 64);
        complete_command_line(&c, &l, argc, argv);
        free(l.positional);
    }
    for (size_t i = 0; i < c.count; i++) {
        printf("%s\n", c.items[i]);
        free(c.items[i]);
    }
    free(c.items);
    free(c.folded);
    arena_free(c.a);
    return EXIT_VALID;
}
