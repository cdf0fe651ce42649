"""What a Jupyter frontend sees from gokernel, message by message.

Tests that leave the kernel in a normal state share one kernel per module
(`kernel`); tests that interrupt, crash, restart or shut it down get their
own (`fresh_kernel`).
"""

import os
import re
import signal
import time
import uuid
from queue import Empty

import pytest
import zmq

from utils import (
    INTERRUPT_HANG,
    TIMEOUT,
    RawShell,
    collect_iopub,
    control_request,
    descendants,
    execute,
    execute_ok,
    gate,
    get_reply,
    pid_alive,
    read_connection_file,
    request,
    start_kernel,
    stream_text,
    wait_gone,
    wait_iopub,
    wait_stream,
    wait_until,
)


def interrupt_when_running(kc, msg_id, send):
    """Wait for the cell msg_id to print "running", then call send() (which
    interrupts it); return (reply, seconds from send to reply, the cell's
    iopub messages through idle)."""
    seen = wait_stream(kc, msg_id, "running")
    t0 = time.monotonic()
    send()
    reply = get_reply(kc, msg_id, timeout=10)
    elapsed = time.monotonic() - t0
    msgs, _ = collect_iopub(kc, msg_id)
    mine = [m for m in seen if m["parent_header"].get("msg_id") == msg_id]
    return reply, elapsed, mine + msgs


@pytest.fixture
def raw_shell(kernel):
    km, _ = kernel
    raw = RawShell(km)
    yield raw
    raw.close()


# ---------------------------------------------------------------------------
# kernel_info, heartbeat


def test_kernel_info_fields(kernel):
    _, kc = kernel
    reply = request(kc, "kernel_info")
    c = reply["content"]
    assert reply["header"]["msg_type"] == "kernel_info_reply"
    assert c["status"] == "ok"
    assert c["protocol_version"] == "5.3"
    assert c["implementation"] == "gokernel"
    assert c["implementation_version"]
    assert isinstance(c["banner"], str) and c["banner"].strip()
    li = c["language_info"]
    assert li["name"] == "go"
    assert li["mimetype"] == "text/x-go"
    assert li["file_extension"] == ".go"
    assert li["pygments_lexer"] == "go"
    assert li["codemirror_mode"] == "go"
    assert re.match(r"^\d+\.\d+", li["version"]), li["version"]
    assert c["help_links"], "help_links is empty"
    for link in c["help_links"]:
        assert link["text"] and link["url"].startswith("https://")


def test_reply_headers(kernel):
    _, kc = kernel
    msg_id = kc.kernel_info()
    reply = get_reply(kc, msg_id)
    h = reply["header"]
    assert h["version"] == "5.3"
    assert h["msg_id"] and h["msg_id"] != msg_id
    assert h["session"] and h["date"]
    assert reply["parent_header"]["msg_id"] == msg_id
    assert reply["parent_header"]["session"] == kc.session.session
    assert reply["parent_header"]["msg_type"] == "kernel_info_request"


def test_heartbeat_echoes(kernel):
    km, _ = kernel
    info = read_connection_file(km)
    ctx = zmq.Context()
    sock = ctx.socket(zmq.REQ)
    sock.linger = 0
    try:
        sock.connect(f"{info['transport']}://{info['ip']}:{info['hb_port']}")
        for payload in (b"ping", b"\x00binary\xff" * 10):
            sock.send(payload)
            assert sock.poll(5000), "no heartbeat echo within 5s"
            assert sock.recv() == payload
    finally:
        sock.close(0)
        ctx.term()


# ---------------------------------------------------------------------------
# execute


def test_execute_message_order_and_parents(kernel):
    _, kc = kernel
    execute_ok(kc, 'import "fmt"')
    ex = execute_ok(kc, 'fmt.Println("hi")\n1 + 2')
    assert ex.types == ["status", "execute_input", "stream", "execute_result", "status"], ex.types
    assert ex.msgs[0]["content"]["execution_state"] == "busy"
    assert ex.msgs[-1]["content"]["execution_state"] == "idle"
    count = ex.reply["content"]["execution_count"]
    assert ex.msgs[1]["content"] == {"code": 'fmt.Println("hi")\n1 + 2', "execution_count": count}
    assert ex.stream("stdout") == "hi\n"
    res = ex.of_type("execute_result")[0]["content"]
    assert res["data"]["text/plain"] == "3"
    assert res["execution_count"] == count
    for m in ex.msgs:
        assert m["parent_header"]["msg_id"] == ex.msg_id
        assert m["parent_header"]["msg_type"] == "execute_request"
        assert m["parent_header"]["session"] == kc.session.session
        assert m["header"]["version"] == "5.3"
    assert ex.reply["parent_header"]["msg_id"] == ex.msg_id
    assert ex.reply["content"]["user_expressions"] == {}
    assert ex.reply["content"]["payload"] == []


