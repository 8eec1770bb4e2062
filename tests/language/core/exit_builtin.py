# exit() and quit(), which CPython's site module provides, raise SystemExit.
try:
    exit(3)
except SystemExit as e:
    print("exit", e.code)  # expect: exit 3
try:
    quit()
except SystemExit as e:
    print("quit", e.code)  # expect: quit None
print("bye")  # expect: bye
exit("goodbye")  # expect stderr: goodbye
# exit: 1
