/* import_encoding.c - a plan's bytes into UTF-8, the encoding told or asked.
 *
 * UTF-16 and Windows-1258 go through iconv (glibc has both; its CP1258
 * composes a base letter and the tone mark after it, and the text is put
 * in NFC afterwards anyway). TCVN3 and VNI are tables of our own, in
 * vnlegacy.c (the Word reader uses them too): glibc's TCVN5712-1 is not
 * the layout the .VnTime fonts use, and VNI is not in glibc at all
 * (docs/import-encodings.md).
 *
 * The one idea to know: an encoding is told from the words it makes. Each
 * candidate's text is split into words, and the words with a letter
 * outside ASCII that are common Vietnamese syllables (the list below,
 * the most frequent in the bundled plans) are counted; ASCII words read
 * the same in every candidate and tell nothing. The best count wins only
 * when it is at least IMPORT_ENCODING_MIN_WORDS and more than twice every
 * other; anything less is refused, never guessed. */
#include "import_encoding.h"

#include "strbuf.h"
#include "utf8.h"
#include "vnlegacy.h"
#include "xalloc.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

enum { IMPORT_ENCODING_MIN_WORDS = 2, IMPORT_ENCODING_WEIGH_BYTES = 1 << 20 };

/* Common Vietnamese syllables with a letter outside ASCII, lower case,
 * NFC, in byte order (bsearch). */
static const char *const syllables[] = {
    "biên",   "biến",   "biệt",   "buổi",   "bài",    "bàn",   "bào",
    "báo",    "bình",   "bạo",    "bản",    "bảo",    "bằng",  "bệnh",
    "bố",     "bồi",    "bổ",     "bộ",     "chuyên", "chính", "chăm",
    "chưa",   "chương", "chất",   "chậm",   "chặt",   "chẽ",   "chỉ",
    "chủ",    "chức",   "chữa",   "cuối",   "cuộc",   "các",   "cách",
    "cán",    "cáo",    "có",     "côi",    "công",   "căn",   "cơ",
    "cường",  "cả",     "cấp",    "cầu",    "cận",    "cập",   "cổng",
    "cộng",   "của",    "cứ",     "diện",   "dài",    "dân",   "dõi",
    "dưỡng",  "dạng",   "dẫn",    "dễ",     "dịch",   "dụng",  "dự",
    "dựng",   "ghép",   "giá",    "giám",   "giúp",   "giải",  "giới",
    "giữ",    "gấp",    "gửi",    "hiện",   "hiệu",   "hoàn",  "hoạch",
    "hoạt",   "hoặc",   "huyện",  "huấn",   "hành",   "hình",  "hóa",
    "hướng",  "hưởng",  "hạn",    "hệ",     "hồ",     "hội",   "hợp",
    "khuyết", "khác",   "khám",   "khó",    "không",  "khăn",  "khả",
    "khẩn",   "kiến",   "kiểm",   "ký",     "kế",     "kết",   "kịp",
    "kỳ",     "kỹ",     "liên",   "liệu",   "luật",   "là",    "làm",
    "lãnh",   "lên",    "lý",     "lũy",    "lưu",    "lượng", "lần",
    "lệ",     "lồng",   "lớp",    "lực",    "miễn",   "môn",   "mù",
    "mưu",    "mềm",    "mồ",     "một",    "mới",    "mục",   "nghiệp",
    "nghèo",  "nghị",   "ngoài",  "nguồn",  "ngành",  "ngày",  "ngân",
    "người",  "nhiệm",  "nhà",    "nhân",   "như",    "nhận",  "nhật",
    "nhằm",   "này",    "nâng",   "năm",    "năng",   "nơi",   "nước",
    "nội",    "pháp",   "phát",   "phí",    "phòng",  "phù",   "phương",
    "phường", "phạm",   "phải",   "phần",   "phận",   "phố",   "phối",
    "phổ",    "quyết",  "quyền",  "quý",    "quả",    "quản",  "quốc",
    "rà",     "soát",   "sách",   "sóc",    "sơ",     "sản",   "số",
    "sở",     "sửa",    "sự",     "thiểu",  "thiệu",  "thuộc", "thành",
    "tháng",  "thôn",   "thông",  "thương", "thẩm",   "thể",   "thị",
    "thống",  "thời",   "thụ",    "thức",   "thực",   "tiêu",  "tiến",
    "tiếp",   "triển",  "truyền", "trách",  "trên",   "trì",   "trình",
    "trí",    "trường", "trại",   "trẻ",    "trợ",    "trực",  "tuyên",
    "tuyến",  "tuệ",    "tuổi",   "tài",    "tác",    "tâm",   "tình",
    "tăng",   "tư",     "tượng",  "tại",    "tập",    "tật",   "tế",
    "tỉnh",   "tố",     "tổ",     "tổng",   "tộc",    "tờ",    "tục",
    "tụng",   "từ",     "tử",     "tỷ",     "viên",   "việc",  "viện",
    "việt",   "và",     "văn",    "vấn",    "về",     "vị",    "với",
    "vụ",     "xuất",   "xây",    "xã",     "yêu",    "án",    "đang",
    "điều",   "điện",   "đoàn",   "đoạn",   "đánh",   "đáp",   "đã",
    "đích",   "đúng",   "đăng",   "đơn",    "được",   "đại",   "đạo",
    "đảm",    "đầu",    "đặc",    "đến",    "đề",     "để",    "địa",
    "định",   "đọc",    "đốc",    "đối",    "đồng",   "đổi",   "độ",
    "động",   "đột",    "đợt",    "ở",      "ủy",     "ứng",
};

