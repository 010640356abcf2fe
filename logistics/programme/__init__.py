"""The programme: venues, rooms, sessions, the grid, published versions, calendar feeds and
the mails a change causes."""
