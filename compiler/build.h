// build.h — `tide build script.py -o app`: ahead-of-time compilation.
//
// The same front end and codegen as the JIT produce the module; LLVM's
// TargetMachine writes an object file; the system's C++ driver links it with
// the runtime's static library (libtide_runtime.a) into one executable that
// needs neither tide nor LLVM at run time.  See docs/architecture.md.
#pragma once

namespace tide {

// argv holds what follows `tide build`.  Returns the process exit status:
// 0 built, 1 a build step failed (write, link), 2 usage or syntax error.
int runBuild(int argc, char **argv);

} // namespace tide
