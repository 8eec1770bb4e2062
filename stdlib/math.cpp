// math.cpp — the `math` module: CPython 3.11's functions, results and errors.
//
// What a user sees must match python3 bit for bit: the same doubles, the
// same exception classes and messages.  The pieces that make that work:
//
//   libm calls   the one-argument functions (sqrt, exp, sin...) call the C
//                library as CPython does, then classify the result the way
//                CPython's math_1 does: a NaN out of a non-NaN argument is
//                "math domain error" (ValueError); an infinity out of a
//                finite argument is "math range error" (OverflowError) for
//                the functions that can overflow (exp, sinh, cosh...) and a
//                domain error for the rest (log(0) is -inf in C).
//   big ints     functions on integers (factorial, gcd, lcm, comb, perm,
//                isqrt) work on GMP integers, so the results are exact at
//                any size; log/log2/log10 of an int too large for a double
//                split it into a correctly rounded mantissa and a power of
//                two first, as CPython does, so log(10**400) works.
//   fsum         Shewchuk's algorithm with a list of non-overlapping
//                partials, and CPython's final half-way correction, so the
//                result is the correctly rounded sum.
//   hypot        scales by the largest magnitude, sums squares in
//                double-double arithmetic (fma for the exact product error)
//                and corrects the square root with one Newton step: the
//                result is correctly rounded in practically every case, as
//                CPython 3.11's vector_norm is.  (Rejected: std::hypot for
//                two arguments only — it is faithful, not correctly rounded,
//                and differs from python3 in the last digit now and then.)
//
// gamma/lgamma are not here: CPython computes them with its own Lanczos
// code, and libm's tgamma can differ in the last bit.
#include <gmp.h>

#include <cerrno>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

#include "containers.h"
#include "runtime.h"
#include "values.h"

namespace {

using Args = const TdValue *;

// --- helpers ---------------------------------------------------------------

TdValue domain_error(TdThread *ts) {
  td_err_set(ts, &td_type_ValueError, "math domain error");
  return 0;
}

TdValue range_error(TdThread *ts) {
  td_err_set(ts, &td_type_OverflowError, "math range error");
  return 0;
}

// A positional-only builtin of exactly `n` arguments ("math.sqrt() takes
// exactly one argument (0 given)", "pow expected 2 arguments, got 1").
bool fixed_args(TdThread *ts, const char *fname, int64_t nargs, TdValue kw, int64_t n) {
  return td_no_kwargs(ts, fname, kw) && td_check_nargs(ts, fname, nargs, n, n);
}

bool to_double(TdThread *ts, TdValue v, double *out) { return td_number_to_double(ts, v, out); }

// An int argument as an mpz (the caller inits `out`); TypeError otherwise,
// with CPython's wording for a float where an integer is needed.
bool to_mpz(TdThread *ts, TdValue v, mpz_t out) {
  if (!td_is_int(v)) {
    td_err_format(ts, &td_type_TypeError, "'%s' object cannot be interpreted as an integer",
                  td_type_name(v));
    return false;
  }
  td_int_to_mpz(v, out);
  return true;
}

// An mpz that frees itself.
struct Mpz {
  mpz_t z;
  Mpz() { mpz_init(z); }
  ~Mpz() { mpz_clear(z); }
  Mpz(const Mpz &) = delete;
  Mpz &operator=(const Mpz &) = delete;
};

// An integral double as an int, big when needed.
TdValue int_from_integral_double(TdThread *ts, double d) {
  if (std::isinf(d)) {
    td_err_set(ts, &td_type_OverflowError, "cannot convert float infinity to integer");
    return 0;
  }
  if (std::isnan(d)) {
    td_err_set(ts, &td_type_ValueError, "cannot convert float NaN to integer");
    return 0;
  }
  if (std::fabs(d) < 4e18)
    return td_int_from_i64(ts, int64_t(d));
  Mpz z;
  mpz_set_d(z.z, d); // exact: d is integral
  return td_int_from_mpz(ts, z.z);
}

// The result of a libm call classified like CPython's math_1.
TdValue finish_1(TdThread *ts, double x, double r, bool canOverflow) {
  if (std::isnan(r) && !std::isnan(x))
    return domain_error(ts);
  if (std::isinf(r) && std::isfinite(x))
    return canOverflow ? range_error(ts) : domain_error(ts);
  return td_float_from(ts, r);
}

// --- one-argument functions of a double -----------------------------------

#define TD_MATH_UNARY(X)                                                                           \
  X(sqrt, "math.sqrt", std::sqrt, false)                                                           \
  X(exp, "math.exp", std::exp, true)                                                               \
  X(exp2, "math.exp2", std::exp2, true)                                                            \
  X(expm1, "math.expm1", std::expm1, true)                                                         \
  X(log1p, "math.log1p", std::log1p, false)                                                        \
  X(cbrt, "math.cbrt", std::cbrt, false)                                                           \
  X(sin, "math.sin", std::sin, false)                                                              \
  X(cos, "math.cos", std::cos, false)                                                              \
  X(tan, "math.tan", std::tan, false)                                                              \
  X(asin, "math.asin", std::asin, false)                                                           \
  X(acos, "math.acos", std::acos, false)                                                           \
  X(atan, "math.atan", std::atan, false)                                                           \
  X(sinh, "math.sinh", std::sinh, true)                                                            \
  X(cosh, "math.cosh", std::cosh, true)                                                            \
  X(tanh, "math.tanh", std::tanh, false)                                                           \
  X(asinh, "math.asinh", std::asinh, false)                                                        \
  X(acosh, "math.acosh", std::acosh, false)                                                        \
  X(atanh, "math.atanh", std::atanh, false)                                                        \
  X(erf, "math.erf", std::erf, false)                                                              \
  X(erfc, "math.erfc", std::erfc, false)                                                           \
  X(fabs, "math.fabs", std::fabs, false)

#define X(name, pyname, fn, canOverflow)                                                           \
  TdValue m_##name(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {                  \
    double x;                                                                                      \
    if (!fixed_args(ts, pyname, nargs, kw, 1) || !to_double(ts, args[0], &x))                      \
      return 0;                                                                                    \
    double (*f)(double) = fn;                                                                      \
    return finish_1(ts, x, f(x), canOverflow);                                                     \
  }
