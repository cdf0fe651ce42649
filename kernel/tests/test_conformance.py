"""jupyter_kernel_test conformance suite for gokernel.

jupyter_kernel_test.KernelTests is unittest-based; pytest collects it as a
unittest.TestCase.  conftest.pytest_configure has already pointed
JUPYTER_PATH at the freshly installed kernelspec before setUpClass starts
the kernel.
"""

import jupyter_kernel_test

from conftest import KERNEL_NAME, STARTUP_TIMEOUT, execute_ok, flush_iopub

# Imports the samples below rely on.  Go imports live in their own cell:
# mixing an import with statements in one cell is covered (and reported)
# by test_protocol.py::test_import_and_statements_in_one_cell.
SETUP_CELLS = ['import "fmt"', 'import "os"', 'import "strings"']


class GokernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL_NAME
    language_name = "go"
    file_extension = ".go"

    @classmethod
    def setUpClass(cls):
        from jupyter_client.manager import start_new_kernel

        cls.km, cls.kc = start_new_kernel(
            kernel_name=cls.kernel_name, startup_timeout=STARTUP_TIMEOUT
        )
        for code in SETUP_CELLS:
            execute_ok(cls.kc, code)
        flush_iopub(cls.kc)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=False)

    # stdout / stderr
    code_hello_world = 'fmt.Println("hello, world")'
    # A Go program's stderr.  (`println` also writes to stderr in Go; that
    # fidelity is checked separately in test_protocol.py.)
    code_stderr = 'fmt.Fprintln(os.Stderr, "hello, stderr")'

    completion_samples = [
        {"text": "fmt.Prin", "matches": {"Print", "Printf", "Println"}},
        {"text": "strings.Has", "matches": {"HasPrefix", "HasSuffix"}},
        {"text": "fmt.Println(fmt.Spr", "matches": {"Sprint", "Sprintf", "Sprintln"}},
        {"text": "x := le", "matches": {"len"}},
    ]

    complete_code_samples = [
        "x := 1",
        'fmt.Println("hi")',
        "if x > 0 {\n\tx++\n}",
        "func double(n int) int { return 2 * n }",
        "var s = `a\nb`",
        "// just a comment",
    ]
    incomplete_code_samples = [
        "for {",
        "func f() {",
        "fmt.Println(",
        "x := []int{1,",
        "type T struct {",
        "import (",
        "s := `raw string",
        "/* open comment",
        "switch {\ncase true:",
    ]
    invalid_code_samples = [
        ")",
        "}",
        "x := := 1",
        'fmt.Println("a"))',
    ]

    # No pager: code_page_something stays unset.

    code_generate_error = 'panic("boom")'

    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": '"A"', "result": '"A"'},
        {"code": "6 * 7", "result": "42"},
        {"code": 'strings.ToUpper("go")', "result": '"GO"'},
    ]

    code_history_pattern = "6 ?*"  # matches "6 * 7" only
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "fmt.Println"

    # display_data and clear_output are not supported yet: left unset.
