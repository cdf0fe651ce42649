"""%check through Jupyter: the hidden test of a lesson's exercise, in the
student's session, on a kernel whose worker reads the fixture lesson
(kernel/lessons/testdata, through $GOKERNEL_LESSONS; the installed kernel
embeds lessons/*.md)."""

import os

import pytest

from utils import REPO_ROOT, execute, execute_ok, start_kernel, stop_kernel

FIXTURE = REPO_ROOT / "kernel" / "lessons" / "testdata"

SUM_RIGHT = "func Sum(xs []int) int {\n\tt := 0\n\tfor _, x := range xs {\n\t\tt += x\n\t}\n\treturn t\n}"
SUM_OFF_BY_ONE = "func Sum(xs []int) int {\n\tt := 0\n\tfor i := 1; i < len(xs); i++ {\n\t\tt += xs[i]\n\t}\n\treturn t\n}"
COUNT_NO_CLOSE = ("func Count(n int) <-chan int {\n\tc := make(chan int)\n\tgo func() {\n"
                  "\t\tfor i := 0; i < n; i++ {\n\t\t\tc <- i\n\t\t}\n\t}()\n\treturn c\n}")


@pytest.fixture(scope="module")
def check_kernel():
    old = os.environ.get("GOKERNEL_LESSONS")
    os.environ["GOKERNEL_LESSONS"] = str(FIXTURE)
    try:
        km, kc = start_kernel()
    finally:
        if old is None:
            del os.environ["GOKERNEL_LESSONS"]
        else:
            os.environ["GOKERNEL_LESSONS"] = old
    yield kc
    stop_kernel(km, kc)


def check_error(kc, name):
    ex = execute(kc, f"%check {name}")
    assert ex.status == "error", ex.msgs
    return ex.reply["content"]


def test_wrong_fails_then_right_passes(check_kernel):
    kc = check_kernel
    execute_ok(kc, SUM_OFF_BY_ONE)
    err = check_error(kc, "sum")
    assert err["ename"] == "CheckFailed"
    assert err["evalue"] == "Sum([1 2 3 4]) = 9; want 10"
    assert err["traceback"][0] == "✗ sum: Sum([1 2 3 4]) = 9; want 10"
    execute_ok(kc, SUM_RIGHT)
    assert execute_ok(kc, "%check sum").stream("stdout") == "✓ sum: passed\n"


def test_a_check_of_the_students_stays(check_kernel):
    kc = check_kernel
    execute_ok(kc, 'func check() string { return "mine" }')
    execute_ok(kc, SUM_RIGHT)
    execute_ok(kc, "%check sum")
    assert execute_ok(kc, "check()").result == '"mine"'


def test_a_blocking_wrong_times_out_and_the_kernel_goes_on(check_kernel):
    kc = check_kernel
    execute_ok(kc, COUNT_NO_CLOSE)
    err = check_error(kc, "count")
    assert err["ename"] == "CheckFailed"
    assert err["evalue"] == "timed out after 2s: your code is probably waiting forever (a deadlock?)"
    tb = "\n".join(err["traceback"])
    assert "[chan receive]:\nmain.check(...)" in tb, tb
    assert "the kernel stopped them" in tb, tb
    assert execute_ok(kc, "%goroutines").stream("stdout").startswith("1 goroutine started"), "the check's goroutine was left behind"
    assert execute_ok(kc, "1 + 1").result == "2"


def test_unknown_name_lists_close_ones(check_kernel):
    err = check_error(check_kernel, "summ")
    assert err["ename"] == "magic error"
    assert 'no exercise "summ"; did you mean sum?' in err["evalue"]


def test_help_lists_check(check_kernel):
    out = execute_ok(check_kernel, "%help").stream("stdout")
    assert "%check NAME" in out
