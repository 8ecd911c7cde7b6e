"""Cleaning: each boilerplate rule on short lines we wrote, the raw-offset map on any text, the
seed reports (read from /work/shared/seeds, never copied here), HTML pages and encodings."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coalition.errors import InvalidInput
from coalition.intake.cleaning import RULE_NAMES, clean_html, clean_plain, decode, explain
from coalition.intake.document import Cleaned


def rules(raw: str) -> list[tuple[str, bool, str]]:
    """Each non-blank line's rule, whether it was kept, and its text."""
    cleaned = clean_plain(raw)
    return [(d.rule, d.kept, d.text) for d in cleaned.decisions if d.rule != "blank"]


def assert_segments_copy_the_raw_text(raw: str, cleaned: Cleaned) -> None:
    for segment in cleaned.segments:
        copied = cleaned.text[segment.clean_start : segment.clean_start + segment.length]
        assert copied == raw[segment.raw_start : segment.raw_start + segment.length]


# ---------------------------------------------------------------------------------------------
# One rule at a time, on lines we made up.

BOILERPLATE = [
    ("Please enter your comment!", "comment prompt"),
    ("Please enter your name here", "comment prompt"),
    ("Leave a Reply", "comment prompt"),
    ("Leave a comment", "comment prompt"),
    ("2 Responses", "comment prompt"),
    ("14 Comments", "comment prompt"),
    ("Log in to comment", "comment prompt"),
    ("Share this:", "share or subscribe"),
    ("Share on Facebook", "share or subscribe"),
    ("Subscribe to continue.", "share or subscribe"),
    ("You've read 3 of 5 free articles. Subscribe to continue.", "share or subscribe"),
    ("You’ve read  of  free articles.", "share or subscribe"),
    ("Sign up for our newsletter", "share or subscribe"),
    ("Follow us on Twitter @example", "share or subscribe"),
    ("Close this search box.", "navigation"),
    ("Skip to content", "navigation"),
    ("Home > World > Middle East", "navigation"),
    ("News » Politics » Defence", "navigation"),
    ("Popular Posts", "navigation"),
    ("Related Articles", "navigation"),
    ("Read more", "navigation"),
    ("Advertisement", "navigation"),
    ("ADVERTISEMENT", "navigation"),
    ("Jane Example/Reuters", "photo credit"),
    ("Photo: Department of Defense", "photo credit"),
    ("AP Photo/John Example", "photo credit"),
    ("(Getty Images)", "photo credit"),
    ("Ministers arrive for the talks in Rome. (AP Photo/John Example)", "photo credit"),
    ("The ministers of France (l.) and Italy (r.) arrive for the talks.", "caption"),
    ("From left to right, the defence ministers of three partners.", "caption"),
    ("(c) 2017, The Example Post · Jane Example", "copyright"),
    ("© 2019 Example Media. All rights reserved.", "copyright"),
    ("Copyright 2015 Example News", "copyright"),
    (
        "Example Press writers Jane Doe in Cairo and John Roe contributed to this report.",
        "contributors",
    ),
    ("(Reporting by Jane Doe; Editing by John Roe)", "contributors"),
    ("By Jane Doe and John Roe, Example Press", "byline"),
    ("Published: March 8, 2017", "published line"),
    ("Updated Feb. 9, 2017 10:30 AM", "published line"),
    ("Posted on Thursday, 9 March 2017 by admin", "published line"),
]


@pytest.mark.parametrize(("line", "rule"), BOILERPLATE)
def test_each_rule_drops_its_boilerplate(line: str, rule: str) -> None:
    assert rules(f"The partners met on Tuesday.\n{line}") == [
        ("content", True, "The partners met on Tuesday."),
        (rule, False, line),
    ]


