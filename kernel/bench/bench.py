#!/usr/bin/python3
"""Benchmark gokernel against ipykernel through jupyter_client.

Both kernels are started by jupyter_client's KernelManager in the same run and
driven the same way: a small synchronous client on the sockets from
KernelManager.connect_shell/connect_iopub, framing and signing messages as
jupyter_client's Session does but decoding them directly, so that the client's
own overhead is small (it is reported) and identical for both kernels. Every
row is printed for gokernel, ipykernel, the ratio gokernel/ipykernel and the
project's goal for gokernel (shown, never asserted).

    GOKERNEL_BIN=$PWD/bin/gokernel /usr/bin/python3 kernel/bench/bench.py [--quick] [--markdown FILE]

or `make bench BENCHFLAGS="--quick"`. Without $GOKERNEL_BIN the kernel is built
with `go build` into a temporary directory.

Row 12 (issue 10) also runs its cell on gokernel as it was at ddf257f, the
issue's baseline: --before-bin PATH, or built from `git archive ddf257f` of
this clone (skipped, with the reason printed, when the history is missing, as
in a shallow clone; --quick skips it when that build takes over 30 s, i.e. the
build cache is cold).

--quick (for CI) runs every row with tiny sizes and finishes in under a minute
(about 15 s, plus the baseline's build). It never asserts speed; the exit status is 1 when a row *failed to run*
(kernel died unexpectedly, timed out, wrong output), 0 otherwise, in both modes.

Rows and their definitions (see ROW_DOCS below, also printed with --markdown).
"""

import argparse
import datetime
import hashlib
import hmac
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import uuid
from pathlib import Path

import zmq
import jupyter_client
from jupyter_client import KernelManager

REPO_ROOT = Path(__file__).resolve().parents[2]

# The kernel binary and the process tree come from the test suite's helpers,
# so that GOKERNEL_BIN and /proc are read one way everywhere.
sys.path.insert(0, str(REPO_ROOT / "kernel" / "tests"))
from utils import descendants, kernel_binary, rss_kib  # noqa: E402

# --------------------------------------------------------------------------
# configuration

FULL = dict(starts=5, roundtrips=200, line_reps=3, completions=50, lines=100_000,
            goroutines=10_000, interrupts=3, crashes=3, mem_cells=10_000,
            timeline_reps=3, run_reps=5, cold_run=1, spin=1_000_000,
            stringer_lines=100_000, sort_n=100_000, sort_reps=3)
QUICK = dict(starts=2, roundtrips=100, line_reps=1, completions=10, lines=1_000,
             goroutines=1_000, interrupts=1, crashes=1, mem_cells=100,
             timeline_reps=1, run_reps=2, cold_run=0, spin=100_000,
             stringer_lines=10_000, sort_n=10_000, sort_reps=1)

STARTUP_TIMEOUT = 30.0
CELL_TIMEOUT = 60.0

ROW_DOCS = [
    ("start", "KernelManager.start_kernel() called → first kernel_info_reply received "
              "(kernel_info_request re-sent every 0.5 s until answered); median of N fresh starts, after one "
              "uncounted warm-up start (the first start_kernel() in a client process costs jupyter_client "
              "~130 ms of one-time work). "
              "Also start → the execute_result of a first cell `1`, sent once iopub is known to be "
              "subscribed (a kernel that answers kernel_info before its interpreter is ready pays the "
              "rest there)"),
    ("round trip", "execute_request of the cell `1` sent → execute_reply and status idle both "
                   "received; median and p99"),
    ("complete", "complete_request `fmt.Prin` (Go) / `print` (Python), cursor at end → "
                 "complete_reply with matches; median"),
    ("lines", "Go `for i := 0; i < N; i++ { fmt.Println(i) }`, Python `for i in range(N): print(i)`: "
              "execute_request → reply+idle; every stdout line received on iopub counted and checked "
              "against 0..N-1; number of iopub stream messages"),
    ("fan-out", "Go: sync.WaitGroup + M goroutines adding into a mutex-protected sum; Python: "
                "asyncio.gather of M tasks (top-level await), each task `await asyncio.sleep(0)` then "
                "returns its number; execute → reply+idle; sum checked"),
    ("interrupt", "busy loop `for {}` / `while True: pass` running ≥ 0.3 s, then "
                  "KernelManager.interrupt_kernel() (interrupt_request message for gokernel, SIGINT for "
                  "ipykernel) → execute_reply(error) and status idle; then a `1` cell must work; median"),
    ("crash → ready", "Go: cell `os.Exit(1)` (the Go program ends; a panic in a goroutine no longer ends it), then, once its reply+idle arrives, "
                      "cells `1` one after the other until one gives its execute_result (the panic may be "
                      "reported on the crash cell or on the next; the kernel restarts the worker by itself; "
                      "the row fails if the worker process did not change). Python: "
                      "cell `import os; os._exit(1)`; the bench polls KernelManager.is_alive() every 5 ms "
                      "and on death calls restart_kernel(now=True), waits for kernel_info_reply and runs `1` "
                      "(what Jupyter's auto-restarter does, minus its polling interval, 3 s by default). "
                      "Time from sending the crash cell to `1`'s execute_result; median"),
    ("memory", "RSS (VmRSS from /proc, MB = 10⁶ bytes) summed over the kernel process and all its descendants: "
               "fresh kernel, 1 s after its first cell `1`, then after K more cells `1` "
               "(growth = after − idle), with checkpoints at ¼, ½ and ¾; growth per cell over the last "
               "interval (¾ → all) judges \"bounded\""),
    ("timeline", "Go only (ipykernel has no peer): the fan-out cell of row 5 with `%%timeline` on its first line, "
                 "execute → reply+idle (recording, parsing the trace, drawing the SVG and the summary, sending the "
                 "display_data), next to the same cell without it, measured alternately in the same kernel; "
                 "median of R each; the sum is checked and the SVG must be there"),
    ("%%run", "Go only: `%%run` of a hello-world cell (`fmt` imported by an earlier cell), execute → reply+idle: "
              "writing the program, `go build`, running it. Cold: GOCACHE set to a fresh empty directory "
              "(`%env GOCACHE=…`, so the standard library is compiled too; full mode only); warm: the default "
              "cache, after one uncounted run; median of N"),
    ("spin", "a CPU-bound loop of N xorshift steps on a uint64 (Python: the same, masked to 64 bits), printing "
             "the result, execute → reply+idle; for gokernel also the same cell under `%%run` (after one "
             "uncounted run that builds it); the three results must agree"),
    ("stringer", "issue 10: Go cell `type benchP struct{ X, Y int }` with a value-receiver `String()` "
                 "(`P(x, y)`), then `fmt.Println(benchP{i, -i})` for i < N; Python: a class with `__str__`, "
                 "`print(BenchP(i, -i))`; execute → reply+idle, every line checked, median of the lines "
                 "row's reps. The same Go cell on gokernel built from ddf257f (the issue's baseline, "
                 "measured alternately with the kernel under test; `--before-bin`, else built from "
                 "`git archive ddf257f`; skipped with the reason when the history is missing, and in "
                 "--quick when the build takes over 30 s), whether its lines were right, and how each "
                 "kernel shows the cell value `benchP{1, -1}`. Then the round trip `1` on both, "
                 "alternating blocks of 20, median of the round-trip row's count each (the issue wants "
                 "after ≤ 1.10 × before)"),
    ("sort", "issue 11: a cell makes N ints (xorshift, mod 10⁶), copies them, and times, with time.Now "
             "inside the cell, `slices.Sort` of one copy and `sort.Ints` of the other, printing both "
             "durations (the bench parses them; the sorted values are checked); then the same cell "
             "under `%%run` (built by one uncounted run; compile time is outside the timed part); "
             "Python: `list.sort()` of the same data timed with perf_counter; median of R each"),
]

DELIM = b"<IDS|MSG>"
GO = "gokernel"
PY = "ipykernel"


class RowFailed(Exception):
    pass


class StartFailed(RowFailed):
    pass


# --------------------------------------------------------------------------
# process tree memory

def tree_pids(root):
    return [root] + descendants(root)


def tree_rss_mib(root):
    pids = tree_pids(root)
    return sum(rss_kib(p) for p in pids) * 1024 / 1e6, len(pids)


def split_rss(root):
    """(kernel process MB, its descendants MB), MB = 10^6 bytes."""
    pids = tree_pids(root)
    own = rss_kib(root) * 1024 / 1e6
    return own, sum(rss_kib(p) for p in pids if p != root) * 1024 / 1e6


