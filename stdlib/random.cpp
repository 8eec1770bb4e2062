// random.cpp — the `random` module, stream-compatible with CPython 3.11.
//
// A seeded program must print exactly what python3 prints, so every step
// from seed to result follows CPython's algorithm, not merely its
// distribution:
//
//   MT19937     the Mersenne Twister (624 32-bit words of state), seeded by
//               init_by_array with the seed's 32-bit words, least
//               significant first, as CPython's _random module does.
//   seed(a)     int: |a|.  float and other hashables: hash(a) read as an
//               unsigned 64-bit number.  str/bytes: CPython's version 2,
//               int.from_bytes(a + sha512(a).digest()) — hence the small
//               SHA-512 below.  None/absent: 624 words from getrandom().
//   random()    53 bits from two outputs: (a >> 5) * 2**26 + (b >> 6),
//               scaled by 2**-53.
//   getrandbits 32-bit outputs filling the result from the least
//               significant word up; the last word keeps its top bits.
//   randbelow   CPython's _randbelow_with_getrandbits: draw bit_length(n)
//               bits until the value is below n.  randrange, randint,
//               choice, shuffle and sample are all built on it, with
//               CPython's exact sequence of draws (sample's two branches,
//               a pool for small populations and a set of taken indices
//               for large ones, included).
//   choices     floor(random() * n) without weights; otherwise cumulative
//               weights and bisect_right, as CPython.
//
// Glossary
//   state object  a TdRandom holding the generator; the module's functions
//                 are builtin functions bound to one hidden instance (like
//                 CPython's random._inst), so nothing is global.
//
// Not here: the Random class (needs classes), getstate/setstate,
// the rarer distributions (betavariate, gammavariate, ...).
#include <gmp.h>
#include <sys/random.h>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <ctime>
#include <numbers>
#include <unordered_set>
#include <vector>

#include "containers.h"
#include "runtime.h"
#include "values.h"

namespace {

using Args = const TdValue *;

// --- the generator ---------------------------------------------------------

constexpr int kN = 624;
constexpr int kM = 397;

struct TdRandom {
  TdObject ob;
  uint32_t mt[kN];
  int index; // next word of mt to temper; kN: regenerate first
  bool hasGaussNext;
  double gaussNext;
};

TdRandom *R(TdValue v) { return reinterpret_cast<TdRandom *>(v); }

void init_genrand(TdRandom *r, uint32_t s) {
  r->mt[0] = s;
  for (int i = 1; i < kN; i++)
    r->mt[i] = 1812433253u * (r->mt[i - 1] ^ (r->mt[i - 1] >> 30)) + uint32_t(i);
  r->index = kN;
}

void init_by_array(TdRandom *r, const uint32_t *key, size_t len) {
  init_genrand(r, 19650218u);
  uint32_t *mt = r->mt;
  size_t i = 1, j = 0;
  for (size_t k = len > size_t(kN) ? len : size_t(kN); k; k--) {
    mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] + uint32_t(j);
    i++;
    j++;
    if (i >= size_t(kN)) {
      mt[0] = mt[kN - 1];
      i = 1;
    }
    if (j >= len)
      j = 0;
  }
  for (size_t k = kN - 1; k; k--) {
    mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - uint32_t(i);
    i++;
    if (i >= size_t(kN)) {
      mt[0] = mt[kN - 1];
      i = 1;
    }
  }
  mt[0] = 0x80000000u; // the top bit set: the state is never all zero
}

