import sys
print("partial", end="")
sys.exit(4)
# expect: partial
# exit: 4
