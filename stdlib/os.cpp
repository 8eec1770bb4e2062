// os.cpp — a small `os` module: what the threading and executor modules'
// users ask of it (os.cpu_count() to size a pool, os.getpid()), plus the
// constant path names.  Files, the environment and processes are not here
// yet.
//
// cpu_count() is CPython's on Linux: sysconf(_SC_NPROCESSORS_ONLN), the
// processors online (not the affinity mask), None if unknown.
#include <unistd.h>

#include "containers.h"
#include "runtime.h"

namespace {

TdValue os_cpu_count(TdThread *ts, TdValue, const TdValue *, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "cpu_count", kw) || !td_check_nargs(ts, "cpu_count", nargs, 0, 0)) return 0;
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? td_none() : td_small(n);
}

TdValue os_getpid(TdThread *ts, TdValue, const TdValue *, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "getpid", kw) || !td_check_nargs(ts, "getpid", nargs, 0, 0)) return 0;
  return td_small(getpid());
}

} // namespace

TdValue td_os_module_init(TdThread *ts) {
  TdRef mod(td_module_new(ts, "os"));
  if (!mod) return 0;
  TdValue d = reinterpret_cast<TdModule *>(mod.get())->dict;
  struct Str {
    const char *name, *value;
  };
  static const Str kStrings[] = {{"name", "posix"}, {"sep", "/"},     {"linesep", "\n"},
                                 {"curdir", "."},   {"pardir", ".."}, {"pathsep", ":"}};
  for (const Str &s : kStrings) {
    TdRef v(td_str_from(ts, s.value));
    if (!v || td_dict_set_str(ts, d, s.name, v.get()) < 0) return 0;
  }
  if (!td_module_add_function(ts, mod.get(), "cpu_count", os_cpu_count) ||
      !td_module_add_function(ts, mod.get(), "getpid", os_getpid))
    return 0;
  return mod.release();
}
