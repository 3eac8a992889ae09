"""From a raw article (plain-text body and/or HTML) to the story text that every later step indexes into.

Cleaning removes what is not the story, so that it yields no entities or figures: site chrome (site
names, taglines, "Source link", "Read more", share/subscribe lines, photo credits, copyright lines) and
byline/contributor lines, whose people become `contributors`. The headline, when one is found, becomes the
first paragraph. Whitespace is normalised (paragraphs separated by "\\n\\n", single line breaks kept as
"\\n") but quotes and dashes are left exactly as given: later offsets index into this text and quote marks
are needed to find quotes.

Every step is linear in the input: chrome and byline checks only look at short lines (long lines are never
chrome), and HTML too deeply nested for the parser is stripped by a bounded scanner instead.
"""

from __future__ import annotations

import html as html_entities
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone
from difflib import SequenceMatcher
from html.entities import html5 as html5_entities

import lxml.html
from lxml import etree

from ..errors import EnrichmentError

log = logging.getLogger(__name__)

MAX_DROPPED_CHARS = 200
# A line longer than this is story, never chrome or a byline; bounding it also bounds every regex below.
MAX_CHROME_CHARS = 300
MAX_HEADLINE_WORDS = 20
MAX_HEADLINE_CHARS = 200
# Chrome before the headline and bylines sit near the edges of an article; look this many lines in.
EDGE_LINES = 8
MAX_LEADING_CHROME = 5
# Beyond this HTML is cut before parsing: no news page needs more, and extraction time grows with size.
MAX_HTML_CHARS = 5_000_000

# --- whitespace and character normalisation --------------------------------------------------------

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"
_LINE_BREAKS = "\r\x0b\x0c\x85\u2028\u2029"
_CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x09), *range(0x0e, 0x20), *range(0x7f, 0x85), *range(0x86, 0xa0)])
_TRANSLATION = str.maketrans(
    {**{c: None for c in _ZERO_WIDTH + _CONTROLS}, **{c: " " for c in _SPACES}, **{c: "\n" for c in _LINE_BREAKS}}
)
_HTML_TRANSLATION = str.maketrans({c: None for c in _CONTROLS})
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACE_RUN = re.compile(" {2,}")
_SPACES_AROUND_NEWLINE = re.compile(" ?\n ?")  # after _SPACE_RUN: at most one space either side
_BLANK_LINES = re.compile("\n{2,}")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

# --- chrome: whole-line patterns, applied only to lines of at most MAX_CHROME_CHARS -----------------

_AGENCIES = (r"(?:AFP|AP|EPA|PA|PA Media|PA Wire|Reuters|REUTERS|Getty Images|Getty|Shutterstock|Alamy|Bloomberg"
             r"|Xinhua|Anadolu Agency|Anadolu|Rex Features|Rex|Sipa|SOPA Images|NurPhoto|ZUMA Wire|TASS|Sputnik)")
