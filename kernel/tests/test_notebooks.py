"""Every lesson notebook runs top to bottom on the kernel.

notebooks/ is generated from lessons/ (`gokernel lessons build`): the
student's notebooks in notebooks/, the teacher's (solutions in place of the
exercises) in notebooks/solutions/. This is the "verified by running it"
half: under nbclient against the installed kernel, a cell tagged
raises-exception must fail, every other cell must succeed, and a cell that
prints must print something; `gokernel run --check` gives every cell's
stored output again (but a nondeterministic cell's text); and
`gokernel lessons build --check` finds notebooks/ up to date.
"""

import subprocess

import nbformat
import pytest
from nbclient import NotebookClient

from utils import KERNEL_NAME, REPO_ROOT

NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb")) + sorted(
    (REPO_ROOT / "notebooks" / "solutions").glob("*.ipynb")
)
IDS = [str(p.relative_to(REPO_ROOT / "notebooks")) for p in NOTEBOOKS]

# A generous bound against a hang, not a measure: a lesson runs in seconds.
RUN_TIMEOUT = 300


def test_there_are_lesson_notebooks():
    assert NOTEBOOKS, "notebooks/ is empty: run `gokernel lessons build`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_runs(path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=60, allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
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


def test_run_check_gives_the_stored_outputs(gokernel_bin):
    """`gokernel run --check` on every notebook: each cell's outputs are the
    stored ones (one worker per notebook, no Jupyter)."""
    assert NOTEBOOKS
    proc = subprocess.run([str(gokernel_bin), "run", "--check", *map(str, NOTEBOOKS)],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=RUN_TIMEOUT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_notebooks_are_what_the_lessons_give(gokernel_bin):
    proc = subprocess.run([str(gokernel_bin), "lessons", "build", "--check"],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=RUN_TIMEOUT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
