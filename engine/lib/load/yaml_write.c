/* yaml_write.c - a string as a YAML scalar (see yaml_write.h).
 *
 * Only '"', '\' and control characters need escaping - C1 too: libyaml
 * reads U+0085 as a line break and would fold it into a space; the rest of
 * UTF-8 stays as it is, readable. A string goes plain only when nothing
 * in it could make YAML read it otherwise: an indicator first, ": " or
 * " #" inside, a line break of any kind, or the look of a number, a date,
 * a boolean or null. */
#include "yaml_write.h"

#include "utf8.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

void yaml_write_quoted(strbuf *out, const char *s)
{
    strbuf_putc(out, '"');
    size_t n = strlen(s), k;
    for (size_t i = 0; i < n; i += k ? k : 1) {
        int32_t cp;
        k = utf8_decode(s + i, n - i, &cp);
        if (!k)
            strbuf_putc(out, s[i]);
        else if (cp == '"' || cp == '\\')
            strbuf_printf(out, "\\%c", (char)cp);
        else if (cp == '\n')
            strbuf_puts(out, "\\n");
        else if (cp == '\t')
            strbuf_puts(out, "\\t");
        else if (utf8_is_control(cp))
            strbuf_printf(out, cp < 0x100 ? "\\x%02x" : "\\u%04x",
                          (unsigned)cp);
        else
            strbuf_add(out, s + i, k);
    }
    strbuf_putc(out, '"');
}

static bool yaml_write_plain_safe(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || s[0] == ' ' || s[n - 1] == ' ' || s[n - 1] == ':')
        return false;
    if (strchr("-?:,[]{}#&*!|>'\"%@`", s[0]))
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F)
            return false;
        if (c == ':' && s[i + 1] == ' ')
            return false;
        if (c == ' ' && s[i + 1] == '#')
            return false;
        /* YAML 1.1 line breaks (NEL, LS, PS) */
        if (c == 0xC2 && (unsigned char)s[i + 1] == 0x85)
            return false;
        if (c == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0xA8 ||
             (unsigned char)s[i + 2] == 0xA9))
            return false;
    }
    /* what YAML would read as another type: numbers, dates, booleans, null */
    bool digits_only = true;
    for (size_t i = 0; i < n; i++)
        if (!strchr("0123456789.-+:eE_xXoObB", s[i]))
            digits_only = false;
    if (digits_only)
        return false;
    static const char *const words[] = {"true", "false", "yes",  "no",
                                        "on",   "off",   "null", "y",
                                        "n",    "~",     ".inf", ".nan"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcasecmp(s, words[i]) == 0)
            return false;
    return true;
}

void yaml_write_scalar(strbuf *out, const char *s)
{
    if (yaml_write_plain_safe(s))
        strbuf_puts(out, s);
    else
        yaml_write_quoted(out, s);
}
