// sync.cpp — asyncio's synchronisation primitives: Lock, Event, Condition,
// Semaphore, BoundedSemaphore, with CPython 3.11's behaviour (the 3.11.7
// asyncio/locks.py that python3 runs): the same fast paths, messages and
// wake-up order, so that scripts print in the same order.
//
// How waiting works.  A task that must block appends a fresh future to the
// primitive's waiter ring and awaits it (td_asyncio_wait_on): the C++ body
// of the awaited method runs on the task's fiber and simply suspends.  The
// side that frees the resource completes the first waiter's future, which
// schedules that task's wakeup through the loop, exactly as CPython's
// fut.set_result does.  A waiter whose task was cancelled stays in the ring
// until its own task runs and removes it; meanwhile the waking code skips
// futures that are already done, as CPython does.
//
// Every awaitable method (acquire, wait, wait_for, __aenter__, __aexit__)
// returns a native coroutine named like CPython's ("Lock.acquire").
#include <cstdio>
#include <cstdlib>

#include "asyncio.h"

// ---------------------------------------------------------------------------
// TdRing and the helpers shared with queues.cpp (asyncio.h)
// ---------------------------------------------------------------------------

bool TdRing::push_back(TdValue v) {
  if (n == cap) {
    size_t ncap = cap ? cap * 2 : 8;
    auto *nb = static_cast<TdValue *>(std::malloc(ncap * sizeof(TdValue)));
    if (!nb) {
      td_decref(v);
      return false;
    }
    for (size_t i = 0; i < n; i++) nb[i] = (*this)[i];
    std::free(buf);
    buf = nb;
    cap = ncap;
    head = 0;
  }
  buf[(head + n) & (cap - 1)] = v;
  n++;
  return true;
}

// Gives memory back once a large ring is mostly empty.
void TdRing::shrink() {
  size_t ncap = cap / 2;
  auto *nb = static_cast<TdValue *>(std::malloc(ncap * sizeof(TdValue)));
  if (!nb) return;
  for (size_t i = 0; i < n; i++) nb[i] = (*this)[i];
  std::free(buf);
  buf = nb;
  cap = ncap;
  head = 0;
}

TdValue TdRing::pop_front() {
  TdValue v = buf[head];
  head = (head + 1) & (cap - 1);
  n--;
  if (cap > 1024 && n < cap / 4) shrink();
  return v;
}

TdValue TdRing::pop_back() {
  n--;
  TdValue v = buf[(head + n) & (cap - 1)];
  if (cap > 1024 && n < cap / 4) shrink();
  return v;
}

bool TdRing::remove(TdValue v) {
  for (size_t i = 0; i < n; i++) {
    if ((*this)[i] != v) continue;
    if (i == 0) {
      td_decref(pop_front());
      return true;
    }
    for (size_t j = i; j + 1 < n; j++) (*this)[j] = (*this)[j + 1];
    n--;
    td_decref(v);
    return true;
  }
  return false;
}

void TdRing::release() {
  // Values may run code when freed: detach the buffer first.
  TdValue *b = buf;
  size_t c = cap, h = head, k = n;
  init();
  for (size_t i = 0; i < k; i++) td_decref(b[(h + i) & (c - 1)]);
  std::free(b);
}

TdLoop *td_asyncio_bound_loop(TdThread *ts, TdValue self, TdLoop **bound) {
  TdLoop *L = td_require_loop(ts);
  if (!L) return nullptr;
  if (!*bound) {
    td_incref(td_val(L));
    *bound = L;
  }
  if (*bound != L) {
    std::string r;
    if (!td_repr_to(ts, self, r)) return nullptr;
    td_err_format(ts, &td_type_RuntimeError, "%s is bound to a different event loop", r.c_str());
    return nullptr;
  }
  return L;
}

TdValue td_asyncio_wait_on(TdThread *ts, TdLoop *loop, TdRing &waiters, TdValue *fut) {
  *fut = 0;
  TdValue f = td_future_new(ts, loop);
  if (!f) return 0;
  td_incref(f);
  if (!waiters.push_back(f)) {
    td_decref(f);
    return td_err_nomem(ts);
  }
  *fut = f;
  return td_future_wait(ts, f);
}

