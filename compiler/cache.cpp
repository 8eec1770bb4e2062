// cache.cpp — see cache.h.
#include "cache.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/SHA256.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/Support/raw_ostream.h"

namespace tide {

static std::string cacheDir() {
  if (const char *d = std::getenv("TIDE_CACHE_DIR"); d && *d) return d;
  if (const char *x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::string(x) + "/tide";
  if (const char *h = std::getenv("HOME"); h && *h) return std::string(h) + "/.cache/tide";
  return "";
}

std::optional<ObjectCache> ObjectCache::open(const std::string &filename,
                                             const std::string &source, int optLevel) {
  if (const char *off = std::getenv("TIDE_NO_CACHE"); off && *off && *off != '0') return {};
  std::string dir = cacheDir();
  struct stat self;
  if (dir.empty() || stat("/proc/self/exe", &self) != 0) return {};
  if (llvm::sys::fs::create_directories(dir)) return {};
  llvm::SHA256 hash;
  std::string binary = std::to_string(self.st_size) + ":" + std::to_string(self.st_mtim.tv_sec) +
                       "." + std::to_string(self.st_mtim.tv_nsec) + ":" +
                       std::to_string(self.st_ino) + ":O" + std::to_string(optLevel) + ":";
  hash.update(binary);
  // The JIT compiles for this CPU: a cache shared between machines must not
  // hand one the other's instructions.
  hash.update(llvm::sys::getHostCPUName());
  hash.update(llvm::StringRef("\0", 1));
  hash.update(filename);
  hash.update(llvm::StringRef("\0", 1));
  hash.update(source);
  std::string hex;
  for (uint8_t b : hash.final()) {
    static const char *digits = "0123456789abcdef";
    hex += digits[b >> 4];
    hex += digits[b & 15];
  }
  ObjectCache c;
  c.dir_ = dir;
  c.path_ = dir + "/" + hex + ".o";
  return c;
}

std::unique_ptr<llvm::MemoryBuffer> ObjectCache::load() const {
  auto buf = llvm::MemoryBuffer::getFile(path_, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!buf) return nullptr;
  return std::move(*buf);
}

// Keeps the cache directory bounded: past kMaxEntries objects, the older
// half (by modification time) goes.  Runs only when a script was compiled,
// which costs far more than listing one directory.
static void trim(const std::string &dir) {
  constexpr size_t kMaxEntries = 1000;
  std::vector<std::pair<int64_t, std::string>> entries;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(dir, ec), end; it != end && !ec; it.increment(ec)) {
    llvm::StringRef path = it->path();
    if (!path.ends_with(".o")) continue;
    struct stat st;
    if (stat(path.str().c_str(), &st) == 0) entries.push_back({int64_t(st.st_mtime), path.str()});
  }
  if (entries.size() <= kMaxEntries) return;
  std::sort(entries.begin(), entries.end());
  for (size_t i = 0; i < entries.size() / 2; i++) std::remove(entries[i].second.c_str());
}

void ObjectCache::store(llvm::StringRef object) const {
  trim(dir_);
  std::string tmp = path_ + ".tmp." + std::to_string(getpid());
  {
    std::error_code ec;
    llvm::raw_fd_ostream out(tmp, ec, llvm::sys::fs::OF_None);
    if (ec) return;
    out << object;
    out.close();
    if (out.has_error()) {
      out.clear_error();
      std::remove(tmp.c_str());
      return;
    }
  }
  if (std::rename(tmp.c_str(), path_.c_str()) != 0) std::remove(tmp.c_str());
}

} // namespace tide
