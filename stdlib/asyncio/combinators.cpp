// combinators.cpp — wait, wait_for, as_completed, shield, timeout,
// timeout_at (class Timeout) and TaskGroup, with CPython 3.11's semantics,
// ordering and messages (Lib/asyncio/tasks.py, timeouts.py, taskgroups.py).
//
// Each awaitable is a native coroutine: its C++ body runs on the awaiting
// task's fiber and blocks with td_future_wait, so the algorithms read like
// CPython's `async def`s.  Python-level callbacks become native ones
// (td_future_add_native_callback, whose `data` also serves as the key for
// remove_done_callback), and call_later becomes a timer entry with a
// TdHandleObj so that it can be cancelled.  Whatever a callback needs
// beyond one object lives in a small heap "state" object (StateObj), never
// on a task's stack.
//
// Output order matches CPython's because every step takes as many loop
// iterations as there: a done-callback runs on the iteration after its
// future completes, a task woken by setting its waiter's result resumes one
// iteration later, and so on.
//
// Differences: as_completed's generator is a small iterator type (tide has
// no generators yet) that behaves like it; the futures as_completed, wait
// and TaskGroup walk are kept in argument / creation order where CPython
// walks a set (whose order follows object addresses).
#include <cmath>
#include <cstdio>
#include <deque>

#include "asyncio.h"
#include "class.h"

namespace {

using Args = const TdValue *;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

// Callback state owned by a refcounted object (a callback's `data`).
struct StateBase {
  virtual ~StateBase() = default;
};

struct StateObj {
  TdObject ob;
  StateBase *state;
};

void state_dealloc(TdObject *o) {
  delete reinterpret_cast<StateObj *>(o)->state;
  td_free_object(o);
}

} // namespace

TdType td_type_combinator_state = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "_combinator_state",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = state_dealloc,
};

