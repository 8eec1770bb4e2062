// containers.h — the runtime's internal API for containers, functions,
// modules and argument parsing (private to runtime/).
//
// What lives here: the object layouts of list, tuple, dict, set, range,
// slice, function, cell, module and builtin function objects, and the C++
// helpers the runtime's own files use on them (building, borrowed lookups,
// iteration without allocating an iterator, argument binding for builtins).
// Generated code never sees this header: it goes through abi.h.
//
// Glossary
//   borrowed   a returned TdValue that the caller must not decref (dict
//              lookups, list items): valid while the container holds it.
//   kwnames    the call convention of abi.h: `args` holds nargs values, the
//              last len(kwnames) of which are keyword arguments named by the
//              str tuple kwnames (0 when there are none).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "errors.h"
#include "object.h"
#include "thread.h"

// Types defined by the value files (object.cpp, str.cpp, ...).
extern "C" TdType td_type_type;
extern "C" TdType td_type_str;
extern "C" TdType td_type_float;
extern "C" TdType td_type_bool;
extern "C" TdType td_type_NoneType;

// Types defined by the structure files.
extern "C" TdType td_type_list;
extern "C" TdType td_type_tuple;
extern "C" TdType td_type_dict;
extern "C" TdType td_type_dict_keys;
extern "C" TdType td_type_dict_values;
extern "C" TdType td_type_dict_items;
extern "C" TdType td_type_set;
extern "C" TdType td_type_frozenset;
extern "C" TdType td_type_slice;
extern "C" TdType td_type_cell;
extern "C" TdType td_type_module;
extern "C" TdType td_type_builtin_function;

// A static type's header: immortal, its type is `type`.
#define TD_STATIC_TYPE_HEAD {TD_IMMORTAL_REFCNT, &td_type_type}

// ---------------------------------------------------------------------------
// list
// ---------------------------------------------------------------------------
struct TdList {
  TdObject ob;
  int64_t size;
  int64_t cap;
  TdValue *items; // malloc'd; owns a reference to each of items[0..size)
};
inline bool td_is_list(TdValue v) {
  return !td_is_small(v) && v && td_is_subtype(td_obj(v)->type, &td_type_list);
}
inline TdList *td_as_list(TdValue v) { return reinterpret_cast<TdList *>(v); }
TdValue td_list_new(TdThread *ts, int64_t reserve); // empty list
int td_list_append_steal(TdThread *ts, TdValue list, TdValue v); // steals v (even on error)
TdValue td_list_from_iterable(TdThread *ts, TdValue iterable);
// Sorts in place with CPython's semantics; key may be 0.  -1 on error.
int td_list_sort(TdThread *ts, TdValue list, TdValue key, bool reverse);

// ---------------------------------------------------------------------------
// tuple (layout: abi.h TdTupleHead)
// ---------------------------------------------------------------------------
inline bool td_is_tuple(TdValue v) {
  return !td_is_small(v) && v && td_is_subtype(td_obj(v)->type, &td_type_tuple);
}
inline TdTupleHead *td_as_tuple(TdValue v) { return reinterpret_cast<TdTupleHead *>(v); }
// A tuple of n items, all 0: the caller fills items[] with owned references.
TdValue td_tuple_new(TdThread *ts, int64_t n);
TdValue td_tuple_pack(TdThread *ts, std::initializer_list<TdValue> borrowed);
TdValue td_tuple_from_iterable(TdThread *ts, TdValue iterable);
TdValue td_empty_tuple(TdThread *ts); // new reference to ()

// ---------------------------------------------------------------------------
// dict
// ---------------------------------------------------------------------------
inline bool td_is_dict(TdValue v) {
  return !td_is_small(v) && v && td_is_subtype(td_obj(v)->type, &td_type_dict);
}
TdValue td_dict_new(TdThread *ts);
int64_t td_dict_size(TdValue d);
// 1 found (*out borrowed), 0 missing (no error), -1 error.
int td_dict_find(TdThread *ts, TdValue d, TdValue key, TdValue *out);
// Borrowed value for a str key given as C text, 0 if missing (never raises
// except for allocation failure, which also returns 0 with the error set).
TdValue td_dict_get_str(TdThread *ts, TdValue d, std::string_view key);
int td_dict_set_str(TdThread *ts, TdValue d, std::string_view key, TdValue v);
int td_dict_delitem(TdThread *ts, TdValue d, TdValue key); // KeyError if absent
// Walks the live entries in insertion order: start with *pos = 0.  Returns
// false at the end.  key/value are borrowed.
bool td_dict_next(TdValue d, int64_t *pos, TdValue *key, TdValue *value);
TdValue td_dict_copy(TdThread *ts, TdValue d);
// dict.update semantics: a mapping (keys() + getitem) or an iterable of pairs.
int td_dict_update(TdThread *ts, TdValue d, TdValue other);
void td_dict_clear(TdValue d);
// dict.fromkeys(iterable[, value]); `type` is the dict type (unused).
TdValue td_dict_fromkeys(TdThread *ts, TdValue type, const TdValue *args, int64_t nargs,
                         TdValue kwnames);
// sizeof the dict object: subclasses of dict (class.cpp) put their
// instance __dict__ pointer right after it.
extern const size_t td_dict_object_size;

// ---------------------------------------------------------------------------
// set / frozenset
// ---------------------------------------------------------------------------
inline bool td_is_anyset(TdValue v) {
  return !td_is_small(v) && v &&
         (td_is_subtype(td_obj(v)->type, &td_type_set) ||
          td_is_subtype(td_obj(v)->type, &td_type_frozenset));
}
TdValue td_set_new(TdThread *ts, TdValue iterable /* or 0 */);
int td_set_contains(TdThread *ts, TdValue set, TdValue key); // -1/0/1

