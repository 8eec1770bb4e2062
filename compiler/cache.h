// cache.h — compiled scripts kept on disk, so running an unchanged script
// again skips parsing, optimisation and machine-code generation.
//
// An entry is the object file the JIT would have produced, keyed by SHA-256
// of everything that decides its contents: the tide binary itself (its size
// and modification time: any rebuild starts a fresh cache), the host CPU, the
// optimisation level, the script's name as given (it is baked into
// tracebacks) and its text.  Entries are written to a temporary name and renamed into place, so
// concurrent runs never see half a file.  The directory keeps at most 1000
// entries: past that, the older half is removed when a new one is written.  The cache lives in $TIDE_CACHE_DIR,
// else $XDG_CACHE_HOME/tide, else ~/.cache/tide; TIDE_NO_CACHE=1 turns it
// off, and any failure to read or write it just means compiling as usual.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "llvm/Support/MemoryBuffer.h"

namespace tide {

class ObjectCache {
public:
  // nullopt when caching is off or no cache directory can be used.
  static std::optional<ObjectCache> open(const std::string &filename, const std::string &source,
                                         int optLevel);
  std::unique_ptr<llvm::MemoryBuffer> load() const;
  void store(llvm::StringRef object) const;

private:
  std::string dir_;
  std::string path_;
};

} // namespace tide
