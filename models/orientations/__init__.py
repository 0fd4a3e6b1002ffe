"""Orientations to PMI services, referrals to partners, the directory, slips."""
