#!/usr/bin/env python3
"""Does kehoach agree with an independent validator on schema conformance?

The independent validator is python-jsonschema (Draft7Validator) over the
same schema file, reading YAML the way kehoach does (yaml12.py). First
every schema in the schema's folder must be a valid draft-07 schema by
that validator. Then,
for every plan in PLANS_DIR and for mutants of it made on the data
(keys removed, added or misspelt, values of the wrong type, empty texts
and lists, ids and dates in the wrong form, year and span together, ...),
both must give the same verdict: conforms or not. The progress logs in
PLANS_DIR and their mutants are compared the same way, against
progress.schema.json beside SCHEMA_FILE, and so are the notes files
(PLAN.notes-PERIOD.yaml), against notes.schema.json. kehoach's verdict is
"no error of stage yaml or schema" in `kehoach validate --format json`;
meaning checks (stage "meaning") are beyond the schema and not compared.

usage: agree.py KEHOACH SCHEMA_FILE PLANS_DIR
"""
import copy
import glob
import json
import os
import re
import random
import subprocess
import sys
import tempfile

import jsonschema
import yaml

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import yaml12  # noqa: E402

MUTANTS_PER_PLAN = 150
WRONG_VALUES = [0, 12, 2026.5, True, None, "", "văn bản", [], ["a"], {}, {"x": 1}]


