// float.cpp — Python's float: a boxed IEEE double.
//
// repr: CPython prints the shortest digit string that reads back to the same
// double, in positional notation when the decimal exponent is in [-4, 16) and
// in scientific notation otherwise, always with a '.0' or an exponent so the
// text reads back as a float.  std::to_chars(double, scientific) gives those
// shortest digits (Ryu-style, exact), and td_float_repr lays them out.
// Rejected: printf("%.17g") (not shortest: repr(0.1) would be
// 0.10000000000000001) and trying %.15g/%.16g/%.17g in turn (slow, and not
// always the shortest).
//
// Arithmetic mixes with ints (an int operand is converted with one correct
// rounding, OverflowError if too big); // and % follow Python's sign rules;
// comparisons with ints are exact (td_int_cmp_double).  The hash is CPython's:
// the value reduced modulo 2^61 - 1, so hash(2.0) == hash(2).
//
// Known difference: a negative number to a fractional power is complex in
// CPython; tide has no complex type and returns nan (docs/differences.md).
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "containers.h"
#include "unicode.h"
#include "values.h"

// ---------------------------------------------------------------------------
// Boxing
// ---------------------------------------------------------------------------

TdValue td_float_from(TdThread *ts, double d) {
  auto *f = reinterpret_cast<TdFloat *>(td_alloc_object(&td_type_float, sizeof(TdFloat)));
  if (!f) return td_err_nomem(ts);
  f->value = d;
  return td_val(f);
}

extern "C" TdValue td_float_new(TdThread *ts, double d) { return td_float_from(ts, d); }

bool td_is_float(TdValue v) { return !td_is_small(v) && td_obj(v)->type == &td_type_float; }

double td_float_val(TdValue v) { return reinterpret_cast<TdFloat *>(v)->value; }

bool td_number_to_double(TdThread *ts, TdValue v, double *out) {
  if (td_is_float(v)) {
    *out = td_float_val(v);
    return true;
  }
  if (td_is_int(v)) return td_int_to_double(ts, v, out);
  td_err_format(ts, &td_type_TypeError, "must be real number, not %s", td_type_name(v));
  return false;
}

// ---------------------------------------------------------------------------
// repr
// ---------------------------------------------------------------------------

std::string td_float_repr(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  // buf: [-]D[.DDD]e(+|-)XX
  std::string_view s(buf, res.ptr - buf);
  bool neg = s[0] == '-';
  if (neg) s.remove_prefix(1);
  size_t e = s.find('e');
  std::string digits;
  for (char c : s.substr(0, e))
    if (c != '.') digits.push_back(c);
  int exp = std::atoi(std::string(s.substr(e + 1)).c_str());
  std::string out = neg ? "-" : "";
  int nd = int(digits.size());
  if (exp < -4 || exp >= 16) {
    out += digits[0];
    if (nd > 1) {
      out += '.';
      out.append(digits, 1);
    }
    char eb[16];
    std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    out += eb;
  } else if (exp < 0) {
    out += "0.";
    out.append(size_t(-exp - 1), '0');
    out += digits;
  } else if (nd <= exp + 1) {
    out += digits;
    out.append(size_t(exp + 1 - nd), '0');
    out += ".0";
  } else {
    out.append(digits, 0, size_t(exp + 1));
    out += '.';
    out.append(digits, size_t(exp + 1));
  }
  return out;
}

static TdValue float_repr(TdThread *ts, TdValue v) {
  return td_str_from_ascii(ts, td_float_repr(td_float_val(v)));
}

// ---------------------------------------------------------------------------
// hash
// ---------------------------------------------------------------------------

int64_t td_hash_double(double d, TdValue forNan) {
  constexpr int kBits = 61;
  constexpr uint64_t kMod = (uint64_t(1) << kBits) - 1;
  if (std::isinf(d)) return d > 0 ? 314159 : -314159;
  if (std::isnan(d)) {
    uint64_t y = uint64_t(forNan);
    return int64_t((y >> 4) | (y << 60)) & INT64_MAX;
  }
  int e;
  double m = std::frexp(d, &e);
  int sign = 1;
  if (m < 0) {
    sign = -1;
    m = -m;
  }
  // Consume the mantissa 28 bits at a time, reducing modulo 2^61 - 1 (where
  // multiplying by 2^k is a rotation of the 61-bit value).
  uint64_t x = 0;
  while (m) {
    x = ((x << 28) & kMod) | x >> (kBits - 28);
    m *= 268435456.0; // 2**28
    e -= 28;
    uint64_t y = uint64_t(m);
    m -= double(y);
    x += y;
    if (x >= kMod) x -= kMod;
  }
  e = e >= 0 ? e % kBits : kBits - 1 - ((-1 - e) % kBits);
  x = ((x << e) & kMod) | x >> (kBits - e);
  int64_t h = int64_t(x) * sign;
  return h == -1 ? -2 : h;
}

