// format.cpp — format(), f-string specs, str.format and printf-style %.
//
// Glossary
//   spec     the format-spec mini-language:
//              [[fill]align][sign][z][#][0][width][grouping][.precision][type]
//            parsed once into FormatSpec, then applied by the int, float or
//            str formatter.
//   body     the digits/text being padded; `prefix` is the sign and the
//            0x/0o/0b marker, which '=' alignment keeps before the padding.
//
// Floats: fixed/exponent/general formats come from snprintf, which glibc
// rounds exactly (half-even on the exact binary value, as CPython's dtoa
// does); the empty type uses repr's shortest digits.  Rejected: our own
// digit generation (slower to write, no better) and std::format (missing
// Python's rules for 'g' without a type and for grouping).
//
// Messages follow CPython 3.11 word for word: "Unknown format code 'd' for
// object of type 'str'", "not enough arguments for format string", ...
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "containers.h"
#include "values.h"

namespace {

struct FormatSpec {
  std::string fill = " ";
  bool fillGiven = false;
  char align = 0; // < > = ^ or 0
  char sign = 0;  // + - ' ' or 0
  bool z = false;
  bool alt = false;
  bool zero = false;
  int64_t width = -1;
  char grouping = 0; // , _ or 0
  int64_t precision = -1;
  char type = 0;
};

size_t utf8_len(unsigned char c) { return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2; }

int64_t cp_count(std::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

bool is_align(char c) { return c == '<' || c == '>' || c == '=' || c == '^'; }

bool parse_spec(TdThread *ts, std::string_view s, TdValue v, FormatSpec &f) {
  size_t i = 0;
  if (!s.empty()) {
    size_t l = utf8_len(uint8_t(s[0]));
    if (l < s.size() && is_align(s[l])) {
      f.fill = std::string(s.substr(0, l));
      f.fillGiven = true;
      f.align = s[l];
      i = l + 1;
    } else if (is_align(s[0])) {
      f.align = s[0];
      i = 1;
    }
  }
  if (i < s.size() && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) f.sign = s[i++];
  if (i < s.size() && s[i] == 'z') {
    f.z = true;
    ++i;
  }
  if (i < s.size() && s[i] == '#') {
    f.alt = true;
    ++i;
  }
  if (i < s.size() && s[i] == '0') {
    f.zero = true;
    ++i;
  }
  auto digits = [&](int64_t &out) {
    size_t st = i;
    int64_t n = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      n = n * 10 + (s[i] - '0');
      if (n > (int64_t(1) << 40)) n = int64_t(1) << 40;
      ++i;
    }
    if (i > st) out = n;
    return i > st;
  };
  digits(f.width);
  if (i < s.size() && (s[i] == ',' || s[i] == '_')) {
    f.grouping = s[i++];
    if (i < s.size() && (s[i] == ',' || s[i] == '_')) {
      td_err_set(ts, &td_type_ValueError, "Cannot specify both ',' and '_'.");
      return false;
    }
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits(f.precision)) {
      td_err_set(ts, &td_type_ValueError, "Format specifier missing precision");
      return false;
    }
  }
  if (i + 1 < s.size() || (i < s.size() && !std::isalpha(uint8_t(s[i])) && s[i] != '%')) {
    td_err_format(ts, &td_type_ValueError, "Invalid format specifier '%.*s' for object of type '%s'",
                  int(s.size()), s.data(), td_type_name(v));
    return false;
  }
  if (i < s.size()) f.type = s[i];
  if (f.zero && !f.fillGiven) {
    f.fill = "0";
    if (!f.align) f.align = '=';
  }
  if (f.grouping) {
    char t = f.type;
    bool ok = t == 0 || t == 'd' || t == 'e' || t == 'E' || t == 'f' || t == 'F' || t == 'g' ||
              t == 'G' || t == '%' ||
              (f.grouping == '_' && (t == 'b' || t == 'o' || t == 'x' || t == 'X'));
    if (!ok) {
      td_err_format(ts, &td_type_ValueError, "Cannot specify '%c' with '%c'.", f.grouping, t);
      return false;
    }
  }
  return true;
}

