// generator.cpp — generator objects: next/send/throw/close, `yield from`,
// and closing a suspended generator when it is freed.
//
// A generator function's body is compiled as an LLVM coroutine (abi.h,
// TdGenHead): its frame lives on the heap and the body runs on whatever
// stack resumes it, so a generator costs one frame allocation and a resume
// is an indirect call — no fiber, no stack of its own.  The runtime drives
// the frame through the module's thunk (drive(frame, 0) resumes,
// drive(frame, 1) destroys) and talks to the body through the generator
// object: before a resume it sets `ts` and either `sent` or `thrown`; the
// body takes them in td_gen_resumed, leaves a yielded value in `yielded`,
// and at its end calls td_gen_finish.
//
// Exceptions being handled inside a generator (an `except` block around a
// yield) belong to the generator, as in CPython: the entries it pushed on the
// thread's handled stack are taken off when it suspends and put back when it
// resumes.
#include <cstdio>
#include <new>
#include <vector>

#include "containers.h"
#include "class.h"
#include "errors.h"
#include "generator.h"
#include "runtime.h"
#include "thread.h"

namespace {

struct GenObj {
  TdGenHead head;
  TdValue sent;    // resume: the value sent (new ref), taken by td_gen_resumed
  TdValue thrown;  // resume: the exception to raise at the yield (new ref), or 0
  TdValue retval;  // td_gen_finish: the return value (new ref), 0 after an error
  // Done from td_gen_finish on: the frame is at its final suspension.
  enum State : uint8_t { Created, Suspended, Running, Done } state;
  void *frame;
  TdGenDriveFn drive;
  TdFunction *fn;  // owned: the frame reads its closure and code (never null)
  std::vector<TdValue> handled; // the generator's except-block exceptions while suspended
};

GenObj *G(TdValue v) { return reinterpret_cast<GenObj *>(v); }


void destroy_frame(GenObj *g) {
  if (g->frame) {
    void *f = g->frame;
    g->frame = nullptr;
    g->drive(f, 1);
  }
}

// `raise RuntimeError(msg) from <the pending exception>` (PEP 479).
void replace_pending(TdThread *ts, const char *msg) {
  TdValue inner = td_err_fetch(ts);
  td_err_set(ts, &td_type_RuntimeError, msg);
  TdValue outer = td_err_fetch(ts);
  TdException *e = reinterpret_cast<TdException *>(outer);
  td_decref(e->cause);
  e->cause = td_newref(inner);
  td_decref(e->context);
  e->context = inner;
  e->suppressContext = true;
  td_err_restore(ts, outer);
  td_decref(outer);
}

// Runs g until it yields or ends, sending `sent` (borrowed) or throwing
// `exc` (borrowed instance, or 0).  Returns the yielded value (new ref);
// TD_DONE when g ended, with its return value in *ret (new ref); 0 on error.
TdValue resume(TdThread *ts, GenObj *g, TdValue sent, TdValue exc, TdValue *ret) {
  if (g->state == GenObj::Running) {
    td_err_set(ts, &td_type_ValueError, "generator already executing");
    return 0;
  }
  if (g->state == GenObj::Done) {
    if (exc) {
      td_err_restore(ts, exc);
      return 0;
    }
    *ret = td_none();
    return TD_DONE;
  }
  if (g->state == GenObj::Created && !exc && !td_is_none(sent)) {
    td_err_set(ts, &td_type_TypeError, "can't send non-None value to a just-started generator");
    return 0;
  }
  if (!td_stack_ok(ts)) return 0;
  TdValue self = td_val(&g->head.ob);
  td_incref(self); // alive while it runs, whoever drops it
  g->head.ts = ts;
  g->sent = exc ? 0 : td_newref(sent);
  g->thrown = exc ? td_newref(exc) : 0;
  size_t base = ts->handled.size();
  if (!g->handled.empty()) {
    ts->handled.insert(ts->handled.end(), g->handled.begin(), g->handled.end());
    g->handled.clear();
  }
  g->state = GenObj::Running;
  g->drive(g->frame, 0);
  td_decref(g->sent);
  td_decref(g->thrown);
  g->sent = g->thrown = 0;
  TdValue r;
  if (g->state == GenObj::Done) {
    while (ts->handled.size() > base) { // unbalanced only after an internal error
      td_decref(ts->handled.back());
      ts->handled.pop_back();
    }
    destroy_frame(g);
    r = g->retval;
    g->retval = 0;
    if (r) {
      *ret = r;
      r = TD_DONE;
    } else if (td_err_is(ts, &td_type_StopIteration)) {
      replace_pending(ts, "generator raised StopIteration");
    }
  } else {
    g->state = GenObj::Suspended;
    if (ts->handled.size() > base) {
      g->handled.assign(ts->handled.begin() + long(base), ts->handled.end());
      ts->handled.resize(base);
    }
    r = g->head.yielded;
    g->head.yielded = 0;
  }
  td_decref(self);
  return r;
}

// StopIteration(value) as the pending error (CPython's _PyGen_SetStopIterationValue).
void raise_stop(TdThread *ts, TdValue value) {
  TdRef stop(td_is_none(value) ? td_call0(ts, td_val(&td_type_StopIteration))
                               : td_call(ts, td_val(&td_type_StopIteration), &value, 1, 0));
  if (stop) td_err_set_value(ts, stop.get());
}

// send / __next__ / throw: the yielded value, or StopIteration(return value).
TdValue send_value(TdThread *ts, GenObj *g, TdValue sent, TdValue exc = 0) {
  TdValue ret = 0;
  TdValue r = resume(ts, g, sent, exc, &ret);
  if (r != TD_DONE) return r;
  raise_stop(ts, ret);
  td_decref(ret);
  return 0;
}

// The exception instance for throw(type[, value]) / throw(instance).
TdValue make_thrown(TdThread *ts, TdValue typ, TdValue val) {
  if (td_is_type(typ) && td_is_subtype(reinterpret_cast<TdType *>(typ), &td_type_BaseException)) {
    if (val && td_isinstance(val, reinterpret_cast<TdType *>(typ))) return td_newref(val);
    if (!val || td_is_none(val)) return td_call0(ts, typ);
    return td_call(ts, typ, &val, 1, 0);
  }
  if (td_isinstance(typ, &td_type_BaseException)) {
    if (val && !td_is_none(val)) {
      td_err_set(ts, &td_type_TypeError, "instance exception may not have a separate value");
      return 0;
    }
    return td_newref(typ);
  }
  td_err_format(ts, &td_type_TypeError,
                "exceptions must be classes or instances deriving from BaseException, not %s",
                td_type_name(typ));
  return 0;
}

// close(): throws GeneratorExit in; 0 on error.
bool close_gen(TdThread *ts, GenObj *g) {
  if (g->state == GenObj::Done) return true;
  TdRef exit(td_call0(ts, td_val(&td_type_GeneratorExit)));
  if (!exit) return false;
  TdValue ret = 0;
  TdValue r = resume(ts, g, td_none(), exit.get(), &ret);
  if (r == TD_DONE) {
    td_decref(ret);
    return true;
  }
  if (!r) {
    if (!td_err_is(ts, &td_type_GeneratorExit)) return false;
    td_err_clear(ts);
    return true;
  }
  td_decref(r);
  td_err_set(ts, &td_type_RuntimeError, "generator ignored GeneratorExit");
  return false;
}

using Args = const TdValue *;

TdValue gen_iter(TdThread *, TdValue self) { return td_newref(self); }

TdValue gen_next(TdThread *ts, TdValue self) {
  TdValue ret = 0;
  TdValue r = resume(ts, G(self), td_none(), 0, &ret);
  if (r == TD_DONE) td_decref(ret);
  return r;
}

TdValue gen_next_m(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "__next__", kw) || !td_check_nargs(ts, "__next__", nargs, 0, 0)) return 0;
  return send_value(ts, G(self), td_none());
}

