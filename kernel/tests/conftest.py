"""pytest fixtures and hooks for the gokernel Jupyter test suite.

The suite drives the built kernel binary through real Jupyter clients.
It uses $GOKERNEL_BIN when set (the Makefile sets it), otherwise it builds
the kernel with `go build` into a temporary directory.  The kernelspec is
installed into a temporary prefix and JUPYTER_PATH points at it before any
kernel starts, so a kernelspec installed elsewhere on the machine never
interferes.

Helpers the tests share live in utils.py; this file keeps only fixtures and
hooks.

Run with: GOKERNEL_BIN=$PWD/bin/gokernel /usr/bin/python3 -m pytest -q kernel/tests
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from utils import KERNEL_NAME, kernel_binary, start_kernel, stop_kernel

# The kernel binary and the kernelspec are set up once, at session start, in
# pytest_configure: this happens before any test (including the unittest-based
# jupyter_kernel_test class, whose setUpClass starts a kernel) can run.
_STATE = {}


def pytest_configure(config):
    tmp = Path(tempfile.mkdtemp(prefix="gokernel-tests-"))
    _STATE["tmp"] = tmp
    try:
        binary = kernel_binary(tmp)
    except RuntimeError as e:
        pytest.exit(str(e), returncode=2)
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
