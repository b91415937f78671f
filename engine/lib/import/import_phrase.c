/* import_phrase.c - what one paragraph of a plan says.
 *
 * Matching folds each code point on the fly (case, diacritics, đ -> d)
 * and compares it with an ASCII key, so positions found are byte offsets
 * into the original text and values are cut from it unchanged. */
#include "import_phrase.h"

#include "date.h"
#include "strbuf.h"
#include "utf8.h"
#include "vntext.h"
#include "when.h"

#include <string.h>
#include <utf8proc.h>

void import_phrase_strs_add(arena *a, import_strs *list, const char *s)
{
    ARENA_ROOM(a, list->items, list->count, list->cap, 4);
    list->items[list->count++] = s;
}

/* The ASCII character a code point folds to first (0 when it is none):
 * the first byte of its fold. */
static char fold_cp(int32_t cp)
{
    char folded[VNTEXT_CP_FOLD_MAX];
    size_t n = vntext_fold_ascii_cp(cp, folded);
    return n && (unsigned char)folded[0] < 0x80 ? folded[0] : 0;
}

static bool is_letter_cp(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           c == UTF8PROC_CATEGORY_ND ||
           (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME);
}

/* One code point of a NUL-terminated string, without measuring the rest
 * of it (0: invalid or at the end). */
static size_t decode(const char *s, int32_t *cp)
{
    return utf8_decode(s, strnlen(s, 4), cp);
}

bool import_phrase_starts(const char *s, const char *ascii, size_t *after)
{
    size_t i = 0;
    const char *k = ascii;
    while (*k) {
        if (*k == ' ') {
            if (s[i] != ' ')
                return false;
            while (s[i] == ' ')
                i++;
            k++;
            continue;
        }
        int32_t cp;
        size_t len = decode(s + i, &cp);
        if (len == 0 || fold_cp(cp) != *k)
            return false;
        i += len;
        k++;
        /* combining marks after the letter belong to it */
        size_t m;
        while ((m = decode(s + i, &cp)) &&
               utf8proc_category(cp) == UTF8PROC_CATEGORY_MN)
            i += m;
    }
    char lastk = ascii[strlen(ascii) - 1];
    bool word_end =
        (lastk >= 'a' && lastk <= 'z') || (lastk >= '0' && lastk <= '9');
    int32_t cp;
    if (word_end && decode(s + i, &cp) && is_letter_cp(cp))
        return false;
    *after = i;
    return true;
}

const char *import_phrase_find_any(const char *s, size_t n,
                                   const char *const *keys, size_t nkeys,
                                   size_t *which, size_t *match)
{
    bool boundary = true;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t len = decode(s + i, &cp);
        if (len == 0) {
            i++;
            boundary = true;
            continue;
        }
        if (boundary) {
            char first = fold_cp(cp);
            for (size_t k = 0; k < nkeys; k++) {
                size_t after;
                if (keys[k][0] == first &&
                    import_phrase_starts(s + i, keys[k], &after)) {
                    if (which)
                        *which = k;
                    *match = after;
                    return s + i;
                }
            }
        }
        boundary = !is_letter_cp(cp);
        i += len;
    }
    return NULL;
}

const char *import_phrase_find(const char *s, const char *ascii, size_t *match)
{
    return import_phrase_find_any(s, strlen(s), &ascii, 1, NULL, match);
}

char *import_phrase_trim(arena *a, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == ',' || *s == ';')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '.' || s[n - 1] == ',' ||
                 s[n - 1] == ';'))
        n--;
    return arena_strndup(a, s, n);
}

/* s with its first letter in capitals (copied into a). */
static char *capitalise(arena *a, const char *s)
{
    int32_t cp;
    size_t n = strlen(s);
    size_t len = utf8_decode(s, n, &cp);
    if (len == 0)
        return arena_strdup(a, s);
    char enc[4];
    size_t m = utf8_encode(utf8proc_toupper(cp), enc);
    if (m == 0)
        return arena_strdup(a, s);
    strbuf sb = STRBUF_INIT;
    strbuf_add(&sb, enc, m);
    strbuf_puts(&sb, s + len);
    char *out = arena_strdup(a, strbuf_str(&sb));
    strbuf_release(&sb);
    return out;
}

/* --- labels ------------------------------------------------------------ */

static const struct {
    const char *key;
    import_field field;
} labels[] = {
    {"don vi chu tri thuc hien", IMPORT_FIELD_LEAD},
    {"don vi thuc hien chinh", IMPORT_FIELD_LEAD},
    {"co quan chu tri thuc hien", IMPORT_FIELD_LEAD},
    {"don vi thuc hien", IMPORT_FIELD_LEAD},
    {"don vi chu tri", IMPORT_FIELD_LEAD},
    {"co quan thuc hien", IMPORT_FIELD_LEAD},
    {"co quan chu tri", IMPORT_FIELD_LEAD},
    {"chu tri thuc hien", IMPORT_FIELD_LEAD},
    {"chu tri", IMPORT_FIELD_LEAD},
    {"don vi chiu trach nhiem", IMPORT_FIELD_LEAD},
    {"trach nhiem thuc hien", IMPORT_FIELD_LEAD},
    {"don vi phoi hop thuc hien", IMPORT_FIELD_PARTNERS},
    {"don vi cung thuc hien", IMPORT_FIELD_PARTNERS},
    {"don vi tham gia", IMPORT_FIELD_PARTNERS},
    {"co quan tham gia", IMPORT_FIELD_PARTNERS},
    {"co quan phoi hop thuc hien", IMPORT_FIELD_PARTNERS},
    {"don vi phoi hop", IMPORT_FIELD_PARTNERS},
    {"co quan phoi hop", IMPORT_FIELD_PARTNERS},
    {"phoi hop thuc hien", IMPORT_FIELD_PARTNERS},
    {"phoi hop", IMPORT_FIELD_PARTNERS},
    {"thoi gian thuc hien", IMPORT_FIELD_TIME},
    {"thoi diem thuc hien", IMPORT_FIELD_TIME},
    {"thoi diem", IMPORT_FIELD_TIME},
    {"thoi gian hoan thanh", IMPORT_FIELD_TIME},
    {"thoi han hoan thanh", IMPORT_FIELD_TIME},
    {"thoi gian", IMPORT_FIELD_TIME},
    {"thoi han", IMPORT_FIELD_TIME},
    {"tien do thuc hien", IMPORT_FIELD_TIME},
    {"tien do", IMPORT_FIELD_TIME},
    {"ket qua dau ra", IMPORT_FIELD_OUTPUT},
    {"ket qua du kien", IMPORT_FIELD_OUTPUT},
    {"ket qua can dat", IMPORT_FIELD_OUTPUT},
    {"san pham dau ra", IMPORT_FIELD_OUTPUT},
    {"san pham du kien", IMPORT_FIELD_OUTPUT},
    {"ket qua", IMPORT_FIELD_OUTPUT},
    {"san pham", IMPORT_FIELD_OUTPUT},
};