TdValue gen_iter_m(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "__iter__", kw) || !td_check_nargs(ts, "__iter__", nargs, 0, 0)) return 0;
  return td_newref(self);
}

TdValue gen_send_m(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "send", kw) || !td_check_nargs(ts, "send", nargs, 1, 1)) return 0;
  return send_value(ts, G(self), args[0]);
}

TdValue gen_throw_m(TdThread *ts, TdValue self, Args args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "throw", kw) || !td_check_nargs(ts, "throw", nargs, 1, 3)) return 0;
  TdRef exc(make_thrown(ts, args[0], nargs > 1 ? args[1] : 0));
  return exc ? send_value(ts, G(self), td_none(), exc.get()) : 0;
}

TdValue gen_close_m(TdThread *ts, TdValue self, Args, int64_t nargs, TdValue kw) {
  if (!td_no_kwargs(ts, "close", kw) || !td_check_nargs(ts, "close", nargs, 0, 0)) return 0;
  return close_gen(ts, G(self)) ? td_none() : 0;
}

const TdMethodDef kGenMethods[] = {
    {"__next__", gen_next_m}, {"__iter__", gen_iter_m}, {"send", gen_send_m},
    {"throw", gen_throw_m},   {"close", gen_close_m},   {nullptr, nullptr},
};

