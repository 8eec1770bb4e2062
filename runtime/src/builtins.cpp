// builtins.cpp — the builtins namespace: print, len, min, sorted, ...
//
// TdRuntime::builtins is a dict from name to value, filled once by
// td_builtins_init and read by td_load_builtin (generated code caches the
// borrowed pointer, which is safe because every value in it is immortal).
// Functions are TdBuiltinFunction objects wrapping a TdVectorFn; the lazy
// iterators (enumerate, zip, map, filter, reversed) are types, as in
// CPython, so isinstance(x, enumerate) works and calling them constructs.
//
// Messages follow CPython 3.11 word for word where users meet them
// ("max() arg is an empty sequence", "EOF when reading a line").
#include <gmp.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "class.h"
#include "containers.h"
#include "generator.h"
#include "runtime.h"
#include "signals.h"
#include "values.h"

extern TdType td_type_enumerate;
extern TdType td_type_zip;
extern TdType td_type_map;
extern TdType td_type_filter;
extern TdType td_type_reversed;

namespace {

using Args = const TdValue *;


// --- print / input -----------------------------------------------------------------

TdValue b_print(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  int64_t nkw = td_kwcount(kw);
  int64_t npos = nargs - nkw;
  TdValue opt[4];
  if (!td_parse_call(ts, "print", args + npos, nkw, kw, {"$sep", "$end", "$file", "$flush"}, 0, opt))
    return 0;
  auto text = [&](TdValue v, const char *what, std::string_view def, std::string &out) {
    if (!v || td_is_none(v)) {
      out = def;
      return true;
    }
    if (!td_is_str(v)) {
      td_err_format(ts, &td_type_TypeError, "%s must be None or a string, not %s", what, td_type_name(v));
      return false;
    }
    out = td_str_view(v);
    return true;
  };
  std::string sep, end;
  if (!text(opt[0], "sep", " ", sep) || !text(opt[1], "end", "\n", end)) return 0;
  TdValue file = opt[2] && !td_is_none(opt[2]) ? opt[2] : td_sys_attr(ts, "stdout");
  if (!file) {
    if (td_err_occurred(ts)) return 0;
    return td_none(); // CPython: print is a no-op when sys.stdout is gone
  }
  std::string out;
  for (int64_t i = 0; i < npos; i++) {
    if (i) out += sep;
    if (!td_str_to(ts, args[i], out)) return 0;
  }
  out += end;
  if (!td_stream_write(ts, file, out)) return 0;
  if (opt[3]) {
    int r = td_truthy(ts, opt[3]);
    if (r < 0 || (r && !td_stream_flush(ts, file))) return 0;
  }
  return td_none();
}

TdValue b_input(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "input", kw) || !td_check_nargs(ts, "input", nargs, 0, 1)) return 0;
  TdValue out = td_sys_attr(ts, "stdout");
  if (nargs == 1) {
    std::string prompt;
    if (!td_str_to(ts, args[0], prompt)) return 0;
    if (out && !td_stream_write(ts, out, prompt)) return 0;
  }
  if (out && !td_stream_flush(ts, out)) return 0;
  std::string line;
  int c;
  for (;;) {
    c = std::fgetc(stdin);
    if (c == EOF && std::ferror(stdin) && errno == EINTR) {
      // A signal interrupted the read: Ctrl-C raises KeyboardInterrupt.
      std::clearerr(stdin);
      if (td_signals_check(ts) < 0) return 0;
      continue;
    }
    if (c == EOF || c == '\n') break;
    line += char(c);
  }
  if (c == EOF && line.empty()) {
    td_err_set(ts, &td_type_EOFError, "EOF when reading a line");
    return 0;
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return td_str_from(ts, line);
}

// --- basic queries -------------------------------------------------------------------

TdValue b_len(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "len", kw) || !td_check_nargs(ts, "len", nargs, 1, 1)) return 0;
  TdType *t = td_type_of(args[0]);
  if (!t->len) {
    td_err_format(ts, &td_type_TypeError, "object of type '%s' has no len()", t->name);
    return 0;
  }
  int64_t n = t->len(ts, args[0]);
  if (n < 0) return 0;
  return td_int_from_i64(ts, n);
}

TdValue b_repr(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "repr", kw) || !td_check_nargs(ts, "repr", nargs, 1, 1)) return 0;
  return td_repr(ts, args[0]);
}

TdValue b_ascii(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "ascii", kw) || !td_check_nargs(ts, "ascii", nargs, 1, 1)) return 0;
  return td_ascii(ts, args[0]);
}

TdValue b_format(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "format", kw) || !td_check_nargs(ts, "format", nargs, 1, 2)) return 0;
  if (nargs == 2) return td_format(ts, args[0], args[1]);
  TdRef empty(td_str_from(ts, ""));
  if (!empty) return 0;
  return td_format(ts, args[0], empty.get());
}

bool is_type(TdValue v) { return !td_is_small(v) && td_obj(v)->type == &td_type_type; }

// 1/0/-1: is `cls` a subclass of classinfo (a type or nested tuple of types)?
int subclass_of(TdThread *ts, TdType *cls, TdValue info, const char *fname) {
  if (is_type(info)) return td_is_subtype(cls, reinterpret_cast<TdType *>(info));
  if (td_is_tuple(info)) {
    for (int64_t i = 0; i < td_as_tuple(info)->size; i++) {
      int r = subclass_of(ts, cls, td_as_tuple(info)->items[i], fname);
      if (r) return r;
    }
    return 0;
  }
  td_err_format(ts, &td_type_TypeError, "%s() arg 2 must be a type, a tuple of types, or a union", fname);
  return -1;
}

