# isidentifier: XID_Start or '_' first, then XID_Continue, in any script.
for s in ["café", "π", "привет", "変数", "_x", "x٣", "٣x", "ǅ", "ⅻ", "℘", "℮", "a·b", "·a",
          "x\u0301", "\u0301x", "x²", "²", "x½", "a\u200db", "x\u2003", "ªº", "Ⅻ_1", "x₂", "ﬁ"]:
    print(repr(s), s.isidentifier())
# expect: 'café' True
# expect: 'π' True
# expect: 'привет' True
# expect: '変数' True
# expect: '_x' True
# expect: 'x٣' True
# expect: '٣x' False
# expect: 'ǅ' True
# expect: 'ⅻ' True
# expect: '℘' True
# expect: '℮' True
# expect: 'a·b' True
# expect: '·a' False
# expect: 'x́' True
# expect: '́x' False
# expect: 'x²' False
# expect: '²' False
# expect: 'x½' False
# expect: 'a\u200db' False
# expect: 'x\u2003' False
# expect: 'ªº' True
# expect: 'Ⅻ_1' True
# expect: 'x₂' False
# expect: 'ﬁ' True
