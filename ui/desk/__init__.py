"""The desk: the main window, the check-in panel, today's list, the family picker."""
