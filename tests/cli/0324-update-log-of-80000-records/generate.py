# writes the input of this case: the plan's progress log with 80,000 short
# records of 13 values each, more than a plan may hold (1,000,000) but 11
# MB, well within the 16 MiB a log may have
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
from madeplan import write_long_log  # noqa: E402

write_long_log(80000)
