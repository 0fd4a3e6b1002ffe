"""Street outreach: the counting window."""
