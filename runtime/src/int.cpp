// int.cpp — Python's int: small ints inline in the word, big ints in GMP.
//
// Glossary
//   small    an int in [-2^62, 2^62) stored in the TdValue itself (abi.h).
//   big      a TdBigInt (values.h) holding an mpz_t, only for values outside
//            the small range.  Every operation normalises its result
//            (td_int_from_mpz), so "small" and "big" never overlap and
//            equality of two small ints is word equality.
//   bool     True/False are ints too; td_int_small_value reads them as 1/0.
//
// Design: each operation first tries the small × small case with plain
// 64-bit arithmetic (sums of two 63-bit values cannot overflow int64; products
// use __builtin_mul_overflow), and only then loads operands into mpz
// temporaries.  Rejected: a hand-written bignum (GMP is faster and proven) and
// keeping a cache of boxed ints (small ints are never boxed at all).
//
// Python semantics kept here: floor division and modulo round toward -inf;
// true division is correctly rounded even for huge operands; int ** negative
// int is a float; hashes reduce modulo 2^61 - 1 so that hash(n) == hash(float(n));
// str(int) refuses more than 4300 digits (CPython 3.11's default limit).
#include <cinttypes>
#include <cmath>
#include <charconv>
#include <cstdlib>
#include <string>

#include "containers.h"
#include "unicode.h"
#include "values.h"

