# Cabane — two commands do everything: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test lint bench screenshots installed-screenshots dist smoke clean

# French plural forms of the interface (Qt's %n numerus forms), compiled from their source.
QM := resources/translations/cabane_fr.qm

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dist]'
	touch $(STAMP)

install: $(STAMP) $(QM)

$(QM): resources/translations/cabane_fr.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

run: $(STAMP) $(QM)
	$(BIN)/cabane

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint $(QM)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

bench: dist
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -m bench tests/bench -s -p no:randomly

screenshots: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.screenshots screenshots

# The frozen bundle into dist/cabane, the .deb on Linux, the Windows installer check (wixl).
dist: $(STAMP) $(QM)
	$(BIN)/python installer/build.py

# The installed program (the .deb, installed with apt) run as IT would: see installer/README.md.
smoke: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -m installed tests/installed -p no:randomly

# The installed program in a real window (Xvfb + openbox): wizard and desk, 100 % and 150 %.
installed-screenshots: $(STAMP) $(QM)
	$(BIN)/python installer/linux/screenshots.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
