#!/usr/bin/env python3
"""install.py - what `meson install` puts in place: man pages and completion.

Installs the build into a staging folder (`meson install --destdir`) and
checks what a user gets there, with the installed kehoach and its
installed catalogue:

- man pages: every page manpage.py lists (kehoach.1, one per command of
  main.c, kehoach-plan.5), in man1/ and man5/ and in vi/man1/ and
  vi/man5/; each renders with `man -l` and with `groff -man -Tutf8 -ww`
  without a warning; each command's page names every option of the
  command's option table (read from engine/cli/cmd-*.c, not from the
  help); kehoach-plan.5 every top-level key of schemas/plan.schema.json and
  every key of an activity; and every word of what `kehoach help X` prints
  in the page's language is in the page (so the Vietnamese page is made
  from the Vietnamese help).
- bash completion: the installed file sourced in bash, COMP_WORDS and
  COMP_CWORD set, the function called, COMPREPLY read: a command prefix;
  every command's options against its option table; the --format values
  against those the command's own refusal lists; "--format=j" as bash
  splits it; --state in Vietnamese; plan ids, activity ids and unit names
  from a copy of plans/, against the YAML read with PyYAML; a file name
  where no candidate fits.
- zsh completion, where zsh is installed (skipped and said otherwise): the
  installed function called with compadd and _files stubbed.

usage: install.py BUILD_DIR SOURCE_DIR
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

FAILURES = []
CHECKS = [0]


def check(ok, what):
    CHECKS[0] += 1
    if not ok:
        FAILURES.append(what)
        print("FAILED", what)


def install(build, stage):
    subprocess.run(["meson", "install", "-C", build, "--destdir", stage,
                    "--no-rebuild", "--quiet"], check=True,
                   stdout=subprocess.DEVNULL)
    installed = json.loads(subprocess.run(
        ["meson", "introspect", build, "--installed"], check=True,
        capture_output=True, text=True).stdout)
    return {os.path.relpath(dest, "/"): os.path.join(stage, dest.lstrip("/"))
            for dest in installed.values()}


def find(files, suffix):
    hits = [path for dest, path in files.items() if dest.endswith(suffix)]
    return hits[0] if len(hits) == 1 else None


def option_tables(source):
    """The long options of each command, from its option table."""
    tables = {}
    for path in sorted(glob.glob(os.path.join(source, "engine", "cli",
                                              "cmd-*.c"))):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        table = text.split("option_table[] = {", 1)[1].split("};", 1)[0]
        name = os.path.basename(path)[4:-2]
        tables[name] = set(re.findall(r'\{"([a-z][a-z-]*)",', table))
    return tables


def env_for(stage_bin, localedir, lang):
    env = {k: v for k, v in os.environ.items()
           if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update(PATH=stage_bin + os.pathsep + env.get("PATH", ""),
               LANG="C.UTF-8", LANGUAGE=lang, KEHOACH_LOCALEDIR=localedir,
               MANWIDTH="200", MAN_DISABLE_SECCOMP="1")
    return env


def words(text):
    return set(w.strip(".,;:()\"'[]").lower() for w in text.split()) - {""}


# --- man pages ------------------------------------------------------------

def check_pages(files, source, kehoach, env_of, tables):
    pages = subprocess.run(
        [sys.executable, os.path.join(source, "docs", "man", "manpage.py"),
         "--pages", os.path.join(source, "engine", "cli", "main.c"),
         os.path.join(source, "engine", "cli", "topics.c")],
        check=True, capture_output=True, text=True).stdout.split()
    check(len(pages) == len(tables) + 2,
          f"pages listed: {pages} for {len(tables)} commands")
    with open(os.path.join(source, "schemas", "plan.schema.json"),
              encoding="utf-8") as f:
        schema = json.load(f)
    plan_keys = set(schema["properties"]) | set(
        schema["definitions"]["activity"]["properties"])
    for lang, folder in (("en", "man"), ("vi", "man/vi")):
        env = env_of(lang)
        for page in pages:
            sect = page.rsplit(".", 1)[1]
            path = find(files, f"share/{folder}/man{sect}/{page}")
            check(path is not None, f"{lang}: {page} is installed")
            if path is None:
                continue
            shown = subprocess.run(["man", "--warnings=all", "-l", path],
                                   env=env, capture_output=True, text=True)
            check(shown.returncode == 0 and shown.stdout.strip() and
                  not shown.stderr,
                  f"{lang}: man -l {page}: {shown.returncode} {shown.stderr}")
            groff = subprocess.run(["groff", "-k", "-man", "-Tutf8", "-ww",
                                    "-z", path], capture_output=True,
                                   text=True)
            check(groff.returncode == 0 and not groff.stderr,
                  f"{lang}: groff -ww {page}: {groff.stderr}")
            text = shown.stdout
            topic = page.rsplit(".", 1)[0][len("kehoach-"):]
            helped = subprocess.run(
                [kehoach, "help", topic] if topic else [kehoach, "--help"],
                env=env, capture_output=True, text=True, check=True).stdout
            label = helped.split(":", 1)[0] + ":"   # "usage:", "cách dùng:"
            missing = words(helped) - words(text) - words(label)
            check(not missing,
                  f"{lang}: {page} lacks words of its help: {sorted(missing)}")
            if topic in tables:
                lacking = {o for o in tables[topic] if f"--{o}" not in text}
                check(not lacking,
                      f"{lang}: {page} lacks options {sorted(lacking)}")
            if topic == "plan":
                lacking = {k for k in plan_keys if k not in words(text)}
                check(not lacking,
                      f"{lang}: {page} lacks keys {sorted(lacking)}")


FAKE_HELP = r"""usage: kehoach odd [--format a|b] FILE\N
                   [-x]

