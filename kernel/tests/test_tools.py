"""The scheduler tools, as a Jupyter frontend sees them (tracker issue 12).

- %%timeline: the cell under the execution tracer, drawn as an SVG in a
  display_data; the tests parse the SVG (lanes, spans and their data-*
  attributes, see kernel/timeline) rather than look at it.
- %%run / %%race: the cell built by the Go toolchain and run as a program,
  output streamed, positions mapped to In[n]:LINE.
- %goroutines --watch: a display updated in place while the cell runs.

Tests wait for events (a message, an input request), never for time, and
assert no speed: `make bench` measures it.
"""

import os
import re
import shutil
import subprocess
import tempfile
import time
import xml.etree.ElementTree as ET
from queue import Empty

import pytest

from utils import TIMEOUT, collect_iopub, execute, execute_ok, get_reply, wait_stream

SLOW = 120  # a cold %%run builds the standard library it uses


# ---------------------------------------------------------------------------
# helpers


def svg_of(ex):
    """The parsed SVG of the cell's single %%timeline display_data."""
    shown = [m for m in ex.of_type("display_data") if "image/svg+xml" in m["content"]["data"]]
    assert len(shown) == 1, f"want one timeline display, got {ex.types}: {ex.reply['content']}"
    data = shown[0]["content"]["data"]
    assert "text/html" in data and "text/plain" in data, sorted(data)
    return ET.fromstring(data["image/svg+xml"])


def lanes(root, kind="G"):
    return [e for e in root.iter() if e.get("class") == "lane" and e.get("data-kind") == kind]


def spans(lane):
    """(state, reason, start_ns, end_ns, merged) of each drawn span of a lane."""
    out = []
    for e in lane.iter():
        cls = (e.get("class") or "").split()
        if "span" not in cls:
            continue
        state = next(c for c in cls if c in ("running", "runnable", "blocked"))
        out.append((state, e.get("data-reason"), int(e.get("data-start-ns")), int(e.get("data-end-ns")),
                    "merged" in cls))
    return out


def worker_lanes(root, where_prefix):
    """Goroutine lanes whose go statement is in the cell, by data-where."""
    return [l for l in lanes(root) if (l.get("data-where") or "").startswith(where_prefix)]


def running(lane):
    return [(s, e) for st, _, s, e, merged in spans(lane) if st == "running" and not merged]


def overlap(lanes_):
    """A pair of running spans of different lanes that overlap, or None."""
    all_ = sorted((s, e, i) for i, l in enumerate(lanes_) for s, e in running(l))
    for a in range(len(all_)):
        for b in range(a + 1, len(all_)):
            if all_[b][0] >= all_[a][1]:
                break
            if all_[b][2] != all_[a][2]:
                return all_[a], all_[b]
    return None


def count_of(ex):
    return ex.reply["content"]["execution_count"]


def stderr_of(ex):
    return ex.stream("stderr")


def have_go():
    return shutil.which("go") is not None


needs_go = pytest.mark.skipif(not have_go(), reason="no Go toolchain on PATH")

SPIN = """func spin(wg *sync.WaitGroup, n int) {
	defer wg.Done()
	x := 0
	for i := 0; i < n; i++ {
		x += i
	}
	_ = x
}"""


def spin_cell(procs, n=600_000):
    """A %%timeline cell: 4 CPU-bound goroutines under GOMAXPROCS(procs), set
    inside the cell and restored after. The go statement is on line 10."""
    return f"""%%timeline
import (
	"runtime"
	"sync"
)
prev := runtime.GOMAXPROCS({procs})
var wg sync.WaitGroup
for i := 0; i < 4; i++ {{
	wg.Add(1)
	go spin(&wg, {n})
}}
wg.Wait()
runtime.GOMAXPROCS(prev)"""


# ---------------------------------------------------------------------------
# %%timeline


@pytest.fixture(scope="module")
def spinner(kernel):
    _, kc = kernel
    execute_ok(kc, 'import "sync"\n' + SPIN)
    return kc