uint32_t genrand(TdRandom *r) {
  constexpr uint32_t kUpper = 0x80000000u, kLower = 0x7fffffffu, kMatrixA = 0x9908b0dfu;
  uint32_t *mt = r->mt;
  if (r->index >= kN) {
    auto twist = [&](int k, int next, int far) {
      uint32_t y = (mt[k] & kUpper) | (mt[next] & kLower);
      mt[k] = mt[far] ^ (y >> 1) ^ ((y & 1) ? kMatrixA : 0);
    };
    int k = 0;
    for (; k < kN - kM; k++)
      twist(k, k + 1, k + kM);
    for (; k < kN - 1; k++)
      twist(k, k + 1, k + kM - kN);
    twist(kN - 1, 0, kM - 1);
    r->index = 0;
  }
  uint32_t y = mt[r->index++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= y >> 18;
  return y;
}

double random_double(TdRandom *r) {
  uint32_t a = genrand(r) >> 5, b = genrand(r) >> 6;
  return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

// getrandbits(k) for 0 < k <= 64.
uint64_t bits_u64(TdRandom *r, int k) {
  if (k <= 32)
    return genrand(r) >> (32 - k);
  uint64_t lo = genrand(r);
  uint64_t hi = genrand(r) >> (64 - k);
  return lo | (hi << 32);
}

// getrandbits(k) for any k > 0, into `out`.
void bits_mpz(TdRandom *r, uint64_t k, mpz_t out) {
  size_t words = size_t((k - 1) / 32 + 1);
  std::vector<uint32_t> w(words);
  for (size_t i = 0; i < words; i++, k -= 32) {
    uint32_t x = genrand(r);
    if (k < 32)
      x >>= (32 - k);
    w[i] = x;
  }
  mpz_import(out, words, -1, sizeof(uint32_t), 0, 0, w.data());
}

int bit_length(uint64_t n) { return n ? 64 - __builtin_clzll(n) : 0; }

// A uniform integer in [0, n), n > 0.
uint64_t randbelow(TdRandom *r, uint64_t n) {
  int k = bit_length(n);
  uint64_t x = bits_u64(r, k);
  while (x >= n)
    x = bits_u64(r, k);
  return x;
}

void randbelow_mpz(TdRandom *r, const mpz_t n, mpz_t out) {
  uint64_t k = mpz_sizeinbase(n, 2);
  do
    bits_mpz(r, k, out);
  while (mpz_cmp(out, n) >= 0);
}

// --- SHA-512 (FIPS 180-4), for str and bytes seeds ----------------------------

uint64_t rotr(uint64_t x, int n) { return (x >> n) | (x << (64 - n)); }

// The first 64 bits of the fractional part of the `root`th root of each of
// the first `count` primes: the standard's constants, computed exactly with
// GMP rather than typed in.
std::vector<uint64_t> root_fractions(int count, unsigned long root) {
  std::vector<uint64_t> out;
  mpz_t x, p;
  mpz_init(x);
  mpz_init(p);
  for (unsigned long n = 2; int(out.size()) < count; n++) {
    bool prime = true;
    for (unsigned long d = 2; d * d <= n; d++)
      if (n % d == 0)
        prime = false;
    if (!prime)
      continue;
    mpz_set_ui(p, n);
    mpz_mul_2exp(p, p, 64 * root); // n * 2^(64 root): the root is frac * 2^64
    mpz_root(x, p, root);
    out.push_back(uint64_t(mpz_getlimbn(x, 0))); // low 64 bits (limbs are 64-bit here)
  }
  mpz_clear(x);
  mpz_clear(p);
  return out;
}

void sha512(std::string_view msg, unsigned char digest[64]) {
  static_assert(sizeof(mp_limb_t) == 8, "root_fractions reads one 64-bit limb");
  const std::vector<uint64_t> K = root_fractions(80, 3);
  std::vector<uint64_t> H = root_fractions(8, 2);
  std::string data(msg);
  uint64_t bitLen = uint64_t(msg.size()) * 8;
  data += char(0x80);
  while (data.size() % 128 != 112)
    data += char(0);
  for (int i = 0; i < 8; i++)
    data += char(0); // high 64 bits of the 128-bit length
  for (int i = 7; i >= 0; i--)
    data += char((bitLen >> (8 * i)) & 0xff);
  uint64_t w[80];
  for (size_t block = 0; block < data.size(); block += 128) {
    for (int t = 0; t < 16; t++) {
      uint64_t x = 0;
      for (int b = 0; b < 8; b++)
        x = (x << 8) | uint8_t(data[block + size_t(8 * t + b)]);
      w[t] = x;
    }
    for (int t = 16; t < 80; t++) {
      uint64_t s0 = rotr(w[t - 15], 1) ^ rotr(w[t - 15], 8) ^ (w[t - 15] >> 7);
      uint64_t s1 = rotr(w[t - 2], 19) ^ rotr(w[t - 2], 61) ^ (w[t - 2] >> 6);
      w[t] = s1 + w[t - 7] + s0 + w[t - 16];
    }
    uint64_t a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
    for (int t = 0; t < 80; t++) {
      uint64_t t1 = h + (rotr(e, 14) ^ rotr(e, 18) ^ rotr(e, 41)) + ((e & f) ^ (~e & g)) +
                    K[size_t(t)] + w[t];
      uint64_t t2 = (rotr(a, 28) ^ rotr(a, 34) ^ rotr(a, 39)) + ((a & b) ^ (a & c) ^ (b & c));
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    H[0] += a;
    H[1] += b;
    H[2] += c;
    H[3] += d;
    H[4] += e;
    H[5] += f;
    H[6] += g;
    H[7] += h;
  }
  for (int i = 0; i < 8; i++)
    for (int b = 0; b < 8; b++)
      digest[8 * i + b] = uint8_t(H[size_t(i)] >> (56 - 8 * b));
}

// --- seeding ---------------------------------------------------------------------

void seed_mpz(TdRandom *r, const mpz_t n) { // n >= 0
  size_t count = 0;
  std::vector<uint32_t> key((mpz_sizeinbase(n, 2) + 31) / 32 + 1);
  mpz_export(key.data(), &count, -1, sizeof(uint32_t), 0, 0, n);
  if (count == 0)
    key[count++] = 0; // seed 0 is the one-word key [0]
  init_by_array(r, key.data(), count);
}

bool seed_from_os(TdThread *ts, TdRandom *r) {
  uint32_t key[kN];
  size_t got = 0;
  while (got < sizeof key) {
    ssize_t n = getrandom(reinterpret_cast<char *>(key) + got, sizeof key - got, 0);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      // No entropy source: CPython falls back to the time and pid too.
      struct timespec t;
      clock_gettime(CLOCK_REALTIME, &t);
      uint32_t fallback[3] = {uint32_t(t.tv_sec), uint32_t(t.tv_nsec), uint32_t(getpid())};
      init_by_array(r, fallback, 3);
      return true;
    }
    got += size_t(n);
  }
  init_by_array(r, key, kN);
  (void)ts;
  return true;
}

bool do_seed(TdThread *ts, TdRandom *r, TdValue a) {
  r->hasGaussNext = false;
  if (!a || td_is_none(a))
    return seed_from_os(ts, r);
  mpz_t n;
  mpz_init(n);
  if (td_is_int(a) && !td_isinstance(a, &td_type_bool)) {
    td_int_to_mpz(a, n);
    mpz_abs(n, n);
  } else if (td_is_str(a) || td_isinstance(a, &td_type_bytes)) {
    std::string bytes(td_is_str(a)
                          ? td_str_view(a)
                          : std::string_view(reinterpret_cast<TdBytes *>(a)->data,
                                             size_t(reinterpret_cast<TdBytes *>(a)->size)));
    unsigned char digest[64];
    sha512(bytes, digest);
    bytes.append(reinterpret_cast<char *>(digest), 64);
    mpz_import(n, bytes.size(), 1, 1, 0, 0, bytes.data());
  } else if (td_is_float(a) || td_is_int(a)) {
    // CPython seeds other hashables with hash(a) read as unsigned.
    int64_t h = td_hash(ts, a);
    if (h == -1 && td_err_occurred(ts)) {
      mpz_clear(n);
      return false;
    }
    mpz_set_ui(n, (unsigned long)uint64_t(h));
  } else {
    mpz_clear(n);
    td_err_set(ts, &td_type_TypeError,
               "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.");
    return false;
  }
  seed_mpz(r, n);
  mpz_clear(n);
  return true;
}

// --- argument helpers ------------------------------------------------------------

bool is_int_like(TdValue v) { return td_is_int(v); }

TdValue int_from_u64(TdThread *ts, uint64_t x) {
  if (x <= uint64_t(TD_SMALL_MAX))
    return td_small(int64_t(x));
  mpz_t z;
  mpz_init_set_ui(z, (unsigned long)x);
  TdValue v = td_int_from_mpz(ts, z);
  mpz_clear(z);
  return v;
}

int64_t sequence_len(TdThread *ts, TdValue seq) {
  TdType *t = td_type_of(seq);
  if (!t->len) {
    td_err_format(ts, &td_type_TypeError, "object of type '%s' has no len()", t->name);
    return -1;
  }
  return t->len(ts, seq);
}

TdValue item_at(TdThread *ts, TdValue seq, int64_t i) {
  if (td_is_list(seq) && i < td_as_list(seq)->size)
    return td_newref(td_as_list(seq)->items[i]);
  return td_getitem(ts, seq, td_small(i));
}

// --- module functions ------------------------------------------------------------

TdValue r_seed(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[2];
  if (!td_parse_call(ts, "seed", args, nargs, kw, {"a", "version"}, 0, a))
    return 0;
  if (!do_seed(ts, R(self), a[0]))
    return 0;
  return td_none();
}

TdValue r_random(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "random", kw) || !td_check_nargs(ts, "random", nargs, 0, 0))
    return 0;
  return td_float_from(ts, random_double(R(self)));
}

