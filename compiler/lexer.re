// lexer.re — source text to tokens (re2c generates lexer.cpp from this file).
//
// What it is
//   One pass over a whole source file that produces the token list the parser
//   reads, with Python 3.11's layout rules applied: NEWLINE ends each logical
//   line, INDENT/DEDENT come from an indentation stack, lines are joined inside
//   brackets and after a backslash, and blank or comment-only lines vanish.
//   CPython is the oracle, so every error message is CPython's wording.
//
// Glossary
//   logical line   what the parser sees as one statement line: physical lines
//                  joined by open brackets or a trailing backslash.
//   col / altcol   the indentation of a line measured with tab stops of 8 and
//                  of 1.  CPython's TabError rule: the two measures must order
//                  every pair of lines the same way, or the meaning of the
//                  indentation depends on the reader's tab width.
//   sentinel       the NUL byte after the last source byte.  The source is
//                  copied once into a std::string (which always has one), and
//                  NUL bytes inside the source are rejected up front, so every
//                  NUL the scanner meets is the end of input: no bounds checks
//                  in the generated DFA.
//
// Design
//   re2c recognises the regular part (names, numbers, operators, comments,
//   whitespace, string openers) in one DFA.  Everything with state stays in
//   hand-written C++ around it: the indentation stack at the start of a line,
//   the bracket stack, and string bodies (escape decoding, triple quotes,
//   f-string checking) — writing those as re2c rules would spread one concern
//   over many rules and still need C++ to decode escapes.
//
//   Rejected: a pull-style lexer (next() on demand).  The parser backtracks
//   rarely, the REPL tokenizes whole inputs, and a vector makes `--emit
//   tokens` and the unit tests trivial; a 10 MB file costs one allocation
//   pattern either way.
//
//   Errors stop the scan: the first error is the one shown to the user, and
//   tokens after a lexical error would only produce confusing follow-on errors.
//
//   The source is validated as UTF-8 before scanning, so the scanner may treat
//   every byte >= 0x80 as part of a well-formed character.
#include "lexer.h"

#include <cstdio>
#include <cstring>

