// build.cpp — see build.h.
//
//   tide build script.py [-o app] [-O0|-O1|-O2|-O3] [-g] [--static]
//                        [--emit obj|llvm|asm] [-march=native]
//
// Steps: read → front end → codegen (entry `__tide_module`) → add `main` and
// the script's text → optimise → object file → link.  Every file it writes
// goes to a temporary name beside the target and is renamed into place only
// when complete, so a failed build never leaves a half-written output.
#include "build.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include <thread>

#include "codegen/codegen.h"
#include "jit.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Transforms/IPO/AlwaysInliner.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/Transforms/Utils/SplitModule.h"
#include "pipeline.h"

extern char **environ;

// Where the runtime library and its dependencies are (CMakeLists.txt).
#ifndef TIDE_RUNTIME_LIB
#error "TIDE_RUNTIME_LIB must name libtide_runtime.a"
#endif
#ifndef TIDE_LINK_LIBS
#define TIDE_LINK_LIBS ""
#endif
#ifndef TIDE_LINK_FLAGS
#define TIDE_LINK_FLAGS ""
#endif
#ifndef TIDE_CXX
#define TIDE_CXX "c++"
#endif

namespace tide {
namespace {

const char *kBuildUsage =
    "usage: tide build script.py [-o output] [options]\n"
    "Compiles script.py ahead of time into a native executable.\n"
    "Options:\n"
    "  -o PATH         the output (default: the script's name without .py,\n"
    "                  or with .o/.ll/.s for --emit)\n"
    "  -O0, -O1, -O2, -O3\n"
    "                  optimisation level (default -O2)\n"
    "  -g              DWARF line information: gdb and perf show script lines\n"
    "  --emit WHAT     write an object file (obj), LLVM IR (llvm) or assembly\n"
    "                  (asm) instead of an executable\n"
    "  --static        link statically (no shared libraries at all)\n"
    "  -march=native   use every feature of this machine's CPU (the default is\n"
    "                  the baseline of its architecture, so the executable runs\n"
    "                  on any machine of that architecture)\n"
    "  -h, --help      print this help and exit\n";

struct BuildOptions {
  std::string script;
  std::string output;
  std::string emit; // "" (executable), obj, llvm, asm
  int optLevel = 2;
  bool debug = false;
  bool staticLink = false;
  bool native = false;
};

int usage(const std::string &msg) {
  std::fprintf(stderr, "tide build: %s\nusage: tide build script.py [-o output] [options]\n"
                       "Try `tide build --help' for more information.\n",
               msg.c_str());
  return 2;
}

int failure(const std::string &msg) {
  std::fprintf(stderr, "tide build: %s\n", msg.c_str());
  return 1;
}

std::string defaultOutput(const BuildOptions &o) {
  std::string base = o.script;
  if (auto slash = base.rfind('/'); slash != std::string::npos) base = base.substr(slash + 1);
  if (base.size() > 3 && base.compare(base.size() - 3, 3, ".py") == 0)
    base.resize(base.size() - 3);
  if (o.emit == "obj") return base + ".o";
  if (o.emit == "llvm") return base + ".ll";
  if (o.emit == "asm") return base + ".s";
  // `tide build app.py` next to a file named `app`: the executable replaces
  // it, as `cc app.c -o app` would; a script without .py gets `.out`.
  return base == o.script || base.empty() ? o.script + ".out" : base;
}

// A file written under a temporary name in the target's directory and
// renamed over the target only by commit(); otherwise removed.
class OutputFile {
public:
  // Checks that `path` can be written; creates the temporary file.
  bool open(const std::string &path, std::string &err) {
    path_ = path;
    struct stat st;
    if (stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
      err = "cannot write '" + path + "': Is a directory";
      return false;
    }
    temp_ = path + ".tide-tmp-" + std::to_string(getpid());
    int fd = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
      err = "cannot write '" + path + "': " + std::strerror(errno);
      temp_.clear();
      return false;
    }
    ::close(fd);
    return true;
  }
  const std::string &temp() const { return temp_; }
  bool commit(bool executable, std::string &err) {
    if (executable) chmod(temp_.c_str(), 0755);
    if (rename(temp_.c_str(), path_.c_str()) != 0) {
      err = "cannot write '" + path_ + "': " + std::strerror(errno);
      return false;
    }
    temp_.clear();
    return true;
  }
  ~OutputFile() {
    if (!temp_.empty()) unlink(temp_.c_str());
  }

private:
  std::string path_, temp_;
};

std::unique_ptr<llvm::TargetMachine> targetMachine(const BuildOptions &o, std::string &err) {
  initializeNativeTarget();
  std::string triple = llvm::sys::getProcessTriple();
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(triple, err);
  if (!target) return nullptr;
  std::string cpu = "generic";
  llvm::SubtargetFeatures features;
  if (o.native) {
    cpu = llvm::sys::getHostCPUName().str();
    for (auto &f : llvm::sys::getHostCPUFeatures()) features.AddFeature(f.first(), f.second);
  } else if (llvm::Triple(triple).getArch() == llvm::Triple::x86_64) {
    cpu = "x86-64";
  }
  llvm::CodeGenOptLevel level = o.optLevel == 0   ? llvm::CodeGenOptLevel::None
                                : o.optLevel == 1 ? llvm::CodeGenOptLevel::Less
                                : o.optLevel == 2 ? llvm::CodeGenOptLevel::Default
                                                  : llvm::CodeGenOptLevel::Aggressive;
  llvm::TargetOptions options;
  std::unique_ptr<llvm::TargetMachine> tm(target->createTargetMachine(
      triple, cpu, features.getString(), options, llvm::Reloc::PIC_, std::nullopt, level));
  if (!tm) err = "cannot create a target machine for " + triple;
  return tm;
}

// int main(int argc, char **argv): the runtime runs the module as the JIT
// driver does, with the script's text embedded for tracebacks.
void addMain(llvm::Module &m, const std::string &filename, const std::string &source,
             const std::string &entryName) {
  llvm::LLVMContext &ctx = m.getContext();
  auto *i32 = llvm::Type::getInt32Ty(ctx);
  auto *i64 = llvm::Type::getInt64Ty(ctx);
  auto *ptr = llvm::PointerType::getUnqual(ctx);
  auto *voidTy = llvm::Type::getVoidTy(ctx);
  auto declare = [&](const char *name, llvm::Type *ret, std::vector<llvm::Type *> params) {
    return m.getOrInsertFunction(name, llvm::FunctionType::get(ret, params, false));
  };
  auto init = declare("td_runtime_init", ptr, {i32, ptr});
  auto reg = declare("td_register_source", voidTy, {ptr, ptr, i64});
  auto runMain = declare("td_run_main", i32, {ptr, ptr});
  auto fini = declare("td_runtime_fini", voidTy, {ptr});

  auto *mainFn = llvm::Function::Create(llvm::FunctionType::get(i32, {i32, ptr}, false),
                                        llvm::Function::ExternalLinkage, "main", m);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(ctx, "entry", mainFn));
  auto text = [&](const std::string &s, const char *name) {
    auto *init = llvm::ConstantDataArray::getString(ctx, s, true);
    return new llvm::GlobalVariable(m, init->getType(), true, llvm::GlobalValue::PrivateLinkage,
                                    init, name);
  };
  llvm::Value *ts = b.CreateCall(init, {mainFn->getArg(0), mainFn->getArg(1)});
  b.CreateCall(reg, {text(filename, "tide.filename"), text(source, "tide.source"),
                     llvm::ConstantInt::get(i64, int64_t(source.size()))});
  llvm::Function *entry = m.getFunction(entryName);
  llvm::Value *status = b.CreateCall(runMain, {ts, entry});
  b.CreateCall(fini, {ts});
  b.CreateRet(status);
}

