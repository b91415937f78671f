#!/usr/bin/env python3
"""A plan with 50 unknown keys (the per-file cap of shown problems), then a
report whose `every` names no period: the 51st problem is found while the
schema explains an anyOf, and is counted once, though not shown."""
activities = "".join(
    f'  - id: "{i}"\n    title: A\n    lead: L\n    time: Quý I\n    bogus{i}: 1\n'
    for i in range(1, 51))
with open("plan.yaml", "w", encoding="utf-8") as f:
    f.write('id: p\nissuer: X\nplace: Y\ntitle: T\nyear: 2026\n'
            'sections:\n- id: "1"\n  title: S\n  activities:\n' + activities +
            'reports:\n- {by: X, to: Y, what: kết quả, every: [nope]}\n'
            'recipients: [Z]\nsigner: {title: T, name: N}\n')