namespace {

// A state object holding `s` (owned): new ref or 0.
TdValue state_new(TdThread *ts, StateBase *s) {
  TdObject *o = td_alloc_object(&td_type_combinator_state, sizeof(StateObj));
  if (!o) {
    delete s;
    return td_err_nomem(ts);
  }
  reinterpret_cast<StateObj *>(o)->state = s;
  return td_val(o);
}

template <class T> T *state_of(TdValue v) {
  return static_cast<T *>(reinterpret_cast<StateObj *>(v)->state);
}

// handle.cancel(): a cancelled timer no longer keeps the loop waiting.
void cancel_handle(TdHandleObj *h) {
  if (!h || h->cancelled) return;
  h->cancelled = true;
  if (h->timer && h->loop) h->loop->liveTimers--;
}

// Cancels and releases *h (the owner's reference).
void drop_handle(TdHandleObj *&h) {
  if (!h) return;
  cancel_handle(h);
  td_decref(td_val(h));
  h = nullptr;
}

// loop.call_at(when, fn) for a native callback: fn(ts, 0, data) runs when
// the deadline passes.  The handle (new ref) or nullptr.
TdHandleObj *call_at_native(TdThread *ts, TdLoop *L, int64_t when, TdNativeCallback fn,
                            TdValue data) {
  TdHandleObj *h = td_handle_new(ts, L, true, when);
  if (!h) return nullptr;
  td_incref(td_val(h)); // the timer entry's reference
  td_loop_call_at(L, when, TdReady{TdReady::Native, td_newref(data), 0, fn, h});
  return h;
}

int64_t deadline_after(double delay) {
  if (std::isnan(delay)) delay = 0;
  return td_loop_now() + int64_t(std::max(std::min(delay, 1e9), -1e9) * 1e9);
}

// loop.call_soon(fn) with a cancellable handle (new ref) or nullptr.
TdHandleObj *call_soon_native(TdThread *ts, TdLoop *L, TdNativeCallback fn, TdValue data) {
  TdHandleObj *h = td_handle_new(ts, L, false, 0);
  if (!h) return nullptr;
  td_incref(td_val(h));
  td_loop_push(L, TdReady{TdReady::Native, td_newref(data), 0, fn, h});
  return h;
}

// _release_waiter: as a done-callback (fut, waiter) or a timer (0, waiter).
void release_waiter(TdThread *ts, TdValue, TdValue waiter) {
  if (!td_future_done(waiter)) td_future_set_result(ts, waiter, td_none());
}

bool is_cancelled(TdValue fut) { return td_future(fut)->state == TdFuture::Cancelled; }

// Raises a new instance of `type` with no arguments; 0.
TdValue raise_new(TdThread *ts, TdType *type) {
  TdValue e = td_call0(ts, td_val(type));
  if (e) {
    td_err_set_value(ts, e);
    td_decref(e);
  }
  return 0;
}

// `raise TimeoutError() from exc` inside `except CancelledError as exc`
// (steals exc).
TdValue raise_timeout_from(TdThread *ts, TdValue exc) {
  td_except_enter(ts, exc);
  TdValue e = td_call0(ts, td_val(&td_type_TimeoutError));
  if (e) {
    auto *te = reinterpret_cast<TdException *>(e);
    td_decref(te->cause);
    te->cause = td_newref(exc);
    te->suppressContext = true;
    td_err_set_value(ts, e);
    td_decref(e);
  }
  td_except_exit(ts);
  td_decref(exc);
  return 0;
}

// _cancel_and_wait: cancels fut and waits until it is done, without
// waiting on fut itself (so this wait stays cancellable).  false with the
// exception set.
bool cancel_and_wait(TdThread *ts, TdLoop *L, TdValue fut) {
  TdRef waiter(td_future_new(ts, L));
  if (!waiter) return false;
  td_future_add_native_callback(ts, fut, release_waiter, waiter.get());
  td_future_cancel(ts, fut, 0);
  TdValue r = td_future_wait(ts, waiter.get());
  td_future_remove_callback(ts, fut, waiter.get());
  td_decref(r);
  return r != 0;
}

// Binds a call the way CPython binds a Python function's (these are `def`s
// and `async def`s in CPython, so their argument errors read like one's):
// `names` are the parameters ('$' marks keyword-only ones), the first
// `required` are required; out[i] is the borrowed value or 0.  `selfCount`
// is 1 for a method (the messages count self).
bool bind(TdThread *ts, const char *fname, Args args, int64_t nargs, TdValue kw,
          std::initializer_list<const char *> names, int required, TdValue *out,
          int selfCount = 0) {
  std::vector<const char *> ns(names);
  int64_t nk = td_kwcount(kw), npos = nargs - nk;
  int64_t maxPos = 0;
  while (maxPos < int64_t(ns.size()) && ns[size_t(maxPos)][0] != '$') maxPos++;
  for (size_t i = 0; i < ns.size(); i++) out[i] = 0;
  if (npos > maxPos) {
    int64_t takes = maxPos + selfCount, given = npos + selfCount;
    if (required < maxPos)
      td_err_format(ts, &td_type_TypeError,
                    "%s() takes from %lld to %lld positional arguments but %lld were given", fname,
                    (long long)(required + selfCount), (long long)takes, (long long)given);
    else
      td_err_format(ts, &td_type_TypeError, "%s() takes %lld positional argument%s but %lld %s given",
                    fname, (long long)takes, takes == 1 ? "" : "s", (long long)given,
                    given == 1 ? "was" : "were");
    return false;
  }
  for (int64_t i = 0; i < npos; i++) out[i] = args[i];
  for (int64_t k = 0; k < nk; k++) {
    std::string_view key = td_str_view(td_as_tuple(kw)->items[k]);
    size_t i = 0;
    while (i < ns.size() && key != std::string_view(ns[i][0] == '$' ? ns[i] + 1 : ns[i])) i++;
    if (i == ns.size()) {
      td_err_format(ts, &td_type_TypeError, "%s() got an unexpected keyword argument '%.*s'", fname,
                    int(key.size()), key.data());
      return false;
    }
    if (out[i]) {
      td_err_format(ts, &td_type_TypeError, "%s() got multiple values for argument '%.*s'", fname,
                    int(key.size()), key.data());
      return false;
    }
    out[i] = args[npos + k];
  }
  std::vector<const char *> missing;
  for (int i = 0; i < required; i++)
    if (!out[i]) missing.push_back(ns[size_t(i)]);
  if (!missing.empty()) {
    std::string list;
    for (size_t i = 0; i < missing.size(); i++) {
      if (i) list += missing.size() > 2 ? (i + 1 == missing.size() ? ", and " : ", ") : " and ";
      list += std::string("'") + missing[i] + "'";
    }
    td_err_format(ts, &td_type_TypeError, "%s() missing %zu required positional argument%s: %s",
                  fname, missing.size(), missing.size() == 1 ? "" : "s", list.c_str());
    return false;
  }
  return true;
}

std::string repr_of(TdThread *ts, TdValue v) {
  std::string r;
  if (!td_repr_to(ts, v, r)) {
    td_err_clear(ts);
    r = "<?>";
  }
  return r;
}

// ---------------------------------------------------------------------------
// wait
// ---------------------------------------------------------------------------

enum ReturnWhen { FirstCompleted, FirstException, AllCompleted };
const char *const kReturnWhenNames[] = {"FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"};

struct WaitState : StateBase {
  TdValue waiter = 0;            // owned
  TdHandleObj *timeout = nullptr; // owned
  int64_t counter = 0;
  ReturnWhen returnWhen = AllCompleted;
  ~WaitState() override {
    td_decref(waiter);
    if (timeout) td_decref(td_val(timeout));
  }
};

// _wait's _on_completion.
void wait_on_completion(TdThread *ts, TdValue f, TdValue st) {
  WaitState *s = state_of<WaitState>(st);
  s->counter--;
  bool release = s->counter <= 0 || s->returnWhen == FirstCompleted;
  if (!release && s->returnWhen == FirstException && !is_cancelled(f)) {
    td_future(f)->logTraceback = false; // f.exception() retrieves it
    release = td_future(f)->exception != 0;
  }
  if (!release) return;
  cancel_handle(s->timeout);
  if (!td_future_done(s->waiter)) td_future_set_result(ts, s->waiter, td_none());
}

TdValue wait_body(TdThread *ts, TdValue, Args args) {
  TdValue fs = args[0], timeout = args[1], rw = args[2];
  if (td_is_future(fs) || td_is_coroutine(fs)) {
    td_err_format(ts, &td_type_TypeError, "expect a list of futures, not %s", td_type_name(fs));
    return 0;
  }
  int nonEmpty = td_truthy(ts, fs);
  if (nonEmpty < 0) return 0;
  if (!nonEmpty) {
    td_err_set(ts, &td_type_ValueError, "Set of Tasks/Futures is empty.");
    return 0;
  }
  int which = -1;
  for (int i = 0; i < 3 && which < 0; i++) {
    TdRef name(td_str_from(ts, kReturnWhenNames[i]));
    if (!name) return 0;
    int eq = td_eq(ts, rw, name.get());
    if (eq < 0) return 0;
    if (eq) which = i;
  }
  if (which < 0) {
    std::string s;
    if (!td_str_to(ts, rw, s)) return 0;
    td_err_format(ts, &td_type_ValueError, "Invalid return_when value: %s", s.c_str());
    return 0;
  }
  TdRef set(td_set_new(ts, fs));
  if (!set) return 0;
  std::vector<TdValue> futs;
  if (!td_collect(ts, set.get(), futs)) return 0;
  struct Release {
    std::vector<TdValue> &v;
    ~Release() { td_release_all(v); }
  } releaseFuts{futs};
  for (TdValue f : futs) {
    if (td_is_coroutine(f)) {
      td_err_set(ts, &td_type_TypeError, "Passing coroutines is forbidden, use tasks explicitly.");
      return 0;
    }
  }
  for (TdValue f : futs) {
    if (!td_is_future(f)) {
      // CPython fails on f.add_done_callback.
      td_err_format(ts, &td_type_AttributeError, "'%s' object has no attribute 'add_done_callback'",
                    td_type_name(f));
      return 0;
    }
  }
  TdLoop *L = td_require_loop(ts);
  if (!L) return 0;

  // _wait
  auto *ws = new WaitState();
  TdRef st(state_new(ts, ws));
  if (!st) return 0;
  ws->returnWhen = ReturnWhen(which);
  ws->counter = int64_t(futs.size());
  ws->waiter = td_future_new(ts, L);
  if (!ws->waiter) return 0;
  if (!td_is_none(timeout)) {
    double d;
    if (!td_asyncio_seconds(ts, timeout, &d)) return 0;
    ws->timeout = call_at_native(ts, L, deadline_after(d), release_waiter, ws->waiter);
    if (!ws->timeout) return 0;
  }
  for (TdValue f : futs) td_future_add_native_callback(ts, f, wait_on_completion, st.get());
  TdValue r = td_future_wait(ts, ws->waiter);
  cancel_handle(ws->timeout);
  for (TdValue f : futs) td_future_remove_callback(ts, f, st.get());
  if (!r) return 0;
  td_decref(r);
  TdRef done(td_set_new(ts, 0)), pending(td_set_new(ts, 0));
  if (!done || !pending) return 0;
  for (TdValue f : futs)
    if (td_set_add(ts, td_future_done(f) ? done.get() : pending.get(), f) < 0) return 0;
  return td_tuple_pack(ts, {done.get(), pending.get()});
}

TdValue a_wait(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[3] = {0, 0, 0};
  if (!bind(ts, "wait", args, nargs, kw, {"fs", "$timeout", "$return_when"}, 1, a))
    return 0;
  TdRef all;
  if (!a[2]) {
    all = TdRef(td_str_from(ts, "ALL_COMPLETED"));
    if (!all) return 0;
  }
  TdValue pass[3] = {a[0], a[1] ? a[1] : td_none(), a[2] ? a[2] : all.get()};
  return td_native_coro_new(ts, "wait", wait_body, 0, pass, 3);
}

// ---------------------------------------------------------------------------
// wait_for
// ---------------------------------------------------------------------------

TdValue wait_for_body(TdThread *ts, TdValue, Args args) {
  TdLoop *L = td_require_loop(ts);
  if (!L) return 0;
  TdValue aw = args[0], timeout = args[1];
  if (td_is_none(timeout)) return td_await(ts, aw);
  double d;
  if (!td_asyncio_seconds(ts, timeout, &d)) return 0;
  if (d <= 0) {
    TdRef fut(td_asyncio_ensure_future(ts, aw));
    if (!fut) return 0;
    if (td_future_done(fut.get())) return td_future_result(ts, fut.get());
    if (!cancel_and_wait(ts, L, fut.get())) return 0;
    TdValue r = td_future_result(ts, fut.get());
    if (!r && td_err_is(ts, &td_type_CancelledError)) return raise_timeout_from(ts, td_err_fetch(ts));
    return r;
  }
  TdRef waiter(td_future_new(ts, L));
  if (!waiter) return 0;
  TdHandleObj *h = call_at_native(ts, L, deadline_after(d), release_waiter, waiter.get());
  if (!h) return 0;
  struct DropTimer {
    TdHandleObj *&h;
    ~DropTimer() { drop_handle(h); } // the `finally: timeout_handle.cancel()`
  } dropTimer{h};
  TdRef fut(td_asyncio_ensure_future(ts, aw));
  if (!fut) return 0;
  TdValue f = fut.get();
  td_future_add_native_callback(ts, f, release_waiter, waiter.get());
  TdValue r = td_future_wait(ts, waiter.get());
  if (!r) {
    if (!td_err_is(ts, &td_type_CancelledError)) return 0;
    // except CancelledError:
    TdValue exc = td_err_fetch(ts);
    if (td_future_done(f)) {
      td_except_enter(ts, exc);
      TdValue res = td_future_result(ts, f);
      td_except_exit(ts);
      td_decref(exc);
      return res;
    }
    td_future_remove_callback(ts, f, waiter.get());
    td_except_enter(ts, exc);
    bool ok = cancel_and_wait(ts, L, f);
    td_except_exit(ts);
    if (ok) td_err_restore(ts, exc); // raise
    td_decref(exc);
    return 0;
  }
  td_decref(r);
  if (td_future_done(f)) return td_future_result(ts, f);
  td_future_remove_callback(ts, f, waiter.get());
  if (!cancel_and_wait(ts, L, f)) return 0;
  r = td_future_result(ts, f);
  if (!r && td_err_is(ts, &td_type_CancelledError)) return raise_timeout_from(ts, td_err_fetch(ts));
  return r;
}

TdValue a_wait_for(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[2] = {0, 0};
  if (!bind(ts, "wait_for", args, nargs, kw, {"fut", "timeout"}, 2, a)) return 0;
  return td_native_coro_new(ts, "wait_for", wait_for_body, 0, a, 2);
}

// ---------------------------------------------------------------------------
// as_completed
// ---------------------------------------------------------------------------

// The shared state of one as_completed() call: CPython's `todo` set, the
// `done` Queue (its items and its waiting getters) and the timeout handle.
struct AsCompletedState : StateBase {
  std::vector<TdValue> todo;     // owned, not yet completed
  std::deque<TdValue> done;      // owned: completed futures, None after the timeout
  std::deque<TdValue> getters;   // owned: futures of _wait_for_one calls waiting
  TdHandleObj *timeout = nullptr; // owned
  ~AsCompletedState() override {
    for (TdValue v : todo) td_decref(v);
    for (TdValue v : done) td_decref(v);
    for (TdValue v : getters) td_decref(v);
    if (timeout) td_decref(td_val(timeout));
  }
  // Queue._wakeup_next(getters)
  void wakeup_next(TdThread *ts) {
    while (!getters.empty()) {
      TdValue g = getters.front();
      getters.pop_front();
      bool pending = !td_future_done(g);
      if (pending) td_future_set_result(ts, g, td_none());
      td_decref(g);
      if (pending) break;
    }
  }
  // Queue.put_nowait(item) (steals item)
  void put(TdThread *ts, TdValue item) {
    done.push_back(item);
    wakeup_next(ts);
  }
};

void as_completed_on_completion(TdThread *ts, TdValue f, TdValue st) {
  AsCompletedState *s = state_of<AsCompletedState>(st);
  if (s->todo.empty()) return; // the timeout came first
  for (size_t i = 0; i < s->todo.size(); i++) {
    if (s->todo[i] == f) {
      s->todo.erase(s->todo.begin() + ptrdiff_t(i));
      td_decref(f);
      break;
    }
  }
  s->put(ts, td_newref(f));
  if (s->todo.empty()) cancel_handle(s->timeout);
}

void as_completed_on_timeout(TdThread *ts, TdValue, TdValue st) {
  AsCompletedState *s = state_of<AsCompletedState>(st);
  std::vector<TdValue> todo;
  todo.swap(s->todo);
  for (TdValue f : todo) {
    td_future_remove_callback(ts, f, st);
    s->put(ts, td_none()); // a dummy value for _wait_for_one
    td_decref(f);
  }
}

// as_completed's _wait_for_one(): the next completed future's result.
TdValue wait_for_one_body(TdThread *ts, TdValue st, Args) {
  AsCompletedState *s = state_of<AsCompletedState>(st);
  // Queue.get()
  while (s->done.empty()) {
    TdLoop *L = td_require_loop(ts);
    if (!L) return 0;
    TdRef getter(td_future_new(ts, L));
    if (!getter) return 0;
    s->getters.push_back(td_newref(getter.get()));
    TdValue r = td_future_wait(ts, getter.get());
    if (!r) {
      td_future_cancel(ts, getter.get(), 0);
      for (auto it = s->getters.begin(); it != s->getters.end(); ++it) {
        if (*it == getter.get()) {
          td_decref(*it);
          s->getters.erase(it);
          break;
        }
      }
      if (!s->done.empty() && !is_cancelled(getter.get())) s->wakeup_next(ts);
      return 0;
    }
    td_decref(r);
  }
  TdRef f(s->done.front());
  s->done.pop_front();
  if (td_is_none(f.get())) return raise_new(ts, &td_type_TimeoutError);
  return td_future_result(ts, f.get());
}

// The generator's first step: CPython's as_completed body up to its loop.
// The shared state (new ref) or 0.
TdValue as_completed_setup(TdThread *ts, TdValue fs, TdValue timeout) {
  if (td_is_future(fs) || td_is_coroutine(fs)) {
    td_err_format(ts, &td_type_TypeError, "expect an iterable of futures, not %s", td_type_name(fs));
    return 0;
  }
  std::vector<TdValue> items;
  if (!td_collect(ts, fs, items)) return 0;
  struct Release {
    std::vector<TdValue> &v;
    ~Release() { td_release_all(v); }
  } releaseItems{items};
  auto *s = new AsCompletedState();
  TdRef st(state_new(ts, s));
  if (!st) return 0;
  // todo = {ensure_future(f) for f in set(fs)}: in argument order here.
  for (size_t i = 0; i < items.size(); i++) {
    bool dup = false;
    for (size_t j = 0; j < i && !dup; j++) dup = items[j] == items[i];
    if (dup) continue;
    TdValue f = td_asyncio_ensure_future(ts, items[i]);
    if (!f) return 0;
    s->todo.push_back(f);
  }
  for (TdValue f : s->todo) td_future_add_native_callback(ts, f, as_completed_on_completion, st.get());
  if (!s->todo.empty() && !td_is_none(timeout)) {
    double d;
    if (!td_asyncio_seconds(ts, timeout, &d)) return 0;
    TdLoop *L = td_future(s->todo[0])->loop;
    s->timeout = call_at_native(ts, L, deadline_after(d), as_completed_on_timeout, st.get());
    if (!s->timeout) return 0;
  }
  return st.release();
}

// What as_completed() returns: CPython's generator, lazily.  Its first
// next() does the setup (so a wrong argument raises there, as it does in
// CPython), then each next() gives one _wait_for_one() coroutine.
struct AsCompletedIter {
  TdObject ob;
  TdValue fs, timeout; // owned until the setup
  TdValue state;       // owned, 0 before the setup
  int64_t remaining;
  bool finished;
};

AsCompletedIter *ACI(TdValue v) { return reinterpret_cast<AsCompletedIter *>(v); }

void aci_dealloc(TdObject *o) {
  AsCompletedIter *it = ACI(td_val(o));
  td_decref(it->fs);
  td_decref(it->timeout);
  td_decref(it->state);
  td_free_object(o);
}

TdValue aci_iter(TdThread *, TdValue self) { return td_newref(self); }

TdValue aci_next(TdThread *ts, TdValue self) {
  AsCompletedIter *it = ACI(self);
  if (it->finished) return TD_DONE;
  if (!it->state) {
    TdRef fs(it->fs), timeout(it->timeout);
    it->fs = it->timeout = 0;
    it->state = as_completed_setup(ts, fs.get(), timeout.get());
    if (!it->state) {
      it->finished = true;
      return 0;
    }
    it->remaining = int64_t(state_of<AsCompletedState>(it->state)->todo.size());
  }
  if (it->remaining == 0) {
    it->finished = true;
    return TD_DONE;
  }
  it->remaining--;
  return td_native_coro_new(ts, "as_completed.<locals>._wait_for_one", wait_for_one_body,
                            it->state, nullptr, 0);
}

TdValue aci_repr(TdThread *ts, TdValue self) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "<generator object as_completed at %p>", reinterpret_cast<void *>(self));
  return td_str_from(ts, buf);
}

} // namespace

