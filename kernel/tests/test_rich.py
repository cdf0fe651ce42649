"""Rich output, magics, completion and inspection, as a Jupyter frontend sees them.

Covers the display API (package kernel/display), the rich Out value of a
cell, the magics and shell lines (package kernel/magic) and what complete
and inspect requests answer from Go code (package kernel/assist).

Tests that leave the kernel in a normal state share one kernel per module
(`kernel`); tests that interrupt it or reset it get their own
(`fresh_kernel`).
"""

import base64
import os
import re
import statistics
import struct
import time
import uuid
import zlib

from utils import (
    INTERRUPT_HANG,
    cmdline,
    collect_iopub,
    control_request,
    descendants,
    execute,
    execute_ok,
    gate,
    get_reply,
    request,
    wait_gone,
    wait_running,
    wait_stream,
    wait_until,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Every magic %help must list (the first word of each of its lines).
ALL_MAGICS = [
    "%time", "%%time", "%timeit", "%%timeit", "%env", "%who", "%reset",
    "%gomaxprocs", "%goroutines", "%%writefile", "%help",
]

# A type with a method and a field, for completion and inspection.
TYPE_P = "type P struct{X int}\nfunc (p P) Get() int { return p.X }"


# ---------------------------------------------------------------------------
# helpers


def output_types(ex):
    """Message types of a cell's iopub messages, without status and execute_input."""
    return [t for t in ex.types if t not in ("status", "execute_input")]


def assert_parent_is(msg, ex, kc):
    parent = msg["parent_header"]
    assert parent["msg_id"] == ex.msg_id, msg
    assert parent["msg_type"] == "execute_request", msg
    assert parent["session"] == kc.session.session, msg


def png_size(data):
    assert data[:8] == PNG_SIGNATURE, data[:16]
    assert data[12:16] == b"IHDR", data[:32]
    return struct.unpack(">II", data[16:24])


def first_pixel(data):
    """RGBA of pixel (0, 0) of an 8-bit RGBA PNG (any row filter leaves it raw)."""
    png_size(data)
    pos, idat, ctype = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            ctype = (body[8], body[9])  # bit depth, color type
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert ctype == (8, 6), f"not an 8-bit RGBA PNG: {ctype}"
    raw = zlib.decompress(idat)
    return tuple(raw[1:5])


# ---------------------------------------------------------------------------
# 1-4: the display API


def test_display_html(kernel):
    _, kc = kernel
    code = 'import "gokernel/display"\ndisplay.HTML("<b>hi</b>")'
    ex = execute_ok(kc, code)
    assert ex.types == ["status", "execute_input", "display_data", "status"], ex.types
    (msg,) = ex.of_type("display_data")
    assert_parent_is(msg, ex, kc)
    data = msg["content"]["data"]
    assert data["text/html"] == "<b>hi</b>"
    assert isinstance(data.get("text/plain"), str) and data["text/plain"], data
    assert msg["content"]["metadata"] == {}
    # nothing went to another parent
    assert not [m for m in ex.others if m["msg_type"] != "status"], ex.others


def test_display_show_and_update(kernel):
    _, kc = kernel
    execute_ok(kc, 'import "gokernel/display"')
    ex = execute_ok(kc, 'id := display.Show("text/plain", "0")\ndisplay.Update(id, "text/plain", "1")')
    assert output_types(ex) == ["display_data", "update_display_data"], ex.types
    shown, updated = ex.msgs[2], ex.msgs[3]
    for m in (shown, updated):
        assert_parent_is(m, ex, kc)
    assert shown["content"]["data"] == {"text/plain": "0"}
    assert updated["content"]["data"] == {"text/plain": "1"}
    did = shown["content"]["transient"]["display_id"]
    assert isinstance(did, str) and did
    assert updated["content"]["transient"]["display_id"] == did


def test_display_clear_between_prints(kernel):
    _, kc = kernel
    execute_ok(kc, 'import "fmt"')
    execute_ok(kc, 'import "gokernel/display"')
    ex = execute_ok(kc, 'fmt.Println("a")\ndisplay.Clear(true)\nfmt.Println("b")')
    assert output_types(ex) == ["stream", "clear_output", "stream"], ex.types
    a, clear, b = ex.msgs[2:5]
    assert a["content"] == {"name": "stdout", "text": "a\n"}
    assert clear["content"] == {"wait": True}
    assert b["content"] == {"name": "stdout", "text": "b\n"}
    for m in (a, clear, b):
        assert_parent_is(m, ex, kc)


def test_display_progress(kernel):
    _, kc = kernel
    execute_ok(kc, 'import "gokernel/display"')
    ex = execute_ok(kc, 'bar := display.Progress(3, "w")\nfor i := 0; i < 3; i++ { bar.Add(1) }')
    kinds = output_types(ex)
    assert kinds[0] == "display_data", kinds
    assert kinds.count("display_data") == 1, kinds
    assert set(kinds[1:]) == {"update_display_data"}, kinds
    shown = ex.of_type("display_data")[0]
    updates = ex.of_type("update_display_data")
    did = shown["content"]["transient"]["display_id"]
    assert did
    assert "0/3" in shown["content"]["data"]["text/plain"], shown["content"]["data"]
    for u in updates:
        assert u["content"]["transient"]["display_id"] == did
        assert_parent_is(u, ex, kc)
    assert "3/3" in updates[-1]["content"]["data"]["text/plain"], updates[-1]["content"]["data"]


# ---------------------------------------------------------------------------
# 5-6: rich Out values


def test_out_value_with_html_method(kernel):
    _, kc = kernel
    ex = execute_ok(
        kc,
        'type B struct{ S string }\nfunc (b B) HTML() string { return "<i>" + b.S + "</i>" }\nB{"x"}',
    )
    (res,) = ex.of_type("execute_result")
    assert_parent_is(res, ex, kc)
    assert res["content"]["data"] == {"text/html": "<i>x</i>", "text/plain": "{x}"}
    assert res["content"]["execution_count"] == ex.reply["content"]["execution_count"]


def test_out_value_image(kernel):
    _, kc = kernel
    execute_ok(kc, 'import ("image"; "image/color")')
    ex = execute_ok(kc, "img := image.NewRGBA(image.Rect(0,0,4,3))\nimg")
    (res,) = ex.of_type("execute_result")
    assert_parent_is(res, ex, kc)
    data = res["content"]["data"]
    assert set(data) == {"image/png", "text/plain"}, data.keys()
    assert data["text/plain"] == "<*image.RGBA 4x3>"
    assert data["image/png"].startswith("iVBOR"), data["image/png"][:20]
    assert png_size(base64.b64decode(data["image/png"], validate=True)) == (4, 3)


def test_out_value_image_drawn_with_color_literal(kernel):
    """A pixel set with a color literal shows in the PNG (Set(x, y, color.RGBA{…}))."""
    _, kc = kernel
    execute_ok(kc, 'import ("image"; "image/color")')
    ex = execute_ok(
        kc,
        "dot := image.NewRGBA(image.Rect(0,0,4,3))\ndot.Set(0, 0, color.RGBA{255, 0, 0, 255})\ndot",
    )
    png = base64.b64decode(ex.of_type("execute_result")[0]["content"]["data"]["image/png"])
    assert png_size(png) == (4, 3)
    assert first_pixel(png) == (255, 0, 0, 255)


# ---------------------------------------------------------------------------
# 7-15: magics and shell lines


def test_time_magic(kernel):
    _, kc = kernel
    ex = execute_ok(kc, "%time 1 + 2")
    assert output_types(ex) == ["stream", "execute_result"], ex.types
    out = ex.stream("stdout")
    assert re.fullmatch(
        r"CPU times: user .*\nWall time: .*\nGoroutines started: 0\nAllocations: \d+.*\n", out
    ), out
    assert ex.stream("stderr") == ""
    assert ex.result == "3"


def test_timeit_magic(kernel):
    _, kc = kernel
    ex = execute_ok(kc, "%timeit 1 + 2")
    out = ex.stream("stdout")
    assert re.fullmatch(
        r"\S+ \S+ ± .* per loop \(mean ± std\. dev\. of 7 runs, \d+ loops each\)\n", out
    ), out
    assert ex.result is None


def test_env_magic_and_shell(kernel):
    _, kc = kernel
    ex = execute_ok(kc, '%env GKX=1\nimport "os"\nos.Getenv("GKX")')
    assert output_types(ex) == ["stream", "execute_result"], ex.types
    assert ex.stream("stdout") == "env: GKX=1\n"
    assert ex.result == '"1"'
    ex = execute_ok(kc, "!echo $GKX")
    assert ex.stream("stdout") == "1\n"
    assert ex.stream("stderr") == ""


def test_who_magic(kernel):
    _, kc = kernel
    ex = execute_ok(kc, "x := 5\n%who")
    out = ex.stream("stdout")
    assert re.search(r"^x\s+var\s+int$", out, re.M), out


def test_reset_magic(fresh_kernel):
    _, kc = fresh_kernel
    execute_ok(kc, "x := 1")
    ex = execute_ok(kc, "%reset")
    assert ex.stream("stdout").startswith("Reset"), ex.stream("stdout")
    ex = execute(kc, "x")
    assert ex.status == "error"
    assert "undefined: x" in ex.reply["content"]["evalue"], ex.reply["content"]
    assert ex.error is not None and "undefined: x" in ex.error["evalue"]
    # the fresh worker runs cells
    assert execute_ok(kc, "1 + 1").result == "2"


def test_gomaxprocs_magic(kernel):
    _, kc = kernel
    ex = execute_ok(kc, "%gomaxprocs 1")
    m = re.fullmatch(r"GOMAXPROCS: 1 \(was (\d+)\)\n", ex.stream("stdout"))
    assert m, ex.stream("stdout")
    was = int(m.group(1))
    try:
        ex = execute_ok(kc, "%gomaxprocs")
        assert ex.stream("stdout") == "1\n"
    finally:
        execute_ok(kc, f"%gomaxprocs {was}")
    assert execute_ok(kc, "%gomaxprocs").stream("stdout") == f"{was}\n"


def test_goroutines_magic(kernel):
    _, kc = kernel
    ex = execute_ok(kc, "ch := make(chan int)\ngo func(){ <-ch }()")
    n = ex.reply["content"]["execution_count"]
    try:
        out = execute_ok(kc, "%goroutines").stream("stdout")
        assert re.search(rf"^\s*1\s+\S.*?\s+In\[{n}\]$", out, re.M), out
    finally:
        execute_ok(kc, "close(ch)")


def test_writefile_magic(kernel, tmp_path):
    _, kc = kernel
    path = tmp_path / "t.txt"
    ex = execute_ok(kc, f"%%writefile {path}\nhello")
    assert ex.stream("stdout") == f"Writing {path}\n"
    assert path.read_text() == "hello\n"


def test_writefile_relative_is_in_kernel_cwd(kernel):
    km, kc = kernel
    cwd = os.readlink(f"/proc/{km.provisioner.process.pid}/cwd")
    name = f"gk-rich-{uuid.uuid4().hex}.txt"
    target = os.path.join(cwd, name)
    try:
        ex = execute_ok(kc, f"%%writefile {name}\nhello")
        assert ex.stream("stdout") == f"Writing {name}\n"
        with open(target) as f:
            assert f.read() == "hello\n"
    finally:
        if os.path.exists(target):
            os.remove(target)


def test_shell_line_streams(kernel):
    _, kc = kernel
    ex = execute_ok(kc, "!echo out; echo err >&2")
    assert ex.stream("stdout") == "out\n"
    assert ex.stream("stderr") == "err\n"
    for m in ex.of_type("stream"):
        assert_parent_is(m, ex, kc)


def test_shell_line_interrupt(fresh_kernel):
    km, kc = fresh_kernel
    msg_id = kc.execute("!sleep 30")
    wait_running(kc, msg_id)
    # interrupted once the command runs: a `sleep 30` under the kernel
    kernel_pid = km.provisioner.process.pid
    sleepers = []

    def sleeping():
        sleepers[:] = [p for p in descendants(kernel_pid) if cmdline(p)[:2] == [b"sleep", b"30"]]
        return sleepers

    wait_until(sleeping, 10, "no `sleep 30` process under the kernel while the shell line ran")
    t0 = time.monotonic()
    ireply = control_request(kc, "interrupt_request")
    assert ireply["content"]["status"] == "ok"
    reply = get_reply(kc, msg_id, timeout=10)
    elapsed = time.monotonic() - t0
    msgs, _ = collect_iopub(kc, msg_id)
    assert elapsed < INTERRUPT_HANG, f"interrupt took {elapsed:.2f}s"
    c = reply["content"]
    assert (c["status"], c["ename"]) == ("error", "interrupt"), c
    errors = [m for m in msgs if m["msg_type"] == "error"]
    assert len(errors) == 1 and errors[0]["content"]["ename"] == "interrupt", errors
    # the command itself was stopped
    assert sleepers, "no `sleep 30` process under the kernel while the shell line ran"
    assert wait_gone(sleepers, timeout=5), "`sleep 30` outlived the interrupt"
    assert execute_ok(kc, "1 + 1").result == "2"


# ---------------------------------------------------------------------------
# 16-17: name?, unknown magics, %help


def test_question_mark_pages_doc(kernel):
    _, kc = kernel
    execute_ok(kc, 'import "fmt"')
    ex = execute_ok(kc, "fmt.Println?")
    payload = ex.reply["content"]["payload"]
    assert len(payload) == 1, payload
    page = payload[0]
    assert set(page) == {"source", "start", "data"}, page
    assert page["source"] == "page"
    assert page["start"] == 0
    assert set(page["data"]) == {"text/plain"}, page["data"]
    assert "func Println(a ...any) (n int, err error)" in page["data"]["text/plain"], page
    # the doc goes to the pager only
    assert output_types(ex) == [], ex.types


def test_unknown_magic(kernel):
    _, kc = kernel
    ex = execute(kc, "%nosuch")
    c = ex.reply["content"]
    assert c["status"] == "error"
    assert c["ename"] == "magic error"
    assert c["evalue"] == "unknown magic %nosuch (run %help for the list of magics)"
    assert ex.error["ename"] == "magic error"
    assert ex.error["evalue"] == c["evalue"]
    assert output_types(ex) == ["error"], ex.types


def test_help_lists_every_magic(kernel):
    _, kc = kernel
    out = execute_ok(kc, "%help").stream("stdout")
    listed = {line.split()[0] for line in out.splitlines()[1:] if line.strip()}
    missing = [m for m in ALL_MAGICS if m not in listed]
    assert not missing, f"%help does not list {missing}:\n{out}"


# ---------------------------------------------------------------------------
# 18-22: complete and inspect


def test_complete_import_path(kernel):
    _, kc = kernel
    c = request(kc, "complete", 'import "net/ht', 14)["content"]
    assert c["status"] == "ok"
    assert "net/http" in c["matches"], c["matches"]
    assert all(m.startswith("net/ht") for m in c["matches"]), c["matches"]
    assert (c["cursor_start"], c["cursor_end"]) == (8, 14)
    types = c["metadata"]["_jupyter_types_experimental"]
    assert [t["text"] for t in types] == c["matches"]
    for t in types:
        assert t["type"] == "module", t
        assert (t["start"], t["end"]) == (8, 14), t


def test_complete_members_of_user_type(kernel):
    _, kc = kernel
    execute_ok(kc, TYPE_P + "\np := P{}")
    c = request(kc, "complete", "p.", 2)["content"]
    assert c["status"] == "ok"
    assert c["matches"] == ["Get", "X"]
    assert (c["cursor_start"], c["cursor_end"]) == (2, 2)
    types = {t["text"]: t for t in c["metadata"]["_jupyter_types_experimental"]}
    assert types["Get"]["signature"] == "func() int", types


def test_complete_magic_names(kernel):
    _, kc = kernel
    c = request(kc, "complete", "%ti", 3)["content"]
    assert c["status"] == "ok"
    assert c["matches"] == ["%time", "%timeit"]
    assert (c["cursor_start"], c["cursor_end"]) == (0, 3)


def test_inspect_user_variable_idle_and_busy(kernel, tmp_path):
    _, kc = kernel
    execute_ok(kc, 'import "fmt"\nimport "os"\nimport "time"')
    execute_ok(kc, TYPE_P + "\np := P{3}")
    c = request(kc, "inspect", "p", 1, 0)["content"]
    assert c["status"] == "ok" and c["found"] is True, c
    assert c["data"]["text/plain"] == "var p P = {3}"

    # The cell runs until the test opens the gate: an inspect_reply that
    # waited for it would never come.
    wait, open_gate = gate(tmp_path)
    msg_id = kc.execute('fmt.Println("running")\n' + wait)
    try:
        wait_stream(kc, msg_id, "running")
        t0 = time.monotonic()
        inspect_id = kc.inspect("p", 1, 0)
        # read the shell channel by hand: the execute_reply must not come first
        replies = {}
        while inspect_id not in replies:
            msg = kc.get_shell_msg(timeout=5)
            replies[msg["parent_header"].get("msg_id")] = msg
        elapsed = time.monotonic() - t0
    finally:
        open_gate()  # the module's kernel goes on to the next test
    assert msg_id not in replies, "the inspect_reply waited for the running cell"
    c = replies[inspect_id]["content"]
    # (a generous bound: answered from the kernel's symbol table, it takes ms)
    assert elapsed < 5, f"inspect took {elapsed:.2f}s while a cell ran"
    assert c["status"] == "ok" and c["found"] is True, c
    text = c["data"]["text/plain"]
    assert text.startswith("var p P"), text
    assert "(value not read while a cell runs)" in text, text
    assert "{3}" not in text, text
    assert get_reply(kc, msg_id)["content"]["status"] == "ok"
    collect_iopub(kc, msg_id)


def test_completion_latency(kernel):
    _, kc = kernel
    execute_ok(kc, 'import "fmt"')
    times = []
    for _ in range(50):
        t0 = time.monotonic()
        reply = request(kc, "complete", "fmt.Pr", 6)
        times.append(time.monotonic() - t0)
        c = reply["content"]
        assert reply["header"]["msg_type"] == "complete_reply"
        assert c["status"] == "ok"
        assert c["matches"] == ["Print", "Printf", "Println"], c["matches"]
        assert (c["cursor_start"], c["cursor_end"]) == (4, 6)
    print(
        f"\ncomplete_request 'fmt.Pr' x50: median {statistics.median(times) * 1000:.2f} ms, "
        f"max {max(times) * 1000:.2f} ms"
    )
