"""Execute a notebook with Jupyter's nbclient (Debian's python3-nbclient) and write the result.

usage: run_notebook.py IN.ipynb OUT.ipynb KERNEL_NAME
The kernel inherits this process's environment (HUNTBOOK_URL, HUNTBOOK_TOKEN, HUNTBOOK_WORKSPACE).
Cells tagged raises-exception may fail; any other error stops the run with exit status 1.
"""
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main() -> int:
    source, target, kernel = sys.argv[1:4]
    nb = nbformat.read(source, as_version=4)
    nbformat.validate(nb)
    client = NotebookClient(nb, kernel_name=kernel, timeout=120, startup_timeout=60)
    status = 0
    try:
        client.execute()
    except CellExecutionError as e:
        print(f"a cell failed: {e}", file=sys.stderr)
        status = 1
    nbformat.write(nb, target)
    return status


if __name__ == "__main__":
    sys.exit(main())
