"""Quotations, reported speech and their speakers (the core of ``storyline_quotes``)."""

from storyline.nlp.quotes.finder import find_quotes
from storyline.nlp.quotes.marks import QuoteSpan, find_quote_spans

__all__ = ["QuoteSpan", "find_quote_spans", "find_quotes"]
