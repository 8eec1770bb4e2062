#!/usr/bin/env python3
"""run_robust.py — hostile inputs that tide must survive without crashing.

The script tests (tests/language/, tests/builtins/, tests/errors/) are
well-formed programs; these cases are
the inputs a user (or a fuzzer) throws at the driver by accident: a missing
file, a directory, an empty file, binary garbage, a 10 MB line, brackets
nested 500 deep, CRLF line endings, a byte-order mark.  They are generated in a
temporary directory because some of them (10 MB, NUL bytes, CRLF) do not belong
in the repository.

The rule every case shares: tide never crashes.  A process killed by a signal
(negative status) or one that exits with a status >= 128 fails the case, as
does a timeout.  Beyond that, each case states what tide must do; where
python3 behaves the same, the case is marked `python_too` and `--python`
checks it under python3 as well, which is how this file is tested before tide
exists (`python3 tests/run_robust.py --python python3 --no-tide`).

Where tide is allowed a choice (500 nested brackets: CPython refuses them with
"too many nested parentheses", tide may accept them), the case accepts either a
correct result or a clean exit 2 with a SyntaxError.

Usage: run_robust.py [--tide build/tide] [--python python3] [--no-tide]
The last line printed is `N passed, M failed`; exit status 1 on any failure.
Also run by `tests/run_scripts.py --robust`.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 60


@dataclasses.dataclass
class Result:
    rc: int | None  # None: timed out or could not start
    out: str
    err: str


@dataclasses.dataclass
class Case:
    name: str
    # Writes the input into `tmp` and returns the arguments after the program.
    setup: Callable[[Path], list[str]]
    # Returns None when `r` is acceptable, else what is wrong.
    check: Callable[[Result], str | None]
    python_too: bool = False


def write(tmp: Path, name: str, data: bytes) -> list[str]:
    (tmp / name).write_bytes(data)
    return [name]


def expect_output(stdout: str, rc: int = 0) -> Callable[[Result], str | None]:
    def check(r: Result) -> str | None:
        if r.rc != rc or r.out != stdout:
            return f"expected exit {rc} and stdout {stdout!r}"
        return None
    return check


def expect_syntax_error(r: Result) -> str | None:
    # DESIGN.md: exit status 2 and a SyntaxError for source that cannot compile.
    if r.rc != 2 or "SyntaxError" not in r.err:
        return "expected exit 2 with a SyntaxError on stderr"
    return None


def output_or_syntax_error(stdout: str) -> Callable[[Result], str | None]:
    def check(r: Result) -> str | None:
        if r.rc == 0 and r.out == stdout:
            return None
        if r.rc == 2 and "SyntaxError" in r.err:
            return None
        return f"expected stdout {stdout!r} (exit 0), or exit 2 with a SyntaxError"
    return check


def expect_cannot_open(r: Result) -> str | None:
    if r.rc != 2 or "can't open file" not in r.err or "nosuch.py" not in r.err:
        return "expected exit 2 and `can't open file '...nosuch.py'` on stderr"
    return None


def expect_refused(r: Result) -> str | None:
    # docs/differences.md (`directory`): python3 would run dir/__main__.py.
    if r.rc != 2 or not r.err.strip():
        return "expected exit 2 with a message on stderr"
    return None


def nested(depth: int, open_: str, close: str, inner: str) -> str:
    return open_ * depth + inner + close * depth


CASES = [
    Case("missing_file", lambda tmp: ["nosuch.py"], expect_cannot_open, python_too=True),
    Case("directory", lambda tmp: (tmp / "adir").mkdir() or ["adir"], expect_refused),
    Case("empty_file", lambda tmp: write(tmp, "empty.py", b""), expect_output(""),
         python_too=True),
    Case("only_comments_and_blank_lines",
         lambda tmp: write(tmp, "c.py", b"# nothing\n\n   \n# here\n"), expect_output(""),
         python_too=True),
    Case("binary_garbage_with_nul",
         lambda tmp: write(tmp, "bin.py", bytes(range(256)) * 16), expect_syntax_error),
    Case("invalid_utf8",
         lambda tmp: write(tmp, "u.py", b"x = '\xff\xfe'\nprint(x)\n"), expect_syntax_error),
    Case("ten_megabyte_string_literal",
         lambda tmp: write(tmp, "big.py",
                           b"x = '" + b"a" * 10_000_000 + b"'\nprint(len(x))\n"),
         expect_output("10000000\n"), python_too=True),
    Case("ten_thousand_term_sum",
         lambda tmp: write(tmp, "sum.py",
                           b"x = " + b" + ".join([b"1"] * 10_000) + b"\nprint(x)\n"),
         output_or_syntax_error("10000\n")),
    Case("nested_parentheses_500",
         lambda tmp: write(tmp, "p.py", ("x = " + nested(500, "(", ")", "1") +
                                         "\nprint(x)\n").encode()),
         output_or_syntax_error("1\n")),
    Case("nested_lists_500",
         lambda tmp: write(tmp, "l.py", ("x = " + nested(500, "[", "]", "") +
                                         "\nprint(len(x))\n").encode()),
         output_or_syntax_error("1\n")),
    Case("nested_parentheses_100000_unclosed",
         lambda tmp: write(tmp, "u.py", b"x = " + b"(" * 100_000 + b"\n"),
         expect_syntax_error),
    Case("unary_minus_10000",
         lambda tmp: write(tmp, "m.py", b"print(" + b"-" * 10_000 + b"1)\n"),
         output_or_syntax_error("1\n")),
    Case("indentation_90_levels",
         lambda tmp: write(tmp, "i.py", "".join(
             " " * i + "if True:\n" for i in range(90)).encode() + b" " * 90 +
             b"print('deep')\n"),
         expect_output("deep\n"), python_too=True),
    Case("crlf_line_endings",
         lambda tmp: write(tmp, "crlf.py", b"x = 1\r\nif x:\r\n    print('crlf')\r\n"),
         expect_output("crlf\n"), python_too=True),
    Case("utf8_bom",
         lambda tmp: write(tmp, "bom.py", b"\xef\xbb\xbfprint('bom')\n"),
         expect_output("bom\n"), python_too=True),
    Case("no_trailing_newline_after_block",
         lambda tmp: write(tmp, "n.py", b"if True:\n    print('x')"),
         expect_output("x\n"), python_too=True),
    Case("many_lines_of_output",
         lambda tmp: write(tmp, "o.py", b"for i in range(200000):\n    print(i)\n"),
         expect_output("".join(f"{i}\n" for i in range(200000))), python_too=True),
    Case("dash_c", lambda tmp: ["-c", "print(6 * 7)"], expect_output("42\n"),
         python_too=True),
    Case("dash_c_syntax_error", lambda tmp: ["-c", "x = ("], expect_syntax_error),
    Case("version", lambda tmp: ["--version"],
         lambda r: None if r.rc == 0 and "tide" in (r.out + r.err).lower()
         else "expected exit 0 and a version line naming tide"),
    Case("help", lambda tmp: ["--help"],
         lambda r: None if r.rc == 0 and r.out.strip() else "expected exit 0 and usage on stdout"),
    Case("unknown_option", lambda tmp: ["--no-such-option"],
         lambda r: None if r.rc == 2 and r.err.strip() else "expected exit 2 and a message"),
]


def run_case(program: str, case: Case, interpreter: str) -> str | None:
    """Runs one case; returns what went wrong, or None."""
    with tempfile.TemporaryDirectory(prefix="tide-robust-") as d:
        tmp = Path(d)
        args = case.setup(tmp)
        try:
            p = subprocess.run([program, *args], cwd=tmp, capture_output=True,
                               stdin=subprocess.DEVNULL, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return f"timed out after {TIMEOUT_S} s"
        except OSError as e:
            return f"could not start: {e}"
    r = Result(p.returncode, p.stdout.decode("utf-8", "replace"),
               p.stderr.decode("utf-8", "replace"))
    if r.rc < 0 or r.rc >= 128:
        return f"CRASHED with exit status {r.rc}: {r.err[-500:]}"
    problem = case.check(r)
    if problem:
        return f"{problem}; got exit {r.rc}, stdout {r.out[:200]!r}, stderr {r.err[-300:]!r}"
    return None


def run_all(tide: str | None, python: str | None):
    """Yields (name, "pass"|"fail", messages) for each case and interpreter."""
    for case in CASES:
        problems = []
        if tide is not None:
            bad = run_case(tide, case, "tide")
            if bad:
                problems.append(f"[tide] {bad}")
        if python is not None and case.python_too:
            bad = run_case(python, case, "python")
            if bad:
                problems.append(f"[python3] {bad}")
        if tide is None and not case.python_too:
            continue  # nothing was checked
        yield case.name, ("fail" if problems else "pass"), problems


def main() -> int:
    ap = argparse.ArgumentParser(description="Robustness cases for the tide driver.")
    ap.add_argument("--tide", default=str(ROOT / "build" / "tide"))
    ap.add_argument("--python", default=None, help="also check the python_too cases here")
    ap.add_argument("--no-tide", action="store_true", help="check python3 only")
    opts = ap.parse_args()
    tide = None if opts.no_tide else str(Path(opts.tide).resolve())
    if tide is not None and not os.access(tide, os.X_OK):
        print(f"error: tide not found at {tide}", file=sys.stderr)
        return 2
    passed = failed = 0
    for name, status, messages in run_all(tide, opts.python):
        if status == "pass":
            passed += 1
        else:
            failed += 1
            for m in messages:
                print(f"FAIL robust/{name} {m}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
