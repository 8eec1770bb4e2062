// queue.cpp — the `queue` module: Queue (FIFO), LifoQueue, PriorityQueue
// and SimpleQueue for threads, with CPython 3.11's behaviour and messages
// (queue.py and _queue): blocking put/get with timeouts, task_done/join,
// Empty and Full.
//
// Layout.  The items are tide objects in a std::deque that only a thread
// holding the GIL touches: popped at the front for Queue and SimpleQueue,
// at the back for LifoQueue, and used as an array holding a binary heap
// for PriorityQueue (heapq's exact algorithm, so that items comparing
// equal come out in CPython's order).
//
// Blocking.  A thread that must wait (get on an empty queue, put on a full
// one, join with unfinished tasks) notes a sequence number under the
// queue's std::mutex while it still holds the GIL, drops the GIL and sleeps
// on a condition variable until the number moves: every put bumps putSeq,
// every get bumps getSeq, the last task_done bumps doneSeq, each while
// holding both the GIL and the mutex.  So no wake-up is lost between the
// check (under the GIL) and the sleep; a woken thread takes the GIL back
// and checks again, exactly like CPython's `while not self._qsize(): wait`.
// One put wakes one getter (notify_one), like not_empty.notify().
//
// Empty and Full are classes (Exception subclasses) whose __module__ is
// CPython's: `_queue` for Empty, `queue` for Full.
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <new>
#include <string>

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

enum Kind : uint8_t { Fifo, Lifo, Priority, Simple };

struct QueueObj {
  TdObject ob;
  Kind kind;
  TdValue maxsizeObj; // owned: what `maxsize` returns
  int64_t maxsize;    // <= 0: unbounded
  int64_t unfinished; // unfinished_tasks
  std::deque<TdValue> items; // owned; under the GIL
  std::mutex mu;             // guards the sequence numbers and waiter counts
  std::condition_variable notEmpty, notFull, allDone;
  uint64_t putSeq, getSeq, doneSeq;
};

QueueObj *QU(TdValue v) { return reinterpret_cast<QueueObj *>(v); }

extern TdType QueueType, LifoQueueType, PriorityQueueType, SimpleQueueType;

// The module's exception classes, found again through the module (they
// are built per runtime).
TdValue exc_class(TdThread *ts, const char *name) {
  TdValue mod = td_dict_get_str(ts, ts->rt->modules, "queue");
  if (!mod) return 0;
  return td_dict_get_str(ts, reinterpret_cast<TdModule *>(mod)->dict, name);
}

TdValue raise_new(TdThread *ts, const char *name) {
  TdValue cls = exc_class(ts, name);
  if (!cls) {
    td_err_format(ts, &td_type_RuntimeError, "queue.%s is missing", name);
    return 0;
  }
  TdValue e = td_call(ts, cls, nullptr, 0, 0);
  if (e) {
    td_err_set_value(ts, e);
    td_decref(e);
  }
  return 0;
}

Clock::time_point deadline_in(double secs) {
  if (secs > 1e9) secs = 1e9;
  return Clock::now() +
         std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(secs));
}

// Sleeps (GIL released) until q->*seq moves past `seen` or `timeout`
// seconds pass (timeout < 0: no limit).  `seen` was read under the GIL.
void wait_seq(TdThread *ts, QueueObj *q, std::condition_variable &cv, uint64_t QueueObj::*seq,
              uint64_t seen, double timeout) {
  TdRef keep(td_newref(td_val(q)));
  TdGilRelease unlocked(ts);
  std::unique_lock<std::mutex> lk(q->mu);
  if (timeout < 0) {
    while (q->*seq == seen) cv.wait(lk);
    return;
  }
  auto end = deadline_in(timeout);
  while (q->*seq == seen)
    if (cv.wait_until(lk, end) == std::cv_status::timeout) return;
}

void bump(QueueObj *q, uint64_t QueueObj::*seq, std::condition_variable &cv, bool all = false) {
  std::lock_guard<std::mutex> g(q->mu);
  q->*seq += 1;
  if (all)
    cv.notify_all();
  else
    cv.notify_one();
}

// ---------------------------------------------------------------------------
// The heap (heapq's siftdown / siftup on the deque)
// ---------------------------------------------------------------------------

