// runtime_random_test.cpp — the math and random modules called through the
// ABI, checked against what python3 (3.11) prints for the same calls.  The
// random expectations pin CPython's exact streams: MT19937 seeding from
// ints and (through SHA-512) from strings, random(), getrandbits, and the
// draw order of shuffle, sample, choices and gauss.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "containers.h"
#include "errors.h"
#include "runtime.h"
#include "tide/abi.h"

namespace {

class Stdlib : public ::testing::Test {
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
    if (!v)
      return pending();
    if (!td_repr_to(ts, v, out))
      return "<repr failed: " + pending() + ">";
    return out;
  }
  TdValue S(const char *s) { return keep(td_str_from(ts, s)); }
  // module.fn(*args): the result's repr, or "Cls: message" if it raised.
  std::string call(const char *module, const char *fn, std::vector<TdValue> args,
                   std::vector<const char *> kw = {}) {
    TdValue m = keep(td_import(ts, module));
    TdValue f = td_getattr(ts, m, S(fn));
    if (!f)
      return pending();
    keep(f);
    TdValue kwnames = 0;
    if (!kw.empty()) {
      kwnames = keep(td_tuple_new(ts, int64_t(kw.size())));
      for (size_t i = 0; i < kw.size(); i++)
        td_as_tuple(kwnames)->items[i] = td_str_from(ts, kw[i]);
    }
    TdValue r = td_call(ts, f, args.data(), int64_t(args.size()), kwnames);
    if (!r)
      return pending();
    keep(r);
    return repr(r);
  }
  TdValue F(double d) { return keep(td_float_from(ts, d)); }
  TdValue List(std::vector<TdValue> items) {
    TdValue l = keep(td_list_new(ts, 0));
    for (TdValue v : items)
      td_list_append_steal(ts, l, td_newref(v));
    return l;
  }
  TdValue Big(const char *digits) { return keep(td_int_from_cstr(ts, digits, 10)); }

  TdThread *ts = nullptr;
  std::vector<TdValue> owned;
};

TEST_F(Stdlib, SeededRandomMatchesCPython) {
  call("random", "seed", {td_small(42)});
  EXPECT_EQ(call("random", "random", {}), "0.6394267984578837");
  EXPECT_EQ(call("random", "random", {}), "0.025010755222666936");
  EXPECT_EQ(call("random", "random", {}), "0.27502931836911926");
  // A negative seed is its absolute value.
  call("random", "seed", {td_small(-42)});
  EXPECT_EQ(call("random", "random", {}), "0.6394267984578837");
}

TEST_F(Stdlib, StringSeedGoesThroughSha512) {
  call("random", "seed", {S("hello")});
  EXPECT_EQ(call("random", "random", {}), "0.3537754404730722");
}

TEST_F(Stdlib, GetrandbitsOfABigSeed) {
  call("random", "seed", {Big("1267650600228229401496703205383")}); // 2**100 + 7
  EXPECT_EQ(call("random", "getrandbits", {td_small(100)}), "659714289339529211156401075212");
  EXPECT_EQ(call("random", "getrandbits", {td_small(-1)}),
            "ValueError: number of bits must be non-negative");
}

TEST_F(Stdlib, ShuffleSampleChoicesGaussDrawLikeCPython) {
  std::vector<TdValue> items;
  for (int i = 0; i < 10; i++)
    items.push_back(td_small(i));
  TdValue l = List(items);
  call("random", "seed", {td_small(3)});
  EXPECT_EQ(call("random", "shuffle", {l}), "None");
  EXPECT_EQ(repr(l), "[1, 5, 6, 0, 9, 4, 7, 2, 8, 3]");

  call("random", "seed", {td_small(99)});
  TdValue big = List({});
  for (int i = 0; i < 100; i++)
    td_list_append_steal(ts, big, td_small(i));
  EXPECT_EQ(call("random", "sample", {big, td_small(5)}), "[51, 48, 25, 76, 22]"); // set branch
  EXPECT_EQ(call("random", "sample", {l, td_small(4)}), "[0, 3, 6, 7]");           // pool branch

  call("random", "seed", {td_small(5)});
  TdValue abc = List({S("a"), S("b"), S("c")});
  TdValue weights = List({td_small(10), td_small(1), td_small(1)});
  EXPECT_EQ(call("random", "choices", {abc, weights, td_small(6)}, {"k"}),
            "['a', 'a', 'a', 'c', 'a', 'c']");
  EXPECT_EQ(call("random", "gauss", {td_small(0), td_small(1)}), "1.1009715963243587");
}

TEST_F(Stdlib, RandomErrors) {
  EXPECT_EQ(call("random", "choice", {List({})}),
            "IndexError: Cannot choose from an empty sequence");
  EXPECT_EQ(call("random", "randrange", {td_small(5), td_small(5)}),
            "ValueError: empty range for randrange() (5, 5, 0)");
  EXPECT_EQ(call("random", "sample", {List({td_small(1)}), td_small(2)}),
            "ValueError: Sample larger than population or is negative");
}

TEST_F(Stdlib, MathResultsAndErrors) {
  std::vector<TdValue> tenth(10, F(0.1));
  EXPECT_EQ(call("math", "fsum", {List(tenth)}), "1.0");
  EXPECT_EQ(call("math", "hypot", {F(0.7), F(1.3)}), "1.47648230602334");
  EXPECT_EQ(call("math", "factorial", {td_small(25)}), "15511210043330985984000000");
  EXPECT_EQ(call("math", "floor", {F(1e20)}), "100000000000000000000");
  EXPECT_EQ(call("math", "sqrt", {td_small(-1)}), "ValueError: math domain error");
  EXPECT_EQ(call("math", "log", {td_small(0)}), "ValueError: math domain error");
  EXPECT_EQ(call("math", "exp", {td_small(1000)}), "OverflowError: math range error");
  EXPECT_EQ(call("math", "sqrt", {S("x")}), "TypeError: must be real number, not str");
  EXPECT_EQ(call("math", "factorial", {td_small(-1)}),
            "ValueError: factorial() not defined for negative values");
}

TEST_F(Stdlib, SleepRejectsNegativeLengths) {
  EXPECT_EQ(call("time", "sleep", {td_small(-1)}), "ValueError: sleep length must be non-negative");
  EXPECT_EQ(call("time", "sleep", {F(0.001)}), "None");
}

} // namespace
