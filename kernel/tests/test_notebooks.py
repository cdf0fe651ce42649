"""Every lesson notebook in notebooks/ runs top to bottom on the kernel.

notebooks/ is generated from lessons/ (go run ./kernel/cmd/lessons); this is
the "verified by running it" half: a cell tagged raises-exception must fail,
every other cell must succeed, and a cell that prints must print something.
"""

import nbformat
import pytest
from nbclient import NotebookClient

from utils import KERNEL_NAME, REPO_ROOT

NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_lesson_notebooks():
    assert NOTEBOOKS, "notebooks/ is empty: run `go run ./kernel/cmd/lessons`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=60, allow_errors=True)
    client.execute()
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        expect_error = "raises-exception" in cell.metadata.get("tags", [])
        where = f"{path.name} cell {index}: {cell.source[:60]!r}"
        if expect_error:
            assert errors, f"{where} was meant to fail but did not"
        else:
            assert not errors, f"{where} failed: {errors[0].ename}: {errors[0].evalue}"
        assert cell.execution_count is not None, f"{where} did not run"
        if "fmt.Println" in cell.source and not expect_error:
            streams = [o for o in cell.outputs if o.output_type == "stream"]
            assert streams, f"{where} printed nothing"
