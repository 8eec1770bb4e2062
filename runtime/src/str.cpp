// str.cpp — Python's str: immutable Unicode text stored as UTF-8.
//
// Glossary
//   code point  what Python indexes by: len('é') == 1 although it is 2 bytes.
//   ASCII str   every byte < 0x80 (TdStr::ascii); then byte offsets are code
//               point indices, and indexing, slicing and find are O(1)/memchr
//               on bytes.  Only non-ASCII strings pay a scan to map indices.
//
// Design: UTF-8 with cached length and hash.  Rejected: CPython's PEP 393
// (1/2/4-byte arrays chosen per string) — O(1) indexing for every string,
// but every print, file write and concatenation with UTF-8 text would
// convert, and tide's programs mostly handle ASCII where both are O(1).
// Single ASCII characters and '' are static immortal objects, so iterating
// over a string or indexing it allocates nothing.
//
// The hash is a 64-bit multiply-xorshift over 8-byte words (not SipHash:
// tide does not randomise hashes per process), never -1.
// Formatting (str.format, %) lives in format.cpp.
#include <algorithm>
#include <array>
#include <cctype>
#include <cinttypes>
#include <cstddef>
#include <cstdlib>
#include <vector>

#include "containers.h"
#include "unicode.h"
#include "values.h"

namespace {

// ---------------------------------------------------------------------------
// Hash
// ---------------------------------------------------------------------------

constexpr uint64_t mix(uint64_t x) {
  x *= 0xbf58476d1ce4e5b9ull;
  return x ^ (x >> 31);
}

constexpr int64_t hash_bytes(const char *p, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w = 0;
    for (int j = 0; j < 8; ++j) w |= uint64_t(uint8_t(p[i + j])) << (8 * j);
    h = mix(h ^ w) * 0x94d049bb133111ebull;
  }
  uint64_t w = 0;
  for (int j = 0; i < n; ++i, ++j) w |= uint64_t(uint8_t(p[i])) << (8 * j);
  h = mix(h ^ w);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  int64_t r = int64_t(h);
  return r == -1 ? -2 : r;
}

// ---------------------------------------------------------------------------
// Static one-character strings and ''
// ---------------------------------------------------------------------------

// Same layout as TdStr with room for one byte and its NUL.
struct StaticStr {
  TdObject ob;
  int64_t size;
  int64_t length;
  int64_t hash;
  bool ascii;
  char data[2];
};
static_assert(offsetof(StaticStr, data) == offsetof(TdStr, data));

consteval std::array<StaticStr, 129> make_static_strs() {
  std::array<StaticStr, 129> a{};
  for (int c = 0; c < 128; ++c) {
    char d[1] = {char(c)};
    a[c] = StaticStr{{TD_IMMORTAL_REFCNT, &td_type_str}, 1, 1, hash_bytes(d, 1), true,
                     {char(c), 0}};
  }
  a[128] = StaticStr{{TD_IMMORTAL_REFCNT, &td_type_str}, 0, 0, hash_bytes("", 0), true, {0, 0}};
  return a;
}

// Immutable apart from the refcount field, which immortality makes moot.
constinit std::array<StaticStr, 129> gStaticStrs = make_static_strs();

TdValue empty_str() { return td_val(&gStaticStrs[128]); }
TdValue ascii_char(unsigned char c) { return td_val(&gStaticStrs[c]); }

TdStr *S(TdValue v) { return td_as_str(v); }
std::string_view view(TdValue v) { return std::string_view(S(v)->data, size_t(S(v)->size)); }

// ---------------------------------------------------------------------------
// UTF-8
// ---------------------------------------------------------------------------

inline bool is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

// Decodes the code point at s[i] and advances i.
uint32_t decode(std::string_view s, size_t &i) {
  unsigned char c = s[i++];
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  uint32_t cp = c & (0x3F >> extra);
  for (int k = 0; k < extra && i < s.size(); ++k) cp = (cp << 6) | (s[i++] & 0x3F);
  return cp;
}

void encode(uint32_t cp, std::string &out) {
  if (cp < 0x80) {
    out.push_back(char(cp));
  } else if (cp < 0x800) {
    out.push_back(char(0xC0 | (cp >> 6)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(char(0xE0 | (cp >> 12)));
    out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(char(0xF0 | (cp >> 18)));
    out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  }
}

// Byte offset of code point `idx` (0 <= idx <= length).
size_t cp_offset(TdStr *s, int64_t idx) {
  if (s->ascii) return size_t(idx);
  if (idx >= s->length) return size_t(s->size);
  size_t i = 0;
  for (int64_t k = 0; k < idx; ++k) {
    ++i;
    while (i < size_t(s->size) && is_cont(s->data[i])) ++i;
  }
  return i;
}

// Code point index of byte offset `off`.
int64_t cp_index(TdStr *s, size_t off) {
  if (s->ascii) return int64_t(off);
  int64_t n = 0;
  for (size_t i = 0; i < off; ++i)
    if (!is_cont(s->data[i])) ++n;
  return n;
}

int64_t count_cps(std::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s)
    if (!is_cont(c)) ++n;
  return n;
}

// Character classes and case mappings come from the generated Unicode tables
// (unicode.h), the same as the oracle python3's.
bool cp_printable(uint32_t c) { return td_uni_is(c, TD_UNI_PRINTABLE); }

TdValue not_implemented() { return td_val(&td_NotImplemented); }

} // namespace

// ---------------------------------------------------------------------------
// Construction
// ---------------------------------------------------------------------------

bool td_is_space_cp(uint32_t c) { return td_uni_is(c, TD_UNI_SPACE); }

TdValue td_str_new_uninit(TdThread *ts, int64_t size, TdStr **out) {
  auto *s = reinterpret_cast<TdStr *>(
      td_alloc_object(&td_type_str, sizeof(TdStr) + size_t(size) + 1));
  if (!s) return td_err_nomem(ts);
  s->size = size;
  s->length = size;
  s->hash = -1;
  s->ascii = true;
  s->data[size] = 0;
  *out = s;
  return td_val(s);
}

void td_str_finish(TdStr *s) {
  int64_t n = 0;
  bool ascii = true;
  for (int64_t i = 0; i < s->size; ++i) {
    unsigned char c = s->data[i];
    if (c >= 0x80) ascii = false;
    if (!is_cont(c)) ++n;
  }
  s->length = n;
  s->ascii = ascii;
}

TdValue td_str_from(TdThread *ts, std::string_view utf8) {
  if (utf8.size() <= 1) {
    if (utf8.empty()) return empty_str();
    if (uint8_t(utf8[0]) < 0x80) return ascii_char(uint8_t(utf8[0]));
  }
  TdStr *s;
  TdValue v = td_str_new_uninit(ts, int64_t(utf8.size()), &s);
  if (!v) return 0;
  std::memcpy(s->data, utf8.data(), utf8.size());
  td_str_finish(s);
  return v;
}

TdValue td_str_from_ascii(TdThread *ts, std::string_view ascii) {
  if (ascii.size() <= 1) return ascii.empty() ? empty_str() : ascii_char(uint8_t(ascii[0]));
  TdStr *s;
  TdValue v = td_str_new_uninit(ts, int64_t(ascii.size()), &s);
  if (!v) return 0;
  std::memcpy(s->data, ascii.data(), ascii.size());
  return v;
}

