class Widget:
    created = 0

    def __init__(self):
        Widget.created += 1
        self.serial = Widget.created


ws = [Widget() for _ in range(3)]
print([w.serial for w in ws])  # expect: [1, 2, 3]
print(Widget.created)  # expect: 3
