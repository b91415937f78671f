#!/usr/bin/env python3
"""Import each seed and compare the draft with the hand-written plan.

Usage: agreement.py KEHOACH PLANS_DIR SEEDS_DIR [MIN_PERCENT]

For each seed, `kehoach import SEED --id ID -o DRAFT` must exit 0, and
`kehoach validate DRAFT` must accept the draft, or reject it only on lines
next to a "# REVIEW" comment of the import.  Then the draft is compared
with plans/ID.yaml field by field:

  - the header: number, issuer, place, issued, year, title; the
    recipients; the signer's authority, title and name;
  - for every activity of the plan (matched by id; an activity the draft
    lacks fails all its fields): id, title, lead, partners, time, output,
    each as the activity finally has it (its own value, else the defaults
    of its section, else the plan's);
  - every activity the draft has and the plan has not counts as one
    failed field;
  - for every document of the plan's basis (in order): document, date,
    issuer;
  - for every reporting duty of the plan (in order): text, to, by, when,
    due (when the plan gives it).

Texts compare after Unicode NFC and with runs of white space as one space;
a list of units compares as a list; lead and partners written as one
string or a one-item list are the same.  The score is the share of fields
that agree; the test prints it per seed with every disagreement, and
fails when a seed scores below MIN_PERCENT (default 95).

Exit status: 0 every seed at or above the bar, 1 otherwise, 2 usage,
77 SEEDS_DIR missing (test skipped).
"""

import os
import re
import subprocess
import sys
import tempfile
import unicodedata

import yaml

from drafts import validate_errors

# Plan file -> number prefix of its seed (as tests/plans/faithful.py).
PLAN_SEEDS = {
    "ninh-binh-syt-tgpl-2026": "000",
    "hai-phong-nkt-2026": "001",
    "bac-lieu-ttbtxh-nct-2024": "002",
    "lang-son-stp-nkt-2021": "003",
    "ha-tinh-stp-qd32-2020": "004",
}


def norm(v):
    if v is None:
        return None
    if isinstance(v, list):
        items = [norm(x) for x in v]
        return items[0] if len(items) == 1 else items
    if isinstance(v, dict):
        return {k: norm(x) for k, x in v.items()}
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(v))).strip()


def activities(plan):
    """(id, effective fields) of every activity, sections nested."""
    out = []
    top = plan.get("defaults") or {}

    def walk(sections, inherited):
        for sec in sections or []:
            d = dict(inherited)
            d.update(sec.get("defaults") or {})
            for act in sec.get("activities") or []:
                eff = {}
                for key in ("id", "title", "lead", "partners", "time", "output"):
                    eff[key] = act.get(key, d.get(key) if key in ("lead", "partners", "time") else None)
                out.append(eff)
            walk(sec.get("sections"), d)

    walk(plan.get("sections"), top)
    return out


def compare(plan, draft):
    fields = []  # (label, ok, want, got)
    for key in ("number", "issuer", "place", "issued", "year", "title", "recipients"):
        want, have = norm(plan.get(key)), norm(draft.get(key))
        fields.append((key, want == have, want, have))
    ps, ds = plan.get("signer") or {}, draft.get("signer") or {}
    for key in ("authority", "title", "name"):
        want, have = norm(ps.get(key)), norm(ds.get(key))
        fields.append((f"signer {key}", want == have, want, have))
    mine = {a["id"]: a for a in activities(draft)}
    theirs = activities(plan)
    for act in theirs:
        got = mine.get(act["id"])
        for key in ("id", "title", "lead", "partners", "time", "output"):
            want = norm(act.get(key))
            have = norm(got.get(key)) if got else "(no such activity)"
            fields.append((f"activity {act['id']} {key}", want == have, want, have))
    ids = {a["id"] for a in theirs}
    for extra in mine:
        if extra not in ids:
            fields.append((f"activity {extra}", False, "(not in the plan)", "present"))
    pb, db = plan.get("basis") or [], draft.get("basis") or []
    for i, b in enumerate(pb):
        d = db[i] if i < len(db) else {}
        for key in ("document", "date", "issuer"):
            fields.append((f"basis {i + 1} {key}", norm(b.get(key)) == norm(d.get(key)),
                           norm(b.get(key)), norm(d.get(key))))
    pr, dr = plan.get("reports") or [], draft.get("reports") or []
    for i, r in enumerate(pr):
        d = dr[i] if i < len(dr) else {}
        for key in ("text", "to", "by", "when", "due"):
            if key == "due" and "due" not in r:
                continue
            fields.append((f"report {i + 1} {key}", norm(r.get(key)) == norm(d.get(key)),
                           norm(r.get(key)), norm(d.get(key))))
    return fields


def main():
    if len(sys.argv) not in (4, 5):
        print(__doc__, file=sys.stderr)
        return 2
    kehoach, plans_dir, seeds_dir = sys.argv[1:4]
    bar = float(sys.argv[4]) if len(sys.argv) == 5 else 95.0
    if not os.path.isdir(seeds_dir):
        print(f"seeds not found at {seeds_dir}: skipped", file=sys.stderr)
        return 77
    failed = False
    total_ok = total = 0
    with tempfile.TemporaryDirectory() as tmp:
        for plan_id, prefix in PLAN_SEEDS.items():
            seed = [f for f in sorted(os.listdir(seeds_dir)) if f.startswith(prefix + "_")]
            if not seed:
                print(f"{plan_id}: no seed {prefix}_*", file=sys.stderr)
                failed = True
                continue
            draft_path = os.path.join(tmp, plan_id + ".yaml")
            run = subprocess.run([kehoach, "import", os.path.join(seeds_dir, seed[0]),
                                  "--id", plan_id, "-o", draft_path],
                                 capture_output=True, text=True)
            if run.returncode != 0:
                print(f"{plan_id}: import exited {run.returncode}\n{run.stderr}")
                failed = True
                continue
            text = open(draft_path, encoding="utf-8").read()
            code, problems, unmarked = validate_errors(kehoach, draft_path, text)
            if code not in (0, 1):
                print(f"{plan_id}: validate exited {code}: {unmarked[0]['message']}")
                failed = True
                continue
            for p in unmarked:
                print(f"{plan_id}: validate: line {p.get('line')}: {p.get('message')} "
                      "(not at a place marked for review)")
            if unmarked:
                failed = True
            plan = yaml.safe_load(open(os.path.join(plans_dir, plan_id + ".yaml"), encoding="utf-8"))
            draft = yaml.safe_load(text)
            fields = compare(plan, draft)
            ok = sum(1 for f in fields if f[1])
            total_ok += ok
            total += len(fields)
            score = 100.0 * ok / len(fields)
            verdict = "ok" if score >= bar else "BELOW THE BAR"
            print(f"{plan_id} (seed {prefix}): {ok}/{len(fields)} fields agree, {score:.1f}% "
                  f"({verdict}); validate: {len(problems)} errors, all at review marks"
                  if not unmarked else
                  f"{plan_id} (seed {prefix}): {ok}/{len(fields)} fields agree, {score:.1f}% ({verdict})")
            for label, good, want, got in fields:
                if not good:
                    print(f"    {label}:\n      plan:  {want!r}\n      draft: {got!r}")
            if score < bar:
                failed = True
    if total:
        print(f"all seeds: {total_ok}/{total} fields agree, {100.0 * total_ok / total:.1f}%")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
