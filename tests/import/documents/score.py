#!/usr/bin/env python3
"""Score `kehoach import` on the test set of plan documents.

Usage: score.py KEHOACH DOCS_DIR [--only NAME] [--keep DIR] [--verbose]
                [--min-header P] [--min-activities P] [--min-fields P]

Every folder NN-name/ of DOCS_DIR holds document.py, which writes the
document as a .docx (see docgen.py), and expected.yaml, its answers
written by reading the document before any import of it.  For each, the
formats its FORMATS list names are made and imported:

  docx    the .docx itself;
  pdf     the .docx printed to PDF by LibreOffice Writer;
  txt-lo  the .docx saved as text by LibreOffice (UTF-8 with a BOM), or
          a text document's own text in UTF-8: the layouts apart from
          the file formats;
  utf16   that text as UTF-16LE with a BOM (Word's "Unicode text");
  cp1258  that text in Windows-1258, the tone marks as combining
          characters as that code page writes them;
  tcvn3   a plain-text document (no .docx: document.py gives text())
          in the TCVN3 (ABC) code page of the .VnTime fonts.

Each file goes through `kehoach import FILE --id NAME -o DRAFT`.  An
import that exits non-zero scores 0: "not read" for a .docx, .pdf or
other encoding, "no draft" for the UTF-8 text.  A draft is compared
with expected.yaml:

  header      number, issuer, place, issued, title, year or span;
  activities  every expected activity is looked for, in order, among the
              draft's (sections flattened) by how its title begins; the
              share found is found / max(expected, drafted), so activities
              the draft invents cost as much as ones it misses;
  fields      lead, partners and time of every expected activity that
              gives them, as the activity finally has them (its own, else
              its sections' defaults, else the plan's); partners: [] means
              none; a missing activity fails its fields;
  basis       document, date and issuer of each cited document (matched
              by the document's name), and the count where given;
  reports     by, to, when and due of each reporting duty (matched by
              `by`, else by position).

The answers follow the plan format (docs/plan-format.md): units and
times as printed; partners split where the document separates units
with "; " or ", " (a name with a comma in it, "Ủy ban nhân dân các
huyện, thị xã, thành phố", kept whole; "Không" is no partner); a time
said in a sentence is the phrase from its first time word on, without
the verb and the "trong"/"vào" before it ("hoàn thành trong Quý II/2024"
is "Quý II/2024"); a plan issued by a decision has the decision's
number, date and signer, and its "Căn cứ" lines as its basis; the
issuer of the plan and of a cited document is spelled out and a
provincial body named without its province completed with it ("của
UBND tỉnh" in a plan of Quảng Trị is "Ủy ban nhân dân tỉnh Quảng Trị"),
as the plans in plans/ hold them, while leads, partners and duties keep
the names as printed.

Values compare after Unicode NFC, runs of white space as one space and a
trailing ".", ";" or "," dropped (the punctuation that closes a table
cell or a line is not part of a name); a one-item list is its item.
Whether the draft validates is checked as tests/import/drafts.py does:
errors only next to a "# REVIEW" comment.

Prints the scores per document and format, per format and overall.
--self-check only checks the answer files (known keys, every value text,
as a comma inside a YAML flow mapping would break) and that a draft
saying exactly what they say scores 100%: the test 'import-answers'.
Exit status: 0, or 1 when a --min-* bar is given and the overall share
is below it, when --all-valid is given and a draft fails validation away
from its review marks, or when --self-check finds a problem; 2 usage; 77
python3-docx missing, or LibreOffice missing with a --min-* bar (skipped).
"""

import argparse
import glob
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from drafts import validate_errors  # noqa: E402

