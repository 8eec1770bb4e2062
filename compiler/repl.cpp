// repl.cpp — the REPL's console half: line editing, when an input is
// complete, compiling each input into the session's JIT (design of the
// whole in docs/architecture.md, "The REPL"; the event-loop half is
// runtime/src/repl.cpp behind td_repl_run).
//
// Glossary
//   input     what runs at once: one line, or the lines of a block up to the
//             empty line that ends it.  Each is compiled into its own LLVM
//             module with its own entry (`__tide_input_N`), added to one ORC
//             session that lives as long as the REPL.
//   session   the JIT and the session globals: one 8-byte slot per module
//             global name (0 = unbound), defined in the JIT as an absolute
//             symbol `g.<name>` before the first input that mentions the
//             name is linked (codegen/interactive.cpp).
//
// When is an input complete?  CPython's codeop, restated for our front end:
// it is complete when it parses; it needs more when the lexer stopped at the
// end inside a bracket, a triple-quoted string or after a backslash, or the
// parser stopped at the end (after a `:`, a decorator, `try:`'s body...).
// A compound statement always waits for the empty line that ends its block
// (so `if x: y` prompts `... ` too); an empty line ends any block, and then
// an error is an error.  Unlike CPython, several statements pasted at once
// are accepted as one input.
//
// Line editing is GNU readline (Debian's libreadline-dev): the library
// python3 itself uses on Debian, so key bindings, ~/.inputrc and the
// history file behave as python users expect, and its callback interface
// (rl_callback_read_char) lets the console wait on stdin and on a Ctrl-C
// pipe at once.  Rejected: libedit (BSD-licensed, where readline is GPL),
// whose readline emulation differs where users notice (~/.editrc, a history
// file with a header and escaped spaces) and lacks rl_callback_sigcleanup.
// Readline is linked into the `tide` driver only; executables from `tide
// build` never see it.
//
// Threads: all of this runs on the console thread (td_repl_run calls
// Console::read there, without the GIL), except Console::interrupt, which
// the loop calls on the main thread and which only writes to a pipe.
#include "repl.h"

#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <readline/history.h>
#include <readline/readline.h>
#include <unistd.h>

#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <unordered_map>

#include "codegen/codegen.h"
#include "diag.h"
#include "jit.h"
#include "lexer.h"
#include "parser.h"
#include "pipeline.h"
#include "scope.h"
#include "tide/abi.h"

namespace tide {
namespace {

constexpr const char *kPrompt = ">>> ";
constexpr const char *kMore = "... ";
constexpr int kHistoryLines = 1000;

bool isBlank(const std::string &line) {
  return line.find_first_not_of(" \t\f\r") == std::string::npos;
}

bool isBlankOrComment(const std::string &line) {
  size_t i = line.find_first_not_of(" \t\f\r");
  return i == std::string::npos || line[i] == '#';
}

bool isCompound(const Stmt &s) {
  switch (s.kind) {
  case StmtKind::FunctionDef:
  case StmtKind::ClassDef:
  case StmtKind::For:
  case StmtKind::While:
  case StmtKind::If:
  case StmtKind::With:
  case StmtKind::Try:
    return true;
  default:
    return false;
  }
}

// A lexer error that only means "the text stops too early".
bool endedInside(const Diagnostic &d) {
  const std::string &m = d.message;
  auto ends = [&](const char *tail) {
    size_t n = std::strlen(tail);
    return m.size() >= n && m.compare(m.size() - n, n, tail) == 0;
  };
  return ends("was never closed") || m.rfind("unterminated triple-quoted string", 0) == 0 ||
         m == "unexpected EOF while parsing";
}

enum class Verdict { Complete, NeedMore };

Verdict judge(const std::vector<std::string> &lines) {
  std::string source;
  for (auto &l : lines) source += l + "\n";
  bool blockEnded = lines.size() > 1 && isBlank(lines.back());
  Diagnostics diag;
  std::vector<Token> tokens = tokenize(source, diag);
  if (diag.hasErrors()) {
    // parseSource decides, as for a script, whether the lexer's error or an
    // earlier parser error is the one to show.
    Diagnostics full;
    parseSource(source, "<stdin>", full);
    if (full.hasErrors() && endedInside(full.errors().front())) return Verdict::NeedMore;
    return Verdict::Complete;
  }
  Module mod = parseModule(tokens, source, "<stdin>", diag);
  if (blockEnded) return Verdict::Complete;
  if (diag.hasErrors()) {
    // Where the text ends: the trailing DEDENTs and ENDMARKER.
    size_t i = tokens.size();
    auto layout = [](const Token &t) { return t.kind == Tok::EndMarker || t.kind == Tok::Dedent; };
    while (i > 0 && layout(tokens[i - 1])) i--;
    if (i == tokens.size()) return Verdict::Complete;
    const Span &end = tokens[i].span, &at = diag.errors().front().span;
    bool atEnd = at.line > end.line || (at.line == end.line && at.col >= end.col);
    return atEnd ? Verdict::NeedMore : Verdict::Complete;
  }
  if (!mod.body.empty() && isCompound(*mod.body.back())) return Verdict::NeedMore;
  return Verdict::Complete;
}

class Console;
// readline's line handler takes no context argument: the console that is
// reading (there is one per process; readline's own state is global too).
Console *gReading = nullptr;

class Console {
public:
  Console(std::unique_ptr<Jit> jit, int optLevel) : jit_(std::move(jit)), optLevel_(optLevel) {
    if (pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) wake_[0] = wake_[1] = -1;
    const char *h = std::getenv("TIDE_HISTORY");
    if (h) {
      history_ = h; // empty: no history file
    } else if (const char *home = std::getenv("HOME")) {
      history_ = std::string(home) + "/.tide_history";
    }
  }
  ~Console() {
    for (int fd : wake_)
      if (fd >= 0) close(fd);
  }

