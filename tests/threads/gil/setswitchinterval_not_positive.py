# The switch interval must be strictly positive.
import sys

for value in (0, -0.5):
    try:
        sys.setswitchinterval(value)
    except ValueError as e:
        print(e)
print(sys.getswitchinterval())
# expect: switch interval must be strictly positive
# expect: switch interval must be strictly positive
# expect: 0.005
