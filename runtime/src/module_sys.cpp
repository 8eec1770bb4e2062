// module_sys.cpp — the `sys` module and the standard streams.
//
// sys.stdout and sys.stderr are stream objects of our own (type
// TextIOWrapper, like CPython's) with write() and flush().  sys.stdout
// buffers in TdRuntime::stdoutBuffer and writes to fd 1 when the buffer
// passes 64 KiB, at each newline when stdout is a terminal, on flush(),
// before input() and at exit: a print-heavy program makes few system
// calls, as under python3.  sys.stderr writes through at once (CPython's
// stderr is line buffered; we write whole calls, which is at least as
// prompt).  print() reads sys.stdout from the module each time, so a
// program may replace it with any object that has write().
#include <unistd.h>

#include <cstdio>

#include "containers.h"
#include "runtime.h"
#include "values.h"

extern "C" TdType td_type_stream;

namespace {

constexpr size_t kStdoutFlushBytes = 64 * 1024;

struct TdStream {
  TdObject ob;
  int fd; // 1 or 2
};


bool is_stream(TdValue v) { return !td_is_small(v) && td_obj(v)->type == &td_type_stream; }

void write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w <= 0) return; // nothing sensible to do: like CPython at exit, drop it
    p += w;
    n -= size_t(w);
  }
}

TdValue stream_write(TdThread *ts, TdValue self, const TdValue *args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "write", kw) || !td_check_nargs(ts, "write", nargs, 1, 1)) return 0;
  if (!td_is_str(args[0])) {
    td_err_format(ts, &td_type_TypeError, "write() argument must be str, not %s", td_type_name(args[0]));
    return 0;
  }
  if (!td_stream_write(ts, self, td_str_view(args[0]))) return 0;
  return td_int_from_i64(ts, td_as_str(args[0])->length);
}

TdValue stream_flush(TdThread *ts, TdValue self, const TdValue *, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "flush", kw) || !td_check_nargs(ts, "flush", nargs, 0, 0)) return 0;
  if (!td_stream_flush(ts, self)) return 0;
  return td_none();
}

TdValue stream_isatty(TdThread *, TdValue self, const TdValue *, int64_t, TdValue) {
  return td_bool(isatty(reinterpret_cast<TdStream *>(self)->fd));
}

TdValue stream_fileno(TdThread *, TdValue self, const TdValue *, int64_t, TdValue) {
  return td_small(reinterpret_cast<TdStream *>(self)->fd);
}

const TdMethodDef stream_methods[] = {
    {"write", stream_write},
    {"flush", stream_flush},
    {"isatty", stream_isatty},
    {"fileno", stream_fileno},
    {nullptr, nullptr},
};

TdValue stream_repr(TdThread *ts, TdValue self) {
  int fd = reinterpret_cast<TdStream *>(self)->fd;
  return td_str_from(ts, std::string("<_io.TextIOWrapper name='<") + (fd == 1 ? "stdout" : "stderr") +
                             ">' mode='w' encoding='utf-8'>");
}

int64_t stream_hash(TdThread *, TdValue v) { return int64_t(v >> 4); }

} // namespace

TdType td_type_stream = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "TextIOWrapper",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = td_free_object,
    .repr = stream_repr,
    .hash = stream_hash,
    .methods = stream_methods,
};

void td_stdout_flush(TdRuntime *rt) {
  if (rt->stdoutBuffer.empty()) return;
  write_all(1, rt->stdoutBuffer.data(), rt->stdoutBuffer.size());
  rt->stdoutBuffer.clear();
}

bool td_stream_write(TdThread *ts, TdValue stream, std::string_view text) {
  if (is_stream(stream)) {
    TdRuntime *rt = ts->rt;
    if (reinterpret_cast<TdStream *>(stream)->fd == 2) {
      write_all(2, text.data(), text.size());
      return true;
    }
    rt->stdoutBuffer.append(text);
    if (rt->stdoutBuffer.size() >= kStdoutFlushBytes ||
        (rt->stdoutTty && text.find('\n') != std::string_view::npos))
      td_stdout_flush(rt);
    return true;
  }
  TdRef s(td_str_from(ts, text));
  TdRef name(td_str_from(ts, "write"));
  if (!s || !name) return false;
  TdValue arg = s.get();
  TdRef r(td_call_method(ts, stream, name.get(), &arg, 1, 0));
  return bool(r);
}

