/* orgunits.h - the unit registry: finding the unit a plan's text names.
 *
 * Plans name units in free text ("Sở Tư pháp (Trung tâm Trợ giúp pháp lý
 * Nhà nước)", "Công an cấp xã"). A registry holds units with an id, an
 * official name, aliases and a parent, from a plan's "units" and from a
 * units.yaml beside it.
 *
 * One resolution serves every check, filter and grouping: a name is the
 * unit whose id, name or alias has its key (vntext_fold(), every dash
 * written '-', so case, input method and "–" for "-" do not matter);
 * else the one unit whose key is the same without diacritics ("Quảng
 * Tri" for "Quảng Trị", "So Y te" for "Sở Y tế": a loose match, which
 * validation warns about); when two units share that loose key, neither.
 * "A (B)" names B within A: it matches when both parts do. Generic
 * phrases are not units and always pass: text that starts with a
 * lower-case letter ("cơ sở giam giữ"), starts with "Các" or "Những", or
 * ends with "có liên quan". Nearer names are only ever suggested, never
 * taken: orgunits_hints. */
#ifndef KEHOACH_ORGUNITS_H
#define KEHOACH_ORGUNITS_H

#include "plan.h"
#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct orgunits orgunits;

/* A registry on top of outer (NULL for none): lookups that find nothing
 * here go on in outer, which must outlive this one. A plan's own units sit
 * on top of its folder's, so the folder's registry is built once. */
orgunits *orgunits_new(const orgunits *outer);
void orgunits_free(orgunits *r); /* NULL-safe */

/* Adds units; the registry keeps pointers to them (they must outlive it). */
void orgunits_add(orgunits *r, const plan_unit *list, size_t n);

/* Units here and in the registries below. */
size_t orgunits_count(const orgunits *r);

/* The registry this one sits on, or NULL. */
const orgunits *orgunits_outer(const orgunits *r);

/* Calls fn with every id, name and alias of r and of the registries below
 * it (r may be NULL), here first, each registry's in the order of its
 * keys: what a shell offers for --unit. */
void orgunits_each_name(const orgunits *r,
                        void (*fn)(const char *name, void *ctx), void *ctx);

typedef enum orgunits_verdict {
    UNITS_FOUND,   /* .unit is the unit named */
    UNITS_GENERIC, /* a generic phrase, not a unit */
    UNITS_UNKNOWN, /* no unit, or more than one, has this name */
} orgunits_verdict;

typedef struct orgunits_match {
    orgunits_verdict verdict;
    const plan_unit *unit; /* FOUND: the unit */
    const char *name;      /* FOUND: its id, name or alias matched */
    bool loose;            /* FOUND only without diacritics */
} orgunits_match;

/* r may be NULL (nothing is registered). Allocates nothing that outlives
 * the call; costs a bisection per part of the name. */
orgunits_match orgunits_lookup(const orgunits *r, const char *text);

bool orgunits_is_generic(const char *text);

/* The key names are compared by: vntext_fold(), dashes as '-'. Caller
 * frees. */
char *orgunits_key(const char *text);

/* The same without diacritics: where no registry tells them apart, two
 * names with one loose key are one unit, written two ways. Caller frees. */
char *orgunits_loose_key(const char *text);

/* True when text (a lead or partner as written) names the unit that query
 * names (an id, a name or an alias, resolved as orgunits_lookup() does), or
 * a unit within it: its parent chain in the registry leads to it, or text
 * is "A (B)" and A or B is it. Without the registry's help, the names
 * themselves must have the same loose key. */
bool orgunits_names(const orgunits *r, const char *text, const char *query);

/* --- a mention as outputs name it ----------------------------------------- */

/* What an output shows for a unit name as a plan writes it: the registered
 * unit's official name and id, however the name was typed (case, NFC/NFD,
 * an alias, "A (B)", without diacritics); else the text as written, with
 * unregistered set when r has units and the text is no generic phrase
 * (grouped and labelled as such, never folded into another unit). */
typedef struct orgunits_named {
    const char *name; /* the unit's name (its id when it has none), or text */
    const char *id;   /* the unit's id; NULL when no unit is found */
    const plan_unit *unit;
    bool unregistered; /* r has units, and none has this name */
} orgunits_named;

orgunits_named orgunits_name(const orgunits *r, const char *text);

/* The units a list of names names, as outputs show them: each registered
 * unit once (where it is first named), a name no unit has as written.
 * out has room for u->count; returns how many it holds. */
size_t orgunits_distinct(const orgunits *r, const plan_units *u,
                         orgunits_named *out);

/* Appends orgunits_distinct() "; "-joined: the names, or the ids (ids: a
 * name no unit has is left out). */
void orgunits_join(const orgunits *r, const plan_units *u, bool ids,
                   strbuf *out);

/* The unit's parent (its governing body) as the registry finds it by the
 * parent's id, name or alias; NULL when it has none or r lacks it. */
const plan_unit *orgunits_parent(const orgunits *r, const plan_unit *u);

/* --- suggestions -------------------------------------------------------- */

#define UNITS_HINTS 3

/* The names nearest to a text that names no unit, nearest first, for a
 * "did you mean": a name that differs only in marks or case; then one
 * within about a third of the length in edits that starts with the same
 * word (the first word carries the kind of unit, so "Bộ Tư pháp" never
 * suggests "Sở Tư pháp"); then names the text begins, where a word in
 * capitals may stand for the initials of words ("Trung tâm TGPL" begins
 * "Trung tâm Trợ giúp pháp lý Nhà nước"). Ids are suggested only by
 * edits. The names are copies: the registries and plans they came from
 * may be freed. */
typedef struct orgunits_hints {
    char *names[UNITS_HINTS];
    size_t count;
    /* private */
    long scores[UNITS_HINTS];
    char *keys[UNITS_HINTS];
    struct orgunits_hints_query *query;
} orgunits_hints;

void orgunits_hints_init(orgunits_hints *h, const char *text);
void orgunits_hints_release(orgunits_hints *h);

/* Offers a unit name written somewhere (is_id: a unit id). */
void orgunits_hints_offer(orgunits_hints *h, const char *name, bool is_id);

/* Offers every id, name and alias of r itself (not of the registries
 * below it). */
void orgunits_hints_offer_registry(orgunits_hints *h, const orgunits *r);

#endif
