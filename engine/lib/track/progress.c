/* progress.c - the progress log model and its checks against the plan
 * (see progress.h).
 *
 * Checking a record resolves it: the activity (or the report) by id, the
 * occurrence by the key of one of its windows (required when there are
 * several, implied when there is one), each value by the name of one of
 * the activity's targets (compared as Vietnamese text, see vntext.h). Only
 * records that resolve completely are marked usable, so a status is never
 * computed from a record the log's reader was told is wrong. */
#include "progress.h"

#include "i18n.h"
#include "strbuf.h"
#include "strmap.h"
#include "vntext.h"
#include "xalloc.h"

#include <stdalign.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

yamlload_limits progress_log_limits(void)
{
    yamlload_limits limits = yamlload_default_limits;
    limits.max_bytes = (size_t)512 << 20;
    limits.max_nodes = limits.max_bytes / 4;
    return limits;
}

#define PROGRESS_SIZE_WARN_PERCENT 80

void progress_check_size(const source *src, diag_sink *d)
{
    size_t max = progress_log_limits().max_bytes;
    if (src->len <= max / 100 * PROGRESS_SIZE_WARN_PERCENT)
        return;
    diag_file(
        d, DIAG_WARNING, src->path,
        "this log has reached %zu%% of the size a log may have (%.1f of %zu MiB); "
        "at the limit it can no longer be read, nor a record added to it",
        src->len * 100 / max, (double)src->len / (1 << 20), max >> 20);
}

static void read_values(arena *a, const node *obj, progress_record *r)
{
    const node *values = node_get(obj, "values");
    if (!values || values->kind != NODE_OBJECT)
        return;
    r->values =
        arena_alloc(a, (values->u.object.count + 1) * sizeof *r->values);
    for (size_t i = 0; i < values->u.object.count; i++) {
        const node_member *m = &values->u.object.members[i];
        if (m->value->kind != NODE_NUMBER)
            continue;
        progress_value *v = &r->values[r->nvalues++];
        v->name = (plan_text){m->key, m->value};
        v->member = m;
        v->value = m->value->u.number.value;
    }
}

bool progress_record_read(arena *a, const node *obj, size_t order,
                          progress_record *r)
{
    if (obj->kind != NODE_OBJECT)
        return false;
    memset(r, 0, sizeof *r);
    r->at = obj;
    r->pos = obj->pos;
    r->order = order;
    r->date_text = plan_text_of(obj, "date");
    r->activity = plan_text_of(obj, "activity");
    r->report = plan_text_of(obj, "report");
    r->document = plan_text_of(obj, "document");
    r->occurrence = plan_text_of(obj, "occurrence");
    r->state_text = plan_text_of(obj, "state");
    r->note = plan_text_of(obj, "note");
    r->by = plan_text_of(obj, "by");
    r->form = plan_text_of(obj, "form");
    r->percent = -1;
    const node *percent = node_get(obj, "percent");
    if (percent && node_is_integer(percent) && percent->u.number.value >= 0 &&
        percent->u.number.value <= 100)
        r->percent = (int)percent->u.number.value;
    read_values(a, obj, r);
    r->evidence = plan_texts_of(a, node_get(obj, "evidence"), &r->nevidence);
    return true;
}

progress_log *progress_build(arena *a, const source *src, const node *root)
{
    progress_log *log = arena_alloc(a, sizeof *log);
    log->src = src;
    log->root = root;
    log->plan = plan_text_of(root, "plan");
    const node *list = node_get(root, "records");
    if (!list || list->kind != NODE_ARRAY)
        return log;
    log->records =
        arena_alloc(a, (list->u.array.count + 1) * sizeof *log->records);
    for (size_t i = 0; i < list->u.array.count; i++)
        if (progress_record_read(a, list->u.array.items[i], i,
                                 &log->records[log->count]))
            log->count++;
    return log;
}

/* --- checks ------------------------------------------------------------ */

const plan_activity *progress_find_activity(const plan *p, const char *id,
                                            size_t *index)
{
    for (size_t i = 0; i < p->nactivities; i++)
        if (p->activities[i]->id.s && strcmp(p->activities[i]->id.s, id) == 0) {
            if (index)
                *index = i;
            return p->activities[i];
        }
    return NULL;
}

const plan_report *progress_find_report(const plan *p, const char *id,
                                        size_t *index)
{
    for (size_t i = 0; i < p->nreports; i++)
        if (strcmp(p->reports[i].id, id) == 0) {
            if (index)
                *index = i;
            return &p->reports[i];
        }
    return NULL;
}