def test_execute_values(kernel):
    _, kc = kernel
    assert execute_ok(kc, "1 + 2").result == "3"
    assert execute_ok(kc, '"A"').result == '"A"'
    execute_ok(kc, "answer := 40")
    assert execute_ok(kc, "answer + 2").result == "42"
    # a statement has no value
    ex = execute_ok(kc, "answer++")
    assert ex.result is None
    assert execute_ok(kc, "answer").result == "41"


def test_execution_count_increments(kernel):
    _, kc = kernel
    first = execute_ok(kc, "1").reply["content"]["execution_count"]
    second = execute_ok(kc, "2").reply["content"]["execution_count"]
    third = execute(kc, 'panic("counted")').reply["content"]["execution_count"]
    fourth = execute_ok(kc, "4").reply["content"]["execution_count"]
    assert [second, third, fourth] == [first + 1, first + 2, first + 3]


def test_silent(kernel):
    _, kc = kernel
    execute_ok(kc, 'import "fmt"')
    before = execute_ok(kc, "0").reply["content"]["execution_count"]
    ex = execute_ok(kc, 'fmt.Println("quiet")\n7 * 6', silent=True)
    assert "execute_input" not in ex.types
    assert "execute_result" not in ex.types
    after = execute_ok(kc, "0").reply["content"]["execution_count"]
    assert after == before + 1, "a silent execution changed the execution count"


def test_store_history_false(kernel):
    _, kc = kernel
    before = execute_ok(kc, "0").reply["content"]["execution_count"]
    ex = execute_ok(kc, "unrecorded := 11\nunrecorded * 2", store_history=False)
    assert ex.result == "22"
    after = execute_ok(kc, "0").reply["content"]["execution_count"]
    assert after == before + 1, "store_history=False changed the execution count"
    hist = request(kc, "history", hist_access_type="tail", n=100, output=False, raw=True)
    inputs = [h[2] for h in hist["content"]["history"]]
    assert not any("unrecorded" in code for code in inputs), inputs
    # the cell still ran
    assert execute_ok(kc, "unrecorded").result == "11"


def test_user_expressions(kernel):
    _, kc = kernel
    execute_ok(kc, "ue := 5")
    ex = execute_ok(kc, "ue * 3", user_expressions={"good": "ue + 1", "bad": "nosuchname"})
    ue = ex.reply["content"]["user_expressions"]
    assert ue["good"]["status"] == "ok"
    assert ue["good"]["data"]["text/plain"] == "6"
    assert "metadata" in ue["good"]
    assert ue["bad"]["status"] == "error"
    assert ue["bad"]["ename"]
    assert "nosuchname" in ue["bad"]["evalue"]
    assert isinstance(ue["bad"]["traceback"], list)
    assert ex.result == "15"


def test_error_reply_fields(kernel):
    _, kc = kernel
    ex = execute(kc, 'panic("boom")')
    c = ex.reply["content"]
    assert c["status"] == "error"
    assert c["ename"] == "panic"
    assert c["evalue"] == "boom"
    assert isinstance(c["traceback"], list) and all(isinstance(t, str) for t in c["traceback"])
    assert isinstance(c["execution_count"], int)
    err = ex.error
    assert err is not None, ex.types
    assert (err["ename"], err["evalue"]) == ("panic", "boom")
    assert err["traceback"] == c["traceback"]
    assert ex.types[-2] == "error"


def test_compile_error_reply(kernel):
    _, kc = kernel
    ex = execute(kc, "undefinedName")
    assert ex.status == "error"
    err = ex.error
    assert err is not None
    assert "undefined: undefinedName" in err["evalue"]


def test_compile_error_position_is_in_the_cell(kernel):
    """A line:col in a compile error points into the user's cell, not into
    whatever wrapper the kernel compiled it in."""
    _, kc = kernel
    code = "ok := 1\nok = ok + undefinedName"
    ex = execute(kc, code)
    assert ex.status == "error"
    evalue = ex.error["evalue"]
    lines = code.split("\n")
    for line, col in re.findall(r"(\d+):(\d+)", evalue):
        line, col = int(line), int(col)
        assert 1 <= line <= len(lines), f"line {line} is outside the cell: {evalue!r}"
        assert 1 <= col <= len(lines[line - 1]) + 1, f"column {col} is outside line {line}: {evalue!r}"


def test_import_and_statements_in_one_cell(kernel):
    """A Go cell may import a package and use it straight away."""
    _, kc = kernel
    ex = execute(kc, 'import "strconv"\n\nstrconv.Itoa(12) + "!"')
    assert ex.status == "ok", ex.reply["content"]
    assert ex.result == '"12!"'


def test_import_block_and_function(kernel):
    _, kc = kernel
    ex = execute(
        kc,
        'import (\n\t"strings"\n\t"unicode"\n)\n\n'
        "func shout(s string) string { return strings.Map(unicode.ToUpper, s) }",
    )
    assert ex.status == "ok", ex.reply["content"]
    assert execute_ok(kc, 'shout("go")').result == '"GO"'


def test_println_goes_to_stderr(kernel):
    _, kc = kernel
    ex = execute_ok(kc, 'println("to stderr")')
    assert ex.stream("stderr") == "to stderr\n"
    assert ex.stream("stdout") == ""


