/* import_phrase.c - what one paragraph of a plan says.
 *
 * Matching folds each code point on the fly (case, diacritics, đ -> d)
 * and compares it with an ASCII key, so positions found are byte offsets
 * into the original text and values are cut from it unchanged. */
#include "import_phrase.h"

#include "strbuf.h"
#include "utf8.h"
#include "when.h"

#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

void *imp_grow(arena *a, void *items, size_t count, size_t size)
{
    if (count == 0)
        return arena_grow(a, NULL, 0, 4, size);
    if (count < 4 || (count & (count - 1)) != 0)
        return items;
    return arena_grow(a, items, count, 2 * count, size);
}

void imp_strs_add(arena *a, imp_strs *list, const char *s)
{
    list->items = imp_grow(a, list->items, list->count, sizeof *list->items);
    list->items[list->count++] = s;
}

/* The ASCII letter a code point folds to (0 when it is none). */
static char fold_cp(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? (char)(cp - 'A' + 'a') : (char)cp;
    if (cp == 0x0110 || cp == 0x0111)
        return 'd';
    utf8proc_int32_t buf[4];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(
        cp, buf, 4, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD, &last);
    if (n >= 1 && buf[0] < 0x80)
        return fold_cp(buf[0]);
    return 0;
}

static bool is_letter_cp(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           c == UTF8PROC_CATEGORY_ND || (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME);
}

bool imp_phrase_starts(const char *s, const char *ascii, size_t *after)
{
    size_t n = strlen(s), i = 0;
    const char *k = ascii;
    while (*k) {
        if (*k == ' ') {
            if (i >= n || s[i] != ' ')
                return false;
            while (i < n && s[i] == ' ')
                i++;
            k++;
            continue;
        }
        int32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (len == 0 || fold_cp(cp) != *k)
            return false;
        i += len;
        k++;
        /* combining marks after the letter belong to it */
        for (;;) {
            size_t m = utf8_decode(s + i, n - i, &cp);
            if (m == 0 || utf8proc_category(cp) != UTF8PROC_CATEGORY_MN)
                break;
            i += m;
        }
    }
    char lastk = ascii[strlen(ascii) - 1];
    bool word_end = (lastk >= 'a' && lastk <= 'z') || (lastk >= '0' && lastk <= '9');
    if (word_end && i < n) {
        int32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (len && is_letter_cp(cp))
            return false;
    }
    *after = i;
    return true;
}

const char *imp_phrase_find(const char *s, const char *ascii, size_t *match)
{
    size_t n = strlen(s);
    bool boundary = true;
    char first = ascii[0];
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (len == 0) {
            i++;
            boundary = true;
            continue;
        }
        if (boundary && fold_cp(cp) == first) {
            size_t after;
            if (imp_phrase_starts(s + i, ascii, &after)) {
                *match = after;
                return s + i;
            }
        }
        boundary = !is_letter_cp(cp);
        i += len;
    }
    return NULL;
}

char *imp_trim(arena *a, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == ',' || *s == ';')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '.' || s[n - 1] == ',' || s[n - 1] == ';'))
        n--;
    return arena_strndup(a, s, n);
}

char *imp_capitalise(arena *a, const char *s)
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
    sb_add(&sb, enc, m);
    sb_puts(&sb, s + len);
    char *out = arena_strdup(a, sb_str(&sb));
    sb_release(&sb);
    return out;
}

/* --- labels ------------------------------------------------------------ */