TdValue b_isinstance(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "isinstance", kw) || !td_check_nargs(ts, "isinstance", nargs, 2, 2)) return 0;
  int r = subclass_of(ts, td_type_of(args[0]), args[1], "isinstance");
  return r < 0 ? 0 : td_bool(r);
}

TdValue b_issubclass(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "issubclass", kw) || !td_check_nargs(ts, "issubclass", nargs, 2, 2)) return 0;
  if (!is_type(args[0])) {
    td_err_set(ts, &td_type_TypeError, "issubclass() arg 1 must be a class");
    return 0;
  }
  int r = subclass_of(ts, reinterpret_cast<TdType *>(args[0]), args[1], "issubclass");
  return r < 0 ? 0 : td_bool(r);
}

TdValue b_callable(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "callable", kw) || !td_check_nargs(ts, "callable", nargs, 1, 1)) return 0;
  return td_bool(td_is_callable(args[0]));
}

TdValue b_hash(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "hash", kw) || !td_check_nargs(ts, "hash", nargs, 1, 1)) return 0;
  int64_t h = td_hash(ts, args[0]);
  if (h == -1 && td_err_occurred(ts)) return 0;
  return td_int_from_i64(ts, h);
}

TdValue b_id(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "id", kw) || !td_check_nargs(ts, "id", nargs, 1, 1)) return 0;
  return td_int_from_i64(ts, int64_t(args[0] >> 1) | (td_is_small(args[0]) ? 0 : 0));
}

TdValue b_getattr(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "getattr", kw)) return 0;
  if (nargs < 2 || nargs > 3) {
    td_err_format(ts, &td_type_TypeError, "getattr expected %s arguments, got %lld",
                  nargs < 2 ? "at least 2" : "at most 3", (long long)nargs);
    return 0;
  }
  if (!td_is_str(args[1])) {
    td_err_set(ts, &td_type_TypeError, "attribute name must be string");
    return 0;
  }
  TdValue v = td_getattr(ts, args[0], args[1]);
  if (!v && nargs == 3 && td_err_is(ts, &td_type_AttributeError)) {
    td_err_clear(ts);
    return td_newref(args[2]);
  }
  return v;
}

TdValue b_hasattr(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "hasattr", kw) || !td_check_nargs(ts, "hasattr", nargs, 2, 2)) return 0;
  if (!td_is_str(args[1])) {
    td_err_set(ts, &td_type_TypeError, "hasattr(): attribute name must be string");
    return 0;
  }
  TdValue v = td_getattr(ts, args[0], args[1]);
  if (v) {
    td_decref(v);
    return td_bool(true);
  }
  if (!td_err_is(ts, &td_type_AttributeError)) return 0;
  td_err_clear(ts);
  return td_bool(false);
}

TdValue b_setattr(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "setattr", kw) || !td_check_nargs(ts, "setattr", nargs, 3, 3)) return 0;
  if (!td_is_str(args[1])) {
    td_err_set(ts, &td_type_TypeError, "attribute name must be string");
    return 0;
  }
  if (td_setattr(ts, args[0], args[1], args[2]) < 0) return 0;
  return td_none();
}

TdValue b_delattr(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "delattr", kw) || !td_check_nargs(ts, "delattr", nargs, 2, 2)) return 0;
  if (!td_is_str(args[1])) {
    td_err_set(ts, &td_type_TypeError, "attribute name must be string");
    return 0;
  }
  if (td_delattr(ts, args[0], args[1]) < 0) return 0;
  return td_none();
}

// --- numbers ---------------------------------------------------------------------------

TdValue b_abs(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "abs", kw) || !td_check_nargs(ts, "abs", nargs, 1, 1)) return 0;
  TdValue v = args[0];
  if (td_is_small(v)) return td_int_from_i64(ts, std::llabs(td_small_val(v)));
  if (td_is_float(v)) return td_float_from(ts, std::fabs(td_float_val(v)));
  if (td_is_int(v)) return td_unaryop(ts, td_int_sign(v) < 0 ? TD_UOP_NEG : TD_UOP_POS, v);
  if (td_type_of(v)->flags & TD_TF_HEAPTYPE) {
    TdRef name(td_str_from(ts, "__abs__"));
    if (!name) return 0;
    return td_call_method(ts, v, name.get(), nullptr, 0, 0);
  }
  td_err_format(ts, &td_type_TypeError, "bad operand type for abs(): '%s'", td_type_name(v));
  return 0;
}

TdValue b_divmod(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "divmod", kw) || !td_check_nargs(ts, "divmod", nargs, 2, 2)) return 0;
  TdRef q(td_binop(ts, TD_OP_FLOORDIV, args[0], args[1]));
  if (!q) {
    if (td_err_is(ts, &td_type_TypeError) && !(td_type_of(args[0])->flags & TD_TF_HEAPTYPE)) {
      td_err_clear(ts);
      td_err_format(ts, &td_type_TypeError, "unsupported operand type(s) for divmod(): '%s' and '%s'",
                    td_type_name(args[0]), td_type_name(args[1]));
    }
    return 0;
  }
  TdRef r(td_binop(ts, TD_OP_MOD, args[0], args[1]));
  if (!r) return 0;
  return td_tuple_pack(ts, {q.get(), r.get()});
}

