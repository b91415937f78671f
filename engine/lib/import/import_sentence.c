/* import_sentence.c - the lead, partners and time an activity's own text
 * states.
 *
 * Words are matched as import_phrase matches them (without case or
 * diacritics, at word starts). A sentence is read with three small
 * grammars: a unit's name runs until the first verb written in lower case
 * (names are capitalised, "Phòng Phổ biến, giáo dục pháp luật" holds no
 * lower-case verb); a list of partners runs from "phối hợp với" to the
 * next verb, ';', '.' or '('; a time starts at a time word ("Quý II",
 * "tháng 7", "năm 2024", "thường xuyên", "hằng quý", "trước ngày 5") that
 * follows "trong", "vào", a verb of doing or the start of a clause, and
 * runs to the end of its clause. */
#include "import_sentence.h"

#include <string.h>

/* Verbs an activity opens with, and that end a unit's name. */
static const char *const verbs[] = {
    "thuc hien",  "to chuc",   "xay dung",       "ra soat",
    "trien khai", "tiep tuc",  "phoi hop",       "tang cuong",
    "cung cap",   "bien soan", "tuyen truyen",   "theo doi",
    "kiem tra",   "day manh",  "nang cao",       "huong dan",
    "long ghep",  "pho bien",  "chi dao",        "tham muu",
    "duy tri",    "boi duong", "tap huan",       "khao sat",
    "danh gia",   "so ket",    "tong ket",       "ban hanh",
    "nghien cuu", "cap nhat",  "truyen thong",   "ho tro",
    "giai quyet", "cu",        "niem yet",       "thong bao",
    "tong hop",   "bao cao",   "gioi thieu",     "bo tri",
    "lap",        "in",        "phat hanh",      "tham gia",
    "tiep nhan",  "chu tri",   "co trach nhiem", "phat",
    "gui",        "dang tai",  "xuat ban",       "lap dat",
    "tu van",     "giai dap",  "ky ket",
};

static bool starts_any(const char *s, const char *const *keys, size_t n,
                       size_t *after)
{
    for (size_t i = 0; i < n; i++)
        if (import_phrase_starts(s, keys[i], after))
            return true;
    return false;
}

#define COUNT(x) (sizeof(x) / sizeof(x)[0])

bool import_sentence_starts_with_verb(const char *s)
{
    size_t after;
    return starts_any(s, verbs, COUNT(verbs), &after);
}

/* A lower-case verb at a word start of s[from..): its offset, or the
 * offset of the first ';', '.' closing a sentence or '(' before it;
 * strlen(s) when there is none. */
static size_t name_end(const char *s, size_t from)
{
    size_t n = strlen(s);
    for (size_t i = from; i < n;) {
        char c = s[i];
        if (c == ';' || c == '(' ||
            (c == '.' && (s[i + 1] == ' ' || s[i + 1] == '\0')))
            return i;
        size_t after;
        if (import_phrase_starts_lower(s + i) && (i == 0 || s[i - 1] == ' ') &&
            starts_any(s + i, verbs, COUNT(verbs), &after))
            return i;
        i++;
    }
    return n;
}

/* --- labels ---------------------------------------------------------- */

size_t import_sentence_labels(const char *s, import_labelled *out, size_t max)
{
    size_t value, count = 0, at = 0, n = strlen(s);
    import_field f = import_phrase_label(s, &value);
    while (f != IMPORT_FIELD_NONE && count < max) {
        size_t from = at + value, end = n, next_value = 0;
        import_field next = IMPORT_FIELD_NONE;
        for (const char *semi = strchr(s + from, ';'); semi;
             semi = strchr(semi + 1, ';')) {
            const char *t = semi + 1;
            while (*t == ' ')
                t++;
            next = import_phrase_label(t, &next_value);
            if (next != IMPORT_FIELD_NONE) {
                end = (size_t)(semi - s);
                at = (size_t)(t - s);
                break;
            }
        }
        out[count++] = (import_labelled){f, from, end};
        f = end < n ? next : IMPORT_FIELD_NONE;
        value = next_value;
    }
    return count;
}

size_t import_sentence_bracket(const char *s)
{
    size_t n = strlen(s), m = n;
    while (m && (s[m - 1] == ' ' || s[m - 1] == '.' || s[m - 1] == ';'))
        m--;
    if (!m || s[m - 1] != ')')
        return n;
    /* the '(' that opens the closing bracket */
    int depth = 0;
    for (size_t i = m; i-- > 0;) {
        if (s[i] == ')')
            depth++;
        else if (s[i] == '(' && --depth == 0) {
            size_t value;
            const char *inner = s + i + 1;
            while (*inner == ' ')
                inner++;
            return import_phrase_label(inner, &value) != IMPORT_FIELD_NONE ? i
                                                                           : n;
        }
    }
    return n;
}

/* --- time -------------------------------------------------------------- */

static bool roman_at(const char *s)
{
    return *s == 'I' || *s == 'V' || *s == 'X';
}

