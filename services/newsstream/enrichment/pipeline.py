"""The enrichment pipeline: validated raw articles in, enriched article records out.

Pure code: no Kafka, Faust or Prometheus. The worker and the offline `newsstream enrich` command both call
`Enricher.enrich_batch`, so what the CLI prints is exactly what the stream publishes.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .. import __version__
from ..errors import EnrichmentError, InputError, Reason
from ..timestamps import iso_time
from .clean import CleanedArticle, clean_article
from .language import confident_language, detect_language
from .languages import LANGUAGES, PRIMARY, LanguageSteps
from .nlp import pipeline_description
from .parse import ParsedRecord
from .places import country_shares, gazetteer, geocode_entities
from .records import CountryShare, DateMention, EnrichedArticle, Entity, Figure, Quote, Tone
from .tone import load_lexicon, score_tone
from .truecase import restore_case

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
MAX_ITEMS_PER_LIST = 1000
MAX_WORD_CHARS = 100  # longer whitespace-free runs (URLs included) are hidden from the model

StageObserver = Callable[[str, float], None]
"""Called with (stage name, seconds) after each stage of a batch; the worker feeds its histograms."""


def _ignore_timing(stage: str, seconds: float) -> None:
    return None


@dataclass(slots=True)
class _Prepared:
    """An article after cleaning, waiting for the model."""

    record: ParsedRecord
    cleaned: CleanedArticle
    language: str | None
    notes: list[str]
    analysed: bool
    analysed_text: str
    seconds: float
    pipeline: str = PRIMARY  # the language whose pipeline parses it


Outcome = EnrichedArticle | InputError


class ModelFailed(Exception):
    """The model gave no document for a text; the message says why (it is the dead letter's)."""


@dataclass(slots=True)
class PreparedBatch:
    """A batch after cleaning: per record, what waits for the model or the error that ends it already."""

    items: list[Outcome | _Prepared]

    @property
    def texts(self) -> list[str]:
        """What the model reads, one text per article it analyses, in order."""
        return [item.analysed_text for item in self._analysed()]

    def _analysed(self) -> list[_Prepared]:
        """The articles the primary (English) pipeline parses; the other languages' are parsed in `annotate`."""
        return [item for item in self.items
                if isinstance(item, _Prepared) and item.analysed and item.pipeline == PRIMARY]


@dataclass(slots=True)
class AnalysedTexts:
    """The model's answer for `PreparedBatch.texts`: a Doc (or the error it raised) per text, and its time."""

    docs: list[Doc | Exception]
    seconds: float


class Enricher:
    """Enriches batches of articles with one loaded spaCy pipeline.

    `enrich_batch` is `prepare` (cleaning, language), `parse` (the model) and `annotate` (entities, figures,
    quotes, dates) in turn. The worker runs `parse` in another process, on a pipeline of its own, and the
    other two here: `annotate` reads documents rebuilt in this pipeline's vocabulary, and `description`
    then names the pipeline that parsed them.
    """

    def __init__(self, nlp: Language, observe: StageObserver = _ignore_timing, *,
                 max_analysed_chars: int = 100_000, budget_seconds: float = 10.0,
                 max_items: int = MAX_ITEMS_PER_LIST, description: dict[str, object] | None = None,
                 others: dict[str, Language] | None = None, annotates: bool = True) -> None:
        """`annotates`: False for an Enricher that only runs the model (`analyse`, in the worker's model process),
        which needs neither the place gazetteer nor the tone lexicon."""
        self.max_items = max_items
        self.nlp = nlp
        self.observe = observe
        self.max_analysed_chars = max_analysed_chars
        self.budget_seconds = budget_seconds
        self.description = description if description is not None else pipeline_description(nlp)
        self.language = nlp.lang
        # The other languages' pipelines (NEWSSTREAM_MODELS), each parsing its articles here, in `annotate`.
        self.others = {language: other for language, other in (others or {}).items() if language in LANGUAGES}
        self.descriptions = {language: pipeline_description(other) for language, other in self.others.items()}
        # Read the gazetteer and the tone lexicon now, not on the first article (about a second): a worker's
        # first batch must not look like a stall.
        if annotates:
            gazetteer()
            load_lexicon()

    @contextmanager
    def _stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.observe(name, time.perf_counter() - started)

    def enrich_batch(self, records: Sequence[ParsedRecord]) -> list[Outcome]:
        """Enrich `records`; the result has one outcome per record, in order.

        A record that fails gets an `InputError` (with its dead-letter reason) in its place; the others are
        unaffected.
        """
        batch = self.prepare(records)
        return self.annotate(batch, self.analyse(batch.texts))

    def prepare(self, records: Sequence[ParsedRecord]) -> PreparedBatch:
        """Clean each record and decide what the model reads of it."""
        with self._stage("clean"):
            return PreparedBatch([self._prepare(record) for record in records])

    def analyse(self, texts: list[str]) -> AnalysedTexts:
        """Run the model over `texts` (a `PreparedBatch`'s)."""
        started = time.perf_counter()
        with self._stage("nlp"):
            docs = self._analyse(texts)
        return AnalysedTexts(docs=docs, seconds=time.perf_counter() - started)

    def annotate(self, batch: PreparedBatch, model_output: AnalysedTexts) -> list[Outcome]:
        """Each record's outcome, from its cleaned article and the model's document."""
        analysed = batch._analysed()
        # The model's time is shared out by text length: that is what it is proportional to.
        total_chars = sum(len(item.analysed_text) for item in analysed) or 1
        for prepared in analysed:
            prepared.seconds += model_output.seconds * len(prepared.analysed_text) / total_chars
        doc_of = {id(prepared): doc for prepared, doc in zip(analysed, model_output.docs, strict=True)}
        results: list[Outcome] = []
        for item in batch.items:
            if isinstance(item, _Prepared) and item.pipeline != PRIMARY and item.analysed:
                results.append(self._annotate(item, self._parse_other(item)))
            elif isinstance(item, _Prepared):
                results.append(self._annotate(item, doc_of.get(id(item))))
            else:
                results.append(item)
        return results

    def _parse_other(self, item: _Prepared) -> Doc | Exception:
        started = time.perf_counter()
        with self._stage("nlp"):
            try:
                doc: Doc | Exception = self.others[item.pipeline](item.analysed_text)
            except Exception as error:  # one text must not break the batch
                doc = error
        item.seconds += time.perf_counter() - started
        return doc

    def _prepare(self, record: ParsedRecord) -> _Prepared | InputError:
        started = time.perf_counter()
        article = record.article
        try:
            cleaned = clean_article(body=article.body, html=article.html, title=article.title,
                                    source=article.source, published_at=article.published_at)
        except InputError as error:
            return error
        except Exception as error:  # a bug in cleaning must cost one record, not the worker
            log.exception("cleaning failed", extra={"article_id": record.article_id})
            return EnrichmentError(f"cleaning failed: {type(error).__name__}: {error}")
        if not cleaned.text.strip():
            return InputError(Reason.EMPTY_TEXT, "no story text is left after removing markup and site chrome")
        notes = list(record.notes)
        given = _primary_subtag(article.language)
        language = given or detect_language(cleaned.text)
        if given:
            # The scraper's language wins unless the text is long enough and plainly in another one.
            detected = confident_language(cleaned.text)
            if detected is not None and detected != given:
                language = detected
                notes.append(f"language_overridden:{given}")
        pipeline = language if language in self.others else PRIMARY
        analysed = language is None or language == self.language or language in self.others
        if not analysed:
            notes.append(f"language_not_supported:{language}")
        analysed_text = cleaned.text
        if analysed and len(analysed_text) > self.max_analysed_chars:
            analysed_text = _prefix_at_whitespace(analysed_text, self.max_analysed_chars)
            notes.append(f"analysed_prefix:{len(analysed_text)}_of_{len(cleaned.text)}_chars")
        if analysed:
            analysed_text, masked = _mask_overlong_words(analysed_text)
            if masked:
                notes.append(f"masked_overlong_words:{masked}")
            analysed_text, recased = restore_case(analysed_text)
            if recased:
                notes.append(f"restored_case:{recased}_lines")
        return _Prepared(record=record, cleaned=cleaned, language=language, notes=notes, analysed=analysed,
                         analysed_text=analysed_text, seconds=time.perf_counter() - started, pipeline=pipeline)

    def _analyse(self, texts: list[str]) -> list[Doc | Exception]:
        if not texts:
            return []
        try:
            return list(self.nlp.pipe(texts, batch_size=len(texts)))
        except Exception:
            # One text broke the batch: parse them one by one so only that one fails.
            log.warning("nlp.pipe failed on a batch of %d; retrying one by one", len(texts), exc_info=True)
            docs: list[Doc | Exception] = []
            for text in texts:
                try:
                    docs.append(self.nlp(text))
                except Exception as error:
                    docs.append(error)
            return docs

    def _check_budget(self, item: _Prepared, started: float) -> None:
        """Stop working on an article once it has used its time budget (NEWSSTREAM_ARTICLE_BUDGET_SECONDS)."""
        spent = item.seconds + time.perf_counter() - started
        if spent > self.budget_seconds:
            raise InputError(Reason.TIMEOUT, f"enrichment took {spent:.1f} s, over the per-article budget of "
                                             f"{self.budget_seconds:g} s (NEWSSTREAM_ARTICLE_BUDGET_SECONDS)")

    def _annotate(self, item: _Prepared, doc: Doc | Exception | None) -> Outcome:
        if isinstance(doc, Exception):
            why = str(doc) if isinstance(doc, ModelFailed) else f"{type(doc).__name__}: {doc}"
            return EnrichmentError(f"the language model failed: {why}")
        cleaned = item.cleaned
        entities: list[Entity] = []
        figures: list[Figure] = []
        quotes: list[Quote] = []
        dates: list[DateMention] = []
        places: list[CountryShare] = []
        tone: Tone | None = None
        started = time.perf_counter()
        try:
            self._check_budget(item, started)
            if doc is not None:
                steps: LanguageSteps = LANGUAGES[item.pipeline]
                title_end = len(cleaned.title) if cleaned.title and cleaned.text.startswith(cleaned.title) else 0
                with self._stage("entities"):
                    entities = steps.entities(doc, title_end, cleaned.contributors)
                self._check_budget(item, started)
                with self._stage("figures"):
                    figures = steps.figures(doc)
                self._check_budget(item, started)
                with self._stage("quotes"):
                    quotes = steps.quotes(doc, entities)
                self._check_budget(item, started)
                with self._stage("dates"):
                    dates = steps.dates(doc, item.record.article.published_at or cleaned.published_at)
                self._check_budget(item, started)
                with self._stage("places"):
                    geocode_entities(doc.text, entities)
                    places = country_shares(entities)
                self._check_budget(item, started)
                if steps.tone:
                    with self._stage("tone"):
                        tone = score_tone(doc, entities, quotes)
                    self._check_budget(item, started)
        except InputError as error:
            return error
        except Exception as error:
            log.exception("enrichment failed", extra={"article_id": item.record.article_id})
            return EnrichmentError(f"enrichment failed: {type(error).__name__}: {error}")
        if item.analysed_text != cleaned.text[:len(item.analysed_text)]:
            _quote_the_record(cleaned.text, entities, figures, quotes, dates)
        article = item.record.article
        description = self.descriptions.get(item.pipeline, self.description)
        entities, figures, quotes, dates = (self._capped(name, values, item.notes) for name, values in
                                            (("entities", entities), ("figures", figures), ("quotes", quotes),
                                             ("dates", dates)))
        return EnrichedArticle(
            schema_version=SCHEMA_VERSION,
            id=item.record.article_id,
            url=article.url,
            source=article.source,
            title=cleaned.title,
            published_at=article.published_at or cleaned.published_at,
            fetched_at=article.fetched_at,
            language=item.language,
            text=cleaned.text,
            contributors=cleaned.contributors,
            entities=entities,
            figures=figures,
            quotes=quotes,
            dates=dates,
            places=places,
            tone=tone,
            metadata=article.metadata,
            processing={
                "newsstream_version": __version__,
                "model": description["model"],
                "model_version": description["model_version"],
                "spacy_version": description["spacy_version"],
                "components": description["components"],
                "enriched_at": iso_time(),
                "dropped_lines": cleaned.dropped_lines,
                "duration_seconds": round(item.seconds + time.perf_counter() - started, 4),
                "notes": item.notes,
            },
        )

    def _capped(self, name: str, values: list[Any], notes: list[str]) -> list[Any]:
        """Keep at most `max_items` of a list: a text of 100,000 numbers must not make a 50 MB record."""
        if len(values) <= self.max_items:
            return values
        notes.append(f"{name}_capped:{self.max_items}_of_{len(values)}")
        return values[:self.max_items]


def _quote_the_record(text: str, entities: list[Entity], figures: list[Figure], quotes: list[Quote],
                      dates: list[DateMention]) -> None:
    """Every span's text as the record's `text` writes it, where the model read another (restored case,
    masked words): `text[start:end] == span.text` holds for the record. Entity names keep the model's reading
    ("Kestrel", not the headline's "KESTREL")."""
    for entity in entities:
        for mention in entity.mentions:
            mention.text = text[mention.start:mention.end]
    for span in (*figures, *quotes, *dates):
        span.text = text[span.start:span.end]
    lowered = text.lower()
    for figure in figures:
        # The figure's sentence, found where it is (restoring case changes letters, not their places).
        at = lowered.rfind(figure.sentence.lower(), 0, figure.end + len(figure.sentence))
        if at >= 0:
            figure.sentence = text[at:at + len(figure.sentence)]


_OVERLONG_WORD = re.compile(r"\S{%d,}" % (MAX_WORD_CHARS + 1))


def _mask_overlong_words(text: str) -> tuple[str, int]:
    """Blank out runs of more than MAX_WORD_CHARS non-space characters before the model sees the text.

    spaCy's tokenizer is quadratic in the length of one whitespace-free run (a 50,000-character "word" takes
    over a minute); no real word is that long. Blanking keeps every offset, so what the model finds still
    indexes into the article's text.
    """
    count = 0

    def blank(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return " " * (match.end() - match.start())

    return _OVERLONG_WORD.sub(blank, text), count


def _prefix_at_whitespace(text: str, limit: int) -> str:
    """The longest prefix of at most `limit` characters that ends at a paragraph or word boundary."""
    cut = text.rfind("\n\n", 0, limit + 1)
    if cut < limit // 2:
        cut = text.rfind(" ", 0, limit + 1)
    if cut < limit // 2:
        cut = limit
    return text[:cut]


def _primary_subtag(language: str | None) -> str | None:
    if not language:
        return None
    return language.replace("_", "-").split("-", 1)[0].lower()
