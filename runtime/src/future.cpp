// future.cpp — asyncio.Future: a result that arrives later (loop.h).
//
// Completing a future (set_result, set_exception, cancel) schedules each
// done-callback on the loop with call_soon, in registration order, exactly
// as CPython's Future.__schedule_callbacks does: callbacks never run inside
// set_result, they run on the loop's next iteration.  A task waiting on the
// future is one such callback (kind Wakeup): it resumes the task's fiber.
//
// An exception nobody retrieved (result() / exception() never called) is
// reported when the future is freed, as CPython's __del__ does:
// "Future exception was never retrieved" / "Task exception was never
// retrieved" with the traceback.
#include <cstdio>

#include "containers.h"
#include "errors.h"
#include "loop.h"
#include "runtime.h"

namespace {

TdFuture *FU(TdValue v) { return reinterpret_cast<TdFuture *>(v); }

void release_callbacks(TdCallbacks &cbs) {
  for (auto &cb : cbs) td_decref(cb.obj);
  cbs.clear();
}

void schedule_callbacks(TdThread *, TdValue fut) {
  TdFuture *f = FU(fut);
  if (f->callbacks.empty()) return;
  TdCallbacks cbs;
  cbs.swap(f->callbacks);
  TdLoop *L = f->loop;
  for (auto &cb : cbs) {
    if (L->closed) {
      td_decref(cb.obj);
      continue;
    }
    switch (cb.kind) {
    case TdFutureCallback::Wakeup:
      td_loop_push(L, TdReady{TdReady::Resume, cb.obj, 0, nullptr, nullptr});
      break;
    case TdFutureCallback::Callable: {
      TdValue args = td_tuple_pack(L->ts, {fut});
      if (!args) {
        td_err_clear(L->ts);
        td_decref(cb.obj);
        break;
      }
      td_loop_push(L, TdReady{TdReady::Call, cb.obj, args, nullptr, nullptr});
      break;
    }
    case TdFutureCallback::Native:
      td_loop_push(L, TdReady{TdReady::Native, cb.obj, td_newref(fut), cb.fn, nullptr});
      break;
    }
  }
}

bool check_pending(TdThread *ts, TdValue fut) {
  if (FU(fut)->state == TdFuture::Pending) return true;
  td_err_set(ts, &td_type_InvalidStateError, "invalid state");
  return false;
}

} // namespace

void td_future_clear(TdFuture *f) {
  release_callbacks(f->callbacks);
  td_decref(f->result);
  td_decref(f->exception);
  td_decref(f->cancelMsg);
  td_decref(f->cancelledExc);
  f->result = f->exception = f->cancelMsg = f->cancelledExc = 0;
  if (f->loop) td_decref(td_val(f->loop));
  f->loop = nullptr;
}

namespace {

void future_dealloc(TdObject *o) {
  TdFuture *f = reinterpret_cast<TdFuture *>(o);
  if (f->logTraceback && f->exception) {
    o->refcnt = 1; // alive while it is reported
    td_future_report_unretrieved(td_thread_current(), td_val(o), "Future");
    o->refcnt = 0;
  }
  td_future_clear(f);
  f->callbacks.~TdCallbacks();
  td_free_object(o);
}

} // namespace

// "future: <Future finished exception=...>" and the traceback, on stderr.
void td_future_report_unretrieved(TdThread *ts, TdValue fut, const char *kind) {
  TdValue pending = ts->curexc;
  ts->curexc = 0;
  std::string r;
  if (!td_repr_to(ts, fut, r)) {
    td_err_clear(ts);
    r = "<future>";
  }
  std::string text = std::string(kind) + " exception was never retrieved\nfuture: " + r + "\n" +
                     td_format_exception(ts, FU(fut)->exception);
  td_stdout_flush(ts->rt);
  std::fputs(text.c_str(), stderr);
  std::fflush(stderr);
  ts->curexc = pending;
}

TdValue td_future_new(TdThread *ts, TdLoop *loop, TdType *type, size_t size) {
  TdObject *o = td_alloc_object(type, size);
  if (!o) return td_err_nomem(ts);
  TdFuture *f = FU(td_val(o));
  f->state = TdFuture::Pending;
  f->logTraceback = false;
  f->cancelRequested = false;
  f->loop = loop;
  td_incref(td_val(loop));
  f->result = f->exception = f->cancelMsg = f->cancelledExc = 0;
  f->cancel = nullptr;
  new (&f->callbacks) TdCallbacks();
  return td_val(o);
}