static bool is_syllable(const char *word)
{
    size_t lo = 0, hi = sizeof syllables / sizeof *syllables;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(word, syllables[mid]);
        if (c == 0)
            return true;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

static bool is_letter(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME);
}

/* The common syllables in s[0..n), valid UTF-8 in NFC. */
static size_t count_syllables(const char *s, size_t n)
{
    size_t count = 0;
    char word[48];
    size_t wlen = 0;
    bool wide = false, too_long = false;
    for (size_t i = 0; i <= n;) {
        int32_t cp = 0;
        size_t k = i < n ? utf8_decode(s + i, n - i, &cp) : 1;
        if (k == 0) {
            k = 1;
            cp = 0xFFFD;
        }
        if (i < n && is_letter(cp)) {
            char enc[4];
            size_t m = utf8_encode(utf8proc_tolower(cp), enc);
            if (wlen + m < sizeof word) {
                memcpy(word + wlen, enc, m);
                wlen += m;
            } else {
                too_long = true;
            }
            wide |= cp >= 0x80;
        } else {
            if (wlen && wide && !too_long) {
                word[wlen] = '\0';
                count += is_syllable(word);
            }
            wlen = 0;
            wide = too_long = false;
        }
        i += k;
    }
    return count;
}

/* A line typed in a capitals font (.VnTimeH: "KÕ HO¹CH") carries its
 * Vietnamese letters as lower-case codes: read it in capitals when it has
 * no lower-case ASCII letter and a word in which an ASCII capital follows
 * another letter and a Vietnamese letter stands ("HO¹CH", not "Sè" in
 * "Sè: 07/KH-STP"). */
static bool tcvn3_caps_line(const unsigned char *s, size_t n)
{
    bool found = false, vn = false, inner_cap = false;
    size_t letters = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] >= 'a' && s[i] <= 'z')
            return false;
        if (i < n && vnlegacy_tcvn3_letter(s[i])) {
            vn |= s[i] >= 0x80;
            inner_cap |= letters > 0 && s[i] >= 'A' && s[i] <= 'Z';
            letters++;
            continue;
        }
        found |= vn && inner_cap;
        vn = inner_cap = false;
        letters = 0;
    }
    return found;
}

static void decode_tcvn3(const char *bytes, size_t len, strbuf *out)
{
    const unsigned char *s = (const unsigned char *)bytes;
    for (size_t i = 0; i < len;) {
        size_t end = i;
        while (end < len && s[end] != '\n')
            end++;
        bool caps = tcvn3_caps_line(s + i, end - i);
        for (; i < end; i++) {
            int32_t cp = vnlegacy_tcvn3(s[i]);
            utf8_put(out, caps ? utf8proc_toupper(cp) : cp);
        }
        if (i < len)
            strbuf_putc(out, s[i++]);
    }
}

static void decode_vni(const char *bytes, size_t len, strbuf *out)
{
    const unsigned char *s = (const unsigned char *)bytes;
    for (size_t i = 0; i < len; i++) {
        int32_t cp[3];
        size_t n = vnlegacy_vni(s[i], cp);
        for (size_t k = 0; k < n; k++)
            utf8_put(out, cp[k]);
    }
}

/* bytes[0..len) from `from` into UTF-8 through iconv, U+FFFD for each
 * `unit` bytes that it cannot convert. False when this system's iconv
 * lacks the conversion. */
