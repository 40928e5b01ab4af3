"""Temporal expressions: finding them (rules, handlers, durations) and resolving their values."""
