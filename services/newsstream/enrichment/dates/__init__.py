"""Dates in news text, resolved to ISO 8601 against the article's publication time.

`extract_dates(doc, published_at)` reads the spaCy DATE and TIME entities (the small model finds
nearly every date; in the BBC corpus it misses only years inside names such as "Euro 2004"), and
resolves each one to a value and a granularity:

| granularity | value | examples |
| --- | --- | --- |
| `year` | `2014` | "2014", "last year", "early 2005", "the end of 2005", "two years ago" |
| `month` | `2021-12` | "December", "December 2021", "last month", "late January", "4-6 March", "Christmas" |
| `week` | `2022-01-24` (the Monday of the ISO week) | "last week", "this weekend", "earlier this week" |
| `day` | `2022-02-02` | "Wednesday", "yesterday", "5 January 2005", "Sunday night", "Christmas Day" |
| `time` | `2022-01-31T10:30:00` (`Z` / `+01:00` when GMT / BST is written) | "10:30 on Monday", "3pm yesterday" |

Decisions (documented because the issue asks for them):

- Relative expressions are resolved against the publication date as written in `published_at` (its
  local date, not converted to UTC): the writer's "Wednesday" is a day in their own time zone.
- Tense decides which of the candidates a bare weekday, month, day of a month ("3 January") or
  holiday is. The nearest finite verb of its clause says: a future ("will", "'ll", "shall", "is
  due/set/going/scheduled to") picks the first one on or after publication; a past tense the latest
  one on or before it; no clear tense (present, none) the closest one either way, except for a
  weekday, which is then the latest one: a weekday in a news story has happened ("Wednesday" in a
  story published on a Wednesday is that day). "last X" is strictly before publication, "next X"
  strictly after, "this X" within the current week (weekdays) or year (months, holidays). "last
  week" is the ISO week before the one of publication; a weekend belongs to the ISO week of its
  Saturday. A weekday written with its date ("Saturday, 5 February") picks the year in which that
  date is that weekday. "midnight" with a day gives the day (start or end of it, the text rarely
  says). Times carry a zone only when one is written (GMT/UTC -> Z, BST/CET -> +01:00).
- A modifier narrows a period without making it more precise, so the value is the containing
  period: "the end of 2005", "mid-2005", "the third quarter of 2004" are the year 2005/2004,
  "late January" is the month. A range inside one month ("6 to 9 January") is that month.
- Vague or anaphoric spans are DROPPED, never given a made-up precise value: durations ("three weeks",
  "the past five years", "recent weeks"), decades ("the 1990s"), seasons ("last summer", "this
  season"), frequencies ("annual"), ages ("32-year-old"), "the year", "two years later", "next
  weekend" (it can mean two different weekends), "3pm" with no day, and model mistakes ("Green Day").
  The granularities are therefore exactly year, month, week, day and time.
- Without `published_at` (or with one that is not RFC 3339), absolute dates ("2014", "December
  2021", "5 January 2005") are still resolved, relative ones ("last week", "Wednesday", "5 January")
  are kept with `value` None and their granularity: nothing depends on the wall clock.
- Candidates are the model's DATE and TIME entities (neighbours it cut apart, "10:30" "on" "Monday",
  are joined; a list it joined, "Monday, Tuesday and Friday", is split when it does not resolve as a
  whole), plus fixed-date holidays it labelled as something else ("on Boxing Day" as a LAW).
- The common forms are read with regular expressions (nearly all of the BBC corpus); the rest with a
  month name in it go to dateparser (1.5), whose answer is accepted only at the granularity the text
  supports and only when it kept the numbers written. Resolutions are cached per (text, publication
  day, tense), so the cost per article is a dictionary look-up for most mentions.

The package: `vocabulary` (words, pattern pieces, `Resolution`), `calendar` (which year, month or day a bare
form is), `forms` (one regular expression per common form), `resolve` (one expression, with dateparser for
the rarer forms) and `extract` (`extract_dates`, the document pass).
"""

from __future__ import annotations

from .extract import extract_dates, publication_day
from .resolve import resolve
from .vocabulary import Granularity, Mode, Resolution

__all__ = ["Granularity", "Mode", "Resolution", "extract_dates", "publication_day", "resolve"]