namespace {

using Args = const TdValue *;

extern TdType LockType, EventType, ConditionType, SemaphoreType, BoundedSemaphoreType;

// "<asyncio.locks.Lock object at 0x7f.. [locked, waiters:2]>"
TdValue locks_repr(TdThread *ts, TdValue self, const std::string &extra, const TdRing &waiters) {
  char buf[48];
  std::snprintf(buf, sizeof buf, " object at %p [", reinterpret_cast<void *>(self));
  std::string s = std::string("<asyncio.locks.") + td_obj(self)->type->name + buf + extra;
  if (!waiters.empty()) s += ", waiters:" + std::to_string(waiters.size());
  return td_str_from(ts, s + "]>");
}

bool no_args(TdThread *ts, const char *name, int64_t nargs, TdValue kw) {
  return td_no_kwargs(ts, name, kw) && td_check_nargs(ts, name, nargs, 0, 0);
}

// Runs fn with no exception pending, then puts the pending one back.
template <class F> void keeping_error(TdThread *ts, F fn) {
  TdValue exc = td_err_fetch(ts);
  fn();
  if (exc) {
    td_err_restore(ts, exc);
    td_decref(exc);
  }
}

// Completes a waiter's future (never fails: it is pending).
void wake(TdThread *ts, TdValue fut, TdValue v) { td_future_set_result(ts, fut, v); }

TdValue raise_cancelled(TdThread *ts) {
  TdValue e = td_cancelled_error_new(ts, 0);
  if (e) {
    td_err_set_value(ts, e);
    td_decref(e);
  }
  return 0;
}

// __aexit__(exc_type, exc, tb): three arguments, as CPython's mixin takes.
bool aexit_args(TdThread *ts, Args args, int64_t nargs, TdValue kw) {
  TdValue a[3];
  return td_parse_call(ts, "__aexit__", args, nargs, kw, {"exc_type", "exc", "tb"}, 3, a);
}

// ---------------------------------------------------------------------------
// Lock
// ---------------------------------------------------------------------------

struct LockObj {
  TdObject ob;
  bool locked;
  TdLoop *loop; // owned, 0 until bound
  TdRing waiters;
};

LockObj *LK(TdValue v) { return reinterpret_cast<LockObj *>(v); }

void lock_wake_up_first(TdThread *ts, LockObj *l) {
  if (l->waiters.empty()) return;
  TdValue fut = l->waiters[0];
  if (!td_future_done(fut)) wake(ts, fut, td_bool(true));
}

TdValue lock_acquire_body(TdThread *ts, TdValue self, Args) {
  LockObj *l = LK(self);
  if (!l->locked) {
    bool allCancelled = true;
    for (size_t i = 0; i < l->waiters.size() && allCancelled; i++)
      allCancelled = td_future(l->waiters[i])->state == TdFuture::Cancelled;
    if (allCancelled) {
      l->locked = true;
      return td_bool(true);
    }
  }
  TdLoop *L = td_asyncio_bound_loop(ts, self, &l->loop);
  if (!L) return 0;
  TdValue fut;
  TdValue r = td_asyncio_wait_on(ts, L, l->waiters, &fut);
  if (fut) {
    l->waiters.remove(fut);
    td_decref(fut);
  }
  if (!r) {
    if (td_err_is(ts, &td_type_CancelledError) && !l->locked)
      keeping_error(ts, [&] { lock_wake_up_first(ts, l); });
    return 0;
  }
  td_decref(r);
  l->locked = true;
  return td_bool(true);
}

bool lock_release(TdThread *ts, LockObj *l) {
  if (!l->locked) {
    td_err_set(ts, &td_type_RuntimeError, "Lock is not acquired.");
    return false;
  }
  l->locked = false;
  lock_wake_up_first(ts, l);
  return true;
}

TdValue lock_construct(TdThread *ts, TdValue type, Args, int64_t nargs, TdValue kw);

TdValue lock_acquire(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "acquire", nargs, kw)) return 0;
  return td_native_coro_new(ts, "Lock.acquire", lock_acquire_body, self, nullptr, 0);
}

TdValue lock_release_m(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "release", nargs, kw)) return 0;
  return lock_release(ts, LK(self)) ? td_none() : 0;
}