// Pads prefix+body to the spec's width (counted in code points).
std::string pad(const FormatSpec &f, std::string_view prefix, std::string_view body,
                char defaultAlign) {
  int64_t len = cp_count(prefix) + cp_count(body);
  std::string out;
  if (f.width <= len) {
    out.reserve(prefix.size() + body.size());
    out += prefix;
    out += body;
    return out;
  }
  int64_t n = f.width - len;
  char align = f.align ? f.align : defaultAlign;
  int64_t left = align == '>' ? n : align == '^' ? n / 2 : 0;
  int64_t right = n - left;
  if (align == '=') {
    out += prefix;
    for (int64_t k = 0; k < n; ++k) out += f.fill;
    out += body;
    return out;
  }
  for (int64_t k = 0; k < left; ++k) out += f.fill;
  out += prefix;
  out += body;
  for (int64_t k = 0; k < right; ++k) out += f.fill;
  return out;
}

// Inserts `sep` every `every` digits from the right of `digits`; with
// zero padding (fill '0', align '='), grows the digits with zeros until the
// grouped result reaches `minWidth`.
std::string group(std::string digits, char sep, int every, int64_t minWidth) {
  auto grouped_len = [&](size_t n) { return int64_t(n + (n ? (n - 1) / size_t(every) : 0)); };
  while (minWidth > 0 && grouped_len(digits.size()) < minWidth) digits.insert(0, 1, '0');
  std::string out;
  size_t n = digits.size();
  for (size_t i = 0; i < n; ++i) {
    if (i && (n - i) % size_t(every) == 0) out.push_back(sep);
    out.push_back(digits[i]);
  }
  return out;
}

TdValue unknown_code(TdThread *ts, char type, TdValue v) {
  if (type > 0x20 && type < 0x7f)
    td_err_format(ts, &td_type_ValueError, "Unknown format code '%c' for object of type '%s'",
                  type, td_type_name(v));
  else
    td_err_format(ts, &td_type_ValueError,
                  "Unknown format code '\\x%x' for object of type '%s'", uint8_t(type),
                  td_type_name(v));
  return 0;
}

std::string sign_prefix(char sign, bool negative) {
  if (negative) return "-";
  if (sign == '+') return "+";
  if (sign == ' ') return " ";
  return "";
}

std::string float_body(double d, char type, int64_t prec, bool alt, bool *negative);

// Formats a double per spec (types e E f F g G % n and none).
TdValue format_double(TdThread *ts, double d, const FormatSpec &f, TdValue v) {
  char type = f.type;
  if (type == 'n') type = 'g';
  if (!(type == 0 || type == 'e' || type == 'E' || type == 'f' || type == 'F' || type == 'g' ||
        type == 'G' || type == '%'))
    return unknown_code(ts, f.type, v);
  bool neg = false;
  std::string body = float_body(d, type, f.precision, f.alt, &neg);
  if (f.z && neg && body.find_first_not_of("0.e+-%") == std::string::npos) neg = false;
  std::string prefix = sign_prefix(f.sign, neg);
  if (f.grouping) {
    size_t end = body.find_first_not_of("0123456789");
    if (end == std::string::npos) end = body.size();
    int64_t minWidth = 0;
    if (f.align == '=' && f.fill == "0")
      minWidth = f.width - int64_t(prefix.size()) - int64_t(body.size() - end);
    body = group(body.substr(0, end), f.grouping, 3, minWidth) + body.substr(end);
  }
  return td_str_from_ascii(ts, pad(f, prefix, body, '>'));
}

