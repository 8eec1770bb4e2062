// lexer_test.cpp — what the parser (and `--emit tokens`) sees for a given
// source text, and the errors a user gets for malformed input.  Expected
// messages and positions are CPython 3.11's.
#include "lexer.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace tide {
namespace {

struct Lexed {
  std::vector<Token> toks;
  Diagnostics diag;
};

Lexed lex(std::string_view src) {
  Lexed r;
  r.toks = tokenize(src, r.diag);
  return r;
}

std::vector<Tok> kinds(std::string_view src) {
  Lexed r = lex(src);
  EXPECT_FALSE(r.diag.hasErrors()) << "unexpected error: " << r.diag.errors()[0].message;
  std::vector<Tok> out;
  for (const Token &t : r.toks)
    out.push_back(t.kind);
  return out;
}

// The single token of an expression line: "x\n" -> the NAME token.
Token only(std::string_view src) {
  Lexed r = lex(src);
  EXPECT_FALSE(r.diag.hasErrors()) << src << ": " << r.diag.errors()[0].message;
  EXPECT_EQ(r.toks.size(), 3u) << src; // token, NEWLINE, ENDMARKER
  return r.toks.empty() ? Token{} : r.toks[0];
}

Diagnostic errorOf(std::string_view src) {
  Lexed r = lex(src);
  EXPECT_TRUE(r.diag.hasErrors()) << "no error for: " << src;
  return r.diag.hasErrors() ? r.diag.errors()[0] : Diagnostic{};
}

using T = Tok;

// --- layout ----------------------------------------------------------------

TEST(LexerLayout, SimpleLine) {
  EXPECT_EQ(kinds("x = 1\n"),
            (std::vector<Tok>{T::Name, T::Assign, T::Int, T::Newline, T::EndMarker}));
}

TEST(LexerLayout, EmptyAndCommentOnlyFilesYieldOnlyEndMarker) {
  EXPECT_EQ(kinds(""), std::vector<Tok>{T::EndMarker});
  EXPECT_EQ(kinds("\n\n  \n"), std::vector<Tok>{T::EndMarker});
  EXPECT_EQ(kinds("# just a comment\n   # another"), std::vector<Tok>{T::EndMarker});
}

TEST(LexerLayout, FinalNewlineAddedWithoutTrailingLineBreak) {
  Lexed r = lex("pass");
  ASSERT_EQ(r.toks.size(), 3u);
  EXPECT_EQ(r.toks[1].kind, T::Newline);
  EXPECT_EQ(r.toks[1].span.line, 1u);
  EXPECT_EQ(r.toks[1].span.col, 5u);
}

TEST(LexerLayout, NestedBlocksAndMultipleDedents) {
  std::string src = "if a:\n"
                    "    if b:\n"
                    "        x\n"
                    "\n"
                    "    # comment at another depth\n"
                    "y\n";
  EXPECT_EQ(kinds(src),
            (std::vector<Tok>{T::KwIf, T::Name, T::Colon, T::Newline, T::Indent, T::KwIf, T::Name,
                              T::Colon, T::Newline, T::Indent, T::Name, T::Newline, T::Dedent,
                              T::Dedent, T::Name, T::Newline, T::EndMarker}));
}

TEST(LexerLayout, DedentsAtEndOfFile) {
  EXPECT_EQ(kinds("def f():\n  while x:\n    pass"),
            (std::vector<Tok>{T::KwDef, T::Name, T::LParen, T::RParen, T::Colon, T::Newline,
                              T::Indent, T::KwWhile, T::Name, T::Colon, T::Newline, T::Indent,
                              T::KwPass, T::Newline, T::Dedent, T::Dedent, T::EndMarker}));
}

TEST(LexerLayout, IndentSpanIsTheFirstTokenOfTheLine) {
  Lexed r = lex("if x:\n    y\n");
  ASSERT_GE(r.toks.size(), 6u);
  EXPECT_EQ(r.toks[4].kind, T::Indent);
  EXPECT_EQ(r.toks[4].span.line, 2u);
  EXPECT_EQ(r.toks[4].span.col, 5u);
}

TEST(LexerLayout, UnexpectedIndentIsLeftToTheParser) {
  EXPECT_EQ(kinds("  x\n"),
            (std::vector<Tok>{T::Indent, T::Name, T::Newline, T::Dedent, T::EndMarker}));
}

TEST(LexerLayout, InconsistentDedent) {
  Diagnostic d = errorOf("if x:\n        a\n    b\n");
  EXPECT_EQ(d.kind, "IndentationError");
  EXPECT_EQ(d.message, "unindent does not match any outer indentation level");
  EXPECT_EQ(d.span.line, 3u);
  EXPECT_EQ(d.span.col, 6u); // CPython points just past the line
}

TEST(LexerLayout, TabsCountToNextMultipleOfEight) {
  // A tab and eight spaces are the same column *and* ordered the same way in
  // both measures only when used consistently: tab + tab-indented body.
  EXPECT_EQ(kinds("if x:\n\ta\n\tif y:\n\t\tb\n"),
            (std::vector<Tok>{T::KwIf, T::Name, T::Colon, T::Newline, T::Indent, T::Name,
                              T::Newline, T::KwIf, T::Name, T::Colon, T::Newline, T::Indent,
                              T::Name, T::Newline, T::Dedent, T::Dedent, T::EndMarker}));
}

TEST(LexerLayout, TabErrorWhenTabAndSpacesDisagree) {
  Diagnostic d = errorOf("if x:\n\ta\n        b\n");
  EXPECT_EQ(d.kind, "TabError");
  EXPECT_EQ(d.message, "inconsistent use of tabs and spaces in indentation");
  EXPECT_EQ(d.span.line, 3u);

  Diagnostic d2 = errorOf("if x:\n        a\n\tb\n");
  EXPECT_EQ(d2.kind, "TabError");
  // An indent that grows with tab size 8 (8 -> 9) but not with tab size 1
  // (8 -> 2).
  EXPECT_EQ(errorOf("if x:\n        a\n        if y:\n\t b\n").kind, "TabError");
}

TEST(LexerLayout, BracketsJoinLines) {
  EXPECT_EQ(kinds("x = (1,\n\n   2,  # c\n        3)\n"),
            (std::vector<Tok>{T::Name, T::Assign, T::LParen, T::Int, T::Comma, T::Int, T::Comma,
                              T::Int, T::RParen, T::Newline, T::EndMarker}));
  EXPECT_EQ(kinds("d = {\n  'a': [\n    1]}\n"),
            (std::vector<Tok>{T::Name, T::Assign, T::LBrace, T::String, T::Colon, T::LBracket,
                              T::Int, T::RBracket, T::RBrace, T::Newline, T::EndMarker}));
}

TEST(LexerLayout, BackslashContinuation) {
  Lexed r = lex("x = 1 + \\\n        2\ny\n");
  ASSERT_FALSE(r.diag.hasErrors());
  std::vector<Tok> got;
  for (auto &t : r.toks)
    got.push_back(t.kind);
  EXPECT_EQ(got, (std::vector<Tok>{T::Name, T::Assign, T::Int, T::Plus, T::Int, T::Newline, T::Name,
                                   T::Newline, T::EndMarker}));
  EXPECT_EQ(r.toks[4].span.line, 2u);
  EXPECT_EQ(r.toks[4].span.col, 9u);
}

TEST(LexerLayout, CrLfAccepted) {
  Lexed r = lex("if x:\r\n    y = 'a'\r\n");
  ASSERT_FALSE(r.diag.hasErrors());
  EXPECT_EQ(r.toks[3].kind, T::Newline);
  EXPECT_EQ(r.toks[4].kind, T::Indent);
  EXPECT_EQ(r.toks[7].value, "a");
  EXPECT_EQ(r.toks[7].span.line, 2u);
  EXPECT_EQ(kinds("s = '''a\r\nb'''\r\n").size(), 5u);
  EXPECT_EQ(only("'''a\r\nb'''\n").value, "a\nb");
}

TEST(LexerLayout, CommentsAreSkipped) {
  EXPECT_EQ(kinds("x # y = 2\n"), (std::vector<Tok>{T::Name, T::Newline, T::EndMarker}));
}

TEST(LexerLayout, ErrorsAfterContinuation) {
  Diagnostic d = errorOf("x = 1 \\ 2\n");
  EXPECT_EQ(d.message, "unexpected character after line continuation character");
  EXPECT_EQ(errorOf("x = 1 + \\").message, "unexpected EOF while parsing");
  EXPECT_EQ(errorOf("x = 5 \\\n").message, "unexpected EOF while parsing");
}

// --- names and keywords ----------------------------------------------------

TEST(LexerNames, KeywordsAndSoftKeywords) {
  EXPECT_EQ(only("async\n").kind, T::KwAsync);
  EXPECT_EQ(only("None\n").kind, T::KwNone);
  EXPECT_EQ(only("nonlocal\n").kind, T::KwNonlocal);
  EXPECT_EQ(only("match\n").kind, T::Name);
  EXPECT_EQ(only("case\n").kind, T::Name);
  EXPECT_EQ(only("type\n").kind, T::Name);
  EXPECT_EQ(only("Nonesuch\n").value, "Nonesuch");
  EXPECT_EQ(only("_private1\n").value, "_private1");
}

TEST(LexerNames, UnicodeIdentifiers) {
  Token t = only("café\n");
  EXPECT_EQ(t.kind, T::Name);
  EXPECT_EQ(t.value, "café");
  EXPECT_EQ(only("переменная\n").value, "переменная");
}

TEST(LexerNames, InvalidCharacters) {
  Diagnostic d = errorOf("x = “x”\n");
  EXPECT_EQ(d.message, "invalid character '“' (U+201C)");
  EXPECT_EQ(d.span.col, 5u);
  EXPECT_EQ(errorOf("x = a\u00a0\n").message, "invalid non-printable character U+00A0");
  Diagnostic d2 = errorOf("x = $\n");
  EXPECT_EQ(d2.message, "invalid syntax");
  EXPECT_EQ(d2.span.col, 5u);
  EXPECT_EQ(errorOf("a ? b\n").message, "invalid syntax");
  EXPECT_EQ(errorOf("a!\n").message, "invalid syntax");
  EXPECT_EQ(errorOf("a \x01\n").message, "invalid non-printable character U+0001");
}

// --- numbers ---------------------------------------------------------------

TEST(LexerNumbers, Integers) {
  EXPECT_EQ(only("42\n").value, "42");
  EXPECT_EQ(only("0\n").value, "0");
  EXPECT_EQ(only("00\n").value, "0");
  EXPECT_EQ(only("10_000_000\n").value, "10000000");
  EXPECT_EQ(only("0xff\n").value, "0xff");
  EXPECT_EQ(only("0XdeadBEEF\n").value, "0xdeadBEEF");
  EXPECT_EQ(only("0x_ff\n").value, "0xff");
  EXPECT_EQ(only("0o17\n").value, "0o17");
  EXPECT_EQ(only("0O7_7\n").value, "0o77");
  EXPECT_EQ(only("0b1010\n").value, "0b1010");
  EXPECT_EQ(only("0B1_0\n").value, "0b10");
  EXPECT_EQ(only("123456789012345678901234567890\n").value, "123456789012345678901234567890");
  EXPECT_EQ(only("7\n").kind, T::Int);
}

TEST(LexerNumbers, Floats) {
  for (auto [src, want] :
       std::vector<std::pair<std::string, std::string>>{{"1.5\n", "1.5"},
                                                        {".5\n", ".5"},
                                                        {"5.\n", "5."},
                                                        {"1e10\n", "1e10"},
                                                        {"1.5E-3\n", "1.5E-3"},
                                                        {"1_000.000_1\n", "1000.0001"},
                                                        {"1e1_0\n", "1e10"},
                                                        {"0.0\n", "0.0"},
                                                        {"012.5\n", "012.5"},
                                                        {"1.e5\n", "1.e5"}}) {
    Token t = only(src);
    EXPECT_EQ(t.kind, T::Float) << src;
    EXPECT_EQ(t.value, want) << src;
  }
}

TEST(LexerNumbers, Imaginary) {
  Token t = only("3j\n");
  EXPECT_EQ(t.kind, T::Imag);
  EXPECT_EQ(t.value, "3");
  EXPECT_EQ(only("1.5J\n").value, "1.5");
  EXPECT_EQ(only("1_000j\n").value, "1000");
  EXPECT_EQ(only("1e3j\n").kind, T::Imag);
}

TEST(LexerNumbers, DotsAndAttributeAccess) {
  EXPECT_EQ(kinds("x.y\n"), (std::vector<Tok>{T::Name, T::Dot, T::Name, T::Newline, T::EndMarker}));
  EXPECT_EQ(kinds("1 .real\n"),
            (std::vector<Tok>{T::Int, T::Dot, T::Name, T::Newline, T::EndMarker}));
  EXPECT_EQ(kinds("x[...]\n"), (std::vector<Tok>{T::Name, T::LBracket, T::Ellipsis, T::RBracket,
                                                 T::Newline, T::EndMarker}));
}

TEST(LexerNumbers, KeywordGluedToNumberIsAccepted) {
  // CPython 3.11 accepts "1if x else 2" (with a warning).
  EXPECT_EQ(kinds("1if x else 2\n"), (std::vector<Tok>{T::Int, T::KwIf, T::Name, T::KwElse, T::Int,
                                                       T::Newline, T::EndMarker}));
}

TEST(LexerNumbers, Errors) {
  Diagnostic d = errorOf("x = 012\n");
  EXPECT_EQ(d.message, "leading zeros in decimal integer literals are not "
                       "permitted; use an 0o prefix for octal integers");
  EXPECT_EQ(d.span.col, 5u);
  EXPECT_EQ(errorOf("x = 0_7\n").message.substr(0, 13), "leading zeros");
  Diagnostic d2 = errorOf("x = 1abc\n");
  EXPECT_EQ(d2.message, "invalid decimal literal");
  EXPECT_EQ(d2.span.col, 5u);
  Diagnostic d3 = errorOf("x = 1__2\n");
  EXPECT_EQ(d3.message, "invalid decimal literal");
  EXPECT_EQ(d3.span.col, 6u);
  EXPECT_EQ(errorOf("x = 1_\n").message, "invalid decimal literal");
  EXPECT_EQ(errorOf("x = 1e\n").message, "invalid decimal literal");
  EXPECT_EQ(errorOf("x = 0x\n").message, "invalid hexadecimal literal");
  EXPECT_EQ(errorOf("x = 0xg\n").message, "invalid hexadecimal literal");
  EXPECT_EQ(errorOf("x = 0o\n").message, "invalid octal literal");
  EXPECT_EQ(errorOf("x = 0b\n").message, "invalid binary literal");
  Diagnostic d4 = errorOf("x = 0o8\n");
  EXPECT_EQ(d4.message, "invalid digit '8' in octal literal");
  EXPECT_EQ(d4.span.col, 7u);
  EXPECT_EQ(errorOf("x = 0b102\n").message, "invalid digit '2' in binary literal");
}

// --- strings ---------------------------------------------------------------

TEST(LexerStrings, QuotesAndEscapes) {
  EXPECT_EQ(only("'abc'\n").value, "abc");
  EXPECT_EQ(only("\"it's\"\n").value, "it's");
  EXPECT_EQ(only("''\n").value, "");
  EXPECT_EQ(only(R"('a\tb\nc\\d\'e\"f')"
                 "\n")
                .value,
            "a\tb\nc\\d'e\"f");
  EXPECT_EQ(only(R"('\a\b\f\v\r')"
                 "\n")
                .value,
            "\a\b\f\v\r");
  EXPECT_EQ(only(R"('\101\0\x41\u00e9\U0001F600')"
                 "\n")
                .value,
            std::string("A\0Aé😀", 9));
  EXPECT_EQ(only(R"('\777')"
                 "\n")
                .value,
            "\u01ff");
  EXPECT_EQ(only(R"('\d\w')"
                 "\n")
                .value,
            "\\d\\w");                           // unknown: verbatim
  EXPECT_EQ(only("'ab\\\ncd'\n").value, "abcd"); // backslash-newline
  EXPECT_EQ(only("u'x'\n").kind, T::String);
  EXPECT_EQ(only("'é'\n").value, "é");
}

TEST(LexerStrings, RawStrings) {
  EXPECT_EQ(only(R"(r'\d+\n')"
                 "\n")
                .value,
            "\\d+\\n");
  EXPECT_EQ(only(R"(R"a\"b")"
                 "\n")
                .value,
            "a\\\"b");
  EXPECT_EQ(only(R"(rb'\x00')"
                 "\n")
                .value,
            "\\x00");
  EXPECT_EQ(only(R"(BR'\x00')"
                 "\n")
                .kind,
            T::Bytes);
}

