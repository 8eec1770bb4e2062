// threading.cpp — the `threading` module: OS threads under the GIL, with
// CPython 3.11's names, messages and behaviour.
//
// What is a class and what is a builtin type.  Thread, _MainThread,
// _DummyThread, Timer, ExceptHookArgs and local (_thread._local) are real
// classes (td_build_class), so user code can subclass Thread, override
// run() and call super().__init__(); their methods are function objects
// whose bodies are the C++ functions below (each with a `direct` entry,
// since generated code calls a plain function's direct path whenever the
// arity matches).  A Thread keeps its state where CPython's threading.py
// keeps it: _target, _name, _args, _kwargs, _daemonic, _ident, _native_id,
// _tstate_lock, _started, _is_stopped, _initialized in the instance dict.
// Lock (_thread.lock), RLock (_thread.RLock), Condition, Semaphore,
// BoundedSemaphore and Event are builtin types.
//
// local.  An instance keeps a _thread._localimpl (one dict per thread, and
// the constructor's arguments) in its instance dict; the class's getattr /
// setattr slots are pointed at local_getattro / local_setattro (CPython's
// lookup order: the class's data descriptors, this thread's dict, the rest
// of the class), also for subclasses, whose __new__ is local's.  A thread
// touching the object for the first time gets a fresh dict, and a
// subclass's __init__ runs again for it with the constructor's arguments.
//
// Blocking.  Every primitive that can block keeps its own C++ state under a
// std::mutex of its own, never under the GIL alone: a waiter drops the GIL
// (TdGilRelease) and sleeps on a std::condition_variable, touching no tide
// object until it has the GIL again.  As in CPython, a lock is taken while
// the waiter is still without the GIL, and the waiter then queues for the
// GIL like any thread.  The waiting object is kept alive (a reference held
// across the wait) so that nothing frees it under a sleeping thread.
// Condition is CPython's algorithm: each wait() parks on a fresh Lock kept
// in a FIFO of waiters, notify(n) releases the oldest n.
//
// A thread's life (Thread.start).  start() puts the thread in _limbo, asks
// the runtime for an OS thread (td_thread_spawn: own TdThread, takes the
// GIL, non-daemon ones keep the process alive at exit) and waits (GIL
// released) for the _started event, exactly as CPython does, so the new
// thread has usually run a little before start() returns.  The new thread
// records its ident, native id and a locked _tstate_lock, enters _active,
// calls self.run(), reports an escaping exception through
// threading.excepthook ("Exception in thread NAME:" and the traceback on
// sys.stderr), leaves _active, drops its threading.local attributes and
// releases _tstate_lock: join() and is_alive() watch that lock, as in
// CPython.
//
// Threads the runtime starts itself (pool workers) are not threading
// Threads; current_thread() there makes a _DummyThread ("Dummy-N"), unless
// the worker calls threading._tide_enter_thread(name[, daemon]) when it
// starts (then it is a started Thread with that name, in enumerate()) and
// threading._tide_exit_thread() when it ends.
//
// Differences from CPython: the traceback of an exception in a thread has
// no frames of threading.py (there is no such file: the first frame is the
// target's or run's); Condition / Semaphore / Event are builtin types (no
// subclassing, the class repr lacks the module); getName/setName/isDaemon/
// setDaemon do not print their DeprecationWarning.
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

#include "args.h"
#include "class.h"
#include "containers.h"
#include "errors.h"
#include "gil.h"
#include "runtime.h"
#include "thread.h"
#include "values.h"

namespace {

using Args = const TdValue *;
using Clock = std::chrono::steady_clock;

constexpr const char *kFile = "<threading>";
// CPython's threading.TIMEOUT_MAX on Linux (PY_TIMEOUT_MAX in seconds).
constexpr double kTimeoutMax = 9223372036.0;

uint64_t self_ident() { return uint64_t(pthread_self()); }
int64_t self_native_id() { return int64_t(syscall(SYS_gettid)); }

// A key for threading.local that no later thread reuses (idents can be).
std::atomic<uint64_t> gNextLocalKey{1};
thread_local uint64_t tLocalKey = 0;
uint64_t local_key() {
  if (!tLocalKey) tLocalKey = gNextLocalKey.fetch_add(1);
  return tLocalKey;
}

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

TdValue S(TdThread *ts, const char *s) { return td_str_from(ts, s); }

TdValue getattr_s(TdThread *ts, TdValue obj, const char *name) {
  TdRef n(S(ts, name));
  return n ? td_getattr(ts, obj, n.get()) : 0;
}

int setattr_s(TdThread *ts, TdValue obj, const char *name, TdValue v) {
  TdRef n(S(ts, name));
  return n ? td_setattr(ts, obj, n.get(), v) : -1;
}

TdValue call_method_s(TdThread *ts, TdValue obj, const char *name, Args args, int64_t nargs) {
  TdRef n(S(ts, name));
  return n ? td_call_method(ts, obj, n.get(), args, nargs, 0) : 0;
}


std::string addr(TdValue v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%p", reinterpret_cast<void *>(v));
  return buf;
}

Clock::time_point deadline_in(double secs) {
  if (secs > 1e9) secs = 1e9; // ~31 years: as good as forever, and representable
  return Clock::now() +
         std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(secs));
}

// Blocks with the GIL released until ready() (called with mu held; it may
// take the resource it checks) returns true, or until `timeout` seconds
// have passed (timeout < 0: no limit).  Returns ready()'s last answer.
template <class Ready>
bool block_until(TdThread *ts, std::mutex &mu, std::condition_variable &cv, double timeout,
                 Ready ready) {
  TdGilRelease unlocked(ts);
  std::unique_lock<std::mutex> lk(mu);
  if (timeout < 0) {
    while (!ready()) cv.wait(lk);
    return true;
  }
  auto end = deadline_in(timeout);
  while (!ready())
    if (cv.wait_until(lk, end) == std::cv_status::timeout) return ready();
  return true;
}

// A Python-level timeout (Event.wait, Condition.wait, join, ...): None is
// no limit (-1); a number is clamped at 0, as those methods treat negative
// timeouts; anything else raises what CPython's comparison `timeout OP 0`
// raises.  `lhsIsZero`: the comparison is `0 OP timeout` (max(timeout, 0)).
bool py_timeout(TdThread *ts, TdValue v, const char *op, double *out, bool lhsIsZero = false) {
  if (!v || td_is_none(v)) {
    *out = -1;
    return true;
  }
  if (!td_is_int(v) && !td_is_float(v)) {
    if (lhsIsZero)
      td_err_format(ts, &td_type_TypeError, "'%s' not supported between instances of 'int' and '%s'",
                    op, td_type_name(v));
    else
      td_err_format(ts, &td_type_TypeError, "'%s' not supported between instances of '%s' and 'int'",
                    op, td_type_name(v));
    return false;
  }
  // A negative timeout is never converted (`timeout > 0` fails, max() gives
  // 0), nor is NaN by `timeout > 0` (max(nan, 0) passes it on).
  bool nan = td_is_float(v) && std::isnan(td_float_val(v));
  if (td_is_float(v) ? td_float_val(v) < 0 || (nan && !lhsIsZero) : td_int_sign(v) < 0) {
    *out = 0;
    return true;
  }
  return td_seconds_arg(ts, v, out);
}

// bool(v) for the `blocking` flag of _thread's acquire (parsed as an int).
bool blocking_arg(TdThread *ts, TdValue v, bool *out) {
  if (!v) {
    *out = true;
    return true;
  }
  if (!td_is_int(v)) {
    td_err_format(ts, &td_type_TypeError, "'%s' object cannot be interpreted as an integer",
                  td_type_name(v));
    return false;
  }
  int t = td_truthy(ts, v);
  if (t < 0) return false;
  *out = t != 0;
  return true;
}

bool no_args(TdThread *ts, const char *name, int64_t nargs, TdValue kw) {
  return td_no_kwargs(ts, name, kw) && td_check_nargs(ts, name, nargs, 0, 0);
}

bool ready_type(TdThread *ts, TdValue d, TdType *t, const char *name) {
  if (!t->hash) t->hash = td_type_object.hash;
  if (!t->richcompare) t->richcompare = td_type_object.richcompare;
  td_type_ready(t);
  return !d || td_dict_set_str(ts, d, name, td_val(t)) >= 0;
}

// Lock, RLock, Semaphore and Event start with {ob, mu, cv}: one allocation
// and one dealloc serve them all (the rest of the state is the caller's).
template <class T> T *sync_alloc(TdThread *ts, TdType *type) {
  TdObject *o = td_alloc_object(type, sizeof(T));
  if (!o) {
    td_err_nomem(ts);
    return nullptr;
  }
  T *x = reinterpret_cast<T *>(td_val(o));
  new (&x->mu) std::mutex();
  new (&x->cv) std::condition_variable();
  return x;
}

template <class T> void sync_dealloc(TdObject *o) {
  T *x = reinterpret_cast<T *>(td_val(o));
  x->cv.~condition_variable();
  x->mu.~mutex();
  td_free_object(o);
}

// ---------------------------------------------------------------------------
// Lock (_thread.lock)
// ---------------------------------------------------------------------------

struct LockObj {
  TdObject ob;
  std::mutex mu;
  std::condition_variable cv;
  bool locked;
};

extern TdType LockType, RLockType, CondType, SemType, BoundedSemType, EventType, LocalType,
    StateType;

LockObj *LK(TdValue v) { return reinterpret_cast<LockObj *>(v); }
bool is_lock(TdValue v) { return !td_is_small(v) && td_obj(v)->type == &LockType; }

LockObj *lock_new(TdThread *ts, bool locked) {
  LockObj *l = sync_alloc<LockObj>(ts, &LockType);
  if (l) l->locked = locked;
  return l;
}

bool lock_try(LockObj *l) {
  std::lock_guard<std::mutex> g(l->mu);
  if (l->locked) return false;
  l->locked = true;
  return true;
}

// Takes the lock; timeout < 0: no limit.  True if taken.
bool lock_acquire_impl(TdThread *ts, LockObj *l, bool blocking, double timeout) {
  if (lock_try(l)) return true;
  if (!blocking || timeout == 0) return false;
  TdRef keep(td_newref(td_val(l)));
  return block_until(ts, l->mu, l->cv, timeout, [l] {
    if (l->locked) return false;
    l->locked = true;
    return true;
  });
}

// False if it was not locked.
bool lock_release_impl(LockObj *l) {
  std::lock_guard<std::mutex> g(l->mu);
  if (!l->locked) return false;
  l->locked = false;
  l->cv.notify_one();
  return true;
}

bool lock_locked(LockObj *l) {
  std::lock_guard<std::mutex> g(l->mu);
  return l->locked;
}

// acquire(blocking=True, timeout=-1)'s arguments, with CPython's checks.
bool acquire_args(TdThread *ts, Args args, int64_t nargs, TdValue kw, bool *blocking,
                  double *timeout) {
  static const char *const names[] = {"blocking", "timeout"};
  TdValue a[2];
  if (!td_parse_args(ts, "acquire", args, nargs, kw, names, 0, 2, a)) return false;
  if (!blocking_arg(ts, a[0], blocking)) return false;
  *timeout = -1;
  if (a[1] && !td_seconds_arg(ts, a[1], timeout)) return false;
  if (!*blocking && *timeout != -1) {
    td_err_set(ts, &td_type_ValueError, "can't specify a timeout for a non-blocking call");
    return false;
  }
  if (*timeout < 0 && *timeout != -1) {
    td_err_set(ts, &td_type_ValueError, "timeout value must be positive");
    return false;
  }
  return true;
}

TdValue lock_acquire_m(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  bool blocking;
  double timeout;
  if (!acquire_args(ts, args, nargs, kw, &blocking, &timeout)) return 0;
  return td_bool(lock_acquire_impl(ts, LK(self), blocking, timeout));
}

TdValue lock_release_m(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "release", nargs, kw)) return 0;
  if (!lock_release_impl(LK(self))) {
    td_err_set(ts, &td_type_RuntimeError, "release unlocked lock");
    return 0;
  }
  return td_none();
}

TdValue lock_locked_m(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "locked", nargs, kw)) return 0;
  return td_bool(lock_locked(LK(self)));
}

TdValue lock_enter(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "__enter__", nargs, kw)) return 0;
  return td_bool(lock_acquire_impl(ts, LK(self), true, -1));
}

TdValue lock_exit(TdThread *ts, TdValue self, Args, int64_t, TdValue) {
  if (!lock_release_impl(LK(self))) {
    td_err_set(ts, &td_type_RuntimeError, "release unlocked lock");
    return 0;
  }
  return td_none();
}