TdValue r_getrandbits(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "getrandbits", kw) || !td_check_nargs(ts, "getrandbits", nargs, 1, 1))
    return 0;
  if (!is_int_like(args[0])) {
    td_err_format(ts, &td_type_TypeError, "'%s' object cannot be interpreted as an integer",
                  td_type_name(args[0]));
    return 0;
  }
  int64_t k;
  if (!td_int_to_i64(ts, args[0], &k))
    return 0;
  if (k < 0) {
    td_err_set(ts, &td_type_ValueError, "number of bits must be non-negative");
    return 0;
  }
  if (k == 0)
    return td_small(0);
  if (k <= 64)
    return int_from_u64(ts, bits_u64(R(self), int(k)));
  mpz_t z;
  mpz_init(z);
  bits_mpz(R(self), uint64_t(k), z);
  TdValue v = td_int_from_mpz(ts, z);
  mpz_clear(z);
  return v;
}

// randrange's integer argument: an int, or an integral float (CPython
// accepts those with a DeprecationWarning).
bool range_arg(TdThread *ts, TdValue v, const char *which, mpz_t out) {
  if (td_is_int(v)) {
    td_int_to_mpz(v, out);
    return true;
  }
  if (td_is_float(v)) {
    double d = td_float_val(v);
    if (std::isfinite(d) && d == std::trunc(d)) {
      mpz_set_d(out, d);
      return true;
    }
    if (!std::isfinite(d)) {
      td_err_set(ts, std::isnan(d) ? &td_type_ValueError : &td_type_OverflowError,
                 std::isnan(d) ? "cannot convert float NaN to integer"
                               : "cannot convert float infinity to integer");
      return false;
    }
    td_err_format(ts, &td_type_ValueError, "non-integer %s for randrange()", which);
    return false;
  }
  td_err_format(ts, &td_type_TypeError, "'%s' object cannot be interpreted as an integer",
                td_type_name(v));
  return false;
}