def test_stderr_stream(kernel):
    _, kc = kernel
    execute_ok(kc, 'import "os"')
    execute_ok(kc, 'import "fmt"')
    ex = execute_ok(kc, 'fmt.Fprintln(os.Stderr, "err line")\nfmt.Println("out line")')
    assert ex.stream("stderr") == "err line\n"
    assert ex.stream("stdout") == "out line\n"


def test_panic_output_is_only_the_error(kernel):
    """panic in a cell produces one error message and no stray stream noise."""
    _, kc = kernel
    ex = execute(kc, 'panic("alone")')
    assert ex.types == ["status", "execute_input", "error", "status"], [
        (m["msg_type"], m["content"]) for m in ex.msgs
    ]


# ---------------------------------------------------------------------------
# stop_on_error


def send_batch(kc, codes, **kwargs):
    ids = [kc.execute(code, **kwargs) for code in codes]
    replies = [get_reply(kc, i) for i in ids]
    for i in ids:
        collect_iopub(kc, i)
    return replies


def test_stop_on_error_aborts_queued(kernel):
    """Requests already queued behind a failing cell are aborted (the
    failing cell is slow, so the two others surely reached the kernel)."""
    _, kc = kernel
    execute_ok(kc, 'import "time"')
    replies = send_batch(kc, ['time.Sleep(300 * time.Millisecond)\npanic("first")', "1 + 1", "2 + 2"])
    assert [r["content"]["status"] for r in replies] == ["error", "aborted", "aborted"]
    # the abort is over: the next request runs
    assert execute_ok(kc, "3 + 3").result == "6"


def test_stop_on_error_aborts_requests_sent_together(kernel):
    """What "Run All" does: send every cell at once.  Every request sent
    before the error reply arrived must be aborted, however fast the failing
    cell is.  Repeated, because a race only shows now and then."""
    _, kc = kernel
    outcomes = []
    for _ in range(10):
        replies = send_batch(kc, ['panic("first")', "1 + 1", "2 + 2"])
        outcomes.append([r["content"]["status"] for r in replies])
    assert outcomes == [["error", "aborted", "aborted"]] * 10
    assert execute_ok(kc, "3 + 3").result == "6"


def test_stop_on_error_false_keeps_going(kernel):
    _, kc = kernel
    replies = send_batch(kc, ['panic("first")', "1 + 1", "2 + 2"], stop_on_error=False)
    assert [r["content"]["status"] for r in replies] == ["error", "ok", "ok"]


def test_queued_output_keeps_its_parent(kernel):
    """Output of a cell never appears under another cell's parent header."""
    _, kc = kernel
    execute_ok(kc, 'import "fmt"')
    n = 15
    ids = [
        kc.execute(f'for i := 0; i < 20; i++ {{ fmt.Println("cell-{k}", i) }}') for k in range(n)
    ]
    for i in ids:
        get_reply(kc, i)
    owner = {msg_id: k for k, msg_id in enumerate(ids)}
    seen = {k: "" for k in range(n)}
    pending = set(ids)
    deadline = time.monotonic() + TIMEOUT
    while pending:
        assert time.monotonic() < deadline, "not every cell went idle"
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        pid = msg["parent_header"].get("msg_id")
        if msg["msg_type"] == "stream":
            assert pid in owner, f"stream output under a foreign parent: {msg}"
            seen[owner[pid]] += msg["content"]["text"]
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            pending.discard(pid)
    for k in range(n):
        expected = "".join(f"cell-{k} {i}\n" for i in range(20))
        assert seen[k] == expected, f"cell {k} output wrong: {seen[k]!r}"


def test_large_output_complete_and_batched(kernel):
    _, kc = kernel
    execute_ok(kc, 'import "fmt"')
    n = 100_000
    t0 = time.monotonic()
    ex = execute_ok(kc, f"for i := 0; i < {n}; i++ {{ fmt.Println(i) }}", timeout=60)
    elapsed = time.monotonic() - t0
    streams = [m for m in ex.of_type("stream") if m["content"]["name"] == "stdout"]
    text = ex.stream("stdout")
    lines = text.split("\n")
    assert lines[-1] == ""
    assert len(lines) - 1 == n, f"{len(lines) - 1} lines arrived, expected {n}"
    wrong = next((i for i in range(n) if lines[i] != str(i)), None)
    assert wrong is None, f"line {wrong} is {lines[wrong]!r}"
    print(f"\n100k lines: {len(streams)} stream messages in {elapsed:.2f}s (goal <= 20)")
    assert len(streams) <= 50, f"{len(streams)} stream messages for {n} lines"


# ---------------------------------------------------------------------------
# interrupt


