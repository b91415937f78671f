/* test-import_encoding.c - a plan's bytes into UTF-8 (import_encoding.h).
 *
 * Each encoding decodes a paragraph with every Vietnamese letter and tone
 * to the UTF-8 written here. The legacy bytes below were made outside
 * kehoach, from the encodings' definitions: Windows-1258 and UTF-16 by
 * Python's codecs (a tone the code page has no precomposed letter for as
 * its combining mark), TCVN3 by glibc's TCVN5712-1 for the letters VN3
 * shares with it (a capital with a tone mark is its small letter's code,
 * as a .VnTimeH font draws it), VNI by a small table of its own (the
 * vowel, then the byte of its shape and tone): tests/import/vnenc.py.
 * Detection is tried on short and long texts, and the refusals when the
 * words cannot tell. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "import_encoding.h"

#include <stdlib.h>
#include <string.h>

static const char paragraph[] =
    "Kế hoạch thực hiện công tác trợ giúp pháp lý năm 2025 của đơn vị.\n"
    "a à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ\n"
    "e è é ẻ ẽ ẹ ê ề ế ể ễ ệ i ì í ỉ ĩ ị\n"
    "o ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ\n"
    "u ù ú ủ ũ ụ ư ừ ứ ử ữ ự y ỳ ý ỷ ỹ ỵ đ\n"
    "A À Á Ả Ã Ạ Ă Ằ Ắ Ẳ Ẵ Ặ Â Ầ Ấ Ẩ Ẫ Ậ\n"
    "E È É Ẻ Ẽ Ẹ Ê Ề Ế Ể Ễ Ệ I Ì Í Ỉ Ĩ Ị\n"
    "O Ò Ó Ỏ Õ Ọ Ô Ồ Ố Ổ Ỗ Ộ Ơ Ờ Ớ Ở Ỡ Ợ\n"
    "U Ù Ú Ủ Ũ Ụ Ư Ừ Ứ Ử Ữ Ự Y Ỳ Ý Ỷ Ỹ Ỵ Đ\n";
static const char paragraph_tcvn3[] =
    "Kế hoạch thực hiện công tác trợ giúp pháp lý năm 2025 của đơn vị.\n"
    "a à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ\n"
    "e è é ẻ ẽ ẹ ê ề ế ể ễ ệ i ì í ỉ ĩ ị\n"
    "o ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ\n"
    "u ù ú ủ ũ ụ ư ừ ứ ử ữ ự y ỳ ý ỷ ỹ ỵ đ\n"
    "Ă Â Ê Ô Ơ Ư Đ\n";
static const char para_cp1258[] =
    "K\xEA\xEC hoa\xF2"
    "ch th\xFD\xF2"
    "c hi\xEA\xF2n c\xF4ng t\xE1"
    "c"
    " tr\xF5\xF2 gi\xFAp ph\xE1p ly\xEC n\xE3m 2025 cu\xD2"
    "a \xF0\xF5"
    "n vi\xF2.\na \xE0 \xE1 a\xD2 a\xDE a\xF2 \xE3 \xE3\xCC \xE3\xEC "
    "\xE3\xD2 \xE3\xDE \xE3\xF2 \xE2 \xE2\xCC \xE2\xEC \xE2\xD2 \xE2"
    "\xDE \xE2\xF2\ne \xE8 \xE9 e\xD2 e\xDE e\xF2 \xEA \xEA\xCC \xEA"
    "\xEC \xEA\xD2 \xEA\xDE \xEA\xF2 i i\xCC \xED i\xD2 i\xDE i\xF2\no "
    "o\xCC \xF3 o\xD2 o\xDE o\xF2 \xF4 \xF4\xCC \xF4\xEC \xF4\xD2 \xF4"
    "\xDE \xF4\xF2 \xF5 \xF5\xCC \xF5\xEC \xF5\xD2 \xF5\xDE \xF5\xF2\nu"
    " \xF9 \xFA u\xD2 u\xDE u\xF2 \xFD \xFD\xCC \xFD\xEC \xFD\xD2 \xFD"
    "\xDE \xFD\xF2 y y\xCC y\xEC y\xD2 y\xDE y\xF2 \xF0\nA \xC0 \xC1 A"
    "\xD2 A\xDE A\xF2 \xC3 \xC3\xCC \xC3\xEC \xC3\xD2 \xC3\xDE \xC3\xF2"
    " \xC2 \xC2\xCC \xC2\xEC \xC2\xD2 \xC2\xDE \xC2\xF2\nE \xC8 \xC9 E"
    "\xD2 E\xDE E\xF2 \xCA \xCA\xCC \xCA\xEC \xCA\xD2 \xCA\xDE \xCA\xF2"
    " I I\xCC \xCD I\xD2 I\xDE I\xF2\nO O\xCC \xD3 O\xD2 O\xDE O\xF2 "
    "\xD4 \xD4\xCC \xD4\xEC \xD4\xD2 \xD4\xDE \xD4\xF2 \xD5 \xD5\xCC "
    "\xD5\xEC \xD5\xD2 \xD5\xDE \xD5\xF2\nU \xD9 \xDA U\xD2 U\xDE U\xF2"
    " \xDD \xDD\xCC \xDD\xEC \xDD\xD2 \xDD\xDE \xDD\xF2 Y Y\xCC Y\xEC Y"
    "\xD2 Y\xDE Y\xF2 \xD0\n";
static const char para_utf16le[] =
    "\xFF\xFEK\x00\xBF\x1E \x00h\x00o\x00\xA1\x1E"
    "c\x00h\x00 \x00t"
    "\x00h\x00\xF1\x1E"
    "c\x00 \x00h\x00i\x00\xC7\x1En\x00 \x00"
    "c\x00"
    "\xF4\x00n\x00g\x00 \x00t\x00\xE1\x00"
    "c\x00 \x00t\x00r\x00\xE3"
    "\x1E \x00g\x00i\x00\xFA\x00p\x00 \x00p\x00h\x00\xE1\x00p\x00 \x00l"
    "\x00\xFD\x00 \x00n\x00\x03\x01m\x00 \x00"
    "2\x00"
    "0\x00"
    "2\x00"
    "5"
    "\x00 \x00"
    "c\x00\xE7\x1E"
    "a\x00 \x00\x11\x01\xA1\x01n\x00 \x00v"
    "\x00\xCB\x1E.\x00\n\x00"
    "a\x00 \x00\xE0\x00 \x00\xE1\x00 \x00\xA3"
    "\x1E \x00\xE3\x00 \x00\xA1\x1E \x00\x03\x01 \x00\xB1\x1E \x00\xAF"
    "\x1E \x00\xB3\x1E \x00\xB5\x1E \x00\xB7\x1E \x00\xE2\x00 \x00\xA7"
    "\x1E \x00\xA5\x1E \x00\xA9\x1E \x00\xAB\x1E \x00\xAD\x1E\n\x00"
    "e"
    "\x00 \x00\xE8\x00 \x00\xE9\x00 \x00\xBB\x1E \x00\xBD\x1E \x00\xB9"
    "\x1E \x00\xEA\x00 \x00\xC1\x1E \x00\xBF\x1E \x00\xC3\x1E \x00\xC5"
    "\x1E \x00\xC7\x1E \x00i\x00 \x00\xEC\x00 \x00\xED\x00 \x00\xC9\x1E"
    " \x00)\x01 \x00\xCB\x1E\n\x00o\x00 \x00\xF2\x00 \x00\xF3\x00 \x00"
    "\xCF\x1E \x00\xF5\x00 \x00\xCD\x1E \x00\xF4\x00 \x00\xD3\x1E \x00"
    "\xD1\x1E \x00\xD5\x1E \x00\xD7\x1E \x00\xD9\x1E \x00\xA1\x01 \x00"
    "\xDD\x1E \x00\xDB\x1E \x00\xDF\x1E \x00\xE1\x1E \x00\xE3\x1E\n\x00"
    "u\x00 \x00\xF9\x00 \x00\xFA\x00 \x00\xE7\x1E \x00i\x01 \x00\xE5"
    "\x1E \x00\xB0\x01 \x00\xEB\x1E \x00\xE9\x1E \x00\xED\x1E \x00\xEF"
    "\x1E \x00\xF1\x1E \x00y\x00 \x00\xF3\x1E \x00\xFD\x00 \x00\xF7\x1E"
    " \x00\xF9\x1E \x00\xF5\x1E \x00\x11\x01\n\x00"
    "A\x00 \x00\xC0\x00"
    " \x00\xC1\x00 \x00\xA2\x1E \x00\xC3\x00 \x00\xA0\x1E \x00\x02\x01 "
    "\x00\xB0\x1E \x00\xAE\x1E \x00\xB2\x1E \x00\xB4\x1E \x00\xB6\x1E "
    "\x00\xC2\x00 \x00\xA6\x1E \x00\xA4\x1E \x00\xA8\x1E \x00\xAA\x1E "
    "\x00\xAC\x1E\n\x00"
    "E\x00 \x00\xC8\x00 \x00\xC9\x00 \x00\xBA\x1E "
    "\x00\xBC\x1E \x00\xB8\x1E \x00\xCA\x00 \x00\xC0\x1E \x00\xBE\x1E "
    "\x00\xC2\x1E \x00\xC4\x1E \x00\xC6\x1E \x00I\x00 \x00\xCC\x00 \x00"
    "\xCD\x00 \x00\xC8\x1E \x00(\x01 \x00\xCA\x1E\n\x00O\x00 \x00\xD2"
    "\x00 \x00\xD3\x00 \x00\xCE\x1E \x00\xD5\x00 \x00\xCC\x1E \x00\xD4"
    "\x00 \x00\xD2\x1E \x00\xD0\x1E \x00\xD4\x1E \x00\xD6\x1E \x00\xD8"
    "\x1E \x00\xA0\x01 \x00\xDC\x1E \x00\xDA\x1E \x00\xDE\x1E \x00\xE0"
    "\x1E \x00\xE2\x1E\n\x00U\x00 \x00\xD9\x00 \x00\xDA\x00 \x00\xE6"
    "\x1E \x00h\x01 \x00\xE4\x1E \x00\xAF\x01 \x00\xEA\x1E \x00\xE8\x1E"
    " \x00\xEC\x1E \x00\xEE\x1E \x00\xF0\x1E \x00Y\x00 \x00\xF2\x1E "
    "\x00\xDD\x00 \x00\xF6\x1E \x00\xF8\x1E \x00\xF4\x1E \x00\x10\x01\n"
    "\x00";
static const char para_utf16be[] =
    "\x00K\x1E\xBF\x00 \x00h\x00o\x1E\xA1\x00"
    "c\x00h\x00 \x00t\x00h"
    "\x1E\xF1\x00"
    "c\x00 \x00h\x00i\x1E\xC7\x00n\x00 \x00"
    "c\x00\xF4"
    "\x00n\x00g\x00 \x00t\x00\xE1\x00"
    "c\x00 \x00t\x00r\x1E\xE3\x00 "
    "\x00g\x00i\x00\xFA\x00p\x00 \x00p\x00h\x00\xE1\x00p\x00 \x00l\x00"
    "\xFD\x00 \x00n\x01\x03\x00m\x00 \x00"
    "2\x00"
    "0\x00"
    "2\x00"
    "5"
    "\x00 \x00"
    "c\x1E\xE7\x00"
    "a\x00 \x01\x11\x01\xA1\x00n\x00 \x00v"
    "\x1E\xCB\x00.\x00\n\x00"
    "a\x00 \x00\xE0\x00 \x00\xE1\x00 \x1E\xA3"
    "\x00 \x00\xE3\x00 \x1E\xA1\x00 \x01\x03\x00 \x1E\xB1\x00 \x1E\xAF"
    "\x00 \x1E\xB3\x00 \x1E\xB5\x00 \x1E\xB7\x00 \x00\xE2\x00 \x1E\xA7"
    "\x00 \x1E\xA5\x00 \x1E\xA9\x00 \x1E\xAB\x00 \x1E\xAD\x00\n\x00"
    "e"
    "\x00 \x00\xE8\x00 \x00\xE9\x00 \x1E\xBB\x00 \x1E\xBD\x00 \x1E\xB9"
    "\x00 \x00\xEA\x00 \x1E\xC1\x00 \x1E\xBF\x00 \x1E\xC3\x00 \x1E\xC5"
    "\x00 \x1E\xC7\x00 \x00i\x00 \x00\xEC\x00 \x00\xED\x00 \x1E\xC9\x00"
    " \x01)\x00 \x1E\xCB\x00\n\x00o\x00 \x00\xF2\x00 \x00\xF3\x00 \x1E"
    "\xCF\x00 \x00\xF5\x00 \x1E\xCD\x00 \x00\xF4\x00 \x1E\xD3\x00 \x1E"
    "\xD1\x00 \x1E\xD5\x00 \x1E\xD7\x00 \x1E\xD9\x00 \x01\xA1\x00 \x1E"
    "\xDD\x00 \x1E\xDB\x00 \x1E\xDF\x00 \x1E\xE1\x00 \x1E\xE3\x00\n\x00"
    "u\x00 \x00\xF9\x00 \x00\xFA\x00 \x1E\xE7\x00 \x01i\x00 \x1E\xE5"
    "\x00 \x01\xB0\x00 \x1E\xEB\x00 \x1E\xE9\x00 \x1E\xED\x00 \x1E\xEF"
    "\x00 \x1E\xF1\x00 \x00y\x00 \x1E\xF3\x00 \x00\xFD\x00 \x1E\xF7\x00"
    " \x1E\xF9\x00 \x1E\xF5\x00 \x01\x11\x00\n\x00"
    "A\x00 \x00\xC0\x00"
    " \x00\xC1\x00 \x1E\xA2\x00 \x00\xC3\x00 \x1E\xA0\x00 \x01\x02\x00 "
    "\x1E\xB0\x00 \x1E\xAE\x00 \x1E\xB2\x00 \x1E\xB4\x00 \x1E\xB6\x00 "
    "\x00\xC2\x00 \x1E\xA6\x00 \x1E\xA4\x00 \x1E\xA8\x00 \x1E\xAA\x00 "
    "\x1E\xAC\x00\n\x00"
    "E\x00 \x00\xC8\x00 \x00\xC9\x00 \x1E\xBA\x00 "
    "\x1E\xBC\x00 \x1E\xB8\x00 \x00\xCA\x00 \x1E\xC0\x00 \x1E\xBE\x00 "
    "\x1E\xC2\x00 \x1E\xC4\x00 \x1E\xC6\x00 \x00I\x00 \x00\xCC\x00 \x00"
    "\xCD\x00 \x1E\xC8\x00 \x01(\x00 \x1E\xCA\x00\n\x00O\x00 \x00\xD2"
    "\x00 \x00\xD3\x00 \x1E\xCE\x00 \x00\xD5\x00 \x1E\xCC\x00 \x00\xD4"
    "\x00 \x1E\xD2\x00 \x1E\xD0\x00 \x1E\xD4\x00 \x1E\xD6\x00 \x1E\xD8"
    "\x00 \x01\xA0\x00 \x1E\xDC\x00 \x1E\xDA\x00 \x1E\xDE\x00 \x1E\xE0"
    "\x00 \x1E\xE2\x00\n\x00U\x00 \x00\xD9\x00 \x00\xDA\x00 \x1E\xE6"
    "\x00 \x01h\x00 \x1E\xE4\x00 \x01\xAF\x00 \x1E\xEA\x00 \x1E\xE8\x00"
    " \x1E\xEC\x00 \x1E\xEE\x00 \x1E\xF0\x00 \x00Y\x00 \x1E\xF2\x00 "
    "\x00\xDD\x00 \x1E\xF6\x00 \x1E\xF8\x00 \x1E\xF4\x00 \x01\x10\x00\n";
static const char para_vni[] =
    "Ke\xE1 hoa\xEF"
    "ch th\xF6\xEF"
    "c hie\xE4n co\xE2ng ta\xF9"
    "c tr"
    "\xF4\xEF giu\xF9p pha\xF9p ly\xF9 na\xEAm 2025 cu\xFB"
    "a \xF1\xF4"
    "n v\xF2.\na a\xF8 a\xF9 a\xFB a\xF5 a\xEF a\xEA a\xE8 a\xE9 a\xFA "
    "a\xFC a\xEB a\xE2 a\xE0 a\xE1 a\xE5 a\xE3 a\xE4\ne e\xF8 e\xF9 e"
    "\xFB e\xF5 e\xEF e\xE2 e\xE0 e\xE1 e\xE5 e\xE3 e\xE4 i \xEC \xED "
    "\xE6 \xF3 \xF2\no o\xF8 o\xF9 o\xFB o\xF5 o\xEF o\xE2 o\xE0 o\xE1 "
    "o\xE5 o\xE3 o\xE4 \xF4 \xF4\xF8 \xF4\xF9 \xF4\xFB \xF4\xF5 \xF4"
    "\xEF\nu u\xF8 u\xF9 u\xFB u\xF5 u\xEF \xF6 \xF6\xF8 \xF6\xF9 \xF6"
    "\xFB \xF6\xF5 \xF6\xEF y y\xF8 y\xF9 y\xFB y\xF5 \xEE \xF1\nA A"
    "\xD8 A\xD9 A\xDB A\xD5 A\xCF A\xCA A\xC8 A\xC9 A\xDA A\xDC A\xCB A"
    "\xC2 A\xC0 A\xC1 A\xC5 A\xC3 A\xC4\nE E\xD8 E\xD9 E\xDB E\xD5 E"
    "\xCF E\xC2 E\xC0 E\xC1 E\xC5 E\xC3 E\xC4 I \xCC \xCD \xC6 \xD3 "
    "\xD2\nO O\xD8 O\xD9 O\xDB O\xD5 O\xCF O\xC2 O\xC0 O\xC1 O\xC5 O"
    "\xC3 O\xC4 \xD4 \xD4\xD8 \xD4\xD9 \xD4\xDB \xD4\xD5 \xD4\xCF\nU U"
    "\xD8 U\xD9 U\xDB U\xD5 U\xCF \xD6 \xD6\xD8 \xD6\xD9 \xD6\xDB \xD6"
    "\xD5 \xD6\xCF Y Y\xD8 Y\xD9 Y\xDB Y\xD5 \xCE \xD1\n";
static const char para_tcvn3[] =
    "K\xD5 ho\xB9"
    "ch th\xF9"
    "c hi\xD6n c\xABng t\xB8"
    "c tr\xEE gi"
    "\xF3p ph\xB8p l\xFD n\xA8m 2025 c\xF1"
    "a \xAE\xACn v\xDE.\na \xB5"
    " \xB8 \xB6 \xB7 \xB9 \xA8 \xBB \xBE \xBC \xBD \xC6 \xA9 \xC7 \xCA "
    "\xC8 \xC9 \xCB\ne \xCC \xD0 \xCE \xCF \xD1 \xAA \xD2 \xD5 \xD3 "
    "\xD4 \xD6 i \xD7 \xDD \xD8 \xDC \xDE\no \xDF \xE3 \xE1 \xE2 \xE4 "
    "\xAB \xE5 \xE8 \xE6 \xE7 \xE9 \xAC \xEA \xED \xEB \xEC \xEE\nu "
    "\xEF \xF3 \xF1 \xF2 \xF4 \xAD \xF5 \xF8 \xF6 \xF7 \xF9 y \xFA \xFD"
    " \xFB \xFC \xFE \xAE\n\xA1 \xA2 \xA3 \xA4 \xA5 \xA6 \xA7\n";

/* bytes[0..len) read as `forced` (or detected) give `want` in `e`. */
static void assert_reads(const char *bytes, size_t len, import_encoding forced,
                         import_encoding e, const char *want)
{
    import_encoding_result r;
    assert_true(import_encoding_read(bytes, len, forced, &r));
    assert_int_equal(r.encoding, e);
    assert_int_equal(r.len, strlen(want));
    assert_string_equal(r.text, want);
    free(r.text);
}