# --------------------------------------------------------------------------
# a kernel under test

class Kernel:
    """One running kernel: KernelManager for its life, a sync client for messages."""

    def __init__(self, label, kernel_name, logdir):
        self.label = label
        self.kernel_name = kernel_name
        self.logdir = logdir
        self.km = None
        self.shell = self.iopub = None
        self.nstarts = 0
        self.log = None
        self.start_failures = 0
        self.ready = False      # setup cell has run in the current interpreter
        self.first_cell = None  # seconds from start_kernel() to the first `1` result

    # -- life cycle --
    def start(self):
        """Start a fresh kernel; return seconds from start_kernel() to kernel_info_reply."""
        self.stop()
        self.nstarts += 1
        self.km = KernelManager(kernel_name=self.kernel_name)
        self.log = open(self.logdir / f"{self.label}-{self.nstarts}.log", "wb")
        t0 = time.perf_counter()
        self.km.start_kernel(stdout=self.log, stderr=subprocess.STDOUT)
        self._connect()
        try:
            t = self._wait_kernel_info(t0)
        except RowFailed as e:
            raise StartFailed(str(e)) from None
        self._wait_iopub()
        self.ready = False
        # start → first cell result: a kernel that answers kernel_info before
        # its interpreter is ready pays the rest here.
        _, reply, msgs = self.execute("1", timeout=STARTUP_TIMEOUT)
        self.first_cell = time.perf_counter() - t0 if result_text(msgs) == "1" else None
        return t

    def _connect(self):
        self.session = self.km.session
        self.key = self.session.key
        if self.session.signature_scheme != "hmac-sha256":
            raise RowFailed(f"unexpected signature scheme {self.session.signature_scheme}")
        self.shell = self.km.connect_shell()
        self.iopub = self.km.connect_iopub()

    def _close_sockets(self):
        for s in (self.shell, self.iopub):
            if s is not None:
                s.close(linger=0)
        self.shell = self.iopub = None

    def _wait_kernel_info(self, t0, timeout=None):
        timeout = timeout or STARTUP_TIMEOUT
        deadline = t0 + timeout
        next_send = 0.0
        sent = set()
        while True:
            now = time.perf_counter()
            if now > deadline:
                raise RowFailed(f"no kernel_info_reply within {timeout:.0f} s")
            if now >= next_send:
                sent.add(self.send("kernel_info_request", {}))
                next_send = now + 0.5
            if self.shell.poll(10):
                msg = self.recv(self.shell)
                if msg["msg_type"] == "kernel_info_reply" and msg["parent_header"].get("msg_id") in sent:
                    return time.perf_counter() - t0
            elif not self.km.is_alive():
                raise RowFailed("kernel process exited during start " + self.log_tail())

    def _wait_iopub(self, timeout=10.0):
        """The iopub SUB socket may connect after the first messages: wait until
        it receives something (the status messages of a kernel_info_request)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            mid = self.send("kernel_info_request", {})
            got_iopub = False
            end = time.perf_counter() + 0.5
            while time.perf_counter() < end:
                ev = dict(self.poller().poll(50))
                if self.shell in ev:
                    self.recv(self.shell)
                if self.iopub in ev:
                    m = self.recv(self.iopub)
                    if m["parent_header"].get("msg_id") == mid and m["msg_type"] == "status" \
                            and m["content"].get("execution_state") == "idle":
                        got_iopub = True
                        break
            if got_iopub:
                self.drain()
                return
        # Not fatal: some kernels may not publish status for kernel_info.
        self.drain()

    def poller(self):
        p = zmq.Poller()
        p.register(self.shell, zmq.POLLIN)
        p.register(self.iopub, zmq.POLLIN)
        return p

    def stop(self):
        if self.log is not None:
            self.log.close()
            self.log = None
        if self.km is None:
            return
        self._close_sockets()
        try:
            if self.km.is_alive():
                self.km.shutdown_kernel(now=False)
        except Exception:
            try:
                self.km.shutdown_kernel(now=True)
            except Exception:
                pass
        try:
            self.km.cleanup_resources()
        except Exception:
            pass
        self.km = None

    def alive(self):
        return self.km is not None and self.km.is_alive()

    def ensure(self):
        if not self.alive():
            self.start()

    def pid(self):
        return self.km.provisioner.process.pid

    def log_tail(self, n=400):
        try:
            data = (self.logdir / f"{self.label}-{self.nstarts}.log").read_bytes()
            t = data[-n:].decode(errors="replace").strip()
            return f"(log: …{t})" if t else ""
        except OSError:
            return ""

    # -- messages --
    def send(self, msg_type, content, sock=None):
        """Send one message, framed and signed as Session.send does (but cheaper)."""
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": msg_type, "username": self.session.username,
                  "session": self.session.session, "version": "5.3",
                  "date": datetime.datetime.now(datetime.timezone.utc).isoformat()}
        parts = [json.dumps(header).encode(), b"{}", b"{}", json.dumps(content).encode()]
        sig = b""
        if self.key:
            h = hmac.new(self.key, digestmod=hashlib.sha256)
            for f in parts:
                h.update(f)
            sig = h.hexdigest().encode()
        (sock or self.shell).send_multipart([DELIM, sig] + parts)
        return msg_id

    def recv(self, sock):
        """Receive one message. Session.recv costs ~0.2 ms of Python per message
        (date parsing, Message objects), more than gokernel spends on a whole
        cell, so this decodes the frames directly: signature checked, header,
        parent_header and content parsed with json.loads."""
        frames = sock.recv_multipart()
        try:
            i = frames.index(DELIM)
        except ValueError:
            raise RowFailed("malformed message: no <IDS|MSG> delimiter") from None
        sig, parts = frames[i + 1], frames[i + 2:i + 6]
        if self.key:
            h = hmac.new(self.key, digestmod=hashlib.sha256)
            for f in parts:
                h.update(f)
            if not hmac.compare_digest(h.hexdigest().encode(), sig):
                raise RowFailed("bad message signature")
        header = json.loads(parts[0])
        return {"header": header, "msg_type": header.get("msg_type"),
                "parent_header": json.loads(parts[1]), "content": json.loads(parts[3])}

    def drain(self):
        for s in (self.shell, self.iopub):
            while s.poll(0):
                self.recv(s)

    def execute(self, code, timeout=None, on_iopub=None, t_start=None):
        """Run a cell; return (seconds to reply+idle, reply content, iopub msgs).

        on_iopub(msg) is called for each iopub message of this cell; when given,
        messages are not kept (for large outputs)."""
        t0 = time.perf_counter() if t_start is None else t_start
        mid = self.send("execute_request", {
            "code": code, "silent": False, "store_history": True,
            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        return self.collect(mid, t0, timeout, on_iopub)

    def collect(self, mid, t0, timeout=None, on_iopub=None):
        timeout = timeout or CELL_TIMEOUT
        reply = None
        idle = False
        msgs = []
        poller = self.poller()
        deadline = time.perf_counter() + timeout
        while reply is None or not idle:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise RowFailed(f"timeout after {timeout:.0f} s waiting for "
                                f"{'reply' if reply is None else 'idle'}")
            ev = dict(poller.poll(min(left, 0.25) * 1000))
            if not ev:
                if not self.km.is_alive():
                    raise RowFailed("kernel died " + self.log_tail())
                continue
            if self.shell in ev:
                m = self.recv(self.shell)
                if m["parent_header"].get("msg_id") == mid and m["msg_type"] == "execute_reply":
                    reply = m["content"]
            if self.iopub in ev:
                m = self.recv(self.iopub)
                if m["parent_header"].get("msg_id") != mid:
                    continue
                if m["msg_type"] == "status" and m["content"].get("execution_state") == "idle":
                    idle = True
                elif on_iopub is not None:
                    on_iopub(m)
                else:
                    msgs.append(m)
        return time.perf_counter() - t0, reply, msgs

    def request(self, msg_type, content, reply_type, timeout=10.0):
        t0 = time.perf_counter()
        mid = self.send(msg_type, content)
        deadline = t0 + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise RowFailed(f"no {reply_type} within {timeout:.0f} s")
            if self.shell.poll(min(left, 0.25) * 1000):
                m = self.recv(self.shell)
                if m["parent_header"].get("msg_id") == mid and m["msg_type"] == reply_type:
                    return time.perf_counter() - t0, m["content"]
            elif not self.km.is_alive():
                raise RowFailed("kernel died " + self.log_tail())



def result_text(msgs):
    for m in msgs:
        if m["msg_type"] == "execute_result":
            return m["content"]["data"].get("text/plain")
    return None


def check_ok(reply, what):
    if reply.get("status") != "ok":
        raise RowFailed(f"{what}: {reply.get('status')} {reply.get('ename', '')}: "
                        f"{reply.get('evalue', '')}".strip())


# --------------------------------------------------------------------------
# the language-specific cells

CELLS = {
    GO: dict(
        setup='import "fmt"',
        trivial="1",
        complete=("fmt.Prin", "Println"),
        lines="for i := 0; i < {n}; i++ {{ fmt.Println(i) }}",
        fanout_setup='import "sync"',
        fanout=("benchFanOut := func() int {{\n"
                "\tvar wg sync.WaitGroup\n"
                "\tvar mu sync.Mutex\n"
                "\tsum := 0\n"
                "\tfor i := 0; i < {n}; i++ {{\n"
                "\t\twg.Add(1)\n"
                "\t\tgo func(n int) {{ defer wg.Done(); mu.Lock(); sum += n; mu.Unlock() }}(i)\n"
                "\t}}\n"
                "\twg.Wait()\n"
                "\treturn sum\n"
                "}}\n"
                "benchFanOut()"),
        loop="for {}",
        crash='import "os"\nos.Exit(1)',
    ),
    PY: dict(
        setup="pass",
        trivial="1",
        complete=("print", "print"),
        lines="for i in range({n}): print(i)",
        fanout_setup="import asyncio",
        fanout=("async def _bench_task(n):\n"
                "    await asyncio.sleep(0)\n"
                "    return n\n"
                "sum(await asyncio.gather(*(_bench_task(i) for i in range({n}))))"),
        loop="while True: pass",
        crash="import os; os._exit(1)",
    ),
}


# --------------------------------------------------------------------------
# rows. Each returns a dict of named values (seconds, counts, MiB).

def pct(xs, p):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = min(len(xs) - 1, max(0, int(round(p / 100.0 * (len(xs) - 1)))))
    return xs[k]


def row_start(k, cfg, lang):
    # The first start_kernel() in a client process costs jupyter_client ~130 ms
    # of one-time work (provisioner entry points): one start is done first and
    # not counted.
    cold = k.start()
    ts, firsts = [], []
    for _ in range(cfg["starts"]):
        ts.append(k.start())
        if k.first_cell is None:
            raise RowFailed("first `1` cell gave no result")
        firsts.append(k.first_cell)
    k.stop()
    return {"median": statistics.median(ts), "min": min(ts), "max": max(ts), "n": len(ts),
            "all": ts, "first": statistics.median(firsts), "cold": cold}


def warm(k, lang):
    """A running kernel whose setup cell (`import "fmt"`) has run once. The setup
    runs once per interpreter: gokernel rejects a second `import "fmt"`."""
    k.ensure()
    if not k.ready:
        _, reply, _ = k.execute(CELLS[lang]["setup"])
        check_ok(reply, "setup cell")
        k.ready = True


def row_roundtrip(k, cfg, lang):
    warm(k, lang)
    for _ in range(10):  # warm-up
        k.execute(CELLS[lang]["trivial"])
    ts = []
    cpu0 = time.process_time()
    for _ in range(cfg["roundtrips"]):
        t, reply, msgs = k.execute(CELLS[lang]["trivial"])
        check_ok(reply, "trivial cell")
        ts.append(t)
    cpu = (time.process_time() - cpu0) / cfg["roundtrips"]
    if result_text(msgs) != "1":
        raise RowFailed(f"`1` gave {result_text(msgs)!r}")
    return {"median": statistics.median(ts), "p99": pct(ts, 99), "n": len(ts), "client_cpu": cpu}


def row_complete(k, cfg, lang):
    warm(k, lang)
    code, want = CELLS[lang]["complete"]
    ts = []
    for _ in range(3):
        k.request("complete_request", {"code": code, "cursor_pos": len(code)}, "complete_reply")
    for _ in range(cfg["completions"]):
        t, c = k.request("complete_request", {"code": code, "cursor_pos": len(code)}, "complete_reply")
        ts.append(t)
    if want not in c.get("matches", []):
        raise RowFailed(f"{want!r} not in matches {c.get('matches', [])[:5]}")
    return {"median": statistics.median(ts), "n": len(ts)}


def row_lines(k, cfg, lang):
    runs = [lines_once(k, cfg, lang) for _ in range(cfg["line_reps"])]
    out = dict(min(runs, key=lambda r: r["lines"]))  # the worst delivery
    out["time"] = statistics.median(r["time"] for r in runs)
    out["times"] = [r["time"] for r in runs]
    out["msgs"] = max(r["msgs"] for r in runs)
    return out


def lines_once(k, cfg, lang):
    warm(k, lang)
    n = cfg["lines"]
    return checked_lines(k, CELLS[lang]["lines"].format(n=n), n, str,
                         lambda p: int(p) if p.isdigit() else None, "lines cell")


def checked_lines(k, code, n, want, index, what):
    """Run a cell that prints the lines want(0), …, want(n-1) on stdout; count
    and check every line received on iopub. index(line) is the number a line
    stands for (None when it stands for none): after a wrong line, the check
    goes on from there."""
    state = {"buf": "", "lines": 0, "stream_msgs": 0, "stderr": 0, "bad": 0, "expect": 0,
             "first_bad": None, "errors": []}

    def on(m):
        t = m["msg_type"]
        if t == "stream":
            state["stream_msgs"] += 1
            if m["content"]["name"] != "stdout":
                state["stderr"] += 1
                return
            buf = state["buf"] + m["content"]["text"]
            parts = buf.split("\n")
            state["buf"] = parts.pop()
            for p in parts:
                if p != want(state["expect"]):
                    if state["first_bad"] is None:
                        state["first_bad"] = (state["expect"], p[:60])
                    state["bad"] += 1
                i = index(p)
                state["expect"] = i + 1 if i is not None else state["expect"] + 1
                state["lines"] += 1
        elif t == "error":
            state["errors"].append(m["content"].get("ename"))

    t, reply, _ = k.execute(code, on_iopub=on)
    if state["buf"]:
        state["lines"] += 1
    check_ok(reply, what)
    out = {"time": t, "lines": state["lines"], "expected": n, "msgs": state["stream_msgs"],
           "bad": state["bad"], "first_bad": state["first_bad"]}
    problems = []
    if state["lines"] != n:
        problems.append(f"{state['lines']}/{n} lines")
    if state["bad"]:
        problems.append(f"{state['bad']} out-of-order/garbled lines, first at {state['first_bad']}")
    if state["stderr"]:
        problems.append(f"{state['stderr']} stderr messages")
    if problems:
        out["note"] = "; ".join(problems)
    return out


def row_fanout(k, cfg, lang):
    warm(k, lang)
    _, reply, _ = k.execute(CELLS[lang]["fanout_setup"])
    check_ok(reply, "fan-out setup")
    n = cfg["goroutines"]
    t, reply, msgs = k.execute(CELLS[lang]["fanout"].format(n=n))
    check_ok(reply, "fan-out cell")
    want = str(n * (n - 1) // 2)
    got = result_text(msgs)
    if got != want:
        raise RowFailed(f"sum {got!r}, want {want}")
    return {"time": t, "n": n}


def row_interrupt(k, cfg, lang):
    ts = []
    aborted = 0
    for _ in range(cfg["interrupts"]):
        warm(k, lang)
        mid = k.send("execute_request", {
            "code": CELLS[lang]["loop"], "silent": False, "store_history": True,
            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        # wait until the cell is running (execute_input), then let it spin
        deadline = time.perf_counter() + 10
        started = False
        while time.perf_counter() < deadline and not started:
            if k.iopub.poll(100):
                m = k.recv(k.iopub)
                if m["parent_header"].get("msg_id") == mid and m["msg_type"] == "execute_input":
                    started = True
        if not started:
            raise RowFailed("loop cell never started")
        # let it spin 0.3 s; it must still be running when the interrupt is sent
        end = time.perf_counter() + 0.3
        poller = k.poller()
        while (left := end - time.perf_counter()) > 0:
            ev = dict(poller.poll(left * 1000))
            for sock in ev:
                m = k.recv(sock)
                if m["parent_header"].get("msg_id") != mid:
                    continue
                if m["msg_type"] in ("execute_reply", "error") or (
                        m["msg_type"] == "status" and m["content"].get("execution_state") == "idle"):
                    c = m["content"]
                    raise RowFailed(f"the loop cell ended by itself before the interrupt: "
                                    f"{m['msg_type']} {c.get('ename', '')}: {c.get('evalue', '')}")
        before = set(tree_pids(k.pid()))
        t0 = time.perf_counter()
        k.km.interrupt_kernel()
        t, reply, msgs = k.collect(mid, t0, timeout=30)
        if reply.get("status") != "error":
            raise RowFailed(f"interrupted cell status {reply.get('status')!r}")
        ts.append(t)
        restarted = not (set(tree_pids(k.pid())) & (before - {k.pid()})) if lang == GO else False
        if restarted:
            k.ready = False
        # the kernel must still work (same process or a restarted worker).
        # ipykernel answers "aborted" to a cell that arrives right after an
        # error (its stop_on_error abort window): retry that until the window
        # has passed (bounded).
        deadline = time.perf_counter() + 30
        while True:
            _, reply2, msgs2 = k.execute(CELLS[lang]["trivial"], timeout=30)
            if reply2.get("status") != "aborted" or time.perf_counter() > deadline:
                break
            aborted += 1
        check_ok(reply2, "cell after interrupt")
    note = f"{reply.get('ename', '')}" + ("; worker restarted" if restarted else "")
    if aborted:
        note += f"; next cell `1` aborted {aborted}× first"
    return {"median": statistics.median(ts), "max": max(ts), "n": len(ts), "note": note}


def row_crash(k, cfg, lang):
    ts = []
    where = {}  # which cell reported the crash -> count
    for _ in range(cfg["crashes"]):
        warm(k, lang)
        t0 = time.perf_counter()
        if lang == GO:
            before = set(tree_pids(k.pid()))
            _, reply, msgs = k.execute(CELLS[lang]["crash"], timeout=30)
            crash_err = f"{reply.get('ename', '')}: {reply.get('evalue', '')}" if reply.get("status") == "error" else None
            # The panic may be reported on the crash cell or on the next one;
            # send `1` until one gives its result.
            tries = 0
            while True:
                tries += 1
                t, reply, msgs = k.execute(CELLS[lang]["trivial"], timeout=30, t_start=t0)
                if reply.get("status") == "ok" and result_text(msgs) == "1":
                    break
                if tries == 1 and crash_err is None and reply.get("status") == "error":
                    crash_err = f"{reply.get('ename', '')}: {reply.get('evalue', '')}"
                if tries >= 5:
                    raise RowFailed(f"`1` still fails after the crash: {reply.get('evalue', reply)}")
            if tries == 1:
                key = "crash cell got the error" if crash_err else "no error reported"
            else:
                key = f"crash cell ok, next `1` got the error and did not run (+{tries - 1} `1`)"
            where[key] = where.get(key, 0) + 1
            last_err = crash_err
            if set(tree_pids(k.pid())) & (before - {k.pid()}):
                raise RowFailed("the worker process did not change: no crash happened"
                                + (f" (crash cell: {crash_err})" if crash_err else ""))
            k.ready = False  # a fresh worker: imports are gone
        else:
            k.send("execute_request", {
                "code": CELLS[lang]["crash"], "silent": False, "store_history": True,
                "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
            deadline = t0 + 30
            while k.km.is_alive():
                if time.perf_counter() > deadline:
                    raise RowFailed("kernel did not exit after os._exit(1)")
                time.sleep(0.005)
            k._close_sockets()
            k.km.restart_kernel(now=True)
            k._connect()
            k._wait_kernel_info(time.perf_counter())
            k._wait_iopub()
            t, reply, msgs = k.execute(CELLS[lang]["trivial"], timeout=30, t_start=t0)
            check_ok(reply, "cell after restart")
            k.ready = False
            where["kernel exited"] = where.get("kernel exited", 0) + 1
            last_err = None
        if result_text(msgs) != "1":
            raise RowFailed(f"`1` after crash gave {result_text(msgs)!r}")
        ts.append(t)
    note = "; ".join(f"{n}× {w}" for w, n in where.items())
    if last_err:
        note += f" [{last_err}]"
    return {"median": statistics.median(ts), "max": max(ts), "n": len(ts), "note": note}


def row_memory(k, cfg, lang):
    k.start()
    time.sleep(1.0)
    idle, nproc = tree_rss_mib(k.pid())
    idle_split = split_rss(k.pid())
    n = cfg["mem_cells"]
    trivial = CELLS[lang]["trivial"]
    marks = []
    checkpoints = {n // 4, n // 2, 3 * n // 4}
    for i in range(1, n + 1):
        _, reply, _ = k.execute(trivial)
        if reply.get("status") != "ok":
            raise RowFailed(f"cell {i}: {reply.get('status')}")
        if i in checkpoints:
            marks.append((i, tree_rss_mib(k.pid())[0]) + split_rss(k.pid()))
    time.sleep(0.5)
    after, _ = tree_rss_mib(k.pid())
    after_split = split_rss(k.pid())
    marks.append((n, after) + after_split)
    k.stop()
    return {"idle": idle, "procs": nproc, "marks": marks, "after": after,
            "growth": after - idle, "n": n, "idle_split": idle_split, "after_split": after_split}


NO_PEER = {"no_peer": True}  # a row ipykernel has nothing to compare with


def row_timeline(k, cfg, lang):
    if lang != GO:
        return NO_PEER
    warm(k, lang)
    _, reply, _ = k.execute(CELLS[lang]["fanout_setup"])
    check_ok(reply, "fan-out setup")
    n = cfg["goroutines"]
    cell = CELLS[lang]["fanout"].format(n=n)
    want = str(n * (n - 1) // 2)
    plain, traced, svg = [], [], 0
    for _ in range(cfg["timeline_reps"]):
        t, reply, msgs = k.execute(cell)
        check_ok(reply, "fan-out cell")
        if result_text(msgs) != want:
            raise RowFailed(f"sum {result_text(msgs)!r}, want {want}")
        plain.append(t)
        t, reply, msgs = k.execute("%%timeline\n" + cell)
        check_ok(reply, "%%timeline fan-out cell")
        if result_text(msgs) != want:
            raise RowFailed(f"%%timeline: sum {result_text(msgs)!r}, want {want}")
        shown = [m for m in msgs if m["msg_type"] == "display_data" and "image/svg+xml" in m["content"]["data"]]
        if not shown:
            raise RowFailed("%%timeline showed no SVG")
        svg = len(shown[0]["content"]["data"]["image/svg+xml"])
        traced.append(t)
    return {"time": statistics.median(traced), "without": statistics.median(plain), "n": n, "svg": svg}


RUN_HELLO = '%%run\nfmt.Println("hello")'


def row_gorun(k, cfg, lang):
    if lang != GO:
        return NO_PEER
    warm(k, lang)  # imports fmt, which the %%run cell uses
    out = {"cold": None}

    def hello():
        t, reply, msgs = k.execute(RUN_HELLO, timeout=300)
        check_ok(reply, "%%run hello")
        got = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")
        if got != "hello\n":
            raise RowFailed(f"%%run printed {got!r}")
        return t

    if cfg["cold_run"]:
        cache = tempfile.mkdtemp(prefix="gokernel-bench-gocache-")
        try:
            _, reply, _ = k.execute(f"%env GOCACHE={cache}")
            check_ok(reply, "%env GOCACHE")
            out["cold"] = hello()
        finally:
            default = os.environ.get("GOCACHE") or sh(["go", "env", "GOCACHE"])
            _, reply, _ = k.execute(f"%env GOCACHE={default}")
            shutil.rmtree(cache, ignore_errors=True)
        check_ok(reply, "%env GOCACHE back")
    hello()  # uncounted: builds the program into the default cache
    ts = [hello() for _ in range(cfg["run_reps"])]
    out.update(warm=statistics.median(ts), all=ts, n=len(ts))
    return out


SPIN_GO = """spinX := uint64(1)
for i := 0; i < {n}; i++ {{
	spinX ^= spinX << 13
	spinX ^= spinX >> 7
	spinX ^= spinX << 17
}}
fmt.Println(spinX)"""

SPIN_PY = """spin_x = 1
for _ in range({n}):
    spin_x ^= (spin_x << 13) & 0xFFFFFFFFFFFFFFFF
    spin_x ^= spin_x >> 7
    spin_x ^= (spin_x << 17) & 0xFFFFFFFFFFFFFFFF