@pytest.mark.parametrize(
    "code",
    ["for {}", "select {}", "time.Sleep(time.Hour)"],
    ids=["busy-loop", "select", "sleep"],
)
def test_interrupt_message(fresh_kernel, code):
    _, kc = fresh_kernel
    execute_ok(kc, 'import "fmt"\nimport "time"')
    execute_ok(kc, "kept := 123")
    msg_id = kc.execute('fmt.Println("running")\n' + code)
    ireplies = []
    reply, elapsed, msgs = interrupt_when_running(
        kc, msg_id, lambda: ireplies.append(control_request(kc, "interrupt_request")))
    (ireply,) = ireplies
    assert ireply["header"]["msg_type"] == "interrupt_reply"
    assert ireply["content"]["status"] == "ok"
    assert elapsed < INTERRUPT_HANG, f"interrupt took {elapsed:.2f}s"
    c = reply["content"]
    assert (c["status"], c["ename"], c["evalue"]) == ("error", "interrupt", "signal: interrupt")
    errors = [m for m in msgs if m["msg_type"] == "error"]
    assert len(errors) == 1 and errors[0]["content"]["ename"] == "interrupt"
    # the kernel carries on, with its variables
    assert execute_ok(kc, "kept + 1").result == "124"


def test_interrupt_when_idle(kernel):
    _, kc = kernel
    reply = control_request(kc, "interrupt_request")
    assert reply["content"]["status"] == "ok"
    assert execute_ok(kc, "2 * 21").result == "42"


def test_sigint_interrupts(fresh_kernel):
    km, kc = fresh_kernel
    execute_ok(kc, 'import "fmt"')
    execute_ok(kc, "kept := 7")
    msg_id = kc.execute('fmt.Println("running")\nfor {}')
    reply, elapsed, _ = interrupt_when_running(kc, msg_id, lambda: km.signal_kernel(signal.SIGINT))
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "interrupt"
    assert km.is_alive()
    assert elapsed < INTERRUPT_HANG, f"SIGINT interrupt took {elapsed:.2f}s"
    # same as an interrupt_request: the worker was not lost
    ex = execute(kc, "kept")
    assert ex.result == "7", ex.reply["content"]


# ---------------------------------------------------------------------------
# crashes, restart, shutdown


def test_goroutine_panic(fresh_kernel):
    km, kc = fresh_kernel
    first = execute(kc, 'go func(){ panic("x") }()')
    # The next cell starts once the panic has been reported (in the first
    # cell's reply, or later on its stderr).
    late = []
    if first.error is None and "panic" not in first.stream("stderr"):
        late = wait_iopub(
            kc,
            lambda m: m["msg_type"] == "stream" and m["content"]["name"] == "stderr"
            and m["parent_header"].get("msg_id") == first.msg_id and "panic" in m["content"]["text"],
            what="the goroutine's panic on the first cell's stderr",
        )
    second = execute(kc, "1 + 1")
    assert second.status == "ok", second.reply["content"]
    assert second.result == "2"
    # where the panic was reported
    in_error = first.error is not None and first.error["ename"] == "panic" and "x" in first.error["evalue"]
    after = first.msgs + late + second.others
    in_stderr = any(
        m["msg_type"] == "stream"
        and m["content"]["name"] == "stderr"
        and m["parent_header"].get("msg_id") == first.msg_id
        and "panic" in m["content"]["text"]
        for m in after
    )
    assert in_error or in_stderr, "the goroutine panic was not reported in the cell that started it"
    # and not in the cell that came after it
    assert second.error is None
    assert not second.stream("stderr"), second.stream("stderr")
    assert km.is_alive()


def test_worker_crash_then_next_cell(fresh_kernel):
    km, kc = fresh_kernel
    ex = execute(kc, 'import "os"\n')
    assert ex.status == "ok"
    ex = execute(kc, "os.Exit(3)")
    assert ex.status == "error", "a cell that kills the worker must fail"
    assert km.is_alive()
    assert execute_ok(kc, "20 + 22").result == "42"


def test_restart_kernel(fresh_kernel):
    km, kc = fresh_kernel
    execute_ok(kc, "before := 1")
    old_pid = km.provisioner.process.pid
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=TIMEOUT)
    assert km.provisioner.process.pid != old_pid
    assert not pid_alive(old_pid)
    ex = execute_ok(kc, "1 + 1")
    assert ex.result == "2"
    assert ex.reply["content"]["execution_count"] == 1
    assert execute(kc, "before").status == "error", "variables survived a restart"


def test_shutdown_request(fresh_kernel):
    km, kc = fresh_kernel
    execute_ok(kc, "1")
    pid = km.provisioner.process.pid
    children = descendants(pid)
    assert children, "the kernel has no worker process"
    reply = control_request(kc, "shutdown_request", {"restart": False})
    assert reply["header"]["msg_type"] == "shutdown_reply"
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["restart"] is False
    wait_until(lambda: not km.is_alive(), 10, "kernel process did not exit after shutdown_request")
    assert wait_gone(children), f"worker processes {children} outlived the kernel"


# ---------------------------------------------------------------------------
# malformed messages on the shell socket


