"""Two students on a local JupyterHub run a lesson at the same time.

The hub is Debian's jupyterhub with docker/jupyterhub/jupyterhub_config.py:
shared-password login, each user's server (and so each kernel) started as
that Unix user. The test creates the Unix users gk-alice and gk-bob (private
homes, mode 0700) when they are missing and removes those it created.

Checks:
- the shared password lets a listed user in, and a wrong one does not;
- both users' servers run every lesson notebook at the same time, through the
  hub's proxy (contents API for the notebook, kernel websocket for the cells):
  errors only in cells tagged raises-exception;
- a kernel runs as its user (os.Getuid, user.Current, and the owner of the
  kernel's processes), and cannot read the other user's files;
- memory of one user's server + kernel (idle, while running a lesson, after
  it), printed and written to $ARTIFACTS/hub-memory.json when ARTIFACTS is set.

Needs root (to spawn as other users) and Debian's jupyterhub; skips with the
reason otherwise. docker/jupyterhub/run.sh installs what it needs and runs:

    /usr/bin/python3 -m pytest -q docker/jupyterhub/test_hub.py

The kernel is $GOKERNEL_BIN when set, else built with `go build`; its
kernelspec goes into a JUPYTER_PATH of the test's own that the hub passes to
the users' servers.
"""

import asyncio
import json
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CONFIG = Path(__file__).resolve().parent / "jupyterhub_config.py"
USERS = ["gk-alice", "gk-bob"]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
CELL_TIMEOUT = 60       # one cell
START_TIMEOUT = 90      # hub, or a user's server, to come up

if os.geteuid() != 0:
    pytest.skip("the hub spawns servers as other Unix users: run as root", allow_module_level=True)
if shutil.which("jupyterhub") is None or shutil.which("configurable-http-proxy") is None:
    pytest.skip("needs Debian's jupyterhub and node-configurable-http-proxy "
                "(docker/jupyterhub/run.sh installs them)", allow_module_level=True)

from tornado.httpclient import AsyncHTTPClient, HTTPRequest  # noqa: E402
from tornado.websocket import websocket_connect  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- setting up: users, kernel, hub --------------------------------------------

def ensure_users(tmp):
    """Creates the missing users with private homes; returns those it created."""
    created = []
    for name in USERS:
        try:
            pwd.getpwnam(name)
        except KeyError:
            subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", name], check=True)
            created.append(name)
        entry = pwd.getpwnam(name)
        home = Path(entry.pw_dir)
        os.chmod(home, 0o700)
        # A private file, and the lessons, in each home.
        secret = home / "secret.txt"
        secret.write_text(f"{name}'s answers\n")
        os.chmod(secret, 0o600)
        lessons = home / "notebooks"
        shutil.rmtree(lessons, ignore_errors=True)
        shutil.copytree(REPO / "notebooks", lessons)
        for path in [secret, lessons, *lessons.iterdir()]:
            os.chown(path, entry.pw_uid, entry.pw_gid)
    return created


def install_kernel(tmp):
    """Installs the kernelspec in tmp/prefix; returns its JUPYTER_PATH."""
    binary = os.environ.get("GOKERNEL_BIN")
    kdir = tmp / "kernel"
    kdir.mkdir()
    if binary:
        shutil.copy(binary, kdir / "gokernel")
    else:
        go = shutil.which("go") or "/usr/local/go/bin/go"
        subprocess.run([go, "build", "-o", str(kdir / "gokernel"), "./kernel/cmd/gokernel"],
                       cwd=REPO, check=True, timeout=600)
    subprocess.run([str(kdir / "gokernel"), "install", "--prefix", str(tmp / "prefix")],
                   check=True, stdout=subprocess.DEVNULL)
    # Students must reach the binary and the spec: mkdtemp made tmp 0700.
    for dirpath, dirnames, filenames in os.walk(tmp):
        os.chmod(dirpath, 0o755)
    return tmp / "prefix" / "share" / "jupyter"


