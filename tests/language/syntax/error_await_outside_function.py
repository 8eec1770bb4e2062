x = 1
await x  # expect error: 'await' outside function
