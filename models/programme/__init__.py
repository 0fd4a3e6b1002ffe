"""The programme: activity sessions, attendance, sign-in sheets."""
