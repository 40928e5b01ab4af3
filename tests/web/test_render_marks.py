"""Marked-up article text: escaped, properly nested, and the text itself never changes."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from storyline.report.links import safe_url
from storyline.web.render import (
    Mark,
    highlight_terms,
    parse_when,
    render_marked,
    timeline_chart,
    word_diff,
)

TAG = re.compile(r"<[^>]+>")


def _text_of(markup: str) -> str:
    return html.unescape(TAG.sub("", markup))


class _Nesting(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.ok = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.ok = False


def _balanced(markup: str) -> bool:
    p = _Nesting()
    p.feed(markup)
    return p.ok and not p.stack


spans = st.tuples(st.integers(0, 60), st.integers(0, 60), st.integers(0, 3)).map(
    lambda t: Mark(min(t[0], t[1]), max(t[0], t[1]), t[2], f"m{t[2]}", f"a-{t[0]}-{t[1]}-{t[2]}")
)


@given(st.text(max_size=60), st.lists(spans, max_size=12))
def test_render_marks_keep_the_text_and_nest(text: str, marks: list[Mark]) -> None:
    out = str(render_marked(text, marks))
    assert _text_of(out) == text
    assert _balanced(out)


def test_render_marks_escape_markup_in_text() -> None:
    out = str(render_marked('<script>alert("x")</script>', [Mark(1, 7, 1, "q", "q-1-7")]))
    assert "<script>" not in out
    assert '&lt;<span class="q" id="q-1-7">script</span>&gt;' in out


def test_render_marks_crossing_spans_keep_the_higher_priority_whole() -> None:
    text = "abcdefghij"
    out = str(render_marked(text, [Mark(2, 6, 0, "hl", "hl-2-6"), Mark(4, 9, 1, "q", "q-4-9")]))
    assert '<span class="hl" id="hl-2-6">cd<span class="q" id="q-4-9">ef</span></span>' in out
    assert out.count('id="q-4-9"') == 1  # the second piece carries no id
    assert _text_of(out) == text


def test_render_marks_drop_spans_outside_the_text() -> None:
    assert str(render_marked("abc", [Mark(2, 9, 0, "x"), Mark(-1, 2, 0, "y"), Mark(1, 1, 0, "z")])) == "abc"


def test_render_word_diff_marks_added_and_dropped_words() -> None:
    out = str(word_diff("the corridor will open soon", "The corridor will open within days"))
    assert out == 'The corridor will open <del class="w-del">soon</del> <ins class="w-add">within days</ins>'


def test_render_word_diff_escapes() -> None:
    assert "<b>" not in str(word_diff("a", "a <b>"))


def test_render_safe_url_accepts_only_http() -> None:
    assert safe_url("https://news.example/a?b=c") == "https://news.example/a?b=c"
    for bad in (
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,x",
        "//evil.example",
        "/local",
        None,
        "http://",
    ):
        assert safe_url(bad) is None, bad


def test_render_parse_when_reads_timex_values() -> None:
    assert str(parse_when("2031-04-02")) == "2031-04-02"
    assert str(parse_when("2031-04")) == "2031-04-01"
    assert str(parse_when("2031")) == "2031-01-01"
    assert parse_when("PRESENT_REF") is None
    assert parse_when("2031-13-40") is None


def test_render_timeline_chart_stacks_same_day_and_orders_by_date() -> None:
    chart = timeline_chart(
        [
            ("2031-04-03", "b", "/b", "happening"),
            ("2031-04-01", "a", "/a", "statement"),
            ("2031-04-03", "c", "/c", "happening"),
            ("XXXX", "d", "/d", "happening"),
        ]
    )
    assert chart is not None
    assert [p.label for p in chart.points] == ["a", "b", "c"]
    a, b, c = chart.points
    assert a.x < b.x == c.x and b.y != c.y
    assert chart.ticks[0].label == "2031-04-01" and chart.ticks[-1].label == "2031-04-03"
    assert timeline_chart([("n/a", "x", "/x", "happening")]) is None


def test_render_highlight_terms_marks_query_words() -> None:
    out = str(highlight_terms("Talks on the <corridor> resumed; talking helps.", "talk corridor"))
    assert out == (
        '<mark class="term">Talks</mark> on the &lt;<mark class="term">corridor</mark>&gt; resumed; '
        '<mark class="term">talking</mark> helps.'
    )
    assert str(highlight_terms("a <b>", "")) == "a &lt;b&gt;"


def test_render_timeline_chart_counts_far_outliers_at_the_ends() -> None:
    entries = [(f"2031-04-{d:02d}", str(d), f"/{d}", "happening") for d in range(1, 21)]
    entries.append(("2019-06-01", "war began", "/w", "happening"))
    chart = timeline_chart(entries)
    assert chart is not None
    assert "war began" not in [p.label for p in chart.points]
    assert [n.text for n in chart.notes] == ["← 1 earlier"]
    assert chart.ticks[0].label.startswith("2031-")


def test_render_timeline_chart_caps_a_crowded_day() -> None:
    chart = timeline_chart([("2031-04-01", str(i), "/x", "happening") for i in range(25)], max_stack=10)
    assert chart is not None
    assert len(chart.points) == 10
    assert [n.text for n in chart.notes] == ["+15"]