print(spin_x)"""


def spin_want(n):
    x, m = 1, 0xFFFFFFFFFFFFFFFF
    for _ in range(n):
        x ^= (x << 13) & m
        x ^= x >> 7
        x ^= (x << 17) & m
    return f"{x}\n"


def row_spin(k, cfg, lang):
    warm(k, lang)
    n = cfg["spin"]
    want = spin_want(n)

    def run(code):
        t, reply, msgs = k.execute(code, timeout=300)
        check_ok(reply, "spin cell")
        got = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")
        if got != want:
            raise RowFailed(f"spin printed {got!r}, want {want!r}")
        return t

    if lang == PY:
        return {"time": run(SPIN_PY.format(n=n)), "n": n}
    out = {"time": run(SPIN_GO.format(n=n)), "n": n}
    run("%%run\n" + SPIN_GO.format(n=n))  # uncounted: builds it
    out["run"] = run("%%run\n" + SPIN_GO.format(n=n))
    return out


# --------------------------------------------------------------------------
# issue 10: a Stringer per line, and the kernel before the work

BEFORE_COMMIT = "ddf257f"     # the baseline named in issue 10's text
QUICK_BUILD_BUDGET = 30.0     # --quick builds the baseline only if that is quick (a warm build cache)


class SkipBefore(Exception):
    pass


class Baseline:
    """gokernel as it was at BEFORE_COMMIT, for the "before" column of row 12:
    --before-bin, or built on first use from `git archive BEFORE_COMMIT` of this
    clone (none when the history is missing, e.g. a shallow clone; in --quick
    mode none when the build takes longer than QUICK_BUILD_BUDGET). why says
    why there is none."""

    def __init__(self, tmp, quick, given=None):
        self.tmp, self.quick, self.given = tmp, quick, given
        self.bin = self.why = self.build_time = None
        self.tried = False

    def binary(self):
        if not self.tried:
            self.tried = True
            try:
                self.bin = self._find()
            except SkipBefore as e:
                self.why = str(e)
                print(f"  (no 'before' kernel: {self.why})", file=sys.stderr, flush=True)
        return self.bin

    def _find(self):
        if self.given:
            path = Path(self.given).resolve()
            if not path.is_file():
                raise SkipBefore(f"--before-bin {self.given} does not exist")
            return path
        git, go = shutil.which("git"), shutil.which("go")
        if git is None or go is None:
            raise SkipBefore(f"building {BEFORE_COMMIT} needs git and go on PATH")

        def git_out(*args):
            return subprocess.run([git, "-C", str(REPO_ROOT), *args], capture_output=True, text=True, timeout=30)

        shallow = git_out("rev-parse", "--is-shallow-repository")
        if shallow.returncode != 0:
            raise SkipBefore(f"not a git clone, so no commit {BEFORE_COMMIT} to build")
        if git_out("cat-file", "-e", BEFORE_COMMIT + "^{commit}").returncode != 0:
            why = "a shallow clone" if shallow.stdout.strip() == "true" else "this clone"
            raise SkipBefore(f"commit {BEFORE_COMMIT} is not in the history of {why}")
        src = self.tmp / f"src-{BEFORE_COMMIT}"
        src.mkdir()
        archive = subprocess.Popen([git, "-C", str(REPO_ROOT), "archive", BEFORE_COMMIT], stdout=subprocess.PIPE)
        untar = subprocess.run(["tar", "-x", "-C", str(src)], stdin=archive.stdout, capture_output=True)
        archive.stdout.close()
        if archive.wait() != 0 or untar.returncode != 0:
            raise SkipBefore(f"git archive {BEFORE_COMMIT} failed: {untar.stderr.decode(errors='replace')[-200:]}")
        out = self.tmp / f"gokernel-{BEFORE_COMMIT}"
        budget = QUICK_BUILD_BUDGET if self.quick else 600.0
        print(f"building gokernel at {BEFORE_COMMIT} for row 12's 'before' column…", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        # its own process group, so that a build over the budget ends with its compilers
        build = subprocess.Popen([go, "build", "-trimpath", "-ldflags", f"-s -w -X main.version={BEFORE_COMMIT}",
                                  "-o", str(out), "./kernel/cmd/gokernel"], cwd=src,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            log, _ = build.communicate(timeout=budget)
        except subprocess.TimeoutExpired:
            os.killpg(build.pid, signal.SIGKILL)
            build.communicate()
            raise SkipBefore(f"--quick: building {BEFORE_COMMIT} took over {budget:.0f} s (a cold build cache); "
                             "the full mode builds it, or give --before-bin") from None
        finally:
            shutil.rmtree(src, ignore_errors=True)
        if build.returncode != 0:
            raise SkipBefore(f"go build of {BEFORE_COMMIT} failed: {log.decode(errors='replace').strip()[-300:]}")
        self.build_time = time.perf_counter() - t0
        return out

    def kernel(self, logdir):
        """A Kernel for the baseline binary (installed as a kernelspec next to
        the others), not started; None when there is no baseline."""
        b = self.binary()
        if b is None:
            return None
        inst = subprocess.run([str(b), "install", "--prefix", str(self.tmp / "prefix"), "--name", "bench-gokernel-before"],
                              capture_output=True, timeout=60)
        if inst.returncode != 0:
            raise RowFailed(f"{b} install failed: {inst.stderr.decode(errors='replace').strip()[-200:]}")
        return Kernel(f"{GO}-{BEFORE_COMMIT}", "bench-gokernel-before", logdir)


BASELINE = None  # set by main
LOGDIR = None

STRINGER_GO = """type benchP struct{{ X, Y int }}

