#!/usr/bin/env python3
"""What a planning officer's editor says, from the same schema.

Runs yaml-language-server (the YAML extension of VS Code, without VS Code)
over the Language Server Protocol on copies of the plans and schemas, and
requires:
  - every plan, progress log and notes file in plans/ and every report
    template in templates/: no diagnostic from the editor;
  - hover over every top-level key of each: the key's Vietnamese title
    from its schema (plan, progress, notes or template schema);
  - completion, as a person types: at a new line of a plan, every
    top-level key the plan schema has and the file lacks, each with its
    Vietnamese description; after "state: " in a progress log, the states of
    the progress schema;
  - the VS Code setting docs/plan-format.md gives (yaml.schemas, files
    mapped to schemas by name): a plan and a progress log without the
    schema line are checked against their own schema, and only it;
  - every golden CLI case whose kehoach output has errors of stage
    "schema" only: the editor reports errors on exactly the same lines and
    columns (kehoach's columns count display columns, the editor's UTF-16
    code units; the cases' lines are ASCII up to the spot). One deliberate
    difference: for a key with an empty value ("lead:") kehoach points at
    the key, the editor after the colon; such a line is compared by line.
    An empty document ("---" and nothing else) is left out: the editor
    validates nothing in it, kehoach says it must be a mapping.
Skips (exit 77) when the server is not installed.

usage: lsp-check.py SERVER KEHOACH REPO
"""
import json
import os
import pathlib
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

TIMEOUT = 60


class Server:
    def __init__(self, command, root, schemas=None):
        self.settings = {"validate": True, "hover": True, "completion": True}
        if schemas:
            self.settings["schemas"] = schemas
        self.proc = subprocess.Popen([command, "--stdio"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.messages = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.next_id = 1
        self.request("initialize", {"processId": None, "rootUri": root.as_uri(),
                                    "capabilities": {}})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration",
                    {"settings": {"yaml": self.settings}})

    def _read(self):
        out = self.proc.stdout
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                c = out.read(1)
                if not c:
                    return
                header += c
            length = next(int(line.split(b":")[1]) for line in header.split(b"\r\n")
                          if line.lower().startswith(b"content-length"))
            self.messages.put(json.loads(out.read(length)))

    def _send(self, obj):
        data = json.dumps(obj).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait(self, match):
        end = time.time() + TIMEOUT
        while time.time() < end:
            try:
                m = self.messages.get(timeout=1)
            except queue.Empty:
                continue
            if m.get("method") == "workspace/configuration":
                self._send({"jsonrpc": "2.0", "id": m["id"],
                            "result": [self.settings] * len(m["params"]["items"])})
            elif match(m):
                return m
        sys.exit("yaml-language-server did not answer")

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == rid).get("result")

    def diagnostics(self, path):
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1,
            "text": path.read_text(encoding="utf-8")}})
        m = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                      and m["params"]["uri"] == uri)
        return m["params"]["diagnostics"]

    def close(self):
        self.proc.kill()


def top_level_keys(text):
    for number, line in enumerate(text.split("\n")):
        if line and line[0].isalpha() and ":" in line:
            yield number, line.split(":")[0]


def completions(server, path, text, line, character):
    """The completion items the editor offers at a place of a document."""
    path.write_text(text, encoding="utf-8")
    server.diagnostics(path)
    result = server.request("textDocument/completion", {
        "textDocument": {"uri": path.as_uri()},
        "position": {"line": line, "character": character}})
    items = result.get("items", []) if isinstance(result, dict) else (result or [])
    return {item["label"]: item for item in items}


def documentation(item):
    doc = item.get("documentation", "")
    return doc.get("value", "") if isinstance(doc, dict) else doc


def check_completion(server, root, schemas, failures, counts):
    """Keys and values offered as a person types a plan and a log."""
    plan = schemas["plan.schema.json"]
    offered = completions(server, root / "plans" / "typing.yaml",
                          "# yaml-language-server: $schema=../schemas/plan.schema.json\n"
                          "id: typing-2026\n\n", 2, 0)
    for key, spec in plan["properties"].items():
        if key == "id":
            continue
        counts["completions"] += 1
        said = spec.get("description") or plan["definitions"][
            spec.get("$ref", "").split("/")[-1]].get("description", "")
        if key not in offered:
            failures.append(f"completion at a new line of a plan does not offer '{key}'")
        elif said not in documentation(offered[key]):
            failures.append(f"completion of '{key}' does not show its description "
                            f"{said!r}: {offered[key]}")
    states = schemas["progress.schema.json"]["definitions"]["record"]["properties"]["state"]["enum"]
    offered = completions(server, root / "plans" / "typing.progress.yaml",
                          "# yaml-language-server: $schema=../schemas/progress.schema.json\n"
                          "plan: typing-2026\nrecords:\n  - date: 2026-10-15\n    state: \n",
                          4, 11)
    for state in states:
        counts["completions"] += 1
        if state not in offered:
            failures.append(f"completion after 'state: ' does not offer '{state}': "
                            f"{sorted(offered)}")


def documented_mapping(repo, schema_dir):
    """The yaml.schemas setting of docs/plan-format.md, for schemas kept in
    schema_dir instead of the installed folder."""
    text = (repo / "docs" / "plan-format.md").read_text(encoding="utf-8")
    block = re.search(r"^## Editors$.*?^```json\n(.*?)^```", text, re.S | re.M).group(1)
    mapping = json.loads(block)["yaml.schemas"]
    return {key.replace("/usr/local/share/kehoach/schemas", str(schema_dir)): globs
            for key, globs in mapping.items()}


