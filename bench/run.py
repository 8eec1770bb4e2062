#!/usr/bin/env python3
"""bench/run.py — times every bench/*.py under tide and under python3, side by side.

A benchmark is a script in the tide subset that prints exactly one line:

    NAME SECONDS CHECKSUM...

NAME is the file's stem, SECONDS the time the script measured around its own
work with time.perf_counter() (or `-` when it measures nothing, as hello.py),
and CHECKSUM whatever the work computed.  tide and python3 must print the same
checksum, or the benchmark measured a wrong program; that is all `--check`
verifies, and it is what CI runs (benchmarks are not tests: no timing fails).

Timing: the runner wraps each whole process in time.perf_counter(), runs it
--repeat times (default 5) and keeps the best, so the wall-clock column
includes start-up (compilation by the JIT for tide, byte-compilation for
python3).  hello.py measures start-up alone.  The in-script column, when
present, excludes start-up.

Until tide has the `time` module, the in-script timer is optional: lines that
carry the marker `# bench: timer` are the timer's only lines, and when tide
cannot run `import time`, the runner gives tide a copy of the script with
`import time` dropped and `time.perf_counter()` replaced by `0.0` on those
lines (the in-script column then shows `-` for tide).  python3 always runs the
original.

The oracle is /usr/bin/python3 (Debian's PGO + LTO build) when present, so
the ratio compares against the CPython users actually run, not a debug build.

Usage: bench/run.py [--tide build/tide] [--python /usr/bin/python3]
                    [--repeat N] [--check] [NAME ...]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
TIMEOUT_S = 300
TIMER_MARK = "# bench: timer"


@dataclasses.dataclass
class Measure:
    wall: float | None = None  # best whole-process seconds
    inscript: float | None = None  # best in-script seconds, if the script measured
    checksum: str | None = None
    error: str | None = None


def default_python() -> str:
    return "/usr/bin/python3" if os.access("/usr/bin/python3", os.X_OK) else "python3"


def tide_has_time(tide: str) -> bool:
    try:
        p = subprocess.run([tide, "-c", "import time\nprint(time.perf_counter() >= 0)"],
                           capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return p.returncode == 0 and p.stdout.strip() == b"True"


def without_timer(source: str) -> str:
    """The script with its `# bench: timer` lines neutralised (see the top)."""
    out = []
    for line in source.split("\n"):
        if TIMER_MARK in line:
            if re.match(r"\s*import time\b", line):
                continue
            line = line.replace("time.perf_counter()", "0.0")
        out.append(line)
    return "\n".join(out)


def measure(argv: list[str], cwd: Path, name: str, repeat: int) -> Measure:
    m = Measure()
    for _ in range(repeat):
        t0 = time.perf_counter()
        try:
            p = subprocess.run(argv, cwd=cwd, capture_output=True, timeout=TIMEOUT_S,
                               stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return Measure(error=f"timed out after {TIMEOUT_S} s")
        except OSError as e:
            return Measure(error=f"could not start: {e}")
        wall = time.perf_counter() - t0
        out = p.stdout.decode("utf-8", "replace").strip()
        if p.returncode != 0:
            err = p.stderr.decode("utf-8", "replace").strip().split("\n")[-1]
            return Measure(error=f"exit {p.returncode}: {err}")
        fields = out.split()
        if len(out.split("\n")) != 1 or len(fields) < 3 or fields[0] != name:
            return Measure(error=f"expected one line `{name} SECONDS CHECKSUM`, got {out!r}")
        checksum = " ".join(fields[2:])
        if m.checksum is not None and checksum != m.checksum:
            return Measure(error=f"checksum changed between runs: {m.checksum} / {checksum}")
        m.checksum = checksum
        m.wall = wall if m.wall is None else min(m.wall, wall)
        try:
            secs = float(fields[1])
        except ValueError:
            secs = None  # "-": the script does not time itself
        if secs:  # 0.0 means the timer was neutralised
            m.inscript = secs if m.inscript is None else min(m.inscript, secs)
    return m


def fmt(secs: float | None) -> str:
    return "-" if secs is None else f"{secs:.4f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    ap.add_argument("--tide", default=str(ROOT / "build" / "tide"))
    ap.add_argument("--python", default=default_python())
    ap.add_argument("--repeat", type=int, default=5, help="runs per benchmark; best is kept")
    ap.add_argument("--check", action="store_true",
                    help="run each once under both and only compare checksums (CI)")
    opts = ap.parse_args()

    tide = str(Path(opts.tide).resolve())
    if not os.access(tide, os.X_OK):
        print(f"error: tide not found at {tide}", file=sys.stderr)
        return 2
    repeat = 1 if opts.check else max(1, opts.repeat)
    scripts = sorted(p for p in BENCH_DIR.glob("*.py") if p.name != "run.py")
    if opts.names:
        scripts = [p for p in scripts if p.stem in opts.names]
        missing = set(opts.names) - {p.stem for p in scripts}
        if missing:
            print(f"error: no such benchmark: {', '.join(sorted(missing))}", file=sys.stderr)
            return 2

    timed = tide_has_time(tide)
    if not timed:
        print("note: tide has no `time` module yet; its in-script timer is disabled",
              file=sys.stderr)

    failures = 0
    rows = []
    with tempfile.TemporaryDirectory(prefix="tide-bench-") as tmp:
        for script in scripts:
            name = script.stem
            tide_script = script
            if not timed:
                tide_script = Path(tmp) / script.name
                tide_script.write_text(without_timer(script.read_text(encoding="utf-8")),
                                       encoding="utf-8")
            t = measure([tide, tide_script.name], tide_script.parent, name, repeat)
            p = measure([opts.python, script.name], script.parent, name, repeat)
            status = "ok"
            for who, m in (("tide", t), ("python3", p)):
                if m.error:
                    status = f"{who}: {m.error}"
            if status == "ok" and t.checksum != p.checksum:
                status = f"checksum differs: tide {t.checksum} / python3 {p.checksum}"
            if status != "ok":
                failures += 1
            rows.append((name, t, p, status))
            if opts.check:
                print(f"{'ok  ' if status == 'ok' else 'FAIL'} {name}"
                      + ("" if status == "ok" else f": {status}"), flush=True)

    if not opts.check:
        print(f"tide: {tide}\npython3: {opts.python}\nbest of {repeat}; wall = whole "
              f"process, in-script = the script's own timer")
        head = ("bench", "tide s", "python3 s", "py/tide", "tide in", "py in", "")
        print(f"{head[0]:<12}{head[1]:>10}{head[2]:>11}{head[3]:>9}{head[4]:>10}{head[5]:>10}")
        for name, t, p, status in rows:
            ratio = f"{p.wall / t.wall:.2f}" if t.wall and p.wall else "-"
            note = "" if status == "ok" else f"  {status}"
            print(f"{name:<12}{fmt(t.wall):>10}{fmt(p.wall):>11}{ratio:>9}"
                  f"{fmt(t.inscript):>10}{fmt(p.inscript):>10}{note}")
        for name, t, p, status in rows:
            if name == "hello" and t.wall and p.wall:
                print(f"startup (hello): tide {t.wall * 1000:.1f} ms, "
                      f"python3 {p.wall * 1000:.1f} ms")
    print(f"{len(rows) - failures} ok, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
