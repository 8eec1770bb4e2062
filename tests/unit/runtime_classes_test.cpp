// runtime_classes_test.cpp — classes built through the ABI the way generated
// code builds them (td_build_class with a namespace dict of function
// objects whose bodies are C++ here), checked by what a user would see:
// reprs, attribute values, MROs and exact error messages.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "class.h"
#include "containers.h"
#include "errors.h"
#include "runtime.h"
#include "tide/abi.h"

namespace {

// Bodies of the methods the tests put in class namespaces.
TdValue body_repr(TdThread *ts, TdFunction *, const TdValue *) { return td_str_from(ts, "R!"); }

TdValue body_base_hello(TdThread *ts, TdFunction *, const TdValue *) {
  return td_str_from(ts, "base");
}

// def hello(self): return "derived+" + super().hello()
TdValue body_derived_hello(TdThread *ts, TdFunction *fn, const TdValue *args) {
  TdRef sup(td_super0(ts, fn, args[0]));
  if (!sup)
    return 0;
  TdRef name(td_str_from(ts, "hello"));
  TdRef r(td_call_method(ts, sup.get(), name.get(), nullptr, 0, 0));
  if (!r)
    return 0;
  TdRef prefix(td_str_from(ts, "derived+"));
  return td_binop(ts, TD_OP_ADD, prefix.get(), r.get());
}

const char *const kSelf[] = {"self"};
const TdCodeInfo kRepr = {"__repr__", "R.__repr__", "t.py", kSelf, body_repr, 1, 1, 0, 0, 0, 1};
const TdCodeInfo kBaseHello = {"hello", "Base.hello", "t.py", kSelf, body_base_hello, 1, 1, 0, 0, 0,
                               1};
const TdCodeInfo kDerivedHello = {
    "hello", "Derived.hello", "t.py", kSelf, body_derived_hello, 1, 1, 0, 0, 0, 1};

class Classes : public ::testing::Test {
protected:
  void SetUp() override {
    const char *argv[] = {"prog.py"};
    ts = td_runtime_init(1, argv);
    ASSERT_NE(ts, nullptr);
  }
  void TearDown() override {
    for (TdValue v : owned)
      td_decref(v);
    td_runtime_fini(ts);
  }
  TdValue keep(TdValue v) {
    EXPECT_NE(v, 0u) << pending();
    owned.push_back(v);
    return v;
  }
  TdValue S(const char *s) { return keep(td_str_from(ts, s)); }
  std::string pending() {
    if (!td_err_occurred(ts))
      return "<no exception>";
    TdValue e = td_err_fetch(ts);
    std::string s = td_type_name(e), msg;
    td_str_to(ts, e, msg);
    td_decref(e);
    return msg.empty() ? s : s + ": " + msg;
  }
  std::string repr(TdValue v) {
    std::string out;
    if (!td_repr_to(ts, v, out))
      return "<repr failed: " + pending() + ">";
    return out;
  }
  TdValue ns(std::vector<std::pair<const char *, TdValue>> items) {
    TdValue d = keep(td_dict_new(ts));
    for (auto &[k, v] : items)
      td_dict_set_str(ts, d, k, v);
    return d;
  }
  TdValue fn(const TdCodeInfo *code) { return keep(td_make_function(ts, code, 0, 0, 0)); }
  TdValue bases(std::vector<TdValue> bs) {
    for (TdValue b : bs)
      td_incref(b);
    return keep(td_build_tuple(ts, bs.data(), int64_t(bs.size())));
  }
  TdValue cls(const char *name, TdValue basesTuple, TdValue nsDict) {
    return td_build_class(ts, S(name), S(name), basesTuple, nsDict);
  }
  TdValue builtin(const char *name) {
    TdValue cache = 0;
    return keep(td_load_builtin(ts, name, &cache));
  }