static int64_t float_hash(TdThread *, TdValue v) { return td_hash_double(td_float_val(v), v); }

// ---------------------------------------------------------------------------
// Arithmetic
// ---------------------------------------------------------------------------

// Loads a float or int operand; false with *notImpl for other types, false
// with an error set for an int too large.
static bool operand(TdThread *ts, TdValue v, double *out, bool *notImpl) {
  if (td_is_float(v)) {
    *out = td_float_val(v);
    return true;
  }
  if (td_is_int(v)) return td_int_to_double(ts, v, out);
  *notImpl = true;
  return false;
}

static TdValue zero_division(TdThread *ts, const char *msg) {
  td_err_set(ts, &td_type_ZeroDivisionError, msg);
  return 0;
}

static bool is_odd_integer(double y) { return std::fmod(std::fabs(y), 2.0) == 1.0; }

static TdValue float_pow(TdThread *ts, double x, double y) {
  if (y == 0) return td_float_from(ts, 1.0);
  if (std::isnan(x)) return td_float_from(ts, x == 1.0 ? 1.0 : x);
  if (std::isnan(y)) return td_float_from(ts, x == 1.0 ? 1.0 : y);
  if (x == 0.0) {
    if (y < 0) return zero_division(ts, "0.0 cannot be raised to a negative power");
    return td_float_from(ts, is_odd_integer(y) ? x : 0.0);
  }
  if (std::isinf(x) || std::isinf(y)) return td_float_from(ts, std::pow(x, y));
  if (x < 0 && y != std::floor(y)) // complex in CPython
    return td_float_from(ts, std::nan(""));
  double r = std::pow(x, y);
  if (std::isinf(r)) {
    td_err_set(ts, &td_type_OverflowError, "(34, 'Numerical result out of range')");
    return 0;
  }
  return td_float_from(ts, r);
}

static TdValue float_binop(TdThread *ts, int op, TdValue a, TdValue b) {
  double x, y;
  bool notImpl = false;
  if (!operand(ts, a, &x, &notImpl) || !operand(ts, b, &y, &notImpl))
    return notImpl ? td_val(&td_NotImplemented) : 0;
  switch (op) {
  case TD_OP_ADD: return td_float_from(ts, x + y);
  case TD_OP_SUB: return td_float_from(ts, x - y);
  case TD_OP_MUL: return td_float_from(ts, x * y);
  case TD_OP_TRUEDIV:
    if (y == 0) return zero_division(ts, "float division by zero");
    return td_float_from(ts, x / y);
  case TD_OP_FLOORDIV:
  case TD_OP_MOD: {
    if (y == 0)
      return zero_division(ts, op == TD_OP_MOD ? "float modulo" : "float floor division by zero");
    double mod = std::fmod(x, y);
    double div = (x - mod) / y;
    if (mod) {
      if ((y < 0) != (mod < 0)) {
        mod += y;
        div -= 1.0;
      }
    } else {
      mod = std::copysign(0.0, y);
    }
    if (op == TD_OP_MOD) return td_float_from(ts, mod);
    double floordiv;
    if (div) {
      floordiv = std::floor(div);
      if (div - floordiv > 0.5) floordiv += 1.0;
    } else {
      floordiv = std::copysign(0.0, x / y);
    }
    return td_float_from(ts, floordiv);
  }
  case TD_OP_POW: return float_pow(ts, x, y);
  default: return td_val(&td_NotImplemented);
  }
}

static TdValue float_unary(TdThread *ts, int op, TdValue a) {
  double x = td_float_val(a);
  switch (op) {
  case TD_UOP_NEG: return td_float_from(ts, -x);
  case TD_UOP_POS: return td_newref(a);
  default: return td_val(&td_NotImplemented);
  }
}

static TdValue float_richcompare(TdThread *, TdValue a, TdValue b, int op) {
  double x = td_float_val(a);
  int c;
  if (td_is_float(b)) {
    double y = td_float_val(b);
    if (std::isnan(x) || std::isnan(y)) return td_bool(op == TD_CMP_NE);
    c = (x > y) - (x < y);
  } else if (td_is_int(b)) {
    c = td_int_cmp_double(b, x);
    if (c == 2) return td_bool(op == TD_CMP_NE);
    c = -c;
  } else {
    return td_val(&td_NotImplemented);
  }
  switch (op) {
  case TD_CMP_EQ: return td_bool(c == 0);
  case TD_CMP_NE: return td_bool(c != 0);
  case TD_CMP_LT: return td_bool(c < 0);
  case TD_CMP_LE: return td_bool(c <= 0);
  case TD_CMP_GT: return td_bool(c > 0);
  default: return td_bool(c >= 0);
  }
}