TEST(LexerStrings, TripleQuoted) {
  Lexed r = lex("s = '''one\ntwo \"\"\" ''' + 1\n");
  ASSERT_FALSE(r.diag.hasErrors());
  EXPECT_EQ(r.toks[2].kind, T::String);
  EXPECT_EQ(r.toks[2].value, "one\ntwo \"\"\" ");
  EXPECT_EQ(r.toks[2].span.line, 1u);
  EXPECT_EQ(r.toks[2].span.endLine, 2u);
  EXPECT_EQ(r.toks[3].kind, T::Plus);
  EXPECT_EQ(r.toks[3].span.line, 2u);
  EXPECT_EQ(only("\"\"\"a\"b\"\"c\"\"\"\n").value, "a\"b\"\"c");
}

TEST(LexerStrings, AdjacentLiteralsStaySeparate) {
  EXPECT_EQ(kinds("'a' \"b\"\n"),
            (std::vector<Tok>{T::String, T::String, T::Newline, T::EndMarker}));
}

TEST(LexerStrings, Bytes) {
  Token t = only(R"(b'\x80\xffA\n\777')"
                 "\n");
  EXPECT_EQ(t.kind, T::Bytes);
  EXPECT_EQ(t.value, std::string("\x80\xff"
                                 "A\n\xff"));
  EXPECT_EQ(only(R"(b'\u1234')"
                 "\n")
                .value,
            "\\u1234");
  EXPECT_EQ(errorOf("x = b'é'\n").message, "bytes can only contain ASCII literal characters");
}

