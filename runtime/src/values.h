// values.h — layouts and helpers shared by the value types (private to
// runtime/): int.cpp, float.cpp, str.cpp, bool.cpp, bytes.cpp, format.cpp,
// ops.cpp, object.cpp.
//
// Glossary
//   TdBigInt   an int outside the small range [-2^62, 2^62): a GMP mpz_t.
//              Invariant: a TdBigInt never holds a value that fits the small
//              range, so two ints are equal only if both are small and their
//              words are equal, or both are big and their mpz compare equal.
//   TdFloat    a boxed double.
//   TdStr      UTF-8 bytes (NUL-terminated for convenience) plus the cached
//              code-point length, hash (-1: not computed yet) and an ASCII
//              flag that lets indexing and slicing work on bytes directly.
//   TdBytes    raw bytes, NUL-terminated.
//
// Other engineers' code may include this header to read a str's bytes or a
// float's value inline, but should prefer the functions in object.h.
#pragma once

#include <gmp.h>

#include <string>
#include <string_view>

#include "object.h"

struct TdBigInt {
  TdObject ob;
  mpz_t z;
};

struct TdFloat {
  TdObject ob;
  double value;
};

struct TdStr {
  TdObject ob;
  int64_t size;   // bytes
  int64_t length; // code points
  int64_t hash;   // -1 until computed
  bool ascii;
  char data[];    // size bytes + NUL
};

struct TdBytes {
  TdObject ob;
  int64_t size;
  int64_t hash; // -1 until computed
  char data[];  // size bytes + NUL
};

extern "C" TdType td_type_bool;
extern "C" TdType td_type_float;
extern "C" TdType td_type_str;
extern "C" TdType td_type_bytes;
extern "C" TdType td_type_NoneType;
extern "C" TdType td_type_NotImplementedType;
extern "C" TdType td_type_ellipsis;
extern "C" TdType td_type_builtin_method;
extern "C" TdType td_type_str_iterator;
extern "C" TdType td_type_bytes_iterator;
extern "C" TdType td_type_method_descriptor;

inline bool td_is_bigint(TdValue v) {
  return !td_is_small(v) && td_obj(v)->type == &td_type_int;
}
inline TdStr *td_as_str(TdValue v) { return reinterpret_cast<TdStr *>(v); }

// --- int.cpp -------------------------------------------------------------
// Small int or bool: its value.  False for big ints and non-ints.
inline bool td_int_small_value(TdValue v, int64_t *out) {
  if (td_is_small(v)) {
    *out = td_small_val(v);
    return true;
  }
  if (v == td_val(&td_True) || v == td_val(&td_False)) {
    *out = v == td_val(&td_True);
    return true;
  }
  return false;
}
// Copies any int (small, bool, big) into `out` (initialised by the caller).
void td_int_to_mpz(TdValue v, mpz_t out);
// A new int from `z`, small whenever it fits.
TdValue td_int_from_mpz(TdThread *ts, const mpz_t z);
// Correctly rounded int → double; false + OverflowError if too large.
bool td_int_to_double(TdThread *ts, TdValue v, double *out);
// Exact comparison of an int with a double: -1, 0, 1, or 2 when d is NaN.
int td_int_cmp_double(TdValue i, double d);
// Digits of |v| in `base` (2, 8, 10, 16; lower case) and its sign.
std::string td_int_digits(TdValue v, int base, bool *negative);
// Python's hash of an integral value held in an mpz.
int64_t td_hash_mpz(const mpz_t z);
int td_int_sign(TdValue v);
TdValue td_int_hash_value(TdThread *ts, TdValue v);

// --- float.cpp -----------------------------------------------------------
// repr(d) exactly as CPython prints it.
std::string td_float_repr(double d);
int64_t td_hash_double(double d, TdValue forNan);
// float('...') parsing; false if `s` is not a float literal.
bool td_parse_float(std::string_view s, double *out);

// --- str.cpp -------------------------------------------------------------
TdValue td_str_from_ascii(TdThread *ts, std::string_view ascii);
TdValue td_str_new_uninit(TdThread *ts, int64_t size, TdStr **out);
// Recomputes length/ascii of a freshly filled str.
void td_str_finish(TdStr *s);
// str % args.
TdValue td_str_mod(TdThread *ts, TdValue fmt, TdValue args);
// repr of a str as CPython writes it, appended to out.
void td_str_repr_append(std::string_view s, std::string &out);
bool td_is_space_cp(uint32_t cp);
// bytes.decode(encoding, errors): utf-8, ascii, latin-1.
TdValue td_bytes_decode_to_str(TdThread *ts, std::string_view b, std::string_view encoding,
                               std::string_view errors);
// str.format (format.cpp).
TdValue td_str_format_method(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs,
                             TdValue kwnames);

// --- bytes.cpp -----------------------------------------------------------
TdValue td_bytes_from(TdThread *ts, std::string_view b);

// --- format.cpp ----------------------------------------------------------
TdValue td_format_int(TdThread *ts, TdValue v, std::string_view spec);
TdValue td_format_float(TdThread *ts, TdValue v, std::string_view spec);
TdValue td_format_str(TdThread *ts, TdValue v, std::string_view spec);
// "%.*g"-style helper used by repr and %-formatting: formats d with C's
// printf conventions for 'e', 'f', 'g' and the CPython tweaks for 'r'.
std::string td_format_double(double d, char type, int precision, bool alt);

// --- ops.cpp -------------------------------------------------------------
const char *td_binop_symbol(int op);

// Appends str b to str a, which has exactly one reference (the caller's),
// reallocating a in place.  Returns the (possibly moved) string, which takes
// over that reference; 0 on error, a untouched.
TdValue td_str_append_inplace(TdThread *ts, TdValue a, TdValue b);