// CPython's randrange over arbitrary-size ints.
TdValue randrange(TdThread *ts, TdRandom *r, TdValue startV, TdValue stopV, TdValue stepV) {
  int64_t s0, s1, st = 1;
  // Fast path: small ints and unit step (randint, randrange(n)).
  if (td_is_small(startV) && (!stopV || td_is_small(stopV)) && (!stepV || td_is_small(stepV))) {
    s0 = td_small_val(startV);
    if (stepV)
      st = td_small_val(stepV);
    if (!stopV) {
      if (stepV) {
        td_err_set(ts, &td_type_TypeError, "Missing a non-None stop argument");
        return 0;
      }
      if (s0 > 0)
        return td_small(int64_t(randbelow(r, uint64_t(s0))));
      td_err_set(ts, &td_type_ValueError, "empty range for randrange()");
      return 0;
    }
    s1 = td_small_val(stopV);
    int64_t width = s1 - s0; // |small| < 2^62: no overflow
    if (st == 1) {
      if (width > 0)
        return td_int_from_i64(ts, s0 + int64_t(randbelow(r, uint64_t(width))));
      td_err_format(ts, &td_type_ValueError, "empty range for randrange() (%lld, %lld, %lld)",
                    (long long)s0, (long long)s1, (long long)width);
      return 0;
    }
  }
  mpz_t start, stop, step, width, n, x;
  mpz_inits(start, stop, step, width, n, x, nullptr);
  struct Clear {
    mpz_t *v[6];
    ~Clear() {
      for (mpz_t *z : v)
        mpz_clear(*z);
    }
  } clear{{&start, &stop, &step, &width, &n, &x}};
  if (!range_arg(ts, startV, "arg 1", start))
    return 0;
  if (!stopV) {
    if (stepV) {
      td_err_set(ts, &td_type_TypeError, "Missing a non-None stop argument");
      return 0;
    }
    if (mpz_sgn(start) > 0) {
      randbelow_mpz(r, start, x);
      return td_int_from_mpz(ts, x);
    }
    td_err_set(ts, &td_type_ValueError, "empty range for randrange()");
    return 0;
  }
  if (!range_arg(ts, stopV, "stop", stop))
    return 0;
  mpz_sub(width, stop, start);
  mpz_set_ui(step, 1);
  if (stepV && !range_arg(ts, stepV, "step", step))
    return 0;
  if (mpz_cmp_ui(step, 1) == 0) {
    if (mpz_sgn(width) > 0) {
      randbelow_mpz(r, width, x);
      mpz_add(x, x, start);
      return td_int_from_mpz(ts, x);
    }
    TdRef sv(td_int_from_mpz(ts, start)), ev(td_int_from_mpz(ts, stop)),
        wv(td_int_from_mpz(ts, width));
    std::string msg = "empty range for randrange() (";
    if (!sv || !ev || !wv || !td_str_to(ts, sv.get(), msg))
      return 0;
    msg += ", ";
    if (!td_str_to(ts, ev.get(), msg))
      return 0;
    msg += ", ";
    if (!td_str_to(ts, wv.get(), msg))
      return 0;
    msg += ")";
    td_err_set(ts, &td_type_ValueError, msg);
    return 0;
  }
  int sg = mpz_sgn(step);
  if (sg == 0) {
    td_err_set(ts, &td_type_ValueError, "zero step for randrange()");
    return 0;
  }
  // n = (width + step - 1) // step, or (width + step + 1) // step for step < 0
  mpz_add(n, width, step);
  if (sg > 0)
    mpz_sub_ui(n, n, 1);
  else
    mpz_add_ui(n, n, 1);
  mpz_fdiv_q(n, n, step);
  if (mpz_sgn(n) <= 0) {
    td_err_set(ts, &td_type_ValueError, "empty range for randrange()");
    return 0;
  }
  randbelow_mpz(r, n, x);
  mpz_mul(x, x, step);
  mpz_add(x, x, start);
  return td_int_from_mpz(ts, x);
}

