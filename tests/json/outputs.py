#!/usr/bin/env python3
"""Every JSON output of kehoach against its JSON Schema (schemas/output/).

A command has a JSON output when its usage line offers `--format ...json`
(read from `kehoach CMD --help`, for every command `kehoach --help` lists);
each such command must have schemas/output/CMD.schema.json, and each schema
there (but common.schema.json, the shared definitions) must belong to such
a command. The schemas are checked against the draft-07 meta-schema, and
each carries the $id its file name gives, by which the others refer to it.

Validated, with python3-jsonschema (dates checked as real dates):
  - every golden case of tests/cli/ whose command asks for JSON (--format
    json, -f json, or -o FILE.json without --format): its expected
    standard output (and its English one, stdout.en, where it has one), or
    the expected file it writes (a case that fails before printing
    anything has nothing to validate);
  - validate, deadlines and status over the bundled plans as of several
    dates, with --within, --unit, --role and --state;
  - validate, deadlines and status over every folder of tests/cli/ (broken
    plans, registries, logs: diagnostics with notes, units no registry
    has), whatever their exit code, when they print something.
Beside the shapes, the counts each output gives of itself are recomputed
from its own lists (validate: each kind of file from its file name,
records and activities; deadlines: items by state; status: totals from the
plans, states against their labels), since the schema cannot relate them.

usage: outputs.py KEHOACH SCHEMAS_OUTPUT_DIR CLI_DIR PLANS_DIR
"""
import collections
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

import warnings

import jsonschema

ID_BASE = "https://kehoach.invalid/schemas/output/"  # a name, never fetched
DATES = ["2020-06-30", "2021-12-31", "2024-01-15", "2024-12-31",
         "2026-01-01", "2026-07-01", "2026-12-31", "2027-06-30"]
LABELS = {"planned": "Chưa đến kỳ", "open": "Đang mở", "in-progress": "Đang thực hiện",
          "done": "Hoàn thành", "done-late": "Hoàn thành muộn", "overdue": "Quá hạn",
          "cancelled": "Hủy bỏ"}


def load_schemas(folder, problems):
    """{name: schema} for every *.schema.json, and the store of them by $id."""
    schemas = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".schema.json"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            schema = json.load(f)
        try:
            jsonschema.Draft7Validator.check_schema(schema)
        except jsonschema.SchemaError as e:
            problems.append(f"{name}: not a draft-07 schema: {e.message}")
        if schema.get("$schema") != "http://json-schema.org/draft-07/schema#":
            problems.append(f"{name}: $schema is not draft-07")
        if schema.get("$id") != ID_BASE + name:
            problems.append(f"{name}: $id is {schema.get('$id')!r}, not {ID_BASE + name!r}")
        schemas[name[:-len(".schema.json")]] = schema
    return schemas, {s["$id"]: s for s in schemas.values() if "$id" in s}


def json_commands(kehoach):
    """The commands whose usage offers --format json."""
    top = run(kehoach, ["--help"]).stdout
    names = re.findall(r"^  ([a-z]+)  ", top.split("commands:", 1)[1].split("\n\n", 1)[0],
                       re.M)
    out = set()
    for name in names:
        if name == "help":
            continue
        usage = run(kehoach, [name, "--help"]).stdout
        if re.search(r"\[--format [a-z|]*\bjson\b", usage):
            out.add(name)
    if not {"validate", "deadlines", "status"} <= out:
        sys.exit(f"the commands with JSON output found are {sorted(out)}: "
                 "the help pages were not read as this script expects")
    return out


