// coroutine.cpp — coroutine objects and the `await` protocol (loop.h).
//
// Calling an `async def` binds its arguments exactly as a plain call would
// (so a wrong call fails at the call, as in CPython) and returns a
// coroutine holding the function and the bound parameter array.  `await
// coro` then runs the body on the current fiber as a plain call
// (td_coro_run): no frame object, no generator state machine, because the
// fiber itself is what can suspend.  Codegen goes one step further for
// `await f(x)` on an async function: it calls the body directly and no
// coroutine object exists at all (TdFunction::awaitDirect, abi.h).
//
// A native coroutine is the same object for a C++ body (asyncio.sleep,
// Lock.acquire, Queue.get): awaiting it calls the C++ function on the
// task's fiber, where it may suspend through td_future_wait.
//
// A coroutine that is freed without ever having run prints CPython's
// "RuntimeWarning: coroutine '...' was never awaited" on stderr.
#include <cstdio>

#include "class.h"
#include "containers.h"
#include "errors.h"
#include "loop.h"
#include "runtime.h"

namespace {

TdCoroutine *CO(TdValue v) { return reinterpret_cast<TdCoroutine *>(v); }

void release_args(TdCoroutine *c) {
  for (int32_t i = 0; i < c->nargs; i++) {
    td_decref(c->args[i]);
    c->args[i] = 0;
  }
}

void coro_dealloc(TdObject *o) {
  TdCoroutine *c = CO(td_val(o));
  if (c->state == TdCoroutine::Created) {
    TdThread *ts = td_thread_current();
    if (ts) td_stdout_flush(ts->rt);
    std::fprintf(stderr,
                 "sys:1: RuntimeWarning: coroutine '%s' was never awaited\n"
                 "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n",
                 td_coro_name(td_val(o)));
    std::fflush(stderr);
  }
  release_args(c);
  if (c->fn) td_decref(td_val(c->fn));
  td_decref(c->self);
  td_free_object(o);
}

TdCoroutine *alloc_coro(TdThread *ts, int32_t nargs) {
  TdObject *o = td_alloc_object(&td_type_coroutine, sizeof(TdCoroutine) + sizeof(TdValue) * size_t(nargs));
  if (!o) {
    td_err_nomem(ts);
    return nullptr;
  }
  TdCoroutine *c = CO(td_val(o));
  c->state = TdCoroutine::Created;
  c->native = false;
  c->nargs = nargs;
  c->fn = nullptr;
  c->cfn = nullptr;
  c->cname = nullptr;
  c->self = 0;
  return c;
}

TdValue coro_repr(TdThread *ts, TdValue self) {
  char buf[64];
  std::snprintf(buf, sizeof buf, " at %p>", reinterpret_cast<void *>(self));
  return td_str_from(ts, std::string("<coroutine object ") + td_coro_name(self) + buf);
}

using Args = const TdValue *;

// coro.send(None): runs the coroutine; its return value arrives as
// StopIteration(value), as in CPython.  Only a coroutine that does not
// need to suspend outside a task can be driven this way.
TdValue coro_send(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "send", kw) || !td_check_nargs(ts, "send", nargs, 1, 1)) return 0;
  if (!td_is_none(args[0]) && CO(self)->state == TdCoroutine::Created) {
    td_err_set(ts, &td_type_TypeError, "can't send non-None value to a just-started coroutine");
    return 0;
  }
  TdValue r = td_coro_run(ts, self);
  if (!r) return 0;
  TdValue stop = td_call(ts, td_val(&td_type_StopIteration), &r, 1, 0);
  td_decref(r);
  if (!stop) return 0;
  td_err_set_value(ts, stop);
  td_decref(stop);
  return 0;
}

TdValue coro_close(TdThread *, TdValue self, Args, int64_t, TdValue) {
  TdCoroutine *c = CO(self);
  if (c->state == TdCoroutine::Created) {
    c->state = TdCoroutine::Done;
    release_args(c);
  }
  return td_none();
}

TdValue coro_await(TdThread *, TdValue self, Args, int64_t, TdValue) { return td_newref(self); }

const TdMethodDef kCoroMethods[] = {
    {"send", coro_send},
    {"close", coro_close},
    {"__await__", coro_await},
    {nullptr, nullptr},
};

// Looks `name` up on v's type and calls it with v: 0 with an error set,
// TD_DONE (no error) when the type has no such attribute.
TdValue call_special(TdThread *ts, TdValue v, TdNameId id) {
  TdValue name = td_name(ts, id);
  TdLookup lk;
  if (!td_type_lookup(ts, td_type_of(v), name, &lk)) return 0;
  if (!lk.v && !lk.method && !lk.wrapper) return TD_DONE;
  return td_call_method(ts, v, name, nullptr, 0, 0);
}

} // namespace

TdType td_type_coroutine = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "coroutine",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = coro_dealloc,
    .repr = coro_repr,
    .hash = td_object_hash,
    .richcompare = td_object_richcompare,
    .methods = kCoroMethods,
};

bool td_require_coroutine(TdThread *ts, TdValue v, TdType *errType) {
  if (td_is_coroutine(v)) return true;
  std::string r;
  if (!td_repr_to(ts, v, r)) return false;
  td_err_format(ts, errType, "a coroutine was expected, got %s", r.c_str());
  return false;
}

