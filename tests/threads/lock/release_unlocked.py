# Releasing an unlocked Lock is a RuntimeError.
import threading

lock = threading.Lock()
# expect runtime error: RuntimeError: release unlocked lock
lock.release()
