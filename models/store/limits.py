"""Lengths the desk lets staff type, shared by the tables, the services and the forms."""

NOTE_MAX = 280  # a visit's or an outing's short note
LABEL_MAX = 60  # the name a known family chose