TdValue td_str_append_inplace(TdThread *ts, TdValue a, TdValue b) {
  auto *sa = reinterpret_cast<TdStr *>(td_obj(a));
  auto *sb = reinterpret_cast<TdStr *>(td_obj(b));
  int64_t size = sa->size + sb->size;
  auto *grown = static_cast<TdStr *>(td_realloc_object(&sa->ob, sizeof(TdStr) + size_t(size) + 1));
  if (!grown) return td_err_nomem(ts);
  std::memcpy(grown->data + grown->size, sb->data, size_t(sb->size));
  grown->data[size] = 0;
  grown->size = size;
  grown->length += sb->length;
  grown->ascii = grown->ascii && sb->ascii;
  grown->hash = -1;
  return td_val(grown);
}

std::string_view td_str_view(TdValue s) { return view(s); }

bool td_is_str(TdValue v) { return !td_is_small(v) && v && td_obj(v)->type == &td_type_str; }

extern "C" TdValue td_str_const(TdThread *ts, const char *utf8, int64_t n) {
  TdValue v = td_str_from(ts, std::string_view(utf8, size_t(n)));
  td_make_immortal(v);
  return v;
}

extern "C" TdValue td_str_join_steal(TdThread *ts, TdValue *parts, int64_t n) {
  int64_t total = 0;
  bool ascii = true;
  for (int64_t i = 0; i < n; ++i) {
    total += S(parts[i])->size;
    ascii = ascii && S(parts[i])->ascii;
  }
  TdStr *s;
  TdValue v = td_str_new_uninit(ts, total, &s);
  if (v) {
    char *p = s->data;
    int64_t len = 0;
    for (int64_t i = 0; i < n; ++i) {
      std::memcpy(p, S(parts[i])->data, size_t(S(parts[i])->size));
      p += S(parts[i])->size;
      len += S(parts[i])->length;
    }
    s->length = len;
    s->ascii = ascii;
  }
  for (int64_t i = 0; i < n; ++i) td_decref(parts[i]);
  return v;
}

// ---------------------------------------------------------------------------
// repr / str / ascii
// ---------------------------------------------------------------------------

static void append_escape(uint32_t c, std::string &out) {
  char buf[16];
  if (c < 0x100)
    std::snprintf(buf, sizeof buf, "\\x%02x", c);
  else if (c < 0x10000)
    std::snprintf(buf, sizeof buf, "\\u%04x", c);
  else
    std::snprintf(buf, sizeof buf, "\\U%08x", c);
  out += buf;
}

static void repr_append(std::string_view s, std::string &out, bool asciiOnly) {
  bool hasSingle = s.find('\'') != std::string_view::npos;
  bool hasDouble = s.find('"') != std::string_view::npos;
  char q = hasSingle && !hasDouble ? '"' : '\'';
  out.push_back(q);
  for (size_t i = 0; i < s.size();) {
    uint32_t c = decode(s, i);
    switch (c) {
    case '\\': out += "\\\\"; continue;
    case '\n': out += "\\n"; continue;
    case '\r': out += "\\r"; continue;
    case '\t': out += "\\t"; continue;
    default: break;
    }
    if (c == uint32_t(q)) {
      out.push_back('\\');
      out.push_back(q);
    } else if (c >= 0x20 && c < 0x7f) {
      out.push_back(char(c));
    } else if (c < 0x80 || (asciiOnly && c >= 0x80) || !cp_printable(c)) {
      append_escape(c, out);
    } else {
      encode(c, out);
    }
  }
  out.push_back(q);
}

void td_str_repr_append(std::string_view s, std::string &out) { repr_append(s, out, false); }

static TdValue str_repr(TdThread *ts, TdValue v) {
  std::string out;
  out.reserve(size_t(S(v)->size) + 2);
  repr_append(view(v), out, false);
  return td_str_from(ts, out);
}

static TdValue str_str(TdThread *, TdValue v) { return td_newref(v); }

extern "C" TdValue td_repr(TdThread *ts, TdValue v) {
  TdType *t = td_type_of(v);
  if (t->repr) return t->repr(ts, v);
  return td_type_object.repr(ts, v);
}

extern "C" TdValue td_str(TdThread *ts, TdValue v) {
  if (td_is_str(v)) return td_newref(v);
  TdType *t = td_type_of(v);
  for (TdType *k = t; k; k = k->base) {
    if (k->str) return k->str(ts, v);
    if (k->repr) break; // a repr defined lower wins over a base's str
  }
  return td_repr(ts, v);
}

extern "C" TdValue td_ascii(TdThread *ts, TdValue v) {
  TdValue r = td_repr(ts, v);
  if (!r || S(r)->ascii) return r;
  std::string out;
  std::string_view s = view(r);
  for (size_t i = 0; i < s.size();) {
    uint32_t c = decode(s, i);
    if (c < 0x80)
      out.push_back(char(c));
    else
      append_escape(c, out);
  }
  td_decref(r);
  return td_str_from(ts, out);
}

bool td_repr_to(TdThread *ts, TdValue v, std::string &out) {
  if (td_is_str(v)) {
    repr_append(view(v), out, false);
    return true;
  }
  TdValue r = td_repr(ts, v);
  if (!r) return false;
  out += view(r);
  td_decref(r);
  return true;
}

bool td_str_to(TdThread *ts, TdValue v, std::string &out) {
  if (td_is_str(v)) {
    out += view(v);
    return true;
  }
  TdValue r = td_str(ts, v);
  if (!r) return false;
  out += view(r);
  td_decref(r);
  return true;
}

// ---------------------------------------------------------------------------
// Slots
// ---------------------------------------------------------------------------

static int64_t str_hash(TdThread *, TdValue v) {
  TdStr *s = S(v);
  if (s->hash == -1) s->hash = hash_bytes(s->data, size_t(s->size));
  return s->hash;
}

static int64_t str_len(TdThread *, TdValue v) { return S(v)->length; }

static TdValue str_richcompare(TdThread *, TdValue a, TdValue b, int op) {
  if (!td_is_str(b)) return not_implemented();
  if (op == TD_CMP_EQ || op == TD_CMP_NE) {
    bool eq = a == b || (S(a)->size == S(b)->size &&
                         std::memcmp(S(a)->data, S(b)->data, size_t(S(a)->size)) == 0);
    return td_bool(eq == (op == TD_CMP_EQ));
  }
  // UTF-8 byte order is code point order.
  int c = view(a).compare(view(b));
  switch (op) {
  case TD_CMP_LT: return td_bool(c < 0);
  case TD_CMP_LE: return td_bool(c <= 0);
  case TD_CMP_GT: return td_bool(c > 0);
  default: return td_bool(c >= 0);
  }
}

static TdValue str_concat(TdThread *ts, TdValue a, TdValue b) {
  if (S(a)->size == 0) return td_newref(b);
  if (S(b)->size == 0) return td_newref(a);
  TdStr *s;
  TdValue v = td_str_new_uninit(ts, S(a)->size + S(b)->size, &s);
  if (!v) return 0;
  std::memcpy(s->data, S(a)->data, size_t(S(a)->size));
  std::memcpy(s->data + S(a)->size, S(b)->data, size_t(S(b)->size));
  s->length = S(a)->length + S(b)->length;
  s->ascii = S(a)->ascii && S(b)->ascii;
  return v;
}