def test_bad_signature_dropped(raw_shell):
    raw_shell.send("kernel_info_request", signature=b"0" * 64)
    raw_shell.assert_no_reply()
    raw_shell.send("execute_request", {"code": "1", "silent": False}, signature=b"deadbeef")
    raw_shell.assert_no_reply()
    raw_shell.assert_alive()


@pytest.mark.parametrize(
    "frames",
    [
        pytest.param(lambda r: [RawShell.DELIM], id="delimiter-only"),
        pytest.param(lambda r: [RawShell.DELIM, b"sig", b"{}"], id="missing-frames"),
        pytest.param(lambda r: [b"no delimiter at all"], id="no-delimiter"),
        pytest.param(
            lambda r: [RawShell.DELIM, r.sign([b"{not json", b"{}", b"{}", b"{}"]),
                       b"{not json", b"{}", b"{}", b"{}"],
            id="invalid-json",
        ),
        pytest.param(
            lambda r: [RawShell.DELIM, r.sign([b"[]", b"{}", b"{}", b"{}"]),
                       b"[]", b"{}", b"{}", b"{}"],
            id="header-not-an-object",
        ),
    ],
)
def test_malformed_frames_dropped(raw_shell, frames):
    raw_shell.send_frames(frames(raw_shell))
    raw_shell.assert_no_reply()
    raw_shell.assert_alive()


def test_unknown_msg_type_ignored(raw_shell):
    raw_shell.send("no_such_request", {"x": 1})
    raw_shell.assert_no_reply()
    raw_shell.assert_alive()


# ---------------------------------------------------------------------------
# history, is_complete, complete, inspect, comms


def test_history(fresh_kernel):
    _, kc = fresh_kernel
    codes = ["h1 := 1", "h2 := 2", "h1 + h2", "h1 * 10"]
    for code in codes:
        execute(kc, code)
    execute(kc, "h1 + 100", store_history=False)

    tail = request(kc, "history", hist_access_type="tail", n=2, output=False, raw=True)["content"]
    assert tail["status"] == "ok"
    assert [h[2] for h in tail["history"]] == codes[-2:]
    session = tail["history"][0][0]
    assert [h[1] for h in tail["history"]] == [3, 4]
    assert all(h[0] == session for h in tail["history"])

    full = request(kc, "history", hist_access_type="tail", n=100, output=False, raw=True)["content"]
    assert [h[2] for h in full["history"]] == codes
    assert [h[1] for h in full["history"]] == [1, 2, 3, 4]

    rng = request(kc, "history", hist_access_type="range", session=session, start=2, stop=4,
                  output=False, raw=True)["content"]
    assert [(h[1], h[2]) for h in rng["history"]] == [(2, "h2 := 2"), (3, "h1 + h2")]

    search = request(kc, "history", hist_access_type="search", pattern="h1 *",
                     output=False, raw=True)["content"]
    assert [h[2] for h in search["history"]] == ["h1 := 1", "h1 + h2", "h1 * 10"]

    limited = request(kc, "history", hist_access_type="search", pattern="h1 *", n=1,
                      output=False, raw=True)["content"]
    assert [h[2] for h in limited["history"]] == ["h1 * 10"]

    with_output = request(kc, "history", hist_access_type="tail", n=1, output=True, raw=True)["content"]
    entry = with_output["history"][0]
    assert entry[2][0] == "h1 * 10" and len(entry[2]) == 2


@pytest.mark.parametrize(
    "code,status",
    [
        ("for {", "incomplete"),
        ("func f() {", "incomplete"),
        ("x := []int{1,", "incomplete"),
        ("s := `raw", "incomplete"),
        ("x := 1", "complete"),
        ('fmt.Println("hi")', "complete"),
        ("if true {\n}", "complete"),
        (")", "invalid"),
        ("}", "invalid"),
        ("x := := 1", "invalid"),
        # an interpreted string literal cannot continue on the next line
        ('s := "abc', "invalid"),
    ],
)
def test_is_complete(kernel, code, status):
    _, kc = kernel
    reply = request(kc, "is_complete", code)
    c = reply["content"]
    assert reply["header"]["msg_type"] == "is_complete_reply"
    assert c["status"] == status, (code, c)
    if status == "incomplete":
        assert "indent" in c


def test_complete(kernel):
    _, kc = kernel
    execute_ok(kc, 'import "fmt"')
    c = request(kc, "complete", "fmt.Prin", 8)["content"]
    assert c["status"] == "ok"
    assert set(c["matches"]) == {"Print", "Printf", "Println"}
    assert (c["cursor_start"], c["cursor_end"]) == (4, 8)
    assert "metadata" in c

    # cursor in the middle of the code
    code = "fmt.Prin + 1"
    c = request(kc, "complete", code, 8)["content"]
    assert set(c["matches"]) == {"Print", "Printf", "Println"}
    assert (c["cursor_start"], c["cursor_end"]) == (4, 8)


def test_complete_bare_words(kernel):
    _, kc = kernel
    c = request(kc, "complete", "x := le", 7)["content"]
    assert "len" in c["matches"]
    assert (c["cursor_start"], c["cursor_end"]) == (5, 7)
    c = request(kc, "complete", "fu", 2)["content"]
    assert "func" in c["matches"]
    c = request(kc, "complete", "strc", 4)["content"]
    assert "strconv" in c["matches"]