TdType td_type_as_completed_iter = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "generator",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = aci_dealloc,
    .repr = aci_repr,
    .iter = aci_iter,
    .next = aci_next,
};

namespace {

TdValue a_as_completed(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[2] = {0, 0};
  if (!bind(ts, "as_completed", args, nargs, kw, {"fs", "$timeout"}, 1, a)) return 0;
  TdObject *o = td_alloc_object(&td_type_as_completed_iter, sizeof(AsCompletedIter));
  if (!o) return td_err_nomem(ts);
  AsCompletedIter *it = ACI(td_val(o));
  it->fs = td_newref(a[0]);
  it->timeout = td_newref(a[1] ? a[1] : td_none());
  it->state = 0;
  it->remaining = 0;
  it->finished = false;
  return td_val(o);
}

// ---------------------------------------------------------------------------
// shield
// ---------------------------------------------------------------------------

void shield_inner_done(TdThread *ts, TdValue inner, TdValue outer) {
  TdFuture *in = td_future(inner);
  if (is_cancelled(outer)) {
    if (!is_cancelled(inner)) in->logTraceback = false; // inner.exception()
    return;
  }
  if (is_cancelled(inner)) {
    td_future_cancel(ts, outer, 0);
  } else if (in->exception) {
    in->logTraceback = false;
    td_future_set_exception(ts, outer, in->exception);
  } else {
    td_future_set_result(ts, outer, in->result);
  }
}

void shield_outer_done(TdThread *ts, TdValue outer, TdValue inner) {
  if (!td_future_done(inner)) td_future_remove_callback(ts, inner, outer);
}

TdValue a_shield(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[1] = {0};
  if (!bind(ts, "shield", args, nargs, kw, {"arg"}, 1, a)) return 0;
  TdRef inner(td_asyncio_ensure_future(ts, a[0]));
  if (!inner) return 0;
  if (td_future_done(inner.get())) return inner.release();
  TdRef outer(td_future_new(ts, td_future(inner.get())->loop));
  if (!outer) return 0;
  td_future_add_native_callback(ts, inner.get(), shield_inner_done, outer.get());
  td_future_add_native_callback(ts, outer.get(), shield_outer_done, inner.get());
  return outer.release();
}

// ---------------------------------------------------------------------------
// timeout, timeout_at: class Timeout
// ---------------------------------------------------------------------------

struct TdTimeout {
  TdObject ob;
  enum State : uint8_t { Created, Entered, Expiring, Expired, Exited } state;
  TdValue when;            // float / int or None (owned)
  TdHandleObj *handler;    // owned or null
  TdValue task;            // owned or 0
  int32_t cancelling;      // the task's cancelling() when entered
};

const char *const kTimeoutStates[] = {"created", "active", "expiring", "expired", "finished"};

TdTimeout *TO(TdValue v) { return reinterpret_cast<TdTimeout *>(v); }

void timeout_dealloc(TdObject *o) {
  TdTimeout *t = TO(td_val(o));
  td_decref(t->when);
  if (t->handler) td_decref(td_val(t->handler));
  td_decref(t->task);
  td_free_object(o);
}

TdValue timeout_repr(TdThread *ts, TdValue self) {
  TdTimeout *t = TO(self);
  std::string s = std::string("<Timeout [") + kTimeoutStates[t->state] + "]";
  if (t->state == TdTimeout::Entered) {
    s += " when=";
    if (td_is_none(t->when)) {
      s += "None";
    } else {
      // round(self._when, 3)
      TdValue round = td_dict_get_str(ts, ts->rt->builtins, "round");
      if (!round) return 0;
      TdRef r(td_call2(ts, round, t->when, td_small(3)));
      if (!r || !td_str_to(ts, r.get(), s)) return 0;
    }
  }
  return td_str_from(ts, s + ">");
}

} // namespace

