"""Actors: names, titles, bodies and their clustering into the people and bodies of an article."""