TdValue gen_repr(TdThread *ts, TdValue self) {
  char buf[64];
  std::snprintf(buf, sizeof buf, " at %p>", reinterpret_cast<void *>(self));
  return td_str_from(ts, std::string("<generator object ") + G(self)->fn->code->qualname + buf);
}

TdValue gen_getattr(TdThread *ts, TdValue self, TdValue nameV) {
  GenObj *g = G(self);
  std::string_view n = td_str_view(nameV);
  if (n == "__name__") return td_str_from(ts, g->fn->code->name);
  if (n == "__qualname__") return td_str_from(ts, g->fn->code->qualname);
  if (n == "gi_running") return td_bool(g->state == GenObj::Running);
  if (n == "gi_suspended") return td_bool(g->state == GenObj::Suspended);
  if (const TdMethodDef *m = td_find_method(&td_type_generator, n))
    return td_builtin_method_new(ts, self, m);
  if (n == "__class__") return td_newref(td_val(&td_type_generator));
  td_err_format(ts, &td_type_AttributeError, "'generator' object has no attribute '%.*s'",
                int(n.size()), n.data());
  return 0;
}

// Freeing a suspended generator closes it first (its finally blocks run),
// as CPython does; an error there is reported, not raised.
void gen_dealloc(TdObject *o) {
  GenObj *g = G(td_val(o));
  if (g->state != GenObj::Done && g->frame) {
    TdThread *ts = td_thread_current();
    if (ts) {
      o->refcnt = 1; // resurrected while it closes
      td_keeping_error(ts, [&] {
        if (close_gen(ts, g)) return;
        TdRef exc(td_err_fetch(ts));
        td_write_unraisable(ts, exc.get(), "Exception ignored in", td_val(o));
      });
      if (--o->refcnt > 0) return; // resurrected by its finally block
    }
  }
  destroy_frame(g); // still suspended only when it ignored GeneratorExit
  for (TdValue h : g->handled) td_decref(h);
  g->handled.~vector();
  td_decref(g->head.yielded);
  td_decref(g->retval);
  td_decref(td_val(g->fn));
  td_free_object(o);
}

} // namespace

TdType td_type_generator = {
    .ob = TD_STATIC_TYPE_HEAD,
    .name = "generator",
    .base = &td_type_object,
    .flags = 0,
    .dealloc = gen_dealloc,
    .repr = gen_repr,
    .hash = td_object_hash,
    .richcompare = td_object_richcompare,
    .getattr = gen_getattr,
    .iter = gen_iter,
    .next = gen_next,
    .methods = kGenMethods,
};

TdValue td_gen_next_or_stop(TdThread *ts, TdValue gen) {
  return send_value(ts, G(gen), td_none());
}

// ---------------------------------------------------------------------------
// The ABI
// ---------------------------------------------------------------------------

extern "C" void *td_gen_frame_alloc(int64_t size) {
  void *p = td_mem_alloc(size_t(size));
  if (!p) {
    std::fputs("tide: out of memory (generator frame)\n", stderr);
    std::abort();
  }
  return p;
}

extern "C" void td_gen_frame_free(void *frame) {
  if (frame) td_mem_free(frame);
}