extern TdType td_type_Timeout;

namespace {

TdValue timeout_make(TdThread *ts, TdValue when) {
  TdObject *o = td_alloc_object(&td_type_Timeout, sizeof(TdTimeout));
  if (!o) return td_err_nomem(ts);
  TdTimeout *t = TO(td_val(o));
  t->state = TdTimeout::Created;
  t->when = td_newref(when);
  t->handler = nullptr;
  t->task = 0;
  t->cancelling = 0;
  return td_val(o);
}

TdValue timeout_construct(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[1] = {0};
  if (!bind(ts, "Timeout.__init__", args, nargs, kw, {"when"}, 1, a, 1)) return 0;
  return timeout_make(ts, a[0]);
}

// Timeout._on_timeout
void timeout_fired(TdThread *ts, TdValue, TdValue self) {
  TdTimeout *t = TO(self);
  if (t->task) td_task_cancel(ts, reinterpret_cast<TdTask *>(t->task), 0);
  t->state = TdTimeout::Expiring;
  if (t->handler) {
    td_decref(td_val(t->handler));
    t->handler = nullptr;
  }
}

bool timeout_reschedule(TdThread *ts, TdValue self, TdValue when) {
  TdTimeout *t = TO(self);
  if (t->state == TdTimeout::Created) {
    td_err_set(ts, &td_type_RuntimeError, "Timeout has not been entered");
    return false;
  }
  if (t->state != TdTimeout::Entered) {
    td_err_format(ts, &td_type_RuntimeError, "Cannot change state of %s Timeout",
                  kTimeoutStates[t->state]);
    return false;
  }
  td_incref(when);
  td_decref(t->when);
  t->when = when;
  drop_handle(t->handler);
  if (td_is_none(when)) return true;
  TdLoop *L = td_require_loop(ts);
  if (!L) return false;
  TdRef now(td_float_from(ts, td_loop_time(L)));
  if (!now) return false;
  int past = td_compare_bool(ts, TD_CMP_LE, when, now.get());
  if (past < 0) return false;
  if (past) {
    t->handler = call_soon_native(ts, L, timeout_fired, self);
  } else {
    double w;
    if (!td_asyncio_seconds(ts, when, &w)) return false;
    t->handler = call_at_native(ts, L, int64_t(w * 1e9), timeout_fired, self);
  }
  return t->handler != nullptr;
}

TdValue timeout_when(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!bind(ts, "Timeout.when", args, nargs, kw, {}, 0, nullptr, 1)) return 0;
  return td_newref(TO(self)->when);
}

