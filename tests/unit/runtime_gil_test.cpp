// runtime_gil_test.cpp — the GIL's protocol, driven by C++ threads the way
// generated code and blocking calls drive it: a CPU-bound holder is asked to
// drop the GIL after the switch interval and must hand it over; a thread
// that releases the GIL around a blocking call lets others run; two
// CPU-bound threads alternate instead of one starving the other.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "gil.h"
#include "runtime.h"
#include "thread.h"
#include "tide/abi.h"

namespace {

using Clock = std::chrono::steady_clock;

class Gil : public ::testing::Test {
protected:
  void SetUp() override {
    const char *argv[] = {"t.py"};
    ts = td_runtime_init(1, argv); // the main thread holds the GIL
    ASSERT_NE(ts, nullptr);
  }
  TdThread *ts = nullptr;
};

// What a loop back-edge does in generated code.
void safepoint(TdThread *t) {
  if (__atomic_load_n(&t->head.eval_breaker, __ATOMIC_RELAXED)) td_eval_break(t);
}

TEST_F(Gil, HolderIsAskedToDropAfterTheSwitchInterval) {
  ts->rt->gil.intervalNs = 5000000; // 5 ms
  std::atomic<bool> got{false};
  Clock::time_point asked;
  std::thread other([&] {
    TdThread *me = td_thread_state_new(ts->rt, 1000);
    asked = Clock::now();
    td_gil_acquire(me); // blocks: the main thread spins holding it
    got = true;
    td_gil_release(me);
    td_thread_state_delete(me);
  });
  // A CPU-bound "script": spins with safepoints until the other thread got in.
  auto start = Clock::now();
  while (!got && Clock::now() - start < std::chrono::seconds(5)) safepoint(ts);
  other.join();
  ASSERT_TRUE(got.load());
  auto waited = Clock::now() - asked;
  EXPECT_LT(waited, std::chrono::milliseconds(500)); // not starved
  EXPECT_TRUE(td_gil_held(ts));                       // and the main thread has it back
}

TEST_F(Gil, ReleasingAroundABlockingCallLetsOthersRun) {
  std::atomic<int> ran{0};
  std::thread other([&] {
    TdThread *me = td_thread_state_new(ts->rt, 1000);
    td_gil_acquire(me);
    ran++;
    td_gil_release(me);
    td_thread_state_delete(me);
  });
  {
    TdGilRelease unlocked(ts); // like time.sleep
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  other.join();
  EXPECT_EQ(ran.load(), 1);
  EXPECT_TRUE(td_gil_held(ts));
}

TEST_F(Gil, TwoCpuBoundThreadsAlternate) {
  ts->rt->gil.intervalNs = 1000000; // 1 ms
  // A thread's turn ends each time it is asked to drop the GIL at a safepoint.
  auto spin = [](TdThread *t, std::atomic<int64_t> &handovers, std::atomic<bool> &stop) {
    while (!stop) {
      if (__atomic_load_n(&t->head.eval_breaker, __ATOMIC_RELAXED)) {
        td_eval_break(t);
        handovers++;
      }
    }
  };
  std::atomic<int64_t> mainHandovers{0}, otherHandovers{0};
  std::atomic<bool> stopOther{false}, stopMain{false};
  std::thread other([&] {
    TdThread *me = td_thread_state_new(ts->rt, 1000);
    td_gil_acquire(me);
    spin(me, otherHandovers, stopOther);
    td_gil_release(me);
    td_thread_state_delete(me);
  });
  std::thread timer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    stopMain = true;
  });
  spin(ts, mainHandovers, stopMain);
  timer.join();
  stopOther = true;
  {
    TdGilRelease unlocked(ts);
    other.join();
  }
  // 200 ms at a 1 ms interval: the GIL went back and forth many times.
  EXPECT_GT(mainHandovers.load(), 5);
  EXPECT_GT(otherHandovers.load(), 5);
  EXPECT_TRUE(td_gil_held(ts));
}

} // namespace