bool td_stream_flush(TdThread *ts, TdValue stream) {
  if (is_stream(stream)) {
    if (reinterpret_cast<TdStream *>(stream)->fd == 1) td_stdout_flush(ts->rt);
    return true;
  }
  TdRef name(td_str_from(ts, "flush"));
  if (!name) return false;
  TdValue fn = td_getattr(ts, stream, name.get());
  if (!fn) {
    // An object with write() but no flush() is fine for print(flush=True)?
    // CPython calls flush() and fails; so do we.
    return false;
  }
  TdRef r(td_call0(ts, fn));
  td_decref(fn);
  return bool(r);
}

bool td_sys_streams_init(TdThread *ts) {
  TdRuntime *rt = ts->rt;
  for (int fd : {1, 2}) {
    TdObject *o = td_alloc_object(&td_type_stream, sizeof(TdStream));
    if (!o) {
      td_err_nomem(ts);
      return false;
    }
    reinterpret_cast<TdStream *>(o)->fd = fd;
    td_runtime_immortal(rt, td_val(o));
    (fd == 1 ? rt->sysStdout : rt->sysStderr) = td_val(o);
  }
  rt->stdoutTty = isatty(1);
  return true;
}

namespace {

TdValue sys_exit(TdThread *ts, TdValue, const TdValue *args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "exit", kw) || !td_check_nargs(ts, "exit", nargs, 0, 1)) return 0;
  TdRef exc(td_call(ts, td_val(&td_type_SystemExit), args, nargs, 0));
  if (exc) td_err_set_value(ts, exc.get());
  return 0;
}

TdValue sys_getrecursionlimit(TdThread *ts, TdValue, const TdValue *, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "getrecursionlimit", kw) ||
      !td_check_nargs(ts, "getrecursionlimit", nargs, 0, 0))
    return 0;
  return td_int_from_i64(ts, ts->head.recursion_limit);
}

TdValue sys_setrecursionlimit(TdThread *ts, TdValue, const TdValue *args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "setrecursionlimit", kw) ||
      !td_check_nargs(ts, "setrecursionlimit", nargs, 1, 1))
    return 0;
  if (td_is_float(args[0])) {
    td_err_set(ts, &td_type_TypeError, "'float' object cannot be interpreted as an integer");
    return 0;
  }
  int64_t n;
  if (!td_index(ts, args[0], &n)) return 0;
  if (n < 1) {
    td_err_set(ts, &td_type_ValueError, "recursion limit must be greater or equal than 1");
    return 0;
  }
  ts->head.recursion_limit = n;
  td_update_stack_limit(ts);
  return td_none();
}

TdValue sys_getswitchinterval(TdThread *ts, TdValue, const TdValue *, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "getswitchinterval", kw) ||
      !td_check_nargs(ts, "getswitchinterval", nargs, 0, 0))
    return 0;
  // CPython keeps whole microseconds: setswitchinterval(0.05) reads back
  // as 0.049999999999999996.
  return td_float_from(ts, 1e-6 * double(ts->rt->gil.intervalNs.load() / 1000));
}

// sys.setswitchinterval(seconds): how long a thread waits for the GIL
// before it asks the holder to drop it (gil.h).
TdValue sys_setswitchinterval(TdThread *ts, TdValue, const TdValue *args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "setswitchinterval", kw) ||
      !td_check_nargs(ts, "setswitchinterval", nargs, 1, 1))
    return 0;
  double d;
  if (!td_number_to_double(ts, args[0], &d)) {
    td_err_clear(ts);
    td_err_format(ts, &td_type_TypeError, "must be real number, not %s", td_type_name(args[0]));
    return 0;
  }
  if (!(d > 0)) {
    td_err_set(ts, &td_type_ValueError, "switch interval must be strictly positive");
    return 0;
  }
  int64_t us = int64_t(1e6 * d);
  ts->rt->gil.intervalNs.store((us < 1 ? 1 : us) * 1000);
  return td_none();
}

