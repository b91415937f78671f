/* memo.c - remembered results of a pure function of a text (see memo.h). */
#include "memo.h"

#include <string.h>

const char *memo_get(const memo *m, size_t scope, const char *text, size_t len)
{
    return strmap_scoped_get(&m->results, scope, text, len);
}

void memo_put(memo *m, size_t scope, const char *text, size_t len,
              const char *result)
{
    size_t rlen = strlen(result);
    if (m->bytes + len + rlen > m->max)
        return;
    if (!m->a)
        m->a = arena_new();
    strmap_scoped_put(m->a, &m->results, scope, arena_strndup(m->a, text, len),
                      len, arena_strndup(m->a, result, rlen));
    m->bytes += len + rlen;
}
