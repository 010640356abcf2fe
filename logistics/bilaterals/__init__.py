"""Bilateral meetings: the requests, and their scheduling into a room and a slot."""
