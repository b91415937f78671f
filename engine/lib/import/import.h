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

typedef struct import_note {
    unsigned line;    /* where the text came from (0: none) */
    const char *text; /* what the officer should check */
} import_note;

typedef struct import_notes {
    import_note *items;
    size_t count, cap;
} import_notes;

typedef struct import_activity {
    const char *id, *title;
    import_strs description;
    import_strs lead, partners;
    const char *assignment; /* lead and partners as one sentence */
    const char *time;       /* verbatim; lines joined with '\n' */
    const char *output;
    import_notes notes;
    import_notes time_notes; /* on its time: written just before it */
    unsigned line;
} import_activity;

typedef struct import_section {
    const char *id, *title;
    import_strs description;
    import_strs lead, partners; /* defaults for its activities */
    const char *time;
    struct import_section *sections;
    size_t nsections, sections_cap;
    import_activity *activities;
    size_t nactivities, activities_cap;
    import_notes notes;
    unsigned line;
} import_section;

/* Where a note goes in the output. */
typedef enum import_slot {
    IMPORT_SLOT_HEADER,
    IMPORT_SLOT_PURPOSES,
    IMPORT_SLOT_DEFAULTS,
    IMPORT_SLOT_SECTIONS,
    IMPORT_SLOT_ORGANISATION,
    IMPORT_SLOT_REPORTS,
    IMPORT_SLOT_END,
    IMPORT_SLOT_COUNT,
} import_slot;

typedef struct import_plan {
    const char *id, *number, *issuer, *place, *issued, *title;
    int year;               /* 0 for a multi-year plan */
    int span_from, span_to; /* the years of a multi-year plan, or 0 */
    import_strs preamble, purposes, requirements, budget, organisation,
        recipients;
    import_basis *basis;
    size_t nbasis, basis_cap;
    const char *content_title;
    import_strs default_lead, default_partners;
    const char *default_time;
    import_section *sections;
    size_t nsections, sections_cap;
    import_duty *reports;
    size_t nreports, reports_cap;
    const char *closing;
    import_strs signer_authority;
    const char *signer_title, *signer_name;
    import_notes notes[IMPORT_SLOT_COUNT];
    const char *schema_ref; /* where the draft's schema is, from where it
                               is written (schemaref.h); NULL: no line */
    size_t activities;      /* counts, for the summary */
    size_t review;          /* notes written for review */
} import_plan;

/* Reads the plan in doc. id: the plan's id (already valid). Every note is
 * also added to warnings as a warning at its line of src. */
void import_plan_read(arena *a, const import_doc *doc, const char *id,
                      import_plan *out, diag_sink *warnings, const source *src);

/* Writes the plan as YAML for plans/ (the "$schema" line first, when
 * p->schema_ref says where the schema is), with the notes as "# REVIEW:"
 * comments. */
void import_plan_yaml(const import_plan *p, strbuf *out);

/* Appends a review comment, "# REVIEW (line N): text" (without the line
 * when line is 0; the words but "# REVIEW" in the reader's language), indented by ind spaces and ended by eol ("\n", or the
 * line break of the file it goes into); line breaks and control
 * characters in text become spaces, so the comment is one line. */
void import_review(strbuf *out, int ind, unsigned line, const char *text,
                   const char *eol);

/* Appends text as comment lines, "# " and a line of text ended by eol for
 * each of its lines ('\n' between them), at the start of a line; other
 * line breaks and control characters become spaces. */
void import_comment(strbuf *out, const char *text, const char *eol);

/* A plan id made from a file name: "Kế hoạch 2026.txt" -> "ke-hoach-2026";
 * "ke-hoach" when nothing usable is left. */
char *import_plan_id(arena *a, const char *name);

/* True when id has the form of a plan's id: lower-case letters, digits and
 * single hyphens inside, as in hai-phong-nkt-2026. */
bool import_plan_id_valid(const char *id);

#endif