bool td_future_set_result(TdThread *ts, TdValue fut, TdValue v) {
  if (!check_pending(ts, fut)) return false;
  TdFuture *f = FU(fut);
  f->result = td_newref(v);
  f->state = TdFuture::Finished;
  schedule_callbacks(ts, fut);
  return true;
}

bool td_future_set_exception(TdThread *ts, TdValue fut, TdValue exc) {
  if (!check_pending(ts, fut)) return false;
  if (td_is_small(exc) || !td_isinstance(exc, &td_type_BaseException)) {
    td_err_format(ts, &td_type_TypeError, "invalid exception object");
    return false;
  }
  if (td_obj(exc)->type == &td_type_StopIteration) {
    td_err_set(ts, &td_type_TypeError,
               "StopIteration interacts badly with generators and cannot be raised into a Future");
    return false;
  }
  TdFuture *f = FU(fut);
  f->exception = td_newref(exc);
  f->state = TdFuture::Finished;
  f->logTraceback = true;
  schedule_callbacks(ts, fut);
  return true;
}

// Future.cancel (tasks override it: td_task_cancel).
bool td_future_cancel_base(TdThread *ts, TdValue fut, TdValue msg) {
  TdFuture *f = FU(fut);
  f->logTraceback = false;
  if (f->state != TdFuture::Pending) return false;
  f->state = TdFuture::Cancelled;
  td_decref(f->cancelMsg);
  f->cancelMsg = (msg && !td_is_none(msg)) ? td_newref(msg) : 0;
  schedule_callbacks(ts, fut);
  return true;
}

bool td_future_cancel(TdThread *ts, TdValue fut, TdValue msg) {
  TdFuture *f = FU(fut);
  return f->cancel ? f->cancel(ts, fut, msg) : td_future_cancel_base(ts, fut, msg);
}

TdValue td_cancelled_error_new(TdThread *ts, TdValue msg) {
  TdValue cls = td_val(&td_type_CancelledError);
  if (msg && !td_is_none(msg)) return td_call(ts, cls, &msg, 1, 0);
  return td_call(ts, cls, nullptr, 0, 0);
}

TdValue td_future_cancelled_error(TdThread *ts, TdValue fut) {
  TdFuture *f = FU(fut);
  if (f->cancelledExc) {
    TdValue e = f->cancelledExc;
    f->cancelledExc = 0;
    return e;
  }
  return td_cancelled_error_new(ts, f->cancelMsg);
}

namespace {
void raise_owned(TdThread *ts, TdValue exc) { // exc: new ref, or 0 with an error set
  if (!exc) return;
  td_err_set_value(ts, exc);
  td_decref(exc);
}
} // namespace

void td_raise_cancelled(TdThread *ts, TdValue msg) { raise_owned(ts, td_cancelled_error_new(ts, msg)); }

void td_future_raise_cancelled(TdThread *ts, TdValue fut) {
  raise_owned(ts, td_future_cancelled_error(ts, fut));
}

TdValue td_future_result(TdThread *ts, TdValue fut) {
  TdFuture *f = FU(fut);
  switch (f->state) {
  case TdFuture::Pending:
    td_err_set(ts, &td_type_InvalidStateError, "Result is not set.");
    return 0;
  case TdFuture::Cancelled: {
    td_future_raise_cancelled(ts, fut);
    return 0;
  }
  case TdFuture::Finished:
    f->logTraceback = false;
    if (f->exception) {
      td_err_set_value(ts, f->exception);
      return 0;
    }
    return td_newref(f->result);
  }
  return 0;
}

bool td_future_add_callback(TdThread *, TdValue fut, TdFutureCallback cb) {
  TdFuture *f = FU(fut);
  if (f->state != TdFuture::Pending) {
    // Already done: scheduled right away (still via the loop).
    f->callbacks.push_back(cb);
    schedule_callbacks(nullptr, fut);
    return true;
  }
  f->callbacks.push_back(cb);
  return true;
}

void td_future_add_native_callback(TdThread *ts, TdValue fut, TdNativeCallback fn, TdValue data) {
  td_future_add_callback(ts, fut, TdFutureCallback{TdFutureCallback::Native, td_newref(data), fn});
}

