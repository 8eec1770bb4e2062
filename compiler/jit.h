// jit.h — the ORC LLJIT that runs generated modules in this process.
//
// Shape after LLVM's Kaleidoscope JIT (create / addModule / lookup) without
// its global state: a Jit object belongs to whoever created it (the driver
// for a script, the REPL for a session, a test).  The runtime's entry points
// are bound by name from the ABI tables in tide/abi.h (absolute symbols), so
// the tide binary need not export its symbols dynamically.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/Target/TargetMachine.h"

namespace tide {

class Jit {
public:
  static llvm::Expected<std::unique_ptr<Jit>> create();

  // The target machine codegen and the optimizer should use for modules
  // destined for this JIT (host CPU, host data layout).
  llvm::TargetMachine &targetMachine() { return *tm_; }
  const llvm::DataLayout &dataLayout() const { return jit_->getDataLayout(); }

  llvm::Error addModule(llvm::orc::ThreadSafeModule m);
  // Machine code for an optimised module, as an object file in memory.
  llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> compile(llvm::Module &m);
  llvm::Error addObject(std::unique_ptr<llvm::MemoryBuffer> object);
  llvm::Expected<void *> lookup(llvm::StringRef name);
  // Binds data symbols to fixed addresses (the REPL's session globals,
  // name → slot); a name already defined is an error.
  llvm::Error defineAbsolute(const std::vector<std::pair<std::string, void *>> &symbols);

private:
  std::unique_ptr<llvm::orc::LLJIT> jit_;
  std::unique_ptr<llvm::TargetMachine> tm_;
};

// Initializes LLVM's native target once per process (idempotent).
void initializeNativeTarget();

} // namespace tide
