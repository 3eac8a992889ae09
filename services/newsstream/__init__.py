"""newsstream: enrich live news feeds from Kafka with entities, figures, quotes and dates."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsstream")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
