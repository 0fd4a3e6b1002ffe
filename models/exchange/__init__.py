"""The weekly exchange file, its encryption, and the coordination's imports and reports."""