TdValue r_randrange(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[3];
  if (!td_parse_call(ts, "randrange", args, nargs, kw, {"start", "stop", "step"}, 1, a))
    return 0;
  TdValue stop = a[1] && !td_is_none(a[1]) ? a[1] : 0;
  return randrange(ts, R(self), a[0], stop, a[2]);
}

TdValue r_randint(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[2];
  if (!td_parse_call(ts, "randint", args, nargs, kw, {"a", "b"}, 2, a))
    return 0;
  TdRef stop(td_binop(ts, TD_OP_ADD, a[1], td_small(1)));
  if (!stop)
    return 0;
  return randrange(ts, R(self), a[0], stop.get(), 0);
}

TdValue r_choice(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[1];
  if (!td_parse_call(ts, "choice", args, nargs, kw, {"seq"}, 1, a))
    return 0;
  int64_t n = sequence_len(ts, a[0]);
  if (n < 0)
    return 0;
  if (n == 0) {
    td_err_set(ts, &td_type_IndexError, "Cannot choose from an empty sequence");
    return 0;
  }
  return item_at(ts, a[0], int64_t(randbelow(R(self), uint64_t(n))));
}

TdValue r_shuffle(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[1];
  if (!td_parse_call(ts, "shuffle", args, nargs, kw, {"x"}, 1, a))
    return 0;
  TdValue x = a[0];
  int64_t n = sequence_len(ts, x);
  if (n < 0)
    return 0;
  for (int64_t i = n - 1; i >= 1; i--) {
    int64_t j = int64_t(randbelow(R(self), uint64_t(i + 1)));
    if (td_is_list(x) && td_as_list(x)->size == n) {
      std::swap(td_as_list(x)->items[i], td_as_list(x)->items[j]);
      continue;
    }
    // Any other mutable sequence: x[i], x[j] = x[j], x[i]
    TdRef xi(td_getitem(ts, x, td_small(i)));
    if (!xi)
      return 0;
    TdRef xj(td_getitem(ts, x, td_small(j)));
    if (!xj || td_setitem(ts, x, td_small(i), xj.get()) < 0 ||
        td_setitem(ts, x, td_small(j), xi.get()) < 0)
      return 0;
  }
  return td_none();
}