  TdThread *ts = nullptr;
  std::vector<TdValue> owned;
};

TEST_F(Classes, ReprSlotCallsTheMethod) {
  TdValue R = cls("R", bases({}), ns({{"__repr__", fn(&kRepr)}}));
  ASSERT_NE(R, 0u) << pending();
  TdValue r = keep(td_call(ts, R, nullptr, 0, 0));
  EXPECT_EQ(repr(r), "R!");
  EXPECT_EQ(repr(R), "<class '__main__.R'>");
}

TEST_F(Classes, SuperZeroFindsTheDefiningClass) {
  TdValue Base = cls("Base", bases({}), ns({{"hello", fn(&kBaseHello)}}));
  TdValue Derived = cls("Derived", bases({Base}), ns({{"hello", fn(&kDerivedHello)}}));
  ASSERT_NE(Derived, 0u) << pending();
  TdValue d = keep(td_call(ts, Derived, nullptr, 0, 0));
  TdValue r = keep(td_call_method(ts, d, S("hello"), nullptr, 0, 0));
  EXPECT_EQ(repr(r), "'derived+base'");
}

TEST_F(Classes, DefaultReprAndAttributes) {
  TdValue P = cls("P", bases({}), ns({{"count", td_small(3)}}));
  TdValue p = keep(td_call(ts, P, nullptr, 0, 0));
  EXPECT_EQ(repr(p).rfind("<__main__.P object at 0x", 0), 0u);
  ASSERT_EQ(td_setattr(ts, p, S("x"), td_small(5)), 0);
  EXPECT_EQ(repr(keep(td_getattr(ts, p, S("x")))), "5");
  EXPECT_EQ(repr(keep(td_getattr(ts, p, S("count")))), "3");
  EXPECT_EQ(repr(keep(td_getattr(ts, p, S("__dict__")))), "{'x': 5}");
  EXPECT_EQ(td_getattr(ts, p, S("z")), 0u);
  EXPECT_EQ(pending(), "AttributeError: 'P' object has no attribute 'z'");
  EXPECT_EQ(td_call(ts, P, &p, 1, 0), 0u);
  EXPECT_EQ(pending(), "TypeError: P() takes no arguments");
}

TEST_F(Classes, ExceptionSubclassIsRaisableAndPrintsItsName) {
  TdValue E = cls("MyError", bases({builtin("ValueError")}), ns({}));
  TdValue msg = S("boom");
  TdValue e = keep(td_call(ts, E, &msg, 1, 0));
  EXPECT_EQ(repr(e), "MyError('boom')");
  EXPECT_EQ(td_exc_matches(ts, e, builtin("ValueError")), 1);
  EXPECT_EQ(td_format_exception(ts, e), "MyError: boom\n");
}

TEST_F(Classes, BaseErrors) {
  EXPECT_EQ(cls("B", bases({builtin("bool")}), ns({})), 0u);
  EXPECT_EQ(pending(), "TypeError: type 'bool' is not an acceptable base type");
  EXPECT_EQ(cls("I", bases({builtin("int")}), ns({})), 0u);
  EXPECT_EQ(pending(), "TypeError: tide does not support subclassing 'int' yet (only object, "
                       "exceptions, list and dict)");
  TdValue A = cls("A", bases({}), ns({}));
  TdValue B = cls("B", bases({A}), ns({}));
  EXPECT_EQ(cls("C", bases({A, B}), ns({})), 0u);
  EXPECT_EQ(pending(),
            "TypeError: Cannot create a consistent method resolution order (MRO) for bases A, B");
  EXPECT_EQ(cls("D", bases({builtin("ValueError"), builtin("list")}), ns({})), 0u);
  EXPECT_EQ(pending(), "TypeError: multiple bases have instance lay-out conflict");
}

TEST_F(Classes, DictLookupForClassBodies) {
  TdValue d = ns({{"a", td_small(1)}});
  EXPECT_EQ(td_dict_lookup(ts, d, S("a")), td_small(1));
  EXPECT_EQ(td_dict_lookup(ts, d, S("b")), TD_DONE);
  EXPECT_FALSE(td_err_occurred(ts));
}

TEST_F(Classes, TypeWithThreeArguments) {
  TdValue args[3] = {S("Dyn"), bases({}), ns({{"k", td_small(2)}})};
  TdValue T = keep(td_call(ts, builtin("type"), args, 3, 0));
  EXPECT_EQ(repr(T), "<class '__main__.Dyn'>");
  EXPECT_EQ(repr(keep(td_getattr(ts, T, S("k")))), "2");
}

} // namespace