func (p benchP) String() string {{ return fmt.Sprintf("P(%d, %d)", p.X, p.Y) }}

for i := 0; i < {n}; i++ {{
	fmt.Println(benchP{{i, -i}})
}}"""

STRINGER_PY = """class BenchP:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __str__(self):
        return f"P({{self.x}}, {{self.y}})"
for i in range({n}):
    print(BenchP(i, -i))"""

STRINGER_VALUE = {GO: "benchP{1, -1}", PY: "print(BenchP(1, -1))"}


def stringer_want(i):
    return f"P({i}, {-i})"


def stringer_index(line):
    if line.startswith("P(") and "," in line:
        head = line[2:line.index(",")]
        if head.isdigit():
            return int(head)
    return None


def stringer_once(k, lang, n):
    warm(k, lang)
    return checked_lines(k, (STRINGER_GO if lang == GO else STRINGER_PY).format(n=n), n,
                         stringer_want, stringer_index, "Stringer cell")


def worst(runs):
    """One figure for R runs: the worst delivery, the median time."""
    out = dict(min(runs, key=lambda r: (r["lines"] == r["expected"] and not r["bad"], -r["bad"])))
    out["time"] = statistics.median(r["time"] for r in runs)
    out["times"] = [r["time"] for r in runs]
    out["msgs"] = max(r["msgs"] for r in runs)
    return out


def value_shown(k, lang):
    """How the kernel shows the cell value benchP{1, -1} (Python: prints it)."""
    _, reply, msgs = k.execute(STRINGER_VALUE[lang])
    if reply.get("status") != "ok":
        return f"{reply.get('ename', '')}: {reply.get('evalue', '')}"
    if lang == PY:
        return "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream").strip()
    return result_text(msgs)


class BaselineFailed(RowFailed):
    """The baseline kernel failed: reported, without losing the row's other figures."""


