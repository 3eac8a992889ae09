"""HTML for the newsroom screen, from enriched records: every field escaped, highlights from the record's
offsets.

The offsets of `news.enriched` count Python characters (code points); they are applied here, in Python, so an
emoji before a name (two UTF-16 units in a browser) moves nothing. The browser only inserts fragments this
module made; it never builds markup from record fields itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

Record = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Span:
    """One highlight: `tag` with `attributes` over text[start:end]. Wider spans open first at a shared start."""

    start: int
    end: int
    tag: str
    attributes: tuple[tuple[str, str], ...] = field(default=())

    def opening(self) -> str:
        attributes = "".join(f' {name}="{escape(value, quote=True)}"' for name, value in self.attributes)
        return f"<{self.tag}{attributes}>"

    def closing(self) -> str:
        return f"</{self.tag}>"


def safe_url(url: object) -> str | None:
    """The url when it is an absolute http(s) one (never `javascript:`, `data:` or a relative path), else None."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def article_path(article_id: str) -> str:
    return "/articles/" + quote(article_id, safe="")


def spans_of(record: Record) -> list[Span]:
    """The highlights of a record: entity mentions, figures (kind and normalised value), quotes (speaker)."""
    text = _text(record)
    spans: list[Span] = []
    for entity in objects_in(record.get("entities")):
        label = str(entity.get("label", ""))
        for mention in objects_in(entity.get("mentions")):
            spans.append(Span(*_bounds(mention, text), "mark", (("data-label", label),
                                                                 ("data-entity", str(entity.get("name", ""))))))
    for figure in objects_in(record.get("figures")):
        value = f"{figure.get('kind', '')}: {_number(figure.get('value'))} {figure.get('unit') or ''}".strip()
        if figure.get("qualifier") not in (None, "exact"):
            value += f" ({figure['qualifier']})"
        spans.append(Span(*_bounds(figure, text), "span", (("class", "figure"), ("data-kind", str(figure.get("kind", ""))),
                                                           ("data-value", value), ("title", value), ("tabindex", "0"))))
    for quote_ in objects_in(record.get("quotes")):
        speaker = quote_.get("speaker")
        spans.append(Span(*_bounds(quote_, text), "q", (("data-speaker", str(speaker) if speaker else ""),
                                                        ("title", f"said by {speaker}" if speaker else "speaker unknown"))))
    return [span for span in spans if 0 <= span.start < span.end <= len(text)]


def highlight(text: str, spans: Iterable[Span], *, line_breaks: bool = False) -> str:
    """`text` escaped, with every span's tags around its characters and the HTML well nested: a span that
    crosses another's end is closed there and opened again after it (overlapping and adjacent spans alike)."""
    ordered = sorted((span for span in spans if 0 <= span.start < span.end <= len(text)),
                     key=lambda span: (span.start, -span.end))
    boundaries = sorted({0, len(text), *(span.start for span in ordered), *(span.end for span in ordered)})
    starting: dict[int, list[Span]] = {}
    for span in ordered:
        starting.setdefault(span.start, []).append(span)
    out: list[str] = []
    open_spans: list[Span] = []  # the stack of open tags, outermost first
    for position, following in zip(boundaries, boundaries[1:] + [None]):
        ending = [span for span in open_spans if span.end == position]
        if ending:
            # Close down to the deepest span that ends here, then reopen the ones still running.
            depth = min(open_spans.index(span) for span in ending)
            for span in reversed(open_spans[depth:]):
                out.append(span.closing())
            reopened = [span for span in open_spans[depth:] if span.end > position]
            open_spans = open_spans[:depth]
            for span in sorted(reopened, key=lambda span: -span.end):
                out.append(span.opening())
                open_spans.append(span)
        for span in sorted(starting.get(position, []), key=lambda span: -span.end):
            out.append(span.opening())
            open_spans.append(span)
        if following is not None:
            chunk = escape(text[position:following], quote=False)
            out.append(chunk.replace("\r\n", "\n").replace("\n", "<br>") if line_breaks else chunk)
    for span in reversed(open_spans):
        out.append(span.closing())
    return "".join(out)


def article_body(record: Record) -> str:
    """The article's text with its highlights, its line breaks kept."""
    return highlight(_text(record), spans_of(record), line_breaks=True)


