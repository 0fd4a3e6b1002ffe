"""One coordinator importing weekly files into a shared store, from its own process: the
concurrency test starts two at the same instant (tests/test_postgres.py).

``python -m tests.support.import_worker URL START_AT ROUNDS SECRET FILE…``: waits until
the wall-clock time START_AT, imports the files ROUNDS times, prints each round's
outcomes as one JSON line. Each transaction is held open HOLD seconds before its rows
are written (environment ``HOLD``), so that the two coordinators surely meet.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any


def main(argv: list[str]) -> None:
    from sqlalchemy.orm import sessionmaker

    from desktop.folder.database import make_engine
    from models.exchange import week_store
    from models.exchange.coordination import CoordinationStore

    hold = float(os.environ.get("HOLD", "0"))
    insert_rows = week_store.insert_rows

    def held_open(*args: Any) -> None:
        time.sleep(hold)  # the new weeks flushed, not yet committed: the other waits
        insert_rows(*args)

    week_store.insert_rows = held_open  # type: ignore[assignment]

    url, start_at, rounds, secret, *files = argv
    engine = make_engine(url)
    store = CoordinationStore(sessionmaker(engine, expire_on_commit=False))
    paths = [Path(name) for name in files]
    time.sleep(max(0.0, float(start_at) - time.time()))
    for _ in range(int(rounds)):
        outcomes = store.import_paths(paths, [secret])
        print(json.dumps([[o.source, o.status, o.code] for o in outcomes]), flush=True)
    engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1:])