// CPython's sample over indices [0, n): which k distinct indices, in
// selection order, with the same draws as random.sample.
std::vector<int64_t> sample_indices(TdRandom *r, int64_t n, int64_t k) {
  std::vector<int64_t> result(size_t(k), 0);
  int64_t setsize = 21; // a small set's size minus an empty list's
  if (k > 5)
    setsize += int64_t(std::pow(4.0, std::ceil(std::log(double(k * 3)) / std::log(4.0))));
  if (n <= setsize) {
    std::vector<int64_t> pool(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; i++)
      pool[size_t(i)] = i;
    for (int64_t i = 0; i < k; i++) {
      int64_t j = int64_t(randbelow(r, uint64_t(n - i)));
      result[size_t(i)] = pool[size_t(j)];
      pool[size_t(j)] = pool[size_t(n - i - 1)];
    }
  } else {
    std::unordered_set<int64_t> selected;
    for (int64_t i = 0; i < k; i++) {
      int64_t j = int64_t(randbelow(r, uint64_t(n)));
      while (selected.count(j))
        j = int64_t(randbelow(r, uint64_t(n)));
      selected.insert(j);
      result[size_t(i)] = j;
    }
  }
  return result;
}

TdValue r_sample(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[3];
  if (!td_parse_call(ts, "sample", args, nargs, kw, {"population", "k", "$counts"}, 2, a))
    return 0;
  TdValue pop = a[0];
  if (td_is_dict(pop) || td_is_anyset(pop)) {
    td_err_set(ts, &td_type_TypeError,
               "Population must be a sequence.  For dicts or sets, use sorted(d).");
    return 0;
  }
  int64_t n = sequence_len(ts, pop);
  if (n < 0)
    return 0;
  int64_t k;
  if (!td_index(ts, a[1], &k))
    return 0;
  std::vector<int64_t> cum; // counts given: cumulative counts, the total popped
  if (a[2] && !td_is_none(a[2])) {
    std::vector<TdValue> counts;
    if (!td_collect(ts, a[2], counts))
      return 0;
    int64_t total = 0;
    bool ok = true;
    for (TdValue c : counts) {
      int64_t x;
      if (!td_is_int(c)) {
        td_err_set(ts, &td_type_TypeError, "Counts must be integers");
        ok = false;
        break;
      }
      if (!td_int_to_i64(ts, c, &x)) {
        ok = false;
        break;
      }
      total += x;
      cum.push_back(total);
    }
    td_release_all(counts);
    if (!ok)
      return 0;
    if (int64_t(cum.size()) != n) {
      td_err_set(ts, &td_type_ValueError, "The number of counts does not match the population");
      return 0;
    }
    if (cum.empty() || cum.back() <= 0) {
      td_err_set(ts, &td_type_ValueError, "Total of counts must be greater than zero");
      return 0;
    }
    n = cum.back();
    cum.pop_back();
  }
  if (k < 0 || k > n) {
    td_err_set(ts, &td_type_ValueError, "Sample larger than population or is negative");
    return 0;
  }
  std::vector<int64_t> picks = sample_indices(R(self), n, k);
  TdRef out(td_list_new(ts, k));
  if (!out)
    return 0;
  for (int64_t j : picks) {
    if (a[2] && !td_is_none(a[2])) // bisect_right(cum, j)
      j = int64_t(std::upper_bound(cum.begin(), cum.end(), j) - cum.begin());
    TdValue v = item_at(ts, pop, j);
    if (!v || td_list_append_steal(ts, out.get(), v) < 0)
      return 0;
  }
  return out.release();
}

