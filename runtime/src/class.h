// class.h — user-defined classes and descriptors (private to runtime/).
//
// A class statement makes a TdClass: a TdType (so every generic entry point
// dispatches through its slots as for a builtin type) followed by what only
// classes have: the MRO, the builtin type whose instance layout the class
// extends, where an instance keeps its __dict__, and a per-class cache of
// the dunder methods its slots call.  class.cpp builds classes and fills
// their slots; descr.cpp holds the objects attribute lookup hands out
// (bound methods, property, staticmethod, classmethod, super, slot
// wrappers such as `object.__init__`).
//
// Glossary
//   heap type    a TdType with TD_TF_HEAPTYPE: always a TdClass.
//   solid base   the first builtin type on the MRO (object, an exception
//                type, list, dict): instances use its layout plus a dict
//                pointer at `dictOffset`.
//   provider     for a dunder such as __repr__, the first class on the MRO
//                that defines it: a class (its dict holds the method) or a
//                builtin type (its slot, e.g. td_type_object.repr).
#pragma once

#include <string>
#include <vector>

#include "containers.h"

// The dunders whose presence decides a class's slots, in one closed list.
// The binary operators follow TD_OP_* order three times: __op__, __rop__,
// __iop__.
// clang-format off
#define TD_DUNDERS(X) \
  X(REPR, "__repr__") \
  X(STR, "__str__") \
  X(HASH, "__hash__") \
  X(EQ, "__eq__") \
  X(NE, "__ne__") \
  X(LT, "__lt__") \
  X(LE, "__le__") \
  X(GT, "__gt__") \
  X(GE, "__ge__") \
  X(BOOL, "__bool__") \
  X(LEN, "__len__") \
  X(GETITEM, "__getitem__") \
  X(SETITEM, "__setitem__") \
  X(DELITEM, "__delitem__") \
  X(CONTAINS, "__contains__") \
  X(ITER, "__iter__") \
  X(NEXT, "__next__") \
  X(CALL, "__call__") \
  X(INIT, "__init__") \
  X(NEW, "__new__") \
  X(GETATTR, "__getattr__") \
  X(SETATTR, "__setattr__") \
  X(DELATTR, "__delattr__") \
  X(NEG, "__neg__") \
  X(POS, "__pos__") \
  X(INVERT, "__invert__") \
  X(FORMAT, "__format__") \
  X(ADD, "__add__") \
  X(SUB, "__sub__") \
  X(MUL, "__mul__") \
  X(MATMUL, "__matmul__") \
  X(TRUEDIV, "__truediv__") \
  X(FLOORDIV, "__floordiv__") \
  X(MOD, "__mod__") \
  X(POW, "__pow__") \
  X(LSHIFT, "__lshift__") \
  X(RSHIFT, "__rshift__") \
  X(OR, "__or__") \
  X(XOR, "__xor__") \
  X(AND, "__and__") \
  X(RADD, "__radd__") \
  X(RSUB, "__rsub__") \
  X(RMUL, "__rmul__") \
  X(RMATMUL, "__rmatmul__") \
  X(RTRUEDIV, "__rtruediv__") \
  X(RFLOORDIV, "__rfloordiv__") \
  X(RMOD, "__rmod__") \
  X(RPOW, "__rpow__") \
  X(RLSHIFT, "__rlshift__") \
  X(RRSHIFT, "__rrshift__") \
  X(ROR, "__ror__") \
  X(RXOR, "__rxor__") \
  X(RAND, "__rand__") \
  X(IADD, "__iadd__") \
  X(ISUB, "__isub__") \
  X(IMUL, "__imul__") \
  X(IMATMUL, "__imatmul__") \
  X(ITRUEDIV, "__itruediv__") \
  X(IFLOORDIV, "__ifloordiv__") \
  X(IMOD, "__imod__") \
  X(IPOW, "__ipow__") \
  X(ILSHIFT, "__ilshift__") \
  X(IRSHIFT, "__irshift__") \
  X(IOR, "__ior__") \
  X(IXOR, "__ixor__") \
  X(IAND, "__iand__")
// clang-format on

enum TdDunder {
#define X(id, str) TD_D_##id,
  TD_DUNDERS(X)
#undef X
      TD_D__COUNT
};

// The instance layouts a class may extend.
enum class TdLayout { Object, Exception, List, Dict };

struct TdClass {
  TdType type; // must stay first: a TdClass* is a TdType*
  std::string name, qualname;
  TdValue bases = 0;         // tuple of types (immortal)
  std::vector<TdType *> mro; // the class first, object last
  TdValue mroTuple = 0;      // __mro__ (immortal)
  TdType *solid = nullptr;   // first builtin type on the MRO
  TdLayout layout = TdLayout::Object;
  size_t dictOffset = 0;             // of the instance's dict pointer
  std::vector<TdClass *> subclasses; // to refresh slots on `C.__x__ = f`
  // Dunder providers, filled on demand: known[d] says whether the entry is
  // valid; fn[d] is the method (borrowed from a class dict) or 0 when a
  // builtin type, owner[d], provides it (or nobody: owner[d] == nullptr).
  bool known[TD_D__COUNT] = {};
  TdValue fn[TD_D__COUNT] = {};
  TdType *owner[TD_D__COUNT] = {};
};

inline bool td_is_heaptype(const TdType *t) { return (t->flags & TD_TF_HEAPTYPE) != 0; }
inline TdClass *td_as_class(TdType *t) { return reinterpret_cast<TdClass *>(t); }
inline bool td_is_type(TdValue v) {
  return v && !td_is_small(v) && td_obj(v)->type == &td_type_type;
}