static TdValue str_repeat(TdThread *ts, TdValue a, TdValue count) {
  int64_t n;
  if (!td_index(ts, count, &n)) {
    if (td_err_is(ts, &td_type_IndexError)) {
      td_err_clear(ts);
      td_err_format(ts, &td_type_OverflowError, "cannot fit 'int' into an index-sized integer");
    }
    return 0;
  }
  TdStr *src = S(a);
  if (n <= 0 || src->size == 0) return empty_str();
  if (n == 1) return td_newref(a);
  if (src->size > INT64_MAX / 4 / n) return td_err_nomem(ts);
  TdStr *s;
  TdValue v = td_str_new_uninit(ts, src->size * n, &s);
  if (!v) return 0;
  if (src->size == 1) {
    std::memset(s->data, src->data[0], size_t(n));
  } else {
    for (int64_t i = 0; i < n; ++i)
      std::memcpy(s->data + i * src->size, src->data, size_t(src->size));
  }
  s->length = src->length * n;
  s->ascii = src->ascii;
  return v;
}

static TdValue str_binop(TdThread *ts, int op, TdValue a, TdValue b) {
  bool as = td_is_str(a), bs = td_is_str(b);
  switch (op) {
  case TD_OP_ADD:
    if (as && bs) return str_concat(ts, a, b);
    return not_implemented();
  case TD_OP_MUL:
    if (as && td_is_int(b)) return str_repeat(ts, a, b);
    if (bs && td_is_int(a)) return str_repeat(ts, b, a);
    return not_implemented();
  case TD_OP_MOD:
    if (as) return td_str_mod(ts, a, b);
    return not_implemented();
  default: return not_implemented();
  }
}

static int str_contains(TdThread *ts, TdValue container, TdValue item) {
  if (!td_is_str(item)) {
    td_err_format(ts, &td_type_TypeError, "'in <string>' requires string as left operand, not %s",
                  td_type_name(item));
    return -1;
  }
  return view(container).find(view(item)) != std::string_view::npos;
}

// The one-code-point string at byte offset `off`.
static TdValue char_at(TdThread *ts, TdStr *s, size_t off) {
  unsigned char c = s->data[off];
  if (c < 0x80) return ascii_char(c);
  size_t end = off + 1;
  while (end < size_t(s->size) && is_cont(s->data[end])) ++end;
  return td_str_from(ts, std::string_view(s->data + off, end - off));
}

static TdValue str_getitem(TdThread *ts, TdValue v, TdValue key) {
  TdStr *s = S(v);
  int64_t i;
  if (td_is_small(key)) {
    i = td_small_val(key);
    if (i < 0) i += s->length;
    if (i < 0 || i >= s->length) {
      td_err_set(ts, &td_type_IndexError, "string index out of range");
      return 0;
    }
    return char_at(ts, s, cp_offset(s, i));
  }
  if (td_is_slice(key)) {
    TdSliceIndices si;
    if (!td_slice_indices(ts, key, s->length, &si)) return 0;
    if (si.length <= 0) return empty_str();
    if (si.step == 1) {
      if (si.length == s->length) return td_newref(v);
      size_t b0 = cp_offset(s, si.start), b1 = cp_offset(s, si.stop);
      return td_str_from(ts, std::string_view(s->data + b0, b1 - b0));
    }
    std::string out;
    if (s->ascii) {
      out.reserve(size_t(si.length));
      for (int64_t k = 0, j = si.start; k < si.length; ++k, j += si.step) out.push_back(s->data[j]);
      return td_str_from_ascii(ts, out);
    }
    std::vector<size_t> offs;
    offs.reserve(size_t(s->length) + 1);
    for (size_t b = 0; b < size_t(s->size); ++b)
      if (!is_cont(s->data[b])) offs.push_back(b);
    offs.push_back(size_t(s->size));
    for (int64_t k = 0, j = si.start; k < si.length; ++k, j += si.step)
      out.append(s->data + offs[size_t(j)], offs[size_t(j) + 1] - offs[size_t(j)]);
    return td_str_from(ts, out);
  }
  if (td_is_int(key)) {
    if (!td_index(ts, key, &i)) return 0;
    if (i < 0) i += s->length;
    if (i < 0 || i >= s->length) {
      td_err_set(ts, &td_type_IndexError, "string index out of range");
      return 0;
    }
    return char_at(ts, s, cp_offset(s, i));
  }
  td_err_format(ts, &td_type_TypeError, "string indices must be integers, not '%s'",
                td_type_name(key));
  return 0;
}

// --- iterator -------------------------------------------------------------

struct StrIter {
  TdObject ob;
  TdValue str; // owned
  int64_t pos; // byte offset
};

static void str_iter_dealloc(TdObject *o) {
  td_decref(reinterpret_cast<StrIter *>(o)->str);
  td_free_object(o);
}

static TdValue str_iter_next(TdThread *ts, TdValue it) {
  auto *i = reinterpret_cast<StrIter *>(it);
  TdStr *s = S(i->str);
  if (i->pos >= s->size) return TD_DONE;
  unsigned char c = s->data[i->pos];
  if (c < 0x80) {
    ++i->pos;
    return ascii_char(c);
  }
  size_t start = size_t(i->pos), end = start + 1;
  while (end < size_t(s->size) && is_cont(s->data[end])) ++end;
  i->pos = int64_t(end);
  return td_str_from(ts, std::string_view(s->data + start, end - start));
}

static TdValue iter_self(TdThread *, TdValue v) { return td_newref(v); }

TdType td_type_str_iterator = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "str_ascii_iterator",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = str_iter_dealloc,
    .iter = iter_self,
    .next = str_iter_next,
};

static TdValue str_iter(TdThread *ts, TdValue v) {
  auto *i = reinterpret_cast<StrIter *>(td_alloc_object(&td_type_str_iterator, sizeof(StrIter)));
  if (!i) return td_err_nomem(ts);
  i->str = td_newref(v);
  i->pos = 0;
  return td_val(i);
}

// --- str(x) ------------------------------------------------------------------

static TdValue decode_bytes(TdThread *ts, std::string_view b, std::string_view encoding,
                            std::string_view errors);

static TdValue str_construct(TdThread *ts, TdValue, const TdValue *args, int64_t nargs,
                             TdValue kwnames) {
  static const char *const names[] = {"object", "encoding", "errors"};
  TdValue a[3];
  if (!td_parse_args(ts, "str", args, nargs, kwnames, names, 0, 3, a)) return 0;
  if (!a[0]) return empty_str();
  if (a[1] || a[2]) {
    if (td_type_of(a[0]) != &td_type_bytes) {
      td_err_format(ts, &td_type_TypeError, "decoding to str: need a bytes-like object, %s found",
                    td_type_name(a[0]));
      return 0;
    }
    auto *b = reinterpret_cast<TdBytes *>(a[0]);
    return decode_bytes(ts, std::string_view(b->data, size_t(b->size)),
                        a[1] ? view(a[1]) : "utf-8", a[2] ? view(a[2]) : "strict");
  }
  return td_str(ts, a[0]);
}

// ---------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------

