// alloc.cpp — the small-object allocator behind td_alloc_object.
//
// Most objects are small and short-lived (ints that overflowed, floats,
// coroutines, tasks, bound methods), and a program allocates and frees them
// in bursts: 100,000 tasks created, then all freed.  glibc's malloc serves
// those bursts from its slow path (its per-thread cache holds 7 blocks per
// size) and was a quarter of the time of the spawn benchmark.  Like
// CPython's pymalloc, tide serves requests up to kMaxSmall bytes from size
// classes of 16-byte steps, each class a LIFO free list plus a bump pointer
// into a 16 KiB pool of its own.
//
// Pools come from one virtual reservation made at the first allocation
// (kReserve bytes, PROT_NONE, so it costs no memory and no commit charge);
// chunks of it are made accessible as they are needed.  A block belongs to
// the allocator iff its address lies in the reservation, so free needs no
// header per block: the pool's first bytes hold its size class.  Larger
// requests, and every request once the reservation is used up, go to
// malloc.
//
// Memory in a size class is never given back to the OS or to another
// class (pymalloc gives back whole empty arenas; not done yet).  Safe
// without locks because all tide code runs under the interpreter lock.
// Under AddressSanitizer everything goes to malloc so ASan sees each block.
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "object.h"

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kPooling = false;
#else
constexpr bool kPooling = true;
#endif

constexpr size_t kMaxSmall = 512;
constexpr size_t kClasses = kMaxSmall / 16;
constexpr size_t kPool = 16 << 10;                // one size class per pool
constexpr size_t kChunk = 4 << 20;                // made accessible at once
constexpr size_t kReserve = size_t(64) << 30;      // address space reserved
constexpr size_t kHuge = 2 << 20;                 // a transparent huge page

struct FreeBlock {
  FreeBlock *next;
};

struct PoolHeader {
  uint32_t cls;
  uint32_t pad[3]; // blocks start 16-byte aligned
};

struct Allocator {
  char *base = nullptr, *end = nullptr; // the reservation
  char *next = nullptr;                 // first unused pool
  char *accessible = nullptr;           // end of the accessible part
  bool failed = false;                  // no reservation: use malloc
  FreeBlock *free[kClasses] = {};
  char *bump[kClasses] = {};            // next unused block in the class's pool
  char *bumpEnd[kClasses] = {};

  bool reserve() {
    void *p = mmap(nullptr, kReserve, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
      failed = true;
      return false;
    }
    // Pools are kPool-aligned so a block's pool is its address rounded down.
    // Huge pages where the system allows them on request: a burst of
    // 100,000 tasks then costs a few dozen page faults, not 25,000.
    char *b = static_cast<char *>(p);
    char *aligned = reinterpret_cast<char *>((reinterpret_cast<uintptr_t>(b) + kHuge - 1) & ~(kHuge - 1));
    // Not the first chunk: a huge page's first touch zeroes 2 MiB, which
    // is most of a small program's start-up (a built hello world).
    madvise(aligned + kChunk, kReserve - kHuge - kChunk, MADV_HUGEPAGE);
    base = next = accessible = aligned;
    end = b + kReserve;
    return true;
  }

  bool newPool(size_t cls) {
    if (!base && !reserve()) return false;
    if (next + kPool > end) return false;
    if (next + kPool > accessible) {
      if (mprotect(accessible, kChunk, PROT_READ | PROT_WRITE) != 0) return false;
      accessible += kChunk;
    }
    auto *h = reinterpret_cast<PoolHeader *>(next);
    h->cls = uint32_t(cls);
    bump[cls] = next + sizeof(PoolHeader);
    bumpEnd[cls] = next + kPool;
    next += kPool;
    return true;
  }

