"""The shared kit of the windows: small widgets and helpers used by more than one window."""
