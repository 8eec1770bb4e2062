# gil_latency: the GIL's handover, measured (the issue "Threads under a real
# GIL").  Two figures, at the default switch interval (5 ms):
#
#   wake delay   a CPU-bound thread spins while another sleeps 1 ms at a
#                time, WAKES times; each wake's delay is how late the
#                sleeper runs again after its 1 ms (it must wait for the
#                spinner to be asked to drop the GIL).  Target: the median
#                within 1.5x the switch interval.  The same sleeper alone
#                (no spinner) gives the timer's own overshoot, for scale.
#   throughput   CPU-bound work units done by 1 thread, and by 4 threads
#                together, each for SECONDS in all (in ROUNDS alternating
#                windows, so that a change in the machine's load affects
#                both alike); the ratio 4/1 shows whether handovers
#                collapse into a convoy.  Target: at least 0.9.
#
# Both are timings, so they go to stderr as `figure:` lines (bench/run.py
# prints them under its table).  The checksum on stdout is what the run
# computed deterministically: the number of wakes, the thread counts, and
# whether every work unit returned the right value.  The in-script column
# is `-`: the script's length is fixed by design, not a result.
#
# Usage: gil_latency.py [SECONDS [WAKES]]  (defaults 1.0 and 200)
import sys
import threading
import time

SECONDS = 1.0
WAKES = 200
ROUNDS = 4
if len(sys.argv) > 1:
    SECONDS = float(sys.argv[1])
if len(sys.argv) > 2:
    WAKES = int(sys.argv[2])


def work_unit():
    s = 0
    for j in range(2000):
        s += j * j % 7
    return s


UNIT = work_unit()


def cpu_worker(deadline, counts, bad, idx):
    n = 0
    while time.perf_counter() < deadline:
        if work_unit() != UNIT:
            bad[0] += 1
        n += 1
    counts[idx] = n


def throughput(nthreads, seconds, bad):
    counts = [0] * nthreads
    deadline = time.perf_counter() + seconds
    threads = []
    for i in range(nthreads):
        t = threading.Thread(target=cpu_worker, args=(deadline, counts, bad, i))
        threads.append(t)
        t.start()
    for t in threads:
        t.join()
    total = 0
    for c in counts:
        total += c
    return total


def spinner(stop):
    while not stop[0]:
        work_unit()


def sleeper(n, delays):
    for i in range(n):
        t0 = time.perf_counter()
        time.sleep(0.001)
        delays.append(time.perf_counter() - t0 - 0.001)


def median(xs):
    ys = sorted(xs)
    n = len(ys)
    if n % 2 == 1:
        return ys[n // 2]
    return (ys[n // 2 - 1] + ys[n // 2]) / 2


def wake_delays(with_spinner):
    stop = [False]
    delays = []
    spin = None
    if with_spinner:
        spin = threading.Thread(target=spinner, args=(stop,))
        spin.start()
    w = threading.Thread(target=sleeper, args=(WAKES, delays))
    w.start()
    w.join()
    stop[0] = True
    if spin is not None:
        spin.join()
    return delays


def main():
    interval = sys.getswitchinterval()
    bad = [0]
    alone = median(wake_delays(False))
    delays = wake_delays(True)
    contended = median(delays)
    one = 0
    four = 0
    for r in range(ROUNDS):
        one += throughput(1, SECONDS / ROUNDS, bad)
        four += throughput(4, SECONDS / ROUNDS, bad)
    ratio = four / one if one else 0.0
    ms = 1000.0
    err = sys.stderr
    print(f"figure: switch interval {interval * ms:.1f} ms", file=err)
    print(f"figure: wake delay, sleeper alone: median {alone * ms:.3f} ms", file=err)
    print(f"figure: wake delay, against a CPU-bound thread: median {contended * ms:.3f} ms"
          f" = {contended / interval:.2f}x the interval (target <= 1.5x); "
          f"max {max(delays) * ms:.3f} ms", file=err)
    print(f"figure: CPU-bound units in {SECONDS:g} s: 1 thread {one}, 4 threads {four}: "
          f"ratio {ratio:.3f} (target >= 0.9)", file=err)
    print("gil_latency", "-", "wakes", len(delays), "threads", "1,4", "bad_units", bad[0])


main()
