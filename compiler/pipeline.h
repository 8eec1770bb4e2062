// pipeline.h — the stages every way of running tide shares: read a script,
// then tokenize → parse → resolve it into an AST that codegen accepts.
//
// The JIT driver (driver.cpp), `tide build` (build.cpp) and the REPL all go
// through here, so a script is understood the same way whichever runs it.
#pragma once

#include <istream>
#include <string>

#include "ast.h"
#include "diag.h"

namespace tide {

// Reads a whole stream.
std::string readAll(std::istream &in);

// Reads a script file; on failure prints python3's message
// (`tide: can't open file 'x': [Errno 2] No such file or directory`) and
// returns false.
bool readScript(const std::string &path, std::string &out);

// Source text → resolved AST.  False when `diag` holds an error.
bool frontEnd(const std::string &source, const std::string &filename, Diagnostics &diag,
              Module &out);

// Prints the first error in CPython's shape (file:line:col, the line, a
// caret) on stderr after flushing stdout.
void printFirstError(const Diagnostics &diag, const std::string &filename,
                     const std::string &source);

} // namespace tide