  // The console thread: the next input to run, or {nullptr} at the end.
  TdReplInput read() {
    if (!started_) start();
    drainWakeups(); // a Ctrl-C that came while the last input ran is spent
    for (;;) {
      std::vector<std::string> lines;
      const char *prompt = kPrompt;
      bool complete = false;
      while (!complete) {
        std::string line;
        switch (readLine(prompt, line)) {
        case Read::Interrupted:
          std::fputs("\nKeyboardInterrupt\n", stderr);
          lines.clear();
          prompt = kPrompt;
          continue;
        case Read::Eof:
          std::fputs("\n", stdout);
          std::fflush(stdout);
          if (lines.empty()) return TdReplInput{nullptr, 0};
          complete = true; // Ctrl-D after `... ` runs what was typed
          continue;
        case Read::Line:
          break;
        }
        remember(line);
        if (lines.empty() && isBlankOrComment(line)) continue; // nothing to run
        lines.push_back(line);
        complete = judge(lines) == Verdict::Complete;
        prompt = kMore;
      }
      std::string source;
      for (auto &l : lines) source += l + "\n";
      TdReplInput in = compile(source);
      if (in.entry) return in;
    }
  }

  // The main thread (the loop saw SIGINT while no input ran): drop the line
  // being typed.  Only a write: the console thread does the rest.
  void interrupt() {
    if (wake_[1] >= 0) {
      ssize_t n = write(wake_[1], "!", 1);
      (void)n;
    }
  }

  void onLine(char *line) {
    rl_callback_handler_remove();
    lineReady_ = true;
    eof_ = line == nullptr;
    if (line) {
      text_ = line;
      std::free(line);
    }
  }

private:
  enum class Read { Line, Eof, Interrupted };

  void start() {
    started_ = true;
    // The main thread owns signals (signals.h): readline must not install
    // handlers of its own on this thread.
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_readline_name = "tide"; // `$if tide` in ~/.inputrc
    rl_instream = stdin;
    rl_outstream = stdout;
    rl_bind_key('\t', rl_insert); // Tab indents (no completion yet)
    using_history();
    stifle_history(kHistoryLines);
    if (!history_.empty()) {
      read_history(history_.c_str());
      history_truncate_file(history_.c_str(), kHistoryLines);
    }
  }

  // Each line typed goes to the history at once (a crash loses nothing).
  void remember(const std::string &line) {
    if (isBlank(line)) return;
    add_history(line.c_str());
    if (history_.empty()) return;
    if (append_history(1, history_.c_str()) != 0) {
      // No file yet: write_history creates it with everything so far.
      write_history(history_.c_str());
    }
  }

  void drainWakeups() {
    char buf[64];
    while (wake_[0] >= 0 && ::read(wake_[0], buf, sizeof buf) > 0) {
    }
  }

  Read readLine(const char *prompt, std::string &out) {
    gReading = this;
    lineReady_ = false;
    rl_reset_screen_size(); // the terminal may have been resized meanwhile
    rl_callback_handler_install(prompt, [](char *line) { gReading->onLine(line); });
    for (;;) {
      struct pollfd fds[2] = {{0, POLLIN, 0}, {wake_[0], POLLIN, 0}};
      int r = poll(fds, wake_[0] >= 0 ? 2 : 1, -1);
      if (r < 0) {
        if (errno == EINTR) continue;
        rl_callback_handler_remove();
        return Read::Eof;
      }
      if (wake_[0] >= 0 && (fds[1].revents & POLLIN)) {
        drainWakeups();
        // Ctrl-C: forget the line and put the terminal back.
        rl_free_line_state();
        rl_callback_sigcleanup();
        rl_replace_line("", 0);
        rl_point = rl_end = rl_mark = 0;
        rl_callback_handler_remove();
        return Read::Interrupted;
      }
      if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
        rl_callback_read_char();
        if (lineReady_) {
          if (eof_) return Read::Eof;
          out = std::move(text_);
          return Read::Line;
        }
      }
    }
  }

