/* i18n.h - messages in the reader's language, through GNU gettext.
 *
 * Every message is written in English in the source and translated
 * through the text domain "kehoach" (libintl is part of glibc); po/vi.po
 * is the Vietnamese catalogue. _() translates a message where it is
 * used; N_() only marks one for xgettext, in a table translated where it
 * is printed; P_() picks the form that fits a count. The functions that
 * take a message's format (diag.h, the CLI's printers and a module's own
 * error helpers) translate it themselves: their callers pass the English
 * format as written, and po/keywords names them to xgettext.
 *
 * The library translates through the domain by name, so it needs no set
 * up of its own; until i18n_init runs (as in the unit tests) every
 * message stays in English. */
#ifndef KEHOACH_I18N_H
#define KEHOACH_I18N_H

#include <libintl.h>

#define I18N_DOMAIN "kehoach"

#define _(msgid) dgettext(I18N_DOMAIN, msgid)
#define N_(msgid) msgid
#define P_(msgid, plural, n) dngettext(I18N_DOMAIN, msgid, plural, n)

/* Chooses the language of the messages, as gettext programs do, from
 * LANGUAGE, then LC_ALL, LC_MESSAGES and LANG; with none of them set, or
 * the locale C or POSIX (C.UTF-8 included), Vietnamese, the language of
 * the people kehoach is for. LANGUAGE counts even under the C locale.
 * The catalogues are read from localedir. Messages are always UTF-8. */
void i18n_init(const char *localedir);

#endif