/* "a, b, c" of up to `max` keys, then ", ..." */
static void list_keys(strbuf *sb, const when *w, size_t max)
{
    for (size_t i = 0; i < w->count && i < max; i++)
        strbuf_printf(sb, "%s%s", i ? ", " : "", w->windows[i].key);
    if (w->count > max)
        strbuf_puts(sb, ", ...");
}

static bool check_date(const progress_record *r, const plan *p, diag_sink *d,
                       progress_record *out)
{
    if (!r->date_text.s)
        return false;
    date_status st = date_parse(r->date_text.s, false, &out->date);
    if (st == DATE_BAD_FORM) /* the schema said so */
        return false;
    if (st != DATE_OK) {
        strbuf why = STRBUF_INIT;
        date_explain(st, &out->date, &why);
        diag_at_node(d, DIAG_ERROR, r->date_text.at,
                     "'%s' is not a real date: %s", r->date_text.s,
                     strbuf_str(&why));
        strbuf_release(&why);
        return false;
    }
    strbuf why = STRBUF_INIT;
    bool fits = progress_date_fits(p, out->date, r->report.s != NULL, &why);
    if (!fits)
        diag_at_node(d, DIAG_ERROR, r->date_text.at,
                     /* TRANSLATORS: the second %s is one of the phrases
                        "outside the plan's ...". */
                     "the record's date %s is %s", r->date_text.s,
                     strbuf_str(&why));
    strbuf_release(&why);
    return fits;
}

bool progress_date_fits(const plan *p, date day, bool of_report, strbuf *why)
{
    /* a report on the last period may be sent in the following year */
    int last_year = p->year_to + (of_report ? 1 : 0);
    if (!p->year_from || (day.year >= p->year_from && day.year <= last_year))
        return true;
    if (of_report)
        strbuf_printf(why,
                      /* TRANSLATORS: this and the two below end the
                         sentences "the record's date %s is %s" and "the
                         date %s is %s". */
                      _("outside the plan's span and the year after it "
                        "(%d-%d), when its reports are sent"),
                      p->year_from, last_year);
    else if (p->year_from == p->year_to)
        strbuf_printf(why, _("outside the plan's year %d"), p->year_from);
    else
        strbuf_printf(why, _("outside the plan's span %d-%d"), p->year_from,
                      p->year_to);
    return false;
}

static const plan_activity *check_activity(progress_record *r, const plan *p,
                                           const strmap *ids, diag_sink *d)
{
    if (!r->activity.s)
        return NULL;
    plan_activity **slot =
        strmap_get(ids, r->activity.s, strlen(r->activity.s));
    if (slot) {
        r->activity_index = (size_t)(slot - p->activities);
        return *slot;
    }
    /* a suggestion compares with every activity: only for a kept problem */
    bool kept = diag_keeps(d, r->activity.at);
    const char **names = xmalloc((p->nactivities + 1) * sizeof *names);
    size_t n = 0;
    for (size_t i = 0; kept && i < p->nactivities; i++)
        if (p->activities[i]->id.s)
            names[n++] = p->activities[i]->id.s;
    long best = vntext_suggest(r->activity.s, names, n);
    const char *plan_id = p->id.s ? p->id.s : "?";
    if (best >= 0)
        diag_at_node(d, DIAG_ERROR, r->activity.at,
                     "plan %s has no activity '%s'; did you mean '%s'?",
                     plan_id, r->activity.s, names[best]);
    else
        diag_at_node(d, DIAG_ERROR, r->activity.at,
                     "plan %s has no activity '%s'", plan_id, r->activity.s);
    free(names);
    return NULL;
}

/* What a record is about: an activity or a report, named by its id. */
typedef struct subject {
    const plan_text *id; /* as the record writes it */
    const when *schedule;
} subject;

