#!/usr/bin/env python3
"""Check that the bundled plan files carry the official wording of their seeds.

Usage: faithful.py PLANS_DIR SEEDS_DIR

Each plan file named in PLAN_SEEDS is paired with the seed text whose file
name starts with the given number ("000_....txt").  Every official string of
the plan (see official_strings) must occur, after normalisation, as a
substring of the normalised seed.

Normalisation, applied to seed and plan strings alike:
  - Unicode NFC;
  - Markdown markers removed: every "*" and "#", and at the start of each
    line any run of list markers "- " / "+ ";
  - all white space, line breaks included, collapsed to single spaces, and
    the result trimmed.

One extra reading of the seed is accepted: where PDF extraction broke a
line right after a hyphen inside a document symbol ("179/KH-" / "UBND"),
the two lines may also be joined without a space ("179/KH-UBND").  A string
passes if it occurs in either reading.

Exit status: 0 all strings found, 1 some string not found (or a plan file is
missing or unreadable), 2 usage, 77 SEEDS_DIR missing (test skipped).
"""

import glob
import os
import re
import sys
import unicodedata

import yaml

# Plan file -> number prefix of its seed in SEEDS_DIR.
PLAN_SEEDS = {
    "ninh-binh-syt-tgpl-2026.yaml": "000",
    "hai-phong-nkt-2026.yaml": "001",
    "bac-lieu-ttbtxh-nct-2024.yaml": "002",
    "lang-son-stp-nkt-2021.yaml": "003",
    "ha-tinh-stp-qd32-2020.yaml": "004",
}


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader that keeps scalars strings the way YAML 1.2 does.

    Dates ("2025-12-25") stay strings, and only true/false (not yes/no/on/
    off) are booleans.
    """


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp",
                           "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))

_LIST_MARKERS = re.compile(r"^[ \t]*(?:[-+][ \t]+)*", re.M)
_HYPHEN_BREAK = re.compile(r"-[ \t]*\n\s*")
_SPACE = re.compile(r"\s+")


def _unmark(text):
    text = unicodedata.normalize("NFC", text)
    text = text.replace("*", "").replace("#", "")
    return _LIST_MARKERS.sub("", text)


def _collapse(text):
    return _SPACE.sub(" ", text).strip()


def normalise(text):
    return _collapse(_unmark(text))


def seed_readings(text):
    unmarked = _unmark(text)
    plain = _collapse(unmarked)
    joined = _collapse(_HYPHEN_BREAK.sub("-", unmarked))
    return [plain] if joined == plain else [plain, joined]


def _units(value, path):
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield "%s[%d]" % (path, i), item
    elif value is not None:
        yield path, value


def _each(mapping, key, path):
    value = mapping.get(key)
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield "%s.%s[%d]" % (path, key, i), item
    elif value is not None:
        yield "%s.%s" % (path, key), value


def _defaults(node, path):
    # Only the unit names of defaults are official wording; a default time
    # may be editorial (e.g. the plan year when the plan prints no time).
    d = node.get("defaults")
    if isinstance(d, dict):
        for key in ("lead", "partners"):
            if key in d:
                yield from _units(d[key], "%s.defaults.%s" % (path, key))


def _activity(act, path):
    yield "%s.title" % path, act.get("title")
    yield from _each(act, "description", path)
    if "assignment" in act:
        yield "%s.assignment" % path, act["assignment"]
    time = act.get("time")
    if isinstance(time, str):
        lines = [l for l in time.split("\n") if l.strip()]
        if len(lines) > 1:
            for i, line in enumerate(lines):
                yield "%s.time<line %d>" % (path, i + 1), line
        else:
            yield "%s.time" % path, time
    elif time is not None:
        yield "%s.time" % path, time
    if "output" in act:
        yield "%s.output" % path, act["output"]
    for key in ("lead", "partners"):
        if key in act:
            yield from _units(act[key], "%s.%s" % (path, key))


def _section(sec, path):
    yield "%s.title" % path, sec.get("title")
    yield from _each(sec, "description", path)
    yield from _defaults(sec, path)
    for i, act in enumerate(sec.get("activities") or []):
        yield from _activity(act, "%s.activities[%d]" % (path, i))
    for i, sub in enumerate(sec.get("sections") or []):
        yield from _section(sub, "%s.sections[%d]" % (path, i))


def official_strings(plan):
    """Yield (yaml path, value) for every string that must be verbatim."""
    yield "title", plan.get("title")
    for key in ("preamble", "purposes", "requirements"):
        yield from _each(plan, key, "")
    if "content_title" in plan:
        yield "content_title", plan["content_title"]
    yield from _defaults(plan, "")
    for i, sec in enumerate(plan.get("sections") or []):
        yield from _section(sec, "sections[%d]" % i)
    for key in ("budget", "organisation"):
        yield from _each(plan, key, "")
    if "closing" in plan:
        yield "closing", plan["closing"]
    yield from _each(plan, "recipients", "")
    for i, rep in enumerate(plan.get("reports") or []):
        for key in ("text", "when"):
            if key in rep:
                yield "reports[%d].%s" % (i, key), rep[key]
    for i, doc in enumerate(plan.get("basis") or []):
        for key in ("document", "about"):
            if key in doc:
                yield "basis[%d].%s" % (i, key), doc[key]
    signer = plan.get("signer") or {}
    yield from _each(signer, "authority", "signer")
    for key in ("title", "name"):
        if key in signer:
            yield "signer.%s" % key, signer[key]


def check_plan(plan_path, seed_path):
    """Return (checked, [(path, value, why)])."""
    with open(seed_path, encoding="utf-8") as f:
        readings = seed_readings(f.read())
    with open(plan_path, encoding="utf-8") as f:
        plan = yaml.load(f, Loader=Yaml12Loader)
    if not isinstance(plan, dict):
        return 0, [("", plan, "plan is not a mapping")]
    checked, missing = 0, []
    for path, value in official_strings(plan):
        path = path.lstrip(".")
        checked += 1
        if not isinstance(value, str):
            missing.append((path, value, "not a string"))
            continue
        needle = normalise(value)
        if not needle:
            missing.append((path, value, "empty"))
        elif not any(needle in r for r in readings):
            missing.append((path, value, "not in seed"))
    return checked, missing


def main(argv):
    if len(argv) != 3:
        print("usage: faithful.py PLANS_DIR SEEDS_DIR", file=sys.stderr)
        return 2
    plans_dir, seeds_dir = argv[1], argv[2]
    if not os.path.isdir(seeds_dir):
        print("seeds not found at %s; skipping" % seeds_dir)
        return 77
    total, not_found, failed = 0, 0, False
    for plan_name, prefix in PLAN_SEEDS.items():
        plan_path = os.path.join(plans_dir, plan_name)
        seeds = sorted(glob.glob(os.path.join(seeds_dir, prefix + "_*.txt")))
        if not os.path.isfile(plan_path):
            print("%s: plan file missing" % plan_path)
            failed = True
            continue
        if len(seeds) != 1:
            print("%s: expected one seed %s_*.txt in %s, found %d"
                  % (plan_name, prefix, seeds_dir, len(seeds)))
            failed = True
            continue
        try:
            checked, missing = check_plan(plan_path, seeds[0])
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
            print("%s: cannot read: %s" % (plan_path, e))
            failed = True
            continue
        total += checked
        not_found += len(missing)
        print("%s (seed %s): %d strings checked, %d not found"
              % (plan_name, os.path.basename(seeds[0]), checked, len(missing)))
        for path, value, why in missing:
            print("  %s: %s: %r" % (path, why, value))
    print("%d strings checked, %d not found" % (total, not_found))
    return 1 if failed or not_found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
