/* strbuf.h - growable byte strings, always NUL-terminated.
 *
 * Used to build messages and whole outputs (text; JSON through
 * json_writer.h) in memory, so that the library formats and the CLI alone
 * writes. A zeroed strbuf is empty and valid; strbuf_release() frees its
 * storage and leaves it empty again.
 *
 * It is also the library's one way to return an error reason, as git
 * does: a function that can fail for a reason takes `strbuf *err` as its
 * last parameter and, when it fails, puts there one short English reason
 * without a final period ("No such file or directory", "it is a symbolic
 * link") with strbuf_error(); the caller owns the buffer, places the reason in
 * its own message and releases it. err may be NULL when the caller needs
 * no reason. Problems found in a user's document are not reasons: they
 * go, many at a time and with their positions, to a diag_sink (diag.h). */
#ifndef KEHOACH_STRBUF_H
#define KEHOACH_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct strbuf {
    char *buf; /* NULL or NUL-terminated */
    size_t len;
    size_t cap;
} strbuf;

#define STRBUF_INIT \
    {               \
        NULL, 0, 0  \
    }

void strbuf_release(strbuf *sb);
void strbuf_reset(strbuf *sb); /* empty, keeps storage */
void strbuf_add(strbuf *sb, const char *s, size_t n);
void strbuf_puts(strbuf *sb, const char *s);
void strbuf_putc(strbuf *sb, char c);
void strbuf_repeat(strbuf *sb, char c, size_t n);
void strbuf_printf(strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void strbuf_vprintf(strbuf *sb, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
const char *strbuf_str(const strbuf *sb); /* "" when empty */

/* Replaces the contents of err with a reason; does nothing when err is
 * NULL. The arguments must not point into err. */
void strbuf_error(strbuf *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