ALL_FORMATS = ["docx", "pdf", "txt-lo", "utf16", "cp1258", "tcvn3"]
SUFFIX = {"docx": ".docx", "pdf": ".pdf", "txt-lo": ".txt", "utf16": ".utf16.txt",
          "cp1258": ".cp1258.txt", "tcvn3": ".tcvn3.txt"}
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def norm(v):
    if v is None:
        return None
    if isinstance(v, list):
        items = [norm(x) for x in v]
        if not items:
            return None
        return items[0] if len(items) == 1 else items
    if isinstance(v, dict):
        return {k: norm(x) for k, x in v.items()}
    s = re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(v))).strip()
    return re.sub(r"[.;,]+$", "", s).strip()


def to_cp1258(text):
    """text in Windows-1258: a letter the code page lacks precomposed is
    written as its base letter (with circumflex, breve or horn where the
    page has that) and a combining tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        tone = "".join(c for c in parts if c in TONES)
        out += (base + tone).encode("cp1258")
    back = unicodedata.normalize("NFC", bytes(out).decode("cp1258"))
    if back != unicodedata.normalize("NFC", text):
        raise ValueError("Windows-1258 round trip differs")
    return bytes(out)


# TCVN3 (ABC, TCVN 5712:1993 VN3): the codes of its Vietnamese letters,
# written out here rather than taken from iconv, so that a reader built
# on iconv is checked against something else.  The small letters with a
# tone mark, and Ă Â Ê Ô Ơ Ư Đ with their small forms; ASCII as is.
TCVN3 = dict(zip(
    "ĂÂÊÔƠƯĐăâêôơưđ"
    "àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ",
    list(range(0xA1, 0xAF))
    + [0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB,
       0xCC, 0xCE, 0xCF, 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE,
       0xDF, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEE,
       0xEF, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE]))


def to_tcvn3(text):
    """text in TCVN3; a capital with a tone mark, which TCVN3 lacks, is
    written with its small letter's code, as the capitals fonts
    (.VnTimeH) had it typed.  Checked against glibc's TCVN5712-1 (VN1,
    whose upper half holds VN3's letters at the same codes) where iconv
    has it."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 0x80:
            out.append(ord(ch))
        elif ch in TCVN3:
            out.append(TCVN3[ch])
        elif ch.lower() in TCVN3:
            out.append(TCVN3[ch.lower()])
        else:
            raise ValueError(f"{ch!r} has no TCVN3 code")
    try:
        glibc = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"],
                               input=bytes(TCVN3.values()), capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return bytes(out)
    if unicodedata.normalize("NFC", glibc.stdout.decode("utf-8")) != "".join(TCVN3):
        raise ValueError("the TCVN3 table differs from glibc's TCVN5712-1")
    return bytes(out)


def load_document(folder):
    spec = importlib.util.spec_from_file_location(
        "document_" + os.path.basename(folder).replace("-", "_"),
        os.path.join(folder, "document.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def soffice_convert(target, files, outdir, profile):
    """Convert files with LibreOffice in one run; returns the error text
    or None."""
    run = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless",
                          "--convert-to", target, "--outdir", outdir] + files,
                         capture_output=True, text=True, timeout=600)
    return None if run.returncode == 0 else (run.stderr.strip() or f"exit {run.returncode}")


