# A schemas/ folder beside the draft, as in a checkout of kehoach: the
# draft's schema line must lead there ("schemas/plan.schema.json"), not
# keep the old plan's "../schemas/plan.schema.json", which leads nowhere.
import os
import shutil

repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
os.mkdir("schemas")
shutil.copy(os.path.join(repo, "schemas", "plan.schema.json"), "schemas")
