"""Noise kinds the cleaner removes, and body text it must keep (sentences written for the tests)."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.clean import clean_text

BODY = [
    "The harbour authority in Velmora said on Tuesday that the ferry would resume sailing next month.",
    "Officials expect about 4,000 passengers a week once the timetable is restored.",
    "“We are not going to rush this,” the director told reporters outside the terminal.",
]


def _dump(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def _reasons(raw: str) -> dict[str, str]:
    return {r.text: r.reason for r in clean_text(raw).removed}


@pytest.mark.parametrize(
    ("noise", "reason"),
    [
        ("Please use a modern browser to enable the video player", "video-notice"),
        ("error: Content is protected !!", "copy-protection"),
        ("Picture: Lantern Wire Service", "image-credit"),
        ("Image: The harbour at dusk. File pic: Coastline Agency", "image-credit"),
        ("Share this article", "share-furniture"),
        ("Facebook Twitter WhatsApp Email", "share-furniture"),
        ("Follow us on social media", "share-furniture"),
        ("Advertisement", "advertisement"),
        ("date 2024-06-11", "date-line"),
        ("Tue. Jun 11th, 2024", "date-line"),
        ("Published: 11 June 2024 10:42 BST", "date-line"),
        ("ferry-operator-says-velmora-route-will-reopen-after-storm-damage", "url-slug"),
        ("2:05", "stray-fragment"),
        ("I", "stray-fragment"),
    ],
)
def test_cleaner_removes_noise_line(noise: str, reason: str) -> None:
    raw = _dump(BODY[0], noise, BODY[1], BODY[2])
    cleaned = clean_text(raw)
    assert _reasons(raw).get(noise) == reason
    assert noise not in cleaned.text.split("\n")
    for line in BODY:
        assert line in cleaned.text


def test_cleaner_removes_both_copies_of_a_doubled_caption() -> None:
    caption = "Passengers queue at the Velmora terminal before the storm closed the route"
    raw = _dump(BODY[0], caption, caption, BODY[1])
    cleaned = clean_text(raw)
    assert caption not in cleaned.text
    assert [r.reason for r in cleaned.removed] == ["duplicate-caption", "duplicate-caption"]


def test_cleaner_keeps_one_copy_of_a_doubled_sentence() -> None:
    raw = _dump(BODY[0], BODY[1], BODY[1], BODY[2])
    cleaned = clean_text(raw)
    assert cleaned.text.count(BODY[1]) == 1
    assert [r.reason for r in cleaned.removed] == ["duplicate-paragraph"]


def test_cleaner_removes_read_more_teaser_block() -> None:
    teaser = "Why the island's ferries keep breaking down, and who pays for the repairs"
    raw = _dump(BODY[0], "Read More", "EXCLUSIVE", teaser, "article image", BODY[1], BODY[2])
    cleaned = clean_text(raw)
    assert cleaned.text.split("\n") == BODY[:1] + BODY[1:]
    assert {r.reason for r in cleaned.removed} == {"related-teaser", "teaser-label", "image-placeholder"}


def test_cleaner_removes_video_title_after_player_notice() -> None:
    raw = "\n".join(
        [
            BODY[0],
            "Please use Firefox for a more accessible video player",
            "0:58",
            "Ferry chief sets out plan",
            BODY[1],
        ]
    )
    cleaned = clean_text(raw)
    assert cleaned.text == "\n".join([BODY[0], BODY[1]])
    assert [r.reason for r in cleaned.removed] == ["video-notice", "stray-fragment", "video-title"]


def test_cleaner_keeps_headline_like_line_without_player() -> None:
    raw = "\n".join([BODY[0], "Ferry chief sets out plan", BODY[1]])
    assert clean_text(raw).text == raw


def test_cleaner_strips_markdown_emphasis_but_keeps_words() -> None:
    raw = "The minister **insisted** the timetable was *realistic* and fair.\n"
    cleaned = clean_text(raw)
    assert cleaned.text == "The minister insisted the timetable was realistic and fair."
    assert [r.reason for r in cleaned.removed] == ["markdown-emphasis"] * 4


def test_cleaner_byline_becomes_metadata() -> None:
    raw = _dump("By: *Mara Lindqvist*", BODY[0], BODY[1])
    cleaned = clean_text(raw)
    assert cleaned.byline == "Mara Lindqvist"
    assert "Lindqvist" not in cleaned.text


def test_cleaner_keeps_sentence_starting_with_by() -> None:
    line = "By the end of the week the harbour had reopened to fishing boats."
    assert clean_text(_dump(line, BODY[0])).text.split("\n")[0] == line


def test_cleaner_dateline_sets_date_and_removes_line() -> None:
    cleaned = clean_text(_dump(" date 2024-06-11 Harbour cranes at dawn AP", BODY[0]))
    assert cleaned.dateline == date(2024, 6, 11)
    assert cleaned.text == BODY[0]


def test_cleaner_keeps_sentence_that_starts_with_a_date() -> None:
    line = "June 11, 2024 was the first day without a sailing since the harbour opened."
    assert clean_text(_dump(line)).text == line


def test_cleaner_slug_glued_to_headline_gives_title() -> None:
    slug = "storm-closes-velmora-ferry-route-for-a-week"
    raw = _dump(f"{slug}Storm closes Velmora ferry route for a week", BODY[0])
    cleaned = clean_text(raw)
    assert cleaned.title == "Storm closes Velmora ferry route for a week"
    assert cleaned.text == BODY[0]
    assert [r.reason for r in cleaned.removed] == ["url-slug", "headline"]


def test_cleaner_removes_caption_repeating_a_paragraph_but_keeps_pull_quote() -> None:
    para = "The harbour authority has asked two engineering firms to inspect the damaged pier before winter."
    caption = "The harbour authority has asked two engineering firms to inspect the damaged pier"
    pull = "“We are not going to rush this”"
    raw = _dump(BODY[0], caption, para, pull, BODY[2])
    cleaned = clean_text(raw)
    assert caption not in cleaned.text.split("\n")
    assert para in cleaned.text
    assert pull in cleaned.text


def test_cleaner_keeps_crosshead_and_body() -> None:
    raw = _dump(BODY[0], "What happens to the fishing fleet?", BODY[1])
    assert clean_text(raw).text.split("\n") == [BODY[0], "What happens to the fishing fleet?", BODY[1]]


def test_cleaner_removal_offsets_point_into_raw() -> None:
    raw = _dump(BODY[0], "Advertisement", "Picture: Lantern Wire Service", BODY[1])
    for r in clean_text(raw).removed:
        assert raw[r.raw_start : r.raw_end] == r.text


def test_cleaner_joins_paragraph_cut_by_the_scrape() -> None:
    raw = "The mayor said the bridge would\n\nreopen in March, a month later than planned.\n\nA new line."
    cleaned = clean_text(raw)
    assert (
        cleaned.text
        == "The mayor said the bridge would reopen in March, a month later than planned.\nA new line."
    )


@pytest.mark.parametrize(
    ("noise", "reason"),
    [
        ("READ MORE: Ferry fares to double on the island route", "related-teaser"),
        ("Watch: the storm reaches the harbour wall", "related-teaser"),
        ("Published 3 hours ago", "date-line"),
        ("Last modified on Wed 12 Jun 2024 10.05 BST", "date-line"),
        ("Updated 14:32 GMT, 12 June 2024", "date-line"),
        ("Reporting by Ana Costa; Editing by Jon Brask", "byline"),
        ("© 2024 Coastline Media Group. All rights reserved.", "copyright-notice"),
        ("Image source, Lantern Wire Service", "image-credit"),
    ],
)
def test_cleaner_removes_more_furniture(noise: str, reason: str) -> None:
    raw = _dump(BODY[0], noise, BODY[1])
    assert _reasons(raw).get(noise) == reason
    assert clean_text(raw).text == "\n".join(BODY[:2])


@pytest.mark.parametrize(
    "line",
    [
        "Read more about the plan on the council's website, officials said.",
        "Reporting by local volunteers has filled the gap left by the closed newspaper.",
        "Copyright lawyers say the ferry company's logo was never registered.",
        "Published figures show 3 hours ago the queue was already long.",
    ],
)
def test_cleaner_keeps_body_lines_that_look_like_furniture(line: str) -> None:
    raw = _dump(BODY[0], line, BODY[1])
    assert clean_text(raw).text == "\n".join([BODY[0], line, BODY[1]])


@pytest.mark.parametrize(
    ("noise", "reason"),
    [
        (
            "Your browser cannot play this video. Try another browser for the accessible player",
            "video-notice",
        ),
        ("Follow the Coastline Courier on social media for live updates", "share-furniture"),
        ("Disclaimer: the views in this column are the writer's own.", "disclaimer-notice"),
    ],
)
def test_cleaner_removes_notices(noise: str, reason: str) -> None:
    raw = _dump(BODY[0], noise, BODY[1])
    assert _reasons(raw).get(noise) == reason
    assert clean_text(raw).text == "\n".join(BODY[:2])


def test_cleaner_keeps_sentence_about_following_on_social_media() -> None:
    line = "Police asked residents to follow the harbour authority's advice and stay indoors on Sunday."
    assert clean_text(_dump(BODY[0], line)).text == "\n".join([BODY[0], line])


@pytest.mark.parametrize(
    ("noise", "reason"),
    [
        ("Article continues below", "advertisement"),
        ("Continue reading", "advertisement"),
        (
            "Sign up to get the best harbour news straight to your inbox with our free newsletter",
            "newsletter-promo",
        ),
        ("We use cookies to improve your experience. Manage your cookie settings here", "cookie-notice"),
        ("Harbour cranes stand idle after the storm (Image: Coastline Agency)", "image-credit"),
        ("Dockers wait for news outside the gates Nils Orm/AFP via Getty Images", "image-credit"),
        ("Photo by Nils Orm", "image-credit"),
        ("3/12", "stray-fragment"),
    ],
)
def test_cleaner_removes_promos_and_credits(noise: str, reason: str) -> None:
    raw = _dump(BODY[0], noise, BODY[1])
    assert _reasons(raw).get(noise) == reason
    assert clean_text(raw).text == "\n".join(BODY[:2])


@pytest.mark.parametrize(
    "line",
    [
        "The ferry company's newsletter told staff that the route would reopen in March.",
        "Officials said the cookies sold at the fair raised money for the lifeboat crew.",
        "The story continues below the waterline, where divers found a second crack in the hull.",
    ],
)
def test_cleaner_keeps_body_lines_near_promo_words(line: str) -> None:
    raw = _dump(BODY[0], line, BODY[1])
    assert clean_text(raw).text == "\n".join([BODY[0], line, BODY[1]])


@pytest.mark.parametrize(
    "caption",
    [
        "Harbour workers repair the pier wall in Velmora, June 3, 2024",
        "The ferry director (pictured) has led the company since 2019",
        "Council members (left to right) Ana Costa, Jon Brask and Nils Orm",
        "Rescue crews at the flooded terminal on 4 June 2024",
    ],
)
def test_cleaner_removes_single_captions_with_caption_cues(caption: str) -> None:
    raw = _dump(BODY[0], caption, BODY[1])
    assert _reasons(raw).get(caption) == "image-caption"


@pytest.mark.parametrize(
    "line",
    [
        "The pier will reopen on June 3, 2024.",
        "Workers pictured the damage for the insurers, the director said.",
        "What the storm left behind",
    ],
)
def test_cleaner_keeps_sentences_and_crossheads_without_caption_cues(line: str) -> None:
    raw = _dump(BODY[0], line, BODY[1])
    assert clean_text(raw).text == "\n".join([BODY[0], line, BODY[1]])


def test_cleaner_keeps_embedded_post_signature() -> None:
    sig = "— Ana Costa (@anacosta_harbour) June 3, 2024"
    raw = _dump(BODY[0], "The pier is finally open again!", sig, BODY[1])
    assert sig in clean_text(raw).text


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("By Ana Costa and Jon Brask", "Ana Costa and Jon Brask"),
        ("By Ana Costa, Harbour Correspondent", "Ana Costa, Harbour Correspondent"),
        ("By Ana Costa | Published 3 June 2024", "Ana Costa"),
        ("Written by: _Nils Orm_", "Nils Orm"),
    ],
)
def test_cleaner_byline_forms(line: str, name: str) -> None:
    cleaned = clean_text(_dump(line, BODY[0]))
    assert cleaned.byline == name
    assert cleaned.text == BODY[0]


def test_cleaner_keeps_lone_numbers() -> None:
    raw = "\n".join([BODY[0], "Seats won", "12", "7", BODY[1]])
    assert clean_text(raw).text == raw


def test_cleaner_removes_first_line_repeating_the_known_title() -> None:
    title = "Storm closes Velmora ferry route for a week"
    raw = "\n".join([title, BODY[0], title, BODY[1]])
    cleaned = clean_text(raw, title=title)
    assert cleaned.text == "\n".join([BODY[0], title, BODY[1]])
    assert [(r.reason, r.raw_start) for r in cleaned.removed] == [("headline", 0)]
    assert clean_text(raw).text == raw


@pytest.mark.parametrize(
    ("noise", "reason"),
    [
        ("Read more from the Coastline Courier:", "related-teaser"),
        ("Related Topics", "related-teaser"),
        ("Share or comment on this article:", "share-furniture"),
        ("Comments 42", "share-furniture"),
        ("PUBLISHED: 10:23 GMT, 12 June 2024 | UPDATED: 11:46 GMT, 12 June 2024", "date-line"),
        ("Published", "date-line"),
        ("3 hours ago", "date-line"),
        ("By ANA COSTA FOR THE COURIER", "byline"),
    ],
)
def test_cleaner_removes_outlet_furniture(noise: str, reason: str) -> None:
    raw = _dump(BODY[0], noise, BODY[1])
    assert _reasons(raw).get(noise) == reason
    assert clean_text(raw).text == "\n".join(BODY[:2])


def test_cleaner_removes_teaser_headlines_after_read_more_from() -> None:
    teasers = ["Ferry fares to double on the island route", "Harbour master retires after forty years"]
    raw = "\n".join([BODY[0], "Read more from the Coastline Courier:", *teasers, BODY[1]])
    assert clean_text(raw).text == "\n".join(BODY[:2])
