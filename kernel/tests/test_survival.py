"""Goroutines that outlive their cell, and a kernel that survives them.

One test per behaviour of the issue "Goroutines that outlive their cell":
what a frontend sees on iopub and shell, parent headers included.

No test waits for time to pass: a cell that must be running when the test
interrupts it prints first and the test waits for that line; goroutines that
must act while another cell runs are released by that cell through a channel.
"""

import re
import time

import pytest

from utils import (
    INTERRUPT_HANG,
    TIMEOUT,
    Execution,
    collect_iopub,
    execute,
    execute_ok,
    get_reply,
    stream_text,
    wait_stream,
)

# A deadlock is reported after the same parked state three samples in a row
# (about a second). Never reported, the cell would hang: 10 s tells the two
# apart on a loaded machine.
DEADLOCK_HANG = 10.0


def late_output(kc, parent_id, want, timeout=TIMEOUT):
    """Stream text that arrives for parent_id after its cell went idle, until
    `want` is in it."""
    return stream_text(wait_stream(kc, parent_id, want, timeout), parent_id)


def interrupt_running(km, kc, code, timeout=TIMEOUT):
    """Run code, which prints "running" first, interrupt it once that line
    has arrived, and return (execution, seconds from interrupt to reply)."""
    msg_id = kc.execute(code)
    seen = wait_stream(kc, msg_id, "running")
    t0 = time.monotonic()
    km.interrupt_kernel()
    reply = get_reply(kc, msg_id, timeout=timeout)
    elapsed = time.monotonic() - t0
    msgs, others = collect_iopub(kc, msg_id, timeout=timeout)
    mine = [m for m in seen if m["parent_header"].get("msg_id") == msg_id]
    return Execution(msg_id, reply, mine + msgs, others), elapsed


# -- tracking -------------------------------------------------------------


def test_cell_says_when_goroutines_keep_running(kernel):
    _, kc = kernel
    execute_ok(kc, "block := make(chan bool)")
    ex = execute_ok(kc, "go func() { <-block }()")
    assert "1 goroutine is still running" in ex.stream("stderr")
    execute_ok(kc, "close(block)")
    # A goroutine that has ended is not "still running": the cell waits
    # until the goroutine count is back where it was (bounded, in case an
    # unrelated goroutine changes it).
    ex = execute_ok(
        kc,
        'import "runtime"\nimport "time"\nbefore, ended := runtime.NumGoroutine(), make(chan bool)\n'
        "go func() { close(ended) }()\n<-ended\n"
        "for t := time.Now(); runtime.NumGoroutine() > before && time.Since(t) < 10*time.Second; {\n"
        "\ttime.Sleep(time.Millisecond)\n}",
    )
    assert "still running" not in ex.stream("stderr")


# -- output routing ---------------------------------------------------------


def test_background_output_goes_to_the_starting_cell(kernel):
    _, kc = kernel
    execute_ok(kc, 'import "fmt"\nimport "time"')
    starter = execute_ok(
        kc,
        "bgRelease, bgPrinted := make(chan bool), make(chan bool)\n"
        'go func() { <-bgRelease; fmt.Println("from the background"); close(bgPrinted) }()',
    )
    # Another cell runs while the goroutine prints (it lets the goroutine go
    # and waits for it): the line must not land there.
    other = execute_ok(kc, "close(bgRelease)\n<-bgPrinted")
    assert "from the background" not in other.stream()
    seen = [
        m for m in other.others
        if m["msg_type"] == "stream" and "from the background" in m["content"]["text"]
    ]
    if seen:
        assert seen[0]["parent_header"]["msg_id"] == starter.msg_id
    else:
        late_output(kc, starter.msg_id, "from the background")


def test_background_output_while_idle(kernel):
    _, kc = kernel
    execute_ok(kc, 'import "fmt"\nimport "time"')
    starter = execute_ok(
        kc, 'go func() { for i := 0; i < 3; i++ { time.Sleep(100 * time.Millisecond); fmt.Println("tick", i) } }()'
    )
    text = late_output(kc, starter.msg_id, "tick 2")
    assert text.splitlines() == ["tick 0", "tick 1", "tick 2"]


