/* schema_validate.c - an instance checked against a compiled schema (see
 * schema.h).
 *
 * The one idea to know: validation runs in one of two modes. With a
 * diagnostic sink it reports every problem in the words of the person
 * filling in the document; without one ("quiet") it builds no message and
 * stops at the first problem, because only the verdict is wanted (inside
 * "not", "if", "contains", "propertyNames"). Branches of "anyOf" and
 * "oneOf" report into temporary sinks so that only the most useful
 * explanation reaches the user. A "$ref" that comes back to itself at the
 * same place of the instance is caught by a trail of the "$ref"s followed
 * there, so recursive schemas never loop. */
#include "schema_internal.h"
#include "xalloc.h"

#include "i18n.h"
#include "utf8.h"
#include "vntext.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define VALIDATE_MAX_DEPTH 2048 /* nested checks of one validation */
#define ENUM_LISTED_MAX 8       /* allowed values named in a message */
#define MEMBER_INDEX_MIN 16     /* objects this large get a key index */

/* The checks are kept out of validate(), so that a level of a deep
 * recursion costs the frames on its path, not the sum of every check. */
#define NOINLINE __attribute__((noinline))

/* What a failed check says about the instance's type. */
typedef struct outcome {
    bool type_failed;   /* a "type" failed on this very instance */
    type_list expected; /* the types it asked for */
} outcome;

/* The type bits an instance satisfies (a whole number is also a number). */
static unsigned type_bits(const node *n)
{
    json_type t = schema_type_of(n);
    if (t == JT_INTEGER)
        return 1u << JT_INTEGER | 1u << JT_NUMBER;
    return 1u << t;
}

/* ---- finding members ---------------------------------------------------- */

/* Key lookups in one instance object; large objects get a hash index,
 * built at the first lookup. */
typedef struct member_finder {
    const node *obj;
    arena *a;     /* the index's storage; NULL until it is built */
    strmap index; /* key -> its (first) member */
} member_finder;

static const node_member *finder_get(member_finder *f, const char *key,
                                     size_t len)
{
    const node *obj = f->obj;
    size_t count = obj->u.object.count;
    if (count < MEMBER_INDEX_MIN) {
        for (size_t i = 0; i < count; i++) {
            const node_member *m = &obj->u.object.members[i];
            if (m->key_len == len && memcmp(m->key, key, len) == 0)
                return m;
        }
        return NULL;
    }
    if (!f->a) {
        f->a = arena_new();
        for (size_t i = 0; i < count; i++) {
            const node_member *m = &obj->u.object.members[i];
            strmap_put(f->a, &f->index, m->key, m->key_len, (void *)m);
        }
    }
    return strmap_get(&f->index, key, len);
}

/* ---- validation --------------------------------------------------------- */

static bool validate(validator *v, const schema *s, const instance *in,
                     outcome *out);

/* A child instance: an item or a member value. */
static instance child_of(const node *n, const subject *subj,
                         const node_member *member)
{
    return (instance){n, subj, member, NULL, NULL};
}

NOINLINE
static bool check_type(validator *v, const schema *s, const instance *in,
                       outcome *out)
{
    if (!s->type_mask || (s->type_mask & type_bits(in->n)))
        return true;
    out->type_failed = true;
    for (size_t i = 0; i < s->types.count; i++)
        schema_types_add(&out->expected, (json_type)s->types.types[i]);
    if (v->d) {
        strbuf msg = STRBUF_INIT;
        schema_message_put_type_mismatch(&msg,
                                         schema_message_subject(v, in->subj),
                                         &s->types, in->n);
        schema_message_complain_text(v, in, &msg);
        strbuf_release(&msg);
    }
    return false;
}

