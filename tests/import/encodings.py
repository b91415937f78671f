#!/usr/bin/env python3
"""`kehoach import` reads a plan's text in the encodings Vietnamese
documents come in, and drafts from it what it drafts from the UTF-8.

Usage: encodings.py KEHOACH CLI_DIR VARIANTS_DIR

1. The inputs of the golden cases 0540-0543 are the plan of case 0195
   encoded outside kehoach (vnenc.py: Python's codecs for UTF-16 and
   Windows-1258, glibc's TCVN5712-1 for the letters TCVN3 shares with it,
   a table of VNI's own), byte for byte.
2. That plan and each text of VARIANTS_DIR, in UTF-16 (LE with its byte
   order mark, BE without), Windows-1258, TCVN3 and VNI, are imported
   without --encoding: kehoach must say on stderr which encoding it read,
   and write the same draft as from the UTF-8 text, and the same warnings
   but for the file's name. TCVN3 has no capitals with tone marks (a
   .VnTimeH font draws small letters' codes as capitals): its draft is
   compared with the draft of the UTF-8 text in which those capitals are
   small letters, on lines other than headings in capitals.
3. Forced with --encoding (any case), the same drafts.

Exit status: 0 all good, 1 a problem (listed), 2 usage.
"""

import os
import re
import subprocess
import sys
import tempfile
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vnenc  # noqa: E402

LABELS = {"utf-16le": "UTF-16LE", "utf-16be": "UTF-16BE", "cp1258": "Windows-1258",
          "tcvn3": "TCVN3 (ABC)", "vni": "VNI"}
GOLDEN = {"0540-import-utf16le-bom": "utf-16le", "0541-import-cp1258": "cp1258",
          "0542-import-tcvn3": "tcvn3", "0543-import-vni": "vni"}


def encode(text, name):
    if name == "utf-16le":
        return b"\xff\xfe" + text.encode("utf-16-le")
    if name == "utf-16be":
        return text.encode("utf-16-be")
    return {"cp1258": vnenc.cp1258, "tcvn3": vnenc.tcvn3, "vni": vnenc.vni}[name](text)


def tcvn3_reference(text):
    """The UTF-8 text as TCVN3 carries it: a capital with a tone mark is a
    small letter, except on a heading line in capitals (no small ASCII
    letter, and a word with an ASCII capital after its first letter and a
    Vietnamese letter), which a .VnTimeH font draws in capitals."""
    out = []
    for line in text.split("\n"):
        words = re.findall(r"[^\W\d_]+", line)
        heading = not re.search(r"[a-z]", line) and any(
            re.search(r"[^\x00-\x7f]", w) and re.search(r"[A-Z]", w[1:]) for w in words)
        if not heading:
            line = "".join(c.lower() if ord(c) > 127 and c.isupper() and c not in vnenc.TCVN3_CAPS
                           else c for c in line)
        out.append(line)
    return "\n".join(out)


def run(kehoach, path, *extra):
    env = dict(os.environ, LANGUAGE="en", LC_ALL="C.UTF-8")
    r = subprocess.run([kehoach, "import", path, "--id", "p", *extra], capture_output=True,
                       env=env, timeout=60)
    return r.returncode, r.stdout.decode("utf-8"), r.stderr.decode("utf-8")


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    kehoach, cli_dir, variants_dir = sys.argv[1:]
    problems = []
    base = os.path.join(cli_dir, "0195-import-table", "plan.txt")
    with open(base, encoding="utf-8") as f:
        plan = f.read()
    for case, name in GOLDEN.items():
        with open(os.path.join(cli_dir, case, "plan.txt"), "rb") as f:
            if f.read() != encode(plan, name):
                problems.append(f"{case}/plan.txt is not the plan of 0195 in {name}")
    texts = {"0195-import-table": plan}
    for n in sorted(os.listdir(variants_dir)):
        with open(os.path.join(variants_dir, n), encoding="utf-8") as f:
            texts[n] = unicodedata.normalize("NFC", f.read())
    checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        for label, text in texts.items():
            for name in LABELS:
                ref_text = tcvn3_reference(text) if name == "tcvn3" else text
                ref_path = os.path.join(tmp, "ref.txt")
                with open(ref_path, "w", encoding="utf-8") as f:
                    f.write(ref_text)
                code, want, want_err = run(kehoach, ref_path)
                if code != 0:
                    problems.append(f"{label}: the UTF-8 text gives no draft ({code})")
                    continue
                path = os.path.join(tmp, "in.txt")
                with open(path, "wb") as f:
                    f.write(encode(text, name))
                forced = "UTF-16" if name.startswith("utf-16") else name.upper()
                for extra in ((), ("--encoding", forced)):
                    code, got, err = run(kehoach, path, *extra)
                    said = f"kehoach import: {path} read as {LABELS[name]}\n"
                    what = f"{label} in {name}{' forced' if extra else ''}"
                    if code != 0 or not err.startswith(said):
                        problems.append(f"{what}: exit {code}, stderr {err[:200]!r}")
                        continue
                    if got != want:
                        problems.append(f"{what}: the draft differs from the UTF-8 text's")
                    if err[len(said):].replace(path, "F") != want_err.replace(ref_path, "F"):
                        problems.append(f"{what}: the warnings differ from the UTF-8 text's")
                    checked += 1
    for p in problems:
        print("FAIL:", p)
    print(f"{checked} drafts from other encodings compared with the UTF-8 drafts; "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
