"""Places, offline: place mentions geocoded against the packaged GeoNames / ISO 3166 data."""

from storyline.nlp.places.gazetteer import PlaceGazetteer, alpha3, load_places
from storyline.nlp.places.geocode import Place, geocode
from storyline.nlp.places.mentions import PlaceMention, find_places

__all__ = ["Place", "PlaceGazetteer", "PlaceMention", "alpha3", "find_places", "geocode", "load_places"]
