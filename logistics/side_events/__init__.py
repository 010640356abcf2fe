"""Side events: the public proposal, the blind review, the decision and the scheduling."""
