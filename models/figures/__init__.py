"""Figures: weekly indicators and the dashboard's period figures."""
