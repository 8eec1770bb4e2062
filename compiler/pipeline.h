// pipeline.h — the stages every way of running tide shares: read a script,
// then tokenize → parse → resolve it into an AST that codegen accepts.
//
// The JIT driver (driver.cpp), `tide build` (build.cpp) and the REPL all go
// through here, so a script is understood the same way whichever runs it.
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <istream>
#include <string>

#include "ast.h"
#include "diag.h"
#include "scope.h"

namespace tide {

// Reads a whole stream.
std::string readAll(std::istream &in);

// Reads a script file; on failure prints python3's message
// (`tide: can't open file 'x': [Errno 2] No such file or directory`) and
// returns false.
bool readScript(const std::string &path, std::string &out);

// Source text → resolved AST.  False when `diag` holds an error, which is
// the one CPython would report (parseSource: a syntax error before the
// point where the lexer failed wins, as in `def f(:`).
bool frontEnd(const std::string &source, const std::string &filename, Diagnostics &diag,
              Module &out, const ResolveOptions &options = {});

// Prints the first error in CPython's shape (file:line:col, the line, a
// caret) on stderr after flushing stdout.
void printFirstError(const Diagnostics &diag, const std::string &filename,
                     const std::string &source);

// TIDE_TIMING=1 prints how long each stage took (a debug switch, for
// scripts and REPL inputs alike).
struct StageTimer {
  bool on = std::getenv("TIDE_TIMING") != nullptr;
  std::chrono::steady_clock::time_point last = std::chrono::steady_clock::now();
  void mark(const char *stage) {
    if (!on) return;
    auto now = std::chrono::steady_clock::now();
    std::fprintf(stderr, "tide: %-10s %7.2f ms\n", stage,
                 std::chrono::duration<double, std::milli>(now - last).count());
    last = now;
  }
};

} // namespace tide
