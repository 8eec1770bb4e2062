# args: 20 22
import sys
print(int(sys.argv[1]) + int(sys.argv[2]))  # expect: 42
