"""Helpers for the gokernel Jupyter tests, in one place.

Tests import from here (`from utils import ...`); conftest.py keeps only
pytest's fixtures and hooks. kernel/bench/bench.py and soak.py import this
module too (by path), for the kernel binary and the process tree.

Every wait here is for an event — a reply, an iopub message, a process that
appears or goes away — bounded by a deadline so that a hung kernel fails a
test instead of hanging the run. None sleeps to let something happen.
"""

import hashlib
import hmac
import json
import os
import shutil
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from queue import Empty

REPO_ROOT = Path(__file__).resolve().parents[2]
KERNEL_NAME = "gokernel"

# Deadlines: how long a wait may take before the test calls it hung. They are
# not speed goals (make bench measures speed); each is far above what the step
# takes on a loaded 2-core machine.
TIMEOUT = 20          # one request/reply or one cell
STARTUP_TIMEOUT = 30  # kernel start
# An interrupt takes ~0.1 s (README promises a second). A cell that ignores
# it never ends: 5 s tells the two apart with room for a loaded machine.
INTERRUPT_HANG = 5.0


# ---------------------------------------------------------------------------
# The kernel binary


def kernel_binary(build_dir) -> Path:
    """The gokernel binary to test: $GOKERNEL_BIN when set (the Makefile sets
    it), otherwise one built with `go build` into build_dir. Raises
    RuntimeError when neither is possible."""
    binary = os.environ.get("GOKERNEL_BIN")
    if binary:
        path = Path(binary).resolve()
        if not path.is_file():
            raise RuntimeError(f"GOKERNEL_BIN={binary} does not exist")
        return path
    go = shutil.which("go")
    if go is None:
        raise RuntimeError("GOKERNEL_BIN is not set and `go` is not on PATH")
    out = Path(build_dir) / "gokernel"
    subprocess.run(
        [go, "build", "-o", str(out), "./kernel/cmd/gokernel"],
        cwd=REPO_ROOT, check=True, timeout=600,
    )
    return out


# ---------------------------------------------------------------------------
# Processes (from /proc)


def _stat_fields(pid):
    """The fields of /proc/PID/stat after the command name, or None."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def descendants(pid):
    """Pids of every living descendant of pid: children, their children, …"""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat_fields(entry)
            if fields and len(fields) > 1:
                children.setdefault(int(fields[1]), []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        kids = children.get(todo.pop(), [])
        out += kids
        todo += kids
    return out


def pid_alive(pid):
    """Whether pid exists and is not a zombie."""
    fields = _stat_fields(pid)
    return bool(fields) and fields[0] != "Z"


def cmdline(pid):
    """argv of pid as bytes, or [] when it is gone."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().split(b"\0")
    except OSError:
        return []


def rss_kib(pid):
    """Resident memory of pid (VmRSS), in KiB; 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def wait_until(condition, timeout, what):
    """Poll condition() until it is true; fail naming `what` after timeout seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} (waited {timeout}s)")
        time.sleep(0.02)


def wait_gone(pids, timeout=10):
    """True once none of pids is alive, False if one still is after timeout."""
    deadline = time.monotonic() + timeout
    while any(pid_alive(p) for p in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


# ---------------------------------------------------------------------------
# Kernel lifecycle


def start_kernel():
    from jupyter_client.manager import start_new_kernel

    return start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=STARTUP_TIMEOUT)


def stop_kernel(km, kc):
    try:
        kc.stop_channels()
    finally:
        if km.has_kernel:
            try:
                km.shutdown_kernel(now=False)
            except Exception:
                km.shutdown_kernel(now=True)
        assert not km.is_alive()


def read_connection_file(km):
    with open(km.connection_file) as f:
        return json.load(f)


# ---------------------------------------------------------------------------
# Messages


