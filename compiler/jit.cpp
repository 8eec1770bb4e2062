// jit.cpp — see jit.h.
#include "jit.h"

#include <mutex>

#include "llvm/ExecutionEngine/Orc/CompileUtils.h"
#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "tide/abi.h"

namespace tide {

void initializeNativeTarget() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
}

llvm::Expected<std::unique_ptr<Jit>> Jit::create() {
  initializeNativeTarget();
  auto jtmb = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!jtmb) return jtmb.takeError();
  jtmb->setCodeGenOptLevel(llvm::CodeGenOptLevel::Default);
  auto tm = jtmb->createTargetMachine();
  if (!tm) return tm.takeError();

  auto jit = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(*jtmb).create();
  if (!jit) return jit.takeError();

  auto self = std::unique_ptr<Jit>(new Jit());
  self->jit_ = std::move(*jit);
  self->tm_ = std::move(*tm);

  // Bind every runtime entry point and datum by name.
  llvm::orc::SymbolMap symbols;
  size_t count = 0;
  const TdAbiSymbol *table = td_abi_symbols(&count);
  for (size_t i = 0; i < count; i++) {
    symbols[self->jit_->mangleAndIntern(table[i].name)] = {
        llvm::orc::ExecutorAddr::fromPtr(table[i].address), llvm::JITSymbolFlags::Exported};
  }
  auto &jd = self->jit_->getMainJITDylib();
  if (auto err = jd.define(llvm::orc::absoluteSymbols(std::move(symbols))))
    return err;
  // memcpy/memset and friends that LLVM may emit on its own.
  auto gen = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(
      self->jit_->getDataLayout().getGlobalPrefix());
  if (!gen) return gen.takeError();
  jd.addGenerator(std::move(*gen));
  return self;
}

llvm::Error Jit::addModule(llvm::orc::ThreadSafeModule m) {
  return jit_->addIRModule(std::move(m));
}

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> Jit::compile(llvm::Module &m) {
  llvm::orc::SimpleCompiler compiler(*tm_);
  return compiler(m);
}

llvm::Error Jit::addObject(std::unique_ptr<llvm::MemoryBuffer> object) {
  return jit_->addObjectFile(std::move(object));
}

llvm::Error Jit::defineAbsolute(const std::vector<std::pair<std::string, void *>> &symbols) {
  llvm::orc::SymbolMap map;
  for (auto &[name, address] : symbols)
    map[jit_->mangleAndIntern(name)] = {llvm::orc::ExecutorAddr::fromPtr(address),
                                        llvm::JITSymbolFlags::Exported};
  return jit_->getMainJITDylib().define(llvm::orc::absoluteSymbols(std::move(map)));
}

llvm::Expected<void *> Jit::lookup(llvm::StringRef name) {
  auto sym = jit_->lookup(name);
  if (!sym) return sym.takeError();
  return sym->toPtr<void *>();
}

} // namespace tide
