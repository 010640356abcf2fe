"""Each desk's home page: what that role needs first, from every part of the work."""
