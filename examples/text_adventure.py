# text_adventure.py — a tiny adventure game played from a script of commands.
# Run it with `build/tide examples/text_adventure.py`; python3 prints the same.
# Shows: a state machine in a class, rooms as dicts, an inventory set, command
# parsing with if/elif, a seeded random event, and a win condition.
import random

ROOMS = {
    "hall": {"desc": "a dusty hall", "exits": {"north": "library", "east": "kitchen"},
             "items": ["lamp"]},
    "kitchen": {"desc": "a cold kitchen", "exits": {"west": "hall", "down": "cellar"},
                "items": ["knife", "bread"]},
    "cellar": {"desc": "a dark cellar", "exits": {"up": "kitchen"}, "items": ["key"],
               "dark": True},
    "library": {"desc": "a library full of maps", "exits": {"south": "hall", "north": "vault"},
                "items": ["map"]},
    "vault": {"desc": "the vault, where the treasure gleams", "exits": {"south": "library"},
              "items": ["treasure"], "locked": True},
}

COMMANDS = ["look", "take lamp", "go east", "take bread", "go down", "take key",
            "go up", "eat bread", "inventory", "go west", "dance", "go north", "go north",
            "use key", "go north", "take treasure", "go south", "take map", "score"]


class GameOver(Exception):
    pass


class Game:
    def __init__(self, rooms, seed):
        # Each room is copied, its item list too, so that the game changes its
        # own map and never ROOMS (dict(room) alone would share the lists).
        self.rooms = {name: {**room, "items": list(room["items"])}
                      for name, room in rooms.items()}
        self.here = "hall"
        self.inventory = set()
        self.moves = 0
        random.seed(seed)  # the same "random" events on every run
        self.visited = [self.here]

    def room(self):
        return self.rooms[self.here]

    def can_see(self):
        return not self.room().get("dark", False) or "lamp" in self.inventory

    def describe(self):
        room = self.room()
        if not self.can_see():
            return "It is pitch dark."
        items = ", ".join(room["items"]) or "nothing"
        exits = " ".join(sorted(room["exits"]))
        return f"You are in {room['desc']}. You see: {items}. Exits: {exits}."

    def go(self, direction):
        target = self.room()["exits"].get(direction)
        if target is None:
            return f"You cannot go {direction}."
        if self.rooms[target].get("locked"):
            return "The door is locked."
        self.here = target
        if target not in self.visited:
            self.visited.append(target)
        return self.describe()

    def take(self, item):
        items = self.room()["items"]
        if not self.can_see():
            return "You fumble in the dark."
        if item not in items:
            return f"There is no {item} here."
        items.remove(item)
        self.inventory.add(item)
        if item == "treasure":
            raise GameOver(f"You take the treasure and win in {self.moves} moves!")
        return f"Taken: {item}."

    def use(self, item):
        if item not in self.inventory:
            return f"You have no {item}."
        if item == "key" and self.here == "library":
            self.rooms["vault"]["locked"] = False
            return "The key turns; the vault door swings open."
        return f"Nothing happens when you use the {item}."

    def step(self, line):
        self.moves += 1
        verb, _, noun = line.partition(" ")
        if verb == "look":
            return self.describe()
        elif verb == "go":
            return self.go(noun)
        elif verb == "take":
            return self.take(noun)
        elif verb == "use":
            return self.use(noun)
        elif verb == "eat" and noun in self.inventory:
            self.inventory.discard(noun)
            return f"You eat the {noun}. " + random.choice(["Tasty.", "Stale.", "Crunchy."])
        elif verb == "inventory":
            return "You carry: " + ", ".join(sorted(self.inventory))
        else:
            self.moves -= 1  # an unknown command costs no move
            return f"I do not know how to {line!r}."


game = Game(ROOMS, seed=7)
print(game.describe())
for n, command in enumerate(COMMANDS, start=1):
    print(f"\n[{n:>2}] > {command}")
    try:
        print(game.step(command))
    except GameOver as won:
        print(won)
        break
else:
    print("You ran out of commands.")

print()
print("rooms visited:", " -> ".join(game.visited))
print("carrying:", sorted(game.inventory), f"({len(game.inventory)} items)")
unvisited = sorted(set(ROOMS) - set(game.visited))
left = {name: room["items"] for name, room in game.rooms.items() if room["items"]}
print("never visited:", unvisited or "none", "| items left:", left)
print("original map untouched:", ROOMS["hall"]["items"] == ["lamp"], ROOMS["vault"]["locked"])
