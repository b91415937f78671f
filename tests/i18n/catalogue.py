#!/usr/bin/env python3
"""The Vietnamese catalogue holds every message, translated, with the same
placeholders as its English source.

- po/POTFILES lists every C source of the engine (embed.c, a build tool,
  aside), and nothing that is not one;
- xgettext, run with the keywords of po/keywords over those sources, finds
  the messages; msgcmp holds po/vi.po to them: each must be there,
  translated and not fuzzy; and po/vi.po holds no message the sources no
  longer have;
- msgfmt --check-format: each translation of a C format has the same
  conversions, in number, type and order (or positions), as its source;
- besides the conversions, every option name (--format) and every number
  of the source is in the translation, since a reader types them.

usage: catalogue.py REPO
"""
import os
import re
import subprocess
import sys
import tempfile


def unquote(text):
    """The text of a PO string literal's inside."""
    return bytes(text, "utf-8").decode("unicode_escape").encode(
        "latin-1").decode("utf-8")


def po_entries(path):
    """(msgid, [msgstr...], fuzzy) of each live entry of a PO file, the
    header aside."""
    entries, cur, field, flags = [], None, None, ""
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        if line.startswith("#,"):
            flags = line
        m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
        if m:
            field = m.group(1)
            if field in ("msgctxt", "msgid") and not (cur and cur["ctxt"] and field == "msgid"):
                cur = {"ctxt": field == "msgctxt", "msgid": "", "msgstr": [],
                       "fuzzy": "fuzzy" in flags}
                entries.append(cur)
                flags = ""
            if field.startswith("msgstr"):
                cur["msgstr"].append("")
            text = m.group(2)
        elif line.startswith('"'):
            text = line[1:-1]
        else:
            continue
        if field == "msgid":
            cur["msgid"] += unquote(text)
        elif field.startswith("msgstr"):
            cur["msgstr"][-1] += unquote(text)
    return [(e["msgid"], e["msgstr"], e["fuzzy"]) for e in entries if e["msgid"]]


def main():
    repo = sys.argv[1]
    po = os.path.join(repo, "po")
    problems = []

    listed = [l.strip() for l in open(os.path.join(po, "POTFILES"))
              if l.strip() and not l.startswith("#")]
    sources = sorted(os.path.relpath(os.path.join(d, f), repo)
                     for d, _, fs in os.walk(os.path.join(repo, "engine"))
                     for f in fs if f.endswith(".c"))
    sources = [s for s in sources if s != "engine/embed.c"]
    for s in sorted(set(sources) - set(listed)):
        problems.append(f"po/POTFILES does not list {s}")
    for s in sorted(set(listed) - set(sources)):
        problems.append(f"po/POTFILES lists {s}, which is not an engine source")

    keywords = [l.strip() for l in open(os.path.join(po, "keywords"))
                if l.strip() and not l.startswith("#")]
    args = ["xgettext", "--from-code=UTF-8", "-C", "-D", repo]
    for kw in keywords:
        args.append("--keyword=" + kw)
        name, _, arg = kw.partition(":")
        if name not in ("_", "N_", "P_"):
            args.append(f"--flag={name}:{arg}:c-format")
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "kehoach.pot")
        subprocess.run(args + ["-o", pot] + listed, check=True)
        for a, b, what in ((os.path.join(po, "vi.po"), pot, "missing or untranslated"),
                           (pot, os.path.join(po, "vi.po"), "no longer in the sources")):
            extra = ["--use-untranslated"] if what.startswith("no longer") else []
            proc = subprocess.run(["msgcmp"] + extra + [a, b],
                                  capture_output=True, text=True)
            if proc.returncode != 0:
                problems.append(f"messages {what} in po/vi.po:\n{proc.stderr}")
        source_ids = {m for m, _, _ in po_entries(pot)}
    proc = subprocess.run(["msgfmt", "--check", "--check-format", "-o", os.devnull,
                           os.path.join(po, "vi.po")], capture_output=True, text=True)
    if proc.returncode != 0:
        problems.append(f"msgfmt --check on po/vi.po:\n{proc.stderr}")

    entries = po_entries(os.path.join(po, "vi.po"))
    for msgid, msgstrs, fuzzy in entries:
        if fuzzy:
            problems.append(f"fuzzy: {msgid!r}")
        for msgstr in msgstrs:
            if not msgstr:
                problems.append(f"not translated: {msgid!r}")
                continue
            for token in sorted(set(re.findall(r"--[a-z][a-z-]*|\b\d+\b", msgid))):
                if token not in msgstr:
                    problems.append(f"{token} is missing from the translation of "
                                    f"{msgid!r}: {msgstr!r}")
    print(f"{len(source_ids)} messages in the sources, {len(entries)} in po/vi.po, "
          f"{sum(1 for _, s, f in entries if all(s) and not f)} translated")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
