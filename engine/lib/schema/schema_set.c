/* schema_set.c - sets of compiled schemas: found by URI and by node, and
 * "$ref" resolution (see schema.h).
 *
 * A set holds its schemas by the URIs they are registered under (resource
 * URIs and "uri#name" anchors) and by the node each was compiled from, so
 * that a "$ref" to "uri#/json/pointer" is the schema compiled from the node
 * the pointer reaches in the resource's document. The one idea to know:
 * "$ref"s resolve lazily. After each document is added, every "$ref" still
 * unresolved is tried again, so documents may refer to each other in any
 * order; schema_set_check_refs reports those that never resolved. */
#include "schema_internal.h"
#include "xalloc.h"

#include "embedded.h"
#include "i18n.h"
#include "json.h"
#include "uri.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void schema_set_remember_node(schema_set *set, const node *n, schema *s)
{
    /* the key is the pointer's own bytes, kept in the arena */
    const node **key = arena_alloc(set->a, sizeof *key);
    *key = n;
    strmap_put(set->a, &set->by_node, (const char *)key, sizeof *key, s);
}

static schema *schema_of_node(const schema_set *set, const node *n)
{
    return strmap_get(&set->by_node, (const char *)&n, sizeof n);
}

void schema_set_remember_ref(schema_set *set, schema *s)
{
    ARRAY_ROOM(set->refs, set->ref_count, set->ref_cap, 32);
    set->refs[set->ref_count++] = s;
}

void schema_set_remember_regex(schema_set *set, regex *re)
{
    ARRAY_ROOM(set->regexes, set->regex_count, set->regex_cap, 16);
    set->regexes[set->regex_count++] = re;
}

static const node *walk_pointer(const node *n, const char *ptr, size_t len)
{
    size_t i = 0;
    strbuf token = STRBUF_INIT;
    while (n && i < len) {
        if (ptr[i] != '/') {
            n = NULL;
            break;
        }
        i++;
        strbuf_reset(&token);
        strbuf_add(&token, "", 0);
        while (i < len && ptr[i] != '/') {
            if (ptr[i] == '~' && i + 1 < len &&
                (ptr[i + 1] == '0' || ptr[i + 1] == '1')) {
                strbuf_putc(&token, ptr[i + 1] == '0' ? '~' : '/');
                i += 2;
            } else {
                strbuf_putc(&token, ptr[i++]);
            }
        }
        if (n->kind == NODE_OBJECT) {
            const node_member *found = NULL;
            for (size_t k = 0; k < n->u.object.count && !found; k++) {
                const node_member *m = &n->u.object.members[k];
                if (m->key_len == token.len &&
                    memcmp(m->key, token.buf, token.len) == 0)
                    found = m;
            }
            n = found ? found->value : NULL;
        } else if (n->kind == NODE_ARRAY) {
            const char *t = strbuf_str(&token);
            char *end;
            unsigned long long index = strtoull(t, &end, 10);
            bool canonical = token.len && *end == '\0' && t[0] >= '0' &&
                             t[0] <= '9' && (t[0] != '0' || token.len == 1);
            n = canonical && index < n->u.array.count ? n->u.array.items[index]
                                                      : NULL;
        } else {
            n = NULL;
        }
    }
    strbuf_release(&token);
    return n;
}

static const schema *lookup_resolved(schema_set *set, const char *uri)
{
    size_t hash = uri_fragment_start(uri);
    const schema *resource = strmap_get(&set->by_uri, uri, hash);
    if (!resource || !uri[hash] || !uri[hash + 1])
        return resource;
    const char *fragment = uri + hash + 1;
    if (fragment[0] != '/')
        return strmap_get(&set->by_uri, uri, strlen(uri));
    size_t len;
    char *pointer = uri_percent_decode(fragment, strlen(fragment), &len);
    if (!pointer)
        return NULL;
    const node *target = walk_pointer(resource->source_node, pointer, len);
    free(pointer);
    return target ? schema_of_node(set, target) : NULL;
}

const schema *schema_set_lookup(schema_set *set, const char *uri)
{
    if (!set || !uri_has_scheme(uri))
        return NULL;
    char *normal = uri_resolve(uri, uri);
    const schema *s = lookup_resolved(set, normal);
    free(normal);
    return s;
}

static void resolve_pending_refs(schema_set *set)
{
    for (size_t i = 0; i < set->ref_count; i++) {
        schema *s = set->refs[i];
        if (!s->ref_target)
            s->ref_target = lookup_resolved(set, s->ref_uri);
    }
}

bool schema_set_add(schema_set *set, const char *uri, const node *doc,
                    diag_sink *d)
{
    if (!uri_has_scheme(uri)) {
        diag_file(d, DIAG_ERROR, doc->src ? doc->src->path : NULL,
                  "a schema must be registered under an absolute URI, not "
                  "'%s'",
                  uri);
        return false;
    }
    char *resolved = uri_resolve(uri, "");
    const char *base = arena_strdup(set->a, resolved);
    free(resolved);
    bool ok = schema_compile_document(set, doc, base, d);
    resolve_pending_refs(set);
    return ok;
}

bool schema_set_check_refs(schema_set *set, diag_sink *d)
{
    bool ok = true;
    for (size_t i = 0; i < set->ref_count; i++) {
        const schema *s = set->refs[i];
        if (s->ref_target)
            continue;
        const node *r = s->ref_node;
        diag_at(d, DIAG_ERROR, r->src, r->pos, r->span,
                "cannot resolve '$ref' to '%s'", s->ref_uri);
        ok = false;
    }
    return ok;
}

schema_set *schema_set_new(void)
{
    schema_set *set = xcalloc(1, sizeof *set);
    set->a = arena_new();
    const embedded_file *meta = embedded_find("draft-07.schema.json");
    diag_sink *d = diag_sink_new(0);
    if (meta) {
        set->meta_source =
            source_new("draft-07.schema.json", xstrndup(meta->data, meta->len),
                       meta->len);
        const node *doc = json_parse(set->a, set->meta_source, d);
        if (doc)
            schema_set_add(set, DRAFT07_URI, doc, d);
    }
    if (!meta || diag_errors(d) || !schema_set_check_refs(set, d)) {
        fprintf(stderr, "%s\n",
                _("kehoach: the embedded draft-07 meta-schema is broken (a "
                  "build defect)"));
        abort();
    }
    diag_sink_free(d);
    return set;
}

void schema_set_free(schema_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->regex_count; i++)
        regex_free(set->regexes[i]);
    free(set->regexes);
    free(set->refs);
    source_free(set->meta_source);
    arena_free(set->a);
    free(set);
}
