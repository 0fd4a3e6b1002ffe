"""Anonymous needs surveys: questionnaires, answer sheets, what they say (issue 18)."""