_BOILERPLATE = re.compile(
    "|".join((
        r"^(?:original\s+)?source(?:\s+link)?\s*[.:]?$",
        r"^source\s*:\s*\S.{0,120}$",
        r"^read (?:more|next|the full (?:story|article)|the original)\b",
        r"^(?:continue|keep) reading\b",
        r"^(?:see|read) also\b",
        r"^also read\b",
        r"^more on this story\b",
        r"^related(?: (?:articles?|stories|coverage|content|topics|news|links|reading))?\s*:?$",
        r"^share (?:this|on|via|the (?:story|article)|your)\b",
        r"^(?:(?:share|facebook|twitter|email|e-mail|print|whatsapp|linkedin|reddit|pinterest|telegram|messenger"
        r"|copy link|comments?)\b[\s|·•,/]*){1,12}$",
        r"^follow (?:us|@\w+|[\w.@ ]{1,40}? on (?:twitter|facebook|instagram|x|linkedin|tiktok|youtube|threads"
        r"|bluesky|google news|whatsapp|telegram))\b",
        r"^(?:sign up|subscribe|register)\b.{0,80}?\b(?:newsletters?|briefings?|updates|alerts|digest|e-?mails?"
        r"|podcast|channel|our|here|now|today|free)\b",
        r"^(?:click|tap) here\b",
        r"^(?:download|get) (?:the|our) .{1,40}? app\b",
        r"^advertisement\s*$",
        r"^(?:sponsored|promoted)(?: content| stories| links)?\s*$",
        r"^(?:skip to (?:main )?content|back to top|jump to)\b",
        r"^this (?:article|story) (?:was|has been|is) (?:originally |first )?(?:published|updated|amended|corrected"
        r"|republished)\b",
        # photo credits and captions
        r"^(?:image|media|video|photo|picture) (?:source|caption|credit)s?\b",
        r"^(?:photo|photos|photograph|picture|pic|image|credit|photo credit|illustration)\s*:",
        r"^[(\[](?:photo|photos|photograph|picture|image|credit|file photo)\b[^)\]]{0,150}[)\]]$",
        rf"^[(\[]?(?:[^()\[\]/]{{1,60}}/)?{_AGENCIES}(?: via Getty Images)?(?:/[^()\[\]/]{{1,60}})?[)\]]?\.?$",
        # copyright
        r"^(?:©|\(c\)\s*\d|copyright\s*(?:©|\(c\)|\d{4}))",
        # French sites
        r"^(?:à\s+)?(?:lire|voir) (?:aussi|également)\b",
        r"^(?:partager|partagez) (?:cet article|sur|l['’]article)\b",
        r"^(?:abonnez-vous|inscrivez-vous)\b.{0,80}?\b(?:newsletter|lettre|offre|gratuit|ici)\b",
        r"^publicité\s*$",
        r"^(?:crédit photo|crédits? photos?|légende)\s*:",
    )),
    re.IGNORECASE,
)
# "Published 3 hours ago", "Updated: 2 February 2022, 14:05 GMT": only before the story starts.
_TIMESTAMP_LINE = re.compile(
    r"^(?:updated|published|posted|last updated|first published|last modified)\b[^.!?]{0,60}?(?:\d|\bago\b)"
    r"[^.!?]{0,40}$"
    r"|^(?:publié|mis à jour|modifié|actualisé)\b[^.!?]{0,60}?(?:\d|\bhier\b|\baujourd['’]hui\b)[^.!?]{0,40}$",
    re.IGNORECASE,
)

# --- bylines and contributor lines ------------------------------------------------------------------

_CREDIT_ROLE = (r"(?:(?:additional|further|extra|contributing|with)\s+)?(?:reporting|writing|editing|research"
                r"|reported|written|edited|compiled|produced|translated|translation|words|interviews|graphics"
                r"|photography|photos|pictures|video|fact-checking)")
_BYLINE_SEGMENT = re.compile(rf"^(?:{_CREDIT_ROLE}\s+by|by|par|contributors?\s*:)\s+(?P<names>\S.*)$", re.IGNORECASE)
_SEGMENT_SPLIT = re.compile(
    rf"\s*[;|]\s*|(?:\.|,?\s+and|,)\s+(?={_CREDIT_ROLE}\s+by\b)",
    re.IGNORECASE,
)
_NAME_SPLIT = re.compile(r"\s*,\s*|\s+and\s+|\s+et\s+|\s*&\s*|\s+with\s+|\s+avec\s+")
_PLACE_SUFFIX = re.compile(r"\s+(?:in|at|from)\s+.*$")
_PARENTHESISED = re.compile(r"\s*\([^()]{0,80}\)\s*")
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w'’.\-]*$")
_NAME_PARTICLES = frozenset({"de", "da", "van", "von", "der", "den", "del", "della", "di", "du", "la", "le", "al",
                             "bin", "ibn", "el", "dos", "das", "ter", "ten", "y", "st."})
# Words that make a byline item an outlet or a role rather than a person ("BBC News", "political editor").
_NOT_A_PERSON = frozenset({
    "news", "press", "reuters", "agency", "agencies", "times", "post", "journal", "herald", "guardian",
    "telegraph", "tribune", "gazette", "magazine", "radio", "tv", "television", "media", "network", "networks",
    "service", "services", "bureau", "staff", "desk", "team", "correspondent", "correspondents", "editor",
    "editors", "reporter", "reporters", "writer", "writers", "contributor", "contributors", "columnist",
    "analyst", "producer", "online", "daily", "weekly", "associated", "international", "wire", "wires", "afp",
    "ap", "bbc", "cnn", "nbc", "cbs", "abc", "bloomberg", "report", "group", "corporation", "inc", "ltd",
    "company", "newsroom", "digital", "channel", "chief", "senior", "political", "business", "health",
    "science", "economics", "foreign", "affairs", "our", "the", "staffer", "investigations",
    "investigative", "unit", "partners", "partner", "partnership", "content", "studio", "studios", "xinhua",
    "tass", "ians", "pti", "ani", "dpa", "efe", "ansa", "kyodo", "yonhap",
})

