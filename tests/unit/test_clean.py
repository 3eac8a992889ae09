from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsstream.enrichment.clean import (
    CleanedArticle,
    clean_article,
    decode_entities,
    nearly_equal,
    normalise_text,
    parse_byline,
    rfc3339,
    strip_markup,
)
from newsstream.enrichment.parse import decode_text
from newsstream.errors import EnrichmentError

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SAMPLE = SHARED / "samples" / "time-plus-news-us-troops.txt"
BBC = SHARED / "corpus" / "bbc"

HEADLINE = "US sends extra 2,000 troops to Europe to bolster Nato defences"
LEDE = ("The minister said on Tuesday that the plan would go ahead despite strong objections from the "
        "opposition parties.")
SECOND = "Critics said the decision, taken without a vote, would be challenged in the courts within weeks."


def clean(body: str | None = None, *, html: str | None = None, title: str | None = None,
          source: str | None = None, published_at: str | None = None) -> CleanedArticle:
    return clean_article(body=body, html=html, title=title, source=source, published_at=published_at)


def paragraphs(*lines: str) -> str:
    return "\n\n".join(lines)


# --- the real sample ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_body() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def test_sample_drops_site_chrome_and_contributor_line(sample_body: str) -> None:
    result = clean(sample_body)
    assert result.title == HEADLINE
    assert result.contributors == ["Guy Chazan", "Roman Olearchyk"]
    assert result.dropped_lines == 4
    assert result.dropped == [
        "Time Plus News",
        "Breaking News, Latest News, World News, Headlines and Videos",
        "Additional reporting by Guy Chazan in Berlin and Roman Olearchyk in Kyiv",
        "Source link",
    ]
    assert result.text.startswith(HEADLINE + "\n\nUS president Joe Biden has ordered the deployment of an "
                                  "additional 2,000 troops to bolster Nato’s defences in Europe")
    assert result.text.endswith("its personnel and weapons from the territory of Ukraine.”")
    for chrome in ("Time Plus News", "Headlines and Videos", "Source link", "Additional reporting", "Kyiv"):
        assert chrome not in result.text
    assert result.author is None and result.published_at is None


def test_sample_keeps_every_story_paragraph_unchanged(sample_body: str) -> None:
    result = clean(sample_body)
    story = [line for line in sample_body.split("\n") if line][3:-2]
    assert result.text.split("\n\n") == [HEADLINE, *story]
    assert len(story) == 22


def test_sample_with_source_and_given_title_gives_the_same_text(sample_body: str) -> None:
    plain = clean(sample_body)
    informed = clean(sample_body, title=HEADLINE + " | Time Plus News", source="Time Plus News")
    assert informed.text == plain.text
    assert informed.title == HEADLINE + " | Time Plus News"
    assert informed.dropped_lines == 4


# --- the BBC corpus ----------------------------------------------------------------------------------

def test_bbc_corpus_keeps_every_story_paragraph_and_the_headline() -> None:
    files = sorted(BBC.glob("*/*.txt"))
    assert len(files) == 1424  # ../shared/corpus/README.md: 511 sport, 401 tech, 386 entertainment, 108 business, 18 politics
    dropped_total = 0
    for path in files:
        body, _ = decode_text(path.read_bytes())
        result = clean(body)
        expected = normalise_text(decode_entities(body))
        headline = expected.split("\n", 1)[0]
        assert result.title == headline, path
        assert result.text.startswith(headline + "\n\n"), path
        for dropped in result.dropped:
            assert len(dropped.split()) <= 15, (path, dropped)
        dropped_total += result.dropped_lines
        assert result.text == expected, path
    assert dropped_total == 0


# --- site chrome -------------------------------------------------------------------------------------

def test_a_title_cased_headline_alone_is_the_headline() -> None:
    result = clean(paragraphs("Claxton Hunting First Major Medal", LEDE))
    assert result.title == "Claxton Hunting First Major Medal"
    assert result.dropped_lines == 0