namespace {

using Args = const TdValue *;

bool want_str(TdThread *ts, TdValue v, const char *what) {
  if (td_is_str(v)) return true;
  td_err_format(ts, &td_type_TypeError, "%s, not %s", what, td_type_name(v));
  return false;
}

TdValue make_list(TdThread *ts, std::vector<TdValue> &items) {
  TdValue l = td_build_list(ts, items.data(), int64_t(items.size()));
  items.clear();
  return l;
}

TdValue sub(TdThread *ts, std::string_view s) { return td_str_from(ts, s); }

// Resolves optional start/end arguments (code point indices, slice-like
// clamping) to byte offsets [b0, b1) in s.  False if start > len (so the
// search finds nothing), or on error (*err set).
bool resolve_range(TdThread *ts, TdStr *s, TdValue start, TdValue end, size_t *b0, size_t *b1,
                   bool *err) {
  int64_t len = s->length, i = 0, j = len;
  *err = false;
  if (start && !td_is_none(start) && !td_index(ts, start, &i)) return !(*err = true);
  if (end && !td_is_none(end) && !td_index(ts, end, &j)) return !(*err = true);
  if (i < 0) i = std::max<int64_t>(0, i + len);
  if (j < 0) j = std::max<int64_t>(0, j + len);
  if (j > len) j = len;
  if (i > len) return false;
  if (i > j) {
    *b0 = *b1 = 0;
    return false;
  }
  *b0 = cp_offset(s, i);
  *b1 = cp_offset(s, j);
  return true;
}

// find/rfind/index/rindex/count share their argument handling.
enum class FindKind { Find, RFind, Index, RIndex, Count };

TdValue find_impl(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames,
                  FindKind kind, const char *name) {
  TdValue a[3];
  if (!td_parse_args(ts, name, args, nargs, kwnames, nullptr, 1, 3, a)) return 0;
  if (!td_is_str(a[0])) {
    td_err_format(ts, &td_type_TypeError, "must be str, not %s", td_type_name(a[0]));
    return 0;
  }
  TdStr *s = S(self);
  size_t b0 = 0, b1 = 0;
  bool err;
  bool ok = resolve_range(ts, s, a[1], a[2], &b0, &b1, &err);
  if (err) return 0;
  std::string_view hay(s->data + b0, ok ? b1 - b0 : 0), needle = view(a[0]);
  if (kind == FindKind::Count) {
    if (!ok) return td_small(0);
    if (needle.empty()) return td_small(count_cps(hay) + 1);
    int64_t n = 0;
    for (size_t p = hay.find(needle); p != std::string_view::npos;
         p = hay.find(needle, p + needle.size()))
      ++n;
    return td_small(n);
  }
  size_t p = std::string_view::npos;
  if (ok) p = (kind == FindKind::RFind || kind == FindKind::RIndex) ? hay.rfind(needle)
                                                                      : hay.find(needle);
  if (p == std::string_view::npos) {
    if (kind == FindKind::Index || kind == FindKind::RIndex) {
      td_err_set(ts, &td_type_ValueError, "substring not found");
      return 0;
    }
    return td_small(-1);
  }
  return td_small(cp_index(s, b0 + p));
}

TdValue str_find(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return find_impl(ts, self, args, nargs, kw, FindKind::Find, "find");
}
TdValue str_rfind(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return find_impl(ts, self, args, nargs, kw, FindKind::RFind, "rfind");
}
TdValue str_index(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return find_impl(ts, self, args, nargs, kw, FindKind::Index, "index");
}
TdValue str_rindex(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return find_impl(ts, self, args, nargs, kw, FindKind::RIndex, "rindex");
}
TdValue str_count(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return find_impl(ts, self, args, nargs, kw, FindKind::Count, "count");
}

TdValue str_join(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames) {
  TdValue a[1];
  if (!td_parse_args(ts, "str.join", args, nargs, kwnames, nullptr, 1, 1, a)) return 0;
  std::vector<TdValue> items;
  bool borrowed = false;
  TdValue *arr;
  int64_t n;
  if (td_is_list(a[0]) || td_is_tuple(a[0])) {
    td_seq_parts(a[0], &arr, &n);
    borrowed = true;
  } else {
    if (!td_collect(ts, a[0], items)) return 0;
    arr = items.data();
    n = int64_t(items.size());
  }
  std::string_view sep = view(self);
  int64_t total = 0, len = 0;
  bool ascii = S(self)->ascii;
  for (int64_t i = 0; i < n; ++i) {
    if (!td_is_str(arr[i])) {
      td_err_format(ts, &td_type_TypeError, "sequence item %" PRId64 ": expected str instance, %s found",
                    i, td_type_name(arr[i]));
      if (!borrowed) td_release_all(items);
      return 0;
    }
    total += S(arr[i])->size;
    len += S(arr[i])->length;
    ascii = ascii && S(arr[i])->ascii;
  }
  TdValue result;
  if (n == 1 && td_is_str(arr[0])) {
    result = td_newref(arr[0]);
  } else if (n == 0) {
    result = empty_str();
  } else {
    total += int64_t(sep.size()) * (n - 1);
    TdStr *s;
    result = td_str_new_uninit(ts, total, &s);
    if (result) {
      char *p = s->data;
      for (int64_t i = 0; i < n; ++i) {
        if (i && !sep.empty()) {
          std::memcpy(p, sep.data(), sep.size());
          p += sep.size();
        }
        std::memcpy(p, S(arr[i])->data, size_t(S(arr[i])->size));
        p += S(arr[i])->size;
      }
      s->length = len + S(self)->length * (n - 1);
      s->ascii = ascii;
    }
  }
  if (!borrowed) td_release_all(items);
  return result;
}

bool is_space_at(std::string_view s, size_t i, size_t *next) {
  size_t j = i;
  uint32_t c = decode(s, j);
  *next = j;
  return td_is_space_cp(c);
}

TdValue split_impl(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames,
                   bool right) {
  static const char *const names[] = {"sep", "maxsplit"};
  TdValue a[2];
  if (!td_parse_args(ts, right ? "rsplit" : "split", args, nargs, kwnames, names, 0, 2, a))
    return 0;
  int64_t maxsplit = -1;
  if (a[1] && !td_index(ts, a[1], &maxsplit)) return 0;
  if (maxsplit < 0) maxsplit = INT64_MAX;
  std::string_view s = view(self);
  std::vector<TdValue> parts;
  auto push = [&](std::string_view p) {
    TdValue v = sub(ts, p);
    if (!v) return false;
    parts.push_back(v);
    return true;
  };
  bool ok = true;
  if (!a[0] || td_is_none(a[0])) {
    if (!right) {
      size_t i = 0, nx;
      int64_t splits = 0;
      while (ok) {
        while (i < s.size() && is_space_at(s, i, &nx)) i = nx;
        if (i >= s.size()) break;
        if (splits >= maxsplit) {
          ok = push(s.substr(i)); // the remainder keeps its inner and trailing spaces
          break;
        }
        size_t st = i;
        while (i < s.size() && !is_space_at(s, i, &nx)) i = nx;
        ok = push(s.substr(st, i - st));
        ++splits;
      }
    } else {
      // Walk code points backwards.
      std::vector<size_t> offs;
      for (size_t b = 0; b < s.size(); ++b)
        if (!is_cont(s[b])) offs.push_back(b);
      offs.push_back(s.size());
      auto sp = [&](size_t k) {
        size_t nx;
        return is_space_at(s, offs[k], &nx);
      };
      int64_t k = int64_t(offs.size()) - 1; // index of end
      int64_t splits = 0;
      while (ok) {
        while (k > 0 && sp(size_t(k - 1))) --k;
        if (k <= 0) break;
        if (splits >= maxsplit) {
          ok = push(s.substr(0, offs[size_t(k)]));
          break;
        }
        int64_t e = k;
        while (k > 0 && !sp(size_t(k - 1))) --k;
        ok = push(s.substr(offs[size_t(k)], offs[size_t(e)] - offs[size_t(k)]));
        ++splits;
      }
      std::reverse(parts.begin(), parts.end());
    }
  } else {
    if (!want_str(ts, a[0], "must be str or None")) return 0;
    std::string_view sep = view(a[0]);
    if (sep.empty()) {
      td_err_set(ts, &td_type_ValueError, "empty separator");
      return 0;
    }
    int64_t splits = 0;
    if (!right) {
      size_t start = 0;
      while (ok) {
        size_t p = splits < maxsplit ? s.find(sep, start) : std::string_view::npos;
        if (p == std::string_view::npos) {
          ok = push(s.substr(start));
          break;
        }
        ok = push(s.substr(start, p - start));
        start = p + sep.size();
        ++splits;
      }
    } else {
      size_t end = s.size();
      while (ok) {
        size_t p = std::string_view::npos;
        if (splits < maxsplit && end >= sep.size()) p = s.substr(0, end).rfind(sep);
        if (p == std::string_view::npos) {
          ok = push(s.substr(0, end));
          break;
        }
        ok = push(s.substr(p + sep.size(), end - p - sep.size()));
        end = p;
        ++splits;
      }
      std::reverse(parts.begin(), parts.end());
    }
  }
  if (!ok) {
    td_release_all(parts);
    return 0;
  }
  return make_list(ts, parts);
}

TdValue str_split(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return split_impl(ts, self, args, nargs, kw, false);
}
TdValue str_rsplit(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return split_impl(ts, self, args, nargs, kw, true);
}

TdValue str_splitlines(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames) {
  static const char *const names[] = {"keepends"};
  TdValue a[1];
  if (!td_parse_args(ts, "splitlines", args, nargs, kwnames, names, 0, 1, a)) return 0;
  bool keep = false;
  if (a[0]) {
    int t = td_truthy(ts, a[0]);
    if (t < 0) return 0;
    keep = t;
  }
  std::string_view s = view(self);
  std::vector<TdValue> parts;
  size_t start = 0, i = 0;
  while (i < s.size()) {
    size_t at = i;
    uint32_t c = decode(s, i);
    bool brk = c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d ||
               c == 0x1e || c == 0x85 || c == 0x2028 || c == 0x2029;
    if (!brk) continue;
    if (c == '\r' && i < s.size() && s[i] == '\n') ++i;
    TdValue v = sub(ts, s.substr(start, (keep ? i : at) - start));
    if (!v) {
      td_release_all(parts);
      return 0;
    }
    parts.push_back(v);
    start = i;
  }
  if (start < s.size()) {
    TdValue v = sub(ts, s.substr(start));
    if (!v) {
      td_release_all(parts);
      return 0;
    }
    parts.push_back(v);
  }
  return make_list(ts, parts);
}

// strip family: where 1 = left, 2 = right, 3 = both.
TdValue strip_impl(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames,
                   int where, const char *name) {
  TdValue a[1];
  if (!td_parse_args(ts, name, args, nargs, kwnames, nullptr, 0, 1, a)) return 0;
  std::string_view s = view(self);
  std::vector<uint32_t> chars;
  bool ws = !a[0] || td_is_none(a[0]);
  if (!ws) {
    if (!want_str(ts, a[0], (std::string(name) + " arg must be None or str").c_str())) return 0;
    std::string_view cs = view(a[0]);
    for (size_t i = 0; i < cs.size();) chars.push_back(decode(cs, i));
  }
  auto strip_cp = [&](uint32_t c) {
    return ws ? td_is_space_cp(c) : std::find(chars.begin(), chars.end(), c) != chars.end();
  };
  size_t b = 0, e = s.size();
  if (where & 1) {
    while (b < e) {
      size_t nx = b;
      if (!strip_cp(decode(s, nx))) break;
      b = nx;
    }
  }
  if (where & 2) {
    while (e > b) {
      size_t st = e - 1;
      while (st > b && is_cont(s[st])) --st;
      size_t nx = st;
      if (!strip_cp(decode(s, nx))) break;
      e = st;
    }
  }
  if (b == 0 && e == s.size()) return td_newref(self);
  return sub(ts, s.substr(b, e - b));
}

TdValue str_strip(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return strip_impl(ts, self, args, nargs, kw, 3, "strip");
}
TdValue str_lstrip(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return strip_impl(ts, self, args, nargs, kw, 1, "lstrip");
}
TdValue str_rstrip(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return strip_impl(ts, self, args, nargs, kw, 2, "rstrip");
}

TdValue str_replace(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames) {
  TdValue a[3];
  if (!td_parse_args(ts, "replace", args, nargs, kwnames, nullptr, 2, 3, a)) return 0;
  if (!want_str(ts, a[0], "replace() argument 1 must be str") ||
      !want_str(ts, a[1], "replace() argument 2 must be str"))
    return 0;
  int64_t count = -1;
  if (a[2] && !td_index(ts, a[2], &count)) return 0;
  if (count < 0) count = INT64_MAX;
  std::string_view s = view(self), old = view(a[0]), rep = view(a[1]);
  std::string out;
  int64_t done = 0;
  if (old.empty()) {
    size_t i = 0;
    while (i <= s.size()) {
      if (done < count) {
        out += rep;
        ++done;
      }
      if (i == s.size()) break;
      size_t st = i;
      decode(s, i);
      out.append(s.substr(st, i - st));
    }
    return td_str_from(ts, out);
  }
  size_t start = 0;
  while (done < count) {
    size_t p = s.find(old, start);
    if (p == std::string_view::npos) break;
    out.append(s.substr(start, p - start));
    out += rep;
    start = p + old.size();
    ++done;
  }
  if (!done) return td_newref(self);
  out.append(s.substr(start));
  return td_str_from(ts, out);
}

TdValue affix_impl(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames,
                   bool end, const char *name) {
  TdValue a[3];
  if (!td_parse_args(ts, name, args, nargs, kwnames, nullptr, 1, 3, a)) return 0;
  TdStr *s = S(self);
  size_t b0 = 0, b1 = 0;
  bool err;
  bool ok = resolve_range(ts, s, a[1], a[2], &b0, &b1, &err);
  if (err) return 0;
  std::string_view hay(s->data + b0, ok ? b1 - b0 : 0);
  auto test = [&](TdValue p) -> int {
    if (!td_is_str(p)) {
      td_err_format(ts, &td_type_TypeError,
                    "tuple for %s must only contain str, not %s", name, td_type_name(p));
      return -1;
    }
    if (!ok) return 0;
    std::string_view x = view(p);
    return end ? hay.ends_with(x) : hay.starts_with(x);
  };
  if (td_is_tuple(a[0])) {
    TdTupleHead *t = td_as_tuple(a[0]);
    for (int64_t i = 0; i < t->size; ++i) {
      int r = test(t->items[i]);
      if (r) return r < 0 ? 0 : td_bool(true);
    }
    return td_bool(false);
  }
  if (!td_is_str(a[0])) {
    td_err_format(ts, &td_type_TypeError,
                  "%s first arg must be str or a tuple of str, not %s", name, td_type_name(a[0]));
    return 0;
  }
  return td_bool(test(a[0]) == 1);
}

TdValue str_startswith(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return affix_impl(ts, self, args, nargs, kw, false, "startswith");
}
TdValue str_endswith(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return affix_impl(ts, self, args, nargs, kw, true, "endswith");
}

// ---------------------------------------------------------------------------
// Case mapping: CPython's full mappings (ß.upper() is 'SS', ǆ.title() is ǅ)
// from the Unicode tables, with Greek's final sigma in lower().  ASCII
// strings map byte for byte into a string of the same size.
// ---------------------------------------------------------------------------

enum class Case { Upper, Lower, Fold, Swap, Capitalize, Title };

// The code point that ends just before byte offset i (i > 0); i moves to its
// first byte.
uint32_t decode_before(std::string_view s, size_t &i) {
  size_t st = i - 1;
  while (st > 0 && is_cont(s[st])) --st;
  i = st;
  return decode(s, st);
}

// The lowercase of U+03A3 at bytes [at, next) of s: final ς when a cased
// character precedes it and none follows it, case-ignorable characters (an
// apostrophe, a combining accent) skipped both ways; σ otherwise.
uint32_t lower_sigma(std::string_view s, size_t at, size_t next) {
  size_t i = at;
  uint32_t c = 0;
  bool before = false;
  while (i > 0) {
    c = decode_before(s, i);
    if (!td_uni_is(c, TD_UNI_CASE_IGNORABLE)) {
      before = td_uni_is(c, TD_UNI_CASED);
      break;
    }
  }
  if (!before) return 0x3C3;
  for (i = next; i < s.size();) {
    c = decode(s, i);
    if (!td_uni_is(c, TD_UNI_CASE_IGNORABLE)) return td_uni_is(c, TD_UNI_CASED) ? 0x3C3 : 0x3C2;
  }
  return 0x3C2;
}

// One ASCII byte under `op`; *prevCased carries title()'s state.
inline char ascii_case(unsigned char c, Case op, size_t k, bool *prevCased) {
  bool up = unsigned(c - 'A') < 26u, lo = unsigned(c - 'a') < 26u;
  bool toUpper = false, toLower = false;
  switch (op) {
  case Case::Upper: toUpper = lo; break;
  case Case::Lower:
  case Case::Fold: toLower = up; break;
  case Case::Swap:
    toUpper = lo;
    toLower = up;
    break;
  case Case::Capitalize:
    toUpper = k == 0 && lo;
    toLower = k != 0 && up;
    break;
  case Case::Title:
    toUpper = !*prevCased && lo;
    toLower = *prevCased && up;
    *prevCased = up || lo;
    break;
  }
  return char(toUpper ? c - 32 : toLower ? c + 32 : c);
}

TdValue case_map(TdThread *ts, TdValue self, Case op) {
  std::string_view s = view(self);
  bool prevCased = false;
  if (S(self)->ascii) {
    if (s.empty()) return empty_str();
    if (s.size() == 1) return ascii_char(uint8_t(ascii_case(uint8_t(s[0]), op, 0, &prevCased)));
    TdStr *r;
    TdValue v = td_str_new_uninit(ts, int64_t(s.size()), &r);
    if (!v) return 0;
    for (size_t k = 0; k < s.size(); ++k) r->data[k] = ascii_case(uint8_t(s[k]), op, k, &prevCased);
    return v;
  }
  std::string out;
  out.reserve(s.size() + 8);
  uint32_t m[3];
  for (size_t i = 0, k = 0; i < s.size(); ++k) {
    size_t at = i;
    uint32_t c = decode(s, i);
    TdUniMap kind = TD_UNI_MAP_LOWER;
    bool keep = false;
    switch (op) {
    case Case::Upper: kind = TD_UNI_MAP_UPPER; break;
    case Case::Lower: kind = TD_UNI_MAP_LOWER; break;
    case Case::Fold: kind = TD_UNI_MAP_FOLD; break;
    case Case::Swap: {
      uint16_t f = td_uni_flags(c);
      kind = (f & TD_UNI_UPPER) ? TD_UNI_MAP_LOWER : TD_UNI_MAP_UPPER;
      keep = !(f & (TD_UNI_UPPER | TD_UNI_LOWER));
      break;
    }
    case Case::Capitalize: kind = k == 0 ? TD_UNI_MAP_TITLE : TD_UNI_MAP_LOWER; break;
    case Case::Title:
      kind = prevCased ? TD_UNI_MAP_LOWER : TD_UNI_MAP_TITLE;
      prevCased = td_uni_is(c, TD_UNI_CASED);
      break;
    }
    if (keep) {
      out.append(s.substr(at, i - at));
    } else if (c == 0x3A3 && kind == TD_UNI_MAP_LOWER) {
      encode(lower_sigma(s, at, i), out);
    } else {
      int n = td_uni_map(c, kind, m);
      for (int j = 0; j < n; ++j) encode(m[j], out);
    }
  }
  return td_str_from(ts, out);
}

#define NOARGS(name)                                                                             \
  if (!td_parse_args(ts, "str." name, args, nargs, kwnames, nullptr, 0, 0, nullptr)) return 0

TdValue str_upper(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames) {
  NOARGS("upper");
  return case_map(ts, self, Case::Upper);
}
TdValue str_lower(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames) {
  NOARGS("lower");
  return case_map(ts, self, Case::Lower);
}
TdValue str_casefold(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames) {
  NOARGS("casefold");
  return case_map(ts, self, Case::Fold);
}
TdValue str_swapcase(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames) {
  NOARGS("swapcase");
  return case_map(ts, self, Case::Swap);
}
TdValue str_capitalize(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames) {
  NOARGS("capitalize");
  return case_map(ts, self, Case::Capitalize);
}
TdValue str_title(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames) {
  NOARGS("title");
  return case_map(ts, self, Case::Title);
}

// is* predicates: the string is nonempty and every code point has one of
// the flags in `mask` (CPython's Py_UNICODE_IS* of the same name).
TdValue all_cps(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames,
                const char *name, uint16_t mask) {
  if (!td_parse_args(ts, name, args, nargs, kwnames, nullptr, 0, 0, nullptr)) return 0;
  std::string_view s = view(self);
  if (s.empty()) return td_bool(false);
  if (S(self)->ascii) {
    for (unsigned char c : s)
      if (!(td_uni_ascii_flags[c] & mask)) return td_bool(false);
    return td_bool(true);
  }
  for (size_t i = 0; i < s.size();)
    if (!td_uni_is(decode(s, i), mask)) return td_bool(false);
  return td_bool(true);
}

TdValue str_isdigit(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return all_cps(ts, self, args, nargs, kw, "str.isdigit", TD_UNI_DIGIT);
}
TdValue str_isdecimal(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return all_cps(ts, self, args, nargs, kw, "str.isdecimal", TD_UNI_DECIMAL);
}
TdValue str_isnumeric(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return all_cps(ts, self, args, nargs, kw, "str.isnumeric", TD_UNI_NUMERIC);
}
TdValue str_isalpha(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return all_cps(ts, self, args, nargs, kw, "str.isalpha", TD_UNI_ALPHA);
}
TdValue str_isalnum(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return all_cps(ts, self, args, nargs, kw, "str.isalnum",
                 TD_UNI_ALPHA | TD_UNI_DECIMAL | TD_UNI_DIGIT | TD_UNI_NUMERIC);
}
TdValue str_isspace(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return all_cps(ts, self, args, nargs, kw, "str.isspace", TD_UNI_SPACE);
}
TdValue str_isascii(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames) {
  NOARGS("isascii");
  return td_bool(S(self)->ascii);
}
TdValue str_isprintable(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames) {
  NOARGS("isprintable");
  std::string_view s = view(self);
  for (size_t i = 0; i < s.size();)
    if (!cp_printable(decode(s, i))) return td_bool(false);
  return td_bool(true);
}

// isupper/islower: at least one cased character of that case and none of
// the other case or titlecase (ǅ).  One character: its flag alone.
TdValue case_test(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames,
                  bool upper, const char *name) {
  if (!td_parse_args(ts, name, args, nargs, kwnames, nullptr, 0, 0, nullptr)) return 0;
  std::string_view s = view(self);
  uint16_t want = upper ? TD_UNI_UPPER : TD_UNI_LOWER;
  uint16_t veto = (upper ? TD_UNI_LOWER : TD_UNI_UPPER) | TD_UNI_TITLE;
  if (S(self)->length == 1) {
    size_t i = 0;
    return td_bool(td_uni_is(decode(s, i), want));
  }
  bool cased = false;
  for (size_t i = 0; i < s.size();) {
    uint16_t f = td_uni_flags(decode(s, i));
    if (f & veto) return td_bool(false);
    if (f & want) cased = true;
  }
  return td_bool(cased);
}
TdValue str_isupper(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return case_test(ts, self, args, nargs, kw, true, "str.isupper");
}
TdValue str_islower(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return case_test(ts, self, args, nargs, kw, false, "str.islower");
}
// istitle: uppercase and titlecase characters only after uncased ones,
// lowercase ones only after cased ones, and at least one cased character.
TdValue str_istitle(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames) {
  NOARGS("istitle");
  std::string_view s = view(self);
  bool prevCased = false, any = false;
  for (size_t i = 0; i < s.size();) {
    uint16_t f = td_uni_flags(decode(s, i));
    if (f & (TD_UNI_UPPER | TD_UNI_TITLE)) {
      if (prevCased) return td_bool(false);
      prevCased = any = true;
    } else if (f & TD_UNI_LOWER) {
      if (!prevCased) return td_bool(false);
      prevCased = any = true;
    } else {
      prevCased = false;
    }
  }
  return td_bool(any);
}

// isidentifier: XID_Start or '_' first (the table gives '_' XID_START), then
// XID_Continue.
TdValue str_isidentifier(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames) {
  NOARGS("isidentifier");
  std::string_view s = view(self);
  if (s.empty()) return td_bool(false);
  size_t i = 0;
  if (!td_uni_is(decode(s, i), TD_UNI_XID_START)) return td_bool(false);
  while (i < s.size())
    if (!td_uni_is(decode(s, i), TD_UNI_XID_CONTINUE)) return td_bool(false);
  return td_bool(true);
}

// Padding: center/ljust/rjust.  where: 0 center, 1 ljust, 2 rjust.
TdValue pad_impl(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames, int where,
                 const char *name) {
  TdValue a[2];
  if (!td_parse_args(ts, name, args, nargs, kwnames, nullptr, 1, 2, a)) return 0;
  int64_t width;
  if (!td_index(ts, a[0], &width)) return 0;
  std::string fill = " ";
  if (a[1]) {
    if (!td_is_str(a[1]) || S(a[1])->length != 1) {
      td_err_set(ts, &td_type_TypeError,
                 "The fill character must be exactly one character long");
      return 0;
    }
    fill = std::string(view(a[1]));
  }
  int64_t len = S(self)->length;
  if (width <= len) return td_newref(self);
  int64_t marg = width - len, left;
  if (where == 0)
    left = marg / 2 + (marg & width & 1);
  else if (where == 1)
    left = 0;
  else
    left = marg;
  std::string out;
  for (int64_t i = 0; i < left; ++i) out += fill;
  out += view(self);
  for (int64_t i = 0; i < marg - left; ++i) out += fill;
  return td_str_from(ts, out);
}
TdValue str_center(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return pad_impl(ts, self, args, nargs, kw, 0, "center");
}
TdValue str_ljust(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return pad_impl(ts, self, args, nargs, kw, 1, "ljust");
}
TdValue str_rjust(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return pad_impl(ts, self, args, nargs, kw, 2, "rjust");
}

TdValue str_zfill(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames) {
  TdValue a[1];
  if (!td_parse_args(ts, "zfill", args, nargs, kwnames, nullptr, 1, 1, a)) return 0;
  int64_t width;
  if (!td_index(ts, a[0], &width)) return 0;
  int64_t len = S(self)->length;
  if (width <= len) return td_newref(self);
  std::string_view s = view(self);
  std::string out;
  size_t i = 0;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    out.push_back(s[0]);
    i = 1;
  }
  out.append(size_t(width - len), '0');
  out.append(s.substr(i));
  return td_str_from(ts, out);
}