.TH looks like a request; 'so does this
\fB is no font, \\ two backslashes, "quoted" -- dashes ---
a line ending in a backslash \

options:
  -f, --format FORMAT   .start of a description, then \e and \-
  --x-y                 'quoted start
"""
FAKE_MAIN = r"""usage: kehoach <command>

Odd help.

commands:
  odd        .a summary with \ a backslash
"""
FAKE = """#!/usr/bin/env python3
import sys
args = sys.argv[1:]
print("kehoach 0.0" if args == ["--version"] else
      %r if args == ["--help"] else %r, end="")
""" % (FAKE_MAIN, FAKE_HELP)


def check_escaping(source):
    """Help text that roff would read as requests, escapes or fonts comes
    out of manpage.py as written (a kehoach that prints such help), and
    every hyphen is written \\- (a minus a reader can copy)."""
    work = tempfile.mkdtemp(prefix="kehoach-man-")
    try:
        fake = os.path.join(work, "kehoach")
        with open(fake, "w", encoding="utf-8") as f:
            f.write(FAKE)
        os.chmod(fake, 0o755)
        subprocess.run([sys.executable, os.path.join(
            source, "docs", "man", "manpage.py"), fake, work, "en", work,
            "kehoach-odd.1"], check=True)
        page = os.path.join(work, "kehoach-odd.1")
        with open(page, encoding="utf-8") as f:
            roff = f.read()
        bare = [line for line in roff.split("\n")
                if not line.startswith('.\\"')
                and re.search(r"(?<!\\)-", line)]
        check(not bare, f"hyphens not written \\-: {bare}")
        out = subprocess.run(["groff", "-k", "-man", "-Tutf8", "-ww", "-P-c",
                              "-P-b", "-P-u", page],
                             capture_output=True, text=True)
        check(not out.stderr, f"groff -ww on odd help: {out.stderr}")
        flat = " ".join(out.stdout.split())
        for want in (".TH looks like a request; 'so does this",
                     r'\fB is no font, \\ two backslashes, "quoted" -- dashes ---',
                     "a line ending in a backslash \\",
                     r".start of a description, then \e and \-",
                     "'quoted start", "--x-y", r"FILE\N",
                     r".a summary with \ a backslash"):
            check(want in flat, f"odd help: {want!r} not in {flat!r}")
    finally:
        shutil.rmtree(work)


# --- completion -----------------------------------------------------------

BASH = r"""
source "$1"
shift
COMP_CWORD=$1
shift
COMP_WORDS=("$@")
_kehoach
printf '%s\n' "${COMPREPLY[@]}"
"""


def bash_complete(script, env, cwd, *words):
    """COMPREPLY for the words as bash splits them (the last is the word
    being completed)."""
    out = subprocess.run(["bash", "--norc", "--noprofile", "-c", BASH,
                          "bash", script, str(len(words) - 1), *words],
                         env=env, cwd=cwd, capture_output=True, text=True)
    check(out.returncode == 0 and not out.stderr,
          f"bash completion of {words}: {out.stderr}")
    return [w for w in out.stdout.split("\n") if w]


ZSH = r"""
fpath=("$1" $fpath)
shift
compadd() { while [[ $1 == -* && $1 != -- ]]; do shift; done; shift;
            print -rl -- "$@"; }