def on_baseline(fn, *args):
    try:
        return fn(*args)
    except Exception as e:  # jupyter_client's own errors too
        raise BaselineFailed(f"{BEFORE_COMMIT}: {e}") from None


def alternate_roundtrips(k, kb, lang, n, block=20):
    """n trivial cells on k and on the baseline kb, in alternating blocks, so
    that both see the same machine load; the median of each."""
    def one(kk):
        dt, reply, msgs = kk.execute(CELLS[lang]["trivial"])
        check_ok(reply, "trivial cell")
        if result_text(msgs) != "1":
            raise RowFailed(f"`1` gave {result_text(msgs)!r}")
        return dt

    for _ in range(10):  # warm-up
        one(k)
        on_baseline(one, kb)
    ta, tb = [], []
    while len(tb) < n:
        m = min(block, n - len(tb))
        ta += [one(k) for _ in range(m)]
        tb += [on_baseline(one, kb) for _ in range(m)]
    return statistics.median(ta), statistics.median(tb)


def row_stringer(k, cfg, lang):
    n, reps = cfg["stringer_lines"], cfg["line_reps"]
    after, out = [], {}
    if lang == GO and BASELINE is not None:
        kb = None
        try:
            kb = on_baseline(BASELINE.kernel, LOGDIR)
            if kb is None:
                out["before_skipped"] = BASELINE.why
            else:
                on_baseline(kb.start)
                before = []
                for _ in range(reps):  # alternately, under the same load
                    after.append(stringer_once(k, lang, n))
                    before.append(on_baseline(stringer_once, kb, lang, n))
                b = worst(before)
                out.update(before=b["time"], before_times=b["times"], before_msgs=b["msgs"],
                           before_lines=b["lines"], before_note=b.get("note"),
                           before_value=on_baseline(value_shown, kb, lang), before_build=BASELINE.build_time)
                warm(k, lang)
                on_baseline(warm, kb, lang)
                out["rt_after"], out["rt_before"] = alternate_roundtrips(k, kb, lang, cfg["roundtrips"])
        except BaselineFailed as e:
            for key in [x for x in out if x.startswith(("before", "rt_"))]:
                del out[key]
            out["before_failed"] = str(e)
            out["failures"] = [f"'before' kernel: {e}"]
        finally:
            if kb is not None:
                kb.stop()
    while len(after) < reps:
        after.append(stringer_once(k, lang, n))
    out.update(worst(after))
    out["value"] = value_shown(k, lang)
    return out


