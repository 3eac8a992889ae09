"""`newsstream web`: a live newsroom screen of the enriched stream, with a JSON API (issue 22)."""
