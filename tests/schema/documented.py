#!/usr/bin/env python3
"""Every property of every schema in SCHEMAS_DIR carries a Vietnamese
"title" and "description" (its own, or those of the definition its "$ref"
names), so that an editor shows help on hover for every key.

usage: documented.py SCHEMAS_DIR
"""
import glob
import json
import os
import re
import sys

# a letter with a Vietnamese mark: the text is Vietnamese, not English
VIETNAMESE = re.compile("[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợ"
                        "ùúủũụưứừửữựỳýỷỹỵ]", re.I)


def described(prop, definitions):
    """(title, description) of a property, following local $refs."""
    title, description = prop.get("title"), prop.get("description")
    seen = set()
    while (not title or not description) and "$ref" in prop:
        ref = prop["$ref"]
        if not ref.startswith("#/definitions/") or ref in seen:
            break
        seen.add(ref)
        prop = definitions[ref.split("/")[-1]]
        title = title or prop.get("title")
        description = description or prop.get("description")
    return title, description


def walk(node, path, definitions, problems):
    if isinstance(node, dict):
        for key, prop in node.get("properties", {}).items():
            title, description = described(prop, definitions)
            for what, text in (("title", title), ("description", description)):
                if not text:
                    problems.append(f"{path}/properties/{key}: no {what}")
                elif not VIETNAMESE.search(text):
                    problems.append(f"{path}/properties/{key}: {what} is not Vietnamese: {text!r}")
        for key, value in node.items():
            walk(value, f"{path}/{key}", definitions, problems)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            walk(value, f"{path}/{i}", definitions, problems)


def main():
    problems, count = [], 0
    for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.schema.json"))):
        with open(path, encoding="utf-8") as f:
            schema = json.load(f)
        mine = []
        walk(schema, os.path.basename(path) + "#", schema.get("definitions", {}), mine)
        count += len(re.findall(r'"properties"', json.dumps(schema)))
        problems += mine
    for p in problems:
        print(p)
    print(f"{count} property lists checked, {len(problems)} problems")
    return 1 if problems or not count else 0


if __name__ == "__main__":
    sys.exit(main())