TdValue r_choices(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[4];
  if (!td_parse_call(ts, "choices", args, nargs, kw,
                     {"population", "weights", "$cum_weights", "$k"}, 1, a))
    return 0;
  TdRandom *r = R(self);
  TdValue pop = a[0];
  int64_t n = sequence_len(ts, pop);
  if (n < 0)
    return 0;
  int64_t k = 1;
  if (a[3] && !td_index(ts, a[3], &k))
    return 0;
  TdValue weights = a[1] && !td_is_none(a[1]) ? a[1] : 0;
  TdValue cumWeights = a[2] && !td_is_none(a[2]) ? a[2] : 0;
  TdRef out(td_list_new(ts, k > 0 ? k : 0));
  if (!out)
    return 0;
  if (!weights && !cumWeights) {
    double dn = double(n);
    for (int64_t i = 0; i < k; i++) {
      TdValue v = item_at(ts, pop, int64_t(std::floor(random_double(r) * dn)));
      if (!v || td_list_append_steal(ts, out.get(), v) < 0)
        return 0;
    }
    return out.release();
  }
  if (weights && cumWeights) {
    td_err_set(ts, &td_type_TypeError, "Cannot specify both weights and cumulative weights");
    return 0;
  }
  // Cumulative weights as doubles; sums built with Python's + so mixed and
  // exotic weights fail (or not) as under CPython.
  std::vector<TdValue> items;
  if (!td_collect(ts, weights ? weights : cumWeights, items))
    return 0;
  std::vector<double> cum;
  TdRef acc;
  bool ok = true;
  for (TdValue w : items) {
    if (weights) {
      TdValue s = acc ? td_binop(ts, TD_OP_ADD, acc.get(), w) : td_newref(w);
      if (!s) {
        ok = false;
        break;
      }
      acc = TdRef(s);
    }
    double d;
    if (!td_number_to_double(ts, weights ? acc.get() : w, &d)) {
      ok = false;
      break;
    }
    cum.push_back(d);
  }
  td_release_all(items);
  if (!ok)
    return 0;
  if (int64_t(cum.size()) != n) {
    td_err_set(ts, &td_type_ValueError, "The number of weights does not match the population");
    return 0;
  }
  double total = cum.empty() ? 0.0 : cum.back();
  if (cum.empty()) { // CPython indexes cum_weights[-1] of an empty list
    td_err_set(ts, &td_type_IndexError, "list index out of range");
    return 0;
  }
  if (total <= 0.0) {
    td_err_set(ts, &td_type_ValueError, "Total of weights must be greater than zero");
    return 0;
  }
  if (!std::isfinite(total)) {
    td_err_set(ts, &td_type_ValueError, "Total of weights must be finite");
    return 0;
  }
  for (int64_t i = 0; i < k; i++) {
    double x = random_double(r) * total;
    // bisect_right(cum, x, 0, n - 1)
    int64_t lo = 0, hi = n - 1;
    while (lo < hi) {
      int64_t mid = (lo + hi) / 2;
      if (x < cum[size_t(mid)])
        hi = mid;
      else
        lo = mid + 1;
    }
    TdValue v = item_at(ts, pop, lo);
    if (!v || td_list_append_steal(ts, out.get(), v) < 0)
      return 0;
  }
  return out.release();
}

// a + (b - a) * random(), with Python's arithmetic on a and b.
TdValue r_uniform(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[2];
  if (!td_parse_call(ts, "uniform", args, nargs, kw, {"a", "b"}, 2, a))
    return 0;
  TdRef width(td_binop(ts, TD_OP_SUB, a[1], a[0]));
  if (!width)
    return 0;
  TdRef u(td_float_from(ts, random_double(R(self))));
  if (!u)
    return 0;
  TdRef scaled(td_binop(ts, TD_OP_MUL, width.get(), u.get()));
  if (!scaled)
    return 0;
  return td_binop(ts, TD_OP_ADD, a[0], scaled.get());
}

bool mu_sigma(TdThread *ts, const char *fname, Args args, int64_t nargs, TdValue kw, double *mu,
              double *sigma) {
  TdValue a[2];
  if (!td_parse_call(ts, fname, args, nargs, kw, {"mu", "sigma"}, 0, a))
    return false;
  *mu = 0.0;
  *sigma = 1.0;
  return (!a[0] || td_number_to_double(ts, a[0], mu)) &&
         (!a[1] || td_number_to_double(ts, a[1], sigma));
}