namespace tide {
namespace {

using uchar = unsigned char;

// CPython's limits (MAXINDENT, MAXLEVEL); they also bound the parser's
// recursion on hostile input such as 500 nested brackets.
constexpr size_t kMaxIndent = 100;
constexpr size_t kMaxParenLevel = 200;

// Decodes one UTF-8 sequence at p (p < end).  Returns its length, or 0 when
// the bytes are not well-formed UTF-8 (overlong, surrogate, > U+10FFFF, cut).
int decodeUtf8(const uchar *p, const uchar *end, uint32_t &cp) {
  uchar c = p[0];
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  int len;
  uint32_t min;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (end - p < len)
    return 0;
  for (int i = 1; i < len; ++i) {
    if ((p[i] & 0xC0) != 0x80)
      return 0;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return len;
}

// Appends code point cp as UTF-8.  Lone surrogates (from "\ud800") are
// encoded like any other code point: CPython can hold them in a str, and the
// runtime reports them when they are printed.
void appendUtf8(std::string &out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Characters CPython prints as "invalid non-printable character U+XXXX":
// the non-ASCII spaces and format controls that sneak in by copy and paste.
bool isNonPrintable(uint32_t cp) {
  return (cp >= 0x80 && cp <= 0xA0) || cp == 0xAD || cp == 0x1680 ||
         cp == 0x180E || (cp >= 0x2000 && cp <= 0x200F) ||
         (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F) ||
         cp == 0x3000 || cp == 0xFEFF;
}

// Non-ASCII punctuation and symbols that can never be part of a name
// ("invalid character '“' (U+201C)").  This is not the full XID table: the
// brief allows any other character >= 0x80 in names, and these are the ones a
// user actually types by accident (smart quotes, dashes, arrows, math signs,
// emoji, full-width punctuation).
bool isSymbolChar(uint32_t cp) {
  if (cp >= 0xA1 && cp <= 0xBF)
    return cp != 0xAA && cp != 0xB5 && cp != 0xBA && cp != 0xB7;
  return cp == 0xD7 || cp == 0xF7 || (cp >= 0x2010 && cp <= 0x2027) ||
         (cp >= 0x2030 && cp <= 0x205E) || (cp >= 0x20A0 && cp <= 0x20CF) || (cp >= 0x2190 && cp <= 0x23FF) ||
         (cp >= 0x2500 && cp <= 0x27BF) || (cp >= 0x2900 && cp <= 0x2BFF) ||
         (cp >= 0x3001 && cp <= 0x3004) || (cp >= 0x3008 && cp <= 0x3020) ||
         cp == 0x3030 || (cp >= 0xFF01 && cp <= 0xFF0F) ||
         (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF3E) ||
         cp == 0xFF40 || (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0xFFFD ||
         (cp >= 0x1F000 && cp <= 0x1FAFF);
}

bool isIdentByte(uchar c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

int hexValue(uchar c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

std::string hex4(uint32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

// Keywords are the contiguous KwFalse..KwYield run of the token table, whose
// spelling is the keyword itself, so the list is not repeated here.
Tok keywordOrName(std::string_view s) {
  if (s.size() < 2 || s.size() > 8)
    return Tok::Name;
  for (int k = static_cast<int>(Tok::KwFalse);
       k <= static_cast<int>(Tok::KwYield); ++k)
    if (tokName(static_cast<Tok>(k)) == s)
      return static_cast<Tok>(k);
  return Tok::Name;
}

struct OpenBracket {
  uchar ch;
  Span span;
};

class Lexer {
public:
  Lexer(std::string_view source, Diagnostics &diag)
      : buf_(source), diag_(diag) {
    base_ = reinterpret_cast<const uchar *>(buf_.c_str());
    end_ = base_ + buf_.size();
    cur_ = lineStart_ = base_;
  }

  std::vector<Token> run();

private:
  // --- positions -----------------------------------------------------------
  uint32_t colOf(const uchar *p) const {
    return static_cast<uint32_t>(p - lineStart_) + 1;
  }
  Span spanFrom(const uchar *start) const {
    return Span{line_, colOf(start), line_, colOf(cur_)};
  }
  // Line and column of an arbitrary point at or before cur_, counting lines
  // back from the current one; used only on error paths.
  Span pointAt(const uchar *p) const {
    uint32_t line = line_;
    const uchar *ls = lineStart_;
    while (p < ls) {
      // Step to the start of the previous physical line.
      --line;
      const uchar *q = ls - 1; // the '\n' (or '\r') ending that line
      if (*q == '\n' && q > base_ && q[-1] == '\r')
        --q;
      while (q > base_ && q[-1] != '\n' && q[-1] != '\r')
        --q;
      ls = q;
    }
    uint32_t col = static_cast<uint32_t>(p - ls) + 1;
    return Span{line, col, line, col + 1};
  }
  // Called with p just past a line break that the scanner consumed.
  void newLine(const uchar *p) {
    ++line_;
    lineStart_ = p;
  }
  // Steps over one line break at p ("\r\n", "\n" or "\r") and returns the
  // point after it.
  const uchar *skipLineBreak(const uchar *p) {
    if (*p == '\r' && p[1] == '\n')
      ++p;
    ++p;
    newLine(p);
    return p;
  }

  // --- output --------------------------------------------------------------
  void emit(Tok kind, Span span, std::string value = {}) {
    Token t;
    t.kind = kind;
    t.span = span;
    t.value = std::move(value);
    toks_.push_back(std::move(t));
    lineHasTokens_ = true;
  }
  void fail(Span span, std::string message,
            std::string kind = "SyntaxError") {
    diag_.error(span, std::move(message), std::move(kind));
    failed_ = true;
  }

  bool checkEncoding();
  void handleIndentation();
  bool scanToken();
  void finish();

  void lexName(const uchar *start);
  void lexNumber(const uchar *start, Tok kind, bool decimal);
  bool checkNumberEnd(const uchar *start, char base);
  void badPrefix(const uchar *start);
  void lexString(const uchar *start, const uchar *quote);
  bool decodeEscape(const uchar *&p, const uchar *body, std::string &out,
                    bool isBytes);
  void checkFString(const uchar *body, const uchar *bodyEnd, bool raw);
  bool checkFStringExpr(const uchar *&p, const uchar *end, int level);
  bool checkFStringPart(const uchar *&p, const uchar *end, bool raw,
                        int level);
  void openBracket(const uchar *start);
  void closeBracket(const uchar *start);

  std::string buf_;
  Diagnostics &diag_;
  const uchar *base_ = nullptr;
  const uchar *end_ = nullptr; // the NUL sentinel
  const uchar *cur_ = nullptr;
  const uchar *lineStart_ = nullptr;
  uint32_t line_ = 1;

  std::vector<Token> toks_;
  std::vector<int> indents_{0};    // tab size 8
  std::vector<int> altIndents_{0}; // tab size 1
  std::vector<OpenBracket> brackets_;
  bool atLineStart_ = true;    // indentation not yet measured for this line
  bool lineHasTokens_ = false; // the logical line needs a NEWLINE
  bool failed_ = false;
};

// Rejects NUL bytes and malformed UTF-8 before scanning, so the DFA can use
// NUL as its end sentinel and the string decoder can trust multi-byte runs.
bool Lexer::checkEncoding() {
  const uchar *p = base_;
  uint32_t line = 1;
  const uchar *ls = base_;
  while (p < end_) {
    uchar c = *p;
    if (c >= 0x20 && c < 0x80) {
      ++p;
      continue;
    }
    if (c == '\n' || c == '\r') {
      if (c == '\r' && p[1] == '\n')
        ++p;
      ++line;
      ls = ++p;
      continue;
    }
    uint32_t col = static_cast<uint32_t>(p - ls) + 1;
    if (c == 0) {
      fail(Span{line, col, line, col + 1},
           "source code cannot contain null bytes");
      return false;
    }
    if (c < 0x80) {
      ++p;
      continue;
    }
    uint32_t cp;
    int len = decodeUtf8(p, end_, cp);
    if (len == 0) {
      char msg[128];
      std::snprintf(msg, sizeof msg,
                    "Non-UTF-8 code starting with '\\x%02x' on line %u, but "
                    "no encoding declared",
                    c, line);
      fail(Span{line, col, line, col + 1}, msg);
      return false;
    }
    p += len;
  }
  return true;
}

std::vector<Token> Lexer::run() {
  if (!checkEncoding())
    return std::move(toks_);
  // Real code averages well over four bytes per token.  Reserving up front
  // avoids re-copying a multi-megabyte token vector as it grows; the pages of
  // an over-estimate are never touched, so they cost address space only.
  toks_.reserve(buf_.size() / 4 + 16);
  // A UTF-8 byte order mark is not part of the program.
  if (end_ - cur_ >= 3 && cur_[0] == 0xEF && cur_[1] == 0xBB && cur_[2] == 0xBF)
    lineStart_ = cur_ += 3;
  while (!failed_) {
    if (atLineStart_) {
      handleIndentation();
      if (failed_)
        break;
    }
    if (!scanToken())
      break;
  }
  if (!failed_)
    finish();
  return std::move(toks_);
}

// Measures the indentation of a new logical line and emits INDENT/DEDENT.
// Lines holding only blanks or a comment leave the stack alone (CPython skips
// them); the scanner then consumes their comment and line break.
void Lexer::handleIndentation() {
  int col = 0, altcol = 0;
  for (;; ++cur_) {
    if (*cur_ == ' ') {
      ++col, ++altcol;
    } else if (*cur_ == '\t') {
      col = (col / 8 + 1) * 8;
      ++altcol;
    } else if (*cur_ == '\f') {
      col = altcol = 0; // form feed resets, as in CPython
    } else {
      break;
    }
  }
  uchar c = *cur_;
  if (c == '#' || c == '\n' || c == '\r' || c == 0)
    return; // blank line: stay at line start
  atLineStart_ = false;

  Span here{line_, colOf(cur_), line_, colOf(cur_) + 1};
  if (col == indents_.back()) {
    if (altcol != altIndents_.back())
      fail(Span{line_, 1, line_, 1},
           "inconsistent use of tabs and spaces in indentation", "TabError");
    return;
  } else if (col > indents_.back()) {
    if (indents_.size() >= kMaxIndent) {
      fail(here, "too many levels of indentation", "IndentationError");
      return;
    }
    if (altcol <= altIndents_.back()) {
      fail(Span{line_, 1, line_, 1},
           "inconsistent use of tabs and spaces in indentation", "TabError");
      return;
    }
    indents_.push_back(col);
    altIndents_.push_back(altcol);
    emit(Tok::Indent, here);
    lineHasTokens_ = false; // INDENT alone does not make a logical line
  } else {
    size_t dedents = 0;
    while (indents_.size() > 1 && col < indents_.back()) {
      indents_.pop_back();
      altIndents_.pop_back();
      ++dedents;
    }
    if (col != indents_.back()) {
      // CPython points just past the end of the offending line.
      const uchar *eol = cur_;
      while (*eol && *eol != '\n' && *eol != '\r')
        ++eol;
      uint32_t c2 = colOf(eol);
      fail(Span{line_, c2, line_, c2},
           "unindent does not match any outer indentation level",
           "IndentationError");
      return;
    }
    if (altcol != altIndents_.back()) {
      fail(Span{line_, 1, line_, 1},
           "inconsistent use of tabs and spaces in indentation", "TabError");
      return;
    }
    for (size_t i = 0; i < dedents; ++i)
      emit(Tok::Dedent, here);
    lineHasTokens_ = false;
  }
}

// End of input: close the last logical line and every open block.
void Lexer::finish() {
  if (!brackets_.empty()) {
    const OpenBracket &b = brackets_.back();
    fail(b.span, std::string("'") + static_cast<char>(b.ch) +
                     "' was never closed");
    return;
  }
  uint32_t col = colOf(cur_);
  Span eof{line_, col, line_, col};
  if (lineHasTokens_)
    emit(Tok::Newline, Span{line_, col, line_, col + 1});
  for (size_t i = 1; i < indents_.size(); ++i)
    emit(Tok::Dedent, eof);
  emit(Tok::EndMarker, eof);
}

void Lexer::openBracket(const uchar *start) {
  Span s = spanFrom(start);
  if (brackets_.size() >= kMaxParenLevel) {
    fail(s, "too many nested parentheses");
    return;
  }
  brackets_.push_back(OpenBracket{*start, s});
  emit(*start == '(' ? Tok::LParen : *start == '[' ? Tok::LBracket : Tok::LBrace,
       s);
}

void Lexer::closeBracket(const uchar *start) {
  Span s = spanFrom(start);
  char close = static_cast<char>(*start);
  if (brackets_.empty()) {
    fail(s, std::string("unmatched '") + close + "'");
    return;
  }
  OpenBracket open = brackets_.back();
  char want = open.ch == '(' ? ')' : open.ch == '[' ? ']' : '}';
  if (close != want) {
    std::string msg = std::string("closing parenthesis '") + close +
                      "' does not match opening parenthesis '" +
                      static_cast<char>(open.ch) + "'";
    if (open.span.line != line_)
      msg += " on line " + std::to_string(open.span.line);
    fail(s, msg);
    return;
  }
  brackets_.pop_back();
  emit(close == ')' ? Tok::RParen : close == ']' ? Tok::RBracket : Tok::RBrace,
       s);
}

// "0x" / "0o" / "0b" with no digit of that base after it.  checkNumberEnd
// reports the precise cases ("invalid digit '8' in octal literal"); whatever
// it lets through (end of line, a keyword) is still a literal without digits.
void Lexer::badPrefix(const uchar *start) {
  char base = static_cast<char>(start[1] | 0x20);
  if (!checkNumberEnd(start, base))
    return;
  fail(pointAt(start + 1), base == 'x'   ? "invalid hexadecimal literal"
                           : base == 'o' ? "invalid octal literal"
                                         : "invalid binary literal");
}

void Lexer::lexName(const uchar *start) {
  // Non-ASCII names are accepted, except for characters that are clearly
  // punctuation, symbols or invisible spaces (usually a paste accident).
  for (const uchar *p = start; p < cur_;) {
    if (*p < 0x80) {
      ++p;
      continue;
    }
    uint32_t cp;
    int len = decodeUtf8(p, end_, cp);
    if (isNonPrintable(cp)) {
      fail(pointAt(p), "invalid non-printable character " + hex4(cp));
      return;
    }
    if (isSymbolChar(cp)) {
      fail(pointAt(p), "invalid character '" +
                           std::string(reinterpret_cast<const char *>(p), len) +
                           "' (" + hex4(cp) + ")");
      return;
    }
    p += len;
  }
  std::string text(reinterpret_cast<const char *>(start), cur_ - start);
  Tok kind = keywordOrName(text);
  if (kind == Tok::Name)
    emit(kind, spanFrom(start), std::move(text));
  else
    emit(kind, spanFrom(start));
}

// A number may not run into a name ("1abc"); CPython 3.11 still accepts the
// keywords that can follow an operand directly ("1if x else 2").
bool Lexer::checkNumberEnd(const uchar *start, char base) {
  uchar c = *cur_;
  if (!isIdentByte(c))
    return true;
  if (c == '_' && ((base == 'o' && (cur_[1] == '8' || cur_[1] == '9')) ||
                   (base == 'b' && cur_[1] >= '2' && cur_[1] <= '9')))
    c = *++cur_; // "0o1_8": report the digit, as CPython does
  if (c >= 0x80) {
    // "2²": a symbol glued to a number is reported as that character.
    uint32_t cp;
    int len = decodeUtf8(cur_, end_, cp);
    if (isNonPrintable(cp)) {
      fail(pointAt(cur_), "invalid non-printable character " + hex4(cp));
      return false;
    }
    if (isSymbolChar(cp)) {
      fail(pointAt(cur_),
           "invalid character '" +
               std::string(reinterpret_cast<const char *>(cur_), len) +
               "' (" + hex4(cp) + ")");
      return false;
    }
  }
  if (c == '_') {
    // "1_" or "1__2": the underscore is not between two digits.
    const char *what = base == 'x'   ? "invalid hexadecimal literal"
                       : base == 'o' ? "invalid octal literal"
                       : base == 'b' ? "invalid binary literal"
                                     : "invalid decimal literal";
    fail(pointAt(cur_), what);
    return false;
  }
  if ((base == 'o' && c >= '8' && c <= '9') ||
      (base == 'b' && c >= '2' && c <= '9')) {
    fail(pointAt(cur_), std::string("invalid digit '") +
                            static_cast<char>(c) + "' in " +
                            (base == 'o' ? "octal" : "binary") + " literal");
    return false;
  }
  static constexpr std::string_view kFollowers[] = {
      "and", "else", "for", "if", "in", "is", "not", "or"};
  // The NUL sentinel stops the comparison before the end of the buffer.
  std::string_view rest(reinterpret_cast<const char *>(cur_),
                        std::min<size_t>(end_ - cur_, 5));
  for (std::string_view kw : kFollowers)
    if (rest.substr(0, kw.size()) == kw && !isIdentByte(cur_[kw.size()]))
      return true;
  if (base == 'x')
    fail(pointAt(start + 1), "invalid hexadecimal literal");
  else if (base == 'o')
    fail(pointAt(start + 1), "invalid octal literal");
  else if (base == 'b')
    fail(pointAt(start + 1), "invalid binary literal");
  else
    fail(pointAt(start), "invalid decimal literal");
  return false;
}

// Emits an INT/FLOAT/IMAG token.  The value drops underscores; an int keeps
// its base prefix (lower-cased) and a decimal int loses redundant leading
// zeros; an imaginary literal drops its trailing 'j' so the value parses as a
// float.
void Lexer::lexNumber(const uchar *start, Tok kind, bool decimal) {
  char base = 'd';
  if (kind == Tok::Int && !decimal)
    base = static_cast<char>(start[1] | 0x20);
  if (!checkNumberEnd(start, base))
    return;
  std::string v;
  v.reserve(cur_ - start);
  for (const uchar *p = start; p < cur_; ++p)
    if (*p != '_')
      v += static_cast<char>(*p);
  if (kind == Tok::Imag) {
    v.pop_back();
  } else if (kind == Tok::Int) {
    if (!decimal) {
      v[1] = base;
    } else {
      size_t nz = v.find_first_not_of('0');
      v = nz == std::string::npos ? "0" : v.substr(nz);
    }
  }
  emit(kind, spanFrom(start), std::move(v));
}

// Decodes one backslash escape of a non-raw str or bytes literal; p points at
// the backslash and is left after the escape.  Returns false after reporting
// a malformed escape.
bool Lexer::decodeEscape(const uchar *&p, const uchar *body, std::string &out,
                         bool isBytes) {
  const uchar *bs = p;
  uchar e = p[1];
  auto position = [&](const uchar *last) {
    return "position " + std::to_string(bs - body) + "-" +
           std::to_string(last - body);
  };
  switch (e) {
  case '\n':
  case '\r':
    p = skipLineBreak(p + 1); // backslash-newline joins the lines
    return true;
  case '\\': out += '\\'; break;
  case '\'': out += '\''; break;
  case '"': out += '"'; break;
  case 'a': out += '\a'; break;
  case 'b': out += '\b'; break;
  case 'f': out += '\f'; break;
  case 'n': out += '\n'; break;
  case 'r': out += '\r'; break;
  case 't': out += '\t'; break;
  case 'v': out += '\v'; break;
  case '0': case '1': case '2': case '3':
  case '4': case '5': case '6': case '7': {
    uint32_t v = 0;
    int n = 0;
    const uchar *q = p + 1;
    while (n < 3 && *q >= '0' && *q <= '7')
      v = v * 8 + (*q++ - '0'), ++n;
    if (isBytes)
      out += static_cast<char>(v & 0xFF);
    else
      appendUtf8(out, v);
    p = q;
    return true;
  }
  case 'x':
  case 'u':
  case 'U': {
    if (isBytes && e != 'x')
      break; // \u in bytes is not an escape: kept verbatim below
    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
    uint32_t v = 0;
    const uchar *q = p + 2;
    for (int i = 0; i < digits; ++i, ++q) {
      int h = hexValue(*q);
      if (h < 0) {
        if (isBytes) {
          fail(pointAt(bs), "(value error) invalid \\x escape at position " +
                                std::to_string(bs - body));
        } else {
          const char *what = e == 'x'   ? "truncated \\xXX escape"
                             : e == 'u' ? "truncated \\uXXXX escape"
                                        : "truncated \\UXXXXXXXX escape";
          const uchar *last = q > p + 2 ? q - 1 : p + 1;
          fail(pointAt(bs),
               "(unicode error) 'unicodeescape' codec can't decode bytes in " +
                   position(last) + ": " + what);
        }
        return false;
      }
      v = v * 16 + h;
    }
    if (v > 0x10FFFF) {
      fail(pointAt(bs),
           "(unicode error) 'unicodeescape' codec can't decode bytes in " +
               position(q - 1) + ": illegal Unicode character");
      return false;
    }
    if (isBytes)
      out += static_cast<char>(v);
    else
      appendUtf8(out, v);
    p = q;
    return true;
  }
  case 'N':
    if (isBytes)
      break;
    {
      // Named escapes need the Unicode name table, which tide does not
      // carry; report it the way CPython reports an unknown name.
      const uchar *q = p + 2;
      if (*q != '{') {
        fail(pointAt(bs),
             "(unicode error) 'unicodeescape' codec can't decode bytes in " +
                 position(p + 1) + ": malformed \\N character escape");
        return false;
      }
      while (*q && *q != '}' && *q != '\n' && *q != '\r')
        ++q;
      const uchar *last = *q == '}' ? q : q - 1;
      fail(pointAt(bs),
           "(unicode error) 'unicodeescape' codec can't decode bytes in " +
               position(last) + ": unknown Unicode character name");
      return false;
    }
  default:
    break;
  }
  if (e == 0 || !(e == '\\' || e == '\'' || e == '"' || e == 'a' ||
                  e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't' ||
                  e == 'v')) {
    // Unknown escape (or end of input): keep the backslash; the character
    // after it is handled by the caller like any other.
    out += '\\';
    p += 1;
    return true;
  }
  p += 2;
  return true;
}

// Scans a string literal whose prefix starts at `start` and whose opening
// quote is at `quote`.  Python 3.11 rules: the literal ends at the first
// unescaped closing quote(s), for f-strings too; a single-quoted literal may
// not contain a raw line break.
void Lexer::lexString(const uchar *start, const uchar *quote) {
  bool raw = false, isBytes = false, isF = false;
  for (const uchar *p = start; p < quote; ++p) {
    uchar c = *p | 0x20;
    raw |= c == 'r';
    isBytes |= c == 'b';
    isF |= c == 'f';
  }
  const uchar q = *quote;
  const bool triple = quote[1] == q && quote[2] == q;
  const uchar *body = quote + (triple ? 3 : 1);
  const uint32_t startLine = line_;
  const uint32_t startCol = colOf(start);
  const Span startSpan{startLine, startCol, startLine, startCol};

  std::string value;
  const uchar *p = body;
  for (;;) {
    uchar c = *p;
    if (c == 0) {
      // End of input.  CPython names the last line of the file.
      uint32_t last = line_;
      if (p > base_ && (p[-1] == '\n' || p[-1] == '\r') && last > 1)
        --last;
      if (triple)
        fail(startSpan, "unterminated triple-quoted string literal (detected "
                        "at line " + std::to_string(last) + ")");
      else
        fail(startSpan, "unterminated string literal (detected at line " +
                            std::to_string(last) + ")");
      return;
    }
    if (c == q && (!triple || (p[1] == q && p[2] == q)))
      break;
    if (c == '\n' || c == '\r') {
      if (!triple) {
        fail(startSpan, "unterminated string literal (detected at line " +
                            std::to_string(line_) + ")");
        return;
      }
      p = skipLineBreak(p);
      value += '\n';
      continue;
    }
    if (c == '\\') {
      if (raw || isF) {
        // Raw: the backslash stays, and it only protects the next character
        // from ending the literal.
        value += '\\';
        uchar n = p[1];
        if (n == '\n' || n == '\r') {
          p = skipLineBreak(p + 1);
          value += '\n';
        } else if (n != 0) {
          value += static_cast<char>(n);
          p += 2;
        } else {
          ++p;
        }
        if (isBytes && n >= 0x80) {
          fail(Span{startLine, startCol, line_, colOf(p)},
               "bytes can only contain ASCII literal characters");
          return;
        }
        continue;
      }
      if (!decodeEscape(p, body, value, isBytes))
        return;
      continue;
    }
    if (isBytes && c >= 0x80) {
      fail(Span{startLine, startCol, line_, colOf(p)},
           "bytes can only contain ASCII literal characters");
      return;
    }
    value += static_cast<char>(c);
    ++p;
  }
  const uchar *bodyEnd = p;
  cur_ = p + (triple ? 3 : 1);
  Span span{startLine, startCol, line_, colOf(cur_)};
  if (isF) {
    checkFString(body, bodyEnd, raw);
    if (failed_)
      return;
    Token t;
    t.kind = Tok::FString;
    t.span = span;
    t.value.assign(reinterpret_cast<const char *>(body), bodyEnd - body);
    t.bodyOffset = static_cast<uint32_t>(body - base_);
    t.raw = raw;
    toks_.push_back(std::move(t));
    lineHasTokens_ = true;
    return;
  }
  emit(isBytes ? Tok::Bytes : Tok::String, span, std::move(value));
}

// f-string bodies are checked here with CPython 3.11's rules
// (fstring_find_literal / fstring_find_expr) so that a malformed replacement
// field is reported before parsing: unmatched or mismatched brackets, a
// backslash or '#' inside an expression, an empty expression, a lone '}',
// nesting deeper than one format-spec level.  The expressions themselves are
// parsed later from `value`.
void Lexer::checkFString(const uchar *body, const uchar *bodyEnd, bool raw) {
  const uchar *p = body;
  checkFStringPart(p, bodyEnd, raw, 0);
}

// Literal text, then replacement fields, until the end of the body (level 0)
// or the '}' that ends a format spec (level 1).
bool Lexer::checkFStringPart(const uchar *&p, const uchar *end, bool raw,
                             int level) {
  while (p < end) {
    uchar c = *p;
    if (c == '\\' && !raw) {
      if (p + 2 < end && p[1] == 'N' && p[2] == '{') {
        while (p < end && *p != '}')
          ++p;
      } else {
        ++p;
      }
      if (p < end)
        ++p;
      continue;
    }
    if (c == '{') {
      if (level == 0 && p + 1 < end && p[1] == '{') {
        p += 2;
        continue;
      }
      if (!checkFStringExpr(p, end, level))
        return false;
      continue;
    }
    if (c == '}') {
      if (level > 0)
        return true; // the caller consumes it
      if (p + 1 < end && p[1] == '}') {
        p += 2;
        continue;
      }
      fail(pointAt(p), "f-string: single '}' is not allowed");
      return false;
    }
    ++p;
  }
  return true;
}

// One replacement field; p is at its '{' and is left after its '}'.
bool Lexer::checkFStringExpr(const uchar *&p, const uchar *end, int level) {
  const uchar *open = p;
  if (level >= 2) {
    fail(pointAt(p), "f-string: expressions nested too deeply");
    return false;
  }
  ++p;
  const uchar *exprStart = p;
  std::vector<uchar> parens;
  uchar quote = 0;
  bool tripleQuote = false;
  for (; p < end; ++p) {
    uchar c = *p;
    if (c == '\\') {
      fail(pointAt(p), "f-string expression part cannot include a backslash");
      return false;
    }
    if (quote) {
      if (c == quote) {
        if (!tripleQuote) {
          quote = 0;
        } else if (p + 2 < end && p[1] == c && p[2] == c) {
          p += 2;
          quote = 0;
        }
      }
      continue;
    }
    if (c == '\'' || c == '"') {
      tripleQuote = p + 2 < end && p[1] == c && p[2] == c;
      if (tripleQuote)
        p += 2;
      quote = c;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') {
      if (parens.size() >= kMaxParenLevel) {
        fail(pointAt(p), "f-string: too many nested parenthesis");
        return false;
      }
      parens.push_back(c);
      continue;
    }
    if (c == '#') {
      fail(pointAt(p), "f-string expression part cannot include '#'");
      return false;
    }
    if (parens.empty() &&
        (c == '!' || c == ':' || c == '}' || c == '=' || c == '<' ||
         c == '>')) {
      // "!=", "==", "<=", ">=" and a lone '<' or '>' are operators, not the
      // end of the expression.
      if (p + 1 < end && p[1] == '=' && c != ':' && c != '}') {
        ++p;
        continue;
      }
      if (c == '<' || c == '>')
        continue;
      break;
    }
    if (c == ')' || c == ']' || c == '}') {
      if (parens.empty()) {
        fail(pointAt(p), std::string("f-string: unmatched '") +
                             static_cast<char>(c) + "'");
        return false;
      }
      uchar o = parens.back();
      parens.pop_back();
      if (!((o == '(' && c == ')') || (o == '[' && c == ']') ||
            (o == '{' && c == '}'))) {
        fail(pointAt(p), std::string("f-string: closing parenthesis '") +
                             static_cast<char>(c) +
                             "' does not match opening parenthesis '" +
                             static_cast<char>(o) + "'");
        return false;
      }
    }
  }
  if (quote) {
    fail(pointAt(open), "f-string: unterminated string");
    return false;
  }
  if (!parens.empty()) {
    fail(pointAt(open), std::string("f-string: unmatched '") +
                            static_cast<char>(parens.back()) + "'");
    return false;
  }
  if (p >= end) {
    fail(pointAt(open), "f-string: expecting '}'");
    return false;
  }
  bool empty = true;
  for (const uchar *q = exprStart; q < p; ++q)
    if (*q != ' ' && *q != '\t' && *q != '\n' && *q != '\r' && *q != '\f')
      empty = false;
  if (empty) {
    fail(pointAt(p), "f-string: empty expression not allowed");
    return false;
  }
  if (*p == '=') { // self-documenting "{x=}", blanks allowed after '='
    ++p;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
                       *p == '\f' || *p == '\v'))
      ++p;
  }
  if (p < end && *p == '!') {
    ++p;
    if (p >= end) {
      fail(pointAt(open), "f-string: expecting '}'");
      return false;
    }
    uchar conv = *p++;
    if (conv != 's' && conv != 'r' && conv != 'a') {
      fail(pointAt(p - 1), "f-string: invalid conversion character: expected "
                           "'s', 'r', or 'a'");
      return false;
    }
  }
  if (p < end && *p == ':') {
    ++p;
    if (!checkFStringPart(p, end, /*raw=*/true, level + 1))
      return false;
  }
  if (p >= end || *p != '}') {
    fail(pointAt(open), "f-string: expecting '}'");
    return false;
  }
  ++p;
  return true;
}

/*!re2c
  re2c:api:style = free-form;
  re2c:define:YYCTYPE = uchar;
  re2c:define:YYCURSOR = cur_;
  re2c:define:YYMARKER = marker;
  re2c:yyfill:enable = 0;
  re2c:sentinel = 0;

  eol        = "\r\n" | "\n" | "\r";
  idstart    = [a-zA-Z_\x80-\xff];
  idcont     = [a-zA-Z0-9_\x80-\xff];
  dig        = [0-9];
  digitpart  = dig ("_"? dig)*;
  hexint     = "0" [xX] ("_"? [0-9a-fA-F])+;
  octint     = "0" [oO] ("_"? [0-7])+;
  binint     = "0" [bB] ("_"? [01])+;
  decint     = [1-9] ("_"? dig)* | "0" ("_"? "0")*;
  leadzero   = "0" ("_"? "0")* "_"? [1-9] ("_"? dig)*;
  pointfloat = digitpart? "." digitpart | digitpart ".";
  exponent   = [eE] [+-]? digitpart;
  floatnum   = pointfloat exponent? | digitpart exponent;
  imagnum    = (floatnum | digitpart) [jJ];
  strprefix  = [rRuUbBfF] | [rR][bBfF] | [bBfF][rR];
*/

// Scans one token (or skips whitespace, a comment, a line break).  Returns
// false at the end of input or after an error.
bool Lexer::scanToken() {
  for (;;) {
    const uchar *start = cur_;
    const uchar *marker = cur_;
    (void)marker;
    /*!re2c
      "\x00" { cur_ = start; return false; }

      [ \t\f]+ { continue; }
      "#" [^\r\n\x00]* { continue; }

      "\\" eol {
        newLine(cur_);
        if (*cur_ == 0) {
          fail(pointAt(start), "unexpected EOF while parsing");
          return false;
        }
        continue;
      }
      "\\" {
        if (*cur_ == 0)
          fail(pointAt(cur_), "unexpected EOF while parsing");
        else
          fail(pointAt(cur_),
               "unexpected character after line continuation character");
        return false;
      }

      eol {
        Span s = spanFrom(start);
        if (brackets_.empty()) {
          if (lineHasTokens_)
            emit(Tok::Newline, s);
          lineHasTokens_ = false;
          atLineStart_ = true;
        }
        newLine(cur_);
        return true;
      }

      idstart idcont* { lexName(start); return !failed_; }

      decint   { lexNumber(start, Tok::Int, true); return !failed_; }
      hexint | octint | binint {
        lexNumber(start, Tok::Int, false);
        return !failed_;
      }
      leadzero {
        fail(spanFrom(start), "leading zeros in decimal integer literals are "
                              "not permitted; use an 0o prefix for octal "
                              "integers");
        return false;
      }
      // A base prefix without digits: "0x", "0o8", "0b2".
      "0" [xXoObB] { badPrefix(start); return false; }
      floatnum { lexNumber(start, Tok::Float, true); return !failed_; }
      imagnum  { lexNumber(start, Tok::Imag, true); return !failed_; }

      strprefix? ['"] {
        lexString(start, cur_ - 1);
        return !failed_;
      }

      "(" | "[" | "{" { openBracket(start); return !failed_; }
      ")" | "]" | "}" { closeBracket(start); return !failed_; }

      ":"   { emit(Tok::Colon, spanFrom(start)); return true; }
      ","   { emit(Tok::Comma, spanFrom(start)); return true; }
      ";"   { emit(Tok::Semi, spanFrom(start)); return true; }
      "."   { emit(Tok::Dot, spanFrom(start)); return true; }
      "..." { emit(Tok::Ellipsis, spanFrom(start)); return true; }
      "->"  { emit(Tok::Arrow, spanFrom(start)); return true; }
      ":="  { emit(Tok::Walrus, spanFrom(start)); return true; }
      "@"   { emit(Tok::At, spanFrom(start)); return true; }
      "+"   { emit(Tok::Plus, spanFrom(start)); return true; }
      "-"   { emit(Tok::Minus, spanFrom(start)); return true; }
      "*"   { emit(Tok::Star, spanFrom(start)); return true; }
      "**"  { emit(Tok::DoubleStar, spanFrom(start)); return true; }
      "/"   { emit(Tok::Slash, spanFrom(start)); return true; }
      "//"  { emit(Tok::DoubleSlash, spanFrom(start)); return true; }
      "%"   { emit(Tok::Percent, spanFrom(start)); return true; }
      "|"   { emit(Tok::Pipe, spanFrom(start)); return true; }
      "&"   { emit(Tok::Amper, spanFrom(start)); return true; }
      "^"   { emit(Tok::Caret, spanFrom(start)); return true; }
      "~"   { emit(Tok::Tilde, spanFrom(start)); return true; }
      "<<"  { emit(Tok::LShift, spanFrom(start)); return true; }
      ">>"  { emit(Tok::RShift, spanFrom(start)); return true; }
      "<"   { emit(Tok::Less, spanFrom(start)); return true; }
      ">"   { emit(Tok::Greater, spanFrom(start)); return true; }
      "<="  { emit(Tok::LessEq, spanFrom(start)); return true; }
      ">="  { emit(Tok::GreaterEq, spanFrom(start)); return true; }
      "=="  { emit(Tok::EqEq, spanFrom(start)); return true; }
      "!="  { emit(Tok::NotEq, spanFrom(start)); return true; }
      "="   { emit(Tok::Assign, spanFrom(start)); return true; }
      "+="  { emit(Tok::PlusEq, spanFrom(start)); return true; }
      "-="  { emit(Tok::MinusEq, spanFrom(start)); return true; }
      "*="  { emit(Tok::StarEq, spanFrom(start)); return true; }
      "/="  { emit(Tok::SlashEq, spanFrom(start)); return true; }
      "//=" { emit(Tok::DoubleSlashEq, spanFrom(start)); return true; }
      "%="  { emit(Tok::PercentEq, spanFrom(start)); return true; }
      "**=" { emit(Tok::DoubleStarEq, spanFrom(start)); return true; }
      "|="  { emit(Tok::PipeEq, spanFrom(start)); return true; }
      "&="  { emit(Tok::AmperEq, spanFrom(start)); return true; }
      "^="  { emit(Tok::CaretEq, spanFrom(start)); return true; }
      "<<=" { emit(Tok::LShiftEq, spanFrom(start)); return true; }
      ">>=" { emit(Tok::RShiftEq, spanFrom(start)); return true; }
      "@="  { emit(Tok::AtEq, spanFrom(start)); return true; }

      // CPython 3.11 reports stray ASCII punctuation ('$', '?', '!', '`')
      // as plain "invalid syntax" at the character.
      [$?!`] { fail(spanFrom(start), "invalid syntax"); return false; }

      [\x01-\x08\x0b\x0e-\x1f\x7f] {
        fail(spanFrom(start), "invalid non-printable character " +
                                  hex4(*start));
        return false;
      }

      * { fail(spanFrom(start), "invalid syntax"); return false; }
    */
  }
}

} // namespace

std::vector<Token> tokenize(std::string_view source, Diagnostics &diag) {
  Lexer lexer(source, diag);
  return lexer.run();
}

// Python's repr() quoting: single quotes unless the text has a single quote
// and no double quote; control characters escaped.  Bytes also escape
// everything >= 0x80, like repr(b'...').
static std::string reprQuote(const std::string &s, bool isBytes) {
  bool hasSingle = s.find('\'') != std::string::npos;
  bool hasDouble = s.find('"') != std::string::npos;
  char q = hasSingle && !hasDouble ? '"' : '\'';
  std::string out(1, q);
  for (unsigned char c : s) {
    switch (c) {
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default:
      if (c == static_cast<unsigned char>(q)) {
        out += '\\';
        out += static_cast<char>(c);
      } else if (c < 0x20 || c == 0x7F || (isBytes && c >= 0x80)) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02x", c);
        out += buf;
      } else {
        out += static_cast<char>(c);
      }
    }
  }
  out += q;
  return out;
}

std::string dumpTokens(const std::vector<Token> &tokens) {
  std::string out;
  for (const Token &t : tokens) {
    out += std::to_string(t.span.line);
    out += ':';
    out += std::to_string(t.span.col);
    out += ' ';
    out += tokName(t.kind);
    switch (t.kind) {
    case Tok::Name:
    case Tok::Int:
    case Tok::Float:
    case Tok::Imag:
    case Tok::String:
    case Tok::FString:
      out += ' ';
      out += reprQuote(t.value, false);
      break;
    case Tok::Bytes:
      out += ' ';
      out += reprQuote(t.value, true);
      break;
    default:
      break;
    }
    out += '\n';
  }
  return out;
}

} // namespace tide