@pytest.mark.parametrize("procs", [1, 2])
def test_timeline_cpu_bound_goroutines(spinner, procs):
    if procs == 2 and (os.cpu_count() or 1) < 2:
        pytest.skip("one CPU: two Ps cannot run at the same time")
    kc = spinner
    before = execute_ok(kc, 'import "runtime"\nruntime.GOMAXPROCS(0)').result
    ex = execute_ok(kc, spin_cell(procs), timeout=60)
    n = count_of(ex)
    root = svg_of(ex)
    workers = worker_lanes(root, f"In[{n}]:10")
    assert len(workers) == 4, [(l.get("data-func"), l.get("data-where")) for l in lanes(root)]
    for l in workers:
        assert l.get("data-func") == "spin", l.attrib
        assert running(l), f"lane G{l.get('data-id')} has no running span"
    own = [l for l in lanes(root) if l.get("data-caller") == "true"]
    assert len(own) == 1 and own[0].get("data-func") == f"In[{n}]", [l.attrib for l in own]
    both = overlap(workers)
    if procs == 1:
        assert both is None, f"under GOMAXPROCS(1) two goroutines ran at once: {both}"
    else:
        assert both is not None, "under GOMAXPROCS(2) no two goroutines ever ran at the same time"
    assert execute_ok(kc, "runtime.GOMAXPROCS(0)").result == before, "the cell did not restore GOMAXPROCS"


def test_timeline_sleeping_vs_busy(spinner):
    kc = spinner
    ex = execute_ok(kc, """%%timeline
import "time"
func sleeper(wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < 5; i++ {
		time.Sleep(10 * time.Millisecond)
	}
}
var wg sync.WaitGroup
wg.Add(2)
go sleeper(&wg)
go spin(&wg, 600000)
wg.Wait()""", timeout=60)
    n = count_of(ex)
    root = svg_of(ex)
    by = {l.get("data-func"): l for l in worker_lanes(root, f"In[{n}]:")}
    assert set(by) == {"sleeper", "spin"}, list(by)
    sleeps = [s for s in spans(by["sleeper"]) if s[0] == "blocked" and s[1] == "sleep"]
    assert len(sleeps) >= 3, spans(by["sleeper"])
    busy = sum(e - s for s, e in running(by["spin"]))
    idle = sum(e - s for s, e in running(by["sleeper"]))
    assert busy > idle, (busy, idle)
    # the cell itself waits on wg.Wait(): blocked on sync, as Go would say
    own = next(l for l in lanes(root) if l.get("data-caller") == "true")
    assert any(s[0] == "blocked" and s[1] == "sync" for s in spans(own)), spans(own)


def test_timeline_worker_pool(spinner):
    kc = spinner
    ex = execute_ok(kc, """%%timeline
func poolWorker(jobs <-chan int, wg *sync.WaitGroup) {
	defer wg.Done()
	for n := range jobs {
		x := 0
		for i := 0; i < n; i++ {
			x += i
		}
		_ = x
	}
}
jobs := make(chan int)
var wg sync.WaitGroup
for w := 0; w < 3; w++ {
	wg.Add(1)
	go poolWorker(jobs, &wg)
}
for j := 0; j < 12; j++ {
	jobs <- 20000
}
close(jobs)
wg.Wait()""", timeout=60)
    n = count_of(ex)
    root = svg_of(ex)
    workers = worker_lanes(root, f"In[{n}]:16")
    assert len(workers) == 3 and all(l.get("data-func") == "poolWorker" for l in workers), \
        [(l.get("data-func"), l.get("data-where")) for l in lanes(root)]
    waits, reasons = 0, set()
    for l in workers:
        ss = spans(l)
        assert running(l), f"worker G{l.get('data-id')} never ran: {ss}"
        waits += sum(1 for s in ss if s[0] == "blocked")
        reasons |= {s[1] for s in ss if s[0] == "blocked"}
    assert waits >= 3, "the workers never waited for a job"
    # `for n := range jobs` waits as Go says it: a receive, not the
    # interpreter's select
    assert "chan receive" in reasons, reasons
    assert "text/plain" in ex.of_type("display_data")[0]["content"]["data"]


def test_display_timeline(spinner):
    kc = spinner
    ex = execute_ok(kc, """import "gokernel/display"
display.Timeline(func() {
	var wg sync.WaitGroup
	wg.Add(2)
	for i := 0; i < 2; i++ {
		go spin(&wg, 100000)
	}
	wg.Wait()
})""", timeout=60)
    n = count_of(ex)
    root = svg_of(ex)
    workers = worker_lanes(root, f"In[{n}]:6")
    assert len(workers) == 2 and all(running(l) for l in workers), [l.attrib for l in lanes(root)]
    own = [l for l in lanes(root) if l.get("data-caller") == "true"]
    assert len(own) == 1 and own[0].get("data-func") == f"In[{n}]", [l.attrib for l in own]