// The exception being handled by this thread (its innermost except block:
// TdThread::handled, which a task swaps in and out), or 0.
TdValue handled_exception(TdThread *ts) {
  TdValue e = ts->handled.empty() ? 0 : ts->handled.back();
  return (e && !td_is_none(e)) ? e : 0;
}

// sys.exc_info(): (type, value, traceback).  tide has no traceback objects
// (e.__traceback__ is None), so the third item is None.
TdValue sys_exc_info(TdThread *ts, TdValue, const TdValue *, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "exc_info", kw) || !td_check_nargs(ts, "exc_info", nargs, 0, 0)) return 0;
  TdValue e = handled_exception(ts);
  if (!e) return td_tuple_pack(ts, {td_none(), td_none(), td_none()});
  return td_tuple_pack(ts, {td_val(td_type_of(e)), e, td_none()});
}

// sys.exception() (new in 3.11): the exception being handled, or None.
TdValue sys_exception(TdThread *ts, TdValue, const TdValue *, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "exception", kw) || !td_check_nargs(ts, "exception", nargs, 0, 0)) return 0;
  TdValue e = handled_exception(ts);
  return td_newref(e ? e : td_none());
}

bool set(TdThread *ts, TdValue d, const char *name, TdValue v /* stolen */) {
  if (!v) return false;
  int r = td_dict_set_str(ts, d, name, v);
  td_decref(v);
  return r == 0;
}

} // namespace

TdValue td_sys_module_init(TdThread *ts) {
  TdRuntime *rt = ts->rt;
  TdRef mod(td_module_new(ts, "sys"));
  if (!mod) return 0;
  TdValue d = reinterpret_cast<TdModule *>(mod.get())->dict;
  TdValue argv = td_list_new(ts, int64_t(rt->argv.size()));
  if (!argv) return 0;
  for (const std::string &a : rt->argv) {
    TdValue s = td_str_from(ts, a);
    if (!s || td_list_append_steal(ts, argv, s) < 0) {
      td_decref(argv);
      return 0;
    }
  }
  if (!set(ts, d, "argv", argv)) return 0;
  if (!set(ts, d, "stdout", td_newref(rt->sysStdout)) || !set(ts, d, "stderr", td_newref(rt->sysStderr)) ||
      !set(ts, d, "__stdout__", td_newref(rt->sysStdout)) ||
      !set(ts, d, "__stderr__", td_newref(rt->sysStderr)))
    return 0;
  if (!set(ts, d, "maxsize", td_int_from_i64(ts, INT64_MAX))) return 0;
  if (!set(ts, d, "platform", td_str_from(ts, "linux"))) return 0;
  if (!set(ts, d, "byteorder", td_str_from(ts, "little"))) return 0;
  if (!set(ts, d, "version", td_str_from(ts, "3.11.0 (tide)"))) return 0;
  {
    TdRef three(td_small(3)), eleven(td_small(11)), zero(td_small(0));
    TdRef fin(td_str_from(ts, "final"));
    if (!fin) return 0;
    if (!set(ts, d, "version_info", td_tuple_pack(ts, {td_small(3), td_small(11), td_small(0), fin.get(), td_small(0)})))
      return 0;
  }
  if (!td_module_add_function(ts, mod.get(), "exit", sys_exit) ||
      !td_module_add_function(ts, mod.get(), "getrecursionlimit", sys_getrecursionlimit) ||
      !td_module_add_function(ts, mod.get(), "setrecursionlimit", sys_setrecursionlimit) ||
      !td_module_add_function(ts, mod.get(), "getswitchinterval", sys_getswitchinterval) ||
      !td_module_add_function(ts, mod.get(), "setswitchinterval", sys_setswitchinterval) ||
      !td_module_add_function(ts, mod.get(), "exc_info", sys_exc_info) ||
      !td_module_add_function(ts, mod.get(), "exception", sys_exception))
    return 0;
  return mod.release();
}