namespace {

constexpr int kMaxStrDigits = 4300;       // sys.get_int_max_str_digits() default
constexpr uint64_t kHashModulus = (uint64_t(1) << 61) - 1;

// An mpz_t that clears itself.
struct Mpz {
  mpz_t z;
  Mpz() { mpz_init(z); }
  explicit Mpz(TdValue v) {
    mpz_init(z);
    td_int_to_mpz(v, z);
  }
  ~Mpz() { mpz_clear(z); }
  Mpz(const Mpz &) = delete;
  Mpz &operator=(const Mpz &) = delete;
};

TdBigInt *as_big(TdValue v) { return reinterpret_cast<TdBigInt *>(v); }

void big_dealloc(TdObject *o) {
  mpz_clear(reinterpret_cast<TdBigInt *>(o)->z);
  td_free_object(o);
}

bool is_int(TdValue v) {
  if (td_is_small(v)) return true;
  TdType *t = td_obj(v)->type;
  return t == &td_type_int || t == &td_type_bool;
}

TdValue not_implemented() { return td_val(&td_NotImplemented); }

// a / b correctly rounded (round-half-even), for any ints; b != 0.
TdValue true_divide(TdThread *ts, const mpz_t a, const mpz_t b) {
  // Exact operands up to 2^53 divide exactly as doubles in one rounding.
  if (mpz_sizeinbase(a, 2) <= 53 && mpz_sizeinbase(b, 2) <= 53)
    return td_float_from(ts, mpz_get_d(a) / mpz_get_d(b));
  bool neg = (mpz_sgn(a) < 0) != (mpz_sgn(b) < 0);
  Mpz x, y, q, r;
  mpz_abs(x.z, a);
  mpz_abs(y.z, b);
  if (mpz_sgn(x.z) == 0) return td_float_from(ts, neg ? -0.0 : 0.0);
  // Scale so the quotient has 55 or 56 bits, then fold the remainder into a
  // sticky bit: converting that to double rounds exactly once, correctly.
  long shift = 55 - (long(mpz_sizeinbase(x.z, 2)) - long(mpz_sizeinbase(y.z, 2)));
  if (shift > 0)
    mpz_mul_2exp(x.z, x.z, shift);
  else if (shift < 0)
    mpz_mul_2exp(y.z, y.z, -shift);
  mpz_tdiv_qr(q.z, r.z, x.z, y.z);
  uint64_t qq = mpz_get_ui(q.z);
  if (mpz_sgn(r.z)) qq |= 1;
  if (-shift > 2000) {
    td_err_set(ts, &td_type_OverflowError, "integer division result too large for a float");
    return 0;
  }
  double d = std::ldexp(double(qq), int(-shift));
  if (std::isinf(d)) {
    td_err_set(ts, &td_type_OverflowError, "integer division result too large for a float");
    return 0;
  }
  return td_float_from(ts, neg ? -d : d);
}

TdValue zero_division(TdThread *ts, const char *msg) {
  td_err_set(ts, &td_type_ZeroDivisionError, msg);
  return 0;
}

TdValue float_pow(TdThread *ts, TdValue a, TdValue b) {
  double x, y;
  if (!td_int_to_double(ts, a, &x) || !td_int_to_double(ts, b, &y)) return 0;
  if (x == 0.0 && y < 0)
    return zero_division(ts, "0.0 cannot be raised to a negative power");
  return td_float_from(ts, std::pow(x, y));
}

// The general (big) path of every binary operation.
TdValue big_binop(TdThread *ts, int op, TdValue a, TdValue b) {
  Mpz x(a), y(b), r;
  switch (op) {
  case TD_OP_ADD: mpz_add(r.z, x.z, y.z); break;
  case TD_OP_SUB: mpz_sub(r.z, x.z, y.z); break;
  case TD_OP_MUL: mpz_mul(r.z, x.z, y.z); break;
  case TD_OP_FLOORDIV:
    if (!mpz_sgn(y.z)) return zero_division(ts, "integer division or modulo by zero");
    mpz_fdiv_q(r.z, x.z, y.z);
    break;
  case TD_OP_MOD:
    if (!mpz_sgn(y.z)) return zero_division(ts, "integer modulo by zero");
    mpz_fdiv_r(r.z, x.z, y.z);
    break;
  case TD_OP_TRUEDIV:
    if (!mpz_sgn(y.z)) return zero_division(ts, "division by zero");
    return true_divide(ts, x.z, y.z);
  case TD_OP_POW: {
    if (mpz_sgn(y.z) < 0) return float_pow(ts, a, b);
    if (!mpz_sgn(y.z)) return td_small(1);
    if (!mpz_cmp_si(x.z, 0) || !mpz_cmp_si(x.z, 1)) return td_small(mpz_get_si(x.z));
    if (!mpz_cmp_si(x.z, -1)) return td_small(mpz_odd_p(y.z) ? -1 : 1);
    if (!mpz_fits_ulong_p(y.z) || mpz_get_ui(y.z) > (1ul << 40)) return td_err_nomem(ts);
    mpz_pow_ui(r.z, x.z, mpz_get_ui(y.z));
    break;
  }
  case TD_OP_LSHIFT:
    if (mpz_sgn(y.z) < 0) {
      td_err_set(ts, &td_type_ValueError, "negative shift count");
      return 0;
    }
    if (!mpz_sgn(x.z)) return td_small(0);
    if (!mpz_fits_ulong_p(y.z) || mpz_get_ui(y.z) > (1ul << 40)) {
      td_err_set(ts, &td_type_OverflowError, "too many digits in integer");
      return 0;
    }
    mpz_mul_2exp(r.z, x.z, mpz_get_ui(y.z));
    break;
  case TD_OP_RSHIFT:
    if (mpz_sgn(y.z) < 0) {
      td_err_set(ts, &td_type_ValueError, "negative shift count");
      return 0;
    }
    if (!mpz_fits_ulong_p(y.z)) return td_small(mpz_sgn(x.z) < 0 ? -1 : 0);
    mpz_fdiv_q_2exp(r.z, x.z, mpz_get_ui(y.z));
    break;
  case TD_OP_AND: mpz_and(r.z, x.z, y.z); break;
  case TD_OP_OR: mpz_ior(r.z, x.z, y.z); break;
  case TD_OP_XOR: mpz_xor(r.z, x.z, y.z); break;
  default: return not_implemented();
  }
  return td_int_from_mpz(ts, r.z);
}

TdValue int_binop(TdThread *ts, int op, TdValue a, TdValue b) {
  int64_t x, y;
  if (!td_int_small_value(a, &x) || !td_int_small_value(b, &y)) {
    if (!is_int(a) || !is_int(b)) return not_implemented();
    return big_binop(ts, op, a, b);
  }
  switch (op) {
  case TD_OP_ADD: return td_int_from_i64(ts, x + y);
  case TD_OP_SUB: return td_int_from_i64(ts, x - y);
  case TD_OP_MUL: {
    int64_t r;
    if (!__builtin_mul_overflow(x, y, &r)) return td_int_from_i64(ts, r);
    return big_binop(ts, op, a, b);
  }
  case TD_OP_FLOORDIV: {
    if (!y) return zero_division(ts, "integer division or modulo by zero");
    int64_t q = x / y;
    if ((x % y) && ((x < 0) != (y < 0))) --q;
    return td_int_from_i64(ts, q);
  }
  case TD_OP_MOD: {
    if (!y) return zero_division(ts, "integer modulo by zero");
    int64_t r = x % y;
    if (r && ((r < 0) != (y < 0))) r += y;
    return td_small(r);
  }
  case TD_OP_TRUEDIV: {
    if (!y) return zero_division(ts, "division by zero");
    constexpr int64_t lim = int64_t(1) << 53;
    if (x > -lim && x < lim && y > -lim && y < lim)
      return td_float_from(ts, double(x) / double(y));
    return big_binop(ts, op, a, b);
  }
  case TD_OP_POW: {
    if (y < 0) return float_pow(ts, a, b);
    int64_t result = 1, base = x, e = y;
    bool overflow = false;
    while (e) {
      if (e & 1) overflow |= __builtin_mul_overflow(result, base, &result);
      e >>= 1;
      if (e) overflow |= __builtin_mul_overflow(base, base, &base);
      if (overflow) break;
    }
    if (!overflow) return td_int_from_i64(ts, result);
    return big_binop(ts, op, a, b);
  }
  case TD_OP_LSHIFT: {
    if (y < 0) {
      td_err_set(ts, &td_type_ValueError, "negative shift count");
      return 0;
    }
    if (y < 64) {
      __int128 r = static_cast<__int128>(x) << y;
      if ((r >> y) == x && r >= TD_SMALL_MIN && r <= TD_SMALL_MAX) return td_small(int64_t(r));
    }
    return big_binop(ts, op, a, b);
  }
  case TD_OP_RSHIFT:
    if (y < 0) {
      td_err_set(ts, &td_type_ValueError, "negative shift count");
      return 0;
    }
    return td_small(y >= 63 ? (x < 0 ? -1 : 0) : (x >> y));
  case TD_OP_AND: return td_small(x & y);
  case TD_OP_OR: return td_small(x | y);
  case TD_OP_XOR: return td_small(x ^ y);
  default: return not_implemented();
  }
}

} // namespace

