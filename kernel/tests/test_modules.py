"""%go get: modules interpreted from source, remembered in the notebook folder's go.mod.

The go command reads a module proxy that the test builds on the file system
(GOPROXY=file://…) into a private module cache, with no checksum database:
no test here touches the network. Each test starts its own kernel in a
notebook folder of its own, as Jupyter starts a kernel in its notebook's
folder.
"""

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from utils import KERNEL_NAME, STARTUP_TIMEOUT, TIMEOUT, execute, execute_ok, request, stop_kernel

GREET = {
    "greet.go": '''package greet

// Hello greets name.
func Hello(name string) string { return "hello, " + name }

// Greeter greets with its own greeting.
type Greeter struct{ Greeting string }

// Greet greets name.
func (g Greeter) Greet(name string) string { return g.Greeting + ", " + name }
''',
    "loud/loud.go": '''package loud

import (
	"strings"

	"example.com/greet"
)

func Hello(name string) string { return strings.ToUpper(greet.Hello(name)) + "!" }
''',
}

CGO = {
    "cgo.go": 'package cgo\n\n// #include <stdlib.h>\nimport "C"\n\nfunc F() int { return int(C.int(1)) }\n',
}

GET_TIMEOUT = 60  # a %go get runs the go command a few times


def write_module(proxy: Path, path: str, version: str, files: dict):
    """One module version in the layout of a module proxy."""
    d = proxy / path / "@v"
    d.mkdir(parents=True, exist_ok=True)
    gomod = files.get("go.mod", f"module {path}\n\ngo 1.21\n")
    with zipfile.ZipFile(d / f"{version}.zip", "w") as z:
        for name, content in {**files, "go.mod": gomod}.items():
            z.writestr(f"{path}@{version}/{name}", content)
    (d / f"{version}.mod").write_text(gomod)
    (d / f"{version}.info").write_text(json.dumps({"Version": version, "Time": "2024-01-01T00:00:00Z"}))
    with open(d / "list", "a") as f:
        f.write(version + "\n")


@pytest.fixture
def folder(tmp_path):
    """A notebook folder, and the environment of a kernel started in it."""
    proxy = tmp_path / "proxy"
    write_module(proxy, "example.com/greet", "v1.0.0", GREET)
    write_module(proxy, "example.com/cgo", "v1.0.0", CGO)
    nb = tmp_path / "notebooks"
    nb.mkdir()
    env = dict(os.environ)
    env.update({
        "GOPROXY": proxy.as_uri(),
        "GOMODCACHE": str(tmp_path / "modcache"),
        "GOSUMDB": "off",
        "GONOSUMDB": "*",
        "GOFLAGS": "-mod=mod -modcacherw",  # -modcacherw: the cache can be removed
        "GOTOOLCHAIN": "local",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    })
    return nb, proxy, env


def start_in(nb, env):
    from jupyter_client.manager import start_new_kernel

    return start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=STARTUP_TIMEOUT, cwd=str(nb), env=env)


def matches(kc, code):
    c = request(kc, "complete", code, len(code))["content"]
    assert c["status"] == "ok", c
    return c["matches"]


def test_go_get_then_import_then_restart(folder):
    nb, proxy, env = folder
    km, kc = start_in(nb, env)
    try:
        ex = execute_ok(kc, "%go get example.com/greet@v1.0.0", timeout=GET_TIMEOUT)
        out = ex.stream("stdout")
        assert f"created {nb / 'go.mod'} (module notebook)" in out, out
        assert 'example.com/greet v1.0.0: import "example.com/greet", "example.com/greet/loud"' in out, out
        assert "example.com/greet v1.0.0" in (nb / "go.mod").read_text()

        ex = execute_ok(kc, 'import "example.com/greet"\ngreet.Hello("jupyter")')
        assert ex.result == '"hello, jupyter"'
        ex = execute_ok(kc, 'import "example.com/greet/loud"\nloud.Hello("x")')
        assert ex.result == '"HELLO, X!"'
        assert {"Greeter", "Hello"} <= set(matches(kc, "greet.")), matches(kc, "greet.")
        c = request(kc, "inspect", "greet.Hello", 11, 0)["content"]
        assert c["found"] and "func greet.Hello(name string) string" in c["data"]["text/plain"], c

        # Restart with the proxy gone: the module cache and go.mod are enough.
        shutil.rmtree(proxy)
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=TIMEOUT)
        ex = execute_ok(kc, 'import "example.com/greet"\ngreet.Greeter{Greeting: "hi"}.Greet("again")')
        assert ex.result == '"hi, again"'
        assert "Greeter" in matches(kc, "greet.Gr")
    finally:
        stop_kernel(km, kc)


def test_module_that_cannot_be_interpreted(folder):
    nb, _, env = folder
    km, kc = start_in(nb, env)
    try:
        ex = execute(kc, "%go get example.com/cgo@v1.0.0", timeout=GET_TIMEOUT)
        assert ex.status == "error"
        err = ex.error
        assert err["evalue"] == "%go get: example.com/cgo v1.0.0 cannot be interpreted (go.mod is unchanged):", err
        assert '  example.com/cgo: uses cgo (import "C"), which the interpreter cannot run' in err["traceback"], err
        assert not (nb / "go.mod").exists(), "a refused module left a go.mod"
        # The kernel goes on; an import of it says what to do.
        ex = execute(kc, 'import "example.com/cgo"')
        assert ex.status == "error"
        assert "%go get refused example.com/cgo, which cannot be interpreted: example.com/cgo: uses cgo" in "\n".join(ex.error["traceback"]), ex.error
        assert execute_ok(kc, "1 + 1").result == "2"
    finally:
        stop_kernel(km, kc)