NOINLINE
static bool check_enum(validator *v, const schema *s, const instance *in)
{
    const node *values = s->enum_values;
    for (size_t i = 0; i < values->u.array.count; i++)
        if (node_equal(in->n, values->u.array.items[i]))
            return true;
    if (!v->d)
        return false;
    const char *subj = schema_message_subject(v, in->subj);
    strbuf allowed = STRBUF_INIT;
    size_t count = values->u.array.count;
    if (count == 1)
        schema_message_put_value(&allowed, values->u.array.items[0]);
    else if (count && count <= ENUM_LISTED_MAX)
        schema_message_put_value_list(&allowed, values);
    const char *hint = NULL;
    if (in->n->kind == NODE_STRING && s->enum_string_count) {
        long i = vntext_suggest(in->n->u.string.s, s->enum_strings,
                                s->enum_string_count);
        hint = i >= 0 ? s->enum_strings[i] : NULL;
    }
    const char *a = strbuf_str(&allowed);
    if (count == 1 && hint)
        schema_message_complain(v, in, "%s must be %s; did you mean '%s'?",
                                subj, a, hint);
    else if (count == 1)
        schema_message_complain(v, in, "%s must be %s", subj, a);
    else if (allowed.len && hint)
        /* TRANSLATORS: the allowed values are listed: "'a', 'b' or 'c'" */
        schema_message_complain(v, in,
                                "%s must be one of %s; did you mean '%s'?",
                                subj, a, hint);
    else if (allowed.len)
        schema_message_complain(v, in, "%s must be one of %s", subj, a);
    else if (hint)
        schema_message_complain(v, in,
                                "%s is not one of the allowed values; did "
                                "you mean '%s'?",
                                subj, hint);
    else
        schema_message_complain(v, in, "%s is not one of the allowed values",
                                subj);
    strbuf_release(&allowed);
    return false;
}

NOINLINE
static bool check_const(validator *v, const schema *s, const instance *in)
{
    if (node_equal(in->n, s->const_value))
        return true;
    if (v->d) {
        strbuf value = STRBUF_INIT;
        schema_message_put_value(&value, s->const_value);
        schema_message_complain(v, in, "%s must be %s",
                                schema_message_subject(v, in->subj),
                                strbuf_str(&value));
        strbuf_release(&value);
    }
    return false;
}

static const char *first_example_string(const schema *s)
{
    if (!s->examples)
        return NULL;
    for (size_t i = 0; i < s->examples->u.array.count; i++)
        if (s->examples->u.array.items[i]->kind == NODE_STRING)
            return s->examples->u.array.items[i]->u.string.s;
    return NULL;
}

/* What check_bounds counts. */
typedef enum bounds_of {
    BOUNDS_CHARACTERS, /* a text's length */
    BOUNDS_ITEMS,      /* a list's size */
} bounds_of;

/* False, after saying why, when count is outside [min, max]. */
static bool check_bounds(validator *v, const instance *in, bounds_of what,
                         size_t count, size_t min, size_t max)
{
    if (count >= min && count <= max)
        return true;
    if (!v->d)
        return false;
    const char *subj = schema_message_subject(v, in->subj);
    strbuf msg = STRBUF_INIT;
    if (count < min && min == 1)
        strbuf_printf(&msg, _("%s must not be empty"), subj);
    else if (count < min && what == BOUNDS_CHARACTERS)
        strbuf_printf(&msg,
                      P_("%s must be at least %zu character long",
                         "%s must be at least %zu characters long", min),
                      subj, min);
    else if (count < min)
        strbuf_printf(&msg,
                      P_("%s must have at least %zu item",
                         "%s must have at least %zu items", min),
                      subj, min);
    else if (what == BOUNDS_CHARACTERS)
        strbuf_printf(&msg,
                      P_("%s must be at most %zu character long, not %zu",
                         "%s must be at most %zu characters long, not %zu",
                         max),
                      subj, max, count);
    else
        strbuf_printf(&msg,
                      P_("%s must have at most %zu item, not %zu",
                         "%s must have at most %zu items, not %zu", max),
                      subj, max, count);
    schema_message_complain_text(v, in, &msg);
    strbuf_release(&msg);
    return false;
}

