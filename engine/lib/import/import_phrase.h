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

typedef struct import_strs {
    const char **items;
    size_t count, cap;
} import_strs;

void import_phrase_strs_add(arena *a, import_strs *list, const char *s);

/* True when s starts with the words of ascii (lower-case ASCII, words
 * separated by single spaces) compared without case or diacritics, ending
 * at a word boundary; *after is the byte offset in s after the match. */
bool import_phrase_starts(const char *s, const char *ascii, size_t *after);

/* The first place in s where ascii matches at a word start (see above),
 * or NULL; *match is the length of the match in bytes. */
const char *import_phrase_find(const char *s, const char *ascii, size_t *match);

/* The first place in s[0..n) where any of the keys matches at a word
 * start: one pass over the text, however many keys. *which (when not
 * NULL) is the key's index. */
const char *import_phrase_find_any(const char *s, size_t n,
                                   const char *const *keys, size_t nkeys,
                                   size_t *which, size_t *match);

/* Whether s opens with a letter in capitals, or in small letters. */
bool import_phrase_starts_upper(const char *s);
bool import_phrase_starts_lower(const char *s);

/* The offset of the word after the one at s[i]: past its letters, then
 * past what stands between words; strlen(s) at the end. */
size_t import_phrase_next_word(const char *s, size_t i);

/* The words of s[0..n), as runs without a space. */
size_t import_phrase_word_count(const char *s, size_t n);

/* s[0..n) without spaces and trailing ". , ;" (copied into a). */
char *import_phrase_trim(arena *a, const char *s, size_t n);

/* --- field labels ----------------------------------------------------- */

typedef enum import_field {
    IMPORT_FIELD_NONE,
    IMPORT_FIELD_LEAD, /* Đơn vị thực hiện / Chủ trì / Cơ quan thực hiện */
    IMPORT_FIELD_PARTNERS, /* Đơn vị phối hợp / Phối hợp */
    IMPORT_FIELD_TIME, /* Thời gian thực hiện / Thời hạn / Tiến độ */
    IMPORT_FIELD_OUTPUT, /* Kết quả đầu ra / Kết quả / Sản phẩm */
    IMPORT_FIELD_TITLE,  /* a table's "Nội dung" column */
    IMPORT_FIELD_NUMBER, /* a table's "STT" column */
} import_field;

/* The field a "Label: value" paragraph gives, and the offset of its value
 * in *value; IMPORT_FIELD_NONE when s opens with no known label. */
import_field import_phrase_label(const char *s, size_t *value);

/* The field a table's header cell names. */
import_field import_phrase_column(const char *cell);

/* --- units ------------------------------------------------------------ */

/* True when s opens, with a capital, with a word the name of a unit opens
 * with: "Sở", "Trung tâm", "Ủy ban", "Bộ", "Hội", "Các cơ quan", ... */
bool import_phrase_opens_unit(const char *s);

/* Splits a list of units: at "; " when there are any, else at ", " (not
 * before the kinds of places of a list, "các huyện, thị xã"), and at " và "
 * before another unit; a
 * closing generic phrase ("... và các cơ quan, tổ chức có liên quan") is
 * one item. Names that hold a comma and were seen whole in a "; " list
 * (kept in known) are not split. */
void import_phrase_units_split(arena *a, const char *s, import_strs *out,
                               import_strs *known);

/* Lead and partners named in one sentence: "A; B phối hợp C, D tham mưu
 * ... thực hiện" or "A chủ trì, phối hợp với C ...". */
bool import_phrase_assignment(arena *a, const char *s, import_strs *lead,
                              import_strs *partners);

/* The unit a paragraph of "Tổ chức thực hiện" is about: "Văn phòng: ...",
 * "Giao Sở Tư pháp chủ trì ...", "A, B có trách nhiệm ...", or a point
 * that is only a unit's name. */
bool import_phrase_subject(arena *a, const char *s, import_strs *out);

/* --- legal basis ------------------------------------------------------ */

typedef struct import_basis {
    const char *document; /* "Quyết định số 3674/QĐ-BTP" */
    const char *date;     /* "2025-12-25" or NULL */
    const char *issuer;   /* spelled out, or NULL */
    const char *about;    /* "về việc ...", or NULL */
} import_basis;

/* Appends to *out (*count of them, room for *cap) every document s cites
 * ("Quyết định số ... ngày ... của ... về ..."; "Luật ... ngày ...").
 * place completes a bare "tỉnh". */
void import_phrase_citations(arena *a, const char *s, const char *place,
                             import_basis **out, size_t *count, size_t *cap);

/* --- reporting duties ------------------------------------------------- */

typedef struct import_duty {
    const char *text; /* the sentence, from where the duty starts */
    const char *what, *when, *due;
    const char *every; /* "month" or "year" with day, when when names them */
    int day;           /* the day of the period's last month, or 0 */
    import_strs by, to;
    bool periodic_default; /* names no period: Decree 09/2019's apply */
    bool on_request;
} import_duty;

/* Appends to *out (*count of them, room for *cap) the duties a paragraph
 * states ("... báo cáo Bộ Tư pháp về kết quả thực hiện trước ngày
 * 30/10/2026"), and returns how many: one a clause, and one more "hoặc
 * báo cáo đột xuất theo yêu cầu của ..."; a paragraph whose clauses
 * charge several units ("A báo cáo ... về B; B tổng hợp, báo cáo C ...")
 * has a duty for each. The unit that reports is the one its clause opens
 * with, else the one an earlier clause opened with, else by (NULL: none). */
size_t import_phrase_duties(arena *a, const char *s, const import_strs *by,
                            import_duty **out, size_t *count, size_t *cap);

#endif