TdValue lock_repr(TdThread *ts, TdValue self) {
  return td_str_from(ts, std::string("<") + (lock_locked(LK(self)) ? "locked" : "unlocked") +
                             " _thread.lock object at " + addr(self) + ">");
}

TdValue lock_construct(TdThread *ts, TdValue, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "allocate_lock", nargs, kw)) return 0;
  LockObj *l = lock_new(ts, false);
  return l ? td_val(l) : 0;
}

const TdMethodDef kLockMethods[] = {
    {"acquire", lock_acquire_m},      {"acquire_lock", lock_acquire_m},
    {"release", lock_release_m},      {"release_lock", lock_release_m},
    {"locked", lock_locked_m},        {"locked_lock", lock_locked_m},
    {"__enter__", lock_enter},        {"__exit__", lock_exit},
    {nullptr, nullptr},
};

TdType LockType = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "_thread.lock",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = sync_dealloc<LockObj>,
    .repr = lock_repr,
    .construct = lock_construct,
    .methods = kLockMethods,
};

// ---------------------------------------------------------------------------
// RLock (_thread.RLock)
// ---------------------------------------------------------------------------

struct RLockObj {
  TdObject ob;
  std::mutex mu;
  std::condition_variable cv;
  uint64_t owner; // ident of the holder, 0 when count == 0
  int64_t count;
};

RLockObj *RL(TdValue v) { return reinterpret_cast<RLockObj *>(v); }
bool is_rlock(TdValue v) { return !td_is_small(v) && td_obj(v)->type == &RLockType; }

// Takes the lock `count` levels deep for thread `me` (a fresh acquisition,
// or a nested one when me holds it already).
bool rlock_acquire_impl(TdThread *ts, RLockObj *l, bool blocking, double timeout,
                        int64_t count = 1) {
  uint64_t me = self_ident();
  {
    std::lock_guard<std::mutex> g(l->mu);
    if (l->count > 0 && l->owner == me) {
      l->count += count;
      return true;
    }
    if (l->count == 0) {
      l->owner = me;
      l->count = count;
      return true;
    }
  }
  if (!blocking || timeout == 0) return false;
  TdRef keep(td_newref(td_val(l)));
  return block_until(ts, l->mu, l->cv, timeout, [l, me, count] {
    if (l->count > 0) return false;
    l->owner = me;
    l->count = count;
    return true;
  });
}

bool rlock_is_owned(RLockObj *l) {
  std::lock_guard<std::mutex> g(l->mu);
  return l->count > 0 && l->owner == self_ident();
}

bool rlock_release_impl(TdThread *ts, RLockObj *l) {
  std::lock_guard<std::mutex> g(l->mu);
  if (l->count == 0 || l->owner != self_ident()) {
    td_err_set(ts, &td_type_RuntimeError, "cannot release un-acquired lock");
    return false;
  }
  if (--l->count == 0) {
    l->owner = 0;
    l->cv.notify_one();
  }
  return true;
}

// _release_save: lets go of every level; *count / *owner say what to restore.
bool rlock_release_save(TdThread *ts, RLockObj *l, int64_t *count, uint64_t *owner) {
  std::lock_guard<std::mutex> g(l->mu);
  if (l->count == 0) {
    td_err_set(ts, &td_type_RuntimeError, "cannot release un-acquired lock");
    return false;
  }
  *count = l->count;
  *owner = l->owner;
  l->count = 0;
  l->owner = 0;
  l->cv.notify_one();
  return true;
}

// _acquire_restore: takes the lock `count` levels deep and gives it back to
// `owner` (what _release_save handed out).
void rlock_acquire_restore(TdThread *ts, RLockObj *l, int64_t count, uint64_t owner) {
  rlock_acquire_impl(ts, l, true, -1, count);
  std::lock_guard<std::mutex> g(l->mu);
  l->owner = owner;
}

TdValue rlock_acquire_m(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  bool blocking;
  double timeout;
  if (!acquire_args(ts, args, nargs, kw, &blocking, &timeout)) return 0;
  return td_bool(rlock_acquire_impl(ts, RL(self), blocking, timeout));
}

TdValue rlock_release_m(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "release", nargs, kw)) return 0;
  return rlock_release_impl(ts, RL(self)) ? td_none() : 0;
}

TdValue rlock_enter(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "__enter__", nargs, kw)) return 0;
  return td_bool(rlock_acquire_impl(ts, RL(self), true, -1));
}

TdValue rlock_exit(TdThread *ts, TdValue self, Args, int64_t, TdValue) {
  return rlock_release_impl(ts, RL(self)) ? td_none() : 0;
}

TdValue rlock_is_owned_m(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "_is_owned", nargs, kw)) return 0;
  return td_bool(rlock_is_owned(RL(self)));
}

TdValue rlock_release_save_m(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "_release_save", nargs, kw)) return 0;
  int64_t count;
  uint64_t owner;
  if (!rlock_release_save(ts, RL(self), &count, &owner)) return 0;
  TdRef c(td_int_from_i64(ts, count)), o(td_int_from_i64(ts, int64_t(owner)));
  if (!c || !o) return 0;
  return td_tuple_pack(ts, {c.get(), o.get()});
}

TdValue rlock_acquire_restore_m(TdThread *ts, TdValue self, Args args, int64_t nargs,
                                TdValue kw) {
  TdValue a[1];
  static const char *const names[] = {nullptr};
  if (!td_parse_args(ts, "_acquire_restore", args, nargs, kw, names, 1, 1, a)) return 0;
  TdValue items[2];
  int64_t count, owner;
  if (!td_is_tuple(a[0]) || td_as_tuple(a[0])->size != 2) {
    td_err_set(ts, &td_type_TypeError, "_acquire_restore() argument must be a (count, owner) tuple");
    return 0;
  }
  items[0] = td_as_tuple(a[0])->items[0];
  items[1] = td_as_tuple(a[0])->items[1];
  if (!td_int_to_i64(ts, items[0], &count) || !td_int_to_i64(ts, items[1], &owner)) return 0;
  rlock_acquire_restore(ts, RL(self), count, uint64_t(owner));
  return td_none();
}

TdValue rlock_repr(TdThread *ts, TdValue self) {
  RLockObj *l = RL(self);
  int64_t count;
  uint64_t owner;
  {
    std::lock_guard<std::mutex> g(l->mu);
    count = l->count;
    owner = l->owner;
  }
  return td_str_from(ts, std::string("<") + (count ? "locked" : "unlocked") +
                             " _thread.RLock object owner=" + std::to_string(owner) +
                             " count=" + std::to_string(count) + " at " + addr(self) + ">");
}

TdValue rlock_construct(TdThread *ts, TdValue, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "RLock", nargs, kw)) return 0;
  RLockObj *l = sync_alloc<RLockObj>(ts, &RLockType);
  if (!l) return 0;
  l->owner = 0;
  l->count = 0;
  return td_val(l);
}

const TdMethodDef kRLockMethods[] = {
    {"acquire", rlock_acquire_m},
    {"release", rlock_release_m},
    {"__enter__", rlock_enter},
    {"__exit__", rlock_exit},
    {"_is_owned", rlock_is_owned_m},
    {"_release_save", rlock_release_save_m},
    {"_acquire_restore", rlock_acquire_restore_m},
    {nullptr, nullptr},
};

TdType RLockType = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "_thread.RLock",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = sync_dealloc<RLockObj>,
    .repr = rlock_repr,
    .construct = rlock_construct,
    .methods = kRLockMethods,
};

// ---------------------------------------------------------------------------
// Condition
// ---------------------------------------------------------------------------

struct CondObj {
  TdObject ob;
  TdValue lock;                 // owned: a Lock, an RLock, or any lock-like object
  std::deque<TdValue> waiters;  // owned Locks, oldest first (changed under the GIL)
};

CondObj *CN(TdValue v) { return reinterpret_cast<CondObj *>(v); }

// What _release_save handed back, for _acquire_restore.
struct Saved {
  int64_t count = 0;
  uint64_t owner = 0;
  TdValue obj = 0; // owned: a custom lock's _release_save result
};

bool has_attr(TdThread *ts, TdValue obj, const char *name, TdValue *out) {
  *out = getattr_s(ts, obj, name);
  if (*out) return true;
  if (td_err_is(ts, &td_type_AttributeError)) td_err_clear(ts);
  return false;
}

// self._is_owned(): 1, 0, or -1 on error.
int cond_is_owned(TdThread *ts, CondObj *c) {
  if (is_rlock(c->lock)) return rlock_is_owned(RL(c->lock));
  if (is_lock(c->lock)) {
    if (lock_try(LK(c->lock))) {
      lock_release_impl(LK(c->lock));
      return 0;
    }
    return 1;
  }
  TdValue m;
  if (has_attr(ts, c->lock, "_is_owned", &m)) {
    TdRef hold(m);
    TdRef r(td_call0(ts, m));
    return r ? td_truthy(ts, r.get()) : -1;
  }
  if (td_err_occurred(ts)) return -1;
  TdValue f = td_bool(false);
  TdRef r(call_method_s(ts, c->lock, "acquire", &f, 1));
  if (!r) return -1;
  int t = td_truthy(ts, r.get());
  if (t < 0) return -1;
  if (t) {
    TdRef x(call_method_s(ts, c->lock, "release", nullptr, 0));
    return x ? 0 : -1;
  }
  return 1;
}

bool cond_release_save(TdThread *ts, CondObj *c, Saved *s) {
  if (is_rlock(c->lock)) return rlock_release_save(ts, RL(c->lock), &s->count, &s->owner);
  if (is_lock(c->lock)) {
    if (!lock_release_impl(LK(c->lock))) {
      td_err_set(ts, &td_type_RuntimeError, "release unlocked lock");
      return false;
    }
    return true;
  }
  TdValue m;
  if (has_attr(ts, c->lock, "_release_save", &m)) {
    TdRef hold(m);
    s->obj = td_call0(ts, m);
    return s->obj != 0;
  }
  if (td_err_occurred(ts)) return false;
  TdRef r(call_method_s(ts, c->lock, "release", nullptr, 0));
  return bool(r);
}

bool cond_acquire_restore(TdThread *ts, CondObj *c, Saved *s) {
  if (is_rlock(c->lock)) {
    rlock_acquire_restore(ts, RL(c->lock), s->count, s->owner);
    return true;
  }
  if (is_lock(c->lock)) {
    lock_acquire_impl(ts, LK(c->lock), true, -1);
    return true;
  }
  TdValue m;
  if (s->obj && has_attr(ts, c->lock, "_acquire_restore", &m)) {
    TdRef hold(m);
    TdRef r(td_call1(ts, m, s->obj));
    return bool(r);
  }
  if (td_err_occurred(ts)) return false;
  TdRef r(call_method_s(ts, c->lock, "acquire", nullptr, 0));
  return bool(r);
}

// Takes the waiter w out of c's queue (when still there) and drops its
// reference.
void drop_waiter(CondObj *c, TdValue w) {
  for (auto it = c->waiters.begin(); it != c->waiters.end(); ++it)
    if (*it == w) {
      c->waiters.erase(it);
      td_decref(w);
      return;
    }
}

// wait(timeout): timeout < 0 is no limit.  -1 error, else got notified.
int cond_wait_impl(TdThread *ts, CondObj *c, double timeout) {
  int owned = cond_is_owned(ts, c);
  if (owned < 0) return -1;
  if (!owned) {
    td_err_set(ts, &td_type_RuntimeError, "cannot wait on un-acquired lock");
    return -1;
  }
  LockObj *w = lock_new(ts, true);
  if (!w) return -1;
  TdRef waiter(td_val(w));
  c->waiters.push_back(td_newref(td_val(w)));
  Saved saved;
  if (!cond_release_save(ts, c, &saved)) {
    td_keeping_error(ts, [&] { drop_waiter(c, td_val(w)); });
    return -1;
  }
  bool gotit = lock_acquire_impl(ts, w, true, timeout);
  bool ok = cond_acquire_restore(ts, c, &saved);
  td_decref(saved.obj);
  if (!gotit) drop_waiter(c, td_val(w));
  if (!ok) return -1;
  return gotit ? 1 : 0;
}

bool cond_notify_impl(TdThread *ts, CondObj *c, int64_t n) {
  int owned = cond_is_owned(ts, c);
  if (owned < 0) return false;
  if (!owned) {
    td_err_set(ts, &td_type_RuntimeError, "cannot notify on un-acquired lock");
    return false;
  }
  while (!c->waiters.empty() && n > 0) {
    TdValue w = c->waiters.front();
    if (lock_release_impl(LK(w))) n--;
    c->waiters.pop_front();
    td_decref(w);
  }
  return true;
}

