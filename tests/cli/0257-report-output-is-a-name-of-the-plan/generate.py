# plan.xlsx is another name (a hard link) of the plan the report reads
import os
os.link("plan.yaml", "plan.xlsx")
