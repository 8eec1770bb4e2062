import asyncio


def plain():
    await asyncio.sleep(0)  # expect error: 'await' outside async function