import_field import_phrase_label(const char *s, size_t *value)
{
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        size_t after;
        if (!import_phrase_starts(s, labels[i].key, &after))
            continue;
        while (s[after] == ' ')
            after++;
        if (s[after] != ':')
            continue;
        after++;
        while (s[after] == ' ')
            after++;
        *value = after;
        return labels[i].field;
    }
    return IMPORT_FIELD_NONE;
}

import_field import_phrase_column(const char *cell)
{
    static const struct {
        const char *key;
        import_field field;
    } columns[] = {
        {"stt", IMPORT_FIELD_NUMBER},
        {"tt", IMPORT_FIELD_NUMBER},
        {"so tt", IMPORT_FIELD_NUMBER},
        {"noi dung", IMPORT_FIELD_TITLE},
        {"nhiem vu", IMPORT_FIELD_TITLE},
        {"hoat dong", IMPORT_FIELD_TITLE},
        {"ten hoat dong", IMPORT_FIELD_TITLE},
    };
    size_t after;
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
        if (import_phrase_starts(cell, columns[i].key, &after) &&
            strlen(cell + after) < 40)
            return columns[i].field;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (import_phrase_starts(cell, labels[i].key, &after))
            return labels[i].field;
    return IMPORT_FIELD_NONE;
}

/* --- units --------------------------------------------------------------- */