TEST(LexerStrings, PrefixedNamesAreNames) {
  EXPECT_EQ(kinds("rb = br + f\n"), (std::vector<Tok>{T::Name, T::Assign, T::Name, T::Plus, T::Name,
                                                      T::Newline, T::EndMarker}));
}

TEST(LexerStrings, Unterminated) {
  Diagnostic d = errorOf("x = 'abc\ny = 1\n");
  EXPECT_EQ(d.message, "unterminated string literal (detected at line 1)");
  EXPECT_EQ(d.span.line, 1u);
  EXPECT_EQ(d.span.col, 5u);
  Diagnostic d2 = errorOf("x = 1\ny = '''abc\n\n\n");
  EXPECT_EQ(d2.message, "unterminated triple-quoted string literal (detected at line 4)");
  EXPECT_EQ(d2.span.line, 2u);
  EXPECT_EQ(d2.span.col, 5u);
  EXPECT_EQ(errorOf("'abc\\'").message, "unterminated string literal (detected at line 1)");
}

TEST(LexerStrings, BadEscapes) {
  EXPECT_EQ(errorOf(R"(x = '\x4')"
                    "\n")
                .message,
            "(unicode error) 'unicodeescape' codec can't decode bytes in "
            "position 0-2: truncated \\xXX escape");
  EXPECT_EQ(errorOf(R"(x = '\u12')"
                    "\n")
                .message,
            "(unicode error) 'unicodeescape' codec can't decode bytes in "
            "position 0-3: truncated \\uXXXX escape");
  EXPECT_EQ(errorOf(R"(x = b'\x4')"
                    "\n")
                .message,
            "(value error) invalid \\x escape at position 0");
  EXPECT_EQ(errorOf(R"(x = '\N{foo}')"
                    "\n")
                .message,
            "(unicode error) 'unicodeescape' codec can't decode bytes in "
            "position 0-6: unknown Unicode character name");
}