static const struct {
    const char *key;
    imp_field field;
} labels[] = {
    {"don vi chu tri thuc hien", IMP_FIELD_LEAD},
    {"co quan chu tri thuc hien", IMP_FIELD_LEAD},
    {"don vi thuc hien", IMP_FIELD_LEAD},
    {"don vi chu tri", IMP_FIELD_LEAD},
    {"co quan thuc hien", IMP_FIELD_LEAD},
    {"co quan chu tri", IMP_FIELD_LEAD},
    {"chu tri thuc hien", IMP_FIELD_LEAD},
    {"chu tri", IMP_FIELD_LEAD},
    {"don vi chiu trach nhiem", IMP_FIELD_LEAD},
    {"trach nhiem thuc hien", IMP_FIELD_LEAD},
    {"don vi phoi hop thuc hien", IMP_FIELD_PARTNERS},
    {"co quan phoi hop thuc hien", IMP_FIELD_PARTNERS},
    {"don vi phoi hop", IMP_FIELD_PARTNERS},
    {"co quan phoi hop", IMP_FIELD_PARTNERS},
    {"phoi hop thuc hien", IMP_FIELD_PARTNERS},
    {"phoi hop", IMP_FIELD_PARTNERS},
    {"thoi gian thuc hien", IMP_FIELD_TIME},
    {"thoi gian hoan thanh", IMP_FIELD_TIME},
    {"thoi han hoan thanh", IMP_FIELD_TIME},
    {"thoi gian", IMP_FIELD_TIME},
    {"thoi han", IMP_FIELD_TIME},
    {"tien do thuc hien", IMP_FIELD_TIME},
    {"tien do", IMP_FIELD_TIME},
    {"ket qua dau ra", IMP_FIELD_OUTPUT},
    {"ket qua du kien", IMP_FIELD_OUTPUT},
    {"ket qua can dat", IMP_FIELD_OUTPUT},
    {"san pham dau ra", IMP_FIELD_OUTPUT},
    {"san pham du kien", IMP_FIELD_OUTPUT},
    {"ket qua", IMP_FIELD_OUTPUT},
    {"san pham", IMP_FIELD_OUTPUT},
};

imp_field imp_label(const char *s, size_t *value)
{
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        size_t after;
        if (!imp_phrase_starts(s, labels[i].key, &after))
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
    return IMP_FIELD_NONE;
}

imp_field imp_column(const char *cell)
{
    static const struct {
        const char *key;
        imp_field field;
    } columns[] = {
        {"stt", IMP_FIELD_NUMBER},       {"tt", IMP_FIELD_NUMBER},
        {"so tt", IMP_FIELD_NUMBER},     {"noi dung", IMP_FIELD_TITLE},
        {"nhiem vu", IMP_FIELD_TITLE},   {"hoat dong", IMP_FIELD_TITLE},
        {"ten hoat dong", IMP_FIELD_TITLE},
    };
    size_t after;
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
        if (imp_phrase_starts(cell, columns[i].key, &after) && strlen(cell + after) < 40)
            return columns[i].field;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (imp_phrase_starts(cell, labels[i].key, &after))
            return labels[i].field;
    return IMP_FIELD_NONE;
}

/* --- units --------------------------------------------------------------- */

static bool starts_upper(const char *s)
{
    int32_t cp;
    size_t len = utf8_decode(s, strlen(s), &cp);
    return len && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
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
    const char *best = NULL;
    *sep_len = 0;
    for (size_t i = 0; i + 4 <= m; i++) {
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
        if (memchr(s + i, ';', m - i))
            continue;
        best = s + i;
        *sep_len = sep;
    }
    return best;
}

static bool known_has(const imp_strs *known, const char *s, size_t n)
{
    for (size_t i = 0; known && i < known->count; i++)
        if (strlen(known->items[i]) == n && memcmp(known->items[i], s, n) == 0)
            return true;
    return false;
}

static bool contains_known(const imp_strs *known, const char *s, size_t n)
{
    for (size_t i = 0; known && i < known->count; i++) {
        size_t k = strlen(known->items[i]);
        for (size_t j = 0; k < n && j + k <= n; j++)
            if (memcmp(s + j, known->items[i], k) == 0)
                return true;
    }
    return false;
}

/* Splits s[0..n) at ", ", keeping known names whole. */
static void split_commas(arena *a, const char *s, size_t n, imp_strs *out,
                         const imp_strs *known)
{
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        bool cut = i == n || (s[i] == ',' && i + 1 < n && s[i + 1] == ' ');
        if (!cut)
            continue;
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
        char *item = imp_trim(a, s + start, i - start);
        if (*item)
            imp_strs_add(a, out, item);
        start = i + 1;
        while (start < n && s[start] == ' ')
            start++;
    }
}