bool emitFile(llvm::Module &m, llvm::TargetMachine &tm, const std::string &path,
              llvm::CodeGenFileType type, std::string &err) {
  std::error_code ec;
  llvm::raw_fd_ostream out(path, ec, llvm::sys::fs::OF_None);
  if (ec) {
    err = "cannot write '" + path + "': " + ec.message();
    return false;
  }
  llvm::legacy::PassManager pm;
  if (tm.addPassesToEmitFile(pm, out, nullptr, type)) {
    err = "this target cannot emit that kind of file";
    return false;
  }
  pm.run(m);
  out.flush();
  if (out.has_error()) {
    err = "cannot write '" + path + "': " + out.error().message();
    out.clear_error();
    return false;
  }
  return true;
}

// A temporary file name (created empty) in $TMPDIR, or "" with `err` set.
std::string tempFile(const char *suffix, std::string &err) {
  const char *tmpdir = std::getenv("TMPDIR");
  std::string name = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/tide-build-XXXXXX" + suffix;
  std::vector<char> buf(name.begin(), name.end());
  buf.push_back('\0');
  int fd = mkstemps(buf.data(), int(std::strlen(suffix)));
  if (fd < 0) {
    err = std::string("cannot create a temporary file: ") + std::strerror(errno);
    return "";
  }
  ::close(fd);
  return buf.data();
}