/* occurrences: the subject's windows by key (see plan_index). */
static bool check_occurrence(progress_record *r, const subject *of,
                             const strmap *occurrences, diag_sink *d)
{
    const when *w = of->schedule;
    if (w->count == 0 && r->of_report) {
        diag_at_node(d, DIAG_ERROR, of->id->at,
                     "report '%s' is sent on request, with no due date to "
                     "record it against; record what was done in the "
                     "activity it reports on",
                     of->id->s);
        return false;
    }
    if (w->count == 0) /* unscheduled: its time has errors */
        return false;
    if (!r->occurrence.s) {
        if (w->count == 1) {
            r->occurrence_index = 0;
            return true;
        }
        strbuf keys = STRBUF_INIT;
        list_keys(&keys, w, 6);
        if (r->of_report)
            diag_at_node(d, DIAG_ERROR, of->id->at,
                         "report '%s' has %zu occurrences; say which one "
                         "with 'occurrence:' (%s)",
                         of->id->s, w->count, strbuf_str(&keys));
        else
            diag_at_node(d, DIAG_ERROR, of->id->at,
                         "activity '%s' has %zu occurrences; say which one "
                         "with 'occurrence:' (%s)",
                         of->id->s, w->count, strbuf_str(&keys));
        strbuf_release(&keys);
        return false;
    }
    const when_window *x =
        strmap_get(occurrences, r->occurrence.s, strlen(r->occurrence.s));
    if (x) {
        r->occurrence_index = (size_t)(x - w->windows);
        return true;
    }
    const char **names = xmalloc(w->count * sizeof *names);
    for (size_t i = 0; i < w->count; i++)
        names[i] = w->windows[i].key;
    long best = diag_keeps(d, r->occurrence.at)
                    ? vntext_suggest(r->occurrence.s, names, w->count)
                    : -1;
    strbuf keys = STRBUF_INIT;
    list_keys(&keys, w, 6);
    const node *at = r->occurrence.at;
    const char *id = of->id->s, *key = r->occurrence.s;
    if (best >= 0 && r->of_report)
        diag_at_node(d, DIAG_ERROR, at,
                     "report '%s' has no occurrence '%s'; did you mean '%s'?",
                     id, key, names[best]);
    else if (best >= 0)
        diag_at_node(d, DIAG_ERROR, at,
                     "activity '%s' has no occurrence '%s'; did you mean '%s'?",
                     id, key, names[best]);
    else if (r->of_report)
        diag_at_node(d, DIAG_ERROR, at,
                     "report '%s' has no occurrence '%s'; its occurrences: %s",
                     id, key, strbuf_str(&keys));
    else
        diag_at_node(d, DIAG_ERROR, at,
                     "activity '%s' has no occurrence '%s'; its occurrences: "
                     "%s",
                     id, key, strbuf_str(&keys));
    strbuf_release(&keys);
    free(names);
    return false;
}

/* A problem with a value's target name, pointed at the name; the message
 * is translated here. */
static diag *progress_report_name(diag_sink *d, const progress_value *v,
                                  const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static diag *progress_report_name(diag_sink *d, const progress_value *v,
                                  const char *fmt, ...)
{
    strbuf msg = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&msg, _(fmt), ap);
    va_end(ap);
    const node_member *m = v->member;
    diag *r = diag_at(d, DIAG_ERROR, m->value->src, m->key_pos, m->key_span,
                      "%s", strbuf_str(&msg));
    strbuf_release(&msg);
    return r;
}

/* What records are resolved against: the plan's activities by id and,
 * from the first record that names one of them, an activity's
 * occurrences by key, so a record costs the same however many
 * occurrences its activity has; and its targets' names folded once, not
 * once per value measured. */
typedef struct plan_index {
    arena *a;
    strmap ids;          /* id -> its slot in plan->activities */
    strmap *occurrences; /* per activity, then per report: key -> its
                            window */
    char ***target_keys; /* per activity, from the first value measured
                            for it: its targets' names folded (vntext) */
} plan_index;

struct progress_checker {
    const plan *p;
    plan_index ix;
};

/* The target of act (the activity at index) that name names, as
 * vntext_same() compares them. */
static const plan_target *find_target(plan_index *ix, size_t index,
                                      const plan_activity *act,
                                      const char *name)
{
    char **keys = ix->target_keys[index];
    if (!keys) {
        keys = arena_alloc(ix->a, (act->ntargets + 1) * sizeof *keys);
        for (size_t k = 0; k < act->ntargets; k++)
            if (act->targets[k].name.s) {
                char *key = vntext_fold(act->targets[k].name.s,
                                        strlen(act->targets[k].name.s));
                keys[k] = arena_strdup(ix->a, key);
                free(key);
            }
        ix->target_keys[index] = keys;
    }
    char *key = vntext_fold(name, strlen(name));
    const plan_target *found = NULL;
    for (size_t k = 0; k < act->ntargets && !found; k++)
        if (keys[k] && strcmp(key, keys[k]) == 0)
            found = &act->targets[k];
    free(key);
    return found;
}

