"""Which corpus articles the evaluation set holds, and their text exactly as the system cleans it.

Labels store offsets into the cleaned text, never the article itself (the corpus is the BBC's and
stays in ../shared). The checksum of the cleaned text lets the runner notice when cleaning changes
under the labels.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from newsstream.enrichment.clean import clean_article
from newsstream.enrichment.parse import decode_text

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CORPUS = PROJECT_ROOT.parent / "shared" / "corpus" / "bbc"
LABELS = Path(__file__).resolve().parent / "labels"
SECTIONS = ("sport", "tech", "entertainment")
PER_SECTION = 12


def selected_documents(corpus: Path = CORPUS, per_section: int = PER_SECTION) -> list[str]:
    """The fixed sample: in each section's sorted file list, the files at positions floor(i * n / 12).

    Evenly spaced over the whole section, chosen before looking at any text, skipping none.
    Returned as paths relative to the corpus root ("sport/001.txt").
    """
    chosen: list[str] = []
    for section in SECTIONS:
        files = sorted(path.name for path in (corpus / section).glob("*.txt"))
        for i in range(per_section):
            chosen.append(f"{section}/{files[i * len(files) // per_section]}")
    return chosen


def raw_text(document: str, corpus: Path = CORPUS) -> str:
    """The file's text decoded as the worker decodes record bytes (UTF-8, Latin-1/cp1252 repaired)."""
    text, _notes = decode_text((corpus / document).read_bytes())
    return text


def cleaned_text(raw: str) -> str:
    return clean_article(body=raw, html=None, title=None, source=None, published_at=None).text


def checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def label_path(document: str) -> Path:
    section, name = document.split("/")
    return LABELS / f"{section}-{Path(name).stem}.json"
