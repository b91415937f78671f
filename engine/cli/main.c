/* main.c - the kehoach command: dispatch to a subcommand.
 *
 * The table below is the whole list of commands; each entry points at the
 * cmd_<verb>() of its own file and carries the help text shown by
 * "kehoach help <verb>" and "kehoach <verb> --help" (its summary and help
 * are marked N_() where written and translated here when printed). Before
 * any command runs, SIGINT, SIGTERM and SIGHUP are set to remove the
 * temporary files being written (outfile.h) and then end the process as
 * they would have. */
#include "cli.h"

#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const cli_command *const commands[] = {
    &cmd_validate_info, &cmd_deadlines_info, &cmd_update_info,
    &cmd_status_info,   &cmd_report_info,    &cmd_import_info,
    &cmd_new_info,      &cmd_form_info,      &cmd_collect_info,
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void print_usage(FILE *out)
{
    fputs(
        _("usage: kehoach <command> [options] [arguments]\n"
          "\n"
          "Checks and tracks legal-aid implementation plans (kế hoạch trợ giúp\n"
          "pháp lý) written as YAML files.\n"
          "\n"
          "commands:\n"),
        out);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-10s %s\n", commands[i]->name,
                _(commands[i]->summary));
    fprintf(out, "  %-10s %s\n", "help", _("show the help of a command"));
    for (size_t i = 0; i < cli_ntopics; i++)
        fprintf(out, "  help %-5s %s\n", cli_topics[i].name,
                _(cli_topics[i].summary));
    fputs("\n", out);
    fputs(
        _("options:\n"
          "  -h, --help     show this help\n"
          "  --version      show the version\n"
          "\n"
          "Every command also takes --color=auto|always|never (colours on a\n"
          "terminal; auto, the default, leaves them out when NO_COLOR is set or\n"
          "TERM is dumb).\n"
          "Run 'kehoach help <command>' for the options of a command.\n"
          "Exit codes: 0 no problems, 1 problems in the input, 2 usage error,\n"
          "3 a file could not be read or written, 4 internal error.\n"),
        out);
}

static const cli_command *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i]->name, name) == 0)
            return commands[i];
    return NULL;
}

static int unknown_command(const char *name)
{
    const char *names[NCOMMANDS + 1];
    for (size_t i = 0; i < NCOMMANDS; i++)
        names[i] = commands[i]->name;
    names[NCOMMANDS] = "help";
    long best = vntext_suggest(name, names, NCOMMANDS + 1);
    if (best >= 0)
        cli_line(stderr,
                 "kehoach: '%s' is not a kehoach command; did you mean '%s'?",
                 name, names[best]);
    else
        cli_line(stderr, "kehoach: '%s' is not a kehoach command", name);
    fputs(_("Run 'kehoach --help' for the list of commands.\n"), stderr);
    return EXIT_USAGE;
}

static int help(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stdout);
        return EXIT_VALID;
    }
    if (argc > 2) {
        fputs(_("kehoach help: give one command name\n"), stderr);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < cli_ntopics; i++)
        if (strcmp(argv[1], cli_topics[i].name) == 0) {
            for (const char *const *p = cli_topics[i].parts; *p; p++)
                fputs(_(*p), stdout);
            return EXIT_VALID;
        }
    if (strcmp(argv[1], "help") == 0) {
        print_usage(stdout);
        return EXIT_VALID;
    }
    const cli_command *cmd = find_command(argv[1]);
    if (!cmd)
        return unknown_command(argv[1]);
    fputs(_(cmd->help), stdout);
    return EXIT_VALID;
}

void cli_test_stop(const char *point)
{
    const char *p = getenv("KEHOACH_TEST_STOP");
    size_t n = strlen(point);
    while (p && *p) {
        size_t k = strcspn(p, ",");
        if (k == n && strncmp(p, point, n) == 0)
            raise(SIGSTOP);
        p += k + (p[k] == ',');
    }
}

static void on_fatal_signal(int sig)
{
    outfile_remove_all();
    signal(sig, SIG_DFL);
    raise(sig); /* delivered on return: the status says the signal */
}

/* A signal ignored when kehoach started (nohup) stays ignored. */
static void remove_temporaries_on_signals(void)
{
    static const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction was, now = {.sa_handler = on_fatal_signal};
        sigemptyset(&now.sa_mask);
        if (sigaction(signals[i], NULL, &was) == 0 && was.sa_handler != SIG_IGN)
            sigaction(signals[i], &now, NULL);
    }
}

/* Takes "--color", "--color=auto|always|never" out of a command's
 * arguments (before any "--"), as every command takes it. */
static bool take_color(const char *command, int *argc, char **argv)
{
    int kept = 2;
    bool options = true;
    for (int i = 2; i < *argc; i++) {
        const char *a = argv[i];
        options = options && strcmp(a, "--") != 0;
        if (options && strcmp(a, "--color") == 0) {
            cli_color_mode = CLI_COLOR_ALWAYS;
            continue;
        }
        if (options && strncmp(a, "--color=", 8) == 0) {
            int choice;
            /* TRANSLATORS: "unknown --color value 'x'; use ..." */
            if (!cli_choice(command, "--color value", a + 8, cli_color_names, 3,
                            &choice))
                return false;
            cli_color_mode = (cli_color_when)choice;
            continue;
        }
        argv[kept++] = argv[i];
    }
    argv[kept] = NULL;
    *argc = kept;
    return true;
}

/* Where the catalogues are: KEHOACH_LOCALEDIR when set; the build
 * folder's po/ when this is the kehoach built there (not installed); else
 * the installed locale folder. */
static const char *catalogue_dir(void)
{
    const char *dir = getenv("KEHOACH_LOCALEDIR");
    if (dir && *dir)
        return dir;
    static char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            if (strcmp(exe, KEHOACH_BUILD_EXE_DIR) == 0)
                return KEHOACH_BUILD_LOCALEDIR;
        }
    }
    return KEHOACH_LOCALEDIR;
}

int main(int argc, char **argv)
{
    remove_temporaries_on_signals();
    i18n_init(catalogue_dir());
    if (argc < 2) {
        print_usage(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0) {
        print_usage(stdout);
        return EXIT_VALID;
    }
    if (strcmp(name, "--version") == 0) {
        printf("kehoach %s\n", KEHOACH_VERSION);
        return EXIT_VALID;
    }
    if (strcmp(name, "help") == 0)
        return help(argc - 1, argv + 1);
    if (strcmp(name, "__complete") == 0)
        return cli_complete(commands, NCOMMANDS, argc - 2, argv + 2);
    if (name[0] == '-') {
        cli_line(stderr, "kehoach: unknown option '%s'", name);
        fputs(_("Run 'kehoach --help' for the list of commands.\n"), stderr);
        return EXIT_USAGE;
    }
    const cli_command *cmd = find_command(name);
    if (!cmd)
        return unknown_command(name);
    if (!take_color(name, &argc, argv))
        return EXIT_USAGE;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(_(cmd->help), stdout);
            return EXIT_VALID;
        }
    }
    return cmd->run(argc - 1, argv + 1);
}