def test_timeline_when_tracing_is_on(kernel):
    _, kc = kernel
    execute_ok(kc, 'import (\n\t"io"\n\t"runtime/trace"\n)\ntraceErr := trace.Start(io.Discard)\ntraceErr')
    try:
        ex = execute(kc, '%%timeline\nprintln("ran")')
        assert ex.status == "error"
        assert "cannot start the execution tracer" in ex.reply["content"]["evalue"], ex.reply["content"]
        assert "ran" not in stderr_of(ex)
        assert not ex.of_type("display_data")
    finally:
        execute_ok(kc, "trace.Stop()")
    execute_ok(kc, '%%timeline\nprintln("ran")')


def test_timeline_interrupt_stops_the_cell(fresh_kernel):
    km, kc = fresh_kernel
    msg_id = kc.execute('%%timeline\nimport "fmt"\nfmt.Println("spinning")\nfor {\n}')
    wait_stream(kc, msg_id, "spinning")
    km.interrupt_kernel()
    reply = get_reply(kc, msg_id)
    msgs, _ = collect_iopub(kc, msg_id)
    assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "interrupt", reply["content"]
    shown = [m for m in msgs if m["msg_type"] == "display_data"]
    assert shown and "image/svg+xml" in shown[0]["content"]["data"], "no partial timeline"
    assert execute_ok(kc, "1 + 1").result == "2"


# ---------------------------------------------------------------------------
# %%run and %%race

RACY = """package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	n := 0
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n++
		}()
	}
	wg.Wait()
	fmt.Println("done", n > 0)
}
"""


@needs_go
def test_run_hello(kernel):
    _, kc = kernel
    ex = execute_ok(kc, '%%run\nimport "fmt"\nfmt.Println("hello from a real Go program")', timeout=SLOW)
    assert ex.stream() == "hello from a real Go program\n"
    assert not stderr_of(ex)


@needs_go
def test_run_uses_earlier_cells(kernel):
    _, kc = kernel
    execute_ok(kc, 'import "strings"\nfunc shout(s string) string { return strings.ToUpper(s) + "!" }\ntype Pair struct{ A, B int }\nfunc (p Pair) Sum() int { return p.A + p.B }')
    execute_ok(kc, "base := 40")
    ex = execute_ok(kc, '%%run\nimport "fmt"\nfmt.Println(shout("hi"), Pair{base, 2}.Sum())', timeout=SLOW)
    assert ex.stream() == "HI! 42\n"


@needs_go
def test_race_reports_at_cell_lines(kernel):
    _, kc = kernel
    ex = execute(kc, "%%race\n" + RACY, timeout=SLOW)
    n = count_of(ex)
    err = stderr_of(ex)
    assert ex.status == "error", ex.reply["content"]
    assert "WARNING: DATA RACE" in err, err
    # n++ is line 16 of the cell (the %%race line is line 1)
    assert re.search(rf"\bIn\[{n}\]:16 \+0x", err), err
    assert "main.go" not in err, err
    assert err.rstrip().endswith("exit status 66"), err[-200:]
    assert ex.stream() == "done true\n"


@needs_go
def test_run_prints_what_go_run_prints(kernel, tmp_path):
    _, kc = kernel
    (tmp_path / "main.go").write_text(RACY)
    want = subprocess.run(["go", "run", "main.go"], cwd=tmp_path, capture_output=True, text=True, timeout=SLOW)
    ex = execute_ok(kc, "%%run\n" + RACY, timeout=SLOW)
    assert ex.stream() == want.stdout
    assert stderr_of(ex) == want.stderr


@needs_go
def test_run_build_error_at_cell_line(kernel):
    _, kc = kernel
    ex = execute(kc, '%%run\nimport "fmt"\n\nx := 1\nfmt.Println("no x")', timeout=SLOW)
    n = count_of(ex)
    assert ex.status == "error"
    assert ex.reply["content"]["evalue"] == f"In[{n}]:4:1: declared and not used: x", ex.reply["content"]


@needs_go
def test_run_exit_status(kernel):
    _, kc = kernel
    ex = execute(kc, '%%run\nimport "os"\nos.Exit(3)', timeout=SLOW)
    assert ex.status == "error" and ex.reply["content"]["ename"] == "exit"
    assert stderr_of(ex) == "exit status 3\n"


