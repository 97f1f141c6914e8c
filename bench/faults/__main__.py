"""`python -m bench.faults`: the fault suite (see the package's docstring)."""

import os
import sys

from bench.faults.suite import main

if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # The Temporal SDK's native runtime can abort while the interpreter finalizes (sdk-python#300).
    os._exit(code)
