// runtime.cpp — process setup, the main entry, and the ABI symbol table.
//
// td_runtime_init creates the TdRuntime (builtins, modules, sources,
// sys.argv, the stdout buffer) and the main thread's TdThread, and works
// out the thread's stack limit for RecursionError.  td_run_main runs a
// module body and turns its outcome into python3's exit status.
// td_abi_symbols lists every entry point and datum of abi.h, generated
// from the same X-macros, for the JIT to bind names to addresses.
//
// Glossary
//   stack_limit  the lowest address a frame may occupy before we raise
//                RecursionError: the thread's stack base plus a safety
//                margin (256 KiB) left for the runtime's own frames, for
//                formatting the error and for the handlers that run.
//   depth        the count of tide frames active on the thread; generated
//                code increments it at entry and decrements it at exit.
//
// Rejected: a guard page plus a SIGSEGV handler on an alternate stack
// (recovering from a signal in the middle of arbitrary code is not sound).
#include <pthread.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstring>

#include "containers.h"
#include <algorithm>

#include "runtime.h"
#include "signals.h"
#include "values.h"

extern "C" void *__libc_stack_end; // glibc: the initial stack's top

namespace {

constexpr uintptr_t kStackMargin = 256 * 1024;

// The current thread's TdThread.  Thread-local rather than global: each OS
// thread that runs tide code has its own.
thread_local TdThread *tlsThread = nullptr;

// The main thread's lowest stack address.  glibc's pthread_getattr_np
// answers by parsing /proc/self/maps (a sixth of a built hello world's
// start-up); the stack's top (__libc_stack_end, just below argv and the
// environment) minus the stack rlimit is the same bound, slightly lower in
// memory only by the size of argv and the environment — so slightly safer.
uintptr_t main_stack_low() {
  struct rlimit rl;
  if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
      uintptr_t(__libc_stack_end) > rl.rlim_cur)
    return uintptr_t(__libc_stack_end) - rl.rlim_cur;
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) != 0) return 0;
  void *addr = nullptr;
  size_t size = 0;
  pthread_attr_getstack(&attr, &addr, &size);
  pthread_attr_destroy(&attr);
  return uintptr_t(addr);
}

uintptr_t compute_stack_limit() {
  uintptr_t low = main_stack_low();
  if (!low) return 0;
  // For the main thread glibc reports the rlimit size; the stack really
  // grows down to `low` only if the rlimit allows, which it does.
  uintptr_t here = uintptr_t(__builtin_frame_address(0));
  if (here < low || here - low < 2 * kStackMargin) return low;
  return low + kStackMargin;
}

// Static types whose header the values files left without a type (object
// was defined before `type` existed): point them at `type`.
void fix_type_headers() {
  TdType *all[] = {&td_type_object, &td_type_int, &td_type_bool, &td_type_float, &td_type_str,
                   &td_type_bytes, &td_type_NoneType, &td_type_NotImplementedType,
                   &td_type_ellipsis, &td_type_builtin_method, &td_type_str_iterator};
  for (TdType *t : all)
    if (!t->ob.type) t->ob.type = &td_type_type;
}

} // namespace

TdThread *td_thread_current() { return tlsThread; }
void td_thread_set_current(TdThread *ts) { tlsThread = ts; }

void td_runtime_immortal(TdRuntime *rt, TdValue v) {
  td_make_immortal(v);
  rt->immortals.push_back(v);
}