TD_MATH_UNARY(X)
#undef X

TdValue m_degrees(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  double x;
  if (!fixed_args(ts, "math.degrees", nargs, kw, 1) || !to_double(ts, args[0], &x))
    return 0;
  return td_float_from(ts, x * (180.0 / std::numbers::pi));
}

TdValue m_radians(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  double x;
  if (!fixed_args(ts, "math.radians", nargs, kw, 1) || !to_double(ts, args[0], &x))
    return 0;
  return td_float_from(ts, x * (std::numbers::pi / 180.0));
}

TdValue m_isfinite(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  double x;
  if (!fixed_args(ts, "math.isfinite", nargs, kw, 1) || !to_double(ts, args[0], &x))
    return 0;
  return td_bool(std::isfinite(x));
}

TdValue m_isinf(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  double x;
  if (!fixed_args(ts, "math.isinf", nargs, kw, 1) || !to_double(ts, args[0], &x))
    return 0;
  return td_bool(std::isinf(x));
}

TdValue m_isnan(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  double x;
  if (!fixed_args(ts, "math.isnan", nargs, kw, 1) || !to_double(ts, args[0], &x))
    return 0;
  return td_bool(std::isnan(x));
}

// --- two-argument functions -------------------------------------------------

TdValue m_atan2(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  double y, x;
  if (!fixed_args(ts, "atan2", nargs, kw, 2) || !to_double(ts, args[0], &y) ||
      !to_double(ts, args[1], &x))
    return 0;
  return td_float_from(ts, std::atan2(y, x));
}

TdValue m_copysign(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  double x, y;
  if (!fixed_args(ts, "copysign", nargs, kw, 2) || !to_double(ts, args[0], &x) ||
      !to_double(ts, args[1], &y))
    return 0;
  return td_float_from(ts, std::copysign(x, y));
}

