#!/usr/bin/env python3
"""The engine's shape, read from its files (docs/architecture.md).

  - engine/cli/ includes the library through engine/include/kehoach.h
    alone: a command file includes "cli.h", cli.h includes "kehoach.h",
    and neither names a library header itself;
  - the stages of engine/meson.build: each folder of engine/lib/ is a
    stage, and every "x.h" a stage includes is its own or one of a stage
    below it, following 'below' (the build refuses the others: its include
    folders are those stages'); no stage is below itself;
  - one prefix per module: every function a header declares is named
    after the header (orgunits.h: orgunits_...; schema_internal.h, the
    schema module's private header: schema_...; cli.h: cli_...), but for
    xalloc.h, whose functions are x and the C function they stand for
    (xmalloc), as git names them.

usage: layout.py ENGINE_DIR
"""
import ast
import glob
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def includes(path):
    with open(path, encoding="utf-8") as f:
        return INCLUDE.findall(f.read())


COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
DIRECTIVE = re.compile(r"^[ \t]*#(?:[^\n]*\\\n)*[^\n]*", re.M)
STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
FUNCTION = re.compile(r"\b([A-Za-z_]\w*)\s*\(")


def declared_functions(path):
    """The functions a header declares or defines (static inline), read
    from its top level: each statement that is not a typedef or a type's
    definition, named by the first identifier before a '('."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = DIRECTIVE.sub("", COMMENT.sub(" ", STRING.sub('""', text)))
    names, chunk, depth = [], "", 0
    for c in text:
        if depth == 0 and c in ";{":
            head = chunk.strip()
            chunk = ""
            if c == "{" and not re.search(r"\)\s*$", head):
                depth = 1           # a struct, union or enum: not a function
                continue
            if c == "{":
                depth = 1
            if not head.startswith("typedef"):
                m = FUNCTION.search(head)
                if m and m.group(1) != "__attribute__":
                    names.append(m.group(1))
            continue
        if depth:
            depth += (c == "{") - (c == "}")
            continue
        chunk += c
    return names


def prefix_of(header):
    name = os.path.basename(header)[:-2]
    if name == "xalloc":
        return "x"
    return name.removesuffix("_internal") + "_"


def stages_of(meson_build):
    """{stage: [stages directly below]} from the stages table."""
    with open(meson_build, encoding="utf-8") as f:
        text = f.read()
    return {m.group(1): ast.literal_eval(m.group(2))
            for m in re.finditer(r"\{'name': '(\w+)', 'below': (\[[^\]]*\])", text)}


def below_all(stages, name, seen=()):
    if name in seen:
        raise ValueError(f"stage {name} is below itself: {' -> '.join(seen + (name,))}")
    out = set()
    for b in stages[name]:
        out |= {b} | below_all(stages, b, seen + (name,))
    return out


def main():
    engine = sys.argv[1]
    problems = []
    for path in sorted(glob.glob(os.path.join(engine, "cli", "*.[ch]"))):
        name = os.path.basename(path)
        allowed = {"kehoach.h"} if name == "cli.h" else {"cli.h"}
        for inc in includes(path):
            if inc not in allowed:
                problems.append(f"cli/{name} includes \"{inc}\"; the command line reaches the "
                                "library through kehoach.h")
    stages = stages_of(os.path.join(engine, "meson.build"))
    folders = sorted(d for d in os.listdir(os.path.join(engine, "lib"))
                     if os.path.isdir(os.path.join(engine, "lib", d)))
    if folders != sorted(stages):
        problems.append(f"folders of engine/lib {folders}, stages of meson.build {sorted(stages)}")
    home = {}
    for stage in folders:
        for h in glob.glob(os.path.join(engine, "lib", stage, "*.h")):
            home[os.path.basename(h)] = stage
    files = 0
    for stage in folders:
        try:
            seen = {stage} | below_all(stages, stage)
        except (ValueError, KeyError) as e:
            problems.append(str(e))
            continue
        for path in sorted(glob.glob(os.path.join(engine, "lib", stage, "*.[ch]"))):
            files += 1
            for inc in includes(path):
                where = home.get(inc)
                if where is None and inc not in ("version.h",):
                    problems.append(f"{stage}/{os.path.basename(path)} includes \"{inc}\", "
                                    "no header of the library")
                elif where is not None and where not in seen:
                    problems.append(f"{stage}/{os.path.basename(path)} includes \"{inc}\" of "
                                    f"the stage {where}, not below it")
    headers = glob.glob(os.path.join(engine, "lib", "*", "*.h")) + \
        [os.path.join(engine, "cli", "cli.h")]
    functions = 0
    for h in sorted(headers):
        prefix = prefix_of(h)
        for f in declared_functions(h):
            functions += 1
            if not f.startswith(prefix):
                problems.append(f"{os.path.relpath(h, engine)} declares {f}(), not named "
                                f"{prefix}...")
    for p in problems:
        print("FAILED", p)
    print(f"{len(stages)} stages, {files} files of the library, the command line, "
          f"{functions} functions of {len(headers)} headers: {len(problems)} problems")
    return 1 if problems or not files or not functions else 0


if __name__ == "__main__":
    sys.exit(main())
