// task.cpp — asyncio.Task: a coroutine running on its own fiber (loop.h).
//
// A task's life: created (its first step is queued: it starts on the next
// loop iteration), running (on the shared stack, loop.cpp step()),
// suspended (its fiber waits in td_task_suspend for a wakeup or a step),
// finished (result, exception or cancelled; callbacks scheduled).
//
// Cancellation follows CPython 3.11's Task: cancel() cancels the future the
// task awaits (_fut_waiter) if there is one, which wakes the task with a
// CancelledError; otherwise it sets mustCancel, which raises CancelledError
// at the task's next step (or, if the task never started, ends it before
// its body runs).  A task whose coroutine swallows the CancelledError is not
// cancelled; cancelling() counts the requests, uncancel() takes one back.
#include <cstdio>

#include "containers.h"
#include "errors.h"
#include "loop.h"
#include "runtime.h"

namespace {

TdTask *TK(TdValue v) { return reinterpret_cast<TdTask *>(v); }

void unlink_live(TdTask *t) {
  if (!t->prevLive) return;
  t->prevLive->nextLive = t->nextLive;
  t->nextLive->prevLive = t->prevLive;
  t->prevLive = t->nextLive = nullptr;
}

void task_dealloc(TdObject *o) {
  TdTask *t = TK(td_val(o));
  if (t->fut.logTraceback && t->fut.exception) {
    o->refcnt = 1; // alive while it is reported
    td_future_report_unretrieved(td_thread_current(), td_val(o), "Task");
    o->refcnt = 0;
  }
  TdLoop *L = t->fut.loop;
  if (L && L->stackOwner == t) L->stackOwner = nullptr;
  unlink_live(t);
  td_decref(t->coro);
  td_decref(t->name);
  td_decref(t->futWaiter);
  td_decref(t->cancelMsg);
  td_decref(t->throwExc);
  td_decref(t->context);
  for (TdValue v : t->handled) td_decref(v);
  t->handled.~vector();
  t->slice.~FiberSlice();
  td_future_clear(&t->fut);
  t->fut.callbacks.~TdCallbacks();
  td_free_object(o);
}

} // namespace

namespace {
bool task_cancel_hook(TdThread *ts, TdValue fut, TdValue msg) {
  return td_task_cancel(ts, TK(fut), msg);
}
} // namespace

TdValue td_task_new(TdThread *ts, TdLoop *L, TdValue coro, TdValue name, TdValue context) {
  // The context it runs in: given, or captured now (CPython's
  // copy_context(); nothing is allocated while the current one is empty).
  TdValue ctx = 0;
  if (!td_context_choose(ts, context, &ctx)) return 0;
  TdValue v = td_future_new(ts, L, &td_type_Task, sizeof(TdTask));
  if (!v) {
    td_decref(ctx);
    return 0;
  }
  TdTask *t = TK(v);
  t->context = ctx;
  new (&t->slice) tide::fiber::FiberSlice();
  new (&t->handled) std::vector<TdValue>();
  t->coro = td_newref(coro);
  t->name = 0;
  t->id = ++ts->rt->taskCounter;
  t->futWaiter = t->cancelMsg = t->throwExc = 0;
  t->numCancelsRequested = 0;
  t->mustCancel = t->started = t->finished = false;
  t->fut.cancel = task_cancel_hook;
  t->ctx = nullptr;
  t->asanFake = nullptr;
  // Link at the end of the live list: all_tasks() lists them in creation order.
  t->prevLive = L->live.prevLive;
  t->nextLive = &L->live;
  L->live.prevLive->nextLive = t;
  L->live.prevLive = t;
  if (name && !td_is_none(name)) {
    t->name = td_is_str(name) ? td_newref(name) : td_str(ts, name);
    if (!t->name) {
      td_decref(v);
      return 0;
    }
  }
  td_loop_resume_soon(L, t);
  return v;
}

TdValue td_task_name(TdThread *ts, TdTask *t) {
  if (!t->name) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "Task-%lld", static_cast<long long>(t->id));
    t->name = td_str_from(ts, buf);
    if (!t->name) return 0;
  }
  return td_newref(t->name);
}

TdTask *td_current_task(TdThread *ts) { return ts->loop ? ts->loop->current : nullptr; }

bool td_task_cancel(TdThread *ts, TdTask *t, TdValue msg) {
  t->fut.logTraceback = false;
  if (t->fut.state != TdFuture::Pending) return false;
  t->numCancelsRequested++;
  if (t->futWaiter && td_future_cancel(ts, t->futWaiter, msg)) return true;
  t->mustCancel = true;
  td_decref(t->cancelMsg);
  t->cancelMsg = (msg && !td_is_none(msg)) ? td_newref(msg) : 0;
  return true;
}

TdValue td_task_suspend(TdThread *, TdTask *t) {
  TdLoop *L = t->fut.loop;
  tide::fiber::before_switch(&t->asanFake, L->loopStackBottom, L->loopStackSize);
  tide::fiber::Transfer r = tide::fiber::jump(L->schedCtx, nullptr);
  tide::fiber::after_switch(t->asanFake, &L->loopStackBottom, &L->loopStackSize);
  L->schedCtx = r.from;
  TdValue thrown = t->throwExc;
  t->throwExc = 0;
  return thrown;
}

