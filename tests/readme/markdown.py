#!/usr/bin/env python3
"""The README and the pages of docs/ render as meant.

In each file given:

- one title (# heading), on the first line, and no heading more than one
  level below the one before it;
- every ``` fence closed;
- every table with a separator row under its header and as many cells in
  each row as in the header;
- every relative link names a file that exists, and a #fragment names a
  heading of that file (GitHub's anchors: lower case, punctuation dropped,
  spaces as hyphens, a repeated heading numbered -1, -2...).

Links to other sites are not followed.

usage: markdown.py FILE...
"""
import os
import re
import sys

FENCE = re.compile(r"^```")
HEADING = re.compile(r"^(#{1,6}) +(.*?) *#*$")
LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")
CODE_SPAN = re.compile(r"`[^`]*`")


def prose_lines(text):
    """(line number, line) outside fenced code blocks; raises on an
    unclosed fence."""
    out, fenced, opened = [], False, 0
    for number, line in enumerate(text.split("\n"), 1):
        if FENCE.match(line):
            fenced, opened = not fenced, number
            continue
        if not fenced:
            out.append((number, line))
    if fenced:
        raise ValueError(f"line {opened}: a ``` fence is never closed")
    return out


def slug(heading):
    """GitHub's anchor for a heading's text."""
    text = CODE_SPAN.sub(lambda m: m.group(0)[1:-1], heading)
    text = LINK.sub(lambda m: m.group(1), text)
    text = "".join(c for c in text.lower() if c.isalnum() or c in " -_")
    return text.replace(" ", "-")


def anchors(lines):
    seen, out = {}, set()
    for _, line in lines:
        m = HEADING.match(line)
        if m:
            base = slug(m.group(2))
            n = seen.get(base, 0)
            seen[base] = n + 1
            out.add(base if n == 0 else f"{base}-{n}")
    return out


def cells(row):
    """A table row's cells; a | inside a code span does not split."""
    row = CODE_SPAN.sub(lambda m: "x" * len(m.group(0)), row.strip())
    return row.strip("|").split("|")


def check(path, pages):
    """(problems, links) of one page."""
    problems, links = [], 0
    text = open(path, encoding="utf-8").read()
    try:
        lines = prose_lines(text)
    except ValueError as e:
        return [str(e)], 0
    headings = [(n, len(HEADING.match(l).group(1))) for n, l in lines if HEADING.match(l)]
    if not headings or headings[0] != (1, 1):
        problems.append("line 1: the page does not start with its # title")
    problems += [f"line {n}: a second # title" for n, level in headings[1:] if level == 1]
    for (_, before), (n, level) in zip(headings, headings[1:]):
        if level > before + 1:
            problems.append(f"line {n}: a level-{level} heading under a level-{before} one")
    for i, (n, line) in enumerate(lines):
        if not line.startswith("|"):
            continue
        if i > 0 and lines[i - 1][1].startswith("|"):
            continue                                  # not a table's first row
        width = len(cells(line))
        rows = [(n, line)]
        for m, more in lines[i + 1:]:
            if not more.startswith("|"):
                break
            rows.append((m, more))
        if len(rows) < 2 or not re.fullmatch(r"\|( *:?-+:? *\|)+", rows[1][1].strip()):
            problems.append(f"line {n}: a table without a separator row under its header")
        for m, row in rows:
            if len(cells(row)) != width:
                problems.append(f"line {m}: {len(cells(row))} cells in a table of {width} columns")
    here = os.path.dirname(path)
    prose = [""] * (text.count("\n") + 1)           # code blocks blanked
    for n, line in lines:
        prose[n - 1] = CODE_SPAN.sub("", line)
    prose = "\n".join(prose)
    for m in LINK.finditer(prose):                   # link text may wrap
        n, target = prose.count("\n", 0, m.start()) + 1, m.group(2)
        links += 1
        if re.match(r"[a-z]+:", target):
            continue
        file, _, fragment = target.partition("#")
        dest = os.path.normpath(os.path.join(here, file)) if file else path
        if not os.path.exists(dest):
            problems.append(f"line {n}: link to '{target}': no such file")
            continue
        if fragment:
            if dest not in pages:
                try:
                    pages[dest] = anchors(prose_lines(open(dest, encoding="utf-8").read()))
                except ValueError:
                    pages[dest] = set()           # its own check says why
            if fragment not in pages[dest]:
                problems.append(f"line {n}: link to '{target}': no such heading there")
    return problems, links


def main():
    paths = [os.path.abspath(p) for p in sys.argv[1:]]
    pages, failed, links = {}, 0, 0
    for path in paths:
        problems, n = check(path, pages)
        links += n
        for problem in problems:
            failed += 1
            print(f"{os.path.relpath(path)}: {problem}")
    print(f"{len(paths)} pages, {links} links checked; {failed} problems")
    return 1 if failed or not links else 0


if __name__ == "__main__":
    sys.exit(main())
