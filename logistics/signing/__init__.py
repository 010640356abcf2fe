"""The signing ceremony: who signs, with which full powers, where, when and in what order."""
