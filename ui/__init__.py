"""Qt widgets of the desk: they receive services from desktop/ and never query the database."""
