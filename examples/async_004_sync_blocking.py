# Seed 004 ("Python asyncio Basics", Case 1): plain synchronous code blocks
# on every wait, so the three tasks run one after another.
# Scaled down: the notes sleep 2 s per task (6 s in all); this sleeps 1 s.
import time

def task(name):
    print(f"Start {name}")
    time.sleep(1)   # waiting
    print(f"End {name}")

task("A")
task("B")
task("C")
