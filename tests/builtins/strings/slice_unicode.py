s = "日本語のテキスト"
print(s[1:3])  # expect: 本語
print(s[::-1])  # expect: トスキテの語本日
print(s[-2:])  # expect: スト
