// unicode.h — the runtime's Unicode character database: what str's is*
// methods, case mappings, split/strip, repr and int()/float() ask about a
// code point.
//
// The tables are generated at build time by runtime/unicode/gen_unicode_tables.py
// from the oracle python3's own str methods (unicode_db.h and unicode_db.inc in
// the build directory), so tide agrees with that CPython character for
// character, whatever the C library or the process locale says.  Replaced:
// towupper_l/iswalpha_l in the C.UTF-8 locale (simple one-to-one mappings only,
// glibc's idea of "alpha" and "digit") and hand-written ranges.
//
// Glossary
//   record    a code point's flags (TD_UNI_*), decimal digit value and four
//             full case mappings (upper, lower, title, casefold).
//   full      mapping: one code point to 1..3 (ß.upper() is SS); a record keeps
//             a delta for one, an offset into td_uni_special for more.
//
// Lookups are inline: three dependent loads for a non-ASCII code point, one
// for ASCII (td_uni_ascii_flags).  Callers on ASCII strings (TdStr::ascii)
// keep their byte loops and need none.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "unicode_db.h"

enum TdUniMap : unsigned { TD_UNI_MAP_UPPER, TD_UNI_MAP_LOWER, TD_UNI_MAP_TITLE, TD_UNI_MAP_FOLD };

inline const TdUniRecord &td_uni_record(uint32_t c) {
  if (c >= kTdUniLimit) return td_uni_records[0];
  constexpr unsigned kMid = kTdUniShift1 - kTdUniShift2;
  unsigned block = td_uni_index1[c >> kTdUniShift1];
  unsigned leaf = td_uni_index2[(block << kMid) | ((c >> kTdUniShift2) & ((1u << kMid) - 1))];
  return td_uni_records[td_uni_index3[(leaf << kTdUniShift2) | (c & ((1u << kTdUniShift2) - 1))]];
}

inline uint16_t td_uni_flags(uint32_t c) {
  return c < 0x80 ? td_uni_ascii_flags[c] : td_uni_record(c).flags;
}

// Whether c has any of the flags in `mask`.
inline bool td_uni_is(uint32_t c, uint16_t mask) { return (td_uni_flags(c) & mask) != 0; }

// The decimal digit value of c (isdecimal), or -1.
inline int td_uni_decimal(uint32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9' ? int(c - '0') : -1;
  const TdUniRecord &r = td_uni_record(c);
  return (r.flags & TD_UNI_DECIMAL) ? r.decimal : -1;
}

// The full mapping `kind` of c into out[0..2]; returns how many code points.
inline int td_uni_map(uint32_t c, TdUniMap kind, uint32_t out[3]) {
  const TdUniRecord &r = td_uni_record(c);
  int32_t m = r.map[kind];
  if (!(r.ext & (1u << kind))) {
    out[0] = uint32_t(int32_t(c) + m);
    return 1;
  }
  int n = m >> 24;
  const uint32_t *p = td_uni_special + (m & 0xFFFFFF);
  for (int k = 0; k < n; ++k) out[k] = p[k];
  return n;
}

// CPython's preparation of text for int() and float(): each non-ASCII
// whitespace becomes ' ', each non-ASCII decimal digit its ASCII digit, and
// any other non-ASCII character ends the text with a '?' (which no parser
// accepts).  Returns false, leaving `out` alone, when `utf8` is all ASCII.
bool td_uni_numeric_ascii(std::string_view utf8, std::string &out);