const char *td_coro_name(TdValue coro) {
  TdCoroutine *c = CO(coro);
  if (c->native) return c->cname;
  return c->fn && c->fn->code->qualname ? c->fn->code->qualname : "?";
}

// The `body` of every async function object: the bound parameters become a
// coroutine (TdBodyFn signature, abi.h).
extern "C" TdValue td_coro_from_args(TdThread *ts, TdFunction *fn, const TdValue *args) {
  int32_t n = fn->code->nparams;
  TdCoroutine *c = alloc_coro(ts, n);
  if (!c) return 0;
  for (int32_t i = 0; i < n; i++) c->args[i] = td_newref(args[i]);
  c->fn = fn;
  td_incref(td_val(fn));
  return td_val(c);
}

TdValue td_native_coro_new(TdThread *ts, const char *name, TdNativeCoroFn fn, TdValue self,
                           const TdValue *args, int32_t nargs) {
  TdCoroutine *c = alloc_coro(ts, nargs);
  if (!c) return 0;
  c->native = true;
  c->cfn = fn;
  c->cname = name;
  c->self = td_newref(self);
  for (int32_t i = 0; i < nargs; i++) c->args[i] = td_newref(args[i]);
  return td_val(c);
}

TdValue td_coro_run(TdThread *ts, TdValue coro) {
  TdCoroutine *c = CO(coro);
  if (c->state != TdCoroutine::Created) {
    td_err_set(ts, &td_type_RuntimeError, c->state == TdCoroutine::Running
                                               ? "coroutine is being awaited already"
                                               : "cannot reuse already awaited coroutine");
    return 0;
  }
  c->state = TdCoroutine::Running;
  td_incref(coro); // alive while it runs, whoever drops it
  TdValue r = c->native ? c->cfn(ts, c->self, c->args) : c->fn->code->body(ts, c->fn, c->args);
  c->state = TdCoroutine::Done;
  release_args(c);
  td_decref(coro);
  return r;
}

// ---------------------------------------------------------------------------
// The ABI: await, async for
// ---------------------------------------------------------------------------

extern "C" TdValue td_await(TdThread *ts, TdValue v) {
  if (td_is_coroutine(v)) return td_coro_run(ts, v);
  if (td_is_future(v)) return td_future_wait(ts, v);
  TdValue it = td_is_small(v) ? TD_DONE : call_special(ts, v, TD_NAME___await__);
  if (!it) return 0;
  if (it == TD_DONE) {
    td_err_format(ts, &td_type_TypeError, "object %s can't be used in 'await' expression",
                  td_type_name(v));
    return 0;
  }
  TdRef hold(it);
  if (td_is_coroutine(it)) return td_coro_run(ts, it);
  if (td_is_future(it)) return td_future_wait(ts, it);
  td_err_format(ts, &td_type_TypeError, "__await__() returned non-iterator of type '%s'",
                td_type_name(it));
  return 0;
}

extern "C" TdValue td_with_enter(TdThread *ts, TdValue mgr, int32_t async) {
  TdValue enter = td_name(ts, async ? TD_NAME___aenter__ : TD_NAME___enter__);
  TdValue exit = td_name(ts, async ? TD_NAME___aexit__ : TD_NAME___exit__);
  const char *proto = async ? "asynchronous context manager" : "context manager";
  for (TdValue name : {enter, exit}) {
    TdLookup lk;
    if (!td_type_lookup(ts, td_type_of(mgr), name, &lk)) return 0;
    if (lk.v || lk.method || lk.wrapper) continue;
    if (name == enter)
      td_err_format(ts, &td_type_TypeError, "'%s' object does not support the %s protocol",
                    td_type_name(mgr), proto);
    else
      td_err_format(ts, &td_type_TypeError,
                    "'%s' object does not support the %s protocol (missed %s method)",
                    td_type_name(mgr), proto, td_str_view(exit).data());
    return 0;
  }
  return td_call_method(ts, mgr, enter, nullptr, 0, 0);
}

extern "C" TdValue td_aiter(TdThread *ts, TdValue v) {
  TdValue it = td_is_small(v) ? TD_DONE : call_special(ts, v, TD_NAME___aiter__);
  if (it == TD_DONE) {
    td_err_format(ts, &td_type_TypeError,
                  "'async for' requires an object with __aiter__ method, got %s", td_type_name(v));
    return 0;
  }
  return it;
}

extern "C" TdValue td_anext(TdThread *ts, TdValue ait) {
  TdValue aw = td_is_small(ait) ? TD_DONE : call_special(ts, ait, TD_NAME___anext__);
  if (!aw) return 0;
  if (aw == TD_DONE) {
    td_err_format(ts, &td_type_TypeError,
                  "'async for' received an object from __aiter__ that does not implement "
                  "__anext__: %s",
                  td_type_name(ait));
    return 0;
  }
  TdValue r = td_await(ts, aw);
  td_decref(aw);
  if (!r && td_err_is(ts, &td_type_StopAsyncIteration)) {
    td_err_clear(ts);
    return TD_DONE;
  }
  return r;
}