// --- f-strings -------------------------------------------------------------

TEST(LexerFStrings, BodyIsRawAndOffsetPointsAtIt) {
  std::string src = "x = f'a{b}\\n'\n";
  Lexed r = lex(src);
  ASSERT_FALSE(r.diag.hasErrors());
  const Token &t = r.toks[2];
  EXPECT_EQ(t.kind, T::FString);
  EXPECT_EQ(t.value, "a{b}\\n");
  EXPECT_EQ(src.substr(t.bodyOffset, t.value.size()), t.value);
  EXPECT_FALSE(t.raw);
  EXPECT_TRUE(only("rf'{x}\\d'\n").raw);
  EXPECT_TRUE(only("Fr'{x}'\n").raw);
}

TEST(LexerFStrings, NestedQuotesBracketsAndSpecs) {
  EXPECT_EQ(only("f\"{d['k']}\"\n").value, "{d['k']}");
  EXPECT_EQ(only("f'{x:>{w}}'\n").value, "{x:>{w}}");
  EXPECT_EQ(only("f'{{literal}}'\n").value, "{{literal}}");
  EXPECT_EQ(only("f'{a[1:2]!r:^10} {f(x, y=3)}'\n").value, "{a[1:2]!r:^10} {f(x, y=3)}");
  EXPECT_EQ(only("f'{x=}'\n").value, "{x=}");
  EXPECT_EQ(only("f'{a != b} {a<b}'\n").value, "{a != b} {a<b}");
  EXPECT_EQ(only("f'''{\"'\"}'''\n").value, "{\"'\"}");
  EXPECT_EQ(only("f'{ {\"a\": 1}[\"a\"] }'\n").kind, T::FString);
  Token multi = only("f'''a\n{x}\nb'''\n");
  EXPECT_EQ(multi.value, "a\n{x}\nb");
  EXPECT_EQ(multi.span.endLine, 3u);
}