bool import_phrase_starts_upper(const char *s)
{
    int32_t cp;
    return decode(s, &cp) && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

bool import_phrase_starts_lower(const char *s)
{
    int32_t cp;
    return decode(s, &cp) && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

size_t import_phrase_next_word(const char *s, size_t i)
{
    int32_t cp;
    size_t len;
    while (s[i] && (len = decode(s + i, &cp)) && is_letter_cp(cp))
        i += len;
    while (s[i]) {
        len = decode(s + i, &cp);
        if (len && is_letter_cp(cp))
            break;
        i += len ? len : 1;
    }
    return i;
}

/* Where a closing generic phrase starts ("các cơ quan, tổ chức ... có liên
 * quan" at the end of s), or NULL. *sep_len: bytes of the ", " or " và "
 * before it. */
static const char *generic_tail(const char *s, size_t n, size_t *sep_len)
{
    size_t m = n;
    while (m && (s[m - 1] == ' ' || s[m - 1] == '.'))
        m--;
    static const char tail[] = "liên quan";
    size_t tl = sizeof tail - 1;
    if (m < tl || memcmp(s + m - tl, tail, tl) != 0)
        return NULL;
    /* the phrase holds no ';' */
    size_t from = 0;
    for (size_t i = 0; i < m; i++)
        if (s[i] == ';')
            from = i + 1;
    const char *best = NULL;
    *sep_len = 0;
    for (size_t i = from; i + 5 <= m; i++) {
        bool at_start = i == 0;
        size_t sep = 0;
        if (!at_start) {
            if (i >= 2 && s[i - 1] == ' ' && s[i - 2] == ',')
                sep = 2;
            if (i >= 5 && memcmp(s + i - 5, " v\xC3\xA0 ", 5) == 0)
                sep = 5;
            if (!sep)
                continue;
        }
        if (memcmp(s + i, "các ", 5) != 0 && memcmp(s + i, "Các ", 5) != 0)
            continue;
        best = s + i;
        *sep_len = sep;
    }
    return best;
}

static bool known_has(const import_strs *known, const char *s, size_t n)
{
    for (size_t i = 0; known && i < known->count; i++)
        if (strlen(known->items[i]) == n && memcmp(known->items[i], s, n) == 0)
            return true;
    return false;
}

static bool contains_known(const import_strs *known, const char *s, size_t n)
{
    for (size_t i = 0; known && i < known->count; i++) {
        size_t k = strlen(known->items[i]);
        for (size_t j = 0; k < n && j + k <= n; j++)
            if (memcmp(s + j, known->items[i], k) == 0)
                return true;
    }
    return false;
}

bool import_phrase_opens_unit(const char *s)
{
    static const char *const heads[] = {
        "trung tam", "phong",       "van phong",  "so",        "cong an",
        "toa an",    "vien",        "uy ban",     "ubnd",      "hoi",
        "dai",       "chi nhanh",   "cuc",        "vu",        "bo",
        "bao",       "hoc vien",    "ban",        "don",       "trai",
        "doan",      "mat tran",    "thanh tra",  "lien doan", "tong cuc",
        "quy",       "cac co quan", "cac don vi", "cac phong", "cac so",
    };
    if (!import_phrase_starts_upper(s))
        return false;
    size_t after;
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        if (import_phrase_starts(s, heads[i], &after))
            return true;
    return false;
}

/* True when the words after a ", " go on with the name before it rather
 * than start another: the kinds of places of a list of them ("Ủy ban nhân
 * dân các huyện, thị xã, thành phố"; "các xã, thị trấn") and the name
 * "Phổ biến, giáo dục pháp luật". */
static bool continues_name(const char *s)
{
    static const char *const more[] =
        {"tinh", "thanh pho", "thi xa", "thi tran",          "huyen",
         "quan", "xa",        "phuong", "giao duc phap luat"};
    int32_t cp;
    size_t after;
    if (!decode(s, &cp) || utf8proc_category(cp) != UTF8PROC_CATEGORY_LL)
        return false;
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
        if (import_phrase_starts(s, more[i], &after))
            return true;
    return false;
}

/* Splits s[0..n) at ", ", keeping known names whole. */
static void split_commas(arena *a, const char *s, size_t n, import_strs *out,
                         const import_strs *known, bool heads_only)
{
    static const char and[] = " v\xC3\xA0 "; /* " và " */
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        size_t sep = 0; /* the separator's length; 0 at the end */
        if (i < n) {
            if (s[i] == ',' && i + 1 < n && s[i + 1] == ' ' &&
                (heads_only ? import_phrase_opens_unit(s + i + 2)
                            : !continues_name(s + i + 2)))
                sep = 1;
            else if (i + sizeof and-1 < n &&
                     memcmp(s + i, and, sizeof and-1) == 0 &&
                     import_phrase_opens_unit(s + i + sizeof and-1))
                sep = sizeof and-1;
            else
                continue;
        }
        /* would a known name run across this comma? */
        bool inside = false;
        for (size_t k = 0; i < n && known && k < known->count; k++) {
            size_t kl = strlen(known->items[k]);
            if (kl > i - start && start + kl <= n &&
                memcmp(s + start, known->items[k], kl) == 0) {
                inside = true;
                i = start + kl - 1;
                break;
            }
        }
        if (inside)
            continue;
        char *item = import_phrase_trim(a, s + start, i - start);
        if (*item)
            import_phrase_strs_add(a, out, item);
        if (i == n)
            break;
        start = i + sep;
        while (start < n && s[start] == ' ')
            start++;
        i = start - 1;
    }
}

static void split_part(arena *a, const char *s, size_t n, bool in_semicolons,
                       import_strs *out, const import_strs *known)
{
    size_t sep;
    const char *tail = generic_tail(s, n, &sep);
    size_t head = tail ? (size_t)(tail - s) - sep : n;
    if (head) {
        /* in a "; " list a comma is part of a name ("Sở Văn hóa, Thể
         * thao và Du lịch") unless another unit follows it */
        if (!in_semicolons ||
            (contains_known(known, s, head) && !known_has(known, s, head)))
            split_commas(a, s, head, out, known, false);
        else
            split_commas(a, s, head, out, known, true);
    }
    if (tail) {
        char *item = import_phrase_trim(a, tail, n - (size_t)(tail - s));
        if (*item)
            import_phrase_strs_add(a, out, item);
    }
}

/* True when a ", " in s is followed by the name of another unit: s is a
 * list ("Cục Trợ giúp pháp lý, Bộ Tư pháp"), not one name with a comma. */
static bool comma_before_unit(const char *s)
{
    for (const char *c = strstr(s, ", "); c; c = strstr(c + 2, ", "))
        if (import_phrase_opens_unit(c + 2))
            return true;
    return false;
}

void import_phrase_units_split(arena *a, const char *s, import_strs *out,
                               import_strs *known)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '.' || s[n - 1] == ';'))
        n--;
    if (!memchr(s, ';', n)) {
        split_part(a, s, n, false, out, known);
        return;
    }
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != ';')
            continue;
        const char *part = s + start;
        size_t len = i - start;
        while (len && *part == ' ') {
            part++;
            len--;
        }
        char *whole = import_phrase_trim(a, part, len);
        if (strchr(whole, ',') && !comma_before_unit(whole) &&
            !generic_tail(whole, strlen(whole), &(size_t){0}) &&
            !contains_known(known, whole, strlen(whole)))
            import_phrase_strs_add(a, known, whole);
        split_part(a, part, len, true, out, known);
        start = i + 1;
    }
}

/* Where the first of the stop phrases (or a ';') is in s[from..limit):
 * its offset, or limit. */
static size_t first_stop(const char *s, size_t from, size_t limit,
                         const char *const *stops, size_t nstops)
{
    size_t match;
    const char *at = import_phrase_find_any(s + from, limit - from, stops,
                                            nstops, NULL, &match);
    size_t best = at ? (size_t)(at - s) : limit;
    const char *semi = memchr(s + from, ';', best - from);
    return semi ? (size_t)(semi - s) : best;
}

bool import_phrase_assignment(arena *a, const char *s, import_strs *lead,
                              import_strs *partners)
{
    if (!import_phrase_starts_upper(s))
        return false;
    size_t giao; /* "Giao A chủ trì, phối hợp với B": A leads */
    if (import_phrase_starts(s, "giao", &giao) && s[giao] == ' ')
        s += giao + 1;
    size_t end;
    const char *with = import_phrase_find(s, "phoi hop", &end);
    if (!with || with == s)
        return false;
    size_t lead_end = (size_t)(with - s);
    size_t chu_end;
    const char *chu = import_phrase_find(s, "chu tri", &chu_end);
    if (chu && chu < with)
        lead_end = (size_t)(chu - s);
    size_t from = (size_t)(with - s) + end;
    size_t voi;
    if (import_phrase_starts(s + from + (s[from] == ' '), "voi", &voi))
        from += (s[from] == ' ') + voi;
    static const char *const stops[] = {"tham muu", "to chuc thuc hien",
                                        "thuc hien", "trien khai"};
    size_t stop = first_stop(s, from, strlen(s), stops, 4);
    char *lead_text = import_phrase_trim(a, s, lead_end);
    char *partner_text = import_phrase_trim(a, s + from, stop - from);
    if (!*lead_text || !*partner_text || stop == strlen(s))
        return false;
    import_phrase_units_split(a, lead_text, lead, &(import_strs){0});
    import_phrase_units_split(a, partner_text, partners, &(import_strs){0});
    return lead->count && partners->count;
}

