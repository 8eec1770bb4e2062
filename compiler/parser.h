// parser.h — tokens to an AST (hand-written recursive descent with precedence
// climbing for binary operators).
#pragma once

#include <string_view>
#include <vector>

#include "ast.h"
#include "diag.h"
#include "token.h"

namespace tide {

// Parses a whole file.  `source` is the text the tokens came from (f-string
// bodies are re-lexed from it).  On error the first SyntaxError goes to `diag`
// and the returned module is incomplete.
Module parseModule(const std::vector<Token> &tokens, std::string_view source,
                   std::string filename, Diagnostics &diag);

// Convenience: tokenize + parse.
Module parseSource(std::string_view source, std::string filename, Diagnostics &diag);

// Internal seam between parser.cpp and fstring.cpp (not for other stages).
namespace detail {
// fstring.cpp: appends the parts (Constant Str / FormattedValue) of one
// FSTRING token to `parts`.  On error reports to `diag` and returns false.
bool appendFStringParts(const Token &tok, std::string_view source, ExprList &parts,
                        Diagnostics &diag, int depth);
// parser.cpp: parses the tokens of one replacement field, "(" expr ")",
// whose spans are already in `source` coordinates.  Null after an error.
ExprPtr parseFieldTokens(const std::vector<Token> &tokens, std::string_view source,
                         Diagnostics &diag, int depth);
} // namespace detail

} // namespace tide
