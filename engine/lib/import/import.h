/* import.h - a plan drafted from the text of an existing document.
 *
 * `kehoach import` reads the text of a plan (Word or PDF export, Markdown)
 * and writes a plan file: import_text.c makes paragraphs, import_phrase.c
 * reads sentences, this module finds the document's parts (header, purposes
 * and requirements, content, budget, organisation, recipients, signer) and
 * its sections and activities, and import_yaml.c writes the result. Text
 * that fits nowhere is never dropped: it becomes a note at the place it
 * came from, written into the output as a "# REVIEW:" comment and reported
 * as a warning with its line. */
#ifndef KEHOACH_IMPORT_H
#define KEHOACH_IMPORT_H

#include "arena.h"
#include "diag.h"
#include "import_phrase.h"
#include "import_text.h"
#include "source.h"
#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct imp_note {
    unsigned line;          /* where the text came from (0: none) */
    const char *text;       /* what the officer should check */
} imp_note;

typedef struct imp_notes {
    imp_note *items;
    size_t count, cap;
} imp_notes;

typedef struct imp_activity {
    const char *id, *title;
    imp_strs description;
    imp_strs lead, partners;
    const char *assignment;     /* lead and partners as one sentence */
    const char *time;           /* verbatim; lines joined with '\n' */
    const char *output;
    imp_notes notes;
    unsigned line;
} imp_activity;

typedef struct imp_section {
    const char *id, *title;
    imp_strs description;
    imp_strs lead, partners;    /* defaults for its activities */
    const char *time;
    struct imp_section *sections;
    size_t nsections, sections_cap;
    imp_activity *activities;
    size_t nactivities, activities_cap;
    imp_notes notes;
    unsigned line;
} imp_section;

/* Where a note goes in the output. */
typedef enum imp_slot {
    IMP_SLOT_HEADER,
    IMP_SLOT_PURPOSES,
    IMP_SLOT_DEFAULTS,
    IMP_SLOT_SECTIONS,
    IMP_SLOT_ORGANISATION,
    IMP_SLOT_REPORTS,
    IMP_SLOT_END,
    IMP_SLOT_COUNT,
} imp_slot;

typedef struct imp_plan {
    const char *id, *number, *issuer, *place, *issued, *title;
    int year;
    imp_strs preamble, purposes, requirements, budget, organisation, recipients;
    imp_basis *basis;
    size_t nbasis, basis_cap;
    const char *content_title;
    imp_strs default_lead, default_partners;
    const char *default_time;
    imp_section *sections;
    size_t nsections, sections_cap;
    imp_duty *reports;
    size_t nreports, reports_cap;
    const char *closing;
    imp_strs signer_authority;
    const char *signer_title, *signer_name;
    imp_notes notes[IMP_SLOT_COUNT];
    size_t activities;          /* counts, for the summary */
    size_t review;              /* notes written for review */
} imp_plan;

/* Reads the plan in doc. id: the plan's id (already valid). Every note is
 * also added to warnings as a warning at its line of src. */
void imp_plan_read(arena *a, const imp_doc *doc, const char *id, imp_plan *out,
                   diag_sink *warnings, const source *src);

/* Writes the plan as YAML for plans/ (the "$schema" line first), with the
 * notes as "# REVIEW:" comments. */
void imp_plan_yaml(const imp_plan *p, strbuf *out);

/* A plan id made from a file name: "Kế hoạch 2026.txt" -> "ke-hoach-2026";
 * "ke-hoach" when nothing usable is left. */
char *imp_plan_id(arena *a, const char *name);

/* True when id has the form of a plan's id: lower-case letters, digits and
 * single hyphens inside, as in hai-phong-nkt-2026. */
bool imp_plan_id_valid(const char *id);

#endif