def make_files(docs, work):
    """Every document in every format it lists: {(name, format): path or
    (None, why)}."""
    made = {}
    docx_files = []
    for name, folder, formats in docs:
        module = load_document(folder)
        if "tcvn3" in formats:
            path = os.path.join(work, name + SUFFIX["tcvn3"])
            with open(path, "wb") as fh:
                fh.write(to_tcvn3(module.text()))
            made[(name, "tcvn3")] = path
        if "docx" not in formats and "txt-lo" in formats:
            path = os.path.join(work, name + SUFFIX["txt-lo"])
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(module.text())
            made[(name, "txt-lo")] = path
        if "docx" not in formats:
            continue
        path = os.path.join(work, name + ".docx")
        module.build(path)
        docx_files.append(path)
        made[(name, "docx")] = path
    docs = [d for d in docs if "docx" in d[2]]
    if not docs:
        return made
    profile = os.path.join(work, "lo-profile")
    wants = {f for _, _, formats in docs for f in formats}
    texts = {}
    if SOFFICE is None:
        for name, _, formats in docs:
            for f in formats:
                if f != "docx":
                    made[(name, f)] = (None, "LibreOffice (soffice) is not installed")
        return made
    if "pdf" in wants:
        pdf_dir = os.path.join(work, "pdf")
        err = soffice_convert("pdf", [p for p, d in zip(docx_files, docs) if "pdf" in d[2]],
                              pdf_dir, profile)
        for name, _, formats in docs:
            if "pdf" in formats:
                out = os.path.join(pdf_dir, name + ".pdf")
                made[(name, "pdf")] = out if os.path.exists(out) else (None, err or "no PDF written")
    txt_dir = os.path.join(work, "txt")
    err = soffice_convert("txt:Text (encoded):UTF8", docx_files, txt_dir, profile)
    for name, _, formats in docs:
        out = os.path.join(txt_dir, name + ".txt")
        if not os.path.exists(out):
            for f in formats:
                if f != "docx" and f != "pdf":
                    made[(name, f)] = (None, err or "no text written")
            continue
        text = open(out, encoding="utf-8-sig").read()
        texts[name] = text
        for f in formats:
            if f == "txt-lo":
                made[(name, f)] = out
            elif f == "utf16":
                path = os.path.join(work, name + SUFFIX[f])
                with open(path, "wb") as fh:
                    fh.write(b"\xff\xfe" + text.encode("utf-16-le"))
                made[(name, f)] = path
            elif f == "cp1258":
                path = os.path.join(work, name + SUFFIX[f])
                with open(path, "wb") as fh:
                    fh.write(to_cp1258(text))
                made[(name, f)] = path
    return made


def flatten(plan):
    """The draft's activities in order, each with its effective lead,
    partners and time."""
    out = []

    def walk(sections, inherited):
        for sec in sections or []:
            if not isinstance(sec, dict):
                continue
            d = dict(inherited)
            d.update(sec.get("defaults") or {})
            for act in sec.get("activities") or []:
                if not isinstance(act, dict):
                    continue
                eff = {"title": act.get("title")}
                for key in ("lead", "partners", "time"):
                    eff[key] = act.get(key, d.get(key))
                if isinstance(eff["time"], dict):
                    eff["time"] = eff["time"].get("phrase")
                out.append(eff)
            walk(sec.get("sections"), d)

    walk(plan.get("sections"), plan.get("defaults") or {})
    return out


def score(expected, draft):
    """{category: [(label, ok, want, got), ...]} and the activity counts."""
    res = {"header": [], "fields": [], "basis": [], "reports": []}
    head = expected.get("header") or {}
    for key, want in head.items():
        got = draft.get(key)
        if key == "span":
            want = {k: str(v) for k, v in want.items()}
            got = {k: str(v) for k, v in got.items()} if isinstance(got, dict) else got
        res["header"].append((key, norm(want) == norm(got), norm(want), norm(got)))
    acts = flatten(draft)
    used = set()
    found = 0
    for i, exp in enumerate(expected.get("activities") or []):
        prefix = norm(exp["title"])
        match = None
        for k, act in enumerate(acts):
            if k not in used and (norm(act.get("title")) or "").startswith(prefix):
                match = k
                break
        if match is not None:
            used.add(match)
            found += 1
        for key in ("lead", "partners", "time"):
            if key not in exp:
                continue
            want = norm(exp[key])
            got = norm(acts[match].get(key)) if match is not None else "(activity not found)"
            res["fields"].append((f"activity {i + 1} {key}", want == got, want, got))
    n_exp = len(expected.get("activities") or [])
    db = draft.get("basis") or []
    for i, b in enumerate(expected.get("basis") or []):
        want_doc = norm(b["document"])
        d = next((x for x in db if isinstance(x, dict) and norm(x.get("document")) == want_doc), None)
        for key in ("document", "date", "issuer"):
            if key in b:
                got = norm(d.get(key)) if d else "(not cited)"
                res["basis"].append((f"basis {i + 1} {key}", norm(b[key]) == got, norm(b[key]), got))
    if "basis_count" in expected:
        res["basis"].append(("basis count", expected["basis_count"] == len(db),
                             expected["basis_count"], len(db)))
    dr = [r for r in draft.get("reports") or [] if isinstance(r, dict)]
    taken = set()
    for i, r in enumerate(expected.get("reports") or []):
        k = next((k for k, x in enumerate(dr) if k not in taken and norm(x.get("by")) == norm(r["by"])),
                 None)
        if k is None and i < len(dr) and i not in taken:
            k = i
        if k is not None:
            taken.add(k)
        for key in ("by", "to", "when", "due"):
            if key in r:
                got = norm(dr[k].get(key)) if k is not None else "(no such duty)"
                res["reports"].append((f"report {i + 1} {key}", norm(r[key]) == got, norm(r[key]), got))
    return res, found, max(n_exp, len(acts)), n_exp, len(acts)


