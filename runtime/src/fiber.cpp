// fiber.cpp — Boost.Context switches, the shared stack and saved slices
// (design in fiber.h).
#include "fiber.h"

#include <sys/mman.h>
#include <unistd.h>

#include <boost/context/detail/fcontext.hpp>
#include <cstdlib>
#include <cstring>

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

bool FiberSlice::save(const char *sp, const char *top) {
  size_t n = size_t(top - sp);
  if (n > cap_) {
    char *b = static_cast<char *>(std::realloc(buf_, n));
    if (!b) return false;
    buf_ = b;
    cap_ = uint32_t(n);
  }
  std::memcpy(buf_, sp, n);
  size_ = uint32_t(n);
  return true;
}

void FiberSlice::restore(char *top) const { std::memcpy(top - size_, buf_, size_); }

void FiberSlice::clear() {
  std::free(buf_);
  buf_ = nullptr;
  size_ = cap_ = 0;
}

} // namespace tide::fiber
