// fstring.cpp — the inside of an f-string: literal text and `{...}` fields.
//
// What: the lexer hands the parser one FSTRING token per literal, whose value
// is the raw body between the quotes and whose `bodyOffset` says where that
// body starts in the source.  This file splits the body into literal parts
// (escapes decoded unless the literal is raw; `{{` and `}}` are braces) and
// replacement fields `{expr=!c:spec}`, producing Constant(Str) and
// FormattedValue nodes for the parser's JoinedStr.
//
// Glossary
//   field        one `{...}` replacement field
//   conversion   `!r`, `!s`, `!a`
//   spec         the format spec after `:`; it may hold nested fields, so it
//                becomes a JoinedStr of its own
//   self-doc     `{x=}` / `{x = }`: the text "x=" / "x = " followed by the
//                value, repr'd unless a conversion or spec is given
//
// Design: Python 3.11 rules.  The end of a field's expression is found by a
// small scanner that tracks brackets and quotes (a `!`, `:`, `=` or `}` at
// bracket depth 0 ends it).  The expression text is then re-tokenized by the
// ordinary lexer, wrapped in parentheses so that newlines and leading blanks
// are harmless, and every token's span is moved back into the coordinates of
// the original source before the ordinary parser sees it — so nodes inside
// f-strings carry exact positions and no expression grammar is duplicated
// here.  Rejected: parsing from a substring view of the whole source (the
// parentheses we add are not in the source) and patching spans of the finished
// tree afterwards (that needs a walker over every node kind).
#include <cstring>

#include "lexer.h"
#include "parser.h"

