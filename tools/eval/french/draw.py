"""Issue 21's French articles (articles/fr-NN.txt), split between held-out and development by a seeded draw
made before any article was written: 12 of the first 24 numbers are held out. The second batch (numbers 25 and
up), written on 7 December after the first pass by helpers who had not read the code, is all held out: French
articles nobody had run before the fixes of the second pass were made. The third batch (37 to 48), written on 7
December after the first batch's held-out errors were read and that batch moved to development (`MOVED`), is all
held out too. So are the later batches (49 to 96), each written after a pass; the seventh (85 to 96) was
written on 7 December while the seventh pass was being made, and run once when it was done; the eighth (97 to
108) while the eighth was. Both were first labelled without figures, which helpers added from the text alone
before any figure output was looked at. The ninth and tenth (109 to 132) were written and labelled, figures
included, on 7 December (third session) by four helpers who had not read the code, after batches 7 and 8 were
moved to development and before the ninth pass's fixes were judged; the eleventh and twelfth (133 to 156) the same way during the ninth pass,
before the ninth and tenth were run; the thirteenth to sixteenth (157 to 204) the same way, the fifteenth and
sixteenth (181 to 204) after the thirteenth and fourteenth were run, the seventeenth and eighteenth (205 to 228)
after the fifteenth and sixteenth were run. The nineteenth and twentieth (229 to 252) were written on 7 December
(fourth session) the same way, at the start of the tenth pass, before its fixes were made; the twenty-first and
twenty-second (253 to 276) during the tenth pass, before the nineteenth and twentieth were run."""

from __future__ import annotations

import random
from pathlib import Path

FRENCH_ROOT = Path(__file__).resolve().parent
ARTICLES = FRENCH_ROOT / "articles"
LABELS = FRENCH_ROOT / "labels"
DRAW_SEED = "newsstream-issue-21"
DRAWN = 24
HELDOUT_NUMBERS = frozenset(random.Random(DRAW_SEED).sample(range(1, DRAWN + 1), DRAWN // 2))


# Held-out articles whose errors were read to find fixes, moved to development (number -> when and why).
MOVED: dict[int, str] = {
    **{number: "7 December: its speaker errors were read after the second pass (held-out speaker accuracy was "
               "0.688 on the first batch); replaced by the third batch (37-48)" for number in HELDOUT_NUMBERS},
    **{number: "7 December: its speaker errors were read after the third pass (speaker accuracy 0.659 on the "
               "second batch); replaced by the fourth batch (49-60)" for number in range(25, 37)},
    **{number: "7 December: its speaker errors were read after the fifth pass (speaker accuracy 0.748 on the "
               "third batch); replaced by the fifth batch (61-72)" for number in range(37, 49)},
    **{number: "7 December: its speaker errors were read after the fifth pass (speaker accuracy 0.656 on the "
               "fourth batch); replaced by the sixth batch (73-84)" for number in range(49, 61)},
    **{number: "7 December: its speaker errors were read after the seventh pass (speaker accuracy 0.686 on the "
               "fifth and sixth batches); replaced by the eighth batch (97-108)" for number in range(61, 85)},
    **{number: "7 December (third session): its speaker and figure errors were read after the eighth pass (speaker "
               "accuracy 0.730, figures F1 0.868 on the seventh and eighth batches); replaced by the ninth and tenth "
               "batches (109-132)" for number in range(85, 109)},
    **{number: "7 December (third session): its speaker errors were read after the ninth pass (speaker accuracy 0.820 "
               "at first contact on the ninth and tenth batches, figures F1 0.932); replaced by the eleventh and "
               "twelfth batches (133-156)" for number in range(109, 133)},
    **{number: "7 December (third session): its speaker and figure errors were read after the ninth pass (speaker "
               "accuracy 0.777 at first contact on the eleventh and twelfth batches, figures F1 0.907); replaced by "
               "the thirteenth and fourteenth batches (157-180)" for number in range(133, 157)},
    **{number: "7 December (third session): its speaker errors were read after the ninth pass (speaker accuracy "
               "0.797 at first contact on the thirteenth and fourteenth batches, figures F1 0.912); replaced by the "
               "fifteenth and sixteenth batches (181-204)" for number in range(157, 181)},
    **{number: "7 December (third session): its speaker errors were read after the ninth pass (speaker accuracy "
               "0.759 at first contact on the fifteenth and sixteenth batches, figures F1 0.943); replaced by the "
               "seventeenth and eighteenth batches (205-228)" for number in range(181, 205)},
    **{number: "7 December (fourth session): its speaker errors were read in the tenth pass (speaker accuracy "
               "0.745 at first contact on the seventeenth and eighteenth batches, figures F1 0.944); replaced by the "
               "nineteenth and twentieth batches (229-252)" for number in range(205, 229)},
    **{number: "7 December (fourth session): its speaker errors were read in the tenth pass (speaker accuracy "
               "0.794 at first contact on the nineteenth and twentieth batches, figures F1 0.922); replaced by the "
               "twenty-first and twenty-second batches (253-276)" for number in range(229, 253)},
}


def set_of(number: int) -> str:
    return "heldout" if (number in HELDOUT_NUMBERS or number > DRAWN) and number not in MOVED else "development"


def documents() -> dict[str, list[str]]:
    """{"heldout": [...], "development": [...]} of the articles written so far ("french/fr-01.txt")."""
    sets: dict[str, list[str]] = {"heldout": [], "development": []}
    for path in sorted(ARTICLES.glob("fr-*.txt")):
        sets[set_of(int(path.stem.split("-")[1]))].append(f"french/{path.name}")
    return sets


def label_path(document: str) -> Path:
    number = int(Path(document).stem.split("-")[1])
    return LABELS / set_of(number) / f"french-{Path(document).stem}.json"
