class Stack(list):
    def push(self, x):
        self.append(x)

    def peek(self):
        return self[-1]


s = Stack()
s.push(1)
s.push(2)
print(s, len(s), s.peek())  # expect: [1, 2] 2 2
print(isinstance(s, list), Stack([3, 4]))  # expect: True [3, 4]