// Optimised machine code for `m`, as object files in `objects`.
// A large module is split into one partition per core and each partition is
// optimised and compiled on its own thread, in its own LLVMContext (read back
// from bitcode): optimisation and instruction selection are nearly all of a
// big script's build time, and they parallelise.  Splitting first loses
// little: the runtime helpers that must inline (incref/decref, marked
// alwaysinline) are inlined over the whole module before the split, and
// generated Python functions never inline into each other (their direct
// entries are noinline).  llvm::SplitModule turns internal symbols into
// hidden globals, which the linker joins again; it balances partitions by
// size.
bool emitObjects(llvm::Module &m, const BuildOptions &o, llvm::TargetMachine &tm,
                 std::vector<std::string> &objects, std::string &err) {
  unsigned cores = std::max(1u, std::min(std::thread::hardware_concurrency(), 8u));
  // TIDE_BUILD_JOBS=N overrides the number of partitions (1: no split).
  if (const char *jobs = std::getenv("TIDE_BUILD_JOBS"); jobs && std::atoi(jobs) > 0)
    cores = unsigned(std::atoi(jobs));
  // Below this size one thread is quicker than splitting and re-reading.
  constexpr unsigned kSplitInstructions = 20000;
  if (cores == 1 || m.getInstructionCount() < kSplitInstructions) {
    std::string path = tempFile(".o", err);
    if (path.empty()) return false;
    objects.push_back(path);
    optimizeModule(m, &tm, o.optLevel);
    return emitFile(m, tm, path, llvm::CodeGenFileType::ObjectFile, err);
  }
  {
    llvm::LoopAnalysisManager lam;
    llvm::FunctionAnalysisManager fam;
    llvm::CGSCCAnalysisManager cgam;
    llvm::ModuleAnalysisManager mam;
    llvm::PassBuilder pb(&tm);
    pb.registerModuleAnalyses(mam);
    pb.registerCGSCCAnalyses(cgam);
    pb.registerFunctionAnalyses(fam);
    pb.registerLoopAnalyses(lam);
    pb.crossRegisterProxies(lam, fam, cgam, mam);
    llvm::AlwaysInlinerPass().run(m, mam);
  }
  std::vector<llvm::SmallString<0>> parts;
  llvm::SplitModule(m, cores, [&](std::unique_ptr<llvm::Module> part) {
    llvm::SmallString<0> bitcode;
    llvm::raw_svector_ostream os(bitcode);
    llvm::WriteBitcodeToFile(*part, os);
    parts.push_back(std::move(bitcode));
  });
  for (size_t i = 0; i < parts.size(); i++) {
    std::string path = tempFile(".o", err);
    if (path.empty()) return false;
    objects.push_back(path);
  }
  std::vector<std::string> errors(parts.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < parts.size(); i++) {
    threads.emplace_back([&, i] {
      llvm::LLVMContext ctx;
      auto part = llvm::parseBitcodeFile(
          llvm::MemoryBufferRef(llvm::StringRef(parts[i].data(), parts[i].size()), "part"), ctx);
      if (!part) {
        errors[i] = llvm::toString(part.takeError());
        return;
      }
      auto partTm = targetMachine(o, errors[i]);
      if (!partTm) return;
      optimizeModule(**part, partTm.get(), o.optLevel);
      emitFile(**part, *partTm, objects[i], llvm::CodeGenFileType::ObjectFile, errors[i]);
    });
  }
  for (auto &t : threads) t.join();
  for (auto &e : errors)
    if (!e.empty()) {
      err = e;
      return false;
    }
  return true;
}