# --- site chrome before the headline ------------------------------------------------------------------

_CHROME_CONNECTORS = frozenset({"and", "of", "the", "&", "for", "in", "on", "a", "an", "to", "at", "by", "+",
                                "-", "–", "—", "|", "·", "•"})
_LIST_SEPARATOR = re.compile(r"\s*(?:,|\||·|•|»|/|\s[-–—]\s)\s*")
_SENTENCE_END = (".", ":", ";", ",")
_KEY_CHARS = re.compile(r"[\W_]+")
_SITE_SUFFIX = re.compile(r"\s(?:[|\-–—:·•]|::)\s[^|\-–—:·•]{1,60}$")
_DOMAIN_SUFFIX = re.compile(
    r"^(?:https?://)?(?:www\.)?([^/]+?)(?:\.(?:com|co\.uk|org|net|news|co|io|info|tv|us|uk))?/?$", re.IGNORECASE)

# --- HTML -------------------------------------------------------------------------------------------

_RAW_TEXT_ELEMENTS = ("script", "style", "noscript", "template", "svg", "iframe", "object", "head")
_BLOCK_ELEMENTS = frozenset({"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "td", "th",
                             "section", "article", "header", "footer", "blockquote", "ul", "ol", "table",
                             "title", "main", "aside", "nav", "figure", "figcaption", "pre", "hr", "dd", "dt",
                             "form", "body", "html"})
# As in HTML itself, "<" starts a tag only when a letter (or "/" and a letter) follows: "a < b" is text.
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]{0,20})")
_RAW_TEXT_OPEN = re.compile(r"<(script|style|noscript|template|svg|iframe|object)\b", re.IGNORECASE)


@dataclass(slots=True)
class CleanedArticle:
    text: str
    title: str | None
    contributors: list[str] = field(default_factory=list)
    author: str | None = None
    published_at: str | None = None
    dropped_lines: int = 0
    dropped: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Page:
    text: str
    title: str | None
    author: str | None
    published_at: str | None


@dataclass(slots=True)
class _Line:
    text: str
    blank_before: bool  # a blank line separates it from the previous line
    dropped: bool = False


def clean_article(*, body: str | None, html: str | None, title: str | None, source: str | None,
                  published_at: str | None) -> CleanedArticle:
    """Clean one article: the body when it has text, else the main text extracted from `html`.

    HTML also supplies the title, author and publication time when the record lacks them (given values win).
    """
    for name, value in (("body", body), ("html", html), ("title", title), ("source", source),
                        ("published_at", published_at)):
        if value is not None and not isinstance(value, str):
            raise EnrichmentError(f"{name} must be a string or null, not {type(value).__name__}")
    body_has_text = bool(body and not body.isspace())
    page = _read_page(html, want_text=not body_has_text) if html and not html.isspace() else None
    if body_has_text:
        assert body is not None
        raw_text = decode_entities(body)
    else:
        # Extracted text has one block element per line: each is a paragraph.
        raw_text = page.text.replace("\n", "\n\n") if page else ""

    lines = _split_lines(normalise_text(raw_text))
    contributors = _remove_chrome_and_bylines(lines, _clean_field(source))
    given_title = _clean_field(title)
    headline = _remove_leading_chrome(lines, given_title)
    text = _join_lines(lines, headline)
    dropped = [line.text[:MAX_DROPPED_CHARS] for line in lines if line.dropped]
    headline_text = lines[headline].text if headline is not None else None
    return CleanedArticle(
        text=text,
        title=given_title or headline_text or (page.title if page else None),
        contributors=contributors,
        author=page.author if page else None,
        published_at=published_at or (page.published_at if page else None),
        dropped_lines=len(dropped),
        dropped=dropped,
    )


# --- normalisation ----------------------------------------------------------------------------------

def normalise_text(text: str) -> str:
    """NFC, no zero-width or control characters, single spaces, stripped lines, paragraphs as "\\n\\n".

    Quotes, dashes and every other printable character are kept as they are.
    """
    text = text.replace("\r\n", "\n").translate(_TRANSLATION)
    text = _LONE_SURROGATE.sub("\ufffd", text)
    text = unicodedata.normalize("NFC", text)
    text = _SPACE_RUN.sub(" ", text)
    text = _SPACES_AROUND_NEWLINE.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def decode_entities(text: str) -> str:
    """Decode HTML character references left in plain text ("&#163;1.8m" -> "£1.8m", "&amp;" -> "&").

    Only complete references (ending in ";") are decoded, so "AT&T" or "R&D" stay as they are.
    """
    return _ENTITY.sub(_decode_entity, text) if "&" in text else text


