// fiber.cpp — Boost.Context switches, the shared stack and saved slices
// (design in fiber.h).
#include "fiber.h"

#include "object.h"

#include <sys/mman.h>
#include <unistd.h>

#include <boost/context/detail/fcontext.hpp>
#include <cstdlib>
#include <cstring>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#define TIDE_ASAN 1
#endif

namespace bctx = boost::context::detail;

namespace tide::fiber {

namespace {
size_t page_size() {
  static const size_t p = size_t(sysconf(_SC_PAGESIZE));
  return p;
}
} // namespace

Context make(void *top, size_t size, void (*entry)(Transfer)) {
  // fcontext's entry takes its own transfer_t, which has Transfer's layout.
  static_assert(sizeof(Transfer) == sizeof(bctx::transfer_t));
  // (through void(*)(void), the one cast GCC accepts between function types)
  auto generic = reinterpret_cast<void (*)(void)>(entry);
  return bctx::make_fcontext(top, size, reinterpret_cast<void (*)(bctx::transfer_t)>(generic));
}

Transfer jump(Context to, void *data) {
  bctx::transfer_t t = bctx::jump_fcontext(to, data);
  return Transfer{t.fctx, t.data};
}

FiberStack::~FiberStack() {
  if (base_) munmap(base_ - page_size(), size_ + page_size());
}

bool FiberStack::reserve(size_t size) {
  size_t page = page_size();
  size = (size + page - 1) / page * page;
  void *p = mmap(nullptr, size + page, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (p == MAP_FAILED) return false;
  // The lowest page traps an overflow instead of corrupting memory.
  mprotect(p, page, PROT_NONE);
  base_ = static_cast<char *>(p) + page;
  size_ = size;
  return true;
}

void before_switch(void **fakeSave, const void *toBottom, size_t toSize) {
#ifdef TIDE_ASAN
  __sanitizer_start_switch_fiber(fakeSave, toBottom, toSize);
#else
  (void)fakeSave, (void)toBottom, (void)toSize;
#endif
}

void after_switch(void *fakeSave, const void **fromBottom, size_t *fromSize) {
#ifdef TIDE_ASAN
  __sanitizer_finish_switch_fiber(fakeSave, fromBottom, fromSize);
#else
  (void)fakeSave, (void)fromBottom, (void)fromSize;
#endif
}

void forget_frames(const char *sp, const char *top) {
#ifdef TIDE_ASAN
  __asan_unpoison_memory_region(sp, size_t(top - sp));
#else
  (void)sp, (void)top;
#endif
}

namespace {
// A saved slice holds whole stack frames, redzones included: under ASan the
// copy must not be checked (and must not become a checked memcpy call).
#ifdef TIDE_ASAN
__attribute__((no_sanitize_address, noinline, optimize("no-tree-loop-distribute-patterns")))
void copy_stack(char *dst, const char *src, size_t n) {
  for (size_t i = 0; i < n; i++) dst[i] = src[i];
}
#else
void copy_stack(char *dst, const char *src, size_t n) { std::memcpy(dst, src, n); }
#endif
} // namespace

bool FiberSlice::save(const char *sp, const char *top) {
  size_t n = size_t(top - sp);
  if (n > cap_) {
    // The old bytes are about to be overwritten: no need to keep them.
    char *b = static_cast<char *>(td_mem_alloc(n));
    if (!b) return false;
    td_mem_free(buf_);
    buf_ = b;
    cap_ = uint32_t(n);
  }
  copy_stack(buf_, sp, n);
  size_ = uint32_t(n);
  return true;
}

void FiberSlice::restore(char *top) const {
  copy_stack(top - size_, buf_, size_);
#ifdef TIDE_ASAN
  // The shadow of these bytes is whatever the previous owner left: clear it
  // (the restored frames lose their redzone checks, never gain false ones).
  __asan_unpoison_memory_region(top - size_, size_);
#endif
}

void FiberSlice::clear() {
  td_mem_free(buf_);
  buf_ = nullptr;
  size_ = cap_ = 0;
}

} // namespace tide::fiber
