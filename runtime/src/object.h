// object.h — the runtime's object model (private to runtime/).
//
// Glossary
//   TdValue    a tagged word (see abi.h): small int inline, else TdObject*.
//   TdType     a type object.  Behaviour lives in slots (function pointers)
//              that the generic entry points (td_binop, td_getattr, ...)
//              dispatch through, and in `dict` (methods, class attributes).
//   slot       a C++ function pointer in TdType; nullptr = not supported (the
//              dispatcher raises the CPython TypeError).
//   method     a TdMethodDef {name, fn} registered in a type's dict as a
//              builtin-method descriptor; `obj.name(...)` calls fn(ts, obj, ...)
//              without creating a bound method (td_call_method).
//
// Conventions inside the runtime follow abi.h: borrow arguments, return new
// references, 0 / -1 on error with the exception set through td_err_* helpers
// in errors.h.  No C++ exception ever leaves a runtime function: code that can
// throw (std::bad_alloc, GMP) is wrapped at the boundary.
//
// One file per type or concept: int.cpp (small and big, GMP), float.cpp,
// str.cpp, list.cpp, tuple.cpp, dict.cpp, set.cpp, range.cpp, function.cpp,
// exceptions.cpp, builtins.cpp, module_sys.cpp, ...
#pragma once

#include <cstdlib>
#include <new>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "tide/abi.h"

// ---------------------------------------------------------------------------
// Tagged values
// ---------------------------------------------------------------------------

constexpr int64_t TD_SMALL_MAX = (int64_t(1) << 62) - 1;
constexpr int64_t TD_SMALL_MIN = -(int64_t(1) << 62);

inline bool td_is_small(TdValue v) { return (v & 1) != 0; }
inline int64_t td_small_val(TdValue v) { return int64_t(v) >> 1; }
inline TdValue td_small(int64_t i) { return (TdValue(i) << 1) | 1; }
inline bool td_fits_small(int64_t i) { return i >= TD_SMALL_MIN && i <= TD_SMALL_MAX; }
inline TdObject *td_obj(TdValue v) { return reinterpret_cast<TdObject *>(v); }
inline TdValue td_val(const void *o) { return reinterpret_cast<TdValue>(o); }

inline void td_incref(TdValue v) {
  if (v && !td_is_small(v)) td_obj(v)->refcnt++;
}
inline void td_decref(TdValue v) {
  if (v && !td_is_small(v) && --td_obj(v)->refcnt == 0) td_dealloc(td_obj(v));
}
inline TdValue td_newref(TdValue v) {
  td_incref(v);
  return v;
}

inline TdValue td_none() { return td_val(&td_None); }
inline TdValue td_bool(bool b) { return td_val(b ? &td_True : &td_False); }
inline bool td_is_none(TdValue v) { return v == td_val(&td_None); }

// Holds one reference; releases it at scope exit.  For runtime C++ code only.
class TdRef {
public:
  TdRef() = default;
  explicit TdRef(TdValue v) : v_(v) {}           // steals
  TdRef(const TdRef &) = delete;
  TdRef &operator=(const TdRef &) = delete;
  TdRef(TdRef &&o) noexcept : v_(o.v_) { o.v_ = 0; }
  TdRef &operator=(TdRef &&o) noexcept {
    if (this != &o) { td_decref(v_); v_ = o.v_; o.v_ = 0; }
    return *this;
  }
  ~TdRef() { td_decref(v_); }
  TdValue get() const { return v_; }
  TdValue release() { TdValue v = v_; v_ = 0; return v; }
  explicit operator bool() const { return v_ != 0; }
private:
  TdValue v_ = 0;
};

// ---------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------

using TdUnaryFn = TdValue (*)(TdThread *, TdValue);
using TdBinaryFn = TdValue (*)(TdThread *, TdValue, TdValue);
using TdVectorFn = TdValue (*)(TdThread *, TdValue self, const TdValue *args, int64_t nargs,
                               TdValue kwnames);

struct TdMethodDef {
  const char *name;
  TdVectorFn fn; // self first, then the call's positional and keyword args
};

enum TdTypeFlags : uint32_t {
  TD_TF_BASETYPE = 1,    // may be subclassed
  TD_TF_HEAPTYPE = 2,    // a class statement made it
  TD_TF_EXCEPTION = 4,   // BaseException or a subclass
  TD_TF_INT_SUBCLASS = 8,
  TD_TF_STR_SUBCLASS = 16,
  TD_TF_TUPLE_SUBCLASS = 32,
  TD_TF_LIST_SUBCLASS = 64,
  TD_TF_DICT_SUBCLASS = 128,
};

