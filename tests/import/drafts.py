"""What the import tests check in every draft `kehoach import` writes.

A draft may fail `kehoach validate`, but only where the import said so: an
error must be on one of the four lines after a "# REVIEW" comment (the
comment stands just before the key or list item it concerns).
"""

import json
import subprocess


def review_lines(text):
    """Line numbers (1-based) of the draft within 4 lines after a REVIEW comment."""
    marked = set()
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.lstrip().startswith("# REVIEW"):
            for k in range(i + 1, min(i + 5, len(lines) + 1)):
                marked.add(k + 1)
    return marked


def validate_errors(kehoach, path, text):
    """(exit code, all errors, errors not next to a REVIEW comment) of
    `kehoach validate` on the draft at path, whose text is text."""
    check = subprocess.run([kehoach, "validate", "--format", "json", path],
                           capture_output=True, text=True, timeout=60)
    if check.returncode not in (0, 1):
        return check.returncode, [], [{"line": None, "message": check.stderr.strip()}]
    marked = review_lines(text)
    errors = [d for d in json.loads(check.stdout)["diagnostics"]
              if d.get("severity") == "error"]
    return check.returncode, errors, [d for d in errors if d.get("line") not in marked]
