// queues.cpp — asyncio's queues: Queue (FIFO), LifoQueue, PriorityQueue,
// with CPython 3.11's behaviour (asyncio/queues.py): the same blocking and
// wake-up order, messages, QueueEmpty / QueueFull, task_done / join.
//
// Layout.  The items live in a TdRing (asyncio.h): popped at the front for
// Queue, at the back for LifoQueue, and used as an array holding a binary
// heap for PriorityQueue (heapq's exact algorithm, so items that compare
// equal come out in the same order as in CPython).  Blocked getters and
// putters wait on futures kept in two more rings, woken oldest first by
// the opposite operation (_wakeup_next); join() waits like Event.wait on
// the queue's "finished" flag.
//
// Speed.  put/get that need not block complete at once: no future, no
// allocation beyond the native coroutine the call returns.  A future is
// made only when the task has to wait.
#include <cmath>
#include <cstdio>

#include "asyncio.h"

namespace {

using Args = const TdValue *;

enum Kind : uint8_t { Fifo, Lifo, Priority };

struct QueueObj {
  TdObject ob;
  Kind kind;
  TdValue maxsizeObj; // owned: what `maxsize` returns
  int64_t maxsize;    // <= 0: unbounded
  int64_t unfinished; // _unfinished_tasks
  bool finished;      // the flag of CPython's _finished Event
  TdLoop *loop;       // owned, 0 until bound (getters / putters)
  TdLoop *joinLoop;   // owned, 0 until bound (the _finished Event)
  TdRing items;
  TdRing getters, putters, joiners;
};

QueueObj *QU(TdValue v) { return reinterpret_cast<QueueObj *>(v); }

extern TdType QueueType, LifoQueueType, PriorityQueueType;

bool full(QueueObj *q) { return q->maxsize > 0 && int64_t(q->items.size()) >= q->maxsize; }

// Wakes the first waiter that is not done (dropping the done ones).
void wakeup_next(TdThread *ts, TdRing &waiters) {
  while (!waiters.empty()) {
    TdValue w = waiters.pop_front();
    bool live = !td_future_done(w);
    if (live) td_future_set_result(ts, w, td_none());
    td_decref(w);
    if (live) break;
  }
}

TdValue raise_new(TdThread *ts, TdType *type) {
  TdValue e = td_call(ts, td_val(type), nullptr, 0, 0);
  if (e) {
    td_err_set_value(ts, e);
    td_decref(e);
  }
  return 0;
}

// ---------------------------------------------------------------------------
// The heap (heapq's siftdown / siftup)
// ---------------------------------------------------------------------------

// a < b with both kept alive during the comparison; -1 on error, also when
// the comparison changed the queue's size.
int less(TdThread *ts, QueueObj *q, TdValue a, TdValue b) {
  size_t n = q->items.size();
  td_incref(a);
  td_incref(b);
  int r = td_compare_bool(ts, TD_CMP_LT, a, b);
  td_decref(a);
  td_decref(b);
  if (r >= 0 && q->items.size() != n) {
    td_err_set(ts, &td_type_RuntimeError, "list changed size during iteration");
    return -1;
  }
  return r;
}

bool sift_down(TdThread *ts, QueueObj *q, size_t start, size_t pos) {
  TdRing &h = q->items;
  while (pos > start) {
    size_t parent = (pos - 1) >> 1;
    int lt = less(ts, q, h[pos], h[parent]);
    if (lt < 0) return false;
    if (!lt) break;
    std::swap(h[pos], h[parent]);
    pos = parent;
  }
  return true;
}

bool sift_up(TdThread *ts, QueueObj *q, size_t pos) {
  TdRing &h = q->items;
  size_t end = h.size(), start = pos, limit = end >> 1;
  while (pos < limit) {
    size_t child = 2 * pos + 1;
    if (child + 1 < end) {
      int lt = less(ts, q, h[child], h[child + 1]);
      if (lt < 0) return false;
      if (!lt) child++;
    }
    std::swap(h[child], h[pos]);
    pos = child;
  }
  return sift_down(ts, q, start, pos);
}

// _put: the item stays in the queue even if a comparison fails, as with
// heapq.heappush.
bool put_item(TdThread *ts, QueueObj *q, TdValue item) {
  if (!q->items.push_back(td_newref(item))) {
    td_err_nomem(ts);
    return false;
  }
  if (q->kind != Priority) return true;
  return sift_down(ts, q, 0, q->items.size() - 1);
}

// _get: a new reference or 0.
TdValue get_item(TdThread *ts, QueueObj *q) {
  switch (q->kind) {
  case Fifo:
    return q->items.pop_front();
  case Lifo:
    return q->items.pop_back();
  case Priority:
    break;
  }
  TdValue last = q->items.pop_back();
  if (q->items.empty()) return last;
  TdValue top = q->items[0];
  q->items[0] = last;
  if (!sift_up(ts, q, 0)) {
    td_decref(top);
    return 0;
  }
  return top;
}

// ---------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------

bool no_args(TdThread *ts, const char *name, int64_t nargs, TdValue kw) {
  return td_no_kwargs(ts, name, kw) && td_check_nargs(ts, name, nargs, 0, 0);
}

TdValue put_nowait(TdThread *ts, QueueObj *q, TdValue item) {
  if (full(q)) return raise_new(ts, &td_type_QueueFull);
  if (!put_item(ts, q, item)) return 0;
  q->unfinished++;
  q->finished = false;
  wakeup_next(ts, q->getters);
  return td_none();
}

TdValue get_nowait(TdThread *ts, QueueObj *q) {
  if (q->items.empty()) return raise_new(ts, &td_type_QueueEmpty);
  TdValue item = get_item(ts, q);
  if (!item) return 0;
  wakeup_next(ts, q->putters);
  return item;
}

// Waits on a new future in `waiters` until woken (true), or fails with the
// exception the wait ended with, after CPython's clean-up: the future is
// cancelled and dropped, and if it had been woken while the queue can
// still serve the next in line, that one is woken instead.
bool block(TdThread *ts, TdValue self, TdRing &waiters, bool (*canServe)(QueueObj *)) {
  QueueObj *q = QU(self);
  TdLoop *L = td_asyncio_bound_loop(ts, self, &q->loop);
  if (!L) return false;
  TdValue fut;
  TdValue r = td_asyncio_wait_on(ts, L, waiters, &fut);
  if (r) {
    td_decref(r);
    td_decref(fut);
    return true;
  }
  if (!fut) return false;
  TdValue exc = td_err_fetch(ts);
  td_future_cancel(ts, fut, 0);
  waiters.remove(fut);
  if (canServe(q) && td_future(fut)->state != TdFuture::Cancelled) wakeup_next(ts, waiters);
  td_decref(fut);
  td_err_restore(ts, exc);
  td_decref(exc);
  return false;
}

bool not_full(QueueObj *q) { return !full(q); }
bool not_empty(QueueObj *q) { return !q->items.empty(); }

TdValue put_body(TdThread *ts, TdValue self, Args args) {
  QueueObj *q = QU(self);
  while (full(q))
    if (!block(ts, self, q->putters, not_full)) return 0;
  return put_nowait(ts, q, args[0]);
}

TdValue get_body(TdThread *ts, TdValue self, Args) {
  QueueObj *q = QU(self);
  while (q->items.empty())
    if (!block(ts, self, q->getters, not_empty)) return 0;
  return get_nowait(ts, q);
}

TdValue join_body(TdThread *ts, TdValue self, Args) {
  QueueObj *q = QU(self);
  if (q->unfinished <= 0 || q->finished) return td_none();
  TdLoop *L = td_asyncio_bound_loop(ts, self, &q->joinLoop);
  if (!L) return 0;
  TdValue fut;
  TdValue r = td_asyncio_wait_on(ts, L, q->joiners, &fut);
  if (fut) {
    q->joiners.remove(fut);
    td_decref(fut);
  }
  if (!r) return 0;
  td_decref(r);
  return td_none();
}

TdValue q_put(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (nargs == 1 && !kw) return td_native_coro_new(ts, "Queue.put", put_body, self, args, 1);
  TdValue a[1] = {0};
  if (!td_parse_call(ts, "put", args, nargs, kw, {"item"}, 1, a)) return 0;
  return td_native_coro_new(ts, "Queue.put", put_body, self, a, 1);
}

TdValue q_get(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "get", nargs, kw)) return 0;
  return td_native_coro_new(ts, "Queue.get", get_body, self, nullptr, 0);
}

