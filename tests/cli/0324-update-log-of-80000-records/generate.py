# writes the input of this case: the plan's progress log with 80,000 short
# records of 13 values each, more than a plan may hold (1,000,000) but 11
# MB, well within the 512 MiB a log may have
from madeplan import write_long_log

write_long_log(80000)