# --------------------------------------------------------------------------
# issue 11: slices.Sort in a cell, next to sort.Ints and to %%run

SORT_SEED = 88172645463325252

SORT_GO = """sortA := make([]int, {n})
sortX := uint64({seed})
for i := range sortA {{
	sortX ^= sortX << 13
	sortX ^= sortX >> 7
	sortX ^= sortX << 17
	sortA[i] = int(sortX % 1000000)
}}
sortB := append([]int(nil), sortA...)
sortT := time.Now()
slices.Sort(sortA)
sortSlices := time.Since(sortT)
sortT = time.Now()
sort.Ints(sortB)
sortInts := time.Since(sortT)
fmt.Println("slices.Sort", sortSlices.Nanoseconds(), "sort.Ints", sortInts.Nanoseconds())
fmt.Println("check", sortA[0], sortA[{n}/2], sortA[{n}-1], sortB[0], sortB[{n}/2], sortB[{n}-1], slices.Equal(sortA, sortB))"""

SORT_PY = """import time
sort_a, sort_x, sort_m = [], {seed}, 0xFFFFFFFFFFFFFFFF
for _ in range({n}):
    sort_x ^= (sort_x << 13) & sort_m
    sort_x ^= sort_x >> 7
    sort_x ^= (sort_x << 17) & sort_m
    sort_a.append(sort_x % 1000000)
sort_t = time.perf_counter()
sort_a.sort()
print("list.sort", int((time.perf_counter() - sort_t) * 1e9))
print("check", sort_a[0], sort_a[{n} // 2], sort_a[-1])"""


