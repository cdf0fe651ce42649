"""Shared fixtures for the gokernel Jupyter test suite.

The suite drives the built kernel binary through real Jupyter clients.
It uses $GOKERNEL_BIN when set (the Makefile sets it), otherwise it builds
the kernel with `go build` into a temporary directory.  The kernelspec is
installed into a temporary prefix and JUPYTER_PATH points at it before any
kernel starts, so a kernelspec installed elsewhere on the machine never
interferes.

Run with: GOKERNEL_BIN=$PWD/bin/gokernel /usr/bin/python3 -m pytest -q kernel/tests
"""

import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
KERNEL_NAME = "gokernel"

# Every wait in the suite is bounded so a hung kernel fails a test instead
# of hanging CI.
TIMEOUT = 20          # one request/reply or one cell
STARTUP_TIMEOUT = 30  # kernel start


def _build_kernel(dest: Path) -> Path:
    go = shutil.which("go")
    if go is None:
        pytest.exit("GOKERNEL_BIN is not set and `go` is not on PATH", returncode=2)
    out = dest / "gokernel"
    subprocess.run(
        [go, "build", "-o", str(out), "./kernel/cmd/gokernel"],
        cwd=REPO_ROOT, check=True, timeout=600,
    )
    return out


# The kernel binary and the kernelspec are set up once, at session start, in
# pytest_configure: this happens before any test (including the unittest-based
# jupyter_kernel_test class, whose setUpClass starts a kernel) can run.
_STATE = {}


def pytest_configure(config):
    tmp = Path(tempfile.mkdtemp(prefix="gokernel-tests-"))
    _STATE["tmp"] = tmp
    binary = os.environ.get("GOKERNEL_BIN")
    if binary:
        binary = Path(binary).resolve()
        if not binary.is_file():
            pytest.exit(f"GOKERNEL_BIN={binary} does not exist", returncode=2)
    else:
        binary = _build_kernel(tmp)
    prefix = tmp / "prefix"
    subprocess.run(
        [str(binary), "install", "--prefix", str(prefix)],
        check=True, timeout=60, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    jupyter_path = prefix / "share" / "jupyter"
    spec = jupyter_path / "kernels" / KERNEL_NAME / "kernel.json"
    if not spec.is_file():
        pytest.exit(f"`gokernel install --prefix` did not write {spec}", returncode=2)
    os.environ["JUPYTER_PATH"] = str(jupyter_path)
    # Keep Jupyter's runtime/config files (connection files, etc.) in the
    # temporary directory, away from the user's.
    os.environ["JUPYTER_RUNTIME_DIR"] = str(tmp / "runtime")
    os.environ.setdefault("JUPYTER_CONFIG_DIR", str(tmp / "config"))
    _STATE["binary"] = binary
    _STATE["jupyter_path"] = jupyter_path
    _STATE["kernelspec"] = spec


def pytest_unconfigure(config):
    tmp = _STATE.get("tmp")
    if tmp is not None:
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def gokernel_bin() -> Path:
    return _STATE["binary"]


@pytest.fixture(scope="session")
def kernelspec_file() -> Path:
    return _STATE["kernelspec"]


@pytest.fixture(scope="session")
def jupyter_env():
    """Environment for subprocesses (jupyter nbconvert, jupyter console)."""
    return dict(os.environ)


# ---------------------------------------------------------------------------
# Kernel lifecycle


def start_kernel():
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=STARTUP_TIMEOUT)
    return km, kc


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


@pytest.fixture(scope="module")
def kernel():
    """A kernel shared by the tests of one module (tests must not break it)."""
    km, kc = start_kernel()
    yield km, kc
    stop_kernel(km, kc)


@pytest.fixture
def fresh_kernel():
    """A kernel of one's own, for tests that interrupt, crash or restart it."""
    km, kc = start_kernel()
    yield km, kc
    stop_kernel(km, kc)


# ---------------------------------------------------------------------------
# Message helpers


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
        return "".join(
            m["content"]["text"] for m in self.of_type("stream") if m["content"]["name"] == name
        )

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


def collect_iopub(kc, msg_id, timeout=TIMEOUT):
    """iopub messages for parent msg_id up to and including its idle status.

    Returns (mine, others): `others` are messages for other parents seen
    while waiting.
    """
    deadline = time.monotonic() + timeout
    mine, others = [], []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(
                f"no idle status for {msg_id} within {timeout}s; got {[m['msg_type'] for m in mine]}"
            )
        try:
            msg = kc.get_iopub_msg(timeout=remaining)
        except Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id:
            mine.append(msg)
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return mine, others
        else:
            others.append(msg)


def flush_iopub(kc, quiet=0.2):
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


def read_connection_file(km):
    with open(km.connection_file) as f:
        return json.load(f)