def test_a_site_name_before_a_title_cased_headline_is_dropped() -> None:
    result = clean(paragraphs("Daily Planet", "Plan Goes Ahead", LEDE))
    assert result.text == paragraphs("Plan Goes Ahead", LEDE)
    assert result.title == "Plan Goes Ahead"
    assert result.dropped == ["Daily Planet"]


def test_a_section_list_before_the_headline_is_dropped() -> None:
    result = clean(paragraphs("World | Politics | Business", "Plan goes ahead", LEDE))
    assert result.text == paragraphs("Plan goes ahead", LEDE)
    assert result.dropped == ["World | Politics | Business"]


def test_a_line_equal_to_the_source_domain_is_dropped() -> None:
    result = clean(paragraphs("dailyplanet.com", "Plan goes ahead", LEDE), source="www.dailyplanet.com")
    assert result.text == paragraphs("Plan goes ahead", LEDE)
    assert result.dropped == ["dailyplanet.com"]


def test_with_a_given_title_every_short_line_before_it_is_chrome() -> None:
    result = clean(paragraphs("the home of good news", "Plan goes ahead", LEDE), title="Plan goes ahead")
    assert result.text == paragraphs("Plan goes ahead", LEDE)
    assert result.dropped == ["the home of good news"]


def test_without_a_title_the_short_line_on_top_of_the_story_is_the_headline() -> None:
    result = clean(paragraphs("The Harbour Line", "Independent news for the coastal counties",
                              "Plan goes ahead", LEDE))
    assert result.title == "Plan goes ahead"
    assert result.text == paragraphs("Plan goes ahead", LEDE)
    assert result.dropped == ["The Harbour Line", "Independent news for the coastal counties"]


def test_without_a_title_a_lower_case_kicker_is_kept_as_the_headline() -> None:
    result = clean(paragraphs("the home of good news", "Plan goes ahead", LEDE))
    assert result.title == "the home of good news"
    assert result.text == paragraphs("the home of good news", "Plan goes ahead", LEDE)


def test_a_dek_after_the_headline_stays_in_the_story() -> None:
    result = clean(paragraphs("Chelsea clinch cup in extra-time", "(after extra-time - score at 90 mins 1-1)", LEDE))
    assert result.title == "Chelsea clinch cup in extra-time"
    assert result.text == paragraphs("Chelsea clinch cup in extra-time", "(after extra-time - score at 90 mins 1-1)",
                                     LEDE)


def test_a_given_title_missing_from_the_text_leaves_the_text_alone() -> None:
    result = clean(paragraphs(LEDE, SECOND), title="Plan goes ahead")
    assert result.text == paragraphs(LEDE, SECOND)
    assert result.title == "Plan goes ahead"


def test_text_without_a_short_first_line_has_no_headline() -> None:
    result = clean(paragraphs(LEDE, SECOND))
    assert result.title is None
    assert result.text == paragraphs(LEDE, SECOND)


def test_photo_credits_and_captions_are_dropped_anywhere() -> None:
    body = paragraphs("Plan goes ahead", LEDE, "(Getty Images)", "Photo: Reuters", "REUTERS/Kevin Lamarque",
                      "Image source, Getty Images", "Image caption, The minister at the podium", SECOND)
    result = clean(body)
    assert result.text == paragraphs("Plan goes ahead", LEDE, SECOND)
    assert result.dropped_lines == 5


def test_share_subscribe_and_read_more_lines_are_dropped() -> None:
    body = paragraphs("Plan goes ahead", LEDE, "Share this article", "Advertisement", SECOND,
                      "Follow us on Twitter", "Sign up for our newsletter", "Read more: Other plans fail",
                      "Source link")
    result = clean(body)
    assert result.text == paragraphs("Plan goes ahead", LEDE, SECOND)
    assert result.dropped == ["Share this article", "Advertisement", "Follow us on Twitter",
                              "Sign up for our newsletter", "Read more: Other plans fail", "Source link"]