// CPython's m_pow: C99 handles the specials; among finite arguments a NaN
// is a negative base with a fractional exponent, an infinity is either
// 0**negative (domain) or an overflow (range).
TdValue m_pow(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  double x, y;
  if (!fixed_args(ts, "pow", nargs, kw, 2) || !to_double(ts, args[0], &x) ||
      !to_double(ts, args[1], &y))
    return 0;
  double r = std::pow(x, y);
  if (std::isfinite(x) && std::isfinite(y) && !std::isfinite(r)) {
    if (std::isnan(r) || x == 0.0)
      return domain_error(ts);
    return range_error(ts);
  }
  return td_float_from(ts, r);
}

TdValue m_fmod(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  double x, y;
  if (!fixed_args(ts, "fmod", nargs, kw, 2) || !to_double(ts, args[0], &x) ||
      !to_double(ts, args[1], &y))
    return 0;
  // fmod(x, ±inf) is x for finite x; fmod(inf, y) and fmod(x, 0) are errors.
  if (std::isinf(y) && std::isfinite(x))
    return td_float_from(ts, x);
  double r = std::fmod(x, y);
  if (std::isnan(r) && !std::isnan(x) && !std::isnan(y))
    return domain_error(ts);
  return td_float_from(ts, r);
}

// --- logarithms ----------------------------------------------------------------

// A positive int too large for a double as m * 2**e with m in [0.5, 1),
// m correctly rounded (top 55 bits plus a sticky bit, one rounding).
void big_frexp(const mpz_t z, double *m, long *e) {
  size_t bits = mpz_sizeinbase(z, 2);
  Mpz q;
  size_t shift = bits > 55 ? bits - 55 : 0;
  mpz_tdiv_q_2exp(q.z, z, shift);
  uint64_t top = mpz_get_ui(q.z);
  if (shift && mpz_scan1(z, 0) < shift)
    top |= 1; // sticky: something below was dropped
  double d = std::ldexp(double(top), -int(bits - shift));
  long ex = long(bits);
  if (d == 1.0) { // rounding carried into the next power of two
    d = 0.5;
    ex++;
  }
  *m = d;
  *e = ex;
}

enum class LogKind { Natural, Two, Ten };

double log_of(double x, LogKind k) {
  switch (k) {
  case LogKind::Natural:
    return std::log(x);
  case LogKind::Two:
    return std::log2(x);
  case LogKind::Ten:
    return std::log10(x);
  }
  return 0;
}

// CPython's loghelper: ints of any size, then m_log's rules (0 and
// negatives are domain errors; inf and nan pass through).
bool log_helper(TdThread *ts, TdValue v, LogKind k, double *out) {
  if (td_is_int(v)) {
    if (td_int_sign(v) <= 0) {
      domain_error(ts);
      return false;
    }
    double d;
    if (td_int_to_double(ts, v, &d)) {
      *out = log_of(d, k);
      return true;
    }
    td_err_clear(ts);
    Mpz z;
    td_int_to_mpz(v, z.z);
    double m;
    long e;
    big_frexp(z.z, &m, &e);
    *out = log_of(m, k) + log_of(2.0, k) * double(e);
    return true;
  }
  double x;
  if (!to_double(ts, v, &x))
    return false;
  if (std::isnan(x) || (std::isinf(x) && x > 0)) {
    *out = x;
    return true;
  }
  if (!(x > 0)) {
    domain_error(ts);
    return false;
  }
  *out = log_of(x, k);
  return true;
}

TdValue m_log(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "log", kw) || !td_check_nargs(ts, "log", nargs, 1, 2))
    return 0;
  double num;
  if (!log_helper(ts, args[0], LogKind::Natural, &num))
    return 0;
  if (nargs == 1)
    return td_float_from(ts, num);
  double den;
  if (!log_helper(ts, args[1], LogKind::Natural, &den))
    return 0;
  if (den == 0.0) {
    td_err_set(ts, &td_type_ZeroDivisionError, "float division by zero");
    return 0;
  }
  return td_float_from(ts, num / den);
}

TdValue m_log2(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  double r;
  if (!fixed_args(ts, "math.log2", nargs, kw, 1) || !log_helper(ts, args[0], LogKind::Two, &r))
    return 0;
  return td_float_from(ts, r);
}

