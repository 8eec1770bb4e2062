# CPython keeps the switch interval in whole microseconds: 123.4 us reads
# back as 123 us (times 1e-6, so not exactly 0.000123).
import sys

sys.setswitchinterval(0.0001234)
print(sys.getswitchinterval())            # expect: 0.00012299999999999998
print(round(sys.getswitchinterval(), 9))  # expect: 0.000123