def test_every_rule_that_drops_is_named_in_the_table() -> None:
    assert {rule for _, rule in BOILERPLATE} | {"donation letter", "image slug"} == set(RULE_NAMES)


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("“Share this burden with us,” the minister said.", "quote"),
        ('"Subscribe to the plan," he said.', "quote"),
        ("Updated figures released on March 8, 2017 show 5,000 troops.", "number"),
        ("(c) the partners agree to share the costs.", "content"),
        ("Copyright law was not on the agenda.", "content"),
        ("Sen. Jane Example (R) said the coalition would hold.", "content"),
        ("The ministers pictured a long campaign ahead.", "content"),
        ("Home to 30 partners, the coalition met again.", "number"),
        ("Australia", "content"),
    ],
)
def test_lines_that_only_look_like_boilerplate_are_kept(line: str, rule: str) -> None:
    assert rules(line) == [(rule, True, line)]


def test_a_caption_word_counts_only_right_below_a_photo_credit() -> None:
    raw = "Jane Example/AFP\nThe two ministers, pictured in Rome, shake hands.\nPictured: none."
    assert [rule for rule, _, _ in rules(raw)] == ["photo credit", "caption", "content"]


def test_a_donation_letter_is_dropped_to_the_end_quotes_and_numbers_included() -> None:
    raw = (
        "The partners met.\n\nDear Reader,\n\n“We are independent,” our editor wrote in 1908.\n"
        "You can subscribe for $15.\nA last line without a period"
    )
    found = rules(raw)
    assert found[0] == ("content", True, "The partners met.")
    assert {(rule, kept) for rule, kept, _ in found[1:]} == {("donation letter", False)}
    assert clean_plain(raw).text == "The partners met."


def test_a_donation_letter_ends_at_its_signature() -> None:
    raw = (
        "Dear Readers,\nPlease give 10 dollars.\nSincerely,\nJane Editor\nEditor in chief\n\n"
        "The coalition has 79 members."
    )
    found = rules(raw)
    assert [rule for rule, _, _ in found[:5]] == ["donation letter"] * 5
    assert found[5] == ("number", True, "The coalition has 79 members.")


def test_an_image_slug_is_cut_and_the_rest_of_the_line_kept() -> None:
    raw = "Ministers meet\n\nsome-photo-name-700x430U.S. officials said 30 partners came."
    cleaned = clean_plain(raw)
    assert cleaned.decisions[2].rule == "image slug" and cleaned.decisions[2].kept
    assert cleaned.text == "Ministers meet\n\nU.S. officials said 30 partners came."
    assert cleaned.segments[1].raw_start == raw.index("U.S.")
    assert rules("some-photo-name-700x430.jpg") == [
        ("image slug", False, "some-photo-name-700x430.jpg")
    ]


def test_the_title_is_the_first_short_line_without_final_punctuation() -> None:
    assert clean_plain("Skip to content\nPartners Agree On A Mission\nThey did.").title == (
        "Partners Agree On A Mission"
    )
    assert clean_plain("Thursday, March 9, 2017\nTalks resume in Rome\nThey did.").title == (
        "Talks resume in Rome"
    )
    assert clean_plain("The partners met on Tuesday.\nA subheading later").title is None
    assert clean_plain("Partners agree.\n").title is None


def test_blank_lines_collapse_and_paragraphs_survive() -> None:
    assert clean_plain("\n\nOne.\n\n\n\nTwo.\nThree.\n\n").text == "One.\n\nTwo.\nThree."
    assert clean_plain("One.\n\nLeave a Reply\n\nTwo.\nShare this\nThree.").text == (
        "One.\n\nTwo.\nThree."
    )
    assert clean_plain("One.\r\nTwo.  \r\n").text == "One.\nTwo."


# ---------------------------------------------------------------------------------------------
# Dates the text states about itself, and none guessed.


