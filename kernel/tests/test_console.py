"""`jupyter console --kernel gokernel`, driven non-interactively.

With --simple-prompt the console reads plain lines from stdin, so piping the
input is enough (no pexpect needed).  End of input makes the console ask
"Do you really want to exit" and shut the kernel down.
"""

import re
import subprocess

JUPYTER = "/usr/bin/jupyter"


def run_console(lines, env, timeout=60):
    proc = subprocess.run(
        [JUPYTER, "console", "--kernel", "gokernel", "--simple-prompt",
         "--ZMQTerminalInteractiveShell.kernel_timeout=30"],
        input="".join(line + "\n" for line in lines),
        env=env, capture_output=True, text=True, timeout=timeout,
    )
    return proc


def test_console_one_plus_one(jupyter_env):
    proc = run_console(["1 + 1"], jupyter_env)
    assert proc.returncode == 0, proc.stderr
    assert "gokernel" in proc.stdout  # the kernel's banner
    assert re.search(r"Out\[1\]: 2\b", proc.stdout), proc.stdout
    assert "Shutting down kernel" in proc.stdout


def test_console_session(jupyter_env):
    proc = run_console(
        ['import "fmt"', 'fmt.Println("from console")', "x := 20", "x * 2", 'panic("oops")', "x + 1"],
        jupyter_env,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "from console" in out
    assert re.search(r"Out\[4\]: 40\b", out), out
    assert "oops" in out + proc.stderr
    # the kernel survived the panic, with its variables
    assert re.search(r"Out\[6\]: 21\b", out), out
    assert "Shutting down kernel" in out
