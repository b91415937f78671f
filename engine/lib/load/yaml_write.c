/* yaml_write.c - a string as a YAML double-quoted scalar (see
 * yaml_write.h).
 *
 * Only '"', '\' and control characters need escaping - C1 too: libyaml
 * reads U+0085 as a line break and would fold it into a space; the rest of
 * UTF-8 stays as it is, readable. */
#include "yaml_write.h"

#include "utf8.h"

#include <string.h>

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