TdValue b_pow(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[3];
  if (!td_parse_call(ts, "pow", args, nargs, kw, {"base", "exp", "mod"}, 2, a)) return 0;
  if (!a[2] || td_is_none(a[2])) return td_binop(ts, TD_OP_POW, a[0], a[1]);
  if (!td_is_int(a[0]) || !td_is_int(a[1]) || !td_is_int(a[2])) {
    td_err_set(ts, &td_type_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
    return 0;
  }
  mpz_t b, e, m, r;
  mpz_inits(b, e, m, r, nullptr);
  td_int_to_mpz(a[0], b);
  td_int_to_mpz(a[1], e);
  td_int_to_mpz(a[2], m);
  TdValue result = 0;
  if (mpz_sgn(m) == 0) {
    td_err_set(ts, &td_type_ValueError, "pow() 3rd argument cannot be 0");
  } else {
    mpz_t am;
    mpz_init(am);
    mpz_abs(am, m);
    bool ok = true;
    if (mpz_sgn(e) < 0) {
      mpz_t inv;
      mpz_init(inv);
      if (!mpz_invert(inv, b, am)) {
        td_err_set(ts, &td_type_ValueError, "base is not invertible for the given modulus");
        ok = false;
      } else {
        mpz_neg(e, e);
        mpz_powm(r, inv, e, am);
      }
      mpz_clear(inv);
    } else {
      mpz_powm(r, b, e, am);
    }
    if (ok) {
      if (mpz_sgn(m) < 0 && mpz_sgn(r) != 0) mpz_add(r, r, m);
      result = td_int_from_mpz(ts, r);
    }
    mpz_clear(am);
  }
  mpz_clears(b, e, m, r, nullptr);
  return result;
}

// Rounds the exact decimal expansion `digits` (no sign, with a '.') half to
// even at `nd` digits after the point (nd may be negative).
std::string round_decimal(const std::string &exact, int64_t nd) {
  size_t dot = exact.find('.');
  std::string intPart = exact.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : exact.substr(dot + 1);
  std::string all = intPart + frac;             // digits
  int64_t keep = int64_t(intPart.size()) + nd;  // digits kept
  if (keep < 0) return "0";
  if (keep >= int64_t(all.size())) return exact;
  bool roundUp = false;
  char next = all[size_t(keep)];
  if (next > '5') {
    roundUp = true;
  } else if (next == '5') {
    bool rest = all.find_first_not_of('0', size_t(keep) + 1) != std::string::npos;
    bool odd = keep > 0 && ((all[size_t(keep) - 1] - '0') & 1);
    roundUp = rest || odd;
  }
  std::string kept = all.substr(0, size_t(keep));
  if (kept.empty()) kept = "0";
  if (roundUp) {
    int64_t i = int64_t(kept.size()) - 1;
    for (; i >= 0; i--) {
      if (kept[size_t(i)] == '9') {
        kept[size_t(i)] = '0';
      } else {
        kept[size_t(i)]++;
        break;
      }
    }
    if (i < 0) {
      kept.insert(kept.begin(), '1');
      keep++;
    }
  }
  // Rebuild as a number string: kept digits times 10^-nd.
  std::string s = kept;
  if (nd > 0) {
    if (int64_t(s.size()) <= nd) s.insert(0, size_t(nd - int64_t(s.size()) + 1), '0');
    s.insert(s.size() - size_t(nd), ".");
  } else {
    s.append(size_t(-nd), '0');
  }
  return s;
}

TdValue b_round(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[2];
  if (!td_parse_call(ts, "round", args, nargs, kw, {"number", "ndigits"}, 1, a)) return 0;
  TdValue x = a[0];
  bool hasNd = a[1] && !td_is_none(a[1]);
  int64_t nd = 0;
  if (hasNd && !td_index(ts, a[1], &nd)) return 0;
  if (td_is_int(x)) {
    if (!hasNd || nd >= 0) return td_unaryop(ts, TD_UOP_POS, x);
    // Round to a multiple of 10^-nd, halves to even.
    TdRef ten(td_small(10));
    TdRef p(td_binop(ts, TD_OP_POW, td_small(10), td_small(-nd)));
    if (!p) return 0;
    TdRef r(td_binop(ts, TD_OP_MOD, x, p.get()));
    if (!r) return 0;
    TdRef base(td_binop(ts, TD_OP_SUB, x, r.get()));
    TdRef twice(td_binop(ts, TD_OP_MUL, r.get(), td_small(2)));
    if (!base || !twice) return 0;
    int gt = td_compare_bool(ts, TD_CMP_GT, twice.get(), p.get());
    int eq = td_compare_bool(ts, TD_CMP_EQ, twice.get(), p.get());
    if (gt < 0 || eq < 0) return 0;
    bool up = gt == 1;
    if (eq == 1) {
      TdRef q(td_binop(ts, TD_OP_FLOORDIV, x, p.get()));
      TdRef odd(q ? td_binop(ts, TD_OP_AND, q.get(), td_small(1)) : 0);
      if (!odd) return 0;
      up = odd.get() == td_small(1);
    }
    if (!up) return base.release();
    return td_binop(ts, TD_OP_ADD, base.get(), p.get());
  }
  if (td_is_float(x)) {
    double d = td_float_val(x);
    if (!hasNd) {
      double r = std::nearbyint(d);
      TdRef f(td_float_from(ts, r));
      if (!f) return 0;
      return td_call1(ts, td_val(&td_type_int), f.get());
    }
    if (!std::isfinite(d) || d == 0.0 || nd > 400) return td_float_from(ts, d);
    if (nd < -400) return td_float_from(ts, std::copysign(0.0, d));
    std::vector<char> buf(1500);
    int n = std::snprintf(buf.data(), buf.size(), "%.1100f", std::fabs(d));
    std::string exact(buf.data(), size_t(n));
    std::string rounded = round_decimal(exact, nd);
    double r = std::strtod(rounded.c_str(), nullptr);
    if (std::isinf(r)) {
      td_err_set(ts, &td_type_OverflowError, "rounded value too large to represent");
      return 0;
    }
    return td_float_from(ts, std::copysign(r, d));
  }
  if (td_type_of(x)->flags & TD_TF_HEAPTYPE) {
    TdRef name(td_str_from(ts, "__round__"));
    if (!name) return 0;
    return td_call_method(ts, x, name.get(), a + 1, hasNd ? 1 : 0, 0);
  }
  td_err_format(ts, &td_type_TypeError, "type %s doesn't define __round__ method", td_type_name(x));
  return 0;
}

TdValue int_to_base(TdThread *ts, const char *fname, TdValue v, const char *spec) {
  if (!td_is_int(v)) {
    td_err_format(ts, &td_type_TypeError, "'%s' object cannot be interpreted as an integer",
                  td_type_name(v));
    return 0;
  }
  (void)fname;
  TdRef s(td_str_from(ts, spec));
  if (!s) return 0;
  return td_format(ts, v, s.get());
}

TdValue b_hex(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "hex", kw) || !td_check_nargs(ts, "hex", nargs, 1, 1)) return 0;
  return int_to_base(ts, "hex", args[0], "#x");
}
TdValue b_oct(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "oct", kw) || !td_check_nargs(ts, "oct", nargs, 1, 1)) return 0;
  return int_to_base(ts, "oct", args[0], "#o");
}
TdValue b_bin(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "bin", kw) || !td_check_nargs(ts, "bin", nargs, 1, 1)) return 0;
  return int_to_base(ts, "bin", args[0], "#b");
}