// A program found on PATH (or given with a slash), or "".
std::string findProgram(const std::string &name) {
  if (name.find('/') != std::string::npos) return access(name.c_str(), X_OK) == 0 ? name : "";
  const char *path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string dir = dirs.substr(start, end - start);
    std::string full = (dir.empty() ? "." : dir) + "/" + name;
    if (access(full.c_str(), X_OK) == 0) return full;
    start = end + 1;
  }
  return "";
}

// The C++ compiler driver that links: TIDE_LINKER, the compiler tide was
// built with, then the usual names.  It brings the C runtime start files and
// libstdc++ along, which a bare `ld` would need spelled out.
std::string findLinker() {
  if (const char *env = std::getenv("TIDE_LINKER"); env && *env) return findProgram(env);
  for (const char *c : {TIDE_CXX, "c++", "g++", "clang++"})
    if (std::string found = findProgram(c); !found.empty()) return found;
  return "";
}

std::vector<std::string> splitList(const std::string &s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find('|', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// libtide_runtime.a as CMake built it, or beside this tide binary when the
// build tree moved.
std::string runtimeLibrary() {
  if (access(TIDE_RUNTIME_LIB, R_OK) == 0) return TIDE_RUNTIME_LIB;
  char self[4096];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n > 0) {
    std::string dir(self, size_t(n));
    dir = dir.substr(0, dir.rfind('/'));
    std::string lib = dir + "/libtide_runtime.a";
    if (access(lib.c_str(), R_OK) == 0) return lib;
  }
  return "";
}

int runProgram(const std::vector<std::string> &args) {
  std::vector<char *> argv;
  for (auto &a : args) argv.push_back(const_cast<char *>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid;
  if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) return -1;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int link(const BuildOptions &o, const std::vector<std::string> &objects,
         const std::string &output) {
  std::string linker = findLinker();
  if (linker.empty())
    return failure("no linker found: tide links with the system's C++ compiler driver; "
                   "install one (Debian: apt install g++), or name one in TIDE_LINKER");
  std::string runtime = runtimeLibrary();
  if (runtime.empty())
    return failure(std::string("cannot find the runtime library libtide_runtime.a (looked at ") +
                   TIDE_RUNTIME_LIB + " and beside the tide binary)");
  std::vector<std::string> args = {linker, "-o", output};
  args.insert(args.end(), objects.begin(), objects.end());
  args.push_back(runtime);
  for (auto &lib : splitList(TIDE_LINK_LIBS)) args.push_back(lib);
  for (auto &flag : splitList(TIDE_LINK_FLAGS)) args.push_back(flag);
  // Not position-independent, and libstdc++ linked in: the loader then
  // resolves almost no symbols and applies almost no relocations, which
  // keeps a built hello world's start-up near C's (resolving libstdc++'s
  // symbols alone cost three times a C program's whole start-up).  The
  // executable depends only on libc and libm.
  // The fastest linker present: lld or gold link a program against the
  // runtime in half the time of the default ld.bfd.
  if (!findProgram("ld.lld").empty())
    args.push_back("-fuse-ld=lld");
  else if (!findProgram("ld.gold").empty())
    args.push_back("-fuse-ld=gold");
  if (o.staticLink) {
    args.push_back("-static");
  } else {
    args.insert(args.end(), {"-no-pie", "-static-libstdc++", "-static-libgcc"});
  }
  int status = runProgram(args);
  if (status != 0)
    return failure("linking failed: " + linker + " exited with status " + std::to_string(status));
  return 0;
}

int build(const BuildOptions &o) {
  StageTimer timer; // TIDE_TIMING=1
  std::string source;
  if (!readScript(o.script, source)) return 2;
  std::string output = o.output.empty() ? defaultOutput(o) : o.output;
  bool toStdout = output == "-" && (o.emit == "llvm" || o.emit == "asm");

  Diagnostics diag;
  Module mod;
  if (!frontEnd(source, o.script, diag, mod)) {
    printFirstError(diag, o.script, source);
    return 2;
  }
  timer.mark("front end");

  std::string err;
  // Can the output be written?  Found out before the work, and by creating
  // the temporary file the result will be renamed from.
  OutputFile out;
  if (!toStdout && !out.open(output, err)) return failure(err);

  auto tm = targetMachine(o, err);
  if (!tm) return failure(err);
  llvm::LLVMContext ctx;
  CodegenOptions cg;
  cg.source = source;
  cg.debugInfo = o.debug;
  std::unique_ptr<llvm::Module> m = generateModule(mod, ctx, cg, diag);
  if (!m || diag.hasErrors()) {
    printFirstError(diag, o.script, source);
    return 2;
  }
  addMain(*m, o.script, source, cg.entryName);
  timer.mark("codegen");
  if (!o.emit.empty()) optimizeModule(*m, tm.get(), o.optLevel);

  if (o.emit == "llvm") {
    if (toStdout) {
      m->print(llvm::outs(), nullptr);
      return 0;
    }
    std::error_code ec;
    llvm::raw_fd_ostream os(out.temp(), ec, llvm::sys::fs::OF_Text);
    if (ec) return failure("cannot write '" + output + "': " + ec.message());
    m->print(os, nullptr);
    os.close();
    if (os.has_error()) {
      os.clear_error();
      return failure("cannot write '" + output + "'");
    }
    return out.commit(false, err) ? 0 : failure(err);
  }
  if (o.emit == "asm" || o.emit == "obj") {
    auto type = o.emit == "asm" ? llvm::CodeGenFileType::AssemblyFile
                                : llvm::CodeGenFileType::ObjectFile;
    if (toStdout) return emitFile(*m, *tm, "-", type, err) ? 0 : failure(err);
    if (!emitFile(*m, *tm, out.temp(), type, err)) return failure(err);
    return out.commit(false, err) ? 0 : failure(err);
  }

  // An executable: the objects go to temporary files, the linker writes
  // the temporary output, and only then is it renamed into place.
  std::vector<std::string> objects;
  bool ok = emitObjects(*m, o, *tm, objects, err);
  timer.mark("objects");
  int status = ok ? link(o, objects, out.temp()) : failure(err);
  timer.mark("link");
  for (auto &object : objects) unlink(object.c_str());
  if (status != 0) return status;
  return out.commit(true, err) ? 0 : failure(err);
}

} // namespace

int runBuild(int argc, char **argv) {
  BuildOptions o;
  for (int i = 0; i < argc; i++) {
    std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      std::fputs(kBuildUsage, stdout);
      return 0;
    }
    if (a == "-o") {
      if (++i >= argc) return usage("-o needs a path");
      o.output = argv[i];
    } else if (a.size() == 3 && a[0] == '-' && a[1] == 'O' && a[2] >= '0' && a[2] <= '3') {
      o.optLevel = a[2] - '0';
    } else if (a == "-g") {
      o.debug = true;
    } else if (a == "--static") {
      o.staticLink = true;
    } else if (a == "-march=native") {
      o.native = true;
    } else if (a == "--emit" || a.rfind("--emit=", 0) == 0) {
      if (a == "--emit") {
        if (++i >= argc) return usage("--emit needs an argument: obj, llvm or asm");
        o.emit = argv[i];
      } else {
        o.emit = a.substr(7);
      }
      if (o.emit != "obj" && o.emit != "llvm" && o.emit != "asm")
        return usage("--emit takes obj, llvm or asm, not '" + o.emit + "'");
    } else if (a == "--target" || a.rfind("--target=", 0) == 0) {
      return usage("--target is not supported yet: tide builds for the machine it runs on");
    } else if (a.size() > 1 && a[0] == '-') {
      return usage("unknown option " + a);
    } else if (o.script.empty()) {
      o.script = a;
    } else {
      return usage("one script at a time (got '" + o.script + "' and '" + a + "')");
    }
  }
  if (o.script.empty()) return usage("no script given");
  if (o.staticLink && !o.emit.empty()) return usage("--static only applies to executables");
  if (o.staticLink && std::strstr(TIDE_LINK_FLAGS, "-fsanitize"))
    return usage("--static is not possible: this tide was built with sanitizers, whose "
                 "runtime libraries are shared");
  return build(o);
}

} // namespace tide
