// token.h — the closed list of tokens, declared once.
//
// Every stage that names a token (the re2c lexer, the parser, `--emit tokens`,
// the unit tests) includes this table.  X(Name, "spelling") — the spelling is
// what `--emit tokens` prints and what error messages quote.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "span.h"

namespace tide {

#define TIDE_TOKENS(X)                                                          \
  /* structure */                                                               \
  X(EndMarker, "ENDMARKER")                                                     \
  X(Newline, "NEWLINE")                                                         \
  X(Indent, "INDENT")                                                           \
  X(Dedent, "DEDENT")                                                           \
  /* atoms: value holds the identifier, digits (underscores removed), or the */ \
  /* decoded string contents */                                                 \
  X(Name, "NAME")                                                               \
  X(Int, "INT")     /* value: decimal digits, or 0x/0o/0b + digits */           \
  X(Float, "FLOAT") /* value: the literal without underscores */                \
  X(Imag, "IMAG")   /* value: as FLOAT, without the trailing j */               \
  X(String, "STRING") /* value: decoded contents (escapes processed) */         \
  X(Bytes, "BYTES")   /* value: decoded bytes, one char per byte */             \
  X(FString, "FSTRING") /* value: raw body between the quotes; see below */     \
  /* keywords */                                                                \
  X(KwFalse, "False")                                                           \
  X(KwNone, "None")                                                             \
  X(KwTrue, "True")                                                             \
  X(KwAnd, "and")                                                               \
  X(KwAs, "as")                                                                 \
  X(KwAssert, "assert")                                                         \
  X(KwAsync, "async")                                                           \
  X(KwAwait, "await")                                                           \
  X(KwBreak, "break")                                                           \
  X(KwClass, "class")                                                           \
  X(KwContinue, "continue")                                                     \
  X(KwDef, "def")                                                               \
  X(KwDel, "del")                                                               \
  X(KwElif, "elif")                                                             \
  X(KwElse, "else")                                                             \
  X(KwExcept, "except")                                                         \
  X(KwFinally, "finally")                                                       \
  X(KwFor, "for")                                                               \
  X(KwFrom, "from")                                                             \
  X(KwGlobal, "global")                                                         \
  X(KwIf, "if")                                                                 \
  X(KwImport, "import")                                                         \
  X(KwIn, "in")                                                                 \
  X(KwIs, "is")                                                                 \
  X(KwLambda, "lambda")                                                         \
  X(KwNonlocal, "nonlocal")                                                     \
  X(KwNot, "not")                                                               \
  X(KwOr, "or")                                                                 \
  X(KwPass, "pass")                                                             \
  X(KwRaise, "raise")                                                           \
  X(KwReturn, "return")                                                         \
  X(KwTry, "try")                                                               \
  X(KwWhile, "while")                                                           \
  X(KwWith, "with")                                                             \
  X(KwYield, "yield")                                                           \
  /* brackets */                                                                \
  X(LParen, "(")                                                                \
  X(RParen, ")")                                                                \
  X(LBracket, "[")                                                              \
  X(RBracket, "]")                                                              \
  X(LBrace, "{")                                                                \
  X(RBrace, "}")                                                                \
  /* punctuation */                                                             \
  X(Colon, ":")                                                                 \
  X(Comma, ",")                                                                 \
  X(Semi, ";")                                                                  \
  X(Dot, ".")                                                                   \
  X(Ellipsis, "...")                                                            \
  X(Arrow, "->")                                                                \
  X(Walrus, ":=")                                                               \
  X(At, "@")                                                                    \
  /* operators */                                                               \
  X(Plus, "+")                                                                  \
  X(Minus, "-")                                                                 \
  X(Star, "*")                                                                  \
  X(DoubleStar, "**")                                                           \
  X(Slash, "/")                                                                 \
  X(DoubleSlash, "//")                                                          \
  X(Percent, "%")                                                               \
  X(Pipe, "|")                                                                  \
  X(Amper, "&")                                                                 \
  X(Caret, "^")                                                                 \
  X(Tilde, "~")                                                                 \
  X(LShift, "<<")                                                               \
  X(RShift, ">>")                                                               \
  X(Less, "<")                                                                  \
  X(Greater, ">")                                                               \
  X(LessEq, "<=")                                                               \
  X(GreaterEq, ">=")                                                            \
  X(EqEq, "==")                                                                 \
  X(NotEq, "!=")                                                                \
  X(Assign, "=")                                                                \
  X(PlusEq, "+=")                                                               \
  X(MinusEq, "-=")                                                              \
  X(StarEq, "*=")                                                               \
  X(SlashEq, "/=")                                                              \
  X(DoubleSlashEq, "//=")                                                       \
  X(PercentEq, "%=")                                                            \
  X(DoubleStarEq, "**=")                                                        \
  X(PipeEq, "|=")                                                               \
  X(AmperEq, "&=")                                                              \
  X(CaretEq, "^=")                                                              \
  X(LShiftEq, "<<=")                                                            \
  X(RShiftEq, ">>=")                                                            \
  X(AtEq, "@=")

enum class Tok : uint8_t {
#define X(name, text) name,
  TIDE_TOKENS(X)
#undef X
};

// The spelling of a token kind ("NAME", "def", "+=").
std::string_view tokName(Tok t);

// One token.  `value` is the processed payload for atoms (see the table); for
// keywords, operators and structure tokens it is empty.  `span` covers the
// token's source text (for NEWLINE the line break itself; for INDENT/DEDENT the
// first token of the line).
//
// f-strings: the lexer checks the whole literal (matching quotes, nested
// brackets and quotes inside `{...}`) and hands the parser the raw body in
// `value` plus `bodyOffset`: the byte offset in the source where the body
// starts, so the parser can give nested expressions exact positions.  `raw` is
// true for rf-strings.
struct Token {
  Tok kind = Tok::EndMarker;
  Span span;
  std::string value;
  uint32_t bodyOffset = 0; // FString only: source offset of value[0]
  bool raw = false;        // FString only: rf'' (no escape processing)
};

} // namespace tide