TdValue b_chr(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "chr", kw) || !td_check_nargs(ts, "chr", nargs, 1, 1)) return 0;
  int64_t c;
  if (!td_is_int(args[0])) {
    td_err_format(ts, &td_type_TypeError, "'%s' object cannot be interpreted as an integer",
                  td_type_name(args[0]));
    return 0;
  }
  if (!td_index(ts, args[0], &c)) {
    td_err_clear(ts);
    td_err_set(ts, &td_type_OverflowError, "Python int too large to convert to C int");
    return 0;
  }
  if (c < 0 || c > 0x10ffff) {
    td_err_set(ts, &td_type_ValueError, "chr() arg not in range(0x110000)");
    return 0;
  }
  char buf[4];
  size_t n;
  uint32_t cp = uint32_t(c);
  if (cp < 0x80) {
    buf[0] = char(cp);
    n = 1;
  } else if (cp < 0x800) {
    buf[0] = char(0xc0 | (cp >> 6));
    buf[1] = char(0x80 | (cp & 0x3f));
    n = 2;
  } else if (cp < 0x10000) {
    buf[0] = char(0xe0 | (cp >> 12));
    buf[1] = char(0x80 | ((cp >> 6) & 0x3f));
    buf[2] = char(0x80 | (cp & 0x3f));
    n = 3;
  } else {
    buf[0] = char(0xf0 | (cp >> 18));
    buf[1] = char(0x80 | ((cp >> 12) & 0x3f));
    buf[2] = char(0x80 | ((cp >> 6) & 0x3f));
    buf[3] = char(0x80 | (cp & 0x3f));
    n = 4;
  }
  return td_str_from(ts, std::string_view(buf, n));
}

TdValue b_ord(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "ord", kw) || !td_check_nargs(ts, "ord", nargs, 1, 1)) return 0;
  if (!td_is_str(args[0])) {
    td_err_format(ts, &td_type_TypeError, "ord() expected string of length 1, but %s found",
                  td_type_name(args[0]));
    return 0;
  }
  TdStr *s = td_as_str(args[0]);
  if (s->length != 1) {
    td_err_format(ts, &td_type_TypeError, "ord() expected a character, but string of length %lld found",
                  (long long)s->length);
    return 0;
  }
  auto *p = reinterpret_cast<const unsigned char *>(s->data);
  uint32_t cp;
  if (p[0] < 0x80) cp = p[0];
  else if (p[0] < 0xe0) cp = ((p[0] & 0x1fu) << 6) | (p[1] & 0x3fu);
  else if (p[0] < 0xf0) cp = ((p[0] & 0x0fu) << 12) | ((p[1] & 0x3fu) << 6) | (p[2] & 0x3fu);
  else cp = ((p[0] & 0x07u) << 18) | ((p[1] & 0x3fu) << 12) | ((p[2] & 0x3fu) << 6) | (p[3] & 0x3fu);
  return td_small(cp);
}

