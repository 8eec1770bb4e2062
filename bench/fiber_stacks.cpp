// fiber_stacks.cpp — measures the two designs for where a suspended task's
// stack lives (DESIGN.md, "Where a suspended task's stack lives"), on
// Boost.Context's low-level fcontext API, outside tide.
//
//   (a)  one mmap'd stack per fiber: 64 KiB reserved, the lowest page a
//        PROT_NONE guard, pages committed by the kernel on first touch;
//        a finished fiber's stack goes back to a pool and is reused.
//   (a0) the same without the guard page (see "VMAs" below for why it is
//        measured at all).
//   (b)  one shared stack (8 MiB); a suspended fiber owns a malloc'd copy of
//        the slice [sp, top) it was using, copied out when it suspends and
//        back (to the same addresses) when it resumes.
//
// Every fiber runs the same body: three small nested calls with a local
// buffer each (about 600 bytes of stack in use by default, --frame changes
// it), and suspends from the innermost one.  Switching always goes through
// the scheduler, which runs on the main stack, as an event loop would:
// resume = scheduler -> fiber, suspend = fiber -> scheduler.
//
// Figures, per design (each design runs in its own forked process, so the
// RSS of one does not leak into the other):
//   bytes in use     top - sp of a suspended fiber (the slice (b) copies)
//   RSS / fiber      (RSS with N fibers suspended - RSS before) / N, from
//                    /proc/self/statm; includes the Fiber record (32 bytes)
//   PTE / fiber      growth of VmPTE (page tables: kernel memory, not in RSS)
//   VMAs             growth of the number of lines in /proc/self/maps
//   create cold      create + start + run to first suspension, N fresh fibers
//                    (for (a): mmap + mprotect + first-touch page faults);
//                    then the same for a second batch of N once the first
//                    has finished ((a): from the pool, pages committed)
//   switch N         one resume + suspend round trip, round-robin over all N
//                    suspended fibers (cold caches and TLB: the realistic case
//                    for many sleepers), in creation order and then shuffled
//   switch 2         the same round trip over 2 fibers (everything in cache:
//                    the ping-pong case)
//   create+finish    create a fiber, run it to completion, recycle its stack
//                    (pool warm for (a)), averaged over many
//
// VMAs: a guard page has other permissions than its stack, so every stack
// with a guard is two VMAs, and Linux caps a process at vm.max_map_count
// (65530 by default).  (a) therefore cannot hold more than ~32,700 stacks
// unless the limit is raised; the program reports where it stopped.
//
// Build and run (see docs/fiber-stacks.md for the figures):
//   g++ -O2 -std=c++20 bench/fiber_stacks.cpp -lboost_context -o /tmp/fiber_stacks
//   /tmp/fiber_stacks [N=100000] [--frame BYTES] [--rounds R] [--only a|a0|b]
#include <boost/context/detail/fcontext.hpp>

#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <alloca.h>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace bctx = boost::context::detail;