// class.cpp
// The name CPython prints in reprs and tracebacks: the qualname for a class
// ("Outer.Inner"), the name for a builtin type.
const char *td_type_qualname(const TdType *t);
// True if `base` is on heap type t's MRO.
bool td_class_mro_contains(const TdType *t, const TdType *base);
// What attribute lookup on a type finds for `name` along its MRO: a value
// from a class dict (borrowed) or a builtin type's method or slot wrapper.
struct TdLookup {
  TdValue v = 0; // borrowed
  const TdMethodDef *method = nullptr;
  TdType *owner = nullptr;       // where it was found
  const char *wrapper = nullptr; // a slot wrapper's name (owner's slot)
};
// false on error; found nothing: all fields empty.  `start` skips the MRO
// entries up to and including it (super).
bool td_type_lookup(TdThread *ts, TdType *t, TdValue name, TdLookup *out, TdType *start = nullptr);
// Instance attribute protocol without the class's __getattr__ /
// __setattr__ hooks (object.__getattribute__ / object.__setattr__).
TdValue td_generic_getattr(TdThread *ts, TdValue obj, TdValue name);
int td_generic_setattr(TdThread *ts, TdValue obj, TdValue name, TdValue v);
// Attribute lookup and assignment on a class object (type_getattr /
// type_setattr defer here for heap types).
TdValue td_class_getattr(TdThread *ts, TdType *t, TdValue name);
int td_class_setattr(TdThread *ts, TdType *t, TdValue name, TdValue v);
// The instance dict of a heap-type instance (created if `create`), or 0.
TdValue td_instance_dict(TdThread *ts, TdValue obj, bool create);
// obj.name(args) for heap-type instances without a bound-method object:
// *handled false when the fast path does not apply (nothing is set then).
TdValue td_class_call_method(TdThread *ts, TdValue obj, TdValue name, const TdValue *args,
                             int64_t nargs, TdValue kwnames, bool *handled);
// Allocates an instance of heap type `cls` for object.__new__ and the
// builtin layouts (no __init__ run).
TdValue td_class_alloc(TdThread *ts, TdType *cls, const TdValue *args, int64_t nargs,
                       TdValue kwnames);
// BaseException.__init__ / list.__init__ / dict.__init__ (owner's layout)
// on an allocated instance; nothing for object.  False on error.
bool td_builtin_init(TdThread *ts, TdType *owner, TdValue self, const TdValue *args, int64_t nargs,
                     TdValue kwnames);
// type(name, bases, dict).
TdValue td_type_new3(TdThread *ts, const TdValue *args, int64_t nargs, TdValue kwnames);

// descr.cpp
extern "C" TdType td_type_method;
extern "C" TdType td_type_property;
extern "C" TdType td_type_staticmethod;
extern "C" TdType td_type_classmethod;
extern "C" TdType td_type_super;
extern "C" TdType td_type_wrapper;

struct TdMethodObj { // a function bound to an instance (or a class)
  TdObject ob;
  TdValue func; // owned
  TdValue self; // owned
};
struct TdProperty {
  TdObject ob;
  TdValue fget, fset, fdel, doc; // owned; None when absent
  TdValue name;                  // str or 0: set when the class is built
};
struct TdFuncWrapper { // staticmethod / classmethod
  TdObject ob;
  TdValue func; // owned
};
struct TdSuper {
  TdObject ob;
  TdType *cls;     // lookup starts after this class
  TdValue obj;     // owned: the instance, or a class (classmethods)
  TdType *objType; // type(obj), or obj itself when it is a class
};
// A builtin type's slot exposed as a method: `object.__init__`,
// `super().__repr__`, `list.__len__`.
struct TdSlotWrapper {
  TdObject ob;
  TdType *owner;
  const char *name;
  TdValue self; // owned; 0 when unbound (accessed on the class)
};

TdValue td_method_new(TdThread *ts, TdValue func, TdValue self);
// The descriptor protocol's __get__: functions bind, staticmethod unwraps,
// classmethod binds to `type`, property calls fget.  obj == 0: accessed on
// the class.  Anything else comes back as is (new reference).
TdValue td_descr_get(TdThread *ts, TdValue v, TdValue obj, TdType *type);
// A data descriptor (property) wins over the instance dict.
inline bool td_is_data_descr(TdValue v) {
  return !td_is_small(v) && td_obj(v)->type == &td_type_property;
}
// property.__set__ / __delete__ (v == 0): -1 on error.
int td_property_set(TdThread *ts, TdValue prop, TdValue obj, TdValue v);
// Does builtin type `t` provide slot wrapper `name`?  Returns the static
// name to store, or nullptr.
const char *td_slot_wrapper_name(const TdType *t, std::string_view name);
TdValue td_slot_wrapper_new(TdThread *ts, TdType *owner, const char *name, TdValue self);
TdValue td_super_new(TdThread *ts, TdType *cls, TdValue obj);
// Adds property, staticmethod, classmethod and super to the builtins dict.
bool td_descr_builtins_init(TdThread *ts);
// Calls `fn` (a method found on the class, any callable or descriptor)
// with `self` prepended to args.
TdValue td_call_with_self(TdThread *ts, TdValue fn, TdValue self, TdType *type, const TdValue *args,
                          int64_t nargs, TdValue kwnames);
