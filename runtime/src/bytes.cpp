// bytes.cpp — Python's bytes, kept small: literals, len, indexing (an int)
// and slicing, +, *, ==/<, hash, `in`, iteration, repr (b'abc\x00'),
// decode(), hex(), and bytes(n) / bytes(iterable) / bytes(str, encoding).
//
// Layout: TdBytes (values.h), NUL-terminated so C APIs can read it.  The
// hash uses the same function family as str but a different seed, so b'a'
// and 'a' — which are never equal — do not collide systematically.
#include <cinttypes>
#include <vector>

#include "containers.h"
#include "values.h"

namespace {

TdBytes *B(TdValue v) { return reinterpret_cast<TdBytes *>(v); }
std::string_view view(TdValue v) { return std::string_view(B(v)->data, size_t(B(v)->size)); }
bool is_bytes(TdValue v) { return !td_is_small(v) && v && td_obj(v)->type == &td_type_bytes; }

TdValue bytes_repr(TdThread *ts, TdValue v) {
  std::string_view s = view(v);
  bool single = s.find('\'') != std::string_view::npos;
  bool dbl = s.find('"') != std::string_view::npos;
  char q = single && !dbl ? '"' : '\'';
  std::string out = "b";
  out.push_back(q);
  for (unsigned char c : s) {
    if (c == uint8_t(q) || c == '\\') {
      out.push_back('\\');
      out.push_back(char(c));
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out.push_back(char(c));
    }
  }
  out.push_back(q);
  return td_str_from_ascii(ts, out);
}

int64_t bytes_hash(TdThread *, TdValue v) {
  TdBytes *b = B(v);
  if (b->hash != -1) return b->hash;
  uint64_t h = 0xcbf29ce484222325ull;
  for (int64_t i = 0; i < b->size; ++i) h = (h ^ uint8_t(b->data[i])) * 0x100000001b3ull;
  h ^= h >> 29;
  int64_t r = int64_t(h);
  b->hash = r == -1 ? -2 : r;
  return b->hash;
}

int64_t bytes_len(TdThread *, TdValue v) { return B(v)->size; }

TdValue bytes_richcompare(TdThread *, TdValue a, TdValue b, int op) {
  if (!is_bytes(b)) return td_val(&td_NotImplemented);
  int c = view(a).compare(view(b));
  switch (op) {
  case TD_CMP_EQ: return td_bool(c == 0);
  case TD_CMP_NE: return td_bool(c != 0);
  case TD_CMP_LT: return td_bool(c < 0);
  case TD_CMP_LE: return td_bool(c <= 0);
  case TD_CMP_GT: return td_bool(c > 0);
  default: return td_bool(c >= 0);
  }
}

TdValue bytes_binop(TdThread *ts, int op, TdValue a, TdValue b) {
  if (op == TD_OP_ADD && is_bytes(a) && is_bytes(b)) {
    std::string s(view(a));
    s += view(b);
    return td_bytes_from(ts, s);
  }
  if (op == TD_OP_MUL && (is_bytes(a) || is_bytes(b))) {
    TdValue seq = is_bytes(a) ? a : b, count = is_bytes(a) ? b : a;
    if (!td_is_int(count)) return td_val(&td_NotImplemented);
    int64_t n;
    if (!td_index(ts, count, &n)) return 0;
    std::string s;
    for (int64_t i = 0; i < n; ++i) s += view(seq);
    return td_bytes_from(ts, s);
  }
  return td_val(&td_NotImplemented);
}

int bytes_contains(TdThread *ts, TdValue c, TdValue item) {
  if (is_bytes(item)) return view(c).find(view(item)) != std::string_view::npos;
  int64_t x;
  if (td_is_int(item)) {
    if (!td_index(ts, item, &x)) return -1;
    if (x < 0 || x > 255) {
      td_err_set(ts, &td_type_ValueError, "byte must be in range(0, 256)");
      return -1;
    }
    return view(c).find(char(x)) != std::string_view::npos;
  }
  td_err_format(ts, &td_type_TypeError, "a bytes-like object is required, not '%s'",
                td_type_name(item));
  return -1;
}

TdValue bytes_getitem(TdThread *ts, TdValue v, TdValue key) {
  TdBytes *b = B(v);
  if (td_is_slice(key)) {
    TdSliceIndices si;
    if (!td_slice_indices(ts, key, b->size, &si)) return 0;
    std::string out;
    for (int64_t k = 0, j = si.start; k < si.length; ++k, j += si.step) out.push_back(b->data[j]);
    return td_bytes_from(ts, out);
  }
  if (!td_is_int(key)) {
    td_err_format(ts, &td_type_TypeError, "byte indices must be integers or slices, not %s",
                  td_type_name(key));
    return 0;
  }
  int64_t i;
  if (!td_index(ts, key, &i)) return 0;
  if (i < 0) i += b->size;
  if (i < 0 || i >= b->size) {
    td_err_set(ts, &td_type_IndexError, "index out of range");
    return 0;
  }
  return td_small(uint8_t(b->data[i]));
}

struct BytesIter {
  TdObject ob;
  TdValue bytes;
  int64_t pos;
};

void bytes_iter_dealloc(TdObject *o) {
  td_decref(reinterpret_cast<BytesIter *>(o)->bytes);
  td_free_object(o);
}

TdValue bytes_iter_next(TdThread *, TdValue it) {
  auto *i = reinterpret_cast<BytesIter *>(it);
  if (i->pos >= B(i->bytes)->size) return TD_DONE;
  return td_small(uint8_t(B(i->bytes)->data[i->pos++]));
}

TdValue iter_self(TdThread *, TdValue v) { return td_newref(v); }

} // namespace