TdValue lock_locked(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "locked", nargs, kw)) return 0;
  return td_bool(LK(self)->locked);
}

TdValue lock_aenter_body(TdThread *ts, TdValue self, Args) {
  TdValue r = lock_acquire_body(ts, self, nullptr);
  if (!r) return 0;
  td_decref(r);
  return td_none();
}

TdValue lock_aexit_body(TdThread *ts, TdValue self, Args) {
  return lock_release(ts, LK(self)) ? td_none() : 0;
}

TdValue lock_aenter(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "__aenter__", nargs, kw)) return 0;
  return td_native_coro_new(ts, "_ContextManagerMixin.__aenter__", lock_aenter_body, self,
                            nullptr, 0);
}

TdValue lock_aexit(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!aexit_args(ts, args, nargs, kw)) return 0;
  return td_native_coro_new(ts, "_ContextManagerMixin.__aexit__", lock_aexit_body, self, nullptr,
                            0);
}

TdValue lock_repr(TdThread *ts, TdValue self) {
  return locks_repr(ts, self, LK(self)->locked ? "locked" : "unlocked", LK(self)->waiters);
}

void lock_dealloc(TdObject *o) {
  LockObj *l = LK(td_val(o));
  l->waiters.release();
  if (l->loop) td_decref(td_val(l->loop));
  td_free_object(o);
}

const TdMethodDef kLockMethods[] = {
    {"acquire", lock_acquire},   {"release", lock_release_m}, {"locked", lock_locked},
    {"__aenter__", lock_aenter}, {"__aexit__", lock_aexit},   {nullptr, nullptr},
};

TdType LockType = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "Lock",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = lock_dealloc,
    .repr = lock_repr,
    .construct = lock_construct,
    .methods = kLockMethods,
};


LockObj *lock_new(TdThread *ts) {
  TdObject *o = td_alloc_object(&LockType, sizeof(LockObj));
  if (!o) {
    td_err_nomem(ts);
    return nullptr;
  }
  LockObj *l = LK(td_val(o));
  l->locked = false;
  l->loop = nullptr;
  l->waiters.init();
  return l;
}

TdValue lock_construct(TdThread *ts, TdValue, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "Lock", nargs, kw)) return 0;
  LockObj *l = lock_new(ts);
  return l ? td_val(l) : 0;
}

// ---------------------------------------------------------------------------
// Event
// ---------------------------------------------------------------------------

struct EventObj {
  TdObject ob;
  bool value;
  TdLoop *loop;
  TdRing waiters;
};

EventObj *EV(TdValue v) { return reinterpret_cast<EventObj *>(v); }

TdValue event_wait_body(TdThread *ts, TdValue self, Args) {
  EventObj *e = EV(self);
  if (e->value) return td_bool(true);
  TdLoop *L = td_asyncio_bound_loop(ts, self, &e->loop);
  if (!L) return 0;
  TdValue fut;
  TdValue r = td_asyncio_wait_on(ts, L, e->waiters, &fut);
  if (fut) {
    e->waiters.remove(fut);
    td_decref(fut);
  }
  if (!r) return 0;
  td_decref(r);
  return td_bool(true);
}

TdValue event_wait(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "wait", nargs, kw)) return 0;
  return td_native_coro_new(ts, "Event.wait", event_wait_body, self, nullptr, 0);
}

TdValue event_set(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "set", nargs, kw)) return 0;
  EventObj *e = EV(self);
  if (!e->value) {
    e->value = true;
    for (size_t i = 0; i < e->waiters.size(); i++)
      if (!td_future_done(e->waiters[i])) wake(ts, e->waiters[i], td_bool(true));
  }
  return td_none();
}

TdValue event_clear(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "clear", nargs, kw)) return 0;
  EV(self)->value = false;
  return td_none();
}

TdValue event_is_set(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "is_set", nargs, kw)) return 0;
  return td_bool(EV(self)->value);
}

TdValue event_repr(TdThread *ts, TdValue self) {
  return locks_repr(ts, self, EV(self)->value ? "set" : "unset", EV(self)->waiters);
}

void event_dealloc(TdObject *o) {
  EventObj *e = EV(td_val(o));
  e->waiters.release();
  if (e->loop) td_decref(td_val(e->loop));
  td_free_object(o);
}

