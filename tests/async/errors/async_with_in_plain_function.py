def plain(lock):
    async with lock:  # expect error: 'async with' outside async function
        pass