TdValue r_gauss(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  double mu, sigma;
  if (!mu_sigma(ts, "gauss", args, nargs, kw, &mu, &sigma))
    return 0;
  TdRandom *r = R(self);
  double z;
  if (r->hasGaussNext) {
    z = r->gaussNext;
    r->hasGaussNext = false;
  } else {
    double x2pi = random_double(r) * (2.0 * std::numbers::pi);
    double g2rad = std::sqrt(-2.0 * std::log(1.0 - random_double(r)));
    z = std::cos(x2pi) * g2rad;
    r->gaussNext = std::sin(x2pi) * g2rad;
    r->hasGaussNext = true;
  }
  return td_float_from(ts, mu + z * sigma);
}

TdValue r_normalvariate(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  double mu, sigma;
  if (!mu_sigma(ts, "normalvariate", args, nargs, kw, &mu, &sigma))
    return 0;
  const double magic = 4 * std::exp(-0.5) / std::sqrt(2.0);
  double z;
  for (;;) {
    double u1 = random_double(R(self));
    double u2 = 1.0 - random_double(R(self));
    z = magic * (u1 - 0.5) / u2;
    if (z * z / 4.0 <= -std::log(u2))
      break;
  }
  return td_float_from(ts, mu + z * sigma);
}

TdValue r_expovariate(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[1];
  double lambd;
  if (!td_parse_call(ts, "expovariate", args, nargs, kw, {"lambd"}, 1, a) ||
      !td_number_to_double(ts, a[0], &lambd))
    return 0;
  double u = random_double(R(self)); // drawn before the division fails, as in CPython
  if (lambd == 0.0) {
    td_err_set(ts, &td_type_ZeroDivisionError, "float division by zero");
    return 0;
  }
  return td_float_from(ts, -std::log(1.0 - u) / lambd);
}

TdValue r_triangular(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[3];
  if (!td_parse_call(ts, "triangular", args, nargs, kw, {"low", "high", "mode"}, 0, a))
    return 0;
  double low = 0.0, high = 1.0, mode = 0.0;
  if ((a[0] && !td_number_to_double(ts, a[0], &low)) ||
      (a[1] && !td_number_to_double(ts, a[1], &high)))
    return 0;
  bool hasMode = a[2] && !td_is_none(a[2]);
  if (hasMode && !td_number_to_double(ts, a[2], &mode))
    return 0;
  double u = random_double(R(self));
  if (high == low)
    return td_float_from(ts, low); // CPython: ZeroDivisionError → low
  double c = hasMode ? (mode - low) / (high - low) : 0.5;
  if (u > c) {
    u = 1.0 - u;
    c = 1.0 - c;
    std::swap(low, high);
  }
  return td_float_from(ts, low + (high - low) * std::sqrt(u * c));
}

int64_t random_hash(TdThread *, TdValue v) { return int64_t(v >> 4); }

struct Entry {
  const char *name;
  TdVectorFn fn;
};

const Entry kFunctions[] = {
    {"seed", r_seed},
    {"random", r_random},
    {"getrandbits", r_getrandbits},
    {"randrange", r_randrange},
    {"randint", r_randint},
    {"choice", r_choice},
    {"shuffle", r_shuffle},
    {"sample", r_sample},
    {"choices", r_choices},
    {"uniform", r_uniform},
    {"gauss", r_gauss},
    {"normalvariate", r_normalvariate},
    {"expovariate", r_expovariate},
    {"triangular", r_triangular},
};

TdType td_type_random_state = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "Random",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = td_free_object,
    .hash = random_hash,
};

} // namespace

TdValue td_random_module_init(TdThread *ts) {
  TdRef mod(td_module_new(ts, "random"));
  if (!mod)
    return 0;
  td_type_ready(&td_type_random_state);
  TdObject *o = td_alloc_object(&td_type_random_state, sizeof(TdRandom));
  if (!o)
    return td_err_nomem(ts);
  TdRef state(td_val(o));
  if (!do_seed(ts, R(state.get()), 0))
    return 0;
  TdValue d = reinterpret_cast<TdModule *>(mod.get())->dict;
  for (const Entry &e : kFunctions) {
    TdRef f(td_builtin_function_new(ts, e.name, e.fn, state.get()));
    if (!f || td_dict_set_str(ts, d, e.name, f.get()) < 0)
      return 0;
  }
  return mod.release();
}
