# The initial value must not be negative.
import threading

# expect runtime error: ValueError: semaphore initial value must be >= 0
threading.Semaphore(-1)
