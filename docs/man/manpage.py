#!/usr/bin/env python3
"""manpage.py - the man pages of kehoach, made from what kehoach shows.

The one source of a man page is the help kehoach prints in that language
(`kehoach --help`, `kehoach help CMD`, `kehoach help plan`), read from the
built kehoach with its catalogue, so a page says what --help says and
cannot drift from it. The help keeps one layout, which is all this script
knows: a usage block ("usage: kehoach ..."), paragraphs, a heading alone
on its line ending in ':' ("options:", "tùy chọn:"), items indented by two
spaces with their description beside or below them ("  -f, --format
FORMAT   text or json"), and an example indented by four. Only the page's
own headings (NAME, DESCRIPTION, SEE ALSO) are words of this script.

usage: manpage.py --pages MAIN_C TOPICS_C
           the pages there are: kehoach.1, kehoach-CMD.1 for each command
           of main.c's table, kehoach-TOPIC.5 for each topic of topics.c
       manpage.py KEHOACH LOCALEDIR LANG OUTDIR PAGE...
           writes each PAGE into OUTDIR, in LANG (en or vi)
"""
import os
import re
import subprocess
import sys

HEADINGS = {
    "en": {"name": "NAME", "synopsis": "SYNOPSIS", "description": "DESCRIPTION",
           "see": "SEE ALSO"},
    "vi": {"name": "TÊN", "synopsis": "CÁCH DÙNG", "description": "MÔ TẢ",
           "see": "XEM THÊM"},
}


def list_pages(main_c, topics_c):
    with open(main_c, encoding="utf-8") as f:
        table = f.read().split("commands[] = {", 1)[1].split("};", 1)[0]
    with open(topics_c, encoding="utf-8") as f:
        topics = re.findall(r'\{"([a-z]+)", N_\(', f.read())
    pages = ["kehoach.1"]
    pages += [f"kehoach-{c}.1" for c in re.findall(r"&cmd_(\w+)_info", table)]
    pages += [f"kehoach-{t}.5" for t in topics]
    return pages