TdValue cond_wait_m(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[1] = {0};
  if (!td_parse_call(ts, "wait", args, nargs, kw, {"timeout"}, 0, a)) return 0;
  double timeout;
  if (!py_timeout(ts, a[0], ">", &timeout)) return 0;
  TdRef keep(td_newref(self));
  int r = cond_wait_impl(ts, CN(self), timeout);
  return r < 0 ? 0 : td_bool(r);
}

double monotonic() { return std::chrono::duration<double>(Clock::now().time_since_epoch()).count(); }

TdValue cond_wait_for_m(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[2] = {0, 0};
  if (!td_parse_call(ts, "wait_for", args, nargs, kw, {"predicate", "timeout"}, 1, a)) return 0;
  TdRef keep(td_newref(self));
  TdValue pred = a[0];
  bool limited = a[1] && !td_is_none(a[1]);
  double waittime = -1, endtime = 0;
  bool haveEnd = false;
  if (limited) {
    if (!td_is_int(a[1]) && !td_is_float(a[1])) {
      td_err_format(ts, &td_type_TypeError,
                    "unsupported operand type(s) for +: 'float' and '%s'", td_type_name(a[1]));
      return 0;
    }
    if (!td_number_to_double(ts, a[1], &waittime)) return 0;
  }
  TdValue result = td_call0(ts, pred);
  for (;;) {
    if (!result) return 0;
    int t = td_truthy(ts, result);
    if (t < 0) {
      td_decref(result);
      return 0;
    }
    if (t) return result;
    if (limited) {
      if (!haveEnd) {
        endtime = monotonic() + waittime;
        haveEnd = true;
      } else {
        waittime = endtime - monotonic();
        if (waittime <= 0) return result;
      }
    }
    td_decref(result);
    double w = limited ? (waittime > 0 ? waittime : 0) : -1;
    if (limited && w * 1e9 >= 9.2233720368547758e18) { // only the first wait passes the
      td_seconds_overflow(ts, td_is_int(a[1]));          // caller's timeout as it is
      return 0;
    }
    if (cond_wait_impl(ts, CN(self), w) < 0) return 0;
    result = td_call0(ts, pred);
  }
}

bool notify_count(TdThread *ts, TdValue v, int64_t *n) {
  if (!td_is_int(v)) {
    td_err_format(ts, &td_type_TypeError, "'>' not supported between instances of '%s' and 'int'",
                  td_type_name(v));
    return false;
  }
  if (!td_int_to_i64(ts, v, n)) {
    td_err_clear(ts);
    *n = td_int_sign(v) < 0 ? 0 : INT64_MAX;
  }
  return true;
}

TdValue cond_notify_m(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[1] = {0};
  if (!td_parse_call(ts, "notify", args, nargs, kw, {"n"}, 0, a)) return 0;
  int64_t n = 1;
  if (a[0] && !notify_count(ts, a[0], &n)) return 0;
  return cond_notify_impl(ts, CN(self), n) ? td_none() : 0;
}

TdValue cond_notify_all_m(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "notify_all", nargs, kw)) return 0;
  return cond_notify_impl(ts, CN(self), int64_t(CN(self)->waiters.size())) ? td_none() : 0;
}

// acquire / release / __enter__ / __exit__ go to the lock: straight to a
// Lock's or an RLock's method, through a method call for any other lock.
template <TdVectorFn OnLock, TdVectorFn OnRLock>
TdValue cond_forward(TdThread *ts, TdValue self, const char *name, Args args, int64_t nargs,
                     TdValue kw) {
  TdValue lock = CN(self)->lock;
  if (is_lock(lock)) return OnLock(ts, lock, args, nargs, kw);
  if (is_rlock(lock)) return OnRLock(ts, lock, args, nargs, kw);
  TdRef n(S(ts, name));
  return n ? td_call_method(ts, lock, n.get(), args, nargs, kw) : 0;
}

TdValue cond_acquire_m(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return cond_forward<lock_acquire_m, rlock_acquire_m>(ts, self, "acquire", args, nargs, kw);
}
TdValue cond_release_m(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return cond_forward<lock_release_m, rlock_release_m>(ts, self, "release", args, nargs, kw);
}
TdValue cond_enter(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return cond_forward<lock_enter, rlock_enter>(ts, self, "__enter__", args, nargs, kw);
}
TdValue cond_exit(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return cond_forward<lock_exit, rlock_exit>(ts, self, "__exit__", args, nargs, kw);
}

TdValue cond_is_owned_m(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "_is_owned", nargs, kw)) return 0;
  int r = cond_is_owned(ts, CN(self));
  return r < 0 ? 0 : td_bool(r);
}

TdValue cond_repr(TdThread *ts, TdValue self) {
  std::string lock;
  if (!td_str_to(ts, CN(self)->lock, lock)) return 0;
  return td_str_from(ts, "<Condition(" + lock + ", " +
                             std::to_string(CN(self)->waiters.size()) + ")>");
}

TdValue cond_getattr(TdThread *ts, TdValue self, TdValue name) {
  std::string_view n = td_str_view(name);
  if (const TdMethodDef *m = td_find_method(&CondType, n)) return td_builtin_method_new(ts, self, m);
  if (n == "_lock") return td_newref(CN(self)->lock);
  if (n == "__class__") return td_newref(td_val(&CondType));
  td_err_format(ts, &td_type_AttributeError, "'Condition' object has no attribute '%.*s'",
                int(n.size()), n.data());
  return 0;
}

void cond_dealloc(TdObject *o) {
  CondObj *c = CN(td_val(o));
  std::deque<TdValue> ws;
  ws.swap(c->waiters);
  c->waiters.~deque();
  for (TdValue w : ws) td_decref(w);
  td_decref(c->lock);
  td_free_object(o);
}

TdValue cond_construct(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[1] = {0};
  if (!td_parse_call(ts, "Condition", args, nargs, kw, {"lock"}, 0, a)) return 0;
  TdValue lock;
  if (!a[0] || td_is_none(a[0])) {
    lock = rlock_construct(ts, 0, nullptr, 0, 0);
    if (!lock) return 0;
  } else {
    lock = td_newref(a[0]);
  }
  TdObject *o = td_alloc_object(&CondType, sizeof(CondObj));
  if (!o) {
    td_decref(lock);
    return td_err_nomem(ts);
  }
  CondObj *c = CN(td_val(o));
  c->lock = lock;
  new (&c->waiters) std::deque<TdValue>();
  return td_val(o);
}

const TdMethodDef kCondMethods[] = {
    {"acquire", cond_acquire_m},   {"release", cond_release_m},
    {"wait", cond_wait_m},         {"wait_for", cond_wait_for_m},
    {"notify", cond_notify_m},     {"notify_all", cond_notify_all_m},
    {"notifyAll", cond_notify_all_m},
    {"__enter__", cond_enter},     {"__exit__", cond_exit},
    {"_is_owned", cond_is_owned_m}, {nullptr, nullptr},
};

TdType CondType = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "Condition",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = cond_dealloc,
    .repr = cond_repr,
    .getattr = cond_getattr,
    .construct = cond_construct,
    .methods = kCondMethods,
};

// ---------------------------------------------------------------------------
// Semaphore, BoundedSemaphore
// ---------------------------------------------------------------------------

struct SemObj {
  TdObject ob;
  std::mutex mu;
  std::condition_variable cv;
  int64_t value;
  int64_t initial;
};

SemObj *SM(TdValue v) { return reinterpret_cast<SemObj *>(v); }

bool sem_acquire_impl(TdThread *ts, SemObj *s, bool blocking, double timeout) {
  {
    std::lock_guard<std::mutex> g(s->mu);
    if (s->value > 0) {
      s->value--;
      return true;
    }
  }
  if (!blocking || timeout == 0) return false;
  TdRef keep(td_newref(td_val(s)));
  return block_until(ts, s->mu, s->cv, timeout, [s] {
    if (s->value == 0) return false;
    s->value--;
    return true;
  });
}

TdValue sem_acquire_m(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[2] = {0, 0};
  if (!td_parse_call(ts, "acquire", args, nargs, kw, {"blocking", "timeout"}, 0, a)) return 0;
  bool blocking = true;
  if (a[0]) {
    int t = td_truthy(ts, a[0]);
    if (t < 0) return 0;
    blocking = t;
  }
  if (!blocking && a[1] && !td_is_none(a[1])) {
    td_err_set(ts, &td_type_ValueError, "can't specify timeout for non-blocking acquire");
    return 0;
  }
  double timeout = -1;
  if (a[1] && !td_is_none(a[1])) {
    if (!td_is_int(a[1]) && !td_is_float(a[1])) {
      td_err_format(ts, &td_type_TypeError,
                    "unsupported operand type(s) for +: 'float' and '%s'", td_type_name(a[1]));
      return 0;
    }
    if (!py_timeout(ts, a[1], ">", &timeout)) return 0;
  }
  return td_bool(sem_acquire_impl(ts, SM(self), blocking, timeout));
}

TdValue sem_release_n(TdThread *ts, TdValue self, TdValue nv) {
  SemObj *s = SM(self);
  int64_t n = 1;
  if (nv) {
    if (!td_is_int(nv)) {
      td_err_format(ts, &td_type_TypeError, "'<' not supported between instances of '%s' and 'int'",
                    td_type_name(nv));
      return 0;
    }
    if (!td_int_to_i64(ts, nv, &n)) return 0;
  }
  if (n < 1) {
    td_err_set(ts, &td_type_ValueError, "n must be one or more");
    return 0;
  }
  std::lock_guard<std::mutex> g(s->mu);
  if (td_obj(self)->type == &BoundedSemType && s->value + n > s->initial) {
    td_err_set(ts, &td_type_ValueError, "Semaphore released too many times");
    return 0;
  }
  s->value += n;
  if (n == 1)
    s->cv.notify_one();
  else
    s->cv.notify_all();
  return td_none();
}

TdValue sem_release_m(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[1] = {0};
  if (!td_parse_call(ts, "release", args, nargs, kw, {"n"}, 0, a)) return 0;
  return sem_release_n(ts, self, a[0]);
}

TdValue sem_enter(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  return sem_acquire_m(ts, self, args, nargs, kw);
}

TdValue sem_exit(TdThread *ts, TdValue self, Args, int64_t, TdValue) {
  return sem_release_n(ts, self, 0);
}

TdValue sem_repr(TdThread *ts, TdValue self) {
  SemObj *s = SM(self);
  bool bounded = td_obj(self)->type == &BoundedSemType;
  int64_t v;
  {
    std::lock_guard<std::mutex> g(s->mu);
    v = s->value;
  }
  std::string r = std::string("<threading.") + (bounded ? "BoundedSemaphore" : "Semaphore") +
                  " at " + addr(self) + ": value=" + std::to_string(v);
  if (bounded) r += "/" + std::to_string(s->initial);
  return td_str_from(ts, r + ">");
}

TdValue sem_construct(TdThread *ts, TdValue type, Args args, int64_t nargs, TdValue kw) {
  TdType *t = reinterpret_cast<TdType *>(type);
  TdValue a[1] = {0};
  if (!td_parse_call(ts, t->name, args, nargs, kw, {"value"}, 0, a)) return 0;
  int64_t value = 1;
  if (a[0]) {
    if (!td_is_int(a[0])) {
      td_err_format(ts, &td_type_TypeError, "'<' not supported between instances of '%s' and 'int'",
                    td_type_name(a[0]));
      return 0;
    }
    if (!td_int_to_i64(ts, a[0], &value)) return 0;
  }
  if (value < 0) {
    td_err_set(ts, &td_type_ValueError, "semaphore initial value must be >= 0");
    return 0;
  }
  SemObj *s = sync_alloc<SemObj>(ts, t);
  if (!s) return 0;
  s->value = value;
  s->initial = value;
  return td_val(s);
}

const TdMethodDef kSemMethods[] = {
    {"acquire", sem_acquire_m}, {"release", sem_release_m}, {"__enter__", sem_enter},
    {"__exit__", sem_exit},     {nullptr, nullptr},
};

TdType SemType = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "Semaphore",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = sync_dealloc<SemObj>,
    .repr = sem_repr,
    .construct = sem_construct,
    .methods = kSemMethods,
};

TdType BoundedSemType = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "BoundedSemaphore",
    .base = &SemType,
    .flags = 0,
    .dealloc = sync_dealloc<SemObj>,
    .repr = sem_repr,
    .construct = sem_construct,
    .methods = nullptr,
};

// ---------------------------------------------------------------------------
// Event
// ---------------------------------------------------------------------------