  // Front end, codegen, JIT.  Errors are printed here; {nullptr} then.
  TdReplInput compile(const std::string &source) {
    StageTimer timer;
    const std::string filename = "<stdin>";
    Diagnostics diag;
    auto fail = [&]() {
      printFirstError(diag, filename, source);
      return TdReplInput{nullptr, 0};
    };
    ResolveOptions ro;
    ro.allowTopLevelAwait = true;
    Module mod;
    if (!frontEnd(source, filename, diag, mod, ro)) return fail();
    timer.mark("parse");

    llvm::LLVMContext ctx;
    CodegenOptions cg;
    cg.entryName = "__tide_input_" + std::to_string(++inputs_);
    cg.source = source;
    cg.interactive = true;
    std::unique_ptr<llvm::Module> m = generateModule(mod, ctx, cg, diag);
    if (!m || diag.hasErrors()) return fail();
    timer.mark("codegen");
    optimizeModule(*m, &jit_->targetMachine(), optLevel_);
    timer.mark("optimize");

    // New global names get their session slots before the input links.
    std::vector<std::pair<std::string, void *>> fresh;
    for (llvm::GlobalVariable &g : m->globals()) {
      if (!g.isDeclaration() || !g.getName().starts_with("g.")) continue;
      std::string name = g.getName().str();
      if (slots_.count(name)) continue;
      store_.push_back(0);
      slots_[name] = &store_.back();
      fresh.emplace_back(name, &store_.back());
    }
    auto internal = [&](llvm::Error err) {
      std::fflush(stdout);
      std::fprintf(stderr, "tide: %s\n", llvm::toString(std::move(err)).c_str());
      return TdReplInput{nullptr, 0};
    };
    if (!fresh.empty())
      if (auto err = jit_->defineAbsolute(fresh)) return internal(std::move(err));
    auto object = jit_->compile(*m);
    if (!object) return internal(object.takeError());
    if (auto err = jit_->addObject(std::move(*object))) return internal(std::move(err));
    auto entry = jit_->lookup(cg.entryName);
    if (!entry) return internal(entry.takeError());
    timer.mark("machine");
    return TdReplInput{reinterpret_cast<TdModuleFn>(*entry), mod.scope->hasAwait ? 1 : 0};
  }

  std::unique_ptr<Jit> jit_; // warm for the whole session
  int optLevel_;
  int inputs_ = 0;
  std::unordered_map<std::string, TdValue *> slots_; // "g.<name>" → its slot
  std::deque<TdValue> store_;                         // the slots (addresses never move)
  std::string history_;
  int wake_[2] = {-1, -1}; // Ctrl-C at the prompt: the main thread writes here
  bool started_ = false;
  // The line handler's result.
  bool lineReady_ = false, eof_ = false;
  std::string text_;
};

} // namespace

int runRepl(int optLevel, const std::vector<std::string> &args, bool quiet) {
  auto jit = Jit::create();
  if (!jit) {
    std::fprintf(stderr, "tide: cannot start the JIT: %s\n",
                 llvm::toString(jit.takeError()).c_str());
    return 2;
  }
  // readline needs the terminal's character set to edit UTF-8 text: the
  // user's locale, else C.UTF-8 (python3 coerces the C locale the same way,
  // PEP 538).  Only LC_CTYPE: numbers keep printing with '.'.
  const char *cs = std::setlocale(LC_CTYPE, "");
  if (!cs || !std::strstr(nl_langinfo(CODESET), "UTF-8")) std::setlocale(LC_CTYPE, "C.UTF-8");
  std::vector<const char *> argv = {""}; // python3's sys.argv[0] in its REPL
  for (auto &a : args) argv.push_back(a.c_str());
  TdThread *ts = td_runtime_init(int(argv.size()), argv.data());
  if (!ts) return 1;
  if (!quiet)
    std::fprintf(stderr, "tide %s (asyncio REPL: use \"await\" directly; Ctrl-D exits)\n",
                 TIDE_VERSION);
  Console console(std::move(*jit), optLevel);
  TdReplConsole hooks;
  hooks.ctx = &console;
  hooks.read = [](void *c) { return static_cast<Console *>(c)->read(); };
  hooks.interrupt = [](void *c) { static_cast<Console *>(c)->interrupt(); };
  int status = td_repl_run(ts, &hooks);
  td_runtime_fini(ts);
  return status;
}

} // namespace tide
