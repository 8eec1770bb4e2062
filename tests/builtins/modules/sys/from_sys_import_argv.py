# args: x
from sys import argv
print(argv[1])  # expect: x