static void split_part(arena *a, const char *s, size_t n, bool in_semicolons,
                       imp_strs *out, const imp_strs *known)
{
    size_t sep;
    const char *tail = generic_tail(s, n, &sep);
    size_t head = tail ? (size_t)(tail - s) - sep : n;
    if (head) {
        if (!in_semicolons || (contains_known(known, s, head) && !known_has(known, s, head)))
            split_commas(a, s, head, out, known);
        else {
            char *item = imp_trim(a, s, head);
            if (*item)
                imp_strs_add(a, out, item);
        }
    }
    if (tail) {
        char *item = imp_trim(a, tail, n - (size_t)(tail - s));
        if (*item)
            imp_strs_add(a, out, item);
    }
}

void imp_units_split(arena *a, const char *s, imp_strs *out, imp_strs *known)
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
        char *whole = imp_trim(a, part, len);
        if (strchr(whole, ',') && !generic_tail(whole, strlen(whole), &(size_t){0}) &&
            !contains_known(known, whole, strlen(whole)))
            imp_strs_add(a, known, whole);
        split_part(a, part, len, true, out, known);
        start = i + 1;
    }
}

/* The first of the stop phrases found in s after offset from; returns its
 * offset, or strlen(s). */
static size_t first_stop(const char *s, size_t from, const char *const *stops, size_t nstops)
{
    size_t best = strlen(s);
    for (size_t i = 0; i < nstops; i++) {
        size_t end;
        const char *at = imp_phrase_find(s + from, stops[i], &end);
        if (at && (size_t)(at - s) < best)
            best = (size_t)(at - s);
    }
    const char *semi = strpbrk(s + from, ";");
    if (semi && (size_t)(semi - s) < best)
        best = (size_t)(semi - s);
    return best;
}

bool imp_assignment(arena *a, const char *s, imp_strs *lead, imp_strs *partners)
{
    if (!starts_upper(s))
        return false;
    size_t end;
    const char *with = imp_phrase_find(s, "phoi hop", &end);
    if (!with || with == s)
        return false;
    size_t lead_end = (size_t)(with - s);
    size_t chu_end;
    const char *chu = imp_phrase_find(s, "chu tri", &chu_end);
    if (chu && chu < with)
        lead_end = (size_t)(chu - s);
    size_t from = (size_t)(with - s) + end;
    size_t voi;
    if (imp_phrase_starts(s + from + (s[from] == ' '), "voi", &voi))
        from += (s[from] == ' ') + voi;
    static const char *const stops[] = {"tham muu", "to chuc thuc hien", "thuc hien",
                                        "trien khai"};
    size_t stop = first_stop(s, from, stops, 4);
    char *lead_text = imp_trim(a, s, lead_end);
    char *partner_text = imp_trim(a, s + from, stop - from);
    if (!*lead_text || !*partner_text || stop == strlen(s))
        return false;
    imp_units_split(a, lead_text, lead, &(imp_strs){0});
    imp_units_split(a, partner_text, partners, &(imp_strs){0});
    return lead->count && partners->count;
}

static size_t word_count(const char *s, size_t n)
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