extern "C" TdValue td_gen_new(TdThread *ts, TdFunction *fn, void *frame, TdGenDriveFn drive) {
  TdObject *o = td_alloc_object(&td_type_generator, sizeof(GenObj));
  if (!o) return td_err_nomem(ts);
  GenObj *g = G(td_val(o));
  g->head.ts = ts;
  g->head.yielded = 0;
  g->sent = g->thrown = g->retval = 0;
  g->state = GenObj::Created;
  g->frame = frame;
  g->drive = drive;
  g->fn = fn;
  td_incref(td_val(fn));
  new (&g->handled) std::vector<TdValue>();
  return td_val(o);
}

extern "C" TdValue td_gen_resumed(TdThread *ts, TdValue gen) {
  GenObj *g = G(gen);
  if (g->thrown) {
    TdValue exc = g->thrown;
    g->thrown = 0;
    td_err_restore(ts, exc);
    td_decref(exc);
    return 0;
  }
  TdValue v = g->sent;
  g->sent = 0;
  return v ? v : td_none();
}

extern "C" void td_gen_finish(TdValue gen, TdValue retval) {
  GenObj *g = G(gen);
  g->retval = retval;
  g->state = GenObj::Done;
}

extern "C" TdValue td_yield_from_iter(TdThread *ts, TdValue v) {
  if (td_is_generator(v)) return td_newref(v);
  return td_iter(ts, v);
}

// sub.<name>(*args) when sub's type defines it: a new reference, 0 on
// error, TD_DONE when it has no such attribute.
static TdValue call_if_defined(TdThread *ts, TdValue sub, const char *name, const TdValue *args,
                        int64_t nargs) {
  TdRef n(td_str_from(ts, name));
  if (!n) return 0;
  TdLookup lk;
  if (!td_type_lookup(ts, td_type_of(sub), n.get(), &lk)) return 0;
  if (!lk.v && !lk.method && !lk.wrapper) return TD_DONE;
  return td_call_method(ts, sub, n.get(), args, nargs, 0);
}

// One step of `yield from sub` inside gen.  The first step is next(sub);
// later ones pass on what gen was resumed with: a sent value (send, or next
// for None), an exception (throw), or GeneratorExit (close, which closes sub
// first and is then raised in gen).
extern "C" int32_t td_yield_from_step(TdThread *ts, TdValue gen, TdValue sub, TdValue *out,
                                      int32_t first) {
  GenObj *g = G(gen);
  TdRef sent(first ? td_none() : g->sent);
  TdRef thrown(first ? 0 : g->thrown);
  if (!first) g->sent = g->thrown = 0;
  TdValue r;
  TdValue ret = 0;
  if (thrown) {
    if (td_isinstance(thrown.get(), &td_type_GeneratorExit)) {
      // Close the sub-iterator, then raise GeneratorExit here.
      if (td_is_generator(sub)) {
        if (!close_gen(ts, G(sub))) return -1;
      } else {
        TdValue c = call_if_defined(ts, sub, "close", nullptr, 0);
        if (!c) return -1;
        if (c != TD_DONE) td_decref(c);
      }
      td_err_restore(ts, thrown.get());
      return -1;
    }
    if (td_is_generator(sub)) {
      r = resume(ts, G(sub), td_none(), thrown.get(), &ret);
    } else {
      // A sub-iterator without throw(): the exception is raised here.
      TdValue a = thrown.get();
      r = call_if_defined(ts, sub, "throw", &a, 1);
      if (r == TD_DONE) {
        td_err_restore(ts, thrown.get());
        return -1;
      }
    }
  } else if (td_is_generator(sub)) {
    r = resume(ts, G(sub), sent.get(), 0, &ret);
  } else if (td_is_none(sent.get())) {
    r = td_next(ts, sub);
    if (r == TD_DONE) ret = td_none();
  } else {
    TdRef name(td_str_from(ts, "send"));
    if (!name) return -1;
    TdValue a = sent.get();
    r = td_call_method(ts, sub, name.get(), &a, 1, 0);
  }
  if (r == TD_DONE) {
    *out = ret;
    return 1;
  }
  if (r) {
    *out = r;
    return 0;
  }
  // StopIteration from a send/throw method: its value is the result.
  if (td_err_is(ts, &td_type_StopIteration)) {
    TdRef stop(td_err_fetch(ts));
    *out = td_newref(td_stop_iteration_value(stop.get()));
    return 1;
  }
  return -1;
}