TdValue timeout_expired(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!bind(ts, "Timeout.expired", args, nargs, kw, {}, 0, nullptr, 1)) return 0;
  auto st = TO(self)->state;
  return td_bool(st == TdTimeout::Expiring || st == TdTimeout::Expired);
}

TdValue timeout_reschedule_m(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[1] = {0};
  if (!bind(ts, "Timeout.reschedule", args, nargs, kw, {"when"}, 1, a, 1)) return 0;
  return timeout_reschedule(ts, self, a[0]) ? td_none() : 0;
}

TdValue timeout_aenter_body(TdThread *ts, TdValue self, Args) {
  TdTimeout *t = TO(self);
  if (t->state != TdTimeout::Created) {
    td_err_set(ts, &td_type_RuntimeError, "Timeout has already been entered");
    return 0;
  }
  TdTask *task = td_current_task(ts);
  if (!task) {
    td_err_set(ts, &td_type_RuntimeError, "Timeout should be used inside a task");
    return 0;
  }
  t->state = TdTimeout::Entered;
  td_decref(t->task);
  t->task = td_newref(td_val(task));
  t->cancelling = task->numCancelsRequested;
  TdValue when = td_newref(t->when);
  bool ok = timeout_reschedule(ts, self, when);
  td_decref(when);
  return ok ? td_newref(self) : 0;
}

