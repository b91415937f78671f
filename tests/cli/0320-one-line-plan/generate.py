# writes the input of this case (too large to keep in the repository): a
# plan written as one line of JSON, 1.6 MB, its text decomposed (NFD), with
# a time kehoach cannot read in each of its 6,000 activities and an unknown
# key at the end of the line
import json
import unicodedata

from madeplan import TAIL, activity, plan

signer = dict(TAIL["signer"], nam="x")
doc = plan([{"id": "1", "title": "Truyền thông",
             "activities": [activity(f"1.{k + 1}", time="Quý V") for k in range(6000)]}],
           signer=signer)
with open("plan.yaml", "w", encoding="utf-8") as f:
    f.write(unicodedata.normalize("NFD", json.dumps(doc, ensure_ascii=False)) + "\n")