namespace tide::detail {
namespace {

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

int hexValue(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

class FStringScanner {
public:
  FStringScanner(const Token &tok, std::string_view source, Diagnostics &diag, int depth)
      : tok_(tok), body_(tok.value), source_(source), diag_(diag), depth_(depth) {
    // Column of the body's first byte: count back to the line start.
    size_t off = tok.bodyOffset;
    if (off <= source.size()) {
      size_t nl = source.rfind('\n', off == 0 ? 0 : off - 1);
      bodyCol_ = static_cast<uint32_t>(nl == std::string_view::npos || off == 0 ? off + 1 : off - nl);
    } else {
      bodyCol_ = tok.span.col + 2;
    }
  }

  bool run(ExprList &parts) {
    size_t i = 0;
    return scanText(i, false, parts, 0);
  }

private:
  const Token &tok_;
  std::string_view body_;
  std::string_view source_;
  Diagnostics &diag_;
  int depth_;
  uint32_t bodyCol_ = 1;

  // Source line/col of body_[i].
  Span spanAt(size_t i, size_t len = 1) const {
    uint32_t line = tok_.span.line, col = bodyCol_;
    for (size_t k = 0; k < i && k < body_.size(); ++k) {
      if (body_[k] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    return Span{line, col, line, static_cast<uint32_t>(col + len)};
  }

  bool error(size_t i, const std::string &msg) {
    diag_.error(spanAt(i), msg);
    return false;
  }

  static void flush(std::string &lit, Span span, ExprList &parts) {
    if (!lit.empty())
      parts.push_back(std::make_unique<Constant>(span, ConstKind::Str, std::move(lit)));
    lit.clear();
  }

  // Literal text and fields up to the end of the body, or (inSpec) up to the
  // '}' that closes the enclosing field, which is left unconsumed.
  bool scanText(size_t &i, bool inSpec, ExprList &parts, int level) {
    std::string lit;
    size_t litStart = i;
    const size_t n = body_.size();
    while (i < n) {
      char c = body_[i];
      if (c == '{') {
        if (!inSpec && i + 1 < n && body_[i + 1] == '{') {
          lit += '{';
          i += 2;
          continue;
        }
        flush(lit, spanAt(litStart, i - litStart), parts);
        if (!scanField(i, parts, level))
          return false;
        litStart = i;
        continue;
      }
      if (c == '}') {
        if (inSpec)
          break;
        if (i + 1 < n && body_[i + 1] == '}') {
          lit += '}';
          i += 2;
          continue;
        }
        return error(i, "f-string: single '}' is not allowed");
      }
      if (c == '\\' && !tok_.raw && i + 1 < n) {
        decodeEscape(i, lit);
        continue;
      }
      lit += c;
      ++i;
    }
    flush(lit, spanAt(litStart, i - litStart), parts);
    return true;
  }

  // One backslash escape at body_[i] (not raw), appended decoded to `out`.
  void decodeEscape(size_t &i, std::string &out) {
    const size_t n = body_.size();
    char e = body_[i + 1];
    i += 2;
    switch (e) {
    case '\n': return; // line continuation inside the literal
    case '\\': out += '\\'; return;
    case '\'': out += '\''; return;
    case '"': out += '"'; return;
    case 'a': out += '\a'; return;
    case 'b': out += '\b'; return;
    case 'f': out += '\f'; return;
    case 'n': out += '\n'; return;
    case 'r': out += '\r'; return;
    case 't': out += '\t'; return;
    case 'v': out += '\v'; return;
    case 'x':
    case 'u':
    case 'U': {
      size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
      uint32_t cp = 0;
      size_t k = 0;
      for (; k < digits && i + k < n && hexValue(body_[i + k]) >= 0; ++k)
        cp = cp * 16 + static_cast<uint32_t>(hexValue(body_[i + k]));
      if (k != digits) { // malformed: keep the text (the lexer reports these)
        out += '\\';
        out += e;
        return;
      }
      i += k;
      appendUtf8(out, cp);
      return;
    }
    case 'N': {
      // \N{NAME}: we have no Unicode name table; keep the text verbatim but
      // never treat its braces as a field.
      out += "\\N";
      if (i < n && body_[i] == '{') {
        size_t close = body_.find('}', i);
        if (close == std::string_view::npos)
          close = n - 1;
        out.append(body_.substr(i, close - i + 1));
        i = close + 1;
      }
      return;
    }
    default:
      if (e >= '0' && e <= '7') {
        uint32_t cp = static_cast<uint32_t>(e - '0');
        for (int k = 0; k < 2 && i < n && body_[i] >= '0' && body_[i] <= '7'; ++k, ++i)
          cp = cp * 8 + static_cast<uint32_t>(body_[i] - '0');
        appendUtf8(out, cp);
        return;
      }
      // Unknown escape: Python keeps the backslash, and the next character
      // is read normally (so `\{x}` is a backslash and a field).
      out += '\\';
      --i;
      return;
    }
  }

  // field: '{' expression ['='] ['!' conversion] [':' spec] '}'
  bool scanField(size_t &i, ExprList &parts, int level) {
    const size_t n = body_.size();
    size_t open = i++;
    if (level >= 2)
      return error(open, "f-string: expressions nested too deeply");
    size_t exprStart = i;
    int brackets = 0;
    while (i < n) {
      char c = body_[i];
      if (c == '\\')
        return error(i, "f-string expression part cannot include a backslash");
      if (c == '\'' || c == '"') {
        bool triple = i + 2 < n && body_[i + 1] == c && body_[i + 2] == c;
        size_t q = i + (triple ? 3 : 1);
        for (;;) {
          if (q >= n)
            return error(i, "f-string: expecting '}'");
          if (body_[q] == '\\')
            return error(q, "f-string expression part cannot include a backslash");
          if (body_[q] == c && (!triple || (q + 2 < n && body_[q + 1] == c && body_[q + 2] == c)))
            break;
          ++q;
        }
        i = q + (triple ? 3 : 1);
        continue;
      }
      if (c == '#')
        return error(i, "f-string expression part cannot include '#'");
      if (c == '(' || c == '[' || c == '{') {
        ++brackets;
      } else if (c == ')' || c == ']' || c == '}') {
        if (brackets == 0) {
          if (c == '}')
            break;
          return error(i, std::string("f-string: unmatched '") + c + "'");
        }
        --brackets;
      } else if (brackets == 0) {
        bool nextEq = i + 1 < n && body_[i + 1] == '=';
        if ((c == '=' || c == '!' || c == '<' || c == '>') && nextEq) {
          i += 2; // ==, !=, <=, >=
          continue;
        }
        if (c == '!' || c == ':' || c == '=')
          break;
      }
      ++i;
    }
    if (i >= n)
      return error(i, "f-string: expecting '}'");
    size_t exprEnd = i;
    std::string_view exprText = body_.substr(exprStart, exprEnd - exprStart);
    if (exprText.find_first_not_of(" \t\n\r\f") == std::string_view::npos)
      return error(i, "f-string: empty expression not allowed");

    bool selfDoc = false;
    if (body_[i] == '=') {
      selfDoc = true;
      ++i;
      while (i < n && (body_[i] == ' ' || body_[i] == '\t' || body_[i] == '\n'))
        ++i;
    }
    std::string docText(body_.substr(exprStart, i - exprStart));
    char conversion = 0;
    if (i < n && body_[i] == '!') {
      ++i;
      if (i >= n)
        return error(i, "f-string: expecting '}'");
      char ch = body_[i];
      if (ch != 'r' && ch != 's' && ch != 'a')
        return error(i, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
      conversion = ch;
      ++i;
      if (i >= n || (body_[i] != ':' && body_[i] != '}'))
        return error(i, "f-string: expecting '}'");
    }
    ExprPtr spec;
    if (i < n && body_[i] == ':') {
      ++i;
      size_t specStart = i;
      auto joined = std::make_unique<JoinedStr>(spanAt(specStart));
      if (!scanText(i, true, joined->values, level + 1))
        return false;
      joined->span = spanTo(spanAt(specStart), spanAt(i == specStart ? i : i - 1));
      spec = std::move(joined);
    }
    if (i >= n || body_[i] != '}')
      return error(i, "f-string: expecting '}'");
    size_t close = i++;

    ExprPtr value = parseExpression(exprStart, exprText);
    if (!value)
      return false;
    Span fieldSpan = spanTo(spanAt(open), spanAt(close));
    if (selfDoc) {
      parts.push_back(std::make_unique<Constant>(fieldSpan, ConstKind::Str, docText));
      if (!conversion && !spec)
        conversion = 'r';
    }
    auto fv = std::make_unique<FormattedValue>(fieldSpan, std::move(value));
    fv->conversion = conversion;
    fv->formatSpec = std::move(spec);
    parts.push_back(std::move(fv));
    return true;
  }

  // Re-tokenizes "(" + text + ")" and parses it, with spans mapped back onto
  // the source.  Errors are reported with CPython's "f-string: " prefix.
  ExprPtr parseExpression(size_t exprStart, std::string_view text) {
    Span at = spanAt(exprStart);
    auto mapPos = [&](uint32_t &line, uint32_t &col) {
      if (line <= 1) {
        line = at.line;
        col = at.col + col - 2;
      } else {
        line = at.line + line - 1;
      }
    };
    auto mapSpan = [&](Span s) {
      mapPos(s.line, s.col);
      mapPos(s.endLine, s.endCol);
      return s;
    };
    auto report = [&](const Diagnostic &d, bool map) {
      std::string msg = d.message;
      if (msg.rfind("f-string", 0) != 0)
        msg = "f-string: " + msg;
      diag_.error(map ? mapSpan(d.span) : d.span, std::move(msg), d.kind);
    };

    std::string wrapped = "(" + std::string(text) + ")";
    Diagnostics local;
    std::vector<Token> toks = tokenize(wrapped, local);
    if (local.hasErrors()) {
      report(local.errors().front(), true);
      return nullptr;
    }
    uint32_t sourceOffset = tok_.bodyOffset + static_cast<uint32_t>(exprStart);
    for (Token &t : toks) {
      t.span = mapSpan(t.span);
      if (t.kind == Tok::FString)
        t.bodyOffset = sourceOffset + t.bodyOffset - 1;
    }
    Diagnostics inner;
    ExprPtr e = parseFieldTokens(toks, source_, inner, depth_ + 1);
    if (inner.hasErrors() || !e) {
      if (inner.hasErrors())
        report(inner.errors().front(), false);
      else
        diag_.error(at, "f-string: invalid syntax");
      return nullptr;
    }
    return e;
  }
};

} // namespace

bool appendFStringParts(const Token &tok, std::string_view source, ExprList &parts,
                        Diagnostics &diag, int depth) {
  FStringScanner scanner(tok, source, diag, depth);
  return scanner.run(parts);
}

} // namespace tide::detail
