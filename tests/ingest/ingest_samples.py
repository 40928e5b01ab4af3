"""Sample inputs for reader tests, written for the tests (a fictional town and council)."""

from __future__ import annotations

from pathlib import Path

PARAGRAPHS = [
    "The council of Varnholm voted on Thursday to close the old tram depot by the end of the year.",
    "Its chair, Irena Sokol, said the building had become too costly to heat and too unsafe to repair.",
    "“We kept it running for forty years, and now it is time to let it go,” she told the assembly.",
    "Opposition members argued that 120 jobs were at stake and asked for an independent review first.",
    "The transport union said it would study the plan before deciding whether to call a strike.",
    "A final vote on the budget for the new depot is expected in the spring session of the council.",
]


def article_html(title: str = "Varnholm council votes to close tram depot", extra: str = "") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | The Varnholm Courier</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="The Varnholm Courier">
<meta name="author" content="Petra Almquist">
<meta property="article:published_time" content="2024-05-16T09:30:00+00:00">
</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav></header>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
<article><h1>{title}</h1>
<p class="byline">By Petra Almquist</p>
{body}
{extra}
</article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Bus fares to rise in autumn</a></li>
<li><a href="/b">Harbour bridge repairs delayed again</a></li></ul></aside>
<footer><p>Copyright 2024 The Varnholm Courier. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path
