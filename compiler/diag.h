// diag.h — compile-time errors: SyntaxError, IndentationError, TabError.
//
// Every stage of the front end reports into one Diagnostics object owned by the
// caller (the driver, the REPL, a unit test); nothing is printed from inside a
// stage and nothing is global.  The first error is the one shown to the user,
// in CPython's shape:
//
//     script.py:3:9: SyntaxError: invalid syntax
//         x = (1 +
//                 ^
//
// and the process exits with status 2.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "span.h"

namespace tide {

struct Diagnostic {
  std::string kind; // "SyntaxError", "IndentationError", "TabError"
  std::string message;
  Span span;
};

class Diagnostics {
public:
  void error(Span span, std::string message, std::string kind = "SyntaxError") {
    errors_.push_back(Diagnostic{std::move(kind), std::move(message), span});
  }
  bool hasErrors() const { return !errors_.empty(); }
  const std::vector<Diagnostic> &errors() const { return errors_; }
  void clear() { errors_.clear(); }

  // Renders `d` against `source` (file name, line, caret) as the user sees it.
  static std::string format(const Diagnostic &d, std::string_view filename,
                            std::string_view source);

private:
  std::vector<Diagnostic> errors_;
};

} // namespace tide