_files() { print -r -- FILES; }
CURRENT=$1
shift
words=("$@")
autoload -Uz _kehoach
_kehoach
"""


def zsh_complete(script, env, cwd, *words):
    out = subprocess.run(["zsh", "-f", "-c", ZSH, "zsh",
                          os.path.dirname(script), str(len(words)), *words],
                         env=env, cwd=cwd, capture_output=True, text=True)
    check(out.returncode == 0 and not out.stderr,
          f"zsh completion of {words}: {out.stderr}")
    return [w for w in out.stdout.split("\n") if w]


def unquote(word):
    """A COMPREPLY entry as the shell reads it back (printf %q)."""
    return re.sub(r"\\(.)", r"\1", word)


def plans_read(folder):
    """Plan ids, activity ids by plan and lead and partner names, from the
    YAML files."""
    ids, activities, units = set(), {}, set()
    for path in glob.glob(os.path.join(folder, "*.yaml")):
        if re.search(r"\.(progress|notes-[^.]+)\.yaml$", path):
            continue
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        ids.add(doc["id"])
        found = activities.setdefault(doc["id"], set())

        def walk(sections):
            for s in sections or []:
                for a in s.get("activities") or []:
                    found.add(str(a["id"]))
                    for key in ("lead", "partners"):
                        v = a.get(key)
                        units.update([v] if isinstance(v, str) else v or [])
                walk(s.get("sections"))
        walk(doc.get("sections"))
    return ids, activities, units


def check_completion(files, source, kehoach, env, tables):
    script = find(files, "share/bash-completion/completions/kehoach")
    check(script is not None, "bash completion is installed")
    zsh_script = find(files, "share/zsh/site-functions/_kehoach")
    check(zsh_script is not None, "zsh completion is installed")
    if script is None:
        return
    work = tempfile.mkdtemp(prefix="kehoach-complete-")
    try:
        shutil.copytree(os.path.join(source, "plans"),
                        os.path.join(work, "plans"))
        here = os.path.join(work, "plans")
        ids, activities, units = plans_read(here)

        def bash(*w, cwd=work):
            return bash_complete(script, env, cwd, "kehoach", *w)

        check(bash("st") == ["status"], f"'st': {bash('st')}")
        check(set(bash("")) >= set(tables) | {"help"},
              f"'': {bash('')}")
        check(bash("help", "pl") == ["plan"], "'help pl'")
        for cmd, options in tables.items():
            offered = {w[2:] for w in bash(cmd, "--")
                       if not w.startswith("--color=")} - {"help"}
            check(offered == options,
                  f"{cmd} --: {sorted(offered)}, the table {sorted(options)}")
        check(bash("deadlines", "--fo") == ["--format"],
              f"deadlines --fo: {bash('deadlines', '--fo')}")
        for cmd in ("validate", "deadlines", "status"):
            refusal = subprocess.run([kehoach, cmd, "--format", "x"],
                                     env=dict(env, LANGUAGE="en"),
                                     capture_output=True, text=True).stderr
            m = re.search(r"unknown format 'x'; use (.*)", refusal)
            accepted = set(re.split(r", | or ", m.group(1))) if m else set()
            check(accepted and set(bash(cmd, "--format", "")) == accepted,
                  f"{cmd} --format: {bash(cmd, '--format', '')},"
                  f" accepted {accepted}")
            check(set(bash(cmd, "-f", "")) == accepted, f"{cmd} -f")
        check(bash("status", "--format", "=", "j") == ["json"],
              f"--format=j: {bash('status', '--format', '=', 'j')}")
        check(bash("deadlines", "--role", "") == ["lead", "partner", "any"],
              "deadlines --role")
        check(bash("status", "--color", "=", "n") == ["never"], "--color=n")
        check("Hoàn\\ thành" in bash("update", "x", "1", "--state", "ho"),
              f"--state ho: {bash('update', 'x', '1', '--state', 'ho')}")
        check(set(bash("update", "", cwd=here)) == ids,
              f"plan ids: {bash('update', '', cwd=here)}, the files {ids}")
        check(bash("update", "hai", cwd=here) == ["hai-phong-nkt-2026"],
              "plan id 'hai'")
        got = set(bash("update", "hai-phong-nkt-2026", "", cwd=here))
        want = activities["hai-phong-nkt-2026"]
        check(got - {"BC1", "BC2", "BC3", "BC4"} == want and "BC1" in got,
              f"activity ids: {sorted(got)}, the file {sorted(want)}")
        got = {unquote(w) for w in bash("status", "plans", "--unit", "Sở")}
        want = {u for u in units if u.startswith("Sở")}
        check(want and want <= got,
              f"--unit Sở: {sorted(got)}, the files {sorted(want)}")
        got = bash("status", "plans", "--unit", "=", "So\\ Y")
        check("Sở\\ Y\\ tế" in got and all(w.startswith("Sở\\ Y") for w in got),
              f"--unit=So\\ Y: {got}")
        # a unit name a terminal would act on is not offered
        os.mkdir(os.path.join(work, "odd"))
        with open(os.path.join(here, "hai-phong-nkt-2026.yaml"),
                  encoding="utf-8") as f:
            odd = re.sub(r"lead: S.*", r'lead: "Sở \\e[31mĐỏ\\u202e"', f.read(),
                         count=1)
        with open(os.path.join(work, "odd", "p.yaml"), "w",
                  encoding="utf-8") as f:
            f.write(odd)
        got = bash("status", "odd", "--unit", "")
        check(got and not any(re.search("[\x00-\x1f\x7f\u202e]", w)
                              or "Đỏ" in w for w in got),
              f"a unit name with ESC and U+202E: {got}")
        # the units of a folder's registry, with the names the plans write
        shutil.copytree(os.path.join(work, "odd"), os.path.join(work, "reg"))
        with open(os.path.join(work, "reg", "units.yaml"), "w",
                  encoding="utf-8") as f:
            f.write("units:\n  - id: ptp-huyen\n    name: Phòng Tư pháp huyện"
                    " Thử\n    aliases: [Phòng Tư pháp]\n")
        got = {unquote(w) for w in bash("status", "reg", "--unit", "")}
        check({"ptp-huyen", "Phòng Tư pháp huyện Thử", "Phòng Tư pháp"} <= got
              and "Sở Y tế" in got, f"a folder's registry: {sorted(got)}")
        check(bash("validate", "pla") == ["plans"],
              f"a file: {bash('validate', 'pla')}")
        if zsh_script is None or not shutil.which("zsh"):
            print("zsh is not installed: its completion is not run")
            return

        def zsh(*w, cwd=work):
            return zsh_complete(zsh_script, env, cwd, "kehoach", *w)

        check(zsh("st") == ["status"], f"zsh 'st': {zsh('st')}")
        check(zsh("status", "--format=j") == ["--format=json"],
              f"zsh --format=j: {zsh('status', '--format=j')}")
        check(set(zsh("update", "", cwd=here)) == ids, "zsh plan ids")
        check(zsh("validate", "pla") == ["FILES"], "zsh a file")
    finally:
        shutil.rmtree(work)


def main():
    build, source = sys.argv[1:3]
    for tool in ("man", "groff", "bash"):
        if not shutil.which(tool):
            print(f"{tool} is not installed")
            return 77
    stage = tempfile.mkdtemp(prefix="kehoach-stage-")
    try:
        files = install(build, stage)
        kehoach = find(files, "bin/kehoach")
        localedir = os.path.dirname(os.path.dirname(os.path.dirname(
            find(files, "vi/LC_MESSAGES/kehoach.mo"))))
        tables = option_tables(source)

        def env_of(lang):
            return env_for(os.path.dirname(kehoach), localedir, lang)

        check_escaping(source)
        check_pages(files, source, kehoach, env_of, tables)
        check_completion(files, source, kehoach, env_of("vi"), tables)
    finally:
        shutil.rmtree(stage)
    print(f"{CHECKS[0]} checks, {len(FAILURES)} failed")
    return 1 if FAILURES else 0


sys.exit(main())
