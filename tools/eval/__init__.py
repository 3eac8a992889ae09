"""Hand-labelled evaluation of newsstream's figures, quotes and entities on BBC articles."""