TdValue m_log10(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  double r;
  if (!fixed_args(ts, "math.log10", nargs, kw, 1) || !log_helper(ts, args[0], LogKind::Ten, &r))
    return 0;
  return td_float_from(ts, r);
}

// --- rounding to ints -------------------------------------------------------------

// floor/ceil/trunc: ints return themselves, floats convert exactly, other
// objects get their dunder (__floor__...) if they have one, as in CPython.
TdValue round_to_int(TdThread *ts, const char *fname, const char *dunder, double (*f)(double),
                     Args args, int64_t nargs, TdValue kw) {
  if (!fixed_args(ts, fname, nargs, kw, 1))
    return 0;
  TdValue v = args[0];
  if (td_is_int(v)) {
    int64_t x;
    if (td_int_small_value(v, &x))
      return td_int_from_i64(ts, x); // bool → int
    return td_newref(v);
  }
  if (td_is_float(v))
    return int_from_integral_double(ts, f(td_float_val(v)));
  TdRef name(td_str_from(ts, dunder));
  if (!name)
    return 0;
  TdValue r = td_call_method(ts, v, name.get(), nullptr, 0, 0);
  if (r || !td_err_is(ts, &td_type_AttributeError))
    return r;
  td_err_clear(ts);
  if (std::string_view(dunder) == "__trunc__") {
    td_err_format(ts, &td_type_TypeError, "type %s doesn't define __trunc__ method",
                  td_type_name(v));
    return 0;
  }
  double d;
  if (!to_double(ts, v, &d))
    return 0;
  return int_from_integral_double(ts, f(d));
}

TdValue m_floor(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  return round_to_int(ts, "math.floor", "__floor__", std::floor, args, nargs, kw);
}
TdValue m_ceil(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  return round_to_int(ts, "math.ceil", "__ceil__", std::ceil, args, nargs, kw);
}
TdValue m_trunc(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  return round_to_int(ts, "math.trunc", "__trunc__", std::trunc, args, nargs, kw);
}

// --- float decomposition ---------------------------------------------------------

TdValue m_modf(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  double x;
  if (!fixed_args(ts, "math.modf", nargs, kw, 1) || !to_double(ts, args[0], &x))
    return 0;
  double ip;
  double fp = std::isinf(x) ? std::copysign(0.0, x) : std::modf(x, &ip);
  if (std::isinf(x))
    ip = x;
  TdRef a(td_float_from(ts, fp)), b(td_float_from(ts, ip));
  if (!a || !b)
    return 0;
  return td_tuple_pack(ts, {a.get(), b.get()});
}

TdValue m_frexp(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  double x;
  if (!fixed_args(ts, "math.frexp", nargs, kw, 1) || !to_double(ts, args[0], &x))
    return 0;
  int e = 0;
  double m = (std::isnan(x) || std::isinf(x) || x == 0.0) ? x : std::frexp(x, &e);
  TdRef a(td_float_from(ts, m)), b(td_int_from_i64(ts, e));
  if (!a || !b)
    return 0;
  return td_tuple_pack(ts, {a.get(), b.get()});
}

TdValue m_ldexp(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  double x;
  if (!fixed_args(ts, "ldexp", nargs, kw, 2) || !to_double(ts, args[0], &x))
    return 0;
  if (!td_is_int(args[1])) {
    td_err_set(ts, &td_type_TypeError, "Expected an int as second argument to ldexp.");
    return 0;
  }
  // Exponents beyond ±2^30 saturate: the result is 0 or inf either way.
  Mpz z;
  td_int_to_mpz(args[1], z.z);
  long e = mpz_cmp_si(z.z, 1L << 30) > 0      ? (1L << 30)
           : mpz_cmp_si(z.z, -(1L << 30)) < 0 ? -(1L << 30)
                                              : mpz_get_si(z.z);
  if (x == 0.0 || !std::isfinite(x))
    return td_float_from(ts, x);
  double r = std::ldexp(x, int(e));
  if (std::isinf(r))
    return range_error(ts);
  return td_float_from(ts, r);
}

// --- comparisons ---------------------------------------------------------------