TdValue q_join(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "join", nargs, kw)) return 0;
  return td_native_coro_new(ts, "Queue.join", join_body, self, nullptr, 0);
}

TdValue q_put_nowait(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (nargs == 1 && !kw) return put_nowait(ts, QU(self), args[0]);
  TdValue a[1] = {0};
  if (!td_parse_call(ts, "put_nowait", args, nargs, kw, {"item"}, 1, a)) return 0;
  return put_nowait(ts, QU(self), a[0]);
}

TdValue q_get_nowait(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "get_nowait", nargs, kw)) return 0;
  return get_nowait(ts, QU(self));
}

TdValue q_task_done(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "task_done", nargs, kw)) return 0;
  QueueObj *q = QU(self);
  if (q->unfinished <= 0) {
    td_err_set(ts, &td_type_ValueError, "task_done() called too many times");
    return 0;
  }
  if (--q->unfinished == 0 && !q->finished) {
    q->finished = true;
    for (size_t i = 0; i < q->joiners.size(); i++)
      if (!td_future_done(q->joiners[i])) td_future_set_result(ts, q->joiners[i], td_bool(true));
  }
  return td_none();
}

TdValue q_qsize(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "qsize", nargs, kw)) return 0;
  return td_small(int64_t(QU(self)->items.size()));
}

