# the lock file planted as a link to another file: it must not be written
import os
os.symlink("victim.txt", "plan.progress.yaml.lock")
