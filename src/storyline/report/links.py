"""Which article URLs may become links in the pages storyline renders (dossier and web app)."""

from __future__ import annotations

from urllib.parse import urlsplit

MAX_URL_CHARS = 4096


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None (never a javascript: link)."""
    if not url or any(c in url for c in "\x00\r\n\t") or len(url) > MAX_URL_CHARS:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()