size_t import_phrase_word_count(const char *s, size_t n)
{
    size_t words = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        bool sp = s[i] == ' ';
        if (!sp && !in)
            words++;
        in = !sp;
    }
    return words;
}

bool import_phrase_subject(arena *a, const char *s, import_strs *out)
{
    size_t n = strlen(s), end;
    /* "Văn phòng: ..." */
    const char *colon = strchr(s, ':');
    static const char *const verb[] = {"thuc hien"};
    if (colon && import_phrase_word_count(s, (size_t)(colon - s)) <= 10 &&
        import_phrase_starts_upper(s) &&
        !import_phrase_find_any(s, (size_t)(colon - s), verb, 1, NULL, &end)) {
        import_phrase_strs_add(a, out,
                               import_phrase_trim(a, s, (size_t)(colon - s)));
        return true;
    }
    /* "Giao Sở Tư pháp chủ trì ..." */
    size_t after;
    if (import_phrase_starts(s, "giao", &after)) {
        static const char *const stops[] = {"chu tri",   "co trach nhiem",
                                            "thuc hien", "tham muu",
                                            "phoi hop",  "ky ket",
                                            "to chuc"};
        size_t stop = first_stop(s, after, strlen(s), stops, 7);
        const char *comma = strchr(s + after, ',');
        if (comma && (size_t)(comma - s) < stop)
            stop = (size_t)(comma - s);
        char *unit = import_phrase_trim(a, s + after, stop - after);
        if (*unit) {
            import_phrase_strs_add(a, out, unit);
            return true;
        }
    }
    /* "A, B có trách nhiệm ..." */
    const char *duty = import_phrase_find(s, "co trach nhiem", &end);
    if (duty) {
        import_strs parts = {0};
        split_commas(a, s, (size_t)(duty - s), &parts, NULL, false);
        for (size_t i = 0; i < parts.count; i++) {
            size_t x;
            if (!import_phrase_starts_upper(parts.items[i]) ||
                import_phrase_starts(parts.items[i], "can cu", &x) ||
                import_phrase_starts(parts.items[i], "tren co so", &x) ||
                import_phrase_starts(parts.items[i], "theo", &x))
                continue;
            import_phrase_strs_add(a, out, parts.items[i]);
        }
        return out->count > 0;
    }
    /* a point that is only a unit's name */
    if (n && import_phrase_word_count(s, n) <= 16 &&
        import_phrase_starts_upper(s) && s[n - 1] != '.' && !strchr(s, ':')) {
        import_phrase_strs_add(a, out, import_phrase_trim(a, s, n));
        return true;
    }
    return false;
}

/* --- dates --------------------------------------------------------------- */

static size_t read_int(const char *s, int *v, size_t max_digits)
{
    size_t i = 0;
    int x = 0;
    while (s[i] >= '0' && s[i] <= '9' && i < max_digits)
        x = x * 10 + (s[i++] - '0');
    if (i == 0 || (s[i] >= '0' && s[i] <= '9'))
        return 0;
    *v = x;
    return i;
}

static size_t skip_spaces(const char *s, size_t i)
{
    while (s[i] == ' ')
        i++;
    return i;
}

/* A date written "25/12/2025", "8/8/2016" or "09 tháng 11 năm 2020" at the
 * start of s, as ISO text in a; *len is its length in bytes. */
static const char *read_date(arena *a, const char *s, size_t *len)
{
    date d = {0};
    size_t i = read_int(s, &d.day, 2), k, after;
    if (!i)
        return NULL;
    if (s[i] == '/' && (k = read_int(s + i + 1, &d.month, 2)) &&
        s[i + 1 + k] == '/') {
        i += 1 + k + 1;
        k = read_int(s + i, &d.year, 4);
    } else {
        i = skip_spaces(s, i);
        if (!import_phrase_starts(s + i, "thang", &after))
            return NULL;
        i = skip_spaces(s, i + after);
        if (!(k = read_int(s + i, &d.month, 2)))
            return NULL;
        i = skip_spaces(s, i + k);
        if (!import_phrase_starts(s + i, "nam", &after))
            return NULL;
        i = skip_spaces(s, i + after);
        k = read_int(s + i, &d.year, 4);
    }
    if (k != 4 || !date_valid(d))
        return NULL;
    *len = i + k;
    char iso[11];
    date_format_iso(d, iso);
    return arena_strdup(a, iso);
}

/* --- legal basis ---------------------------------------------------------- */

/* An issuing body's name spelled out: "UBND" -> "Ủy ban nhân dân", "Ủy Ban"
 * -> "Ủy ban", "Bộ Trưởng" -> "Bộ trưởng", and a bare "tỉnh" or "thành phố"
 * at the end completed with place. The old tone placement ("Uỷ ban") is
 * the document's spelling and is kept: kehoach compares names without it
 * (vntext_same). */
static char *body_name(arena *a, const char *s, size_t n, const char *place)
{
    static const struct {
        const char *from, *to;
    } spellings[] = {
        {"UBND", "Ủy ban nhân dân"},
        {"Ủy Ban nhân dân", "Ủy ban nhân dân"},
        {"HĐND", "Hội đồng nhân dân"},
        {"Bộ Trưởng", "Bộ trưởng"},
    };
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < n;) {
        bool done = false;
        for (size_t k = 0; k < sizeof spellings / sizeof spellings[0] && !done;
             k++) {
            size_t fl = strlen(spellings[k].from);
            if (i + fl <= n && memcmp(s + i, spellings[k].from, fl) == 0 &&
                (i == 0 || s[i - 1] == ' ')) {
                strbuf_puts(&sb, spellings[k].to);
                i += fl;
                done = true;
            }
        }
        if (!done)
            strbuf_putc(&sb, s[i++]);
    }
    static const char *const bare[] = {" tỉnh", " thành phố"};
    for (size_t k = 0; place && *place && k < 2; k++) {
        size_t bl = strlen(bare[k]);
        if (sb.len >= bl && strcmp(sb.buf + sb.len - bl, bare[k]) == 0) {
            strbuf_putc(&sb, ' ');
            strbuf_puts(&sb, place);
        }
    }
    char *out = arena_strdup(a, strbuf_str(&sb));
    strbuf_release(&sb);
    return out;
}

