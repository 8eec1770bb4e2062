#!/usr/bin/env python3
"""run_scripts.py — the one script-test runner.

Every file under tests/language/**/*.py, tests/builtins/**/*.py,
tests/errors/**/*.py and tests/async/**/*.py (the default roots) is a test;
nobody registers one by hand.
A test is a small Python program whose expected behaviour is written inline as
comments.  The runner runs it under tide and under python3 (the oracle) and
checks both against the expectations, so an expectation that disagrees with
CPython is caught as a bug in the test, and a tide that disagrees with the
expectation is caught as a bug in tide.

Directives (a comment anywhere on a line; several may appear in one file):

    # expect: TEXT            the next line of stdout is exactly TEXT (the one
                              space after the colon is not part of TEXT)
    # expect error: MESSAGE   a compile-time error on THIS line.  tide must exit
                              2 and print `FILE:LINE:[COL:] ...Error: MESSAGE`;
                              python3 must exit 1 with a SyntaxError (or its
                              subclasses IndentationError / TabError) whose last
                              line is `...Error: MESSAGE` and which names this
                              line.  MESSAGE may begin with the class name
                              (`IndentationError: unexpected indent`) to pin it.
    # expect runtime error: ValueError: msg
                              the program exits 1 and the last line of stderr is
                              exactly that text.  When the comment trails code,
                              the innermost `File "...", line N` of the
                              traceback must name this line too.
    # expect stderr: TEXT     stderr has a line containing TEXT; several such
                              directives must match lines in order.
    # args: a b               command-line arguments (shell-quoted, shlex)
    # stdin: TEXT             a line fed to stdin (several lines accumulate)
    # exit: N                 the expected exit status (default 0, or 1 after a
                              runtime error, or 2/1 after a compile error)
    # python: skip REASON     do not run under python3: a deliberate difference.
                              REASON's first word must appear in
                              docs/differences.md, or the test fails.
    # tide: skip REASON       not supported by tide yet; reported as skipped.

Expected-stdout file: when `X.out` lies beside `X.py`, stdout must equal that
file's content instead (for long outputs such as the programs in examples/).
A test may not have both an `.out` file and `# expect:` lines: that is
ambiguous and fails as a bad test.

Comparison: stdout must equal the `# expect:` lines joined with newlines, or
the `.out` file's content (a single trailing newline is ignored in either); stderr must be empty unless the test
expects an error or stderr text.  A process killed by a signal, or one that
exits with a status >= 128, is a crash and always a failure.

Approximate numbers: in `# expect:` lines and `.out` files the token `{~N}` (N
a number, e.g. `Took {~2.00} seconds`) matches any number (`-`, digits, an
optional fraction) within 15% of N plus 0.05 either way, so that a program
printing an elapsed wall time still has a checkable output.  The rest of such
a line must match exactly; a line without the token is compared exactly.

Each script runs with cwd = its own directory and argv[1] = its bare file name,
so file names in tracebacks and diagnostics are stable (`File "f.py", line 3`;
CPython prints the absolute path there, which the runner shortens to the name).

Modes: default runs tide and python3; --no-python / --tide-only skip python3;
--check-python-only validates the expectations against python3 alone (useful
before tide exists); --robust also runs tests/run_robust.py's cases.

--build: every test also runs as a `tide build` executable.  The runner
builds the script (cwd = its directory, so tracebacks name the same file),
runs the executable with the same arguments, stdin and argv[0], and requires
what the JIT run showed: the same expectations met, the same exit status,
and the same stdout and stderr (hex addresses aside; stdout with `{~N}`
numbers is checked against the expectations only).  A test that expects a
compile error must fail to build with exit 2, the JIT's message, and no
output file.

The last line printed is exactly `N passed, M failed` (`, K skipped` when
K > 0); the exit status is non-zero on any failure.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import difflib
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

TIMEOUT_S = 20
ROOT = Path(__file__).resolve().parent.parent
DIFFERENCES_MD = ROOT / "docs" / "differences.md"

# Longer directive names first so that `expect` does not swallow the others.
DIRECTIVE_RE = re.compile(
    r"#\s*(expect runtime error|expect error|expect stderr|expect|args|stdin|exit|python|tide)"
    r":(.*)$")
COMPILE_ERROR_KINDS = ("SyntaxError", "IndentationError", "TabError")
TRACE_FILE_RE = re.compile(r'^\s*File "[^"]*", line (\d+)')
# `{~N}` in an expected stdout line: a number within APPROX_REL * N + APPROX_ABS.
APPROX_RE = re.compile(r"\{~(-?\d+(?:\.\d+)?)\}")
APPROX_NUMBER = r"(-?\d+(?:\.\d+)?)"
APPROX_REL, APPROX_ABS = 0.15, 0.05
DEFAULT_ROOTS = [ROOT / "tests" / d for d in ("language", "builtins", "errors", "async")]


class SpecError(Exception):
    """A malformed test file (a bug in the test, reported as a failure)."""


@dataclasses.dataclass
class Spec:
    path: Path
    stdout: list[str] = dataclasses.field(default_factory=list)
    compile_error: tuple[int, str] | None = None  # (line, message)
    runtime_error: tuple[int | None, str] | None = None  # (line or None, text)
    stderr: list[str] = dataclasses.field(default_factory=list)
    args: list[str] = dataclasses.field(default_factory=list)
    stdin: str | None = None
    exit: int | None = None
    python_skip: str | None = None
    tide_skip: str | None = None

    def expected_exit(self, interpreter: str) -> int:
        if self.exit is not None:
            return self.exit
        if self.compile_error:
            # DESIGN.md: tide exits 2 on a syntax error; CPython exits 1 when
            # the main script fails to compile (docs/differences.md).
            return 2 if interpreter == "tide" else 1
        if self.runtime_error:
            return 1
        return 0


def strip_one_space(value: str) -> str:
    return value[1:] if value.startswith(" ") else value


def parse_spec(path: Path) -> Spec:
    spec = Spec(path)
    text = path.read_bytes().decode("utf-8", errors="replace")
    for lineno, line in enumerate(text.split("\n"), start=1):
        m = DIRECTIVE_RE.search(line)
        if not m:
            continue
        kind, value = m.group(1), strip_one_space(m.group(2).rstrip("\r"))
        trails_code = line[:m.start()].strip() != ""
        if kind == "expect":
            spec.stdout.append(value)
        elif kind == "expect error":
            if spec.compile_error:
                raise SpecError(f"line {lineno}: only one `expect error` per file")
            spec.compile_error = (lineno, value.strip())
        elif kind == "expect runtime error":
            if spec.runtime_error:
                raise SpecError(f"line {lineno}: only one `expect runtime error` per file")
            spec.runtime_error = (lineno if trails_code else None, value.strip())
        elif kind == "expect stderr":
            spec.stderr.append(value.rstrip())
        elif kind == "args":
            spec.args = shlex.split(value)
        elif kind == "stdin":
            spec.stdin = (spec.stdin or "") + value + "\n"
        elif kind == "exit":
            try:
                spec.exit = int(value.strip())
            except ValueError:
                raise SpecError(f"line {lineno}: `exit:` needs an integer") from None
        elif kind in ("python", "tide"):
            words = value.strip().split(None, 1)
            if not words or words[0] != "skip":
                raise SpecError(f"line {lineno}: expected `# {kind}: skip REASON`")
            reason = words[1] if len(words) > 1 else ""
            if not reason:
                raise SpecError(f"line {lineno}: `{kind}: skip` needs a reason")
            if kind == "python":
                spec.python_skip = reason
            else:
                spec.tide_skip = reason
    if spec.compile_error and spec.runtime_error:
        raise SpecError("a test expects either a compile error or a runtime error, not both")
    out_file = path.with_suffix(".out")
    if out_file.is_file():
        if spec.stdout:
            raise SpecError(f"both {out_file.name} and `# expect:` lines give the expected "
                            f"stdout; keep one")
        out = out_file.read_bytes().decode("utf-8", errors="replace")
        out = out[:-1] if out.endswith("\n") else out
        spec.stdout = out.split("\n")
    return spec


def check_python_skip_reason(reason: str) -> str | None:
    """A `python: skip` must name a difference documented in differences.md."""
    keyword = re.sub(r"[^\w-]", "", reason.split()[0])
    try:
        doc = DIFFERENCES_MD.read_text(encoding="utf-8")
    except OSError:
        return f"`python: skip {reason}` but {DIFFERENCES_MD} is missing"
    if not re.search(r"(?<![\w-])" + re.escape(keyword) + r"(?![\w-])", doc, re.IGNORECASE):
        return (f"`python: skip` reason keyword {keyword!r} is not mentioned in "
                f"docs/differences.md")
    return None


@dataclasses.dataclass
class Run:
    rc: int | None
    stdout: str
    stderr: str
    timed_out: bool = False
    launch_error: str | None = None


def python_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run_process(argv: list[str], cwd: Path, stdin: str | None, env=None,
                timeout: float = TIMEOUT_S, executable: str | None = None) -> Run:
    try:
        p = subprocess.run(argv, cwd=cwd, input=(stdin or "").encode(), capture_output=True,
                           timeout=timeout, env=env, executable=executable)
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode("utf-8", "replace")
        err = (e.stderr or b"").decode("utf-8", "replace")
        return Run(None, out, err, timed_out=True)
    except OSError as e:
        return Run(None, "", "", launch_error=str(e))
    return Run(p.returncode, p.stdout.decode("utf-8", "replace"),
               p.stderr.decode("utf-8", "replace"))


def line_matches(expected: str, actual: str) -> bool:
    """One expected stdout line against the actual one, honouring `{~N}`."""
    parts = APPROX_RE.split(expected)  # literal, N, literal, N, ..., literal
    if len(parts) == 1:
        return expected == actual
    pattern = "".join(re.escape(p) if i % 2 == 0 else APPROX_NUMBER
                      for i, p in enumerate(parts))
    m = re.fullmatch(pattern, actual)
    if not m:
        return False
    for want, got in zip(parts[1::2], m.groups()):
        if abs(float(got) - float(want)) > abs(float(want)) * APPROX_REL + APPROX_ABS:
            return False
    return True


def stdout_matches(expected: str, actual: str) -> bool:
    if expected == actual:
        return True
    if "{~" not in expected:
        return False
    want, got = expected.split("\n"), actual.split("\n")
    return len(want) == len(got) and all(line_matches(w, a) for w, a in zip(want, got))


def tail(text: str, n: int = 15) -> str:
    lines = text.rstrip("\n").split("\n")
    return "\n".join(("      | " + l) for l in lines[-n:]) if text else "      | (empty)"


def diff(expected: str, actual: str, label: str) -> str:
    d = difflib.unified_diff(expected.split("\n"), actual.split("\n"),
                             f"expected {label}", f"actual {label}", lineterm="")
    return "\n".join("      " + l for l in d)


def check_run(spec: Spec, run: Run, interpreter: str) -> list[str]:
    """Returns the problems with one run (empty when it matches the spec)."""
    # CPython (3.9+) names the main script by its absolute path in tracebacks;
    # tide names it as given on the command line (docs/differences.md).  Both
    # read the same once the absolute path is shortened to the bare name.
    run.stderr = run.stderr.replace(f'"{spec.path}"', f'"{spec.path.name}"')
    if run.launch_error:
        return [f"could not start: {run.launch_error}"]
    if run.timed_out:
        return [f"timed out\n{tail(run.stderr)}"]
    if run.rc < 0 or run.rc >= 128:
        return [f"CRASHED with exit status {run.rc}\n{tail(run.stderr)}"]
    problems = []
    fname = spec.path.name
    expected_out = "\n".join(spec.stdout)
    actual_out = run.stdout[:-1] if run.stdout.endswith("\n") else run.stdout
    if not stdout_matches(expected_out, actual_out):
        problems.append("stdout differs\n" + diff(expected_out, actual_out, "stdout"))
    want_rc = spec.expected_exit(interpreter)
    if run.rc != want_rc:
        problems.append(f"exit status {run.rc}, expected {want_rc}\n{tail(run.stderr)}")
    err_lines = run.stderr.rstrip("\n").split("\n") if run.stderr else []

    if spec.compile_error:
        line, msg = spec.compile_error
        kinds = COMPILE_ERROR_KINDS
        m = re.match(r"(\w+Error): (.*)$", msg)
        if m:
            kinds, msg = (m.group(1),), m.group(2)
        if interpreter == "tide":
            # DESIGN.md: `file.py:3:9: SyntaxError: invalid syntax`.
            ok = any(l.startswith(f"{fname}:{line}:") and
                     any(f"{k}: {msg}" in l for k in kinds) for l in err_lines)
            if not ok:
                problems.append(f"stderr lacks `{fname}:{line}:...{kinds[0]}: {msg}`\n"
                                f"{tail(run.stderr)}")
        else:
            last = err_lines[-1] if err_lines else ""
            named_line = f'File "{fname}", line {line}' in run.stderr
            if last not in [f"{k}: {msg}" for k in kinds] or not named_line:
                problems.append(f"expected {kinds[0]}: {msg} on line {line}\n"
                                f"{tail(run.stderr)}")
    elif spec.runtime_error:
        line, text = spec.runtime_error
        last = err_lines[-1] if err_lines else ""
        if last != text:
            problems.append(f"last line of stderr is not `{text}`\n{tail(run.stderr)}")
        if line is not None:
            frames = [int(m.group(1)) for l in err_lines if (m := TRACE_FILE_RE.match(l))]
            if not frames or frames[-1] != line:
                got = frames[-1] if frames else "none"
                problems.append(f"innermost traceback line is {got}, expected {line}\n"
                                f"{tail(run.stderr)}")
    elif not spec.stderr and run.stderr and spec.exit is None:
        problems.append(f"unexpected stderr\n{tail(run.stderr)}")

    # `expect stderr` lines must appear in order, each inside one stderr line.
    i = 0
    for want in spec.stderr:
        while i < len(err_lines) and want not in err_lines[i]:
            i += 1
        if i == len(err_lines):
            problems.append(f"stderr lacks (in order) a line containing {want!r}\n"
                            f"{tail(run.stderr, 40)}")
            break
        i += 1
    return problems


HEX_RE = re.compile(r"0x[0-9a-fA-F]+")


def check_build(spec: Spec, path: Path, opts, jit: Run) -> list[str]:
    """Builds the test with `tide build` and checks the executable against
    the spec and against the JIT's run `jit` (see --build in the docstring)."""
    cwd, name = path.parent, path.name
    with tempfile.TemporaryDirectory(prefix="tide-build-test-") as tmp:
        exe = Path(tmp) / "app"
        b = run_process([opts.tide, "build", name, "-o", str(exe)], cwd, None,
                        timeout=opts.timeout)
        if spec.compile_error:
            problems = []
            if b.rc != 2:
                problems.append(f"tide build exited {b.rc}, expected 2 (a compile error)")
            if b.stderr != jit.stderr:
                problems.append("tide build's error differs from the JIT's\n" +
                                diff(jit.stderr, b.stderr, "stderr"))
            if exe.exists():
                problems.append("tide build left an output file after a compile error")
            return problems
        if b.launch_error or b.timed_out or b.rc != 0:
            return [f"tide build failed (exit {b.rc})\n{tail(b.stderr)}"]
        # argv[0] as the JIT run had it, so sys.argv reads the same.
        r = run_process([name, *spec.args], cwd, spec.stdin, timeout=opts.timeout,
                        executable=str(exe))
        problems = check_run(spec, r, "tide")
        if problems or jit.rc is None:
            return problems
        if r.rc != jit.rc:
            problems.append(f"exit status {r.rc}, the JIT's was {jit.rc}")
        approx = "{~" in "\n".join(spec.stdout)
        if not approx and HEX_RE.sub("0x?", r.stdout) != HEX_RE.sub("0x?", jit.stdout):
            problems.append("stdout differs from the JIT's\n" +
                            diff(jit.stdout, r.stdout, "stdout"))
        if not approx and HEX_RE.sub("0x?", r.stderr) != HEX_RE.sub("0x?", jit.stderr):
            problems.append("stderr differs from the JIT's\n" +
                            diff(jit.stderr, r.stderr, "stderr"))
        return problems


