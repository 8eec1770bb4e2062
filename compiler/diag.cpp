// diag.cpp — rendering a compile-time error the way the user sees it.
//
// The shape follows CPython's SyntaxError report, folded into the one-line
// "file:line:col" header that editors understand:
//
//     script.py:3:9: SyntaxError: invalid syntax
//         x = (1 +
//                 ^
//
// Spans carry 1-based *byte* columns (cheap for the lexer); here they become
// character columns, so the header and the caret are right on lines holding
// non-ASCII text.  The source line is shown without its indentation, four
// spaces in, and the caret is shifted left by what was stripped.  When the
// line does not exist (an error at end of input after the last line break)
// the header stands alone.
#include "diag.h"

#include <algorithm>

namespace tide {
namespace {

// The text of 1-based line `line` without its line break, or false when the
// source has no such line.  "\n", "\r\n" and a lone "\r" all end a line, as in
// the lexer.
bool findLine(std::string_view source, uint32_t line, std::string_view &out) {
  if (line == 0)
    return false;
  size_t pos = 0;
  for (uint32_t l = 1; l < line; ++l) {
    size_t nl = source.find_first_of("\r\n", pos);
    if (nl == std::string_view::npos)
      return false;
    pos = nl + 1;
    if (source[nl] == '\r' && pos < source.size() && source[pos] == '\n')
      ++pos;
  }
  if (pos >= source.size())
    return false;
  size_t end = source.find_first_of("\r\n", pos);
  if (end == std::string_view::npos)
    end = source.size();
  out = source.substr(pos, end - pos);
  return true;
}

// Number of UTF-8 characters in the first `bytes` bytes of `text`; bytes past
// the end of the text count one each (a caret just after the line).
size_t charCount(std::string_view text, size_t bytes) {
  size_t n = 0;
  size_t upto = std::min(bytes, text.size());
  for (size_t i = 0; i < upto; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
      ++n;
  return n + (bytes - upto);
}

} // namespace

std::string Diagnostics::format(const Diagnostic &d, std::string_view filename,
                                std::string_view source) {
  std::string_view text;
  bool haveLine = findLine(source, d.span.line, text);
  size_t byteCol = d.span.col > 0 ? d.span.col - 1 : 0;
  size_t charCol = haveLine ? charCount(text, byteCol) : byteCol;

  std::string out;
  out += filename;
  out += ':' + std::to_string(d.span.line) + ':' + std::to_string(charCol + 1) +
         ": " + d.kind + ": " + d.message + "\n";
  if (!haveLine)
    return out;

  size_t indent = 0;
  while (indent < text.size() &&
         (text[indent] == ' ' || text[indent] == '\t' || text[indent] == '\f'))
    ++indent;
  size_t caret = charCol > indent ? charCol - indent : 0;
  out += "    ";
  out += text.substr(indent);
  out += "\n    ";
  out.append(caret, ' ');
  out += "^\n";
  return out;
}

} // namespace tide