struct EventObj {
  TdObject ob;
  std::mutex mu;
  std::condition_variable cv;
  bool flag;
  uint64_t sets; // counts set() calls that changed the flag: a waiter woken
                 // by one reports True even if clear() came right after
};

EventObj *EV(TdValue v) { return reinterpret_cast<EventObj *>(v); }
bool is_event(TdValue v) { return v && !td_is_small(v) && td_obj(v)->type == &EventType; }

EventObj *event_new(TdThread *ts) {
  EventObj *e = sync_alloc<EventObj>(ts, &EventType);
  if (e) {
    e->flag = false;
    e->sets = 0;
  }
  return e;
}

bool event_is_set(EventObj *e) {
  std::lock_guard<std::mutex> g(e->mu);
  return e->flag;
}

void event_set(EventObj *e) {
  std::lock_guard<std::mutex> g(e->mu);
  if (!e->flag) {
    e->flag = true;
    e->sets++;
    e->cv.notify_all();
  }
}

bool event_wait_impl(TdThread *ts, EventObj *e, double timeout) {
  uint64_t seen;
  {
    std::lock_guard<std::mutex> g(e->mu);
    if (e->flag) return true;
    seen = e->sets;
  }
  if (timeout == 0) return false;
  TdRef keep(td_newref(td_val(e)));
  return block_until(ts, e->mu, e->cv, timeout, [e, seen] { return e->flag || e->sets != seen; });
}

TdValue event_wait_m(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[1] = {0};
  if (!td_parse_call(ts, "wait", args, nargs, kw, {"timeout"}, 0, a)) return 0;
  double timeout;
  if (!py_timeout(ts, a[0], ">", &timeout)) return 0;
  return td_bool(event_wait_impl(ts, EV(self), timeout));
}

TdValue event_set_m(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "set", nargs, kw)) return 0;
  event_set(EV(self));
  return td_none();
}

TdValue event_clear_m(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "clear", nargs, kw)) return 0;
  std::lock_guard<std::mutex> g(EV(self)->mu);
  EV(self)->flag = false;
  return td_none();
}

TdValue event_is_set_m(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "is_set", nargs, kw)) return 0;
  return td_bool(event_is_set(EV(self)));
}

TdValue event_repr(TdThread *ts, TdValue self) {
  return td_str_from(ts, "<threading.Event at " + addr(self) + ": " +
                             (event_is_set(EV(self)) ? "set" : "unset") + ">");
}

TdValue event_construct(TdThread *ts, TdValue, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "Event", nargs, kw)) return 0;
  EventObj *e = event_new(ts);
  return e ? td_val(e) : 0;
}

const TdMethodDef kEventMethods[] = {
    {"wait", event_wait_m},     {"set", event_set_m},       {"clear", event_clear_m},
    {"is_set", event_is_set_m}, {"isSet", event_is_set_m},  {nullptr, nullptr},
};

TdType EventType = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "Event",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = sync_dealloc<EventObj>,
    .repr = event_repr,
    .construct = event_construct,
    .methods = kEventMethods,
};

// ---------------------------------------------------------------------------
// The module's state: what threading.py keeps in module globals.
// ---------------------------------------------------------------------------

struct LocalObj;

struct StateObj {
  TdObject ob;
  TdValue active;             // dict ident -> Thread: _active
  std::vector<TdValue> limbo; // started, not yet running: _limbo (owned)
  TdValue mainThread;         // the _MainThread
  TdValue threadClass;        // Thread
  TdValue dummyClass;         // _DummyThread
  TdValue hookArgsClass;      // ExceptHookArgs
  TdValue defaultHook;        // the excepthook the module was born with
  int64_t counter;            // _counter: "Thread-N", "Dummy-N"
  std::vector<LocalObj *> locals; // live threading.local objects (borrowed)
};

StateObj *ST(TdValue v) { return reinterpret_cast<StateObj *>(v); }

void state_dealloc(TdObject *o) {
  StateObj *s = ST(td_val(o));
  td_decref(s->active);
  for (TdValue v : s->limbo) td_decref(v);
  s->limbo.~vector();
  s->locals.~vector();
  td_decref(s->mainThread);
  td_decref(s->threadClass);
  td_decref(s->dummyClass);
  td_decref(s->hookArgsClass);
  td_decref(s->defaultHook);
  td_free_object(o);
}

TdType StateType = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "_threading_state",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = state_dealloc,
};

// The state a method of the module's classes reaches through its closure.
StateObj *state_of(TdFunction *fn) {
  TdValue cell = td_as_tuple(fn->closure)->items[0];
  return ST(reinterpret_cast<TdCell *>(cell)->ref);
}

void limbo_remove(StateObj *s, TdValue t) {
  for (auto it = s->limbo.begin(); it != s->limbo.end(); ++it)
    if (*it == t) {
      s->limbo.erase(it);
      td_decref(t);
      return;
    }
}

// ---------------------------------------------------------------------------
// local (_thread._local): attributes per thread.  The class itself is built
// below (a real class, so that it can be subclassed); each instance keeps a
// _thread._localimpl in its instance dict under "_local__impl", holding one
// dict per thread and the constructor's arguments, with which a subclass's
// __init__ runs again in every new thread that touches the object.
// ---------------------------------------------------------------------------

struct LocalObj {
  TdObject ob;
  StateObj *state; // owned, or null
  TdValue args;    // owned: the constructor's positional arguments (a tuple)
  TdValue kw;      // owned: its keyword arguments (a dict), or 0
  std::unordered_map<uint64_t, TdValue> dicts; // thread key -> dict (owned)
};

LocalObj *LC(TdValue v) { return reinterpret_cast<LocalObj *>(v); }

void localimpl_dealloc(TdObject *o) {
  LocalObj *l = LC(td_val(o));
  if (StateObj *s = l->state) {
    for (auto it = s->locals.begin(); it != s->locals.end(); ++it)
      if (*it == l) {
        s->locals.erase(it);
        break;
      }
  }
  std::unordered_map<uint64_t, TdValue> dicts;
  dicts.swap(l->dicts);
  l->dicts.~unordered_map();
  for (auto &kv : dicts) td_decref(kv.second);
  td_decref(l->args);
  td_decref(l->kw);
  if (l->state) td_decref(td_val(l->state));
  td_free_object(o);
}

TdType LocalType = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "_thread._localimpl",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = localimpl_dealloc,
};

// A thread is ending: its attributes in every threading.local go.
void locals_forget(TdThread *ts, StateObj *s) {
  uint64_t k = local_key();
  std::vector<TdValue> gone;
  for (LocalObj *l : s->locals) {
    auto it = l->dicts.find(k);
    if (it == l->dicts.end()) continue;
    gone.push_back(it->second);
    l->dicts.erase(it);
  }
  td_keeping_error(ts, [&] {
    for (TdValue d : gone) td_decref(d);
  });
}

// ---------------------------------------------------------------------------
// Thread and friends: classes whose methods are C++ bodies
// ---------------------------------------------------------------------------

template <TdBodyFn B> TdValue direct1(TdThread *ts, TdFunction *f, TdValue a0) {
  TdValue a[1] = {a0};
  return B(ts, f, a);
}
template <TdBodyFn B> TdValue direct2(TdThread *ts, TdFunction *f, TdValue a0, TdValue a1) {
  TdValue a[2] = {a0, a1};
  return B(ts, f, a);
}
template <TdBodyFn B>
TdValue direct5(TdThread *ts, TdFunction *f, TdValue a0, TdValue a1, TdValue a2, TdValue a3,
                TdValue a4) {
  TdValue a[5] = {a0, a1, a2, a3, a4};
  return B(ts, f, a);
}

// --- threading.local's class --------------------------------------------

extern const TdCodeInfo kLocalGetattrCode, kLocalSetattrCode, kLocalDelattrCode;

bool is_code(TdValue fn, const TdCodeInfo *code) {
  return fn && !td_is_small(fn) && td_obj(fn)->type == &td_type_function &&
         reinterpret_cast<TdFunction *>(fn)->code == code;
}

// What the class (MRO) holds for `name`: a borrowed class-dict value or 0.
TdValue class_attr(TdThread *ts, TdType *t, const char *name, bool *ok) {
  TdRef n(S(ts, name));
  TdLookup lk;
  *ok = n && td_type_lookup(ts, t, n.get(), &lk);
  return *ok ? lk.v : 0;
}

LocalObj *local_impl(TdThread *ts, TdValue self) {
  TdValue d = td_instance_dict(ts, self, false);
  TdValue impl = d ? td_dict_get_str(ts, d, "_local__impl") : 0;
  if (impl && !td_is_small(impl) && td_obj(impl)->type == &LocalType) return LC(impl);
  if (!td_err_occurred(ts))
    td_err_format(ts, &td_type_TypeError, "'%s' object is not initialized (_local.__new__ not run)",
                  td_type_name(self));
  return nullptr;
}

// This thread's dict (borrowed) for the local object `self`: made on the
// thread's first use, when the class's own __init__ (if any) runs again
// with the constructor's arguments.
TdValue local_thread_dict(TdThread *ts, TdValue self, LocalObj *impl) {
  uint64_t k = local_key();
  auto it = impl->dicts.find(k);
  if (it != impl->dicts.end()) return it->second;
  TdValue d = td_dict_new(ts);
  if (!d) return 0;
  impl->dicts.emplace(k, d);
  bool ok;
  TdValue init = class_attr(ts, td_type_of(self), "__init__", &ok);
  if (!ok) return 0;
  if (init) {
    TdRef keepSelf(td_newref(self)), keepImpl(td_newref(td_val(impl)));
    int64_t n = td_as_tuple(impl->args)->size;
    TdRef all(td_tuple_new(ts, n + 1));
    if (!all) return 0;
    td_as_tuple(all.get())->items[0] = td_newref(self);
    for (int64_t i = 0; i < n; i++)
      td_as_tuple(all.get())->items[i + 1] = td_newref(td_as_tuple(impl->args)->items[i]);
    TdRef fn(td_newref(init));
    TdRef r(td_call_ex(ts, fn.get(), all.get(), impl->kw));
    if (!r) {
      auto again = impl->dicts.find(k);
      if (again != impl->dicts.end()) {
        TdValue gone = again->second;
        impl->dicts.erase(again);
        td_keeping_error(ts, [&] { td_decref(gone); });
      }
      return 0;
    }
    it = impl->dicts.find(k);
    return it != impl->dicts.end() ? it->second : 0;
  }
  return d;
}

void no_local_attr(TdThread *ts, TdValue self, TdValue name) {
  std::string_view n = td_str_view(name);
  td_err_format(ts, &td_type_AttributeError, "'%s' object has no attribute '%.*s'",
                td_type_name(self), int(n.size()), n.data());
}

// The getattr slot of local and its subclasses: data descriptors of the
// class, then this thread's dict, then the class's other attributes, then
// a __getattr__ the subclass defines (CPython's local_getattro).
TdValue local_getattro(TdThread *ts, TdValue self, TdValue name) {
  LocalObj *impl = local_impl(ts, self);
  if (!impl) return 0;
  TdValue ld = local_thread_dict(ts, self, impl);
  if (!ld) return 0;
  if (td_str_view(name) == "__dict__") return td_newref(ld);
  TdType *t = td_type_of(self);
  TdLookup lk;
  if (!td_type_lookup(ts, t, name, &lk)) return 0;
  if (lk.v && td_is_data_descr(lk.v)) return td_descr_get(ts, lk.v, self, t);
  TdValue v;
  int r = td_dict_find(ts, ld, name, &v);
  if (r < 0) return 0;
  if (r) return td_newref(v);
  TdValue res = td_generic_getattr(ts, self, name);
  if (res || !td_err_is(ts, &td_type_AttributeError)) return res;
  bool ok;
  TdValue hook = class_attr(ts, t, "__getattr__", &ok);
  if (!ok || !hook || is_code(hook, &kLocalGetattrCode)) return 0;
  td_err_clear(ts);
  TdRef h(td_newref(hook));
  return td_call2(ts, h.get(), self, name);
}

int local_setattro(TdThread *ts, TdValue self, TdValue name, TdValue v) {
  if (td_str_view(name) == "__dict__") {
    td_err_format(ts, &td_type_AttributeError, "'%s' object attribute '__dict__' is read-only",
                  td_type_name(self));
    return -1;
  }
  LocalObj *impl = local_impl(ts, self);
  if (!impl) return -1;
  TdValue ld = local_thread_dict(ts, self, impl);
  if (!ld) return -1;
  TdLookup lk;
  if (!td_type_lookup(ts, td_type_of(self), name, &lk)) return -1;
  if (lk.v && td_is_data_descr(lk.v)) return td_generic_setattr(ts, self, name, v);
  if (v) return td_dict_setitem(ts, ld, name, v) < 0 ? -1 : 0;
  TdValue old;
  int r = td_dict_find(ts, ld, name, &old);
  if (r < 0) return -1;
  if (!r) {
    no_local_attr(ts, self, name);
    return -1;
  }
  return td_dict_delitem(ts, ld, name);
}

