# writes the input of this case: the plan's progress log of 100,000 short
# records, 14.2 MB, read record by record (far from the 512 MiB a log may
# have: no warning)
from madeplan import write_long_log

write_long_log(100000)
