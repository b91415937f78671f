# writes the input of this case: a plan 40 folders deep, below the depth
# any walk goes to (32), and a plan with a close id at the top
import os
import shutil

deep = os.path.join(*["d"] * 40)
os.makedirs(deep)
shutil.copy("top.yaml", os.path.join(deep, "plan.yaml"))
with open(os.path.join(deep, "plan.yaml"), encoding="utf-8") as f:
    text = f.read()
with open(os.path.join(deep, "plan.yaml"), "w", encoding="utf-8") as f:
    f.write(text.replace("id: thu-nghiem-2026", "id: sau-nhat-2026", 1))