@needs_go
def test_run_interrupt(fresh_kernel):
    km, kc = fresh_kernel
    msg_id = kc.execute('%%run\nimport "fmt"\nfmt.Println("running")\nfor {\n}')
    wait_stream(kc, msg_id, "running", timeout=SLOW)
    km.interrupt_kernel()
    reply = get_reply(kc, msg_id)
    collect_iopub(kc, msg_id)
    assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "interrupt", reply["content"]
    assert execute_ok(kc, "1 + 1").result == "2"


@needs_go
def test_run_bundled_modules_offline(kernel):
    _, kc = kernel
    if execute(kc, "%env GOPROXY").status == "ok":
        pytest.skip("GOPROXY is set in the kernel's environment: the build may go online")
    ex = execute_ok(kc, """%%run
import (
	"fmt"
	"golang.org/x/sync/errgroup"
	"golang.org/x/time/rate"
)
var g errgroup.Group
lim := rate.NewLimiter(rate.Inf, 1)
for i := 0; i < 3; i++ {
	g.Go(func() error { return nil })
}
fmt.Println(g.Wait(), lim.Allow())""", timeout=SLOW)
    assert ex.stream() == "<nil> true\n"


def test_run_without_toolchain(fresh_kernel):
    _, kc = fresh_kernel
    empty = tempfile.mkdtemp(prefix="gokernel-nogo-")
    try:
        execute_ok(kc, f"%env PATH={empty}\n%env GOROOT={empty}")
        ex = execute(kc, '%%run\nprintln("hi")')
        assert ex.status == "error"
        value = ex.reply["content"]["evalue"]
        assert "\n" not in value and "needs the Go toolchain" in value and "install Go" in value, value
    finally:
        os.rmdir(empty)


# ---------------------------------------------------------------------------
# %goroutines --watch


def test_goroutines_watch(kernel):
    """A cell waits for stdin while 3 goroutines wait on a channel: the live
    view shows them blocked, then says the cell has ended."""
    _, kc = kernel
    code = """%goroutines --watch
import "fmt"
hold := make(chan int)
for i := 0; i < 3; i++ {
	go func() { <-hold }()
}
var answer string
fmt.Scanln(&answer)
close(hold)
fmt.Println("got", answer)"""
    msg_id = kc.execute(code, allow_stdin=True)
    display_id, texts = None, []
    deadline = time.monotonic() + TIMEOUT
    answered = False
    while True:
        assert time.monotonic() < deadline, f"no update showing 3 blocked goroutines; saw {texts[-1:]}"
        try:
            m = kc.get_iopub_msg(timeout=0.1)
        except Empty:
            m = None
        if m and m["parent_header"].get("msg_id") == msg_id:
            t = m["msg_type"]
            if t == "display_data":
                display_id = m["content"]["transient"]["display_id"]
            elif t == "update_display_data":
                assert m["content"]["transient"]["display_id"] == display_id
                texts.append(m["content"]["data"]["text/plain"])
                if re.search(r"blocked\s+([3-9]|\d\d)\b", texts[-1]) and not answered:
                    break
            elif t == "status" and m["content"]["execution_state"] == "idle":
                pytest.fail(f"the cell ended first: {texts}")
    # the cell waits for input: answer it
    while True:
        req = kc.get_stdin_msg(timeout=TIMEOUT)
        if req["msg_type"] == "input_request":
            kc.input("yes")
            break
    reply = get_reply(kc, msg_id)
    msgs, _ = collect_iopub(kc, msg_id)
    assert reply["content"]["status"] == "ok", reply["content"]
    updates = [m for m in msgs if m["msg_type"] == "update_display_data"]
    assert updates, "no final update"
    last = updates[-1]["content"]
    assert last["transient"]["display_id"] == display_id
    assert "ended after" in last["data"]["text/plain"], last["data"]["text/plain"]
    assert "text/html" in last["data"]
    assert "got yes" in "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream")


def test_help_lists_the_tools(kernel):
    _, kc = kernel
    out = execute_ok(kc, "%help").stream()
    listed = {line.split()[0] for line in out.splitlines()[1:] if line.strip()}
    for m in ("%%timeline", "%%run", "%%race", "%goroutines"):
        assert m in listed, out
    assert "--watch" in out
