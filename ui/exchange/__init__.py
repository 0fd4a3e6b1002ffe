"""The weekly export: weeks to export, their figures, the coordination's keys."""