static bool decode_iconv(const char *from, size_t unit, const char *bytes,
                         size_t len, strbuf *out)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return false;
    char buf[4096];
    char *in = (char *)bytes;
    size_t left = len;
    bool flushing = false;
    for (;;) {
        char *o = buf;
        size_t room = sizeof buf;
        flushing = !left;
        size_t r = iconv(cd, left ? &in : NULL, left ? &left : NULL, &o, &room);
        int e = errno;
        strbuf_add(out, buf, (size_t)(o - buf));
        if (r != (size_t)-1) {
            if (flushing)
                break; /* the state flushed: a last base letter written */
            continue;
        }
        if (e == E2BIG)
            continue;
        /* EILSEQ, EINVAL: what the state holds first, then the mark */
        o = buf;
        room = sizeof buf;
        iconv(cd, NULL, NULL, &o, &room);
        strbuf_add(out, buf, (size_t)(o - buf));
        utf8_put(out, 0xFFFD);
        size_t skip = unit < left ? unit : left;
        in += skip;
        left -= skip;
    }
    iconv_close(cd);
    return true;
}

/* s in NFC; invalid bytes as U+FFFD. Returns a malloc'd text. */
static char *nfc(const char *s, size_t n, size_t *len)
{
    strbuf valid = STRBUF_INIT;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (k == 0) {
            utf8_put(&valid, 0xFFFD);
            i++;
        } else {
            strbuf_add(&valid, s + i, k);
            i += k;
        }
    }
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t m = valid.len
                             ? utf8proc_map((const utf8proc_uint8_t *)valid.buf,
                                            (utf8proc_ssize_t)valid.len, &dst,
                                            UTF8PROC_STABLE | UTF8PROC_COMPOSE)
                             : 0;
    if (m < 0 || !dst) {
        free(dst);
        *len = valid.len;
        return valid.buf ? valid.buf : xstrdup("");
    }
    strbuf_release(&valid);
    *len = (size_t)m;
    return (char *)dst;
}

static bool decode(import_encoding e, bool big_endian, const char *bytes,
                   size_t len, import_encoding_result *out)
{
    strbuf sb = STRBUF_INIT;
    bool ok = true;
    switch (e) {
    case IMPORT_ENCODING_UTF16:
        ok = decode_iconv(big_endian ? "UTF-16BE" : "UTF-16LE", 2, bytes, len,
                          &sb);
        break;
    case IMPORT_ENCODING_CP1258:
        ok = decode_iconv("CP1258", 1, bytes, len, &sb);
        break;
    case IMPORT_ENCODING_TCVN3:
        decode_tcvn3(bytes, len, &sb);
        break;
    case IMPORT_ENCODING_VNI:
        decode_vni(bytes, len, &sb);
        break;
    default: /* UTF-8: as it is; import_text repairs and says where */
        out->text = xmalloc(len + 1);
        memcpy(out->text, bytes, len);
        out->text[len] = '\0';
        out->len = len;
        out->encoding = IMPORT_ENCODING_UTF8;
        return true;
    }
    if (!ok) {
        strbuf_release(&sb);
        return false;
    }
    out->text = nfc(sb.buf ? sb.buf : "", sb.len, &out->len);
    strbuf_release(&sb);
    out->encoding = e;
    out->big_endian = big_endian;
    return true;
}

/* UTF-16 without a byte order mark: text in which about a third or more of
 * the 16-bit units have a zero high byte (ASCII letters, digits, spaces)
 * and almost none a zero low byte. -1 none, 0 little-endian, 1 big. */
static int utf16_pattern(const unsigned char *s, size_t len)
{
    if (len < 4 || len % 2)
        return -1;
    size_t units = len / 2, zero_even = 0, zero_odd = 0;
    for (size_t i = 0; i < len; i += 2) {
        zero_even += s[i] == 0;
        zero_odd += s[i + 1] == 0;
    }
    if (zero_odd * 10 >= units * 3 && zero_even * 20 <= zero_odd)
        return 0;
    if (zero_even * 10 >= units * 3 && zero_odd * 20 <= zero_even)
        return 1;
    return -1;
}

bool import_encoding_parse(const char *name, import_encoding *out)
{
    static const struct {
        const char *name;
        import_encoding e;
    } names[] = {
        {"utf-8", IMPORT_ENCODING_UTF8},
        {"utf8", IMPORT_ENCODING_UTF8},
        {"utf-16", IMPORT_ENCODING_UTF16},
        {"utf16", IMPORT_ENCODING_UTF16},
        {"cp1258", IMPORT_ENCODING_CP1258},
        {"windows-1258", IMPORT_ENCODING_CP1258},
        {"tcvn3", IMPORT_ENCODING_TCVN3},
        {"abc", IMPORT_ENCODING_TCVN3},
        {"vni", IMPORT_ENCODING_VNI},
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcasecmp(name, names[i].name) == 0) {
            *out = names[i].e;
            return true;
        }
    return false;
}