@pytest.mark.parametrize(
    ("raw", "when", "reason"),
    [
        (
            "Talks in Rome\nPublished: March 8, 2017\nThe partners met.",
            date(2017, 3, 8),
            "published line",
        ),
        (
            "Updated Feb. 9, 2017\nPosted on 8 February 2017\nText.",
            date(2017, 2, 8),
            "published line",
        ),
        ("WASHINGTON, Feb. 6, 2019 — The partners met.", date(2019, 2, 6), "dateline"),
        ("Talks\n\nPARIS (AP) — June 2, 2015 — The partners met.", date(2015, 6, 2), "dateline"),
        ("Updated: 2016-07-21\nWASHINGTON, July 20, 2016 — Text.", date(2016, 7, 20), "dateline"),
        (
            "DAILY BULLETIN\nHome > World\n\nFriday, 16 January 2009\n\nTalks open\nText.",
            date(2009, 1, 16),
            "date line",
        ),
        # Once the story has begun, a date on its own line is something it reports.
        ("Talks open.\nThe schedule:\nMarch 8, 2017\nText.", None, None),
        ("The partners met on March 8, 2017 in Rome.", None, None),
        ("WASHINGTON: The partners met on March 8, 2017.", None, None),
        ("Published: February 30, 2017\nText.", None, None),
    ],
)
def test_explicit_dates(raw: str, when: date | None, reason: str | None) -> None:
    cleaned = clean_plain(raw)
    assert (cleaned.explicit_date, cleaned.explicit_date_reason) == (when, reason)


def test_copyright_lines_stay_visible_in_the_decisions() -> None:
    cleaned = clean_plain("The partners met.\n© 2019 Example Media")
    assert cleaned.text == "The partners met."
    assert cleaned.decisions[1].text == "© 2019 Example Media"


# ---------------------------------------------------------------------------------------------
# The raw-offset map.

FRAGMENTS = [
    "",
    " ",
    "\t",
    "\r",
    "\ufeff",
    "Leave a Reply",
    "Dear Reader,",
    "Sincerely,",
    "Jane Doe/Reuters",
    "Ministers (l.) and (r.)",
    "some-photo-700x430Text follows.",
    "photo-700x430",
    "“A quote,” he said.",
    "Published: March 8, 2017",
    "PARIS (AP) — June 2, 2015 — Text.",
    "Home > World > News",
]
# A line is a few pieces glued together: boilerplate, slugs, quotes and arbitrary text.
lines_of_text = st.lists(
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), max_size=3).map("".join),
    max_size=25,
)


@settings(max_examples=300, deadline=None)
@given(
    lines=lines_of_text,
    separator=st.sampled_from(["\n", "\r\n", "\n\n", "\n \n"]),
    noise=st.text(max_size=200),
)
def test_segments_map_clean_text_back_to_the_raw_text(
    lines: list[str], separator: str, noise: str
) -> None:
    for raw in (separator.join(lines), noise, noise + "\n" + separator.join(lines)):
        cleaned = clean_plain(raw)
        assert_segments_copy_the_raw_text(raw, cleaned)
        assert len(cleaned.decisions) == raw.count("\n") + 1
        for segment in cleaned.segments:
            assert cleaned.raw_offset(segment.clean_start) == segment.raw_start


# ---------------------------------------------------------------------------------------------
# The seed reports: what a real scraper left in them.

DONATION_LETTER = dict.fromkeys(range(59, 74, 2), "donation letter")
SEED_BOILERPLATE: dict[str, dict[int, str]] = {
    "000_2bceec3f7f7f5405.txt": {52: "copyright", 56: "comment prompt", 57: "comment prompt"},
    "001_b5a84c2b6487f3a3.txt": {
        1: "navigation",
        40: "comment prompt",
        42: "comment prompt",
        44: "navigation",
    },
    "002_9ea3d081f42078f1.txt": {},
    "003_78fc6b9a99d8f720.txt": {
        5: "photo credit",
        6: "caption",
        55: "contributors",
        57: "share or subscribe",
        **DONATION_LETTER,
    },
    "004_a1c3290b09a2d329.txt": {26: "comment prompt", 27: "comment prompt"},
}
SEED_TITLES = {
    "000_2bceec3f7f7f5405.txt": 1,
    "001_b5a84c2b6487f3a3.txt": 3,
    "003_78fc6b9a99d8f720.txt": 1,
}
QUOTATION = re.compile(r"“[^“”]*”|\"[^\"]*\"")


