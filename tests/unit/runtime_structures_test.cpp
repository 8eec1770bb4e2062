// runtime_structures_test.cpp — containers, calls, builtins, exceptions and
// tracebacks, driven through the ABI the way generated code uses it.  Each
// assertion checks what a Python user would see: a repr, a value, or the
// exact text of an error.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "containers.h"
#include "errors.h"
#include "runtime.h"
#include "tide/abi.h"

namespace {

class Structs : public ::testing::Test {
protected:
  void SetUp() override {
    const char *argv[] = {"prog.py", "x"};
    ts = td_runtime_init(2, argv);
    ASSERT_NE(ts, nullptr);
  }
  void TearDown() override {
    for (TdValue v : owned) td_decref(v);
    td_runtime_fini(ts);
  }

  // Keeps v alive until the test ends.
  TdValue keep(TdValue v) {
    EXPECT_NE(v, 0u) << pending();
    owned.push_back(v);
    return v;
  }
  TdValue S(const char *s) { return keep(td_str_from(ts, s)); }
  TdValue I(int64_t i) { return td_small(i); }

  std::string repr(TdValue v) {
    std::string out;
    if (!td_repr_to(ts, v, out)) return "<repr failed: " + pending() + ">";
    return out;
  }
  // "TypeError: message" of the pending exception, which is cleared.
  std::string pending() {
    if (!td_err_occurred(ts)) return "<no exception>";
    TdValue e = td_err_fetch(ts);
    std::string s = td_type_name(e);
    std::string msg;
    td_str_to(ts, e, msg);
    td_decref(e);
    return msg.empty() ? s : s + ": " + msg;
  }
  TdValue builtin(const char *name) {
    TdValue cache = 0;
    TdValue v = td_load_builtin(ts, name, &cache);
    EXPECT_EQ(v, cache);
    return keep(v);
  }
  // Calls builtin `name`; kw names the trailing arguments.
  TdValue call(const char *name, std::vector<TdValue> args, std::vector<const char *> kw = {}) {
    TdValue kwnames = 0;
    if (!kw.empty()) {
      kwnames = td_tuple_new(ts, int64_t(kw.size()));
      for (size_t i = 0; i < kw.size(); i++) td_as_tuple(kwnames)->items[i] = td_str_from(ts, kw[i]);
    }
    TdValue r = td_call(ts, builtin(name), args.data(), int64_t(args.size()), kwnames);
    td_decref(kwnames);
    if (r) owned.push_back(r);
    return r;
  }
  std::string callRepr(const char *name, std::vector<TdValue> args, std::vector<const char *> kw = {}) {
    TdValue r = call(name, std::move(args), std::move(kw));
    return r ? repr(r) : pending();
  }
  TdValue method(TdValue obj, const char *name, std::vector<TdValue> args) {
    TdValue n = td_str_from(ts, name);
    TdValue r = td_call_method(ts, obj, n, args.data(), int64_t(args.size()), 0);
    td_decref(n);
    if (r) owned.push_back(r);
    return r;
  }
  TdValue list(std::vector<TdValue> items) {
    for (TdValue v : items) td_incref(v);
    return keep(td_build_list(ts, items.data(), int64_t(items.size())));
  }
  TdValue tuple(std::vector<TdValue> items) {
    for (TdValue v : items) td_incref(v);
    return keep(td_build_tuple(ts, items.data(), int64_t(items.size())));
  }
  TdValue set(std::vector<TdValue> items) {
    for (TdValue v : items) td_incref(v);
    return keep(td_build_set(ts, items.data(), int64_t(items.size())));
  }