TEST(LexerFStrings, Errors) {
  EXPECT_EQ(errorOf("f'{a)}'\n").message, "f-string: unmatched ')'");
  EXPECT_EQ(errorOf("f'{a'\n").message, "f-string: expecting '}'");
  EXPECT_EQ(errorOf("f'{a}}'\n").message, "f-string: single '}' is not allowed");
  EXPECT_EQ(errorOf("f'}'\n").message, "f-string: single '}' is not allowed");
  EXPECT_EQ(errorOf("f'{a(}'\n").message,
            "f-string: closing parenthesis '}' does not match opening "
            "parenthesis '('");
  EXPECT_EQ(errorOf("f'{}'\n").message, "f-string: empty expression not allowed");
  EXPECT_EQ(errorOf("f'{a#}'\n").message, "f-string expression part cannot include '#'");
  EXPECT_EQ(errorOf("f'{a:{b:{c}}}'\n").message, "f-string: expressions nested too deeply");
  EXPECT_EQ(errorOf("f'{a!x}'\n").message,
            "f-string: invalid conversion character: expected 's', 'r', or "
            "'a'");
  // Python 3.11: the same quote inside the braces ends the literal.
  EXPECT_TRUE(lex("f\"{d[\"k\"]}\"\n").diag.hasErrors());
}

