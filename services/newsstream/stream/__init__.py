"""The Faust layer: topics, the enrichment agent, dead letters and metrics around the pure enrichment code."""
