/* memo.c - remembered results of a pure function of a text (see memo.h). */
#include "memo.h"

#include "xalloc.h"

#include <string.h>

/* The result remembered for text[0..len) in scope, or NULL. */
static const char *memo_get(const memo *m, size_t scope, const char *text,
                            size_t len)
{
    return strmap_scoped_get(&m->results, scope, text, len);
}

/* Remembers result for text[0..len) in scope, unless the memo is full. */
static void memo_put(memo *m, size_t scope, const char *text, size_t len,
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

char *memo_call(memo *m, const char *text, size_t len, bool flag,
                char *(*make)(const char *text, size_t len, bool flag))
{
    const char *known = memo_get(m, flag, text, len);
    if (known)
        return xstrdup(known);
    char *result = make(text, len, flag);
    memo_put(m, flag, text, len, result);
    return result;
}