TdValue partition_impl(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames,
                       bool right) {
  TdValue a[1];
  if (!td_parse_args(ts, right ? "rpartition" : "partition", args, nargs, kwnames, nullptr, 1, 1,
                     a))
    return 0;
  if (!want_str(ts, a[0], "must be str")) return 0;
  std::string_view s = view(self), sep = view(a[0]);
  if (sep.empty()) {
    td_err_set(ts, &td_type_ValueError, "empty separator");
    return 0;
  }
  size_t p = right ? s.rfind(sep) : s.find(sep);
  TdValue items[3];
  if (p == std::string_view::npos) {
    items[0] = right ? empty_str() : td_newref(self);
    items[1] = empty_str();
    items[2] = right ? td_newref(self) : empty_str();
  } else {
    items[0] = sub(ts, s.substr(0, p));
    items[1] = td_newref(a[0]);
    items[2] = sub(ts, s.substr(p + sep.size()));
    if (!items[0] || !items[2]) {
      for (TdValue v : items) td_decref(v);
      return 0;
    }
  }
  return td_build_tuple(ts, items, 3);
}
TdValue str_partition(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return partition_impl(ts, self, args, nargs, kw, false);
}
TdValue str_rpartition(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return partition_impl(ts, self, args, nargs, kw, true);
}

