// bool.cpp — the singletons: True/False (type bool, a subclass of int),
// None, NotImplemented and Ellipsis.
//
// True and False are plain headers (no payload): int.cpp reads their value
// from their identity (td_int_small_value), so every int operation accepts a
// bool without unboxing code of its own.  Only &, |, ^ between two bools keep
// the bool type, as in Python; everything else is int arithmetic.
#include "containers.h"
#include "values.h"

// ---------------------------------------------------------------------------
// bool
// ---------------------------------------------------------------------------

static TdValue bool_repr(TdThread *ts, TdValue v) {
  return td_str_from_ascii(ts, v == td_val(&td_True) ? "True" : "False");
}

static int bool_truthy(TdThread *, TdValue v) { return v == td_val(&td_True); }

static TdValue bool_binop(TdThread *ts, int op, TdValue a, TdValue b) {
  TdType *bt = &td_type_bool;
  if ((op == TD_OP_AND || op == TD_OP_OR || op == TD_OP_XOR) && td_type_of(a) == bt &&
      td_type_of(b) == bt) {
    bool x = a == td_val(&td_True), y = b == td_val(&td_True);
    return td_bool(op == TD_OP_AND ? (x && y) : op == TD_OP_OR ? (x || y) : (x != y));
  }
  return td_type_int.binop(ts, op, a, b);
}

static TdValue bool_construct(TdThread *ts, TdValue, const TdValue *args, int64_t nargs,
                              TdValue kwnames) {
  TdValue x[1];
  if (!td_parse_args(ts, "bool", args, nargs, kwnames, nullptr, 0, 1, x)) return 0;
  if (!x[0]) return td_bool(false);
  int t = td_truthy(ts, x[0]);
  if (t < 0) return 0;
  return td_bool(t);
}

static TdValue bool_format(TdThread *ts, TdValue v, std::string_view spec) {
  if (spec.empty()) return bool_repr(ts, v);
  return td_format_int(ts, v, spec);
}

// Defined in int.cpp; bool shares int's slots except where noted.
TdValue td_int_richcompare(TdThread *ts, TdValue a, TdValue b, int op);
int64_t td_int_hash(TdThread *ts, TdValue v);
TdValue td_int_unary(TdThread *ts, int op, TdValue a);

TdType td_type_bool = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "bool",
    .base = &td_type_int,
    .flags = 0,
    .dealloc = nullptr,
    .repr = bool_repr,
    .str = nullptr,
    .hash = td_int_hash,
    .richcompare = td_int_richcompare,
    .truthy = bool_truthy,
    .len = nullptr,
    .binop = bool_binop,
    .inplace = nullptr,
    .unary = td_int_unary,
    .construct = bool_construct,
    .format = bool_format,
};

TdObject td_True = {TD_IMMORTAL_REFCNT, &td_type_bool};
TdObject td_False = {TD_IMMORTAL_REFCNT, &td_type_bool};

// ---------------------------------------------------------------------------
// None, NotImplemented, Ellipsis
// ---------------------------------------------------------------------------

static TdValue none_repr(TdThread *ts, TdValue) { return td_str_from_ascii(ts, "None"); }
static int none_truthy(TdThread *, TdValue) { return 0; }
static TdValue none_construct(TdThread *ts, TdValue, const TdValue *args, int64_t nargs,
                              TdValue kwnames) {
  if (nargs) {
    td_err_set(ts, &td_type_TypeError, "NoneType takes no arguments");
    return 0;
  }
  return td_none();
}

static int64_t singleton_hash(TdThread *, TdValue v) {
  uint64_t y = uint64_t(v);
  return int64_t((y >> 4) | (y << 60)) & INT64_MAX;
}

TdType td_type_NoneType = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "NoneType",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = nullptr,
    .repr = none_repr,
    .str = nullptr,
    .hash = singleton_hash,
    .richcompare = nullptr,
    .truthy = none_truthy,
    .construct = none_construct,
};
TdObject td_None = {TD_IMMORTAL_REFCNT, &td_type_NoneType};

static TdValue notimpl_repr(TdThread *ts, TdValue) {
  return td_str_from_ascii(ts, "NotImplemented");
}
TdType td_type_NotImplementedType = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "NotImplementedType",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = nullptr,
    .repr = notimpl_repr,
    .str = nullptr,
    .hash = singleton_hash,
};
TdObject td_NotImplemented = {TD_IMMORTAL_REFCNT, &td_type_NotImplementedType};

static TdValue ellipsis_repr(TdThread *ts, TdValue) { return td_str_from_ascii(ts, "Ellipsis"); }
TdType td_type_ellipsis = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "ellipsis",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = nullptr,
    .repr = ellipsis_repr,
    .str = nullptr,
    .hash = singleton_hash,
};
TdObject td_Ellipsis = {TD_IMMORTAL_REFCNT, &td_type_ellipsis};
