import sys
sys.exit(100)
# exit: 100