// The dunders, for subclasses that define their own __setattr__ (and call
// super().__setattr__) and for classes whose slots were reset.
TdValue local_getattr_dunder(TdThread *ts, TdFunction *, Args a) {
  if (!td_is_str(a[1])) {
    td_err_format(ts, &td_type_TypeError, "attribute name must be string, not '%s'",
                  td_type_name(a[1]));
    return 0;
  }
  LocalObj *impl = local_impl(ts, a[0]);
  if (!impl) return 0;
  TdValue ld = local_thread_dict(ts, a[0], impl);
  if (!ld) return 0;
  if (td_str_view(a[1]) == "__dict__") return td_newref(ld);
  TdValue v;
  int r = td_dict_find(ts, ld, a[1], &v);
  if (r < 0) return 0;
  if (r) return td_newref(v);
  no_local_attr(ts, a[0], a[1]);
  return 0;
}

TdValue local_setattr_dunder(TdThread *ts, TdFunction *, Args a) {
  if (!td_is_str(a[1])) {
    td_err_format(ts, &td_type_TypeError, "attribute name must be string, not '%s'",
                  td_type_name(a[1]));
    return 0;
  }
  return local_setattro(ts, a[0], a[1], a[2]) < 0 ? 0 : td_none();
}

TdValue local_delattr_dunder(TdThread *ts, TdFunction *, Args a) {
  if (!td_is_str(a[1])) {
    td_err_format(ts, &td_type_TypeError, "attribute name must be string, not '%s'",
                  td_type_name(a[1]));
    return 0;
  }
  return local_setattro(ts, a[0], a[1], 0) < 0 ? 0 : td_none();
}

// Points cls's attribute slots at local_getattro / local_setattro unless
// the class defines its own __setattr__ / __delattr__.
bool local_patch_slots(TdThread *ts, TdType *cls) {
  bool ok1, ok2;
  TdValue sa = class_attr(ts, cls, "__setattr__", &ok1);
  TdValue da = class_attr(ts, cls, "__delattr__", &ok2);
  if (!ok1 || !ok2) return false;
  cls->getattr = local_getattro;
  if (is_code(sa, &kLocalSetattrCode) && is_code(da, &kLocalDelattrCode))
    cls->setattr = local_setattro;
  return true;
}

// _local.__new__(cls, /, *args, **kw)
TdValue local_new(TdThread *ts, TdFunction *fn, Args a) {
  TdValue cls = a[0], args = a[1], kw = a[2];
  if (!td_is_type(cls) || !td_is_heaptype(reinterpret_cast<TdType *>(cls))) {
    td_err_set(ts, &td_type_TypeError, "_local.__new__(X): X is not a subtype of _local");
    return 0;
  }
  TdType *t = reinterpret_cast<TdType *>(cls);
  bool ok;
  TdValue init = class_attr(ts, t, "__init__", &ok);
  if (!ok) return 0;
  bool given = td_as_tuple(args)->size > 0 || (kw && td_is_dict(kw) && td_dict_size(kw) > 0);
  if (given && !init) {
    td_err_set(ts, &td_type_TypeError, "Initialization arguments are not supported");
    return 0;
  }
  TdRef self(td_class_alloc(ts, t, nullptr, 0, 0));
  if (!self) return 0;
  TdValue d = td_instance_dict(ts, self.get(), true);
  if (!d) return 0;
  TdObject *o = td_alloc_object(&LocalType, sizeof(LocalObj));
  if (!o) return td_err_nomem(ts);
  TdRef impl(td_val(o));
  LocalObj *l = LC(impl.get());
  new (&l->dicts) std::unordered_map<uint64_t, TdValue>();
  l->args = td_newref(args);
  l->kw = kw && td_is_dict(kw) && td_dict_size(kw) > 0 ? td_newref(kw) : 0;
  StateObj *s = state_of(fn);
  l->state = s;
  td_incref(td_val(s));
  s->locals.push_back(l);
  // The creating thread's dict: its __init__ is the constructor's own.
  TdValue mine = td_dict_new(ts);
  if (!mine) return 0;
  l->dicts.emplace(local_key(), mine);
  if (td_dict_set_str(ts, d, "_local__impl", impl.get()) < 0) return 0;
  if (!local_patch_slots(ts, t)) return 0;
  return self.release();
}

// self's instance dict (borrowed); AttributeError for non-instances.
TdValue tdict(TdThread *ts, TdValue self, const char *attr) {
  TdValue d = td_instance_dict(ts, self, true);
  if (!d)
    td_err_format(ts, &td_type_AttributeError, "'%s' object has no attribute '%s'",
                  td_type_name(self), attr);
  return d;
}

// A borrowed value of the instance dict, falling back on the class
// (Thread._initialized = False); 0 when absent (no error set).
TdValue dget(TdThread *ts, TdValue self, TdValue d, const char *k) {
  TdValue v = td_dict_get_str(ts, d, k);
  if (v || td_err_occurred(ts)) return v;
  TdType *t = td_type_of(self);
  if (t->dict) return td_dict_get_str(ts, t->dict, k);
  return 0;
}

bool dset(TdThread *ts, TdValue d, const char *k, TdValue v) {
  return td_dict_set_str(ts, d, k, v) >= 0;
}

// self._initialized as a bool; -1 on error.
int initialized(TdThread *ts, TdValue self, TdValue d) {
  TdValue v = dget(ts, self, d, "_initialized");
  if (!v) {
    if (td_err_occurred(ts)) return -1;
    for (TdType *t = td_type_of(self); t; t = t->base)
      if (td_is_heaptype(t) && t->dict && (v = td_dict_get_str(ts, t->dict, "_initialized"))) break;
    if (!v) return 0;
  }
  return td_truthy(ts, v);
}

// The _started Event of an initialized thread.
EventObj *started_event(TdThread *ts, TdValue self, TdValue d) {
  TdValue e = dget(ts, self, d, "_started");
  if (!is_event(e)) {
    if (!td_err_occurred(ts))
      td_err_format(ts, &td_type_AttributeError, "'%s' object has no attribute '_started'",
                    td_type_name(self));
    return nullptr;
  }
  return EV(e);
}

bool require_init(TdThread *ts, TdValue self, TdValue d, TdType *exc, const char *msg) {
  int i = initialized(ts, self, d);
  if (i < 0) return false;
  if (!i) {
    td_err_set(ts, exc, msg);
    return false;
  }
  return true;
}

TdValue current_thread(TdThread *ts, StateObj *s);

// Thread.__init__(self, group=None, target=None, name=None, args=(),
//                 kwargs=None, *, daemon=None)
TdValue thread_init_impl(TdThread *ts, StateObj *s, Args a, const char *prefix = "Thread-") {
  TdValue self = a[0], group = a[1], target = a[2], name = a[3], targs = a[4], kwargs = a[5],
          daemon = a[6];
  if (!td_is_none(group)) {
    td_err_set(ts, &td_type_AssertionError, "group argument must be None for now");
    return 0;
  }
  TdValue d = tdict(ts, self, "__dict__");
  if (!d) return 0;
  TdRef kw(td_is_none(kwargs) ? td_dict_new(ts) : td_newref(kwargs));
  if (!kw) return 0;
  TdRef nm;
  int t = td_truthy(ts, name);
  if (t < 0) return 0;
  if (t) {
    nm = TdRef(td_str(ts, name));
  } else {
    std::string n = prefix + std::to_string(++s->counter);
    if (!td_is_none(target)) {
      TdValue tn = getattr_s(ts, target, "__name__");
      if (tn) {
        TdRef hold(tn);
        std::string x;
        if (!td_str_to(ts, tn, x)) return 0;
        n += " (" + x + ")";
      } else if (td_err_is(ts, &td_type_AttributeError)) {
        td_err_clear(ts);
      } else {
        return 0;
      }
    }
    nm = TdRef(td_str_from(ts, n));
  }
  if (!nm) return 0;
  TdRef dm;
  if (!td_is_none(daemon)) {
    dm = TdRef(td_newref(daemon));
  } else {
    TdRef cur(current_thread(ts, s));
    if (!cur) return 0;
    dm = TdRef(getattr_s(ts, cur.get(), "daemon"));
    if (!dm) return 0;
  }
  EventObj *started = event_new(ts);
  if (!started) return 0;
  TdRef st(td_val(started));
  if (!dset(ts, d, "_target", target) || !dset(ts, d, "_name", nm.get()) ||
      !dset(ts, d, "_args", targs) || !dset(ts, d, "_kwargs", kw.get()) ||
      !dset(ts, d, "_daemonic", dm.get()) || !dset(ts, d, "_ident", td_none()) ||
      !dset(ts, d, "_native_id", td_none()) || !dset(ts, d, "_tstate_lock", td_none()) ||
      !dset(ts, d, "_started", st.get()) || !dset(ts, d, "_is_stopped", td_bool(false)) ||
      !dset(ts, d, "_initialized", td_bool(true)))
    return 0;
  return td_none();
}

TdValue thread_init(TdThread *ts, TdFunction *fn, Args a) {
  return thread_init_impl(ts, state_of(fn), a);
}

// Writes "Exception in thread NAME:" and the traceback of exc to sys.stderr
// (CPython's _thread._excepthook).  `thread` may be None.
void print_thread_exception(TdThread *ts, TdValue excType, TdValue exc, TdValue thread) {
  if (excType == td_val(&td_type_SystemExit)) return; // silently ignored
  TdRef sys(td_import(ts, "sys"));
  if (!sys) {
    td_err_clear(ts);
    return;
  }
  TdRef err(getattr_s(ts, sys.get(), "stderr"));
  if (!err || td_is_none(err.get())) {
    td_err_clear(ts);
    return;
  }
  std::string name;
  bool named = false;
  if (thread && !td_is_none(thread)) {
    TdRef n(getattr_s(ts, thread, "name"));
    if (n && td_str_to(ts, n.get(), name)) named = true;
    td_err_clear(ts);
  }
  if (!named) name = std::to_string(self_ident());
  std::string text = "Exception in thread " + name + ":\n";
  if (exc && !td_is_none(exc) && td_isinstance(exc, &td_type_BaseException)) {
    text += td_format_exception(ts, exc);
  } else {
    std::string tn = td_is_type(excType) ? td_type_qualname(reinterpret_cast<TdType *>(excType))
                                         : "NoneType";
    text += tn + "\n";
  }
  td_stream_write(ts, err.get(), text);
  td_stream_flush(ts, err.get());
  td_err_clear(ts);
}

// threading.excepthook(args): the default hook.
TdValue excepthook_fn(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "excepthook", kw) || !td_check_nargs(ts, "excepthook", nargs, 1, 1))
    return 0;
  TdRef et(getattr_s(ts, args[0], "exc_type"));
  if (!et) return 0;
  TdRef ev(getattr_s(ts, args[0], "exc_value"));
  if (!ev) return 0;
  TdRef th(getattr_s(ts, args[0], "thread"));
  if (!th) return 0;
  print_thread_exception(ts, et.get(), ev.get(), th.get());
  return td_none();
}

// The pending exception escaped run(): threading.excepthook reports it.
void report_exception(TdThread *ts, StateObj *s, TdValue self) {
  TdValue exc = td_err_fetch(ts);
  if (!exc) return;
  TdRef hold(exc);
  TdValue excType = td_val(td_type_of(exc));
  TdValue hook = 0;
  if (TdValue mod = td_dict_get_str(ts, ts->rt->modules, "threading"))
    hook = td_dict_get_str(ts, reinterpret_cast<TdModule *>(mod)->dict, "excepthook");
  td_err_clear(ts);
  if (!hook || hook == s->defaultHook) {
    print_thread_exception(ts, excType, exc, self);
    return;
  }
  TdRef h(td_newref(hook));
  TdRef hargs(td_call0(ts, s->hookArgsClass));
  if (hargs && setattr_s(ts, hargs.get(), "exc_type", excType) == 0 &&
      setattr_s(ts, hargs.get(), "exc_value", exc) == 0 &&
      setattr_s(ts, hargs.get(), "exc_traceback", td_none()) == 0 &&
      setattr_s(ts, hargs.get(), "thread", self) == 0) {
    TdRef r(td_call1(ts, h.get(), hargs.get()));
    if (r) return;
  }
  // The hook itself failed: CPython reports that through sys.excepthook.
  TdValue e2 = td_err_fetch(ts);
  if (!e2) return;
  TdRef hold2(e2);
  TdRef sys(td_import(ts, "sys"));
  TdRef err(sys ? getattr_s(ts, sys.get(), "stderr") : 0);
  if (err && !td_is_none(err.get())) {
    td_stream_write(ts, err.get(),
                    "Exception in threading.excepthook:\n" + td_format_exception(ts, e2));
    td_stream_flush(ts, err.get());
  }
  td_err_clear(ts);
}

