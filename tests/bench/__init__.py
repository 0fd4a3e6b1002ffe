"""Benchmarks of DESIGN.md §9 (run with ``make bench``)."""
