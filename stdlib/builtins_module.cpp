// builtins_module.cpp — `import builtins`: the module whose dict is the
// runtime's builtins dict itself (TdRuntime::builtins), so
// `builtins.TimeoutError is TimeoutError` and a name assigned on the module
// (`builtins.x = 1`) is visible wherever builtins are looked up, as in
// CPython.
#include "containers.h"
#include "runtime.h"

TdValue td_builtins_module_init(TdThread *ts) {
  TdRuntime *rt = ts->rt;
  TdRef mod(td_module_new(ts, "builtins"));
  if (!mod) return 0;
  auto *m = reinterpret_cast<TdModule *>(mod.get());
  // No "__name__" key in the shared dict: module globals fall back to the
  // builtins, and `__name__` must not read "builtins" there (the module
  // object answers builtins.__name__ by itself).
  td_decref(m->dict);
  m->dict = td_newref(rt->builtins);
  return mod.release();
}