TdValue event_construct(TdThread *ts, TdValue, Args, int64_t nargs, TdValue kw);

const TdMethodDef kEventMethods[] = {
    {"wait", event_wait},     {"set", event_set},   {"clear", event_clear},
    {"is_set", event_is_set}, {nullptr, nullptr},
};

TdType EventType = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "Event",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = event_dealloc,
    .repr = event_repr,
    .construct = event_construct,
    .methods = kEventMethods,
};


TdValue event_construct(TdThread *ts, TdValue, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "Event", nargs, kw)) return 0;
  TdObject *o = td_alloc_object(&EventType, sizeof(EventObj));
  if (!o) return td_err_nomem(ts);
  EventObj *e = EV(td_val(o));
  e->value = false;
  e->loop = nullptr;
  e->waiters.init();
  return td_val(o);
}

// ---------------------------------------------------------------------------
// Condition
// ---------------------------------------------------------------------------

struct CondObj {
  TdObject ob;
  TdValue lock; // owned: an asyncio.Lock, or any object with the same methods
  TdLoop *loop;
  TdRing waiters;
};

CondObj *CN(TdValue v) { return reinterpret_cast<CondObj *>(v); }

bool is_lock(TdValue v) { return !td_is_small(v) && td_obj(v)->type == &LockType; }

// lock.<name>() on a lock that is not an asyncio.Lock.
TdValue call_lock(TdThread *ts, TdValue lock, const char *name) {
  TdRef n(td_str_from(ts, name));
  if (!n) return 0;
  return td_call_method(ts, lock, n.get(), nullptr, 0, 0);
}

// self.locked(): -1 on error.
int cond_locked(TdThread *ts, CondObj *c) {
  if (is_lock(c->lock)) return LK(c->lock)->locked;
  TdRef r(call_lock(ts, c->lock, "locked"));
  return r ? td_truthy(ts, r.get()) : -1;
}

bool cond_release(TdThread *ts, CondObj *c) {
  if (is_lock(c->lock)) return lock_release(ts, LK(c->lock));
  TdRef r(call_lock(ts, c->lock, "release"));
  return bool(r);
}

// await self.acquire()
TdValue cond_acquire_await(TdThread *ts, CondObj *c) {
  if (is_lock(c->lock)) return lock_acquire_body(ts, c->lock, nullptr);
  TdRef aw(call_lock(ts, c->lock, "acquire"));
  return aw ? td_await(ts, aw.get()) : 0;
}

TdValue cond_wait_body(TdThread *ts, TdValue self, Args) {
  CondObj *c = CN(self);
  int lk = cond_locked(ts, c);
  if (lk < 0) return 0;
  if (!lk) {
    td_err_set(ts, &td_type_RuntimeError, "cannot wait on un-acquired lock");
    return 0;
  }
  if (!cond_release(ts, c)) return 0;
  TdValue r = 0;
  if (TdLoop *L = td_asyncio_bound_loop(ts, self, &c->loop)) {
    TdValue fut;
    r = td_asyncio_wait_on(ts, L, c->waiters, &fut);
    if (fut) {
      c->waiters.remove(fut);
      td_decref(fut);
    }
  }
  TdValue exc = r ? 0 : td_err_fetch(ts);
  td_decref(r);
  // The lock is taken again whatever happened, even through cancellations.
  bool cancelled = false;
  for (;;) {
    TdValue a = cond_acquire_await(ts, c);
    if (a) {
      td_decref(a);
      break;
    }
    if (!td_err_is(ts, &td_type_CancelledError)) {
      td_decref(exc);
      return 0;
    }
    td_err_clear(ts);
    cancelled = true;
  }
  if (cancelled) {
    td_decref(exc);
    return raise_cancelled(ts);
  }
  if (exc) {
    td_err_restore(ts, exc);
    td_decref(exc);
    return 0;
  }
  return td_bool(true);
}

