"""The floor of the start-to-ready budget (DESIGN.md §9).

A bare PySide6 window whose script also imports SQLAlchemy's ORM, sqlcipher3 and keyring:
it shows a plain QMainWindow and quits at the first turn of the event loop, as
``cabane --exit-when-ready`` does. The benchmark times this whole process.
"""

import sys
import time

_STARTED = time.perf_counter()

import keyring  # noqa: E402, F401
import sqlalchemy.orm  # noqa: E402, F401
import sqlcipher3  # noqa: E402, F401
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Floor")
    window.resize(1366, 768)
    window.show()

    def ready() -> None:
        print(f"Floor ready in {round((time.perf_counter() - _STARTED) * 1000)} ms", flush=True)
        app.quit()

    QTimer.singleShot(0, ready)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
