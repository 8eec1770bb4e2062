# word_counter.py — count the words of a text and print the ten most common.
# Run it with `build/tide examples/word_counter.py`; python3 prints the same.
#
# Shows: string methods, dict counting, sorting with a key, comprehensions,
# closures and f-string alignment.

TEXT = """
The sea was calm that morning. The fishermen of the village had gone out
before dawn, as they always did, and the harbour was quiet. Only the gulls
were awake, circling the masts and crying at the boats that had stayed in.

By noon the wind had turned. Clouds came in from the west, low and grey,
and the sea began to move under them. In the village the women looked at
the sky, then at the harbour, then at the sky again. "They will come back,"
said the old woman who sold bread. "They always come back."

And they did -- one boat, then two, then all of them, riding the swell into
the harbour as the first rain fell. The men tied the boats, carried the fish
up the steps, and went home wet and laughing. That night the village ate
well, and nobody spoke of the wind.
"""

# Words this short tell us nothing about the text.
STOP_WORDS = {"the", "and", "a", "of", "at", "in", "to", "as", "had", "was"}


def normalize(word):
    """Lower-case `word` and strip the punctuation around it."""
    return word.strip(".,;:!?\"'()-").lower()


def split_words(text):
    words = []
    for raw in text.split():
        word = normalize(raw)
        if word:
            words.append(word)
    return words


def count(words):
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return counts


def make_filter(stop_words, min_length):
    # A closure: the returned function remembers both arguments.
    def keep(word):
        return word not in stop_words and len(word) >= min_length
    return keep


def top(counts, n):
    """The n most common words: highest count first, ties alphabetical."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]


def print_table(title, rows, total):
    width = max(len(word) for word, _ in rows)
    print(title)
    print(f"{'#':>2}  {'word':<{width}}  {'count':>5}  {'share':>6}")
    print("-" * (width + 20))
    for rank, (word, n) in enumerate(rows, start=1):
        print(f"{rank:>2}  {word:<{width}}  {n:>5}  {n / total:>6.1%}")
    print()


paragraphs = [p for p in TEXT.strip().split("\n\n")]
words = split_words(TEXT)
counts = count(words)

print(f"{len(paragraphs)} paragraphs, {len(words)} words, {len(counts)} distinct")
for i, para in enumerate(paragraphs, start=1):
    para_words = split_words(para)
    longest = max(para_words, key=len)
    print(f"  paragraph {i}: {len(para_words):>3} words, longest {longest!r}")
print()

print_table("Top 10 words", top(counts, 10), len(words))

keep = make_filter(STOP_WORDS, 3)
content = {w: n for w, n in counts.items() if keep(w)}
print_table("Top 10 content words", top(content, 10), len(words))

# Words seen only once, grouped by their first letter.
once = sorted(w for w, n in counts.items() if n == 1)
by_letter = {}
for w in once:
    by_letter.setdefault(w[0], []).append(w)
print(f"{len(once)} words appear once; by first letter:")
for letter in sorted(by_letter)[:6]:
    print(f"  {letter}: {', '.join(by_letter[letter])}")

# Which content words appear in every paragraph?
sets = [set(split_words(p)) for p in paragraphs]
common = sets[0]
for s in sets[1:]:
    common = common & s
print("in every paragraph:", sorted(w for w in common if keep(w)))

lengths = [len(w) for w in words]
print(f"average word length {sum(lengths) / len(lengths):.2f}, "
      f"longest words: {sorted(set(words), key=lambda w: (-len(w), w))[:3]}")
