// runtime_values_test.cpp — int, float, str, bool, bytes, format and the
// operator dispatchers, driven through the C ABI exactly as generated code
// drives them.  Every expectation was checked against python3 3.11.
#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <string>
#include <vector>

#include "containers.h"
#include "tide/abi.h"
#include "values.h"

namespace {

class Values : public ::testing::Test {
protected:
  // One runtime for the whole binary, as in a real process.
  void SetUp() override {
    static TdThread *shared = [] {
      static const char *argv[] = {"runtime_values_test"};
      return td_runtime_init(1, argv);
    }();
    ts = shared;
    ASSERT_NE(ts, nullptr);
  }

  TdValue I(int64_t i) { return td_int_from_i64(ts, i); }
  TdValue Big(const char *digits) { return td_int_from_cstr(ts, digits, 10); }
  TdValue F(double d) { return td_float_from(ts, d); }
  TdValue S(std::string_view s) { return td_str_from(ts, s); }
  TdValue Tuple(std::initializer_list<TdValue> items) {
    std::vector<TdValue> v(items);
    return td_build_tuple(ts, v.data(), int64_t(v.size()));
  }

  // The pending exception as "TypeError: message", cleared.
  std::string Err() {
    if (!ts->curexc) return "<no error>";
    TdValue exc = td_err_fetch(ts);
    std::string out = td_type_name(exc);
    std::string msg;
    if (td_str_to(ts, exc, msg) && !msg.empty()) out += ": " + msg;
    td_decref(exc);
    return out;
  }

  // repr() of a new reference (consumed); the error text if v is 0.
  std::string R(TdValue v) {
    if (!v) return Err();
    std::string out;
    if (!td_repr_to(ts, v, out)) out = Err();
    td_decref(v);
    return out;
  }
  std::string Str(TdValue v) {
    if (!v) return Err();
    std::string out;
    if (!td_str_to(ts, v, out)) out = Err();
    td_decref(v);
    return out;
  }

  std::string Bin(int op, TdValue a, TdValue b) {
    std::string r = R(td_binop(ts, op, a, b));
    td_decref(a);
    td_decref(b);
    return r;
  }
  std::string Un(int op, TdValue a) {
    std::string r = R(td_unaryop(ts, op, a));
    td_decref(a);
    return r;
  }
  int Cmp(int op, TdValue a, TdValue b) {
    int r = td_compare_bool(ts, op, a, b);
    td_decref(a);
    td_decref(b);
    return r;
  }
  std::string Call(TdValue self, const char *method, std::initializer_list<TdValue> args) {
    std::vector<TdValue> v(args);
    TdValue name = S(method);
    TdValue r = td_call_method(ts, self, name, v.data(), int64_t(v.size()), 0);
    td_decref(name);
    td_decref(self);
    for (TdValue a : v) td_decref(a);
    return R(r);
  }
  std::string Fmt(TdValue v, const char *spec) {
    TdValue s = S(spec);
    std::string r = Str(td_format(ts, v, s));
    td_decref(s);
    td_decref(v);
    return r;
  }
  std::string FloatRepr(double d) { return R(F(d)); }
  int64_t Hash(TdValue v) {
    int64_t h = td_hash(ts, v);
    td_decref(v);
    return h;
  }
  std::string Construct(TdType *t, std::initializer_list<TdValue> args) {
    std::vector<TdValue> v(args);
    TdValue r = t->construct(ts, td_val(t), v.data(), int64_t(v.size()), 0);
    for (TdValue a : v) td_decref(a);
    return R(r);
  }