def test_copyright_and_timestamp_lines_are_dropped() -> None:
    body = paragraphs("Updated 3 hours ago", "Plan goes ahead", LEDE,
                      "Copyright 2022 The Associated Press. All rights reserved.", "© 2022 Reuters")
    result = clean(body)
    assert result.text == paragraphs("Plan goes ahead", LEDE)
    assert result.dropped_lines == 3


@pytest.mark.parametrize("paragraph", [
    "Subscribers to the service will be able to make free evening calls to any UK landline.",
    "Copyright law has not kept pace with the way people share music online, the report said.",
    "By 2025, 40% of the UK's population will still be without internet access at home.",
    "Photographs of the match were shared widely.",
    "Share prices rose by 3% in early trading.",
    "Reuters reported that the talks had stalled.",
])
def test_story_paragraphs_that_start_like_chrome_are_kept(paragraph: str) -> None:
    result = clean(paragraphs("Plan goes ahead", LEDE, paragraph, SECOND))
    assert result.text == paragraphs("Plan goes ahead", LEDE, paragraph, SECOND)
    assert result.dropped_lines == 0


def test_dropped_lines_are_cut_to_200_characters() -> None:
    caption = "Image caption, " + "a" * 250
    result = clean(paragraphs("Plan goes ahead", LEDE, caption))
    assert result.dropped == [caption[:200]]
    assert result.dropped_lines == 1


# --- bylines -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "people"), [
    ("Additional reporting by Guy Chazan in Berlin and Roman Olearchyk in Kyiv", ["Guy Chazan", "Roman Olearchyk"]),
    ("By Jane Smith", ["Jane Smith"]),
    ("By Jane Smith, BBC News", ["Jane Smith"]),
    ("By JANE SMITH", ["Jane Smith"]),
    ("Reporting by A. Smith and Bob Jones; Editing by Chris Reese", ["A. Smith", "Bob Jones", "Chris Reese"]),
    ("Reporting by Jane Smith. Editing by Bob Lee", ["Jane Smith", "Bob Lee"]),
    ("Reporting by Jane Smith and editing by Bob Lee", ["Jane Smith", "Bob Lee"]),
    ("Writing by Laura Kuenssberg, political editor", ["Laura Kuenssberg"]),
    ("By Ahmed al-Sayed and Maria de la Cruz", ["Ahmed al-Sayed", "Maria de la Cruz"]),
    ("Contributors: Jane Smith, Bob Lee", ["Jane Smith", "Bob Lee"]),
    ("By Jane Smith in Washington DC", ["Jane Smith"]),
    ("By Reuters", []),
    ("Additional reporting by Reuters and AFP", []),
])
def test_byline_lines_name_the_people_only(line: str, people: list[str]) -> None:
    assert parse_byline(line) == people


@pytest.mark.parametrize("line", [
    "By contrast Netcraft's four monitoring stations in the US managed to view the site.",
    "By 2025, 40% of the UK's population will still be without internet access at home.",
    "By far the best",
    "By early 2005 the net could have two new domain names.",
    "Written in 1998",
    "Jane Smith",
])
def test_prose_is_not_a_byline(line: str) -> None:
    assert parse_byline(line) is None


def test_bylines_near_the_edges_become_contributors_once() -> None:
    body = paragraphs("Plan goes ahead", "By Jane Smith, BBC News", LEDE, SECOND,
                      "Reporting by Jane Smith; Editing by Chris Reese")
    result = clean(body)
    assert result.text == paragraphs("Plan goes ahead", LEDE, SECOND)
    assert result.contributors == ["Jane Smith", "Chris Reese"]
    assert result.dropped_lines == 2


def test_a_byline_between_headline_and_story_leaves_a_paragraph_break() -> None:
    result = clean("Plan goes ahead\nBy Jane Smith\n" + LEDE + "\n" + SECOND)
    assert result.text == "Plan goes ahead\n\n" + LEDE + "\n" + SECOND
    assert result.contributors == ["Jane Smith"]