@dataclasses.dataclass
class Outcome:
    path: Path
    status: str  # "pass", "fail", "skip"
    messages: list[str]


def run_test(path: Path, opts) -> Outcome:
    try:
        spec = parse_spec(path)
    except (SpecError, OSError) as e:
        return Outcome(path, "fail", [f"bad test: {e}"])
    messages: list[str] = []
    skipped = False
    cwd, name = path.parent, path.name

    if opts.python:
        if spec.python_skip:
            bad = check_python_skip_reason(spec.python_skip)
            if bad:
                messages.append(f"[python3] {bad}")
            elif opts.tide is None:
                skipped = True
        else:
            r = run_process([opts.python, name, *spec.args], cwd, spec.stdin, python_env())
            messages += [f"[python3] {p}" for p in check_run(spec, r, "python")]

    if opts.tide is not None:
        if spec.tide_skip:
            skipped = True
        else:
            r = run_process([opts.tide, name, *spec.args], cwd, spec.stdin, timeout=opts.timeout)
            messages += [f"[tide] {p}" for p in check_run(spec, r, "tide")]
            if opts.build:
                messages += [f"[tide build] {p}" for p in check_build(spec, path, opts, r)]

    if messages:
        return Outcome(path, "fail", messages)
    if skipped:
        why = spec.tide_skip if opts.tide is not None else f"python: {spec.python_skip}"
        return Outcome(path, "skip", [why])
    return Outcome(path, "pass", [])