def check_mapping(command, repo, root, failures, counts):
    """Files without the schema line, checked by the documented setting."""
    server = Server(command, root, documented_mapping(repo, root / "schemas"))
    plan = root / "plans" / "mapped-2026.yaml"
    plan.write_text("id: 5\n", encoding="utf-8")
    said = [d["message"] for d in server.diagnostics(plan)]
    counts["mapped"] += 1
    if not any("title" in m for m in said):
        failures.append(f"a plan without the schema line, mapped by the documented "
                        f"setting, is not checked as a plan: {said}")
    log = root / "plans" / "mapped-2026.progress.yaml"
    log.write_text("plan: mapped-2026\nrecords:\n  - date: 2026-10-15\n    state: xong\n",
                   encoding="utf-8")
    said = [d["message"] for d in server.diagnostics(log)]
    counts["mapped"] += 1
    if not any("in-progress" in m for m in said) or any("title" in m for m in said):
        failures.append(f"a progress log without the schema line is not checked "
                        f"against the progress schema alone: {said}")
    server.close()
    plan.unlink()
    log.unlink()


def kehoach_errors(kehoach, path):
    proc = subprocess.run([kehoach, "validate", "--format", "json", str(path)],
                          capture_output=True)
    report = json.loads(proc.stdout)
    return [d for d in report["diagnostics"] if d["severity"] == "error"]


def main():
    command, kehoach, repo = sys.argv[1], os.path.abspath(sys.argv[2]), pathlib.Path(sys.argv[3])
    if not shutil.which(command) and not os.access(command, os.X_OK):
        print(f"yaml-language-server not found at {command}; skipping")
        return 77
    schemas = {name: json.loads((repo / "schemas" / name).read_text(encoding="utf-8"))
               for name in ("plan.schema.json", "progress.schema.json", "template.schema.json",
                            "notes.schema.json")}
    failures, counts = [], {"plans": 0, "logs": 0, "templates": 0, "notes": 0, "hovers": 0,
                            "completions": 0, "mapped": 0, "cases": 0}
    with tempfile.TemporaryDirectory(prefix="kehoach-editor-") as work:
        root = pathlib.Path(work)
        shutil.copytree(repo / "schemas", root / "schemas")
        shutil.copytree(repo / "plans", root / "plans")
        shutil.copytree(repo / "templates", root / "templates")
        server = Server(command, root)
        documents = sorted((root / "plans").glob("*.yaml")) + sorted((root / "templates").glob("*.yaml"))
        for plan in documents:
            kind = ("logs" if plan.name.endswith(".progress.yaml") else
                    "templates" if plan.name.endswith(".template.yaml") else
                    "notes" if re.search(r"\.notes-[^./]+\.ya?ml$", plan.name) else "plans")
            schema = schemas[{"logs": "progress", "templates": "template", "plans": "plan",
                              "notes": "notes"}[kind] + ".schema.json"]
            diags = server.diagnostics(plan)
            counts[kind] += 1
            if diags:
                failures.append(f"{plan.name}: the editor reports {diags}")
            text = plan.read_text(encoding="utf-8")
            for line, key in top_level_keys(text):
                hover = server.request("textDocument/hover", {
                    "textDocument": {"uri": plan.as_uri()},
                    "position": {"line": line, "character": 1}})
                title = schema["properties"].get(key, {}).get("title")
                if not title:
                    ref = schema["properties"][key].get("$ref", "").split("/")[-1]
                    title = schema["definitions"][ref]["title"]
                shown = (hover or {}).get("contents", {}).get("value", "")
                counts["hovers"] += 1
                if title not in shown:
                    failures.append(f"{plan.name}: hover on '{key}' shows {shown!r}, not {title!r}")
        check_completion(server, root, schemas, failures, counts)
        check_mapping(command, repo, root, failures, counts)
        cases = repo / "tests" / "cli"
        (root / "cases").mkdir()
        for case in sorted(cases.iterdir()):
            inputs = [p for p in case.glob("*.yaml") if p.stat().st_size < 100000]
            if len(inputs) != 1:
                continue
            try:
                text = inputs[0].read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            content = [line for line in text.split("\n")
                       if line.strip() and not line.startswith("#") and line.strip() != "---"]
            if not content:
                continue
            # a template or a notes file keeps its suffix: kehoach tells
            # them by it
            notes = re.search(r"\.notes-[^./]+\.ya?ml$", inputs[0].name)
            suffix = (".template.yaml" if inputs[0].name.endswith(".template.yaml")
                      else notes.group(0) if notes else ".yaml")
            copy = root / "cases" / f"{case.name}{suffix}"
            shutil.copy(inputs[0], copy)
            errors = kehoach_errors(kehoach, copy)
            if not errors or any(e["stage"] != "schema" for e in errors):
                continue
            lines = copy.read_text(encoding="utf-8").split("\n")

            def place(line, column):
                text = lines[line - 1] if line <= len(lines) else ""
                empty_value = re.fullmatch(r"\s*(- )?[\w$]+:\s*", text) is not None
                return (line, None if empty_value else column)

            ours = sorted({place(e["line"], e["column"]) for e in errors}, key=str)
            theirs = sorted({place(d["range"]["start"]["line"] + 1,
                                   d["range"]["start"]["character"] + 1)
                             for d in server.diagnostics(copy) if d["severity"] == 1},
                            key=str)
            counts["cases"] += 1
            if ours != theirs:
                failures.append(f"{case.name}: kehoach reports errors at {ours}, "
                                f"the editor at {theirs}")
        server.close()
    for f in failures:
        print("FAILED", f)
    print(f"{counts['plans']} plans, {counts['logs']} progress logs, {counts['notes']} notes "
          f"files, {counts['templates']} templates, {counts['hovers']} hovers, "
          f"{counts['completions']} completions, {counts['mapped']} files mapped by the "
          f"documented setting, {counts['cases']} broken files compared "
          f"with kehoach: "
          f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