struct TdType {
  TdObject ob;
  const char *name;  // "int", "list", "ValueError", "Point"
  TdType *base;      // nullptr only for object
  uint32_t flags;
  void (*dealloc)(TdObject *);

  TdUnaryFn repr;
  TdUnaryFn str;                                          // nullptr: use repr
  int64_t (*hash)(TdThread *, TdValue);                   // -1 on error; nullptr: unhashable
  // op is TD_CMP_EQ..TD_CMP_GE; returns a new ref, td_NotImplemented to decline.
  // `a` is always an instance of the slot's type: the dispatcher makes the
  // reflected call as b's slot with (b, a) and the swapped op (< becomes >).
  TdValue (*richcompare)(TdThread *, TdValue a, TdValue b, int op);
  int (*truthy)(TdThread *, TdValue);                     // nullptr: len, else true
  int64_t (*len)(TdThread *, TdValue);                    // -1 on error
  // op is TD_OP_*; returns td_NotImplemented to decline (the dispatcher then
  // tries the other operand's slot, like __radd__).
  TdValue (*binop)(TdThread *, int op, TdValue a, TdValue b);
  TdValue (*inplace)(TdThread *, int op, TdValue a, TdValue b); // nullptr: binop
  TdValue (*unary)(TdThread *, int op, TdValue a);
  TdValue (*getattr)(TdThread *, TdValue obj, TdValue name); // nullptr: generic
  int (*setattr)(TdThread *, TdValue obj, TdValue name, TdValue v); // v==0: delete
  TdBinaryFn getitem;
  int (*setitem)(TdThread *, TdValue obj, TdValue key, TdValue v); // v==0: delete
  int (*contains)(TdThread *, TdValue container, TdValue item); // -1/0/1
  TdUnaryFn iter;
  TdUnaryFn next;     // new ref, TD_DONE when exhausted, 0 on error
  TdVectorFn call;    // calling an instance: f(...)
  TdVectorFn construct; // calling the type: T(...) (self is the type)
  TdValue (*format)(TdThread *, TdValue v, std::string_view spec); // nullptr: str()

  const TdMethodDef *methods; // null-terminated; installed into dict at init
  TdValue dict;               // a dict: methods and class attributes (0 until ready)
};

inline TdType *td_type_of(TdValue v);
extern "C" TdType td_type_int;
extern "C" TdType td_type_object;
inline TdType *td_type_of(TdValue v) {
  return td_is_small(v) ? &td_type_int : td_obj(v)->type;
}
bool td_is_subtype(const TdType *t, const TdType *base);
// object's identity hash and ==/!= (the slots of types that compare by
// identity).
int64_t td_object_hash(TdThread *ts, TdValue v);
TdValue td_object_richcompare(TdThread *ts, TdValue a, TdValue b, int op);
// callable(v): a function, or an instance of a type with a call slot
// (types, builtins, bound methods, classes defining __call__).
extern "C" TdType td_type_function;
inline bool td_is_callable(TdValue v) {
  if (v & 1) return false;
  const TdType *t = reinterpret_cast<const TdObject *>(v)->type;
  return t->call != nullptr || t == &td_type_function;
}
inline bool td_isinstance(TdValue v, const TdType *t) { return td_is_subtype(td_type_of(v), t); }

