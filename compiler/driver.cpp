// driver.cpp — the `tide` command.
//
//   tide script.py [args]      compile in memory (ORC JIT) and run
//   tide -c CODE [args]        run CODE
//   tide - / tide < file       run standard input as a script
//   tide --emit tokens|ast|llvm script.py
//   tide build script.py [-o app]   a native executable (build.cpp)
//   tide --version | --help
//
// Exit status as python3: 0 ok, 1 uncaught exception, 2 usage or syntax error.
// The pipeline: read → tokenize → parse → resolve → codegen → O2 → JIT → run.
// Every stage reports into one Diagnostics; the first error is printed in
// CPython's shape (file:line:col, the line, a caret) and nothing runs.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "build.h"
#include "cache.h"
#include "codegen/codegen.h"
#include "diag.h"
#include "jit.h"
#include "lexer.h"
#include "llvm/Support/raw_ostream.h"
#include "parser.h"
#include "pipeline.h"
#include "repl.h"
#include "scope.h"
#include "tide/abi.h"

namespace {

const char *kUsage =
    "usage: tide [option] ... [-c cmd | file | -] [arg] ...\n"
    "       tide build script.py [-o app] [options]   (tide build --help)\n"
    "Options:\n"
    "  -c cmd          program passed in as string (terminates option list)\n"
    "  --emit WHAT     print the tokens, the AST or the optimised LLVM IR\n"
    "                  (WHAT is tokens, ast or llvm) instead of running\n"
    "  -O0, -O1, -O2, -O3\n"
    "                  LLVM optimisation level (default -O2)\n"
    "  -q              no banner when the REPL starts\n"
    "  --version       print the version and exit\n"
    "  -h, --help      print this help and exit\n"
    "file              program read from script file\n"
    "-                 program read from stdin (default when stdin is not a terminal)\n"
    "arg ...           arguments passed to program in sys.argv[1:]\n";

struct Options {
  std::string emit;
  std::string code;    // -c
  bool haveCode = false;
  std::string file;    // script path, or "-" for stdin
  std::vector<std::string> args; // sys.argv[1:]
  int optLevel = 2;
  bool quiet = false; // -q: no REPL banner
};

int usageError(const std::string &msg) {
  std::fprintf(stderr, "tide: %s\n%s", msg.c_str(), "usage: tide [option] ... [-c cmd | file | -] [arg] ...\nTry `tide --help' for more information.\n");
  return 2;
}

// Loads the compiled script into the JIT and runs it as python3 would.
int execute(tide::Jit &jit, std::unique_ptr<llvm::MemoryBuffer> object, const std::string &source,
            const std::string &filename, const Options &opt, tide::StageTimer &timer) {
  std::vector<std::string> argvStore;
  argvStore.push_back(opt.haveCode ? "-c" : opt.file == "-" ? "-" : opt.file);
  for (auto &a : opt.args) argvStore.push_back(a);
  std::vector<const char *> argv;
  for (auto &a : argvStore) argv.push_back(a.c_str());
  TdThread *ts = td_runtime_init(int(argv.size()), argv.data());
  td_register_source(filename.c_str(), source.data(), int64_t(source.size()));
  if (auto err = jit.addObject(std::move(object))) {
    llvm::errs() << "tide: " << llvm::toString(std::move(err)) << "\n";
    return 2;
  }
  auto entry = jit.lookup(tide::CodegenOptions().entryName);
  if (!entry) {
    llvm::errs() << "tide: " << llvm::toString(entry.takeError()) << "\n";
    return 2;
  }
  timer.mark("link");
  int status = td_run_main(ts, reinterpret_cast<TdModuleFn>(*entry));
  timer.mark("run");
  td_runtime_fini(ts);
  timer.mark("exit");
  return status;
}

int run(const Options &opt) {
  tide::StageTimer timer;
  std::string source;
  std::string filename;
  if (opt.haveCode) {
    source = opt.code;
    filename = "<string>";
  } else if (opt.file == "-") {
    source = tide::readAll(std::cin);
    filename = "<stdin>";
  } else {
    if (!tide::readScript(opt.file, source)) return 2;
    filename = opt.file;
  }

  tide::Diagnostics diag;
  auto fail = [&]() {
    tide::printFirstError(diag, filename, source);
    return 2;
  };

  // An unchanged script runs from the object cache, skipping compilation.
  std::optional<tide::ObjectCache> cache;
  // TIDE_NO_EVAL_BREAKER=1 compiles without loop safepoints, only to measure
  // their cost; such code is never cached.
  const char *nb = std::getenv("TIDE_NO_EVAL_BREAKER");
  bool evalBreaker = !(nb && *nb && std::string(nb) != "0");
  if (opt.emit.empty() && evalBreaker) cache = tide::ObjectCache::open(filename, source, opt.optLevel);
  if (cache) {
    if (auto object = cache->load()) {
      auto jit = tide::Jit::create();
      if (jit) {
        timer.mark("cache-hit");
        return execute(**jit, std::move(object), source, filename, opt, timer);
      }
      llvm::consumeError(jit.takeError());
    }
  }

  if (opt.emit == "tokens") {
    std::vector<tide::Token> tokens = tide::tokenize(source, diag);
    std::fputs(tide::dumpTokens(tokens).c_str(), stdout);
    return diag.hasErrors() ? fail() : 0;
  }
  tide::Module mod;
  if (!tide::frontEnd(source, filename, diag, mod)) return fail();
  timer.mark("parse");
  if (opt.emit == "ast") {
    std::fputs(tide::dumpAst(mod).c_str(), stdout);
    return 0;
  }

  auto jit = tide::Jit::create();
  if (!jit) {
    llvm::errs() << "tide: cannot start the JIT: " << llvm::toString(jit.takeError()) << "\n";
    return 2;
  }
  timer.mark("jit-init");
  auto ctx = std::make_unique<llvm::LLVMContext>();
  tide::CodegenOptions cg;
  cg.source = source;
  cg.evalBreaker = evalBreaker;
  std::unique_ptr<llvm::Module> m = tide::generateModule(mod, *ctx, cg, diag);
  if (!m || diag.hasErrors()) return fail();
  timer.mark("codegen");
  tide::optimizeModule(*m, &(*jit)->targetMachine(), opt.optLevel);
  timer.mark("optimize");
  if (opt.emit == "llvm") {
    std::string text;
    llvm::raw_string_ostream os(text);
    m->print(os, nullptr);
    std::fputs(os.str().c_str(), stdout);
    return 0;
  }
  auto object = (*jit)->compile(*m);
  if (!object) {
    llvm::errs() << "tide: " << llvm::toString(object.takeError()) << "\n";
    return 2;
  }
  if (cache) cache->store((*object)->getBuffer());
  timer.mark("machine");
  return execute(**jit, std::move(*object), source, filename, opt, timer);
}

} // namespace

