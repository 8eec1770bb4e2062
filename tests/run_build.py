#!/usr/bin/env python3
"""run_build.py — what `tide build` promises, checked from the outside.

The script tests already run every test as a built executable
(`run_scripts.py --build`); this runner checks the command itself: what the
executable depends on, sys.argv, exit statuses, the --emit forms, -g line
tables, --static, and the errors (syntax error, unwritable output, no
linker, bad options), including that a failed build leaves no output file.

Usage: run_build.py --tide build/tide.  Prints one line per failed check and
`N passed, M failed`; exits non-zero on any failure.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HELLO = 'print("hello from tide")\n'
ARGV = "import sys\nprint(sys.argv)\n"
FAILS = (
    "def f(x):\n"
    "    return 10 // x\n"
    "\n"
    "print('before')\n"
    "f(0)\n"
)
EXIT3 = "import sys\nprint('bye')\nsys.exit(3)\n"
SYNTAX = "x = 1\nif x\n    print(x)\n"
WORK = (
    "def fib(n):\n"
    "    return n if n < 2 else fib(n - 1) + fib(n - 2)\n"
    "total = 0\n"
    "for i in range(20):\n"
    "    total += fib(i)\n"
    "print(total, [x * x for x in range(5)], {'a': 1})\n"
)


class Checks:
    def __init__(self, tide: str, tmp: Path):
        self.tide, self.tmp = tide, tmp
        self.passed, self.failed = 0, 0

    def check(self, name: str, ok: bool, detail: str = "") -> bool:
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {name}" + (f"\n      {detail}" if detail else ""))
        return ok

    def script(self, name: str, text: str) -> Path:
        p = self.tmp / name
        p.write_text(text)
        return p

    def run(self, argv, env=None, **kw) -> subprocess.CompletedProcess:
        return subprocess.run(argv, cwd=self.tmp, capture_output=True, text=True, timeout=120,
                              env=env, **kw)

    def build(self, *args, env=None) -> subprocess.CompletedProcess:
        return self.run([self.tide, "build", *args], env=env)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tide", required=True)
    opts = ap.parse_args()
    tide = str(Path(opts.tide).resolve())
    with tempfile.TemporaryDirectory(prefix="tide-run-build-") as d:
        c = Checks(tide, Path(d))
        tmp = c.tmp

        # A built hello world runs, and needs only the C (and C++) runtime.
        c.script("hello.py", HELLO)
        b = c.build("hello.py", "-o", "hello")
        if c.check("build hello.py", b.returncode == 0 and (tmp / "hello").exists(), b.stderr):
            r = c.run(["./hello"])
            c.check("hello runs", r.returncode == 0 and r.stdout == "hello from tide\n",
                    r.stdout + r.stderr)
            if shutil.which("ldd"):
                deps = c.run(["ldd", "./hello"]).stdout
                libs = [l.split()[0] for l in deps.splitlines() if l.strip()]
                allowed = ("linux-vdso", "libc.so", "libm.so", "ld-linux", "/lib64/ld-linux",
                           "libstdc++", "libgcc_s",
                           # a sanitizer build of tide links its programs
                           # with the sanitizers' shared runtimes
                           "libasan", "libubsan", "libtsan")
                bad = [l for l in libs if not l.startswith(allowed)]
                c.check("hello depends only on the C/C++ runtime (ldd)", not bad, deps)
                c.check("hello does not link LLVM, GMP or readline",
                        not any(x in deps for x in ("LLVM", "libgmp", "readline", "boost")), deps)

        # The default output name is the script's without .py.
        b = c.build("hello.py")
        c.check("default output is ./hello", b.returncode == 0 and (tmp / "hello").exists(),
                b.stderr)

        # sys.argv[0] is the executable's path; the rest are the arguments.
        c.script("argv.py", ARGV)
        b = c.build("argv.py", "-o", "argv_app")
        r = c.run(["./argv_app", "a", "b c"])
        c.check("sys.argv in a built executable",
                r.stdout == "['./argv_app', 'a', 'b c']\n", r.stdout + r.stderr)

        # Exit statuses and tracebacks as under the JIT.
        c.script("fails.py", FAILS)
        c.build("fails.py", "-o", "fails")
        r = c.run(["./fails"])
        jit = c.run([tide, "fails.py"])
        c.check("uncaught exception: status 1 and the JIT's traceback",
                r.returncode == 1 and r.stdout == "before\n" and r.stderr == jit.stderr and
                'File "fails.py", line 2, in f' in r.stderr and
                r.stderr.endswith("ZeroDivisionError: integer division or modulo by zero\n"),
                r.stderr)
        c.script("exit3.py", EXIT3)
        c.build("exit3.py", "-o", "exit3")
        r = c.run(["./exit3"])
        c.check("sys.exit(3) exits 3", r.returncode == 3 and r.stdout == "bye\n", repr(r))

        # Every optimisation level gives the same program.
        c.script("work.py", WORK)
        want = c.run([tide, "work.py"]).stdout
        for level in ("-O0", "-O1", "-O2", "-O3"):
            b = c.build("work.py", level, "-o", f"work{level}")
            r = c.run([f"./work{level}"])
            c.check(f"{level} output equals the JIT's", b.returncode == 0 and r.stdout == want,
                    b.stderr + r.stdout + r.stderr)

        # A large script is split into partitions compiled in parallel; the
        # program must be the same either way (bench/build.py's generated
        # 500-line script, checked against python3).
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
        import build as bench_build  # noqa: E402
        c.script("large.py", bench_build.generated_script(500))
        want = c.run([sys.executable, "large.py"]).stdout
        for jobs in ("1", "2"):
            env = dict(os.environ, TIDE_BUILD_JOBS=jobs)
            b = c.build("large.py", "-o", f"large{jobs}", env=env)
            r = c.run([f"./large{jobs}"])
            c.check(f"500-line script in {jobs} partition(s) prints what python3 prints",
                    b.returncode == 0 and r.stdout == want and want.count("\n") > 10,
                    b.stderr + r.stderr)

        # --emit forms.
        b = c.build("work.py", "--emit", "obj")
        obj = tmp / "work.o"
        c.check("--emit obj writes an ELF object",
                b.returncode == 0 and obj.exists() and obj.read_bytes()[:4] == b"\x7fELF",
                b.stderr)
        b = c.build("work.py", "--emit", "llvm", "-o", "work.ll")
        text = (tmp / "work.ll").read_text() if (tmp / "work.ll").exists() else ""
        c.check("--emit llvm writes IR with main", b.returncode == 0 and
                "define i32 @main" in text and "__tide_module" in text, b.stderr)
        b = c.build("work.py", "--emit=asm")
        text = (tmp / "work.s").read_text() if (tmp / "work.s").exists() else ""
        c.check("--emit asm writes assembly", b.returncode == 0 and "main:" in text, b.stderr)
        b = c.build("work.py", "--emit", "llvm", "-o", "-")
        c.check("--emit llvm -o - prints the IR", b.returncode == 0 and
                "define i32 @main" in b.stdout, b.stderr)

        # -g: DWARF line tables name the script and its lines.
        b = c.build("fails.py", "-g", "-o", "fails_g")
        if c.check("-g builds", b.returncode == 0, b.stderr) and shutil.which("objdump"):
            lines = c.run(["objdump", "--dwarf=decodedline", "fails_g"]).stdout
            c.check("-g line table names fails.py lines 2 and 5",
                    any(l.startswith("fails.py") and " 2 " in l for l in lines.splitlines()) and
                    any(l.startswith("fails.py") and " 5 " in l for l in lines.splitlines()),
                    lines[:2000])
        if shutil.which("gdb"):
            g = c.run(["gdb", "-batch", "-ex", "break fails.py:2", "-ex", "run", "-ex", "bt",
                       "./fails_g"])
            c.check("gdb stops at fails.py:2 and shows the script's frames",
                    "fails.py:2" in g.stdout and "fails.py:5" in g.stdout, g.stdout[-2000:])

        # --static: no shared libraries at all.
        b = c.build("hello.py", "--static", "-o", "hello_static")
        if "built with sanitizers" in b.stderr:
            pass  # a sanitizer build of tide cannot link statically; it says so
        elif c.check("--static builds", b.returncode == 0, b.stderr):
            r = c.run(["./hello_static"])
            c.check("--static runs", r.stdout == "hello from tide\n", r.stderr)
            f = c.run(["file", "hello_static"]).stdout if shutil.which("file") else "statically"
            c.check("--static is statically linked", "statically" in f or "static-pie" in f, f)

        # A syntax error: exit 2, the usual message, and no output file —
        # an earlier file at the output path is left as it was.
        c.script("syntax.py", SYNTAX)
        (tmp / "syntax_out").write_text("old")
        b = c.build("syntax.py", "-o", "syntax_out")
        jit = c.run([tide, "syntax.py"])
        c.check("syntax error: exit 2 with the JIT's message",
                b.returncode == 2 and b.stderr == jit.stderr and
                "syntax.py:2:5: SyntaxError: expected ':'" in b.stderr, b.stderr)
        c.check("syntax error leaves the old output untouched",
                (tmp / "syntax_out").read_text() == "old")
        b = c.build("syntax.py")
        c.check("syntax error writes no output file", not (tmp / "syntax").exists())
        c.check("no temporary files left behind",
                not [p for p in tmp.iterdir() if ".tide-tmp-" in p.name],
                str(list(tmp.iterdir())))

        # Unwritable or impossible outputs.
        b = c.build("hello.py", "-o", "no/such/dir/app")
        c.check("output in a missing directory: exit 1, clear message",
                b.returncode == 1 and "cannot write 'no/such/dir/app'" in b.stderr, b.stderr)
        b = c.build("hello.py", "-o", str(tmp))
        c.check("output is a directory: exit 1, clear message",
                b.returncode == 1 and "Is a directory" in b.stderr, b.stderr)
        if os.geteuid() != 0:
            ro = tmp / "ro"
            ro.mkdir()
            ro.chmod(0o500)
            b = c.build("hello.py", "-o", "ro/app")
            c.check("read-only directory: exit 1", b.returncode == 1 and
                    "Permission denied" in b.stderr, b.stderr)

        # No linker: the message says what to install.
        env = dict(os.environ, TIDE_LINKER="/nonexistent/c++")
        b = c.build("hello.py", "-o", "nolink", env=env)
        c.check("no linker: exit 1 and what to install", b.returncode == 1 and
                "no linker found" in b.stderr and "apt install g++" in b.stderr and
                not (tmp / "nolink").exists(), b.stderr)

        # Usage errors.
        for args, text in ((["--target", "aarch64"], "not supported yet"),
                           ([], "no script given"),
                           (["hello.py", "--emit", "exe"], "--emit takes obj, llvm or asm"),
                           (["hello.py", "-x"], "unknown option -x"),
                           (["missing.py"], "can't open file 'missing.py'")):
            b = c.build(*args)
            c.check(f"tide build {' '.join(args)}: exit 2, {text!r}",
                    b.returncode == 2 and text in b.stderr, b.stderr)
        h = c.build("--help")
        c.check("tide build --help", h.returncode == 0 and "usage: tide build" in h.stdout)

        print(f"{c.passed} passed, {c.failed} failed")
        return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