def test_concurrent_lines_are_never_split(kernel):
    _, kc = kernel
    execute_ok(kc, 'import "fmt"\nimport "sync"')
    code = """
var wg sync.WaitGroup
for g := 0; g < 8; g++ {
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 500; i++ {
			fmt.Printf("goroutine %d line %03d end\\n", g, i)
		}
	}()
}
wg.Wait()
"""
    ex = execute_ok(kc, code)
    lines = ex.stream().splitlines()
    assert len(lines) == 8 * 500
    assert all(l.startswith("goroutine ") and l.endswith(" end") for l in lines), "a line was split"
    for g in range(8):
        mine = [l for l in lines if l.startswith(f"goroutine {g} ")]
        assert mine == [f"goroutine {g} line {i:03d} end" for i in range(500)]


def test_many_lines_arrive_in_few_messages(kernel):
    _, kc = kernel
    execute_ok(kc, 'import "fmt"')
    ex = execute_ok(kc, "for i := 0; i < 100000; i++ { fmt.Println(i) }", timeout=60)
    streams = ex.of_type("stream")
    assert ex.stream().split() == [str(i) for i in range(100000)]
    assert len(streams) <= 20, f"{len(streams)} stream messages"


# -- panics -------------------------------------------------------------------


def test_goroutine_panic_is_reported_in_its_cell_and_state_survives(kernel):
    _, kc = kernel
    execute_ok(kc, 'import "time"\nsurvivor := 41\nalive := 0\ngo func() { for { alive++; time.Sleep(time.Millisecond) } }()')
    starter = execute(kc, 'go func() { panic("boom in a goroutine") }()\ntime.Sleep(200 * time.Millisecond)')
    text = starter.stream("stderr")
    if "panic: boom" not in text:
        text += late_output(kc, starter.msg_id, "panic: boom")
    assert "panic: boom in a goroutine" in text
    assert "goroutine " in text
    # the goroutine's stack, in cell lines (a closure the kernel wraps to
    # start it may be placed a line off; named functions are exact, see the
    # engine's TestPanicStackInCellLines)
    count = starter.reply["content"]["execution_count"]
    assert f"\tIn[{count}]:" in text, text
    assert execute_ok(kc, "survivor + 1").result == "42"
    # the older goroutine still runs (the cell waits, bounded, for it to count on)
    assert execute_ok(
        kc,
        "a := alive\nfor t := time.Now(); alive == a && time.Since(t) < 10*time.Second; {\n"
        "\ttime.Sleep(time.Millisecond)\n}\nalive > a",
    ).result == "true"


# -- interrupt --------------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "for {}",
        "<-make(chan int)",
        "select {}",
        "time.Sleep(time.Hour)",
        "var wg sync.WaitGroup\nwg.Add(1)\nwg.Wait()",
        "v := <-make(chan int)\nv",
    ],
    ids=["busy loop", "receive", "empty select", "sleep", "waitgroup", "receive into a variable"],
)
def test_interrupt_stops_the_cell(fresh_kernel, code):
    km, kc = fresh_kernel
    execute_ok(kc, 'import "fmt"\nimport "time"\nimport "sync"\nkept := "still here"')
    ex, elapsed = interrupt_running(km, kc, 'fmt.Println("running")\n' + code)
    assert ex.status == "error" and ex.reply["content"]["ename"] == "interrupt", ex.reply["content"]
    assert elapsed < INTERRUPT_HANG, f"stopped {elapsed:.2f}s after the interrupt"
    assert execute_ok(kc, "kept").result == '"still here"'


def test_interrupt_keeps_earlier_goroutines_and_stops_the_cells_own(fresh_kernel):
    km, kc = fresh_kernel
    execute_ok(kc, 'import "fmt"\nimport "time"\nold, mine := 0, 0')
    execute_ok(kc, "go func() { for { old++; time.Sleep(time.Millisecond) } }()")
    # interrupted once its own goroutine is counting
    ex, _ = interrupt_running(
        km, kc,
        "go func() { for { mine++; time.Sleep(time.Millisecond) } }()\n"
        'for mine == 0 { time.Sleep(time.Millisecond) }\nfmt.Println("running")\nselect {}',
    )
    assert ex.reply["content"]["ename"] == "interrupt"
    # While the earlier goroutine counts 20 more (waited for, bounded), the
    # cell's own must not count at all.
    ex = execute_ok(
        kc,
        "o, m := old, mine\nfor t := time.Now(); old < o+20 && time.Since(t) < 10*time.Second; {\n"
        "\ttime.Sleep(time.Millisecond)\n}\n[]bool{old > o, mine == m}",
    )
    assert ex.result == "[true true]"


