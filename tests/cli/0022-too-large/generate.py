# writes the input of this case (too large to keep in the repository)
with open("plan.yaml", "w", encoding="utf-8") as f:
    f.write("id: lon\n")
    line = "# " + "x" * 1000 + "\n"
    for _ in range(17 * 1024):
        f.write(line)
