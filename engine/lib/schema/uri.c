/* uri.c - URI reference resolution (RFC 3986), see uri.h.
 *
 * The one idea: a reference is cut into its five components with the
 * pattern of RFC 3986 appendix B (which never fails), and the target is
 * assembled from the reference's or the base's components by the rules of
 * section 5.2.2; only paths need real work (merge, remove dot segments). */
#include "uri.h"

#include "ascii.h"
#include "strbuf.h"
#include "xalloc.h"

#include <string.h>

typedef struct uri_part {
    const char *s;
    size_t len;
    bool defined;
} uri_part;

typedef struct uri_parts {
    uri_part scheme, authority, path, query, fragment;
} uri_parts;

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static size_t scheme_length(const char *s)
{
    if (!is_alpha(s[0]))
        return 0;
    size_t i = 1;
    while (is_alpha(s[i]) || (s[i] >= '0' && s[i] <= '9') || s[i] == '+' ||
           s[i] == '-' || s[i] == '.')
        i++;
    return s[i] == ':' ? i : 0;
}

bool uri_has_scheme(const char *s)
{
    return scheme_length(s) > 0;
}

static uri_parts uri_split(const char *s)
{
    uri_parts u = {0};
    size_t n = scheme_length(s);
    if (n) {
        u.scheme = (uri_part){s, n, true};
        s += n + 1;
    }
    if (s[0] == '/' && s[1] == '/') {
        s += 2;
        n = strcspn(s, "/?#");
        u.authority = (uri_part){s, n, true};
        s += n;
    }
    n = strcspn(s, "?#");
    u.path = (uri_part){s, n, true};
    s += n;
    if (*s == '?') {
        s++;
        n = strcspn(s, "#");
        u.query = (uri_part){s, n, true};
        s += n;
    }
    if (*s == '#')
        u.fragment = (uri_part){s + 1, strlen(s + 1), true};
    return u;
}

/* RFC 3986 5.2.4, writing the result to out. */
static void remove_dot_segments(strbuf *out, const char *path, size_t n)
{
    strbuf in = STRBUF_INIT;
    strbuf_add(&in, path, n);
    const char *p = strbuf_str(&in);
    size_t left = in.len;
    strbuf_reset(out);
    strbuf_add(out, "", 0);
    while (left) {
        if (left >= 3 && memcmp(p, "../", 3) == 0) {
            p += 3, left -= 3;
        } else if (left >= 2 && memcmp(p, "./", 2) == 0) {
            p += 2, left -= 2;
        } else if (left >= 3 && memcmp(p, "/./", 3) == 0) {
            p += 2, left -= 2;
        } else if (left == 2 && memcmp(p, "/.", 2) == 0) {
            strbuf_putc(out, '/');
            left = 0;
        } else if ((left >= 4 && memcmp(p, "/../", 4) == 0) ||
                   (left == 3 && memcmp(p, "/..", 3) == 0)) {
            p += 3, left -= 3;
            while (out->len && out->buf[out->len - 1] != '/')
                out->len--;
            if (out->len)
                out->len--;
            out->buf[out->len] = '\0';
            if (!left)
                strbuf_putc(out, '/');
        } else if ((left == 1 && p[0] == '.') ||
                   (left == 2 && memcmp(p, "..", 2) == 0)) {
            left = 0;
        } else {
            size_t seg = p[0] == '/' ? 1 : 0;
            while (seg < left && p[seg] != '/')
                seg++;
            strbuf_add(out, p, seg);
            p += seg, left -= seg;
        }
    }
    strbuf_release(&in);
}

static void put_lower(strbuf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        strbuf_putc(out, c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c);
    }
}

char *uri_resolve(const char *base_uri, const char *ref_uri)
{
    uri_parts base = uri_split(base_uri), ref = uri_split(ref_uri);
    uri_part scheme, authority, query;
    strbuf path = STRBUF_INIT, merged = STRBUF_INIT;
    if (ref.scheme.defined) {
        scheme = ref.scheme;
        authority = ref.authority;
        remove_dot_segments(&path, ref.path.s, ref.path.len);
        query = ref.query;
    } else {
        scheme = base.scheme;
        if (ref.authority.defined) {
            authority = ref.authority;
            remove_dot_segments(&path, ref.path.s, ref.path.len);
            query = ref.query;
        } else {
            authority = base.authority;
            if (ref.path.len == 0) {
                strbuf_add(&path, base.path.s, base.path.len);
                query = ref.query.defined ? ref.query : base.query;
            } else {
                if (ref.path.s[0] == '/') {
                    strbuf_add(&merged, ref.path.s, ref.path.len);
                } else if (base.authority.defined && base.path.len == 0) {
                    strbuf_putc(&merged, '/');
                    strbuf_add(&merged, ref.path.s, ref.path.len);
                } else {
                    size_t keep = base.path.len;
                    while (keep && base.path.s[keep - 1] != '/')
                        keep--;
                    strbuf_add(&merged, base.path.s, keep);
                    strbuf_add(&merged, ref.path.s, ref.path.len);
                }
                remove_dot_segments(&path, strbuf_str(&merged), merged.len);
                query = ref.query;
            }
        }
    }
    strbuf out = STRBUF_INIT;
    if (scheme.defined) {
        put_lower(&out, scheme.s, scheme.len);
        strbuf_putc(&out, ':');
    }
    if (authority.defined) {
        strbuf_puts(&out, "//");
        strbuf_add(&out, authority.s, authority.len);
    }
    strbuf_add(&out, strbuf_str(&path), path.len);
    if (query.defined) {
        strbuf_putc(&out, '?');
        strbuf_add(&out, query.s, query.len);
    }
    if (ref.fragment.defined) {
        strbuf_putc(&out, '#');
        strbuf_add(&out, ref.fragment.s, ref.fragment.len);
    }
    strbuf_release(&path);
    strbuf_release(&merged);
    return out.buf ? out.buf : xstrdup("");
}

size_t uri_fragment_start(const char *uri)
{
    return strcspn(uri, "#");
}

char *uri_percent_decode(const char *s, size_t n, size_t *len)
{
    strbuf out = STRBUF_INIT;
    strbuf_add(&out, "", 0);
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '%') {
            strbuf_putc(&out, s[i]);
            continue;
        }
        int hi = i + 1 < n ? ascii_hex_value(s[i + 1]) : -1;
        int lo = i + 2 < n ? ascii_hex_value(s[i + 2]) : -1;
        if (hi < 0 || lo < 0) {
            strbuf_release(&out);
            return NULL;
        }
        strbuf_putc(&out, (char)(hi * 16 + lo));
        i += 2;
    }
    *len = out.len;
    return out.buf;
}