def run(kehoach, args, cwd=None):
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run([kehoach] + args, cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def asks_json(args):
    """The JSON file a case's command writes ('-' for standard output), or None."""
    fmt, output = None, None
    for a, b in zip(args, args[1:] + [""]):
        if a in ("--format", "-f"):
            fmt = b
        elif a.startswith("--format="):
            fmt = a.split("=", 1)[1]
        elif a in ("-o", "--output"):
            output = b
        elif a.startswith("--output="):
            output = a.split("=", 1)[1]
    if fmt == "json" or (fmt is None and output and output.lower().endswith(".json")):
        return output if output and output != "-" else "-"
    return None


class Checker:
    def __init__(self, schemas, store, commands):
        # RefResolver: what Debian's python3-jsonschema (4.10) has; later
        # versions keep it, deprecated
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            self.validators = {
                name: jsonschema.Draft7Validator(
                    schema, resolver=jsonschema.RefResolver.from_schema(schema, store=store),
                    format_checker=jsonschema.FormatChecker())
                for name, schema in schemas.items()}
        self.commands = commands
        self.problems = []
        self.checked = collections.Counter()

    def check(self, command, where, text):
        if command not in self.validators:
            self.problems.append(f"{where}: '{command}' writes JSON and "
                                 f"schemas/output/{command}.schema.json does not exist")
            return
        try:
            doc = json.loads(text)
        except ValueError as e:
            self.problems.append(f"{where}: not JSON: {e}")
            return
        errors = sorted(self.validators[command].iter_errors(doc), key=lambda e: list(e.path))
        for e in errors[:5]:
            path = "/".join(str(p) for p in e.absolute_path)
            self.problems.append(f"{where}: /{path}: {e.message}")
        if not errors:
            getattr(self, "counts_" + command, lambda *a: None)(where, doc)
        self.checked[command] += 1

    def expect(self, where, what, got, want):
        if got != want:
            self.problems.append(f"{where}: {what} is {got!r}, recomputed {want!r}")

    def counts_validate(self, where, doc):
        def kind(path):
            base = os.path.basename(path)
            if base in ("units.yaml", "units.yml"):
                return "units"
            if re.search(r"\.progress\.ya?ml$", base):
                return "log"
            if re.search(r"\.template\.ya?ml$", base):
                return "template"
            if re.search(r"\.notes-[^/]*\.ya?ml$", base):
                return "notes"
            return "plan"
        files = doc["files"]
        for f in files:
            self.expect(where, f"the kind of {f['file']}", f["kind"], kind(f["file"]))
        by_kind = collections.Counter(f["kind"] for f in files if f["loaded"])
        for key, k in (("plans", "plan"), ("registries", "units"), ("logs", "log"),
                       ("templates", "template"), ("notes_files", "notes")):
            self.expect(where, key, doc[key], by_kind[k])
        self.expect(where, "records", doc["records"],
                    sum(f.get("records", 0) for f in files if f["loaded"]))
        self.expect(where, "activities", doc["activities"],
                    sum(f.get("activities", 0) for f in files if f["loaded"]))
        shown = collections.Counter(d["severity"] for d in doc["diagnostics"])
        if doc["errors"] < shown["error"] or doc["warnings"] < shown["warning"]:
            self.problems.append(f"{where}: fewer errors or warnings counted than shown")

    def counts_deadlines(self, where, doc):
        by_state = collections.Counter(i["state"] for i in doc["items"])
        self.expect(where, "counts", doc["counts"], {s: by_state[s] for s in doc["counts"]})

    def counts_status(self, where, doc):
        self.expect(where, "totals.plans", doc["totals"]["plans"], len(doc["plans"]))
        self.expect(where, "totals.activities", doc["totals"]["activities"],
                    sum(p["totals"]["activities"] for p in doc["plans"]))
        for p in doc["plans"]:
            t = p["totals"]
            self.expect(where, f"{p['id']}: counts", sum(t["counts"].values()), t["activities"])
            for key in ("sections", "leads"):
                for g in p[key]:
                    self.expect(where, f"{p['id']} {key}: counts", sum(g["counts"].values()),
                                g["activities"])
            self.expect(where, f"{p['id']}: sections", sum(g["activities"] for g in p["sections"]),
                        t["activities"])
            for a in p["activities"] + p["reports"]:
                self.expect(where, f"{p['id']} {a['id']}: state_label", a["state_label"],
                            LABELS[a["state"]])


def golden(kehoach, checker, cli_dir):
    skipped = 0
    for case in sorted(os.listdir(cli_dir)):
        folder = os.path.join(cli_dir, case)
        if not os.path.isfile(os.path.join(folder, "cmd")):
            continue
        with open(os.path.join(folder, "cmd"), encoding="utf-8") as f:
            args = shlex.split(f.read())
        target = asks_json(args)
        if not target:
            continue
        command = next((a for a in args if not a.startswith("-")), "")
        # stdout.en: what a case golden in English too prints in English
        names = ["stdout", "stdout.en"] if target == "-" else ["expected." + target]
        texts = {}
        for name in names:
            path = os.path.join(folder, name)
            if os.path.exists(path):
                texts[name] = open(path, encoding="utf-8").read()
        if not any(texts.values()):
            skipped += 1  # refused before any output (usage error, unknown unit)
            continue
        for name, text in texts.items():
            checker.check(command, f"tests/cli/{case}/{name}", text)
    return skipped


def bundled(kehoach, checker, plans):
    runs = [("validate", [plans])]
    for day in DATES:
        runs += [("deadlines", [plans, "--as-of", day]),
                 ("deadlines", [plans, "--as-of", day, "--within", "3m"]),
                 ("status", [plans, "--as-of", day]),
                 ("status", [plans, "--as-of", day, "--state", "overdue"])]
    for unit in ("Sở Y tế", "Sở Tư pháp", "Trung tâm Trợ giúp pháp lý Nhà nước"):
        runs += [("deadlines", [plans, "--as-of", "2026-07-01", "--unit", unit]),
                 ("deadlines", [plans, "--as-of", "2026-07-01", "--unit", unit,
                                "--role", "partner"]),
                 ("status", [plans, "--as-of", "2026-07-01", "--unit", unit]),
                 ("status", [plans, "--as-of", "2026-12-31", "--unit", unit,
                             "--state", "done"])]
    for command, args in runs:
        proc = run(kehoach, [command] + args + ["--format", "json"])
        where = f"kehoach {command} {' '.join(args[1:])}"
        if proc.returncode != 0:
            checker.problems.append(f"{where}: exit {proc.returncode}: {proc.stderr.strip()}")
            continue
        checker.check(command, where, proc.stdout)
    # -o FILE.json without --format writes JSON too
    with tempfile.TemporaryDirectory(prefix="kehoach-json-") as work:
        for command in ("deadlines", "status"):
            out = os.path.join(work, command + ".JSON")
            proc = run(kehoach, [command, plans, "--as-of", "2026-07-01", "-o", out])
            if proc.returncode != 0 or not os.path.exists(out):
                checker.problems.append(f"kehoach {command} -o {command}.JSON: exit "
                                        f"{proc.returncode}: {proc.stderr.strip()}")
                continue
            checker.check(command, f"kehoach {command} -o {command}.JSON",
                          open(out, encoding="utf-8").read())


def case_folders(kehoach, checker, cli_dir):
    """Every command with JSON output over each case's files, in a copy."""
    proc = run(kehoach, ["validate", cli_dir, "--format", "json"])
    checker.check("validate", "kehoach validate tests/cli", proc.stdout)
    with tempfile.TemporaryDirectory(prefix="kehoach-json-") as work:
        for case in sorted(os.listdir(cli_dir)):
            src = os.path.join(cli_dir, case)
            if not os.path.isdir(src):
                continue
            dst = os.path.join(work, case)
            shutil.copytree(src, dst, symlinks=True)
            for command in ("validate", "deadlines", "status"):
                args = [command, ".", "--format", "json"]
                if command != "validate":
                    args += ["--as-of", "2026-07-01"]
                proc = run(kehoach, args, cwd=dst)
                if proc.stdout:
                    checker.check(command, f"kehoach {command} tests/cli/{case}", proc.stdout)
            shutil.rmtree(dst)


def main():
    kehoach, schema_dir, cli_dir, plans = (os.path.abspath(a) for a in sys.argv[1:5])
    problems = []
    schemas, store = load_schemas(schema_dir, problems)
    commands = json_commands(kehoach)
    for command in sorted(commands - set(schemas)):
        problems.append(f"'{command}' has a JSON output and no "
                        f"schemas/output/{command}.schema.json")
    for name in sorted(set(schemas) - commands - {"common"}):
        problems.append(f"schemas/output/{name}.schema.json: no command '{name}' "
                        "with a JSON output")
    checker = Checker(schemas, store, commands)
    checker.problems = problems
    skipped = golden(kehoach, checker, cli_dir)
    golden_count = sum(checker.checked.values())
    bundled(kehoach, checker, plans)
    case_folders(kehoach, checker, cli_dir)
    for p in problems[:60]:
        print(p)
    if len(problems) > 60:
        print(f"... and {len(problems) - 60} more")
    total = sum(checker.checked.values())
    print(f"{total} JSON outputs checked ({golden_count} golden, {skipped} golden cases "
          f"refused before printing; by command: "
          f"{', '.join(f'{k} {v}' for k, v in sorted(checker.checked.items()))})")
    if problems:
        print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