// Allocates `size` bytes with the header filled (refcnt 1).  Free with
// td_free_object (the type's dealloc calls it last).
TdObject *td_alloc_object(TdType *type, size_t size);
void td_free_object(TdObject *o);
// Raw blocks from the same allocator (fiber stack slices).
void *td_mem_alloc(size_t size);
void td_mem_free(void *p);
// Grows (or keeps) an object's block, moving it if needed, like realloc.
void *td_realloc_object(TdObject *o, size_t size);
void td_make_immortal(TdValue v);
// Tunes glibc's malloc for big blocks (alloc.cpp); once, at start-up.
void td_heap_tune();
// Blocks of kBigBlock bytes or more straight from the kernel, 2 MiB-aligned
// and backed by transparent huge pages (alloc.cpp): a burst that fills a
// 5 MiB buffer then faults in 3 pages, not 1,300.  Never null (out of
// memory aborts, as std::allocator's failure would).
constexpr size_t kBigBlock = size_t(1) << 20;
void *td_big_alloc(size_t bytes);
void td_big_free(void *p, size_t bytes);
// std::allocator for the runtime's big, bursty vectors (the loop's ready
// queue, gather's tables): huge pages from kBigBlock up, malloc below.
template <class T> struct TdBigAllocator {
  using value_type = T;
  TdBigAllocator() = default;
  template <class U> TdBigAllocator(const TdBigAllocator<U> &) {}
  T *allocate(size_t n) {
    size_t bytes = n * sizeof(T);
    if (bytes >= kBigBlock) return static_cast<T *>(td_big_alloc(bytes));
    void *p = std::malloc(bytes);
    if (!p) throw std::bad_alloc();
    return static_cast<T *>(p);
  }
  void deallocate(T *p, size_t n) {
    size_t bytes = n * sizeof(T);
    if (bytes >= kBigBlock)
      td_big_free(p, bytes);
    else
      std::free(p);
  }
  template <class U> bool operator==(const TdBigAllocator<U> &) const { return true; }
  template <class U> bool operator!=(const TdBigAllocator<U> &) const { return false; }
};

// Registers `t`'s methods into its dict; idempotent.  Every static type is
// readied once by td_runtime_init.
void td_type_ready(TdType *t);

// ---------------------------------------------------------------------------
// Shared internal API.  values: int.cpp / float.cpp / str.cpp / ops.cpp /
// object.cpp implement these; containers, functions and builtins use them.
// ---------------------------------------------------------------------------

// Hash and equality as Python defines them (1 == 1.0 == True hash alike).
int64_t td_hash(TdThread *ts, TdValue v);          // -1 on error (unhashable: TypeError)
int td_eq(TdThread *ts, TdValue a, TdValue b);     // -1 error, 0, 1 (identity first)

// str objects.  A str is UTF-8 with its code-point length cached.
TdValue td_str_from(TdThread *ts, std::string_view utf8); // new str (0 on error)
std::string_view td_str_view(TdValue s);                  // s must be a str
bool td_is_str(TdValue v);
// repr()/str() straight to a C++ string (for messages and container reprs);
// false on error.
bool td_repr_to(TdThread *ts, TdValue v, std::string &out);
bool td_str_to(TdThread *ts, TdValue v, std::string &out);
// "int", "NoneType", "Point": the type's name as CPython prints it in messages.
const char *td_type_name(TdValue v);

// ints.
TdValue td_int_from_i64(TdThread *ts, int64_t i);   // small or big
// Exact conversion; false (with OverflowError set) if it does not fit.
bool td_int_to_i64(TdThread *ts, TdValue v, int64_t *out);
bool td_is_int(TdValue v);                            // int or bool (exact int family)
// __index__: int or bool to int64 with TypeError naming `what` otherwise.
bool td_index(TdThread *ts, TdValue v, int64_t *out);

// floats.
TdValue td_float_from(TdThread *ts, double d);
bool td_is_float(TdValue v);
double td_float_val(TdValue v);
// float(x) semantics for numbers (int, bool, float): false + TypeError otherwise.
bool td_number_to_double(TdThread *ts, TdValue v, double *out);

// ---------------------------------------------------------------------------
// Builtin methods and argument parsing (object.cpp).
// ---------------------------------------------------------------------------

// Finds `name` in t's `methods` table or a base's (a linear scan; builtin
// types have short tables).  nullptr if absent.
const TdMethodDef *td_find_method(const TdType *t, std::string_view name);

// Unpacks a builtin's arguments (args/nargs/kwnames as td_call passes them:
// nargs counts every value, the last len(kwnames) being keyword values) into
// out[0..max): borrowed values, 0 where not given.  `names` has `max` entries
// (nullptr: positional-only); names == nullptr: no keywords accepted.  `fname`
// appears in messages ("split", "str.join").  False with TypeError set on a
// bad call (too many/few arguments, unknown or duplicate keyword).
bool td_parse_args(TdThread *ts, const char *fname, const TdValue *args, int64_t nargs,
                   TdValue kwnames, const char *const *names, int min, int max,
                   TdValue *out);

// A builtin method bound to its receiver (`"a".join`): calling it calls
// fn(ts, self, ...).  Made by td_getattr for a TdMethodDef.
struct TdBuiltinMethod {
  TdObject ob;
  TdVectorFn fn;
  TdValue self; // owned
  const char *name;
};
TdValue td_builtin_method_new(TdThread *ts, TdValue self, const TdMethodDef *def);