class Hub:
    def __init__(self, tmp, jupyter_path):
        self.tmp = tmp
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.password = secrets.token_hex(8)
        self.token = secrets.token_hex(16)
        state = tmp / "hub"
        state.mkdir()
        self.log_path = tmp / "hub.log"
        env = dict(os.environ,
                   GK_HUB_PASSWORD=self.password, GK_HUB_USERS=",".join(USERS),
                   GK_HUB_PORT=str(self.port), GK_HUB_API_PORT=str(free_port()),
                   GK_HUB_PROXY_API_PORT=str(free_port()), GK_HUB_STATE_DIR=str(state),
                   GK_HUB_JUPYTER_PATH=str(jupyter_path), GK_HUB_TEST_TOKEN=self.token)
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(["jupyterhub", "-f", str(CONFIG)], cwd=state, env=env,
                                     stdout=self.log, stderr=subprocess.STDOUT)

    def log_tail(self, n=40):
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
        self.log.close()


async def api(hub, method, path, token, body=None, ok=(200, 201, 202, 204)):
    """Calls the hub (path starts with /hub/api) or a server (/user/...)."""
    req = HTTPRequest(hub.url + path, method=method, request_timeout=30,
                      headers={"Authorization": f"token {token}"},
                      body=None if body is None and method in ("GET", "DELETE") else json.dumps(body or {}),
                      allow_nonstandard_methods=True)
    try:
        resp = await AsyncHTTPClient().fetch(req, raise_error=False)
    except OSError as e:
        raise AssertionError(f"{method} {path}: {e}") from e
    if resp.code not in ok:
        raise AssertionError(f"{method} {path}: HTTP {resp.code} {resp.body[:300]!r}")
    return json.loads(resp.body) if resp.body else None


async def wait_for_hub(hub):
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if hub.proc.poll() is not None:
            raise AssertionError(f"jupyterhub exited with {hub.proc.returncode}:\n{hub.log_tail()}")
        try:
            await api(hub, "GET", "/hub/api/", hub.token)
            return
        except AssertionError:
            if time.monotonic() > deadline:
                raise AssertionError(f"the hub did not answer within {START_TIMEOUT} s:\n{hub.log_tail()}")
            await asyncio.sleep(0.3)


async def start_server(hub, user, token):
    await api(hub, "POST", f"/hub/api/users/{user}/server", token)
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        model = await api(hub, "GET", f"/hub/api/users/{user}", token)
        if model.get("server") and not model.get("pending"):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"{user}'s server did not start within {START_TIMEOUT} s:\n{hub.log_tail()}")
        await asyncio.sleep(0.3)


# --- a kernel through the single-user server's REST API and websocket ----------

class Kernel:
    def __init__(self, hub, user, token):
        self.hub, self.user, self.token = hub, user, token
        self.session = uuid.uuid4().hex

    async def start(self):
        model = await api(self.hub, "POST", f"/user/{self.user}/api/kernels", self.token, {"name": "gokernel"})
        self.id = model["id"]
        url = self.hub.url.replace("http", "ws", 1) + f"/user/{self.user}/api/kernels/{self.id}/channels"
        self.ws = await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {self.token}"},
                                                      request_timeout=30))
        return self

    async def execute(self, code):
        """Runs code; returns (reply status, outputs), outputs as iopub contents with a 'type'."""
        msg_id = uuid.uuid4().hex
        self.ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": self.session,
                       "username": self.user, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": False},
        }))
        status, outputs, idle = None, [], False
        deadline = time.monotonic() + CELL_TIMEOUT
        while status is None or not idle:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{self.user}: no reply within {CELL_TIMEOUT} s to {code[:60]!r}")
            raw = await asyncio.wait_for(self.ws.read_message(), left)
            if raw is None:
                raise AssertionError(f"{self.user}: the kernel's websocket closed")
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if msg["channel"] == "shell" and kind == "execute_reply":
                status = msg["content"]["status"]
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
            elif kind in ("stream", "error", "execute_result", "display_data"):
                outputs.append(dict(msg["content"], type=kind))
        return status, outputs

    async def stop(self):
        self.ws.close()
        await api(self.hub, "DELETE", f"/user/{self.user}/api/kernels/{self.id}", self.token)


def text_of(outputs):
    parts = []
    for o in outputs:
        if o["type"] == "stream":
            parts.append(o["text"])
        elif o["type"] == "error":
            parts.append(f"{o['ename']}: {o['evalue']}")
        elif "data" in o:
            parts.append(o["data"].get("text/plain", ""))
    return "".join(parts)


# --- memory of a user's processes ------------------------------------------------

def proc_status(pid):
    text = Path(f"/proc/{pid}/status").read_text()
    return {k: v.strip() for k, v in (line.split(":", 1) for line in text.splitlines() if ":" in line)}


