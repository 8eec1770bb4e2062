import asyncio

await asyncio.sleep(0)  # expect error: 'await' outside function