static bool digit_at(const char *s)
{
    return *s >= '0' && *s <= '9';
}

static const char *skip_spaces(const char *s)
{
    while (*s == ' ')
        s++;
    return s;
}

/* True when a time phrase starts at s; strong: it needs no word before it
 * to be read as a time ("trước ngày 30/6", "từ tháng 4"). */
static bool time_at(const char *s, bool *strong)
{
    size_t after;
    *strong = false;
    static const char *const words[] = {"thuong xuyen", "hang nam",  "hang quy",
                                        "hang thang",   "hang tuan", "dinh ky"};
    if (starts_any(s, words, COUNT(words), &after))
        return true;
    if (import_phrase_starts(s, "quy", &after))
        return roman_at(skip_spaces(s + after));
    if (import_phrase_starts(s, "thang", &after) ||
        import_phrase_starts(s, "ngay", &after))
        return digit_at(skip_spaces(s + after));
    if (import_phrase_starts(s, "nam", &after)) {
        const char *y = skip_spaces(s + after);
        return digit_at(y) && digit_at(y + 1) && digit_at(y + 2) &&
               digit_at(y + 3);
    }
    static const char *const firm[] = {"truoc ngay", "tu ngay", "tu thang",
                                       "tu quy", "tu nam"};
    if (starts_any(s, firm, COUNT(firm), &after) &&
        (digit_at(skip_spaces(s + after)) ||
         roman_at(skip_spaces(s + after)))) {
        *strong = true;
        return true;
    }
    return false;
}

/* Where the time clause starting at s[from] ends: at ';', '(', a '.'
 * closing the sentence, or ", " followed by words that are no time. */
static size_t time_end(const char *s, size_t from)
{
    size_t n = strlen(s);
    for (size_t i = from; i < n; i++) {
        char c = s[i];
        if (c == ';' || c == '(' ||
            (c == '.' && (s[i + 1] == ' ' || s[i + 1] == '\0')))
            return i;
        bool strong;
        if (c == ',' && s[i + 1] == ' ' && !time_at(s + i + 2, &strong))
            return i;
    }
    return n;
}

/* The offset of the sentence's time clause, or strlen(s). */
static size_t time_start(const char *s)
{
    static const char *const lead_in[] = {"thuc hien", "hoan thanh",
                                          "trien khai", "trong", "vao"};
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i = import_phrase_next_word(s, i)) {
        bool strong;
        if (time_at(s + i, &strong) && strong)
            return i;
        bool clause =
            i >= 2 && (s[i - 2] == ',' || s[i - 2] == ';') && s[i - 1] == ' ';
        if (clause && time_at(s + i, &strong))
            return i;
        size_t after;
        if (!starts_any(s + i, lead_in, COUNT(lead_in), &after))
            continue;
        const char *t = skip_spaces(s + i + after);
        size_t more;
        if (import_phrase_starts(t, "trong", &more) ||
            import_phrase_starts(t, "vao", &more))
            t = skip_spaces(t + more);
        if (time_at(t, &strong))
            return (size_t)(t - s);
    }
    return n;
}

/* --- units -------------------------------------------------------------- */

/* The partners "phối hợp với" names in s[from..), or NULL. */
static const char *partners_in(arena *a, const char *s, size_t from)
{
    size_t match;
    const char *with = import_phrase_find(s + from, "phoi hop voi", &match);
    if (!with)
        return NULL;
    size_t start = (size_t)(with - s) + match;
    size_t end = name_end(s, start);
    char *text = import_phrase_trim(a, s + start, end - start);
    return *text ? text : NULL;
}

void import_sentence_read(arena *a, const char *s, import_sentence *out)
{
    memset(out, 0, sizeof *out);
    /* "Giao A chủ trì ...": the units after the word that assigns them */
    size_t after;
    if (import_phrase_starts(s, "giao", &after) && s[after] == ' ')
        s += after + 1;
    size_t n = strlen(s), rest = 0;
    if (import_phrase_starts_upper(s)) {
        size_t match;
        const char *chu = import_phrase_find(s, "chu tri", &match);
        size_t verb = name_end(s, import_phrase_next_word(s, 0));
        if (chu && chu > s && (size_t)(chu - s) <= verb &&
            import_phrase_word_count(s, (size_t)(chu - s)) <= 15) {
            out->lead = import_phrase_trim(a, s, (size_t)(chu - s));
            rest = (size_t)(chu - s) + match;
        } else if (import_phrase_opens_unit(s) && verb < n && s[verb] != ';' &&
                   s[verb] != '(' && s[verb] != '.' &&
                   import_phrase_word_count(s, verb) <= 15) {
            out->lead = import_phrase_trim(a, s, verb);
            out->subject = true;
            rest = verb;
        }
        if (out->lead && !*out->lead)
            out->lead = NULL;
    }
    out->partners = partners_in(a, s, rest);
    size_t t = time_start(s);
    if (t < n) {
        size_t end = time_end(s, t);
        char *time = import_phrase_trim(a, s + t, end - t);
        if (*time)
            out->time = time;
    }
}