# --- normalisation -----------------------------------------------------------------------------------

def test_whitespace_is_normalised() -> None:
    body = "  Plan\u00a0goes \u200bahead \r\n\r\n\r\n\tThe  minister\u2009said\ufeff so.  \n\n\n\nEnd\u200d here. "
    assert clean(body).text == "Plan goes ahead\n\nThe minister said so.\n\nEnd here."


def test_quotes_dashes_and_nfc() -> None:
    body = "“Quoted,” he said — it’s ‘fine’ – really... \"straight\" 'too' cafe\u0301"
    assert clean(body).text == "“Quoted,” he said — it’s ‘fine’ – really... \"straight\" 'too' café"


def test_single_line_breaks_inside_a_paragraph_are_kept() -> None:
    body = paragraphs(LEDE, "- first item\n- second item")
    assert clean(body).text == body


def test_entities_left_in_plain_text_are_decoded() -> None:
    assert decode_entities("&#163;1.8m AT&T R&D &amp; &quot;hi&quot; &notice; &eacute;") == \
        "£1.8m AT&T R&D & \"hi\" &notice; é"
    assert clean("&#163;1.8m indecency fine for Viacom").text == "£1.8m indecency fine for Viacom"


def test_control_characters_and_lone_surrogates_are_cleaned() -> None:
    assert clean("a\x00b\x07c\ud800d\x85e").text == "abc\ufffdd\ne"


def test_empty_input_gives_empty_text() -> None:
    for body in (None, "", " \n\t "):
        assert clean(body) == CleanedArticle(text="", title=None, contributors=[], author=None,
                                             published_at=None, dropped_lines=0, dropped=[])


def test_non_string_input_is_an_enrichment_error() -> None:
    with pytest.raises(EnrichmentError):
        clean_article(body=b"bytes", html=None, title=None, source=None, published_at=None)  # type: ignore[arg-type]


@pytest.mark.parametrize(("line", "title", "expected"), [
    ("Plan goes ahead", "Plan goes ahead", True),
    ("PLAN GOES AHEAD!", "Plan goes ahead", True),
    ("Plan goes ahead", "Plan goes ahead - The Daily Planet", True),
    ("US sends extra 2,000 troops to Europe", "US sends extra 2,000 troops to Europ", True),
    ("Plan goes ahead", "Plan is dropped", False),
    ("Plan", "Plan goes ahead despite everything that was said", False),
])
def test_nearly_equal_titles(line: str, title: str, expected: bool) -> None:
    assert nearly_equal(line, title) is expected


# --- HTML --------------------------------------------------------------------------------------------

PAGE = """<html><head><title>Plan goes ahead - The Paper</title>
<meta property="article:published_time" content="2022-02-02T14:05:00+00:00">
<meta name="author" content="Jane Smith">
<script>var x = "<p>not text</p>"; alert(1)</script><style>p{color:red}</style></head>
<body><nav>Home | World | Sport</nav><article><h1>Plan goes ahead</h1>
<p>By John Doe, Reuters</p>
<p>%s</p>
<script>document.write("evil")</script>
<p>%s</p>
<p>Share this article</p>
</article><footer>Copyright 2022 The Paper</footer></body></html>""" % (LEDE, SECOND)


def test_html_main_text_title_author_and_date() -> None:
    result = clean(html=PAGE)
    assert result.text == paragraphs("Plan goes ahead", LEDE, SECOND)
    assert result.title == "Plan goes ahead"
    assert result.author == "Jane Smith"
    assert result.published_at == "2022-02-02T14:05:00Z"
    assert result.contributors == ["John Doe"]
    assert result.dropped == ["By John Doe, Reuters", "Share this article"]


def test_given_values_win_over_the_page() -> None:
    result = clean(html=PAGE, title="Given title", published_at="2024-01-01T00:00:00+01:00")
    assert result.title == "Given title"
    assert result.published_at == "2024-01-01T00:00:00+01:00"