// ---------------------------------------------------------------------------
// Shared helpers (values.h, object.h)
// ---------------------------------------------------------------------------

void td_int_to_mpz(TdValue v, mpz_t out) {
  int64_t x;
  if (td_int_small_value(v, &x))
    mpz_set_si(out, x);
  else
    mpz_set(out, as_big(v)->z);
}

TdValue td_int_from_mpz(TdThread *ts, const mpz_t z) {
  if (mpz_fits_slong_p(z)) {
    long x = mpz_get_si(z);
    if (td_fits_small(x)) return td_small(x);
  }
  auto *b = reinterpret_cast<TdBigInt *>(td_alloc_object(&td_type_int, sizeof(TdBigInt)));
  if (!b) return td_err_nomem(ts);
  mpz_init_set(b->z, z);
  return td_val(b);
}

TdValue td_int_from_i64(TdThread *ts, int64_t i) {
  if (td_fits_small(i)) return td_small(i);
  auto *b = reinterpret_cast<TdBigInt *>(td_alloc_object(&td_type_int, sizeof(TdBigInt)));
  if (!b) return td_err_nomem(ts);
  mpz_init_set_si(b->z, i);
  return td_val(b);
}

bool td_int_to_i64(TdThread *ts, TdValue v, int64_t *out) {
  if (td_int_small_value(v, out)) return true;
  if (is_int(v) && mpz_fits_slong_p(as_big(v)->z)) {
    *out = mpz_get_si(as_big(v)->z);
    return true;
  }
  td_err_set(ts, &td_type_OverflowError, "Python int too large to convert to C ssize_t");
  return false;
}

bool td_is_int(TdValue v) { return is_int(v); }

bool td_index(TdThread *ts, TdValue v, int64_t *out) {
  if (td_int_small_value(v, out)) return true;
  if (is_int(v)) {
    if (mpz_fits_slong_p(as_big(v)->z)) {
      *out = mpz_get_si(as_big(v)->z);
      return true;
    }
    td_err_format(ts, &td_type_IndexError, "cannot fit 'int' into an index-sized integer");
    return false;
  }
  td_err_format(ts, &td_type_TypeError, "'%s' object cannot be interpreted as an integer",
                td_type_name(v));
  return false;
}

