"""The README and docs/ hold together: every relative link and image resolves to a file or directory in the
repository, every `#anchor` into a Markdown page names one of its headings, and the README stays short."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PAGES = [PROJECT_ROOT / "README.md", *sorted((PROJECT_ROOT / "docs").glob("*.md"))]
README_MAX_LINES = 250

# [text](target "title") and ![alt](target); the text may hold one level of brackets ([`x`][y] is not used here).
INLINE_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(<[^>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+\"[^\"]*\")?\s*\)")
# [label]: target, a reference definition on a line of its own
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)", re.MULTILINE)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)  # http:, https:, mailto:, ... and //host


def prose(text: str) -> str:
    """The text of a Markdown page without fenced code blocks and inline code spans, where brackets are code."""
    lines, fence = [], None
    for line in text.splitlines():
        marker = re.match(r"^ {0,3}(`{3,}|~{3,})", line)
        if fence is None and marker:
            fence = marker.group(1)[0] * len(marker.group(1))
        elif fence is not None and line.strip().startswith(fence):
            fence = None
        elif fence is None:
            lines.append(re.sub(r"(`+)(?:(?!\1).)+?\1", "", line))
    return "\n".join(lines)


def github_slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped except '-' and '_', spaces to '-'."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link in a heading anchors by its text
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    """Every anchor GitHub gives the headings of a page (repeated headings get -1, -2, ...)."""
    found: set[str] = set()
    seen: dict[str, int] = {}
    for line in prose(page.read_text()).splitlines():
        match = re.match(r"^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$", line)
        if not match:
            continue
        slug = github_slug(match.group(1))
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def links(page: Path) -> list[str]:
    text = prose(page.read_text())
    targets = [m.group(1) for m in INLINE_LINK.finditer(text)] + REFERENCE_DEFINITION.findall(text)
    return [t[1:-1] if t.startswith("<") else t for t in targets]


def relative_links() -> list[tuple[Path, str]]:
    return [(page, target) for page in PAGES for target in links(page) if not EXTERNAL.match(target)]


def test_every_docs_page_is_linked_from_the_readme() -> None:
    """The README is the front door: a newcomer finds every page of docs/ from it."""
    assert len(PAGES) > 1, "no pages in docs/"
    linked = {(PROJECT_ROOT / unquote(target.partition("#")[0])).resolve()
              for target in links(PROJECT_ROOT / "README.md") if not EXTERNAL.match(target)}
    missing = [page.name for page in PAGES[1:] if page.resolve() not in linked]
    assert not missing, f"README.md does not link to docs/{', docs/'.join(missing)}"


@pytest.mark.parametrize(("page", "target"), relative_links(),
                         ids=[f"{p.relative_to(PROJECT_ROOT)}->{t}" for p, t in relative_links()])
def test_every_relative_link_resolves(page: Path, target: str) -> None:
    where = f"{page.relative_to(PROJECT_ROOT)} links to {target!r}"
    path, _, anchor = target.partition("#")
    file = (page.parent / unquote(path)).resolve() if path else page
    assert file == PROJECT_ROOT or PROJECT_ROOT in file.parents, f"{where}, outside the repository"
    assert file.exists(), f"{where}, which does not exist"
    if anchor and file.suffix.lower() == ".md":
        assert file.is_file(), f"{where}, a directory with an anchor"
        assert unquote(anchor).lower() in anchors(file), (
            f"{where}, but {file.relative_to(PROJECT_ROOT)} has no heading with that anchor")


def test_the_readme_is_at_most_250_lines() -> None:
    lines = len((PROJECT_ROOT / "README.md").read_text().splitlines())
    assert lines <= README_MAX_LINES, f"README.md has {lines} lines: move detail into docs/"


def test_the_link_checker_sees_links_anchors_and_code() -> None:
    """The checker itself: links are found, code is not read as links or headings, slugs follow GitHub."""
    sample = ("# A title\n## news.raw (input)\n## Failover without loss: two fixes around Faust\n"
              "See [x](docs/a.md#b), ![i](img.png \"t\") and [y](https://example.org).\n"
              "`[not](a link)`\n```\n[nor](this)\n# nor a heading\n```\n[ref]: other.md#c\n")
    text = prose(sample)
    assert [m.group(1) for m in INLINE_LINK.finditer(text)] == ["docs/a.md#b", "img.png", "https://example.org"]
    assert REFERENCE_DEFINITION.findall(text) == ["other.md#c"]
    assert "nor a heading" not in text
    assert github_slug("news.raw (input)") == "newsraw-input"
    assert github_slug("Failover without loss: two fixes around Faust") == "failover-without-loss-two-fixes-around-faust"
    assert github_slug("NewsstreamWorkerDown") == "newsstreamworkerdown"
    assert github_slug("Why 4/3 is missed on this machine") == "why-43-is-missed-on-this-machine"