def test_a_body_is_preferred_to_the_html_but_the_page_metadata_is_used() -> None:
    result = clean(paragraphs(LEDE, SECOND), html=PAGE)
    assert result.text == paragraphs(LEDE, SECOND)
    assert result.title == "Plan goes ahead"
    assert result.author == "Jane Smith"
    assert result.published_at == "2022-02-02T14:05:00Z"


def test_ten_thousand_nested_tags_fall_back_to_a_bounded_strip() -> None:
    page = ("<html><body><h1>Deep headline</h1>" + "<div>" * 10_000 + "<p>" + LEDE + "</p><script>bad()</script>"
            + "</div>" * 10_000 + "</body></html>")
    started = time.perf_counter()
    result = clean(html=page)
    assert time.perf_counter() - started < 2.0
    assert result.text == paragraphs("Deep headline", LEDE)
    assert result.title == "Deep headline"


def test_when_extraction_finds_nothing_the_plain_text_of_the_page_is_used() -> None:
    assert clean(html="<html><body><span>Tiny</span><script>x()</script></body></html>").text == "Tiny"
    assert clean(html="Just plain text, no markup.").text == "Just plain text, no markup."
    assert clean(html="<script>only()</script>").text == ""


def test_an_xml_declaration_with_an_encoding_does_not_stop_the_parser() -> None:
    page = '<?xml version="1.0" encoding="utf-8"?><html><body><p>Café society returns.</p></body></html>'
    assert clean(html=page).text == "Café society returns."


def test_strip_markup_removes_tags_scripts_and_comments() -> None:
    markup = "<p>a &amp; b</p><!-- <p>hidden</p> --><script>if (x<y) {}</script><b>c</b> < d<style>p{}"
    assert strip_markup(markup) == "\na & b\n\n c  < d\n"


@pytest.mark.parametrize(("value", "expected"), [
    ("2022-02-02T14:05:00+0000", "2022-02-02T14:05:00Z"),
    ("2022-02-02T14:05:00+01:00", "2022-02-02T14:05:00+01:00"),
    ("2022-02-02T14:05:00", "2022-02-02T14:05:00Z"),
    ("2022-02-02", "2022-02-02T00:00:00Z"),
    ("yesterday", None),
    (None, None),
])
def test_rfc3339(value: str | None, expected: str | None) -> None:
    assert rfc3339(value) == expected


# --- hostile input -----------------------------------------------------------------------------------

def test_a_hundred_thousand_numbers_on_one_line_are_kept_in_linear_time() -> None:
    body = " ".join(str(number * 7919 % 1_000_003) for number in range(100_000))
    started = time.perf_counter()
    result = clean(body)
    assert time.perf_counter() - started < 1.0
    assert result.text == body
    assert result.title is None


@pytest.mark.parametrize("body", [
    "word " * 1_000_000,
    "Short line here\n" * 100_000,
    "By Jane Smith and John Doe\n" * 50_000,
    ("share " * 40 + "\n") * 10_000,
    "".join(chr(code) for code in range(0, 0x3000)) * 20,
    "<div>" * 100_000,
])
def test_hostile_bodies_and_pages_are_cleaned_quickly(body: str) -> None:
    started = time.perf_counter()
    clean(body)
    clean(html=body)
    assert time.perf_counter() - started < 10.0


@settings(max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.one_of(st.none(), st.text(max_size=40)), st.one_of(st.none(), st.text(max_size=40)))
def test_any_text_is_cleaned_without_error(body: str, title: str | None, source: str | None) -> None:
    result = clean(body, title=title, source=source)
    assert "\n\n\n" not in result.text and "  " not in result.text
    assert not any(character in result.text for character in "\u200b\ufeff\u00a0\r\t")
    assert result.text == result.text.strip()
    assert result.dropped_lines == len(result.dropped)