const char *import_encoding_label(import_encoding e, bool big_endian)
{
    switch (e) {
    case IMPORT_ENCODING_UTF8:
        return "UTF-8";
    case IMPORT_ENCODING_UTF16:
        return big_endian ? "UTF-16BE" : "UTF-16LE";
    case IMPORT_ENCODING_CP1258:
        return "Windows-1258";
    case IMPORT_ENCODING_TCVN3:
        return "TCVN3 (ABC)";
    case IMPORT_ENCODING_VNI:
        return "VNI";
    default:
        return "?";
    }
}

static size_t best_words(const import_encoding_result *r)
{
    size_t best = 0;
    for (int e = 0; e < IMPORT_ENCODING_COUNT; e++)
        if (r->words[e] > best)
            best = r->words[e];
    return best;
}

bool import_encoding_contender(const import_encoding_result *r,
                               import_encoding e)
{
    return r->weighed && r->words[e] > 0 && 2 * r->words[e] >= best_words(r);
}

/* Text that is not UTF-8 and says nothing of itself: each candidate's
 * reading of its first IMPORT_ENCODING_WEIGH_BYTES (a plan's text is tens
 * of KiB; more words change nothing but the time) and its syllables
 * counted; the clear winner reads the whole text. */
static bool weigh(const char *bytes, size_t len, import_encoding_result *out)
{
    static const import_encoding candidates[] = {
        IMPORT_ENCODING_UTF8,
        IMPORT_ENCODING_CP1258,
        IMPORT_ENCODING_TCVN3,
        IMPORT_ENCODING_VNI,
    };
    size_t part =
        len < IMPORT_ENCODING_WEIGH_BYTES ? len : IMPORT_ENCODING_WEIGH_BYTES;
    out->weighed = true;
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++) {
        import_encoding e = candidates[i];
        import_encoding_result r = {0};
        if (!decode(e, false, bytes, part, &r))
            continue;
        size_t n = r.len;
        char *text = r.text;
        if (e == IMPORT_ENCODING_UTF8) { /* invalid bytes: as U+FFFD */
            text = nfc(r.text, r.len, &n);
            free(r.text);
        }
        out->words[e] = count_syllables(text, n);
        free(text);
    }
    size_t best = best_words(out), close = 0;
    import_encoding winner = IMPORT_ENCODING_AUTO;
    for (int e = 0; e < IMPORT_ENCODING_COUNT; e++) {
        if (out->words[e] == best)
            winner = (import_encoding)e;
        close += import_encoding_contender(out, (import_encoding)e);
    }
    if (best < IMPORT_ENCODING_MIN_WORDS || close > 1)
        return false;
    return decode(winner, false, bytes, len, out);
}

bool import_encoding_read(const char *bytes, size_t len, import_encoding forced,
                          import_encoding_result *out)
{
    *out = (import_encoding_result){0};
    const unsigned char *s = (const unsigned char *)bytes;
    bool utf8_bom = len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF;
    bool le_bom = len >= 2 && s[0] == 0xFF && s[1] == 0xFE;
    bool be_bom = len >= 2 && s[0] == 0xFE && s[1] == 0xFF;
    if (forced == IMPORT_ENCODING_AUTO) {
        if (utf8_bom)
            forced = IMPORT_ENCODING_UTF8;
        else if (le_bom || be_bom || utf16_pattern(s, len) >= 0)
            forced = IMPORT_ENCODING_UTF16;
        else if (utf8_valid(bytes, len, NULL))
            forced = IMPORT_ENCODING_UTF8;
        else
            return weigh(bytes, len, out);
    }
    bool big_endian = false;
    if (forced == IMPORT_ENCODING_UTF8 && utf8_bom) {
        out->bom = true;
        bytes += 3;
        len -= 3;
    } else if (forced == IMPORT_ENCODING_UTF16) {
        if (le_bom || be_bom) {
            out->bom = true;
            big_endian = be_bom;
            bytes += 2;
            len -= 2;
        } else {
            big_endian = utf16_pattern(s, len - len % 2) == 1;
        }
    }
    if (decode(forced, big_endian, bytes, len, out))
        return true;
    out->encoding = forced;
    out->big_endian = big_endian;
    return false;
}