static bool check_values(progress_record *r, plan_index *ix, size_t index,
                         const plan_activity *act, diag_sink *d)
{
    bool ok = true;
    for (size_t i = 0; i < r->nvalues; i++) {
        progress_value *v = &r->values[i];
        v->target = find_target(ix, index, act, v->name.s);
        if (v->target)
            continue;
        ok = false;
        if (act->ntargets == 0) {
            progress_report_name(
                d, v,
                "activity '%s' has no targets, so no value can be "
                "measured for '%s'",
                r->activity.s, v->name.s);
            continue;
        }
        const char **names = xmalloc(act->ntargets * sizeof *names);
        size_t n = 0;
        for (size_t k = 0; k < act->ntargets; k++)
            if (act->targets[k].name.s)
                names[n++] = act->targets[k].name.s;
        long best = vntext_suggest(v->name.s, names, n);
        if (best >= 0) {
            progress_report_name(
                d, v, "activity '%s' has no target '%s'; did you mean '%s'?",
                r->activity.s, v->name.s, names[best]);
        } else {
            strbuf list = STRBUF_INIT;
            for (size_t k = 0; k < n; k++)
                strbuf_printf(&list, "%s'%s'", k ? ", " : "", names[k]);
            progress_report_name(
                d, v, "activity '%s' has no target '%s'; its targets: %s",
                r->activity.s, v->name.s, strbuf_str(&list));
            strbuf_release(&list);
        }
        free(names);
    }
    return ok;
}

static const strmap *occurrences_of(plan_index *ix, size_t index, const when *w)
{
    strmap *m = &ix->occurrences[index];
    if (!m->count)
        for (size_t i = 0; i < w->count; i++)
            strmap_put(ix->a, m, w->windows[i].key, strlen(w->windows[i].key),
                       &w->windows[i]);
    return m;
}

/* The report a record names, with the reports listed when it is not one
 * of them (a plan has few). */
static const plan_report *check_report(progress_record *r, const plan *p,
                                       diag_sink *d)
{
    const plan_report *duty =
        progress_find_report(p, r->report.s, &r->report_index);
    if (duty || !plan_is_report_id(r->report.s))
        return duty; /* not an id of that form: the schema says so */
    const char *plan_id = p->id.s ? p->id.s : "?";
    if (!p->nreports) {
        diag_at_node(d, DIAG_ERROR, r->report.at,
                     "plan %s has no report '%s': it lists no reporting "
                     "duties",
                     plan_id, r->report.s);
        return NULL;
    }
    strbuf ids = STRBUF_INIT;
    for (size_t i = 0; i < p->nreports; i++)
        strbuf_printf(&ids, "%s%s", i ? ", " : "", p->reports[i].id);
    diag_at_node(d, DIAG_ERROR, r->report.at,
                 "plan %s has no report '%s'; its reports: %s", plan_id,
                 r->report.s, strbuf_str(&ids));
    strbuf_release(&ids);
    return NULL;
}

/* What a report's record may not hold: values (a report has no targets). */
static bool check_report_fields(const progress_record *r, diag_sink *d)
{
    if (!r->nvalues)
        return true;
    progress_report_name(
        d, &r->values[0],
        "report '%s' has no targets, so no value can be measured "
        "for '%s'",
        r->report.s, r->values[0].name.s);
    return false;
}

/* The record's subject: the activity or the report it names, resolved;
 * false when it names neither, or both (the schema says so). */
static bool check_subject(progress_record *r, const plan *p, plan_index *ix,
                          subject *of, diag_sink *d)
{
    if (!r->activity.s == !r->report.s)
        return false;
    if (r->report.s) {
        r->of_report = true;
        const plan_report *duty = check_report(r, p, d);
        if (!duty)
            return false;
        *of = (subject){&r->report, &duty->schedule};
        return true;
    }
    const plan_activity *act = check_activity(r, p, &ix->ids, d);
    if (!act)
        return false;
    *of = (subject){&r->activity, &act->schedule};
    if (r->document.s) {
        diag_at_node(d, DIAG_ERROR, r->document.at,
                     "'document' is the number of a report sent; an "
                     "activity's documents go in 'evidence'");
        return false;
    }
    return true;
}