// a < b, with both kept alive; -1 on error, also when the comparison ran
// code that changed the queue's size.
int less(TdThread *ts, QueueObj *q, TdValue a, TdValue b) {
  size_t n = q->items.size();
  TdRef ka(td_newref(a)), kb(td_newref(b));
  int r = td_compare_bool(ts, TD_CMP_LT, a, b);
  if (r >= 0 && q->items.size() != n) {
    td_err_set(ts, &td_type_RuntimeError, "list changed size during iteration");
    return -1;
  }
  return r;
}

bool siftdown(TdThread *ts, QueueObj *q, size_t start, size_t pos) {
  auto &h = q->items;
  TdValue item = h[pos];
  while (pos > start) {
    size_t parent = (pos - 1) >> 1;
    int lt = less(ts, q, item, h[parent]);
    if (lt < 0) return false;
    if (!lt) break;
    h[pos] = h[parent];
    h[parent] = item;
    pos = parent;
  }
  return true;
}

bool siftup(TdThread *ts, QueueObj *q, size_t pos) {
  auto &h = q->items;
  size_t end = h.size(), start = pos;
  size_t child = 2 * pos + 1;
  while (child < end) {
    size_t right = child + 1;
    if (right < end) {
      int lt = less(ts, q, h[child], h[right]);
      if (lt < 0) return false;
      if (!lt) child = right;
    }
    std::swap(h[pos], h[child]);
    pos = child;
    child = 2 * pos + 1;
  }
  return siftdown(ts, q, start, pos);
}

// _put: steals nothing; false on error (the item may stay in the heap,
// as with heapq.heappush).
bool q_push(TdThread *ts, QueueObj *q, TdValue item) {
  q->items.push_back(td_newref(item));
  if (q->kind == Priority) return siftdown(ts, q, 0, q->items.size() - 1);
  return true;
}

// _get: the item (the queue's reference), or 0 on error.  Not empty.
TdValue q_pop(TdThread *ts, QueueObj *q) {
  auto &h = q->items;
  if (q->kind == Lifo) {
    TdValue v = h.back();
    h.pop_back();
    return v;
  }
  if (q->kind != Priority) {
    TdValue v = h.front();
    h.pop_front();
    return v;
  }
  TdValue last = h.back();
  h.pop_back();
  if (h.empty()) return last;
  TdValue top = h[0];
  h[0] = last;
  if (!siftup(ts, q, 0)) {
    td_decref(top);
    return 0;
  }
  return top;
}

bool is_full(QueueObj *q) { return q->maxsize > 0 && int64_t(q->items.size()) >= q->maxsize; }

// block / timeout of put() and get(): *timeout < 0 means no limit.
bool block_args(TdThread *ts, TdValue blockV, TdValue timeoutV, bool *block, double *timeout) {
  *block = true;
  if (blockV) {
    int t = td_truthy(ts, blockV);
    if (t < 0) return false;
    *block = t;
  }
  *timeout = -1;
  if (*block && timeoutV && !td_is_none(timeoutV)) {
    if (!td_is_int(timeoutV) && !td_is_float(timeoutV)) {
      td_err_format(ts, &td_type_TypeError,
                    "'<' not supported between instances of '%s' and 'int'",
                    td_type_name(timeoutV));
      return false;
    }
    if (!td_number_to_double(ts, timeoutV, timeout)) return false;
    if (*timeout < 0) {
      td_err_set(ts, &td_type_ValueError, "'timeout' must be a non-negative number");
      return false;
    }
  }
  return true;
}

// get(): the item or 0 (Empty).
TdValue q_get(TdThread *ts, QueueObj *q, bool block, double timeout) {
  TdRef keep(td_newref(td_val(q)));
  Clock::time_point end;
  if (timeout >= 0) end = deadline_in(timeout);
  while (q->items.empty()) {
    if (!block) return raise_new(ts, "Empty");
    double left = -1;
    if (timeout >= 0) {
      left = std::chrono::duration<double>(end - Clock::now()).count();
      if (left <= 0) return raise_new(ts, "Empty");
    }
    uint64_t seen = q->putSeq; // written only with the GIL held
    wait_seq(ts, q, q->notEmpty, &QueueObj::putSeq, seen, left);
  }
  TdValue item = q_pop(ts, q);
  if (!item) return 0;
  if (q->kind != Simple) bump(q, &QueueObj::getSeq, q->notFull);
  return item;
}