NOINLINE
static bool check_string(validator *v, const schema *s, const instance *in)
{
    const node *n = in->n;
    bool ok = true;
    /* a character takes one to four bytes (an invalid byte counts as one):
     * the length in bytes alone settles most strings without counting */
    size_t bytes = n->u.string.len;
    bool surely_fits = bytes <= s->max_length && bytes / 4 >= s->min_length;
    if ((s->min_length || s->max_length != SIZE_MAX) && !surely_fits) {
        size_t length = utf8_length(n->u.string.s, n->u.string.len);
        ok = check_bounds(v, in, BOUNDS_CHARACTERS, length, s->min_length,
                          s->max_length);
        if (!ok && !v->d)
            return false;
    }
    if (s->pattern_re) {
        regex_result r =
            regex_search(s->pattern_re, n->u.string.s, n->u.string.len);
        if (r == REGEX_TOO_COMPLEX) {
            ok = false;
            schema_message_complain(v, in,
                                    "%s could not be checked against the "
                                    "pattern '%s' (the check took too long)",
                                    schema_message_subject(v, in->subj),
                                    s->pattern->u.string.s);
        } else if (r == REGEX_NOMATCH) {
            ok = false;
            const char *example = first_example_string(s);
            if (example)
                schema_message_complain(v, in,
                                        "%s does not have the expected form; "
                                        "write it like '%s'",
                                        schema_message_subject(v, in->subj),
                                        example);
            else
                schema_message_complain(v, in,
                                        "%s does not match the pattern '%s'",
                                        schema_message_subject(v, in->subj),
                                        s->pattern->u.string.s);
        }
    }
    return ok;
}

static bool is_multiple(double value, double divisor)
{
    if (fmod(value, divisor) == 0)
        return true;
    double q = value / divisor;
    if (!isfinite(q))
        return false;
    double nearest = round(q);
    return fabs(q - nearest) <= 1e-9 * fmax(1.0, fabs(nearest));
}

NOINLINE
static bool check_number(validator *v, const schema *s, const instance *in)
{
    double x = in->n->u.number.value;
    bool ok = true;
    if (s->minimum && !(x >= s->minimum->u.number.value)) {
        ok = false;
        schema_message_complain(v, in, "%s must be at least %s",
                                schema_message_subject(v, in->subj),
                                s->minimum->u.number.text);
    }
    if (s->exclusive_minimum && !(x > s->exclusive_minimum->u.number.value)) {
        ok = false;
        schema_message_complain(v, in, "%s must be greater than %s",
                                schema_message_subject(v, in->subj),
                                s->exclusive_minimum->u.number.text);
    }
    if (s->maximum && !(x <= s->maximum->u.number.value)) {
        ok = false;
        schema_message_complain(v, in, "%s must be at most %s",
                                schema_message_subject(v, in->subj),
                                s->maximum->u.number.text);
    }
    if (s->exclusive_maximum && !(x < s->exclusive_maximum->u.number.value)) {
        ok = false;
        schema_message_complain(v, in, "%s must be less than %s",
                                schema_message_subject(v, in->subj),
                                s->exclusive_maximum->u.number.text);
    }
    if (s->multiple_of && !is_multiple(x, s->multiple_of->u.number.value)) {
        ok = false;
        schema_message_complain(v, in, "%s must be a multiple of %s",
                                schema_message_subject(v, in->subj),
                                s->multiple_of->u.number.text);
    }
    return ok;
}

NOINLINE
static bool check_item(validator *v, const schema *s, const instance *list,
                       size_t i)
{
    subject subj = {list->subj, i + 1, NULL, NULL, NULL};
    instance item = child_of(list->n->u.array.items[i], &subj, NULL);
    outcome ignored = {0};
    return validate(v, s, &item, &ignored);
}

NOINLINE
static bool check_array(validator *v, const schema *s, const instance *in)
{
    const node *n = in->n;
    size_t count = n->u.array.count;
    bool ok =
        check_bounds(v, in, BOUNDS_ITEMS, count, s->min_items, s->max_items);
    if (!ok && !v->d)
        return false;
    for (size_t i = 0; i < count; i++) {
        const schema *item_schema = s->items;
        if (s->items_is_list)
            item_schema = i < s->item_list.count ? s->item_list.items[i]
                                                 : s->additional_items;
        if (item_schema && !check_item(v, item_schema, in, i)) {
            ok = false;
            if (!v->d)
                return false;
        }
    }
    if (s->unique_items) {
        for (size_t i = 1; i < count; i++) {
            for (size_t j = 0; j < i; j++) {
                if (!node_equal(n->u.array.items[i], n->u.array.items[j]))
                    continue;
                ok = false;
                if (!v->d)
                    return false;
                subject subj = {in->subj, i + 1, NULL, NULL, NULL};
                instance item = child_of(n->u.array.items[i], &subj, NULL);
                schema_message_complain(v, &item, "%s repeats item %zu",
                                        schema_message_subject(v, &subj),
                                        j + 1);
                break;
            }
        }
    }
    if (s->contains) {
        validator quiet = {NULL, v->depth, NULL};
        bool found = false;
        for (size_t i = 0; i < count && !found; i++)
            found = check_item(&quiet, s->contains, in, i);
        if (!found) {
            ok = false;
            schema_message_complain(v, in,
                                    "%s has no item of the required kind",
                                    schema_message_subject(v, in->subj));
        }
    }
    return ok;
}

