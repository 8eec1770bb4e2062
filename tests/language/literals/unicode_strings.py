print("héllo")  # expect: héllo
print("日本語")  # expect: 日本語
print("emoji: 😀")  # expect: emoji: 😀
