"""Run the bundled notebooks with parameters (papermill's convention, without papermill).

A notebook's cell tagged ``parameters`` holds the defaults; :func:`run_notebook` inserts a cell with the
caller's values right after it, executes the notebook with nbclient, and writes the executed notebook
(and, on request, an HTML export) atomically.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from framing.corpus.output import atomic_path
from framing.errors import InputError

__all__ = ["inject_parameters", "run_notebook"]


def inject_parameters(notebook, parameters: Mapping[str, Any]):
    """Return a copy of a notebook with a cell setting ``parameters`` after its ``parameters`` cell.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import os"),
    ...     nbformat.v4.new_code_cell("corpus = 'a'", metadata={"tags": ["parameters"]})])
    >>> [cell.source for cell in inject_parameters(nb, {"corpus": "b"}).cells]
    ['import os', "corpus = 'a'", "# Parameters\\ncorpus = 'b'"]
    """
    import copy

    import nbformat

    notebook = copy.deepcopy(notebook)
    position = next((i for i, cell in enumerate(notebook.cells)
                     if "parameters" in cell.get("metadata", {}).get("tags", [])), None)
    if position is None:
        raise InputError("the notebook has no cell tagged 'parameters'")
    lines = ["# Parameters"] + [f"{name} = {value!r}" for name, value in parameters.items()]
    cell = nbformat.v4.new_code_cell("\n".join(lines), metadata={"tags": ["injected-parameters"]})
    notebook.cells.insert(position + 1, cell)
    return notebook


def run_notebook(path: str | Path, output: str | Path, *, parameters: Mapping[str, Any] | None = None,
                 cwd: str | Path | None = None, html: str | Path | None = None, timeout: int = 600,
                 force: bool = True):
    """Execute a notebook with parameters; write the executed copy (and an HTML export).

    Parameters
    ----------
    path : path
        The notebook to run (it is not modified).
    output : path
        Where the executed notebook goes.
    parameters : mapping, optional
        Values for the names of the ``parameters`` cell (e.g. ``{"corpus": "my/corpus"}``).
    cwd : path, optional
        Working directory of the kernel (default: the repository root, so relative paths such as
        ``corpora/demo`` work).
    html : path, optional
        Also export the executed notebook as HTML there.
    timeout : int
        Seconds allowed per cell.

    Returns
    -------
    nbformat.NotebookNode
        The executed notebook.
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    if parameters:
        notebook = inject_parameters(notebook, parameters)
    cwd = Path(cwd) if cwd is not None else path.resolve().parents[1]
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd)}})
    client.execute()
    with atomic_path(output, force=force) as tmp:
        tmp.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if html is not None:
        from nbconvert import HTMLExporter

        body, _resources = HTMLExporter(embed_images=True).from_notebook_node(notebook)
        with atomic_path(html, force=force) as tmp:
            tmp.write_text(body, encoding="utf-8")
    return notebook