static const char *const document_kinds[] = {
    "quyet dinh so",
    "ke hoach so",
    "nghi dinh so",
    "thong tu lien tich so",
    "thong tu so",
    "chi thi so",
    "cong van so",
    "nghi quyet so",
    "thong bao so",
    "huong dan so",
    "van ban so",
    "quyet dinh",
    "ke hoach",
    "nghi dinh",
    "thong tu lien tich",
    "thong tu",
    "chi thi",
    "cong van",
    "nghi quyet",
    "thong bao",
    "huong dan",
    "van ban",
    "luat",
};
#define NKINDS (sizeof document_kinds / sizeof document_kinds[0])
#define LAW (NKINDS - 1)
#define WITHOUT_SO 11 /* the first kind that does not say "số" */

/* True when at, in s, follows "gọi là" / "gọi tắt là": the alias a
 * citation is given, "(sau đây gọi là Kế hoạch số 150)", is not another
 * citation. */
static bool is_alias(const char *s, const char *at)
{
    static const char *const says[] = {"goi la", "goi tat la"};
    for (size_t back = 2; back <= 16 && back <= (size_t)(at - s); back++)
        for (size_t k = 0; k < 2; k++) {
            size_t after;
            if (import_phrase_starts(at - back, says[k], &after) &&
                at - back + after + 1 == at)
                return true;
        }
    return false;
}

/* True when s opens with a document's number and symbol: a digit, and a
 * '/' before the word ends ("2095/QĐ-UBND"). */
static bool is_symbol(const char *s)
{
    size_t len = strcspn(s, " ,;");
    return *s >= '0' && *s <= '9' && memchr(s, '/', len);
}

/* The next citation in s[from..n): its start, and in *kind_end the offset
 * after its kind words (both outputs are left as they were when there is
 * none: NULL). "Luật" counts only in capitals ("Luật Trợ giúp pháp lý"),
 * as the name of a law; a kind without "số" only before a number with a
 * symbol ("Quyết định 2095/QĐ-UBND"); an alias never. */
static const char *next_citation(const char *s, size_t from, size_t n,
                                 size_t *kind_end, bool *law)
{
    for (;;) {
        size_t which, match;
        const char *at =
            import_phrase_find_any(s + from, n - from, document_kinds, NKINDS,
                                   &which, &match);
        if (!at)
            return NULL;
        *kind_end = (size_t)(at - s) + match;
        *law = which == LAW;
        bool taken = *law ? strncmp(at, "Luật ", strlen("Luật ")) == 0
                     : which >= WITHOUT_SO
                         ? s[*kind_end] == ' ' && is_symbol(s + *kind_end + 1)
                         : true;
        if (taken && !is_alias(s, at))
            return at;
        from = *kind_end;
    }
}

/* After "Luật": the law's name up to "ngày" or "số" (NULL when none
 * follows within the clause). */
static const char *law_name_end(const char *s, size_t i)
{
    static const char *const ends[] = {"ngay", "so"};
    size_t clause = strcspn(s + i, ",;.(");
    size_t match;
    const char *cut =
        import_phrase_find_any(s + i, clause, ends, 2, NULL, &match);
    return cut && cut - (s + i) <= 120 ? cut : NULL;
}

/* "của <issuer>" at s[i]: the issuer's name, up to the words that begin
 * what the document is about, or a comma. */
static size_t read_issuer(arena *a, const char *s, size_t i, const char *place,
                          import_basis *b)
{
    size_t after;
    if (!import_phrase_starts(s + i, "cua", &after))
        return i;
    size_t j = skip_spaces(s, i + after);
    static const char *const stops[] = {"ve",           "ban hanh",
                                        "tren dia ban", "trien khai",
                                        "thuc hien",    "quy dinh",
                                        "phe duyet",    "huong dan"};
    size_t stop = first_stop(s, j, j + strcspn(s + j, ","), stops,
                             sizeof stops / sizeof stops[0]);
    char *raw = import_phrase_trim(a, s + j, stop - j);
    if (*raw)
        b->issuer = body_name(a, raw, strlen(raw), place);
    return skip_spaces(s, stop);
}

/* What the document is about, from s[i] up to end (the next citation or a
 * ';'), or up to the clause in which the plan's issuer takes over
 * (", Sở Tư pháp ban hành Kế hoạch ..."). */
static const char *read_about(arena *a, const char *s, size_t i, size_t end)
{
    static const char *const starts[] = {"ve", "ban hanh", "phe duyet",
                                         "quy dinh", "huong dan"};
    size_t match;
    if (!import_phrase_find_any(s + i, 1, starts, 5, NULL, &match))
        return NULL;
    static const char *const takeovers[] = {"ban hanh ke hoach",
                                            "xay dung ke hoach"};
    const char *t =
        import_phrase_find_any(s + i, end - i, takeovers, 2, NULL, &match);
    if (t) {
        /* back to the ", " that opens the issuer's clause */
        size_t c = (size_t)(t - s);
        while (c > i && !(s[c] == ',' && s[c + 1] == ' '))
            c--;
        if (c > i)
            end = c;
    }
    while (end > i && (s[end - 1] == ' ' || s[end - 1] == ','))
        end--;
    char *about = import_phrase_trim(a, s + i, end - i);
    return *about ? about : NULL;
}