// Records the calling OS thread as self's (_ident, _native_id; d is self's
// instance dict) and puts self in _active.
bool register_thread(TdThread *ts, StateObj *s, TdValue self, TdValue d) {
  TdRef ident(td_int_from_i64(ts, int64_t(self_ident())));
  TdRef nid(td_int_from_i64(ts, self_native_id()));
  return ident && nid && dset(ts, d, "_ident", ident.get()) &&
         dset(ts, d, "_native_id", nid.get()) &&
         td_dict_setitem(ts, s->active, ident.get(), self) >= 0;
}

// A fresh locked _tstate_lock in d (join() and is_alive() watch it): a new
// reference, or null on error.
LockObj *new_tstate_lock(TdThread *ts, TdValue d) {
  LockObj *tl = lock_new(ts, true);
  if (tl && !dset(ts, d, "_tstate_lock", td_val(tl))) {
    td_decref(td_val(tl));
    return nullptr;
  }
  return tl;
}

// The new OS thread's life: Thread._bootstrap_inner.
void bootstrap(TdThread *ts, StateObj *s, TdValue self) {
  TdValue d = td_instance_dict(ts, self, true);
  if (!d) return;
  TdValue st = td_dict_get_str(ts, d, "_started");
  EventObj *started = is_event(st) ? EV(st) : nullptr;
  TdRef keepStarted(started ? td_newref(st) : 0);
  LockObj *tl = started ? new_tstate_lock(ts, d) : nullptr;
  TdRef tlock(tl ? td_val(tl) : 0);
  bool ok = tl && register_thread(ts, s, self, d);
  if (started) event_set(started);
  limbo_remove(s, self);
  if (ok) {
    TdValue r = call_method_s(ts, self, "run", nullptr, 0);
    if (r)
      td_decref(r);
    else
      report_exception(ts, s, self);
  } else {
    report_exception(ts, s, self);
  }
  // _delete: leave _active.
  if (TdRef ident{td_int_from_i64(ts, int64_t(self_ident()))}) {
    TdValue cur;
    if (td_dict_find(ts, s->active, ident.get(), &cur) == 1 && cur == self)
      td_dict_delitem(ts, s->active, ident.get());
    td_err_clear(ts);
  }
  locals_forget(ts, s);
  // The thread state is gone: joiners may go on.
  if (tl) lock_release_impl(tl);
  td_err_clear(ts);
}

TdValue thread_start(TdThread *ts, TdFunction *fn, Args a) {
  StateObj *s = state_of(fn);
  TdValue self = a[0];
  TdValue d = tdict(ts, self, "_initialized");
  if (!d || !require_init(ts, self, d, &td_type_RuntimeError, "thread.__init__() not called"))
    return 0;
  EventObj *started = started_event(ts, self, d);
  if (!started) return 0;
  if (event_is_set(started)) {
    td_err_set(ts, &td_type_RuntimeError, "threads can only be started once");
    return 0;
  }
  TdValue dm = dget(ts, self, d, "_daemonic");
  int daemon = dm ? td_truthy(ts, dm) : 0;
  if (daemon < 0) return 0;
  TdRef keepStarted(td_newref(td_val(started)));
  s->limbo.push_back(td_newref(self));
  td_incref(self);
  td_incref(td_val(s));
  bool ok = td_thread_spawn(
      ts,
      [s, self](TdThread *me) {
        bootstrap(me, s, self);
        td_decref(self);
        td_decref(td_val(s));
      },
      daemon != 0);
  if (!ok) {
    td_keeping_error(ts, [&] {
      limbo_remove(s, self);
      td_decref(self);
      td_decref(td_val(s));
    });
    return 0;
  }
  event_wait_impl(ts, started, -1);
  return td_none();
}

// How CPython's messages about a call's * / ** arguments name the callee.
std::string callee_name(TdThread *ts, TdValue target) {
  TdRef q(getattr_s(ts, target, "__qualname__"));
  std::string name = q && td_is_str(q.get()) ? std::string(td_str_view(q.get())) + "()"
                                             : std::string(td_type_name(target)) + " object";
  td_err_clear(ts);
  return name;
}

TdValue call_target(TdThread *ts, TdValue target, TdValue targs, TdValue kwargs) {
  if (!td_is_tuple(targs) && !td_is_list(targs) && !td_type_of(targs)->iter) {
    td_err_format(ts, &td_type_TypeError, "%s argument after * must be an iterable, not %s",
                  callee_name(ts, target).c_str(), td_type_name(targs));
    return 0;
  }
  if (!td_is_none(kwargs) && !td_is_dict(kwargs)) {
    td_err_format(ts, &td_type_TypeError, "%s argument after ** must be a mapping, not %s",
                  callee_name(ts, target).c_str(), td_type_name(kwargs));
    return 0;
  }
  return td_call_ex(ts, target, targs, kwargs);
}

// run(): calls the target, then drops _target, _args and _kwargs.
TdValue thread_run(TdThread *ts, TdFunction *, Args a) {
  TdValue self = a[0];
  TdRef target(getattr_s(ts, self, "_target"));
  if (!target) return 0;
  TdValue r = td_none();
  if (!td_is_none(target.get())) {
    TdRef targs(getattr_s(ts, self, "_args"));
    TdRef kwargs(targs ? getattr_s(ts, self, "_kwargs") : 0);
    r = kwargs ? call_target(ts, target.get(), targs.get(), kwargs.get()) : 0;
  }
  // finally: del self._target, self._args, self._kwargs
  TdValue exc = r ? 0 : td_err_fetch(ts);
  bool deleted = true;
  for (const char *n : {"_target", "_args", "_kwargs"}) {
    TdRef name(S(ts, n));
    if (!name || td_delattr(ts, self, name.get()) < 0) {
      deleted = false;
      break;
    }
  }
  if (!deleted) { // the finally clause's error wins
    td_decref(r);
    td_decref(exc);
    return 0;
  }
  if (exc) {
    td_err_restore(ts, exc);
    td_decref(exc);
  }
  return r;
}

// _wait_for_tstate_lock(block, timeout).  false on error.
bool wait_for_tstate_lock(TdThread *ts, TdValue self, TdValue d, bool block, double timeout) {
  TdValue lock = td_dict_get_str(ts, d, "_tstate_lock");
  if (!lock || !is_lock(lock)) return !td_err_occurred(ts);
  TdRef keep(td_newref(lock));
  if (lock_acquire_impl(ts, LK(lock), block, timeout)) {
    lock_release_impl(LK(lock));
    // _stop()
    return dset(ts, d, "_is_stopped", td_bool(true)) && dset(ts, d, "_tstate_lock", td_none());
  }
  return true;
}

TdValue thread_join(TdThread *ts, TdFunction *fn, Args a) {
  StateObj *s = state_of(fn);
  TdValue self = a[0];
  TdValue d = tdict(ts, self, "_initialized");
  if (!d || !require_init(ts, self, d, &td_type_RuntimeError, "Thread.__init__() not called"))
    return 0;
  EventObj *started = started_event(ts, self, d);
  if (!started) return 0;
  if (!event_is_set(started)) {
    td_err_set(ts, &td_type_RuntimeError, "cannot join thread before it is started");
    return 0;
  }
  TdRef cur(current_thread(ts, s));
  if (!cur) return 0;
  if (cur.get() == self) {
    td_err_set(ts, &td_type_RuntimeError, "cannot join current thread");
    return 0;
  }
  double timeout;
  if (!py_timeout(ts, a[1], ">", &timeout, true)) return 0;
  TdRef keep(td_newref(self));
  return wait_for_tstate_lock(ts, self, d, true, timeout) ? td_none() : 0;
}

TdValue thread_is_alive(TdThread *ts, TdFunction *, Args a) {
  TdValue self = a[0];
  TdValue d = tdict(ts, self, "_initialized");
  if (!d || !require_init(ts, self, d, &td_type_AssertionError, "Thread.__init__() not called"))
    return 0;
  TdValue stopped = dget(ts, self, d, "_is_stopped");
  int st = stopped ? td_truthy(ts, stopped) : 0;
  if (st < 0) return 0;
  EventObj *started = started_event(ts, self, d);
  if (!started) return 0;
  if (st || !event_is_set(started)) return td_bool(false);
  if (!wait_for_tstate_lock(ts, self, d, false, -1)) return 0;
  stopped = dget(ts, self, d, "_is_stopped");
  st = stopped ? td_truthy(ts, stopped) : 0;
  if (st < 0) return 0;
  return td_bool(!st);
}

TdValue thread_repr(TdThread *ts, TdFunction *, Args a) {
  TdValue self = a[0];
  TdValue d = tdict(ts, self, "_initialized");
  if (!d ||
      !require_init(ts, self, d, &td_type_AssertionError, "Thread.__init__() was not called"))
    return 0;
  EventObj *started = started_event(ts, self, d);
  if (!started) return 0;
  std::string status = event_is_set(started) ? "started" : "initial";
  TdRef alive(call_method_s(ts, self, "is_alive", nullptr, 0));
  if (!alive) return 0;
  TdValue v = dget(ts, self, d, "_is_stopped");
  int t = v ? td_truthy(ts, v) : 0;
  if (t < 0) return 0;
  if (t) status = "stopped";
  v = dget(ts, self, d, "_daemonic");
  t = v ? td_truthy(ts, v) : 0;
  if (t < 0) return 0;
  if (t) status += " daemon";
  v = dget(ts, self, d, "_ident");
  if (v && !td_is_none(v)) {
    std::string id;
    if (!td_str_to(ts, v, id)) return 0;
    status += " " + id;
  }
  std::string name;
  v = dget(ts, self, d, "_name");
  if (v && !td_str_to(ts, v, name)) return 0;
  return td_str_from(ts, std::string("<") + td_type_of(self)->name + "(" + name + ", " + status +
                             ")>");
}

// Property getters/setters and the old-style accessors.
TdValue getter(TdThread *ts, TdValue self, const char *key) {
  TdValue d = tdict(ts, self, key);
  if (!d || !require_init(ts, self, d, &td_type_AssertionError, "Thread.__init__() not called"))
    return 0;
  TdValue v = dget(ts, self, d, key);
  if (!v) {
    if (!td_err_occurred(ts))
      td_err_format(ts, &td_type_AttributeError, "'%s' object has no attribute '%s'",
                    td_type_name(self), key);
    return 0;
  }
  return td_newref(v);
}

TdValue thread_name_get(TdThread *ts, TdFunction *, Args a) { return getter(ts, a[0], "_name"); }
TdValue thread_ident_get(TdThread *ts, TdFunction *, Args a) { return getter(ts, a[0], "_ident"); }
TdValue thread_native_id_get(TdThread *ts, TdFunction *, Args a) {
  return getter(ts, a[0], "_native_id");
}
TdValue thread_daemon_get(TdThread *ts, TdFunction *, Args a) {
  return getter(ts, a[0], "_daemonic");
}

TdValue thread_name_set(TdThread *ts, TdFunction *, Args a) {
  TdValue d = tdict(ts, a[0], "_name");
  if (!d || !require_init(ts, a[0], d, &td_type_AssertionError, "Thread.__init__() not called"))
    return 0;
  TdRef s(td_str(ts, a[1]));
  return s && dset(ts, d, "_name", s.get()) ? td_none() : 0;
}

TdValue thread_daemon_set(TdThread *ts, TdFunction *, Args a) {
  TdValue d = tdict(ts, a[0], "_daemonic");
  if (!d || !require_init(ts, a[0], d, &td_type_RuntimeError, "Thread.__init__() not called"))
    return 0;
  EventObj *started = started_event(ts, a[0], d);
  if (!started) return 0;
  if (event_is_set(started)) {
    td_err_set(ts, &td_type_RuntimeError, "cannot set daemon status of active thread");
    return 0;
  }
  return dset(ts, d, "_daemonic", a[1]) ? td_none() : 0;
}

