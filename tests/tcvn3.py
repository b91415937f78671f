"""Text as typed in the TCVN3 (ABC) fonts, for the tests of documents
typed in them (tests/cli/0580-import-docx-vntime): vntime("Kế hoạch") is
"KÕ ho¹ch", the code points of the bytes the .VnTime font draws as those
letters; vntimeh() the same in capitals for the .VnTimeH font. Written
from the layout of TCVN 5712:1993 VN3, apart from the engine's tables
(engine/lib/base/vnlegacy.c), and checked against the two lines every
Vietnamese typist knows in this font.
"""

# the letters of VN3 at 0xA1-0xFE (capitals without a tone mark, then
# small letters; a capital with a tone has no code but in a capitals
# font, which draws the small letter's code as its capital)
VN3 = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư",
    0xA7: "Đ", 0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ",
    0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ",
    0xC6: "ặ", 0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}
CODE = {letter: chr(b) for b, letter in VN3.items()}


def vntime(text):
    """text as typed in .VnTime (an error for a letter it cannot type)"""
    return "".join(c if c < "\x80" else CODE[c] for c in text)


def vntimeh(text):
    """text in capitals as typed in .VnTimeH"""
    return "".join(c if c < "\x80" else CODE[c.lower()] for c in text)


# the two lines every Vietnamese typist knows in this font
assert vntime("Cộng hoà xã hội chủ nghĩa Việt Nam") == "Céng hoµ x· héi chñ nghÜa ViÖt Nam"
assert vntime("Độc lập - Tự do - Hạnh phúc") == "§éc lËp - Tù do - H¹nh phóc"
