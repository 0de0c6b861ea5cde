#!/usr/bin/env python3
"""Corelanes' real-CPython workloads.

Every worker (thread or process) reports itself and its phases as JSON lines
on stdout, so Corelanes labels the OS threads it samples from /proc:

  {"ev": "hello", "key": "w0", "pid": 123, "tid": 125, "kind": "thread", "t": <CLOCK_MONOTONIC ms>}
  {"ev": "phase", "key": "w0", "tid": 125, "phase": "compute" | "io" | "done", "t": ...}
  {"ev": "progress", "key": "w0", "units": 42}
  {"ev": "done", "key": "w0", "units": 42}
  {"ev": "exit", "key": "w0", "code": 0}                    (serve mode, processes)
  {"ev": "info", "python": "3.11.7", "gil": true, "pid": 123}

Modes:
  run   --mode threads|processes|thread-pool|process-pool --workload cpu|io
        --workers N --duration S [--units N]
  serve reads JSON commands on stdin, one a line:
        {"cmd": "thread" | "process", "key": "w0", "workload": "cpu", "duration": 3, "units": null}
        {"cmd": "stop", "key": "w0"}   {"cmd": "kill", "key": "w0"}
        and ends (with every worker) when stdin closes: no orphan outlives Corelanes.
"""
import argparse
import json
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

UNIT_ITERATIONS = 2000  # one unit of CPU work: ~0.3 ms of bytecode on a desktop core
IO_SLEEP_S = 0.01
_out_lock = threading.Lock()


def now_ms():
    return time.monotonic_ns() / 1e6  # CLOCK_MONOTONIC, the clock Node's hrtime reads


def emit(**event):
    line = json.dumps(event, separators=(",", ":")) + "\n"
    with _out_lock:
        # One write per line (< PIPE_BUF) so lines of several processes never interleave.
        os.write(1, line.encode())


