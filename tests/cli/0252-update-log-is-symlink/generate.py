# the log is a link to a log elsewhere: the update would replace the link
import os
os.mkdir("elsewhere")
os.rename("real.progress.yaml", "elsewhere/real.progress.yaml")
os.symlink("elsewhere/real.progress.yaml", "plan.progress.yaml")