TdValue q_empty(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "empty", nargs, kw)) return 0;
  return td_bool(QU(self)->items.empty());
}

TdValue q_full(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "full", nargs, kw)) return 0;
  return td_bool(full(QU(self)));
}

const TdMethodDef kQueueMethods[] = {
    {"put", q_put},
    {"get", q_get},
    {"put_nowait", q_put_nowait},
    {"get_nowait", q_get_nowait},
    {"task_done", q_task_done},
    {"join", q_join},
    {"qsize", q_qsize},
    {"empty", q_empty},
    {"full", q_full},
    {nullptr, nullptr},
};

// "maxsize=1 _queue=[1, 2] _getters[1] tasks=2" (CPython's _format).
bool format(TdThread *ts, QueueObj *q, std::string &s) {
  s += "maxsize=";
  if (!td_repr_to(ts, q->maxsizeObj, s)) return false;
  if (!q->items.empty()) {
    s += " _queue=[";
    for (size_t i = 0; i < q->items.size(); i++) {
      if (i) s += ", ";
      if (!td_repr_to(ts, q->items[i], s)) return false;
    }
    s += "]";
  }
  if (!q->getters.empty()) s += " _getters[" + std::to_string(q->getters.size()) + "]";
  if (!q->putters.empty()) s += " _putters[" + std::to_string(q->putters.size()) + "]";
  if (q->unfinished) s += " tasks=" + std::to_string(q->unfinished);
  return true;
}

TdValue q_repr(TdThread *ts, TdValue self) {
  char buf[40];
  std::snprintf(buf, sizeof buf, " at %p ", reinterpret_cast<void *>(self));
  std::string s = std::string("<") + td_obj(self)->type->name + buf;
  if (!format(ts, QU(self), s)) return 0;
  return td_str_from(ts, s + ">");
}

TdValue q_str(TdThread *ts, TdValue self) {
  std::string s = std::string("<") + td_obj(self)->type->name + " ";
  if (!format(ts, QU(self), s)) return 0;
  return td_str_from(ts, s + ">");
}

TdValue q_getattr(TdThread *ts, TdValue self, TdValue name) {
  std::string_view n = td_str_view(name);
  if (n == "maxsize") return td_newref(QU(self)->maxsizeObj);
  TdType *t = td_obj(self)->type;
  if (const TdMethodDef *m = td_find_method(t, n)) return td_builtin_method_new(ts, self, m);
  if (n == "__class__") return td_newref(td_val(t));
  td_err_format(ts, &td_type_AttributeError, "'%s' object has no attribute '%.*s'", t->name,
                int(n.size()), n.data());
  return 0;
}