SHAPE = {"header": {"number", "issuer", "place", "issued", "title", "year", "span"},
         "basis": {"document", "date", "issuer"},
         "activities": {"title", "lead", "partners", "time"},
         "reports": {"by", "to", "when", "due"}}


def check_answers(name, expected):
    """Problems with the shape of one expected.yaml: unknown keys, values
    that are not text (a comma in a flow mapping makes a stray key with a
    null), lists of anything but text."""
    problems = []
    if not isinstance(expected, dict):
        return [f"{name}: not a mapping"]
    for key in expected:
        if key not in SHAPE and key != "basis_count":
            problems.append(f"{name}: unknown key '{key}'")
    entries = [("header", expected.get("header") or {})]
    for part in ("basis", "activities", "reports"):
        entries += [(part, e) for e in expected.get(part) or []]
    for part, entry in entries:
        if not isinstance(entry, dict):
            problems.append(f"{name}: {part}: {entry!r} is not a mapping")
            continue
        for key, value in entry.items():
            where = f"{name}: {part}: {key}"
            if key not in SHAPE[part]:
                problems.append(f"{where}: unknown key (a comma in a flow mapping?)")
            elif key == "span":
                if not (isinstance(value, dict) and set(value) == {"from", "to"}):
                    problems.append(f"{where}: not {{from, to}}")
            elif key in ("partners", "to") and isinstance(value, list):
                if not all(isinstance(x, str) and x.strip() for x in value):
                    problems.append(f"{where}: a list item is not text")
            elif not isinstance(value, (str, int)) or not str(value).strip():
                problems.append(f"{where}: {value!r} is not text")
    for act in expected.get("activities") or []:
        if isinstance(act, dict) and "title" not in act:
            problems.append(f"{name}: an activity without a title")
    return problems


def self_check(docs):
    """Every expected.yaml is well formed, and a draft that says exactly
    what it says scores 100% in every category."""
    problems = []
    for name, folder, _ in docs:
        expected = yaml.safe_load(open(os.path.join(folder, "expected.yaml"), encoding="utf-8"))
        found = check_answers(name, expected)
        problems += found
        if found:
            continue
        draft = dict(expected.get("header") or {})
        draft["basis"] = [dict(b) for b in expected.get("basis") or []]
        draft["basis"] += [{"document": f"other {i}"}
                           for i in range(expected.get("basis_count", 0) - len(draft["basis"]))]
        draft["sections"] = [{"id": "1", "activities": [
            {k: v for k, v in a.items() if not (k == "partners" and v == [])}
            for a in expected.get("activities") or []]}]
        draft["reports"] = [dict(r) for r in expected.get("reports") or []]
        res, found_acts, out_of, _, _ = score(expected, draft)
        bad = [f for cat in res.values() for f in cat if not f[1]]
        if bad or found_acts != out_of:
            problems.append(f"{name}: its own answers do not score 100%: {bad[:3]}")
    for p in problems:
        print(p)
    print(f"{len(docs)} answer files checked, {len(problems)} problems")
    return 1 if problems else 0


