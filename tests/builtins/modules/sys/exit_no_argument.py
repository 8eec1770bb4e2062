import sys
sys.exit()
print("after")
