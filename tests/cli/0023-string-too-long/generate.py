# writes the input of this case (too large to keep in the repository)
with open("plan.yaml", "w", encoding="utf-8") as f:
    f.write("id: dai\ntitle: " + "a" * (2 * 1024 * 1024) + "\n")