def pct(ok, total):
    return 100.0 * ok / total if total else 100.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("kehoach")
    ap.add_argument("docs_dir")
    ap.add_argument("--only", action="append", help="score only this document (repeatable)")
    ap.add_argument("--keep", help="write the documents and drafts into this folder")
    ap.add_argument("--verbose", "-v", action="store_true", help="list every disagreement")
    ap.add_argument("--self-check", action="store_true",
                    help="check the answer files and the scoring only (no import, no LibreOffice)")
    ap.add_argument("--min-header", type=float)
    ap.add_argument("--min-activities", type=float)
    ap.add_argument("--min-fields", type=float)
    ap.add_argument("--all-valid", action="store_true",
                    help="fail when a draft fails validation away from its review marks")
    args = ap.parse_args()
    docs = []
    for folder in sorted(glob.glob(os.path.join(args.docs_dir, "[0-9][0-9]-*"))):
        name = os.path.basename(folder)
        if args.only and name not in args.only:
            continue
        formats = re.search(r"^FORMATS = \[(.*)\]", open(os.path.join(folder, "document.py"),
                                                          encoding="utf-8").read(), re.M)
        docs.append((name, folder, [f for f in ALL_FORMATS if formats and f'"{f}"' in formats.group(1)]))
    if not docs:
        print("no documents found", file=sys.stderr)
        return 2
    if args.self_check:
        return self_check(docs)
    try:
        import docx  # noqa: F401
    except ImportError:
        print("skipped: python3-docx is not installed")
        return 77
    bars = (args.min_header, args.min_activities, args.min_fields)
    if SOFFICE is None and any(b is not None for b in bars):
        print("skipped: LibreOffice (soffice) is not installed, so the PDF and "
              "text forms cannot be made and the bars cannot be held")
        return 77
    tmp = None
    if args.keep:
        work = args.keep
        os.makedirs(work, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory()
        work = tmp.name
    made = make_files(docs, work)
    cats = ("header", "activities", "fields", "basis", "reports")
    totals = {}  # format or "all" -> {cat: [ok, total]}
    validated = {"all": [0, 0]}

    def add(fmt, cat, ok, total):
        for key in (fmt, "all"):
            t = totals.setdefault(key, {c: [0, 0] for c in cats})
            t[cat][0] += ok
            t[cat][1] += total

    for name, folder, formats in docs:
        expected = yaml.safe_load(open(os.path.join(folder, "expected.yaml"), encoding="utf-8"))
        n_head = len(expected.get("header") or {})
        n_acts = len(expected.get("activities") or [])
        n_fields = sum(1 for a in expected.get("activities") or []
                       for k in ("lead", "partners", "time") if k in a)
        n_basis = sum(1 for b in expected.get("basis") or []
                      for k in ("document", "date", "issuer") if k in b) + ("basis_count" in expected)
        n_reports = sum(1 for r in expected.get("reports") or []
                        for k in ("by", "to", "when", "due") if k in r)
        print(name)
        for fmt in formats:
            src = made.get((name, fmt))
            validated.setdefault(fmt, [0, 0])
            validated[fmt][1] += 1
            validated["all"][1] += 1
            why = None
            if isinstance(src, tuple):
                why = "not made: " + src[1].splitlines()[0]
            else:
                draft_path = os.path.join(work, f"{name}.{fmt}.draft.yaml")
                if os.path.exists(draft_path):
                    os.unlink(draft_path)
                run = subprocess.run([args.kehoach, "import", src, "--id", name, "-o", draft_path],
                                     capture_output=True, text=True, timeout=120)
                if run.returncode != 0 or not os.path.exists(draft_path):
                    first = (run.stderr.strip().splitlines() or [""])[-1]
                    label = "no draft" if fmt == "txt-lo" else "not read"
                    why = f"{label} (exit {run.returncode}: {first})"
            if why:
                add(fmt, "header", 0, n_head)
                add(fmt, "activities", 0, n_acts)
                add(fmt, "fields", 0, n_fields)
                add(fmt, "basis", 0, n_basis)
                add(fmt, "reports", 0, n_reports)
                print(f"  {fmt:7} {why}")
                continue
            text = open(draft_path, encoding="utf-8").read()
            try:
                draft = yaml.safe_load(text) or {}
            except yaml.YAMLError as e:
                draft = None
                load_note = f"does not load: {str(e).splitlines()[0]}"
            if not isinstance(draft, dict):
                add(fmt, "header", 0, n_head)
                add(fmt, "activities", 0, n_acts)
                add(fmt, "fields", 0, n_fields)
                add(fmt, "basis", 0, n_basis)
                add(fmt, "reports", 0, n_reports)
                print(f"  {fmt:7} draft {load_note if draft is None else 'is not a mapping'}")
                continue
            code, errors, unmarked = validate_errors(args.kehoach, draft_path, text)
            if code not in (0, 1):
                vnote = f"validate exited {code}"
            elif unmarked:
                vnote = f"validates: NO, {len(unmarked)} errors not at review marks"
            else:
                validated[fmt][0] += 1
                validated["all"][0] += 1
                vnote = ("validates" if not errors else
                         f"validates except at review marks ({len(errors)} errors)")
            res, found, out_of, n_exp, n_draft = score(expected, draft)
            add(fmt, "activities", found, out_of)
            for cat in ("header", "fields", "basis", "reports"):
                add(fmt, cat, sum(1 for f in res[cat] if f[1]), len(res[cat]))
            h = res["header"]
            f = res["fields"]
            hok, fok = sum(1 for x in h if x[1]), sum(1 for x in f if x[1])
            bok, rok = sum(1 for x in res["basis"] if x[1]), sum(1 for x in res["reports"] if x[1])
            print(f"  {fmt:7} header {hok}/{len(h)} {pct(hok, len(h)):.0f}%"
                  f"  activities {found} of {n_exp} found, {n_draft} drafted {pct(found, out_of):.0f}%"
                  f"  fields {fok}/{len(f)} {pct(fok, len(f)):.0f}%"
                  f"  basis {bok}/{len(res['basis'])}  reports {rok}/{len(res['reports'])}  {vnote}")
            if args.verbose:
                for cat in ("header", "fields", "basis", "reports"):
                    for label, good, want, got in res[cat]:
                        if not good:
                            print(f"      {label}: expected {want!r}, draft {got!r}")
    print()
    for fmt in ALL_FORMATS + ["all"]:
        if fmt not in totals:
            continue
        t = totals[fmt]
        line = "  ".join(f"{c} {pct(*t[c]):.1f}%" for c in cats)
        v = validated[fmt]
        print(f"{'overall' if fmt == 'all' else fmt:8} {line}  drafts valid {v[0]}/{v[1]}")
    failed = False
    for cat, bar in (("header", args.min_header), ("activities", args.min_activities),
                     ("fields", args.min_fields)):
        if bar is not None and pct(*totals["all"][cat]) < bar:
            print(f"{cat}: {pct(*totals['all'][cat]):.1f}% is below {bar}%")
            failed = True
    v = validated["all"]
    if args.all_valid and v[0] < v[1]:
        print(f"drafts valid except at review marks: {v[0]} of {v[1]}")
        failed = True
    if tmp:
        tmp.cleanup()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
