# The os module's constants and the processor count.
import os

print(os.name, os.sep, repr(os.linesep))   # expect: posix / '\n'
n = os.cpu_count()
print(isinstance(n, int) and n >= 1)       # expect: True
print(os.getpid() > 0)                     # expect: True