TdValue str_removeprefix(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames) {
  TdValue a[1];
  if (!td_parse_args(ts, "str.removeprefix", args, nargs, kwnames, nullptr, 1, 1, a)) return 0;
  if (!want_str(ts, a[0], "removeprefix() argument must be str")) return 0;
  std::string_view s = view(self), p = view(a[0]);
  if (p.empty() || !s.starts_with(p)) return td_newref(self);
  return sub(ts, s.substr(p.size()));
}
TdValue str_removesuffix(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames) {
  TdValue a[1];
  if (!td_parse_args(ts, "str.removesuffix", args, nargs, kwnames, nullptr, 1, 1, a)) return 0;
  if (!want_str(ts, a[0], "removesuffix() argument must be str")) return 0;
  std::string_view s = view(self), p = view(a[0]);
  if (p.empty() || !s.ends_with(p)) return td_newref(self);
  return sub(ts, s.substr(0, s.size() - p.size()));
}

TdValue str_expandtabs(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames) {
  static const char *const names[] = {"tabsize"};
  TdValue a[1];
  if (!td_parse_args(ts, "expandtabs", args, nargs, kwnames, names, 0, 1, a)) return 0;
  int64_t tab = 8;
  if (a[0] && !td_index(ts, a[0], &tab)) return 0;
  std::string_view s = view(self);
  std::string out;
  int64_t col = 0;
  for (size_t i = 0; i < s.size();) {
    size_t st = i;
    uint32_t c = decode(s, i);
    if (c == '\t') {
      if (tab > 0) {
        int64_t n = tab - col % tab;
        out.append(size_t(n), ' ');
        col += n;
      }
    } else {
      out.append(s.substr(st, i - st));
      col = (c == '\n' || c == '\r') ? 0 : col + 1;
    }
  }
  return td_str_from(ts, out);
}