def run(kehoach, localedir, lang, *args):
    env = {k: v for k, v in os.environ.items()
           if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    env.update(LANGUAGE=lang, LANG="C.UTF-8", KEHOACH_LOCALEDIR=localedir)
    out = subprocess.run([kehoach, *args], env=env, capture_output=True,
                         text=True, check=True)
    return out.stdout


def esc(text):
    """Text as roff reads it literally: backslashes, hyphens (minus signs a
    reader can copy: options, dates, ids), a leading dot or quote."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + text if text[:1] in (".", "'") else text


def term(text):
    """An item's term: options and names bold, placeholders in capitals
    italic ("-o, --output FILE.xlsx", "id", "PATH", "ĐƯỜNG_DẪN")."""
    out = []
    for word in re.split(r"(,? )", text):
        if not word.strip(", "):
            out.append(esc(word))
        elif (not word.startswith("-")
              and re.split(r"[.=]", word)[0].replace("_", "").isupper()):
            out.append("\\fI" + esc(word) + "\\fR")
        else:
            out.append("\\fB" + esc(word) + "\\fR")
    return "".join(out)


def indent(line):
    return len(line) - len(line.lstrip(" "))


def blocks(text):
    """The help's blocks: lists of lines between blank lines."""
    out, cur = [], []
    for line in text.rstrip("\n").split("\n"):
        if line.strip():
            cur.append(line.rstrip())
        elif cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def is_heading(line):
    return (indent(line) == 0 and line.endswith(":")
            and len(line.split()) <= 4)


def items(lines):
    """Items indented by two: (term, description) pairs."""
    groups = []
    for line in lines:
        if indent(line) == 2 or not groups:
            groups.append([line])
        else:
            groups[-1].append(line)
    pairs = []
    for first, *rest in groups:
        body = first[2:]
        gap = re.search(r"\S(  +)\S", body)
        col = indent(rest[0]) - 2 if rest else None
        if gap:
            name, desc = body[:gap.start(1)], body[gap.end(1):]
        elif col and len(body) > col and body[col - 1] == " ":
            name, desc = body[:col].rstrip(), body[col:]
        else:
            name, desc = body, ""
        words = [desc] + [r.strip() for r in rest]
        pairs.append((name.strip(), " ".join(w for w in words if w)))
    return pairs


def body(blocks_, out):
    """Paragraphs, headings, items and examples as roff lines."""
    for block in blocks_:
        if is_heading(block[0]):
            out += [".SH " + esc(block[0][:-1].upper())]
            block = block[1:]
        i = 0
        while i < len(block):
            j = i
            if indent(block[i]) >= 4:
                while j < len(block) and indent(block[j]) >= 4:
                    j += 1
                out += [".PP", ".RS 4", ".nf"]
                out += [esc(line[4:]) for line in block[i:j]]
                out += [".fi", ".RE"]
            elif indent(block[i]) == 2:
                while j < len(block) and indent(block[j]) >= 2:
                    j += 1
                for name, desc in items(block[i:j]):
                    out += [".TP", term(name)]
                    if desc:
                        out.append(esc(desc))
            else:
                while j < len(block) and indent(block[j]) == 0:
                    j += 1
                out += [".PP", esc(" ".join(block[i:j]))]
            i = j


def synopsis(block):
    """The usage block without its "usage:" label ("cách dùng:" is longer):
    each form from "kehoach", its further lines under its arguments."""
    lines = []
    for line in [block[0][block[0].index("kehoach"):]] + block[1:]:
        line = line.strip()
        if line.startswith("kehoach"):
            hang = " " * len(" ".join(line.split()[:2]) + " ")
            lines.append(line)
        else:
            lines.append(hang + line)
    return [".nf"] + [esc(line) for line in lines] + [".fi"]


def summaries(main_help):
    """The one line of each command and topic, from the list of --help."""
    found = {}
    for line in main_help.split("\n"):
        m = re.match(r"  (?:help )?([a-z]+) +(\S.*)$", line)
        if m:
            found[m.group(1)] = m.group(2)
    return found


def page(kehoach, localedir, lang, name, pages, version):
    words = HEADINGS[lang]
    main_help = run(kehoach, localedir, lang, "--help")
    title, section = name.rsplit(".", 1)
    topic = title.split("-", 1)[1] if "-" in title else None
    text = run(kehoach, localedir, lang, "help", topic) if topic else main_help
    parts = blocks(text)
    if topic:
        summary = summaries(main_help)[topic]
    else:  # the first sentence of the paragraph under the usage
        summary = " ".join(parts[1]).split(". ")[0].rstrip(".")
    out = ['.\\" -*- coding: UTF-8 -*-',
           '.\\" Made by docs/man/manpage.py from what kehoach'
           f' {" ".join(["help", topic] if topic else ["--help"])} prints.',
           f'.TH {esc(title.upper())} {section} "" "{esc(version)}" "kehoach"',
           ".nh", ".ad l",
           ".SH " + words["name"], f"{esc(title)} \\- {esc(summary)}"]
    if section == "1":
        out += [".SH " + words["synopsis"]] + synopsis(parts[0])
        rest = parts[1:]
    else:
        rest = [parts[0][1:]] if len(parts[0]) > 1 else []
        rest += parts[1:]
    out += [".SH " + words["description"]]
    body(rest, out)
    see = [p for p in pages if p != name and (not topic or p in (
        "kehoach.1", "kehoach-plan.5"))]
    if see:
        out += [".SH " + words["see"], ",\n".join(
            "\\fB%s\\fR(%s)" % (esc(p.rsplit(".", 1)[0]), p.rsplit(".", 1)[1])
            for p in see)]
    return "\n".join(out) + "\n"


def main(argv):
    if argv[1:2] == ["--pages"]:
        print("\n".join(list_pages(argv[2], argv[3])))
        return 0
    kehoach, localedir, lang, outdir, *pages = argv[1:]
    version = run(kehoach, localedir, lang, "--version").strip()
    for name in pages:
        text = page(kehoach, localedir, lang, name, pages, version)
        with open(os.path.join(outdir, name), "w", encoding="utf-8") as f:
            f.write(text)
    return 0


sys.exit(main(sys.argv))