TdValue m_isclose(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[4];
  if (!td_parse_call(ts, "isclose", args, nargs, kw, {"a", "b", "$rel_tol", "$abs_tol"}, 2, a))
    return 0;
  double x, y, rel = 1e-09, abs = 0.0;
  if (!to_double(ts, a[0], &x) || !to_double(ts, a[1], &y))
    return 0;
  if ((a[2] && !to_double(ts, a[2], &rel)) || (a[3] && !to_double(ts, a[3], &abs)))
    return 0;
  if (rel < 0.0 || abs < 0.0) {
    td_err_set(ts, &td_type_ValueError, "tolerances must be non-negative");
    return 0;
  }
  if (x == y)
    return td_bool(true);
  if (std::isinf(x) || std::isinf(y))
    return td_bool(false);
  double diff = std::fabs(y - x);
  return td_bool(diff <= std::fabs(rel * y) || diff <= std::fabs(rel * x) || diff <= abs);
}

// --- sums and products ----------------------------------------------------------

// Shewchuk's exact summation: `partials` holds non-overlapping doubles, in
// increasing magnitude, whose exact sum is the running total.
TdValue m_fsum(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!fixed_args(ts, "math.fsum", nargs, kw, 1))
    return 0;
  TdRef it(td_iter(ts, args[0]));
  if (!it)
    return 0;
  std::vector<double> partials;
  double specialSum = 0.0, infSum = 0.0;
  for (;;) {
    TdValue item = td_next(ts, it.get());
    if (!item)
      return 0;
    if (item == TD_DONE)
      break;
    double x;
    bool ok = to_double(ts, item, &x);
    td_decref(item);
    if (!ok)
      return 0;
    double xsave = x;
    size_t n = 0;
    for (double y : partials) {
      if (std::fabs(x) < std::fabs(y))
        std::swap(x, y);
      double hi = x + y;
      double lo = y - (hi - x);
      if (lo != 0.0)
        partials[n++] = lo;
      x = hi;
    }
    partials.resize(n);
    if (x != 0.0) {
      if (!std::isfinite(x)) {
        // A non-finite x from finite inputs is an overflow of the partial
        // sums; otherwise remember infs and nans apart from the partials.
        if (std::isfinite(xsave)) {
          td_err_set(ts, &td_type_OverflowError, "intermediate overflow in fsum");
          return 0;
        }
        if (std::isinf(xsave))
          infSum += xsave;
        specialSum += xsave;
        partials.clear();
      } else {
        partials.push_back(x);
      }
    }
  }
  if (specialSum != 0.0) {
    if (std::isnan(infSum)) {
      td_err_set(ts, &td_type_ValueError, "-inf + inf in fsum");
      return 0;
    }
    return td_float_from(ts, specialSum);
  }
  double hi = 0.0;
  size_t n = partials.size();
  if (n > 0) {
    hi = partials[--n];
    double lo = 0.0;
    // Add from the top until the sum stops being exact.
    while (n > 0) {
      double x = hi, y = partials[--n];
      hi = x + y;
      double yr = hi - x;
      lo = y - yr;
      if (lo != 0.0)
        break;
    }
    // Half-way case: if the rest has the same sign as the rounding error,
    // the true sum is past the half-way point, so round the other way.
    if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
      double y = lo * 2.0;
      double x = hi + y;
      double yr = x - hi;
      if (y == yr)
        hi = x;
    }
  }
  return td_float_from(ts, hi);
}

TdValue m_prod(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[2];
  if (!td_parse_call(ts, "prod", args, nargs, kw, {"iterable", "$start"}, 1, a))
    return 0;
  TdRef it(td_iter(ts, a[0]));
  if (!it)
    return 0;
  TdRef acc(td_newref(a[1] ? a[1] : td_small(1)));
  for (;;) {
    TdValue item = td_next(ts, it.get());
    if (!item)
      return 0;
    if (item == TD_DONE)
      break;
    TdValue r = td_binop(ts, TD_OP_MUL, acc.get(), item);
    td_decref(item);
    if (!r)
      return 0;
    acc = TdRef(r);
  }
  return acc.release();
}