int q_setattr(TdThread *ts, TdValue self, TdValue name, TdValue) {
  std::string_view n = td_str_view(name);
  const char *t = td_obj(self)->type->name;
  if (n == "maxsize")
    td_err_format(ts, &td_type_AttributeError, "property 'maxsize' of '%s' object has no setter", t);
  else if (td_find_method(td_obj(self)->type, n))
    td_err_format(ts, &td_type_AttributeError, "'%s' object attribute '%.*s' is read-only", t,
                  int(n.size()), n.data());
  else
    td_err_format(ts, &td_type_AttributeError, "'%s' object has no attribute '%.*s'", t,
                  int(n.size()), n.data());
  return -1;
}

void q_dealloc(TdObject *o) {
  QueueObj *q = QU(td_val(o));
  q->items.release();
  q->getters.release();
  q->putters.release();
  q->joiners.release();
  td_decref(q->maxsizeObj);
  if (q->loop) td_decref(td_val(q->loop));
  if (q->joinLoop) td_decref(td_val(q->joinLoop));
  td_free_object(o);
}

// The effective bound for full(): qsize() >= maxsize, with maxsize any
// real number (<= 0 or NaN: no bound).
bool effective_maxsize(TdThread *ts, TdValue v, int64_t *out) {
  if (td_is_int(v)) {
    if (td_is_small(v)) {
      *out = td_small_val(v);
      return true;
    }
    TdRef zero(td_small(0));
    int neg = td_compare_bool(ts, TD_CMP_LT, v, zero.get());
    if (neg < 0) return false;
    *out = neg ? 0 : INT64_MAX;
    return true;
  }
  if (td_is_float(v)) {
    double d = td_float_val(v);
    *out = !(d > 0) ? 0 : d >= 9e18 ? INT64_MAX : int64_t(std::ceil(d));
    return true;
  }
  td_err_format(ts, &td_type_TypeError, "'<=' not supported between instances of '%s' and 'int'",
                td_type_name(v));
  return false;
}

TdValue q_construct(TdThread *ts, TdValue type, Args args, int64_t nargs, TdValue kw) {
  TdType *t = reinterpret_cast<TdType *>(type);
  TdValue a[1] = {0};
  if (!td_parse_call(ts, t->name, args, nargs, kw, {"maxsize"}, 0, a)) return 0;
  TdValue maxsize = a[0] ? a[0] : td_small(0);
  int64_t eff;
  if (!effective_maxsize(ts, maxsize, &eff)) return 0;
  TdObject *o = td_alloc_object(t, sizeof(QueueObj));
  if (!o) return td_err_nomem(ts);
  QueueObj *q = QU(td_val(o));
  q->kind = t == &LifoQueueType ? Lifo : t == &PriorityQueueType ? Priority : Fifo;
  q->maxsizeObj = td_newref(maxsize);
  q->maxsize = eff;
  q->unfinished = 0;
  q->finished = true;
  q->loop = q->joinLoop = nullptr;
  q->items.init();
  q->getters.init();
  q->putters.init();
  q->joiners.init();
  return td_val(o);
}

TdType QueueType = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "Queue",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = q_dealloc,
    .repr = q_repr,
    .str = q_str,
    .getattr = q_getattr,
    .setattr = q_setattr,
    .construct = q_construct,
    .methods = kQueueMethods,
};

TdType LifoQueueType = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "LifoQueue",
    .base = &QueueType,
    .flags = 0,
    .dealloc = q_dealloc,
    .repr = q_repr,
    .str = q_str,
    .getattr = q_getattr,
    .setattr = q_setattr,
    .construct = q_construct,
};

TdType PriorityQueueType = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "PriorityQueue",
    .base = &QueueType,
    .flags = 0,
    .dealloc = q_dealloc,
    .repr = q_repr,
    .str = q_str,
    .getattr = q_getattr,
    .setattr = q_setattr,
    .construct = q_construct,
};

} // namespace

bool td_asyncio_init_queues(TdThread *ts, TdValue d) {
  return td_asyncio_add_type(ts, d, &QueueType) && td_asyncio_add_type(ts, d, &LifoQueueType) &&
         td_asyncio_add_type(ts, d, &PriorityQueueType) &&
         td_asyncio_add_type(ts, d, &td_type_QueueEmpty) &&
         td_asyncio_add_type(ts, d, &td_type_QueueFull);
}
