#!/usr/bin/env python3
"""bench/build.py — `tide build`'s figures, each beside its peer in the same run.

    python3 bench/build.py [--tide build/tide] [--repeat 5] [NAME ...]

1. Built executables vs python3: every benchmark of bench/*.py (run.py's
   format: one line `NAME SECONDS CHECKSUM...`) is built with `tide build`
   and run; its in-script seconds (best of --repeat) are compared with
   python3's and with the JIT's (`tide NAME.py`), and the checksums must
   agree.
2. Build time: a generated 500-line script (functions, classes, loops,
   comprehensions, f-strings, exceptions) built with `tide build`, best of 3.
3. Size of a built hello world, dynamic and --static.
4. Start-up: a built hello world against a C hello world (cc -O2), best of
   --startup-runs process launches each (posix_spawn + wait), interleaved so
   machine load hits both alike; also python3 -c pass and `tide hello.py`
   from the compile cache.

Nothing here fails on a timing; the exit status is 1 only when a benchmark
could not be built or printed a different checksum.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
# Benchmarks whose figure is not one in-script time, or that need their own
# harness (run.py handles them); they still must build and run.
SKIP_TIMING = {"hello", "gil_latency", "sleepers"}


def run(argv, cwd=None, env=None) -> tuple[float, subprocess.CompletedProcess]:
    t = time.perf_counter()
    p = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, env=env, timeout=600)
    return time.perf_counter() - t, p


def in_script(p: subprocess.CompletedProcess) -> tuple[float | None, str]:
    parts = p.stdout.split()
    if p.returncode != 0 or len(parts) < 2:
        return None, ""
    secs = None if parts[1] == "-" else float(parts[1])
    return secs, " ".join(parts[2:])


def best_of(argv, repeat, cwd=None):
    best, check, ok = None, None, True
    for _ in range(repeat):
        _, p = run(argv, cwd=cwd)
        secs, ch = in_script(p)
        if p.returncode != 0:
            return None, p.stderr.strip().splitlines()[-1:] or ["failed"], False
        check = ch
        if secs is not None and (best is None or secs < best):
            best = secs
    return best, check, ok


def generated_script(lines: int = 500) -> str:
    """A plausible 500-line program: every construct the front end knows."""
    out = ["import math", "import random", "", "random.seed(1)", ""]
    block = 28  # lines per class + function pair below, plus one call line each
    count = (lines - len(out)) // (block + 1)
    for i in range(count):
        out += [
            f"class Shape{i}:",
            f"    '''Shape number {i}.'''",
            "    def __init__(self, w, h):",
            "        self.w = w",
            "        self.h = h",
            "    def area(self):",
            "        return self.w * self.h",
            "    def __repr__(self):",
            f"        return f'Shape{i}({{self.w}}, {{self.h}})'",
            "",
            f"def work{i}(n):",
            "    total = 0",
            "    for k in range(n):",
            "        if k % 3 == 0:",
            "            total += k * k",
            "        elif k % 3 == 1:",
            "            total -= k",
            "        else:",
            "            total ^= k",
            "    squares = [x * x for x in range(n) if x % 2]",
            "    table = {str(x): x for x in squares}",
            "    try:",
            "        total += len(table) // (n - n)",
            "    except ZeroDivisionError as e:",
            "        total += len(str(e))",
            f"    s = Shape{i}(n, total % 7)",
            "    return total + s.area() + int(math.sqrt(n)) + random.randint(0, 9)",
            "",
        ]
    out += [f"print('work{k}', work{k}({10 + k}), repr(Shape{k}({k}, 2)))" for k in range(count)]
    out += ["pass"] * (lines - len(out))
    return "\n".join(out) + "\n"


def launch_time(argv) -> float:
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        t = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, os.environ,
                             file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1)])
        os.waitpid(pid, 0)
        return time.perf_counter() - t
    finally:
        os.close(devnull)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", help="benchmarks to time (default: all)")
    ap.add_argument("--tide", default=str(ROOT / "build" / "tide"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--startup-runs", type=int, default=300)
    opts = ap.parse_args()
    tide = str(Path(opts.tide).resolve())
    status = 0
    with tempfile.TemporaryDirectory(prefix="tide-bench-build-") as d:
        tmp = Path(d)

        # 1. built executables vs python3 (and the JIT)
        names = opts.names or sorted(p.stem for p in BENCH.glob("*.py")
                                     if p.stem not in ("run", "build"))
        print(f"built executables vs python3 ({PYTHON}), in-script seconds, best of "
              f"{opts.repeat}")
        print(f"{'benchmark':<12} {'built':>9} {'JIT':>9} {'python3':>9} {'ratio':>7}")
        for name in names:
            exe = tmp / name
            _, b = run([tide, "build", f"{name}.py", "-o", str(exe)], cwd=BENCH)
            if b.returncode != 0:
                print(f"{name:<12} build failed: {b.stderr.strip()[-200:]}")
                status = 1
                continue
            if name in SKIP_TIMING:
                _, p = run([str(exe)], cwd=BENCH)
                print(f"{name:<12} {'(runs)' if p.returncode == 0 else 'FAILED':>9}")
                status |= p.returncode != 0
                continue
            built, check_b, ok_b = best_of([str(exe)], opts.repeat, cwd=BENCH)
            jit, _, _ = best_of([tide, f"{name}.py"], opts.repeat, cwd=BENCH)
            py, check_p, _ = best_of([PYTHON, f"{name}.py"], opts.repeat, cwd=BENCH)
            if not ok_b or check_b != check_p:
                print(f"{name:<12} checksum differs: built {check_b!r} python3 {check_p!r}")
                status = 1
                continue
            fmt = lambda s: "-" if s is None else f"{s:.4f}"
            ratio = f"{py / built:.1f}x" if built and py else "-"
            print(f"{name:<12} {fmt(built):>9} {fmt(jit):>9} {fmt(py):>9} {ratio:>7}")

        # 2. build time of a 500-line script
        src = tmp / "five_hundred.py"
        text = generated_script(500)
        src.write_text(text)
        times = []
        for _ in range(3):
            secs, b = run([tide, "build", src.name, "-o", "five_hundred"], cwd=tmp)
            if b.returncode != 0:
                print("500-line script: build failed:", b.stderr.strip()[-300:])
                status = 1
                break
            times.append(secs)
        if times:
            _, p = run(["./five_hundred"], cwd=tmp)
            _, q = run([PYTHON, src.name], cwd=tmp)
            same = "same output as python3" if p.stdout == q.stdout else "OUTPUT DIFFERS"
            status |= p.stdout != q.stdout
            print(f"\nbuild time, {len(text.splitlines())}-line script: {min(times):.3f} s "
                  f"(best of 3; target < 2 s) — {same}")

        # 3. sizes
        (tmp / "hello.py").write_text('print("hello world")\n')
        run([tide, "build", "hello.py", "-o", "hello"], cwd=tmp)
        run([tide, "build", "hello.py", "--static", "-o", "hello_static"], cwd=tmp)
        for f in ("hello", "hello_static"):
            if (tmp / f).exists():
                print(f"size of a built hello world{' (--static)' if 'static' in f else ''}: "
                      f"{(tmp / f).stat().st_size:,} bytes")

        # 4. start-up against C
        (tmp / "hello.c").write_text('#include <stdio.h>\nint main(void) '
                                     '{ puts("hello world"); return 0; }\n')
        cc = subprocess.run(["cc", "-O2", "hello.c", "-o", "hello_c"], cwd=tmp)
        if cc.returncode == 0 and (tmp / "hello").exists():
            progs = {"C (cc -O2)": [str(tmp / "hello_c")],
                     "tide build": [str(tmp / "hello")]}
            if (tmp / "hello_static").exists():
                progs["tide build --static"] = [str(tmp / "hello_static")]
            progs["tide hello.py (cached)"] = [tide, str(tmp / "hello.py")]
            progs["python3 hello.py"] = [PYTHON, str(tmp / "hello.py")]
            best = {k: float("inf") for k in progs}
            for _ in range(opts.startup_runs):
                for k, argv in progs.items():
                    best[k] = min(best[k], launch_time(argv))
            base = best["C (cc -O2)"]
            print(f"\nstart-up, best of {opts.startup_runs} launches each (interleaved):")
            for k, v in best.items():
                print(f"  {k:<24} {v * 1000:7.3f} ms  {v / base:5.2f}x C")
    return status


if __name__ == "__main__":
    sys.exit(main())
