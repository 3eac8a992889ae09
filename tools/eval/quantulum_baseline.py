"""quantulum3, a well-known quantity extractor, mapped onto newsstream's figure kinds for comparison.

The mapping is as generous as its output allows: a currency unit is money (ISO code from the unit), a
percentage is a percent, a time unit a duration (an age when "-old" follows), a dimensionless number a
count, anything else with a physical dimension a quantity. quantulum3 has no qualifiers, so every figure is
"exact". Its trained unit classifier (clf.joblib in the wheel) does not load with current scikit-learn, so
the run uses the package's rule-based disambiguation and downloads nothing.
"""

from __future__ import annotations

import importlib.metadata
import re
import warnings
from typing import Any

from tools.eval.scoring import FigureItem

_CURRENCY_WORDS = {
    "dollar": "USD", "united states dollar": "USD", "pound sterling": "GBP", "pound": "GBP", "euro": "EUR",
    "yen": "JPY", "japanese yen": "JPY", "penny": "GBP", "cent": "USD", "australian dollar": "AUD",
    "canadian dollar": "CAD", "swiss franc": "CHF", "indian rupee": "INR", "renminbi": "CNY", "yuan": "CNY",
}
_PARAGRAPH = re.compile(r"[^\n]+")
_AGE_AFTER = re.compile(r"(?:-| )old\b")


def version() -> str:
    return importlib.metadata.version("quantulum3")


def _parser() -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import classifier, parser
    classifier.USE_CLF = False  # the shipped classifier pickle does not load with current scikit-learn
    return parser


def extract(text: str) -> list[FigureItem]:
    """quantulum3's quantities in `text` as figures, offsets into `text`."""
    parser = _parser()
    figures: list[FigureItem] = []
    for paragraph in _PARAGRAPH.finditer(text):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            quantities = parser.parse(paragraph.group())
        for quantity in quantities:
            start = paragraph.start() + quantity.span[0]
            end = paragraph.start() + quantity.span[1]
            kind, unit = _kind_and_unit(quantity, text, end)
            figures.append(FigureItem(start=start, end=end, value=float(quantity.value), kind=kind, unit=unit,
                                      qualifier="exact", text=text[start:end]))
    return figures


def _kind_and_unit(quantity: Any, text: str, end: int) -> tuple[str, str | None]:
    unit = quantity.unit
    name = str(unit.name).lower()
    entity = str(unit.entity.name).lower()
    code = getattr(unit, "currency_code", None)
    if entity == "currency" or code:
        return "money", code or _currency_of(name)
    currency = _currency_of(name)
    if currency:
        return "money", currency
    if name in {"percentage", "percent"}:
        return "percent", "%"
    if entity == "time":
        return ("age" if _AGE_AFTER.match(text, end) else "duration"), name
    if entity == "dimensionless":
        return "count", None
    symbols = getattr(unit, "symbols", None) or []
    return "quantity", (symbols[0] if symbols else name)


def _currency_of(unit_name: str) -> str | None:
    for words, code in sorted(_CURRENCY_WORDS.items(), key=lambda item: -len(item[0])):
        if unit_name == words or unit_name.startswith(words + " "):
            return code
    return None