  TdThread *ts = nullptr;
  std::vector<TdValue> owned;
};

TEST_F(Structs, ListReprIndexAndErrors) {
  TdValue l = list({I(1), S("a"), list({})});
  EXPECT_EQ(repr(l), "[1, 'a', []]");
  EXPECT_EQ(repr(keep(td_getitem(ts, l, I(-2)))), "'a'");
  EXPECT_EQ(td_getitem(ts, l, I(3)), 0u);
  EXPECT_EQ(pending(), "IndexError: list index out of range");
  EXPECT_EQ(td_setitem(ts, l, I(5), I(0)), -1);
  EXPECT_EQ(pending(), "IndexError: list assignment index out of range");
  EXPECT_EQ(td_getitem(ts, l, S("x")), 0u);
  EXPECT_EQ(pending(), "TypeError: list indices must be integers or slices, not str");
  // A list containing itself.
  TdValue self = list({I(1)});
  td_list_append(ts, self, self);
  EXPECT_EQ(repr(self), "[1, [...]]");
  EXPECT_EQ(method(self, "pop", {}), self); // breaks the cycle
}

TEST_F(Structs, ListMethods) {
  TdValue l = list({I(3), I(1), I(2)});
  method(l, "append", {I(7)});
  method(l, "insert", {I(0), I(9)});
  EXPECT_EQ(repr(l), "[9, 3, 1, 2, 7]");
  EXPECT_EQ(repr(method(l, "pop", {I(1)})), "3");
  method(l, "sort", {});
  EXPECT_EQ(repr(l), "[1, 2, 7, 9]");
  EXPECT_EQ(repr(method(l, "index", {I(7)})), "2");
  EXPECT_EQ(method(l, "index", {I(5)}), 0u);
  EXPECT_EQ(pending(), "ValueError: 5 is not in list");
  EXPECT_EQ(method(l, "remove", {I(5)}), 0u);
  EXPECT_EQ(pending(), "ValueError: list.remove(x): x not in list");
  TdValue empty = list({});
  EXPECT_EQ(method(empty, "pop", {}), 0u);
  EXPECT_EQ(pending(), "IndexError: pop from empty list");
  TdValue mixed = list({S("b"), I(1)});
  EXPECT_EQ(method(mixed, "sort", {}), 0u);
  EXPECT_EQ(pending(), "TypeError: '<' not supported between instances of 'int' and 'str'");
}

TEST_F(Structs, ListSlicesAndOperators) {
  TdValue l = list({I(0), I(1), I(2), I(3), I(4), I(5)});
  TdValue sl = keep(td_slice_new(ts, td_none(), td_none(), I(2)));
  EXPECT_EQ(repr(keep(td_getitem(ts, l, sl))), "[0, 2, 4]");
  TdValue rev = keep(td_slice_new(ts, td_none(), td_none(), I(-1)));
  EXPECT_EQ(repr(keep(td_getitem(ts, l, rev))), "[5, 4, 3, 2, 1, 0]");
  EXPECT_EQ(td_setitem(ts, l, sl, list({I(9), I(9)})), -1);
  EXPECT_EQ(pending(), "ValueError: attempt to assign sequence of size 2 to extended slice of size 3");
  TdValue head = keep(td_slice_new(ts, I(1), I(3), td_none()));
  EXPECT_EQ(td_setitem(ts, l, head, list({S("x")})), 0);
  EXPECT_EQ(repr(l), "[0, 'x', 3, 4, 5]");
  EXPECT_EQ(td_delitem(ts, l, sl), 0);
  EXPECT_EQ(repr(l), "['x', 4]");
  EXPECT_EQ(td_binop(ts, TD_OP_ADD, l, tuple({})), 0u);
  EXPECT_EQ(pending(), "TypeError: can only concatenate list (not \"tuple\") to list");
  EXPECT_EQ(repr(keep(td_binop(ts, TD_OP_MUL, I(2), list({I(1)})))), "[1, 1]");
  EXPECT_EQ(td_compare_bool(ts, TD_CMP_LT, list({I(1), I(2)}), list({I(1), I(3)})), 1);
  EXPECT_EQ(td_compare_bool(ts, TD_CMP_EQ, list({I(1)}), list({I(1)})), 1);
  EXPECT_EQ(td_compare_bool(ts, TD_CMP_IN, I(4), l), 1);
}

TEST_F(Structs, TupleBasics) {
  EXPECT_EQ(repr(tuple({I(1)})), "(1,)");
  EXPECT_EQ(repr(tuple({})), "()");
  EXPECT_EQ(repr(tuple({I(1), S("b")})), "(1, 'b')");
  // hash((1, 2)) as CPython computes it.
  EXPECT_EQ(td_hash(ts, tuple({I(1), I(2)})), -3550055125485641917);
  EXPECT_EQ(td_getitem(ts, tuple({}), I(0)), 0u);
  EXPECT_EQ(pending(), "IndexError: tuple index out of range");
}

TEST_F(Structs, Unpacking) {
  TdValue out[3] = {0, 0, 0};
  EXPECT_EQ(td_unpack(ts, tuple({I(1), I(2)}), 3, out), -1);
  EXPECT_EQ(pending(), "ValueError: not enough values to unpack (expected 3, got 2)");
  EXPECT_EQ(td_unpack(ts, list({I(1), I(2), I(3)}), 2, out), -1);
  EXPECT_EQ(pending(), "ValueError: too many values to unpack (expected 2)");
  EXPECT_EQ(td_unpack(ts, I(5), 2, out), -1);
  EXPECT_EQ(pending(), "TypeError: cannot unpack non-iterable int object");
  ASSERT_EQ(td_unpack_ex(ts, list({I(1), I(2), I(3), I(4)}), 1, 1, out), 0);
  EXPECT_EQ(repr(out[0]) + repr(out[1]) + repr(out[2]), "1[2, 3]4");
  for (TdValue v : out) td_decref(v);
  EXPECT_EQ(td_unpack_ex(ts, tuple({I(1), I(2)}), 2, 1, out), -1);
  EXPECT_EQ(pending(), "ValueError: not enough values to unpack (expected at least 3, got 2)");
}

TEST_F(Structs, DictOperations) {
  TdValue k[] = {td_str_from(ts, "a"), td_small(2)};
  TdValue v[] = {td_small(1), td_str_from(ts, "two")};
  TdValue d = keep(td_build_dict(ts, k, v, 2));
  EXPECT_EQ(repr(d), "{'a': 1, 2: 'two'}");
  EXPECT_EQ(td_getitem(ts, d, S("zz")), 0u);
  EXPECT_EQ(pending(), "KeyError: 'zz'");
  EXPECT_EQ(repr(method(d, "get", {S("zz"), I(0)})), "0");
  EXPECT_EQ(repr(method(d, "keys", {})), "dict_keys(['a', 2])");
  EXPECT_EQ(repr(method(d, "items", {})), "dict_items([('a', 1), (2, 'two')])");
  EXPECT_EQ(repr(method(d, "pop", {S("a")})), "1");
  EXPECT_EQ(repr(method(d, "setdefault", {S("n"), list({})})), "[]");
  EXPECT_EQ(repr(d), "{2: 'two', 'n': []}");
  // Deleting and re-inserting keeps insertion order; many keys force resizes.
  TdValue big = keep(td_dict_new(ts));
  for (int i = 0; i < 1000; i++) td_dict_setitem(ts, big, I(i), I(i * i));
  for (int i = 0; i < 1000; i += 2) td_delitem(ts, big, I(i));
  EXPECT_EQ(repr(keep(td_getitem(ts, big, I(999)))), "998001");
  EXPECT_EQ(td_dict_size(big), 500);
  TdValue empty = keep(td_dict_new(ts));
  EXPECT_EQ(method(empty, "popitem", {}), 0u);
  EXPECT_EQ(pending(), "KeyError: 'popitem(): dictionary is empty'");
  EXPECT_EQ(td_dict_setitem(ts, empty, list({}), I(1)), -1);
  EXPECT_EQ(pending(), "TypeError: unhashable type: 'list'");
}

TEST_F(Structs, DictIterationGuard) {
  TdValue d = keep(td_dict_new(ts));
  td_dict_setitem(ts, d, I(1), I(1));
  TdValue it = keep(td_iter(ts, d));
  TdValue first = td_next(ts, it);
  EXPECT_EQ(first, I(1));
  td_dict_setitem(ts, d, I(2), I(2));
  EXPECT_EQ(td_next(ts, it), 0u);
  EXPECT_EQ(pending(), "RuntimeError: dictionary changed size during iteration");
}

TEST_F(Structs, SetsFollowCPythonOrder) {
  EXPECT_EQ(repr(set({I(3), I(1), I(2)})), "{1, 2, 3}");
  // As CPython prints {x, 5, 37, 8} for x = 100 (a non-constant display).
  EXPECT_EQ(repr(set({I(100), I(5), I(37), I(8)})), "{8, 37, 100, 5}");
  EXPECT_EQ(callRepr("set", {}), "set()");
  EXPECT_EQ(callRepr("frozenset", {list({I(1)})}), "frozenset({1})");
  TdValue a = set({I(1), I(2), I(3)}), b = set({I(2), I(3), I(4)});
  EXPECT_EQ(repr(keep(td_binop(ts, TD_OP_OR, a, b))), "{1, 2, 3, 4}");
  EXPECT_EQ(repr(keep(td_binop(ts, TD_OP_AND, a, b))), "{2, 3}");
  EXPECT_EQ(repr(keep(td_binop(ts, TD_OP_SUB, a, b))), "{1}");
  EXPECT_EQ(repr(keep(td_binop(ts, TD_OP_XOR, a, b))), "{1, 4}");
  EXPECT_EQ(method(a, "remove", {I(9)}), 0u);
  EXPECT_EQ(pending(), "KeyError: 9");
  EXPECT_EQ(td_compare_bool(ts, TD_CMP_LE, set({I(2)}), a), 1);
  // Growing past the first table keeps small ints sorted, as in CPython.
  std::vector<TdValue> many;
  for (int i = 20; i >= 0; i--) many.push_back(I(i));
  EXPECT_EQ(repr(set(many)), "{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}");
}

TEST_F(Structs, RangeObjects) {
  EXPECT_EQ(callRepr("range", {I(10)}), "range(0, 10)");
  EXPECT_EQ(callRepr("range", {I(0), I(10), I(2)}), "range(0, 10, 2)");
  EXPECT_EQ(callRepr("range", {I(0), I(10), I(0)}), "ValueError: range() arg 3 must not be zero");
  TdValue r = call("range", {I(1), I(10), I(3)});
  EXPECT_EQ(callRepr("len", {r}), "3");
  EXPECT_EQ(repr(keep(td_getitem(ts, r, I(-1)))), "7");
  EXPECT_EQ(callRepr("list", {r}), "[1, 4, 7]");
  EXPECT_EQ(td_compare_bool(ts, TD_CMP_IN, I(4), r), 1);
  EXPECT_EQ(td_compare_bool(ts, TD_CMP_IN, I(5), r), 0);
  EXPECT_EQ(td_getitem(ts, r, I(3)), 0u);
  EXPECT_EQ(pending(), "IndexError: range object index out of range");
}

TEST_F(Structs, Builtins) {
  EXPECT_EQ(callRepr("len", {I(3)}), "TypeError: object of type 'int' has no len()");
  EXPECT_EQ(callRepr("max", {list({I(3), I(9), I(2)})}), "9");
  EXPECT_EQ(callRepr("min", {I(4), I(2), I(8)}), "2");
  EXPECT_EQ(callRepr("max", {list({})}), "ValueError: max() arg is an empty sequence");
  EXPECT_EQ(callRepr("max", {list({}), I(0)}, {"default"}), "0");
  EXPECT_EQ(callRepr("sum", {list({I(1), I(2), I(3)}), I(10)}), "16");
  EXPECT_EQ(callRepr("sorted", {list({I(3), I(1), I(2)}), td_bool(true)}, {"reverse"}), "[3, 2, 1]");
  EXPECT_EQ(callRepr("list", {call("enumerate", {list({S("a"), S("b")}), I(1)})}),
            "[(1, 'a'), (2, 'b')]");
  EXPECT_EQ(callRepr("list", {call("zip", {list({I(1), I(2)}), S("xyz")})}), "[(1, 'x'), (2, 'y')]");
  EXPECT_EQ(callRepr("list", {call("reversed", {list({I(1), I(2), I(3)})})}), "[3, 2, 1]");
  EXPECT_EQ(callRepr("any", {list({I(0), I(0)})}), "False");
  EXPECT_EQ(callRepr("all", {list({})}), "True");
  EXPECT_EQ(callRepr("chr", {I(233)}), "'é'");
  EXPECT_EQ(callRepr("ord", {S("é")}), "233");
  EXPECT_EQ(callRepr("hex", {I(255)}), "'0xff'");
  EXPECT_EQ(callRepr("bin", {I(-5)}), "'-0b101'");
  EXPECT_EQ(callRepr("divmod", {I(-7), I(2)}), "(-4, 1)");
  EXPECT_EQ(callRepr("pow", {I(3), I(4), I(5)}), "1");
  EXPECT_EQ(callRepr("pow", {I(3), I(-1), I(7)}), "5");
  EXPECT_EQ(callRepr("round", {keep(td_float_new(ts, 2.5))}), "2");
  EXPECT_EQ(callRepr("round", {keep(td_float_new(ts, 0.125)), I(2)}), "0.12");
  EXPECT_EQ(callRepr("round", {keep(td_float_new(ts, 2.675)), I(2)}), "2.67");
  EXPECT_EQ(callRepr("round", {keep(td_float_new(ts, 1250.0)), I(-2)}), "1200.0");
  EXPECT_EQ(callRepr("round", {I(1250), I(-2)}), "1200");
  EXPECT_EQ(callRepr("isinstance", {td_bool(true), builtin("int")}), "True");
  EXPECT_EQ(callRepr("isinstance", {I(1), tuple({builtin("str"), builtin("float")})}), "False");
  EXPECT_EQ(callRepr("abs", {I(-4)}), "4");
  EXPECT_EQ(callRepr("callable", {builtin("len")}), "True");
  EXPECT_EQ(repr(builtin("print")), "<built-in function print>");
  EXPECT_EQ(td_load_builtin(ts, "nope", nullptr), 0u);
  EXPECT_EQ(pending(), "NameError: name 'nope' is not defined");
  EXPECT_EQ(callRepr("next", {keep(td_iter(ts, list({})))}), "StopIteration");
  EXPECT_EQ(callRepr("iter", {I(1)}), "TypeError: 'int' object is not iterable");
  EXPECT_EQ(callRepr("dict", {list({tuple({S("a"), I(1)})}), I(2)}, {"b"}), "{'a': 1, 'b': 2}");
}

TEST_F(Structs, ExceptionObjects) {
  EXPECT_EQ(callRepr("ValueError", {S("bad")}), "ValueError('bad')");
  EXPECT_EQ(callRepr("KeyError", {S("k")}), "KeyError('k')");
  TdValue e = call("KeyError", {S("k")});
  std::string s;
  td_str_to(ts, e, s);
  EXPECT_EQ(s, "'k'");
  TdValue multi = call("ValueError", {I(1), I(2)});
  s.clear();
  td_str_to(ts, multi, s);
  EXPECT_EQ(s, "(1, 2)");
  TdValue args = keep(td_getattr(ts, multi, S("args")));
  EXPECT_EQ(repr(args), "(1, 2)");
  EXPECT_EQ(td_exc_matches(ts, e, builtin("LookupError")), 1);
  EXPECT_EQ(td_exc_matches(ts, e, tuple({builtin("TypeError"), builtin("ValueError")})), 0);
  td_raise(ts, I(3), 0);
  EXPECT_EQ(pending(), "TypeError: exceptions must derive from BaseException");
}

TdValue fail_body(TdThread *ts, TdFunction *, const TdValue *) {
  td_err_set(ts, &td_type_ZeroDivisionError, "division by zero");
  return 0;
}

TEST_F(Structs, FunctionCallsBindArguments) {
  static const char *const names[] = {"a", "b", "k"};
  static const TdCodeInfo code = {"f", "C.f", "x.py", names, fail_body, 1, 2, 0, 1, 0, 3};
  TdValue defaults = tuple({I(5)});
  TdValue fn = keep(td_make_function(ts, &code, defaults, 0, 0));
  EXPECT_EQ(reinterpret_cast<TdFunction *>(fn)->fastNargs, -1);
  TdValue three[] = {I(1), I(2), I(3)};
  EXPECT_EQ(td_call(ts, fn, three, 3, 0), 0u);
  EXPECT_EQ(pending(), "TypeError: C.f() takes from 1 to 2 positional arguments but 3 were given");
  EXPECT_EQ(td_call(ts, fn, three, 1, 0), 0u);
  EXPECT_EQ(pending(), "TypeError: C.f() missing 1 required keyword-only argument: 'k'");
  TdValue kw = tuple({S("z")});
  EXPECT_EQ(td_call(ts, fn, three, 2, kw), 0u);
  EXPECT_EQ(pending(), "TypeError: C.f() got an unexpected keyword argument 'z'");
  TdValue kwa = tuple({S("a")});
  EXPECT_EQ(td_call(ts, fn, three, 2, kwa), 0u);
  EXPECT_EQ(pending(), "TypeError: C.f() got multiple values for argument 'a'");
  TdValue kwk = tuple({S("k")});
  EXPECT_EQ(td_call(ts, fn, three, 2, kwk), 0u); // binds, then the body raises
  EXPECT_EQ(pending(), "ZeroDivisionError: division by zero");
  EXPECT_EQ(td_call(ts, I(1), nullptr, 0, 0), 0u);
  EXPECT_EQ(pending(), "TypeError: 'int' object is not callable");
}

TdValue module_body(TdThread *ts) {
  static const char *const none[] = {nullptr};
  static const TdCodeInfo f = {"f", "f", "x.py", none, nullptr, 1, 0, 0, 0, 0, 0};
  static const TdCodeInfo mod = {"<module>", "<module>", "x.py", none, nullptr, 1, 0, 0, 0, 0, 0};
  td_err_set(ts, &td_type_ZeroDivisionError, "division by zero");
  td_traceback_add(ts, &f, 2, (11 << 16) | 14);
  td_traceback_add(ts, &mod, 3, 0);
  return 0;
}

TEST_F(Structs, TracebackText) {
  const char *src = "def f():\n    return 1/0\nf()\n";
  td_register_source("x.py", src, int64_t(strlen(src)));
  TdValue r = module_body(ts);
  EXPECT_EQ(r, 0u);
  TdValue exc = td_err_fetch(ts);
  EXPECT_EQ(td_format_exception(ts, exc),
            "Traceback (most recent call last):\n"
            "  File \"x.py\", line 3, in <module>\n"
            "    f()\n"
            "  File \"x.py\", line 2, in f\n"
            "    return 1/0\n"
            "           ~^~\n"
            "ZeroDivisionError: division by zero\n");
  // Raising while handling chains the handled exception as __context__.
  td_except_enter(ts, exc);
  td_err_key(ts, td_small(1));
  td_except_exit(ts);
  TdValue second = td_err_fetch(ts);
  std::string text = td_format_exception(ts, second);
  EXPECT_NE(text.find("ZeroDivisionError: division by zero\n\nDuring handling of the above "
                      "exception, another exception occurred:\n\nKeyError: 1\n"),
            std::string::npos)
      << text;
  // Unraisable exceptions (a finalizer's, an atexit callback's) print
  // without their chain, as CPython's default sys.unraisablehook does.
  EXPECT_EQ(td_format_exception(ts, second, false), "KeyError: 1\n");
  td_decref(second);
  td_decref(exc);
}

TEST_F(Structs, CaretLines) {
  EXPECT_EQ(td_caret_line("    x = d[\"key\"]", (8 << 16) | 16), "        ~^^^^^^^\n");
  EXPECT_EQ(td_caret_line("print((1 + 2) * \"a\" / 3)", (6 << 16) | 23), "          ~~~~~~~~~~~~~~^~~\n");
  EXPECT_EQ(td_caret_line("print(1 +(None))", (6 << 16) | 15), "          ~~^^~~~~~\n");
  EXPECT_EQ(td_caret_line("foo.bar", (0 << 16) | 7), "");
  EXPECT_EQ(td_caret_line("z = foo(1,", (4 << 16) | 0xFFFF), "        ^^^^^^\n");
  EXPECT_EQ(td_caret_line("print(1 < \"a\")", (6 << 16) | 13), "          ^^^^^^^\n");
}

TEST_F(Structs, SysModule) {
  TdValue sys = keep(td_import(ts, "sys"));
  EXPECT_EQ(repr(sys), "<module 'sys' (built-in)>");
  EXPECT_EQ(repr(keep(td_getattr(ts, sys, S("argv")))), "['prog.py', 'x']");
  EXPECT_EQ(repr(keep(td_getattr(ts, sys, S("maxsize")))), "9223372036854775807");
  EXPECT_EQ(td_import(ts, "foo"), 0u);
  EXPECT_EQ(pending(), "ModuleNotFoundError: No module named 'foo'");
  EXPECT_EQ(td_import_from(ts, sys, S("nothing")), 0u);
  EXPECT_EQ(pending(), "ImportError: cannot import name 'nothing' from 'sys' (unknown location)");
  TdValue exitFn = keep(td_getattr(ts, sys, S("exit")));
  TdValue code = I(3);
  EXPECT_EQ(td_call(ts, exitFn, &code, 1, 0), 0u);
  EXPECT_EQ(pending(), "SystemExit: 3");
}

TEST_F(Structs, RecursionCheck) {
  // The guard is the native stack: a frame below stack_limit is too deep.
  uintptr_t saved = ts->head.stack_limit;
  ts->head.stack_limit = uintptr_t(__builtin_frame_address(0)) + 4096;
  EXPECT_EQ(td_recursion_check(ts), -1);
  EXPECT_EQ(pending(), "RecursionError: maximum recursion depth exceeded");
  ts->head.stack_limit = saved;
  EXPECT_EQ(td_recursion_check(ts), 0);
}

TEST_F(Structs, RecursionLimitScalesTheStackBudget) {
  uintptr_t at1000 = ts->head.stack_limit;
  ts->head.recursion_limit = 100;
  td_update_stack_limit(ts);
  EXPECT_GT(ts->head.stack_limit, at1000); // less stack allowed
  EXPECT_EQ(ts->stackBase - ts->head.stack_limit, 100 * kStackPerLevel);
  ts->head.recursion_limit = 1000000000;
  td_update_stack_limit(ts);
  EXPECT_EQ(ts->head.stack_limit, ts->stackFloor); // never past the stack's end
  ts->head.recursion_limit = 1000;
  td_update_stack_limit(ts);
  EXPECT_EQ(ts->head.stack_limit, at1000);
}

TEST_F(Structs, AbiSymbolTable) {
  size_t n = 0;
  const TdAbiSymbol *syms = td_abi_symbols(&n);
  bool found = false;
  for (size_t i = 0; i < n; i++)
    if (std::string(syms[i].name) == "td_call") found = syms[i].address == reinterpret_cast<void *>(&td_call);
  EXPECT_TRUE(found);
  EXPECT_GT(n, 60u);
}

} // namespace