// ---------------------------------------------------------------------------
// slice and sequence helpers
// ---------------------------------------------------------------------------
struct TdSlice {
  TdObject ob;
  TdValue start, stop, step; // owned; None when omitted
};
inline bool td_is_slice(TdValue v) {
  return !td_is_small(v) && v && td_obj(v)->type == &td_type_slice;
}
struct TdSliceIndices {
  int64_t start, stop, step, length;
};
// CPython's PySlice_Unpack + PySlice_AdjustIndices for a sequence of `len`.
bool td_slice_indices(TdThread *ts, TdValue slice, int64_t len, TdSliceIndices *out);
// Normalises a sequence index (negative counts from the end); false with
// IndexError "<what> index out of range" when outside [0, len).
bool td_seq_index(TdThread *ts, TdValue key, int64_t len, const char *what, int64_t *out);

// Collects an iterable's items as new references into `out`.
bool td_collect(TdThread *ts, TdValue iterable, std::vector<TdValue> &out);
void td_release_all(std::vector<TdValue> &v);

// Lexicographic rich comparison of two lists or two tuples (op TD_CMP_EQ..
// TD_CMP_GE).  Re-reads the containers at each step: user __eq__ may mutate
// a list while it is compared.
TdValue td_seq_richcompare(TdThread *ts, TdValue a, TdValue b, int op);
// The items and size of a list or tuple.
inline void td_seq_parts(TdValue v, TdValue **items, int64_t *n) {
  if (td_is_tuple(v)) {
    *items = td_as_tuple(v)->items;
    *n = td_as_tuple(v)->size;
  } else {
    *items = td_as_list(v)->items;
    *n = td_as_list(v)->size;
  }
}
// "[1, 2]" style repr of items between `open` and `close`.
bool td_seq_repr(TdThread *ts, const TdValue *items, int64_t n, const char *open,
                 const char *close, std::string &out);
// Counts the pending container reprs to print "[...]" for self-containing
// containers; true if `v` is already being printed.  Pair with td_repr_leave.
bool td_repr_enter(TdThread *ts, TdValue v);
void td_repr_leave(TdThread *ts, TdValue v);

// Raises RecursionError when the C stack is nearly exhausted; runtime code
// that recurses through user data (repr, ==) calls it.  false on error.
bool td_stack_ok(TdThread *ts);

// ---------------------------------------------------------------------------
// argument parsing for builtins and methods
// ---------------------------------------------------------------------------
// Binds a builtin's call (abi.h convention) to `names`: out[i] receives the
// borrowed value of parameter i or 0 when not passed.  The first `maxpos`
// parameters may be passed positionally; a name starting with '$' is
// keyword-only (the '$' is not part of the name); `required` parameters
// must be present.  CPython's messages, e.g. "sorted expected 1 argument,
// got 0", "'x' is an invalid keyword argument for sorted()".
// (object.h's td_parse_args has C-method messages and no keyword-only
// parameters; this one speaks like CPython's builtins.)
bool td_parse_call(TdThread *ts, const char *fname, const TdValue *args, int64_t nargs,
                   TdValue kwnames, std::initializer_list<const char *> names,
                   int required, TdValue *out);
// Fails with "f() takes no keyword arguments" if kwnames is nonempty.
bool td_no_kwargs(TdThread *ts, const char *fname, TdValue kwnames);
// Checks a positional count: "f expected at most 2 arguments, got 3" style.
bool td_check_nargs(TdThread *ts, const char *fname, int64_t nargs, int64_t min, int64_t max);
inline int64_t td_kwcount(TdValue kwnames) {
  return kwnames ? td_as_tuple(kwnames)->size : 0;
}

// ---------------------------------------------------------------------------
// functions, cells, builtin functions, modules
// ---------------------------------------------------------------------------
struct TdFunctionObj {
  TdFunction head;     // abi.h's visible part
  TdValue defaults;    // tuple or 0
  TdValue kwdefaults;  // dict or 0
  TdValue name;        // str
  TdValue qualname;    // str
  TdValue module;      // str ("__main__")
  TdValue doc;         // None or str
  TdValue dict;        // attributes set on the function, 0 until used
};

// A C++ function exposed as a callable object (print, len, sys.exit).
struct TdBuiltinFunction {
  TdObject ob;
  const char *name;
  TdVectorFn fn; // called with self = `self`
  TdValue self;  // owned; None for plain builtins, the module for module functions
};
TdValue td_builtin_function_new(TdThread *ts, const char *name, TdVectorFn fn, TdValue self);

struct TdModule {
  TdObject ob;
  TdValue name; // str
  TdValue dict; // dict
};
TdValue td_module_new(TdThread *ts, const char *name);
// Adds a builtin function `name` to a module's dict.  false on error.
bool td_module_add_function(TdThread *ts, TdValue module, const char *name, TdVectorFn fn);

// Iterator over a TdValue array owned by a container: lists, tuples.
TdValue td_seq_iter_new(TdThread *ts, TdValue seq);

// Calls fn(args...) with positional arguments only.
TdValue td_call0(TdThread *ts, TdValue fn);
TdValue td_call1(TdThread *ts, TdValue fn, TdValue a);
TdValue td_call2(TdThread *ts, TdValue fn, TdValue a, TdValue b);