@pytest.mark.parametrize("name", sorted(SEED_BOILERPLATE))
def test_seed_boilerplate_is_dropped_by_the_right_rule_and_nothing_else(
    seeds: Path, name: str
) -> None:
    raw = (seeds / name).read_text(encoding="utf-8")
    cleaned = clean_plain(raw)
    dropped = {d.number: d.rule for d in cleaned.decisions if not d.kept and d.rule != "blank"}
    assert dropped == SEED_BOILERPLATE[name]
    assert_segments_copy_the_raw_text(raw, cleaned)


@pytest.mark.parametrize("name", sorted(SEED_BOILERPLATE))
def test_every_seed_quotation_outside_boilerplate_stays(seeds: Path, name: str) -> None:
    raw_lines = (seeds / name).read_text(encoding="utf-8").split("\n")
    cleaned = clean_plain("\n".join(raw_lines))
    quotations = [
        quotation
        for number, line in enumerate(raw_lines, 1)
        if number not in SEED_BOILERPLATE[name]
        for quotation in QUOTATION.findall(line)
    ]
    assert quotations
    assert [q for q in quotations if q not in cleaned.text] == []


@pytest.mark.parametrize("name", sorted(SEED_BOILERPLATE))
def test_seed_titles_and_no_guessed_dates(seeds: Path, name: str) -> None:
    raw_lines = (seeds / name).read_text(encoding="utf-8").split("\n")
    cleaned = clean_plain("\n".join(raw_lines))
    title_line = SEED_TITLES.get(name)
    assert cleaned.title == (raw_lines[title_line - 1].strip() if title_line else None)
    assert cleaned.explicit_date is None


def test_the_glued_image_slug_of_a_seed_is_cut(seeds: Path) -> None:
    raw = (seeds / "001_b5a84c2b6487f3a3.txt").read_text(encoding="utf-8")
    cleaned = clean_plain(raw)
    assert cleaned.decisions[4].rule == "image slug" and cleaned.decisions[4].kept
    assert "700x430" not in cleaned.text and "\nU.S. Defense Secretary" in cleaned.text


# ---------------------------------------------------------------------------------------------
# --explain


def test_explain_shows_number_status_rule_and_text() -> None:
    cleaned = clean_plain("Partners met in Rome.\n\nDear Reader,\n" + "x" * 100)
    assert explain(cleaned) == [
        "   1 kept   content   | Partners met in Rome.",
        "   2 DROP   blank     |",
        "   3 DROP   donation letter | Dear Reader,",
        "   4 DROP   donation letter | " + "x" * 71 + "…",
    ]


