/* import_phrase.h - the sentences of a plan: labels, units, citations, duties.
 *
 * The second stage of `kehoach import`, below the document structure: what
 * one paragraph says. Words are matched the way people write them - with
 * or without diacritics, in any case - by comparing against ASCII keys
 * ("don vi thuc hien"), while every value taken out of a sentence is the
 * plan's own wording, cut at the right place and never rewritten, except
 * the names of issuing bodies in the legal basis, which are spelled out
 * ("UBND tỉnh" -> "Ủy ban nhân dân tỉnh Lạng Sơn") as the schema asks. */
#ifndef KEHOACH_IMPORT_PHRASE_H
#define KEHOACH_IMPORT_PHRASE_H

#include "arena.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct imp_strs {
    const char **items;
    size_t count, cap;
} imp_strs;

void imp_strs_add(arena *a, imp_strs *list, const char *s);

/* True when s starts with the words of ascii (lower-case ASCII, words
 * separated by single spaces) compared without case or diacritics, ending
 * at a word boundary; *after is the byte offset in s after the match. */
bool imp_phrase_starts(const char *s, const char *ascii, size_t *after);

/* The first place in s where ascii matches at a word start (see above),
 * or NULL; *match is the length of the match in bytes. */
const char *imp_phrase_find(const char *s, const char *ascii, size_t *match);

/* The first place in s[0..n) where any of the keys matches at a word
 * start: one pass over the text, however many keys. *which (when not
 * NULL) is the key's index. */
const char *imp_phrase_find_any(const char *s, size_t n, const char *const *keys,
                                size_t nkeys, size_t *which, size_t *match);

/* s[0..n) without spaces and trailing ". , ;" (copied into a). */
char *imp_trim(arena *a, const char *s, size_t n);

/* --- field labels ----------------------------------------------------- */

typedef enum imp_field {
    IMP_FIELD_NONE,
    IMP_FIELD_LEAD,       /* Đơn vị thực hiện / Chủ trì / Cơ quan thực hiện */
    IMP_FIELD_PARTNERS,   /* Đơn vị phối hợp / Phối hợp */
    IMP_FIELD_TIME,       /* Thời gian thực hiện / Thời hạn / Tiến độ */
    IMP_FIELD_OUTPUT,     /* Kết quả đầu ra / Kết quả / Sản phẩm */
    IMP_FIELD_TITLE,      /* a table's "Nội dung" column */
    IMP_FIELD_NUMBER,     /* a table's "STT" column */
} imp_field;

/* The field a "Label: value" paragraph gives, and the offset of its value
 * in *value; IMP_FIELD_NONE when s opens with no known label. */
imp_field imp_label(const char *s, size_t *value);

/* The field a table's header cell names. */
imp_field imp_column(const char *cell);

/* --- units ------------------------------------------------------------ */

/* Splits a list of units: at "; " when there are any, else at ", ", and a
 * closing generic phrase ("... và các cơ quan, tổ chức có liên quan") is
 * one item. Names that hold a comma and were seen whole in a "; " list
 * (kept in known) are not split. */
void imp_units_split(arena *a, const char *s, imp_strs *out, imp_strs *known);

/* Lead and partners named in one sentence: "A; B phối hợp C, D tham mưu
 * ... thực hiện" or "A chủ trì, phối hợp với C ...". */
bool imp_assignment(arena *a, const char *s, imp_strs *lead, imp_strs *partners);

/* The unit a paragraph of "Tổ chức thực hiện" is about: "Văn phòng: ...",
 * "Giao Sở Tư pháp chủ trì ...", "A, B có trách nhiệm ...", or a point
 * that is only a unit's name. */
bool imp_subject(arena *a, const char *s, imp_strs *out);

/* --- legal basis ------------------------------------------------------ */

typedef struct imp_basis {
    const char *document;   /* "Quyết định số 3674/QĐ-BTP" */
    const char *date;       /* "2025-12-25" or NULL */
    const char *issuer;     /* spelled out, or NULL */
    const char *about;      /* "về việc ...", or NULL */
} imp_basis;

/* Appends to *out (*count of them, room for *cap) every document s cites
 * ("Quyết định số ... ngày ... của ... về ..."; "Luật ... ngày ...").
 * place completes a bare "tỉnh". */
void imp_citations(arena *a, const char *s, const char *place, imp_basis **out,
                   size_t *count, size_t *cap);

/* --- reporting duties ------------------------------------------------- */

typedef struct imp_duty {
    const char *text;       /* the sentence, from where the duty starts */
    const char *what, *when, *due;
    imp_strs by, to;
    bool periodic_default;  /* names no period: Decree 09/2019's apply */
    bool on_request;
} imp_duty;

/* The duties a paragraph states ("... báo cáo Bộ Tư pháp về kết quả thực
 * hiện trước ngày 30/10/2026"); at most 2 (a periodic one and one "đột
 * xuất theo yêu cầu của ..."). by: the unit that reports, or NULL. */
size_t imp_duties(arena *a, const char *s, const imp_strs *by, imp_duty out[2]);

#endif