/* Checks a member's value against one subschema. */
NOINLINE
static bool check_member(validator *v, const schema *sub, const instance *obj,
                         const node_member *m)
{
    subject subj = {NULL, 0, m, sub, obj->applied};
    instance value = child_of(m->value, &subj, m);
    outcome ignored = {0};
    return validate(v, sub, &value, &ignored);
}

static void report_unknown_key(validator *v, const schema *s, const node *obj,
                               const node_member *m)
{
    long hint = s->property_count ? vntext_suggest(m->key, s->property_names,
                                                   s->property_count)
                                  : -1;
    if (hint >= 0)
        schema_message_complain_at_key(v, obj, m,
                                       "unknown key '%s'; did you mean "
                                       "'%s'?",
                                       m->key, s->property_names[hint]);
    else
        schema_message_complain_at_key(v, obj, m, "unknown key '%s'", m->key);
}

/* "properties", "patternProperties" and "additionalProperties", in one
 * pass over the members. */
NOINLINE
static bool check_members(validator *v, const schema *s, const instance *in)
{
    const node *n = in->n;
    bool ok = true;
    for (size_t i = 0; i < n->u.object.count; i++) {
        const node_member *m = &n->u.object.members[i];
        bool described = false;
        const named_schema *p =
            s->property_count
                ? strmap_get(&s->property_index, m->key, m->key_len)
                : NULL;
        if (p) {
            described = true;
            if (!check_member(v, p->s, in, m)) {
                ok = false;
                if (!v->d)
                    return false;
            }
        }
        for (size_t k = 0; k < s->pattern_count; k++) {
            const pattern_schema *ps = &s->pattern_properties[k];
            regex_result r = regex_search(ps->re, m->key, m->key_len);
            if (r == REGEX_NOMATCH)
                continue;
            described = true;
            if (r == REGEX_TOO_COMPLEX) {
                ok = false;
                schema_message_complain_at_key(v, n, m,
                                               "key '%s' could not be "
                                               "checked against the pattern "
                                               "'%s' (the check took too "
                                               "long)",
                                               m->key, ps->pattern);
            } else if (!check_member(v, ps->s, in, m)) {
                ok = false;
            }
            if (!ok && !v->d)
                return false;
        }
        if (described || !s->additional_properties)
            continue;
        const schema *extra = s->additional_properties;
        if (extra->is_boolean && !extra->accepts) {
            ok = false;
            report_unknown_key(v, s, n, m);
        } else if (!check_member(v, extra, in, m)) {
            ok = false;
        }
        if (!ok && !v->d)
            return false;
    }
    return ok;
}

NOINLINE
static bool check_required(validator *v, const schema *s, const instance *in,
                           member_finder *f)
{
    bool ok = true;
    const node *req = s->required;
    for (size_t i = 0; i < req->u.array.count; i++) {
        const node *key = req->u.array.items[i];
        if (finder_get(f, key->u.string.s, key->u.string.len))
            continue;
        ok = false;
        if (!v->d)
            return false;
        strbuf name = STRBUF_INIT;
        const char *title =
            schema_message_lookup_title(in->applied, key->u.string.s,
                                        key->u.string.len);
        schema_message_put_key_with_title(&name, key->u.string.s, title);
        schema_message_complain(v, in, "missing required key %s",
                                strbuf_str(&name));
        strbuf_release(&name);
    }
    return ok;
}

NOINLINE
static bool check_dependencies(validator *v, const schema *s,
                               const instance *in, member_finder *f,
                               outcome *out)
{
    bool ok = true;
    for (size_t i = 0; i < s->dependency_count; i++) {
        const dependency *dep = &s->dependencies[i];
        if (!finder_get(f, dep->name, dep->len))
            continue;
        if (dep->s) {
            if (!validate(v, dep->s, in, out))
                ok = false;
        } else {
            for (size_t k = 0; k < dep->keys->u.array.count; k++) {
                const node *key = dep->keys->u.array.items[k];
                if (finder_get(f, key->u.string.s, key->u.string.len))
                    continue;
                ok = false;
                schema_message_complain(v, in, "key '%s' requires key '%s'",
                                        dep->name, key->u.string.s);
            }
        }
        if (!ok && !v->d)
            return false;
    }
    return ok;
}

