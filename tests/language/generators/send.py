# yield as an expression receives the values passed to send().
def echo():
    print("started")
    received = yield "ready"
    while True:
        print("got", received)
        received = yield received * 2

g = echo()
print(g.send(None))
# expect: started
# expect: ready
print(g.send(5))
# expect: got 5
# expect: 10
print(g.send("ab"))
# expect: got ab
# expect: abab
print(g.send([1]))
# expect: got [1]
# expect: [1, 1]

# A running average: the classic coroutine-style generator.
def averager():
    total = 0.0
    count = 0
    average = None
    while True:
        value = yield average
        total += value
        count += 1
        average = total / count

avg = averager()
next(avg)
print(avg.send(10))  # expect: 10.0
print(avg.send(20))  # expect: 15.0
print(avg.send(0))  # expect: 10.0

# next() is the same as send(None).
def show():
    while True:
        v = yield
        print("received", v)

s = show()
next(s)
next(s)  # expect: received None
s.send(7)  # expect: received 7
print(s.send("x"))
# expect: received x
# expect: None
