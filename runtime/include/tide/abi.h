/* abi.h — the one door between generated code and the runtime.
 *
 * Generated code (JIT or AOT) talks to the runtime only through what this
 * header declares.  The compiler includes it too, but only for the tables
 * below: it declares each entry point in LLVM IR from the same X-macro list,
 * and the JIT binds each name to its address from the same list, so codegen
 * and runtime can change apart and nothing else crosses.
 *
 * Glossary
 *   TdValue   one 64-bit word.  Low bit 1: a small int, value = word >> 1
 *             (arithmetic shift), range [-2^62, 2^62).  Low bit 0 and nonzero:
 *             a pointer to a TdObject.  0: "no value" — the error sentinel
 *             returned by any entry point that failed (the exception is held in
 *             the thread state), and the contents of an unbound variable.
 *   TD_DONE   the word 2: returned by td_next when an iterator is exhausted
 *             (never a valid value: not odd, not a real pointer).
 *   TdThread  per-thread interpreter state (current exception, recursion
 *             depth, eval-breaker flag, running loop...).  Every entry point
 *             takes it first; generated functions receive it as their first
 *             argument.  Only the head (TdThreadHead) is visible here.
 *
 * Reference counting (not atomic: the GIL makes that safe).  Unless its name
 * says otherwise, an entry point *borrows* its arguments and returns a *new*
 * reference.  td_build_* and td_*_steal take ownership of the values passed.
 * Immortal objects (None, True, False, constants, types) have a refcount so
 * large that it never reaches zero.
 *
 * Errors: an entry point returning TdValue returns 0 on error; one returning
 * int32_t returns -1 on error (and 0/1 as a truth value where it says so).
 */
#ifndef TIDE_ABI_H
#define TIDE_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef uint64_t TdValue;
typedef struct TdThread TdThread;
typedef struct TdType TdType;

#define TD_DONE ((TdValue)2)

/* Every heap object starts with this header. */
typedef struct TdObject {
  int64_t refcnt;
  TdType *type;
} TdObject;

#define TD_IMMORTAL_REFCNT ((int64_t)1 << 60)

/* The part of the thread state that generated code reads inline. */
typedef struct TdThreadHead {
  /* nonzero: something wants the thread's attention at the next safepoint
   * (GIL drop request, pending signal, async exception).  Generated code
   * checks it at loop back-edges and function entries and then calls
   * td_eval_break. */
  volatile int32_t eval_breaker;
  int32_t reserved0;
  /* function entry: if the frame address is below stack_limit, call
   * td_recursion_check.  The runtime sets stack_limit from recursion_limit
   * (sys.setrecursionlimit) and the stack's real end. */
  uintptr_t stack_limit;
  int64_t depth; /* reserved */
  int64_t recursion_limit;
} TdThreadHead;

/* A compiled function body.  `args` holds exactly code->nparams values,
 * borrowed, in parameter order (positional, keyword-only, *args tuple,
 * **kwargs dict).  Returns a new reference, or 0 with an exception set. */
typedef struct TdFunction TdFunction;
typedef TdValue (*TdBodyFn)(TdThread *ts, TdFunction *fn, const TdValue *args);

/* Static description of one compiled function, emitted by codegen as a
 * constant.  Field order and types are part of the ABI. */
typedef struct TdCodeInfo {
  const char *name;     /* "f", "<lambda>", "<module>", "<listcomp>" */
  const char *qualname; /* "C.method", "outer.<locals>.inner" */
  const char *filename;
  const char *const *paramNames; /* nparams entries */
  TdBodyFn body;
  int32_t firstLine;
  int32_t argcount;     /* positional parameters, including positional-only */
  int32_t posonlycount;
  int32_t kwonlycount;
  int32_t flags;        /* TD_CO_* */
  int32_t nparams;      /* argcount + kwonlycount + (VARARGS) + (VARKW) */
  /* The same body taking its argcount arguments in registers:
   * TdValue direct(TdThread *, TdFunction *, TdValue a0, ...).  Null when
   * the function has no fixed-arity path (varargs, keyword-only).  For an
   * async function, body and direct run the coroutine's body; the function
   * object's own body makes the coroutine. */
  void *direct;
} TdCodeInfo;

#define TD_CO_VARARGS 1
#define TD_CO_VARKW 2
#define TD_CO_ASYNC 4
#define TD_CO_GENERATOR 8
#define TD_CO_LAMBDA 16