def test_complete_user_variable(kernel):
    _, kc = kernel
    execute_ok(kc, "myLongVariable := 3")
    c = request(kc, "complete", "myLong", 6)["content"]
    assert "myLongVariable" in c["matches"], c


def test_inspect(kernel):
    _, kc = kernel
    execute_ok(kc, 'import "fmt"')
    reply = request(kc, "inspect", "fmt.Println", 11, 0)
    c = reply["content"]
    assert reply["header"]["msg_type"] == "inspect_reply"
    assert c["status"] == "ok" and c["found"] is True
    assert "Println" in c["data"]["text/plain"]
    assert "func" in c["data"]["text/plain"]

    # cursor inside the name
    c = request(kc, "inspect", "fmt.Println(1)", 6, 0)["content"]
    assert c["found"] is True and "Println" in c["data"]["text/plain"]

    c = request(kc, "inspect", "nosuchthing", 5, 0)["content"]
    assert c["status"] == "ok"
    assert c["found"] is False
    assert c["data"] == {}


def test_comm_info_empty(kernel):
    _, kc = kernel
    reply = request(kc, "comm_info")
    assert reply["header"]["msg_type"] == "comm_info_reply"
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["comms"] == {}


def test_comm_open_unknown_target_is_closed(kernel):
    _, kc = kernel
    comm_id = uuid.uuid4().hex
    msg = kc.session.msg("comm_open", {"comm_id": comm_id, "target_name": "no.such.target", "data": {}})
    kc.shell_channel.send(msg)
    m = wait_iopub(kc, lambda m: m["msg_type"] == "comm_close",
                   what="comm_close for an unknown comm target")[-1]
    assert m["content"]["comm_id"] == comm_id
    assert m["parent_header"]["msg_id"] == msg["header"]["msg_id"]
    # the comm is not listed
    assert comm_id not in request(kc, "comm_info")["content"]["comms"]


ORPHAN_SCRIPT = r"""
import sys, time
from jupyter_client.manager import KernelManager
km = KernelManager(kernel_name="gokernel")
km.start_kernel()
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=30)
print(km.provisioner.process.pid, flush=True)
time.sleep(600)
"""


def test_kernel_exits_when_its_parent_dies(tmp_path):
    """If the process that started the kernel is killed (a crashed notebook
    server, a killed nbconvert), the kernel and its worker must not linger."""
    import subprocess
    import sys

    parent = subprocess.Popen(
        [sys.executable, "-c", ORPHAN_SCRIPT], stdout=subprocess.PIPE, text=True
    )
    kernel_pid = None
    try:
        line = parent.stdout.readline()
        assert line.strip().isdigit(), f"helper did not start a kernel: {line!r}"
        kernel_pid = int(line)
        workers = descendants(kernel_pid)
        parent.kill()
        parent.wait(timeout=10)
        gone = wait_gone([kernel_pid], timeout=10)
        assert gone, "the kernel outlived the process that started it (by 10s)"
        assert wait_gone(workers, timeout=5), "the worker outlived the kernel"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait(timeout=10)
        if kernel_pid is not None and pid_alive(kernel_pid):
            for pid in descendants(kernel_pid) + [kernel_pid]:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass


# ---------------------------------------------------------------------------
# output fidelity, goroutines, control while busy


def test_partial_line_output(kernel):
    _, kc = kernel
    execute_ok(kc, 'import "fmt"')
    ex = execute_ok(kc, 'fmt.Print("no newline")')
    assert ex.stream("stdout") == "no newline"
    ex = execute_ok(kc, 'fmt.Print("a")\nfmt.Print("b")\nfmt.Println()')
    assert ex.stream("stdout") == "ab\n"


def test_multibyte_output_is_not_corrupted(kernel):
    """Large UTF-8 output must never be cut inside a character (no U+FFFD)."""
    _, kc = kernel
    execute_ok(kc, 'import "fmt"')
    line = "héllo 世界 🚀\n"
    n = 20_000
    ex = execute_ok(kc, f'for i := 0; i < {n}; i++ {{ fmt.Print("{line.strip()}\\n") }}', timeout=60)
    text = ex.stream("stdout")
    bad = text.find("\ufffd")
    assert bad < 0, f"replacement character at {bad}: {text[max(0, bad - 30):bad + 30]!r}"
    ok = text == line * n  # (no pytest diff of 220k characters)
    assert ok, f"output differs: {len(text)} characters, expected {len(line * n)}"


