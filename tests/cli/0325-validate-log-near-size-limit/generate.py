# writes the input of this case: the plan's progress log of 100,000 short
# records, 14.2 MB: more than 80% of the 16 MiB a log may have
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
from madeplan import write_long_log  # noqa: E402

write_long_log(100000)
