# the bundled example's filled form (tests/forms/make_example.py)
import os
import shutil

here = os.path.dirname(os.path.abspath(__file__))
shutil.copyfile(os.path.join(here, "..", "..", "forms", "example",
                             "so-y-te-filled.xlsx"), "so-y-te-filled.xlsx")