def owner_of(pid):
    """(real uid, command line) of a process."""
    cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    return int(proc_status(pid)["Uid"].split()[0]), cmd


def user_processes(uid):
    procs = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
            cmd = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if int(fields["Uid"].split()[0]) == uid:
            procs.append((int(entry), cmd.strip(), fields))
    return procs


def memory_of(uid):
    """(RSS, PSS) in MiB of all processes of uid: the server, the kernel, its worker."""
    rss = pss = 0
    for pid, _, fields in user_processes(uid):
        rss += int(fields.get("VmRSS", "0 kB").split()[0])
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            pass
    return round(rss / 1024, 1), round(pss / 1024, 1)


def memory_by_process(uid):
    """RSS in MiB of each process of uid, by what it is."""
    out = {}
    for pid, cmd, fields in user_processes(uid):
        kind = ("jupyterhub-singleuser" if "jupyterhub-singleuser" in cmd else
                "gokernel worker" if cmd.endswith(" worker") else
                "gokernel kernel" if " kernel " in cmd else cmd.split()[0])
        out[kind] = round(out.get(kind, 0) + int(fields.get("VmRSS", "0 kB").split()[0]) / 1024, 1)
    return out


class PeakSampler:
    """Samples memory_of(uid) every 100 ms in a thread while running."""

    def __init__(self, uids):
        self.uids, self.peak, self.stop_flag = uids, {u: (0, 0) for u in uids}, threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        while not self.stop_flag.wait(0.1):
            for uid in self.uids:
                rss, pss = memory_of(uid)
                old = self.peak[uid]
                self.peak[uid] = (max(old[0], rss), max(old[1], pss))

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop_flag.set()
        self.thread.join()


# --- the fixture and tests --------------------------------------------------------

@pytest.fixture(scope="module")
def hub():
    tmp = Path(tempfile.mkdtemp(prefix="gokernel-hub-test-"))
    created = ensure_users(tmp)
    try:
        jupyter_path = install_kernel(tmp)
        hub = Hub(tmp, jupyter_path)
        try:
            asyncio.run(wait_for_hub(hub))
            yield hub
        finally:
            hub.stop()
    finally:
        for name in created:
            subprocess.run(["userdel", "--remove", name], stderr=subprocess.DEVNULL)
        shutil.rmtree(tmp, ignore_errors=True)


def test_shared_password_lets_listed_users_in(hub):
    async def login(user, password):
        body = urllib.parse.urlencode({"username": user, "password": password})
        resp = await AsyncHTTPClient().fetch(HTTPRequest(
            hub.url + "/hub/login", method="POST", body=body, follow_redirects=False,
            request_timeout=30), raise_error=False)
        return resp.code, resp.headers.get_list("Set-Cookie")

    async def main():
        code, cookies = await login("gk-alice", hub.password)
        assert code == 302 and any(c.startswith("jupyterhub-session-id") or c.startswith("jupyterhub-hub-login")
                                   for c in cookies), (code, cookies)
        code, cookies = await login("gk-alice", hub.password + "x")
        assert code != 302, "a wrong password was accepted"
        code, cookies = await login("gk-mallory", hub.password)
        assert code != 302, "a user not in allowed_users was let in"
    asyncio.run(main())


