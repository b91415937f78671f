#!/usr/bin/env python3
"""Broken copies of the real plans never crash or hang kehoach.

For every plan in PLANS_DIR, every progress log there (each mutant beside
its intact plan) and every report template in TEMPLATES_DIR, makes
mutants of its text: truncated at every
line start and at random bytes, bytes corrupted, inserted or replaced by
NUL, indentation broken (a space more or less, a tab), each line holding a
key deleted, keys misspelt. Runs `kehoach validate --format json` on each,
one process per file, and requires:
  - no crash and no hang: exit code 0 or 1 within the time limit;
  - exit code 1 with at least one error that has a line and a column,
    unless the mutant still reads as a conforming plan to an independent
    reader (PyYAML with YAML 1.2 scalars + python-jsonschema, with the
    plan, log or template schema): a plan truncated inside its last
    value, for instance, is still a plan.
Prints the counts per kind of mutation.

usage: mutate.py KEHOACH SCHEMA_FILE PLANS_DIR TEMPLATES_DIR
"""
import concurrent.futures
import glob
import json
import os
import random
import re
import subprocess
import sys
import tempfile

import jsonschema

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import yaml12  # noqa: E402

RANDOM_PER_KIND = 40
TIMEOUT = 60  # seconds: a guard against hangs, not a speed check
KEY_LINE = re.compile(rb"^( *)(- )?([a-z_]+):", re.M)