// --- operators -------------------------------------------------------------

TEST(LexerOperators, LongestMatch) {
  EXPECT_EQ(
      kinds("a **= b //= c >>= d <<= e -> f := g ... != ** // >> <<\n"),
      (std::vector<Tok>{T::Name,       T::DoubleStarEq, T::Name,     T::DoubleSlashEq, T::Name,
                        T::RShiftEq,   T::Name,         T::LShiftEq, T::Name,          T::Arrow,
                        T::Name,       T::Walrus,       T::Name,     T::Ellipsis,      T::NotEq,
                        T::DoubleStar, T::DoubleSlash,  T::RShift,   T::LShift,        T::Newline,
                        T::EndMarker}));
  EXPECT_EQ(
      kinds("+= -= *= /= %= |= &= ^= @= @ ~ < > <= >= == = ; , :\n"),
      (std::vector<Tok>{T::PlusEq,  T::MinusEq, T::StarEq,    T::SlashEq,  T::PercentEq, T::PipeEq,
                        T::AmperEq, T::CaretEq, T::AtEq,      T::At,       T::Tilde,     T::Less,
                        T::Greater, T::LessEq,  T::GreaterEq, T::EqEq,     T::Assign,    T::Semi,
                        T::Comma,   T::Colon,   T::Newline,   T::EndMarker}));
  EXPECT_EQ(kinds("a<<=-1\n"),
            (std::vector<Tok>{T::Name, T::LShiftEq, T::Minus, T::Int, T::Newline, T::EndMarker}));
}

TEST(LexerOperators, Spans) {
  Lexed r = lex("ab **= 12\n");
  ASSERT_EQ(r.toks.size(), 5u);
  EXPECT_EQ(r.toks[1].span.col, 4u);
  EXPECT_EQ(r.toks[1].span.endCol, 7u);
  EXPECT_EQ(r.toks[2].span.col, 8u);
  EXPECT_EQ(r.toks[2].span.endCol, 10u);
}

// --- brackets --------------------------------------------------------------

TEST(LexerBrackets, Errors) {
  Diagnostic d = errorOf("x = 1)\n");
  EXPECT_EQ(d.message, "unmatched ')'");
  EXPECT_EQ(d.span.col, 6u);
  Diagnostic d2 = errorOf("x = (1]\n");
  EXPECT_EQ(d2.message, "closing parenthesis ']' does not match opening parenthesis '('");
  EXPECT_EQ(errorOf("x = (1,\n2]\n").message,
            "closing parenthesis ']' does not match opening parenthesis '(' "
            "on line 1");
  Diagnostic d3 = errorOf("x = [(1,\n\n");
  EXPECT_EQ(d3.message, "'(' was never closed");
  EXPECT_EQ(d3.span.line, 1u);
  EXPECT_EQ(d3.span.col, 6u);
  EXPECT_EQ(errorOf("x = " + std::string(500, '(') + "\n").message, "too many nested parentheses");
}

