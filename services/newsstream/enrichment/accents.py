"""A word without its accents ("Hélène" -> "Helene"), the form name lists and gazetteers are looked up in."""

from __future__ import annotations

import unicodedata


def without_accents(text: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))
