"""A Go notebook executed headless: `jupyter nbconvert --execute` and nbclient."""

import subprocess

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from utils import KERNEL_NAME

JUPYTER = "/usr/bin/jupyter"

CELLS = [
    ("imports", 'import (\n\t"fmt"\n\t"sync"\n)', []),
    ("hello", 'fmt.Println("hello from Go")', []),
    (
        "goroutines",
        "var wg sync.WaitGroup\n"
        "var mu sync.Mutex\n"
        "total := 0\n"
        "for i := 1; i <= 10; i++ {\n"
        "\twg.Add(1)\n"
        "\tgo func(n int) {\n"
        "\t\tdefer wg.Done()\n"
        "\t\tmu.Lock()\n"
        "\t\ttotal += n\n"
        "\t\tmu.Unlock()\n"
        "\t}(i)\n"
        "}\n"
        "wg.Wait()\n"
        'fmt.Println("total", total)',
        [],
    ),
    ("value", "total * 2", []),
    ("error", 'panic("expected failure")', ["raises-exception"]),
    ("after-error", 'fmt.Sprintf("%d goroutines summed", 10)', []),
]


def make_notebook():
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "Go", "language": "go"}
    nb.metadata["language_info"] = {"name": "go"}
    nb.cells.append(new_markdown_cell("# gokernel smoke test"))
    for name, source, tags in CELLS:
        cell = new_code_cell(source)
        cell.metadata["tags"] = tags
        cell.metadata["name"] = name
        nb.cells.append(cell)
    return nb


def check_outputs(nb):
    cells = {c.metadata.get("name"): c for c in nb.cells if c.cell_type == "code"}
    counts = [c.execution_count for c in cells.values()]
    assert all(isinstance(n, int) for n in counts), counts
    assert counts == sorted(counts) and len(set(counts)) == len(counts), counts

    def stdout(cell):
        return "".join(
            o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stdout"
        )

    def result(cell):
        res = [o for o in cell.outputs if o.output_type == "execute_result"]
        assert len(res) == 1, cell.outputs
        return res[0].data["text/plain"]

    def errors(cell):
        return [o for o in cell.outputs if o.output_type == "error"]

    assert cells["imports"].outputs == []
    assert stdout(cells["hello"]) == "hello from Go\n"
    assert stdout(cells["goroutines"]) == "total 55\n"
    assert result(cells["value"]) == "110"
    errs = errors(cells["error"])
    assert len(errs) == 1
    assert errs[0].ename == "panic" and errs[0].evalue == "expected failure"
    assert result(cells["after-error"]) == '"10 goroutines summed"'
    for name, cell in cells.items():
        if name != "error":
            assert not errors(cell), (name, cell.outputs)
    assert nb.metadata["language_info"]["name"] == "go"
    assert nb.metadata["language_info"]["file_extension"] == ".go"


def test_nbconvert_execute(tmp_path, jupyter_env):
    src = tmp_path / "go.ipynb"
    nbformat.write(make_notebook(), src)
    proc = subprocess.run(
        [JUPYTER, "nbconvert", "--to", "notebook", "--execute",
         "--ExecutePreprocessor.timeout=60", "--output", "executed.ipynb", str(src)],
        cwd=tmp_path, env=jupyter_env, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    nb = nbformat.read(tmp_path / "executed.ipynb", as_version=4)
    check_outputs(nb)


def test_nbconvert_stops_at_untagged_error(tmp_path, jupyter_env):
    nb = make_notebook()
    for cell in nb.cells:
        if cell.metadata.get("name") == "error":
            cell.metadata["tags"] = []
    src = tmp_path / "failing.ipynb"
    nbformat.write(nb, src)
    proc = subprocess.run(
        [JUPYTER, "nbconvert", "--to", "notebook", "--execute",
         "--ExecutePreprocessor.timeout=60", "--output", "out.ipynb", str(src)],
        cwd=tmp_path, env=jupyter_env, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode != 0
    assert "expected failure" in proc.stderr


def test_nbclient_execute():
    nb = make_notebook()
    client = NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=60, startup_timeout=30)
    client.execute()
    check_outputs(nb)


def test_nbclient_allow_errors_runs_every_cell():
    nb = make_notebook()
    for cell in nb.cells:
        cell.metadata["tags"] = []
    client = NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=60, startup_timeout=30,
                            allow_errors=True)
    client.execute()
    check_outputs(nb)
