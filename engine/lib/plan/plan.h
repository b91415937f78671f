/* plan.h - the plan model: what a plan file says, as C structs.
 *
 * Built from a loaded document (node tree) after schema validation. Every
 * value keeps the node it came from, so later checks point at the exact
 * spot. Defaults are resolved here: an activity without its own lead,
 * partners or time takes them from the nearest section that gives them in
 * "defaults", then from the plan's "defaults"; the model records which
 * values were inherited. The builder is tolerant: values of the wrong
 * shape (already reported by the schema) are left out, never guessed, so
 * meaning checks can still run on the rest of the document. Everything is
 * allocated in the document's arena. */
#ifndef KEHOACH_PLAN_H
#define KEHOACH_PLAN_H

#include "arena.h"
#include "node.h"
#include "when.h"

#include <stdbool.h>
#include <stddef.h>

/* A piece of text with the node it was read from. */
typedef struct plan_text {
    const char *s; /* NULL when absent */
    const node *at;
} plan_text;

/* Unit names as written: one string or a list. */
typedef struct plan_units {
    plan_text *items;
    size_t count;
    const node *at; /* the "lead:" or "partners:" value */
} plan_units;

typedef struct plan_target {
    plan_text name, unit;
    double value;
    const node *at;
} plan_target;

typedef struct plan_section plan_section;

typedef struct plan_activity {
    plan_text id, title, output, assignment;
    plan_units lead, partners; /* effective, after inheritance */
    plan_text time;            /* effective, after inheritance: .at
                                           is the phrase or the structured
                                           form, .s the words as printed */
    bool lead_inherited, partners_inherited, time_inherited;
    plan_target *targets;
    size_t ntargets;
    const plan_section *section;
    const node *at;
    when schedule; /* filled by schedule_plan() */
} plan_activity;

typedef struct plan_defaults {
    plan_units lead, partners;
    plan_text time;
    const node *at; /* NULL when not given */
} plan_defaults;

struct plan_section {
    plan_text id, title;
    plan_defaults defaults;
    size_t index; /* its place in plan->all_sections */
    const plan_section *parent;
    plan_section **sections;
    size_t nsections;
    plan_activity **activities;
    size_t nactivities;
    const node *at;
};

typedef struct plan_unit {
    plan_text id, name, parent;
    plan_text *aliases;
    size_t naliases;
    const node *at;
} plan_unit;

typedef struct plan_basis {
    plan_text document, date, issuer, about, plan;
    const node *at;
} plan_basis;

typedef struct plan_report {
    const char *id; /* "BC1", "BC2", ...: its place among the plan's
                       reports, as outputs show it and update takes it */
    plan_units by, to;
    plan_text what, due, when, text;
    const node *every; /* "month", ..., or a list of them */
    int day;           /* due day of the month, 0: not said */
    bool on_request;
    const node *at;
    when schedule; /* filled by schedule_plan(): one
                                           window per report to send */
} plan_report;

typedef struct plan {
    const source *src;
    const node *root;
    plan_text id, number, issuer, place, issued, title;
    int year_from, year_to; /* 0 when not given */
    const node *year_at;    /* "year" or "span" value */
    plan_defaults defaults;
    plan_basis *basis;
    size_t nbasis;
    plan_section **sections; /* top level */
    size_t nsections;
    plan_activity **activities; /* all, in document order */
    size_t nactivities;
    plan_section **all_sections; /* all, in document order */
    size_t nall_sections;
    plan_unit *units;
    size_t nunits;
    plan_report *reports;
    size_t nreports;
    plan_text signer_name, signer_title;
} plan;

/* The text at obj[key]: .s NULL when absent or not a string, .at the node
 * (NULL when absent). */
plan_text plan_text_of(const node *obj, const char *key);

/* The strings of an array node, each with its node (other items are left
 * out); NULL and *count 0 when list is not an array. */
plan_text *plan_texts_of(arena *a, const node *list, size_t *count);

/* Builds the model of a plan document. Never fails: absent or misshapen
 * values are left empty. */
plan *plan_build(arena *a, const source *src, const node *root);

/* True when id has the form of a reporting duty's id: "BC" and a number
 * from 1, without leading zeros. An activity may not take such an id. */
bool plan_is_report_id(const char *id);

/* "the plan's year 2026" or "the plan's years 2026-2030", in the reader's
 * language, into buf (of size size): what a message about a date outside
 * the plan says it is outside of. */
void plan_years_phrase(int from, int to, char *buf, size_t size);

/* Reads a list of units from a registry document ({"units": [...]}) or
 * from a plan's "units"; stores the count in *count. */
plan_unit *plan_read_units(arena *a, const node *list, size_t *count);

#endif