TdValue thread_getName(TdThread *ts, TdFunction *, Args a) { return getattr_s(ts, a[0], "name"); }
TdValue thread_setName(TdThread *ts, TdFunction *, Args a) {
  return setattr_s(ts, a[0], "name", a[1]) < 0 ? 0 : td_none();
}
TdValue thread_isDaemon(TdThread *ts, TdFunction *, Args a) {
  return getattr_s(ts, a[0], "daemon");
}
TdValue thread_setDaemon(TdThread *ts, TdFunction *, Args a) {
  return setattr_s(ts, a[0], "daemon", a[1]) < 0 ? 0 : td_none();
}

// The main thread's ident and native id, and its place in _active.
bool main_thread_register(TdThread *ts, StateObj *s, TdValue self) {
  TdValue d = td_instance_dict(ts, self, true);
  return d && register_thread(ts, s, self, d);
}

// _MainThread.__init__(self)
TdValue main_init(TdThread *ts, TdFunction *fn, Args a) {
  StateObj *s = state_of(fn);
  TdRef name(S(ts, "MainThread"));
  TdRef empty(td_empty_tuple(ts));
  if (!name || !empty) return 0;
  TdValue args[7] = {a[0],         td_none(), td_none(), name.get(), empty.get(),
                     td_none(),    td_bool(false)};
  TdRef r(thread_init_impl(ts, s, args));
  if (!r) return 0;
  TdValue d = td_instance_dict(ts, a[0], true);
  LockObj *tl = new_tstate_lock(ts, d); // held for the whole life of the process
  if (!tl) return 0;
  td_decref(td_val(tl));
  event_set(EV(td_dict_get_str(ts, d, "_started")));
  // Imported first by another thread (runtime code): the main thread gets
  // its ident when it first asks for current_thread().
  if (ts != ts->rt->mainThread.get()) return td_none();
  return main_thread_register(ts, s, a[0]) ? td_none() : 0;
}

// _DummyThread.__init__(self): a thread threading did not start.
TdValue dummy_init(TdThread *ts, TdFunction *fn, Args a) {
  StateObj *s = state_of(fn);
  TdRef empty(td_empty_tuple(ts));
  if (!empty) return 0;
  TdValue args[7] = {a[0], td_none(), td_none(), td_none(), empty.get(), td_none(), td_bool(true)};
  TdRef r(thread_init_impl(ts, s, args, "Dummy-"));
  if (!r) return 0;
  TdValue d = td_instance_dict(ts, a[0], true);
  if (!register_thread(ts, s, a[0], d)) return 0;
  event_set(EV(td_dict_get_str(ts, d, "_started")));
  return td_none();
}

TdValue dummy_is_alive(TdThread *ts, TdFunction *, Args a) {
  TdValue d = tdict(ts, a[0], "_is_stopped");
  if (!d) return 0;
  return td_bool(true);
}

TdValue dummy_join(TdThread *ts, TdFunction *, Args) {
  td_err_set(ts, &td_type_AssertionError, "cannot join a dummy thread");
  return 0;
}

// Timer.__init__(self, interval, function, args=None, kwargs=None)
TdValue timer_init(TdThread *ts, TdFunction *fn, Args a) {
  StateObj *s = state_of(fn);
  TdRef empty(td_empty_tuple(ts));
  if (!empty) return 0;
  TdValue targs[7] = {a[0], td_none(), td_none(), td_none(), empty.get(), td_none(), td_none()};
  TdRef r(thread_init_impl(ts, s, targs));
  if (!r) return 0;
  TdRef args(td_is_none(a[3]) ? td_list_new(ts, 0) : td_newref(a[3]));
  TdRef kwargs(td_is_none(a[4]) ? td_dict_new(ts) : td_newref(a[4]));
  EventObj *e = event_new(ts);
  TdRef fin(e ? td_val(e) : 0);
  if (!args || !kwargs || !fin) return 0;
  if (setattr_s(ts, a[0], "interval", a[1]) < 0 || setattr_s(ts, a[0], "function", a[2]) < 0 ||
      setattr_s(ts, a[0], "args", args.get()) < 0 ||
      setattr_s(ts, a[0], "kwargs", kwargs.get()) < 0 ||
      setattr_s(ts, a[0], "finished", fin.get()) < 0)
    return 0;
  return td_none();
}

TdValue timer_run(TdThread *ts, TdFunction *, Args a) {
  TdValue self = a[0];
  TdRef fin(getattr_s(ts, self, "finished"));
  if (!fin) return 0;
  TdRef interval(getattr_s(ts, self, "interval"));
  if (!interval) return 0;
  TdValue iv = interval.get();
  TdRef w(call_method_s(ts, fin.get(), "wait", &iv, 1));
  if (!w) return 0;
  TdRef isset(call_method_s(ts, fin.get(), "is_set", nullptr, 0));
  if (!isset) return 0;
  int t = td_truthy(ts, isset.get());
  if (t < 0) return 0;
  if (!t) {
    TdRef f(getattr_s(ts, self, "function"));
    TdRef fa(f ? getattr_s(ts, self, "args") : 0);
    TdRef fk(fa ? getattr_s(ts, self, "kwargs") : 0);
    if (!fk) return 0;
    TdRef r(call_target(ts, f.get(), fa.get(), fk.get()));
    if (!r) return 0;
  }
  TdRef done(call_method_s(ts, fin.get(), "set", nullptr, 0));
  return done ? td_none() : 0;
}

TdValue timer_cancel(TdThread *ts, TdFunction *, Args a) {
  TdRef fin(getattr_s(ts, a[0], "finished"));
  if (!fin) return 0;
  return call_method_s(ts, fin.get(), "set", nullptr, 0);
}

const char *const kSelf[] = {"self"};
const char *const kSelfTimeout[] = {"self", "timeout"};
const char *const kSelfValue[] = {"self", "value"};
const char *const kSelfName[] = {"self", "name"};
const char *const kSelfDaemonic[] = {"self", "daemonic"};
const char *const kThreadInit[] = {"self", "group", "target", "name", "args", "kwargs", "daemon"};
const char *const kTimerInit[] = {"self", "interval", "function", "args", "kwargs"};

#define CODE1(var, name, qual, body)                                                               \
  const TdCodeInfo var = {name, qual, kFile, kSelf, body, 0, 1, 0, 0, 0, 1,                        \
                          reinterpret_cast<void *>(&direct1<body>)}
#define CODE2(var, name, qual, params, body)                                                       \
  const TdCodeInfo var = {name, qual, kFile, params, body, 0, 2, 0, 0, 0, 2,                       \
                          reinterpret_cast<void *>(&direct2<body>)}

template <TdBodyFn B>
TdValue direct3(TdThread *ts, TdFunction *f, TdValue a0, TdValue a1, TdValue a2) {
  TdValue a[3] = {a0, a1, a2};
  return B(ts, f, a);
}

const char *const kLocalNew[] = {"cls", "args", "kw"};
const char *const kSelfNameValue[] = {"self", "name", "value"};
const TdCodeInfo kLocalNewCode = {"__new__", "_local.__new__", kFile, kLocalNew, local_new, 0, 1,
                                  1, 0, TD_CO_VARARGS | TD_CO_VARKW, 3, nullptr};
CODE2(kLocalGetattrCode, "__getattr__", "_local.__getattr__", kSelfName, local_getattr_dunder);
const TdCodeInfo kLocalSetattrCode = {
    "__setattr__", "_local.__setattr__", kFile, kSelfNameValue, local_setattr_dunder, 0, 3, 0, 0, 0,
    3, reinterpret_cast<void *>(&direct3<local_setattr_dunder>)};
CODE2(kLocalDelattrCode, "__delattr__", "_local.__delattr__", kSelfName, local_delattr_dunder);

const TdCodeInfo kThreadInitCode = {
    "__init__", "Thread.__init__", kFile, kThreadInit, thread_init, 0, 6, 0, 1, 0, 7, nullptr};
CODE1(kStartCode, "start", "Thread.start", thread_start);
CODE1(kRunCode, "run", "Thread.run", thread_run);
CODE2(kJoinCode, "join", "Thread.join", kSelfTimeout, thread_join);
CODE1(kIsAliveCode, "is_alive", "Thread.is_alive", thread_is_alive);
CODE1(kReprCode, "__repr__", "Thread.__repr__", thread_repr);
CODE1(kNameGetCode, "name", "Thread.name", thread_name_get);
CODE2(kNameSetCode, "name", "Thread.name", kSelfName, thread_name_set);
CODE1(kIdentCode, "ident", "Thread.ident", thread_ident_get);
CODE1(kNativeIdCode, "native_id", "Thread.native_id", thread_native_id_get);
CODE1(kDaemonGetCode, "daemon", "Thread.daemon", thread_daemon_get);
CODE2(kDaemonSetCode, "daemon", "Thread.daemon", kSelfDaemonic, thread_daemon_set);
CODE1(kGetNameCode, "getName", "Thread.getName", thread_getName);
CODE2(kSetNameCode, "setName", "Thread.setName", kSelfName, thread_setName);
CODE1(kIsDaemonCode, "isDaemon", "Thread.isDaemon", thread_isDaemon);
CODE2(kSetDaemonCode, "setDaemon", "Thread.setDaemon", kSelfDaemonic, thread_setDaemon);
CODE1(kMainInitCode, "__init__", "_MainThread.__init__", main_init);
CODE1(kDummyInitCode, "__init__", "_DummyThread.__init__", dummy_init);
CODE1(kDummyIsAliveCode, "is_alive", "_DummyThread.is_alive", dummy_is_alive);
CODE2(kDummyJoinCode, "join", "_DummyThread.join", kSelfTimeout, dummy_join);
const TdCodeInfo kTimerInitCode = {"__init__", "Timer.__init__", kFile, kTimerInit, timer_init,
                                   0, 5, 0, 0, 0, 5, reinterpret_cast<void *>(&direct5<timer_init>)};
CODE1(kTimerRunCode, "run", "Timer.run", timer_run);
CODE1(kTimerCancelCode, "cancel", "Timer.cancel", timer_cancel);

// ---------------------------------------------------------------------------
// Module functions (their `self` is the state object)
// ---------------------------------------------------------------------------

TdValue current_thread(TdThread *ts, StateObj *s) {
  TdRef ident(td_int_from_i64(ts, int64_t(self_ident())));
  if (!ident) return 0;
  TdValue t;
  int r = td_dict_find(ts, s->active, ident.get(), &t);
  if (r < 0) return 0;
  if (r) return td_newref(t);
  if (ts == ts->rt->mainThread.get() && s->mainThread) {
    if (!main_thread_register(ts, s, s->mainThread)) return 0;
    return td_newref(s->mainThread);
  }
  return td_call0(ts, s->dummyClass);
}

TdValue f_current_thread(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "current_thread", nargs, kw)) return 0;
  return current_thread(ts, ST(self));
}

TdValue f_main_thread(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "main_thread", nargs, kw)) return 0;
  return td_newref(ST(self)->mainThread);
}

TdValue f_get_ident(TdThread *ts, TdValue, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "get_ident", nargs, kw)) return 0;
  return td_int_from_i64(ts, int64_t(self_ident()));
}

TdValue f_get_native_id(TdThread *ts, TdValue, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "get_native_id", nargs, kw)) return 0;
  return td_int_from_i64(ts, self_native_id());
}

TdValue f_active_count(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "active_count", nargs, kw)) return 0;
  StateObj *s = ST(self);
  return td_int_from_i64(ts, td_dict_size(s->active) + int64_t(s->limbo.size()));
}

TdValue f_enumerate(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "enumerate", nargs, kw)) return 0;
  StateObj *s = ST(self);
  TdRef list(td_list_new(ts, 0));
  if (!list) return 0;
  int64_t pos = 0;
  TdValue k, v;
  while (td_dict_next(s->active, &pos, &k, &v))
    if (td_list_append(ts, list.get(), v) < 0) return 0;
  for (TdValue t : s->limbo)
    if (td_list_append(ts, list.get(), t) < 0) return 0;
  return list.release();
}

TdValue f_noop1(TdThread *ts, TdValue, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "settrace", kw) || !td_check_nargs(ts, "settrace", nargs, 1, 1)) return 0;
  return td_none();
}

TdValue f_stack_size(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "stack_size", kw) || !td_check_nargs(ts, "stack_size", nargs, 0, 1))
    return 0;
  if (nargs == 1) {
    int64_t n;
    if (!td_index(ts, args[0], &n)) return 0;
    if (n != 0 && n < 32768) {
      td_err_set(ts, &td_type_ValueError, "size not valid: 32768 bytes");
      return 0;
    }
  }
  return td_small(0);
}