static void check_record(progress_record *r, const plan *p, plan_index *ix,
                         diag_sink *d)
{
    bool ok =
        progress_state_parse(r->state_text.s ? r->state_text.s : "", &r->state);
    ok = check_date(r, p, d, r) && ok;
    subject of;
    if (!check_subject(r, p, ix, &of, d))
        return;
    size_t slot =
        r->of_report ? p->nactivities + r->report_index : r->activity_index;
    ok = check_occurrence(r, &of, occurrences_of(ix, slot, of.schedule), d) &&
         ok;
    ok = (r->of_report ? check_report_fields(r, d)
                       : check_values(r, ix, r->activity_index,
                                      p->activities[r->activity_index], d)) &&
         ok;
    if (ok && r->state == PROGRESS_DONE && r->percent >= 0 && r->percent < 100)
        diag_at_node(
            d, DIAG_WARNING, node_get(r->at, "percent"),
            "the record says 'done' with %d%%; a done record counts as 100%%",
            r->percent);
    r->usable = ok;
}

progress_checker *progress_checker_new(const plan *p)
{
    progress_checker *c = xcalloc(1, sizeof *c);
    c->p = p;
    plan_index *ix = &c->ix;
    ix->a = arena_new();
    ix->occurrences = arena_alloc(ix->a, (p->nactivities + p->nreports + 1) *
                                             sizeof *ix->occurrences);
    ix->target_keys =
        arena_alloc(ix->a, (p->nactivities + 1) * sizeof *ix->target_keys);
    for (size_t i = 0; i < p->nactivities; i++) {
        const char *id = p->activities[i]->id.s;
        if (id)
            strmap_put(ix->a, &ix->ids, id, strlen(id), &p->activities[i]);
    }
    return c;
}

void progress_check_record(progress_checker *c, progress_record *r,
                           diag_sink *d)
{
    check_record(r, c->p, &c->ix, d);
}

void progress_checker_free(progress_checker *c)
{
    if (!c)
        return;
    arena_free(c->ix.a);
    free(c);
}

void progress_check_plan_id(const progress_log *log, const plan *p,
                            diag_sink *d)
{
    if (log->plan.s && p->id.s && strcmp(log->plan.s, p->id.s) != 0)
        diag_at_node(d, DIAG_ERROR, log->plan.at,
                     "this log names plan '%s', but the plan beside it is '%s'",
                     log->plan.s, p->id.s);
}

size_t progress_check(progress_log *log, const plan *p, diag_sink *d)
{
    size_t before = diag_errors(d);
    progress_check_plan_id(log, p, d);
    progress_checker *c = progress_checker_new(p);
    for (size_t i = 0; i < log->count; i++)
        progress_check_record(c, &log->records[i], d);
    progress_checker_free(c);
    return diag_errors(d) - before;
}

/* --- names --------------------------------------------------------------- */

const char *const progress_state_names[PROGRESS_NSTATES] = {"in-progress",
                                                            "done",
                                                            "cancelled"};

const char *progress_state_name(progress_state s)
{
    return progress_state_names[s];
}

bool progress_state_parse(const char *s, progress_state *out)
{
    for (size_t i = 0; i < PROGRESS_NSTATES; i++)
        if (strcmp(s, progress_state_names[i]) == 0) {
            *out = (progress_state)i;
            return true;
        }
    return false;
}

const char *const progress_state_labels[PROGRESS_NSTATES] = {
    [PROGRESS_IN_PROGRESS] = "Đang thực hiện",
    [PROGRESS_DONE] = "Hoàn thành",
    [PROGRESS_CANCELLED] = "Hủy bỏ",
};

/* Other words a person may type for a state. */
static const struct {
    const char *text;
    progress_state state;
} synonyms[] = {
    {"Đã hoàn thành", PROGRESS_DONE},   {"Xong", PROGRESS_DONE},
    {"Đang làm", PROGRESS_IN_PROGRESS}, {"Đã hủy", PROGRESS_CANCELLED},
    {"Hủy", PROGRESS_CANCELLED},        {"Không thực hiện", PROGRESS_CANCELLED},
};

