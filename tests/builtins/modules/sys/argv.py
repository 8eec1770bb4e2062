# args: one "two words" 3
import sys
print(sys.argv[1:])  # expect: ['one', 'two words', '3']
print(sys.argv[0])  # expect: argv.py
print(len(sys.argv))  # expect: 4