int td_int_sign(TdValue v) {
  int64_t x;
  if (td_int_small_value(v, &x)) return (x > 0) - (x < 0);
  return mpz_sgn(as_big(v)->z);
}

bool td_int_to_double(TdThread *ts, TdValue v, double *out) {
  int64_t x;
  if (td_int_small_value(v, &x)) {
    *out = double(x); // one correct rounding
    return true;
  }
  const mpz_t &z = as_big(v)->z;
  size_t bits = mpz_sizeinbase(z, 2);
  if (bits > 1024) {
    td_err_set(ts, &td_type_OverflowError, "int too large to convert to float");
    return false;
  }
  // Keep the top 55 bits plus a sticky bit for everything below, so the
  // conversion to double rounds once (half-even), like CPython.
  Mpz m;
  mpz_abs(m.z, z);
  unsigned long drop = bits > 55 ? bits - 55 : 0;
  bool sticky = drop && mpz_scan1(m.z, 0) < drop;
  mpz_tdiv_q_2exp(m.z, m.z, drop);
  uint64_t top = mpz_get_ui(m.z) | (sticky ? 1 : 0);
  double d = std::ldexp(double(top), int(drop));
  if (std::isinf(d)) {
    td_err_set(ts, &td_type_OverflowError, "int too large to convert to float");
    return false;
  }
  *out = mpz_sgn(z) < 0 ? -d : d;
  return true;
}

int td_int_cmp_double(TdValue i, double d) {
  if (std::isnan(d)) return 2;
  if (std::isinf(d)) return d > 0 ? -1 : 1;
  int64_t x;
  constexpr int64_t lim = int64_t(1) << 53;
  if (td_int_small_value(i, &x) && x > -lim && x < lim) {
    double xd = double(x);
    return (xd > d) - (xd < d);
  }
  // Compare with trunc(d) exactly, then let the fraction break a tie.
  double t = std::trunc(d);
  Mpz a(i), b;
  mpz_set_d(b.z, t);
  int c = mpz_cmp(a.z, b.z);
  if (c) return c > 0 ? 1 : -1;
  double frac = d - t;
  return frac > 0 ? -1 : frac < 0 ? 1 : 0;
}

int64_t td_hash_mpz(const mpz_t z) {
  uint64_t h = mpz_tdiv_ui(z, kHashModulus); // |z| mod P
  int64_t r = mpz_sgn(z) < 0 ? -int64_t(h) : int64_t(h);
  return r == -1 ? -2 : r;
}

int64_t td_int_hash(TdThread *, TdValue v) {
  int64_t x;
  if (td_int_small_value(v, &x)) {
    uint64_t m = (x < 0 ? uint64_t(-x) : uint64_t(x)) % kHashModulus;
    int64_t r = x < 0 ? -int64_t(m) : int64_t(m);
    return r == -1 ? -2 : r;
  }
  return td_hash_mpz(as_big(v)->z);
}

std::string td_int_digits(TdValue v, int base, bool *negative) {
  int64_t x;
  if (td_int_small_value(v, &x)) {
    *negative = x < 0;
    uint64_t u = x < 0 ? uint64_t(0) - uint64_t(x) : uint64_t(x);
    char buf[72];
    auto res = std::to_chars(buf, buf + sizeof buf, u, base);
    return std::string(buf, res.ptr);
  }
  const mpz_t &z = as_big(v)->z;
  *negative = mpz_sgn(z) < 0;
  Mpz m;
  mpz_abs(m.z, z);
  std::string s(mpz_sizeinbase(m.z, base) + 2, '\0');
  mpz_get_str(s.data(), base, m.z);
  s.resize(std::strlen(s.c_str()));
  return s;
}

// ---------------------------------------------------------------------------
// Slots
// ---------------------------------------------------------------------------

static TdValue int_repr(TdThread *ts, TdValue v) {
  int64_t x;
  if (td_int_small_value(v, &x)) {
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, x);
    return td_str_from_ascii(ts, std::string_view(buf, res.ptr - buf));
  }
  const mpz_t &z = as_big(v)->z;
  // sizeinbase may overshoot by one; check the real length when near.
  if (mpz_sizeinbase(z, 10) > size_t(kMaxStrDigits)) {
    bool neg;
    std::string d = td_int_digits(v, 10, &neg);
    if (d.size() > size_t(kMaxStrDigits)) {
      td_err_format(ts, &td_type_ValueError,
                    "Exceeds the limit (%d digits) for integer string conversion; use "
                    "sys.set_int_max_str_digits() to increase the limit",
                    kMaxStrDigits);
      return 0;
    }
    return td_str_from_ascii(ts, neg ? "-" + d : d);
  }
  std::string s(mpz_sizeinbase(z, 10) + 2, '\0');
  mpz_get_str(s.data(), 10, z);
  s.resize(std::strlen(s.c_str()));
  return td_str_from_ascii(ts, s);
}

