"""Street outreach: outings and their counts."""