// Euclidean norm of `v`, correctly rounded in practically every case.
double vector_norm(std::vector<double> &v) {
  double mx = 0.0;
  bool sawNan = false;
  for (double &x : v) {
    x = std::fabs(x);
    if (std::isnan(x))
      sawNan = true;
    else if (x > mx)
      mx = x;
  }
  if (std::isinf(mx))
    return mx; // inf wins over nan, as in CPython
  if (sawNan)
    return std::numeric_limits<double>::quiet_NaN();
  if (mx == 0.0 || v.size() == 1)
    return mx;
  int e;
  std::frexp(mx, &e);
  // Scale so the largest is in [0.5, 1): no overflow or underflow of squares
  // that matter.
  double hi = 0.0, lo = 0.0;
  for (double x : v) {
    x = std::ldexp(x, -e);
    double p = x * x;
    double perr = std::fma(x, x, -p);
    // two-sum (hi, p) → (s, err)
    double s = hi + p;
    double bp = s - hi;
    double err = (hi - (s - bp)) + (p - bp);
    hi = s;
    lo += err + perr;
  }
  double sum = hi + lo;
  lo = lo - (sum - hi);
  hi = sum;
  double h = std::sqrt(hi);
  // One Newton step on the exact residual (hi + lo) - h*h.
  double hh = h * h;
  double hhErr = std::fma(h, h, -hh);
  double residual = ((hi - hh) - hhErr) + lo;
  h += residual / (2.0 * h);
  return std::ldexp(h, e);
}

TdValue m_hypot(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "hypot", kw))
    return 0;
  std::vector<double> v(static_cast<size_t>(nargs));
  for (int64_t i = 0; i < nargs; i++)
    if (!to_double(ts, args[i], &v[size_t(i)]))
      return 0;
  return td_float_from(ts, vector_norm(v));
}

// --- integer functions --------------------------------------------------------

TdValue m_factorial(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!fixed_args(ts, "math.factorial", nargs, kw, 1))
    return 0;
  Mpz n;
  if (!to_mpz(ts, args[0], n.z))
    return 0;
  if (mpz_sgn(n.z) < 0) {
    td_err_set(ts, &td_type_ValueError, "factorial() not defined for negative values");
    return 0;
  }
  if (!mpz_fits_slong_p(n.z)) {
    td_err_set(ts, &td_type_OverflowError,
               "factorial() argument should not exceed 9223372036854775807");
    return 0;
  }
  Mpz r;
  mpz_fac_ui(r.z, mpz_get_ui(n.z));
  return td_int_from_mpz(ts, r.z);
}

TdValue m_gcd(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "gcd", kw))
    return 0;
  Mpz r, x;
  for (int64_t i = 0; i < nargs; i++) {
    if (!to_mpz(ts, args[i], x.z))
      return 0;
    mpz_gcd(r.z, r.z, x.z);
  }
  return td_int_from_mpz(ts, r.z);
}

TdValue m_lcm(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "lcm", kw))
    return 0;
  Mpz r, x;
  mpz_set_ui(r.z, 1);
  for (int64_t i = 0; i < nargs; i++) {
    if (!to_mpz(ts, args[i], x.z))
      return 0;
    mpz_lcm(r.z, r.z, x.z); // GMP's lcm is non-negative; lcm with 0 is 0
  }
  return td_int_from_mpz(ts, r.z);
}

TdValue m_isqrt(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!fixed_args(ts, "math.isqrt", nargs, kw, 1))
    return 0;
  Mpz n;
  if (!to_mpz(ts, args[0], n.z))
    return 0;
  if (mpz_sgn(n.z) < 0) {
    td_err_set(ts, &td_type_ValueError, "isqrt() argument must be nonnegative");
    return 0;
  }
  mpz_sqrt(n.z, n.z);
  return td_int_from_mpz(ts, n.z);
}

// n and k for comb/perm, checked with CPython's messages.
bool comb_args(TdThread *ts, TdValue nv, TdValue kv, mpz_t n, mpz_t k) {
  if (!to_mpz(ts, nv, n) || !to_mpz(ts, kv, k))
    return false;
  if (mpz_sgn(n) < 0) {
    td_err_set(ts, &td_type_ValueError, "n must be a non-negative integer");
    return false;
  }
  if (mpz_sgn(k) < 0) {
    td_err_set(ts, &td_type_ValueError, "k must be a non-negative integer");
    return false;
  }
  return true;
}