static void utf8_passes_as_it_is(void **state)
{
    (void)state;
    assert_reads(paragraph, strlen(paragraph), IMPORT_ENCODING_AUTO,
                 IMPORT_ENCODING_UTF8, paragraph);
    /* with a byte order mark, which goes */
    char bom[sizeof paragraph + 3] = "\xEF\xBB\xBF";
    strcpy(bom + 3, paragraph);
    import_encoding_result r;
    assert_true(
        import_encoding_read(bom, strlen(bom), IMPORT_ENCODING_AUTO, &r));
    assert_true(r.bom);
    assert_string_equal(r.text, paragraph);
    free(r.text);
    /* invalid bytes in text that is UTF-8 all the same: kept for
       import_text, which replaces them and says where */
    const char broken[] = "Kế hoạch thực hiện \xFF năm 2025";
    assert_reads(broken, strlen(broken), IMPORT_ENCODING_AUTO,
                 IMPORT_ENCODING_UTF8, broken);
}

static void utf16_by_its_mark_or_its_zero_bytes(void **state)
{
    (void)state;
    assert_reads(para_utf16le, sizeof para_utf16le - 1, IMPORT_ENCODING_AUTO,
                 IMPORT_ENCODING_UTF16, paragraph);
    assert_reads(para_utf16be, sizeof para_utf16be - 1, IMPORT_ENCODING_AUTO,
                 IMPORT_ENCODING_UTF16, paragraph);
    import_encoding_result r;
    assert_true(import_encoding_read(para_utf16be, sizeof para_utf16be - 1,
                                     IMPORT_ENCODING_AUTO, &r));
    assert_true(r.big_endian);
    assert_false(r.bom);
    free(r.text);
    /* a lone surrogate and an odd last byte: U+FFFD each */
    const char bad[] = "A\x00\x00\xD8"
                       "B\x00"
                       "C";
    assert_reads(bad, sizeof bad - 1, IMPORT_ENCODING_UTF16,
                 IMPORT_ENCODING_UTF16,
                 "A\xEF\xBF\xBD"
                 "B\xEF\xBF\xBD");
}