/* The visible head of a function object: what a call site needs for the fast
 * path.  If fn->type == &td_type_function and fn->fastNargs == nargs, the
 * call is fn->body(ts, fn, args), or with the arguments in registers
 * fn->direct(ts, fn, a0, ..., a[nargs-1]). */
struct TdFunction {
  TdObject ob;
  TdBodyFn body;
  int32_t fastNargs; /* nargs accepted by the direct path, -1 if none */
  int32_t flags;
  TdValue closure;   /* tuple of cells, or 0 */
  const TdCodeInfo *code;
  void *direct;      /* code->direct: the call site's path when fastNargs matches */
  /* `await f(a0, ...)` on an async function with a fixed arity: when
   * awaitNargs == nargs, the call site runs the body at once through
   * awaitDirect (code->direct), with no coroutine object.  -1 otherwise. */
  int32_t awaitNargs;
  int32_t reserved1;
  void *awaitDirect;
  /* runtime-private fields follow */
};

/* Tuple and cell layouts, read inline by generated code. */
typedef struct TdTupleHead {
  TdObject ob;
  int64_t size;
  TdValue items[];
} TdTupleHead;

typedef struct TdCell {
  TdObject ob;
  TdValue ref; /* 0 when empty */
} TdCell;

/* Generators.  A generator function's body is an LLVM coroutine (switch
 * lowering): calling it binds the arguments, makes the generator with
 * td_gen_new and suspends; the runtime resumes and destroys the frame
 * through `drive` (a per-module thunk over llvm.coro.resume/destroy).  At
 * each resume the body reads `ts` (the resuming thread may differ from the
 * last) and calls td_gen_resumed for the sent value; at a yield it stores
 * the value (a new reference) in `yielded` and suspends; at its end it calls
 * td_gen_finish. */
typedef void (*TdGenDriveFn)(void *frame, int32_t destroy);
typedef struct TdGenHead {
  TdObject ob;
  TdThread *ts;    /* the resuming thread */
  TdValue yielded; /* what the body yielded (new reference), read at suspension */
  /* runtime-private fields follow */
} TdGenHead;

/* Operator codes shared by td_binop / td_inplace / td_unaryop / td_compare. */
enum {
  TD_OP_ADD, TD_OP_SUB, TD_OP_MUL, TD_OP_MATMUL, TD_OP_TRUEDIV,
  TD_OP_FLOORDIV, TD_OP_MOD, TD_OP_POW, TD_OP_LSHIFT, TD_OP_RSHIFT,
  TD_OP_OR, TD_OP_XOR, TD_OP_AND,
  TD_OP__COUNT
};
enum { TD_UOP_INVERT, TD_UOP_NOT, TD_UOP_POS, TD_UOP_NEG };
enum {
  TD_CMP_EQ, TD_CMP_NE, TD_CMP_LT, TD_CMP_LE, TD_CMP_GT, TD_CMP_GE,
  TD_CMP_IS, TD_CMP_IS_NOT, TD_CMP_IN, TD_CMP_NOT_IN
};

/* ------------------------------------------------------------------------
 * Entry points.  X(name, signature, return type, parameter list)
 *
 * Signature letters, for codegen: V TdValue (i64), T TdThread*, P any
 * pointer, I int32_t, L int64_t, D double, v void.  Before ':' the return
 * type, after it the parameters.
 * ------------------------------------------------------------------------ */
