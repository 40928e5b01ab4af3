"""The shared chart geometry and diff drawing (report.markup), used by the dossier and the web app."""

from __future__ import annotations

import itertools

from storyline.link.utterances import diff_ops
from storyline.report.markup import diff_html, timeline_chart


def test_chart_labels_the_busiest_days_and_links_the_outliers() -> None:
    entries = [("2019-05-01", "Tarn Post: the dam was built", "#tl-0", "happening")]
    entries += [(f"2031-06-{d:02d}", f"Keston Radio: day {d}", f"#tl-{d}", "statement") for d in range(1, 11)]
    entries += [("2031-06-05", "Velmore Daily: a second report", "#tl-99", "statement")] * 3
    chart = timeline_chart(entries)
    assert chart is not None
    earlier = [n for n in chart.notes if "earlier" in n.text]
    assert earlier and earlier[0].href == "#tl-0"  # the note leads to the first entry of the list
    assert chart.labels and all(len(label.text) <= 24 for label in chart.labels)
    assert chart.labels[0].text.startswith(("Keston Radio: day 5", "Velmore Daily"))  # the busiest day first
    xs = sorted(label.x for label in chart.labels if label.y == chart.labels[0].y)
    assert all(b - a >= 150 for a, b in itertools.pairwise(xs))  # labels on one row never overlap


def test_diff_html_escapes_and_marks_the_changes() -> None:
    html = str(
        diff_html(diff_ops("We will <b>open</b> the gate today", "We will open the <i>gate</i> tomorrow"))
    )
    assert "<b>" not in html and "<i>" not in html and "&lt;i&gt;gate&lt;/i&gt;" in html
    assert '<ins class="w-add">tomorrow</ins>' in html or "tomorrow</ins>" in html
