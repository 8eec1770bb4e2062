# Recursive generators with yield from: tree traversal and permutations.
class Node:
    def __init__(self, value, left=None, right=None):
        self.value = value
        self.left = left
        self.right = right

def inorder(node):
    if node is not None:
        yield from inorder(node.left)
        yield node.value
        yield from inorder(node.right)

tree = Node(4, Node(2, Node(1), Node(3)), Node(6, Node(5), Node(7)))
print(list(inorder(tree)))  # expect: [1, 2, 3, 4, 5, 6, 7]

def flatten(items):
    for item in items:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item

print(list(flatten([1, [2, [3, [4, []]], 5], [[6]]])))  # expect: [1, 2, 3, 4, 5, 6]

def permutations(items):
    if len(items) <= 1:
        yield items
        return
    for i in range(len(items)):
        rest = items[:i] + items[i + 1:]
        for p in permutations(rest):
            yield items[i:i + 1] + p

print(list(permutations("abc")))  # expect: ['abc', 'acb', 'bac', 'bca', 'cab', 'cba']
print(sum(1 for _ in permutations(list(range(6)))))  # expect: 720

# Depth counting through return values of nested yield from.
def depth_sum(node):
    if node is None:
        return 0
    left = yield from depth_sum(node.left)
    yield node.value
    right = yield from depth_sum(node.right)
    return 1 + max(left, right)

g = depth_sum(tree)
try:
    while True:
        next(g)
except StopIteration as e:
    print("height", e.value)  # expect: height 3

# Deep-ish recursion: a chain of 200 delegating generators.
def chain(n):
    if n == 0:
        yield "leaf"
    else:
        yield from chain(n - 1)
print(list(chain(200)))  # expect: ['leaf']