static int float_truthy(TdThread *, TdValue v) { return td_float_val(v) != 0.0; }

// ---------------------------------------------------------------------------
// float('...')
// ---------------------------------------------------------------------------

static bool ieq(std::string_view a, const char *b) {
  if (a.size() != std::strlen(b)) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if ((a[i] | 0x20) != b[i]) return false;
  return true;
}

// Reads digits with single underscores between them into `out`; returns the
// number of digits read (0 if none or a misplaced underscore).
static size_t read_digits(std::string_view s, size_t &i, std::string &out, bool *bad) {
  size_t n = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      out.push_back(c);
      ++n;
      ++i;
    } else if (c == '_' && n && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9') {
      ++i;
    } else {
      break;
    }
  }
  if (i < s.size() && s[i] == '_') *bad = true;
  return n;
}

bool td_parse_float(std::string_view s, double *out) {
  auto isspace = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (!s.empty() && isspace(s.front())) s.remove_prefix(1);
  while (!s.empty() && isspace(s.back())) s.remove_suffix(1);
  if (s.empty()) return false;
  std::string clean;
  size_t i = 0;
  bool neg = false;
  if (s[0] == '+' || s[0] == '-') {
    neg = s[0] == '-';
    ++i;
  }
  std::string_view rest = s.substr(i);
  if (ieq(rest, "inf") || ieq(rest, "infinity")) {
    *out = neg ? -HUGE_VAL : HUGE_VAL;
    return true;
  }
  if (ieq(rest, "nan")) {
    *out = neg ? -std::nan("") : std::nan("");
    return true;
  }
  if (neg) clean.push_back('-');
  bool bad = false;
  size_t intDigits = read_digits(s, i, clean, &bad);
  size_t fracDigits = 0;
  if (i < s.size() && s[i] == '.') {
    clean.push_back('.');
    ++i;
    fracDigits = read_digits(s, i, clean, &bad);
  }
  if (bad || (intDigits == 0 && fracDigits == 0)) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    clean.push_back('e');
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) clean.push_back(s[i++]);
    if (read_digits(s, i, clean, &bad) == 0 || bad) return false;
  }
  if (i != s.size()) return false;
  *out = std::strtod(clean.c_str(), nullptr);
  return true;
}

static TdValue float_construct(TdThread *ts, TdValue, const TdValue *args, int64_t nargs,
                               TdValue kwnames) {
  TdValue a[1];
  if (!td_parse_args(ts, "float", args, nargs, kwnames, nullptr, 0, 1, a)) return 0;
  TdValue x = a[0];
  if (!x) return td_float_from(ts, 0.0);
  if (td_is_float(x)) return td_newref(x);
  double d;
  if (td_is_int(x)) {
    if (!td_int_to_double(ts, x, &d)) return 0;
    return td_float_from(ts, d);
  }
  if (td_is_str(x) || td_type_of(x) == &td_type_bytes) {
    std::string_view s = td_is_str(x) ? td_str_view(x)
                                      : std::string_view(reinterpret_cast<TdBytes *>(x)->data,
                                                         reinterpret_cast<TdBytes *>(x)->size);
    std::string ascii; // a str's non-ASCII digits and spaces, as CPython reads them
    if (td_is_str(x) && !td_as_str(x)->ascii && td_uni_numeric_ascii(s, ascii)) s = ascii;
    if (td_parse_float(s, &d)) return td_float_from(ts, d);
    std::string r;
    if (!td_repr_to(ts, x, r)) return 0;
    td_err_format(ts, &td_type_ValueError, "could not convert string to float: %s", r.c_str());
    return 0;
  }
  if (td_type_of(x)->flags & TD_TF_HEAPTYPE) {
    TdValue name = td_str_from(ts, "__float__");
    if (!name) return 0;
    TdValue r = td_call_method(ts, x, name, nullptr, 0, 0);
    td_decref(name);
    if (r || !td_err_is(ts, &td_type_AttributeError)) return r;
    td_err_clear(ts);
  }
  td_err_format(ts, &td_type_TypeError, "float() argument must be a string or a real number, not '%s'",
                td_type_name(x));
  return 0;
}

// ---------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------

static TdValue float_is_integer(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs,
                                TdValue kwnames) {
  if (!td_parse_args(ts, "float.is_integer", args, nargs, kwnames, nullptr, 0, 0, nullptr))
    return 0;
  double x = td_float_val(self);
  return td_bool(std::isfinite(x) && x == std::floor(x));
}

// int(math.floor/ceil/trunc(x)) and round(x) with no digits.
static TdValue float_to_int(TdThread *ts, double d) {
  TdValue fv = td_float_from(ts, d);
  if (!fv) return 0;
  TdValue r = td_type_int.construct(ts, td_val(&td_type_int), &fv, 1, 0);
  td_decref(fv);
  return r;
}

