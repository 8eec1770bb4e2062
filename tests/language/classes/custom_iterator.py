class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


for i in Countdown(3):
    print(i)
# expect: 3
# expect: 2
# expect: 1
print(list(Countdown(4)))  # expect: [4, 3, 2, 1]
print(sum(Countdown(10)))  # expect: 55
