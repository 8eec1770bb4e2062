# map(fn, *iterables) zips its iterables and stops at the shortest.
from concurrent.futures import ThreadPoolExecutor

with ThreadPoolExecutor(3) as ex:
    print(list(ex.map(pow, [2, 3, 4, 5], [3, 2, 1])))   # expect: [8, 9, 4]
    print(list(ex.map(str.upper, "abc")))               # expect: ['A', 'B', 'C']
    print(list(ex.map(len, [])))                        # expect: []
