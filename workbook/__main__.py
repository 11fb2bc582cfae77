"""`python -m workbook`: the `workbook` command."""

import os
import sys

from workbook.cli import INTERRUPTED, main

try:
    main()
except SystemExit as done:
    if done.code != INTERRUPTED:
        raise
    # Run with -m, CPython ends the process with SIGINT instead of this exit code when a Ctrl-C
    # ever raised its KeyboardInterrupt inside code run by exec() (a dataclass being made while
    # a module imports), even though the command caught it and stopped cleanly. Leave with the
    # documented code, as the installed `workbook` script does.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(INTERRUPTED)
