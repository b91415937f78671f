/* measure.c - benchmark helper: runs a command and prints what it cost.
 *
 * Linux counts in a process's peak memory the memory of the process that
 * started it, up to the moment it runs the new program; measured from a
 * Python benchmark, every command would weigh what Python weighs. Run
 * from this small program, a command's figures are its own.
 *
 * usage: measure [--limit BYTES] [--timeout SECONDS] COMMAND [ARG...]
 * prints "CPU_SECONDS PEAK_KIB EXIT" (the CPU time to the microsecond, as
 * getrusage(2) gives it; EXIT is -SIGNAL when it was killed, "timeout"
 * when it ran out of time); its output goes to /dev/null. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t child;
static volatile sig_atomic_t timed_out;

static void on_alarm(int sig)
{
    (void)sig;
    timed_out = 1;
    kill(child, SIGKILL);
}

static void run(char **argv, unsigned long long limit)
{
    int null = open("/dev/null", O_RDWR);
    if (null < 0 || dup2(null, STDOUT_FILENO) < 0 ||
        dup2(null, STDERR_FILENO) < 0)
        _exit(127);
    if (limit) {
        struct rlimit rl = {limit, limit};
        if (setrlimit(RLIMIT_AS, &rl) != 0)
            _exit(127);
    }
    execvp(argv[0], argv);
    _exit(127);
}

int main(int argc, char **argv)
{
    unsigned long long limit = 0;
    unsigned timeout = 0;
    int i = 1;
    for (; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
        if (strcmp(argv[i], "--limit") == 0)
            limit = strtoull(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--timeout") == 0)
            timeout = (unsigned)strtoul(argv[i + 1], NULL, 10);
    }
    if (i >= argc) {
        fprintf(
            stderr,
            "usage: measure [--limit BYTES] [--timeout SECONDS] COMMAND [ARG...]\n");
        return 2;
    }
    child = fork();
    if (child < 0) {
        perror("fork");
        return 1;
    }
    if (child == 0)
        run(argv + i, limit);
    signal(SIGALRM, on_alarm);
    alarm(timeout);
    int status;
    while (waitpid(child, &status, 0) < 0)
        ;
    struct rusage usage; /* of its one child, the command */
    getrusage(RUSAGE_CHILDREN, &usage);
    double cpu = (double)usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
                 (double)usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
    if (timed_out)
        printf("%.6f %ld timeout\n", cpu, usage.ru_maxrss);
    else
        printf("%.6f %ld %d\n", cpu, usage.ru_maxrss,
               WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status));
    return 0;
}