// --- iteration-based ---------------------------------------------------------------------

TdValue b_any_all(TdThread *ts, Args args, int64_t nargs, TdValue kw, bool isAll) {
  const char *name = isAll ? "all" : "any";
  if (!td_no_kwargs(ts, name, kw) || !td_check_nargs(ts, name, nargs, 1, 1)) return 0;
  TdRef it(td_iter(ts, args[0]));
  if (!it) return 0;
  for (;;) {
    TdValue x = td_next(ts, it.get());
    if (x == TD_DONE) return td_bool(isAll);
    if (!x) return 0;
    int r = td_truthy(ts, x);
    td_decref(x);
    if (r < 0) return 0;
    if (bool(r) != isAll) return td_bool(!isAll);
  }
}
TdValue b_any(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  return b_any_all(ts, args, nargs, kw, false);
}
TdValue b_all(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  return b_any_all(ts, args, nargs, kw, true);
}

TdValue b_minmax(TdThread *ts, Args args, int64_t nargs, TdValue kw, bool isMax) {
  const char *name = isMax ? "max" : "min";
  int64_t nkw = td_kwcount(kw);
  int64_t npos = nargs - nkw;
  TdValue opt[2];
  if (!td_parse_call(ts, name, args + npos, nkw, kw, {"$key", "$default"}, 0, opt)) return 0;
  if (npos == 0) {
    td_err_format(ts, &td_type_TypeError, "%s expected at least 1 argument, got 0", name);
    return 0;
  }
  if (npos > 1 && opt[1]) {
    td_err_format(ts, &td_type_TypeError,
                  "Cannot specify a default for %s() with multiple positional arguments", name);
    return 0;
  }
  TdValue key = opt[0] && !td_is_none(opt[0]) ? opt[0] : 0;
  std::vector<TdValue> items;
  if (npos == 1) {
    if (!td_collect(ts, args[0], items)) return 0;
  } else {
    for (int64_t i = 0; i < npos; i++) items.push_back(td_newref(args[i]));
  }
  if (items.empty()) {
    if (opt[1]) return td_newref(opt[1]);
    td_err_format(ts, &td_type_ValueError, "%s() arg is an empty sequence", name);
    return 0;
  }
  TdValue best = items[0], bestKey = key ? td_call1(ts, key, best) : td_newref(best);
  bool ok = bestKey != 0;
  for (size_t i = 1; ok && i < items.size(); i++) {
    TdValue k = key ? td_call1(ts, key, items[i]) : td_newref(items[i]);
    if (!k) {
      ok = false;
      break;
    }
    int r = td_compare_bool(ts, isMax ? TD_CMP_GT : TD_CMP_LT, k, bestKey);
    if (r < 0) {
      td_decref(k);
      ok = false;
      break;
    }
    if (r) {
      td_decref(bestKey);
      bestKey = k;
      best = items[i];
    } else {
      td_decref(k);
    }
  }
  td_decref(bestKey);
  TdValue result = ok ? td_newref(best) : 0;
  td_release_all(items);
  return result;
}
TdValue b_max(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  return b_minmax(ts, args, nargs, kw, true);
}
TdValue b_min(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  return b_minmax(ts, args, nargs, kw, false);
}

TdValue b_sum(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[2];
  if (!td_parse_call(ts, "sum", args, nargs, kw, {"iterable", "start"}, 1, a)) return 0;
  TdValue start = a[1] ? a[1] : td_small(0);
  if (td_is_str(start)) {
    td_err_set(ts, &td_type_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    return 0;
  }
  if (td_type_of(start) == &td_type_bytes) {
    td_err_set(ts, &td_type_TypeError, "sum() can't sum bytes [use b''.join(seq) instead]");
    return 0;
  }
  TdRef it(td_iter(ts, a[0]));
  if (!it) return 0;
  TdValue acc = td_newref(start);
  for (;;) {
    TdValue x = td_next(ts, it.get());
    if (x == TD_DONE) return acc;
    if (!x) {
      td_decref(acc);
      return 0;
    }
    if (td_is_small(acc) && td_is_small(x)) {
      int64_t r = td_small_val(acc) + td_small_val(x);
      acc = td_int_from_i64(ts, r); // small + small cannot overflow int64
      continue;
    }
    TdValue next = td_binop(ts, TD_OP_ADD, acc, x);
    td_decref(acc);
    td_decref(x);
    if (!next) return 0;
    acc = next;
  }
}

TdValue b_sorted(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  int64_t npos = nargs - td_kwcount(kw);
  if (npos != 1) {
    td_err_format(ts, &td_type_TypeError, "sorted expected 1 argument, got %lld", (long long)npos);
    return 0;
  }
  TdValue opt[2];
  if (!td_parse_call(ts, "sort", args + 1, nargs - 1, kw, {"$key", "$reverse"}, 0, opt)) return 0;
  bool reverse = false;
  if (opt[1]) {
    int r = td_truthy(ts, opt[1]);
    if (r < 0) return 0;
    reverse = r;
  }
  TdValue list = td_list_from_iterable(ts, args[0]);
  if (!list) return 0;
  if (td_list_sort(ts, list, opt[0] && !td_is_none(opt[0]) ? opt[0] : 0, reverse) < 0) {
    td_decref(list);
    return 0;
  }
  return list;
}

TdValue b_iter(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "iter", kw) || !td_check_nargs(ts, "iter", nargs, 1, 1)) return 0;
  return td_iter(ts, args[0]);
}