def _decode_entity(match: re.Match[str]) -> str:
    reference = match.group()
    if reference[1] == "#":
        return html_entities.unescape(reference)
    # By name only when the whole name is an entity: unescape() would read "&notice;" as "&not" + "ice;".
    return html5_entities.get(reference[1:], reference)


def _clean_field(value: str | None) -> str | None:
    if value is None:
        return None
    cleaned = normalise_text(value).replace("\n", " ")
    return cleaned or None


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    for paragraph in text.split("\n\n") if text else []:
        for index, line in enumerate(paragraph.split("\n")):
            lines.append(_Line(line, blank_before=index == 0 and bool(lines)))
    return lines


def _join_lines(lines: list[_Line], headline: int | None) -> str:
    """Kept lines, a paragraph break wherever there was a blank line or a dropped line, and after the headline."""
    parts: list[str] = []
    break_pending = False
    for index, line in enumerate(lines):
        if line.dropped:
            break_pending = True
            continue
        if parts:
            parts.append("\n\n" if break_pending or line.blank_before else "\n")
        parts.append(line.text)
        break_pending = index == headline
    return "".join(parts)


# --- chrome and bylines -----------------------------------------------------------------------------

def _remove_chrome_and_bylines(lines: list[_Line], source: str | None) -> list[str]:
    """Mark boilerplate lines anywhere, and bylines, source names and timestamps near the edges.

    Returns the people named in the bylines, in order, without repeats.
    """
    source_keys = _name_keys(source) if source else set()
    edge = set(range(min(EDGE_LINES, len(lines)))) | set(range(max(0, len(lines) - EDGE_LINES), len(lines)))
    head = range(min(EDGE_LINES, len(lines)))
    contributors: list[str] = []
    for index, line in enumerate(lines):
        text = line.text
        if len(text) > MAX_CHROME_CHARS:
            continue
        if _is_boilerplate(text):
            line.dropped = True
        elif index in edge:
            people = parse_byline(text)
            if people is not None:
                line.dropped = True
                contributors.extend(person for person in people if person not in contributors)
            elif source_keys and not source_keys.isdisjoint(_name_keys(text)):
                line.dropped = True
            elif index in head and len(text.split()) <= 12 and _TIMESTAMP_LINE.match(text):
                line.dropped = True
    return contributors


def _is_boilerplate(text: str) -> bool:
    return _BOILERPLATE.match(text) is not None or text.casefold().rstrip(". ").endswith("all rights reserved")


def parse_byline(line: str) -> list[str] | None:
    """The people credited by a byline or contributor line, or None when `line` is not one.

    "Additional reporting by Guy Chazan in Berlin and Roman Olearchyk in Kyiv" -> ["Guy Chazan",
    "Roman Olearchyk"]; "By Jane Smith, BBC News" -> ["Jane Smith"]; "By contrast, ..." -> None.
    """
    if len(line) > MAX_CHROME_CHARS:
        return None
    people: list[str] = []
    for segment in _SEGMENT_SPLIT.split(line.strip().rstrip(".")):
        if not segment:
            continue
        match = _BYLINE_SEGMENT.match(segment)
        if match is None:
            return None
        for item in _NAME_SPLIT.split(match.group("names")):
            kind, name = _classify_credit(item)
            if kind == "invalid":
                return None
            if kind == "person":
                people.append(name)
    return people


def _classify_credit(item: str) -> tuple[str, str]:
    """("person", name), ("other", item) for an outlet or role, or ("invalid", item) for prose."""
    item = _PARENTHESISED.sub(" ", item).strip()
    item = _PLACE_SUFFIX.sub("", item)
    tokens = item.split()
    if not tokens or len(tokens) > 6:
        return ("invalid", item)
    outlet_words = [token.casefold().strip(".'’") in _NOT_A_PERSON for token in tokens]
    if any(outlet_words):
        # "BBC News", "The Times", "political editor"; but not prose such as "far the best"
        if tokens[0][0].isupper() or all(outlet_words):
            return ("other", item)
        return ("invalid", item)
    if not all(_NAME_TOKEN.match(token) and (token[0].isupper() or _is_name_particle(token)) for token in tokens):
        return ("invalid", item)
    if len(tokens) == 1:
        return ("other", item)  # "By Reuters", "Words by Madonna": not enough to call it a person
    return ("person", " ".join(_unshout(token) for token in tokens))