extern "C" TdThread *td_runtime_init(int argc, const char *const *argv) {
  td_heap_tune();
  fix_type_headers();
  auto *rt = new TdRuntime();
  rt->mainThread = std::make_unique<TdThread>();
  TdThread *ts = rt->mainThread.get();
  ts->rt = rt;
  ts->head.eval_breaker = 0;
  ts->stackBase = uintptr_t(__builtin_frame_address(0));
  ts->stackFloor = compute_stack_limit();
  ts->head.depth = 0;
  ts->head.recursion_limit = 1000;
  td_update_stack_limit(ts);
  tlsThread = ts;
  td_gil_acquire(ts); // the main thread runs holding the GIL
  for (int i = 0; i < argc; i++) rt->argv.emplace_back(argv[i]);

  const char *names[] = {
#define X(n) #n,
      TD_RUNTIME_NAMES(X)
#undef X
  };
  for (int i = 0; i < TD_NAME_COUNT; i++) {
    rt->names[i] = td_str_from(ts, names[i]);
    if (!rt->names[i]) return nullptr;
    td_runtime_immortal(rt, rt->names[i]);
  }
  rt->builtins = td_dict_new(ts);
  rt->modules = td_dict_new(ts);
  if (!rt->builtins || !rt->modules || !td_sys_streams_init(ts) || !td_builtins_init(ts)) {
    std::fprintf(stderr, "tide: failed to initialise the runtime\n");
    return nullptr;
  }
  td_register_module(rt, "sys", td_sys_module_init);
  td_register_module(rt, "math", td_math_module_init);
  td_register_module(rt, "random", td_random_module_init);
  td_register_module(rt, "time", td_time_module_init);
  td_register_module(rt, "asyncio", td_asyncio_module_init);
  td_register_module(rt, "threading", td_threading_module_init);
  td_register_module(rt, "queue", td_queue_module_init);
  td_concurrent_register(rt); // stdlib/concurrent_futures.cpp: concurrent, concurrent.futures
  td_signals_install(ts);     // SIGINT → KeyboardInterrupt on this thread (signals.h)
  td_register_module(rt, "os", td_os_module_init);
  td_register_module(rt, "builtins", td_builtins_module_init);
  td_register_module(rt, "functools", td_functools_module_init);
  td_register_module(rt, "contextvars", td_contextvars_module_init);
  td_register_module(rt, "atexit", td_atexit_module_init);
  // sys exists from the start: print() reads sys.stdout.
  TdValue sys = td_import(ts, "sys");
  if (!sys) {
    std::fprintf(stderr, "tide: failed to initialise the sys module\n");
    return nullptr;
  }
  td_decref(sys);
  return ts;
}

extern "C" void td_register_source(const char *filename, const char *source, int64_t n) {
  TdThread *ts = td_thread_current();
  if (!ts || !filename || !source) return;
  ts->rt->sources[filename] = std::string(source, size_t(n));
}

// The exit status for the module's outcome r (0: the pending exception),
// printing the traceback of an uncaught exception as python3 does;
// kStatusSigint after an uncaught KeyboardInterrupt.
int td_main_status(TdThread *ts, TdValue r) {
  TdRuntime *rt = ts->rt;
  if (r) {
    td_decref(r);
    td_stdout_flush(rt);
    return 0;
  }
  TdValue exc = td_err_fetch(ts);
  td_stdout_flush(rt);
  int status = 1;
  if (td_isinstance(exc, &td_type_SystemExit)) {
    auto *e = reinterpret_cast<TdException *>(exc);
    TdTupleHead *args = td_as_tuple(e->args);
    TdValue code = args->size == 0 ? td_none() : args->size == 1 ? args->items[0] : e->args;
    int64_t n;
    if (td_is_none(code)) {
      status = 0;
    } else if (td_is_int(code) && td_int_to_i64(ts, code, &n)) {
      status = int(n);
    } else {
      td_err_clear(ts);
      std::string s;
      if (!td_str_to(ts, code, s)) td_err_clear(ts);
      s += '\n';
      td_stream_write(ts, rt->sysStderr, s);
      status = 1;
    }
  } else {
    std::string text = td_format_exception(ts, exc);
    td_stream_write(ts, rt->sysStderr, text);
    if (td_isinstance(exc, &td_type_KeyboardInterrupt)) status = kStatusSigint;
  }
  td_decref(exc);
  td_stdout_flush(rt);
  return status;
}

void td_main_shutdown(TdThread *ts) {
  TdRuntime *rt = ts->rt;
  bool others;
  {
    std::lock_guard<std::mutex> lk(rt->threadsMu);
    others = rt->nonDaemonThreads > 0;
  }
  if (others) {
    td_wait_non_daemon_threads(ts);
    td_stdout_flush(rt);
  }
  if (rt->atexitCallbacks) {
    td_atexit_run(ts);
    td_stdout_flush(rt);
  }
}

