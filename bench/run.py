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

Figures: a benchmark whose result is not a run time (gil_latency.py: wake
delays and a throughput ratio) prints them to stderr as lines beginning
`figure: `; the runner shows them, for tide and python3, under the table,
from each side's fastest run (they are not compared: timings never fail).

Arguments: a benchmark may take a size as its first argument (sleepers.py:
the number of tasks).  A full run gives none, so the script's default
applies; `--check` passes the small sizes in CHECK_ARGS, to keep CI fast.

Memory per task: for each script in PER_TASK (sleepers.py), the runner also
runs the process at N = 1 and at N = --rss-n (default 100,000), reads each
run's peak RSS from the kernel (ru_maxrss of the child, through os.wait4),
keeps the smallest of min(--repeat, 3) runs, and reports

    (peak RSS at N  -  peak RSS at 1) / N

in bytes per task for tide and python3, in its own section under the timing
table.  Everything the N tasks hold while they are all alive counts (task,
coroutine, frame or fiber stack, timer entry, gather's lists); the
interpreter's fixed cost cancels out.  The timing runs come first, so tide
serves this pass from its compile cache and the JIT's own peak (LLVM at
work) does not hide the tasks' memory; with TIDE_NO_CACHE=1 it would.
`--check` skips this pass (it costs a dozen long runs), and so does `--no-rss`.

