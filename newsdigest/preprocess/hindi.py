"""Closed classes of Hindi function words that several stages read (one home for each list)."""

# Postpositions: a word before one is the noun phrase's end (मेटा ने, दो में से).
POSTPOSITIONS = frozenset("ने को का की के में से पर तक लिए".split())
