/* i18n.c - choosing the language of the messages (see i18n.h).
 *
 * gettext finds a catalogue from the LANGUAGE list, but only when the
 * LC_MESSAGES locale is not "C", and the locale of a language the machine
 * has not generated cannot be set at all. So the language is worked out
 * here from the environment, put in LANGUAGE, and LC_MESSAGES is set to
 * the locale asked for or, failing that, to C.UTF-8, a locale every
 * glibc has and that is not "C". Only LC_MESSAGES and LC_CTYPE change,
 * so numbers and dates are written the same whatever the locale; LC_CTYPE
 * is always C.UTF-8, so that the messages of the C library (strerror)
 * come out as UTF-8 like ours. */
#include "i18n.h"

#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static const char *env_value(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

/* C, POSIX, or C with a codeset (C.UTF-8, C.utf8): no language. */
static bool is_c_locale(const char *name)
{
    return strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0 ||
           strncmp(name, "C.", 2) == 0;
}

static void set_c_utf8(int category)
{
    if (!setlocale(category, "C.UTF-8"))
        setlocale(category, "C.utf8");
}

void i18n_init(const char *localedir)
{
    const char *list = env_value("LANGUAGE");
    const char *locale = env_value("LC_ALL");
    if (!locale)
        locale = env_value("LC_MESSAGES");
    if (!locale)
        locale = env_value("LANG");
    if (!list)
        list = locale && !is_c_locale(locale) ? locale : "vi";
    if (setenv("LANGUAGE", list, 1) != 0)
        return;
    const char *got = setlocale(LC_MESSAGES, "");
    if (!got || is_c_locale(got))
        set_c_utf8(LC_MESSAGES);
    set_c_utf8(LC_CTYPE);
    bindtextdomain(I18N_DOMAIN, localedir);
    bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
}