def sort_check(n):
    x, m, a = SORT_SEED, 0xFFFFFFFFFFFFFFFF, []
    for _ in range(n):
        x ^= (x << 13) & m
        x ^= x >> 7
        x ^= (x << 17) & m
        a.append(x % 1000000)
    a.sort()
    return a[0], a[n // 2], a[-1]


def sort_once(k, code, want, what):
    """Run a sort cell; the durations it printed (ns → s), by name."""
    _, reply, msgs = k.execute(code, timeout=300)
    check_ok(reply, what)
    lines = "".join(m["content"]["text"] for m in msgs
                    if m["msg_type"] == "stream" and m["content"]["name"] == "stdout").splitlines()
    if len(lines) != 2 or lines[1] != want:
        raise RowFailed(f"{what} printed {lines!r}, want a timing line and {want!r}")
    f = lines[0].split()
    try:
        return {f[i]: int(f[i + 1]) / 1e9 for i in range(0, len(f), 2)}
    except (ValueError, IndexError):
        raise RowFailed(f"{what}: cannot read durations in {lines[0]!r}") from None


def row_sort(k, cfg, lang):
    warm(k, lang)
    n, reps = cfg["sort_n"], cfg["sort_reps"]
    lo, mid, hi = sort_check(n)
    if lang == PY:
        runs = [sort_once(k, SORT_PY.format(n=n, seed=SORT_SEED), f"check {lo} {mid} {hi}", "sort cell")
                for _ in range(reps)]
        return {"slices": statistics.median(r["list.sort"] for r in runs), "n": n}
    _, reply, _ = k.execute('import (\n\t"slices"\n\t"sort"\n\t"time"\n)')
    check_ok(reply, "sort imports")
    code = SORT_GO.format(n=n, seed=SORT_SEED)
    want = f"check {lo} {mid} {hi} {lo} {mid} {hi} true"
    cell = [sort_once(k, code, want, "sort cell") for _ in range(reps)]
    sort_once(k, "%%run\n" + code, want, "%%run sort cell")  # uncounted: builds it
    native = [sort_once(k, "%%run\n" + code, want, "%%run sort cell") for _ in range(reps)]

    def med(runs, key):
        return statistics.median(r[key] for r in runs)

    return {"slices": med(cell, "slices.Sort"), "ints": med(cell, "sort.Ints"),
            "run_slices": med(native, "slices.Sort"), "run_ints": med(native, "sort.Ints"), "n": n}


ROWS = [
    ("start", row_start),
    ("roundtrip", row_roundtrip),
    ("complete", row_complete),
    ("lines", row_lines),
    ("fanout", row_fanout),
    ("interrupt", row_interrupt),
    ("crash", row_crash),
    ("memory", row_memory),
    ("timeline", row_timeline),
    ("gorun", row_gorun),
    ("spin", row_spin),
    ("stringer", row_stringer),
    ("sort", row_sort),
]


# --------------------------------------------------------------------------
# formatting

def ms(s):
    if s != s:
        return "n/a"
    v = s * 1000
    return f"{v:.0f} ms" if v >= 100 else f"{v:.1f} ms" if v >= 1 else f"{v:.2f} ms"


def plural(n, what):
    return f"{n:,} {what}" + ("" if n == 1 else "s")


def mib(x):
    return f"{x:.1f} MB"


def ratio(a, b):
    if a is None or b is None or not b:
        return "—"
    return f"{a / b:.2f}×"


def last_slope_kb(r):
    """RSS growth per cell over the last checkpoint interval, in kB."""
    (i0, v0), (i1, v1) = r["marks"][-2][:2], r["marks"][-1][:2]
    return (v1 - v0) * 1000 / max(1, i1 - i0)


# The project's goals for gokernel, next to each figure. A goal is
# (text, check(go_result, py_result) -> bool). Shown, never asserted.
def _lines_goal(g, p):
    return (g["lines"] == g["expected"] and not g.get("note") and g["msgs"] <= 20
            and g["time"] <= p["time"])


GOALS = {
    "start": ("≤ 150 ms and ≤ ⅓ of ipykernel",
              lambda g, p: g["median"] <= 0.150 and g["median"] <= p["median"] / 3),
    "roundtrip": ("≤ 1 ms and ≤ ½ of ipykernel",
                  lambda g, p: g["median"] <= 0.001 and g["median"] <= p["median"] / 2),
    "lines": ("all delivered, no slower than ipykernel, ≤ 20 messages", _lines_goal),
    "interrupt": ("≤ 200 ms", lambda g, p: g["median"] <= 0.200),
    "crash": ("≤ 500 ms", lambda g, p: g["median"] <= 0.500),
    "memory-idle": ("≤ 40 MB, kernel + worker", lambda g, p: g["idle"] <= 40.0),
    "memory-growth": ("bounded: last-interval growth ≤ 0.5 kB/cell",
                      lambda g, p: last_slope_kb(g) <= 0.5),
    "stringer-rt": ("after ≤ 1.10 × before (issue 10)",
                    lambda g, p: g["rt_after"] <= 1.10 * g["rt_before"]),
}


def table_rows(results, cfg):
    """Build (metric, go, py, ratio, goal) rows from results[row][kernel] = dict or Exception."""
    out = []

    def get(row, kern):
        return results.get(row, {}).get(kern)

    def add(row, label, fmt, key, show_note=False, goal=None):
        g, p = get(row, GO), get(row, PY)

        def cell(r):
            if r is None:
                return "not run"
            if isinstance(r, Exception):
                return f"failed: {r}"
            if r.get("no_peer"):
                return "— (no peer)"
            v = fmt(r)
            note = r.get("note")
            return f"{v}; {note}" if note and show_note else v

        gv = g.get(key) if isinstance(g, dict) else None
        pv = p.get(key) if isinstance(p, dict) else None
        gtext = ""
        if goal:
            text, check = GOALS[goal]
            verdict = "?"
            if isinstance(g, dict):
                try:
                    verdict = "met" if check(g, p if isinstance(p, dict) else None) else "MISSED"
                except Exception:  # needs the ipykernel figure that is missing
                    verdict = "?"
            gtext = f"{text}: {verdict}"
        out.append((label, cell(g), cell(p), ratio(gv, pv) if isinstance(gv, (int, float)) else "—", gtext))

    add("start", f"1. start → kernel_info_reply (median of {cfg['starts']})",
        lambda r: f"{ms(r['median'])} (in order: {', '.join(ms(x) for x in r['all'])}; uncounted warm-up {ms(r['cold'])})",
        "median",
        goal="start")
    add("start", f"1. start → first `1` execute_result (median of {cfg['starts']})",
        lambda r: ms(r["first"]), "first")
    add("roundtrip", f"2. round trip `1`, median of {cfg['roundtrips']}", lambda r: ms(r["median"]), "median",
        goal="roundtrip")
    add("roundtrip", f"2. round trip `1`, p99 of {cfg['roundtrips']}", lambda r: ms(r["p99"]), "p99")
    add("roundtrip", "2. (bench client's own CPU time per round trip)", lambda r: ms(r["client_cpu"]),
        "client_cpu")
    add("complete", f"3. completion latency (median of {cfg['completions']})",
        lambda r: ms(r["median"]), "median")
    add("lines", f"4. {cfg['lines']:,}-line cell: time (median of {cfg['line_reps']})",
        lambda r: ms(r["time"]) + (" (" + ", ".join(ms(x) for x in r["times"]) + ")" if len(r["times"]) > 1 else ""),
        "time", goal="lines")
    add("lines", f"4. {cfg['lines']:,}-line cell: lines delivered (worst run)",
        lambda r: f"{r['lines']:,} / {r['expected']:,}" + (f" ({r['note']})" if r.get("note") else ""),
        "lines")
    add("lines", f"4. {cfg['lines']:,}-line cell: iopub stream messages (most)", lambda r: f"{r['msgs']:,}", "msgs")
    add("fanout", f"5. {cfg['goroutines']:,}-goroutine / asyncio-task fan-out cell",
        lambda r: ms(r["time"]), "time")
    add("interrupt", f"6. interrupt busy loop → reply+idle (median of {cfg['interrupts']})",
        lambda r: f"{ms(r['median'])} (max {ms(r['max'])})", "median", show_note=True, goal="interrupt")
    add("crash", f"7. crash → next cell `1` result (median of {cfg['crashes']})",
        lambda r: f"{ms(r['median'])} (max {ms(r['max'])})", "median", goal="crash")
    add("crash", "7. where the crash was reported", lambda r: r["note"], "note")

    def split(r, key):
        own, kids = r[key]
        return f" = {own:.1f} kernel + {kids:.1f} children" if r["procs"] > 1 else ""

    add("memory", "8. idle RSS, kernel + children",
        lambda r: f"{mib(r['idle'])} ({r['procs']} proc{split(r, 'idle_split')})", "idle", goal="memory-idle")
    add("memory", f"8. RSS after {cfg['mem_cells']:,} cells `1`",
        lambda r: f"{mib(r['after'])}{split(r, 'after_split')}", "after")
    add("memory", f"8. RSS growth over {cfg['mem_cells']:,} cells (MB at checkpoints)",
        lambda r: f"{r['growth']:+.1f} MB (" + ", ".join(f"{m[0]:,}: {m[1]:.1f}" for m in r["marks"]) + ")",
        "growth")
    if any(isinstance(get("memory", x), dict) and get("memory", x)["procs"] > 1 for x in (GO, PY)):
        add("memory", "8. … of which kernel process / children, MB at checkpoints",
            lambda r: ", ".join(f"{m[0]:,}: {m[2]:.1f} / {m[3]:.1f}" for m in r["marks"])
            if r["procs"] > 1 else "one process", "split")
    add("memory", "8. growth per cell over the last checkpoint interval",
        lambda r: f"{last_slope_kb(r):.2f} kB/cell", "slope", goal="memory-growth")
    add("timeline", f"9. %%timeline on the {cfg['goroutines']:,}-goroutine fan-out cell (median of {cfg['timeline_reps']})",
        lambda r: f"{ms(r['time'])} (the same cell without it: {ms(r['without'])}, "
                  f"{r['time'] / r['without']:.1f}×; SVG {r['svg'] / 1000:.0f} kB)", "time")
    add("gorun", "10. %%run hello-world, cold (fresh GOCACHE)",
        lambda r: ms(r["cold"]) if r["cold"] is not None else "skipped (--quick)", "cold")
    add("gorun", f"10. %%run hello-world, warm (median of {cfg['run_reps']})",
        lambda r: f"{ms(r['warm'])} ({', '.join(ms(x) for x in r['all'])})", "warm")
    add("spin", f"11. CPU-bound spin cell, {cfg['spin']:,} steps: interpreted",
        lambda r: ms(r["time"]), "time")
    add("spin", "11. … the same cell under %%run (built before)",
        lambda r: f"{ms(r['run'])} (interpreted/%%run: {r['time'] / r['run']:.1f}×)" if "run" in r else "—", "run")

    def lines_ok(r, lines, note):
        text = f"{lines:,} / {r['expected']:,}"
        return text + (f" ({note})" if note else ", all right")

    def before(r):
        if "before_skipped" in r:
            return f"skipped: {r['before_skipped']}"
        if "before_failed" in r:
            return f"failed: {r['before_failed']}"
        if "before" not in r:
            return "—"
        built = f"; built in {r['before_build']:.0f} s" if r.get("before_build") else ""
        times = f" ({', '.join(ms(x) for x in r['before_times'])})" if len(r["before_times"]) > 1 else ""
        return (f"{ms(r['before'])}{times}, after/before {r['time'] / r['before']:.2f}×; lines "
                f"{lines_ok(r, r['before_lines'], r['before_note'])}; {plural(r['before_msgs'], 'stream message')}{built}")

    n_str = f"{cfg['stringer_lines']:,}"
    add("stringer", f"12. {n_str}-line cell printing a Stringer struct / __str__ object (median of {cfg['line_reps']})",
        lambda r: ms(r["time"]) + (" (" + ", ".join(ms(x) for x in r["times"]) + ")" if len(r["times"]) > 1 else ""),
        "time")
    add("stringer", "12. … lines delivered and right (worst run); stream messages",
        lambda r: f"{lines_ok(r, r['lines'], r.get('note'))}; {plural(r['msgs'], 'message')}", "lines")
    add("stringer", f"12. … the same Go cell on gokernel {BEFORE_COMMIT} (before issue 10)", before, "before")
    add("stringer", "12. cell value `benchP{1, -1}` shown as (Python: printed), now / before",
        lambda r: repr(r.get("value")) + (f" / {r['before_value']!r}" if "before_value" in r else ""), "value")
    add("stringer", f"12. round trip `1`, now vs {BEFORE_COMMIT}, alternating (median of {cfg['roundtrips']} each)",
        lambda r: (f"{ms(r['rt_after'])} vs {ms(r['rt_before'])} ({r['rt_after'] / r['rt_before']:.2f}×)"
                   if "rt_after" in r else "—"),
        "rt_after", goal="stringer-rt")
    n_sort = f"{cfg['sort_n']:,}"
    add("sort", f"13. slices.Sort of {n_sort} ints in a cell / Python list.sort() (median of {cfg['sort_reps']})",
        lambda r: ms(r["slices"]), "slices")
    add("sort", "13. … sort.Ints of the same data, in the same cell",
        lambda r: f"{ms(r['ints'])} (slices.Sort/sort.Ints: {r['slices'] / r['ints']:.2f}×)" if "ints" in r else "—",
        "ints")
    add("sort", "13. … both under %%run (native Go; compile time excluded)",
        lambda r: (f"slices.Sort {ms(r['run_slices'])}, sort.Ints {ms(r['run_ints'])} (cell/%%run: "
                   f"{r['slices'] / r['run_slices']:.1f}×, {r['ints'] / r['run_ints']:.1f}×)") if "run_slices" in r else "—",
        "run_slices")
    return out


HEADS = ("metric", GO, PY, "go/py", "goal (gokernel)")


def render_text(rows):
    w = [max(len(HEADS[i]), *(len(r[i]) for r in rows)) for i in range(5)]
    line = "  ".join(h.ljust(w[i]) for i, h in enumerate(HEADS))
    out = [line, "  ".join("-" * x for x in w)]
    for r in rows:
        out.append("  ".join(r[i].ljust(w[i]) for i in range(5)).rstrip())
    return "\n".join(out)


def render_md(rows):
    out = ["| " + " | ".join(HEADS) + " |", "| --- | --- | --- | --- | --- |"]
    for r in rows:
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |")
    return "\n".join(out)


# --------------------------------------------------------------------------
# machine description

def sh(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=20).stdout.strip()
    except Exception as e:
        return f"? ({e})"


def machine(gobin):
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    try:
        import ipykernel
        ipyv = ipykernel.__version__
    except Exception:
        ipyv = "?"
    return [
        ("CPU", f"{cpu}, {os.cpu_count()} logical cores"),
        ("memory", mem),
        ("OS", f"{platform.system()} {platform.release()} ({sh(['sh', '-c', '. /etc/os-release; echo $PRETTY_NAME'])})"),
        ("Go", sh(["go", "version"]) or "not on PATH"),
        ("gokernel", f"{sh([str(gobin), 'version'])} ({gobin}); bench.py from tree "
                     f"{sh(['git', '-C', str(REPO_ROOT), 'describe', '--always', '--dirty'])}"),
        ("ipykernel", f"{ipyv}, Python {platform.python_version()} ({sys.executable})"),
        ("jupyter_client / pyzmq / libzmq", f"{jupyter_client.__version__} / {zmq.__version__} / {zmq.zmq_version()}"),
        ("load average at start", " ".join(f"{x:.2f}" for x in os.getloadavg())),
    ]


# --------------------------------------------------------------------------

def setup_kernels(tmp, gobin):
    prefix = tmp / "prefix"
    subprocess.run([str(gobin), "install", "--prefix", str(prefix), "--name", "bench-gokernel"],
                   check=True, capture_output=True, timeout=60)
    pyspec = prefix / "share/jupyter/kernels/bench-ipykernel"
    pyspec.mkdir(parents=True)
    (pyspec / "kernel.json").write_text(json.dumps({
        "argv": ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (ipykernel, bench)", "language": "python"}))
    os.environ["JUPYTER_PATH"] = str(prefix / "share/jupyter") + os.pathsep + os.environ.get("JUPYTER_PATH", "")
    # a private runtime dir for connection files
    os.environ["JUPYTER_RUNTIME_DIR"] = str(tmp / "runtime")
    return {GO: "bench-gokernel", PY: "bench-ipykernel"}


def find_gokernel(tmp):
    if not os.environ.get("GOKERNEL_BIN"):
        print("building gokernel (set GOKERNEL_BIN to skip)…", file=sys.stderr)
    try:
        return kernel_binary(tmp)
    except RuntimeError as e:
        sys.exit(str(e))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="tiny sizes, every row, < 60 s (for CI)")
    ap.add_argument("--markdown", metavar="FILE", help="also write the results as Markdown")
    ap.add_argument("--rows", help="comma-separated subset of rows: " + ",".join(r for r, _ in ROWS))
    ap.add_argument("--kernels", default=f"{GO},{PY}", help=f"subset of {GO},{PY}")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=N",
                    help="override a size: " + ", ".join(FULL))
    ap.add_argument("--keep-logs", action="store_true", help="keep the kernels' stderr logs")
    ap.add_argument("--before-bin", metavar="PATH",
                    help=f"gokernel built from {BEFORE_COMMIT} for row 12's 'before' column "
                         "(default: build it from this clone's history)")
    args = ap.parse_args()
    cfg = dict(QUICK if args.quick else FULL)
    for kv in args.set:
        key, _, val = kv.partition("=")
        if key not in cfg or not val.isdigit() or int(val) < 1:
            ap.error(f"--set {kv}: want KEY=N with KEY in {', '.join(cfg)}")
        cfg[key] = int(val)
    global CELL_TIMEOUT, STARTUP_TIMEOUT
    if args.quick:
        CELL_TIMEOUT, STARTUP_TIMEOUT = 20.0, 15.0
    wanted_rows = set(args.rows.split(",")) if args.rows else None
    if wanted_rows and wanted_rows - {r for r, _ in ROWS}:
        ap.error(f"--rows: unknown {', '.join(sorted(wanted_rows - {r for r, _ in ROWS}))}")
    kernels = [x for x in (GO, PY) if x in args.kernels.split(",")]
    if not kernels or set(args.kernels.split(",")) - {GO, PY}:
        ap.error(f"--kernels: want {GO}, {PY} or both")

    tmp = Path(tempfile.mkdtemp(prefix="gokernel-bench-"))
    gobin = find_gokernel(tmp)
    names = setup_kernels(tmp, gobin)
    logdir = tmp / "logs"
    logdir.mkdir()
    global BASELINE, LOGDIR
    BASELINE, LOGDIR = Baseline(tmp, args.quick, args.before_bin), logdir

    started = time.time()
    mach = machine(gobin)
    mode = "quick" if args.quick else "full"
    header = [f"gokernel benchmark ({mode} mode), {time.strftime('%Y-%m-%d %H:%M:%S %Z')}"]
    header += [f"  {k}: {v}" for k, v in mach]
    print("\n".join(header), flush=True)

    ks = {kern: Kernel(kern, names[kern], logdir) for kern in kernels}
    results = {}
    failed = []
    try:
        for row, fn in ROWS:
            if wanted_rows and row not in wanted_rows:
                continue
            results[row] = {}
            for kern in kernels:
                k = ks[kern]
                t0 = time.perf_counter()
                try:
                    if k.start_failures >= 2:
                        raise RowFailed("skipped: the kernel failed to start twice")
                    results[row][kern] = fn(k, cfg, kern)
                    status = "ok"
                    # a row may report part of it that failed and keep the rest
                    for why in results[row][kern].get("failures", []):
                        failed.append((row, kern, why))
                        status = f"FAILED in part: {why}"
                except Exception as e:  # a row failing never stops the run
                    if not isinstance(e, RowFailed):
                        e = RowFailed(f"{type(e).__name__}: {e}")
                        if os.environ.get("BENCH_DEBUG"):
                            traceback.print_exc()
                    if isinstance(e, StartFailed):
                        k.start_failures += 1
                    results[row][kern] = e
                    failed.append((row, kern, str(e)))
                    status = f"FAILED: {e}"
                    # leave a clean kernel for the next row
                    try:
                        k.stop()
                    except Exception:
                        pass
                print(f"  [{row:9s} {kern:9s} {time.perf_counter() - t0:6.1f} s] {status}",
                      file=sys.stderr, flush=True)
    finally:
        for k in ks.values():
            try:
                k.stop()
            except Exception:
                pass

    load_end = " ".join(f"{x:.2f}" for x in os.getloadavg())
    rows = [r for r in table_rows(results, cfg) if not r[1] == r[2] == "not run"]
    elapsed = time.time() - started
    print()
    print(render_text(rows))
    print(f"\nload average at end: {load_end}; wall time {elapsed:.0f} s")
    if failed:
        print(f"\n{len(failed)} row(s) failed to run:")
        for row, kern, why in failed:
            print(f"  {row} / {kern}: {why}")

    if args.markdown:
        cmd = " ".join([sys.executable] + sys.argv)
        md = [f"### Results ({mode} mode, {time.strftime('%Y-%m-%d %H:%M %Z')})", "",
              f"Command: `GOKERNEL_BIN={gobin} {cmd}`", "", "Machine:", ""]
        md += [f"- {k}: {v}" for k, v in mach]
        md += [f"- load average at end: {load_end}", f"- wall time: {elapsed:.0f} s", "",
               render_md(rows), "", "Definitions:", ""]
        md += [f"- **{name}**: {doc}" for name, doc in ROW_DOCS]
        if failed:
            md += ["", "Rows that failed to run:", ""] + [f"- {r} / {k}: {w}" for r, k, w in failed]
        Path(args.markdown).write_text("\n".join(md) + "\n")

    if args.keep_logs:
        print(f"kernel logs kept in {logdir}", file=sys.stderr)
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
