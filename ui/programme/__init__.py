"""The programme: the week view, the session form, posters and flyers."""