TdValue cond_wait_for_body(TdThread *ts, TdValue self, Args args) {
  TdValue result = td_call0(ts, args[0]);
  for (;;) {
    if (!result) return 0;
    int t = td_truthy(ts, result);
    if (t < 0) {
      td_decref(result);
      return 0;
    }
    if (t) return result;
    td_decref(result);
    TdValue w = cond_wait_body(ts, self, nullptr);
    if (!w) return 0;
    td_decref(w);
    result = td_call0(ts, args[0]);
  }
}

TdValue cond_wait(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "wait", nargs, kw)) return 0;
  return td_native_coro_new(ts, "Condition.wait", cond_wait_body, self, nullptr, 0);
}

TdValue cond_wait_for(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[1] = {0};
  if (!td_parse_call(ts, "wait_for", args, nargs, kw, {"predicate"}, 1, a)) return 0;
  return td_native_coro_new(ts, "Condition.wait_for", cond_wait_for_body, self, a, 1);
}

// notify(n): wakes at most n waiters that are not done yet, oldest first.
TdValue cond_notify_n(TdThread *ts, CondObj *c, TdValue n) {
  int lk = cond_locked(ts, c);
  if (lk < 0) return 0;
  if (!lk) {
    td_err_set(ts, &td_type_RuntimeError, "cannot notify on un-acquired lock");
    return 0;
  }
  int64_t idx = 0;
  for (size_t i = 0; i < c->waiters.size(); i++) {
    TdRef idxv(td_int_from_i64(ts, idx));
    if (!idxv) return 0;
    int stop = td_is_small(n) ? idx >= td_small_val(n)
                              : td_compare_bool(ts, TD_CMP_GE, idxv.get(), n);
    if (stop < 0) return 0;
    if (stop) break;
    TdValue fut = c->waiters[i];
    if (!td_future_done(fut)) {
      idx++;
      wake(ts, fut, td_bool(false));
    }
  }
  return td_none();
}

TdValue cond_notify(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[1] = {0};
  if (!td_parse_call(ts, "notify", args, nargs, kw, {"n"}, 0, a)) return 0;
  return cond_notify_n(ts, CN(self), a[0] ? a[0] : td_small(1));
}

TdValue cond_notify_all(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "notify_all", nargs, kw)) return 0;
  return cond_notify_n(ts, CN(self), td_small(int64_t(CN(self)->waiters.size())));
}

TdValue cond_locked_m(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "locked", nargs, kw)) return 0;
  int lk = cond_locked(ts, CN(self));
  return lk < 0 ? 0 : td_bool(lk);
}

TdValue cond_acquire(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue lock = CN(self)->lock;
  if (is_lock(lock)) return lock_acquire(ts, lock, args, nargs, kw);
  TdRef n(td_str_from(ts, "acquire"));
  return n ? td_call_method(ts, lock, n.get(), args, nargs, kw) : 0;
}

TdValue cond_release_m(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue lock = CN(self)->lock;
  if (is_lock(lock)) return lock_release_m(ts, lock, args, nargs, kw);
  TdRef n(td_str_from(ts, "release"));
  return n ? td_call_method(ts, lock, n.get(), args, nargs, kw) : 0;
}

TdValue cond_aenter_body(TdThread *ts, TdValue self, Args) {
  TdValue r = cond_acquire_await(ts, CN(self));
  if (!r) return 0;
  td_decref(r);
  return td_none();
}

TdValue cond_aexit_body(TdThread *ts, TdValue self, Args) {
  return cond_release(ts, CN(self)) ? td_none() : 0;
}

TdValue cond_aenter(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "__aenter__", nargs, kw)) return 0;
  return td_native_coro_new(ts, "_ContextManagerMixin.__aenter__", cond_aenter_body, self,
                            nullptr, 0);
}

TdValue cond_aexit(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!aexit_args(ts, args, nargs, kw)) return 0;
  return td_native_coro_new(ts, "_ContextManagerMixin.__aexit__", cond_aexit_body, self, nullptr,
                            0);
}

TdValue cond_repr(TdThread *ts, TdValue self) {
  int lk = cond_locked(ts, CN(self));
  if (lk < 0) return 0;
  return locks_repr(ts, self, lk ? "locked" : "unlocked", CN(self)->waiters);
}

void cond_dealloc(TdObject *o) {
  CondObj *c = CN(td_val(o));
  c->waiters.release();
  td_decref(c->lock);
  if (c->loop) td_decref(td_val(c->loop));
  td_free_object(o);
}