TdValue b_next(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "next", kw) || !td_check_nargs(ts, "next", nargs, 1, 2)) return 0;
  if (!td_type_of(args[0])->next) {
    td_err_format(ts, &td_type_TypeError, "'%s' object is not an iterator", td_type_name(args[0]));
    return 0;
  }
  // A generator's StopIteration carries its return value.
  if (nargs == 1 && td_is_generator(args[0])) return td_gen_next_or_stop(ts, args[0]);
  TdValue x = td_next(ts, args[0]);
  if (x != TD_DONE) return x;
  if (nargs == 2) return td_newref(args[1]);
  TdRef exc(td_call0(ts, td_val(&td_type_StopIteration)));
  if (exc) td_err_set_value(ts, exc.get());
  return 0;
}

// --- iterator types: enumerate, zip, map, filter, reversed -----------------------------

struct IterObj {
  TdObject ob;
  TdValue a;     // enumerate/filter/reversed: source; map/filter: function
  TdValue b;     // map/zip: list of iterators; filter: iterator
  int64_t count; // enumerate counter, reversed index
  TdValue big;   // enumerate: counter once it left int64 (owned), or 0
};

IterObj *I(TdValue v) { return reinterpret_cast<IterObj *>(v); }

void iterobj_dealloc(TdObject *o) {
  td_decref(I(td_val(o))->a);
  td_decref(I(td_val(o))->b);
  td_decref(I(td_val(o))->big);
  td_free_object(o);
}

TdValue iter_self(TdThread *, TdValue self) { return td_newref(self); }

TdValue new_iterobj(TdThread *ts, TdType *type, TdValue a, TdValue b, int64_t count) {
  TdObject *o = td_alloc_object(type, sizeof(IterObj));
  if (!o) {
    td_decref(a);
    td_decref(b);
    return td_err_nomem(ts);
  }
  IterObj *it = reinterpret_cast<IterObj *>(o);
  it->a = a;
  it->b = b;
  it->count = count;
  it->big = 0;
  return td_val(o);
}

TdValue enumerate_next(TdThread *ts, TdValue self) {
  IterObj *it = I(self);
  TdValue x = td_next(ts, it->a);
  if (!x || x == TD_DONE) return x;
  TdValue idx;
  if (it->big) {
    idx = td_newref(it->big);
    TdValue nb = td_binop(ts, TD_OP_ADD, it->big, td_small(1));
    td_decref(it->big);
    it->big = nb;
  } else {
    idx = td_int_from_i64(ts, it->count);
    if (it->count == INT64_MAX) it->big = td_binop(ts, TD_OP_ADD, idx, td_small(1));
    else it->count++;
  }
  if (!idx) {
    td_decref(x);
    return 0;
  }
  TdValue t = td_tuple_new(ts, 2);
  if (!t) {
    td_decref(x);
    td_decref(idx);
    return 0;
  }
  td_as_tuple(t)->items[0] = idx;
  td_as_tuple(t)->items[1] = x;
  return t;
}

TdValue enumerate_construct(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[2];
  if (!td_parse_call(ts, "enumerate", args, nargs, kw, {"iterable", "start"}, 1, a)) return 0;
  int64_t start = 0;
  TdValue big = 0;
  if (a[1]) {
    if (!td_is_int(a[1])) {
      td_err_format(ts, &td_type_TypeError, "'%s' object cannot be interpreted as an integer",
                    td_type_name(a[1]));
      return 0;
    }
    if (!td_index(ts, a[1], &start)) {
      td_err_clear(ts);
      big = td_newref(a[1]);
    }
  }
  TdValue it = td_iter(ts, a[0]);
  if (!it) {
    td_decref(big);
    return 0;
  }
  TdValue r = new_iterobj(ts, &td_type_enumerate, it, 0, start);
  if (r) I(r)->big = big;
  else td_decref(big);
  return r;
}

// zip: b is a tuple of iterators.
TdValue zip_next(TdThread *ts, TdValue self) {
  IterObj *it = I(self);
  if (!it->b) return TD_DONE;
  TdTupleHead *its = td_as_tuple(it->b);
  if (its->size == 0) return TD_DONE;
  TdValue t = td_tuple_new(ts, its->size);
  if (!t) return 0;
  for (int64_t i = 0; i < its->size; i++) {
    TdValue x = td_next(ts, its->items[i]);
    if (!x || x == TD_DONE) {
      td_decref(t);
      if (x == TD_DONE) {
        if (it->count && i > 0) { // strict=True
          td_err_format(ts, &td_type_ValueError, "zip() argument %lld is shorter than argument%s%s",
                        (long long)(i + 1), i == 1 ? " " : "s 1-", std::to_string(i).c_str());
          return 0;
        }
        if (it->count && i == 0) {
          for (int64_t j = 1; j < its->size; j++) {
            TdValue y = td_next(ts, its->items[j]);
            if (!y) return 0;
            if (y != TD_DONE) {
              td_decref(y);
              td_err_format(ts, &td_type_ValueError, "zip() argument %lld is longer than argument%s%s",
                            (long long)(j + 1), j == 1 ? " " : "s 1-", std::to_string(j).c_str());
              return 0;
            }
          }
        }
        TdValue b = it->b;
        it->b = 0;
        td_decref(b);
      }
      return x == TD_DONE ? TD_DONE : 0;
    }
    td_as_tuple(t)->items[i] = x;
  }
  return t;
}