TdValue str_encode(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames) {
  static const char *const names[] = {"encoding", "errors"};
  TdValue a[2];
  if (!td_parse_args(ts, "encode", args, nargs, kwnames, names, 0, 2, a)) return 0;
  std::string enc = a[0] ? std::string(view(a[0])) : "utf-8";
  for (char &c : enc) c = char(std::tolower(uint8_t(c)));
  std::replace(enc.begin(), enc.end(), '_', '-');
  std::string_view s = view(self);
  if (enc == "utf-8" || enc == "utf8") return td_bytes_from(ts, s);
  unsigned limit = enc == "ascii" ? 0x80 : (enc == "latin-1" || enc == "latin1" || enc == "iso-8859-1") ? 0x100 : 0;
  if (!limit) {
    td_err_format(ts, &td_type_LookupError, "unknown encoding: %s", enc.c_str());
    return 0;
  }
  std::string out;
  int64_t pos = 0;
  for (size_t i = 0; i < s.size(); ++pos) {
    uint32_t c = decode(s, i);
    if (c >= limit) {
      bool ignore = a[1] && view(a[1]) == "ignore";
      bool replace = a[1] && view(a[1]) == "replace";
      if (ignore) continue;
      if (replace) {
        out.push_back('?');
        continue;
      }
      std::string r;
      repr_append(std::string_view(s.data() + (i - (c < 0x800 ? 2 : c < 0x10000 ? 3 : 4)),
                                   c < 0x800 ? 2 : c < 0x10000 ? 3 : 4),
                  r, false);
      td_err_format(ts, &td_type_UnicodeEncodeError,
                    "'%s' codec can't encode character %s in position %" PRId64
                    ": ordinal not in range(%u)",
                    limit == 0x80 ? "ascii" : "latin-1", r.c_str(), pos, limit);
      return 0;
    }
    out.push_back(char(c));
  }
  return td_bytes_from(ts, out);
}

