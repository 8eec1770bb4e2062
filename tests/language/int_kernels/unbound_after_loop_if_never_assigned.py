# A local assigned only in a branch that never runs is still unbound after
# the loop; one assigned in the last iteration holds that value.
def maybe(n, k):
    for i in range(n):
        if i == k:
            hit = i * 10
    try:
        return hit
    except UnboundLocalError as e:
        return str(e)


print(maybe(5, 3))  # expect: 30
print(maybe(5, 7))  # expect: cannot access local variable 'hit' where it is not associated with a value
print(maybe(0, 0))  # expect: cannot access local variable 'hit' where it is not associated with a value


def deleted_before(n):
    x = 5
    del x
    for i in range(n):
        x = i
    try:
        return x
    except UnboundLocalError as e:
        return str(e)


print(deleted_before(4), deleted_before(0))  # expect: 3 cannot access local variable 'x' where it is not associated with a value