TdValue timeout_aexit_body(TdThread *ts, TdValue self, Args args) {
  TdTimeout *t = TO(self);
  if (t->state != TdTimeout::Entered && t->state != TdTimeout::Expiring)
    return raise_new(ts, &td_type_AssertionError);
  drop_handle(t->handler);
  if (t->state == TdTimeout::Expiring) {
    t->state = TdTimeout::Expired;
    TdTask *task = reinterpret_cast<TdTask *>(t->task);
    if (task->numCancelsRequested > 0) task->numCancelsRequested--; // task.uncancel()
    // No new cancellation request: the CancelledError is ours.
    if (task->numCancelsRequested <= t->cancelling && args[0] == td_val(&td_type_CancelledError))
      return raise_timeout_from(ts, td_newref(args[1])); // raise TimeoutError from exc_val
  } else if (t->state == TdTimeout::Entered) {
    t->state = TdTimeout::Exited;
  }
  return td_none();
}

TdValue timeout_aenter(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "__aenter__", kw) || !td_check_nargs(ts, "__aenter__", nargs, 0, 0))
    return 0;
  return td_native_coro_new(ts, "Timeout.__aenter__", timeout_aenter_body, self, nullptr, 0);
}

TdValue timeout_aexit(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "__aexit__", kw) || !td_check_nargs(ts, "__aexit__", nargs, 3, 3))
    return 0;
  return td_native_coro_new(ts, "Timeout.__aexit__", timeout_aexit_body, self, args, 3);
}

const TdMethodDef kTimeoutMethods[] = {
    {"when", timeout_when},
    {"reschedule", timeout_reschedule_m},
    {"expired", timeout_expired},
    {"__aenter__", timeout_aenter},
    {"__aexit__", timeout_aexit},
    {nullptr, nullptr},
};

TdValue a_timeout(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[1] = {0};
  if (!bind(ts, "timeout", args, nargs, kw, {"delay"}, 1, a)) return 0;
  TdLoop *L = td_require_loop(ts);
  if (!L) return 0;
  if (td_is_none(a[0])) return timeout_make(ts, td_none());
  TdRef now(td_float_from(ts, td_loop_time(L)));
  if (!now) return 0;
  TdRef when(td_binop(ts, TD_OP_ADD, now.get(), a[0])); // loop.time() + delay
  if (!when) return 0;
  return timeout_make(ts, when.get());
}

TdValue a_timeout_at(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  TdValue a[1] = {0};
  if (!bind(ts, "timeout_at", args, nargs, kw, {"when"}, 1, a)) return 0;
  return timeout_make(ts, a[0]);
}

// ---------------------------------------------------------------------------
// TaskGroup
// ---------------------------------------------------------------------------

struct TdTaskGroup {
  TdObject ob;
  bool entered, exiting, aborting, parentCancelRequested, finished;
  TdLoop *loop;                 // owned (a Python object) or null
  TdValue parentTask;           // owned or 0
  std::vector<TdValue> *tasks;  // owned tasks, in creation order (CPython: a set)
  std::vector<TdValue> *errors; // owned exceptions
  TdValue baseError;            // owned or 0
  TdValue onCompletedFut;       // owned or 0
};