// put(): false on error (Full, or a comparison that raised).
bool q_put(TdThread *ts, QueueObj *q, TdValue item, bool block, double timeout) {
  TdRef keep(td_newref(td_val(q)));
  if (q->kind != Simple && q->maxsize > 0) {
    Clock::time_point end;
    if (timeout >= 0) end = deadline_in(timeout);
    while (is_full(q)) {
      if (!block) {
        raise_new(ts, "Full");
        return false;
      }
      double left = -1;
      if (timeout >= 0) {
        left = std::chrono::duration<double>(end - Clock::now()).count();
        if (left <= 0) {
          raise_new(ts, "Full");
          return false;
        }
      }
      uint64_t seen = q->getSeq;
      wait_seq(ts, q, q->notFull, &QueueObj::getSeq, seen, left);
    }
  }
  if (!q_push(ts, q, item)) return false;
  if (q->kind != Simple) q->unfinished++;
  bump(q, &QueueObj::putSeq, q->notEmpty);
  return true;
}

// ---------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------

TdValue m_put(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[3] = {0, 0, 0};
  if (!td_parse_call(ts, "put", args, nargs, kw, {"item", "block", "timeout"}, 1, a)) return 0;
  bool block;
  double timeout;
  if (!block_args(ts, a[1], a[2], &block, &timeout)) return 0;
  return q_put(ts, QU(self), a[0], block, timeout) ? td_none() : 0;
}

TdValue m_put_nowait(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[1] = {0};
  if (!td_parse_call(ts, "put_nowait", args, nargs, kw, {"item"}, 1, a)) return 0;
  return q_put(ts, QU(self), a[0], false, -1) ? td_none() : 0;
}

TdValue m_get(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  TdValue a[2] = {0, 0};
  if (!td_parse_call(ts, "get", args, nargs, kw, {"block", "timeout"}, 0, a)) return 0;
  bool block;
  double timeout;
  if (!block_args(ts, a[0], a[1], &block, &timeout)) return 0;
  return q_get(ts, QU(self), block, timeout);
}

TdValue m_get_nowait(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "get_nowait", kw) || !td_check_nargs(ts, "get_nowait", nargs, 0, 0))
    return 0;
  return q_get(ts, QU(self), false, -1);
}

bool no_args(TdThread *ts, const char *name, int64_t nargs, TdValue kw) {
  return td_no_kwargs(ts, name, kw) && td_check_nargs(ts, name, nargs, 0, 0);
}

TdValue m_qsize(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "qsize", nargs, kw)) return 0;
  return td_int_from_i64(ts, int64_t(QU(self)->items.size()));
}

TdValue m_empty(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "empty", nargs, kw)) return 0;
  return td_bool(QU(self)->items.empty());
}

TdValue m_full(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "full", nargs, kw)) return 0;
  return td_bool(is_full(QU(self)));
}

TdValue m_task_done(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "task_done", nargs, kw)) return 0;
  QueueObj *q = QU(self);
  int64_t unfinished = q->unfinished - 1;
  if (unfinished <= 0) {
    if (unfinished < 0) {
      td_err_set(ts, &td_type_ValueError, "task_done() called too many times");
      return 0;
    }
    q->unfinished = 0;
    bump(q, &QueueObj::doneSeq, q->allDone, true);
    return td_none();
  }
  q->unfinished = unfinished;
  return td_none();
}

TdValue m_join(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!no_args(ts, "join", nargs, kw)) return 0;
  QueueObj *q = QU(self);
  TdRef keep(td_newref(self));
  while (q->unfinished) {
    uint64_t seen = q->doneSeq;
    wait_seq(ts, q, q->allDone, &QueueObj::doneSeq, seen, -1);
  }
  return td_none();
}

TdValue q_repr(TdThread *ts, TdValue self) {
  char buf[48];
  std::snprintf(buf, sizeof buf, " object at %p>", reinterpret_cast<void *>(self));
  const char *mod = QU(self)->kind == Simple ? "<" : "<queue.";
  return td_str_from(ts, std::string(mod) + td_obj(self)->type->name + buf);
}