# ---------------------------------------------------------------------------------------------
# HTML

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Partners agree on a training mission | Example News</title>
<meta property="og:title" content="Partners agree on a training mission">
<meta property="article:published_time" content="2018-02-13T09:30:00Z">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/subscribe">Subscribe</a></li></ul></nav></header>
<main><article>
<h1>Partners agree on a training mission</h1>
<p>Defence ministers from fourteen partner countries agreed on Tuesday to set up a training
mission for local forces, officials said after a day of talks in Rome.</p>
<p>"We will stay as long as we are needed," the chair told reporters, adding that the partners
had pledged 450 trainers between them for the first year.</p>
<p>The mission will be reviewed at the next ministerial meeting, planned for the autumn, and
its budget will be shared among the partners according to an agreed formula.</p>
</article>
<section class="comments" id="comments"><h3>3 Comments</h3>
<div class="comment"><p>Nobody should believe a word the officials say about this.</p></div>
<form><p>Please enter your comment!</p><textarea></textarea></form></section>
</main>
<footer><p>© 2018 Example News. All rights reserved.</p><p>Follow us on Twitter</p></footer>
</body></html>"""


def test_html_keeps_the_article_and_finds_title_and_date() -> None:
    cleaned = clean_html(PAGE)
    assert "pledged 450 trainers" in cleaned.text
    assert "agreed formula." in cleaned.text
    for gone in ("World", "Subscribe", "Comments", "believe a word", "enter your", "©", "Follow"):
        assert gone not in cleaned.text
    assert cleaned.title == "Partners agree on a training mission"
    assert (cleaned.explicit_date, cleaned.explicit_date_reason) == (date(2018, 2, 13), "htmldate")
    assert cleaned.segments == []
    assert any(d.rule == "quote" and d.kept for d in cleaned.decisions)


def test_html_blocks_stay_lines_where_plain_text_lines_run_on() -> None:
    """A long headline has no full stop. In scraped text such a line was hard-wrapped and runs on
    into the next; in a page each block is its own line, and the dateline must start one."""
    headline = "In Kuwait, the partners turn from fighting to rebuilding the cities"
    dateline = "KUWAIT CITY — Ministers met on Tuesday to plan the rebuilding of the cities."
    page = PAGE.replace("<h1>Partners agree on a training mission</h1>", f"<h1>{headline}</h1>")
    page = page.replace("<p>Defence ministers", f"<p>{dateline}</p>\n<p>Defence ministers")
    lines = clean_html(page).text.splitlines()
    assert lines[:2] == [headline, dateline]
    assert clean_plain(f"{headline}\n{dateline}\n").text == f"{headline} {dateline}"


@pytest.mark.parametrize(
    ("raw", "rule"),
    [
        ("", "empty document"),
        ("  \n ", "empty document"),
        ("<<<>>>", "not HTML"),
        ("https://example.com/never-fetched", "not HTML"),
        ("<html><body></body></html>", "no main text"),
    ],
)
def test_broken_or_empty_html_explains_itself_instead_of_raising(raw: str, rule: str) -> None:
    cleaned = clean_html(raw)
    assert cleaned.text == "" and cleaned.title is None and cleaned.explicit_date is None
    assert [(d.number, d.kept, d.rule) for d in cleaned.decisions] == [(0, False, rule)]


def test_a_page_of_navigation_keeps_nothing_and_says_why() -> None:
    cleaned = clean_html("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert cleaned.text == ""
    assert cleaned.decisions and not any(d.kept for d in cleaned.decisions)


# ---------------------------------------------------------------------------------------------
# Bytes to text.

TEXT = (
    "“We will stay as long as we are needed,” the minister said on Tuesday. The partners’ "
    "pledges came to €450 million — more than expected. Café talks followed."
)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("cp1252"), "cp1252"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-32"), "utf-32"),
    ],
)
def test_decode_finds_the_encoding(data: bytes, encoding: str) -> None:
    assert decode(data) == (TEXT, encoding)


def test_decode_prefers_western_european_for_short_single_byte_texts() -> None:
    german = "Der Minister sagte, die Koalition bleibe. Grüße aus München."
    assert decode(german.encode("cp1252")) == (german, "cp1252")
    assert decode("Crème brûlée, naïve façade.".encode("latin-1"))[0] == (
        "Crème brûlée, naïve façade."
    )


def test_decode_still_reads_other_alphabets() -> None:
    russian = "Министр сказал, что коалиция останется в Ираке до конца года."
    assert decode(russian.encode("cp1251")) == (russian, "cp1251")


def test_decode_of_nothing_is_empty_text() -> None:
    assert decode(b"") == ("", "utf-8")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"%PDF-1.4\n\x00\x00binary",
        bytes(range(1, 32)) * 20,
        bytes((i * 97 + 13) % 255 + 1 for i in range(3000)),
    ],
    ids=["png", "nul bytes", "control characters", "noise"],
)
def test_decode_refuses_binary_data_with_a_reason(data: bytes) -> None:
    with pytest.raises(InvalidInput, match="binary data"):
        decode(data)