def article_item(record: Record, *, open_: bool = False) -> str:
    """One article of the list: headline, source, time, language, duplicate marker, and (when opened) its
    highlighted text. `data-article-id` carries the id."""
    article_id = str(record.get("id", ""))
    title = str(record.get("title") or article_id)
    source = record.get("source")
    when = record.get("published_at") or record.get("fetched_at") or _processing(record).get("enriched_at")
    meta = [f'<span class="source">{escape(str(source))}</span>' if source else "",
            f'<time datetime="{escape(str(when))}">{escape(str(when))}</time>' if when else "",
            f'<span class="language">{escape(str(record["language"]))}</span>' if record.get("language") else ""]
    duplicate = record.get("duplicate_of")
    marker = (f'<a class="duplicate" href="{article_path(str(duplicate))}">copy of {escape(str(duplicate))}</a>'
              if duplicate else "")
    link = safe_url(record.get("url"))
    original = f'<a class="source-link" href="{escape(link)}" rel="noopener noreferrer">source</a>' if link else ""
    copy = ' <span class="duplicate-marker">copy</span>' if duplicate else ""
    language = record.get("language")
    lang = f' lang="{escape(language)}"' if isinstance(language, str) and language.isalpha() else ""
    return (f'<li class="article" data-article-id="{escape(article_id)}">'
            f'<details{" open" if open_ else ""}><summary><span class="headline">{escape(title)}</span> '
            f'<span class="meta">{" ".join(part for part in meta if part)}</span>{copy}</summary>'
            f'<div class="links"><a class="permalink" href="{article_path(article_id)}">this article</a> {marker} '
            f'{original}</div>'
            f'{people_line(record)}<p class="body"{lang}>{article_body(record)}</p></details></li>')


def people_line(record: Record) -> str:
    quotes = [quote_ for quote_ in objects_in(record.get("quotes")) if quote_.get("speaker")]
    speakers = sorted({str(quote_["speaker"]) for quote_ in quotes})
    if not speakers:
        return ""
    return f'<p class="speakers">Quoted: {escape(", ".join(speakers))}</p>'


def trending_panel(record: Record | None) -> str:
    if not record:
        return '<p class="empty">No trending list yet.</p>'
    rows = "".join(f'<li><a href="/?{urlencode({"entity": str(item.get("name", ""))})}">{escape(str(item.get("name", "")))}</a>'
                   f' <span class="label">{escape(str(item.get("label", "")))}</span>'
                   f' <span class="count">{escape(str(item.get("count", "")))}</span>'
                   f' <span class="change">{_signed(item.get("change"))}</span></li>'
                   for item in objects_in(record.get("top")))
    window = f'{escape(str(record.get("window_start", "")))} – {escape(str(record.get("window_end", "")))}'
    return f'<p class="window">{window}</p><ol class="trending-list">{rows}</ol>'


def page(*, title: str, body: str, notice_hidden: bool = True, since: int | None = None) -> str:
    """A whole page: no inline script or style (the Content-Security-Policy forbids them). `since`: the store's
    add number when the page was rendered, from which its event stream continues."""
    since_attribute = "" if since is None else ' data-since="' + str(int(since)) + '"'
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)}</title><link rel=\"stylesheet\" href=\"/static/style.css\">"
            "<script src=\"/static/app.js\" defer></script></head>"
            f"<body{since_attribute}>"
            "<header><h1><a href=\"/\">newsstream</a></h1>"
            f"<p id=\"notice\" class=\"notice\" role=\"status\" aria-live=\"polite\"{' hidden' if notice_hidden else ''}>"
            "The news broker is unreachable: showing what was read before. Reconnecting…</p></header>"
            f"{body}</body></html>")


def index_page(records: Sequence[Record], trending: Record | None, filters: Mapping[str, str],
               *, broker_up: bool, since: int | None = None) -> str:
    fields = "".join(f'<label>{name} <input name="{name}" value="{escape(filters.get(name, ""))}"></label>'
                     for name in ("entity", "label", "source", "country"))
    items = "".join(article_item(record) for record in records)
    empty = '<p id="empty" class="empty"' + (" hidden" if records else "") + ">No articles yet: they appear here as they are enriched.</p>"
    body = (f'<main><form class="filters" method="get" action="/" role="search">{fields}'
            '<button type="submit">Filter</button> <a href="/">clear</a></form>'
            f'<section aria-labelledby="articles-heading"><h2 id="articles-heading">Articles</h2>{empty}'
            f'<ol id="articles" class="articles">{items}</ol></section></main>'
            f'<aside aria-labelledby="trending-heading"><h2 id="trending-heading">Trending</h2>'
            f'<div id="trending">{trending_panel(trending)}</div></aside>')
    return page(title="newsstream", body=body, notice_hidden=broker_up, since=since)


def article_page(record: Record, *, broker_up: bool) -> str:
    body = f'<main><ol class="articles single">{article_item(record, open_=True)}</ol></main>'
    return page(title=str(record.get("title") or record.get("id") or "article"), body=body, notice_hidden=broker_up)


def objects_in(value: object) -> list[Mapping[str, Any]]:
    """The objects of a record's list (entities, mentions, places), whatever an odd record holds there."""
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def _bounds(item: Mapping[str, Any], text: str) -> tuple[int, int]:
    start, end = item.get("start"), item.get("end")
    if isinstance(start, int) and isinstance(end, int) and not isinstance(start, bool) and not isinstance(end, bool):
        return start, end
    return -1, -1


def _text(record: Record) -> str:
    text = record.get("text")
    return text if isinstance(text, str) else ""


def _processing(record: Record) -> Mapping[str, Any]:
    processing = record.get("processing")
    return processing if isinstance(processing, Mapping) else {}


def _number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _signed(value: object) -> str:
    return f"{value:+d}" if isinstance(value, int) and not isinstance(value, bool) else ""
