class Deck:
    def __init__(self):
        self.cards = ["A", "K", "Q"]

    def __len__(self):
        return len(self.cards)

    def __getitem__(self, i):
        return self.cards[i]

    def __contains__(self, card):
        return card in self.cards


d = Deck()
print(len(d), d[0], d[-1])  # expect: 3 A Q
print("K" in d, "J" in d)  # expect: True False
print(bool(d))  # expect: True
for card in d:
    print(card)
# expect: A
# expect: K
# expect: Q