static void cp1258_composed_to_nfc(void **state)
{
    (void)state;
    assert_reads(para_cp1258, sizeof para_cp1258 - 1, IMPORT_ENCODING_AUTO,
                 IMPORT_ENCODING_CP1258, paragraph);
    assert_reads(para_cp1258, sizeof para_cp1258 - 1, IMPORT_ENCODING_CP1258,
                 IMPORT_ENCODING_CP1258, paragraph);
    /* 0x81: not in the code page; the letter before it stays before it */
    assert_reads("a\x81", 2, IMPORT_ENCODING_CP1258, IMPORT_ENCODING_CP1258,
                 "a\xEF\xBF\xBD");
}

static void tcvn3_every_letter(void **state)
{
    (void)state;
    assert_reads(para_tcvn3, sizeof para_tcvn3 - 1, IMPORT_ENCODING_AUTO,
                 IMPORT_ENCODING_TCVN3, paragraph_tcvn3);
    /* Windows-1252's quotes and dash, where glibc's TCVN5712-1 has
       capitals with tones */
    assert_reads("\x93"
                 "a\x94 \x96",
                 5, IMPORT_ENCODING_TCVN3, IMPORT_ENCODING_TCVN3, "“a” –");
}

static void tcvn3_capitals_font_lines(void **state)
{
    (void)state;
    /* a heading in .VnTimeH: "KẾ HOẠCH", "II. NỘI DUNG", "GIÁM ĐỐC" */
    const char caps[] = "K\xD5 HO\xB9"
                        "CH\nII. N\xE9I DUNG\nGI\xB8M \xA7\xE8"
                        "C\n";
    assert_reads(caps, strlen(caps), IMPORT_ENCODING_TCVN3,
                 IMPORT_ENCODING_TCVN3, "KẾ HOẠCH\nII. NỘI DUNG\nGIÁM ĐỐC\n");
    /* a number line keeps its small letter: "Số: 07/KH-STP" */
    const char number[] = "S\xE8: 07/KH-STP\n";
    assert_reads(number, strlen(number), IMPORT_ENCODING_TCVN3,
                 IMPORT_ENCODING_TCVN3, "Số: 07/KH-STP\n");
}