TdType td_type_bytes_iterator = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "bytes_iterator",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = bytes_iter_dealloc,
    .iter = iter_self,
    .next = bytes_iter_next,
};

namespace {

TdValue bytes_iter(TdThread *ts, TdValue v) {
  auto *i =
      reinterpret_cast<BytesIter *>(td_alloc_object(&td_type_bytes_iterator, sizeof(BytesIter)));
  if (!i) return td_err_nomem(ts);
  i->bytes = td_newref(v);
  i->pos = 0;
  return td_val(i);
}

TdValue bytes_decode(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs,
                     TdValue kwnames) {
  static const char *const names[] = {"encoding", "errors"};
  TdValue a[2];
  if (!td_parse_args(ts, "decode", args, nargs, kwnames, names, 0, 2, a)) return 0;
  for (TdValue x : a)
    if (x && !td_is_str(x)) {
      td_err_format(ts, &td_type_TypeError, "decode() argument must be str, not %s",
                    td_type_name(x));
      return 0;
    }
  return td_bytes_decode_to_str(ts, view(self), a[0] ? td_str_view(a[0]) : "utf-8",
                                a[1] ? td_str_view(a[1]) : "strict");
}

TdValue bytes_hex(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs,
                  TdValue kwnames) {
  if (!td_parse_args(ts, "bytes.hex", args, nargs, kwnames, nullptr, 0, 0, nullptr)) return 0;
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : view(self)) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return td_str_from_ascii(ts, out);
}

const TdMethodDef bytes_methods[] = {
    {"decode", bytes_decode},
    {"hex", bytes_hex},
    {nullptr, nullptr},
};

TdValue bytes_construct(TdThread *ts, TdValue, const TdValue *args, int64_t nargs,
                        TdValue kwnames) {
  static const char *const names[] = {"source", "encoding", "errors"};
  TdValue a[3];
  if (!td_parse_args(ts, "bytes", args, nargs, kwnames, names, 0, 3, a)) return 0;
  if (!a[0]) return td_bytes_from(ts, "");
  if (td_is_str(a[0])) {
    if (!a[1]) {
      td_err_set(ts, &td_type_TypeError, "string argument without an encoding");
      return 0;
    }
    TdValue encArgs[2] = {a[1], a[2]};
    return td_find_method(&td_type_str, "encode")->fn(ts, a[0], encArgs, a[2] ? 2 : 1, 0);
  }
  if (is_bytes(a[0])) return td_newref(a[0]);
  if (td_is_int(a[0])) {
    int64_t n;
    if (!td_index(ts, a[0], &n)) return 0;
    if (n < 0) {
      td_err_set(ts, &td_type_ValueError, "negative count");
      return 0;
    }
    return td_bytes_from(ts, std::string(size_t(n), '\0'));
  }
  std::vector<TdValue> items;
  if (!td_collect(ts, a[0], items)) return 0;
  std::string out;
  for (TdValue x : items) {
    int64_t b;
    if (!td_is_int(x)) {
      td_err_format(ts, &td_type_TypeError, "'%s' object cannot be interpreted as an integer",
                    td_type_name(x));
      td_release_all(items);
      return 0;
    }
    if (!td_index(ts, x, &b) || b < 0 || b > 255) {
      td_err_clear(ts);
      td_err_set(ts, &td_type_ValueError, "bytes must be in range(0, 256)");
      td_release_all(items);
      return 0;
    }
    out.push_back(char(b));
  }
  td_release_all(items);
  return td_bytes_from(ts, out);
}

} // namespace

TdValue td_bytes_from(TdThread *ts, std::string_view b) {
  auto *o = reinterpret_cast<TdBytes *>(
      td_alloc_object(&td_type_bytes, sizeof(TdBytes) + b.size() + 1));
  if (!o) return td_err_nomem(ts);
  o->size = int64_t(b.size());
  o->hash = -1;
  std::memcpy(o->data, b.data(), b.size());
  o->data[b.size()] = 0;
  return td_val(o);
}

extern "C" TdValue td_bytes_const(TdThread *ts, const char *p, int64_t n) {
  TdValue v = td_bytes_from(ts, std::string_view(p, size_t(n)));
  td_make_immortal(v);
  return v;
}

TdType td_type_bytes = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "bytes",
    .base = &td_type_object,
    .flags = TD_TF_BASETYPE,
    .dealloc = td_free_object,
    .repr = bytes_repr,
    .str = nullptr,
    .hash = bytes_hash,
    .richcompare = bytes_richcompare,
    .truthy = nullptr,
    .len = bytes_len,
    .binop = bytes_binop,
    .inplace = nullptr,
    .unary = nullptr,
    .getattr = nullptr,
    .setattr = nullptr,
    .getitem = bytes_getitem,
    .setitem = nullptr,
    .contains = bytes_contains,
    .iter = bytes_iter,
    .next = nullptr,
    .call = nullptr,
    .construct = bytes_construct,
    .format = nullptr,
    .methods = bytes_methods,
};
