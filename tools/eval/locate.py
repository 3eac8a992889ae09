"""Authoring helper: turns phrase-based label drafts into labels with exact offsets.

A label file may list items in a short form that is quick to write while reading an article:

    "figures":  [["$1.13bn", 1130000000, "money", "USD", "exact"], ["2,000 troops", 2000, "count", "troop", "exact", 1]]
    "quotes":   [["We are delighted", "the final.", "Arsene Wenger"]]
    "entities": [["Arsene Wenger", "PERSON"], ["Manchester United", "ORG", ["Man Utd"]]]

A figure's phrase is found as a whole word in the cleaned text; the optional last element is the occurrence
index (0-based). An entity may carry other full names the same thing goes by in the article (aliases). Without it, the n-th listing of the same phrase takes the n-th occurrence, so a figure
written twice in an article is simply listed twice. A quote is given by its first and last words: the span
runs from the first words to the end of the last words found after them.

`python -m tools.eval.locate [LABEL_FILE...]` rewrites each file in the full form (text, start, end), adds the
cleaned-text checksum, and checks that every stored span still reads its text. `--show` prints each located
item in its context, to check the choice of occurrence by eye.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from tools.eval.documents import LABELS, checksum, cleaned_text, raw_text

SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


class LabelError(ValueError):
    pass


def find_phrase(text: str, phrase: str, occurrence: int, begin: int = 0) -> int:
    """Start of the `occurrence`-th whole-word match of `phrase` in `text` at or after `begin`."""
    seen = 0
    position = text.find(phrase, begin)
    while position != -1:
        end = position + len(phrase)
        clean_left = not (phrase[0].isalnum() and position > 0 and text[position - 1].isalnum())
        clean_right = not (phrase[-1].isalnum() and end < len(text) and text[end].isalnum())
        if clean_left and clean_right:
            if seen == occurrence:
                return position
            seen += 1
        position = text.find(phrase, position + 1)
    raise LabelError(f"{phrase!r}: occurrence {occurrence} not found (found {seen})")


def locate_figure(text: str, item: list[Any] | dict[str, Any], taken: Counter[str]) -> dict[str, Any]:
    if isinstance(item, dict):
        return _checked(text, item)
    phrase, value, kind, unit, qualifier, *rest = item
    occurrence = rest[0] if rest else taken[phrase]
    taken[phrase] = occurrence + 1
    start = find_phrase(text, phrase, occurrence)
    return {"text": phrase, "start": start, "end": start + len(phrase), "value": value, "kind": kind,
            "unit": unit, "qualifier": qualifier}


def locate_quote(text: str, item: list[Any] | dict[str, Any], taken: Counter[str]) -> dict[str, Any]:
    if isinstance(item, dict):
        return _checked(text, item)
    first, last, speaker, *rest = item
    occurrence = rest[0] if rest else taken[first]
    taken[first] = occurrence + 1
    start = find_phrase(text, first, occurrence)
    end = find_phrase(text, last, 0, begin=start) + len(last)
    if "\n\n" in text[start:end]:
        raise LabelError(f"quote {first!r}...{last!r} crosses a paragraph: label each part separately")
    return {"text": text[start:end], "start": start, "end": end, "speaker": speaker}


def _entity(item: list[Any]) -> dict[str, Any]:
    name, label, *aliases = item
    return {"name": name, "label": label, **({"aliases": aliases[0]} if aliases else {})}


def _checked(text: str, item: dict[str, Any]) -> dict[str, Any]:
    if text[item["start"]:item["end"]] != item["text"]:
        raise LabelError(f"span {item['start']}:{item['end']} reads {text[item['start']:item['end']]!r}, "
                         f"not {item['text']!r}")
    return item


def locate_file(path: Path) -> dict[str, Any]:
    label = json.loads(path.read_text(encoding="utf-8"))
    text = cleaned_text(raw_text(label["document"]))
    if "sha256" in label and label["sha256"] != checksum(text):
        raise LabelError(f"{path.name}: the cleaned text changed since labelling (checksum differs)")
    taken: Counter[str] = Counter()
    figures = [locate_figure(text, item, taken) for item in label.get("figures", [])]
    taken = Counter()
    quotes = [locate_quote(text, item, taken) for item in label.get("quotes", [])]
    entities = [item if isinstance(item, dict) else _entity(item) for item in label.get("entities", [])]
    for kind, items in (("figure", figures), ("quote", quotes)):
        spans = Counter((item["start"], item["end"]) for item in items)
        repeated = [span for span, count in spans.items() if count > 1]
        if repeated:
            raise LabelError(f"{path.name}: {kind} span {repeated[0]} is labelled twice")
    names = Counter((entity["name"], entity["label"]) for entity in entities)
    if any(count > 1 for count in names.values()):
        raise LabelError(f"{path.name}: an entity is listed twice: {names.most_common(1)[0][0]}")
    unknown = sorted({quote["speaker"] for quote in quotes} - {None} - _speaker_names(entities))
    if unknown:
        raise LabelError(f"{path.name}: speakers {unknown} are not the name or alias of a PERSON, ORG, GPE or "
                         "NORP entity of the file")
    located = {
        "document": label["document"],
        "sha256": checksum(text),
        "notes": label.get("notes", ""),
        "quotes": sorted(quotes, key=lambda item: item["start"]),
        "entities": entities,
    }
    if "figures" in label:  # held-out labels leave figures out: the file says which items were labelled
        located["figures"] = sorted(figures, key=lambda item: item["start"])
    return located


def _speaker_names(entities: list[dict[str, Any]]) -> set[str]:
    return {name for entity in entities if entity["label"] in SPEAKER_LABELS
            for name in (entity["name"], *entity.get("aliases", ()))}


def write_label(path: Path, label: dict[str, Any]) -> None:
    lines = ["{"]
    lines.append(f'  "document": {json.dumps(label["document"])},')
    lines.append(f'  "sha256": {json.dumps(label["sha256"])},')
    lines.append(f'  "notes": {json.dumps(label["notes"], ensure_ascii=False)},')
    for key in ("figures", "quotes", "entities"):
        if key not in label:
            continue
        rows = [f"    {json.dumps(item, ensure_ascii=False)}" for item in label[key]]
        closing = "" if key == "entities" else ","
        lines.append(f'  "{key}": [' + ("\n" + ",\n".join(rows) + "\n  " if rows else "") + "]" + closing)
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def show(label: dict[str, Any]) -> None:
    text = cleaned_text(raw_text(label["document"]))
    print(f"== {label['document']}")
    for item in label.get("figures", []):
        context = text[max(0, item["start"] - 30):item["end"] + 20].replace("\n", " ")
        print(f"  F {item['value']!r:>12} {item['kind']:<8} {item['unit']!s:<10} {item['qualifier']:<11} | {context}")
    for item in label["quotes"]:
        print(f"  Q {item['speaker']!s:<22} | {item['text'][:70]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--show", action="store_true", help="print each located item in its context")
    args = parser.parse_args(argv)
    files = args.files or sorted(LABELS.glob("*/*.json"))
    failed = False
    for path in files:
        try:
            label = locate_file(path)
        except (LabelError, KeyError, ValueError) as error:
            print(f"{path}: {error}", file=sys.stderr)
            failed = True
            continue
        write_label(path, label)
        if args.show:
            show(label)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
