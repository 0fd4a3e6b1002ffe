"""``python -m desktop``: the same as the ``cabane`` command."""

import time

_STARTED = time.perf_counter()

from desktop.cli import main  # noqa: E402  (timed from the first line)

raise SystemExit(main(started=_STARTED))