  void *alloc(size_t size) {
    if (!kPooling || size > kMaxSmall || size == 0 || failed) return std::malloc(size);
    size_t cls = (size + 15) / 16 - 1;
    if (FreeBlock *b = free[cls]) {
      free[cls] = b->next;
      return b;
    }
    size_t bytes = (cls + 1) * 16;
    if (bump[cls] + bytes > bumpEnd[cls] && !newPool(cls)) return std::malloc(size);
    void *p = bump[cls];
    bump[cls] += bytes;
    return p;
  }

  bool owns(const void *p) const { return p >= base && p < end; }

  size_t blockSize(const void *p) const {
    auto *h = reinterpret_cast<const PoolHeader *>(reinterpret_cast<uintptr_t>(p) & ~(kPool - 1));
    return (h->cls + 1) * 16;
  }

  void release(void *p) {
    if (!owns(p)) {
      std::free(p);
      return;
    }
    auto *h = reinterpret_cast<PoolHeader *>(reinterpret_cast<uintptr_t>(p) & ~(kPool - 1));
    auto *b = static_cast<FreeBlock *>(p);
    b->next = free[h->cls];
    free[h->cls] = b;
  }
};

Allocator gAlloc; // process-wide, like malloc's own state; guarded by the GIL

} // namespace

void *td_mem_alloc(size_t size) { return gAlloc.alloc(size); }
void td_mem_free(void *p) {
  if (p) gAlloc.release(p);
}

TdObject *td_alloc_object(TdType *type, size_t size) {
  auto *o = static_cast<TdObject *>(gAlloc.alloc(size));
  if (!o) return nullptr;
  o->refcnt = 1;
  o->type = type;
  return o;
}

void td_free_object(TdObject *o) { gAlloc.release(o); }

void *td_realloc_object(TdObject *o, size_t size) {
  if (!gAlloc.owns(o)) return std::realloc(o, size);
  size_t have = gAlloc.blockSize(o);
  if (size <= have) return o;
  void *n = gAlloc.alloc(size);
  if (!n) return nullptr;
  std::memcpy(n, o, have);
  gAlloc.release(o);
  return n;
}

// Big blocks (a list's items, the loop's ready queue, gather's children)
// come from glibc's malloc.  By default each one above 128 KiB is its own
// mmap, given back when freed, so a burst of 100,000 tasks touches fresh
// 4 KiB pages thousands of times (page faults were a third of the spawn
// benchmark).  Instead they come from the brk heap, which grows in 64 MiB
// steps, is not trimmed below 256 MiB, and is backed by transparent huge
// pages past the heap's current end plus 4 MiB (a small program touches no
// huge page: zeroing one would cost more than its whole start-up).
void td_heap_tune() {
  if (!kPooling) return; // AddressSanitizer keeps its own heap
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 64 << 20);
  char *start = static_cast<char *>(sbrk(0));
  void *grow = std::malloc(24 << 20); // extends the heap (plus the top pad); not touched
  std::free(grow);
  char *top = static_cast<char *>(sbrk(0));
  auto up = [](char *p) {
    return reinterpret_cast<char *>((reinterpret_cast<uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1));
  };
  char *from = up(start + kChunk);
  if (top > from) madvise(from, size_t(top - from) & ~(kHuge - 1), MADV_HUGEPAGE);
}

void *td_big_alloc(size_t bytes) {
  size_t len = (bytes + kHuge - 1) & ~(kHuge - 1);
  void *m = mmap(nullptr, len + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) {
    static const char msg[] = "tide: out of memory\n";
    (void)!write(2, msg, sizeof msg - 1);
    std::abort();
  }
  char *p = static_cast<char *>(m);
  char *a = reinterpret_cast<char *>((reinterpret_cast<uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1));
  if (a > p) munmap(p, size_t(a - p));
  char *tail = a + len;
  if (p + len + kHuge > tail) munmap(tail, size_t(p + len + kHuge - tail));
  madvise(a, len, MADV_HUGEPAGE);
  return a;
}

void td_big_free(void *p, size_t bytes) {
  munmap(p, (bytes + kHuge - 1) & ~(kHuge - 1));
}
