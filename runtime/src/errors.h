// errors.h — raising and inspecting exceptions from runtime C++ code.
//
// The exception being raised lives in TdThread::curexc (an exception
// instance).  A function that fails sets it and returns 0 (TdValue) or -1
// (int).  The builtin exception types below are static TdType objects with
// CPython's names and hierarchy; user subclasses arrive with classes.
#pragma once

#include <string>

#include "object.h"
#include "thread.h"

#define TD_EXCEPTION_TYPES(X)                                                   \
  X(BaseException, object)                                                      \
  X(SystemExit, BaseException)                                                  \
  X(KeyboardInterrupt, BaseException)                                           \
  X(GeneratorExit, BaseException)                                               \
  X(Exception, BaseException)                                                   \
  X(StopIteration, Exception)                                                   \
  X(StopAsyncIteration, Exception)                                              \
  X(ArithmeticError, Exception)                                                 \
  X(FloatingPointError, ArithmeticError)                                        \
  X(OverflowError, ArithmeticError)                                             \
  X(ZeroDivisionError, ArithmeticError)                                         \
  X(AssertionError, Exception)                                                  \
  X(AttributeError, Exception)                                                  \
  X(BufferError, Exception)                                                     \
  X(EOFError, Exception)                                                        \
  X(ImportError, Exception)                                                     \
  X(ModuleNotFoundError, ImportError)                                           \
  X(LookupError, Exception)                                                     \
  X(IndexError, LookupError)                                                    \
  X(KeyError, LookupError)                                                      \
  X(MemoryError, Exception)                                                     \
  X(NameError, Exception)                                                       \
  X(UnboundLocalError, NameError)                                               \
  X(OSError, Exception)                                                         \
  X(FileNotFoundError, OSError)                                                 \
  X(TimeoutError, OSError)                                                      \
  X(ReferenceError, Exception)                                                  \
  X(RuntimeError, Exception)                                                    \
  X(NotImplementedError, RuntimeError)                                          \
  X(RecursionError, RuntimeError)                                               \
  X(SyntaxError, Exception)                                                     \
  X(SystemError, Exception)                                                     \
  X(TypeError, Exception)                                                       \
  X(ValueError, Exception)                                                      \
  X(UnicodeError, ValueError)                                                   \
  X(UnicodeDecodeError, UnicodeError)                                           \
  X(UnicodeEncodeError, UnicodeError)                                           \
  X(Warning, Exception)                                                         \
  X(RuntimeWarning, Warning)                                                    \
  X(DeprecationWarning, Warning)

// asyncio's exceptions: not builtins (asyncio's module dict holds them), and
// tracebacks print them with their module (td_exception_module).
#define TD_ASYNCIO_EXCEPTION_TYPES(X)                                           \
  X(CancelledError, BaseException)                                              \
  X(InvalidStateError, Exception)                                               \
  X(QueueEmpty, Exception)                                                      \
  X(QueueFull, Exception)

#define TD_ALL_EXCEPTION_TYPES(X) TD_EXCEPTION_TYPES(X) TD_ASYNCIO_EXCEPTION_TYPES(X)

#define X(name, base) extern "C" TdType td_type_##name;
TD_ALL_EXCEPTION_TYPES(X)
#undef X

// An exception instance.
struct TdException {
  TdObject ob;
  TdValue args;        // tuple
  TdValue traceback;   // runtime-private list of frames (0: none yet)
  TdValue cause;       // __cause__ or 0
  TdValue context;     // __context__ or 0
  bool suppressContext;
  TdValue dict;        // instance attributes (user subclasses), 0 until used
};

// BaseExceptionGroup(BaseException) and ExceptionGroup(BaseExceptionGroup,
// Exception) (PEP 654).  A builtin type has a single base: ExceptionGroup's
// is Exception (so `except Exception` catches it, as the common case needs),
// and td_is_subtype supplies the ExceptionGroup -> BaseExceptionGroup
// relation.  Instances carry the message and the exceptions as a tuple;
// args stays what the constructor got ((msg, excs) as passed).
extern "C" TdType td_type_BaseExceptionGroup;
extern "C" TdType td_type_ExceptionGroup;

struct TdExceptionGroup {
  TdException exc;
  TdValue message;     // str
  TdValue exceptions;  // non-empty tuple of exception instances
};

inline bool td_is_exception_group(TdValue v) {
  return v && !td_is_small(v) && td_is_subtype(td_obj(v)->type, &td_type_BaseExceptionGroup);
}

// "asyncio.exceptions." for asyncio's exception types, else "".
const char *td_exception_module(const TdType *t);

// Raise `type(msg)`.
void td_err_set(TdThread *ts, TdType *type, std::string_view msg);
// printf-style message.
void td_err_format(TdThread *ts, TdType *type, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
// Raise an existing exception instance (borrowed).
void td_err_set_value(TdThread *ts, TdValue exc);
bool td_err_occurred(TdThread *ts);
void td_err_clear(TdThread *ts);
// True if the pending exception is an instance of `type`.
bool td_err_is(TdThread *ts, TdType *type);
// MemoryError, for allocation failures.
TdValue td_err_nomem(TdThread *ts);
// KeyError(key) with the key as the argument (not a message).
void td_err_key(TdThread *ts, TdValue key);

// CPython-style traceback text of `exc` with its cause/context chain (unless
// `chain` is false), as printed for an uncaught exception.
std::string td_format_exception(TdThread *ts, TdValue exc, bool chain = true);

// An exception nobody can catch (a finalizer's, an atexit callback's), on
// sys.stderr as CPython's PyErr_WriteUnraisable prints it:
// "<what>: <repr(obj)>" and then the traceback.  Leaves no error pending.
void td_write_unraisable(TdThread *ts, TdValue exc, std::string_view what, TdValue obj);

// StopIteration's value: its first argument, or None (borrowed).
TdValue td_stop_iteration_value(TdValue exc);

// Runs fn with no exception pending, then puts the pending one back (code
// that must run while an error propagates: releasing a waiter, a
// finalizer).  Whatever fn leaves pending is dropped.
template <class F> void td_keeping_error(TdThread *ts, F fn) {
  TdValue exc = td_err_fetch(ts);
  fn();
  td_err_clear(ts);
  if (exc) {
    td_err_restore(ts, exc);
    td_decref(exc);
  }
}