@dataclass
class Execution:
    msg_id: str
    reply: dict
    msgs: list                      # iopub messages whose parent is msg_id, through idle
    others: list = field(default_factory=list)  # iopub messages for other parents seen meanwhile

    @property
    def types(self):
        return [m["msg_type"] for m in self.msgs]

    @property
    def status(self):
        return self.reply["content"]["status"]

    def of_type(self, msg_type):
        return [m for m in self.msgs if m["msg_type"] == msg_type]

    def stream(self, name="stdout"):
        return stream_text(self.msgs, self.msg_id, name)

    @property
    def result(self):
        """text/plain of the single execute_result, or None."""
        res = self.of_type("execute_result")
        assert len(res) <= 1, f"more than one execute_result: {res}"
        return res[0]["content"]["data"]["text/plain"] if res else None

    @property
    def error(self):
        errs = self.of_type("error")
        assert len(errs) <= 1, f"more than one error message: {errs}"
        return errs[0]["content"] if errs else None


def stream_text(msgs, parent_id, name=None):
    """The stream text among msgs whose parent is parent_id (of one stream, or all)."""
    return "".join(
        m["content"]["text"] for m in msgs
        if m["msg_type"] == "stream" and m["parent_header"].get("msg_id") == parent_id
        and name in (None, m["content"]["name"])
    )


def get_reply(kc, msg_id, timeout=TIMEOUT, channel="shell"):
    """Wait for the reply to msg_id on shell (or control), skipping others."""
    deadline = time.monotonic() + timeout
    get = kc.get_shell_msg if channel == "shell" else kc.get_control_msg
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"no {channel} reply to {msg_id} within {timeout}s")
        try:
            msg = get(timeout=remaining)
        except Empty:
            raise TimeoutError(f"no {channel} reply to {msg_id} within {timeout}s") from None
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def wait_iopub(kc, until, timeout=TIMEOUT, what="the awaited iopub message"):
    """Read iopub until until(msg) is true for a message; return every message
    read, that one last."""
    deadline = time.monotonic() + timeout
    seen = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"no {what} within {timeout}s; got {[m['msg_type'] for m in seen]}")
        try:
            msg = kc.get_iopub_msg(timeout=remaining)
        except Empty:
            continue
        seen.append(msg)
        if until(msg):
            return seen


