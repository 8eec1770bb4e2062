# A task runs in a copy of the context current when it was created: it sees
# the values set before, and its own changes stay in the task.
import asyncio
import contextvars

var = contextvars.ContextVar("var", default="unset")

async def child(tag):
    print(tag, "sees", var.get())
    var.set(tag)
    await asyncio.sleep(0)
    print(tag, "keeps", var.get())

async def main():
    var.set("first")
    a = asyncio.create_task(child("a"))
    var.set("second")
    b = asyncio.create_task(child("b"))
    await asyncio.gather(a, b)
    print("main", var.get())

var.set("outside")
asyncio.run(main())
print("after run", var.get())
# expect: a sees first
# expect: b sees second
# expect: a keeps a
# expect: b keeps b
# expect: main second
# expect: after run outside
