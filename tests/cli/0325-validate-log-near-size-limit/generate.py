# writes the input of this case: the plan's progress log of 100,000 short
# records, 14.2 MB: more than 80% of the 16 MiB a log may have
from madeplan import write_long_log

write_long_log(100000)
