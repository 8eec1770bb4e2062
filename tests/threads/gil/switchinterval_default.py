# The default switch interval is 5 ms.
import sys

print(sys.getswitchinterval())   # expect: 0.005
