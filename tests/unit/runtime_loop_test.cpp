// runtime_loop_test.cpp — the fiber layer, the ready queue, the timer heap
// and tasks, driven from C++ the way the asyncio module drives them, and
// checked by the order in which things run (what a script would print).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "containers.h"
#include "errors.h"
#include "fiber.h"
#include "loop.h"
#include "runtime.h"
#include "tide/abi.h"

namespace {

// ---------------------------------------------------------------------------
// Fibers: the shared stack with slices copied out and back.
// ---------------------------------------------------------------------------

struct Toy {
  tide::fiber::Context ctx = nullptr;
  tide::fiber::FiberSlice slice;
  std::vector<int> *log = nullptr;
  int id = 0;
  bool done = false;
};

tide::fiber::Context gMain = nullptr;

// Each toy fiber logs id*10+k, k = 0, 1, 2, suspending in between; its
// local variable must survive while other fibers run on the same stack.
void toy_entry(tide::fiber::Transfer t) {
  Toy *toy = static_cast<Toy *>(t.data);
  gMain = t.from;
  volatile int local[16];
  for (int i = 0; i < 16; i++) local[i] = toy->id * 100 + i;
  for (int k = 0; k < 3; k++) {
    int sum = 0;
    for (int i = 0; i < 16; i++) sum += local[i] - toy->id * 100;
    toy->log->push_back(toy->id * 10 + k + (sum == 120 ? 0 : 1000));
    tide::fiber::Transfer r = tide::fiber::jump(gMain, nullptr);
    gMain = r.from;
  }
  toy->done = true;
  tide::fiber::jump(gMain, toy);
}

TEST(Fiber, SharedStackKeepsEachFibersFrames) {
  tide::fiber::FiberStack stack;
  ASSERT_TRUE(stack.reserve(1 << 20));
  std::vector<int> log;
  Toy toys[3];
  Toy *owner = nullptr;
  for (int i = 0; i < 3; i++) {
    toys[i].log = &log;
    toys[i].id = i + 1;
  }
  // Round-robin: every switch moves the stack's owner.
  for (int round = 0; round < 4; round++) {
    for (Toy &t : toys) {
      if (t.done) continue;
      if (owner != &t) {
        if (owner && !owner->done) {
          ASSERT_TRUE(owner->slice.save(static_cast<char *>(owner->ctx), stack.top()));
        }
        if (t.ctx) t.slice.restore(stack.top());
        owner = &t;
      }
      if (!t.ctx) t.ctx = tide::fiber::make(stack.top(), stack.size(), toy_entry);
      tide::fiber::Transfer r = tide::fiber::jump(t.ctx, &t);
      t.ctx = r.from;
    }
  }
  EXPECT_EQ(log, (std::vector<int>{10, 20, 30, 11, 21, 31, 12, 22, 32}));
  for (Toy &t : toys) {
    EXPECT_TRUE(t.done);
    EXPECT_GT(t.slice.size(), 0u);
    EXPECT_LT(t.slice.size(), 4096u); // a suspended fiber keeps only what it used
  }
}

// ---------------------------------------------------------------------------
// The loop: ready queue order, timers, tasks.
// ---------------------------------------------------------------------------

class Loop : public ::testing::Test {
protected:
  void SetUp() override {
    const char *argv[] = {"t.py"};
    ts = td_runtime_init(1, argv);
    ASSERT_NE(ts, nullptr);
    TdValue m = td_import(ts, "asyncio"); // readies the asyncio types
    ASSERT_NE(m, 0u);
    td_decref(m);
    loop = td_loop_new(ts);
    ASSERT_NE(loop, nullptr);
  }
  void TearDown() override {
    td_loop_close(ts, loop);
    td_decref(td_val(loop));
  }
  TdThread *ts = nullptr;
  TdLoop *loop = nullptr;
};

std::string *gOut = nullptr;

// A native callback that appends its data (a str) to gOut.
void record(TdThread *, TdValue, TdValue data) { *gOut += std::string(td_str_view(data)); }

TdValue str(TdThread *ts, const char *s) { return td_str_from(ts, s); }

// Completes `fut` (the data) from a callback.
void finish(TdThread *ts, TdValue, TdValue fut) { td_future_set_result(ts, fut, td_none()); }

TEST_F(Loop, ReadyQueueIsFifoAndGrows) {
  std::string out;
  gOut = &out;
  // More entries than the ring's initial capacity (64).
  std::string expect;
  for (int i = 0; i < 200; i++) {
    TdRef s(str(ts, std::to_string(i % 10).c_str()));
    td_loop_call_soon_native(loop, record, s.get(), 0);
    expect += std::to_string(i % 10);
  }
  TdRef fut(td_future_new(ts, loop));
  td_loop_call_soon_native(loop, finish, fut.get(), 0);
  TdValue r = td_loop_run_until_complete(ts, loop, fut.get());
  ASSERT_NE(r, 0u);
  td_decref(r);
  EXPECT_EQ(out, expect);
}

// Equal deadlines come out in the order CPython's heapq gives (computed with
// python3's heapq on the same pushes): not necessarily scheduling order.
TEST_F(Loop, TimersFireByDeadlineInHeapqOrder) {
  std::string out;
  gOut = &out;
  int64_t now = td_loop_now();
  const char *names[] = {"c", "a", "b", "d", "e"};
  int64_t offs[] = {30, 10, 10, 30, 20}; // ms
  for (int i = 0; i < 5; i++) {
    td_loop_call_at(loop, now + offs[i] * 1000000,
                    TdReady{TdReady::Native, str(ts, names[i]), 0, record, nullptr});
  }
  TdRef fut(td_future_new(ts, loop));
  td_loop_call_at(loop, now + 40 * 1000000, TdReady{TdReady::Native, td_newref(fut.get()), 0, finish, nullptr});
  TdValue r = td_loop_run_until_complete(ts, loop, fut.get());
  ASSERT_NE(r, 0u);
  td_decref(r);
  EXPECT_EQ(out, "abedc");
  EXPECT_GE(td_loop_now() - now, 40 * 1000000);
}

TEST_F(Loop, CancelledTimerNeverRuns) {
  std::string out;
  gOut = &out;
  int64_t now = td_loop_now();
  TdHandleObj *h = td_handle_new(ts, loop, true, now + 5000000);
  ASSERT_NE(h, nullptr);
  td_incref(td_val(h));
  td_loop_call_at(loop, now + 5000000, TdReady{TdReady::Native, str(ts, "x"), 0, record, h});
  h->cancelled = true;
  loop->liveTimers--;
  TdRef fut(td_future_new(ts, loop));
  td_loop_call_at(loop, now + 10000000, TdReady{TdReady::Native, td_newref(fut.get()), 0, finish, nullptr});
  TdValue r = td_loop_run_until_complete(ts, loop, fut.get());
  ASSERT_NE(r, 0u);
  td_decref(r);
  td_decref(td_val(h));
  EXPECT_EQ(out, "");
}

TEST_F(Loop, FutureCallbacksRunOnTheNextIterationInOrder) {
  std::string out;
  gOut = &out;
  TdRef fut(td_future_new(ts, loop));
  TdRef one(str(ts, "1")), two(str(ts, "2")), three(str(ts, "3"));
  td_future_add_native_callback(ts, fut.get(), record, one.get());
  td_future_add_native_callback(ts, fut.get(), record, two.get());
  TdRef none(td_none());
  ASSERT_TRUE(td_future_set_result(ts, fut.get(), none.get()));
  EXPECT_EQ(out, ""); // never synchronously
  td_loop_call_soon_native(loop, record, three.get(), 0);
  TdRef done(td_future_new(ts, loop));
  td_loop_call_soon_native(loop, finish, done.get(), 0);
  TdValue r = td_loop_run_until_complete(ts, loop, done.get());
  ASSERT_NE(r, 0u);
  td_decref(r);
  EXPECT_EQ(out, "123");
}

// A task body (native coroutine): logs its name, yields twice.
TdValue yielding_body(TdThread *ts, TdValue, const TdValue *args) {
  for (int i = 0; i < 3; i++) {
    *gOut += std::string(td_str_view(args[0])) + std::to_string(i) + " ";
    if (i < 2 && td_task_yield(ts) < 0) return 0;
  }
  return td_newref(args[0]);
}

TEST_F(Loop, TasksStartInCreationOrderAndRoundRobin) {
  std::string out;
  gOut = &out;
  std::vector<TdValue> tasks;
  for (const char *n : {"a", "b", "c"}) {
    TdRef name(str(ts, n));
    TdValue arg = name.get();
    TdRef coro(td_native_coro_new(ts, "body", yielding_body, 0, &arg, 1));
    ASSERT_TRUE(coro);
    TdValue t = td_task_new(ts, loop, coro.get(), 0);
    ASSERT_NE(t, 0u);
    tasks.push_back(t);
  }
  TdValue r = td_loop_run_until_complete(ts, loop, tasks.back());
  ASSERT_NE(r, 0u);
  EXPECT_EQ(std::string(td_str_view(r)), "c");
  td_decref(r);
  EXPECT_EQ(out, "a0 b0 c0 a1 b1 c1 a2 b2 c2 ");
  for (TdValue t : tasks) td_decref(t);
}

TEST_F(Loop, CancellingASuspendedTaskRaisesAtItsAwait) {
  std::string out;
  gOut = &out;
  TdRef name(str(ts, "x"));
  TdValue arg = name.get();
  TdRef coro(td_native_coro_new(ts, "body", yielding_body, 0, &arg, 1));
  TdRef task(td_task_new(ts, loop, coro.get(), 0));
  ASSERT_TRUE(task);
  // Run its first step, then cancel it while it is suspended.
  TdRef tick(td_future_new(ts, loop));
  td_loop_call_soon_native(loop, finish, tick.get(), 0);
  TdValue r = td_loop_run_until_complete(ts, loop, tick.get());
  ASSERT_NE(r, 0u);
  td_decref(r);
  // Iteration 1 ran its first step and the callback; iteration 2 its
  // second step and the loop's stop.
  EXPECT_EQ(out, "x0 x1 ");
  EXPECT_TRUE(td_task_cancel(ts, reinterpret_cast<TdTask *>(task.get()), 0));
  r = td_loop_run_until_complete(ts, loop, task.get());
  EXPECT_EQ(r, 0u);
  EXPECT_TRUE(td_err_is(ts, &td_type_CancelledError));
  td_err_clear(ts);
  EXPECT_EQ(out, "x0 x1 "); // the body never ran again
  EXPECT_EQ(td_future(task.get())->state, TdFuture::Cancelled);
}

} // namespace