Failures: a benchmark whose tide run fails (non-zero exit, a signal, bad
output) is reported as `tide failed (exit 1): <its error message>` or
`tide crashed (SIGSEGV)`, the other benchmarks still run, and the exit
status is 1.  `--no-tide` runs python3 alone (to validate the scripts or
collect python3's figures before tide can run them); it never fails for
tide's sake.

Usage: bench/run.py [--tide build/tide | --no-tide] [--python /usr/bin/python3]
                    [--repeat N] [--check] [--rss-n N | --no-rss] [NAME ...]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
TIMEOUT_S = 300
TIMER_MARK = "# bench: timer"
# --check passes these arguments (small sizes) so that CI stays fast.
CHECK_ARGS = {"sleepers": ["1000"], "to_thread": ["1000"], "gil_latency": ["0.2", "20"]}
# bench/*.py that are drivers, not benchmarks (build.py: `tide build`'s figures).
DRIVERS = ("run.py", "build.py")
# Scripts whose first argument is a task count, measured for memory per task.
PER_TASK = ("sleepers",)
RSS_REPEAT_MAX = 3


@dataclasses.dataclass
class Run:
    status: int  # exit status, or -signal
    out: str
    err: str
    wall: float  # seconds, the whole process
    maxrss: int  # peak RSS in bytes (ru_maxrss)


@dataclasses.dataclass
class Measure:
    wall: float | None = None  # best whole-process seconds
    inscript: float | None = None  # best in-script seconds, if the script measured
    checksum: str | None = None
    error: str | None = None
    figures: list[str] = dataclasses.field(default_factory=list)  # `figure:` lines


FIGURE_MARK = "figure: "


@dataclasses.dataclass
class PerTask:
    rss1: int | None = None  # best peak RSS at N = 1, bytes
    rssn: int | None = None  # best peak RSS at N, bytes
    error: str | None = None

    def per_task(self, n: int) -> float | None:
        if self.rss1 is None or self.rssn is None:
            return None
        return (self.rssn - self.rss1) / n


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


def run_once(argv: list[str], cwd: Path) -> Run:
    """Runs argv to completion; its output, wall time and peak RSS.

    Raises OSError when it cannot start and subprocess.TimeoutExpired when it
    runs past TIMEOUT_S (it is killed).  The child is reaped with os.wait4,
    whose rusage is the child's own (resource.RUSAGE_CHILDREN would be the
    maximum over every child so far)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            proc.kill()

        timer = threading.Timer(TIMEOUT_S, kill)
        timer.start()
        try:
            _, wstatus, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(wstatus)  # so Popen never waits again
        if timed_out.is_set():
            raise subprocess.TimeoutExpired(argv, TIMEOUT_S)
        out.seek(0)
        err.seek(0)
        return Run(status=proc.returncode, out=out.read().decode("utf-8", "replace"),
                   err=err.read().decode("utf-8", "replace"), wall=wall,
                   maxrss=usage.ru_maxrss * 1024)  # Linux reports KiB


def failure(r: Run) -> str:
    """`failed (exit 1): <its error message>` or `crashed (SIGSEGV)`."""
    if r.status < 0:
        try:
            name = signal.Signals(-r.status).name
        except ValueError:
            name = f"signal {-r.status}"
        return f"crashed ({name})"
    # The message is the last line naming an error (a traceback ends with it;
    # a diagnostic puts it first, above the source line and its carets).
    lines = [line.strip() for line in r.err.split("\n") if re.search(r"\w", line)]
    named = [line for line in lines if re.search(r"(Error|Exception)\b|error:", line)]
    last = (named or lines or ["(no message on stderr)"])[-1]
    if len(last) > 200:
        last = last[:197] + "..."
    return f"failed (exit {r.status}): {last}"


def measure(argv: list[str], cwd: Path, name: str, repeat: int) -> Measure:
    m = Measure()
    for _ in range(repeat):
        try:
            r = run_once(argv, cwd)
        except subprocess.TimeoutExpired:
            return Measure(error=f"timed out after {TIMEOUT_S} s")
        except OSError as e:
            return Measure(error=f"could not start: {e}")
        if r.status != 0:
            return Measure(error=failure(r))
        out = r.out.strip()
        fields = out.split()
        if len(out.split("\n")) != 1 or len(fields) < 3 or fields[0] != name:
            return Measure(error=f"expected one line `{name} SECONDS CHECKSUM`, got {out[:200]!r}")
        checksum = " ".join(fields[2:])
        if m.checksum is not None and checksum != m.checksum:
            return Measure(error=f"checksum changed between runs: {m.checksum} / {checksum}")
        m.checksum = checksum
        if m.wall is None or r.wall < m.wall:
            m.figures = [line[len(FIGURE_MARK):].strip() for line in r.err.split("\n")
                         if line.startswith(FIGURE_MARK)]
        m.wall = r.wall if m.wall is None else min(m.wall, r.wall)
        try:
            secs = float(fields[1])
        except ValueError:
            secs = None  # "-": the script does not time itself
        if secs:  # 0.0 means the timer was neutralised
            m.inscript = secs if m.inscript is None else min(m.inscript, secs)
    return m


def measure_per_task(argv: list[str], cwd: Path, n: int, repeat: int) -> PerTask:
    """Best peak RSS of argv + ["1"] and of argv + [str(n)]: see the top."""
    pt = PerTask()
    for _ in range(repeat):
        for count in (1, n):
            try:
                r = run_once(argv + [str(count)], cwd)
            except subprocess.TimeoutExpired:
                return PerTask(error=f"timed out after {TIMEOUT_S} s")
            except OSError as e:
                return PerTask(error=f"could not start: {e}")
            if r.status != 0:
                return PerTask(error=failure(r))
            if count == 1:
                pt.rss1 = r.maxrss if pt.rss1 is None else min(pt.rss1, r.maxrss)
            else:
                pt.rssn = r.maxrss if pt.rssn is None else min(pt.rssn, r.maxrss)
    return pt


def fmt(secs: float | None) -> str:
    return "-" if secs is None else f"{secs:.4f}"


def mib(nbytes: int | None) -> str:
    return "-" if nbytes is None else f"{nbytes / 1048576:.1f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    ap.add_argument("--tide", default=str(ROOT / "build" / "tide"))
    ap.add_argument("--no-tide", action="store_true",
                    help="run python3 alone (validate the scripts, collect its figures)")
    ap.add_argument("--python", default=default_python())
    ap.add_argument("--repeat", type=int, default=5, help="runs per benchmark; best is kept")
    ap.add_argument("--check", action="store_true",
                    help="run each once under both and only compare checksums (CI)")
    ap.add_argument("--rss-n", type=int, default=100000,
                    help="task count for the memory-per-task pass (default 100000)")
    ap.add_argument("--no-rss", action="store_true", help="skip the memory-per-task pass")
    opts = ap.parse_args()

    tide = None
    if not opts.no_tide:
        tide = str(Path(opts.tide).resolve())
        if not os.access(tide, os.X_OK):
            print(f"error: tide not found at {tide} (build it, pass --tide PATH, or run "
                  f"python3 alone with --no-tide)", file=sys.stderr)
            return 2
    repeat = 1 if opts.check else max(1, opts.repeat)
    scripts = sorted(p for p in BENCH_DIR.glob("*.py") if p.name not in DRIVERS)
    if opts.names:
        scripts = [p for p in scripts if p.stem in opts.names]
        missing = set(opts.names) - {p.stem for p in scripts}
        if missing:
            print(f"error: no such benchmark: {', '.join(sorted(missing))}", file=sys.stderr)
            return 2
    rss_pass = not opts.check and not opts.no_rss and opts.rss_n > 1

    timed = tide is None or tide_has_time(tide)
    if not timed:
        print("note: tide has no `time` module yet; its in-script timer is disabled",
              file=sys.stderr)

    failures = 0
    rows = []
    per_task_rows = []
    with tempfile.TemporaryDirectory(prefix="tide-bench-") as tmp:
        for script in scripts:
            name = script.stem
            args = CHECK_ARGS.get(name, []) if opts.check else []
            tide_script = script
            if tide is not None and not timed:
                tide_script = Path(tmp) / script.name
                tide_script.write_text(without_timer(script.read_text(encoding="utf-8")),
                                       encoding="utf-8")
            if tide is None:
                t = Measure(error="not run (--no-tide)")
            else:
                t = measure([tide, tide_script.name] + args, tide_script.parent, name, repeat)
            p = measure([opts.python, script.name] + args, script.parent, name, repeat)
            problems = []
            if tide is not None and t.error:
                problems.append(f"tide {t.error}")
            if p.error:
                problems.append(f"python3 {p.error}")
            if not problems and tide is not None and t.checksum != p.checksum:
                problems.append(f"checksum differs: tide {t.checksum} / python3 {p.checksum}")
            status = "; ".join(problems) or "ok"
            if problems:
                failures += 1
            rows.append((name, t, p, status))
            if opts.check:
                print(f"{'ok  ' if status == 'ok' else 'FAIL'} {name}"
                      + ("" if status == "ok" else f": {status}"), flush=True)
            if rss_pass and name in PER_TASK:
                n_rss = min(repeat, RSS_REPEAT_MAX)
                if tide is None:
                    tp = PerTask(error="not run (--no-tide)")
                elif t.error:
                    tp = PerTask(error="not measured (its timing run failed)")
                else:
                    tp = measure_per_task([tide, tide_script.name], tide_script.parent,
                                          opts.rss_n, n_rss)
                pp = measure_per_task([opts.python, script.name], script.parent,
                                      opts.rss_n, n_rss)
                per_task_rows.append((name, tp, pp))

    if not opts.check:
        print(f"tide: {tide or '(not run: --no-tide)'}\npython3: {opts.python}\n"
              f"best of {repeat}; wall = whole process, in-script = the script's own timer")
        head = ("bench", "tide s", "python3 s", "py/tide", "tide in", "py in", "")
        print(f"{head[0]:<12}{head[1]:>10}{head[2]:>11}{head[3]:>9}{head[4]:>10}{head[5]:>10}")
        for name, t, p, status in rows:
            ratio = f"{p.wall / t.wall:.2f}" if t.wall and p.wall else "-"
            note = "" if status == "ok" else f"  {status}"
            print(f"{name:<12}{fmt(t.wall):>10}{fmt(p.wall):>11}{ratio:>9}"
                  f"{fmt(t.inscript):>10}{fmt(p.inscript):>10}{note}")
        figure_rows = [(name, t, p) for name, t, p, _ in rows if t.figures or p.figures]
        if figure_rows:
            print("\nfigures (the `figure:` lines of each side's fastest run)")
            for name, t, p in figure_rows:
                for who, m in (("tide", t), ("python3", p)):
                    for line in m.figures:
                        print(f"{name:<12}{who:<9}{line}")
        for name, t, p, status in rows:
            if name == "hello" and p.wall:
                hello_tide = "-" if t.wall is None else f"{t.wall * 1000:.1f} ms"
                print(f"startup (hello): tide {hello_tide}, python3 {p.wall * 1000:.1f} ms")
        if per_task_rows:
            n = opts.rss_n
            print(f"\nmemory per task: (peak RSS at N={n} - peak RSS at N=1) / N, "
                  f"best of {min(repeat, RSS_REPEAT_MAX)}")
            head = ("bench", "tide B/task", "py B/task", "tide/py", "tide MiB 1->N",
                    "py MiB 1->N")
            print(f"{head[0]:<12}{head[1]:>12}{head[2]:>11}{head[3]:>9}"
                  f"{head[4]:>16}{head[5]:>16}")
            for name, tp, pp in per_task_rows:
                tb, pb = tp.per_task(n), pp.per_task(n)
                ratio = f"{tb / pb:.2f}" if tb is not None and pb else "-"
                t_mib = "-" if tb is None else f"{mib(tp.rss1)} -> {mib(tp.rssn)}"
                p_mib = "-" if pb is None else f"{mib(pp.rss1)} -> {mib(pp.rssn)}"
                notes = [f"{who} {e}" for who, e in (("tide", tp.error), ("python3", pp.error))
                         if e and not e.startswith("not run")]
                print(f"{name:<12}{'-' if tb is None else f'{tb:.0f}':>12}"
                      f"{'-' if pb is None else f'{pb:.0f}':>11}{ratio:>9}"
                      f"{t_mib:>16}{p_mib:>16}" + (f"  {'; '.join(notes)}" if notes else ""))
    print(f"{len(rows) - failures} ok, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