def _is_name_particle(token: str) -> bool:
    """"de", "van", "al-Sayed": lower-case parts of names."""
    return token in _NAME_PARTICLES or token.split("-", 1)[0] in _NAME_PARTICLES


def _unshout(token: str) -> str:
    return token.title() if len(token) > 2 and token.isupper() else token


def _name_keys(name: str) -> set[str]:
    """Comparison keys of a site name: "Daily Planet", "dailyplanet.com" and "www.dailyplanet.com" share one."""
    keys = {_key(name)}
    domain = _DOMAIN_SUFFIX.match(name.strip())
    if domain:
        keys.add(_key(domain.group(1)))
    keys.discard("")
    return keys


def _key(text: str) -> str:
    return _KEY_CHARS.sub("", text.casefold())


# --- headline and the chrome before it ----------------------------------------------------------------

def _remove_leading_chrome(lines: list[_Line], title: str | None) -> int | None:
    """Find the headline line; mark the site chrome before it as dropped. Returns the headline's index.

    The headline is a short line without a final period at the start of the story, before the first
    paragraph of prose. With a given title, the short line that (nearly) equals it is the headline and every
    short line before it is chrome. Without one, leading lines that look like a site name or a tagline are
    dropped; when there was one, the short lines after it up to the last before the story are taglines.
    """
    kept = [index for index, line in enumerate(lines) if not line.dropped]
    run: list[int] = []
    for index in kept:
        if not _is_headline_shaped(lines[index].text):
            break
        run.append(index)
    if not run:
        return None
    if title:
        for position, index in enumerate(run[:MAX_LEADING_CHROME + 1]):
            if nearly_equal(lines[index].text, title):
                for chrome in run[:position]:
                    lines[chrome].dropped = True
                return index
    body_follows = len(run) < len(kept)
    if not body_follows:
        return None  # only short lines: a list, a stub; nothing tells the headline from the chrome
    position = 0
    while (position < min(len(run) - 1, MAX_LEADING_CHROME)
           and _looks_like_site_chrome(lines[run[position]].text)):
        lines[run[position]].dropped = True
        position += 1
    if position and len(run) <= MAX_LEADING_CHROME + 1:
        # After a site name, every short line up to the one on top of the story is chrome too (a tagline
        # such as "Independent news for the coastal counties"). Without a site name the first line is the
        # headline and what follows it is a dek that stays in the story.
        for chrome in run[position:-1]:
            lines[chrome].dropped = True
        position = len(run) - 1
    return run[position]


def _is_headline_shaped(text: str) -> bool:
    if len(text) > MAX_HEADLINE_CHARS or text.endswith(_SENTENCE_END) and not text.endswith("..."):
        return False
    return len(text.split()) <= MAX_HEADLINE_WORDS


def _looks_like_site_chrome(text: str) -> bool:
    """A site name ("Time Plus News") or a tagline / section list ("Breaking News, Latest News, World News")."""
    items = [item for item in _LIST_SEPARATOR.split(text) if item]
    if len(items) >= 2:
        return all(len(item.split()) <= 4 and _is_title_cased(item) for item in items)
    return len(text.split()) <= 4 and _is_title_cased(text)


def _is_title_cased(text: str) -> bool:
    words = text.split()
    capitalised = [word for word in words if word.casefold() not in _CHROME_CONNECTORS]
    return bool(capitalised) and all(word[0].isupper() or word[0].isdigit() and any(map(str.isalpha, word))
                                     for word in capitalised)


def nearly_equal(line: str, title: str) -> bool:
    """Whether a line is the given title, ignoring case, punctuation and a " - Site name" suffix on either."""
    line, title = line[:MAX_CHROME_CHARS], title[:MAX_CHROME_CHARS]
    return any(_nearly_equal_keys(_key(a), _key(b)) for a in _without_site_suffix(line)
               for b in _without_site_suffix(title))


def _without_site_suffix(title: str) -> tuple[str, ...]:
    """The title, and the title without a short " | Site name" or " - Site name" ending if it has one."""
    match = _SITE_SUFFIX.search(title)
    return (title, title[:match.start()]) if match and match.start() > 0 else (title,)


