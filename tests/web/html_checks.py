"""Parse served HTML and list what could run: scripts, event handlers, script URLs."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}


@dataclass
class Findings:
    inline_scripts: list[str] = field(default_factory=list)
    script_srcs: list[str] = field(default_factory=list)
    handlers: list[tuple[str, str]] = field(default_factory=list)
    bad_urls: list[tuple[str, str]] = field(default_factory=list)
    style_attrs: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = Findings()
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        f = self.found
        f.tags.append(tag)
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "script":
            self._in_script = True
            if "src" in values:
                f.script_srcs.append(values["src"])
        for name, value in values.items():
            if name.startswith("on"):
                f.handlers.append((tag, name))
            if name == "style":
                f.style_attrs.append(tag)
            if name == "id":
                f.ids.add(value)
            if name in URL_ATTRS:
                if name == "href":
                    f.links.append(value)
                lowered = "".join(value.split()).lower()
                if lowered.startswith(("javascript:", "vbscript:", "data:text/html")):
                    f.bad_urls.append((tag, value))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.found.inline_scripts.append(data)


def scan(html: str) -> Findings:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.found
