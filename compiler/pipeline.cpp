// pipeline.cpp — see pipeline.h.
#include "pipeline.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "parser.h"
#include "scope.h"

namespace tide {

std::string readAll(std::istream &in) {
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool readScript(const std::string &path, std::string &out) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    std::fprintf(stderr, "tide: can't open file '%s': [Errno %d] %s\n", path.c_str(), errno,
                 std::strerror(errno));
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    std::fprintf(stderr, "tide: can't open file '%s': [Errno 21] Is a directory\n", path.c_str());
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "tide: can't open file '%s': [Errno %d] %s\n", path.c_str(), errno,
                 std::strerror(errno));
    return false;
  }
  out = readAll(in);
  return true;
}

bool frontEnd(const std::string &source, const std::string &filename, Diagnostics &diag,
              Module &out, const ResolveOptions &options) {
  out = parseSource(source, filename, diag);
  if (diag.hasErrors()) return false;
  return resolve(out, diag, options);
}

void printFirstError(const Diagnostics &diag, const std::string &filename,
                     const std::string &source) {
  std::fflush(stdout);
  std::fputs(Diagnostics::format(diag.errors().front(), filename, source).c_str(), stderr);
}

} // namespace tide