TdValue cond_construct(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw);

const TdMethodDef kCondMethods[] = {
    {"acquire", cond_acquire},
    {"release", cond_release_m},
    {"locked", cond_locked_m},
    {"wait", cond_wait},
    {"wait_for", cond_wait_for},
    {"notify", cond_notify},
    {"notify_all", cond_notify_all},
    {"__aenter__", cond_aenter},
    {"__aexit__", cond_aexit},
    {nullptr, nullptr},
};

TdType ConditionType = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "Condition",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = cond_dealloc,
    .repr = cond_repr,
    .construct = cond_construct,
    .methods = kCondMethods,
};


TdValue cond_construct(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[1] = {0};
  if (!td_parse_call(ts, "Condition", args, nargs, kw, {"lock"}, 0, a)) return 0;
  TdValue lock;
  if (!a[0] || td_is_none(a[0])) {
    LockObj *l = lock_new(ts);
    if (!l) return 0;
    lock = td_val(l);
  } else {
    lock = td_newref(a[0]);
  }
  TdObject *o = td_alloc_object(&ConditionType, sizeof(CondObj));
  if (!o) {
    td_decref(lock);
    return td_err_nomem(ts);
  }
  CondObj *c = CN(td_val(o));
  c->lock = lock;
  c->loop = nullptr;
  c->waiters.init();
  return td_val(o);
}

// ---------------------------------------------------------------------------
// Semaphore, BoundedSemaphore
// ---------------------------------------------------------------------------

struct SemObj {
  TdObject ob;
  int64_t value;
  int64_t bound; // BoundedSemaphore: the initial value
  TdLoop *loop;
  TdRing waiters;
};

SemObj *SM(TdValue v) { return reinterpret_cast<SemObj *>(v); }

// Cannot be acquired at once: no value left, or a live waiter is queued
// (newcomers do not overtake it).
bool sem_locked(SemObj *s) {
  if (s->value == 0) return true;
  for (size_t i = 0; i < s->waiters.size(); i++)
    if (td_future(s->waiters[i])->state != TdFuture::Cancelled) return true;
  return false;
}

// Hands one unit to the first waiter not done yet.
void sem_wake_up_next(TdThread *ts, SemObj *s) {
  for (size_t i = 0; i < s->waiters.size(); i++) {
    TdValue fut = s->waiters[i];
    if (!td_future_done(fut)) {
      s->value--;
      wake(ts, fut, td_bool(true));
      return;
    }
  }
}

TdValue sem_acquire_body(TdThread *ts, TdValue self, Args) {
  SemObj *s = SM(self);
  if (!sem_locked(s)) {
    s->value--;
    return td_bool(true);
  }
  TdLoop *L = td_asyncio_bound_loop(ts, self, &s->loop);
  if (!L) return 0;
  TdValue fut;
  TdValue r = td_asyncio_wait_on(ts, L, s->waiters, &fut);
  if (fut) s->waiters.remove(fut);
  TdRef hold(fut);
  if (!r) {
    if (fut && td_err_is(ts, &td_type_CancelledError) &&
        td_future(fut)->state != TdFuture::Cancelled) {
      // Woken, then cancelled before running: give the unit to the next.
      keeping_error(ts, [&] {
        s->value++;
        sem_wake_up_next(ts, s);
      });
    }
    return 0;
  }
  td_decref(r);
  if (s->value > 0) sem_wake_up_next(ts, s);
  return td_bool(true);
}

void sem_release(TdThread *ts, SemObj *s) {
  s->value++;
  sem_wake_up_next(ts, s);
}

TdValue sem_acquire(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "acquire", nargs, kw)) return 0;
  return td_native_coro_new(ts, "Semaphore.acquire", sem_acquire_body, self, nullptr, 0);
}

TdValue sem_release_m(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "release", nargs, kw)) return 0;
  sem_release(ts, SM(self));
  return td_none();
}

TdValue bsem_release_m(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "release", nargs, kw)) return 0;
  SemObj *s = SM(self);
  if (s->value >= s->bound) {
    td_err_set(ts, &td_type_ValueError, "BoundedSemaphore released too many times");
    return 0;
  }
  sem_release(ts, s);
  return td_none();
}