TdValue q_getattr(TdThread *ts, TdValue self, TdValue name) {
  TdType *t = td_obj(self)->type;
  std::string_view n = td_str_view(name);
  if (const TdMethodDef *m = td_find_method(t, n)) return td_builtin_method_new(ts, self, m);
  QueueObj *q = QU(self);
  if (q->kind != Simple) {
    if (n == "maxsize") return td_newref(q->maxsizeObj);
    if (n == "unfinished_tasks") return td_int_from_i64(ts, q->unfinished);
  }
  if (n == "__class__") return td_newref(td_val(t));
  td_err_format(ts, &td_type_AttributeError, "'%s' object has no attribute '%.*s'", t->name,
                int(n.size()), n.data());
  return 0;
}

bool maxsize_value(TdThread *ts, TdValue v, int64_t *out) {
  if (td_is_int(v)) {
    if (!td_int_to_i64(ts, v, out)) {
      td_err_clear(ts);
      *out = td_int_sign(v) < 0 ? 0 : INT64_MAX;
    }
    return true;
  }
  if (td_is_float(v)) {
    double d = td_float_val(v);
    *out = d <= 0 || std::isnan(d) ? 0 : d >= 9e18 ? INT64_MAX : int64_t(std::ceil(d));
    return true;
  }
  td_err_format(ts, &td_type_TypeError, "'>' not supported between instances of '%s' and 'int'",
                td_type_name(v));
  return false;
}

int q_setattr(TdThread *ts, TdValue self, TdValue name, TdValue v) {
  QueueObj *q = QU(self);
  std::string_view n = td_str_view(name);
  if (q->kind != Simple && n == "maxsize" && v) {
    int64_t m;
    if (!maxsize_value(ts, v, &m)) return -1;
    td_decref(q->maxsizeObj);
    q->maxsizeObj = td_newref(v);
    q->maxsize = m;
    // A larger bound may let blocked putters go on.
    bump(q, &QueueObj::getSeq, q->notFull, true);
    return 0;
  }
  TdType *t = td_obj(self)->type;
  if (td_find_method(t, n)) {
    td_err_format(ts, &td_type_AttributeError, "'%s' object attribute '%.*s' is read-only",
                  t->name, int(n.size()), n.data());
    return -1;
  }
  td_err_format(ts, &td_type_AttributeError, "'%s' object has no attribute '%.*s'", t->name,
                int(n.size()), n.data());
  return -1;
}

void q_dealloc(TdObject *o) {
  QueueObj *q = QU(td_val(o));
  std::deque<TdValue> items;
  items.swap(q->items);
  q->items.~deque();
  q->allDone.~condition_variable();
  q->notFull.~condition_variable();
  q->notEmpty.~condition_variable();
  q->mu.~mutex();
  td_decref(q->maxsizeObj);
  for (TdValue v : items) td_decref(v);
  td_free_object(o);
}

QueueObj *q_alloc(TdThread *ts, TdType *t, Kind kind, TdValue maxsizeObj, int64_t maxsize) {
  TdObject *o = td_alloc_object(t, sizeof(QueueObj));
  if (!o) {
    td_err_nomem(ts);
    return nullptr;
  }
  QueueObj *q = QU(td_val(o));
  q->kind = kind;
  q->maxsizeObj = td_newref(maxsizeObj);
  q->maxsize = maxsize;
  q->unfinished = 0;
  new (&q->items) std::deque<TdValue>();
  new (&q->mu) std::mutex();
  new (&q->notEmpty) std::condition_variable();
  new (&q->notFull) std::condition_variable();
  new (&q->allDone) std::condition_variable();
  q->putSeq = q->getSeq = q->doneSeq = 0;
  return q;
}

TdValue q_construct(TdThread *ts, TdValue type, Args args, int64_t nargs, TdValue kw) {
  TdType *t = reinterpret_cast<TdType *>(type);
  TdValue a[1] = {0};
  if (!td_parse_call(ts, t->name, args, nargs, kw, {"maxsize"}, 0, a)) return 0;
  TdValue m = a[0] ? a[0] : td_small(0);
  int64_t maxsize;
  if (!maxsize_value(ts, m, &maxsize)) return 0;
  Kind k = t == &LifoQueueType ? Lifo : t == &PriorityQueueType ? Priority : Fifo;
  QueueObj *q = q_alloc(ts, t, k, m, maxsize);
  return q ? td_val(q) : 0;
}

