"""Orientations and referrals: the editor, the follow-up, the partner directory, the PMI centres."""
