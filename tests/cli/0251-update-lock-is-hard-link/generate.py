# the lock file planted as another name of another file: it must not be emptied
import os
os.link("victim.txt", "plan.progress.yaml.lock")
