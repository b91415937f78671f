#!/usr/bin/env python3
"""kehoach speaks the language the environment asks for, as gettext
programs do, and Vietnamese where none is asked for.

Each row sets the variables gettext reads (nothing else of the caller's
leaks in) and runs a command whose message is known in both languages:
the word that starts a diagnostic, "lỗi" or "error".

usage: language.py KEHOACH
"""
import os
import subprocess
import sys
import tempfile

VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

# (variables, the language expected)
CASES = [
    ({}, "vi"),                                   # nothing set
    ({"LANG": "C"}, "vi"),
    ({"LANG": "POSIX"}, "vi"),
    ({"LC_ALL": "C.UTF-8"}, "vi"),
    ({"LANG": "vi_VN.UTF-8"}, "vi"),              # whether generated or not
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "vi_VN.UTF-8"}, "en"),   # LC_ALL wins
    ({"LC_ALL": "C", "LANG": "en_US.UTF-8"}, "vi"),             # LC_ALL=C wins
    ({"LC_MESSAGES": "en_GB.UTF-8", "LANG": "vi_VN.UTF-8"}, "en"),
    ({"LANGUAGE": "en", "LANG": "C.UTF-8"}, "en"),              # LANGUAGE first
    ({"LANGUAGE": "vi", "LANG": "en_US.UTF-8"}, "vi"),
    ({"LANGUAGE": "", "LANG": "en_US.UTF-8"}, "en"),            # empty: unset
    ({"LANG": "fr_FR.UTF-8"}, "en"),   # no French catalogue: the source's
]

WORD = {"vi": "lỗi:", "en": "error:"}


def main():
    kehoach = sys.argv[1]
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        bad = os.path.join(tmp, "bad.yaml")
        with open(bad, "w", encoding="utf-8") as f:
            f.write("x: [\n")
        for given, want in CASES:
            env = {k: v for k, v in os.environ.items() if k not in VARS}
            env.update(given, NO_COLOR="1")
            proc = subprocess.run([kehoach, "validate", bad], env=env,
                                  capture_output=True, timeout=60)
            out = proc.stdout.decode("utf-8", "replace")
            got = [lang for lang, word in WORD.items() if word in out]
            if got != [want]:
                failed += 1
                print(f"{given}: expected {want}, got {got or 'neither'}:\n{out}")
    print(f"{len(CASES) - failed} of {len(CASES)} environments gave their language")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