int main(int argc, char **argv) {
  if (argc >= 2 && std::strcmp(argv[1], "build") == 0) return tide::runBuild(argc - 2, argv + 2);
  Options opt;
  int i = 1;
  for (; i < argc; i++) {
    std::string a = argv[i];
    if (a == "--version" || a == "-V") {
      std::printf("tide %s\n", TIDE_VERSION);
      return 0;
    }
    if (a == "-h" || a == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (a == "--emit" || a.rfind("--emit=", 0) == 0) {
      if (a == "--emit") {
        if (++i >= argc) return usageError("--emit needs an argument: tokens, ast or llvm");
        opt.emit = argv[i];
      } else {
        opt.emit = a.substr(7);
      }
      if (opt.emit != "tokens" && opt.emit != "ast" && opt.emit != "llvm")
        return usageError("--emit takes tokens, ast or llvm, not '" + opt.emit + "'");
      continue;
    }
    if (a.size() == 3 && a[0] == '-' && a[1] == 'O' && a[2] >= '0' && a[2] <= '3') {
      opt.optLevel = a[2] - '0';
      continue;
    }
    if (a == "-q") {
      opt.quiet = true;
      continue;
    }
    if (a == "-c") {
      if (++i >= argc) return usageError("Argument expected for the -c option");
      opt.code = argv[i];
      opt.haveCode = true;
      i++;
      break;
    }
    if (a == "-") {
      opt.file = "-";
      i++;
      break;
    }
    if (a.size() > 1 && a[0] == '-') return usageError("unknown option " + a);
    opt.file = a;
    i++;
    break;
  }
  for (; i < argc; i++) opt.args.push_back(argv[i]);
  if (!opt.haveCode && opt.file.empty()) {
    if (isatty(0)) return tide::runRepl(opt.optLevel, opt.args, opt.quiet); // repl.cpp
    opt.file = "-";
  }
  return run(opt);
}