def _nearly_equal_keys(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 10 and longer.startswith(shorter) and len(shorter) >= 0.5 * len(longer):
        return True
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= 0.9 and matcher.quick_ratio() >= 0.9 and matcher.ratio() >= 0.9


# --- HTML -------------------------------------------------------------------------------------------

def _read_page(html: str, *, want_text: bool) -> _Page:
    """Main text (when wanted), title, author and publication time of an HTML page. Never raises."""
    # libxml2 stops at a NUL or a lone surrogate and silently drops the rest of the page.
    html = _LONE_SURROGATE.sub("\ufffd", html[:MAX_HTML_CHARS].translate(_HTML_TRANSLATION))
    tree, too_deep = _parse_html(html)
    page = _Page(text="", title=None, author=None, published_at=None)
    if tree is not None and not too_deep:
        _extract_with_trafilatura(tree, page, want_text=want_text)
    if want_text and not page.text.strip():
        if tree is not None and not too_deep:
            page.text = _html_text_content(html)
        if not page.text.strip():
            # The parser gives up past 256 levels of nesting and drops what is deeper: strip it ourselves.
            page.text = strip_markup(html)
    return page


def _parse_html(html: str) -> tuple[lxml.html.HtmlElement | None, bool]:
    # Parsed as bytes: lxml refuses a str that starts with an XML declaration naming an encoding.
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        tree = lxml.html.document_fromstring(html.encode("utf-8", errors="replace"), parser=parser)
    except (etree.LxmlError, ValueError):
        return None, False
    too_deep = any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log)
    return tree, too_deep


def _extract_with_trafilatura(tree: lxml.html.HtmlElement, page: _Page, *, want_text: bool) -> None:
    import trafilatura  # imported on first use: it takes a while and plain-text feeds never need it

    date_params = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}
    try:
        if want_text:
            document = trafilatura.bare_extraction(
                tree, with_metadata=True, include_comments=False, include_tables=False, include_images=False,
                deduplicate=False, date_extraction_params=date_params)
        else:
            document = trafilatura.extract_metadata(tree, date_config=date_params, extensive=False)
    except Exception as error:  # noqa: BLE001 - a third-party extractor on hostile markup; fall back below
        log.debug("trafilatura failed: %r", error)
        return
    if document is None or isinstance(document, dict):
        return
    if want_text:
        page.text = document.text or ""
    page.title = _clean_field(document.title)
    page.author = _clean_field(document.author)
    page.published_at = rfc3339(document.date)


def rfc3339(value: str | None) -> str | None:
    """An RFC 3339 timestamp from an ISO 8601 date or date-time; a value without a zone is taken as UTC."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    text = moment.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _html_text_content(html: str) -> str:
    """Plain text of the whole page body (no scripts or styles), one line per block element."""
    tree, _ = _parse_html(html)
    if tree is None:
        return ""
    try:
        etree.strip_elements(tree, *_RAW_TEXT_ELEMENTS, with_tail=False)
        for element in tree.iter():
            if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_ELEMENTS:
                element.tail = "\n" + (element.tail or "")
        return tree.text_content()
    except (etree.LxmlError, ValueError):
        return ""


def strip_markup(html: str) -> str:
    """Text of HTML by a single forward scan: tags and script/style contents removed, entities decoded.

    Linear in the input whatever the nesting, for pages that the parser cannot take.
    """
    lower = html.lower()
    out: list[str] = []
    position, size = 0, len(html)
    while position < size:
        start = html.find("<", position)
        if start < 0:
            out.append(html[position:])
            break
        out.append(html[position:start])
        position = _skip_markup(html, lower, start, out)
    return html_entities.unescape("".join(out))


def _skip_markup(html: str, lower: str, start: int, out: list[str]) -> int:
    """Skip the markup that begins at `start` (a "<"); returns where text resumes."""
    if lower.startswith("<!--", start):
        end = html.find("-->", start + 4)
        return len(html) if end < 0 else end + 3
    raw = _RAW_TEXT_OPEN.match(lower, start)
    if raw:
        close = lower.find("</" + raw.group(1).lower(), raw.end())
        end = lower.find(">", close) if close >= 0 else -1
        out.append("\n")
        return len(html) if end < 0 else end + 1
    tag = _TAG_NAME.match(html, start)
    if tag is None and not lower.startswith(("<!", "<?"), start):
        out.append("<")  # a "<" in text, as in "a < b"
        return start + 1
    end = html.find(">", start + 1)
    if end < 0:
        return len(html)
    out.append("\n" if tag and tag.group(2).lower() in _BLOCK_ELEMENTS else " ")
    return end + 1