TdValue td_int_richcompare(TdThread *ts, TdValue a, TdValue b, int op) {
  int c;
  int64_t x, y;
  if (td_int_small_value(a, &x) && td_int_small_value(b, &y)) {
    c = (x > y) - (x < y);
  } else if (is_int(b)) {
    Mpz p(a), q(b);
    c = mpz_cmp(p.z, q.z);
    c = (c > 0) - (c < 0);
  } else if (td_is_float(b)) {
    c = td_int_cmp_double(a, td_float_val(b));
    if (c == 2) return td_bool(op == TD_CMP_NE);
  } else {
    return not_implemented();
  }
  (void)ts;
  switch (op) {
  case TD_CMP_EQ: return td_bool(c == 0);
  case TD_CMP_NE: return td_bool(c != 0);
  case TD_CMP_LT: return td_bool(c < 0);
  case TD_CMP_LE: return td_bool(c <= 0);
  case TD_CMP_GT: return td_bool(c > 0);
  default: return td_bool(c >= 0);
  }
}

TdValue td_int_unary(TdThread *ts, int op, TdValue a) {
  int64_t x;
  if (td_int_small_value(a, &x)) {
    switch (op) {
    case TD_UOP_NEG: return td_int_from_i64(ts, -x);
    case TD_UOP_POS: return td_small(x);
    case TD_UOP_INVERT: return td_small(~x);
    default: return not_implemented();
    }
  }
  Mpz r;
  switch (op) {
  case TD_UOP_NEG: mpz_neg(r.z, as_big(a)->z); break;
  case TD_UOP_POS: return td_newref(a);
  case TD_UOP_INVERT: mpz_com(r.z, as_big(a)->z); break;
  default: return not_implemented();
  }
  return td_int_from_mpz(ts, r.z);
}

static int int_truthy(TdThread *, TdValue v) { return td_int_sign(v) != 0; }

// ---------------------------------------------------------------------------
// Parsing: int('...'), literals
// ---------------------------------------------------------------------------

static bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

enum class ParseResult { Ok, Invalid, TooLong };

// Python's int() text grammar: optional whitespace and sign, an optional
// base prefix (matching base, or any when base is 0), digits with single
// underscores between them.  *ndigits reports the digit count for the 4300
// limit message.
static ParseResult parse_int_text(TdThread *ts, std::string_view s, int base, TdValue *out,
                                  size_t *ndigits, bool limit = true) {
  size_t i = 0, n = s.size();
  while (i < n && is_ascii_space(s[i])) ++i;
  while (n > i && is_ascii_space(s[n - 1])) --n;
  bool neg = false;
  if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  bool prefixed = false;
  if (i + 1 < n && s[i] == '0') {
    char p = char(s[i + 1] | 0x20);
    int pb = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
    if (pb && (base == 0 || base == pb)) {
      base = pb;
      i += 2;
      prefixed = true;
    }
  }
  bool decimalZeroRule = false;
  if (base == 0) {
    base = 10;
    decimalZeroRule = true; // "010" is not a valid literal
  }
  std::string digits;
  digits.reserve(n - i);
  // An underscore may only follow a digit or the base prefix; the text must
  // end with a digit.
  enum { Start, AfterPrefix, Digit, Underscore } prev = prefixed ? AfterPrefix : Start;
  for (; i < n; ++i) {
    char c = s[i];
    if (c == '_') {
      if (prev != Digit && prev != AfterPrefix) return ParseResult::Invalid;
      prev = Underscore;
      continue;
    }
    if (digit_value(c) >= base) return ParseResult::Invalid;
    digits.push_back(c);
    prev = Digit;
  }
  if (prev != Digit) return ParseResult::Invalid;
  if (decimalZeroRule && digits.size() > 1 && digits[0] == '0' &&
      digits.find_first_not_of('0') != std::string::npos)
    return ParseResult::Invalid;
  *ndigits = digits.size();
  if (limit && (base & (base - 1)) != 0 && digits.size() > size_t(kMaxStrDigits))
    return ParseResult::TooLong;
  if (digits.size() <= 18 && base == 10) {
    int64_t v = 0;
    for (char c : digits) v = v * 10 + (c - '0');
    *out = td_small(neg ? -v : v);
    return ParseResult::Ok;
  }
  Mpz z;
  mpz_set_str(z.z, digits.c_str(), base);
  if (neg) mpz_neg(z.z, z.z);
  *out = td_int_from_mpz(ts, z.z);
  return ParseResult::Ok;
}