static void vni_two_byte_letters(void **state)
{
    (void)state;
    assert_reads(para_vni, sizeof para_vni - 1, IMPORT_ENCODING_AUTO,
                 IMPORT_ENCODING_VNI, paragraph);
    assert_reads(para_vni, sizeof para_vni - 1, IMPORT_ENCODING_VNI,
                 IMPORT_ENCODING_VNI, paragraph);
}

static void short_texts_told(void **state)
{
    (void)state;
    /* "Kế hoạch năm" in each */
    static const char cp1258[] = "K\xEA\xEC hoa\xF2"
                                 "ch n\xE3m";
    static const char tcvn3[] = "K\xD5 ho\xB9"
                                "ch n\xA8m";
    static const char vni[] = "Ke\xE1 hoa\xEF"
                              "ch na\xEAm";
    assert_reads(cp1258, sizeof cp1258 - 1, IMPORT_ENCODING_AUTO,
                 IMPORT_ENCODING_CP1258, "Kế hoạch năm");
    assert_reads(tcvn3, sizeof tcvn3 - 1, IMPORT_ENCODING_AUTO,
                 IMPORT_ENCODING_TCVN3, "Kế hoạch năm");
    assert_reads(vni, sizeof vni - 1, IMPORT_ENCODING_AUTO, IMPORT_ENCODING_VNI,
                 "Kế hoạch năm");
}

