"""The scale benchmark's own process: import the files, time the figures and the report,
print the measures as one JSON line (its peak memory is then the import's own)."""

from __future__ import annotations

import json
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path


def main(
    folder: Path, files_dir: Path, secret: str, keys: dict[str, str], url: str = ""
) -> dict[str, object]:
    """``url``: a PostgreSQL store instead of the folder's SQLCipher one."""
    from sqlalchemy.orm import sessionmaker

    from desktop.folder.database import make_engine
    from desktop.folder.desk import set_up_coordination
    from desktop.folder.secrets import open_keychain
    from models.exchange.coordination import CoordinationStore
    from models.exchange.signing import SiteKey
    from models.store import schema
    from printing.annual_report import build_annual_report_pdf

    desk = set_up_coordination(folder, open_keychain())
    if url:
        engine = make_engine(url)
        schema.upgrade(engine)
        store = CoordinationStore(sessionmaker(engine, expire_on_commit=False))
    else:
        store = CoordinationStore(desk.factory)
    for code, public in keys.items():
        store.register.trust(SiteKey(code, code, public))  # as « cabane coordination trust »
    files = sorted(files_dir.glob("*.age"))
    started = time.perf_counter()
    outcomes = store.import_paths(files, [secret])
    imported = time.perf_counter() - started
    refused = [o.code for o in outcomes if o.status == "refused"]
    last = store.latest_day()
    periods, first_asked = {}, {}
    for name, days in (("year", 364), ("quarter", 90), ("month", 30), ("dates", 45), ("week", 6)):
        times = []
        for _ in range(3):  # this machine is shared: the median of three, and the first
            started = time.perf_counter()
            store.figures(last - timedelta(days=days), last, None)
            times.append(time.perf_counter() - started)
        periods[name], first_asked[name] = sorted(times)[1], times[0]
    started = time.perf_counter()
    build_annual_report_pdf(store.annual_report(last.year - 1, None, True), date.today())
    reported = time.perf_counter() - started
    desk.close()
    return {
        "files": len(files),
        "refused": refused[:5],
        "refused_count": len(refused),
        "import": imported,
        "periods": periods,
        "first_asked": first_asked,
        "report": reported,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


if __name__ == "__main__":
    folder, files_dir, secret, keys, *url = sys.argv[1:6]
    print(json.dumps(main(Path(folder), Path(files_dir), secret, json.loads(keys), *url)))