TdValue zip_construct(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  int64_t nkw = td_kwcount(kw);
  int64_t npos = nargs - nkw;
  TdValue opt[1];
  if (!td_parse_call(ts, "zip", args + npos, nkw, kw, {"$strict"}, 0, opt)) return 0;
  bool strict = false;
  if (opt[0]) {
    int r = td_truthy(ts, opt[0]);
    if (r < 0) return 0;
    strict = r;
  }
  TdValue its = td_tuple_new(ts, npos);
  if (!its) return 0;
  for (int64_t i = 0; i < npos; i++) {
    TdValue x = td_iter(ts, args[i]);
    if (!x) {
      td_decref(its);
      return 0;
    }
    td_as_tuple(its)->items[i] = x;
  }
  return new_iterobj(ts, &td_type_zip, 0, its, strict ? 1 : 0);
}

// map: a is the function, b a tuple of iterators.
TdValue map_next(TdThread *ts, TdValue self) {
  IterObj *it = I(self);
  TdTupleHead *its = td_as_tuple(it->b);
  std::vector<TdValue> vals;
  for (int64_t i = 0; i < its->size; i++) {
    TdValue x = td_next(ts, its->items[i]);
    if (!x || x == TD_DONE) {
      td_release_all(vals);
      return x;
    }
    vals.push_back(x);
  }
  TdValue r = td_call(ts, it->a, vals.data(), int64_t(vals.size()), 0);
  td_release_all(vals);
  return r;
}

TdValue map_construct(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "map", kw)) return 0;
  if (nargs < 2) {
    td_err_set(ts, &td_type_TypeError, "map() must have at least two arguments.");
    return 0;
  }
  TdValue its = td_tuple_new(ts, nargs - 1);
  if (!its) return 0;
  for (int64_t i = 1; i < nargs; i++) {
    TdValue x = td_iter(ts, args[i]);
    if (!x) {
      td_decref(its);
      return 0;
    }
    td_as_tuple(its)->items[i - 1] = x;
  }
  return new_iterobj(ts, &td_type_map, td_newref(args[0]), its, 0);
}

// filter: a is the predicate (None: truth), b the iterator.
TdValue filter_next(TdThread *ts, TdValue self) {
  IterObj *it = I(self);
  for (;;) {
    TdValue x = td_next(ts, it->b);
    if (!x || x == TD_DONE) return x;
    int r;
    if (td_is_none(it->a)) {
      r = td_truthy(ts, x);
    } else {
      TdValue k = td_call1(ts, it->a, x);
      r = k ? td_truthy(ts, k) : -1;
      td_decref(k);
    }
    if (r < 0) {
      td_decref(x);
      return 0;
    }
    if (r) return x;
    td_decref(x);
  }
}

TdValue filter_construct(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "filter", kw) || !td_check_nargs(ts, "filter", nargs, 2, 2)) return 0;
  TdValue x = td_iter(ts, args[1]);
  if (!x) return 0;
  return new_iterobj(ts, &td_type_filter, td_newref(args[0]), x, 0);
}

// reversed: a is the sequence, count the next index (-1: done).
TdValue reversed_next(TdThread *ts, TdValue self) {
  IterObj *it = I(self);
  if (it->count < 0) return TD_DONE;
  if (td_is_list(it->a)) { // a list may shrink meanwhile
    if (it->count >= td_as_list(it->a)->size) {
      it->count = -1;
      return TD_DONE;
    }
    return td_newref(td_as_list(it->a)->items[it->count--]);
  }
  TdValue r = td_getitem(ts, it->a, td_small(it->count));
  if (!r && td_err_is(ts, &td_type_IndexError)) {
    td_err_clear(ts);
    it->count = -1;
    return TD_DONE;
  }
  it->count--;
  return r;
}

TdValue reversed_construct(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "reversed", kw) || !td_check_nargs(ts, "reversed", nargs, 1, 1)) return 0;
  TdValue seq = args[0];
  TdType *t = td_type_of(seq);
  if (td_is_dict(seq) || t == &td_type_dict_keys) {
    // Reverse insertion order: materialise the keys.
    TdValue list = td_list_from_iterable(ts, seq);
    if (!list) return 0;
    return new_iterobj(ts, &td_type_reversed, list, 0, td_as_list(list)->size - 1);
  }
  if (!t->getitem || !t->len || td_is_dict(seq)) {
    td_err_format(ts, &td_type_TypeError, "'%s' object is not reversible", t->name);
    return 0;
  }
  int64_t n = t->len(ts, seq);
  if (n < 0) return 0;
  return new_iterobj(ts, &td_type_reversed, td_newref(seq), 0, n - 1);
}

} // namespace

#define TD_ITER_TYPE(NAME, NEXT, CONSTRUCT)                                                      \
  TdType td_type_##NAME = {                                                                    \
      .ob = TD_STATIC_TYPE_HEAD,                                                               \
      .name = #NAME,                                                                           \
      .base = &td_type_object,                                                                 \
      .flags = 0,                                                                              \
      .dealloc = iterobj_dealloc,                                                              \
      .iter = iter_self,                                                                       \
      .next = NEXT,                                                                            \
      .construct = CONSTRUCT,                                                                  \
  };
