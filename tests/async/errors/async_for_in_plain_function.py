def plain(items):
    async for x in items:  # expect error: 'async for' outside async function
        pass
