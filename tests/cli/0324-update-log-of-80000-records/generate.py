# writes the input of this case (too large to keep in the repository): the
# plan's progress log with 80,000 short records of 13 values each, more
# than a plan may hold (1,000,000) but 11 MB, well within the 16 MiB a log
# may have
import datetime

with open("plan.progress.yaml", "w", encoding="utf-8") as f:
    f.write("plan: thu-nghiem-2026\nrecords:\n")
    for i in range(80000):
        day = datetime.date(2026, 4, 1) + datetime.timedelta(days=i * 180 // 80000)
        quarter = "2026-Q2" if day.month < 7 else "2026-Q4"
        f.write(f"- date: {day.isoformat()}\n  activity: \"1.1\"\n  occurrence: {quarter}\n"
                f"  state: in-progress\n  percent: {i % 100}\n  note: n{i}\n"
                f"  evidence: [a, b, c, d]\n  by: x\n")