def test_goroutine_output_after_cell_keeps_its_parent(fresh_kernel):
    """A goroutine outliving its cell prints under that cell's parent header,
    not under the cell that happens to be running."""
    _, kc = fresh_kernel
    execute_ok(kc, 'import "fmt"')
    execute_ok(kc, 'import "time"')
    first = execute_ok(
        kc,
        "release, printed := make(chan bool), make(chan bool)\n"
        'go func() {\n\t<-release\n\tfmt.Println("late")\n\tclose(printed)\n}()',
    )
    # the second cell lets the goroutine print, and waits until it has
    second = execute_ok(kc, 'close(release)\n<-printed\nfmt.Println("second")')
    assert second.stream("stdout") == "second\n", "another cell's output under this cell"
    late = []
    if "late\n" not in stream_text(second.others, first.msg_id):
        late = wait_stream(kc, first.msg_id, "late\n")
    assert stream_text(second.others + late, first.msg_id) == "late\n"


def test_control_answers_while_cell_runs(fresh_kernel, tmp_path):
    _, kc = fresh_kernel
    execute_ok(kc, 'import "fmt"\nimport "os"\nimport "time"')
    # The cell runs until the test opens the gate: a control reply that
    # waited for the cell would never come (control_request fails after 5 s).
    wait, open_gate = gate(tmp_path)
    msg_id = kc.execute('fmt.Println("running")\n' + wait)
    wait_stream(kc, msg_id, "running")
    reply = control_request(kc, "kernel_info_request", timeout=5)
    assert reply["header"]["msg_type"] == "kernel_info_reply"
    with pytest.raises(Empty):  # the cell is still running
        pytest.fail(f"shell message while the cell was held: {kc.get_shell_msg(timeout=0)}")
    open_gate()
    assert get_reply(kc, msg_id, timeout=10)["content"]["status"] == "ok"


def test_interrupt_output_flood(fresh_kernel):
    _, kc = fresh_kernel
    execute_ok(kc, 'import "fmt"')
    execute_ok(kc, "kept := 9")
    msg_id = kc.execute("for i := 0; ; i++ { fmt.Println(i) }")
    # interrupted in full flood: 10000 lines have arrived
    wait_stream(kc, msg_id, "\n10000\n")
    t0 = time.monotonic()
    control_request(kc, "interrupt_request")
    reply = get_reply(kc, msg_id, timeout=10)
    elapsed = time.monotonic() - t0
    collect_iopub(kc, msg_id, timeout=30)
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "interrupt"
    assert elapsed < INTERRUPT_HANG, f"interrupt took {elapsed:.2f}s"
    assert execute_ok(kc, "kept").result == "9"


def test_shutdown_reply_always_arrives():
    """The shutdown_reply must be sent before the kernel closes its sockets
    (repeated: the race shows now and then)."""
    missing = 0
    for _ in range(15):
        km, kc = start_kernel()
        try:
            msg = kc.session.msg("shutdown_request", {"restart": False})
            kc.control_channel.send(msg)
            try:
                get_reply(kc, msg["header"]["msg_id"], timeout=5, channel="control")
            except TimeoutError:
                missing += 1
        finally:
            kc.stop_channels()
            if km.is_alive():
                km.shutdown_kernel(now=True)
            else:
                km.cleanup_resources()
    assert missing == 0, f"{missing}/15 shutdown requests got no shutdown_reply"


# ---------------------------------------------------------------------------
# more clients, stdin, worker loss, odd requests


def test_second_client_sees_iopub_not_replies(kernel):
    from jupyter_client import BlockingKernelClient

    km, kc = kernel
    execute_ok(kc, 'import "fmt"')
    kc2 = BlockingKernelClient(connection_file=km.connection_file)
    kc2.load_connection_file()
    kc2.start_channels()
    try:
        # (wait_for_ready returns once kc2's iopub has received: it sees what follows)
        kc2.wait_for_ready(timeout=TIMEOUT)
        assert kc2.session.session != kc.session.session
        ex = execute_ok(kc, 'fmt.Println("for everyone")')
        msgs, _ = collect_iopub(kc2, ex.msg_id)
        assert [m["msg_type"] for m in msgs] == ["status", "execute_input", "stream", "status"]
        assert all(m["parent_header"]["session"] == kc.session.session for m in msgs)
        # The first client's reply went out before kc2 sends this request, so
        # a copy sent to kc2 would arrive before its answer: every shell
        # message kc2 gets up to that answer must be its own (wait_for_ready
        # may have left kernel_info replies).
        msg_id = kc2.kernel_info()
        while True:
            m = kc2.get_shell_msg(timeout=TIMEOUT)
            assert m["parent_header"].get("session") == kc2.session.session, (
                f"second client got a shell reply meant for the first: {m['msg_type']}")
            if m["parent_header"].get("msg_id") == msg_id:
                break
        assert m["content"]["status"] == "ok"
    finally:
        kc2.stop_channels()
    assert execute_ok(kc, "1 + 1").result == "2"


def test_interrupt_aborts_queued_cells(fresh_kernel):
    _, kc = fresh_kernel
    execute_ok(kc, 'import "fmt"')
    running = kc.execute('fmt.Println("running")\nfor {}')
    queued = kc.execute("2 + 2")
    wait_stream(kc, running, "running")
    control_request(kc, "interrupt_request")
    assert get_reply(kc, running)["content"]["ename"] == "interrupt"
    assert get_reply(kc, queued)["content"]["status"] == "aborted"
    assert execute_ok(kc, "3 + 3").result == "6"