#define TD_ABI_FUNCTIONS(X)                                                    \
  /* memory */                                                                 \
  X(td_dealloc, "v:P", void, (TdObject * o))                                   \
  /* constants, built once per module at init */                               \
  X(td_int_from_cstr, "V:TPI", TdValue, (TdThread * ts, const char *s, int32_t base)) \
  X(td_float_new, "V:TD", TdValue, (TdThread * ts, double d))                 \
  X(td_str_const, "V:TPL", TdValue, (TdThread * ts, const char *utf8, int64_t n)) \
  X(td_bytes_const, "V:TPL", TdValue, (TdThread * ts, const char *p, int64_t n)) \
  /* containers; td_build_* steal the items */                                 \
  X(td_build_tuple, "V:TPL", TdValue, (TdThread * ts, TdValue *items, int64_t n)) \
  X(td_build_list, "V:TPL", TdValue, (TdThread * ts, TdValue *items, int64_t n)) \
  X(td_build_set, "V:TPL", TdValue, (TdThread * ts, TdValue *items, int64_t n)) \
  X(td_build_dict, "V:TPPL", TdValue, (TdThread * ts, TdValue *keys, TdValue *values, int64_t n)) \
  X(td_list_append, "I:TVV", int32_t, (TdThread * ts, TdValue list, TdValue v)) \
  X(td_list_extend, "I:TVV", int32_t, (TdThread * ts, TdValue list, TdValue iterable)) \
  X(td_list_to_tuple, "V:TV", TdValue, (TdThread * ts, TdValue list))         \
  X(td_set_add, "I:TVV", int32_t, (TdThread * ts, TdValue set, TdValue v))    \
  X(td_set_update, "I:TVV", int32_t, (TdThread * ts, TdValue set, TdValue iterable)) \
  X(td_dict_setitem, "I:TVVV", int32_t, (TdThread * ts, TdValue d, TdValue k, TdValue v)) \
  /* {**m} and f(**m): merge a mapping into d; `call` nonzero gives the    \
     call-site messages ("got multiple values for keyword argument") */       \
  X(td_dict_merge, "I:TVVI", int32_t, (TdThread * ts, TdValue d, TdValue mapping, int32_t call)) \
  X(td_slice_new, "V:TVVV", TdValue, (TdThread * ts, TdValue lo, TdValue hi, TdValue step)) \
  /* operators; op is a TD_OP_* / TD_UOP_* / TD_CMP_* code */                  \
  X(td_binop, "V:TIVV", TdValue, (TdThread * ts, int32_t op, TdValue a, TdValue b)) \
  X(td_inplace, "V:TIVV", TdValue, (TdThread * ts, int32_t op, TdValue a, TdValue b)) \
  /* `x op= y` for a local x whose reference the caller moved in: steals a  \
     on success (so a str with one reference can grow in place); on        \
     failure a still belongs to the caller */                                 \
  X(td_inplace_steal, "V:TIVV", TdValue, (TdThread * ts, int32_t op, TdValue a, TdValue b)) \
  X(td_unaryop, "V:TIV", TdValue, (TdThread * ts, int32_t op, TdValue a))     \
  X(td_compare, "V:TIVV", TdValue, (TdThread * ts, int32_t op, TdValue a, TdValue b)) \
  /* 1 true, 0 false, -1 error */                                              \
  X(td_compare_bool, "I:TIVV", int32_t, (TdThread * ts, int32_t op, TdValue a, TdValue b)) \
  X(td_truthy, "I:TV", int32_t, (TdThread * ts, TdValue v))                    \
  /* attributes and items; name is a str value */                              \
  X(td_getattr, "V:TVV", TdValue, (TdThread * ts, TdValue obj, TdValue name)) \
  X(td_setattr, "I:TVVV", int32_t, (TdThread * ts, TdValue obj, TdValue name, TdValue v)) \
  X(td_delattr, "I:TVV", int32_t, (TdThread * ts, TdValue obj, TdValue name)) \
  X(td_getitem, "V:TVV", TdValue, (TdThread * ts, TdValue obj, TdValue key))  \
  X(td_setitem, "I:TVVV", int32_t, (TdThread * ts, TdValue obj, TdValue key, TdValue v)) \
  X(td_delitem, "I:TVV", int32_t, (TdThread * ts, TdValue obj, TdValue key))  \
  /* calls: args = positional values then keyword values, nargs counts     \
     both; kwnames is a tuple of str naming the last len(kwnames) args, or 0 */ \
  X(td_call, "V:TVPLV", TdValue, (TdThread * ts, TdValue callee, const TdValue *args, int64_t nargs, TdValue kwnames)) \
  X(td_call_ex, "V:TVVV", TdValue, (TdThread * ts, TdValue callee, TdValue argsTuple, TdValue kwargsDict)) \
  X(td_call_method, "V:TVVPLV", TdValue, (TdThread * ts, TdValue obj, TdValue name, const TdValue *args, int64_t nargs, TdValue kwnames)) \
  /* functions and closures */                                                 \
  X(td_make_function, "V:TPVVV", TdValue, (TdThread * ts, const TdCodeInfo *code, TdValue defaults, TdValue kwdefaults, TdValue closure)) \
  X(td_cell_new, "V:TV", TdValue, (TdThread * ts, TdValue v))                 \
  /* classes: the class body runs as a function filling `ns` (a dict);     \
     td_build_class then makes the class (metaclass `type`, or the first    \
     base's metaclass) from name, qualname, bases tuple and ns */             \
  X(td_build_class, "V:TVVVV", TdValue, (TdThread * ts, TdValue name, TdValue qualname, TdValue bases, TdValue ns)) \
  /* zero-argument super() inside function `fn` whose first argument is    \
     `self` (an instance, or a class in a classmethod) */                     \
  X(td_super0, "V:TPV", TdValue, (TdThread * ts, TdFunction * fn, TdValue self)) \
  /* d[key] as a new reference, TD_DONE when the key is absent (no error   \
     set), 0 on error: class-body name lookups */                             \
  X(td_dict_lookup, "V:TVV", TdValue, (TdThread * ts, TdValue d, TdValue key)) \
  /* iteration */                                                              \
  X(td_iter, "V:TV", TdValue, (TdThread * ts, TdValue v))                     \
  X(td_next, "V:TV", TdValue, (TdThread * ts, TdValue it))                    \
  X(td_unpack, "I:TVLP", int32_t, (TdThread * ts, TdValue v, int64_t n, TdValue *out)) \
  X(td_unpack_ex, "I:TVLLP", int32_t, (TdThread * ts, TdValue v, int64_t before, int64_t after, TdValue *out)) \
  /* strings: f-strings and conversions */                                     \
  /* format(v, spec); spec is a str, or 0 for none (f"{v}") */               \
  X(td_format, "V:TVV", TdValue, (TdThread * ts, TdValue v, TdValue spec))    \
  X(td_repr, "V:TV", TdValue, (TdThread * ts, TdValue v))                     \
  X(td_str, "V:TV", TdValue, (TdThread * ts, TdValue v))                      \
  X(td_ascii, "V:TV", TdValue, (TdThread * ts, TdValue v))                    \
  X(td_str_join_steal, "V:TPL", TdValue, (TdThread * ts, TdValue *parts, int64_t n)) \
  /* names */                                                                  \
  X(td_import, "V:TP", TdValue, (TdThread * ts, const char *dottedName))      \
  X(td_import_from, "V:TVV", TdValue, (TdThread * ts, TdValue module, TdValue name)) \
  X(td_load_builtin, "V:TPP", TdValue, (TdThread * ts, const char *name, TdValue *cache)) \
  X(td_raise_name_error, "v:TP", void, (TdThread * ts, const char *name))    \
  X(td_raise_unbound_local, "v:TP", void, (TdThread * ts, const char *name)) \
  X(td_raise_unbound_free, "v:TP", void, (TdThread * ts, const char *name))  \
  /* the REPL: an expression statement's value is echoed as repr() on      \
     sys.stdout unless it is None, and then kept in `_`, whose global slot  \
     is `underscore` (sys.displayhook); -1 on error */                        \
  X(td_display, "I:TVP", int32_t, (TdThread * ts, TdValue v, TdValue *underscore)) \
  /* safepoints */                                                             \
  X(td_recursion_check, "I:T", int32_t, (TdThread * ts))                       \
  X(td_eval_break, "I:T", int32_t, (TdThread * ts))                            \
  /* async: `await v` (a coroutine, a future, or an object with __await__); \
     `async for`: aiter(v), then each await anext(it), TD_DONE at the end   \
     (StopAsyncIteration) */                                                  \
  X(td_await, "V:TV", TdValue, (TdThread * ts, TdValue v))                    \
  /* `with` / `async with`: checks that the manager's type has __enter__ and \
     __exit__ (__aenter__ / __aexit__ when async is nonzero), then calls     \
     __enter__ (for async, returns what __aenter__ returned, unawaited) */   \
  X(td_with_enter, "V:TVI", TdValue, (TdThread * ts, TdValue mgr, int32_t async)) \
  X(td_aiter, "V:TV", TdValue, (TdThread * ts, TdValue v))                    \
  X(td_anext, "V:TV", TdValue, (TdThread * ts, TdValue it))                   \
  /* generators (TdGenHead above): the frame's memory; the generator object \
     (takes a reference to fn); at each resume, the sent value (new ref) or \
     0 with the exception thrown in (throw, close) raised; the end of the   \
     body (retval: the return value, stolen, or 0 after an error) */        \
  X(td_gen_frame_alloc, "P:L", void *, (int64_t size))                        \
  X(td_gen_frame_free, "v:P", void, (void *frame))                            \
  X(td_gen_new, "V:TPPP", TdValue, (TdThread * ts, TdFunction *fn, void *frame, TdGenDriveFn drive)) \
  X(td_gen_resumed, "V:TV", TdValue, (TdThread * ts, TdValue gen))            \
  X(td_gen_finish, "v:VV", void, (TdValue gen, TdValue retval))               \
  /* `yield from x`: iter(x), then steps: 0 with *out the value to yield,   \
     1 with *out the result of the expression, -1 on error.  A step after   \
     the first forwards what the generator was resumed with (send, throw,   \
     close) to the sub-iterator */                                            \
  X(td_yield_from_iter, "V:TV", TdValue, (TdThread * ts, TdValue v))          \
  X(td_yield_from_step, "I:TVVPI", int32_t, (TdThread * ts, TdValue gen, TdValue sub, TdValue *out, int32_t first)) \
  /* exceptions */                                                             \
  /* cols: (first column << 16) | end column, 0-based byte offsets within   \
     `line`, as CPython 3.11 uses them for its ~~~^^^ markers; end column   \
     0xFFFF when the expression spans lines (no markers then) */              \
  X(td_traceback_add, "v:TPII", void, (TdThread * ts, const TdCodeInfo *code, int32_t line, int32_t cols)) \
  X(td_raise, "v:TVV", void, (TdThread * ts, TdValue exc, TdValue cause))     \
  X(td_reraise, "v:T", void, (TdThread * ts))                                  \
  X(td_err_fetch, "V:T", TdValue, (TdThread * ts))                             \
  X(td_err_restore, "v:TV", void, (TdThread * ts, TdValue exc))              \
  X(td_exc_matches, "I:TVV", int32_t, (TdThread * ts, TdValue exc, TdValue type)) \
  X(td_except_enter, "v:TV", void, (TdThread * ts, TdValue exc))              \
  X(td_except_exit, "v:T", void, (TdThread * ts))                              \
  X(td_assert_fail, "v:TV", void, (TdThread * ts, TdValue msg))

