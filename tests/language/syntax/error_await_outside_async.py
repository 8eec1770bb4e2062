def f(x):
    return await x  # expect error: 'await' outside async function