def rel(p: Path) -> str:
    """`p` relative to the repository root when inside it (for messages, --filter)."""
    try:
        return str(p.relative_to(ROOT))
    except ValueError:
        return str(p)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("roots", nargs="*", type=Path, help="test files or directories "
                    "(default: tests/language, tests/builtins, tests/errors "
                    "and tests/async)")
    ap.add_argument("--tide", default=str(ROOT / "build" / "tide"), help="path of tide")
    ap.add_argument("--python", default="python3", help="path of the oracle python3")
    ap.add_argument("--filter", default="", help="run only tests whose path contains SUBSTR")
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--no-python", action="store_true", help="do not run python3")
    ap.add_argument("--tide-only", action="store_true", help="same as --no-python")
    ap.add_argument("--check-python-only", action="store_true",
                    help="validate the expectations against python3 alone (no tide)")
    ap.add_argument("--build", action="store_true",
                    help="also build each test with `tide build` and run the executable")
    ap.add_argument("--robust", action="store_true",
                    help="also run the robustness cases of tests/run_robust.py")
    ap.add_argument("--verbose", "-v", action="store_true", help="list every test")
    ap.add_argument("--timeout", type=float, default=TIMEOUT_S,
                    help=f"seconds a script may run (default {TIMEOUT_S}; more for sanitizer builds)")
    opts = ap.parse_args(argv)

    if opts.no_python or opts.tide_only:
        opts.python = None
    if opts.check_python_only:
        opts.tide = None
    if opts.tide is not None:
        opts.tide = str(Path(opts.tide).resolve())
        if not os.access(opts.tide, os.X_OK):
            print(f"error: tide not found at {opts.tide} (build it, or pass "
                  f"--check-python-only)", file=sys.stderr)
            return 2
    if opts.python is None and opts.tide is None:
        print("error: nothing to run (python3 and tide both disabled)", file=sys.stderr)
        return 2

    roots = opts.roots or [r for r in DEFAULT_ROOTS if r.is_dir()]
    paths: list[Path] = []
    for root in roots:
        root = root.resolve()
        paths += [root] if root.is_file() else sorted(root.rglob("*.py"))
    paths = [p for p in paths if opts.filter in rel(p)]

    with concurrent.futures.ThreadPoolExecutor(max(1, opts.jobs)) as pool:
        outcomes = list(pool.map(lambda p: run_test(p, opts), paths))

    if opts.robust:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import run_robust  # noqa: E402  (a sibling file, imported only on demand)
        for name, status, msgs in run_robust.run_all(opts.tide, opts.python):
            outcomes.append(Outcome(Path(f"robust/{name}"), status, msgs))

    counts = {"pass": 0, "fail": 0, "skip": 0}
    for o in outcomes:
        counts[o.status] += 1
        if o.status == "fail":
            for m in o.messages:
                head, _, rest = m.partition("\n")
                print(f"FAIL {rel(o.path)} {head}")
                if rest:
                    print(rest)
        elif o.status == "skip":
            print(f"SKIP {rel(o.path)}: {o.messages[0]}")
        elif opts.verbose:
            print(f"PASS {rel(o.path)}")
    summary = f"{counts['pass']} passed, {counts['fail']} failed"
    if counts["skip"]:
        summary += f", {counts['skip']} skipped"
    print(summary)
    return 1 if counts["fail"] or not outcomes else 0


if __name__ == "__main__":
    sys.exit(main())