void import_phrase_citations(arena *a, const char *s, const char *place,
                             import_basis **out, size_t *count, size_t *cap)
{
    size_t n = strlen(s), from = 0, kind_end;
    bool law;
    const char *at = next_citation(s, 0, n, &kind_end, &law);
    while (at) {
        size_t start = (size_t)(at - s), i = kind_end;
        import_basis b = {0};
        const char *name_end = NULL;
        if (law) {
            /* "Luật <tên> ngày ..." or "Luật <tên> số ..." */
            name_end = law_name_end(s, i);
            if (name_end) {
                b.document = import_phrase_trim(a, s + start,
                                                (size_t)(name_end - s) - start);
                b.issuer = "Quốc hội";
                i = (size_t)(name_end - s);
            }
        } else {
            i = skip_spaces(s, i);
            strbuf name = STRBUF_INIT;
            strbuf_add(&name, s + start, i - start);
            size_t numlen = 0, len;
            while ((len = strcspn(s + i, " ,;"))) {
                strbuf_add(&name, s + i, len);
                numlen += len;
                i += len;
                /* a symbol a line broke after a hyphen: "TANDTC- VKSNDTC" */
                if (s[i - 1] != '-' || s[i] != ' ' ||
                    !(import_phrase_starts_upper(s + i + 1) ||
                      (s[i + 1] >= '0' && s[i + 1] <= '9')))
                    break;
                i++;
            }
            if (numlen && numlen <= 80)
                b.document = import_phrase_trim(a, strbuf_str(&name), name.len);
            strbuf_release(&name);
        }
        from = i;
        if (b.document) {
            size_t after, len;
            i = skip_spaces(s, i);
            if (import_phrase_starts(s + i, "ngay", &after) &&
                (b.date = read_date(a, s + skip_spaces(s, i + after), &len)))
                i = skip_spaces(s, i + after) + len;
            i = read_issuer(a, s, skip_spaces(s, i), place, &b);
            at = next_citation(s, i, n, &kind_end, &law);
            size_t end = at ? (size_t)(at - s) : n;
            const char *semi = memchr(s + i, ';', end - i);
            b.about = read_about(a, s, i, semi ? (size_t)(semi - s) : end);
            *out = arena_room(a, *out, *count, cap, 4, sizeof **out);
            (*out)[(*count)++] = b;
        } else {
            at = next_citation(s, from, n, &kind_end, &law);
        }
    }
}

/* --- reporting duties -------------------------------------------------- */

static const char *const to_stops[] = {"ve",       "theo",     "truoc",
                                       "hoac",     "de",       "dinh ky",
                                       "dung",     "khi",      "dong thoi",
                                       "ket qua",  "hang quy", "hang thang",
                                       "hang nam", "cham nhat"};
#define NTO_STOPS (sizeof to_stops / sizeof to_stops[0])

/* The units named in s[0..n), without the channel a bracket names: "Sở
 * Tư pháp (qua Văn phòng Sở)" is reported to Sở Tư pháp, through its
 * Văn phòng. */
static void add_units(arena *a, const char *s, size_t n, import_strs *out)
{
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        size_t after;
        const char *close = s[i] == '(' ? memchr(s + i, ')', n - i) : NULL;
        if (close && import_phrase_starts(s + i + 1, "qua", &after)) {
            if (sb.len && sb.buf[sb.len - 1] == ' ')
                sb.buf[--sb.len] = '\0';
            i = (size_t)(close - s);
            continue;
        }
        strbuf_putc(&sb, s[i]);
    }
    char *text = import_phrase_trim(a, strbuf_str(&sb), sb.len);
    strbuf_release(&sb);
    if (*text)
        split_commas(a, text, strlen(text), out, NULL, false);
}

static const char *what_of(arena *a, const char *s)
{
    size_t end;
    const char *kq = import_phrase_find(s, "ket qua", &end);
    if (kq) {
        static const char *const stops[] = {"ve",         "theo",    "truoc",
                                            "cho cap",    "gui",     "len",
                                            "dinh ky",    "hoac",    "hang quy",
                                            "hang thang", "hang nam"};
        size_t kq_end = (size_t)(kq - s) + end;
        size_t stop = first_stop(s, kq_end, strlen(s), stops,
                                 sizeof stops / sizeof stops[0]);
        const char *comma = strpbrk(s + kq_end, ",.");
        if (comma && (size_t)(comma - s) < stop)
            stop = (size_t)(comma - s);
        char *phrase = import_phrase_trim(a, kq, (size_t)(s + stop - kq));
        size_t x;
        if (strlen(phrase) == end) /* "báo cáo kết quả về ..." */
            return "Kết quả thực hiện Kế hoạch";
        if (!import_phrase_find(phrase, "ke hoach", &x) && strlen(phrase) < 40)
            phrase = arena_printf(a, "%s Kế hoạch", phrase);
        return capitalise(a, phrase);
    }
    size_t ve;
    const char *bc = import_phrase_find(s, "bao cao ve", &ve);
    if (bc) {
        char *rest = import_phrase_trim(a, bc + ve, strlen(bc + ve));
        if (*rest)
            return capitalise(a, rest);
    }
    return "Kết quả thực hiện Kế hoạch";
}

/* The length of the word of time at s ("định", "kỳ", "hằng", "quý",
 * "tháng", "năm", "trước", "ngày", "và", a number or date, a quarter's
 * Roman number, "," and brackets), or 0. */
static size_t time_word(const char *s)
{
    static const char *const words[] = {"dinh",  "ky",   "hang", "quy",
                                        "thang", "nam",  "cuoi", "dau",
                                        "truoc", "ngay", "va",   "cham",
                                        "nhat",  "dot",  "xuat"};
    if (*s == ',' || *s == '(' || *s == ')')
        return 1;
    size_t n = strspn(s, "0123456789/");
    if (n)
        return n;
    n = strspn(s, "IVX");
    int32_t cp;
    if (n && !(decode(s + n, &cp) && is_letter_cp(cp)))
        return n;
    size_t after;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (import_phrase_starts(s, words[k], &after))
            return after;
    return 0;
}

/* The time phrase that opens at s: its words of time, without a closing
 * "và", comma or unmatched bracket ("hằng năm, trước ngày 15 tháng 12";
 * "định kỳ 6 tháng (trước ngày 15/6/2025) và năm (trước ngày
 * 15/11/2025)"). */