namespace {

constexpr size_t kPage = 4096;
constexpr size_t kStackSize = 64 * 1024;          // (a): reserved per fiber, guard included
constexpr size_t kSharedSize = 8 * 1024 * 1024;   // (b): the one shared stack

enum class Design { A, A0, B };

const char *design_name(Design d) {
  switch (d) {
    case Design::A: return "(a) mmap'd stack + guard";
    case Design::A0: return "(a0) mmap'd stack, no guard";
    case Design::B: return "(b) shared stack + copy";
  }
  return "?";
}

// What a suspended fiber holds besides its stack memory; the same record for
// all designs (stack is the mmap'd base for (a), the saved slice for (b)).
struct Fiber {
  bctx::fcontext_t ctx = nullptr;  // where to jump to resume it
  char *stack = nullptr;           // (a): stack base; (b): saved slice
  uint32_t saved_len = 0;          // (b): bytes in the saved slice
  uint32_t saved_cap = 0;          // (b): capacity of the saved slice
  int32_t remaining = 0;           // suspensions left before it finishes
  uint32_t acc = 0;                // the work's result, so it is not optimised out
};
static_assert(sizeof(Fiber) == 32);

void *const kSuspended = reinterpret_cast<void *>(1);
void *const kFinished = reinterpret_cast<void *>(2);

bctx::fcontext_t g_sched = nullptr;  // the scheduler's context while a fiber runs
Fiber *g_cur = nullptr;              // the running fiber
size_t g_frame = 128;                // bytes of buffer per nested call (--frame)
size_t g_in_use = 0;                 // top - sp seen at a suspension

[[noreturn]] void die(const char *what) {
  std::fprintf(stderr, "fiber_stacks: %s: %s\n", what, std::strerror(errno));
  std::exit(1);
}

// --- the fiber's body ------------------------------------------------------

__attribute__((noinline)) void suspend() {
  bctx::transfer_t t = bctx::jump_fcontext(g_sched, kSuspended);
  g_sched = t.fctx;
}

// A small call with a local buffer whose address escapes (so it lives on the
// stack), and work after the call (so it is not a tail call).
__attribute__((noinline)) uint32_t leaf(uint32_t x) {
  char *buf = static_cast<char *>(alloca(g_frame));
  buf[0] = char(x);
  buf[g_frame - 1] = char(x >> 8);
  asm volatile("" : : "r"(buf) : "memory");
  if (g_cur->remaining > 0) {
    --g_cur->remaining;
    suspend();
  }
  return x + uint8_t(buf[0]) + uint8_t(buf[g_frame - 1]);
}

__attribute__((noinline)) uint32_t middle(uint32_t x) {
  char *buf = static_cast<char *>(alloca(g_frame));
  buf[0] = char(x);
  asm volatile("" : : "r"(buf) : "memory");
  return leaf(x * 3 + 1) + uint8_t(buf[0]);
}

__attribute__((noinline)) uint32_t outer(uint32_t x) {
  char *buf = static_cast<char *>(alloca(g_frame));
  buf[0] = char(x);
  asm volatile("" : : "r"(buf) : "memory");
  return middle(x + 7) ^ uint8_t(buf[0]);
}

void fiber_entry(bctx::transfer_t t) {
  g_sched = t.fctx;
  Fiber *f = static_cast<Fiber *>(t.data);
  do {
    f->acc += outer(f->acc);
  } while (f->remaining > 0);
  bctx::jump_fcontext(g_sched, kFinished);
  std::abort();  // a finished fiber is never resumed
}

// --- (a): a pool of mmap'd stacks ------------------------------------------

struct StackPool {
  bool guard;
  std::vector<char *> free;