// --- encoding and robustness -----------------------------------------------

TEST(LexerRobustness, NullBytesAndBadUtf8) {
  EXPECT_EQ(errorOf(std::string("x = 1\0\n", 7)).message, "source code cannot contain null bytes");
  Diagnostic d = errorOf("x = 1\ny = '\xff'\n");
  EXPECT_EQ(d.span.line, 2u);
  EXPECT_NE(d.message.find("Non-UTF-8 code starting with '\\xff'"), std::string::npos);
  EXPECT_TRUE(lex("\xc3").diag.hasErrors());         // truncated sequence
  EXPECT_TRUE(lex("\xed\xa0\x80").diag.hasErrors()); // encoded surrogate
  EXPECT_TRUE(lex("\xc0\x80").diag.hasErrors());     // overlong
}

TEST(LexerRobustness, HugeSingleLine) {
  std::string src = "x = [";
  while (src.size() < 10'000'000)
    src += "12345, abc, 'str', ";
  src += "]";
  Lexed r = lex(src);
  EXPECT_FALSE(r.diag.hasErrors());
  EXPECT_GT(r.toks.size(), 2'000'000u);
  EXPECT_EQ(r.toks.back().kind, T::EndMarker);
}

TEST(LexerRobustness, DeepNestingAndManyIndents) {
  std::string src = std::string(190, '[') + std::string(190, ']') + "\n";
  EXPECT_FALSE(lex(src).diag.hasErrors());
  std::string deep;
  for (int i = 0; i < 150; ++i)
    deep += std::string(i, ' ') + "if x:\n";
  Diagnostic d = errorOf(deep);
  EXPECT_EQ(d.message, "too many levels of indentation");
}

TEST(LexerRobustness, RandomGarbageNeverCrashes) {
  std::mt19937 rng(12345);
  for (int round = 0; round < 2000; ++round) {
    std::string s(rng() % 64, ' ');
    for (char &c : s)
      c = static_cast<char>(rng() % 256);
    Lexed r = lex(s);
    // Either tokens ending in ENDMARKER, or an error.
    EXPECT_TRUE(r.diag.hasErrors() || (!r.toks.empty() && r.toks.back().kind == T::EndMarker));
  }
  // Python-ish alphabet reaches deeper into the scanner.
  const std::string alphabet = "ab1_ \t\n\\'\"#()[]{}:=.fre0xj+-*<>!";
  for (int round = 0; round < 5000; ++round) {
    std::string s(rng() % 40, ' ');
    for (char &c : s)
      c = alphabet[rng() % alphabet.size()];
    Lexed r = lex(s);
    EXPECT_TRUE(r.diag.hasErrors() || (!r.toks.empty() && r.toks.back().kind == T::EndMarker));
  }
}

// --- --emit tokens -----------------------------------------------------------

TEST(LexerDump, Format) {
  Lexed r = lex("if x:\n  s = 'a\\n' + b'\\x80'\n");
  EXPECT_EQ(dumpTokens(r.toks), "1:1 if\n"
                                "1:4 NAME 'x'\n"
                                "1:5 :\n"
                                "1:6 NEWLINE\n"
                                "2:3 INDENT\n"
                                "2:3 NAME 's'\n"
                                "2:5 =\n"
                                "2:7 STRING 'a\\n'\n"
                                "2:13 +\n"
                                "2:15 BYTES '\\x80'\n"
                                "2:22 NEWLINE\n"
                                "3:1 DEDENT\n"
                                "3:1 ENDMARKER\n");
  EXPECT_EQ(dumpTokens(lex("\"it's\"").toks), "1:1 STRING \"it's\"\n1:7 NEWLINE\n1:7 ENDMARKER\n");
}

TEST(TokenNames, Spelling) {
  EXPECT_EQ(tokName(T::Name), "NAME");
  EXPECT_EQ(tokName(T::KwDef), "def");
  EXPECT_EQ(tokName(T::DoubleSlashEq), "//=");
  EXPECT_EQ(tokName(T::AtEq), "@=");
}

} // namespace
} // namespace tide