NOINLINE
static bool check_property_names(validator *v, const schema *s,
                                 const instance *in)
{
    const node *n = in->n;
    bool ok = true;
    validator quiet = {NULL, v->depth, NULL};
    for (size_t i = 0; i < n->u.object.count; i++) {
        const node_member *m = &n->u.object.members[i];
        node key = {0};
        key.kind = NODE_STRING;
        key.src = n->src;
        key.pos = m->key_pos;
        key.span = m->key_span;
        key.u.string.s = m->key;
        key.u.string.len = m->key_len;
        subject subj = {0};
        instance name = child_of(&key, &subj, NULL);
        outcome ignored = {0};
        if (validate(&quiet, s->property_names_schema, &name, &ignored))
            continue;
        ok = false;
        if (!v->d)
            return false;
        schema_message_complain_at_key(v, n, m,
                                       "key '%s' is not an allowed name",
                                       m->key);
    }
    return ok;
}

NOINLINE
static bool check_object(validator *v, const schema *s, const instance *in,
                         outcome *out)
{
    const node *n = in->n;
    size_t count = n->u.object.count;
    bool ok = true;
    if (count < s->min_properties || count > s->max_properties) {
        ok = false;
        strbuf msg = STRBUF_INIT;
        const char *subj = schema_message_subject(v, in->subj);
        if (count < s->min_properties)
            strbuf_printf(&msg,
                          P_("%s must have at least %zu key",
                             "%s must have at least %zu keys",
                             s->min_properties),
                          subj, s->min_properties);
        else
            strbuf_printf(&msg,
                          P_("%s must have at most %zu key",
                             "%s must have at most %zu keys",
                             s->max_properties),
                          subj, s->max_properties);
        schema_message_complain_text(v, in, &msg);
        strbuf_release(&msg);
    }
    if (!ok && !v->d)
        return false;
    member_finder finder = {.obj = n};
    if (s->required && !check_required(v, s, in, &finder))
        ok = false;
    if ((ok || v->d) && s->dependency_count &&
        !check_dependencies(v, s, in, &finder, out))
        ok = false;
    arena_free(finder.a);
    if (!ok && !v->d)
        return false;
    if ((s->property_count || s->pattern_count || s->additional_properties) &&
        !check_members(v, s, in))
        ok = false;
    if ((ok || v->d) && s->property_names_schema &&
        !check_property_names(v, s, in))
        ok = false;
    return ok;
}

/* The keys of required-only branches that the object lacks (or, with
 * present set, has), in order, without repeats. */
static void put_branch_keys(strbuf *out, const schema_list *branches,
                            const bool *chosen, const instance *in,
                            bool with_titles, bool present)
{
    member_finder finder = {.obj = in->n};
    strmap listed = {0};
    arena *scratch = arena_new();
    size_t listed_count = 0;
    for (size_t b = 0; b < branches->count; b++) {
        if (chosen && !chosen[b])
            continue;
        const node *req = branches->items[b]->required;
        for (size_t i = 0; i < req->u.array.count; i++) {
            const node *key = req->u.array.items[i];
            const char *k = key->u.string.s;
            size_t len = key->u.string.len;
            bool has = in->n->kind == NODE_OBJECT &&
                       finder_get(&finder, k, len) != NULL;
            if (has != present ||
                strmap_put(scratch, &listed, k, len, (void *)key) != key)
                continue;
            if (listed_count++)
                strbuf_puts(out, ", ");
            const char *title =
                with_titles ? schema_message_lookup_title(in->applied, k, len)
                            : NULL;
            schema_message_put_key_with_title(out, k, title);
        }
    }
    arena_free(scratch);
    arena_free(finder.a);
}

