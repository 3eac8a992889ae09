"""Direct quotes and who said them.

`extract_quotes(doc, entities)` finds the quoted statements of an article and links each one to the
canonical name of its speaker. It reads token tags, the canonical entities and the parse of the sentences
that may report speech (`syntax.syntax_of(doc)`, set by the pipeline's `newsstream_speech_parser`). All work is
one linear pass over the quote marks of the text plus one pass over the tokens; every search for an
attribution looks at a bounded number of tokens or dependency steps.

How a speaker is found, first to last:
- Transcripts (`transcripts.py`): in an interview written as `Q:`/`A:` or as names or initials before a
  colon, every turn is a quote of its prefix's person.
- The parse (`../speech.py`): the speech cue linked to the quote's words and its source (the subject of
  `said`, `A` of `A told B`, `X` of `according to X` or of `a claim by X`), named as below.
- Without a cue on the parse, the window heuristics of `cues` (`_after_quote`, `_before_quote`): a speech
  verb and the subject next to the quote in its sentence.
- A paragraph or line that opens with only a name before its quote (match reports), or a headline's quote
  before a colon and a name.
- The discourse: a statement continued from the previous quote, the subject the narration made current, the
  most recent attribution.
A source is named: an entity's canonical name; `he`/`she` the most recent person of the discourse whose gender
the text does not contradict (the interviewee first in a written-up interview, not whoever asked when it
answers a question); a role (`the minister`, `the committee`, `the report`) the person or organisation it
points back to, or, in a headline, the one the story introduces with it; nobody for `a spokesman`,
`one woman`, `critics`.

Decisions on the marks and the window heuristics (documented because an earlier issue asked for them):

- Quote marks: straight `"`, curly `“ ”`, low `„` and a doubled apostrophe `''` are double marks; any
  double mark can close a quote any other opened (scraped text mixes them). Whether a straight mark
  opens or closes is decided from its neighbours (space before and a word after opens; a word or
  punctuation before and space/punctuation after closes). Single marks (`‘ ’ '`) are never quote
  boundaries, so apostrophes (don’t, Nato’s) and a quote inside a quote never end the outer quote.
  British-style outer single quotes are therefore not extracted.
- Quotes never cross a paragraph ("\\n\\n"). A quote that is still open at the end of its paragraph
  is kept only when the next paragraph opens a quote again (the typesetting convention for a
  statement running over paragraphs); otherwise the mark was stray and is dropped, so an unbalanced
  mark costs at most its own paragraph. A continued statement yields ONE QUOTE PER PARAGRAPH PART (a
  Quote has one contiguous span); the later parts get the speaker of the first. The same holds inside
  one paragraph when an opening mark appears where a closing one was expected
  (`... comes. "As long as ...`, which is how merged paragraphs look).
- A quote split by its attribution (`"I think," he said, "that we will win."`) is TWO quotes with the
  same speaker.
- The quote text excludes the marks, surrounding spaces and a trailing `,` `;` `:` (the comma before
  `he said` belongs to the sentence around the quote); a final `.`, `?` or `!` is kept.
- Not statements: a quoted span whose words are all capitalised (small words like "of", "the" aside),
  which is a title or a name ("Million Dollar Baby", "Longhorn"); and a span of fewer than four words
  unless it is shaped like an utterance (ends in `, . ! ?` inside the marks or follows a `:`) AND an
  attribution is found right next to it (`"Absolutely," said Blair.`). So "transparency mechanism",
  "limited", a nickname, are not quotes.
- Speaker search, in this order: (1) right after the quote in the same sentence (`"...," Kirby said`,
  `"...," said Kirby`, `"...," he told Interfax`, `"...," according to X`); not used after a quote
  ending in `.` unless the next word is lower case; (2) before it in the same sentence, back to the
  previous quote (`Kirby said: "..."`, `Grushko described it as "..."`, `The US said ... and "..."`);
  (3) for a quote with no attribution of its own, the speaker of the previous quote when it continues
  the same statement (same paragraph, or a continued paragraph); (4) else the nearest preceding
  attribution ("X said ..." or a quote's speaker) within the two previous paragraphs; (5) else None.
  An attribution that names nobody (`a spokesman said`) gives None and stops the search.
- Speech verbs: strong ones (say, tell, add, warn, insist, claim, ...) also count in narration, so
  "Smith said the team ..." is an attribution that later pronouns and quote-only paragraphs can use;
  weak ones (describe, note, continue, believe, ...) count only in a quote's own sentence; a few
  (agreed, laughed) only right after the quote. A verb followed by "to" or in the passive is not one.
- `he`/`she`/`the minister`/`the 25-year-old`/`the Dutchman` resolve to the current person subject: the most recent
  quote speaker, speech-verb subject or first PERSON of a sentence outside quotes, whichever came
  last (PERSON mentions inside quotes do not count), if it is at most three paragraphs back.
  `it`/`they`/`the company` resolve the same way to the most recent organisation or country.
- Speaker names are the canonical `Entity.name` of the mention; a name the model found (or a proper
  noun) that no entity covers is looked up by mention text and surname among the entities, and
  otherwise reported as written (minus an honorific such as "Mr").
- Names are cleaned before use: a job title or sentence-initial speech verb the model took into a
  name is dropped (`Wales physio Mark Davies` -> `Mark Davies`, `Said Wales` -> `Wales`); a one-word
  PERSON is the full name it ends when the article has one (full names sharing surname and first
  initial count as one person); a PERSON qualifying a noun (`an Oscar nomination`, `Linux strategy
  manager`) is nobody; `the 22-year-old Scot` is a description, like `the Dutchman`.
- Choosing among names: a person is preferred to an organisation or place for a speech verb; in
  `Name, title, title, said` the stretch that is only a name wins over names inside the titles; a
  possessor (`Iron Maiden's Bruce Dickinson`) and the owner of a role (`a spokesman for Dell`) are
  not the speaker, and an indefinite person role names nobody (the speaker is None); after
  `according to a report by X` the speaker is X. A person named after a verb or a passive's `by` is
  not a sentence subject for later pronouns; one after another preposition only until the sentence
  names another. `... and joked:` takes the subject of its clause.
- A quote with no attribution of its own in the same sentence as the previous quote shares its
  speaker; a quote-only sentence after a narration sentence that made a new person its subject in
  the same paragraph (`US coach X wants ... "..."`) is that person's. An unclosed statement that
  runs into `He added: "` ends at its last sentence. `"Also," he said` (a capitalised word ending in
  `,` `!` `?` inside its marks) is a quote when the attribution follows it. A short verbless phrase
  after or starting with an article, with no attribution (`its reputation as "an island of
  democracy"`), is not a quote.

The package: `marks` (finding quote spans), `speech_verbs` and `vocabulary` (word lists and window sizes),
`state` (the records attribution passes around), `names` (the context of names and references), `interviews`,
`references` (pronoun and role resolution), `speakers` (choosing a speaker among tokens), `cues` (speech cues
and the window heuristics), `discourse` (the forward pass's memory) and `extract` (`extract_quotes` and the
attribution of each quote).
"""

from __future__ import annotations

from .extract import extract_quotes

__all__ = ["extract_quotes"]
