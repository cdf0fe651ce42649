#!/usr/bin/python3
"""Soak test for gokernel (not run in CI).

Runs a mixed workload against one kernel for --minutes: printing cells whose
every line is checked, goroutine fan-outs whose result is checked, goroutines
that print after their cell ended (their lines must arrive under that cell),
interrupts of busy and blocked cells at random moments, recovered goroutine
panics, and crashes that restart the worker (stack overflow, os.Exit). After
each step `1 + 1` must answer 2. It samples the resident memory of the kernel
and its worker and prints, at the end, the counts of steps, of lost lines and
of unexpected replies, and the memory figures.

    GOKERNEL_BIN=$PWD/bin/gokernel /usr/bin/python3 kernel/bench/soak.py --minutes 30

Exit status 1 if any line was lost or any reply was unexpected.
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from queue import Empty

from jupyter_client.manager import KernelManager

REPO = Path(__file__).resolve().parents[2]

# The kernel binary and the process tree come from the test suite's helpers,
# so that GOKERNEL_BIN and /proc are read one way everywhere.
sys.path.insert(0, str(REPO / "kernel" / "tests"))
from utils import descendants, kernel_binary, rss_kib  # noqa: E402


def rss_kb(pid):
    """Resident memory of pid and all its descendants, in kB."""
    return sum(rss_kib(p) for p in [pid] + descendants(pid))


class Soak:
    def __init__(self, km, kc, rng):
        self.km, self.kc, self.rng = km, kc, rng
        self.steps = {}
        self.lost_lines = 0
        self.unexpected = []
        self.late = {}  # msg_id -> (expected lines, received text)

    def run(self, code, timeout=60, interrupt_after=None):
        """Execute code; return (reply content, stdout, stderr). Messages for
        other parents are checked against self.late. With interrupt_after,
        the cell is interrupted that many seconds after the kernel said it
        started it (execute_input), wherever it is then."""
        msg_id = self.kc.execute(code)
        self.last_result = None
        reply = None
        out = err = ""
        idle = False
        deadline = time.monotonic() + timeout
        while reply is None or not idle:
            if time.monotonic() > deadline:
                raise TimeoutError(f"cell timed out: {code[:60]!r}")
            try:
                msg = self.kc.get_iopub_msg(timeout=0.05)
                pid = msg["parent_header"].get("msg_id")
                if pid == msg_id:
                    if msg["msg_type"] == "execute_input" and interrupt_after is not None:
                        threading.Timer(interrupt_after, self.km.interrupt_kernel).start()
                    elif msg["msg_type"] == "stream":
                        if msg["content"]["name"] == "stdout":
                            out += msg["content"]["text"]
                        else:
                            err += msg["content"]["text"]
                    elif msg["msg_type"] == "execute_result":
                        self.last_result = msg["content"]["data"].get("text/plain")
                    elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                        idle = True
                elif pid in self.late and msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":
                    want, got = self.late[pid]
                    self.late[pid] = (want, got + msg["content"]["text"])
            except Empty:
                pass
            try:
                r = self.kc.get_shell_msg(timeout=0)
                if r["parent_header"].get("msg_id") == msg_id:
                    reply = r["content"]
            except Empty:
                pass
        return reply, out, err

    def expect(self, what, ok, detail):
        if not ok:
            self.unexpected.append(f"{what}: {detail}")

    def count(self, step):
        self.steps[step] = self.steps.get(step, 0) + 1

    # -- steps ---------------------------------------------------------------

    def lines(self):
        n = self.rng.choice([10, 1000, 20000])
        r, out, _ = self.run(f"for i := 0; i < {n}; i++ {{ fmt.Println(i) }}")
        got = out.split()
        want = [str(i) for i in range(n)]
        if got != want:
            self.lost_lines += max(0, n - len(got)) or 1
        self.expect("lines", r["status"] == "ok", r)

    def fanout(self):
        n = self.rng.choice([10, 1000, 5000])
        code = (
            "func() int {\n\tvar wg sync.WaitGroup\n\tvar mu sync.Mutex\n\tsum := 0\n"
            f"\tfor i := 1; i <= {n}; i++ {{\n\t\twg.Add(1)\n\t\tgo func() {{ defer wg.Done(); mu.Lock(); sum += i; mu.Unlock() }}()\n\t}}\n"
            "\twg.Wait()\n\treturn sum\n}()"
        )
        r, _, _ = self.run(code)
        self.expect("fanout", r["status"] == "ok", r)
        self.expect("fanout sum", self.last_result == str(n * (n + 1) // 2), self.last_result)

    def background(self):
        k = self.rng.randint(1, 50)
        code = f'go func() {{ time.Sleep(200 * time.Millisecond); for i := 0; i < {k}; i++ {{ fmt.Println("late", i) }} }}()'
        msg_id = self.kc.execute(code)
        self.late[msg_id] = (k, "")
        # the reply and idle are consumed by the next run()'s loop as "other" messages

    def interrupt(self):
        self.settle_late()  # an interrupt may stop every goroutine: settle first
        code = self.rng.choice(["for {}", "select {}", "time.Sleep(time.Hour)", "<-make(chan int)",
                                "var wg sync.WaitGroup\nwg.Add(1)\nwg.Wait()"])
        r, _, _ = self.run(code, interrupt_after=self.rng.uniform(0.05, 0.5))
        self.expect("interrupt", r.get("ename") == "interrupt", r)

    def panic(self):
        r, _, _ = self.run('go func() { panic("soak") }()\ntime.Sleep(20 * time.Millisecond)')
        self.expect("panic", r["status"] == "ok", r)

    def crash(self):
        self.settle_late()  # a crash ends every goroutine: settle first
        kind = self.rng.choice(["overflow", "exit"])
        if kind == "overflow":
            r, _, _ = self.run("func soakDown(n int) int { return soakDown(n+1) + 1 }\nsoakDown(0)")
            self.expect("crash", r.get("evalue") == "stack overflow", r)
        else:
            r, _, _ = self.run("os.Exit(4)")
            self.expect("exit", r.get("evalue") == "exit status 4", r)

    def check(self):
        r, _, _ = self.run("1 + 1")
        self.expect("check", r["status"] == "ok", r)

    def settle_late(self):
        """Wait for late output to arrive (bounded), then count what is missing.

        Called before each step that may end background goroutines (an
        interrupt, a crash), so a line is counted lost only if nothing
        stopped the goroutine that was to print it. The lines come within
        a second; 10 s tells lost from slow on a loaded machine."""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(
            got.count("\n") < want for want, got in self.late.values()
        ):
            self.run("1")
        for pid, (want, got) in self.late.items():
            n = got.count("\n")
            if n < want:
                self.lost_lines += want - n
        self.late.clear()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=30)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="gokernel-soak-"))
    try:
        binary = str(kernel_binary(tmp))
    except RuntimeError as e:
        sys.exit(str(e))
    subprocess.run([binary, "install", "--prefix", str(tmp)], check=True, stdout=subprocess.DEVNULL)
    os.environ["JUPYTER_PATH"] = str(tmp / "share" / "jupyter")

    km = KernelManager(kernel_name="gokernel")
    km.start_kernel(stderr=subprocess.DEVNULL)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=30)
    soak = Soak(km, kc, random.Random(args.seed))
    soak.run('import "fmt"\nimport "os"\nimport "sync"\nimport "time"')

    pid = km.provisioner.process.pid
    memory = [(0.0, rss_kb(pid))]
    t0 = time.monotonic()
    end = t0 + args.minutes * 60
    steps = [soak.lines, soak.fanout, soak.background, soak.interrupt, soak.panic, soak.crash]
    weights = [30, 20, 20, 15, 10, 5]
    last_sample = t0
    while time.monotonic() < end:
        step = soak.rng.choices(steps, weights)[0]
        soak.count(step.__name__)
        try:
            step()
            soak.check()
        except TimeoutError as e:
            soak.unexpected.append(str(e))
        if time.monotonic() - last_sample > 30:
            last_sample = time.monotonic()
            memory.append((last_sample - t0, rss_kb(pid)))
    soak.settle_late()
    memory.append((time.monotonic() - t0, rss_kb(pid)))

    kc.stop_channels()
    km.shutdown_kernel(now=True)
    shutil.rmtree(tmp, ignore_errors=True)

    print(f"soak: {args.minutes:g} minutes, seed {args.seed}")
    print("steps:", ", ".join(f"{k} {v}" for k, v in sorted(soak.steps.items())), f"(total {sum(soak.steps.values())})")
    print(f"lost lines: {soak.lost_lines}")
    print(f"unexpected replies: {len(soak.unexpected)}")
    for u in soak.unexpected[:10]:
        print("  ", u[:300])
    rss = [m for _, m in memory]
    print(f"RSS kernel+worker (MB): start {rss[0] / 1024:.1f}, min {min(rss) / 1024:.1f}, "
          f"max {max(rss) / 1024:.1f}, end {rss[-1] / 1024:.1f}")
    half = len(rss) // 2
    if half:
        print(f"RSS mean first half {sum(rss[:half]) / half / 1024:.1f} MB, "
              f"second half {sum(rss[half:]) / (len(rss) - half) / 1024:.1f} MB")
    sys.exit(1 if soak.lost_lines or soak.unexpected else 0)


if __name__ == "__main__":
    main()