static const char *time_phrase(arena *a, const char *s)
{
    size_t i = 0, end = 0;
    for (;;) {
        size_t j = skip_spaces(s, i), len = time_word(s + j);
        if (!len)
            break;
        i = end = j + len;
    }
    for (;;) {
        while (end &&
               (s[end - 1] == ' ' || s[end - 1] == ',' || s[end - 1] == '('))
            end--;
        int depth = 0;
        size_t open = 0, cut = end;
        for (size_t k = 0; k < end && cut == end; k++) {
            if (s[k] == '(' && depth++ == 0)
                open = k;
            else if (s[k] == ')' && depth-- == 0)
                cut = k;
        }
        if (cut == end && depth > 0)
            cut = open;
        size_t va = 0;
        for (size_t k = end; k > 0 && s[k - 1] != ' '; k--)
            va = k - 1;
        size_t after;
        if (cut < end)
            end = cut;
        else if (va && import_phrase_starts(s + va, "va", &after) &&
                 va + after == end)
            end = va;
        else
            break;
    }
    return end ? arena_strndup(a, s, end) : NULL;
}

/* A report due on a day of each month or year that the words of `when`
 * name but do not date: "trước ngày 25 hằng tháng" (every month, day 25),
 * "trước ngày 05/12 hằng năm" and "hằng năm, trước ngày 15 tháng 12"
 * (every year, in December: the last month of the year's period). */
static bool repeat_day(const char *phrase, const char **every, int *day)
{
    size_t match, x;
    bool monthly = import_phrase_find(phrase, "hang thang", &x) != NULL;
    bool yearly = import_phrase_find(phrase, "hang nam", &x) != NULL;
    const char *ngay = import_phrase_find(phrase, "ngay", &match);
    if (!ngay || monthly == yearly)
        return false;
    size_t i = skip_spaces(ngay, match);
    int d = 0, m = 0, y;
    size_t k = read_int(ngay + i, &d, 2), after;
    if (!k || d < 1 || d > 31)
        return false;
    i += k;
    if (ngay[i] == '/' && (k = read_int(ngay + i + 1, &m, 2)))
        i += 1 + k;
    else if (import_phrase_starts(ngay + skip_spaces(ngay, i), "thang",
                                  &after)) {
        i = skip_spaces(ngay, skip_spaces(ngay, i) + after);
        if (!(k = read_int(ngay + i, &m, 2)))
            return false;
        i += k;
    }
    if (ngay[i] == '/' || read_int(ngay + skip_spaces(ngay, i), &y, 4) ||
        (monthly ? m != 0 : m != 12))
        return false;
    *every = monthly ? "month" : "year";
    *day = d;
    return true;
}

/* When the duty of the sentence s is due: the time phrase after "báo cáo"
 * (at bc) or a "định kỳ" anywhere in it, up to limit, else "theo quy
 * định"; due, every and day where its words say them exactly. */
static void duty_when(arena *a, const char *s, const char *bc,
                      const char *limit, import_duty *d)
{
    static const char *const after_bc[] = {"dinh ky",    "truoc ngay",
                                           "cham nhat",  "hang quy",
                                           "hang thang", "hang nam",
                                           "dot xuat"};
    size_t match;
    const char *at = import_phrase_find_any(bc, (size_t)(limit - bc), after_bc,
                                            sizeof after_bc / sizeof *after_bc,
                                            NULL, &match);
    const char *dk = import_phrase_find_any(s, (size_t)(limit - s), after_bc, 1,
                                            NULL, &match);
    if (dk && (!at || dk < at))
        at = dk;
    if (at)
        d->when = time_phrase(a, at);
    if (!d->when && import_phrase_find(bc, "theo quy dinh", &match))
        d->when = "theo quy định";
    if (!d->when)
        return;
    d->on_request = import_phrase_find(d->when, "dot xuat", &match) != NULL;
    when_duty parsed;
    bool read = when_parse_duty(a, d->when, &parsed, NULL);
    if (repeat_day(d->when, &d->every, &d->day))
        return;
    if (!read) {
        d->periodic_default = true;
    } else if (parsed.has_due && !parsed.monthly && !parsed.quarterly &&
               !parsed.half_yearly && !parsed.first_half && !parsed.yearly &&
               !parsed.on_request) {
        char iso[11];
        date_format_iso(parsed.due, iso);
        d->due = arena_strdup(a, iso);
    }
}

/* The verbs that end the name of the unit a clause opens with. */
static const char *const clause_verbs[] =
    {"bao cao", "chu tri",        "phoi hop",         "tong hop", "theo doi",
     "la",      "co trach nhiem", "chiu trach nhiem", "tham muu", "thuc hien",
     "to chuc", "trien khai",     "huong dan",        "don doc",  "kiem tra",
     "gui",     "xay dung",       "chu dong"};

/* The units a clause s[0..n) opens with, as the subject of its verb:
 * "Văn phòng Sở tổng hợp, báo cáo ...", "Các phòng, đơn vị thuộc Cục báo
 * cáo ...", "Văn phòng: ...". The verb is in lower case: "Phòng Tổ chức
 * cán bộ" is a name. */
static bool clause_subject(arena *a, const char *s, size_t n, import_strs *out)
{
    size_t after;
    if (!import_phrase_opens_unit(s) ||
        import_phrase_starts(s, "bao cao", &after))
        return false;
    size_t from = 0, match, end = n;
    for (;;) {
        const char *v =
            import_phrase_find_any(s + from, n - from, clause_verbs,
                                   sizeof clause_verbs / sizeof *clause_verbs,
                                   NULL, &match);
        if (!v)
            break;
        /* "Các đơn vị được giao chủ trì báo cáo": the verb after "được
         * giao" belongs to the name */
        bool assigned = false;
        size_t m;
        for (const char *g = s;
             (g = import_phrase_find_any(g, (size_t)(v - g),
                                         &(const char *){"duoc giao"}, 1, NULL,
                                         &m));
             g += m)
            assigned |= g + m + 1 == v && g[m] == ' ';
        if (!import_phrase_starts_upper(v) && !assigned) {
            end = (size_t)(v - s);
            break;
        }
        from = (size_t)(v - s) + match;
        if (from >= n)
            break;
    }
    const char *colon = memchr(s, ':', end);
    if (colon)
        end = (size_t)(colon - s);
    if (end == n || memchr(s, ';', end) || memchr(s, '(', end) ||
        import_phrase_word_count(s, end) > 16)
        return false;
    for (size_t i = 0; i + 1 < end; i++)
        if (s[i] == '.' && s[i + 1] == ' ')
            return false;
    size_t before = out->count;
    split_commas(a, s, end, out, NULL, true);
    return out->count > before;
}

