"""Figures: numbers with their units and what they count."""