TdValue str_dunder_format(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kwnames) {
  TdValue a[1];
  if (!td_parse_args(ts, "__format__", args, nargs, kwnames, nullptr, 1, 1, a)) return 0;
  if (!want_str(ts, a[0], "__format__() argument must be str")) return 0;
  return td_format_str(ts, self, view(a[0]));
}

#undef NOARGS

const TdMethodDef str_methods[] = {
    {"join", str_join},
    {"split", str_split},
    {"rsplit", str_rsplit},
    {"splitlines", str_splitlines},
    {"strip", str_strip},
    {"lstrip", str_lstrip},
    {"rstrip", str_rstrip},
    {"replace", str_replace},
    {"find", str_find},
    {"rfind", str_rfind},
    {"index", str_index},
    {"rindex", str_rindex},
    {"count", str_count},
    {"startswith", str_startswith},
    {"endswith", str_endswith},
    {"upper", str_upper},
    {"lower", str_lower},
    {"casefold", str_casefold},
    {"title", str_title},
    {"capitalize", str_capitalize},
    {"swapcase", str_swapcase},
    {"isdigit", str_isdigit},
    {"isdecimal", str_isdecimal},
    {"isnumeric", str_isnumeric},
    {"isalpha", str_isalpha},
    {"isalnum", str_isalnum},
    {"isspace", str_isspace},
    {"isupper", str_isupper},
    {"islower", str_islower},
    {"istitle", str_istitle},
    {"isidentifier", str_isidentifier},
    {"isascii", str_isascii},
    {"isprintable", str_isprintable},
    {"center", str_center},
    {"ljust", str_ljust},
    {"rjust", str_rjust},
    {"zfill", str_zfill},
    {"partition", str_partition},
    {"rpartition", str_rpartition},
    {"removeprefix", str_removeprefix},
    {"removesuffix", str_removesuffix},
    {"expandtabs", str_expandtabs},
    {"format", td_str_format_method},
    {"encode", str_encode},
    {"__format__", str_dunder_format},
    {nullptr, nullptr},
};

} // namespace

// bytes.decode and str(b, encoding) share this.
static TdValue decode_bytes(TdThread *ts, std::string_view b, std::string_view encoding,
                            std::string_view errors) {
  std::string enc(encoding);
  for (char &c : enc) c = char(std::tolower(uint8_t(c)));
  std::replace(enc.begin(), enc.end(), '_', '-');
  std::string out;
  if (enc == "utf-8" || enc == "utf8") {
    // Validate; invalid sequences raise (strict) or become U+FFFD (replace).
    for (size_t i = 0; i < b.size();) {
      unsigned char c = b[i];
      int extra = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
      bool good = extra >= 0 && i + size_t(extra) < b.size() + (extra ? 0 : 1);
      for (int k = 1; good && k <= extra; ++k) good = i + k < b.size() && is_cont(b[i + k]);
      if (good) {
        out.append(b.substr(i, size_t(extra) + 1));
        i += size_t(extra) + 1;
        continue;
      }
      if (errors == "ignore") {
        ++i;
      } else if (errors == "replace") {
        out += "\xEF\xBF\xBD";
        ++i;
      } else {
        td_err_format(ts, &td_type_UnicodeDecodeError,
                      "'utf-8' codec can't decode byte 0x%02x in position %zu: %s", c, i,
                      extra < 0 ? "invalid start byte" : "invalid continuation byte");
        return 0;
      }
    }
    return td_str_from(ts, out);
  }
  if (enc == "ascii" || enc == "latin-1" || enc == "latin1" || enc == "iso-8859-1") {
    bool ascii = enc == "ascii";
    for (size_t i = 0; i < b.size(); ++i) {
      unsigned char c = b[i];
      if (ascii && c >= 0x80) {
        if (errors == "ignore") continue;
        if (errors == "replace") {
          out += "\xEF\xBF\xBD";
          continue;
        }
        td_err_format(ts, &td_type_UnicodeDecodeError,
                      "'ascii' codec can't decode byte 0x%02x in position %zu: ordinal not in "
                      "range(128)",
                      c, i);
        return 0;
      }
      encode(c, out);
    }
    return td_str_from(ts, out);
  }
  td_err_format(ts, &td_type_LookupError, "unknown encoding: %s", enc.c_str());
  return 0;
}

TdValue td_bytes_decode_to_str(TdThread *ts, std::string_view b, std::string_view encoding,
                        std::string_view errors) {
  return decode_bytes(ts, b, encoding, errors);
}

TdType td_type_str = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "str",
    .base = &td_type_object,
    .flags = TD_TF_BASETYPE,
    .dealloc = td_free_object,
    .repr = str_repr,
    .str = str_str,
    .hash = str_hash,
    .richcompare = str_richcompare,
    .truthy = nullptr,
    .len = str_len,
    .binop = str_binop,
    .inplace = nullptr,
    .unary = nullptr,
    .getattr = nullptr,
    .setattr = nullptr,
    .getitem = str_getitem,
    .setitem = nullptr,
    .contains = str_contains,
    .iter = str_iter,
    .next = nullptr,
    .call = nullptr,
    .construct = str_construct,
    .format = td_format_str,
    .methods = str_methods,
};