void td_task_throw(TdThread *ts, TdTask *t, TdValue exc) {
  if (t->futWaiter) td_future_remove_callback(ts, t->futWaiter, td_val(t));
  td_decref(t->throwExc);
  t->throwExc = td_newref(exc);
  td_loop_resume_soon(t->fut.loop, t);
}

int td_task_yield(TdThread *ts) {
  TdTask *t = td_current_task(ts);
  if (!t) {
    td_err_set(ts, &td_type_RuntimeError, "no running event loop");
    return -1;
  }
  td_loop_resume_soon(t->fut.loop, t);
  if (TdValue thrown = td_task_suspend(ts, t)) {
    td_err_set_value(ts, thrown);
    td_decref(thrown);
    return -1;
  }
  if (t->mustCancel) {
    t->mustCancel = false;
    td_raise_cancelled(ts, t->cancelMsg);
    return -1;
  }
  return 0;
}

void td_task_finish(TdThread *ts, TdTask *t, TdValue r) {
  unlink_live(t);
  TdValue self = td_val(t);
  if (r) {
    if (t->mustCancel) {
      t->mustCancel = false;
      td_future_cancel_base(ts, self, t->cancelMsg);
    } else {
      td_future_set_result(ts, self, r);
    }
    td_decref(r);
    return;
  }
  TdValue exc = td_err_fetch(ts);
  if (!exc) {
    td_err_set(ts, &td_type_SystemError, "task ended with an error but no exception");
    exc = td_err_fetch(ts);
  }
  if (td_isinstance(exc, &td_type_CancelledError)) {
    td_future_cancel_base(ts, self, 0);
    t->fut.cancelledExc = exc; // result() re-raises this very exception once
    return;
  }
  td_future_set_exception(ts, self, exc);
  td_decref(exc);
}

// ---------------------------------------------------------------------------
// The Python-visible Task
// ---------------------------------------------------------------------------

namespace {

using Args = const TdValue *;

TdValue task_get_name(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "get_name", kw) || !td_check_nargs(ts, "get_name", nargs, 0, 0)) return 0;
  return td_task_name(ts, TK(self));
}

TdValue task_set_name(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "set_name", kw) || !td_check_nargs(ts, "set_name", nargs, 1, 1)) return 0;
  TdValue s = td_is_str(args[0]) ? td_newref(args[0]) : td_str(ts, args[0]);
  if (!s) return 0;
  td_decref(TK(self)->name);
  TK(self)->name = s;
  return td_none();
}

TdValue task_get_coro(TdThread *, TdValue self, Args, int64_t, TdValue) {
  return td_newref(TK(self)->coro);
}

TdValue task_cancelling(TdThread *, TdValue self, Args, int64_t, TdValue) {
  return td_small(TK(self)->numCancelsRequested);
}

TdValue task_uncancel(TdThread *, TdValue self, Args, int64_t, TdValue) {
  TdTask *t = TK(self);
  if (t->numCancelsRequested > 0) t->numCancelsRequested--;
  return td_small(t->numCancelsRequested);
}

const TdMethodDef kTaskMethods[] = {
    {"get_name", task_get_name},
    {"set_name", task_set_name},
    {"get_coro", task_get_coro},
    {"cancelling", task_cancelling},
    {"uncancel", task_uncancel},
    {nullptr, nullptr},
};

TdValue task_repr(TdThread *ts, TdValue self) {
  TdTask *t = TK(self);
  std::string state = td_future_state_repr(ts, self);
  std::string s = "<Task " + state.substr(0, state.find(' '));
  TdRef name(td_task_name(ts, t));
  if (!name) return 0;
  std::string nr;
  if (!td_repr_to(ts, name.get(), nr)) return 0;
  s += " name=" + nr;
  auto *c = reinterpret_cast<TdCoroutine *>(t->coro);
  s += " coro=<";
  s += td_coro_name(t->coro);
  s += "()";
  if (!c->native && c->fn) {
    const TdCodeInfo *code = c->fn->code;
    s += t->fut.state == TdFuture::Pending ? " running at " : " done, defined at ";
    s += code->filename ? code->filename : "?";
    s += ":" + std::to_string(code->firstLine);
  }
  s += ">";
  size_t sp = state.find(' ');
  if (sp != std::string::npos) s += state.substr(sp);
  s += ">";
  return td_str_from(ts, s);
}

TdValue task_construct(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  static const char *const names[] = {"coro", "loop", "name", "context"};
  TdValue a[4] = {0, 0, 0, 0};
  if (!td_parse_args(ts, "Task", args, nargs, kw, names, 1, 4, a)) return 0;
  if (!td_require_coroutine(ts, a[0], &td_type_TypeError)) return 0;
  TdLoop *L = (a[1] && !td_is_none(a[1])) ? reinterpret_cast<TdLoop *>(a[1]) : td_require_loop(ts);
  if (!L) return 0;
  return td_task_new(ts, L, a[0], a[2], a[3]);
}

} // namespace

TdType td_type_Task = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "Task",
    .base = &td_type_Future,
    .flags = 0,
    .dealloc = task_dealloc,
    .repr = task_repr,
    .construct = task_construct,
    .methods = kTaskMethods,
};