TdValue sem_locked_m(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "locked", nargs, kw)) return 0;
  return td_bool(sem_locked(SM(self)));
}

TdValue sem_aenter_body(TdThread *ts, TdValue self, Args) {
  TdValue r = sem_acquire_body(ts, self, nullptr);
  if (!r) return 0;
  td_decref(r);
  return td_none();
}

TdValue sem_aexit_body(TdThread *ts, TdValue self, Args) {
  if (td_obj(self)->type == &BoundedSemaphoreType) {
    TdValue r = bsem_release_m(ts, self, nullptr, 0, 0);
    td_decref(r);
    return r ? td_none() : 0;
  }
  sem_release(ts, SM(self));
  return td_none();
}

TdValue sem_aenter(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "__aenter__", nargs, kw)) return 0;
  return td_native_coro_new(ts, "_ContextManagerMixin.__aenter__", sem_aenter_body, self,
                            nullptr, 0);
}

TdValue sem_aexit(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!aexit_args(ts, args, nargs, kw)) return 0;
  return td_native_coro_new(ts, "_ContextManagerMixin.__aexit__", sem_aexit_body, self, nullptr,
                            0);
}

TdValue sem_repr(TdThread *ts, TdValue self) {
  SemObj *s = SM(self);
  std::string extra =
      sem_locked(s) ? std::string("locked") : "unlocked, value:" + std::to_string(s->value);
  return locks_repr(ts, self, extra, s->waiters);
}

void sem_dealloc(TdObject *o) {
  SemObj *s = SM(td_val(o));
  s->waiters.release();
  if (s->loop) td_decref(td_val(s->loop));
  td_free_object(o);
}

TdValue sem_construct(TdThread *ts, TdValue type, Args args, int64_t nargs, TdValue kw);

const TdMethodDef kSemMethods[] = {
    {"acquire", sem_acquire},   {"release", sem_release_m}, {"locked", sem_locked_m},
    {"__aenter__", sem_aenter}, {"__aexit__", sem_aexit},   {nullptr, nullptr},
};

const TdMethodDef kBoundedSemMethods[] = {
    {"release", bsem_release_m},
    {nullptr, nullptr},
};

TdType SemaphoreType = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "Semaphore",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = sem_dealloc,
    .repr = sem_repr,
    .construct = sem_construct,
    .methods = kSemMethods,
};

TdType BoundedSemaphoreType = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "BoundedSemaphore",
    .base = &SemaphoreType,
    .flags = 0,
    .dealloc = sem_dealloc,
    .repr = sem_repr,
    .construct = sem_construct,
    .methods = kBoundedSemMethods,
};

TdValue sem_construct(TdThread *ts, TdValue type, Args args, int64_t nargs, TdValue kw) {
  TdType *t = reinterpret_cast<TdType *>(type);
  TdValue a[1] = {0};
  if (!td_parse_call(ts, t->name, args, nargs, kw, {"value"}, 0, a)) return 0;
  int64_t value = 1;
  if (a[0]) {
    if (!td_is_int(a[0])) {
      td_err_format(ts, &td_type_TypeError,
                    "'<' not supported between instances of '%s' and 'int'", td_type_name(a[0]));
      return 0;
    }
    if (!td_int_to_i64(ts, a[0], &value)) return 0;
  }
  if (value < 0) {
    td_err_set(ts, &td_type_ValueError, "Semaphore initial value must be >= 0");
    return 0;
  }
  TdObject *o = td_alloc_object(t, sizeof(SemObj));
  if (!o) return td_err_nomem(ts);
  SemObj *s = SM(td_val(o));
  s->value = value;
  s->bound = value;
  s->loop = nullptr;
  s->waiters.init();
  return td_val(o);
}

} // namespace

bool td_asyncio_init_sync(TdThread *ts, TdValue d) {
  return td_asyncio_add_type(ts, d, &LockType) && td_asyncio_add_type(ts, d, &EventType) &&
         td_asyncio_add_type(ts, d, &ConditionType) &&
         td_asyncio_add_type(ts, d, &SemaphoreType) &&
         td_asyncio_add_type(ts, d, &BoundedSemaphoreType);
}
