# Done callbacks run once the future is done, in the order added; one added
# to a future that is already done runs at once, in the adding thread.
import threading
from concurrent.futures import Future

f = Future()
calls = []
f.add_done_callback(lambda fut: calls.append(("first", fut.result())))
f.add_done_callback(lambda fut: calls.append(("second", fut is f)))
print(calls)   # expect: []

t = threading.Thread(target=f.set_result, args=(7,), name="setter")
t.start()
t.join()
print(calls)   # expect: [('first', 7), ('second', True)]
f.add_done_callback(lambda fut: calls.append(("late", threading.current_thread().name)))
print(calls[-1])   # expect: ('late', 'MainThread')
