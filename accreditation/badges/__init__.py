"""Badges: issued, printed (one or a batch), collected against an ID, revoked, reinstated;
their signed QR codes."""