int64_t td_future_remove_callback(TdThread *, TdValue fut, TdValue obj) {
  TdFuture *f = FU(fut);
  int64_t n = 0;
  auto &cbs = f->callbacks;
  size_t j = 0;
  for (size_t i = 0; i < cbs.size(); i++) {
    if (cbs[i].obj == obj) {
      td_decref(cbs[i].obj);
      n++;
    } else {
      cbs[j++] = cbs[i];
    }
  }
  cbs.resize(j);
  return n;
}

TdValue td_future_wait(TdThread *ts, TdValue fut) {
  TdFuture *f = FU(fut);
  if (f->state == TdFuture::Pending) {
    TdTask *t = td_current_task(ts);
    if (!t) {
      td_err_set(ts, &td_type_RuntimeError, "await wasn't used with future");
      return 0;
    }
    if (f->loop != t->fut.loop) {
      td_err_set(ts, &td_type_RuntimeError, "Task got Future attached to a different loop");
      return 0;
    }
    if (fut == td_val(t)) {
      td_err_set(ts, &td_type_RuntimeError, "Task cannot await on itself");
      return 0;
    }
    td_incref(td_val(t));
    f->callbacks.push_back(TdFutureCallback{TdFutureCallback::Wakeup, td_val(t), nullptr});
    t->futWaiter = td_newref(fut);
    if (t->mustCancel && td_future_cancel(ts, fut, t->cancelMsg)) t->mustCancel = false;
    TdValue thrown = td_task_suspend(ts, t);
    td_decref(t->futWaiter);
    t->futWaiter = 0;
    if (thrown) {
      td_err_set_value(ts, thrown);
      td_decref(thrown);
      return 0;
    }
    TdValue r = td_future_result(ts, fut);
    if (t->mustCancel) {
      t->mustCancel = false;
      if (r || !td_err_is(ts, &td_type_CancelledError)) {
        td_decref(r);
        td_err_clear(ts);
        td_raise_cancelled(ts, t->cancelMsg);
        return 0;
      }
    }
    return r;
  }
  return td_future_result(ts, fut);
}

// ---------------------------------------------------------------------------
// The Python-visible Future
// ---------------------------------------------------------------------------

namespace {

using Args = const TdValue *;

TdValue fut_result(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "result", kw) || !td_check_nargs(ts, "result", nargs, 0, 0)) return 0;
  return td_future_result(ts, self);
}

TdValue fut_exception(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "exception", kw) || !td_check_nargs(ts, "exception", nargs, 0, 0)) return 0;
  TdFuture *f = FU(self);
  if (f->state == TdFuture::Pending) {
    td_err_set(ts, &td_type_InvalidStateError, "Exception is not set.");
    return 0;
  }
  if (f->state == TdFuture::Cancelled) {
    td_future_raise_cancelled(ts, self);
    return 0;
  }
  f->logTraceback = false;
  return f->exception ? td_newref(f->exception) : td_none();
}

TdValue fut_done(TdThread *, TdValue self, Args, int64_t, TdValue) {
  return td_bool(FU(self)->state != TdFuture::Pending);
}

TdValue fut_cancelled(TdThread *, TdValue self, Args, int64_t, TdValue) {
  return td_bool(FU(self)->state == TdFuture::Cancelled);
}

TdValue fut_cancel(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  static const char *const names[] = {"msg"};
  TdValue msg = 0;
  if (!td_parse_args(ts, "cancel", args, nargs, kw, names, 0, 1, &msg)) return 0;
  return td_bool(td_future_cancel(ts, self, msg));
}

TdValue fut_set_result(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "set_result", kw) || !td_check_nargs(ts, "set_result", nargs, 1, 1)) return 0;
  if (td_is_task(self)) {
    td_err_set(ts, &td_type_RuntimeError, "Task does not support set_result operation");
    return 0;
  }
  if (FU(self)->state != TdFuture::Pending) {
    td_err_format(ts, &td_type_InvalidStateError, "invalid state");
    return 0;
  }
  return td_future_set_result(ts, self, args[0]) ? td_none() : 0;
}

