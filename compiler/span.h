// span.h — a position range in one source file.
//
// Lines are 1-based.  Columns are 1-based *byte* columns within the line; the
// diagnostic printer converts them to character columns when it draws a caret
// under a line that holds non-ASCII text.
#pragma once

#include <cstdint>

namespace tide {

struct Span {
  uint32_t line = 0;     // first line
  uint32_t col = 0;      // first column (1-based, bytes)
  uint32_t endLine = 0;  // last line
  uint32_t endCol = 0;   // one past the last column
};

inline Span spanTo(const Span &a, const Span &b) {
  return Span{a.line, a.col, b.endLine, b.endCol};
}

} // namespace tide