def test_interrupt_cycles_return_to_baseline_and_lose_no_value(fresh_kernel):
    km, kc = fresh_kernel
    execute_ok(kc, 'import "fmt"\nimport "runtime"\nimport "time"\nch := make(chan int)')
    base = int(execute_ok(kc, "runtime.NumGoroutine()").result)
    for _ in range(100):
        ex, _ = interrupt_running(km, kc, 'go func() { <-ch }()\nfmt.Println("running")\n<-ch')
        assert ex.status == "error", ex.reply["content"]
    # The stopped goroutines end soon after their cell: wait for the count to
    # come back (bounded), then check it did.
    deadline = time.monotonic() + 10
    while True:
        after = int(execute_ok(kc, "runtime.NumGoroutine()").result)
        if after <= base + 2 or time.monotonic() > deadline:
            break
    assert after <= base + 2, f"{after} goroutines after 100 interrupts, {base} before"
    # a value sent now reaches the receiver that asks for it, not a leftover
    execute_ok(kc, "go func() { ch <- 42 }()")
    assert execute_ok(kc, "<-ch").result == "42"


# -- deadlock ---------------------------------------------------------------


@pytest.mark.parametrize(
    "code, reasons",
    [
        ("ch := make(chan int)\nch <- 1", ["chan send"]),
        ('import "sync"\nvar wg sync.WaitGroup\nwg.Add(1)\nwg.Wait()', ["sync.WaitGroup.Wait"]),
        ('import "sync"\nvar a, b sync.Mutex\nhasB := make(chan bool)\na.Lock()\ngo func() { b.Lock(); close(hasB); a.Lock() }()\n<-hasB\nb.Lock()',
         ["sync.Mutex.Lock", "sync.Mutex.Lock"]),
        ("c1, c2 := make(chan int), make(chan int)\ngo func() { <-c1; c2 <- 1 }()\n<-c2\nc1 <- 1", ["chan receive", "chan receive"]),
    ],
    ids=["send nobody receives", "waitgroup never done", "mutexes in opposite order", "all blocked on channels"],
)
def test_deadlock_is_reported_like_go(fresh_kernel, code, reasons):
    _, kc = fresh_kernel
    t0 = time.monotonic()
    ex = execute(kc, code)
    elapsed = time.monotonic() - t0
    c = ex.reply["content"]
    assert c["status"] == "error" and c["ename"] == "fatal error", c
    assert c["evalue"] == "all goroutines are asleep - deadlock!"
    # As Go prints it: each blocked goroutine with Go's wait reason, then
    # where it waits, in the cell's own lines.
    tb = c["traceback"]
    got = sorted(re.findall(r"^goroutine \d+ \[(.+)\]:$", "\n".join(tb), re.M))
    assert got == sorted(reasons), tb
    assert any(re.fullmatch(r"\tIn\[\d+\]:\d+", line) for line in tb), tb
    assert elapsed < DEADLOCK_HANG, f"reported after {elapsed:.1f}s"
    assert execute_ok(kc, "1 + 1").result == "2"


ERRGROUP_DEADLOCK = """import (
	"context"
	"golang.org/x/sync/errgroup"
)
g, _ := errgroup.WithContext(context.Background())
g.SetLimit(5)
results := make(chan int)
for i := 0; i < 30; i++ {
	g.Go(func() error {
		results <- i
		return nil
	})
}
g.Wait()"""


def test_deadlock_in_errgroup_keeps_the_session(fresh_kernel):
    # errgroup's goroutines are started by compiled code: stopping them
    # once killed the worker (and every variable).
    _, kc = fresh_kernel
    execute_ok(kc, "kept := 42")
    t0 = time.monotonic()
    ex = execute(kc, ERRGROUP_DEADLOCK)
    elapsed = time.monotonic() - t0
    c = ex.reply["content"]
    assert c["status"] == "error" and c["evalue"] == "all goroutines are asleep - deadlock!", c
    tb = "\n".join(c["traceback"])
    n = ex.reply["content"]["execution_count"]
    # The cell's goroutine first, in errgroup's Go at the cell's line 9;
    # then the five workers at their send, line 10.
    first = re.search(r"^goroutine \d+ \[(.+)\]:\n((?:.+\n)+?)\n", tb, re.M)
    assert first and first.group(1) == "chan send", tb
    assert "golang.org/x/sync/errgroup.(*Group).Go(...)" in first.group(2), tb
    assert f"main.main(...)\n\tIn[{n}]:9" in first.group(2), tb
    assert tb.count(f"main.main.func1(...)\n\tIn[{n}]:10") == 5, tb
    assert len(re.findall(r"^goroutine \d+ \[chan send\]:$", tb, re.M)) == 6, tb
    assert "restarted" not in tb, tb
    assert elapsed < DEADLOCK_HANG, f"reported after {elapsed:.1f}s"
    assert execute_ok(kc, "kept").result == "42"