def die_with_parent():
    """Linux: get SIGKILL when the parent dies, so no worker is ever orphaned."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def gil_enabled():
    probe = getattr(sys, "_is_gil_enabled", None)
    return bool(probe()) if probe else True


def cpu_unit(x):
    for _ in range(UNIT_ITERATIONS):
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
    return x


def io_unit():
    with open("/proc/self/stat" if os.path.exists("/proc/self/stat") else __file__, "rb") as f:
        f.read()
    time.sleep(IO_SLEEP_S)


def work(key, kind, workload, duration, units, stop):
    """The body of one worker: CPU or I/O units until the duration, the units or a stop."""
    tid = threading.get_native_id()
    emit(ev="hello", key=key, pid=os.getpid(), tid=tid, kind=kind, t=now_ms())
    end = time.monotonic() + duration
    done = 0
    x = (tid or 1) & 0xFFFFFFFF or 1
    phase = None
    last_progress = 0.0
    while time.monotonic() < end and (units is None or done < units) and not stop.is_set():
        want = "compute" if workload == "cpu" else "io"
        if want != phase:
            phase = want
            emit(ev="phase", key=key, tid=tid, phase=phase, t=now_ms())
        if workload == "cpu":
            x = cpu_unit(x)
        else:
            io_unit()
        done += 1
        t = time.monotonic()
        if t - last_progress > 0.1:
            last_progress = t
            emit(ev="progress", key=key, units=done)
    emit(ev="phase", key=key, tid=tid, phase="done", t=now_ms())
    emit(ev="done", key=key, units=done)
    return done if x != -1 else 0


def process_main(key, workload, duration, units, stop):
    die_with_parent()
    work(key, "process", workload, duration, units, stop)


def pool_task(key, kind, workload, duration, units):
    # Each pool worker says hello once per task; the tid/pid tell which pool worker ran it.
    return work(key, kind, workload, duration, units, _NEVER)


class _Never:
    def is_set(self):
        return False


_NEVER = _Never()


def run(args):
    emit(ev="info", python=sys.version.split()[0], gil=gil_enabled(), pid=os.getpid(), mode=args.mode)
    n, wl, dur, units = args.workers, args.workload, args.duration, args.units
    if args.mode == "threads":
        stop = threading.Event()
        threads = [threading.Thread(target=work, args=(f"w{i}", "thread", wl, dur, units, stop), name=f"w{i}") for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()  # always join: a forgotten join is one of the classic mistakes
    elif args.mode == "processes":
        stop = multiprocessing.Event()
        procs = [multiprocessing.Process(target=process_main, args=(f"w{i}", wl, dur, units, stop)) for i in range(n)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
    else:
        # A pool: n workers, each task runs a slice of the duration, so tasks outnumber workers.
        tasks = n * args.tasks_per_worker
        slice_s = dur / args.tasks_per_worker
        pool_cls = ThreadPoolExecutor if args.mode == "thread-pool" else ProcessPoolExecutor
        kind = "thread" if args.mode == "thread-pool" else "process"
        extra = {} if kind == "thread" else {"initializer": die_with_parent}
        with pool_cls(max_workers=n, **extra) as pool:
            futures = [pool.submit(pool_task, f"t{i}", kind, wl, slice_s, units) for i in range(tasks)]
            for f in futures:
                f.result()
    emit(ev="finished", t=now_ms())


class Workers:
    """The workers of one interpreter per Corelanes run: its threads share this interpreter's GIL."""

    def __init__(self):
        self.threads = {}
        self.procs = {}

    def handle(self, cmd):
        key = str(cmd.get("key", ""))
        c = cmd.get("cmd")
        wl = cmd.get("workload", "cpu")
        dur = float(cmd.get("duration", 3))
        units = cmd.get("units")
        if c == "thread":
            stop = threading.Event()
            t = threading.Thread(target=self._thread_main, args=(key, wl, dur, units, stop), name=key, daemon=True)
            self.threads[key] = stop
            t.start()
        elif c == "process":
            stop = multiprocessing.Event()
            p = multiprocessing.Process(target=process_main, args=(key, wl, dur, units, stop), daemon=True)
            p.start()
            self.procs[key] = (p, stop)
            threading.Thread(target=self._watch, args=(key, p), daemon=True).start()
        elif c == "stop":
            if key in self.threads:
                self.threads[key].set()
            if key in self.procs:
                self.procs[key][1].set()
        elif c == "kill":
            if key in self.threads:
                self.threads[key].set()  # a Python thread cannot be killed, only asked
            if key in self.procs:
                self.procs[key][0].kill()
        else:
            emit(ev="error", message=f"unknown command {c!r}")

    def _thread_main(self, key, wl, dur, units, stop):
        try:
            work(key, "thread", wl, dur, units, stop)
            emit(ev="exit", key=key, code=0)
        except BaseException as e:  # report, then let the interpreter go on
            emit(ev="error", key=key, message=repr(e))
            emit(ev="exit", key=key, code=1)

    def _watch(self, key, p):
        p.join()
        emit(ev="exit", key=key, code=p.exitcode)

    def close(self):
        for stop in self.threads.values():
            stop.set()
        for p, _ in self.procs.values():
            if p.is_alive():
                p.kill()


def serve():
    die_with_parent()
    emit(ev="info", python=sys.version.split()[0], gil=gil_enabled(), pid=os.getpid(), mode="serve")
    h = Workers()
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            h.handle(json.loads(line))
        except Exception as e:
            emit(ev="error", message=f"bad command: {e}")
    h.close()  # stdin closed: Corelanes is gone or done
    os._exit(0)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run")
    r.add_argument("--mode", choices=["threads", "processes", "thread-pool", "process-pool"], default="threads")
    r.add_argument("--workload", choices=["cpu", "io"], default="cpu")
    r.add_argument("--workers", type=int, default=2)
    r.add_argument("--duration", type=float, default=3.0)
    r.add_argument("--units", type=int, default=None)
    r.add_argument("--tasks-per-worker", type=int, default=4)
    sub.add_parser("serve")
    args = ap.parse_args()
    if not 1 <= getattr(args, "workers", 1) <= 64:
        ap.error("--workers must be 1..64")
    if args.command == "serve":
        serve()
    else:
        run(args)


if __name__ == "__main__":
    main()