// int(text, base) with CPython's errors.
static TdValue int_from_text(TdThread *ts, std::string_view s, int base, TdValue original) {
  std::string ascii; // a str's non-ASCII digits and spaces, as CPython reads them
  if (td_is_str(original) && !td_as_str(original)->ascii && td_uni_numeric_ascii(s, ascii))
    s = ascii;
  TdValue out = 0;
  size_t nd = 0;
  switch (parse_int_text(ts, s, base, &out, &nd)) {
  case ParseResult::Ok: return out;
  case ParseResult::TooLong:
    td_err_format(ts, &td_type_ValueError,
                  "Exceeds the limit (%d digits) for integer string conversion: value has %zu "
                  "digits; use sys.set_int_max_str_digits() to increase the limit",
                  kMaxStrDigits, nd);
    return 0;
  case ParseResult::Invalid: break;
  }
  std::string r;
  if (!td_repr_to(ts, original, r)) return 0;
  if (r.size() > 200) r.resize(200);
  td_err_format(ts, &td_type_ValueError, "invalid literal for int() with base %d: %s", base,
                r.c_str());
  return 0;
}

extern "C" TdValue td_int_from_cstr(TdThread *ts, const char *s, int32_t base) {
  TdValue out = 0;
  size_t nd = 0;
  // Literal digits are not bound by the str conversion limit.
  if (parse_int_text(ts, s, base, &out, &nd, false) == ParseResult::Ok) return out;
  td_err_format(ts, &td_type_ValueError, "invalid integer literal '%s'", s);
  return 0;
}

// int(float): truncation toward zero.
static TdValue int_from_double(TdThread *ts, double d) {
  if (std::isinf(d)) {
    td_err_set(ts, &td_type_OverflowError, "cannot convert float infinity to integer");
    return 0;
  }
  if (std::isnan(d)) {
    td_err_set(ts, &td_type_ValueError, "cannot convert float NaN to integer");
    return 0;
  }
  double t = std::trunc(d);
  if (t > -4e18 && t < 4e18) return td_int_from_i64(ts, int64_t(t));
  Mpz z;
  mpz_set_d(z.z, t);
  return td_int_from_mpz(ts, z.z);
}