// _tide_enter_thread(name, daemon=False): for runtime code that runs an OS
// thread of its own (td_thread_spawn) which Python code should see as a
// threading.Thread, as CPython's pool workers are: makes a started Thread
// named `name` for the calling thread and puts it in _active, so that
// current_thread(), enumerate() and active_count() see it.  Returns it.
TdValue f_enter_thread(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[2] = {0, 0};
  if (!td_parse_call(ts, "_tide_enter_thread", args, nargs, kw, {"name", "daemon"}, 1, a))
    return 0;
  StateObj *s = ST(self);
  TdRef kwn(td_tuple_new(ts, 2));
  if (!kwn) return 0;
  td_as_tuple(kwn.get())->items[0] = S(ts, "name");
  td_as_tuple(kwn.get())->items[1] = S(ts, "daemon");
  if (!td_as_tuple(kwn.get())->items[0] || !td_as_tuple(kwn.get())->items[1]) return 0;
  TdValue cargs[2] = {a[0], a[1] ? a[1] : td_bool(false)};
  TdRef t(td_call(ts, s->threadClass, cargs, 2, kwn.get()));
  if (!t) return 0;
  TdValue d = td_instance_dict(ts, t.get(), true);
  LockObj *tl = new_tstate_lock(ts, d);
  if (!tl) return 0;
  td_decref(td_val(tl));
  if (!register_thread(ts, s, t.get(), d)) return 0;
  event_set(EV(td_dict_get_str(ts, d, "_started")));
  return t.release();
}

// _tide_exit_thread(): the calling thread (entered above) is ending: it
// leaves _active, its threading.local attributes go, join() returns.
TdValue f_exit_thread(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "_tide_exit_thread", nargs, kw)) return 0;
  StateObj *s = ST(self);
  TdRef ident(td_int_from_i64(ts, int64_t(self_ident())));
  if (!ident) return 0;
  TdValue t;
  int r = td_dict_find(ts, s->active, ident.get(), &t);
  if (r < 0) return 0;
  if (r) {
    TdRef hold(td_newref(t));
    if (td_dict_delitem(ts, s->active, ident.get()) < 0) return 0;
    if (TdValue d = td_instance_dict(ts, t, false)) {
      TdValue lock = td_dict_get_str(ts, d, "_tstate_lock");
      if (lock && is_lock(lock)) lock_release_impl(LK(lock));
    }
  }
  locals_forget(ts, s);
  return td_none();
}

struct Fn {
  const char *name;
  TdVectorFn fn;
};

const Fn kFunctions[] = {
    {"current_thread", f_current_thread}, {"currentThread", f_current_thread},
    {"main_thread", f_main_thread},       {"get_ident", f_get_ident},
    {"get_native_id", f_get_native_id},   {"active_count", f_active_count},
    {"activeCount", f_active_count},      {"enumerate", f_enumerate},
    {"settrace", f_noop1},                {"setprofile", f_noop1},
    {"stack_size", f_stack_size},         {"_tide_enter_thread", f_enter_thread},
    {"_tide_exit_thread", f_exit_thread},
};

// ---------------------------------------------------------------------------
// Building the classes
// ---------------------------------------------------------------------------

struct Builder {
  TdThread *ts;
  TdValue closure; // (cell(state),)
  bool ok = true;

  TdValue fn(const TdCodeInfo *code, TdValue defaults = 0, TdValue kwdefaults = 0) {
    TdValue f = td_make_function(ts, code, defaults, kwdefaults, closure);
    if (!f) {
      ok = false;
      return 0;
    }
    TdRef mod(S(ts, "threading"));
    if (!mod || setattr_s(ts, f, "__module__", mod.get()) < 0) {
      td_decref(f);
      ok = false;
      return 0;
    }
    return f;
  }
  void put(TdValue ns, const char *name, TdValue v) { // steals v
    if (!v) {
      ok = false;
      return;
    }
    if (ok && td_dict_set_str(ts, ns, name, v) < 0) ok = false;
    td_decref(v);
  }
  void method(TdValue ns, const TdCodeInfo *code, TdValue defaults = 0, TdValue kwdefaults = 0) {
    put(ns, code->name, fn(code, defaults, kwdefaults));
  }
  void property(TdValue ns, const char *name, const TdCodeInfo *get, const TdCodeInfo *set) {
    TdRef g(fn(get)), s(set ? fn(set) : td_none());
    if (!g || !s) {
      ok = false;
      return;
    }
    TdValue args[2] = {g.get(), s.get()};
    put(ns, name, td_call(ts, td_val(&td_type_property), args, 2, 0));
  }
  TdValue ns() {
    TdValue d = td_dict_new(ts);
    if (!d) {
      ok = false;
      return 0;
    }
    TdRef mod(S(ts, "threading"));
    if (!mod || td_dict_set_str(ts, d, "__module__", mod.get()) < 0) ok = false;
    return d;
  }
  // The class (immortal, as every class is); 0 on error.
  TdValue make(const char *name, TdValue base, TdValue nsDict) {
    TdRef n(S(ts, name));
    TdRef bases(base ? td_tuple_pack(ts, {base}) : td_empty_tuple(ts));
    if (!ok || !n || !bases) {
      ok = false;
      return 0;
    }
    TdValue c = td_build_class(ts, n.get(), n.get(), bases.get(), nsDict);
    if (!c) ok = false;
    return c;
  }
};

} // namespace

TdValue td_threading_module_init(TdThread *ts) {
  TdRef mod(td_module_new(ts, "threading"));
  if (!mod) return 0;
  TdValue md = reinterpret_cast<TdModule *>(mod.get())->dict;
  if (!ready_type(ts, md, &LockType, "Lock") || !ready_type(ts, md, &RLockType, "RLock") ||
      !ready_type(ts, md, &CondType, "Condition") || !ready_type(ts, md, &SemType, "Semaphore") ||
      !ready_type(ts, md, &BoundedSemType, "BoundedSemaphore") ||
      !ready_type(ts, md, &EventType, "Event") || !ready_type(ts, 0, &LocalType, nullptr) ||
      !ready_type(ts, 0, &StateType, nullptr))
    return 0;
  if (td_dict_set_str(ts, md, "_allocate_lock", td_val(&LockType)) < 0) return 0;

  TdObject *so = td_alloc_object(&StateType, sizeof(StateObj));
  if (!so) return td_err_nomem(ts);
  TdRef state(td_val(so));
  StateObj *s = ST(state.get());
  s->active = 0;
  new (&s->limbo) std::vector<TdValue>();
  new (&s->locals) std::vector<LocalObj *>();
  s->mainThread = s->threadClass = s->dummyClass = s->hookArgsClass = s->defaultHook = 0;
  s->counter = 0;
  s->active = td_dict_new(ts);
  if (!s->active) return 0;

  TdRef cell(td_cell_new(ts, state.get()));
  if (!cell) return 0;
  TdRef closure(td_tuple_pack(ts, {cell.get()}));
  if (!closure) return 0;
  Builder b{ts, closure.get()};

  // Thread
  TdRef tns(b.ns());
  if (!b.ok) return 0;
  {
    TdRef empty(td_empty_tuple(ts));
    if (!empty) return 0;
    TdRef defaults(td_tuple_pack(ts, {td_none(), td_none(), td_none(), empty.get(), td_none()}));
    TdRef kwdefaults(td_dict_new(ts));
    if (!defaults || !kwdefaults || td_dict_set_str(ts, kwdefaults.get(), "daemon", td_none()) < 0)
      return 0;
    b.method(tns.get(), &kThreadInitCode, defaults.get(), kwdefaults.get());
  }
  TdRef noneDefault(td_tuple_pack(ts, {td_none()}));
  if (!noneDefault) return 0;
  b.put(tns.get(), "_initialized", td_bool(false));
  b.method(tns.get(), &kStartCode);
  b.method(tns.get(), &kRunCode);
  b.method(tns.get(), &kJoinCode, noneDefault.get());
  b.method(tns.get(), &kIsAliveCode);
  b.method(tns.get(), &kReprCode);
  b.property(tns.get(), "name", &kNameGetCode, &kNameSetCode);
  b.property(tns.get(), "ident", &kIdentCode, nullptr);
  b.property(tns.get(), "native_id", &kNativeIdCode, nullptr);
  b.property(tns.get(), "daemon", &kDaemonGetCode, &kDaemonSetCode);
  b.method(tns.get(), &kGetNameCode);
  b.method(tns.get(), &kSetNameCode);
  b.method(tns.get(), &kIsDaemonCode);
  b.method(tns.get(), &kSetDaemonCode);
  TdValue threadClass = b.make("Thread", 0, tns.get());
  if (!threadClass) return 0;

  // _MainThread, _DummyThread, Timer
  TdRef mns(b.ns());
  b.method(mns.get(), &kMainInitCode);
  TdValue mainClass = b.make("_MainThread", threadClass, mns.get());
  TdRef dns(b.ns());
  b.method(dns.get(), &kDummyInitCode);
  b.method(dns.get(), &kDummyIsAliveCode);
  b.method(dns.get(), &kDummyJoinCode, noneDefault.get());
  TdValue dummyClass = b.make("_DummyThread", threadClass, dns.get());
  TdRef tmns(b.ns());
  {
    TdRef twoNone(td_tuple_pack(ts, {td_none(), td_none()}));
    if (!twoNone) return 0;
    b.method(tmns.get(), &kTimerInitCode, twoNone.get());
  }
  b.method(tmns.get(), &kTimerRunCode);
  b.method(tmns.get(), &kTimerCancelCode);
  TdValue timerClass = b.make("Timer", threadClass, tmns.get());
  // local: class _local, module _thread (its type name, "_thread._local",
  // is what CPython's messages print).
  TdRef lns(b.ns());
  if (!b.ok) return 0;
  {
    TdRef lmod(S(ts, "_thread"));
    if (!lmod || td_dict_set_str(ts, lns.get(), "__module__", lmod.get()) < 0) return 0;
  }
  b.method(lns.get(), &kLocalNewCode);
  b.method(lns.get(), &kLocalGetattrCode);
  b.method(lns.get(), &kLocalSetattrCode);
  b.method(lns.get(), &kLocalDelattrCode);
  TdValue localClass = 0;
  {
    TdRef ln(S(ts, "_thread._local")), lq(S(ts, "_local")), lb(td_empty_tuple(ts));
    if (!b.ok || !ln || !lq || !lb) return 0;
    localClass = td_build_class(ts, ln.get(), lq.get(), lb.get(), lns.get());
    if (!localClass || !local_patch_slots(ts, reinterpret_cast<TdType *>(localClass)) ||
        td_dict_set_str(ts, md, "local", localClass) < 0)
      return 0;
  }
  TdRef hns(b.ns());
  TdValue hookArgsClass = b.make("ExceptHookArgs", 0, hns.get());
  if (!b.ok || !mainClass || !dummyClass || !timerClass || !hookArgsClass) return 0;
  s->threadClass = td_newref(threadClass);
  s->dummyClass = td_newref(dummyClass);
  s->hookArgsClass = td_newref(hookArgsClass);

  if (td_dict_set_str(ts, md, "Thread", threadClass) < 0 ||
      td_dict_set_str(ts, md, "_MainThread", mainClass) < 0 ||
      td_dict_set_str(ts, md, "_DummyThread", dummyClass) < 0 ||
      td_dict_set_str(ts, md, "Timer", timerClass) < 0 ||
      td_dict_set_str(ts, md, "ExceptHookArgs", hookArgsClass) < 0)
    return 0;

  for (const Fn &f : kFunctions) {
    TdRef bf(td_builtin_function_new(ts, f.name, f.fn, state.get()));
    if (!bf || td_dict_set_str(ts, md, f.name, bf.get()) < 0) return 0;
  }
  s->defaultHook = td_builtin_function_new(ts, "excepthook", excepthook_fn, 0);
  if (!s->defaultHook || td_dict_set_str(ts, md, "excepthook", s->defaultHook) < 0 ||
      td_dict_set_str(ts, md, "__excepthook__", s->defaultHook) < 0)
    return 0;
  TdRef tmax(td_float_from(ts, kTimeoutMax));
  if (!tmax || td_dict_set_str(ts, md, "TIMEOUT_MAX", tmax.get()) < 0 ||
      td_dict_set_str(ts, md, "ThreadError", td_val(&td_type_RuntimeError)) < 0 ||
      td_dict_set_str(ts, md, "_active", s->active) < 0 ||
      td_dict_set_str(ts, md, "_tide_state", state.get()) < 0)
    return 0;

  // The thread importing threading is the main thread (as in CPython).
  s->mainThread = td_call0(ts, mainClass);
  if (!s->mainThread) return 0;
  return mod.release();
}
