"""Saves check-ins in a loop until killed; for the crash test (tests/test_crash.py).

Usage: python -m tests.support.checkin_writer DATA_DIR [--lock] [--max N]

Opens a set-up data folder with the key from the keychain (the test backend named by
PYTHON_KEYRING_BACKEND), optionally takes the instance lock like the desk does, then
records visits one by one. Each visit id is printed on stdout, flushed, only once
``CheckInService.record`` has returned: a printed id is a confirmed save.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--lock", action="store_true", help="hold the instance lock")
    parser.add_argument("--max", type=int, default=1_000_000, help="stop after N saves")
    parser.add_argument("--at", default="", help="arrival time of every visit (ISO 8601)")
    args = parser.parse_args()

    from desktop.folder.desk import open_existing
    from desktop.folder.instance import InstanceLock
    from desktop.folder.secrets import open_keychain
    from models.desk.checkin import CheckInService, VisitDraft
    from models.desk.sites import StaffDirectory
    from models.store.base import paris_now

    # Keep a reference: QLockFile unlocks when the object is garbage-collected.
    lock = InstanceLock(args.folder) if args.lock else None
    if lock is not None:
        lock.acquire()  # never released: the process gets killed
    desk = open_existing(args.folder, open_keychain())
    assert desk.site is not None
    staff_id = StaffDirectory(desk.factory, desk.site.id).active()[0].id
    service = CheckInService(desk.factory, desk.site.id)
    print("READY", flush=True)
    from datetime import datetime

    for number in range(args.max):
        draft = VisitDraft(
            arrived_at=datetime.fromisoformat(args.at) if args.at else paris_now(),
            mothers=1,
            children_0_5m=number % 3,
            note=f"passage {number}",
        )
        visit_id = service.record(draft, staff_id)
        sys.stdout.write(visit_id + "\n")
        sys.stdout.flush()
    desk.close()
    if lock is not None:
        lock.release()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