bool progress_state_read(const char *text, progress_state *out)
{
    if (progress_state_parse(text, out))
        return true;
    for (size_t i = 0; i < PROGRESS_NSTATES; i++)
        if (vntext_same_ascii(text, progress_state_labels[i])) {
            *out = (progress_state)i;
            return true;
        }
    for (size_t i = 0; i < sizeof synonyms / sizeof *synonyms; i++)
        if (vntext_same_ascii(text, synonyms[i].text)) {
            *out = synonyms[i].state;
            return true;
        }
    return false;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

bool progress_is_log_path(const char *path)
{
    return ends_with(path, ".progress.yaml") ||
           ends_with(path, ".progress.yml");
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* path without `cut` trailing bytes, then suffix; malloc'ed. */
static char *swap_suffix(const char *path, size_t cut, const char *suffix)
{
    size_t n = strlen(path) - cut;
    char *out = xmalloc(n + strlen(suffix) + 1);
    memcpy(out, path, n);
    strcpy(out + n, suffix);
    return out;
}

char *progress_log_path(const char *plan_path)
{
    size_t cut = ends_with(plan_path, ".yaml")  ? 5
                 : ends_with(plan_path, ".yml") ? 4
                                                : 0;
    char *yml = swap_suffix(plan_path, cut, ".progress.yml");
    if (exists(yml))
        return yml;
    free(yml);
    return swap_suffix(plan_path, cut, ".progress.yaml");
}

char *progress_plan_path(const char *log_path)
{
    size_t cut = ends_with(log_path, ".progress.yaml") ? 14 : 13;
    char *yml = swap_suffix(log_path, cut, ".yml");
    if (exists(yml))
        return yml;
    free(yml);
    return swap_suffix(log_path, cut, ".yaml");
}

/* --- copies ----------------------------------------------------------- */

/* The texts of a record, by their place in it. */
static const size_t record_texts[] = {
    offsetof(progress_record, date_text),
    offsetof(progress_record, activity),
    offsetof(progress_record, occurrence),
    offsetof(progress_record, state_text),
    offsetof(progress_record, note),
    offsetof(progress_record, by),
    offsetof(progress_record, report),
    offsetof(progress_record, document),
    offsetof(progress_record, form),
};
#define NRECORD_TEXTS (sizeof record_texts / sizeof *record_texts)

static size_t aligned(size_t n)
{
    size_t unit = alignof(max_align_t);
    return (n + unit - 1) / unit * unit;
}

static size_t text_size(const plan_text *t)
{
    return t->s ? strlen(t->s) + 1 : 0;
}

/* t's string copied to *chars (which moves past it), without its node. */
static plan_text copy_text(const plan_text *t, char **chars)
{
    plan_text c = {NULL, NULL};
    if (t->s) {
        size_t n = strlen(t->s) + 1;
        c.s = memcpy(*chars, t->s, n);
        *chars += n;
    }
    return c;
}

size_t progress_record_copy_size(const progress_record *r)
{
    size_t chars = 0;
    for (size_t i = 0; i < NRECORD_TEXTS; i++)
        chars +=
            text_size((const plan_text *)((const char *)r + record_texts[i]));
    for (size_t i = 0; i < r->nvalues; i++)
        chars += text_size(&r->values[i].name);
    for (size_t i = 0; i < r->nevidence; i++)
        chars += text_size(&r->evidence[i]);
    return aligned(sizeof *r) + aligned(r->nvalues * sizeof *r->values) +
           aligned(r->nevidence * sizeof *r->evidence) + chars;
}

progress_record *progress_record_copy_to(void *block, const progress_record *r)
{
    progress_record *c = block;
    char *next = (char *)block + aligned(sizeof *r);
    *c = *r;
    c->at = NULL;
    c->values = r->nvalues ? (progress_value *)next : NULL;
    next += aligned(r->nvalues * sizeof *r->values);
    c->evidence = r->nevidence ? (plan_text *)next : NULL;
    next += aligned(r->nevidence * sizeof *r->evidence);
    for (size_t i = 0; i < NRECORD_TEXTS; i++) {
        plan_text *t = (plan_text *)((char *)c + record_texts[i]);
        *t = copy_text(t, &next);
    }
    for (size_t i = 0; i < r->nvalues; i++) {
        c->values[i] = r->values[i];
        c->values[i].name = copy_text(&r->values[i].name, &next);
        c->values[i].member = NULL;
    }
    for (size_t i = 0; i < r->nevidence; i++)
        c->evidence[i] = copy_text(&r->evidence[i], &next);
    return c;
}

progress_record *progress_record_copy(arena *a, const progress_record *r)
{
    return progress_record_copy_to(arena_alloc(a, progress_record_copy_size(r)),
                                   r);
}
