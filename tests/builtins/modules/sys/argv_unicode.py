# args: héllo 日本
import sys
print(sys.argv[1], len(sys.argv[2]))  # expect: héllo 2