def test_two_users_run_the_lessons_at_the_same_time(hub, capsys):
    uids = {u: pwd.getpwnam(u).pw_uid for u in USERS}
    report = {}

    async def user_token(user):
        model = await api(hub, "POST", f"/hub/api/users/{user}/tokens", hub.token, {"note": "classroom test"})
        return model["token"]

    async def student(user, token):
        """Opens each lesson from the user's home and runs its cells in order,
        each lesson in a kernel of its own; returns the results and the last
        lesson's kernel, still running."""
        results, kernel = [], None
        for path in NOTEBOOKS:
            nb = (await api(hub, "GET", f"/user/{user}/api/contents/notebooks/{path.name}", token))["content"]
            if kernel is not None:
                await kernel.stop()
            kernel = await Kernel(hub, user, token).start()
            for index, cell in enumerate(nb["cells"]):
                if cell["cell_type"] != "code":
                    continue
                source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                status, outputs = await kernel.execute(source)
                meant = "raises-exception" in cell.get("metadata", {}).get("tags", [])
                results.append((path.name, index, source, status, meant, outputs))
        return results, kernel

    async def main():
        tokens = {u: await user_token(u) for u in USERS}
        await asyncio.gather(*(start_server(hub, u, tokens[u]) for u in USERS))
        # Idle: a server with one started kernel that has run one cell.
        idle = {u: await Kernel(hub, u, tokens[u]).start() for u in USERS}
        for u in USERS:
            status, _ = await idle[u].execute('import "fmt"')
            assert status == "ok"
        report["idle, one kernel started (MiB rss, pss)"] = {u: memory_of(uids[u]) for u in USERS}
        report[f"idle, by process (MiB rss, {USERS[0]})"] = memory_by_process(uids[USERS[0]])
        for u in USERS:
            await idle[u].stop()
        t0 = time.monotonic()
        with PeakSampler(list(uids.values())) as sampler:
            done = await asyncio.gather(*(student(u, tokens[u]) for u in USERS))
        report["seconds, both users' lessons at the same time"] = round(time.monotonic() - t0, 1)
        report["peak while running a lesson (MiB rss, pss)"] = {u: sampler.peak[uids[u]] for u in USERS}
        report["idle after the last lesson, its kernel still up (MiB rss, pss)"] = \
            {u: memory_of(uids[u]) for u in USERS}
        for _, kernel in done:
            await kernel.stop()
        return {u: results for u, (results, _) in zip(USERS, done)}, tokens

    results, tokens = asyncio.run(main())
    for user, cells in results.items():
        assert cells, f"{user} ran no cell"
        for name, index, source, status, meant, outputs in cells:
            where = f"{user} {name} cell {index} {source[:50]!r}"
            errors = [o for o in outputs if o["type"] == "error"]
            if meant:
                assert status == "error" and errors, f"{where} was meant to fail: {text_of(outputs)}"
            else:
                assert status == "ok" and not errors, f"{where} failed: {text_of(outputs)}"
            if "fmt.Println" in source and not meant:
                assert any(o["type"] == "stream" for o in outputs), f"{where} printed nothing"

    hub.tokens = tokens
    hub.report = report
    out = os.environ.get("ARTIFACTS")
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        Path(out, "hub-memory.json").write_text(json.dumps(report, indent=2) + "\n")
    with capsys.disabled():
        print("\nhub measurements:", json.dumps(report, indent=2))


IDENTITY = '''import (
	"fmt"
	"os"
	"os/user"
)
me, _ := user.Current()
fmt.Println(os.Getuid(), me.Username, os.Getpid())'''

READ_OTHER = '''_, err := os.ReadFile("%s")
fmt.Println(err)'''


def test_each_kernel_runs_as_its_user_and_cannot_read_the_other(hub):
    tokens = getattr(hub, "tokens", None)
    if tokens is None:
        pytest.skip("needs the servers of test_two_users_run_the_lessons_at_the_same_time")

    async def check(user, other):
        kernel = await Kernel(hub, user, tokens[user]).start()
        try:
            status, outputs = await kernel.execute(IDENTITY)
            assert status == "ok", text_of(outputs)
            uid, name, worker_pid = text_of(outputs).split()
            # The worker that ran the cell, and the kernel process above it.
            worker = owner_of(int(worker_pid))
            kernel_pid = int(proc_status(int(worker_pid))["PPid"])
            kernel_proc = owner_of(kernel_pid)
            other_home = pwd.getpwnam(other).pw_dir
            _, denied = await kernel.execute(READ_OTHER % f"{other_home}/secret.txt")
            _, own = await kernel.execute(READ_OTHER % f"{pwd.getpwnam(user).pw_dir}/secret.txt")
        finally:
            await kernel.stop()
        return int(uid), name, worker, kernel_proc, text_of(denied), text_of(own)

    async def main():
        return await asyncio.gather(check(USERS[0], USERS[1]), check(USERS[1], USERS[0]))

    for user, (uid, name, worker, kernel_proc, denied, own) in zip(USERS, asyncio.run(main())):
        entry = pwd.getpwnam(user)
        assert (uid, name) == (entry.pw_uid, user), f"{user}'s kernel runs as {name} (uid {uid})"
        assert worker[0] == entry.pw_uid and "gokernel" in worker[1], f"{user}'s worker: {worker}"
        assert kernel_proc[0] == entry.pw_uid and "gokernel kernel" in kernel_proc[1], \
            f"{user}'s kernel process: {kernel_proc}"
        assert "permission denied" in denied, f"{user} read the other's file: {denied!r}"
        assert own.strip() == "<nil>", f"{user} cannot read their own file: {own!r}"