static void long_texts_told(void **state)
{
    (void)state;
    size_t n = 200, plen = sizeof para_vni - 1;
    char *big = malloc(n * plen);
    for (size_t i = 0; i < n; i++)
        memcpy(big + i * plen, para_vni, plen);
    import_encoding_result r;
    assert_true(import_encoding_read(big, n * plen, IMPORT_ENCODING_AUTO, &r));
    assert_int_equal(r.encoding, IMPORT_ENCODING_VNI);
    assert_true(r.weighed);
    /* 15 of the first line's words are common syllables, and a few of
       the letters alone ("à", "đ"...) */
    assert_true(r.words[IMPORT_ENCODING_VNI] >= 15 * n);
    assert_true(r.words[IMPORT_ENCODING_VNI] >
                2 * r.words[IMPORT_ENCODING_CP1258]);
    free(r.text);
    free(big);
}

static void refused_when_words_cannot_tell(void **state)
{
    (void)state;
    import_encoding_result r;
    /* no Vietnamese word however read */
    assert_false(import_encoding_read("Nam \xE9", 5, IMPORT_ENCODING_AUTO, &r));
    assert_null(r.text);
    assert_true(r.weighed);
    for (int e = 0; e < IMPORT_ENCODING_COUNT; e++)
        assert_false(import_encoding_contender(&r, (import_encoding)e));
    /* one word: too few ("năm" in TCVN3) */
    assert_false(import_encoding_read("n\xA8m", 3, IMPORT_ENCODING_AUTO, &r));
    assert_true(import_encoding_contender(&r, IMPORT_ENCODING_TCVN3));
    assert_false(import_encoding_contender(&r, IMPORT_ENCODING_VNI));
    /* "chính phí trí": the same words in Windows-1258 and VNI */
    const char both[] = "ch\xEDnh ph\xED tr\xED";
    assert_false(
        import_encoding_read(both, strlen(both), IMPORT_ENCODING_AUTO, &r));
    assert_int_equal(r.words[IMPORT_ENCODING_CP1258], 3);
    assert_int_equal(r.words[IMPORT_ENCODING_VNI], 3);
    assert_true(import_encoding_contender(&r, IMPORT_ENCODING_CP1258));
    assert_true(import_encoding_contender(&r, IMPORT_ENCODING_VNI));
    assert_false(import_encoding_contender(&r, IMPORT_ENCODING_TCVN3));
    /* forced, the same bytes are read */
    assert_reads(both, strlen(both), IMPORT_ENCODING_VNI, IMPORT_ENCODING_VNI,
                 "chính phí trí");
}

