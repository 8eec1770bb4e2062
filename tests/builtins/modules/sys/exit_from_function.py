import sys
def quit_now(code):
    sys.exit(code)
    print("not reached")
print("a")  # expect: a
quit_now(7)
# exit: 7
