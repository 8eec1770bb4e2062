// fiber.h — execution contexts for tasks: one shared stack per thread, with
// each suspended fiber's used slice copied out (private to runtime/).
//
// A fiber is a function running on a stack of its own that can stop in the
// middle (suspend) and later continue (resume).  tide runs every asyncio
// Task on a fiber, so `await` deep inside ordinary calls can suspend the
// whole chain of calls: no generator state machine, no heap frames.
//
// The switch itself is Boost.Context's fcontext (`make_fcontext` builds a
// fresh context at the top of a stack, `jump_fcontext` saves the callee-saved
// registers on the current stack and continues another context, handing it
// one pointer).  A switch is about ten instructions and no system call.
//
// Where a suspended fiber's stack lives (DESIGN.md; measured in
// docs/fiber-stacks.md): every fiber of a thread *runs* on the same large
// stack (FiberStack).  When another fiber needs that stack, the bytes the
// current owner is using, [its saved stack pointer, top), are copied into a
// buffer the fiber owns (FiberSlice), and copied back to the same addresses
// when it resumes.  A sleeping task therefore holds only the few hundred
// bytes it really used instead of a whole page or more, and a running task
// gets the whole large stack for deep recursion.  The copy is skipped when
// the fiber that resumes is the one that last ran (the slice is still in
// place).
//
// The rule this design imposes: nothing may point into a suspended fiber's
// stack.  Waiter records, queues and callbacks live in the heap or in the
// Task; a fiber's own frames may point into its own stack freely, since the
// slice returns to the same addresses.
//
// Rejected: one mmap'd stack per fiber with a guard page.  A switch is one
// jump, but every suspended fiber keeps at least one 4 KiB page resident
// (plus the kernel's mapping), over twice CPython's 1.8 KiB per sleeping
// task; see docs/fiber-stacks.md for the figures.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tide::fiber {

using Context = void *; // a suspended context: its saved stack pointer

struct Transfer {
  Context from; // the context that jumped here (to jump back to it)
  void *data;   // the pointer it handed over
};

// Makes a context that, when first jumped to, calls entry(Transfer) on the
// stack whose highest address is `top`.  entry must never return: it ends by
// jumping away for good.
Context make(void *top, size_t size, void (*entry)(Transfer));
// Suspends the running context and continues `to`, handing it `data`.
// Returns when something jumps back here.
Transfer jump(Context to, void *data);

// AddressSanitizer must be told when execution moves to another stack.
// Call before_switch just before jump() (fakeSave: where this side keeps its
// fake-stack handle; nullptr when this context ends for good) and
// after_switch right after jump() returns, or first thing in a new context
// (it reports the bounds of the stack that jumped here).  No-ops without
// ASan.
void before_switch(void **fakeSave, const void *toBottom, size_t toSize);
void after_switch(void *fakeSave, const void **fromBottom, size_t *fromSize);

// The frames in [sp, top) have been copied away or have ended without
// returning: under ASan their redzones must not stay poisoned for the next
// fiber that runs at those addresses.  No-op without ASan.
void forget_frames(const char *sp, const char *top);

// The shared execution stack of one thread: reserved with mmap (committed
// page by page as it is touched) with an inaccessible guard page below it.
class FiberStack {
public:
  FiberStack() = default;
  FiberStack(const FiberStack &) = delete;
  FiberStack &operator=(const FiberStack &) = delete;
  ~FiberStack();
  // Reserves `size` bytes plus the guard page; false if mmap fails.
  bool reserve(size_t size);
  bool reserved() const { return base_ != nullptr; }
  char *top() const { return base_ + size_; }
  char *bottom() const { return base_; } // lowest usable address
  size_t size() const { return size_; }

private:
  char *base_ = nullptr; // lowest usable address (the guard page is below)
  size_t size_ = 0;
};

// The bytes a suspended fiber was using, kept while another fiber runs on
// the shared stack.  Sized exactly: a sleeping task's memory is this plus
// its Task object.
class FiberSlice {
public:
  FiberSlice() = default;
  FiberSlice(const FiberSlice &) = delete;
  FiberSlice &operator=(const FiberSlice &) = delete;
  ~FiberSlice() { clear(); }
  // Copies [sp, top) out; false if memory is short.
  bool save(const char *sp, const char *top);
  // Copies the saved bytes back to [top - size, top).
  void restore(char *top) const;
  void clear();
  size_t size() const { return size_; }

private:
  char *buf_ = nullptr;
  uint32_t size_ = 0, cap_ = 0;
};

} // namespace tide::fiber
