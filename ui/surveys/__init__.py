"""Needs surveys at the desk: questionnaires, the kiosk, typing answers in, results."""
