"""Starting Cabane: the first-run wizard and the unlock prompts."""
