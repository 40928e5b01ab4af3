from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from report_corpus import HOSTILE

from storyline.report import write_dossier
from storyline.report.dossier import csp_hash, page_script

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "h4", "p", "nav", "ol", "ul", "li",
    "a", "span", "section", "table", "thead", "tbody", "tr", "th", "td", "strong", "del", "ins", "br", "div",
    "details", "summary", "dl", "dt", "dd", "form", "label", "select", "option", "input",
    "svg", "line", "text", "circle", "script",
}  # fmt: skip


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.bad_attrs: list[tuple[str, str | None]] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            if name.startswith("on") or name in {"src", "srcdoc", "formaction"}:
                self.bad_attrs.append((name, value))
            if name == "href" and value is not None:
                self.hrefs.append(value)


def test_dossier_html_escapes_hostile_article_text(hostile_corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    stories, articles, analyses = hostile_corpus
    html = write_dossier(tmp_path, stories, articles, analyses)[1].read_text("utf-8")
    audit = _Audit()
    audit.feed(html)
    assert audit.tags <= ALLOWED_TAGS, audit.tags - ALLOWED_TAGS
    assert audit.bad_attrs == []
    for href in audit.hrefs:
        assert href.startswith(("#", "https://", "http://")), href
    # one script: the package's own, allowed by its hash and nothing else
    assert html.lower().count("<script") == 1
    assert f"<script>{page_script()}</script>" in html
    assert f"script-src {csp_hash(page_script())};" in html
    # the hostile strings are shown as text, not dropped
    assert html.count("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") >= 3
    assert "javascript:alert(5)" in html  # the bad URL is shown as text, never as a link


def test_dossier_html_links_items_to_anchors(corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    stories, articles, analyses = corpus
    html = write_dossier(tmp_path, stories, articles, analyses)[1].read_text("utf-8")
    audit = _Audit()
    audit.feed(html)
    internal = [h[1:] for h in audit.hrefs if h.startswith("#")]
    assert internal
    for target in internal:
        assert f'id="{target}"' in html, target
    assert 'title="not in this rendering">…</span>' in html  # the trimmed rendering marks the cut
    assert HOSTILE[0] not in html


def test_reports_without_an_outlet_are_named_by_their_article_escaped(hostile_corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    stories, articles, analyses = hostile_corpus
    no_outlet = [a.model_copy(update={"outlet": None}) for a in articles]
    html = write_dossier(tmp_path, stories, no_outlet, analyses)[1].read_text("utf-8")
    audit = _Audit()
    audit.feed(html)
    assert audit.tags <= ALLOWED_TAGS and not audit.bad_attrs
    for section in ("s0-who", "s0-timeline"):  # quotes and timeline entries name their article
        start = html.index(f'id="{section}"')
        body = html[start : html.index("</section>", start)]
        assert "unknown outlet" not in body
        assert "the article “Orlo bridge repairs " in body