TD_ITER_TYPE(enumerate, enumerate_next, enumerate_construct)
TD_ITER_TYPE(zip, zip_next, zip_construct)
TD_ITER_TYPE(map, map_next, map_construct)
TD_ITER_TYPE(filter, filter_next, filter_construct)
TD_ITER_TYPE(reversed, reversed_next, reversed_construct)

// ---------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------

namespace {

// exit(code=None) / quit(code=None): what CPython's site module adds for the
// REPL (and scripts): raise SystemExit(code).
TdValue b_exit(TdThread *ts, TdValue, const TdValue *args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "exit", kw) || !td_check_nargs(ts, "exit", nargs, 0, 1)) return 0;
  TdRef exc(td_call(ts, td_val(&td_type_SystemExit), args, nargs, 0));
  if (exc) td_err_set_value(ts, exc.get());
  return 0;
}

struct BuiltinFn {
  const char *name;
  TdVectorFn fn;
};

const BuiltinFn kFunctions[] = {
    {"print", b_print},       {"input", b_input},       {"len", b_len},
    {"repr", b_repr},         {"ascii", b_ascii},       {"format", b_format},
    {"isinstance", b_isinstance}, {"issubclass", b_issubclass}, {"callable", b_callable},
    {"hash", b_hash},         {"id", b_id},             {"getattr", b_getattr},
    {"hasattr", b_hasattr},   {"setattr", b_setattr},   {"delattr", b_delattr},
    {"abs", b_abs},           {"divmod", b_divmod},     {"pow", b_pow},
    {"round", b_round},       {"hex", b_hex},           {"oct", b_oct},
    {"bin", b_bin},           {"chr", b_chr},           {"ord", b_ord},
    {"any", b_any},           {"all", b_all},           {"max", b_max},
    {"min", b_min},           {"sum", b_sum},           {"sorted", b_sorted},
    {"iter", b_iter},         {"next", b_next},         {"exit", b_exit},
    {"quit", b_exit},
};

} // namespace

bool td_builtins_init(TdThread *ts) {
  TdRuntime *rt = ts->rt;
  TdValue b = rt->builtins;
  for (const BuiltinFn &f : kFunctions) {
    TdValue fn = td_builtin_function_new(ts, f.name, f.fn, 0);
    if (!fn) return false;
    td_runtime_immortal(rt, fn);
    if (td_dict_set_str(ts, b, f.name, fn) < 0) return false;
  }
  struct Named {
    const char *name;
    TdType *type;
  };
  const Named types[] = {
      {"int", &td_type_int},         {"float", &td_type_float},   {"str", &td_type_str},
      {"bool", &td_type_bool},       {"bytes", &td_type_bytes},   {"list", &td_type_list},
      {"tuple", &td_type_tuple},     {"dict", &td_type_dict},     {"set", &td_type_set},
      {"frozenset", &td_type_frozenset}, {"range", &td_type_range}, {"slice", &td_type_slice},
      {"type", &td_type_type},       {"object", &td_type_object}, {"enumerate", &td_type_enumerate},
      {"zip", &td_type_zip},         {"map", &td_type_map},       {"filter", &td_type_filter},
      {"reversed", &td_type_reversed},
#define X(NAME, BASE) {#NAME, &td_type_##NAME},
      TD_EXCEPTION_TYPES(X)
#undef X
      {"BaseExceptionGroup", &td_type_BaseExceptionGroup},
      {"ExceptionGroup", &td_type_ExceptionGroup},
  };
  for (const Named &n : types)
    if (td_dict_set_str(ts, b, n.name, td_val(n.type)) < 0) return false;
  if (td_dict_set_str(ts, b, "NotImplemented", td_val(&td_NotImplemented)) < 0) return false;
  if (td_dict_set_str(ts, b, "Ellipsis", td_val(&td_Ellipsis)) < 0) return false;
  // dict.fromkeys lives in the dict type's class dict (type_getattr looks
  // there first), bound to nothing: it ignores its self.
  TdValue classDict = td_dict_new(ts);
  if (!classDict) return false;
  td_runtime_immortal(rt, classDict);
  TdValue fromkeys = td_builtin_function_new(ts, "fromkeys", td_dict_fromkeys, td_val(&td_type_dict));
  if (!fromkeys) return false;
  td_runtime_immortal(rt, fromkeys);
  if (td_dict_set_str(ts, classDict, "fromkeys", fromkeys) < 0) return false;
  td_type_dict.dict = classDict;
  return td_descr_builtins_init(ts); // property, staticmethod, classmethod, super
}

extern "C" TdValue td_load_builtin(TdThread *ts, const char *name, TdValue *cache) {
  TdValue v = td_dict_get_str(ts, ts->rt->builtins, name);
  if (!v) {
    if (!td_err_occurred(ts)) td_raise_name_error(ts, name);
    return 0;
  }
  if (cache) *cache = v;
  return td_newref(v);
}

TdValue td_sys_attr(TdThread *ts, const char *name) {
  TdValue sysmod = td_dict_get_str(ts, ts->rt->modules, "sys");
  if (!sysmod) return 0;
  return td_dict_get_str(ts, reinterpret_cast<TdModule *>(sysmod)->dict, name);
}