static void names_any_case(void **state)
{
    (void)state;
    import_encoding e;
    assert_true(import_encoding_parse("UTF-16", &e));
    assert_int_equal(e, IMPORT_ENCODING_UTF16);
    assert_true(import_encoding_parse("Tcvn3", &e));
    assert_int_equal(e, IMPORT_ENCODING_TCVN3);
    assert_true(import_encoding_parse("CP1258", &e));
    assert_int_equal(e, IMPORT_ENCODING_CP1258);
    assert_true(import_encoding_parse("vni", &e));
    assert_int_equal(e, IMPORT_ENCODING_VNI);
    assert_true(import_encoding_parse("utf-8", &e));
    assert_int_equal(e, IMPORT_ENCODING_UTF8);
    assert_false(import_encoding_parse("latin1", &e));
    assert_string_equal(import_encoding_label(IMPORT_ENCODING_TCVN3, false),
                        "TCVN3 (ABC)");
    assert_string_equal(import_encoding_label(IMPORT_ENCODING_UTF16, true),
                        "UTF-16BE");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_passes_as_it_is),
        cmocka_unit_test(utf16_by_its_mark_or_its_zero_bytes),
        cmocka_unit_test(cp1258_composed_to_nfc),
        cmocka_unit_test(tcvn3_every_letter),
        cmocka_unit_test(tcvn3_capitals_font_lines),
        cmocka_unit_test(vni_two_byte_letters),
        cmocka_unit_test(short_texts_told),
        cmocka_unit_test(long_texts_told),
        cmocka_unit_test(refused_when_words_cannot_tell),
        cmocka_unit_test(names_any_case),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
