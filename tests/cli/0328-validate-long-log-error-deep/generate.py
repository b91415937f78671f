# writes the input of this case: a log of 30,000 records, 2.1 MB, so read
# mapped and let go behind the reader. Its record 25,000 names an activity
# the plan lacks, shown at its own line; and it names another plan, which
# is found once the whole log is read and let go: that line's text is read
# back from the file
with open("plan.progress.yaml", "w", encoding="utf-8") as f:
    f.write("plan: thu-nghiem-2025\nrecords:\n")
    for i in range(30000):
        activity = "24" if i == 24999 else "2.1"
        f.write(f"  - date: 2026-03-{i % 28 + 1:02d}\n    activity: \"{activity}\"\n"
                f"    state: in-progress\n    note: \"Bản ghi số {i + 1}\"\n")