bool imp_subject(arena *a, const char *s, imp_strs *out)
{
    size_t n = strlen(s), end;
    /* "Văn phòng: ..." */
    const char *colon = strchr(s, ':');
    if (colon && word_count(s, (size_t)(colon - s)) <= 10 && starts_upper(s) &&
        !imp_phrase_find(arena_strndup(a, s, (size_t)(colon - s)), "thuc hien", &end)) {
        imp_strs_add(a, out, imp_trim(a, s, (size_t)(colon - s)));
        return true;
    }
    /* "Giao Sở Tư pháp chủ trì ..." */
    size_t after;
    if (imp_phrase_starts(s, "giao", &after)) {
        static const char *const stops[] = {"chu tri", "co trach nhiem", "thuc hien",
                                            "tham muu", "phoi hop", "ky ket", "to chuc"};
        size_t stop = first_stop(s, after, stops, 7);
        const char *comma = strchr(s + after, ',');
        if (comma && (size_t)(comma - s) < stop)
            stop = (size_t)(comma - s);
        char *unit = imp_trim(a, s + after, stop - after);
        if (*unit) {
            imp_strs_add(a, out, unit);
            return true;
        }
    }
    /* "A, B có trách nhiệm ..." */
    const char *duty = imp_phrase_find(s, "co trach nhiem", &end);
    if (duty) {
        imp_strs parts = {0};
        split_commas(a, s, (size_t)(duty - s), &parts, NULL);
        for (size_t i = 0; i < parts.count; i++) {
            size_t x;
            if (!starts_upper(parts.items[i]) || imp_phrase_starts(parts.items[i], "can cu", &x) ||
                imp_phrase_starts(parts.items[i], "tren co so", &x) ||
                imp_phrase_starts(parts.items[i], "theo", &x))
                continue;
            imp_strs_add(a, out, parts.items[i]);
        }
        return out->count > 0;
    }
    /* a point that is only a unit's name */
    if (n && word_count(s, n) <= 16 && starts_upper(s) && s[n - 1] != '.' &&
        !strchr(s, ':')) {
        imp_strs_add(a, out, imp_trim(a, s, n));
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

static bool valid_ymd(int y, int m, int d)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

bool imp_date_read(const char *s, int *y, int *m, int *d, size_t *len)
{
    size_t i = read_int(s, d, 2);
    if (!i)
        return false;
    size_t k, after;
    if (s[i] == '/' && (k = read_int(s + i + 1, m, 2)) && s[i + 1 + k] == '/') {
        size_t j = i + 1 + k + 1;
        size_t yl = read_int(s + j, y, 4);
        if (yl == 4 && valid_ymd(*y, *m, *d)) {
            *len = j + yl;
            return true;
        }
        return false;
    }
    while (s[i] == ' ')
        i++;
    if (!imp_phrase_starts(s + i, "thang", &after))
        return false;
    i += after;
    while (s[i] == ' ')
        i++;
    if (!(k = read_int(s + i, m, 2)))
        return false;
    i += k;
    while (s[i] == ' ')
        i++;
    if (!imp_phrase_starts(s + i, "nam", &after))
        return false;
    i += after;
    while (s[i] == ' ')
        i++;
    if ((k = read_int(s + i, y, 4)) != 4 || !valid_ymd(*y, *m, *d))
        return false;
    *len = i + k;
    return true;
}

/* --- legal basis ---------------------------------------------------------- */

char *imp_body_name(arena *a, const char *s, size_t n, const char *place)
{
    static const struct {
        const char *from, *to;
    } spellings[] = {
        {"UBND", "Ủy ban nhân dân"},
        {"Ủy Ban nhân dân", "Ủy ban nhân dân"},
        {"Uỷ ban nhân dân", "Ủy ban nhân dân"},
        {"HĐND", "Hội đồng nhân dân"},
        {"Bộ Trưởng", "Bộ trưởng"},
    };
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < n;) {
        bool done = false;
        for (size_t k = 0; k < sizeof spellings / sizeof spellings[0]; k++) {
            size_t fl = strlen(spellings[k].from);
            if (i + fl <= n && memcmp(s + i, spellings[k].from, fl) == 0 &&
                (i == 0 || s[i - 1] == ' ')) {
                sb_puts(&sb, spellings[k].to);
                i += fl;
                done = true;
                break;
            }
        }
        if (!done)
            sb_putc(&sb, s[i++]);
    }
    static const char *const bare[] = {" tỉnh", " thành phố"};
    for (size_t k = 0; place && *place && k < 2; k++) {
        size_t bl = strlen(bare[k]);
        if (sb.len >= bl && strcmp(sb.buf + sb.len - bl, bare[k]) == 0) {
            sb_putc(&sb, ' ');
            sb_puts(&sb, place);
        }
    }
    char *out = arena_strdup(a, sb_str(&sb));
    sb_release(&sb);
    return out;
}

static const char *const document_kinds[] = {
    "quyet dinh so", "ke hoach so", "nghi dinh so", "thong tu so", "chi thi so",
    "cong van so", "nghi quyet so", "thong bao so", "huong dan so", "van ban so",
    "luat",
};
#define NKINDS (sizeof document_kinds / sizeof document_kinds[0])

/* The next citation in s from offset from: its start and the offset
 * after the kind words. */
static const char *next_citation(const char *s, size_t from, size_t *kind_end, bool *law)
{
    const char *best = NULL;
    for (size_t k = 0; k < NKINDS; k++) {
        size_t end;
        const char *at = imp_phrase_find(s + from, document_kinds[k], &end);
        /* "Luật" only as a name in capitals: "Luật Trợ giúp pháp lý" */
        if (at && k == NKINDS - 1 && strncmp(at, "Luật ", 6) != 0)
            at = NULL;
        if (at && (!best || at < best)) {
            best = at;
            *kind_end = (size_t)(at - s) + end;
            *law = k == NKINDS - 1;
        }
    }
    return best;
}

void imp_citations(arena *a, const char *s, const char *place, imp_basis **out,
                   size_t *count)
{
    size_t from = 0, kind_end;
    bool law;
    const char *at;
    while ((at = next_citation(s, from, &kind_end, &law))) {
        size_t start = (size_t)(at - s);
        size_t i = kind_end;
        imp_basis b = {0};
        const char *ngay = NULL;
        size_t ngay_end = 0;
        if (law) {
            /* "Luật <tên> ngày ..." or "Luật <tên> số ..." */
            ngay = imp_phrase_find(s + i, "ngay", &ngay_end);
            size_t so_end;
            const char *so = imp_phrase_find(s + i, "so", &so_end);
            const char *cut = ngay;
            if (so && (!cut || so < cut))
                cut = so;
            size_t stop = strcspn(s + i, ",;.(");
            if (!cut || (size_t)(cut - (s + i)) > stop || cut - (s + i) > 120) {
                from = kind_end;
                continue;
            }
            b.document = imp_trim(a, s + start, (size_t)(cut - s) - start);
            b.issuer = arena_strdup(a, "Quốc hội");
            i = (size_t)(cut - s);
        } else {
            while (s[i] == ' ')
                i++;
            size_t numlen = strcspn(s + i, " ,;");
            if (numlen == 0 || numlen > 40) {
                from = kind_end;
                continue;
            }
            i += numlen;
            b.document = imp_trim(a, s + start, i - start);
        }
        while (s[i] == ' ')
            i++;
        size_t after;
        if (imp_phrase_starts(s + i, "ngay", &after)) {
            size_t j = i + after, dl;
            while (s[j] == ' ')
                j++;
            int y, m, d;
            if (imp_date_read(s + j, &y, &m, &d, &dl)) {
                b.date = arena_printf(a, "%04d-%02d-%02d", y, m, d);
                i = j + dl;
            }
        } else if (law && ngay) {
            i = (size_t)(ngay - s);
        }
        while (s[i] == ' ')
            i++;
        if (imp_phrase_starts(s + i, "cua", &after)) {
            size_t j = i + after;
            while (s[j] == ' ')
                j++;
            static const char *const stops[] = {
                "ve", "ban hanh", "tren dia ban", "trien khai", "thuc hien", "quy dinh",
                "phe duyet", "huong dan"};
            size_t stop = first_stop(s, j, stops, sizeof stops / sizeof stops[0]);
            const char *comma = strchr(s + j, ',');
            if (comma && (size_t)(comma - s) < stop)
                stop = (size_t)(comma - s);
            char *raw = imp_trim(a, s + j, stop - j);
            if (*raw)
                b.issuer = imp_body_name(a, raw, strlen(raw), place);
            i = stop;
            while (s[i] == ' ')
                i++;
        }
        /* what the document is about: up to the next citation, a ';', or
         * the clause in which the plan's issuer takes over */
        static const char *const about_starts[] = {"ve", "ban hanh", "phe duyet",
                                                   "quy dinh", "huong dan"};
        bool has_about = false;
        for (size_t k = 0; k < 5 && !has_about; k++)
            has_about = imp_phrase_starts(s + i, about_starts[k], &after);
        size_t next_kind;
        bool next_law;
        const char *next = next_citation(s, i, &next_kind, &next_law);
        size_t end = next ? (size_t)(next - s) : strlen(s);
        const char *semi = strchr(s + i, ';');
        if (semi && (size_t)(semi - s) < end)
            end = (size_t)(semi - s);
        if (has_about) {
            static const char *const takeovers[] = {"ban hanh ke hoach", "xay dung ke hoach",
                                                    "ban hanh ke hoach"};
            for (size_t k = 0; k < 2; k++) {
                size_t te;
                const char *t = imp_phrase_find(s + i, takeovers[k], &te);
                if (!t || (size_t)(t - s) >= end)
                    continue;
                /* back to the ", " that opens the issuer's clause */
                size_t c = (size_t)(t - s);
                while (c > i && !(s[c] == ',' && s[c + 1] == ' '))
                    c--;
                if (c > i && c < end)
                    end = c;
            }
            /* "..., Kế hoạch số ..." : the list goes on */
            while (end > i && (s[end - 1] == ' ' || s[end - 1] == ','))
                end--;
            b.about = imp_trim(a, s + i, end - i);
            if (!*b.about)
                b.about = NULL;
        }
        *out = imp_grow(a, *out, *count, sizeof **out);
        (*out)[(*count)++] = b;
        from = i > kind_end ? i : kind_end;
    }
}

/* --- reporting duties -------------------------------------------------- */

static const char *const to_stops[] = {"ve", "theo", "truoc", "hoac", "de", "dinh ky",
                                       "dung", "khi", "dong thoi", "ket qua"};
#define NTO_STOPS (sizeof to_stops / sizeof to_stops[0])

static void add_units(arena *a, const char *s, size_t n, imp_strs *out)
{
    char *text = imp_trim(a, s, n);
    if (*text)
        split_commas(a, text, strlen(text), out, NULL);
}

static const char *what_of(arena *a, const char *s)
{
    size_t end;
    const char *kq = imp_phrase_find(s, "ket qua", &end);
    if (kq) {
        static const char *const stops[] = {"ve", "theo", "truoc", "cho cap", "gui", "len",
                                            "dinh ky", "hoac"};
        size_t kq_end = (size_t)(kq - s) + end;
        size_t stop = first_stop(s, kq_end, stops, sizeof stops / sizeof stops[0]);
        const char *comma = strpbrk(s + kq_end, ",.");
        if (comma && (size_t)(comma - s) < stop)
            stop = (size_t)(comma - s);
        char *phrase = imp_trim(a, kq, (size_t)(s + stop - kq));
        size_t x;
        if (!imp_phrase_find(phrase, "ke hoach", &x) && strlen(phrase) < 40)
            phrase = arena_printf(a, "%s Kế hoạch", phrase);
        return imp_capitalise(a, phrase);
    }
    size_t ve;
    const char *bc = imp_phrase_find(s, "bao cao ve", &ve);
    if (bc) {
        char *rest = imp_trim(a, bc + ve, strlen(bc + ve));
        if (*rest)
            return imp_capitalise(a, rest);
    }
    return "Kết quả thực hiện Kế hoạch";
}

size_t imp_duties(arena *a, const char *s, const imp_strs *by, imp_duty out[2])
{
    size_t bc_end;
    const char *bc = imp_phrase_find(s, "bao cao", &bc_end);
    if (!bc)
        return 0;
    /* the duty's sentence starts after the last ". " before "báo cáo" */
    size_t start = 0;
    for (size_t i = 0; s + i < bc; i++)
        if (s[i] == '.' && s[i + 1] == ' ' && s + i + 2 <= bc && starts_upper(s + i + 2))
            start = i + 2;
    const char *sentence = s + start;
    imp_duty d = {0};
    d.text = imp_trim(a, sentence, strlen(sentence));
    /* restore the full stop imp_trim took off */
    size_t tl = strlen(d.text), sl = strlen(sentence);
    while (sl && sentence[sl - 1] == ' ')
        sl--;
    if (sl > tl && sentence[tl] == '.')
        d.text = arena_strndup(a, sentence, sl);
    if (by)
        d.by = *by;
    size_t bco = (size_t)(bc - s);
    size_t end;
    /* when */
    const char *due = imp_phrase_find(s + bco, "truoc ngay", &end);
    const char *dk = imp_phrase_find(sentence, "dinh ky", &end);
    if (due) {
        size_t j = (size_t)(due - s) + end, dl;
        while (s[j] == ' ')
            j++;
        int y, m, dd;
        if (imp_date_read(s + j, &y, &m, &dd, &dl)) {
            d.when = arena_strndup(a, due, (size_t)(s + j + dl - due));
            d.due = arena_printf(a, "%04d-%02d-%02d", y, m, dd);
        }
    }
    if (!d.when && dk && dk < bc) {
        d.when = imp_trim(a, dk, (size_t)(bc - dk));
    } else if (!d.when && dk) {
        static const char *const stops[] = {"ve", "theo", "cho", "len", "gui", "truoc"};
        size_t stop = first_stop(s, (size_t)(dk - s) + 1, stops, 6);
        const char *comma = strpbrk(dk, ",.");
        if (comma && comma < s + stop)
            stop = (size_t)(comma - s);
        d.when = imp_trim(a, dk, (size_t)(s + stop - dk));
    }
    if (!d.when && imp_phrase_find(s + bco, "theo quy dinh", &end))
        d.when = "theo quy định";
    /* the second duty: "hoặc báo cáo đột xuất theo yêu cầu của X" */
    size_t ox_end;
    const char *ox = imp_phrase_find(s + bco, "hoac bao cao dot xuat", &ox_end);
    /* to */
    size_t k, after;
    const char *p = bc + bc_end;
    while (*p == ' ')
        p++;
    static const char *const preps[] = {"voi", "len", "gui", "cho"};
    bool found_to = false;
    for (k = 0; k < 4 && !found_to; k++) {
        if (!imp_phrase_starts(p, preps[k], &after))
            continue;
        size_t j = (size_t)(p - s) + after;
        while (s[j] == ' ')
            j++;
        size_t stop = first_stop(s, j, to_stops, NTO_STOPS);
        add_units(a, s + j, stop - j, &d.to);
        found_to = d.to.count > 0;
    }
    if (!found_to && starts_upper(p) && !imp_phrase_starts(p, "ket qua", &after)) {
        size_t j = (size_t)(p - s);
        size_t stop = first_stop(s, j, to_stops, NTO_STOPS);
        add_units(a, s + j, stop - j, &d.to);
        found_to = d.to.count > 0;
    }
    if (!found_to) {
        /* "báo cáo kết quả ... về Sở Tư pháp ... theo quy định" */
        const char *limit = ox ? ox : s + strlen(s);
        for (const char *q = p; q && q < limit;) {
            size_t ve_end;
            const char *ve = imp_phrase_find(q, "ve", &ve_end);
            if (!ve || ve >= limit)
                break;
            const char *unit = ve + ve_end;
            while (*unit == ' ')
                unit++;
            if (starts_upper(unit)) {
                size_t j = (size_t)(unit - s);
                size_t stop = first_stop(s, j, to_stops, NTO_STOPS);
                add_units(a, s + j, stop - j, &d.to);
                found_to = d.to.count > 0;
                break;
            }
            q = ve + ve_end;
        }
    }
    if (!found_to) {
        size_t yc_end;
        const char *yc = imp_phrase_find(s + bco, "theo yeu cau cua", &yc_end);
        if (yc && (!ox || yc < ox)) {
            size_t j = (size_t)(yc - s) + yc_end;
            size_t stop = strcspn(s + j, ".;");
            add_units(a, s + j, stop, &d.to);
        }
    }
    d.what = what_of(a, s + bco);
    if (d.when) {
        when_duty parsed;
        const char *why;
        if (!when_parse_duty(a, d.when, &parsed, &why))
            d.periodic_default = true;
        size_t x;
        d.on_request = imp_phrase_find(d.when, "dot xuat", &x) != NULL;
    }
    out[0] = d;
    if (!ox)
        return 1;
    imp_duty e = {0};
    e.text = d.text;
    e.by = d.by;
    e.what = arena_printf(a, "%s (báo cáo đột xuất)", d.what);
    const char *w = ox + ox_end;
    /* from "đột xuất" on */
    size_t dx_end;
    const char *dx = imp_phrase_find(ox, "dot xuat", &dx_end);
    size_t wend = strcspn(w, ";.");
    e.when = imp_trim(a, dx, (size_t)(w + wend - dx));
    e.on_request = true;
    size_t yc_end;
    const char *yc = imp_phrase_find(w, "theo yeu cau cua", &yc_end);
    if (yc && yc < w + wend)
        add_units(a, yc + yc_end, (size_t)(w + wend - (yc + yc_end)), &e.to);
    out[1] = e;
    return 2;
}
