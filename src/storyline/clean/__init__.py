"""Noise removal for scraped article text, with an auditable map back to the raw input.

``clean_text(raw)`` works line by line, in three passes:

1. every line is classified on its own (players, credits, share bars, slugs, datelines, ...);
2. context rules look at neighbours (captions printed twice, "Read More" teaser blocks, the
   title under a video player, captions repeating a paragraph);
3. kept lines lose inline markup (markdown emphasis) and are joined one paragraph per line.

Nothing is dropped silently: every piece taken out is a :class:`~storyline.models.Removal` with
a reason, and ``offset_map`` satisfies ``text[c:c+n] == raw[r:r+n]`` for each segment. A line
the rules are unsure about is kept.
"""

from __future__ import annotations

from storyline.clean.cleaner import Cleaned, clean_text

__all__ = ["Cleaned", "clean_text"]
