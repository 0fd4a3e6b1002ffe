"""The composition root: command line, paths, secrets, database opening, and the desk's wiring."""

__version__ = "0.1.0"
