"""Paragraph breaks as sentence bounds for the French parse.

`fr_core_news_sm` 3.8.0 runs sentences across a paragraph break when the paragraph before ends in a quote or a
dateline: "... croisée lundi sur un quai bondé. ⏎⏎ Hervé Cadoret, président de ..., ne décolère pas : « ... »"
parses Hervé Cadoret as the object of the previous paragraph's verb, and the quote that follows loses its
speaker. A paragraph always starts a sentence, and spaCy's parser keeps the sentence starts a component before
it has set, so this component sets them.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

PARAGRAPH_SENTENCES = "newsstream_paragraph_sentences"


@Language.component(PARAGRAPH_SENTENCES)
def paragraph_sentences(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def start_sentences_at_paragraphs(nlp: Language) -> None:
    """Add the component before the parser (after the tokenizer when the pipeline has no parser)."""
    if PARAGRAPH_SENTENCES in nlp.pipe_names:
        return
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_SENTENCES, before="parser")
    else:
        nlp.add_pipe(PARAGRAPH_SENTENCES, first=True)