TdTaskGroup *TG(TdValue v) { return reinterpret_cast<TdTaskGroup *>(v); }

void tg_dealloc(TdObject *o) {
  TdTaskGroup *g = TG(td_val(o));
  if (g->loop) td_decref(td_val(g->loop));
  td_decref(g->parentTask);
  for (TdValue v : *g->tasks) td_decref(v);
  for (TdValue v : *g->errors) td_decref(v);
  delete g->tasks;
  delete g->errors;
  td_decref(g->baseError);
  td_decref(g->onCompletedFut);
  td_free_object(o);
}

std::string tg_repr_text(TdTaskGroup *g) {
  std::string s = "<TaskGroup";
  if (!g->tasks->empty()) s += " tasks=" + std::to_string(g->tasks->size());
  if (!g->errors->empty()) s += " errors=" + std::to_string(g->errors->size());
  if (g->aborting)
    s += " cancelling";
  else if (g->entered)
    s += " entered";
  return s + ">";
}

TdValue tg_repr(TdThread *ts, TdValue self) { return td_str_from(ts, tg_repr_text(TG(self))); }

} // namespace

extern TdType td_type_TaskGroup;

namespace {

TdValue tg_construct(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  if (!bind(ts, "TaskGroup.__init__", args, nargs, kw, {}, 0, nullptr, 1)) return 0;
  TdObject *o = td_alloc_object(&td_type_TaskGroup, sizeof(TdTaskGroup));
  if (!o) return td_err_nomem(ts);
  TdTaskGroup *g = TG(td_val(o));
  g->entered = g->exiting = g->aborting = g->parentCancelRequested = g->finished = false;
  g->loop = nullptr;
  g->parentTask = g->baseError = g->onCompletedFut = 0;
  g->tasks = new std::vector<TdValue>();
  g->errors = new std::vector<TdValue>();
  return td_val(o);
}

bool is_base_error(TdValue exc) {
  return td_isinstance(exc, &td_type_SystemExit) || td_isinstance(exc, &td_type_KeyboardInterrupt);
}

void tg_abort(TdThread *ts, TdTaskGroup *g) {
  g->aborting = true;
  std::vector<TdValue> tasks = *g->tasks;
  for (TdValue t : tasks) td_incref(t);
  for (TdValue t : tasks)
    if (!td_future_done(t)) td_task_cancel(ts, reinterpret_cast<TdTask *>(t), 0);
  td_release_all(tasks);
}

// TaskGroup._on_task_done
void tg_on_task_done(TdThread *ts, TdValue task, TdValue self) {
  TdTaskGroup *g = TG(self);
  auto &tasks = *g->tasks;
  for (size_t i = 0; i < tasks.size(); i++) {
    if (tasks[i] == task) {
      tasks.erase(tasks.begin() + ptrdiff_t(i));
      td_decref(task);
      break;
    }
  }
  if (g->onCompletedFut && tasks.empty() && !td_future_done(g->onCompletedFut))
    td_future_set_result(ts, g->onCompletedFut, td_bool(true));
  if (is_cancelled(task)) return;
  TdFuture *f = td_future(task);
  f->logTraceback = false; // task.exception()
  TdValue exc = f->exception;
  if (!exc) return;
  g->errors->push_back(td_newref(exc));
  if (is_base_error(exc) && !g->baseError) g->baseError = td_newref(exc);
  if (td_future_done(g->parentTask)) {
    // loop.call_exception_handler(): the default handler's report.
    std::string text = "Task " + repr_of(ts, task) + " has errored out but its parent task " +
                       repr_of(ts, g->parentTask) + " is already completed\ntask: " +
                       repr_of(ts, task) + "\n" + td_format_exception(ts, exc);
    td_stdout_flush(ts->rt);
    std::fputs(text.c_str(), stderr);
    std::fflush(stderr);
    return;
  }
  if (!g->aborting && !g->parentCancelRequested) {
    // Interrupt the body (the parent task); __aexit__ takes the request back.
    tg_abort(ts, g);
    g->parentCancelRequested = true;
    td_task_cancel(ts, reinterpret_cast<TdTask *>(g->parentTask), 0);
  }
}

TdValue tg_create_task(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[3] = {0, 0, 0};
  if (!bind(ts, "TaskGroup.create_task", args, nargs, kw, {"coro", "$name", "$context"}, 1, a, 1))
    return 0;
  TdTaskGroup *g = TG(self);
  const char *why = nullptr;
  if (!g->entered)
    why = "has not been entered";
  else if (g->exiting && g->tasks->empty())
    why = "is finished";
  else if (g->aborting)
    why = "is shutting down";
  if (why) {
    td_err_format(ts, &td_type_RuntimeError, "TaskGroup %s %s", tg_repr_text(g).c_str(), why);
    return 0;
  }
  if (!td_require_coroutine(ts, a[0], &td_type_TypeError)) return 0;
  TdValue task = td_task_new(ts, g->loop, a[0], a[1]);
  if (!task) return 0;
  td_future_add_native_callback(ts, task, tg_on_task_done, self);
  g->tasks->push_back(td_newref(task));
  return task;
}

TdValue tg_aenter_body(TdThread *ts, TdValue self, Args) {
  TdTaskGroup *g = TG(self);
  if (g->entered) {
    td_err_format(ts, &td_type_RuntimeError, "TaskGroup %s has already been entered",
                  tg_repr_text(g).c_str());
    return 0;
  }
  if (!g->loop) {
    TdLoop *L = td_require_loop(ts);
    if (!L) return 0;
    td_incref(td_val(L));
    g->loop = L;
  }
  TdTask *parent = ts->loop == g->loop ? td_current_task(ts) : nullptr;
  if (!parent) {
    td_err_format(ts, &td_type_RuntimeError, "TaskGroup %s cannot determine the parent task",
                  tg_repr_text(g).c_str());
    return 0;
  }
  td_decref(g->parentTask);
  g->parentTask = td_newref(td_val(parent));
  g->entered = true;
  return td_newref(self);
}

TdValue tg_aexit_body(TdThread *ts, TdValue self, Args args) {
  TdTaskGroup *g = TG(self);
  TdValue et = args[0], exc = args[1];
  bool hasExc = !td_is_none(et);
  g->exiting = true;
  if (!td_is_none(exc) && is_base_error(exc) && !g->baseError) g->baseError = td_newref(exc);
  TdRef propagate(et == td_val(&td_type_CancelledError) ? td_newref(exc) : 0);
  if (g->parentCancelRequested) {
    // We must call uncancel(); with no cancellation left, the
    // CancelledError was ours and does not propagate.
    auto *p = reinterpret_cast<TdTask *>(g->parentTask);
    if (p->numCancelsRequested > 0) p->numCancelsRequested--;
    if (p->numCancelsRequested == 0) propagate = TdRef();
  }
  if (hasExc && !g->aborting) tg_abort(ts, g);
  while (!g->tasks->empty()) {
    if (!g->onCompletedFut) {
      g->onCompletedFut = td_future_new(ts, g->loop);
      if (!g->onCompletedFut) return 0;
    }
    TdRef fut(td_newref(g->onCompletedFut));
    TdValue r = td_future_wait(ts, fut.get());
    if (!r) {
      if (!td_err_is(ts, &td_type_CancelledError)) return 0;
      TdRef ex(td_err_fetch(ts));
      if (!g->aborting) {
        // The parent task is being cancelled while the children run.
        propagate = std::move(ex);
        tg_abort(ts, g);
      }
    }
    td_decref(r);
    td_decref(g->onCompletedFut);
    g->onCompletedFut = 0;
  }
  if (g->baseError) {
    td_err_set_value(ts, g->baseError);
    return 0;
  }
  if (propagate && g->errors->empty()) {
    td_err_set_value(ts, propagate.get());
    return 0;
  }
  if (hasExc && et != td_val(&td_type_CancelledError)) g->errors->push_back(td_newref(exc));
  if (g->errors->empty()) return td_none();
  // raise BaseExceptionGroup('unhandled errors in a TaskGroup', errors) from None
  std::vector<TdValue> errors;
  errors.swap(*g->errors);
  TdRef list(td_list_new(ts, int64_t(errors.size())));
  if (!list) {
    td_release_all(errors);
    return 0;
  }
  for (TdValue e : errors) td_list_append_steal(ts, list.get(), e);
  TdRef msg(td_str_from(ts, "unhandled errors in a TaskGroup"));
  if (!msg) return 0;
  TdValue cargs[2] = {msg.get(), list.get()};
  TdRef me(td_call(ts, td_val(&td_type_BaseExceptionGroup), cargs, 2, 0));
  if (!me) return 0;
  auto *e = reinterpret_cast<TdException *>(me.get());
  td_decref(e->cause);
  e->cause = 0;
  e->suppressContext = true;
  td_err_set_value(ts, me.get());
  return 0;
}

TdValue tg_aenter(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "__aenter__", kw) || !td_check_nargs(ts, "__aenter__", nargs, 0, 0))
    return 0;
  return td_native_coro_new(ts, "TaskGroup.__aenter__", tg_aenter_body, self, nullptr, 0);
}