std::string float_body(double d, char type, int64_t prec, bool alt, bool *negative) {
  *negative = std::signbit(d) && !std::isnan(d);
  double a = std::fabs(d);
  bool upper = type == 'E' || type == 'F' || type == 'G';
  if (std::isnan(d) || std::isinf(d)) {
    std::string s = std::isnan(d) ? "nan" : "inf";
    if (upper)
      for (char &c : s) c = char(std::toupper(uint8_t(c)));
    if (type == '%') s += '%';
    return s;
  }
  if (type == 0 && prec < 0) return td_float_repr(a);
  if (type == '%') return td_format_double(a * 100.0, 'f', prec < 0 ? 6 : int(prec), alt) + "%";
  if (type == 0) {
    // Like 'g', but fixed notation always shows a digit after the point,
    // so it is used only while that fits the precision (exp < p - 1).
    int p = prec == 0 ? 1 : int(prec);
    std::string e = td_format_double(a, 'e', p - 1, alt);
    size_t epos = e.find('e');
    int x = std::atoi(e.c_str() + epos + 1);
    auto strip = [&](std::string t) {
      if (alt || t.find('.') == std::string::npos) return t;
      while (t.back() == '0') t.pop_back();
      if (t.back() == '.') t.pop_back();
      return t;
    };
    if (x >= -4 && x < p - 1) {
      std::string f = strip(td_format_double(a, 'f', p - 1 - x, alt));
      if (f.find('.') == std::string::npos) f += ".0";
      return f;
    }
    return strip(e.substr(0, epos)) + e.substr(epos);
  }
  return td_format_double(a, type, prec < 0 ? 6 : int(prec), alt);
}

} // namespace

std::string td_format_double(double d, char type, int precision, bool alt) {
  if (type == 'r') return td_float_repr(d);
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  char fmt[8] = {'%', 0};
  int k = 1;
  if (alt) fmt[k++] = '#';
  fmt[k++] = '.';
  fmt[k++] = '*';
  fmt[k++] = type;
  fmt[k] = 0;
  int n = std::snprintf(nullptr, 0, fmt, precision, d);
  std::string s(size_t(n) + 1, '\0');
  std::snprintf(s.data(), s.size(), fmt, precision, d);
  s.resize(size_t(n));
  return s;
}

// chr(cp) for format code 'c' and %c.
static TdValue char_from_cp(TdThread *ts, int64_t cp) {
  std::string out;
  auto u = uint32_t(cp);
  if (u < 0x80) {
    out.push_back(char(u));
  } else if (u < 0x800) {
    out.push_back(char(0xC0 | (u >> 6)));
    out.push_back(char(0x80 | (u & 0x3F)));
  } else if (u < 0x10000) {
    out.push_back(char(0xE0 | (u >> 12)));
    out.push_back(char(0x80 | ((u >> 6) & 0x3F)));
    out.push_back(char(0x80 | (u & 0x3F)));
  } else {
    out.push_back(char(0xF0 | (u >> 18)));
    out.push_back(char(0x80 | ((u >> 12) & 0x3F)));
    out.push_back(char(0x80 | ((u >> 6) & 0x3F)));
    out.push_back(char(0x80 | (u & 0x3F)));
  }
  return td_str_from(ts, out);
}