static TdValue int_construct(TdThread *ts, TdValue, const TdValue *args, int64_t nargs,
                             TdValue kwnames) {
  static const char *const names[] = {nullptr, "base"};
  TdValue a[2];
  if (!td_parse_args(ts, "int", args, nargs, kwnames, names, 0, 2, a)) return 0;
  TdValue x = a[0];
  if (!x) {
    if (a[1]) {
      td_err_set(ts, &td_type_TypeError, "int() missing string argument");
      return 0;
    }
    return td_small(0);
  }
  if (a[1]) {
    int64_t base;
    if (!td_index(ts, a[1], &base)) return 0;
    if (base != 0 && (base < 2 || base > 36)) {
      td_err_set(ts, &td_type_ValueError, "int() base must be >= 2 and <= 36, or 0");
      return 0;
    }
    if (td_is_str(x)) return int_from_text(ts, td_str_view(x), int(base), x);
    if (td_type_of(x) == &td_type_bytes) {
      auto *b = reinterpret_cast<TdBytes *>(x);
      return int_from_text(ts, std::string_view(b->data, b->size), int(base), x);
    }
    td_err_set(ts, &td_type_TypeError, "int() can't convert non-string with explicit base");
    return 0;
  }
  int64_t i;
  if (td_int_small_value(x, &i)) return td_small(i);
  if (is_int(x)) return td_newref(x);
  if (td_is_float(x)) return int_from_double(ts, td_float_val(x));
  if (td_is_str(x)) return int_from_text(ts, td_str_view(x), 10, x);
  if (td_type_of(x) == &td_type_bytes) {
    auto *b = reinterpret_cast<TdBytes *>(x);
    return int_from_text(ts, std::string_view(b->data, b->size), 10, x);
  }
  if (td_type_of(x)->flags & TD_TF_HEAPTYPE) {
    // A class may define __int__ or __index__.
    for (const char *m : {"__int__", "__index__"}) {
      TdValue name = td_str_from(ts, m);
      if (!name) return 0;
      TdValue r = td_call_method(ts, x, name, nullptr, 0, 0);
      td_decref(name);
      if (r || !td_err_is(ts, &td_type_AttributeError)) {
        if (r && !is_int(r)) {
          td_err_format(ts, &td_type_TypeError, "%s returned non-int (type %s)", m,
                        td_type_name(r));
          td_decref(r);
          return 0;
        }
        return r;
      }
      td_err_clear(ts);
    }
  }
  td_err_format(ts, &td_type_TypeError,
                "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                td_type_name(x));
  return 0;
}

// ---------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------

static TdValue int_bit_length(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs,
                              TdValue kwnames) {
  if (!td_parse_args(ts, "int.bit_length", args, nargs, kwnames, nullptr, 0, 0, nullptr)) return 0;
  int64_t x;
  if (td_int_small_value(self, &x)) {
    uint64_t u = x < 0 ? uint64_t(0) - uint64_t(x) : uint64_t(x);
    return td_small(u ? 64 - __builtin_clzll(u) : 0);
  }
  return td_int_from_i64(ts, int64_t(mpz_sizeinbase(as_big(self)->z, 2)));
}

static TdValue int_bit_count(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs,
                             TdValue kwnames) {
  if (!td_parse_args(ts, "int.bit_count", args, nargs, kwnames, nullptr, 0, 0, nullptr)) return 0;
  Mpz z(self);
  mpz_abs(z.z, z.z);
  return td_int_from_i64(ts, int64_t(mpz_popcount(z.z)));
}

static TdValue int_self(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs,
                        TdValue kwnames) {
  if (!td_parse_args(ts, "int.conjugate", args, nargs, kwnames, nullptr, 0, 0, nullptr)) return 0;
  int64_t x;
  if (td_int_small_value(self, &x)) return td_small(x);
  return td_newref(self);
}

// round(int, ndigits): ndigits >= 0 is the identity; negative rounds to a
// multiple of 10**-ndigits, half to even.
static TdValue int_round(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs,
                         TdValue kwnames) {
  TdValue a[1];
  if (!td_parse_args(ts, "int.__round__", args, nargs, kwnames, nullptr, 0, 1, a)) return 0;
  int64_t nd = 0;
  if (a[0] && !td_is_none(a[0]) && !td_index(ts, a[0], &nd)) return 0;
  if (nd >= 0) return int_self(ts, self, nullptr, 0, 0);
  Mpz x(self), m, q, r, twice;
  mpz_ui_pow_ui(m.z, 10, (unsigned long)(-nd));
  mpz_fdiv_qr(q.z, r.z, x.z, m.z);
  mpz_mul_2exp(twice.z, r.z, 1);
  int c = mpz_cmp(twice.z, m.z);
  if (c > 0 || (c == 0 && mpz_odd_p(q.z))) mpz_add_ui(q.z, q.z, 1);
  mpz_mul(q.z, q.z, m.z);
  return td_int_from_mpz(ts, q.z);
}

static const TdMethodDef int_methods[] = {
    {"bit_length", int_bit_length},
    {"bit_count", int_bit_count},
    {"conjugate", int_self},
    {"__index__", int_self},
    {"__int__", int_self},
    {"__trunc__", int_self},
    {"__floor__", int_self},
    {"__ceil__", int_self},
    {"__round__", int_round},
    {nullptr, nullptr},
};

TdType td_type_int = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "int",
    .base = &td_type_object,
    .flags = TD_TF_BASETYPE,
    .dealloc = big_dealloc,
    .repr = int_repr,
    .str = nullptr,
    .hash = td_int_hash,
    .richcompare = td_int_richcompare,
    .truthy = int_truthy,
    .len = nullptr,
    .binop = int_binop,
    .inplace = nullptr,
    .unary = td_int_unary,
    .construct = int_construct,
    .format = td_format_int,
    .methods = int_methods,
};