@pytest.mark.parametrize(
    "code",
    [
        "<-time.After(2 * time.Second)\n1",
        "time.Sleep(2 * time.Second)\n1",
        "t := time.NewTicker(500 * time.Millisecond)\n<-t.C\n<-t.C\n<-t.C\nt.Stop()\n1",
    ],
    ids=["time.After", "time.Sleep", "ticker"],
)
def test_waiting_on_a_timer_is_not_a_deadlock(kernel, code):
    _, kc = kernel
    execute_ok(kc, 'import "time"')
    assert execute_ok(kc, code).result == "1"


# -- fatal errors, exits ------------------------------------------------------


def test_fatal_error_restarts_the_worker_and_restores_declarations(fresh_kernel):
    _, kc = fresh_kernel
    execute_ok(kc, 'import "strings"')
    execute_ok(kc, "const greeting = \"hi\"\ntype Pair struct{ A, B int }\nfunc shout(s string) string { return strings.ToUpper(s) }")
    execute_ok(kc, "results := []int{1, 2}")
    ex = execute(kc, "func down(n int) int { return down(n+1) + 1 }\ndown(0)", timeout=60)
    c = ex.reply["content"]
    assert c["status"] == "error" and c["ename"] == "fatal error" and c["evalue"] == "stack overflow", c
    tb = "\n".join(c["traceback"])
    assert "exit status 2" in tb and "lost: results" in tb and "re-run cells [3]" in tb, tb
    assert execute_ok(kc, "shout(greeting)").result == '"HI"'
    assert execute_ok(kc, "Pair{1, 2}.B").result == "2"
    assert execute(kc, "results").status == "error"


def test_concurrent_map_writes_is_reported_and_survived(fresh_kernel):
    _, kc = fresh_kernel
    execute_ok(kc, 'import "time"')
    code = """
m := map[int]int{}
for g := 0; g < 4; g++ {
	go func() {
		for i := 0; ; i++ {
			m[i%100] = i
		}
	}()
}
time.Sleep(time.Minute)
"""
    # (the runtime notices within milliseconds; the minute only bounds the cell)
    ex = execute(kc, code, timeout=90)
    c = ex.reply["content"]
    assert c["status"] == "error" and c["ename"] == "fatal error", c
    assert "concurrent map" in c["evalue"], c["evalue"]
    assert execute_ok(kc, "2 * 21").result == "42"


def test_os_exit_and_log_fatal(fresh_kernel):
    _, kc = fresh_kernel
    execute_ok(kc, 'import "os"\nimport "log"')
    ex = execute(kc, "os.Exit(3)")
    assert ex.reply["content"]["evalue"] == "exit status 3"
    ex = execute(kc, 'log.Fatal("cannot go on")')
    assert ex.reply["content"]["evalue"] == "exit status 1"
    assert "cannot go on" in ex.stream("stderr")
    assert execute_ok(kc, "1 + 1").result == "2"


# -- stdin ---------------------------------------------------------------------


def test_scan_asks_the_frontend_for_input(kernel):
    _, kc = kernel
    execute_ok(kc, 'import "fmt"\nimport "bufio"\nimport "os"')
    msg_id = kc.execute(
        'var name string\nfmt.Print("Name: ")\nfmt.Scanln(&name)\n'
        'line, _ := bufio.NewReader(os.Stdin).ReadString(\'\\n\')\nname + "/" + line',
        allow_stdin=True,
    )
    prompts = []
    for answer in ["Gopher", "second line"]:
        req = kc.get_stdin_msg(timeout=TIMEOUT)
        assert req["msg_type"] == "input_request"
        assert req["parent_header"]["msg_id"] == msg_id
        prompts.append(req["content"]["prompt"])
        kc.input(answer)
    msgs, _ = collect_iopub(kc, msg_id)
    results = [m for m in msgs if m["msg_type"] == "execute_result"]
    assert results and results[0]["content"]["data"]["text/plain"] == '"Gopher/second line\\n"'
    printed = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream")
    assert "Name: " in printed


def test_scan_without_frontend_input_fails_clearly(kernel):
    _, kc = kernel
    execute_ok(kc, 'import "fmt"')
    ex = execute_ok(kc, "var n int\n_, err := fmt.Scan(&n)\nerr", allow_stdin=False)
    assert "allow_stdin is false" in ex.result