TdValue td_format_int(TdThread *ts, TdValue v, std::string_view spec) {
  if (spec.empty()) return td_str(ts, v);
  FormatSpec f;
  if (!parse_spec(ts, spec, v, f)) return 0;
  char type = f.type;
  if (type == 'e' || type == 'E' || type == 'f' || type == 'F' || type == 'g' || type == 'G' ||
      type == '%') {
    double d;
    if (!td_int_to_double(ts, v, &d)) return 0;
    return format_double(ts, d, f, v);
  }
  int base;
  switch (type) {
  case 0:
  case 'd':
  case 'n': base = 10; break;
  case 'b': base = 2; break;
  case 'o': base = 8; break;
  case 'x':
  case 'X': base = 16; break;
  case 'c': base = 0; break;
  default: return unknown_code(ts, type, v);
  }
  if (f.precision >= 0) {
    td_err_set(ts, &td_type_ValueError, "Precision not allowed in integer format specifier");
    return 0;
  }
  if (f.z) {
    td_err_set(ts, &td_type_ValueError,
               "Negative zero coercion (z) not allowed in integer format specifier");
    return 0;
  }
  if (base == 0) {
    if (f.sign) {
      td_err_set(ts, &td_type_ValueError, "Sign not allowed with integer format specifier 'c'");
      return 0;
    }
    int64_t cp;
    if (!td_int_to_i64(ts, v, &cp) || cp < 0 || cp > 0x10ffff) {
      td_err_clear(ts);
      td_err_set(ts, &td_type_OverflowError, "%c arg not in range(0x110000)");
      return 0;
    }
    TdValue ch = char_from_cp(ts, cp);
    if (!ch) return 0;
    TdValue r = td_str_from(ts, pad(f, "", td_str_view(ch), '<'));
    td_decref(ch);
    return r;
  }
  bool neg;
  std::string digits = td_int_digits(v, base, &neg);
  if (type == 'X')
    for (char &c : digits) c = char(std::toupper(uint8_t(c)));
  std::string prefix = sign_prefix(f.sign, neg);
  if (f.alt && base != 10) {
    prefix += '0';
    prefix += type == 'X' ? 'X' : type;
  }
  if (f.grouping) {
    int64_t minWidth = 0;
    if (f.align == '=' && f.fill == "0") minWidth = f.width - int64_t(prefix.size());
    digits = group(digits, f.grouping, base == 10 ? 3 : 4, minWidth);
  }
  return td_str_from_ascii(ts, pad(f, prefix, digits, '>'));
}

TdValue td_format_float(TdThread *ts, TdValue v, std::string_view spec) {
  if (spec.empty()) return td_str(ts, v);
  FormatSpec f;
  if (!parse_spec(ts, spec, v, f)) return 0;
  return format_double(ts, td_float_val(v), f, v);
}

TdValue td_format_str(TdThread *ts, TdValue v, std::string_view spec) {
  if (spec.empty()) return td_newref(v);
  FormatSpec f;
  if (!parse_spec(ts, spec, v, f)) return 0;
  if (f.type && f.type != 's') return unknown_code(ts, f.type, v);
  if (f.sign) {
    td_err_set(ts, &td_type_ValueError, "Sign not allowed in string format specifier");
    return 0;
  }
  if (f.alt) {
    td_err_set(ts, &td_type_ValueError,
               "Alternate form (#) not allowed in string format specifier");
    return 0;
  }
  if (f.align == '=') {
    td_err_set(ts, &td_type_ValueError, "'=' alignment not allowed in string format specifier");
    return 0;
  }
  std::string_view s = td_str_view(v);
  if (f.precision >= 0 && cp_count(s) > f.precision) {
    size_t i = 0;
    for (int64_t k = 0; k < f.precision; ++k) i += utf8_len(uint8_t(s[i]));
    s = s.substr(0, i);
  }
  return td_str_from(ts, pad(f, "", s, '<'));
}

extern "C" TdValue td_format(TdThread *ts, TdValue v, TdValue spec) {
  // spec 0: no format spec at all, as in f"{x}".
  std::string_view s = spec ? td_str_view(spec) : std::string_view();
  if (td_is_small(v)) {
    if (s.empty()) return td_repr(ts, v);
    return td_format_int(ts, v, s);
  }
  TdType *t = td_type_of(v);
  if (t->format) {
    return t->format(ts, v, s);
  }
  if (t->flags & TD_TF_HEAPTYPE) {
    TdValue name = td_str_from(ts, "__format__");
    if (!name) return 0;
    // No spec (f"{x}") is the empty spec for __format__.
    TdRef empty(spec ? 0 : td_str_from(ts, ""));
    TdValue specArg = spec ? spec : empty.get();
    TdValue r = specArg ? td_call_method(ts, v, name, &specArg, 1, 0) : 0;
    td_decref(name);
    if (r || !td_err_is(ts, &td_type_AttributeError)) {
      if (r && !td_is_str(r)) {
        td_err_format(ts, &td_type_TypeError, "__format__ must return a str, not %s",
                      td_type_name(r));
        td_decref(r);
        return 0;
      }
      return r;
    }
    td_err_clear(ts);
  }
  if (s.empty()) return td_str(ts, v);
  td_err_format(ts, &td_type_TypeError, "unsupported format string passed to %s.__format__",
                t->name);
  return 0;
}