TdValue m_comb(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!fixed_args(ts, "comb", nargs, kw, 2))
    return 0;
  Mpz n, k, r;
  if (!comb_args(ts, args[0], args[1], n.z, k.z))
    return 0;
  if (mpz_cmp(k.z, n.z) > 0)
    return td_small(0);
  Mpz nk; // use the smaller of k and n - k
  mpz_sub(nk.z, n.z, k.z);
  if (mpz_cmp(nk.z, k.z) < 0)
    mpz_set(k.z, nk.z);
  if (!mpz_fits_ulong_p(k.z)) {
    td_err_set(ts, &td_type_OverflowError, "min(n - k, k) must not exceed 9223372036854775807");
    return 0;
  }
  mpz_bin_ui(r.z, n.z, mpz_get_ui(k.z));
  return td_int_from_mpz(ts, r.z);
}

TdValue m_perm(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "perm", kw) || !td_check_nargs(ts, "perm", nargs, 1, 2))
    return 0;
  if (nargs == 1 || td_is_none(args[1]))
    return m_factorial(ts, 0, args, 1, 0);
  Mpz n, k, r;
  if (!comb_args(ts, args[0], args[1], n.z, k.z))
    return 0;
  if (mpz_cmp(k.z, n.z) > 0)
    return td_small(0);
  if (!mpz_fits_slong_p(k.z)) {
    td_err_set(ts, &td_type_OverflowError, "k must not exceed 9223372036854775807");
    return 0;
  }
  // n! / (n-k)! = comb(n, k) * k!
  unsigned long kk = mpz_get_ui(k.z);
  Mpz f;
  mpz_bin_ui(r.z, n.z, kk);
  mpz_fac_ui(f.z, kk);
  mpz_mul(r.z, r.z, f.z);
  return td_int_from_mpz(ts, r.z);
}

struct Entry {
  const char *name;
  TdVectorFn fn;
};

const Entry kFunctions[] = {
#define X(name, pyname, fn, canOverflow) {#name, m_##name},
    TD_MATH_UNARY(X)
#undef X
        {"degrees", m_degrees},
    {"radians", m_radians},
    {"isfinite", m_isfinite},
    {"isinf", m_isinf},
    {"isnan", m_isnan},
    {"atan2", m_atan2},
    {"copysign", m_copysign},
    {"pow", m_pow},
    {"fmod", m_fmod},
    {"log", m_log},
    {"log2", m_log2},
    {"log10", m_log10},
    {"floor", m_floor},
    {"ceil", m_ceil},
    {"trunc", m_trunc},
    {"modf", m_modf},
    {"frexp", m_frexp},
    {"ldexp", m_ldexp},
    {"isclose", m_isclose},
    {"fsum", m_fsum},
    {"prod", m_prod},
    {"hypot", m_hypot},
    {"factorial", m_factorial},
    {"gcd", m_gcd},
    {"lcm", m_lcm},
    {"isqrt", m_isqrt},
    {"comb", m_comb},
    {"perm", m_perm},
};

} // namespace

TdValue td_math_module_init(TdThread *ts) {
  TdRef mod(td_module_new(ts, "math"));
  if (!mod)
    return 0;
  TdValue d = reinterpret_cast<TdModule *>(mod.get())->dict;
  const std::pair<const char *, double> constants[] = {
      {"pi", std::numbers::pi},
      {"e", std::numbers::e},
      {"tau", 2 * std::numbers::pi},
      {"inf", std::numeric_limits<double>::infinity()},
      {"nan", std::numeric_limits<double>::quiet_NaN()},
  };
  for (const auto &[name, value] : constants) {
    TdRef v(td_float_from(ts, value));
    if (!v || td_dict_set_str(ts, d, name, v.get()) < 0)
      return 0;
  }
  for (const Entry &e : kFunctions)
    if (!td_module_add_function(ts, mod.get(), e.name, e.fn))
      return 0;
  return mod.release();
}
