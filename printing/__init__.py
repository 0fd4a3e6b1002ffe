"""PDF documents built with reportlab: pure functions from plain data to PDF bytes."""
