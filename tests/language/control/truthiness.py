for v in [0, 1, 0.0, 2.5, "", "0", [], [0], (), {}, {"a": 1}, None, True, False, 2 ** 100]:
    if v:
        print("T", end=" ")
    else:
        print("F", end=" ")
print()
# expect: F T F T F T F T F F T F T F T 