TdValue fut_set_exception(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "set_exception", kw) || !td_check_nargs(ts, "set_exception", nargs, 1, 1))
    return 0;
  if (td_is_task(self)) {
    td_err_set(ts, &td_type_RuntimeError, "Task does not support set_exception operation");
    return 0;
  }
  if (FU(self)->state != TdFuture::Pending) {
    td_err_format(ts, &td_type_InvalidStateError, "invalid state");
    return 0;
  }
  TdValue exc = args[0];
  TdRef made;
  if (!td_is_small(exc) && td_obj(exc)->type == &td_type_type) {
    // set_exception(ValueError): an instance is made.
    made = TdRef(td_call(ts, exc, nullptr, 0, 0));
    if (!made) return 0;
    exc = made.get();
  }
  return td_future_set_exception(ts, self, exc) ? td_none() : 0;
}

TdValue fut_add_done_callback(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  static const char *const names[] = {nullptr, "context"};
  TdValue a[2] = {0, 0};
  if (!td_parse_args(ts, "add_done_callback", args, nargs, kw, names, 1, 2, a)) return 0;
  td_future_add_callback(ts, self,
                         TdFutureCallback{TdFutureCallback::Callable, td_newref(a[0]), nullptr});
  return td_none();
}

TdValue fut_remove_done_callback(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "remove_done_callback", kw) ||
      !td_check_nargs(ts, "remove_done_callback", nargs, 1, 1))
    return 0;
  // Callables compare by equality (bound methods are made afresh).
  TdFuture *f = FU(self);
  int64_t n = 0;
  size_t j = 0;
  for (size_t i = 0; i < f->callbacks.size(); i++) {
    auto cb = f->callbacks[i];
    int eq = cb.kind == TdFutureCallback::Callable ? td_eq(ts, cb.obj, args[0]) : 0;
    if (eq < 0) return 0;
    if (eq) {
      td_decref(cb.obj);
      n++;
    } else {
      f->callbacks[j++] = cb;
    }
  }
  f->callbacks.resize(j);
  return td_small(n);
}

TdValue fut_get_loop(TdThread *, TdValue self, Args, int64_t, TdValue) {
  return td_newref(td_val(FU(self)->loop));
}

TdValue fut_await(TdThread *, TdValue self, Args, int64_t, TdValue) { return td_newref(self); }

TdValue fut_construct(TdThread *ts, TdValue, Args args, int64_t nargs, TdValue kw) {
  static const char *const names[] = {"loop"};
  TdValue loop = 0;
  if (!td_parse_args(ts, "Future", args, nargs, kw, names, 0, 1, &loop)) return 0;
  TdLoop *L = (loop && !td_is_none(loop)) ? reinterpret_cast<TdLoop *>(loop) : td_require_loop(ts);
  if (!L) return 0;
  return td_future_new(ts, L);
}

const TdMethodDef kFutureMethods[] = {
    {"result", fut_result},
    {"exception", fut_exception},
    {"done", fut_done},
    {"cancelled", fut_cancelled},
    {"cancel", fut_cancel},
    {"set_result", fut_set_result},
    {"set_exception", fut_set_exception},
    {"add_done_callback", fut_add_done_callback},
    {"remove_done_callback", fut_remove_done_callback},
    {"get_loop", fut_get_loop},
    {"__await__", fut_await},
    {nullptr, nullptr},
};

} // namespace

// "finished result=42" / "cancelled" / "pending" / "finished exception=E()".
std::string td_future_state_repr(TdThread *ts, TdValue fut) {
  TdFuture *f = FU(fut);
  switch (f->state) {
  case TdFuture::Pending:
    return "pending";
  case TdFuture::Cancelled:
    return "cancelled";
  case TdFuture::Finished: {
    std::string r;
    if (f->exception) {
      if (!td_repr_to(ts, f->exception, r)) td_err_clear(ts);
      return "finished exception=" + r;
    }
    if (!td_repr_to(ts, f->result, r)) td_err_clear(ts);
    return "finished result=" + r;
  }
  }
  return "";
}

namespace {
TdValue fut_repr(TdThread *ts, TdValue self) {
  return td_str_from(ts, "<Future " + td_future_state_repr(ts, self) + ">");
}
} // namespace

TdType td_type_Future = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "Future",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = future_dealloc,
    .repr = fut_repr,
    .construct = fut_construct,
    .methods = kFutureMethods,
};