/* The duties of one clause s (a copy: its end is the clause's end). */
static void clause_duties(arena *a, const char *s, const import_strs *by,
                          import_duty **out, size_t *count, size_t *cap)
{
    size_t bc_end;
    const char *bc = import_phrase_find(s, "bao cao", &bc_end);
    if (!bc)
        return;
    /* the duty's sentence starts after the last ". " before "báo cáo" */
    size_t start = 0;
    for (size_t i = 0; s + i < bc; i++)
        if (s[i] == '.' && s[i + 1] == ' ' && s + i + 2 <= bc &&
            import_phrase_starts_upper(s + i + 2))
            start = i + 2;
    const char *sentence = s + start;
    import_duty d = {0};
    d.text = sentence;
    if (by)
        d.by = *by;
    size_t bco = (size_t)(bc - s);
    /* the second duty: "hoặc báo cáo đột xuất theo yêu cầu của X" */
    size_t ox_end;
    const char *ox =
        import_phrase_find(s + bco, "hoac bao cao dot xuat", &ox_end);
    duty_when(a, sentence, bc, ox ? ox : s + strlen(s), &d);
    /* to */
    size_t k, after;
    const char *p = bc + bc_end;
    while (*p == ' ')
        p++;
    static const char *const preps[] = {"voi", "len", "gui", "cho"};
    bool found_to = false;
    for (k = 0; k < 4 && !found_to; k++) {
        if (!import_phrase_starts(p, preps[k], &after))
            continue;
        size_t j = (size_t)(p - s) + after;
        while (s[j] == ' ')
            j++;
        size_t stop = first_stop(s, j, strlen(s), to_stops, NTO_STOPS);
        add_units(a, s + j, stop - j, &d.to);
        found_to = d.to.count > 0;
    }
    if (!found_to && import_phrase_starts_upper(p) &&
        !import_phrase_starts(p, "ket qua", &after)) {
        size_t j = (size_t)(p - s);
        size_t stop = first_stop(s, j, strlen(s), to_stops, NTO_STOPS);
        add_units(a, s + j, stop - j, &d.to);
        found_to = d.to.count > 0;
    }
    if (!found_to) {
        /* "báo cáo kết quả ... về Sở Tư pháp ... theo quy định" */
        const char *limit = ox ? ox : s + strlen(s);
        for (const char *q = p; q && q < limit;) {
            size_t ve_end;
            const char *ve = import_phrase_find(q, "ve", &ve_end);
            if (!ve || ve >= limit)
                break;
            const char *unit = ve + ve_end;
            while (*unit == ' ')
                unit++;
            if (import_phrase_starts_upper(unit)) {
                size_t j = (size_t)(unit - s);
                size_t stop = first_stop(s, j, strlen(s), to_stops, NTO_STOPS);
                add_units(a, s + j, stop - j, &d.to);
                found_to = d.to.count > 0;
                break;
            }
            q = ve + ve_end;
        }
    }
    if (!found_to) {
        size_t yc_end;
        const char *yc =
            import_phrase_find(s + bco, "theo yeu cau cua", &yc_end);
        if (yc && (!ox || yc < ox)) {
            size_t j = (size_t)(yc - s) + yc_end;
            size_t stop = strcspn(s + j, ".;");
            add_units(a, s + j, stop, &d.to);
        }
    }
    d.what = what_of(a, s + bco);
    *out = arena_room(a, *out, *count, cap, 4, sizeof **out);
    (*out)[(*count)++] = d;
    if (!ox)
        return;
    import_duty e = {0};
    e.text = d.text;
    e.by = d.by;
    e.what = arena_printf(a, "%s (báo cáo đột xuất)", d.what);
    const char *w = ox + ox_end;
    /* from "đột xuất" on */
    size_t dx_end;
    const char *dx = import_phrase_find(ox, "dot xuat", &dx_end);
    size_t wend = strcspn(w, ";.");
    e.when = import_phrase_trim(a, dx, (size_t)(w + wend - dx));
    e.on_request = true;
    size_t yc_end;
    const char *yc = import_phrase_find(w, "theo yeu cau cua", &yc_end);
    if (yc && yc < w + wend)
        add_units(a, yc + yc_end, (size_t)(w + wend - (yc + yc_end)), &e.to);
    *out = arena_room(a, *out, *count, cap, 4, sizeof **out);
    (*out)[(*count)++] = e;
}

size_t import_phrase_duties(arena *a, const char *s, const import_strs *by,
                            import_duty **out, size_t *count, size_t *cap)
{
    size_t n = strlen(s), before = *count, start = 0;
    import_strs subject = by ? *by : (import_strs){0};
    while (start < n) {
        /* the clause ends where another unit's begins: "...; Văn phòng
         * Cục tổng hợp, báo cáo ..." */
        size_t end = n;
        import_strs next = {0};
        for (size_t i = start; i + 2 < n; i++)
            if ((s[i] == ';' || s[i] == '.') && s[i + 1] == ' ' &&
                clause_subject(a, s + i + 2, n - i - 2, &next)) {
                end = i;
                break;
            }
        import_strs own = {0};
        if (clause_subject(a, s + start, end - start, &own))
            subject = own;
        const char *clause =
            end == n ? s + start : arena_strndup(a, s + start, end - start);
        clause_duties(a, clause, subject.count ? &subject : NULL, out, count,
                      cap);
        start = end == n ? n : end + 2;
    }
    return *count - before;
}