static TdValue float_trunc(TdThread *ts, TdValue self, const TdValue *, int64_t, TdValue) {
  return float_to_int(ts, std::trunc(td_float_val(self)));
}
static TdValue float_floor(TdThread *ts, TdValue self, const TdValue *, int64_t, TdValue) {
  return float_to_int(ts, std::floor(td_float_val(self)));
}
static TdValue float_ceil(TdThread *ts, TdValue self, const TdValue *, int64_t, TdValue) {
  return float_to_int(ts, std::ceil(td_float_val(self)));
}

// round(x) → int, half to even; round(x, n) → float rounded to n decimals,
// deciding ties on the exact binary value (as CPython does) — glibc's printf
// is exact, so formatting to n places and reading back gives that.
static TdValue float_round(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs,
                           TdValue kwnames) {
  TdValue a[1];
  if (!td_parse_args(ts, "float.__round__", args, nargs, kwnames, nullptr, 0, 1, a)) return 0;
  double x = td_float_val(self);
  if (!a[0] || td_is_none(a[0])) {
    double r = std::nearbyint(x);
    return float_to_int(ts, r);
  }
  int64_t nd;
  if (!td_index(ts, a[0], &nd)) return 0;
  if (!std::isfinite(x) || x == 0.0) return td_float_from(ts, x);
  if (nd > 323) return td_float_from(ts, x);
  if (nd < -308) return td_float_from(ts, std::copysign(0.0, x));
  double r;
  if (nd >= 0) {
    std::string buf(size_t(nd) + 400, '\0');
    std::snprintf(buf.data(), buf.size(), "%.*f", int(nd), x);
    r = std::strtod(buf.c_str(), nullptr);
  } else {
    // Round x / 10**-nd to an integer, half-even on the exact value.
    double p = std::pow(10.0, double(-nd));
    double y = x / p;
    double z = std::nearbyint(y);
    if (std::fabs(y - z) == 0.5) z = 2.0 * std::nearbyint(y / 2.0);
    r = z * p;
    if (std::isinf(r)) {
      td_err_set(ts, &td_type_OverflowError, "rounded value too large to represent");
      return 0;
    }
  }
  return td_float_from(ts, r);
}

static TdValue float_as_integer_ratio(TdThread *ts, TdValue self, const TdValue *args,
                                      int64_t nargs, TdValue kwnames) {
  if (!td_parse_args(ts, "float.as_integer_ratio", args, nargs, kwnames, nullptr, 0, 0, nullptr))
    return 0;
  double x = td_float_val(self);
  if (std::isinf(x)) {
    td_err_set(ts, &td_type_OverflowError, "cannot convert Infinity to integer ratio");
    return 0;
  }
  if (std::isnan(x)) {
    td_err_set(ts, &td_type_ValueError, "cannot convert NaN to integer ratio");
    return 0;
  }
  int e;
  double m = std::frexp(x, &e);
  for (int i = 0; i < 300 && m != std::floor(m); ++i) {
    m *= 2.0;
    --e;
  }
  mpz_t num, den;
  mpz_init_set_d(num, m);
  mpz_init_set_ui(den, 1);
  if (e > 0)
    mpz_mul_2exp(num, num, e);
  else
    mpz_mul_2exp(den, den, -e);
  TdValue items[2] = {td_int_from_mpz(ts, num), td_int_from_mpz(ts, den)};
  mpz_clear(num);
  mpz_clear(den);
  if (!items[0] || !items[1]) {
    td_decref(items[0]);
    td_decref(items[1]);
    return 0;
  }
  return td_build_tuple(ts, items, 2);
}

static TdValue float_conjugate(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs,
                               TdValue kwnames) {
  if (!td_parse_args(ts, "float.conjugate", args, nargs, kwnames, nullptr, 0, 0, nullptr))
    return 0;
  return td_newref(self);
}

static const TdMethodDef float_methods[] = {
    {"is_integer", float_is_integer},
    {"as_integer_ratio", float_as_integer_ratio},
    {"conjugate", float_conjugate},
    {"__trunc__", float_trunc},
    {"__floor__", float_floor},
    {"__ceil__", float_ceil},
    {"__round__", float_round},
    {"__int__", float_trunc},
    {"__float__", float_conjugate},
    {nullptr, nullptr},
};

TdType td_type_float = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "float",
    .base = &td_type_object,
    .flags = TD_TF_BASETYPE,
    .dealloc = td_free_object,
    .repr = float_repr,
    .str = nullptr,
    .hash = float_hash,
    .richcompare = float_richcompare,
    .truthy = float_truthy,
    .len = nullptr,
    .binop = float_binop,
    .inplace = nullptr,
    .unary = float_unary,
    .construct = float_construct,
    .format = td_format_float,
    .methods = float_methods,
};