/* Data the generated code refers to by address. */
#define TD_ABI_DATA(X)                                                         \
  X(td_None, TdObject)                                                         \
  X(td_True, TdObject)                                                         \
  X(td_False, TdObject)                                                        \
  X(td_NotImplemented, TdObject)                                               \
  X(td_Ellipsis, TdObject)                                                     \
  X(td_type_function, TdType)                                                  \
  X(td_type_range, TdType)

#define X(name, sig, ret, params) ret name params;
TD_ABI_FUNCTIONS(X)
#undef X

#define X(name, type) extern type name;
TD_ABI_DATA(X)
#undef X

/* ------------------------------------------------------------------------
 * Host API: used by the driver (JIT) and by a built executable's main, not
 * by generated code.
 * ------------------------------------------------------------------------ */

/* The generated module's entry: runs the module body; None or 0 on error. */
typedef TdValue (*TdModuleFn)(TdThread *ts);

/* Sets up the runtime for this process and the main thread's state.
 * argv becomes sys.argv. */
TdThread *td_runtime_init(int argc, const char *const *argv);

/* Makes `source` available to tracebacks for `filename` (the JIT registers
 * the text it compiled; a built executable embeds it). */
void td_register_source(const char *filename, const char *source, int64_t n);

/* Runs a module body and turns its outcome into an exit status exactly as
 * python3 does: 0, or 1 after printing the traceback of an uncaught
 * exception, or the SystemExit code.  Flushes sys.stdout/sys.stderr. */
