// repl.h — the interactive REPL: `tide` with a terminal on stdin.
#pragma once

#include <string>
#include <vector>

namespace tide {

// Runs the REPL until Ctrl-D or SystemExit; returns the exit status.
// `optLevel` is the LLVM level the inputs are compiled at (the driver's -O:
// for inputs this small O1 measured no faster than O2), `args` become
// sys.argv[1:].
int runRepl(int optLevel, const std::vector<std::string> &args, bool quiet = false);

} // namespace tide
