// runtime.h — the process-wide runtime state (private to runtime/).
//
// TdRuntime holds what every thread shares: the builtins dict, the table of
// built-in modules and the modules imported so far, the source texts that
// tracebacks quote, sys.argv and the buffer behind sys.stdout.  It is
// created by td_runtime_init and reached through TdThread::rt; nothing in
// the runtime keeps it in a global variable.
#pragma once

#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "containers.h"
#include "gil.h"

// Special method names the runtime looks up on hot paths (with, await,
// async for), made once at start-up: td_name(ts, TD_NAME___enter__).
#define TD_RUNTIME_NAMES(X) X(__enter__) X(__exit__) X(__aenter__) X(__aexit__) \
  X(__aiter__) X(__anext__) X(__await__)
enum TdNameId {
#define X(n) TD_NAME_##n,
  TD_RUNTIME_NAMES(X)
#undef X
  TD_NAME_COUNT
};

// Builds a built-in module on its first import.  Returns a new reference.
using TdModuleInit = TdValue (*)(TdThread *ts);

struct TdRuntime {
  TdValue builtins = 0;        // dict name → value (immortal values)
  TdValue modules = 0;         // dict name → module imported so far
  std::map<std::string, TdModuleInit> moduleInits; // built-in modules by name
  std::map<std::string, std::string> sources;      // filename → source text
  std::vector<std::string> argv;
  std::string stdoutBuffer;    // sys.stdout's pending text (flushed by
                               // td_stdout_flush, at newlines on a tty)
  bool stdoutTty = false;
  TdValue sysStdout = 0;       // the stream objects sys.stdout / sys.stderr
  TdValue sysStderr = 0;       // start as (immortal)
  std::vector<TdValue> reprStack; // containers whose repr is in progress
  std::unique_ptr<TdThread> mainThread;
  // The type attribute cache (class.cpp): what td_type_lookup found for a
  // (type, name) pair.  Changing any class's namespace bumps typeEpoch, which
  // invalidates every entry at once; class namespaces rarely change after
  // the class statement, so lookups on instances almost always hit.
  struct TypeCacheEntry {
    TdType *type = nullptr;
    TdValue name = 0; // a reference held by the cache
    uint64_t epoch = 0;
    TdValue v = 0;    // borrowed from owner's dict, valid while the epoch holds
    const TdMethodDef *method = nullptr;
    TdType *owner = nullptr;
    const char *wrapper = nullptr;
  };
  static constexpr size_t kTypeCacheSize = 4096;
  // calloc'd: 224 KiB of zero pages the kernel maps on first touch, rather
  // than a vector that writes every byte at start-up (a third of a built
  // hello world's instructions).  Entries are plain data.
  struct FreeCache {
    void operator()(TypeCacheEntry *p) const { std::free(p); }
  };
  std::unique_ptr<TypeCacheEntry[], FreeCache> typeCache{
      static_cast<TypeCacheEntry *>(std::calloc(kTypeCacheSize, sizeof(TypeCacheEntry)))};
  uint64_t typeEpoch = 1;
  // Immortal objects this runtime created (builtin functions, streams...),
  // freed by td_runtime_fini in creation order.
  std::vector<TdValue> immortals;
  int64_t taskCounter = 0; // asyncio's "Task-N" names, process-wide like CPython's
  TdValue atexitCallbacks = 0; // stdlib/atexit.cpp: list of (func, args, kwargs), or 0
  TdValue names[TD_NAME_COUNT] = {}; // TD_RUNTIME_NAMES as immortal strs
  TdGil gil;                // the global interpreter lock (gil.h)
  std::mutex threadsMu;     // guards the counts below (taken without the GIL)
  std::condition_variable threadsCv;
  int64_t threadCount = 1;      // thread states alive, the main one included
  int64_t nonDaemonThreads = 0; // started, not daemon, not yet ended
};

inline TdValue td_name(TdThread *ts, TdNameId id) { return ts->rt->names[id]; }

// Makes v immortal and records it so td_runtime_fini frees it.
void td_runtime_immortal(TdRuntime *rt, TdValue v);

// Registers a built-in module so `import name` finds it (later modules:
// math, time, asyncio...).  Call after td_runtime_init.
void td_register_module(TdRuntime *rt, const char *name, TdModuleInit init);

// module_sys.cpp
TdValue td_sys_module_init(TdThread *ts);
// stdlib/math.cpp, stdlib/random.cpp, stdlib/time.cpp
TdValue td_math_module_init(TdThread *ts);
TdValue td_random_module_init(TdThread *ts);
TdValue td_time_module_init(TdThread *ts);
// stdlib/asyncio/module.cpp
TdValue td_asyncio_module_init(TdThread *ts);
// stdlib/threading.cpp, stdlib/queue.cpp
TdValue td_threading_module_init(TdThread *ts);
TdValue td_queue_module_init(TdThread *ts);
void td_concurrent_register(TdRuntime *rt); // stdlib/concurrent_futures.cpp
// Executor workers asleep with no work queued (concurrent_futures.cpp): the
// loop's deadlock check does not count them as threads that could wake it.
int64_t td_cf_idle_workers();
// stdlib/os.cpp, stdlib/builtins_module.cpp, stdlib/functools.cpp,
// stdlib/contextvars.cpp, stdlib/atexit.cpp
TdValue td_os_module_init(TdThread *ts);
TdValue td_builtins_module_init(TdThread *ts);
TdValue td_functools_module_init(TdThread *ts);
TdValue td_contextvars_module_init(TdThread *ts);
TdValue td_atexit_module_init(TdThread *ts);
// Calls the atexit callbacks, last registered first (td_run_main, after the
// non-daemon threads have ended), reporting their exceptions.
void td_atexit_run(TdThread *ts);
// The end of a main program (td_run_main, the REPL): waits for the
// non-daemon threads, as CPython's threading._shutdown, then runs the atexit
// callbacks (Py_FinalizeEx's order), flushing sys.stdout after each.
void td_main_shutdown(TdThread *ts);
// sys.<name> as the program sees it now (the user may have replaced it);
// 0, with no error set, when sys or the attribute is gone.
TdValue td_sys_attr(TdThread *ts, const char *name);
// Creates the sys.stdout / sys.stderr stream objects (immortal).
bool td_sys_streams_init(TdThread *ts);
// Writes UTF-8 text to a stream object (fast path for our own streams,
// else calls stream.write(text)).  false on error.
bool td_stream_write(TdThread *ts, TdValue stream, std::string_view text);
bool td_stream_flush(TdThread *ts, TdValue stream);
// Writes sys.stdout's pending text to fd 1.
void td_stdout_flush(TdRuntime *rt);

// builtins.cpp: fills rt->builtins.
bool td_builtins_init(TdThread *ts);

// exceptions.cpp: the source line `line` (1-based) of `filename` as a
// traceback quotes it (indentation stripped); empty when unknown.
std::string td_source_line(TdThread *ts, const char *filename, int32_t line);
// The same line untouched (without its newline).
std::string td_raw_source_line(TdThread *ts, const char *filename, int32_t line);
// CPython 3.11's marker line ("    ~~^~~\n") for the columns `cols` (abi.h
// td_traceback_add) of `rawLine`; empty when none is printed.
std::string td_caret_line(const std::string &rawLine, int32_t cols);
