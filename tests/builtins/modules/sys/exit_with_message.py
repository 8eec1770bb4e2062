import sys
sys.exit("fatal: bad input")
# expect stderr: fatal: bad input
# exit: 1
