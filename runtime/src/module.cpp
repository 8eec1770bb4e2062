// module.cpp — module objects and `import` of built-in modules.
//
// A module is a name plus a dict of its globals; attribute access reads
// and writes that dict.  Built-in modules (sys now; math, time, asyncio
// later) register an init function with td_register_module; the first
// import runs it and caches the module in TdRuntime::modules, so every
// later import returns the same object, as in CPython.
#include <cstdio>

#include "containers.h"
#include "runtime.h"

namespace {

TdModule *M(TdValue v) { return reinterpret_cast<TdModule *>(v); }

void module_dealloc(TdObject *o) {
  td_decref(M(td_val(o))->name);
  td_decref(M(td_val(o))->dict);
  td_free_object(o);
}

TdValue module_repr(TdThread *ts, TdValue self) {
  std::string s = "<module '";
  s += td_str_view(M(self)->name);
  s += "' (built-in)>";
  return td_str_from(ts, s);
}

TdValue module_getattr(TdThread *ts, TdValue self, TdValue name) {
  TdValue v;
  int r = td_dict_find(ts, M(self)->dict, name, &v);
  if (r < 0) return 0;
  if (r) return td_newref(v);
  std::string_view n = td_str_view(name);
  if (n == "__dict__") return td_newref(M(self)->dict);
  if (n == "__name__") return td_newref(M(self)->name);
  if (n == "__class__") return td_newref(td_val(&td_type_module));
  std::string_view mn = td_str_view(M(self)->name);
  td_err_format(ts, &td_type_AttributeError, "module '%.*s' has no attribute '%.*s'", int(mn.size()),
                mn.data(), int(n.size()), n.data());
  return 0;
}

int module_setattr(TdThread *ts, TdValue self, TdValue name, TdValue v) {
  if (v) return td_dict_setitem(ts, M(self)->dict, name, v);
  int r = td_dict_delitem(ts, M(self)->dict, name);
  if (r < 0 && td_err_is(ts, &td_type_KeyError)) {
    td_err_clear(ts);
    std::string_view n = td_str_view(name), mn = td_str_view(M(self)->name);
    td_err_format(ts, &td_type_AttributeError, "module '%.*s' has no attribute '%.*s'",
                  int(mn.size()), mn.data(), int(n.size()), n.data());
  }
  return r;
}

int64_t module_hash(TdThread *, TdValue v) { return int64_t(v >> 4); }

} // namespace

TdType td_type_module = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "module",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = module_dealloc,
    .repr = module_repr,
    .hash = module_hash,
    .getattr = module_getattr,
    .setattr = module_setattr,
};

TdValue td_module_new(TdThread *ts, const char *name) {
  TdObject *o = td_alloc_object(&td_type_module, sizeof(TdModule));
  if (!o) return td_err_nomem(ts);
  TdModule *m = reinterpret_cast<TdModule *>(o);
  m->name = td_str_from(ts, name);
  m->dict = td_dict_new(ts);
  if (!m->name || !m->dict || td_dict_set_str(ts, m->dict, "__name__", m->name) < 0) {
    td_decref(td_val(o));
    return 0;
  }
  return td_val(o);
}

bool td_module_add_function(TdThread *ts, TdValue module, const char *name, TdVectorFn fn) {
  TdValue f = td_builtin_function_new(ts, name, fn, 0); // no self: avoids a module<->function cycle
  if (!f) return false;
  int r = td_dict_set_str(ts, M(module)->dict, name, f);
  td_decref(f);
  return r == 0;
}

void td_register_module(TdRuntime *rt, const char *name, TdModuleInit init) {
  rt->moduleInits[name] = init;
}

extern "C" TdValue td_import(TdThread *ts, const char *dottedName) {
  TdRuntime *rt = ts->rt;
  TdValue m = td_dict_get_str(ts, rt->modules, dottedName);
  if (m) return td_newref(m);
  if (td_err_occurred(ts)) return 0;
  auto it = rt->moduleInits.find(dottedName);
  if (it == rt->moduleInits.end()) {
    td_err_format(ts, &td_type_ModuleNotFoundError, "No module named '%s'", dottedName);
    return 0;
  }
  m = it->second(ts);
  if (!m) return 0;
  if (td_dict_set_str(ts, rt->modules, dottedName, m) < 0) {
    td_decref(m);
    return 0;
  }
  return m;
}

extern "C" TdValue td_import_from(TdThread *ts, TdValue module, TdValue name) {
  TdValue v = td_getattr(ts, module, name);
  if (v || !td_err_is(ts, &td_type_AttributeError)) return v;
  td_err_clear(ts);
  std::string_view n = td_str_view(name);
  std::string mn = "?";
  if (td_type_of(module) == &td_type_module) mn = td_str_view(M(module)->name);
  td_err_format(ts, &td_type_ImportError, "cannot import name '%.*s' from '%s' (unknown location)",
                int(n.size()), n.data(), mn.c_str());
  return 0;
}