int td_run_main(TdThread *ts, TdModuleFn module);

/* Tears down (flushes streams, waits for non-daemon threads later). */
void td_runtime_fini(TdThread *ts);

/* The REPL's event-loop half (runtime/src/repl.cpp; compiler/repl.cpp is
 * the console half).  As in `python -m asyncio`, td_repl_run runs one event
 * loop on the calling (main) thread for the whole session and reads on a
 * console thread of its own: console->read, called there without the GIL,
 * reads and compiles the next input; the loop runs it (as a task when it
 * awaits at top level), prints its traceback if it fails, and lets the
 * console read the next one.  SIGINT interrupts the running input with
 * KeyboardInterrupt, or calls console->interrupt (on the main thread) while
 * the user is typing. */
typedef struct TdReplInput {
  TdModuleFn entry; /* the input's module body; NULL: end of input (exit) */
  int32_t awaits;   /* it awaits at top level: run it as a task */
} TdReplInput;
typedef struct TdReplConsole {
  void *ctx;
  TdReplInput (*read)(void *ctx);
  void (*interrupt)(void *ctx); /* must only wake the console thread */
} TdReplConsole;
/* The exit status: 0 at end of input, or the code of a SystemExit. */
int td_repl_run(TdThread *ts, const TdReplConsole *console);

/* Name → address for every entry in the two tables, for the JIT. */
typedef struct TdAbiSymbol {
  const char *name;
  void *address;
} TdAbiSymbol;
const TdAbiSymbol *td_abi_symbols(size_t *count);

#ifdef __cplusplus
}
#endif

#endif /* TIDE_ABI_H */