  char *acquire() {
    if (!free.empty()) {
      char *s = free.back();
      free.pop_back();
      return s;
    }
    void *p = mmap(nullptr, kStackSize, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (p == MAP_FAILED) return nullptr;
    char *base = static_cast<char *>(p);
    if (guard && mprotect(base, kPage, PROT_NONE) != 0) {
      int e = errno;
      munmap(base, kStackSize);
      errno = e;
      return nullptr;
    }
    return base;
  }
  void release(char *base) { free.push_back(base); }
};

StackPool g_pool;

// --- (b): the shared stack -------------------------------------------------

char *g_shared_top = nullptr;

void setup_shared() {
  void *p = mmap(nullptr, kSharedSize, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (p == MAP_FAILED) die("mmap shared stack");
  if (mprotect(p, kPage, PROT_NONE) != 0) die("mprotect shared stack guard");
  g_shared_top = static_cast<char *>(p) + kSharedSize;
}

// --- the scheduler -----------------------------------------------------------

// Creates f's context; false when (a) cannot get a stack.
template <Design D>
bool create(Fiber &f, int suspensions, uint32_t seed) {
  f.remaining = suspensions;
  f.acc = seed;
  if constexpr (D == Design::B) {
    f.ctx = nullptr;  // made on the shared stack when it first runs
    return true;
  } else {
    f.stack = g_pool.acquire();
    if (!f.stack) return false;
    f.ctx = bctx::make_fcontext(f.stack + kStackSize, kStackSize - kPage, fiber_entry);
    return true;
  }
}

// Runs f until it suspends or finishes; true when it suspended.
template <Design D>
inline bool resume(Fiber &f) {
  g_cur = &f;
  bctx::fcontext_t to;
  if constexpr (D == Design::B) {
    if (f.ctx == nullptr) {
      to = bctx::make_fcontext(g_shared_top, kSharedSize - kPage, fiber_entry);
    } else {
      std::memcpy(f.ctx, f.stack, f.saved_len);
      to = f.ctx;
    }
  } else {
    to = f.ctx;
  }
  bctx::transfer_t t = bctx::jump_fcontext(to, &f);
  if (t.data == kFinished) {
    if constexpr (D == Design::B) {
      std::free(f.stack);
      f.stack = nullptr;
      f.saved_len = f.saved_cap = 0;
    } else {
      g_pool.release(f.stack);
      f.stack = nullptr;
    }
    f.ctx = nullptr;
    return false;
  }
  f.ctx = t.fctx;
  if constexpr (D == Design::B) {
    size_t len = size_t(g_shared_top - static_cast<char *>(t.fctx));
    if (len > f.saved_cap) {
      size_t cap = (len + 15) & ~size_t(15);
      f.stack = static_cast<char *>(std::realloc(f.stack, cap));
      if (!f.stack) die("realloc saved slice");
      f.saved_cap = uint32_t(cap);
    }
    std::memcpy(f.stack, t.fctx, len);
    f.saved_len = uint32_t(len);
    g_in_use = len;
  } else {
    g_in_use = size_t(f.stack + kStackSize - static_cast<char *>(t.fctx));
  }
  return true;
}

// --- measuring -----------------------------------------------------------------

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

long rss_bytes() {
  FILE *f = std::fopen("/proc/self/statm", "r");
  if (!f) die("open /proc/self/statm");
  long size = 0, resident = 0;
  if (std::fscanf(f, "%ld %ld", &size, &resident) != 2) die("read /proc/self/statm");
  std::fclose(f);
  return resident * long(kPage);
}

long vm_pte_bytes() {
  FILE *f = std::fopen("/proc/self/status", "r");
  if (!f) die("open /proc/self/status");
  char line[256];
  long kb = 0;
  while (std::fgets(line, sizeof line, f))
    if (std::sscanf(line, "VmPTE: %ld kB", &kb) == 1) break;
  std::fclose(f);
  return kb * 1024;
}

long map_count() {
  FILE *f = std::fopen("/proc/self/maps", "r");
  if (!f) die("open /proc/self/maps");
  long n = 0;
  int c;
  while ((c = std::getc(f)) != EOF)
    if (c == '\n') ++n;
  std::fclose(f);
  return n;
}

struct Options {
  long n = 100000;
  int rounds = 5;
  long create_loops = 1000000;
  long hot_rounds = 2000000;
};

template <Design D>
int run_design(const Options &o) {
  std::printf("%s\n", design_name(D));
  if constexpr (D == Design::B) setup_shared();
  g_pool.guard = D == Design::A;
  const long n = o.n;

  // 1. N fibers, each created, started and run to its first suspension.
  long rss0 = rss_bytes(), pte0 = vm_pte_bytes(), maps0 = map_count();
  std::vector<Fiber> fibers(static_cast<size_t>(n));  // counted: part of what a fiber holds
  auto t0 = Clock::now();
  long made = 0;
  for (; made < n; ++made) {
    if (!create<D>(fibers[size_t(made)], o.rounds + 1, uint32_t(made))) break;
    resume<D>(fibers[size_t(made)]);
  }
  double t_create = seconds_since(t0);
  if (made < n) {
    std::printf("  FAILED to make stack %ld of %ld: %s (%ld mappings; vm.max_map_count"
                " caps them)\n", made + 1, n, std::strerror(errno), map_count());
    std::fflush(stdout);
    return 1;
  }
  long rss1 = rss_bytes(), pte1 = vm_pte_bytes(), maps1 = map_count();
  std::printf("  bytes in use at suspension   %zu\n", g_in_use);
  std::printf("  RSS per suspended fiber      %.0f bytes   (%.1f MiB for %ld)\n",
              double(rss1 - rss0) / double(n), double(rss1 - rss0) / 1048576.0, n);
  std::printf("  page tables per fiber        %.0f bytes   (VmPTE, not in RSS)\n",
              double(pte1 - pte0) / double(n));
  std::printf("  mappings (VMAs) added        %ld\n", maps1 - maps0);
  std::printf("  create+start, cold           %.0f ns per fiber\n", t_create * 1e9 / double(n));

  // 2. Round-robin: resume every suspended fiber, o.rounds times.
  t0 = Clock::now();
  for (int r = 0; r < o.rounds; ++r)
    for (long i = 0; i < n; ++i) resume<D>(fibers[size_t(i)]);
  double t_rr = seconds_since(t0);
  std::printf("  switch, round-robin over N   %.1f ns per resume+suspend\n",
              t_rr * 1e9 / double(n) / o.rounds);

  // The same in a shuffled order (timers wake tasks in deadline order, not
  // in creation order), one round.  The last resume of each fiber comes after.
  std::vector<uint32_t> order(static_cast<size_t>(n));
  for (long i = 0; i < n; ++i) order[size_t(i)] = uint32_t(i);
  uint64_t rng = 0x9e3779b97f4a7c15u;
  for (long i = n - 1; i > 0; --i) {
    rng = rng * 6364136223846793005u + 1442695040888963407u;
    std::swap(order[size_t(i)], order[size_t((rng >> 33) % uint64_t(i + 1))]);
  }
  for (long i = 0; i < n; ++i) fibers[order[size_t(i)]].remaining += 1;  // one more round
  t0 = Clock::now();
  for (long i = 0; i < n; ++i) resume<D>(fibers[order[size_t(i)]]);
  double t_shuf = seconds_since(t0);
  std::printf("  switch, shuffled over N      %.1f ns per resume+suspend\n",
              t_shuf * 1e9 / double(n));

  // Finish them all (each has one suspension left to return from).
  uint32_t sum = 0;
  for (long i = 0; i < n; ++i) {
    if (resume<D>(fibers[size_t(i)])) {
      std::fprintf(stderr, "fiber %ld did not finish\n", i);
      return 1;
    }
    sum += fibers[size_t(i)].acc;
  }

  // A second batch of N, now that (a)'s pool holds N stacks with their pages
  // committed and (b)'s malloc has free chunks (unless it gave them back).
  t0 = Clock::now();
  for (long i = 0; i < n; ++i) {
    create<D>(fibers[size_t(i)], 1, uint32_t(i));
    resume<D>(fibers[size_t(i)]);
  }
  double t_create2 = seconds_since(t0);
  for (long i = 0; i < n; ++i) {
    resume<D>(fibers[size_t(i)]);
    sum += fibers[size_t(i)].acc;
  }
  std::printf("  create+start, second batch   %.0f ns per fiber\n", t_create2 * 1e9 / double(n));

  // 3. Two fibers, everything in cache.
  Fiber two[2];
  create<D>(two[0], int(o.hot_rounds + 1), 1);
  create<D>(two[1], int(o.hot_rounds + 1), 2);
  resume<D>(two[0]);
  resume<D>(two[1]);
  t0 = Clock::now();
  for (long r = 0; r < o.hot_rounds; ++r) {
    resume<D>(two[0]);
    resume<D>(two[1]);
  }
  double t_hot = seconds_since(t0);
  resume<D>(two[0]);
  resume<D>(two[1]);
  std::printf("  switch, 2 fibers (hot)       %.1f ns per resume+suspend\n",
              t_hot * 1e9 / double(2 * o.hot_rounds));

  // 4. Create + run to completion, stack recycled.
  Fiber f;
  t0 = Clock::now();
  for (long i = 0; i < o.create_loops; ++i) {
    create<D>(f, 0, uint32_t(i));
    if (resume<D>(f)) {
      std::fprintf(stderr, "a fiber with no suspensions suspended\n");
      return 1;
    }
    sum += f.acc;
  }
  double t_cf = seconds_since(t0);
  std::printf("  create+finish, pooled        %.1f ns per fiber\n",
              t_cf * 1e9 / double(o.create_loops));
  std::printf("  (checksum %u)\n", sum);
  std::fflush(stdout);
  return 0;
}

int run_in_child(Design d, const Options &o) {
  std::fflush(stdout);
  pid_t pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    int rc = d == Design::A ? run_design<Design::A>(o)
           : d == Design::A0 ? run_design<Design::A0>(o)
                             : run_design<Design::B>(o);
    std::fflush(stdout);
    _exit(rc);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) die("waitpid");
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

int main(int argc, char **argv) {
  Options o;
  std::string only;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--frame" && i + 1 < argc) {
      g_frame = std::strtoul(argv[++i], nullptr, 10);
    } else if (a == "--rounds" && i + 1 < argc) {
      o.rounds = std::atoi(argv[++i]);
    } else if (a == "--only" && i + 1 < argc) {
      only = argv[++i];
    } else if (!a.empty() && a[0] != '-') {
      o.n = std::strtol(a.c_str(), nullptr, 10);
    } else {
      std::fprintf(stderr,
                   "usage: fiber_stacks [N] [--frame BYTES] [--rounds R] [--only a|a0|b]\n");
      return 2;
    }
  }
  if (o.n < 1 || o.rounds < 1 || g_frame < 16 || g_frame > 16384) {
    std::fprintf(stderr, "fiber_stacks: bad arguments\n");
    return 2;
  }
  std::printf("N = %ld suspended fibers, %zu-byte buffer in each of 3 nested calls, "
              "%d round-robin rounds\n", o.n, g_frame, o.rounds);
  int rc = 0;
  if (only.empty() || only == "a") rc |= run_in_child(Design::A, o);
  if (only.empty() || only == "a0") rc |= run_in_child(Design::A0, o);
  if (only.empty() || only == "b") rc |= run_in_child(Design::B, o);
  return rc;
}
