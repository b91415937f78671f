/* vnlegacy.c - the tables of the TCVN3 (ABC) and VNI font encodings (see
 * vnlegacy.h), from the encodings' published layouts.
 *
 * glibc's TCVN5712-1 is TCVN 5712:1993 VN1, which also puts capitals
 * with tone marks on the C0 controls, on 0x80-0x9F and on gaps of the
 * VN3 layout that the .VnTime fonts (ABC) use, where a document saved as
 * text holds Windows-1252 punctuation instead; VNI is not in glibc at
 * all (docs/import-encodings.md): so the tables are our own. The one
 * idea to know: a TCVN3 byte is one code point, a VNI byte one to three
 * (a base letter and the marks after it are separate codes), and
 * composing them is left to NFC. */
#include "vnlegacy.h"

#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

/* Windows-1252 at 0x80-0x9F: the code page in which Word saved the text
 * of a document set in a legacy Vietnamese font; U+FFFD where it defines
 * nothing. */
static const uint16_t cp1252_c1[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

/* TCVN3 (TCVN 5712:1993 VN3, the ABC fonts) at 0xA0-0xFF: the capitals
 * Ă Â Ê Ô Ơ Ư Đ, the five combining tone marks and every lower-case
 * letter with a mark; 0 where the layout has none of them (the byte is
 * then read as Windows-1252, i.e. Latin-1). Capitals with a tone mark
 * are the same codes drawn by a capitals font (.VnTimeH). */
static const uint16_t tcvn3_high[96] = {
    /* 0xA0 */ 0,
    0x0102,
    0x00C2,
    0x00CA,
    0x00D4,
    0x01A0,
    0x01AF,
    0x0110,
    0x0103,
    0x00E2,
    0x00EA,
    0x00F4,
    0x01A1,
    0x01B0,
    0x0111,
    0,
    /* 0xB0 */ 0x0300,
    0x0309,
    0x0303,
    0x0301,
    0x0323,
    0x00E0,
    0x1EA3,
    0x00E3,
    0x00E1,
    0x1EA1,
    0,
    0x1EB1,
    0x1EB3,
    0x1EB5,
    0x1EAF,
    0,
    /* 0xC0 */ 0,
    0,
    0,
    0,
    0,
    0,
    0x1EB7,
    0x1EA7,
    0x1EA9,
    0x1EAB,
    0x1EA5,
    0x1EAD,
    0x00E8,
    0,
    0x1EBB,
    0x1EBD,
    /* 0xD0 */ 0x00E9,
    0x1EB9,
    0x1EC1,
    0x1EC3,
    0x1EC5,
    0x1EBF,
    0x1EC7,
    0x00EC,
    0x1EC9,
    0,
    0,
    0,
    0x0129,
    0x00ED,
    0x1ECB,
    0x00F2,
    /* 0xE0 */ 0,
    0x1ECF,
    0x00F5,
    0x00F3,
    0x1ECD,
    0x1ED3,
    0x1ED5,
    0x1ED7,
    0x1ED1,
    0x1ED9,
    0x1EDD,
    0x1EDF,
    0x1EE1,
    0x1EDB,
    0x1EE3,
    0x00F9,
    /* 0xF0 */ 0,
    0x1EE7,
    0x0169,
    0x00FA,
    0x1EE5,
    0x1EEB,
    0x1EED,
    0x1EEF,
    0x1EE9,
    0x1EF1,
    0x1EF3,
    0x1EF7,
    0x1EF9,
    0x00FD,
    0x1EF5,
    0,
};

int32_t vnlegacy_tcvn3(unsigned char b)
{
    if (b < 0x80)
        return b;
    if (b < 0xA0)
        return cp1252_c1[b - 0x80];
    return tcvn3_high[b - 0xA0] ? tcvn3_high[b - 0xA0] : b;
}

bool vnlegacy_tcvn3_letter(unsigned char b)
{
    if (b < 0x80)
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
    return b >= 0xA0 && tcvn3_high[b - 0xA0] != 0 &&
           !(tcvn3_high[b - 0xA0] >= 0x0300 && tcvn3_high[b - 0xA0] < 0x0370);
}

/* VNI (VNI-Times) at 0xC0-0xFF: a letter of its own (đ, ơ, ư and the i
 * and ỵ with their marks), or the marks that the byte puts on the vowel
 * before it (â, ê, ô by a circumflex, ă by a breve, each with a tone, or
 * a tone alone); capitals 0x20 below their small letters. 0 where VNI
 * has nothing: the byte is then read as Windows-1252. */
typedef struct vni_code {
    uint16_t letter, mark1, mark2;
} vni_code;

enum {
    GRAVE = 0x0300,
    ACUTE = 0x0301,
    CIRC = 0x0302,
    TILDE = 0x0303,
    BREVE = 0x0306,
    HOOK = 0x0309,
    DOT = 0x0323,
};

/* Indexed by byte - 0xE0; the capital's byte is 0x20 lower. */
static const vni_code vni_small[32] = {
    [0x00] = {0, CIRC, GRAVE},  [0x01] = {0, CIRC, ACUTE},
    [0x02] = {0, CIRC, 0},      [0x03] = {0, CIRC, TILDE},
    [0x04] = {0, CIRC, DOT},    [0x05] = {0, CIRC, HOOK},
    [0x06] = {0x1EC9, 0, 0},    [0x08] = {0, BREVE, GRAVE},
    [0x09] = {0, BREVE, ACUTE}, [0x0A] = {0, BREVE, 0},
    [0x0B] = {0, BREVE, DOT},   [0x0C] = {0x00EC, 0, 0},
    [0x0D] = {0x00ED, 0, 0},    [0x0E] = {0x1EF5, 0, 0},
    [0x0F] = {0, DOT, 0},       [0x11] = {0x0111, 0, 0},
    [0x12] = {0x1ECB, 0, 0},    [0x13] = {0x0129, 0, 0},
    [0x14] = {0x01A1, 0, 0},    [0x15] = {0, TILDE, 0},
    [0x16] = {0x01B0, 0, 0},    [0x18] = {0, GRAVE, 0},
    [0x19] = {0, ACUTE, 0},     [0x1A] = {0, BREVE, HOOK},
    [0x1B] = {0, HOOK, 0},      [0x1C] = {0, BREVE, TILDE},
};

size_t vnlegacy_vni(unsigned char b, int32_t cp[3])
{
    if (b < 0x80) {
        cp[0] = b;
        return 1;
    }
    if (b < 0xA0) {
        cp[0] = cp1252_c1[b - 0x80];
        return 1;
    }
    bool capital = b >= 0xC0 && b < 0xE0;
    const vni_code *c =
        b >= 0xC0 ? &vni_small[(b - 0xC0) & 0x1F] : &(vni_code){0};
    if (!c->letter && !c->mark1) {
        cp[0] = b;
        return 1;
    }
    size_t n = 0;
    if (c->letter)
        cp[n++] = capital ? utf8proc_toupper(c->letter) : c->letter;
    if (c->mark1)
        cp[n++] = c->mark1;
    if (c->mark2)
        cp[n++] = c->mark2;
    return n;
}

vnlegacy_font vnlegacy_font_of(const char *name)
{
    if (!name)
        return VNLEGACY_NONE;
    if (strncasecmp(name, "VNI-", 4) == 0)
        return VNLEGACY_VNI;
    if (strncasecmp(name, ".Vn", 3) != 0)
        return VNLEGACY_NONE;
    size_t n = strlen(name);
    return n > 3 && name[n - 1] == 'H' ? VNLEGACY_TCVN3_CAPS : VNLEGACY_TCVN3;
}

char *vnlegacy_font_text(vnlegacy_font f, const char *s, size_t n)
{
    if (f == VNLEGACY_NONE) {
        char *copy = xmalloc(n + 1);
        memcpy(copy, s, n);
        copy[n] = '\0';
        return copy;
    }
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (k == 0) { /* an invalid byte, kept */
            strbuf_add(&sb, s + i, 1);
            i++;
            continue;
        }
        i += k;
        if (cp >= 0xF020 && cp <= 0xF0FF)
            cp -= 0xF000;
        if (cp > 0xFF) {
            utf8_put(&sb, cp);
            continue;
        }
        int32_t out[3];
        size_t m = 1;
        if (f == VNLEGACY_VNI)
            m = vnlegacy_vni((unsigned char)cp, out);
        else
            out[0] = vnlegacy_tcvn3((unsigned char)cp);
        for (size_t j = 0; j < m; j++)
            utf8_put(&sb, f == VNLEGACY_TCVN3_CAPS ? utf8proc_toupper(out[j])
                                                   : out[j]);
    }
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t len =
        sb.len ? utf8proc_map((const utf8proc_uint8_t *)sb.buf,
                              (utf8proc_ssize_t)sb.len, &dst,
                              UTF8PROC_STABLE | UTF8PROC_COMPOSE)
               : -1;
    if (len < 0 || !dst) { /* empty, or invalid bytes kept: as it is */
        free(dst);
        return sb.buf ? sb.buf : xstrdup("");
    }
    strbuf_release(&sb);
    return (char *)dst;
}
