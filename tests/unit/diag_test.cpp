// diag_test.cpp — the error report a user sees: header with a 1-based
// character column, the offending line without its indentation, a caret.
#include "diag.h"
#include "lexer.h"

#include <gtest/gtest.h>

namespace tide {
namespace {

std::string render(uint32_t line, uint32_t col, std::string_view src,
                   std::string kind = "SyntaxError") {
  Diagnostic d{std::move(kind), "invalid syntax", Span{line, col, line, col}};
  return Diagnostics::format(d, "s.py", src);
}

TEST(DiagFormat, CaretUnderColumnAfterStrippingIndentation) {
  EXPECT_EQ(render(2, 9, "if x:\n    y = (1 +\n"), "s.py:2:9: SyntaxError: invalid syntax\n"
                                                   "    y = (1 +\n"
                                                   "        ^\n");
}

TEST(DiagFormat, FirstLineNoIndentation) {
  EXPECT_EQ(render(1, 1, "$x"), "s.py:1:1: SyntaxError: invalid syntax\n"
                                "    $x\n"
                                "    ^\n");
}

TEST(DiagFormat, MultiByteCharactersCountOnce) {
  // "é" is two bytes: byte column 9 is character column 8.
  EXPECT_EQ(render(1, 9, "s = 'é' $\n"), "s.py:1:8: SyntaxError: invalid syntax\n"
                                         "    s = 'é' $\n"
                                         "           ^\n");
}

TEST(DiagFormat, TabsInIndentationAndCrLf) {
  EXPECT_EQ(render(2, 3, "if x:\r\n\tab\r\n", "TabError"), "s.py:2:3: TabError: invalid syntax\n"
                                                           "    ab\n"
                                                           "     ^\n");
}

TEST(DiagFormat, CaretPastEndOfLine) {
  EXPECT_EQ(render(1, 6, "  abc\n"), "s.py:1:6: SyntaxError: invalid syntax\n"
                                     "    abc\n"
                                     "       ^\n");
}

TEST(DiagFormat, ColumnInsideIndentationClampsToStart) {
  EXPECT_EQ(render(1, 1, "    abc\n"), "s.py:1:1: SyntaxError: invalid syntax\n"
                                       "    abc\n"
                                       "    ^\n");
}

TEST(DiagFormat, MissingLineOmitsSourceAndCaret) {
  EXPECT_EQ(render(3, 1, "a\nb\n"), "s.py:3:1: SyntaxError: invalid syntax\n");
  EXPECT_EQ(render(0, 0, ""), "s.py:0:1: SyntaxError: invalid syntax\n");
}

TEST(DiagFormat, LexerErrorEndToEnd) {
  std::string src = "x = 1\nif x:\n        a\n    b\n";
  Diagnostics diag;
  tokenize(src, diag);
  ASSERT_TRUE(diag.hasErrors());
  EXPECT_EQ(Diagnostics::format(diag.errors()[0], "t.py", src),
            "t.py:4:6: IndentationError: unindent does not match any outer "
            "indentation level\n"
            "    b\n"
            "     ^\n");
}

TEST(DiagFormat, UnterminatedStringPointsAtItsStart) {
  std::string src = "print('héllo)\n";
  Diagnostics diag;
  tokenize(src, diag);
  ASSERT_TRUE(diag.hasErrors());
  EXPECT_EQ(Diagnostics::format(diag.errors()[0], "t.py", src),
            "t.py:1:7: SyntaxError: unterminated string literal (detected at "
            "line 1)\n"
            "    print('héllo)\n"
            "          ^\n");
}

} // namespace
} // namespace tide
