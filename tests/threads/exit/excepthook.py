# threading.excepthook receives uncaught thread exceptions (exc_type,
# exc_value, exc_traceback, thread) instead of the default report.
import threading

def hook(args):
    print("hook:", args.exc_type.__name__, args.exc_value, args.thread.name)

threading.excepthook = hook

def boom():
    raise IndexError("out of range")

t = threading.Thread(target=boom, name="worker")
t.start()
t.join()
print("done")
# expect: hook: IndexError out of range worker
# expect: done