  TdThread *ts = nullptr;
};

TEST_F(Values, FloatRepr) {
  EXPECT_EQ(FloatRepr(0.1), "0.1");
  EXPECT_EQ(FloatRepr(1e16), "1e+16");
  EXPECT_EQ(FloatRepr(1e-5), "1e-05");
  EXPECT_EQ(FloatRepr(1.5e-5), "1.5e-05");
  EXPECT_EQ(FloatRepr(0.0001), "0.0001");
  EXPECT_EQ(FloatRepr(123.456), "123.456");
  EXPECT_EQ(FloatRepr(2.5e-308), "2.5e-308");
  EXPECT_EQ(FloatRepr(1.0 / 3.0), "0.3333333333333333");
  EXPECT_EQ(FloatRepr(123456789012345.0), "123456789012345.0");
  EXPECT_EQ(FloatRepr(1e100), "1e+100");
  EXPECT_EQ(FloatRepr(1.0), "1.0");
  EXPECT_EQ(FloatRepr(-0.0), "-0.0");
  EXPECT_EQ(FloatRepr(INFINITY), "inf");
  EXPECT_EQ(FloatRepr(-INFINITY), "-inf");
  EXPECT_EQ(FloatRepr(NAN), "nan");
  EXPECT_EQ(FloatRepr(0.1 + 0.2), "0.30000000000000004");
}

TEST_F(Values, BigIntArithmetic) {
  EXPECT_EQ(Bin(TD_OP_POW, I(2), I(100)), "1267650600228229401496703205376");
  TdValue p64 = td_binop(ts, TD_OP_POW, I(2), I(64));
  TdValue neg = td_unaryop(ts, TD_UOP_NEG, p64);
  EXPECT_EQ(Bin(TD_OP_FLOORDIV, neg, I(3)), "-6148914691236517206");
  td_decref(p64);
  EXPECT_EQ(Bin(TD_OP_MOD, td_binop(ts, TD_OP_POW, I(10), I(30)), I(7)), "1");
  EXPECT_EQ(Bin(TD_OP_SUB, Big("4611686018427387904"), I(1)), "4611686018427387903");
  // A result that fits the small range comes back small.
  TdValue small = td_binop(ts, TD_OP_SUB, Big("4611686018427387904"), I(1));
  EXPECT_TRUE(td_is_small(small));
  EXPECT_EQ(Bin(TD_OP_MUL, I(int64_t(1) << 40), I(int64_t(1) << 40)), "1208925819614629174706176");
  EXPECT_EQ(Bin(TD_OP_LSHIFT, I(1), I(70)), "1180591620717411303424");
  EXPECT_EQ(Bin(TD_OP_RSHIFT, I(-5), I(1)), "-3");
  EXPECT_EQ(Bin(TD_OP_AND, I(-1), Big("18446744073709551616")), "18446744073709551616");
  EXPECT_EQ(Un(TD_UOP_INVERT, I(5)), "-6");
  EXPECT_EQ(Bin(TD_OP_TRUEDIV, td_binop(ts, TD_OP_POW, I(10), I(30)), I(3)), "3.333333333333333e+29");
  EXPECT_EQ(Bin(TD_OP_TRUEDIV, I(1), I(3)), "0.3333333333333333");
  EXPECT_EQ(Bin(TD_OP_POW, I(2), I(-1)), "0.5");
}

TEST_F(Values, FloorDivModSigns) {
  EXPECT_EQ(Bin(TD_OP_FLOORDIV, I(-7), I(2)), "-4");
  EXPECT_EQ(Bin(TD_OP_MOD, I(-7), I(2)), "1");
  EXPECT_EQ(Bin(TD_OP_MOD, I(7), I(-2)), "-1");
  EXPECT_EQ(Bin(TD_OP_FLOORDIV, F(-7.5), I(2)), "-4.0");
  EXPECT_EQ(Bin(TD_OP_MOD, F(-7.5), I(2)), "0.5");
  EXPECT_EQ(Bin(TD_OP_MOD, F(7.5), F(-2.0)), "-0.5");
}

TEST_F(Values, ArithmeticErrors) {
  EXPECT_EQ(Bin(TD_OP_FLOORDIV, I(1), I(0)), "ZeroDivisionError: integer division or modulo by zero");
  EXPECT_EQ(Bin(TD_OP_MOD, I(1), I(0)), "ZeroDivisionError: integer modulo by zero");
  EXPECT_EQ(Bin(TD_OP_TRUEDIV, I(1), I(0)), "ZeroDivisionError: division by zero");
  EXPECT_EQ(Bin(TD_OP_TRUEDIV, F(1.0), I(0)), "ZeroDivisionError: float division by zero");
  EXPECT_EQ(Bin(TD_OP_MOD, F(1.0), I(0)), "ZeroDivisionError: float modulo");
  EXPECT_EQ(Bin(TD_OP_POW, I(0), I(-1)),
            "ZeroDivisionError: 0.0 cannot be raised to a negative power");
  EXPECT_EQ(Bin(TD_OP_LSHIFT, I(1), I(-1)), "ValueError: negative shift count");
  EXPECT_EQ(Bin(TD_OP_ADD, I(1), S("a")),
            "TypeError: unsupported operand type(s) for +: 'int' and 'str'");
  EXPECT_EQ(Bin(TD_OP_ADD, S("a"), I(1)), "TypeError: can only concatenate str (not \"int\") to str");
  EXPECT_EQ(Bin(TD_OP_MUL, S("a"), F(1.5)),
            "TypeError: can't multiply sequence by non-int of type 'float'");
  EXPECT_EQ(Un(TD_UOP_NEG, S("a")), "TypeError: bad operand type for unary -: 'str'");
  EXPECT_EQ(R(td_compare(ts, TD_CMP_LT, td_small(1), S("a"))),
            "TypeError: '<' not supported between instances of 'int' and 'str'");
  EXPECT_EQ(R(td_compare(ts, TD_CMP_IN, td_small(1), td_small(1))),
            "TypeError: argument of type 'int' is not iterable");
  EXPECT_EQ(Bin(TD_OP_TRUEDIV, td_binop(ts, TD_OP_POW, I(10), I(400)), I(1)),
            "OverflowError: integer division result too large for a float");
}

TEST_F(Values, IntStrLimitAndParsing) {
  EXPECT_EQ(R(td_binop(ts, TD_OP_POW, I(10), I(5000))),
            "ValueError: Exceeds the limit (4300 digits) for integer string conversion; use "
            "sys.set_int_max_str_digits() to increase the limit");
  EXPECT_EQ(Construct(&td_type_int, {S("  -1_000  ")}), "-1000");
  EXPECT_EQ(Construct(&td_type_int, {S("0x_1f"), I(0)}), "31");
  EXPECT_EQ(Construct(&td_type_int, {S("ff"), I(16)}), "255");
  EXPECT_EQ(Construct(&td_type_int, {S("abc")}), "ValueError: invalid literal for int() with base 10: 'abc'");
  EXPECT_EQ(Construct(&td_type_int, {S("010"), I(0)}), "ValueError: invalid literal for int() with base 0: '010'");
  EXPECT_EQ(Construct(&td_type_int, {F(-3.9)}), "-3");
  EXPECT_EQ(Construct(&td_type_int, {F(1e20)}), "100000000000000000000");
  EXPECT_EQ(Construct(&td_type_int, {F(INFINITY)}), "OverflowError: cannot convert float infinity to integer");
  EXPECT_EQ(Construct(&td_type_int, {F(NAN)}), "ValueError: cannot convert float NaN to integer");
  EXPECT_EQ(R(td_int_from_cstr(ts, "0b1010", 0)), "10");
  EXPECT_EQ(R(td_int_from_cstr(ts, "123456789012345678901234567890", 10)),
            "123456789012345678901234567890");
}

TEST_F(Values, FloatParsing) {
  EXPECT_EQ(Construct(&td_type_float, {S("  1.5  ")}), "1.5");
  EXPECT_EQ(Construct(&td_type_float, {S("1_000.5")}), "1000.5");
  EXPECT_EQ(Construct(&td_type_float, {S("-inf")}), "-inf");
  EXPECT_EQ(Construct(&td_type_float, {S("nan")}), "nan");
  EXPECT_EQ(Construct(&td_type_float, {S("1e3")}), "1000.0");
  EXPECT_EQ(Construct(&td_type_float, {S("abc")}), "ValueError: could not convert string to float: 'abc'");
  EXPECT_EQ(Construct(&td_type_float, {I(3)}), "3.0");
}

TEST_F(Values, BoolIsInt) {
  EXPECT_EQ(Bin(TD_OP_ADD, td_bool(true), I(1)), "2");
  EXPECT_EQ(Cmp(TD_CMP_EQ, td_bool(true), I(1)), 1);
  EXPECT_EQ(Hash(td_bool(true)), 1);
  EXPECT_EQ(R(td_bool(true)), "True");
  EXPECT_EQ(Bin(TD_OP_AND, td_bool(true), td_bool(false)), "False");
  EXPECT_EQ(R(td_none()), "None");
  EXPECT_EQ(Fmt(td_bool(true), ""), "True");
  EXPECT_EQ(Fmt(td_bool(true), ">5"), "    1");
}

TEST_F(Values, MixedComparisons) {
  EXPECT_EQ(Cmp(TD_CMP_EQ, I(1), F(1.0)), 1);
  EXPECT_EQ(Cmp(TD_CMP_LT, I(1), F(1.5)), 1);
  // 2**53 + 1 is not equal to the float 2**53 (no precision loss).
  EXPECT_EQ(Cmp(TD_CMP_EQ, I((int64_t(1) << 53) + 1), F(9007199254740992.0)), 0);
  EXPECT_EQ(Cmp(TD_CMP_GT, I((int64_t(1) << 53) + 1), F(9007199254740992.0)), 1);
  EXPECT_EQ(Cmp(TD_CMP_LT, td_binop(ts, TD_OP_POW, I(10), I(400)), F(INFINITY)), 1);
  EXPECT_EQ(Cmp(TD_CMP_EQ, F(NAN), F(NAN)), 0);
  EXPECT_EQ(Cmp(TD_CMP_NE, S("a"), I(1)), 1);
  EXPECT_EQ(Cmp(TD_CMP_LT, S("abc"), S("abd")), 1);
  EXPECT_EQ(Cmp(TD_CMP_IN, S("bc"), S("abcd")), 1);
}

TEST_F(Values, Hashes) {
  EXPECT_EQ(Hash(I(-1)), -2);
  EXPECT_EQ(Hash(F(1.0)), 1);
  EXPECT_EQ(Hash(F(0.5)), 1152921504606846976);
  EXPECT_EQ(Hash(F(0.1)), 230584300921369408);
  EXPECT_EQ(Hash(F(1e100)), 1822893315824342674);
  EXPECT_EQ(Hash(td_binop(ts, TD_OP_POW, I(2), I(100))), 549755813888);
  EXPECT_EQ(Hash(td_binop(ts, TD_OP_SUB, I(0), td_binop(ts, TD_OP_POW, I(2), I(61)))), -2);
  EXPECT_EQ(Hash(S("abc")), Hash(S("abc")));
  EXPECT_NE(Hash(S("abc")), -1);
  EXPECT_EQ(Hash(F(INFINITY)), 314159);
}

TEST_F(Values, StrIndexing) {
  TdValue s = S("héllo");
  EXPECT_EQ(td_type_of(s)->len(ts, s), 5);
  EXPECT_EQ(R(td_getitem(ts, s, td_small(1))), "'é'");
  EXPECT_EQ(R(td_getitem(ts, s, td_small(-1))), "'o'");
  EXPECT_EQ(R(td_getitem(ts, s, td_small(9))), "IndexError: string index out of range");
  TdValue sl = td_slice_new(ts, td_small(1), td_small(3), td_none());
  EXPECT_EQ(R(td_getitem(ts, s, sl)), "'él'");
  td_decref(sl);
  TdValue rev = td_slice_new(ts, td_none(), td_none(), td_small(-1));
  EXPECT_EQ(R(td_getitem(ts, s, rev)), "'olléh'");
  td_decref(rev);
  td_decref(s);
}

TEST_F(Values, StrRepr) {
  EXPECT_EQ(R(S("it's")), "\"it's\"");
  EXPECT_EQ(R(S("a\"b'c")), "'a\"b\\'c'");
  EXPECT_EQ(R(S("tab\there\n\\")), "'tab\\there\\n\\\\'");
  EXPECT_EQ(R(S(std::string_view("\x00\x7f", 2))), "'\\x00\\x7f'");
  EXPECT_EQ(R(S("caf\xc3\xa9")), "'caf\xc3\xa9'");
  EXPECT_EQ(R(td_ascii(ts, S("caf\xc3\xa9"))), "\"'caf\\\\xe9'\"");
}

TEST_F(Values, StrMethods) {
  EXPECT_EQ(Call(S("a b  c "), "split", {}), "['a', 'b', 'c']");
  EXPECT_EQ(Call(S("a,b,,c"), "split", {S(",")}), "['a', 'b', '', 'c']");
  EXPECT_EQ(Call(S("a,b,c"), "split", {S(","), I(1)}), "['a', 'b,c']");
  EXPECT_EQ(Call(S("a,b,c"), "rsplit", {S(","), I(1)}), "['a,b', 'c']");
  EXPECT_EQ(Call(S("  a b c"), "rsplit", {td_none(), I(1)}), "['  a b', 'c']");
  EXPECT_EQ(Call(S("l1\nl2\r\nl3"), "splitlines", {}), "['l1', 'l2', 'l3']");
  EXPECT_EQ(Call(S("-"), "join", {Tuple({S("a"), S("b"), S("c")})}), "'a-b-c'");
  EXPECT_EQ(Call(S("xxhixx"), "strip", {S("x")}), "'hi'");
  EXPECT_EQ(Call(S("  hi \n"), "rstrip", {}), "'  hi'");
  EXPECT_EQ(Call(S("aaa"), "replace", {S("a"), S("b"), I(2)}), "'bba'");
  EXPECT_EQ(Call(S("abc"), "replace", {S(""), S("-")}), "'-a-b-c-'");
  EXPECT_EQ(Call(S("hello"), "find", {S("l")}), "2");
  EXPECT_EQ(Call(S("hello"), "rfind", {S("l")}), "3");
  EXPECT_EQ(Call(S("hello"), "index", {S("z")}), "ValueError: substring not found");
  EXPECT_EQ(Call(S("banana"), "count", {S("an")}), "2");
  EXPECT_EQ(Call(S("hello"), "startswith", {Tuple({S("x"), S("he")})}), "True");
  EXPECT_EQ(Call(S("hello"), "endswith", {S("ll"), I(0), I(4)}), "True");
  EXPECT_EQ(Call(S("hello world"), "title", {}), "'Hello World'");
  EXPECT_EQ(Call(S("hELLO"), "capitalize", {}), "'Hello'");
  EXPECT_EQ(Call(S("Hello"), "swapcase", {}), "'hELLO'");
  EXPECT_EQ(Call(S("abc"), "upper", {}), "'ABC'");
  EXPECT_EQ(Call(S("123"), "isdigit", {}), "True");
  EXPECT_EQ(Call(S("_x1"), "isidentifier", {}), "True");
  EXPECT_EQ(Call(S("ab"), "center", {I(7), S("*")}), "'***ab**'");
  EXPECT_EQ(Call(S("-42"), "zfill", {I(6)}), "'-00042'");
  EXPECT_EQ(Call(S("k=v=w"), "partition", {S("=")}), "('k', '=', 'v=w')");
  EXPECT_EQ(Call(S("k=v=w"), "rpartition", {S("=")}), "('k=v', '=', 'w')");
  EXPECT_EQ(Call(S("abc"), "upper", {I(1)}), "TypeError: str.upper() takes no arguments (1 given)");
  EXPECT_EQ(Call(S("é"), "encode", {}), "b'\\xc3\\xa9'");
  EXPECT_EQ(Call(S("abc"), "foo", {}), "AttributeError: 'str' object has no attribute 'foo'");
}

TEST_F(Values, FormatSpecs) {
  EXPECT_EQ(Call(S("{:>8.2f}"), "format", {F(3.14159)}), "'    3.14'");
  EXPECT_EQ(Call(S("{:,}"), "format", {I(1234567)}), "'1,234,567'");
  EXPECT_EQ(Call(S("{:08.3f}"), "format", {F(-1.5)}), "'-001.500'");
  EXPECT_EQ(Call(S("{:x}"), "format", {I(255)}), "'ff'");
  EXPECT_EQ(Call(S("{:^10}"), "format", {S("hi")}), "'    hi    '");
  EXPECT_EQ(Call(S("{:+d}"), "format", {I(5)}), "'+5'");
  EXPECT_EQ(Call(S("{0}-{1}-{0}"), "format", {S("a"), S("b")}), "'a-b-a'");
  EXPECT_EQ(Call(S("{!r:>6}"), "format", {S("a")}), "\"   'a'\"");
  EXPECT_EQ(Call(S("{{}} {}"), "format", {I(1)}), "'{} 1'");
  EXPECT_EQ(Call(S("{0:{1}}"), "format", {F(3.14159), S(".2f")}), "'3.14'");
  EXPECT_EQ(Call(S("{:{}}"), "format", {F(3.14159), S(".2f")}), "'3.14'");
  EXPECT_EQ(Call(S("{x}"), "format", {}), "KeyError: 'x'");
  EXPECT_EQ(Call(S("{}"), "format", {}),
            "IndexError: Replacement index 0 out of range for positional args tuple");
  EXPECT_EQ(Fmt(F(1.0), ""), "1.0");
  EXPECT_EQ(Fmt(F(1e16), ""), "1e+16");
  EXPECT_EQ(Fmt(F(1.0), ".3"), "1.0");
  EXPECT_EQ(Fmt(F(1234.5), ".2"), "1.2e+03");
  EXPECT_EQ(Fmt(F(0.5), "%"), "50.000000%");
  EXPECT_EQ(Fmt(F(1234567.891), ",.2f"), "1,234,567.89");
  EXPECT_EQ(Fmt(F(1e-10), "G"), "1E-10");
  EXPECT_EQ(Fmt(F(-0.01), "z.1f"), "0.0");
  EXPECT_EQ(Fmt(I(1234), "010,"), "00,001,234");
  EXPECT_EQ(Fmt(I(255), "#010x"), "0x000000ff");
  EXPECT_EQ(Fmt(I(123456), "_x"), "1_e240");
  EXPECT_EQ(Fmt(I(65), "c"), "A");
  EXPECT_EQ(Fmt(I(3), "*^9"), "****3****");
  EXPECT_EQ(Fmt(S("abcdef"), ".2"), "ab");
  EXPECT_EQ(Fmt(S("a"), "d"), "ValueError: Unknown format code 'd' for object of type 'str'");
  EXPECT_EQ(Fmt(F(1.5), "d"), "ValueError: Unknown format code 'd' for object of type 'float'");
  EXPECT_EQ(Fmt(td_none(), "x"), "TypeError: unsupported format string passed to NoneType.__format__");
  EXPECT_EQ(Fmt(td_none(), ""), "None");
}

TEST_F(Values, PercentFormatting) {
  EXPECT_EQ(Bin(TD_OP_MOD, S("%5d|%-5s|%.2f"), Tuple({I(42), S("ab"), F(3.14159)})),
            "'   42|ab   |3.14'");
  EXPECT_EQ(Bin(TD_OP_MOD, S("%s and %r"), Tuple({S("x"), S("y")})), "\"x and 'y'\"");
  EXPECT_EQ(Bin(TD_OP_MOD, S("%x %o %e %g %%"), Tuple({I(255), I(8), F(12345.678), F(0.0001)})),
            "'ff 10 1.234568e+04 0.0001 %'");
  EXPECT_EQ(Bin(TD_OP_MOD, S("%d"), S("a")), "TypeError: %d format: a real number is required, not str");
  EXPECT_EQ(Bin(TD_OP_MOD, S("%d %d"), Tuple({I(1)})), "TypeError: not enough arguments for format string");
  EXPECT_EQ(Bin(TD_OP_MOD, S("%d"), Tuple({I(1), I(2)})),
            "TypeError: not all arguments converted during string formatting");
  EXPECT_EQ(Bin(TD_OP_MOD, S("%05d"), I(-42)), "'-0042'");
  EXPECT_EQ(Bin(TD_OP_MOD, S("%i%%"), F(7.9)), "'7%'");
}

TEST_F(Values, StrOperators) {
  EXPECT_EQ(Bin(TD_OP_ADD, S("ab"), S("cd")), "'abcd'");
  EXPECT_EQ(Bin(TD_OP_MUL, S("ab"), I(3)), "'ababab'");
  EXPECT_EQ(Bin(TD_OP_MUL, I(2), S("x")), "'xx'");
  EXPECT_EQ(Bin(TD_OP_MUL, S("ab"), I(-1)), "''");
  EXPECT_EQ(Str(td_str(ts, F(2.5))), "2.5");
  TdValue it = td_iter(ts, S("hé"));
  std::string got;
  for (TdValue c; (c = td_next(ts, it)) != TD_DONE && c;) got += Str(c) + "|";
  td_decref(it);
  EXPECT_EQ(got, "h|é|");
}

TEST_F(Values, Bytes) {
  TdValue b = td_bytes_from(ts, std::string_view("ab\x00'", 4));
  EXPECT_EQ(R(td_newref(b)), "b\"ab\\x00'\"");
  EXPECT_EQ(R(td_getitem(ts, b, td_small(0))), "97");
  EXPECT_EQ(td_type_of(b)->len(ts, b), 4);
  td_decref(b);
  EXPECT_EQ(Call(td_bytes_from(ts, "caf\xc3\xa9"), "decode", {}), "'caf\xc3\xa9'");
  EXPECT_EQ(Bin(TD_OP_ADD, td_bytes_from(ts, "a"), td_bytes_from(ts, "b")), "b'ab'");
  EXPECT_EQ(Cmp(TD_CMP_EQ, td_bytes_from(ts, "a"), td_bytes_from(ts, "a")), 1);
}

TEST_F(Values, TruthAndMethodsOnNumbers) {
  EXPECT_EQ(td_truthy(ts, td_small(0)), 0);
  EXPECT_EQ(td_truthy(ts, td_none()), 0);
  TdValue e = S("");
  EXPECT_EQ(td_truthy(ts, e), 0);
  td_decref(e);
  TdValue f = F(0.0);
  EXPECT_EQ(td_truthy(ts, f), 0);
  td_decref(f);
  EXPECT_EQ(Call(I(255), "bit_length", {}), "8");
  EXPECT_EQ(Call(F(2.0), "is_integer", {}), "True");
  EXPECT_EQ(Call(F(2.675), "__round__", {I(2)}), "2.67");
  EXPECT_EQ(Call(F(2.5), "__round__", {}), "2");
  EXPECT_EQ(Call(I(1), "foo", {}), "AttributeError: 'int' object has no attribute 'foo'");
}

} // namespace