def paths(data, prefix=()):
    """Every (path, value) in the tree."""
    yield prefix, data
    if isinstance(data, dict):
        for k, v in data.items():
            yield from paths(v, prefix + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from paths(v, prefix + (i,))


def get(data, path):
    for p in path:
        data = data[p]
    return data


def mutate(data, rng):
    d = copy.deepcopy(data)
    every = list(paths(d))
    objects = [p for p, v in every if isinstance(v, dict)]
    lists = [p for p, v in every if isinstance(v, list)]
    leaves = [p for p, v in every if p and not isinstance(v, (dict, list))]
    kind = rng.randrange(9)
    if kind == 0:                                  # remove a key
        p = rng.choice(objects)
        obj = get(d, p)
        if obj:
            del obj[rng.choice(list(obj))]
    elif kind == 1:                                # add an unknown key
        get(d, rng.choice(objects))[rng.choice(["ghi_chu", "partner", "lead_unit", "nam"])] = "x"
    elif kind == 2:                                # misspell a key
        p = rng.choice(objects)
        obj = get(d, p)
        if obj:
            k = rng.choice(list(obj))
            obj[k[:-1] if len(k) > 1 else k + "x"] = obj.pop(k)
    elif kind == 3:                                # a value of another type
        p = rng.choice(leaves + lists + objects[1:])
        get(d, p[:-1])[p[-1]] = copy.deepcopy(rng.choice(WRONG_VALUES))
    elif kind == 4:                                # empty a list
        p = rng.choice(lists)
        get(d, p).clear()
    elif kind == 5:                                # ids, dates, numbers in a wrong form
        p = rng.choice(leaves)
        if isinstance(get(d, p), str):
            get(d, p[:-1])[p[-1]] = rng.choice(["Mã Sai", "15/01/2026", "2026-1-5", " ", "a..b"])
    elif kind == 6:                                # year and span together, or neither
        if "year" in d and rng.random() < 0.5:
            d["span"] = {"from": 2026, "to": 2027}
        else:
            d.pop("year", None)
            d.pop("span", None)
    elif kind == 7:                                # year out of range
        d["year"] = rng.choice([1999, 2101, -1, 2026.5])
    else:                                          # a harmless change
        p = rng.choice(leaves)
        if isinstance(get(d, p), str):
            get(d, p[:-1])[p[-1]] = get(d, p) + " (sửa)"
    return d


def kehoach_verdicts(kehoach, folder):
    proc = subprocess.run([kehoach, "validate", "--format", "json", folder],
                          capture_output=True, timeout=600)
    if proc.returncode not in (0, 1):
        sys.exit(f"kehoach validate exited with {proc.returncode}: {proc.stderr.decode()}")
    report = json.loads(proc.stdout)
    bad = {d["file"] for d in report["diagnostics"]
           if d["severity"] == "error" and d.get("stage") in ("yaml", "schema")}
    return {f["file"]: f["file"] not in bad for f in report["files"]}


def main():
    kehoach, schema_file, plans_dir = sys.argv[1:4]
    for other in sorted(glob.glob(os.path.join(os.path.dirname(schema_file), "*.schema.json"))):
        with open(other, encoding="utf-8") as f:
            jsonschema.Draft7Validator.check_schema(json.load(f))
        print(f"{os.path.basename(other)}: a valid draft-07 schema")
    with open(schema_file, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft7Validator(schema)
    rng = random.Random(20261123)
    expected = {}
    with tempfile.TemporaryDirectory(prefix="kehoach-agree-") as work:
        for plan in sorted(p for p in glob.glob(os.path.join(plans_dir, "*.yaml"))
                   if not p.endswith(".progress.yaml")
                   and not re.search(r"\.notes-[^./]+\.ya?ml$", p)):
            with open(plan, encoding="utf-8") as f:
                data = yaml12.load(f.read())
            name = os.path.splitext(os.path.basename(plan))[0]
            variants = [data] + [mutate(data, rng) for _ in range(MUTANTS_PER_PLAN)]
            for i, v in enumerate(variants):
                path = os.path.join(work, f"{name}-{i:03d}.yaml")
                with open(path, "w", encoding="utf-8") as f:
                    yaml.safe_dump(v, f, allow_unicode=True, sort_keys=False)
                with open(path, encoding="utf-8") as f:
                    reread = yaml12.load(f.read())
                expected[path] = validator.is_valid(reread)
        # progress logs, each mutant beside a copy of its plan, against the
        # log schema
        with open(os.path.join(os.path.dirname(schema_file), "progress.schema.json"),
                  encoding="utf-8") as f:
            log_validator = jsonschema.Draft7Validator(json.load(f))
        for log in sorted(glob.glob(os.path.join(plans_dir, "*.progress.yaml"))):
            plan = log[:-len(".progress.yaml")] + ".yaml"
            with open(log, encoding="utf-8") as f:
                data = yaml12.load(f.read())
            with open(plan, encoding="utf-8") as f:
                plan_text = f.read()
            name = os.path.basename(plan)[:-len(".yaml")]
            variants = [data] + [mutate(data, rng) for _ in range(MUTANTS_PER_PLAN)]
            for i, v in enumerate(variants):
                stem = os.path.join(work, f"log-{name}-{i:03d}")
                with open(stem + ".yaml", "w", encoding="utf-8") as f:
                    f.write(plan_text)
                path = stem + ".progress.yaml"
                with open(path, "w", encoding="utf-8") as f:
                    yaml.safe_dump(v, f, allow_unicode=True, sort_keys=False)
                with open(path, encoding="utf-8") as f:
                    reread = yaml12.load(f.read())
                expected[path] = log_validator.is_valid(reread)
        # notes files, each mutant beside a copy of its plan, against the
        # notes schema
        with open(os.path.join(os.path.dirname(schema_file), "notes.schema.json"),
                  encoding="utf-8") as f:
            notes_validator = jsonschema.Draft7Validator(json.load(f))
        for notes in sorted(glob.glob(os.path.join(plans_dir, "*.notes-*.yaml"))):
            stem, period = re.fullmatch(r"(.*)\.notes-([^./]+)\.yaml", notes).groups()
            with open(notes, encoding="utf-8") as f:
                data = yaml12.load(f.read())
            with open(stem + ".yaml", encoding="utf-8") as f:
                plan_text = f.read()
            name = os.path.basename(stem)
            variants = [data] + [mutate(data, rng) for _ in range(MUTANTS_PER_PLAN)]
            for i, v in enumerate(variants):
                base = os.path.join(work, f"notes-{name}-{i:03d}")
                with open(base + ".yaml", "w", encoding="utf-8") as f:
                    f.write(plan_text)
                path = f"{base}.notes-{period}.yaml"
                with open(path, "w", encoding="utf-8") as f:
                    yaml.safe_dump(v, f, allow_unicode=True, sort_keys=False)
                with open(path, encoding="utf-8") as f:
                    reread = yaml12.load(f.read())
                expected[path] = notes_validator.is_valid(reread)
        actual = kehoach_verdicts(kehoach, work)
        disagree = [p for p in expected if actual.get(p) != expected[p]]
        for p in disagree:
            print(f"disagree on {os.path.basename(p)}: jsonschema says "
                  f"{'conforms' if expected[p] else 'does not conform'}, kehoach says "
                  f"{'conforms' if actual.get(p) else 'does not conform'}")
            with open(p, encoding="utf-8") as f:
                print(f.read())
    conforming = sum(expected.values())
    print(f"{len(expected)} documents ({conforming} conforming, "
          f"{len(expected) - conforming} not): {len(expected) - len(disagree)} agree, "
          f"{len(disagree)} disagree")
    return 1 if disagree else 0


if __name__ == "__main__":
    sys.exit(main())