def test_stdin_input_request(fresh_kernel):
    _, kc = fresh_kernel
    execute_ok(kc, 'import "fmt"')
    execute_ok(kc, "var line string")
    msg_id = kc.execute("fmt.Scanln(&line)", allow_stdin=True)
    req = kc.get_stdin_msg(timeout=TIMEOUT)
    assert req["msg_type"] == "input_request"
    assert req["parent_header"]["msg_id"] == msg_id
    assert req["content"]["password"] is False
    kc.input("typed by the user")
    assert get_reply(kc, msg_id)["content"]["status"] == "ok"
    collect_iopub(kc, msg_id)
    assert execute_ok(kc, "line").result == '"typed"'  # Scanln stops at a space


def test_stdin_not_allowed_does_not_hang(fresh_kernel):
    _, kc = fresh_kernel
    execute_ok(kc, 'import "fmt"')
    execute_ok(kc, "var line string")
    t0 = time.monotonic()
    ex = execute(kc, "fmt.Scanln(&line)", allow_stdin=False, timeout=10)
    assert time.monotonic() - t0 < 5, "Scanln without allow_stdin waited for input"
    assert ex.status in ("ok", "error")
    assert execute_ok(kc, "line").result == '""'
    with pytest.raises(Empty):
        kc.get_stdin_msg(timeout=0.3)


def test_worker_killed_while_idle(fresh_kernel):
    """A worker that dies between cells (OOM killer, kill -9) is replaced:
    the next cell runs normally.  Three rounds: it is a race."""
    km, kc = fresh_kernel
    execute_ok(kc, "1")
    count = execute_ok(kc, "2").reply["content"]["execution_count"]
    codes = ["1", "2"]
    for round_ in range(3):
        workers = descendants(km.provisioner.process.pid)
        assert workers
        for pid in workers:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass  # a child that had just exited (a shell of a magic, say)
        assert wait_gone(workers, timeout=5)
        code = f"20 + {22 + round_}"
        codes.append(code)
        ex = execute(kc, code)
        assert ex.status == "ok", f"round {round_}: {ex.reply['content']}"
        assert ex.result == str(42 + round_)
        count += 1
        assert ex.reply["content"]["execution_count"] == count
    hist = request(kc, "history", hist_access_type="tail", n=len(codes))["content"]["history"]
    assert [h[2] for h in hist] == codes


def test_bad_execute_content_is_an_error_reply(kernel):
    _, kc = kernel
    msg = kc.session.msg("execute_request", {"code": 5, "silent": False})
    kc.shell_channel.send(msg)
    reply = get_reply(kc, msg["header"]["msg_id"])
    assert reply["content"]["status"] == "error"
    collect_iopub(kc, msg["header"]["msg_id"])
    assert execute_ok(kc, "1 + 1").result == "2"


def test_cursor_positions_count_code_points(kernel):
    """Protocol 5.2+: cursor_pos, cursor_start and cursor_end are in unicode
    code points, not bytes."""
    _, kc = kernel
    execute_ok(kc, 'import "fmt"')
    code = 's := "世界🚀"\nfmt.Prin'
    c = request(kc, "complete", code, len(code))["content"]
    assert set(c["matches"]) == {"Print", "Printf", "Println"}
    assert (c["cursor_start"], c["cursor_end"]) == (len(code) - 4, len(code))
    code = '"世界🚀" + fmt.Sprint("x")'
    c = request(kc, "inspect", code, code.index("Sprint") + 2, 0)["content"]
    assert c["found"] is True and "Sprint" in c["data"]["text/plain"]


def test_shutdown_request_restart_flag(fresh_kernel):
    km, kc = fresh_kernel
    reply = control_request(kc, "shutdown_request", {"restart": True})
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["restart"] is True


def test_sigterm_stops_kernel_and_worker(fresh_kernel):
    km, kc = fresh_kernel
    execute_ok(kc, "1")
    pid = km.provisioner.process.pid
    workers = descendants(pid)
    os.kill(pid, signal.SIGTERM)
    wait_until(lambda: not km.is_alive(), 10, "kernel ignored SIGTERM")
    assert wait_gone(workers), "worker outlived a SIGTERMed kernel"


def test_request_sent_after_abort_replies_runs(kernel):
    """Only requests queued when the error happened are aborted: a request
    the client sends after it has seen the error and abort replies runs.
    Repeated, because the window is small."""
    _, kc = kernel
    execute_ok(kc, 'import "time"')
    statuses = []
    for _ in range(8):
        # slow failing cell: "1 + 1" is surely queued when it fails
        replies = send_batch(kc, ['time.Sleep(300 * time.Millisecond)\npanic("fail")', "1 + 1"])
        assert [r["content"]["status"] for r in replies] == ["error", "aborted"]
        statuses.append(execute(kc, "3 + 3").status)
    assert statuses == ["ok"] * 8