def collect_iopub(kc, msg_id, timeout=TIMEOUT):
    """iopub messages for parent msg_id up to and including its idle status.

    Returns (mine, others): `others` are messages for other parents seen
    while waiting.
    """
    def idle(msg):
        return (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle")

    seen = wait_iopub(kc, idle, timeout, f"idle status for {msg_id}")
    mine = [m for m in seen if m["parent_header"].get("msg_id") == msg_id]
    others = [m for m in seen if m["parent_header"].get("msg_id") != msg_id]
    return mine, others


def wait_running(kc, msg_id, timeout=TIMEOUT):
    """Wait until the kernel has published execute_input for msg_id; return
    the iopub messages read meanwhile."""
    return wait_iopub(
        kc,
        lambda m: m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "execute_input",
        timeout, f"execute_input for {msg_id} (the cell never started)",
    )


def wait_stream(kc, msg_id, want, timeout=TIMEOUT):
    """Wait until the stream output under parent msg_id contains `want`: the
    evidence that a cell (or a goroutine it started) got that far. Returns
    the iopub messages read meanwhile."""
    seen = []

    def arrived(msg):
        seen.append(msg)
        return want in stream_text(seen, msg_id)

    try:
        return wait_iopub(kc, arrived, timeout, f"output {want!r} under {msg_id}")
    except TimeoutError as e:
        raise TimeoutError(f"{e}; its output: {stream_text(seen, msg_id)[-500:]!r}") from None


def flush_iopub(kc, quiet=0.2):
    """Drop what is waiting on iopub (returned), up to a quiet moment."""
    out = []
    while True:
        try:
            out.append(kc.get_iopub_msg(timeout=quiet))
        except Empty:
            return out


def execute(kc, code, timeout=TIMEOUT, **kwargs) -> Execution:
    """Run one cell and collect the reply and its iopub messages."""
    msg_id = kc.execute(code, **kwargs)
    reply = get_reply(kc, msg_id, timeout=timeout)
    msgs, others = collect_iopub(kc, msg_id, timeout=timeout)
    return Execution(msg_id, reply, msgs, others)


def execute_ok(kc, code, timeout=TIMEOUT, **kwargs) -> Execution:
    ex = execute(kc, code, timeout=timeout, **kwargs)
    assert ex.status == "ok", f"cell {code!r} failed: {ex.reply['content']} {ex.msgs}"
    return ex


def request(kc, method, *args, timeout=TIMEOUT, **kwargs):
    """Send a shell request with KernelClient.<method> and return the reply."""
    msg_id = getattr(kc, method)(*args, **kwargs)
    return get_reply(kc, msg_id, timeout=timeout)


def control_request(kc, msg_type, content=None, timeout=TIMEOUT):
    """Send msg_type on the control channel and return its reply."""
    msg = kc.session.msg(msg_type, content or {})
    kc.control_channel.send(msg)
    return get_reply(kc, msg["header"]["msg_id"], timeout=timeout, channel="control")


def gate(tmp_path, name="gate"):
    """A cell that blocks until the test opens the gate, and the opener.

    Returns (go_code, open_gate): go_code waits (polling, so it is neither a
    deadlock nor hard to interrupt) until open_gate() has been called. A cell
    kept running this way stays running for as long as the test needs, on any
    machine; it needs `import "os"` and `import "time"` in an earlier cell.
    """
    path = Path(tmp_path) / f"{name}-{uuid.uuid4().hex}"
    code = f"for {{ if _, err := os.Stat({json.dumps(str(path))}); err == nil {{ break }}; time.Sleep(5 * time.Millisecond) }}"
    return code, path.touch


# ---------------------------------------------------------------------------
# A raw shell socket, for messages jupyter_client would never send


class RawShell:
    """A raw DEALER socket to the kernel's shell port, to send malformed frames."""

    DELIM = b"<IDS|MSG>"

    def __init__(self, km):
        import zmq

        info = read_connection_file(km)
        self.key = info["key"].encode()
        self.scheme = info.get("signature_scheme", "hmac-sha256")
        assert self.scheme == "hmac-sha256", self.scheme
        self.ctx = zmq.Context()
        self.sock = self.ctx.socket(zmq.DEALER)
        self.sock.linger = 0
        self.sock.connect(f"{info['transport']}://{info['ip']}:{info['shell_port']}")
        self.session = uuid.uuid4().hex

    def close(self):
        self.sock.close(0)
        self.ctx.term()

    def sign(self, parts):
        h = hmac.new(self.key, digestmod=hashlib.sha256)
        for p in parts:
            h.update(p)
        return h.hexdigest().encode()

    def header(self, msg_type):
        return {
            "msg_id": uuid.uuid4().hex,
            "msg_type": msg_type,
            "session": self.session,
            "username": "test",
            "date": datetime.now(timezone.utc).isoformat(),
            "version": "5.3",
        }

    def parts(self, msg_type, content=None):
        header = self.header(msg_type)
        parts = [json.dumps(x).encode() for x in (header, {}, {}, content or {})]
        return header, parts

    def send_frames(self, frames):
        self.sock.send_multipart(frames)

    def send(self, msg_type, content=None, signature=None):
        header, parts = self.parts(msg_type, content)
        sig = self.sign(parts) if signature is None else signature
        self.send_frames([self.DELIM, sig] + parts)
        return header

    def recv(self, timeout):
        if not self.sock.poll(int(timeout * 1000)):
            return None
        frames = self.sock.recv_multipart()
        i = frames.index(self.DELIM)
        sig, parts = frames[i + 1], frames[i + 2 : i + 6]
        assert sig == self.sign(parts), "kernel reply has a bad signature"
        header, parent, metadata, content = (json.loads(p) for p in parts)
        return {"header": header, "parent_header": parent, "metadata": metadata, "content": content}

    def assert_no_reply(self, timeout=1.0):
        msg = self.recv(timeout)
        assert msg is None, f"kernel answered a message it should have dropped: {msg}"

    def assert_alive(self):
        header = self.send("kernel_info_request")
        msg = self.recv(TIMEOUT)
        assert msg is not None, "kernel did not answer kernel_info after a bad message"
        assert msg["header"]["msg_type"] == "kernel_info_reply"
        assert msg["parent_header"]["msg_id"] == header["msg_id"]