/* Reports why no branch of "anyOf" or "oneOf" matched (loud mode only). */
NOINLINE
static void explain_no_match(validator *v, const schema_list *branches,
                             bool required_only, const instance *in,
                             outcome *out)
{
    if (required_only) {
        strbuf keys = STRBUF_INIT;
        put_branch_keys(&keys, branches, NULL, in, true, false);
        schema_message_complain(v, in, "missing required key: one of %s",
                                strbuf_str(&keys));
        strbuf_release(&keys);
        return;
    }
    diag_sink *best = NULL;
    size_t best_errors = SIZE_MAX;
    type_list expected = {0};
    for (size_t b = 0; b < branches->count; b++) {
        diag_sink *tmp = diag_sink_new(0);
        reported once = {0};
        validator sub = {tmp, v->depth, &once};
        outcome o = {0};
        validate(&sub, branches->items[b], in, &o);
        arena_free(once.a);
        if (o.type_failed) {
            for (size_t i = 0; i < o.expected.count; i++)
                schema_types_add(&expected, (json_type)o.expected.types[i]);
            diag_sink_free(tmp);
            continue;
        }
        if (diag_errors(tmp) < best_errors) {
            best_errors = diag_errors(tmp);
            diag_sink_free(best);
            best = tmp;
        } else {
            diag_sink_free(tmp);
        }
    }
    if (best) {
        diag_move(v->d, best);
        diag_sink_free(best);
        return;
    }
    out->type_failed = true;
    for (size_t i = 0; i < expected.count; i++)
        schema_types_add(&out->expected, (json_type)expected.types[i]);
    strbuf msg = STRBUF_INIT;
    schema_message_put_type_mismatch(&msg, schema_message_subject(v, in->subj),
                                     &expected, in->n);
    schema_message_complain_text(v, in, &msg);
    strbuf_release(&msg);
}

NOINLINE
static bool check_any_of(validator *v, const schema *s, const instance *in,
                         outcome *out)
{
    validator quiet = {NULL, v->depth, NULL};
    for (size_t b = 0; b < s->any_of.count; b++) {
        outcome ignored = {0};
        if (validate(&quiet, s->any_of.items[b], in, &ignored))
            return true;
    }
    if (v->d)
        explain_no_match(v, &s->any_of, s->any_of_required_only, in, out);
    return false;
}

NOINLINE
static bool check_one_of(validator *v, const schema *s, const instance *in,
                         outcome *out)
{
    validator quiet = {NULL, v->depth, NULL};
    size_t count = s->one_of.count, matches = 0;
    bool *matched = xcalloc(count, sizeof *matched);
    bool matched_required_only = true;
    for (size_t b = 0; b < count && (matches < 2 || v->d); b++) {
        outcome ignored = {0};
        if (!validate(&quiet, s->one_of.items[b], in, &ignored))
            continue;
        matched[b] = true;
        matches++;
        if (!s->one_of.items[b]->required_only)
            matched_required_only = false;
    }
    if (matches == 0 && v->d) {
        explain_no_match(v, &s->one_of, s->one_of_required_only, in, out);
    } else if (matches > 1 && v->d) {
        if (matched_required_only && in->n->kind != NODE_OBJECT) {
            /* "required" says nothing of what is not a mapping: every
             * branch matches; the type message, if any, says what is wrong */
            if (!out->type_failed)
                schema_message_complain(v, in,
                                        "%s matches more than one of the "
                                        "allowed forms",
                                        schema_message_subject(v, in->subj));
        } else if (matched_required_only) {
            strbuf keys = STRBUF_INIT;
            put_branch_keys(&keys, &s->one_of, matched, in, false, true);
            schema_message_complain(v, in, "only one of %s may be given",
                                    strbuf_str(&keys));
            strbuf_release(&keys);
        } else {
            schema_message_complain(v, in,
                                    "%s matches more than one of the allowed "
                                    "forms",
                                    schema_message_subject(v, in->subj));
        }
    }
    free(matched);
    return matches == 1;
}

NOINLINE
static bool check_combinators(validator *v, const schema *s, const instance *in,
                              outcome *out)
{
    bool ok = true;
    for (size_t b = 0; b < s->all_of.count; b++) {
        if (!validate(v, s->all_of.items[b], in, out)) {
            ok = false;
            if (!v->d)
                return false;
        }
    }
    if (s->any_of.count && !check_any_of(v, s, in, out))
        ok = false;
    if ((ok || v->d) && s->one_of.count && !check_one_of(v, s, in, out))
        ok = false;
    if (!ok && !v->d)
        return false;
    if (s->not_schema) {
        validator quiet = {NULL, v->depth, NULL};
        outcome ignored = {0};
        if (validate(&quiet, s->not_schema, in, &ignored)) {
            ok = false;
            schema_message_complain(v, in,
                                    "%s has a form that is not allowed here",
                                    schema_message_subject(v, in->subj));
        }
    }
    if (s->if_schema && (ok || v->d)) {
        validator quiet = {NULL, v->depth, NULL};
        outcome ignored = {0};
        const schema *branch = validate(&quiet, s->if_schema, in, &ignored)
                                   ? s->then_schema
                                   : s->else_schema;
        if (branch && !validate(v, branch, in, out))
            ok = false;
    }
    return ok;
}