// ---------------------------------------------------------------------------
// str.format
// ---------------------------------------------------------------------------

namespace {

struct FormatArgs {
  const TdValue *pos;
  int64_t npos;
  const TdValue *kwvals;
  TdTupleHead *kwnames;
  int64_t autoIndex = 0;
  int mode = 0; // 0 unknown, 1 auto, 2 manual
};

bool format_into(TdThread *ts, std::string_view fmt, FormatArgs &fa, std::string &out, int depth);

// Resolves "name", "0", "", "a.b", "a[0]" to a new reference.
TdValue resolve_field(TdThread *ts, std::string_view field, FormatArgs &fa) {
  size_t end = field.find_first_of(".[");
  std::string_view head = field.substr(0, end);
  TdValue obj;
  if (head.empty() || std::isdigit(uint8_t(head[0]))) {
    int64_t idx;
    if (head.empty()) {
      if (fa.mode == 2) {
        td_err_set(ts, &td_type_ValueError,
                   "cannot switch from manual field specification to automatic field numbering");
        return 0;
      }
      fa.mode = 1;
      idx = fa.autoIndex++;
    } else {
      if (fa.mode == 1) {
        td_err_set(ts, &td_type_ValueError,
                   "cannot switch from automatic field numbering to manual field specification");
        return 0;
      }
      fa.mode = 2;
      idx = 0;
      for (char c : head) {
        if (!std::isdigit(uint8_t(c))) {
          idx = -1;
          break;
        }
        idx = idx * 10 + (c - '0');
      }
    }
    if (idx < 0 || idx >= fa.npos) {
      td_err_format(ts, &td_type_IndexError,
                    "Replacement index %" PRId64 " out of range for positional args tuple", idx);
      return 0;
    }
    obj = td_newref(fa.pos[idx]);
  } else {
    obj = 0;
    int64_t n = fa.kwnames ? fa.kwnames->size : 0;
    for (int64_t k = 0; k < n; ++k)
      if (td_str_view(fa.kwnames->items[k]) == head) obj = td_newref(fa.kwvals[k]);
    if (!obj) {
      TdValue key = td_str_from(ts, head);
      if (key) {
        td_err_key(ts, key);
        td_decref(key);
      }
      return 0;
    }
  }
  // Attribute and index accessors.
  size_t i = end;
  while (obj && i != std::string_view::npos && i < field.size()) {
    if (field[i] == '.') {
      size_t e = field.find_first_of(".[", i + 1);
      std::string_view name = field.substr(i + 1, e == std::string_view::npos ? e : e - i - 1);
      TdValue nm = td_str_from(ts, name);
      TdValue next = nm ? td_getattr(ts, obj, nm) : 0;
      td_decref(nm);
      td_decref(obj);
      obj = next;
      i = e;
    } else {
      size_t e = field.find(']', i);
      if (e == std::string_view::npos) {
        td_decref(obj);
        td_err_set(ts, &td_type_ValueError, "Missing ']' in format string");
        return 0;
      }
      std::string_view key = field.substr(i + 1, e - i - 1);
      bool numeric = !key.empty() && key.find_first_not_of("0123456789") == std::string_view::npos;
      TdValue k = numeric ? td_int_from_cstr(ts, std::string(key).c_str(), 10) : td_str_from(ts, key);
      TdValue next = k ? td_getitem(ts, obj, k) : 0;
      td_decref(k);
      td_decref(obj);
      obj = next;
      i = e + 1;
    }
  }
  return obj;
}

bool format_into(TdThread *ts, std::string_view fmt, FormatArgs &fa, std::string &out,
                 int depth) {
  if (depth > 2) {
    td_err_set(ts, &td_type_ValueError, "Max string recursion exceeded");
    return false;
  }
  size_t i = 0, n = fmt.size();
  while (i < n) {
    char c = fmt[i];
    if (c == '}') {
      if (i + 1 < n && fmt[i + 1] == '}') {
        out.push_back('}');
        i += 2;
        continue;
      }
      td_err_set(ts, &td_type_ValueError, "Single '}' encountered in format string");
      return false;
    }
    if (c != '{') {
      out.push_back(c);
      ++i;
      continue;
    }
    if (i + 1 < n && fmt[i + 1] == '{') {
      out.push_back('{');
      i += 2;
      continue;
    }
    // Find the matching '}' (nested braces allowed in the spec).
    size_t j = i + 1;
    int level = 1;
    while (j < n) {
      if (fmt[j] == '{') ++level;
      if (fmt[j] == '}' && --level == 0) break;
      ++j;
    }
    if (j >= n) {
      td_err_set(ts, &td_type_ValueError,
                 i + 1 >= n ? "Single '{' encountered in format string"
                            : "expected '}' before end of string");
      return false;
    }
    std::string_view field = fmt.substr(i + 1, j - i - 1);
    i = j + 1;
    // field_name ['!' conversion] [':' spec]; brackets may contain ':' '!'
    size_t k = 0;
    while (k < field.size() && field[k] != '!' && field[k] != ':') {
      if (field[k] == '[') {
        size_t e = field.find(']', k);
        k = e == std::string_view::npos ? field.size() : e;
      }
      ++k;
    }
    std::string_view name = field.substr(0, std::min(k, field.size()));
    char conv = 0;
    std::string_view specText;
    if (k < field.size() && field[k] == '!') {
      if (k + 1 >= field.size()) {
        td_err_set(ts, &td_type_ValueError,
                   "end of string while looking for conversion specifier");
        return false;
      }
      conv = field[k + 1];
      k += 2;
      if (k < field.size() && field[k] != ':') {
        td_err_set(ts, &td_type_ValueError, "expected ':' after conversion specifier");
        return false;
      }
    }
    if (k < field.size() && field[k] == ':') specText = field.substr(k + 1);
    TdRef value(resolve_field(ts, name, fa));
    if (!value) return false;
    if (conv) {
      TdValue cv;
      if (conv == 'r')
        cv = td_repr(ts, value.get());
      else if (conv == 's')
        cv = td_str(ts, value.get());
      else if (conv == 'a')
        cv = td_ascii(ts, value.get());
      else {
        td_err_format(ts, &td_type_ValueError, "Unknown conversion specifier %c", conv);
        return false;
      }
      if (!cv) return false;
      value = TdRef(cv);
    }
    std::string spec;
    if (specText.find('{') != std::string_view::npos) {
      if (!format_into(ts, specText, fa, spec, depth + 1)) return false;
    } else {
      spec = std::string(specText);
    }
    if (spec.empty() && td_is_str(value.get())) {
      out += td_str_view(value.get());
      continue;
    }
    TdRef specv(td_str_from(ts, spec));
    if (!specv) return false;
    TdRef r(td_format(ts, value.get(), specv.get()));
    if (!r) return false;
    out += td_str_view(r.get());
  }
  return true;
}

} // namespace

