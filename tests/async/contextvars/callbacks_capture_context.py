# call_soon / call_later callbacks run in a copy of the context current
# when they were scheduled, or in the context= given.
import asyncio
import contextvars

var = contextvars.ContextVar("var", default="unset")

async def main():
    loop = asyncio.get_running_loop()
    done = asyncio.Event()

    def cb(tag):
        print(tag, var.get())
        var.set("changed by " + tag)
        if tag == "last":
            done.set()

    var.set("at call_soon")
    loop.call_soon(cb, "soon")
    var.set("at call_later")
    loop.call_later(0.01, cb, "later")
    ctx = contextvars.Context()
    loop.call_soon(cb, "given", context=ctx)
    var.set("at last")
    loop.call_later(0.03, cb, "last")
    await done.wait()
    print("main", var.get())
    print("ctx", ctx[var])

asyncio.run(main())
# expect: soon at call_soon
# expect: given unset
# expect: later at call_later
# expect: last at last
# expect: main at last
# expect: ctx changed by given