NOINLINE
static bool check_ref(validator *v, const schema *s, const instance *in,
                      outcome *out)
{
    if (!s->ref_target) {
        schema_message_complain(v, in,
                                "cannot check %s: '$ref' to '%s' does not "
                                "resolve",
                                schema_message_subject(v, in->subj),
                                s->ref_uri);
        return false;
    }
    for (const ref_trail *t = in->trail; t; t = t->outer) {
        if (t->ref != s)
            continue;
        schema_message_complain(v, in,
                                "cannot check %s: '$ref' to '%s' leads back "
                                "to itself",
                                schema_message_subject(v, in->subj),
                                s->ref_uri);
        return false;
    }
    ref_trail trail = {in->trail, s};
    instance next = *in;
    next.trail = &trail;
    return validate(v, s->ref_target, &next, out);
}

static bool validate(validator *v, const schema *s, const instance *in,
                     outcome *out)
{
    if (s->is_boolean) {
        if (!s->accepts)
            schema_message_complain(v, in, "%s is not allowed here",
                                    schema_message_subject(v, in->subj));
        return s->accepts;
    }
    if (v->depth >= VALIDATE_MAX_DEPTH) {
        schema_message_complain(v, in,
                                "cannot check %s: the schema nests too "
                                "deeply here",
                                schema_message_subject(v, in->subj));
        return false;
    }
    v->depth++;
    scope applied = {in->applied, s};
    instance here = *in;
    here.applied = &applied;
    bool ok = true;
    if (s->ref_uri) {
        ok = check_ref(v, s, &here, out);
        goto done;
    }
    const node *n = in->n;
    /* after a wrong type, "enum" and "const" would only say it again */
    bool type_ok = check_type(v, s, &here, out);
    if (!type_ok)
        ok = false;
    if (s->enum_values && type_ok && !check_enum(v, s, &here))
        ok = false;
    if (s->const_value && type_ok && (ok || v->d) && !check_const(v, s, &here))
        ok = false;
    if (!ok && !v->d)
        goto done;
    switch (n->kind) {
    case NODE_STRING:
        ok = check_string(v, s, &here) && ok;
        break;
    case NODE_NUMBER:
        ok = check_number(v, s, &here) && ok;
        break;
    case NODE_ARRAY:
        ok = check_array(v, s, &here) && ok;
        break;
    case NODE_OBJECT:
        ok = check_object(v, s, &here, out) && ok;
        break;
    case NODE_NULL:
    case NODE_BOOL:
        break;
    }
    if (!ok && !v->d)
        goto done;
    ok = check_combinators(v, s, &here, out) && ok;
done:
    v->depth--;
    return ok;
}

bool schema_validate(const schema *s, const node *instance_node, diag_sink *d)
{
    reported once = {0};
    validator v = {d, 0, &once};
    subject root = {0};
    instance in = {instance_node, &root, NULL, NULL, NULL};
    outcome ignored = {0};
    bool valid = validate(&v, s, &in, &ignored);
    arena_free(once.a);
    return valid;
}

bool schema_validate_item(const schema *s, const char *key, size_t index,
                          const node *item, diag_sink *d)
{
    size_t len = strlen(key);
    const named_schema *property = strmap_get(&s->property_index, key, len);
    if (!property || !property->s->items || property->s->items_is_list)
        return true;
    reported once = {0};
    validator v = {d, 0, &once};
    scope applied = {NULL, s};
    node_member member = {.key = key, .key_len = len}; /* names the list */
    subject list = {NULL, 0, &member, property->s, &applied};
    subject subj = {&list, index + 1, NULL, NULL, NULL};
    instance in = child_of(item, &subj, NULL);
    outcome ignored = {0};
    bool valid = validate(&v, property->s->items, &in, &ignored);
    arena_free(once.a);
    return valid;
}