TdValue td_str_format_method(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs,
                             TdValue kwnames) {
  int64_t nkw = kwnames ? td_as_tuple(kwnames)->size : 0;
  FormatArgs fa{args, nargs - nkw, args + (nargs - nkw),
                kwnames ? td_as_tuple(kwnames) : nullptr};
  std::string out;
  if (!format_into(ts, td_str_view(self), fa, out, 0)) return 0;
  return td_str_from(ts, out);
}

// ---------------------------------------------------------------------------
// printf-style: str % args
// ---------------------------------------------------------------------------

TdValue td_str_mod(TdThread *ts, TdValue fmtv, TdValue args) {
  std::string_view fmt = td_str_view(fmtv);
  const TdValue *items = &args;
  int64_t nitems = 1;
  bool isTuple = td_is_tuple(args);
  if (isTuple) {
    items = td_as_tuple(args)->items;
    nitems = td_as_tuple(args)->size;
  }
  bool mapping = !isTuple && !td_is_str(args) && td_is_dict(args);
  int64_t next = 0;
  std::string out;
  auto take = [&]() -> TdValue {
    if (next >= nitems) {
      td_err_set(ts, &td_type_TypeError, "not enough arguments for format string");
      return 0;
    }
    return items[next++];
  };
  bool usedMapping = false;
  size_t i = 0, n = fmt.size();
  while (i < n) {
    size_t pct = fmt.find('%', i);
    if (pct == std::string_view::npos) {
      out += fmt.substr(i);
      break;
    }
    out += fmt.substr(i, pct - i);
    i = pct + 1;
    if (i >= n) {
      td_err_set(ts, &td_type_ValueError, "incomplete format");
      return 0;
    }
    TdValue arg = 0;
    TdRef keyed;
    if (fmt[i] == '(') {
      size_t close = fmt.find(')', i);
      if (close == std::string_view::npos) {
        td_err_set(ts, &td_type_ValueError, "incomplete format key");
        return 0;
      }
      if (!mapping) {
        td_err_set(ts, &td_type_TypeError, "format requires a mapping");
        return 0;
      }
      TdRef key(td_str_from(ts, fmt.substr(i + 1, close - i - 1)));
      if (!key) return 0;
      keyed = TdRef(td_getitem(ts, args, key.get()));
      if (!keyed) return 0;
      arg = keyed.get();
      usedMapping = true;
      i = close + 1;
    }
    bool left = false, plus = false, space = false, alt = false, zero = false;
    for (; i < n; ++i) {
      char c = fmt[i];
      if (c == '-') left = true;
      else if (c == '+') plus = true;
      else if (c == ' ') space = true;
      else if (c == '#') alt = true;
      else if (c == '0') zero = true;
      else break;
    }
    int64_t width = -1, prec = -1;
    auto number = [&](int64_t &dst) -> bool {
      if (i < n && fmt[i] == '*') {
        ++i;
        TdValue w = take();
        if (!w) return false;
        if (!td_is_int(w)) {
          td_err_set(ts, &td_type_TypeError, "* wants int");
          return false;
        }
        return td_index(ts, w, &dst);
      }
      if (i < n && std::isdigit(uint8_t(fmt[i]))) {
        dst = 0;
        while (i < n && std::isdigit(uint8_t(fmt[i]))) dst = dst * 10 + (fmt[i++] - '0');
      }
      return true;
    };
    if (!number(width)) return 0;
    if (width < -1) {
      left = true;
      width = -width;
    }
    if (i < n && fmt[i] == '.') {
      ++i;
      prec = 0;
      if (!number(prec)) return 0;
    }
    while (i < n && (fmt[i] == 'h' || fmt[i] == 'l' || fmt[i] == 'L')) ++i;
    if (i >= n) {
      td_err_set(ts, &td_type_ValueError, "incomplete format");
      return 0;
    }
    char type = fmt[i++];
    if (type == '%') {
      out.push_back('%');
      continue;
    }
    if (!arg) {
      if (mapping && !isTuple) {
        arg = args;
      } else {
        arg = take();
        if (!arg) return 0;
      }
    }
    std::string prefix, body;
    bool numeric = false;
    switch (type) {
    case 's':
    case 'r':
    case 'a': {
      TdRef s(type == 's' ? td_str(ts, arg) : type == 'r' ? td_repr(ts, arg) : td_ascii(ts, arg));
      if (!s) return 0;
      std::string_view sv = td_str_view(s.get());
      if (prec >= 0 && cp_count(sv) > prec) {
        size_t b = 0;
        for (int64_t k = 0; k < prec; ++k) b += utf8_len(uint8_t(sv[b]));
        sv = sv.substr(0, b);
      }
      body = std::string(sv);
      break;
    }
    case 'd':
    case 'i':
    case 'u':
    case 'x':
    case 'X':
    case 'o': {
      numeric = true;
      TdRef iv;
      if (td_is_int(arg)) {
        iv = TdRef(td_newref(arg));
      } else if (td_is_float(arg) && (type == 'd' || type == 'i' || type == 'u')) {
        iv = TdRef(td_type_int.construct(ts, td_val(&td_type_int), &arg, 1, 0));
        if (!iv) return 0;
      } else {
        if (type == 'd' || type == 'i' || type == 'u')
          td_err_format(ts, &td_type_TypeError, "%%%c format: a real number is required, not %s",
                        type, td_type_name(arg));
        else
          td_err_format(ts, &td_type_TypeError, "%%%c format: an integer is required, not %s",
                        type, td_type_name(arg));
        return 0;
      }
      bool neg;
      int base = type == 'o' ? 8 : (type == 'x' || type == 'X') ? 16 : 10;
      body = td_int_digits(iv.get(), base, &neg);
      if (type == 'X')
        for (char &c : body) c = char(std::toupper(uint8_t(c)));
      if (prec >= 0 && int64_t(body.size()) < prec) body.insert(0, size_t(prec) - body.size(), '0');
      prefix = neg ? "-" : plus ? "+" : space ? " " : "";
      if (alt && base != 10) prefix += type == 'o' ? "0o" : type == 'x' ? "0x" : "0X";
      break;
    }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': {
      numeric = true;
      double d;
      if (td_is_float(arg)) {
        d = td_float_val(arg);
      } else if (td_is_int(arg)) {
        if (!td_int_to_double(ts, arg, &d)) return 0;
      } else {
        td_err_format(ts, &td_type_TypeError, "must be real number, not %s", td_type_name(arg));
        return 0;
      }
      bool neg = std::signbit(d) && !std::isnan(d);
      std::string s = td_format_double(std::fabs(d), type, prec < 0 ? 6 : int(prec), alt);
      if (type == 'E' || type == 'F' || type == 'G')
        for (char &c : s) c = char(std::toupper(uint8_t(c)));
      body = s;
      prefix = neg ? "-" : plus ? "+" : space ? " " : "";
      if (std::isnan(d) || std::isinf(d)) zero = false;
      break;
    }
    case 'c': {
      if (td_is_str(arg) && td_as_str(arg)->length == 1) {
        body = std::string(td_str_view(arg));
      } else if (td_is_int(arg)) {
        int64_t cp;
        if (!td_int_to_i64(ts, arg, &cp) || cp < 0 || cp > 0x10ffff) {
          td_err_clear(ts);
          td_err_set(ts, &td_type_OverflowError, "%c arg not in range(0x110000)");
          return 0;
        }
        TdRef ch(char_from_cp(ts, cp));
        if (!ch) return 0;
        body = std::string(td_str_view(ch.get()));
      } else {
        td_err_format(ts, &td_type_TypeError, "%%c requires int or char");
        return 0;
      }
      break;
    }
    default:
      td_err_format(ts, &td_type_ValueError,
                    "unsupported format character '%c' (0x%x) at index %zu", type, uint8_t(type),
                    i - 1);
      return 0;
    }
    int64_t len = cp_count(prefix) + cp_count(body);
    if (width > len) {
      size_t padn = size_t(width - len);
      if (left)
        out += prefix + body + std::string(padn, ' ');
      else if (zero && numeric)
        out += prefix + std::string(padn, '0') + body;
      else
        out += std::string(padn, ' ') + prefix + body;
    } else {
      out += prefix;
      out += body;
    }
  }
  if (next < nitems && !usedMapping && !(mapping && !isTuple)) {
    td_err_set(ts, &td_type_TypeError, "not all arguments converted during string formatting");
    return 0;
  }
  return td_str_from(ts, out);
}