def mutants(text, rng):
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line))
    for s in starts[1:]:
        yield "truncate-line", text[:s]
    for _ in range(RANDOM_PER_KIND):
        yield "truncate-byte", text[:rng.randrange(1, len(text))]
    for _ in range(RANDOM_PER_KIND):
        b = bytearray(text)
        for _ in range(rng.randrange(1, 4)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        yield "corrupt", bytes(b)
    for _ in range(RANDOM_PER_KIND // 2):
        i = rng.randrange(len(text))
        yield "insert", text[:i] + bytes(rng.randrange(256) for _ in range(3)) + text[i:]
    for _ in range(RANDOM_PER_KIND // 2):
        i = rng.randrange(len(text))
        yield "nul", text[:i] + b"\0" + text[i + 1:]
    keyed = [i for i, line in enumerate(lines) if KEY_LINE.match(line)]
    for _ in range(RANDOM_PER_KIND):
        i = rng.choice(keyed)
        line = lines[i]
        indent = len(line) - len(line.lstrip(b" "))
        choice = rng.randrange(3)
        if choice == 0:
            new = b" " + line
        elif choice == 1 and indent:
            new = line[1:]
        else:
            new = b"\t" + line.lstrip(b" ")
        yield "indent", b"".join(lines[:i] + [new] + lines[i + 1:])
    for i in keyed:
        yield "delete-line", b"".join(lines[:i] + lines[i + 1:])
    for _ in range(RANDOM_PER_KIND):
        i = rng.choice(keyed)
        m = KEY_LINE.match(lines[i])
        key = m.group(3)
        pos = rng.randrange(len(key))
        wrong = key[:pos] + bytes([rng.choice(b"abcdefghijklmnopqrstuvwxyz")]) + key[pos + 1:]
        if wrong == key:
            wrong = key + b"s"
        new = lines[i][:m.start(3)] + wrong + lines[i][m.end(3):]
        yield "misspell", b"".join(lines[:i] + [new] + lines[i + 1:])


INNER_TAB = re.compile(r"(?<=\S)\t")


def still_a_plan(data, validator):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    # PyYAML refuses a tab inside plain text, which YAML allows (and
    # kehoach accepts); as a space it reads the same for the schema.
    text = "\n".join(INNER_TAB.sub(" ", line) for line in text.split("\n"))
    try:
        doc = yaml12.load(text)
    except Exception:
        return False
    return validator.is_valid(doc)


def run_one(kehoach, path):
    try:
        proc = subprocess.run([kehoach, "validate", "--format", "json", path],
                              capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return "hang", None
    if proc.returncode not in (0, 1):
        return f"exit {proc.returncode}: {proc.stderr.decode(errors='replace')[:300]}", None
    report = json.loads(proc.stdout)
    positioned = any(d["severity"] == "error" and d["line"] and d["column"]
                     for d in report["diagnostics"])
    return proc.returncode, positioned


def main():
    kehoach, schema_file, plans_dir, templates_dir = sys.argv[1:5]
    with open(schema_file, encoding="utf-8") as f:
        validator = jsonschema.Draft7Validator(json.load(f))
    rng = random.Random(11232026)
    counts, failures = {}, []
    with tempfile.TemporaryDirectory(prefix="kehoach-mutants-") as work:
        jobs = []
        for plan in sorted(p for p in glob.glob(os.path.join(plans_dir, "*.yaml"))
                   if not p.endswith(".progress.yaml")
                   and not re.search(r"\.notes-[^./]+\.ya?ml$", p)):
            with open(plan, "rb") as f:
                text = f.read()
            for n, (kind, data) in enumerate(mutants(text, rng)):
                path = os.path.join(work, f"{os.path.basename(plan)}.{kind}.{n}.yaml")
                with open(path, "wb") as f:
                    f.write(data)
                jobs.append((kind, path, still_a_plan(data, validator)))
        # progress logs: each mutant beside a link to its (intact) plan
        with open(os.path.join(os.path.dirname(schema_file), "progress.schema.json"),
                  encoding="utf-8") as f:
            log_validator = jsonschema.Draft7Validator(json.load(f))
        for log in sorted(glob.glob(os.path.join(plans_dir, "*.progress.yaml"))):
            plan = os.path.abspath(log[:-len(".progress.yaml")] + ".yaml")
            with open(log, "rb") as f:
                text = f.read()
            for n, (kind, data) in enumerate(mutants(text, rng)):
                stem = os.path.join(work, f"log-{os.path.basename(plan)[:-5]}.{kind}.{n}")
                os.symlink(plan, stem + ".yaml")
                path = stem + ".progress.yaml"
                with open(path, "wb") as f:
                    f.write(data)
                jobs.append(("log-" + kind, path, still_a_plan(data, log_validator)))
        # report templates: a template is told by its name's ending
        with open(os.path.join(os.path.dirname(schema_file), "template.schema.json"),
                  encoding="utf-8") as f:
            template_validator = jsonschema.Draft7Validator(json.load(f))
        for template in sorted(glob.glob(os.path.join(templates_dir, "*.template.yaml"))):
            with open(template, "rb") as f:
                text = f.read()
            name = os.path.basename(template)[:-len(".template.yaml")]
            for n, (kind, data) in enumerate(mutants(text, rng)):
                path = os.path.join(work, f"{name}.{kind}.{n}.template.yaml")
                with open(path, "wb") as f:
                    f.write(data)
                jobs.append(("tpl-" + kind, path, still_a_plan(data, template_validator)))
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            results = pool.map(lambda job: run_one(kehoach, job[1]), jobs)
            for (kind, path, valid), (code, positioned) in zip(jobs, results):
                c = counts.setdefault(kind, [0, 0, 0])
                c[0] += 1
                if code == 1 and positioned:
                    c[1] += 1
                elif code == 0 and valid:
                    c[2] += 1
                else:
                    failures.append(f"{os.path.basename(path)}: exit {code}, "
                                    f"positioned error: {positioned}, "
                                    f"independent reader: {'plan' if valid else 'not a plan'}")
    for kind, (total, refused, fine) in sorted(counts.items()):
        print(f"{kind:14} {total:5} mutants: {refused} refused with a position, "
              f"{fine} still valid plans")
    for f in failures:
        print("FAILED", f)
    print(f"{sum(c[0] for c in counts.values())} mutants, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