TdValue tg_aexit(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "__aexit__", kw) || !td_check_nargs(ts, "__aexit__", nargs, 3, 3))
    return 0;
  return td_native_coro_new(ts, "TaskGroup.__aexit__", tg_aexit_body, self, args, 3);
}

const TdMethodDef kTaskGroupMethods[] = {
    {"create_task", tg_create_task},
    {"__aenter__", tg_aenter},
    {"__aexit__", tg_aexit},
    {nullptr, nullptr},
};

// ---------------------------------------------------------------------------
// Registration
// ---------------------------------------------------------------------------

struct Fn {
  const char *name;
  TdVectorFn fn;
};

const Fn kFunctions[] = {
    {"wait", a_wait},
    {"wait_for", a_wait_for},
    {"as_completed", a_as_completed},
    {"shield", a_shield},
    {"timeout", a_timeout},
    {"timeout_at", a_timeout_at},
};

} // namespace

TdType td_type_Timeout = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "Timeout",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = timeout_dealloc,
    .repr = timeout_repr,
    .construct = timeout_construct,
    .methods = kTimeoutMethods,
};

TdType td_type_TaskGroup = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "TaskGroup",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = tg_dealloc,
    .repr = tg_repr,
    .construct = tg_construct,
    .methods = kTaskGroupMethods,
};

bool td_asyncio_init_combinators(TdThread *ts, TdValue d) {
  for (const Fn &f : kFunctions) {
    TdValue fn = td_builtin_function_new(ts, f.name, f.fn, 0);
    if (!fn) return false;
    int r = td_dict_set_str(ts, d, f.name, fn);
    td_decref(fn);
    if (r < 0) return false;
  }
  for (const char *name : kReturnWhenNames) {
    TdRef s(td_str_from(ts, name));
    if (!s || td_dict_set_str(ts, d, name, s.get()) < 0) return false;
  }
  td_type_ready(&td_type_combinator_state);
  td_type_ready(&td_type_as_completed_iter);
  return td_asyncio_add_type(ts, d, &td_type_Timeout) &&
         td_asyncio_add_type(ts, d, &td_type_TaskGroup);
}
