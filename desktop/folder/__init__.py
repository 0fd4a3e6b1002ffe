"""A data folder, opened in one place: paths, lock, keychain, key enrolment, database, identity."""
