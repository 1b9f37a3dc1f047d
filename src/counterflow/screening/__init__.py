"""Watch-list screening: name normalisation, list parsers, candidate retrieval and matching."""
