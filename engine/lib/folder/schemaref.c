/* schemaref.c - the schema line of a YAML file kehoach writes (see
 * schemaref.h). The folders above dir are climbed by "../" until the real
 * path of the folder reached is the root, at most SCHEMAREF_MAX_UP of
 * them, as every walk of kehoach is bounded. */
#include "schemaref.h"

#include "strbuf.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SCHEMAREF_MAX_UP 32

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *schemaref_find(const char *dir, const char *name, const char *installed)
{
    strbuf up = STRBUF_INIT, path = STRBUF_INIT;
    char *found = NULL;
    for (int k = 0; k <= SCHEMAREF_MAX_UP && !found; k++) {
        strbuf_reset(&path);
        strbuf_printf(&path, "%s/%sschemas/%s", dir, strbuf_str(&up), name);
        if (is_file(strbuf_str(&path))) {
            strbuf_reset(&path);
            strbuf_printf(&path, "%sschemas/%s", strbuf_str(&up), name);
            found = xstrdup(strbuf_str(&path));
            break;
        }
        strbuf_reset(&path);
        strbuf_printf(&path, "%s/%s", dir, strbuf_str(&up));
        char *real = realpath(strbuf_str(&path), NULL);
        bool root = !real || strcmp(real, "/") == 0;
        free(real);
        if (root)
            break;
        strbuf_puts(&up, "../");
    }
    if (!found && installed) {
        strbuf_reset(&path);
        strbuf_printf(&path, "%s/%s", installed, name);
        if (is_file(strbuf_str(&path)))
            found = xstrdup(strbuf_str(&path));
    }
    strbuf_release(&up);
    strbuf_release(&path);
    return found;
}