extern "C" int td_run_main(TdThread *ts, TdModuleFn module) {
  int status = td_main_status(ts, module(ts));
  td_main_shutdown(ts);
  // An uncaught KeyboardInterrupt ends the process by SIGINT, as python3's.
  if (status == kStatusSigint) td_exit_by_sigint();
  return status;
}

extern "C" void td_runtime_fini(TdThread *ts) {
  if (!ts) return;
  TdRuntime *rt = ts->rt;
  td_stdout_flush(rt);
  td_err_clear(ts);
  for (TdValue v : ts->handled) td_decref(v);
  ts->handled.clear();
  td_decref(rt->atexitCallbacks);
  rt->atexitCallbacks = 0;
  td_decref(ts->context);
  ts->context = 0;
  // Modules may hold arbitrary user objects whose deallocs need the
  // thread: release them while it still exists.
  td_decref(rt->modules);
  rt->modules = 0;
  td_decref(rt->builtins);
  rt->builtins = 0;
  // Immortals last: containers released above may still point at them.
  td_type_dict.dict = 0;
  for (TdValue v : rt->immortals) {
    td_obj(v)->refcnt = 1;
    td_decref(v);
  }
  if (tlsThread == ts) tlsThread = nullptr;
  // Daemon threads may still be running (or waiting for the GIL): the
  // runtime they use must outlive them, so it is left to process exit.
  {
    std::lock_guard<std::mutex> lk(rt->threadsMu);
    if (rt->threadCount > 1) return;
  }
  td_gil_release(ts);
  delete rt; // owns the main thread's state
}

void td_update_stack_limit(TdThread *ts) {
  uintptr_t budget = uintptr_t(ts->head.recursion_limit) * kStackPerLevel;
  uintptr_t limit = ts->stackBase > budget ? ts->stackBase - budget : 0;
  // Atomic: another thread's td_request_safepoint may store to it meanwhile.
  __atomic_store_n(&ts->head.stack_limit, std::max(limit, ts->stackFloor), __ATOMIC_RELAXED);
}

extern "C" int32_t td_recursion_check(TdThread *ts) {
  // A GIL drop request also lands here: the requester sets stack_limit to
  // the top of memory, so every function entry takes this slow path until
  // the holder has answered (gil.cpp).  The entry check costs nothing extra.
  if (__atomic_load_n(&ts->head.eval_breaker, __ATOMIC_RELAXED) && td_eval_break(ts) < 0) return -1;
  // A request whose stack-limit store raced with the answer: just undo it.
  if (__atomic_load_n(&ts->head.stack_limit, __ATOMIC_RELAXED) == UINTPTR_MAX) td_update_stack_limit(ts);
  if (uintptr_t(__builtin_frame_address(0)) < ts->head.stack_limit) {
    td_err_set(ts, &td_type_RecursionError, "maximum recursion depth exceeded");
    return -1;
  }
  return 0;
}


extern "C" void td_raise_name_error(TdThread *ts, const char *name) {
  td_err_format(ts, &td_type_NameError, "name '%s' is not defined", name);
}

extern "C" void td_raise_unbound_local(TdThread *ts, const char *name) {
  td_err_format(ts, &td_type_UnboundLocalError,
                "cannot access local variable '%s' where it is not associated with a value", name);
}

extern "C" void td_raise_unbound_free(TdThread *ts, const char *name) {
  td_err_format(ts, &td_type_NameError,
                "cannot access free variable '%s' where it is not associated with a value in "
                "enclosing scope",
                name);
}

namespace {

#define X(name, sig, ret, params) {#name, reinterpret_cast<void *>(&name)},
#define D(name, type) {#name, reinterpret_cast<void *>(&name)},
const TdAbiSymbol kSymbols[] = {TD_ABI_FUNCTIONS(X) TD_ABI_DATA(D)};
#undef X
#undef D

} // namespace

extern "C" const TdAbiSymbol *td_abi_symbols(size_t *count) {
  *count = sizeof(kSymbols) / sizeof(kSymbols[0]);
  return kSymbols;
}
