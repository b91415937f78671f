"""Independent encoders for the tests: cp1258 through Python's codec (with
the tone split off where the codec lacks the precomposed letter), TCVN3
through glibc's TCVN5712-1 for the letters VN3 shares, VNI by a table of
its own."""
import subprocess, unicodedata

TONES = {'\u0301': 'acute', '\u0300': 'grave', '\u0309': 'hook', '\u0303': 'tilde', '\u0323': 'dot'}

def cp1258(text):
    out = bytearray()
    for ch in unicodedata.normalize('NFC', text):
        try:
            out += ch.encode('cp1258'); continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize('NFD', ch)
        # a shape mark (circumflex, breve, horn) stays on the base letter
        base = unicodedata.normalize('NFC', ''.join(m for m in d if m not in TONES))
        tones = ''.join(m for m in d if m in TONES)
        out += base.encode('cp1258') + tones.encode('cp1258')
    return bytes(out)

TCVN3_CAPS = 'ĂÂÊÔƠƯĐ'
def tcvn3(text):
    """As a document typed in .VnTime/.VnTimeH saves it: a capital with a
    tone mark is its small letter's code."""
    t = ''.join(c.lower() if ord(c) > 127 and c.isupper() and c not in TCVN3_CAPS else c
                for c in unicodedata.normalize('NFC', text))
    return subprocess.run(['iconv', '-f', 'UTF-8', '-t', 'TCVN5712-1'], input=t.encode(),
                          check=True, capture_output=True).stdout

def tcvn3_capitals(text):
    """As typed in a capitals font (.VnTimeH), which draws every letter's
    code as its capital: the letters beyond ASCII by their small codes."""
    return tcvn3(''.join(c.lower() if ord(c) > 127 else c for c in text))

# VNI: (shape, tone) -> the byte after the vowel, small letters; capitals 0x20 lower
VNI_TONE = {None: None, 'acute': 0xF9, 'grave': 0xF8, 'hook': 0xFB, 'tilde': 0xF5, 'dot': 0xEF}
VNI_CIRC = {None: 0xE2, 'acute': 0xE1, 'grave': 0xE0, 'hook': 0xE5, 'tilde': 0xE3, 'dot': 0xE4}
VNI_BREVE = {None: 0xEA, 'acute': 0xE9, 'grave': 0xE8, 'hook': 0xFA, 'tilde': 0xFC, 'dot': 0xEB}
VNI_I = {'acute': 0xED, 'grave': 0xEC, 'hook': 0xE6, 'tilde': 0xF3, 'dot': 0xF2}
def vni(text):
    out = bytearray()
    for ch in unicodedata.normalize('NFC', text):
        if ord(ch) < 128:
            out.append(ord(ch)); continue
        up = ch.isupper()
        d = unicodedata.normalize('NFD', ch.lower())
        base, marks = d[0], d[1:]
        tone = next((TONES[m] for m in marks if m in TONES), None)
        shape = [m for m in marks if m not in TONES]
        cap = (lambda b: b - 0x20) if up else (lambda b: b)
        if ch.lower() == 'đ':
            out.append(cap(0xF1)); continue
        if base == 'i' and tone:
            out.append(cap(VNI_I[tone])); continue
        if base == 'y' and tone == 'dot':
            out.append(cap(0xEE)); continue
        if shape == ['\u031b']:  # horn: ơ, ư are letters of their own
            out.append(cap(0xF4 if base == 'o' else 0xF6))
            if tone: out.append(cap(VNI_TONE[tone]))
            continue
        out += (base.upper() if up else base).encode('ascii')
        if shape == ['\u0302']:
            out.append(cap(VNI_CIRC[tone]))
        elif shape == ['\u0306']:
            out.append(cap(VNI_BREVE[tone]))
        elif not shape and tone:
            out.append(cap(VNI_TONE[tone]))
        elif shape or not tone:
            raise ValueError('not a Vietnamese letter: %r' % ch)
    return bytes(out)
