"""jupyter_kernel_test conformance suite for gokernel.

jupyter_kernel_test.KernelTests is unittest-based; pytest collects it as a
unittest.TestCase.  conftest.pytest_configure has already pointed
JUPYTER_PATH at the freshly installed kernelspec before setUpClass starts
the kernel.
"""

import jupyter_kernel_test

from utils import KERNEL_NAME, STARTUP_TIMEOUT, execute_ok, flush_iopub

# Imports the samples below rely on.  Go imports live in their own cell:
# mixing an import with statements in one cell is covered (and reported)
# by test_protocol.py::test_import_and_statements_in_one_cell.
SETUP_CELLS = [
    'import "fmt"',
    'import "os"',
    'import "strings"',
    'import "gokernel/display"',
    'import "image"',
    # a user type with a field and a method, for member completion, and one
    # with an HTML() method, for a rich Out value
    "type P struct{X int}\nfunc (p P) Get() int { return p.X }\np := P{}",
    'type B struct{ S string }\nfunc (b B) HTML() string { return "<i>" + b.S + "</i>" }',
]


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
        # members of a user type, magic names, import paths
        {"text": "p.", "matches": {"Get", "X"}},
        {"text": "%ti", "matches": {"%time", "%timeit"}},
        {"text": 'import "encoding/js', "matches": {"encoding/json"}},
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

    # "name?" answers with a "page" payload, as ipykernel does.
    code_page_something = "fmt.Println?"

    code_generate_error = 'panic("boom")'

    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": '"A"', "result": '"A"'},
        {"code": "6 * 7", "result": "42"},
        {"code": 'strings.ToUpper("go")', "result": '"GO"'},
        # rich Out values
        {"code": 'B{"x"}', "mime": "text/html", "result": "<i>x</i>"},
        {"code": "image.NewRGBA(image.Rect(0, 0, 4, 3))", "mime": "image/png"},
        # a magic around a Go expression keeps its Out value
        {"code": "%time 1 + 2", "result": "3"},
    ]

    code_history_pattern = "6 ?*"  # matches "6 * 7" only
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "fmt.Println"

    # rich output through package gokernel/display
    code_display_data = [
        {"code": 'import "gokernel/display"\ndisplay.HTML("<b>x</b>")', "mime": "text/html"},
        {"code": 'display.Markdown("*x*")', "mime": "text/markdown"},
        {"code": 'shown := display.Show("text/plain", "0")', "mime": "text/plain"},
    ]
    code_clear_output = 'fmt.Println("a")\ndisplay.Clear(false)'