TdValue sq_construct(TdThread *ts, TdValue type, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "SimpleQueue", kw) || !td_check_nargs(ts, "SimpleQueue", nargs, 0, 0))
    return 0;
  QueueObj *q = q_alloc(ts, reinterpret_cast<TdType *>(type), Simple, td_small(0), 0);
  return q ? td_val(q) : 0;
}

const TdMethodDef kQueueMethods[] = {
    {"put", m_put},
    {"put_nowait", m_put_nowait},
    {"get", m_get},
    {"get_nowait", m_get_nowait},
    {"qsize", m_qsize},
    {"empty", m_empty},
    {"full", m_full},
    {"task_done", m_task_done},
    {"join", m_join},
    {nullptr, nullptr},
};

const TdMethodDef kSimpleQueueMethods[] = {
    {"put", m_put},     {"put_nowait", m_put_nowait}, {"get", m_get}, {"get_nowait", m_get_nowait},
    {"qsize", m_qsize}, {"empty", m_empty},           {nullptr, nullptr},
};

#define QUEUE_TYPE(var, tname, basep, mtable, ctor)                                               \
  TdType var = {                                                                                   \
      .ob = TD_STATIC_TYPE_HEAD,                                                                   \
      .name = tname,                                                                               \
      .base = basep,                                                                               \
      .flags = 0,                                                                                  \
      .dealloc = q_dealloc,                                                                        \
      .repr = q_repr,                                                                              \
      .getattr = q_getattr,                                                                        \
      .setattr = q_setattr,                                                                        \
      .construct = ctor,                                                                           \
      .methods = mtable,                                                                           \
  };

QUEUE_TYPE(QueueType, "Queue", &td_type_object, kQueueMethods, q_construct)
QUEUE_TYPE(LifoQueueType, "LifoQueue", &QueueType, nullptr, q_construct)
QUEUE_TYPE(PriorityQueueType, "PriorityQueue", &QueueType, nullptr, q_construct)
QUEUE_TYPE(SimpleQueueType, "_queue.SimpleQueue", &td_type_object, kSimpleQueueMethods, sq_construct)

bool add_type(TdThread *ts, TdValue d, TdType *t, const char *key) {
  if (!t->hash) t->hash = td_type_object.hash;
  if (!t->richcompare) t->richcompare = td_type_object.richcompare;
  td_type_ready(t);
  return td_dict_set_str(ts, d, key, td_val(t)) >= 0;
}

// class NAME(Exception) with __module__ = module.
TdValue exception_class(TdThread *ts, const char *name, const char *module, const char *doc) {
  TdRef n(td_str_from(ts, name));
  TdRef bases(td_tuple_pack(ts, {td_val(&td_type_Exception)}));
  TdRef ns(td_dict_new(ts));
  TdRef m(td_str_from(ts, module));
  TdRef dc(td_str_from(ts, doc));
  if (!n || !bases || !ns || !m || !dc || td_dict_set_str(ts, ns.get(), "__module__", m.get()) < 0 ||
      td_dict_set_str(ts, ns.get(), "__doc__", dc.get()) < 0)
    return 0;
  return td_build_class(ts, n.get(), n.get(), bases.get(), ns.get());
}

} // namespace

TdValue td_queue_module_init(TdThread *ts) {
  TdRef mod(td_module_new(ts, "queue"));
  if (!mod) return 0;
  TdValue d = reinterpret_cast<TdModule *>(mod.get())->dict;
  if (!add_type(ts, d, &QueueType, "Queue") || !add_type(ts, d, &LifoQueueType, "LifoQueue") ||
      !add_type(ts, d, &PriorityQueueType, "PriorityQueue") ||
      !add_type(ts, d, &SimpleQueueType, "SimpleQueue"))
    return 0;
  TdValue empty = exception_class(ts, "Empty", "_queue",
                                  "Exception raised by Queue.get(block=0)/get_nowait().");
  if (!empty || td_dict_set_str(ts, d, "Empty", empty) < 0) return 0;
  TdValue full = exception_class(ts, "Full", "queue",
                                 "Exception raised by Queue.put(block=0)/put_nowait().");
  if (!full || td_dict_set_str(ts, d, "Full", full) < 0) return 0;
  return mod.release();
}
