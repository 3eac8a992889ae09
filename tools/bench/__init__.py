"""`make bench`: the side-by-side throughput and latency benchmark (see bench.py)."""
