import sys
print(sys.argv)  # expect: ['argv_without_arguments.py']
