# create_task(context=ctx) runs the task in ctx itself: what it sets is
# visible in ctx afterwards.
import asyncio
import contextvars

var = contextvars.ContextVar("var", default="unset")

async def work():
    print("task sees", var.get())
    var.set("from task")

async def main():
    ctx = contextvars.Context()
    ctx.run(var.set, "in ctx")
    await asyncio.create_task(work(), context=ctx)
    print(ctx[var], var.get())
    await asyncio.get_running_loop().create_task(work(), context=contextvars.Context())

asyncio.run(main())
# expect: task sees in ctx
# expect: from task unset
# expect: task sees unset
